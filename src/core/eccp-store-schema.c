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
 * must spell the same way to use them (see eccp-store-query.c).  The
 * outbox holds one row per record with a local change; its foreign key
 * makes it impossible to drop a record that still has a change waiting. */
static const char migration_1[] =
  "CREATE TABLE records ("
  "  num INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  type TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  attributes TEXT NOT NULL DEFAULT '{}',"
  "  relationships TEXT NOT NULL DEFAULT '{}',"
  "  meta TEXT NOT NULL DEFAULT '{}',"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  /* id first: an index that starts with the type would tempt the planner
   * to use it for "all clusters" and sort them all, where the partial
   * index below gives them in order. */
  "  UNIQUE (id, type));"
  /* Partial indexes, one type each: a record pays only for its own
   * type's indexes when it is written, and queries name the type as a
   * literal so the planner can use them. */
  "CREATE INDEX clusters_by_name ON records (json_extract (attributes, '$.name') COLLATE NOCASE)"
  "  WHERE type = 'cluster';"
  "CREATE INDEX clusters_by_country ON records (json_extract (attributes, '$.country'),"
  "  json_extract (attributes, '$.name') COLLATE NOCASE) WHERE type = 'cluster';"
  "CREATE INDEX partnerships_by_name ON records (json_extract (attributes, '$.name') COLLATE NOCASE)"
  "  WHERE type = 'partnership';"
  "CREATE INDEX events_by_starts_at ON records (unixepoch (json_extract (attributes, '$.starts_at')))"
  "  WHERE type = 'event';"
  "CREATE INDEX events_by_title ON records (json_extract (attributes, '$.title') COLLATE NOCASE)"
  "  WHERE type = 'event';"
  "CREATE INDEX calls_by_title ON records (json_extract (attributes, '$.title') COLLATE NOCASE)"
  "  WHERE type = 'call';"
  "CREATE INDEX attendees_by_event ON records (json_extract (relationships, '$.event.data.id'),"
  "  json_extract (attributes, '$.name') COLLATE NOCASE) WHERE type = 'attendee';"
  "CREATE INDEX meetings_by_event ON records (json_extract (relationships, '$.event.data.id'),"
  "  unixepoch (json_extract (attributes, '$.starts_at'))) WHERE type = 'meeting';"
  "CREATE INDEX checkins_by_event ON records (json_extract (relationships, '$.event.data.id'))"
  "  WHERE type = 'checkin';"
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
  "  FOREIGN KEY (record_id, type) REFERENCES records (id, type));"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);";

/* Version 2: full-text search.  One FTS5 table per record type, fts_TYPE,
 * holds under each record's num the values of its type's searchable fields
 * (field specs), written by the store in the same transaction as the
 * record (eccp-store-search.c).  One table per type: a search and its
 * count touch one type's records only, which keeps a type-ahead search
 * over 100,000 clusters from wading through their attendees.  unicode61 with
 * remove_diacritics 2 folds case and diacritics alike, so "zeljko" finds
 * "Željko"; prefix indexes make type-ahead cheap.
 *
 * Not triggers: a trigger runs inside a statement savepoint, and FTS5
 * flushes its pending terms at every savepoint, which made a bulk import
 * several times slower.  Not external content: a delete then needs the old
 * text, so the index keeps its text (AUTOINCREMENT on records.num means a
 * num is never reused by another record). */
char *
_eccp_store_fts_table (const char *type)
{
  return g_strdup_printf ("fts_%s", type);
}

/* Version 3: what sync needs.  The outbox keeps moderation transitions
 * (changed_meta, with the meta they started from in base_meta) and the
 * fields both sides changed (conflicts); records.unseen marks, during a
 * full re-sync, the records the feed has not brought again yet. */
static const char migration_3[] =
  "ALTER TABLE outbox ADD COLUMN changed_meta TEXT NOT NULL DEFAULT '[]';"
  "ALTER TABLE outbox ADD COLUMN base_meta TEXT;"
  "ALTER TABLE outbox ADD COLUMN conflicts TEXT;"
  "ALTER TABLE records ADD COLUMN unseen INTEGER NOT NULL DEFAULT 0;";

/* Version 4: the values a change had when it was last sent.  A change
 * edited again after a send whose answer was lost must not take the
 * portal's copy of its own first send for somebody else's edit. */
static const char migration_4[] =
  "ALTER TABLE outbox ADD COLUMN sent TEXT;";

/* Version 5: lists of clusters sorted by year founded (a first page of
 * "Digital clusters, newest first" took 378 ms at 100,000 clusters by
 * walking them all). */
static const char migration_5[] =
  "CREATE INDEX clusters_by_founded ON records (json_extract (attributes, '$.founded'))"
  "  WHERE type = 'cluster';";

/* Version 6: the list indexes leave out records deleted here and not yet
 * confirmed, as every list does.  A list's count is then read from its
 * index alone: counting 100,000 clusters read every row (over 100 MB) to
 * look at "deleted", 150-330 ms each time a list was reset. */
