/* eccp-store-meetings.c: an event's bilateral meetings: the schedule and
 * the double-booking check
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store-meetings.h"

#include <glib/gi18n-lib.h>

#include "eccp-date.h"
#include "eccp-json.h"
#include "eccp-store-private.h"

/* The event's meetings by start time: the order meetings_by_event keeps
 * (eccp-store-schema.c), which these queries use. */
#define MEETINGS_OF_EVENT \
  "SELECT " RECORD_COLUMNS " FROM " RECORD_JOIN \
  " WHERE r.type = 'meeting' AND r.deleted = 0" \
  " AND json_extract (r.relationships, '$.event.data.id') = ?1"
#define MEETING_STARTS "unixepoch (json_extract (r.attributes, '$.starts_at'))"

GTimeZone *
eccp_store_get_event_zone (EccpStore  *self,
                           const char *event_id)
{
  g_autoptr(EccpRecord) event = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  if (event_id == NULL)
    return NULL;

  event = eccp_store_get (self, "event", event_id, NULL);

  return event != NULL ? eccp_event_get_zone (event) : NULL;
}

GTimeZone *
eccp_event_get_zone (EccpRecord *event)
{
  const char *identifier;

  g_return_val_if_fail (ECCP_IS_RECORD (event), NULL);

  identifier = eccp_record_get_string (event, "timezone");

  return identifier != NULL && *identifier != '\0' ? g_time_zone_new_identifier (identifier) : NULL;
}

char *
eccp_store_get_title (EccpStore  *self,
                      const char *type,
                      const char *id)
{
  g_autoptr(EccpRecord) record = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (id == NULL)
    return NULL;

  record = eccp_store_get (self, type, id, NULL);

  return g_strdup (record != NULL ? eccp_record_get_title (record) : id);
}

typedef struct
{
  EccpRecord *meeting;
  gint64      starts; /* the instant the SQL sorted by, in seconds */
  char       *table_key;
} SortItem;

static int
compare_tables (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortItem *x = a;
  const SortItem *y = b;
  int order = g_strcmp0 (x->table_key, y->table_key);

  return order != 0 ? order : g_strcmp0 (eccp_record_get_id (x->meeting), eccp_record_get_id (y->meeting));
}

static void
sort_by_table (GPtrArray *meetings)
{
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), meetings->len);
  guint start = 0;

  for (guint i = 0; i < meetings->len; i++)
    {
      EccpRecord *meeting = g_ptr_array_index (meetings, i);
      const char *table = eccp_record_get_string (meeting, "table");
      const char *starts = eccp_record_get_string (meeting, "starts_at");
      g_autoptr(GDateTime) time = starts != NULL ? eccp_date_time_parse_rfc3339 (starts) : NULL;
      SortItem item = { meeting, time != NULL ? g_date_time_to_unix (time) : G_MININT64,
                        g_utf8_collate_key_for_filename (table != NULL ? table : "", -1) };

      g_array_append_val (items, item);
    }

  /* Each run of one start time on its own: the rows come in time order. */
  for (guint i = 1; i <= items->len; i++)
    {
      if (i < items->len &&
          g_array_index (items, SortItem, i).starts == g_array_index (items, SortItem, start).starts)
        continue;

      g_qsort_with_data (&g_array_index (items, SortItem, start), i - start, sizeof (SortItem),
                         compare_tables, NULL);
      start = i;
    }

  for (guint i = 0; i < items->len; i++)
    {
      SortItem *item = &g_array_index (items, SortItem, i);

      meetings->pdata[i] = item->meeting;
      g_free (item->table_key);
    }
}

GPtrArray *
eccp_store_list_meetings (EccpStore   *self,
                          const char  *event_id,
                          const char  *attendee_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  stmt = _eccp_store_statement_for (self,
                                    MEETINGS_OF_EVENT
                                    " AND (?2 IS NULL"
                                    "   OR json_extract (r.relationships, '$.requester.data.id') = ?2"
                                    "   OR json_extract (r.relationships, '$.invitee.data.id') = ?2)"
                                    " ORDER BY " MEETING_STARTS ", r.id",
                                    event_id, attendee_id, error);
  if (stmt == NULL ||
      !_eccp_store_step_rows (self, stmt, (EccpRowFunc) _eccp_store_record_from_row, meetings, error))
    return NULL;

  /* At one time, tables in the order people count them: 2 before 10. */
  sort_by_table (meetings);

  return g_steal_pointer (&meetings);
}

