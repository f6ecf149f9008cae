/* eccp-portal-db.c: the reference portal's own SQLite file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-db.h"

#include <sqlite3.h>

#include "eccp-sqlite.h"

/* The records table is keyed by seq (the rowid), so a page of the change feed
 * is one range of the table; a change moves the row to a new seq.  Each row
 * keeps the resource object as JSON text (body), and what others see when
 * that differs (public_body): a page is made by copying texts. */
static const char schema[] =
  "CREATE TABLE IF NOT EXISTS records ("
  "  seq         INTEGER PRIMARY KEY,"
  "  id          TEXT NOT NULL UNIQUE,"
  "  type        TEXT NOT NULL,"
  "  rev         INTEGER NOT NULL,"
  "  public_rev  INTEGER,"
  "  state       TEXT,"
  "  event_id    TEXT,"
  "  deleted     INTEGER NOT NULL DEFAULT 0,"
  "  visibility  INTEGER NOT NULL DEFAULT 0,"
  "  body        TEXT,"
  "  public_body TEXT"
  ");"
  "CREATE INDEX IF NOT EXISTS records_event ON records (event_id, type)"
  "  WHERE event_id IS NOT NULL;"
  "CREATE TABLE IF NOT EXISTS owners ("
  "  user_id   TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  PRIMARY KEY (user_id, record_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS answers ("
  "  user_id TEXT NOT NULL,"
  "  key     TEXT NOT NULL,"
  "  status  INTEGER NOT NULL,"
  "  etag    INTEGER NOT NULL,"
  "  body    TEXT,"
  "  created INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, key)"
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS answers_created ON answers (created);"
  "CREATE TABLE IF NOT EXISTS settings ("
  "  name  TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL"
  ");"
  "INSERT OR IGNORE INTO settings (name, value)"
  "  VALUES ('seq', 0), ('horizon', 0), ('generation', 0);";

struct _EccpPortalDb
{
  GObject     parent_instance;

  sqlite3    *db;
  GHashTable *statements; /* SQL text → sqlite3_stmt */

  gint64      last_seq;
  gint64      horizon;
  gint64      generation;

  /* Every seq in the records table, sorted: how many rows follow a cursor
   * is a binary search, not a count over the table. */
  GArray     *seqs;

  /* Inside a transaction: the seqs that leave and join the table, applied
   * to seqs on commit. */
  gboolean    in_transaction;
  gint64      saved_last_seq;
  GArray     *removed_seqs;
  GArray     *added_seqs;
};

G_DEFINE_TYPE (EccpPortalDb, eccp_portal_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (eccp-portal-db-error-quark, eccp_portal_db_error)

void
eccp_portal_row_free (EccpPortalRow *row)
{
  if (row == NULL)
    return;

  g_free (row->id);
  g_free (row->type);
  g_free (row->state);
  g_free (row->event_id);
  g_free (row->body);
  g_free (row->public_body);
  g_free (row);
}

static gboolean
set_sqlite_error (EccpPortalDb  *self,
                  GError       **error,
                  const char    *doing)
{
  g_set_error (error, ECCP_PORTAL_DB_ERROR, ECCP_PORTAL_DB_ERROR_FAILED,
               "Could not %s: %s", doing, sqlite3_errmsg (self->db));
  return FALSE;
}

/* Runs @stmt, which returns no rows, and resets it; %FALSE with @error
 * ("Could not @doing") when it failed. */
static gboolean
step_done (EccpPortalDb  *self,
           sqlite3_stmt  *stmt,
           const char    *doing,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || set_sqlite_error (self, error, doing);
}

static sqlite3_stmt *
prepare (EccpPortalDb  *self,
         const char    *sql,
         GError       **error)
{
  sqlite3_stmt *stmt = eccp_sqlite_statement (self->db, self->statements, sql);

  if (stmt == NULL)
    set_sqlite_error (self, error, "prepare a statement");

  return stmt;
}

static gboolean
exec (EccpPortalDb  *self,
      const char    *sql,
      GError       **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, ECCP_PORTAL_DB_ERROR, ECCP_PORTAL_DB_ERROR_FAILED,
                   "Could not run “%s”: %s", sql, message != NULL ? message : "unknown error");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

static gint64
get_setting (EccpPortalDb *self,
             const char   *name)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT value FROM settings WHERE name = ?", NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;

  eccp_sqlite_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static gboolean
set_setting (EccpPortalDb  *self,
             const char    *name,
             gint64         value,
             GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE settings SET value = ? WHERE name = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, value);
  eccp_sqlite_bind_text (stmt, 2, name);

  return step_done (self, stmt, "save a setting", error);
}

