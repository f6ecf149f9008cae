/* test-store-open.c: a file is changed only once it is known to be a store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real SQLite files: another application's database, a newer store, an
 * old store from before PRAGMA application_id, a file that is not SQLite.
 * What is refused must be left byte for byte, journal mode included.
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/time.h>

#include "eccp-store-private.h"
#include "eccp-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("eccp-test-open-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "x.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  eccp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Makes @path a database with @sql run in it, journal mode DELETE, and
 * dates it back a day, so that a write would show in its mtime too. */
static void
make_database (const char *path,
               const char *sql)
{
  struct timeval times[2] = { { 0, 0 }, { 0, 0 } };

  eccp_test_sqlite_exec (path, sql);

  times[0].tv_sec = times[1].tv_sec = g_get_real_time () / G_USEC_PER_SEC - 86400;
  g_assert_cmpint (utimes (path, times), ==, 0);
}

#define read_int eccp_test_sqlite_int

/* Opening @path fails with @code and @message, and the file is as it was. */
static void
assert_refused_untouched (const char *path,
                          gint        code,
                          const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autofree char *before = eccp_test_file_fingerprint (path);
  g_autofree char *after = NULL;

  store = eccp_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, ECCP_STORE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);

  after = eccp_test_file_fingerprint (path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_foreign (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *message = NULL;
  g_autofree char *mode = NULL;

  make_database (f->path,
                 "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                 "INSERT INTO notes (body) VALUES ('buy milk'), ('call Ana');");

  message = g_strdup_printf ("“%s” is not an ECCP Desk store (it belongs to another application): left unchanged",
                             f->path);
  assert_refused_untouched (f->path, ECCP_STORE_ERROR_FOREIGN, message);
  mode = eccp_test_journal_mode (f->path);
  g_assert_cmpstr (mode, ==, "delete");
  g_assert_cmpint (read_int (f->path, "SELECT count(*) FROM sqlite_master"), ==, 1);
  g_assert_cmpint (read_int (f->path, "PRAGMA application_id"), ==, 0);
}

/* Tables named as ours, or our tables under another application's id, are
 * not enough. */
static void
test_foreign_lookalikes (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *message = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *versioned = g_build_filename (f->dir, "versioned.db", NULL);

  /* A settings table of its own, user_version 3. */
  make_database (f->path,
                 "CREATE TABLE settings (key TEXT, value TEXT);"
                 "PRAGMA user_version = 3;");
  message = g_strdup_printf ("“%s” is not an ECCP Desk store (it belongs to another application): left unchanged",
                             f->path);
  assert_refused_untouched (f->path, ECCP_STORE_ERROR_FOREIGN, message);

  /* All three of our tables, but a GeoPackage's application_id. */
  make_database (other,
                 "CREATE TABLE records (x); CREATE TABLE outbox (x); CREATE TABLE settings (x);"
                 "PRAGMA user_version = 5; PRAGMA application_id = 1196444487;");
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("“%s” is not an ECCP Desk store (it belongs to another application): left unchanged",
                             other);
  assert_refused_untouched (other, ECCP_STORE_ERROR_FOREIGN, message);

  /* No table at all, but a user_version: somebody's, not empty. */
  make_database (versioned, "PRAGMA user_version = 2;");
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("“%s” is not an ECCP Desk store (it belongs to another application): left unchanged",
                             versioned);
  assert_refused_untouched (versioned, ECCP_STORE_ERROR_FOREIGN, message);
}

/* A store of a newer ECCP Desk, in DELETE mode as a newer version might
 * leave it: refused, and not switched to WAL on the way. */
static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *message = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("CREATE TABLE records (x); CREATE TABLE outbox (x); CREATE TABLE settings (x);"
                         "CREATE TABLE something_new (x);"
                         "PRAGMA user_version = 12; PRAGMA application_id = %d;",
                         ECCP_STORE_APPLICATION_ID);
  make_database (f->path, sql);

  message = g_strdup_printf ("“%s” was made by a newer ECCP Desk (schema 12; this one knows %d): "
                             "left unchanged; update ECCP Desk to open it",
                             f->path, ECCP_STORE_SCHEMA_VERSION);
  assert_refused_untouched (f->path, ECCP_STORE_ERROR_TOO_NEW, message);
  mode = eccp_test_journal_mode (f->path);
  g_assert_cmpstr (mode, ==, "delete");
  g_assert_cmpint (read_int (f->path, "PRAGMA user_version"), ==, 12);
}

static void
test_not_sqlite (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *message = NULL;

  g_assert_true (g_file_set_contents (f->path,
                                      "name,city\nKlaster Kraków,Kraków\n"
                                      "this is a CSV file long enough to fill the hundred bytes of a header\n",
                                      -1, NULL));
  message = g_strdup_printf ("“%s” is not an ECCP Desk store (it is not an SQLite database): left unchanged",
                             f->path);
  assert_refused_untouched (f->path, ECCP_STORE_ERROR_FOREIGN, message);
}

/* A store made before the stamp, at schema 5 with a record: opened,
 * migrated, stamped, its record kept. */
static void
test_old_store_stamped (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpRecord) record = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  _eccp_store_schema_migrate (db, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO records (type, id, attributes) VALUES ('cluster',"
                                 " '11111111-1111-4111-8111-111111111111', '{\"name\": \"Old\"}')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (read_int (f->path, "PRAGMA application_id"), ==, 0);

  store = eccp_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  db = _eccp_store_get_db (store);
  g_assert_cmpint (_eccp_store_schema_get_version (db), ==, ECCP_STORE_SCHEMA_VERSION);
  record = eccp_store_get (store, "cluster", "11111111-1111-4111-8111-111111111111", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (read_int (f->path, "PRAGMA application_id"), ==, ECCP_STORE_APPLICATION_ID);
  g_assert_cmpint (read_int (f->path, "PRAGMA application_id"), ==, 0x45434350);

  /* Stamped, it opens again as itself. */
  store = eccp_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* Absent and 0-byte files are new stores, stamped from the start. */
static void
test_new_and_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  const char *paths[] = { f->path, empty };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EccpStore) store = eccp_store_new (paths[i], &error);
      g_autofree char *mode = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_clear_object (&store);
      g_assert_cmpint (read_int (paths[i], "PRAGMA application_id"), ==, ECCP_STORE_APPLICATION_ID);
      g_assert_cmpint (read_int (paths[i], "PRAGMA user_version"), ==, ECCP_STORE_SCHEMA_VERSION);
      mode = eccp_test_journal_mode (paths[i]);
      g_assert_cmpstr (mode, ==, "wal");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/store-open/foreign", test_foreign);
  ADD ("/store-open/foreign-lookalikes", test_foreign_lookalikes);
  ADD ("/store-open/too-new", test_too_new);
  ADD ("/store-open/not-sqlite", test_not_sqlite);
  ADD ("/store-open/old-store-stamped", test_old_store_stamped);
  ADD ("/store-open/new-and-empty", test_new_and_empty);

  return g_test_run ();
}
