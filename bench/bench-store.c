/* bench-store.c: how fast the store imports, searches and lists
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; asserts nothing.  BENCH_CLUSTERS sets the size (100,000
 * by default, the size the issue asks about); BENCH_ATTENDEES the size of
 * the venue's event (2,000).
 *
 *   meson test -C build --benchmark -v
 *   BENCH_CLUSTERS=10000 build/bench/bench-store
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#include "bench-util.h"
#include "bench-venue-data.h"
#include "eccp-demo.h"
#include "eccp-diff.h"
#include "eccp-json.h"
#include "eccp-store.h"

typedef struct
{
  JsonArray *clusters;
} Collect;

static gboolean
collect_clusters (JsonNode  *document,
                  gpointer   user_data,
                  GError   **error)
{
  Collect *collect = user_data;
  JsonArray *data = eccp_json_get_array (json_node_get_object (document), "data");

  for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
    {
      JsonNode *record = json_array_get_element (data, i);

      if (g_strcmp0 (eccp_json_get_string (json_node_get_object (record), "type"), "cluster") == 0)
        json_array_add_element (collect->clusters, json_node_copy (record));
    }

  return TRUE;
}

/* Runs @query @rounds times; prints p50/p95/max in ms. */
static void
time_query (EccpStore  *store,
            const char *label,
            EccpQuery  *query,
            guint       rounds,
            GArray     *all_samples)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 found = 0;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      records = eccp_store_query (store, query, &error);
      if (records == NULL)
        g_error ("%s: %s", label, error->message);
      found = records->len;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
      if (all_samples != NULL)
        g_array_append_val (all_samples, ms);
    }

  printf ("  %-44s %4" G_GINT64_FORMAT " rows  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms\n",
          label, found, bench_percentile (samples, 0.5), bench_percentile (samples, 0.95),
          bench_percentile (samples, 1.0));
}

/* A reviewer's word diff of a 20,000-character description with three
 * words changed (start, middle, end) and of one rewritten throughout. */
static void
time_word_diff (void)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) edited = g_string_new (NULL);
  g_autoptr(GString) rewritten = g_string_new (NULL);
  struct { const char *label; GString *after; } cases[] = {
    { "three words changed", edited },
    { "every tenth sentence changed", rewritten },
  };
  guint n;

  for (n = 0; before->len < 20000; n++)
    g_string_append_printf (before, "Cluster %u works with partner %u on skills. ", n, n * 7 % 13);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (edited, "Cluster %u works with partner %u on %s. ", i, i * 7 % 13,
                              i == 0 || i == n / 2 || i == n - 1 ? "research" : "skills");
      g_string_append_printf (rewritten, "Cluster %u works with partner %u on %s. ", i, i * 7 % 13,
                              i % 10 == 0 ? "exports and research" : "skills");
    }

  printf ("\nword diff of a %" G_GSIZE_FORMAT "-character description (eccp_diff_words)\n", before->len);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      guint n_segments = 0;

      for (guint round = 0; round < 20; round++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GPtrArray) segments = eccp_diff_words (before->str, cases[c].after->str);
          double ms = (g_get_monotonic_time () - start) / 1000.0;

          n_segments = segments->len;
          g_array_append_val (samples, ms);
        }
      printf ("  %-44s %4u segs  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms (aim <= 10)\n",
              cases[c].label, n_segments, bench_percentile (samples, 0.5), bench_percentile (samples, 0.95),
              bench_percentile (samples, 1.0));
    }
}

/* {{{ Import against the sqlite3 shell, and `eccp import`'s memory */

/* What the store does with a document, in the sqlite3 shell's SQL: the
 * records table with its unique key and the clusters' indexes, the
 * attributes, relationships and meta kept as JSON text, and one FTS5 row
 * of the searchable fields (eccp-field-spec.c) with the store's
 * tokenizer, all in one transaction. */
