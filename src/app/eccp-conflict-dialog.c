/* eccp-conflict-dialog.c: deciding, field by field, between the portal's version and mine
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One group per conflicting field (change->conflicts), in the order of
 * the type's fields: the value before, on the portal and mine, and a
 * choice of three: keep mine, keep the portal's, or type another, checked
 * as it is typed with the same parsing and validation as every edit.  A
 * record deleted on one side and edited on the other is a group of its
 * own with two choices.  "Resolve" checks every typed value first, then
 * gives each decision to eccp_store_resolve(); the record-level decision
 * goes last, since keeping the portal's deletion ends the change.  An
 * error keeps the dialog open with everything as the person left it.
 *
 * The groups are built here from the field specs, as the record view's
 * are: their number and kind depend on the change.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-conflict-dialog.h"

#include <glib/gi18n.h>

#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-store-sync.h"
#include "eccp-validation.h"

typedef struct
{
  char                *name;        /* the field, "" for the record itself */
  const EccpFieldSpec *field;       /* NULL for "" or a field the specs do not know */
  AdwPreferencesGroup *group;
  GtkLabel            *base_label;
  GtkLabel            *theirs_label;
  GtkLabel            *mine_label;
  GtkCheckButton      *mine_check;
  GtkCheckButton      *theirs_check;
  GtkCheckButton      *value_check; /* NULL when no value can be typed */
  GtkWidget           *editor;      /* a GtkEntry, or a GtkTextView for long text */
  GtkWidget           *editor_box;  /* the editor's frame, shown with value_check */
  GtkLabel            *error_label;
  JsonNode            *conflict;    /* {"base", "theirs", "mine"} as last shown */
} Choice;

struct _EccpConflictDialog
{
  AdwWindow            parent_instance;

  EccpStore           *store;
  char                *type;
  char                *id;
  GPtrArray           *choices;     /* Choice */
  guint                reload_source;
  gboolean             resolving;

  AdwWindowTitle      *window_title;
  AdwPreferencesPage  *page;
  GtkLabel            *intro_label;
  GtkLabel            *message_label;
  GtkButton           *resolve_button;
  GtkButton           *cancel_button;
};

G_DEFINE_FINAL_TYPE (EccpConflictDialog, eccp_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_free (choice->name);
  g_clear_pointer (&choice->conflict, json_node_unref);
  g_free (choice);
}

/* GTK 4.8 names a button with a mnemonic twice ("_Cancel Cancel": its
 * label with the underline, then the label that labels it): one name. */
static void
set_button_name (GtkButton  *button,
                 const char *name)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
