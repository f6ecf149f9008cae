/* test-portal.c: the real eccp-portal, spoken to over HTTP on 127.0.0.1
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts eccp-portal (ECCP_PORTAL) on a free port with a fresh
 * database and its own users file, and checks what portal-api.md promises:
 * every row of the error table of section 2, idempotent writes, the change
 * feed, batches, moderation and who may do what.  The portal must stop
 * cleanly on SIGTERM (under AddressSanitizer: without leaks).
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

#include "eccp-test-util.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define STAFF         "staff-token"
#define STAFF_SPARE   "staff-spare-token"
#define MANAGER       "manager-token"
#define OTHER_MANAGER "other-manager-token"
#define EVENT_TEAM    "event-token"

#define MANAGER_ID    "0a0a0a0a-0000-4000-8000-000000000002"

#define CLUSTER_A "aaaaaaaa-0000-4000-8000-000000000001" /* the manager's */
#define CLUSTER_B "bbbbbbbb-0000-4000-8000-000000000002" /* the other manager's */
#define EVENT_A   "eeeeeeee-0000-4000-8000-00000000000a" /* the event team's */
#define EVENT_B   "eeeeeeee-0000-4000-8000-00000000000b"

/* The demo data set (src/core/eccp-demo.c): ids are derived from names. */
#define DEMO_KLASTER "e5839630-ffca-5c0a-b8a6-552ccfde4005"
#define DEMO_EVENT   "23910e94-ead5-5e9b-8529-821730d4d6ca"

static const char users_json[] =
  "{\"users\": ["
  " {\"id\": \"0a0a0a0a-0000-4000-8000-000000000001\", \"name\": \"Sanja Kovač\","
  "  \"email\": \"sanja@portal.example.eu\", \"tokens\": [\"" STAFF "\", \"" STAFF_SPARE "\"],"
  "  \"roles\": [\"staff\"]},"
  " {\"id\": \"" MANAGER_ID "\", \"name\": \"Željko Erkapić\","
  "  \"email\": \"zeljko@cluster.example.eu\", \"token\": \"" MANAGER "\","
  "  \"roles\": [\"cluster_manager\"], \"clusters\": [\"" CLUSTER_A "\"]},"
  " {\"id\": \"0a0a0a0a-0000-4000-8000-000000000003\", \"name\": \"Bianca Dragomir\","
  "  \"email\": \"bianca@cluster.example.eu\", \"token\": \"" OTHER_MANAGER "\","
  "  \"roles\": [\"cluster_manager\"], \"clusters\": [\"" CLUSTER_B "\"]},"
  " {\"id\": \"0a0a0a0a-0000-4000-8000-000000000004\", \"name\": \"Ola Nordmann\","
  "  \"email\": \"ola@portal.example.eu\", \"token\": \"" EVENT_TEAM "\","
  "  \"roles\": [\"event_team\"], \"events\": [\"" EVENT_A "\"]}"
  "]}";

typedef struct
{
  char        *dir;
  GSubprocess *process;
  char        *base;    /* http://127.0.0.1:PORT/jsonapi */
  SoupSession *session;
} Fixture;

typedef struct
{
  guint               status; /* 0 when the request failed */
  GError             *error;
  SoupMessageHeaders *headers;
  GBytes             *bytes;  /* the body as it came */
  char               *body;
  JsonNode           *json;   /* the body parsed, unless it is gzipped */
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_error (&reply->error);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->bytes, g_bytes_unref);
  g_free (reply->body);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* ---- the portal process ---- */

/* Starts eccp-portal with @args after the usual ones; @users_file: %NULL
 * for the test's own users. */
static void
portal_start (Fixture            *f,
              const char         *users_file,
              const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *users = g_build_filename (f->dir, "users.json", NULL);
  g_autofree char *db = g_build_filename (f->dir, "portal.db", NULL);

  if (users_file == NULL)
    {
      g_file_set_contents (users, users_json, -1, &error);
      g_assert_no_error (error);
      users_file = users;
    }

  f->process = eccp_test_portal_start (db, users_file, TRUE, args, &f->base);
  f->session = soup_session_new_with_options ("timeout", 60, NULL);
}

static void
portal_stop (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  if (f->process == NULL)
    return;

  g_clear_object (&f->session);
  /* A clean stop: under AddressSanitizer this also means no leaks. */
  g_assert_true (eccp_test_portal_stop (f->process));
  g_clear_object (&f->process);
  g_clear_pointer (&f->base, g_free);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("eccp-portal-test-XXXXXX", &error);
  g_assert_no_error (error);

  if (data == NULL)
    portal_start (f, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  portal_stop (f);
  eccp_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* ---- requests ---- */

/* @headers: name, value, name, value..., %NULL */
static Reply *
request_full (Fixture            *f,
              SoupSession        *session,
              const char         *method,
              const char         *path,
              const char         *token,
              GBytes             *body,
              const char * const *headers)
{
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                         : g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *request_headers;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  request_headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (request_headers, "Authorization", authorization);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/vnd.api+json", body);

  reply->bytes = soup_session_send_and_read (session != NULL ? session : f->session, msg, NULL,
                                             &reply->error);
  if (reply->bytes == NULL)
    return reply;

  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->body = g_bytes_get_size (reply->bytes) > 0
    ? g_strndup (g_bytes_get_data (reply->bytes, NULL), g_bytes_get_size (reply->bytes))
    : g_strdup ("");

  /* The default session decodes gzip; a session of its own may not. */
  if (reply->body[0] != '\0' &&
      (session == NULL ||
       g_strcmp0 (soup_message_headers_get_one (reply->headers, "Content-Encoding"), "gzip") != 0))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, reply->body, -1, &error);
      g_assert_no_error (error);
      reply->json = json_node_ref (json_parser_get_root (parser));
    }

  return reply;
}

static Reply *
request (Fixture            *f,
         const char         *method,
         const char         *path,
         const char         *token,
         const char         *body,
         const char * const *headers)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  return request_full (f, NULL, method, path, token, bytes, headers);
}

static Reply *
get (Fixture    *f,
     const char *token,
     const char *path)
{
  return request (f, "GET", path, token, NULL, NULL);
}

/* POST /{type} {"data": @data} */
static Reply *
post (Fixture    *f,
      const char *token,
      const char *type,
      const char *data,
      const char *key)
{
  g_autofree char *path = g_strconcat ("/", type, NULL);
  g_autofree char *body = g_strdup_printf ("{\"data\":%s}", data);
  const char *headers[] = { "Idempotency-Key", key, NULL };

  return request (f, "POST", path, token, body, key != NULL ? headers : NULL);
}

static Reply *
patch (Fixture    *f,
       const char *token,
       const char *type,
       const char *id,
       const char *if_match,
       const char *data,
       const char *key)
{
  g_autofree char *path = g_strconcat ("/", type, "/", id, NULL);
  g_autofree char *body = g_strdup_printf ("{\"data\":%s}", data);
  g_autofree char *quoted = if_match != NULL ? g_strdup_printf ("\"%s\"", if_match) : NULL;
  const char *headers[5] = { NULL };
  guint n = 0;

  if (quoted != NULL)
    {
      headers[n++] = "If-Match";
      headers[n++] = quoted;
    }
  if (key != NULL)
    {
      headers[n++] = "Idempotency-Key";
      headers[n++] = key;
    }

  return request (f, "PATCH", path, token, body, headers);
}

static Reply *
delete (Fixture    *f,
        const char *token,
        const char *type,
        const char *id,
        const char *if_match,
        const char *key)
{
  g_autofree char *path = g_strconcat ("/", type, "/", id, NULL);
  g_autofree char *quoted = if_match != NULL ? g_strdup_printf ("\"%s\"", if_match) : NULL;
  const char *headers[5] = { NULL };
  guint n = 0;

  if (quoted != NULL)
    {
      headers[n++] = "If-Match";
      headers[n++] = quoted;
    }
  if (key != NULL)
    {
      headers[n++] = "Idempotency-Key";
      headers[n++] = key;
    }

  return request (f, "DELETE", path, token, NULL, headers);
}

static void
set_faults (Fixture    *f,
            const char *settings)
{
  g_autoptr(Reply) reply = request (f, "POST", "/_test/faults", NULL, settings, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
}

static gint64
count_records (Fixture    *f,
               const char *type,
               const char *id)
{
  g_autofree char *path = g_strdup_printf ("/_test/count?type=%s&id=%s", type, id);
  g_autoptr(Reply) reply = get (f, NULL, path);
  JsonObject *meta;

  g_assert_cmpuint (reply->status, ==, 200);
  meta = json_object_get_object_member (json_node_get_object (reply->json), "meta");

  return json_object_get_int_member (meta, "count");
}

/* ---- reading answers ---- */

/* The node at @path ("errors.0.source.pointer"), or %NULL. */
static JsonNode *
jnode (JsonNode   *root,
       const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index)
                                                       : NULL;
        }
      else
        node = NULL;
    }

  return node;
}

static const char *
jstr (JsonNode   *root,
      const char *path)
{
  JsonNode *node = jnode (root, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gint64
jint (JsonNode   *root,
      const char *path)
{
  JsonNode *node = jnode (root, path);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));

  return json_node_get_int (node);
}

static guint
jlen (JsonNode   *root,
      const char *path)
{
  JsonNode *node = jnode (root, path);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  return json_array_get_length (json_node_get_array (node));
}

