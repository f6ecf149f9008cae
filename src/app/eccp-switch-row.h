/* eccp-switch-row.h: the editor of yes or no
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-row-base.h"

G_BEGIN_DECLS

#define ECCP_TYPE_SWITCH_ROW (eccp_switch_row_get_type ())

/* Made by eccp_field_row_new(), and used through EccpFieldRow. */
G_DECLARE_FINAL_TYPE (EccpSwitchRow, eccp_switch_row, ECCP, SWITCH_ROW, EccpFieldRowBase)

G_END_DECLS
