/* test-store-purge.c: the attendee data of past events goes, pending
 * changes stay, on a real SQLite file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "eccp-test-store.h"

#include "eccp-json.h"
#include "eccp-store.h"
#include "eccp-store-private.h"
#include "eccp-store-purge.h"

#define OLD      "e0000000-0000-4000-8000-000000000001"
#define RECENT   "e0000000-0000-4000-8000-000000000002"
#define BUSY     "e0000000-0000-4000-8000-000000000003"
#define ZELJKO   "a0000000-0000-4000-8000-000000000001"
#define ANNA     "a0000000-0000-4000-8000-000000000002"
#define RITA     "a0000000-0000-4000-8000-000000000003"
#define PAUL     "a0000000-0000-4000-8000-000000000004"
#define PIA      "a0000000-0000-4000-8000-000000000005"

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
              const char *title,
              const char *ends_at)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"data\": {\"type\": \"event\", \"id\": \"%s\","
                          " \"attributes\": {\"title\": \"%s\", \"starts_at\": \"%s\", \"ends_at\": \"%s\"},"
                          " \"meta\": {\"rev\": 1}}}", id, title, ends_at, ends_at);
  import_json (store, json);
}

static void
import_attendee (EccpStore  *store,
                 const char *id,
                 const char *event_id,
                 const char *name)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"data\": {\"type\": \"attendee\", \"id\": \"%s\","
                          " \"attributes\": {\"name\": \"%s\", \"organisation\": \"Politechnika\"},"
                          " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}}},"
                          " \"meta\": {\"rev\": 1}}}", id, name, event_id);
  import_json (store, json);
}

static void
import_meeting (EccpStore  *store,
                const char *id,
                const char *event_id,
                const char *requester,
                const char *invitee)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"data\": {\"type\": \"meeting\", \"id\": \"%s\","
                          " \"attributes\": {\"starts_at\": \"2018-11-06T10:00:00Z\","
                          "   \"ends_at\": \"2018-11-06T10:30:00Z\", \"table\": \"T1\", \"status\": \"accepted\"},"
                          " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}},"
                          "   \"requester\": {\"data\": {\"type\": \"attendee\", \"id\": \"%s\"}},"
                          "   \"invitee\": {\"data\": {\"type\": \"attendee\", \"id\": \"%s\"}}},"
                          " \"meta\": {\"rev\": 1}}}", id, event_id, requester, invitee);
  import_json (store, json);
}

static gint64
count_sql (EccpStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (_eccp_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

static gint64
count_search (EccpStore  *store,
              const char *type,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpQuery) query = eccp_query_new (type);
  gint64 count;

  eccp_query_set_search (query, text);
  count = eccp_store_count (store, query, &error);
  g_assert_no_error (error);

  return count;
}

/* Two events of 2018, one with a check-in not sent yet, and one still to
 * come. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) checkin = NULL;

  eccp_test_store_set_up (fixture, data);

  import_event (fixture->store, OLD, "Matchmaking 2018", "2018-11-06T17:00:00+01:00");
  import_event (fixture->store, BUSY, "Busy 2018", "2018-11-08T17:00:00+01:00");
  import_event (fixture->store, RECENT, "Matchmaking 2099", "2099-11-06T17:00:00+01:00");
  import_attendee (fixture->store, ZELJKO, OLD, "Željko Erkapić");
  import_attendee (fixture->store, ANNA, OLD, "Anna Gorczyca");
  import_meeting (fixture->store, "m0000000-0000-4000-8000-000000000001", OLD, ZELJKO, ANNA);
  import_attendee (fixture->store, RITA, RECENT, "Rita Recent");
  import_attendee (fixture->store, PAUL, BUSY, "Paul Pending");
  import_attendee (fixture->store, PIA, BUSY, "Pia Pending");

  /* Checked in here, not sent yet: Paul's event keeps all of its data. */
  checkin = eccp_store_check_in (fixture->store, BUSY, PAUL, FALSE, "Desk 1", &error);
  g_assert_no_error (error);
}

static GDateTime *
before_2026 (void)
{
  return g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
}

