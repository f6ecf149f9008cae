/* test-meetings.c: an event's meetings grid (eccp-meetings-view.c) and
 * its way in from the record view, in real widgets over a real store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "eccp-test-meetings.h"
#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-account.h"
#include "eccp-date.h"
#include "eccp-meetings-view.h"
#include "eccp-record-view.h"
#include "eccp-store-meetings.h"
#include "eccp-store-sync.h"
#include "eccp-sync-engine.h"
#include "eccp-test-sync.h"

#define EVENT_TEAM "{\"type\": \"user\", \"id\": \"t\", \"attributes\": {\"name\": \"Ed Team\"," \
                   " \"roles\": [\"event_team\"], \"clusters\": [], \"events\": [\"" EVENT "\"]}}"
#define OTHER_TEAM "{\"type\": \"user\", \"id\": \"o\", \"attributes\": {\"name\": \"Olga Team\"," \
                   " \"roles\": [\"event_team\"], \"clusters\": [], \"events\": []}}"

typedef struct
{
  char       *dir;
  EccpStore  *store;
  GtkWindow  *window;
  GtkWidget  *view;
  EccpRecord *requested;  /* Anna and Marek at table 3, 10:00, requested */
  EccpRecord *later;      /* Marek and Inês at table 12, 10:30, accepted */
} Fixture;

/* {{{ Helpers */

static EccpRecord *
book (Fixture    *fixture,
      const char *requester,
      const char *invitee,
      const char *starts,
      const char *ends,
      const char *table,
      const char *status)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *meeting = eccp_test_book_meeting (fixture->store, EVENT, requester, invitee,
                                                starts, ends, table, status, &error);

  g_assert_no_error (error);
  g_assert_nonnull (meeting);
  return meeting;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = json_from_string (eccp_test_meetings_schedule, &error);

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("eccp-test-meetings-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, 0);
  g_assert_true (eccp_store_import_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);

  fixture->requested = book (fixture, ANNA, MAREK, "10:00", "10:30", "3", "requested");
  fixture->later = book (fixture, MAREK, INES, "10:30", "11:00", "12", "accepted");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_window_destroy (g_steal_pointer (&fixture->window));
  fixture->view = NULL;
  g_clear_object (&fixture->requested);
  g_clear_object (&fixture->later);
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
show_view (Fixture     *fixture,
           EccpAccount *account)
{
  fixture->view = g_object_new (ECCP_TYPE_MEETINGS_VIEW,
                                "store", fixture->store,
                                "account", account,
                                "event-id", EVENT,
                                NULL);
  fixture->window = ui_test_window_new (fixture->view, 1100, 720);
}

static GtkGrid *
get_grid (Fixture *fixture)
{
  return GTK_GRID (ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "grid"));
}

static GtkGrid *
get_times (Fixture *fixture)
{
  return GTK_GRID (ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "times_grid"));
}

static const char *
label_text (GtkWidget *widget)
{
  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_text (GTK_LABEL (widget));
}

/* A shown label that says @text, alone or as one of its lines (a cell's
 * label has the two people and the status on lines of their own) */
static gboolean
is_label_with (GtkWidget *widget,
               gpointer   text)
{
  g_auto(GStrv) lines = NULL;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_visible (widget))
    return FALSE;

  lines = g_strsplit (gtk_label_get_text (GTK_LABEL (widget)), "\n", -1);

  return g_strv_contains ((const char * const *) lines, text);
}

