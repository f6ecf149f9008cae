/* eccp-venue-mode.c: checking people in at an event's entrance
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built to be used standing, by keyboard alone: the search has the focus,
 * typing narrows the event's attendees (the core's full-text index folds
 * case and accents), Up/Down choose, Enter checks the chosen one in and
 * selects the text for the next arrival.  Undo is in the toast and on
 * each row; Escape clears the search, then leaves.
 *
 * Whether someone is in is the core's to say (eccp-store-venue.c): this
 * only shows EccpAttendeeState and adds check-in records.  The list is a
 * GListStore under a GtkListView, which in GTK 4.8 keeps up to 200 rows
 * as widgets: a new list gives it a window's worth first, the rest a
 * frame later.  A refresh that finds the same people in the same order
 * replaces only the items whose state changed, which keeps the scroll
 * position when a sync from another entrance settles.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-venue-mode.h"

#include <glib/gi18n.h>

#include "eccp-format.h"
#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-sync-indicator.h"
#include "eccp-toast.h"
#include "eccp-venue-item.h"
#include "eccp-venue-row.h"
#include "eccp-widget-util.h"

/* The "Recent check-ins" beside the list */
#define N_RECENT 10

/* A new list shows as many as the window could hold at once, taking a
 * row as this tall (they are taller), and the rest from the frame after:
 * a GtkListView of GTK 4.8 builds, binds and measures 200 rows whatever
 * its height, which took most of opening venue mode for a large event
 * (bench-venue). */
#define MIN_ROW_HEIGHT 48
#define MIN_FIRST_ROWS 16

struct _EccpVenueMode
{
  GtkWidget            parent_instance;

  EccpStore           *store;
  char                *event_id;
  EccpAccount         *account;
  EccpSyncController  *controller;
  GSignalGroup        *store_signals;
  char                *zone;   /* the event's time zone, or %NULL */
  /* Held while the event is: GLib keeps a zone it has read only while
   * someone holds it, and every row's time would read the zone file again */
  GTimeZone           *zone_held;
  GListStore          *attendees;
  GtkSingleSelection  *selection;
  GPtrArray           *rest;          /* EccpAttendeeState past the first rows */
  guint                rest_tick;
  gint64               rest_after;    /* the frame to come that shows the first */

  /* Template */
  AdwWindowTitle      *window_title;
  GtkWidget           *exit_button;
  EccpSyncIndicator   *sync_indicator;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *all_toggle;
  GtkToggleButton     *not_in_toggle;
  GtkToggleButton     *in_toggle;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  AdwStatusPage       *empty_page;
  GtkListBox          *recent_list;
};

G_DEFINE_FINAL_TYPE (EccpVenueMode, eccp_venue_mode, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENT_ID,
  PROP_ACCOUNT,
  PROP_CONTROLLER,
  N_PROPS
};

enum {
  EXIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What people read */

static EccpCheckinFilter
get_filter (EccpVenueMode *self)
{
  if (gtk_toggle_button_get_active (self->in_toggle))
    return ECCP_CHECKIN_FILTER_IN;
  if (gtk_toggle_button_get_active (self->not_in_toggle))
    return ECCP_CHECKIN_FILTER_NOT_IN;

  return ECCP_CHECKIN_FILTER_ALL;
}

/* Reading the store */

static void
show_error (EccpVenueMode *self,
            const GError  *error)
{
  eccp_toast_show (GTK_WIDGET (self), eccp_toast_new ("%s", error->message));
}

static void
drop_rest (EccpVenueMode *self)
{
  if (self->rest_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rest_tick);
  self->rest_tick = 0;
  g_clear_pointer (&self->rest, g_ptr_array_unref);
}

static gboolean
add_rest_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  EccpVenueMode *self = ECCP_VENUE_MODE (widget);
  g_autoptr(GPtrArray) items = NULL;

  if (gdk_frame_clock_get_frame_counter (clock) <= self->rest_after)
    return G_SOURCE_CONTINUE;

  items = g_ptr_array_new_full (self->rest->len, g_object_unref);
  for (guint i = 0; i < self->rest->len; i++)
    g_ptr_array_add (items, eccp_venue_item_new (g_steal_pointer (&g_ptr_array_index (self->rest, i))));
  g_list_store_splice (self->attendees, g_list_model_get_n_items (G_LIST_MODEL (self->attendees)), 0,
                       items->pdata, items->len);
  self->rest_tick = 0;
  g_clear_pointer (&self->rest, g_ptr_array_unref);

