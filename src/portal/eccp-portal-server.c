/* eccp-portal-server.c: the reference portal's HTTP side (portal-api.md)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Routes, authentication, gzip both ways, the headers of portal-api.md and
 * the fault injection of docs/PORTAL.md.  What a request does is decided
 * elsewhere (eccp-portal-write.c, -feed.c, -batch.c); this file turns HTTP
 * into those calls and their answers back into HTTP.
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-server.h"

#include <string.h>

#include <libsoup/soup.h>

#include "eccp-json.h"
#include "eccp-token.h"
#include "eccp-portal-access.h"
#include "eccp-portal-answer.h"
#include "eccp-portal-batch.h"
#include "eccp-portal-faults.h"
#include "eccp-portal-feed.h"
#include "eccp-portal-gzip.h"
#include "eccp-portal-write.h"

#define MEDIA_TYPE "application/vnd.api+json"

/* A request body, once decompressed, is at most this large. */
#define MAX_BODY_LENGTH (64 * 1024 * 1024)

/* Idempotency keys are kept 24 hours; look for older ones every hour. */
#define ANSWER_LIFETIME_S (24 * 3600)
#define PURGE_INTERVAL_S  3600

struct _EccpPortalServer
{
  GObject           parent_instance;

  SoupServer       *server;
  EccpPortalDb     *db;
  EccpPortalUsers  *users;
  EccpPortalFaults *faults;
  gboolean          test_hooks;
  guint             purge_source;
};

G_DEFINE_TYPE (EccpPortalServer, eccp_portal_server, G_TYPE_OBJECT)

/* ---- answers into HTTP ---- */

static void
respond (SoupServerMessage *msg,
         EccpPortalAnswer  *answer)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* libsoup does not know every status of portal-api.md by name. */
  soup_server_message_set_status (msg, answer->status,
                                  answer->status == 428 ? "Precondition Required" :
                                  answer->status == 429 ? "Too Many Requests" : NULL);
  soup_message_headers_replace (headers, "Vary", "Accept-Encoding");

  if (answer->etag > 0)
    {
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", answer->etag);

      soup_message_headers_replace (headers, "ETag", etag);
    }
  if (answer->replayed)
    soup_message_headers_replace (headers, "Idempotent-Replayed", "true");
  if (answer->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", answer->retry_after);
  if (answer->allow != NULL)
    soup_message_headers_replace (headers, "Allow", answer->allow);
  if (answer->status == 401)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"eccp-portal\"");

  if (answer->body == NULL)
    return;

  if (eccp_portal_gzip_accepted (soup_message_headers_get_one (request_headers,
                                                               "Accept-Encoding")))
    {
      g_autoptr(GBytes) compressed = eccp_portal_gzip_compress (answer->body,
                                                                strlen (answer->body));
      gsize length = 0;
      gpointer data = g_bytes_unref_to_data (g_steal_pointer (&compressed), &length);

      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, MEDIA_TYPE, SOUP_MEMORY_TAKE, data, length);
    }
  else
    {
      gsize length = strlen (answer->body);

      soup_server_message_set_response (msg, MEDIA_TYPE, SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&answer->body), length);
    }
}

/* The connection closes without an answer (a lost answer, for tests). */
static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static gboolean
unpause_message (gpointer user_data)
{
  soup_server_message_unpause (user_data);

  return G_SOURCE_REMOVE;
}

/* A byte of the answer every @interval ms (a trickle, for tests). */
typedef struct
{
  SoupServerMessage *msg;
  GBytes            *body;
  gsize              sent;
} Trickle;

static void
trickle_free (gpointer data)
{
  Trickle *trickle = data;

  g_object_unref (trickle->msg);
  g_bytes_unref (trickle->body);
  g_free (trickle);
}

