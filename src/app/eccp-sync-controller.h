/* eccp-sync-controller.h: when to sync, and where things stand, in words
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-store.h"
#include "eccp-sync-engine.h"

G_BEGIN_DECLS

typedef enum
{
  ECCP_SYNC_STATUS_NOT_CONNECTED, /* demo data, or no portal / no token yet */
  ECCP_SYNC_STATUS_OFFLINE,       /* "Work offline", or the portal cannot be reached */
  ECCP_SYNC_STATUS_SYNCING,
  ECCP_SYNC_STATUS_UP_TO_DATE,
  ECCP_SYNC_STATUS_WAITING,       /* changes wait to be sent */
  ECCP_SYNC_STATUS_NEEDS_USER,    /* conflicts or refused changes */
  ECCP_SYNC_STATUS_SIGN_IN,       /* the portal refused the token */
  ECCP_SYNC_STATUS_FAILED,
} EccpSyncStatus;

#define ECCP_TYPE_SYNC_CONTROLLER (eccp_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (EccpSyncController, eccp_sync_controller, ECCP, SYNC_CONTROLLER, GObject)

/* @settings: the application's GSettings (work-offline, sync-interval). */
EccpSyncController *eccp_sync_controller_new            (EccpStore          *store,
                                                         GSettings          *settings);
EccpStore          *eccp_sync_controller_get_store      (EccpSyncController *self);
/* Connects to @portal_url with @token (either %NULL: not connected, as for
 * the demo data).  Syncs at once unless working offline. */
void                eccp_sync_controller_set_portal     (EccpSyncController *self,
                                                         const char         *portal_url,
                                                         const char         *token);
void                eccp_sync_controller_set_demo       (EccpSyncController *self,
                                                         gboolean            demo);
const char         *eccp_sync_controller_get_portal_url (EccpSyncController *self);
gboolean            eccp_sync_controller_get_connected  (EccpSyncController *self);
/* Starts a run now, unless one is going on or the user works offline.
 * Returns whether a run started. */
gboolean            eccp_sync_controller_sync           (EccpSyncController *self);
void                eccp_sync_controller_cancel         (EccpSyncController *self);
gboolean            eccp_sync_controller_get_syncing    (EccpSyncController *self);
EccpSyncStatus      eccp_sync_controller_get_status     (EccpSyncController *self);
/* "Offline — 3 changes waiting", "Syncing 1,240 of 5,300…", "Up to date · 2 min ago" */
const char         *eccp_sync_controller_get_status_text(EccpSyncController *self);
/* 0 to 1 while syncing when the size of the feed is known, else -1. */
double              eccp_sync_controller_get_fraction   (EccpSyncController *self);
gint64              eccp_sync_controller_get_n_waiting  (EccpSyncController *self);
gint64              eccp_sync_controller_get_n_needs_user (EccpSyncController *self);

G_END_DECLS
