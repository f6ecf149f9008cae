/* eccp-conflict-choice.c: one decision of the conflict dialog
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group per conflicting field: the value before, on the portal and
 * mine, and a choice of three: keep mine, keep the portal's, or type
 * another in the field's own editor (an EccpFieldRow, as in the record
 * editor: the same parsing, then the core's validation).  A record
 * deleted on one side and edited on the other is a group with two
 * choices.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-conflict-choice.h"

#include <glib/gi18n.h>

#include "eccp-field-row-private.h"
#include "eccp-json.h"
#include "eccp-validation.h"
#include "eccp-widget-util.h"

void
_eccp_conflict_choice_free (gpointer data)
{
  EccpConflictChoice *choice = data;

  g_free (choice->name);
  g_clear_pointer (&choice->rows, g_ptr_array_unref);
  g_clear_pointer (&choice->conflict, json_node_unref);
  g_free (choice);
}

/* {{{ Values as a person reads them */

static JsonNode *
conflict_member (JsonNode   *conflict,
                 const char *side)
{
  JsonObject *object = conflict != NULL && JSON_NODE_HOLDS_OBJECT (conflict)
    ? json_node_get_object (conflict) : NULL;

  return object != NULL ? json_object_get_member (object, side) : NULL;
}

static void
append_related_title (EccpStore  *store,
                      GString    *out,
                      const char *type,
                      const char *id)
{
  g_autoptr(EccpRecord) record = eccp_store_get (store, type, id, NULL);

  if (out->len > 0)
    g_string_append (out, _(", "));
  g_string_append (out, record != NULL ? eccp_record_get_title (record) : id);
}

/* The value on one line, or %NULL for "Not set".  Related records by
 * their names where the local copy has them. */
static char *
display_value (EccpStore           *store,
               const EccpFieldSpec *field,
               JsonNode            *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  if (field == NULL)
    return json_to_string (value, FALSE);

  if (eccp_field_spec_is_relation (field))
    {
      g_autoptr(GPtrArray) ids = eccp_relationship_get_ids (field, value, NULL);
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < ids->len; i++)
        append_related_title (store, out, field->target_type, g_ptr_array_index (ids, i));

      return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
    }

  return eccp_field_spec_display_value (field, value);
}

