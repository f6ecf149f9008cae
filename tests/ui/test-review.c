/* test-review.c: what staff read and decide, in real widgets over a real store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under run-under-x.  The records waiting for review are imported
 * into a real store file as the portal sends them (meta.moderation_state
 * needs_review, meta.published), and the diff view and the Review page
 * are shown in a real window and read as a person would.
 */

#include "config.h"

#include <adwaita.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-account.h"
#include "eccp-application.h"
#include "eccp-criteria-list.h"
#include "eccp-diff-view.h"
#include "eccp-json.h"
#include "eccp-record-row.h"
#include "eccp-review-page.h"
#include "eccp-session.h"
#include "eccp-store-sync.h"
#include "eccp-window.h"

#define ROBOTICS "c0000000-0000-4000-8000-000000000001" /* changed since published */
#define BLUE     "a0000000-0000-4000-8000-000000000002" /* never published */
#define SAME     "c0000000-0000-4000-8000-000000000003" /* as published */

/* Three submissions, the oldest last in the document: the queue orders
 * them by meta.changed.  Their text has markup's characters on purpose. */
static const char review_document[] =
  "{\"data\": ["
  " {\"type\": \"partnership\", \"id\": \"" BLUE "\","
  "  \"attributes\": {\"name\": \"Blue Partnership\", \"programme\": \"ESCP-4i\","
  "   \"target_countries\": [\"PL\"]},"
  "  \"relationships\": {\"members\": {\"data\": [{\"type\": \"cluster\", \"id\": \"" ROBOTICS "\"}]}},"
  "  \"meta\": {\"rev\": 1, \"seq\": 9003, \"moderation_state\": \"needs_review\","
  "   \"changed\": \"2026-11-03T10:00:00Z\"}},"
  " {\"type\": \"cluster\", \"id\": \"" SAME "\","
  "  \"attributes\": {\"name\": \"Ørsted Energy Cluster\", \"profile_type\": \"cluster_organisation\","
  "   \"country\": \"DK\", \"ecosystems\": [\"Energy-Renewables\"], \"website\": \"https://energy.example\","
  "   \"management_fte\": 2, \"members\": {\"sme\": 20, \"research\": 3}},"
  "  \"relationships\": {},"
  "  \"meta\": {\"rev\": 5, \"seq\": 9002, \"moderation_state\": \"needs_review\","
  "   \"changed\": \"2026-11-02T10:00:00Z\","
  "   \"published\": {\"name\": \"Ørsted Energy Cluster\", \"profile_type\": \"cluster_organisation\","
  "    \"country\": \"DK\", \"ecosystems\": [\"Energy-Renewables\"], \"website\": \"https://energy.example\","
  "    \"management_fte\": 2, \"members\": {\"sme\": 20, \"research\": 3}}}},"
  " {\"type\": \"cluster\", \"id\": \"" ROBOTICS "\","
  "  \"attributes\": {\"name\": \"Robotics Valley Łódź\", \"profile_type\": \"cluster_project\","
  "   \"country\": \"PL\", \"ecosystems\": [\"Digital\", \"Mobility-Transport-Automotive\"],"
  "   \"website\": \"https://robotics.example\", \"management_fte\": 1.5,"
  "   \"description\": \"We build <safe> robots for small firms & labs in Łódź.\","
  "   \"members\": {\"sme\": 12, \"research\": 4}},"
  "  \"relationships\": {\"partnerships\": {\"data\": [{\"type\": \"partnership\", \"id\": \"" BLUE "\"}]}},"
  "  \"meta\": {\"rev\": 7, \"seq\": 9001, \"moderation_state\": \"needs_review\","
  "   \"changed\": \"2026-11-01T10:00:00Z\","
  "   \"published\": {\"name\": \"Robotics Valley Łódź\", \"profile_type\": \"cluster_organisation\","
  "    \"country\": \"PL\", \"ecosystems\": [\"Digital\", \"Health\"],"
  "    \"website\": \"https://robotics.example\", \"management_fte\": 1.5,"
  "    \"description\": \"We build cheap robots for small firms in Łódź.\","
  "    \"members\": {\"sme\": 10, \"research\": 4}}}}"
  "]}";

