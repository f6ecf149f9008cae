/* eccp-record-view-times.c: a call's cut-offs and an event's times on the record view
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every cut-off of a call, earliest first, in the user's time and, when
 * that differs, at the call's own offset; those passed dimmed and saying
 * so, the next one standing out.  An event's times in its own zone, with
 * the user's when that differs (eccp-when.c).
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-view-private.h"

#include <glib/gi18n.h>

#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-when.h"
#include "eccp-widget-util.h"

gboolean
_eccp_record_view_is_cut_offs (const EccpFieldSpec *field)
{
  return field->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_TIME;
}

char *
_eccp_record_view_display_value (EccpRecord          *record,
                                 const EccpFieldSpec *field,
                                 JsonNode            *node)
{
  if (field->kind == ECCP_FIELD_TIME && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return eccp_when_format_time (record, json_node_get_string (node));

  return eccp_field_spec_display_value (field, node);
}

/* "Cut-off 2 of 3 · Next · in 5 days": which, passed or next, and how
 * near (only when it is: the title has the date) */
static GtkWidget *
deadline_row (GDateTime *deadline,
              GDateTime *now,
              gboolean   next,
              guint      index,
              guint      total)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = eccp_date_time_format_with_zone (deadline, NULL, NULL, ECCP_DATE_ZONE_USER_FIRST);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  gboolean passed = g_date_time_compare (deadline, now) < 0;

  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "deadline");

  if (total > 1)
    /* Translators: which cut-off of a call: "Cut-off 2 of 3" */
    g_ptr_array_add (parts, g_strdup_printf (_("Cut-off %u of %u"), index + 1, total));

  if (passed)
    {
      /* Said in words: the grey only helps the eye */
      g_ptr_array_add (parts, g_strdup (C_("cut-off", "Passed")));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_widget_add_css_class (row, "passed");
    }
  else if (next)
    {
      g_ptr_array_add (parts, g_strdup (C_("cut-off", "Next")));
      gtk_widget_add_css_class (row, "next");
    }

  if (!passed && eccp_date_days_between (now, deadline, NULL) <= ECCP_DATE_NEAR_DAYS)
    g_ptr_array_add (parts, eccp_date_time_format_relative (deadline, now, NULL));

  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of a cut-off's description */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);
  eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), subtitle);

  return row;
}

void
_eccp_record_view_add_deadlines (AdwPreferencesGroup *group,
                                 EccpRecord          *call,
                                 GDateTime           *now)
{
  g_autoptr(GPtrArray) deadlines = eccp_call_get_deadlines (call);
  gboolean next_found = FALSE;

  if (deadlines->len == 0)
    {
      eccp_widget_set_group_description (group, _("None"));
      return;
    }

  for (guint i = 0; i < deadlines->len; i++)
    {
      GDateTime *deadline = g_ptr_array_index (deadlines, i);
      gboolean next = !next_found && g_date_time_compare (deadline, now) >= 0;

      next_found = next_found || next;
      adw_preferences_group_add (group, deadline_row (deadline, now, next, i, deadlines->len));
    }
}
