/* eccp-store-purge.c: removing the attendee data of past events
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People carry the store on laptops; the attendees of an event that ended
 * weeks ago (names, e-mails, who met whom) need not travel with them.
 * What goes: the attendees, check-ins and meetings of events that ended
 * before a date.  What stays: every record with a change not sent yet, and
 * with it all of its event's attendee data, since a pending check-in or
 * meeting names attendees and a half-purged event would show wrong
 * counts.  The feed is incremental, so the portal sends purged records
 * again only when they change, or on a full re-sync (which brings them
 * back on purpose; the next purge removes them again).
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eccp-store-purge.h"

#include "eccp-date.h"
#include "eccp-format.h"
#include "eccp-store-private.h"
#include "eccp-store-when-private.h"

static const char * const personal_types[] = { "attendee", "checkin", "meeting" };

/* Events that ended (or, without an end, started) before ?1, a Unix time. */
#define PAST_EVENTS_SQL \
  "SELECT id FROM records WHERE type = 'event' AND deleted = 0 AND " \
  ECCP_STORE_TIME_SQL " (coalesce (json_extract (attributes, '$.ends_at')," \
  " json_extract (attributes, '$.starts_at'))) < ?1"

/* The changes not sent yet that need event ?1's attendee data: its own
 * records', and any record's that names one of its attendees. */
#define PENDING_SQL \
  "SELECT count (*) FROM outbox o JOIN records r ON r.type = o.type AND r.id = o.record_id" \
  " WHERE (r.type IN ('attendee', 'checkin', 'meeting')" \
  "        AND json_extract (r.relationships, '$.event.data.id') = ?1)" \
  "  OR EXISTS (SELECT 1 FROM records a WHERE a.type = 'attendee'" \
  "        AND json_extract (a.relationships, '$.event.data.id') = ?1" \
  "        AND a.id IN (json_extract (r.relationships, '$.attendee.data.id')," \
  "                     json_extract (r.relationships, '$.requester.data.id')," \
  "                     json_extract (r.relationships, '$.invitee.data.id')))"

GDateTime *
eccp_store_purge_default_before (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_days (now, -ECCP_STORE_PURGE_AFTER_DAYS);
}

/* The ids of event @event_id's records of @type; the type is a literal in
 * the SQL so the type's partial index serves it. */
static gboolean
list_personal (EccpStore   *self,
               const char  *type,
               const char  *event_id,
               GPtrArray   *ids,
               GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT id FROM records WHERE type = '%s' AND deleted = 0"
                         " AND json_extract (relationships, '$.event.data.id') = ?1", type);
  stmt = _eccp_store_statement_for (self, sql, event_id, NULL, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));

  return rc == SQLITE_DONE;
}

static gboolean
list_past_events (EccpStore  *self,
                  GDateTime  *before,
                  GPtrArray  *ids,
                  GError    **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, PAST_EVENTS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (before));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));

  return rc == SQLITE_DONE;
}

/* Removes (or only counts) one event's attendee data, unless changes not
 * sent yet need it. */
static gboolean
purge_event (EccpStore       *self,
             const char      *event_id,
             gboolean         dry_run,
             EccpPurgeStats  *stats,
             GError         **error)
{
  guint *counts[] = { &stats->n_attendees, &stats->n_checkins, &stats->n_meetings };
  sqlite3_stmt *stmt;
  gint64 pending;
  guint removed = 0;

  stmt = _eccp_store_statement_for (self, PENDING_SQL, event_id, NULL, error);
  if (stmt == NULL)
    return FALSE;
  pending = _eccp_store_step_int64 (self, stmt, _("The store could not be read"), error);
  if (pending < 0)
    return FALSE;

  if (pending > 0)
    {
      stats->n_kept_events++;
      stats->n_kept_changes += pending;
      return TRUE;
    }

  for (guint t = 0; t < G_N_ELEMENTS (personal_types); t++)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      if (!list_personal (self, personal_types[t], event_id, ids, error))
        return FALSE;

      for (guint i = 0; !dry_run && i < ids->len; i++)
        if (!_eccp_store_remove_row (self, personal_types[t], g_ptr_array_index (ids, i), error))
          return FALSE;

      *counts[t] += ids->len;
      removed += ids->len;
    }

  if (removed > 0)
    stats->n_events++;

  return TRUE;
}