static const char *
header (Reply      *reply,
        const char *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

/* The answer is one JSON:API error with @status and @code. */
static void
assert_error (Reply      *reply,
              guint       status,
              const char *code)
{
  g_autofree char *status_text = g_strdup_printf ("%u", status);

  if (reply->status != status)
    g_test_message ("answer: %s", reply->body);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (header (reply, "Content-Type"), ==, "application/vnd.api+json");
  g_assert_cmpuint (jlen (reply->json, "errors"), >=, 1);
  g_assert_cmpstr (jstr (reply->json, "errors.0.status"), ==, status_text);
  g_assert_cmpstr (jstr (reply->json, "errors.0.code"), ==, code);
  g_assert_nonnull (jstr (reply->json, "errors.0.title"));
}

static void
assert_status (Reply *reply,
               guint  status)
{
  if (reply->status != status)
    g_test_message ("answer: %s", reply->body != NULL ? reply->body : reply->error->message);
  g_assert_cmpuint (reply->status, ==, status);
}

/* ---- records ---- */

static char *
cluster_data (const char *id,
              const char *name,
              const char *state)
{
  g_autofree char *meta = state != NULL
    ? g_strdup_printf (",\"meta\":{\"moderation_state\":\"%s\"}", state) : g_strdup ("");

  return g_strdup_printf ("{\"type\":\"cluster\",\"id\":\"%s\",\"attributes\":{"
                          "\"name\":\"%s\",\"profile_type\":\"cluster_organisation\","
                          "\"country\":\"RS\",\"website\":\"https://cluster.example.eu\","
                          "\"ecosystems\":[\"Agri-food\"],"
                          "\"members\":{\"sme\":20,\"large\":2,\"research\":1,\"other\":0},"
                          "\"management_fte\":1.5}%s}", id, name, meta);
}

static char *
event_data (const char *id,
            const char *title)
{
  return g_strdup_printf ("{\"type\":\"event\",\"id\":\"%s\",\"attributes\":{"
                          "\"title\":\"%s\",\"kind\":\"matchmaking\","
                          "\"starts_at\":\"2018-02-22T09:00:00+01:00\","
                          "\"ends_at\":\"2018-02-22T18:00:00+01:00\"},"
                          "\"meta\":{\"moderation_state\":\"published\"}}", id, title);
}

static char *
attendee_data (const char *id,
               const char *event,
               const char *name)
{
  return g_strdup_printf ("{\"type\":\"attendee\",\"id\":\"%s\",\"attributes\":{"
                          "\"name\":\"%s\",\"role\":\"participant\"},\"relationships\":{"
                          "\"event\":{\"data\":{\"type\":\"event\",\"id\":\"%s\"}}}}",
                          id, name, event);
}

static char *
meeting_data (const char *id,
              const char *requester,
              const char *invitee,
              const char *starts,
              const char *ends,
              const char *table,
              const char *status)
{
  return g_strdup_printf ("{\"type\":\"meeting\",\"id\":\"%s\",\"attributes\":{"
                          "\"starts_at\":\"2018-02-22T%s:00+01:00\","
                          "\"ends_at\":\"2018-02-22T%s:00+01:00\","
                          "\"table\":\"%s\",\"status\":\"%s\"},\"relationships\":{"
                          "\"event\":{\"data\":{\"type\":\"event\",\"id\":\"" EVENT_A "\"}},"
                          "\"requester\":{\"data\":{\"type\":\"attendee\",\"id\":\"%s\"}},"
                          "\"invitee\":{\"data\":{\"type\":\"attendee\",\"id\":\"%s\"}}}}",
                          id, starts, ends, table, status, requester, invitee);
}

static char *
checkin_data (const char *id,
              const char *event,
              const char *attendee)
{
  return g_strdup_printf ("{\"type\":\"checkin\",\"id\":\"%s\",\"attributes\":{"
                          "\"at\":\"2018-02-22T08:15:00+01:00\",\"device\":\"Desk 1\","
                          "\"undo\":false},\"relationships\":{"
                          "\"event\":{\"data\":{\"type\":\"event\",\"id\":\"%s\"}},"
                          "\"attendee\":{\"data\":{\"type\":\"attendee\",\"id\":\"%s\"}}}}",
                          id, event, attendee);
}

/* Staff makes a record; it must answer 201. */
static void
create (Fixture    *f,
        const char *type,
        char       *data)
{
  g_autofree char *owned = data;
  g_autoptr(Reply) reply = post (f, STAFF, type, owned, NULL);

  assert_status (reply, 201);
}

/* The published clusters A and B, the published events A and B. */
static void
seed (Fixture *f)
{
  create (f, "cluster", cluster_data (CLUSTER_A, "Alpha Cluster", "published"));
  create (f, "cluster", cluster_data (CLUSTER_B, "Beta Cluster", "published"));
  create (f, "event", event_data (EVENT_A, "Matchmaking A"));
  create (f, "event", event_data (EVENT_B, "Matchmaking B"));
}

/* ---- the tests ---- */

static void
test_me (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(Reply) manager = get (f, MANAGER, "/me");
  g_autoptr(Reply) staff = get (f, STAFF, "/me");
  g_autoptr(Reply) team = get (f, EVENT_TEAM, "/me");

  assert_status (manager, 200);
  g_assert_cmpstr (header (manager, "Content-Type"), ==, "application/vnd.api+json");
  g_assert_cmpstr (jstr (manager->json, "data.type"), ==, "user");
  g_assert_cmpstr (jstr (manager->json, "data.id"), ==, MANAGER_ID);
  g_assert_cmpstr (jstr (manager->json, "data.attributes.name"), ==, "Željko Erkapić");
  g_assert_cmpuint (jlen (manager->json, "data.attributes.roles"), ==, 1);
  g_assert_cmpstr (jstr (manager->json, "data.attributes.roles.0"), ==, "cluster_manager");
  g_assert_cmpuint (jlen (manager->json, "data.attributes.clusters"), ==, 1);
  g_assert_cmpstr (jstr (manager->json, "data.attributes.clusters.0"), ==, CLUSTER_A);
  g_assert_cmpuint (jlen (manager->json, "data.attributes.events"), ==, 0);

  assert_status (staff, 200);
  g_assert_cmpstr (jstr (staff->json, "data.attributes.roles.0"), ==, "staff");

  assert_status (team, 200);
  g_assert_cmpstr (jstr (team->json, "data.attributes.roles.0"), ==, "event_team");
  g_assert_cmpstr (jstr (team->json, "data.attributes.events.0"), ==, EVENT_A);
}

/* 401: no token, an unknown token, a revoked token. */
static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Reply) none = get (f, NULL, "/me");
  g_autoptr(Reply) unknown = get (f, "no-such-token", "/changes");
  g_autoptr(Reply) before = get (f, STAFF_SPARE, "/me");
  g_autoptr(Reply) revoke = NULL;
  g_autoptr(Reply) after = NULL;
  g_autoptr(Reply) other = NULL;
  g_autoptr(Reply) write = NULL;
  g_autofree char *cluster = cluster_data (CLUSTER_A, "Alpha", NULL);

  assert_error (none, 401, "unauthorized");
  g_assert_nonnull (header (none, "WWW-Authenticate"));
  assert_error (unknown, 401, "unauthorized");
  assert_status (before, 200);

  revoke = request (f, "POST", "/_test/revoke", NULL, "{\"token\":\"" STAFF_SPARE "\"}", NULL);
  assert_status (revoke, 200);

  after = get (f, STAFF_SPARE, "/me");
  assert_error (after, 401, "unauthorized");
  write = post (f, STAFF_SPARE, "cluster", cluster, NULL);
  assert_error (write, 401, "unauthorized");
  g_assert_cmpint (count_records (f, "cluster", CLUSTER_A), ==, 0);

  /* The same user's other token still works. */
  other = get (f, STAFF, "/me");
  assert_status (other, 200);
}

/* 400: bodies that are not JSON, or not a document. */
static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) not_json = request (f, "POST", "/cluster", STAFF, "{\"data\": {", NULL);
  g_autoptr(Reply) empty = request (f, "POST", "/cluster", STAFF, "", NULL);
  g_autoptr(Reply) no_data = request (f, "POST", "/cluster", STAFF, "{\"cluster\": {}}", NULL);
  g_autoptr(Reply) wrong_type = NULL;
  g_autoptr(Reply) no_id = NULL;
  g_autoptr(Reply) batch = request (f, "POST", "/batch", STAFF, "[1, 2", NULL);
  g_autoptr(Reply) batch_shape = request (f, "POST", "/batch", STAFF, "{\"ops\": []}", NULL);
  g_autoptr(Reply) bad_gzip = NULL;
  g_autoptr(Reply) bad_cursor = get (f, STAFF, "/changes?cursor=yesterday");
  g_autoptr(Reply) bad_limit = get (f, STAFF, "/changes?limit=0");
  g_autofree char *cluster = cluster_data (CLUSTER_A, "Alpha", NULL);
  const char *gzip_headers[] = { "Content-Encoding", "gzip", NULL };

  assert_error (not_json, 400, "invalid_json");
  assert_error (empty, 400, "invalid_json");
  assert_error (no_data, 400, "invalid_document");
  assert_error (batch, 400, "invalid_json");
  assert_error (batch_shape, 400, "invalid_document");
  assert_error (bad_cursor, 400, "invalid_cursor");
  assert_error (bad_limit, 400, "invalid_limit");

  wrong_type = post (f, STAFF, "event", cluster, NULL);
  assert_error (wrong_type, 400, "type_mismatch");

  no_id = post (f, STAFF, "cluster", "{\"type\":\"cluster\",\"attributes\":{}}", NULL);
  assert_error (no_id, 400, "invalid_id");
  g_assert_cmpstr (jstr (no_id->json, "errors.0.source.pointer"), ==, "/data/id");

  bad_gzip = request (f, "POST", "/cluster", STAFF, "not gzip at all", gzip_headers);
  assert_error (bad_gzip, 400, "invalid_encoding");

  g_assert_cmpint (count_records (f, "cluster", CLUSTER_A), ==, 0);
}

