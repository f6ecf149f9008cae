/* test-date.c: dates and RFC 3339 times, read and written (eccp-date.c)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "eccp-date.h"

static char *
rfc3339 (GDateTime *time)
{
  g_assert_nonnull (time);
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The portal's "YYYY-MM-DD": ten characters, a real day */
static void
test_date_is_valid (void)
{
  static const char * const valid[] = {
    "2018-02-28", "2020-02-29", "0001-01-01", "9999-12-31", NULL
  };
  static const char * const invalid[] = {
    "2018-02-30", "2019-02-29", "2018-13-01", "2018-00-10", "2018-2-3",
    "03/02/2018", "2018-02-28T00:00:00Z", "0000-01-01", "", "soon",
    "2018-02-2x", " 2018-02-28", NULL
  };

  for (guint i = 0; valid[i] != NULL; i++)
    g_assert_true (eccp_date_is_valid (valid[i]));
  for (guint i = 0; invalid[i] != NULL; i++)
    g_assert_false (eccp_date_is_valid (invalid[i]));
}

/* RFC 3339 strictly: seconds and an offset, a "T" */
static void
test_time_rfc3339 (void)
{
  static const char * const valid[] = {
    "2018-06-04T09:00:00+08:00", "2018-06-04T09:00:00Z",
    "2018-06-04T09:00:00.250-05:00", NULL
  };
  static const char * const invalid[] = {
    "2018-06-04T09:00:00", "2018-06-04 09:00:00+08:00", "2018-06-04T09:00+08:00",
    "2018-06-04T09:00:00+0800", "2018-02-30T09:00:00Z", "2018-06-04T25:00:00Z",
    "2018-06-04", "2018-W23-1T09:00:00Z", "tomorrow", "2018-06-04T09:00:00.Z", NULL
  };
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_autoptr(GDateTime) parsed = eccp_date_time_parse_rfc3339 (valid[i]);

      g_assert_nonnull (parsed);
    }
  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autoptr(GDateTime) parsed = eccp_date_time_parse_rfc3339 (invalid[i]);

      g_assert_null (parsed);
    }

  time = eccp_date_time_parse_rfc3339 ("2018-06-04T09:00:00+08:00");
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 8 * G_TIME_SPAN_HOUR);
  text = eccp_date_time_format_rfc3339 (time);
  g_assert_cmpstr (text, ==, "2018-06-04T09:00:00+08:00");
}

/* GLib's lenient reading, for showing what the portal sent */
static void
test_time_iso8601 (void)
{
  g_autoptr(GDateTime) week = eccp_date_time_parse_iso8601 ("2018-W23-1T09:00:00Z");
  g_autoptr(GDateTime) none = eccp_date_time_parse_iso8601 ("2026-06-04 late");

  g_assert_nonnull (week);
  g_assert_null (none);
}

/* Whole-hour offsets as "+01:00" (GLib's iso8601 writer gives "+01"),
 * milliseconds when asked for */
static void
test_time_format_rfc3339 (void)
{
  g_autoptr(GTimeZone) plus_one = g_time_zone_new_offset (3600);
  g_autoptr(GTimeZone) minus_half = g_time_zone_new_offset (-(3 * 3600 + 1800));
  g_autoptr(GDateTime) brussels = g_date_time_new (plus_one, 2026, 1, 10, 17, 0, 0.25);
  g_autoptr(GDateTime) newfoundland = g_date_time_new (minus_half, 2026, 1, 10, 17, 5, 9);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 1, 10, 17, 0, 0);
  g_autofree char *a = eccp_date_time_format_rfc3339 (brussels);
  g_autofree char *b = eccp_date_time_format_rfc3339_ms (brussels);
  g_autofree char *c = eccp_date_time_format_rfc3339 (newfoundland);
  g_autofree char *d = eccp_date_time_format_rfc3339 (utc);
  g_autofree char *e = eccp_date_time_format_rfc3339_ms (newfoundland);

  g_assert_cmpstr (a, ==, "2026-01-10T17:00:00+01:00");
  g_assert_cmpstr (b, ==, "2026-01-10T17:00:00.250+01:00");
  g_assert_cmpstr (c, ==, "2026-01-10T17:05:09-03:30");
  g_assert_cmpstr (d, ==, "2026-01-10T17:00:00+00:00");
  g_assert_cmpstr (e, ==, "2026-01-10T17:05:09.000-03:30");
}

