/* eccp-record-editor.c: a form for one record, made from its field specs
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is the type's field specs turned into rows (EccpFieldRow, one
 * per field, in the specs' order): scalar fields in "Details", an object
 * field's parts in a group of their own, and long texts, relations and
 * lists of times each in their own group.  Every edit is checked at once
 * with the core's validation, the same rules the store and the portal
 * apply, and the message shows under the field.  Saving writes to the
 * local store, online or not: a new record whole, an edit with only the
 * fields that changed, since the outbox sends those and nothing else (an
 * unchanged field sent back would be a false conflict with the portal).
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-editor.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eccp-field-row.h"
#include "eccp-field-row-private.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-toast.h"
#include "eccp-validation.h"
#include "eccp-widget-util.h"

struct _EccpRecordEditor
{
  AdwWindow           parent_instance;

  EccpStore          *store;
  const EccpTypeSpec *spec;
  EccpRecord         *record;   /* %NULL when creating */
  GPtrArray          *rows;     /* of EccpFieldRow, in the specs' order */
  GHashTable         *touched;  /* EccpFieldRow the user changed at least once */
  EccpFieldRow       *timezone_row;

  gboolean            dirty;
  gboolean            blocked;
  gboolean            show_all_errors;
  gboolean            saved;
  gboolean            discard;

  AdwWindowTitle     *window_title;
  GtkButton          *save_button;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  AdwPreferencesPage *page;
};

G_DEFINE_FINAL_TYPE (EccpRecordEditor, eccp_record_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The style libadwaita lacks for the form's error (the rows have theirs). */
static const char editor_css[] =
  ".editor-error {"
  "  padding: 9px 12px;"
  "  background-color: alpha(@error_bg_color, 0.15);"
  "  color: @error_color;"
  "}";

static gboolean
is_creating (EccpRecordEditor *self)
{
  return self->record == NULL;
}

static JsonNode *
original_value (EccpRecordEditor    *self,
                const EccpFieldSpec *field,
                const char          *child)
{
  JsonObject *tree;
  JsonNode *node;

  if (self->record == NULL)
    return NULL;

  tree = eccp_field_spec_is_relation (field)
         ? eccp_record_get_relationships (self->record)
         : eccp_record_get_attributes (self->record);
  if (tree == NULL)
    return NULL;

  node = json_object_get_member (tree, field->name);
  if (child == NULL || node == NULL)
    return node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_get_member (json_node_get_object (node), child);
}

/* "Name: a value is required" → "Required"; other messages without the
 * field's name, which the row shows already. */
static char *
message_for_row (EccpFieldRow         *row,
                 const EccpFieldError *error)
{
  g_autofree char *message = NULL;

  if (g_str_equal (error->code, "required"))
    return g_strdup (_("Required"));

  message = _eccp_field_row_strip_label (_(eccp_field_row_get_field (row)->label), error->message);
  if (*message == '\0')
    return g_strdup (error->message);

  return g_steal_pointer (&message);
}

/* Sets @value at @path ("name", or "members.sme" inside an object). */
static void
set_path (JsonObject *tree,
          const char *path,
          JsonNode   *value)
{
  const char *dot = strchr (path, '.');
  g_autofree char *parent = NULL;
  JsonObject *object;

  if (dot == NULL)
    {
      json_object_set_member (tree, path, value);
      return;
    }

  parent = g_strndup (path, dot - path);
  object = eccp_json_get_object (tree, parent);
  if (object == NULL)
    {
      object = json_object_new ();
      json_object_set_object_member (tree, parent, object);
    }
  json_object_set_member (object, dot + 1, value);
}

static gboolean
is_relation_row (EccpFieldRow *row)
{
  return eccp_field_spec_is_relation (eccp_field_row_get_field (row));
}

/* The record as the form has it now: the original (so what the form does
 * not show is kept for the cross-field rules) with every field's value.
 * Fields whose text cannot be read yet keep their original value, and
 * their message goes into @parse_errors (path → message). */
static void
build_trees (EccpRecordEditor  *self,
             JsonObject       **attributes,
             JsonObject       **relationships,
             GHashTable        *parse_errors)
{
  *attributes = self->record != NULL && eccp_record_get_attributes (self->record) != NULL
                ? eccp_json_object_deep_copy (eccp_record_get_attributes (self->record))
                : json_object_new ();
  *relationships = self->record != NULL && eccp_record_get_relationships (self->record) != NULL
                   ? eccp_json_object_deep_copy (eccp_record_get_relationships (self->record))
                   : json_object_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      EccpFieldRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *message = NULL;
      JsonNode *value = eccp_field_row_get_value (row, &message);

      if (value == NULL)
        {
          g_hash_table_insert (parse_errors, g_strdup (eccp_field_row_get_path (row)),
                               g_steal_pointer (&message));
          continue;
        }

      set_path (is_relation_row (row) ? *relationships : *attributes,
                eccp_field_row_get_path (row), value);
    }
}

