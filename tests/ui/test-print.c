/* test-print.c: printing the attendee list, a table's schedule and the
 * meetings grid (eccp-venue-print.c) to PDF, and the ways in from venue
 * mode and the meetings view, over a real store in real widgets
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each print runs the real GtkPrintOperation with
 * GTK_PRINT_OPERATION_ACTION_EXPORT into a PDF, which poppler's pdftotext
 * reads back: the pages (one form feed each), the words on each, the
 * accents.  Without pdftotext each test says TAP's skip.
 */

#include "config.h"

#include <adwaita.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-meetings-view.h"
#include "eccp-venue-mode.h"
#include "eccp-venue-print.h"
#include "eccp-window.h"

#define EVENT     "e1000000-0000-4000-8000-000000000001"
#define N_PEOPLE  130
#define N_TABLES  12
#define N_SLOTS   24
#define LONG_ORG  "Verein zur Förderung der grenzüberschreitenden Zusammenarbeit im Maschinenbau Baden-Württemberg e.V."

/* 10 × 13 distinct names, none inside another */
static const char * const firsts[] = {
  "Željko", "Inês", "Łukasz", "Søren", "Chloé", "Jürgen", "Zoë", "Ömer", "Mária", "Brigitte",
};
static const char * const lasts[] = {
  "Erkapić", "Wiśniewski", "Müller", "Costa", "Dvořák", "Håkansson", "Ó Briain",
  "Kovačević", "Lefèvre", "Nowakowska", "Szabó", "Papadopoulou", "Ferreira",
};

typedef struct
{
  char      *dir;
  EccpStore *store;
  GtkWindow *window;
} Fixture;

/* {{{ Helpers */

static char *
person_id (guint i)
{
  return g_strdup_printf ("a1000000-0000-4000-8000-%012u", i + 1);
}

static char *
person_name (guint i)
{
  return g_strdup_printf ("%s %s", firsts[i % G_N_ELEMENTS (firsts)], lasts[i / G_N_ELEMENTS (firsts)]);
}

#define REL(name, type, id) "\"" name "\": {\"data\": {\"type\": \"" type "\", \"id\": \"%s\"}}"

/* ", {meeting}" of 15 minutes from @minutes after midnight in Brussels */
static void
append_meeting (GString    *json,
                const char *id,
                guint       minutes,
                guint       table,
                const char *status,
                const char *requester,
                const char *invitee)
{
  g_string_append_printf (json, ", {\"type\": \"meeting\", \"id\": \"%s\","
                          " \"attributes\": {\"starts_at\": \"2026-06-04T%02u:%02u:00+02:00\","
                          " \"ends_at\": \"2026-06-04T%02u:%02u:00+02:00\", \"table\": \"%u\","
                          " \"status\": \"%s\"}, \"relationships\": {" REL ("event", "event", "%s") ","
                          REL ("requester", "attendee", "%s") "," REL ("invitee", "attendee", "%s") "},"
                          " \"meta\": {\"rev\": 1}}",
                          id, minutes / 60, minutes % 60, (minutes + 15) / 60, (minutes + 15) % 60,
                          table, status, EVENT, requester, invitee);
}

/* The event in Brussels, N_PEOPLE attendees, one checked in at 08:15
 * there, and a meeting at every table in every 15-minute slot. */
