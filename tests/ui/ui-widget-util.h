/* ui-widget-util.h: finding widgets, for the tests that build real windows
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*UiWidgetPredicate) (GtkWidget *widget,
                                       gpointer   user_data);

/* The first descendant of @widget (depth first) for which @predicate
 * holds, or %NULL. */
GtkWidget *ui_test_find_descendant (GtkWidget         *widget,
                                    UiWidgetPredicate  predicate,
                                    gpointer           user_data);

/* Predicates: an AdwPreferencesRow titled @title (a const char *). */
gboolean   ui_test_is_row_titled   (GtkWidget         *widget,
                                    gpointer           title);

/* The child @name of @widget's template of @type; fails the test when
 * there is none. */
GtkWidget *ui_test_template_child  (gpointer           widget,
                                    GType              type,
                                    const char        *name);

/* A real window of @width × @height showing @child, presented, once it
 * is mapped. */
GtkWindow *ui_test_window_new      (GtkWidget         *child,
                                    int                width,
                                    int                height);
/* Destroys @window (%NULL: none) and lets its last sources run. */
void       ui_test_window_destroy  (GtkWindow         *window);

/* The AdwPreferencesRow titled @title below @widget; fails the test when
 * there is none. */
GtkWidget *ui_test_row_titled      (GtkWidget         *widget,
                                    const char        *title);

/* @keyval with @modifiers pressed and released on the keyboard of the X
 * server (its XTEST extension), for the window of @widget, which has
 * the keyboard focus first: GTK gets them as it gets a person's, through
 * the window.  Returns once GTK has handled them; %FALSE (and nothing
 * pressed) when that cannot be done: not X11, or no libXtst. */
gboolean   ui_test_press_keys      (GtkWidget         *widget,
                                    guint              keyval,
                                    GdkModifierType    modifiers);

/* For ui_test_wait_until(): @widget is mapped. */
gboolean   ui_test_is_mapped       (gpointer           widget);

/* g_test_init, GTK, libadwaita and the app's style sheet, as the app
 * has them.  %FALSE without a display, after printing TAP's skip of the
 * whole program: main() then returns 0. */
gboolean   ui_test_init            (int               *argc,
                                    char            ***argv);

G_END_DECLS