/* An accepted meeting's place in the day: who, which table, when. */
typedef struct
{
  GDateTime  *starts;
  GDateTime  *ends;
  const char *people[2];
  const char *table;
} Slot;

static void
slot_clear (Slot *slot)
{
  g_clear_pointer (&slot->starts, g_date_time_unref);
  g_clear_pointer (&slot->ends, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Slot, slot_clear)

/* %FALSE when @meeting is not an accepted meeting with a valid time:
 * nothing for it to clash with. */
static gboolean
read_slot (EccpRecord *meeting,
           Slot       *slot)
{
  const char *starts = eccp_record_get_string (meeting, "starts_at");
  const char *ends = eccp_record_get_string (meeting, "ends_at");

  if (g_strcmp0 (eccp_record_get_string (meeting, "status"), "accepted") != 0 ||
      starts == NULL || ends == NULL)
    return FALSE;

  slot->starts = eccp_date_time_parse_rfc3339 (starts);
  slot->ends = eccp_date_time_parse_rfc3339 (ends);
  slot->people[0] = eccp_record_get_related_id (meeting, "requester");
  slot->people[1] = eccp_record_get_related_id (meeting, "invitee");
  slot->table = eccp_record_get_string (meeting, "table");
  if (slot->table != NULL && *slot->table == '\0')
    slot->table = NULL;

  return slot->starts != NULL && slot->ends != NULL &&
         g_date_time_compare (slot->starts, slot->ends) < 0;
}

/* The person of @slot who is also in @other, or %NULL. */
static const char *
shared_person (const Slot *slot,
               const Slot *other)
{
  for (guint i = 0; i < G_N_ELEMENTS (slot->people); i++)
    if (slot->people[i] != NULL &&
        (g_strcmp0 (slot->people[i], other->people[0]) == 0 ||
         g_strcmp0 (slot->people[i], other->people[1]) == 0))
      return slot->people[i];

  return NULL;
}

static gboolean
slots_clash (const Slot *slot,
             const Slot *other)
{
  /* Touching is not overlapping: 10:00–10:30 then 10:30–11:00. */
  if (g_date_time_compare (slot->starts, other->ends) >= 0 ||
      g_date_time_compare (other->starts, slot->ends) >= 0)
    return FALSE;

  return shared_person (slot, other) != NULL ||
         (slot->table != NULL && g_strcmp0 (slot->table, other->table) == 0);
}

GPtrArray *
eccp_store_find_meeting_clashes (EccpStore   *self,
                                 EccpRecord  *meeting,
                                 GError     **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) clashes = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Slot) slot = { 0 };
  const char *event_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (ECCP_IS_RECORD (meeting), NULL);

  event_id = eccp_record_get_related_id (meeting, "event");
  if (event_id == NULL || !read_slot (meeting, &slot))
    return g_steal_pointer (&clashes);

  /* Those that start before this one ends, found through the index, and
   * end after it starts, with someone or the table in common: only these
   * are read into records, then compared here exactly (unixepoch() drops
   * fractions of a second, hence ≤ and ≥ there). */
  stmt = _eccp_store_statement_for (self,
                                    MEETINGS_OF_EVENT
                                    " AND r.id <> ?2 AND " MEETING_STARTS " <= ?3"
                                    " AND unixepoch (json_extract (r.attributes, '$.ends_at')) >= ?4"
                                    " AND json_extract (r.attributes, '$.status') = 'accepted'"
                                    " AND (json_extract (r.attributes, '$.table') = ?5"
                                    "   OR json_extract (r.relationships, '$.requester.data.id') IN (?6, ?7)"
                                    "   OR json_extract (r.relationships, '$.invitee.data.id') IN (?6, ?7))"
                                    " ORDER BY " MEETING_STARTS ", r.id",
                                    event_id, eccp_record_get_id (meeting), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (slot.ends));
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (slot.starts));
  eccp_sqlite_bind_text (stmt, 5, slot.table);
  eccp_sqlite_bind_text (stmt, 6, slot.people[0]);
  eccp_sqlite_bind_text (stmt, 7, slot.people[1]);
  if (!_eccp_store_step_rows (self, stmt, (EccpRowFunc) _eccp_store_record_from_row,
                              candidates, error))
    return NULL;

  for (guint i = 0; i < candidates->len; i++)
    {
      EccpRecord *other = g_ptr_array_index (candidates, i);
      g_auto(Slot) other_slot = { 0 };

      if (read_slot (other, &other_slot) && slots_clash (&slot, &other_slot))
        g_ptr_array_add (clashes, g_object_ref (other));
    }

  return g_steal_pointer (&clashes);
}

