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

#include <langinfo.h>
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

static char *date_pattern_for_reading (void);

/* Whether @text has a run of exactly four digits (a year written out) */
static gboolean
has_four_digits (const char *text)
{
  while (*text != '\0')
    {
      guint n = 0;

      while (g_ascii_isdigit (text[n]))
        n++;
      if (n == 4)
        return TRUE;
      text += MAX (n, 1);
    }

  return FALSE;
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

  /* As this program shows it ("12 Mar 2026") */
  {
    g_autofree char *pattern = date_pattern_for_reading ();

    memset (&tm, 0, sizeof tm);
    end = strptime (stripped, pattern, &tm);
    /* %Y takes "26" as the year 26: a short year is left to GDate below,
     * which reads it as 2026 */
    if (end != NULL && eccp_field_spec_is_blank_text (end) && has_four_digits (stripped))
      {
        *year = tm.tm_year + 1900;
        *month = tm.tm_mon + 1;
        *day = tm.tm_mday;
        return is_real_day (*year, *month, *day);
      }
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

/* The locale's date, unambiguous: a four-digit year and the month by its
 * name, in the order the translation gives. */
static const char *
date_pattern (void)
{
  /* Translators: a date as people read it, in strftime() notation (%-d:
   * the day without padding, %b: the month's short name, %Y: four-digit
   * year): "12 Mar 2026".  Keep the month by name and the four-digit year,
   * in your language's order: "%-d %b %Y" in French gives "12 mars 2026". */
  return _("%-d %b %Y");
}

/* Whether the locale reads the clock in 12 hours (en_US: T_FMT is "%r"). */
static gboolean
clock_is_12h (void)
{
  const char *format = nl_langinfo (T_FMT);

  return format != NULL && (strstr (format, "%r") != NULL ||
                            strstr (format, "%I") != NULL ||
                            strstr (format, "%l") != NULL);
}

static const char *
clock_pattern (gboolean seconds)
{
  if (clock_is_12h ())
    return seconds ? "%-l:%M:%S %p" : "%-l:%M %p";

  return seconds ? "%H:%M:%S" : "%H:%M";
}

/* The date pattern for strptime(), which pads nothing and knows no "-". */
static char *
date_pattern_for_reading (void)
{
  g_autoptr(GString) pattern = g_string_new (date_pattern ());

  g_string_replace (pattern, "%-", "%", 0);
  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

static char *
format_date_and_clock (GDateTime *time,
                       gboolean   seconds)
{
  g_autofree char *pattern = g_strdup_printf ("%s %s", date_pattern (), clock_pattern (seconds));

  return g_date_time_format (time, pattern);
}

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
      text = g_date_time_format (date, date_pattern ());
    }

  return text != NULL ? text : g_strdup (iso);
}

char *
eccp_date_time_format_date (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, date_pattern ());
}

char *
eccp_date_time_format_day (GDateTime *time,
                           GDateTime *now)
{
  g_autoptr(GDateTime) here = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  here = g_date_time_to_timezone (now, g_date_time_get_timezone (time));
  if (g_date_time_get_year (here) == g_date_time_get_year (time))
    /* Translators: a day of this year, in strftime() notation: "12 March"
     * (%B: the month's full name) */
    return g_date_time_format (time, _("%-d %B"));

  /* Translators: a day of another year, in strftime() notation: "12 March 2027" */
  return g_date_time_format (time, _("%-d %B %Y"));
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

  return format_date_and_clock (time, g_date_time_get_second (time) != 0);
}

char *
eccp_date_time_format_clock (GDateTime *time,
                             GTimeZone *zone)
{
  g_autoptr(GDateTime) there = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  there = zone != NULL ? g_date_time_to_timezone (time, zone) : g_date_time_ref (time);

  return g_date_time_format (there, clock_pattern (FALSE));
}

char *
eccp_date_time_format_short (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return format_date_and_clock (time, FALSE);
}

/* Time zones, named for people */

