/* test-portal-client.c: EccpPortalClient against a small SoupServer
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs on loopback port 0 in its own thread and GMainContext,
 * and answers the way a portal (or a proxy before it) might: headers
 * echoed back, gzip, HTML, a redirect, a stall, a dropped connection.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "eccp-portal-client.h"
#include "eccp-test-server.h"

#define TOKEN "s3cr3t-T0KEN-never-shown"

static EccpTestServer *server;

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/vnd.api+json", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
add_header_member (JsonBuilder        *builder,
                   SoupMessageHeaders *headers,
                   const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);

  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* /echo: the request's method, headers and body, as a JSON:API document. */
static void
echo_handler (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, soup_server_message_get_method (msg));
  add_header_member (builder, headers, "Authorization");
  add_header_member (builder, headers, "Accept");
  add_header_member (builder, headers, "Accept-Encoding");
  add_header_member (builder, headers, "Content-Type");
  add_header_member (builder, headers, "If-Match");
  add_header_member (builder, headers, "Idempotency-Key");
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body->length > 0 ? body->data : "");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"3\"");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Idempotent-Replayed", "true");
  respond_json (msg, SOUP_STATUS_OK, text);
}

static void
gzip_handler (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const char *text = "{\"data\": [{\"type\": \"cluster\", \"id\": \"a\", "
                     "\"attributes\": {\"city\": \"Kraków\"}}]}";
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  guint8 out[4096];
  gsize read = 0;
  gsize written = 0;

  g_converter_convert (G_CONVERTER (compressor), text, strlen (text), out, sizeof out,
                       G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
  g_assert_cmpuint (read, ==, strlen (text));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Encoding", "gzip");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/vnd.api+json", SOUP_MEMORY_COPY,
                                    (const char *) out, written);
}