typedef struct
{
  char      *dir;
  EccpStore *store;
  GtkWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;

  fixture->dir = g_dir_make_tmp ("eccp-test-review-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);
  document = json_from_string (review_document, &error);
  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  fixture->window = NULL;
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
  fixture->window = ui_test_window_new (child, 1000, 760);
}

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

static EccpRecord *
get_record (Fixture    *fixture,
            const char *type,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *record = eccp_store_get (fixture->store, type, id, &error);

  g_assert_no_error (error);
  return record;
}

/* {{{ Reading a diff */

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* The words of the diff's row of the field labelled @label, one label a
 * line, the label first; %NULL when there is no such row. */
static char *
diff_row_text (GtkWidget  *view,
               const char *label)
{
  GtkWidget *list = template_child (view, ECCP_TYPE_DIFF_VIEW, "list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      collect_labels (row, text);
      if (g_str_has_prefix (text->str, label) && text->str[strlen (label)] == '\n')
        return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return NULL;
}

static guint
diff_n_rows (GtkWidget *view)
{
  GtkWidget *list = template_child (view, ECCP_TYPE_DIFF_VIEW, "list");
  guint n = 0;

  if (!gtk_widget_get_visible (list))
    return 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

static gboolean
has_css_class (GtkWidget *widget,
               gpointer   css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* A widget of the GType @type (GSIZE_TO_POINTER) */
static gboolean
is_a (GtkWidget *widget,
      gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static const char *
diff_status (GtkWidget *view)
{
  return gtk_label_get_text (GTK_LABEL (template_child (view, ECCP_TYPE_DIFF_VIEW, "status_label")));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

/* The diff row of @label says @part. */
static void
assert_row_says (GtkWidget  *view,
                 const char *label,
                 const char *part)
{
  g_autofree char *text = diff_row_text (view, label);

  assert_contains (text, part);
}

/* }}} */

/* Each diff style, from the field specs: a choice by its label, a long
 * text word by word (struck through, underlined, escaped), a list's
 * items added and removed, an object's member, links by title. */
static void
test_diff_styles (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EccpRecord) robotics = get_record (fixture, "cluster", ROBOTICS);
  GtkWidget *view = eccp_diff_view_new ();
  g_autofree char *profile = NULL;
  g_autofree char *ecosystems = NULL;
  g_autofree char *members = NULL;
  g_autofree char *relation = NULL;
  GtkWidget *words;
  const char *markup;

  show_in_window (fixture, view);
  g_object_set (view, "store", fixture->store, "record", robotics, NULL);

  g_assert_cmpstr (diff_status (view), ==, "4 fields changed since it was published");
  g_assert_cmpuint (eccp_diff_view_get_n_changes (ECCP_DIFF_VIEW (view)), ==, 4);
  g_assert_cmpuint (diff_n_rows (view), ==, 4);
  g_assert_null (diff_row_text (view, "Name")); /* unchanged: not shown */

  /* Inline: the choices' labels, not the values, and the change in words */
  profile = diff_row_text (view, "Profile type");
  g_assert_cmpstr (profile, ==, "Profile type\nChanged\nPublished\nCluster organisation\nNew\nCluster project\n");

  /* Long text: a word diff whose markup marks what went and what came,
   * with the portal's "<" and "&" escaped */
  words = ui_test_find_descendant (view, has_css_class, (gpointer) "diff-words");
  g_assert_nonnull (words);
  markup = gtk_label_get_label (GTK_LABEL (words));
  assert_contains (markup, ">cheap</span>");
  assert_contains (markup, "<span strikethrough=\"true\"");
  assert_contains (markup, "<span underline=\"single\"");
  assert_contains (markup, "&lt;safe&gt;");
  assert_contains (markup, "&amp;");
  assert_contains (gtk_label_get_text (GTK_LABEL (words)), "We build cheap <safe> robots for small firms & labs in Łódź.");
  g_assert_true (gtk_label_get_use_markup (GTK_LABEL (words)));
  assert_row_says (view, "Description", "Changed\n");

  /* Set: the items gained and lost, in words */
  ecosystems = diff_row_text (view, "Industrial ecosystems");
  g_assert_cmpstr (ecosystems, ==,
                   "Industrial ecosystems\nChanged\n+ Added: Mobility-Transport-Automotive\n− Removed: Health\n");

  /* Parts: the member that changed, alone */
  members = diff_row_text (view, "Members (SME)");
  g_assert_cmpstr (members, ==, "Members (SME)\nChanged\nPublished\n10\nNew\n12\n");
  g_assert_null (diff_row_text (view, "Members (research)"));

  /* All fields: the unchanged ones too, and the links by title */
  eccp_diff_view_set_show_all (ECCP_DIFF_VIEW (view), TRUE);
  assert_row_says (view, "Name", "Robotics Valley Łódź");
  relation = diff_row_text (view, "Partnerships");
  assert_contains (relation, "\nBlue Partnership\n");
  g_assert_null (strstr (relation, BLUE));
  g_assert_cmpuint (eccp_diff_view_get_n_changes (ECCP_DIFF_VIEW (view)), ==, 4);
}

/* A record never published: every field set is new; one as published:
 * nothing changed, said so. */
static void
test_diff_new_and_same (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EccpRecord) blue = get_record (fixture, "partnership", BLUE);
  g_autoptr(EccpRecord) same = get_record (fixture, "cluster", SAME);
  GtkWidget *view = eccp_diff_view_new ();
  g_autofree char *programme = NULL;
  g_autofree char *members = NULL;

  show_in_window (fixture, view);
  g_object_set (view, "store", fixture->store, "record", blue, NULL);

  g_assert_cmpstr (diff_status (view), ==, "Never published: every field is new");
  programme = diff_row_text (view, "Programme");
  g_assert_cmpstr (programme, ==, "Programme\nAdded\nNew\nESCP-4i\n");
  assert_row_says (view, "Target countries", "+ Added: Poland\n");
  members = diff_row_text (view, "Members");
  g_assert_cmpstr (members, ==, "Members\nAdded\nRobotics Valley Łódź\n");

  eccp_diff_view_set_record (ECCP_DIFF_VIEW (view), same);
  g_assert_cmpstr (diff_status (view), ==, "No field changed since it was published");
  g_assert_cmpuint (diff_n_rows (view), ==, 0);
  g_assert_cmpuint (eccp_diff_view_get_n_changes (ECCP_DIFF_VIEW (view)), ==, 0);

  eccp_diff_view_set_record (ECCP_DIFF_VIEW (view), NULL);
  g_assert_cmpuint (diff_n_rows (view), ==, 0);
}

/* {{{ The Review page */

static EccpAccount *
account_new (const char *role)
{
  g_autofree char *json = g_strdup_printf ("{\"type\": \"user\", \"id\": \"u\", \"attributes\": {\"name\": \"Sam\","
                                           " \"roles\": [\"%s\"], \"clusters\": [], \"events\": []}}", role);
  g_autoptr(JsonObject) resource = ui_test_object (json);
  g_autoptr(GError) error = NULL;
  EccpAccount *account = eccp_account_new_from_json (resource, &error);

  g_assert_no_error (error);
  return account;
}

static EccpReviewPage *
show_review_page (Fixture     *fixture,
                  EccpAccount *account)
{
  EccpReviewPage *page = g_object_new (ECCP_TYPE_REVIEW_PAGE, "account", account, NULL);
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());

  adw_toast_overlay_set_child (overlay, GTK_WIDGET (page));
  show_in_window (fixture, GTK_WIDGET (overlay));
  eccp_review_page_set_store (page, fixture->store);

  return page;
}

/* The ids of the queue's records, in order, joined by spaces */
static char *
queue_ids (EccpReviewPage *page)
{
  GListModel *model = eccp_review_page_get_model (page);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EccpRecord) record = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", eccp_record_get_id (record));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static const char *
shown_id (EccpReviewPage *page)
{
  EccpRecord *record = eccp_review_page_get_selected_record (page);

  return record != NULL ? eccp_record_get_id (record) : NULL;
}

static const char *
list_state (EccpReviewPage *page)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (template_child (page, ECCP_TYPE_REVIEW_PAGE, "list_stack")));
}

static void
search (EccpReviewPage *page,
        const char     *text)
{
  GtkWidget *entry = template_child (page, ECCP_TYPE_REVIEW_PAGE, "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry says so a moment later, as it does for typing */
  g_signal_emit_by_name (entry, "search-changed");
}

/* @keyval pressed where @widget's own key controllers see it: %TRUE
 * when one took it */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
      if (handled)
        return TRUE;
    }

  return FALSE;
}

