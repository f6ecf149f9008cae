/* eccp-meetings-view.c: an event's bilateral meetings as a grid, tables
 * across and time slots down, and one person's schedule
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid is a GtkGrid of buttons, one label each, built per store
 * change: the cells in sight at once, the others a frame at a time after
 * (rebuild_grid).  GTK 4.8's GtkListView and GtkColumnView keep 200 rows
 * built, which is every slot of an event, so they would not spare it.
 * Slots are the meetings' distinct start times; tables the tables they
 * name, in the order people count them.  Every write goes through
 * eccp_store_create/update, which refuse a double booking in words.
 */

#define G_LOG_DOMAIN "eccp-meetings-view"

#include "config.h"

#include "eccp-meetings-view.h"
#include "eccp-meetings-view-private.h"

#include <glib/gi18n.h>

#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-rights.h"
#include "eccp-store-meetings.h"
#include "eccp-widget-util.h"

struct _EccpMeetingsView
{
  GtkWidget      parent_instance;

  EccpStore     *store;
  EccpAccount   *account;
  char          *event_id;
  GSignalGroup  *store_signals;

  GtkWidget     *box;
  GtkLabel      *title_label;
  GtkLabel      *zone_label;
  GtkDropDown   *person_dropdown;
  GtkLabel      *error_label;
  GtkStack      *stack;
  GtkGrid       *grid;
  GtkGrid       *header_grid;
  GtkGrid       *times_grid;
  GtkWidget     *header_scroller;
  GtkWidget     *times_scroller;
  GtkWidget     *grid_scroller;
  GtkListBox    *schedule_list;
  GtkMenuButton *print_button;

  GtkWidget     *popover;       /* a cell's actions: held, cells go */
  EccpMeetingsGrid *layout;
  GPtrArray     *attendees;     /* EccpRecord, by name; the dropdown's 1… */
  GHashTable    *names;         /* their names by id, read with them */
  char          *print_table;   /* the table of the cell last focused */
  /* Building the grid's cells (rebuild_grid) */
  GPtrArray     *row_groups;    /* GtkSizeGroup: a slot's time and cells */
  GPtrArray     *clocks;        /* char *: a slot's time, as cells name it */
  GByteArray    *sized;         /* per slot: 1 a free cell, 2 one of one meeting in its group */
  guint          fill_tick;
  guint          fill_next;     /* slot × tables + table */
  guint          first_slot;
  guint          first_table;
  guint          focus_slot;    /* the focused cell's, or G_MAXUINT */
  guint          focus_table;
};

