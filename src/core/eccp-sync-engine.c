/* eccp-sync-engine.c: brings the local store and the portal in step
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run is a chain of steps on the caller's main context, held together
 * by a GTask: push the outbox (one request, or /batch for several changes),
 * pull /changes to its end, push again what the pull's merges left.  Every
 * answer goes to the store at once, in its own transaction, so a run that
 * is cancelled or crashes at any point leaves nothing half done: a change
 * sent without an answer is sent again with the same idempotency key.
 *
 * The store's calls are synchronous (local SQLite, one short transaction
 * each: a change, or a page of at most page-limit records); the network
 * never blocks the main loop.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-sync-engine.h"

#include <glib/gi18n-lib.h>

#include "eccp-enum.h"
#include "eccp-json.h"
#include "eccp-store-sync.h"

#define DEFAULT_RETRY_BASE_MS   250   /* first back-off: up to 0.25 s */
#define MAX_BACKOFF_MS          30000 /* no single back-off beyond 30 s */
#define DEFAULT_MAX_ATTEMPTS    5     /* transient failures in a row before giving up */
#define DEFAULT_MAX_RETRY_AFTER 60    /* seconds: a longer Retry-After is cut to this */
#define DEFAULT_MAX_ROUNDS      3     /* push, pull, push again: at most three times */
#define MAX_BATCH               100   /* portal-api.md section 5 */
#define MAX_PAGE                1000  /* portal-api.md section 4 */
#define MAX_STALE               3     /* 412s for one change in one run */

G_DEFINE_QUARK (eccp-sync-error-quark, eccp_sync_error)

/* {{{ EccpSyncReport */

G_DEFINE_BOXED_TYPE (EccpSyncReport, eccp_sync_report, eccp_sync_report_copy, eccp_sync_report_free)

