/* test-venue.c: venue mode in real widgets, over a real store file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under run-under-x (Xvfb, a D-Bus session, the accessibility bus).
 * A real store holds an event and its attendees as the portal sends
 * them; the tests type into venue mode's search, check people in and
 * undo, as a volunteer at the entrance would, and read the store and the
 * widgets.  The record view offers venue mode to the event's team only.
 */

#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <adwaita.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-account.h"
#include "eccp-application.h"
#include "eccp-attendee-export.h"
#include "eccp-browse-page.h"
#include "eccp-store-sync.h"
#include "eccp-event-attendees.h"
#include "eccp-json.h"
#include "eccp-preferences-window.h"
#include "eccp-record-view.h"
#include "eccp-sync-indicator.h"
#include "eccp-venue-item.h"
#include "eccp-venue-mode.h"
#include "eccp-widget-util.h"
#include "eccp-window.h"

#define EVENT  "e0000000-0000-4000-8000-000000000001"
#define ZELJKO "a0000000-0000-4000-8000-000000000001"
#define ANNA   "a0000000-0000-4000-8000-000000000002"
#define BOB    "a0000000-0000-4000-8000-000000000003"

#define ATTENDEE(id, name, organisation) \
  "{\"type\": \"attendee\", \"id\": \"" id "\", \"attributes\": {\"name\": \"" name "\"," \
  " \"organisation\": \"" organisation "\", \"country\": \"PL\", \"role\": \"participant\"}," \
  " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT "\"}}}," \
  " \"meta\": {\"rev\": 1}}"

static const char records_json[] =
  "{\"data\": ["
  "{\"type\": \"event\", \"id\": \"" EVENT "\", \"attributes\": {\"title\": \"Matchmaking Łódź 2026\","
  " \"kind\": \"matchmaking\", \"starts_at\": \"2026-06-04T09:00:00+02:00\","
  " \"ends_at\": \"2026-06-04T18:00:00+02:00\", \"timezone\": \"Europe/Warsaw\"},"
  " \"relationships\": {}, \"meta\": {\"rev\": 1, \"moderation_state\": \"published\", \"published\": null}},"
  ATTENDEE (ZELJKO, "Željko Erkapić", "Politechnika Łódzka") ","
  ATTENDEE (ANNA, "Anna Müller", "Fraunhofer") ","
  ATTENDEE (BOB, "Bob Smith", "Digital Hub")
  "]}";

#define EVENT_TEAM "{\"type\": \"user\", \"id\": \"t\", \"attributes\": {\"name\": \"Ed Team\"," \
                   " \"roles\": [\"event_team\"], \"clusters\": [], \"events\": [\"" EVENT "\"]}}"
#define OTHER_TEAM "{\"type\": \"user\", \"id\": \"u\", \"attributes\": {\"name\": \"Olga Team\"," \
                   " \"roles\": [\"event_team\"], \"clusters\": [], \"events\": []}}"
#define MANAGER "{\"type\": \"user\", \"id\": \"m\", \"attributes\": {\"name\": \"Bianca Manager\"," \
                " \"roles\": [\"cluster_manager\"], \"events\": [], \"clusters\": []}}"

typedef struct
{
  char          *dir;
  EccpStore     *store;
  GtkWindow     *window;
  EccpVenueMode *venue;
  guint          n_exits;
} Fixture;

/* {{{ Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = json_from_string (records_json, &error);

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("eccp-test-venue-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);
  g_assert_true (eccp_store_set_device_name (fixture->store, "Entrance A", &error));
  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_window_destroy (g_steal_pointer (&fixture->window));
  fixture->venue = NULL;
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
exit_cb (EccpVenueMode *venue,
         Fixture       *fixture)
{
  fixture->n_exits++;
}

/* Venue mode for the event, in a toast overlay as in the window */
static void
open_venue (Fixture *fixture)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->venue = ECCP_VENUE_MODE (eccp_venue_mode_new ());
  g_signal_connect (fixture->venue, "exit", G_CALLBACK (exit_cb), fixture);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->venue));
  fixture->window = ui_test_window_new (overlay, 1100, 720);
  g_object_set (fixture->venue, "store", fixture->store, "event-id", EVENT, NULL);
  eccp_venue_mode_focus_search (fixture->venue);
}

static GtkWidget *
venue_child (Fixture    *fixture,
             const char *name)
{
  return ui_test_template_child (fixture->venue, ECCP_TYPE_VENUE_MODE, name);
}

