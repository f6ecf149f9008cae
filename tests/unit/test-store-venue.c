/* test-store-venue.c: who is checked in, on a real SQLite file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-store.h"

#include "eccp-csv.h"
#include "eccp-json.h"
#include "eccp-store.h"
#include "eccp-store-private.h"

#define EVENT   "e0000000-0000-4000-8000-000000000001"
#define OTHER   "e0000000-0000-4000-8000-000000000002"
#define ZELJKO  "a0000000-0000-4000-8000-000000000001"
#define ANNA    "a0000000-0000-4000-8000-000000000002"
#define BOB     "a0000000-0000-4000-8000-000000000003"
#define ELSEWHERE "a0000000-0000-4000-8000-000000000004"
#define QUOTED  "a0000000-0000-4000-8000-000000000005"

typedef EccpTestStore Fixture;

static void
import_json (EccpStore  *store,
             const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = eccp_json_node_from_string (json, &error);

  g_assert_no_error (error);
  eccp_store_import_document (store, document, NULL, &error);
  g_assert_no_error (error);
}

static void
import_attendee (EccpStore  *store,
                 const char *id,
                 const char *event_id,
                 const char *name,
                 const char *organisation)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"data\": {\"type\": \"attendee\", \"id\": \"%s\","
                          " \"attributes\": {\"name\": \"%s\", \"organisation\": \"%s\","
                          "   \"country\": \"PL\", \"role\": \"participant\"},"
                          " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}}},"
                          " \"meta\": {\"rev\": 1}}}",
                          id, name, organisation, event_id);
  import_json (store, json);
}

/* A check-in as the portal sends it back: arrival order is the order of
 * the calls, whatever `at` says. */
static void
import_checkin (EccpStore  *store,
                const char *id,
                const char *attendee_id,
                const char *at,
                const char *device,
                gboolean    undo)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"data\": {\"type\": \"checkin\", \"id\": \"%s\","
                          " \"attributes\": {\"at\": \"%s\", \"device\": \"%s\", \"undo\": %s},"
                          " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT "\"}},"
                          "   \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"%s\"}}},"
                          " \"meta\": {\"rev\": 1}}}",
                          id, at, device, undo ? "true" : "false", attendee_id);
  import_json (store, json);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  eccp_test_store_set_up (fixture, data);

  import_attendee (fixture->store, ZELJKO, EVENT, "Željko Erkapić", "Politechnika Łódzka");
  import_attendee (fixture->store, ANNA, EVENT, "Anna Müller", "Fraunhofer");
  import_attendee (fixture->store, BOB, EVENT, "Bob Smith", "Digital Hub");
  import_attendee (fixture->store, ELSEWHERE, OTHER, "Zoe Müller", "Elsewhere");
}

