/* eccp-event-attendees.c: an event's attendees on its page
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an event team looks at before and after the doors open: how many
 * registered and how many are in, a search that ignores case and accents
 * (the core's, as in venue mode), every attendee with their state in
 * words and an icon, each opening the attendee's record (win.show-record),
 * and the list exported or printed (win.export-attendees,
 * win.print-attendees).  A GtkListView in a scroll of its own, so 2,000
 * attendees are as quick as 20; it follows the store (EccpStore::settled)
 * as check-ins come in from the entrances, keeping the rows in sight.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-event-attendees.h"

#include <glib/gi18n.h>

#include "eccp-format.h"
#include "eccp-venue-item.h"
#include "eccp-venue-row.h"
#include "eccp-widget-util.h"

struct _EccpEventAttendees
{
  GtkWidget       parent_instance;

  EccpStore      *store;
  char           *event_id;
  char           *zone_id;        /* the event's time zone, for the times */
  GSignalGroup   *store_signals;
  GListStore     *attendees;      /* of EccpVenueItem */

  GtkLabel       *count_label;
  GtkWidget      *export_button;
  GtkWidget      *print_button;
  GtkSearchEntry *search_entry;
  GtkStack       *list_stack;
  GtkListView    *list_view;
  GtkLabel       *empty_label;
};

G_DEFINE_FINAL_TYPE (EccpEventAttendees, eccp_event_attendees, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "130 registered · 112 checked in" */
static void
refresh_counts (EccpEventAttendees *self)
{
  gint64 registered = 0;
  gint64 checked_in = 0;
  g_autofree char *text = NULL;

  if (self->store != NULL && self->event_id != NULL)
    eccp_store_count_checked_in (self->store, self->event_id, &registered, &checked_in, NULL);

  text = eccp_format_attendee_counts (registered, checked_in);
  gtk_label_set_label (self->count_label, text);
}

static void
refresh_list (EccpEventAttendees *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->store != NULL && self->event_id != NULL)
    states = eccp_store_list_attendee_states (self->store, self->event_id, search,
                                              ECCP_CHECKIN_FILTER_ALL, &error);
  if (states == NULL)
    states = g_ptr_array_new ();
  g_ptr_array_set_free_func (states, (GDestroyNotify) eccp_attendee_state_free);

  eccp_venue_items_update (self->attendees, states);
  /* Not "nobody registered" when the list could not be read */
  if (error != NULL)
    /* Translators: the event page's attendee list could not be read; the
     * store's words follow */
    text = g_strdup_printf (_("The attendee list could not be read: %s"), error->message);
  else if (*search != '\0')
    text = g_strdup (_("Nobody registered for this event has that name or organisation."));
  else
    text = g_strdup (_("Nobody has registered for this event yet."));
  gtk_label_set_label (self->empty_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, states->len > 0 ? "list" : "empty");
}

static void
refresh (EccpEventAttendees *self)
{
  refresh_counts (self);
  refresh_list (self);
}

static void
search_changed_cb (EccpEventAttendees *self)
{
  refresh_list (self);
}

static void
activate_cb (EccpEventAttendees *self,
             guint               position)
{
  g_autoptr(EccpVenueItem) item = g_list_model_get_item (G_LIST_MODEL (self->attendees), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(ss)",
                                "attendee", eccp_venue_item_get_state (item)->id);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *organisation = gtk_label_new (NULL);
  GtkWidget *states = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *state = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sync_mark = eccp_venue_row_new_sync_mark ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_widget_set_hexpand (names, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (organisation), 0);
  gtk_label_set_ellipsize (GTK_LABEL (organisation), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (organisation, "dim-label");
  gtk_box_append (GTK_BOX (names), name);
  gtk_box_append (GTK_BOX (names), organisation);

  gtk_box_append (GTK_BOX (state), gtk_image_new ());
  gtk_box_append (GTK_BOX (state), gtk_label_new (NULL));
  gtk_label_set_xalign (GTK_LABEL (sync_mark), 1);
  gtk_box_append (GTK_BOX (states), state);
  gtk_box_append (GTK_BOX (states), sync_mark);
  gtk_widget_set_valign (states, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (row), names);
  gtk_box_append (GTK_BOX (row), states);
  gtk_box_append (GTK_BOX (row), arrow);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             EccpEventAttendees       *self)
{
  EccpVenueItem *item = gtk_list_item_get_item (list_item);
  const EccpAttendeeState *state = eccp_venue_item_get_state (item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *names = gtk_widget_get_first_child (row);
  GtkWidget *name = gtk_widget_get_first_child (names);
  GtkWidget *organisation = gtk_widget_get_next_sibling (name);
  GtkWidget *states = gtk_widget_get_next_sibling (names);
  GtkWidget *state_box = gtk_widget_get_first_child (states);
  GtkWidget *sync_mark = gtk_widget_get_next_sibling (state_box);
  GtkWidget *icon = gtk_widget_get_first_child (state_box);
  GtkWidget *state_label = gtk_widget_get_next_sibling (icon);
  EccpSyncState sync = state->last_checkin_id != NULL ? state->last_state : ECCP_SYNC_STATE_SYNCED;
  const char *sync_words = eccp_venue_row_describe_sync (sync);
  const char *person = eccp_venue_row_attendee_name (state);
  gboolean has_organisation = state->organisation != NULL && *state->organisation != '\0';
  g_autofree char *described = NULL;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_label (GTK_LABEL (name), person);
  gtk_label_set_label (GTK_LABEL (organisation), state->organisation != NULL ? state->organisation : "");
  gtk_widget_set_visible (organisation, has_organisation);

  /* In words as venue mode says it ("Checked in 08:15 · Entrance A",
   * "Not yet in"), not by the colour alone; a check-in the portal has
   * not taken is marked as venue mode marks it */
  described = eccp_venue_row_describe_state (self->zone_id, state);
  eccp_venue_row_set_sync_mark (sync_mark, sync);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), state->checked_in ? "emblem-ok-symbolic" : "radio-symbolic");
  if (state->checked_in)
    {
      gtk_widget_add_css_class (state_box, "success");
      gtk_widget_remove_css_class (state_box, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (state_box, "success");
      gtk_widget_add_css_class (state_box, "dim-label");
    }
  gtk_label_set_label (GTK_LABEL (state_label), described);

  text = sync_words != NULL
    /* Translators: an attendee's state, then what became of their latest
     * check-in on the portal: "Checked in 08:15 · Entrance A, Not sent yet" */
    ? g_strdup_printf (C_("attendee state", "%1$s, %2$s"), described, sync_words)
    : g_steal_pointer (&described);
  if (has_organisation)
    /* Translators: what a screen reader says for an attendee's row:
     * name, organisation, state */
    accessible = g_strdup_printf (_("%1$s, %2$s, %3$s"), person, state->organisation, text);
  else
    /* Translators: what a screen reader says for an attendee's row
     * without an organisation: name, state */
    accessible = g_strdup_printf (C_("attendee row", "%1$s, %2$s"), person, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* The event */

static void
update_actions (EccpEventAttendees *self)
{
  GtkWidget *buttons[] = { self->export_button, self->print_button };
  const char *actions[] = { "win.export-attendees", "win.print-attendees" };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "s",
                                        self->event_id != NULL ? self->event_id : "");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (buttons[i]), actions[i]);
    }
}

