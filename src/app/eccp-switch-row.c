/* eccp-switch-row.c: the editor of yes or no
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-switch-row.h"
#include "eccp-field-row-private.h"
#include "eccp-widget-util.h"

struct _EccpSwitchRow
{
  EccpFieldRowBase  parent_instance;

  GtkSwitch        *toggle;
  gboolean          initial_active;
};

static void field_row_iface_init (EccpFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpSwitchRow, eccp_switch_row, ECCP_TYPE_FIELD_ROW_BASE,
                               G_IMPLEMENT_INTERFACE (ECCP_TYPE_FIELD_ROW, field_row_iface_init))

static JsonNode *
switch_row_get_value (EccpFieldRow  *row,
                      char         **message)
{
  EccpSwitchRow *self = ECCP_SWITCH_ROW (row);
  gboolean active = gtk_switch_get_active (self->toggle);
  JsonNode *node;

  if (active == self->initial_active)
    return _eccp_field_row_base_initial_copy (ECCP_FIELD_ROW_BASE (row));

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_boolean (node, active);
  return node;
}

static void
field_row_iface_init (EccpFieldRowInterface *iface)
{
  iface->get_value = switch_row_get_value;
}

static void
eccp_switch_row_build (EccpFieldRowBase *base,
                       JsonNode         *original)
{
  EccpSwitchRow *self = ECCP_SWITCH_ROW (base);
  const char *label = _eccp_field_row_base_get_label (base);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  self->initial_active = original != NULL && JSON_NODE_HOLDS_VALUE (original) &&
                         json_node_get_value_type (original) == G_TYPE_BOOLEAN &&
                         json_node_get_boolean (original);

  gtk_switch_set_active (GTK_SWITCH (toggle), self->initial_active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  eccp_widget_set_accessible_label (toggle, label);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (_eccp_field_row_emit_changed), self,
                           G_CONNECT_SWAPPED);

  self->toggle = GTK_SWITCH (toggle);
  _eccp_field_row_base_set_widgets (base, row, toggle);
}

static void
eccp_switch_row_class_init (EccpSwitchRowClass *klass)
{
  ECCP_FIELD_ROW_BASE_CLASS (klass)->build = eccp_switch_row_build;
}

static void
eccp_switch_row_init (EccpSwitchRow *self)
{
}