/* The top-level names of the fields the user changed. */
static GStrv
changed_fields (EccpRecordEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      EccpFieldRow *row = g_ptr_array_index (self->rows, i);
      const char *path = eccp_field_row_get_path (row);
      const char *dot = strchr (path, '.');
      char *name;

      if (!eccp_field_row_is_changed (row))
        continue;

      /* The store judges an object field whole when one part changed. */
      name = dot != NULL ? g_strndup (path, dot - path) : g_strdup (path);
      if (g_hash_table_add (seen, name))
        g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

static void
hide_error (EccpRecordEditor *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (EccpRecordEditor *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_revealer_get_child (self->error_revealer)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                  -1);
}

/* Checks the whole form and shows each field's message; returns the first
 * row with an error. */
static EccpFieldRow *
validate (EccpRecordEditor *self)
{
  g_autoptr(GHashTable) parse_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) errors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(JsonObject) relationships = NULL;
  g_autoptr(GPtrArray) all_errors = NULL;
  g_auto(GStrv) changed = NULL;
  EccpFieldRow *first_error = NULL;
  gboolean blocked;

  build_trees (self, &attributes, &relationships, parse_errors);
  all_errors = eccp_validate_record (self->spec, attributes, relationships, NULL);
  for (guint i = 0; i < all_errors->len; i++)
    {
      EccpFieldError *error = g_ptr_array_index (all_errors, i);

      if (!g_hash_table_contains (errors, error->field))
        g_hash_table_insert (errors, error->field, error);
    }

  changed = changed_fields (self);
  self->dirty = changed[0] != NULL;

  /* A new record must be valid whole; an edit is judged, as the store
   * judges it, by the fields it changes (an old record with a gap can
   * still be corrected elsewhere). */
  blocked = g_hash_table_size (parse_errors) > 0;
  if (!blocked && is_creating (self))
    blocked = all_errors->len > 0;
  else if (!blocked && self->dirty)
    {
      g_autoptr(GPtrArray) changed_errors = NULL;

      changed_errors = eccp_validate_record (self->spec, attributes, relationships,
                                             (const char * const *) changed);
      blocked = changed_errors->len > 0;
    }
  self->blocked = blocked;

  for (guint i = 0; i < self->rows->len; i++)
    {
      EccpFieldRow *row = g_ptr_array_index (self->rows, i);
      const char *path = eccp_field_row_get_path (row);
      const char *parse_error = g_hash_table_lookup (parse_errors, path);
      EccpFieldError *error = g_hash_table_lookup (errors, path);

      if (parse_error != NULL)
        {
          eccp_field_row_set_message (row, ECCP_FIELD_MESSAGE_ERROR, parse_error);
        }
      else if (error != NULL)
        {
          g_autofree char *message = message_for_row (row, error);
          gboolean hint = g_str_equal (error->code, "required") &&
                          !self->show_all_errors &&
                          !g_hash_table_contains (self->touched, row);

          eccp_field_row_set_message (row, hint ? ECCP_FIELD_MESSAGE_HINT : ECCP_FIELD_MESSAGE_ERROR,
                                      message);
        }
      else
        {
          eccp_field_row_set_message (row, ECCP_FIELD_MESSAGE_NONE, NULL);
        }

      if (first_error == NULL && (parse_error != NULL || error != NULL))
        first_error = row;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->dirty && !self->blocked);

  return first_error;
}

