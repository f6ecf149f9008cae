/* eccp-changes-page.h: what waits to be sent, what conflicts, what was refused
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_CHANGES_PAGE (eccp_changes_page_get_type ())

G_DECLARE_FINAL_TYPE (EccpChangesPage, eccp_changes_page, ECCP, CHANGES_PAGE, GtkWidget)

void       eccp_changes_page_set_store (EccpChangesPage *self,
                                        EccpStore       *store);
EccpStore *eccp_changes_page_get_store (EccpChangesPage *self);

G_END_DECLS