static gboolean
trickle_cb (gpointer user_data)
{
  Trickle *trickle = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (trickle->msg);
  gsize length;
  const char *data = g_bytes_get_data (trickle->body, &length);

  if (trickle->sent < length)
    soup_message_body_append (body, SOUP_MEMORY_COPY, data + trickle->sent++, 1);
  if (trickle->sent == length)
    soup_message_body_complete (body);
  soup_server_message_unpause (trickle->msg);

  return trickle->sent < length ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
respond_trickle (SoupServerMessage *msg,
                 EccpPortalAnswer  *answer,
                 guint              interval)
{
  Trickle *trickle = g_new0 (Trickle, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, answer->status, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, MEDIA_TYPE, NULL);
  trickle->msg = g_object_ref (msg);
  trickle->body = g_bytes_new (answer->body, strlen (answer->body));
  soup_server_message_pause (msg);
  g_timeout_add_full (G_PRIORITY_DEFAULT, interval, trickle_cb, trickle, trickle_free);
}

static gboolean
drop_later (gpointer user_data)
{
  drop_connection (user_data);

  return G_SOURCE_REMOVE;
}

/* The hostile answers of the malformed-feed suite that are more than a
 * body: %FALSE for those that are only a body (@answer holds it). */
static gboolean
respond_hostile (EccpPortalServer  *self,
                 SoupServerMessage *msg,
                 EccpPortalAnswer  *answer,
                 const char        *kind)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize length = strlen (answer->body);

  if (g_str_equal (kind, "html"))
    {
      /* A captive portal's page, with 200 */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                        answer->body, length);
    }
  else if (g_str_equal (kind, "redirect"))
    {
      GUri *uri = soup_server_message_get_uri (msg);
      g_autofree char *location =
        g_strdup_printf ("%s%s%s%s", eccp_portal_faults_get_hostile_url (self->faults),
                         g_uri_get_path (uri), g_uri_get_query (uri) != NULL ? "?" : "",
                         g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "");

      soup_server_message_set_status (msg, 302, NULL);
      soup_message_headers_replace (headers, "Location", location);
    }
  else if (g_str_equal (kind, "huge_length") || g_str_equal (kind, "truncated"))
    {
      gboolean huge = g_str_equal (kind, "huge_length");

      /* A length promised and never sent: 1 TiB, or the whole answer of
       * which half comes before the connection is closed. */
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (headers, MEDIA_TYPE, NULL);
      soup_message_headers_set_content_length (headers, huge ? G_GUINT64_CONSTANT (1) << 40 : length);
      soup_server_message_pause (msg);
      soup_message_body_append (body, SOUP_MEMORY_COPY, answer->body, huge ? 16 : length / 2);
      soup_server_message_unpause (msg);
      if (!huge)
        g_timeout_add_full (G_PRIORITY_DEFAULT, 100, drop_later, g_object_ref (msg),
                            g_object_unref);
    }
  else if (g_str_equal (kind, "big_raw"))
    {
      /* Neither gzip nor a Content-Length: only the bytes count */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, MEDIA_TYPE, SOUP_MEMORY_COPY, answer->body, length);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
    }
  else
    return FALSE;

  g_debug ("GET /changes → hostile: %s", kind);

  return TRUE;
}

/* ---- requests ---- */

static EccpPortalAnswer *
method_not_allowed (const char *allow)
{
  EccpPortalAnswer *answer =
    eccp_portal_answer_new_error (405, "method_not_allowed", "Method not allowed", NULL,
                                  "This path answers %s only", allow);

  answer->allow = g_strdup (allow);

  return answer;
}

static EccpPortalAnswer *
path_not_found (const char *path)
{
  return eccp_portal_answer_new_error (404, "not_found", "Not found", NULL,
                                       "Nothing is at %s", path);
}

