/* eccp-window.h: the main window
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-application.h"

G_BEGIN_DECLS

#define ECCP_TYPE_WINDOW (eccp_window_get_type ())

G_DECLARE_FINAL_TYPE (EccpWindow, eccp_window, ECCP, WINDOW, AdwApplicationWindow)

EccpWindow *eccp_window_new            (EccpApplication *application);
/* Shows the store's records (or the welcome, @store %NULL). */
void        eccp_window_set_session    (EccpWindow         *self,
                                        EccpStore          *store,
                                        EccpSyncController *controller);
/* While the demo data is being made: @fraction 0..1. */
void        eccp_window_show_progress  (EccpWindow         *self,
                                        double              fraction,
                                        const char         *text);
void        eccp_window_add_toast      (EccpWindow         *self,
                                        AdwToast           *toast);
/* "cluster", "partnership", "event", "call" or "changes" */
void        eccp_window_show_view      (EccpWindow         *self,
                                        const char         *name);

G_END_DECLS
