/* test-sync-engine.c: the engine against a scripted server, for answers
 * the reference portal never gives
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/integration/test-sync.c runs the engine against eccp-portal; this
 * covers what a conforming but different server may do: refuse /batch,
 * answer a batch short, answer 404 to an edit without a tombstone in the
 * feed, repeat a cursor, send something that is not JSON.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "eccp-json.h"
#include "eccp-store-sync.h"
#include "eccp-sync-engine.h"
#include "eccp-test-server.h"

#define CLUSTER_A "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e"
#define CLUSTER_B "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"

/* {{{ A scripted server, in its own thread */

typedef struct
{
  char  *request;  /* "PATCH /cluster/ID", query left out */
  guint  status;
  char  *body;     /* NULL: none */
} Answer;

typedef struct
{
  EccpTestServer *loopback;
  const char     *base_url;
  GMutex          mutex;
  GQueue          script;    /* Answer: taken by the first request that matches */
  GPtrArray      *log;       /* "METHOD /path?query" of each request */
} Server;

static Server server;

static void
answer_free (Answer *answer)
{
  g_free (answer->request);
  g_free (answer->body);
  g_free (answer);
}

/* The next request @request gets @status and @body. */
static void
script (const char *request,
        guint       status,
        const char *body)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->request = g_strdup (request);
  answer->status = status;
  answer->body = g_strdup (body);

  g_mutex_lock (&server.mutex);
  g_queue_push_tail (&server.script, answer);
  g_mutex_unlock (&server.mutex);
}

static void
handler (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);
  const char *rest = path + strlen ("/jsonapi");
  g_autofree char *request = g_strdup_printf ("%s %s", method, rest);
  GUri *uri = soup_server_message_get_uri (msg);
  Answer *answer = NULL;

  g_mutex_lock (&server.mutex);
  g_ptr_array_add (server.log, g_strdup_printf ("%s%s%s", request,
                                                g_uri_get_query (uri) ? "?" : "",
                                                g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
  for (GList *l = server.script.head; l != NULL; l = l->next)
    {
      Answer *candidate = l->data;

      if (g_str_equal (candidate->request, request))
        {
          answer = candidate;
          g_queue_delete_link (&server.script, l);
          break;
        }
    }
  g_mutex_unlock (&server.mutex);

  if (answer == NULL)
    {
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "application/vnd.api+json", SOUP_MEMORY_STATIC,
                                        "{\"errors\": [{\"title\": \"not scripted\"}]}", 39);
      return;
    }

  soup_server_message_set_status (msg, answer->status, NULL);
  if (answer->body != NULL)
    soup_server_message_set_response (msg, g_str_has_prefix (answer->body, "<")
                                      ? "text/html" : "application/vnd.api+json",
                                      SOUP_MEMORY_COPY, answer->body, strlen (answer->body));
  answer_free (answer);
}

static void
add_handler (SoupServer *soup_server,
             gpointer    user_data)
{
  soup_server_add_handler (soup_server, "/jsonapi", handler, NULL, NULL);
}

static void
server_start (void)
{
  g_mutex_init (&server.mutex);
  g_queue_init (&server.script);
  server.log = g_ptr_array_new_with_free_func (g_free);
  server.loopback = eccp_test_server_start (add_handler, NULL);
  server.base_url = eccp_test_server_get_base_url (server.loopback);
}

static void
server_stop (void)
{
  eccp_test_server_stop (server.loopback);
  g_queue_clear_full (&server.script, (GDestroyNotify) answer_free);
  g_ptr_array_unref (server.log);
  g_mutex_clear (&server.mutex);
}

/* }}} */

typedef struct
{
  char           *dir;
  EccpStore      *store;
  EccpSyncEngine *engine;
} Fixture;

