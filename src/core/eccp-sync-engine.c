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
 *
 * This file has the run: its start and end, its waits and back-off, and
 * the object.  The push is in eccp-sync-push.c, the pull in
 * eccp-sync-pull.c.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-sync-engine.h"

#include <glib/gi18n-lib.h>

#include "eccp-json.h"
#include "eccp-limits.h"
#include "eccp-store-sync.h"
#include "eccp-sync-engine-private.h"

#define DEFAULT_RETRY_BASE_MS   250   /* first back-off: up to 0.25 s */
#define MAX_BACKOFF_MS          30000 /* no single back-off beyond 30 s */
#define DEFAULT_MAX_ATTEMPTS    5     /* transient failures in a row before giving up */
#define DEFAULT_MAX_RETRY_AFTER 60    /* seconds: a longer Retry-After is cut to this */
#define MAX_BATCH               100   /* portal-api.md section 5 */
#define MAX_PAGE                1000  /* portal-api.md section 4 */

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

static void
stop_wait (EccpSyncRun *run)
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
stop_deadline (EccpSyncRun *run)
{
  if (run->deadline != NULL)
    {
      g_source_destroy (run->deadline);
      g_clear_pointer (&run->deadline, g_source_unref);
    }
}

static void
sync_run_free (EccpSyncRun *run)
{
  stop_wait (run);
  g_free (run->problem);
  g_clear_pointer (&run->skip, g_hash_table_unref);
  g_clear_pointer (&run->stale, g_hash_table_unref);
  g_clear_pointer (&run->not_found, g_ptr_array_unref);
  g_queue_clear_full (&run->lookups, (GDestroyNotify) _eccp_sync_lookup_free);
  g_clear_pointer (&run->sending, g_ptr_array_unref);
  g_free (run->page_cursor);
  g_clear_object (&run->waiting);
  g_clear_pointer (&run->seen_cursors, g_hash_table_unref);
  stop_deadline (run);
  if (run->caller != NULL)
    g_cancellable_disconnect (run->caller, run->caller_id);
  g_clear_object (&run->caller);
  g_clear_object (&run->cancellable);
  g_free (run);
}

static gboolean
deadline_cb (gpointer user_data)
{
  EccpSyncRun *run = user_data;

  g_debug ("Sync: the run's deadline has passed; stopping it");
  run->timed_out = TRUE;
  g_clear_pointer (&run->deadline, g_source_unref);
  g_cancellable_cancel (run->cancellable);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

/* A run has a deadline (ECCP_LIMIT_RUN_SECONDS): a portal that sends a
 * byte now and then never lets libsoup's idle timeout end a read.  It
 * cancels the run's own cancellable, which the caller's cancels too. */
static EccpSyncRun *
sync_run_new (GTask *task)
{
  EccpSyncRun *run = g_new0 (EccpSyncRun, 1);
  GCancellable *caller = g_task_get_cancellable (task);
  guint64 seconds = eccp_limit_get ("RUN_SECONDS", ECCP_LIMIT_RUN_SECONDS);

  run->cancellable = g_cancellable_new ();
  if (caller != NULL)
    {
      run->caller = g_object_ref (caller);
      run->caller_id = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                            g_object_ref (run->cancellable), g_object_unref);
    }
  run->deadline = g_timeout_source_new_seconds ((guint) MIN (seconds, G_MAXUINT / 2));
  g_source_set_callback (run->deadline, deadline_cb, run, NULL);
  g_source_attach (run->deadline, g_main_context_get_thread_default ());
  run->seen_cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  run->started_us = g_get_monotonic_time ();
  run->skip = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run->stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run->not_found = g_ptr_array_new_with_free_func ((GDestroyNotify) _eccp_sync_lookup_free);
  g_queue_init (&run->lookups);
  run->retry_after = -1;

  return run;
}

void
_eccp_sync_set_progress (EccpSyncEngine *self,
                         EccpSyncRun    *run)
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

void
_eccp_sync_set_remaining (EccpSyncEngine *self,
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

/* A count for the report: a store that cannot say is no reason to fail
 * a run that is over.  Clears *@error. */
static gint64
count_or_zero (gint64   n,
               GError **error)
{
  if (n < 0 || *error != NULL)
    {
      g_warning ("Cannot count the local changes: %s", *error ? (*error)->message : "?");
      g_clear_error (error);
      return 0;
    }

  return n;
}

/* Ends the run.  @outcome IN_STEP is refined by what the store now holds:
 * changes waiting for the user, or still waiting to be sent.  Takes @error. */
void
_eccp_sync_complete (GTask           *task,
                     EccpSyncOutcome  outcome,
                     GError          *error)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  EccpSyncReport *report = &run->report;
  GError *count_error = NULL;

  stop_wait (run);
  stop_deadline (run);
  run->ended = TRUE;

  if (run->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      guint seconds = (guint) MIN (eccp_limit_get ("RUN_SECONDS", ECCP_LIMIT_RUN_SECONDS),
                                   G_MAXUINT);
      g_autofree char *how_long = NULL;

      if (seconds >= 60 && seconds % 60 == 0)
        how_long = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                                 seconds / 60), seconds / 60);
      else
        how_long = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds",
                                                 seconds), seconds);

      g_clear_error (&error);
      /* TRANSLATORS: "after 30 minutes" */
      error = g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                           _("The sync was stopped after %s: the portal is too slow. "
                             "What it took is kept; the next sync goes on from there."),
                           how_long);
      outcome = ECCP_SYNC_OUTCOME_FAILED;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outcome = ECCP_SYNC_OUTCOME_CANCELLED;

  report->waiting_for_user =
    count_or_zero (eccp_store_count_changes_needing_user (self->store, &count_error), &count_error);
  report->pending =
    count_or_zero (eccp_store_count_changes (self->store, ECCP_SYNC_STATE_PENDING, &count_error),
                   &count_error);

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
  _eccp_sync_set_progress (self, run);
  _eccp_sync_set_remaining (self, -1);
  set_running (self, FALSE);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
