/* test-venue.c: check-ins made offline on two laptops at the doors of a
 * venue, synced in turn through the real eccp-portal on 127.0.0.1
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

#include "eccp-test-sync.h"
#include "eccp-test-util.h"

#include "eccp-date.h"
#include "eccp-json.h"
#include "eccp-store.h"

#define ZELJKO "7a1b2c3d-0000-4000-8000-000000000001"
#define ANNA   "7a1b2c3d-0000-4000-8000-000000000002"
#define BOB    "7a1b2c3d-0000-4000-8000-000000000003"

typedef struct
{
  EccpTestSync  sync;
  char         *staff_token;
  char         *team_token;
  char         *event_id;    /* the event team's event */
} Fixture;

/* The users of the demo portal (data/portal-users.json): staff seeds the
 * event, its team checks people in. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "portal-users.json", NULL);
  g_autofree char *users_json = NULL;
  g_autoptr(JsonNode) users = NULL;
  JsonArray *array;

  g_file_get_contents (path, &users_json, NULL, &error);
  g_assert_no_error (error);
  users = eccp_test_parse_json (users_json);
  array = json_object_get_array_member (json_node_get_object (users), "users");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *user = json_array_get_object_element (array, i);
      const char *role = json_array_get_string_element (json_object_get_array_member (user, "roles"), 0);

      if (g_str_equal (role, "staff"))
        fixture->staff_token = g_strdup (json_object_get_string_member (user, "token"));
      else if (g_str_equal (role, "event_team"))
        {
          fixture->team_token = g_strdup (json_object_get_string_member (user, "token"));
          fixture->event_id = g_strdup (json_array_get_string_element (json_object_get_array_member (user, "events"), 0));
        }
    }

  g_assert_nonnull (fixture->staff_token);
  g_assert_nonnull (fixture->team_token);
  g_assert_nonnull (fixture->event_id);

  eccp_test_sync_set_up (&fixture->sync, users_json, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  eccp_test_sync_tear_down (&fixture->sync, data);
  g_clear_pointer (&fixture->staff_token, g_free);
  g_clear_pointer (&fixture->team_token, g_free);
  g_clear_pointer (&fixture->event_id, g_free);
}

static void
staff_post (Fixture    *fixture,
            const char *path,
            const char *body)
{
  g_autoptr(EccpPortalResponse) response = NULL;

  response = eccp_test_sync_call (&fixture->sync, fixture->staff_token, "POST", path, body, 0);
  g_assert_cmpuint (response->status, ==, 201);
}

static void
seed_attendee (Fixture    *fixture,
               const char *id,
               const char *name,
               const char *organisation)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"data\": {\"type\": \"attendee\", \"id\": \"%s\","
                          " \"attributes\": {\"name\": \"%s\", \"organisation\": \"%s\","
                          "   \"role\": \"participant\"},"
                          " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}}}}}",
                          id, name, organisation, fixture->event_id);
  staff_post (fixture, "/attendee", body);
}

/* The team's event in Split, and three attendees. */
static void
seed (Fixture *fixture)
{
  g_autofree char *event = NULL;

  event = g_strdup_printf ("{\"data\": {\"type\": \"event\", \"id\": \"%s\","
                           " \"attributes\": {\"title\": \"Matchmaking in Split\", \"kind\": \"matchmaking\","
                           "  \"starts_at\": \"2026-06-04T09:00:00+02:00\", \"ends_at\": \"2026-06-04T17:00:00+02:00\","
                           "  \"timezone\": \"Europe/Zagreb\", \"city\": \"Split\", \"country\": \"HR\"},"
                           " \"meta\": {\"moderation_state\": \"published\"}}}",
                           fixture->event_id);
  staff_post (fixture, "/event", event);
  seed_attendee (fixture, ZELJKO, "Željko Erkapić", "Politechnika Łódzka");
  seed_attendee (fixture, ANNA, "Anna Müller", "Fraunhofer");
  seed_attendee (fixture, BOB, "Bob Smith", "Digital Hub");
}