static const char sqlite3_import_sql[] =
  "PRAGMA journal_mode = WAL;"
  "CREATE TABLE records (num INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, id TEXT NOT NULL,"
  "  attributes TEXT NOT NULL, relationships TEXT NOT NULL, meta TEXT NOT NULL, UNIQUE (id, type));"
  "CREATE INDEX clusters_by_name ON records (json_extract (attributes, '$.name') COLLATE NOCASE)"
  "  WHERE type = 'cluster';"
  "CREATE INDEX clusters_by_country ON records (json_extract (attributes, '$.country'),"
  "  json_extract (attributes, '$.name') COLLATE NOCASE) WHERE type = 'cluster';"
  "CREATE VIRTUAL TABLE fts_cluster USING fts5 (search_text,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
  "BEGIN;"
  "INSERT INTO records (type, id, attributes, relationships, meta)"
  "  SELECT json_extract (value, '$.type'), json_extract (value, '$.id'),"
  "    coalesce (json_extract (value, '$.attributes'), '{}'),"
  "    coalesce (json_extract (value, '$.relationships'), '{}'),"
  "    coalesce (json_extract (value, '$.meta'), '{}')"
  "  FROM json_each (readfile ('%s'), '$.data');"
  "INSERT INTO fts_cluster (rowid, search_text)"
  "  SELECT num, coalesce (a ->> 'name', '') || char (10) || coalesce (a ->> 'acronym', '') || char (10)"
  "    || coalesce (a ->> 'city', '') || char (10) || coalesce (a ->> 'description', '') || char (10)"
  "    || coalesce ((SELECT group_concat (value, char (10)) FROM json_each (a, '$.ecosystems')), '') || char (10)"
  "    || coalesce ((SELECT group_concat (value, char (10)) FROM json_each (a, '$.emerging_industries')), '')"
  "    || char (10) || coalesce (a ->> 'manager_name', '')"
  "  FROM (SELECT num, attributes AS a FROM records);"
  "COMMIT;";

/* Seconds the sqlite3 shell takes to load @json_path as above; -1 when
 * there is no shell. */
static double
time_sqlite3_shell (const char *dir,
                    const char *json_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  g_autofree char *db = g_build_filename (dir, "shell.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *err = NULL;
  int status;
  gint64 start;
  double seconds;

  if (shell == NULL)
    return -1;

  sql = g_strdup_printf (sqlite3_import_sql, json_path);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char *[]) { shell, db, sql, NULL }, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3: %s %s", error->message, err);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  bench_remove_db (db);

  return seconds;
}

/* The command line: $ECCP_CLI (meson sets it), else the build's. */
static char *
find_cli (const char *argv0)
{
  g_autofree char *dir = g_path_get_dirname (argv0);

  if (g_getenv ("ECCP_CLI") != NULL)
    return g_strdup (g_getenv ("ECCP_CLI"));

  return g_build_filename (dir, "..", "src", "cli", "eccp", NULL);
}

/* `eccp import` of @json_path into a new store, as a person runs it:
 * its seconds, and its peak RSS in MB.  The peak is the child's VmHWM,
 * read as it runs (every 20 ms; it only grows): the kernel's ru_maxrss
 * of a child counts this process's memory too, which the child shared
 * until its exec. */
static double
time_cli_import (const char *cli,
                 const char *dir,
                 const char *json_path,
                 long       *peak_mb)
{
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  char *argv[] = { (char *) cli, "--db", db, "import", (char *) json_path, NULL };
  posix_spawn_file_actions_t actions;
  pid_t pid;
  int status;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  if (posix_spawn (&pid, cli, &actions, NULL, argv, environ) != 0)
    g_error ("%s: %s", cli, g_strerror (errno));
  posix_spawn_file_actions_destroy (&actions);
  *peak_mb = 0;
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      g_autofree char *proc = g_strdup_printf ("/proc/%d/status", (int) pid);
      g_autofree char *text = NULL;
      const char *line;

      if (g_file_get_contents (proc, &text, NULL, NULL) && (line = strstr (text, "VmHWM:")) != NULL)
        *peak_mb = MAX (*peak_mb, strtol (line + 6, NULL, 10) / 1024);
      g_usleep (20000);
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s import failed", cli);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  bench_remove_db (db);

  return seconds;
}

/* }}} */

/* {{{ Venue mode: one event's attendees searched as someone types a name */

#define VENUE_EVENT "b0000000-0000-4000-8000-000000000001"