_eccp_sync_fail (GTask  *task,
                 GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == ECCP_SYNC_ERROR)
    {
      _eccp_sync_complete (task, ECCP_SYNC_OUTCOME_FAILED, error);
      return;
    }

  _eccp_sync_complete (task, ECCP_SYNC_OUTCOME_FAILED,
                       g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED, error->message));
  g_error_free (error);
}

void
_eccp_sync_fail_auth (GTask *task)
{
  _eccp_sync_complete (task, ECCP_SYNC_OUTCOME_AUTH_FAILED,
                       g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_AUTH_FAILED,
                                            _("The portal refused the access token; sign in again. "
                                              "Every change is kept.")));
}

gboolean
_eccp_sync_check_cancelled (GTask *task)
{
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (_eccp_sync_task_run (task)->cancellable, &error))
    {
      _eccp_sync_complete (task, ECCP_SYNC_OUTCOME_CANCELLED, error);
      return TRUE;
    }

  return FALSE;
}

/* {{{ Waiting */

static void
wait_over (GTask    *task,
           gboolean  cancelled)
{
  EccpSyncRun *run = _eccp_sync_task_run (task);
  EccpSyncStep next = run->after_wait;

  /* The sources hold the task; keep it while they go. */
  g_object_ref (task);
  stop_wait (run);
  run->after_wait = NULL;

  if (cancelled)
    _eccp_sync_check_cancelled (task);
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
wait_then (GTask        *task,
           guint         delay_ms,
           EccpSyncStep  next)
{
  EccpSyncRun *run = _eccp_sync_task_run (task);
  GCancellable *cancellable = run->cancellable;
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
void
_eccp_sync_retry_later (GTask        *task,
                        gint64        retry_after,
                        char         *problem,
                        EccpSyncStep  next)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  guint delay;

  g_free (run->problem);
  run->problem = problem;
  run->failures++;

  if (run->failures >= self->max_attempts)
    {
      _eccp_sync_complete (task, ECCP_SYNC_OUTCOME_UNREACHABLE,
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
void
_eccp_sync_request_failed (GTask        *task,
                           GError       *error,
                           EccpSyncStep  next)
{
  if (eccp_portal_error_is_transient (error))
    {
      _eccp_sync_retry_later (task, -1, g_strdup (error->message), next);
      g_error_free (error);
      return;
    }

  _eccp_sync_fail (task, error);
}

gboolean
_eccp_sync_is_transient_status (guint status)
{
  return status == 429 || status == 503 || (status >= 500 && status != 501);
}

/* }}} */

/* {{{ Requests */

void
_eccp_sync_request (GTask               *task,
                    const char          *method,
                    const char          *path,
                    JsonNode            *body,
                    gint64               if_match,
                    const char          *idempotency_key,
                    GAsyncReadyCallback  callback)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);

  run->report.requests++;
  if (g_strcmp0 (method, "GET") != 0)
    run->report.push_requests++;

  eccp_portal_client_request_async (self->client, method, path, body, if_match, idempotency_key,
                                    run->cancellable, callback, g_object_ref (task));
}

EccpPortalResponse *
_eccp_sync_take_answer (GTask        *task,
                        GObject      *client,
                        GAsyncResult *result,
                        EccpSyncStep  next)
{
  EccpPortalResponse *response;
  GError *error = NULL;

  response = eccp_portal_client_request_finish (ECCP_PORTAL_CLIENT (client), result, &error);
  if (response == NULL)
    _eccp_sync_request_failed (task, error, next);

  return response;
}

EccpPortalResponse *
_eccp_sync_take_response (GTask        *task,
                          GObject      *client,
                          GAsyncResult *result,
                          EccpSyncStep  next)
{
  g_autoptr(EccpPortalResponse) response = _eccp_sync_take_answer (task, client, result, next);

  if (response == NULL)
    return NULL;

  if (response->status == 401)
    {
      _eccp_sync_fail_auth (task);
      return NULL;
    }

  if (_eccp_sync_is_transient_status (response->status))
    {
      _eccp_sync_retry_later (task, response->retry_after,
                              g_strdup_printf (_("the portal answered HTTP %u"), response->status),
                              next);
      return NULL;
    }

  return g_steal_pointer (&response);
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

  g_task_set_task_data (task, sync_run_new (task), (GDestroyNotify) sync_run_free);

  self->pulled = 0;
  self->pushed = 0;
  set_running (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PULLED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSHED]);

  _eccp_sync_push_step (task);
}

gboolean
eccp_sync_engine_sync_finish (EccpSyncEngine  *self,
                              GAsyncResult    *result,
                              EccpSyncReport **report,
                              GError         **error)
{
  EccpSyncRun *run;

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
