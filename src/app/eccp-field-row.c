/* eccp-field-row.c: what every editor of one field does
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record editor and the conflict dialog ask an EccpFieldRow for a
 * field's value and show its messages, whatever widgets it uses.  Which
 * class edits a field is the core's word (eccp_field_spec_get_editor()):
 * eccp_field_row_new(), in eccp-field-row-factory.c, follows it, and
 * nothing else switches on the kind of editor.  The widgets are
 * data-driven, so they are made in code rather than in templates: the
 * field specs are the template.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-field-row.h"
#include "eccp-field-row-private.h"
#include "eccp-widget-util.h"

#include <string.h>

#include <glib/gi18n.h>


G_DEFINE_INTERFACE (EccpFieldRow, eccp_field_row, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
eccp_field_row_default_init (EccpFieldRowInterface *iface)
{
  /**
   * EccpFieldRow::changed:
   *
   * The user changed the value (typed, chose, linked).
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_INTERFACE (iface),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

void
_eccp_field_row_emit_changed (gpointer row)
{
  g_signal_emit (row, signals[CHANGED], 0);
}

const EccpFieldSpec *
eccp_field_row_get_field (EccpFieldRow *self)
{
  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), NULL);

  return ECCP_FIELD_ROW_GET_IFACE (self)->get_field (self);
}

const char *
eccp_field_row_get_path (EccpFieldRow *self)
{
  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), NULL);

  return ECCP_FIELD_ROW_GET_IFACE (self)->get_path (self);
}

gboolean
eccp_field_row_wants_group (EccpFieldRow *self)
{
  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), FALSE);

  return ECCP_FIELD_ROW_GET_IFACE (self)->wants_group (self);
}

void
eccp_field_row_attach (EccpFieldRow        *self,
                       AdwPreferencesGroup *group)
{
  g_return_if_fail (ECCP_IS_FIELD_ROW (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  ECCP_FIELD_ROW_GET_IFACE (self)->attach (self, group);
}

JsonNode *
eccp_field_row_get_value (EccpFieldRow  *self,
                          char         **message)
{
  g_autofree char *local_message = NULL;
  JsonNode *node;

  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), NULL);

  node = ECCP_FIELD_ROW_GET_IFACE (self)->get_value (self, &local_message);
  if (node == NULL && message != NULL)
    *message = g_steal_pointer (&local_message);

  return node;
}

gboolean
eccp_field_row_is_changed (EccpFieldRow *self)
{
  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), FALSE);

  return ECCP_FIELD_ROW_GET_IFACE (self)->is_changed (self);
}

void
eccp_field_row_set_message (EccpFieldRow         *self,
                            EccpFieldMessageKind  kind,
                            const char           *message)
{
  g_return_if_fail (ECCP_IS_FIELD_ROW (self));

  ECCP_FIELD_ROW_GET_IFACE (self)->set_message (self, kind, message);
}

void
eccp_field_row_set_time_zone (EccpFieldRow *self,
                              GTimeZone    *zone)
{
  g_return_if_fail (ECCP_IS_FIELD_ROW (self));

  if (ECCP_FIELD_ROW_GET_IFACE (self)->set_time_zone != NULL)
    ECCP_FIELD_ROW_GET_IFACE (self)->set_time_zone (self, zone);
}

void
eccp_field_row_focus (EccpFieldRow *self)
{
  g_return_if_fail (ECCP_IS_FIELD_ROW (self));

  ECCP_FIELD_ROW_GET_IFACE (self)->focus (self);
}

/* {{{ What the row classes share */

/* An entry row is found by its name, and so is the text inside it. */
void
_eccp_field_row_label_entry_row (GtkWidget  *entry_row,
                                 const char *label)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (entry_row));

  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (entry_row), label);
  eccp_widget_set_accessible_label (entry_row, label);
  if (delegate != NULL)
    eccp_widget_set_accessible_label (GTK_WIDGET (delegate), label);
}

/* Not an AdwButtonContent, which relates the button to its label again
 * and so doubles the name. */
GtkWidget *
_eccp_field_row_make_add_button (const char *label,
                                 const char *a11y_label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name ("list-add-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  eccp_widget_set_accessible_label (button, a11y_label);
  if (g_strcmp0 (label, a11y_label) != 0)
    gtk_widget_set_tooltip_text (button, a11y_label);

  return button;
}

GtkWidget *
_eccp_field_row_make_remove_button (const char *a11y_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  if (a11y_label != NULL)
    eccp_widget_set_accessible_label (button, a11y_label);

  return button;
}

char *
_eccp_field_row_strip_label (const char *label,
                             const char *message)
{
  gsize length = strlen (label);
  g_autofree char *rest = NULL;

  if (g_str_has_prefix (message, label) && g_str_has_prefix (message + length, ": "))
    message += length + 2;

  rest = g_strdup (message);
  if (*rest != '\0')
    {
      gunichar first = g_utf8_get_char (rest);
      g_autofree char *tail = g_strdup (g_utf8_next_char (rest));
      char upper[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_toupper (first), upper);
      return g_strconcat (upper, tail, NULL);
    }

  return g_steal_pointer (&rest);
}

gboolean
_eccp_field_row_holds_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

JsonNode *
_eccp_field_row_string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);

  return node;
}

/* }}} */
