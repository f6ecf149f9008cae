/* eccp-venue-row.c: one attendee in venue mode's list
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Name, organisation and country; whether they are in, in words
 * ("Checked in 08:15 · Entrance A", "Not yet in") and by an icon; "Not
 * sent yet" while their latest check-in waits for a sync, "Refused by
 * the portal — see Changes" when it was not taken; and the one
 * button that changes it (Check In, or Undo), named for the person.
 * Built once per row in sight of the list view, filled per item.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-venue-row.h"

#include <glib/gi18n.h>

#include "eccp-country.h"
#include "eccp-date.h"
#include "eccp-widget-util.h"

struct _EccpVenueRow
{
  GtkWidget  parent_instance;

  GtkWidget *icon;
  GtkWidget *name;
  GtkWidget *details;
  GtkWidget *status;
  GtkWidget *sync_mark;
  GtkWidget *button;
};

G_DEFINE_FINAL_TYPE (EccpVenueRow, eccp_venue_row, GTK_TYPE_WIDGET)

char *
eccp_venue_row_describe_state (const char              *zone,
                               const EccpAttendeeState *state)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = NULL;
  g_autofree char *where = NULL;

  if (state->last_checkin_id == NULL)
    return g_strdup (_("Not yet in"));

  time = eccp_date_time_format_in_zone (state->last_at, zone, now);
  if (state->last_device != NULL && *state->last_device != '\0')
    /* Translators: "08:15 · Entrance A", when and where */
    where = g_strdup_printf (_("%s · %s"), time, state->last_device);
  else
    where = g_steal_pointer (&time);

  if (state->checked_in)
    /* Translators: "Checked in 08:15 · Entrance A" */
    return g_strdup_printf (_("Checked in %s"), where);

  /* Translators: "Not yet in (undone 08:20 · Entrance A)" */
  return g_strdup_printf (_("Not yet in (undone %s)"), where);
}

const char *
eccp_venue_row_attendee_name (const EccpAttendeeState *state)
{
  return state->name != NULL && *state->name != '\0' ? state->name : _("Unnamed attendee");
}

/* Said at the door as well as in Changes: a check-in the portal did not
 * take is not done, whatever the row says of the person */
const char *
eccp_venue_row_describe_sync (EccpSyncState state)
{
  switch (state)
    {
    case ECCP_SYNC_STATE_PENDING:
      return _("Not sent yet");
    case ECCP_SYNC_STATE_REJECTED:
      return _("Refused by the portal — see Changes");
    case ECCP_SYNC_STATE_INVALID:
      return _("Not accepted by the portal — see Changes");
    case ECCP_SYNC_STATE_CONFLICT:
      return _("Changed on the portal too — see Changes");
    case ECCP_SYNC_STATE_SYNCED:
    default:
      return NULL;
    }
}

GtkWidget *
eccp_venue_row_new_sync_mark (void)
{
  GtkWidget *mark = gtk_label_new (NULL);

  gtk_widget_add_css_class (mark, "caption");
  gtk_label_set_wrap (GTK_LABEL (mark), TRUE);
  /* "Not sent yet" on one line in the narrow recent list; longer words
   * ("Refused by the portal — see Changes") wrap */
  gtk_label_set_width_chars (GTK_LABEL (mark), 12);
  gtk_widget_set_visible (mark, FALSE);

  return mark;
}

void
eccp_venue_row_set_sync_mark (GtkWidget     *mark,
                              EccpSyncState  state)
{
  const char *words = eccp_venue_row_describe_sync (state);
  gboolean refused = words != NULL && state != ECCP_SYNC_STATE_PENDING;

  g_return_if_fail (GTK_IS_LABEL (mark));

  gtk_label_set_label (GTK_LABEL (mark), words != NULL ? words : "");
  gtk_widget_set_visible (mark, words != NULL);
  /* Waiting is a warning; refused needs someone to act */
  if (refused)
    {
      gtk_widget_remove_css_class (mark, "warning");
      gtk_widget_add_css_class (mark, "error");
    }
  else
    {
      gtk_widget_remove_css_class (mark, "error");
      gtk_widget_add_css_class (mark, "warning");
    }
  gtk_widget_set_tooltip_text (mark, words == NULL ? NULL
                               : refused ? _("The portal did not take this check-in: the Changes page says why")
                               : _("This check-in waits for the next sync"));
}

