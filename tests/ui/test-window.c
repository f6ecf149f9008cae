/* test-window.c: the widgets, in a real window, over a real store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under run-under-x (Xvfb, a D-Bus session, the accessibility bus).
 * Each test puts the widget it is about into a real, mapped window over a
 * store file holding the demo set, changes something the way a person
 * would (text in the search entry, a filter, Enter), lets the main loop
 * run until the model has moved, and reads what the window shows.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-account.h"
#include "eccp-application.h"
#include "eccp-browse-page.h"
#include "eccp-change-row.h"
#include "eccp-meetings-view.h"
#include "eccp-record-slot.h"
#include "eccp-changes-page.h"
#include "eccp-record-editor.h"
#include "eccp-record-list.h"
#include "eccp-record-row.h"
#include "eccp-record-view.h"
#include "eccp-search-list.h"
#include "eccp-session.h"
#include "eccp-store-sync.h"
#include "eccp-sync-indicator.h"
#include "eccp-window.h"

typedef struct
{
  char           *dir;
  EccpStore      *store;
  GtkWindow      *window;
  EccpBrowsePage *page;
} Fixture;

/* {{{ Finding widgets */

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("%s has no template child “%s”", g_type_name (type), name);

  return GTK_WIDGET (child);
}

/* A part of a browse page's search and list (the entry, the list view). */
static GtkWidget *
search_list_child (gpointer    page,
                   const char *name)
{
  return template_child (template_child (page, ECCP_TYPE_BROWSE_PAGE, "search_list"),
                         ECCP_TYPE_SEARCH_LIST, name);
}

/* The subtitle of the detail's row titled @title ("Country"). */
static const char *
detail_value (Fixture    *fixture,
              const char *title)
{
  GtkWidget *view = template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  GtkWidget *row = ui_test_find_descendant (view, ui_test_is_row_titled, (gpointer) title);

  if (row == NULL)
    g_error ("The detail shows no row titled “%s”", title);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gboolean
has_action (GtkWidget *widget,
            gpointer   action_name)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
is_row_of (GtkWidget *widget,
           gpointer   id)
{
  EccpRecord *record;

  if (!ECCP_IS_RECORD_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;

  record = eccp_record_row_get_record (ECCP_RECORD_ROW (widget));

  return record != NULL && g_strcmp0 (eccp_record_get_id (record), id) == 0;
}

/* }}} */

/* {{{ Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("eccp-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, UI_TEST_DEMO_CLUSTERS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  fixture->page = NULL;
  /* Let the window's last sources run before the store goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
show_in_window (Fixture   *fixture,
                GtkWidget *child)
{
  fixture->window = ui_test_window_new (child, 1100, 720);
}

static gboolean
list_is_read (gpointer page)
{
  GListModel *model = eccp_browse_page_get_model (page);

  return model != NULL && !eccp_record_list_is_loading (ECCP_RECORD_LIST (model));
}

static void
show_browse_page (Fixture    *fixture,
                  const char *type)
{
  fixture->page = g_object_new (ECCP_TYPE_BROWSE_PAGE, "record-type", type, NULL);
  show_in_window (fixture, GTK_WIDGET (fixture->page));
  eccp_browse_page_set_store (fixture->page, fixture->store);
  /* Its rows come from the store's reader thread */
  ui_test_wait_until (list_is_read, fixture->page, 5000, "the list's first rows");
}

/* }}} */

/* {{{ The list page */

typedef struct
{
  GListModel *model;
  guint       n;
} CountWanted;

static gboolean
count_is (gpointer user_data)
{
  CountWanted *wanted = user_data;

  return g_list_model_get_n_items (wanted->model) == wanted->n;
}

static void
wait_for_n_items (GListModel *model,
                  guint       n,
                  const char *what)
{
  CountWanted wanted = { model, n };

  ui_test_wait_until (count_is, &wanted, 5000, what);
}

typedef struct
{
  EccpRecordList *list;
  const char     *text;
} SearchWanted;

static gboolean
list_searches (gpointer user_data)
{
  SearchWanted *wanted = user_data;
  const char *search_text = eccp_query_get_search (eccp_record_list_get_query (wanted->list));

  return g_strcmp0 (search_text, wanted->text) == 0 && !eccp_record_list_is_loading (wanted->list);
}

/* Types @text into the search entry as a person would, and waits until the
 * list shows what it selects (the entry waits a moment before it says). */
static void
search (Fixture    *fixture,
        const char *text)
{
  GtkWidget *entry = search_list_child (fixture->page, "search_entry");
  SearchWanted wanted = { ECCP_RECORD_LIST (eccp_browse_page_get_model (fixture->page)), text };
  g_autofree char *what = g_strdup_printf ("the list to follow the search “%s”", text);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  ui_test_wait_until (list_searches, &wanted, 5000, what);
}

static gint64
store_count (Fixture    *fixture,
             const char *search_text,
             const char *field,
             const char *value)
{
  g_autoptr(EccpQuery) query = eccp_query_new (eccp_browse_page_get_record_type (fixture->page));
  g_autoptr(GError) error = NULL;
  gint64 count;

  if (search_text != NULL)
    eccp_query_set_search (query, search_text);
  if (field != NULL)
    eccp_query_add_filter (query, field, value);
  count = eccp_store_count (fixture->store, query, &error);
  g_assert_no_error (error);

  return count;
}

static const char *
count_text (Fixture *fixture)
{
  return gtk_label_get_label (GTK_LABEL (template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "count_label")));
}

/* "250 clusters", "1 cluster" (or "250 · Clusters"): the number first, then
 * the kind of record. */
