/* eccp-store-when-private.h: the SQL of times relative to now
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "eccp-field-spec.h"

G_BEGIN_DECLS

/* The SQL function of an RFC 3339 time's Unix seconds (NULL for any
 * other text), the one reading eccp-call.c has; registered on each
 * connection by _eccp_store_register_time_sql(). */
#define ECCP_STORE_TIME_SQL "eccp_rfc3339_unix"
gboolean  _eccp_store_register_time_sql  (sqlite3             *db);

/* The SQL value of the last of a list of times (NULL when none reads). */
char     *_eccp_store_time_list_last_sql (const char          *list_field);

/* Each takes @now, the placeholder ("?3") the caller binds to now in
 * Unix seconds, and reads the record as "r". */

/* The SQL value of a list of times (a call's deadlines) in order: its
 * next item after @now, or its last when all are past. */
char     *_eccp_store_time_list_key_sql  (const char          *list_field,
                                          const char          *now);
/* " AND …" for a call whose status (ECCP_QUERY_CALL_STATUS) is @status;
 * FALSE with @error for a value that is none (eccp_call_state_from_nick). */
gboolean  _eccp_store_call_status_sql    (const char          *status,
                                          const char          *now,
                                          GString             *sql,
                                          GError             **error);
/* The ORDER BY terms (without "ORDER BY") of eccp_query_set_sort_upcoming()
 * by @field of @type; %NULL with @error for a field that is no time. */
char     *_eccp_store_upcoming_order_sql (const EccpTypeSpec  *type,
                                          const EccpFieldSpec *field,
                                          const char          *now,
                                          GError             **error);

G_END_DECLS
