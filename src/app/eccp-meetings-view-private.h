/* eccp-meetings-view-private.h: the meetings grid's layout, its dialogs
 * and the view's writes, shared by its files and the tests
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-meetings-view.h"

G_BEGIN_DECLS

/* An event's meetings laid out: slots (distinct start times, unix
 * seconds, sorted) down, tables (in the order people count them) across. */
typedef struct
{
  GTimeZone *zone;
  gboolean   many_days;
  GArray    *slots;     /* gint64 */
  GArray    *lengths;   /* gint64 seconds, parallel to slots */
  GPtrArray *tables;    /* char * */
  GPtrArray *cells;     /* GPtrArray of EccpRecord (or NULL), slot × table */
} EccpMeetingsGrid;

EccpMeetingsGrid *_eccp_meetings_grid_new         (EccpStore        *store,
                                                   const char       *event_id,
                                                   GError          **error);
void              _eccp_meetings_grid_free        (EccpMeetingsGrid *self);
/* The meetings at slot @s and table @t, or %NULL. */
GPtrArray        *_eccp_meetings_grid_at          (EccpMeetingsGrid *self,
                                                   guint             s,
                                                   guint             t);
/* No accepted or requested meeting holds table @t at slot @s. */
gboolean          _eccp_meetings_grid_is_free     (EccpMeetingsGrid *self,
                                                   guint             s,
                                                   guint             t);
/* "10:00" in the event's zone ("Thu 10:00" over several days). */
char             *_eccp_meetings_grid_clock       (EccpMeetingsGrid *self,
                                                   gint64            when);
/* Which zone the grid's times are in, and how far the user's clock is
 * from it at the first meeting: "Times in Kyiv time, 2 hours ahead of
 * your time" */
char             *_eccp_meetings_grid_describe_zone (EccpMeetingsGrid *self);
/* The slot's time in the user's zone too, where it differs, on @label (a
 * tooltip, and for a screen reader): "10:00 Kyiv time (08:00 your time)" */
void              _eccp_meetings_grid_describe_slot (EccpMeetingsGrid *self,
                                                     gint64            when,
                                                     GtkWidget        *label);
/* "10:00–10:30" */
char             *_eccp_meetings_grid_span        (EccpMeetingsGrid *self,
                                                   EccpRecord       *meeting);
/* The length of the meetings at @starts (30 minutes when unknown). */
gint64            _eccp_meetings_grid_slot_length (EccpMeetingsGrid *self,
                                                   gint64            starts);
/* A meeting's length in seconds (30 minutes when unknown). */
gint64            _eccp_meetings_grid_duration    (EccpRecord       *meeting);
/* A meeting's name for @relation ("requester"), from @names (attendee
 * id → name; may be %NULL) else the store.  Returns: (transfer full) */
char             *_eccp_meetings_grid_person_name (EccpStore       *store,
                                                   GHashTable      *names,
                                                   EccpRecord      *meeting,
                                                   const char      *relation);
/* The portal refused @meeting with 409 slot_taken. */
gboolean          _eccp_meetings_grid_slot_taken  (EccpStore       *store,
                                                   EccpRecord      *meeting);
/* A meeting's cell: both people and its status, and @accessible, the
 * same in words.  Returns: (transfer floating) */
GtkWidget        *_eccp_meetings_grid_meeting_content (EccpStore    *store,
                                                       GHashTable   *names,
                                                       EccpRecord   *meeting,
                                                       char        **accessible);
/* A row of one person's schedule: "10:00–10:30 with Anna Nowak",
 * "Table 12 · Accepted".  Returns: (transfer floating) */
GtkWidget        *_eccp_meetings_grid_schedule_row (EccpMeetingsGrid *self,
                                                    EccpStore        *store,
                                                    GHashTable       *names,
                                                    EccpRecord       *meeting,
                                                    const char       *attendee_id);
/* The meeting's place: from @from for @length seconds at @table. */
void              _eccp_meetings_grid_set_place   (JsonObject      *attributes,
                                                   gint64           from,
                                                   gint64           length,
                                                   const char      *table);
/* A table as a heading names it: "Table 12" for "12", else as it is
 * called ("Room B"), as the store's messages do. */
/* The attendees of @event_id by name.  Returns: (transfer full) */
GPtrArray        *_eccp_meetings_grid_list_attendees (EccpStore      *store,
                                                      const char     *event_id);

/* "Accepted": a meeting's status as a person reads it */
const char       *_eccp_meetings_view_status_label (EccpRecord      *meeting);
/* The name of a meeting's @relation ("requester", "invitee"), "Nobody"
 * when it has none.  Returns: (transfer full) */
char             *_eccp_meetings_person_name      (EccpStore       *store,
                                                   EccpRecord      *meeting,
                                                   const char      *relation);
/* Writes: %FALSE, with the store's words shown, when refused. */
gboolean          _eccp_meetings_view_move        (EccpMeetingsView *self,
                                                   const char       *id,
                                                   gint64            starts,
                                                   const char       *table);
gboolean          _eccp_meetings_view_request     (EccpMeetingsView *self,
                                                   gint64            starts,
                                                   const char       *table,
                                                   const char       *requester,
                                                   const char       *invitee);

/* The dialogs: where to move a meeting; who meets at a free cell. */
void              _eccp_meetings_dialog_move      (EccpMeetingsView *view,
                                                   EccpMeetingsGrid *grid,
                                                   const char       *id);
void              _eccp_meetings_dialog_request   (EccpMeetingsView *view,
                                                   GPtrArray        *attendees,
                                                   gint64            starts,
                                                   const char       *table);

/* The popover of a meeting: who, a clash, and what may be done. */
GtkWidget        *_eccp_meetings_popover_content  (EccpStore        *store,
                                                   EccpRecord       *meeting,
                                                   const char       *requester,
                                                   const char       *invitee,
                                                   gboolean          may_edit);

/* Names a drop-down, and the button inside it that takes the focus,
 * exactly @label (GTK 4.8 adds its mnemonic label's words again). */
void              _eccp_meetings_name_dropdown    (GtkWidget        *dropdown,
                                                   const char       *label);

G_END_DECLS
