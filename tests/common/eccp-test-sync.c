/* eccp-test-sync.c: the integration tests' fixture
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-sync.h"

#include "eccp-test-util.h"

static const char *
portal_program (void)
{
  return g_getenv ("ECCP_PORTAL");
}

void
eccp_test_sync_set_up (EccpTestSync *fixture,
                       const char   *users_json,
                       gboolean      test_hooks)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *users = NULL;
  g_autofree char *db = NULL;

  if (portal_program () == NULL)
    return;

  fixture->dir = g_dir_make_tmp ("eccp-test-sync-XXXXXX", &error);
  g_assert_no_error (error);
  users = g_build_filename (fixture->dir, "users.json", NULL);
  db = g_build_filename (fixture->dir, "portal.db", NULL);
  g_file_set_contents (users, users_json, -1, &error);
  g_assert_no_error (error);

  fixture->portal = eccp_test_portal_start (db, users, test_hooks, NULL, &fixture->url);
}

void
eccp_test_sync_tear_down (EccpTestSync  *fixture,
                          gconstpointer  data)
{
  if (fixture->portal != NULL)
    eccp_test_portal_stop (fixture->portal);
  g_clear_object (&fixture->portal);
  if (fixture->dir != NULL)
    eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->url, g_free);
}

gboolean
eccp_test_sync_have_portal (void)
{
  if (portal_program () != NULL)
    return TRUE;

  g_test_skip ("ECCP_PORTAL is not set: no eccp-portal to test against");
  return FALSE;
}

EccpPortalClient *
eccp_test_sync_client (EccpTestSync *fixture,
                       const char   *token)
{
  g_autoptr(GError) error = NULL;
  EccpPortalClient *client = eccp_portal_client_new (fixture->url, token, &error);

  g_assert_no_error (error);

  return client;
}

EccpPortalResponse *
eccp_test_sync_call (EccpTestSync *fixture,
                     const char   *token,
                     const char   *method,
                     const char   *path,
                     const char   *body_json,
                     gint64        if_match)
{
  g_autoptr(EccpPortalClient) client = eccp_test_sync_client (fixture, token);

  return eccp_test_portal_call (client, method, path, body_json, if_match);
}

EccpStore *
eccp_test_sync_new_store (EccpTestSync  *fixture,
                          char         **path_out)
{
  g_autofree char *name = g_strdup_printf ("client-%u.db", ++fixture->n_stores);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  EccpStore *store = eccp_store_new (path, &error);

  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);

  return store;
}

EccpSyncEngine *
eccp_test_sync_new_engine (EccpTestSync *fixture,
                           EccpStore    *store,
                           const char   *token)
{
  g_autoptr(EccpPortalClient) client = eccp_test_sync_client (fixture, token);
  EccpSyncEngine *engine = eccp_sync_engine_new (store, client);

  g_object_set (engine, "retry-base-ms", 20, NULL);

  return engine;
}

void
eccp_test_sync_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  EccpTestSyncWait *wait = user_data;

  wait->result = eccp_sync_engine_sync_finish (ECCP_SYNC_ENGINE (object), result, &wait->report,
                                               &wait->error);
  g_main_loop_quit (wait->loop);
}

EccpSyncReport *
eccp_test_sync_run (EccpSyncEngine  *engine,
                    GCancellable    *cancellable,
                    GError         **error)
{
  EccpTestSyncWait wait = { g_main_loop_new (NULL, FALSE), };

  eccp_sync_engine_sync_async (engine, cancellable, eccp_test_sync_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  g_assert_nonnull (wait.report);
  g_assert_true (wait.result == (wait.error == NULL));
  g_assert_true (wait.result == (wait.report->outcome == ECCP_SYNC_OUTCOME_IN_STEP));
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.report;
}

EccpSyncReport *
eccp_test_sync_run_in_step (EccpSyncEngine *engine)
{
  g_autoptr(GError) error = NULL;
  EccpSyncReport *report = eccp_test_sync_run (engine, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_IN_STEP);
  g_assert_cmpint (report->pending, ==, 0);
  g_assert_cmpint (report->waiting_for_user, ==, 0);

  return report;
}

EccpStore *
eccp_test_sync_new_client (EccpTestSync    *fixture,
                           const char      *token,
                           EccpSyncEngine **engine,
                           char           **path)
{
  EccpStore *store = eccp_test_sync_new_store (fixture, path);
  g_autoptr(EccpSyncReport) report = NULL;

  *engine = eccp_test_sync_new_engine (fixture, store, token);
  report = eccp_test_sync_run_in_step (*engine);

  return store;
}
