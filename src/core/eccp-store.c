/* eccp-store.c: the local SQLite store, where every edit goes first
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file holds the store's life, its statements and transactions, a
 * record's row and the settings.  The rest is in files named by what they
 * do: eccp-store-query.c (lists, counts, the SQL of an EccpQuery),
 * eccp-store-search.c (the full-text index), eccp-store-edit.c (local
 * edits), eccp-store-outbox.c (the outbox rows), eccp-store-undo.c,
 * eccp-store-import.c (the portal's documents), eccp-store-sync.c (what
 * the sync engine asks) and eccp-store-schema.c (tables and migrations).
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "eccp-store.h"

#include "eccp-enum.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-store-private.h"
#include "eccp-store-when-private.h"

G_DEFINE_FINAL_TYPE (EccpStore, eccp_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  SETTLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (eccp-store-error-quark, eccp_store_error)

/* {{{ SQLite helpers */

void
_eccp_store_set_sqlite_error (GError     **error,
                              sqlite3     *db,
                              const char  *what)
{
  int code = sqlite3_errcode (db);
  const char *reason;

  /* Name the causes a person can do something about. */
  switch (code)
    {
    case SQLITE_FULL:
      reason = _("the disk is full");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      reason = _("the file cannot be written or opened; check its permissions");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      reason = _("another program is writing to the store; try again");
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      reason = _("the file is damaged or is not an ECCP Desk store");
      break;
    default:
      reason = sqlite3_errmsg (db);
      break;
    }

  g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_FAILED, "%s: %s", what, reason);
}

gboolean
_eccp_store_exec (sqlite3     *db,
                  const char  *sql,
                  GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _eccp_store_set_sqlite_error (error, db, _("The store could not be changed"));
      return FALSE;
    }

  return TRUE;
}

sqlite3 *
_eccp_store_get_db (EccpStore *self)
{
  return self->db;
}

/* Returns a prepared statement for @sql, reset and with its bindings
 * cleared; owned by the store. */
sqlite3_stmt *
_eccp_store_statement (EccpStore   *self,
                       const char  *sql,
                       GError     **error)
{
  sqlite3_stmt *stmt = eccp_sqlite_statement (self->db, self->statements, sql);

  if (stmt == NULL)
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));

  return stmt;
}

sqlite3_stmt *
_eccp_store_statement_for (EccpStore   *self,
                           const char  *sql,
                           const char  *text1,
                           const char  *text2,
                           GError     **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, sql, error);

  if (stmt != NULL)
    {
      eccp_sqlite_bind_text (stmt, 1, text1);
      eccp_sqlite_bind_text (stmt, 2, text2);
    }

  return stmt;
}

gboolean
_eccp_store_step_done (EccpStore     *self,
                       sqlite3_stmt  *stmt,
                       const char    *what,
                       GError       **error)
{
  gboolean success = sqlite3_step (stmt) == SQLITE_DONE;

  if (!success)
    _eccp_store_set_sqlite_error (error, self->db, what);
  sqlite3_reset (stmt);

  return success;
}

gint64
_eccp_store_step_int64 (EccpStore     *self,
                        sqlite3_stmt  *stmt,
                        const char    *what,
                        GError       **error)
{
  gint64 value = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    _eccp_store_set_sqlite_error (error, self->db, what);
  sqlite3_reset (stmt);

  return value;
}

gboolean
_eccp_store_step_rows (EccpStore     *self,
                       sqlite3_stmt  *stmt,
                       EccpRowFunc    func,
                       GPtrArray     *rows,
                       GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, func (stmt));

  if (rc != SQLITE_DONE)
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

gboolean
_eccp_store_run (EccpStore   *self,
                 const char  *sql,
                 const char  *text1,
                 const char  *text2,
                 GError     **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement_for (self, sql, text1, text2, error);

  if (stmt == NULL)
    return FALSE;

  return _eccp_store_step_done (self, stmt, _("The store could not be changed"), error);
}

/* }}} */

/* {{{ Transactions */