static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  respond_json (msg, SOUP_STATUS_OK, "{\"data\": []}");
  soup_server_message_unpause (msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

static void
other_handler (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);

  if (g_str_has_suffix (path, "/html"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>Welcome</html>", 20);
    }
  else if (g_str_has_suffix (path, "/array"))
    {
      respond_json (msg, SOUP_STATUS_OK, "[1, 2]");
    }
  else if (g_str_has_suffix (path, "/proxy"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>Bad gateway</html>", 24);
    }
  else if (g_str_has_suffix (path, "/refused"))
    {
      respond_json (msg, 422, "{\"errors\": [{\"status\": \"422\", \"code\": \"invalid_email\", "
                    "\"title\": \"Invalid e-mail address\", \"detail\": \"'info@' is not an e-mail address\"}]}");
    }
  else if (g_str_has_suffix (path, "/busy"))
    {
      soup_message_headers_replace (response_headers, "Retry-After", "7");
      respond_json (msg, 429, "{\"errors\": [{\"status\": \"429\"}]}");
    }
  else if (g_str_has_suffix (path, "/redirect"))
    {
      soup_message_headers_replace (response_headers, "Location", "http://elsewhere.invalid/jsonapi");
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
    }
  else if (g_str_has_suffix (path, "/slow"))
    {
      GSource *source = g_timeout_source_new (3000);

      soup_server_message_pause (msg);
      g_source_set_callback (source, unpause_cb, g_object_ref (msg), NULL);
      g_source_attach (source, eccp_test_server_get_context (server));
      g_source_unref (source);
    }
  else if (g_str_has_suffix (path, "/drop"))
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  else if (g_str_has_suffix (path, "/me"))
    {
      if (g_strcmp0 (soup_message_headers_get_one (request_headers, "Authorization"),
                     "Bearer " TOKEN) != 0)
        respond_json (msg, 401, "{\"errors\": [{\"status\": \"401\", \"code\": \"unauthorized\"}]}");
      else
        respond_json (msg, SOUP_STATUS_OK,
                      "{\"data\": {\"type\": \"user\", \"id\": \"u1\", \"attributes\": "
                      "{\"name\": \"Bianca Dragomir\", \"roles\": [\"staff\"]}}}");
    }
  else if (g_str_has_suffix (path, "/empty"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
    }
  else
    {
      respond_json (msg, SOUP_STATUS_NOT_FOUND, "{\"errors\": [{\"status\": \"404\"}]}");
    }
}

static void
add_handlers (SoupServer *soup_server,
              gpointer    user_data)
{
  soup_server_add_handler (soup_server, "/jsonapi/echo", echo_handler, NULL, NULL);
  soup_server_add_handler (soup_server, "/jsonapi/gzip", gzip_handler, NULL, NULL);
  soup_server_add_handler (soup_server, "/jsonapi", other_handler, NULL, NULL);
}

static EccpPortalClient *
new_client (void)
{
  g_autoptr(GError) error = NULL;
  EccpPortalClient *client = eccp_portal_client_new (eccp_test_server_get_base_url (server),
                                                     TOKEN, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);

  return client;
}

/* Runs one request asynchronously in a nested main loop. */
typedef struct
{
  GMainLoop          *loop;
  EccpPortalResponse *response;
  GError             *error;
} Wait;

static void
request_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->response = eccp_portal_client_request_finish (ECCP_PORTAL_CLIENT (object), result,
                                                      &wait->error);
  g_main_loop_quit (wait->loop);
}

static EccpPortalResponse *
request (EccpPortalClient  *client,
         const char        *method,
         const char        *path,
         JsonNode          *body,
         gint64             if_match,
         const char        *key,
         GCancellable      *cancellable,
         GError           **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  eccp_portal_client_request_async (client, method, path, body, if_match, key, cancellable,
                                    request_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.response;
}

static void
assert_no_token (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strstr (error->message, "s3cr3t"));
}

static void
test_headers (void)
{
  g_autoptr(EccpPortalClient) client = new_client ();
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"data\": {\"type\": \"cluster\", \"id\": \"x\", "
                                               "\"attributes\": {\"name\": \"Željko\"}}}", NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *data;

  response = request (client, "PATCH", "/echo", body, 4, "5a0c-key", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (response->etag, ==, "\"3\"");
  g_assert_true (response->replayed);
  g_assert_cmpint (response->retry_after, ==, -1);

  data = json_object_get_object_member (eccp_portal_response_get_object (response), "data");
  g_assert_cmpstr (json_object_get_string_member (data, "method"), ==, "PATCH");
  g_assert_cmpstr (json_object_get_string_member (data, "Authorization"), ==, "Bearer " TOKEN);
  g_assert_cmpstr (json_object_get_string_member (data, "Accept"), ==, "application/vnd.api+json");
  g_assert_cmpstr (json_object_get_string_member (data, "Content-Type"), ==, "application/vnd.api+json");
  g_assert_cmpstr (json_object_get_string_member (data, "If-Match"), ==, "\"4\"");
  g_assert_cmpstr (json_object_get_string_member (data, "Idempotency-Key"), ==, "5a0c-key");
  g_assert_nonnull (strstr (json_object_get_string_member (data, "Accept-Encoding"), "gzip"));
  g_assert_nonnull (strstr (json_object_get_string_member (data, "body"), "Željko"));

  /* No If-Match, no key, no body. */
  g_clear_pointer (&response, eccp_portal_response_free);
  response = eccp_portal_client_request (client, "GET", "/echo", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  data = json_object_get_object_member (eccp_portal_response_get_object (response), "data");
  g_assert_true (json_object_get_null_member (data, "If-Match"));
  g_assert_true (json_object_get_null_member (data, "Idempotency-Key"));
  g_assert_true (json_object_get_null_member (data, "Content-Type"));
  g_assert_cmpstr (json_object_get_string_member (data, "Authorization"), ==, "Bearer " TOKEN);
}

static void
test_gzip (void)
{
  g_autoptr(EccpPortalClient) client = new_client ();
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *data;

  response = request (client, "GET", "/gzip", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  data = json_object_get_array_member (eccp_portal_response_get_object (response), "data");
  g_assert_cmpuint (json_array_get_length (data), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_array_get_object_element (data, 0), "attributes"), "city"), ==, "Kraków");
}

static void
test_statuses (void)
{
  g_autoptr(EccpPortalClient) client = new_client ();
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* An HTTP error is an answer, not a GError. */
  response = request (client, "POST", "/refused", NULL, 0, "k", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 422);
  g_assert_cmpstr (eccp_portal_response_get_error_code (response), ==, "invalid_email");
  text = eccp_portal_response_describe (response);
  g_assert_cmpstr (text, ==, "'info@' is not an e-mail address");
  g_clear_pointer (&response, eccp_portal_response_free);

  response = request (client, "GET", "/busy", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 429);
  g_assert_cmpint (response->retry_after, ==, 7);
  g_clear_pointer (&response, eccp_portal_response_free);

  /* A proxy's HTML error page: the status counts, the body is dropped. */
  response = request (client, "GET", "/proxy", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 502);
  g_assert_null (response->body);
  g_assert_null (eccp_portal_response_get_errors (response));
  g_clear_pointer (&response, eccp_portal_response_free);

  response = request (client, "DELETE", "/empty", NULL, 2, "k2", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 204);
  g_assert_null (response->body);
}

static void
test_bad_responses (void)
{
  g_autoptr(EccpPortalClient) client = new_client ();
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = request (client, "GET", "/html", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE);
  g_assert_null (response);
  g_assert_nonnull (strstr (error->message, "not JSON"));
  assert_no_token (error);
  g_clear_error (&error);

  response = request (client, "GET", "/array", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  /* Redirects are not followed: the token would go along. */
  response = request (client, "POST", "/redirect", NULL, 0, "k", NULL, &error);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE);
  g_assert_false (eccp_portal_error_is_transient (error));
  assert_no_token (error);
}

static void
test_unreachable (void)
{
  g_autoptr(EccpPortalClient) client = NULL;
  g_autoptr(EccpPortalClient) slow = new_client ();
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 started;

  /* A port nobody listens on: bind one, then close it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_socket_bind (socket, G_SOCKET_ADDRESS (address), TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u/jsonapi",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = eccp_portal_client_new (url, TOKEN, &error);
  g_assert_no_error (error);
  response = request (client, "GET", "/changes", NULL, 0, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_UNREACHABLE);
  g_assert_true (eccp_portal_error_is_transient (error));
  assert_no_token (error);
  g_clear_error (&error);

  response = eccp_portal_client_request (client, "GET", "/changes", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_UNREACHABLE);
  g_clear_error (&error);

  /* A connection dropped without an answer. */
  response = request (slow, "POST", "/drop", NULL, 0, "k", NULL, &error);
  g_assert_null (response);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_UNREACHABLE);
  assert_no_token (error);
  g_clear_error (&error);

  /* No answer in time. */
  eccp_portal_client_set_timeout (slow, 1);
  started = g_get_monotonic_time ();
  response = request (slow, "GET", "/slow", NULL, 0, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_TIMEOUT);
  g_assert_true (eccp_portal_error_is_transient (error));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2900 * 1000);
  assert_no_token (error);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(EccpPortalClient) client = new_client ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  g_timeout_add (100, cancel_cb, cancellable);
  response = request (client, "GET", "/slow", NULL, 0, NULL, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_bad_arguments (void)
{
  g_autoptr(GError) error = NULL;
  EccpPortalClient *client;

  client = eccp_portal_client_new ("ftp://portal.example.eu/jsonapi", TOKEN, &error);
  g_assert_null (client);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED);
  g_clear_error (&error);

  client = eccp_portal_client_new ("portal.example.eu", TOKEN, &error);
  g_assert_null (client);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED);
  g_clear_error (&error);

  client = eccp_portal_client_new ("https://portal.example.eu/jsonapi", "a\r\nX-Evil: 1", &error);
  g_assert_null (client);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED);
  g_assert_null (strstr (error->message, "Evil"));
  g_clear_error (&error);

  /* A trailing slash is dropped. */
  client = eccp_portal_client_new ("https://portal.example.eu/jsonapi/", TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eccp_portal_client_get_base_url (client), ==, "https://portal.example.eu/jsonapi");
  g_assert_cmpuint (eccp_portal_client_get_timeout (client), ==, 30);
  g_object_unref (client);
}

