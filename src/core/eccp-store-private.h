/* eccp-store-private.h: what the store's own files and its tests share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "eccp-field-spec.h"
#include "eccp-sqlite.h"
#include "eccp-store.h"

G_BEGIN_DECLS

typedef struct _EccpStoreWorker EccpStoreWorker;

/* Shared by the store's files (see eccp-store.c), read by no one else. */
struct _EccpStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  /* Prepared statements by SQL text: hot paths (import, get) and the few
   * shapes of list query are prepared once. */
  GHashTable *statements;
  /* Changes to the search index, written just before COMMIT (see
   * _eccp_store_flush_search_index()). */
  GArray     *pending_index;
  /* EccpStore::settled: the context the store was opened in, and the
   * pending emission. */
  GMainContext *context;
  GSource      *settled_source;
  /* eccp_store_watch_other_writers(): the poll, and the PRAGMA
   * data_version it last read. */
  GSource      *watch_source;
  gint64        data_version;
  /* eccp_store_run_async(): made on first use (eccp-store-worker.c). */
  EccpStoreWorker *reader;
  EccpStoreWorker *writer;
  gboolean         workers_closed;
};

/* The columns every record query selects, in this order. */
#define RECORD_COLUMNS \
  "r.type, r.id, r.attributes, r.relationships, r.meta, coalesce (o.state, 'synced')"
#define OUTBOX_JOIN \
  " LEFT JOIN outbox o ON o.type = r.type AND o.record_id = r.id"
#define RECORD_JOIN "records r" OUTBOX_JOIN

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
/* Whether @db, the file at @path, may be migrated and written: an empty
 * database or a store of a schema this version knows.  Only reads.
 * %FALSE with ECCP_STORE_ERROR_FOREIGN or _TOO_NEW otherwise. */
gboolean  _eccp_store_schema_identify    (sqlite3         *db,
                                          const char      *path,
                                          GError         **error);
/* Sets PRAGMA application_id on a store that lacks it (made before it). */
gboolean  _eccp_store_schema_stamp       (sqlite3         *db,
                                          GError         **error);

/* The full-text index (eccp-store-search.c).  The text the index holds
 * for a record: the values of the type's searchable fields. */
char     *_eccp_store_search_text        (const char      *type,
                                          JsonObject      *attributes);
/* The FTS5 query for what a person typed, or %NULL when it has no letter
 * or digit to search for. */
char     *_eccp_store_fts_query          (const char      *text);
GArray   *_eccp_store_search_queue_new   (void);
/* Queues a record's entry (@search_text %NULL: only its removal), written
 * by _eccp_store_flush_search_index() just before COMMIT. */
void      _eccp_store_index_record       (EccpStore       *self,
                                          gint64           num,
                                          gboolean         replace,
                                          const char      *type,
                                          const char      *search_text);
gboolean  _eccp_store_flush_search_index (EccpStore       *self,
                                          GError         **error);

/* The FTS5 table that indexes records of @type: "fts_cluster". */
char     *_eccp_store_fts_table          (const char      *type);

/* The statement eccp_store_list_for_review() runs (eccp-store-query.c),
 * for the test that checks its plan. */
char     *_eccp_store_review_queue_sql   (void);

/* The statement eccp_store_list_attendee_states() runs
 * (eccp-store-venue.c), for the test that checks its plan. */
char     *_eccp_store_attendee_states_sql
                                         (gboolean         search,
                                          EccpCheckinFilter filter);
/* The statement eccp_store_list_recent_checkins() runs: ?1 the event,
 * ?2 how many. */
const char *_eccp_store_recent_checkins_sql (void);

sqlite3  *_eccp_store_get_db             (EccpStore       *self);

/* A commit made on another connection of this process (the writer
 * thread): ::changed now, ::settled later, as for the store's own. */
void      _eccp_store_note_commit        (EccpStore       *self);

/* The threads of eccp_store_run_async() (eccp-store-worker.c). */
EccpStoreWorker *_eccp_store_worker_new  (const char       *path,
                                          EccpStoreJobKind  kind);
void      _eccp_store_worker_push        (EccpStoreWorker  *worker,
                                          GTask            *task,
                                          EccpStoreJobFunc  func,
                                          gpointer          data,
                                          GDestroyNotify    data_free,
                                          GDestroyNotify    result_free);
void      _eccp_store_worker_close       (EccpStoreWorker  *worker);

/* For the store's own files (eccp-store*.c). */
/* The spec of @type, or %NULL with ECCP_STORE_ERROR_UNKNOWN_TYPE. */
const EccpTypeSpec *
              _eccp_store_lookup_type   (const char          *type,
                                         GError             **error);
/* A record from the RECORD_COLUMNS of the current row. */
EccpRecord   *_eccp_store_record_from_row
                                        (sqlite3_stmt        *stmt);
gboolean      _eccp_store_begin         (EccpStore           *self,
                                         GError             **error);
gboolean      _eccp_store_commit        (EccpStore           *self,
                                         GError             **error);
void          _eccp_store_rollback      (EccpStore           *self);
gboolean      _eccp_store_end           (EccpStore           *self,
                                         gboolean             success,
                                         GError             **error);
