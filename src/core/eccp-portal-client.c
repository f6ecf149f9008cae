/* eccp-portal-client.c: HTTP requests to the portal's JSON:API feed
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-portal-client.h"
#include "eccp-portal-client-private.h"
#include "eccp-portal-url.h"

#include "eccp-json.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "eccp-limits.h"

#define MEDIA_TYPE "application/vnd.api+json"
#define DEFAULT_TIMEOUT 30

G_DEFINE_QUARK (eccp-portal-error-quark, eccp_portal_error)

gboolean
eccp_portal_error_is_transient (const GError *error)
{
  return g_error_matches (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_UNREACHABLE) ||
         g_error_matches (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_TIMEOUT);
}

/* {{{ EccpPortalResponse */

G_DEFINE_BOXED_TYPE (EccpPortalResponse, eccp_portal_response,
                     eccp_portal_response_copy, eccp_portal_response_free)

EccpPortalResponse *
eccp_portal_response_copy (const EccpPortalResponse *self)
{
  EccpPortalResponse *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (EccpPortalResponse, 1);
  copy->status = self->status;
  copy->body = self->body != NULL ? json_node_ref (self->body) : NULL;
  copy->etag = g_strdup (self->etag);
  copy->retry_after = self->retry_after;
  copy->replayed = self->replayed;
  copy->short_texts = self->short_texts;

  return copy;
}

void
eccp_portal_response_free (EccpPortalResponse *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->body, json_node_unref);
  g_free (self->etag);
  g_free (self);
}

JsonObject *
eccp_portal_response_get_object (const EccpPortalResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->body == NULL || !JSON_NODE_HOLDS_OBJECT (self->body))
    return NULL;

  return json_node_get_object (self->body);
}

JsonArray *
eccp_portal_response_get_errors (const EccpPortalResponse *self)
{
  JsonObject *object = eccp_portal_response_get_object (self);
  JsonNode *errors;

  if (object == NULL || (errors = json_object_get_member (object, "errors")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (errors))
    return NULL;

  return json_node_get_array (errors);
}

static JsonObject *
first_error (const EccpPortalResponse *self)
{
  JsonArray *errors = eccp_portal_response_get_errors (self);
  JsonNode *first;

  if (errors == NULL || json_array_get_length (errors) == 0)
    return NULL;

  first = json_array_get_element (errors, 0);
  return JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

const char *
eccp_portal_response_get_error_code (const EccpPortalResponse *self)
{
  return string_member (first_error (self), "code");
}

char *
eccp_portal_response_describe (const EccpPortalResponse *self)
{
  JsonObject *error = first_error (self);
  const char *detail = string_member (error, "detail");
  const char *title = string_member (error, "title");

  g_return_val_if_fail (self != NULL, NULL);

  if (detail != NULL && *detail != '\0')
    return g_strdup (detail);
  if (title != NULL && *title != '\0')
    return g_strdup (title);

  /* TRANSLATORS: an HTTP status without an explanation, "HTTP 502" */
  return g_strdup_printf (_("HTTP %u"), self->status);
}

gint64
eccp_portal_parse_retry_after (const char *value,
                               GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) current = NULL;
  guint64 seconds;
  const char *end = NULL;

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, (char **) &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0')
        return -1;
      return (gint64) MIN (seconds, (guint64) G_MAXINT32);
    }

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  /* A date in the past means "now". */
  return MAX (0, g_date_time_difference (when, current) / G_TIME_SPAN_SECOND);
}

/* }}} */

struct _EccpPortalClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;     /* without a trailing slash */
  char        *display_url;  /* for messages: no user info */
  char        *host;
  char        *authorization;
  guint        timeout;
  /* What was wrong with the last certificate refused, to say so. */
  GTlsCertificateFlags tls_errors;
};

G_DEFINE_FINAL_TYPE (EccpPortalClient, eccp_portal_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eccp_portal_client_finalize (GObject *object)
{
  EccpPortalClient *self = ECCP_PORTAL_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->display_url);
  g_free (self->host);
  if (self->authorization != NULL)
    {
      /* Do not leave the token lying about in freed memory. */
      explicit_bzero (self->authorization, strlen (self->authorization));
      g_free (self->authorization);
    }

  G_OBJECT_CLASS (eccp_portal_client_parent_class)->finalize (object);
}

