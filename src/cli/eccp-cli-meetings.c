/* eccp-cli-meetings.c: an event's bilateral meetings, in time order
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "eccp-cli.h"
#include "eccp-date.h"
#include "eccp-json.h"
#include "eccp-store-meetings.h"

char *
eccp_cli_meeting_title (EccpStore  *store,
                        EccpRecord *meeting)
{
  g_autofree char *requester = eccp_store_get_title (store, "attendee",
                                                     eccp_record_get_related_id (meeting, "requester"));
  g_autofree char *invitee = eccp_store_get_title (store, "attendee",
                                                   eccp_record_get_related_id (meeting, "invitee"));

  /* Translators: a meeting's two attendees, "Željko Erkapić – Anna Nowak" */
  return g_strdup_printf (_("%s – %s"), requester != NULL ? requester : "?",
                          invitee != NULL ? invitee : "?");
}

/* @text (RFC 3339) in @zone, or at its own offset when @zone is %NULL;
 * %NULL when it is not a time. */
static GDateTime *
meeting_time (EccpRecord *meeting,
              const char *field,
              GTimeZone  *zone)
{
  g_autoptr(GDateTime) time = NULL;
  const char *text = eccp_record_get_string (meeting, field);

  if (text == NULL || (time = eccp_date_time_parse_rfc3339 (text)) == NULL)
    return NULL;

  return zone != NULL ? g_date_time_to_timezone (time, zone) : g_steal_pointer (&time);
}

static JsonNode *
person_json (EccpStore  *store,
             EccpRecord *meeting,
             const char *relationship)
{
  const char *id = eccp_record_get_related_id (meeting, relationship);
  g_autofree char *name = eccp_store_get_title (store, "attendee", id);
  g_autoptr(JsonObject) person = json_object_new ();

  json_object_set_string_member (person, "id", id);
  json_object_set_string_member (person, "name", name);

  return json_node_init_object (json_node_alloc (), person);
}

static void
set_time_member (JsonObject *object,
                 const char *name,
                 GDateTime  *time)
{
  g_autofree char *text = time != NULL ? eccp_date_time_format_rfc3339 (time) : NULL;

  if (text != NULL)
    json_object_set_string_member (object, name, text);
  else
    json_object_set_null_member (object, name);
}

static void
print_json (EccpStore  *store,
            const char *event_id,
            const char *attendee_id,
            GTimeZone  *zone,
            GPtrArray  *meetings)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array = json_array_new ();

  json_object_set_string_member (root, "event", event_id);
  if (zone != NULL)
    json_object_set_string_member (root, "timezone", g_time_zone_get_identifier (zone));
  else
    json_object_set_null_member (root, "timezone");
  if (attendee_id != NULL)
    json_object_set_string_member (root, "attendee", attendee_id);

  for (guint i = 0; i < meetings->len; i++)
    {
      EccpRecord *meeting = g_ptr_array_index (meetings, i);
      g_autoptr(GDateTime) starts = meeting_time (meeting, "starts_at", zone);
      g_autoptr(GDateTime) ends = meeting_time (meeting, "ends_at", zone);
      JsonObject *object = json_object_new ();
      const char *table = eccp_record_get_string (meeting, "table");

      json_object_set_string_member (object, "id", eccp_record_get_id (meeting));
      set_time_member (object, "starts_at", starts);
      set_time_member (object, "ends_at", ends);
      if (table != NULL)
        json_object_set_string_member (object, "table", table);
      else
        json_object_set_null_member (object, "table");
      json_object_set_string_member (object, "status", eccp_record_get_string (meeting, "status"));
      json_object_set_member (object, "requester", person_json (store, meeting, "requester"));
      json_object_set_member (object, "invitee", person_json (store, meeting, "invitee"));
      json_object_set_string_member (object, "sync_state",
                                     eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE,
                                                         eccp_record_get_sync_state (meeting)));
      json_array_add_object_element (array, object);
    }

  json_object_set_array_member (root, "meetings", array);
  node = json_node_init_object (json_node_alloc (), root);
  eccp_cli_print_json (node);
}

