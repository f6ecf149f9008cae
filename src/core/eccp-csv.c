/* eccp-csv.c: RFC 4180 CSV, and the attendee list written as one
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The attendee list is the app's "Export Attendees as CSV…" and
 * `eccp export attendee --format csv`: one writer, so both give the same
 * file (but for the BOM, see eccp-csv.h).
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-csv.h"

#include <string.h>

#include "eccp-country.h"
#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-store-meetings.h"

#define UTF8_BOM "\xef\xbb\xbf"

void
eccp_csv_append_cell (GString    *line,
                      const char *text)
{
  g_return_if_fail (line != NULL);

  if (text == NULL)
    return;

  if (text[strcspn (text, ",\"\r\n")] == '\0')
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static const char * const columns[] = {
  "event", "name", "organisation", "country", "checked_in", "last_checkin", "device", "id",
};

/* A cell of what people typed (a name, a title): one that starts as a
 * formula would (= + - @, or a tab or CR some spreadsheets skip first)
 * gets a leading ' so that LibreOffice and Excel show it as text and never
 * run it (OWASP, "CSV Injection").  Only here: other exports are read by
 * scripts, which want the value as it is. */
static void
append_text_cell (GString    *line,
                  const char *text)
{
  g_autofree char *defused = NULL;

  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    text = defused = g_strconcat ("'", text, NULL);

  eccp_csv_append_cell (line, text);
}

static void
append_cells (GString            *out,
              const char * const *cells,
              guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_text_cell (out, cells[i] != NULL ? cells[i] : "");
    }
  g_string_append (out, "\r\n");
}

/* The check-in's time on the event's clock, with that offset: what the
 * people at the entrance saw ("2018-03-13T08:15:00+01:00") */
static char *
time_in_zone (const char *at,
              GTimeZone  *zone)
{
  g_autoptr(GDateTime) time = at != NULL ? eccp_date_time_parse_rfc3339 (at) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (at);
  if (zone == NULL)
    return eccp_date_time_format_rfc3339 (time);

  local = g_date_time_to_timezone (time, zone);
  return eccp_date_time_format_rfc3339 (local);
}

/* One event's rows into @out */
static gboolean
append_event (EccpStore   *store,
              EccpRecord  *event,
              GString     *out,
              guint       *n_rows,
              GError     **error)
{
  const char *event_id = eccp_record_get_id (event);
  g_autoptr(GTimeZone) zone = eccp_store_get_event_zone (store, event_id);
  g_autoptr(GPtrArray) states = NULL;

  states = eccp_store_list_attendee_states (store, event_id, NULL, ECCP_CHECKIN_FILTER_ALL, error);
  if (states == NULL)
    return FALSE;

  for (guint i = 0; i < states->len; i++)
    {
      EccpAttendeeState *state = g_ptr_array_index (states, i);
      g_autofree char *when = state->checked_in ? time_in_zone (state->last_at, zone) : NULL;
      const char *country = state->country != NULL ? eccp_country_english_name (state->country) : NULL;
      const char *cells[G_N_ELEMENTS (columns)] = {
        eccp_record_get_title (event),
        state->name,
        state->organisation,
        country != NULL ? country : state->country,
        state->checked_in ? "yes" : "no",
        when,
        state->checked_in ? state->last_device : NULL,
        state->id,
      };

      append_cells (out, cells, G_N_ELEMENTS (cells));
    }

  *n_rows += states->len;
  return TRUE;
}

static gboolean
flush (GOutputStream  *out,
       GString        *text,
       GCancellable   *cancellable,
       GError        **error)
{
  gboolean ok = g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);

  g_string_truncate (text, 0);
  return ok;
}

gboolean
eccp_store_write_attendees_csv (EccpStore      *store,
                                const char     *event_id,
                                gboolean        bom,
                                GOutputStream  *out,
                                guint          *n_rows,
                                GCancellable   *cancellable,
                                GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) events = NULL;
  guint rows = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (ECCP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (event_id != NULL)
    {
      EccpRecord *event = eccp_store_get (store, "event", event_id, error);

      if (event == NULL)
        return FALSE;
      events = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (events, event);
    }
  else
    {
      g_autoptr(EccpQuery) query = eccp_query_new ("event");

      eccp_query_set_sort (query, eccp_type_spec_get_title_field (eccp_type_spec_lookup ("event"))->name, FALSE);
      events = eccp_store_query (store, query, error);
      if (events == NULL)
        return FALSE;
    }

  if (bom)
    g_string_append (text, UTF8_BOM);
  append_cells (text, columns, G_N_ELEMENTS (columns));

  /* An event at a time: the whole file is never in memory twice */
  for (guint i = 0; ok && i < events->len; i++)
    ok = append_event (store, g_ptr_array_index (events, i), text, &rows, error) &&
         flush (out, text, cancellable, error);
  ok = ok && flush (out, text, cancellable, error);

  if (n_rows != NULL)
    *n_rows = rows;
  return ok;
}
