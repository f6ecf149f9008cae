/* eccp-when.h: a record's times as the app's views show them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "eccp-record.h"

G_BEGIN_DECLS

/* The badge of @record, a call, on @label at @now: its words ("Closes
 * today at 17:00"), its state as a style class of the pill (call-badge,
 * and closing, closed or forthcoming), and the application's clock asked
 * to wake up when it next changes.  Hidden when @record is not a call. */
void       eccp_when_show_call_badge   (GtkLabel    *label,
                                        EccpRecord  *record,
                                        GDateTime   *now);
/* The zone an event happens in (its `timezone`), or %NULL. */
/* The time @text (RFC 3339) of @record as people read it: an event's in
 * its own zone, and in the user's when that differs ("4 Jun 2026 10:00
 * Kyiv time (08:00 your time)"); a call's in the user's first, then at its
 * own offset ("12 Mar 2026 16:00 (17:00 UTC+01:00)"); @text itself when
 * it is no time. */
char      *eccp_when_format_time       (EccpRecord  *record,
                                        const char  *text);

G_END_DECLS
