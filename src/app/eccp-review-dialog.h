/* eccp-review-dialog.h: what staff write when they send a record back
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called with the comment (stripped, never blank) when staff choose
 * "Request Changes" */
typedef void (*EccpReviewCommentFunc) (const char *comment,
                                       gpointer    user_data);

/* An AdwMessageDialog "Request Changes" about the record titled @title,
 * with a text view named "Comment"; its "Request Changes" response is
 * insensitive while the comment is blank.  @destroy frees @user_data
 * with the dialog.  Returns: (transfer none): the dialog, presented */
GtkWidget *eccp_review_comment_dialog_present (GtkWindow             *parent,
                                               const char            *title,
                                               EccpReviewCommentFunc  func,
                                               gpointer               user_data,
                                               GDestroyNotify         destroy);

G_END_DECLS
