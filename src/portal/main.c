/* main.c: eccp-portal, the reference portal server (docs/PORTAL.md)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include <glib/gstdio.h>
#include <glib-unix.h>

#include "eccp-demo.h"
#include "eccp-portal-config.h"
#include "eccp-portal-demo.h"
#include "eccp-portal-server.h"

#define DEFAULT_PORT 8080

#define EXIT_USAGE 2

typedef struct
{
  int       port;
  char     *db_path;
  gboolean  demo;
  int       demo_scale;
  char     *users_path;
  gboolean  test_hooks;
  gboolean  version;
} Options;

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable; /* the demo load */
} Stop;

static gboolean
quit (gpointer user_data)
{
  Stop *stop = user_data;

  g_cancellable_cancel (stop->cancellable);
  g_main_loop_quit (stop->loop);

  return G_SOURCE_CONTINUE;
}

/* The users file of --users, or the installed default, or the one in the
 * source tree (an uninstalled build). */
static const char *
find_users_file (const char *option)
{
  if (option != NULL)
    return option;

  if (g_file_test (ECCP_PORTAL_USERS_INSTALLED, G_FILE_TEST_EXISTS))
    return ECCP_PORTAL_USERS_INSTALLED;

  return ECCP_PORTAL_USERS_SOURCE;
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static int
run (Options *options)
{
  g_autoptr(EccpPortalUsers) users = NULL;
  g_autoptr(EccpPortalDb) db = NULL;
  g_autoptr(EccpPortalServer) server = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Stop stop = { loop, cancellable };
  g_autofree char *temp_path = NULL;
  const char *users_path = find_users_file (options->users_path);
  const char *db_path = options->db_path;
  guint sigint = g_unix_signal_add (SIGINT, quit, &stop);
  guint sigterm = g_unix_signal_add (SIGTERM, quit, &stop);
  int status = EXIT_SUCCESS;

  users = eccp_portal_users_new_from_file (users_path, &error);
  if (users == NULL)
    {
      g_printerr ("eccp-portal: %s\n", error->message);
      status = EXIT_FAILURE;
      goto out;
    }

  if (db_path == NULL)
    {
      int fd = g_file_open_tmp ("eccp-portal-XXXXXX.db", &temp_path, &error);

      if (fd < 0)
        {
          g_printerr ("eccp-portal: %s\n", error->message);
          status = EXIT_FAILURE;
          goto out;
        }
      g_close (fd, NULL);
      db_path = temp_path;
    }

  db = eccp_portal_db_new (db_path, &error);
  if (db == NULL)
    {
      g_printerr ("eccp-portal: %s\n", error->message);
      status = EXIT_FAILURE;
      goto out;
    }

  if (options->demo && !eccp_portal_db_is_empty (db))
    {
      g_printerr ("eccp-portal: %s holds records already; --demo adds nothing\n", db_path);
    }
  else if (options->demo)
    {
      gint64 start = g_get_monotonic_time ();
      guint n_records = 0;

      if (!eccp_portal_demo_load (db, options->demo_scale, &n_records, cancellable, &error))
        {
          /* Stopped by a signal: a clean stop. */
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_printerr ("eccp-portal: the demo data set: %s\n", error->message);
              status = EXIT_FAILURE;
            }
          goto out;
        }
      g_printerr ("eccp-portal: demo data set of %u records loaded in %.1f s\n", n_records,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }

  server = eccp_portal_server_new (db, users, options->test_hooks, &error);
  if (server == NULL || !eccp_portal_server_listen (server, options->port, &error))
    {
      g_printerr ("eccp-portal: %s\n", error->message);
      status = EXIT_FAILURE;
      goto out;
    }

  /* Exactly one line on stdout: tests read the port from it. */
  g_print ("Listening on http://127.0.0.1:%u" ECCP_PORTAL_BASE_PATH "\n",
           eccp_portal_server_get_port (server));
  fflush (stdout);
  if (options->test_hooks)
    g_printerr ("eccp-portal: test hooks are on (" ECCP_PORTAL_BASE_PATH "/_test/…)\n");

  g_main_loop_run (loop);

out:
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_object (&server);
  g_clear_object (&db);
  if (temp_path != NULL)
    remove_database (temp_path);

  return status;
}

int
main (int   argc,
      char *argv[])
{
  Options options = { .port = DEFAULT_PORT, .demo_scale = ECCP_DEMO_DEFAULT_CLUSTERS };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &options.port,
      "Listen on this port of 127.0.0.1 (0: any free port; default 8080)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db_path,
      "Keep the records in this SQLite file (default: a temporary file)", "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options.demo,
      "Serve the demo data set (into an empty database)", NULL },
    { "demo-scale", 0, 0, G_OPTION_ARG_INT, &options.demo_scale,
      "Scale the demo data set to N clusters (default 1400)", "N" },
    { "users", 0, 0, G_OPTION_ARG_FILENAME, &options.users_path,
      "Users, tokens and roles (default: the installed portal-users.json)", "FILE" },
    { "test-hooks", 0, 0, G_OPTION_ARG_NONE, &options.test_hooks,
      "Answer /_test/faults, /_test/revoke and /_test/count (for tests)", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version,
      "Print the version and exit", NULL },
    { NULL }
  };

  /* Texts go out in English whatever the locale: validation messages end
   * up in the JSON answers. */
  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");
  setlocale (LC_NUMERIC, "C");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "The reference portal of ECCP Desk: the sync API of "
                                "portal-api.md over HTTP on 127.0.0.1.");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("eccp-portal: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (options.version)
    {
      g_print ("eccp-portal %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (argc > 1 || options.port < 0 || options.port > 65535 || options.demo_scale < 1)
    {
      g_printerr ("eccp-portal: usage: eccp-portal [--port N] [--db FILE] [--demo] "
                  "[--demo-scale N] [--users FILE] [--test-hooks]\n");
      return EXIT_USAGE;
    }

  status = run (&options);

  g_free (options.db_path);
  g_free (options.users_path);

  return status;
}
