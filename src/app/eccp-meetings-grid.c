/* eccp-meetings-grid.c: an event's meetings laid out as the grid shows
 * them, slots down and tables across, and what a cell or a schedule's
 * row says of a meeting
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-meetings-view"

#include "config.h"

#include "eccp-meetings-view-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eccp-date.h"
#include "eccp-json.h"
#include "eccp-store-meetings.h"
#include "eccp-widget-util.h"

#define DEFAULT_LENGTH (30 * 60)

static gint64
unix_of (EccpRecord *meeting,
         const char *field)
{
  g_autoptr(GDateTime) time = NULL;
  const char *text = eccp_record_get_string (meeting, field);

  if (text == NULL || (time = eccp_date_time_parse_rfc3339 (text)) == NULL)
    return G_MININT64;

  return g_date_time_to_unix (time);
}

gint64
_eccp_meetings_grid_duration (EccpRecord *meeting)
{
  gint64 starts = unix_of (meeting, "starts_at");
  gint64 ends = unix_of (meeting, "ends_at");

  return starts != G_MININT64 && ends != G_MININT64 && ends > starts ? ends - starts : DEFAULT_LENGTH;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static int
compare_tables (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *keys = user_data;

  return g_strcmp0 (g_hash_table_lookup (keys, *(char **) a),
                    g_hash_table_lookup (keys, *(char **) b));
}

/* Most cells are empty: NULL. */
static void
cell_free (gpointer cell)
{
  if (cell != NULL)
    g_ptr_array_unref (cell);
}

static guint
index_of_slot (GArray *slots,
               gint64  when)
{
  guint lo = 0;
  guint hi = slots->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (slots, gint64, mid) < when)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

EccpMeetingsGrid *
_eccp_meetings_grid_new (EccpStore   *store,
                         const char  *event_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) meetings = eccp_store_list_meetings (store, event_id, NULL, error);
  g_autoptr(GHashTable) table_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) table_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  EccpMeetingsGrid *self;
  GHashTableIter iter;
  gpointer key;
  g_autofree char *first_day = NULL;

  if (meetings == NULL)
    return NULL;

  self = g_new0 (EccpMeetingsGrid, 1);
  self->zone = eccp_store_get_event_zone (store, event_id);
  if (self->zone == NULL)
    self->zone = g_time_zone_new_utc ();
  self->slots = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->lengths = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tables = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < meetings->len; i++)
    {
      EccpRecord *meeting = g_ptr_array_index (meetings, i);
      const char *table = eccp_record_get_string (meeting, "table");
      gint64 starts = unix_of (meeting, "starts_at");

      if (starts != G_MININT64 && !g_hash_table_contains (seen_slots, &starts))
        g_hash_table_add (seen_slots, g_memdup2 (&starts, sizeof starts));
      if (table != NULL && !g_hash_table_contains (table_keys, table))
        g_hash_table_insert (table_keys, g_strdup (table),
                             g_utf8_collate_key_for_filename (table, -1));
    }

  g_hash_table_iter_init (&iter, seen_slots);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (self->slots, *(gint64 *) key);
  g_array_sort (self->slots, compare_gint64);
  g_array_set_size (self->lengths, self->slots->len);
  for (guint s = 0; s < self->lengths->len; s++)
    g_array_index (self->lengths, gint64, s) = DEFAULT_LENGTH;

  g_hash_table_iter_init (&iter, table_keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (self->tables, g_strdup (key));
  g_ptr_array_sort_with_data (self->tables, compare_tables, table_keys);
  for (guint t = 0; t < self->tables->len; t++)
    g_hash_table_insert (table_index, g_ptr_array_index (self->tables, t), GUINT_TO_POINTER (t));

  self->cells = g_ptr_array_new_with_free_func (cell_free);
  g_ptr_array_set_size (self->cells, self->slots->len * self->tables->len);
  for (guint i = 0; i < meetings->len; i++)
    {
      EccpRecord *meeting = g_ptr_array_index (meetings, i);
      const char *table = eccp_record_get_string (meeting, "table");
      gint64 starts = unix_of (meeting, "starts_at");
      gpointer t;
      guint s;
      GPtrArray **cell;

      if (starts == G_MININT64 || table == NULL ||
          !g_hash_table_lookup_extended (table_index, table, NULL, &t))
        continue;
      s = index_of_slot (self->slots, starts);
      g_array_index (self->lengths, gint64, s) = _eccp_meetings_grid_duration (meeting);
      cell = (GPtrArray **) &g_ptr_array_index (self->cells, s * self->tables->len + GPOINTER_TO_UINT (t));
      if (*cell == NULL)
        *cell = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (*cell, g_object_ref (meeting));
    }

  /* Clock times alone are ambiguous over several days. */
  for (guint s = 0; s < self->slots->len && !self->many_days; s++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (g_array_index (self->slots, gint64, s));
      g_autoptr(GDateTime) there = g_date_time_to_timezone (utc, self->zone);
      g_autofree char *day = g_date_time_format (there, "%F");

      if (first_day == NULL)
        first_day = g_steal_pointer (&day);
      else if (g_strcmp0 (first_day, day) != 0)
        self->many_days = TRUE;
    }

  return self;
}

