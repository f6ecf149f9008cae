/* eccp-sqlite.h: the SQLite steps the store and the reference portal share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A cache of prepared statements by their SQL text, which it copies;
 * freeing the table finalizes them.  Prepared once, a hot statement is
 * only reset afterwards. */
GHashTable   *eccp_sqlite_statements_new (void);

/* The statement for @sql from @statements, prepared on @db the first
 * time, reset and with its bindings cleared; owned by @statements.
 * %NULL when @sql does not prepare: sqlite3_errmsg (@db) says why. */
sqlite3_stmt *eccp_sqlite_statement      (sqlite3      *db,
                                          GHashTable   *statements,
                                          const char   *sql);

/* Binds @text, copied, or NULL when @text is %NULL. */
void          eccp_sqlite_bind_text      (sqlite3_stmt *stmt,
                                          int           index,
                                          const char   *text);

G_END_DECLS