/* The queue: oldest submission first, counted for the badge, searched
 * case and accents aside, empty said in words */
static void
test_queue (Fixture       *fixture,
            gconstpointer  data)
{
  EccpReviewPage *page = show_review_page (fixture, NULL);
  g_autofree char *all = queue_ids (page);
  guint n_waiting = 0;
  GtkWidget *criteria;
  GtkWidget *focus;

  g_assert_cmpstr (all, ==, ROBOTICS " " SAME " " BLUE);
  g_object_get (page, "n-waiting", &n_waiting, NULL);
  g_assert_cmpuint (n_waiting, ==, 3);
  g_assert_cmpstr (list_state (page), ==, "list");
  g_assert_cmpstr (shown_id (page), ==, ROBOTICS);
  criteria = template_child (page, ECCP_TYPE_REVIEW_PAGE, "criteria_list");
  g_assert_true (gtk_widget_get_visible (criteria)); /* a cluster's: what Approve needs */
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (criteria)), ==, "Publication criteria");
  g_assert_true (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (criteria)));

  search (page, "LODZ");
  g_assert_cmpuint (g_list_model_get_n_items (eccp_review_page_get_model (page)), ==, 1);
  g_assert_cmpstr (shown_id (page), ==, ROBOTICS);
  search (page, "orsted energy");
  g_assert_cmpuint (g_list_model_get_n_items (eccp_review_page_get_model (page)), ==, 1);
  g_assert_cmpstr (shown_id (page), ==, SAME);
  search (page, "partnership");
  g_assert_cmpstr (shown_id (page), ==, BLUE);
  g_assert_false (gtk_widget_get_visible (criteria));
  search (page, "nowhere");
  g_assert_cmpuint (g_list_model_get_n_items (eccp_review_page_get_model (page)), ==, 0);
  g_assert_cmpstr (list_state (page), ==, "no-match");
  g_assert_null (shown_id (page));
  g_object_get (page, "n-waiting", &n_waiting, NULL);
  g_assert_cmpuint (n_waiting, ==, 3); /* the badge counts what waits, not what is found */
  search (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (eccp_review_page_get_model (page)), ==, 3);

  /* Down in the search goes to the row shown, for Up and Down */
  eccp_review_page_focus_search (page);
  g_assert_true (press_key (template_child (page, ECCP_TYPE_REVIEW_PAGE, "search_entry"), GDK_KEY_Down));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (gtk_widget_is_ancestor (focus, template_child (page, ECCP_TYPE_REVIEW_PAGE, "list_view")));
}