char *
eccp_date_zone_name (GTimeZone *zone)
{
  const char *id;
  const char *slash;

  g_return_val_if_fail (zone != NULL, NULL);

  id = g_time_zone_get_identifier (zone);
  if (id == NULL || *id == '\0' || g_str_equal (id, "UTC") || g_str_equal (id, "Z") ||
      g_str_equal (id, "Etc/UTC") || g_str_equal (id, "GMT"))
    return g_strdup ("UTC");

  /* A zone made of an offset ("+01:00", what RFC 3339 times carry) */
  if (id[0] == '+' || id[0] == '-')
    return g_strdup_printf ("UTC%s", id);

  /* "Europe/Brussels" → "Brussels", "America/Argentina/Buenos_Aires" →
   * "Buenos Aires": the city people know the zone by */
  slash = strrchr (id, '/');
  if (slash != NULL && slash[1] != '\0' && !g_str_has_prefix (id, "Etc/") && id[0] != '/')
    return g_strdelimit (g_strdup (slash + 1), "_", ' ');

  return g_strdup (id);
}

static gboolean
zone_has_city (GTimeZone *zone)
{
  const char *id = g_time_zone_get_identifier (zone);

  return id != NULL && strchr (id, '/') != NULL && id[0] != '/' && !g_str_has_prefix (id, "Etc/");
}

/* "17:00 Brussels time", "17:00 UTC+01:00" */
static char *
format_in_named_zone (const char *shown,
                      GTimeZone  *zone)
{
  g_autofree char *name = eccp_date_zone_name (zone);

  if (zone_has_city (zone))
    /* Translators: a time in a city's zone: "17:00 Brussels time" */
    return g_strdup_printf (_("%s %s time"), shown, name);

  /* Translators: a time at an offset: "17:00 UTC+01:00" */
  return g_strdup_printf (C_("time and zone", "%s %s"), shown, name);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

char *
eccp_date_time_format_with_zone (GDateTime         *time,
                                 GTimeZone         *source,
                                 GTimeZone         *user,
                                 EccpDateZoneFlags  flags)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autoptr(GDateTime) here = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  GDateTime *first;
  GDateTime *second;
  gboolean clock_only = (flags & ECCP_DATE_ZONE_CLOCK_ONLY) != 0;

  g_return_val_if_fail (time != NULL, NULL);

  if (user == NULL)
    user = local = g_time_zone_new_local ();

  there = source != NULL ? g_date_time_to_timezone (time, source) : g_date_time_ref (time);
  here = g_date_time_to_timezone (time, user);

  /* Same clock on both sides: one time, no zone to explain */
  if (g_date_time_get_utc_offset (there) == g_date_time_get_utc_offset (here))
    return clock_only ? eccp_date_time_format_clock (there, NULL) : eccp_date_time_format_short (there);

  if ((flags & ECCP_DATE_ZONE_USER_FIRST) != 0)
    first = here, second = there;
  else
    first = there, second = here;

  first_text = clock_only ? eccp_date_time_format_clock (first, NULL) : eccp_date_time_format_short (first);
  /* The other side's date only when its day is another */
  second_text = clock_only || same_day (first, second) ? eccp_date_time_format_clock (second, NULL)
                                                       : eccp_date_time_format_short (second);

  if ((flags & ECCP_DATE_ZONE_USER_FIRST) != 0)
    {
      g_autofree char *named = format_in_named_zone (second_text, g_date_time_get_timezone (there));

      /* Translators: the user's time, then where it is set: "12 Mar 2026
       * 16:00 (17:00 Brussels time)" */
      return g_strdup_printf (_("%s (%s)"), first_text, named);
    }
  else
    {
      g_autofree char *named = format_in_named_zone (first_text, g_date_time_get_timezone (there));

      /* Translators: where it happens, then the user's own time: "12 Mar
       * 2026 17:00 Kyiv time (16:00 your time)" */
      return g_strdup_printf (_("%s (%s your time)"), named, second_text);
    }
}

/* Near times, in calendar days */