gboolean
_eccp_store_begin (EccpStore  *self,
                   GError    **error)
{
  /* IMMEDIATE: take the write lock now, so that a second program writing
   * at the same time waits (busy_timeout) instead of failing half-way. */
  return _eccp_store_exec (self->db, "BEGIN IMMEDIATE", error);
}

static gboolean
settled_cb (gpointer user_data)
{
  EccpStore *self = user_data;

  g_clear_pointer (&self->settled_source, g_source_unref);
  g_signal_emit (self, signals[SETTLED], 0);

  return G_SOURCE_REMOVE;
}

/* One EccpStore::settled for a burst of commits: the first commit since
 * the last emission starts the clock, the ones after it ride along.  Only
 * when somebody listens (the command line never runs a main loop). */
static void
schedule_settled (EccpStore *self)
{
  if (self->settled_source != NULL
      || !g_signal_has_handler_pending (self, signals[SETTLED], 0, TRUE))
    return;

  self->settled_source = g_timeout_source_new (ECCP_STORE_SETTLED_MS);
  g_source_set_callback (self->settled_source, settled_cb, self, NULL);
  g_source_set_static_name (self->settled_source, "[eccp] EccpStore::settled");
  g_source_attach (self->settled_source, self->context);
}

gboolean
_eccp_store_commit (EccpStore  *self,
                    GError    **error)
{
  if (!_eccp_store_flush_search_index (self, error)
      || !_eccp_store_exec (self->db, "COMMIT", error))
    {
      _eccp_store_exec (self->db, "ROLLBACK", NULL);
      g_array_set_size (self->pending_index, 0);
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0);
  schedule_settled (self);

  return TRUE;
}

void
_eccp_store_rollback (EccpStore *self)
{
  g_array_set_size (self->pending_index, 0);
  if (!sqlite3_get_autocommit (self->db))
    _eccp_store_exec (self->db, "ROLLBACK", NULL);
}

/* The end of a transaction in evolution-data-server's ECache style:
 *
 *   if (!_eccp_store_begin (self, error))
 *     return FALSE;
 *   success = success && step_one (self, …, error);
 *   success = success && step_two (self, …, error);
 *   return _eccp_store_end (self, success, error);
 *
 * Commits when every step succeeded (and says whether the commit did),
 * rolls back otherwise, keeping the first step's error. */
gboolean
_eccp_store_end (EccpStore  *self,
                 gboolean    success,
                 GError    **error)
{
  if (success)
    return _eccp_store_commit (self, error);

  _eccp_store_rollback (self);
  return FALSE;
}

/* }}} */

/* {{{ Object life */

