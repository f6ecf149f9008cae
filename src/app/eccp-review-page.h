/* eccp-review-page.h: the staff's Review view: what waits for review, a diff, a decision
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-account.h"
#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_REVIEW_PAGE (eccp_review_page_get_type ())

G_DECLARE_FINAL_TYPE (EccpReviewPage, eccp_review_page, ECCP, REVIEW_PAGE, GtkWidget)

/* Properties (all with notify):
 *   "store"     EccpStore    the records, read again when it has settled
 *   "account"   EccpAccount  whose rights enable Approve and Request changes
 *                            (%NULL: nobody known, the demo: both offered)
 *   "n-waiting" guint        (read-only) records waiting, whatever the search
 *
 * Actions: review.approve (Ctrl+Return), review.request-changes
 * (Ctrl+Shift+Return), window-wide while the page is shown. */

EccpStore   *eccp_review_page_get_store           (EccpReviewPage *self);
void         eccp_review_page_set_store           (EccpReviewPage *self,
                                                   EccpStore      *store);
EccpAccount *eccp_review_page_get_account         (EccpReviewPage *self);
void         eccp_review_page_set_account         (EccpReviewPage *self,
                                                   EccpAccount    *account);
guint        eccp_review_page_get_n_waiting       (EccpReviewPage *self);
/* The records in the queue the search lets through, oldest first */
GListModel  *eccp_review_page_get_model           (EccpReviewPage *self);
/* The record the detail shows, or %NULL */
EccpRecord  *eccp_review_page_get_selected_record (EccpReviewPage *self);
void         eccp_review_page_focus_search        (EccpReviewPage *self);

G_END_DECLS
