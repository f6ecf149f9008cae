/* eccp-toast.c: the one way the app says something in a toast
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-toast"

#include "config.h"

#include "eccp-toast.h"

/**
 * eccp_toast_new:
 * @format: a translated printf() format
 *
 * A toast whose title is @format with its arguments filled in, shown as
 * plain text. In libadwaita 1.2 a toast's title is always Pango markup,
 * so the whole text is escaped here, the arguments (a record's title, a
 * portal's message) and the translation alike: a "&" or a "<" shows as
 * itself instead of blanking the toast. Callers pass plain text only.
 *
 * Returns: (transfer floating): the toast
 */
AdwToast *
eccp_toast_new (const char *format,
                ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

#if ADW_CHECK_VERSION (1, 4, 0)
  {
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_use_markup (toast, FALSE);
    return toast;
  }
#else
  {
    g_autofree char *markup = g_markup_escape_text (text, -1);

    return adw_toast_new (markup);
  }
#endif
}

/**
 * eccp_toast_show:
 * @widget: any widget inside the window (or the window itself)
 * @toast: (transfer floating): the toast
 *
 * Shows @toast in the toast overlay around @widget: the window's, or a
 * dialog's own. With none (the widget was never shown, or is gone), the
 * toast is dropped.
 */
void
eccp_toast_show (GtkWidget *widget,
                 AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL && GTK_IS_WINDOW (widget))
    {
      /* The window itself: its overlay is inside it, not around it. */
      GtkWidget *child = gtk_window_get_child (GTK_WINDOW (widget));

      if (ADW_IS_APPLICATION_WINDOW (widget))
        child = adw_application_window_get_content (ADW_APPLICATION_WINDOW (widget));
      else if (ADW_IS_WINDOW (widget))
        child = adw_window_get_content (ADW_WINDOW (widget));
      overlay = ADW_IS_TOAST_OVERLAY (child) ? child : NULL;
    }

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