static void
eccp_portal_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EccpPortalClient *self = ECCP_PORTAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_portal_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EccpPortalClient *self = ECCP_PORTAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      eccp_portal_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_portal_client_class_init (EccpPortalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eccp_portal_client_finalize;
  object_class->get_property = eccp_portal_client_get_property;
  object_class->set_property = eccp_portal_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eccp_portal_client_init (EccpPortalClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  /* SoupContentDecoder is one of a session's default features: it sends
   * Accept-Encoding (gzip, deflate) and decodes what comes back. */
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "user-agent", "ECCP-Desk/" PACKAGE_VERSION " ",
                                                 NULL);
}

EccpPortalClient *
eccp_portal_client_new (const char  *base_url,
                        const char  *token,
                        GError     **error)
{
  return eccp_portal_client_new_full (base_url, token, FALSE, error);
}

EccpPortalClient *
eccp_portal_client_new_full (const char  *base_url,
                             const char  *token,
                             gboolean     allow_insecure,
                             GError     **error)
{
  g_autoptr(EccpPortalClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) url_error = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  /* The client checks too, whoever made it: no token over plain http to
   * another host, no password in a URL libsoup might use. */
  if (!eccp_portal_url_check (base_url, allow_insecure, &url, &url_error))
    {
      g_set_error_literal (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED, url_error->message);
      return NULL;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  /* A token goes into a header as it is: no line breaks, no controls. */
  if (*token == '\0')
    {
      g_set_error_literal (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED,
                           _("The access token is empty"));
      return NULL;
    }
  for (const char *p = token; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x21 || (guchar) *p == 0x7f)
        {
          g_set_error_literal (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED,
                               _("The access token contains spaces or control characters"));
          return NULL;
        }
    }

  self = g_object_new (ECCP_TYPE_PORTAL_CLIENT, NULL);
  self->base_url = g_steal_pointer (&url);
  self->display_url = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_AUTH_PARAMS);
  self->host = g_strdup (g_uri_get_host (uri));
  self->authorization = g_strconcat ("Bearer ", token, NULL);

  return g_steal_pointer (&self);
}

const char *
eccp_portal_client_get_base_url (EccpPortalClient *self)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_CLIENT (self), NULL);

  return self->base_url;
}

guint
eccp_portal_client_get_timeout (EccpPortalClient *self)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_CLIENT (self), 0);

  return self->timeout;
}

void
eccp_portal_client_set_timeout (EccpPortalClient *self,
                                guint             seconds)
{
  g_return_if_fail (ECCP_IS_PORTAL_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/* {{{ Requests */

static gboolean
refuse_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  EccpPortalClient *self = user_data;

  self->tls_errors = errors;

  return FALSE;
}

/* "it is not signed by an authority this computer trusts; …" for what was
 * wrong with the certificate refused last. */
static char *
describe_tls_errors (EccpPortalClient *self)
{
  static const struct { GTlsCertificateFlags flag; const char *text; } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("it is not signed by an authority this computer trusts (it may be self-signed)") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it was not made for this host name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("it is not valid") },
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if ((self->tls_errors & reasons[i].flag) != 0)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", _(reasons[i].text));

  return g_string_free (text, FALSE);
}

static SoupMessage *
build_message (EccpPortalClient  *self,
               const char        *method,
               const char        *path,
               JsonNode          *body,
               gint64             if_match,
               const char        *idempotency_key,
               GError           **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;

  if (path == NULL || path[0] != '/')
    {
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED,
                   "Portal request path “%s” does not start with “/”", path ? path : "");
      return NULL;
    }

  url = g_strconcat (self->base_url, path, NULL);
  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED,
                   _("Cannot make a request to the portal at %s for “%s”"),
                   self->display_url, path);
      return NULL;
    }

  /* Never follow a redirect: the bearer token is for this host only, and a
   * redirected POST would become a GET. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  /* TLS fails closed: no certificate the system does not trust is ever
   * accepted; the handler only notes why, for the message. */
  g_signal_connect_object (msg, "accept-certificate", G_CALLBACK (refuse_certificate_cb), self, 0);

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", MEDIA_TYPE);

  if (if_match > 0)
    {
      g_autofree char *value = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", if_match);

      soup_message_headers_replace (headers, "If-Match", value);
    }

  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);

  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;
      char *text;

      json_generator_set_root (generator, body);
      text = json_generator_to_data (generator, &length);
      bytes = g_bytes_new_take (text, length);
      soup_message_set_request_body_from_bytes (msg, MEDIA_TYPE, bytes);
    }

  return g_steal_pointer (&msg);
}

