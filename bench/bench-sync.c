/* bench-sync.c: how fast a client syncs with eccp-portal on loopback
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; asserts nothing.  Starts the real eccp-portal with the
 * demo set at BENCH_CLUSTERS clusters (100,000 by default; every other type
 * scales with it) and measures, with a real store file:
 *   - the initial sync: records/s, the client's peak memory and its CPU
 *     a record (the process's own: the portal is another process);
 *   - `curl` downloading the same /changes pages (same page size, gzip, the
 *     token), before and after the sync in the same run: the sync's time
 *     against the faster of the two;
 *   - a sync with nothing new: the requests it makes;
 *   - pushing 1,000 check-ins made offline: the requests it makes.
 *
 *   meson test -C build --benchmark -v
 *   BENCH_CLUSTERS=5000 build/bench/bench-sync
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-store.h"
#include "eccp-sync-engine.h"

typedef struct
{
  GMainLoop      *loop;
  EccpSyncReport *report;
  GError         *error;
} Run;

static void
sync_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  eccp_sync_engine_sync_finish (ECCP_SYNC_ENGINE (object), result, &run->report, &run->error);
  g_main_loop_quit (run->loop);
}

static EccpSyncReport *
sync_once (EccpSyncEngine *engine)
{
  Run run = { g_main_loop_new (NULL, FALSE) };

  eccp_sync_engine_sync_async (engine, NULL, sync_done, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);

  if (run.report == NULL)
    g_error ("sync: %s", run.error ? run.error->message : "no report");
  g_clear_error (&run.error);

  return run.report;
}

/* `curl` reading /changes from the start to its end, one process a page as
 * the client makes one request a page: the same limit, the same gzip, the
 * same token.  Returns the seconds spent in curl (reading each page's
 * cursor is not counted), the pages in *@n_pages. */
static double
curl_changes (const char *url,
              guint       limit,
              const char *dir,
              guint      *n_pages)
{
  g_autofree char *page_file = g_build_filename (dir, "page.json", NULL);
  g_autofree char *cursor = NULL;
  gint64 spent = 0;

  *n_pages = 0;
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) curl = NULL;
      g_autoptr(JsonNode) page = NULL;
      g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *address = escaped
                                 ? g_strdup_printf ("%s/changes?cursor=%s&limit=%u", url, escaped, limit)
                                 : g_strdup_printf ("%s/changes?limit=%u", url, limit);
      g_autofree char *text = NULL;
      gsize size;
      JsonObject *meta;
      gint64 start = g_get_monotonic_time ();

      curl = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "curl", "-sS", "--fail",
                               "--compressed", "-H", "Authorization: Bearer staff-demo-token",
                               "-H", "Accept: application/vnd.api+json",
                               "-o", page_file, address, NULL);
      if (curl == NULL || !g_subprocess_wait_check (curl, NULL, &error))
        {
          g_printerr ("curl: %s\n", error->message);
          return -1;
        }
      spent += g_get_monotonic_time () - start;
      (*n_pages)++;

      if (!g_file_get_contents (page_file, &text, &size, &error) ||
          (page = eccp_json_node_from_string (text, &error)) == NULL)
        g_error ("curl's page: %s", error->message);
      meta = eccp_json_get_object (json_node_get_object (page), "meta");
      if (eccp_json_get_string (eccp_json_get_object (json_node_get_object (page), "links"), "next") == NULL)
        break;
      g_free (cursor);
      cursor = g_strdup (eccp_json_get_string (meta, "cursor"));
      if (cursor == NULL)
        g_error ("curl's page has a next page and no cursor");
    }

  g_unlink (page_file);
  return spent / 1e6;
}

/* {{{ The floor: SQLite alone storing the same records */

/* A synced record as the store holds it, and its search text. */
typedef struct
{
  char *type;
  char *id;
  char *attributes;
  char *relationships;
  char *meta;
  char *search;
  char *json;   /* the record as the feed sends it, for json_each */
} FloorRow;

