/* eccp-changes-page.c: what waits to be sent, what conflicts, what was refused
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-changes-page.h"

struct _EccpChangesPage
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (EccpChangesPage, eccp_changes_page, GTK_TYPE_WIDGET)

static void
eccp_changes_page_class_init (EccpChangesPageClass *klass)
{
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
eccp_changes_page_init (EccpChangesPage *self)
{
}

void
eccp_changes_page_set_store (EccpChangesPage *self,
                             EccpStore       *store)
{
}
