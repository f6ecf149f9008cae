/* ui-widget-util.c: finding widgets, for the tests that build real windows
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-widget-util.h"

GtkWidget *
ui_test_find_descendant (GtkWidget         *widget,
                         UiWidgetPredicate  predicate,
                         gpointer           user_data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (predicate (child, user_data))
        return child;

      found = ui_test_find_descendant (child, predicate, user_data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
ui_test_is_row_titled (GtkWidget *widget,
                       gpointer   title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

gboolean
ui_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

GtkWidget *
ui_test_template_child (gpointer    widget,
                        GType       type,
                        const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("%s has no template child “%s”", g_type_name (type), name);

  return GTK_WIDGET (child);
}

GtkWindow *
ui_test_window_new (GtkWidget *child,
                    int        width,
                    int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  /* No time limit of its own: the test's (meson's) is the limit */
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  return window;
}

void
ui_test_window_destroy (GtkWindow *window)
{
  if (window != NULL)
    gtk_window_destroy (window);

  /* Let the window's last sources run before what it showed goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GtkWidget *
ui_test_row_titled (GtkWidget  *widget,
                    const char *title)
{
  GtkWidget *row = ui_test_find_descendant (widget, ui_test_is_row_titled, (gpointer) title);

  if (row == NULL)
    g_error ("%s shows no row titled “%s”", G_OBJECT_TYPE_NAME (widget), title);

  return row;
}
