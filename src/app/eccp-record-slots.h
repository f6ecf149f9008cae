/* eccp-record-slots.h: a list of records as a list view shows it, one slot a position
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-record-list.h"

G_BEGIN_DECLS

#define ECCP_TYPE_RECORD_SLOTS (eccp_record_slots_get_type ())

G_DECLARE_FINAL_TYPE (EccpRecordSlots, eccp_record_slots, ECCP, RECORD_SLOTS, GObject)

EccpRecordSlots *eccp_record_slots_new       (EccpRecordList  *records);
EccpRecordList  *eccp_record_slots_get_model (EccpRecordSlots *self);
/* The positions @first to @last (included) are the ones the view shows:
 * when the records change, those slots take their new record at once,
 * the others (rows kept off screen) a few at a time after. */
void             eccp_record_slots_set_shown (EccpRecordSlots *self,
                                              guint            first,
                                              guint            last);

/* The length grows to the list's a few rows a turn after a narrow search
 * (the view makes a row for each): this says it up to @position now. */
void             eccp_record_slots_reach     (EccpRecordSlots *self,
                                              guint            position);

G_END_DECLS