/* Dates as people type them (the editor's cases) */
static void
test_date_parse (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 6, 4, 0, 0, 0);
  g_autofree char *localised = g_date_time_format (date, "%x");
  g_autofree char *padded = g_strdup_printf ("  %s  ", localised);
  static const struct { const char *text; const char *iso; } cases[] = {
    { "2026-06-04", "2026-06-04" },
    { "2026-6-4", "2026-06-04" },
    { " 2026-06-04 ", "2026-06-04" },
    { "4 June 2026", "2026-06-04" },
    { "12 Mar 2026", "2026-03-12" },
    /* A two-digit year is this century's, not year 26 */
    { "12 Mar 26", "2026-03-12" },
    { "2026-02-30", NULL },
    { "0000-01-01", NULL },
    { "soon", NULL },
    { "", NULL },
    { "   ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = eccp_date_parse (cases[i].text);

      g_assert_cmpstr (iso, ==, cases[i].iso);
    }

  {
    g_autofree char *iso = eccp_date_parse (localised);
    g_autofree char *iso_padded = eccp_date_parse (padded);

    g_assert_cmpstr (iso, ==, "2026-06-04");
    g_assert_cmpstr (iso_padded, ==, "2026-06-04");
  }
}

/* Times as people type them: in a zone unless an offset is given */
static void
test_time_parse (void)
{
  g_autoptr(GTimeZone) brussels = g_time_zone_new_identifier ("Europe/Brussels");
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 6, 4, 0, 0, 0);
  g_autofree char *localised = g_date_time_format (date, "%x");
  static const struct { const char *suffix; const char *rfc3339; } clocks[] = {
    { " 9:05", "2026-06-04T09:05:00+02:00" },
    { " 09:05:30", "2026-06-04T09:05:30+02:00" },
    { " 9:05 pm", "2026-06-04T21:05:00+02:00" },
    { " 12:00 am", "2026-06-04T00:00:00+02:00" },
    { " 12:30 p.m.", "2026-06-04T12:30:00+02:00" },
    { " 13:00 pm", NULL },
    { " 25:00", NULL },
    { " 9", NULL },
    { "", NULL },
  };
  static const struct { const char *text; const char *rfc3339; } isos[] = {
    { "2026-01-10 17:00", "2026-01-10T17:00:00+01:00" },
    { "2026-01-10T17:00:00", "2026-01-10T17:00:00+01:00" },
    { "2026-01-10T17:00:00Z", "2026-01-10T17:00:00+00:00" },
    { "2026-01-10T17:00:00-05:00", "2026-01-10T17:00:00-05:00" },
    { "tomorrow", NULL },
    { "2026-01-10 25:00", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clocks); i++)
    {
      g_autofree char *text = g_strconcat (localised, clocks[i].suffix, NULL);
      g_autoptr(GDateTime) time = eccp_date_time_parse (text, brussels);
      g_autofree char *written = time != NULL ? rfc3339 (time) : NULL;

      g_assert_cmpstr (written, ==, clocks[i].rfc3339);
    }

  for (guint i = 0; i < G_N_ELEMENTS (isos); i++)
    {
      g_autoptr(GDateTime) time = eccp_date_time_parse (isos[i].text, brussels);
      g_autofree char *written = time != NULL ? rfc3339 (time) : NULL;

      g_assert_cmpstr (written, ==, isos[i].rfc3339);
    }

  /* Local time without a zone */
  {
    g_autoptr(GDateTime) time = eccp_date_time_parse ("2026-01-10 17:00", NULL);
    g_autoptr(GDateTime) local = g_date_time_new_local (2026, 1, 10, 17, 0, 0);

    g_assert_nonnull (time);
    g_assert_true (g_date_time_equal (time, local));
  }
}