static void
assert_count_label (Fixture *fixture,
                    guint    n)
{
  const char *text = count_text (fixture);
  g_autofree char *number = g_strdup_printf ("%u ", n);
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_test_message ("count label: %s", text);
  if (!g_str_has_prefix (text, number) || strstr (lower, "cluster") == NULL)
    g_error ("The count label says “%s”, not %u clusters", text, n);
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
} RowWanted;

static gboolean
row_shown (gpointer user_data)
{
  RowWanted *wanted = user_data;

  return ui_test_find_descendant (search_list_child (wanted->fixture->page, "list_view"),
                          is_row_of, (gpointer) wanted->id) != NULL;
}

static gboolean
detail_shows_zilina (gpointer user_data)
{
  Fixture *fixture = user_data;
  EccpRecordView *view = ECCP_RECORD_VIEW (template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view"));
  EccpRecord *record = eccp_record_view_get_record (view);

  return record != NULL && g_strcmp0 (eccp_record_get_id (record), UI_TEST_ZILINA) == 0
         && ui_test_find_descendant (GTK_WIDGET (view), ui_test_is_row_titled, (gpointer) "Country") != NULL;
}

/* Typing filters the list, the count says how many, Enter opens the first
 * match, and the detail shows its fields. */
static void
test_search_and_open (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *entry;
  GtkWidget *view;
  GListModel *model;
  RowWanted wanted = { fixture, UI_TEST_ZILINA };
  guint n;

  show_browse_page (fixture, "cluster");
  model = eccp_browse_page_get_model (fixture->page);
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, UI_TEST_DEMO_CLUSTERS);
  assert_count_label (fixture, UI_TEST_DEMO_CLUSTERS);

  entry = search_list_child (fixture->page, "search_entry");
  {
    g_autofree char *placeholder = NULL;

    g_object_get (entry, "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "Search Clusters");
  }

  /* Without the caron. */
  search (fixture, "medtech zilina");
  n = g_list_model_get_n_items (model);
  g_assert_cmpint (n, ==, store_count (fixture, "medtech zilina", NULL, NULL));
  g_assert_cmpuint (n, >=, 1);
  assert_count_label (fixture, n);
  ui_test_wait_until (row_shown, &wanted, 5000, "the row of Medtech Cluster Žilina in the list");

  /* Enter in the search entry opens the first match. */
  g_signal_emit_by_name (entry, "activate");
  ui_test_wait_until (detail_shows_zilina, fixture, 5000, "the detail of Medtech Cluster Žilina");

  view = template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (template_child (view, ECCP_TYPE_RECORD_VIEW, "title_label"))),
                   ==, "Medtech Cluster Žilina");
  g_assert_cmpstr (detail_value (fixture, "Country"), ==, "Slovakia");
  g_assert_cmpstr (detail_value (fixture, "City"), ==, "Žilina");
  g_assert_nonnull (strstr (detail_value (fixture, "Description"), "Žilina"));
  /* Edit and Delete are there for the record shown. */
  g_assert_true (gtk_widget_is_sensitive (ui_test_find_descendant (view, has_action, (gpointer) "record.edit")));
  g_assert_true (gtk_widget_is_sensitive (ui_test_find_descendant (view, has_action, (gpointer) "record.delete")));

  /* "zeljko": the cluster whose manager is Željko Erkapić. */
  search (fixture, "zeljko");
  g_assert_cmpint (g_list_model_get_n_items (model), ==, store_count (fixture, "zeljko", NULL, NULL));
  wanted.id = UI_TEST_KLASTER;
  ui_test_wait_until (row_shown, &wanted, 5000, "the row of the cluster Željko Erkapić manages");

  /* Nothing matches: the list says so instead of staying blank. */
  search (fixture, "qqzzxq");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  assert_count_label (fixture, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (search_list_child (fixture->page, "list_stack"))),
                   ==, "empty");

  /* Escape's stop-search empties the entry and everything is back. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  wait_for_n_items (model, UI_TEST_DEMO_CLUSTERS, "the whole list after the search is cleared");
}

static guint
find_string (GListModel *strings,
             const char *wanted)
{
  for (guint i = 0; i < g_list_model_get_n_items (strings); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (strings, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), wanted) == 0)
        return i;
    }

  g_error ("No choice “%s” in the filter", wanted);
  return 0;
}

static gboolean
is_dropdown_named (GtkWidget *widget,
                   gpointer   tooltip)
{
  return GTK_IS_DROP_DOWN (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* Choosing a country in the filter shows that country's clusters only. */
static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *dropdown;
  GListModel *model;
  GListModel *choices;
  gint64 expected = 0;
  guint n;

  show_browse_page (fixture, "cluster");
  model = eccp_browse_page_get_model (fixture->page);

  dropdown = ui_test_find_descendant (GTK_WIDGET (fixture->page), is_dropdown_named, (gpointer) "Filter by country");
  g_assert_nonnull (dropdown);
  choices = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);

  expected = store_count (fixture, NULL, "country", "DE");
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (expected, <, UI_TEST_DEMO_CLUSTERS);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), find_string (choices, "Germany"));
  wait_for_n_items (model, expected, "the list to show the German clusters only");

  n = g_list_model_get_n_items (model);
  g_assert_cmpint (n, ==, expected);
  assert_count_label (fixture, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EccpRecord) record = g_list_model_get_item (model, i);

      g_assert_cmpstr (eccp_record_get_string (record, "country"), ==, "DE");
    }

  /* A search within the filter. */
  search (fixture, "cluster");
  g_assert_cmpint (g_list_model_get_n_items (model), <=, expected);

  /* Back to every country. */
  gtk_editable_set_text (GTK_EDITABLE (search_list_child (fixture->page, "search_entry")), "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  wait_for_n_items (model, UI_TEST_DEMO_CLUSTERS, "the list to show every country again");
}