G_DEFINE_FINAL_TYPE (EccpMeetingsView, eccp_meetings_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT,
  PROP_EVENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
may_edit (EccpMeetingsView *self)
{
  EccpRights rights;

  if (self->account == NULL)
    return TRUE;

  eccp_account_get_rights (self->account, &rights);

  return eccp_rights_may_edit (&rights, eccp_type_spec_lookup ("meeting"), NULL, self->event_id);
}

/* What went wrong, in words, above the grid; %NULL hides it. */
static void
show_error (EccpMeetingsView *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void reload (EccpMeetingsView *self);

/* Writing */

static gboolean
write_meeting (EccpMeetingsView *self,
               const char       *id,
               JsonObject       *attributes,
               JsonObject       *relationships)
{
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (id != NULL)
    record = eccp_store_update (self->store, "meeting", id, attributes, relationships, &error);
  else
    record = eccp_store_create (self->store, "meeting", NULL, attributes, relationships, &error);

  /* A double booking: the store's sentence names who is busy and when. */
  show_error (self, error != NULL ? error->message : NULL);
  if (record != NULL)
    reload (self);

  return record != NULL;
}

static void
set_status_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EccpMeetingsView *self = ECCP_MEETINGS_VIEW (widget);
  g_autoptr(JsonObject) attributes = json_object_new ();
  const char *id;
  const char *status;

  g_variant_get (parameter, "(&s&s)", &id, &status);
  if (self->store == NULL || !may_edit (self))
    return;

  json_object_set_string_member (attributes, "status", status);
  write_meeting (self, id, attributes, NULL);
}

gboolean
_eccp_meetings_view_move (EccpMeetingsView *self,
                          const char       *id,
                          gint64            starts,
                          const char       *table)
{
  g_autoptr(EccpRecord) meeting = eccp_store_get (self->store, "meeting", id, NULL);
  g_autoptr(JsonObject) attributes = json_object_new ();

  if (meeting == NULL)
    return FALSE;

  /* The meeting keeps its length. */
  _eccp_meetings_grid_set_place (attributes, starts, _eccp_meetings_grid_duration (meeting), table);

  return write_meeting (self, id, attributes, NULL);
}

gboolean
_eccp_meetings_view_request (EccpMeetingsView *self,
                             gint64            starts,
                             const char       *table,
                             const char       *requester,
                             const char       *invitee)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonObject) relationships = json_object_new ();
  const char *names[] = { "event", "requester", "invitee" };
  const char *ids[] = { self->event_id, requester, invitee };

  if (g_strcmp0 (requester, invitee) == 0)
    {
      show_error (self, _("A meeting needs two different people."));
      return FALSE;
    }

  _eccp_meetings_grid_set_place (attributes, starts, _eccp_meetings_grid_slot_length (self->layout, starts), table);
  json_object_set_string_member (attributes, "status", "requested");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *data = json_object_new ();
      JsonObject *member = json_object_new ();

      json_object_set_string_member (data, "type", i == 0 ? "event" : "attendee");
      json_object_set_string_member (data, "id", ids[i]);
      json_object_set_object_member (member, "data", data);
      json_object_set_object_member (relationships, names[i], member);
    }

  return write_meeting (self, NULL, attributes, relationships);
}

static void
move_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  EccpMeetingsView *self = ECCP_MEETINGS_VIEW (widget);

  if (self->store != NULL && self->layout != NULL && may_edit (self))
    _eccp_meetings_dialog_move (self, self->layout, g_variant_get_string (parameter, NULL));
}

static void
request_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EccpMeetingsView *self = ECCP_MEETINGS_VIEW (widget);
  const char *table;
  gint64 starts;

  g_variant_get (parameter, "(x&s)", &starts, &table);
  if (self->store != NULL && self->layout != NULL && may_edit (self))
    _eccp_meetings_dialog_request (self, self->attendees, starts, table);
}

/* Reading */

/* The popover is held by the view, not only by its cell: a write from
 * one of its buttons rebuilds the grid while that button is running. */
static void
drop_popover (EccpMeetingsView *self)
{
  if (self->popover != NULL && gtk_widget_get_parent (self->popover) != NULL)
    gtk_widget_unparent (self->popover);
}

static gboolean
unparent_closed (gpointer popover)
{
  if (gtk_widget_get_parent (popover) != NULL && !gtk_widget_get_visible (popover))
    gtk_widget_unparent (popover);
  return G_SOURCE_REMOVE;
}

static void
popover_closed_cb (GtkWidget *popover)
{
  /* After the action of the button that closed it has run */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unparent_closed, g_object_ref (popover), g_object_unref);
}