static const char migration_6[] =
  /* The records deleted here and not yet confirmed, few: a search's count
   * takes them off the full-text index's count. */
  "CREATE INDEX records_deleted ON records (type) WHERE deleted = 1;"
  "DROP INDEX clusters_by_name;"
  "CREATE INDEX clusters_by_name ON records (json_extract (attributes, '$.name') COLLATE NOCASE)"
  "  WHERE type = 'cluster' AND deleted = 0;"
  "DROP INDEX clusters_by_country;"
  "CREATE INDEX clusters_by_country ON records (json_extract (attributes, '$.country'), json_extract (attributes, '$.name') COLLATE NOCASE)"
  "  WHERE type = 'cluster' AND deleted = 0;"
  "DROP INDEX clusters_by_founded;"
  "CREATE INDEX clusters_by_founded ON records (json_extract (attributes, '$.founded'))"
  "  WHERE type = 'cluster' AND deleted = 0;"
  "DROP INDEX partnerships_by_name;"
  "CREATE INDEX partnerships_by_name ON records (json_extract (attributes, '$.name') COLLATE NOCASE)"
  "  WHERE type = 'partnership' AND deleted = 0;"
  "DROP INDEX events_by_starts_at;"
  "CREATE INDEX events_by_starts_at ON records (unixepoch (json_extract (attributes, '$.starts_at')))"
  "  WHERE type = 'event' AND deleted = 0;"
  "DROP INDEX events_by_title;"
  "CREATE INDEX events_by_title ON records (json_extract (attributes, '$.title') COLLATE NOCASE)"
  "  WHERE type = 'event' AND deleted = 0;"
  "DROP INDEX calls_by_title;"
  "CREATE INDEX calls_by_title ON records (json_extract (attributes, '$.title') COLLATE NOCASE)"
  "  WHERE type = 'call' AND deleted = 0;"
  "DROP INDEX attendees_by_event;"
  "CREATE INDEX attendees_by_event ON records (json_extract (relationships, '$.event.data.id'), json_extract (attributes, '$.name') COLLATE NOCASE)"
  "  WHERE type = 'attendee' AND deleted = 0;"
  "DROP INDEX meetings_by_event;"
  "CREATE INDEX meetings_by_event ON records (json_extract (relationships, '$.event.data.id'), unixepoch (json_extract (attributes, '$.starts_at')))"
  "  WHERE type = 'meeting' AND deleted = 0;"
  "DROP INDEX checkins_by_event;"
  "CREATE INDEX checkins_by_event ON records (json_extract (relationships, '$.event.data.id'))"
  "  WHERE type = 'checkin' AND deleted = 0;";

/* Version 7: the review queue (eccp_store_list_for_review()) reads the
 * few records waiting for staff from an index of their own, in the
 * queue's order, instead of every record of every moderated type.  The
 * query spells the state, the deletion and the order as written here. */
static const char migration_7[] =
  "CREATE INDEX records_for_review ON records (json_extract (meta, '$.changed'), id)"
  "  WHERE json_extract (meta, '$.moderation_state') = 'needs_review' AND deleted = 0;";

/* Version 8: who is checked in (eccp-store-venue.c) reads each attendee's
 * latest check-in from this index, spelt as LATEST_CHECKIN spells it,
 * instead of every check-in of the event: the venue's search looks up
 * 2,000 attendees' states a keystroke. */
static const char migration_8[] =
  "CREATE INDEX checkins_by_attendee ON records (json_extract (relationships, '$.attendee.data.id'),"
  "  julianday (json_extract (attributes, '$.at')), id)"
  "  WHERE type = 'checkin' AND deleted = 0;";

/* Version 9: "Recent check-ins" (eccp_store_list_recent_checkins()) walks
 * an event's check-ins newest first from the index and stops after ten,
 * instead of sorting all of them: the event's index gains the order. */
static const char migration_9[] =
  "DROP INDEX checkins_by_event;"
  "CREATE INDEX checkins_by_event ON records (json_extract (relationships, '$.event.data.id'),"
  "  julianday (json_extract (attributes, '$.at')), id)"
  "  WHERE type = 'checkin' AND deleted = 0;";

