/* eccp-when.c: a record's times as the app's views show them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words come from the core (eccp-call.c, eccp-date.c), the same as
 * eccp's; here they get their style and the clock that renews them.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-when.h"

#include "eccp-call.h"
#include "eccp-clock.h"
#include "eccp-date.h"
#include "eccp-store-meetings.h"

static const char * const state_classes[] = {
  [ECCP_CALL_STATE_FORTHCOMING] = "forthcoming",
  [ECCP_CALL_STATE_OPEN] = "open",
  [ECCP_CALL_STATE_CLOSING] = "closing",
  [ECCP_CALL_STATE_CLOSED] = "closed",
};

/* When the badge next reads otherwise, midnight aside (the clock's own):
 * the call opens, or its next cut-off passes. */
static GDateTime *
next_change (EccpRecord *call,
             GDateTime  *now)
{
  g_autoptr(GDateTime) opening = eccp_call_get_opening (call);
  g_autoptr(GDateTime) next = eccp_call_get_next_deadline (call, now);

  if (opening != NULL && g_date_time_compare (opening, now) > 0)
    return g_steal_pointer (&opening);
  /* A cut-off is still to come at its very instant */
  if (next != NULL)
    return g_date_time_add_seconds (next, 1);

  return NULL;
}

void
eccp_when_show_call_badge (GtkLabel   *label,
                           EccpRecord *record,
                           GDateTime  *now)
{
  g_autofree char *badge = NULL;
  g_autoptr(GDateTime) change = NULL;
  EccpCallState state;

  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (now != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), state_classes[i]);

  if (record == NULL || !g_str_equal (eccp_record_get_type_name (record), "call"))
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }

  state = eccp_call_get_state (record, now);
  badge = eccp_call_format_badge (record, now, NULL);
  gtk_label_set_label (label, badge);
  gtk_widget_add_css_class (GTK_WIDGET (label), "call-badge");
  gtk_widget_add_css_class (GTK_WIDGET (label), state_classes[state]);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);

  change = next_change (record, now);
  if (change != NULL)
    eccp_clock_wake_at (eccp_clock_get_default (), change);
}

char *
eccp_when_format_time (EccpRecord *record,
                       const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) source = NULL;

  g_return_val_if_fail (ECCP_IS_RECORD (record), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  time = eccp_date_time_parse_iso8601 (text);
  if (time == NULL)
    return g_strdup (text);

  /* A cut-off is the user's to meet: their clock first. */
  if (g_str_equal (eccp_record_get_type_name (record), "call"))
    return eccp_date_time_format_with_zone (time, NULL, NULL, ECCP_DATE_ZONE_USER_FIRST);

  source = eccp_event_get_zone (record);
  return eccp_date_time_format_with_zone (time, source, NULL, ECCP_DATE_ZONE_DEFAULT);
}