show_message (EccpConflictDialog *self,
              const char         *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
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
append_related_title (EccpConflictDialog *self,
                      GString            *out,
                      JsonNode           *identifier)
{
  g_autoptr(EccpRecord) record = NULL;
  JsonObject *object;
  const char *type;
  const char *id;

  if (identifier == NULL || !JSON_NODE_HOLDS_OBJECT (identifier))
    return;

  object = json_node_get_object (identifier);
  type = json_object_get_string_member_with_default (object, "type", NULL);
  id = json_object_get_string_member_with_default (object, "id", NULL);
  if (id == NULL)
    return;

  if (type != NULL)
    record = eccp_store_get (self->store, type, id, NULL);

  if (out->len > 0)
    g_string_append (out, _(", "));
  g_string_append (out, record != NULL ? eccp_record_get_title (record) : id);
}

/* The value on one line, or %NULL for "Not set".  Related records by
 * their names where the local copy has them. */
static char *
display_value (EccpConflictDialog  *self,
               const EccpFieldSpec *field,
               JsonNode            *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  if (field == NULL)
    return json_to_string (value, FALSE);

  if (eccp_field_spec_is_relation (field) && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonNode *data = json_object_get_member (json_node_get_object (value), "data");
      g_autoptr(GString) out = g_string_new (NULL);

      if (data != NULL && JSON_NODE_HOLDS_ARRAY (data))
        {
          JsonArray *array = json_node_get_array (data);

          for (guint i = 0; i < json_array_get_length (array); i++)
            append_related_title (self, out, json_array_get_element (array, i));
        }
      else
        append_related_title (self, out, data);

      return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
    }

  return eccp_field_spec_display_value (field, value);
}

static void
set_value_label (EccpConflictDialog  *self,
                 GtkLabel            *label,
                 const EccpFieldSpec *field,
                 JsonNode            *value)
{
  g_autofree char *text = display_value (self, field, value);

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

/* The text to start from: mine, as it would be typed. */
static char *
editable_text (const EccpFieldSpec *field,
               JsonNode            *value)
{
  const char *text = value != NULL && JSON_NODE_HOLDS_VALUE (value)
    && json_node_get_value_type (value) == G_TYPE_STRING ? json_node_get_string (value) : NULL;

  if (field->kind == ECCP_FIELD_ENUM && text != NULL)
    return g_strdup (eccp_field_spec_choice_label (field, text));
  if (field->kind == ECCP_FIELD_COUNTRY && text != NULL && eccp_country_name (text) != NULL)
    return g_strdup (eccp_country_name (text));

  return eccp_field_spec_format_value (field, value);
}

static char *
editor_text (Choice *choice)
{
  if (GTK_IS_TEXT_VIEW (choice->editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (choice->editor));
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (choice->editor)));
}

/* An object's parts as "sme=30, large=4", the way they are shown to
 * edit, over @start (mine): a part not typed stays as it is, "large="
 * clears one. */
static JsonNode *
parse_object_text (const EccpFieldSpec  *field,
                   const char           *text,
                   JsonNode             *start,
                   GError              **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(JsonObject) object = NULL;
  JsonNode *node;

  if (start != NULL && JSON_NODE_HOLDS_OBJECT (start))
    object = eccp_json_object_deep_copy (json_node_get_object (start));
  else
    object = json_object_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *equals = strchr (part, '=');
      const EccpFieldSpec *child;
      JsonNode *value;

      if (*part == '\0')
        continue;

      if (equals == NULL)
        {
          g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                       _("%s: write each part as name=value, such as “%s=40”"),
                       _(field->label), field->n_children > 0 ? field->children[0].name : "part");
          return NULL;
        }

      *equals = '\0';
      child = eccp_field_spec_get_child (field, g_strstrip (part));
      if (child == NULL)
        {
          g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                       _("%s has no part “%s”"), _(field->label), part);
          return NULL;
        }

      value = eccp_field_spec_parse_text (child, g_strstrip (equals + 1), error);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, child->name, value);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);

  return node;
}

/* The typed value, parsed and checked like any edit. */
static JsonNode *
typed_value (Choice  *choice,
             GError **error)
{
  const EccpFieldSpec *field = choice->field;
  g_autofree char *text = editor_text (choice);
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(EccpFieldError) invalid = NULL;

  /* A choice typed by its label ("Cluster organisation"), not its name */
  if (field->kind == ECCP_FIELD_ENUM && field->choices != NULL)
    for (guint i = 0; field->choices[i] != NULL; i++)
      {
        const char *label = eccp_field_spec_choice_label (field, field->choices[i]);
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        if (g_utf8_collate (stripped, label) == 0)
          {
            g_free (text);
            text = g_strdup (field->choices[i]);
            break;
          }
      }

  /* A country typed by its name ("France"), not its code */
  if (field->kind == ECCP_FIELD_COUNTRY)
    {
      const char * const *codes = eccp_country_codes ();
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      g_autofree char *folded = g_utf8_casefold (stripped, -1);

      for (guint i = 0; codes[i] != NULL; i++)
        {
          g_autofree char *name = g_utf8_casefold (eccp_country_name (codes[i]), -1);

          if (g_utf8_collate (folded, name) == 0)
            {
              g_free (text);
              text = g_strdup (codes[i]);
              break;
            }
        }
    }

  if (field->kind == ECCP_FIELD_OBJECT)
    value = parse_object_text (field, text, conflict_member (choice->conflict, "mine"), error);
  else
    value = eccp_field_spec_parse_text (field, text, error);
  if (value == NULL)
    return NULL;

  invalid = eccp_validate_value (field, value);
  if (invalid != NULL)
    {
      g_set_error_literal (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                           invalid->message);
      return NULL;
    }

  return g_steal_pointer (&value);
}

