/* test-sync-controller.c: when the app syncs, and what it says, for real
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EccpSyncController over a real store file, against the real eccp-portal
 * on 127.0.0.1 (its demo set, small), with GSettings in memory.  The words
 * checked are the ones the header bar shows.  No display needed.
 */

#include "config.h"

#include "eccp-test-util.h"
#include "ui-test-util.h"

#include "eccp-json.h"
#include "eccp-portal-client.h"
#include "eccp-session.h"
#include "eccp-sync-controller.h"

#define STAFF_TOKEN "staff-demo-token"
#define MANAGER_TOKEN "manager-demo-token"
/* data/portal-users.json */
#define MANAGER_NAME "Željko Erkapić"
#define MANAGER_CLUSTER "e5839630-ffca-5c0a-b8a6-552ccfde4005"
#define PORTAL_CLUSTERS 40

typedef struct
{
  char               *dir;
  GSubprocess        *portal;
  char               *url;
  GSettings          *settings;
  EccpStore          *store;
  EccpSyncController *controller;
  /* Every status text the controller showed, in order. */
  GPtrArray          *texts;
  /* What its "finished" signal said last. */
  guint               n_finished;
  EccpSyncOutcome     last_outcome;
  gboolean            last_had_error;
} Fixture;

static void
status_text_cb (Fixture *fixture)
{
  const char *text = eccp_sync_controller_get_status_text (fixture->controller);

  g_test_message ("status: %s", text);
  g_ptr_array_add (fixture->texts, g_strdup (text));
}

static void
finished_cb (EccpSyncController *controller,
             EccpSyncReport     *report,
             const GError       *error,
             Fixture            *fixture)
{
  fixture->n_finished++;
  fixture->last_outcome = report != NULL ? report->outcome : ECCP_SYNC_OUTCOME_FAILED;
  fixture->last_had_error = error != NULL;
}

static void
make_controller (Fixture *fixture)
{
  fixture->controller = eccp_sync_controller_new (fixture->store, fixture->settings);
  g_signal_connect_swapped (fixture->controller, "notify::status-text",
                            G_CALLBACK (status_text_cb), fixture);
  g_signal_connect (fixture->controller, "finished", G_CALLBACK (finished_cb), fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *portal_db = NULL;
  g_autofree char *scale = g_strdup_printf ("--demo-scale=%d", PORTAL_CLUSTERS);
  const char * const args[] = { "--demo", scale, NULL };
  gboolean with_portal = GPOINTER_TO_INT (data);

  fixture->texts = g_ptr_array_new_with_free_func (g_free);
  fixture->settings = ui_test_settings_new ();
  if (fixture->settings == NULL)
    return;

  fixture->dir = g_dir_make_tmp ("eccp-test-sync-controller-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);

  if (with_portal && g_getenv ("ECCP_PORTAL") != NULL && g_getenv ("ECCP_PORTAL_USERS") != NULL)
    {
      portal_db = g_build_filename (fixture->dir, "portal.db", NULL);
      fixture->portal = eccp_test_portal_start (portal_db, g_getenv ("ECCP_PORTAL_USERS"), FALSE,
                                                args, &fixture->url);
    }

  make_controller (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->controller != NULL)
    {
      eccp_sync_controller_cancel (fixture->controller);
      g_signal_handlers_disconnect_by_data (fixture->controller, fixture);
    }
  g_clear_object (&fixture->controller);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  if (fixture->portal != NULL)
    g_assert_true (eccp_test_portal_stop (fixture->portal));
  g_clear_object (&fixture->portal);
  if (fixture->dir != NULL)
    eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->texts, g_ptr_array_unref);
}

static gboolean
ready (Fixture  *fixture,
       gboolean  needs_portal)
{
  if (fixture->settings == NULL)
    {
      g_test_skip ("The GSettings schema " APPLICATION_ID " is not installed: "
                   "set GSETTINGS_SCHEMA_DIR to <build>/data");
      return FALSE;
    }

  if (needs_portal && fixture->portal == NULL)
    {
      g_test_skip ("ECCP_PORTAL or ECCP_PORTAL_USERS is not set: no eccp-portal to test against");
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_status (gpointer user_data)
{
  Fixture *fixture = user_data;
  EccpSyncStatus wanted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fixture->controller), "wanted"));

  return eccp_sync_controller_get_status (fixture->controller) == wanted;
}

