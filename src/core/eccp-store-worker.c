/* eccp-store-worker.c: store work on threads with their own connections
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An EccpStore is one SQLite connection and belongs to the thread that
 * opened it.  Work that may take longer than a frame (a page of the feed
 * written, a search counted and its first page read) goes to one of two
 * threads, each with a connection of its own to the same file:
 *
 *   - the writer, one thread: jobs run one after the other, in the order
 *     they were queued, so pages of the feed are written in feed order;
 *   - the reader, one thread: WAL lets it read while the writer writes.
 *
 * Threads and connections are made on the first job, so a store that
 * never hands work off (the command line's short commands) costs nothing.
 * A job is cancelled through its GCancellable, also while SQLite is inside
 * a statement (a progress handler interrupts it, and the job's transaction
 * rolls back); eccp_store_close_workers() cancels everything queued and
 * waits for what is running.  A job's answer comes back on the main
 * context of the caller, where a write job also emits EccpStore::changed
 * (and ::settled later) on the caller's store, so views follow writes
 * made on the writer's connection as they follow their own.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eccp-store-private.h"

/* SQLite calls the progress handler every this many virtual machine
 * instructions: a fraction of a millisecond, so a cancelled search stops
 * at once. */
#define PROGRESS_STEPS 1000

struct _EccpStoreWorker
{
  gatomicrefcount  ref_count;
  char            *path;
  EccpStoreJobKind kind;
  GThreadPool     *pool;
  /* Opened on the worker's thread by its first job; used by it only. */
  EccpStore       *connection;
  /* Cancelled by eccp_store_close_workers(): every job sees it. */
  GCancellable    *closing;
};

typedef struct
{
  EccpStoreWorker *worker;
  GTask           *task;
  EccpStoreJobFunc func;
  gpointer         data;
  GDestroyNotify   data_free;
  GDestroyNotify   result_free;
  gpointer         result;
  GError          *error;
} Job;

static EccpStoreWorker *
worker_ref (EccpStoreWorker *worker)
{
  g_atomic_ref_count_inc (&worker->ref_count);
  return worker;
}

static void
worker_unref (EccpStoreWorker *worker)
{
  if (!g_atomic_ref_count_dec (&worker->ref_count))
    return;

  g_assert (worker->pool == NULL);
  g_clear_object (&worker->connection);
  g_clear_object (&worker->closing);
  g_free (worker->path);
  g_free (worker);
}

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  if (job->result_free != NULL && job->result != NULL)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  worker_unref (job->worker);
  g_free (job);
}


/* Back on the caller's main context: a write tells the caller's store,
 * then the caller gets its answer. */
static gboolean
job_return_cb (gpointer user_data)
{
  Job *job = user_data;
  EccpStore *store = g_task_get_source_object (job->task);

  if (job->worker->kind == ECCP_STORE_JOB_WRITE)
    _eccp_store_note_commit (store);

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);

  return G_SOURCE_REMOVE;
}

static gboolean
job_cancelled (Job *job)
{
  return g_cancellable_is_cancelled (g_task_get_cancellable (job->task))
         || g_cancellable_is_cancelled (job->worker->closing);
}

/* SQLite's progress handler: non-zero interrupts the statement
 * (SQLITE_INTERRUPT). */
static int
progress_cb (gpointer user_data)
{
  return job_cancelled (user_data);
}

/* Cancelled by its caller; else by eccp_store_close_workers(): the store
 * is closed, which the caller may want to tell from a newer request. */
static GError *
cancelled_error (Job *job)
{
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (job->task)))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED, _("The store is closed"));

  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                              _("The store’s work was cancelled"));
}