static EccpAttendeeState *
get_state (EccpStore  *store,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpAttendeeState *state = eccp_store_get_attendee_state (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (state);

  return state;
}

/* The names @search and @filter select, joined with ",". */
static char *
list_names (EccpStore         *store,
            const char        *search,
            EccpCheckinFilter  filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  states = eccp_store_list_attendee_states (store, EVENT, search, filter, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < states->len; i++)
    {
      EccpAttendeeState *state = g_ptr_array_index (states, i);

      g_assert_cmpstr (state->event_id, ==, EVENT);
      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", state->name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_counts (EccpStore *store,
               gint64     registered,
               gint64     checked_in)
{
  g_autoptr(GError) error = NULL;
  gint64 r = -1, c = -1;

  g_assert_true (eccp_store_count_checked_in (store, EVENT, &r, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r, ==, registered);
  g_assert_cmpint (c, ==, checked_in);
}

static void
test_nobody_in (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EccpAttendeeState) state = get_state (fixture->store, ANNA);
  g_autofree char *all = list_names (fixture->store, NULL, ECCP_CHECKIN_FILTER_ALL);
  g_autofree char *in = list_names (fixture->store, NULL, ECCP_CHECKIN_FILTER_IN);

  g_assert_false (state->checked_in);
  g_assert_null (state->last_at);
  g_assert_null (state->last_checkin_id);
  g_assert_cmpstr (state->organisation, ==, "Fraunhofer");
  g_assert_cmpstr (state->country, ==, "PL");
  /* Only this event's attendees, by name. */
  g_assert_cmpstr (all, ==, "Anna Müller,Bob Smith,Željko Erkapić");
  g_assert_cmpstr (in, ==, "");
  assert_counts (fixture->store, 3, 0);
}

/* A check-in, then its undo: out again, and the undo is the latest. */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(EccpAttendeeState) in = NULL;
  g_autoptr(EccpAttendeeState) out = NULL;

  import_checkin (fixture->store, "c1", ANNA, "2026-12-06T08:15:00.000+01:00", "Entrance A", FALSE);
  in = get_state (fixture->store, ANNA);
  g_assert_true (in->checked_in);
  g_assert_cmpstr (in->last_device, ==, "Entrance A");
  g_assert_cmpstr (in->last_at, ==, "2026-12-06T08:15:00.000+01:00");
  assert_counts (fixture->store, 3, 1);

  import_checkin (fixture->store, "c2", ANNA, "2026-12-06T08:15:04.250+01:00", "Entrance A", TRUE);
  out = get_state (fixture->store, ANNA);
  g_assert_false (out->checked_in);
  g_assert_cmpstr (out->last_checkin_id, ==, "c2");
  assert_counts (fixture->store, 3, 0);
}

/* The latest by `at` decides, not the latest to arrive; `at` is an
 * instant, whatever its offset. */
static void
test_order_of_arrival (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EccpAttendeeState) anna = NULL;
  g_autoptr(EccpAttendeeState) bob = NULL;

  /* Anna: undone at 08:20 (Paris), then checked in at 07:30Z = 08:30
   * Paris, which arrives first. */
  import_checkin (fixture->store, "c1", ANNA, "2026-12-06T07:30:00Z", "Entrance B", FALSE);
  import_checkin (fixture->store, "c2", ANNA, "2026-12-06T08:20:00.000+01:00", "Entrance A", TRUE);
  /* Bob: the same two the other way round. */
  import_checkin (fixture->store, "c3", BOB, "2026-12-06T08:20:00.000+01:00", "Entrance A", FALSE);
  import_checkin (fixture->store, "c4", BOB, "2026-12-06T07:30:00Z", "Entrance B", TRUE);

  anna = get_state (fixture->store, ANNA);
  g_assert_true (anna->checked_in);
  g_assert_cmpstr (anna->last_checkin_id, ==, "c1");
  bob = get_state (fixture->store, BOB);
  g_assert_false (bob->checked_in);
  g_assert_cmpstr (bob->last_checkin_id, ==, "c4");
  assert_counts (fixture->store, 3, 1);
}

/* Checked in at both entrances: in once, by the later one. */
static void
test_two_devices (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EccpAttendeeState) state = NULL;
  g_autofree char *in = NULL;
  g_autofree char *not_in = NULL;

  import_checkin (fixture->store, "c2", ZELJKO, "2026-12-06T08:17:00.000+01:00", "Entrance B", FALSE);
  import_checkin (fixture->store, "c1", ZELJKO, "2026-12-06T08:15:00.000+01:00", "Entrance A", FALSE);

  state = get_state (fixture->store, ZELJKO);
  g_assert_true (state->checked_in);
  g_assert_cmpstr (state->last_device, ==, "Entrance B");
  assert_counts (fixture->store, 3, 1);

  in = list_names (fixture->store, NULL, ECCP_CHECKIN_FILTER_IN);
  not_in = list_names (fixture->store, NULL, ECCP_CHECKIN_FILTER_NOT_IN);
  g_assert_cmpstr (in, ==, "Željko Erkapić");
  g_assert_cmpstr (not_in, ==, "Anna Müller,Bob Smith");
}

/* An undo older than a later check-in withdraws only what came before:
 * whoever arrives last. */
static void
test_old_undo (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(EccpAttendeeState) state = NULL;

  import_checkin (fixture->store, "c1", BOB, "2026-12-06T08:00:00.000+01:00", "Entrance A", FALSE);
  import_checkin (fixture->store, "c3", BOB, "2026-12-06T09:00:00.000+01:00", "Entrance B", FALSE);
  import_checkin (fixture->store, "c2", BOB, "2026-12-06T08:30:00.000+01:00", "Entrance A", TRUE);

  state = get_state (fixture->store, BOB);
  g_assert_true (state->checked_in);
  g_assert_cmpstr (state->last_checkin_id, ==, "c3");
  g_assert_cmpstr (state->last_device, ==, "Entrance B");
}