/* The request body as JSON; %NULL with an answer (400) in @answer. */
static JsonNode *
read_body (SoupServerMessage  *msg,
           EccpPortalAnswer  **answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;
  JsonNode *root;

  if (encoding != NULL && (g_ascii_strcasecmp (encoding, "gzip") == 0 ||
                           g_ascii_strcasecmp (encoding, "x-gzip") == 0))
    {
      GBytes *plain = eccp_portal_gzip_decompress (bytes, MAX_BODY_LENGTH, &error);

      if (plain == NULL)
        {
          *answer = eccp_portal_answer_new_error (400, "invalid_encoding", "Malformed gzip body",
                                                  NULL, "%s", error->message);
          return NULL;
        }
      g_bytes_unref (bytes);
      bytes = plain;
    }
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "identity") != 0)
    {
      *answer = eccp_portal_answer_new_error (415, "unsupported_encoding", "Unsupported encoding",
                                              NULL, "Bodies may be sent as they are or gzipped, "
                                              "not as “%s”", encoding);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  if (length == 0 ||
      !eccp_json_parser_load (parser, data, length, &error) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      *answer = eccp_portal_answer_new_error (400, "invalid_json", "Malformed JSON", NULL,
                                              "The body is not JSON: %s",
                                              error != NULL ? error->message : "it is empty");
      return NULL;
    }

  return json_node_ref (root);
}

/* POST /{type} or PATCH /{type}/{id}: the body's resource object. */
static JsonObject *
get_data (JsonNode          *document,
          EccpPortalAnswer **answer)
{
  JsonObject *data = NULL;

  if (JSON_NODE_HOLDS_OBJECT (document))
    data = eccp_json_get_object (json_node_get_object (document), "data");

  if (data == NULL)
    *answer = eccp_portal_answer_new_error (400, "invalid_document", "Malformed document",
                                            "/data",
                                            "The body must be {\"data\": {resource object}}");

  return data;
}

static EccpPortalAnswer *
handle_write (EccpPortalServer  *self,
              SoupServerMessage *msg,
              EccpPortalUser    *user,
              EccpPortalOp       op,
              const char        *type,
              const char        *id)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonNode) document = NULL;
  EccpPortalAnswer *answer = NULL;
  EccpPortalWrite write = {
    .op = op,
    .type = type,
    .id = id,
    .if_match = soup_message_headers_get_one (headers, "If-Match"),
    .idempotency_key = soup_message_headers_get_one (headers, "Idempotency-Key"),
  };

  if (op != ECCP_PORTAL_OP_REMOVE)
    {
      document = read_body (msg, &answer);
      if (document == NULL)
        return answer;

      write.data = get_data (document, &answer);
      if (write.data == NULL)
        return answer;
    }

  return eccp_portal_write_apply (self->db, user, &write);
}

static EccpPortalAnswer *
handle_get_record (EccpPortalServer *self,
                   EccpPortalUser   *user,
                   const char       *type,
                   const char       *id)
{
  g_autoptr(EccpPortalRow) row = NULL;
  g_autoptr(GError) error = NULL;
  const char *view = NULL;
  gint64 rev = 0;

  row = eccp_portal_db_get_row (self->db, id, &error);
  if (error != NULL)
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);

  if (row != NULL && g_str_equal (row->type, type))
    view = eccp_portal_access_view (user, row, &rev);

  if (view == NULL)
    return eccp_portal_answer_new_error (404, "not_found", "No such record", NULL,
                                         "There is no %s with id %s", type, id);

  return eccp_portal_answer_new_record (200, view, rev);
}

static EccpPortalAnswer *
handle_changes (SoupServerMessage *msg,
                EccpPortalServer  *self,
                EccpPortalUser    *user,
                GHashTable        *query)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *next_base = NULL;

  next_base = g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                          g_uri_get_port (uri), ECCP_PORTAL_BASE_PATH "/changes", NULL, NULL);

  return eccp_portal_feed_page (self->db, user,
                                query != NULL ? g_hash_table_lookup (query, "cursor") : NULL,
                                query != NULL ? g_hash_table_lookup (query, "limit") : NULL,
                                next_base);
}

static EccpPortalUser *
authenticate (EccpPortalServer  *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(EccpToken) token = NULL; /* wiped when freed */

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;

  token = g_strstrip (g_strdup (authorization + 7));

  return eccp_portal_users_lookup_token (self->users, token);
}

static gboolean
is_write_method (const char *method)
{
  return g_str_equal (method, SOUP_METHOD_POST) || g_str_equal (method, "PATCH") ||
         g_str_equal (method, SOUP_METHOD_DELETE) || g_str_equal (method, SOUP_METHOD_PUT);
}

