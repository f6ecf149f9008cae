/* eccp-csv.h: RFC 4180 CSV, and the attendee list written as one
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-store.h"

G_BEGIN_DECLS

/* Appends @text to @line as one RFC 4180 cell: as it is, or in double
 * quotes with its quotes doubled when it holds a comma, a quote, CR or LF.
 * No separator: the caller puts the commas and the CRLF. */
void      eccp_csv_append_cell           (GString        *line,
                                          const char     *text);

/* Writes the attendees of @event_id (%NULL: of every event, event by
 * event in title order) to @out as RFC 4180 CSV in UTF-8, lines ending in
 * CRLF.  Columns, named in English whatever the language, as the keys of
 * `eccp attendees --json`:
 *
 *   event         the event's title (never its id)
 *   name, organisation
 *   country       the country's English short name ("Poland"), not the code
 *   checked_in    "yes" or "no": plain words every spreadsheet filters on,
 *                 where true/false turn into a locale's TRUE/WAHR or stay text
 *   last_checkin  when they were checked in, ISO 8601 with the offset of the
 *                 event's time zone; empty when they are not in
 *   device        the device that checked them in; empty when not in
 *   id            the attendee's id
 *
 * @bom starts the file with a UTF-8 byte order mark: the app's files have
 * it, so that LibreOffice and Excel read UTF-8 (accents right) on any
 * system; `eccp` on stdout writes none, since a BOM in a pipe is a stray
 * character at the start of the first cell.
 *
 * A cell that starts with = + - @, a tab or CR gets a leading ' so that a
 * spreadsheet shows it as text rather than running it as a formula.
 *
 * @n_rows, if not %NULL, is set to the number of attendees written (the
 * header not counted), also when writing fails half-way.
 *
 * Not atomic by itself: write to g_file_replace()'s stream for that. */
gboolean  eccp_store_write_attendees_csv (EccpStore      *store,
                                          const char     *event_id,
                                          gboolean        bom,
                                          GOutputStream  *out,
                                          guint          *n_rows,
                                          GCancellable   *cancellable,
                                          GError        **error);

G_END_DECLS
