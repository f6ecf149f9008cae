/* eccp-search-list.c: a search entry over a paged list of records
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The browse pages and the record picker are this: a search entry, an
 * EccpRecordList paged from the store, a list view whose rows are
 * EccpRecordRow bound to their item (a signal factory), and a status
 * page when nothing matches.  The owner gives the store and a query (the
 * type, filters, an order); the entry adds its text to it.
 *
 * The selection is the model of what is chosen: "selected-record" is the
 * selected row's record, so a view bound to it always shows the row that
 * is highlighted.  Hovering does not select (no single-click-activate);
 * a click or the keyboard does.  When the list is read again (a search,
 * EccpStore::settled), the row of the selected record is selected again
 * if the list has it, with the record as it now is.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-search-list.h"

#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-field-spec.h"
#include "eccp-record-row.h"
#include "eccp-record-slot.h"
#include "eccp-record-slots.h"

struct _EccpSearchList
{
  GtkWidget           parent_instance;

  EccpStore          *store;
  EccpQuery          *query;
  EccpRecordList     *list;
  guint               n_items_before_read;
  /* Enter was pressed before the rows of the search were read */
  gboolean            activate_when_read;
  EccpRecord         *selected_record;
  GSignalGroup       *store_signals;
  /* The selected slot: a row whose page is still being read has no
   * record yet, published when it comes */
  GSignalGroup       *slot_signals;
  GtkWidget          *header;
  char               *empty_title;
  char               *empty_description;
  char               *search_hint;
  gboolean            activate_on_click;
  /* Set while the list is read again: the selection it loses is not
   * the person's doing. */
  gboolean            reading;
  /* Mapped once: a list is read only when it can be seen (a window's
   * hidden pages have their store, and read nothing, until shown). */
  gboolean            shown;

  GtkBox             *header_box;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (EccpSearchList, eccp_search_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_SELECTED_RECORD,
  PROP_N_ITEMS,
  PROP_ACTIVATE_ON_CLICK,
  PROP_HEADER,
  PROP_PLACEHOLDER_TEXT,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_SEARCH_HINT,
  N_PROPS
};

