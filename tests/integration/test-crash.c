/* test-crash.c: `eccp sync` killed at random moments, against the real portal
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts eccp-portal (--port 0, a temporary database, the demo users and a
 * small demo set, --test-hooks), syncs one client store with the `eccp` CLI,
 * then runs rounds: a few offline changes with the CLI (new clusters, edited
 * descriptions, check-ins), sometimes a fault on the portal (a lost answer,
 * a late answer, a 503), then `eccp sync`, killed with SIGKILL after a
 * random delay (or left to finish).  Now and then a local edit is killed
 * too.  After every round (no one else edits): the store still holds every
 * record made, each description is the last text set, and the portal holds
 * no more records than were made; every fourth round the store passes
 * PRAGMA integrity_check.  At the end one more sync must bring everything in
 * step, and:
 *
 *   - the store passes PRAGMA integrity_check and foreign_key_check;
 *   - no local change waits, is in conflict, refused or not valid;
 *   - every record the test created locally is on the portal exactly once,
 *     and a record that never reached the store is not there at all;
 *   - the portal holds as many clusters and check-ins as before plus those
 *     created (no duplicates), and so does the store;
 *   - every edited description is, on the portal and in the store, the
 *     last text the test set.
 *
 * The delays come from g_test_rand_*(): the seed is fixed unless --seed is
 * given, and printed.  Timing still differs from run to run, so a failure
 * names its round and the seed to try again with.
 */

#include "config.h"

#include "eccp-test-util.h"

#include <signal.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "eccp-json.h"
#include "eccp-portal-client.h"

#define STAFF        "staff-demo-token"
#define DEMO_EVENT   "23910e94-ead5-5e9b-8529-821730d4d6ca" /* the event team's, 130 attendees */
#define DEMO_SCALE   "30"
#define N_ROUNDS     60
#define N_TARGETS    4      /* existing clusters whose descriptions are edited */
#define DEFAULT_SEED "R02S0ecc9d35c0a6f1e2b3d4c5a6978869fa"

typedef struct
{
  char     *id;          /* %NULL when its create was killed before it was written */
  char     *name;
  char     *description; /* the last text set, %NULL for none */
  gboolean  created;     /* made by the test (else one of the demo set) */
} Cluster;

typedef struct
{
  char *id;              /* %NULL when it was killed before it was written */
  char *device;          /* unique: how the portal's count finds it */
} Checkin;

typedef struct
{
  char             *dir;
  char             *store;
  GSubprocess      *portal;
  char             *url;
  EccpPortalClient *client;

  GPtrArray        *clusters;   /* of Cluster */
  GPtrArray        *checkins;   /* of Checkin */
  GPtrArray        *attendees;  /* of char *: the demo event's */
  guint             round;
  Cluster          *last_edited;
  gint64            clusters_before;
  gint64            checkins_before;

  guint             killed;     /* syncs that died of SIGKILL */
  guint             finished;   /* syncs that ended on their own */
  guint             edits_killed;
} Fixture;

static void
cluster_free (gpointer data)
{
  Cluster *cluster = data;

  g_free (cluster->id);
  g_free (cluster->name);
  g_free (cluster->description);
  g_free (cluster);
}

static void
checkin_free (gpointer data)
{
  Checkin *checkin = data;

  g_free (checkin->id);
  g_free (checkin->device);
  g_free (checkin);
}

/* {{{ The portal */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *users = NULL;
  g_autofree char *db = NULL;

  fixture->clusters = g_ptr_array_new_with_free_func (cluster_free);
  fixture->checkins = g_ptr_array_new_with_free_func (checkin_free);
  fixture->attendees = g_ptr_array_new_with_free_func (g_free);

  if (g_getenv ("ECCP_PORTAL") == NULL || g_getenv ("ECCP_CLI") == NULL)
    return;

  users = g_test_build_filename (G_TEST_DIST, "..", "data", "portal-users.json", NULL);
  if (!g_file_test (users, G_FILE_TEST_IS_REGULAR))
    return;

  fixture->dir = g_dir_make_tmp ("eccp-test-crash-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "portal.db", NULL);
  fixture->store = g_build_filename (fixture->dir, "store.db", NULL);

  fixture->portal = eccp_test_portal_start (db, users, TRUE,
                                            (const char *[]) { "--demo", "--demo-scale", DEMO_SCALE, NULL },
                                            &fixture->url);

  fixture->client = eccp_portal_client_new (fixture->url, STAFF, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  if (fixture->portal != NULL)
    eccp_test_portal_stop (fixture->portal);
  g_clear_object (&fixture->portal);
  if (fixture->dir != NULL)
    eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->store, g_free);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->clusters, g_ptr_array_unref);
  g_clear_pointer (&fixture->checkins, g_ptr_array_unref);
  g_clear_pointer (&fixture->attendees, g_ptr_array_unref);
}

