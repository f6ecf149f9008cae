/* ui-widget-util.c: finding widgets, for the tests that build real windows
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-widget-util.h"

#ifdef UI_TEST_HAVE_X11
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <X11/keysym.h>
#endif

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

#ifdef UI_TEST_HAVE_X11
/* XTestFakeKeyEvent(), from libXtst (whose headers the tests do without) */
typedef int (*FakeKeyEvent) (Display      *display,
                             unsigned int  keycode,
                             Bool          is_press,
                             unsigned long delay);

static FakeKeyEvent
get_fake_key_event (void)
{
  static gsize once;
  static FakeKeyEvent fake;

  if (g_once_init_enter (&once))
    {
      void *library = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);

      fake = library != NULL ? (FakeKeyEvent) dlsym (library, "XTestFakeKeyEvent") : NULL;
      g_once_init_leave (&once, 1);
    }

  return fake;
}
#endif

gboolean
ui_test_press_keys (GtkWidget       *widget,
                    guint            keyval,
                    GdkModifierType  modifiers)
{
#ifdef UI_TEST_HAVE_X11
  static const struct { GdkModifierType mask; KeySym key; } keys[] = {
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_SHIFT_MASK, XK_Shift_L },
    { GDK_ALT_MASK, XK_Alt_L },
  };
  GtkNative *native = gtk_widget_get_native (widget);
  GdkDisplay *display = gtk_widget_get_display (widget);
  FakeKeyEvent fake = get_fake_key_event ();
  Display *xdisplay;

  if (fake == NULL || native == NULL || !GDK_IS_X11_DISPLAY (display))
    return FALSE;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                  RevertToParent, CurrentTime);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (modifiers & keys[i].mask)
      fake (xdisplay, XKeysymToKeycode (xdisplay, keys[i].key), True, CurrentTime);
  /* GDK's keyvals are X's keysyms */
  fake (xdisplay, XKeysymToKeycode (xdisplay, keyval), True, CurrentTime);
  fake (xdisplay, XKeysymToKeycode (xdisplay, keyval), False, CurrentTime);
  for (guint i = G_N_ELEMENTS (keys); i > 0; i--)
    if (modifiers & keys[i - 1].mask)
      fake (xdisplay, XKeysymToKeycode (xdisplay, keys[i - 1].key), False, CurrentTime);

  /* Every event the keys made is in the queue after the round trip;
   * GDK's source then takes them all. */
  XSync (xdisplay, False);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return TRUE;
#else
  return FALSE;
#endif
}

gboolean
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GtkCssProvider) css = NULL;

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      /* TAP's way to skip a whole program. */
      g_print ("1..0 # SKIP No display: run this under tests/ui/run-under-x\n");
      return FALSE;
    }
  adw_init ();

  /* No blinking cursor: GTK 4.8's blink timeout warns ("GtkText - did not
   * receive a focus-out event"), fatally here, when it fires in a window
   * Xvfb no longer counts as active, which no assertion is about */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  /* The app's own styles (AdwApplication loads them in the app) */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/eu/clustercollaboration/Desk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  return TRUE;
}