static gboolean
queue_is_empty (gpointer user_data)
{
  return g_strcmp0 (list_state (user_data), "empty") == 0;
}

/* What a sync brings is shown once the store has settled: here, the
 * last submissions decided elsewhere (eccp approve) */
static void
test_queue_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  EccpReviewPage *page = show_review_page (fixture, NULL);
  const char * const ids[][2] = { { "cluster", ROBOTICS }, { "cluster", SAME }, { "partnership", BLUE } };
  GtkWidget *empty = template_child (page, ECCP_TYPE_REVIEW_PAGE, "empty_page");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(EccpRecord) moved = NULL;
      g_autoptr(GError) error = NULL;

      moved = eccp_store_transition (fixture->store, ids[i][0], ids[i][1], "published", NULL, &error);
      g_assert_no_error (error);
    }

  ui_test_wait_until (queue_is_empty, page, 5000, "the queue to say nothing waits");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, "Nothing waits for review");
  g_assert_cmpuint (eccp_review_page_get_n_waiting (page), ==, 0);
  g_assert_null (shown_id (page));
}

static gboolean
four_waiting (gpointer user_data)
{
  return eccp_review_page_get_n_waiting (user_data) == 4;
}

/* A sync brings an older submission: it goes to the top, and the record
 * the reviewer reads stays */
static void
test_queue_follows_store (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EccpAccount) staff = account_new ("staff");
  EccpReviewPage *page = show_review_page (fixture, staff);
  g_autoptr(JsonNode) document = json_from_string (
    "{\"data\": [{\"type\": \"call\", \"id\": \"d0000000-0000-4000-8000-000000000004\","
    " \"attributes\": {\"title\": \"Digital Skills Call\", \"programme\": \"Horizon\","
    "  \"deadlines\": [\"2027-01-15T17:00:00+01:00\"]},"
    " \"relationships\": {},"
    " \"meta\": {\"rev\": 2, \"seq\": 9010, \"moderation_state\": \"needs_review\","
    "  \"changed\": \"2026-09-01T10:00:00Z\"}}]}", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (eccp_review_page_get_model (page)), 1);
  g_assert_cmpstr (shown_id (page), ==, SAME);

  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
  ui_test_wait_until (four_waiting, page, 5000, "the queue to show the new submission");

  ids = queue_ids (page);
  g_assert_cmpstr (ids, ==, "d0000000-0000-4000-8000-000000000004 " ROBOTICS " " SAME " " BLUE);
  g_assert_cmpstr (shown_id (page), ==, SAME);
}

static gboolean
robotics_last (gpointer user_data)
{
  g_autofree char *ids = queue_ids (user_data);

  return g_strcmp0 (ids, SAME " " BLUE " " ROBOTICS) == 0;
}

/* The item at @position of the queue (borrowed: the queue keeps it) */
static gpointer
queue_item (EccpReviewPage *page,
            guint           position)
{
  g_autoptr(EccpRecord) record = g_list_model_get_item (eccp_review_page_get_model (page), position);

  return record;
}

/* A sync brings a new version of the record shown, submitted again
 * since: it moves to its place and stays shown, and the records that did
 * not change keep their items (and their rows) */
static void
test_queue_moves (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EccpAccount) staff = account_new ("staff");
  EccpReviewPage *page = show_review_page (fixture, staff);
  g_autoptr(JsonNode) document = json_from_string (
    "{\"data\": [{\"type\": \"cluster\", \"id\": \"" ROBOTICS "\","
    " \"attributes\": {\"name\": \"Robotics Valley Łódź\", \"profile_type\": \"cluster_project\","
    "  \"country\": \"PL\", \"ecosystems\": [\"Digital\"], \"website\": \"https://robotics.example\","
    "  \"management_fte\": 2, \"members\": {\"sme\": 14, \"research\": 4}},"
    " \"relationships\": {},"
    " \"meta\": {\"rev\": 8, \"seq\": 9020, \"moderation_state\": \"needs_review\","
    "  \"changed\": \"2026-11-05T10:00:00Z\"}}]}", NULL);
  g_autoptr(GError) error = NULL;
  gpointer same = queue_item (page, 1);
  gpointer blue = queue_item (page, 2);

  g_assert_cmpstr (shown_id (page), ==, ROBOTICS);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
  ui_test_wait_until (robotics_last, page, 5000, "the record submitted again to go last");

  g_assert_true (queue_item (page, 0) == same);
  g_assert_true (queue_item (page, 1) == blue);
  g_assert_cmpint (eccp_record_get_rev (queue_item (page, 2)), ==, 8);
  g_assert_cmpuint (eccp_review_page_get_n_waiting (page), ==, 3);
  g_assert_cmpstr (shown_id (page), ==, ROBOTICS);
  g_assert_cmpint (eccp_record_get_rev (eccp_review_page_get_selected_record (page)), ==, 8);
}