static gboolean
says (GtkWidget  *widget,
      const char *text)
{
  return ui_test_find_descendant (widget, is_label_with, (gpointer) text) != NULL;
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_named (GtkWidget *widget,
          gpointer   name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static const char *
error_text (Fixture *fixture)
{
  GtkWidget *label = ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "error_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static EccpRecord *
reread (Fixture    *fixture,
        EccpRecord *meeting)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *record = eccp_store_get (fixture->store, "meeting", eccp_record_get_id (meeting), &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* A click, as the pointer or Enter gives it (without the 250 ms of
 * gtk_widget_activate()'s pressed look). */
static gboolean
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* }}} */

/* Tables across in the order people count them (3 before 12), slots
 * down in the event's zone, said as such; each cell names both people
 * and says the status in words; a slot and table nobody holds is free. */
static void
test_grid (Fixture       *fixture,
           gconstpointer  data)
{
  GtkGrid *grid;
  GtkGrid *header;
  GtkWidget *zone;

  show_view (fixture, NULL);
  grid = get_grid (fixture);
  zone = ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "zone_label");
  /* The zone by its city, and how far the user's clock is when it differs */
  g_assert_true (g_str_has_prefix (label_text (zone), "Times in Warsaw time"));

  /* The tables in a header of their own, that stays in sight */
  header = GTK_GRID (ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "header_grid"));
  g_assert_cmpstr (label_text (gtk_grid_get_child_at (header, 1, 0)), ==, "Table 3");
  g_assert_cmpstr (label_text (gtk_grid_get_child_at (header, 2, 0)), ==, "Table 12");
  g_assert_null (gtk_grid_get_child_at (header, 3, 0));
  g_assert_cmpstr (label_text (gtk_grid_get_child_at (get_times (fixture), 0, 1)), ==, "10:00");
  g_assert_cmpstr (label_text (gtk_grid_get_child_at (get_times (fixture), 0, 2)), ==, "10:30");
  g_assert_null (gtk_grid_get_child_at (get_times (fixture), 0, 3));
  g_assert_null (gtk_grid_get_child_at (grid, 0, 1));

  /* 10:00 at table 12: the schedule's own meeting, accepted */
  g_assert_true (says (gtk_grid_get_child_at (grid, 2, 1), "Željko Erkapić"));
  g_assert_true (says (gtk_grid_get_child_at (grid, 2, 1), "Anna Nowak"));
  g_assert_true (says (gtk_grid_get_child_at (grid, 2, 1), "Accepted"));
  g_assert_true (gtk_widget_has_css_class (gtk_grid_get_child_at (grid, 2, 1), "meeting-accepted"));
  g_assert_true (says (gtk_grid_get_child_at (grid, 1, 1), "Marek Wiśniewski"));
  g_assert_true (says (gtk_grid_get_child_at (grid, 1, 1), "Requested"));
  g_assert_true (says (gtk_grid_get_child_at (grid, 2, 2), "Inês Costa"));
  /* 10:30 at table 3: free, and offered */
  g_assert_true (gtk_widget_has_css_class (gtk_grid_get_child_at (grid, 1, 2), "meeting-free"));
  g_assert_true (gtk_widget_get_sensitive (gtk_grid_get_child_at (grid, 1, 2)));
  g_assert_true (gtk_widget_get_focusable (gtk_grid_get_child_at (grid, 1, 2)));
}

/* {{{ Scrolling */

typedef struct
{
  GtkWidget *widget;
  GtkWidget *pane;
} InPane;

/* Where @widget is drawn, against the part of @pane in sight */
static gboolean
in_pane (GtkWidget *widget,
         GtkWidget *pane)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, pane, &bounds))
    return FALSE;

  return bounds.origin.x >= 0 && bounds.origin.y >= 0
         && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (pane)
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (pane);
}

static gboolean
is_in_pane (gpointer user_data)
{
  InPane *where = user_data;

  return in_pane (where->widget, where->pane);
}

static gboolean
is_out_of_pane (gpointer user_data)
{
  InPane *where = user_data;

  return !in_pane (where->widget, where->pane);
}

static GtkAdjustment *
scrolls (GtkWidget      *scroller,
         GtkOrientation  orientation)
{
  return orientation == GTK_ORIENTATION_HORIZONTAL
    ? gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller))
    : gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