static GListModel *
shown_model (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (venue_child (fixture, "list_view"))));
}

typedef struct
{
  Fixture    *fixture;
  guint       n;
} Count;

static gboolean
shows_n (gpointer user_data)
{
  Count *count = user_data;

  return g_list_model_get_n_items (shown_model (count->fixture)) == count->n;
}

/* Types @text into the search and waits for @n people to be shown */
static void
search (Fixture    *fixture,
        const char *text,
        guint       n)
{
  Count count = { fixture, n };

  gtk_editable_set_text (GTK_EDITABLE (venue_child (fixture, "search_entry")), text);
  ui_test_wait_until (shows_n, &count, 5000, "the search to show its people");
}

static EccpAttendeeState *
get_state (Fixture    *fixture,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpAttendeeState *state = eccp_store_get_attendee_state (fixture->store, id, &error);

  g_assert_no_error (error);
  return state;
}

static gint64
count_checkins (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = eccp_store_count_records (fixture->store, "checkin", &error);

  g_assert_no_error (error);
  return n;
}

static const char *
count_text (Fixture *fixture)
{
  return gtk_label_get_label (GTK_LABEL (venue_child (fixture, "count_label")));
}

static gboolean
is_undo_of (GtkWidget *widget,
            gpointer   attendee_id)
{
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_is_visible (widget)
      || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "venue.undo") != 0)
    return FALSE;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), attendee_id) == 0;
}

static gboolean
is_label_with (GtkWidget *widget,
               gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
         && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* "04/06/26 08:15" or "08:15" */
static gboolean
is_label_ending (GtkWidget *widget,
                 gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_str_has_suffix (gtk_label_get_label (GTK_LABEL (widget)), text);
}

/* Row @index of "Recent check-ins", the newest first */
static AdwActionRow *
recent_row (Fixture *fixture,
            int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (venue_child (fixture, "recent_list")), index);

  return row != NULL ? ADW_ACTION_ROW (row) : NULL;
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  return ui_test_find_descendant (widget, is_label_with, (gpointer) text) != NULL;
}

/* }}} */

/* {{{ Checking in */

/* "zeljko" finds Željko; Enter checks him in: a check-in record signed
 * with the device name, the count, the row and "Recent check-ins" say so;
 * the row's Undo withdraws it with an undo check-in. */
static void
test_search_check_in_undo (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EccpAttendeeState) before = NULL;
  g_autoptr(EccpAttendeeState) in = NULL;
  g_autoptr(EccpAttendeeState) out = NULL;
  GtkWidget *entry;
  GtkWidget *undo;

  open_venue (fixture);
  entry = venue_child (fixture, "search_entry");
  g_assert_true (gtk_widget_has_focus (gtk_widget_get_first_child (entry))
                 || gtk_widget_is_focus (entry) || gtk_widget_get_focus_child (entry) != NULL);
  g_assert_cmpstr (count_text (fixture), ==, "0 of 3 checked in");
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (fixture)), ==, 3);

  search (fixture, "zeljko", 1);
  before = get_state (fixture, ZELJKO);
  g_assert_false (before->checked_in);
  g_assert_nonnull (ui_test_find_descendant (venue_child (fixture, "list_view"), is_label_with,
                                             (gpointer) "Željko Erkapić"));
  g_assert_nonnull (ui_test_find_descendant (venue_child (fixture, "list_view"), is_label_with,
                                             (gpointer) "Not yet in"));

  /* Enter in the search */
  g_signal_emit_by_name (entry, "activate");
  in = get_state (fixture, ZELJKO);
  g_assert_true (in->checked_in);
  g_assert_cmpstr (in->last_device, ==, "Entrance A");
  g_assert_cmpint (in->last_state, ==, ECCP_SYNC_STATE_PENDING);
  g_assert_cmpint (count_checkins (fixture), ==, 1);
  g_assert_cmpstr (count_text (fixture), ==, "1 of 3 checked in");
  /* The next arrival's name replaces this one */
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), NULL, NULL));
  /* Not sent yet, in words, until a sync */
  g_assert_nonnull (ui_test_find_descendant (venue_child (fixture, "list_view"), is_label_with,
                                             (gpointer) "Not sent yet"));
  ui_test_row_titled (venue_child (fixture, "recent_list"), "Željko Erkapić");

  /* Enter again: already in, nothing added */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (count_checkins (fixture), ==, 1);

  /* The row's Undo, named for the person */
  undo = ui_test_find_descendant (venue_child (fixture, "list_view"), is_undo_of, (gpointer) ZELJKO);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  out = get_state (fixture, ZELJKO);
  g_assert_false (out->checked_in);
  g_assert_nonnull (out->last_checkin_id);
  g_assert_cmpint (count_checkins (fixture), ==, 2);
  g_assert_cmpstr (count_text (fixture), ==, "0 of 3 checked in");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EccpRecord) checkin = eccp_store_get (fixture->store, "checkin", out->last_checkin_id, &error);

    g_assert_no_error (error);
    g_assert_true (json_object_get_boolean_member_with_default (eccp_record_get_attributes (checkin), "undo", FALSE));
  }

  /* "Recent check-ins" is what happened, not who is in: the undo on top,
   * shown as such, the check-in under it, both not sent yet */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent_row (fixture, 0))), ==, "Željko Erkapić");
  g_assert_cmpstr (adw_action_row_get_subtitle (recent_row (fixture, 0)), ==, "Undone · Entrance A");
  g_assert_true (shows_text (GTK_WIDGET (recent_row (fixture, 0)), "Not sent yet"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent_row (fixture, 1))), ==, "Željko Erkapić");
  g_assert_cmpstr (adw_action_row_get_subtitle (recent_row (fixture, 1)), ==, "Entrance A");
  g_assert_null (recent_row (fixture, 2));
}

