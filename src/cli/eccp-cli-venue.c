/* eccp-cli-venue.c: checkin and attendees, what an event team runs at the
 * door, and the check-in line of `show attendee`
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

static EccpRecord *
get_local (EccpStore   *store,
           const char  *type,
           const char  *id,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  EccpRecord *record = eccp_store_get (store, type, id, &local_error);

  if (record != NULL)
    return record;

  if (g_error_matches (local_error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND))
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                   _("There is no %s “%s” in the local store (“eccp list %s”)"),
                   type, id, type);
      return NULL;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* "at 08:15 by Entrance A": the time on the event's clock (its time zone),
 * whatever the offset it was recorded with. */
static char *
checkin_when_where (EccpStore         *store,
                    EccpAttendeeState *state)
{
  g_autoptr(EccpRecord) event = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = NULL;
  const char *zone = NULL;

  event = state->event_id != NULL ? eccp_store_get (store, "event", state->event_id, NULL) : NULL;
  if (event != NULL)
    zone = eccp_json_get_string (eccp_record_get_attributes (event), "timezone");

  time = eccp_date_time_format_in_zone (state->last_at, zone, now);
  if (state->last_device != NULL && *state->last_device != '\0')
    /* Translators: "at 08:15 by Entrance A", the device that checked them in */
    return g_strdup_printf (_("at %s by %s"), time, state->last_device);

  return g_strdup_printf (_("at %s"), time);
}

char *
eccp_cli_checkin_summary (EccpStore   *store,
                          const char  *attendee_id)
{
  g_autoptr(EccpAttendeeState) state = NULL;
  g_autofree char *when_where = NULL;
  const char *unsent;

  state = eccp_store_get_attendee_state (store, attendee_id, NULL);
  if (state == NULL)
    return g_strdup (_("unknown"));

  if (state->last_checkin_id == NULL)
    return g_strdup (_("no"));

  when_where = checkin_when_where (store, state);
  unsent = state->last_state != ECCP_SYNC_STATE_SYNCED ? _(" (not sent yet)") : "";

  if (state->checked_in)
    /* Translators: "yes, at 08:15 by Entrance A" */
    return g_strdup_printf (_("yes, %s%s"), when_where, unsent);

  /* Translators: "no (undone at 08:20 by Entrance A)" */
  return g_strdup_printf (_("no (undone %s)%s"), when_where, unsent);
}

/* ---- checkin ---- */

/* %TRUE when the attendee is already where the check-in would take them:
 * the reason, on stderr, and nothing added. */
static gboolean
nothing_to_do (EccpStore         *store,
               EccpAttendeeState *state,
               gboolean           undo)
{
  g_autofree char *when_where = NULL;

  if (state->checked_in == undo)
    return FALSE;

  if (undo)
    {
      g_printerr (_("%s is not checked in: nothing to undo\n"), state->name);
      return TRUE;
    }

  when_where = checkin_when_where (store, state);
  /* Translators: "Anna Müller is already checked in at 08:15 by Entrance A…" */
  g_printerr (_("%s is already checked in %s: nothing added (--again checks in again)\n"),
              state->name, when_where);
  return TRUE;
}

gboolean
eccp_cli_cmd_checkin (EccpCli      *cli,
                      EccpCliArgs  *args,
                      GError      **error)
{
  const char *event_id = eccp_cli_args_positional (args, 0);
  const char *attendee_id = eccp_cli_args_positional (args, 1);
  gboolean undo = eccp_cli_args_has (args, "undo");
  const EccpTypeSpec *attendee_type = eccp_type_spec_lookup ("attendee");
  const EccpFieldSpec *event_field;
  g_autoptr(EccpRecord) event = NULL;
  g_autoptr(EccpRecord) attendee = NULL;
  g_autoptr(EccpRecord) checkin = NULL;
  g_autoptr(EccpAttendeeState) state = NULL;
  g_autoptr(GPtrArray) attendee_events = NULL;
  EccpStore *store;

  if ((store = eccp_cli_get_store (cli, error)) == NULL ||
      (event = get_local (store, "event", event_id, error)) == NULL ||
      (attendee = get_local (store, "attendee", attendee_id, error)) == NULL)
    return FALSE;

  event_field = eccp_type_spec_get_field (attendee_type, "event");
  attendee_events = eccp_relationship_get_ids (event_field, eccp_cli_record_field (attendee, event_field), NULL);
  if (attendee_events->len == 0 ||
      strcmp (g_ptr_array_index (attendee_events, 0), event_id) != 0)
    {
      g_autoptr(EccpRecord) other = NULL;

      if (attendee_events->len > 0)
        other = eccp_store_get (store, "event", g_ptr_array_index (attendee_events, 0), NULL);

      if (other != NULL)
        g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                     _("%s (%s) is an attendee of “%s”, not of “%s”: nobody is checked in"),
                     eccp_record_get_title (attendee), attendee_id,
                     eccp_record_get_title (other), eccp_record_get_title (event));
      else if (attendee_events->len > 0)
        g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                     _("%s (%s) is an attendee of the event %s, not of “%s”: nobody is checked in"),
                     eccp_record_get_title (attendee), attendee_id,
                     (const char *) g_ptr_array_index (attendee_events, 0),
                     eccp_record_get_title (event));
      else
        g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                     _("%s (%s) is an attendee of no event, not of “%s”: nobody is checked in"),
                     eccp_record_get_title (attendee), attendee_id, eccp_record_get_title (event));
      return FALSE;
    }

  /* A second check-in of someone who is in (two people at the door, a
   * key pressed twice) would only blur the record of who came when. */
  if ((state = eccp_store_get_attendee_state (store, attendee_id, error)) == NULL)
    return FALSE;
  if (!eccp_cli_args_has (args, "again") && nothing_to_do (store, state, undo))
    return TRUE;

  /* The app's device name unless told otherwise: one preference. */
  checkin = eccp_store_check_in (store, event_id, attendee_id, undo,
                                 eccp_cli_args_get (args, "device"), error);
  if (checkin == NULL)
    return FALSE;

  /* Only the id on stdout, as `eccp create` prints it. */
  printf ("%s\n", eccp_record_get_id (checkin));
  return TRUE;
}

