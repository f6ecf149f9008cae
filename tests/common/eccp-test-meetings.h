/* eccp-test-meetings.h: a small event schedule for the meetings' tests:
 * an event in Warsaw, four attendees and one accepted meeting
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-store.h"

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

/* A meeting's attributes on 4 June 2026 from @starts to @ends ("HH:MM" at
 * UTC+2, Warsaw's and Brussels' summer time). */
JsonObject *eccp_test_meeting_attributes (const char  *starts,
                                          const char  *ends,
                                          const char  *table,
                                          const char  *status);
/* Its relationships: the event @event_id, @requester and @invitee. */
JsonObject *eccp_test_meeting_people     (const char  *event_id,
                                          const char  *requester,
                                          const char  *invitee);
/* eccp_store_create() of such a meeting: the record, or %NULL with @error. */
EccpRecord *eccp_test_book_meeting       (EccpStore   *store,
                                          const char  *event_id,
                                          const char  *requester,
                                          const char  *invitee,
                                          const char  *starts,
                                          const char  *ends,
                                          const char  *table,
                                          const char  *status,
                                          GError     **error);
/* How many changes @store's outbox holds. */
guint       eccp_test_count_changes      (EccpStore   *store);

G_END_DECLS
