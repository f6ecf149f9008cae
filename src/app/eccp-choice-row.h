/* eccp-choice-row.h: the editor of one of a list: a choice or a country
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-row-base.h"

G_BEGIN_DECLS

#define ECCP_TYPE_CHOICE_ROW (eccp_choice_row_get_type ())

/* Made by eccp_field_row_new(), and used through EccpFieldRow. */
G_DECLARE_FINAL_TYPE (EccpChoiceRow, eccp_choice_row, ECCP, CHOICE_ROW, EccpFieldRowBase)

G_END_DECLS
