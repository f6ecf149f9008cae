/* eccp-record-editor.h: a form for one record, made from its field specs
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_RECORD_EDITOR (eccp_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (EccpRecordEditor, eccp_record_editor, ECCP, RECORD_EDITOR, AdwWindow)

/* Edits @record, or creates a record of @type when @record is %NULL.
 * Saving writes to the store at once (online or not), emits "saved" with
 * the record's id, and closes the window. */
GtkWidget *eccp_record_editor_new (EccpStore  *store,
                                   const char *type,
                                   EccpRecord *record);

G_END_DECLS
