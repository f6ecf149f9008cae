/* test-meetings.c: double bookings, the client's against the real
 * eccp-portal on loopback
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The event team of data/portal-users.json books meetings on desks of its
 * own.  A double booking one desk can see is refused there and never
 * sent.  One it cannot see (two desks booking the same slot offline) the
 * portal refuses with 409 slot_taken: the second desk keeps it as a change
 * that waits for the person, shows both bookings, and sends it once it is
 * moved to a free slot.
 */

#include "config.h"

#include "eccp-json.h"
#include "eccp-store-meetings.h"
#include "eccp-store-sync.h"
#include "eccp-sync-engine.h"
#include "eccp-test-meetings.h"
#include "eccp-test-store.h"
#include "eccp-test-sync.h"
#include "eccp-test-util.h"

/* data/portal-users.json: staff, and the event team with its event. */
#define STAFF  "staff-demo-token"
#define TEAM   "event-demo-token"
#define TEAM_EVENT "23910e94-ead5-5e9b-8529-821730d4d6ca"

typedef EccpTestSync Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "portal-users.json", NULL);
  g_autofree char *users = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &users, NULL, &error);
  g_assert_no_error (error);
  eccp_test_sync_set_up (fixture, users, TRUE);
}

static void
portal_post (Fixture    *fixture,
             const char *token,
             const char *type,
             const char *body)
{
  g_autofree char *path = g_strdup_printf ("/%s", type);
  g_autoptr(EccpPortalResponse) response = eccp_test_sync_call (fixture, token, "POST", path, body, 0);

  if (response->status != 201)
    g_error ("POST %s: %u", path, response->status);
}

static void
seed_attendee (Fixture    *fixture,
               const char *id,
               const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"data\": {\"type\": \"attendee\", \"id\": \"%s\","
                                           " \"attributes\": {\"name\": \"%s\", \"role\": \"participant\"},"
                                           " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\","
                                           " \"id\": \"" TEAM_EVENT "\"}}}}}", id, name);

  portal_post (fixture, TEAM, "attendee", body);
}

/* The team's event in Brussels, published by staff, and four attendees. */
static void
seed (Fixture *fixture)
{
  portal_post (fixture, STAFF, "event",
               "{\"data\": {\"type\": \"event\", \"id\": \"" TEAM_EVENT "\","
               " \"attributes\": {\"title\": \"Brokerage day\", \"kind\": \"matchmaking\","
               "  \"starts_at\": \"2026-06-04T09:00:00+02:00\", \"ends_at\": \"2026-06-04T17:00:00+02:00\","
               "  \"timezone\": \"Europe/Brussels\", \"city\": \"Brussels\", \"country\": \"BE\"},"
               " \"meta\": {\"moderation_state\": \"published\"}}}");
  seed_attendee (fixture, ZELJKO, "Željko Erkapić");
  seed_attendee (fixture, ANNA, "Anna Nowak");
  seed_attendee (fixture, MAREK, "Marek Wiśniewski");
  seed_attendee (fixture, INES, "Inês Costa");
}

static gint64
portal_meetings (Fixture *fixture)
{
  g_autoptr(EccpPortalClient) client = eccp_test_sync_client (fixture, STAFF);

  return eccp_test_portal_count (client, "type=meeting");
}

#define count_changes eccp_test_count_changes

/* Seen on the desk: refused there, nothing queued, nothing sent. */
static void
test_refused_locally (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpRecord) booked = NULL;
  g_autoptr(EccpRecord) twice = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, TEAM, &engine, NULL);
  g_assert_cmpint (eccp_store_count_records (store, "attendee", NULL), ==, 4);

  booked = eccp_test_book_meeting (store, TEAM_EVENT, ANNA, ZELJKO,
                                   "10:00", "10:30", "7", "accepted", &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpint (portal_meetings (fixture), ==, 1);

  twice = eccp_test_book_meeting (store, TEAM_EVENT, MAREK, ZELJKO,
                                  "10:15", "10:45", "8", "accepted", &error);
  g_assert_null (twice);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_SLOT_TAKEN);
  g_assert_cmpstr (error->message, ==,
                   "Željko Erkapić already has a meeting from 10:00 to 10:30 (with Anna Nowak, table 7)");
  g_assert_cmpuint (count_changes (store), ==, 0);

  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->pushed, ==, 0);
  g_assert_cmpint (portal_meetings (fixture), ==, 1);
}