/* Ten at most, the newest first, each with its time on the event's clock */
static void
test_recent_ten (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GTimeZone) warsaw = g_time_zone_new_identifier ("Europe/Warsaw");
  g_autoptr(GDateTime) before = g_date_time_new_now (warsaw);
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *clock_before = g_date_time_format (before, "%H:%M");
  g_autofree char *clock_after = NULL;
  const char *people[] = { ZELJKO, ANNA, BOB };

  open_venue (fixture);
  g_assert_null (recent_row (fixture, 0));
  g_assert_true (shows_text (venue_child (fixture, "recent_list"), "No check-ins yet"));

  /* Six people in and out: twelve check-ins */
  for (int i = 0; i < 12; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->venue), i % 6 < 3 ? "venue.check-in" : "venue.undo",
                                "s", people[i % 3]);
  g_assert_cmpint (count_checkins (fixture), ==, 12);

  g_assert_nonnull (recent_row (fixture, 9));
  g_assert_null (recent_row (fixture, 10));
  /* The last was Bob's undo */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent_row (fixture, 0))), ==, "Bob Smith");
  g_assert_cmpstr (adw_action_row_get_subtitle (recent_row (fixture, 0)), ==, "Undone · Entrance A");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent_row (fixture, 1))), ==, "Anna Müller");
  /* Made just now: today's clock in Warsaw, the event's zone */
  after = g_date_time_new_now (warsaw);
  clock_after = g_date_time_format (after, "%H:%M");
  g_assert_true (shows_text (GTK_WIDGET (recent_row (fixture, 0)), clock_before)
                 || shows_text (GTK_WIDGET (recent_row (fixture, 0)), clock_after));
}

/* "lodz" and "muller" ignore accents and case; the organisation counts */
static void
test_search_folds (Fixture       *fixture,
                   gconstpointer  data)
{
  open_venue (fixture);

  search (fixture, "muller", 1);
  search (fixture, "lodz", 1);
  search (fixture, "FRAUNHOFER", 1);
  search (fixture, "nobody-of-that-name", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (venue_child (fixture, "list_stack"))),
                   ==, "empty");
  search (fixture, "", 3);
}

/* Everybody / Not yet in / In */
static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  open_venue (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->venue), "venue.check-in", "s", ANNA);
  g_assert_cmpstr (count_text (fixture), ==, "1 of 3 checked in");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (venue_child (fixture, "in_toggle")), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (fixture)), ==, 1);
  g_assert_nonnull (ui_test_find_descendant (venue_child (fixture, "list_view"), is_label_with,
                                             (gpointer) "Anna Müller"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (venue_child (fixture, "not_in_toggle")), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (fixture)), ==, 2);
  g_assert_null (ui_test_find_descendant (venue_child (fixture, "list_view"), is_label_with,
                                          (gpointer) "Anna Müller"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (venue_child (fixture, "all_toggle")), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (fixture)), ==, 3);
}

