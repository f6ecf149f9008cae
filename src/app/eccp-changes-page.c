/* eccp-changes-page.c: what waits to be sent, what conflicts, what was refused
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two groups of EccpChangeRow, in outbox order: "Needs You" (conflicts,
 * and changes the portal refused, with its reasons) and "Waiting to Be
 * Sent".  The store's "changed" signals are coalesced; a refresh reads
 * the outbox and touches only the rows whose change is different, so the
 * rows the person is working in (and the keyboard focus) stay put while a
 * sync runs.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-changes-page.h"

#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-change-row.h"
#include "eccp-conflict-dialog.h"
#include "eccp-field-spec.h"
#include "eccp-store-sync.h"
#include "eccp-toast.h"

/* Coalesce the store's "changed" signals (a sync commits many times a second). */
#define REFRESH_DELAY_MS 100
/* Keep "5 minutes ago" true. */
#define CLOCK_SECONDS 30
/* Rows per group: a venue's thousand check-ins waiting are counted, not all shown. */
#define MAX_ROWS 200

struct _EccpChangesPage
{
  GtkWidget             parent_instance;

  EccpStore            *store;
  /* "type\nid" → the EccpChangeRow showing that record's change */
  GHashTable           *rows;
  guint                 refresh_source;
  guint                 clock_source;

  GtkStack             *stack;
  AdwPreferencesGroup  *needs_group;
  AdwPreferencesGroup  *waiting_group;
  GtkListBox           *needs_list;
  GtkListBox           *waiting_list;
};

G_DEFINE_FINAL_TYPE (EccpChangesPage, eccp_changes_page, GTK_TYPE_WIDGET)

static char *
row_key (const char *type,
         const char *id)
{
  return g_strconcat (type, "\n", id, NULL);
}

/* The record's name: as it stands locally, or, deleted here, as it was. */
static char *
change_title (const EccpChange *change,
              EccpRecord       *record)
{
  const EccpTypeSpec *type;
  const EccpFieldSpec *title_field;

  if (record != NULL)
    return g_strdup (eccp_record_get_title (record));

  type = eccp_type_spec_lookup (change->type);
  title_field = type != NULL ? eccp_type_spec_get_title_field (type) : NULL;
  if (title_field != NULL && change->base_attributes != NULL)
    {
      const char *title = json_object_get_string_member_with_default (change->base_attributes,
                                                                     title_field->name, NULL);

      if (title != NULL && *title != '\0')
        return g_strdup (title);
    }

  return g_strdup (change->record_id);
}

static int
compare_rows (GtkListBoxRow *row1,
              GtkListBoxRow *row2,
              gpointer       user_data)
{
  const EccpChange *change1 = eccp_change_row_get_change (ECCP_CHANGE_ROW (row1));
  const EccpChange *change2 = eccp_change_row_get_change (ECCP_CHANGE_ROW (row2));

  return (change1->num > change2->num) - (change1->num < change2->num);
}

static void
set_group_description (AdwPreferencesGroup *group,
                       const char          *text,
                       guint                shown,
                       guint                total)
{
  g_autofree char *description = NULL;

  if (total > shown)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("The oldest %u of %u are shown.",
                                                         "The oldest %u of %u are shown.",
                                                         total),
                                               shown, total);

      description = g_strdup_printf ("%s %s", text, more);
    }
  else
    description = g_strdup (text);

  adw_preferences_group_set_description (group, description);
}

/* Returns: (transfer full) (nullable): the row holding the focus */
static GtkWidget *
focused_row (EccpChangesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, ECCP_TYPE_CHANGE_ROW) : NULL;

  /* A reference: the row may leave its list, and be freed, meanwhile. */
  return row != NULL ? g_object_ref (row) : NULL;
}

/* After the row that held the focus went away: the row now in its
 * place, or the one before, or the page. */
static void
restore_focus (EccpChangesPage *self,
               GtkListBox      *list,
               int              index)
{
  GtkListBoxRow *row = NULL;

  if (index >= 0)
    {
      row = gtk_list_box_get_row_at_index (list, index);
      if (row == NULL && index > 0)
        row = gtk_list_box_get_row_at_index (list, index - 1);
    }

  if (row != NULL && gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD))
    return;

  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
