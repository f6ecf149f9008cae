/* test-ical.c: calls' cut-offs and events as iCalendar, read back with
 * libical's parser (tests/cli/check-ics.py reads `eccp`'s with another)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <libical/ical.h>

#include "eccp-date.h"
#include "eccp-ical.h"
#include "eccp-json.h"
#include "eccp-query.h"
#include "eccp-store.h"
#include "eccp-test-store.h"

#define THREE_CUT_OFFS "00000000-0000-4000-8000-0000000000c1"
#define ONE_CUT_OFF    "00000000-0000-4000-8000-0000000000c2"
#define KYIV_EVENT     "00000000-0000-4000-8000-0000000000e1"
#define KYIV_EVENT_2   "00000000-0000-4000-8000-0000000000e2"
#define DST_EVENT      "00000000-0000-4000-8000-0000000000e3"
#define NO_ZONE_EVENT  "00000000-0000-4000-8000-0000000000e4"

/* Three cut-offs, not in order, the first past at NOW; the event in Kyiv
 * written at Lisbon's offset, as a user in Lisbon would have typed it; one
 * in Brussels across the night the clocks go forward (29 March 2026,
 * 02:00 → 03:00) */
static const char records[] =
  "{\"data\": ["
  "{\"type\": \"call\", \"id\": \"" THREE_CUT_OFFS "\","
  " \"attributes\": {\"title\": \"Three Cut-offs\", \"programme\": \"Horizon Europe\","
  "  \"description\": \"For clusters; read the guide, then apply.\","
  "  \"url\": \"https://calls.example.eu/three\","
  "  \"deadlines\": [\"2026-05-20T17:00:00+02:00\", \"2026-01-15T17:00:00+01:00\","
  "                  \"2026-03-12T17:00:00+01:00\"]},"
  " \"meta\": {\"rev\": 4, \"changed\": \"2026-01-02T10:15:00+01:00\"}},"
  "{\"type\": \"call\", \"id\": \"" ONE_CUT_OFF "\","
  " \"attributes\": {\"title\": \"One Cut-off\", \"deadlines\": [\"2026-03-29T02:30:00+01:00\"]},"
  " \"meta\": {\"rev\": 1}},"
  "{\"type\": \"event\", \"id\": \"" KYIV_EVENT "\","
  " \"attributes\": {\"title\": \"Kyiv Matchmaking\", \"kind\": \"matchmaking\","
  "  \"starts_at\": \"2026-06-04T07:00:00+01:00\", \"ends_at\": \"2026-06-05T15:30:00+01:00\","
  "  \"timezone\": \"Europe/Kyiv\", \"venue\": \"Expo Centre\", \"city\": \"Kyiv\","
  "  \"country\": \"UA\", \"registration_url\": \"https://events.example.eu/kyiv\","
  "  \"description\": \"Meet, match, sign.\"},"
  " \"meta\": {\"rev\": 2}},"
  "{\"type\": \"event\", \"id\": \"" KYIV_EVENT_2 "\","
  " \"attributes\": {\"title\": \"Kyiv Again\", \"kind\": \"conference\","
  "  \"starts_at\": \"2026-12-01T09:00:00+02:00\", \"ends_at\": \"2026-12-01T17:00:00+02:00\","
  "  \"timezone\": \"Europe/Kyiv\"},"
  " \"meta\": {\"rev\": 1}},"
  "{\"type\": \"event\", \"id\": \"" DST_EVENT "\","
  " \"attributes\": {\"title\": \"Night of the Clocks\", \"kind\": \"other\","
  "  \"starts_at\": \"2026-03-29T01:30:00+01:00\", \"ends_at\": \"2026-03-29T04:00:00+02:00\","
  "  \"timezone\": \"Europe/Brussels\"},"
  " \"meta\": {\"rev\": 7}},"
  "{\"type\": \"event\", \"id\": \"" NO_ZONE_EVENT "\","
  " \"attributes\": {\"title\": \"Nowhere in Particular\", \"kind\": \"webinar\","
  "  \"starts_at\": \"2026-04-01T10:00:00+02:00\", \"ends_at\": \"2026-04-01T11:00:00+02:00\","
  "  \"timezone\": \"Atlantis/Capital\"},"
  " \"meta\": {\"rev\": 1}}"
  "]}";

