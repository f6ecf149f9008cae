/* test-cli-portal-url.c: the token never travels in clear, nor a password
 * to the disk
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real eccp: plain http to another host is refused unless
 * --allow-insecure; a self-signed HTTPS portal on 127.0.0.1 (a SoupServer
 * with a certificate made by openssl here) is refused, naming the
 * certificate's fault, with nothing sent and nothing changed; a portal
 * address with user:password@ is refused and never kept, and one kept by
 * an older version is cleaned.
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

#define ECCP_TEST_CLI_SHORT_NAMES
#include "eccp-test-cli.h"
#include "eccp-test-server.h"
#include "eccp-test-util.h"

#include <sqlite3.h>

static const char * const token_env[] = { "ECCP_TOKEN=secret-token", NULL };

#define INSECURE_WHY "the sign-in token would travel unencrypted"
#define PASSWORD "s3cret-Pa55"

static Result *
run_env (Fixture            *f,
         const char         *input,
         const char * const *args)
{
  return eccp_test_run_cli (f->dir, token_env, input, args);
}

#define RUN(f, ...) run_env ((f), NULL, (const char *[]) { "--db", (f)->db, __VA_ARGS__, NULL })
#define RUN_INPUT(f, input, ...) \
  run_env ((f), (input), (const char *[]) { "--db", (f)->db, __VA_ARGS__, NULL })

/* The rows of @sql on the store, one a line ("|" between columns). */
static char *
query (Fixture    *f,
       const char *sql)
{
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                                (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (text, FALSE);
}

/* What a refused sync must leave as it was: settings, the outbox, records.
 * Not the outbox's count of attempts: the engine counts one before each
 * send, since it cannot know how far a failed one got. */
static char *
store_state (Fixture *f)
{
  g_autofree char *settings = query (f, "SELECT key, value FROM settings ORDER BY key");
  g_autofree char *outbox = query (f, "SELECT type, record_id, op, state, idempotency_key,"
                                      " changed_attributes FROM outbox ORDER BY num");
  g_autofree char *records = query (f, "SELECT type, id, attributes, meta FROM records ORDER BY num");

  return g_strconcat ("settings:\n", settings, "outbox:\n", outbox, "records:\n", records, NULL);
}

/* A store with one change waiting. */
static void
create_cluster (Fixture *f)
{
  g_autoptr(Result) created = RUN (f, "create", "cluster", "name=Klaster Kraków", "country=PL",
                                   "ecosystems=Digital", "profile_type=cluster_organisation");

  assert_status (created, 0);
}

/* No byte of @needle in the store's files, freed pages and WAL included. */
static void
assert_not_on_disk (Fixture    *f,
                    const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      for (gsize i = 0; i + strlen (needle) <= length; i++)
        if (memcmp (contents + i, needle, strlen (needle)) == 0)
          g_error ("“%s” found in %s", needle, path);
    }
}

/* {{{ Plain http */

static void
test_insecure_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Result) sync = NULL;
  g_autoptr(Result) login = NULL;
  g_autoptr(Result) allowed = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  create_cluster (f);
  before = store_state (f);

  /* 0.0.0.0 reaches this computer on Linux, but is no loopback address:
   * refused first, then, allowed, tried and unreachable (port 9). */
  sync = RUN (f, "sync", "--portal", "http://0.0.0.0:9/jsonapi");
  assert_status (sync, 1);
  assert_one_line_error (sync);
  assert_contains (sync->err, INSECURE_WHY);
  assert_contains (sync->err, "http://0.0.0.0:9/jsonapi");
  after = store_state (f);
  g_assert_cmpstr (after, ==, before);

  login = RUN_INPUT (f, "secret-token\n", "login", "--portal", "http://portal.example.eu/jsonapi");
  assert_status (login, 1);
  assert_one_line_error (login);
  assert_contains (login->err, INSECURE_WHY);
  g_clear_pointer (&after, g_free);
  after = store_state (f);
  g_assert_cmpstr (after, ==, before);

  allowed = RUN (f, "sync", "--allow-insecure", "--portal", "http://0.0.0.0:9/jsonapi");
  assert_status (allowed, 4);
  assert_contains (allowed->err, "could not be reached");

  /* Allowed once is not allowed for ever: the kept address is checked
   * again at every sync. */
  g_clear_pointer (&sync, eccp_test_result_free);
  sync = RUN (f, "sync");
  assert_status (sync, 1);
  assert_contains (sync->err, INSECURE_WHY);
}

/* Loopback addresses need no permission: the token stays on this computer. */
static void
test_loopback_allowed (Fixture       *f,
                       gconstpointer  data)
{
  const char *urls[] = { "http://127.0.0.1:9/jsonapi", "http://127.3.4.5:9/jsonapi",
                         "http://[::1]:9/jsonapi", "http://localhost:9/jsonapi" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(Result) sync = RUN (f, "sync", "--portal", urls[i]);

      assert_status (sync, 4);
      assert_contains (sync->err, "could not be reached");
    }
}

/* }}} */

/* {{{ TLS */