static const char *
cluster_json (const char *id,
              int         rev,
              const char *city)
{
  static char text[1024];

  g_snprintf (text, sizeof text,
              "{\"type\": \"cluster\", \"id\": \"%s\", \"attributes\": {\"name\": \"Cluster %s\","
              " \"profile_type\": \"cluster_organisation\", \"country\": \"RS\", \"city\": \"%s\","
              " \"ecosystems\": [\"Agri-food\"]}, \"relationships\": {},"
              " \"meta\": {\"rev\": %d, \"seq\": %d, \"moderation_state\": \"published\"}}",
              id, id, city, rev, rev);

  return text;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EccpPortalClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *page_text = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autofree char *a = NULL;

  fixture->dir = g_dir_make_tmp ("eccp-test-engine-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = eccp_store_new (path, &error);
  g_assert_no_error (error);

  /* Clusters A and B at rev 1, cursor "1". */
  a = g_strdup (cluster_json (CLUSTER_A, 1, "Novi Sad"));
  page_text = g_strdup_printf ("{\"data\": [%s, %s], \"meta\": {\"cursor\": \"1\"}}",
                               a, cluster_json (CLUSTER_B, 1, "Niš"));
  page = eccp_json_node_from_string (page_text, &error);
  g_assert_no_error (error);
  eccp_store_apply_changes_page (fixture->store, page, NULL, &error);
  g_assert_no_error (error);

  client = eccp_portal_client_new (server.base_url, "token", &error);
  g_assert_no_error (error);
  fixture->engine = eccp_sync_engine_new (fixture->store, client);
  g_object_set (fixture->engine, "retry-base-ms", 5, NULL);

  g_mutex_lock (&server.mutex);
  g_queue_clear_full (&server.script, (GDestroyNotify) answer_free);
  g_ptr_array_set_size (server.log, 0);
  g_mutex_unlock (&server.mutex);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

typedef struct
{
  GMainLoop      *loop;
  EccpSyncReport *report;
  GError         *error;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  eccp_sync_engine_sync_finish (ECCP_SYNC_ENGINE (object), result, &wait->report, &wait->error);
  g_main_loop_quit (wait->loop);
}

static EccpSyncReport *
run_sync (Fixture  *fixture,
          GError  **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), };

  eccp_sync_engine_sync_async (fixture->engine, NULL, done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.report;
}

static void
edit_city (Fixture    *fixture,
           const char *id,
           const char *city)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (attributes, "city", city);
  record = eccp_store_update (fixture->store, "cluster", id, attributes, NULL, &error);
  g_assert_no_error (error);
}

static char *
answer_with (const char *id,
             int         rev,
             const char *city)
{
  return g_strdup_printf ("{\"data\": %s}", cluster_json (id, rev, city));
}

static const char *
logged (guint i)
{
  g_assert_cmpuint (i, <, server.log->len);
  return g_ptr_array_index (server.log, i);
}

#define EMPTY_PAGE "{\"data\": [], \"meta\": {\"cursor\": \"9\", \"remaining\": 0}}"

/* A server without /batch: one request per change. */
static void
test_batch_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = answer_with (CLUSTER_A, 2, "Zagreb");
  g_autofree char *b = answer_with (CLUSTER_B, 2, "Split");

  edit_city (fixture, CLUSTER_A, "Zagreb");
  edit_city (fixture, CLUSTER_B, "Split");
  script ("POST /batch", 404, "{\"errors\": [{\"status\": \"404\", \"title\": \"Not found\"}]}");
  script ("PATCH /cluster/" CLUSTER_A, 200, a);
  script ("PATCH /cluster/" CLUSTER_B, 200, b);
  script ("GET /changes", 200, EMPTY_PAGE);

  report = run_sync (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_IN_STEP);
  g_assert_cmpuint (report->pushed, ==, 2);
  g_assert_cmpuint (report->requests, ==, 4);
  g_assert_cmpstr (logged (0), ==, "POST /batch");
  g_assert_cmpstr (logged (3), ==, "GET /changes?cursor=1&limit=1000");
}

/* A batch answered for its first operation only: the other is sent again. */
static void
test_batch_short (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_strdup (cluster_json (CLUSTER_A, 2, "Zagreb"));
  g_autofree char *first = g_strdup_printf ("{\"results\": [{\"status\": 200, \"data\": %s}]}", a);
  g_autofree char *b = answer_with (CLUSTER_B, 2, "Split");

  edit_city (fixture, CLUSTER_A, "Zagreb");
  edit_city (fixture, CLUSTER_B, "Split");
  script ("POST /batch", 200, first);
  script ("PATCH /cluster/" CLUSTER_B, 200, b);
  script ("GET /changes", 200, EMPTY_PAGE);

  report = run_sync (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pushed, ==, 2);
  g_assert_cmpuint (report->retries, ==, 1);
}