static void
set_transfer_error (EccpPortalClient  *self,
                    GError            *cause,
                    GError           **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
    }
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_TIMEOUT,
                   _("The portal at %s did not answer within %u seconds"),
                   self->display_url, self->timeout);
    }
  else if (cause->domain == G_RESOLVER_ERROR)
    {
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_UNREACHABLE,
                   _("Cannot find the portal’s host “%s”: %s"), self->host, cause->message);
    }
  else if (cause->domain == G_TLS_ERROR)
    {
      g_autofree char *why = describe_tls_errors (self);

      if (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) && *why != '\0')
        g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED,
                     _("Refused the certificate of the portal at %s: %s. Nothing was sent"),
                     self->display_url, why);
      else
        g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED,
                     _("Cannot make a secure connection to the portal at %s: %s"),
                     self->display_url, cause->message);
    }
  else if (g_error_matches (cause, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_MESSAGE_ALREADY_IN_QUEUE))
    {
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED,
                   _("Cannot reach the portal at %s: %s"), self->display_url, cause->message);
    }
  else
    {
      /* Refused, reset or dropped connections, unreachable networks, an
       * answer cut short: all worth another try later. */
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_UNREACHABLE,
                   _("Cannot reach the portal at %s: %s"), self->display_url, cause->message);
    }
}

static EccpPortalResponse *
parse_response (EccpPortalClient  *self,
                SoupMessage       *msg,
                GBytes            *bytes,
                GError           **error)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  g_debug ("%s %s: %u", soup_message_get_method (msg),
           g_uri_get_path (soup_message_get_uri (msg)), soup_message_get_status (msg));

  return _eccp_portal_response_parse (self->display_url, soup_message_get_status (msg),
                                      soup_message_get_response_headers (msg),
                                      data, size, error);
}

/* What the headers say: the status, ETag, Retry-After and
 * Idempotent-Replayed.  %NULL for a redirect.  Reads @headers, so it runs
 * where the message lives (SoupMessage is not thread-safe). */
static EccpPortalResponse *
response_from_headers (const char          *display_url,
                       guint                status,
                       SoupMessageHeaders  *headers,
                       GError             **error)
{
  g_autoptr(EccpPortalResponse) response = g_new0 (EccpPortalResponse, 1);
  g_autofree char *replayed = NULL;

  response->status = status;
  response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  response->retry_after = eccp_portal_parse_retry_after (soup_message_headers_get_one (headers,
                                                                                       "Retry-After"),
                                                         NULL);
  replayed = g_strdup (soup_message_headers_get_one (headers, "Idempotent-Replayed"));
  response->replayed = replayed != NULL && g_ascii_strcasecmp (g_strstrip (replayed), "true") == 0;

  if (response->replayed)
    g_debug ("Replayed answer (Idempotent-Replayed: true)");

  if (response->status >= 300 && response->status < 400)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");

      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                   _("The portal at %s answered with a redirect (HTTP %u) to %s; "
                     "check the portal address"),
                   display_url, response->status, location ? location : "?");
      return NULL;
    }

  return g_steal_pointer (&response);
}

/* The body, @size bytes of @data, into @response: touches nothing but its
 * arguments, so it may run on any thread.  @content_type (or %NULL) names
 * what came in a message. */