/* A check-in from another entrance shows once the store has settled */
static gboolean
shows_one_in (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_strcmp0 (count_text (fixture), "1 of 3 checked in") == 0;
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;

  open_venue (fixture);
  document = json_from_string ("{\"data\": {\"type\": \"checkin\", \"id\": \"c0000000-0000-4000-8000-000000000009\","
                               " \"attributes\": {\"at\": \"2026-06-04T08:15:00+02:00\", \"device\": \"Entrance B\","
                               "  \"undo\": false},"
                               " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT "\"}},"
                               "  \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"" BOB "\"}}},"
                               " \"meta\": {\"rev\": 1}}}", &error);
  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);

  ui_test_wait_until (shows_one_in, fixture, 5000, "the count to follow the store");
  /* Synced already: at 08:15 in Warsaw, from the other entrance, sent */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent_row (fixture, 0))), ==, "Bob Smith");
  g_assert_cmpstr (adw_action_row_get_subtitle (recent_row (fixture, 0)), ==, "Entrance B");
  g_assert_false (shows_text (GTK_WIDGET (recent_row (fixture, 0)), "Not sent yet"));
  g_assert_nonnull (ui_test_find_descendant (GTK_WIDGET (recent_row (fixture, 0)), is_label_ending,
                                             (gpointer) "08:15"));
}

/* Escape clears the search first, then leaves; so does the header's button */
static void
test_escape (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *entry;

  open_venue (fixture);
  entry = venue_child (fixture, "search_entry");

  search (fixture, "anna", 1);
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (fixture->n_exits, ==, 0);

  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpuint (fixture->n_exits, ==, 1);

  g_signal_emit_by_name (venue_child (fixture, "exit_button"), "clicked");
  g_assert_cmpuint (fixture->n_exits, ==, 2);
}

/* }}} */

/* {{{ Who is offered venue mode */

static gboolean
venue_offered (Fixture    *fixture,
               const char *account_json)
{
  g_autoptr(EccpAccount) account = account_json != NULL ? ui_test_account_new (account_json) : NULL;
  g_autoptr(EccpRecord) event = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = eccp_record_view_new ();
  GtkWidget *button;
  gboolean offered;

  ui_test_window_destroy (g_steal_pointer (&fixture->window));
  fixture->window = ui_test_window_new (view, 900, 700);
  eccp_record_view_set_store (ECCP_RECORD_VIEW (view), fixture->store);
  g_object_set (view, "account", account, NULL);
  event = eccp_store_get (fixture->store, "event", EVENT, &error);
  g_assert_no_error (error);
  eccp_record_view_set_record (ECCP_RECORD_VIEW (view), event);

  button = ui_test_template_child (view, ECCP_TYPE_RECORD_VIEW, "venue_button");
  offered = gtk_widget_is_visible (button);
  if (offered)
    {
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.venue-mode");
      g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL),
                       ==, EVENT);
    }

  return offered;
}

static void
test_offered (Fixture       *fixture,
              gconstpointer  data)
{
  g_assert_true (venue_offered (fixture, EVENT_TEAM));
  g_assert_false (venue_offered (fixture, OTHER_TEAM));
  g_assert_false (venue_offered (fixture, MANAGER));
  /* The demo: nobody signed in */
  g_assert_true (venue_offered (fixture, NULL));
}

/* {{{ The event page's attendees (eccp-event-attendees.c) */

static gboolean
has_label (GtkWidget *widget,
           gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), text);
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Shown;

static gboolean
shown_has_label (gpointer user_data)
{
  Shown *shown = user_data;

  return ui_test_find_descendant (shown->widget, has_label, (gpointer) shown->text) != NULL;
}

static gboolean
label_is (gpointer user_data)
{
  Shown *shown = user_data;

  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (shown->widget)), shown->text) == 0;
}

static GListModel *
attendees_model (GtkWidget *attendees)
{
  GtkWidget *list_view = ui_test_template_child (attendees, ECCP_TYPE_EVENT_ATTENDEES, "list_view");

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
}

static gboolean
shows_one (gpointer user_data)
{
  return g_list_model_get_n_items (attendees_model (user_data)) == 1;
}

/* The counts in words, a search that folds accents, every row's state in
 * words, and a check-in from elsewhere showing as it settles */