  return G_SOURCE_REMOVE;
}

/* The same people in the same order keep their rows (eccp-venue-item.c);
 * a new list selects the first one found, the one Enter checks in. */
static void
update_attendees (EccpVenueMode *self,
                  GPtrArray     *states)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GdkFrameClock *clock = root != NULL ? gtk_widget_get_frame_clock (GTK_WIDGET (root)) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  guint first = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) / MIN_ROW_HEIGHT + 1 : 0;

  first = MAX (first, MIN_FIRST_ROWS);
  drop_rest (self);
  if (states->len > first && n != states->len)
    {
      self->rest = g_ptr_array_new_full (states->len - first, (GDestroyNotify) eccp_attendee_state_free);
      for (guint i = first; i < states->len; i++)
        g_ptr_array_add (self->rest, g_steal_pointer (&g_ptr_array_index (states, i)));
      g_ptr_array_set_size (states, first);
      /* The next frame paints the first ones; the one after adds the rest */
      self->rest_after = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) + 1 : 0;
      self->rest_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), add_rest_cb, NULL, NULL);
    }

  if (eccp_venue_items_update (self->attendees, states) && states->len > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
}

static void
refresh_list (EccpVenueMode *self)
{
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->store == NULL || self->event_id == NULL)
    states = g_ptr_array_new ();
  else
    states = eccp_store_list_attendee_states (self->store, self->event_id, search,
                                              get_filter (self), &error);
  if (states == NULL)
    {
      show_error (self, error);
      return;
    }
  g_ptr_array_set_free_func (states, (GDestroyNotify) eccp_attendee_state_free);

  update_attendees (self, states);
  gtk_stack_set_visible_child_name (self->list_stack, states->len > 0 ? "list" : "empty");
  eccp_widget_set_status_description (self->empty_page, *search != '\0'
                                      ? _("Nobody of this event has that name or organisation. Check the spelling, or try the organisation.")
                                      : NULL);
}

static void
refresh_counts (EccpVenueMode *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *registered_text = NULL;
  g_autofree char *in_text = NULL;
  g_autofree char *text = NULL;
  gint64 registered = 0;
  gint64 checked_in = 0;

  if (self->store != NULL && self->event_id != NULL
      && !eccp_store_count_checked_in (self->store, self->event_id, &registered, &checked_in, &error))
    {
      show_error (self, error);
      return;
    }

  in_text = eccp_format_integer (checked_in);
  registered_text = eccp_format_integer (registered);
  /* Translators: "112 of 180 checked in" */
  text = g_strdup_printf (_("%s of %s checked in"), in_text, registered_text);
  gtk_label_set_label (self->count_label, text);
}

/* "08:15  Željko Novak  · Entrance A": when in the event's zone, who, and
 * where; an undo says so, and what the portal has not taken (waiting or
 * refused) is marked as the attendee rows mark it. */