EccpSyncReport *
eccp_sync_report_copy (const EccpSyncReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
eccp_sync_report_free (EccpSyncReport *self)
{
  g_free (self);
}

/* }}} */

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

G_DEFINE_FINAL_TYPE (EccpSyncEngine, eccp_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_RUNNING,
  PROP_PULLED,
  PROP_PUSHED,
  PROP_REMAINING,
  PROP_RETRY_BASE_MS,
  PROP_MAX_ATTEMPTS,
  PROP_MAX_RETRY_AFTER,
  PROP_BATCH_SIZE,
  PROP_PAGE_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* {{{ One run */

typedef void (*StepFunc) (GTask *task);

typedef enum
{
  VERDICT_DONE,       /* the answer is in the store (or a look-up is queued) */
  VERDICT_AUTH,       /* 401 */
  VERDICT_TRANSIENT,  /* 429, 503, 5xx: send again later */
  VERDICT_ERROR,      /* the store failed */
} Verdict;

typedef enum
{
  LOOKUP_ACCEPT,  /* a success without the record: fetch it, then accept */
  LOOKUP_REBASE,  /* 412 without meta.current, 409 duplicate_id of a resent create */
} LookupKind;

typedef struct
{
  EccpChange *change;  /* as it was sent: its key is the one the answer is for */
  LookupKind  kind;
  JsonArray  *errors;  /* the portal's errors, to show if the look-up finds nothing */
} Lookup;

typedef struct
{
  EccpSyncReport  report;
  gint64          started_us;
  guint           round;
  guint           failures;        /* transient failures in a row */
  char           *problem;         /* the last transient failure, for the message */
  GHashTable     *skip;            /* nums not to send again in this run */
  GHashTable     *stale;           /* num → 412s so far */
  GPtrArray      *not_found;       /* Lookup: PATCHes answered 404, surfaced after the pull */
  GQueue          lookups;         /* Lookup: records to fetch before going on */
  GPtrArray      *sending;         /* EccpChange: the request in flight */
  gint64          retry_after;     /* the longest Retry-After of the last answers, or -1 */
  gboolean        from_scratch;    /* this pull started without a cursor */
  gboolean        resync_begun;
  gboolean        no_batch;        /* /batch was refused: one request per change */
  char           *page_cursor;     /* the cursor the page in flight was asked from */
  GSource        *timer;
  GSource        *cancel_source;
  StepFunc        after_wait;
} SyncRun;

static void
lookup_free (Lookup *lookup)
{
  eccp_change_free (lookup->change);
  g_clear_pointer (&lookup->errors, json_array_unref);
  g_free (lookup);
}

static Lookup *
lookup_new (const EccpChange *change,
            LookupKind        kind,
            JsonArray        *errors)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->change = eccp_change_copy (change);
  lookup->kind = kind;
  lookup->errors = errors != NULL ? json_array_ref (errors) : NULL;

  return lookup;
}

static void
stop_wait (SyncRun *run)
{
  if (run->timer != NULL)
    {
      g_source_destroy (run->timer);
      g_clear_pointer (&run->timer, g_source_unref);
    }
  if (run->cancel_source != NULL)
    {
      g_source_destroy (run->cancel_source);
      g_clear_pointer (&run->cancel_source, g_source_unref);
    }
}

static void
sync_run_free (SyncRun *run)
{
  stop_wait (run);
  g_free (run->problem);
  g_clear_pointer (&run->skip, g_hash_table_unref);
  g_clear_pointer (&run->stale, g_hash_table_unref);
  g_clear_pointer (&run->not_found, g_ptr_array_unref);
  g_queue_clear_full (&run->lookups, (GDestroyNotify) lookup_free);
  g_clear_pointer (&run->sending, g_ptr_array_unref);
  g_free (run->page_cursor);
  g_free (run);
}

static SyncRun *
sync_run_new (void)
{
  SyncRun *run = g_new0 (SyncRun, 1);

  run->started_us = g_get_monotonic_time ();
  run->skip = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run->stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run->not_found = g_ptr_array_new_with_free_func ((GDestroyNotify) lookup_free);
  g_queue_init (&run->lookups);
  run->retry_after = -1;

  return run;
}

static void
skip_change (SyncRun *run,
             gint64   num)
{
  g_hash_table_add (run->skip, g_memdup2 (&num, sizeof num));
}

static EccpSyncEngine *
task_engine (GTask *task)
{
  return g_task_get_source_object (task);
}

static SyncRun *
task_run (GTask *task)
{
  return g_task_get_task_data (task);
}

static void
set_progress (EccpSyncEngine *self,
              SyncRun        *run)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->pulled != run->report.pulled)
    {
      self->pulled = run->report.pulled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PULLED]);
    }
  if (self->pushed != run->report.pushed)
    {
      self->pushed = run->report.pushed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSHED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_remaining (EccpSyncEngine *self,
               gint64          remaining)
{
  if (self->remaining == remaining)
    return;

  self->remaining = remaining;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
}

static void
set_running (EccpSyncEngine *self,
             gboolean        running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gint64
count_changes (EccpStore     *store,
               EccpSyncState  state)
{
  g_autoptr(GError) error = NULL;
  gint64 n = eccp_store_count_changes (store, state, &error);

  if (n < 0 || error != NULL)
    {
      g_warning ("Cannot count the local changes: %s", error ? error->message : "?");
      return 0;
    }

  return n;
}

/* Ends the run.  @outcome IN_STEP is refined by what the store now holds:
 * changes waiting for the user, or still waiting to be sent.  Takes @error. */
static void
complete (GTask           *task,
          EccpSyncOutcome  outcome,
          GError          *error)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  EccpSyncReport *report = &run->report;

  stop_wait (run);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outcome = ECCP_SYNC_OUTCOME_CANCELLED;

  report->waiting_for_user = count_changes (self->store, ECCP_SYNC_STATE_CONFLICT)
                             + count_changes (self->store, ECCP_SYNC_STATE_REJECTED)
                             + count_changes (self->store, ECCP_SYNC_STATE_INVALID);
  report->pending = count_changes (self->store, ECCP_SYNC_STATE_PENDING);

  if (outcome == ECCP_SYNC_OUTCOME_IN_STEP && report->waiting_for_user > 0)
    {
      guint n = (guint) MIN (report->waiting_for_user, G_MAXUINT);

      outcome = ECCP_SYNC_OUTCOME_NEEDS_USER;
      error = g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "%u change waits for you: a conflict to decide, or a "
                                        "change the portal refused",
                                        "%u changes wait for you: conflicts to decide, or "
                                        "changes the portal refused",
                                        n),
                           n);
    }
  else if (outcome == ECCP_SYNC_OUTCOME_IN_STEP && report->pending > 0)
    {
      guint n = (guint) MIN (report->pending, G_MAXUINT);

      outcome = ECCP_SYNC_OUTCOME_FAILED;
      error = g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_INCOMPLETE,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "%u change could not be sent in this run; it stays "
                                        "queued for the next",
                                        "%u changes could not be sent in this run; they stay "
                                        "queued for the next",
                                        n),
                           n);
    }

  report->outcome = outcome;
  report->duration_ms = (g_get_monotonic_time () - run->started_us) / 1000;

  g_debug ("Sync ended (%d): %u pulled, %u pushed, %u merged, %u conflicts, %u rejected, "
           "%u invalid, %u requests, %" G_GINT64_FORMAT " ms%s%s",
           outcome, report->pulled, report->pushed, report->merged, report->conflicts,
           report->rejected, report->invalid, report->requests, report->duration_ms,
           error ? ": " : "", error ? error->message : "");

  g_clear_pointer (&self->last_report, eccp_sync_report_free);
  self->last_report = eccp_sync_report_copy (report);
  set_progress (self, run);
  set_remaining (self, -1);
  set_running (self, FALSE);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
fail (GTask  *task,
      GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == ECCP_SYNC_ERROR)
    {
      complete (task, ECCP_SYNC_OUTCOME_FAILED, error);
      return;
    }

  complete (task, ECCP_SYNC_OUTCOME_FAILED,
            g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED, error->message));
  g_error_free (error);
}

static void
fail_auth (GTask *task)
{
  complete (task, ECCP_SYNC_OUTCOME_AUTH_FAILED,
            g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_AUTH_FAILED,
                                 _("The portal refused the access token; sign in again. "
                                   "Every change is kept.")));
}

static gboolean
check_cancelled (GTask *task)
{
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      complete (task, ECCP_SYNC_OUTCOME_CANCELLED, error);
      return TRUE;
    }

  return FALSE;
}

/* {{{ Waiting */

static void
wait_over (GTask    *task,
           gboolean  cancelled)
{
  SyncRun *run = task_run (task);
  StepFunc next = run->after_wait;

  /* The sources hold the task; keep it while they go. */
  g_object_ref (task);
  stop_wait (run);
  run->after_wait = NULL;

  if (cancelled)
    check_cancelled (task);
  else
    next (task);

  g_object_unref (task);
}

