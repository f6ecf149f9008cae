/* bench-venue-data.h: an event at a venue's scale, for the benchmarks
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-store.h"

G_BEGIN_DECLS

/* The event @event_id, @n attendees (ids a0000000-… up; one such event
 * per store), and check-ins for three in four of them, one in ten of
 * those undone, as a sync would have brought them. */
void bench_fill_venue    (EccpStore  *store,
                          const char *event_id,
                          guint       n);
/* @n_tables × @n_slots meetings of @event_id (20 minutes each, from 08:00)
 * between the attendees bench_fill_venue() made, most accepted. */
void bench_fill_meetings (EccpStore  *store,
                          const char *event_id,
                          guint       n_attendees,
                          guint       n_tables,
                          guint       n_slots);

G_END_DECLS
