/* test-two-processes.c: the app's store and the `eccp` program on one
 * file at the same time: the store sees the program's writes without
 * being opened again, and a sync beside a writer loses nothing
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

#include "eccp-test-sync.h"
#include "eccp-test-util.h"

#include "eccp-json.h"
#include "eccp-store.h"

typedef struct
{
  EccpTestSync  sync;
  char         *staff_token;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "portal-users.json", NULL);
  g_autofree char *users_json = NULL;
  g_autoptr(JsonNode) users = NULL;
  JsonArray *array;

  g_file_get_contents (path, &users_json, NULL, &error);
  g_assert_no_error (error);
  users = eccp_test_parse_json (users_json);
  array = json_object_get_array_member (json_node_get_object (users), "users");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *user = json_array_get_object_element (array, i);
      const char *role = json_array_get_string_element (json_object_get_array_member (user, "roles"), 0);

      if (g_str_equal (role, "staff"))
        fixture->staff_token = g_strdup (json_object_get_string_member (user, "token"));
    }
  g_assert_nonnull (fixture->staff_token);

  eccp_test_sync_set_up (&fixture->sync, users_json, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  eccp_test_sync_tear_down (&fixture->sync, data);
  g_clear_pointer (&fixture->staff_token, g_free);
}

/* `eccp --db DB ARGS…`, started: its output is read when it ends. */
static GSubprocess *
spawn_eccp (const char         *db,
            const char         *token,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "ECCP_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "ECCP_TOKEN");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");

  g_ptr_array_add (argv, (gpointer) g_getenv ("ECCP_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

typedef struct
{
  gboolean  ended;
  char     *out;
  char     *err;
} Ended;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Ended *ended = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &ended->out, &ended->err, &error);
  g_assert_no_error (error);
  ended->ended = TRUE;
}

static void
settled_cb (EccpStore *store,
            guint     *n_settled)
{
  (*n_settled)++;
}

static char *
cluster_city (EccpStore  *store,
              const char *id)
{
  g_autoptr(EccpRecord) record = eccp_store_get (store, "cluster", id, NULL);
  JsonObject *attributes = record != NULL ? eccp_record_get_attributes (record) : NULL;

  if (attributes == NULL || !json_object_has_member (attributes, "city"))
    return NULL;

  return g_strdup (json_object_get_string_member (attributes, "city"));
}

/* A store open as the app keeps it; `eccp create` then `eccp set` in
 * another process: each write reaches the store's ::settled, and a read
 * after it sees the write, with no reopening and no fixed wait. */
static void
test_notice (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(EccpStore) store = eccp_test_sync_new_store (&fixture->sync, &path);
  g_autoptr(GSubprocess) create = NULL;
  g_autoptr(GSubprocess) set = NULL;
  g_autofree char *id = NULL;
  g_autofree char *city = NULL;
  Ended created = { 0 };
  Ended changed = { 0 };
  guint n_settled = 0;

  eccp_store_watch_other_writers (store, 100);
  g_signal_connect (store, "settled", G_CALLBACK (settled_cb), &n_settled);

  create = spawn_eccp (path, NULL, (const char *[]) { "create", "cluster", "name=Made in a terminal",
                                                      "profile_type=cluster_organisation", "country=PL",
                                                      "ecosystems=Digital", "city=Łódź", NULL });
  g_subprocess_communicate_utf8_async (create, NULL, NULL, communicated_cb, &created);
  while (!created.ended || n_settled == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (g_subprocess_get_exit_status (create), ==, 0);
  id = g_strstrip (g_strdup (created.out));
  city = cluster_city (store, id);
  g_assert_cmpstr (city, ==, "Łódź");
  g_assert_cmpint (eccp_store_count_changes (store, ECCP_SYNC_STATE_PENDING, NULL), ==, 1);

  /* A second write: noticed again. */
  n_settled = 0;
  set = spawn_eccp (path, NULL, (const char *[]) { "set", "cluster", id, "city=Kraków", NULL });
  g_subprocess_communicate_utf8_async (set, NULL, NULL, communicated_cb, &changed);
  while (!changed.ended || n_settled == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (g_subprocess_get_exit_status (set), ==, 0);
  g_clear_pointer (&city, g_free);
  city = cluster_city (store, id);
  g_assert_cmpstr (city, ==, "Kraków");

  /* The store's own writes are not taken for another's. */
  eccp_store_watch_other_writers (store, 0);
  g_free (created.out), g_free (created.err), g_free (changed.out), g_free (changed.err);
}

static JsonObject *
new_cluster (guint n)
{
  g_autofree char *json = g_strdup_printf ("{\"name\": \"Written beside a sync %u\","
                                           " \"profile_type\": \"cluster_organisation\", \"country\": \"RS\","
                                           " \"ecosystems\": [\"Agri-food\"]}", n);

  return eccp_json_object_from_string (json, NULL);
}

/* `eccp sync` sends 100 changes while this process keeps writing new
 * ones: neither sees "database is locked", and nothing is lost. */
static void
test_sync_beside_writer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(GSubprocess) again = NULL;
  Ended synced = { 0 };
  Ended synced_again = { 0 };
  guint n = 0;

  if (!eccp_test_sync_have_portal ())
    return;

  store = eccp_test_sync_new_store (&fixture->sync, &path);
  for (; n < 100; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) attributes = new_cluster (n);
      g_autoptr(EccpRecord) record = eccp_store_create (store, "cluster", NULL, attributes, NULL, &error);

      g_assert_no_error (error);
    }

  sync = spawn_eccp (path, fixture->staff_token,
                     (const char *[]) { "sync", "--portal", fixture->sync.url, NULL });
  g_subprocess_communicate_utf8_async (sync, NULL, NULL, communicated_cb, &synced);

  /* Write while the sync runs, up to 200 records: a writer that never
   * stops would keep the sync sending its new changes for ever. */
  while (!synced.ended && n < 300)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) attributes = new_cluster (n++);
      g_autoptr(EccpRecord) record = eccp_store_create (store, "cluster", NULL, attributes, NULL, &error);

      g_assert_no_error (error);
      g_main_context_iteration (NULL, FALSE);
    }

  g_test_message ("%u clusters written here, beside the sync", n - 100);
  while (!synced.ended)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_subprocess_get_exit_status (sync), ==, 0);
  g_assert_null (strstr (synced.err, "locked"));
  g_assert_null (strstr (synced.err, "another program"));
  g_assert_cmpint (eccp_store_count_records (store, "cluster", NULL), ==, n);

  /* What was written during the sync is sent by the next. */
  again = spawn_eccp (path, fixture->staff_token,
                      (const char *[]) { "sync", "--portal", fixture->sync.url, NULL });
  g_subprocess_communicate_utf8_async (again, NULL, NULL, communicated_cb, &synced_again);
  while (!synced_again.ended)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_subprocess_get_exit_status (again), ==, 0);
  g_assert_cmpint (eccp_store_count_changes (store, ECCP_SYNC_STATE_PENDING, NULL), ==, 0);
  g_assert_cmpint (eccp_store_count_records (store, "cluster", NULL), ==, n);

  g_free (synced.out), g_free (synced.err), g_free (synced_again.out), g_free (synced_again.err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/two-processes/notice", Fixture, NULL, fixture_set_up, test_notice, fixture_tear_down);
  g_test_add ("/two-processes/sync-beside-writer", Fixture, NULL, fixture_set_up, test_sync_beside_writer,
              fixture_tear_down);

  return g_test_run ();
}