char *
eccp_meeting_table_name (const char *table,
                         gboolean    sentence_start)
{
  if (table == NULL)
    return g_strdup ("");
  if (!g_ascii_isdigit (*table))
    return g_strdup (table);

  /* Translators: a numbered table at a matchmaking event, in a sentence */
  return sentence_start ? g_strdup_printf (_("Table %s"), table) : g_strdup_printf (_("table %s"), table);
}

/* "Željko Erkapić already has a meeting from 10:00 to 10:30 (with Anna
 * Nowak, table 12)", or "Table 12 is taken from 10:00 to 10:30 by …". */
static char *
describe_clash (EccpStore  *self,
                const Slot *slot,
                EccpRecord *other,
                GTimeZone  *zone)
{
  g_auto(Slot) other_slot = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *busy;

  read_slot (other, &other_slot);
  from = eccp_date_time_format_clock (other_slot.starts, zone);
  to = eccp_date_time_format_clock (other_slot.ends, zone);
  busy = shared_person (slot, &other_slot);

  if (busy != NULL)
    {
      const char *partner = g_strcmp0 (busy, other_slot.people[0]) == 0
        ? other_slot.people[1] : other_slot.people[0];
      g_autofree char *name = eccp_store_get_title (self, "attendee", busy);
      g_autofree char *partner_name = eccp_store_get_title (self, "attendee", partner);

      if (other_slot.table != NULL)
        {
          g_autofree char *table = eccp_meeting_table_name (other_slot.table, FALSE);

          /* Translators: "Željko Erkapić already has a meeting from 10:00
           * to 10:30 (with Anna Nowak, table 12)" */
          return g_strdup_printf (_("%s already has a meeting from %s to %s (with %s, %s)"),
                                  name, from, to, partner_name, table);
        }

      return g_strdup_printf (_("%s already has a meeting from %s to %s (with %s)"),
                              name, from, to, partner_name);
    }
  else
    {
      g_autofree char *first = eccp_store_get_title (self, "attendee", other_slot.people[0]);
      g_autofree char *second = eccp_store_get_title (self, "attendee", other_slot.people[1]);
      g_autofree char *table = eccp_meeting_table_name (other_slot.table, TRUE);

      /* Translators: "Table 12 is taken from 10:00 to 10:30 by Anna Nowak
       * and Željko Erkapić" */
      return g_strdup_printf (_("%s is taken from %s to %s by %s and %s"),
                              table, from, to, first, second);
    }
}

gboolean
eccp_store_check_meeting_slot (EccpStore   *self,
                               EccpRecord  *meeting,
                               GError     **error)
{
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *message = NULL;
  g_auto(Slot) slot = { 0 };

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (ECCP_IS_RECORD (meeting), FALSE);

  if (!g_str_equal (eccp_record_get_type_name (meeting), "meeting"))
    return TRUE;

  clashes = eccp_store_find_meeting_clashes (self, meeting, error);
  if (clashes == NULL)
    return FALSE;
  if (clashes->len == 0)
    return TRUE;

  read_slot (meeting, &slot);
  zone = eccp_store_get_event_zone (self, eccp_record_get_related_id (meeting, "event"));
  message = describe_clash (self, &slot, g_ptr_array_index (clashes, 0), zone);
  g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_SLOT_TAKEN, message);

  return FALSE;
}
