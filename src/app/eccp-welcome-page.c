/* eccp-welcome-page.c: the first run: connect to a portal, or explore demo data
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-welcome-page.h"

struct _EccpWelcomePage
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (EccpWelcomePage, eccp_welcome_page, GTK_TYPE_WIDGET)

static void
eccp_welcome_page_class_init (EccpWelcomePageClass *klass)
{
  g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  g_signal_new ("explore-demo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
eccp_welcome_page_init (EccpWelcomePage *self)
{
}
