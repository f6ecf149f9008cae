/* eccp-country.h: the countries a record can name, by code and by name
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every ISO 3166-1 alpha-2 code, sorted, %NULL-terminated. */
const char * const *eccp_country_codes         (void);
/* Every country code, sorted by its name in the user's language (for
 * pickers).  Returns: (transfer container) (element-type utf8) */
GPtrArray          *eccp_country_codes_by_name (void);
/* The English short name of @code ("DE" → "Germany") already translated
 * with _(); %NULL when @code (upper case) is not an ISO 3166-1 code. */
const char         *eccp_country_name          (const char *code);

/* The English short name of @code, whatever the user's language (files
 * meant to read the same everywhere, eccp-csv.h), or %NULL. */
const char         *eccp_country_english_name  (const char *code);

G_END_DECLS
