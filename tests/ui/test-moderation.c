/* test-moderation.c: what a cluster manager sees of review, in real widgets
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under run-under-x (Xvfb, a D-Bus session, the accessibility bus).
 * A real store file holds clusters imported as the portal would send
 * them (drafts, one sent back with staff's comment, a published profile
 * with a newer draft, another manager's), and each test signs in one
 * account per role (EccpAccount, as GET /me says) and reads what the
 * window offers: the publication criteria checklist, Submit for review,
 * the published version against the draft, and "Your clusters".
 */

#include "config.h"

#include <adwaita.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-account.h"
#include "eccp-browse-page.h"
#include "eccp-criteria-list.h"
#include "eccp-diff-view.h"
#include "eccp-json.h"
#include "eccp-own-clusters.h"
#include "eccp-record-view.h"
#include "eccp-store-sync.h"

#define OWN_DRAFT     "c0000000-0000-4000-8000-000000000001"
#define OWN_SENT_BACK "c0000000-0000-4000-8000-000000000002"
#define OTHER_DRAFT   "c0000000-0000-4000-8000-000000000003"
#define OWN_REDRAFT   "c0000000-0000-4000-8000-000000000004"
#define OWN_PUBLISHED "c0000000-0000-4000-8000-000000000005"

/* Meets every criterion but the website */
#define NO_WEBSITE "\"profile_type\": \"cluster_project\", \"country\": \"PL\"," \
                   " \"ecosystems\": [\"Digital\"], \"management_fte\": 1.5," \
                   " \"members\": {\"sme\": 12, \"research\": 4}"

static const char records_json[] =
  "{\"data\": ["
  "{\"type\": \"cluster\", \"id\": \"" OWN_DRAFT "\","
  " \"attributes\": {\"name\": \"Baltic Drafts\", " NO_WEBSITE "}, \"relationships\": {},"
  " \"meta\": {\"rev\": 1, \"seq\": 9001, \"moderation_state\": \"draft\", \"published\": null}},"
  "{\"type\": \"cluster\", \"id\": \"" OWN_SENT_BACK "\","
  " \"attributes\": {\"name\": \"Silesia Sent Back\", " NO_WEBSITE "}, \"relationships\": {},"
  " \"meta\": {\"rev\": 3, \"seq\": 9002, \"moderation_state\": \"changes_requested\", \"published\": null,"
  "  \"review_comment\": \"Please add the cluster's website; the portal lists it.\"}},"
  "{\"type\": \"cluster\", \"id\": \"" OTHER_DRAFT "\","
  " \"attributes\": {\"name\": \"Someone Else's Draft\", \"website\": \"https://else.eu\", " NO_WEBSITE "},"
  " \"relationships\": {},"
  " \"meta\": {\"rev\": 1, \"seq\": 9003, \"moderation_state\": \"draft\", \"published\": null}},"
  "{\"type\": \"cluster\", \"id\": \"" OWN_REDRAFT "\","
  " \"attributes\": {\"name\": \"Danube Redraft\", \"website\": \"https://danube.eu\","
  "  \"city\": \"Novi Sad\", " NO_WEBSITE "}, \"relationships\": {},"
  " \"meta\": {\"rev\": 6, \"seq\": 9004, \"moderation_state\": \"draft\","
  "  \"published\": {\"name\": \"Danube Redraft\", \"website\": \"https://danube.eu\","
  "   \"city\": \"Belgrade\", " NO_WEBSITE "}}},"
  "{\"type\": \"cluster\", \"id\": \"" OWN_PUBLISHED "\","
  " \"attributes\": {\"name\": \"Adriatic Published\", \"website\": \"https://adriatic.eu\", " NO_WEBSITE "},"
  " \"relationships\": {},"
  " \"meta\": {\"rev\": 2, \"seq\": 9005, \"moderation_state\": \"published\", \"published\": null}}"
  "]}";

