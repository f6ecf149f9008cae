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
#include <sys/resource.h>
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

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");

  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

/* The process's own CPU time (user and system), in microseconds. */
static gint64
cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
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

  rss_before = peak_rss_kb ();
  cpu_before = cpu_us ();
  start = g_get_monotonic_time ();
  first = sync_once (engine);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu_before = cpu_us () - cpu_before;
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
          peak_rss_kb () / 1024, rss_before / 1024);
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
