/* eccp-portal-client.c: HTTP requests to the portal's JSON:API feed
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-portal-client.h"

#include "eccp-json.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

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
  g_autoptr(EccpPortalClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED,
                   _("“%s” is not a portal address: give an http or https URL such as "
                     "https://portal.example.eu/jsonapi"),
                   base_url);
      return NULL;
    }

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
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
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
  g_autoptr(EccpPortalResponse) response = g_new0 (EccpPortalResponse, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autofree char *replayed = NULL;
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  response->status = soup_message_get_status (msg);
  response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  response->retry_after = eccp_portal_parse_retry_after (soup_message_headers_get_one (headers,
                                                                                       "Retry-After"),
                                                         NULL);
  replayed = g_strdup (soup_message_headers_get_one (headers, "Idempotent-Replayed"));
  response->replayed = replayed != NULL && g_ascii_strcasecmp (g_strstrip (replayed), "true") == 0;

  g_debug ("%s %s: %u%s", soup_message_get_method (msg),
           g_uri_get_path (soup_message_get_uri (msg)), response->status,
           response->replayed ? " (replayed)" : "");

  if (response->status >= 300 && response->status < 400)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");

      g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                   _("The portal at %s answered with a redirect (HTTP %u) to %s; "
                     "check the portal address"),
                   self->display_url, response->status, location ? location : "?");
      return NULL;
    }

  if (size > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) parse_error = NULL;

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
                           self->display_url, parse_error->message);
              return NULL;
            }
          if (response->body == NULL)
            {
              const char *type = soup_message_headers_get_content_type (headers, NULL);

              g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                           _("The answer from %s is not JSON (%s): is this the portal’s "
                             "JSON:API address?"),
                           self->display_url, type ? type : _("no content type"));
              return NULL;
            }
          if (!JSON_NODE_HOLDS_OBJECT (response->body))
            {
              g_set_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE,
                           _("The answer from %s is not a JSON:API document"),
                           self->display_url);
              return NULL;
            }
        }
      /* An error status with a body that is not JSON (a proxy's HTML page)
       * is still an answer: its status says what happened. */
    }

  return g_steal_pointer (&response);
}

static void
request_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpPortalClient *self = g_task_get_source_object (task);
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  EccpPortalResponse *response;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      GError *mapped = NULL;

      g_debug ("%s %s: %s", soup_message_get_method (msg),
               g_uri_get_path (soup_message_get_uri (msg)), error->message);
      set_transfer_error (self, error, &mapped);
      g_task_return_error (task, mapped);
      return;
    }

  response = parse_response (self, msg, bytes, &error);
  if (response == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, response, (GDestroyNotify) eccp_portal_response_free);
}

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
  SoupMessage *msg;

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

  g_task_set_task_data (task, msg, g_object_unref);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    request_read_cb, g_steal_pointer (&task));
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
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ECCP_IS_PORTAL_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);

  msg = build_message (self, method, path, body, if_match, idempotency_key, error);
  if (msg == NULL)
    return NULL;

  bytes = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
  if (bytes == NULL)
    {
      set_transfer_error (self, local_error, error);
      return NULL;
    }

  return parse_response (self, msg, bytes, error);
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