static GtkWidget *
recent_row_new (EccpVenueMode           *self,
                const EccpRecentCheckin *checkin,
                GDateTime               *now,
                GtkSizeGroup            *times)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *time_label;
  g_autofree char *time = eccp_date_time_format_in_zone (checkin->at, self->zone, now);
  const char *name = checkin->name != NULL ? checkin->name : _("Unknown attendee");
  const char *device = checkin->device != NULL ? checkin->device : "";
  g_autofree char *subtitle = NULL;
  g_autofree char *line = NULL;
  g_autofree char *accessible = NULL;
  const char *sync = eccp_venue_row_describe_sync (checkin->state);

  if (checkin->undo && *device != '\0')
    /* Translators: "Undone · Entrance A", a check-in withdrawn on that device */
    subtitle = g_strdup_printf (_("Undone · %s"), device);
  else if (checkin->undo)
    subtitle = g_strdup (_("Undone"));
  else
    subtitle = g_strdup (device);

  time_label = gtk_label_new (time);
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_widget_add_css_class (time_label, "dim-label");
  /* The names in one column, whether a time is today's or has its date */
  gtk_label_set_xalign (GTK_LABEL (time_label), 0);
  gtk_size_group_add_widget (times, time_label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), time_label);
  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), name);
  eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), subtitle);
  if (sync != NULL)
    {
      GtkWidget *mark = eccp_venue_row_new_sync_mark ();

      eccp_venue_row_set_sync_mark (mark, checkin->state);
      gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
    }

  /* Read as one line, as it is seen; a whole sentence per case, for
   * translators to order */
  if (*device != '\0' && checkin->undo)
    /* Translators: a recent undo read aloud: time, attendee, device,
     * "08:20 Željko Novak · Entrance A, undone" */
    line = g_strdup_printf (_("%1$s %2$s · %3$s, undone"), time, name, device);
  else if (*device != '\0')
    /* Translators: a recent check-in read aloud: time, attendee, device,
     * "08:15 Željko Novak · Entrance A" */
    line = g_strdup_printf (_("%1$s %2$s · %3$s"), time, name, device);
  else if (checkin->undo)
    /* Translators: a recent undo read aloud: time, attendee,
     * "08:20 Željko Novak, undone" */
    line = g_strdup_printf (_("%1$s %2$s, undone"), time, name);
  else
    /* Translators: a recent check-in read aloud: time, attendee,
     * "08:15 Željko Novak" */
    line = g_strdup_printf (_("%1$s %2$s"), time, name);
  accessible = sync != NULL
    /* Translators: a recent check-in read aloud, then what became of it
     * on the portal: "08:15 Željko Novak · Entrance A, Not sent yet" */
    ? g_strdup_printf (C_("recent check-in", "%1$s, %2$s"), line, sync)
    : g_steal_pointer (&line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

/* The event's latest check-ins and undos, as they happened, newest first */
static void
refresh_recent (EccpVenueMode *self)
{
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GtkSizeGroup) times = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GtkListBoxRow *row;

  /* The rows, not the placeholder */
  while ((row = gtk_list_box_get_row_at_index (self->recent_list, 0)) != NULL)
    gtk_list_box_remove (self->recent_list, GTK_WIDGET (row));

  if (self->store == NULL || self->event_id == NULL)
    return;

  checkins = eccp_store_list_recent_checkins (self->store, self->event_id, N_RECENT, &error);
  if (checkins == NULL)
    {
      g_warning ("Recent check-ins: %s", error->message);
      return;
    }

  for (guint i = 0; i < checkins->len; i++)
    gtk_list_box_append (self->recent_list, recent_row_new (self, g_ptr_array_index (checkins, i), now, times));
}

static void
refresh_all (EccpVenueMode *self)
{
  refresh_list (self);
  refresh_counts (self);
  refresh_recent (self);
}

