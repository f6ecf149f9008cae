/* test-cli-venue.c: eccp checkin, attendees and show attendee as an event
 * team runs them at the door, against a fresh store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

/* the fixture and its short names: tests/common/eccp-test-cli.h */
#define ECCP_TEST_CLI_SHORT_NAMES
#include "eccp-test-cli.h"
#include "eccp-test-util.h"

#include "eccp-store.h"

#define EVENT_ID   "e1111111-1111-4111-8111-111111111111"
#define OTHER_ID   "e2222222-2222-4222-8222-222222222222"
#define ZELJKO_ID  "a1111111-1111-4111-8111-111111111111"
#define ANNA_ID    "a2222222-2222-4222-8222-222222222222"
#define BOB_ID     "a3333333-3333-4333-8333-333333333333"
#define ZOE_ID     "a4444444-4444-4444-8444-444444444444"

#define ATTENDEE(id, name, organisation, country, event) \
  " {\"type\": \"attendee\", \"id\": \"" id "\"," \
  "  \"attributes\": {\"name\": \"" name "\", \"organisation\": \"" organisation "\"," \
  "                  \"country\": \"" country "\", \"role\": \"participant\"}," \
  "  \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" event "\"}}}," \
  "  \"meta\": {\"rev\": 1}}"

/* An event in Warsaw with three attendees, and one of another event. */
static const char venue_page[] =
  "{\"data\": ["
  " {\"type\": \"event\", \"id\": \"" EVENT_ID "\","
  "  \"attributes\": {\"title\": \"Matchmaking Kraków\", \"kind\": \"matchmaking\","
  "                  \"timezone\": \"Europe/Warsaw\","
  "                  \"starts_at\": \"2026-06-04T09:00:00+02:00\","
  "                  \"ends_at\": \"2026-06-04T17:00:00+02:00\"},"
  "  \"meta\": {\"rev\": 1, \"moderation_state\": \"published\"}},"
  " {\"type\": \"event\", \"id\": \"" OTHER_ID "\","
  "  \"attributes\": {\"title\": \"Webinar Two\", \"kind\": \"webinar\","
  "                  \"starts_at\": \"2026-07-01T10:00:00+02:00\","
  "                  \"ends_at\": \"2026-07-01T11:00:00+02:00\"},"
  "  \"meta\": {\"rev\": 1, \"moderation_state\": \"published\"}},"
  ATTENDEE (ZELJKO_ID, "Željko Erkapić", "Politechnika Łódzka", "PL", EVENT_ID) ","
  ATTENDEE (ANNA_ID, "Anna Müller", "Fraunhofer", "DE", EVENT_ID) ","
  ATTENDEE (BOB_ID, "Bob Smith", "Digital Hub", "IE", EVENT_ID) ","
  ATTENDEE (ZOE_ID, "Zoe Müller", "Elsewhere", "AT", OTHER_ID)
  "]}";

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(Result) result = NULL;

  fixture_setup (f, data);
  write_file (f, "venue.json", venue_page, &path);
  result = run (f, "import", path);
  assert_status (result, 0);
}

static gint64
count_checkins (Fixture *f)
{
  g_autoptr(Result) result = run (f, "status", "--json");
  g_autoptr(JsonNode) status = NULL;
  JsonObject *records;

  assert_status (result, 0);
  status = parse_json (result->out);
  records = json_object_get_object_member (json_node_get_object (status), "records");
  return json_object_get_int_member_with_default (records, "checkin", 0);
}

/* The checkin's time as the event's clock in Warsaw shows it: "08:15". */
static char *
warsaw_clock (Fixture    *f,
              const char *checkin_id)
{
  g_autoptr(JsonNode) checkin = show_json (f, "checkin", checkin_id);
  JsonObject *attributes = json_object_get_object_member (json_node_get_object (checkin), "attributes");
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (json_object_get_string_member (attributes, "at"), NULL);
  g_autoptr(GTimeZone) warsaw = g_time_zone_new_identifier ("Europe/Warsaw");
  g_autoptr(GDateTime) there = g_date_time_to_timezone (at, warsaw);

  return g_date_time_format (there, "%H:%M");
}

static void
test_already_in (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Result) first = NULL;
  g_autoptr(Result) twice = NULL;
  g_autoptr(Result) again = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *expected = NULL;

  first = run (f, "checkin", EVENT_ID, ANNA_ID, "--device", "Entrance A");
  assert_status (first, 0);
  g_strchomp (first->out);
  g_assert_true (g_uuid_string_is_valid (first->out));

  /* In already: said so on stderr, nothing on stdout, nothing added. */
  twice = run (f, "checkin", EVENT_ID, ANNA_ID, "--device", "Entrance B");
  assert_status (twice, 0);
  g_assert_cmpstr (twice->out, ==, "");
  clock = warsaw_clock (f, first->out);
  expected = g_strdup_printf ("Anna Müller is already checked in at %s by Entrance A: nothing added", clock);
  assert_contains (twice->err, expected);
  g_assert_cmpint (count_checkins (f), ==, 1);

  /* --again overrides. */
  again = run (f, "checkin", EVENT_ID, ANNA_ID, "--device", "Entrance B", "--again");
  assert_status (again, 0);
  g_strchomp (again->out);
  g_assert_true (g_uuid_string_is_valid (again->out));
  g_assert_cmpstr (again->err, ==, "");
  g_assert_cmpint (count_checkins (f), ==, 2);
}

