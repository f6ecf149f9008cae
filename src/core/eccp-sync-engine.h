/* eccp-sync-engine.h: brings the local store and the portal in step
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-portal-client.h"
#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_SYNC_ERROR (eccp_sync_error_quark ())

/* Why a run did not end in step.  Cancelling gives G_IO_ERROR_CANCELLED. */
typedef enum
{
  ECCP_SYNC_ERROR_FAILED,       /* the store failed, or the portal's answers made no sense */
  ECCP_SYNC_ERROR_NEEDS_USER,   /* finished, but changes wait for the user (conflict,
                                 * rejected, invalid): not a failure, an outcome */
  ECCP_SYNC_ERROR_UNREACHABLE,  /* the portal could not be reached; nothing is lost */
  ECCP_SYNC_ERROR_AUTH_FAILED,  /* 401: the token was refused; every change is kept */
  ECCP_SYNC_ERROR_BUSY,         /* a run is going on already */
  ECCP_SYNC_ERROR_INCOMPLETE,   /* changes are still waiting to be sent (the portal kept
                                 * answering that they were out of date) */
} EccpSyncError;

GQuark eccp_sync_error_quark (void);

typedef enum
{
  ECCP_SYNC_OUTCOME_IN_STEP,      /* everything is in step */
  ECCP_SYNC_OUTCOME_NEEDS_USER,   /* finished, but changes wait for the user */
  ECCP_SYNC_OUTCOME_UNREACHABLE,  /* the portal could not be reached; nothing lost */
  ECCP_SYNC_OUTCOME_AUTH_FAILED,  /* the portal refused the token */
  ECCP_SYNC_OUTCOME_FAILED,       /* anything else (see the GError) */
  ECCP_SYNC_OUTCOME_CANCELLED,
} EccpSyncOutcome;

typedef struct
{
  EccpSyncOutcome outcome;
  guint pulled;        /* records written or removed as the portal has them */
  guint pushed;        /* local changes the portal accepted */
  guint merged;        /* changes merged with the portal's version on their own */
  guint conflicts;     /* records with fields both sides changed: the user decides */
  guint rejected;      /* changes the portal refused (403) */
  guint invalid;       /* changes the portal found not valid (422, 409, 400) */
  guint removed;       /* records a full re-sync found gone */
  guint requests;      /* HTTP requests made, retries included */
  guint push_requests; /* of which writes (single or /batch) */
  guint retries;       /* requests made again after a transient failure */
  gboolean resynced;   /* the cursor had expired: the whole feed was read again */
  /* After the run, in the whole store: changes waiting for the user
   * (conflict, rejected, invalid) and changes still to be sent. */
  gint64 waiting_for_user;
  gint64 pending;
  gint64 duration_ms;
} EccpSyncReport;

#define ECCP_TYPE_SYNC_REPORT (eccp_sync_report_get_type ())

GType           eccp_sync_report_get_type (void) G_GNUC_CONST;
EccpSyncReport *eccp_sync_report_copy     (const EccpSyncReport *self);
void            eccp_sync_report_free     (EccpSyncReport       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpSyncReport, eccp_sync_report_free)

#define ECCP_TYPE_SYNC_ENGINE (eccp_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (EccpSyncEngine, eccp_sync_engine, ECCP, SYNC_ENGINE, GObject)

EccpSyncEngine *eccp_sync_engine_new          (EccpStore        *store,
                                               EccpPortalClient *client);
EccpStore      *eccp_sync_engine_get_store    (EccpSyncEngine   *self);
EccpPortalClient *
                eccp_sync_engine_get_client   (EccpSyncEngine   *self);

/* One run (portal-api.md section 6): push what waits, pull the change feed
 * to its end, push again what the pull's merges left to send (at most
 * three rounds).  Transient failures are retried with exponential back-off
 * and full jitter, 429 and 503 after Retry-After; after "max-attempts"
 * failures in a row the run ends UNREACHABLE, everything still queued.
 *
 * The network side never blocks the main loop.  The store's calls are
 * synchronous local SQLite transactions, each short (one change, or one
 * page of at most 1,000 records).  Cancelling at any point loses nothing:
 * every store call is one transaction, and a change sent without an answer
 * is sent again with the same idempotency key. */
void            eccp_sync_engine_sync_async   (EccpSyncEngine      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* %TRUE when the run ended in step.  Otherwise %FALSE with @error in
 * ECCP_SYNC_ERROR (NEEDS_USER, UNREACHABLE, AUTH_FAILED, INCOMPLETE,
 * FAILED) or G_IO_ERROR_CANCELLED.  @report, when not %NULL, is set in
 * every case but BUSY. */
gboolean        eccp_sync_engine_sync_finish  (EccpSyncEngine      *self,
                                               GAsyncResult        *result,
                                               EccpSyncReport     **report,
                                               GError             **error);

/* Progress of the current run (also as the properties "running",
 * "pulled", "pushed" and "remaining", which notify). */
gboolean        eccp_sync_engine_get_running  (EccpSyncEngine   *self);
guint           eccp_sync_engine_get_pulled   (EccpSyncEngine   *self);
guint           eccp_sync_engine_get_pushed   (EccpSyncEngine   *self);
/* The feed's meta.remaining estimate, or -1 when not known. */
gint64          eccp_sync_engine_get_remaining(EccpSyncEngine   *self);
/* The report of the last run that ended, or %NULL. */
const EccpSyncReport *
                eccp_sync_engine_get_last_report (EccpSyncEngine *self);

G_END_DECLS
