/* test-deadlines.c: calls by their next cut-off with their badges, a
 * call's page with every cut-off, an event's times in two zones, in real
 * widgets over a real store, at a fixed now (EccpClock)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include <adwaita.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-browse-page.h"
#include "eccp-clock.h"
#include "eccp-date.h"
#include "eccp-record-list.h"
#include "eccp-record-row.h"
#include "eccp-record-view.h"
#include "eccp-search-list.h"

#define TODAY      "d0000000-0000-4000-8000-000000000001"
#define THREE      "d0000000-0000-4000-8000-000000000002"
#define LATER      "d0000000-0000-4000-8000-000000000003"
#define SOON       "d0000000-0000-4000-8000-000000000004"
#define CLOSED     "d0000000-0000-4000-8000-000000000005"
#define KYIV_EVENT "d0000000-0000-4000-8000-000000000006"

#define CALL(id, title, extra, deadlines) \
  "{\"type\": \"call\", \"id\": \"" id "\", \"attributes\": {\"title\": \"" title "\"," \
  " \"programme\": \"COSME\", " extra " \"deadlines\": " deadlines "}, \"relationships\": {}," \
  " \"meta\": {\"rev\": 1, \"moderation_state\": \"published\", \"published\": null}}"

/* Read on 12 March 2026 at 09:00 UTC, in Lisbon (UTC+0 in winter, +1 in
 * summer); the cut-offs are at the calls' own offsets, Brussels'. */
static const char records_json[] =
  "{\"data\": ["
  CALL (CLOSED, "Closed Call", "", "[\"2025-11-30T17:00:00+01:00\"]") ","
  CALL (LATER, "Later Call", "", "[\"2026-05-10T17:00:00+02:00\"]") ","
  CALL (THREE, "Three Cut-offs Call", "",
        "[\"2026-06-30T17:00:00+02:00\", \"2026-01-15T17:00:00+01:00\", \"2026-03-20T17:00:00+01:00\"]") ","
  CALL (SOON, "Forthcoming Call", "\"opens_at\": \"2026-04-01T09:00:00+02:00\",",
        "[\"2026-07-01T17:00:00+02:00\"]") ","
  CALL (TODAY, "Closing Today Call", "", "[\"2026-03-12T17:00:00+01:00\"]") ","
  "{\"type\": \"event\", \"id\": \"" KYIV_EVENT "\", \"attributes\": {\"title\": \"Kyiv Matchmaking\","
  " \"kind\": \"matchmaking\", \"starts_at\": \"2026-06-04T10:00:00+03:00\","
  " \"ends_at\": \"2026-06-04T18:00:00+03:00\", \"timezone\": \"Europe/Kyiv\", \"city\": \"Kyiv\","
  " \"country\": \"UA\"}, \"relationships\": {},"
  " \"meta\": {\"rev\": 1, \"moderation_state\": \"published\", \"published\": null}}"
  "]}";

typedef struct
{
  char           *dir;
  EccpStore      *store;
  GtkWindow      *window;
  EccpBrowsePage *page;
} Fixture;

/* {{{ Helpers */

