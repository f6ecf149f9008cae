/* eccp-record-picker.h: a small window to choose one record of a type
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_RECORD_PICKER (eccp_record_picker_get_type ())

G_DECLARE_FINAL_TYPE (EccpRecordPicker, eccp_record_picker, ECCP, RECORD_PICKER, AdwWindow)

/* Lists the records of @type (searched with the core's full-text search);
 * activating one emits "picked" with the EccpRecord and closes the window.
 * @title is the window's title ("Add Members"). */
GtkWidget *eccp_record_picker_new (EccpStore  *store,
                                   const char *type,
                                   const char *title);

G_END_DECLS