static int
compare_seq (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
load_seqs (EccpPortalDb  *self,
           GError       **error)
{
  /* The planner reads the rowids from the id index, far smaller than the
   * table with its texts. */
  sqlite3_stmt *stmt = prepare (self, "SELECT seq FROM records", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  g_array_set_size (self->seqs, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (self->seqs, seq);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, "read the records");

  g_array_sort (self->seqs, compare_seq);

  return TRUE;
}

/* The index of the first seq after @seq. */
static guint
upper_bound (GArray *seqs,
             gint64  seq)
{
  guint low = 0;
  guint high = seqs->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (seqs, gint64, mid) <= seq)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

static void
eccp_portal_db_finalize (GObject *object)
{
  EccpPortalDb *self = ECCP_PORTAL_DB (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->seqs, g_array_unref);
  g_clear_pointer (&self->removed_seqs, g_array_unref);
  g_clear_pointer (&self->added_seqs, g_array_unref);

  G_OBJECT_CLASS (eccp_portal_db_parent_class)->finalize (object);
}

static void
eccp_portal_db_class_init (EccpPortalDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eccp_portal_db_finalize;
}

static void
eccp_portal_db_init (EccpPortalDb *self)
{
  self->statements = eccp_sqlite_statements_new ();
  self->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->removed_seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->added_seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
}

EccpPortalDb *
eccp_portal_db_new (const char  *path,
                    GError     **error)
{
  g_autoptr(EccpPortalDb) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ECCP_TYPE_PORTAL_DB, NULL);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, ECCP_PORTAL_DB_ERROR, ECCP_PORTAL_DB_ERROR_FAILED,
                   "Could not open “%s”: %s", path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);

  if (!exec (self, "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = NORMAL;"
                   "PRAGMA cache_size = -65536;", error) ||
      !exec (self, schema, error))
    return NULL;

  self->last_seq = get_setting (self, "seq");
  self->horizon = get_setting (self, "horizon");
  self->generation = get_setting (self, "generation");

  if (!load_seqs (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
eccp_portal_db_set_bulk (EccpPortalDb *self,
                         gboolean      bulk)
{
  g_return_if_fail (ECCP_IS_PORTAL_DB (self));

  exec (self, bulk ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL", NULL);
}

gboolean
eccp_portal_db_begin (EccpPortalDb  *self,
                      GError       **error)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  self->saved_last_seq = self->last_seq;
  g_array_set_size (self->removed_seqs, 0);
  g_array_set_size (self->added_seqs, 0);

  return TRUE;
}

gboolean
eccp_portal_db_commit (EccpPortalDb  *self,
                       GError       **error)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((self->last_seq != self->saved_last_seq &&
       !set_setting (self, "seq", self->last_seq, error)) ||
      !exec (self, "COMMIT", error))
    {
      eccp_portal_db_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;

  for (guint i = 0; i < self->removed_seqs->len; i++)
    {
      gint64 seq = g_array_index (self->removed_seqs, gint64, i);
      guint index = upper_bound (self->seqs, seq);

      if (index > 0 && g_array_index (self->seqs, gint64, index - 1) == seq)
        g_array_remove_index (self->seqs, index - 1);
    }

  /* New seqs are larger than every seq before them. */
  g_array_append_vals (self->seqs, self->added_seqs->data, self->added_seqs->len);

  return TRUE;
}

void
eccp_portal_db_rollback (EccpPortalDb *self)
{
  g_return_if_fail (ECCP_IS_PORTAL_DB (self));

  if (!self->in_transaction)
    return;

  exec (self, "ROLLBACK", NULL);
  self->in_transaction = FALSE;
  self->last_seq = self->saved_last_seq;
}

gint64
eccp_portal_db_next_seq (EccpPortalDb *self)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), 0);
  g_return_val_if_fail (self->in_transaction, 0);

  return ++self->last_seq;
}

gint64
eccp_portal_db_get_last_seq (EccpPortalDb *self)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), 0);

  return self->last_seq;
}

gint64
eccp_portal_db_get_horizon (EccpPortalDb *self)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), 0);

  return self->horizon;
}

gboolean
eccp_portal_db_forget_history (EccpPortalDb  *self,
                               GError       **error)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);

  if (!eccp_portal_db_begin (self, error))
    return FALSE;

  if (!exec (self, "DELETE FROM records WHERE deleted", error) ||
      !set_setting (self, "horizon", self->last_seq, error) ||
      !set_setting (self, "generation", self->generation + 1, error) ||
      !eccp_portal_db_commit (self, error))
    {
      eccp_portal_db_rollback (self);
      return FALSE;
    }

  self->horizon = self->last_seq;
  self->generation++;

  return load_seqs (self, error);
}

