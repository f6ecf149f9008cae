/* eccp-store-venue.c: who is checked in at an event, the latest check-ins,
 * and this device's name
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store.h"

#include <glib/gi18n-lib.h>

#include "eccp-date.h"
#include "eccp-enum.h"
#include "eccp-store-private.h"

/* The one place that says who is checked in (portal-api.md §3): an
 * attendee's latest check-in by `at` (an instant: julianday() reads the
 * offset and the milliseconds), which is not an undo.  Two check-ins at
 * the same millisecond are ordered by id, as on every other store, so that
 * two laptops that synced agree.  checkins_by_attendee (schema 8) gives
 * the latest one without a sort: "+a.id" has no affinity, which lets
 * the planner compare it with the index's expression. */
#define LATEST_CHECKIN \
  "(SELECT c.num FROM records c WHERE c.type = 'checkin' AND c.deleted = 0" \
  " AND json_extract (c.relationships, '$.attendee.data.id') = +a.id" \
  " ORDER BY julianday (json_extract (c.attributes, '$.at')) DESC, c.id DESC LIMIT 1)"
#define IS_IN \
  "(l.num IS NOT NULL AND coalesce (json_extract (l.attributes, '$.undo'), 0) = 0)"
#define STATE_FROM \
  " FROM records a" \
  " LEFT JOIN records l ON l.num = " LATEST_CHECKIN \
  " LEFT JOIN outbox o ON o.type = 'checkin' AND o.record_id = l.id"
#define STATE_COLUMNS \
  "a.id, json_extract (a.relationships, '$.event.data.id')," \
  " json_extract (a.attributes, '$.name'), json_extract (a.attributes, '$.organisation')," \
  " json_extract (a.attributes, '$.country'), " IS_IN "," \
  " l.id, json_extract (l.attributes, '$.at'), json_extract (l.attributes, '$.device')," \
  " coalesce (o.state, 'synced')"
/* An event's attendees, as the attendees_by_event index spells it. */
#define EVENT_ATTENDEES \
  " WHERE a.type = 'attendee' AND a.deleted = 0" \
  " AND json_extract (a.relationships, '$.event.data.id') = ?1"

G_DEFINE_BOXED_TYPE (EccpAttendeeState, eccp_attendee_state,
                     eccp_attendee_state_copy, eccp_attendee_state_free)

EccpAttendeeState *
eccp_attendee_state_copy (const EccpAttendeeState *state)
{
  EccpAttendeeState *copy = g_new0 (EccpAttendeeState, 1);

  copy->id = g_strdup (state->id);
  copy->event_id = g_strdup (state->event_id);
  copy->name = g_strdup (state->name);
  copy->organisation = g_strdup (state->organisation);
  copy->country = g_strdup (state->country);
  copy->checked_in = state->checked_in;
  copy->last_checkin_id = g_strdup (state->last_checkin_id);
  copy->last_at = g_strdup (state->last_at);
  copy->last_device = g_strdup (state->last_device);
  copy->last_state = state->last_state;

  return copy;
}