static EccpPortalResponse *
portal_call (Fixture    *fixture,
             const char *method,
             const char *path,
             const char *body_json)
{
  return eccp_test_portal_call (fixture->client, method, path, body_json, 0);
}

static void
portal_faults (Fixture    *fixture,
               const char *settings)
{
  g_autoptr(EccpPortalResponse) response = portal_call (fixture, "POST", "/_test/faults",
                                                        settings);

  g_assert_cmpuint (response->status, ==, 200);
}

/* /_test/count?type=TYPE[&FIELD=VALUE]: live records on the portal. */
static gint64
portal_count (Fixture    *fixture,
              const char *type,
              const char *field,
              const char *value)
{
  g_autofree char *escaped = value != NULL ? g_uri_escape_string (value, NULL, FALSE) : NULL;
  g_autofree char *query = NULL;

  if (field != NULL)
    query = g_strdup_printf ("type=%s&%s=%s", type, field, escaped);
  else
    query = g_strdup_printf ("type=%s", type);

  return eccp_test_portal_count (fixture->client, query);
}

/* The record's attributes on the portal; it must be there. */
static JsonObject *
portal_attributes (Fixture    *fixture,
                   const char *type,
                   const char *id)
{
  g_autofree char *path = g_strdup_printf ("/%s/%s", type, id);
  g_autoptr(EccpPortalResponse) response = portal_call (fixture, "GET", path, NULL);
  JsonObject *data;

  if (response->status != 200)
    g_error ("GET %s: %u, not 200", path, response->status);
  data = eccp_json_get_object (eccp_portal_response_get_object (response), "data");
  g_assert_nonnull (data);
  g_assert_cmpstr (eccp_json_get_string (data, "id"), ==, id);

  return json_object_ref (eccp_json_get_object (data, "attributes"));
}

/* }}} */

/* {{{ The CLI */

/* Messages stay on one line: TAP. */
static char *
one_line (char *text)
{
  if (text != NULL)
    g_strdelimit (g_strchomp (text), "\n", ' ');

  return text;
}