/* Checks the typed value of @choice, when that is the choice, and says
 * what is wrong under it.  Returns whether it can be resolved so. */
static gboolean
check_choice (Choice *choice)
{
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  if (choice->value_check != NULL && gtk_check_button_get_active (choice->value_check))
    value = typed_value (choice, &error);

  gtk_widget_set_visible (GTK_WIDGET (choice->error_label), error != NULL);
  gtk_label_set_label (choice->error_label, error != NULL ? error->message : "");
  if (choice->editor != NULL)
    {
      if (error != NULL)
        gtk_widget_add_css_class (choice->editor_box, "error");
      else
        gtk_widget_remove_css_class (choice->editor_box, "error");

      if (error != NULL)
        gtk_accessible_update_state (GTK_ACCESSIBLE (choice->editor),
                                     GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                     -1);
      else
        gtk_accessible_reset_state (GTK_ACCESSIBLE (choice->editor), GTK_ACCESSIBLE_STATE_INVALID);
    }

  return error == NULL;
}

static void
editor_changed_cb (Choice *choice)
{
  check_choice (choice);
}

static void
value_toggled_cb (GtkCheckButton *button,
                  Choice         *choice)
{
  gboolean active = gtk_check_button_get_active (button);

  gtk_widget_set_sensitive (choice->editor_box, active);
  check_choice (choice);
  if (active)
    gtk_widget_grab_focus (choice->editor);
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
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), value);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  adw_preferences_group_add (group, row);

  return GTK_LABEL (value);
}

/* Says, for a screen reader, what keeping each side means. */
static void
describe_checks (EccpConflictDialog *self,
                 Choice             *choice)
{
  g_autofree char *mine = display_value (self, choice->field, conflict_member (choice->conflict, "mine"));
  g_autofree char *theirs = display_value (self, choice->field, conflict_member (choice->conflict, "theirs"));

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
add_editor (EccpConflictDialog *self,
            Choice             *choice,
            GtkBox             *box)
{
  const EccpFieldSpec *field = choice->field;
  g_autofree char *text = editable_text (field, conflict_member (choice->conflict, "mine"));
  /* Translators: the accessible name of the box to type a field's value in, "Description value" */
  g_autofree char *name = g_strdup_printf (_("%s value"), _(field->label));

  if (field->kind == ECCP_FIELD_LONG_TEXT)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 9);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 9);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_buffer_set_text (buffer, text, -1);
      g_signal_connect_swapped (buffer, "changed", G_CALLBACK (editor_changed_cb), choice);

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_widget_add_css_class (scrolled, "card");
      gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);

      choice->editor = view;
      choice->editor_box = scrolled;
    }
  else
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_editable_set_text (GTK_EDITABLE (entry), text);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      if (field->kind == ECCP_FIELD_OBJECT)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("name=value, name=value"));
      else if (field->kind == ECCP_FIELD_LIST || field->kind == ECCP_FIELD_RELATION_MANY)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Separated by commas"));
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (editor_changed_cb), choice);

      choice->editor = entry;
      choice->editor_box = entry;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_sensitive (choice->editor_box, FALSE);
  gtk_widget_set_margin_start (choice->editor_box, 28);
  gtk_box_append (box, choice->editor_box);

  g_signal_connect (choice->value_check, "toggled", G_CALLBACK (value_toggled_cb), choice);
}

