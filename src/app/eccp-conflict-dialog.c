/* eccp-conflict-dialog.c: deciding, field by field, between the portal's version and mine
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One group per conflicting field (change->conflicts), in the order of
 * the type's fields, made by eccp-conflict-choice.c: keep mine, keep the
 * portal's, or type another in the field's own editor.  A record deleted
 * on one side and edited on the other is a group of its own.  "Resolve"
 * checks every typed value first, then gives each decision to
 * eccp_store_resolve(); the record-level decision goes last, since
 * keeping the portal's deletion ends the change.  An error keeps the
 * dialog open with everything as the person left it.  When the portal's
 * version changes meanwhile, the groups are made again, keeping what was
 * chosen and typed.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-conflict-dialog.h"

#include <glib/gi18n.h>

#include "eccp-conflict-choice.h"
#include "eccp-field-spec.h"
#include "eccp-store-sync.h"
#include "eccp-widget-util.h"

struct _EccpConflictDialog
{
  AdwWindow            parent_instance;

  EccpStore           *store;
  char                *type;
  char                *id;
  GPtrArray           *choices;     /* EccpConflictChoice */
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
show_message (EccpConflictDialog *self,
              const char         *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
clear_choices (EccpConflictDialog *self)
{
  for (guint i = 0; i < self->choices->len; i++)
    {
      EccpConflictChoice *choice = g_ptr_array_index (self->choices, i);

      _eccp_conflict_choice_disconnect (choice);
      adw_preferences_page_remove (self->page, choice->group);
    }
  g_ptr_array_set_size (self->choices, 0);
}

static EccpConflictChoice *
find_choice (GPtrArray  *choices,
             const char *name)
{
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      EccpConflictChoice *choice = g_ptr_array_index (choices, i);

      if (g_strcmp0 (choice->name, name) == 0)
        return choice;
    }

  return NULL;
}

/* Shows the conflicts of @change.  What was _eccp_conflict_choice_get_decision before for a field
 * still in conflict stays _eccp_conflict_choice_get_decision. */
static void
build (EccpConflictDialog *self,
       const EccpChange   *change)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->choices);
  const EccpTypeSpec *type = eccp_type_spec_lookup (change->type);
  g_autoptr(GList) names = NULL;
  JsonNode *record_conflict;

  self->choices = g_ptr_array_new_with_free_func (_eccp_conflict_choice_free);

  /* The record first: it decides whether the fields matter. */
  record_conflict = json_object_get_member (change->conflicts, "");
  if (record_conflict != NULL)
    {
      EccpConflictChoice *choice = _eccp_conflict_choice_new_record (change, record_conflict);

      _eccp_conflict_choice_carry_over (choice, find_choice (old, ""));
      g_ptr_array_add (self->choices, choice);
    }

  for (guint i = 0; type != NULL && i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      JsonNode *conflict = json_object_get_member (change->conflicts, field->name);
      EccpConflictChoice *choice;

      if (conflict == NULL)
        continue;

      choice = _eccp_conflict_choice_new_field (self->store, field->name, field, conflict);
      _eccp_conflict_choice_carry_over (choice, find_choice (old, field->name));
      g_ptr_array_add (self->choices, choice);
    }

  /* Fields the specs do not know (a newer portal): mine or theirs. */
  names = json_object_get_members (change->conflicts);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      EccpConflictChoice *choice;

      if (*name == '\0' || (type != NULL && eccp_type_spec_get_field (type, name) != NULL))
        continue;

      choice = _eccp_conflict_choice_new_field (self->store, name, NULL, json_object_get_member (change->conflicts, name));
      _eccp_conflict_choice_carry_over (choice, find_choice (old, name));
      g_ptr_array_add (self->choices, choice);
    }

  /* The old groups go once what they held is carried over. */
  for (guint i = 0; old != NULL && i < old->len; i++)
    {
      EccpConflictChoice *choice = g_ptr_array_index (old, i);

      _eccp_conflict_choice_disconnect (choice);
      adw_preferences_page_remove (self->page, choice->group);
    }

  for (guint i = 0; i < self->choices->len; i++)
    {
      EccpConflictChoice *choice = g_ptr_array_index (self->choices, i);

      adw_preferences_page_add (self->page, choice->group);
      _eccp_conflict_choice_check (choice);
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
      EccpConflictChoice *choice = find_choice (self->choices, l->data);

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
  /* Deleted here, the name it had. */
  if (change != NULL)
    adw_window_title_set_subtitle (self->window_title, eccp_change_get_title (change, record));
  else if (record != NULL)
    adw_window_title_set_subtitle (self->window_title, eccp_record_get_title (record));

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
      /* GTK 4.8 names a button with a mnemonic twice ("_Close Close"). */
      eccp_widget_set_accessible_label (GTK_WIDGET (self->cancel_button), _("Close"));
      return;
    }

  if (same_conflicts (self, change))
    return;

  build (self, change);
  if (!first)
    show_message (self, _("The portal's version changed while this was open: look again before you resolve."));
}

static void
store_settled_cb (EccpConflictDialog *self,
                  EccpStore          *store)
{
  if (!self->resolving)
    reload (self);
}

/* }}} */

/* {{{ Resolve */

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
             EccpConflictChoice  *choice,
             GError             **error)
{
  EccpResolveChoice decision = _eccp_conflict_choice_get_decision (choice);
  g_autoptr(JsonNode) value = NULL;

  if (!still_conflicts (self, choice->name))
    return TRUE;

  if (decision == ECCP_RESOLVE_VALUE)
    {
      value = _eccp_conflict_choice_get_value (choice, error);
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
  EccpConflictChoice *record_choice = NULL;
  EccpFieldRow *first_invalid = NULL;

  /* Every typed value first: nothing is written while one is wrong. */
  for (guint i = 0; i < self->choices->len; i++)
    {
      EccpFieldRow *wrong = _eccp_conflict_choice_check (g_ptr_array_index (self->choices, i));

      if (first_invalid == NULL)
        first_invalid = wrong;
    }

  if (first_invalid != NULL)
    {
      show_message (self, _("A value you typed cannot be used: see below."));
      eccp_field_row_focus (first_invalid);
      return;
    }

  self->resolving = TRUE;

  for (guint i = 0; i < self->choices->len && error == NULL; i++)
    {
      EccpConflictChoice *choice = g_ptr_array_index (self->choices, i);

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

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  for (guint i = 0; self->choices != NULL && i < self->choices->len; i++)
    _eccp_conflict_choice_disconnect (g_ptr_array_index (self->choices, i));
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
  self->choices = g_ptr_array_new_with_free_func (_eccp_conflict_choice_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 names a button with a mnemonic twice ("_Cancel Cancel"). */
  eccp_widget_set_accessible_label (GTK_WIDGET (self->cancel_button), _("Cancel"));
  eccp_widget_set_accessible_label (GTK_WIDGET (self->resolve_button), _("Resolve"));
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
  g_signal_connect_object (store, "settled", G_CALLBACK (store_settled_cb), self, G_CONNECT_SWAPPED);

  reload (self);

  /* Start at the first decision. */
  if (self->choices->len > 0)
    {
      EccpConflictChoice *choice = g_ptr_array_index (self->choices, 0);
      GtkCheckButton *active = gtk_check_button_get_active (choice->mine_check)
        ? choice->mine_check : choice->theirs_check;

      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (active));
    }

  return self;
}
