/* test-markup.c: text from the portal and the user is never Pango markup
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under run-under-x.  Every record, the person signed in, a review
 * comment and a choice value carry markup's characters; the real window
 * over a real store is walked view by view, and every label shown must
 * show that text as it is: the literal in the label's text and its Pango
 * layout, never a blank label (markup that did not parse) and never
 * "bold" without its tags (markup that did).
 */

#include "config.h"

#include <adwaita.h>

#include "eccp-test-meetings.h"
#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-account.h"
#include "eccp-application.h"
#include "eccp-browse-page.h"
#include "eccp-preferences-window.h"
#include "eccp-record-editor.h"
#include "eccp-record-view.h"
#include "eccp-search-list.h"
#include "eccp-changes-page.h"
#include "eccp-conflict-dialog.h"
#include "eccp-meetings-view.h"
#include "eccp-review-page.h"
#include "eccp-venue-mode.h"
#include "eccp-session.h"
#include "eccp-store-sync.h"
#include "eccp-toast.h"
#include "eccp-window.h"

/* What every name is, as a person reads it */
#define HOSTILE "<b>bold</b> & <span foreground=\"red\">x</span>"
/* The same inside a JSON string */
#define HOSTILE_JSON "<b>bold</b> & <span foreground=\\\"red\\\">x</span>"
/* A choice value the app does not know, shown as it came */
#define ECOSYSTEM "R&D <lab>"

#define CLUSTER     "c0000000-0000-4000-8000-0000000000f1"
#define SENT_BACK   "c0000000-0000-4000-8000-0000000000f2"
#define PARTNERSHIP "a0000000-0000-4000-8000-0000000000f3"
#define HOSTILE_EVENT "e0000000-0000-4000-8000-0000000000f4"
#define CALL        "d0000000-0000-4000-8000-0000000000f5"
#define ATTENDEE    "a1000000-0000-4000-8000-0000000000f6"
#define CONFLICTED  "c0000000-0000-4000-8000-0000000000f7"

/* CONFLICTED as the portal has it at @rev, its description @description */
#define CONFLICTED_PAGE(rev, description, cursor) \
  "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CONFLICTED "\"," \
  " \"attributes\": {\"name\": \"" HOSTILE_JSON "\", \"profile_type\": \"cluster_organisation\"," \
  "  \"country\": \"RS\", \"description\": \"" description "\", \"ecosystems\": [\"Agri-food\"]}," \
  " \"relationships\": {}, \"meta\": {\"rev\": " #rev ", \"seq\": " #rev "0, \"moderation_state\": \"published\"}}]," \
  " \"meta\": {\"cursor\": \"" cursor "\"}}"