enum {
  ACTIVATED,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const char *
eccp_search_list_get_search_text (EccpSearchList *self)
{
  g_return_val_if_fail (ECCP_IS_SEARCH_LIST (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

static EccpQuery *
build_query (EccpSearchList *self)
{
  EccpQuery *query = eccp_query_copy (self->query);
  g_autofree char *text = g_strstrip (g_strdup (eccp_search_list_get_search_text (self)));

  eccp_query_set_search (query, *text != '\0' ? text : NULL);

  return query;
}

static void
update_empty (EccpSearchList *self)
{
  const char *text = eccp_search_list_get_search_text (self);
  guint n = eccp_search_list_get_n_items (self);

  /* Not "No Results" before the first answer */
  if (n > 0 || (self->list != NULL && eccp_record_list_is_loading (self->list)
                && eccp_record_list_get_error (self->list) == NULL))
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (text != NULL && *text != '\0')
    {
      g_autofree char *description = g_strdup_printf (_("Nothing matches “%s”."), text);

      if (self->search_hint != NULL)
        {
          g_autofree char *sentence = g_steal_pointer (&description);

          description = g_strdup_printf ("%s %s", sentence, self->search_hint);
        }
      adw_status_page_set_title (self->empty_page, _("No Results"));
      eccp_widget_set_status_description (self->empty_page, description);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, self->empty_title != NULL ? self->empty_title : _("No Results"));
      eccp_widget_set_status_description (self->empty_page, self->empty_description);
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
set_selected_record (EccpSearchList *self,
                     EccpRecord     *record)
{
  if (g_set_object (&self->selected_record, record))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_RECORD]);
}

/* The record of the selected row, as the list has it now (a slot off
 * screen may still show the record of before), or %NULL until read */
static EccpRecord *
selected_record (EccpSearchList *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  return self->list != NULL && position != GTK_INVALID_LIST_POSITION
         ? eccp_record_list_peek (self->list, position) : NULL;
}

/* The row of the selected record, selected again after the list was read
 * again; the record is taken as the list now has it. */
static void
reselect (EccpSearchList *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->list != NULL && self->selected_record != NULL)
    position = eccp_record_list_find (self->list, eccp_record_get_id (self->selected_record));
  /* A row the view is still to be told of */
  if (position != GTK_INVALID_LIST_POSITION)
    eccp_record_slots_reach (ECCP_RECORD_SLOTS (gtk_single_selection_get_model (self->selection)), position);

  self->reading = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->reading = FALSE;

  if (position != GTK_INVALID_LIST_POSITION)
    set_selected_record (self, selected_record (self));
}

static void
selection_changed_cb (EccpSearchList *self)
{
  g_signal_group_set_target (self->slot_signals, gtk_single_selection_get_selected_item (self->selection));
  if (!self->reading)
    set_selected_record (self, selected_record (self));
}

/* Around everything that makes the list read the store again. */
static void
begin_read (EccpSearchList *self)
{
  self->reading = TRUE;
}

static void
end_read (EccpSearchList *self,
          guint           old_n_items)
{
  self->reading = FALSE;
  reselect (self);
  update_empty (self);
  if (old_n_items != eccp_search_list_get_n_items (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The list's answer replaces rows: the selection is the search list's to
 * keep, not the selection model's to drop. */
static void
list_will_update_cb (EccpSearchList *self)
{
  GtkWidget *view = GTK_WIDGET (self->list_view);
  EccpRecordRow *top = eccp_record_row_pick (view, gtk_widget_get_width (view) / 2.0, 1);
  EccpRecordRow *bottom = eccp_record_row_pick (view, gtk_widget_get_width (view) / 2.0,
                                                gtk_widget_get_height (view) - 1);
  guint first = top != NULL ? eccp_record_row_get_position (top) : GTK_INVALID_LIST_POSITION;
  /* The list ends above the bottom, or shows no row: as many rows as fit
   * (32 px at least) */
  guint last = bottom != NULL ? eccp_record_row_get_position (bottom)
               : (top != NULL ? eccp_record_row_get_position (top) : 0)
                 + MAX (gtk_widget_get_height (view), 800) / 32 + 1;

  if (first == GTK_INVALID_LIST_POSITION)
    first = 0;
  /* The rows on screen show the answer in its first frame */
  eccp_record_slots_set_shown (ECCP_RECORD_SLOTS (gtk_single_selection_get_model (self->selection)),
                               first > 2 ? first - 2 : 0, last < G_MAXUINT - 2 ? last + 2 : G_MAXUINT);
  self->n_items_before_read = eccp_search_list_get_n_items (self);
  begin_read (self);
}

static void search_activate_cb (EccpSearchList *self);

static void
list_updated_cb (EccpSearchList *self)
{
  end_read (self, self->n_items_before_read);

  if (self->activate_when_read && !eccp_record_list_is_loading (self->list))
    {
      self->activate_when_read = FALSE;
      search_activate_cb (self);
    }
}

static void
requery (EccpSearchList *self)
{
  g_autoptr(EccpQuery) query = NULL;

  if (self->list == NULL)
    return;

  /* Read on the store's reader thread: the rows change when it answers */
  query = build_query (self);
  eccp_record_list_set_query (self->list, query);
}

/* Makes the list for the store and the query, or none. */
static void
reset_list (EccpSearchList *self)
{
  guint old_n_items = eccp_search_list_get_n_items (self);

  begin_read (self);
  /* An Enter waiting for the old list's rows is not for the new one */
  self->activate_when_read = FALSE;
  gtk_single_selection_set_model (self->selection, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);

  if (self->store != NULL && self->query != NULL && self->shown)
    {
      g_autoptr(EccpQuery) query = build_query (self);
      g_autoptr(EccpRecordSlots) slots = NULL;

      self->list = eccp_record_list_new (self->store, query);
      g_signal_connect_object (self->list, "will-update", G_CALLBACK (list_will_update_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->list, "updated", G_CALLBACK (list_updated_cb),
                               self, G_CONNECT_SWAPPED);
      slots = eccp_record_slots_new (self->list);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (slots));
    }
  end_read (self, old_n_items);
}

static void
store_settled_cb (EccpSearchList *self)
{
  if (self->list != NULL)
    eccp_record_list_refresh (self->list);
}

static void
activate_record (EccpSearchList *self,
                 EccpRecord     *record)
{
  if (record != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0, record);
}

static void
search_changed_cb (EccpSearchList *self)
{
  requery (self);
}

/* Escape: the search is emptied, or, empty already, "cancelled". */
static void
stop_search_cb (EccpSearchList *self)
{
  const char *text = eccp_search_list_get_search_text (self);

  if (text != NULL && *text != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    g_signal_emit (self, signals[CANCELLED], 0);
}

/* Enter in the search: the first match, which becomes the selected row. */
static void
search_activate_cb (EccpSearchList *self)
{
  g_autoptr(EccpRecord) record = NULL;

  /* The rows of what was typed are on their way: the first of those */
  if (self->list != NULL && eccp_record_list_is_loading (self->list))
    {
      self->activate_when_read = TRUE;
      return;
    }

  if (eccp_search_list_get_n_items (self) == 0)
    return;

  record = g_list_model_get_item (G_LIST_MODEL (self->list), 0);
  gtk_single_selection_set_selected (self->selection, 0);
  activate_record (self, record);
}

/* Down in the search goes to the results, as in GNOME's other lists. */
static gboolean
search_key_pressed_cb (EccpSearchList        *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
      && (state & gtk_accelerator_get_default_mod_mask ()) == 0
      && eccp_search_list_get_n_items (self) > 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);

  return GDK_EVENT_PROPAGATE;
}

/* Enter on a row, or a double click. */
static void
list_activate_cb (EccpSearchList *self,
                  guint           position)
{
  g_autoptr(EccpRecord) record = NULL;

  if (self->list == NULL)
    return;

  record = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  activate_record (self, record);
}

/* A single click selects the row (the list item does that); with
 * "activate-on-click" it activates it too, without hovering selecting. */
static void
click_released_cb (EccpSearchList  *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  EccpRecordRow *row;
  EccpRecord *record;

  if (!self->activate_on_click || n_press != 1)
    return;

  row = eccp_record_row_pick (GTK_WIDGET (self->list_view), x, y);
  if (row == NULL)
    return;

  record = eccp_record_row_get_record (row);
  if (record != NULL && record == selected_record (self))
    activate_record (self, record);
}

/* In GTK 4.8 Tab walks a list view row by row, every row of it: here,
 * Tab leaves the list for what comes after it (the detail, its Edit),
 * Shift+Tab for what comes before (the search and its filters); the
 * arrows move in the list. */
static gboolean
eccp_search_list_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  EccpSearchList *self = ECCP_SEARCH_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  gboolean in_list = focus != NULL && (focus == list_view || gtk_widget_is_ancestor (focus, list_view));

  if (in_list && direction == GTK_DIR_TAB_FORWARD)
    return FALSE;
  if (in_list && direction == GTK_DIR_TAB_BACKWARD)
    return gtk_widget_child_focus (GTK_WIDGET (self->header_box), direction);

  return GTK_WIDGET_CLASS (eccp_search_list_parent_class)->focus (widget, direction);
}

/* Object life */

static void
eccp_search_list_map (GtkWidget *widget)
{
  EccpSearchList *self = ECCP_SEARCH_LIST (widget);

  GTK_WIDGET_CLASS (eccp_search_list_parent_class)->map (widget);

  if (!self->shown)
    {
      self->shown = TRUE;
      reset_list (self);
    }
}

static void
eccp_search_list_dispose (GObject *object)
{
  EccpSearchList *self = (EccpSearchList *)object;

  g_signal_group_set_target (self->store_signals, NULL);
  g_signal_group_set_target (self->slot_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_SEARCH_LIST);
  eccp_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->selected_record);

  G_OBJECT_CLASS (eccp_search_list_parent_class)->dispose (object);
}

static void
eccp_search_list_finalize (GObject *object)
{
  EccpSearchList *self = (EccpSearchList *)object;

  g_clear_object (&self->store_signals);
  g_clear_object (&self->slot_signals);
  g_clear_pointer (&self->query, eccp_query_free);
  g_clear_pointer (&self->empty_title, g_free);
  g_clear_pointer (&self->empty_description, g_free);
  g_clear_pointer (&self->search_hint, g_free);

  G_OBJECT_CLASS (eccp_search_list_parent_class)->finalize (object);
}

static void
set_header (EccpSearchList *self,
            GtkWidget      *header)
{
  if (self->header == header)
    return;

  if (self->header != NULL)
    gtk_box_remove (self->header_box, self->header);
  self->header = header;
  if (header != NULL)
    gtk_box_append (self->header_box, header);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADER]);
}

static void
set_string (EccpSearchList *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_placeholder_text (EccpSearchList *self,
                      const char     *text)
{
  g_object_set (self->search_entry, "placeholder-text", text, NULL);
  /* What names the entry for a screen reader, too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : _("Search"),
                                  -1);
}

static void
eccp_search_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EccpSearchList *self = ECCP_SEARCH_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;

    case PROP_SELECTED_RECORD:
      g_value_set_object (value, self->selected_record);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, eccp_search_list_get_n_items (self));
      break;

    case PROP_ACTIVATE_ON_CLICK:
      g_value_set_boolean (value, self->activate_on_click);
      break;

    case PROP_HEADER:
      g_value_set_object (value, self->header);
      break;

    case PROP_PLACEHOLDER_TEXT:
      g_object_get_property (G_OBJECT (self->search_entry), "placeholder-text", value);
      break;

    case PROP_EMPTY_TITLE:
      g_value_set_string (value, self->empty_title);
      break;

    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, self->empty_description);
      break;

    case PROP_SEARCH_HINT:
      g_value_set_string (value, self->search_hint);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_search_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EccpSearchList *self = ECCP_SEARCH_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eccp_search_list_set_store (self, g_value_get_object (value));
      break;

    case PROP_QUERY:
      eccp_search_list_set_query (self, g_value_get_boxed (value));
      break;

    case PROP_SELECTED_RECORD:
      eccp_search_list_set_selected_record (self, g_value_get_object (value));
      break;

    case PROP_ACTIVATE_ON_CLICK:
      if (self->activate_on_click != g_value_get_boolean (value))
        {
          self->activate_on_click = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_HEADER:
      set_header (self, g_value_get_object (value));
      break;

    case PROP_PLACEHOLDER_TEXT:
      set_placeholder_text (self, g_value_get_string (value));
      break;

    case PROP_EMPTY_TITLE:
      set_string (self, &self->empty_title, g_value_get_string (value), prop_id);
      break;

    case PROP_EMPTY_DESCRIPTION:
      set_string (self, &self->empty_description, g_value_get_string (value), prop_id);
      break;

    case PROP_SEARCH_HINT:
      set_string (self, &self->search_hint, g_value_get_string (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_search_list_class_init (EccpSearchListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = eccp_search_list_dispose;
  object_class->finalize = eccp_search_list_finalize;
  object_class->get_property = eccp_search_list_get_property;
  object_class->set_property = eccp_search_list_set_property;
  widget_class->focus = eccp_search_list_focus;
  widget_class->map = eccp_search_list_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE, flags);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, ECCP_TYPE_QUERY, flags);
  properties[PROP_SELECTED_RECORD] =
    g_param_spec_object ("selected-record", NULL, NULL, ECCP_TYPE_RECORD, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVATE_ON_CLICK] =
    g_param_spec_boolean ("activate-on-click", NULL, NULL, FALSE, flags);
  properties[PROP_HEADER] =
    g_param_spec_object ("header", NULL, NULL, GTK_TYPE_WIDGET, flags);
  properties[PROP_PLACEHOLDER_TEXT] =
    g_param_spec_string ("placeholder-text", NULL, NULL, NULL, flags);
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL, NULL, flags);
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL, NULL, flags);
  properties[PROP_SEARCH_HINT] =
    g_param_spec_string ("search-hint", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EccpSearchList::activated:
   * @record: the EccpRecord
   *
   * Enter on a row or in the search (the first match), a double click,
   * or with "activate-on-click" a click.
   */
  signals[ACTIVATED] = g_signal_new ("activated",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, ECCP_TYPE_RECORD);

  /**
   * EccpSearchList::cancelled:
   *
   * Escape in the search when it is empty already.
   */
  signals[CANCELLED] = g_signal_new ("cancelled",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  g_type_ensure (ECCP_TYPE_RECORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-search-list.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpSearchList, header_box);
  gtk_widget_class_bind_template_child (widget_class, EccpSearchList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EccpSearchList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpSearchList, list_view);
  gtk_widget_class_bind_template_child (widget_class, EccpSearchList, selection);
  gtk_widget_class_bind_template_child (widget_class, EccpSearchList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eccp_search_list_init (EccpSearchList *self)
{
  g_autoptr(GtkListItemFactory) factory = eccp_record_row_factory_new ();
  GtkEventController *key;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_view_set_factory (self->list_view, factory);

  self->store_signals = g_signal_group_new (ECCP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "settled", G_CALLBACK (store_settled_cb), self,
                                 G_CONNECT_SWAPPED);

  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->slot_signals = g_signal_group_new (ECCP_TYPE_RECORD_SLOT);
  g_signal_group_connect_object (self->slot_signals, "notify::record", G_CALLBACK (selection_changed_cb), self,
                                 G_CONNECT_SWAPPED);

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  set_placeholder_text (self, NULL);
  update_empty (self);
}

void
eccp_search_list_set_store (EccpSearchList *self,
                            EccpStore      *store)
{
  g_return_if_fail (ECCP_IS_SEARCH_LIST (self));
  g_return_if_fail (store == NULL || ECCP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_group_set_target (self->store_signals, store);
  set_selected_record (self, NULL);
  reset_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EccpStore *
eccp_search_list_get_store (EccpSearchList *self)
{
  g_return_val_if_fail (ECCP_IS_SEARCH_LIST (self), NULL);

  return self->store;
}

void
eccp_search_list_set_query (EccpSearchList *self,
                            EccpQuery      *query)
{
  gboolean had_query;

  g_return_if_fail (ECCP_IS_SEARCH_LIST (self));

  had_query = self->query != NULL;
  g_clear_pointer (&self->query, eccp_query_free);
  self->query = query != NULL ? eccp_query_copy (query) : NULL;

  if (had_query && self->query != NULL && self->list != NULL)
    requery (self);
  else
    reset_list (self);

  if (self->query != NULL)
    {
      const EccpTypeSpec *spec = eccp_type_spec_lookup (eccp_query_get_record_type (self->query));

      if (spec != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->plural_label), -1);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

const EccpQuery *
eccp_search_list_get_query (EccpSearchList *self)
{
  g_return_val_if_fail (ECCP_IS_SEARCH_LIST (self), NULL);

  return self->query;
}

void
eccp_search_list_set_selected_record (EccpSearchList *self,
                                      EccpRecord     *record)
{
  g_return_if_fail (ECCP_IS_SEARCH_LIST (self));
  g_return_if_fail (record == NULL || ECCP_IS_RECORD (record));

  g_object_freeze_notify (G_OBJECT (self));
  set_selected_record (self, record);
  reselect (self);
  /* The caller's copy may be newer than the list's (just saved): the
   * row is selected, the record shown is the caller's. */
  if (record != NULL)
    set_selected_record (self, record);
  g_object_thaw_notify (G_OBJECT (self));
}

EccpRecord *
eccp_search_list_get_selected_record (EccpSearchList *self)
{
  g_return_val_if_fail (ECCP_IS_SEARCH_LIST (self), NULL);

  return self->selected_record;
}

EccpRecordList *
eccp_search_list_get_model (EccpSearchList *self)
{
  g_return_val_if_fail (ECCP_IS_SEARCH_LIST (self), NULL);

  return self->list;
}

guint
eccp_search_list_get_n_items (EccpSearchList *self)
{
  g_return_val_if_fail (ECCP_IS_SEARCH_LIST (self), 0);

  return self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
}

void
eccp_search_list_set_search_text (EccpSearchList *self,
                                  const char     *text)
{
  g_return_if_fail (ECCP_IS_SEARCH_LIST (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
}

/* Typing anywhere in @widget goes to the search. */
void
eccp_search_list_capture_keys (EccpSearchList *self,
                               GtkWidget      *widget)
{
  g_return_if_fail (ECCP_IS_SEARCH_LIST (self));

  gtk_search_entry_set_key_capture_widget (self->search_entry, widget);
}

void
eccp_search_list_focus_search (EccpSearchList *self)
{
  g_return_if_fail (ECCP_IS_SEARCH_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The selected row, else the first. */
void
eccp_search_list_focus_list (EccpSearchList *self)
{
  guint selected;

  g_return_if_fail (ECCP_IS_SEARCH_LIST (self));

  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", selected);
  gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}