static void
set_value_label (EccpStore           *store,
                 GtkLabel            *label,
                 const EccpFieldSpec *field,
                 JsonNode            *value)
{
  g_autofree char *text = display_value (store, field, value);

  if (text != NULL && *text != '\0')
    {
      gtk_label_set_label (label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_label_set_label (label, _("Not set"));
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

/* }}} */

/* {{{ A typed value */

/* The value typed in the rows, checked like any edit; %NULL with @error
 * and the row it is about in @wrong. */
static JsonNode *
typed_value (EccpConflictChoice  *choice,
             EccpFieldRow       **wrong,
             GError             **error)
{
  const EccpFieldSpec *field = choice->field;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(EccpFieldError) invalid = NULL;
  g_autofree char *message = NULL;

  if (field->kind != ECCP_FIELD_OBJECT)
    {
      *wrong = g_ptr_array_index (choice->rows, 0);
      value = eccp_field_row_get_value (*wrong, &message);
    }
  else
    {
      /* An object: mine, with each part as typed. */
      JsonNode *mine = conflict_member (choice->conflict, "mine");
      g_autoptr(JsonObject) object = mine != NULL && JSON_NODE_HOLDS_OBJECT (mine)
        ? eccp_json_object_deep_copy (json_node_get_object (mine)) : json_object_new ();

      for (guint i = 0; i < choice->rows->len && message == NULL; i++)
        {
          EccpFieldRow *row = g_ptr_array_index (choice->rows, i);
          JsonNode *part = eccp_field_row_get_value (row, &message);

          *wrong = row;
          if (part != NULL)
            json_object_set_member (object, eccp_field_row_get_field (row)->name, part);
        }

      if (message == NULL)
        {
          value = json_node_new (JSON_NODE_OBJECT);
          json_node_set_object (value, object);
        }
    }

  if (value == NULL)
    {
      g_set_error_literal (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID, message);
      return NULL;
    }

  invalid = eccp_validate_value (field, value);
  if (invalid != NULL)
    {
      /* An object's part: "members.sme". */
      for (guint i = 0; i < choice->rows->len; i++)
        {
          if (g_strcmp0 (eccp_field_row_get_path (g_ptr_array_index (choice->rows, i)), invalid->field) == 0)
            *wrong = g_ptr_array_index (choice->rows, i);
        }
      g_set_error_literal (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                           invalid->message);
      return NULL;
    }

  *wrong = NULL;
  return g_steal_pointer (&value);
}

/* Checks the typed value of @choice, when that is the choice, and says
 * what is wrong under its row.  Returns that row, %NULL when it can be
 * resolved so. */
EccpFieldRow *
_eccp_conflict_choice_check (EccpConflictChoice *choice)
{
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  EccpFieldRow *wrong = NULL;

  if (choice->value_check != NULL && gtk_check_button_get_active (choice->value_check))
    value = typed_value (choice, &wrong, &error);

  for (guint i = 0; choice->rows != NULL && i < choice->rows->len; i++)
    {
      EccpFieldRow *row = g_ptr_array_index (choice->rows, i);
      g_autofree char *message = NULL;

      if (row != wrong)
        {
          eccp_field_row_set_message (row, ECCP_FIELD_MESSAGE_NONE, NULL);
          continue;
        }

      /* The row says which field it is. */
      message = _eccp_field_row_strip_label (_(eccp_field_row_get_field (row)->label), error->message);
      eccp_field_row_set_message (row, ECCP_FIELD_MESSAGE_ERROR, message);
    }

  return wrong;
}

static void
editor_changed_cb (EccpConflictChoice *choice)
{
  _eccp_conflict_choice_check (choice);
}

static void
value_toggled_cb (GtkCheckButton     *button,
                  EccpConflictChoice *choice)
{
  gboolean active = gtk_check_button_get_active (button);

  gtk_widget_set_sensitive (choice->editor_box, active);
  _eccp_conflict_choice_check (choice);
  if (active)
    eccp_field_row_focus (g_ptr_array_index (choice->rows, 0));
}

/* }}} */

/* {{{ The groups */

static GtkCheckButton *
add_check (GtkBox         *box,
           const char     *label,
           GtkCheckButton *group)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_box_append (box, check);

  return GTK_CHECK_BUTTON (check);
}

/* "Before" over the value, the value in the body text: it is what the
 * person compares. */
static GtkLabel *
add_value_row (AdwPreferencesGroup *group,
               const char          *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *row;

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);

  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), value);
  row = eccp_widget_add_static_row (group, box, 9, 12);
  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), title);

  return GTK_LABEL (value);
}

