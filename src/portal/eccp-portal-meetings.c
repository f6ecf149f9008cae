/* eccp-portal-meetings.c: one attendee, one table, one meeting at a time
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-meetings.h"

#include "eccp-date.h"
#include "eccp-json.h"

typedef struct
{
  gint64      starts;
  gint64      ends;
  const char *requester;
  const char *invitee;
  const char *table;
} Slot;

static gint64
parse_time (JsonObject *attributes,
            const char *name)
{
  const char *text = eccp_json_get_string (attributes, name);
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return -1;

  time = eccp_date_time_parse_iso8601 (text);

  return time != NULL ? g_date_time_to_unix (time) : -1;
}

/* %FALSE when @attributes are not an accepted meeting with a valid time. */
static gboolean
read_slot (JsonObject *attributes,
           JsonObject *relationships,
           Slot       *slot)
{
  g_autofree char *table = NULL;

  if (g_strcmp0 (eccp_json_get_string (attributes, "status"), "accepted") != 0)
    return FALSE;

  slot->starts = parse_time (attributes, "starts_at");
  slot->ends = parse_time (attributes, "ends_at");
  slot->requester = eccp_portal_relationship_id (relationships, "requester");
  slot->invitee = eccp_portal_relationship_id (relationships, "invitee");
  slot->table = eccp_json_get_string (attributes, "table");
  if (slot->table != NULL && *slot->table == '\0')
    slot->table = NULL;

  return slot->starts >= 0 && slot->ends > slot->starts;
}

static gboolean
same_person (const char *a,
             const Slot *other)
{
  return a != NULL && (g_strcmp0 (a, other->requester) == 0 ||
                       g_strcmp0 (a, other->invitee) == 0);
}

static gboolean
clash (const Slot *a,
       const Slot *b)
{
  if (a->starts >= b->ends || b->starts >= a->ends)
    return FALSE;

  return same_person (a->requester, b) ||
         same_person (a->invitee, b) ||
         (a->table != NULL && g_strcmp0 (a->table, b->table) == 0);
}

char *
eccp_portal_meetings_find_clash (EccpPortalDb      *db,
                                 EccpPortalRecord  *meeting,
                                 GError           **error)
{
  g_autoptr(GPtrArray) bodies = NULL;
  const char *event_id;
  Slot slot;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (db), NULL);
  g_return_val_if_fail (meeting != NULL, NULL);

  event_id = eccp_portal_record_get_event_id (meeting);
  if (event_id == NULL || !read_slot (meeting->attributes, meeting->relationships, &slot))
    return NULL;

  bodies = eccp_portal_db_list_event_bodies (db, "meeting", event_id, error);
  if (bodies == NULL)
    return NULL;

  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr(JsonObject) other = eccp_json_object_from_string (g_ptr_array_index (bodies, i),
                                                                  NULL);
      const char *other_id = eccp_json_get_string (other, "id");
      Slot other_slot;

      if (other_id == NULL || g_str_equal (other_id, meeting->id))
        continue;

      if (read_slot (eccp_json_get_object (other, "attributes"),
                     eccp_json_get_object (other, "relationships"), &other_slot) &&
          clash (&slot, &other_slot))
        return g_strdup (other_id);
    }

  return NULL;
}
