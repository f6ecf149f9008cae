/* test-csv.c: the attendee list as CSV, from a real SQLite file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-store.h"

#include "eccp-csv.h"
#include "eccp-json.h"
#include "eccp-store.h"

#define EVENT   "e0000000-0000-4000-8000-000000000001"
#define OTHER   "e0000000-0000-4000-8000-000000000002"
#define ZELJKO  "a0000000-0000-4000-8000-000000000001"
#define QUOTED  "a0000000-0000-4000-8000-000000000002"
#define FAR     "a0000000-0000-4000-8000-000000000003"

#define HEADER "event,name,organisation,country,checked_in,last_checkin,device,id\r\n"

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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  eccp_test_store_set_up (fixture, data);

  import_event (fixture->store, EVENT, "Matchmaking, \\\"Łódź\\\" 2026");
  import_event (fixture->store, OTHER, "Another event");
  import_attendee (fixture->store, ZELJKO, EVENT, "Željko Łódź Müller", "Politechnika Łódzka");
  import_attendee (fixture->store, QUOTED, EVENT, "Anna \\\"Ania\\\" Nowak", "Line one\\nline two, Ltd");
  import_attendee (fixture->store, FAR, OTHER, "Zoe Far", "Elsewhere");
}

static char *
write_csv (EccpStore  *store,
           const char *event_id,
           gboolean    bom)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (eccp_store_write_attendees_csv (store, event_id, bom, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write (out, "", 1, NULL, NULL) == 1);
  g_assert_true (g_output_stream_close (out, NULL, NULL));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_cell (void)
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
 * its title, nobody in yet */
static void
test_one_event (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture->store, EVENT, FALSE);

  g_assert_cmpstr (csv, ==,
                   HEADER
                   "\"Matchmaking, \"\"Łódź\"\" 2026\",\"Anna \"\"Ania\"\" Nowak\",\"Line one\nline two, Ltd\","
                   "Poland,no,,," QUOTED "\r\n"
                   "\"Matchmaking, \"\"Łódź\"\" 2026\",Željko Łódź Müller,Politechnika Łódzka,"
                   "Poland,no,,," ZELJKO "\r\n");
}

/* The app's file starts with the UTF-8 byte order mark, eccp's does not */
static void
test_bom (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *with = write_csv (fixture->store, OTHER, TRUE);
  g_autofree char *without = write_csv (fixture->store, OTHER, FALSE);

  g_assert_true (g_str_has_prefix (with, "\xef\xbb\xbf" HEADER));
  g_assert_true (g_str_has_prefix (without, HEADER));
  g_assert_cmpstr (with + 3, ==, without);
  g_assert_true (g_utf8_validate (without, -1, NULL));
}

/* A check-in shows as "yes", its time on the event's clock, its device */
static void
test_checked_in (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EccpRecord) checkin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *expected = NULL;

  checkin = eccp_store_check_in (fixture->store, EVENT, ZELJKO, FALSE, "Entrance A", &error);
  g_assert_no_error (error);

  csv = write_csv (fixture->store, EVENT, FALSE);
  g_assert_nonnull (strstr (csv, ",Poland,yes,"));
  g_assert_nonnull (strstr (csv, ",Entrance A," ZELJKO "\r\n"));
  /* Brussels is at +01:00 or +02:00, never at UTC's Z */
  g_assert_true (strstr (csv, "+01:00,Entrance A") != NULL || strstr (csv, "+02:00,Entrance A") != NULL);
  g_assert_nonnull (strstr (csv, ",no,,," QUOTED "\r\n"));
}

/* Without an event: every event's, event by event, by title */
static void
test_all_events (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture->store, NULL, FALSE);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[1], "Another event,Zoe Far,"));
  g_assert_true (g_str_has_prefix (lines[2], "\"Matchmaking"));
  g_assert_cmpstr (lines[4], ==, "");
}

static void
test_unknown_event (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_false (eccp_store_write_attendees_csv (fixture->store, "nope", FALSE, out, NULL, &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, eccp_test_store_tear_down)

  g_test_add_func ("/csv/cell", test_cell);
  ADD ("/csv/one-event", test_one_event);
  ADD ("/csv/bom", test_bom);
  ADD ("/csv/checked-in", test_checked_in);
  ADD ("/csv/all-events", test_all_events);
  ADD ("/csv/unknown-event", test_unknown_event);

  return g_test_run ();
}