/* Creates each type's index and fills it with the records there are. */
static gboolean
fill_search_text (sqlite3  *db,
                  GError  **error)
{
  const EccpTypeSpec * const *types;
  guint n_types;

  types = eccp_type_spec_all (&n_types);

  for (guint t = 0; t < n_types; t++)
    {
      g_autofree char *table = _eccp_store_fts_table (types[t]->name);
      g_autofree char *create = NULL;
      g_autofree char *insert_sql = NULL;
      sqlite3_stmt *select = NULL;
      sqlite3_stmt *insert = NULL;
      gboolean ok = TRUE;
      int rc;

      create = g_strdup_printf ("CREATE VIRTUAL TABLE %s USING fts5 (search_text,"
                                " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')",
                                table);
      if (!_eccp_store_exec (db, create, error))
        return FALSE;

      /* Let a page of the feed, or a whole import, gather its terms in
       * memory and write them as a few large segments, not one per
       * megabyte (the default), each merged again later. */
      g_clear_pointer (&create, g_free);
      create = g_strdup_printf ("INSERT INTO %s (%s, rank) VALUES ('hashsize', %d)",
                                table, table, 64 * 1024 * 1024);
      if (!_eccp_store_exec (db, create, error))
        return FALSE;

      insert_sql = g_strdup_printf ("INSERT INTO %s (rowid, search_text) VALUES (?1, ?2)", table);
      if (sqlite3_prepare_v2 (db, "SELECT num, attributes FROM records WHERE type = ?1", -1, &select, NULL) != SQLITE_OK
          || sqlite3_prepare_v2 (db, insert_sql, -1, &insert, NULL) != SQLITE_OK)
        {
          _eccp_store_set_sqlite_error (error, db, _("Could not index the records for search"));
          sqlite3_finalize (select);
          return FALSE;
        }

      sqlite3_bind_text (select, 1, types[t]->name, -1, SQLITE_STATIC);
      while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
        {
          g_autoptr(JsonObject) attributes = NULL;
          g_autofree char *text = NULL;

          attributes = eccp_json_object_from_string ((const char *)sqlite3_column_text (select, 1), NULL);
          if (attributes == NULL)
            continue;
          text = _eccp_store_search_text (types[t]->name, attributes);

          sqlite3_bind_int64 (insert, 1, sqlite3_column_int64 (select, 0));
          sqlite3_bind_text (insert, 2, text, -1, SQLITE_TRANSIENT);
          ok = sqlite3_step (insert) == SQLITE_DONE;
          sqlite3_reset (insert);
        }

      if (!ok || rc != SQLITE_DONE)
        _eccp_store_set_sqlite_error (error, db, _("Could not index the records for search"));

      sqlite3_finalize (select);
      sqlite3_finalize (insert);

      if (!ok || rc != SQLITE_DONE)
        return FALSE;
    }

  return TRUE;
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
  { NULL, fill_search_text, NULL },
  { migration_3, NULL, NULL },
  { migration_4, NULL, NULL },
  { migration_5, NULL, NULL },
  { migration_6, NULL, NULL },
  { migration_7, NULL, NULL },
  { migration_8, NULL, NULL },
  { migration_9, NULL, NULL },
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

      if ((migration->sql != NULL && !_eccp_store_exec (db, migration->sql, error))
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

/* {{{ Knowing a store before changing it
 *
 * A file is ours to write when, read read-only, it is:
 *   - an empty database: application_id 0, user_version 0, no schema
 *     objects (an absent or 0-byte file never gets this far: it is new);
 *   - stamped: application_id ECCP_STORE_APPLICATION_ID;
 *   - a store from before the stamp: application_id 0, user_version from
 *     1 on, and the tables every schema since 1 has (records, outbox,
 *     settings).  It is stamped on its first writable open.
 * A stamped or recognised store of a schema above
 * ECCP_STORE_SCHEMA_VERSION is refused as too new; anything else (another
 * application's database, a non-SQLite file) is foreign.  Both are left
 * byte for byte as they were: no journal mode, no table, no stamp. */

/* The integer of @sql's one row; the SQLite result code. */
static int
read_int (sqlite3    *db,
          const char *sql,
          gint64     *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

gboolean
_eccp_store_schema_identify (sqlite3     *db,
                             const char  *path,
                             GError     **error)
{
  gint64 application_id = 0, version = 0, n_objects = 0, n_ours = 0;
  gboolean ours;
  int rc;

  /* The first read of the header says whether it is SQLite at all. */
  rc = read_int (db, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = read_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = read_int (db, "SELECT count(*) FROM sqlite_master", &n_objects);
  if (rc == SQLITE_OK)
    rc = read_int (db,
                   "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                   " AND name IN ('records', 'outbox', 'settings')",
                   &n_ours);

  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_FOREIGN,
                   _("“%s” is not an ECCP Desk store (it is not an SQLite database): left unchanged"),
                   path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not open the store “%s”"), path);

      _eccp_store_set_sqlite_error (error, db, what);
      return FALSE;
    }

  if (application_id == 0 && version == 0 && n_objects == 0)
    return TRUE;

  ours = application_id == ECCP_STORE_APPLICATION_ID
         || (application_id == 0 && version >= 1 && n_ours == 3);
  if (!ours)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_FOREIGN,
                   _("“%s” is not an ECCP Desk store (it belongs to another application): left unchanged"),
                   path);
      return FALSE;
    }

  if (version > ECCP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer ECCP Desk (schema %d; this one knows %d): "
                     "left unchanged; update ECCP Desk to open it"),
                   path, (int) version, ECCP_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

gboolean
_eccp_store_schema_stamp (sqlite3  *db,
                          GError  **error)
{
  gint64 application_id = 0;
  g_autofree char *sql = NULL;

  if (read_int (db, "PRAGMA application_id", &application_id) == SQLITE_OK
      && application_id == ECCP_STORE_APPLICATION_ID)
    return TRUE;

  sql = g_strdup_printf ("PRAGMA application_id = %d", ECCP_STORE_APPLICATION_ID);

  return _eccp_store_exec (db, sql, error);
}

/* }}} */
