/* eccp-entry-row.h: the editor of one line of text (text, numbers,
 * addresses, dates, times, zones, comma-separated lists)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-row-base.h"

G_BEGIN_DECLS

#define ECCP_TYPE_ENTRY_ROW (eccp_entry_row_get_type ())

/* Made by eccp_field_row_new(), and used through EccpFieldRow. */
G_DECLARE_FINAL_TYPE (EccpEntryRow, eccp_entry_row, ECCP, ENTRY_ROW, EccpFieldRowBase)

/* One time of a list of times (@field is the list), not labelled: the
 * list names it.  A new one (@original %NULL) is read where @first is. */
EccpEntryRow *_eccp_entry_row_new_item  (EccpStore           *store,
                                         const EccpFieldSpec *field,
                                         JsonNode            *original,
                                         EccpEntryRow        *first);
/* The AdwEntryRow. */
GtkWidget    *_eccp_entry_row_get_entry (EccpEntryRow        *self);

G_END_DECLS