/* An edit made elsewhere (the editor, a sync) shows in the open detail and
 * its row without a click. */
static gboolean
detail_description_is (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *view = template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  GtkWidget *row = ui_test_find_descendant (view, ui_test_is_row_titled, (gpointer) "Description");

  return row != NULL
         && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Changed while it was shown.") == 0;
}

static gboolean
detail_links_new_partnership (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *view = template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");

  return ui_test_find_descendant (view, ui_test_is_row_titled, (gpointer) "Made While It Was Shown") != NULL;
}

static void
test_detail_follows_store (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) attributes = ui_test_object ("{\"description\": \"Changed while it was shown.\"}");
  g_autoptr(JsonObject) partnership = ui_test_object ("{\"name\": \"Made While It Was Shown\", "
                                                      "\"programme\": \"ESCP-4i\"}");
  g_autoptr(JsonObject) members = ui_test_object ("{\"members\": {\"data\": [{\"type\": \"cluster\", "
                                                  "\"id\": \"" UI_TEST_ZILINA "\"}]}}");
  g_autoptr(EccpRecord) created = NULL;
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(GError) error = NULL;

  show_browse_page (fixture, "cluster");
  eccp_browse_page_show_record (fixture->page, UI_TEST_ZILINA);
  ui_test_wait_until (detail_shows_zilina, fixture, 5000, "the detail of Medtech Cluster Žilina");

  updated = eccp_store_update (fixture->store, "cluster", UI_TEST_ZILINA, attributes, NULL, &error);
  g_assert_no_error (error);
  ui_test_wait_until (detail_description_is, fixture, 5000, "the detail to show the new description");

  /* A partnership made with it elsewhere: the cluster itself is
   * unchanged, what points to it is not. */
  created = eccp_store_create (fixture->store, "partnership", NULL, partnership, members, &error);
  g_assert_no_error (error);
  ui_test_wait_until (detail_links_new_partnership, fixture, 5000,
                      "the detail to list the new partnership among the cluster's");
}

/* What GET /me does not let the user change is not offered: a manager
 * edits their own cluster, not another one, and makes new clusters; an
 * event team member sees no New, Edit or Delete on calls. */
static EccpAccount *
account_new (const char *json)
{
  g_autoptr(JsonObject) resource = ui_test_object (json);
  g_autoptr(GError) error = NULL;
  EccpAccount *account = eccp_account_new_from_json (resource, &error);

  g_assert_no_error (error);
  return account;
}

static gboolean
detail_shows (Fixture    *fixture,
              const char *id)
{
  EccpRecordView *view = ECCP_RECORD_VIEW (template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view"));
  EccpRecord *record = eccp_record_view_get_record (view);

  return record != NULL && g_strcmp0 (eccp_record_get_id (record), id) == 0;
}

static gboolean
detail_shows_klaster (gpointer user_data)
{
  return detail_shows (user_data, UI_TEST_KLASTER);
}

static gboolean
edit_offered (Fixture *fixture)
{
  GtkWidget *view = template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  GtkWidget *edit = template_child (view, ECCP_TYPE_RECORD_VIEW, "edit_button");

  return gtk_widget_is_sensitive (edit) && gtk_widget_is_visible (edit);
}

/* record.new opens an editor when it is on: one more window, closed here */
static gboolean
new_offered (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "record.new", NULL);
  if (g_list_model_get_n_items (toplevels) == n)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ECCP_IS_RECORD_EDITOR (window))
        gtk_window_destroy (window);
    }

  return TRUE;
}

static gboolean
list_has_items (gpointer user_data)
{
  return g_list_model_get_n_items (user_data) > 0;
}

static void
test_offers_what_one_may_change (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(EccpAccount) manager =
    account_new ("{\"type\": \"user\", \"id\": \"m\", \"attributes\": {\"name\": \"Željko Erkapić\", "
                 "\"roles\": [\"cluster_manager\"], \"clusters\": [\"" UI_TEST_KLASTER "\"], \"events\": []}}");
  g_autoptr(EccpAccount) team =
    account_new ("{\"type\": \"user\", \"id\": \"t\", \"attributes\": {\"name\": \"Bianca Dragomir\", "
                 "\"roles\": [\"event_team\"], \"clusters\": [], \"events\": []}}");
  g_autoptr(GListModel) calls = NULL;
  g_autoptr(EccpRecord) call = NULL;
  g_autoptr(EccpRecord) kept = NULL;

  show_browse_page (fixture, "cluster");
  g_object_set (fixture->page, "account", manager, NULL);

  eccp_browse_page_show_record (fixture->page, UI_TEST_KLASTER);
  ui_test_wait_until (detail_shows_klaster, fixture, 5000, "the detail of the manager's cluster");
  g_assert_true (edit_offered (fixture));

  eccp_browse_page_show_record (fixture->page, UI_TEST_ZILINA);
  ui_test_wait_until (detail_shows_zilina, fixture, 5000, "the detail of another cluster");
  g_assert_false (edit_offered (fixture));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "record.delete", NULL);
  g_assert_true (detail_shows_zilina (fixture));
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 0);
  g_assert_true (eccp_browse_page_get_can_create (fixture->page));
  g_assert_true (new_offered (fixture));

  /* Nobody known (the demo data): everything is offered, as before. */
  g_object_set (fixture->page, "account", NULL, NULL);
  g_assert_true (edit_offered (fixture));

  /* The event team on calls: nothing to change, nothing to make. */
  gtk_window_set_child (GTK_WINDOW (fixture->window), NULL);
  show_browse_page (fixture, "call");
  g_object_set (fixture->page, "account", team, NULL);
  calls = g_object_ref (eccp_browse_page_get_model (fixture->page));
  ui_test_wait_until (list_has_items, calls, 5000, "the calls");
  call = g_list_model_get_item (calls, 0);
  eccp_browse_page_show_record (fixture->page, eccp_record_get_id (call));
  g_assert_false (edit_offered (fixture));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "record.delete", NULL);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 0);
  kept = eccp_store_get (fixture->store, "call", eccp_record_get_id (call), NULL);
  g_assert_nonnull (kept);
  g_assert_false (eccp_browse_page_get_can_create (fixture->page)); /* the window's "+" follows */
  g_assert_false (new_offered (fixture));
}

