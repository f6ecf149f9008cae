/* eccp-rights.h: who may change what (portal-api.md §7), for the portal and the client alike
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "eccp-field-spec.h"

G_BEGIN_DECLS

/* A user's rights, borrowed from whoever holds them (the portal's user,
 * the client's EccpAccount): roles, and the ids of the clusters and
 * events they are given, as sets (%NULL: none). */
typedef struct
{
  gboolean    staff;
  gboolean    cluster_manager;
  gboolean    event_team;
  GHashTable *clusters;
  GHashTable *events;
} EccpRights;

/* The user sees the record's working copy, not only what is published:
 * staff, a cluster's managers, an event's team. */
gboolean eccp_rights_sees_working_copy (const EccpRights   *rights,
                                        const char         *type,
                                        const char         *id);
/* The user may change or delete the record of @type with @id (for an
 * attendee, a meeting or a check-in: of the event @event_id). */
gboolean eccp_rights_may_edit          (const EccpRights   *rights,
                                        const EccpTypeSpec *type,
                                        const char         *id,
                                        const char         *event_id);
/* The user may make a record of @type (of the event @event_id). */
gboolean eccp_rights_may_create        (const EccpRights   *rights,
                                        const EccpTypeSpec *type,
                                        const char         *event_id);

/* Moderation (portal-api.md §5) */
typedef enum
{
  ECCP_TRANSITION_ALLOWED,
  ECCP_TRANSITION_FORBIDDEN, /* a transition, but not for this user: the portal answers 403 */
  ECCP_TRANSITION_INVALID,   /* no such transition: 422 invalid_transition */
} EccpTransition;

/* draft, needs_review, changes_requested, published, archived */
gboolean       eccp_moderation_is_state      (const char         *state);
/* "Draft", "Needs review", …, translated; an unknown state as it is */
const char    *eccp_moderation_state_label   (const char         *state);
/* Whether the user may move the record of @type with @id from the state
 * @from to @to: a record's managers submit it (draft or changes requested
 * to needs review), staff make every move.  For a user who may not change
 * the record at all, any move is FORBIDDEN, as the portal answers 403
 * before it looks at the move. */
EccpTransition eccp_rights_check_transition  (const EccpRights   *rights,
                                              const char         *type,
                                              const char         *id,
                                              const char         *from,
                                              const char         *to);
/* The same for a user who is staff (@staff) or one of the record's
 * managers (@manager), when that is known otherwise than by the record's
 * id (a record made here, which the portal gives its maker). */
EccpTransition eccp_rights_check_move        (gboolean            staff,
                                              gboolean            manager,
                                              const char         *from,
                                              const char         *to);

G_END_DECLS