/* A check-in made here waits to be sent, and says so. */
static void
test_local_checkin (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) attributes = eccp_test_object_from ("{\"at\": \"2026-12-06T08:15:00.000+01:00\","
                                                           " \"device\": \"Entrance A\", \"undo\": false}");
  g_autoptr(JsonObject) relationships = eccp_test_object_from ("{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT "\"}},"
                                                              " \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"" ANNA "\"}}}");
  g_autoptr(EccpRecord) checkin = NULL;
  g_autoptr(EccpAttendeeState) state = NULL;

  checkin = eccp_store_create (fixture->store, "checkin", NULL, attributes, relationships, &error);
  g_assert_no_error (error);

  state = get_state (fixture->store, ANNA);
  g_assert_true (state->checked_in);
  g_assert_cmpstr (state->last_checkin_id, ==, eccp_record_get_id (checkin));
  g_assert_cmpint (state->last_state, ==, ECCP_SYNC_STATE_PENDING);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct { const char *typed; const char *names; } cases[] = {
    { "zeljko", "Željko Erkapić" },
    { "ZELJ", "Željko Erkapić" },
    { "lodz", "Željko Erkapić" },
    { "muller", "Anna Müller" },   /* not Zoe Müller: another event */
    { "mül", "Anna Müller" },
    { "digital", "Bob Smith" },
    { "anna fraun", "Anna Müller" },
    { "nobody", "" },
    { "  ", "Anna Müller,Bob Smith,Željko Erkapić" }, /* no word: no search */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *names = list_names (fixture->store, cases[i].typed, ECCP_CHECKIN_FILTER_ALL);

      g_test_message ("typed “%s”", cases[i].typed);
      g_assert_cmpstr (names, ==, cases[i].names);
    }

  /* A search and a filter together */
  import_checkin (fixture->store, "c1", ANNA, "2026-12-06T08:15:00.000+01:00", "Entrance A", FALSE);
  {
    g_autofree char *in = list_names (fixture->store, "muller", ECCP_CHECKIN_FILTER_IN);
    g_autofree char *not_in = list_names (fixture->store, "muller", ECCP_CHECKIN_FILTER_NOT_IN);

    g_assert_cmpstr (in, ==, "Anna Müller");
    g_assert_cmpstr (not_in, ==, "");
  }
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpAttendeeState) state = NULL;

  state = eccp_store_get_attendee_state (fixture->store, "no-such-attendee", &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_assert_null (state);
}

/* Each attendee's latest check-in comes from checkins_by_attendee
 * (schema 8), the event's attendees from attendees_by_event, in order:
 * no scan of every check-in, no sort. */
static void
test_plan (Fixture       *fixture,
           gconstpointer  data)
{
  for (int search = 0; search <= 1; search++)
    for (EccpCheckinFilter filter = ECCP_CHECKIN_FILTER_ALL; filter <= ECCP_CHECKIN_FILTER_IN; filter++)
      {
        g_autofree char *sql = _eccp_store_attendee_states_sql (search, filter);
        g_autofree char *plan = eccp_test_store_plan (fixture->store, sql);

        g_assert_nonnull (strstr (plan, "SEARCH a USING INDEX attendees_by_event"));
        g_assert_nonnull (strstr (plan, "SEARCH c USING INDEX checkins_by_attendee"));
        g_assert_null (strstr (plan, "TEMP B-TREE"));
      }
}

/* "Recent check-ins": the event's latest check-ins and undos, newest
 * by `at` whatever order they arrived in, no other event's, at most
 * @limit, with what is still to be sent marked. */