static GSubprocess *
eccp_spawn (Fixture            *fixture,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (char *) g_getenv ("ECCP_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, fixture->store);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "ECCP_TOKEN", STAFF, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* Never the keyring of whoever runs the tests. */
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

/* Waits for @process: its exit status, or -1 when SIGKILL ended it. */
static int
eccp_finish (GSubprocess  *process,
             char        **out,
             char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      return -1;
    }
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* Runs `eccp --db STORE ARGS…` to its end: its exit status, and its stdout. */
static int
eccp_run (Fixture            *fixture,
          const char * const *args,
          char              **out)
{
  g_autoptr(GSubprocess) process = eccp_spawn (fixture, args);
  g_autofree char *err = NULL;
  g_autofree char *joined = NULL;
  int status;

  status = eccp_finish (process, out, &err);
  if (status != 0 && status != 3 && status != 4)
    {
      joined = g_strjoinv (" ", (char **) args);
      g_test_message ("eccp %s: exit status %d: %s", joined, status, one_line (err));
    }

  return status;
}

/* The same, which must succeed; its stdout without the newline. */
static char *
eccp_ok (Fixture            *fixture,
         const char * const *args)
{
  g_autofree char *out = NULL;
  int status = eccp_run (fixture, args, &out);

  if (status != 0)
    {
      g_autofree char *joined = g_strjoinv (" ", (char **) args);

      g_error ("round %u: eccp %s: exit status %d", fixture->round, joined, status);
    }

  return g_strchomp (g_steal_pointer (&out));
}

/* Runs `eccp ARGS…` and SIGKILLs it after @delay_us: TRUE when it died of
 * that, FALSE when it had ended already (then with status 0). */
static gboolean
eccp_kill_after (Fixture            *fixture,
                 const char * const *args,
                 gulong              delay_us,
                 char              **out)
{
  g_autoptr(GSubprocess) process = eccp_spawn (fixture, args);
  g_autofree char *err = NULL;
  int status;

  g_usleep (delay_us);
  g_subprocess_send_signal (process, SIGKILL);
  status = eccp_finish (process, out, &err);
  if (status > 0)
    {
      g_autofree char *joined = g_strjoinv (" ", (char **) args);

      g_error ("round %u: eccp %s: exit status %d: %s", fixture->round, joined, status,
               one_line (err));
    }

  return status < 0;
}

static JsonNode *
eccp_json (Fixture            *fixture,
           const char * const *args)
{
  g_autofree char *out = eccp_ok (fixture, args);

  return eccp_test_parse_json (out);
}

/* The records of `eccp list TYPE --where FIELD=VALUE --json`. */
static JsonArray *
eccp_list (Fixture    *fixture,
           const char *type,
           const char *field,
           const char *value)
{
  g_autofree char *where = g_strdup_printf ("%s=%s", field, value);
  const char *args[] = { "list", type, "--where", where, "--json", NULL };
  g_autoptr(JsonNode) node = eccp_json (fixture, args);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  return json_array_ref (json_node_get_array (node));
}

/* The local record's attributes. */
static JsonObject *
eccp_show (Fixture    *fixture,
           const char *type,
           const char *id)
{
  const char *args[] = { "show", type, id, "--json", NULL };
  g_autoptr(JsonNode) node = eccp_json (fixture, args);

  return json_object_ref (eccp_json_get_object (json_node_get_object (node), "attributes"));
}

/* `eccp status --json` → changes: {pending, conflict, rejected, invalid}, records. */
static JsonObject *
eccp_status (Fixture *fixture)
{
  const char *args[] = { "status", "--json", NULL };
  g_autoptr(JsonNode) node = eccp_json (fixture, args);

  return json_object_ref (json_node_get_object (node));
}

/* }}} */

/* {{{ The store on disk */

static void
check_integrity (Fixture *fixture)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) result = g_string_new (NULL);
  guint rows = 0;
  int rc;

  rc = sqlite3_open_v2 (fixture->store, &db, SQLITE_OPEN_READWRITE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (result, "%s%s", result->len > 0 ? "; " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  if (!g_str_equal (result->str, "ok"))
    g_error ("round %u: PRAGMA integrity_check: %s", fixture->round, result->str);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_test_message ("round %u: foreign key broken: table %s, rowid %lld, parent %s",
                      fixture->round, sqlite3_column_text (stmt, 0),
                      (long long) sqlite3_column_int64 (stmt, 1), sqlite3_column_text (stmt, 2));
      rows++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, ==, 0);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* }}} */

/* {{{ What holds after every round */

/* Counts the records the test made that are in the store. */
static void
count_made (Fixture *fixture,
            gint64  *clusters,
            gint64  *checkins)
{
  *clusters = 0;
  *checkins = 0;
  for (guint i = 0; i < fixture->clusters->len; i++)
    {
      Cluster *cluster = g_ptr_array_index (fixture->clusters, i);

      *clusters += cluster->created && cluster->id != NULL;
    }
  for (guint i = 0; i < fixture->checkins->len; i++)
    *checkins += ((Checkin *) g_ptr_array_index (fixture->checkins, i))->id != NULL;
}

/* No one else edits: the store never loses a record made here, and every
 * description is the last text set, sent or not.  The portal never holds
 * more than the store made. */
