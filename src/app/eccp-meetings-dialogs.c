/* eccp-meetings-dialogs.c: moving a meeting to another slot and table,
 * requesting one in a free cell of the meetings grid, and a meeting's
 * popover
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-meetings-view"

#include "config.h"

#include "eccp-meetings-view-private.h"

#include <glib/gi18n.h>

#include "eccp-field-spec.h"
#include "eccp-store-meetings.h"
#include "eccp-widget-util.h"

typedef struct
{
  EccpMeetingsView *view;
  char             *id;        /* the meeting moved, or NULL */
  GArray           *slots;     /* gint64 */
  GPtrArray        *tables;    /* char * */
  GPtrArray        *attendees; /* EccpRecord */
  gint64            starts;    /* a request's */
  char             *table;
  GtkDropDown      *first;     /* slot, or requester */
  GtkDropDown      *second;    /* table, or invitee */
} Dialog;

static void
dialog_free (gpointer  data,
             GClosure *closure)
{
  Dialog *dialog = data;

  g_object_unref (dialog->view);
  g_free (dialog->id);
  g_clear_pointer (&dialog->slots, g_array_unref);
  g_clear_pointer (&dialog->tables, g_ptr_array_unref);
  g_clear_pointer (&dialog->attendees, g_ptr_array_unref);
  g_free (dialog->table);
  g_free (dialog);
}

/* The cells, the dialogs and the printed grid say a status alike. */
const char *
_eccp_meetings_view_status_label (EccpRecord *meeting)
{
  const EccpFieldSpec *field = eccp_type_spec_get_field (eccp_type_spec_lookup ("meeting"), "status");
  const char *status = eccp_record_get_string (meeting, "status");

  return status != NULL ? eccp_field_spec_choice_label (field, status) : "";
}

char *
_eccp_meetings_person_name (EccpStore  *store,
                            EccpRecord *meeting,
                            const char *relation)
{
  const char *id = eccp_record_get_related_id (meeting, relation);

  return id != NULL ? eccp_store_get_title (store, "attendee", id) : g_strdup (_("Nobody"));
}

void
_eccp_meetings_name_dropdown (GtkWidget  *dropdown,
                              const char *label)
{
  eccp_widget_set_accessible_label (dropdown, label);
  /* What takes the focus is the button inside: it needs the name too. */
  if (gtk_widget_get_first_child (dropdown) != NULL)
    eccp_widget_set_accessible_label (gtk_widget_get_first_child (dropdown), label);
}

/* A labelled dropdown of @names, named @name (for the tests). */
static GtkDropDown *
add_choice (GtkBox     *box,
            const char *label,
            const char *name,
            GStrv       names)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *choice = gtk_drop_down_new_from_strings ((const char * const *) names);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), choice);
  gtk_widget_set_name (choice, name);
  /* 130 people: typed, not scrolled to */
  gtk_drop_down_set_expression (GTK_DROP_DOWN (choice), expression);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (choice), TRUE);
  _eccp_meetings_name_dropdown (choice, gtk_label_get_text (GTK_LABEL (title)));
  gtk_box_append (GTK_BOX (row), title);
  gtk_box_append (GTK_BOX (row), choice);
  gtk_box_append (box, row);

  return GTK_DROP_DOWN (choice);
}

