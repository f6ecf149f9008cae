/* eccp-time-list-row.c: the editor of a list of times
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group titled with the field's label: one EccpEntryRow per time
 * ("Deadline 1", "Deadline 2"), each with a button that removes it, and
 * "Add Deadline" in the group's header.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-time-list-row.h"
#include "eccp-entry-row.h"
#include "eccp-field-row-private.h"
#include "eccp-widget-util.h"

#include <glib/gi18n.h>

struct _EccpTimeListRow
{
  EccpFieldRowBase  parent_instance;

  GPtrArray        *items;      /* of EccpEntryRow */
  GtkWidget        *add_button;
  GTimeZone        *zone;
  gboolean          zone_given;
};

static void field_row_iface_init (EccpFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpTimeListRow, eccp_time_list_row, ECCP_TYPE_FIELD_ROW_BASE,
                               G_IMPLEMENT_INTERFACE (ECCP_TYPE_FIELD_ROW, field_row_iface_init))

/* The name of one item of a list field. */
typedef struct
{
  const char *field;
  const char *label; /* N_() */
} ItemLabel;

static const ItemLabel item_labels[] = {
  { "deadlines", N_("Deadline") },
};

static const char *
item_label (EccpTimeListRow *self)
{
  EccpFieldRowBase *base = ECCP_FIELD_ROW_BASE (self);
  const EccpFieldSpec *field = _eccp_field_row_base_get_field (base);

  for (guint i = 0; i < G_N_ELEMENTS (item_labels); i++)
    {
      if (g_str_equal (item_labels[i].field, field->name))
        return _(item_labels[i].label);
    }

  return _eccp_field_row_base_get_label (base);
}

static GtkWidget *
item_entry (EccpTimeListRow *self,
            guint            i)
{
  return _eccp_entry_row_get_entry (g_ptr_array_index (self->items, i));
}

static JsonNode *
time_list_row_get_value (EccpFieldRow  *row,
                         char         **message)
{
  EccpTimeListRow *self = ECCP_TIME_LIST_ROW (row);
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autofree char *item_message = NULL;
      JsonNode *value = eccp_field_row_get_value (g_ptr_array_index (self->items, i), &item_message);

      if (value == NULL)
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item_entry (self, i)));

          /* Translators: a message about one row of a list: "Deadline 2: Not a date…" */
          *message = g_strdup_printf (_("%s: %s"), title, item_message);
          return NULL;
        }

      if (JSON_NODE_HOLDS_NULL (value))
        json_node_unref (value);
      else
        json_array_add_element (array, value);
    }

  if (_eccp_field_row_base_get_initial (ECCP_FIELD_ROW_BASE (self)) == NULL &&
      json_array_get_length (array) == 0)
    return json_node_new (JSON_NODE_NULL);

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static void
time_list_row_set_time_zone (EccpFieldRow *row,
                             GTimeZone    *zone)
{
  EccpTimeListRow *self = ECCP_TIME_LIST_ROW (row);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone != NULL ? g_time_zone_ref (zone) : NULL;
  self->zone_given = TRUE;

  for (guint i = 0; i < self->items->len; i++)
    eccp_field_row_set_time_zone (g_ptr_array_index (self->items, i), zone);
}

static void
field_row_iface_init (EccpFieldRowInterface *iface)
{
  iface->get_value = time_list_row_get_value;
  iface->set_time_zone = time_list_row_set_time_zone;
}

static void
relabel_items (EccpTimeListRow *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *entry = item_entry (self, i);
      GtkWidget *remove = g_object_get_data (G_OBJECT (entry), "remove-button");
      /* Translators: one row of a list, "Deadline 2" */
      g_autofree char *title = g_strdup_printf (_("%s %u"), item_label (self), i + 1);
      /* Translators: the button that removes one row of a list, "Remove Deadline 2" */
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);

      _eccp_field_row_label_entry_row (entry, title);
      eccp_widget_set_accessible_label (remove, remove_label);
    }
}