static void
test_create_and_get (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *cluster = cluster_data (CLUSTER_A, "Alpha Cluster", NULL);
  g_autoptr(Reply) created = post (f, MANAGER, "cluster", cluster, "key-1");
  g_autoptr(Reply) fetched = NULL;
  g_autoptr(Reply) duplicate = NULL;

  assert_status (created, 201);
  g_assert_cmpstr (header (created, "ETag"), ==, "\"1\"");
  g_assert_cmpstr (jstr (created->json, "data.type"), ==, "cluster");
  g_assert_cmpstr (jstr (created->json, "data.id"), ==, CLUSTER_A);
  g_assert_cmpstr (jstr (created->json, "data.attributes.name"), ==, "Alpha Cluster");
  g_assert_cmpint (jint (created->json, "data.meta.rev"), ==, 1);
  g_assert_cmpint (jint (created->json, "data.meta.seq"), ==, 1);
  g_assert_cmpstr (jstr (created->json, "data.meta.moderation_state"), ==, "draft");
  g_assert_true (JSON_NODE_HOLDS_NULL (jnode (created->json, "data.meta.published")));
  g_assert_nonnull (jstr (created->json, "data.meta.changed"));
  g_assert_null (header (created, "Idempotent-Replayed"));

  fetched = get (f, MANAGER, "/cluster/" CLUSTER_A);
  assert_status (fetched, 200);
  g_assert_cmpstr (header (fetched, "ETag"), ==, "\"1\"");
  g_assert_true (json_node_equal (jnode (fetched->json, "data"), jnode (created->json, "data")));

  /* 409 duplicate_id: the same id under another key */
  duplicate = post (f, STAFF, "cluster", cluster, "key-2");
  assert_error (duplicate, 409, "duplicate_id");
  g_assert_cmpstr (jstr (duplicate->json, "errors.0.source.pointer"), ==, "/data/id");
  g_assert_cmpint (count_records (f, "cluster", CLUSTER_A), ==, 1);
}

/* 404: GET, PATCH and DELETE of what is not there. */
static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) missing = get (f, STAFF, "/cluster/" CLUSTER_A);
  g_autoptr(Reply) missing_delete = delete (f, STAFF, "cluster", CLUSTER_A, "1", "key-1");
  g_autoptr(Reply) missing_patch = patch (f, STAFF, "cluster", CLUSTER_A, "1",
                                          "{\"type\":\"cluster\",\"attributes\":{}}", NULL);
  g_autoptr(Reply) no_type = get (f, STAFF, "/unicorn/" CLUSTER_A);
  g_autoptr(Reply) no_path = get (f, STAFF, "/cluster/" CLUSTER_A "/extra");
  g_autoptr(Reply) wrong_type = NULL;
  g_autoptr(Reply) draft = NULL;
  g_autoptr(Reply) deleted = NULL;
  g_autoptr(Reply) gone = NULL;
  g_autoptr(Reply) delete_again = NULL;

  assert_error (missing, 404, "not_found");
  assert_error (missing_delete, 404, "not_found");
  assert_error (missing_patch, 404, "not_found");
  assert_error (no_type, 404, "not_found");
  assert_error (no_path, 404, "not_found");

  seed (f);
  wrong_type = get (f, STAFF, "/event/" CLUSTER_A);
  assert_error (wrong_type, 404, "not_found");

  /* Another manager's draft is not there for the manager. */
  create (f, "cluster", cluster_data ("cccccccc-0000-4000-8000-000000000003", "Draft", "draft"));
  draft = get (f, MANAGER, "/cluster/cccccccc-0000-4000-8000-000000000003");
  assert_error (draft, 404, "not_found");

  /* Deleted: gone for GET, and a second DELETE answers 404. */
  deleted = delete (f, STAFF, "cluster", CLUSTER_B, "1", "key-2");
  assert_status (deleted, 204);
  gone = get (f, STAFF, "/cluster/" CLUSTER_B);
  assert_error (gone, 404, "not_found");
  delete_again = delete (f, STAFF, "cluster", CLUSTER_B, "2", "key-3");
  assert_error (delete_again, 404, "not_found");
}

/* 403: what a role may not do; reading is fine. */
static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) other_cluster = NULL;
  g_autoptr(Reply) read = NULL;
  g_autoptr(Reply) partnership = NULL;
  g_autoptr(Reply) team_cluster = NULL;
  g_autoptr(Reply) team_other_event = NULL;
  g_autoptr(Reply) team_own_event = NULL;
  g_autoptr(Reply) manager_attendee = NULL;
  g_autoptr(Reply) checkin_patch = NULL;
  g_autoptr(Reply) checkin_delete = NULL;
  g_autoptr(Reply) delete_other = NULL;
  g_autofree char *attendee_b = attendee_data ("a0000000-0000-4000-8000-00000000000b",
                                               EVENT_B, "Bo");
  g_autofree char *attendee_a = attendee_data ("a0000000-0000-4000-8000-00000000000a",
                                               EVENT_A, "Al");
  g_autofree char *checkin = checkin_data ("c0000000-0000-4000-8000-000000000001", EVENT_A,
                                           "a0000000-0000-4000-8000-00000000000a");
  g_autoptr(Reply) team_attendee = NULL;
  g_autoptr(Reply) team_checkin = NULL;

  seed (f);

  other_cluster = patch (f, MANAGER, "cluster", CLUSTER_B, "1",
                         "{\"type\":\"cluster\",\"attributes\":{\"city\":\"Kraków\"}}", NULL);
  assert_error (other_cluster, 403, "forbidden");

  read = get (f, MANAGER, "/cluster/" CLUSTER_B);
  assert_status (read, 200);
  g_assert_cmpstr (jstr (read->json, "data.attributes.name"), ==, "Beta Cluster");
  g_assert_null (jstr (read->json, "data.attributes.city"));

  delete_other = delete (f, MANAGER, "cluster", CLUSTER_B, "1", NULL);
  assert_error (delete_other, 403, "forbidden");

  partnership = post (f, MANAGER, "partnership",
                      "{\"type\":\"partnership\",\"id\":\"d0000000-0000-4000-8000-000000000001\","
                      "\"attributes\":{\"name\":\"P\",\"programme\":\"ESCP-4i\"}}", NULL);
  assert_error (partnership, 403, "forbidden");

  team_cluster = patch (f, EVENT_TEAM, "cluster", CLUSTER_A, "1",
                        "{\"type\":\"cluster\",\"attributes\":{\"city\":\"Kraków\"}}", NULL);
  assert_error (team_cluster, 403, "forbidden");

  team_other_event = post (f, EVENT_TEAM, "attendee", attendee_b, NULL);
  assert_error (team_other_event, 403, "forbidden");

  manager_attendee = post (f, MANAGER, "attendee", attendee_a, NULL);
  assert_error (manager_attendee, 403, "forbidden");

  team_own_event = patch (f, EVENT_TEAM, "event", EVENT_B, "1",
                          "{\"type\":\"event\",\"attributes\":{\"city\":\"Brussels\"}}", NULL);
  assert_error (team_own_event, 403, "forbidden");

  /* What the event team may do, and check-ins that never change. */
  team_attendee = post (f, EVENT_TEAM, "attendee", attendee_a, NULL);
  assert_status (team_attendee, 201);
  team_checkin = post (f, EVENT_TEAM, "checkin", checkin, NULL);
  assert_status (team_checkin, 201);

  checkin_patch = patch (f, STAFF, "checkin", "c0000000-0000-4000-8000-000000000001", "1",
                         "{\"type\":\"checkin\",\"attributes\":{\"undo\":true}}", NULL);
  assert_error (checkin_patch, 403, "forbidden");
  checkin_delete = delete (f, EVENT_TEAM, "checkin", "c0000000-0000-4000-8000-000000000001",
                           "1", NULL);
  assert_error (checkin_delete, 403, "forbidden");
  g_assert_cmpint (count_records (f, "checkin", "c0000000-0000-4000-8000-000000000001"), ==, 1);
}

/* 428 without If-Match, 412 with a stale one and the current record. */
static void
test_if_match (Fixture       *f,
               gconstpointer  data)
{
  const char *change = "{\"type\":\"cluster\",\"attributes\":{\"city\":\"Novi Sad\"}}";
  g_autoptr(Reply) no_if_match = NULL;
  g_autoptr(Reply) delete_no_if_match = NULL;
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) stale = NULL;
  g_autoptr(Reply) stale_delete = NULL;
  g_autoptr(Reply) garbled = NULL;
  g_autoptr(Reply) now = NULL;

  seed (f);

  no_if_match = patch (f, STAFF, "cluster", CLUSTER_A, NULL, change, NULL);
  assert_error (no_if_match, 428, "precondition_required");
  delete_no_if_match = delete (f, STAFF, "cluster", CLUSTER_A, NULL, NULL);
  assert_error (delete_no_if_match, 428, "precondition_required");

  first = patch (f, STAFF, "cluster", CLUSTER_A, "1",
                 "{\"type\":\"cluster\",\"attributes\":{\"city\":\"Subotica\"}}", NULL);
  assert_status (first, 200);
  g_assert_cmpstr (header (first, "ETag"), ==, "\"2\"");
  g_assert_cmpint (jint (first->json, "data.meta.rev"), ==, 2);

  stale = patch (f, STAFF, "cluster", CLUSTER_A, "1", change, NULL);
  assert_error (stale, 412, "stale_revision");
  g_assert_cmpstr (jstr (stale->json, "errors.0.meta.current.id"), ==, CLUSTER_A);
  g_assert_cmpint (jint (stale->json, "errors.0.meta.current.meta.rev"), ==, 2);
  g_assert_cmpstr (jstr (stale->json, "errors.0.meta.current.attributes.city"), ==, "Subotica");
  g_assert_cmpstr (jstr (stale->json, "errors.0.meta.current.attributes.name"), ==,
                   "Alpha Cluster");
  g_assert_true (json_node_equal (jnode (stale->json, "errors.0.meta.current"),
                                  jnode (first->json, "data")));

  stale_delete = delete (f, STAFF, "cluster", CLUSTER_A, "1", NULL);
  assert_error (stale_delete, 412, "stale_revision");

  garbled = request (f, "PATCH", "/cluster/" CLUSTER_A, STAFF,
                     "{\"data\":{\"type\":\"cluster\",\"attributes\":{}}}",
                     (const char *[]) { "If-Match", "yesterday", NULL });
  assert_error (garbled, 400, "invalid_if_match");

  now = get (f, STAFF, "/cluster/" CLUSTER_A);
  g_assert_cmpint (jint (now->json, "data.meta.rev"), ==, 2);
  g_assert_cmpstr (jstr (now->json, "data.attributes.city"), ==, "Subotica");
}

