/* eccp-venue-row.h: one attendee in venue mode's list
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_VENUE_ROW (eccp_venue_row_get_type ())

G_DECLARE_FINAL_TYPE (EccpVenueRow, eccp_venue_row, ECCP, VENUE_ROW, GtkWidget)

GtkWidget *eccp_venue_row_new            (void);
/* Shows @state, its times on the clock of @zone (the event's time zone,
 * or %NULL for this computer's). */
void       eccp_venue_row_set_state      (EccpVenueRow            *self,
                                          const EccpAttendeeState *state,
                                          const char              *zone);

/* "Checked in 08:15 · Entrance A", "Not yet in", "Not yet in (undone
 * 08:20 · Entrance A)", the times on the clock of @zone. */
char      *eccp_venue_row_describe_state (const char              *zone,
                                          const EccpAttendeeState *state);
/* The attendee's name, or "Unnamed attendee" when the portal sent none. */
const char *eccp_venue_row_attendee_name (const EccpAttendeeState *state);
/* What became of a check-in on the portal, as venue mode and the event
 * page say it: "Not sent yet" (pending), "Refused by the portal — see
 * Changes" (rejected; invalid and conflict in their own words), %NULL
 * once synced. */
const char *eccp_venue_row_describe_sync (EccpSyncState state);
/* A label for those words, hidden until eccp_venue_row_set_sync_mark()
 * gives it a state other than synced. */
GtkWidget  *eccp_venue_row_new_sync_mark (void);
void        eccp_venue_row_set_sync_mark (GtkWidget     *mark,
                                          EccpSyncState  state);

G_END_DECLS
