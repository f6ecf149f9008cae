/* eccp-venue-print.c: printing an event's attendee list, one table's
 * meetings or the whole meetings grid
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind is read into one shape, a table: headings, rows of cells (a
 * cell may hold several lines, one ellipsized line each) and column
 * widths.  The attendee list and a table's schedule stretch their columns
 * over the page; the grid's columns keep their width and, when they do
 * not fit, go on to more pages, the time column and the headings again on
 * each.  Pages are counted from the real fonts and the real paper in
 * "begin-print", never guessed.  Measuring and drawing use one Pango
 * context at 72 dpi without hinted metrics, so a line measures the same
 * on the page as it did when the pages were counted.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-venue-print.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "eccp-country.h"
#include "eccp-date.h"
#include "eccp-format.h"
#include "eccp-meetings-view-private.h"
#include "eccp-store-meetings.h"
#include "eccp-widget-util.h"

#define BODY_FONT    "Sans 9"
#define HEADING_FONT "Sans Bold 9"
#define TITLE_FONT   "Sans Bold 14"
#define SMALL_FONT   "Sans 8"
#define PAD          3.0   /* points inside a cell */
#define GRID_CLOCK   48.0  /* the grid's time column, points */
#define GRID_TABLE   112.0 /* each table's column */

struct _EccpVenuePrint
{
  EccpVenuePrintKind kind;
  char         *title;      /* the event's */
  char         *what;       /* "Attendee list, 130 people, 12 checked in" */
  char         *zone_line;  /* "Times in Europe/Brussels" */
  char         *printed;    /* "Printed 06/12/2026 09:15" */
  char         *job_name;
  GPtrArray    *headings;   /* char *, one a column */
  GArray       *widths;     /* double: points, or shares of the page */
  gboolean      fixed;      /* widths are points: split across pages */
  GPtrArray    *rows;       /* GStrv, one a column; "\n" between lines */

  /* The last pagination */
  PangoContext *pango;
  double        width;
  double        height;
  double        line;       /* a body line's height */
  guint         max_lines;  /* the most lines a row has: what the body holds */
  double        head_height;
  double        foot_height;
  GArray       *row_heights; /* double */
  GArray       *row_bands;   /* guint: the first row of each, then the end */
  GArray       *col_bands;   /* guint: the first column after the time's, then the end */
  GArray       *points;      /* double: the widths in points */
  guint         n_pages;
};

/* Reading */

static void
add_column (EccpVenuePrint *self,
            const char     *heading,
            double          width)
{
  g_ptr_array_add (self->headings, g_strdup (heading));
  g_array_append_val (self->widths, width);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((char **) *(GStrv *) a)[4], ((char **) *(GStrv *) b)[4]);
}

