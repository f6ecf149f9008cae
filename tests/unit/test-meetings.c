/* test-meetings.c: an event's meetings and the double-booking check, on a
 * real SQLite file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-meetings.h"
#include "eccp-test-store.h"

#include "eccp-json.h"
#include "eccp-store.h"
#include "eccp-store-meetings.h"

typedef EccpTestStore Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;

  eccp_test_store_set_up (f, data);
  document = eccp_json_node_from_string (eccp_test_meetings_schedule, &error);
  g_assert_no_error (error);
  eccp_store_import_document (f->store, document, NULL, &error);
  g_assert_no_error (error);
}

#define count_changes eccp_test_count_changes

/* Refused as a double booking, saying @message. */
static void
assert_refused (EccpRecord *meeting,
                GError     *error,
                const char *message)
{
  g_assert_null (meeting);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_SLOT_TAKEN);
  g_assert_cmpstr (error->message, ==, message);
}

/* One of the two busy in 10:00–10:30 gets another meeting then: refused,
 * naming the person, the time in Warsaw, the partner and the table, and
 * nothing is written or queued. */
static void
test_attendee_busy (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) meeting = eccp_test_book_meeting (f->store, EVENT, MAREK, ZELJKO,
                                                          "10:15", "10:45", "5", "accepted", &error);

  assert_refused (meeting, error,
                  "Željko Erkapić already has a meeting from 10:00 to 10:30 (with Anna Nowak, table 12)");
  g_assert_cmpuint (count_changes (f->store), ==, 0);
  g_assert_cmpint (eccp_store_count_records (f->store, "meeting", NULL), ==, 1);

  /* The same from the other side of the booked meeting. */
  g_clear_error (&error);
  meeting = eccp_test_book_meeting (f->store, EVENT, ANNA, INES,
                                    "09:45", "10:05", "7", "accepted", &error);
  assert_refused (meeting, error,
                  "Anna Nowak already has a meeting from 10:00 to 10:30 (with Željko Erkapić, table 12)");
  g_assert_cmpuint (count_changes (f->store), ==, 0);
}

static void
test_table_taken (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) meeting = eccp_test_book_meeting (f->store, EVENT, MAREK, INES,
                                                          "10:20", "10:50", "12", "accepted", &error);

  assert_refused (meeting, error,
                  "Table 12 is taken from 10:00 to 10:30 by Željko Erkapić and Anna Nowak");
  g_assert_cmpuint (count_changes (f->store), ==, 0);

  /* Another table at that time is free. */
  g_clear_error (&error);
  meeting = eccp_test_book_meeting (f->store, EVENT, MAREK, INES,
                                    "10:20", "10:50", "13", "accepted", &error);
  g_assert_no_error (error);
  g_assert_nonnull (meeting);
  g_assert_cmpuint (count_changes (f->store), ==, 1);
}

/* Only accepted meetings collide: a request may overlap; accepting it is
 * what is checked, and the refused edit leaves it as it was. */
static void
test_requested_then_accepted (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) accept = eccp_test_object_from ("{\"status\": \"accepted\"}");
  g_autoptr(EccpRecord) request = eccp_test_book_meeting (f->store, EVENT, MAREK, ZELJKO,
                                                          "10:00", "10:30", "12", "requested", &error);
  g_autoptr(EccpRecord) accepted = NULL;
  g_autoptr(EccpRecord) kept = NULL;
  g_autoptr(EccpChange) change = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (request);
  g_assert_cmpuint (count_changes (f->store), ==, 1);

  accepted = eccp_store_update (f->store, "meeting", eccp_record_get_id (request), accept, NULL, &error);
  assert_refused (accepted, error,
                  "Željko Erkapić already has a meeting from 10:00 to 10:30 (with Anna Nowak, table 12)");

  kept = eccp_store_get (f->store, "meeting", eccp_record_get_id (request), NULL);
  g_assert_cmpstr (eccp_record_get_string (kept, "status"), ==, "requested");
  change = eccp_store_get_change (f->store, "meeting", eccp_record_get_id (request), NULL);
  g_assert_nonnull (change);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_CREATE);
  g_assert_cmpuint (count_changes (f->store), ==, 1);

  /* A declined or cancelled meeting blocks nobody either. */
  g_clear_object (&accepted);
  g_clear_error (&error);
  accepted = eccp_test_book_meeting (f->store, EVENT, ZELJKO, ANNA,
                                     "10:00", "10:30", "12", "cancelled", &error);
  g_assert_no_error (error);
  g_assert_nonnull (accepted);
}

/* 10:00–10:30 then 10:30–11:00, with the same people at the same table. */
static void
test_touching (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) after = eccp_test_book_meeting (f->store, EVENT, ANNA, ZELJKO,
                                                        "10:30", "11:00", "12", "accepted", &error);
  g_autoptr(EccpRecord) before = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (after);

  before = eccp_test_book_meeting (f->store, EVENT, ZELJKO, ANNA,
                                   "09:30", "10:00", "12", "accepted", &error);
  g_assert_no_error (error);
  g_assert_nonnull (before);
  g_assert_cmpuint (count_changes (f->store), ==, 2);
}