/* "ACME Ltd · Poland" */
static char *
describe_attendee (const EccpAttendeeState *state)
{
  const char *country = state->country != NULL ? eccp_country_name (state->country) : NULL;

  if (country == NULL)
    country = state->country;
  if (state->organisation != NULL && country != NULL)
    /* Translators: an attendee's organisation and country */
    return g_strdup_printf (_("%s · %s"), state->organisation, country);

  return g_strdup (state->organisation != NULL ? state->organisation
                   : country != NULL ? country : "");
}

static void
eccp_venue_row_dispose (GObject *object)
{
  eccp_widget_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (eccp_venue_row_parent_class)->dispose (object);
}

static void
eccp_venue_row_class_init (EccpVenueRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = eccp_venue_row_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
}

static void
eccp_venue_row_init (EccpVenueRow *self)
{
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *states = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  /* The state is said in words beside it */
  self->icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  self->name = gtk_label_new (NULL);
  self->details = gtk_label_new (NULL);
  self->status = gtk_label_new (NULL);
  self->sync_mark = eccp_venue_row_new_sync_mark ();
  self->button = gtk_button_new ();

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "venue-row");
  gtk_image_set_pixel_size (GTK_IMAGE (self->icon), 24);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (self->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->name, "venue-name");
  gtk_label_set_xalign (GTK_LABEL (self->details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->details, "dim-label");
  gtk_widget_set_valign (states, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (self->status), 1);
  gtk_label_set_xalign (GTK_LABEL (self->sync_mark), 1);
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->button, 110, -1);
  gtk_widget_add_css_class (self->button, "pill");

  gtk_box_append (GTK_BOX (names), self->name);
  gtk_box_append (GTK_BOX (names), self->details);
  gtk_box_append (GTK_BOX (states), self->status);
  gtk_box_append (GTK_BOX (states), self->sync_mark);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));
  gtk_widget_set_parent (names, GTK_WIDGET (self));
  gtk_widget_set_parent (states, GTK_WIDGET (self));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
eccp_venue_row_new (void)
{
  return g_object_new (ECCP_TYPE_VENUE_ROW, NULL);
}

void
eccp_venue_row_set_state (EccpVenueRow            *self,
                          const EccpAttendeeState *state,
                          const char              *zone)
{
  g_autofree char *details = describe_attendee (state);
  g_autofree char *described = eccp_venue_row_describe_state (zone, state);
  g_autofree char *accessible = NULL;
  const char *name;

  g_return_if_fail (ECCP_IS_VENUE_ROW (self));
  g_return_if_fail (state != NULL);

  name = eccp_venue_row_attendee_name (state);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                state->checked_in ? "emblem-ok-symbolic" : "radio-symbolic");
  gtk_label_set_label (GTK_LABEL (self->name), name);
  gtk_label_set_label (GTK_LABEL (self->details), details);
  gtk_label_set_label (GTK_LABEL (self->status), described);
  if (state->checked_in)
    gtk_widget_add_css_class (self->status, "success");
  else
    gtk_widget_remove_css_class (self->status, "success");
  eccp_venue_row_set_sync_mark (self->sync_mark, state->last_checkin_id != NULL
                                                 ? state->last_state : ECCP_SYNC_STATE_SYNCED);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->button), "s", state->id);
  if (state->checked_in)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), "venue.undo");
      gtk_button_set_label (GTK_BUTTON (self->button), _("Undo"));
      gtk_widget_remove_css_class (self->button, "suggested-action");
      /* Translators: the accessible name of a row's Undo button */
      accessible = g_strdup_printf (_("Undo check-in of %s"), name);
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), "venue.check-in");
      gtk_button_set_label (GTK_BUTTON (self->button), _("Check In"));
      gtk_widget_add_css_class (self->button, "suggested-action");
      /* Translators: the accessible name of a row's Check In button */
      accessible = g_strdup_printf (_("Check in %s"), name);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}