static gboolean
can_scroll (gpointer user_data)
{
  GtkWidget *scroller = user_data;
  GtkAdjustment *across = scrolls (scroller, GTK_ORIENTATION_HORIZONTAL);
  GtkAdjustment *down = scrolls (scroller, GTK_ORIENTATION_VERTICAL);

  return gtk_adjustment_get_upper (across) > gtk_adjustment_get_page_size (across) + 100
         && gtk_adjustment_get_upper (down) > gtk_adjustment_get_page_size (down) + 100;
}

static void
scroll_to_end (GtkAdjustment *adjustment)
{
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                        - gtk_adjustment_get_page_size (adjustment));
}

typedef struct
{
  GtkWidget *time;
  GtkWidget *table;
  GtkWidget *cell;
  GtkWidget *ancestor;
} LinesUp;

/* The time and the table's name line up with the cell, as drawn */
static gboolean
lines_up (gpointer user_data)
{
  LinesUp *level = user_data;
  graphene_rect_t time_bounds;
  graphene_rect_t table_bounds;
  graphene_rect_t cell_bounds;

  if (!gtk_widget_compute_bounds (level->time, level->ancestor, &time_bounds)
      || !gtk_widget_compute_bounds (level->table, level->ancestor, &table_bounds)
      || !gtk_widget_compute_bounds (level->cell, level->ancestor, &cell_bounds))
    return FALSE;

  return G_APPROX_VALUE (time_bounds.origin.y, cell_bounds.origin.y, 0.5)
         && G_APPROX_VALUE (time_bounds.size.height, cell_bounds.size.height, 0.5)
         && G_APPROX_VALUE (table_bounds.origin.x, cell_bounds.origin.x, 0.5)
         && G_APPROX_VALUE (table_bounds.size.width, cell_bounds.size.width, 0.5);
}