static void
test_event_attendees (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *attendees = eccp_event_attendees_new ();
  g_autoptr(EccpRecord) checkin = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *count_label;
  GtkWidget *search;
  Shown shown;

  fixture->window = ui_test_window_new (attendees, 900, 700);
  g_object_set (attendees, "store", fixture->store, "event-id", EVENT, NULL);
  count_label = ui_test_template_child (attendees, ECCP_TYPE_EVENT_ATTENDEES, "count_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "3 registered · 0 checked in");
  g_assert_cmpuint (g_list_model_get_n_items (attendees_model (attendees)), ==, 3);

  /* Every row says where its person stands, in words */
  shown = (Shown) { attendees, "Not yet in" };
  ui_test_wait_until (shown_has_label, &shown, 5000, "the rows to show the state");
  shown = (Shown) { attendees, "Željko Erkapić" };
  ui_test_wait_until (shown_has_label, &shown, 5000, "the rows to show the names");

  /* Another entrance checks Anna in: the count and her row follow */
  checkin = eccp_store_check_in (fixture->store, EVENT, ANNA, FALSE, "Entrance B", &error);
  g_assert_no_error (error);
  shown = (Shown) { count_label, "3 registered · 1 checked in" };
  ui_test_wait_until (label_is, &shown, 5000, "the count to follow the store");
  shown = (Shown) { attendees, "Checked in " };
  ui_test_wait_until (shown_has_label, &shown, 5000, "Anna's row to say she is in");

  search = ui_test_template_child (attendees, ECCP_TYPE_EVENT_ATTENDEES, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (search), "zeljko");
  ui_test_wait_until (shows_one, attendees, 5000, "the search to find Željko");
  {
    g_autoptr(GObject) item = g_list_model_get_item (attendees_model (attendees), 0);
    g_autoptr(EccpAttendeeState) state = eccp_store_get_attendee_state (fixture->store, ZELJKO, NULL);

    g_assert_cmpstr (state->name, ==, "Željko Erkapić");
    g_assert_nonnull (item);
  }
  /* The count is the event's, whatever the search shows */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "3 registered · 1 checked in");
}

#define REFUSED "Refused by the portal — see Changes"

/* Zeljko's check-in, refused by the portal (403) as a sync would mark it */
static void
refuse_check_in (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = eccp_store_changes_to_send (fixture->store, 10, &error);
  g_autoptr(JsonNode) errors = json_from_string ("[{\"status\": \"403\", \"code\": \"forbidden\","
                                                 " \"title\": \"Not yours\"}]", NULL);
  EccpChange *change = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    if (g_str_equal (((EccpChange *) g_ptr_array_index (changes, i))->type, "checkin"))
      change = g_ptr_array_index (changes, i);
  g_assert_nonnull (change);
  g_assert_true (eccp_store_change_refused (fixture->store, change->num, change->idempotency_key,
                                            ECCP_SYNC_STATE_REJECTED, json_node_get_array (errors), &error));
  g_assert_no_error (error);
}

/* A check-in the portal refused does not pass for done: venue mode's row
 * and "Recent check-ins", and the event page, say so in words */
static void
test_refused_check_in (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EccpAttendeeState) refused = NULL;
  GtkWidget *attendees;
  Shown shown;

  open_venue (fixture);
  search (fixture, "zeljko", 1);
  g_signal_emit_by_name (venue_child (fixture, "search_entry"), "activate");
  g_assert_true (shows_text (GTK_WIDGET (recent_row (fixture, 0)), "Not sent yet"));

  refuse_check_in (fixture);
  refused = get_state (fixture, ZELJKO);
  g_assert_cmpint (refused->last_state, ==, ECCP_SYNC_STATE_REJECTED);
  shown = (Shown) { venue_child (fixture, "list_view"), REFUSED };
  ui_test_wait_until (shown_has_label, &shown, 5000, "Željko's row to say the portal refused it");
  g_assert_null (ui_test_find_descendant (venue_child (fixture, "list_view"), is_label_with,
                                          (gpointer) "Not sent yet"));
  g_assert_true (shows_text (GTK_WIDGET (recent_row (fixture, 0)), REFUSED));
  g_assert_false (shows_text (GTK_WIDGET (recent_row (fixture, 0)), "Not sent yet"));

  /* The event page's list */
  ui_test_window_destroy (g_steal_pointer (&fixture->window));
  fixture->venue = NULL;
  attendees = eccp_event_attendees_new ();
  fixture->window = ui_test_window_new (attendees, 900, 700);
  g_object_set (attendees, "store", fixture->store, "event-id", EVENT, NULL);
  shown = (Shown) { attendees, REFUSED };
  ui_test_wait_until (shown_has_label, &shown, 5000, "the event page to say the portal refused it");
  shown = (Shown) { attendees, "Not sent yet" };
  g_assert_false (shown_has_label (&shown));
}