static void
test_undo_when_out (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Result) undo = run (f, "checkin", EVENT_ID, BOB_ID, "--undo");
  g_autoptr(Result) in = NULL;
  g_autoptr(Result) out = NULL;
  g_autoptr(Result) out_again = NULL;

  assert_status (undo, 0);
  g_assert_cmpstr (undo->out, ==, "");
  assert_contains (undo->err, "Bob Smith is not checked in: nothing to undo");
  g_assert_cmpint (count_checkins (f), ==, 0);

  in = run (f, "checkin", EVENT_ID, BOB_ID);
  assert_status (in, 0);
  out = run (f, "checkin", EVENT_ID, BOB_ID, "--undo");
  assert_status (out, 0);
  g_assert_cmpstr (out->err, ==, "");
  out_again = run (f, "checkin", EVENT_ID, BOB_ID, "--undo");
  assert_status (out_again, 0);
  g_assert_cmpstr (out_again->out, ==, "");
  g_assert_cmpint (count_checkins (f), ==, 2);
}

/* The device name the app keeps in the store signs the CLI's check-ins. */
static void
test_device_preference (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Result) result = NULL;
  g_autoptr(JsonNode) checkin = NULL;
  JsonObject *attributes;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);

    g_assert_no_error (error);
    g_assert_true (eccp_store_set_device_name (store, "Entrance A", &error));
    g_assert_no_error (error);
  }

  result = run (f, "checkin", EVENT_ID, ZELJKO_ID);
  assert_status (result, 0);
  g_strchomp (result->out);
  checkin = show_json (f, "checkin", result->out);
  attributes = json_object_get_object_member (json_node_get_object (checkin), "attributes");
  g_assert_cmpstr (json_object_get_string_member (attributes, "device"), ==, "Entrance A");
}

static void
test_show_attendee (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Result) before = run (f, "show", "attendee", ANNA_ID);
  g_autoptr(Result) checkin = NULL;
  g_autoptr(Result) after = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *expected = NULL;

  assert_status (before, 0);
  assert_contains (before->out, "Checked in:");
  g_assert_true (g_regex_match_simple ("^Checked in: +no$", before->out, G_REGEX_MULTILINE, 0));

  checkin = run (f, "checkin", EVENT_ID, ANNA_ID, "--device", "Entrance A");
  assert_status (checkin, 0);
  g_strchomp (checkin->out);
  clock = warsaw_clock (f, checkin->out);

  after = run (f, "show", "attendee", ANNA_ID);
  assert_status (after, 0);
  expected = g_strdup_printf ("yes, at %s by Entrance A (not sent yet)", clock);
  assert_contains (after->out, expected);
}

static JsonArray *
attendees_json (Fixture    *f,
                const char *search,
                JsonNode  **root)
{
  g_autoptr(Result) result = NULL;

  if (search != NULL)
    result = run (f, "attendees", EVENT_ID, "--search", search, "--json");
  else
    result = run (f, "attendees", EVENT_ID, "--json");
  assert_status (result, 0);
  *root = parse_json (result->out);
  return json_object_get_array_member (json_node_get_object (*root), "attendees");
}

static void
test_attendees_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) checkin = run (f, "checkin", EVENT_ID, ZELJKO_ID);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) checkin_json = NULL;
  g_autofree char *expected_text = NULL;
  JsonObject *object;
  JsonArray *attendees;

  assert_status (checkin, 0);
  g_strchomp (checkin->out);
  checkin_json = show_json (f, "checkin", checkin->out);

  attendees = attendees_json (f, NULL, &root);
  object = json_node_get_object (root);
  expected_text = g_strdup_printf (
    "{\"event\": \"" EVENT_ID "\", \"registered\": 3, \"checked_in\": 1, \"attendees\": ["
    " {\"id\": \"" ANNA_ID "\", \"name\": \"Anna Müller\", \"organisation\": \"Fraunhofer\","
    "  \"country\": \"DE\", \"checked_in\": false, \"last_checkin\": null},"
    " {\"id\": \"" BOB_ID "\", \"name\": \"Bob Smith\", \"organisation\": \"Digital Hub\","
    "  \"country\": \"IE\", \"checked_in\": false, \"last_checkin\": null},"
    " {\"id\": \"" ZELJKO_ID "\", \"name\": \"Željko Erkapić\", \"organisation\": \"Politechnika Łódzka\","
    "  \"country\": \"PL\", \"checked_in\": true, \"last_checkin\": \"%s\"}]}",
    json_object_get_string_member (json_object_get_object_member (json_node_get_object (checkin_json),
                                                                  "attributes"), "at"));
  expected = parse_json (expected_text);
  g_assert_true (json_node_equal (root, expected));
  g_assert_cmpuint (json_object_get_size (object), ==, 4);
  g_assert_cmpuint (json_array_get_length (attendees), ==, 3);
}

