/* eccp-record-editor.c: a form for one record, made from its field specs
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-editor.h"

struct _EccpRecordEditor
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (EccpRecordEditor, eccp_record_editor, ADW_TYPE_WINDOW)

static void
eccp_record_editor_class_init (EccpRecordEditorClass *klass)
{
  g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
eccp_record_editor_init (EccpRecordEditor *self)
{
}

GtkWidget *
eccp_record_editor_new (EccpStore  *store,
                        const char *type,
                        EccpRecord *record)
{
  return g_object_new (ECCP_TYPE_RECORD_EDITOR, NULL);
}
