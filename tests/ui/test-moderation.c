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
#include "eccp-criteria-list.h"
#include "eccp-json.h"
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

typedef struct
{
  char      *dir;
  EccpStore *store;
  GtkWindow *window;
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
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 720);
  gtk_window_set_child (fixture->window, child);
  gtk_window_present (fixture->window);
  ui_test_wait_until (ui_test_is_mapped, fixture->window, 10000, "the window to be mapped");
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

/* The row of the checklist titled @title: its subtitle and status word */
static GtkWidget *
criterion_row (GtkWidget  *list,
               const char *title)
{
  GtkWidget *row = ui_test_find_descendant (list, ui_test_is_row_titled, (gpointer) title);

  if (row == NULL)
    g_error ("The checklist has no row “%s”", title);
  return row;
}

static gboolean
is_label_with (GtkWidget *widget,
               gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
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

  eccp_criteria_list_set_record (ECCP_CRITERIA_LIST (list), draft);
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (list)), ==,
                   "Publication criteria");
  g_assert_false (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (list)));
  g_object_get (list, "met", &met, NULL);
  g_assert_false (met);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_true (row_says (criterion_row (list, titles[i]), i == 1 ? "Not met" : "Met"));

  website = criterion_row (list, "A website");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (website)), ==,
                   "No website. Add a website");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (criterion_row (list, "At least 15 members in all"))),
                   ==, "16 members");

  /* The website set through the store: the same row turns to met */
  set_website (fixture, OWN_DRAFT, "https://baltic.eu");
  fixed = get_record (fixture, OWN_DRAFT);
  g_object_set (list, "record", fixed, NULL);
  g_assert_true (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (list)));
  g_assert_true (criterion_row (list, "A website") == website);
  g_assert_true (row_says (website, "Met"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (website)), ==, "https://baltic.eu");

  /* Not a cluster: no criteria, not shown */
  event = eccp_record_new ("event", "e0000000-0000-4000-8000-000000000001");
  eccp_criteria_list_set_record (ECCP_CRITERIA_LIST (list), event);
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_false (eccp_criteria_list_get_met (ECCP_CRITERIA_LIST (list)));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* TAP's way to skip a whole program. */
      g_print ("1..0 # SKIP No display: run this under tests/ui/run-under-x\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/moderation/criteria-list", Fixture, NULL,
              fixture_set_up, test_criteria_list, fixture_tear_down);

  return g_test_run ();
}