/* A manager sent back for changes reads where the record stands and
 * what staff asked, on the record's page. */
static gboolean
detail_shows_sent_back (gpointer user_data)
{
  return detail_shows (user_data, "c0000000-0000-4000-8000-0000000000aa");
}

static void
test_detail_review_comment (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) document = json_from_string (
    "{\"data\": [{\"type\": \"cluster\", \"id\": \"c0000000-0000-4000-8000-0000000000aa\","
    " \"attributes\": {\"name\": \"Sent Back & Fixed\", \"profile_type\": \"cluster_project\","
    "  \"country\": \"PL\", \"ecosystems\": [\"Digital\"]}, \"relationships\": {},"
    " \"meta\": {\"rev\": 4, \"seq\": 9000, \"moderation_state\": \"changes_requested\","
    "  \"review_comment\": \"Add a website <and> the SME list.\"}}]}", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *view;
  GtkLabel *moderation;
  GtkLabel *comment;

  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);

  show_browse_page (fixture, "cluster");
  eccp_browse_page_show_record (fixture->page, "c0000000-0000-4000-8000-0000000000aa");
  ui_test_wait_until (detail_shows_sent_back, fixture, 5000, "the cluster sent back");

  view = template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  moderation = GTK_LABEL (template_child (view, ECCP_TYPE_RECORD_VIEW, "moderation_label"));
  comment = GTK_LABEL (template_child (view, ECCP_TYPE_RECORD_VIEW, "comment_label"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (moderation)));
  g_assert_cmpstr (gtk_label_get_label (moderation), ==, "Review: Changes requested");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (comment)));
  g_assert_cmpstr (gtk_label_get_text (comment), ==, "Staff asked: “Add a website <and> the SME list.”");

  /* Published: the state, no comment */
  eccp_browse_page_show_record (fixture->page, UI_TEST_ZILINA);
  ui_test_wait_until (detail_shows_zilina, fixture, 5000, "a published cluster");
  g_assert_cmpstr (gtk_label_get_label (moderation), ==, "Review: Published");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (comment)));
}

/* The selection is what the detail shows: hovering does not select
 * (no single-click-activate), choosing a row shows its record, opening a
 * record from elsewhere selects its row, and an edit keeps both. */
static const char *
shown_id (Fixture *fixture)
{
  EccpRecordView *view = ECCP_RECORD_VIEW (template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view"));
  EccpRecord *record = eccp_record_view_get_record (view);

  return record != NULL ? eccp_record_get_id (record) : NULL;
}

/* The list view shows slots (EccpRecordSlot), each its position's record */
static EccpRecord *
selected_record (GtkSingleSelection *selection)
{
  EccpRecordSlot *slot = gtk_single_selection_get_selected_item (selection);

  return slot != NULL ? eccp_record_slot_get_record (slot) : NULL;
}

static const char *
selected_id (GtkSingleSelection *selection)
{
  EccpRecord *record = selected_record (selection);

  return record != NULL ? eccp_record_get_id (record) : NULL;
}

static char *
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(EccpRecord) record = g_list_model_get_item (model, position);

  return g_strdup (eccp_record_get_id (record));
}

static gboolean
detail_changed_while_selected (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *view = template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  GtkWidget *row = ui_test_find_descendant (view, ui_test_is_row_titled, (gpointer) "Description");

  return row != NULL
         && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Changed while selected.") == 0;
}

