/* eccp-format.h: numbers and amounts as people read them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Grouped the locale's way (LC_NUMERIC): "14,280,000", "14 280 000";
 * "14280000" in the C locale, which groups nothing. */
char *eccp_format_integer (gint64      value);
/* An event's attendees counted, each number grouped and each word in its
 * own plural: "130 registered · 112 checked in". */
char *eccp_format_attendee_counts (gint64 registered,
                                   gint64 checked_in);
/* A real number, grouped, with the decimals it has (at most six):
 * "1,234.5", "0.5". */
char *eccp_format_number  (double      value);
/* An amount of money in @currency (ISO 4217, "EUR"; shown as "€"):
 * grouped, whole amounts without decimals, else two; the symbol placed
 * as the locale's LC_MONETARY places it ("€14,280,000" in en_US,
 * "14 280 000 €" in fr_FR), or where the translation says when the locale
 * does not say (C). */
char *eccp_format_amount  (double      value,
                           const char *currency);

G_END_DECLS
