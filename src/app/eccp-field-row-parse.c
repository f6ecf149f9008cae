/* eccp-field-row-parse.c: values as people type and read them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates and times are shown in the locale's format (%x) and read back
 * leniently: the locale's own format, ISO 8601 and what GDate can make of
 * the rest.  Times are read in a time zone (an event's own) unless the
 * text gives an offset.  Countries are typed by name, in the user's
 * language or without its accents, or by ISO code.
 */

#define _GNU_SOURCE /* strptime */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-field-row-private.h"

#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "eccp-field-spec.h"

gboolean
_eccp_field_row_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_iso_date (const char *text,
               guint      *year,
               guint      *month,
               guint      *day)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);
  guint64 numbers[3];

  if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      if (parts[i][0] == '\0' || strlen (parts[i]) > 4 ||
          !g_ascii_string_to_unsigned (parts[i], 10, 0, 9999, &numbers[i], NULL))
        return FALSE;
    }

  *year = numbers[0];
  *month = numbers[1];
  *day = numbers[2];
  return TRUE;
}

static gboolean
read_date (const char *text,
           guint      *year,
           guint      *month,
           guint      *day)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  struct tm tm = { 0 };
  const char *end;

  if (*stripped == '\0')
    return FALSE;

  /* 2026-06-04 */
  if (read_iso_date (stripped, year, month, day))
    return g_date_valid_dmy (*day, *month, *year) && *year >= 1;

  /* As the locale writes it (what %x shows) */
  end = strptime (stripped, "%x", &tm);
  if (end != NULL && _eccp_field_row_is_blank (end))
    {
      *year = tm.tm_year + 1900;
      *month = tm.tm_mon + 1;
      *day = tm.tm_mday;
      return g_date_valid_dmy (*day, *month, *year) && *year >= 1;
    }

  /* 4 June 2026, 4.6.2026, … */
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_parse (&date, stripped);
    if (g_date_valid (&date))
      {
        *year = g_date_get_year (&date);
        *month = g_date_get_month (&date);
        *day = g_date_get_day (&date);
        return TRUE;
      }
  }

  return FALSE;
}

char *
_eccp_field_row_parse_date (const char *text)
{
  guint year, month, day;

  g_return_val_if_fail (text != NULL, NULL);

  if (!read_date (text, &year, &month, &day))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* "9:30", "09:30:15", "9:30 pm" */
static gboolean
read_clock (const char *text,
            const char *meridiem,
            guint      *hour,
            guint      *minute,
            guint      *second)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);
  guint64 numbers[3] = { 0, 0, 0 };

  if (n < 2 || n > 3)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (parts[i][0] == '\0' || strlen (parts[i]) > 2 ||
          !g_ascii_string_to_unsigned (parts[i], 10, 0, i == 0 ? 23 : 59, &numbers[i], NULL))
        return FALSE;
    }

  if (meridiem != NULL)
    {
      gboolean pm;

      if (g_ascii_strcasecmp (meridiem, "pm") == 0 || g_ascii_strcasecmp (meridiem, "p.m.") == 0)
        pm = TRUE;
      else if (g_ascii_strcasecmp (meridiem, "am") == 0 || g_ascii_strcasecmp (meridiem, "a.m.") == 0)
        pm = FALSE;
      else
        return FALSE;

      if (numbers[0] < 1 || numbers[0] > 12)
        return FALSE;
      numbers[0] = numbers[0] % 12 + (pm ? 12 : 0);
    }

  *hour = numbers[0];
  *minute = numbers[1];
  *second = numbers[2];
  return TRUE;
}