/* Table 7 at 10:00 booked on two desks offline: the second to sync gets
 * slot_taken, keeps its booking as a change for the person, shows both,
 * and sends it once moved to a free slot. */
static void
test_slot_taken (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EccpSyncEngine) engine_one = NULL;
  g_autoptr(EccpSyncEngine) engine_two = NULL;
  g_autoptr(EccpStore) one = NULL;
  g_autoptr(EccpStore) two = NULL;
  g_autoptr(EccpRecord) first = NULL;
  g_autoptr(EccpRecord) second = NULL;
  g_autoptr(EccpRecord) moved = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(JsonObject) free_slot = NULL;
  g_autoptr(EccpPortalResponse) on_portal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *second_id = NULL;
  JsonObject *reason;
  JsonObject *attributes;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  one = eccp_test_sync_new_client (fixture, TEAM, &engine_one, NULL);
  two = eccp_test_sync_new_client (fixture, TEAM, &engine_two, NULL);

  /* Offline, each desk sees no clash. */
  first = eccp_test_book_meeting (one, TEAM_EVENT, ANNA, ZELJKO,
                                  "10:00", "10:30", "7", "accepted", &error);
  g_assert_no_error (error);
  second = eccp_test_book_meeting (two, TEAM_EVENT, MAREK, INES,
                                   "10:00", "10:30", "7", "accepted", &error);
  g_assert_no_error (error);
  second_id = g_strdup (eccp_record_get_id (second));

  report = eccp_test_sync_run_in_step (engine_one);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);

  report = eccp_test_sync_run (engine_two, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_NEEDS_USER);
  g_assert_cmpuint (report->pushed, ==, 0);
  g_assert_cmpuint (report->invalid, ==, 1);
  g_assert_cmpint (portal_meetings (fixture), ==, 1);

  /* Kept, waiting for the person, with the portal's reason. */
  g_assert_cmpint (eccp_store_count_changes_needing_user (two, NULL), ==, 1);
  change = eccp_store_get_change (two, "meeting", second_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_true (eccp_change_needs_user (change));
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_INVALID);
  g_assert_nonnull (change->errors);
  reason = json_array_get_object_element (change->errors, 0);
  g_assert_cmpstr (eccp_json_get_string (reason, "code"), ==, "slot_taken");
  g_assert_nonnull (eccp_json_get_string (reason, "detail"));

  /* Both bookings: the desk's own, and the one the pull brought. */
  g_clear_object (&second);
  second = eccp_store_get (two, "meeting", second_id, &error);
  g_assert_no_error (error);
  clashes = eccp_store_find_meeting_clashes (two, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (clashes, 0)), ==, eccp_record_get_id (first));

  /* Moved to a free slot, it goes through. */
  free_slot = eccp_test_object_from ("{\"starts_at\": \"2026-06-04T11:00:00+02:00\","
                           " \"ends_at\": \"2026-06-04T11:30:00+02:00\"}");
  moved = eccp_store_update (two, "meeting", second_id, free_slot, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_assert_cmpint (eccp_store_count_changes_needing_user (two, NULL), ==, 0);

  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run_in_step (engine_two);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpint (portal_meetings (fixture), ==, 2);
  g_assert_cmpuint (count_changes (two), ==, 0);

  path = g_strdup_printf ("/meeting/%s", second_id);
  on_portal = eccp_test_sync_call (fixture, TEAM, "GET", path, NULL, 0);
  g_assert_cmpuint (on_portal->status, ==, 200);
  attributes = eccp_json_get_object (eccp_json_get_object (eccp_portal_response_get_object (on_portal),
                                                           "data"), "attributes");
  g_assert_cmpstr (eccp_json_get_string (attributes, "table"), ==, "7");
  g_assert_cmpstr (eccp_json_get_string (attributes, "starts_at"), ==, "2026-06-04T11:00:00+02:00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/integration/meetings/" path, Fixture, NULL, fixture_set_up, func, \
                                    eccp_test_sync_tear_down)
  ADD ("refused-locally", test_refused_locally);
  ADD ("slot-taken", test_slot_taken);
#undef ADD

  return g_test_run ();
}
