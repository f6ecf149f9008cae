/* eccp-changes-page.c: what waits to be sent, what conflicts, what was refused
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two groups of EccpChangeRow, in outbox order: "Needs You" (conflicts,
 * and changes the portal refused, with its reasons) and "Waiting to Be
 * Sent".  Both come from one GListStore of EccpChangeItem, filtered by
 * the item's "needs-user" (eccp-changes-page.ui).  When the store has
 * settled, a refresh reads the outbox and updates the items in place,
 * adding and removing only those that came or went, so the rows the
 * person is working in (and the keyboard focus) stay put while a sync
 * runs.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-changes-page.h"

#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-change-item.h"
#include "eccp-change-row.h"
#include "eccp-conflict-dialog.h"
#include "eccp-field-spec.h"
#include "eccp-format.h"
#include "eccp-store-sync.h"
#include "eccp-toast.h"

/* Keep "5 minutes ago" true. */
#define CLOCK_SECONDS 30
/* Rows per group: a venue's thousand check-ins waiting are counted, not all shown. */
#define MAX_ROWS 200

struct _EccpChangesPage
{
  GtkWidget             parent_instance;

  EccpStore            *store;
  GSignalGroup         *store_signals;
  /* "type\nid" → the EccpChangeItem of that record's change */
  GHashTable           *items;
  guint                 clock_source;

  GListStore           *changes;
  GtkFilterListModel   *needs_changes;
  GtkFilterListModel   *waiting_changes;
  GtkFilter            *needs_filter;
  GtkFilter            *waiting_filter;
  GtkSliceListModel    *needs_shown;
  GtkSliceListModel    *waiting_shown;

  GtkStack             *stack;
  AdwPreferencesGroup  *needs_group;
  AdwPreferencesGroup  *waiting_group;
  GtkListBox           *needs_list;
  GtkListBox           *waiting_list;
};

G_DEFINE_FINAL_TYPE (EccpChangesPage, eccp_changes_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
row_key (const char *type,
         const char *id)
{
  return g_strconcat (type, "\n", id, NULL);
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
      g_autofree char *shown_text = eccp_format_integer (shown);
      g_autofree char *total_text = eccp_format_integer (total);
      /* Translators: "The oldest 500 of 1,204 are shown." */
      g_autofree char *more = g_strdup_printf (ngettext ("The oldest %s of %s are shown.",
                                                         "The oldest %s of %s are shown.",
                                                         total),
                                               shown_text, total_text);

      description = g_strdup_printf ("%s %s", text, more);
    }
  else
    description = g_strdup (text);

  eccp_widget_set_group_description (group, description);
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

/* Makes the store's items @items, in that order: those gone are
 * removed, those new inserted, the others left where they are (their
 * rows with them), unless they moved. */
static void
sync_items (GListStore *store,
            GPtrArray  *items)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (wanted, g_ptr_array_index (items, i));

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (store)); i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i - 1);

      if (!g_hash_table_contains (wanted, item))
        g_list_store_remove (store, i - 1);
    }

  for (guint i = 0; i < items->len; i++)
    {
      gpointer want = g_ptr_array_index (items, i);
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      guint position;

      if (item == want)
        continue;

      /* A change that moved (discarded and made again: a new place in
       * the outbox) is taken from where it was, never shown twice. */
      if (g_list_store_find (store, want, &position))
        g_list_store_remove (store, position);
      g_list_store_insert (store, i, want);
    }
}

static void
refresh (EccpChangesPage *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GtkWidget) focus_row = focused_row (self);
  GtkListBox *focus_list = NULL;
  int focus_index = -1;
  gboolean moved = FALSE;
  guint n_needs;
  guint n_waiting;

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
      g_autofree char *item_key = row_key (change->type, change->record_id);
      g_autoptr(EccpRecord) record = NULL;
      const char *title;
      EccpChangeItem *item;

      record = eccp_store_get (self->store, change->type, change->record_id, NULL);
      title = eccp_change_get_title (change, record);

      item = g_hash_table_lookup (self->items, item_key);
      if (item == NULL)
        {
          item = eccp_change_item_new ();
          g_hash_table_insert (self->items, g_strdup (item_key), item);
          eccp_change_item_update (item, change, record, title);
        }
      else
        {
          gboolean needed_user = eccp_change_item_get_needs_user (item);

          eccp_change_item_update (item, change, record, title);
          moved |= needed_user != eccp_change_item_get_needs_user (item);
        }

      g_ptr_array_add (items, g_object_ref (item));
      g_hash_table_add (seen, g_steal_pointer (&item_key));
    }

  /* The changes that are gone: sent, resolved, discarded. */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      g_hash_table_iter_remove (&iter);

  sync_items (self->changes, items);
  /* From waiting to needing the person, or back: the filters say again. */
  if (moved)
    {
      gtk_filter_changed (self->needs_filter, GTK_FILTER_CHANGE_DIFFERENT);
      gtk_filter_changed (self->waiting_filter, GTK_FILTER_CHANGE_DIFFERENT);
    }

  n_needs = g_list_model_get_n_items (G_LIST_MODEL (self->needs_changes));
  n_waiting = g_list_model_get_n_items (G_LIST_MODEL (self->waiting_changes));
  set_group_description (self->needs_group,
                         _("The portal did not take these changes. Decide what to keep, correct them, or discard them."),
                         g_list_model_get_n_items (G_LIST_MODEL (self->needs_shown)), n_needs);
  set_group_description (self->waiting_group,
                         _("Sent to the portal at the next sync."),
                         g_list_model_get_n_items (G_LIST_MODEL (self->waiting_shown)), n_waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->needs_group), n_needs > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), n_waiting > 0);
  gtk_stack_set_visible_child_name (self->stack, n_needs + n_waiting > 0 ? "list" : "empty");

  if (focus_row != NULL && gtk_widget_get_parent (focus_row) == NULL)
    restore_focus (self, focus_list, focus_index);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return eccp_change_row_new (item);
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