static void
test_selection_is_detail (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) attributes = ui_test_object ("{\"description\": \"Changed while selected.\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fifth = NULL;
  GtkListView *list_view;
  GtkSingleSelection *selection;
  GListModel *model;

  show_browse_page (fixture, "cluster");
  model = eccp_browse_page_get_model (fixture->page);
  list_view = GTK_LIST_VIEW (search_list_child (fixture->page, "list_view"));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view));
  second = id_at (model, 1);
  third = id_at (model, 2);
  fifth = id_at (model, 4);

  /* Hovering a row would select it. */
  g_assert_false (gtk_list_view_get_single_click_activate (list_view));
  g_assert_null (shown_id (fixture));

  /* A click on row 2 (the list item selects it): the detail shows it. */
  gtk_single_selection_set_selected (selection, 1);
  g_assert_cmpstr (shown_id (fixture), ==, second);

  /* Enter on row 5 (moved to by the keyboard, which selects). */
  gtk_single_selection_set_selected (selection, 4);
  g_signal_emit_by_name (list_view, "activate", 4);
  g_assert_cmpstr (selected_id (selection), ==, fifth);
  g_assert_cmpstr (shown_id (fixture), ==, fifth);

  /* Opened from elsewhere (a link, the Changes page): its row is selected. */
  eccp_browse_page_show_record (fixture->page, third);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  g_assert_cmpstr (shown_id (fixture), ==, third);

  /* Edited meanwhile: the same row, the record as it is now. */
  updated = eccp_store_update (fixture->store, "cluster", third, attributes, NULL, &error);
  g_assert_no_error (error);
  ui_test_wait_until (detail_changed_while_selected, fixture, 5000, "the detail to show the edit");
  ui_test_wait_until (list_is_read, fixture->page, 5000, "the list to read the edit");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  g_assert_cmpstr (selected_id (selection), ==, shown_id (fixture));
  g_assert_true (selected_record (selection)
                 == eccp_record_view_get_record (ECCP_RECORD_VIEW (template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view"))));

  /* Unselected: nothing is shown. */
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_assert_null (shown_id (fixture));
}

static gboolean
is_bound_to (GtkWidget *widget,
             gpointer   id)
{
  EccpRecord *record = ECCP_IS_RECORD_ROW (widget) ? eccp_record_row_get_record (ECCP_RECORD_ROW (widget)) : NULL;

  return record != NULL && g_strcmp0 (eccp_record_get_id (record), id) == 0;
}

/* The id of the record at @position of the page's list, read from the
 * store (not through the list, which would keep its page). */
static char *
store_id_at (Fixture *fixture,
             guint    position)
{
  EccpRecordList *list = ECCP_RECORD_LIST (eccp_browse_page_get_model (fixture->page));
  g_autoptr(EccpQuery) query = eccp_query_copy (eccp_record_list_get_query (list));
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  eccp_query_set_range (query, position, 1);
  records = eccp_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);

  return g_strdup (eccp_record_get_id (g_ptr_array_index (records, 0)));
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
} ShownWanted;

static gboolean
detail_shows_id (gpointer user_data)
{
  ShownWanted *wanted = user_data;

  return g_strcmp0 (shown_id (wanted->fixture), wanted->id) == 0;
}

/* Rows far down are read on the store's reader thread: a row selected
 * before its record is read is shown once it is, and End goes to the last
 * record. */
static void
test_far_rows (Fixture       *fixture,
               gconstpointer  data)
{
  GtkListView *list_view;
  GtkSingleSelection *selection;
  guint n;
  guint far;
  g_autofree char *far_id = NULL;
  g_autofree char *last_id = NULL;
  ShownWanted wanted = { fixture, NULL };
  g_autofree char *dir = g_build_filename (fixture->dir, "far", NULL);

  /* More rows than the view keeps (~200), so pages it never asked for */
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_clear_object (&fixture->store);
  fixture->store = ui_test_store_new (dir, 1000);
  show_browse_page (fixture, "cluster");
  list_view = GTK_LIST_VIEW (search_list_child (fixture->page, "list_view"));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view));
  n = g_list_model_get_n_items (eccp_browse_page_get_model (fixture->page));
  g_assert_cmpuint (n, ==, 1000);
  /* In the middle of a page the list has not read, and the last page not
   * read either, for End */
  far = 850;
  far_id = store_id_at (fixture, far);
  last_id = store_id_at (fixture, n - 1);

  /* The view is told of the rows a few at a time after the first read */
  wait_for_n_items (G_LIST_MODEL (selection), n, "the view to have every row");

  /* Selected before it is read: nothing shown yet, then the record */
  gtk_single_selection_set_selected (selection, far);
  g_assert_null (selected_record (selection));
  g_assert_null (shown_id (fixture));
  wanted.id = far_id;
  ui_test_wait_until (detail_shows_id, &wanted, 5000, "the detail to show the row selected when read");
  g_assert_cmpstr (selected_id (selection), ==, far_id);

  /* End in the list: the last record, selected and shown */
  gtk_single_selection_set_selected (selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", 0);
  eccp_search_list_focus_list (ECCP_SEARCH_LIST (template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "search_list")));
  if (!ui_test_press_keys (GTK_WIDGET (list_view), GDK_KEY_End, 0))
    {
      g_test_skip ("No key presses on this display");
      return;
    }
  wanted.id = last_id;
  ui_test_wait_until (detail_shows_id, &wanted, 5000, "the detail to show the last record after End");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n - 1);
  g_assert_cmpstr (selected_id (selection), ==, last_id);
  /* And its row has it (the row shown, once the detail does not cover
   * the list) */
  g_assert_nonnull (ui_test_find_descendant (GTK_WIDGET (list_view), is_bound_to, last_id));
}

/* From the row shown to its Edit button, with Tab: a few presses, not
 * the whole detail's. */
#define MAX_TABS_TO_EDIT 3

static void
test_tab_to_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *list_view;
  GtkWidget *edit;
  GtkWidget *focus = NULL;
  guint tabs;

  show_browse_page (fixture, "cluster");
  list_view = search_list_child (fixture->page, "list_view");
  edit = ui_test_find_descendant (GTK_WIDGET (fixture->page), has_action, (gpointer) "record.edit");
  eccp_browse_page_show_record (fixture->page, UI_TEST_ZILINA);
  ui_test_wait_until (detail_shows_zilina, fixture, 5000, "the detail of Medtech Cluster Žilina");

  /* The keyboard on the row shown, as after Enter on it. */
  eccp_search_list_focus_list (ECCP_SEARCH_LIST (template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "search_list")));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), list_view));
  for (tabs = 0; tabs < 60; tabs++)
    {
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      if (focus == edit)
        break;
      /* What Tab does. */
      g_signal_emit_by_name (fixture->window, "move-focus", GTK_DIR_TAB_FORWARD);
    }
  g_test_message ("Tabs from the list to Edit: %u", tabs);
  g_assert_true (focus == edit);
  g_assert_cmpuint (tabs, <=, MAX_TABS_TO_EDIT);
}

