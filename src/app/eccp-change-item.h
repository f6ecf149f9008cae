/* eccp-change-item.h: one change of the outbox, as an item of a list model
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "eccp-change.h"
#include "eccp-record.h"

G_BEGIN_DECLS

#define ECCP_TYPE_CHANGE_ITEM (eccp_change_item_get_type ())

G_DECLARE_FINAL_TYPE (EccpChangeItem, eccp_change_item, ECCP, CHANGE_ITEM, GObject)

EccpChangeItem   *eccp_change_item_new            (void);
/* Holds @change of the record called @title; @record is the record as the
 * store has it now (%NULL for a local deletion).  Returns %FALSE, and
 * changes nothing, when the item holds exactly that already; else
 * notifies "change" (and "needs-user" when that moved). */
gboolean          eccp_change_item_update         (EccpChangeItem   *self,
                                                   const EccpChange *change,
                                                   EccpRecord       *record,
                                                   const char       *title);
const EccpChange *eccp_change_item_get_change     (EccpChangeItem   *self);
EccpRecord       *eccp_change_item_get_record     (EccpChangeItem   *self);
const char       *eccp_change_item_get_title      (EccpChangeItem   *self);
/* The change waits for the person (conflict, rejected, invalid) rather
 * than for the portal. */
gboolean          eccp_change_item_get_needs_user (EccpChangeItem   *self);

G_END_DECLS
