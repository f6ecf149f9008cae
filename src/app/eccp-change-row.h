/* eccp-change-row.h: one local change in the Changes view
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "eccp-change.h"
#include "eccp-change-item.h"
#include "eccp-record.h"

G_BEGIN_DECLS

#define ECCP_TYPE_CHANGE_ROW (eccp_change_row_get_type ())

G_DECLARE_FINAL_TYPE (EccpChangeRow, eccp_change_row, ECCP, CHANGE_ROW, GtkListBoxRow)

GtkWidget        *eccp_change_row_new         (EccpChangeItem   *item);
/* The row shows @item's change, and follows it. */
void              eccp_change_row_set_item    (EccpChangeRow    *self,
                                               EccpChangeItem   *item);
EccpChangeItem   *eccp_change_row_get_item    (EccpChangeRow    *self);
/* "5 minutes ago" is kept true by calling this now and then. */
void              eccp_change_row_update_time (EccpChangeRow    *self);

/* Whether a change waits for the person (conflict, rejected, invalid)
 * rather than for the portal. */
/* The portal's reasons (change->errors) in words, one per line:
 * "Website: “ftp://x” is not an http or https address".  %NULL when
 * there are none. */
char             *eccp_change_describe_errors (const EccpChange *change);

G_END_DECLS