#define NOW "2026-02-01T10:00:00+01:00"

static GDateTime *
at (const char *rfc3339)
{
  GDateTime *time = eccp_date_time_parse_rfc3339 (rfc3339);

  g_assert_nonnull (time);
  return time;
}

static void
import (EccpTestStore *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = eccp_json_node_from_string (records, &error);

  g_assert_no_error (error);
  eccp_store_import_document (fixture->store, document, NULL, &error);
  g_assert_no_error (error);
}

static EccpRecord *
get (EccpTestStore *fixture,
     const char    *type,
     const char    *id)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *record = eccp_store_get (fixture->store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* The calendar of @ids (type/id pairs) at NOW, parsed by libical */
static icalcomponent *
export_at_now (EccpTestStore *fixture,
               char         **text_out,
               ...)
{
  g_autoptr(GDateTime) now = at (NOW);
  g_autoptr(EccpIcalWriter) writer = eccp_ical_writer_new (now, NULL);
  g_autofree char *text = NULL;
  icalcomponent *calendar;
  const char *type;
  va_list args;

  import (fixture);
  va_start (args, text_out);
  while ((type = va_arg (args, const char *)) != NULL)
    {
      g_autoptr(EccpRecord) record = get (fixture, type, va_arg (args, const char *));
      g_autoptr(GError) error = NULL;

      g_assert_true (eccp_ical_writer_add (writer, record, &error));
      g_assert_no_error (error);
    }
  va_end (args);

  text = eccp_ical_writer_to_string (writer);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);

  return calendar;
}

static GPtrArray *
vevents (icalcomponent *calendar)
{
  GPtrArray *found = g_ptr_array_new ();

  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    g_ptr_array_add (found, c);

  return found;
}

/* The instant of @vevent's DTSTART (or DTEND), its TZID read with the
 * calendar's own VTIMEZONE */
static gint64
instant_of (icalcomponent *vevent,
            gboolean       end)
{
  struct icaltimetype time = end ? icalcomponent_get_dtend (vevent) : icalcomponent_get_dtstart (vevent);

  g_assert_false (icaltime_is_null_time (time));
  return (gint64) icaltime_as_timet_with_zone (time, time.zone);
}

static gint64
unix_of (const char *rfc3339)
{
  g_autoptr(GDateTime) time = at (rfc3339);

  return g_date_time_to_unix (time);
}

static const char *
text_of (icalcomponent     *component,
         icalproperty_kind  kind)
{
  icalproperty *property = icalcomponent_get_first_property (component, kind);

  return property != NULL ? icalproperty_get_value_as_string (property) : NULL;
}

/* Raw, as written: "DTSTART;TZID=Europe/Kyiv:20260604T090000" */
static char *
line_of (icalcomponent     *component,
         icalproperty_kind  kind)
{
  icalproperty *property = icalcomponent_get_first_property (component, kind);

  g_assert_nonnull (property);
  return g_strchomp (g_strdup (icalproperty_as_ical_string (property)));
}

static void
test_header (EccpTestStore *fixture,
             gconstpointer  data)
{
  icalcomponent *calendar = export_at_now (fixture, NULL, "call", ONE_CUT_OFF, NULL);

  g_assert_cmpstr (text_of (calendar, ICAL_PRODID_PROPERTY), ==, "-//ECCP Desk//EN");
  g_assert_cmpstr (text_of (calendar, ICAL_VERSION_PROPERTY), ==, "2.0");
  g_assert_cmpint (icalproperty_get_method (icalcomponent_get_first_property (calendar, ICAL_METHOD_PROPERTY)),
                   ==, ICAL_METHOD_PUBLISH);
  icalcomponent_free (calendar);
}

