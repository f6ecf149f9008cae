/* eccp-review-dialog.c: what staff write when they send a record back
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The portal requires a comment with "changes requested" (portal-api.md
 * §5): the dialog does not offer the response until there is one.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-review-dialog.h"

#include <glib/gi18n.h>

#include "eccp-widget-util.h"

typedef struct
{
  GtkTextBuffer         *buffer;
  EccpReviewCommentFunc  func;
  gpointer               user_data;
  GDestroyNotify         destroy;
} Comment;

static void
comment_free (gpointer data)
{
  Comment *comment = data;

  if (comment->destroy != NULL)
    comment->destroy (comment->user_data);
  g_object_unref (comment->buffer);
  g_free (comment);
}

static char *
comment_text (GtkTextBuffer *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
comment_changed_cb (GtkTextBuffer    *buffer,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = comment_text (buffer);

  adw_message_dialog_set_response_enabled (dialog, "request", *text != '\0');
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Comment          *comment)
{
  g_autofree char *text = comment_text (comment->buffer);

  if (g_strcmp0 (response, "request") == 0 && *text != '\0')
    comment->func (text, comment->user_data);
}

GtkWidget *
eccp_review_comment_dialog_present (GtkWindow             *parent,
                                    const char            *title,
                                    EccpReviewCommentFunc  func,
                                    gpointer               user_data,
                                    GDestroyNotify         destroy)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Request Changes"), NULL);
  GtkWidget *text_view = gtk_text_view_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();
  Comment *comment;

  g_return_val_if_fail (func != NULL, NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Say what “%s” needs before it can be published. Its managers read this with the record."),
                                  title);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 6);
  eccp_widget_set_accessible_label (text_view, _("Comment"));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), text_view);
  gtk_widget_add_css_class (scroll, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroll);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "request", _("_Request Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "request", ADW_RESPONSE_SUGGESTED);
  /* Return writes a new line of the comment: nothing is sent by default */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "request", FALSE);
  eccp_widget_name_mnemonic_buttons (dialog);

  comment = g_new0 (Comment, 1);
  comment->buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)));
  comment->func = func;
  comment->user_data = user_data;
  comment->destroy = destroy;
  g_signal_connect_object (comment->buffer, "changed", G_CALLBACK (comment_changed_cb), dialog, 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), comment,
                         (GClosureNotify) (void (*) (void)) comment_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (text_view);

  return dialog;
}