static gboolean
wait_timer_cb (gpointer user_data)
{
  wait_over (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  wait_over (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

static void
wait_then (GTask    *task,
           guint     delay_ms,
           StepFunc  next)
{
  SyncRun *run = task_run (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  g_assert (run->timer == NULL);

  run->after_wait = next;
  run->timer = g_timeout_source_new (delay_ms);
  g_source_set_name (run->timer, "[eccp] sync back-off");
  g_source_set_callback (run->timer, wait_timer_cb, g_object_ref (task), g_object_unref);
  g_source_attach (run->timer, context);

  if (cancellable != NULL)
    {
      run->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (run->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (run->cancel_source, context);
    }
}

/* Exponential back-off with full jitter: a random wait between nothing and
 * base × 2^(failures-1), at most MAX_BACKOFF_MS. */
static guint
backoff_ms (EccpSyncEngine *self,
            guint           failures)
{
  guint64 ceiling = self->retry_base_ms;

  for (guint i = 1; i < failures && ceiling < MAX_BACKOFF_MS; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, MAX_BACKOFF_MS);

  return (guint) g_random_int_range (0, (gint32) ceiling + 1);
}

/* A transient failure: wait (Retry-After, else back-off), then @next, or
 * give up when it happened max-attempts times in a row.  Takes @problem. */
static void
retry_later (GTask    *task,
             gint64    retry_after,
             char     *problem,
             StepFunc  next)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  guint delay;

  g_free (run->problem);
  run->problem = problem;
  run->failures++;

  if (run->failures >= self->max_attempts)
    {
      complete (task, ECCP_SYNC_OUTCOME_UNREACHABLE,
                g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_UNREACHABLE,
                             _("The portal could not be reached (%s). Every change stays "
                               "queued for the next sync."),
                             run->problem));
      return;
    }

  if (retry_after >= 0)
    delay = (guint) MIN (retry_after, (gint64) self->max_retry_after) * 1000;
  else
    delay = backoff_ms (self, run->failures);

  run->report.retries++;
  g_debug ("Sync: %s; trying again in %u ms (%u of %u)", run->problem, delay,
           run->failures, self->max_attempts);
  wait_then (task, delay, next);
}

/* A request that got no answer. */
static void
request_failed (GTask    *task,
                GError   *error,
                StepFunc  next)
{
  if (eccp_portal_error_is_transient (error))
    {
      retry_later (task, -1, g_strdup (error->message), next);
      g_error_free (error);
      return;
    }

  fail (task, error);
}

static gboolean
is_transient_status (guint status)
{
  return status == 429 || status == 503 || (status >= 500 && status != 501);
}

/* }}} */

/* {{{ Answers to writes */

static void push_step (GTask *task);
static void pull_start (GTask *task);

/* The pending changes to send next, without those set aside in this run. */
static GPtrArray *
next_changes (EccpSyncEngine  *self,
              SyncRun         *run,
              guint            limit,
              GError         **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  GPtrArray *wanted;

  changes = eccp_store_changes_to_send (self->store, limit + g_hash_table_size (run->skip), error);
  if (changes == NULL)
    return NULL;

  wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_change_free);
  for (guint i = 0; i < changes->len && wanted->len < limit; i++)
    {
      EccpChange *change = g_ptr_array_index (changes, i);

      if (!g_hash_table_contains (run->skip, &change->num))
        g_ptr_array_add (wanted, eccp_change_copy (change));
    }

  return wanted;
}

static JsonArray *
errors_or_status (JsonArray *errors,
                  guint      status)
{
  g_autofree char *code = NULL;
  JsonObject *error;
  JsonArray *array;

  if (errors != NULL && json_array_get_length (errors) > 0)
    return json_array_ref (errors);

  /* Something for the user to read, even when the portal said nothing. */
  code = g_strdup_printf ("%u", status);
  error = json_object_new ();
  json_object_set_string_member (error, "status", code);
  json_object_set_string_member (error, "title", status == 404
                                 ? _("The portal does not have this record")
                                 : _("The portal did not accept this change"));
  array = json_array_new ();
  json_array_add_object_element (array, error);

  return array;
}

static const char *
first_error_code (JsonArray *errors)
{
  JsonNode *first;

  if (errors == NULL || json_array_get_length (errors) == 0)
    return NULL;

  first = json_array_get_element (errors, 0);
  return JSON_NODE_HOLDS_OBJECT (first)
         ? eccp_json_get_string (json_node_get_object (first), "code") : NULL;
}

static gboolean
refuse (EccpSyncEngine  *self,
        SyncRun         *run,
        EccpChange      *change,
        EccpSyncState    state,
        guint            status,
        JsonArray       *errors,
        GError         **error)
{
  g_autoptr(JsonArray) reasons = errors_or_status (errors, status);

  if (!eccp_store_change_refused (self->store, change->num, change->idempotency_key, state,
                                  reasons, error))
    return FALSE;

  if (state == ECCP_SYNC_STATE_REJECTED)
    run->report.rejected++;
  else
    run->report.invalid++;

  return TRUE;
}

static gboolean
accept (EccpSyncEngine  *self,
        SyncRun         *run,
        EccpChange      *change,
        JsonObject      *record,
        GError         **error)
{
  if (!eccp_store_change_accepted (self->store, change->num, change->idempotency_key, record, error))
    return FALSE;

  run->report.pushed++;
  set_progress (self, run);

  return TRUE;
}

/* The portal has the record at another revision than the change's base:
 * merge the change onto it.  A change that keeps coming back stale is
 * left for the next run. */
static gboolean
rebase (EccpSyncEngine  *self,
        SyncRun         *run,
        EccpChange      *change,
        JsonObject      *current,
        GError         **error)
{
  gboolean conflict = FALSE;
  guint count;

  if (!eccp_store_change_stale (self->store, change->num, change->idempotency_key, current,
                                &conflict, error))
    return FALSE;

  if (conflict)
    run->report.conflicts++;
  else
    run->report.merged++;

  count = GPOINTER_TO_UINT (g_hash_table_lookup (run->stale, &change->num)) + 1;
  g_hash_table_replace (run->stale, g_memdup2 (&change->num, sizeof change->num),
                        GUINT_TO_POINTER (count));
  if (count >= MAX_STALE)
    skip_change (run, change->num);

  return TRUE;
}

/* What one answer (a response, or one result of /batch) means for @change,
 * as it was sent.  portal-api.md sections 2 and 5. */
static Verdict
process_answer (GTask       *task,
                EccpChange  *change,
                guint        status,
                JsonObject  *answer,
                gint64       retry_after,
                GError     **error)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  JsonObject *data = eccp_json_get_object (answer, "data");
  JsonArray *errors = eccp_json_get_array (answer, "errors");
  const char *code = first_error_code (errors);
  gboolean ok = TRUE;

  g_debug ("Sync: %s %s/%s → %u%s%s", eccp_enum_get_nick (ECCP_TYPE_CHANGE_OP, change->op), change->type,
           change->record_id, status, code ? " " : "", code ? code : "");

  if (status >= 200 && status < 300)
    {
      if (data != NULL && eccp_json_get_string (data, "id") != NULL)
        ok = accept (self, run, change, data, error);
      else if (change->op == ECCP_CHANGE_DELETE)
        ok = accept (self, run, change, NULL, error);
      else
        g_queue_push_tail (&run->lookups, lookup_new (change, LOOKUP_ACCEPT, NULL));
    }
  else if (status == 401)
    {
      return VERDICT_AUTH;
    }
  else if (status == 403)
    {
      ok = refuse (self, run, change, ECCP_SYNC_STATE_REJECTED, status, errors, error);
    }
  else if (status == 404)
    {
      if (change->op == ECCP_CHANGE_DELETE)
        {
          /* Gone already: what the delete wanted. */
          ok = accept (self, run, change, NULL, error);
        }
      else
        {
          /* Deleted on the portal while edited here: the pull should bring
           * the tombstone, which makes it a conflict for the user.  If it
           * does not, the 404 is shown after the pull. */
          skip_change (run, change->num);
          g_ptr_array_add (run->not_found, lookup_new (change, LOOKUP_REBASE, errors));
        }
    }
  else if (status == 409 && g_strcmp0 (code, "duplicate_id") == 0 &&
           change->op == ECCP_CHANGE_CREATE && change->attempts > 0)
    {
      /* A create sent before whose answer was lost, sent again under a new
       * key (it was edited since): it did land.  Fetch it and rebase what
       * is left onto it; the store turns the create into an update. */
      g_queue_push_tail (&run->lookups, lookup_new (change, LOOKUP_REBASE, errors));
    }
  else if (status == 412)
    {
      JsonNode *first = errors != NULL && json_array_get_length (errors) > 0
        ? json_array_get_element (errors, 0) : NULL;
      JsonObject *meta = first != NULL && JSON_NODE_HOLDS_OBJECT (first)
        ? eccp_json_get_object (json_node_get_object (first), "meta") : NULL;
      JsonObject *current = eccp_json_get_object (meta, "current");

      if (current != NULL)
        ok = rebase (self, run, change, current, error);
      else
        g_queue_push_tail (&run->lookups, lookup_new (change, LOOKUP_REBASE, errors));
    }
  else if (is_transient_status (status))
    {
      run->retry_after = MAX (run->retry_after, retry_after);
      return VERDICT_TRANSIENT;
    }
  else
    {
      /* 422 (field errors), 409 (duplicate_id, slot_taken), 400 (a bug
       * to show), and whatever else: kept, marked, with the reasons. */
      ok = refuse (self, run, change, ECCP_SYNC_STATE_INVALID, status, errors, error);
    }

  return ok ? VERDICT_DONE : VERDICT_ERROR;
}

/* After the answers to one request. */
static void
answered (GTask   *task,
          Verdict  verdict,
          guint    status,
          GError  *error)
{
  SyncRun *run = task_run (task);

  switch (verdict)
    {
    case VERDICT_ERROR:
      fail (task, error);
      return;

    case VERDICT_AUTH:
      fail_auth (task);
      return;

    case VERDICT_TRANSIENT:
      {
        gint64 retry_after = run->retry_after;

        run->retry_after = -1;
        retry_later (task, retry_after,
                     g_strdup_printf (_("the portal answered HTTP %u"), status), push_step);
      }
      return;

    case VERDICT_DONE:
    default:
      run->failures = 0;
      push_step (task);
      return;
    }
}

/* }}} */

/* {{{ Push */

/* The start of handling an answer to a /batch or a look-up: no answer,
 * 401 and the statuses worth a retry are dealt with here.  Returns the
 * answer for the caller to read, or %NULL when it has been dealt with. */
static EccpPortalResponse *
take_push_answer (GTask        *task,
                  GObject      *object,
                  GAsyncResult *result)
{
  SyncRun *run = task_run (task);
  g_autoptr(EccpPortalResponse) response = NULL;
  GError *error = NULL;

  response = eccp_portal_client_request_finish (ECCP_PORTAL_CLIENT (object), result, &error);
  if (response == NULL)
    {
      request_failed (task, error, push_step);
      return NULL;
    }

  if (response->status == 401)
    {
      fail_auth (task);
      return NULL;
    }

  if (is_transient_status (response->status))
    {
      run->retry_after = response->retry_after;
      answered (task, VERDICT_TRANSIENT, response->status, NULL);
      return NULL;
    }

  return g_steal_pointer (&response);
}

static void
single_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncRun *run = task_run (task);
  g_autoptr(EccpPortalResponse) response = NULL;
  GError *error = NULL;
  EccpChange *change;
  Verdict verdict;

  response = eccp_portal_client_request_finish (ECCP_PORTAL_CLIENT (object), result, &error);
  if (response == NULL)
    {
      request_failed (task, error, push_step);
      return;
    }

  change = g_ptr_array_index (run->sending, 0);
  verdict = process_answer (task, change, response->status,
                            eccp_portal_response_get_object (response),
                            response->retry_after, &error);
  answered (task, verdict, response->status, error);
}

