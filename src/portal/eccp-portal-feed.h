/* eccp-portal-feed.h: GET /changes, the change feed with a cursor
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-portal-answer.h"
#include "eccp-portal-db.h"
#include "eccp-portal-users.h"

G_BEGIN_DECLS

#define ECCP_PORTAL_FEED_DEFAULT_LIMIT 200
#define ECCP_PORTAL_FEED_MAX_LIMIT     1000

/* One page of the records @user may see that changed after @cursor (%NULL:
 * from the beginning), at most @limit (%NULL: the default) of them.
 * @next_base is the URL of /changes for links.next. */
EccpPortalAnswer *eccp_portal_feed_page (EccpPortalDb   *db,
                                         EccpPortalUser *user,
                                         const char     *cursor,
                                         const char     *limit,
                                         const char     *next_base);

G_END_DECLS
