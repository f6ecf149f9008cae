/* eccp-date.h: dates ("YYYY-MM-DD") and RFC 3339 times, read and written
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The portal's spellings, read strictly (what validation accepts) */

/* "YYYY-MM-DD" exactly: ten characters, a real day of a year ≥ 1. */
gboolean   eccp_date_is_valid            (const char  *text);
/* YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM) and nothing else (GLib alone also
 * takes week dates and the like); %NULL when @text is not one. */
GDateTime *eccp_date_time_parse_rfc3339  (const char  *text);
/* An ISO 8601 date and time with its offset, as GLib reads it: for showing
 * what the portal sent, leniently; %NULL when it is none. */
GDateTime *eccp_date_time_parse_iso8601  (const char  *text);

/* RFC 3339 at the time's own offset: 2026-06-04T09:00:00+02:00 (not
 * g_date_time_format_iso8601(), which writes a whole-hour offset "+01") */
char      *eccp_date_time_format_rfc3339 (GDateTime   *time);
/* The same with milliseconds: 2026-06-04T09:00:00.250+02:00 */
char      *eccp_date_time_format_rfc3339_ms
                                         (GDateTime   *time);

/* What people type and read
 *
 * Dates show as the translation's unambiguous pattern ("12 Mar 2026", in
 * French "12 mars 2026": the month by name, four-digit years); clocks in
 * 24 hours, or 12 ("5:00 PM") where the locale's own time format is. */

/* A date as "YYYY-MM-DD", from ISO ("2026-06-04", also "2026-6-4"), what
 * eccp_date_format() shows ("4 Jun 2026"), the locale's format (%x) or
 * what GDate reads ("4 June 2026"); %NULL when it is none. */
char      *eccp_date_parse               (const char  *text);
/* A date and time: RFC 3339 with its offset (the instant, whatever
 * @zone), ISO without an offset ("2026-06-04 09:00") or a date as above
 * and a clock time ("4 Jun 2026 9:30", "… 9:30 pm"), read in @zone (local
 * time when %NULL); %NULL when it is none. */
GDateTime *eccp_date_time_parse          (const char  *text,
                                          GTimeZone   *zone);

/* "YYYY-MM-DD" as people read it: "12 Mar 2026"; @iso itself when it is
 * not a date. */
char      *eccp_date_format              (const char  *iso);
/* The day of @time at its own offset: "12 Mar 2026". */
char      *eccp_date_time_format_date    (GDateTime   *time);
/* The day of @time at its own offset, without the year when it is @now's:
 * "12 March", "12 March 2027" (a badge: "Opens 1 April"). */
char      *eccp_date_time_format_day     (GDateTime   *time,
                                          GDateTime   *now);
/* Midnight UTC on the date "YYYY-MM-DD" @iso; %NULL when it is not one. */
GDateTime *eccp_date_to_time             (const char  *iso);
/* "YYYY-MM-DD": the day of @time at its own offset. */
char      *eccp_date_from_time           (GDateTime   *time);
/* "12 Mar 2026 17:00", with the seconds when there are any: reads back
 * exactly with eccp_date_time_parse() (an editor's text). */
char      *eccp_date_time_format         (GDateTime   *time);
/* "12 Mar 2026 17:00" at the time's own offset: a time to read. */
char      *eccp_date_time_format_short   (GDateTime   *time);
/* "17:00" ("5:00 PM") in @zone (the time's own offset when %NULL): a
 * clock time in a day's schedule. */
char      *eccp_date_time_format_clock   (GDateTime   *time,
                                          GTimeZone   *zone);

/* The day of the week of @time at its own offset, short: "Thu" (a
 * schedule across several days). */
char      *eccp_date_time_format_weekday (GDateTime   *time);

/* How a zone is named for people: "Europe/Brussels" → "Brussels",
 * "America/Argentina/Buenos_Aires" → "Buenos Aires", an offset zone
 * ("+01:00", what RFC 3339 times carry) → "UTC+01:00", "UTC". */
char      *eccp_date_zone_name           (GTimeZone   *zone);

typedef enum
{
  ECCP_DATE_ZONE_DEFAULT    = 0,      /* where it happens first, then the user's */
  ECCP_DATE_ZONE_USER_FIRST = 1 << 0, /* the user's first, then where it is set */
  ECCP_DATE_ZONE_CLOCK_ONLY = 1 << 1, /* clocks without dates: a day's schedule */
} EccpDateZoneFlags;

/* One instant in two zones, saying which is which: @source is where it
 * happens (an event's zone; %NULL: @time's own offset, a deadline's),
 * @user the reader's (local when %NULL).  When both clocks read the same
 * at that instant, the time alone: "12 Mar 2026 17:00".  Else
 * - default: "12 Mar 2026 17:00 Kyiv time (16:00 your time)";
 * - ECCP_DATE_ZONE_USER_FIRST: "12 Mar 2026 16:00 (17:00 Brussels time)";
 * the second has its date too when its day is another; a zone without a
 * city reads "17:00 UTC+01:00".  ECCP_DATE_ZONE_CLOCK_ONLY drops the dates:
 * "17:00 Kyiv time (16:00 your time)". */
char      *eccp_date_time_format_with_zone
                                         (GDateTime         *time,
                                          GTimeZone         *source,
                                          GTimeZone         *user,
                                          EccpDateZoneFlags  flags);

/* Which zone a schedule's times are in, for its header, at @at: "Times
 * in Brussels time"; when the user's clock (@user, local when %NULL) reads
 * otherwise, by how much: "Times in Kyiv time, 2 hours ahead of your
 * time", "Times in Lisbon time, 1 hour behind your time". */
char      *eccp_date_zone_describe_times (GTimeZone         *zone,
                                          GTimeZone         *user,
                                          GDateTime         *at);

/* Within this many calendar days, a time reads "in 5 days", "3 days ago" */
#define ECCP_DATE_NEAR_DAYS 7

/* Calendar days from @from's day to @to's in @zone (local when %NULL),
 * negative when @to is earlier: a day with a daylight-saving change is
 * one day, whatever its hours. */
int        eccp_date_days_between        (GDateTime   *from,
                                          GDateTime   *to,
                                          GTimeZone   *zone);
/* @when as seen from @now in @zone (local when %NULL): "today at 17:00",
 * "tomorrow at 09:00", "yesterday at 09:00", "in 5 days", "3 days ago"
 * within ECCP_DATE_NEAR_DAYS, else the day, "12 Mar 2026". */
char      *eccp_date_time_format_relative
                                         (GDateTime   *when,
                                          GDateTime   *now,
                                          GTimeZone   *zone);

/* How long before @now @when was: "just now", "5 minutes ago" ("5 min
 * ago" when @compact, for a header bar), "3 hours ago", "2 days ago"
 * within a week, else the day, "12 Mar 2026". */
char      *eccp_date_time_format_age     (GDateTime   *when,
                                          GDateTime   *now,
                                          gboolean     compact);

/* The time @text (RFC 3339) in the zone @zone_id (an IANA identifier such
 * as an event's "Europe/Warsaw"; this computer's when %NULL or unknown):
 * "08:15" when it is @now's day there, else "12 Mar 2026 08:15". */
char      *eccp_date_time_format_in_zone (const char  *text,
                                          const char  *zone_id,
                                          GDateTime   *now);

G_END_DECLS