static void
send_single (GTask      *task,
             GPtrArray  *changes)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  EccpChange *change = g_ptr_array_index (changes, 0);
  g_autofree char *method = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  gint64 if_match = 0;
  GError *error = NULL;

  g_clear_pointer (&run->sending, g_ptr_array_unref);
  run->sending = changes;

  if (!eccp_store_change_request (self->store, change, &method, &path, &body, &if_match, &error) ||
      !eccp_store_change_sending (self->store, change->num, &error))
    {
      fail (task, error);
      return;
    }

  run->report.requests++;
  run->report.push_requests++;
  eccp_portal_client_request_async (self->client, method, path, body, if_match,
                                    change->idempotency_key, g_task_get_cancellable (task),
                                    single_cb, g_object_ref (task));
}

static guint
result_status (JsonObject *result)
{
  JsonNode *node = result != NULL ? json_object_get_member (result, "status") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return (guint) g_ascii_strtoull (json_node_get_string (node), NULL, 10);

  return (guint) eccp_json_get_int (result, "status", 0);
}

static void
batch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncRun *run = task_run (task);
  g_autoptr(EccpPortalResponse) response = NULL;
  GError *error = NULL;
  JsonArray *results;
  gboolean auth = FALSE;
  gboolean transient = FALSE;
  guint transient_status = 0;
  guint n;

  response = take_push_answer (task, object, result);
  if (response == NULL)
    return;

  if (response->status != 200)
    {
      g_autofree char *reason = eccp_portal_response_describe (response);

      /* A portal that does not take /batch: one request per change. */
      g_info ("The portal refused a batch (HTTP %u: %s); sending changes one by one",
              response->status, reason);
      run->no_batch = TRUE;
      push_step (task);
      return;
    }

  results = eccp_json_get_array (eccp_portal_response_get_object (response), "results");
  if (results == NULL)
    {
      fail (task, g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                       _("The portal’s answer to a batch of changes has no "
                                         "results")));
      return;
    }

  n = MIN (json_array_get_length (results), run->sending->len);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *answer = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      guint status = result_status (answer);
      Verdict verdict;

      if (status == 0)
        {
          /* No status: as if unanswered, sent again with the same key. */
          transient = TRUE;
          transient_status = 502;
          continue;
        }

      verdict = process_answer (task, g_ptr_array_index (run->sending, i), status, answer, -1,
                                &error);
      if (verdict == VERDICT_ERROR)
        {
          fail (task, error);
          return;
        }
      if (verdict == VERDICT_AUTH)
        auth = TRUE;
      if (verdict == VERDICT_TRANSIENT)
        {
          transient = TRUE;
          transient_status = status;
        }
    }

  /* Operations left unanswered are sent again, with the same keys. */
  if (n < run->sending->len)
    {
      transient = TRUE;
      transient_status = 502;
    }

  if (auth)
    answered (task, VERDICT_AUTH, 401, NULL);
  else if (transient)
    answered (task, VERDICT_TRANSIENT, transient_status, NULL);
  else
    answered (task, VERDICT_DONE, 200, NULL);
}

