/* test-cli-meetings.c: eccp meetings, list meeting, and create/set meeting
 * refusing a double booking, run for real on a fresh store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

/* the fixture and its short names: tests/common/eccp-test-cli.h */
#define ECCP_TEST_CLI_SHORT_NAMES
#include "eccp-test-cli.h"
#include "eccp-test-meetings.h"
#include "eccp-test-util.h"

#include "eccp-json.h"
#include "eccp-store.h"

#define LATER    "b2000000-0000-4000-8000-000000000002"
#define EARLIER  "b2000000-0000-4000-8000-000000000003"

/* Two more meetings, imported in the wrong order: Marek and Inês at 11:00,
 * Marek and Željko (requested) at 09:00. */
static const char more_meetings[] =
  "{\"data\": ["
  " {\"type\": \"meeting\", \"id\": \"" LATER "\", \"attributes\": {"
  "   \"starts_at\": \"2026-06-04T11:00:00+02:00\", \"ends_at\": \"2026-06-04T11:30:00+02:00\","
  "   \"table\": \"3\", \"status\": \"accepted\"},"
  "   \"relationships\": {" REL ("event", "event", EVENT) ", " REL ("requester", "attendee", MAREK) ","
  "   " REL ("invitee", "attendee", INES) "}, \"meta\": {\"rev\": 1, \"seq\": 4}},"
  " {\"type\": \"meeting\", \"id\": \"" EARLIER "\", \"attributes\": {"
  "   \"starts_at\": \"2026-06-04T07:00:00Z\", \"ends_at\": \"2026-06-04T07:30:00Z\","
  "   \"table\": \"3\", \"status\": \"requested\"},"
  "   \"relationships\": {" REL ("event", "event", EVENT) ", " REL ("requester", "attendee", MAREK) ","
  "   " REL ("invitee", "attendee", ZELJKO) "}, \"meta\": {\"rev\": 1, \"seq\": 5}}"
  "], \"meta\": {\"cursor\": \"5\"}}";

static void
import (Fixture    *f,
        const char *name,
        const char *document)
{
  g_autofree char *path = NULL;
  g_autoptr(Result) result = NULL;

  write_file (f, name, document, &path);
  result = run (f, "import", path);
  assert_status (result, 0);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  fixture_setup (f, data);
  import (f, "schedule.json", eccp_test_meetings_schedule);
  import (f, "more.json", more_meetings);
}

/* The outbox of the store eccp wrote, read through the core. */
static guint
count_changes (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);

  g_assert_no_error (error);

  return eccp_test_count_changes (store);
}

/* The schedule in time order, by name, in the event's zone. */
static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Result) result = run (f, "meetings", EVENT);
  const char *early, *booked, *late;

  assert_status (result, 0);
  g_assert_nonnull (strstr (result->out, "Times in Europe/Warsaw\n"));
  early = strstr (result->out, "09:00–09:30  3   Marek Wiśniewski – Željko Erkapić  Requested\n");
  booked = strstr (result->out, "10:00–10:30  12  Željko Erkapić – Anna Nowak        Accepted\n");
  late = strstr (result->out, "11:00–11:30  3   Marek Wiśniewski – Inês Costa      Accepted\n");
  g_assert_nonnull (early);
  g_assert_nonnull (booked);
  g_assert_nonnull (late);
  g_assert_true (early < booked && booked < late);
  g_assert_null (strstr (result->out, ZELJKO));
}

/* Two bookings of one slot (two desks offline; the portal took one): each
 * says, under it, what it clashes with. */
static void
test_schedule_clash (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) result = NULL;

  import (f, "clash.json",
          "{\"data\": [{\"type\": \"meeting\", \"id\": \"b2000000-0000-4000-8000-000000000004\","
          " \"attributes\": {\"starts_at\": \"2026-06-04T10:00:00+02:00\","
          "  \"ends_at\": \"2026-06-04T10:30:00+02:00\", \"table\": \"12\", \"status\": \"accepted\"},"
          " \"relationships\": {" REL ("event", "event", EVENT) ", " REL ("requester", "attendee", INES) ","
          "  " REL ("invitee", "attendee", MAREK) "}, \"meta\": {\"rev\": 1, \"seq\": 6}}],"
          " \"meta\": {\"cursor\": \"6\"}}");
  result = run (f, "meetings", EVENT);

  assert_status (result, 0);
  g_assert_nonnull (strstr (result->out,
                            "Željko Erkapić – Anna Nowak        Accepted\n"
                            "   Table 12 is taken from 10:00 to 10:30 by Inês Costa and Marek Wiśniewski\n"));
  g_assert_nonnull (strstr (result->out,
                            "Inês Costa – Marek Wiśniewski      Accepted\n"
                            "   Table 12 is taken from 10:00 to 10:30 by Željko Erkapić and Anna Nowak\n"));
}