static gboolean
read_attendees (EccpVenuePrint  *self,
                EccpStore       *store,
                const char      *event_id,
                const char      *zone_name,
                GError         **error)
{
  g_autoptr(GPtrArray) states = eccp_store_list_attendee_states (store, event_id, NULL,
                                                                 ECCP_CHECKIN_FILTER_ALL, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *counts = NULL;
  guint in = 0;

  if (states == NULL)
    return FALSE;

  add_column (self, _("Name"), 3.0);
  add_column (self, _("Organisation"), 3.0);
  add_column (self, _("Country"), 1.6);
  add_column (self, _("Checked in"), 1.4);

  for (guint i = 0; i < states->len; i++)
    {
      EccpAttendeeState *state = g_ptr_array_index (states, i);
      const char *country = state->country != NULL ? eccp_country_name (state->country) : NULL;
      /* The fifth string, past the columns, is the key the rows sort by:
       * the store sorts without regard to the language's order. */
      char **row = g_new0 (char *, 6);

      row[0] = g_strdup (state->name != NULL ? state->name : "");
      row[1] = g_strdup (state->organisation != NULL ? state->organisation : "");
      row[2] = g_strdup (country != NULL ? country : (state->country != NULL ? state->country : ""));
      row[3] = state->checked_in && state->last_at != NULL
               ? eccp_date_time_format_in_zone (state->last_at, zone_name, now)
               : g_strdup ("");
      row[4] = g_utf8_collate_key (row[0], -1);
      g_ptr_array_add (self->rows, row);
      in += state->checked_in ? 1 : 0;
    }
  g_ptr_array_sort (self->rows, compare_names);
  for (guint i = 0; i < self->rows->len; i++)
    g_clear_pointer (&((char **) g_ptr_array_index (self->rows, i))[4], g_free);

  counts = eccp_format_attendee_counts (states->len, in);
  /* Translators: what an attendee list printed holds, "Attendee list: 130
   * registered · 12 checked in" */
  self->what = g_strdup_printf (_("Attendee list: %s"), counts);
  return TRUE;
}

/* "Anna Nowak\nMarek Wiśniewski\nAccepted" for each meeting of a cell */
static char *
cell_text (EccpStore *store,
           GPtrArray *here)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint m = 0; here != NULL && m < here->len; m++)
    {
      EccpRecord *meeting = g_ptr_array_index (here, m);
      g_autofree char *requester = _eccp_meetings_person_name (store, meeting, "requester");
      g_autofree char *invitee = _eccp_meetings_person_name (store, meeting, "invitee");

      g_string_append_printf (text, "%s%s\n%s\n%s", m > 0 ? "\n" : "", requester, invitee,
                              _eccp_meetings_view_status_label (meeting));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
read_table (EccpVenuePrint   *self,
            EccpStore        *store,
            EccpMeetingsGrid *grid,
            const char       *table)
{
  g_autofree char *name = eccp_meeting_table_name (table, TRUE);
  guint t = 0;

  add_column (self, _("Time"), 1.2);
  add_column (self, _("Requested by"), 3.0);
  add_column (self, _("Invited"), 3.0);
  add_column (self, _("Status"), 1.4);

  while (t < grid->tables->len && g_strcmp0 (g_ptr_array_index (grid->tables, t), table) != 0)
    t++;
  for (guint s = 0; t < grid->tables->len && s < grid->slots->len; s++)
    {
      GPtrArray *here = _eccp_meetings_grid_at (grid, s, t);

      for (guint m = 0; here != NULL && m < here->len; m++)
        {
          EccpRecord *meeting = g_ptr_array_index (here, m);
          char **row = g_new0 (char *, 5);

          row[0] = _eccp_meetings_grid_span (grid, meeting);
          row[1] = _eccp_meetings_person_name (store, meeting, "requester");
          row[2] = _eccp_meetings_person_name (store, meeting, "invitee");
          row[3] = g_strdup (_eccp_meetings_view_status_label (meeting));
          g_ptr_array_add (self->rows, row);
        }
    }

  /* Translators: what is printed, "Table 12: schedule" */
  self->what = g_strdup_printf (_("%s: schedule"), name);
}

static void
read_grid (EccpVenuePrint   *self,
           EccpStore        *store,
           EccpMeetingsGrid *grid)
{
  self->fixed = TRUE;
  add_column (self, _("Time"), GRID_CLOCK);
  for (guint t = 0; t < grid->tables->len; t++)
    {
      g_autofree char *name = eccp_meeting_table_name (g_ptr_array_index (grid->tables, t), TRUE);

      add_column (self, name, GRID_TABLE);
    }

  for (guint s = 0; s < grid->slots->len; s++)
    {
      char **row = g_new0 (char *, grid->tables->len + 2);

      row[0] = _eccp_meetings_grid_clock (grid, g_array_index (grid->slots, gint64, s));
      for (guint t = 0; t < grid->tables->len; t++)
        row[t + 1] = cell_text (store, _eccp_meetings_grid_at (grid, s, t));
      g_ptr_array_add (self->rows, row);
    }

  self->what = g_strdup (_("Meetings grid"));
}

EccpVenuePrint *
eccp_venue_print_new (EccpStore           *store,
                      const char          *event_id,
                      EccpVenuePrintKind   kind,
                      const char          *table,
                      GError             **error)
{
  g_autoptr(EccpVenuePrint) self = g_new0 (EccpVenuePrint, 1);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = eccp_date_time_format_short (now);
  const char *zone_name;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);
  g_return_val_if_fail (kind != ECCP_VENUE_PRINT_TABLE || table != NULL, NULL);

  self->kind = kind;
  self->headings = g_ptr_array_new_with_free_func (g_free);
  self->widths = g_array_new (FALSE, FALSE, sizeof (double));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->title = eccp_store_get_title (store, "event", event_id);

  /* The event's times are the venue's: the page says so. */
  zone = eccp_store_get_event_zone (store, event_id);
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  zone_name = g_time_zone_get_identifier (zone);
  /* "Times in Brussels time", and how far the reader's clock is */
  self->zone_line = eccp_date_zone_describe_times (zone, NULL, now);
  /* Translators: when a page was printed, "Printed 06/12/2026 09:15" */
  self->printed = g_strdup_printf (_("Printed %s"), when);

  if (kind == ECCP_VENUE_PRINT_ATTENDEES)
    {
      if (!read_attendees (self, store, event_id, zone_name, error))
        return NULL;
    }
  else
    {
      EccpMeetingsGrid *grid = _eccp_meetings_grid_new (store, event_id, error);

      if (grid == NULL)
        return NULL;
      if (kind == ECCP_VENUE_PRINT_TABLE)
        read_table (self, store, grid, table);
      else
        read_grid (self, store, grid);
      _eccp_meetings_grid_free (grid);
    }

  /* Translators: a print job's name, "European Cluster Matchmaking
   * Event 2018 – Meetings grid" */
  self->job_name = g_strdup_printf (_("%s – %s"), self->title, self->what);
  return g_steal_pointer (&self);
}