/* 422: one error object per field, pointers, the field specs' codes. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (201, 'x');
  g_autofree char *bad = g_strdup_printf ("{\"type\":\"cluster\",\"id\":\"" CLUSTER_A "\","
                                          "\"attributes\":{\"name\":\"%s\","
                                          "\"profile_type\":\"cluster_organisation\","
                                          "\"country\":\"RS\",\"website\":\"ftp://x\","
                                          "\"email\":\"info@\"}}", long_name);
  g_autoptr(Reply) created = post (f, STAFF, "cluster", bad, "key-1");
  g_autoptr(Reply) edit = NULL;
  g_autoptr(Reply) event = NULL;
  static const struct
  {
    const char *pointer;
    const char *code;
  } expected[] = {
    { "/data/attributes/name", "too_long" },
    { "/data/attributes/website", "invalid_url" },
    { "/data/attributes/email", "invalid_email" },
    { "/data/attributes/ecosystems", "required" },
  };

  assert_error (created, 422, "too_long");
  g_assert_cmpuint (jlen (created->json, "errors"), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *pointer = g_strdup_printf ("errors.%u.source.pointer", i);
      g_autofree char *code = g_strdup_printf ("errors.%u.code", i);
      g_autofree char *status = g_strdup_printf ("errors.%u.status", i);
      g_autofree char *detail = g_strdup_printf ("errors.%u.detail", i);

      g_assert_cmpstr (jstr (created->json, pointer), ==, expected[i].pointer);
      g_assert_cmpstr (jstr (created->json, code), ==, expected[i].code);
      g_assert_cmpstr (jstr (created->json, status), ==, "422");
      g_assert_nonnull (jstr (created->json, detail));
    }
  g_assert_cmpint (count_records (f, "cluster", CLUSTER_A), ==, 0);

  /* A PATCH is judged by the fields it changes only. */
  seed (f);
  edit = patch (f, STAFF, "cluster", CLUSTER_A, "1",
                "{\"type\":\"cluster\",\"attributes\":{\"email\":\"info@\","
                "\"members\":{\"sme\":-1,\"large\":0,\"research\":0,\"other\":0},"
                "\"city\":\"Novi Sad\"}}", NULL);
  assert_error (edit, 422, "invalid_email");
  g_assert_cmpuint (jlen (edit->json, "errors"), ==, 2);
  g_assert_cmpstr (jstr (edit->json, "errors.0.source.pointer"), ==, "/data/attributes/email");
  g_assert_cmpstr (jstr (edit->json, "errors.1.source.pointer"), ==,
                   "/data/attributes/members/sme");
  g_assert_cmpstr (jstr (edit->json, "errors.1.code"), ==, "out_of_range");

  /* Control characters: refused as the desk refuses them (one core rule) */
  {
    g_autoptr(Reply) escaped = patch (f, STAFF, "cluster", CLUSTER_A, "1",
                                      "{\"type\":\"cluster\",\"attributes\":"
                                      "{\"city\":\"\\u001b[31mred\"}}", NULL);

    assert_error (escaped, 422, "control_character");
    g_assert_cmpstr (jstr (escaped->json, "errors.0.source.pointer"), ==, "/data/attributes/city");
    g_assert_nonnull (strstr (jstr (escaped->json, "errors.0.detail"), "U+001B"));
  }
  /* NUL would cut the text short in json-glib: the body is refused */
  {
    g_autoptr(Reply) nul = patch (f, STAFF, "cluster", CLUSTER_A, "1",
                                  "{\"type\":\"cluster\",\"attributes\":"
                                  "{\"city\":\"Novi\\u0000Sad\"}}", NULL);

    assert_error (nul, 400, "invalid_json");
  }

  /* Cross-field rules and relationships. */
  event = post (f, STAFF, "event",
                "{\"type\":\"event\",\"id\":\"eeeeeeee-0000-4000-8000-0000000000cc\","
                "\"attributes\":{\"title\":\"Late\",\"kind\":\"webinar\","
                "\"starts_at\":\"2018-02-22T09:00:00+01:00\","
                "\"ends_at\":\"2018-02-21T09:00:00+01:00\"}}", NULL);
  assert_error (event, 422, "ends_before_start");
  g_assert_cmpuint (jlen (event->json, "errors"), ==, 1);
  g_assert_cmpstr (jstr (event->json, "errors.0.source.pointer"), ==,
                   "/data/attributes/ends_at");
}

/* needs_review → published checks the publication criteria. */
static void
test_criteria_not_met (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) submitted = NULL;
  g_autoptr(Reply) published = NULL;
  g_autoptr(Reply) now = NULL;
  g_autoptr(Reply) fixed = NULL;
  static const char * const pointers[] = {
    "/data/attributes/management_fte",
    "/data/attributes/website",
    "/data/attributes/members",
    "/data/attributes/members",
  };

  created = post (f, MANAGER, "cluster",
                  "{\"type\":\"cluster\",\"id\":\"" CLUSTER_A "\",\"attributes\":{"
                  "\"name\":\"Small\",\"profile_type\":\"cluster_project\",\"country\":\"UA\","
                  "\"ecosystems\":[\"Digital\"],\"management_fte\":0.2,"
                  "\"members\":{\"sme\":5,\"large\":0,\"research\":0,\"other\":0}}}", NULL);
  assert_status (created, 201);
  submitted = patch (f, MANAGER, "cluster", CLUSTER_A, "1",
                     "{\"type\":\"cluster\",\"meta\":{\"moderation_state\":\"needs_review\"}}",
                     NULL);
  assert_status (submitted, 200);
  g_assert_cmpstr (jstr (submitted->json, "data.meta.moderation_state"), ==, "needs_review");

  published = patch (f, STAFF, "cluster", CLUSTER_A, "2",
                     "{\"type\":\"cluster\",\"meta\":{\"moderation_state\":\"published\"}}", NULL);
  assert_error (published, 422, "criteria_not_met");
  g_assert_cmpuint (jlen (published->json, "errors"), ==, G_N_ELEMENTS (pointers));
  for (guint i = 0; i < G_N_ELEMENTS (pointers); i++)
    {
      g_autofree char *pointer = g_strdup_printf ("errors.%u.source.pointer", i);
      g_autofree char *code = g_strdup_printf ("errors.%u.code", i);

      g_assert_cmpstr (jstr (published->json, pointer), ==, pointers[i]);
      g_assert_cmpstr (jstr (published->json, code), ==, "criteria_not_met");
    }

  now = get (f, STAFF, "/cluster/" CLUSTER_A);
  g_assert_cmpstr (jstr (now->json, "data.meta.moderation_state"), ==, "needs_review");
  g_assert_cmpint (jint (now->json, "data.meta.rev"), ==, 2);

  /* Staff fixes what is missing and publishes in the same PATCH. */
  fixed = patch (f, STAFF, "cluster", CLUSTER_A, "2",
                 "{\"type\":\"cluster\",\"attributes\":{\"website\":\"https://small.example.eu\","
                 "\"management_fte\":0.5,"
                 "\"members\":{\"sme\":10,\"large\":0,\"research\":5,\"other\":0}},"
                 "\"meta\":{\"moderation_state\":\"published\"}}", NULL);
  assert_status (fixed, 200);
  g_assert_cmpstr (jstr (fixed->json, "data.meta.moderation_state"), ==, "published");
}

/* 409 slot_taken: an attendee or a table in two accepted meetings. */
static void
test_slot_taken (Fixture       *f,
                 gconstpointer  data)
{
  const char *a[] = {
    "a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000002",
    "a0000000-0000-4000-8000-000000000003", "a0000000-0000-4000-8000-000000000004",
  };
  g_autofree char *m1 = meeting_data ("30000000-0000-4000-8000-000000000001", a[0], a[1],
                                      "10:00", "10:30", "Table 1", "accepted");
  g_autofree char *m2 = meeting_data ("30000000-0000-4000-8000-000000000002", a[2], a[0],
                                      "10:15", "10:45", "Table 2", "accepted");
  g_autofree char *m3 = meeting_data ("30000000-0000-4000-8000-000000000003", a[2], a[3],
                                      "10:20", "10:40", "Table 1", "accepted");
  g_autofree char *m4 = meeting_data ("30000000-0000-4000-8000-000000000004", a[2], a[0],
                                      "10:15", "10:45", "Table 2", "requested");
  g_autofree char *m5 = meeting_data ("30000000-0000-4000-8000-000000000005", a[2], a[0],
                                      "10:30", "11:00", "Table 1", "accepted");
  g_autoptr(Reply) r1 = NULL;
  g_autoptr(Reply) r2 = NULL;
  g_autoptr(Reply) r3 = NULL;
  g_autoptr(Reply) r4 = NULL;
  g_autoptr(Reply) r4_accept = NULL;
  g_autoptr(Reply) r5 = NULL;
  g_autoptr(Reply) r1_move = NULL;

  seed (f);
  for (guint i = 0; i < G_N_ELEMENTS (a); i++)
    create (f, "attendee", attendee_data (a[i], EVENT_A, "Person"));

  r1 = post (f, EVENT_TEAM, "meeting", m1, NULL);
  assert_status (r1, 201);
  r2 = post (f, EVENT_TEAM, "meeting", m2, NULL);          /* a[0] is busy */
  assert_error (r2, 409, "slot_taken");
  r3 = post (f, EVENT_TEAM, "meeting", m3, NULL);          /* Table 1 is busy */
  assert_error (r3, 409, "slot_taken");
  r4 = post (f, EVENT_TEAM, "meeting", m4, NULL);          /* only requested */
  assert_status (r4, 201);
  r4_accept = patch (f, EVENT_TEAM, "meeting", "30000000-0000-4000-8000-000000000004", "1",
                     "{\"type\":\"meeting\",\"attributes\":{\"status\":\"accepted\"}}", NULL);
  assert_error (r4_accept, 409, "slot_taken");
  r5 = post (f, EVENT_TEAM, "meeting", m5, NULL);          /* right after: free */
  assert_status (r5, 201);

  /* Moving the first meeting onto the fifth's slot clashes too. */
  r1_move = patch (f, STAFF, "meeting", "30000000-0000-4000-8000-000000000001", "1",
                   "{\"type\":\"meeting\",\"attributes\":{"
                   "\"starts_at\":\"2018-02-22T10:30:00+01:00\","
                   "\"ends_at\":\"2018-02-22T11:00:00+01:00\"}}", NULL);
  assert_error (r1_move, 409, "slot_taken");

  g_assert_cmpint (count_records (f, "meeting", "30000000-0000-4000-8000-000000000002"), ==, 0);
  g_assert_cmpint (count_records (f, "meeting", "30000000-0000-4000-8000-000000000003"), ==, 0);
}

