/* eccp-attendee-export.h: an event's attendees saved as CSV for a spreadsheet
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "eccp-store.h"

G_BEGIN_DECLS

/* Asks where (a file chooser, "<event title> – attendees.csv"), then
 * eccp_attendee_export_save_async(): the action win.export-attendees. */
void     eccp_attendee_export_choose       (GtkWidget            *widget,
                                            EccpStore            *store,
                                            const char           *event_id);

/* Writes the attendee list of @event_id (eccp-csv.h, with the UTF-8 BOM
 * spreadsheets need) to @file, replacing it at once or not at all, then
 * says how it went in a toast on @widget's window.  Without the dialog,
 * for the tests. */
void     eccp_attendee_export_save_async   (GtkWidget            *widget,
                                            EccpStore            *store,
                                            const char           *event_id,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* @n_attendees: how many rows were written */
gboolean eccp_attendee_export_save_finish  (GAsyncResult         *result,
                                            gint64               *n_attendees,
                                            GError              **error);

G_END_DECLS
