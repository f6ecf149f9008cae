/* test-hostile.c: the malformed-feed suite: `eccp sync` and `eccp import`
 * against hostile answers
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ISSUE14: the real eccp-portal on loopback with a fault switch
 * (POST /_test/faults, docs/PORTAL.md), the real `eccp` in a child process
 * (waited for with wait4() for its peak memory), a real store file.  Each
 * case checks the exit status, the message a person reads, the cursor kept
 * (the last good one), the local change kept (in the record, and in the
 * outbox or, pushed before the pull, on the portal), the child's peak
 * memory, and that the next sync against the portal made sane again
 * succeeds and brings both sides in step.
 *
 * The 25 kinds of hostile answer, and what each expects:
 *  1 gzip-bomb         1 MB of gzip unpacking to 1 GiB: refused, "larger
 *                      than 64 MB", under 256 MB of memory
 *  2 deep-page         a page 100,000 deep: refused before parsing, "nested
 *                      deeper than 64 levels", no crash
 *  3 deep-record       one attribute 10,000 deep: the same, not "malformed"
 *  4 deep-import       `eccp import` of a file 100,000 deep: the same
 *  5 cursor-cycle      cursors A→B→A: stopped, "went back to a place it had
 *                      already sent", the last cursor that moved on kept
 *  6 cursor-backwards-forever  the same cursor for ever: the same
 *  7 cursor-backwards-once     back once to an unseen cursor: read again
 *                      from there (cursors are opaque), sync succeeds
 *  8 page-limit        a feed that never ends: stopped after the run's page
 *                      count, what was taken kept, the next run goes on
 *  9 trickle           a byte every 0.5 s: the run's deadline stops it
 * 10 truncated         Content-Length promised, half sent, connection
 *                      closed, every time: retried as a network failure,
 *                      then exit 4, "Connection terminated unexpectedly…
 *                      Every change stays queued"
 * 11 html              a captive portal's HTML page with 200: "is not JSON
 *                      (text/html)…is this the portal’s JSON:API address?"
 * 12 not-jsonapi       valid JSON that is not JSON:API: "not a page of its
 *                      change feed"
 * 13 wrong-types       a record with a number for its id, an array for its
 *                      attributes: the page is refused, "has a malformed
 *                      record (number 3…)"
 * 14 unknown-type      a record of a type the contract does not know:
 *                      taken as it came and never shown (forward
 *                      compatible: a newer desk knows it), the sync
 *                      succeeds and the cursor moves on
 * 15 big-string        a 10 MB description: "a text longer than 1 MB in the
 *                      record cluster/…", the page refused, memory bounded
 * 16 duplicate-ids     one record twice in a page, the copies differing:
 *                      "has the record cluster/… twice: refused"
 * 17 next-host         links.next to another origin: never followed, nothing
 *                      (no token) reaches it; the next page is asked of the
 *                      portal by meta.cursor, and the sync succeeds
 * 18 redirect-foreign  302 to another origin: refused, "answered with a
 *                      redirect (HTTP 302) to …", nothing reaches it
 * 19 redirect-same     302 to the same origin: refused too (a redirected
 *                      POST becomes a GET; the contract never redirects)
 * 20 escapes           an error whose detail carries ESC, BEL and OSC
 *                      sequences: printed with the controls visible
 *                      ("\x1b[31mred\x07"), no raw control byte
 * 21 huge-length       Content-Length of 1 TiB: refused on the headers,
 *                      "larger than 64 MB", memory bounded
 * 22 many-records      10,003 records in one page: "more than 10000"
 * 23 nul               \u0000 inside a name: "cannot be read: … a NUL
 *                      character", not cut short
 * 24 no-cursor         links.next without meta.cursor: "promised a next
 *                      page without a cursor"
 * 25 big-raw           2 MB of plain bytes (no gzip, chunked, no
 *                      Content-Length) over a limit made 1 MB for the test
 *                      (ECCP_TEST_ANSWER_BYTES): refused while reading
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "eccp-change.h"
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

  {
    g_autofree char *said = g_strchomp (g_strdup (run->err));

    g_test_message ("eccp %s: %d, %ld kB at most: %s", args[0], run->status, run->maxrss_kb, said);
  }
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

/* The local change to cluster A is in the record, and either still in the
 * outbox or (the run pushes before it pulls) accepted by the portal. */