static gboolean
frame_done (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until @widget has been through one more frame */
static void
wait_frame (GtkWidget *widget)
{
  gboolean done = FALSE;

  gtk_widget_add_tick_callback (widget, frame_cb, &done, NULL);
  ui_test_wait_until (frame_done, &done, 5000, "a frame");
}

/* Twelve tables and ten slots in a small window: scrolled across to the
 * last table, the times are still in sight; scrolled down to the last
 * slot, the tables' names are.  With @data, with scrollbars that take
 * room (overlay scrolling off, as with GNOME's "always show scrollbars"). */
static void
test_scroll_keeps_headings (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *times_pane;
  GtkWidget *header_pane;
  GtkWidget *grid_pane;
  GtkGrid *header;
  GtkGrid *times;
  GtkWidget *first_table;
  GtkWidget *last_table;
  GtkWidget *first_time;
  GtkWidget *last_time;
  InPane where;
  LinesUp level;

  if (data != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-overlay-scrolling", FALSE, NULL);
  for (int t = 20; t < 30; t++)
    for (int h = 11; h < 19; h++)
      {
        g_autofree char *table = g_strdup_printf ("%d", t);
        g_autofree char *starts = g_strdup_printf ("%02d:00", h);
        g_autofree char *ends = g_strdup_printf ("%02d:30", h);
        g_autoptr(EccpRecord) declined = book (fixture, ANNA, ZELJKO, starts, ends, table, "declined");
      }

  fixture->view = g_object_new (ECCP_TYPE_MEETINGS_VIEW, "store", fixture->store, "event-id", EVENT, NULL);
  fixture->window = ui_test_window_new (fixture->view, 800, 480);
  times_pane = ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "times_scroller");
  header_pane = ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "header_scroller");
  grid_pane = ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "grid_scroller");
  header = GTK_GRID (ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "header_grid"));
  times = get_times (fixture);
  ui_test_wait_until (can_scroll, grid_pane, 5000, "the grid to be larger than the window");

  first_table = gtk_grid_get_child_at (header, 1, 0);
  last_table = gtk_grid_get_child_at (header, 12, 0);
  first_time = gtk_grid_get_child_at (times, 0, 1);
  last_time = gtk_grid_get_child_at (times, 0, 10);
  g_assert_cmpstr (label_text (first_table), ==, "Table 3");
  g_assert_cmpstr (label_text (last_table), ==, "Table 29");
  g_assert_cmpstr (label_text (first_time), ==, "10:00");
  g_assert_cmpstr (label_text (last_time), ==, "18:00");
  g_assert_true (in_pane (first_table, header_pane));
  g_assert_false (in_pane (last_table, header_pane));
  g_assert_true (in_pane (first_time, times_pane));

  /* Across to the end: the header follows the cells, the times stay */
  scroll_to_end (scrolls (grid_pane, GTK_ORIENTATION_HORIZONTAL));
  where = (InPane) { last_table, header_pane };
  ui_test_wait_until (is_in_pane, &where, 5000, "the last table's name to scroll into sight");
  g_assert_false (in_pane (first_table, header_pane));
  g_assert_true (in_pane (first_time, times_pane));
  g_assert_true (in_pane (first_time, GTK_WIDGET (fixture->window)));
  g_assert_true (in_pane (gtk_grid_get_child_at (times, 0, 2), times_pane));

  /* Down to the end: the times follow the cells, the tables' names stay */
  scroll_to_end (scrolls (grid_pane, GTK_ORIENTATION_VERTICAL));
  where = (InPane) { first_time, times_pane };
  ui_test_wait_until (is_out_of_pane, &where, 5000, "the first slot to scroll out of sight");
  g_assert_true (in_pane (last_time, times_pane));
  g_assert_true (in_pane (last_table, header_pane));
  g_assert_true (in_pane (last_table, GTK_WIDGET (fixture->window)));
  /* The time is level with its row of cells, the last table's name over
   * its column, and stay so (panes that disagree on the page size pull
   * the shared adjustment to and fro, frame after frame) */
  level = (LinesUp) { last_time, last_table, gtk_grid_get_child_at (get_grid (fixture), 12, 10),
                    GTK_WIDGET (fixture->window) };
  ui_test_wait_until (lines_up, &level, 5000, "the last time and table to line up with their cells");
  for (int frame = 0; frame < 5; frame++)
    {
      wait_frame (GTK_WIDGET (fixture->window));
      g_assert_true (lines_up (&level));
    }
  /* And the cells are at their end, the last row wholly in sight */
  {
    GtkAdjustment *down = scrolls (grid_pane, GTK_ORIENTATION_VERTICAL);
    GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (grid_pane));

    g_assert_cmpfloat (gtk_adjustment_get_page_size (down), ==, gtk_widget_get_height (viewport));
    g_assert_true (in_pane (level.cell, viewport));
    g_assert_true (in_pane (last_time, times_pane));
  }

  if (data != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-overlay-scrolling", TRUE, NULL);
}

typedef struct
{
  GtkGrid *grid;
  GtkGrid *times;
  int      column;
  int      row;
} CellAt;

static gboolean
has_cell (gpointer user_data)
{
  CellAt *at = user_data;

  return gtk_grid_get_child_at (at->grid, at->column, at->row) != NULL;
}

/* The time of @at's row is as tall as its cell, and level with it */
static gboolean
is_level (gpointer user_data)
{
  CellAt *at = user_data;
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (at->grid)));
  GtkWidget *time = gtk_grid_get_child_at (at->times, 0, at->row);
  graphene_rect_t time_bounds;
  graphene_rect_t cell_bounds;

  return gtk_widget_compute_bounds (time, window, &time_bounds)
         && gtk_widget_compute_bounds (gtk_grid_get_child_at (at->grid, at->column, at->row), window, &cell_bounds)
         && cell_bounds.size.height > 0
         && G_APPROX_VALUE (time_bounds.size.height, cell_bounds.size.height, 0.5);
}

/* A large grid: the cells in sight come first and the others a frame at
 * a time after (eccp-meetings-view.c); then every slot and table has its
 * cell, and each time is level with its row. */