/* Times are shown and read in the event's own time zone, when it has one. */
static GTimeZone *
current_time_zone (EccpRecordEditor *self,
                   gboolean         *valid)
{
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(EccpFieldError) error = NULL;

  *valid = TRUE;
  if (self->timezone_row == NULL)
    return NULL;

  value = eccp_field_row_get_value (self->timezone_row, NULL);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  error = eccp_validate_value (eccp_field_row_get_field (self->timezone_row), value);
  if (error != NULL || json_node_get_value_type (value) != G_TYPE_STRING)
    {
      *valid = FALSE;
      return NULL;
    }

  return g_time_zone_new_identifier (json_node_get_string (value));
}

static void
apply_time_zone (EccpRecordEditor *self)
{
  g_autoptr(GTimeZone) zone = NULL;
  gboolean valid;

  zone = current_time_zone (self, &valid);
  if (!valid)
    return; /* still being typed: the times stay in the zone they were */

  for (guint i = 0; i < self->rows->len; i++)
    eccp_field_row_set_time_zone (g_ptr_array_index (self->rows, i), zone);
}

static void
row_changed_cb (EccpRecordEditor *self,
                EccpFieldRow     *row)
{
  g_hash_table_add (self->touched, row);

  if (row == self->timezone_row)
    apply_time_zone (self);

  validate (self);
}

/* Building the form */

static EccpFieldRow *
add_row (EccpRecordEditor    *self,
         const EccpFieldSpec *field,
         const char          *path,
         JsonNode            *original,
         AdwPreferencesGroup *details)
{
  EccpFieldRow *row = eccp_field_row_new (self->store, field, path, original, is_creating (self));

  eccp_field_row_attach (row, eccp_field_row_wants_group (row)
                              ? eccp_widget_add_group (self->page, NULL)
                              : details);
  g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->rows, row);

  return row;
}

static void
build_form (EccpRecordEditor *self)
{
  AdwPreferencesGroup *details = eccp_widget_add_group (self->page, _("Details"));

  for (guint i = 0; i < self->spec->n_fields; i++)
    {
      const EccpFieldSpec *field = &self->spec->fields[i];
      EccpFieldRow *row;

      if (field->kind == ECCP_FIELD_OBJECT)
        {
          AdwPreferencesGroup *group = eccp_widget_add_group (self->page, _(field->label));

          for (guint j = 0; j < field->n_children; j++)
            {
              const EccpFieldSpec *child = &field->children[j];
              g_autofree char *path = g_strconcat (field->name, ".", child->name, NULL);

              add_row (self, child, path, original_value (self, field, child->name), group);
            }
          continue;
        }

      row = add_row (self, field, NULL, original_value (self, field, NULL), details);
      if (field->kind == ECCP_FIELD_TIMEZONE && self->timezone_row == NULL)
        self->timezone_row = row;
    }

  /* Times first show in the event's zone (or at their own offsets). */
  {
    g_autoptr(GTimeZone) zone = NULL;
    gboolean valid;

    zone = current_time_zone (self, &valid);
    for (guint i = 0; i < self->rows->len; i++)
      eccp_field_row_set_time_zone (g_ptr_array_index (self->rows, i), zone);
  }
}

/* Saving */

static void
focus_row (EccpRecordEditor *self,
           EccpFieldRow     *row)
{
  if (row != NULL)
    eccp_field_row_focus (row);
}

static EccpRecord *
create_record (EccpRecordEditor  *self,
               GError           **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonObject) relationships = json_object_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      EccpFieldRow *row = g_ptr_array_index (self->rows, i);
      JsonNode *value = eccp_field_row_get_value (row, NULL);

      /* What is not set is left out. */
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        {
          g_clear_pointer (&value, json_node_unref);
          continue;
        }

      set_path (is_relation_row (row) ? relationships : attributes,
                eccp_field_row_get_path (row), value);
    }

  /* The store makes the id (a UUID). */
  return eccp_store_create (self->store, self->spec->name, NULL,
                            attributes, relationships, error);
}

static EccpRecord *
update_record (EccpRecordEditor  *self,
               GError           **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonObject) relationships = json_object_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      EccpFieldRow *row = g_ptr_array_index (self->rows, i);
      JsonNode *value;

      if (!eccp_field_row_is_changed (row))
        continue;

      value = eccp_field_row_get_value (row, NULL);
      if (value == NULL)
        continue;

      /* "members.sme": the store changes that part and keeps the others. */
      json_object_set_member (is_relation_row (row) ? relationships : attributes,
                              eccp_field_row_get_path (row), value);
    }

  return eccp_store_update (self->store, self->spec->name,
                            eccp_record_get_id (self->record),
                            attributes, relationships, error);
}