/* Every path but /_test: @segments are those after the base path. */
static EccpPortalAnswer *
route (EccpPortalServer  *self,
       SoupServerMessage *msg,
       const char        *path,
       char             **segments,
       GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  guint n = g_strv_length (segments);
  EccpPortalUser *user;
  g_autoptr(JsonNode) document = NULL;
  EccpPortalAnswer *answer = NULL;

  user = authenticate (self, msg);
  if (user == NULL)
    return eccp_portal_answer_new_error (401, "unauthorized", "Not signed in", NULL,
                                         "Send a valid personal access token: "
                                         "Authorization: Bearer <token>");

  if (n == 1 && g_str_equal (segments[0], "me"))
    {
      if (!g_str_equal (method, SOUP_METHOD_GET))
        return method_not_allowed ("GET");
      return eccp_portal_answer_new (200, eccp_portal_user_to_document (user));
    }

  if (n == 1 && g_str_equal (segments[0], "changes"))
    {
      if (!g_str_equal (method, SOUP_METHOD_GET))
        return method_not_allowed ("GET");
      return handle_changes (msg, self, user, query);
    }

  if (n == 1 && g_str_equal (segments[0], "batch"))
    {
      if (!g_str_equal (method, SOUP_METHOD_POST))
        return method_not_allowed ("POST");
      document = read_body (msg, &answer);
      if (document == NULL)
        return answer;
      return eccp_portal_batch_run (self->db, user, document);
    }

  if ((n == 1 || n == 2) && eccp_type_spec_lookup (segments[0]) != NULL && *segments[n - 1] != '\0')
    {
      if (n == 1)
        {
          if (!g_str_equal (method, SOUP_METHOD_POST))
            return method_not_allowed ("POST");
          return handle_write (self, msg, user, ECCP_PORTAL_OP_ADD, segments[0], NULL);
        }

      if (g_str_equal (method, SOUP_METHOD_GET))
        return handle_get_record (self, user, segments[0], segments[1]);
      if (g_str_equal (method, "PATCH"))
        return handle_write (self, msg, user, ECCP_PORTAL_OP_UPDATE, segments[0], segments[1]);
      if (g_str_equal (method, SOUP_METHOD_DELETE))
        return handle_write (self, msg, user, ECCP_PORTAL_OP_REMOVE, segments[0], segments[1]);
      return method_not_allowed ("GET, PATCH, DELETE");
    }

  return path_not_found (path);
}

/* ---- /_test ---- */

static EccpPortalAnswer *
handle_test_faults (EccpPortalServer  *self,
                    SoupServerMessage *msg)
{
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *faults = NULL;
  EccpPortalAnswer *answer = NULL;
  gboolean forget_history = FALSE;

  document = read_body (msg, &answer);
  if (document == NULL)
    return answer;

  if (!JSON_NODE_HOLDS_OBJECT (document))
    return eccp_portal_answer_new_error (400, "invalid_document", "Malformed document", NULL,
                                         "Send a JSON object of settings");

  if (!eccp_portal_faults_configure (self->faults, json_node_get_object (document),
                                     &forget_history, &error))
    return eccp_portal_answer_new_error (400, "invalid_document", "Malformed document", NULL,
                                         "%s", error->message);

  if (forget_history && !eccp_portal_db_forget_history (self->db, &error))
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);

  faults = eccp_portal_faults_to_string (self->faults);

  return eccp_portal_answer_new (200, g_strdup_printf ("{\"meta\":{\"faults\":%s,"
                                                       "\"horizon\":%" G_GINT64_FORMAT "}}",
                                                       faults,
                                                       eccp_portal_db_get_horizon (self->db)));
}

static EccpPortalAnswer *
handle_test_revoke (EccpPortalServer  *self,
                    SoupServerMessage *msg)
{
  g_autoptr(JsonNode) document = NULL;
  EccpPortalAnswer *answer = NULL;
  const char *token = NULL;
  gboolean revoked;

  document = read_body (msg, &answer);
  if (document == NULL)
    return answer;

  if (JSON_NODE_HOLDS_OBJECT (document))
    token = eccp_json_get_string (json_node_get_object (document), "token");
  if (token == NULL)
    return eccp_portal_answer_new_error (400, "invalid_document", "Malformed document", NULL,
                                         "Send {\"token\": \"...\"}");

  revoked = eccp_portal_users_revoke (self->users, token);

  return eccp_portal_answer_new (200, g_strdup_printf ("{\"meta\":{\"revoked\":%s}}",
                                                       revoked ? "true" : "false"));
}

