/* eccp-store.h: the local SQLite store, where every edit goes first
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eccp-change.h"
#include "eccp-query.h"
#include "eccp-record.h"

G_BEGIN_DECLS

#define ECCP_STORE_ERROR (eccp_store_error_quark ())

typedef enum
{
  ECCP_STORE_ERROR_FAILED,        /* SQLite failed: disk full, I/O error, ... */
  ECCP_STORE_ERROR_NOT_FOUND,     /* no such record */
  ECCP_STORE_ERROR_UNKNOWN_TYPE,  /* not one of the record types */
  ECCP_STORE_ERROR_UNKNOWN_FIELD, /* a query or edit names a field the type lacks */
  ECCP_STORE_ERROR_NOT_ALLOWED,   /* e.g. changing an append-only check-in */
  ECCP_STORE_ERROR_EXISTS,        /* a record with this id exists already */
  ECCP_STORE_ERROR_TOO_NEW,       /* the file was written by a newer ECCP Desk */
  ECCP_STORE_ERROR_BAD_DOCUMENT,  /* an imported document is not JSON:API */
  ECCP_STORE_ERROR_SLOT_TAKEN,    /* an accepted meeting would double-book someone or a table */
  ECCP_STORE_ERROR_FOREIGN,       /* the file is another application's, or not SQLite: left unchanged */
} EccpStoreError;

GQuark eccp_store_error_quark (void);

/* The schema version a new or migrated file ends at (PRAGMA user_version). */
#define ECCP_STORE_SCHEMA_VERSION 9

/* PRAGMA application_id of every store: ASCII "ECCP".  A file is changed
 * only once it is known to be a store (see eccp_store_new()). */
#define ECCP_STORE_APPLICATION_ID 0x45434350

#define ECCP_TYPE_STORE (eccp_store_get_type ())

/* How long EccpStore::settled waits after a commit. */
#define ECCP_STORE_SETTLED_MS 150

G_DECLARE_FINAL_TYPE (EccpStore, eccp_store, ECCP, STORE, GObject)

/* Work handed to a thread with its own connection (eccp-store-worker.c). */
typedef enum
{
  ECCP_STORE_JOB_READ,   /* the reader thread: searches, counts, pages */
  ECCP_STORE_JOB_WRITE,  /* the writer thread: one job at a time, in order */
} EccpStoreJobKind;

/* Runs on the worker's thread with @connection, that thread's own store on
 * the same file.  Returns the result (freed with the result_free given to
 * eccp_store_run_async() if nobody takes it), or %NULL with @error.  It
 * must touch nothing of the caller's thread: @data is its own until it
 * returns. */