/* }}} */

/* {{{ The Changes page */

typedef struct
{
  GtkWidget  *list;
  guint       n;
  const char *title;
} RowsWanted;

static gboolean
time_passed (gpointer user_data)
{
  return g_get_monotonic_time () >= *(gint64 *) user_data;
}

static gboolean
list_has_rows (gpointer user_data)
{
  RowsWanted *wanted = user_data;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (wanted->list), 0);

  if (wanted->n == 0)
    return row == NULL;

  /* Exactly n rows, the first with that title. */
  return row != NULL && gtk_list_box_get_row_at_index (GTK_LIST_BOX (wanted->list), wanted->n - 1) != NULL
         && gtk_list_box_get_row_at_index (GTK_LIST_BOX (wanted->list), wanted->n) == NULL
         && g_strcmp0 (eccp_change_item_get_title (eccp_change_row_get_item (ECCP_CHANGE_ROW (row))),
                       wanted->title) == 0;
}

/* An edit shows in "Waiting to Be Sent", its row the same while it is
 * edited again, and goes when it is discarded. */
static void
test_changes_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) first = ui_test_object ("{\"description\": \"Written on a train.\"}");
  g_autoptr(JsonObject) second = ui_test_object ("{\"description\": \"Written on a plane.\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(GError) error = NULL;
  EccpChangesPage *page = g_object_new (ECCP_TYPE_CHANGES_PAGE, NULL);
  RowsWanted wanted;
  GtkListBoxRow *row;

  show_in_window (fixture, GTK_WIDGET (page));
  g_object_set (page, "store", fixture->store, NULL);
  g_assert_true (eccp_changes_page_get_store (page) == fixture->store);

  wanted.list = template_child (page, ECCP_TYPE_CHANGES_PAGE, "waiting_list");
  wanted.n = 1;
  wanted.title = "Medtech Cluster Žilina";
  updated = eccp_store_update (fixture->store, "cluster", UI_TEST_ZILINA, first, NULL, &error);
  g_assert_no_error (error);
  ui_test_wait_until (list_has_rows, &wanted, 5000, "the edit among the changes waiting");
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (template_child (page, ECCP_TYPE_CHANGES_PAGE, "needs_list")), 0));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (wanted.list), 0);

  g_clear_object (&updated);
  updated = eccp_store_update (fixture->store, "cluster", UI_TEST_ZILINA, second, NULL, &error);
  g_assert_no_error (error);
  {
    /* Until the page has read the outbox again, and some. */
    gint64 until = g_get_monotonic_time () + 3 * ECCP_STORE_SETTLED_MS * G_TIME_SPAN_MILLISECOND;

    ui_test_wait_until (time_passed, &until, 5000, "the store to settle");
  }
  ui_test_wait_until (list_has_rows, &wanted, 5000, "the edit still waiting");
  g_assert_true (gtk_list_box_get_row_at_index (GTK_LIST_BOX (wanted.list), 0) == row);

  /* Two records with changes, then the first one's change discarded and
   * made again in the same moment: it comes last now, and only once. */
  g_clear_object (&updated);
  updated = eccp_store_update (fixture->store, "cluster", UI_TEST_KLASTER, first, NULL, &error);
  g_assert_no_error (error);
  wanted.n = 2;
  ui_test_wait_until (list_has_rows, &wanted, 5000, "two changes waiting, Žilina's first");
  g_assert_true (eccp_store_discard (fixture->store, "cluster", UI_TEST_ZILINA, &error));
  g_assert_no_error (error);
  g_clear_object (&updated);
  updated = eccp_store_update (fixture->store, "cluster", UI_TEST_ZILINA, second, NULL, &error);
  g_assert_no_error (error);
  wanted.title = "KLASTER POL-JOMEHANIZACIJE d.o.o.";
  ui_test_wait_until (list_has_rows, &wanted, 5000, "the two changes, Žilina's last, once");
  g_assert_true (eccp_store_discard (fixture->store, "cluster", UI_TEST_KLASTER, &error));
  g_assert_no_error (error);

  g_assert_true (eccp_store_discard (fixture->store, "cluster", UI_TEST_ZILINA, &error));
  g_assert_no_error (error);
  wanted.n = 0;
  ui_test_wait_until (list_has_rows, &wanted, 5000, "the change to go");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (page, ECCP_TYPE_CHANGES_PAGE, "stack"))),
                   ==, "empty");
}

/* }}} */

/* {{{ The sync indicator */

typedef struct
{
  GtkWidget  *label;
  const char *text;
} LabelWanted;

static gboolean
label_says (gpointer user_data)
{
  LabelWanted *wanted = user_data;

  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (wanted->label)), wanted->text) == 0;
}