static void
test_recent (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(EccpRecord) local = NULL;
  g_autoptr(EccpRecord) elsewhere = NULL;
  EccpRecentCheckin *checkin;

  recent = eccp_store_list_recent_checkins (fixture->store, EVENT, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 0);
  g_clear_pointer (&recent, g_ptr_array_unref);

  import_checkin (fixture->store, "c0000000-0000-4000-8000-000000000002", ANNA,
                  "2026-06-04T08:20:00+02:00", "Entrance B", TRUE);
  import_checkin (fixture->store, "c0000000-0000-4000-8000-000000000001", ANNA,
                  "2026-06-04T08:15:00+02:00", "Entrance A", FALSE);
  /* Earlier than both, in another zone */
  import_checkin (fixture->store, "c0000000-0000-4000-8000-000000000003", BOB,
                  "2026-06-04T06:10:00Z", "Entrance A", FALSE);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("c0000000-0000-4000-8000-1000000000%02d", i);
      g_autofree char *at = g_strdup_printf ("2026-06-04T07:%02d:00+02:00", i);

      import_checkin (fixture->store, id, ZELJKO, at, "Entrance C", i % 2 == 1);
    }
  local = eccp_store_check_in (fixture->store, EVENT, BOB, FALSE, "Entrance A", &error);
  g_assert_no_error (error);
  elsewhere = eccp_store_check_in (fixture->store, OTHER, ELSEWHERE, FALSE, "Entrance A", &error);
  g_assert_no_error (error);

  recent = eccp_store_list_recent_checkins (fixture->store, EVENT, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 10);

  /* Made here just now: newest, and not sent yet */
  checkin = g_ptr_array_index (recent, 0);
  g_assert_cmpstr (checkin->id, ==, eccp_record_get_id (local));
  g_assert_cmpstr (checkin->attendee_id, ==, BOB);
  g_assert_cmpstr (checkin->name, ==, "Bob Smith");
  g_assert_false (checkin->undo);
  g_assert_cmpint (checkin->state, ==, ECCP_SYNC_STATE_PENDING);

  /* The undo is one of them, shown as such */
  checkin = g_ptr_array_index (recent, 1);
  g_assert_cmpstr (checkin->id, ==, "c0000000-0000-4000-8000-000000000002");
  g_assert_cmpstr (checkin->name, ==, "Anna Müller");
  g_assert_cmpstr (checkin->at, ==, "2026-06-04T08:20:00+02:00");
  g_assert_cmpstr (checkin->device, ==, "Entrance B");
  g_assert_true (checkin->undo);
  g_assert_cmpint (checkin->state, ==, ECCP_SYNC_STATE_SYNCED);

  checkin = g_ptr_array_index (recent, 2);
  g_assert_cmpstr (checkin->id, ==, "c0000000-0000-4000-8000-000000000001");
  g_assert_false (checkin->undo);

  /* Then Željko's, 07:09 down to 07:03; Bob's 06:10Z (08:10 local) came
   * before 08:15 and after 07:09 */
  checkin = g_ptr_array_index (recent, 3);
  g_assert_cmpstr (checkin->id, ==, "c0000000-0000-4000-8000-000000000003");
  checkin = g_ptr_array_index (recent, 4);
  g_assert_cmpstr (checkin->id, ==, "c0000000-0000-4000-8000-100000000009");
  g_assert_true (checkin->undo);
  checkin = g_ptr_array_index (recent, 9);
  g_assert_cmpstr (checkin->id, ==, "c0000000-0000-4000-8000-100000000004");
  g_assert_false (checkin->undo);

  /* Every one of the event's, and none of the other event's */
  all = eccp_store_list_recent_checkins (fixture->store, EVENT, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 14);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (((EccpRecentCheckin *) g_ptr_array_index (all, i))->attendee_id, !=, ELSEWHERE);

  /* The copy the boxed type makes */
  {
    g_autoptr(EccpRecentCheckin) copy = eccp_recent_checkin_copy (g_ptr_array_index (recent, 1));

    g_assert_cmpstr (copy->device, ==, "Entrance B");
    g_assert_true (copy->undo);
  }
}

/* The latest check-ins walk checkins_by_event (schema 9) backwards and
 * stop at the limit: neither every check-in of the event nor a sort. */
