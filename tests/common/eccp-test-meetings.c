/* eccp-test-meetings.c: a small event schedule for the meetings' tests
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-meetings.h"

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