/* Working offline with one edit: the header bar says so, in words. */
static void
test_sync_indicator_offline (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = ui_test_settings_new ();
  g_autoptr(EccpSyncController) controller = NULL;
  g_autoptr(JsonObject) attributes = ui_test_object ("{\"description\": \"Written on a train.\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/jsonapi", ui_test_closed_port ());
  EccpSyncIndicator *indicator;
  GtkWidget *button;
  LabelWanted wanted;

  if (settings == NULL)
    {
      g_test_skip ("The GSettings schema " APPLICATION_ID " is not found (GSETTINGS_SCHEMA_DIR)");
      return;
    }

  g_settings_set_boolean (settings, "work-offline", TRUE);
  controller = eccp_sync_controller_new (fixture->store, settings);
  eccp_sync_controller_set_portal (controller, url, "a-token");
  g_assert_false (eccp_sync_controller_get_syncing (controller));

  indicator = g_object_new (ECCP_TYPE_SYNC_INDICATOR, NULL);
  show_in_window (fixture, GTK_WIDGET (indicator));
  eccp_sync_indicator_set_controller (indicator, controller);

  wanted.label = template_child (indicator, ECCP_TYPE_SYNC_INDICATOR, "status_label");
  wanted.text = "Offline";
  ui_test_wait_until (label_says, &wanted, 5000, "the indicator to say “Offline”");

  updated = eccp_store_update (fixture->store, "cluster", UI_TEST_ZILINA, attributes, NULL, &error);
  g_assert_no_error (error);

  wanted.text = "Offline — 1 change waiting";
  ui_test_wait_until (label_says, &wanted, 5000, "the indicator to say “Offline — 1 change waiting”");
  button = template_child (indicator, ECCP_TYPE_SYNC_INDICATOR, "button");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Offline — 1 change waiting");
  g_assert_cmpint (eccp_sync_controller_get_status (controller), ==, ECCP_SYNC_STATUS_OFFLINE);

  /* The window goes first: the indicator lets go of the controller. */
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  eccp_sync_controller_cancel (controller);
}

/* }}} */

/* {{{ The whole window */

static gboolean
window_has_session (gpointer user_data)
{
  GtkWidget *window = user_data;
  GtkStack *stack = GTK_STACK (template_child (window, ECCP_TYPE_WINDOW, "main_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "main") == 0 && gtk_widget_get_mapped (window);
}

/* The application's window over the fixture's store, shown; %NULL (the
 * test skipped) when the application could not register. */
static EccpWindow *
show_app_window (Fixture         *fixture,
                 EccpApplication *app)
{
  g_autoptr(GError) error = NULL;
  EccpSession *session;
  EccpWindow *window;

  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_test_skip_printf ("The application could not register: %s", error->message);
      return NULL;
    }

  session = eccp_application_get_session (app);
  g_assert_nonnull (session);
  window = eccp_window_new (GTK_APPLICATION (app), session);
  fixture->window = GTK_WINDOW (window);
  gtk_window_present (fixture->window);
  eccp_session_open_store (session, fixture->store, "portal");
  ui_test_wait_until (window_has_session, window, 10000, "the window to show the store");

  return window;
}

static void
close_app_window (Fixture         *fixture,
                  EccpApplication *app)
{
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  fixture->page = NULL;
  eccp_session_close (eccp_application_get_session (app));
}

/* The list's rows come from the store's reader thread */
static gboolean
lists_every_cluster (gpointer cluster_page)
{
  GListModel *model = G_LIST_MODEL (eccp_browse_page_get_model (ECCP_BROWSE_PAGE (cluster_page)));

  return model != NULL && g_list_model_get_n_items (model) == UI_TEST_DEMO_CLUSTERS;
}

/* The real window with a store: the lists are there, the search entry of
 * the clusters has the focus (type to search), and the shortcuts the
 * journeys rely on are set. */
static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EccpApplication) app = eccp_application_new ();
  g_auto(GStrv) accels = NULL;
  EccpWindow *window;
  GtkWidget *cluster_page;
  GtkWidget *focus;
  GtkWidget *view_stack;

  window = show_app_window (fixture, app);
  if (window == NULL)
    return;

  cluster_page = template_child (window, ECCP_TYPE_WINDOW, "cluster_page");
  ui_test_wait_until (lists_every_cluster, cluster_page, 5000, "the clusters to be read");

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, search_list_child (cluster_page, "search_entry")));

  view_stack = template_child (window, ECCP_TYPE_WINDOW, "view_stack");
  eccp_window_show_view (window, "partnership");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (view_stack)), ==, "partnership");
  eccp_window_show_view (window, "changes");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (view_stack)), ==, "changes");

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.sync");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>r"));

  close_app_window (fixture, app);
}

/* A key press as GTK hands it on in the bubble phase: from @focus up to
 * the window, the first shortcut of a widget for @keyval + @modifiers that
 * acts wins.  Returns the widget whose shortcut acted, or %NULL. */
static GtkWidget *
press_shortcut (GtkWidget       *focus,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
              || gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_BUBBLE)
            continue;

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted)
                  && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                   GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                   gtk_shortcut_get_arguments (shortcut)))
                return widget;
            }
        }
    }

  return NULL;
}