static const char *
batch_op (const char *method)
{
  if (g_strcmp0 (method, "POST") == 0)
    return "add";
  if (g_strcmp0 (method, "PATCH") == 0)
    return "update";
  return "remove";
}

static void
send_batch (GTask      *task,
            GPtrArray  *changes)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  g_autoptr(JsonArray) operations = json_array_new ();
  g_autoptr(JsonObject) document = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *key = NULL;
  GError *error = NULL;

  g_clear_pointer (&run->sending, g_ptr_array_unref);
  run->sending = changes;

  for (guint i = 0; i < changes->len; i++)
    {
      EccpChange *change = g_ptr_array_index (changes, i);
      g_autofree char *method = NULL;
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) body = NULL;
      JsonObject *operation;
      JsonObject *data;
      gint64 if_match = 0;

      if (!eccp_store_change_request (self->store, change, &method, &path, &body, &if_match, &error))
        {
          fail (task, error);
          return;
        }

      data = body != NULL ? eccp_json_get_object (json_node_get_object (body), "data") : NULL;
      operation = json_object_new ();
      json_object_set_string_member (operation, "op", batch_op (method));
      json_object_set_string_member (operation, "idempotency_key", change->idempotency_key);
      if (if_match > 0)
        json_object_set_int_member (operation, "if_match", if_match);
      if (data != NULL)
        {
          json_object_set_object_member (operation, "data", json_object_ref (data));
        }
      else
        {
          json_object_set_member (operation, "data",
                                  eccp_json_identifier_new (change->type, change->record_id));
        }
      json_array_add_object_element (operations, operation);
    }

  /* Counted as sent only once every request is built, in one
   * transaction for the whole batch. */
  {
    g_autoptr(GArray) nums = g_array_sized_new (FALSE, FALSE, sizeof (gint64), changes->len);

    for (guint i = 0; i < changes->len; i++)
      g_array_append_val (nums, ((EccpChange *) g_ptr_array_index (changes, i))->num);

    if (!eccp_store_changes_sending (self->store, (const gint64 *) nums->data, nums->len, &error))
      {
        fail (task, error);
        return;
      }
  }

  json_object_set_array_member (document, "operations", json_array_ref (operations));
  root = json_node_init_object (json_node_alloc (), document);
  /* Each operation carries its change's key, which is what makes a resent
   * batch safe.  The request's own key is new every time: a server that
   * remembered whole batches must never answer this one with another's
   * (or an earlier attempt's failures). */
  key = g_uuid_string_random ();

  run->report.requests++;
  run->report.push_requests++;
  eccp_portal_client_request_async (self->client, "POST", "/batch", root, 0, key,
                                    g_task_get_cancellable (task), batch_cb, g_object_ref (task));
}

