/* eccp-long-text-row.h: the editor of paragraphs of plain text
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-row-base.h"

G_BEGIN_DECLS

#define ECCP_TYPE_LONG_TEXT_ROW (eccp_long_text_row_get_type ())

/* Made by eccp_field_row_new(), and used through EccpFieldRow. */
G_DECLARE_FINAL_TYPE (EccpLongTextRow, eccp_long_text_row, ECCP, LONG_TEXT_ROW, EccpFieldRowBase)

G_END_DECLS
