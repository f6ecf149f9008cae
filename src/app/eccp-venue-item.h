/* eccp-venue-item.h: one attendee and their check-in state, in a list model
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_VENUE_ITEM (eccp_venue_item_get_type ())

G_DECLARE_FINAL_TYPE (EccpVenueItem, eccp_venue_item, ECCP, VENUE_ITEM, GObject)

/* Takes @state. */
EccpVenueItem           *eccp_venue_item_new       (EccpAttendeeState *state);
const EccpAttendeeState *eccp_venue_item_get_state (EccpVenueItem     *self);

G_END_DECLS