static char *
document_json (void)
{
  GString *json = g_string_new ("{\"data\": [");

  g_string_append (json, "{\"type\": \"event\", \"id\": \"" EVENT "\", \"attributes\": {"
                   "\"title\": \"Rencontres d’affaires Liège 2026\", \"kind\": \"matchmaking\","
                   " \"timezone\": \"Europe/Brussels\"}, \"meta\": {\"rev\": 1}}");
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *id = person_id (i);
      g_autofree char *name = person_name (i);

      g_string_append_printf (json, ", {\"type\": \"attendee\", \"id\": \"%s\", \"attributes\": {"
                              "\"name\": \"%s\", \"organisation\": \"%s\", \"country\": \"%s\","
                              " \"role\": \"participant\"}, \"relationships\": {" REL ("event", "event", "%s") "},"
                              " \"meta\": {\"rev\": 1}}",
                              id, name, i == 1 ? LONG_ORG : "Politechnika Łódzka",
                              i % 2 ? "PL" : "BE", EVENT);
    }
  {
    g_autofree char *id = person_id (0);

    g_string_append_printf (json, ", {\"type\": \"checkin\", \"id\": \"c1000000-0000-4000-8000-000000000001\","
                            " \"attributes\": {\"at\": \"2026-06-04T08:15:00+02:00\", \"device\": \"Entrance A\","
                            " \"undo\": false}, \"relationships\": {" REL ("event", "event", "%s") ","
                            REL ("attendee", "attendee", "%s") "}, \"meta\": {\"rev\": 1}}", EVENT, id);
  }
  for (guint s = 0; s < N_SLOTS; s++)
    for (guint t = 0; t < N_TABLES; t++)
      {
        guint a = (s * N_TABLES * 2 + t * 2) % N_PEOPLE;
        g_autofree char *requester = person_id (a);
        g_autofree char *invitee = person_id (a + 1);
        guint minutes = 8 * 60 + s * 15;

        g_autofree char *id = g_strdup_printf ("b1000000-0000-4000-8000-%04u%08u", s, t);

        append_meeting (json, id, minutes, t + 1, t % 3 ? "accepted" : "requested", requester, invitee);
      }
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = document_json ();
  g_autoptr(JsonNode) document = json_from_string (json, &error);

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("eccp-test-print-XXXXXX", &error);
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
  g_clear_object (&fixture->store);
  /* ECCP_TEST_KEEP=1 keeps the PDFs, to look at */
  if (g_getenv ("ECCP_TEST_KEEP") == NULL)
    eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");

  if (path == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed");
  return path != NULL;
}

/* pdftotext -bbox of @pdf: each page, each word with its box */
static char *
pdf_boxes (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);

  return out;
}

/* No word of @pdf over the next on its line: pdftotext -bbox gives each
 * word's box (the words an ellipsis stands for share the box of the "…"). */
static void
assert_no_overlap (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\"", 0, 0, &error);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *out = pdf_boxes (pdf);
  double last_y = -1;
  double last_right = 0;
  guint words = 0;

  g_assert_no_error (error);
  for (g_regex_match (regex, out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *x0 = g_match_info_fetch (match, 1);
      g_autofree char *y0 = g_match_info_fetch (match, 2);
      g_autofree char *x1 = g_match_info_fetch (match, 3);
      double y = g_ascii_strtod (y0, NULL);

      if (y == last_y)
        g_assert_cmpfloat (g_ascii_strtod (x0, NULL), >=, last_right - 0.01);
      last_y = y;
      last_right = g_ascii_strtod (x1, NULL);
      words++;
    }
  g_assert_cmpuint (words, >, 10);
}

/* Exports @kind to a PDF on A4 through the real print operation, over a
 * real window; returns its pages' text, one string a page. */
static GStrv
export_pages (Fixture            *fixture,
              EccpVenuePrintKind  kind,
              const char         *table,
              const char         *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  g_autofree char *out = NULL;
  int status;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  GStrv pages;
  guint n;

  if (fixture->window == NULL)
    fixture->window = ui_test_window_new (gtk_label_new ("print"), 300, 200);

  operation = eccp_venue_print_operation_new (fixture->store, EVENT, kind, table, &error);
  g_assert_no_error (error);
  g_assert_nonnull (operation);
  setup = gtk_print_operation_get_default_page_setup (operation) != NULL
          ? gtk_page_setup_copy (gtk_print_operation_get_default_page_setup (operation))
          : gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                            fixture->window, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (pdf, &head, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (head, "%PDF"));
  assert_no_overlap (pdf);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_utf8_validate (out, -1, NULL));

  /* pdftotext ends every page with a form feed */
  pages = g_strsplit (out, "\f", -1);
  n = g_strv_length (pages);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (g_strstrip (pages[n - 1]), ==, "");
  g_free (pages[n - 1]);
  pages[n - 1] = NULL;

  return pages;
}