static void
set_now (const char *rfc3339)
{
  g_autoptr(GDateTime) now = eccp_date_time_parse_rfc3339 (rfc3339);

  g_assert_nonnull (now);
  eccp_clock_set_now (eccp_clock_get_default (), now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = json_from_string (records_json, &error);

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("eccp-test-deadlines-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
  set_now ("2026-03-12T09:00:00Z");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_window_destroy (g_steal_pointer (&fixture->window));
  fixture->page = NULL;
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
show_page (Fixture    *fixture,
           const char *type)
{
  fixture->page = g_object_new (ECCP_TYPE_BROWSE_PAGE, "record-type", type, NULL);
  fixture->window = ui_test_window_new (GTK_WIDGET (fixture->page), 1100, 720);
  eccp_browse_page_set_store (fixture->page, fixture->store);
}

static EccpSearchList *
get_search_list (Fixture *fixture)
{
  return ECCP_SEARCH_LIST (ui_test_template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "search_list"));
}

static gboolean
list_has_five (gpointer user_data)
{
  return eccp_search_list_get_n_items (get_search_list (user_data)) == 5;
}

static gboolean
is_row_of (GtkWidget *widget,
           gpointer   id)
{
  EccpRecord *record;

  if (!ECCP_IS_RECORD_ROW (widget))
    return FALSE;
  record = eccp_record_row_get_record (ECCP_RECORD_ROW (widget));

  return record != NULL && g_strcmp0 (eccp_record_get_id (record), id) == 0;
}

typedef struct
{
  GtkWidget  *list;
  const char *id;
} RowOf;

/* The list shows the row of that record (its rows come from the store's
 * reader thread) */
static gboolean
shows_row_of (gpointer user_data)
{
  RowOf *row_of = user_data;

  return ui_test_find_descendant (row_of->list, is_row_of, (gpointer) row_of->id) != NULL;
}

/* A row's labels, told apart by their style: the title is a heading, the
 * summary a caption, the badge neither (a row is made in code, with no
 * template children). */
static gboolean
is_row_label (GtkWidget *widget,
              gpointer   style)
{
  if (!GTK_IS_LABEL (widget))
    return FALSE;
  if (style != NULL)
    return gtk_widget_has_css_class (widget, style);

  return !gtk_widget_has_css_class (widget, "heading") && !gtk_widget_has_css_class (widget, "caption");
}

static GtkWidget *
row_badge (GtkWidget *row)
{
  GtkWidget *badge = ui_test_find_descendant (row, is_row_label, NULL);

  g_assert_nonnull (badge);
  return badge;
}

static GtkWidget *
row_subtitle (GtkWidget *row)
{
  GtkWidget *subtitle = ui_test_find_descendant (row, is_row_label, (gpointer) "caption");

  g_assert_nonnull (subtitle);
  return subtitle;
}

/* The list's ids in order, and each row's badge ("" when it shows none) */
static char *
describe_list (Fixture *fixture)
{
  EccpSearchList *list = get_search_list (fixture);
  GListModel *model = G_LIST_MODEL (eccp_search_list_get_model (list));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EccpRecord) record = g_list_model_get_item (model, i);
      GtkWidget *row = ui_test_find_descendant (GTK_WIDGET (list), is_row_of,
                                                (gpointer) eccp_record_get_id (record));
      GtkWidget *badge;

      g_assert_nonnull (row);
      badge = row_badge (row);
      g_string_append_printf (text, "%s: %s\n", eccp_record_get_title (record),
                              gtk_widget_get_visible (badge) ? gtk_label_get_label (GTK_LABEL (badge)) : "");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  Fixture    *fixture;
  const char *expected;
} Expect;

static gboolean
list_reads (gpointer user_data)
{
  Expect *expect = user_data;
  g_autofree char *text = describe_list (expect->fixture);

  return g_str_equal (text, expect->expected);
}

static void
assert_list_reads (Fixture    *fixture,
                   const char *expected)
{
  Expect expect = { fixture, expected };

  ui_test_wait_until (list_has_five, fixture, 5000, "the five calls");
  /* Rows are bound as the list view lays them out */
  ui_test_wait_until (list_reads, &expect, 5000, "the list to read as expected");
}

static gboolean
detail_shows (gpointer user_data)
{
  Expect *expect = user_data;
  GtkWidget *view = ui_test_template_child (expect->fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  EccpRecord *record = eccp_record_view_get_record (ECCP_RECORD_VIEW (view));

  return record != NULL && g_strcmp0 (eccp_record_get_id (record), expect->expected) == 0;
}

static GtkWidget *
open_record (Fixture    *fixture,
             const char *id)
{
  Expect shown = { fixture, id };

  eccp_browse_page_show_record (fixture->page, id);
  ui_test_wait_until (detail_shows, &shown, 5000, "the detail to show the record");

  return ui_test_template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
}

/* }}} */

/* Calls by their next cut-off, each with its badge; the closed last.  At
 * 16:01 UTC the call that closed at 17:00 Brussels time says so, and
 * goes down among the closed, without anything but the clock moving. */
static void
test_calls_list (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *badge;

  show_page (fixture, "call");
  assert_list_reads (fixture,
                     "Closing Today Call: Closes today at 16:00\n"
                     "Three Cut-offs Call: Next cut-off in 8 days\n"
                     "Later Call: Closes 10 May\n"
                     "Forthcoming Call: Opens 1 April\n"
                     "Closed Call: Closed\n");

  /* The state is in the words and in the pill's style */
  row = ui_test_find_descendant (GTK_WIDGET (fixture->page), is_row_of, (gpointer) TODAY);
  badge = row_badge (row);
  g_assert_true (gtk_widget_has_css_class (badge, "call-badge"));
  g_assert_true (gtk_widget_has_css_class (badge, "closing"));
  row = ui_test_find_descendant (GTK_WIDGET (fixture->page), is_row_of, (gpointer) CLOSED);
  badge = row_badge (row);
  g_assert_true (gtk_widget_has_css_class (badge, "closed"));

  set_now ("2026-03-12T16:01:00Z");
  assert_list_reads (fixture,
                     "Three Cut-offs Call: Next cut-off in 8 days\n"
                     "Later Call: Closes 10 May\n"
                     "Forthcoming Call: Opens 1 April\n"
                     "Closing Today Call: Closed\n"
                     "Closed Call: Closed\n");

  /* The next day, "in 7 days" */
  set_now ("2026-03-13T00:30:00Z");
  assert_list_reads (fixture,
                     "Three Cut-offs Call: Next cut-off in 7 days\n"
                     "Later Call: Closes 10 May\n"
                     "Forthcoming Call: Opens 1 April\n"
                     "Closing Today Call: Closed\n"
                     "Closed Call: Closed\n");
}

/* The status filter offers what the issue asks, and picks by it */
static void
test_calls_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *filters;
  GtkDropDown *status = NULL;
  GListModel *labels;
  g_autoptr(GString) offered = g_string_new (NULL);

  show_page (fixture, "call");
  ui_test_wait_until (list_has_five, fixture, 5000, "the five calls");
  filters = ui_test_template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "filter_box");
  for (GtkWidget *child = gtk_widget_get_first_child (filters); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *dropdown = gtk_widget_get_first_child (child);

      if (GTK_IS_DROP_DOWN (dropdown) && g_strcmp0 (gtk_widget_get_tooltip_text (dropdown), "Filter by status") == 0)
        status = GTK_DROP_DOWN (dropdown);
    }
  g_assert_nonnull (status);

  labels = gtk_drop_down_get_model (status);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    g_string_append_printf (offered, "%s;", gtk_string_list_get_string (GTK_STRING_LIST (labels), i));
  g_assert_cmpstr (offered->str, ==, "Any status;Open;Closing within 14 days;Forthcoming;Closed;");

  /* Closing within 14 days: today's and the one in 8 days */
  gtk_drop_down_set_selected (status, 2);
  {
    Expect expect = { fixture,
                      "Closing Today Call: Closes today at 16:00\n"
                      "Three Cut-offs Call: Next cut-off in 8 days\n" };

    ui_test_wait_until (list_reads, &expect, 5000, "the closing calls");
  }
}