static gboolean
response_parse_body (EccpPortalResponse  *response,
                     const char          *display_url,
                     const char          *content_type,
                     const char          *data,
                     gsize                size,
                     GError             **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize longest;

  if (size == 0)
    return TRUE;

  /* json-glib parses recursively: a deep document would overflow the
   * stack, so it is refused before it is parsed.  The same pass spares
   * the sync a walk of every string of a page (check_page_records). */
  if (!eccp_json_measure (data, size, ECCP_LIMIT_DEPTH, &longest))
    {
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                   _("The answer from %s is nested deeper than %u levels: refused"),
                   display_url, ECCP_LIMIT_DEPTH);
      return FALSE;
    }

  response->short_texts = longest <= ECCP_LIMIT_TEXT_BYTES;
  parser = json_parser_new_immutable ();
  if (eccp_json_parser_load (parser, data, size, &parse_error) &&
      json_parser_get_root (parser) != NULL)
    response->body = json_parser_steal_root (parser);

  if (response->status < 300)
    {
      if (response->body == NULL &&
          g_error_matches (parse_error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA))
        {
          /* JSON that cannot be read safely (a NUL in a string) */
          g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                       _("The answer from %s cannot be read: %s"),
                       display_url, parse_error->message);
          return FALSE;
        }
      if (response->body == NULL)
        {
          g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                       _("The answer from %s is not JSON (%s): is this the portal’s "
                         "JSON:API address?"),
                       display_url, content_type ? content_type : _("no content type"));
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_OBJECT (response->body))
        {
          g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                       _("The answer from %s is not a JSON:API document"),
                       display_url);
          return FALSE;
        }
    }
  /* An error status with a body that is not JSON (a proxy's HTML page)
   * is still an answer: its status says what happened. */

  return TRUE;
}

EccpPortalResponse *
_eccp_portal_response_parse (const char          *display_url,
                             guint                status,
                             SoupMessageHeaders  *headers,
                             const char          *data,
                             gsize                size,
                             GError             **error)
{
  g_autoptr(EccpPortalResponse) response = NULL;

  response = response_from_headers (display_url, status, headers, error);
  if (response == NULL ||
      !response_parse_body (response, display_url,
                            soup_message_headers_get_content_type (headers, NULL),
                            data, size, error))
    return NULL;

  return g_steal_pointer (&response);
}

/* {{{ Reading an answer's body, within ECCP_LIMIT_ANSWER_BYTES */

#define READ_CHUNK (64 * 1024)

/* One request's reading.  SoupContentDecoder decompresses under the
 * stream: what is read from it counts against the limit, and so does what
 * came over the wire (the message's metrics, before decoding): a stream of
 * empty gzip blocks unpacks to nothing.  A read that never ends is the
 * sync run's deadline's to stop. */
typedef struct
{
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  GCancellable *cancellable;
  guint64       limit;
  gboolean      too_large;
} Reading;

static void
reading_free (Reading *reading)
{
  g_clear_object (&reading->cancellable);
  g_clear_object (&reading->stream);
  g_clear_pointer (&reading->body, g_byte_array_unref);
  g_clear_object (&reading->msg);
  g_free (reading);
}

static Reading *
reading_new (SoupMessage  *msg,
             GCancellable *cancellable)
{
  Reading *reading = g_new0 (Reading, 1);

  reading->msg = g_object_ref (msg);
  reading->body = g_byte_array_new ();
  reading->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  reading->limit = eccp_limit_get ("ANSWER_BYTES", ECCP_LIMIT_ANSWER_BYTES);
  soup_message_add_flags (msg, SOUP_MESSAGE_COLLECT_METRICS);

  return reading;
}

static void
set_too_large (EccpPortalClient  *self,
               GError           **error)
{
  /* TRANSLATORS: the limit is in megabytes, "larger than 64 MB" */
  g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
               _("The portal’s answer is larger than %u MB: refused (%s)"),
               ECCP_LIMIT_ANSWER_MB, self->display_url);
}

/* The headers are in: refuses a Content-Length over the limit before
 * reading a byte of the body. */
static gboolean
reading_check_headers (EccpPortalClient  *self,
                       Reading           *reading,
                       GError           **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (reading->msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > reading->limit)
    {
      reading->too_large = TRUE;
      set_too_large (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Takes one chunk read (or the error of reading it): %FALSE when the
 * reading is over with @error set. */
static gboolean
reading_take_chunk (EccpPortalClient  *self,
                    Reading           *reading,
                    GBytes            *chunk,
                    GError            *read_error,
                    GError           **error)
{
  SoupMessageMetrics *metrics;

  if (reading->too_large)
    {
      set_too_large (self, error);
      return FALSE;
    }

  if (chunk == NULL)
    {
      g_debug ("%s %s: %s", soup_message_get_method (reading->msg),
               g_uri_get_path (soup_message_get_uri (reading->msg)), read_error->message);
      set_transfer_error (self, read_error, error);
      return FALSE;
    }

  metrics = soup_message_get_metrics (reading->msg);
  if (reading->body->len + g_bytes_get_size (chunk) > reading->limit ||
      (metrics != NULL &&
       soup_message_metrics_get_response_body_bytes_received (metrics) > reading->limit))
    {
      reading->too_large = TRUE;
      set_too_large (self, error);
      return FALSE;
    }

  g_byte_array_append (reading->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));

  return TRUE;
}

static EccpPortalResponse *
reading_finish (EccpPortalClient  *self,
                Reading           *reading,
                GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_input_stream_close (reading->stream, NULL, NULL);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&reading->body));

  return parse_response (self, reading->msg, bytes, error);
}