static int
compare_collated (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(char **) a, *(char **) b);
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* What every page says: the event, the zone, "Page k of n" */
static void
assert_every_page (GStrv pages)
{
  guint n = g_strv_length (pages);

  for (guint p = 0; p < n; p++)
    {
      g_autofree char *page_text = g_strdup_printf ("Page %u of %u", p + 1, n);

      g_assert_nonnull (strstr (pages[p], "Rencontres d’affaires Liège 2026"));
      g_assert_nonnull (strstr (pages[p], "Times in Brussels time"));
      g_assert_nonnull (strstr (pages[p], page_text));
      g_assert_nonnull (strstr (pages[p], "Printed "));
    }
}

/* }}} */

static void
test_attendees (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(GStrv) pages = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all = NULL;
  guint n_pages;
  guint per_page;
  guint last = 0;

  if (!have_pdftotext ())
    return;

  pages = export_pages (fixture, ECCP_VENUE_PRINT_ATTENDEES, NULL, "attendees.pdf");
  n_pages = g_strv_length (pages);
  assert_every_page (pages);
  all = g_strjoinv ("\n", pages);

  /* Everyone once, in the language's order of names: a full page holds as
   * many as the first, and the pages are as many as that takes. */
  for (guint i = 0; i < N_PEOPLE; i++)
    g_ptr_array_add (names, person_name (i));
  for (guint i = 0; i < N_PEOPLE; i++)
    g_assert_cmpuint (count (all, g_ptr_array_index (names, i)), ==, 1);
  per_page = 0;
  for (guint i = 0; i < N_PEOPLE; i++)
    per_page += strstr (pages[0], g_ptr_array_index (names, i)) != NULL;
  g_assert_cmpuint (per_page, >, 10);
  g_assert_cmpuint (n_pages, ==, (N_PEOPLE + per_page - 1) / per_page);
  g_assert_cmpuint (n_pages, >, 1);
  for (guint p = 0; p + 1 < n_pages; p++)
    {
      guint here = 0;

      for (guint i = 0; i < N_PEOPLE; i++)
        here += strstr (pages[p], g_ptr_array_index (names, i)) != NULL;
      g_assert_cmpuint (here, ==, per_page);
    }
  g_ptr_array_sort (names, compare_collated);
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      const char *at = strstr (all, g_ptr_array_index (names, i));

      g_assert_cmpuint (at - all, >=, last);
      last = at - all;
    }

  /* The columns: country in words, the check-in time in Brussels, the
   * long organisation cut short, not over the next column */
  g_assert_nonnull (strstr (pages[0], "Checked in"));
  g_assert_nonnull (strstr (all, "Poland"));
  g_assert_nonnull (strstr (all, "Belgium"));
  g_assert_nonnull (strstr (all, "Politechnika Łódzka"));
  g_assert_nonnull (strstr (all, "08:15"));
  g_assert_nonnull (strstr (all, "Verein zur Förderung"));
  g_assert_nonnull (strstr (pages[0], "130 registered · 1 checked in"));
}

