/* eccp-diff-view.h: a record's working copy against its published revision, for reviewers
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_DIFF_VIEW (eccp_diff_view_get_type ())

G_DECLARE_FINAL_TYPE (EccpDiffView, eccp_diff_view, ECCP, DIFF_VIEW, GtkWidget)

/* Properties (all with notify):
 *   "store"     EccpStore   where related records' titles are read
 *   "record"    EccpRecord  the record whose working copy is shown
 *   "show-all"  gboolean    every field, not only those that changed
 *   "n-changes" guint       (read-only) fields that differ from meta.published */

GtkWidget  *eccp_diff_view_new           (void);
EccpStore  *eccp_diff_view_get_store     (EccpDiffView *self);
void        eccp_diff_view_set_store     (EccpDiffView *self,
                                          EccpStore    *store);
EccpRecord *eccp_diff_view_get_record    (EccpDiffView *self);
void        eccp_diff_view_set_record    (EccpDiffView *self,
                                          EccpRecord   *record);
gboolean    eccp_diff_view_get_show_all  (EccpDiffView *self);
void        eccp_diff_view_set_show_all  (EccpDiffView *self,
                                          gboolean      show_all);
guint       eccp_diff_view_get_n_changes (EccpDiffView *self);

G_END_DECLS
