/* test-call.c: a call's cut-offs, its state, its badge and its place in
 * the calls' list, at a given now
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "eccp-call.h"
#include "eccp-date.h"
#include "eccp-json.h"
#include "eccp-query.h"
#include "eccp-store.h"
#include "eccp-test-store.h"

#define THREE_CUT_OFFS "00000000-0000-4000-8000-0000000000c1"

/* Three cut-offs, not in order; the first has passed at NOW */
static const char calls[] =
  "{\"data\": ["
  "{\"type\": \"call\", \"id\": \"" THREE_CUT_OFFS "\","
  " \"attributes\": {\"title\": \"Three Cut-offs\", \"opens_at\": \"2025-11-01T09:00:00+01:00\","
  "  \"budget_eur\": 14280000,"
  "  \"deadlines\": [\"2026-05-20T17:00:00+02:00\", \"2026-01-15T17:00:00+01:00\","
  "                  \"2026-03-12T17:00:00+01:00\"]}},"
  "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-0000000000c2\","
  " \"attributes\": {\"title\": \"Closes Sooner, Last Later\","
  "  \"deadlines\": [\"2026-02-20T17:00:00+01:00\", \"2026-12-20T17:00:00+01:00\"]}},"
  "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-0000000000c3\","
  " \"attributes\": {\"title\": \"Opens in April\", \"opens_at\": \"2026-04-01T09:00:00+02:00\","
  "  \"deadlines\": [\"2026-06-30T17:00:00+02:00\"]}},"
  "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-0000000000c4\","
  " \"attributes\": {\"title\": \"Closed Last Year\", \"deadlines\": [\"2025-12-01T17:00:00+01:00\"]}},"
  "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-0000000000c5\","
  " \"attributes\": {\"title\": \"Closed Long Ago\", \"deadlines\": [\"2024-12-01T17:00:00+01:00\"]}}"
  "]}";

#define NOW "2026-02-01T10:00:00+01:00"

static GDateTime *
at (const char *rfc3339)
{
  GDateTime *time = eccp_date_time_parse_rfc3339 (rfc3339);

  g_assert_nonnull (time);
  return time;
}