static void
test_table (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(GStrv) pages = NULL;
  g_autofree char *first = person_name (0);
  g_autofree char *second = person_name (1);

  if (!have_pdftotext ())
    return;

  /* Table 1: every slot, in time order, all requested */
  pages = export_pages (fixture, ECCP_VENUE_PRINT_TABLE, "1", "table.pdf");
  g_assert_cmpuint (g_strv_length (pages), ==, 1);
  assert_every_page (pages);
  g_assert_nonnull (strstr (pages[0], "Table 1: schedule"));
  g_assert_nonnull (strstr (pages[0], first));
  g_assert_nonnull (strstr (pages[0], second));
  g_assert_nonnull (strstr (pages[0], "Requested"));
  g_assert_null (strstr (pages[0], "Accepted"));
  g_assert_cmpuint (count (pages[0], "08:00–08:15"), ==, 1);
  g_assert_cmpuint (count (pages[0], "13:45–14:00"), ==, 1);
  g_assert_true (strstr (pages[0], "08:00–08:15") < strstr (pages[0], "13:45–14:00"));
}

static gboolean
has_table_heading (const char *page,
                   guint       table)
{
  g_autofree char *pattern = g_strdup_printf ("Table %u\\b", table);

  return g_regex_match_simple (pattern, page, 0, 0);
}

static void
test_grid (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(GStrv) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *all = NULL;
  guint n_pages;
  guint with_first_table = 0;
  guint with_last_table = 0;
  guint with_first_slot = 0;
  guint with_last_slot = 0;

  /* Landscape unless the user says otherwise */
  operation = eccp_venue_print_operation_new (fixture->store, EVENT, ECCP_VENUE_PRINT_GRID, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gtk_page_setup_get_orientation (gtk_print_operation_get_default_page_setup (operation)),
                   ==, GTK_PAGE_ORIENTATION_LANDSCAPE);

  if (!have_pdftotext ())
    return;

  /* 12 tables do not fit across A4, nor 24 slots down it: split both
   * ways, the time column and the tables' headings on every page. */
  pages = export_pages (fixture, ECCP_VENUE_PRINT_GRID, NULL, "grid.pdf");
  n_pages = g_strv_length (pages);
  assert_every_page (pages);
  all = g_strjoinv ("\n", pages);
  for (guint p = 0; p < n_pages; p++)
    {
      gboolean first_table = has_table_heading (pages[p], 1);
      gboolean last_table = has_table_heading (pages[p], N_TABLES);

      g_assert_true (first_table != last_table);
      with_first_table += first_table;
      with_last_table += last_table;
      with_first_slot += strstr (pages[p], "08:00") != NULL;
      with_last_slot += strstr (pages[p], "13:45") != NULL;
      g_assert_nonnull (strstr (pages[p], "Time"));
    }
  g_assert_cmpuint (n_pages, >=, 4);
  g_assert_cmpuint (with_first_table, >=, 2);
  g_assert_cmpuint (with_last_table, >=, 2);
  g_assert_cmpuint (with_first_slot, >=, 2);
  g_assert_cmpuint (with_last_slot, >=, 2);
  g_assert_cmpuint (with_first_slot + with_last_slot, ==, n_pages);
  g_assert_nonnull (strstr (all, "Željko Erkapić"));
  g_assert_nonnull (strstr (all, "Accepted"));
}

/* The words of @pdf's pages below the top of the foot ("Page k of n"),
 * other than the foot's own: what a row spilt over it */
static guint
count_words_over_foot (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<page |<word xMin=\"[0-9.]+\" yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\""
                                         " yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, &error);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  g_autofree char *out = pdf_boxes (pdf);
  double foot = G_MAXDOUBLE;
  guint over = 0;

  g_assert_no_error (error);
  /* A page at a time: its words, then its foot's top from "Page" */
  for (g_regex_match (regex, out, 0, &match); ; g_match_info_next (match, NULL))
    {
      g_autofree char *whole = g_match_info_matches (match) ? g_match_info_fetch (match, 0) : NULL;

      if (whole == NULL || g_str_has_prefix (whole, "<page "))
        {
          for (guint i = 0; i < words->len; i++)
            {
              double *box = &g_array_index (words, double, i * 2);

              /* Over the foot's line, not on it */
              if (box[1] > foot + 0.5 && box[0] < foot - 0.5)
                over++;
            }
          g_array_set_size (words, 0);
          foot = G_MAXDOUBLE;
          if (whole == NULL)
            break;
          continue;
        }
      {
        g_autofree char *y0 = g_match_info_fetch (match, 1);
        g_autofree char *y1 = g_match_info_fetch (match, 2);
        g_autofree char *word = g_match_info_fetch (match, 3);
        double box[2] = { g_ascii_strtod (y0, NULL), g_ascii_strtod (y1, NULL) };

        if (g_str_equal (word, "Page"))
          foot = MIN (foot, box[0]);
        g_array_append_vals (words, box, 1);
      }
    }

  return over;
}