/* A cached prepared statement, reset, bindings cleared. */
sqlite3_stmt *_eccp_store_statement     (EccpStore           *self,
                                         const char          *sql,
                                         GError             **error);
/* The same with ?1 and ?2 bound to @text1 and @text2: a record's type
 * and id, for most of the store's statements. */
sqlite3_stmt *_eccp_store_statement_for (EccpStore           *self,
                                         const char          *sql,
                                         const char          *text1,
                                         const char          *text2,
                                         GError             **error);
JsonObject   *_eccp_store_column_object (sqlite3_stmt        *stmt,
                                         int                  column);
/* Steps @stmt to its end and resets it: %FALSE with @error ("@what:
 * why") when it fails. */
gboolean      _eccp_store_step_done     (EccpStore           *self,
                                         sqlite3_stmt        *stmt,
                                         const char          *what,
                                         GError             **error);
/* Steps @stmt for the integer of its one row (a count) and resets it: -1
 * with @error when it fails. */
gint64        _eccp_store_step_int64    (EccpStore           *self,
                                         sqlite3_stmt        *stmt,
                                         const char          *what,
                                         GError             **error);
/* Adds what @func makes of each row of @stmt to @rows and resets @stmt:
 * %FALSE with @error when the rows could not all be read. */
typedef gpointer (*EccpRowFunc) (sqlite3_stmt *stmt);
gboolean      _eccp_store_step_rows     (EccpStore           *self,
                                         sqlite3_stmt        *stmt,
                                         EccpRowFunc          func,
                                         GPtrArray           *rows,
                                         GError             **error);
/* Runs @sql with ?1 and ?2 bound to @text1 and @text2. */
gboolean      _eccp_store_run           (EccpStore           *self,
                                         const char          *sql,
                                         const char          *text1,
                                         const char          *text2,
                                         GError             **error);
/* The one place a record row and its search text are written / removed. */
gboolean      _eccp_store_write_row     (EccpStore           *self,
                                         const char          *type,
                                         const char          *id,
                                         JsonObject          *attributes,
                                         JsonObject          *relationships,
                                         JsonObject          *meta,
                                         gboolean             insert,
                                         GError             **error);
gboolean      _eccp_store_remove_row    (EccpStore           *self,
                                         const char          *type,
                                         const char          *id,
                                         GError             **error);
/* The outbox row of a record, or %NULL (and no error) when it has none. */
EccpChange   *_eccp_store_load_change   (EccpStore           *self,
                                         const char          *type,
                                         const char          *id,
                                         GError             **error);
/* The same, but %FALSE only when the store could not be read: *@change is
 * %NULL when the record has no change. */
gboolean      _eccp_store_find_change   (EccpStore           *self,
                                         const char          *type,
                                         const char          *id,
                                         EccpChange         **change,
                                         GError             **error);
/* The change numbered @num, or %NULL in *@change when it is gone already
 * (answered meanwhile, or twice): %FALSE only when the store could not be
 * read. */
gboolean      _eccp_store_find_change_by_num
                                        (EccpStore           *self,
                                         gint64               num,
                                         EccpChange         **change,
                                         GError             **error);
/* A new change against @record as it stands: its trees and transition
 * meta as the base, its revision, a fresh key; no field named yet. */
EccpChange   *_eccp_store_change_new    (EccpRecord          *record,
                                         EccpChangeOp         op);
/* {"moderation_state": …, "review_comment": …} of @meta. */
JsonObject   *_eccp_store_transition_meta
                                        (JsonObject          *meta);
EccpChange   *_eccp_store_load_change_by_num
                                        (EccpStore           *self,
                                         gint64               num,
                                         GError             **error);
gboolean      _eccp_store_insert_change (EccpStore           *self,
                                         const EccpChange    *change,
                                         GError             **error);
/* Writes @change back over its row (op, changed names, base, key, state,
 * errors, conflicts). */
gboolean      _eccp_store_save_change   (EccpStore           *self,
                                         const EccpChange    *change,
                                         GError             **error);
gboolean      _eccp_store_delete_change (EccpStore           *self,
                                         gint64               num,
                                         GError             **error);
GStrv         _eccp_store_strv_union    (const char * const  *a,
                                         const char * const  *b);
void          _eccp_store_refresh_key_if_sent
                                        (EccpChange          *change);

/* Import with a hook for records that have a local change (the sync
 * engine's rebase); %NULL keeps them as they are (eccp import). */
typedef gboolean (*EccpRebaseFunc) (EccpStore   *self,
                                    EccpChange  *change,
                                    JsonObject  *theirs,
                                    gpointer     user_data,
                                    GError     **error);
gboolean      _eccp_store_import        (EccpStore           *self,
                                         JsonNode            *document,
                                         EccpImportStats     *stats,
                                         EccpRebaseFunc       rebase,
                                         gpointer             rebase_data,
                                         GError             **error);
/* The same from a document's JSON text, read a record at a time (as
 * eccp_store_import_file() streams a file): no tree of the whole. */
gboolean      _eccp_store_import_text   (EccpStore           *self,
                                         const char          *text,
                                         gsize                length,
                                         EccpImportStats     *stats,
                                         EccpRebaseFunc       rebase,
                                         gpointer             rebase_data,
                                         GError             **error);

G_END_DECLS
