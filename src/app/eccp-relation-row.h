/* eccp-relation-row.h: the editor of the records a record links to, picked from the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-row-base.h"

G_BEGIN_DECLS

#define ECCP_TYPE_RELATION_ROW (eccp_relation_row_get_type ())

/* Made by eccp_field_row_new(), and used through EccpFieldRow. */
G_DECLARE_FINAL_TYPE (EccpRelationRow, eccp_relation_row, ECCP, RELATION_ROW, EccpFieldRowBase)

G_END_DECLS
