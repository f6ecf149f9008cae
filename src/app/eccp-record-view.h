/* eccp-record-view.h: every field of one record, and its relations as links
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_RECORD_VIEW (eccp_record_view_get_type ())

G_DECLARE_FINAL_TYPE (EccpRecordView, eccp_record_view, ECCP, RECORD_VIEW, GtkWidget)

GtkWidget  *eccp_record_view_new        (void);
void        eccp_record_view_set_store  (EccpRecordView *self,
                                         EccpStore      *store);
EccpStore  *eccp_record_view_get_store  (EccpRecordView *self);
/* Shows the record @type/@id, or nothing (@id %NULL).  The view follows
 * the store: an edit or a sync shows at once, a deletion empties it. */
void        eccp_record_view_show       (EccpRecordView *self,
                                         const char     *type,
                                         const char     *id);
/* The same for a record in hand (the "record" property). */
void        eccp_record_view_set_record (EccpRecordView *self,
                                         EccpRecord     *record);
EccpRecord *eccp_record_view_get_record (EccpRecordView *self);
/* Puts the keyboard on the record's first action (Edit, or Review). */
void        eccp_record_view_focus_actions (EccpRecordView *self);

G_END_DECLS
