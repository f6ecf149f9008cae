/* eccp-conflict-dialog.h: deciding, field by field, between the portal's version and mine
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_CONFLICT_DIALOG (eccp_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EccpConflictDialog, eccp_conflict_dialog, ECCP, CONFLICT_DIALOG, AdwWindow)

/* A modal window, transient for @parent, over the conflicts of the local
 * change of the record @type / @id.  It emits "resolved" and closes once
 * every conflict is decided in @store. */
EccpConflictDialog *eccp_conflict_dialog_new (GtkWindow  *parent,
                                              EccpStore  *store,
                                              const char *type,
                                              const char *id);

G_END_DECLS
