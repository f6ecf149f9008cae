/* eccp-change-row.c: one local change in the Changes view
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record's name, its type and when it was changed, what the change
 * is ("Edited: Description, Website"), and for a change that needs the
 * person, why: the conflicting fields, or the portal's reasons.  The
 * buttons name actions (changes.resolve, changes.discard,
 * win.show-record) with the record as target: the row knows nothing of
 * dialogs or the store.  It shows an EccpChangeItem (its "item") and
 * follows it when the item says its change changed.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-change-row.h"

#include "eccp-date.h"

#include <glib/gi18n.h>

#include "eccp-field-spec.h"
#include "eccp-record-row.h"

struct _EccpChangeRow
{
  GtkListBoxRow   parent_instance;

  EccpChangeItem *item;
  GSignalGroup   *item_signals;

  GtkImage      *state_image;
  GtkLabel      *title_label;
  GtkLabel      *caption_label;
  GtkLabel      *summary_label;
  GtkLabel      *state_label;
  GtkLabel      *reasons_label;
  GtkButton     *resolve_button;
  GtkButton     *open_button;
  GtkButton     *discard_button;
};

G_DEFINE_FINAL_TYPE (EccpChangeRow, eccp_change_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The types the window has a page for: win.show-record opens these. */
static const char * const openable_types[] = { "cluster", "partnership", "event", "call", NULL };

static const char *
field_label (const EccpTypeSpec *type,
             const char         *name)
{
  const EccpFieldSpec *field = type != NULL ? eccp_type_spec_get_field_path (type, name) : NULL;

  return field != NULL ? _(field->label) : name;
}

/* "/data/attributes/members/sme" → "Members (SME)"; %NULL when the
 * pointer names no field. */
static const char *
pointer_label (const EccpTypeSpec *type,
               const char         *pointer)
{
  static const char * const prefixes[] = { "/data/attributes/", "/data/relationships/" };

  if (pointer == NULL)
    return NULL;

  if (g_str_has_prefix (pointer, "/data/meta/moderation_state"))
    return _("Review state");
  if (g_str_has_prefix (pointer, "/data/meta/review_comment"))
    return _("Review comment");

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (pointer, prefixes[i]))
      {
        g_auto(GStrv) parts = g_strsplit (pointer + strlen (prefixes[i]), "/", -1);
        g_autofree char *path = g_strjoinv (".", parts);
        const EccpFieldSpec *field = type != NULL ? eccp_type_spec_get_field_path (type, path) : NULL;

        /* An item of a list ("/data/attributes/ecosystems/3"): the list. */
        if (field == NULL && type != NULL && parts[0] != NULL)
          field = eccp_type_spec_get_field (type, parts[0]);

        return field != NULL ? _(field->label) : NULL;
      }

  return NULL;
}

char *
eccp_change_describe_errors (const EccpChange *change)
{
  const EccpTypeSpec *type;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (change != NULL, NULL);

  if (change->errors == NULL || json_array_get_length (change->errors) == 0)
    return NULL;

  type = eccp_type_spec_lookup (change->type);
  text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (change->errors); i++)
    {
      JsonNode *node = json_array_get_element (change->errors, i);
      JsonObject *error;
      JsonObject *source;
      const char *detail;
      const char *label;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      error = json_node_get_object (node);
      detail = json_object_get_string_member_with_default (error, "detail", NULL);
      if (detail == NULL || *detail == '\0')
        detail = json_object_get_string_member_with_default (error, "title", NULL);
      if (detail == NULL || *detail == '\0')
        detail = json_object_get_string_member_with_default (error, "code", NULL);
      if (detail == NULL || *detail == '\0')
        continue;

      source = json_object_has_member (error, "source")
               && JSON_NODE_HOLDS_OBJECT (json_object_get_member (error, "source"))
               ? json_object_get_object_member (error, "source") : NULL;
      label = pointer_label (type,
                             source != NULL
                             ? json_object_get_string_member_with_default (source, "pointer", NULL)
                             : NULL);

      if (text->len > 0)
        g_string_append_c (text, '\n');

      /* The portal's messages usually name the field already:
       * "Website: “ftp://x” is not an http or https address". */
      if (label != NULL
          && !(g_str_has_prefix (detail, label) && detail[strlen (label)] == ':'))
        /* Translators: a field and what the portal found wrong with it */
        g_string_append_printf (text, _("%s: %s"), label, detail);
      else
        g_string_append (text, detail);
    }

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
describe_transition (const char *state)
{
  if (g_strcmp0 (state, "needs_review") == 0)
    return _("Submitted for review");
  if (g_strcmp0 (state, "published") == 0)
    return _("Published");
  if (g_strcmp0 (state, "changes_requested") == 0)
    return _("Changes requested");
  if (g_strcmp0 (state, "archived") == 0)
    return _("Archived");

  return _("Review comment");
}

