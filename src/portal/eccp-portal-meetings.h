/* eccp-portal-meetings.h: one attendee, one table, one meeting at a time
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-portal-db.h"
#include "eccp-portal-record.h"

G_BEGIN_DECLS

/* For an accepted @meeting: the id of another accepted meeting of its event
 * that overlaps it in time and shares an attendee or the table, or %NULL
 * (also when @meeting is not accepted). */
char *eccp_portal_meetings_find_clash (EccpPortalDb      *db,
                                       EccpPortalRecord  *meeting,
                                       GError           **error);

G_END_DECLS
