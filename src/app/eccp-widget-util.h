/* eccp-widget-util.h: small things every widget of the app does alike
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For a GtkWidget subclass whose template has a child: in GTK 4.8,
 * gtk_widget_dispose_template() clears only the bound children, so the
 * template's top child is unparented here, in dispose. */
static inline void
eccp_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

G_END_DECLS