static void
test_three_cut_offs (EccpTestStore *fixture,
                     gconstpointer  data)
{
  static const char * const summaries[] = {
    "Deadline: Three Cut-offs (cut-off 1 of 3)",
    "Deadline: Three Cut-offs (cut-off 2 of 3)",
    "Deadline: Three Cut-offs (cut-off 3 of 3)",
  };
  /* Earliest first, whatever the order in `deadlines` */
  static const char * const instants[] = {
    "2026-01-15T17:00:00+01:00", "2026-03-12T17:00:00+01:00", "2026-05-20T17:00:00+02:00",
  };
  static const char * const starts[] = {
    "DTSTART:20260115T160000Z", "DTSTART:20260312T160000Z", "DTSTART:20260520T150000Z",
  };
  icalcomponent *calendar = export_at_now (fixture, NULL, "call", THREE_CUT_OFFS, NULL);
  g_autoptr(GPtrArray) events = vevents (calendar);

  g_assert_cmpuint (events->len, ==, 3);
  for (guint i = 0; i < events->len; i++)
    {
      icalcomponent *vevent = g_ptr_array_index (events, i);
      icalcomponent *alarm = icalcomponent_get_first_component (vevent, ICAL_VALARM_COMPONENT);
      g_autofree char *uid = g_strdup_printf (THREE_CUT_OFFS "-cutoff-%u@eccp-desk", i + 1);
      g_autofree char *start = line_of (vevent, ICAL_DTSTART_PROPERTY);

      g_assert_cmpstr (icalcomponent_get_uid (vevent), ==, uid);
      g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, summaries[i]);
      /* The instant, in UTC: a cut-off has an offset, no zone */
      g_assert_cmpstr (start, ==, starts[i]);
      g_assert_cmpint (instant_of (vevent, FALSE), ==, unix_of (instants[i]));
      g_assert_null (icalcomponent_get_first_property (vevent, ICAL_DTEND_PROPERTY));
      g_assert_cmpstr (text_of (vevent, ICAL_URL_PROPERTY), ==, "https://calls.example.eu/three");
      g_assert_cmpstr (icalcomponent_get_description (vevent), ==,
                       "Programme: Horizon Europe\n\nFor clusters; read the guide, then apply.");
      g_assert_cmpint (icalcomponent_get_sequence (vevent), ==, 4);
      g_assert_cmpstr (text_of (vevent, ICAL_LASTMODIFIED_PROPERTY), ==, "20260102T091500Z");
      g_assert_nonnull (icalcomponent_get_first_property (vevent, ICAL_DTSTAMP_PROPERTY));

      /* A week before those still ahead; the past one would ring at once */
      if (i == 0)
        {
          g_assert_null (alarm);
          continue;
        }
      g_assert_nonnull (alarm);
      g_assert_cmpint (icalproperty_get_action (icalcomponent_get_first_property (alarm, ICAL_ACTION_PROPERTY)),
                       ==, ICAL_ACTION_DISPLAY);
      {
        struct icaltriggertype trigger = icalproperty_get_trigger (icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY));
        g_autofree char *line = line_of (alarm, ICAL_TRIGGER_PROPERTY);

        g_assert_cmpstr (line, ==, "TRIGGER:-P7D");
        g_assert_cmpint (icaldurationtype_as_int (trigger.duration), ==, -7 * 24 * 3600);
      }
      g_assert_cmpstr (text_of (alarm, ICAL_DESCRIPTION_PROPERTY), ==, "Deadline in a week: Three Cut-offs");
    }

  icalcomponent_free (calendar);
}

static void
test_one_cut_off (EccpTestStore *fixture,
                  gconstpointer  data)
{
  icalcomponent *calendar = export_at_now (fixture, NULL, "call", ONE_CUT_OFF, NULL);
  g_autoptr(GPtrArray) events = vevents (calendar);
  icalcomponent *vevent;

  g_assert_cmpuint (events->len, ==, 1);
  vevent = g_ptr_array_index (events, 0);
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, "Deadline: One Cut-off");
  g_assert_cmpstr (icalcomponent_get_uid (vevent), ==, ONE_CUT_OFF "-cutoff-1@eccp-desk");
  /* 02:30 at +01:00 on the night of the change is 01:30 UTC, whatever
   * the clocks in Brussels do */
  g_assert_cmpint (instant_of (vevent, FALSE), ==, unix_of ("2026-03-29T01:30:00Z"));
  /* Nothing to say, nothing said */
  g_assert_null (icalcomponent_get_first_property (vevent, ICAL_URL_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (vevent, ICAL_DESCRIPTION_PROPERTY));
  icalcomponent_free (calendar);
}

