/* eccp-sync-indicator.h: the header bar's word on sync
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-sync-controller.h"

G_BEGIN_DECLS

#define ECCP_TYPE_SYNC_INDICATOR (eccp_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (EccpSyncIndicator, eccp_sync_indicator, ECCP, SYNC_INDICATOR, GtkWidget)

/* "controller" is a property: the indicator follows whichever it is given. */
EccpSyncController *eccp_sync_indicator_get_controller (EccpSyncIndicator  *self);
void                eccp_sync_indicator_set_controller (EccpSyncIndicator  *self,
                                                        EccpSyncController *controller);

void                eccp_sync_indicator_set_compact    (EccpSyncIndicator  *self,
                                                        gboolean            compact);

G_END_DECLS