static EccpChange *
queued_change (Fixture    *fixture,
               const char *type,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpChange *change = eccp_store_get_change (fixture->store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (change);
  return change;
}

/* @keyval + @modifiers pressed on the keyboard, for the page's window:
 * the shortcut reaches the page as a person's keys do, whatever has the
 * focus.  The page's controller has such a shortcut, window-wide
 * (managed).  Without XTEST (not X11, no libXtst) the shortcut's action
 * is activated as the window would, said so in the log. */
static void
press_page_shortcut (EccpReviewPage  *page,
                     guint            keyval,
                     GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  g_autoptr(GtkShortcut) found = NULL;

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)),
                       ==, GTK_SHORTCUT_SCOPE_MANAGED);
      for (guint j = 0; found == NULL && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            found = g_steal_pointer (&shortcut);
        }
    }
  g_assert_nonnull (found);

  if (ui_test_press_keys (GTK_WIDGET (page), keyval, modifiers))
    return;

  g_test_message ("No XTEST: the shortcut's action is activated, not pressed");
  gtk_shortcut_action_activate (gtk_shortcut_get_action (found), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                GTK_WIDGET (page), NULL);
}

static gboolean
is_label_saying (GtkWidget *widget,
                 gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* Approve (Ctrl+Return): a change queued for the next sync, the record
 * out of the queue, the next one shown */
static void
test_approve (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EccpAccount) staff = account_new ("staff");
  EccpReviewPage *page = show_review_page (fixture, staff);
  GtkWidget *approve = template_child (page, ECCP_TYPE_REVIEW_PAGE, "approve_button");
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) approved = NULL;
  g_autofree char *left = NULL;
  GtkWidget *focus;
  GtkWidget *row;
  GtkWidget *toast_label;

  g_assert_cmpstr (shown_id (page), ==, ROBOTICS);
  g_assert_true (gtk_widget_is_sensitive (approve));
  press_page_shortcut (page, GDK_KEY_Return, GDK_CONTROL_MASK);

  change = queued_change (fixture, "cluster", ROBOTICS);
  g_assert_true (g_strv_contains ((const char * const *) change->changed_meta, "moderation_state"));
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_PENDING);
  approved = get_record (fixture, "cluster", ROBOTICS);
  g_assert_cmpstr (eccp_json_get_string (eccp_record_get_meta (approved), "moderation_state"), ==, "published");

  /* A toast names the record */
  toast_label = ui_test_find_descendant (gtk_widget_get_parent (GTK_WIDGET (page)), is_label_saying,
                                         (gpointer) "“Robotics Valley Łódź” approved: published on the next sync");
  g_assert_nonnull (toast_label);

  left = queue_ids (page);
  g_assert_cmpstr (left, ==, SAME " " BLUE);
  g_assert_cmpuint (eccp_review_page_get_n_waiting (page), ==, 2);
  g_assert_cmpstr (shown_id (page), ==, SAME);

  /* The button does the same, and leaves the focus on the row shown:
   * Up and Down go on through the queue from there */
  gtk_widget_grab_focus (approve);
  g_signal_emit_by_name (approve, "clicked");
  g_assert_cmpstr (shown_id (page), ==, BLUE);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, template_child (page, ECCP_TYPE_REVIEW_PAGE, "list_view")));
  row = ui_test_find_descendant (focus, is_a, GSIZE_TO_POINTER (ECCP_TYPE_RECORD_ROW));
  g_assert_nonnull (row);
  g_assert_cmpstr (eccp_record_get_id (eccp_record_row_get_record (ECCP_RECORD_ROW (row))), ==, BLUE);

  /* The shortcuts act only while the page is shown */
  gtk_widget_set_visible (GTK_WIDGET (page), FALSE);
  press_page_shortcut (page, GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_cmpuint (eccp_review_page_get_n_waiting (page), ==, 1);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Request changes (Ctrl+Shift+Return): a comment is required, and goes
 * with the change */
static void
test_request_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EccpAccount) staff = account_new ("staff");
  EccpReviewPage *page = show_review_page (fixture, staff);
  AdwMessageDialog *dialog;
  GtkTextBuffer *buffer;
  GtkWidget *text_view;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) sent_back = NULL;
  JsonObject *meta;

  press_page_shortcut (page, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Request Changes");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "request"), ==, "_Request Changes");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "request"));

  text_view = ui_test_find_descendant (GTK_WIDGET (dialog), is_a, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (text_view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_text_buffer_set_text (buffer, "  \n ", -1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "request"));
  gtk_text_buffer_set_text (buffer, "Add the SME <list> & a website.\n", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "request"));

  adw_message_dialog_response (dialog, "request");
  gtk_window_destroy (GTK_WINDOW (dialog));

  change = queued_change (fixture, "cluster", ROBOTICS);
  g_assert_true (g_strv_contains ((const char * const *) change->changed_meta, "review_comment"));
  sent_back = get_record (fixture, "cluster", ROBOTICS);
  meta = eccp_record_get_meta (sent_back);
  g_assert_cmpstr (eccp_json_get_string (meta, "moderation_state"), ==, "changes_requested");
  g_assert_cmpstr (eccp_json_get_string (meta, "review_comment"), ==, "Add the SME <list> & a website.");
  g_assert_cmpstr (shown_id (page), ==, SAME);
  g_assert_cmpuint (eccp_review_page_get_n_waiting (page), ==, 2);

  /* Cancelled: nothing queued */
  press_page_shortcut (page, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 1);
}