static void
floor_row_free (gpointer data)
{
  FloorRow *row = data;

  g_free (row->type);
  g_free (row->id);
  g_free (row->attributes);
  g_free (row->relationships);
  g_free (row->meta);
  g_free (row->search);
  g_free (row->json);
  g_free (row);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
floor_exec (sqlite3    *db,
            const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("floor: %s: %s", sql, message);
}

static sqlite3_stmt *
floor_prepare (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("floor: %s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

/* The synced store's records, in the order the feed brought them. */
static GPtrArray *
floor_rows (const char *client_db)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (floor_row_free);
  g_autoptr(GHashTable) by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         finalize_statement);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;

  if (sqlite3_open_v2 (client_db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("floor: %s", sqlite3_errmsg (db));

  stmt = floor_prepare (db, "SELECT type, id, attributes, relationships, meta, num,"
                            " json_object ('type', type, 'id', id, 'attributes', json (attributes),"
                            " 'relationships', json (relationships), 'meta', json (meta))"
                            " FROM records ORDER BY num");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      FloorRow *row = g_new0 (FloorRow, 1);
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      sqlite3_stmt *search = g_hash_table_lookup (by_type, type);

      row->type = g_strdup (type);
      row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->attributes = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->relationships = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->meta = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->json = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      if (search == NULL)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT search_text FROM fts_%s WHERE rowid = ?1", type);

          search = floor_prepare (db, sql);
          g_hash_table_insert (by_type, g_strdup (type), search);
        }
      sqlite3_bind_int64 (search, 1, sqlite3_column_int64 (stmt, 5));
      if (sqlite3_step (search) == SQLITE_ROW)
        row->search = g_strdup ((const char *) sqlite3_column_text (search, 0));
      sqlite3_reset (search);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  g_hash_table_remove_all (by_type);
  sqlite3_close (db);

  return rows;
}

typedef enum
{
  FLOOR_ROWS_AND_SEARCH,  /* what the store writes */
  FLOOR_ROWS_ONLY,        /* without the full-text index */
  FLOOR_NO_PREFIX,        /* the index without its prefix indexes 1, 2, 3 */
  FLOOR_JSON_EACH,        /* the rows taken by SQLite from each page's text */
} FloorKind;

/* Writes @rows into a new store of the same schema and pragmas, a
 * transaction each @limit records as the sync commits a page: returns the
 * CPU µs a record. */
static double
floor_run (GPtrArray  *rows,
           const char *dir,
           guint       limit,
           FloorKind   kind)
{
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       finalize_statement);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) nums = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) page = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *insert;
  gint64 cpu;

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  {
    g_autoptr(EccpStore) schema = eccp_store_new (path, &error);

    if (schema == NULL)
      g_error ("floor: %s", error->message);
  }

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    g_error ("floor: %s", sqlite3_errmsg (db));
  floor_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                  " PRAGMA secure_delete = FAST; PRAGMA cache_size = -65536");

  if (kind == FLOOR_NO_PREFIX)
    {
      guint n_types;
      const EccpTypeSpec * const *types = eccp_type_spec_all (&n_types);

      for (guint i = 0; i < n_types; i++)
        {
          g_autofree char *sql = g_strdup_printf ("DROP TABLE fts_%s;"
                                                  " CREATE VIRTUAL TABLE fts_%s USING fts5 (search_text,"
                                                  " tokenize = 'unicode61 remove_diacritics 2');"
                                                  " INSERT INTO fts_%s (fts_%s, rank) VALUES ('hashsize', %d)",
                                                  types[i]->name, types[i]->name, types[i]->name,
                                                  types[i]->name, 64 * 1024 * 1024);

          floor_exec (db, sql);
        }
    }

  insert = floor_prepare (db, kind == FLOOR_JSON_EACH
                              ? "INSERT INTO records (type, id, attributes, relationships, meta)"
                                " SELECT value ->> 'type', value ->> 'id', json (value -> 'attributes'),"
                                " json (value -> 'relationships'), json (value -> 'meta')"
                                " FROM json_each (?1) RETURNING num"
                              : "INSERT INTO records (type, id, attributes, relationships, meta)"
                                " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING num");

  cpu = bench_thread_cpu_us ();
  for (guint start = 0; start < rows->len; start += limit)
    {
      guint end = MIN (start + limit, rows->len);

      floor_exec (db, "BEGIN IMMEDIATE");
      g_array_set_size (nums, 0);
      if (kind == FLOOR_JSON_EACH)
        {
          /* The page's text is the client's anyway: not counted. */
          g_string_assign (page, "[");
          for (guint i = start; i < end; i++)
            {
              FloorRow *row = g_ptr_array_index (rows, i);

              g_string_append (page, row->json);
              g_string_append_c (page, i + 1 < end ? ',' : ']');
            }
          sqlite3_bind_text (insert, 1, page->str, page->len, SQLITE_STATIC);
          while (sqlite3_step (insert) == SQLITE_ROW)
            {
              gint64 num = sqlite3_column_int64 (insert, 0);

              g_array_append_val (nums, num);
            }
          sqlite3_reset (insert);
        }
      else
        for (guint i = start; i < end; i++)
          {
            FloorRow *row = g_ptr_array_index (rows, i);
            gint64 num;

            sqlite3_bind_text (insert, 1, row->type, -1, SQLITE_STATIC);
            sqlite3_bind_text (insert, 2, row->id, -1, SQLITE_STATIC);
            sqlite3_bind_text (insert, 3, row->attributes, -1, SQLITE_STATIC);
            sqlite3_bind_text (insert, 4, row->relationships, -1, SQLITE_STATIC);
            sqlite3_bind_text (insert, 5, row->meta, -1, SQLITE_STATIC);
            if (sqlite3_step (insert) != SQLITE_ROW)
              g_error ("floor: %s", sqlite3_errmsg (db));
            num = sqlite3_column_int64 (insert, 0);
            g_array_append_val (nums, num);
            while (sqlite3_step (insert) == SQLITE_ROW)
              ;
            sqlite3_reset (insert);
          }

      /* The search text after the rows, as the store writes it. */
      for (guint i = start; kind != FLOOR_ROWS_ONLY && i < end; i++)
        {
          FloorRow *row = g_ptr_array_index (rows, i);
          sqlite3_stmt *stmt;

          if (row->search == NULL)
            continue;
          stmt = g_hash_table_lookup (index, row->type);
          if (stmt == NULL)
            {
              g_autofree char *sql = g_strdup_printf ("INSERT INTO fts_%s (rowid, search_text) VALUES (?1, ?2)",
                                                      row->type);

              stmt = floor_prepare (db, sql);
              g_hash_table_insert (index, g_strdup (row->type), stmt);
            }
          sqlite3_bind_int64 (stmt, 1, g_array_index (nums, gint64, i - start));
          sqlite3_bind_text (stmt, 2, row->search, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            g_error ("floor: %s", sqlite3_errmsg (db));
          sqlite3_reset (stmt);
        }
      floor_exec (db, "COMMIT");
    }
  cpu = bench_thread_cpu_us () - cpu;

  sqlite3_finalize (insert);
  g_hash_table_remove_all (index);
  sqlite3_close (db);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);

  return (double) cpu / MAX (rows->len, 1);
}