/* The labels of the fields @names, in the order of the type's fields
 * (the order the forms show them in), then any the type does not know. */
static void
append_labels (GString             *out,
               const EccpTypeSpec  *type,
               const char * const  *names)
{
  if (names == NULL)
    return;

  for (guint i = 0; type != NULL && i < type->n_fields; i++)
    if (g_strv_contains (names, type->fields[i].name))
      {
        if (out->len > 0)
          g_string_append (out, _(", "));
        g_string_append (out, _(type->fields[i].label));
      }

  for (guint i = 0; names[i] != NULL; i++)
    if (type == NULL || eccp_type_spec_get_field (type, names[i]) == NULL)
      {
        if (out->len > 0)
          g_string_append (out, _(", "));
        g_string_append (out, field_label (type, names[i]));
      }
}

/* What the change is: "New", "Deleted", "Edited: Description, Website",
 * "Submitted for review". */
static char *
describe_change (const EccpChange *change,
                 EccpRecord       *record)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (change->type);
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean moderated = change->changed_meta != NULL && change->changed_meta[0] != NULL;

  switch (change->op)
    {
    case ECCP_CHANGE_CREATE:
      g_string_append (text, _("New"));
      break;

    case ECCP_CHANGE_DELETE:
      return g_strdup (_("Deleted"));

    case ECCP_CHANGE_UPDATE:
    default:
      {
        g_auto(GStrv) names = eccp_change_dup_changed_fields (change);

        append_labels (fields, type, (const char * const *) names);
      }
      if (fields->len > 0)
        /* Translators: the fields of a record that were changed here */
        g_string_append_printf (text, _("Edited: %s"), fields->str);
      else if (!moderated)
        g_string_append (text, _("Edited"));
      break;
    }

  if (moderated)
    {
      JsonObject *meta = record != NULL ? eccp_record_get_meta (record) : NULL;
      const char *state = meta != NULL
        ? json_object_get_string_member_with_default (meta, "moderation_state", NULL) : NULL;

      if (!g_strv_contains ((const char * const *) change->changed_meta, "moderation_state"))
        state = NULL;

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, describe_transition (state));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Why a conflict waits: "Changed on the portal too: Description". */
static char *
describe_conflict (const EccpChange *change)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (change->type);
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  if (change->conflicts == NULL)
    return g_strdup (eccp_sync_state_describe (change->state));

  if (json_object_has_member (change->conflicts, ""))
    return g_strdup (change->op == ECCP_CHANGE_DELETE
                     ? _("Deleted here, edited on the portal")
                     : _("Edited here, deleted on the portal"));

  /* In the order of the type's fields, as the dialog shows them. */
  for (guint i = 0; type != NULL && i < type->n_fields; i++)
    if (json_object_has_member (change->conflicts, type->fields[i].name))
      {
        if (fields->len > 0)
          g_string_append (fields, _(", "));
        g_string_append (fields, _(type->fields[i].label));
      }

  names = json_object_get_members (change->conflicts);
  for (const GList *l = names; l != NULL; l = l->next)
    if (type == NULL || eccp_type_spec_get_field (type, l->data) == NULL)
      {
        if (fields->len > 0)
          g_string_append (fields, _(", "));
        g_string_append (fields, l->data);
      }

  if (fields->len == 0)
    return g_strdup (eccp_sync_state_describe (change->state));

  /* Translators: the fields someone changed on the portal as well */
  return g_strdup_printf (_("Changed on the portal too: %s"), fields->str);
}

void
eccp_change_row_update_time (EccpChangeRow *self)
{
  const EccpTypeSpec *type;
  GDateTime *when;
  g_autofree char *age = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *exact = NULL;
  const char *type_label;

  const EccpChange *change;

  g_return_if_fail (ECCP_IS_CHANGE_ROW (self));

  change = self->item != NULL ? eccp_change_item_get_change (self->item) : NULL;
  if (change == NULL)
    return;

  type = eccp_type_spec_lookup (change->type);
  type_label = type != NULL ? _(type->label) : change->type;
  when = change->created_at != NULL ? change->created_at : change->updated_at;
  if (when != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      age = eccp_date_time_format_age (when, now, FALSE);
    }

  if (age != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);
      g_autofree char *shown = eccp_date_time_format_short (local);

      /* Translators: "Cluster · 5 minutes ago" */
      caption = g_strdup_printf (_("%s · %s"), type_label, age);
      /* Translators: "Changed on 12 Mar 2026 17:00" */
      exact = g_strdup_printf (_("Changed on %s"), shown);
    }
  else
    caption = g_strdup (type_label);

  if (g_strcmp0 (gtk_label_get_label (self->caption_label), caption) != 0)
    gtk_label_set_label (self->caption_label, caption);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->caption_label), exact);
}

static void
set_button_name (GtkButton *button,
                 char      *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_free (label);
}

