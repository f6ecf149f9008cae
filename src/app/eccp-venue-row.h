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
/* "Not sent yet": how venue mode marks a check-in still in the outbox. */
GtkWidget *eccp_venue_row_new_unsent_mark (void);

G_END_DECLS