#define MANAGER "{\"type\": \"user\", \"id\": \"m\", \"attributes\": {\"name\": \"Bianca Manager\"," \
                " \"roles\": [\"cluster_manager\"], \"events\": [], \"clusters\": [\"" OWN_DRAFT "\"," \
                " \"" OWN_SENT_BACK "\", \"" OWN_REDRAFT "\", \"" OWN_PUBLISHED "\"]}}"
#define OTHER_MANAGER "{\"type\": \"user\", \"id\": \"o\", \"attributes\": {\"name\": \"Other Manager\"," \
                      " \"roles\": [\"cluster_manager\"], \"events\": [], \"clusters\": [\"" OTHER_DRAFT "\"]}}"
#define STAFF "{\"type\": \"user\", \"id\": \"s\", \"attributes\": {\"name\": \"Anne Staff\"," \
              " \"roles\": [\"staff\"], \"clusters\": [], \"events\": []}}"
#define EVENT_TEAM "{\"type\": \"user\", \"id\": \"t\", \"attributes\": {\"name\": \"Ed Team\"," \
                   " \"roles\": [\"event_team\"], \"clusters\": [], \"events\": []}}"

typedef struct
{
  char           *dir;
  EccpStore      *store;
  GtkWindow      *window;
  EccpBrowsePage *page;
} Fixture;

/* {{{ Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = json_from_string (records_json, &error);

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("eccp-test-moderation-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
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
show_in_window (Fixture   *fixture,
                GtkWidget *child)
{
  fixture->window = ui_test_window_new (child, 1100, 720);
}

static EccpRecord *
get_record (Fixture    *fixture,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *record = eccp_store_get (fixture->store, "cluster", id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
set_website (Fixture    *fixture,
             const char *id,
             const char *website)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (attributes, "website", website);
  updated = eccp_store_update (fixture->store, "cluster", id, attributes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (updated);
}

static gboolean
is_label_with (GtkWidget *widget,
               gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_label_starting (GtkWidget *widget,
                   gpointer   prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* The row says @word ("Met", "Not met") in words, not only by its icon */
static gboolean
row_says (GtkWidget  *row,
          const char *word)
{
  return ui_test_find_descendant (row, is_label_with, (gpointer) word) != NULL;
}

/* }}} */

/* {{{ The checklist */

/* Every criterion, met or not, in words and with the fix; it follows the
 * record, and says so in "met". */
static void
test_criteria_list (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const titles[] = {
    "A management team of at least 0.5 FTE",
    "A website",
    "At least 15 members in all",
    "Members of at least two kinds",
  };
  g_autoptr(EccpRecord) draft = get_record (fixture, OWN_DRAFT);
  g_autoptr(EccpRecord) fixed = NULL;
  g_autoptr(EccpRecord) event = NULL;
  GtkWidget *list = eccp_criteria_list_new ();
  GtkWidget *website;
  gboolean met = TRUE;

  show_in_window (fixture, list);
  g_assert_false (gtk_widget_get_visible (list)); /* nothing to judge */
  g_assert_true (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (list)));

  eccp_criteria_list_set_record (ECCP_CRITERIA_LIST (list), draft);
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (list)), ==,
                   "Publication criteria");
  g_assert_false (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (list)));
  g_object_get (list, "met", &met, NULL);
  g_assert_false (met);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_true (row_says (ui_test_row_titled (list, titles[i]), i == 1 ? "Not met" : "Met"));

  website = ui_test_row_titled (list, "A website");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (website)), ==,
                   "No website. Add a website");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_test_row_titled (list, "At least 15 members in all"))),
                   ==, "16 members");

  /* The website set through the store: the same row turns to met */
  set_website (fixture, OWN_DRAFT, "https://baltic.eu");
  fixed = get_record (fixture, OWN_DRAFT);
  g_object_set (list, "record", fixed, NULL);
  g_assert_true (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (list)));
  g_assert_true (ui_test_row_titled (list, "A website") == website);
  g_assert_true (row_says (website, "Met"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (website)), ==, "https://baltic.eu");

  /* Not a cluster: no criteria, so none fails (Submit for review waits
   * for nothing); not shown */
  event = eccp_record_new ("event", "e0000000-0000-4000-8000-000000000001");
  eccp_criteria_list_set_record (ECCP_CRITERIA_LIST (list), event);
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_true (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (list)));
}

