/* eccp-time-list-row.h: the editor of a list of times, one entry each
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-row-base.h"

G_BEGIN_DECLS

#define ECCP_TYPE_TIME_LIST_ROW (eccp_time_list_row_get_type ())

/* Made by eccp_field_row_new(), and used through EccpFieldRow. */
G_DECLARE_FINAL_TYPE (EccpTimeListRow, eccp_time_list_row, ECCP, TIME_LIST_ROW, EccpFieldRowBase)

G_END_DECLS