/* Only staff decide: a manager is offered no queue and no decision */
static void
test_rights (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EccpAccount) manager = account_new ("cluster_manager");
  g_autoptr(EccpAccount) staff = account_new ("staff");
  EccpReviewPage *page = show_review_page (fixture, manager);

  g_assert_cmpuint (eccp_review_page_get_n_waiting (page), ==, 0);
  g_assert_null (shown_id (page));
  press_page_shortcut (page, GDK_KEY_Return, GDK_CONTROL_MASK);
  press_page_shortcut (page, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 0);

  /* Signed in as staff since: the queue */
  eccp_review_page_set_account (page, staff);
  g_assert_cmpuint (eccp_review_page_get_n_waiting (page), ==, 3);
  g_assert_cmpstr (shown_id (page), ==, ROBOTICS);
  g_assert_true (gtk_widget_is_sensitive (template_child (page, ECCP_TYPE_REVIEW_PAGE, "approve_button")));
}

/* A cluster that fails a publication criterion cannot be approved (the
 * portal would refuse it): the checklist says why, changes can be
 * requested */
static void
test_criteria_not_met (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EccpAccount) staff = account_new ("staff");
  g_autoptr(JsonNode) document = json_from_string (
    "{\"data\": [{\"type\": \"cluster\", \"id\": \"c0000000-0000-4000-8000-000000000009\","
    " \"attributes\": {\"name\": \"Tiny Cluster\", \"profile_type\": \"cluster_project\","
    "  \"country\": \"FR\", \"ecosystems\": [\"Digital\"], \"management_fte\": 0.2},"
    " \"relationships\": {},"
    " \"meta\": {\"rev\": 1, \"seq\": 9009, \"moderation_state\": \"needs_review\","
    "  \"changed\": \"2026-10-01T10:00:00Z\"}}]}", NULL);
  g_autoptr(GError) error = NULL;
  EccpReviewPage *page;
  GtkWidget *criteria;

  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
  page = show_review_page (fixture, staff);

  g_assert_cmpstr (shown_id (page), ==, "c0000000-0000-4000-8000-000000000009");
  criteria = template_child (page, ECCP_TYPE_REVIEW_PAGE, "criteria_list");
  g_assert_false (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (criteria)));
  g_assert_false (gtk_widget_is_sensitive (template_child (page, ECCP_TYPE_REVIEW_PAGE, "approve_button")));
  g_assert_true (gtk_widget_is_sensitive (template_child (page, ECCP_TYPE_REVIEW_PAGE, "request_button")));
  press_page_shortcut (page, GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 0);

  /* The next one meets them all */
  search (page, "robotics");
  g_assert_true (gtk_widget_is_sensitive (template_child (page, ECCP_TYPE_REVIEW_PAGE, "approve_button")));
}

/* }}} */

/* {{{ The window */

static gboolean
window_has_store (gpointer user_data)
{
  GtkStack *stack = GTK_STACK (template_child (user_data, ECCP_TYPE_WINDOW, "main_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "main") == 0 && gtk_widget_get_mapped (user_data);
}

/* The Review view is there for staff, its badge the records waiting;
 * for a manager, or nobody known, it is not. */
static void
test_window_staff_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EccpApplication) app = eccp_application_new ();
  g_autoptr(GError) error = NULL;
  const char * const roles[] = { "staff", "cluster_manager", NULL /* nobody known */ };
  EccpSession *session;

  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_test_skip_printf ("The application could not register: %s", error->message);
      return;
    }
  session = eccp_application_get_session (app);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(EccpAccount) account = roles[i] != NULL ? account_new (roles[i]) : NULL;
      EccpWindow *window;
      AdwViewStackPage *page;
      gboolean staff = g_strcmp0 (roles[i], "staff") == 0;

      if (account != NULL)
        g_assert_true (eccp_account_keep (account, fixture->store, &error));
      else
        g_assert_true (eccp_store_set_setting (fixture->store, "account", NULL, &error));
      g_assert_no_error (error);

      window = eccp_window_new (GTK_APPLICATION (app), session);
      fixture->window = GTK_WINDOW (window);
      gtk_window_present (fixture->window);
      eccp_session_open_store (session, fixture->store, "portal");
      ui_test_wait_until (window_has_store, window, 10000, "the window to show the store");

      page = ADW_VIEW_STACK_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), ECCP_TYPE_WINDOW,
                                                                 "review_stack_page"));
      g_assert_cmpint (adw_view_stack_page_get_visible (page), ==, staff);
      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, "review");
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, "Review");
      g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, staff ? 3 : 0);

      /* Alt+6 opens Review for staff; for others, whom it is not shown,
       * it does nothing. */
      {
        AdwViewStack *stack = ADW_VIEW_STACK (template_child (window, ECCP_TYPE_WINDOW, "view_stack"));

        eccp_window_show_view (window, "cluster");
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "review");
        g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, staff ? "review" : "cluster");
      }

      /* Ctrl+F on the Review view searches the queue */
      if (staff)
        {
          GtkWidget *review = eccp_window_get_page (window, "review");
          GtkWidget *focus;

          gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
          focus = gtk_root_get_focus (GTK_ROOT (window));
          g_assert_nonnull (focus);
          g_assert_true (gtk_widget_is_ancestor (focus, template_child (review, ECCP_TYPE_REVIEW_PAGE, "search_entry")));
        }

      gtk_window_destroy (fixture->window);
      fixture->window = NULL;
      eccp_session_close (session);
    }
}