/* }}} */

/* {{{ The browse page and its detail */

static GtkWidget *
view_child (Fixture    *fixture,
            const char *name)
{
  GtkWidget *view = ui_test_template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");

  return ui_test_template_child (view, ECCP_TYPE_RECORD_VIEW, name);
}

/* The Clusters view signed in as @account_json (%NULL: nobody, the demo) */
static void
show_clusters (Fixture    *fixture,
               const char *type,
               const char *account_json)
{
  g_autoptr(EccpAccount) account = account_json != NULL ? ui_test_account_new (account_json) : NULL;

  ui_test_window_destroy (g_steal_pointer (&fixture->window));
  fixture->page = g_object_new (ECCP_TYPE_BROWSE_PAGE, "record-type", type, NULL);
  /* Inside a toast overlay, as in the window: the toasts have a place */
  {
    GtkWidget *overlay = adw_toast_overlay_new ();

    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
    show_in_window (fixture, overlay);
  }
  eccp_browse_page_set_store (fixture->page, fixture->store);
  g_object_set (fixture->page, "account", account, NULL);
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
} Shown;

static gboolean
detail_shows (gpointer user_data)
{
  Shown *shown = user_data;
  GtkWidget *view = ui_test_template_child (shown->fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");
  EccpRecord *record = eccp_record_view_get_record (ECCP_RECORD_VIEW (view));

  return record != NULL && g_strcmp0 (eccp_record_get_id (record), shown->id) == 0;
}

static void
open_record (Fixture    *fixture,
             const char *id)
{
  Shown shown = { fixture, id };

  eccp_browse_page_show_record (fixture->page, id);
  ui_test_wait_until (detail_shows, &shown, 5000, "the detail to show the record");
}

static gboolean
submit_offered (Fixture *fixture)
{
  GtkWidget *button = view_child (fixture, "submit_button");

  return gtk_widget_is_visible (button);
}

static gboolean
submit_sensitive (gpointer user_data)
{
  return gtk_widget_is_sensitive (view_child (user_data, "submit_button"));
}

static const char *
detail_value (Fixture    *fixture,
              const char *title)
{
  GtkWidget *view = ui_test_template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "record_view");

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_test_row_titled (view, title)));
}

/* With ECCP_UI_SCREENSHOTS=<folder>, the window as a PNG there, to look at */
static void
maybe_screenshot (Fixture    *fixture,
                  const char *name)
{
  const char *folder = g_getenv ("ECCP_UI_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (folder == NULL)
    return;

  /* Let the last layout and the icons settle */
  for (guint i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (folder, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* }}} */

/* {{{ Submit for review */

/* Only a record's managers, only for a draft or a record sent back */
static void
test_submit_offered (Fixture       *fixture,
                     gconstpointer  data)
{
  show_clusters (fixture, "cluster", MANAGER);
  open_record (fixture, OWN_DRAFT);
  g_assert_true (submit_offered (fixture));
  open_record (fixture, OWN_SENT_BACK);
  g_assert_true (submit_offered (fixture));
  open_record (fixture, OWN_REDRAFT);
  g_assert_true (submit_offered (fixture));
  open_record (fixture, OWN_PUBLISHED);
  g_assert_false (submit_offered (fixture));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "criteria_list")));
  open_record (fixture, OTHER_DRAFT);
  g_assert_false (submit_offered (fixture));

  /* The other cluster's own manager */
  show_clusters (fixture, "cluster", OTHER_MANAGER);
  open_record (fixture, OTHER_DRAFT);
  g_assert_true (submit_offered (fixture));
  open_record (fixture, OWN_DRAFT);
  g_assert_false (submit_offered (fixture));

  /* Staff review, they do not submit; the event team has no cluster */
  show_clusters (fixture, "cluster", STAFF);
  open_record (fixture, OWN_DRAFT);
  g_assert_false (submit_offered (fixture));
  open_record (fixture, OWN_SENT_BACK);
  g_assert_false (submit_offered (fixture));

  show_clusters (fixture, "cluster", EVENT_TEAM);
  open_record (fixture, OWN_DRAFT);
  g_assert_false (submit_offered (fixture));

  /* Nobody known (the demo data): offered on a moderated draft */
  show_clusters (fixture, "cluster", NULL);
  open_record (fixture, OWN_DRAFT);
  g_assert_true (submit_offered (fixture));
}