static const char records_json[] =
  "{\"data\": ["
  " {\"type\": \"cluster\", \"id\": \"" CLUSTER "\","
  "  \"attributes\": {\"name\": \"" HOSTILE_JSON "\", \"profile_type\": \"cluster_project\","
  "   \"country\": \"PL\", \"ecosystems\": [\"Digital\", \"" ECOSYSTEM "\"],"
  "   \"description\": \"" HOSTILE_JSON "\", \"website\": \"https://a.example/?a=1&b=<2>\"},"
  "  \"relationships\": {\"partnerships\": {\"data\": [{\"type\": \"partnership\", \"id\": \"" PARTNERSHIP "\"}]}},"
  "  \"meta\": {\"rev\": 7, \"seq\": 9001, \"moderation_state\": \"needs_review\","
  "   \"changed\": \"2026-11-01T10:00:00Z\","
  "   \"published\": {\"name\": \"Old & <i>name</i>\", \"profile_type\": \"cluster_project\","
  "    \"country\": \"PL\", \"ecosystems\": [\"Digital\"], \"description\": \"Old <i>text</i> & more\"}}},"
  " {\"type\": \"cluster\", \"id\": \"" SENT_BACK "\","
  "  \"attributes\": {\"name\": \"Sent Back & Fixed\", \"profile_type\": \"cluster_project\","
  "   \"country\": \"PL\", \"ecosystems\": [\"Digital\"]}, \"relationships\": {},"
  "  \"meta\": {\"rev\": 4, \"seq\": 9002, \"moderation_state\": \"changes_requested\","
  "   \"review_comment\": \"" HOSTILE_JSON "\"}},"
  " {\"type\": \"partnership\", \"id\": \"" PARTNERSHIP "\","
  "  \"attributes\": {\"name\": \"" HOSTILE_JSON "\", \"programme\": \"ESCP-4i\", \"target_countries\": [\"PL\"]},"
  "  \"relationships\": {\"members\": {\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER "\"}]}},"
  "  \"meta\": {\"rev\": 1, \"seq\": 9003, \"moderation_state\": \"published\", \"published\": null}},"
  " {\"type\": \"event\", \"id\": \"" HOSTILE_EVENT "\","
  "  \"attributes\": {\"title\": \"" HOSTILE_JSON "\", \"kind\": \"matchmaking\","
  "   \"starts_at\": \"2026-06-04T09:00:00+02:00\", \"ends_at\": \"2026-06-04T18:00:00+02:00\","
  "   \"timezone\": \"Europe/Brussels\", \"city\": \"" HOSTILE_JSON "\", \"country\": \"BE\"},"
  "  \"relationships\": {}, \"meta\": {\"rev\": 1, \"seq\": 9004, \"moderation_state\": \"published\", \"published\": null}},"
  " {\"type\": \"call\", \"id\": \"" CALL "\","
  "  \"attributes\": {\"title\": \"" HOSTILE_JSON "\", \"programme\": \"COSME\","
  "   \"deadlines\": [\"2026-06-30T17:00:00+02:00\"]},"
  "  \"relationships\": {}, \"meta\": {\"rev\": 1, \"seq\": 9005, \"moderation_state\": \"published\", \"published\": null}},"
  " {\"type\": \"attendee\", \"id\": \"" ATTENDEE "\","
  "  \"attributes\": {\"name\": \"" HOSTILE_JSON "\", \"organisation\": \"" HOSTILE_JSON "\","
  "   \"country\": \"PL\", \"role\": \"participant\"},"
  "  \"relationships\": {" REL ("event", "event", EVENT) "}, \"meta\": {\"rev\": 1, \"seq\": 9006}}"
  "]}";

#define STAFF "{\"type\": \"user\", \"id\": \"s\", \"attributes\": {\"name\": \"" HOSTILE_JSON "\"," \
              " \"roles\": [\"staff\"], \"clusters\": [], \"events\": []}}"

typedef struct
{
  char      *dir;
  EccpStore *store;
} Fixture;

/* {{{ What the labels show */

typedef struct
{
  const char *literal;
  gboolean    mapped_only;
  guint       n_found;
} Walk;

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Every label below @widget, shown or not: none blank for markup that did
 * not parse, none with "bold" but not its tags; counts those showing
 * @walk->literal (mapped ones only, if asked). */
static void
walk_labels (GtkWidget  *widget,
             const char *where,
             Walk       *walk)
{
  if (GTK_IS_LABEL (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);
      const char *source = gtk_label_get_label (label);
      const char *text = gtk_label_get_text (label);
      const char *laid_out = pango_layout_get_text (gtk_label_get_layout (label));

      if (!is_blank (source) && is_blank (text))
        g_error ("%s: the label “%s” shows nothing: it was read as markup", where, source);
      g_assert_cmpstr (laid_out, ==, text);
      if (strstr (text, "bold") != NULL && strstr (text, "<b>bold</b>") == NULL)
        g_error ("%s: the label “%s” shows “%s”: it was read as markup", where, source, text);
      if (strstr (text, "Old ") != NULL && strstr (text, "<i>") == NULL)
        g_error ("%s: the label “%s” shows “%s”: it was read as markup", where, source, text);
      if (strstr (text, walk->literal) != NULL && (!walk->mapped_only || gtk_widget_get_mapped (widget)))
        walk->n_found++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_labels (child, where, walk);
}

static guint
count_shown (GtkWidget  *root,
             const char *literal)
{
  Walk walk = { literal, TRUE, 0 };

  walk_labels (root, "waiting", &walk);
  return walk.n_found;
}

typedef struct
{
  GtkWidget  *root;
  const char *literal;
} Wanted;

static gboolean
shows_literal (gpointer user_data)
{
  Wanted *wanted = user_data;

  return count_shown (wanted->root, wanted->literal) > 0;
}

/* Waits until a label below @root shows @literal, then checks every label */
static void
assert_shows (GtkWidget  *root,
              const char *literal,
              const char *where)
{
  Wanted wanted = { root, literal };
  g_autofree char *what = g_strdup_printf ("%s to show “%s”", where, literal);
  Walk walk = { literal, FALSE, 0 };

  ui_test_wait_until (shows_literal, &wanted, 10000, what);
  walk_labels (root, where, &walk);
  g_assert_cmpuint (walk.n_found, >, 0);
}

/* }}} */

/* {{{ Fixture */

static void
apply_page (EccpStore  *store,
            const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) page = json_from_string (json, &error);
  EccpPullStats stats = { 0 };

  g_assert_no_error (error);
  eccp_store_apply_changes_page (store, page, &stats, &error);
  g_assert_no_error (error);
}