typedef struct
{
  GTlsCertificate *certificate;
  gint             n_requests;
} TlsPortal;

static void
count_request_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  TlsPortal *portal = user_data;

  g_atomic_int_inc (&portal->n_requests);
  soup_server_message_set_status (msg, 500, NULL);
}

static void
tls_setup (SoupServer *server,
           gpointer    user_data)
{
  TlsPortal *portal = user_data;

  soup_server_set_tls_certificate (server, portal->certificate);
  soup_server_add_handler (server, NULL, count_request_cb, portal, NULL);
}

/* A self-signed certificate for 127.0.0.1, made by openssl, or %NULL
 * (the test skipped) without it. */
static GTlsCertificate *
make_certificate (Fixture *f)
{
  g_autofree char *key = g_build_filename (f->dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (f->dir, "cert.pem", NULL);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;
  int status = 0;
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                         "-keyout", key, "-out", cert, "-days", "2",
                         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                         NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      g_autofree char *why = g_strdup_printf ("openssl cannot run: %s", error->message);

      g_test_skip (why);
      return NULL;
    }
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);

  return certificate;
}

static void
test_self_signed_refused (Fixture       *f,
                          gconstpointer  data)
{
  TlsPortal portal = { NULL, 0 };
  EccpTestServer *server;
  g_autoptr(Result) first = NULL;
  g_autoptr(Result) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  const char *url;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking)");
      return;
    }
  if ((portal.certificate = make_certificate (f)) == NULL)
    return;

  create_cluster (f);
  server = eccp_test_server_start (tls_setup, &portal);
  url = eccp_test_server_get_base_url (server);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));

  /* The first sync keeps the address (as every first sync does); from
   * then on, a refused sync changes nothing at all. */
  first = RUN (f, "sync", "--portal", url);
  assert_status (first, 1);
  before = store_state (f);
  second = RUN (f, "sync");
  assert_status (second, 1);
  assert_one_line_error (second);
  expected = g_strdup_printf ("Refused the certificate of the portal at %s: it is not signed by an "
                              "authority this computer trusts (it may be self-signed). Nothing was sent",
                              url);
  assert_contains (second->err, expected);
  assert_contains (second->out, "still to send 1");
  after = store_state (f);
  g_assert_cmpstr (after, ==, before);
  assert_contains (after, "cluster|");
  assert_contains (after, "|create|pending|");
  g_assert_null (strstr (after, "cursor"));

  /* Not one request got through the handshake, so no token either. */
  g_assert_cmpint (g_atomic_int_get (&portal.n_requests), ==, 0);

  eccp_test_server_stop (server);
  g_object_unref (portal.certificate);
}

/* }}} */

/* {{{ user:password@ */

static void
test_credentials_refused (Fixture       *f,
                          gconstpointer  data)
{
  const char *url = "https://anna:" PASSWORD "@127.0.0.1:9/jsonapi";
  g_autoptr(Result) sync = NULL;
  g_autoptr(Result) login = NULL;
  g_autoptr(Result) status = NULL;
  g_autofree char *settings = NULL;

  create_cluster (f);

  sync = RUN (f, "sync", "--portal", url);
  assert_status (sync, 1);
  assert_one_line_error (sync);
  assert_contains (sync->err, "user name or password");
  assert_contains (sync->err, "https://127.0.0.1:9/jsonapi");
  g_assert_null (strstr (sync->err, PASSWORD));

  login = RUN_INPUT (f, "secret-token\n", "login", "--portal", url);
  assert_status (login, 1);
  assert_contains (login->err, "user name or password");
  g_assert_null (strstr (login->err, PASSWORD));

  settings = query (f, "SELECT key, value FROM settings");
  g_assert_null (strstr (settings, "portal_url"));
  status = RUN (f, "status");
  assert_not_on_disk (f, PASSWORD);
}

/* A store where an older eccp kept an address with a password: the next
 * sync keeps it without, and no byte of the password stays in the file. */
static void
test_kept_credentials_removed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(Result) sync = NULL;
  g_autofree char *settings = NULL;

  create_cluster (f);
  eccp_test_sqlite_exec (f->db, "INSERT INTO settings (key, value) VALUES ('portal_url',"
                         " 'http://anna:" PASSWORD "@127.0.0.1:9/jsonapi/')");

  sync = RUN (f, "sync");
  assert_status (sync, 4);
  g_assert_null (strstr (sync->err, PASSWORD));

  settings = query (f, "SELECT key, value FROM settings WHERE key = 'portal_url'");
  g_assert_cmpstr (settings, ==, "portal_url|http://127.0.0.1:9/jsonapi\n");
  assert_not_on_disk (f, PASSWORD);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

  ADD ("/cli/portal-url/insecure-refused", test_insecure_refused);
  ADD ("/cli/portal-url/loopback-allowed", test_loopback_allowed);
  ADD ("/cli/portal-url/self-signed-refused", test_self_signed_refused);
  ADD ("/cli/portal-url/credentials-refused", test_credentials_refused);
  ADD ("/cli/portal-url/kept-credentials-removed", test_kept_credentials_removed);

  return g_test_run ();
}
