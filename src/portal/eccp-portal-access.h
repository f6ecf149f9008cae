/* eccp-portal-access.h: who may see and change what (portal-api.md §7)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-spec.h"
#include "eccp-portal-db.h"
#include "eccp-portal-users.h"

G_BEGIN_DECLS

/* The user sees the working copy of the record, not only what is
 * published: staff, the manager of a cluster, the team of an event. */
gboolean    eccp_portal_access_sees_working_copy (EccpPortalUser      *user,
                                                  const char          *type,
                                                  const char          *id);
/* What @user sees of @row: the resource text (borrowed from @row) and
 * its rev, or %NULL when the user may not see the record. */
const char *eccp_portal_access_view              (EccpPortalUser      *user,
                                                  const EccpPortalRow *row,
                                                  gint64              *rev);
/* The user may change the record (of @type, with @id, of the event
 * @event_id for attendees, meetings and check-ins). */
gboolean    eccp_portal_access_may_edit          (EccpPortalUser      *user,
                                                  const EccpTypeSpec  *type,
                                                  const char          *id,
                                                  const char          *event_id);
gboolean    eccp_portal_access_may_create        (EccpPortalUser      *user,
                                                  const EccpTypeSpec  *type,
                                                  const char          *event_id);

G_END_DECLS