static void
assert_local_change_kept (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (fixture->db, &error);
  g_autoptr(EccpChange) change = NULL;
  g_autofree char *city = NULL;

  g_assert_no_error (error);
  city = store_city (fixture, CLUSTER_A);
  g_assert_cmpstr (city, ==, "Local City");
  /* An error here: it has no local change any more */
  change = eccp_store_get_change (store, "cluster", CLUSTER_A, NULL);
  if (change == NULL)
    {
      g_autofree char *there = portal_city (fixture, CLUSTER_A);

      g_assert_cmpstr (there, ==, "Local City");
    }
}

/* The hostile sync failed with @message, and lost nothing: the cursor is
 * @cursor, the local change is there; then the portal is made sane and the
 * next sync brings both sides in step. */
static void
assert_failed_then_sane (Fixture    *fixture,
                         Run        *run,
                         int         status,
                         const char *message,
                         const char *cursor)
{
  g_autofree char *kept = NULL;
  g_autofree char *city = NULL;
  g_autofree char *there = NULL;

  g_assert_cmpint (run->status, ==, status);
  g_assert_nonnull (strstr (run->err, message));
  g_assert_cmpuint (strlen (run->err), <, 400);

  kept = store_cursor (fixture);
  g_assert_cmpstr (kept, ==, cursor);
  assert_local_change_kept (fixture);

  portal_faults (fixture, "{\"reset\": true}");
  sync_ok (fixture);
  city = store_city (fixture, CLUSTER_B);
  g_assert_cmpstr (city, ==, "Portal City");
  there = portal_city (fixture, CLUSTER_A);
  g_assert_cmpstr (there, ==, "Local City");
}

static void
assert_refused_then_sane (Fixture    *fixture,
                          Run        *run,
                          const char *message,
                          const char *cursor)
{
  assert_failed_then_sane (fixture, run, 1, message, cursor);
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

/* {{{ The rest of the 25: malformed answers of every other kind */

/* A listening socket on another origin (another loopback address) that
 * notes whatever reaches it: nothing may, least of all the token. */
typedef struct
{
  GSocket *socket;
  char    *url;
} Witness;

static void
witness_open (Witness *witness)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  witness->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (witness->socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (witness->socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (witness->socket, &error);
  g_assert_no_error (error);
  witness->url = g_strdup_printf ("http://127.0.0.2:%u",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  /* It hears what is sent to it (else "nothing reached it" proves
   * nothing). */
  {
    g_autoptr(GSocketClient) client = g_socket_client_new ();
    g_autoptr(GSocketConnection) connection =
      g_socket_client_connect (client, G_SOCKET_CONNECTABLE (bound), NULL, &error);
    g_autoptr(GSocket) accepted = NULL;
    char buffer[8] = { 0 };

    g_assert_no_error (error);
    g_socket_send (g_socket_connection_get_socket (connection), "hello", 5, NULL, &error);
    g_assert_no_error (error);
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    accepted = g_socket_accept (witness->socket, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_socket_receive (accepted, buffer, 5, NULL, &error), ==, 5);
    g_assert_cmpstr (buffer, ==, "hello");
  }

  g_socket_set_blocking (witness->socket, FALSE);
}

/* What reached the witness: connections the kernel took for it, and the
 * bytes they sent (the child has ended: all of it is buffered). */
static char *
witness_close (Witness *witness)
{
  g_autoptr(GString) heard = g_string_new (NULL);
  GSocket *connection;

  while ((connection = g_socket_accept (witness->socket, NULL, NULL)) != NULL)
    {
      char buffer[4096];
      gssize n;

      g_string_append (heard, "[connection]");
      g_socket_set_blocking (connection, FALSE);
      while ((n = g_socket_receive (connection, buffer, sizeof buffer, NULL, NULL)) > 0)
        g_string_append_len (heard, buffer, n);
      g_object_unref (connection);
    }
  g_clear_object (&witness->socket);
  g_clear_pointer (&witness->url, g_free);

  return g_string_free (g_steal_pointer (&heard), FALSE);
}

/* Sets the hostile answer @settings (JSON members after "hostile_next": 1)
 * and runs `eccp sync` against it, with @env. */
static void
sync_malformed (Fixture    *fixture,
                const char *settings,
                const char *env,
                Run        *run)
{
  g_autofree char *json = g_strdup_printf ("{%s%s}", strstr (settings, "hostile_next") ?
                                           "" : "\"hostile_next\": 1, ", settings);

  portal_faults (fixture, json);
  sync_hostile (fixture, env, run);
  /* The program, SQLite and at most the answer limit's 64 MB, twice */
  g_assert_cmpint (run->maxrss_kb, <, 256 * 1024);
}

/* A malformed answer of @kind refused with @message; nothing lost. */
static void
refused_case (Fixture    *fixture,
              const char *settings,
              const char *env,
              const char *message)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  sync_malformed (fixture, settings, env, &run);
  assert_refused_then_sane (fixture, &run, message, fixture->cursor);
  run_clear (&run);
}

/* 10 */
static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  /* A transfer cut short is retried like any network failure: cut every
   * time, the run gives up as for a portal out of reach (exit status 4). */
  sync_malformed (fixture, "\"hostile\": \"truncated\", \"hostile_next\": 10", NULL, &run);
  assert_failed_then_sane (fixture, &run, 4, "Connection terminated unexpectedly). Every change "
                           "stays queued for the next sync.", fixture->cursor);
  run_clear (&run);
}

/* 11 */
static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"html\"", NULL, "is not JSON (text/html");
}

