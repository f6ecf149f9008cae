/* bench-empty-window.c: the yardstick for eccp-desk's launch time
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A minimal AdwApplication that opens an empty AdwApplicationWindow, of the
 * size eccp-desk's window has by default, and exits after the first frame
 * of that window has been painted.  It prints
 *
 *   first-frame-us N    microseconds from launch to that frame
 *   rss-kb N            VmRSS at that moment
 *
 * "Launch" is $BENCH_SPAWN_US (g_get_monotonic_time() of the launcher just
 * before it spawned this process: CLOCK_MONOTONIC, the same clock in every
 * process), else the process's start time from /proc/self/stat (10 ms
 * resolution).  bench-app runs this next to eccp-desk; alone:
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' env GDK_BACKEND=x11 GSK_RENDERER=cairo \
 *     build/bench/bench-empty-window
 */

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* eccp-desk's default window size (data/…gschema.xml). */
#define WINDOW_WIDTH 1100
#define WINDOW_HEIGHT 720

static gint64 launch_us;
static gint64 main_us;

/* When this process started, on g_get_monotonic_time()'s clock. */
static gint64
get_launch_us (void)
{
  const char *env = g_getenv ("BENCH_SPAWN_US");
  g_autofree char *stat = NULL;
  const char *p;
  unsigned long long start_ticks = 0;
  struct timespec boot;
  gint64 boot_us;

  if (env != NULL && *env != '\0')
    return g_ascii_strtoll (env, NULL, 10);

  /* Field 22 of /proc/self/stat, after the ")" that ends the name: clock
   * ticks since boot (CLOCK_BOOTTIME). */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || (p = strrchr (stat, ')')) == NULL)
    return g_get_monotonic_time ();
  p += 2;
  for (int field = 3; field < 22 && p != NULL; field++)
    {
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  if (p == NULL || sscanf (p, "%llu", &start_ticks) != 1)
    return g_get_monotonic_time ();

  clock_gettime (CLOCK_BOOTTIME, &boot);
  boot_us = (gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000;

  return g_get_monotonic_time () - (boot_us - (gint64) (start_ticks * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK)));
}

/* CPU time (user + system) of this process so far: less sensitive than the
 * wall clock to a busy machine. */
static gint64
cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static long
status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, key)) == NULL)
    return -1;

  return strtol (line + strlen (key), NULL, 10);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  gint64 now = g_get_monotonic_time ();

  if (!gtk_widget_get_mapped (window))
    return;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  printf ("main-us %" G_GINT64_FORMAT "\n", main_us - launch_us);
  printf ("first-frame-us %" G_GINT64_FORMAT "\n", now - launch_us);
  printf ("first-frame-cpu-us %" G_GINT64_FORMAT "\n", cpu_us ());
  printf ("rss-kb %ld\n", status_kb ("VmRSS:"));
  fflush (stdout);

  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
give_up_cb (gpointer user_data)
{
  fprintf (stderr, "bench-empty-window: no frame after 60 s\n");
  exit (EXIT_FAILURE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  main_us = g_get_monotonic_time ();
  launch_us = get_launch_us ();

  app = adw_application_new ("eu.clustercollaboration.Desk.BenchEmptyWindow",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_timeout_add_seconds (60, give_up_cb, NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