static Choice *
add_field_choice (EccpConflictDialog  *self,
                  const char          *name,
                  const EccpFieldSpec *field,
                  JsonNode            *conflict)
{
  Choice *choice = g_new0 (Choice, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  choice->name = g_strdup (name);
  choice->field = field;
  choice->conflict = json_node_ref (conflict);
  choice->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (choice->group, field != NULL ? _(field->label) : name);

  choice->base_label = add_value_row (choice->group, _("Before"));
  choice->theirs_label = add_value_row (choice->group, _("On the portal"));
  choice->mine_label = add_value_row (choice->group, _("Yours"));
  set_value_label (self, choice->base_label, field, conflict_member (conflict, "base"));
  set_value_label (self, choice->theirs_label, field, conflict_member (conflict, "theirs"));
  set_value_label (self, choice->mine_label, field, conflict_member (conflict, "mine"));

  gtk_widget_set_margin_top (box, 12);
  choice->mine_check = add_check (GTK_BOX (box), _("Keep yours"), NULL);
  choice->theirs_check = add_check (GTK_BOX (box), _("Keep the portal's"), choice->mine_check);
  if (field != NULL)
    choice->value_check = add_check (GTK_BOX (box), _("Type another"), choice->mine_check);
  gtk_check_button_set_active (choice->mine_check, TRUE);
  describe_checks (self, choice);

  if (choice->value_check != NULL)
    add_editor (self, choice, GTK_BOX (box));

  choice->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (choice->error_label, 0);
  gtk_label_set_wrap (choice->error_label, TRUE);
  gtk_label_set_wrap_mode (choice->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (GTK_WIDGET (choice->error_label), 28);
  gtk_widget_add_css_class (GTK_WIDGET (choice->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (choice->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (choice->error_label));

  adw_preferences_group_add (choice->group, box);

  return choice;
}

/* Deleted on one side, edited on the other: keep the record, or not. */
static Choice *
add_record_choice (EccpConflictDialog *self,
                   const EccpChange   *change,
                   JsonNode           *conflict)
{
  Choice *choice = g_new0 (Choice, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gboolean deleted_here = change->op == ECCP_CHANGE_DELETE;

  choice->name = g_strdup ("");
  choice->conflict = json_node_ref (conflict);
  choice->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (deleted_here)
    {
      adw_preferences_group_set_title (choice->group, _("Deleted here, edited on the portal"));
      adw_preferences_group_set_description (choice->group,
                                             _("You deleted this record, and someone changed it on the portal since. "
                                               "Delete it anyway, or keep the portal's version and take back your deletion."));
      /* Both are "mine" then "theirs": MINE deletes, THEIRS keeps the portal's. */
      choice->theirs_check = add_check (GTK_BOX (box), _("Keep the portal's"), NULL);
      choice->mine_check = add_check (GTK_BOX (box), _("Delete it"), choice->theirs_check);
      gtk_check_button_set_active (choice->theirs_check, TRUE);
    }
  else
    {
      adw_preferences_group_set_title (choice->group, _("Edited here, deleted on the portal"));
      adw_preferences_group_set_description (choice->group,
                                             _("You changed this record, and someone deleted it on the portal since. "
                                               "Keep yours to put it back on the portal with your changes, or let it go."));
      choice->mine_check = add_check (GTK_BOX (box), _("Keep yours"), NULL);
      choice->theirs_check = add_check (GTK_BOX (box), _("Delete it"), choice->mine_check);
      gtk_check_button_set_active (choice->mine_check, TRUE);
    }

  choice->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_visible (GTK_WIDGET (choice->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (choice->error_label));

  adw_preferences_group_add (choice->group, box);

  return choice;
}

/* The signals that point at @choice, before it goes. */
static void
choice_disconnect (Choice *choice)
{
  if (choice->value_check != NULL)
    g_signal_handlers_disconnect_by_data (choice->value_check, choice);
  if (GTK_IS_TEXT_VIEW (choice->editor))
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (GTK_TEXT_VIEW (choice->editor)), choice);
  else if (choice->editor != NULL)
    g_signal_handlers_disconnect_by_data (choice->editor, choice);
}

static void
clear_choices (EccpConflictDialog *self)
{
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (self->choices, i);

      choice_disconnect (choice);
      adw_preferences_page_remove (self->page, choice->group);
    }
  g_ptr_array_set_size (self->choices, 0);
}

static Choice *
find_choice (GPtrArray  *choices,
             const char *name)
{
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (choices, i);

      if (g_strcmp0 (choice->name, name) == 0)
        return choice;
    }

  return NULL;
}

/* Carries what the person chose and typed from @old into @choice. */
static void
carry_over (Choice *choice,
            Choice *old)
{
  if (old == NULL)
    return;

  if (gtk_check_button_get_active (old->theirs_check))
    gtk_check_button_set_active (choice->theirs_check, TRUE);
  else if (gtk_check_button_get_active (old->mine_check))
    gtk_check_button_set_active (choice->mine_check, TRUE);

  if (old->value_check != NULL && choice->value_check != NULL)
    {
      g_autofree char *text = editor_text (old);

      if (GTK_IS_TEXT_VIEW (choice->editor))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (choice->editor)), text, -1);
      else
        gtk_editable_set_text (GTK_EDITABLE (choice->editor), text);

      if (gtk_check_button_get_active (old->value_check))
        gtk_check_button_set_active (choice->value_check, TRUE);
    }
}

/* Shows the conflicts of @change.  What was chosen before for a field
 * still in conflict stays chosen. */
static void
build (EccpConflictDialog *self,
       const EccpChange   *change)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->choices);
  const EccpTypeSpec *type = eccp_type_spec_lookup (change->type);
  g_autoptr(GList) names = NULL;
  JsonNode *record_conflict;

  self->choices = g_ptr_array_new_with_free_func (choice_free);

  /* The record first: it decides whether the fields matter. */
  record_conflict = json_object_get_member (change->conflicts, "");
  if (record_conflict != NULL)
    {
      Choice *choice = add_record_choice (self, change, record_conflict);

      carry_over (choice, find_choice (old, ""));
      g_ptr_array_add (self->choices, choice);
    }

  for (guint i = 0; type != NULL && i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      JsonNode *conflict = json_object_get_member (change->conflicts, field->name);
      Choice *choice;

      if (conflict == NULL)
        continue;

      choice = add_field_choice (self, field->name, field, conflict);
      carry_over (choice, find_choice (old, field->name));
      g_ptr_array_add (self->choices, choice);
    }

  /* Fields the specs do not know (a newer portal): mine or theirs. */
  names = json_object_get_members (change->conflicts);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      Choice *choice;

      if (*name == '\0' || (type != NULL && eccp_type_spec_get_field (type, name) != NULL))
        continue;

      choice = add_field_choice (self, name, NULL, json_object_get_member (change->conflicts, name));
      carry_over (choice, find_choice (old, name));
      g_ptr_array_add (self->choices, choice);
    }

  /* The old groups go once what they held is carried over. */
  for (guint i = 0; old != NULL && i < old->len; i++)
    {
      Choice *choice = g_ptr_array_index (old, i);

      choice_disconnect (choice);
      adw_preferences_page_remove (self->page, choice->group);
    }

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (self->choices, i);

      adw_preferences_page_add (self->page, choice->group);
      check_choice (choice);
    }

  /* A record deleted on one side has its own words, and no fields. */
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label),
                          self->choices->len > (record_conflict != NULL ? 1u : 0u));
}