void
_eccp_meetings_grid_free (EccpMeetingsGrid *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_array_unref (self->slots);
  g_array_unref (self->lengths);
  g_ptr_array_unref (self->tables);
  g_ptr_array_unref (self->cells);
  g_free (self);
}

GPtrArray *
_eccp_meetings_grid_at (EccpMeetingsGrid *self,
                        guint             s,
                        guint             t)
{
  if (s >= self->slots->len || t >= self->tables->len)
    return NULL;

  return g_ptr_array_index (self->cells, s * self->tables->len + t);
}

gboolean
_eccp_meetings_grid_is_free (EccpMeetingsGrid *self,
                             guint             s,
                             guint             t)
{
  GPtrArray *here = _eccp_meetings_grid_at (self, s, t);

  for (guint i = 0; here != NULL && i < here->len; i++)
    {
      const char *status = eccp_record_get_string (g_ptr_array_index (here, i), "status");

      if (g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "requested") == 0)
        return FALSE;
    }

  return TRUE;
}

char *
_eccp_meetings_grid_clock (EccpMeetingsGrid *self,
                           gint64            when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autofree char *clock = eccp_date_time_format_clock (utc, self->zone);
  g_autoptr(GDateTime) there = NULL;
  g_autofree char *day = NULL;

  if (!self->many_days)
    return g_steal_pointer (&clock);

  there = g_date_time_to_timezone (utc, self->zone);
  day = eccp_date_time_format_weekday (there);

  return g_strdup_printf ("%s %s", day, clock);
}

char *
_eccp_meetings_grid_describe_zone (EccpMeetingsGrid *self)
{
  g_autoptr(GDateTime) at = self->slots->len > 0
                            ? g_date_time_new_from_unix_utc (g_array_index (self->slots, gint64, 0))
                            : g_date_time_new_now_utc ();

  return eccp_date_zone_describe_times (self->zone, NULL, at);
}

void
_eccp_meetings_grid_describe_slot (EccpMeetingsGrid *self,
                                   gint64            when,
                                   GtkWidget        *label)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autofree char *both = eccp_date_time_format_with_zone (utc, self->zone, NULL, ECCP_DATE_ZONE_CLOCK_ONLY);

  gtk_widget_set_tooltip_text (label, both);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, both, -1);
}

char *
_eccp_meetings_grid_span (EccpMeetingsGrid *self,
                          EccpRecord       *meeting)
{
  gint64 starts = unix_of (meeting, "starts_at");
  g_autofree char *from = _eccp_meetings_grid_clock (self, starts);
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (starts + _eccp_meetings_grid_duration (meeting));
  g_autofree char *to = eccp_date_time_format_clock (end, self->zone);

  /* Translators: a meeting's time, "10:00–10:30" */
  return g_strdup_printf (_("%s–%s"), from, to);
}

gint64
_eccp_meetings_grid_slot_length (EccpMeetingsGrid *self,
                                 gint64            starts)
{
  guint s = index_of_slot (self->slots, starts);

  if (s < self->slots->len && g_array_index (self->slots, gint64, s) == starts)
    return g_array_index (self->lengths, gint64, s);

  return DEFAULT_LENGTH;
}