static void
update_zone (EccpEventAttendees *self)
{
  g_autoptr(EccpRecord) event = NULL;

  g_clear_pointer (&self->zone_id, g_free);
  if (self->store != NULL && self->event_id != NULL)
    event = eccp_store_get (self->store, "event", self->event_id, NULL);
  if (event != NULL)
    self->zone_id = g_strdup (eccp_record_get_string (event, "timezone"));
}

static void
store_settled_cb (EccpEventAttendees *self)
{
  update_zone (self);
  refresh (self);
}

static void
eccp_event_attendees_dispose (GObject *object)
{
  EccpEventAttendees *self = ECCP_EVENT_ATTENDEES (object);

  g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_EVENT_ATTENDEES);
  eccp_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  g_clear_object (&self->attendees);

  G_OBJECT_CLASS (eccp_event_attendees_parent_class)->dispose (object);
}

static void
eccp_event_attendees_finalize (GObject *object)
{
  EccpEventAttendees *self = ECCP_EVENT_ATTENDEES (object);

  g_clear_object (&self->store_signals);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->zone_id, g_free);

  G_OBJECT_CLASS (eccp_event_attendees_parent_class)->finalize (object);
}

static void
eccp_event_attendees_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EccpEventAttendees *self = ECCP_EVENT_ATTENDEES (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_EVENT_ID:
      g_value_set_string (value, self->event_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_event_attendees_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EccpEventAttendees *self = ECCP_EVENT_ATTENDEES (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          g_signal_group_set_target (self->store_signals, self->store);
          store_settled_cb (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_EVENT_ID:
      eccp_event_attendees_set_event_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_event_attendees_class_init (EccpEventAttendeesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_event_attendees_dispose;
  object_class->finalize = eccp_event_attendees_finalize;
  object_class->get_property = eccp_event_attendees_get_property;
  object_class->set_property = eccp_event_attendees_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-event-attendees.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpEventAttendees, count_label);
  gtk_widget_class_bind_template_child (widget_class, EccpEventAttendees, export_button);
  gtk_widget_class_bind_template_child (widget_class, EccpEventAttendees, print_button);
  gtk_widget_class_bind_template_child (widget_class, EccpEventAttendees, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EccpEventAttendees, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpEventAttendees, list_view);
  gtk_widget_class_bind_template_child (widget_class, EccpEventAttendees, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eccp_event_attendees_init (EccpEventAttendees *self)
{
  GtkListItemFactory *factory;

  self->attendees = g_list_store_new (ECCP_TYPE_VENUE_ITEM);
  self->store_signals = g_signal_group_new (ECCP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "settled", G_CALLBACK (store_settled_cb), self,
                                 G_CONNECT_SWAPPED);
  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->attendees)))));

  /* By their words alone (GTK 4.8 adds the mnemonic label's otherwise) */
  eccp_widget_set_accessible_label (self->export_button, _("Export as CSV"));
  eccp_widget_set_accessible_label (self->print_button, _("Print attendee list"));
  update_actions (self);
  refresh (self);
}

GtkWidget *
eccp_event_attendees_new (void)
{
  return g_object_new (ECCP_TYPE_EVENT_ATTENDEES, NULL);
}

const char *
eccp_event_attendees_get_event_id (EccpEventAttendees *self)
{
  g_return_val_if_fail (ECCP_IS_EVENT_ATTENDEES (self), NULL);

  return self->event_id;
}

void
eccp_event_attendees_set_event_id (EccpEventAttendees *self,
                                   const char         *event_id)
{
  g_return_if_fail (ECCP_IS_EVENT_ATTENDEES (self));

  if (g_strcmp0 (self->event_id, event_id) == 0)
    return;

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  update_zone (self);
  update_actions (self);
  /* Another event: its list from the top, with no search */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}
