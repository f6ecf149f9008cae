/* test-hostile.c: `eccp sync` and `eccp import` against hostile answers
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ISSUE14 1–3: the real eccp-portal on loopback with a fault switch (a gzip
 * bomb, deep nesting, cursors that go back or cycle, a trickle), the real
 * `eccp` in a child process, a real store file.  Each case checks the exit
 * status, the message, the cursor kept, the local change kept, and that
 * the next sync against the portal made sane again succeeds.
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "eccp-json.h"
#include "eccp-limits.h"
#include "eccp-record.h"
#include "eccp-store.h"
#include "eccp-store-sync.h"
#include "eccp-test-sync.h"
#include "eccp-test-util.h"

#define STAFF     "staff-token"
#define CLUSTER_A "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e"
#define CLUSTER_B "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"

static const char *users_json =
  "{\"users\": ["
  " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000001\", \"name\": \"Anne-Marie Lefèvre\","
  "  \"email\": \"staff@portal.example.eu\", \"token\": \"" STAFF "\","
  "  \"roles\": [\"staff\"], \"clusters\": [], \"events\": []}"
  "]}";

typedef struct
{
  EccpTestSync  sync;
  char         *db;
  char         *cursor;   /* after the first, sane sync */
} Fixture;

typedef struct
{
  int    status;   /* -1: killed by a signal */
  int    signal;
  char  *out;
  char  *err;
  glong  maxrss_kb;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
portal_expect (Fixture    *fixture,
               const char *method,
               const char *path,
               const char *body_json,
               guint       status)
{
  /* Only the seeded records are written to, each once: rev 1. */
  g_autoptr(EccpPortalResponse) response =
    eccp_test_sync_call (&fixture->sync, STAFF, method, path, body_json,
                         g_str_equal (method, "PATCH") ? 1 : 0);

  g_assert_cmpuint (response->status, ==, status);
}

static void
portal_faults (Fixture    *fixture,
               const char *settings)
{
  portal_expect (fixture, "POST", "/_test/faults", settings, 200);
}

static void
seed_cluster (Fixture    *fixture,
              const char *id,
              const char *name)
{
  g_autofree char *body =
    g_strdup_printf ("{\"data\": {\"type\": \"cluster\", \"id\": \"%s\", \"attributes\":"
                     " {\"name\": \"%s\", \"profile_type\": \"cluster_organisation\","
                     "  \"country\": \"RS\", \"city\": \"Novi Sad\", \"description\": \"Farms.\","
                     "  \"ecosystems\": [\"Agri-food\"], \"website\": \"https://aec.example.eu\","
                     "  \"management_fte\": 1.5, \"members\": {\"sme\": 20, \"research\": 3,"
                     "  \"large\": 1}}, \"meta\": {\"moderation_state\": \"published\"}}}",
                     id, name);

  portal_expect (fixture, "POST", "/cluster", body, 201);
}

/* Reads all of @fd. */
static char *
read_all (int fd)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (fd);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* `eccp --db DB ARGS…`, waited for with wait4() for the child's own peak
 * memory (ru_maxrss), with @env (NAME=VALUE, or %NULL) added. */
static void
eccp_run (Fixture            *fixture,
          const char         *env,
          const char * const *args,
          Run                *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  struct rusage usage = { 0 };
  int out_fd;
  int err_fd;
  int status;
  GPid pid;

  g_ptr_array_add (argv, (char *) g_getenv ("ECCP_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, fixture->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "ECCP_TOKEN", STAFF, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  /* Never the keyring of whoever runs the tests. */
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  envp = g_environ_unsetenv (envp, "DISPLAY");
  if (env != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (env, "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error);
  g_assert_no_error (error);

  /* Both are a few lines: stdout to its end, then stderr. */
  run->out = read_all (out_fd);
  run->err = read_all (err_fd);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);

  run->maxrss_kb = usage.ru_maxrss;
  if (WIFSIGNALED (status))
    {
      run->status = -1;
      run->signal = WTERMSIG (status);
    }
  else
    run->status = WEXITSTATUS (status);

  g_test_message ("eccp %s: %d, %ld kB at most: %s", args[0], run->status, run->maxrss_kb,
                  g_strchomp (g_strdup (run->err)));
}

static void
sync_ok (Fixture *fixture)
{
  Run run = { 0 };

  eccp_run (fixture, NULL, (const char *[]) { "sync", "--portal", fixture->sync.url, NULL }, &run);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
}

static char *
store_cursor (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (fixture->db, &error);

  g_assert_no_error (error);

  return eccp_store_get_cursor (store);
}

static char *
store_city (Fixture    *fixture,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (fixture->db, &error);
  g_autoptr(EccpRecord) record = NULL;

  g_assert_no_error (error);
  record = eccp_store_get (store, "cluster", id, &error);
  g_assert_no_error (error);

  return g_strdup (eccp_record_get_string (record, "city"));
}

static char *
portal_city (Fixture    *fixture,
             const char *id)
{
  g_autofree char *path = g_strdup_printf ("/cluster/%s", id);
  g_autoptr(EccpPortalResponse) response = eccp_test_sync_call (&fixture->sync, STAFF, "GET",
                                                                path, NULL, 0);
  JsonObject *data = eccp_json_get_object (eccp_portal_response_get_object (response), "data");

  return g_strdup (eccp_json_get_string (eccp_json_get_object (data, "attributes"), "city"));
}

/* A store in step with the portal; then a local change (cluster A's city)
 * and one on the portal (cluster B's) for the hostile sync to meet. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  eccp_test_sync_set_up (&fixture->sync, users_json, TRUE);
  if (fixture->sync.portal == NULL || g_getenv ("ECCP_CLI") == NULL)
    return;

  seed_cluster (fixture, CLUSTER_A, "Agricultural Equipment Cluster");
  seed_cluster (fixture, CLUSTER_B, "Klaster Kraków");
  fixture->db = g_build_filename (fixture->sync.dir, "store.db", NULL);
  sync_ok (fixture);
  fixture->cursor = store_cursor (fixture);
  g_assert_nonnull (fixture->cursor);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EccpStore) store = eccp_store_new (fixture->db, &error);
    g_autoptr(JsonNode) attributes = eccp_test_parse_json ("{\"city\": \"Local City\"}");
    g_autoptr(EccpRecord) record = NULL;

    g_assert_no_error (error);
    record = eccp_store_update (store, "cluster", CLUSTER_A, json_node_get_object (attributes),
                                NULL, &error);
    g_assert_no_error (error);
  }

  portal_expect (fixture, "PATCH", "/cluster/" CLUSTER_B,
                 "{\"data\": {\"type\": \"cluster\", \"id\": \"" CLUSTER_B "\","
                 " \"attributes\": {\"city\": \"Portal City\"}}}", 200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  eccp_test_sync_tear_down (&fixture->sync, data);
  g_clear_pointer (&fixture->db, g_free);
  g_clear_pointer (&fixture->cursor, g_free);
}

static gboolean
have_parts (Fixture *fixture)
{
  if (!eccp_test_sync_have_portal ())
    return FALSE;
  if (g_getenv ("ECCP_CLI") == NULL)
    {
      g_test_skip ("ECCP_CLI is not set");
      return FALSE;
    }

  return TRUE;
}

/* The hostile sync failed with @message, and lost nothing: the cursor is
 * @cursor, the local change is there; then the portal is made sane and the
 * next sync brings both sides in step. */
static void
assert_refused_then_sane (Fixture    *fixture,
                          Run        *run,
                          const char *message,
                          const char *cursor)
{
  g_autofree char *kept = NULL;
  g_autofree char *city = NULL;
  g_autofree char *there = NULL;

  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, message));
  g_assert_cmpuint (strlen (run->err), <, 400);

  kept = store_cursor (fixture);
  g_assert_cmpstr (kept, ==, cursor);
  city = store_city (fixture, CLUSTER_A);
  g_assert_cmpstr (city, ==, "Local City");
  g_clear_pointer (&city, g_free);

  portal_faults (fixture, "{\"reset\": true}");
  sync_ok (fixture);
  city = store_city (fixture, CLUSTER_B);
  g_assert_cmpstr (city, ==, "Portal City");
  there = portal_city (fixture, CLUSTER_A);
  g_assert_cmpstr (there, ==, "Local City");
}

static void
sync_hostile (Fixture    *fixture,
              const char *env,
              Run        *run)
{
  eccp_run (fixture, env, (const char *[]) { "sync", NULL }, run);
  g_assert_cmpint (run->status, !=, -1);
}

/* 1: about 1 MB of gzip that unpacks to 1 GiB. */
static void
test_gzip_bomb (Fixture       *fixture,
                gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  portal_faults (fixture, "{\"gzip_bomb_next\": 1}");
  sync_hostile (fixture, NULL, &run);
  /* 3 GB before the limit; the limit's 64 MB, the program and SQLite now. */
  g_assert_cmpint (run.maxrss_kb, <, 256 * 1024);
  assert_refused_then_sane (fixture, &run, "The portal’s answer is larger than 64 MB: refused",
                            fixture->cursor);
  run_clear (&run);
}

/* 2: a page nested 100,000 deep overflowed json-glib's stack. */
static void
test_deep_page (Fixture       *fixture,
                gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  portal_faults (fixture, "{\"deep_next\": 1, \"deep_depth\": 100000}");
  sync_hostile (fixture, NULL, &run);
  assert_refused_then_sane (fixture, &run, "is nested deeper than 64 levels: refused",
                            fixture->cursor);
  run_clear (&run);
}

/* 2: one record with an attribute 10,000 deep: the page is refused before
 * it is parsed, saying why (not "malformed JSON"); see ARCHITECTURE.md. */
static void
test_deep_record (Fixture       *fixture,
                  gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  portal_faults (fixture, "{\"deep_record_next\": 1, \"deep_depth\": 10000}");
  sync_hostile (fixture, NULL, &run);
  g_assert_null (strstr (run.err, "malformed"));
  assert_refused_then_sane (fixture, &run, "is nested deeper than 64 levels: refused",
                            fixture->cursor);
  run_clear (&run);
}

/* 2: `eccp import` of a file nested 100,000 deep. */
static void
test_deep_import (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GString) text = g_string_new ("{\"data\": ");
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  path = g_build_filename (fixture->sync.dir, "deep.json", NULL);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  eccp_run (fixture, NULL, (const char *[]) { "import", path, NULL }, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "it is nested deeper than 64 levels"));
  city = store_city (fixture, CLUSTER_A);
  g_assert_cmpstr (city, ==, "Local City");
  run_clear (&run);
}