/* The same description changed here and on the portal: a conflict */
static void
make_conflict (EccpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = ui_test_object ("{\"description\": \"Mine " HOSTILE_JSON "\"}");
  g_autoptr(EccpRecord) edited = NULL;
  g_autoptr(EccpChange) change = NULL;

  apply_page (store, CONFLICTED_PAGE (3, "Before", "1"));
  edited = eccp_store_update (store, "cluster", CONFLICTED, changes, NULL, &error);
  g_assert_no_error (error);
  apply_page (store, CONFLICTED_PAGE (4, "Theirs " HOSTILE_JSON, "2"));
  change = eccp_store_get_change (store, "cluster", CONFLICTED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) schedule = json_from_string (eccp_test_meetings_schedule, &error);
  g_autoptr(JsonNode) records = NULL;
  g_autoptr(EccpAccount) staff = ui_test_account_new (STAFF);
  g_autoptr(EccpRecord) meeting = NULL;

  g_assert_no_error (error);
  records = json_from_string (records_json, &error);
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("eccp-test-markup-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);
  g_assert_true (eccp_store_import_document (fixture->store, schedule, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, records, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (eccp_account_keep (staff, fixture->store, &error));
  g_assert_no_error (error);
  /* A check-in signed by a device named like everything else */
  g_assert_true (eccp_store_set_device_name (fixture->store, HOSTILE, &error));
  g_assert_no_error (error);

  meeting = eccp_test_book_meeting (fixture->store, EVENT, ATTENDEE, ANNA, "11:00", "11:30",
                                    "7", "accepted", &error);
  g_assert_no_error (error);
  g_assert_nonnull (meeting);

  make_conflict (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
window_has_store (gpointer user_data)
{
  GtkStack *stack = GTK_STACK (ui_test_template_child (user_data, ECCP_TYPE_WINDOW, "main_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "main") == 0 && gtk_widget_get_mapped (user_data);
}

static gboolean
is_browse_page_of (GtkWidget *widget,
                   gpointer   type)
{
  g_autofree char *record_type = NULL;

  if (!ECCP_IS_BROWSE_PAGE (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  g_object_get (widget, "record-type", &record_type, NULL);

  return g_strcmp0 (record_type, type) == 0;
}

typedef struct
{
  GtkWidget  *window;
  const char *type;
} Shown;

static gboolean
browse_page_shown (gpointer user_data)
{
  Shown *shown = user_data;

  return ui_test_find_descendant (shown->window, is_browse_page_of, (gpointer) shown->type) != NULL;
}

static EccpBrowsePage *
browse_page (EccpWindow *window,
             const char *type)
{

  Shown shown = { GTK_WIDGET (window), type };
  g_autofree char *what = g_strdup_printf ("the %s page", type);

  eccp_window_show_view (window, type);
  ui_test_wait_until (browse_page_shown, &shown, 10000, what);

  return ECCP_BROWSE_PAGE (ui_test_find_descendant (GTK_WIDGET (window), is_browse_page_of, (gpointer) type));
}

static gboolean
is_mapped_of_type (GtkWidget *widget,
                   gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type)) && gtk_widget_get_mapped (widget);
}

typedef struct
{
  GtkWidget *window;
  GType      type;
} ViewWanted;

static gboolean
view_shown (gpointer user_data)
{
  ViewWanted *wanted = user_data;

  return ui_test_find_descendant (wanted->window, is_mapped_of_type, GSIZE_TO_POINTER (wanted->type)) != NULL;
}

/* The view of @type in @window, once it is shown: what it shows is its
 * own, not the view shown before */
static GtkWidget *
shown_view (EccpWindow *window,
            GType       type)
{
  ViewWanted wanted = { GTK_WIDGET (window), type };
  g_autofree char *what = g_strdup_printf ("the window to show a %s", g_type_name (type));

  ui_test_wait_until (view_shown, &wanted, 10000, what);
  return ui_test_find_descendant (GTK_WIDGET (window), is_mapped_of_type, GSIZE_TO_POINTER (type));
}

/* The conflict dialog open, once it is shown */
static GtkWidget *
conflict_dialog (void)
{
  for (guint tries = 0; tries < 1000; tries++)
    {
      g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

          if (ECCP_IS_CONFLICT_DIALOG (window) && gtk_widget_get_mapped (window))
            return window;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_error ("No conflict dialog was shown");
  return NULL;
}

/* }}} */

/* The app's real window over the store, signed in as staff: every view */
static void
test_every_view (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EccpApplication) app = eccp_application_new ();
  g_autoptr(GError) error = NULL;
  const struct { const char *type; const char *id; } records[] = {
    { "cluster", CLUSTER }, { "partnership", PARTNERSHIP }, { "event", HOSTILE_EVENT }, { "call", CALL },
  };
  EccpSession *session;
  EccpWindow *window;
  EccpBrowsePage *page;
  GtkWidget *view;
  GtkWidget *entry;
  GtkWidget *other;
  g_autoptr(EccpRecord) cluster = NULL;
  g_autoptr(EccpRecord) checkin = NULL;
  g_autofree char *search = NULL;
  GWeakRef page_gone;

  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_test_skip_printf ("The application could not register: %s", error->message);
      return;
    }
  session = eccp_application_get_session (app);
  window = eccp_window_new (GTK_APPLICATION (app), session);
  /* Wide: list and detail side by side */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  eccp_session_open_store (session, fixture->store, "portal");
  ui_test_wait_until (window_has_store, window, 10000, "the window to show the store");

  /* The lists and each record's page (an event's with its attendees) */
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autofree char *where = g_strdup_printf ("the %s page", records[i].type);

      page = browse_page (window, records[i].type);
      assert_shows (GTK_WIDGET (window), HOSTILE, where);
      eccp_browse_page_show_record (page, records[i].id);
      view = ui_test_template_child (page, ECCP_TYPE_BROWSE_PAGE, "record_view");
      assert_shows (view, HOSTILE, where);
    }

  /* The attendees on their event's page */
  page = browse_page (window, "event");
  eccp_browse_page_show_record (page, EVENT);
  view = ui_test_template_child (page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  assert_shows (view, "Brokerage day", "the event's page");
  assert_shows (view, HOSTILE, "the event's attendees");

  /* The unknown ecosystem on the cluster's page, a staff comment */
  page = browse_page (window, "cluster");
  view = ui_test_template_child (page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  eccp_browse_page_show_record (page, CLUSTER);
  assert_shows (view, ECOSYSTEM, "the cluster's page");
  eccp_browse_page_show_record (page, SENT_BACK);
  assert_shows (view, "Staff asked: “" HOSTILE "”", "the comment of staff");

  /* No Results, saying what was searched for */
  search = g_strconcat (HOSTILE, " nowhere", NULL);
  entry = ui_test_template_child (ui_test_template_child (page, ECCP_TYPE_BROWSE_PAGE, "search_list"),
                                  ECCP_TYPE_SEARCH_LIST, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  assert_shows (GTK_WIDGET (page), search, "No Results");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  /* Review, its queue and the diff of the cluster */
  eccp_window_show_view (window, "review");
  view = shown_view (window, ECCP_TYPE_REVIEW_PAGE);
  assert_shows (view, HOSTILE, "the review page");
  assert_shows (view, "Old & <i>name</i>", "the review's diff");

  /* Changes: the conflicted cluster, then its conflict dialog */
  eccp_window_show_view (window, "changes");
  view = shown_view (window, ECCP_TYPE_CHANGES_PAGE);
  assert_shows (view, HOSTILE, "the changes page");
  gtk_widget_activate_action (view, "changes.resolve", "(ss)", "cluster", CONFLICTED);
  other = conflict_dialog ();
  assert_shows (other, "Mine " HOSTILE, "the conflict dialog");
  assert_shows (other, "Theirs " HOSTILE, "the conflict dialog");
  gtk_window_destroy (GTK_WINDOW (other));

  /* Venue mode: the attendee, the check-in signed by the device */
  checkin = eccp_store_check_in (fixture->store, EVENT, ATTENDEE, FALSE, HOSTILE, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.venue-mode", "s", EVENT);
  view = shown_view (window, ECCP_TYPE_VENUE_MODE);
  assert_shows (view, HOSTILE, "venue mode");
  /* The attendee's name, organisation, check-in line, recent check-in */
  g_assert_cmpuint (count_shown (view, HOSTILE), >=, 4);

  /* The meetings grid: the attendee's meeting */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-meetings", "s", EVENT);
  view = shown_view (window, ECCP_TYPE_MEETINGS_VIEW);
  assert_shows (view, HOSTILE, "the meetings grid");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.hide-meetings", NULL);

  /* The editor: the unknown ecosystem in the choice's subtitle */
  cluster = eccp_store_get (fixture->store, "cluster", CLUSTER, &error);
  g_assert_no_error (error);
  other = eccp_record_editor_new (fixture->store, "cluster", cluster);
  gtk_window_set_transient_for (GTK_WINDOW (other), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (other));
  assert_shows (other, ECOSYSTEM, "the editor");
  assert_shows (other, HOSTILE, "the editor's title");
  gtk_window_destroy (GTK_WINDOW (other));

  /* A toast naming the record deleted */
  page = browse_page (window, "cluster");
  eccp_browse_page_show_record (page, CLUSTER);
  view = ui_test_template_child (page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  assert_shows (view, ECOSYSTEM, "the cluster's page");
  gtk_widget_activate_action (GTK_WIDGET (page), "record.delete", NULL);
  assert_shows (GTK_WIDGET (window), "“" HOSTILE "” deleted", "the toast");

  /* The pages go with the window, not later: none keeps its list reading
   * a store about to close (GTK held one once, for the focus that had been
   * in it before another view was shown) */
  g_weak_ref_init (&page_gone, page);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (g_weak_ref_get (&page_gone));
  g_weak_ref_clear (&page_gone);
  eccp_session_close (session);
}

/* Preferences: who is signed in.  The portal does not answer, so it is
 * the account kept; its own session, since a window's would keep trying
 * to sync with that portal meanwhile. */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = ui_test_settings_new ();
  g_autoptr(EccpSession) session = eccp_session_new (settings);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/jsonapi", ui_test_closed_port ());
  GtkWidget *preferences;

  g_assert_true (eccp_store_set_setting (fixture->store, "portal_url", url, &error));
  g_assert_no_error (error);
  eccp_session_open_store (session, fixture->store, "portal");
  preferences = eccp_preferences_window_new (session);
  gtk_window_present (GTK_WINDOW (preferences));
  assert_shows (preferences, HOSTILE, "Preferences");
  assert_shows (preferences, url, "Preferences");

  gtk_window_destroy (GTK_WINDOW (preferences));
  eccp_session_close (session);
}

/* A toast's text is plain as a whole: what a translation puts around
 * the arguments too ("&" in French's "Enregistré & envoyé"). */
static void
test_toast_format (void)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *child = gtk_label_new (NULL);
  GtkWindow *window;

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), child);
  window = ui_test_window_new (overlay, 800, 400);
  eccp_toast_show (child, eccp_toast_new ("Saved & sent: %s", HOSTILE));
  assert_shows (overlay, "Saved & sent: " HOSTILE, "the toast");
  ui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* The token Preferences looks up: there is no keyring here */
  g_setenv ("ECCP_TOKEN", "markup-test-token", TRUE);

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/markup/every-view", Fixture, NULL,
              fixture_set_up, test_every_view, fixture_tear_down);

  g_test_add ("/markup/preferences", Fixture, NULL,
              fixture_set_up, test_preferences, fixture_tear_down);

  g_test_add_func ("/markup/toast-format", test_toast_format);

  return g_test_run ();
}
