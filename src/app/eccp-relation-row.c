/* eccp-relation-row.c: the editor of the records a record links to
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group titled with the field's label.  To one record: a row with the
 * linked record, "Choose…" and a button that clears it.  To many: a row
 * per linked record, each with a button that removes it, and "Add
 * Cluster…" in the group's header.  The records are picked in an
 * EccpRecordPicker over the local store, and shown by their titles.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-relation-row.h"
#include "eccp-field-row-private.h"
#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-json.h"
#include "eccp-record-picker.h"
#include "eccp-record-row.h"

struct _EccpRelationRow
{
  EccpFieldRowBase  parent_instance;

  gboolean          to_one;
  GPtrArray        *ids;         /* of char *, in order */
  GPtrArray        *initial_ids;
  GtkWidget        *add_button;  /* "Choose…", or "Add Cluster…" */

  /* To one */
  AdwActionRow     *link_row;
  GtkWidget        *clear_button;

  /* To many */
  GHashTable       *link_rows;   /* id → row */
};

static void field_row_iface_init (EccpFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpRelationRow, eccp_relation_row, ECCP_TYPE_FIELD_ROW_BASE,
                               G_IMPLEMENT_INTERFACE (ECCP_TYPE_FIELD_ROW, field_row_iface_init))

static const EccpFieldSpec *
get_field (EccpRelationRow *self)
{
  return _eccp_field_row_base_get_field (ECCP_FIELD_ROW_BASE (self));
}

static const char *
get_label (EccpRelationRow *self)
{
  return _eccp_field_row_base_get_label (ECCP_FIELD_ROW_BASE (self));
}

/* {{{ The value */

static void
read_ids (const EccpFieldSpec *field,
          JsonNode            *relationship,
          GPtrArray           *ids)
{
  /* Wrong types from the portal: no link, as everywhere else */
  g_autoptr(GPtrArray) read = eccp_relationship_get_ids (field, relationship, NULL);

  for (guint i = 0; i < read->len; i++)
    g_ptr_array_add (ids, g_strdup (g_ptr_array_index (read, i)));
}

static gboolean
same_ids (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

static JsonNode *
relation_row_get_value (EccpFieldRow  *row,
                        char         **message)
{
  EccpRelationRow *self = ECCP_RELATION_ROW (row);
  const char *target = get_field (self)->target_type;
  JsonObject *object;
  JsonNode *node;

  if (same_ids (self->ids, self->initial_ids))
    return _eccp_field_row_base_initial_copy (ECCP_FIELD_ROW_BASE (row));

  object = json_object_new ();
  if (self->to_one)
    {
      if (self->ids->len > 0)
        json_object_set_member (object, "data", eccp_json_identifier_new (target, g_ptr_array_index (self->ids, 0)));
      else
        json_object_set_null_member (object, "data");
    }
  else
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < self->ids->len; i++)
        json_array_add_element (array, eccp_json_identifier_new (target, g_ptr_array_index (self->ids, i)));
      json_object_set_array_member (object, "data", array);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static void
field_row_iface_init (EccpFieldRowInterface *iface)
{
  iface->get_value = relation_row_get_value;
}

/* }}} */

/* {{{ The rows of the linked records */

/* The linked record's title and summary, as the store has it. */
static void
describe_link (EccpRelationRow  *self,
               const char       *id,
               char            **title,
               char            **subtitle)
{
  EccpStore *store = _eccp_field_row_base_get_store (ECCP_FIELD_ROW_BASE (self));
  g_autoptr(EccpRecord) record = eccp_store_get (store, get_field (self)->target_type, id, NULL);

  if (record == NULL)
    {
      *title = g_strdup (id);
      *subtitle = g_strdup (_("Not in the local copy yet"));
      return;
    }

  *title = g_strdup (eccp_record_get_title (record));
  *subtitle = eccp_record_describe (record);
}

static void
update_link_row (EccpRelationRow *self)
{
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (self->link_row);

  if (self->ids->len > 0)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      describe_link (self, g_ptr_array_index (self->ids, 0), &title, &subtitle);
      eccp_widget_set_row_title (row, title);
      eccp_widget_set_row_subtitle (row, subtitle);
      gtk_widget_remove_css_class (GTK_WIDGET (row), "dim-label");
      gtk_widget_set_visible (self->clear_button, TRUE);
    }
  else
    {
      eccp_widget_set_row_title (row, _("None"));
      eccp_widget_set_row_subtitle (row, NULL);
      gtk_widget_set_visible (self->clear_button, FALSE);
    }
}