gint64
eccp_portal_db_get_generation (EccpPortalDb *self)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), 0);

  return self->generation;
}

guint
eccp_portal_db_count_after (EccpPortalDb *self,
                            gint64        seq)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), 0);

  return self->seqs->len - upper_bound (self->seqs, seq);
}

#define ROW_COLUMNS \
  "id, type, seq, rev, public_rev, state, event_id, deleted, visibility, body, public_body"

static EccpPortalRow *
read_row (sqlite3_stmt *stmt)
{
  EccpPortalRow *row = g_new0 (EccpPortalRow, 1);

  row->id = column_dup (stmt, 0);
  row->type = column_dup (stmt, 1);
  row->seq = sqlite3_column_int64 (stmt, 2);
  row->rev = sqlite3_column_int64 (stmt, 3);
  row->public_rev = sqlite3_column_int64 (stmt, 4);
  row->state = column_dup (stmt, 5);
  row->event_id = column_dup (stmt, 6);
  row->deleted = sqlite3_column_int (stmt, 7) != 0;
  row->visibility = sqlite3_column_int (stmt, 8);
  row->body = column_dup (stmt, 9);
  row->public_body = column_dup (stmt, 10);

  return row;
}

EccpPortalRow *
eccp_portal_db_get_row (EccpPortalDb  *self,
                        const char    *id,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  EccpPortalRow *row = NULL;
  int rc;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = prepare (self, "SELECT " ROW_COLUMNS " FROM records WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  eccp_sqlite_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = read_row (stmt);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error, "read a record");
  sqlite3_reset (stmt);

  return row;
}

gboolean
eccp_portal_db_put_row (EccpPortalDb         *self,
                        const EccpPortalRow  *row,
                        GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);
  g_return_val_if_fail (row != NULL && row->id != NULL && row->type != NULL, FALSE);

  stmt = prepare (self, "SELECT seq FROM records WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  eccp_sqlite_bind_text (stmt, 1, row->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 old_seq = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (self->removed_seqs, old_seq);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, error, "read a record");

  /* REPLACE removes the row with the same id (the old seq) first. */
  stmt = prepare (self,
                  "INSERT OR REPLACE INTO records (" ROW_COLUMNS ") "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  eccp_sqlite_bind_text (stmt, 1, row->id);
  eccp_sqlite_bind_text (stmt, 2, row->type);
  sqlite3_bind_int64 (stmt, 3, row->seq);
  sqlite3_bind_int64 (stmt, 4, row->rev);
  if (row->visibility == ECCP_PORTAL_VISIBLE_PUBLIC)
    sqlite3_bind_int64 (stmt, 5, row->public_rev);
  else
    sqlite3_bind_null (stmt, 5);
  eccp_sqlite_bind_text (stmt, 6, row->state);
  eccp_sqlite_bind_text (stmt, 7, row->event_id);
  sqlite3_bind_int (stmt, 8, row->deleted ? 1 : 0);
  sqlite3_bind_int (stmt, 9, row->visibility);
  eccp_sqlite_bind_text (stmt, 10, row->body);
  eccp_sqlite_bind_text (stmt, 11, row->public_body);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, "write a record");

  g_array_append_val (self->added_seqs, row->seq);

  return TRUE;
}

gboolean
eccp_portal_db_feed (EccpPortalDb        *self,
                     gint64               after_seq,
                     EccpPortalFeedFunc   func,
                     gpointer             user_data,
                     GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = prepare (self,
                  "SELECT id, type, seq, deleted, visibility, body, public_body "
                  "FROM records WHERE seq > ? ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, after_seq);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Borrowed: the strings live until the next step. */
      EccpPortalRow row = {
        .id = (char *) sqlite3_column_text (stmt, 0),
        .type = (char *) sqlite3_column_text (stmt, 1),
        .seq = sqlite3_column_int64 (stmt, 2),
        .deleted = sqlite3_column_int (stmt, 3) != 0,
        .visibility = sqlite3_column_int (stmt, 4),
        .body = (char *) sqlite3_column_text (stmt, 5),
        .public_body = (char *) sqlite3_column_text (stmt, 6),
      };

      if (!func (&row, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, "read the change feed");

  return TRUE;
}

GPtrArray *
eccp_portal_db_list_event_bodies (EccpPortalDb  *self,
                                  const char    *type,
                                  const char    *event_id,
                                  GError       **error)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), NULL);

  stmt = prepare (self,
                  "SELECT body FROM records "
                  "WHERE event_id = ? AND type = ? AND event_id IS NOT NULL AND NOT deleted",
                  error);
  if (stmt == NULL)
    return NULL;

  eccp_sqlite_bind_text (stmt, 1, event_id);
  eccp_sqlite_bind_text (stmt, 2, type);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bodies, column_dup (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, "read an event's records");
      return NULL;
    }

  return g_steal_pointer (&bodies);
}