static void
eccp_store_finalize (GObject *object)
{
  EccpStore *self = (EccpStore *)object;

  /* No job can be running: each holds a reference to the store. */
  eccp_store_close_workers (self);
  if (self->settled_source != NULL)
    g_source_destroy (self->settled_source);
  if (self->watch_source != NULL)
    g_source_destroy (self->watch_source);
  g_clear_pointer (&self->watch_source, g_source_unref);
  g_clear_pointer (&self->settled_source, g_source_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending_index, g_array_unref);
  if (self->db != NULL)
    {
      /* Fold the WAL back into the main file on a clean close. */
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (eccp_store_parent_class)->finalize (object);
}

static void
eccp_store_class_init (EccpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eccp_store_finalize;

  /**
   * EccpStore::changed:
   *
   * Emitted after every committed write: a local edit, an import, a page
   * of the feed, an answer of the portal.  Views re-read what they show;
   * handlers should coalesce, a sync commits many times a second.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  /**
   * EccpStore::settled:
   *
   * #EccpStore::changed, coalesced for views: emitted once,
   * %ECCP_STORE_SETTLED_MS after the first commit since the last
   * emission, on the main context that was the thread's default when the
   * store was opened.  A burst of commits (a page of the feed, a sync's
   * answers) is one re-read; a long sync is at most a few a second.
   */
  signals[SETTLED] = g_signal_new ("settled",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
eccp_store_init (EccpStore *self)
{
  self->statements = eccp_sqlite_statements_new ();
  self->pending_index = _eccp_store_search_queue_new ();
  self->context = g_main_context_ref_thread_default ();
}

char *
eccp_store_default_path (void)
{
  const char *env = g_getenv ("ECCP_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "eccp-desk", "store.db", NULL);
}

/* Absent or empty: nobody's yet, ours to create. */
static gboolean
file_is_new (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) != 0 ? errno == ENOENT : st.st_size == 0 && S_ISREG (st.st_mode);
}

static gboolean
identify_read_only (const char  *path,
                    GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not open the store “%s”"), path);

      _eccp_store_set_sqlite_error (error, db, what);
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_extended_result_codes (db, FALSE);
  sqlite3_busy_timeout (db, 5000);
  ok = _eccp_store_schema_identify (db, path, error);
  sqlite3_close (db);

  return ok;
}

EccpStore *
eccp_store_new (const char  *path,
                GError     **error)
{
  g_autoptr(EccpStore) self = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }

  /* Know the file before changing it: read-only, it cannot be written,
   * not even by rolling back somebody else's journal. */
  if (!file_is_new (path) && !identify_read_only (path, error))
    return NULL;

  self = g_object_new (ECCP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not open the store “%s”"), path);

      _eccp_store_set_sqlite_error (error, self->db, what);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, FALSE);
  sqlite3_busy_timeout (self->db, 5000);
  if (!_eccp_store_register_time_sql (self->db))
    {
      _eccp_store_set_sqlite_error (error, self->db, _("Could not open the store"));
      return NULL;
    }

  /* Again on this connection, before its first change: another program
   * may have made the file in between. */
  if (!_eccp_store_schema_identify (self->db, path, error))
    return NULL;

  /* WAL: readers never wait for the writer.  synchronous=FULL: a commit is
   * on the disk when it returns, so an edit survives a power cut, not only
   * a crash.  Foreign keys keep the outbox tied to its records. */
  if (!_eccp_store_exec (self->db, "PRAGMA journal_mode = WAL", error)
      || !_eccp_store_exec (self->db, "PRAGMA synchronous = FULL", error)
      || !_eccp_store_exec (self->db, "PRAGMA foreign_keys = ON", error)
      /* What is deleted or overwritten is zeroed in the pages written
       * anyway (FAST: no extra I/O), so a removed password or attendee
       * does not linger in free space. */
      || !_eccp_store_exec (self->db, "PRAGMA secure_delete = FAST", error)
      /* A page cache that holds a page of the feed's working set, so a
       * commit does not spill half-written pages to the WAL.  It bounds
       * the memory too: no mmap, whose pages would count as resident and
       * grow with the file (a sync of 600,000 records peaked at 263 MB
       * with a 256 MB map, 91 MB without, at the same speed). */
      || !_eccp_store_exec (self->db, "PRAGMA cache_size = -65536", error)
      || !_eccp_store_schema_migrate (self->db, ECCP_STORE_SCHEMA_VERSION, error)
      || !_eccp_store_schema_stamp (self->db, error))
    {
      g_prefix_error (error, _("Could not open the store “%s”: "), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
eccp_store_get_path (EccpStore *self)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  return self->path;
}

/* {{{ Other writers */

/* PRAGMA data_version: a number that changes when another connection
 * commits to the file, and only then; reading it costs no I/O beyond the
 * WAL index in shared memory. */
static gint64
read_data_version (EccpStore *self)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, "PRAGMA data_version", NULL);

  if (stmt == NULL)
    return -1;

  return _eccp_store_step_int64 (self, stmt, "", NULL);
}

static gboolean
watch_cb (gpointer user_data)
{
  EccpStore *self = user_data;
  gint64 version = read_data_version (self);

  if (version >= 0 && version != self->data_version)
    {
      self->data_version = version;
      schedule_settled (self);
    }

  return G_SOURCE_CONTINUE;
}

void
eccp_store_watch_other_writers (EccpStore *self,
                                guint      interval_ms)
{
  g_return_if_fail (ECCP_IS_STORE (self));

  if (self->watch_source != NULL)
    g_source_destroy (self->watch_source);
  g_clear_pointer (&self->watch_source, g_source_unref);

  if (interval_ms == 0)
    return;

  self->data_version = read_data_version (self);
  self->watch_source = g_timeout_source_new (interval_ms);
  g_source_set_callback (self->watch_source, watch_cb, self, NULL);
  g_source_set_static_name (self->watch_source, "[eccp] other writers");
  g_source_attach (self->watch_source, self->context);
}

/* }}} */

/* {{{ Work on other threads (eccp-store-worker.c) */

void
_eccp_store_note_commit (EccpStore *self)
{
  /* The watch would see this commit as another program's: it is ours. */
  if (self->watch_source != NULL)
    self->data_version = read_data_version (self);

  g_signal_emit (self, signals[CHANGED], 0);
  schedule_settled (self);
}

void
eccp_store_run_async (EccpStore          *self,
                      EccpStoreJobKind    kind,
                      EccpStoreJobFunc    func,
                      gpointer            data,
                      GDestroyNotify      data_free,
                      GDestroyNotify      result_free,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  EccpStoreWorker **worker;

  g_return_if_fail (ECCP_IS_STORE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (kind == ECCP_STORE_JOB_READ || kind == ECCP_STORE_JOB_WRITE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_store_run_async);
  /* A write's answer says whether it is in the file, cancelled or not
   * (eccp-store-worker.c decides); a read cancelled is cancelled. */
  g_task_set_check_cancellable (task, kind == ECCP_STORE_JOB_READ);
  g_task_set_name (task, kind == ECCP_STORE_JOB_WRITE ? "[eccp] store write" : "[eccp] store read");

  if (self->workers_closed)
    {
      if (data_free != NULL && data != NULL)
        data_free (data);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("The store is closed"));
      return;
    }

  worker = kind == ECCP_STORE_JOB_WRITE ? &self->writer : &self->reader;
  if (*worker == NULL)
    *worker = _eccp_store_worker_new (self->path, kind);

  _eccp_store_worker_push (*worker, task, func, data, data_free, result_free);
}

gpointer
eccp_store_run_finish (EccpStore     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eccp_store_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
eccp_store_close_workers (EccpStore *self)
{
  g_return_if_fail (ECCP_IS_STORE (self));

  self->workers_closed = TRUE;
  if (self->reader != NULL)
    _eccp_store_worker_close (g_steal_pointer (&self->reader));
  if (self->writer != NULL)
    _eccp_store_worker_close (g_steal_pointer (&self->writer));
}

/* }}} */

/* {{{ A record's row */

const EccpTypeSpec *
_eccp_store_lookup_type (const char  *type,
                         GError     **error)
{
  const EccpTypeSpec *spec = eccp_type_spec_lookup (type);

  if (spec == NULL)
    g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_TYPE,
                 _("“%s” is not a record type"), type);

  return spec;
}

JsonObject *
_eccp_store_column_object (sqlite3_stmt *stmt,
                           int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);
  JsonObject *object = NULL;

  if (text != NULL)
    object = eccp_json_object_from_string (text, NULL);

  /* The store only ever writes objects; an unreadable one (edited by hand)
   * reads as empty rather than failing the whole list. */
  return object != NULL ? object : json_object_new ();
}

/* Makes a record from the RECORD_COLUMNS of the current row. */
EccpRecord *
_eccp_store_record_from_row (sqlite3_stmt *stmt)
{
  EccpRecord *record;
  EccpSyncState state = ECCP_SYNC_STATE_SYNCED;

  record = eccp_record_new ((const char *)sqlite3_column_text (stmt, 0),
                            (const char *)sqlite3_column_text (stmt, 1));
  eccp_record_take_trees (record,
                          _eccp_store_column_object (stmt, 2),
                          _eccp_store_column_object (stmt, 3),
                          _eccp_store_column_object (stmt, 4));
  state = eccp_enum_from_nick (ECCP_TYPE_SYNC_STATE, (const char *)sqlite3_column_text (stmt, 5), state);
  eccp_record_set_sync_state (record, state);

  return record;
}

EccpRecord *
eccp_store_get (EccpStore   *self,
                const char  *type,
                const char  *id,
                GError     **error)
{
  sqlite3_stmt *stmt;
  EccpRecord *record = NULL;
  int rc;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (_eccp_store_lookup_type (type, error) == NULL)
    return NULL;

  /* RECORD_COLUMNS without RECORD_JOIN's LEFT JOIN (an outbox row is
   * unique by type and id): with it, SQLite prepared the statement again
   * at every call. */
  stmt = _eccp_store_statement_for (self,
                                    "SELECT r.type, r.id, r.attributes, r.relationships, r.meta,"
                                    " coalesce ((SELECT o.state FROM outbox o"
                                    " WHERE o.type = r.type AND o.record_id = r.id), 'synced')"
                                    " FROM records r WHERE r.type = ?1 AND r.id = ?2 AND r.deleted = 0",
                                    type, id, error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = _eccp_store_record_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                 _("There is no %s with the id “%s”"), type, id);
  else
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));

  sqlite3_reset (stmt);

  return record;
}