static void
test_schedule_json (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Result) result = run (f, "meetings", EVENT, "--attendee", MAREK, "--json");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *meetings;
  JsonObject *first;

  assert_status (result, 0);
  root = parse_json (result->out);
  object = json_node_get_object (root);
  g_assert_cmpstr (eccp_json_get_string (object, "event"), ==, EVENT);
  g_assert_cmpstr (eccp_json_get_string (object, "timezone"), ==, "Europe/Warsaw");
  g_assert_cmpstr (eccp_json_get_string (object, "attendee"), ==, MAREK);

  /* Marek's two, the earlier first; Željko and Anna's is not his. */
  meetings = eccp_json_get_array (object, "meetings");
  g_assert_cmpuint (json_array_get_length (meetings), ==, 2);
  first = json_array_get_object_element (meetings, 0);
  g_assert_cmpstr (eccp_json_get_string (first, "id"), ==, EARLIER);
  g_assert_cmpstr (eccp_json_get_string (first, "starts_at"), ==, "2026-06-04T09:00:00+02:00");
  g_assert_cmpstr (eccp_json_get_string (first, "ends_at"), ==, "2026-06-04T09:30:00+02:00");
  g_assert_cmpstr (eccp_json_get_string (first, "status"), ==, "requested");
  g_assert_cmpstr (eccp_json_get_string (first, "table"), ==, "3");
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (first, "invitee"), "id"), ==, ZELJKO);
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (first, "invitee"), "name"), ==,
                   "Željko Erkapić");
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (first, "requester"), "name"), ==,
                   "Marek Wiśniewski");
  g_assert_cmpstr (eccp_json_get_string (json_array_get_object_element (meetings, 1), "id"), ==, LATER);
}

static void
test_schedule_unknown (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Result) result = run (f, "meetings", "e9999999-9999-4999-8999-999999999999");
  g_autoptr(Result) nobody = run (f, "meetings", EVENT, "--attendee", "nobody");

  assert_status (result, 1);
  assert_one_line_error (result);
  assert_status (nobody, 1);
  assert_one_line_error (nobody);
}

/* `eccp list meeting`: who meets, by name, in time order. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) result = run (f, "list", "meeting");
  g_auto(GStrv) lines = NULL;

  assert_status (result, 0);
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], EARLIER));
  g_assert_nonnull (strstr (lines[0], "Marek Wiśniewski – Željko Erkapić"));
  g_assert_true (g_str_has_prefix (lines[1], BOOKED));
  g_assert_nonnull (strstr (lines[1], "Željko Erkapić – Anna Nowak"));
  g_assert_true (g_str_has_prefix (lines[2], LATER));
  g_assert_cmpuint (strlen (lines[3]), ==, 0);
}

/* Refused with exit status 1, naming who is busy, and nothing queued. */
static void
test_create_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) result = run (f, "create", "meeting", "event=" EVENT,
                                  "requester=" INES, "invitee=" ANNA,
                                  "starts_at=2026-06-04T10:15:00+02:00",
                                  "ends_at=2026-06-04T10:45:00+02:00",
                                  "table=7", "status=accepted");
  g_autoptr(Result) table = NULL;

  assert_status (result, 1);
  assert_one_line_error (result);
  g_assert_cmpstr (result->err, ==,
                   "eccp: Anna Nowak already has a meeting from 10:00 to 10:30 (with Željko Erkapić, table 12)\n");
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpuint (count_changes (f), ==, 0);

  table = run (f, "create", "meeting", "event=" EVENT, "requester=" INES, "invitee=" MAREK,
               "starts_at=2026-06-04T10:00:00+02:00", "ends_at=2026-06-04T10:30:00+02:00",
               "table=12", "status=accepted");
  assert_status (table, 1);
  g_assert_cmpstr (table->err, ==,
                   "eccp: Table 12 is taken from 10:00 to 10:30 by Željko Erkapić and Anna Nowak\n");
  g_assert_cmpuint (count_changes (f), ==, 0);
}

/* Accepting the 09:00 request is fine; moving it onto 10:00 is refused,
 * and the change queued before stays as it was. */
static void
test_set_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Result) accept = run (f, "set", "meeting", EARLIER, "status=accepted");
  g_autoptr(Result) move = NULL;
  g_autoptr(JsonNode) shown = NULL;

  assert_status (accept, 0);
  g_assert_cmpuint (count_changes (f), ==, 1);

  move = run (f, "set", "meeting", EARLIER, "starts_at=2026-06-04T10:00:00+02:00",
              "ends_at=2026-06-04T10:30:00+02:00");
  assert_status (move, 1);
  g_assert_cmpstr (move->err, ==,
                   "eccp: Željko Erkapić already has a meeting from 10:00 to 10:30 (with Anna Nowak, table 12)\n");
  g_assert_cmpuint (count_changes (f), ==, 1);

  shown = show_json (f, "meeting", EARLIER);
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (json_node_get_object (shown), "attributes"),
                                         "starts_at"), ==, "2026-06-04T07:00:00Z");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, setup, (func), fixture_teardown)
  ADD ("/cli/meetings/schedule", test_schedule);
  ADD ("/cli/meetings/schedule-clash", test_schedule_clash);
  ADD ("/cli/meetings/schedule-json", test_schedule_json);
  ADD ("/cli/meetings/unknown", test_schedule_unknown);
  ADD ("/cli/meetings/list", test_list);
  ADD ("/cli/meetings/create-refused", test_create_refused);
  ADD ("/cli/meetings/set-refused", test_set_refused);
#undef ADD

  return g_test_run ();
}