/* A meeting moved within its own slot does not clash with itself; moved
 * onto another, it does, and moved to a free slot it goes. */
static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) later = eccp_test_meeting_attributes ("10:10", "10:40", "12", "accepted");
  g_autoptr(JsonObject) onto = eccp_test_meeting_attributes ("11:10", "11:40", "12", "accepted");
  g_autoptr(EccpRecord) other = eccp_test_book_meeting (f->store, EVENT, MAREK, INES,
                                                        "11:00", "11:30", "12", "accepted", &error);
  g_autoptr(EccpRecord) moved = NULL;
  g_autoptr(EccpRecord) refused = NULL;

  g_assert_no_error (error);

  moved = eccp_store_update (f->store, "meeting", BOOKED, later, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_assert_cmpstr (eccp_record_get_string (moved, "starts_at"), ==, "2026-06-04T10:10:00+02:00");

  refused = eccp_store_update (f->store, "meeting", BOOKED, onto, NULL, &error);
  assert_refused (refused, error,
                  "Table 12 is taken from 11:00 to 11:30 by Marek Wiśniewski and Inês Costa");

  g_clear_object (&moved);
  moved = eccp_store_get (f->store, "meeting", BOOKED, NULL);
  g_assert_cmpstr (eccp_record_get_string (moved, "starts_at"), ==, "2026-06-04T10:10:00+02:00");
}

/* A deleted meeting whose slot was given to another is not put back by
 * Undo: that would book two at once. */
static void
test_undo_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) booked = eccp_store_get (f->store, "meeting", BOOKED, NULL);
  g_autoptr(EccpRecord) instead = NULL;
  g_autoptr(EccpRecord) still_gone = NULL;

  eccp_store_delete (f->store, "meeting", BOOKED, &error);
  g_assert_no_error (error);
  instead = eccp_test_book_meeting (f->store, EVENT, MAREK, INES,
                                    "10:00", "10:30", "12", "accepted", &error);
  g_assert_no_error (error);

  g_assert_false (eccp_store_restore (f->store, booked, NULL, &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_SLOT_TAKEN);
  g_assert_cmpstr (error->message, ==,
                   "Table 12 is taken from 10:00 to 10:30 by Marek Wiśniewski and Inês Costa");
  g_clear_error (&error);

  still_gone = eccp_store_get (f->store, "meeting", BOOKED, &error);
  g_assert_null (still_gone);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_changes (f->store), ==, 2);
}

/* The schedule in time order, all of it or one person's; the clashes of
 * a meeting, for showing both bookings. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* Made before the one at table 3 beside it: tables go as people count
   * them, 3 before 10, whatever order they were made in. */
  g_autoptr(EccpRecord) beside = eccp_test_book_meeting (f->store, EVENT, ZELJKO, ANNA,
                                                         "11:00", "11:30", "10", "accepted", &error);
  g_autoptr(EccpRecord) late = eccp_test_book_meeting (f->store, EVENT, MAREK, INES,
                                                       "11:00", "11:30", "3", "accepted", &error);
  g_autoptr(EccpRecord) early = eccp_test_book_meeting (f->store, EVENT, MAREK, ZELJKO,
                                                        "09:00", "09:30", "3", "requested", &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mareks = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *name = NULL;
  g_autoptr(JsonObject) attributes = eccp_test_meeting_attributes ("10:00", "10:30", "12", "accepted");
  g_autoptr(JsonObject) relationships = eccp_test_meeting_people (EVENT, INES, ANNA);
  g_autoptr(EccpRecord) probe = eccp_record_new ("meeting", "c3000000-0000-4000-8000-000000000001");

  g_assert_no_error (error);

  all = eccp_store_list_meetings (f->store, EVENT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (all, 0)), ==, eccp_record_get_id (early));
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (all, 1)), ==, BOOKED);
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (all, 2)), ==, eccp_record_get_id (late));
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (all, 3)), ==, eccp_record_get_id (beside));

  mareks = eccp_store_list_meetings (f->store, EVENT, MAREK, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mareks->len, ==, 2);
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (mareks, 0)), ==, eccp_record_get_id (early));

  eccp_record_take_trees (probe, json_object_ref (attributes), json_object_ref (relationships), NULL);
  clashes = eccp_store_find_meeting_clashes (f->store, probe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (clashes, 0)), ==, BOOKED);

  zone = eccp_store_get_event_zone (f->store, EVENT);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Warsaw");
  name = eccp_store_get_title (f->store, "attendee", ZELJKO);
  g_assert_cmpstr (name, ==, "Željko Erkapić");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, eccp_test_store_tear_down)
  ADD ("/meetings/refuse/attendee-busy", test_attendee_busy);
  ADD ("/meetings/refuse/table-taken", test_table_taken);
  ADD ("/meetings/refuse/only-accepted", test_requested_then_accepted);
  ADD ("/meetings/touching-is-free", test_touching);
  ADD ("/meetings/move", test_move);
  ADD ("/meetings/undo-delete", test_undo_delete);
  ADD ("/meetings/list", test_list);
#undef ADD

  return g_test_run ();
}