/* Shows the item's change, as it is now. */
static void
update (EccpChangeRow *self)
{
  const EccpChange *change = eccp_change_item_get_change (self->item);
  EccpRecord *record = eccp_change_item_get_record (self->item);
  const char *title = eccp_change_item_get_title (self->item);
  g_autofree char *summary = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *row_label = NULL;
  const char *icon_name;
  gboolean needs_user;
  gboolean conflict;
  gboolean openable;

  if (change == NULL || title == NULL)
    return;

  needs_user = eccp_change_needs_user (change);
  conflict = change->state == ECCP_SYNC_STATE_CONFLICT;
  openable = change->op != ECCP_CHANGE_DELETE && record != NULL
             && g_strv_contains (openable_types, change->type);

  gtk_label_set_label (self->title_label, title);
  eccp_change_row_update_time (self);

  summary = describe_change (change, record);
  gtk_label_set_label (self->summary_label, summary);

  /* Why it waits for the person */
  if (conflict)
    state_text = describe_conflict (change);
  else if (needs_user)
    {
      state_text = g_strdup (eccp_sync_state_describe (change->state));
      reasons = eccp_change_describe_errors (change);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state_text != NULL);
  gtk_label_set_label (self->state_label, state_text != NULL ? state_text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "error");
  if (state_text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), conflict ? "warning" : "error");

  gtk_widget_set_visible (GTK_WIDGET (self->reasons_label), reasons != NULL);
  gtk_label_set_label (self->reasons_label, reasons != NULL ? reasons : "");

  icon_name = eccp_sync_state_icon_name (change->state);
  gtk_image_set_from_icon_name (self->state_image, icon_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_image), eccp_sync_state_describe (change->state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, eccp_sync_state_describe (change->state),
                                  -1);

  /* The buttons: the record as target, a name that says which record. */
  gtk_widget_set_visible (GTK_WIDGET (self->resolve_button), conflict);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), openable);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->resolve_button), "(ss)",
                                    change->type, change->record_id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "(ss)",
                                    change->type, change->record_id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->discard_button), "(ss)",
                                    change->type, change->record_id);
  /* Translators: the accessible names of a change's buttons; %s is the record's name */
  set_button_name (self->resolve_button, g_strdup_printf (_("Resolve conflict in %s"), title));
  set_button_name (self->open_button, g_strdup_printf (_("Open %s"), title));
  set_button_name (self->discard_button, g_strdup_printf (_("Discard change to %s"), title));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->resolve_button),
                               _("Choose what to keep of both versions"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->discard_button),
                               change->op == ECCP_CHANGE_CREATE
                               ? _("Remove this new record")
                               : _("Go back to the portal's version"));

  /* What a screen reader says for the row. */
  row_label = g_strdup_printf ("%s, %s", title, eccp_sync_state_describe (change->state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
item_changed_cb (EccpChangeRow *self)
{
  update (self);
  /* The list box sorts and filters rows by what they show. */
  gtk_list_box_row_changed (GTK_LIST_BOX_ROW (self));
}

void
eccp_change_row_set_item (EccpChangeRow  *self,
                          EccpChangeItem *item)
{
  g_return_if_fail (ECCP_IS_CHANGE_ROW (self));
  g_return_if_fail (item == NULL || ECCP_IS_CHANGE_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  g_signal_group_set_target (self->item_signals, item);
  if (item != NULL)
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

EccpChangeItem *
eccp_change_row_get_item (EccpChangeRow *self)
{
  g_return_val_if_fail (ECCP_IS_CHANGE_ROW (self), NULL);

  return self->item;
}

static void
eccp_change_row_dispose (GObject *object)
{
  EccpChangeRow *self = (EccpChangeRow *)object;

  g_signal_group_set_target (self->item_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_CHANGE_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (eccp_change_row_parent_class)->dispose (object);
}

static void
eccp_change_row_finalize (GObject *object)
{
  EccpChangeRow *self = (EccpChangeRow *)object;

  g_clear_object (&self->item_signals);

  G_OBJECT_CLASS (eccp_change_row_parent_class)->finalize (object);
}

static void
eccp_change_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EccpChangeRow *self = ECCP_CHANGE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_change_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EccpChangeRow *self = ECCP_CHANGE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      eccp_change_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_change_row_class_init (EccpChangeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_change_row_dispose;
  object_class->finalize = eccp_change_row_finalize;
  object_class->get_property = eccp_change_row_get_property;
  object_class->set_property = eccp_change_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, ECCP_TYPE_CHANGE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-change-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, state_image);
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, EccpChangeRow, discard_button);
}

static void
eccp_change_row_init (EccpChangeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->item_signals = g_signal_group_new (ECCP_TYPE_CHANGE_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify::change", G_CALLBACK (item_changed_cb), self,
                                 G_CONNECT_SWAPPED);
}

GtkWidget *
eccp_change_row_new (EccpChangeItem *item)
{
  return g_object_new (ECCP_TYPE_CHANGE_ROW, "item", item, NULL);
}