/* }}} */

static guint
count_of (const char *text,
          const char *part)
{
  guint n = 0;

  for (const char *p = strstr (text, part); p != NULL; p = strstr (p + 1, part))
    n++;

  return n;
}

/* A 20,000-character description with one word changed: the word diff
 * marks that word only, and the rest reads as it is */
static void
test_diff_long_text (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = NULL;
  g_autoptr(JsonObject) resource = json_object_new ();
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonObject) published = json_object_new ();
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = eccp_diff_view_new ();
  GtkWidget *words;
  const char *markup;
  char *middle;

  while (before->len < 20000)
    g_string_append_printf (before, "Cluster %u shares test beds & skills. ", (guint) before->len);
  after = g_string_new (before->str);
  middle = strstr (after->str + 10000, "skills");
  memcpy (middle, "talent", 6);

  json_object_set_string_member (published, "name", "Long");
  json_object_set_string_member (published, "description", before->str);
  json_object_set_string_member (attributes, "name", "Long");
  json_object_set_string_member (attributes, "description", after->str);
  json_object_set_object_member (meta, "published", g_steal_pointer (&published));
  json_object_set_string_member (resource, "type", "cluster");
  json_object_set_string_member (resource, "id", "c0000000-0000-4000-8000-00000000000a");
  json_object_set_object_member (resource, "attributes", g_steal_pointer (&attributes));
  json_object_set_object_member (resource, "meta", g_steal_pointer (&meta));
  record = eccp_record_new_from_json (resource, &error);
  g_assert_no_error (error);

  show_in_window (fixture, view);
  eccp_diff_view_set_record (ECCP_DIFF_VIEW (view), record);

  g_assert_cmpstr (diff_status (view), ==, "1 field changed since it was published");
  words = ui_test_find_descendant (view, has_css_class, (gpointer) "diff-words");
  markup = gtk_label_get_label (GTK_LABEL (words));
  g_assert_cmpuint (count_of (markup, "<span strikethrough=\"true\""), ==, 1);
  g_assert_cmpuint (count_of (markup, "<span underline=\"single\""), ==, 1);
  assert_contains (markup, ">skills.</span> <span underline=\"single\" bgcolor=\"#2ec27e\" bgalpha=\"26%\">talent.</span>");
  g_assert_cmpuint (count_of (markup, "&amp;"), ==, count_of (before->str, "&"));
}

#define GREEN  "a0000000-0000-4000-8000-000000000004" /* published, links edited here */
#define HEALTH "c0000000-0000-4000-8000-000000000005"
#define GHOST  "c0000000-0000-4000-8000-0000000000ff" /* never synced */

/* A published partnership, a cluster whose name has markup's characters,
 * and a coordinator the store has never seen */
static const char relations_document[] =
  "{\"data\": ["
  " {\"type\": \"cluster\", \"id\": \"" HEALTH "\","
  "  \"attributes\": {\"name\": \"Health & <Care> Cluster\", \"profile_type\": \"cluster_organisation\","
  "   \"country\": \"FI\"},"
  "  \"relationships\": {},"
  "  \"meta\": {\"rev\": 2, \"seq\": 9010, \"moderation_state\": \"published\","
  "   \"published\": {\"name\": \"Health & <Care> Cluster\", \"profile_type\": \"cluster_organisation\","
  "    \"country\": \"FI\"}}},"
  " {\"type\": \"partnership\", \"id\": \"" GREEN "\","
  "  \"attributes\": {\"name\": \"Green Partnership\", \"programme\": \"ESCP-4i\"},"
  "  \"relationships\": {\"coordinator\": {\"data\": {\"type\": \"cluster\", \"id\": \"" GHOST "\"}},"
  "   \"members\": {\"data\": [{\"type\": \"cluster\", \"id\": \"" ROBOTICS "\"}]}},"
  "  \"meta\": {\"rev\": 3, \"seq\": 9011, \"moderation_state\": \"published\","
  "   \"published\": {\"name\": \"Green Partnership\", \"programme\": \"ESCP-4i\"}}}"
  "]}";