/* 12 */
static void
test_not_jsonapi (Fixture       *fixture,
                  gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"not_jsonapi\"", NULL,
                "The portal’s answer is not a page of its change feed");
}

/* 13 */
static void
test_wrong_types (Fixture       *fixture,
                  gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"wrong_types\"", NULL,
                "The portal’s page of changes has a malformed record (number 3: its type and id "
                "must be text, its attributes and meta objects): refused");
}

/* 14 */
static void
test_unknown_type (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autofree char *city = NULL;
  g_autofree char *there = NULL;
  g_autofree char *cursor = NULL;
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  sync_malformed (fixture, "\"hostile\": \"unknown_type\"", NULL, &run);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  cursor = store_cursor (fixture);
  g_assert_cmpstr (cursor, !=, fixture->cursor);
  city = store_city (fixture, CLUSTER_B);
  g_assert_cmpstr (city, ==, "Portal City");
  there = portal_city (fixture, CLUSTER_A);
  g_assert_cmpstr (there, ==, "Local City");
  store = eccp_store_new (fixture->db, &error);
  g_assert_no_error (error);
  /* Kept for a desk that knows the type; this one shows none of it. */
  record = eccp_store_get (store, "spaceship", "5fa0e000-0000-4000-8000-00000000005a", &error);
  g_assert_null (record);
  g_assert_nonnull (error);
  sync_ok (fixture);
  run_clear (&run);
}

/* 15 */
static void
test_big_string (Fixture       *fixture,
                 gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"big_string\", \"hostile_bytes\": 10485760", NULL,
                "The portal’s page of changes has a text longer than 1 MB in the record "
                "cluster/b19b1900-0000-4000-8000-0000000b19b1: refused");
}

/* 16 */
static void
test_duplicate_ids (Fixture       *fixture,
                    gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"duplicate_ids\"", NULL,
                "The portal’s page of changes has the record cluster/" CLUSTER_B " twice: "
                "refused");
}

/* 17: links.next names another origin: the client takes meta.cursor to its
 * own portal and never goes there. */
