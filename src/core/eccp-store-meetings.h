/* eccp-store-meetings.h: an event's bilateral meetings: the schedule and
 * the double-booking check
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-store.h"

G_BEGIN_DECLS

/* The event's own zone (its IANA "timezone"), or %NULL when it names
 * none */
GTimeZone  *eccp_event_get_zone              (EccpRecord  *event);

/* The time zone of the event @event_id, or %NULL when the store does not
 * hold the event or it names no valid zone. */
GTimeZone  *eccp_store_get_event_zone        (EccpStore   *self,
                                              const char  *event_id);

/* The title of the record @type/@id (an attendee's name), or the id
 * itself when the store does not hold it. */
char       *eccp_store_get_title             (EccpStore   *self,
                                              const char  *type,
                                              const char  *id);

/* The meetings of @event_id (#EccpRecord), in time order (start, then
 * table); only those of the attendee @attendee_id when it is not %NULL. */
GPtrArray  *eccp_store_list_meetings         (EccpStore   *self,
                                              const char  *event_id,
                                              const char  *attendee_id,
                                              GError     **error);

/* The accepted meetings of the store that @meeting, as it would be
 * written, would double-book: one of its attendees or its table in both at
 * once (touching times do not overlap).  Empty when @meeting is not
 * accepted.  For showing both bookings of a 409 slot_taken. */
GPtrArray  *eccp_store_find_meeting_clashes  (EccpStore   *self,
                                              EccpRecord  *meeting,
                                              GError     **error);

/* What the store refuses a meeting with (ECCP_STORE_ERROR_SLOT_TAKEN):
 * %TRUE when @meeting double-books no one and no table, else %FALSE with
 * @error naming who or what is busy and when, in the event's zone. */
gboolean    eccp_store_check_meeting_slot    (EccpStore   *self,
                                              EccpRecord  *meeting,
                                              GError     **error);

/* A meeting's table as people say it: "Table 12" (or "table 12" inside a
 * sentence) for a number, the name as it is otherwise ("Table 1", "Foyer"). */
char       *eccp_meeting_table_name         (const char  *table,
                                             gboolean     sentence_start);

G_END_DECLS