static void
save (EccpRecordEditor *self)
{
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  EccpFieldRow *first_error;

  first_error = validate (self);

  if (!self->dirty && !is_creating (self))
    {
      /* Nothing to save. */
      self->saved = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (self->blocked)
    {
      self->show_all_errors = TRUE;
      first_error = validate (self);
      show_error (self, _("Some fields need to be corrected before the record can be saved."));
      focus_row (self, first_error);
      return;
    }

  record = is_creating (self) ? create_record (self, &error) : update_record (self, &error);
  if (record == NULL)
    {
      g_autofree char *message = NULL;

      /* Nothing typed is lost: the window stays, with the store's reason. */
      message = g_strdup_printf (_("Could not save: %s"), error->message);
      g_warning ("Could not save a %s: %s", self->spec->name, error->message);
      show_error (self, message);
      eccp_toast_show (GTK_WIDGET (self), eccp_toast_new ("%s", _("Not saved")));
      return;
    }

  hide_error (self);
  self->saved = TRUE;
  g_signal_emit (self, signals[SAVED], 0, eccp_record_get_id (record));
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (EccpRecordEditor *self)
{
  save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ECCP_RECORD_EDITOR (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
dismiss_error_cb (EccpRecordEditor *self)
{
  hide_error (self);
}

/* Closing with changes asks first */

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (EccpRecordEditor *self,
                     const char       *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Once the dialog is gone: it is transient for this window, and GTK 4.8
   * would let it go after this window and complain. */
  self->discard = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
eccp_record_editor_close_request (GtkWindow *window)
{
  EccpRecordEditor *self = ECCP_RECORD_EDITOR (window);
  GtkWidget *dialog;

  if (self->saved || self->discard || !self->dirty)
    return GTK_WINDOW_CLASS (eccp_record_editor_parent_class)->close_request (window);

  dialog = eccp_widget_destructive_dialog_new (window, _("Discard changes?"),
                                               is_creating (self)
                                               ? _("The record has not been saved. What you typed will be lost.")
                                               : _("The changes you made have not been saved and will be lost."),
                                               _("_Keep Editing"), "discard", _("_Discard"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* The object */

static void
eccp_record_editor_dispose (GObject *object)
{
  EccpRecordEditor *self = (EccpRecordEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_RECORD_EDITOR);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eccp_record_editor_parent_class)->dispose (object);
}

static void
eccp_record_editor_class_init (EccpRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = eccp_record_editor_dispose;
  window_class->close_request = eccp_record_editor_close_request;

  /**
   * EccpRecordEditor::saved:
   * @id: the id of the record saved
   *
   * The record is in the store; the window closes.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpRecordEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordEditor, page);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_error_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
eccp_record_editor_init (EccpRecordEditor *self)
{
  static gsize css_loaded;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->touched = g_hash_table_new (NULL, NULL);

  eccp_widget_add_css_once (&css_loaded, editor_css);
}

GtkWidget *
eccp_record_editor_new (EccpStore  *store,
                        const char *type,
                        EccpRecord *record)
{
  EccpRecordEditor *self;
  const EccpTypeSpec *spec;
  g_autofree char *title = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (type != NULL || record != NULL, NULL);
  g_return_val_if_fail (record == NULL || ECCP_IS_RECORD (record), NULL);

  if (type == NULL)
    type = eccp_record_get_type_name (record);
  spec = eccp_type_spec_lookup (type);
  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (ECCP_TYPE_RECORD_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->spec = spec;
  self->record = record != NULL ? g_object_ref (record) : NULL;

  /* Translators: the editor's title, with the type: "New Partnership",
   * "Edit Cluster" */
  title = g_strdup_printf (record == NULL ? _("New %s") : _("Edit %s"), _(spec->label));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  if (record != NULL)
    adw_window_title_set_subtitle (self->window_title, eccp_record_get_title (record));

  build_form (self);
  validate (self);

  if (self->rows->len > 0)
    focus_row (self, g_ptr_array_index (self->rows, 0));

  return GTK_WIDGET (self);
}