/* 410 cursor_expired once the portal forgot its history. */
static void
test_cursor_expired (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) expired = NULL;
  g_autoptr(Reply) full = NULL;
  g_autoptr(Reply) latest = NULL;
  g_autoptr(Reply) deleted = NULL;
  g_autofree char *old_cursor = NULL;
  g_autofree char *latest_path = NULL;
  guint n_records = 0;

  seed (f);
  first = get (f, STAFF, "/changes");
  assert_status (first, 200);
  old_cursor = g_strdup (jstr (first->json, "meta.cursor"));
  g_assert_cmpstr (old_cursor, ==, "4");

  deleted = delete (f, STAFF, "cluster", CLUSTER_B, "1", NULL);
  assert_status (deleted, 204);
  set_faults (f, "{\"forget_history\": true}");

  expired = get (f, STAFF, "/changes?cursor=4");
  assert_error (expired, 410, "cursor_expired");

  /* A full sync again, page by page: the cursors it gets stay valid,
   * though they are older than the forgotten history. */
  full = get (f, STAFF, "/changes?limit=2");
  for (guint page = 0; ; page++)
    {
      assert_status (full, 200);
      for (guint i = 0; i < jlen (full->json, "data"); i++)
        {
          g_autofree char *tombstone = g_strdup_printf ("data.%u.meta.deleted", i);
          g_autofree char *id = g_strdup_printf ("data.%u.id", i);

          g_assert_null (jnode (full->json, tombstone));
          g_assert_cmpstr (jstr (full->json, id), !=, CLUSTER_B);
          n_records++;
        }
      if (jnode (full->json, "links.next") == NULL)
        break;
      g_assert_cmpuint (page, <, 2);
      latest = get (f, STAFF, jstr (full->json, "links.next"));
      g_clear_pointer (&full, reply_free);
      full = g_steal_pointer (&latest);
    }
  g_assert_cmpuint (n_records, ==, 3);
  g_assert_cmpint (jint (full->json, "meta.remaining"), ==, 0);

  latest_path = g_strdup_printf ("/changes?cursor=%s", jstr (full->json, "meta.cursor"));
  latest = get (f, STAFF, latest_path);
  assert_status (latest, 200);
  g_assert_cmpuint (jlen (latest->json, "data"), ==, 0);

  /* The old cursor stays expired. */
  g_clear_pointer (&expired, reply_free);
  expired = get (f, STAFF, "/changes?cursor=3");
  assert_error (expired, 410, "cursor_expired");
}

/* 429 and 503 with Retry-After, then the request goes through. */
static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) second = NULL;
  g_autoptr(Reply) third = NULL;
  g_autoptr(Reply) slow_down = NULL;
  g_autoptr(Reply) after = NULL;
  g_autoptr(Reply) dated = NULL;
  g_autoptr(Reply) write = NULL;
  g_autofree char *cluster = cluster_data (CLUSTER_A, "Alpha", NULL);

  set_faults (f, "{\"fail_next\": 2, \"status\": 503, \"retry_after\": 1}");
  first = get (f, STAFF, "/me");
  assert_error (first, 503, "unavailable");
  g_assert_cmpstr (header (first, "Retry-After"), ==, "1");
  write = post (f, STAFF, "cluster", cluster, "key-1");
  assert_error (write, 503, "unavailable");
  g_assert_cmpstr (header (write, "Retry-After"), ==, "1");
  g_assert_cmpint (count_records (f, "cluster", CLUSTER_A), ==, 0);
  third = get (f, STAFF, "/me");
  assert_status (third, 200);
  g_assert_null (header (third, "Retry-After"));

  set_faults (f, "{\"status_429_next\": 1, \"retry_after\": 2}");
  slow_down = get (f, STAFF, "/changes");
  assert_error (slow_down, 429, "too_many_requests");
  g_assert_cmpstr (header (slow_down, "Retry-After"), ==, "2");
  after = get (f, STAFF, "/changes");
  assert_status (after, 200);

  set_faults (f, "{\"fail_next\": 1, \"status\": 503, "
                 "\"retry_after\": \"Wed, 21 Oct 2015 07:28:00 GMT\"}");
  dated = get (f, STAFF, "/me");
  assert_error (dated, 503, "unavailable");
  g_assert_cmpstr (header (dated, "Retry-After"), ==, "Wed, 21 Oct 2015 07:28:00 GMT");

  second = get (f, STAFF, "/me");
  assert_status (second, 200);
}

