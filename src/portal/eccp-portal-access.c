/* eccp-portal-access.c: who may see and change what (portal-api.md §7)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * staff            every record, every transition
 * cluster_manager  the clusters of their list and those they created; may
 *                  create clusters
 * event_team       the events of their list, and the attendees, meetings and
 *                  check-ins of those events (which they may also create)
 * everyone         reads what is published; types that are not moderated
 *                  (attendee, meeting, checkin) are always readable
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-access.h"

static gboolean
is_event_part (const char *type)
{
  return g_str_equal (type, "attendee") ||
         g_str_equal (type, "meeting") ||
         g_str_equal (type, "checkin");
}

gboolean
eccp_portal_access_sees_working_copy (EccpPortalUser *user,
                                      const char     *type,
                                      const char     *id)
{
  g_return_val_if_fail (user != NULL, FALSE);

  if (eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_STAFF))
    return TRUE;

  if (g_str_equal (type, "cluster"))
    return eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_CLUSTER_MANAGER) &&
           eccp_portal_user_has_cluster (user, id);

  if (g_str_equal (type, "event"))
    return eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_EVENT_TEAM) &&
           eccp_portal_user_has_event (user, id);

  return FALSE;
}

const char *
eccp_portal_access_view (EccpPortalUser      *user,
                         const EccpPortalRow *row,
                         gint64              *rev)
{
  g_return_val_if_fail (row != NULL, NULL);

  if (row->deleted)
    return NULL;

  if (row->visibility == ECCP_PORTAL_VISIBLE_BODY ||
      eccp_portal_access_sees_working_copy (user, row->type, row->id))
    {
      *rev = row->rev;
      return row->body;
    }

  if (row->visibility == ECCP_PORTAL_VISIBLE_PUBLIC)
    {
      *rev = row->public_rev;
      return row->public_body;
    }

  return NULL;
}

gboolean
eccp_portal_access_may_edit (EccpPortalUser     *user,
                             const EccpTypeSpec *type,
                             const char         *id,
                             const char         *event_id)
{
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (type->append_only)
    return FALSE;

  if (eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_STAFF))
    return TRUE;

  if (g_str_equal (type->name, "cluster") || g_str_equal (type->name, "event"))
    return eccp_portal_access_sees_working_copy (user, type->name, id);

  if (is_event_part (type->name))
    return eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_EVENT_TEAM) &&
           eccp_portal_user_has_event (user, event_id);

  return FALSE;
}

gboolean
eccp_portal_access_may_create (EccpPortalUser     *user,
                               const EccpTypeSpec *type,
                               const char         *event_id)
{
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_STAFF))
    return TRUE;

  if (g_str_equal (type->name, "cluster"))
    return eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_CLUSTER_MANAGER);

  if (is_event_part (type->name))
    return eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_EVENT_TEAM) &&
           eccp_portal_user_has_event (user, event_id);

  return FALSE;
}
