/* test-cli-foreign.c: `eccp --db` on a file that is not its store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real eccp on real SQLite files: another application's database, a
 * newer store, a file that is not SQLite are refused and left byte for
 * byte; a store from before PRAGMA application_id opens and is stamped.
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

#define ECCP_TEST_CLI_SHORT_NAMES
#include "eccp-test-cli.h"
#include "eccp-test-util.h"

#include <sqlite3.h>

#include "eccp-store.h"

#define make_database eccp_test_sqlite_exec

/* Every command that opens the store, refused the same way, the file
 * untouched after each. */
static void
assert_refused (Fixture    *f,
                const char *expected)
{
  const char * const commands[][4] = {
    { "list", "cluster", NULL },
    { "create", "cluster", "name=Klaster", NULL },
    { "status", NULL },
    { "sync", "--portal", "http://127.0.0.1:9/jsonapi", NULL },
  };
  g_autofree char *before = eccp_test_file_fingerprint (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) result = run_strv (f, commands[i]);
      g_autofree char *after = NULL;

      assert_status (result, 1);
      assert_one_line_error (result);
      g_assert_cmpstr (result->err, ==, expected);
      after = eccp_test_file_fingerprint (f->db);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_foreign (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *mode = NULL;

  make_database (f->db, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('buy milk');");
  expected = g_strdup_printf ("eccp: “%s” is not an ECCP Desk store (it belongs to another application): "
                              "left unchanged\n", f->db);
  assert_refused (f, expected);
  mode = eccp_test_journal_mode (f->db);
  g_assert_cmpstr (mode, ==, "delete");
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *mode = NULL;

  sql = g_strdup_printf ("CREATE TABLE records (x); CREATE TABLE outbox (x); CREATE TABLE settings (x);"
                         "PRAGMA user_version = 12; PRAGMA application_id = %d;",
                         ECCP_STORE_APPLICATION_ID);
  make_database (f->db, sql);
  expected = g_strdup_printf ("eccp: “%s” was made by a newer ECCP Desk (schema 12; this one knows %d): "
                              "left unchanged; update ECCP Desk to open it\n",
                              f->db, ECCP_STORE_SCHEMA_VERSION);
  assert_refused (f, expected);
  mode = eccp_test_journal_mode (f->db);
  g_assert_cmpstr (mode, ==, "delete");
}

static void
test_not_sqlite (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (f->db,
                                      "%PDF-1.4\nnot a database, a document long enough for SQLite to "
                                      "read a whole header of one hundred bytes from it\n", -1, NULL));
  expected = g_strdup_printf ("eccp: “%s” is not an ECCP Desk store (it is not an SQLite database): "
                              "left unchanged\n", f->db);
  assert_refused (f, expected);
}

/* A store eccp made before the stamp (schema 1, application_id 0, a
 * cluster in it): listed, migrated and stamped. */
static void
test_old_store (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Result) created = NULL;
  g_autoptr(Result) listed = NULL;

  created = run (f, "create", "cluster", "name=Klaster Kraków", "country=PL", "ecosystems=Digital",
                 "profile_type=cluster_organisation");
  assert_status (created, 0);
  /* Undo the stamp: what a store from before looked like. */
  make_database (f->db, "PRAGMA application_id = 0");

  listed = run (f, "list", "cluster");
  assert_status (listed, 0);
  g_assert_nonnull (strstr (listed->out, "Klaster Kraków"));

  g_assert_cmpint (eccp_test_sqlite_int (f->db, "PRAGMA application_id"), ==, ECCP_STORE_APPLICATION_ID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

  ADD ("/cli/foreign/other-application", test_foreign);
  ADD ("/cli/foreign/too-new", test_too_new);
  ADD ("/cli/foreign/not-sqlite", test_not_sqlite);
  ADD ("/cli/foreign/old-store-stamped", test_old_store);

  return g_test_run ();
}
