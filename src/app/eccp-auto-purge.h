/* eccp-auto-purge.h: the attendee data of past events, removed on a timer
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-store.h"

G_BEGIN_DECLS

/* While @store lives: when the "purge-past-attendees" setting is on,
 * removes the attendee data of events that ended more than 30 days ago,
 * soon after this call and then daily, and as soon as it is turned on.
 * Once per store: a second call does nothing. */
void eccp_auto_purge_attach (EccpStore *store,
                             GSettings *settings);
/* The timers' pass, now (nothing when the setting is off), on a store
 * eccp_auto_purge_attach() was given: for the tests, which cannot wait
 * a day. */
void eccp_auto_purge_run    (EccpStore *store);

G_END_DECLS