/* 404 to an edit, and no tombstone in the feed: shown as not valid. */
static void
test_patch_not_found (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;

  edit_city (fixture, CLUSTER_A, "Zagreb");
  script ("PATCH /cluster/" CLUSTER_A, 404,
          "{\"errors\": [{\"status\": \"404\", \"code\": \"not_found\", \"title\": \"No such record\"}]}");
  script ("GET /changes", 200, EMPTY_PAGE);

  report = run_sync (fixture, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_assert_cmpuint (report->invalid, ==, 1);
  g_assert_cmpuint (report->requests, ==, 2);

  change = eccp_store_get_change (fixture->store, "cluster", CLUSTER_A, NULL);
  g_assert_nonnull (change);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_INVALID);
  g_assert_cmpstr (eccp_json_get_string (json_array_get_object_element (change->errors, 0), "code"),
                   ==, "not_found");
}

/* A success without the record: the engine fetches it. */
static void
test_answer_without_record (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = answer_with (CLUSTER_A, 2, "Zagreb");

  edit_city (fixture, CLUSTER_A, "Zagreb");
  script ("PATCH /cluster/" CLUSTER_A, 204, NULL);
  script ("GET /cluster/" CLUSTER_A, 200, a);
  script ("GET /changes", 200, EMPTY_PAGE);

  report = run_sync (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pushed, ==, 1);
  record = eccp_store_get (fixture->store, "cluster", CLUSTER_A, &error);
  g_assert_cmpint (eccp_record_get_rev (record), ==, 2);
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_SYNCED);
}

/* A next page promised with a cursor that does not move: no endless loop,
 * but a failure that says so, with the cursor of the last good page. */
static void
test_cursor_stuck (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;

  script ("GET /changes", 200,
          "{\"data\": [], \"meta\": {\"cursor\": \"1\"}, \"links\": {\"next\": \"http://evil.invalid/x\"}}");

  report = run_sync (fixture, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "already sent (cursor “1”)"));
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_FAILED);
  g_assert_cmpuint (report->requests, ==, 1);
  cursor = eccp_store_get_cursor (fixture->store);
  g_assert_cmpstr (cursor, ==, "1");
}

/* Pages followed by meta.cursor, whatever host links.next names. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_strdup_printf ("{\"data\": [%s], \"meta\": {\"cursor\": \"a b\", \"remaining\": 1},"
                                            " \"links\": {\"next\": \"http://evil.invalid/changes?cursor=x\"}}",
                                            cluster_json (CLUSTER_A, 3, "Osijek"));
  g_autofree char *second = g_strdup_printf ("{\"data\": [%s], \"meta\": {\"cursor\": \"7\", \"remaining\": 0}}",
                                             cluster_json (CLUSTER_B, 4, "Pula"));

  script ("GET /changes", 200, first);
  script ("GET /changes", 200, second);

  report = run_sync (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pulled, ==, 2);
  g_assert_cmpuint (report->requests, ==, 2);
  g_assert_cmpstr (logged (1), ==, "GET /changes?cursor=a%20b&limit=1000");
  g_assert_cmpint (eccp_sync_engine_get_remaining (fixture->engine), ==, -1);
}

/* Not JSON where a page should be: a failure that says so. */
static void
test_not_json (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  script ("GET /changes", 200, "<html>Log in to the hotel Wi-Fi</html>");

  report = run_sync (fixture, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not JSON"));
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_FAILED);
}

/* 400: a bug to show, the change kept. */
static void
test_bad_request (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;

  edit_city (fixture, CLUSTER_A, "Zagreb");
  script ("PATCH /cluster/" CLUSTER_A, 400,
          "{\"errors\": [{\"status\": \"400\", \"code\": \"invalid_document\", \"title\": \"Malformed document\"}]}");
  script ("GET /changes", 200, EMPTY_PAGE);

  report = run_sync (fixture, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  change = eccp_store_get_change (fixture->store, "cluster", CLUSTER_A, NULL);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_INVALID);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  server_start ();

#define ADD(path, func) \
  g_test_add ("/sync-engine/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("batch-refused", test_batch_refused);
  ADD ("batch-short", test_batch_short);
  ADD ("patch-not-found", test_patch_not_found);
  ADD ("answer-without-record", test_answer_without_record);
  ADD ("cursor-stuck", test_cursor_stuck);
  ADD ("pages", test_pages);
  ADD ("not-json", test_not_json);
  ADD ("bad-request", test_bad_request);

#undef ADD

  status = g_test_run ();
  server_stop ();

  return status;
}