/* The event's name in the header and its clock for the times */
static void
read_event (EccpVenueMode *self)
{
  g_autoptr(EccpRecord) event = NULL;
  g_autofree char *device = NULL;
  g_autofree char *subtitle = NULL;
  JsonObject *attributes = NULL;
  const char *title = NULL;

  g_clear_pointer (&self->zone, g_free);
  g_clear_pointer (&self->zone_held, g_time_zone_unref);
  if (self->store != NULL && self->event_id != NULL)
    event = eccp_store_get (self->store, "event", self->event_id, NULL);
  if (event != NULL)
    {
      attributes = eccp_record_get_attributes (event);
      title = eccp_json_get_string (attributes, "title");
      self->zone = g_strdup (eccp_json_get_string (attributes, "timezone"));
    }
  if (self->zone != NULL && *self->zone != '\0')
    self->zone_held = g_time_zone_new_identifier (self->zone);

  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Venue Mode"));
  if (self->store != NULL)
    {
      g_autoptr(GTimeZone) zone = self->zone_held != NULL ? g_time_zone_ref (self->zone_held) : NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *times = NULL;

      /* The check-ins' times are the event's: the header says which
       * zone, and how far the user's clock is from it */
      if (zone == NULL)
        zone = g_time_zone_new_local ();
      times = eccp_date_zone_describe_times (zone, NULL, now);
      device = eccp_store_get_device_name (self->store);
      /* Translators: the header's subtitle, with this computer's device
       * name and the zone of the times: "Venue Mode · Entrance A · Times
       * in Brussels time" */
      subtitle = g_strdup_printf (_("Venue Mode · %s · %s"), device, times);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Checking in */

/* An append-only check-in record (portal-api.md §3): the core derives
 * who is in from the latest one. */
static gboolean
add_checkin (EccpVenueMode  *self,
             const char     *attendee_id,
             gboolean        undo,
             GError        **error)
{
  g_autoptr(EccpRecord) checkin = eccp_store_check_in (self->store, self->event_id, attendee_id,
                                                       undo, NULL, error);

  return checkin != NULL;
}

static void toast_undo_cb (AdwToast      *toast,
                           EccpVenueMode *self);

/* Checks @attendee_id in, or undoes their check-in; says so in a toast
 * (with Undo after a check-in) and shows the new state at once rather
 * than when the store has settled. */
static void
set_checked_in (EccpVenueMode *self,
                const char    *attendee_id,
                gboolean       in)
{
  g_autoptr(EccpAttendeeState) state = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->store == NULL || self->event_id == NULL)
    return;

  state = eccp_store_get_attendee_state (self->store, attendee_id, &error);
  if (state == NULL)
    {
      show_error (self, error);
      return;
    }

  if (state->checked_in == in)
    {
      g_autofree char *where = eccp_venue_row_describe_state (self->zone, state);

      /* Two people at the door: nothing is added twice. */
      if (in)
        /* Translators: "Anna Müller: Checked in 08:15 · Entrance A" */
        toast = eccp_toast_new (_("%s is already in: %s"), state->name, where);
      else
        toast = eccp_toast_new (_("%s is not checked in"), state->name);
      eccp_toast_show (GTK_WIDGET (self), toast);
      return;
    }

  if (!add_checkin (self, attendee_id, !in, &error))
    {
      show_error (self, error);
      return;
    }

  if (in)
    {
      /* Translators: a toast, "Łukasz Nowak checked in"; not the count
       * "112 checked in", hence the context */
      toast = eccp_toast_new (C_("person", "%s checked in"), state->name);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "attendee-id", g_strdup (attendee_id), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
    }
  else
    {
      toast = eccp_toast_new (_("Check-in of %s undone"), state->name);
    }
  eccp_toast_show (GTK_WIDGET (self), toast);

  refresh_all (self);
}

static void
toast_undo_cb (AdwToast      *toast,
               EccpVenueMode *self)
{
  set_checked_in (self, g_object_get_data (G_OBJECT (toast), "attendee-id"), FALSE);
}

static void
check_in_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  set_checked_in (ECCP_VENUE_MODE (widget), g_variant_get_string (parameter, NULL), TRUE);
}

static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_checked_in (ECCP_VENUE_MODE (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
exit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[EXIT], 0);
}

/* The window prints (eccp-venue-print.c) and exports (eccp-attendee-export.c)
 * the event at the door: venue.print-attendees → win.print-attendees(s) */
static void
window_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EccpVenueMode *self = ECCP_VENUE_MODE (widget);
  g_autofree char *window_action = g_strconcat ("win.", strchr (action_name, '.') + 1, NULL);

  if (self->event_id != NULL)
    gtk_widget_activate_action (widget, window_action, "s", self->event_id);
}

/* The chosen one: the selected row, else the first */
static void
check_in_selected (EccpVenueMode *self)
{
  g_autoptr(EccpVenueItem) item = NULL;
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  item = g_list_model_get_item (G_LIST_MODEL (self->attendees), position);
  if (item == NULL)
    return;

  set_checked_in (self, eccp_venue_item_get_state (item)->id, TRUE);
}

/* The search */

static void
search_changed_cb (EccpVenueMode *self)
{
  refresh_list (self);
}

static void
search_activate_cb (EccpVenueMode *self)
{
  check_in_selected (self);
  /* The next arrival's name replaces this one */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Escape: first the search, then the mode */
static void
stop_search_cb (EccpVenueMode *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    g_signal_emit (self, signals[EXIT], 0);
}

/* Up and Down choose among the people found without leaving the search */
static gboolean
search_key_pressed_cb (EccpVenueMode         *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  guint position = gtk_single_selection_get_selected (self->selection);

  if (n == 0 || (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up))
    return GDK_EVENT_PROPAGATE;

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (keyval == GDK_KEY_Down && position + 1 < n)
    position++;
  else if (keyval == GDK_KEY_Up && position > 0)
    position--;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  return GDK_EVENT_STOP;
}

static void
filter_toggled_cb (EccpVenueMode   *self,
                   GtkToggleButton *button)
{
  /* Each change toggles two buttons: read once, for the one turned on */
  if (gtk_toggle_button_get_active (button))
    refresh_list (self);
}

static void
list_activate_cb (EccpVenueMode *self,
                  guint          position)
{
  g_autoptr(EccpVenueItem) item = g_list_model_get_item (G_LIST_MODEL (self->attendees), position);

  if (item != NULL)
    set_checked_in (self, eccp_venue_item_get_state (item)->id, TRUE);
}

/* The rows: built once per row in sight, filled per item */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, eccp_venue_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             EccpVenueMode            *self)
{
  EccpVenueItem *item = gtk_list_item_get_item (list_item);

  eccp_venue_row_set_state (ECCP_VENUE_ROW (gtk_list_item_get_child (list_item)),
                            eccp_venue_item_get_state (item), self->zone);
}

