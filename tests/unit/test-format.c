/* test-format.c: what people read: times in two zones, near times in
 * calendar days (across daylight-saving changes), amounts per locale
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib.h>

#include "eccp-date.h"
#include "eccp-format.h"

static GTimeZone *
zone (const char *id)
{
  GTimeZone *tz = g_time_zone_new_identifier (id);

  g_assert_nonnull (tz);
  return tz;
}

static GDateTime *
at (const char *rfc3339)
{
  GDateTime *time = eccp_date_time_parse_rfc3339 (rfc3339);

  g_assert_nonnull (time);
  return time;
}

static void
test_zone_name (void)
{
  static const struct { const char *id; const char *name; } cases[] = {
    { "Europe/Brussels", "Brussels" },
    { "Europe/Kyiv", "Kyiv" },
    { "America/Argentina/Buenos_Aires", "Buenos Aires" },
    { "UTC", "UTC" },
    { "+01:00", "UTC+01:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTimeZone) tz = zone (cases[i].id);
      g_autofree char *name = eccp_date_zone_name (tz);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* An event in Kyiv, read by someone in Lisbon: the event's time first,
 * named, and theirs; each saying which it is. */
static void
test_kyiv_from_lisbon (void)
{
  g_autoptr(GTimeZone) kyiv = zone ("Europe/Kyiv");
  g_autoptr(GTimeZone) lisbon = zone ("Europe/Lisbon");
  g_autoptr(GTimeZone) paris = zone ("Europe/Paris");
  g_autoptr(GTimeZone) brussels = zone ("Europe/Brussels");
  /* 10:00 in Kyiv (+03:00 in summer) is 08:00 in Lisbon (+01:00) */
  g_autoptr(GDateTime) starts = at ("2026-06-04T10:00:00+03:00");
  /* 01:30 in Kyiv is still the day before in Lisbon */
  g_autoptr(GDateTime) early = at ("2026-06-04T01:30:00+03:00");
  g_autoptr(GDateTime) deadline = at ("2026-03-12T17:00:00+01:00");
  g_autofree char *event = eccp_date_time_format_with_zone (starts, kyiv, lisbon, ECCP_DATE_ZONE_DEFAULT);
  g_autofree char *event_clock = eccp_date_time_format_with_zone (starts, kyiv, lisbon, ECCP_DATE_ZONE_CLOCK_ONLY);
  g_autofree char *event_mine = eccp_date_time_format_with_zone (starts, kyiv, lisbon, ECCP_DATE_ZONE_USER_FIRST);
  g_autofree char *overnight = eccp_date_time_format_with_zone (early, kyiv, lisbon, ECCP_DATE_ZONE_DEFAULT);
  g_autofree char *same = eccp_date_time_format_with_zone (starts, paris, brussels, ECCP_DATE_ZONE_DEFAULT);
  g_autofree char *offset = eccp_date_time_format_with_zone (deadline, NULL, lisbon, ECCP_DATE_ZONE_USER_FIRST);
  g_autofree char *city = eccp_date_time_format_with_zone (deadline, brussels, lisbon, ECCP_DATE_ZONE_USER_FIRST);

  g_assert_cmpstr (event, ==, "4 Jun 2026 10:00 Kyiv time (08:00 your time)");
  g_assert_cmpstr (event_clock, ==, "10:00 Kyiv time (08:00 your time)");
  g_assert_cmpstr (event_mine, ==, "4 Jun 2026 08:00 (10:00 Kyiv time)");
  g_assert_cmpstr (overnight, ==, "4 Jun 2026 01:30 Kyiv time (3 Jun 2026 23:30 your time)");
  /* The same clock on both sides: nothing to explain */
  g_assert_cmpstr (same, ==, "4 Jun 2026 09:00");
  /* A deadline: the reader's time first, then as the call sets it */
  g_assert_cmpstr (offset, ==, "12 Mar 2026 16:00 (17:00 UTC+01:00)");
  g_assert_cmpstr (city, ==, "12 Mar 2026 16:00 (17:00 Brussels time)");
}