/* A call's page: every cut-off, earliest first, in the user's time and
 * the call's own offset, the one passed dimmed and saying so, the next
 * one standing out; the badge under the title. */
static void
test_call_page (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *view;
  GtkWidget *passed;
  GtkWidget *next;
  GtkWidget *last;
  GtkWidget *badge;

  show_page (fixture, "call");
  view = open_record (fixture, THREE);

  badge = ui_test_template_child (view, ECCP_TYPE_RECORD_VIEW, "badge_label");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Next cut-off in 8 days");

  /* Lisbon is UTC+0 in winter, +1 in summer: 16:00 here is 17:00 there */
  passed = ui_test_row_titled (view, "15 Jan 2026 16:00 (17:00 UTC+01:00)");
  next = ui_test_row_titled (view, "20 Mar 2026 16:00 (17:00 UTC+01:00)");
  last = ui_test_row_titled (view, "30 Jun 2026 16:00 (17:00 UTC+02:00)");

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (passed)), ==, "Cut-off 1 of 3 · Passed");
  g_assert_true (gtk_widget_has_css_class (passed, "dim-label"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (next)), ==, "Cut-off 2 of 3 · Next");
  g_assert_true (gtk_widget_has_css_class (next, "next"));
  g_assert_false (gtk_widget_has_css_class (next, "dim-label"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)), ==, "Cut-off 3 of 3");
  g_assert_false (gtk_widget_has_css_class (last, "dim-label"));

  /* In order, as the page lists them */
  g_assert_true (gtk_widget_get_parent (passed) == gtk_widget_get_parent (next));
  g_assert_true (gtk_widget_get_next_sibling (passed) == next);
  g_assert_true (gtk_widget_get_next_sibling (next) == last);

  /* Five days before: near, said so; the page follows the clock */
  set_now ("2026-03-15T09:00:00Z");
  next = ui_test_row_titled (view, "20 Mar 2026 16:00 (17:00 UTC+01:00)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (next)), ==, "Cut-off 2 of 3 · Next · in 5 days");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Next cut-off in 5 days");
}

/* An event in Kyiv read in Lisbon: both times, each named */
static void
test_event_zones (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *view;
  GtkWidget *starts;
  GtkWidget *row;
  EccpSearchList *list;

  show_page (fixture, "event");
  view = open_record (fixture, KYIV_EVENT);
  starts = ui_test_row_titled (view, "Starts");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (starts)), ==,
                   "4 Jun 2026 10:00 Kyiv time (08:00 your time)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_test_row_titled (view, "Ends"))), ==,
                   "4 Jun 2026 18:00 Kyiv time (16:00 your time)");

  /* The list's row says the same */
  list = get_search_list (fixture);
  ui_test_wait_until (shows_row_of, &(RowOf) { GTK_WIDGET (list), KYIV_EVENT }, 5000, "the event's row");
  row = ui_test_find_descendant (GTK_WIDGET (list), is_row_of, (gpointer) KYIV_EVENT);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (row_subtitle (row))),
                            "4 Jun 2026 10:00 Kyiv time (08:00 your time)"));
}

int
main (int   argc,
      char *argv[])
{
  /* The user is in Lisbon: before anything reads the local zone */
  g_setenv ("TZ", "Europe/Lisbon", TRUE);
  tzset ();

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/deadlines/calls-list", Fixture, NULL,
              fixture_set_up, test_calls_list, fixture_tear_down);
  g_test_add ("/deadlines/calls-filter", Fixture, NULL,
              fixture_set_up, test_calls_filter, fixture_tear_down);
  g_test_add ("/deadlines/call-page", Fixture, NULL,
              fixture_set_up, test_call_page, fixture_tear_down);
  g_test_add ("/deadlines/event-zones", Fixture, NULL,
              fixture_set_up, test_event_zones, fixture_tear_down);

  return g_test_run ();
}