static guint
count_vtimezones (icalcomponent *calendar,
                  const char    *tzid)
{
  guint n = 0;

  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT))
    if (g_strcmp0 (text_of (c, ICAL_TZID_PROPERTY), tzid) == 0)
      n++;

  return n;
}

/* Written by someone in Lisbon (the times at +01:00, this computer in
 * Lisbon too): the file says Kyiv's clock, 09:00, with its zone */
static void
test_event_in_kyiv (EccpTestStore *fixture,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  icalcomponent *calendar = export_at_now (fixture, &text, "event", KYIV_EVENT, "event", KYIV_EVENT_2, NULL);
  g_autoptr(GPtrArray) events = vevents (calendar);
  icalcomponent *vevent;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *start_2 = NULL;

  g_assert_cmpuint (events->len, ==, 2);
  vevent = g_ptr_array_index (events, 0);
  g_assert_cmpstr (icalcomponent_get_uid (vevent), ==, KYIV_EVENT "@eccp-desk");
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, "Kyiv Matchmaking");
  start = line_of (vevent, ICAL_DTSTART_PROPERTY);
  end = line_of (vevent, ICAL_DTEND_PROPERTY);
  g_assert_cmpstr (start, ==, "DTSTART;TZID=Europe/Kyiv:20260604T090000");
  g_assert_cmpstr (end, ==, "DTEND;TZID=Europe/Kyiv:20260605T173000");
  /* Read back through the file's own VTIMEZONE: the record's instants */
  g_assert_cmpint (instant_of (vevent, FALSE), ==, unix_of ("2026-06-04T07:00:00+01:00"));
  g_assert_cmpint (instant_of (vevent, TRUE), ==, unix_of ("2026-06-05T15:30:00+01:00"));
  g_assert_cmpstr (icalcomponent_get_location (vevent), ==, "Expo Centre, Kyiv, Ukraine");
  g_assert_cmpstr (text_of (vevent, ICAL_URL_PROPERTY), ==, "https://events.example.eu/kyiv");
  g_assert_cmpstr (icalcomponent_get_description (vevent), ==, "Meet, match, sign.");
  g_assert_cmpint (icalcomponent_get_sequence (vevent), ==, 2);
  g_assert_null (icalcomponent_get_first_component (vevent, ICAL_VALARM_COMPONENT));

  /* Winter: +02:00 */
  vevent = g_ptr_array_index (events, 1);
  start_2 = line_of (vevent, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (start_2, ==, "DTSTART;TZID=Europe/Kyiv:20261201T090000");
  g_assert_cmpint (instant_of (vevent, FALSE), ==, unix_of ("2026-12-01T09:00:00+02:00"));
  /* Commas escaped in LOCATION as RFC 5545 says */
  g_assert_nonnull (strstr (text, "LOCATION:Expo Centre\\, Kyiv\\, Ukraine\r\n"));

  /* Its VTIMEZONE once, for both events, before them */
  g_assert_cmpuint (count_vtimezones (calendar, "Europe/Kyiv"), ==, 1);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);
  g_assert_true (strstr (text, "BEGIN:VTIMEZONE") < strstr (text, "BEGIN:VEVENT"));
  icalcomponent_free (calendar);
}

/* The night the clocks go forward: 01:30 CET to 04:00 CEST is an hour
 * and a half, and both clocks are written as they were read */
static void
test_daylight_saving (EccpTestStore *fixture,
                      gconstpointer  data)
{
  icalcomponent *calendar = export_at_now (fixture, NULL, "event", DST_EVENT, NULL);
  g_autoptr(GPtrArray) events = vevents (calendar);
  icalcomponent *vevent = g_ptr_array_index (events, 0);
  g_autofree char *start = line_of (vevent, ICAL_DTSTART_PROPERTY);
  g_autofree char *end = line_of (vevent, ICAL_DTEND_PROPERTY);

  g_assert_cmpstr (start, ==, "DTSTART;TZID=Europe/Brussels:20260329T013000");
  g_assert_cmpstr (end, ==, "DTEND;TZID=Europe/Brussels:20260329T040000");
  g_assert_cmpint (instant_of (vevent, FALSE), ==, unix_of ("2026-03-29T01:30:00+01:00"));
  g_assert_cmpint (instant_of (vevent, TRUE), ==, unix_of ("2026-03-29T04:00:00+02:00"));
  g_assert_cmpint (instant_of (vevent, TRUE) - instant_of (vevent, FALSE), ==, 90 * 60);
  g_assert_cmpuint (count_vtimezones (calendar, "Europe/Brussels"), ==, 1);
  icalcomponent_free (calendar);
}

