/* eccp-sync-engine-private.h: what the sync engine's files share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run is a chain of steps, each a function of its GTask: the run, its
 * waits and its end in eccp-sync-engine.c, the push (one request, /batch,
 * look-ups, and what each answer means) in eccp-sync-push.c, the pull of
 * /changes (and the re-sync after a 410) in eccp-sync-pull.c.
 */

#pragma once

#include "eccp-sync-engine.h"

G_BEGIN_DECLS

struct _EccpSyncEngine
{
  GObject           parent_instance;

  EccpStore        *store;
  EccpPortalClient *client;

  guint             retry_base_ms;
  guint             max_attempts;
  guint             max_retry_after;
  guint             batch_size;
  guint             page_limit;

  gboolean          running;
  guint             pulled;
  guint             pushed;
  gint64            remaining;
  EccpSyncReport   *last_report;
};

typedef void (*EccpSyncStep) (GTask *task);

typedef enum
{
  ECCP_SYNC_LOOKUP_ACCEPT,  /* a success without the record: fetch it, then accept */
  ECCP_SYNC_LOOKUP_REBASE,  /* 412 without meta.current, 409 duplicate_id of a resent create */
} EccpSyncLookupKind;

/* A record to fetch (GET /{type}/{id}) before a change's answer can be
 * taken, or a PATCH answered 404, shown after the pull. */
typedef struct
{
  EccpChange         *change;  /* as it was sent: its key is the one the answer is for */
  EccpSyncLookupKind  kind;
  JsonArray          *errors;  /* the portal's errors, to show if the look-up finds nothing */
} EccpSyncLookup;

void  _eccp_sync_lookup_free (EccpSyncLookup *lookup);

/* The state of one run: the GTask's data. */
typedef struct
{
  EccpSyncReport  report;
  gint64          started_us;
  guint           round;
  guint           failures;        /* transient failures in a row */
  char           *problem;         /* the last transient failure, for the message */
  GHashTable     *skip;            /* nums not to send again in this run */
  GHashTable     *stale;           /* num → 412s so far */
  GPtrArray      *not_found;       /* EccpSyncLookup: PATCHes answered 404, surfaced after the pull */
  GQueue          lookups;         /* EccpSyncLookup: records to fetch before going on */
  GPtrArray      *sending;         /* EccpChange: the request in flight */
  gint64          retry_after;     /* the longest Retry-After of the last answers, or -1 */
  gboolean        from_scratch;    /* this pull started without a cursor */
  gboolean        resync_begun;
  gboolean        no_batch;        /* /batch was refused: one request per change */
  char           *page_cursor;     /* the cursor the page in flight was asked from */
  GHashTable     *seen_cursors;    /* every cursor this run asked from: none may come again */
  guint           pages;           /* pages of /changes taken in this run */
  gboolean        writing;         /* a page is being written on the store's writer thread */
  gboolean        written_last;    /* ... and it is the feed's last */
  gint64          written_remaining; /* ... and its meta.remaining */
  GAsyncResult   *waiting;         /* the next page's answer, taken once that page is in */
  gboolean        ended;           /* the task has returned */
  GCancellable   *cancellable;     /* the run's: the caller's, or the deadline's */
  GCancellable   *caller;          /* the caller's, linked to it */
  gulong          caller_id;
  GSource        *deadline;
  gboolean        timed_out;
  GSource        *timer;
  GSource        *cancel_source;
  EccpSyncStep    after_wait;
} EccpSyncRun;

static inline EccpSyncEngine *
_eccp_sync_task_engine (GTask *task)
{
  return g_task_get_source_object (task);
}

static inline EccpSyncRun *
_eccp_sync_task_run (GTask *task)
{
  return g_task_get_task_data (task);
}

/* {{{ The run (eccp-sync-engine.c) */

void      _eccp_sync_set_progress        (EccpSyncEngine      *self,
                                          EccpSyncRun         *run);
void      _eccp_sync_set_remaining       (EccpSyncEngine      *self,
                                          gint64               remaining);

/* Ends the run.  @outcome IN_STEP is refined by what the store now holds:
 * changes waiting for the user, or still waiting to be sent.  Takes @error. */
void      _eccp_sync_complete            (GTask               *task,
                                          EccpSyncOutcome      outcome,
                                          GError              *error);
/* Ends the run as FAILED (or CANCELLED), with @error in ECCP_SYNC_ERROR.
 * Takes @error. */
void      _eccp_sync_fail                (GTask               *task,
                                          GError              *error);
void      _eccp_sync_fail_auth           (GTask               *task);
/* Ends the run as CANCELLED if it was: then %TRUE. */
gboolean  _eccp_sync_check_cancelled     (GTask               *task);

/* A transient failure: wait (Retry-After, else back-off), then @next, or
 * give up when it happened max-attempts times in a row.  Takes @problem. */
void      _eccp_sync_retry_later         (GTask               *task,
                                          gint64               retry_after,
                                          char                *problem,
                                          EccpSyncStep         next);
/* A request that got no answer: @next later if that may pass.  Takes @error. */
void      _eccp_sync_request_failed      (GTask               *task,
                                          GError              *error,
                                          EccpSyncStep         next);
gboolean  _eccp_sync_is_transient_status (guint                status);

/* Sends one request of the run, and counts it in the report (a write as
 * a push request too); @callback gets the task. */
void      _eccp_sync_request             (GTask               *task,
                                          const char          *method,
                                          const char          *path,
                                          JsonNode            *body,
                                          gint64               if_match,
                                          const char          *idempotency_key,
                                          GAsyncReadyCallback  callback);

/* The answer to a request of the run, whatever its status; %NULL when
 * there was none, dealt with as _eccp_sync_request_failed() (then @next). */
EccpPortalResponse *
          _eccp_sync_take_answer         (GTask               *task,
                                          GObject             *client,
                                          GAsyncResult        *result,
                                          EccpSyncStep         next);
/* The start of handling an answer: no answer, 401 and the statuses worth a
 * retry (then @next, later) are dealt with here.  Returns the answer for
 * the caller to read, or %NULL when it has been dealt with. */
EccpPortalResponse *
          _eccp_sync_take_response       (GTask               *task,
                                          GObject             *client,
                                          GAsyncResult        *result,
                                          EccpSyncStep         next);

/* }}} */

/* {{{ The push (eccp-sync-push.c) */

/* Sends what waits (after the look-ups queued), then pulls. */
void      _eccp_sync_push_step           (GTask               *task);

/* The pending changes to send next, without those set aside in this run.
 * Returns: (element-type EccpChange) (transfer full) */
GPtrArray *
          _eccp_sync_next_changes        (EccpSyncEngine      *self,
                                          EccpSyncRun         *run,
                                          guint                limit,
                                          GError             **error);

/* Marks @change @state (REJECTED or INVALID) with the portal's @errors, or
 * one made of @status when it sent none, and counts it. */
gboolean  _eccp_sync_refuse              (EccpSyncEngine      *self,
                                          EccpSyncRun         *run,
                                          EccpChange          *change,
                                          EccpSyncState        state,
                                          guint                status,
                                          JsonArray           *errors,
                                          GError             **error);

/* }}} */

/* {{{ The pull (eccp-sync-pull.c) */

/* Reads /changes to its end, then pushes again what the merges left (at
 * most three rounds), then ends the run. */
void      _eccp_sync_pull_start          (GTask               *task);

/* }}} */

G_END_DECLS
