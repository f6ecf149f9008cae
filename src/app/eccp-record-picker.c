/* eccp-record-picker.c: a small window to choose one record of a type
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search entry over the core's full-text search and a list view of the
 * matches, paged from the store by EccpRecordList: picking a cluster among
 * 100,000 costs what picking one among ten does.  Typing anywhere goes to
 * the search; Down moves into the list; Enter or a click picks.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-picker.h"

#include <glib/gi18n.h>

#include "eccp-field-spec.h"
#include "eccp-record-list.h"
#include "eccp-record-row.h"

struct _EccpRecordPicker
{
  AdwWindow        parent_instance;

  EccpStore       *store;
  char            *type;
  EccpRecordList  *list;

  AdwWindowTitle  *window_title;
  GtkSearchEntry  *search_entry;
  GtkStack        *stack;
  GtkListView     *list_view;
  AdwStatusPage   *empty_page;
};

G_DEFINE_FINAL_TYPE (EccpRecordPicker, eccp_record_picker, ADW_TYPE_WINDOW)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_stack (EccpRecordPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (text != NULL && *text != '\0')
    {
      g_autofree char *description = g_strdup_printf (_("Nothing matches “%s”."), text);

      adw_status_page_set_description (self->empty_page, description);
    }
  else
    {
      adw_status_page_set_description (self->empty_page, _("There is nothing to choose from yet."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
search_changed_cb (EccpRecordPicker *self)
{
  g_autoptr(EccpQuery) query = eccp_query_new (self->type);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (*text != '\0')
    eccp_query_set_search (query, text);
  eccp_record_list_set_query (self->list, query);
  update_stack (self);
}

static void
pick (EccpRecordPicker *self,
      guint             position)
{
  g_autoptr(EccpRecord) record = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return;

  record = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (record == NULL)
    return;

  g_signal_emit (self, signals[PICKED], 0, record);
  gtk_window_close (GTK_WINDOW (self));
}

static void
search_activate_cb (EccpRecordPicker *self)
{
  GtkSelectionModel *model = gtk_list_view_get_model (self->list_view);
  guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));

  /* Enter in the search: the selected match, else the first. */
  pick (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
}

static void
stop_search_cb (EccpRecordPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Escape clears the search first, then closes. */
  if (text != NULL && *text != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
list_activate_cb (EccpRecordPicker *self,
                  guint             position)
{
  pick (self, position);
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       EccpRecordPicker      *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
  return GDK_EVENT_STOP;
}

/* Rows: the title, and the record's summary below it */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  EccpRecord *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *summary = NULL;

  if (record == NULL)
    return;

  summary = eccp_record_describe (record);
  gtk_label_set_label (GTK_LABEL (title), eccp_record_get_title (record));
  gtk_label_set_label (GTK_LABEL (subtitle), summary);
  gtk_widget_set_visible (subtitle, *summary != '\0');

  /* Found by its title alone: the summary is its description.  The row
   * of the list (the item's parent) carries the same name, so that the
   * list item a screen reader lands on says which record it is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, eccp_record_get_title (record),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
  if (gtk_widget_get_parent (box) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, eccp_record_get_title (record),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                    -1);
}

static void
eccp_record_picker_dispose (GObject *object)
{
  EccpRecordPicker *self = (EccpRecordPicker *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_RECORD_PICKER);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eccp_record_picker_parent_class)->dispose (object);
}

static void
eccp_record_picker_finalize (GObject *object)
{
  EccpRecordPicker *self = (EccpRecordPicker *)object;

  g_clear_pointer (&self->type, g_free);

  G_OBJECT_CLASS (eccp_record_picker_parent_class)->finalize (object);
}

static void
eccp_record_picker_class_init (EccpRecordPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_record_picker_dispose;
  object_class->finalize = eccp_record_picker_finalize;

  /**
   * EccpRecordPicker::picked:
   * @record: the EccpRecord chosen
   */
  signals[PICKED] = g_signal_new ("picked",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, ECCP_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-record-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpRecordPicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordPicker, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eccp_record_picker_init (EccpRecordPicker *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_object_set (self->search_entry, "placeholder-text", _("Search"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"),
                                  -1);
}

GtkWidget *
eccp_record_picker_new (EccpStore  *store,
                        const char *type,
                        const char *title)
{
  EccpRecordPicker *self;
  const EccpTypeSpec *spec;
  g_autoptr(EccpQuery) query = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  self = g_object_new (ECCP_TYPE_RECORD_PICKER, NULL);
  self->store = g_object_ref (store);
  self->type = g_strdup (type);

  spec = eccp_type_spec_lookup (type);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  if (spec != NULL)
    adw_window_title_set_subtitle (self->window_title, _(spec->plural_label));

  query = eccp_query_new (type);
  self->list = eccp_record_list_new (store, query);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_stack (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return GTK_WIDGET (self);
}
