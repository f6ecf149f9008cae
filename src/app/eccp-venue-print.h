/* eccp-venue-print.h: printing an event's attendee list, one table's
 * meetings or the whole meetings grid (GtkPrintOperation; "Print to File"
 * saves it as PDF)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "eccp-store.h"

G_BEGIN_DECLS

typedef enum
{
  ECCP_VENUE_PRINT_ATTENDEES, /* name, organisation, country, checked in */
  ECCP_VENUE_PRINT_TABLE,     /* one table's meetings in time order */
  ECCP_VENUE_PRINT_GRID,      /* tables across, time slots down */
} EccpVenuePrintKind;

/* A document read from the store and laid out in pages, without GTK: a
 * test can draw it on any cairo surface. */
typedef struct _EccpVenuePrint EccpVenuePrint;

/* Reads what @kind prints of @event_id (@table: the table of
 * ECCP_VENUE_PRINT_TABLE); %NULL with @error when the store fails. */
EccpVenuePrint    *eccp_venue_print_new            (EccpStore          *store,
                                                    const char         *event_id,
                                                    EccpVenuePrintKind  kind,
                                                    const char         *table,
                                                    GError            **error);
void               eccp_venue_print_free           (EccpVenuePrint     *self);
/* Lays the document out on pages of @width × @height points (the
 * printable area; @cr's user unit is the point) and returns how many. */
guint              eccp_venue_print_paginate       (EccpVenuePrint     *self,
                                                    cairo_t            *cr,
                                                    double              width,
                                                    double              height);
/* Draws page @page (from 0) of the last eccp_venue_print_paginate(). */
void               eccp_venue_print_draw_page      (EccpVenuePrint     *self,
                                                    cairo_t            *cr,
                                                    guint               page);

/* A print operation of that document: paginated in "begin-print", the
 * grid in landscape by default.  The caller runs it (or sets
 * export-filename and runs it with GTK_PRINT_OPERATION_ACTION_EXPORT). */
GtkPrintOperation *eccp_venue_print_operation_new  (EccpStore          *store,
                                                    const char         *event_id,
                                                    EccpVenuePrintKind  kind,
                                                    const char         *table,
                                                    GError            **error);
/* Opens the print dialog for it over @parent; what fails is shown there. */
void               eccp_venue_print_run            (GtkWindow          *parent,
                                                    EccpStore          *store,
                                                    const char         *event_id,
                                                    EccpVenuePrintKind  kind,
                                                    const char         *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpVenuePrint, eccp_venue_print_free)

G_END_DECLS