/* Says, for a screen reader, what keeping each side means. */
static void
describe_checks (EccpStore          *store,
                 EccpConflictChoice *choice)
{
  g_autofree char *mine = display_value (store, choice->field, conflict_member (choice->conflict, "mine"));
  g_autofree char *theirs = display_value (store, choice->field, conflict_member (choice->conflict, "theirs"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->mine_check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  mine != NULL ? mine : _("Not set"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->theirs_check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  theirs != NULL ? theirs : _("Not set"),
                                  -1);
}

static void
add_row (EccpStore           *store,
         EccpConflictChoice  *choice,
         const EccpFieldSpec *field,
         const char          *path,
         JsonNode            *mine)
{
  EccpFieldRow *row = eccp_field_row_new (store, field, path, mine, FALSE);

  eccp_field_row_attach (row, ADW_PREFERENCES_GROUP (choice->editor_box));
  g_signal_connect_swapped (row, "changed", G_CALLBACK (editor_changed_cb), choice);
  g_ptr_array_add (choice->rows, row);
}

/* The field's own editors, starting from mine; an object's parts each
 * have one. */
static void
add_editor (EccpStore          *store,
            EccpConflictChoice *choice,
            GtkBox             *box)
{
  const EccpFieldSpec *field = choice->field;
  JsonNode *mine = conflict_member (choice->conflict, "mine");

  choice->rows = g_ptr_array_new_with_free_func (g_object_unref);
  choice->editor_box = adw_preferences_group_new ();

  if (field->kind == ECCP_FIELD_OBJECT)
    {
      JsonObject *object = mine != NULL && JSON_NODE_HOLDS_OBJECT (mine) ? json_node_get_object (mine) : NULL;

      for (guint i = 0; i < field->n_children; i++)
        {
          const EccpFieldSpec *child = &field->children[i];
          g_autofree char *path = g_strconcat (field->name, ".", child->name, NULL);

          add_row (store, choice, child, path,
                   object != NULL ? json_object_get_member (object, child->name) : NULL);
        }
    }
  else
    add_row (store, choice, field, NULL, mine);

  /* The field's label is the title of the group around. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (choice->editor_box), "");
  gtk_widget_set_sensitive (choice->editor_box, FALSE);
  gtk_widget_set_margin_start (choice->editor_box, 28);
  gtk_box_append (box, choice->editor_box);

  g_signal_connect (choice->value_check, "toggled", G_CALLBACK (value_toggled_cb), choice);
}

EccpConflictChoice *
_eccp_conflict_choice_new_field (EccpStore           *store,
                                 const char          *name,
                                 const EccpFieldSpec *field,
                                 JsonNode            *conflict)
{
  EccpConflictChoice *choice = g_new0 (EccpConflictChoice, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const struct { const char *title; const char *side; } sides[] = {
    { N_("Before"), "base" },
    { N_("On the portal"), "theirs" },
    { N_("Yours"), "mine" },
  };

  choice->name = g_strdup (name);
  choice->field = field;
  choice->conflict = json_node_ref (conflict);
  choice->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  eccp_widget_set_group_title (choice->group, field != NULL ? _(field->label) : name);

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    set_value_label (store, add_value_row (choice->group, _(sides[i].title)),
                     field, conflict_member (conflict, sides[i].side));

  gtk_widget_set_margin_top (box, 12);
  choice->mine_check = add_check (GTK_BOX (box), _("Keep yours"), NULL);
  choice->theirs_check = add_check (GTK_BOX (box), _("Keep the portal's"), choice->mine_check);
  if (field != NULL)
    choice->value_check = add_check (GTK_BOX (box), _("Type another"), choice->mine_check);
  gtk_check_button_set_active (choice->mine_check, TRUE);
  describe_checks (store, choice);

  if (choice->value_check != NULL)
    add_editor (store, choice, GTK_BOX (box));

  adw_preferences_group_add (choice->group, box);

  return choice;
}

/* Deleted on one side, edited on the other: keep the record, or not. */
EccpConflictChoice *
_eccp_conflict_choice_new_record (const EccpChange *change,
                                  JsonNode         *conflict)
{
  EccpConflictChoice *choice = g_new0 (EccpConflictChoice, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gboolean deleted_here = change->op == ECCP_CHANGE_DELETE;
  GtkCheckButton *keep;
  GtkCheckButton *delete;

  choice->name = g_strdup ("");
  choice->conflict = json_node_ref (conflict);
  choice->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  eccp_widget_set_group_title (choice->group,
                               deleted_here ? _("Deleted here, edited on the portal")
                                                : _("Edited here, deleted on the portal"));
  eccp_widget_set_group_description (choice->group,
                                     deleted_here
                                         ? _("You deleted this record, and someone changed it on the portal since. "
                                             "Delete it anyway, or keep the portal's version and take back your deletion.")
                                         : _("You changed this record, and someone deleted it on the portal since. "
                                             "Keep yours to put it back on the portal with your changes, or let it go."));

  /* Keeping, first and chosen; then "Delete it".  Deleted here, MINE
   * deletes and THEIRS keeps the portal's; deleted there, the other way. */
  keep = add_check (GTK_BOX (box), deleted_here ? _("Keep the portal's") : _("Keep yours"), NULL);
  delete = add_check (GTK_BOX (box), _("Delete it"), keep);
  gtk_check_button_set_active (keep, TRUE);
  choice->mine_check = deleted_here ? delete : keep;
  choice->theirs_check = deleted_here ? keep : delete;

  adw_preferences_group_add (choice->group, box);

  return choice;
}

/* The signals that point at @choice, before it goes. */
void
_eccp_conflict_choice_disconnect (EccpConflictChoice *choice)
{
  if (choice->value_check != NULL)
    g_signal_handlers_disconnect_by_data (choice->value_check, choice);
  for (guint i = 0; choice->rows != NULL && i < choice->rows->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (choice->rows, i), choice);
}

static gboolean
typed_anything (EccpConflictChoice *choice)
{
  for (guint i = 0; i < choice->rows->len; i++)
    {
      if (eccp_field_row_is_changed (g_ptr_array_index (choice->rows, i)))
        return TRUE;
    }

  return FALSE;
}

/* Moves the editors of @old, with what was typed in them, in place of
 * those of @choice. */
static void
take_editor (EccpConflictChoice *choice,
             EccpConflictChoice *old)
{
  g_autoptr(GtkWidget) editor_box = g_object_ref (old->editor_box);
  GtkWidget *box = gtk_widget_get_parent (choice->editor_box);

  _eccp_conflict_choice_disconnect (old);
  for (guint i = 0; i < choice->rows->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (choice->rows, i), choice);

  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (editor_box)), editor_box);
  gtk_box_insert_child_after (GTK_BOX (box), editor_box, choice->editor_box);
  gtk_box_remove (GTK_BOX (box), choice->editor_box);
  gtk_widget_set_sensitive (editor_box, gtk_widget_get_sensitive (choice->editor_box));

  g_clear_pointer (&choice->rows, g_ptr_array_unref);
  choice->rows = g_steal_pointer (&old->rows);
  choice->editor_box = editor_box;
  for (guint i = 0; i < choice->rows->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (choice->rows, i), "changed", G_CALLBACK (editor_changed_cb), choice);
}

/* Carries what the person chose and typed from @old into @choice. */
void
_eccp_conflict_choice_carry_over (EccpConflictChoice *choice,
                                  EccpConflictChoice *old)
{
  if (old == NULL)
    return;

  if (gtk_check_button_get_active (old->theirs_check))
    gtk_check_button_set_active (choice->theirs_check, TRUE);
  else if (gtk_check_button_get_active (old->mine_check))
    gtk_check_button_set_active (choice->mine_check, TRUE);

  if (old->value_check != NULL && choice->value_check != NULL)
    {
      if (typed_anything (old))
        take_editor (choice, old);
      if (gtk_check_button_get_active (old->value_check))
        gtk_check_button_set_active (choice->value_check, TRUE);
    }
}

EccpResolveChoice
_eccp_conflict_choice_get_decision (EccpConflictChoice *choice)
{
  if (choice->value_check != NULL && gtk_check_button_get_active (choice->value_check))
    return ECCP_RESOLVE_VALUE;
  if (gtk_check_button_get_active (choice->theirs_check))
    return ECCP_RESOLVE_THEIRS;

  return ECCP_RESOLVE_MINE;
}

JsonNode *
_eccp_conflict_choice_get_value (EccpConflictChoice  *choice,
                                 GError             **error)
{
  EccpFieldRow *wrong = NULL;

  return typed_value (choice, &wrong, error);
}
