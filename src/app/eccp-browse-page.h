/* eccp-browse-page.h: one record type to browse: search, filters, list, detail
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_BROWSE_PAGE (eccp_browse_page_get_type ())

G_DECLARE_FINAL_TYPE (EccpBrowsePage, eccp_browse_page, ECCP, BROWSE_PAGE, GtkWidget)

const char *eccp_browse_page_get_record_type (EccpBrowsePage *self);
void        eccp_browse_page_set_store       (EccpBrowsePage *self,
                                              EccpStore      *store);
EccpStore  *eccp_browse_page_get_store       (EccpBrowsePage *self);
gboolean    eccp_browse_page_get_can_create  (EccpBrowsePage *self);
/* Opens @id in the detail pane (and goes there when the window is narrow). */
void        eccp_browse_page_show_record     (EccpBrowsePage *self,
                                              const char     *id);
void        eccp_browse_page_focus_search    (EccpBrowsePage *self);
/* The list model, for tests and benchmarks. */
GListModel *eccp_browse_page_get_model       (EccpBrowsePage *self);

/* Shows @type/@id, a record with no page of its own (an event's attendee),
 * in this page's record view: the window's win.show-record for them. */
void            eccp_browse_page_show_related (EccpBrowsePage *self,
                                               const char     *type,
                                               const char     *id);

G_END_DECLS