/* An attendee the portal sent without a name or organisation has a row
 * that says so; a list the store cannot read says that, not "nobody" */
static void
test_event_attendees_gaps (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = json_from_string (
      "{\"data\": {\"type\": \"attendee\", \"id\": \"a0000000-0000-4000-8000-000000000009\","
      " \"attributes\": {\"country\": \"PL\", \"role\": \"participant\"},"
      " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT "\"}}},"
      " \"meta\": {\"rev\": 1}}}", &error);
  g_autofree char *path = g_build_filename (fixture->dir, "store.db", NULL);
  GtkWidget *attendees = eccp_event_attendees_new ();
  GtkWidget *empty_label;
  GtkWidget *search;
  sqlite3 *db = NULL;
  Shown shown;

  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
  fixture->window = ui_test_window_new (attendees, 900, 700);
  g_object_set (attendees, "store", fixture->store, "event-id", EVENT, NULL);
  shown = (Shown) { attendees, "Unnamed attendee" };
  ui_test_wait_until (shown_has_label, &shown, 5000, "the nameless attendee's row");

  /* The search's index gone under the store's feet */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE fts_attendee", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  search = ui_test_template_child (attendees, ECCP_TYPE_EVENT_ATTENDEES, "search_entry");
  empty_label = ui_test_template_child (attendees, ECCP_TYPE_EVENT_ATTENDEES, "empty_label");
  gtk_editable_set_text (GTK_EDITABLE (search), "zeljko");
  shown = (Shown) { attendees, "The attendee list could not be read: " };
  ui_test_wait_until (shown_has_label, &shown, 5000, "the store's error in place of the list");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (empty_label)),
                                   "The attendee list could not be read: "));
}

static gboolean
is_event_attendees (GtkWidget *widget,
                    gpointer   user_data)
{
  return ECCP_IS_EVENT_ATTENDEES (widget);
}

static EccpRecord *
shown_on_event_page (EccpWindow *window)
{
  GtkWidget *page = eccp_window_get_page (window, "event");
  GtkWidget *view = ui_test_template_child (page, ECCP_TYPE_BROWSE_PAGE, "record_view");

  return eccp_record_view_get_record (ECCP_RECORD_VIEW (view));
}