/* 3: cursors A→B→A. */
static void
test_cursor_cycle (Fixture       *fixture,
                   gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  /* The first sync ended at "2": "1", "3", "1" again. */
  g_assert_cmpstr (fixture->cursor, ==, "2");
  portal_faults (fixture, "{\"cursors\": [\"1\", \"3\"], \"cursor_cycle\": 1}");
  sync_hostile (fixture, NULL, &run);
  /* The last cursor of a page that moved on. */
  assert_refused_then_sane (fixture, &run, "went back to a place it had already sent (cursor “1”)",
                            "3");
  run_clear (&run);
}

/* 3: backwards for ever: the same cursor again and again. */
static void
test_cursor_backwards_forever (Fixture       *fixture,
                               gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  portal_faults (fixture, "{\"cursors\": [\"1\"], \"cursor_cycle\": 1}");
  sync_hostile (fixture, NULL, &run);
  assert_refused_then_sane (fixture, &run, "went back to a place it had already sent (cursor “1”)",
                            "1");
  run_clear (&run);
}

/* 3: backwards once, to a cursor not seen in this run: the feed is read
 * again from there (cursors are opaque), and the run ends in step. */
static void
test_cursor_backwards_once (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *city = NULL;
  g_autofree char *there = NULL;

  if (!have_parts (fixture))
    return;

  portal_faults (fixture, "{\"cursors\": [\"1\"], \"cursor_cycle\": 0}");
  sync_ok (fixture);
  city = store_city (fixture, CLUSTER_B);
  g_assert_cmpstr (city, ==, "Portal City");
  there = portal_city (fixture, CLUSTER_A);
  g_assert_cmpstr (there, ==, "Local City");
}