void
eccp_attendee_state_free (EccpAttendeeState *state)
{
  if (state == NULL)
    return;

  g_free (state->id);
  g_free (state->event_id);
  g_free (state->name);
  g_free (state->organisation);
  g_free (state->country);
  g_free (state->last_checkin_id);
  g_free (state->last_at);
  g_free (state->last_device);
  g_free (state);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* An EccpAttendeeState from the STATE_COLUMNS of the current row. */
static gpointer
state_from_row (sqlite3_stmt *stmt)
{
  EccpAttendeeState *state = g_new0 (EccpAttendeeState, 1);

  state->id = column_dup (stmt, 0);
  state->event_id = column_dup (stmt, 1);
  state->name = column_dup (stmt, 2);
  state->organisation = column_dup (stmt, 3);
  state->country = column_dup (stmt, 4);
  state->checked_in = sqlite3_column_int (stmt, 5) != 0;
  state->last_checkin_id = column_dup (stmt, 6);
  state->last_at = column_dup (stmt, 7);
  state->last_device = column_dup (stmt, 8);
  state->last_state = state->last_checkin_id == NULL
    ? ECCP_SYNC_STATE_SYNCED
    : eccp_enum_from_nick (ECCP_TYPE_SYNC_STATE, (const char *) sqlite3_column_text (stmt, 9),
                           ECCP_SYNC_STATE_SYNCED);

  return state;
}

static const char *
filter_condition (EccpCheckinFilter filter)
{
  switch (filter)
    {
    case ECCP_CHECKIN_FILTER_IN:
      return " AND " IS_IN;
    case ECCP_CHECKIN_FILTER_NOT_IN:
      return " AND NOT " IS_IN;
    case ECCP_CHECKIN_FILTER_ALL:
    default:
      return "";
    }
}

/* ?1 the event, ?2 the FTS5 query when @search.  By name, then in the
 * order of attendees_by_event (its rowid), so that no sort is needed. */
char *
_eccp_store_attendee_states_sql (gboolean          search,
                                 EccpCheckinFilter filter)
{
  return g_strconcat ("SELECT " STATE_COLUMNS STATE_FROM EVENT_ATTENDEES,
                      search
                        ? " AND a.num IN (SELECT rowid FROM fts_attendee WHERE fts_attendee MATCH ?2)"
                        : "",
                      filter_condition (filter),
                      " ORDER BY json_extract (a.attributes, '$.name') COLLATE NOCASE, a.num",
                      NULL);
}

GPtrArray *
eccp_store_list_attendee_states (EccpStore          *self,
                                 const char         *event_id,
                                 const char         *search,
                                 EccpCheckinFilter   filter,
                                 GError            **error)
{
  g_autoptr(GPtrArray) states = NULL;
  g_autofree char *fts_query = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  states = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_attendee_state_free);

  /* The full-text index folds case and accents (and Ł, Ø, ß) as it does
   * for every other search; text with no letter or digit is no search. */
  if (search != NULL)
    fts_query = _eccp_store_fts_query (search);

  sql = _eccp_store_attendee_states_sql (fts_query != NULL, filter);

  stmt = _eccp_store_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;

  eccp_sqlite_bind_text (stmt, 1, event_id);
  if (fts_query != NULL)
    eccp_sqlite_bind_text (stmt, 2, fts_query);

  if (!_eccp_store_step_rows (self, stmt, state_from_row, states, error))
    return NULL;

  return g_steal_pointer (&states);
}

EccpAttendeeState *
eccp_store_get_attendee_state (EccpStore   *self,
                               const char  *attendee_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) states = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (attendee_id != NULL, NULL);

  stmt = _eccp_store_statement (self,
                                "SELECT " STATE_COLUMNS STATE_FROM
                                " WHERE a.type = 'attendee' AND a.id = ?1 AND a.deleted = 0",
                                error);
  if (stmt == NULL)
    return NULL;

  eccp_sqlite_bind_text (stmt, 1, attendee_id);
  states = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_attendee_state_free);
  if (!_eccp_store_step_rows (self, stmt, state_from_row, states, error))
    return NULL;

  if (states->len == 0)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with the id “%s”"), "attendee", attendee_id);
      return NULL;
    }

  return g_ptr_array_steal_index (states, 0);
}