/* Shown in the locale's format, and read back */
static void
test_format (void)
{
  g_autoptr(GTimeZone) plus_two = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) day = g_date_time_new_utc (2020, 12, 31, 0, 0, 0);
  g_autoptr(GDateTime) start = g_date_time_new (plus_two, 2026, 6, 4, 9, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new (plus_two, 2026, 6, 4, 9, 0, 15);
  g_autofree char *a = eccp_date_format ("2020-12-31");
  g_autofree char *b = eccp_date_format ("2020-02-30");
  g_autofree char *c = eccp_date_format ("soon");
  g_autofree char *d = eccp_date_time_format (start);
  g_autofree char *e = eccp_date_time_format (late);
  g_autofree char *f = eccp_date_time_format_short (late);
  g_autoptr(GDateTime) again = eccp_date_time_parse (e, plus_two);
  g_autofree char *iso_again = eccp_date_parse (a);

  g_autofree char *g = eccp_date_time_format_date (late);
  g_autoptr(GDateTime) start_again = eccp_date_time_parse (d, plus_two);

  /* Four-digit years and the month by name, never "12/31/20" */
  g_assert_cmpstr (a, ==, "31 Dec 2020");
  g_assert_cmpstr (b, ==, "2020-02-30");
  g_assert_cmpstr (c, ==, "soon");
  g_assert_cmpstr (d, ==, "4 Jun 2026 09:00");
  g_assert_cmpstr (e, ==, "4 Jun 2026 09:00:15");
  g_assert_cmpstr (f, ==, "4 Jun 2026 09:00");
  g_assert_cmpstr (g, ==, "4 Jun 2026");
  g_assert_nonnull (start_again);
  g_assert_true (g_date_time_equal (start_again, start));

  g_assert_nonnull (again);
  g_assert_true (g_date_time_equal (again, late));
  g_assert_cmpstr (iso_again, ==, "2020-12-31");
}

/* A date as the start of a period, and an instant back to its day. */
static void
test_date_time_day (void)
{
  g_autoptr(GTimeZone) kyiv = g_time_zone_new_identifier ("Europe/Kyiv");
  g_autoptr(GDateTime) midnight = eccp_date_to_time ("2026-03-29");
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 3, 29, 23, 30, 0);
  g_autoptr(GDateTime) late_kyiv = g_date_time_to_timezone (late, kyiv);
  g_autofree char *utc_day = eccp_date_from_time (late);
  g_autofree char *kyiv_day = eccp_date_from_time (late_kyiv);

  g_assert_nonnull (midnight);
  g_assert_cmpint (g_date_time_to_unix (midnight), ==, 1774742400);
  g_assert_null (eccp_date_to_time ("2026-02-30"));
  g_assert_null (eccp_date_to_time ("2026-3-29"));
  g_assert_null (eccp_date_to_time ("2026-03-29T00:00:00Z"));

  /* The day at the instant's own offset. */
  g_assert_cmpstr (utc_day, ==, "2026-03-29");
  g_assert_cmpstr (kyiv_day, ==, "2026-03-30");
}

/* How long ago, against a fixed now. */
static void
test_format_age (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 5, 12, 0, 0);
  struct { int minutes; gboolean compact; const char *expected; } cases[] = {
    { 0, FALSE, "just now" },
    { 1, TRUE, "1 min ago" },
    { 5, TRUE, "5 min ago" },
    { 5, FALSE, "5 minutes ago" },
    { 1, FALSE, "1 minute ago" },
    { 60, TRUE, "1 hour ago" },
    { 3 * 60 + 59, FALSE, "3 hours ago" },
    { 24 * 60, FALSE, "1 day ago" },
    { 6 * 24 * 60, TRUE, "6 days ago" },
  };
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (now, -30);
  g_autoptr(GDateTime) long_ago_local = g_date_time_to_local (long_ago);
  g_autofree char *day = g_date_time_format (long_ago_local, "%-d %b %Y");
  g_autofree char *text = eccp_date_time_format_age (long_ago, now, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -cases[i].minutes);
      g_autofree char *age = eccp_date_time_format_age (when, now, cases[i].compact);

      g_assert_cmpstr (age, ==, cases[i].expected);
    }

  g_assert_cmpstr (text, ==, day);
}

/* A clock time in a schedule: in the event's zone, else at the time's own
 * offset. */