GDateTime *
_eccp_field_row_parse_time (const char *text,
                           GTimeZone  *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *stripped = NULL;
  g_auto(GStrv) tokens = NULL;
  GDateTime *time;
  guint n_tokens;
  const char *meridiem = NULL;
  guint clock_index;
  guint year, month, day, hour, minute, second;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  /* RFC 3339 with its offset: the instant, whatever the zone */
  time = g_date_time_new_from_iso8601 (stripped, NULL);
  if (time != NULL)
    return time;

  /* 2026-06-04T09:00 or 2026-06-04 09:00, in the zone */
  if (strlen (stripped) > 10 && stripped[10] == ' ' && strchr (stripped + 11, ' ') == NULL)
    {
      g_autofree char *iso = g_strdup (stripped);

      iso[10] = 'T';
      time = g_date_time_new_from_iso8601 (iso, zone);
      if (time != NULL)
        return time;
    }
  time = g_date_time_new_from_iso8601 (stripped, zone);
  if (time != NULL)
    return time;

  /* The date as the locale writes it, then the clock time */
  tokens = g_strsplit_set (stripped, " \t", -1);
  n_tokens = 0;
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] != '\0')
        tokens[n_tokens++] = tokens[i];
      else
        g_free (tokens[i]);
    }
  tokens[n_tokens] = NULL;

  if (n_tokens < 2)
    return NULL;

  clock_index = n_tokens - 1;
  if (strchr (tokens[clock_index], ':') == NULL && n_tokens >= 3)
    {
      meridiem = tokens[clock_index];
      clock_index--;
    }

  if (!read_clock (tokens[clock_index], meridiem, &hour, &minute, &second))
    return NULL;

  {
    g_autoptr(GString) date_text = g_string_new (NULL);

    for (guint i = 0; i < clock_index; i++)
      {
        if (i > 0)
          g_string_append_c (date_text, ' ');
        g_string_append (date_text, tokens[i]);
      }

    if (!read_date (date_text->str, &year, &month, &day))
      return NULL;
  }

  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

char *
_eccp_field_row_format_date (const char *iso)
{
  guint year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (!read_iso_date (iso, &year, &month, &day) || !g_date_valid_dmy (day, month, year) || year < 1)
    return g_strdup (iso);

  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  return g_date_time_format (date, "%x");
}

char *
_eccp_field_row_format_time (GDateTime *time)
{
  if (g_date_time_get_second (time) != 0)
    return g_date_time_format (time, "%x %H:%M:%S");

  return g_date_time_format (time, "%x %H:%M");
}

char *
_eccp_field_row_format_rfc3339 (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Countries typed as names or codes */

static char *
fold_name (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *decomposed = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  if (decomposed == NULL)
    return g_utf8_casefold (stripped, -1);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, -1);
}

static const char *
country_code_for (const char *text)
{
  static GHashTable *names;
  g_autofree char *folded = NULL;
  g_autofree char *upper = NULL;
  const char * const *codes = eccp_country_codes ();

  if (strlen (text) == 2)
    {
      upper = g_ascii_strup (text, -1);
      for (guint i = 0; codes[i] != NULL; i++)
        {
          if (g_str_equal (codes[i], upper))
            return codes[i];
        }
    }

  if (names == NULL)
    {
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; codes[i] != NULL; i++)
        g_hash_table_insert (names, fold_name (eccp_country_name (codes[i])), (gpointer) codes[i]);
    }

  folded = fold_name (text);
  return g_hash_table_lookup (names, folded);
}

/* Items are split on commas; since some names hold a comma ("Korea,
 * Republic of"), the longest run of pieces that names a country wins. */
JsonNode *
_eccp_field_row_parse_countries (const char  *text,
                    char       **message)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) pieces = g_ptr_array_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;
  guint i = 0;

  for (guint k = 0; parts[k] != NULL; k++)
    {
      g_strstrip (parts[k]);
      if (parts[k][0] != '\0')
        g_ptr_array_add (pieces, parts[k]);
    }

  while (i < pieces->len)
    {
      const char *code = NULL;
      guint j;

      for (j = pieces->len; j > i; j--)
        {
          g_autoptr(GString) candidate = g_string_new (NULL);

          for (guint k = i; k < j; k++)
            {
              if (k > i)
                g_string_append (candidate, ", ");
              g_string_append (candidate, g_ptr_array_index (pieces, k));
            }

          code = country_code_for (candidate->str);
          if (code != NULL)
            break;
        }

      if (code == NULL)
        {
          *message = g_strdup_printf (_("“%s” is not a country: give names or codes (such as DE), separated by commas"),
                                      (const char *) g_ptr_array_index (pieces, i));
          return NULL;
        }

      json_array_add_string_element (array, code);
      i = j;
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}
