/* eccp-date.c: dates ("YYYY-MM-DD") and RFC 3339 times, read and written
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The portal's spellings are read strictly.  What people type is read
 * leniently: the locale's own format (what %x shows), ISO 8601 and what
 * GDate can make of the rest; times in a time zone (an event's own) unless
 * the text gives an offset.
 */

#define _GNU_SOURCE /* strptime */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-date.h"

#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "eccp-field-spec.h"

static gboolean
all_digits (const char *text,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_real_day (guint year,
             guint month,
             guint day)
{
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

gboolean
eccp_date_is_valid (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != 10 ||
      !all_digits (text, 4) || text[4] != '-' ||
      !all_digits (text + 5, 2) || text[7] != '-' ||
      !all_digits (text + 8, 2))
    return FALSE;

  return is_real_day (g_ascii_strtoull (text, NULL, 10),
                      g_ascii_strtoull (text + 5, NULL, 10),
                      g_ascii_strtoull (text + 8, NULL, 10));
}

GDateTime *
eccp_date_time_parse_rfc3339 (const char *text)
{
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) < 20 ||
      !all_digits (text, 4) || text[4] != '-' ||
      !all_digits (text + 5, 2) || text[7] != '-' ||
      !all_digits (text + 8, 2) || text[10] != 'T' ||
      !all_digits (text + 11, 2) || text[13] != ':' ||
      !all_digits (text + 14, 2) || text[16] != ':' ||
      !all_digits (text + 17, 2))
    return NULL;

  p = text + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return NULL;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (g_str_equal (p, "Z"))
    ;
  else if ((*p == '+' || *p == '-') && strlen (p) == 6 &&
           all_digits (p + 1, 2) && p[3] == ':' && all_digits (p + 4, 2))
    ;
  else
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

GDateTime *
eccp_date_time_parse_iso8601 (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_date_time_new_from_iso8601 (text, NULL);
}

char *
eccp_date_time_format_rfc3339 (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
eccp_date_time_format_rfc3339_ms (GDateTime *time)
{
  g_autofree char *seconds = NULL;
  g_autofree char *offset = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  offset = g_date_time_format (time, "%:z");

  return g_strdup_printf ("%s.%03d%s", seconds, g_date_time_get_microsecond (time) / 1000, offset);
}

/* What people type */

/* 2026-06-04, also 2026-6-4: numbers only, not yet checked as a day */
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
  GDate date;

  if (*stripped == '\0')
    return FALSE;

  if (read_iso_date (stripped, year, month, day))
    return is_real_day (*year, *month, *day);

  /* As the locale writes it (what %x shows) */
  end = strptime (stripped, "%x", &tm);
  if (end != NULL && eccp_field_spec_is_blank_text (end))
    {
      *year = tm.tm_year + 1900;
      *month = tm.tm_mon + 1;
      *day = tm.tm_mday;
      return is_real_day (*year, *month, *day);
    }

  /* 4 June 2026, 4.6.2026, … */
  g_date_clear (&date, 1);
  g_date_set_parse (&date, stripped);
  if (!g_date_valid (&date))
    return FALSE;

  *year = g_date_get_year (&date);
  *month = g_date_get_month (&date);
  *day = g_date_get_day (&date);
  return TRUE;
}

char *
eccp_date_parse (const char *text)
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

/* "<the locale's date> 9:30 [pm]", in @zone */
static GDateTime *
read_date_and_clock (const char *text,
                     GTimeZone  *zone)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);
  g_autoptr(GString) date_text = g_string_new (NULL);
  const char *meridiem = NULL;
  guint clock_index;
  guint year, month, day, hour, minute, second;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        g_ptr_array_add (tokens, words[i]);
    }

  if (tokens->len < 2)
    return NULL;

  clock_index = tokens->len - 1;
  if (strchr (g_ptr_array_index (tokens, clock_index), ':') == NULL && tokens->len >= 3)
    {
      meridiem = g_ptr_array_index (tokens, clock_index);
      clock_index--;
    }

  if (!read_clock (g_ptr_array_index (tokens, clock_index), meridiem, &hour, &minute, &second))
    return NULL;

  for (guint i = 0; i < clock_index; i++)
    {
      if (i > 0)
        g_string_append_c (date_text, ' ');
      g_string_append (date_text, g_ptr_array_index (tokens, i));
    }

  if (!read_date (date_text->str, &year, &month, &day))
    return NULL;

  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

GDateTime *
eccp_date_time_parse (const char *text,
                      GTimeZone  *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *stripped = NULL;
  GDateTime *time;

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

  return read_date_and_clock (stripped, zone);
}

/* What people read */

char *
eccp_date_format (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  char *text = NULL;
  guint year, month, day;

  g_return_val_if_fail (iso != NULL, NULL);

  if (read_iso_date (iso, &year, &month, &day) && is_real_day (year, month, day))
    {
      date = g_date_time_new_utc (year, month, day, 0, 0, 0);
      text = g_date_time_format (date, "%x");
    }

  return text != NULL ? text : g_strdup (iso);
}

GDateTime *
eccp_date_to_time (const char *iso)
{
  guint year, month, day;

  g_return_val_if_fail (iso != NULL, NULL);

  if (!eccp_date_is_valid (iso) || !read_iso_date (iso, &year, &month, &day))
    return NULL;

  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

char *
eccp_date_from_time (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, "%Y-%m-%d");
}

char *
eccp_date_time_format (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  if (g_date_time_get_second (time) != 0)
    return g_date_time_format (time, "%x %H:%M:%S");

  return g_date_time_format (time, "%x %H:%M");
}

char *
eccp_date_time_format_clock (GDateTime *time,
                             GTimeZone *zone)
{
  g_autoptr(GDateTime) there = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  there = zone != NULL ? g_date_time_to_timezone (time, zone) : g_date_time_ref (time);

  return g_date_time_format (there, "%H:%M");
}

char *
eccp_date_time_format_short (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, "%x %H:%M");
}

/* How long ago, for a person */

char *
eccp_date_time_format_age (GDateTime *when,
                           GDateTime *now,
                           gboolean   compact)
{
  g_autoptr(GDateTime) local = NULL;
  gint64 minutes;
  int hours;
  int days;

  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  minutes = g_date_time_difference (now, when) / G_TIME_SPAN_MINUTE;
  hours = (int) (minutes / 60);
  days = (int) (minutes / (24 * 60));

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60 && compact)
    return g_strdup_printf (ngettext ("%d min ago", "%d min ago", (gulong) minutes), (int) minutes);
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (gulong) minutes),
                            (int) minutes);
  if (hours < 24)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) hours), hours);
  if (days < 7)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), days);

  local = g_date_time_to_local (when);
  return g_date_time_format (local, _("%x"));
}

/* A time as a venue's clock shows it */

char *
eccp_date_time_format_in_zone (const char *text,
                               const char *zone_id,
                               GDateTime  *now)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  time = eccp_date_time_parse_iso8601 (text);
  if (time == NULL)
    return g_strdup (text);

  /* An unknown identifier (NULL from GLib) falls back to this computer's
   * zone, where the people reading it most likely are. */
  if (zone_id != NULL && *zone_id != '\0')
    zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    zone = g_time_zone_new_local ();

  there = g_date_time_to_timezone (time, zone);
  today = g_date_time_to_timezone (now, zone);

  if (g_date_time_get_year (there) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (there) == g_date_time_get_day_of_year (today))
    return g_date_time_format (there, "%H:%M");

  return eccp_date_time_format_short (there);
}