static void
time_venue_list (EccpStore  *store,
                 const char *search,
                 GArray     *samples)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  states = eccp_store_list_attendee_states (store, VENUE_EVENT, search, ECCP_CHECKIN_FILTER_ALL, &error);
  if (states == NULL)
    g_error ("%s", error->message);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (samples, ms);
}

static void
time_venue_counts (EccpStore *store,
                   GArray    *samples)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  if (!eccp_store_count_checked_in (store, VENUE_EVENT, NULL, NULL, &error))
    g_error ("%s", error->message);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (samples, ms);
}

static void
print_venue_samples (const char *label,
                     GArray     *samples)
{
  printf ("  %-44s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms (aim <= 16 ms)\n", label,
          bench_percentile (samples, 0.5), bench_percentile (samples, 0.95), bench_percentile (samples, 1.0));
}

/* Venue mode's search as the door types names letter by letter: each
 * keystroke one eccp_store_list_attendee_states() of the whole event (its
 * states, not only a page, since the filters and counts need them) and
 * the counts. */
static void
time_venue_search (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "venue.db", NULL);
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) count_samples = g_array_new (FALSE, FALSE, sizeof (double));
  const char *env = g_getenv ("BENCH_ATTENDEES");
  guint n = env != NULL ? (guint) atoi (env) : 2000;
  const char * const typed[] = { "zeljko erkapic", "muller", "lodz", "anna kowalska", "soren", "xyz" };
  gint64 registered = 0, checked_in = 0;

  store = eccp_store_new (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  bench_fill_venue (store, VENUE_EVENT, n);
  if (!eccp_store_count_checked_in (store, VENUE_EVENT, &registered, &checked_in, &error))
    g_error ("%s", error->message);

  printf ("venue search (one event: %" G_GINT64_FORMAT " attendees, %" G_GINT64_FORMAT
          " checked in; BENCH_ATTENDEES), per keystroke\n", registered, checked_in);

  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    for (gsize len = 1; len <= strlen (typed[t]); len++)
      for (guint round = 0; round < 5; round++)
        {
          g_autofree char *prefix = g_strndup (typed[t], len);

          time_venue_list (store, prefix, samples);
          time_venue_counts (store, count_samples);
        }
  print_venue_samples ("search, a keystroke", samples);
  print_venue_samples ("counts (registered, checked in)", count_samples);

  /* Everybody, no search: venue mode as it opens. */
  g_array_set_size (samples, 0);
  for (guint round = 0; round < 20; round++)
    time_venue_list (store, NULL, samples);
  print_venue_samples ("everybody, no search", samples);
  printf ("\n");

  g_clear_object (&store);
  bench_remove_db (path);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eccp-bench-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *json_path = g_build_filename (dir, "clusters.json", NULL);
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) document = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GArray) search_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *text = NULL;
  const char *env = g_getenv ("BENCH_CLUSTERS");
  guint n_clusters = env != NULL ? (guint) atoi (env) : 100000;
  Collect collect = { json_array_new () };
  EccpImportStats stats = { 0 };
  gint64 start;
  double seconds;
  guint n;
  const char *searches[] = {
    "zeljko erkapic", "krakow", "digital", "agri", "ma", "clu", "energy renewables",
    "lodz textile", "aerospace", "health", "nord", "smart city", "b", "cluster",
    "göteborg", "são", "mobility", "tourism", "wine", "zzzz",
  };

  setlocale (LC_ALL, "");

  printf ("ECCP Desk store benchmark: %u clusters (BENCH_CLUSTERS)\n", n_clusters);
  printf ("SQLite %s, GLib %u.%u.%u\n", sqlite3_libversion (),
          glib_major_version, glib_minor_version, glib_micro_version);

  /* The clusters of the demo set at that scale, as one JSON:API document
   * on disk: what `eccp import` reads. */
  if (!eccp_demo_generate (n_clusters, collect_clusters, &collect, &error))
    g_error ("generate: %s", error->message);
  n = json_array_get_length (collect.clusters);
  json_object_set_array_member (root, "data", collect.clusters);
  json_node_set_object (document, root);
  text = eccp_json_node_to_string (document, FALSE);
  if (!g_file_set_contents (json_path, text, -1, &error))
    g_error ("%s", error->message);
  printf ("document: %u clusters, %.1f MB of JSON\n\n", n, strlen (text) / 1e6);
  g_clear_pointer (&text, g_free);

  store = eccp_store_new (db_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  printf ("import (eccp_store_import_file: parse, validate ids, write, index)\n");
  start = g_get_monotonic_time ();
  if (!eccp_store_import_file (store, json_path, &stats, &error))
    g_error ("import: %s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  printf ("  %u records in %.2f s: %.0f records/s (peak RSS of this process %ld MB)\n",
          stats.created, seconds, stats.created / seconds, bench_status_kb ("VmHWM:") / 1024);

  /* The same document as a person imports it, and as the sqlite3 shell
   * loads it with the same table, indexes and FTS5 index, same run. */
  {
    g_autofree char *cli = find_cli (argv[0]);
    double shell_seconds;
    double cli_seconds;
    long cli_peak_mb = 0;

    cli_seconds = time_cli_import (cli, dir, json_path, &cli_peak_mb);
    printf ("  `eccp import`: %.2f s, %.0f records/s, peak RSS %ld MB (aim <= 200 MB for the 106 MB"
            " document, BENCH_CLUSTERS=100000: %s)\n",
            cli_seconds, stats.created / cli_seconds, cli_peak_mb, bench_aim (cli_peak_mb <= 200));
    shell_seconds = time_sqlite3_shell (dir, json_path);
    if (shell_seconds < 0)
      printf ("  sqlite3 shell not found (build-aux/setup installs it): no ratio\n\n");
    else
      printf ("  sqlite3 shell, same JSON, same table, indexes and FTS5: %.2f s;"
              " eccp_store_import_file %.2fx, `eccp import` %.2fx (aim <= 2x: %s)\n\n",
              shell_seconds, seconds / shell_seconds, cli_seconds / shell_seconds,
              bench_aim (cli_seconds / shell_seconds <= 2.0));
  }

  /* Reopen: the figures below are for a store as the app finds it. */
  g_clear_object (&store);
  store = eccp_store_new (db_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  printf ("search (first page of 50, best matches first, as a list shows it)\n");
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(EccpQuery) query = eccp_query_new ("cluster");

      eccp_query_set_search (query, searches[i]);
      eccp_query_set_range (query, 0, 50);
      time_query (store, searches[i], query, 20, search_samples);
    }
  printf ("  %-44s           p50 %6.2f ms  p95 %6.2f ms\n\n", "ALL SEARCHES",
          bench_percentile (search_samples, 0.5), bench_percentile (search_samples, 0.95));

  printf ("first page of a sorted, filtered list (50 rows)\n");
  {
    g_autoptr(EccpQuery) query = eccp_query_new ("cluster");

    eccp_query_set_range (query, 0, 50);
    time_query (store, "clusters by name", query, 50, NULL);
    eccp_query_add_filter (query, "country", "DE");
    time_query (store, "country=DE by name", query, 50, NULL);
    eccp_query_set_sort (query, "name", TRUE);
    time_query (store, "country=DE by -name", query, 50, NULL);
  }
  {
    g_autoptr(EccpQuery) query = eccp_query_new ("cluster");

    eccp_query_set_range (query, 0, 50);
    eccp_query_add_filter (query, "ecosystems", "Digital");
    time_query (store, "ecosystems=Digital by name", query, 50, NULL);
    eccp_query_set_sort (query, "founded", TRUE);
    time_query (store, "ecosystems=Digital by -founded", query, 50, NULL);
  }
  {
    g_autoptr(EccpQuery) query = eccp_query_new ("cluster");

    eccp_query_set_range (query, 0, 50);
    eccp_query_add_filter (query, "country", "PL");
    eccp_query_add_filter (query, "label", "gold");
    time_query (store, "country=PL label=gold by name", query, 50, NULL);
  }
  {
    g_autoptr(EccpQuery) query = eccp_query_new ("cluster");

    eccp_query_set_range (query, 5000, 50);
    time_query (store, "clusters by name, page at row 5,000", query, 50, NULL);
  }

  time_word_diff ();
  time_venue_search (dir);

  g_clear_object (&store);
  g_unlink (json_path);
  bench_remove_db (db_path);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}
