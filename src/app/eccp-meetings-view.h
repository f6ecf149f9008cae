/* eccp-meetings-view.h: an event's bilateral meetings as a grid, tables
 * across and time slots down, and one person's schedule
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-account.h"
#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_MEETINGS_VIEW (eccp_meetings_view_get_type ())

G_DECLARE_FINAL_TYPE (EccpMeetingsView, eccp_meetings_view, ECCP, MEETINGS_VIEW, GtkWidget)

/* Properties: "store", "account" (%NULL: the demo, all allowed) and
 * "event-id".  Actions, for the cells and their popovers:
 *   meeting.set-status (ss)  the meeting's id and its new status
 *   meeting.move       s     the slot and table dialog for a meeting
 *   meeting.request    (xs)  a new meeting at a slot (unix time), table */
GtkWidget  *eccp_meetings_view_new          (void);
const char *eccp_meetings_view_get_event_id (EccpMeetingsView *self);
void        eccp_meetings_view_set_event_id (EccpMeetingsView *self,
                                             const char       *event_id);

G_END_DECLS