static gboolean
is_attribute_name (const char *name)
{
  if (*name == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

gint64
eccp_portal_db_count_records (EccpPortalDb  *self,
                              const char    *type,
                              const char    *id,
                              GHashTable    *attributes,
                              GError       **error)
{
  g_autoptr(GString) sql =
    g_string_new ("SELECT count(*) FROM records WHERE NOT deleted AND type = ?");
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;
  int index = 2;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), -1);
  g_return_val_if_fail (type != NULL, -1);

  if (id != NULL)
    g_string_append (sql, " AND id = ?");

  if (attributes != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (!is_attribute_name (key))
            continue;
          g_string_append (sql, " AND json_extract (body, ?) = ?");
          g_ptr_array_add (values, g_strdup_printf ("$.attributes.%s", (const char *) key));
          g_ptr_array_add (values, g_strdup (value));
        }
    }

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, "count records");
      return -1;
    }

  eccp_sqlite_bind_text (stmt, 1, type);
  if (id != NULL)
    eccp_sqlite_bind_text (stmt, index++, id);
  for (guint i = 0; i < values->len; i++)
    eccp_sqlite_bind_text (stmt, index++, g_ptr_array_index (values, i));

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    set_sqlite_error (self, error, "count records");
  sqlite3_finalize (stmt);

  return count;
}

gboolean
eccp_portal_db_is_empty (EccpPortalDb *self)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), TRUE);

  return self->seqs->len == 0 && self->last_seq == 0;
}

gboolean
eccp_portal_db_lookup_answer (EccpPortalDb  *self,
                              const char    *user_id,
                              const char    *key,
                              guint         *status,
                              gint64        *etag,
                              char         **body,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);

  stmt = prepare (self,
                  "SELECT status, etag, body FROM answers "
                  "WHERE user_id = ? AND key = ? AND created >= ?", error);
  if (stmt == NULL)
    return FALSE;

  eccp_sqlite_bind_text (stmt, 1, user_id);
  eccp_sqlite_bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC - 24 * 3600);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      *status = sqlite3_column_int (stmt, 0);
      *etag = sqlite3_column_int64 (stmt, 1);
      *body = column_dup (stmt, 2);
    }
  else if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, "read an idempotency key");
    }
  sqlite3_reset (stmt);

  return found;
}

gboolean
eccp_portal_db_store_answer (EccpPortalDb  *self,
                             const char    *user_id,
                             const char    *key,
                             guint          status,
                             gint64         etag,
                             const char    *body,
                             GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);

  stmt = prepare (self,
                  "INSERT OR REPLACE INTO answers (user_id, key, status, etag, body, created) "
                  "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  eccp_sqlite_bind_text (stmt, 1, user_id);
  eccp_sqlite_bind_text (stmt, 2, key);
  sqlite3_bind_int (stmt, 3, status);
  sqlite3_bind_int64 (stmt, 4, etag);
  eccp_sqlite_bind_text (stmt, 5, body);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);

  return step_done (self, stmt, "keep an idempotency key", error);
}

gboolean
eccp_portal_db_purge_answers (EccpPortalDb  *self,
                              gint64         before,
                              GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);

  stmt = prepare (self, "DELETE FROM answers WHERE created < ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, before);

  return step_done (self, stmt, "forget old idempotency keys", error);
}

gboolean
eccp_portal_db_add_owner (EccpPortalDb  *self,
                          const char    *user_id,
                          const char    *record_id,
                          GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), FALSE);

  stmt = prepare (self, "INSERT OR IGNORE INTO owners (user_id, record_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  eccp_sqlite_bind_text (stmt, 1, user_id);
  eccp_sqlite_bind_text (stmt, 2, record_id);

  return step_done (self, stmt, "record an owner", error);
}

GPtrArray *
eccp_portal_db_list_owners (EccpPortalDb  *self,
                            GError       **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (self), NULL);

  stmt = prepare (self, "SELECT user_id, record_id FROM owners", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (pairs, column_dup (stmt, 0));
      g_ptr_array_add (pairs, column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, "read the owners");
      return NULL;
    }

  return g_steal_pointer (&pairs);
}
