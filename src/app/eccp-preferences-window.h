/* eccp-preferences-window.h: portal, account, sync interval, work offline
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-session.h"

G_BEGIN_DECLS

#define ECCP_TYPE_PREFERENCES_WINDOW (eccp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (EccpPreferencesWindow, eccp_preferences_window, ECCP, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Follows @session (its "session" property): its store, controller and
 * profile, and its settings. */
GtkWidget *eccp_preferences_window_new (EccpSession *session);

G_END_DECLS