static void
test_large_grid (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkGrid *grid;
  CellAt last;

  for (int t = 20; t < 44; t++)
    for (int h = 0; h < 20; h++)
      {
        g_autofree char *table = g_strdup_printf ("%d", t);
        g_autofree char *starts = g_strdup_printf ("%02d:%02d", 8 + h / 2, h % 2 * 30);
        g_autofree char *ends = g_strdup_printf ("%02d:%02d", 8 + h / 2, h % 2 * 30 + 29);
        g_autoptr(EccpRecord) declined = book (fixture, ANNA, ZELJKO, starts, ends, table, "declined");
      }

  show_view (fixture, NULL);
  grid = get_grid (fixture);
  /* 26 tables (3, 12, 20…43) and 20 slots (8:00…17:30) */
  last = (CellAt) { grid, get_times (fixture), 26, 20 };
  g_assert_nonnull (gtk_grid_get_child_at (grid, 1, 1));
  ui_test_wait_until (has_cell, &last, 10000, "the last cell to be built");
  for (int s = 1; s <= 20; s++)
    for (int t = 1; t <= 26; t++)
      g_assert_nonnull (gtk_grid_get_child_at (grid, t, s));
  g_assert_null (gtk_grid_get_child_at (grid, 27, 1));
  g_assert_null (gtk_grid_get_child_at (grid, 1, 21));
  g_assert_true (says (gtk_grid_get_child_at (grid, 26, 20), "Declined"));

  for (int s = 1; s <= 20; s += 19)
    {
      CellAt row = { grid, get_times (fixture), 26, s };

      ui_test_wait_until (is_level, &row, 5000, "a time to be level with its row");
    }
}

/* }}} */

/* Accepting Anna's request at 10:00 would put her in two meetings at
 * once: the grid says who is busy in the store's words and nothing is
 * queued. */
static void
test_double_booking (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EccpRecord) after = NULL;
  GtkWidget *cell;
  GtkWidget *accept;
  guint changes;

  show_view (fixture, NULL);
  changes = eccp_test_count_changes (fixture->store);
  cell = gtk_grid_get_child_at (get_grid (fixture), 1, 1);
  g_assert_true (click (cell));
  accept = ui_test_find_descendant (cell, is_button_labelled, (gpointer) "_Accept");
  g_assert_nonnull (accept);
  g_assert_true (click (accept));

  g_assert_nonnull (error_text (fixture));
  g_assert_nonnull (strstr (error_text (fixture), "Anna Nowak"));
  g_assert_nonnull (strstr (error_text (fixture), "10:00"));
  g_assert_cmpuint (eccp_test_count_changes (fixture->store), ==, changes);
  after = reread (fixture, fixture->requested);
  g_assert_cmpstr (eccp_record_get_string (after, "status"), ==, "requested");

  /* Declining is no double booking: done, and the message goes. */
  cell = gtk_grid_get_child_at (get_grid (fixture), 1, 1);
  g_assert_true (click (cell));
  g_assert_true (click (ui_test_find_descendant (cell, is_button_labelled, (gpointer) "_Decline")));
  g_assert_null (error_text (fixture));
  g_clear_object (&after);
  after = reread (fixture, fixture->requested);
  g_assert_cmpstr (eccp_record_get_string (after, "status"), ==, "declined");
  g_assert_true (says (gtk_grid_get_child_at (get_grid (fixture), 1, 1), "Declined"));
}

/* Move: the dialog offers the slots and tables, the first free chosen;
 * the meeting goes there in the store, keeping its length. */