static void
wait_for_status (Fixture        *fixture,
                 EccpSyncStatus  status,
                 const char     *what)
{
  g_object_set_data (G_OBJECT (fixture->controller), "wanted", GINT_TO_POINTER (status));
  ui_test_wait_until (has_status, fixture, 30000, what);
}

static gboolean
not_syncing (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !eccp_sync_controller_get_syncing (fixture->controller)
         && eccp_sync_controller_get_status (fixture->controller) != ECCP_SYNC_STATUS_SYNCING;
}

static gboolean
n_waiting_is_one (gpointer user_data)
{
  Fixture *fixture = user_data;

  return eccp_sync_controller_get_n_waiting (fixture->controller) == 1
         && g_strcmp0 (eccp_sync_controller_get_status_text (fixture->controller),
                       "Offline — 1 change waiting") == 0;
}

static gboolean
texts_contain (Fixture    *fixture,
               const char *text)
{
  for (guint i = 0; i < fixture->texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (fixture->texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

static char *
portal_description (Fixture    *fixture,
                    const char *id)
{
  g_autoptr(EccpPortalClient) client = NULL;
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/cluster/%s", id);
  JsonObject *document;
  JsonObject *attributes;

  client = eccp_portal_client_new (fixture->url, STAFF_TOKEN, &error);
  g_assert_no_error (error);
  response = eccp_portal_client_request (client, "GET", path, NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);

  document = eccp_portal_response_get_object (response);
  g_assert_nonnull (document);
  attributes = json_object_get_object_member (json_object_get_object_member (document, "data"),
                                              "attributes");

  return g_strdup (json_object_get_string_member_with_default (attributes, "description", NULL));
}

/* Connected: it syncs at once, says so, and then that all is in step. */
static void
test_connect_syncs_at_once (Fixture       *fixture,
                            gconstpointer  data)
{
  if (!ready (fixture, TRUE))
    return;

  g_assert_cmpint (eccp_sync_controller_get_status (fixture->controller), ==, ECCP_SYNC_STATUS_NOT_CONNECTED);
  g_assert_false (eccp_sync_controller_get_connected (fixture->controller));

  eccp_sync_controller_set_portal (fixture->controller, fixture->url, STAFF_TOKEN);

  g_assert_true (eccp_sync_controller_get_connected (fixture->controller));
  g_assert_cmpstr (eccp_sync_controller_get_portal_url (fixture->controller), ==, fixture->url);
  /* At once: no waiting for the interval. */
  g_assert_true (eccp_sync_controller_get_syncing (fixture->controller));
  g_assert_cmpint (eccp_sync_controller_get_status (fixture->controller), ==, ECCP_SYNC_STATUS_SYNCING);
  g_assert_true (g_str_has_prefix (eccp_sync_controller_get_status_text (fixture->controller), "Syncing"));

  wait_for_status (fixture, ECCP_SYNC_STATUS_UP_TO_DATE, "the first sync to end up to date");

  g_assert_cmpstr (eccp_sync_controller_get_status_text (fixture->controller), ==, "Up to date · just now");
  g_assert_false (eccp_sync_controller_get_syncing (fixture->controller));
  /* What the header bar said, in order: syncing first, then up to date. */
  {
    guint syncing = G_MAXUINT;
    guint up_to_date = G_MAXUINT;

    for (guint i = 0; i < fixture->texts->len; i++)
      {
        const char *text = g_ptr_array_index (fixture->texts, i);

        if (syncing == G_MAXUINT && g_str_has_prefix (text, "Syncing"))
          syncing = i;
        if (g_strcmp0 (text, "Up to date · just now") == 0)
          up_to_date = i;
      }
    g_assert_cmpuint (syncing, !=, G_MAXUINT);
    g_assert_cmpuint (up_to_date, !=, G_MAXUINT);
    g_assert_cmpuint (syncing, <, up_to_date);
    g_assert_cmpuint (up_to_date, ==, fixture->texts->len - 1);
  }
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->last_outcome, ==, ECCP_SYNC_OUTCOME_IN_STEP);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, PORTAL_CLUSTERS);
  g_assert_cmpint (eccp_sync_controller_get_n_waiting (fixture->controller), ==, 0);
  g_assert_cmpint (eccp_sync_controller_get_n_needs_user (fixture->controller), ==, 0);
}

/* Working offline: an edit waits, and says so; back online it goes to the
 * portal, which then has it. */
static void
test_offline_edit_then_online (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(JsonObject) attributes = ui_test_object (
    "{\"description\": \"Edited offline by the controller test: Žilina, Łódź, Kraków.\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_portal = NULL;
  guint finished_before;

  if (!ready (fixture, TRUE))
    return;

  eccp_sync_controller_set_portal (fixture->controller, fixture->url, STAFF_TOKEN);
  wait_for_status (fixture, ECCP_SYNC_STATUS_UP_TO_DATE, "the first sync");

  g_settings_set_boolean (fixture->settings, "work-offline", TRUE);
  g_assert_cmpint (eccp_sync_controller_get_status (fixture->controller), ==, ECCP_SYNC_STATUS_OFFLINE);
  g_assert_cmpstr (eccp_sync_controller_get_status_text (fixture->controller), ==, "Offline");
  /* Asked to sync while offline: it does not. */
  g_assert_false (eccp_sync_controller_sync (fixture->controller));

  finished_before = fixture->n_finished;
  updated = eccp_store_update (fixture->store, "cluster", UI_TEST_ZILINA, attributes, NULL, &error);
  g_assert_no_error (error);
  ui_test_wait_until (n_waiting_is_one, fixture, 5000, "“Offline — 1 change waiting”");
  g_assert_cmpint (eccp_sync_controller_get_status (fixture->controller), ==, ECCP_SYNC_STATUS_OFFLINE);

  /* Nothing went while offline, however long one waits for the push. */
  on_portal = portal_description (fixture, UI_TEST_ZILINA);
  g_assert_cmpstr (on_portal, !=, eccp_record_get_string (updated, "description"));
  g_clear_pointer (&on_portal, g_free);
  g_assert_cmpuint (fixture->n_finished, ==, finished_before);

  /* Back online: it syncs by itself. */
  g_settings_set_boolean (fixture->settings, "work-offline", FALSE);
  g_assert_true (eccp_sync_controller_get_syncing (fixture->controller));
  ui_test_wait_until (not_syncing, fixture, 30000, "the sync after going online");
  wait_for_status (fixture, ECCP_SYNC_STATUS_UP_TO_DATE, "up to date after going online");
  g_assert_cmpstr (eccp_sync_controller_get_status_text (fixture->controller), ==, "Up to date · just now");
  g_assert_cmpint (eccp_sync_controller_get_n_waiting (fixture->controller), ==, 0);
  g_assert_cmpint (fixture->last_outcome, ==, ECCP_SYNC_OUTCOME_IN_STEP);

  on_portal = portal_description (fixture, UI_TEST_ZILINA);
  g_assert_cmpstr (on_portal, ==, "Edited offline by the controller test: Žilina, Łódź, Kraków.");
}

/* A portal nobody answers at: offline, with the changes kept; not a
 * failure. */
static void
test_unreachable_is_offline (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/jsonapi", ui_test_closed_port ());
  g_autoptr(JsonObject) attributes = ui_test_object (
    "{\"name\": \"Unsent Cluster\", \"profile_type\": \"cluster_project\","
    " \"country\": \"HR\", \"ecosystems\": [\"Digital\"]}");
  g_autoptr(EccpRecord) created = NULL;
  g_autoptr(GError) error = NULL;

  if (!ready (fixture, FALSE))
    return;

  created = eccp_store_create (fixture->store, "cluster", NULL, attributes, NULL, &error);
  g_assert_no_error (error);

  eccp_sync_controller_set_portal (fixture->controller, url, STAFF_TOKEN);
  g_assert_true (eccp_sync_controller_get_syncing (fixture->controller));
  ui_test_wait_until (not_syncing, fixture, 60000, "the run against a closed port to end");

  g_assert_cmpint (eccp_sync_controller_get_status (fixture->controller), ==, ECCP_SYNC_STATUS_OFFLINE);
  g_assert_true (g_str_has_prefix (eccp_sync_controller_get_status_text (fixture->controller), "Offline"));
  g_assert_cmpstr (eccp_sync_controller_get_status_text (fixture->controller), ==, "Offline — 1 change waiting");
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  /* The window shows no toast for this outcome: being offline is normal. */
  g_assert_cmpint (fixture->last_outcome, ==, ECCP_SYNC_OUTCOME_UNREACHABLE);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 1);
  g_assert_false (texts_contain (fixture, "Sync failed"));
}

static gboolean
session_has_account (gpointer user_data)
{
  return eccp_session_get_account (user_data) != NULL;
}

typedef struct
{
  EccpSession *session;
  const char  *cluster_id;
} ClusterWanted;

static gboolean
account_has_cluster (gpointer user_data)
{
  ClusterWanted *wanted = user_data;
  EccpAccount *account = eccp_session_get_account (wanted->session);

  return account != NULL && g_strv_contains (eccp_account_get_clusters (account), wanted->cluster_id);
}

/* Who is signed in is asked of the portal on connecting, and kept in the
 * store: the next start, offline, still knows (roles decide what the app
 * offers). */
static void
test_session_account (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EccpSession) session = NULL;
  g_autoptr(EccpSession) offline = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *described = NULL;
  EccpAccount *account;

  if (!ready (fixture, TRUE))
    return;

  /* The session opens $ECCP_DB: a file of its own, not the fixture's. */
  store_path = g_build_filename (fixture->dir, "session.db", NULL);
  g_setenv ("ECCP_DB", store_path, TRUE);
  g_settings_set_boolean (fixture->settings, "work-offline", TRUE);

  session = eccp_session_new (fixture->settings);
  g_assert_null (eccp_session_get_account (session));
  eccp_session_open_portal (session, fixture->url, MANAGER_TOKEN);
  ui_test_wait_until (session_has_account, session, 30000, "GET /me to answer");

  account = eccp_session_get_account (session);
  g_assert_cmpstr (eccp_account_get_name (account), ==, MANAGER_NAME);
  g_assert_true (eccp_account_has_role (account, "cluster_manager"));
  g_assert_false (eccp_account_has_role (account, "staff"));
  g_assert_true (g_strv_contains (eccp_account_get_clusters (account), MANAGER_CLUSTER));
  described = eccp_account_describe (account);
  g_assert_true (g_str_has_prefix (described, MANAGER_NAME " ("));

  /* A cluster the manager makes becomes theirs once the portal takes it:
   * the session asks GET /me again after that sync. */
  {
    g_autoptr(JsonObject) attributes = eccp_json_object_from_string (
      "{\"name\": \"Made on a Train Cluster\", \"profile_type\": \"cluster_project\", "
      "\"country\": \"RS\", \"ecosystems\": [\"Digital\"]}", NULL);
    g_autoptr(EccpRecord) made = NULL;
    g_autoptr(GError) error = NULL;
    ClusterWanted wanted;

    made = eccp_store_create (eccp_session_get_store (session), "cluster", NULL, attributes, NULL, &error);
    g_assert_no_error (error);
    g_settings_set_boolean (fixture->settings, "work-offline", FALSE);
    wanted.session = session;
    wanted.cluster_id = eccp_record_get_id (made);
    ui_test_wait_until (account_has_cluster, &wanted, 30000, "the new cluster among the manager's");
    g_settings_set_boolean (fixture->settings, "work-offline", TRUE);
  }
  eccp_session_close (session);
  g_assert_null (eccp_session_get_account (session));

  /* The portal gone: the account comes from the store, at once. */
  g_assert_true (eccp_test_portal_stop (fixture->portal));
  g_clear_object (&fixture->portal);
  offline = eccp_session_new (fixture->settings);
  eccp_session_open_portal (offline, NULL, MANAGER_TOKEN);
  g_assert_nonnull (eccp_session_get_account (offline));
  g_assert_cmpstr (eccp_account_get_name (eccp_session_get_account (offline)), ==, MANAGER_NAME);
  eccp_session_close (offline);

  g_unsetenv ("ECCP_DB");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-controller/connect-syncs-at-once", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_connect_syncs_at_once, fixture_tear_down);
  g_test_add ("/sync-controller/offline-edit-then-online", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_offline_edit_then_online, fixture_tear_down);
  g_test_add ("/session/account-kept-offline", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_session_account, fixture_tear_down);
  g_test_add ("/sync-controller/unreachable-is-offline", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_unreachable_is_offline, fixture_tear_down);

  return g_test_run ();
}