/* }}} */

/* {{{ Loading, and following the store */

static gboolean
same_conflicts (EccpConflictDialog *self,
                const EccpChange   *change)
{
  g_autoptr(GList) names = json_object_get_members (change->conflicts);

  if (g_list_length (names) != self->choices->len)
    return FALSE;

  for (const GList *l = names; l != NULL; l = l->next)
    {
      Choice *choice = find_choice (self->choices, l->data);

      if (choice == NULL
          || !json_node_equal (choice->conflict, json_object_get_member (change->conflicts, l->data)))
        return FALSE;
    }

  return TRUE;
}

static void
reload (EccpConflictDialog *self)
{
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gboolean first = self->choices->len == 0;

  change = eccp_store_get_change (self->store, self->type, self->id, &error);
  record = eccp_store_get (self->store, self->type, self->id, NULL);
  if (record != NULL)
    adw_window_title_set_subtitle (self->window_title, eccp_record_get_title (record));
  else if (change != NULL)
    {
      /* Deleted here: the name it had. */
      const EccpTypeSpec *type = eccp_type_spec_lookup (self->type);
      const EccpFieldSpec *title_field = type != NULL ? eccp_type_spec_get_title_field (type) : NULL;
      const char *title = title_field != NULL && change->base_attributes != NULL
        ? json_object_get_string_member_with_default (change->base_attributes, title_field->name, NULL)
        : NULL;

      adw_window_title_set_subtitle (self->window_title, title != NULL && *title != '\0' ? title : self->id);
    }

  if (change == NULL || change->conflicts == NULL || json_object_get_size (change->conflicts) == 0)
    {
      /* Settled meanwhile: by a sync, or by `eccp resolve` in a terminal. */
      clear_choices (self);
      show_message (self, change == NULL && error != NULL && !g_error_matches (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND)
                          ? error->message
                          : _("There is nothing left to resolve here: the conflict was settled meanwhile."));
      gtk_widget_set_visible (GTK_WIDGET (self->intro_label), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->resolve_button), FALSE);
      gtk_button_set_label (self->cancel_button, _("_Close"));
      set_button_name (self->cancel_button, _("Close"));
      return;
    }

  if (same_conflicts (self, change))
    return;

  build (self, change);
  if (!first)
    show_message (self, _("The portal's version changed while this was open: look again before you resolve."));
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  EccpConflictDialog *self = user_data;

  self->reload_source = 0;
  if (!self->resolving)
    reload (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (EccpConflictDialog *self,
                  EccpStore          *store)
{
  if (!self->resolving && self->reload_source == 0)
    self->reload_source = g_timeout_add (100, reload_timeout_cb, self);
}

/* }}} */

/* {{{ Resolve */

static EccpResolveChoice
chosen (Choice *choice)
{
  if (choice->value_check != NULL && gtk_check_button_get_active (choice->value_check))
    return ECCP_RESOLVE_VALUE;
  if (gtk_check_button_get_active (choice->theirs_check))
    return ECCP_RESOLVE_THEIRS;

  return ECCP_RESOLVE_MINE;
}

/* Still a conflict in the store (a failed Resolve may have settled some). */
static gboolean
still_conflicts (EccpConflictDialog *self,
                 const char         *name)
{
  g_autoptr(EccpChange) change = eccp_store_get_change (self->store, self->type, self->id, NULL);

  return change != NULL && change->conflicts != NULL && json_object_has_member (change->conflicts, name);
}

static gboolean
resolve_one (EccpConflictDialog  *self,
             Choice              *choice,
             GError             **error)
{
  EccpResolveChoice decision = chosen (choice);
  g_autoptr(JsonNode) value = NULL;

  if (!still_conflicts (self, choice->name))
    return TRUE;

  if (decision == ECCP_RESOLVE_VALUE)
    {
      value = typed_value (choice, error);
      if (value == NULL)
        return FALSE;
    }

  return eccp_store_resolve (self->store, self->type, self->id, choice->name,
                             decision, value, error);
}

static void
resolve_clicked_cb (EccpConflictDialog *self)
{
  g_autoptr(GError) error = NULL;
  Choice *record_choice = NULL;
  Choice *first_invalid = NULL;

  /* Every typed value first: nothing is written while one is wrong. */
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (self->choices, i);

      if (!check_choice (choice) && first_invalid == NULL)
        first_invalid = choice;
    }

  if (first_invalid != NULL)
    {
      show_message (self, _("A value you typed cannot be used: see below."));
      gtk_widget_grab_focus (first_invalid->editor);
      return;
    }

  self->resolving = TRUE;

  for (guint i = 0; i < self->choices->len && error == NULL; i++)
    {
      Choice *choice = g_ptr_array_index (self->choices, i);

      if (*choice->name == '\0')
        record_choice = choice;
      else if (!resolve_one (self, choice, &error))
        {
          g_prefix_error (&error, "%s: ", choice->field != NULL ? _(choice->field->label) : choice->name);
          break;
        }
    }

  /* The record last: keeping the portal's deletion ends the change. */
  if (error == NULL && record_choice != NULL)
    resolve_one (self, record_choice, &error);

  self->resolving = FALSE;

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Not everything could be resolved: %s"), error->message);

      show_message (self, message);
      return;
    }

  g_signal_emit (self, signals[RESOLVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* }}} */

