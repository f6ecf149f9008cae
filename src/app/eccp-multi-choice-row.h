/* eccp-multi-choice-row.h: the editor of a list of choices, as check boxes
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-row-base.h"

G_BEGIN_DECLS

#define ECCP_TYPE_MULTI_CHOICE_ROW (eccp_multi_choice_row_get_type ())

/* Made by eccp_field_row_new(), and used through EccpFieldRow. */
G_DECLARE_FINAL_TYPE (EccpMultiChoiceRow, eccp_multi_choice_row, ECCP, MULTI_CHOICE_ROW, EccpFieldRowBase)

G_END_DECLS