static void
open_meeting (EccpMeetingsView *self,
              GtkWidget        *cell,
              EccpRecord       *meeting)
{
  GtkWidget *popover = gtk_popover_new ();
  g_autofree char *requester = _eccp_meetings_grid_person_name (self->store, self->names, meeting, "requester");
  g_autofree char *invitee = _eccp_meetings_grid_person_name (self->store, self->names, meeting, "invitee");

  drop_popover (self);
  g_clear_object (&self->popover);
  self->popover = g_object_ref (popover);
  gtk_popover_set_child (GTK_POPOVER (popover),
                         _eccp_meetings_popover_content (self->store, meeting, requester, invitee,
                                                         may_edit (self)));
  gtk_widget_set_parent (popover, cell);
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
cell_clicked_cb (GtkButton        *button,
                 EccpMeetingsView *self)
{
  EccpRecord *meeting = g_object_get_data (G_OBJECT (button), "meeting");

  if (meeting != NULL)
    open_meeting (self, GTK_WIDGET (button), meeting);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "meeting.request", "(xs)",
                                *(gint64 *) g_object_get_data (G_OBJECT (button), "starts"),
                                g_object_get_data (G_OBJECT (button), "table"));
}

/* Printing: the window prints; which table is the cell's the focus was
 * last on (clicked or reached by keyboard), kept while the menu is open. */
static void
cell_focus_cb (GtkEventController *focus,
               EccpMeetingsView   *self)
{
  g_free (self->print_table);
  self->print_table = g_strdup (g_object_get_data (G_OBJECT (gtk_event_controller_get_widget (focus)), "table"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.print-table", TRUE);
}

static void
print_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  EccpMeetingsView *self = ECCP_MEETINGS_VIEW (widget);
  gboolean table = g_str_equal (action_name, "meetings.print-table");

  if (self->event_id != NULL && (!table || self->print_table != NULL))
    gtk_widget_activate_action (widget, "win.print-meetings", "(ss)", self->event_id,
                                table ? self->print_table : "");
}

static void
print_menu_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_menu_button_popup (ECCP_MEETINGS_VIEW (widget)->print_button);
}

static GtkWidget *
cell_new (EccpMeetingsView *self,
          gint64            starts,
          const char       *table,
          const char       *clock,
          EccpRecord       *meeting)
{
  GtkWidget *button = gtk_button_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *what = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *name = NULL;
  gint64 *at = g_new (gint64, 1);

  *at = starts;
  g_object_set_data_full (G_OBJECT (button), "starts", at, g_free);
  g_object_set_data_full (G_OBJECT (button), "table", g_strdup (table), g_free);
  gtk_widget_add_css_class (button, "meeting-cell");

  if (meeting != NULL)
    {
      g_autofree char *class = g_strdup_printf ("meeting-%s", eccp_record_get_string (meeting, "status"));

      g_object_set_data_full (G_OBJECT (button), "meeting", g_object_ref (meeting), g_object_unref);
      gtk_button_set_child (GTK_BUTTON (button),
                            _eccp_meetings_grid_meeting_content (self->store, self->names, meeting, &what));
      gtk_widget_add_css_class (button, class);
      if (_eccp_meetings_grid_slot_taken (self->store, meeting))
        gtk_widget_add_css_class (button, "meeting-slot-taken");
    }
  else
    {
      what = g_strdup (_("free"));
      gtk_widget_add_css_class (button, "meeting-free");
      gtk_widget_set_sensitive (button, may_edit (self));
    }

  name = eccp_meeting_table_name (table, TRUE);
  /* Translators: a cell of the meetings grid: "Table 12, 10:00: Anna
   * Nowak and Marek Wiśniewski, Accepted" */
  accessible = g_strdup_printf (_("%s, %s: %s"), name, clock, what);
  eccp_widget_set_accessible_label (button, accessible);
  eccp_widget_set_new_tooltip (button, accessible);
  g_signal_connect (button, "clicked", G_CALLBACK (cell_clicked_cb), self);
  g_signal_connect (focus, "enter", G_CALLBACK (cell_focus_cb), self);
  gtk_widget_add_controller (button, focus);

  return button;
}

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
    }
}

/* Column widths, shared by the grid and its header */
#define CLOCK_WIDTH 90
#define CELL_WIDTH  170

static GtkWidget *
make_fixed (GtkWidget *widget,
            int        width)
{
  gtk_widget_set_size_request (widget, width, -1);
  return widget;
}