/* A zone nobody knows: the same instants, in UTC, and no VTIMEZONE */
static void
test_unknown_zone (EccpTestStore *fixture,
                   gconstpointer  data)
{
  icalcomponent *calendar = export_at_now (fixture, NULL, "event", NO_ZONE_EVENT, NULL);
  g_autoptr(GPtrArray) events = vevents (calendar);
  icalcomponent *vevent = g_ptr_array_index (events, 0);
  g_autofree char *start = line_of (vevent, ICAL_DTSTART_PROPERTY);

  g_assert_cmpstr (start, ==, "DTSTART:20260401T080000Z");
  g_assert_cmpint (instant_of (vevent, TRUE), ==, unix_of ("2026-04-01T11:00:00+02:00"));
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 0);
  icalcomponent_free (calendar);
}

static GPtrArray *
uids_of_query (EccpStore  *store,
               const char *type)
{
  g_autoptr(EccpQuery) query = eccp_query_new (type);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  icalcomponent *calendar;
  guint n_events = 0;

  g_assert_true (eccp_ical_write_query (store, query, out, &n_events, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  calendar = icalparser_parse_string (text);
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    g_ptr_array_add (uids, g_strdup (icalcomponent_get_uid (c)));
  g_assert_cmpuint (uids->len, ==, n_events);
  icalcomponent_free (calendar);

  return uids;
}

/* Every entry its own UID, the same in every export: a calendar that
 * imports the file again updates what it has */
static void
test_uids (EccpTestStore *fixture,
           gconstpointer  data)
{
  static const char * const types[] = { "call", "event" };

  import (fixture);
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GPtrArray) first = uids_of_query (fixture->store, types[t]);
      g_autoptr(GPtrArray) second = uids_of_query (fixture->store, types[t]);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (first->len, ==, 4); /* 3 + 1 cut-offs; 4 events */
      g_assert_cmpuint (second->len, ==, first->len);
      for (guint i = 0; i < first->len; i++)
        {
          const char *uid = g_ptr_array_index (first, i);

          g_assert_true (g_str_has_suffix (uid, "@eccp-desk"));
          g_assert_true (g_hash_table_add (seen, (gpointer) uid));
          g_assert_true (g_ptr_array_find_with_equal_func (second, uid, g_str_equal, NULL));
        }
    }
}

static void
test_not_supported (EccpTestStore *fixture,
                    gconstpointer  data)
{
  g_autoptr(EccpQuery) query = eccp_query_new ("cluster");
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(EccpRecord) cluster = eccp_record_new ("cluster", "00000000-0000-4000-8000-0000000000a1");
  g_autoptr(EccpIcalWriter) writer = eccp_ical_writer_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (eccp_ical_supports_type ("call"));
  g_assert_true (eccp_ical_supports_type ("event"));
  g_assert_false (eccp_ical_supports_type ("meeting"));

  g_assert_false (eccp_ical_write_query (fixture->store, query, out, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (eccp_ical_writer_add (writer, cluster, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (eccp_ical_writer_get_n_events (writer), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Seen from Lisbon: nothing written may depend on this computer's zone */
  g_setenv ("TZ", "Europe/Lisbon", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, EccpTestStore, NULL, eccp_test_store_set_up, func, eccp_test_store_tear_down)
  ADD ("/ical/header", test_header);
  ADD ("/ical/call/three-cut-offs", test_three_cut_offs);
  ADD ("/ical/call/one-cut-off", test_one_cut_off);
  ADD ("/ical/event/kyiv-from-lisbon", test_event_in_kyiv);
  ADD ("/ical/event/daylight-saving", test_daylight_saving);
  ADD ("/ical/event/unknown-zone", test_unknown_zone);
  ADD ("/ical/uids", test_uids);
  ADD ("/ical/not-supported", test_not_supported);
#undef ADD

  return g_test_run ();
}
