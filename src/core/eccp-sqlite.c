/* eccp-sqlite.c: the SQLite steps the store and the reference portal share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-sqlite.h"

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

GHashTable *
eccp_sqlite_statements_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

sqlite3_stmt *
eccp_sqlite_statement (sqlite3    *db,
                       GHashTable *statements,
                       const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    return NULL;

  g_hash_table_insert (statements, g_strdup (sql), stmt);

  return stmt;
}

void
eccp_sqlite_bind_text (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}