static void
test_attendees_search (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *typed; const char *id; } cases[] = {
    { "zeljko", ZELJKO_ID },
    { "lodz", ZELJKO_ID },
    { "muller", ANNA_ID }, /* not Zoe Müller, of another event */
    { "MÜLL", ANNA_ID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonArray *attendees = attendees_json (f, cases[i].typed, &root);
      JsonObject *object = json_node_get_object (root);

      g_test_message ("--search %s", cases[i].typed);
      g_assert_cmpuint (json_array_get_length (attendees), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attendees, 0), "id"),
                       ==, cases[i].id);
      /* The counts stay the event's. */
      g_assert_cmpint (json_object_get_int_member (object, "registered"), ==, 3);
    }

  {
    g_autoptr(JsonNode) root = NULL;
    JsonArray *attendees = attendees_json (f, "nobody", &root);

    g_assert_cmpuint (json_array_get_length (attendees), ==, 0);
  }
}

static void
test_attendees_text (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) checkin = run (f, "checkin", EVENT_ID, BOB_ID, "--device", "Door 2");
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;

  assert_status (checkin, 0);
  g_strchomp (checkin->out);
  clock = warsaw_clock (f, checkin->out);

  result = run (f, "attendees", EVENT_ID);
  assert_status (result, 0);
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5); /* 4 lines and the last "" */
  g_assert_cmpstr (lines[0], ==, "1 of 3 checked in — Matchmaking Kraków");
  g_assert_true (g_str_has_prefix (lines[1], "–   Anna Müller "));
  g_assert_true (g_str_has_prefix (lines[2], "in  Bob Smith "));
  expected = g_strdup_printf (BOB_ID "  at %s by Door 2", clock);
  g_assert_true (g_str_has_suffix (lines[2], expected));
  assert_contains (lines[3], "Željko Erkapić");

  unknown = run (f, "attendees", "99999999-9999-4999-8999-999999999999");
  assert_status (unknown, 1);
  assert_one_line_error (unknown);
  assert_contains (unknown->err, "There is no event");
}

/* The attendee list as an event team opens it in a spreadsheet: only the
 * event asked for, by its title, and who `eccp checkin` let in */
static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Result) checkin = NULL;
  g_autoptr(Result) csv = NULL;
  g_autoptr(Result) all = NULL;
  g_autoptr(Result) bad = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *anna = NULL;

  checkin = run (f, "checkin", EVENT_ID, ANNA_ID, "--device", "Entrance A");
  assert_status (checkin, 0);
  g_strchomp (checkin->out);

  csv = run (f, "export", "attendee", "--where", "event=" EVENT_ID, "--format", "csv");
  assert_status (csv, 0);
  g_assert_cmpstr (csv->err, ==, "");
  lines = g_strsplit (csv->out, "\r\n", -1);
  /* No byte order mark on stdout; a header, three attendees, the last CRLF */
  g_assert_cmpstr (lines[0], ==, "event,name,organisation,country,checked_in,last_checkin,device,id");
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");

  clock = warsaw_clock (f, checkin->out);
  anna = g_strdup ("Matchmaking Kraków,Anna Müller,Fraunhofer,Germany,yes,20");
  g_assert_true (g_str_has_prefix (lines[1], anna));
  /* On Warsaw's clock, with its offset, by the device that let her in */
  g_assert_nonnull (strstr (lines[1], clock));
  g_assert_true (g_str_has_suffix (lines[1], "+01:00,Entrance A," ANNA_ID) ||
                 g_str_has_suffix (lines[1], "+02:00,Entrance A," ANNA_ID));
  g_assert_cmpstr (lines[2], ==, "Matchmaking Kraków,Bob Smith,Digital Hub,Ireland,no,,," BOB_ID);
  g_assert_cmpstr (lines[3], ==, "Matchmaking Kraków,Željko Erkapić,Politechnika Łódzka,Poland,no,,," ZELJKO_ID);
  g_assert_null (strstr (csv->out, ZOE_ID));

  /* Without --where: every event's, still with the title */
  all = run (f, "export", "attendee", "--format", "csv");
  assert_status (all, 0);
  assert_contains (all->out, "\r\nWebinar Two,Zoe Müller,Elsewhere,Austria,no,,," ZOE_ID "\r\n");

  bad = run (f, "export", "attendee", "--where", "name=Bob", "--format", "csv");
  assert_status (bad, 2);
  assert_contains (bad->err, "--where event=ID");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, fixture_teardown)

  ADD ("/cli/venue/already-in", test_already_in);
  ADD ("/cli/venue/undo-when-out", test_undo_when_out);
  ADD ("/cli/venue/device-preference", test_device_preference);
  ADD ("/cli/venue/show-attendee", test_show_attendee);
  ADD ("/cli/venue/attendees-json", test_attendees_json);
  ADD ("/cli/venue/attendees-search", test_attendees_search);
  ADD ("/cli/venue/attendees-text", test_attendees_text);
  ADD ("/cli/venue/export-csv", test_export_csv);

  return g_test_run ();
}
