/* eccp-venue-mode.h: checking people in at an event's entrance
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-account.h"
#include "eccp-store.h"
#include "eccp-sync-controller.h"

G_BEGIN_DECLS

#define ECCP_TYPE_VENUE_MODE (eccp_venue_mode_get_type ())

G_DECLARE_FINAL_TYPE (EccpVenueMode, eccp_venue_mode, ECCP, VENUE_MODE, GtkWidget)

/* "store", "event-id", "account" and "controller" (for the header's sync
 * indicator) are properties; "exit" is emitted when the user leaves. */
GtkWidget  *eccp_venue_mode_new          (void);
const char *eccp_venue_mode_get_event_id (EccpVenueMode *self);
void        eccp_venue_mode_set_event_id (EccpVenueMode *self,
                                          const char    *event_id);
/* The keyboard to the search, its text selected: what a new arrival needs. */
void        eccp_venue_mode_focus_search (EccpVenueMode *self);

G_END_DECLS
