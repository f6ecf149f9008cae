/* eccp-portal-users.h: who may use the reference portal, and as what
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-rights.h"

G_BEGIN_DECLS

typedef enum
{
  ECCP_PORTAL_ROLE_NONE            = 0,
  ECCP_PORTAL_ROLE_CLUSTER_MANAGER = 1 << 0,
  ECCP_PORTAL_ROLE_STAFF           = 1 << 1,
  ECCP_PORTAL_ROLE_EVENT_TEAM      = 1 << 2,
} EccpPortalRoles;

/* One user of the users file.  Owned by the EccpPortalUsers. */
typedef struct _EccpPortalUser EccpPortalUser;

const char      *eccp_portal_user_get_id       (EccpPortalUser *user);
EccpPortalRoles  eccp_portal_user_get_roles    (EccpPortalUser *user);
gboolean         eccp_portal_user_has_role     (EccpPortalUser *user,
                                                EccpPortalRoles role);
/* The clusters the user manages (the file's list and those they created). */
/* The user's rights as the core's rules read them (borrowed from @user) */
void             eccp_portal_user_get_rights   (EccpPortalUser *user,
                                                EccpRights     *rights);
void             eccp_portal_user_add_cluster  (EccpPortalUser *user,
                                                const char     *cluster_id);
/* The user as GET /me answers it: {"data": {"type": "user", ...}}. */
char            *eccp_portal_user_to_document  (EccpPortalUser *user);

#define ECCP_TYPE_PORTAL_USERS (eccp_portal_users_get_type ())

G_DECLARE_FINAL_TYPE (EccpPortalUsers, eccp_portal_users, ECCP, PORTAL_USERS, GObject)

/* Reads a users file (docs/PORTAL.md):
 * {"users": [{"id", "name", "email", "token" or "tokens", "roles",
 *             "clusters", "events"}]} */
EccpPortalUsers *eccp_portal_users_new_from_file (const char      *path,
                                                  GError         **error);
EccpPortalUsers *eccp_portal_users_new_from_data (const char      *data,
                                                  GError         **error);
/* The user of a token that is known and not revoked, or %NULL. */
EccpPortalUser  *eccp_portal_users_lookup_token  (EccpPortalUsers *self,
                                                  const char      *token);
EccpPortalUser  *eccp_portal_users_lookup_id     (EccpPortalUsers *self,
                                                  const char      *user_id);
/* Makes @token invalid from now on; %FALSE if it was not known. */
gboolean         eccp_portal_users_revoke        (EccpPortalUsers *self,
                                                  const char      *token);
guint            eccp_portal_users_get_n_users   (EccpPortalUsers *self);

G_END_DECLS
