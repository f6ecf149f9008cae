/* eccp-ical.h: calls' cut-offs and events as iCalendar (RFC 5545), for calendars
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-query.h"
#include "eccp-record.h"
#include "eccp-store.h"

G_BEGIN_DECLS

/* The MIME type and file name extension of what is written here */
#define ECCP_ICAL_MIME_TYPE "text/calendar"
#define ECCP_ICAL_SUFFIX    "ics"

/* Whether records of @type have a place in a calendar: "call" (one
 * entry per cut-off) and "event". */
gboolean        eccp_ical_supports_type   (const char      *type);

/* A VCALENDAR being built (PRODID "-//ECCP Desk//EN", VERSION 2.0,
 * METHOD PUBLISH), one record at a time:
 *
 * - a call: one VEVENT per cut-off (eccp_call_get_deadlines()), SUMMARY
 *   "Deadline: <title>" and " (cut-off 2 of 3)" when there are several,
 *   DTSTART the instant in UTC (a cut-off is an RFC 3339 time with an
 *   offset, not a zone) and no DTEND: an instant, zero long (RFC 5545
 *   §3.6.1), TRANSP TRANSPARENT; URL the call's `url`; DESCRIPTION its
 *   programme and description; a VALARM (DISPLAY) a week before, for the
 *   cut-offs still ahead at @now only (a calendar would ring a past one
 *   at once, as missed);
 * - an event: one VEVENT, DTSTART and DTEND with TZID its `timezone`
 *   (the IANA name, "Europe/Kyiv") and the VTIMEZONE for it once, from
 *   the system's tzdata through libical; without a zone, or one libical
 *   does not know, the times are in UTC, the same instants.  LOCATION
 *   venue, city, country (its name); URL `registration_url`.
 *
 * UIDs come from the record's id ("<id>@eccp-desk", a cut-off's
 * "<id>-cutoff-2@eccp-desk", numbered earliest first), SEQUENCE from its
 * rev and LAST-MODIFIED from meta.changed: importing a newer file updates
 * entries instead of adding them twice.  DTSTAMP is @stamp. */
typedef struct _EccpIcalWriter EccpIcalWriter;

/* @now: what is "ahead" (alarms); @stamp: DTSTAMP; %NULL: the current
 * time for either. */
EccpIcalWriter *eccp_ical_writer_new      (GDateTime       *now,
                                           GDateTime       *stamp);
void            eccp_ical_writer_free     (EccpIcalWriter  *self);
/* Adds @record's entries; %FALSE (G_IO_ERROR_NOT_SUPPORTED) when its type
 * has none (eccp_ical_supports_type()).  A record without a usable time
 * (an event with no `starts_at`) adds nothing. */
gboolean        eccp_ical_writer_add      (EccpIcalWriter  *self,
                                           EccpRecord      *record,
                                           GError         **error);
/* How many VEVENTs so far */
guint           eccp_ical_writer_get_n_events
                                          (EccpIcalWriter  *self);
/* The calendar as text, lines ending in CRLF, folded at 75 octets */
char           *eccp_ical_writer_to_string
                                          (EccpIcalWriter  *self);

/* The calendar of @records (EccpRecord, calls or events), at the current
 * time; %NULL with @error as eccp_ical_writer_add(). */
char           *eccp_ical_from_records    (GPtrArray       *records,
                                           GError         **error);

/* Writes the calendar of what @query selects (calls or events) to @out,
 * the one path of `eccp export … --format ics` and the app's Add to
 * Calendar.  @n_events: how many VEVENTs (may be %NULL).  Not atomic by
 * itself: write to g_file_replace()'s stream, or into memory first. */
gboolean        eccp_ical_write_query     (EccpStore       *store,
                                           EccpQuery       *query,
                                           GOutputStream   *out,
                                           guint           *n_events,
                                           GCancellable    *cancellable,
                                           GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpIcalWriter, eccp_ical_writer_free)

G_END_DECLS
