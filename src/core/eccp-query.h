/* eccp-query.h: what a list shows: a type, a search, filters, an order, a page
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _EccpQuery EccpQuery;

#define ECCP_TYPE_QUERY (eccp_query_get_type ())

GType        eccp_query_get_type        (void) G_GNUC_CONST;
EccpQuery   *eccp_query_new             (const char      *type);
EccpQuery   *eccp_query_copy            (const EccpQuery *self);
void         eccp_query_free            (EccpQuery       *self);

const char  *eccp_query_get_record_type (const EccpQuery *self);

/* Full-text search, ignoring case and diacritics; every word must match the
 * start of a word of a searchable field ("zelj erka" finds "Željko Erkapić").
 * %NULL or blank: no search. */
void         eccp_query_set_search      (EccpQuery       *self,
                                         const char      *text);
const char  *eccp_query_get_search      (const EccpQuery *self);

/* FIELD=VALUE, VALUE as typed on the command line (see
 * eccp_field_spec_parse_text()): a list field matches records whose list
 * holds every given item; a relation matches the related id; "members.sme"
 * names an object member.  Filters add up (AND). */
void         eccp_query_add_filter      (EccpQuery       *self,
                                         const char      *field,
                                         const char      *value);
guint        eccp_query_get_n_filters   (const EccpQuery *self);

/* A filter that is no field, computed at the query's now: a call's
 * status, "status=open" (open now, closing soon included), "closing" (its
 * next cut-off within ECCP_CALL_CLOSING_DAYS), "forthcoming" (opens
 * later) or "closed" (no cut-off to come); see eccp-call.h.  The command
 * line's --where takes it as it takes fields. */
#define ECCP_QUERY_CALL_STATUS "status"
gboolean     eccp_query_filter_is_computed
                                        (const char      *type,
                                         const char      *field);
void         eccp_query_get_filter      (const EccpQuery *self,
                                         guint            index,
                                         const char     **field,
                                         const char     **value);

/* A period of a date or time field: records whose value is in [@from, @to).
 * @from (inclusive) and @to (exclusive) are RFC 3339 date-times with an
 * offset ("2026-06-04T09:00:00+02:00"), or %NULL for no bound.
 *
 * - ECCP_FIELD_TIME: instants are compared, whatever the offsets, to the
 *   second;
 * - a LIST of ECCP_FIELD_TIME: its last (latest) item is compared (a call
 *   closes at its last cut-off);
 * - ECCP_FIELD_DATE: dates are compared, a bound's date being the day at
 *   its own offset (a DATE field also takes a bare "YYYY-MM-DD" bound).
 *
 * With @missing_matches a record without the field (null, missing, an
 * empty list) matches too: "opened already" includes calls that give no
 * opening time.  With neither bound, a record matches when it has the
 * field.  Ranges add up (AND) with each other and the filters.  A bound
 * that is not a date-time, or a field that is not a date or time, is an
 * error of the query (eccp_store_query()). */
void         eccp_query_add_range       (EccpQuery       *self,
                                         const char      *field,
                                         const char      *from,
                                         const char      *to,
                                         gboolean         missing_matches);
guint        eccp_query_get_n_ranges    (const EccpQuery *self);
void         eccp_query_get_range       (const EccpQuery *self,
                                         guint            index,
                                         const char     **field,
                                         const char     **from,
                                         const char     **to,
                                         gboolean        *missing_matches);

/* %NULL: by relevance when searching, else by the title field (a call
 * list: upcoming by its deadlines, eccp_query_set_sort_upcoming()).  A
 * list of times (a call's "deadlines") sorts by its next item at the
 * query's now, or its last when all are past. */
void         eccp_query_set_sort        (EccpQuery       *self,
                                         const char      *field,
                                         gboolean         descending);
/* Upcoming first, at the query's now: records still ahead (a call with a
 * cut-off to come, by that next cut-off; an event or a meeting not yet
 * ended, by @field, its start) soonest first, then the others, the most
 * recent first (a call by its last cut-off).  @field is a time, or a
 * call's "deadlines".  This is a call list's order when it sets none and
 * searches nothing.  eccp_query_set_sort() replaces it. */
void         eccp_query_set_sort_upcoming
                                        (EccpQuery       *self,
                                         const char      *field);
gboolean     eccp_query_get_sort_upcoming
                                        (const EccpQuery *self);
const char  *eccp_query_get_sort_field  (const EccpQuery *self);
gboolean     eccp_query_get_sort_descending
                                        (const EccpQuery *self);

/* The instant that "open", "closing" and "upcoming" are relative to;
 * %NULL (the default): the time the query runs.  A list that pages sets
 * it once, so that its pages agree. */
void         eccp_query_set_now         (EccpQuery       *self,
                                         GDateTime       *now);
GDateTime   *eccp_query_get_now         (const EccpQuery *self);

/* 0 limit: no limit. */
void         eccp_query_set_range       (EccpQuery       *self,
                                         guint            offset,
                                         guint            limit);
guint        eccp_query_get_offset      (const EccpQuery *self);
guint        eccp_query_get_limit       (const EccpQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpQuery, eccp_query_free)

G_END_DECLS
