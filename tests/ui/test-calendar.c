/* test-calendar.c: Add to Calendar (eccp-calendar-export.c, eccp-file-save.c)
 * in the real window over a real store: the buttons on a call's and an
 * event's page and on the Calls and Events lists, the file written where
 * the dialog would have said, the toast and its Open
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under run-under-x (Xvfb, a D-Bus session, the accessibility bus).
 * The native file chooser is the desktop's (a portal): the tests give the
 * file to eccp_calendar_export_save_async() as the dialog's answer would.
 */

#include "config.h"

#include <adwaita.h>
#include <libical/ical.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-application.h"
#include "eccp-browse-page.h"
#include "eccp-calendar-export.h"
#include "eccp-file-save.h"
#include "eccp-record-list.h"
#include "eccp-record-view.h"
#include "eccp-search-list.h"
#include "eccp-session.h"
#include "eccp-window.h"

#define CALL       "c1000000-0000-4000-8000-000000000001"
#define OTHER_CALL "c1000000-0000-4000-8000-000000000002"
#define EVENT      "e1000000-0000-4000-8000-000000000001"
#define CLUSTER    "a1000000-0000-4000-8000-000000000001"

static const char document[] =
  "{\"data\": ["
  "{\"type\": \"call\", \"id\": \"" CALL "\", \"attributes\": {\"title\": \"Three Cut-offs\","
  " \"url\": \"https://calls.example.eu/three\","
  " \"deadlines\": [\"2036-01-15T17:00:00+01:00\", \"2036-03-12T17:00:00+01:00\", \"2036-05-20T17:00:00+02:00\"]},"
  " \"meta\": {\"rev\": 3}},"
  "{\"type\": \"call\", \"id\": \"" OTHER_CALL "\", \"attributes\": {\"title\": \"Another Call\","
  " \"deadlines\": [\"2036-02-01T12:00:00+01:00\"]}, \"meta\": {\"rev\": 1}},"
  "{\"type\": \"event\", \"id\": \"" EVENT "\", \"attributes\": {\"title\": \"Kyiv Matchmaking\","
  " \"kind\": \"matchmaking\", \"timezone\": \"Europe/Kyiv\", \"city\": \"Kyiv\", \"country\": \"UA\","
  " \"starts_at\": \"2036-06-04T09:00:00+03:00\", \"ends_at\": \"2036-06-04T17:00:00+03:00\"},"
  " \"meta\": {\"rev\": 1}},"
  "{\"type\": \"cluster\", \"id\": \"" CLUSTER "\", \"attributes\": {\"name\": \"Some Cluster\","
  " \"profile_type\": \"cluster_organisation\", \"country\": \"BE\", \"ecosystems\": [\"Digital\"]},"
  " \"meta\": {\"rev\": 1}}"
  "]}";

typedef struct
{
  char           *dir;
  EccpStore      *store;
  EccpApplication *app;
  EccpSession    *session;
  EccpWindow     *window;
} Fixture;