/* GObject */

static void
eccp_venue_mode_dispose (GObject *object)
{
  EccpVenueMode *self = ECCP_VENUE_MODE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_VENUE_MODE);
  eccp_widget_unparent_children (GTK_WIDGET (self));

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  drop_rest (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->attendees);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_object (&self->controller);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->zone, g_free);
  g_clear_pointer (&self->zone_held, g_time_zone_unref);

  G_OBJECT_CLASS (eccp_venue_mode_parent_class)->dispose (object);
}

static void
eccp_venue_mode_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EccpVenueMode *self = ECCP_VENUE_MODE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_EVENT_ID:
      g_value_set_string (value, self->event_id);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_venue_mode_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EccpVenueMode *self = ECCP_VENUE_MODE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          g_signal_group_set_target (self->store_signals, self->store);
          read_event (self);
          refresh_all (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_EVENT_ID:
      eccp_venue_mode_set_event_id (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT:
      if (g_set_object (&self->account, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CONTROLLER:
      if (g_set_object (&self->controller, g_value_get_object (value)))
        {
          eccp_sync_indicator_set_controller (self->sync_indicator, self->controller);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_venue_mode_class_init (EccpVenueModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_venue_mode_dispose;
  object_class->get_property = eccp_venue_mode_get_property;
  object_class->set_property = eccp_venue_mode_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Who checks people in: venue mode is only opened for who may edit the
   * event (eccp-record-view.c); kept for what the mode may grow. */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, ECCP_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, ECCP_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXIT] = g_signal_new ("exit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ECCP_TYPE_SYNC_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-venue-mode.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, window_title);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, exit_button);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, all_toggle);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, not_in_toggle);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, in_toggle);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, count_label);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, list_view);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EccpVenueMode, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "venue.check-in", "s", check_in_action_cb);
  gtk_widget_class_install_action (widget_class, "venue.undo", "s", undo_action_cb);
  gtk_widget_class_install_action (widget_class, "venue.exit", NULL, exit_action_cb);
  gtk_widget_class_install_action (widget_class, "venue.print-attendees", NULL, window_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "venue.print-attendees", NULL);
  gtk_widget_class_install_action (widget_class, "venue.export-attendees", NULL, window_action_cb);
  /* Wherever the focus is (the search handles its own Escape first) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "venue.exit", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eccp_venue_mode_init (EccpVenueMode *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->attendees = g_list_store_new (ECCP_TYPE_VENUE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->attendees)));
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  placeholder = gtk_label_new (_("No check-ins yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->recent_list, placeholder);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  /* Check-ins from another entrance, once a sync has brought them */
  self->store_signals = g_signal_group_new (ECCP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "settled", G_CALLBACK (refresh_all), self,
                                 G_CONNECT_SWAPPED);

  refresh_counts (self);
}

GtkWidget *
eccp_venue_mode_new (void)
{
  return g_object_new (ECCP_TYPE_VENUE_MODE, NULL);
}

const char *
eccp_venue_mode_get_event_id (EccpVenueMode *self)
{
  g_return_val_if_fail (ECCP_IS_VENUE_MODE (self), NULL);

  return self->event_id;
}

void
eccp_venue_mode_set_event_id (EccpVenueMode *self,
                              const char    *event_id)
{
  g_return_if_fail (ECCP_IS_VENUE_MODE (self));

  if (g_strcmp0 (self->event_id, event_id) == 0)
    {
      /* Opened again: what changed meanwhile (the device name too) */
      read_event (self);
      refresh_all (self);
      return;
    }

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);

  /* Another event: its people from the start */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->all_toggle, TRUE);
  read_event (self);
  refresh_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

void
eccp_venue_mode_focus_search (EccpVenueMode *self)
{
  g_return_if_fail (ECCP_IS_VENUE_MODE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
