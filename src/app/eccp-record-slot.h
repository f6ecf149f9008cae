/* eccp-record-slot.h: one position of a list view, and the record it shows now
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "eccp-record.h"

G_BEGIN_DECLS

#define ECCP_TYPE_RECORD_SLOT (eccp_record_slot_get_type ())

G_DECLARE_FINAL_TYPE (EccpRecordSlot, eccp_record_slot, ECCP, RECORD_SLOT, GObject)

EccpRecordSlot *eccp_record_slot_new          (guint           position);
guint           eccp_record_slot_get_position (EccpRecordSlot *self);
EccpRecord     *eccp_record_slot_get_record   (EccpRecordSlot *self);
void            eccp_record_slot_set_record   (EccpRecordSlot *self,
                                               EccpRecord     *record);

G_END_DECLS