/* Bodies smaller than this are parsed where they were read: a thread
 * hop would cost more than the parse. */
#define PARSE_INLINE_BYTES (32 * 1024)

/* A body parsed on a thread: only what the headers said is taken along,
 * never the SoupMessage, which is not thread-safe. */
typedef struct
{
  EccpPortalResponse *response;
  char               *display_url;
  char               *content_type;
  GBytes             *bytes;
} Parsing;

static void
parsing_free (Parsing *parsing)
{
  g_clear_pointer (&parsing->response, eccp_portal_response_free);
  g_free (parsing->display_url);
  g_free (parsing->content_type);
  g_clear_pointer (&parsing->bytes, g_bytes_unref);
  g_free (parsing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsing, parsing_free)

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Parsing *parsing = task_data;
  gsize size;
  const char *data = g_bytes_get_data (parsing->bytes, &size);
  GError *error = NULL;

  if (!response_parse_body (parsing->response, parsing->display_url, parsing->content_type,
                            data, size, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&parsing->response),
                           (GDestroyNotify) eccp_portal_response_free);
}

/* The body is in: the headers are read here, the JSON parsed on a
 * thread, and the task returns on the caller's main context.  Replacing
 * the task's data lets go of the message here, not on the thread. */
static void
parse_on_thread (GTask *task)
{
  EccpPortalClient *self = g_task_get_source_object (task);
  Reading *reading = g_task_get_task_data (task);
  SoupMessage *msg = reading->msg;
  g_autoptr(Parsing) parsing = g_new0 (Parsing, 1);
  GError *error = NULL;

  g_input_stream_close (reading->stream, NULL, NULL);
  g_debug ("%s %s: %u", soup_message_get_method (msg),
           g_uri_get_path (soup_message_get_uri (msg)), soup_message_get_status (msg));

  parsing->response = response_from_headers (self->display_url, soup_message_get_status (msg),
                                             soup_message_get_response_headers (msg), &error);
  if (parsing->response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  parsing->display_url = g_strdup (self->display_url);
  parsing->content_type = g_strdup (soup_message_headers_get_content_type (
                                      soup_message_get_response_headers (msg), NULL));
  parsing->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&reading->body));

  g_task_set_task_data (task, g_steal_pointer (&parsing), (GDestroyNotify) parsing_free);
  g_task_run_in_thread (task, parse_thread);
  g_object_unref (task);
}

static void read_chunk_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
read_next_chunk (GTask *task)
{
  Reading *reading = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (reading->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   reading->cancellable, read_chunk_cb, task);
}

static void
read_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpPortalClient *self = g_task_get_source_object (task);
  Reading *reading = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) read_error = NULL;
  GError *error = NULL;
  EccpPortalResponse *response;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &read_error);
  if (!reading_take_chunk (self, reading, chunk, read_error, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      read_next_chunk (g_steal_pointer (&task));
      return;
    }

  if (reading->body->len < PARSE_INLINE_BYTES)
    {
      response = reading_finish (self, reading, &error);
      if (response == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, response, (GDestroyNotify) eccp_portal_response_free);
      return;
    }

  parse_on_thread (g_steal_pointer (&task));
}

