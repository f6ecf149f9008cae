/* eccp-portal-moderation.h: the moderation states and who moves a record
 * between them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ECCP_PORTAL_TRANSITION_ALLOWED,
  ECCP_PORTAL_TRANSITION_FORBIDDEN, /* a transition, but not for this user: 403 */
  ECCP_PORTAL_TRANSITION_INVALID,   /* no such transition: 422 */
} EccpPortalTransition;

gboolean             eccp_portal_moderation_is_state (const char *state);

/* @is_staff: the user has the staff role; @is_manager: the user manages the
 * record (a cluster's manager, an event's team). */
EccpPortalTransition eccp_portal_moderation_check    (const char *from,
                                                      const char *to,
                                                      gboolean    is_staff,
                                                      gboolean    is_manager);

G_END_DECLS