/* 3: a page count per run (ECCP_TEST_RUN_PAGES for a small one): a feed
 * that never ends stops, and the next run goes on. */
static void
test_page_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  portal_faults (fixture, "{\"cursors\": [\"11\", \"12\", \"13\", \"14\", \"15\"]}");
  sync_hostile (fixture, "ECCP_TEST_RUN_PAGES=3", &run);
  assert_refused_then_sane (fixture, &run, "The sync stopped after 3 pages of changes", "13");
  run_clear (&run);
}

/* 3: a byte every half second: the run's deadline (ECCP_TEST_RUN_SECONDS
 * for a short one) ends it. */
static void
test_trickle (Fixture       *fixture,
              gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  portal_faults (fixture, "{\"trickle_next\": 1, \"trickle_ms\": 500}");
  sync_hostile (fixture, "ECCP_TEST_RUN_SECONDS=3", &run);
  assert_refused_then_sane (fixture, &run, "The sync was stopped after 3 seconds",
                            fixture->cursor);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/hostile/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("gzip-bomb", test_gzip_bomb);
  ADD ("deep-page", test_deep_page);
  ADD ("deep-record", test_deep_record);
  ADD ("deep-import", test_deep_import);
  ADD ("cursor-cycle", test_cursor_cycle);
  ADD ("cursor-backwards-forever", test_cursor_backwards_forever);
  ADD ("cursor-backwards-once", test_cursor_backwards_once);
  ADD ("page-limit", test_page_limit);
  ADD ("trickle", test_trickle);

  return g_test_run ();
}
