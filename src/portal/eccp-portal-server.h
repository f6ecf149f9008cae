/* eccp-portal-server.h: the reference portal's HTTP side (portal-api.md)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-portal-db.h"
#include "eccp-portal-users.h"

G_BEGIN_DECLS

/* Every path of portal-api.md is under this one. */
#define ECCP_PORTAL_BASE_PATH "/jsonapi"

#define ECCP_TYPE_PORTAL_SERVER (eccp_portal_server_get_type ())

G_DECLARE_FINAL_TYPE (EccpPortalServer, eccp_portal_server, ECCP, PORTAL_SERVER, GObject)

/* @test_hooks: also answer /_test/faults, /_test/revoke and /_test/count. */
EccpPortalServer *eccp_portal_server_new      (EccpPortalDb      *db,
                                               EccpPortalUsers   *users,
                                               gboolean           test_hooks,
                                               GError           **error);
/* Listens on 127.0.0.1 only; @port 0 picks a free port. */
gboolean          eccp_portal_server_listen   (EccpPortalServer  *self,
                                               guint              port,
                                               GError           **error);
guint             eccp_portal_server_get_port (EccpPortalServer  *self);

G_END_DECLS
