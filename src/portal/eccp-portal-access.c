/* eccp-portal-access.c: who may see and change what (portal-api.md §7)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of who may change what are the core's (eccp-rights.c), the
 * same the client offers by; here, what each user sees of a row: everyone
 * reads what is published, and types that are not moderated (attendee,
 * meeting, checkin) are always readable.
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-access.h"

#include "eccp-rights.h"

/* The user's rights, as the core's rules read them */
static EccpRights
rights_of (EccpPortalUser *user)
{
  EccpRights rights;

  eccp_portal_user_get_rights (user, &rights);

  return rights;
}

gboolean
eccp_portal_access_sees_working_copy (EccpPortalUser *user,
                                      const char     *type,
                                      const char     *id)
{
  EccpRights rights;

  g_return_val_if_fail (user != NULL, FALSE);

  rights = rights_of (user);
  return eccp_rights_sees_working_copy (&rights, type, id);
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
  EccpRights rights;

  g_return_val_if_fail (user != NULL, FALSE);

  rights = rights_of (user);
  return eccp_rights_may_edit (&rights, type, id, event_id);
}

gboolean
eccp_portal_access_may_create (EccpPortalUser     *user,
                               const EccpTypeSpec *type,
                               const char         *event_id)
{
  EccpRights rights;

  g_return_val_if_fail (user != NULL, FALSE);

  rights = rights_of (user);
  return eccp_rights_may_create (&rights, type, event_id);
}