/* What share of the client's aim SQLite itself takes on this machine. */
static void
print_floor (const char *client_db,
             const char *dir,
             guint       limit,
             double      client_us)
{
  g_autoptr(GPtrArray) rows = floor_rows (client_db);
  double both = floor_run (rows, dir, limit, FLOOR_ROWS_AND_SEARCH);
  double only = floor_run (rows, dir, limit, FLOOR_ROWS_ONLY);
  double no_prefix = floor_run (rows, dir, limit, FLOOR_NO_PREFIX);
  double json_each = floor_run (rows, dir, limit, FLOOR_JSON_EACH);

  printf ("  floor, SQLite alone storing the same %u records (same schema and pragmas, C loop,"
          " a transaction a page):\n"
          "    rows and search text: %.1f µs a record (CPU), %.0f%% of the 25 µs aim,"
          " the client %.1f× it\n"
          "    rows only: %.1f µs; search text without prefix indexes: %.1f µs;"
          " rows from each page's text by json_each: %.1f µs\n\n",
          rows->len, both, 100 * both / 25, client_us / MAX (both, 0.001), only, no_prefix, json_each);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eccp-bench-sync-XXXXXX", NULL);
  g_autofree char *portal_db = g_build_filename (dir, "portal.db", NULL);
  g_autofree char *client_db = g_build_filename (dir, "client.db", NULL);
  g_autoptr(GSubprocess) portal = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpPortalClient) client = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) first = NULL;
  g_autoptr(EccpSyncReport) idle = NULL;
  g_autoptr(EccpSyncReport) pushed = NULL;
  g_autoptr(EccpQuery) attendees = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autofree char *url = NULL;
  const char *env = g_getenv ("BENCH_CLUSTERS");
  guint n_clusters = env != NULL ? (guint) atoi (env) : 100000;
  gint64 start;
  double seconds;
  guint total = 0;
  long rss_before;
  gint64 cpu_before;
  guint limit = 0;
  guint curl_pages = 0;
  double curl_before;
  double curl_after;
  double curl_best;

  printf ("ECCP Desk sync benchmark: demo set at %u clusters (BENCH_CLUSTERS)\n", n_clusters);

  start = g_get_monotonic_time ();
  url = bench_start_portal (&portal, portal_db, n_clusters);
  printf ("eccp-portal ready at %s in %.1f s\n\n", url, (g_get_monotonic_time () - start) / 1e6);

  store = eccp_store_new (client_db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  client = eccp_portal_client_new (url, "staff-demo-token", &error);
  if (client == NULL)
    g_error ("%s", error->message);
  engine = eccp_sync_engine_new (store, client);

  g_object_get (engine, "page-limit", &limit, NULL);
  curl_before = curl_changes (url, limit, dir, &curl_pages);

  rss_before = bench_status_kb ("VmHWM:");
  cpu_before = bench_cpu_us ();
  start = g_get_monotonic_time ();
  first = sync_once (engine);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu_before = bench_cpu_us () - cpu_before;
  curl_after = curl_changes (url, limit, dir, &curl_pages);
  {
    guint n_types;
    const EccpTypeSpec * const *types = eccp_type_spec_all (&n_types);

    for (guint i = 0; i < n_types; i++)
      total += eccp_store_count_records (store, types[i]->name, NULL);
  }
  printf ("initial sync\n  %u records (%u in the store) in %.2f s: %.0f records/s,"
          " %u requests; peak RSS %ld MB (%ld MB before)\n\n",
          first->pulled, total, seconds, first->pulled / seconds, first->requests,
          bench_status_kb ("VmHWM:") / 1024, rss_before / 1024);
  printf ("  client CPU: %.1f µs a record (%.2f s; aim ≤ 25 µs): %s\n",
          (double) cpu_before / MAX (first->pulled, 1), cpu_before / 1e6,
          bench_aim ((double) cpu_before / MAX (first->pulled, 1) <= 25));
  curl_best = MIN (curl_before, curl_after);
  if (curl_best > 0)
    printf ("  vs curl reading the same %u pages (limit %u, --compressed): %.2f s before the sync,"
            " %.2f s after; the sync %.2f× the faster (aim ≤ 1.2×): %s\n\n",
            curl_pages, limit, curl_before, curl_after, seconds / curl_best,
            bench_aim (seconds / curl_best <= 1.2));
  else
    printf ("  vs curl: not measured (curl failed)\n\n");

  print_floor (client_db, dir, limit, (double) cpu_before / MAX (first->pulled, 1));

  idle = sync_once (engine);
  printf ("sync with nothing new\n  %u request(s), %" G_GINT64_FORMAT " ms\n\n",
          idle->requests, idle->duration_ms);

  /* 1,000 check-ins at a venue without network. */
  attendees = eccp_query_new ("attendee");
  eccp_query_set_range (attendees, 0, 1000);
  some = eccp_store_query (store, attendees, &error);
  if (some == NULL || some->len == 0)
    g_error ("no attendees to check in");

  for (guint i = 0; i < 1000; i++)
    {
      EccpRecord *attendee = g_ptr_array_index (some, i % some->len);
      g_autofree char *at = g_strdup_printf ("2018-06-04T%02u:%02u:00+08:00", 8 + i / 60 % 10, i % 60);
      g_autofree char *relationships_json = g_strdup_printf (
          "{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}},"
          " \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"%s\"}}}",
          eccp_record_get_related_id (attendee, "event"), eccp_record_get_id (attendee));
      g_autofree char *attributes_json = g_strdup_printf ("{\"at\": \"%s\", \"device\": \"Desk 1\"}", at);
      g_autoptr(JsonObject) attributes = eccp_json_object_from_string (attributes_json, NULL);
      g_autoptr(JsonObject) relationships = eccp_json_object_from_string (relationships_json, NULL);
      g_autoptr(EccpRecord) checkin = eccp_store_create (store, "checkin", NULL, attributes, relationships, &error);

      if (checkin == NULL)
        g_error ("check-in: %s", error->message);
    }

  start = g_get_monotonic_time ();
  pushed = sync_once (engine);
  printf ("pushing 1,000 offline check-ins\n  %u pushed in %u write request(s) (%u requests in all),"
          " %.2f s\n",
          pushed->pushed, pushed->push_requests, pushed->requests,
          (g_get_monotonic_time () - start) / 1e6);

  g_subprocess_send_signal (portal, SIGTERM);
  g_subprocess_wait (portal, NULL, NULL);
  g_clear_object (&engine);
  g_clear_object (&store);

  bench_remove_db (portal_db);
  bench_remove_db (client_db);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}