/* The same idempotency key twice: one change, the first answer again. */
static void
test_idempotent_replay (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *cluster = cluster_data (CLUSTER_A, "Alpha Cluster", NULL);
  g_autoptr(Reply) first = post (f, MANAGER, "cluster", cluster, "create-key");
  g_autoptr(Reply) again = post (f, MANAGER, "cluster", cluster, "create-key");
  g_autoptr(Reply) edit = NULL;
  g_autoptr(Reply) edit_again = NULL;
  g_autoptr(Reply) now = NULL;
  g_autoptr(Reply) stale = NULL;
  g_autoptr(Reply) retried = NULL;
  g_autoptr(Reply) removed = NULL;
  g_autoptr(Reply) removed_again = NULL;
  g_autoptr(Reply) other_user = NULL;
  const char *edit_data = "{\"type\":\"cluster\",\"attributes\":{\"city\":\"Novi Sad\"}}";

  assert_status (first, 201);
  assert_status (again, 201);
  g_assert_cmpstr (header (again, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (header (again, "ETag"), ==, "\"1\"");
  g_assert_cmpstr (again->body, ==, first->body);
  g_assert_cmpint (count_records (f, "cluster", CLUSTER_A), ==, 1);

  edit = patch (f, MANAGER, "cluster", CLUSTER_A, "1", edit_data, "edit-key");
  assert_status (edit, 200);
  g_assert_cmpint (jint (edit->json, "data.meta.rev"), ==, 2);
  edit_again = patch (f, MANAGER, "cluster", CLUSTER_A, "1", edit_data, "edit-key");
  assert_status (edit_again, 200);
  g_assert_cmpstr (header (edit_again, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (edit_again->body, ==, edit->body);
  now = get (f, MANAGER, "/cluster/" CLUSTER_A);
  g_assert_cmpint (jint (now->json, "data.meta.rev"), ==, 2);

  /* A refusal is an answer too: the same key gets it again, whatever is
   * sent with it; the merged change goes under a new key. */
  stale = patch (f, MANAGER, "cluster", CLUSTER_A, "1",
                 "{\"type\":\"cluster\",\"attributes\":{\"acronym\":\"AC\"}}", "merge-key");
  assert_error (stale, 412, "stale_revision");
  {
    g_autoptr(Reply) same_key = patch (f, MANAGER, "cluster", CLUSTER_A, "2",
                                       "{\"type\":\"cluster\",\"attributes\":{\"acronym\":\"AC\"}}",
                                       "merge-key");

    assert_error (same_key, 412, "stale_revision");
    g_assert_cmpstr (header (same_key, "Idempotent-Replayed"), ==, "true");
  }
  retried = patch (f, MANAGER, "cluster", CLUSTER_A, "2",
                   "{\"type\":\"cluster\",\"attributes\":{\"acronym\":\"AC\"}}", "merge-key-2");
  assert_status (retried, 200);
  g_assert_null (header (retried, "Idempotent-Replayed"));
  g_assert_cmpint (jint (retried->json, "data.meta.rev"), ==, 3);

  removed = delete (f, MANAGER, "cluster", CLUSTER_A, "3", "delete-key");
  assert_status (removed, 204);
  removed_again = delete (f, MANAGER, "cluster", CLUSTER_A, "3", "delete-key");
  assert_status (removed_again, 204);
  g_assert_cmpstr (header (removed_again, "Idempotent-Replayed"), ==, "true");

  /* Keys belong to their user. */
  other_user = post (f, STAFF, "cluster", cluster, "create-key");
  assert_status (other_user, 201);
  g_assert_null (header (other_user, "Idempotent-Replayed"));
}

/* A lost answer: the write is committed, the connection closes; the
 * client sends it again with the same key and gets the first answer. */
static void
test_drop_after_commit (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *cluster = cluster_data (CLUSTER_A, "Alpha Cluster", NULL);
  g_autoptr(Reply) lost = NULL;
  g_autoptr(Reply) resent = NULL;
  g_autoptr(Reply) dropped = NULL;
  g_autoptr(Reply) me = NULL;
  g_autoptr(SoupSession) fresh = soup_session_new ();

  set_faults (f, "{\"drop_after_commit_next\": 1}");
  lost = post (f, MANAGER, "cluster", cluster, "lost-key");
  g_assert_cmpuint (lost->status, ==, 0);
  g_assert_nonnull (lost->error);
  g_assert_cmpint (count_records (f, "cluster", CLUSTER_A), ==, 1);

  resent = post (f, MANAGER, "cluster", cluster, "lost-key");
  assert_status (resent, 201);
  g_assert_cmpstr (header (resent, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpint (jint (resent->json, "data.meta.rev"), ==, 1);
  g_assert_cmpint (count_records (f, "cluster", CLUSTER_A), ==, 1);

  /* drop_next: closed before anything is done.  (libsoup sends a GET
   * again by itself when a connection it reused closes: a fresh session.) */
  set_faults (f, "{\"drop_next\": 1}");
  dropped = request_full (f, fresh, "GET", "/me", MANAGER, NULL, NULL);
  g_assert_cmpuint (dropped->status, ==, 0);
  g_assert_nonnull (dropped->error);
  me = get (f, MANAGER, "/me");
  assert_status (me, 200);
}

/* /changes: pages, cursor, links.next, latest revisions, tombstones. */
static void
test_changes_paging (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Reply) page1 = NULL;
  g_autoptr(Reply) page2 = NULL;
  g_autoptr(Reply) page3 = NULL;
  g_autoptr(Reply) edited = NULL;
  g_autoptr(Reply) removed = NULL;
  g_autoptr(Reply) since = NULL;
  g_autoptr(Reply) big = NULL;
  g_autofree char *next1 = NULL;
  g_autofree char *expected_next = NULL;

  seed (f); /* seq 1-4 */
  for (guint i = 0; i < 5; i++)
    {
      char *id = g_strdup_printf ("a0000000-0000-4000-8000-%012u", i + 1);

      g_ptr_array_add (ids, id);
      create (f, "attendee", attendee_data (id, EVENT_A, "Person")); /* seq 5-9 */
    }

  page1 = get (f, EVENT_TEAM, "/changes?limit=4");
  assert_status (page1, 200);
  g_assert_cmpuint (jlen (page1->json, "data"), ==, 4);
  g_assert_cmpstr (jstr (page1->json, "data.0.id"), ==, CLUSTER_A);
  g_assert_cmpint (jint (page1->json, "data.0.meta.seq"), ==, 1);
  g_assert_cmpint (jint (page1->json, "data.3.meta.seq"), ==, 4);
  g_assert_cmpstr (jstr (page1->json, "meta.cursor"), ==, "4");
  g_assert_cmpint (jint (page1->json, "meta.remaining"), ==, 5);
  expected_next = g_strconcat (f->base, "/changes?cursor=4&limit=4", NULL);
  g_assert_cmpstr (jstr (page1->json, "links.next"), ==, expected_next);
  next1 = g_strdup (jstr (page1->json, "links.next"));

  page2 = get (f, EVENT_TEAM, next1);
  assert_status (page2, 200);
  g_assert_cmpuint (jlen (page2->json, "data"), ==, 4);
  g_assert_cmpstr (jstr (page2->json, "data.0.id"), ==, g_ptr_array_index (ids, 0));
  g_assert_cmpstr (jstr (page2->json, "meta.cursor"), ==, "8");
  g_assert_cmpint (jint (page2->json, "meta.remaining"), ==, 1);

  page3 = get (f, EVENT_TEAM, jstr (page2->json, "links.next"));
  assert_status (page3, 200);
  g_assert_cmpuint (jlen (page3->json, "data"), ==, 1);
  g_assert_cmpstr (jstr (page3->json, "meta.cursor"), ==, "9");
  g_assert_cmpint (jint (page3->json, "meta.remaining"), ==, 0);
  g_assert_null (jnode (page3->json, "links.next"));

  /* An edit and a delete after the cursor: each record once, at its
   * latest revision, the deleted one as a tombstone. */
  edited = patch (f, EVENT_TEAM, "attendee", g_ptr_array_index (ids, 0), "1",
                  "{\"type\":\"attendee\",\"attributes\":{\"name\":\"Renamed\"}}", NULL);
  assert_status (edited, 200);
  g_clear_pointer (&edited, reply_free);
  edited = patch (f, EVENT_TEAM, "attendee", g_ptr_array_index (ids, 0), "2",
                  "{\"type\":\"attendee\",\"attributes\":{\"name\":\"Renamed again\"}}", NULL);
  assert_status (edited, 200);
  removed = delete (f, EVENT_TEAM, "attendee", g_ptr_array_index (ids, 1), "1", NULL);
  assert_status (removed, 204);

  since = get (f, STAFF, "/changes?cursor=9");
  assert_status (since, 200);
  g_assert_cmpuint (jlen (since->json, "data"), ==, 2);
  g_assert_cmpstr (jstr (since->json, "data.0.id"), ==, g_ptr_array_index (ids, 0));
  g_assert_cmpint (jint (since->json, "data.0.meta.rev"), ==, 3);
  g_assert_cmpint (jint (since->json, "data.0.meta.seq"), ==, 11);
  g_assert_cmpstr (jstr (since->json, "data.0.attributes.name"), ==, "Renamed again");
  g_assert_cmpstr (jstr (since->json, "data.1.type"), ==, "attendee");
  g_assert_cmpstr (jstr (since->json, "data.1.id"), ==, g_ptr_array_index (ids, 1));
  g_assert_true (json_node_get_boolean (jnode (since->json, "data.1.meta.deleted")));
  g_assert_cmpint (jint (since->json, "data.1.meta.seq"), ==, 12);
  g_assert_null (jnode (since->json, "data.1.attributes"));
  g_assert_cmpstr (jstr (since->json, "meta.cursor"), ==, "12");
  g_assert_null (jnode (since->json, "links.next"));

  /* More than the portal gives at once: at most 1000. */
  big = get (f, STAFF, "/changes?limit=5000");
  assert_status (big, 200);
  g_assert_cmpuint (jlen (big->json, "data"), ==, 9);
}

/* /batch: in order, independently, each as the single request answers. */
static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *new_cluster = cluster_data ("cccccccc-0000-4000-8000-000000000003", "Gamma",
                                               NULL);
  g_autofree char *batch = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) replay = NULL;
  g_autoptr(Reply) too_many = NULL;
  g_autoptr(GString) many = g_string_new ("{\"operations\":[");
  static const guint expected[] = { 201, 409, 412, 200, 204, 422, 400, 404, 403 };

  seed (f);
  create (f, "attendee", attendee_data ("a0000000-0000-4000-8000-000000000001", EVENT_A, "Al"));
  create (f, "checkin", checkin_data ("c0000000-0000-4000-8000-000000000001", EVENT_A,
                                      "a0000000-0000-4000-8000-000000000001"));
  batch = g_strdup_printf (
    "{\"operations\":["
    "{\"op\":\"add\",\"idempotency_key\":\"b-1\",\"data\":%s},"
    "{\"op\":\"add\",\"idempotency_key\":\"b-2\",\"data\":%s},"
    "{\"op\":\"update\",\"idempotency_key\":\"b-3\",\"if_match\":\"7\","
    " \"data\":{\"type\":\"cluster\",\"id\":\"" CLUSTER_A "\",\"attributes\":{\"city\":\"Niš\"}}},"
    "{\"op\":\"update\",\"idempotency_key\":\"b-4\",\"if_match\":\"\\\"1\\\"\","
    " \"data\":{\"type\":\"cluster\",\"id\":\"" CLUSTER_A "\",\"attributes\":{\"city\":\"Niš\"}}},"
    "{\"op\":\"remove\",\"idempotency_key\":\"b-5\",\"if_match\":1,"
    " \"data\":{\"type\":\"event\",\"id\":\"" EVENT_B "\"}},"
    "{\"op\":\"add\",\"idempotency_key\":\"b-6\",\"data\":{\"type\":\"cluster\","
    " \"id\":\"dddddddd-0000-4000-8000-000000000004\",\"attributes\":{\"name\":\"\"}}},"
    "{\"op\":\"frobnicate\",\"data\":{\"type\":\"cluster\"}},"
    "{\"op\":\"remove\",\"if_match\":\"1\",\"data\":{\"type\":\"cluster\","
    " \"id\":\"ffffffff-0000-4000-8000-000000000009\"}},"
    "{\"op\":\"update\",\"if_match\":\"1\",\"data\":{\"type\":\"checkin\","
    " \"id\":\"c0000000-0000-4000-8000-000000000001\",\"attributes\":{\"undo\":true}}}"
    "]}", new_cluster, new_cluster);

  reply = request (f, "POST", "/batch", STAFF, batch, NULL);
  assert_status (reply, 200);
  g_assert_cmpuint (jlen (reply->json, "results"), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_strdup_printf ("results.%u.status", i);

      if (jint (reply->json, path) != expected[i])
        g_test_message ("answer: %s", reply->body);
      g_assert_cmpint (jint (reply->json, path), ==, expected[i]);
    }
  g_assert_cmpstr (jstr (reply->json, "results.0.data.id"), ==,
                   "cccccccc-0000-4000-8000-000000000003");
  g_assert_cmpint (jint (reply->json, "results.0.data.meta.rev"), ==, 1);
  g_assert_cmpstr (jstr (reply->json, "results.1.errors.0.code"), ==, "duplicate_id");
  g_assert_cmpint (jint (reply->json, "results.2.errors.0.meta.current.meta.rev"), ==, 1);
  g_assert_cmpstr (jstr (reply->json, "results.3.data.attributes.city"), ==, "Niš");
  g_assert_null (jnode (reply->json, "results.4.data"));
  g_assert_null (jnode (reply->json, "results.4.errors"));
  g_assert_cmpstr (jstr (reply->json, "results.5.errors.0.code"), ==, "required");
  g_assert_cmpstr (jstr (reply->json, "results.5.errors.0.source.pointer"), ==,
                   "/data/attributes/name");
  g_assert_cmpstr (jstr (reply->json, "results.7.errors.0.code"), ==, "not_found");
  g_assert_cmpint (count_records (f, "cluster", "cccccccc-0000-4000-8000-000000000003"), ==, 1);
  g_assert_cmpint (count_records (f, "event", EVENT_B), ==, 0);

  /* The same batch again: the ops that succeeded are replayed. */
  replay = request (f, "POST", "/batch", STAFF, batch, NULL);
  assert_status (replay, 200);
  g_assert_cmpint (jint (replay->json, "results.0.status"), ==, 201);
  g_assert_true (json_node_get_boolean (jnode (replay->json,
                                               "results.0.meta.idempotent_replayed")));
  g_assert_true (json_node_equal (jnode (replay->json, "results.0.data"),
                                  jnode (reply->json, "results.0.data")));
  g_assert_cmpint (jint (replay->json, "results.3.status"), ==, 200);
  g_assert_cmpint (jint (replay->json, "results.3.data.meta.rev"), ==, 2);
  g_assert_cmpint (jint (replay->json, "results.4.status"), ==, 204);
  /* A refusal is an answer too: the same key gets it again. */
  g_assert_cmpint (jint (replay->json, "results.1.status"), ==, 409);
  g_assert_cmpstr (jstr (replay->json, "results.1.errors.0.code"), ==, "duplicate_id");
  g_assert_cmpint (count_records (f, "cluster", "cccccccc-0000-4000-8000-000000000003"), ==, 1);

  for (guint i = 0; i < 101; i++)
    g_string_append_printf (many, "%s{\"op\":\"remove\",\"data\":{\"type\":\"cluster\","
                            "\"id\":\"" CLUSTER_B "\"}}", i > 0 ? "," : "");
  g_string_append (many, "]}");
  too_many = request (f, "POST", "/batch", STAFF, many->str, NULL);
  assert_error (too_many, 400, "too_many_operations");
  g_assert_cmpint (count_records (f, "cluster", CLUSTER_B), ==, 1);
}

static Reply *
transition (Fixture    *f,
            const char *token,
            const char *id,
            const char *if_match,
            const char *state,
            const char *comment)
{
  g_autofree char *data = NULL;

  if (comment != NULL)
    data = g_strdup_printf ("{\"type\":\"cluster\",\"meta\":{\"moderation_state\":\"%s\","
                            "\"review_comment\":\"%s\"}}", state, comment);
  else
    data = g_strdup_printf ("{\"type\":\"cluster\",\"meta\":{\"moderation_state\":\"%s\"}}",
                            state);

  return patch (f, token, "cluster", id, if_match, data, NULL);
}

/* The moderation transitions, and who may make them. */
static void
test_moderation (Fixture       *f,
                 gconstpointer  data)
{
  const char *id = "cccccccc-0000-4000-8000-000000000003";
  g_autofree char *cluster = cluster_data (id, "Gamma Cluster", NULL);
  g_autoptr(Reply) created = post (f, MANAGER, "cluster", cluster, NULL);
  g_autoptr(Reply) me = NULL;
  g_autoptr(Reply) other_sees = NULL;
  g_autoptr(Reply) r = NULL;
  g_autoptr(Reply) feed = NULL;

  assert_status (created, 201);
  g_assert_cmpstr (jstr (created->json, "data.meta.moderation_state"), ==, "draft");

  /* A new cluster becomes the manager's. */
  me = get (f, MANAGER, "/me");
  g_assert_cmpuint (jlen (me->json, "data.attributes.clusters"), ==, 2);
  g_assert_cmpstr (jstr (me->json, "data.attributes.clusters.1"), ==, id);

  /* Drafts are for their managers and staff only. */
  other_sees = get (f, OTHER_MANAGER, "/cluster/cccccccc-0000-4000-8000-000000000003");
  assert_error (other_sees, 404, "not_found");

#define STEP(token, rev, state, comment, status)                       \
  g_clear_pointer (&r, reply_free);                                    \
  r = transition (f, token, id, rev, state, comment);                  \
  assert_status (r, status)

  STEP (MANAGER, "1", "published", NULL, 422);       /* no draft → published */
  g_assert_cmpstr (jstr (r->json, "errors.0.code"), ==, "invalid_transition");
  g_assert_cmpstr (jstr (r->json, "errors.0.source.pointer"), ==, "/data/meta/moderation_state");
  STEP (MANAGER, "1", "bogus", NULL, 422);
  g_assert_cmpstr (jstr (r->json, "errors.0.code"), ==, "not_a_choice");
  STEP (OTHER_MANAGER, "1", "needs_review", NULL, 404);
  STEP (MANAGER, "1", "needs_review", NULL, 200);
  g_assert_cmpstr (jstr (r->json, "data.meta.moderation_state"), ==, "needs_review");
  g_assert_cmpint (jint (r->json, "data.meta.rev"), ==, 2);
  STEP (MANAGER, "2", "published", NULL, 403);       /* staff only */
  g_assert_cmpstr (jstr (r->json, "errors.0.code"), ==, "forbidden");
  STEP (MANAGER, "2", "changes_requested", NULL, 403);
  STEP (STAFF, "2", "changes_requested", "Add your members", 200);
  g_assert_cmpstr (jstr (r->json, "data.meta.review_comment"), ==, "Add your members");
  STEP (MANAGER, "3", "needs_review", NULL, 200);
  g_assert_cmpstr (jstr (r->json, "data.meta.review_comment"), ==, "Add your members");
  STEP (STAFF, "4", "published", "Welcome", 200);
  g_assert_cmpstr (jstr (r->json, "data.meta.moderation_state"), ==, "published");
  g_assert_true (JSON_NODE_HOLDS_NULL (jnode (r->json, "data.meta.published")));

  g_clear_pointer (&other_sees, reply_free);
  other_sees = get (f, OTHER_MANAGER, "/cluster/cccccccc-0000-4000-8000-000000000003");
  assert_status (other_sees, 200);
  g_assert_cmpstr (jstr (other_sees->json, "data.attributes.name"), ==, "Gamma Cluster");

  STEP (MANAGER, "5", "archived", NULL, 403);
  STEP (STAFF, "5", "archived", NULL, 200);
  STEP (STAFF, "6", "published", NULL, 422);         /* archived → draft only */
  g_assert_cmpstr (jstr (r->json, "errors.0.code"), ==, "invalid_transition");

  /* An archived record leaves everyone else's feed as a tombstone. */
  feed = get (f, EVENT_TEAM, "/changes?cursor=5");
  assert_status (feed, 200);
  g_assert_cmpuint (jlen (feed->json, "data"), ==, 1);
  g_assert_cmpstr (jstr (feed->json, "data.0.id"), ==, id);
  g_assert_true (json_node_get_boolean (jnode (feed->json, "data.0.meta.deleted")));
  g_assert_null (jnode (feed->json, "data.0.attributes"));

  STEP (STAFF, "6", "draft", NULL, 200);
#undef STEP
}

/* A manager's edit of a published record is a working copy; everyone else
 * still sees the published revision until staff publishes the new one. */
static void
test_working_copy (Fixture       *f,
                   gconstpointer  data)
{
  const char *rename = "{\"type\":\"cluster\",\"attributes\":{\"name\":\"Alpha Renamed\"}}";
  g_autoptr(Reply) edit = NULL;
  g_autoptr(Reply) team = NULL;
  g_autoptr(Reply) staff = NULL;
  g_autoptr(Reply) other_feed = NULL;
  g_autoptr(Reply) manager_feed = NULL;
  g_autoptr(Reply) submit = NULL;
  g_autoptr(Reply) publish = NULL;
  g_autoptr(Reply) team_after = NULL;

  seed (f);

  edit = patch (f, MANAGER, "cluster", CLUSTER_A, "1", rename, NULL);
  assert_status (edit, 200);
  g_assert_cmpstr (jstr (edit->json, "data.attributes.name"), ==, "Alpha Renamed");
  g_assert_cmpstr (jstr (edit->json, "data.meta.moderation_state"), ==, "draft");
  g_assert_cmpint (jint (edit->json, "data.meta.rev"), ==, 2);
  g_assert_cmpstr (jstr (edit->json, "data.meta.published.name"), ==, "Alpha Cluster");

  team = get (f, EVENT_TEAM, "/cluster/" CLUSTER_A);
  assert_status (team, 200);
  g_assert_cmpstr (header (team, "ETag"), ==, "\"1\"");
  g_assert_cmpstr (jstr (team->json, "data.attributes.name"), ==, "Alpha Cluster");
  g_assert_cmpstr (jstr (team->json, "data.meta.moderation_state"), ==, "published");
  g_assert_cmpint (jint (team->json, "data.meta.rev"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (jnode (team->json, "data.meta.published")));

  staff = get (f, STAFF, "/cluster/" CLUSTER_A);
  g_assert_cmpstr (jstr (staff->json, "data.attributes.name"), ==, "Alpha Renamed");
  g_assert_cmpstr (jstr (staff->json, "data.meta.published.name"), ==, "Alpha Cluster");

  other_feed = get (f, OTHER_MANAGER, "/changes?cursor=4");
  g_assert_cmpuint (jlen (other_feed->json, "data"), ==, 1);
  g_assert_cmpstr (jstr (other_feed->json, "data.0.attributes.name"), ==, "Alpha Cluster");
  g_assert_cmpint (jint (other_feed->json, "data.0.meta.seq"), ==, 5);
  manager_feed = get (f, MANAGER, "/changes?cursor=4");
  g_assert_cmpstr (jstr (manager_feed->json, "data.0.attributes.name"), ==, "Alpha Renamed");
  g_assert_cmpstr (jstr (manager_feed->json, "data.0.meta.published.name"), ==,
                   "Alpha Cluster");

  submit = transition (f, MANAGER, CLUSTER_A, "2", "needs_review", NULL);
  assert_status (submit, 200);
  publish = transition (f, STAFF, CLUSTER_A, "3", "published", NULL);
  assert_status (publish, 200);

  team_after = get (f, EVENT_TEAM, "/cluster/" CLUSTER_A);
  g_assert_cmpstr (jstr (team_after->json, "data.attributes.name"), ==, "Alpha Renamed");
  g_assert_cmpint (jint (team_after->json, "data.meta.rev"), ==, 4);
  g_assert_true (JSON_NODE_HOLDS_NULL (jnode (team_after->json, "data.meta.published")));
}

/* gzip both ways when asked, plain otherwise. */
static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SoupSession) raw = soup_session_new ();
  g_autoptr(Reply) zipped = NULL;
  g_autoptr(Reply) plain = NULL;
  g_autoptr(Reply) posted = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GZlibCompressor) compressor = NULL;
  g_autoptr(GInputStream) memory = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GOutputStream) zip = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *cluster = NULL;
  g_autofree char *document = NULL;
  g_autofree char *text = g_malloc (1024 * 1024);
  gsize length = 0;
  const char *accept[] = { "Accept-Encoding", "gzip", NULL };
  const char *encoding[] = { "Content-Encoding", "gzip", NULL };

  seed (f);
  soup_session_remove_feature_by_type (raw, SOUP_TYPE_CONTENT_DECODER);

  zipped = request_full (f, raw, "GET", "/changes", STAFF, NULL, accept);
  assert_status (zipped, 200);
  g_assert_cmpstr (header (zipped, "Content-Encoding"), ==, "gzip");
  g_assert_cmpstr (header (zipped, "Content-Type"), ==, "application/vnd.api+json");
  g_assert_null (zipped->json);

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  memory = g_memory_input_stream_new_from_bytes (zipped->bytes);
  stream = g_converter_input_stream_new (memory, G_CONVERTER (decompressor));
  g_input_stream_read_all (stream, text, 1024 * 1024 - 1, &length, NULL, &error);
  g_assert_no_error (error);
  text[length] = '\0';
  json_parser_load_from_data (parser, text, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jlen (json_parser_get_root (parser), "data"), ==, 4);

  plain = request_full (f, raw, "GET", "/changes", STAFF, NULL, NULL);
  assert_status (plain, 200);
  g_assert_null (header (plain, "Content-Encoding"));
  g_assert_cmpuint (jlen (plain->json, "data"), ==, 4);
  g_assert_cmpstr (text, ==, plain->body);

  /* A gzipped request body. */
  cluster = cluster_data ("cccccccc-0000-4000-8000-000000000003", "Zipped", NULL);
  document = g_strdup_printf ("{\"data\":%s}", cluster);
  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  out = g_memory_output_stream_new_resizable ();
  zip = g_converter_output_stream_new (out, G_CONVERTER (compressor));
  g_output_stream_write_all (zip, document, strlen (document), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (zip, NULL, &error);
  g_assert_no_error (error);
  body = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  posted = request_full (f, raw, "POST", "/cluster", STAFF, body, encoding);
  assert_status (posted, 201);
  g_assert_cmpstr (jstr (posted->json, "data.attributes.name"), ==, "Zipped");
}

/* Attributes and relationships the portal does not know survive. */
static void
test_unknown_attributes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) edited = NULL;
  g_autoptr(Reply) fetched = NULL;

  created = post (f, STAFF, "cluster",
                  "{\"type\":\"cluster\",\"id\":\"" CLUSTER_A "\",\"attributes\":{"
                  "\"name\":\"Alpha\",\"profile_type\":\"cluster_organisation\","
                  "\"country\":\"DE\",\"ecosystems\":[\"Digital\"],"
                  "\"x_future\":{\"nested\":[1,2,{\"deep\":true}]},\"eccp_legacy_id\":1234},"
                  "\"relationships\":{\"x_mentor\":{\"data\":{\"type\":\"cluster\","
                  "\"id\":\"" CLUSTER_B "\"}}}}", NULL);
  assert_status (created, 201);

  edited = patch (f, STAFF, "cluster", CLUSTER_A, "1",
                  "{\"type\":\"cluster\",\"attributes\":{\"name\":\"Alpha Renamed\","
                  "\"x_other\":\"new\"}}", NULL);
  assert_status (edited, 200);

  fetched = get (f, STAFF, "/cluster/" CLUSTER_A);
  g_assert_cmpstr (jstr (fetched->json, "data.attributes.name"), ==, "Alpha Renamed");
  g_assert_cmpint (jint (fetched->json, "data.attributes.eccp_legacy_id"), ==, 1234);
  g_assert_cmpint (jint (fetched->json, "data.attributes.x_future.nested.1"), ==, 2);
  g_assert_true (json_node_get_boolean (jnode (fetched->json,
                                               "data.attributes.x_future.nested.2.deep")));
  g_assert_cmpstr (jstr (fetched->json, "data.attributes.x_other"), ==, "new");
  g_assert_cmpstr (jstr (fetched->json, "data.relationships.x_mentor.data.id"), ==, CLUSTER_B);
  g_assert_cmpstr (jstr (fetched->json, "data.attributes.country"), ==, "DE");
}