static void
test_relative (void)
{
  g_autoptr(GTimeZone) brussels = zone ("Europe/Brussels");
  g_autoptr(GDateTime) now = at ("2026-06-04T10:00:00+02:00");
  static const struct { const char *when; const char *text; } cases[] = {
    { "2026-06-04T17:00:00+02:00", "today at 17:00" },
    { "2026-06-04T08:00:00+02:00", "today at 08:00" },
    { "2026-06-05T09:00:00+02:00", "tomorrow at 09:00" },
    /* 23:30 UTC is already tomorrow in Brussels */
    { "2026-06-04T23:30:00Z", "tomorrow at 01:30" },
    { "2026-06-03T09:00:00+02:00", "yesterday at 09:00" },
    { "2026-06-09T08:00:00+02:00", "in 5 days" },
    { "2026-06-01T23:00:00+02:00", "3 days ago" },
    { "2026-06-11T12:00:00+02:00", "in 7 days" },
    { "2026-06-12T12:00:00+02:00", "12 Jun 2026" },
    { "2026-03-12T12:00:00+01:00", "12 Mar 2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = at (cases[i].when);
      g_autofree char *text = eccp_date_time_format_relative (when, now, brussels);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* 2026-03-29 in Brussels has 23 hours (02:00 → 03:00), 2026-10-25 has 25
 * (03:00 → 02:00): days are counted on the calendar, not in 24-hour
 * blocks, and a clock time that day is read at its own offset. */
static void
test_daylight_saving (void)
{
  g_autoptr(GTimeZone) brussels = zone ("Europe/Brussels");
  /* 17:00 on the day clocks go forward: +02:00 */
  g_autoptr(GDateTime) spring_deadline = at ("2026-03-29T17:00:00+02:00");
  /* Before the change: +01:00 */
  g_autoptr(GDateTime) spring_night = at ("2026-03-29T00:30:00+01:00");
  g_autoptr(GDateTime) spring_eve = at ("2026-03-28T18:00:00+01:00");
  /* 18:00 five days before: 4 days 22 hours, still five calendar days */
  g_autoptr(GDateTime) spring_week = at ("2026-03-24T18:00:00+01:00");
  g_autoptr(GDateTime) autumn_deadline = at ("2026-10-25T17:00:00+01:00");
  g_autoptr(GDateTime) autumn_night = at ("2026-10-25T02:30:00+02:00");
  g_autoptr(GDateTime) autumn_eve = at ("2026-10-24T23:30:00+02:00");
  /* Just after midnight the day after: 25 h 45 min later, two days */
  g_autoptr(GDateTime) autumn_after = at ("2026-10-26T00:15:00+01:00");
  g_autofree char *a = eccp_date_time_format_relative (spring_deadline, spring_night, brussels);
  g_autofree char *b = eccp_date_time_format_relative (spring_deadline, spring_eve, brussels);
  g_autofree char *c = eccp_date_time_format_relative (spring_deadline, spring_week, brussels);
  g_autofree char *d = eccp_date_time_format_relative (autumn_deadline, autumn_night, brussels);
  g_autofree char *e = eccp_date_time_format_relative (autumn_after, autumn_eve, brussels);
  g_autofree char *f = eccp_date_time_format_relative (autumn_eve, autumn_after, brussels);
  g_autofree char *clock = eccp_date_time_format_clock (spring_deadline, brussels);

  g_assert_cmpint (g_date_time_difference (spring_deadline, spring_week) / G_TIME_SPAN_DAY, ==, 4);
  g_assert_cmpint (eccp_date_days_between (spring_week, spring_deadline, brussels), ==, 5);
  g_assert_cmpint (g_date_time_difference (autumn_after, autumn_eve) / G_TIME_SPAN_DAY, ==, 1);
  g_assert_cmpint (eccp_date_days_between (autumn_eve, autumn_after, brussels), ==, 2);
  g_assert_cmpint (eccp_date_days_between (autumn_after, autumn_eve, brussels), ==, -2);

  g_assert_cmpstr (a, ==, "today at 17:00");
  g_assert_cmpstr (b, ==, "tomorrow at 17:00");
  g_assert_cmpstr (c, ==, "in 5 days");
  g_assert_cmpstr (d, ==, "today at 17:00");
  g_assert_cmpstr (e, ==, "in 2 days");
  g_assert_cmpstr (f, ==, "2 days ago");
  g_assert_cmpstr (clock, ==, "17:00");
}

static void
test_amounts (gconstpointer data)
{
  const char * const *expected = data;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *amount = NULL;
  g_autofree char *cents = NULL;
  g_autofree char *count = NULL;
  g_autofree char *number = NULL;
  g_autofree char *counts = NULL;

  if (setlocale (LC_ALL, expected[0]) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("no %s locale here (locale -a; build-aux/setup makes it)",
                                              expected[0]);

      g_test_skip (why);
      return;
    }

  amount = eccp_format_amount (14280000, "EUR");
  cents = eccp_format_amount (1500.5, "EUR");
  count = eccp_format_integer (1234567);
  number = eccp_format_number (2.5);
  counts = eccp_format_attendee_counts (1234, 1);
  setlocale (LC_ALL, saved);

  /* Byte for byte: the locale's group separator (U+202F in fr_FR) and a
   * no-break space (U+00A0) before a symbol that follows, so no line
   * breaks inside an amount */
  g_assert_cmpstr (amount, ==, expected[1]);
  g_assert_cmpstr (cents, ==, expected[2]);
  g_assert_cmpstr (count, ==, expected[3]);
  g_assert_cmpstr (number, ==, expected[4]);
  /* Each count grouped, as any other count (untranslated here) */
  g_assert_cmpstr (counts, ==, expected[5]);
}

/* A date in French: the month by its French name */
static void
test_date_french (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *text = NULL;
  g_autofree char *back = NULL;

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("no fr_FR.UTF-8 locale here (locale -a; build-aux/setup makes it)");
      return;
    }

  /* The pattern is the translation's; untranslated here, "%-d %b %Y" */
  text = eccp_date_format ("2026-03-12");
  back = eccp_date_parse (text);
  setlocale (LC_ALL, saved);

  g_assert_cmpstr (text, ==, "12 mars 2026");
  g_assert_cmpstr (back, ==, "2026-03-12");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const c_locale[] = { "C.UTF-8", "€14280000", "€1500.50", "1234567", "2.5",
                                                  "1234 registered · 1 checked in" };
  static const char * const en_us[] = { "en_US.UTF-8", "€14,280,000", "€1,500.50", "1,234,567", "2.5",
                                                  "1,234 registered · 1 checked in" };
  static const char * const fr_fr[] = { "fr_FR.UTF-8", "14\u202f280\u202f000\u00a0€", "1\u202f500,50\u00a0€",
                                                "1\u202f234\u202f567", "2,5",
                                                "1\u202f234 registered · 1 checked in" };

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/zone-name", test_zone_name);
  g_test_add_func ("/format/kyiv-from-lisbon", test_kyiv_from_lisbon);
  g_test_add_func ("/format/relative", test_relative);
  g_test_add_func ("/format/daylight-saving", test_daylight_saving);
  g_test_add_data_func ("/format/amount/C", c_locale, test_amounts);
  g_test_add_data_func ("/format/amount/en_US", en_us, test_amounts);
  g_test_add_data_func ("/format/amount/fr_FR", fr_fr, test_amounts);
  g_test_add_func ("/format/date/fr_FR", test_date_french);

  return g_test_run ();
}