static void
update_description (EccpRelationRow *self)
{
  AdwPreferencesGroup *group = _eccp_field_row_base_get_group (ECCP_FIELD_ROW_BASE (self));

  if (group != NULL && !self->to_one)
    eccp_widget_set_group_description (group, self->ids->len == 0 ? _("None") : NULL);
}

static void
remove_link_cb (EccpRelationRow *self,
                GtkButton       *button)
{
  AdwPreferencesGroup *group = _eccp_field_row_base_get_group (ECCP_FIELD_ROW_BASE (self));
  /* A copy: the button, which holds it, goes with its row below. */
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "link-id"));

  for (guint i = 0; i < self->ids->len; i++)
    {
      const char *next_id;
      GtkWidget *next;
      GtkWidget *row;

      if (!g_str_equal (g_ptr_array_index (self->ids, i), id))
        continue;

      /* Focus moves to the next link, the one before, or "Add". */
      next_id = i + 1 < self->ids->len ? g_ptr_array_index (self->ids, i + 1)
              : i > 0 ? g_ptr_array_index (self->ids, i - 1) : NULL;
      next = next_id != NULL ? g_hash_table_lookup (self->link_rows, next_id) : NULL;
      if (next != NULL)
        gtk_widget_child_focus (next, GTK_DIR_TAB_FORWARD);
      else
        gtk_widget_grab_focus (self->add_button);

      row = g_hash_table_lookup (self->link_rows, id);
      if (row != NULL && group != NULL)
        adw_preferences_group_remove (group, row);
      g_hash_table_remove (self->link_rows, id);
      g_ptr_array_remove_index (self->ids, i);
      break;
    }

  update_description (self);
  _eccp_field_row_emit_changed (self);
}

static void
add_link_row (EccpRelationRow *self,
              const char      *id)
{
  AdwPreferencesGroup *group = _eccp_field_row_base_get_group (ECCP_FIELD_ROW_BASE (self));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;

  describe_link (self, id, &title, &subtitle);
  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), subtitle);
  eccp_widget_set_accessible_label (row, title);

  /* Translators: the button that unlinks a record, "Remove Cluster Name" */
  remove_label = g_strdup_printf (_("Remove %s"), title);
  remove = _eccp_field_row_make_remove_button (remove_label);
  g_object_set_data_full (G_OBJECT (remove), "link-id", g_strdup (id), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_link_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_hash_table_insert (self->link_rows, g_strdup (id), row);
  if (group != NULL)
    adw_preferences_group_add (group, row);
}

/* }}} */

/* {{{ Picking */

static void
picked_cb (EccpRelationRow *self,
           EccpRecord      *record)
{
  const char *id = eccp_record_get_id (record);

  if (self->to_one)
    {
      g_ptr_array_set_size (self->ids, 0);
      g_ptr_array_add (self->ids, g_strdup (id));
      update_link_row (self);
    }
  else if (g_hash_table_contains (self->link_rows, id))
    {
      /* Linked already: show where. */
      gtk_widget_child_focus (g_hash_table_lookup (self->link_rows, id), GTK_DIR_TAB_FORWARD);
      return;
    }
  else
    {
      g_ptr_array_add (self->ids, g_strdup (id));
      add_link_row (self, id);
      update_description (self);
    }

  gtk_widget_grab_focus (self->add_button);
  _eccp_field_row_emit_changed (self);
}

