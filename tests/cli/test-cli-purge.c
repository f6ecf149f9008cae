/* test-cli-purge.c: eccp purge removes the attendee data of past events,
 * keeps what is not sent yet, and --dry-run changes nothing
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

#define OLD_ID     "e1111111-1111-4111-8111-111111111111"
#define BUSY_ID    "e2222222-2222-4222-8222-222222222222"
#define SOON_ID    "e3333333-3333-4333-8333-333333333333"
#define ZELJKO_ID  "a1111111-1111-4111-8111-111111111111"
#define ANNA_ID    "a2222222-2222-4222-8222-222222222222"
#define PAUL_ID    "a3333333-3333-4333-8333-333333333333"
#define RITA_ID    "a4444444-4444-4444-8444-444444444444"

#define EVENT(id, title, ends_at) \
  " {\"type\": \"event\", \"id\": \"" id "\"," \
  "  \"attributes\": {\"title\": \"" title "\", \"kind\": \"matchmaking\"," \
  "                  \"starts_at\": \"" ends_at "\", \"ends_at\": \"" ends_at "\"}," \
  "  \"meta\": {\"rev\": 1, \"moderation_state\": \"published\"}}"
#define ATTENDEE(id, name, event) \
  " {\"type\": \"attendee\", \"id\": \"" id "\"," \
  "  \"attributes\": {\"name\": \"" name "\", \"organisation\": \"Hub\"}," \
  "  \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" event "\"}}}," \
  "  \"meta\": {\"rev\": 1}}"

/* Two events of 2018 and one of 2099; a meeting and a check-in at the
 * first. */
static const char page[] =
  "{\"data\": ["
  EVENT (OLD_ID, "Matchmaking 2018", "2018-11-06T17:00:00+01:00") ","
  EVENT (BUSY_ID, "Busy 2018", "2018-11-08T17:00:00+01:00") ","
  EVENT (SOON_ID, "Matchmaking 2099", "2099-11-06T17:00:00+01:00") ","
  ATTENDEE (ZELJKO_ID, "Željko Erkapić", OLD_ID) ","
  ATTENDEE (ANNA_ID, "Anna Gorczyca", OLD_ID) ","
  ATTENDEE (PAUL_ID, "Paul Pending", BUSY_ID) ","
  ATTENDEE (RITA_ID, "Rita Recent", SOON_ID) ","
  " {\"type\": \"meeting\", \"id\": \"m1111111-1111-4111-8111-111111111111\","
  "  \"attributes\": {\"starts_at\": \"2018-11-06T10:00:00+01:00\", \"ends_at\": \"2018-11-06T10:30:00+01:00\","
  "                  \"table\": \"T1\", \"status\": \"accepted\"},"
  "  \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" OLD_ID "\"}},"
  "    \"requester\": {\"data\": {\"type\": \"attendee\", \"id\": \"" ZELJKO_ID "\"}},"
  "    \"invitee\": {\"data\": {\"type\": \"attendee\", \"id\": \"" ANNA_ID "\"}}},"
  "  \"meta\": {\"rev\": 1}},"
  " {\"type\": \"checkin\", \"id\": \"c1111111-1111-4111-8111-111111111111\","
  "  \"attributes\": {\"at\": \"2018-11-06T09:00:00+01:00\", \"device\": \"Door\", \"undo\": false},"
  "  \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" OLD_ID "\"}},"
  "    \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"" ZELJKO_ID "\"}}},"
  "  \"meta\": {\"rev\": 1}}"
  "]}";

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) checkin = NULL;

  fixture_setup (f, data);
  write_file (f, "page.json", page, &path);
  result = run (f, "import", path);
  assert_status (result, 0);

  /* Checked in here and not sent yet: the busy event keeps its data. */
  checkin = run (f, "checkin", BUSY_ID, PAUL_ID);
  assert_status (checkin, 0);
}

static char *
status_json (Fixture *f)
{
  g_autoptr(Result) result = run (f, "status", "--json");

  assert_status (result, 0);
  return g_strdup (result->out);
}

static gint64
count_records (Fixture    *f,
               const char *type)
{
  g_autofree char *text = status_json (f);
  g_autoptr(JsonNode) status = parse_json (text);
  JsonObject *records = json_object_get_object_member (json_node_get_object (status), "records");

  return json_object_get_int_member_with_default (records, type, 0);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = status_json (f);
  g_autofree char *after = NULL;
  g_autoptr(Result) result = run (f, "purge", "--before", "2026-11-06", "--dry-run");

  assert_status (result, 0);
  g_assert_cmpstr (result->out, ==,
                   "Would remove 2 attendees, 1 check-in and 1 meeting of 1 event that ended"
                   " before 6 Nov 2026; kept 1 event with changes not sent yet\n");
  after = status_json (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Result) result = run (f, "purge", "--before", "2026-11-06");
  g_autoptr(Result) search = NULL;
  g_autoptr(Result) again = NULL;
  g_autoptr(Result) pending = NULL;

  assert_status (result, 0);
  g_assert_cmpstr (result->out, ==,
                   "Removed 2 attendees, 1 check-in and 1 meeting of 1 event that ended"
                   " before 6 Nov 2026; kept 1 event with changes not sent yet\n");
  g_assert_cmpint (count_records (f, "attendee"), ==, 2);
  g_assert_cmpint (count_records (f, "meeting"), ==, 0);
  g_assert_cmpint (count_records (f, "checkin"), ==, 1);
  g_assert_cmpint (count_records (f, "event"), ==, 3);

  search = run (f, "list", "attendee", "--search", "erkapic");
  assert_status (search, 0);
  g_assert_null (strstr (search->out, "Erkapić"));

  /* The check-in not sent yet is still waiting. */
  pending = run (f, "changes");
  assert_status (pending, 0);
  assert_contains (pending->out, "checkin");

  again = run (f, "purge", "--before", "2026-11-06");
  assert_status (again, 0);
  g_assert_true (g_str_has_prefix (again->out, "No attendee data of events that ended before 6 Nov 2026"));
}

/* Without --before: 30 days ago, which leaves 2099's event alone. */
static void
test_default_before (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) result = run (f, "purge");

  assert_status (result, 0);
  assert_contains (result->out, "Removed 2 attendees");
  g_assert_cmpint (count_records (f, "attendee"), ==, 2);
}

static void
test_bad_date (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = status_json (f);
  g_autofree char *after = NULL;
  g_autoptr(Result) result = run (f, "purge", "--before", "yesterday-ish");

  assert_status (result, 2);
  assert_contains (result->err, "“yesterday-ish” is not a date");
  g_assert_cmpstr (result->out, ==, "");
  after = status_json (f);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/purge/dry-run", Fixture, NULL, set_up, test_dry_run, fixture_teardown);
  g_test_add ("/cli/purge/purge", Fixture, NULL, set_up, test_purge, fixture_teardown);
  g_test_add ("/cli/purge/default-before", Fixture, NULL, set_up, test_default_before, fixture_teardown);
  g_test_add ("/cli/purge/bad-date", Fixture, NULL, set_up, test_bad_date, fixture_teardown);

  return g_test_run ();
}