/* 405 for methods a path does not answer. */
static void
test_method_not_allowed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Reply) list = get (f, STAFF, "/cluster");
  g_autoptr(Reply) me = request (f, "DELETE", "/me", STAFF, NULL, NULL);

  assert_error (list, 405, "method_not_allowed");
  g_assert_cmpstr (header (list, "Allow"), ==, "POST");
  assert_error (me, 405, "method_not_allowed");
}

/* The test hooks are off unless asked for. */
static void
test_no_test_hooks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *users = g_build_filename (f->dir, "users.json", NULL);
  g_autofree char *db = g_build_filename (f->dir, "portal.db", NULL);
  g_autoptr(Reply) faults = NULL;

  g_file_set_contents (users, users_json, -1, &error);
  g_assert_no_error (error);
  f->process = eccp_test_portal_start (db, users, FALSE, NULL, &f->base);
  f->session = soup_session_new ();

  faults = request (f, "POST", "/_test/faults", STAFF, "{\"fail_next\": 5}", NULL);
  assert_error (faults, 404, "not_found");
}

/* --demo with the default users file: the documented demo users. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *users = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                  "portal-users.json", NULL);
  const char *args[] = { "--demo", NULL };
  g_autoptr(Reply) me = NULL;
  g_autoptr(Reply) klaster = NULL;
  g_autoptr(Reply) edit = NULL;
  g_autoptr(Reply) team = NULL;
  g_autoptr(Reply) attendee = NULL;
  g_autoptr(Reply) page = NULL;
  g_autoptr(Reply) staff = NULL;
  g_autofree char *new_attendee = attendee_data ("a0000000-0000-4000-8000-0000000000dd",
                                                 DEMO_EVENT, "Ana Kovačević");

  portal_start (f, users, args);

  me = get (f, "manager-demo-token", "/me");
  assert_status (me, 200);
  g_assert_cmpstr (jstr (me->json, "data.attributes.roles.0"), ==, "cluster_manager");
  g_assert_cmpstr (jstr (me->json, "data.attributes.clusters.0"), ==, DEMO_KLASTER);

  klaster = get (f, "manager-demo-token", "/cluster/" DEMO_KLASTER);
  assert_status (klaster, 200);
  g_assert_cmpstr (jstr (klaster->json, "data.attributes.name"), ==,
                   "KLASTER POL-JOMEHANIZACIJE d.o.o.");
  g_assert_cmpstr (jstr (klaster->json, "data.meta.moderation_state"), ==, "published");

  edit = patch (f, "manager-demo-token", "cluster", DEMO_KLASTER, "1",
                "{\"type\":\"cluster\",\"attributes\":{\"city\":\"Novi Sad\"}}", NULL);
  assert_status (edit, 200);
  g_assert_cmpstr (jstr (edit->json, "data.meta.moderation_state"), ==, "draft");
  g_assert_cmpint (jint (edit->json, "data.attributes.eccp_legacy_id"), ==, 1234);

  team = get (f, "event-demo-token", "/me");
  g_assert_cmpstr (jstr (team->json, "data.attributes.events.0"), ==, DEMO_EVENT);
  attendee = post (f, "event-demo-token", "attendee", new_attendee, NULL);
  assert_status (attendee, 201);

  staff = get (f, "staff-demo-token", "/me");
  g_assert_cmpstr (jstr (staff->json, "data.attributes.roles.0"), ==, "staff");

  page = get (f, "staff-demo-token", "/changes?limit=1000");
  assert_status (page, 200);
  g_assert_cmpuint (jlen (page->json, "data"), ==, 1000);
  g_assert_cmpstr (jstr (page->json, "data.0.type"), ==, "cluster");
  g_assert_cmpstr (jstr (page->json, "meta.cursor"), ==, "1001");
  g_assert_cmpint (jint (page->json, "meta.remaining"), >, 5000);
  g_assert_nonnull (jstr (page->json, "links.next"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_UNSTARTED(path, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (1), fixture_set_up, func, fixture_tear_down)

  ADD ("/portal/me", test_me);
  ADD ("/portal/errors/400-malformed", test_malformed);
  ADD ("/portal/errors/401-unauthorized", test_unauthorized);
  ADD ("/portal/errors/403-forbidden", test_forbidden);
  ADD ("/portal/errors/404-not-found", test_not_found);
  ADD ("/portal/errors/405-method-not-allowed", test_method_not_allowed);
  ADD ("/portal/errors/409-duplicate-id", test_create_and_get);
  ADD ("/portal/errors/409-slot-taken", test_slot_taken);
  ADD ("/portal/errors/410-cursor-expired", test_cursor_expired);
  ADD ("/portal/errors/412-428-if-match", test_if_match);
  ADD ("/portal/errors/422-validation", test_validation);
  ADD ("/portal/errors/422-criteria-not-met", test_criteria_not_met);
  ADD ("/portal/errors/429-503-retry-after", test_retry_after);
  ADD ("/portal/idempotency/replay", test_idempotent_replay);
  ADD ("/portal/idempotency/drop-after-commit", test_drop_after_commit);
  ADD ("/portal/changes/paging", test_changes_paging);
  ADD ("/portal/batch", test_batch);
  ADD ("/portal/moderation/transitions", test_moderation);
  ADD ("/portal/moderation/working-copy", test_working_copy);
  ADD ("/portal/gzip", test_gzip);
  ADD ("/portal/unknown-attributes", test_unknown_attributes);
  ADD_UNSTARTED ("/portal/no-test-hooks", test_no_test_hooks);
  ADD_UNSTARTED ("/portal/demo", test_demo);

  return g_test_run ();
}