static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(EccpRecord) moved = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  AdwMessageDialog *dialog;

  show_view (fixture, NULL);
  gtk_widget_activate_action (fixture->view, "meeting.move", "s", BOOKED);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* 10:30 at table 3 is the only free cell */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (ui_test_find_descendant (GTK_WIDGET (dialog), is_named, (gpointer) "slot"))), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (ui_test_find_descendant (GTK_WIDGET (dialog), is_named, (gpointer) "table"))), ==, 0);
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_null (error_text (fixture));
  moved = eccp_store_get (fixture->store, "meeting", BOOKED, NULL);
  g_assert_nonnull (moved);
  g_assert_cmpstr (eccp_record_get_string (moved, "table"), ==, "3");
  starts = eccp_date_time_parse_rfc3339 (eccp_record_get_string (moved, "starts_at"));
  ends = eccp_date_time_parse_rfc3339 (eccp_record_get_string (moved, "ends_at"));
  g_assert_cmpint (g_date_time_to_unix (starts), ==, 1780561800); /* 2026-06-04 08:30 UTC */
  g_assert_cmpint (g_date_time_difference (ends, starts), ==, 30 * G_TIME_SPAN_MINUTE);
  g_assert_true (says (gtk_grid_get_child_at (get_grid (fixture), 1, 2), "Željko Erkapić"));

  /* Moving Marek's 10:30 meeting onto Željko's new cell double-books it. */
  g_assert_true (gtk_widget_activate_action (fixture->view, "meeting.move", "s", eccp_record_get_id (fixture->later)));
  dialog = find_dialog ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_find_descendant (GTK_WIDGET (dialog), is_named, (gpointer) "slot")), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_find_descendant (GTK_WIDGET (dialog), is_named, (gpointer) "table")), 0);
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (error_text (fixture));
  g_assert_cmpstr (error_text (fixture), ==, "Table 3 is taken from 10:30 to 11:00 by Željko Erkapić and Anna Nowak");
}

/* A request in a free cell: the two people picked, "requested". */
static void
test_request (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) after = NULL;
  AdwMessageDialog *dialog;

  show_view (fixture, NULL);
  g_assert_true (click (gtk_grid_get_child_at (get_grid (fixture), 1, 2)));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "request");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_null (error_text (fixture));
  g_assert_true (says (gtk_grid_get_child_at (get_grid (fixture), 1, 2), "Requested"));
  after = eccp_store_list_meetings (fixture->store, EVENT, NULL, NULL);
  g_assert_cmpuint (after->len, ==, 4);
}

/* A person's schedule: their meetings in time order, with whom. */
static void
test_schedule (Fixture       *fixture,
               gconstpointer  data)
{
  GtkDropDown *picker;
  GtkWidget *list;
  GListModel *names;
  guint marek = GTK_INVALID_LIST_POSITION;
  GtkWidget *row;

  show_view (fixture, NULL);
  picker = GTK_DROP_DOWN (ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "person_dropdown"));
  names = gtk_drop_down_get_model (picker);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 5); /* everyone, and four people */
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Marek Wiśniewski") == 0)
      marek = i;
  g_assert_cmpuint (marek, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (picker, marek);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "stack"))), ==, "schedule");
  list = ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "schedule_list");
  row = gtk_widget_get_first_child (list);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "10:00–10:30 with Anna Nowak");
  row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "10:30–11:00 with Inês Costa");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Table 12 · Accepted");
  g_assert_null (gtk_widget_get_next_sibling (row));

  gtk_drop_down_set_selected (picker, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_test_template_child (fixture->view, ECCP_TYPE_MEETINGS_VIEW, "stack"))), ==, "grid");
}

/* The Meetings button of an event, and the actions of the grid, are
 * offered to who may change the event's meetings: the demo (no
 * account) and its event team, not another team. */
