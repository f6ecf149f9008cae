/* eccp-window.h: the main window
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-session.h"

G_BEGIN_DECLS

#define ECCP_TYPE_WINDOW (eccp_window_get_type ())

G_DECLARE_FINAL_TYPE (EccpWindow, eccp_window, ECCP, WINDOW, AdwApplicationWindow)

EccpWindow  *eccp_window_new         (GtkApplication *application,
                                      EccpSession    *session);
/* The window shows the session's store (or the welcome, or the demo data
 * being made) and follows it: "session" is a property. */
EccpSession *eccp_window_get_session (EccpWindow     *self);
void         eccp_window_set_session (EccpWindow     *self,
                                      EccpSession    *session);
/* "cluster", "partnership", "event", "call" or "changes" */
void         eccp_window_show_view   (EccpWindow     *self,
                                      const char     *name);
GtkWidget   *eccp_window_get_page    (EccpWindow     *self,
                                      const char     *name);

G_END_DECLS