/* One line per meeting under a line per day: the time, table, who and the
 * status, in columns. */
static void
print_plain (EccpStore  *store,
             GTimeZone  *zone,
             GPtrArray  *meetings)
{
  const EccpFieldSpec *status_field = eccp_type_spec_get_field_path (eccp_type_spec_lookup ("meeting"),
                                                                     "status");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint widths[4] = { 0 };
  g_autofree char *day = NULL;

  if (zone != NULL)
    printf (_("Times in %s\n"), g_time_zone_get_identifier (zone));

  for (guint i = 0; i < meetings->len; i++)
    {
      EccpRecord *meeting = g_ptr_array_index (meetings, i);
      g_autoptr(GDateTime) starts = meeting_time (meeting, "starts_at", zone);
      g_autoptr(GDateTime) ends = meeting_time (meeting, "ends_at", zone);
      g_autofree char *from = starts != NULL ? eccp_date_time_format_clock (starts, NULL) : g_strdup ("?");
      g_autofree char *to = ends != NULL ? eccp_date_time_format_clock (ends, NULL) : g_strdup ("?");
      const char *table = eccp_record_get_string (meeting, "table");
      char mark[2] = { eccp_cli_sync_mark (eccp_record_get_sync_state (meeting)), '\0' };
      g_autoptr(GError) clash = NULL;
      GStrv row = g_new0 (char *, 8);

      row[0] = starts != NULL ? eccp_date_from_time (starts) : g_strdup ("");
      row[1] = g_strdup (mark);
      row[2] = g_strdup_printf ("%s–%s", from, to);
      row[3] = g_strdup (table != NULL ? table : "");
      row[4] = eccp_cli_meeting_title (store, meeting);
      row[5] = eccp_cli_display_field (status_field, eccp_cli_record_field (meeting, status_field));
      /* Two desks that booked one slot offline: the portal took the
       * other's (409 slot_taken); say which, under this one. */
      if (!eccp_store_check_meeting_slot (store, meeting, &clash) &&
          g_error_matches (clash, ECCP_STORE_ERROR, ECCP_STORE_ERROR_SLOT_TAKEN))
        row[6] = g_strdup (clash->message);

      for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
        widths[c] = MAX (widths[c], eccp_cli_text_width (row[2 + c]));
      g_ptr_array_add (rows, row);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);
      g_autoptr(GString) line = g_string_new (row[1]);

      if (g_strcmp0 (day, row[0]) != 0)
        {
          g_autofree char *shown = eccp_date_format (row[0]);

          g_free (day);
          day = g_strdup (row[0]);
          printf ("%s\n", shown);
        }

      for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
        {
          g_autofree char *cell = eccp_cli_pad (row[2 + c], c + 1 < G_N_ELEMENTS (widths) ? widths[c] : 0);

          g_string_append (line, c == 0 ? " " : "  ");
          g_string_append (line, cell);
        }

      printf ("%s\n", line->str);
      if (row[6] != NULL)
        printf ("   %s\n", row[6]);
    }
}

gboolean
eccp_cli_cmd_meetings (EccpCli      *cli,
                       EccpCliArgs  *args,
                       GError      **error)
{
  const char *event_id = eccp_cli_args_positional (args, 0);
  const char *attendee_id = eccp_cli_args_get (args, "attendee");
  g_autoptr(EccpRecord) event = NULL;
  g_autoptr(EccpRecord) attendee = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  EccpStore *store;

  if ((store = eccp_cli_get_store (cli, error)) == NULL ||
      (event = eccp_store_get (store, "event", event_id, error)) == NULL ||
      (attendee_id != NULL &&
       (attendee = eccp_store_get (store, "attendee", attendee_id, error)) == NULL) ||
      (meetings = eccp_store_list_meetings (store, event_id, attendee_id, error)) == NULL)
    return FALSE;

  zone = eccp_store_get_event_zone (store, event_id);

  if (eccp_cli_args_has (args, "json"))
    print_json (store, event_id, attendee_id, zone, meetings);
  else
    print_plain (store, zone, meetings);

  return TRUE;
}