/* Merges each index's segments, so the removed names are gone from the
 * index's pages too, not only marked deleted in a newer segment. */
static gboolean
optimize_search_index (EccpStore  *self,
                       GError    **error)
{
  if (!_eccp_store_flush_search_index (self, error))
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (personal_types); t++)
    {
      g_autofree char *table = _eccp_store_fts_table (personal_types[t]);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES ('optimize')", table, table);

      if (!_eccp_store_exec (self->db, sql, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * eccp_store_purge_personal_data:
 * @before: events that ended before this lose their attendee data
 * @dry_run: only count what would go
 * @stats: (out caller-allocates): what went and what stayed
 *
 * Removes the attendees, check-ins and meetings of events that ended
 * before @before, and their search text, in one transaction; keeps every
 * event's data that a change not sent yet needs.  The bytes are zeroed
 * (secure_delete), the search index merged and the WAL truncated.
 */
gboolean
eccp_store_purge_personal_data (EccpStore       *self,
                                GDateTime       *before,
                                gboolean         dry_run,
                                EccpPurgeStats  *stats,
                                GError         **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  EccpPurgeStats local = { 0 };
  gboolean success;
  guint removed;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (before != NULL, FALSE);

  /* ON, not the store's FAST: the pages freed here are zeroed too, so the
   * names do not linger in the file's free list. */
  if (!dry_run && !_eccp_store_exec (self->db, "PRAGMA secure_delete = ON", error))
    return FALSE;

  success = _eccp_store_begin (self, error);
  success = success && list_past_events (self, before, events, error);
  for (guint i = 0; success && i < events->len; i++)
    success = purge_event (self, g_ptr_array_index (events, i), dry_run, &local, error);

  removed = local.n_attendees + local.n_checkins + local.n_meetings;
  if (dry_run || (success && removed == 0))
    _eccp_store_rollback (self);
  else
    success = _eccp_store_end (self, success && optimize_search_index (self, error), error);

  if (!dry_run)
    {
      _eccp_store_exec (self->db, "PRAGMA secure_delete = FAST", NULL);
      /* Best effort: a reader in another program keeps the WAL until it
       * is done; the next checkpoint writes the zeroed pages anyway. */
      if (success && removed > 0)
        _eccp_store_exec (self->db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
    }

  if (success && stats != NULL)
    *stats = local;

  return success;
}

char *
eccp_purge_stats_describe (const EccpPurgeStats *stats,
                           GDateTime            *before,
                           gboolean              dry_run)
{
  g_autofree char *date = eccp_date_time_format_date (before);
  g_autofree char *attendees = NULL;
  g_autofree char *checkins = NULL;
  g_autofree char *meetings = NULL;
  g_autofree char *events = NULL;
  GString *text = g_string_new (NULL);

  if (stats->n_events == 0)
    {
      /* Translators: %s is a date, "6 Nov 2026" */
      g_string_append_printf (text, _("No attendee data of events that ended before %s"), date);
    }
  else
    {
      g_autofree char *n_attendees = eccp_format_integer (stats->n_attendees);
      g_autofree char *n_checkins = eccp_format_integer (stats->n_checkins);
      g_autofree char *n_meetings = eccp_format_integer (stats->n_meetings);
      g_autofree char *n_events = eccp_format_integer (stats->n_events);

      /* One ngettext each: each number picks its own plural form. */
      attendees = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s attendee", "%s attendees",
                                                stats->n_attendees), n_attendees);
      checkins = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s check-in", "%s check-ins",
                                               stats->n_checkins), n_checkins);
      meetings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s meeting", "%s meetings",
                                               stats->n_meetings), n_meetings);
      events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event", "%s events",
                                             stats->n_events), n_events);
      g_string_append_printf (text,
                              dry_run
                              /* Translators: "Would remove 130 attendees, 87 check-ins and 525
                               * meetings of 2 events that ended before 6 Nov 2026" */
                              ? _("Would remove %s, %s and %s of %s that ended before %s")
                              : _("Removed %s, %s and %s of %s that ended before %s"),
                              attendees, checkins, meetings, events, date);
    }

  if (stats->n_kept_changes > 0)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "kept %u event with changes not sent yet",
                                           "kept %u events with changes not sent yet",
                                           stats->n_kept_events),
                              stats->n_kept_events);
    }

  return g_string_free (text, FALSE);
}