/* {{{ Look-ups: GET /{type}/{id} */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  g_autoptr(EccpPortalResponse) response = NULL;
  Lookup *lookup;
  GError *error = NULL;
  JsonObject *data;
  gboolean ok = TRUE;

  response = take_push_answer (task, object, result);
  if (response == NULL)
    return;

  lookup = g_queue_pop_head (&run->lookups);
  data = eccp_json_get_object (eccp_portal_response_get_object (response), "data");

  if (response->status == 200 && data != NULL && eccp_json_get_string (data, "id") != NULL)
    {
      if (lookup->kind == LOOKUP_ACCEPT)
        ok = accept (self, run, lookup->change, data, &error);
      else
        ok = rebase (self, run, lookup->change, data, &error);
    }
  else if (response->status == 404 && lookup->change->op == ECCP_CHANGE_UPDATE)
    {
      skip_change (run, lookup->change->num);
      g_ptr_array_add (run->not_found, g_steal_pointer (&lookup));
    }
  else
    {
      ok = refuse (self, run, lookup->change, ECCP_SYNC_STATE_INVALID,
                   lookup->errors != NULL ? 409 : response->status,
                   lookup->errors != NULL ? lookup->errors : eccp_portal_response_get_errors (response),
                   &error);
    }

  g_clear_pointer (&lookup, lookup_free);
  answered (task, ok ? VERDICT_DONE : VERDICT_ERROR, response->status, error);
}

static void
lookup_step (GTask *task)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  Lookup *lookup = g_queue_peek_head (&run->lookups);
  g_autofree char *id = g_uri_escape_string (lookup->change->record_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/%s/%s", lookup->change->type, id);

  run->report.requests++;
  eccp_portal_client_request_async (self->client, "GET", path, NULL, 0, NULL,
                                    g_task_get_cancellable (task), lookup_cb, g_object_ref (task));
}

/* }}} */

static void
push_step (GTask *task)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  g_autoptr(GPtrArray) changes = NULL;
  GError *error = NULL;

  if (check_cancelled (task))
    return;

  if (!g_queue_is_empty (&run->lookups))
    {
      lookup_step (task);
      return;
    }

  changes = next_changes (self, run, run->no_batch ? 1 : self->batch_size, &error);
  if (changes == NULL)
    fail (task, error);
  else if (changes->len == 0)
    pull_start (task);
  else if (changes->len == 1)
    send_single (task, g_steal_pointer (&changes));
  else
    send_batch (task, g_steal_pointer (&changes));
}

/* }}} */

/* {{{ Pull */

static void pull_request (GTask *task);

/* PATCHes the portal answered 404: if the pull did not make them a
 * conflict (the record deleted there), they are shown as they were. */
static gboolean
surface_not_found (EccpSyncEngine  *self,
                   SyncRun         *run,
                   GError         **error)
{
  for (guint i = 0; i < run->not_found->len; i++)
    {
      Lookup *lookup = g_ptr_array_index (run->not_found, i);
      g_autoptr(EccpChange) now = NULL;

      now = eccp_store_get_change (self->store, lookup->change->type, lookup->change->record_id,
                                   NULL);
      if (now == NULL || now->state != ECCP_SYNC_STATE_PENDING ||
          g_strcmp0 (now->idempotency_key, lookup->change->idempotency_key) != 0)
        continue;

      if (!refuse (self, run, lookup->change, ECCP_SYNC_STATE_INVALID, 404, lookup->errors, error))
        return FALSE;
    }

  g_ptr_array_set_size (run->not_found, 0);

  return TRUE;
}

