/* eccp-own-clusters.h: "Your clusters", a cluster manager's own profiles
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-account.h"
#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_OWN_CLUSTERS (eccp_own_clusters_get_type ())

G_DECLARE_FINAL_TYPE (EccpOwnClusters, eccp_own_clusters, ECCP, OWN_CLUSTERS, AdwPreferencesGroup)

GtkWidget *eccp_own_clusters_new (void);

G_END_DECLS