static void
test_recent_plan (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *plan = eccp_test_store_plan (fixture->store, _eccp_store_recent_checkins_sql ());

  g_assert_nonnull (strstr (plan, "SEARCH c USING INDEX checkins_by_event"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
}

static void
test_device_name (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *initial = eccp_store_get_device_name (fixture->store);
  g_autofree char *named = NULL;
  g_autofree char *reset = NULL;
  g_autofree char *too_long = g_strnfill (101, 'x');
  g_autoptr(EccpStore) reopened = NULL;
  g_autofree char *kept = NULL;

  g_assert_cmpstr (initial, ==, g_get_host_name ());

  g_assert_true (eccp_store_set_device_name (fixture->store, "  Entrance A ", &error));
  g_assert_no_error (error);
  named = eccp_store_get_device_name (fixture->store);
  g_assert_cmpstr (named, ==, "Entrance A");

  /* Kept in the file, where `eccp` reads it too. */
  reopened = eccp_store_new (fixture->path, &error);
  g_assert_no_error (error);
  kept = eccp_store_get_device_name (reopened);
  g_assert_cmpstr (kept, ==, "Entrance A");

  g_assert_false (eccp_store_set_device_name (fixture->store, too_long, &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_true (eccp_store_set_device_name (fixture->store, "", &error));
  g_assert_no_error (error);
  reset = eccp_store_get_device_name (fixture->store);
  g_assert_cmpstr (reset, ==, g_get_host_name ());
}

/* The attendee list as CSV (eccp-csv.c) */

#define CSV_HEADER "event,name,organisation,country,checked_in,last_checkin,device,id\r\n"
/* The event's title, quoted for its comma and quotes */
#define CSV_TITLE "\"Matchmaking, \"\"Łódź\"\" 2026\""

static void
import_event (EccpStore  *store,
              const char *id,
              const char *title)
{
  g_autofree char *json = g_strdup_printf ("{\"data\": {\"type\": \"event\", \"id\": \"%s\","
                                           " \"attributes\": {\"title\": \"%s\", \"timezone\": \"Europe/Brussels\"},"
                                           " \"meta\": {\"rev\": 1}}}", id, title);
  import_json (store, json);
}

static void
csv_set_up (Fixture       *fixture,
            gconstpointer  data)
{
  fixture_set_up (fixture, data);
  import_event (fixture->store, EVENT, "Matchmaking, \\\"Łódź\\\" 2026");
  import_event (fixture->store, OTHER, "Another event");
  import_attendee (fixture->store, QUOTED, EVENT, "Anna \\\"Ania\\\" Nowak", "Line one\\nline two, Ltd");
}

/* The CSV, and its rows counted by the writer as the lines written */
static char *
write_csv (EccpStore  *store,
           const char *event_id,
           gboolean    bom)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  guint n_rows = G_MAXUINT;
  guint n_lines = 0;

  g_assert_true (eccp_store_write_attendees_csv (store, event_id, bom, out, &n_rows, NULL, &error));
  g_assert_no_error (error);
  text = g_string_new_len (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                           g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  /* Lines end in CRLF; no attendee here has a CRLF inside a cell */
  for (const char *p = text->str; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n_lines++;
  g_assert_cmpuint (n_rows, ==, n_lines - 1);
  g_assert_cmpint (g_output_stream_write (out, "", 1, NULL, NULL), ==, 1);
  g_assert_true (g_output_stream_close (out, NULL, NULL));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_csv_cell (void)
{
  struct { const char *text, *cell; } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a, b", "\"a, b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "one\ntwo", "\"one\ntwo\"" },
    { "one\r\ntwo", "\"one\r\ntwo\"" },
    { "Željko Łódź Müller", "Željko Łódź Müller" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      eccp_csv_append_cell (line, cases[i].text);
      g_assert_cmpstr (line->str, ==, cases[i].cell);
    }
}

/* One event's attendees by name, quoted where RFC 4180 says, the event by
 * its title, nobody in yet; then one in, on the event's clock */
static void
test_csv_one_event (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture->store, EVENT, FALSE);
  g_autofree char *in = NULL;

  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   CSV_TITLE ",\"Anna \"\"Ania\"\" Nowak\",\"Line one\nline two, Ltd\",Poland,no,,," QUOTED "\r\n"
                   CSV_TITLE ",Anna Müller,Fraunhofer,Poland,no,,," ANNA "\r\n"
                   CSV_TITLE ",Bob Smith,Digital Hub,Poland,no,,," BOB "\r\n"
                   CSV_TITLE ",Željko Erkapić,Politechnika Łódzka,Poland,no,,," ZELJKO "\r\n");

  import_checkin (fixture->store, "c1", ANNA, "2026-12-06T07:15:00Z", "Entrance A", FALSE);
  in = write_csv (fixture->store, EVENT, FALSE);
  g_assert_nonnull (strstr (in, "\r\n" CSV_TITLE ",Anna Müller,Fraunhofer,Poland,yes,"
                                "2026-12-06T08:15:00+01:00,Entrance A," ANNA "\r\n"));
}

/* The app's file starts with the UTF-8 byte order mark, eccp's does not */
static void
test_csv_bom (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *with = write_csv (fixture->store, OTHER, TRUE);
  g_autofree char *without = write_csv (fixture->store, OTHER, FALSE);

  g_assert_cmpstr (with, ==, "\xef\xbb\xbf" CSV_HEADER "Another event,Zoe Müller,Elsewhere,Poland,no,,," ELSEWHERE "\r\n");
  g_assert_cmpstr (with + 3, ==, without);
}

/* Without an event: every event's, event by event, by title */
static void
test_csv_all_events (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture->store, NULL, FALSE);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    guint n_rows = 0;

    g_assert_true (eccp_store_write_attendees_csv (fixture->store, NULL, FALSE, out, &n_rows, NULL, NULL));
    g_assert_cmpuint (n_rows, ==, 5);
  }
  g_assert_cmpstr (lines[0], ==, "event,name,organisation,country,checked_in,last_checkin,device,id");
  g_assert_true (g_str_has_prefix (lines[1], "Another event,Zoe Müller,"));
  g_assert_true (g_str_has_prefix (lines[2], CSV_TITLE ","));
  g_assert_cmpstr (lines[6], ==, "");
}

/* Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start) are written as text with a leading ' (OWASP's CSV injection
 * advice): an attendee's name is what anyone could type in a form */
static void
test_csv_formulas (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = NULL;

  import_event (fixture->store, "e0000000-0000-4000-8000-000000000003", "=Event");
  import_attendee (fixture->store, "a0000000-0000-4000-8000-000000000031", "e0000000-0000-4000-8000-000000000003",
                   "=HYPERLINK(\\\"http://x\\\";1)", "+48 Ltd");
  import_attendee (fixture->store, "a0000000-0000-4000-8000-000000000032", "e0000000-0000-4000-8000-000000000003",
                   "@SUM(A1)", "-minus");
  import_attendee (fixture->store, "a0000000-0000-4000-8000-000000000033", "e0000000-0000-4000-8000-000000000003",
                   "\\tTab", "\\rReturn");
  import_attendee (fixture->store, "a0000000-0000-4000-8000-000000000034", "e0000000-0000-4000-8000-000000000003",
                   "Plain = fine", "O'Brien & Co");
  csv = write_csv (fixture->store, "e0000000-0000-4000-8000-000000000003", FALSE);

  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "'=Event,'\tTab,\"'\rReturn\",Poland,no,,,a0000000-0000-4000-8000-000000000033\r\n"
                   "'=Event,\"'=HYPERLINK(\"\"http://x\"\";1)\",'+48 Ltd,Poland,no,,,a0000000-0000-4000-8000-000000000031\r\n"
                   "'=Event,'@SUM(A1),'-minus,Poland,no,,,a0000000-0000-4000-8000-000000000032\r\n"
                   "'=Event,Plain = fine,O'Brien & Co,Poland,no,,,a0000000-0000-4000-8000-000000000034\r\n");
}