void
eccp_venue_print_free (EccpVenuePrint *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->what);
  g_free (self->zone_line);
  g_free (self->printed);
  g_free (self->job_name);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  g_clear_pointer (&self->widths, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->row_heights, g_array_unref);
  g_clear_pointer (&self->row_bands, g_array_unref);
  g_clear_pointer (&self->col_bands, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_free (self);
}

/* Laying out */

static PangoLayout *
new_layout (EccpVenuePrint *self,
            const char     *font,
            const char     *text,
            double          width)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (width > 0)
    {
      /* One line, cut with "…", never over the next column */
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

static double
line_height (EccpVenuePrint *self,
             const char     *font)
{
  g_autoptr(PangoLayout) layout = new_layout (self, font, "Ag", -1);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static guint
count_lines (const char *text)
{
  guint n = 1;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static double
column_points (EccpVenuePrint *self,
               guint           c)
{
  return g_array_index (self->points, double, c);
}

guint
eccp_venue_print_paginate (EccpVenuePrint *self,
                           cairo_t        *cr,
                           double          width,
                           double          height)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  guint n_columns = self->headings->len;
  double share = 0;
  double body;
  guint n_row_bands;

  g_return_val_if_fail (self != NULL, 0);

  g_clear_object (&self->pango);
  self->pango = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (self->pango, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);

  self->width = width;
  self->height = height;
  self->line = line_height (self, BODY_FONT);
  /* Title, what and zone, a gap; the column headings */
  self->head_height = line_height (self, TITLE_FONT) + line_height (self, BODY_FONT) + 8
                      + line_height (self, HEADING_FONT) + 2 * PAD;
  self->foot_height = line_height (self, SMALL_FONT) + 6;

  g_clear_pointer (&self->points, g_array_unref);
  self->points = g_array_sized_new (FALSE, FALSE, sizeof (double), n_columns);
  for (guint c = 0; c < n_columns; c++)
    share += g_array_index (self->widths, double, c);
  for (guint c = 0; c < n_columns; c++)
    {
      double w = g_array_index (self->widths, double, c);

      if (!self->fixed)
        w = width * w / share;
      g_array_append_val (self->points, w);
    }

  /* Across: the tables that fit beside the time column, at least one */
  g_clear_pointer (&self->col_bands, g_array_unref);
  self->col_bands = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!self->fixed || n_columns < 2)
    {
      guint first = 1;

      g_array_append_val (self->col_bands, first);
    }
  else
    {
      double used = width;

      for (guint c = 1; c < n_columns; c++)
        {
          if (used + column_points (self, c) > width)
            {
              g_array_append_val (self->col_bands, c);
              used = column_points (self, 0);
            }
          used += column_points (self, c);
        }
    }
  g_array_append_val (self->col_bands, n_columns);

  /* Down: the rows that fit under the headings, at least one */
  g_clear_pointer (&self->row_heights, g_array_unref);
  g_clear_pointer (&self->row_bands, g_array_unref);
  self->row_heights = g_array_new (FALSE, FALSE, sizeof (double));
  self->row_bands = g_array_new (FALSE, FALSE, sizeof (guint));
  body = height - self->head_height - self->foot_height;
  /* A row taller than the body would run over the foot: its cells are cut
   * to this many lines (show_cell says how many more) */
  self->max_lines = MAX (1, (guint) floor ((body - 2 * PAD) / self->line));
  {
    double used = body;
    guint r;

    for (r = 0; r < self->rows->len; r++)
      {
        char **row = g_ptr_array_index (self->rows, r);
        guint lines = 1;
        double h;

        for (guint c = 0; c < n_columns; c++)
          lines = MAX (lines, count_lines (row[c]));
        h = MIN (lines, self->max_lines) * self->line + 2 * PAD;
        g_array_append_val (self->row_heights, h);
        if (used + h > body)
          {
            g_array_append_val (self->row_bands, r);
            used = 0;
          }
        used += h;
      }
    if (self->rows->len == 0)
      g_array_append_val (self->row_bands, r);
    g_array_append_val (self->row_bands, r);
  }

  n_row_bands = self->row_bands->len - 1;
  self->n_pages = n_row_bands * (self->col_bands->len - 1);

  return self->n_pages;
}

/* Drawing */

static void
show_text (EccpVenuePrint *self,
           cairo_t        *cr,
           const char     *font,
           const char     *text,
           double          x,
           double          y,
           double          width,
           gboolean        right)
{
  g_autoptr(PangoLayout) layout = new_layout (self, font, text, width);

  if (right)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A cell's lines, each cut to the column; as many as a page holds, then
 * "+3 more" for the rest: the grid's meetings (three lines each) whole */
static void
show_cell (EccpVenuePrint *self,
           cairo_t        *cr,
           const char     *text,
           double          x,
           double          y,
           double          width,
           gboolean        status_last)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint n_lines = g_strv_length (lines);
  guint n_shown = n_lines;

  if (n_lines > self->max_lines)
    {
      g_autofree char *more = NULL;
      guint n_more;

      if (status_last)
        {
          n_shown = (self->max_lines - 1) / 3 * 3;
          n_more = (n_lines - n_shown + 2) / 3;
        }
      else
        {
          n_shown = self->max_lines - 1;
          n_more = n_lines - n_shown;
        }
      /* Translators: at the end of a printed cell too full for the page,
       * the meetings (or lines) left out, "+12 more" */
      more = g_strdup_printf (ngettext ("+%u more", "+%u more", n_more), n_more);
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_text (self, cr, HEADING_FONT, more, x + PAD, y + PAD + n_shown * self->line, width - 2 * PAD, FALSE);
    }

  for (guint i = 0; i < n_shown; i++)
    {
      /* In the grid, each meeting's third line is its status: set apart */
      gboolean dim = status_last && i % 3 == 2;

      cairo_set_source_rgb (cr, dim ? 0.35 : 0, dim ? 0.35 : 0, dim ? 0.35 : 0);
      show_text (self, cr, dim ? SMALL_FONT : BODY_FONT, lines[i],
                 x + PAD, y + PAD + i * self->line, width - 2 * PAD, FALSE);
    }
}

void
eccp_venue_print_draw_page (EccpVenuePrint *self,
                            cairo_t        *cr,
                            guint           page)
{
  guint n_row_bands;
  guint row_band;
  guint col_band;
  guint first_col;
  guint end_col;
  g_autofree char *what = NULL;
  g_autofree char *page_text = NULL;
  double y;
  double x;
  double title_h;
  double stretch = 0;

  g_return_if_fail (self != NULL && self->pango != NULL);
  g_return_if_fail (page < self->n_pages);

  pango_cairo_update_context (cr, self->pango);
  n_row_bands = self->row_bands->len - 1;
  row_band = page % n_row_bands;
  col_band = page / n_row_bands;
  first_col = g_array_index (self->col_bands, guint, col_band);
  end_col = g_array_index (self->col_bands, guint, col_band + 1);

  /* Which part of a grid too big for one page this is */
  if (self->fixed && self->col_bands->len > 2)
    {
      /* Translators: "Meetings grid, Table 1 to Table 8" */
      what = g_strdup_printf (_("%s, %s to %s"), self->what,
                              (char *) g_ptr_array_index (self->headings, first_col),
                              (char *) g_ptr_array_index (self->headings, end_col - 1));
    }
  else
    what = g_strdup (self->what);

  /* The heading: the event, what this is, the time zone */
  cairo_set_source_rgb (cr, 0, 0, 0);
  title_h = line_height (self, TITLE_FONT);
  show_text (self, cr, TITLE_FONT, self->title, 0, 0, self->width, FALSE);
  {
    /* Translators: under a printed page's title: "Meetings grid · Times in Europe/Brussels" */
    g_autofree char *line = g_strdup_printf (_("%s · %s"), what, self->zone_line);

    show_text (self, cr, BODY_FONT, line, 0, title_h, self->width, FALSE);
  }
  y = title_h + line_height (self, BODY_FONT) + 8;

  /* The column headings, on every page */
  {
    double h = line_height (self, HEADING_FONT) + 2 * PAD;
    double right = column_points (self, 0);

    /* The grid's tables share what their page has left over */
    for (guint c = first_col; c < end_col; c++)
      right += column_points (self, c);
    if (self->fixed && end_col > first_col)
      stretch = MAX (0, self->width - right) / (end_col - first_col);
    cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
    cairo_rectangle (cr, 0, y, self->fixed ? right + stretch * (end_col - first_col) : self->width, h);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0, 0, 0);
    x = 0;
    for (guint c = 0; c < end_col; c = (c == 0 ? MAX (first_col, 1) : c + 1))
      {
        double w = column_points (self, c) + (c > 0 ? stretch : 0);

        show_text (self, cr, HEADING_FONT, g_ptr_array_index (self->headings, c),
                   x + PAD, y + PAD, w - 2 * PAD, FALSE);
        x += w;
      }
    y += h;
  }

  /* The rows */
  for (guint r = g_array_index (self->row_bands, guint, row_band);
       r < g_array_index (self->row_bands, guint, row_band + 1);
       r++)
    {
      char **row = g_ptr_array_index (self->rows, r);
      double h = g_array_index (self->row_heights, double, r);

      /* Nothing of a row below the body, whatever its text */
      cairo_save (cr);
      cairo_rectangle (cr, 0, y, self->width, MAX (0, MIN (h, self->height - self->foot_height - y)));
      cairo_clip (cr);
      x = 0;
      for (guint c = 0; c < end_col; c = (c == 0 ? MAX (first_col, 1) : c + 1))
        {
          double w = column_points (self, c) + (c > 0 ? stretch : 0);

          show_cell (self, cr, row[c], x, y, w, self->fixed && c > 0);
          if (self->fixed)
            {
              /* The grid's cells are boxes */
              cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
              cairo_set_line_width (cr, 0.5);
              cairo_rectangle (cr, x, y, w, h);
              cairo_stroke (cr);
            }
          x += w;
        }
      if (!self->fixed)
        {
          /* A hairline under each person: one line a row, easy to follow */
          cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
          cairo_set_line_width (cr, 0.3);
          cairo_move_to (cr, 0, y + h);
          cairo_line_to (cr, self->width, y + h);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
      y += h;
    }

  if (self->rows->len == 0)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_text (self, cr, BODY_FONT, self->kind == ECCP_VENUE_PRINT_ATTENDEES
                 ? _("No attendees") : _("No meetings"), PAD, y + PAD, self->width, FALSE);
    }

  /* The foot: when, and which page of how many */
  y = self->height - line_height (self, SMALL_FONT);
  /* Translators: a printed page's number, "Page 2 of 5" */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  show_text (self, cr, SMALL_FONT, self->printed, 0, y, self->width / 2, FALSE);
  show_text (self, cr, SMALL_FONT, page_text, self->width / 2, y, self->width / 2, TRUE);
}