int
eccp_date_days_between (GDateTime *from,
                        GDateTime *to,
                        GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;
  GDate day_a, day_b;

  g_return_val_if_fail (from != NULL, 0);
  g_return_val_if_fail (to != NULL, 0);

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  /* Days on the calendar, not 24-hour blocks: a day with a daylight-saving
   * change is 23 or 25 hours long and still one day. */
  a = g_date_time_to_timezone (from, zone);
  b = g_date_time_to_timezone (to, zone);
  g_date_clear (&day_a, 1);
  g_date_clear (&day_b, 1);
  g_date_set_dmy (&day_a, g_date_time_get_day_of_month (a), g_date_time_get_month (a), g_date_time_get_year (a));
  g_date_set_dmy (&day_b, g_date_time_get_day_of_month (b), g_date_time_get_month (b), g_date_time_get_year (b));

  return g_date_days_between (&day_a, &day_b);
}

char *
eccp_date_time_format_relative (GDateTime *when,
                                GDateTime *now,
                                GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autofree char *clock = NULL;
  int days;

  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  there = g_date_time_to_timezone (when, zone);
  days = eccp_date_days_between (now, when, zone);
  clock = eccp_date_time_format_clock (there, NULL);

  switch (days)
    {
    case -1:
      /* Translators: "yesterday at 17:00" */
      return g_strdup_printf (_("yesterday at %s"), clock);
    case 0:
      /* Translators: "today at 17:00" */
      return g_strdup_printf (_("today at %s"), clock);
    case 1:
      /* Translators: "tomorrow at 09:00" */
      return g_strdup_printf (_("tomorrow at %s"), clock);
    default:
      break;
    }

  if (days > 1 && days <= ECCP_DATE_NEAR_DAYS)
    return g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
  if (days < -1 && days >= -ECCP_DATE_NEAR_DAYS)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", -days), -days);

  return eccp_date_time_format_date (there);
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
  return eccp_date_time_format_date (local);
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
    return eccp_date_time_format_clock (there, NULL);

  return eccp_date_time_format_short (there);
}

char *
eccp_date_time_format_weekday (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  /* Translators: a day of the week in a schedule across several days, in
   * strftime() notation: "Thu" (%a: the abbreviated name) */
  return g_date_time_format (time, _("%a"));
}

char *
eccp_date_zone_describe_times (GTimeZone *zone,
                               GTimeZone *user,
                               GDateTime *at)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autoptr(GDateTime) here = NULL;
  g_autofree char *named = NULL;
  g_autofree char *gap = NULL;
  GTimeSpan difference;
  int hours, minutes;

  g_return_val_if_fail (zone != NULL, NULL);
  g_return_val_if_fail (at != NULL, NULL);

  if (user == NULL)
    user = local = g_time_zone_new_local ();

  /* "Brussels time", "UTC+01:00": as a time in that zone is named */
  {
    g_autofree char *with_space = format_in_named_zone ("", zone);

    named = g_strdup (g_strstrip (with_space));
  }

  there = g_date_time_to_timezone (at, zone);
  here = g_date_time_to_timezone (at, user);
  difference = g_date_time_get_utc_offset (there) - g_date_time_get_utc_offset (here);
  if (difference == 0)
    /* Translators: the zone a schedule's times are in: "Times in Brussels time" */
    return g_strdup_printf (_("Times in %s"), named);

  hours = (int) (ABS (difference) / G_TIME_SPAN_HOUR);
  minutes = (int) ((ABS (difference) % G_TIME_SPAN_HOUR) / G_TIME_SPAN_MINUTE);
  if (minutes == 0)
    gap = g_strdup_printf (ngettext ("%d hour", "%d hours", hours), hours);
  else if (hours == 0)
    gap = g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes), minutes);
  else
    /* Translators: a difference between two clocks: "5 h 30 min" */
    gap = g_strdup_printf (_("%d h %02d min"), hours, minutes);

  if (difference > 0)
    /* Translators: "Times in Kyiv time, 2 hours ahead of your time" */
    return g_strdup_printf (_("Times in %s, %s ahead of your time"), named, gap);

  /* Translators: "Times in Lisbon time, 1 hour behind your time" */
  return g_strdup_printf (_("Times in %s, %s behind your time"), named, gap);
}
