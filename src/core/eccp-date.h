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

/* What people type and read (the locale's format, %x) */

/* A date as "YYYY-MM-DD", from ISO ("2026-06-04", also "2026-6-4"), the
 * locale's format (what %x shows) or what GDate reads ("4 June 2026");
 * %NULL when it is none. */
char      *eccp_date_parse               (const char  *text);
/* A date and time: RFC 3339 with its offset (the instant, whatever
 * @zone), ISO without an offset ("2026-06-04 09:00") or the locale's date
 * and a clock time ("04/06/2026 9:30", "… 9:30 pm"), read in @zone (local
 * time when %NULL); %NULL when it is none. */
GDateTime *eccp_date_time_parse          (const char  *text,
                                          GTimeZone   *zone);

/* "YYYY-MM-DD" in the locale's format (%x); @iso itself when it is not a
 * date. */
char      *eccp_date_format              (const char  *iso);
/* Midnight UTC on the date "YYYY-MM-DD" @iso; %NULL when it is not one. */
GDateTime *eccp_date_to_time             (const char  *iso);
/* "YYYY-MM-DD": the day of @time at its own offset. */
char      *eccp_date_from_time           (GDateTime   *time);
/* "%x %H:%M", with the seconds when there are any: reads back exactly
 * with eccp_date_time_parse(). */
char      *eccp_date_time_format         (GDateTime   *time);
/* "%x %H:%M": a time to read, not to edit. */
char      *eccp_date_time_format_short   (GDateTime   *time);
/* "%H:%M" in @zone (the time's own offset when %NULL): a clock time in a
 * day's schedule. */
char      *eccp_date_time_format_clock   (GDateTime   *time,
                                          GTimeZone   *zone);

/* How long before @now @when was: "just now", "5 minutes ago" ("5 min
 * ago" when @compact, for a header bar), "3 hours ago", "2 days ago"
 * within a week, else the day in the locale's format. */
char      *eccp_date_time_format_age     (GDateTime   *when,
                                          GDateTime   *now,
                                          gboolean     compact);

/* The time @text (RFC 3339) in the zone @zone_id (an IANA identifier such
 * as an event's "Europe/Warsaw"; this computer's when %NULL or unknown):
 * "08:15" when it is @now's day there, else "%x %H:%M". */
char      *eccp_date_time_format_in_zone (const char  *text,
                                          const char  *zone_id,
                                          GDateTime   *now);

G_END_DECLS