/* The cell the keyboard is on (or in whose popover it is), or %NULL */
static GtkWidget *
focused_cell (EccpMeetingsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (g_object_get_data (G_OBJECT (widget), "starts") != NULL)
      return gtk_widget_is_ancestor (widget, GTK_WIDGET (self->grid)) ? widget : NULL;

  return NULL;
}

/* After a rebuild, the keyboard stays on the same slot and table. */
static void
refocus (EccpMeetingsView *self,
         gint64            starts,
         const char       *table)
{
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (self->grid));
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *button = GTK_IS_BUTTON (cell) ? cell : gtk_widget_get_first_child (cell);
      gint64 *at = button != NULL ? g_object_get_data (G_OBJECT (button), "starts") : NULL;

      if (at != NULL && *at == starts &&
          g_strcmp0 (g_object_get_data (G_OBJECT (button), "table"), table) == 0)
        {
          gtk_widget_grab_focus (button);
          return;
        }
    }
}

/* Building the cells: those in sight, a full row and column (which give
 * the grid its size) and the focused one at once, the rest a frame at a
 * time after.  A cell is a button and a label to measure: 2,400 of them
 * took seconds before the first frame (bench-venue), and GTK 4.8's list
 * and column views keep 200 rows built, so they would not spare this. */
#define FIRST_SLOTS     16
#define FIRST_TABLES    10
#define CELLS_PER_FRAME 200

static gboolean
in_first_pass (EccpMeetingsView *self,
               guint             s,
               guint             t)
{
  return s == 0 || t == 0 || (s == self->focus_slot && t == self->focus_table)
         || (s >= self->first_slot && s < self->first_slot + FIRST_SLOTS
             && t >= self->first_table && t < self->first_table + FIRST_TABLES);
}

static void
build_cell (EccpMeetingsView *self,
            guint             s,
            guint             t)
{
  EccpMeetingsGrid *layout = self->layout;
  gint64 starts = g_array_index (layout->slots, gint64, s);
  const char *table = g_ptr_array_index (layout->tables, t);
  GPtrArray *here = _eccp_meetings_grid_at (layout, s, t);
  const char *clock = g_ptr_array_index (self->clocks, s);
  guint8 *sized = &self->sized->data[s];
  GtkWidget *cell;
  gboolean plain;
  guint kind;

  if (here == NULL || here->len == 0)
    cell = cell_new (self, starts, table, clock, NULL);
  else if (here->len == 1)
    cell = cell_new (self, starts, table, clock, g_ptr_array_index (here, 0));
  else
    {
      /* Declined or cancelled ones may share a cell with the one held. */
      cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      for (guint m = 0; m < here->len; m++)
        gtk_box_append (GTK_BOX (cell), cell_new (self, starts, table, clock,
                                                  g_ptr_array_index (here, m)));
    }
  gtk_grid_attach (self->grid, make_fixed (cell, CELL_WIDTH), t + 1, s + 1, 1, 1);

  /* The time, in a pane of its own, is as tall as its row of cells (a
   * cell with a declined meeting under the held one is taller).  Cells of
   * one kind are of one height: the row's group holds the first free
   * one, the first of one meeting and the taller ones; a group of every
   * cell measured each of them again for each one. */
  plain = here == NULL || (here->len <= 1 && !gtk_widget_has_css_class (cell, "meeting-slot-taken"));
  kind = here != NULL && here->len > 0 ? 2 : 1;
  if (!plain || !(*sized & kind))
    gtk_size_group_add_widget (g_ptr_array_index (self->row_groups, s), cell);
  if (plain)
    *sized |= kind;
}