static EccpPortalAnswer *
handle_test_count (EccpPortalServer *self,
                   GHashTable       *query)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const char *type = query != NULL ? g_hash_table_lookup (query, "type") : NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 count;

  if (type == NULL || eccp_type_spec_lookup (type) == NULL)
    return eccp_portal_answer_new_error (400, "invalid_type", "Which type?", NULL,
                                         "Ask /_test/count?type=TYPE[&id=ID][&ATTRIBUTE=VALUE]…");

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_str_equal (key, "type") && !g_str_equal (key, "id"))
        g_hash_table_insert (attributes, key, value);
    }

  count = eccp_portal_db_count_records (self->db, type, g_hash_table_lookup (query, "id"),
                                        attributes, &error);
  if (count < 0)
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);

  return eccp_portal_answer_new (200, g_strdup_printf ("{\"meta\":{\"count\":%" G_GINT64_FORMAT
                                                       "}}", count));
}

static EccpPortalAnswer *
route_test (EccpPortalServer  *self,
            SoupServerMessage *msg,
            const char        *path,
            char             **segments,
            GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  GInetSocketAddress *remote =
    G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg));

  if (remote == NULL ||
      !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (remote)))
    return eccp_portal_answer_new_error (403, "forbidden", "Not allowed", NULL,
                                         "Test hooks answer on the loopback only");

  if (g_strv_length (segments) != 2)
    return path_not_found (path);

  if (g_str_equal (segments[1], "faults"))
    return g_str_equal (method, SOUP_METHOD_POST) ? handle_test_faults (self, msg)
                                                  : method_not_allowed ("POST");
  if (g_str_equal (segments[1], "revoke"))
    return g_str_equal (method, SOUP_METHOD_POST) ? handle_test_revoke (self, msg)
                                                  : method_not_allowed ("POST");
  if (g_str_equal (segments[1], "count"))
    return g_str_equal (method, SOUP_METHOD_GET) ? handle_test_count (self, query)
                                                 : method_not_allowed ("GET");

  return path_not_found (path);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  EccpPortalServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(EccpPortalAnswer) answer = NULL;
  g_auto(GStrv) segments = NULL;
  const char *rest = NULL;
  guint delay;

  if (g_str_has_prefix (path, ECCP_PORTAL_BASE_PATH))
    {
      rest = path + strlen (ECCP_PORTAL_BASE_PATH);
      if (*rest == '/')
        rest++;
      else if (*rest != '\0')
        rest = NULL;
    }

  if (rest == NULL)
    {
      answer = path_not_found (path);
      respond (msg, answer);
      return;
    }

  segments = *rest != '\0' ? g_strsplit (rest, "/", -1) : g_new0 (char *, 1);

  if (self->test_hooks && segments[0] != NULL && g_str_equal (segments[0], "_test"))
    {
      answer = route_test (self, msg, path, segments, query);
      g_debug ("%s %s → %u", method, path, answer->status);
      respond (msg, answer);
      return;
    }

  if (eccp_portal_faults_take_drop (self->faults))
    {
      g_debug ("%s %s → dropped", method, path);
      drop_connection (msg);
      return;
    }

  answer = eccp_portal_faults_take_failure (self->faults);
  if (answer == NULL)
    {
      answer = route (self, msg, path, segments, query);

      if (is_write_method (method) && eccp_portal_faults_take_drop_after_commit (self->faults))
        {
          g_debug ("%s %s → %u, answer dropped", method, path, answer->status);
          drop_connection (msg);
          return;
        }
    }

  if (segments[0] != NULL && g_str_equal (segments[0], "changes") &&
      g_str_equal (method, SOUP_METHOD_GET))
    {
      g_autoptr(GBytes) bomb = eccp_portal_faults_take_gzip_bomb (self->faults);
      const char *hostile;
      guint interval;

      if (bomb != NULL)
        {
          SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

          g_debug ("%s %s → a gzip bomb", method, path);
          soup_server_message_set_status (msg, 200, NULL);
          soup_message_headers_replace (headers, "Content-Encoding", "gzip");
          soup_server_message_set_response (msg, MEDIA_TYPE, SOUP_MEMORY_COPY,
                                            g_bytes_get_data (bomb, NULL),
                                            g_bytes_get_size (bomb));
          return;
        }

      hostile = eccp_portal_faults_take_hostile (self->faults, answer);
      if (hostile != NULL && respond_hostile (self, msg, answer, hostile))
        return;

      eccp_portal_faults_rewrite_changes (self->faults, answer);
      interval = eccp_portal_faults_take_trickle (self->faults);
      if (interval > 0 && answer->body != NULL)
        {
          g_debug ("%s %s → %u, a byte every %u ms", method, path, answer->status, interval);
          respond_trickle (msg, answer, interval);
          return;
        }
    }

  g_debug ("%s %s → %u", method, path, answer->status);
  respond (msg, answer);

  delay = eccp_portal_faults_take_delay (self->faults);
  if (delay > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, delay, unpause_message,
                          g_object_ref (msg), g_object_unref);
    }
}

