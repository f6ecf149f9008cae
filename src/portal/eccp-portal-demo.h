/* eccp-portal-demo.h: the demo data set as the portal's records
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-portal-db.h"

G_BEGIN_DECLS

/* Adds eccp_demo_generate (@n_clusters) to @db, page by page.  Between
 * pages the default main context runs, so that a signal can cancel
 * @cancellable. */
gboolean eccp_portal_demo_load (EccpPortalDb  *db,
                                guint          n_clusters,
                                guint         *n_records,
                                GCancellable  *cancellable,
                                GError       **error);

G_END_DECLS