typedef struct
{
  GtkWidget  *row;
  const char *word;
} RowWord;

static gboolean
row_says_word (gpointer user_data)
{
  RowWord *wanted = user_data;

  return row_says (wanted->row, wanted->word);
}

static gboolean
submit_gone (gpointer user_data)
{
  return !submit_offered (user_data);
}

/* Sent back without a website: staff's comment, the checklist saying
 * what fails, Submit off until the website is set; then it queues the
 * submission. */
static void
test_submit_waits_for_criteria (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *button;
  GtkWidget *list;
  GtkWidget *website;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) submitted = NULL;
  RowWord met;

  show_clusters (fixture, "cluster", MANAGER);
  open_record (fixture, OWN_SENT_BACK);

  g_assert_true (gtk_widget_is_visible (view_child (fixture, "comment_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child (fixture, "moderation_label"))), ==,
                   "Review: Changes requested");

  button = view_child (fixture, "submit_button");
  list = view_child (fixture, "criteria_list");
  g_assert_true (gtk_widget_is_visible (button));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "Add a website"));
  g_assert_true (gtk_widget_is_visible (view_child (fixture, "submit_hint")));
  g_assert_true (gtk_widget_is_visible (list));
  website = ui_test_row_titled (list, "A website");
  g_assert_true (row_says (website, "Not met"));
  g_assert_true (row_says (ui_test_row_titled (list, "At least 15 members in all"), "Met"));
  maybe_screenshot (fixture, "manager-changes-requested.png");

  /* The website, set through the store: the checklist turns, Submit is on */
  set_website (fixture, OWN_SENT_BACK, "https://silesia.eu");
  ui_test_wait_until (submit_sensitive, fixture, 5000, "Submit for review to be on");
  website = ui_test_row_titled (view_child (fixture, "criteria_list"), "A website");
  met = (RowWord) { website, "Met" };
  ui_test_wait_until (row_says_word, &met, 5000, "the website criterion to be met");
  g_assert_false (gtk_widget_is_visible (view_child (fixture, "submit_hint")));
  maybe_screenshot (fixture, "manager-criteria-met.png");

  /* Submitted: queued (offline: nothing is sent here), and it shows */
  g_signal_emit_by_name (view_child (fixture, "submit_button"), "clicked");
  change = eccp_store_get_change (fixture->store, "cluster", OWN_SENT_BACK, NULL);
  g_assert_nonnull (change);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_PENDING);
  g_assert_true (change->changed_meta != NULL && g_strv_contains ((const char * const *) change->changed_meta,
                                                                  "moderation_state"));
  submitted = get_record (fixture, OWN_SENT_BACK);
  g_assert_cmpstr (eccp_json_get_string (eccp_record_get_meta (submitted), "moderation_state"), ==,
                   "needs_review");
  ui_test_wait_until (submit_gone, fixture, 5000, "Submit for review to go once submitted");
  /* The toast names the record */
  g_assert_nonnull (ui_test_find_descendant (GTK_WIDGET (fixture->window), is_label_with,
                                             (gpointer) "“Silesia Sent Back” submitted for review"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child (fixture, "moderation_label"))), ==,
                   "Review: In review");
}

/* The website gone from under the view (an edit elsewhere, a sync): the
 * store refuses, and the view says why in words. */
