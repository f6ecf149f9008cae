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

#include "eccp-diff-view.h"
#include "eccp-json.h"

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
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 760);
  gtk_window_set_child (fixture->window, child);
  gtk_window_present (fixture->window);
  ui_test_wait_until (ui_test_is_mapped, child, 10000, "the window to be mapped");
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
  assert_contains (diff_row_text (view, "Description"), "Changed\n");

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
  assert_contains (diff_row_text (view, "Name"), "Robotics Valley Łódź");
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
  assert_contains (diff_row_text (view, "Target countries"), "+ Added: Poland\n");
  members = diff_row_text (view, "Members");
  g_assert_cmpstr (members, ==, "Members\nAdded\nRobotics Valley Łódź\n");

  eccp_diff_view_set_record (ECCP_DIFF_VIEW (view), same);
  g_assert_cmpstr (diff_status (view), ==, "No field changed since it was published");
  g_assert_cmpuint (diff_n_rows (view), ==, 0);
  g_assert_cmpuint (eccp_diff_view_get_n_changes (ECCP_DIFF_VIEW (view)), ==, 0);

  eccp_diff_view_set_record (ECCP_DIFF_VIEW (view), NULL);
  g_assert_cmpuint (diff_n_rows (view), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP No display: run this under tests/ui/run-under-x\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/review/diff/styles", Fixture, NULL,
              fixture_set_up, test_diff_styles, fixture_tear_down);
  g_test_add ("/review/diff/new-and-same", Fixture, NULL,
              fixture_set_up, test_diff_new_and_same, fixture_tear_down);

  return g_test_run ();
}

/* vim: set foldmethod=marker: */