GPtrArray *
_eccp_meetings_grid_list_attendees (EccpStore  *store,
                                    const char *event_id)
{
  g_autoptr(EccpQuery) query = NULL;
  GPtrArray *attendees;

  /* No event shown (the view hidden, or the store closing): nothing to
   * read, before the first frame or at quitting */
  if (store == NULL || event_id == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  query = eccp_query_new ("attendee");
  eccp_query_add_filter (query, "event", event_id);
  attendees = eccp_store_query (store, query, NULL);

  return attendees != NULL ? attendees : g_ptr_array_new_with_free_func (g_object_unref);
}

/* What a cell says */

/* Each cell names two people: from the event's attendees, read once per
 * reload, rather than a store look-up for each (a fifth of the grid's
 * building time in perf); anyone else from the store. */
char *
_eccp_meetings_grid_person_name (EccpStore  *store,
                                 GHashTable *names,
                                 EccpRecord *meeting,
                                 const char *relation)
{
  const char *id = eccp_record_get_related_id (meeting, relation);
  const char *name = id != NULL && names != NULL ? g_hash_table_lookup (names, id) : NULL;

  return name != NULL ? g_strdup (name) : _eccp_meetings_person_name (store, meeting, relation);
}

/* The portal refused it with 409 slot_taken: another desk booked the
 * slot first.  Kept as a change that needs the user. */
gboolean
_eccp_meetings_grid_slot_taken (EccpStore  *store,
                                EccpRecord *meeting)
{
  g_autoptr(EccpChange) change = NULL;

  if (eccp_record_get_sync_state (meeting) != ECCP_SYNC_STATE_INVALID)
    return FALSE;

  change = eccp_store_get_change (store, "meeting", eccp_record_get_id (meeting), NULL);
  if (change == NULL || change->errors == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (change->errors); i++)
    {
      JsonNode *node = json_array_get_element (change->errors, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (eccp_json_get_string (json_node_get_object (node), "code"), "slot_taken") == 0)
        return TRUE;
    }

  return FALSE;
}

GtkWidget *
_eccp_meetings_grid_meeting_content (EccpStore   *store,
                                     GHashTable  *names,
                                     EccpRecord  *meeting,
                                     char       **accessible)
{
  g_autofree char *requester = _eccp_meetings_grid_person_name (store, names, meeting, "requester");
  g_autofree char *invitee = _eccp_meetings_grid_person_name (store, names, meeting, "invitee");
  const char *status = _eccp_meetings_view_status_label (meeting);
  gboolean taken = _eccp_meetings_grid_slot_taken (store, meeting);
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s", requester, invitee, status);
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoAttribute *attribute;
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *box;

  /* One label of three lines, not three labels: the grid builds one per
   * meeting.  The status stands out; a cancelled one is struck through. */
  attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attribute->start_index = strlen (text) - strlen (status);
  pango_attr_list_insert (attributes, attribute);
  if (g_strcmp0 (eccp_record_get_string (meeting, "status"), "cancelled") == 0)
    {
      attribute = pango_attr_strikethrough_new (TRUE);
      attribute->start_index = strlen (text) - strlen (status);
      pango_attr_list_insert (attributes, attribute);
    }
  gtk_label_set_attributes (GTK_LABEL (label), attributes);
  pango_attr_list_unref (attributes);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  /* Each line ellipsized, never wider than CELL_WIDTH: the header's
   * columns follow. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 10);
  box = label;
  if (taken)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (box), label);

      gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_box_append (GTK_BOX (row), gtk_label_new (_("Slot taken on the portal")));
      gtk_widget_add_css_class (row, "warning");
      gtk_box_append (GTK_BOX (box), row);
    }

  if (taken)
    /* Translators: a meeting the portal refused (409 slot_taken) */
    *accessible = g_strdup_printf (_("%s and %s, %s, slot taken on the portal"), requester, invitee, status);
  else
    /* Translators: "Anna Nowak and Marek Wiśniewski, Accepted" */
    *accessible = g_strdup_printf (_("%s and %s, %s"), requester, invitee, status);

  return box;
}

GtkWidget *
_eccp_meetings_grid_schedule_row (EccpMeetingsGrid *self,
                                  EccpStore        *store,
                                  GHashTable       *names,
                                  EccpRecord       *meeting,
                                  const char       *attendee_id)
{
  g_autofree char *requester = _eccp_meetings_grid_person_name (store, names, meeting, "requester");
  g_autofree char *invitee = _eccp_meetings_grid_person_name (store, names, meeting, "invitee");
  g_autofree char *when = _eccp_meetings_grid_span (self, meeting);
  const char *other = g_strcmp0 (eccp_record_get_related_id (meeting, "requester"),
                                 attendee_id) == 0 ? invitee : requester;
  g_autofree char *title = g_strdup_printf (_("%s with %s"), when, other);
  g_autofree char *table = eccp_meeting_table_name (eccp_record_get_string (meeting, "table"), TRUE);
  /* Translators: where and how a meeting is: "Table 12 · Accepted" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), table,
                                               _eccp_meetings_view_status_label (meeting));
  GtkWidget *row = adw_action_row_new ();

  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), title);
  eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), subtitle);

  return row;
}

void
_eccp_meetings_grid_set_place (JsonObject *attributes,
                               gint64      from,
                               gint64      length,
                               const char *table)
{
  g_autoptr(GDateTime) starts = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) ends = g_date_time_add_seconds (starts, (double) length);

  g_autofree char *from_text = eccp_date_time_format_rfc3339 (starts);
  g_autofree char *to_text = eccp_date_time_format_rfc3339 (ends);

  json_object_set_string_member (attributes, "starts_at", from_text);
  json_object_set_string_member (attributes, "ends_at", to_text);
  json_object_set_string_member (attributes, "table", table);
}