static void
test_submit_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) no_website = ui_test_object ("{\"website\": null}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(EccpRecord) kept = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *hint;

  set_website (fixture, OWN_DRAFT, "https://baltic.eu");
  show_clusters (fixture, "cluster", MANAGER);
  open_record (fixture, OWN_DRAFT);
  ui_test_wait_until (submit_sensitive, fixture, 5000, "Submit for review to be on");

  updated = eccp_store_update (fixture->store, "cluster", OWN_DRAFT, no_website, NULL, &error);
  g_assert_no_error (error);
  g_signal_emit_by_name (view_child (fixture, "submit_button"), "clicked");

  kept = get_record (fixture, OWN_DRAFT);
  g_assert_cmpstr (eccp_json_get_string (eccp_record_get_meta (kept), "moderation_state"), ==, "draft");
  hint = view_child (fixture, "submit_hint");
  g_assert_true (gtk_widget_is_visible (hint));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "website"));
  g_assert_nonnull (ui_test_find_descendant (GTK_WIDGET (fixture->window), is_label_starting,
                                             (gpointer) "Could not submit “Baltic Drafts”: "));
}

#define OWN_EVENT   "e0000000-0000-4000-8000-000000000001"
#define PARTNERSHIP "a0000000-0000-4000-8000-000000000001"

/* An event team's own event and a partnership, both drafts: neither
 * type has publication criteria */
static const char other_types_json[] =
  "{\"data\": ["
  "{\"type\": \"event\", \"id\": \"" OWN_EVENT "\","
  " \"attributes\": {\"title\": \"Cluster Days Gdańsk\", \"kind\": \"conference\","
  "  \"starts_at\": \"2027-03-01T09:00:00+01:00\", \"ends_at\": \"2027-03-02T17:00:00+01:00\"},"
  " \"relationships\": {},"
  " \"meta\": {\"rev\": 1, \"seq\": 9101, \"moderation_state\": \"draft\", \"published\": null}},"
  "{\"type\": \"partnership\", \"id\": \"" PARTNERSHIP "\","
  " \"attributes\": {\"name\": \"Blue Partnership\", \"programme\": \"ESCP-4i\"},"
  " \"relationships\": {},"
  " \"meta\": {\"rev\": 1, \"seq\": 9102, \"moderation_state\": \"draft\", \"published\": null}}"
  "]}";

#define OWN_EVENT_TEAM "{\"type\": \"user\", \"id\": \"t\", \"attributes\": {\"name\": \"Ed Team\"," \
                       " \"roles\": [\"event_team\"], \"clusters\": [], \"events\": [\"" OWN_EVENT "\"]}}"

/* Submit for review on @type @id: offered, on (no criterion to wait
 * for), and clicked, it queues the record in needs_review */
static void
assert_submits (Fixture    *fixture,
                const char *type,
                const char *id)
{
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) submitted = NULL;
  g_autoptr(GError) error = NULL;

  open_record (fixture, id);
  g_assert_true (submit_offered (fixture));
  g_assert_true (gtk_widget_is_sensitive (view_child (fixture, "submit_button")));
  g_assert_false (gtk_widget_is_visible (view_child (fixture, "submit_hint")));
  g_assert_false (gtk_widget_is_visible (view_child (fixture, "criteria_list")));

  g_signal_emit_by_name (view_child (fixture, "submit_button"), "clicked");
  change = eccp_store_get_change (fixture->store, type, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_PENDING);
  submitted = eccp_store_get (fixture->store, type, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eccp_json_get_string (eccp_record_get_meta (submitted), "moderation_state"), ==,
                   "needs_review");
  ui_test_wait_until (submit_gone, fixture, 5000, "Submit for review to go once submitted");
}

/* The publication criteria are a cluster's: an event or a partnership
 * is submitted without them */
static void
test_submit_other_types (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = json_from_string (other_types_json, &error);

  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);

  show_clusters (fixture, "event", OWN_EVENT_TEAM);
  open_record (fixture, OWN_EVENT);
  maybe_screenshot (fixture, "event-team-submit.png");
  assert_submits (fixture, "event", OWN_EVENT);

  /* Nobody known (the demo) */
  show_clusters (fixture, "partnership", NULL);
  assert_submits (fixture, "partnership", PARTNERSHIP);
}