static gboolean
editor_is_open (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ECCP_IS_RECORD_EDITOR (toplevel) && gtk_widget_get_visible (toplevel))
        {
          *(GtkWidget **) user_data = toplevel;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_strcmp0 (name, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

/* The shortcuts are the window's: after the sync menu, with the focus on
 * the header bar, Ctrl+E edits the record shown.  Delete typed in the
 * search entry stays the entry's.  "Work Offline" in the sync menu is
 * the app.work-offline action, a check item. */
static void
test_shortcuts_anywhere (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EccpApplication) app = eccp_application_new ();
  GSettings *settings;
  EccpWindow *window;
  GtkWidget *indicator;
  GtkWidget *button;
  GtkWidget *focus;
  GtkWidget *editor = NULL;
  GtkWidget *popover;
  gboolean offline;

  /* Another id: the window test's application stays on the bus with its
   * own until the process ends. */
  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".Test.Shortcuts");
  window = show_app_window (fixture, app);
  if (window == NULL)
    return;

  fixture->page = ECCP_BROWSE_PAGE (template_child (window, ECCP_TYPE_WINDOW, "cluster_page"));
  eccp_browse_page_show_record (fixture->page, UI_TEST_ZILINA);
  ui_test_wait_until (detail_shows_zilina, fixture, 5000, "the detail of Medtech Cluster Žilina");

  /* The sync menu, used and closed: the focus is on its button. */
  indicator = template_child (window, ECCP_TYPE_WINDOW, "sync_indicator");
  button = template_child (indicator, ECCP_TYPE_SYNC_INDICATOR, "button");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  gtk_widget_grab_focus (button);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, indicator));
  g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->page)));

  g_assert_true (press_shortcut (focus, GDK_KEY_e, GDK_CONTROL_MASK) != NULL);
  ui_test_wait_until (editor_is_open, &editor, 5000, "Ctrl+E on the header bar to open the editor");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Delete in the search entry deletes a character, not the record. */
  eccp_browse_page_focus_search (fixture->page);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_is_ancestor (focus, search_list_child (fixture->page, "search_entry")));
  g_assert_true (press_shortcut (focus, GDK_KEY_Delete, 0) == focus);
  g_assert_true (detail_shows_zilina (fixture));

  /* Delete with a menu open (or a filter's list) deletes nothing: the
   * focus is in the popover, not on the record. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  gtk_widget_child_focus (popover, GTK_DIR_TAB_FORWARD);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, popover));
  press_shortcut (focus, GDK_KEY_Delete, 0);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  g_assert_true (detail_shows_zilina (fixture));
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 0);

  /* Work offline: a check item of the sync menu, Space or Return. */
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)),
                                  "app.work-offline"));
  settings = eccp_session_get_settings (eccp_application_get_session (app));
  offline = g_settings_get_boolean (settings, "work-offline");
  g_action_group_activate_action (G_ACTION_GROUP (app), "work-offline", NULL);
  g_assert_cmpint (g_settings_get_boolean (settings, "work-offline"), ==, !offline);
  g_action_group_activate_action (G_ACTION_GROUP (app), "work-offline", NULL);
  g_assert_cmpint (g_settings_get_boolean (settings, "work-offline"), ==, offline);

  close_app_window (fixture, app);
}

/* An event's meetings (#12): a page of the window over the whole of it,
 * with the sync state still in sight, and Escape (win.hide-meetings) back. */
static void
test_meetings_page (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EccpApplication) app = eccp_application_new ();
  g_autoptr(EccpQuery) query = eccp_query_new ("event");
  g_autoptr(GPtrArray) events = NULL;
  const char *event_id;
  EccpWindow *window;
  GtkStack *stack;
  GtkWidget *view;
  GtkWidget *grid;

  window = show_app_window (fixture, app);
  if (window == NULL)
    return;

  eccp_query_set_search (query, "European Cluster Matchmaking Event 2018");
  events = eccp_store_query (fixture->store, query, NULL);
  g_assert_nonnull (events);
  g_assert_cmpuint (events->len, >, 0);
  event_id = eccp_record_get_id (g_ptr_array_index (events, 0));
  stack = GTK_STACK (template_child (window, ECCP_TYPE_WINDOW, "main_stack"));
  view = eccp_window_get_page (window, "meetings");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-meetings", "s", event_id));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "meetings");
  g_assert_nonnull (eccp_sync_indicator_get_controller (ECCP_SYNC_INDICATOR (template_child (window, ECCP_TYPE_WINDOW,
                                                                                            "meetings_sync_indicator"))));
  grid = template_child (view, ECCP_TYPE_MEETINGS_VIEW, "grid");
  g_assert_nonnull (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.hide-meetings", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "main");

  close_app_window (fixture, app);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/window/browse/search-and-open", Fixture, NULL,
              fixture_set_up, test_search_and_open, fixture_tear_down);
  g_test_add ("/window/browse/filter", Fixture, NULL,
              fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/window/browse/detail-follows-store", Fixture, NULL,
              fixture_set_up, test_detail_follows_store, fixture_tear_down);
  g_test_add ("/window/browse/selection-is-detail", Fixture, NULL,
              fixture_set_up, test_selection_is_detail, fixture_tear_down);
  g_test_add ("/window/browse/offers-what-one-may-change", Fixture, NULL,
              fixture_set_up, test_offers_what_one_may_change, fixture_tear_down);
  g_test_add ("/window/browse/review-comment", Fixture, NULL,
              fixture_set_up, test_detail_review_comment, fixture_tear_down);
  g_test_add ("/window/browse/far-rows", Fixture, NULL,
              fixture_set_up, test_far_rows, fixture_tear_down);
  g_test_add ("/window/browse/tab-to-edit", Fixture, NULL,
              fixture_set_up, test_tab_to_edit, fixture_tear_down);
  g_test_add ("/window/changes/filtered", Fixture, NULL,
              fixture_set_up, test_changes_page, fixture_tear_down);
  g_test_add ("/window/sync-indicator/offline", Fixture, NULL,
              fixture_set_up, test_sync_indicator_offline, fixture_tear_down);
  g_test_add ("/window/window", Fixture, NULL,
              fixture_set_up, test_window, fixture_tear_down);
  g_test_add ("/window/shortcuts-anywhere", Fixture, NULL,
              fixture_set_up, test_shortcuts_anywhere, fixture_tear_down);
  g_test_add ("/window/meetings-page", Fixture, NULL,
              fixture_set_up, test_meetings_page, fixture_tear_down);

  return g_test_run ();
}

/* vim: set foldmethod=marker: */
