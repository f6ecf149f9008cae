/* eccp-test-util.c: what the test programs share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-util.h"

#include "eccp-json.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

void
eccp_test_result_free (EccpTestResult *result)
{
  if (result == NULL)
    return;

  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

EccpTestResult *
eccp_test_run_cli (const char         *home,
                   const char * const *env,
                   const char         *input,
                   const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = g_build_filename (home, "xdg", NULL);
  const char *program = g_getenv ("ECCP_CLI");
  EccpTestResult *result = g_new0 (EccpTestResult, 1);

  g_assert_nonnull (program);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "ECCP_DB");
  g_subprocess_launcher_unsetenv (launcher, "ECCP_TOKEN");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char *eq = strchr (env[i], '=');

      if (eq == NULL)
        {
          g_subprocess_launcher_unsetenv (launcher, env[i]);
        }
      else
        {
          g_autofree char *name = g_strndup (env[i], eq - env[i]);

          g_subprocess_launcher_setenv (launcher, name, eq + 1, TRUE);
        }
    }

  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &result->out, &result->err, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_exited (process))
    result->status = g_subprocess_get_exit_status (process);
  else
    result->status = -1;

  if (result->out == NULL)
    result->out = g_strdup ("");
  if (result->err == NULL)
    result->err = g_strdup ("");

  return result;
}

void
eccp_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          eccp_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

/* In a child (the portal, the keyring daemon): it ends when the test does. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

EccpPortalResponse *
eccp_test_portal_call (EccpPortalClient *client,
                       const char       *method,
                       const char       *path,
                       const char       *body_json,
                       gint64            if_match)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  EccpPortalResponse *response;

  if (body_json != NULL)
    {
      body = eccp_json_node_from_string (body_json, &error);
      g_assert_no_error (error);
    }
  response = eccp_portal_client_request (client, method, path, body, if_match,
                                         g_str_equal (method, "GET") ? NULL : key, NULL, &error);
  g_assert_no_error (error);

  return response;
}

gint64
eccp_test_portal_count (EccpPortalClient *client,
                        const char       *query)
{
  g_autofree char *path = g_strdup_printf ("/_test/count?%s", query);
  g_autoptr(EccpPortalResponse) response = eccp_test_portal_call (client, "GET", path, NULL, 0);

  g_assert_cmpuint (response->status, ==, 200);

  return eccp_json_get_int (eccp_json_get_object (eccp_portal_response_get_object (response),
                                                  "meta"), "count", -1);
}

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

GSubprocess *
eccp_test_keyring_start (const char       *dir,
                         GTestDBus        *bus,
                         GDBusConnection **connection,
                         GError          **error)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GDBusConnection) bus_connection = NULL;
  g_autoptr(GOutputStream) password = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *home = g_build_filename (dir, "home", NULL);
  g_autofree char *runtime = g_build_filename (dir, "run", NULL);
  gint64 deadline;

  if (daemon == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "gnome-keyring-daemon is not installed");
      return NULL;
    }

  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  keyring = g_subprocess_launcher_spawn (launcher, &local_error, daemon, "--foreground", "--unlock",
                                         "--components=secrets", NULL);
  if (keyring == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "gnome-keyring-daemon did not start: %s", local_error->message);
      return NULL;
    }

  /* --unlock reads the new login keyring's password on stdin. */
  password = g_object_ref (g_subprocess_get_stdin_pipe (keyring));
  g_output_stream_write_all (password, "test", 4, NULL, NULL, &local_error);
  g_assert_no_error (local_error);
  g_output_stream_close (password, NULL, &local_error);
  g_assert_no_error (local_error);

  bus_connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                           G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                           G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                           NULL, NULL, &local_error);
  g_assert_no_error (local_error);

  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!name_has_owner (bus_connection, "org.freedesktop.secrets"))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (keyring);
          g_subprocess_wait (keyring, NULL, NULL);
          g_dbus_connection_close_sync (bus_connection, NULL, NULL);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               "gnome-keyring-daemon did not take org.freedesktop.secrets "
                               "within 10 s");
          return NULL;
        }
      g_usleep (20 * 1000);
    }

  *connection = g_steal_pointer (&bus_connection);
  return g_steal_pointer (&keyring);
}

GVariant *
eccp_test_keyring_search (GDBusConnection *connection,
                          const char      *portal)
{
  g_autoptr(GError) error = NULL;
  GVariantBuilder attributes;
  GVariant *found;

  g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&attributes, "{ss}", "xdg:schema", "eu.clustercollaboration.Desk.Token");
  g_variant_builder_add (&attributes, "{ss}", "portal", portal);
  found = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "SearchItems",
                                       g_variant_new ("(a{ss})", &attributes),
                                       G_VARIANT_TYPE ("(aoao)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  return found;
}

JsonNode *
eccp_test_parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = eccp_json_node_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

GSubprocess *
eccp_test_portal_start (const char         *db,
                        const char         *users,
                        gboolean            test_hooks,
                        const char * const *more_args,
                        char              **url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *program = g_getenv ("ECCP_PORTAL");
  GSubprocess *portal;

  g_assert_nonnull (program);

  g_ptr_array_add (argv, g_strdup (program));
  g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", db));
  g_ptr_array_add (argv, g_strdup_printf ("--users=%s", users));
  if (test_hooks)
    g_ptr_array_add (argv, g_strdup ("--test-hooks"));
  for (guint i = 0; more_args != NULL && more_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (more_args[i]));
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  portal = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (portal));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/jsonapi"));

  *url = g_strdup (line + strlen ("Listening on "));

  return portal;
}

gboolean
eccp_test_portal_stop (GSubprocess *portal)
{
  g_subprocess_send_signal (portal, SIGTERM);
  if (!g_subprocess_wait (portal, NULL, NULL))
    return FALSE;

  return g_subprocess_get_if_exited (portal) && g_subprocess_get_exit_status (portal) == 0;
}

char *
eccp_test_file_fingerprint (const char *path)
{
  static const char * const companions[] = { "-wal", "-shm", "-journal" };
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  GString *fingerprint;
  GStatBuf st;
  gsize length;

  if (g_stat (path, &st) != 0)
    return g_strdup ("absent");

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  fingerprint = g_string_new (NULL);
  g_string_printf (fingerprint, "%" G_GSIZE_FORMAT " bytes, sha256 %s, mtime %lld.%09ld",
                   length, sum, (long long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (path, companions[i], NULL);

      if (g_file_test (companion, G_FILE_TEST_EXISTS))
        g_string_append_printf (fingerprint, ", %s", companions[i]);
    }

  return g_string_free (fingerprint, FALSE);
}

char *
eccp_test_journal_mode (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *mode;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return mode;
}

void
eccp_test_sqlite_exec (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

gint64
eccp_test_sqlite_int (const char *path,
                      const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}
