/* eccp-store-private.h: what the store's own files and its tests share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "eccp-field-spec.h"
#include "eccp-store.h"

G_BEGIN_DECLS

/* Sets @error from the connection's last error, prefixed with @what. */
void      _eccp_store_set_sqlite_error   (GError         **error,
                                          sqlite3         *db,
                                          const char      *what);
gboolean  _eccp_store_exec               (sqlite3         *db,
                                          const char      *sql,
                                          GError         **error);

/* The schema.  Migrations are numbered from 1; PRAGMA user_version holds
 * the last one applied.  Each runs in its own transaction. */
int       _eccp_store_schema_get_version (sqlite3         *db);
gboolean  _eccp_store_schema_migrate     (sqlite3         *db,
                                          int              target_version,
                                          GError         **error);

/* The text the full-text index holds for a record: the values of the
 * type's searchable fields. */
char     *_eccp_store_search_text        (const char      *type,
                                          JsonObject      *attributes);

/* The FTS5 table that indexes records of @type: "fts_cluster". */
char     *_eccp_store_fts_table          (const char      *type);

sqlite3  *_eccp_store_get_db             (EccpStore       *self);

G_END_DECLS