/* Whether Submit for review is offered to @account_json on the cluster @id */
static gboolean
offered_to (Fixture    *fixture,
            const char *account_json,
            const char *id)
{
  show_clusters (fixture, "cluster", account_json);
  open_record (fixture, id);
  return submit_offered (fixture);
}

/* A cluster made here, not yet on the portal (rev 0): its maker's to
 * submit when they may make clusters, a manager; never staff's, who
 * publish, and not the event team's, who make no clusters */
static void
test_submit_made_here (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) attributes = ui_test_object ("{\"name\": \"Fresh Cluster\", " NO_WEBSITE "}");
  g_autoptr(EccpRecord) made = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  made = eccp_store_create (fixture->store, "cluster", NULL, attributes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eccp_record_get_rev (made), ==, 0);
  id = eccp_record_get_id (made);

  g_assert_false (offered_to (fixture, STAFF, id));
  g_assert_false (offered_to (fixture, EVENT_TEAM, id));
  g_assert_true (offered_to (fixture, OTHER_MANAGER, id));
}

/* }}} */

/* {{{ The published version and the draft */

static gboolean
is_toggle (GtkWidget *widget,
           gpointer   name)
{
  return GTK_IS_TOGGLE_BUTTON (widget);
}

static void
test_published_and_draft (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *versions;
  GtkToggleButton *published;
  GtkToggleButton *draft;

  show_clusters (fixture, "cluster", MANAGER);
  open_record (fixture, OWN_REDRAFT);

  versions = view_child (fixture, "version_box");
  published = GTK_TOGGLE_BUTTON (view_child (fixture, "published_toggle"));
  draft = GTK_TOGGLE_BUTTON (view_child (fixture, "draft_toggle"));
  g_assert_true (gtk_widget_is_visible (versions));
  g_assert_true (ui_test_find_descendant (versions, is_toggle, NULL) == GTK_WIDGET (published));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (published)), ==, "_Published Version");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (draft)), ==, "_Your Draft");

  /* What changed, as staff read it: the city only */
  g_assert_true (gtk_widget_is_visible (view_child (fixture, "diff_group")));
  g_assert_cmpuint (eccp_diff_view_get_n_changes (ECCP_DIFF_VIEW (view_child (fixture, "diff_view"))), ==, 1);

  /* The draft first, as it is now */
  g_assert_true (gtk_toggle_button_get_active (draft));
  g_assert_cmpstr (detail_value (fixture, "City"), ==, "Novi Sad");

  g_signal_emit_by_name (published, "clicked");
  g_assert_true (gtk_toggle_button_get_active (published));
  g_assert_false (gtk_toggle_button_get_active (draft));
  g_assert_cmpstr (detail_value (fixture, "City"), ==, "Belgrade");
  g_assert_cmpstr (detail_value (fixture, "Website"), ==, "https://danube.eu");
  maybe_screenshot (fixture, "manager-published-version.png");

  g_signal_emit_by_name (draft, "clicked");
  g_assert_cmpstr (detail_value (fixture, "City"), ==, "Novi Sad");

  /* Left on the published version, another record shows as it is */
  g_signal_emit_by_name (published, "clicked");
  open_record (fixture, OWN_DRAFT);
  g_assert_false (gtk_widget_is_visible (versions));
  g_assert_false (gtk_widget_is_visible (view_child (fixture, "diff_group")));
  g_assert_true (gtk_toggle_button_get_active (draft));
  open_record (fixture, OWN_REDRAFT);
  g_assert_cmpstr (detail_value (fixture, "City"), ==, "Novi Sad");

  /* Not for one who sees only what is published */
  show_clusters (fixture, "cluster", EVENT_TEAM);
  open_record (fixture, OWN_REDRAFT);
  g_assert_false (gtk_widget_is_visible (view_child (fixture, "version_box")));
}

/* }}} */

/* {{{ Your clusters */

static GtkWidget *
own_clusters (Fixture *fixture)
{
  return ui_test_template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "own_clusters");
}

