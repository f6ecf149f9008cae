/* eccp-portal-batch.h: POST /batch, many writes in one request
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "eccp-portal-answer.h"
#include "eccp-portal-db.h"
#include "eccp-portal-users.h"

G_BEGIN_DECLS

#define ECCP_PORTAL_BATCH_MAX_OPERATIONS 100

/* Applies the operations of @document ({"operations": [...]}) in order and
 * independently; 200 with one result per operation, each as the single
 * request would have answered. */
EccpPortalAnswer *eccp_portal_batch_run (EccpPortalDb   *db,
                                         EccpPortalUser *user,
                                         JsonNode       *document);

G_END_DECLS