static void
check_round (Fixture *fixture)
{
  const char *list[] = { "list", "cluster", "--json", NULL };
  g_autoptr(JsonNode) node = eccp_json (fixture, list);
  JsonArray *records = json_node_get_array (node);
  g_autoptr(GHashTable) local = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) status = eccp_status (fixture);
  JsonObject *counts = eccp_json_get_object (status, "records");
  gint64 clusters;
  gint64 checkins;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      g_hash_table_insert (local, (gpointer) eccp_json_get_string (record, "id"), record);
    }

  for (guint i = 0; i < fixture->clusters->len; i++)
    {
      Cluster *cluster = g_ptr_array_index (fixture->clusters, i);
      JsonObject *record;
      const char *description;

      if (cluster->id == NULL)
        continue;
      record = g_hash_table_lookup (local, cluster->id);
      if (record == NULL)
        g_error ("round %u: cluster %s (“%s”) is gone from the store", fixture->round,
                 cluster->id, cluster->name);
      description = eccp_json_get_string (eccp_json_get_object (record, "attributes"),
                                          "description");
      if (g_strcmp0 (description, cluster->description) != 0)
        g_error ("round %u: cluster %s: the store's description is “%s”, "
                 "not the last one set, “%s”", fixture->round, cluster->id, description,
                 cluster->description);
    }

  count_made (fixture, &clusters, &checkins);
  g_assert_cmpint (eccp_json_get_int (counts, "cluster", -1), ==, fixture->clusters_before + clusters);
  g_assert_cmpint (eccp_json_get_int (counts, "checkin", -1), ==, fixture->checkins_before + checkins);
  if (portal_count (fixture, "cluster", NULL, NULL) > fixture->clusters_before + clusters ||
      portal_count (fixture, "checkin", NULL, NULL) > fixture->checkins_before + checkins)
    g_error ("round %u: the portal holds more clusters or check-ins than were made", fixture->round);
}

/* }}} */

/* {{{ One round */

/* What waits, for the log of a failure. */
static void
show_changes (Fixture *fixture)
{
  const char *args[] = { "changes", NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  eccp_run (fixture, args, &out);
  lines = g_strsplit (out != NULL ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_test_message ("round %u: eccp changes: %s", fixture->round, lines[i]);
}

/* A random delay in µs: mostly within a short sync, sometimes up to 150 ms. */
static gulong
random_delay_us (guint short_ms)
{
  if (g_test_rand_int_range (0, 3) == 0)
    return g_test_rand_int_range (0, 150 * 1000);

  return g_test_rand_int_range (0, short_ms * 1000);
}

/* When to kill an edit: one takes about 10 ms, the start included. */
static gulong
edit_kill_delay_us (void)
{
  return g_test_rand_int_range (0, 15 * 1000);
}

static void
create_cluster (Fixture  *fixture,
                guint     k,
                gboolean  kill)
{
  Cluster *cluster = g_new0 (Cluster, 1);
  g_autofree char *name_arg = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonArray) found = NULL;
  const char *args[] = { "create", "cluster", NULL, "profile_type=cluster_organisation",
                         "country=SI", "ecosystems=Digital", NULL };

  cluster->name = g_strdup_printf ("Crash cluster %02u-%u", fixture->round, k);
  cluster->created = TRUE;
  name_arg = g_strdup_printf ("name=%s", cluster->name);
  args[2] = name_arg;
  g_ptr_array_add (fixture->clusters, cluster);

  if (!kill)
    {
      cluster->id = eccp_ok (fixture, args);
      g_assert_true (g_uuid_string_is_valid (cluster->id));
      return;
    }

  fixture->edits_killed += eccp_kill_after (fixture, args, edit_kill_delay_us (), &out);
  /* Written or not, never half: the store tells. */
  found = eccp_list (fixture, "cluster", "name", cluster->name);
  g_assert_cmpuint (json_array_get_length (found), <=, 1);
  if (json_array_get_length (found) == 1)
    cluster->id = g_strdup (eccp_json_get_string (json_array_get_object_element (found, 0), "id"));
}

static void
edit_description (Fixture  *fixture,
                  guint     k,
                  gboolean  kill)
{
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  Cluster *cluster;
  g_autofree char *text = NULL;
  g_autofree char *text_arg = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) local = NULL;
  const char *now;
  const char *args[] = { "set", "cluster", NULL, NULL, NULL };

  for (guint i = 0; i < fixture->clusters->len; i++)
    {
      Cluster *c = g_ptr_array_index (fixture->clusters, i);

      if (c->id != NULL)
        g_ptr_array_add (known, c);
    }
  /* Often the one edited last (its change may be on its way, or sent
   * and not answered), else a demo cluster, or one the test made. */
  if (fixture->last_edited != NULL && g_test_rand_int_range (0, 2) == 0)
    cluster = fixture->last_edited;
  else if (g_test_rand_int_range (0, 3) == 0)
    cluster = g_ptr_array_index (known, g_test_rand_int_range (0, known->len));
  else
    cluster = g_ptr_array_index (known, g_test_rand_int_range (0, N_TARGETS));
  fixture->last_edited = cluster;

  text = g_strdup_printf ("Edited in round %u, change %u (%08x).", fixture->round, k,
                          (guint) g_test_rand_int ());
  text_arg = g_strdup_printf ("description=%s", text);
  args[2] = cluster->id;
  args[3] = text_arg;

  if (!kill)
    {
      g_autofree char *printed = eccp_ok (fixture, args);

      g_assert_cmpstr (printed, ==, "");
      g_free (cluster->description);
      cluster->description = g_steal_pointer (&text);
      return;
    }

  fixture->edits_killed += eccp_kill_after (fixture, args, edit_kill_delay_us (), &out);
  local = eccp_show (fixture, "cluster", cluster->id);
  now = eccp_json_get_string (local, "description");
  if (g_strcmp0 (now, text) != 0 && g_strcmp0 (now, cluster->description) != 0)
    g_error ("round %u: cluster %s: description “%s”, neither the old “%s” nor the new “%s”",
             fixture->round, cluster->id, now, cluster->description, text);
  g_free (cluster->description);
  cluster->description = g_strdup (now);
}