static void
pull_done (GTask *task)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  g_autoptr(GPtrArray) more = NULL;
  GError *error = NULL;

  /* A pull from no cursor saw the whole feed: what a re-sync left unseen
   * is gone from the portal (nothing was marked unless one began, perhaps
   * in an earlier run that did not finish). */
  if (run->from_scratch)
    {
      guint removed = 0;

      if (!eccp_store_finish_resync (self->store, &removed, &error))
        {
          fail (task, error);
          return;
        }
      run->report.removed += removed;
      run->from_scratch = FALSE;
    }

  set_remaining (self, 0);

  if (!surface_not_found (self, run, &error))
    {
      fail (task, error);
      return;
    }

  run->round++;
  if (run->round < DEFAULT_MAX_ROUNDS)
    {
      more = next_changes (self, run, 1, &error);
      if (more == NULL)
        {
          fail (task, error);
          return;
        }
      if (more->len > 0)
        {
          push_step (task);
          return;
        }
    }

  complete (task, ECCP_SYNC_OUTCOME_IN_STEP, NULL);
}

static void
pull_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autofree char *cursor = NULL;
  EccpPullStats stats = { 0 };
  GError *error = NULL;
  JsonObject *page;
  JsonObject *meta;
  JsonObject *links;

  response = eccp_portal_client_request_finish (ECCP_PORTAL_CLIENT (object), result, &error);
  if (response == NULL)
    {
      request_failed (task, error, pull_request);
      return;
    }

  if (response->status == 401)
    {
      fail_auth (task);
      return;
    }

  if (response->status == 410)
    {
      /* cursor_expired: read the whole feed again, keeping local changes. */
      if (run->resync_begun)
        {
          fail (task, g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                           _("The portal’s change feed expired again during a "
                                             "full re-sync")));
          return;
        }

      g_debug ("Sync: the cursor expired; reading the whole feed again");
      if (!eccp_store_begin_resync (self->store, &error))
        {
          fail (task, error);
          return;
        }
      run->resync_begun = TRUE;
      run->from_scratch = TRUE;
      run->report.resynced = TRUE;
      pull_request (task);
      return;
    }

  if (is_transient_status (response->status))
    {
      retry_later (task, response->retry_after,
                   g_strdup_printf (_("the portal answered HTTP %u"), response->status),
                   pull_request);
      return;
    }

  if (response->status != 200)
    {
      g_autofree char *reason = eccp_portal_response_describe (response);

      fail (task, g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                               _("The portal did not send its changes (HTTP %u: %s)"),
                               response->status, reason));
      return;
    }

  page = eccp_portal_response_get_object (response);
  if (eccp_json_get_array (page, "data") == NULL)
    {
      fail (task, g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                       _("The portal’s answer is not a page of its change feed")));
      return;
    }

  if (!eccp_store_apply_changes_page (self->store, response->body, &stats, &error))
    {
      fail (task, error);
      return;
    }

  run->failures = 0;
  run->report.pulled += stats.applied + stats.deleted;
  run->report.merged += stats.merged;
  run->report.conflicts += stats.conflicts;
  set_progress (self, run);

  meta = eccp_json_get_object (page, "meta");
  set_remaining (self, eccp_json_get_int (meta, "remaining", -1));

  links = eccp_json_get_object (page, "links");
  if (eccp_json_get_string (links, "next") == NULL)
    {
      pull_done (task);
      return;
    }

  /* The next page starts at meta.cursor, which the store now holds; the
   * host in links.next is not trusted with the token. */
  cursor = eccp_store_get_cursor (self->store);
  if (g_strcmp0 (cursor, run->page_cursor) == 0)
    {
      g_warning ("The portal’s change feed has a next page but did not move its cursor; "
                 "stopping this pull");
      pull_done (task);
      return;
    }

  pull_request (task);
}

static void
pull_request (GTask *task)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  g_autofree char *path = NULL;

  if (check_cancelled (task))
    return;

  g_free (run->page_cursor);
  run->page_cursor = eccp_store_get_cursor (self->store);

  if (run->page_cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (run->page_cursor, NULL, FALSE);

      path = g_strdup_printf ("/changes?cursor=%s&limit=%u", escaped, self->page_limit);
    }
  else
    {
      path = g_strdup_printf ("/changes?limit=%u", self->page_limit);
    }

  run->report.requests++;
  eccp_portal_client_request_async (self->client, "GET", path, NULL, 0, NULL,
                                    g_task_get_cancellable (task), pull_cb, g_object_ref (task));
}

static void
pull_start (GTask *task)
{
  EccpSyncEngine *self = task_engine (task);
  SyncRun *run = task_run (task);
  g_autofree char *cursor = eccp_store_get_cursor (self->store);

  run->from_scratch = cursor == NULL;
  pull_request (task);
}

/* }}} */

/* }}} */

/* {{{ GObject */

static void
eccp_sync_engine_finalize (GObject *object)
{
  EccpSyncEngine *self = ECCP_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_pointer (&self->last_report, eccp_sync_report_free);

  G_OBJECT_CLASS (eccp_sync_engine_parent_class)->finalize (object);
}