refresh (EccpChangesPage *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  g_autoptr(GtkWidget) focus_row = focused_row (self);
  GtkListBox *focus_list = NULL;
  int focus_index = -1;
  guint n_needs = 0;
  guint n_waiting = 0;
  guint shown_needs = 0;
  guint shown_waiting = 0;

  if (focus_row != NULL)
    {
      focus_list = GTK_LIST_BOX (gtk_widget_get_parent (focus_row));
      focus_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus_row));
    }

  if (self->store != NULL)
    {
      changes = eccp_store_list_changes (self->store, &error);
      if (changes == NULL)
        g_warning ("Could not read the changes: %s", error->message);
    }

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const EccpChange *change = g_ptr_array_index (changes, i);
      gboolean needs_user = eccp_change_needs_user (change);
      GtkListBox *list = needs_user ? self->needs_list : self->waiting_list;
      g_autoptr(EccpRecord) record = NULL;
      g_autofree char *title = NULL;
      g_autofree char *row_name = NULL;
      EccpChangeRow *row;

      if (needs_user)
        {
          if (++n_needs > MAX_ROWS)
            continue;
          shown_needs++;
        }
      else
        {
          if (++n_waiting > MAX_ROWS)
            continue;
          shown_waiting++;
        }

      row_name = row_key (change->type, change->record_id);
      record = eccp_store_get (self->store, change->type, change->record_id, NULL);
      title = change_title (change, record);

      row = g_hash_table_lookup (self->rows, row_name);
      if (row != NULL && gtk_widget_get_parent (GTK_WIDGET (row)) != GTK_WIDGET (list))
        {
          /* From waiting to needing the person, or back: a row of the other group. */
          gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))),
                               GTK_WIDGET (row));
          g_hash_table_remove (self->rows, row_name);
          row = NULL;
        }

      if (row == NULL)
        {
          row = ECCP_CHANGE_ROW (eccp_change_row_new ());
          eccp_change_row_set_change (row, change, record, title);
          gtk_list_box_append (list, GTK_WIDGET (row));
          g_hash_table_insert (self->rows, g_strdup (row_name), row);
        }
      else if (eccp_change_row_set_change (row, change, record, title))
        {
          gtk_list_box_row_changed (GTK_LIST_BOX_ROW (row));
        }

      g_hash_table_add (seen, g_steal_pointer (&row_name));
    }

  /* The changes that are gone: sent, resolved, discarded. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *row = value;

      if (g_hash_table_contains (seen, key))
        continue;

      gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
      g_hash_table_iter_remove (&iter);
    }

  set_group_description (self->needs_group,
                         _("The portal did not take these changes. Decide what to keep, correct them, or discard them."),
                         shown_needs, n_needs);
  set_group_description (self->waiting_group,
                         _("Sent to the portal at the next sync."),
                         shown_waiting, n_waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->needs_group), n_needs > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), n_waiting > 0);
  gtk_stack_set_visible_child_name (self->stack, n_needs + n_waiting > 0 ? "list" : "empty");

  if (focus_row != NULL && gtk_widget_get_parent (focus_row) == NULL)
    restore_focus (self, focus_list, focus_index);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  EccpChangesPage *self = user_data;

  self->refresh_source = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (EccpChangesPage *self,
                  EccpStore       *store)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

static gboolean
clock_cb (gpointer user_data)
{
  EccpChangesPage *self = user_data;
  GtkListBox *lists[] = { self->needs_list, self->waiting_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (lists[i]));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (ECCP_IS_CHANGE_ROW (child))
        eccp_change_row_update_time (ECCP_CHANGE_ROW (child));

  return G_SOURCE_CONTINUE;
}

static void
add_toast (EccpChangesPage *self,
           AdwToast        *toast)
{
  eccp_toast_show (GTK_WIDGET (self), toast);
}

static EccpChangeRow *
find_row (EccpChangesPage *self,
          const char      *type,
          const char      *id)
{
  g_autofree char *name = row_key (type, id);

  return g_hash_table_lookup (self->rows, name);
}

/* {{{ Resolve */

static void
conflict_resolved_cb (EccpChangesPage    *self,
                      EccpConflictDialog *dialog)
{
  add_toast (self, adw_toast_new (_("Conflict resolved: the change goes at the next sync")));
}