/* Writes a record's row and its search text: the one place records are
 * written, so the index can never miss a change.  @insert: a new row
 * (else the row exists); @synced: the portal's version (clears a local
 * delete mark). */
gboolean
_eccp_store_write_row (EccpStore   *self,
                       const char  *type,
                       const char  *id,
                       JsonObject  *attributes,
                       JsonObject  *relationships,
                       JsonObject  *meta,
                       gboolean     insert,
                       GError     **error)
{
  g_autofree char *attributes_text = eccp_json_object_to_string (attributes);
  g_autofree char *relationships_text = eccp_json_object_to_string (relationships);
  g_autofree char *meta_text = eccp_json_object_to_string (meta);
  g_autofree char *search_text = _eccp_store_search_text (type, attributes);
  sqlite3_stmt *stmt;
  gint64 num;

  stmt = _eccp_store_statement_for (self,
                                    insert
                                    ? "INSERT INTO records (type, id, attributes, relationships, meta)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING num"
                                    : "UPDATE records SET attributes = ?3, relationships = ?4, meta = ?5"
                                      " WHERE type = ?1 AND id = ?2 RETURNING num",
                                    type, id, error);
  if (stmt == NULL)
    return FALSE;

  eccp_sqlite_bind_text (stmt, 3, attributes_text);
  eccp_sqlite_bind_text (stmt, 4, relationships_text);
  eccp_sqlite_bind_text (stmt, 5, meta_text);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The record could not be saved"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  num = sqlite3_column_int64 (stmt, 0);
  /* Run RETURNING to completion so the write is done. */
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  _eccp_store_index_record (self, num, !insert, type, search_text);

  return TRUE;
}

/* Removes a record's row and its search text. */
gboolean
_eccp_store_remove_row (EccpStore   *self,
                        const char  *type,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 num = 0;
  int rc;

  stmt = _eccp_store_statement_for (self, "DELETE FROM records WHERE type = ?1 AND id = ?2 RETURNING num",
                                    type, id, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    num = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The record could not be removed"));
      return FALSE;
    }

  if (num != 0)
    _eccp_store_index_record (self, num, TRUE, type, NULL);

  return TRUE;
}

/* }}} */

/* {{{ Settings */

void
eccp_store_set_cache_size (EccpStore *self,
                           guint      kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (ECCP_IS_STORE (self));

  sql = g_strdup_printf ("PRAGMA cache_size = -%u", MAX (kib, 1024));
  _eccp_store_exec (self->db, sql, NULL);
}

char *
eccp_store_get_setting (EccpStore  *self,
                        const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _eccp_store_statement (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  eccp_sqlite_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
eccp_store_set_setting (EccpStore   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    return _eccp_store_run (self, "DELETE FROM settings WHERE key = ?1", key, NULL, error);

  return _eccp_store_run (self,
                          "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          key, value, error);
}

/* }}} */
