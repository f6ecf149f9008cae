/* eccp-test-sync.h: the integration tests' fixture: the real eccp-portal
 * on 127.0.0.1, client stores beside it, and sync runs waited for
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-portal-client.h"
#include "eccp-store.h"
#include "eccp-sync-engine.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;      /* removed with everything below it */
  GSubprocess *portal;   /* NULL when $ECCP_PORTAL is not set */
  char        *url;
  guint        n_stores;
} EccpTestSync;

/* Starts $ECCP_PORTAL (when set) on a database in a new folder, with the
 * users file @users_json, and --test-hooks when @test_hooks. */
void                eccp_test_sync_set_up        (EccpTestSync    *fixture,
                                                  const char      *users_json,
                                                  gboolean         test_hooks);
void                eccp_test_sync_tear_down     (EccpTestSync    *fixture,
                                                  gconstpointer    data);
/* %TRUE when there is a portal to test against; otherwise the test is
 * skipped, saying why. */
gboolean            eccp_test_sync_have_portal   (void);

/* A client of the fixture's portal with @token */
EccpPortalClient   *eccp_test_sync_client        (EccpTestSync    *fixture,
                                                  const char      *token);
/* One request straight to the portal, as @token's user would make it
 * (eccp_test_portal_call). */
EccpPortalResponse *eccp_test_sync_call          (EccpTestSync    *fixture,
                                                  const char      *token,
                                                  const char      *method,
                                                  const char      *path,
                                                  const char      *body_json,
                                                  gint64           if_match);

/* A new client store in the folder; its file in *@path unless %NULL. */
EccpStore          *eccp_test_sync_new_store     (EccpTestSync    *fixture,
                                                  char           **path);
/* The real engine for @store with @token, its back-off from 20 ms so that
 * tests of failures stay fast. */
EccpSyncEngine     *eccp_test_sync_new_engine    (EccpTestSync    *fixture,
                                                  EccpStore       *store,
                                                  const char      *token);
/* What a run gave: eccp_test_sync_done_cb(), the callback of
 * eccp_sync_engine_sync_async(), fills it and quits @loop. */
typedef struct
{
  GMainLoop      *loop;
  EccpSyncReport *report;
  GError         *error;
  gboolean        result;
} EccpTestSyncWait;

void                eccp_test_sync_done_cb       (GObject         *object,
                                                  GAsyncResult    *result,
                                                  gpointer         wait);
/* One run in a nested main loop: its report, and its error in @error. */
EccpSyncReport     *eccp_test_sync_run           (EccpSyncEngine  *engine,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
/* A run that must end in step, with nothing left to send or decide. */
EccpSyncReport     *eccp_test_sync_run_in_step   (EccpSyncEngine  *engine);
/* A new store synced with @token: the store, and its engine in *@engine. */
EccpStore          *eccp_test_sync_new_client    (EccpTestSync    *fixture,
                                                  const char      *token,
                                                  EccpSyncEngine **engine,
                                                  char           **path);

G_END_DECLS