typedef gpointer (*EccpStoreJobFunc) (EccpStore     *connection,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* Opens (creating it and its folder when missing) and migrates the store at
 * @path.  An existing file is first read read-only and left unchanged,
 * with ECCP_STORE_ERROR_FOREIGN or ECCP_STORE_ERROR_TOO_NEW, unless it is
 * a store this version can open (eccp-store-schema.c says how one is
 * recognised).  A store belongs to one thread at a time. */
EccpStore   *eccp_store_new               (const char       *path,
                                           GError          **error);
const char  *eccp_store_get_path          (EccpStore        *self);
/* Runs @func on the reader or writer thread (made on first use) and
 * calls @callback on the caller's thread-default main context.  Jobs of
 * one kind run one at a time, in the order they were queued.  Cancelling
 * @cancellable interrupts SQLite inside a statement: the job's
 * transaction is rolled back and eccp_store_run_finish() fails with
 * G_IO_ERROR_CANCELLED (G_IO_ERROR_CLOSED when eccp_store_close_workers()
 * stopped it) — except a write job that had already succeeded, whose
 * result comes back: it is in the file.  A read job runs in one read
 * transaction, so all it reads is of one moment.  After a write job, the store emits ::changed
 * (and ::settled) on the caller's thread before @callback runs.
 * @data_free frees @data once the job is over. */
void         eccp_store_run_async         (EccpStore          *self,
                                           EccpStoreJobKind    kind,
                                           EccpStoreJobFunc    func,
                                           gpointer            data,
                                           GDestroyNotify      data_free,
                                           GDestroyNotify      result_free,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gpointer     eccp_store_run_finish        (EccpStore          *self,
                                           GAsyncResult       *result,
                                           GError            **error);
/* Cancels every queued and running job, waits for the threads to end and
 * closes their connections.  Jobs queued afterwards fail at once.  Called
 * by the store's owner before it lets go of the store (the app on quit);
 * a store finalized without it closes them then. */
void         eccp_store_close_workers     (EccpStore          *self);
/* Every @interval_ms (0: stop), asks SQLite whether another connection
 * (`eccp sync` in a terminal, another store object) committed, and if so
 * emits EccpStore::settled, so views show its writes.  Not ::changed,
 * which means this store's own writes (the app sends those). */
void         eccp_store_watch_other_writers
                                          (EccpStore        *self,
                                           guint             interval_ms);
/* $ECCP_DB, else $XDG_DATA_HOME/eccp-desk/store.db */
char        *eccp_store_default_path      (void);

/* Reading: the local view, with local edits applied and locally deleted
 * records hidden. */
EccpRecord  *eccp_store_get               (EccpStore        *self,
                                           const char       *type,
                                           const char       *id,
                                           GError          **error);
/* Returns: (element-type EccpRecord) (transfer container) */
GPtrArray   *eccp_store_query             (EccpStore        *self,
                                           EccpQuery        *query,
                                           GError          **error);
/* Calls @func for each record @query selects, in order, from one statement:
 * one consistent snapshot, never the whole list in memory.  @func may read
 * the store but not write to it; returning %FALSE (with @error) stops. */
typedef gboolean (*EccpRecordFunc) (EccpRecord  *record,
                                    gpointer     user_data,
                                    GError     **error);

gboolean     eccp_store_foreach           (EccpStore        *self,
                                           EccpQuery        *query,
                                           EccpRecordFunc    func,
                                           gpointer          user_data,
                                           GError          **error);
gint64       eccp_store_count             (EccpStore        *self,
                                           EccpQuery        *query,
                                           GError          **error);

/* Local edits.  Each validates against the field specs, then writes the
 * record and its outbox row in one transaction: either both are on disk or
 * neither is.  A rejected value writes nothing.
 *
 * @id may be %NULL for create (a new UUID is made).  For update, members of
 * @attributes / @relationships are the changed fields; a null member clears
 * the field; "members.sme" changes one member of an object field and keeps
 * the others.  Returns the record as it now stands locally. */
EccpRecord  *eccp_store_create            (EccpStore        *self,
                                           const char       *type,
                                           const char       *id,
                                           JsonObject       *attributes,
                                           JsonObject       *relationships,
                                           GError          **error);
EccpRecord  *eccp_store_update            (EccpStore        *self,
                                           const char       *type,
                                           const char       *id,
                                           JsonObject       *attributes,
                                           JsonObject       *relationships,
                                           GError          **error);
gboolean     eccp_store_delete            (EccpStore        *self,
                                           const char       *type,
                                           const char       *id,
                                           GError          **error);

/* Takes back a local deletion of @record (as it was before), whose
 * outbox row was @previous (%NULL when it had none): the record and that
 * row come back.  Fails with ECCP_STORE_ERROR_NOT_ALLOWED once the
 * deletion has been sent. */
gboolean     eccp_store_restore           (EccpStore        *self,
                                           EccpRecord       *record,
                                           EccpChange       *previous,
                                           GError          **error);

/* The outbox: local changes not yet accepted by the portal, oldest first.
 * Returns: (element-type EccpChange) (transfer container) */
GPtrArray   *eccp_store_list_changes      (EccpStore        *self,
                                           GError          **error);
EccpChange  *eccp_store_get_change        (EccpStore        *self,
                                           const char       *type,
                                           const char       *id,
                                           GError          **error);

/* The portal's state: a JSON:API document ("data" an object or an array) or
 * a page of /changes (with tombstones and meta.cursor).  Records are stored
 * as synced at the portal's revision, in one transaction with the cursor.
 * A record with a pending local change is not overwritten: it is counted in
 * kept_local and left for the sync engine to merge. */
typedef struct
{
  guint created;
  guint updated;
  guint deleted;
  guint unchanged;   /* the same revision again, or an older one */
  guint kept_local;
} EccpImportStats;

gboolean     eccp_store_import_document   (EccpStore        *self,
                                           JsonNode         *document,
                                           EccpImportStats  *stats,
                                           GError          **error);
gboolean     eccp_store_import_file       (EccpStore        *self,
                                           const char       *path,
                                           EccpImportStats  *stats,
                                           GError          **error);

/* SQLite's page cache, in KiB (64 MiB when opened: what a sync's pages
 * need).  A window that only reads lists does with less. */
void         eccp_store_set_cache_size    (EccpStore        *self,
                                           guint             kib);

/* The records that wait for staff's review (moderation state
 * needs_review), oldest submission first: (element-type EccpRecord) */
GPtrArray   *eccp_store_list_for_review   (EccpStore        *self,
                                           GError          **error);

/* The letters the search folds before SQLite removes the diacritics,
 * since Unicode does not decompose them (Ł→L, Ø→O, ß→ss): for a search
 * made outside the index (the review queue) to find what it finds. */
char        *eccp_store_fold_letters      (const char       *text);
/* @text as searches outside the index compare it: those letters folded,
 * then accents, case and compatibility forms aside (NFKD without the
 * combining marks, casefolded): "Łódź" and "LODZ" both fold to "lodz". */
char        *eccp_store_fold_text         (const char       *text);

/* Figures for `eccp status` and the header bar. */
gint64       eccp_store_count_records     (EccpStore        *self,
                                           const char       *type,
                                           GError          **error);
gint64       eccp_store_count_changes     (EccpStore        *self,
                                           EccpSyncState     state,
                                           GError          **error);

/* Small named values kept with the data: the feed cursor, the portal URL.
 * Never a token. */
char        *eccp_store_get_setting       (EccpStore        *self,
                                           const char       *key);
gboolean     eccp_store_set_setting       (EccpStore        *self,
                                           const char       *key,
                                           const char       *value,
                                           GError          **error);

/* Check-ins (eccp-store-venue.c).  An attendee is checked in when their
 * latest check-in by `at` is not an undo (portal-api.md §3); these are the
 * only functions that decide it. */
typedef enum
{
  ECCP_CHECKIN_FILTER_ALL,    /* everybody registered */
  ECCP_CHECKIN_FILTER_NOT_IN, /* not yet in, or their check-in undone */
  ECCP_CHECKIN_FILTER_IN,
} EccpCheckinFilter;

typedef struct
{
  char          *id;              /* the attendee's */
  char          *event_id;
  char          *name;
  char          *organisation;    /* or %NULL */
  char          *country;         /* ISO code, or %NULL */
  gboolean       checked_in;
  /* The attendee's latest check-in (an undo when they are not in), or
   * %NULL when they have none. */
  char          *last_checkin_id;
  char          *last_at;         /* RFC 3339, as recorded */
  char          *last_device;
  EccpSyncState  last_state;      /* pending: not sent yet */
} EccpAttendeeState;

#define ECCP_TYPE_ATTENDEE_STATE (eccp_attendee_state_get_type ())

GType              eccp_attendee_state_get_type (void) G_GNUC_CONST;
EccpAttendeeState *eccp_attendee_state_copy     (const EccpAttendeeState *state);
void               eccp_attendee_state_free     (EccpAttendeeState       *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpAttendeeState, eccp_attendee_state_free)

/* The attendees of @event_id, by name, with their state.  @search (or
 * %NULL) matches words of the name and organisation by prefix, ignoring
 * case and accents ("lodz" finds "Łódź").
 * Returns: (element-type EccpAttendeeState) (transfer full) */
GPtrArray         *eccp_store_list_attendee_states
                                              (EccpStore          *self,
                                               const char         *event_id,
                                               const char         *search,
                                               EccpCheckinFilter   filter,
                                               GError            **error);
/* One attendee's state, or %NULL with ECCP_STORE_ERROR_NOT_FOUND. */
EccpAttendeeState *eccp_store_get_attendee_state
                                              (EccpStore          *self,
                                               const char         *attendee_id,
                                               GError            **error);
/* "112 of 180 checked in": @registered and @checked_in may be %NULL. */
gboolean           eccp_store_count_checked_in
                                              (EccpStore          *self,
                                               const char         *event_id,
                                               gint64             *registered,
                                               gint64             *checked_in,
                                               GError            **error);
/* Checks @attendee_id in at @event_id now (or withdraws it, @undo): a new
 * append-only checkin record signed with @device (%NULL: the store's
 * device name), its time in RFC 3339 with milliseconds, which keep a
 * check-in and its undo a moment later in order.  Whether the person is
 * in already is the caller's to ask (eccp_store_get_attendee_state). */
EccpRecord        *eccp_store_check_in        (EccpStore          *self,
                                               const char         *event_id,
                                               const char         *attendee_id,
                                               gboolean            undo,
                                               const char         *device,
                                               GError            **error);
/* One check-in event as it happened, for "Recent check-ins": an undo is
 * one too.  The attendee's name is %NULL when the store lacks them. */
typedef struct
{
  char          *id;              /* the check-in's */
  char          *attendee_id;
  char          *name;            /* the attendee's, or %NULL */
  char          *at;              /* RFC 3339, as recorded */
  char          *device;          /* or %NULL */
  gboolean       undo;
  EccpSyncState  state;           /* pending: not sent yet */
} EccpRecentCheckin;

#define ECCP_TYPE_RECENT_CHECKIN (eccp_recent_checkin_get_type ())

GType              eccp_recent_checkin_get_type (void) G_GNUC_CONST;
EccpRecentCheckin *eccp_recent_checkin_copy     (const EccpRecentCheckin *checkin);
void               eccp_recent_checkin_free     (EccpRecentCheckin       *checkin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpRecentCheckin, eccp_recent_checkin_free)

/* The latest @limit check-ins and undos of @event_id, newest first (by
 * `at`, then id, as LATEST_CHECKIN orders them), from this device and
 * from every other one the store has synced.
 * Returns: (element-type EccpRecentCheckin) (transfer full) */
GPtrArray         *eccp_store_list_recent_checkins
                                              (EccpStore          *self,
                                               const char         *event_id,
                                               guint               limit,
                                               GError            **error);
/* The name check-ins made here are signed with: the store setting
 * "device", shared by the app and `eccp`, else the computer's name. */
char              *eccp_store_get_device_name (EccpStore          *self);
/* At most 100 characters; %NULL or blank goes back to the computer's name. */
gboolean           eccp_store_set_device_name (EccpStore          *self,
                                               const char         *name,
                                               GError            **error);

G_END_DECLS
