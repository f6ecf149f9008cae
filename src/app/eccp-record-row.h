/* eccp-record-row.h: one record in a list: its name, a summary, its sync state
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "eccp-record.h"

G_BEGIN_DECLS

#define ECCP_TYPE_RECORD_ROW (eccp_record_row_get_type ())

G_DECLARE_FINAL_TYPE (EccpRecordRow, eccp_record_row, ECCP, RECORD_ROW, GtkWidget)

GtkWidget  *eccp_record_row_new        (void);
void        eccp_record_row_set_record (EccpRecordRow *self,
                                        EccpRecord    *record);
EccpRecord *eccp_record_row_get_record (EccpRecordRow *self);
/* Rows for a list view of EccpRecordSlots: each row follows its slot's
 * record. */
GtkListItemFactory *
            eccp_record_row_factory_new (void);
/* The row of such a list view at @x, @y of @list_view, or %NULL; its
 * position in the list, or GTK_INVALID_LIST_POSITION. */
EccpRecordRow *
            eccp_record_row_pick         (GtkWidget     *list_view,
                                          double         x,
                                          double         y);
guint       eccp_record_row_get_position (EccpRecordRow *self);

/* The one-line summary of a record: its summary fields, as a person reads
 * them ("Germany · Munich"). */
char       *eccp_record_describe       (EccpRecord    *record);
/* The icon name and the words for a sync state, or %NULL when synced. */
const char *eccp_sync_state_icon_name  (EccpSyncState  state);
const char *eccp_sync_state_describe   (EccpSyncState  state);

G_END_DECLS
