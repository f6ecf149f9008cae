/* eccp-venue-item.h: one attendee and their check-in state, in a list model
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_VENUE_ITEM (eccp_venue_item_get_type ())

G_DECLARE_FINAL_TYPE (EccpVenueItem, eccp_venue_item, ECCP, VENUE_ITEM, GObject)

/* Takes @state. */
EccpVenueItem           *eccp_venue_item_new       (EccpAttendeeState *state);
const EccpAttendeeState *eccp_venue_item_get_state (EccpVenueItem     *self);

/* Makes @items (of EccpVenueItem) show @states, taking them (the array's
 * elements are stolen).  The same people in the same order: only the items
 * whose state changed are replaced, so the rows in sight stay and so does
 * the scroll position; returns %FALSE.  Otherwise every item is new:
 * returns %TRUE. */
gboolean                 eccp_venue_items_update   (GListStore        *items,
                                                    GPtrArray         *states);

G_END_DECLS
