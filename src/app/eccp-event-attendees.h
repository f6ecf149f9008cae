/* eccp-event-attendees.h: an event's attendees on its page
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_EVENT_ATTENDEES (eccp_event_attendees_get_type ())

G_DECLARE_FINAL_TYPE (EccpEventAttendees, eccp_event_attendees, ECCP, EVENT_ATTENDEES, GtkWidget)

GtkWidget  *eccp_event_attendees_new          (void);
const char *eccp_event_attendees_get_event_id (EccpEventAttendees *self);
/* Searches anew (cleared) for another event; the same one keeps the
 * search and the scroll position. */
void        eccp_event_attendees_set_event_id (EccpEventAttendees *self,
                                               const char         *event_id);

G_END_DECLS
