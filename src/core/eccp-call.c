/* eccp-call.c: a call for funding's cut-off dates, its state and badge
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a cluster manager looks for first: when a call closes.  Every rule
 * takes `now` from the caller, so that a list, its badges and the tests
 * agree on one instant.  The store's filters and order (eccp-store-when.c)
 * say the same in SQL.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-call.h"

#include <glib/gi18n-lib.h>

#include "eccp-date.h"
#include "eccp-json.h"

static const char * const state_nicks[] = {
  [ECCP_CALL_STATE_FORTHCOMING] = "forthcoming",
  [ECCP_CALL_STATE_OPEN] = "open",
  [ECCP_CALL_STATE_CLOSING] = "closing",
  [ECCP_CALL_STATE_CLOSED] = "closed",
};

const char *
eccp_call_state_get_nick (EccpCallState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_nicks), NULL);

  return state_nicks[state];
}

gboolean
eccp_call_state_from_nick (const char    *nick,
                           EccpCallState *state)
{
  g_return_val_if_fail (nick != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (state_nicks); i++)
    if (g_str_equal (nick, state_nicks[i]))
      {
        if (state != NULL)
          *state = i;
        return TRUE;
      }

  return FALSE;
}

static void
add_time (GPtrArray *times,
          JsonNode  *node)
{
  GDateTime *time;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return;

  /* Strictly RFC 3339, as the store's SQL reads them (eccp-store-when.c):
   * a cut-off read one way in the badge and another in the filter would
   * put a call under the wrong status */
  time = eccp_date_time_parse_rfc3339 (json_node_get_string (node));
  if (time != NULL)
    g_ptr_array_add (times, time);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  return g_date_time_compare (*(GDateTime * const *) a, *(GDateTime * const *) b);
}

GPtrArray *
eccp_call_get_deadlines (EccpRecord *call)
{
  GPtrArray *times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  JsonObject *attributes;
  JsonArray *deadlines;

  g_return_val_if_fail (ECCP_IS_RECORD (call), times);

  attributes = eccp_record_get_attributes (call);
  /* Only the contract's "deadlines" (portal-api.md §3): the store's
   * filters and order read nothing else */
  deadlines = eccp_json_get_array (attributes, "deadlines");
  for (guint i = 0; deadlines != NULL && i < json_array_get_length (deadlines); i++)
    add_time (times, json_array_get_element (deadlines, i));

  g_ptr_array_sort (times, compare_times);
  return times;
}

gboolean
eccp_call_deadline_is_past (GDateTime *deadline,
                            GDateTime *now)
{
  g_return_val_if_fail (deadline != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  /* The call closes the instant after its cut-off */
  return g_date_time_compare (deadline, now) < 0;
}

GDateTime *
eccp_call_get_next_deadline (EccpRecord *call,
                             GDateTime  *now)
{
  g_autoptr(GPtrArray) deadlines = NULL;

  g_return_val_if_fail (ECCP_IS_RECORD (call), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  deadlines = eccp_call_get_deadlines (call);
  for (guint i = 0; i < deadlines->len; i++)
    {
      GDateTime *deadline = g_ptr_array_index (deadlines, i);

      if (!eccp_call_deadline_is_past (deadline, now))
        return g_date_time_ref (deadline);
    }

  return NULL;
}

guint
eccp_call_count_remaining (EccpRecord *call,
                           GDateTime  *now)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  guint n = 0;

  g_return_val_if_fail (ECCP_IS_RECORD (call), 0);
  g_return_val_if_fail (now != NULL, 0);

  deadlines = eccp_call_get_deadlines (call);
  for (guint i = 0; i < deadlines->len; i++)
    if (!eccp_call_deadline_is_past (g_ptr_array_index (deadlines, i), now))
      n++;

  return n;
}

GDateTime *
eccp_call_get_opening (EccpRecord *call)
{
  const char *text;

  g_return_val_if_fail (ECCP_IS_RECORD (call), NULL);

  text = eccp_json_get_string (eccp_record_get_attributes (call), "opens_at");

  return text != NULL ? eccp_date_time_parse_rfc3339 (text) : NULL;
}

EccpCallState
eccp_call_get_state (EccpRecord *call,
                     GDateTime  *now)
{
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) opening = NULL;

  g_return_val_if_fail (ECCP_IS_RECORD (call), ECCP_CALL_STATE_CLOSED);
  g_return_val_if_fail (now != NULL, ECCP_CALL_STATE_CLOSED);

  next = eccp_call_get_next_deadline (call, now);
  if (next == NULL)
    return ECCP_CALL_STATE_CLOSED;

  opening = eccp_call_get_opening (call);
  if (opening != NULL && g_date_time_compare (opening, now) > 0)
    return ECCP_CALL_STATE_FORTHCOMING;

  /* Fourteen times 24 hours, as the store's filter counts them */
  if (g_date_time_difference (next, now) < ECCP_CALL_CLOSING_DAYS * G_TIME_SPAN_DAY)
    return ECCP_CALL_STATE_CLOSING;

  return ECCP_CALL_STATE_OPEN;
}

char *
eccp_call_format_badge (EccpRecord *call,
                        GDateTime  *now,
                        GTimeZone  *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *day = NULL;
  EccpCallState state;
  gboolean last;
  int days;

  g_return_val_if_fail (ECCP_IS_RECORD (call), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  state = eccp_call_get_state (call, now);
  switch (state)
    {
    case ECCP_CALL_STATE_CLOSED:
      /* Translators: a call's badge: no cut-off to come */
      return g_strdup (_("Closed"));

    case ECCP_CALL_STATE_FORTHCOMING:
      {
        g_autoptr(GDateTime) opening = eccp_call_get_opening (call);
        g_autoptr(GDateTime) opening_here = g_date_time_to_timezone (opening, zone);

        day = eccp_date_time_format_day (opening_here, now);
        /* Translators: a call's badge: "Opens 1 April" */
        return g_strdup_printf (_("Opens %s"), day);
      }

    case ECCP_CALL_STATE_OPEN:
    case ECCP_CALL_STATE_CLOSING:
    default:
      break;
    }

  next = eccp_call_get_next_deadline (call, now);
  there = g_date_time_to_timezone (next, zone);
  last = eccp_call_count_remaining (call, now) == 1;
  days = eccp_date_days_between (now, next, zone);
  clock = eccp_date_time_format_clock (there, NULL);

  if (days == 0)
    /* Translators: a call's badge: "Closes today at 17:00" / "Next cut-off today at 17:00" */
    return g_strdup_printf (last ? _("Closes today at %s") : _("Next cut-off today at %s"), clock);
  if (days == 1)
    /* Translators: a call's badge: "Closes tomorrow at 09:00" */
    return g_strdup_printf (last ? _("Closes tomorrow at %s") : _("Next cut-off tomorrow at %s"), clock);
  /* "in N days" only while closing, as the "closing" filter has it */
  if (state == ECCP_CALL_STATE_CLOSING)
    return g_strdup_printf (last ? ngettext ("Closes in %d day", "Closes in %d days", days)
                                 : ngettext ("Next cut-off in %d day", "Next cut-off in %d days", days),
                            days);

  day = eccp_date_time_format_day (there, now);
  /* Translators: a call's badge: "Closes 12 May" / "Next cut-off 12 March" */
  return g_strdup_printf (last ? _("Closes %s") : _("Next cut-off %s"), day);
}