gboolean
eccp_store_count_checked_in (EccpStore   *self,
                             const char  *event_id,
                             gint64      *registered,
                             gint64      *checked_in,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  stmt = _eccp_store_statement (self,
                                "SELECT count (*), coalesce (sum (" IS_IN "), 0)"
                                " FROM records a LEFT JOIN records l ON l.num = " LATEST_CHECKIN
                                EVENT_ATTENDEES,
                                error);
  if (stmt == NULL)
    return FALSE;

  eccp_sqlite_bind_text (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (registered != NULL)
        *registered = sqlite3_column_int64 (stmt, 0);
      if (checked_in != NULL)
        *checked_in = sqlite3_column_int64 (stmt, 1);
    }
  else
    {
      _eccp_store_set_sqlite_error (error, _eccp_store_get_db (self), _("The store could not be read"));
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

G_DEFINE_BOXED_TYPE (EccpRecentCheckin, eccp_recent_checkin,
                     eccp_recent_checkin_copy, eccp_recent_checkin_free)

EccpRecentCheckin *
eccp_recent_checkin_copy (const EccpRecentCheckin *checkin)
{
  EccpRecentCheckin *copy = g_new0 (EccpRecentCheckin, 1);

  copy->id = g_strdup (checkin->id);
  copy->attendee_id = g_strdup (checkin->attendee_id);
  copy->name = g_strdup (checkin->name);
  copy->at = g_strdup (checkin->at);
  copy->device = g_strdup (checkin->device);
  copy->undo = checkin->undo;
  copy->state = checkin->state;

  return copy;
}

void
eccp_recent_checkin_free (EccpRecentCheckin *checkin)
{
  if (checkin == NULL)
    return;

  g_free (checkin->id);
  g_free (checkin->attendee_id);
  g_free (checkin->name);
  g_free (checkin->at);
  g_free (checkin->device);
  g_free (checkin);
}

/* Newest first as LATEST_CHECKIN orders an attendee's, so that the top of
 * the list and the attendee's state agree; checkins_by_event (schema 9)
 * is walked backwards and the walk stops at ?2, with no sort. */
const char *
_eccp_store_recent_checkins_sql (void)
{
  return "SELECT c.id, json_extract (c.relationships, '$.attendee.data.id'),"
         " json_extract (a.attributes, '$.name'), json_extract (c.attributes, '$.at'),"
         " json_extract (c.attributes, '$.device'), coalesce (json_extract (c.attributes, '$.undo'), 0),"
         " coalesce (o.state, 'synced')"
         " FROM records c"
         " LEFT JOIN records a ON a.type = 'attendee' AND a.deleted = 0"
         "  AND a.id = json_extract (c.relationships, '$.attendee.data.id')"
         " LEFT JOIN outbox o ON o.type = 'checkin' AND o.record_id = c.id"
         " WHERE c.type = 'checkin' AND c.deleted = 0"
         " AND json_extract (c.relationships, '$.event.data.id') = ?1"
         " ORDER BY julianday (json_extract (c.attributes, '$.at')) DESC, c.id DESC"
         " LIMIT ?2";
}

static gpointer
recent_checkin_from_row (sqlite3_stmt *stmt)
{
  EccpRecentCheckin *checkin = g_new0 (EccpRecentCheckin, 1);

  checkin->id = column_dup (stmt, 0);
  checkin->attendee_id = column_dup (stmt, 1);
  checkin->name = column_dup (stmt, 2);
  checkin->at = column_dup (stmt, 3);
  checkin->device = column_dup (stmt, 4);
  checkin->undo = sqlite3_column_int (stmt, 5) != 0;
  checkin->state = eccp_enum_from_nick (ECCP_TYPE_SYNC_STATE, (const char *) sqlite3_column_text (stmt, 6),
                                        ECCP_SYNC_STATE_SYNCED);

  return checkin;
}

GPtrArray *
eccp_store_list_recent_checkins (EccpStore   *self,
                                 const char  *event_id,
                                 guint        limit,
                                 GError     **error)
{
  g_autoptr(GPtrArray) checkins = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  stmt = _eccp_store_statement (self, _eccp_store_recent_checkins_sql (), error);
  if (stmt == NULL)
    return NULL;

  eccp_sqlite_bind_text (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  checkins = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_recent_checkin_free);
  if (!_eccp_store_step_rows (self, stmt, recent_checkin_from_row, checkins, error))
    return NULL;

  return g_steal_pointer (&checkins);
}

/* The device name: a store setting, not GSettings, because `eccp` has no
 * GSettings and the app and the command line must sign check-ins alike. */
#define DEVICE_SETTING "device"
#define DEVICE_NAME_MAX 100 /* the check-in's device field (portal-api.md §3) */

char *
eccp_store_get_device_name (EccpStore *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  name = eccp_store_get_setting (self, DEVICE_SETTING);
  if (name != NULL && *name != '\0')
    return g_steal_pointer (&name);

  return g_strdup (g_get_host_name ());
}

gboolean
eccp_store_set_device_name (EccpStore   *self,
                            const char  *name,
                            GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (g_utf8_strlen (stripped, -1) > DEVICE_NAME_MAX)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   _("A device name has at most %d characters"), DEVICE_NAME_MAX);
      return FALSE;
    }

  /* Empty: back to the computer's name. */
  return eccp_store_set_setting (self, DEVICE_SETTING, *stripped != '\0' ? stripped : NULL, error);
}

static gboolean
set_relation (JsonObject          *relationships,
              const EccpTypeSpec  *type,
              const char          *name,
              const char          *id,
              GError             **error)
{
  JsonNode *node = eccp_field_spec_parse_text (eccp_type_spec_get_field (type, name), id, error);

  if (node == NULL)
    return FALSE;

  json_object_set_member (relationships, name, node);
  return TRUE;
}

EccpRecord *
eccp_store_check_in (EccpStore   *self,
                     const char  *event_id,
                     const char  *attendee_id,
                     gboolean     undo,
                     const char  *device,
                     GError     **error)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup ("checkin");
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonObject) relationships = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = eccp_date_time_format_rfc3339_ms (now);
  g_autofree char *signed_by = device != NULL ? g_strdup (device) : eccp_store_get_device_name (self);

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);
  g_return_val_if_fail (attendee_id != NULL, NULL);

  json_object_set_string_member (attributes, "at", at);
  json_object_set_string_member (attributes, "device", signed_by);
  json_object_set_boolean_member (attributes, "undo", undo);

  if (!set_relation (relationships, type, "event", event_id, error) ||
      !set_relation (relationships, type, "attendee", attendee_id, error))
    return NULL;

  return eccp_store_create (self, "checkin", NULL, attributes, relationships, error);
}
