/* eccp-multi-choice-row.c: the editor of a list of choices
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Check boxes in an expander row, whose subtitle says what is chosen.
 * Items the specs do not know (a newer portal's) are kept as they are.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-multi-choice-row.h"
#include "eccp-field-row-private.h"
#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-json.h"

struct _EccpMultiChoiceRow
{
  EccpFieldRowBase  parent_instance;

  AdwExpanderRow   *expander;
  GPtrArray        *checks;  /* of GtkCheckButton, parallel to field->choices */
  JsonArray        *unknown; /* items of the original not among the choices */
};

static void field_row_iface_init (EccpFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpMultiChoiceRow, eccp_multi_choice_row, ECCP_TYPE_FIELD_ROW_BASE,
                               G_IMPLEMENT_INTERFACE (ECCP_TYPE_FIELD_ROW, field_row_iface_init))

static gboolean
same_items (JsonArray *a,
            JsonArray *b)
{
  if (json_array_get_length (a) != json_array_get_length (b))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; !found && j < json_array_get_length (b); j++)
        found = eccp_json_node_equal (json_array_get_element (a, i), json_array_get_element (b, j));
      if (!found)
        return FALSE;
    }

  return TRUE;
}

static JsonNode *
multi_choice_row_get_value (EccpFieldRow  *row,
                            char         **message)
{
  EccpMultiChoiceRow *self = ECCP_MULTI_CHOICE_ROW (row);
  EccpFieldRowBase *base = ECCP_FIELD_ROW_BASE (row);
  const EccpFieldSpec *field = _eccp_field_row_base_get_field (base);
  JsonNode *initial = _eccp_field_row_base_get_initial (base);
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < self->checks->len; i++)
    {
      if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        json_array_add_string_element (array, field->choices[i]);
    }

  for (guint i = 0; i < json_array_get_length (self->unknown); i++)
    json_array_add_element (array, eccp_json_node_deep_copy (json_array_get_element (self->unknown, i)));

  /* The same choices as the original, whatever their order there: no change. */
  if (initial != NULL && JSON_NODE_HOLDS_ARRAY (initial))
    {
      if (same_items (array, json_node_get_array (initial)))
        return eccp_json_node_deep_copy (initial);
    }
  else if (json_array_get_length (array) == 0)
    {
      return _eccp_field_row_base_initial_copy (base);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static void
field_row_iface_init (EccpFieldRowInterface *iface)
{
  iface->get_value = multi_choice_row_get_value;
}

static void
update_subtitle (EccpMultiChoiceRow *self)
{
  const EccpFieldSpec *field = _eccp_field_row_base_get_field (ECCP_FIELD_ROW_BASE (self));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      if (!gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, eccp_field_spec_choice_label (field, field->choices[i]));
    }

  for (guint i = 0; i < json_array_get_length (self->unknown); i++)
    {
      JsonNode *element = json_array_get_element (self->unknown, i);

      if (!_eccp_field_row_holds_string (element))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, json_node_get_string (element));
    }

  eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (self->expander), text->len > 0 ? text->str : _("None"));
}

static void
check_toggled_cb (EccpMultiChoiceRow *self)
{
  update_subtitle (self);
  _eccp_field_row_emit_changed (self);
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
    {
      JsonNode *element = json_array_get_element (array, j);

      if (_eccp_field_row_holds_string (element) && g_str_equal (json_node_get_string (element), value))
        return TRUE;
    }

  return FALSE;
}

static void
eccp_multi_choice_row_build (EccpFieldRowBase *base,
                             JsonNode         *original)
{
  EccpMultiChoiceRow *self = ECCP_MULTI_CHOICE_ROW (base);
  const EccpFieldSpec *field = _eccp_field_row_base_get_field (base);
  JsonArray *array = original != NULL && JSON_NODE_HOLDS_ARRAY (original)
                     ? json_node_get_array (original) : NULL;

  self->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  self->checks = g_ptr_array_new ();
  self->unknown = json_array_new ();

  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (self->expander), _eccp_field_row_base_get_label (base));
  eccp_widget_set_accessible_label (GTK_WIDGET (self->expander), _eccp_field_row_base_get_label (base));

  for (guint i = 0; field->choices != NULL && field->choices[i] != NULL; i++)
    {
      const char *label = eccp_field_spec_choice_label (field, field->choices[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), array_has_string (array, field->choices[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      eccp_widget_set_accessible_label (check, label);
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->expander, row);
      g_ptr_array_add (self->checks, check);
    }

  for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
    {
      JsonNode *element = json_array_get_element (array, j);

      if (!_eccp_field_row_holds_string (element) ||
          !g_strv_contains ((const char * const *) field->choices, json_node_get_string (element)))
        json_array_add_element (self->unknown, eccp_json_node_deep_copy (element));
    }

  _eccp_field_row_base_set_widgets (base, GTK_WIDGET (self->expander), GTK_WIDGET (self->expander));
  update_subtitle (self);
}

static void
eccp_multi_choice_row_finalize (GObject *object)
{
  EccpMultiChoiceRow *self = (EccpMultiChoiceRow *)object;

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->unknown, json_array_unref);

  G_OBJECT_CLASS (eccp_multi_choice_row_parent_class)->finalize (object);
}

static void
eccp_multi_choice_row_class_init (EccpMultiChoiceRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eccp_multi_choice_row_finalize;
  ECCP_FIELD_ROW_BASE_CLASS (klass)->build = eccp_multi_choice_row_build;
}

static void
eccp_multi_choice_row_init (EccpMultiChoiceRow *self)
{
}