static AdwMessageDialog *
dialog_new (EccpMeetingsView *view,
            const char       *heading,
            const char       *body,
            const char       *response,
            const char       *response_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
move_response_cb (AdwMessageDialog *message_dialog,
                  const char       *response,
                  Dialog           *dialog)
{
  guint s = gtk_drop_down_get_selected (dialog->first);
  guint t = gtk_drop_down_get_selected (dialog->second);

  if (g_strcmp0 (response, "move") != 0 || s >= dialog->slots->len || t >= dialog->tables->len)
    return;

  _eccp_meetings_view_move (dialog->view, dialog->id, g_array_index (dialog->slots, gint64, s),
                            g_ptr_array_index (dialog->tables, t));
}

void
_eccp_meetings_dialog_move (EccpMeetingsView *view,
                            EccpMeetingsGrid *grid,
                            const char       *id)
{
  Dialog *dialog = g_new0 (Dialog, 1);
  g_autoptr(GStrvBuilder) slots = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tables = g_strv_builder_new ();
  g_auto(GStrv) slot_names = NULL;
  g_auto(GStrv) table_names = NULL;
  AdwMessageDialog *message_dialog;
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  guint free_s = 0;
  guint free_t = 0;
  gboolean found = FALSE;

  dialog->view = g_object_ref (view);
  dialog->id = g_strdup (id);
  dialog->slots = g_array_ref (grid->slots);
  dialog->tables = g_ptr_array_ref (grid->tables);

  for (guint s = 0; s < grid->slots->len; s++)
    {
      g_autofree char *clock = _eccp_meetings_grid_clock (grid, g_array_index (grid->slots, gint64, s));

      g_strv_builder_add (slots, clock);
      for (guint t = 0; t < grid->tables->len && !found; t++)
        if (_eccp_meetings_grid_is_free (grid, s, t))
          {
            free_s = s;
            free_t = t;
            found = TRUE;
          }
    }
  for (guint t = 0; t < grid->tables->len; t++)
    {
      g_autofree char *name = eccp_meeting_table_name (g_ptr_array_index (grid->tables, t), TRUE);

      g_strv_builder_add (tables, name);
    }
  slot_names = g_strv_builder_end (slots);
  table_names = g_strv_builder_end (tables);

  message_dialog = dialog_new (view, _("Move Meeting"),
                               _("To a free slot and table; the first free one is chosen."),
                               "move", _("_Move"));
  dialog->first = add_choice (box, _("_Slot"), "slot", slot_names);
  dialog->second = add_choice (box, _("_Table"), "table", table_names);
  gtk_drop_down_set_selected (dialog->first, free_s);
  gtk_drop_down_set_selected (dialog->second, free_t);
  adw_message_dialog_set_extra_child (message_dialog, GTK_WIDGET (box));
  g_signal_connect_data (message_dialog, "response", G_CALLBACK (move_response_cb), dialog,
                         dialog_free, 0);
  eccp_widget_name_mnemonic_buttons (GTK_WIDGET (message_dialog));
  gtk_window_present (GTK_WINDOW (message_dialog));
}

static void
request_response_cb (AdwMessageDialog *message_dialog,
                     const char       *response,
                     Dialog           *dialog)
{
  guint a = gtk_drop_down_get_selected (dialog->first);
  guint b = gtk_drop_down_get_selected (dialog->second);

  if (g_strcmp0 (response, "request") != 0 || a >= dialog->attendees->len || b >= dialog->attendees->len)
    return;

  _eccp_meetings_view_request (dialog->view, dialog->starts, dialog->table,
                               eccp_record_get_id (g_ptr_array_index (dialog->attendees, a)),
                               eccp_record_get_id (g_ptr_array_index (dialog->attendees, b)));
}

void
_eccp_meetings_dialog_request (EccpMeetingsView *view,
                               GPtrArray        *attendees,
                               gint64            starts,
                               const char       *table)
{
  Dialog *dialog = g_new0 (Dialog, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (starts);
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *message_dialog;
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));

  if (attendees == NULL || attendees->len < 2)
    return;

  dialog->view = g_object_ref (view);
  dialog->attendees = g_ptr_array_ref (attendees);
  dialog->starts = starts;
  dialog->table = g_strdup (table);
  for (guint i = 0; i < attendees->len; i++)
    g_strv_builder_add (builder, eccp_record_get_title (g_ptr_array_index (attendees, i)));
  names = g_strv_builder_end (builder);

  name = eccp_meeting_table_name (table, TRUE);
  /* Translators: where a requested meeting would be: "At Table 12" */
  body = g_strdup_printf (_("At %s, in the free slot chosen."), name);
  message_dialog = dialog_new (view, _("Request a Meeting"), body, "request", _("_Request"));
  dialog->first = add_choice (box, _("_Requester"), "requester", names);
  dialog->second = add_choice (box, _("_Invitee"), "invitee", names);
  gtk_drop_down_set_selected (dialog->second, 1);
  adw_message_dialog_set_extra_child (message_dialog, GTK_WIDGET (box));
  g_signal_connect_data (message_dialog, "response", G_CALLBACK (request_response_cb), dialog,
                         dialog_free, 0);
  eccp_widget_name_mnemonic_buttons (GTK_WIDGET (message_dialog));
  gtk_window_present (GTK_WINDOW (message_dialog));
}

/* The popover of a meeting: what it is, then what may be done. */
static void
add_action_button (GtkBox     *box,
                   const char *label,
                   const char *action,
                   GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (box, button);
}

GtkWidget *
_eccp_meetings_popover_content (EccpStore  *store,
                                EccpRecord *meeting,
                                const char *requester,
                                const char *invitee,
                                gboolean    may_edit)
{
  const char *id = eccp_record_get_id (meeting);
  const char *status = eccp_record_get_string (meeting, "status");
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  g_autofree char *heading = g_strdup_printf (_("%s and %s"), requester, invitee);
  GtkWidget *label = gtk_label_new (heading);
  g_autoptr(GError) clash = NULL;
  struct { const char *status; const char *label; } moves[] = {
    { "accepted", N_("_Accept") }, { "declined", N_("_Decline") }, { "cancelled", N_("_Cancel Meeting") },
  };

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (box, label);
  /* Both bookings of a slot taken: this one, and the one it clashes with. */
  if (!eccp_store_check_meeting_slot (store, meeting, &clash) && clash != NULL)
    {
      GtkWidget *why = gtk_label_new (clash->message);

      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (why), 40);
      gtk_widget_add_css_class (why, "warning");
      gtk_box_append (box, why);
    }

  if (may_edit)
    {
      for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
        if (g_strcmp0 (status, moves[i].status) != 0)
          add_action_button (box, _(moves[i].label), "meeting.set-status",
                             g_variant_new ("(ss)", id, moves[i].status));
      add_action_button (box, _("_Move…"), "meeting.move", g_variant_new_string (id));
    }
  eccp_widget_name_mnemonic_buttons (GTK_WIDGET (box));

  return GTK_WIDGET (box);
}