static void
test_rights (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EccpAccount) team = ui_test_account_new (EVENT_TEAM);
  g_autoptr(EccpAccount) other = ui_test_account_new (OTHER_TEAM);
  GtkWidget *view = eccp_record_view_new ();
  GtkWidget *button;
  GtkWidget *cell;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(EccpRecord) after = NULL;

  eccp_record_view_set_store (ECCP_RECORD_VIEW (view), fixture->store);
  eccp_record_view_show (ECCP_RECORD_VIEW (view), "event", EVENT);
  fixture->window = ui_test_window_new (view, 900, 700);
  button = ui_test_template_child (view, ECCP_TYPE_RECORD_VIEW, "meetings_button");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.show-meetings");
  target = g_variant_ref (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, EVENT);

  g_object_set (view, "account", team, NULL);
  g_assert_true (gtk_widget_get_visible (button));
  g_object_set (view, "account", other, NULL);
  g_assert_false (gtk_widget_get_visible (button));
  ui_test_window_destroy (g_steal_pointer (&fixture->window));

  /* Another team sees the grid, but can neither book nor accept. */
  show_view (fixture, other);
  g_assert_false (gtk_widget_get_sensitive (gtk_grid_get_child_at (get_grid (fixture), 1, 2)));
  cell = gtk_grid_get_child_at (get_grid (fixture), 1, 1);
  g_assert_true (click (cell));
  g_assert_null (ui_test_find_descendant (cell, is_button_labelled, (gpointer) "_Decline"));
  gtk_widget_activate_action (fixture->view, "meeting.set-status", "(ss)",
                              eccp_record_get_id (fixture->requested), "declined");
  after = reread (fixture, fixture->requested);
  g_assert_cmpstr (eccp_record_get_string (after, "status"), ==, "requested");
}

/* {{{ Slot taken on the portal */

/* data/portal-users.json ($ECCP_PORTAL_USERS): staff, and the event team
 * with its event. */
#define STAFF_TOKEN "staff-demo-token"
#define TEAM_TOKEN  "event-demo-token"
#define TEAM_EVENT  "23910e94-ead5-5e9b-8529-821730d4d6ca"

static gboolean
has_class (GtkWidget *widget,
           gpointer   name)
{
  return gtk_widget_has_css_class (widget, name);
}

/* Table 7 at 10:00 booked on two desks offline: on the second, the
 * portal's 409 slot_taken marks the cell in words, the popover shows what
 * it clashes with, and Move takes it to a free cell, out of the way. */