/* Links are not in meta.published, but a local change keeps them as
 * they were: the members this copy gained and lost are shown by title
 * without "Show all fields"; the links nobody changed only with it, said
 * to be as they are now; a record the store lacks is never named by id. */
static void
test_diff_relations (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonObject) relationships = NULL;
  g_autoptr(EccpRecord) green = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = eccp_diff_view_new ();
  g_autofree char *members = NULL;
  g_autofree char *coordinator = NULL;
  GtkWidget *unknown;

  document = json_from_string (relations_document, &error);
  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);

  show_in_window (fixture, view);
  g_object_set (view, "store", fixture->store, NULL);

  /* Before any local change: nothing to compare them with */
  green = get_record (fixture, "partnership", GREEN);
  eccp_diff_view_set_record (ECCP_DIFF_VIEW (view), green);
  g_assert_cmpstr (diff_status (view), ==, "No field changed since it was published");
  g_assert_cmpuint (diff_n_rows (view), ==, 0);
  g_clear_object (&green);

  relationships = ui_test_object ("{\"members\": {\"data\": [{\"type\": \"cluster\", \"id\": \"" HEALTH "\"}]}}");
  green = eccp_store_update (fixture->store, "partnership", GREEN, NULL, relationships, &error);
  g_assert_no_error (error);
  eccp_diff_view_set_record (ECCP_DIFF_VIEW (view), green);

  g_assert_cmpstr (diff_status (view), ==, "1 field changed since it was published");
  g_assert_cmpuint (eccp_diff_view_get_n_changes (ECCP_DIFF_VIEW (view)), ==, 1);
  g_assert_cmpuint (diff_n_rows (view), ==, 1);
  members = diff_row_text (view, "Members");
  g_assert_cmpstr (members, ==,
                   "Members\nChanged\n+ Added: Health & <Care> Cluster\n− Removed: Robotics Valley Łódź\n"
                   "Changed here since the last sync\n");
  g_assert_null (diff_row_text (view, "Coordinator"));

  /* All fields: the coordinator as it is, unknown here, its id only in
   * the tooltip */
  eccp_diff_view_set_show_all (ECCP_DIFF_VIEW (view), TRUE);
  coordinator = diff_row_text (view, "Coordinator");
  g_assert_cmpstr (coordinator, ==,
                   "Coordinator\nUnknown record\n"
                   "Links as they are now: the portal does not publish their earlier state.\n");
  unknown = ui_test_find_descendant (view, is_label_saying, (gpointer) "Unknown record");
  g_assert_nonnull (unknown);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (unknown), ==, GHOST);
  g_clear_pointer (&members, g_free);
  members = diff_row_text (view, "Members");
  assert_contains (members, "+ Added: Health & <Care> Cluster\n");
  g_assert_cmpuint (eccp_diff_view_get_n_changes (ECCP_DIFF_VIEW (view)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/review/diff/styles", Fixture, NULL,
              fixture_set_up, test_diff_styles, fixture_tear_down);
  g_test_add ("/review/diff/new-and-same", Fixture, NULL,
              fixture_set_up, test_diff_new_and_same, fixture_tear_down);
  g_test_add ("/review/diff/long-text", Fixture, NULL,
              fixture_set_up, test_diff_long_text, fixture_tear_down);
  g_test_add ("/review/diff/relations", Fixture, NULL,
              fixture_set_up, test_diff_relations, fixture_tear_down);
  g_test_add ("/review/page/queue", Fixture, NULL,
              fixture_set_up, test_queue, fixture_tear_down);
  g_test_add ("/review/page/empty", Fixture, NULL,
              fixture_set_up, test_queue_empty, fixture_tear_down);
  g_test_add ("/review/page/follows-store", Fixture, NULL,
              fixture_set_up, test_queue_follows_store, fixture_tear_down);
  g_test_add ("/review/page/moves", Fixture, NULL,
              fixture_set_up, test_queue_moves, fixture_tear_down);
  g_test_add ("/review/page/approve", Fixture, NULL,
              fixture_set_up, test_approve, fixture_tear_down);
  g_test_add ("/review/page/request-changes", Fixture, NULL,
              fixture_set_up, test_request_changes, fixture_tear_down);
  g_test_add ("/review/page/rights", Fixture, NULL,
              fixture_set_up, test_rights, fixture_tear_down);
  g_test_add ("/review/page/criteria-not-met", Fixture, NULL,
              fixture_set_up, test_criteria_not_met, fixture_tear_down);
  g_test_add ("/review/window/staff-only", Fixture, NULL,
              fixture_set_up, test_window_staff_only, fixture_tear_down);

  return g_test_run ();
}

/* vim: set foldmethod=marker: */