static void
request_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpPortalClient *self = g_task_get_source_object (task);
  Reading *reading = g_task_get_task_data (task);
  g_autoptr(GError) send_error = NULL;
  GError *error = NULL;

  reading->stream = soup_session_send_finish (SOUP_SESSION (object), result, &send_error);
  if (reading->stream == NULL)
    {
      g_debug ("%s %s: %s", soup_message_get_method (reading->msg),
               g_uri_get_path (soup_message_get_uri (reading->msg)), send_error->message);
      set_transfer_error (self, send_error, &error);
      g_task_return_error (task, error);
      return;
    }

  if (!reading_check_headers (self, reading, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  read_next_chunk (g_steal_pointer (&task));
}

/* }}} */

void
eccp_portal_client_request_async (EccpPortalClient    *self,
                                  const char          *method,
                                  const char          *path,
                                  JsonNode            *body,
                                  gint64               if_match,
                                  const char          *idempotency_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  Reading *reading;

  g_return_if_fail (ECCP_IS_PORTAL_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_portal_client_request_async);

  msg = build_message (self, method, path, body, if_match, idempotency_key, &error);
  if (msg == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reading = reading_new (msg, cancellable);
  g_task_set_task_data (task, reading, (GDestroyNotify) reading_free);
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, reading->cancellable,
                           request_sent_cb, g_steal_pointer (&task));
}

EccpPortalResponse *
eccp_portal_client_request_finish (EccpPortalClient  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

EccpPortalResponse *
eccp_portal_client_request (EccpPortalClient  *self,
                            const char        *method,
                            const char        *path,
                            JsonNode          *body,
                            gint64             if_match,
                            const char        *idempotency_key,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) local_error = NULL;
  Reading *reading;
  EccpPortalResponse *response = NULL;

  g_return_val_if_fail (ECCP_IS_PORTAL_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);

  msg = build_message (self, method, path, body, if_match, idempotency_key, error);
  if (msg == NULL)
    return NULL;

  reading = reading_new (msg, cancellable);
  reading->stream = soup_session_send (self->session, msg, reading->cancellable, &local_error);
  if (reading->stream == NULL)
    set_transfer_error (self, local_error, error);
  else if (reading_check_headers (self, reading, error))
    {
      for (;;)
        {
          g_autoptr(GBytes) chunk = NULL;

          g_clear_error (&local_error);
          chunk = g_input_stream_read_bytes (reading->stream, READ_CHUNK, reading->cancellable,
                                             &local_error);
          if (!reading_take_chunk (self, reading, chunk, local_error, error))
            break;
          if (g_bytes_get_size (chunk) == 0)
            {
              response = reading_finish (self, reading, error);
              break;
            }
        }
    }

  reading_free (reading);

  return response;
}

/* }}} */

/* {{{ GET /me */

static JsonObject *
me_from_response (EccpPortalClient    *self,
                  EccpPortalResponse  *response,
                  GError             **error)
{
  JsonObject *object;
  JsonNode *data;

  if (response->status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error_literal (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_AUTH,
                           _("The portal refused the access token: it is wrong, expired or "
                             "revoked"));
      return NULL;
    }

  if (response->status != SOUP_STATUS_OK)
    {
      g_autofree char *reason = eccp_portal_response_describe (response);

      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_HTTP,
                   _("The portal at %s answered %u: %s"), self->display_url,
                   response->status, reason);
      return NULL;
    }

  object = eccp_portal_response_get_object (response);
  data = object != NULL ? json_object_get_member (object, "data") : NULL;
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                   _("The portal at %s did not describe the user"), self->display_url);
      return NULL;
    }

  return json_object_ref (json_node_get_object (data));
}

static void
get_me_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpPortalClient *self = ECCP_PORTAL_CLIENT (object);
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *me;

  response = eccp_portal_client_request_finish (self, result, &error);
  if (response == NULL || (me = me_from_response (self, response, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, me, (GDestroyNotify) json_object_unref);
}

void
eccp_portal_client_get_me_async (EccpPortalClient    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ECCP_IS_PORTAL_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_portal_client_get_me_async);
  eccp_portal_client_request_async (self, "GET", "/me", NULL, 0, NULL, cancellable,
                                    get_me_cb, task);
}

JsonObject *
eccp_portal_client_get_me_finish (EccpPortalClient  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonObject *
eccp_portal_client_get_me (EccpPortalClient  *self,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(EccpPortalResponse) response = NULL;

  g_return_val_if_fail (ECCP_IS_PORTAL_CLIENT (self), NULL);

  response = eccp_portal_client_request (self, "GET", "/me", NULL, 0, NULL, cancellable, error);
  if (response == NULL)
    return NULL;

  return me_from_response (self, response, error);
}

/* }}} */