/* A cell with more meetings than a page holds (a clash nobody solved):
 * cut to the page with "+N more", nothing over the foot */
static void
test_grid_full_cell (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"data\": [{\"type\": \"event\", \"id\": \"" EVENT "\","
                                          " \"attributes\": {\"title\": \"Rencontres d’affaires Liège 2026\","
                                          " \"kind\": \"matchmaking\", \"timezone\": \"Europe/Brussels\"},"
                                          " \"meta\": {\"rev\": 1}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GRegex) more = g_regex_new ("\\+([0-9]+) more", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *n_more = NULL;

  if (!have_pdftotext ())
    return;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *requester = person_id (i * 2 % N_PEOPLE);
      g_autofree char *invitee = person_id ((i * 2 + 1) % N_PEOPLE);

      g_autofree char *id = g_strdup_printf ("b2000000-0000-4000-8000-%012u", i);

      append_meeting (json, id, 8 * 60, 1, "requested", requester, invitee);
    }
  g_string_append (json, "]}");
  document = json_from_string (json->str, &error);
  g_assert_no_error (error);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);

  pages = export_pages (fixture, ECCP_VENUE_PRINT_GRID, NULL, "full.pdf");
  assert_every_page (pages);
  all = g_strjoinv ("\n", pages);
  /* 61 meetings at table 1 at 08:00: some shown, the rest counted */
  g_assert_true (g_regex_match (more, all, 0, &match));
  n_more = g_match_info_fetch (match, 1);
  g_assert_cmpint (atoi (n_more), >, 30);
  g_assert_cmpint (atoi (n_more), <, 61);

  pdf = g_build_filename (fixture->dir, "full.pdf", NULL);
  g_assert_cmpuint (count_words_over_foot (pdf), ==, 0);
}

/* The ways in: the window's actions, venue mode's menu and Ctrl+P, the
 * meetings view's Print… menu, whose table item needs a table */
static gboolean
has_action (GType       type,
            const char *name,
            const char *parameter_type)
{
  GtkWidgetClass *klass = g_type_class_ref (type);
  const char *found_name;
  const GVariantType *found_type;
  const char *property;
  GType owner;
  gboolean found = FALSE;

  for (guint i = 0; !found && gtk_widget_class_query_action (klass, i, &owner, &found_name, &found_type, &property); i++)
    found = g_str_equal (found_name, name) &&
            g_strcmp0 (found_type != NULL ? g_variant_type_peek_string (found_type) : NULL, parameter_type) == 0;
  g_type_class_unref (klass);

  return found;
}

static gboolean
has_focus (gpointer widget)
{
  return gtk_widget_has_focus (widget);
}

/* The window's print actions stand in for the window's: they record what
 * they were asked for instead of opening the print dialog. */
static void
record_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  GVariant **asked = user_data;

  g_clear_pointer (asked, g_variant_unref);
  *asked = g_variant_ref (parameter);
}

static void
add_recorder (GtkWindow  *window,
              GVariant  **asked)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  const char *names[] = { "print-attendees", "print-meetings" };
  const char *types[] = { "s", "(ss)" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], G_VARIANT_TYPE (types[i]));

      g_signal_connect (action, "activate", G_CALLBACK (record_cb), asked);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (group));
  g_object_unref (group);
}