static void
test_csv_unknown_event (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_false (eccp_store_write_attendees_csv (fixture->store, "nope", FALSE, out, NULL, NULL, &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, eccp_test_store_tear_down)

  ADD ("/venue/nobody-in", test_nobody_in);
  ADD ("/venue/undo", test_undo);
  ADD ("/venue/order-of-arrival", test_order_of_arrival);
  ADD ("/venue/two-devices", test_two_devices);
  ADD ("/venue/old-undo", test_old_undo);
  ADD ("/venue/local-checkin", test_local_checkin);
  ADD ("/venue/search", test_search);
  ADD ("/venue/not-found", test_not_found);
  ADD ("/venue/plan", test_plan);
  ADD ("/venue/recent", test_recent);
  ADD ("/venue/recent-plan", test_recent_plan);
  ADD ("/venue/device-name", test_device_name);

#define ADD_CSV(path, func) \
  g_test_add (path, Fixture, NULL, csv_set_up, func, eccp_test_store_tear_down)

  g_test_add_func ("/venue/csv/cell", test_csv_cell);
  ADD_CSV ("/venue/csv/one-event", test_csv_one_event);
  ADD_CSV ("/venue/csv/bom", test_csv_bom);
  ADD_CSV ("/venue/csv/all-events", test_csv_all_events);
  ADD_CSV ("/venue/csv/unknown-event", test_csv_unknown_event);
  ADD_CSV ("/venue/csv/formulas", test_csv_formulas);

  return g_test_run ();
}
