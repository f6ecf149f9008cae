/* test-purge.c: Preferences → "Remove attendee data of past events"
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real Preferences window under Xvfb over a real store file with an
 * event that ended 60 days ago, one that ended 90 days ago with a
 * check-in not sent yet, and one still to come.  Turned on through its
 * row, the preference removes the first one's attendees from the file at
 * once; the others keep theirs, and the check-in stays pending.  Off,
 * the passes at start-up and daily (eccp-auto-purge.c) remove nothing.
 */

#include "config.h"

#include <adwaita.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-auto-purge.h"
#include "eccp-date.h"
#include "eccp-preferences-window.h"
#include "eccp-session.h"

#define PAST    "e0000000-0000-4000-8000-000000000001"
#define BUSY    "e0000000-0000-4000-8000-000000000002"
#define COMING  "e0000000-0000-4000-8000-000000000003"
#define LATER   "e0000000-0000-4000-8000-000000000004"
#define ZELJKO  "a0000000-0000-4000-8000-000000000001"
#define ANNA    "a0000000-0000-4000-8000-000000000002"
#define PAUL    "a0000000-0000-4000-8000-000000000003"
#define RITA    "a0000000-0000-4000-8000-000000000004"
#define LENA    "a0000000-0000-4000-8000-000000000005"

#define ROW_TITLE "Remove attendee data of past events"

typedef struct
{
  char        *dir;
  char        *path;
  EccpStore   *store;
  GSettings   *settings;
  EccpSession *session;   /* over the store, as the window has it */
} Fixture;

static void
import_json (EccpStore  *store,
             const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = eccp_test_parse_json (json);

  g_assert_true (eccp_store_import_document (store, document, NULL, &error));
  g_assert_no_error (error);
}

/* An event that ended @days_ago days ago (negative: is still to come),
 * with one attendee per id of @attendees. */
static void
import_event (EccpStore          *store,
              const char         *id,
              int                 days_ago,
              const char * const *attendees)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ends = g_date_time_add_days (now, -days_ago);
  g_autoptr(GDateTime) starts = g_date_time_add_hours (ends, -8);
  g_autofree char *ends_at = eccp_date_time_format_rfc3339 (ends);
  g_autofree char *starts_at = eccp_date_time_format_rfc3339 (starts);
  g_autofree char *event = NULL;

  event = g_strdup_printf ("{\"data\": {\"type\": \"event\", \"id\": \"%s\","
                           " \"attributes\": {\"title\": \"Matchmaking %s\", \"starts_at\": \"%s\", \"ends_at\": \"%s\"},"
                           " \"meta\": {\"rev\": 1}}}", id, id, starts_at, ends_at);
  import_json (store, event);

  for (guint i = 0; attendees[i] != NULL; i++)
    {
      g_autofree char *attendee = NULL;

      attendee = g_strdup_printf ("{\"data\": {\"type\": \"attendee\", \"id\": \"%s\","
                                  " \"attributes\": {\"name\": \"Person %u\", \"organisation\": \"Politechnika\"},"
                                  " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}}},"
                                  " \"meta\": {\"rev\": 1}}}", attendees[i], i, id);
      import_json (store, attendee);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) checkin = NULL;

  fixture->dir = g_dir_make_tmp ("eccp-test-purge-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);
  fixture->path = g_strdup (eccp_store_get_path (fixture->store));

  import_event (fixture->store, PAST, 60, (const char *[]) { ZELJKO, ANNA, NULL });
  import_event (fixture->store, BUSY, 90, (const char *[]) { PAUL, NULL });
  import_event (fixture->store, COMING, -30, (const char *[]) { RITA, NULL });

  /* Checked in here and not sent yet: Paul's event keeps its data. */
  checkin = eccp_store_check_in (fixture->store, BUSY, PAUL, FALSE, "Desk 1", &error);
  g_assert_no_error (error);

  fixture->settings = ui_test_settings_new ();
  g_assert_nonnull (fixture->settings);
  fixture->session = eccp_session_new (fixture->settings);
  eccp_session_open_store (fixture->session, fixture->store, "portal");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  eccp_session_close (fixture->session);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Read from the file, apart from the store the window uses. */
static gint64
attendees_in_file (Fixture    *fixture,
                   const char *event_id)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT count (*) FROM records WHERE type = 'attendee' AND deleted = 0"
                         " AND json_extract (relationships, '$.event.data.id') = '%s'", event_id);

  return eccp_test_sqlite_int (fixture->path, sql);
}

static gint64
pending_in_file (Fixture *fixture)
{
  return eccp_test_sqlite_int (fixture->path, "SELECT count (*) FROM outbox WHERE state = 'pending'");
}

static gboolean
past_attendees_gone (gpointer user_data)
{
  return attendees_in_file (user_data, PAST) == 0;
}

static gboolean
later_attendees_gone (gpointer user_data)
{
  return attendees_in_file (user_data, LATER) == 0;
}

static gboolean
switch_is (GtkSwitch *toggle,
           gboolean   active)
{
  return gtk_switch_get_active (toggle) == active;
}

static gboolean
switch_is_on (gpointer user_data)
{
  return switch_is (user_data, TRUE);
}

static gboolean
switch_is_off (gpointer user_data)
{
  return switch_is (user_data, FALSE);
}