static void
test_me (void)
{
  g_autoptr(EccpPortalClient) client = new_client ();
  g_autoptr(EccpPortalClient) wrong = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(GError) error = NULL;

  me = eccp_portal_client_get_me (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (me, "id"), ==, "u1");

  wrong = eccp_portal_client_new (eccp_test_server_get_base_url (server), "wrong", &error);
  g_assert_no_error (error);
  g_assert_null (eccp_portal_client_get_me (wrong, NULL, &error));
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_AUTH);
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);

  g_assert_cmpint (eccp_portal_parse_retry_after ("120", now), ==, 120);
  g_assert_cmpint (eccp_portal_parse_retry_after (" 0 ", now), ==, 0);
  g_assert_cmpint (eccp_portal_parse_retry_after ("Sun, 01 Mar 2026 12:00:30 GMT", now), ==, 30);
  g_assert_cmpint (eccp_portal_parse_retry_after ("Sun, 01 Mar 2026 11:00:00 GMT", now), ==, 0);
  g_assert_cmpint (eccp_portal_parse_retry_after ("soon", now), ==, -1);
  g_assert_cmpint (eccp_portal_parse_retry_after ("12s", now), ==, -1);
  g_assert_cmpint (eccp_portal_parse_retry_after ("-5", now), ==, -1);
  g_assert_cmpint (eccp_portal_parse_retry_after (NULL, now), ==, -1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = eccp_test_server_start (add_handlers, NULL);

  g_test_add_func ("/portal-client/headers", test_headers);
  g_test_add_func ("/portal-client/gzip", test_gzip);
  g_test_add_func ("/portal-client/statuses", test_statuses);
  g_test_add_func ("/portal-client/bad-responses", test_bad_responses);
  g_test_add_func ("/portal-client/unreachable", test_unreachable);
  g_test_add_func ("/portal-client/cancel", test_cancel);
  g_test_add_func ("/portal-client/bad-arguments", test_bad_arguments);
  g_test_add_func ("/portal-client/me", test_me);
  g_test_add_func ("/portal-client/retry-after", test_retry_after);

  status = g_test_run ();

  eccp_test_server_stop (server);

  return status;
}
