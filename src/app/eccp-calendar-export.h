/* eccp-calendar-export.h: Add to Calendar: calls' cut-offs and events as
 * an .ics file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "eccp-query.h"
#include "eccp-store.h"

G_BEGIN_DECLS

/* Asks where (a file chooser, "<title>.ics"), then saves one call's
 * cut-offs or one event: the action win.add-to-calendar((ss)). */
void     eccp_calendar_export_choose_record     (GtkWidget         *widget,
                                                 EccpStore         *store,
                                                 const char        *type,
                                                 const char        *id);
/* The same for every call or event @query selects (a browse page's list,
 * its filters and search; not only its first page): "Calls.ics". */
void     eccp_calendar_export_choose_query      (GtkWidget         *widget,
                                                 EccpStore         *store,
                                                 const EccpQuery   *query);

/* Writes the calendar (eccp-ical.h, what `eccp export … --format ics`
 * writes) of @query's records, or of @type/@id alone when @query is
 * %NULL, to @file, replacing it at once or not at all, then says so in a
 * toast on @widget's window that offers to open it in the calendar.
 * Without the dialog, for the tests. */
void     eccp_calendar_export_save_async        (GtkWidget         *widget,
                                                 EccpStore         *store,
                                                 const EccpQuery   *query,
                                                 const char        *type,
                                                 const char        *id,
                                                 GFile             *file,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
/* @n_entries: how many calendar entries (VEVENTs) were written */
gboolean eccp_calendar_export_save_finish       (GAsyncResult      *result,
                                                 guint             *n_entries,
                                                 GError           **error);

G_END_DECLS
