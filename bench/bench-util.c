/* bench-util.c: what the benchmarks share to report their figures
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-util.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
bench_percentile (GArray *samples,
                  double  p)
{
  guint index;

  if (samples->len == 0)
    return 0;

  g_array_sort (samples, compare_doubles);
  index = (guint) (p * (samples->len - 1) + 0.5);

  return g_array_index (samples, double, index);
}

/* "aim met" or "aim missed", printed beside each figure. */
const char *
bench_aim (gboolean met)
{
  return met ? "aim met" : "aim missed";
}

/* Starts eccp-portal ($ECCP_PORTAL, else the one in $PATH) on a free port
 * of 127.0.0.1 with the demo set at @n_clusters clusters in @db and the
 * demo users ($ECCP_SOURCE_DIR/data/portal-users.json, staff's token
 * "staff-demo-token"); returns its base URL. */
char *
bench_start_portal (GSubprocess **portal,
                    const char   *db,
                    guint         n_clusters)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scale = g_strdup_printf ("%u", n_clusters);
  const char *binary = g_getenv ("ECCP_PORTAL");
  g_autofree char *users = g_build_filename (g_getenv ("ECCP_SOURCE_DIR") ? g_getenv ("ECCP_SOURCE_DIR") : ".",
                                             "data", "portal-users.json", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *url;

  *portal = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              binary != NULL ? binary : "eccp-portal",
                              "--port", "0", "--db", db, "--demo", "--demo-scale", scale,
                              "--users", users, NULL);
  if (*portal == NULL)
    g_error ("eccp-portal: %s", error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*portal));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (line == NULL || (url = strstr (line, "http://")) == NULL)
    g_error ("eccp-portal did not say where it listens: %s", error ? error->message : line);

  return g_strdup (url);
}

/* A store's file, with its WAL and shared memory. */
void
bench_remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

gint64
bench_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

gint64
bench_thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

long
bench_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, key)) == NULL)
    return -1;

  return strtol (line + strlen (key), NULL, 10);
}