static gboolean
main_stack_shows (gpointer user_data)
{
  GtkWidget *window = user_data;
  GtkStack *stack = GTK_STACK (ui_test_template_child (window, ECCP_TYPE_WINDOW, "main_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "main") == 0 && gtk_widget_get_mapped (window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (document, &error);

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("eccp-test-calendar-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);
  g_assert_true (eccp_store_import_document (fixture->store, node, NULL, &error));
  g_assert_no_error (error);

  fixture->app = eccp_application_new ();
  if (!g_application_register (G_APPLICATION (fixture->app), NULL, &error))
    {
      g_test_skip_printf ("The application could not register: %s", error->message);
      return;
    }
  fixture->session = eccp_application_get_session (fixture->app);
  fixture->window = eccp_window_new (GTK_APPLICATION (fixture->app), fixture->session);
  gtk_window_present (GTK_WINDOW (fixture->window));
  eccp_session_open_store (fixture->session, fixture->store, "portal");
  ui_test_wait_until (main_stack_shows, fixture->window, 10000, "the window to show the store");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  if (fixture->session != NULL)
    eccp_session_close (fixture->session);
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->store);
  if (fixture->dir != NULL)
    eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_done (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

/* What the dialog's Save does with @file: the entries written, or 0 and
 * @error */
static guint
save_to (Fixture          *fixture,
         const EccpQuery  *query,
         const char       *type,
         const char       *id,
         GFile            *file,
         GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint n = 0;

  eccp_calendar_export_save_async (GTK_WIDGET (fixture->window), fixture->store, query, type, id, file,
                                   NULL, save_done_cb, &result);
  ui_test_wait_until (is_done, &result, 10000, "the calendar to be saved");
  if (!eccp_calendar_export_save_finish (result, &n, error))
    return 0;

  return n;
}

/* The file, parsed by libical: its VEVENTs' UIDs, in order */
static GPtrArray *
read_uids (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  icalcomponent *calendar;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n"));
  calendar = icalparser_parse_string (contents);
  g_assert_nonnull (calendar);
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    g_ptr_array_add (uids, g_strdup (icalcomponent_get_uid (c)));
  icalcomponent_free (calendar);

  return uids;
}

/* The browse page of a record type (made when first asked for) */
static GtkWidget *
page_of (Fixture    *fixture,
         const char *type)
{
  GtkWidget *page = eccp_window_get_page (ECCP_WINDOW (fixture->window), type);

  g_assert_true (ECCP_IS_BROWSE_PAGE (page));
  return page;
}

static GtkWidget *
detail_button (Fixture    *fixture,
               const char *page)
{
  GtkWidget *view = ui_test_template_child (page_of (fixture, page), ECCP_TYPE_BROWSE_PAGE, "record_view");

  return ui_test_template_child (view, ECCP_TYPE_RECORD_VIEW, "calendar_button");
}

static gboolean
label_contains (GtkWidget *widget,
                gpointer   text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

/* A toast saying @text is shown */
static gboolean
toast_says (gpointer user_data)
{
  gpointer *args = user_data;
  GtkWidget *overlay = ui_test_template_child (args[0], ECCP_TYPE_WINDOW, "toast_overlay");

  return ui_test_find_descendant (overlay, label_contains, args[1]) != NULL;
}

static void
wait_for_toast (Fixture    *fixture,
                const char *text)
{
  gpointer args[] = { fixture->window, (gpointer) text };

  ui_test_wait_until (toast_says, args, 10000, text);
}

/* A call's page and an event's have the button, a cluster's not; it
 * names the record for win.add-to-calendar; the file is the call's
 * three cut-offs, or the event */
static void
check_record (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GVariant) target = NULL;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-record", "(ss)", "call", CALL));
  button = detail_button (fixture, "call");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.add-to-calendar");
  target = g_variant_ref_sink (g_variant_new ("(ss)", "call", CALL));
  g_assert_true (g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), target));
  /* Tab reaches it; Alt+C too (its mnemonic) */
  g_assert_true (gtk_widget_get_focusable (button));

  path = g_build_filename (fixture->dir, "Three Cut-offs.ics", NULL);
  file = g_file_new_for_path (path);
  g_assert_cmpuint (save_to (fixture, NULL, "call", CALL, file, &error), ==, 3);
  g_assert_no_error (error);
  uids = read_uids (file);
  g_assert_cmpuint (uids->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (uids, 1), ==, CALL "-cutoff-2@eccp-desk");
  wait_for_toast (fixture, "Saved 3 deadlines to “Three Cut-offs.ics”");

  /* Saved again: replaced, the same entries (a calendar updates them) */
  {
    g_autoptr(GPtrArray) again = NULL;

    g_assert_cmpuint (save_to (fixture, NULL, "call", CALL, file, &error), ==, 3);
    again = read_uids (file);
    g_assert_cmpuint (again->len, ==, 3);
    for (guint i = 0; i < again->len; i++)
      g_assert_cmpstr (g_ptr_array_index (again, i), ==, g_ptr_array_index (uids, i));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-record", "(ss)", "event", EVENT));
  g_assert_true (gtk_widget_get_visible (detail_button (fixture, "event")));
  {
    g_autoptr(GFile) event_file = g_file_new_build_filename (fixture->dir, "Kyiv.ics", NULL);
    g_autoptr(GPtrArray) event_uids = NULL;

    g_assert_cmpuint (save_to (fixture, NULL, "event", EVENT, event_file, &error), ==, 1);
    event_uids = read_uids (event_file);
    g_assert_cmpstr (g_ptr_array_index (event_uids, 0), ==, EVENT "@eccp-desk");
    wait_for_toast (fixture, "Saved 1 event to “Kyiv.ics”");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-record", "(ss)", "cluster", CLUSTER));
  g_assert_false (gtk_widget_get_visible (detail_button (fixture, "cluster")));
}

/* The list shows what is typed in the search (after a pause, as typing) */
static gboolean
list_searches (gpointer search_list)
{
  EccpRecordList *list = eccp_search_list_get_model (search_list);

  return list != NULL && eccp_query_get_search (eccp_record_list_get_query (list)) != NULL;
}

/* The Calls list's button saves the list as filtered and searched, every
 * page of it; the Clusters list has none */
static void
check_list (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  GtkWidget *page;
  GtkWidget *search_list;
  EccpRecordList *list;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "call"));
  page = page_of (fixture, "call");
  g_assert_true (gtk_widget_get_visible (ui_test_template_child (page, ECCP_TYPE_BROWSE_PAGE, "calendar_button")));
  g_assert_true (gtk_widget_get_visible (ui_test_template_child (page_of (fixture, "event"),
                                                                  ECCP_TYPE_BROWSE_PAGE, "calendar_button")));
  g_assert_false (gtk_widget_get_visible (ui_test_template_child (page_of (fixture, "cluster"),
                                                                   ECCP_TYPE_BROWSE_PAGE, "calendar_button")));

  search_list = ui_test_template_child (page, ECCP_TYPE_BROWSE_PAGE, "search_list");
  list = eccp_search_list_get_model (ECCP_SEARCH_LIST (search_list));
  g_assert_nonnull (list);
  file = g_file_new_build_filename (fixture->dir, "Calls.ics", NULL);

  /* Both calls: 3 + 1 cut-offs */
  g_assert_cmpuint (save_to (fixture, eccp_record_list_get_query (list), NULL, NULL, file, &error), ==, 4);
  g_assert_no_error (error);
  wait_for_toast (fixture, "Saved 4 deadlines to “Calls.ics”");

  /* Searched: the one call */
  eccp_search_list_set_search_text (ECCP_SEARCH_LIST (search_list), "another");
  ui_test_wait_until (list_searches, search_list, 10000, "the list to search");
  list = eccp_search_list_get_model (ECCP_SEARCH_LIST (search_list));
  g_assert_cmpuint (save_to (fixture, eccp_record_list_get_query (list), NULL, NULL, file, &error), ==, 1);
  uids = read_uids (file);
  g_assert_cmpuint (uids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (uids, 0), ==, OTHER_CALL "-cutoff-1@eccp-desk");
}

/* Where it cannot be written: a toast says why, nothing is left; with no
 * application for the file, its Open says so */
static void
check_failures (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autoptr(GFile) file = NULL;

  nowhere = g_file_new_build_filename (fixture->dir, "no such folder", "x.ics", NULL);
  g_assert_cmpuint (save_to (fixture, NULL, "call", CALL, nowhere, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_false (g_file_query_exists (nowhere, NULL));
  wait_for_toast (fixture, "Could not save “x.ics”");

  file = g_file_new_build_filename (fixture->dir, "x.ics", NULL);
  g_assert_true (g_file_replace_contents (file, "x", 1, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, NULL));
  eccp_file_save_open (GTK_WIDGET (fixture->window), file, "application/x-eccp-test-nobody-opens-this");
  wait_for_toast (fixture, "No application here opens “x.ics”");
}

/* One window (one application registers per process), each part in turn */
static void
test_in_window (Fixture       *fixture,
                gconstpointer  data)
{
  if (fixture->window == NULL)
    return;

  check_record (fixture);
  check_list (fixture);
  check_failures (fixture);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/calendar/in-window", Fixture, NULL, fixture_set_up, test_in_window, fixture_tear_down);

  return g_test_run ();
}