static void
check_in (Fixture  *fixture,
          guint     k,
          gboolean  kill)
{
  Checkin *checkin = g_new0 (Checkin, 1);
  g_autofree char *out = NULL;
  g_autoptr(JsonArray) found = NULL;
  const char *attendee = g_ptr_array_index (fixture->attendees,
                                            g_test_rand_int_range (0, fixture->attendees->len));
  /* --again: each round adds a check-in to find after the crash, even of
   * someone checked in already. */
  const char *args[] = { "checkin", DEMO_EVENT, attendee, "--device", NULL, "--again", NULL };

  checkin->device = g_strdup_printf ("crash-%02u-%u", fixture->round, k);
  args[4] = checkin->device;
  g_ptr_array_add (fixture->checkins, checkin);

  if (!kill)
    {
      checkin->id = eccp_ok (fixture, args);
      g_assert_true (g_uuid_string_is_valid (checkin->id));
      return;
    }

  fixture->edits_killed += eccp_kill_after (fixture, args, edit_kill_delay_us (), &out);
  found = eccp_list (fixture, "checkin", "device", checkin->device);
  g_assert_cmpuint (json_array_get_length (found), <=, 1);
  if (json_array_get_length (found) == 1)
    checkin->id = g_strdup (eccp_json_get_string (json_array_get_object_element (found, 0), "id"));
}

static void
run_round (Fixture *fixture)
{
  const char *args[] = { "sync", "--portal", fixture->url, NULL };
  guint n_changes = g_test_rand_int_range (1, 4);
  gboolean kill_edit = g_test_rand_int_range (0, 5) == 0;
  const char *fault = "none";
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *verdict = NULL;
  gint64 delay_us = -1;
  int status;

  portal_faults (fixture, "{\"reset\": true}");

  for (guint k = 0; k < n_changes; k++)
    {
      gboolean kill = kill_edit && k == n_changes - 1;

      switch (g_test_rand_int_range (0, 3))
        {
        case 0:
          create_cluster (fixture, k, kill);
          break;
        case 1:
          edit_description (fixture, k, kill);
          break;
        default:
          check_in (fixture, k, kill);
          break;
        }
    }

  switch (g_test_rand_int_range (0, 8))
    {
    case 0:
      fault = "lost answer";
      portal_faults (fixture, "{\"drop_after_commit_next\": 1}");
      break;
    case 1:
      fault = "late answer";
      portal_faults (fixture, "{\"delay_next\": 1, \"delay_ms\": 60}");
      break;
    case 2:
      fault = "503";
      portal_faults (fixture, "{\"fail_next\": 1, \"status\": 503}");
      break;
    default:
      break;
    }

  /* One sync in six runs to its end. */
  if (g_test_rand_int_range (0, 6) != 0)
    delay_us = random_delay_us (30);

  process = eccp_spawn (fixture, args);
  if (delay_us >= 0)
    {
      g_usleep (delay_us);
      g_subprocess_send_signal (process, SIGKILL);
    }
  status = eccp_finish (process, &out, &err);
  one_line (out);
  one_line (err);

  if (delay_us < 0)
    verdict = g_strdup ("left to finish");
  else
    verdict = g_strdup_printf ("%s at %.1f ms", status < 0 ? "killed" : "done before SIGKILL",
                               delay_us / 1000.0);
  g_test_message ("round %u: %u change(s)%s, fault: %s, sync %s", fixture->round, n_changes,
                  kill_edit ? " (the last one killed)" : "", fault, verdict);
  if (status < 0)
    {
      fixture->killed++;
    }
  else
    {
      fixture->finished++;
      if (status != 0)
        {
          show_changes (fixture);
          g_error ("round %u: eccp sync: exit status %d: %s; %s", fixture->round, status, out,
                   err);
        }
    }

  /* Now and then SQLite itself opens the store first; else eccp does, and
   * finds it as the killed one left it (a hot WAL). */
  if (fixture->round % 4 == 3)
    check_integrity (fixture);
  check_round (fixture);
}

