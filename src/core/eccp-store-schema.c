/* eccp-store-schema.c: the store's tables and their migrations
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eccp-json.h"
#include "eccp-store-private.h"

/* Version 1: records stored generically, the outbox, settings.
 *
 * A record is its JSON:API trees as compact JSON text; what lists sort and
 * filter by is indexed through json_extract() expressions, which queries
 * must spell the same way to use them (see eccp-store.c).  The outbox holds
 * one row per record with a local change; its foreign key makes it
 * impossible to drop a record that still has a change waiting. */
static const char migration_1[] =
  "CREATE TABLE records ("
  "  num INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  attributes TEXT NOT NULL DEFAULT '{}',"
  "  relationships TEXT NOT NULL DEFAULT '{}',"
  "  meta TEXT NOT NULL DEFAULT '{}',"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (type, id));"
  "CREATE INDEX records_by_name ON records (type, json_extract (attributes, '$.name') COLLATE NOCASE);"
  "CREATE INDEX records_by_title ON records (type, json_extract (attributes, '$.title') COLLATE NOCASE);"
  "CREATE INDEX records_by_country ON records (type, json_extract (attributes, '$.country'),"
  "  json_extract (attributes, '$.name') COLLATE NOCASE);"
  "CREATE INDEX records_by_starts_at ON records (type, unixepoch (json_extract (attributes, '$.starts_at')));"
  "CREATE INDEX records_by_event ON records (type, json_extract (relationships, '$.event.data.id'));"
  "CREATE TABLE outbox ("
  "  num INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),"
  "  changed_attributes TEXT NOT NULL DEFAULT '[]',"
  "  changed_relationships TEXT NOT NULL DEFAULT '[]',"
  "  base_rev INTEGER NOT NULL DEFAULT 0,"
  "  base_attributes TEXT,"
  "  base_relationships TEXT,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  state TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (state IN ('pending', 'conflict', 'rejected', 'invalid')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  errors TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  UNIQUE (type, record_id),"
  "  FOREIGN KEY (type, record_id) REFERENCES records (type, id));"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);";

/* Version 2: full-text search.  The searchable fields of each type (field
 * specs) are written by the store into records.search_text; an external
 * content FTS5 index over that column is kept current by triggers.
 * unicode61 with remove_diacritics 2 folds case and diacritics alike, so
 * "zeljko" finds "Željko"; prefix indexes make type-ahead cheap. */
static const char migration_2[] =
  "ALTER TABLE records ADD COLUMN search_text TEXT NOT NULL DEFAULT '';";

/* After fill_search_text() has written the column: the index over it. */
static const char migration_2_index[] =
  "CREATE VIRTUAL TABLE records_fts USING fts5 ("
  "  search_text, content = 'records', content_rowid = 'num',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');"
  "CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN"
  "  INSERT INTO records_fts (rowid, search_text) VALUES (new.num, new.search_text);"
  "END;"
  "CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN"
  "  INSERT INTO records_fts (records_fts, rowid, search_text)"
  "    VALUES ('delete', old.num, old.search_text);"
  "END;"
  "CREATE TRIGGER records_fts_update AFTER UPDATE OF search_text ON records BEGIN"
  "  INSERT INTO records_fts (records_fts, rowid, search_text)"
  "    VALUES ('delete', old.num, old.search_text);"
  "  INSERT INTO records_fts (rowid, search_text) VALUES (new.num, new.search_text);"
  "END;"
  "INSERT INTO records_fts (records_fts) VALUES ('rebuild');";

static gboolean
fill_search_text (sqlite3  *db,
                  GError  **error)
{
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  gboolean ret = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT num, type, attributes FROM records", -1, &select, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "UPDATE records SET search_text = ?2 WHERE num = ?1", -1, &update, NULL) != SQLITE_OK)
    {
      _eccp_store_set_sqlite_error (error, db, _("Could not index the records for search"));
      goto out;
    }

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) attributes = NULL;
      g_autofree char *text = NULL;

      attributes = eccp_json_object_from_string ((const char *)sqlite3_column_text (select, 2), NULL);
      if (attributes == NULL)
        continue;
      text = _eccp_store_search_text ((const char *)sqlite3_column_text (select, 1), attributes);

      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_text (update, 2, text, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          _eccp_store_set_sqlite_error (error, db, _("Could not index the records for search"));
          goto out;
        }
      sqlite3_reset (update);
    }

  if (rc != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, db, _("Could not index the records for search"));
      goto out;
    }

  ret = TRUE;

out:
  sqlite3_finalize (select);
  sqlite3_finalize (update);

  return ret;
}

/* A migration: SQL, then a step in C where SQL cannot do the work, then
 * more SQL. */
typedef struct
{
  const char *sql;
  gboolean  (*fixup) (sqlite3  *db,
                      GError  **error);
  const char *sql_after;
} Migration;

static const Migration migrations[] = {
  { migration_1, NULL, NULL },
  { migration_2, fill_search_text, migration_2_index },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ECCP_STORE_SCHEMA_VERSION);

int
_eccp_store_schema_get_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

gboolean
_eccp_store_schema_migrate (sqlite3  *db,
                            int       target_version,
                            GError  **error)
{
  int version;

  g_return_val_if_fail (target_version <= ECCP_STORE_SCHEMA_VERSION, FALSE);

  /* Reading the version also tells whether this is a database at all. */
  version = _eccp_store_schema_get_version (db);
  if (version < 0)
    {
      _eccp_store_set_sqlite_error (error, db, _("The file is not an ECCP Desk store"));
      return FALSE;
    }

  if (version > ECCP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_TOO_NEW,
                   _("The store was written by a newer version of ECCP Desk "
                     "(schema %d, this version knows up to %d); update ECCP Desk to open it"),
                   version, ECCP_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < target_version; version++)
    {
      const Migration *migration = &migrations[version];
      g_autofree char *set_version = NULL;

      if (!_eccp_store_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!_eccp_store_exec (db, migration->sql, error)
          || (migration->fixup != NULL && !migration->fixup (db, error))
          || (migration->sql_after != NULL && !_eccp_store_exec (db, migration->sql_after, error))
          || !_eccp_store_exec (db, set_version, error)
          || !_eccp_store_exec (db, "COMMIT", error))
        {
          _eccp_store_exec (db, "ROLLBACK", NULL);
          g_prefix_error (error, _("Could not upgrade the store to schema %d: "), version + 1);
          return FALSE;
        }
    }

  return TRUE;
}