static gboolean
purge_answers (gpointer user_data)
{
  EccpPortalServer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!eccp_portal_db_purge_answers (self->db,
                                     g_get_real_time () / G_USEC_PER_SEC - ANSWER_LIFETIME_S,
                                     &error))
    g_warning ("%s", error->message);

  return G_SOURCE_CONTINUE;
}

static void
eccp_portal_server_dispose (GObject *object)
{
  EccpPortalServer *self = ECCP_PORTAL_SERVER (object);

  g_clear_handle_id (&self->purge_source, g_source_remove);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->db);
  g_clear_object (&self->users);
  g_clear_pointer (&self->faults, eccp_portal_faults_free);

  G_OBJECT_CLASS (eccp_portal_server_parent_class)->dispose (object);
}

static void
eccp_portal_server_class_init (EccpPortalServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = eccp_portal_server_dispose;
}

static void
eccp_portal_server_init (EccpPortalServer *self)
{
  self->faults = eccp_portal_faults_new ();
}

EccpPortalServer *
eccp_portal_server_new (EccpPortalDb     *db,
                        EccpPortalUsers  *users,
                        gboolean          test_hooks,
                        GError          **error)
{
  g_autoptr(EccpPortalServer) self = NULL;
  g_autoptr(GPtrArray) owners = NULL;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (db), NULL);
  g_return_val_if_fail (ECCP_IS_PORTAL_USERS (users), NULL);

  self = g_object_new (ECCP_TYPE_PORTAL_SERVER, NULL);
  self->db = g_object_ref (db);
  self->users = g_object_ref (users);
  self->test_hooks = test_hooks;

  /* The clusters managers created earlier are theirs again. */
  owners = eccp_portal_db_list_owners (db, error);
  if (owners == NULL)
    return NULL;
  for (guint i = 0; i + 1 < owners->len; i += 2)
    {
      EccpPortalUser *user = eccp_portal_users_lookup_id (users, g_ptr_array_index (owners, i));

      if (user != NULL)
        eccp_portal_user_add_cluster (user, g_ptr_array_index (owners, i + 1));
    }

  purge_answers (self);
  self->purge_source = g_timeout_add_seconds (PURGE_INTERVAL_S, purge_answers, self);

  self->server = soup_server_new ("server-header", "eccp-portal/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);

  return g_steal_pointer (&self);
}

gboolean
eccp_portal_server_listen (EccpPortalServer  *self,
                           guint              port,
                           GError           **error)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_SERVER (self), FALSE);

  return soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error);
}

guint
eccp_portal_server_get_port (EccpPortalServer *self)
{
  GSList *uris;
  guint port = 0;

  g_return_val_if_fail (ECCP_IS_PORTAL_SERVER (self), 0);

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return port;
}