static gboolean
fill_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  EccpMeetingsView *self = ECCP_MEETINGS_VIEW (widget);
  guint n_tables = self->layout->tables->len;
  guint n = self->layout->slots->len * n_tables;
  guint built = 0;

  for (; self->fill_next < n && built < CELLS_PER_FRAME; self->fill_next++)
    {
      guint s = self->fill_next / n_tables;
      guint t = self->fill_next % n_tables;

      if (!in_first_pass (self, s, t))
        {
          build_cell (self, s, t);
          built++;
        }
    }

  if (self->fill_next < n)
    return G_SOURCE_CONTINUE;

  self->fill_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_filling (EccpMeetingsView *self)
{
  if (self->fill_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick);
  self->fill_tick = 0;
}

static void
rebuild_grid (EccpMeetingsView *self)
{
  EccpMeetingsGrid *layout = self->layout;
  GtkWidget *focus = focused_cell (self);
  gint64 focus_starts = focus != NULL ? *(gint64 *) g_object_get_data (G_OBJECT (focus), "starts") : 0;
  g_autofree char *focus_table = focus != NULL ? g_strdup (g_object_get_data (G_OBJECT (focus), "table")) : NULL;
  GtkAdjustment *across = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->grid_scroller));
  GtkAdjustment *down = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->grid_scroller));

  stop_filling (self);
  drop_popover (self);
  clear_container (GTK_WIDGET (self->grid));
  clear_container (GTK_WIDGET (self->header_grid));
  clear_container (GTK_WIDGET (self->times_grid));
  g_clear_pointer (&self->row_groups, g_ptr_array_unref);
  g_clear_pointer (&self->clocks, g_ptr_array_unref);
  g_clear_pointer (&self->sized, g_byte_array_unref);
  if (layout == NULL)
    return;

  /* The header's columns are as wide as the grid's: every cell and
   * heading asks for the same width, wider than its content.  Each pane
   * keeps the grid's coordinates (times in column 0, tables from column
   * 1, slots from row 1); GtkGrid gives a line nobody is in no space. */
  self->focus_slot = self->focus_table = G_MAXUINT;
  for (guint t = 0; t < layout->tables->len; t++)
    {
      g_autofree char *text = eccp_meeting_table_name (g_ptr_array_index (layout->tables, t), TRUE);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_grid_attach (self->header_grid, make_fixed (label, CELL_WIDTH), t + 1, 0, 1, 1);
      if (g_strcmp0 (g_ptr_array_index (layout->tables, t), focus_table) == 0)
        self->focus_table = t;
    }

  self->row_groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->clocks = g_ptr_array_new_with_free_func (g_free);
  self->sized = g_byte_array_new_take (g_malloc0 (layout->slots->len), layout->slots->len);
  for (guint s = 0; s < layout->slots->len; s++)
    {
      gint64 starts = g_array_index (layout->slots, gint64, s);
      g_autofree char *clock = _eccp_meetings_grid_clock (layout, starts);
      GtkWidget *label = gtk_label_new (clock);
      GtkSizeGroup *row = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_yalign (GTK_LABEL (label), 0.5);
      _eccp_meetings_grid_describe_slot (layout, starts, label);
      gtk_grid_attach (self->times_grid, make_fixed (label, CLOCK_WIDTH), 0, s + 1, 1, 1);
      gtk_size_group_add_widget (row, label);
      g_ptr_array_add (self->row_groups, row);
      g_ptr_array_add (self->clocks, g_steal_pointer (&clock));
      if (focus_table != NULL && starts == focus_starts)
        self->focus_slot = s;
    }

  /* In sight: where the panes are scrolled to, rows taken as a free
   * cell's height */
  self->first_table = gtk_adjustment_get_value (across) / (CELL_WIDTH + 4);
  self->first_slot = gtk_adjustment_get_value (down) / 52;
  for (guint s = 0; s < layout->slots->len; s++)
    for (guint t = 0; t < layout->tables->len; t++)
      if (in_first_pass (self, s, t))
        build_cell (self, s, t);
  self->fill_next = 0;
  self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_cb, NULL, NULL);

  if (focus_table != NULL)
    refocus (self, focus_starts, focus_table);
}

