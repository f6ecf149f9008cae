/* eccp-preferences-window.c: portal, account, sync interval, work offline
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-preferences-window.h"

struct _EccpPreferencesWindow
{
  AdwPreferencesWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (EccpPreferencesWindow, eccp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
eccp_preferences_window_class_init (EccpPreferencesWindowClass *klass)
{
}

static void
eccp_preferences_window_init (EccpPreferencesWindow *self)
{
}

GtkWidget *
eccp_preferences_window_new (EccpApplication *application)
{
  return g_object_new (ECCP_TYPE_PREFERENCES_WINDOW, NULL);
}