static gboolean
shows_attendee (gpointer user_data)
{
  EccpRecord *record = shown_on_event_page (user_data);

  return record != NULL && g_str_equal (eccp_record_get_type_name (record), "attendee");
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
is_done (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

/* Writes the CSV to @file as the file chooser's Export does; the error */
static gboolean
export_to (GtkWidget   *window,
           EccpStore   *store,
           const char  *event_id,
           GFile       *file,
           gint64      *n,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eccp_attendee_export_save_async (window, store, event_id, file, NULL, export_done_cb, &result);
  ui_test_wait_until (is_done, &result, 10000, "the export to finish");

  return eccp_attendee_export_save_finish (result, n, error);
}

/* In the real window: an attendee's row opens the attendee, and the
 * export writes the file a spreadsheet opens (test_in_window's) */
static void
check_attendees_in_window (Fixture    *fixture,
                           EccpWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 n = 0;
  GtkWidget *attendees;
  GtkWidget *list_view;
  EccpRecord *shown;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(ss)", "event", EVENT));
  attendees = ui_test_find_descendant (GTK_WIDGET (window), is_event_attendees, NULL);
  g_assert_nonnull (attendees);
  g_assert_cmpstr (eccp_event_attendees_get_event_id (ECCP_EVENT_ATTENDEES (attendees)), ==, EVENT);

  /* Activating Željko's row (a click, or Enter) opens Željko */
  list_view = ui_test_template_child (attendees, ECCP_TYPE_EVENT_ATTENDEES, "list_view");
  g_signal_emit_by_name (list_view, "activate", 2);
  ui_test_wait_until (shows_attendee, window, 5000, "the attendee to open");
  shown = shown_on_event_page (window);
  g_assert_cmpstr (eccp_record_get_id (shown), ==, ZELJKO);

  /* The export, without the dialog: the whole event, with the BOM */
  path = g_build_filename (fixture->dir, "Matchmaking – attendees.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (export_to (GTK_WIDGET (window), fixture->store, EVENT, file, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 3);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "event,name,organisation,country,checked_in,"));
  g_assert_nonnull (strstr (contents, "\r\nMatchmaking Łódź 2026,Željko Erkapić,Politechnika Łódzka,Poland,no,,,"
                                      ZELJKO "\r\n"));

  /* Every event's: the toast counts the rows written, not 0 */
  {
    g_autoptr(EccpQuery) query = eccp_query_new ("attendee");
    g_autoptr(GFile) all = g_file_new_build_filename (fixture->dir, "All events – attendees.csv", NULL);

    n = 0;
    g_assert_true (export_to (GTK_WIDGET (window), fixture->store, NULL, all, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpint (n, ==, eccp_store_count (fixture->store, query, NULL));
    g_assert_cmpint (n, ==, 3);
  }

  /* Over a link to a private file: the link stays a link and the file
   * keeps its permissions (no G_FILE_CREATE_REPLACE_DESTINATION) */
  {
    g_autofree char *target = g_build_filename (fixture->dir, "private.csv", NULL);
    g_autofree char *link = g_build_filename (fixture->dir, "link.csv", NULL);
    g_autoptr(GFile) link_file = g_file_new_for_path (link);
    g_autofree char *written = NULL;
    GStatBuf buf;

    g_assert_true (g_file_set_contents_full (target, "old", -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
    g_assert_cmpint (symlink (target, link), ==, 0);
    g_assert_true (export_to (GTK_WIDGET (window), fixture->store, EVENT, link_file, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    g_assert_cmpint (g_stat (target, &buf), ==, 0);
    g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
    g_assert_true (g_file_get_contents (target, &written, NULL, &error));
    g_assert_true (g_str_has_prefix (written, "\xef\xbb\xbf" "event,"));
  }

  /* A folder that is not there: an error, and no file */
  nowhere = g_file_new_build_filename (fixture->dir, "gone", "attendees.csv", NULL);
  g_assert_false (export_to (GTK_WIDGET (window), fixture->store, EVENT, nowhere, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_query_exists (nowhere, NULL));
}

/* A suggested file name has none of the characters a file system
 * (FAT, NTFS, a Windows share) refuses */
static void
test_suggest_file_name (void)
{
  g_autofree char *name = eccp_widget_suggest_file_name ("A/B\\C: \"D\" <E> F|G? *H\tI\x01J – attendees.csv");

  g_assert_cmpstr (name, ==, "A-B-C- -D- -E- F-G- -H-I-J – attendees.csv");
}

/* }}} */

/* The real window: win.venue-mode fills it, with the session's sync
 * indicator in the mode's header and the search focused; leaving goes
 * back to the main page. */
static gboolean
main_stack_shows (gpointer user_data)
{
  GtkWidget *window = user_data;
  GtkStack *stack = GTK_STACK (ui_test_template_child (window, ECCP_TYPE_WINDOW, "main_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "main") == 0 && gtk_widget_get_mapped (window);
}

static void
test_in_window (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EccpApplication) app = eccp_application_new ();
  g_autoptr(GError) error = NULL;
  EccpSession *session;
  EccpWindow *window;
  GtkStack *stack;
  GtkWidget *venue;
  GtkWidget *indicator;
  GtkWidget *focus;

  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_test_skip_printf ("The application could not register: %s", error->message);
      return;
    }

  session = eccp_application_get_session (app);
  window = eccp_window_new (GTK_APPLICATION (app), session);
  fixture->window = GTK_WINDOW (window);
  gtk_window_present (fixture->window);
  eccp_session_open_store (session, fixture->store, "portal");
  ui_test_wait_until (main_stack_shows, window, 10000, "the window to show the store");

  stack = GTK_STACK (ui_test_template_child (window, ECCP_TYPE_WINDOW, "main_stack"));
  venue = eccp_window_get_page (window, "venue");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.venue-mode", "s", EVENT));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "venue");
  g_assert_cmpstr (eccp_venue_mode_get_event_id (ECCP_VENUE_MODE (venue)), ==, EVENT);

  indicator = ui_test_template_child (venue, ECCP_TYPE_VENUE_MODE, "sync_indicator");
  g_assert_true (eccp_sync_indicator_get_controller (ECCP_SYNC_INDICATOR (indicator))
                 == eccp_session_get_controller (session));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, ui_test_template_child (venue, ECCP_TYPE_VENUE_MODE, "search_entry")));

  g_assert_true (gtk_widget_activate_action (venue, "venue.exit", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "main");

  check_attendees_in_window (fixture, window);

  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  eccp_session_close (session);
}


/* The device name check-ins are signed with is a preference: the row
 * shows it, Apply keeps it, and empty goes back to the computer's name. */
static void
test_device_preference (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = ui_test_settings_new ();
  g_autoptr(EccpSession) session = eccp_session_new (settings);
  g_autofree char *kept = NULL;
  g_autofree char *back = NULL;
  GtkWidget *preferences;
  GtkWidget *row;

  eccp_session_open_store (session, fixture->store, "demo");
  preferences = eccp_preferences_window_new (session);
  gtk_window_present (GTK_WINDOW (preferences));

  row = ui_test_template_child (preferences, ECCP_TYPE_PREFERENCES_WINDOW, "device_row");
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Device name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Entrance A");

  gtk_editable_set_text (GTK_EDITABLE (row), "Entrance B");
  g_signal_emit_by_name (row, "apply");
  kept = eccp_store_get_device_name (fixture->store);
  g_assert_cmpstr (kept, ==, "Entrance B");

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_signal_emit_by_name (row, "apply");
  back = eccp_store_get_device_name (fixture->store);
  g_assert_cmpstr (back, !=, "Entrance B");
  g_assert_cmpstr (back, !=, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, back);

  gtk_window_destroy (GTK_WINDOW (preferences));
  eccp_session_close (session);
}

/* A large event: the first screenful shows at once, and then everybody,
 * in the name order (eccp-venue-mode.c adds the rest a frame later). */
static void
test_long_list (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"data\": [");
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = NULL;
  Count everybody = { fixture, 123 };

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (json, "%s{\"type\": \"attendee\", \"id\": \"a1000000-0000-4000-8000-%012u\","
                            " \"attributes\": {\"name\": \"Zora %03u\", \"role\": \"participant\"},"
                            " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT "\"}}},"
                            " \"meta\": {\"rev\": 1}}", i > 0 ? "," : "", i, i);
  g_string_append (json, "]}");
  document = json_from_string (json->str, &error);
  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);

  open_venue (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (fixture)), >, 0);
  ui_test_wait_until (shows_n, &everybody, 5000, "everybody to be listed");
  states = eccp_store_list_attendee_states (fixture->store, EVENT, NULL, ECCP_CHECKIN_FILTER_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (states->len, ==, 123);
  for (guint i = 0; i < states->len; i++)
    {
      g_autoptr(EccpVenueItem) item = g_list_model_get_item (shown_model (fixture), i);

      g_assert_cmpstr (eccp_venue_item_get_state (item)->id, ==,
                       ((EccpAttendeeState *) g_ptr_array_index (states, i))->id);
    }
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (shown_model (fixture))), ==, 0);

  /* A search while they come in, or after, shows only who it finds */
  search (fixture, "Bob", 1);
  search (fixture, "", 123);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/venue/search-check-in-undo", Fixture, NULL,
              fixture_set_up, test_search_check_in_undo, fixture_tear_down);
  g_test_add ("/venue/search-folds", Fixture, NULL,
              fixture_set_up, test_search_folds, fixture_tear_down);
  g_test_add ("/venue/recent-ten", Fixture, NULL,
              fixture_set_up, test_recent_ten, fixture_tear_down);
  g_test_add ("/venue/filters", Fixture, NULL,
              fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/venue/follows-store", Fixture, NULL,
              fixture_set_up, test_follows_store, fixture_tear_down);
  g_test_add ("/venue/escape", Fixture, NULL,
              fixture_set_up, test_escape, fixture_tear_down);
  g_test_add ("/venue/long-list", Fixture, NULL,
              fixture_set_up, test_long_list, fixture_tear_down);
  g_test_add ("/venue/offered", Fixture, NULL,
              fixture_set_up, test_offered, fixture_tear_down);
  g_test_add_func ("/venue/suggest-file-name", test_suggest_file_name);
  g_test_add ("/venue/in-window", Fixture, NULL,
              fixture_set_up, test_in_window, fixture_tear_down);
  g_test_add ("/venue/event-attendees", Fixture, NULL,
              fixture_set_up, test_event_attendees, fixture_tear_down);
  g_test_add ("/venue/refused-check-in", Fixture, NULL,
              fixture_set_up, test_refused_check_in, fixture_tear_down);
  g_test_add ("/venue/event-attendees-gaps", Fixture, NULL,
              fixture_set_up, test_event_attendees_gaps, fixture_tear_down);
  g_test_add ("/venue/device-preference", Fixture, NULL,
              fixture_set_up, test_device_preference, fixture_tear_down);

  return g_test_run ();
}