/* On the worker's thread. */
static void
run_job (gpointer job_data,
         gpointer pool_data)
{
  Job *job = job_data;
  EccpStoreWorker *worker = pool_data;
  GSource *source;

  if (worker->connection == NULL && !job_cancelled (job))
    {
      g_autoptr(GError) open_error = NULL;

      /* Tried again by the next job if it fails (a lock held too long by
       * another program, no file descriptor left) */
      worker->connection = eccp_store_new (worker->path, &open_error);
      if (worker->connection == NULL)
        job->error = g_steal_pointer (&open_error);
      /* A reader's cache: the working set of a search, not of a sync. */
      else if (worker->kind == ECCP_STORE_JOB_READ)
        eccp_store_set_cache_size (worker->connection, 8 * 1024);
    }

  if (job->error != NULL)
    {
      /* The connection could not be opened: said as it was */
    }
  else if (job_cancelled (job))
    {
      job->error = cancelled_error (job);
    }
  else
    {
      sqlite3 *db = _eccp_store_get_db (worker->connection);

      sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, job);
      /* A read job sees one moment of the file: its count and its pages
       * agree even while the writer commits (one WAL snapshot). */
      if (worker->kind == ECCP_STORE_JOB_READ)
        _eccp_store_exec (db, "BEGIN", NULL);
      job->result = job->func (worker->connection, job->data,
                               g_task_get_cancellable (job->task), &job->error);
      sqlite3_progress_handler (db, 0, NULL, NULL);
      /* A job that failed half-way leaves no transaction open; a read's
       * snapshot ends. */
      _eccp_store_rollback (worker->connection);

      /* A write that succeeded is in the file: said so even when it was
       * cancelled meanwhile, or its caller would count it as not done.
       * Anything else cancelled is cancelled. */
      if (job_cancelled (job) && (job->result == NULL || worker->kind == ECCP_STORE_JOB_READ))
        {
          g_clear_error (&job->error);
          if (job->result_free != NULL)
            g_clear_pointer (&job->result, job->result_free);
          job->error = cancelled_error (job);
        }
      else if (job->result == NULL && job->error == NULL)
        {
          g_critical ("A store job returned neither a result nor an error");
          job->error = g_error_new_literal (ECCP_STORE_ERROR, ECCP_STORE_ERROR_FAILED,
                                            _("The store’s work gave no answer"));
        }
    }

  /* Always through a source: g_main_context_invoke() would run the
   * answer right here, on this thread, whenever the caller's context is
   * the global default one and nobody iterates it at that moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_return_cb, job, (GDestroyNotify) job_free);
  g_source_set_static_name (source, "[eccp] store job answer");
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

EccpStoreWorker *
_eccp_store_worker_new (const char       *path,
                        EccpStoreJobKind  kind)
{
  EccpStoreWorker *worker = g_new0 (EccpStoreWorker, 1);
  g_autoptr(GError) error = NULL;

  g_atomic_ref_count_init (&worker->ref_count);
  worker->path = g_strdup (path);
  worker->kind = kind;
  worker->closing = g_cancellable_new ();
  /* Exclusive, one thread: the connection is that thread's alone, and
   * jobs run in the order they came. */
  worker->pool = g_thread_pool_new_full (run_job, worker, NULL, 1, TRUE, &error);
  if (worker->pool == NULL)
    g_error ("Could not start the store’s %s thread: %s",
             kind == ECCP_STORE_JOB_WRITE ? "writer" : "reader", error->message);

  return worker;
}

void
_eccp_store_worker_push (EccpStoreWorker  *worker,
                         GTask            *task,
                         EccpStoreJobFunc  func,
                         gpointer          data,
                         GDestroyNotify    data_free,
                         GDestroyNotify    result_free)
{
  Job *job = g_new0 (Job, 1);

  job->worker = worker_ref (worker);
  job->task = g_object_ref (task);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  g_thread_pool_push (worker->pool, job, NULL);
}

/* Cancels what is queued and running, waits for the thread to end, and
 * closes the connection.  The jobs' answers (cancelled) still come back
 * on their main contexts. */
void
_eccp_store_worker_close (EccpStoreWorker *worker)
{
  g_cancellable_cancel (worker->closing);
  g_thread_pool_free (g_steal_pointer (&worker->pool), FALSE, TRUE);
  g_clear_object (&worker->connection);
  worker_unref (worker);
}
