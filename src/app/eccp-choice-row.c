/* eccp-choice-row.c: the editor of one of a list: a choice or a country
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A combo row of the choices' labels (countries by name, in the user's
 * language), with "Not set" unless the field needs a value.  A value the
 * specs do not know (a newer portal's) is offered as it is.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-choice-row.h"
#include "eccp-field-row-private.h"
#include "eccp-widget-util.h"

#include <glib/gi18n.h>

struct _EccpChoiceRow
{
  EccpFieldRowBase  parent_instance;

  AdwComboRow      *combo;
  GPtrArray        *values; /* of each entry of the combo, %NULL for "Not set" */
  guint             initial_selected;
};

static void field_row_iface_init (EccpFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpChoiceRow, eccp_choice_row, ECCP_TYPE_FIELD_ROW_BASE,
                               G_IMPLEMENT_INTERFACE (ECCP_TYPE_FIELD_ROW, field_row_iface_init))

static JsonNode *
choice_row_get_value (EccpFieldRow  *row,
                      char         **message)
{
  EccpChoiceRow *self = ECCP_CHOICE_ROW (row);
  guint selected = adw_combo_row_get_selected (self->combo);
  const char *value;

  if (selected == self->initial_selected)
    return _eccp_field_row_base_initial_copy (ECCP_FIELD_ROW_BASE (row));

  if (selected >= self->values->len)
    return json_node_new (JSON_NODE_NULL);

  value = g_ptr_array_index (self->values, selected);
  return value != NULL ? _eccp_field_row_string_node (value) : json_node_new (JSON_NODE_NULL);
}

static void
field_row_iface_init (EccpFieldRowInterface *iface)
{
  iface->get_value = choice_row_get_value;
}

static void
eccp_choice_row_build (EccpFieldRowBase *base,
                       JsonNode         *original)
{
  EccpChoiceRow *self = ECCP_CHOICE_ROW (base);
  const EccpFieldSpec *field = _eccp_field_row_base_get_field (base);
  const char *label = _eccp_field_row_base_get_label (base);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *current = _eccp_field_row_holds_string (original) ? json_node_get_string (original) : NULL;
  gboolean required = (field->flags & ECCP_FIELD_FLAG_REQUIRED) != 0;
  gboolean creating = _eccp_field_row_base_is_creating (base);
  guint selected = 0;
  gboolean found = FALSE;

  self->combo = ADW_COMBO_ROW (adw_combo_row_new ());
  self->values = g_ptr_array_new_with_free_func (g_free);

  /* "Not set" unless the field needs a value; a new record's enum then
   * starts at its first choice, but a country is never guessed. */
  if (!required || (current == NULL && (!creating || field->kind == ECCP_FIELD_COUNTRY)))
    eccp_widget_add_choice (labels, self->values, _("Not set"), NULL);

  eccp_widget_add_field_choices (labels, self->values, field);

  for (guint i = 0; current != NULL && i < self->values->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->values, i), current) == 0)
        {
          selected = i;
          found = TRUE;
          break;
        }
    }

  /* A value the specs do not know (a newer portal's): kept as it is. */
  if (current != NULL && !found)
    {
      eccp_widget_add_choice (labels, self->values, current, current);
      selected = self->values->len - 1;
    }

  adw_combo_row_set_model (self->combo, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->combo, selected);
  self->initial_selected = selected;

  /* The default a new record starts with is its initial value. */
  if (original == NULL && g_ptr_array_index (self->values, selected) != NULL)
    {
      g_autoptr(JsonNode) initial = _eccp_field_row_string_node (g_ptr_array_index (self->values, selected));

      _eccp_field_row_base_set_initial (base, initial);
    }

  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (self->combo), label);
  eccp_widget_set_accessible_label (GTK_WIDGET (self->combo), label);
  g_signal_connect_object (self->combo, "notify::selected", G_CALLBACK (_eccp_field_row_emit_changed), self,
                           G_CONNECT_SWAPPED);

  _eccp_field_row_base_set_widgets (base, GTK_WIDGET (self->combo), GTK_WIDGET (self->combo));
}

static void
eccp_choice_row_finalize (GObject *object)
{
  EccpChoiceRow *self = (EccpChoiceRow *)object;

  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (eccp_choice_row_parent_class)->finalize (object);
}

static void
eccp_choice_row_class_init (EccpChoiceRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eccp_choice_row_finalize;
  ECCP_FIELD_ROW_BASE_CLASS (klass)->build = eccp_choice_row_build;
}

static void
eccp_choice_row_init (EccpChoiceRow *self)
{
}
