/* eccp-demo.h: the demo data set, deterministic and true to the 2018 portal
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-store.h"

G_BEGIN_DECLS

/* The portal's real size: about 1,400 clusters. */
#define ECCP_DEMO_DEFAULT_CLUSTERS 1400

/* Called with each generated page: a JSON:API document {"data": [...]} of
 * resource objects (meta.rev, meta.seq, meta.moderation_state set), in an
 * order where a record comes after the records it points to.  Return %FALSE
 * and set @error to stop. */
typedef gboolean (*EccpDemoPageFunc) (JsonNode  *document,
                                      gpointer   user_data,
                                      GError   **error);

/* Generates the demo set scaled to @n_clusters clusters (partnerships,
 * events, attendees, meetings, check-ins and calls scale with it), the same
 * records with the same ids every time. */
gboolean eccp_demo_generate (guint              n_clusters,
                             EccpDemoPageFunc   page_func,
                             gpointer           user_data,
                             GError           **error);

/* Generates the set into @store, as the portal's state. */
gboolean eccp_demo_load     (EccpStore         *store,
                             guint              n_clusters,
                             EccpImportStats   *stats,
                             GError           **error);

G_END_DECLS