/* ---- attendees ---- */

static JsonNode *
state_to_json (EccpAttendeeState *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, state->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, state->name);
  json_builder_set_member_name (builder, "organisation");
  json_builder_add_string_value (builder, state->organisation);
  json_builder_set_member_name (builder, "country");
  json_builder_add_string_value (builder, state->country);
  json_builder_set_member_name (builder, "checked_in");
  json_builder_add_boolean_value (builder, state->checked_in);
  /* The check-in that has them in; null when they are not. */
  json_builder_set_member_name (builder, "last_checkin");
  if (state->checked_in)
    json_builder_add_string_value (builder, state->last_at);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_attendees_json (const char *event_id,
                      gint64      registered,
                      gint64      checked_in,
                      GPtrArray  *states)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, event_id);
  json_builder_set_member_name (builder, "registered");
  json_builder_add_int_value (builder, registered);
  json_builder_set_member_name (builder, "checked_in");
  json_builder_add_int_value (builder, checked_in);
  json_builder_set_member_name (builder, "attendees");
  json_builder_begin_array (builder);
  for (guint i = 0; i < states->len; i++)
    json_builder_add_value (builder, state_to_json (g_ptr_array_index (states, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  eccp_cli_print_json (root);
}

/* One line an attendee: in or not, since when, who, and the id that
 * `eccp checkin` takes. */
static void
print_attendees_text (EccpStore  *store,
                      EccpRecord *event,
                      gint64      registered,
                      gint64      checked_in,
                      GPtrArray  *states)
{
  g_autofree char *n_in = eccp_cli_format_count (checked_in);
  g_autofree char *n_registered = eccp_cli_format_count (registered);
  guint name_width = 0;

  /* Translators: "112 of 180 checked in — Matchmaking Kraków" */
  printf (_("%s of %s checked in — %s\n"), n_in, n_registered, eccp_record_get_title (event));

  for (guint i = 0; i < states->len; i++)
    {
      EccpAttendeeState *state = g_ptr_array_index (states, i);
      g_autofree char *name = eccp_cli_ellipsize (state->name, 40);

      name_width = MAX (name_width, eccp_cli_text_width (name));
    }

  for (guint i = 0; i < states->len; i++)
    {
      EccpAttendeeState *state = g_ptr_array_index (states, i);
      g_autofree char *name = eccp_cli_ellipsize (state->name, 40);
      g_autofree char *padded = eccp_cli_pad (name, name_width);
      g_autofree char *organisation = eccp_cli_ellipsize (state->organisation != NULL ? state->organisation : "", 40);
      g_autofree char *org_padded = eccp_cli_pad (organisation, 40);
      g_autofree char *when = state->checked_in ? checkin_when_where (store, state) : NULL;
      g_autofree char *mark = eccp_cli_pad (state->checked_in ? _("in") : "–", 3);

      printf ("%s %s  %s  %-2s  %s  %s\n", mark, padded, org_padded,
              state->country != NULL ? state->country : "", state->id,
              when != NULL ? when : "");
    }
}

gboolean
eccp_cli_cmd_attendees (EccpCli      *cli,
                        EccpCliArgs  *args,
                        GError      **error)
{
  const char *event_id = eccp_cli_args_positional (args, 0);
  g_autoptr(EccpRecord) event = NULL;
  g_autoptr(GPtrArray) states = NULL;
  gint64 registered = 0;
  gint64 checked_in = 0;
  EccpStore *store;

  if ((store = eccp_cli_get_store (cli, error)) == NULL ||
      (event = get_local (store, "event", event_id, error)) == NULL)
    return FALSE;

  /* The counts are the event's, whatever the search shows. */
  if (!eccp_store_count_checked_in (store, event_id, &registered, &checked_in, error) ||
      (states = eccp_store_list_attendee_states (store, event_id, eccp_cli_args_get (args, "search"),
                                                 ECCP_CHECKIN_FILTER_ALL, error)) == NULL)
    return FALSE;

  if (eccp_cli_args_has (args, "json"))
    print_attendees_json (event_id, registered, checked_in, states);
  else
    print_attendees_text (store, event, registered, checked_in, states);

  return TRUE;
}