static gboolean
own_row_says_in_review (gpointer own)
{
  GtkWidget *row = ui_test_find_descendant (own, ui_test_is_row_titled, (gpointer) "Silesia Sent Back");

  return row != NULL && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Needs review") == 0;
}

static void
test_your_clusters (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EccpRecord) submitted = NULL;
  GtkWidget *own;
  GtkWidget *row;
  GtkWidget *filters;

  show_clusters (fixture, "cluster", MANAGER);
  own = own_clusters (fixture);
  g_assert_true (gtk_widget_is_visible (own));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (own)), ==, "Your clusters");

  /* At the top: before the filters, in the same header */
  filters = ui_test_template_child (fixture->page, ECCP_TYPE_BROWSE_PAGE, "filter_box");
  g_assert_true (gtk_widget_get_parent (own) == gtk_widget_get_parent (filters));
  g_assert_true (gtk_widget_get_first_child (gtk_widget_get_parent (own)) == own);

  /* Each own cluster, with where it stands; not another manager's */
  row = ui_test_find_descendant (own, ui_test_is_row_titled, (gpointer) "Silesia Sent Back");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Changes requested");
  g_assert_nonnull (ui_test_find_descendant (own, ui_test_is_row_titled, (gpointer) "Baltic Drafts"));
  g_assert_nonnull (ui_test_find_descendant (own, ui_test_is_row_titled, (gpointer) "Adriatic Published"));
  g_assert_null (ui_test_find_descendant (own, ui_test_is_row_titled, (gpointer) "Someone Else's Draft"));

  /* Activated, the detail shows it */
  g_signal_emit_by_name (row, "activated");
  {
    Shown shown = { fixture, OWN_SENT_BACK };

    ui_test_wait_until (detail_shows, &shown, 5000, "the own cluster in the detail");
  }

  /* The state follows the store: submitted, it says so */
  set_website (fixture, OWN_SENT_BACK, "https://silesia.eu");
  submitted = eccp_store_transition (fixture->store, "cluster", OWN_SENT_BACK, "needs_review", NULL, NULL);
  g_assert_nonnull (submitted);
  ui_test_wait_until (own_row_says_in_review, own, 5000, "Your clusters to say it is in review");

  /* Nobody else has it: staff, the event team, nobody known */
  show_clusters (fixture, "cluster", STAFF);
  g_assert_false (gtk_widget_is_visible (own_clusters (fixture)));
  show_clusters (fixture, "cluster", EVENT_TEAM);
  g_assert_false (gtk_widget_is_visible (own_clusters (fixture)));
  show_clusters (fixture, "cluster", NULL);
  g_assert_false (gtk_widget_is_visible (own_clusters (fixture)));

  /* Nor another view */
  show_clusters (fixture, "event", MANAGER);
  g_assert_false (gtk_widget_is_visible (own_clusters (fixture)));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/moderation/criteria-list", Fixture, NULL,
              fixture_set_up, test_criteria_list, fixture_tear_down);
  g_test_add ("/moderation/submit/offered", Fixture, NULL,
              fixture_set_up, test_submit_offered, fixture_tear_down);
  g_test_add ("/moderation/submit/waits-for-criteria", Fixture, NULL,
              fixture_set_up, test_submit_waits_for_criteria, fixture_tear_down);
  g_test_add ("/moderation/submit/refused", Fixture, NULL,
              fixture_set_up, test_submit_refused, fixture_tear_down);
  g_test_add ("/moderation/submit/other-types", Fixture, NULL,
              fixture_set_up, test_submit_other_types, fixture_tear_down);
  g_test_add ("/moderation/submit/made-here", Fixture, NULL,
              fixture_set_up, test_submit_made_here, fixture_tear_down);
  g_test_add ("/moderation/published-and-draft", Fixture, NULL,
              fixture_set_up, test_published_and_draft, fixture_tear_down);
  g_test_add ("/moderation/your-clusters", Fixture, NULL,
              fixture_set_up, test_your_clusters, fixture_tear_down);

  return g_test_run ();
}