/* The print operation */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                EccpVenuePrint    *self)
{
  guint n = eccp_venue_print_paginate (self, gtk_print_context_get_cairo_context (context),
                                       gtk_print_context_get_width (context),
                                       gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) n);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              EccpVenuePrint    *self)
{
  eccp_venue_print_draw_page (self, gtk_print_context_get_cairo_context (context), (guint) page);
}

GtkPrintOperation *
eccp_venue_print_operation_new (EccpStore           *store,
                                const char          *event_id,
                                EccpVenuePrintKind   kind,
                                const char          *table,
                                GError             **error)
{
  EccpVenuePrint *self = eccp_venue_print_new (store, event_id, kind, table, error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autofree char *basename = NULL;

  if (self == NULL)
    return NULL;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, self->job_name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (kind == ECCP_VENUE_PRINT_GRID)
    {
      g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
      gtk_print_operation_set_default_page_setup (operation, setup);
    }

  /* "Print to File" names the PDF after what it holds. */
  settings = gtk_print_settings_new ();
  basename = eccp_widget_suggest_file_name (self->job_name);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (operation, settings);

  g_object_set_data_full (G_OBJECT (operation), "eccp-venue-print", self,
                          (GDestroyNotify) eccp_venue_print_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);

  return g_steal_pointer (&operation);
}

static void
show_error (GtkWindow    *parent,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Print"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One run of the print dialog: the window it belongs to, which may close
 * while the dialog is open (then the error has no parent), and whether its
 * end was seen, so the error shows once and the reference goes once. */
typedef struct
{
  GtkWindow *parent;
  gboolean   done;
  gboolean   error_shown;
} PrintRun;

static void
print_run_free (PrintRun *run)
{
  g_clear_weak_pointer (&run->parent);
  g_free (run);
}

static void
show_error_once (PrintRun     *run,
                 const GError *error)
{
  if (error == NULL || run->error_shown)
    return;

  run->error_shown = TRUE;
  show_error (run->parent, error);
}

static gboolean
release_cb (gpointer operation)
{
  return G_SOURCE_REMOVE;
}

/* Releases the reference eccp_venue_print_run() kept, once */
static void
release (GtkPrintOperation *operation,
         PrintRun          *run,
         gboolean           later)
{
  if (run->done)
    return;

  run->done = TRUE;
  if (later)
    /* Not from inside the operation's own signal */
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, release_cb, operation, g_object_unref);
  else
    g_object_unref (operation);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         PrintRun                *run)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error_once (run, error);
    }

  release (operation, run, TRUE);
}

void
eccp_venue_print_run (GtkWindow          *parent,
                      EccpStore          *store,
                      const char         *event_id,
                      EccpVenuePrintKind  kind,
                      const char         *table)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation = eccp_venue_print_operation_new (store, event_id, kind, table, &error);
  GtkPrintOperationResult result;
  PrintRun *run;

  if (operation == NULL)
    {
      show_error (parent, error);
      return;
    }

  /* Held until "done": the dialog does not block the window.  Connected
   * to the operation alone: tied to @parent (g_signal_connect_object) a
   * window closed meanwhile would never release it. */
  run = g_new0 (PrintRun, 1);
  g_set_weak_pointer (&run->parent, parent);
  g_object_set_data_full (G_OBJECT (operation), "eccp-venue-print-run", run, (GDestroyNotify) print_run_free);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), run);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);

  /* A synchronous failure may or may not have emitted "done" too */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error_once (run, error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    release (operation, run, FALSE);
}