/* }}} */

static void
test_kill_sync (Fixture       *fixture,
                gconstpointer  data)
{
  const char *first_sync[] = { "sync", "--portal", fixture->url, NULL };
  const char *list_clusters[] = { "list", "cluster", "--json", NULL };
  g_autoptr(JsonNode) clusters = NULL;
  g_autoptr(JsonArray) attendees = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *line = NULL;
  JsonObject *changes;
  JsonObject *records;
  gint64 clusters_before;
  gint64 checkins_before;
  gint64 created;
  gint64 checked_in;
  int sync_status = -1;

  if (fixture->portal == NULL)
    {
      g_test_skip ("ECCP_PORTAL, ECCP_CLI or data/portal-users.json missing");
      return;
    }

  /* A first sync, in full. */
  line = eccp_ok (fixture, first_sync);
  g_assert_true (g_str_has_prefix (line, "Pulled "));
  check_integrity (fixture);

  clusters_before = portal_count (fixture, "cluster", NULL, NULL);
  checkins_before = portal_count (fixture, "checkin", NULL, NULL);
  g_assert_cmpint (clusters_before, ==, atoi (DEMO_SCALE));
  g_assert_cmpint (checkins_before, >, 0);
  fixture->clusters_before = clusters_before;
  fixture->checkins_before = checkins_before;

  clusters = eccp_json (fixture, list_clusters);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (clusters)), >=, N_TARGETS);
  for (guint i = 0; i < N_TARGETS; i++)
    {
      JsonObject *record = json_array_get_object_element (json_node_get_array (clusters), i);
      JsonObject *attributes = eccp_json_get_object (record, "attributes");
      Cluster *cluster = g_new0 (Cluster, 1);

      cluster->id = g_strdup (eccp_json_get_string (record, "id"));
      cluster->name = g_strdup (eccp_json_get_string (attributes, "name"));
      cluster->description = g_strdup (eccp_json_get_string (attributes, "description"));
      g_ptr_array_add (fixture->clusters, cluster);
    }

  attendees = eccp_list (fixture, "attendee", "event", DEMO_EVENT);
  g_assert_cmpuint (json_array_get_length (attendees), >, 0);
  for (guint i = 0; i < json_array_get_length (attendees); i++)
    g_ptr_array_add (fixture->attendees,
                     g_strdup (eccp_json_get_string (json_array_get_object_element (attendees, i),
                                                     "id")));

  for (fixture->round = 0; fixture->round < N_ROUNDS; fixture->round++)
    run_round (fixture);

  g_test_message ("%u rounds: sync killed %u times, ended %u times; %u local edits killed",
                  N_ROUNDS, fixture->killed, fixture->finished, fixture->edits_killed);
  /* The test must have done what it says. */
  g_assert_cmpuint (fixture->killed, >=, N_ROUNDS / 4);
  g_assert_cmpuint (fixture->finished, >=, 1);

  /* The sync that brings everything in step. */
  portal_faults (fixture, "{\"reset\": true}");
  for (guint attempt = 0; attempt < 3 && sync_status != 0; attempt++)
    {
      g_autofree char *out = NULL;

      sync_status = eccp_run (fixture, first_sync, &out);
      g_test_message ("final sync: exit status %d: %s", sync_status, one_line (out));
    }
  if (sync_status != 0)
    show_changes (fixture);
  g_assert_cmpint (sync_status, ==, 0);

  /* (1) The store on disk. */
  check_integrity (fixture);

  /* (2) Nothing waits. */
  status = eccp_status (fixture);
  changes = eccp_json_get_object (status, "changes");
  g_assert_cmpint (eccp_json_get_int (changes, "pending", -1), ==, 0);
  g_assert_cmpint (eccp_json_get_int (changes, "conflict", -1), ==, 0);
  g_assert_cmpint (eccp_json_get_int (changes, "rejected", -1), ==, 0);
  g_assert_cmpint (eccp_json_get_int (changes, "invalid", -1), ==, 0);

  /* (3) Each record made here is on the portal once; one never written is not. */
  for (guint i = 0; i < fixture->clusters->len; i++)
    {
      Cluster *cluster = g_ptr_array_index (fixture->clusters, i);
      g_autoptr(JsonObject) remote = NULL;
      g_autoptr(JsonObject) local = NULL;
      gint64 n;

      if (cluster->created)
        {
          n = portal_count (fixture, "cluster", "name", cluster->name);
          if (cluster->id == NULL)
            {
              if (n != 0)
                g_error ("cluster “%s” is on the portal %" G_GINT64_FORMAT " times, "
                         "but it was never written here", cluster->name, n);
              continue;
            }
          if (n != 1)
            g_error ("cluster “%s” (%s) is on the portal %" G_GINT64_FORMAT " times, not once",
                     cluster->name, cluster->id, n);
          g_assert_cmpint (portal_count (fixture, "cluster", "id", cluster->id), ==, 1);
        }

      /* (4) The last text set, on both sides. */
      remote = portal_attributes (fixture, "cluster", cluster->id);
      g_assert_cmpstr (eccp_json_get_string (remote, "name"), ==, cluster->name);
      if (g_strcmp0 (eccp_json_get_string (remote, "description"), cluster->description) != 0)
        g_error ("cluster %s: the portal's description is “%s”, not the last one set, “%s”",
                 cluster->id, eccp_json_get_string (remote, "description"), cluster->description);
      local = eccp_show (fixture, "cluster", cluster->id);
      g_assert_cmpstr (eccp_json_get_string (local, "description"), ==, cluster->description);
    }

  for (guint i = 0; i < fixture->checkins->len; i++)
    {
      Checkin *checkin = g_ptr_array_index (fixture->checkins, i);
      g_autoptr(JsonObject) remote = NULL;
      gint64 n = portal_count (fixture, "checkin", "device", checkin->device);

      if (checkin->id == NULL)
        {
          if (n != 0)
            g_error ("check-in “%s” is on the portal %" G_GINT64_FORMAT " times, "
                     "but it was never written here", checkin->device, n);
          continue;
        }
      if (n != 1)
        g_error ("check-in “%s” (%s) is on the portal %" G_GINT64_FORMAT " times, not once",
                 checkin->device, checkin->id, n);
      remote = portal_attributes (fixture, "checkin", checkin->id);
      g_assert_cmpstr (eccp_json_get_string (remote, "device"), ==, checkin->device);
    }

  /* No duplicates, on the portal or here. */
  count_made (fixture, &created, &checked_in);
  g_test_message ("created %" G_GINT64_FORMAT " clusters and %" G_GINT64_FORMAT " check-ins",
                  created, checked_in);
  g_assert_cmpint (portal_count (fixture, "cluster", NULL, NULL), ==, clusters_before + created);
  g_assert_cmpint (portal_count (fixture, "checkin", NULL, NULL), ==, checkins_before + checked_in);
  records = eccp_json_get_object (status, "records");
  g_assert_cmpint (eccp_json_get_int (records, "cluster", -1), ==, clusters_before + created);
  g_assert_cmpint (eccp_json_get_int (records, "checkin", -1), ==, checkins_before + checked_in);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *seed = NULL;
  int n_args;

  /* A fixed seed unless one is given, so that a run can be repeated. */
  for (int i = 0; i < argc; i++)
    {
      g_ptr_array_add (args, argv[i]);
      if (g_str_has_prefix (argv[i], "--seed="))
        seed = argv[i] + strlen ("--seed=");
      else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        seed = argv[i + 1];
    }
  if (seed == NULL)
    {
      seed = DEFAULT_SEED;
      g_ptr_array_add (args, (char *) "--seed=" DEFAULT_SEED);
    }
  g_ptr_array_add (args, NULL);
  n_args = args->len - 1;
  argv = (char **) args->pdata;

  g_test_init (&n_args, &argv, NULL);
  g_test_message ("random seed %s: run again with --seed=%s", seed, seed);

  g_test_add ("/crash/kill-sync", Fixture, NULL, fixture_set_up, test_kill_sync,
              fixture_tear_down);

  return g_test_run ();
}