static void
test_format_clock (void)
{
  g_autoptr(GDateTime) time = eccp_date_time_parse_rfc3339 ("2026-06-04T08:05:00Z");
  g_autoptr(GTimeZone) warsaw = g_time_zone_new_identifier ("Europe/Warsaw");
  g_autofree char *there = eccp_date_time_format_clock (time, warsaw);
  g_autofree char *own = eccp_date_time_format_clock (time, NULL);

  g_assert_nonnull (warsaw);
  g_assert_cmpstr (there, ==, "10:05");
  g_assert_cmpstr (own, ==, "08:05");
}

/* A schedule says which zone its times are in, and how far the user's
 * clock is from it: an event in Kyiv read in Lisbon. */
static void
test_zone_describe (void)
{
  g_autoptr(GDateTime) june = eccp_date_time_parse_rfc3339 ("2026-06-04T08:00:00Z");
  g_autoptr(GTimeZone) kyiv = g_time_zone_new_identifier ("Europe/Kyiv");
  g_autoptr(GTimeZone) lisbon = g_time_zone_new_identifier ("Europe/Lisbon");
  g_autoptr(GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autofree char *same = NULL;
  g_autofree char *ahead = NULL;
  g_autofree char *behind = NULL;
  g_autofree char *half = NULL;
  g_autofree char *weekday = NULL;

  if (kyiv == NULL)
    kyiv = g_time_zone_new_identifier ("Europe/Kiev");
  g_assert_nonnull (kyiv);
  g_assert_nonnull (lisbon);
  g_assert_nonnull (kolkata);

  same = eccp_date_zone_describe_times (kyiv, kyiv, june);
  ahead = eccp_date_zone_describe_times (kyiv, lisbon, june);
  behind = eccp_date_zone_describe_times (lisbon, kyiv, june);
  half = eccp_date_zone_describe_times (kolkata, lisbon, june);
  g_assert_true (g_str_has_prefix (same, "Times in Ky"));
  g_assert_true (g_str_has_suffix (same, " time"));
  g_assert_true (g_str_has_suffix (ahead, " time, 2 hours ahead of your time"));
  g_assert_cmpstr (behind, ==, "Times in Lisbon time, 2 hours behind your time");
  g_assert_cmpstr (half, ==, "Times in Kolkata time, 4 h 30 min ahead of your time");

  weekday = eccp_date_time_format_weekday (june);
  g_assert_cmpstr (weekday, ==, "Thu");
}

/* A check-in's time today is shown on the same clock as every other time
 * (12-hour where the locale has it), not always as 24-hour */
static void
test_format_in_zone_clock (void)
{
  g_autoptr(GDateTime) now = eccp_date_time_parse_rfc3339 ("2026-06-04T18:00:00Z");
  g_autoptr(GDateTime) time = eccp_date_time_parse_rfc3339 ("2026-06-04T14:05:00Z");
  g_autoptr(GTimeZone) warsaw = g_time_zone_new_identifier ("Europe/Warsaw");
  g_autofree char *saved = g_strdup (setlocale (LC_TIME, NULL));
  g_autofree char *shown = NULL;
  g_autofree char *clock = NULL;

  if (setlocale (LC_TIME, "en_US.UTF-8") == NULL)
    {
      g_test_skip ("The en_US.UTF-8 locale is not installed");
      return;
    }

  shown = eccp_date_time_format_in_zone ("2026-06-04T14:05:00Z", "Europe/Warsaw", now);
  clock = eccp_date_time_format_clock (time, warsaw);
  setlocale (LC_TIME, saved);

  g_assert_cmpstr (shown, ==, clock);
  g_assert_cmpstr (shown, ==, "4:05 PM");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/is-valid", test_date_is_valid);
  g_test_add_func ("/date/time/rfc3339", test_time_rfc3339);
  g_test_add_func ("/date/time/iso8601", test_time_iso8601);
  g_test_add_func ("/date/time/format-rfc3339", test_time_format_rfc3339);
  g_test_add_func ("/date/parse", test_date_parse);
  g_test_add_func ("/date/time/parse", test_time_parse);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/day", test_date_time_day);
  g_test_add_func ("/date/age", test_format_age);
  g_test_add_func ("/date/clock", test_format_clock);
  g_test_add_func ("/date/zone-describe", test_zone_describe);
  g_test_add_func ("/date/clock-in-zone", test_format_in_zone_clock);

  return g_test_run ();
}
