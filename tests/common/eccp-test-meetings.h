/* eccp-test-meetings.h: a small event schedule for the meetings' tests:
 * an event in Warsaw, four attendees and one accepted meeting
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EVENT    "5a1e0c2b-8d3f-4e6a-9b7c-1d2e3f4a5b6c"
#define ZELJKO   "a1000000-0000-4000-8000-000000000001"
#define ANNA     "a1000000-0000-4000-8000-000000000002"
#define MAREK    "a1000000-0000-4000-8000-000000000003"
#define INES     "a1000000-0000-4000-8000-000000000004"
#define BOOKED   "b2000000-0000-4000-8000-000000000001"

/* A to-one relationship member of a JSON:API document */
#define REL(name, type, id) \
  "\"" name "\": {\"data\": {\"type\": \"" type "\", \"id\": \"" id "\"}}"

/* A JSON:API document: the event "Brokerage day" in Europe/Warsaw (UTC+2
 * in June); Željko Erkapić, Anna Nowak, Marek Wiśniewski and Inês Costa;
 * and BOOKED, accepted: Željko and Anna at table 12, 10:00–10:30 there. */
extern const char eccp_test_meetings_schedule[];

G_END_DECLS