static void
resolve_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EccpChangesPage *self = ECCP_CHANGES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  EccpConflictDialog *dialog;
  const char *type;
  const char *id;

  if (self->store == NULL)
    return;

  g_variant_get (parameter, "(&s&s)", &type, &id);
  dialog = eccp_conflict_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->store, type, id);
  g_signal_connect_object (dialog, "resolved", G_CALLBACK (conflict_resolved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */

/* {{{ Discard */

/* GTK 4.8 names a button with a mnemonic twice ("_Discard Discard": its
 * label with the underline, then the label that labels it); the message
 * dialog's buttons get their name once, as a person reads it. */
static void
name_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        {
          g_autoptr(GString) name = g_string_new (gtk_button_get_label (GTK_BUTTON (child)));

          if (gtk_button_get_use_underline (GTK_BUTTON (child)))
            g_string_replace (name, "_", "", 0);
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                          -1);
        }
      name_buttons (child);
    }
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     EccpChangesPage  *self)
{
  const char *type = g_object_get_data (G_OBJECT (dialog), "type");
  const char *id = g_object_get_data (G_OBJECT (dialog), "id");
  const char *title = g_object_get_data (G_OBJECT (dialog), "title");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") != 0 || self->store == NULL)
    return;

  if (!eccp_store_discard (self->store, type, id, &error))
    {
      AdwToast *toast = adw_toast_new_format (_("The change could not be discarded: %s"),
                                              error->message);

      adw_toast_set_timeout (toast, 0);
      add_toast (self, toast);
      return;
    }

  add_toast (self, adw_toast_new_format (_("Change to “%s” discarded"), title));
  /* Now, rather than in 100 ms: the row goes while the focus is known. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh (self);
}

static void
discard_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EccpChangesPage *self = ECCP_CHANGES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  EccpChangeRow *row;
  const EccpChange *change;
  const char *title;
  const char *type;
  const char *id;
  GtkWidget *dialog;

  g_variant_get (parameter, "(&s&s)", &type, &id);
  row = find_row (self, type, id);
  if (row == NULL)
    return;

  change = eccp_change_row_get_change (row);
  title = eccp_change_row_get_title (row);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     _("Discard your change to “%s”?"), title);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               change->op == ECCP_CHANGE_CREATE
                               ? _("The new record was never sent: it goes away. This cannot be undone.")
                               : _("The record goes back to the portal's version. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "type", g_strdup (type), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "title", g_strdup (title), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  name_buttons (dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */

/* The command line may have changed the store meanwhile (its writes
 * send no signal here): read it again when the page is shown. */
static void
eccp_changes_page_map (GtkWidget *widget)
{
  EccpChangesPage *self = ECCP_CHANGES_PAGE (widget);

  GTK_WIDGET_CLASS (eccp_changes_page_parent_class)->map (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh (self);
}

static void
eccp_changes_page_dispose (GObject *object)
{
  EccpChangesPage *self = (EccpChangesPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_CHANGES_PAGE);
  eccp_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (eccp_changes_page_parent_class)->dispose (object);
}

static void
eccp_changes_page_finalize (GObject *object)
{
  EccpChangesPage *self = (EccpChangesPage *)object;

  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (eccp_changes_page_parent_class)->finalize (object);
}

static void
eccp_changes_page_class_init (EccpChangesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_changes_page_dispose;
  object_class->finalize = eccp_changes_page_finalize;
  widget_class->map = eccp_changes_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-changes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, needs_group);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, needs_list);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, waiting_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "changes.resolve", "(ss)", resolve_cb);
  gtk_widget_class_install_action (widget_class, "changes.discard", "(ss)", discard_cb);
}

static void
eccp_changes_page_init (EccpChangesPage *self)
{
  g_type_ensure (ECCP_TYPE_CHANGE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_list_box_set_sort_func (self->needs_list, compare_rows, NULL, NULL);
  gtk_list_box_set_sort_func (self->waiting_list, compare_rows, NULL, NULL);
  refresh (self);
}

void
eccp_changes_page_set_store (EccpChangesPage *self,
                             EccpStore       *store)
{
  g_return_if_fail (ECCP_IS_CHANGES_PAGE (self));
  g_return_if_fail (store == NULL || ECCP_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->clock_source = g_timeout_add_seconds (CLOCK_SECONDS, clock_cb, self);
    }

  refresh (self);
}