static void
remove_item_cb (EccpTimeListRow *self,
                GtkButton       *button)
{
  AdwPreferencesGroup *group = _eccp_field_row_base_get_group (ECCP_FIELD_ROW_BASE (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *entry = item_entry (self, i);

      if (g_object_get_data (G_OBJECT (entry), "remove-button") != (gpointer) button)
        continue;

      /* Focus moves to the next time, or the one before, or "Add". */
      if (i + 1 < self->items->len)
        gtk_widget_grab_focus (item_entry (self, i + 1));
      else if (i > 0)
        gtk_widget_grab_focus (item_entry (self, i - 1));
      else
        gtk_widget_grab_focus (self->add_button);

      if (group != NULL)
        adw_preferences_group_remove (group, entry);
      g_ptr_array_remove_index (self->items, i);
      break;
    }

  relabel_items (self);
  _eccp_field_row_emit_changed (self);
}

static EccpEntryRow *
add_item (EccpTimeListRow *self,
          JsonNode        *original)
{
  EccpFieldRowBase *base = ECCP_FIELD_ROW_BASE (self);
  AdwPreferencesGroup *group = _eccp_field_row_base_get_group (base);
  EccpEntryRow *item;
  GtkWidget *entry;
  GtkWidget *remove;

  item = _eccp_entry_row_new_item (_eccp_field_row_base_get_store (base),
                                   _eccp_field_row_base_get_field (base), original,
                                   self->items->len > 0 ? g_ptr_array_index (self->items, 0) : NULL);
  if (self->zone_given)
    eccp_field_row_set_time_zone (ECCP_FIELD_ROW (item), self->zone);

  entry = _eccp_entry_row_get_entry (item);
  remove = _eccp_field_row_make_remove_button (NULL);
  g_object_set_data (G_OBJECT (entry), "remove-button", remove);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_item_cb), self, G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), remove);

  g_signal_connect_object (item, "changed", G_CALLBACK (_eccp_field_row_emit_changed), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->items, item);

  if (group != NULL)
    adw_preferences_group_add (group, entry);
  relabel_items (self);

  return item;
}

static void
add_clicked_cb (EccpTimeListRow *self)
{
  EccpEntryRow *item = add_item (self, NULL);

  gtk_widget_grab_focus (_eccp_entry_row_get_entry (item));
  _eccp_field_row_emit_changed (self);
}

static void
eccp_time_list_row_build (EccpFieldRowBase *base,
                          JsonNode         *original)
{
  EccpTimeListRow *self = ECCP_TIME_LIST_ROW (base);
  JsonArray *array = original != NULL && JSON_NODE_HOLDS_ARRAY (original)
                     ? json_node_get_array (original) : NULL;
  g_autofree char *add_label = NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    add_item (self, json_array_get_element (array, i));
  /* A new list starts with one empty time to type into. */
  if (self->items->len == 0 && _eccp_field_row_base_is_creating (base))
    add_item (self, NULL);

  /* Translators: the button that adds a row to a list: "Add Deadline" */
  add_label = g_strdup_printf (_("Add %s"), item_label (self));
  self->add_button = _eccp_field_row_make_add_button (add_label, add_label);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  /* No one row stands for the list: the times are marked one by one. */
  _eccp_field_row_base_set_widgets (base, NULL, self->add_button);
}

static void
eccp_time_list_row_fill_group (EccpFieldRowBase    *base,
                               AdwPreferencesGroup *group)
{
  EccpTimeListRow *self = ECCP_TIME_LIST_ROW (base);

  adw_preferences_group_set_header_suffix (group, self->add_button);
  for (guint i = 0; i < self->items->len; i++)
    adw_preferences_group_add (group, item_entry (self, i));
}

static void
eccp_time_list_row_mark_error (EccpFieldRowBase *base,
                               gboolean          error)
{
  EccpTimeListRow *self = ECCP_TIME_LIST_ROW (base);

  for (guint i = 0; i < self->items->len; i++)
    {
      if (error)
        gtk_widget_add_css_class (item_entry (self, i), "error");
      else
        gtk_widget_remove_css_class (item_entry (self, i), "error");
    }
}

static GtkWidget *
eccp_time_list_row_get_focus_widget (EccpFieldRowBase *base)
{
  EccpTimeListRow *self = ECCP_TIME_LIST_ROW (base);

  return self->items->len > 0 ? item_entry (self, 0) : self->add_button;
}

static void
eccp_time_list_row_finalize (GObject *object)
{
  EccpTimeListRow *self = (EccpTimeListRow *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (eccp_time_list_row_parent_class)->finalize (object);
}

static void
eccp_time_list_row_class_init (EccpTimeListRowClass *klass)
{
  EccpFieldRowBaseClass *base_class = ECCP_FIELD_ROW_BASE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = eccp_time_list_row_finalize;
  base_class->wants_group = TRUE;
  base_class->build = eccp_time_list_row_build;
  base_class->fill_group = eccp_time_list_row_fill_group;
  base_class->mark_error = eccp_time_list_row_mark_error;
  base_class->get_focus_widget = eccp_time_list_row_get_focus_widget;
}

static void
eccp_time_list_row_init (EccpTimeListRow *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