static void
choose_cb (EccpRelationRow *self,
           GtkButton       *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  EccpStore *store = _eccp_field_row_base_get_store (ECCP_FIELD_ROW_BASE (self));
  /* Translators: the title of the window that picks a linked record:
   * "Add Members", "Choose Coordinator" */
  g_autofree char *title = g_strdup_printf (self->to_one ? _("Choose %s") : _("Add %s"), get_label (self));
  GtkWidget *picker = eccp_record_picker_new (store, get_field (self)->target_type, title);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (picker), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (picker), TRUE);
  g_signal_connect_object (picker, "picked", G_CALLBACK (picked_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
clear_cb (EccpRelationRow *self)
{
  g_ptr_array_set_size (self->ids, 0);
  update_link_row (self);
  gtk_widget_grab_focus (self->add_button);
  _eccp_field_row_emit_changed (self);
}

/* }}} */

static void
build_to_one (EccpRelationRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Translators: "Choose Coordinator" */
  g_autofree char *choose_label = g_strdup_printf (_("Choose %s"), get_label (self));
  /* Translators: "Clear Coordinator": removes the link */
  g_autofree char *clear_label = g_strdup_printf (_("Clear %s"), get_label (self));

  self->link_row = ADW_ACTION_ROW (adw_action_row_new ());

  self->add_button = gtk_button_new_with_label (_("Choose…"));
  eccp_widget_set_accessible_label (self->add_button, choose_label);
  gtk_widget_set_tooltip_text (self->add_button, choose_label);

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_add_css_class (self->clear_button, "flat");
  eccp_widget_set_accessible_label (self->clear_button, clear_label);
  gtk_widget_set_tooltip_text (self->clear_button, clear_label);
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (clear_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->clear_button);
  gtk_box_append (GTK_BOX (box), self->add_button);
  adw_action_row_add_suffix (self->link_row, box);

  _eccp_field_row_base_set_widgets (ECCP_FIELD_ROW_BASE (self), GTK_WIDGET (self->link_row), self->add_button);
  update_link_row (self);
}

static void
build_to_many (EccpRelationRow *self)
{
  const EccpTypeSpec *target = eccp_type_spec_lookup (get_field (self)->target_type);
  const char *target_label = target != NULL ? _(target->label) : get_field (self)->target_type;
  /* Translators: the button that links one more record: "Add Cluster…" */
  g_autofree char *button_label = g_strdup_printf (_("Add %s…"), target_label);
  /* Translators: its accessible name, with the field's label: "Add Members" */
  g_autofree char *a11y_label = g_strdup_printf (_("Add %s"), get_label (self));

  self->link_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->add_button = _eccp_field_row_make_add_button (button_label, a11y_label);

  /* No one row stands for the links. */
  _eccp_field_row_base_set_widgets (ECCP_FIELD_ROW_BASE (self), NULL, self->add_button);
}

static void
eccp_relation_row_build (EccpFieldRowBase *base,
                         JsonNode         *original)
{
  EccpRelationRow *self = ECCP_RELATION_ROW (base);

  self->to_one = get_field (self)->kind == ECCP_FIELD_RELATION_ONE;
  read_ids (get_field (self), original, self->initial_ids);
  for (guint i = 0; i < self->initial_ids->len; i++)
    g_ptr_array_add (self->ids, g_strdup (g_ptr_array_index (self->initial_ids, i)));

  if (self->to_one)
    build_to_one (self);
  else
    build_to_many (self);

  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (choose_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
eccp_relation_row_fill_group (EccpFieldRowBase    *base,
                              AdwPreferencesGroup *group)
{
  EccpRelationRow *self = ECCP_RELATION_ROW (base);

  if (self->to_one)
    {
      adw_preferences_group_add (group, GTK_WIDGET (self->link_row));
      return;
    }

  adw_preferences_group_set_header_suffix (group, self->add_button);
  for (guint i = 0; i < self->ids->len; i++)
    add_link_row (self, g_ptr_array_index (self->ids, i));
  update_description (self);
}

static void
eccp_relation_row_finalize (GObject *object)
{
  EccpRelationRow *self = (EccpRelationRow *)object;

  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->initial_ids, g_ptr_array_unref);
  g_clear_pointer (&self->link_rows, g_hash_table_unref);

  G_OBJECT_CLASS (eccp_relation_row_parent_class)->finalize (object);
}

static void
eccp_relation_row_class_init (EccpRelationRowClass *klass)
{
  EccpFieldRowBaseClass *base_class = ECCP_FIELD_ROW_BASE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = eccp_relation_row_finalize;
  base_class->wants_group = TRUE;
  base_class->build = eccp_relation_row_build;
  base_class->fill_group = eccp_relation_row_fill_group;
}

static void
eccp_relation_row_init (EccpRelationRow *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->initial_ids = g_ptr_array_new_with_free_func (g_free);
}