static void
test_next_host (Fixture       *fixture,
                gconstpointer  data)
{
  Witness witness = { 0 };
  g_autofree char *settings = NULL;
  g_autofree char *heard = NULL;
  g_autofree char *city = NULL;
  g_autofree char *there = NULL;
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  witness_open (&witness);
  settings = g_strdup_printf ("\"hostile\": \"next_host\", \"hostile_url\": \"%s\"", witness.url);
  sync_malformed (fixture, settings, NULL, &run);
  heard = witness_close (&witness);
  g_assert_cmpstr (heard, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  city = store_city (fixture, CLUSTER_B);
  g_assert_cmpstr (city, ==, "Portal City");
  there = portal_city (fixture, CLUSTER_A);
  g_assert_cmpstr (there, ==, "Local City");
  sync_ok (fixture);
  run_clear (&run);
}

static void
redirect_case (Fixture    *fixture,
               gboolean    same_origin)
{
  Witness witness = { 0 };
  g_autofree char *settings = NULL;
  g_autofree char *heard = NULL;
  g_autofree char *origin = NULL;
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  witness_open (&witness);
  if (same_origin)
    {
      g_autoptr(GUri) uri = g_uri_parse (fixture->sync.url, G_URI_FLAGS_NONE, NULL);

      origin = g_strdup_printf ("http://%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
    }
  settings = g_strdup_printf ("\"hostile\": \"redirect\", \"hostile_url\": \"%s\"",
                              same_origin ? origin : witness.url);
  sync_malformed (fixture, settings, NULL, &run);
  heard = witness_close (&witness);
  g_assert_cmpstr (heard, ==, "");
  g_assert_nonnull (strstr (run.err, same_origin ? origin : "127.0.0.2"));
  assert_refused_then_sane (fixture, &run, "answered with a redirect (HTTP 302)",
                            fixture->cursor);
  run_clear (&run);
}

/* 18 */
static void
test_redirect_foreign (Fixture       *fixture,
                       gconstpointer  data)
{
  redirect_case (fixture, FALSE);
}

/* 19 */
static void
test_redirect_same (Fixture       *fixture,
                    gconstpointer  data)
{
  redirect_case (fixture, TRUE);
}

/* 20: the error's text reaches the terminal with its controls visible. */
static void
test_escapes (Fixture       *fixture,
              gconstpointer  data)
{
  Run run = { 0 };

  if (!have_parts (fixture))
    return;

  sync_malformed (fixture, "\"hostile\": \"escapes\"", NULL, &run);
  g_assert_null (strchr (run.err, '\x1b'));
  g_assert_null (strchr (run.err, '\x07'));
  g_assert_nonnull (strstr (run.err, "\\x1b[31mred\\x07"));
  assert_refused_then_sane (fixture, &run, "The portal did not send its changes (HTTP 400",
                            fixture->cursor);
  run_clear (&run);
}

/* 21 */
static void
test_huge_length (Fixture       *fixture,
                  gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"huge_length\"", NULL,
                "The portal’s answer is larger than 64 MB: refused");
}

/* 22 */
static void
test_many_records (Fixture       *fixture,
                   gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"many_records\"", NULL,
                "records, more than 10000: refused");
}

/* 23 */
static void
test_nul (Fixture       *fixture,
          gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"nul\"", NULL, "cannot be read");
}

/* 24 */
static void
test_no_cursor (Fixture       *fixture,
                gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"no_cursor\"", NULL,
                "promised a next page without a cursor");
}

/* 25: 2 MB of plain bytes over a limit made 1 MB for the test */
static void
test_big_raw (Fixture       *fixture,
              gconstpointer  data)
{
  refused_case (fixture, "\"hostile\": \"big_raw\", \"hostile_bytes\": 2097152",
                "ECCP_TEST_ANSWER_BYTES=1048576",
                "The portal’s answer is larger than 64 MB: refused");
}

/* }}} */

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
  ADD ("truncated", test_truncated);
  ADD ("html", test_html);
  ADD ("not-jsonapi", test_not_jsonapi);
  ADD ("wrong-types", test_wrong_types);
  ADD ("unknown-type", test_unknown_type);
  ADD ("big-string", test_big_string);
  ADD ("duplicate-ids", test_duplicate_ids);
  ADD ("next-host", test_next_host);
  ADD ("redirect-foreign", test_redirect_foreign);
  ADD ("redirect-same", test_redirect_same);
  ADD ("escapes", test_escapes);
  ADD ("huge-length", test_huge_length);
  ADD ("many-records", test_many_records);
  ADD ("nul", test_nul);
  ADD ("no-cursor", test_no_cursor);
  ADD ("big-raw", test_big_raw);

  return g_test_run ();
}