/* Preferences of the fixture's session, shown; the row and its switch. */
static GtkWindow *
show_preferences (Fixture    *fixture,
                  GtkWidget **row,
                  GtkWidget **toggle)
{
  GtkWindow *preferences = GTK_WINDOW (eccp_preferences_window_new (fixture->session));

  gtk_window_present (preferences);
  ui_test_wait_until (ui_test_is_mapped, preferences, 10000, "Preferences are shown");

  *row = ui_test_row_titled (GTK_WIDGET (preferences), ROW_TITLE);
  *toggle = ui_test_template_child (preferences, ECCP_TYPE_PREFERENCES_WINDOW, "purge_switch");
  g_assert_true (gtk_widget_is_ancestor (*toggle, *row));

  return preferences;
}

static void
assert_nothing_purged (Fixture *fixture)
{
  g_assert_cmpint (attendees_in_file (fixture, PAST), ==, 2);
  g_assert_cmpint (attendees_in_file (fixture, BUSY), ==, 1);
  g_assert_cmpint (attendees_in_file (fixture, COMING), ==, 1);
  g_assert_cmpint (pending_in_file (fixture), ==, 1);
}

/* Off by default: the pass that runs at start-up and daily removes
 * nothing. */
static void
test_off (Fixture       *fixture,
          gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *toggle;
  GtkWindow *preferences = show_preferences (fixture, &row, &toggle);

  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (g_settings_get_boolean (fixture->settings, "purge-past-attendees"));
  eccp_auto_purge_run (fixture->store);
  assert_nothing_purged (fixture);

  gtk_window_destroy (preferences);
}

/* Turned on through its row: the past event's attendees leave the file
 * at once; the event to come and the one with a change not sent yet keep
 * theirs.  Turned off again: the next pass leaves a newly past event's,
 * which go when it is turned on again. */
static void
test_on (Fixture       *fixture,
         gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *toggle;
  GtkWindow *preferences = show_preferences (fixture, &row, &toggle);

  assert_nothing_purged (fixture);

  adw_action_row_activate (ADW_ACTION_ROW (row));
  /* A switch turns at the end of its animation. */
  ui_test_wait_until (switch_is_on, toggle, 10000, "the switch turns on");
  g_assert_true (g_settings_get_boolean (fixture->settings, "purge-past-attendees"));
  ui_test_wait_until (past_attendees_gone, fixture, 10000,
                      "the attendees of the event that ended 60 days ago leave the store file");

  g_assert_cmpint (eccp_test_sqlite_int (fixture->path, "SELECT count (*) FROM records WHERE id IN ('"
                                         ZELJKO "', '" ANNA "')"), ==, 0);
  g_assert_cmpint (eccp_test_sqlite_int (fixture->path, "SELECT count (*) FROM records WHERE type = 'event'"),
                   ==, 3);
  g_assert_cmpint (attendees_in_file (fixture, COMING), ==, 1);
  g_assert_cmpint (attendees_in_file (fixture, BUSY), ==, 1);
  g_assert_cmpint (pending_in_file (fixture), ==, 1);
  g_assert_cmpint (eccp_test_sqlite_int (fixture->path, "SELECT count (*) FROM outbox o JOIN records r"
                                         " ON r.id = o.record_id AND r.type = o.type"
                                         " WHERE o.type = 'checkin' AND o.state = 'pending'"
                                         " AND json_extract (r.relationships, '$.attendee.data.id') = '" PAUL "'"),
                   ==, 1);

  /* Off again, through the row. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  ui_test_wait_until (switch_is_off, toggle, 10000, "the switch turns off");
  g_assert_false (g_settings_get_boolean (fixture->settings, "purge-past-attendees"));
  import_event (fixture->store, LATER, 45, (const char *[]) { LENA, NULL });
  eccp_auto_purge_run (fixture->store);
  g_assert_cmpint (attendees_in_file (fixture, LATER), ==, 1);
  g_assert_cmpint (attendees_in_file (fixture, COMING), ==, 1);
  g_assert_cmpint (attendees_in_file (fixture, BUSY), ==, 1);
  g_assert_cmpint (pending_in_file (fixture), ==, 1);

  /* On once more: the pass at start-up is spent (it is the one turning
   * on replaces, or else the one that purged above), the daily one is a
   * day away: only turning on can remove these. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  ui_test_wait_until (switch_is_on, toggle, 10000, "the switch turns on again");
  ui_test_wait_until (later_attendees_gone, fixture, 10000,
                      "the attendees of the event that ended 45 days ago leave the store file");
  g_assert_cmpint (attendees_in_file (fixture, COMING), ==, 1);
  g_assert_cmpint (attendees_in_file (fixture, BUSY), ==, 1);
  g_assert_cmpint (pending_in_file (fixture), ==, 1);

  gtk_window_destroy (preferences);
}

int
main (int   argc,
      char *argv[])
{
  /* The token Preferences looks up: there is no keyring here */
  g_setenv ("ECCP_TOKEN", "purge-test-token", TRUE);

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/purge/off", Fixture, NULL, fixture_set_up, test_off, fixture_tear_down);
  g_test_add ("/purge/on", Fixture, NULL, fixture_set_up, test_on, fixture_tear_down);

  return g_test_run ();
}