static EccpRecord *
load (EccpTestStore *fixture,
      const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = eccp_json_node_from_string (calls, &error);
  EccpRecord *record;

  g_assert_no_error (error);
  eccp_store_import_document (fixture->store, document, NULL, &error);
  g_assert_no_error (error);

  record = eccp_store_get (fixture->store, "call", id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static char *
badge_at (EccpRecord *call,
          const char *now_text)
{
  g_autoptr(GTimeZone) brussels = g_time_zone_new_identifier ("Europe/Brussels");
  g_autoptr(GDateTime) now = at (now_text);

  return eccp_call_format_badge (call, now, brussels);
}

static void
test_three_cut_offs (EccpTestStore *fixture,
                     gconstpointer  data)
{
  g_autoptr(EccpRecord) call = load (fixture, THREE_CUT_OFFS);
  g_autoptr(GDateTime) now = at (NOW);
  g_autoptr(GPtrArray) deadlines = eccp_call_get_deadlines (call);
  g_autoptr(GDateTime) next = eccp_call_get_next_deadline (call, now);
  g_autoptr(GDateTime) expected_next = at ("2026-03-12T17:00:00+01:00");
  static const struct { const char *now; const char *badge; EccpCallState state; } cases[] = {
    /* Two cut-offs remain: the next one's */
    { NOW, "Next cut-off 12 March", ECCP_CALL_STATE_OPEN },
    { "2026-03-07T10:00:00+01:00", "Next cut-off in 5 days", ECCP_CALL_STATE_CLOSING },
    { "2026-03-11T18:00:00+01:00", "Next cut-off tomorrow at 17:00", ECCP_CALL_STATE_CLOSING },
    { "2026-03-12T09:00:00+01:00", "Next cut-off today at 17:00", ECCP_CALL_STATE_CLOSING },
    /* The last one: when the call closes */
    { "2026-03-12T17:00:01+01:00", "Closes 20 May", ECCP_CALL_STATE_OPEN },
    { "2026-05-15T10:00:00+02:00", "Closes in 5 days", ECCP_CALL_STATE_CLOSING },
    { "2026-05-20T16:59:00+02:00", "Closes today at 17:00", ECCP_CALL_STATE_CLOSING },
    { "2026-05-20T17:00:01+02:00", "Closed", ECCP_CALL_STATE_CLOSED },
    /* Before it opens */
    { "2025-10-01T10:00:00+02:00", "Opens 1 November", ECCP_CALL_STATE_FORTHCOMING },
  };

  /* Earliest first, whatever the order the portal sent */
  g_assert_cmpuint (deadlines->len, ==, 3);
  for (guint i = 1; i < deadlines->len; i++)
    g_assert_cmpint (g_date_time_compare (g_ptr_array_index (deadlines, i - 1),
                                          g_ptr_array_index (deadlines, i)), <, 0);

  /* The past one is not next */
  g_assert_nonnull (next);
  g_assert_true (g_date_time_equal (next, expected_next));
  g_assert_cmpuint (eccp_call_count_remaining (call, now), ==, 2);

  /* A cut-off at now is not past yet (`eccp show call` says "(passed)"
   * by this), a microsecond later it is */
  {
    g_autoptr(GDateTime) after = g_date_time_add (expected_next, 1);

    g_assert_false (eccp_call_deadline_is_past (expected_next, expected_next));
    g_assert_true (eccp_call_deadline_is_past (expected_next, after));
    g_assert_false (eccp_call_deadline_is_past (after, expected_next));
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = at (cases[i].now);
      g_autofree char *badge = badge_at (call, cases[i].now);

      g_assert_cmpstr (badge, ==, cases[i].badge);
      g_assert_cmpint (eccp_call_get_state (call, when), ==, cases[i].state);
    }
}

/* The list's own order at NOW: by the next cut-off, not the last (one
 * closing 20 February comes before one whose next is 12 March, though
 * its last is in December); the forthcoming one by its cut-off; the
 * closed last, the most recently closed first. */
static void
test_order (EccpTestStore *fixture,
            gconstpointer  data)
{
  g_autoptr(EccpRecord) call = load (fixture, THREE_CUT_OFFS);
  g_autoptr(EccpQuery) query = eccp_query_new ("call");
  g_autoptr(GDateTime) now = at (NOW);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;

  eccp_query_set_now (query, now);
  records = eccp_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (titles, (gpointer) eccp_record_get_title (g_ptr_array_index (records, i)));
  g_ptr_array_add (titles, NULL);
  joined = g_strjoinv (",", (char **) titles->pdata);

  g_assert_cmpstr (joined, ==, "Closes Sooner, Last Later,Three Cut-offs,Opens in April,"
                               "Closed Last Year,Closed Long Ago");
}

/* The day clocks go forward in Brussels: 17:00 is +02:00 and the days
 * before count on the calendar */
static void
test_daylight_saving (EccpTestStore *fixture,
                      gconstpointer  data)
{
  g_autoptr(EccpRecord) call = eccp_record_new ("call", "00000000-0000-4000-8000-0000000000c9");
  g_autofree char *night = NULL;
  g_autofree char *week = NULL;
  g_autofree char *autumn = NULL;

  eccp_record_take_trees (call, eccp_test_object_from ("{\"title\": \"Spring\", \"deadlines\": [\"2026-03-29T17:00:00+02:00\"]}"),
                          NULL, NULL);
  night = badge_at (call, "2026-03-29T00:30:00+01:00");
  week = badge_at (call, "2026-03-24T18:00:00+01:00");
  g_assert_cmpstr (night, ==, "Closes today at 17:00");
  g_assert_cmpstr (week, ==, "Closes in 5 days");

  eccp_record_take_trees (call, eccp_test_object_from ("{\"title\": \"Autumn\", \"deadlines\": [\"2026-10-25T17:00:00+01:00\"]}"),
                          NULL, NULL);
  autumn = badge_at (call, "2026-10-24T23:30:00+02:00");
  g_assert_cmpstr (autumn, ==, "Closes tomorrow at 17:00");
}

/* The status filter (SQL) and the badge (C) read every spelling of a
 * cut-off alike: RFC 3339 with "Z" or "±HH:MM" counts, nothing else does
 * (SQLite's unixepoch() alone would take an offsetless time as UTC, a date
 * as midnight, a number as a Julian day and 30 February as 2 March). */
static void
test_strict_times (EccpTestStore *fixture,
                   gconstpointer  data)
{
  static const struct { const char *json; gboolean readable; } cases[] = {
    { "\"2026-03-12T17:00:00+01:00\"", TRUE },
    { "\"2026-03-12T16:00:00Z\"", TRUE },
    { "\"2026-03-12T16:00:00.250Z\"", TRUE },
    { "\"2026-03-12T11:00:00-05:00\"", TRUE },
    { "\"2026-03-12T17:00:00+0100\"", FALSE },
    { "\"2026-03-12T17:00:00+01\"", FALSE },
    { "\"20260312T160000Z\"", FALSE },
    { "\"2026-03-12T17:00:00\"", FALSE },
    { "\"2026-03-12T17:00\"", FALSE },
    { "\"2026-03-12\"", FALSE },
    { "\"2026-03-12 16:00:00Z\"", FALSE },
    { "\"2026-03-12t16:00:00z\"", FALSE },
    { "\"2026-02-30T17:00:00Z\"", FALSE },
    { "\"2026-03-12T24:00:00Z\"", FALSE },
    { "\"next Tuesday\"", FALSE },
    { "2461112.5", FALSE },
    { "1773331200", FALSE },
  };
  g_autoptr(GDateTime) now = at (NOW);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", 100 + i);
      g_autofree char *text = g_strdup_printf ("{\"data\": [{\"type\": \"call\", \"id\": \"%s\","
                                               " \"attributes\": {\"title\": \"Case %u\","
                                               " \"deadlines\": [%s]}}]}", id, i, cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) document = eccp_json_node_from_string (text, &error);
      g_autoptr(EccpRecord) call = NULL;
      g_autoptr(GPtrArray) deadlines = NULL;
      EccpCallState state;

      g_assert_no_error (error);
      eccp_store_import_document (fixture->store, document, NULL, &error);
      g_assert_no_error (error);
      call = eccp_store_get (fixture->store, "call", id, &error);
      g_assert_no_error (error);

      g_test_message ("%s", cases[i].json);
      deadlines = eccp_call_get_deadlines (call);
      g_assert_cmpuint (deadlines->len, ==, cases[i].readable ? 1 : 0);
      state = eccp_call_get_state (call, now);
      g_assert_cmpint (state, ==, cases[i].readable ? ECCP_CALL_STATE_OPEN : ECCP_CALL_STATE_CLOSED);

      /* The SQL puts it under the same status, and under no other */
      for (EccpCallState s = 0; s <= ECCP_CALL_STATE_CLOSED; s++)
        {
          g_autoptr(EccpQuery) query = eccp_query_new ("call");
          g_autoptr(GPtrArray) records = NULL;
          gboolean found = FALSE;

          eccp_query_set_now (query, now);
          eccp_query_add_filter (query, ECCP_QUERY_CALL_STATUS, eccp_call_state_get_nick (s));
          records = eccp_store_query (fixture->store, query, &error);
          g_assert_no_error (error);
          for (guint j = 0; j < records->len; j++)
            found |= g_str_equal (eccp_record_get_id (g_ptr_array_index (records, j)), id);
          /* Open takes in closing; none is closing at NOW */
          g_assert_cmpint (found, ==, s == state);
        }
    }
}

/* Not in the contract (portal-api.md §3 has "deadlines" only): a lone
 * "deadline" makes a call no more open in the badge than in the filter */
static void
test_lone_deadline (EccpTestStore *fixture,
                    gconstpointer  data)
{
  static const char text[] =
    "{\"data\": [{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-0000000000d1\","
    " \"attributes\": {\"title\": \"Lone\", \"deadline\": \"2026-03-12T17:00:00+01:00\"}}]}";
  g_autoptr(GDateTime) now = at (NOW);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = eccp_json_node_from_string (text, &error);
  g_autoptr(EccpRecord) call = NULL;
  g_autoptr(EccpQuery) query = eccp_query_new ("call");
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  eccp_store_import_document (fixture->store, document, NULL, &error);
  g_assert_no_error (error);
  call = eccp_store_get (fixture->store, "call", "00000000-0000-4000-8000-0000000000d1", &error);
  g_assert_no_error (error);

  g_assert_cmpint (eccp_call_get_state (call, now), ==, ECCP_CALL_STATE_CLOSED);
  eccp_query_set_now (query, now);
  eccp_query_add_filter (query, ECCP_QUERY_CALL_STATUS, "closed");
  records = eccp_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
}

static void
test_state_nicks (void)
{
  EccpCallState state;

  for (EccpCallState s = ECCP_CALL_STATE_FORTHCOMING; s <= ECCP_CALL_STATE_CLOSED; s++)
    {
      g_assert_true (eccp_call_state_from_nick (eccp_call_state_get_nick (s), &state));
      g_assert_cmpint (state, ==, s);
    }
  g_assert_false (eccp_call_state_from_nick ("soon", &state));
  g_assert_true (eccp_query_filter_is_computed ("call", ECCP_QUERY_CALL_STATUS));
  g_assert_false (eccp_query_filter_is_computed ("meeting", "status"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/call/three-cut-offs", EccpTestStore, NULL,
              eccp_test_store_set_up, test_three_cut_offs, eccp_test_store_tear_down);
  g_test_add ("/call/order", EccpTestStore, NULL,
              eccp_test_store_set_up, test_order, eccp_test_store_tear_down);
  g_test_add ("/call/daylight-saving", EccpTestStore, NULL,
              eccp_test_store_set_up, test_daylight_saving, eccp_test_store_tear_down);
  g_test_add ("/call/strict-times", EccpTestStore, NULL,
              eccp_test_store_set_up, test_strict_times, eccp_test_store_tear_down);
  g_test_add ("/call/lone-deadline", EccpTestStore, NULL,
              eccp_test_store_set_up, test_lone_deadline, eccp_test_store_tear_down);
  g_test_add_func ("/call/state-nicks", test_state_nicks);

  return g_test_run ();
}