static void
test_meetings_menu (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GVariant) asked = NULL;
  GtkWidget *view;
  GtkWidget *grid;
  GtkWidget *cell;
  GtkWidget *button;
  const char *event_id;
  const char *table;

  g_assert_true (has_action (ECCP_TYPE_WINDOW, "win.print-attendees", "s"));
  g_assert_true (has_action (ECCP_TYPE_WINDOW, "win.print-meetings", "(ss)"));

  view = g_object_new (ECCP_TYPE_MEETINGS_VIEW, "store", fixture->store, "event-id", EVENT, NULL);
  fixture->window = ui_test_window_new (view, 1100, 720);
  add_recorder (fixture->window, &asked);
  button = ui_test_template_child (view, ECCP_TYPE_MEETINGS_VIEW, "print_button");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "_Print…");
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (button), "Print"));

  /* No table chosen yet: only the whole grid */
  gtk_widget_activate_action (view, "meetings.print-table", NULL);
  g_assert_null (asked);
  g_assert_true (gtk_widget_activate_action (view, "meetings.print-grid", NULL));
  g_assert_nonnull (asked);
  g_variant_get (asked, "(&s&s)", &event_id, &table);
  g_assert_cmpstr (event_id, ==, EVENT);
  g_assert_cmpstr (table, ==, "");

  /* The keyboard on a cell of table 2 chooses it, and it stays chosen
   * while the focus goes to the menu */
  grid = ui_test_template_child (view, ECCP_TYPE_MEETINGS_VIEW, "grid");
  cell = gtk_grid_get_child_at (GTK_GRID (grid), 2, 1);
  g_assert_true (GTK_IS_BUTTON (cell));
  gtk_widget_grab_focus (cell);
  ui_test_wait_until (has_focus, cell, 5000, "the cell to have the focus");
  gtk_widget_grab_focus (button);
  g_assert_true (gtk_widget_activate_action (view, "meetings.print-table", NULL));
  g_variant_get (asked, "(&s&s)", &event_id, &table);
  g_assert_cmpstr (event_id, ==, EVENT);
  g_assert_cmpstr (table, ==, "2");
}

static void
test_venue_ctrl_p (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GVariant) asked = NULL;
  GtkWidget *venue = g_object_new (ECCP_TYPE_VENUE_MODE, "store", fixture->store, "event-id", EVENT, NULL);

  g_assert_true (has_action (ECCP_TYPE_VENUE_MODE, "venue.print-attendees", NULL));
  fixture->window = ui_test_window_new (venue, 1100, 720);
  add_recorder (fixture->window, &asked);
  eccp_venue_mode_focus_search (ECCP_VENUE_MODE (venue));

  /* Ctrl+P as a person presses it, with the focus in the search */
  if (!ui_test_press_keys (venue, GDK_KEY_p, GDK_CONTROL_MASK))
    {
      g_test_skip ("no XTEST to press Ctrl+P");
      return;
    }
  g_assert_nonnull (asked);
  g_assert_cmpstr (g_variant_get_string (asked, NULL), ==, EVENT);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/print/attendees", Fixture, NULL, fixture_set_up, test_attendees, fixture_tear_down);
  g_test_add ("/print/table", Fixture, NULL, fixture_set_up, test_table, fixture_tear_down);
  g_test_add ("/print/grid", Fixture, NULL, fixture_set_up, test_grid, fixture_tear_down);
  g_test_add ("/print/grid-full-cell", Fixture, NULL, fixture_set_up, test_grid_full_cell, fixture_tear_down);
  g_test_add ("/print/meetings-menu", Fixture, NULL, fixture_set_up, test_meetings_menu, fixture_tear_down);
  g_test_add ("/print/venue-ctrl-p", Fixture, NULL, fixture_set_up, test_venue_ctrl_p, fixture_tear_down);

  return g_test_run ();
}
