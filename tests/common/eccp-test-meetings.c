/* eccp-test-meetings.c: a small event schedule for the meetings' tests
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-meetings.h"
#include "eccp-test-store.h"

#define ATTENDEE(id, name) \
  "{\"type\": \"attendee\", \"id\": \"" id "\", \"attributes\": {\"name\": \"" name "\"}," \
  " \"relationships\": {" REL ("event", "event", EVENT) "}, \"meta\": {\"rev\": 1, \"seq\": 2}}"

const char eccp_test_meetings_schedule[] =
  "{\"data\": ["
  " {\"type\": \"event\", \"id\": \"" EVENT "\", \"attributes\": {\"title\": \"Brokerage day\","
  "   \"timezone\": \"Europe/Warsaw\"}, \"meta\": {\"rev\": 1, \"seq\": 1}},"
  ATTENDEE (ZELJKO, "Željko Erkapić") ","
  ATTENDEE (ANNA, "Anna Nowak") ","
  ATTENDEE (MAREK, "Marek Wiśniewski") ","
  ATTENDEE (INES, "Inês Costa") ","
  " {\"type\": \"meeting\", \"id\": \"" BOOKED "\", \"attributes\": {"
  "   \"starts_at\": \"2026-06-04T08:00:00Z\", \"ends_at\": \"2026-06-04T08:30:00Z\","
  "   \"table\": \"12\", \"status\": \"accepted\"},"
  "   \"relationships\": {" REL ("event", "event", EVENT) ", " REL ("requester", "attendee", ZELJKO) ","
  "   " REL ("invitee", "attendee", ANNA) "}, \"meta\": {\"rev\": 1, \"seq\": 3}}"
  "], \"meta\": {\"cursor\": \"3\"}}";

JsonObject *
eccp_test_meeting_attributes (const char *starts,
                              const char *ends,
                              const char *table,
                              const char *status)
{
  g_autofree char *json = g_strdup_printf ("{\"starts_at\": \"2026-06-04T%s:00+02:00\","
                                           " \"ends_at\": \"2026-06-04T%s:00+02:00\","
                                           " \"table\": \"%s\", \"status\": \"%s\"}",
                                           starts, ends, table, status);

  return eccp_test_object_from (json);
}

JsonObject *
eccp_test_meeting_people (const char *event_id,
                          const char *requester,
                          const char *invitee)
{
  g_autofree char *json = g_strdup_printf ("{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}},"
                                           " \"requester\": {\"data\": {\"type\": \"attendee\", \"id\": \"%s\"}},"
                                           " \"invitee\": {\"data\": {\"type\": \"attendee\", \"id\": \"%s\"}}}",
                                           event_id, requester, invitee);

  return eccp_test_object_from (json);
}

EccpRecord *
eccp_test_book_meeting (EccpStore   *store,
                        const char  *event_id,
                        const char  *requester,
                        const char  *invitee,
                        const char  *starts,
                        const char  *ends,
                        const char  *table,
                        const char  *status,
                        GError     **error)
{
  g_autoptr(JsonObject) attributes = eccp_test_meeting_attributes (starts, ends, table, status);
  g_autoptr(JsonObject) relationships = eccp_test_meeting_people (event_id, requester, invitee);

  return eccp_store_create (store, "meeting", NULL, attributes, relationships, error);
}

guint
eccp_test_count_changes (EccpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = eccp_store_list_changes (store, &error);

  g_assert_no_error (error);

  return changes->len;
}