/* One person's meetings, in time order */
static void
rebuild_schedule (EccpMeetingsView *self,
                  EccpRecord       *attendee)
{
  g_autoptr(GPtrArray) meetings = NULL;

  clear_container (GTK_WIDGET (self->schedule_list));
  if (attendee == NULL)
    return;

  meetings = eccp_store_list_meetings (self->store, self->event_id, eccp_record_get_id (attendee), NULL);
  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      GtkWidget *row = _eccp_meetings_grid_schedule_row (self->layout, self->store, self->names,
                                                         g_ptr_array_index (meetings, i),
                                                         eccp_record_get_id (attendee));

      gtk_list_box_append (self->schedule_list, row);
    }

  if (meetings == NULL || meetings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), _("No meetings"));
      gtk_list_box_append (self->schedule_list, row);
    }
}

static void
person_selected_cb (EccpMeetingsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->person_dropdown);
  EccpRecord *attendee = NULL;

  if (self->attendees != NULL && selected != GTK_INVALID_LIST_POSITION &&
      selected > 0 && selected <= self->attendees->len)
    attendee = g_ptr_array_index (self->attendees, selected - 1);

  rebuild_schedule (self, attendee);
  if (attendee != NULL)
    gtk_stack_set_visible_child_name (self->stack, "schedule");
  else
    gtk_stack_set_visible_child_name (self->stack, self->layout != NULL && self->layout->slots->len > 0
                                                   ? "grid" : "empty");
}

static void
reload_people (EccpMeetingsView *self)
{
  g_autofree char *selected_id = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->person_dropdown);
  guint keep = 0;

  if (self->attendees != NULL && selected != GTK_INVALID_LIST_POSITION &&
      selected > 0 && selected <= self->attendees->len)
    selected_id = g_strdup (eccp_record_get_id (g_ptr_array_index (self->attendees, selected - 1)));

  g_clear_pointer (&self->attendees, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  self->attendees = _eccp_meetings_grid_list_attendees (self->store, self->event_id);
  self->names = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_string_list_append (names, _("Everyone (the grid)"));
  for (guint i = 0; i < self->attendees->len; i++)
    {
      EccpRecord *attendee = g_ptr_array_index (self->attendees, i);

      g_hash_table_insert (self->names, (gpointer) eccp_record_get_id (attendee),
                           (gpointer) eccp_record_get_title (attendee));
      gtk_string_list_append (names, eccp_record_get_title (attendee));
      if (g_strcmp0 (eccp_record_get_id (attendee), selected_id) == 0)
        keep = i + 1;
    }

  g_signal_handlers_block_by_func (self->person_dropdown, person_selected_cb, self);
  gtk_drop_down_set_model (self->person_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->person_dropdown, keep);
  g_signal_handlers_unblock_by_func (self->person_dropdown, person_selected_cb, self);
}

static void
reload (EccpMeetingsView *self)
{
  g_autoptr(EccpRecord) event = NULL;
  g_autofree char *zone_text = NULL;

  g_clear_pointer (&self->layout, _eccp_meetings_grid_free);
  if (self->store != NULL && self->event_id != NULL)
    {
      event = eccp_store_get (self->store, "event", self->event_id, NULL);
      self->layout = _eccp_meetings_grid_new (self->store, self->event_id, NULL);
    }

  gtk_label_set_label (self->title_label, event != NULL ? eccp_record_get_title (event) : "");
  if (self->layout != NULL)
    zone_text = _eccp_meetings_grid_describe_zone (self->layout);
  gtk_label_set_label (self->zone_label, zone_text != NULL ? zone_text : "");

  reload_people (self);
  rebuild_grid (self);
  person_selected_cb (self);
}

/* GObject */