static void
eccp_conflict_dialog_dispose (GObject *object)
{
  EccpConflictDialog *self = (EccpConflictDialog *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  for (guint i = 0; self->choices != NULL && i < self->choices->len; i++)
    choice_disconnect (g_ptr_array_index (self->choices, i));
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_CONFLICT_DIALOG);

  G_OBJECT_CLASS (eccp_conflict_dialog_parent_class)->dispose (object);
}

static void
eccp_conflict_dialog_finalize (GObject *object)
{
  EccpConflictDialog *self = (EccpConflictDialog *)object;

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (eccp_conflict_dialog_parent_class)->finalize (object);
}

static void
eccp_conflict_dialog_class_init (EccpConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_conflict_dialog_dispose;
  object_class->finalize = eccp_conflict_dialog_finalize;

  /**
   * EccpConflictDialog::resolved:
   *
   * Every conflict was decided and written to the store; the change
   * waits to be sent again.
   */
  signals[RESOLVED] = g_signal_new ("resolved",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpConflictDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EccpConflictDialog, page);
  gtk_widget_class_bind_template_child (widget_class, EccpConflictDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, EccpConflictDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, EccpConflictDialog, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, EccpConflictDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, resolve_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eccp_conflict_dialog_init (EccpConflictDialog *self)
{
  self->choices = g_ptr_array_new_with_free_func (choice_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  set_button_name (self->cancel_button, _("Cancel"));
  set_button_name (self->resolve_button, _("Resolve"));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->resolve_button));
}

EccpConflictDialog *
eccp_conflict_dialog_new (GtkWindow  *parent,
                          EccpStore  *store,
                          const char *type,
                          const char *id)
{
  EccpConflictDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (type != NULL && id != NULL, NULL);

  self = g_object_new (ECCP_TYPE_CONFLICT_DIALOG,
                       "transient-for", parent,
                       NULL);
  /* No wider or taller than the window it belongs to: on a phone-sized
   * window, the dialog is that size too. */
  if (parent != NULL)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (parent));
      int height = gtk_widget_get_height (GTK_WIDGET (parent));
      int default_width;
      int default_height;

      gtk_window_get_default_size (GTK_WINDOW (self), &default_width, &default_height);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), MIN (width, default_width), MIN (height, default_height));
    }

  self->store = g_object_ref (store);
  self->type = g_strdup (type);
  self->id = g_strdup (id);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  reload (self);

  /* Start at the first decision. */
  if (self->choices->len > 0)
    {
      Choice *choice = g_ptr_array_index (self->choices, 0);
      GtkCheckButton *active = gtk_check_button_get_active (choice->mine_check)
        ? choice->mine_check : choice->theirs_check;

      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (active));
    }

  return self;
}