static void
test_slot_taken (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *users_path = g_getenv ("ECCP_PORTAL_USERS");
  g_autofree char *users = NULL;
  EccpTestSync sync = { 0 };
  g_autoptr(EccpSyncEngine) engine_one = NULL;
  g_autoptr(EccpSyncEngine) engine_two = NULL;
  g_autoptr(EccpStore) one = NULL;
  g_autoptr(EccpStore) two = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpRecord) first = NULL;
  g_autoptr(EccpRecord) second = NULL;
  g_autoptr(EccpRecord) other = NULL;
  g_autoptr(EccpRecord) moved = NULL;
  g_autoptr(GError) error = NULL;
  const char *people[][2] = { { ZELJKO, "Željko Erkapić" }, { ANNA, "Anna Nowak" },
                              { MAREK, "Marek Wiśniewski" }, { INES, "Inês Costa" } };
  GtkWidget *taken;
  AdwMessageDialog *dialog;

  if (!eccp_test_sync_have_portal ())
    return;

  g_assert_true (g_file_get_contents (users_path, &users, NULL, &error));
  eccp_test_sync_set_up (&sync, users, TRUE);
  /* The team's event (portal-users.json), published by staff */
  {
    g_autoptr(EccpPortalResponse) response =
      eccp_test_sync_call (&sync, STAFF_TOKEN, "POST", "/event",
                           "{\"data\": {\"type\": \"event\", \"id\": \"" TEAM_EVENT "\","
                           " \"attributes\": {\"title\": \"Team day\", \"kind\": \"matchmaking\","
                           " \"starts_at\": \"2026-06-04T09:00:00+02:00\", \"ends_at\": \"2026-06-04T17:00:00+02:00\","
                           " \"timezone\": \"Europe/Brussels\", \"city\": \"Brussels\", \"country\": \"BE\"},"
                           " \"meta\": {\"moderation_state\": \"published\"}}}", 0);
    g_assert_cmpuint (response->status, ==, 201);
  }
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"data\": {\"type\": \"attendee\", \"id\": \"%s\","
                                               " \"attributes\": {\"name\": \"%s\", \"role\": \"participant\"},"
                                               " \"relationships\": {" REL ("event", "event", TEAM_EVENT) "}}}",
                                               people[i][0], people[i][1]);
      g_autoptr(EccpPortalResponse) response = eccp_test_sync_call (&sync, TEAM_TOKEN, "POST", "/attendee", body, 0);

      g_assert_cmpuint (response->status, ==, 201);
    }

  one = eccp_test_sync_new_client (&sync, TEAM_TOKEN, &engine_one, NULL);
  two = eccp_test_sync_new_client (&sync, TEAM_TOKEN, &engine_two, NULL);
  first = eccp_test_book_meeting (one, TEAM_EVENT, ANNA, ZELJKO, "10:00", "10:30", "7", "accepted", &error);
  g_assert_no_error (error);
  second = eccp_test_book_meeting (two, TEAM_EVENT, MAREK, INES, "10:00", "10:30", "7", "accepted", &error);
  g_assert_no_error (error);
  other = eccp_test_book_meeting (two, TEAM_EVENT, ZELJKO, INES, "11:00", "11:30", "8", "requested", &error);
  g_assert_no_error (error);
  report = eccp_test_sync_run_in_step (engine_one);
  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run (engine_two, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);

  fixture->view = g_object_new (ECCP_TYPE_MEETINGS_VIEW, "store", two, "event-id", TEAM_EVENT, NULL);
  fixture->window = ui_test_window_new (fixture->view, 1100, 720);
  /* Both bookings of table 7 at 10:00, the refused one marked */
  taken = ui_test_find_descendant (gtk_grid_get_child_at (get_grid (fixture), 1, 1), has_class,
                                   (gpointer) "meeting-slot-taken");
  g_assert_nonnull (taken);
  g_assert_true (says (taken, "Slot taken on the portal"));
  g_assert_true (says (taken, "Marek Wiśniewski"));
  g_assert_true (says (gtk_grid_get_child_at (get_grid (fixture), 1, 1), "Anna Nowak"));

  click (taken);
  g_assert_true (says (taken, "Table 7 is taken from 10:00 to 10:30 by Anna Nowak and Željko Erkapić"));
  click (ui_test_find_descendant (taken, is_button_labelled, (gpointer) "_Move…"));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "move");  /* the first free: table 8 at 10:00 */
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_null (error_text (fixture));
  moved = eccp_store_get (two, "meeting", eccp_record_get_id (second), NULL);
  g_assert_cmpstr (eccp_record_get_string (moved, "table"), ==, "8");
  g_assert_cmpint (eccp_store_count_changes_needing_user (two, NULL), ==, 0);
  g_assert_null (ui_test_find_descendant (GTK_WIDGET (get_grid (fixture)), has_class,
                                          (gpointer) "meeting-slot-taken"));

  ui_test_window_destroy (g_steal_pointer (&fixture->window));
  g_clear_object (&engine_one);
  g_clear_object (&engine_two);
  g_clear_object (&one);
  g_clear_object (&two);
  eccp_test_sync_tear_down (&sync, NULL);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

#define ADD(path, func) \
  g_test_add ("/meetings/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  /* First: changing gtk-overlay-scrolling after earlier tests' windows
   * are gone makes GTK 4.8 cast a freed pointer in a handler of its own */
  g_test_add ("/meetings/scroll-keeps-headings-scrollbars", Fixture, "scrollbars",
              fixture_set_up, test_scroll_keeps_headings, fixture_tear_down);
  ADD ("grid", test_grid);
  ADD ("scroll-keeps-headings", test_scroll_keeps_headings);
  ADD ("large-grid", test_large_grid);
  ADD ("double-booking", test_double_booking);
  ADD ("move", test_move);
  ADD ("request", test_request);
  ADD ("schedule", test_schedule);
  ADD ("rights", test_rights);
  ADD ("slot-taken", test_slot_taken);
#undef ADD

  return g_test_run ();
}