static void
eccp_meetings_view_dispose (GObject *object)
{
  EccpMeetingsView *self = (EccpMeetingsView *)object;

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  stop_filling (self);
  drop_popover (self);
  g_clear_object (&self->popover);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_MEETINGS_VIEW);
  g_clear_pointer (&self->row_groups, g_ptr_array_unref);
  g_clear_pointer (&self->clocks, g_ptr_array_unref);
  g_clear_pointer (&self->sized, g_byte_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->layout, _eccp_meetings_grid_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->attendees, g_ptr_array_unref);
  g_clear_pointer (&self->print_table, g_free);

  G_OBJECT_CLASS (eccp_meetings_view_parent_class)->dispose (object);
}

static void
eccp_meetings_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EccpMeetingsView *self = ECCP_MEETINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_EVENT_ID:
      g_value_set_string (value, self->event_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_meetings_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EccpMeetingsView *self = ECCP_MEETINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          g_signal_group_set_target (self->store_signals, self->store);
          reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ACCOUNT:
      if (g_set_object (&self->account, g_value_get_object (value)))
        {
          reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_EVENT_ID:
      eccp_meetings_view_set_event_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_meetings_view_class_init (EccpMeetingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_meetings_view_dispose;
  object_class->get_property = eccp_meetings_view_get_property;
  object_class->set_property = eccp_meetings_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, ECCP_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-meetings-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "meetingsview");
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, box);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, zone_label);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, error_label);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, stack);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, grid);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, header_grid);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, times_grid);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, header_scroller);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, times_scroller);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, grid_scroller);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, schedule_list);
  gtk_widget_class_bind_template_child (widget_class, EccpMeetingsView, print_button);
  gtk_widget_class_bind_template_callback (widget_class, person_selected_cb);

  gtk_widget_class_install_action (widget_class, "meeting.set-status", "(ss)", set_status_cb);
  gtk_widget_class_install_action (widget_class, "meeting.move", "s", move_cb);
  gtk_widget_class_install_action (widget_class, "meeting.request", "(xs)", request_cb);
  gtk_widget_class_install_action (widget_class, "meetings.print-table", NULL, print_cb);
  gtk_widget_class_install_action (widget_class, "meetings.print-grid", NULL, print_cb);
  gtk_widget_class_install_action (widget_class, "meetings.print-menu", NULL, print_menu_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "meetings.print-menu", NULL);
}

static void
eccp_meetings_view_init (EccpMeetingsView *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.print-table", FALSE);

  /* The header scrolls across with the cells, the times down with them */
  eccp_widget_follow_scrolling (GTK_SCROLLED_WINDOW (self->header_scroller),
                                GTK_SCROLLED_WINDOW (self->grid_scroller), GTK_ORIENTATION_HORIZONTAL);
  eccp_widget_follow_scrolling (GTK_SCROLLED_WINDOW (self->times_scroller),
                                GTK_SCROLLED_WINDOW (self->grid_scroller), GTK_ORIENTATION_VERTICAL);

  /* The picker searches names as typed. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->person_dropdown, expression);
  _eccp_meetings_name_dropdown (GTK_WIDGET (self->person_dropdown), _("Schedule of"));

  self->store_signals = g_signal_group_new (ECCP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "settled",
                                 G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
}

GtkWidget *
eccp_meetings_view_new (void)
{
  return g_object_new (ECCP_TYPE_MEETINGS_VIEW, NULL);
}

const char *
eccp_meetings_view_get_event_id (EccpMeetingsView *self)
{
  g_return_val_if_fail (ECCP_IS_MEETINGS_VIEW (self), NULL);

  return self->event_id;
}

void
eccp_meetings_view_set_event_id (EccpMeetingsView *self,
                                 const char       *event_id)
{
  g_return_if_fail (ECCP_IS_MEETINGS_VIEW (self));

  if (g_strcmp0 (self->event_id, event_id) == 0)
    return;

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  g_clear_pointer (&self->print_table, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.print-table", FALSE);

  show_error (self, NULL);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}