static void
eccp_sync_engine_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EccpSyncEngine *self = ECCP_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PULLED:
      g_value_set_uint (value, self->pulled);
      break;
    case PROP_PUSHED:
      g_value_set_uint (value, self->pushed);
      break;
    case PROP_REMAINING:
      g_value_set_int64 (value, self->remaining);
      break;
    case PROP_RETRY_BASE_MS:
      g_value_set_uint (value, self->retry_base_ms);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_MAX_RETRY_AFTER:
      g_value_set_uint (value, self->max_retry_after);
      break;
    case PROP_BATCH_SIZE:
      g_value_set_uint (value, self->batch_size);
      break;
    case PROP_PAGE_LIMIT:
      g_value_set_uint (value, self->page_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_sync_engine_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EccpSyncEngine *self = ECCP_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_RETRY_BASE_MS:
      self->retry_base_ms = g_value_get_uint (value);
      break;
    case PROP_MAX_ATTEMPTS:
      self->max_attempts = g_value_get_uint (value);
      break;
    case PROP_MAX_RETRY_AFTER:
      self->max_retry_after = g_value_get_uint (value);
      break;
    case PROP_BATCH_SIZE:
      self->batch_size = g_value_get_uint (value);
      break;
    case PROP_PAGE_LIMIT:
      self->page_limit = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_sync_engine_class_init (EccpSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eccp_sync_engine_finalize;
  object_class->get_property = eccp_sync_engine_get_property;
  object_class->set_property = eccp_sync_engine_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ECCP_TYPE_PORTAL_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_PULLED] = g_param_spec_uint ("pulled", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PUSHED] = g_param_spec_uint ("pushed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* The change feed's meta.remaining: an estimate for a progress bar. */
  properties[PROP_REMAINING] =
    g_param_spec_int64 ("remaining", NULL, NULL, -1, G_MAXINT64, -1, ro);
  /* The ceiling of the first back-off; it doubles with each failure. */
  properties[PROP_RETRY_BASE_MS] =
    g_param_spec_uint ("retry-base-ms", NULL, NULL, 1, MAX_BACKOFF_MS, DEFAULT_RETRY_BASE_MS, rw);
  /* Transient failures in a row before a run gives up as unreachable. */
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, DEFAULT_MAX_ATTEMPTS, rw);
  /* The longest Retry-After honoured, in seconds. */
  properties[PROP_MAX_RETRY_AFTER] =
    g_param_spec_uint ("max-retry-after", NULL, NULL, 0, 3600, DEFAULT_MAX_RETRY_AFTER, rw);
  properties[PROP_BATCH_SIZE] =
    g_param_spec_uint ("batch-size", NULL, NULL, 1, MAX_BATCH, MAX_BATCH, rw);
  properties[PROP_PAGE_LIMIT] =
    g_param_spec_uint ("page-limit", NULL, NULL, 1, MAX_PAGE, MAX_PAGE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eccp_sync_engine_init (EccpSyncEngine *self)
{
  self->remaining = -1;
}

/* }}} */

EccpSyncEngine *
eccp_sync_engine_new (EccpStore        *store,
                      EccpPortalClient *client)
{
  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (ECCP_IS_PORTAL_CLIENT (client), NULL);

  return g_object_new (ECCP_TYPE_SYNC_ENGINE, "store", store, "client", client, NULL);
}

EccpStore *
eccp_sync_engine_get_store (EccpSyncEngine *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_ENGINE (self), NULL);

  return self->store;
}

EccpPortalClient *
eccp_sync_engine_get_client (EccpSyncEngine *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_ENGINE (self), NULL);

  return self->client;
}

void
eccp_sync_engine_sync_async (EccpSyncEngine      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ECCP_IS_SYNC_ENGINE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_sync_engine_sync_async);
  g_task_set_name (task, "[eccp] sync");
  /* The run says itself when it was cancelled, with its report. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->running)
    {
      g_task_return_new_error (task, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_BUSY,
                               _("A sync is running already"));
      return;
    }

  g_task_set_task_data (task, sync_run_new (), (GDestroyNotify) sync_run_free);

  self->pulled = 0;
  self->pushed = 0;
  set_running (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PULLED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSHED]);

  push_step (task);
}

gboolean
eccp_sync_engine_sync_finish (EccpSyncEngine  *self,
                              GAsyncResult    *result,
                              EccpSyncReport **report,
                              GError         **error)
{
  SyncRun *run;

  g_return_val_if_fail (ECCP_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = run != NULL ? eccp_sync_report_copy (&run->report) : NULL;

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
eccp_sync_engine_get_running (EccpSyncEngine *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_ENGINE (self), FALSE);

  return self->running;
}

guint
eccp_sync_engine_get_pulled (EccpSyncEngine *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_ENGINE (self), 0);

  return self->pulled;
}

guint
eccp_sync_engine_get_pushed (EccpSyncEngine *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_ENGINE (self), 0);

  return self->pushed;
}

gint64
eccp_sync_engine_get_remaining (EccpSyncEngine *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_ENGINE (self), -1);

  return self->remaining;
}

const EccpSyncReport *
eccp_sync_engine_get_last_report (EccpSyncEngine *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_ENGINE (self), NULL);

  return self->last_report;
}
