/* eccp-clock.h: what time it is for the views, and when what they show changes
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ECCP_TYPE_CLOCK (eccp_clock_get_type ())

G_DECLARE_FINAL_TYPE (EccpClock, eccp_clock, ECCP, CLOCK, GObject)

/* The application's clock.  Its time is the real one, unless
 * $ECCP_DESK_NOW (RFC 3339, for tests and screenshots) or
 * eccp_clock_set_now() fixes it. */
EccpClock *eccp_clock_get_default (void);

/* Now, in UTC.  (transfer full) */
GDateTime *eccp_clock_get_now     (EccpClock *self);
/* Fixes the time (tests: a badge at 16:59 and then at 17:01), %NULL: the
 * real time again.  Emits EccpClock::changed. */
void       eccp_clock_set_now     (EccpClock *self,
                                   GDateTime *now);
/* Asks for EccpClock::changed at @when (a call's next cut-off): a view
 * asks again for its next change each time "changed" is emitted.  The
 * clock emits "changed" at the next local midnight too, when "today"
 * and "tomorrow" move. */
void       eccp_clock_wake_at     (EccpClock *self,
                                   GDateTime *when);

G_END_DECLS
