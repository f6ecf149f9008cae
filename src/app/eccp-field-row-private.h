/* eccp-field-row-private.h: what the field rows share with each other
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* eccp-field-row.c */

void       _eccp_field_row_emit_changed    (gpointer     row);

/* An entry row titled and named @label, the text inside it too. */
void       _eccp_field_row_label_entry_row (GtkWidget   *entry_row,
                                            const char  *label);
/* A flat button with a "+" and @label, named @a11y_label. */
GtkWidget *_eccp_field_row_make_add_button (const char  *label,
                                            const char  *a11y_label);
/* A flat "−" button named @a11y_label, for one row of a list. */
GtkWidget *_eccp_field_row_make_remove_button
                                           (const char  *a11y_label);
/* "Name: a value is required" → "A value is required". */
char      *_eccp_field_row_strip_label     (const char  *label,
                                            const char  *message);
gboolean   _eccp_field_row_holds_string    (JsonNode    *node);
JsonNode  *_eccp_field_row_string_node     (const char  *text);

/* eccp-field-row-parse.c */


/* A comma-separated list of countries, by name (in the user's language,
 * accents optional) or ISO code, as a JSON array of codes; %NULL with
 * @message (transfer full) when an item is not a country. */
JsonNode  *_eccp_field_row_parse_countries (const char  *text,
                                            char       **message);

G_END_DECLS