static EccpChangeItem *
find_item (EccpChangesPage *self,
           const char      *type,
           const char      *id)
{
  g_autofree char *name = row_key (type, id);

  return g_hash_table_lookup (self->items, name);
}

/* {{{ Resolve */

static void
conflict_resolved_cb (EccpChangesPage    *self,
                      EccpConflictDialog *dialog)
{
  eccp_toast_show (GTK_WIDGET (self), eccp_toast_new (_("Conflict resolved: the change goes at the next sync")));
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
      AdwToast *toast = eccp_toast_new (_("The change could not be discarded: %s"), error->message);

      adw_toast_set_timeout (toast, 0);
      eccp_toast_show (GTK_WIDGET (self), toast);
      return;
    }

  eccp_toast_show (GTK_WIDGET (self), eccp_toast_new (_("Change to “%s” discarded"), title));
  /* Now, rather than when the store has settled: the row goes while the
   * focus is known. */
  refresh (self);
}

static void
discard_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EccpChangesPage *self = ECCP_CHANGES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  EccpChangeItem *item;
  const EccpChange *change;
  const char *title;
  const char *type;
  const char *id;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_variant_get (parameter, "(&s&s)", &type, &id);
  item = find_item (self, type, id);
  if (item == NULL)
    return;

  change = eccp_change_item_get_change (item);
  title = eccp_change_item_get_title (item);

  heading = g_strdup_printf (_("Discard your change to “%s”?"), title);
  dialog = eccp_widget_destructive_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               heading,
                                               change->op == ECCP_CHANGE_CREATE
                                               ? _("The new record was never sent: it goes away. This cannot be undone.")
                                               : _("The record goes back to the portal's version. This cannot be undone."),
                                               _("_Cancel"), "discard", _("_Discard"));

  g_object_set_data_full (G_OBJECT (dialog), "type", g_strdup (type), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "title", g_strdup (title), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);

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

  refresh (self);
}

static void
eccp_changes_page_dispose (GObject *object)
{
  EccpChangesPage *self = (EccpChangesPage *)object;

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store);
  if (self->items != NULL)
    g_hash_table_remove_all (self->items);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_CHANGES_PAGE);
  eccp_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (eccp_changes_page_parent_class)->dispose (object);
}

static void
eccp_changes_page_finalize (GObject *object)
{
  EccpChangesPage *self = (EccpChangesPage *)object;

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_object (&self->store_signals);

  G_OBJECT_CLASS (eccp_changes_page_parent_class)->finalize (object);
}

static void
eccp_changes_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EccpChangesPage *self = ECCP_CHANGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_changes_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EccpChangesPage *self = ECCP_CHANGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eccp_changes_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_changes_page_class_init (EccpChangesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_changes_page_dispose;
  object_class->finalize = eccp_changes_page_finalize;
  object_class->get_property = eccp_changes_page_get_property;
  object_class->set_property = eccp_changes_page_set_property;
  widget_class->map = eccp_changes_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ECCP_TYPE_CHANGE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-changes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, needs_group);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, needs_list);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, changes);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, needs_changes);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, waiting_changes);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, needs_filter);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, waiting_filter);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, needs_shown);
  gtk_widget_class_bind_template_child (widget_class, EccpChangesPage, waiting_shown);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "changes.resolve", "(ss)", resolve_cb);
  gtk_widget_class_install_action (widget_class, "changes.discard", "(ss)", discard_cb);
}

static void
store_settled_cb (EccpChangesPage *self)
{
  refresh (self);
}

static void
eccp_changes_page_init (EccpChangesPage *self)
{
  g_type_ensure (ECCP_TYPE_CHANGE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->store_signals = g_signal_group_new (ECCP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "settled", G_CALLBACK (store_settled_cb), self,
                                 G_CONNECT_SWAPPED);

  gtk_slice_list_model_set_size (self->needs_shown, MAX_ROWS);
  gtk_slice_list_model_set_size (self->waiting_shown, MAX_ROWS);
  gtk_list_box_bind_model (self->needs_list, G_LIST_MODEL (self->needs_shown), create_row_cb, NULL, NULL);
  gtk_list_box_bind_model (self->waiting_list, G_LIST_MODEL (self->waiting_shown), create_row_cb, NULL, NULL);
  refresh (self);
}

void
eccp_changes_page_set_store (EccpChangesPage *self,
                             EccpStore       *store)
{
  g_return_if_fail (ECCP_IS_CHANGES_PAGE (self));
  g_return_if_fail (store == NULL || ECCP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_group_set_target (self->store_signals, store);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (store != NULL)
    self->clock_source = g_timeout_add_seconds (CLOCK_SECONDS, clock_cb, self);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EccpStore *
eccp_changes_page_get_store (EccpChangesPage *self)
{
  g_return_val_if_fail (ECCP_IS_CHANGES_PAGE (self), NULL);

  return self->store;
}