static void
test_purge_removes_past (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = before_2026 ();
  g_autofree char *text = NULL;
  EccpPurgeStats stats;

  g_assert_cmpint (count_search (fixture->store, "attendee", "erkapic"), ==, 1);

  g_assert_true (eccp_store_purge_personal_data (fixture->store, before, FALSE, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_events, ==, 1);
  g_assert_cmpuint (stats.n_attendees, ==, 2);
  g_assert_cmpuint (stats.n_checkins, ==, 0);
  g_assert_cmpuint (stats.n_meetings, ==, 1);
  g_assert_cmpuint (stats.n_kept_events, ==, 1);
  g_assert_cmpuint (stats.n_kept_changes, ==, 1);

  text = eccp_purge_stats_describe (&stats, before, FALSE);
  g_assert_cmpstr (text, ==, "Removed 2 attendees, 0 check-ins and 1 meeting of 1 event"
                   " that ended before 1 Jan 2026; kept 1 event with changes not sent yet");

  /* Gone, from the records and from the search. */
  g_assert_cmpint (eccp_store_count_records (fixture->store, "attendee", NULL), ==, 3);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "meeting", NULL), ==, 0);
  g_assert_cmpint (count_search (fixture->store, "attendee", "erkapic"), ==, 0);
  g_assert_cmpint (count_sql (fixture->store, "SELECT count (*) FROM fts_attendee"), ==, 3);
  g_assert_cmpint (count_sql (fixture->store, "SELECT count (*) FROM fts_meeting"), ==, 0);
  g_assert_cmpint (count_sql (fixture->store, "SELECT count (*) FROM fts_attendee WHERE fts_attendee MATCH 'erkapic'"),
                   ==, 0);

  /* The event stays; the pending check-in and its event's people stay. */
  g_assert_cmpint (eccp_store_count_records (fixture->store, "event", NULL), ==, 3);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "checkin", NULL), ==, 1);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 1);
  g_assert_cmpint (count_search (fixture->store, "attendee", "pia"), ==, 1);
  g_assert_cmpint (count_search (fixture->store, "attendee", "rita"), ==, 1);

  /* A second purge has nothing left to do. */
  g_assert_true (eccp_store_purge_personal_data (fixture->store, before, FALSE, &stats, &error));
  g_assert_cmpuint (stats.n_attendees, ==, 0);
  g_assert_cmpuint (stats.n_kept_events, ==, 1);
}

static gboolean
contains_bytes (const char *contents,
                gsize       length,
                const char *word)
{
  gsize n = strlen (word);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, word, n) == 0)
      return TRUE;

  return FALSE;
}

/* The name is not left in the file's free pages, the index's old segments
 * or the WAL. */
static void
test_purge_drops_bytes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = before_2026 ();
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  const char *paths[] = { fixture->path, wal };
  EccpPurgeStats stats;
  gboolean found = FALSE;

  /* There before, in one file or the other. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (paths[i], &contents, &length, NULL))
        found = found || contains_bytes (contents, length, "Gorczyca");
    }
  g_assert_true (found);

  g_assert_true (eccp_store_purge_personal_data (fixture->store, before, FALSE, &stats, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (paths[i], &contents, &length, NULL))
        continue;
      g_assert_false (contains_bytes (contents, length, "Gorczyca"));
      g_assert_false (contains_bytes (contents, length, "gorczyca"));
    }
}

static void
test_purge_dry_run (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = before_2026 ();
  g_autofree char *text = NULL;
  EccpPurgeStats stats;

  g_assert_true (eccp_store_purge_personal_data (fixture->store, before, TRUE, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_attendees, ==, 2);
  g_assert_cmpuint (stats.n_meetings, ==, 1);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "attendee", NULL), ==, 5);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "meeting", NULL), ==, 1);
  g_assert_cmpint (count_search (fixture->store, "attendee", "erkapic"), ==, 1);

  text = eccp_purge_stats_describe (&stats, before, TRUE);
  g_assert_true (g_str_has_prefix (text, "Would remove 2 attendees"));
}

/* A meeting not sent yet of another event that names one of the past
 * event's attendees keeps that event's data. */
static void
test_purge_keeps_named (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = before_2026 ();
  g_autoptr(EccpRecord) meeting = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(JsonObject) relationships = NULL;
  EccpPurgeStats stats;

  attributes = eccp_test_object_from ("{\"starts_at\": \"2099-11-06T10:00:00Z\","
                                      " \"ends_at\": \"2099-11-06T10:30:00Z\", \"status\": \"requested\"}");
  relationships = eccp_test_object_from ("{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" RECENT "\"}},"
                                         " \"requester\": {\"data\": {\"type\": \"attendee\", \"id\": \"" RITA "\"}},"
                                         " \"invitee\": {\"data\": {\"type\": \"attendee\", \"id\": \"" ZELJKO "\"}}}");
  meeting = eccp_store_create (fixture->store, "meeting", NULL, attributes, relationships, &error);
  g_assert_no_error (error);

  g_assert_true (eccp_store_purge_personal_data (fixture->store, before, FALSE, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_events, ==, 0);
  g_assert_cmpuint (stats.n_kept_events, ==, 2);
  g_assert_cmpint (count_search (fixture->store, "attendee", "erkapic"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, eccp_test_store_tear_down)
  ADD ("/store/purge/removes-past", test_purge_removes_past);
  ADD ("/store/purge/drops-bytes", test_purge_drops_bytes);
  ADD ("/store/purge/dry-run", test_purge_dry_run);
  ADD ("/store/purge/keeps-named", test_purge_keeps_named);
#undef ADD

  return g_test_run ();
}