/* A check-in at the door, signed with the laptop's device name. */
static char *
check_in (Fixture    *fixture,
          EccpStore  *store,
          const char *attendee_id,
          const char *at,
          gboolean    undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonNode) relationships = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autofree char *relationships_json = NULL;
  g_autofree char *device = eccp_store_get_device_name (store);

  json_object_set_string_member (attributes, "at", at);
  json_object_set_string_member (attributes, "device", device);
  json_object_set_boolean_member (attributes, "undo", undo);
  relationships_json = g_strdup_printf ("{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}},"
                                        " \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"%s\"}}}",
                                        fixture->event_id, attendee_id);
  relationships = eccp_test_parse_json (relationships_json);

  record = eccp_store_create (store, "checkin", NULL, attributes, json_node_get_object (relationships), &error);
  g_assert_no_error (error);

  return g_strdup (eccp_record_get_id (record));
}

static void
set_device (EccpStore  *store,
            const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eccp_store_set_device_name (store, name, &error));
  g_assert_no_error (error);
}

/* Who is in, and by which check-in: "id:in:checkin_id,…", by name. */
static char *
who_is_in (Fixture   *fixture,
           EccpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  states = eccp_store_list_attendee_states (store, fixture->event_id, NULL, ECCP_CHECKIN_FILTER_ALL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < states->len; i++)
    {
      EccpAttendeeState *state = g_ptr_array_index (states, i);

      g_string_append_printf (text, "%s%s:%s:%s", i > 0 ? "," : "", state->name,
                              state->checked_in ? "in" : "out", state->last_checkin_id);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_counts (Fixture   *fixture,
               EccpStore *store,
               gint64     registered,
               gint64     checked_in)
{
  g_autoptr(GError) error = NULL;
  gint64 r = -1, c = -1;

  g_assert_true (eccp_store_count_checked_in (store, fixture->event_id, &r, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r, ==, registered);
  g_assert_cmpint (c, ==, checked_in);
}

static gint64
portal_count_checkins (Fixture *fixture)
{
  g_autoptr(EccpPortalClient) client = eccp_test_sync_client (&fixture->sync, fixture->staff_token);

  return eccp_test_portal_count (client, "type=checkin");
}

static void
test_two_doors (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EccpStore) one = NULL;
  g_autoptr(EccpStore) two = NULL;
  g_autoptr(EccpSyncEngine) engine_one = NULL;
  g_autoptr(EccpSyncEngine) engine_two = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *state_one = NULL;
  g_autofree char *state_two = NULL;
  g_autofree char *expected = NULL;
  char *zeljko_b;
  char *anna_undo;
  char *bob_b;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  one = eccp_test_sync_new_client (&fixture->sync, fixture->team_token, &engine_one, NULL);
  two = eccp_test_sync_new_client (&fixture->sync, fixture->team_token, &engine_two, NULL);
  set_device (one, "Entrance A");
  set_device (two, "Entrance B");
  assert_counts (fixture, one, 3, 0);

  /* Offline: Željko checked in at both entrances; Anna in, then undone;
   * Bob in at B. */
  g_ptr_array_add (ids, check_in (fixture, one, ZELJKO, "2026-06-04T08:55:00.000+02:00", FALSE));
  g_ptr_array_add (ids, zeljko_b = check_in (fixture, two, ZELJKO, "2026-06-04T08:56:30.000+02:00", FALSE));
  g_ptr_array_add (ids, check_in (fixture, one, ANNA, "2026-06-04T09:01:00.000+02:00", FALSE));
  g_ptr_array_add (ids, anna_undo = check_in (fixture, one, ANNA, "2026-06-04T09:01:05.500+02:00", TRUE));
  g_ptr_array_add (ids, bob_b = check_in (fixture, two, BOB, "2026-06-04T09:03:00.000+02:00", FALSE));
  assert_counts (fixture, one, 3, 1);
  assert_counts (fixture, two, 3, 2);

  /* In turn: one, two, then one again for what two sent. */
  {
    g_autoptr(EccpSyncReport) report = eccp_test_sync_run_in_step (engine_one);

    g_assert_cmpuint (report->pushed, ==, 3);
  }
  {
    g_autoptr(EccpSyncReport) report = eccp_test_sync_run_in_step (engine_two);

    g_assert_cmpuint (report->pushed, ==, 2);
    g_assert_cmpuint (report->conflicts, ==, 0);
  }
  {
    g_autoptr(EccpSyncReport) report = eccp_test_sync_run_in_step (engine_one);

    g_assert_cmpuint (report->pushed, ==, 0);
  }

  /* The portal holds each check-in once: five in all, each of them. */
  g_assert_cmpint (portal_count_checkins (fixture), ==, 5);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/checkin/%s", (const char *) g_ptr_array_index (ids, i));
      g_autoptr(EccpPortalResponse) response = NULL;

      response = eccp_test_sync_call (&fixture->sync, fixture->team_token, "GET", path, NULL, 0);
      g_assert_cmpuint (response->status, ==, 200);
    }

  /* Both laptops agree on who is in, and by which check-in. */
  state_one = who_is_in (fixture, one);
  state_two = who_is_in (fixture, two);
  expected = g_strdup_printf ("Anna Müller:out:%s,Bob Smith:in:%s,Željko Erkapić:in:%s",
                              anna_undo, bob_b, zeljko_b);
  g_assert_cmpstr (state_one, ==, expected);
  g_assert_cmpstr (state_two, ==, expected);
  assert_counts (fixture, one, 3, 2);
  assert_counts (fixture, two, 3, 2);
  g_assert_cmpint (eccp_store_count_changes (one, ECCP_SYNC_STATE_PENDING, NULL), ==, 0);
  g_assert_cmpint (eccp_store_count_changes (two, ECCP_SYNC_STATE_PENDING, NULL), ==, 0);
}

/* A day at the door: 1,000 check-ins and undos, sent in a few /batch
 * requests; the other laptop then agrees on everyone. */
static void
test_thousand_checkins (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const attendees[] = { ZELJKO, ANNA, BOB };
  g_autoptr(EccpStore) one = NULL;
  g_autoptr(EccpStore) two = NULL;
  g_autoptr(EccpSyncEngine) engine_one = NULL;
  g_autoptr(EccpSyncEngine) engine_two = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2026-06-04T08:00:00+02:00", NULL);
  g_autofree char *state_one = NULL;
  g_autofree char *state_two = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  one = eccp_test_sync_new_client (&fixture->sync, fixture->team_token, &engine_one, NULL);
  two = eccp_test_sync_new_client (&fixture->sync, fixture->team_token, &engine_two, NULL);

  /* Round the three attendees, every third round undoes.  The last
   * round (i = 997, 998, 999; i / 3 = 332, 332, 333): Anna and Bob in,
   * Željko undone. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_seconds (start, i * 7);
      g_autofree char *text = eccp_date_time_format_rfc3339_ms (at);
      g_autofree char *id = check_in (fixture, one, attendees[i % 3], text, (i / 3) % 3 == 0);
    }

  report = eccp_test_sync_run_in_step (engine_one);
  g_assert_cmpuint (report->pushed, ==, 1000);
  /* Through /batch: a handful of requests, not a thousand. */
  g_assert_cmpuint (report->push_requests, <=, 10);
  g_test_message ("1,000 check-ins: %u requests (%u writes)", report->requests, report->push_requests);
  g_assert_cmpint (portal_count_checkins (fixture), ==, 1000);

  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run_in_step (engine_two);
  g_assert_cmpuint (report->pulled, >=, 1000);

  state_one = who_is_in (fixture, one);
  state_two = who_is_in (fixture, two);
  g_assert_cmpstr (state_one, ==, state_two);
  assert_counts (fixture, one, 3, 2);
  assert_counts (fixture, two, 3, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/venue/two-doors", Fixture, NULL, fixture_set_up, test_two_doors, fixture_tear_down);
  g_test_add ("/venue/thousand-checkins", Fixture, NULL, fixture_set_up, test_thousand_checkins,
              fixture_tear_down);

  return g_test_run ();
}
