/* test-store-worker.c: store work on the reader and writer threads, on a
 * real SQLite file: answers, order, cancellation inside a statement, and
 * shutdown with work running
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "eccp-test-store.h"

#include "eccp-store.h"
#include "eccp-store-private.h"

typedef EccpTestStore Fixture;

typedef struct
{
  GMainLoop *loop;
  gpointer   result;
  GError    *error;
  guint      changed_before;  /* ::changed emissions before the answer */
  guint     *changed;
  GThread   *main_thread;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->loop, g_main_loop_unref);
  g_clear_error (&answer->error);
}

static void
answered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Answer *answer = user_data;

  g_assert_true (g_thread_self () == answer->main_thread);
  if (answer->changed != NULL)
    answer->changed_before = *answer->changed;
  answer->result = eccp_store_run_finish (ECCP_STORE (object), result, &answer->error);
  if (answer->loop != NULL)
    g_main_loop_quit (answer->loop);
}

static void
wait_for (Answer *answer)
{
  answer->loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (answer->loop);
}

static GThread *main_thread;

static void
count_changed_cb (EccpStore *store,
                  guint     *count)
{
  /* The caller's store is the caller's thread's: its signals too */
  g_assert_true (g_thread_self () == main_thread);
  (*count)++;
}

/* {{{ Jobs */

/* The title of @data's cluster, read on the worker's connection. */
static gpointer
read_name_job (EccpStore     *connection,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(EccpRecord) record = NULL;
  char *name;

  record = eccp_store_get (connection, "cluster", data, error);
  if (record == NULL)
    return NULL;

  name = g_strdup (eccp_record_get_string (record, "name"));
  /* A result from the worker's own connection, not the caller's */
  g_assert_true (connection != NULL);

  return name;
}

static gpointer
create_job (EccpStore     *connection,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(EccpRecord) record = NULL;

  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"name\": \"%s\", \"profile_type\": \"cluster_organisation\","
                          " \"country\": \"PL\", \"city\": \"Gliwice\", \"ecosystems\": [\"Mobility-Transport-Automotive\"]}",
                          (const char *) data);
  g_clear_pointer (&attributes, json_object_unref);
  attributes = eccp_test_object_from (json);
  record = eccp_store_create (connection, "cluster", NULL, attributes, NULL, error);
  if (record == NULL)
    return NULL;

  return g_strdup (eccp_record_get_id (record));
}

/* A statement that would run for minutes: only an interrupt ends it. */
static gpointer
endless_job (EccpStore     *connection,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  sqlite3 *db = _eccp_store_get_db (connection);
  gboolean write = GPOINTER_TO_INT (data);
  int rc;

  if (write)
    {
      /* Something written first, in the job's transaction: the interrupt
       * must take it back. */
      if (!_eccp_store_begin (connection, error)
          || !eccp_store_set_setting (connection, "half-written", "yes", error))
        return NULL;
    }

  rc = sqlite3_exec (db,
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                     "SELECT count (*) FROM n WHERE i < 0",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _eccp_store_set_sqlite_error (error, db, "endless");
      return NULL;
    }

  return g_strdup ("finished");
}

/* Commits, then takes its time: cancelled meanwhile, it is done anyway */
static gpointer
commit_then_wait_job (EccpStore     *connection,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  if (!eccp_store_set_setting (connection, "committed", "yes", error))
    return NULL;
  g_cancellable_cancel (cancellable);

  return g_strdup ("committed");
}

static gpointer
order_job (EccpStore     *connection,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  GPtrArray *seen = data;

  /* Only this thread touches @seen until the last job has answered */
  g_ptr_array_add (seen, g_strdup_printf ("%u", seen->len));

  return g_strdup ("ok");
}

/* }}} */

static void
test_worker_read (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  Answer answer = { .main_thread = g_thread_self () };

  g_clear_pointer (&attributes, json_object_unref);
  attributes = eccp_test_object_from ("{\"name\": \"Łódź Textile Cluster\", \"profile_type\":"
                                      " \"cluster_organisation\", \"country\": \"PL\","
                                      " \"city\": \"Łódź\", \"ecosystems\": [\"Textiles\"]}");
  record = eccp_store_create (fixture->store, "cluster", NULL, attributes, NULL, &error);
  g_assert_no_error (error);

  /* The reader's connection sees what the caller's committed */
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_READ, read_name_job,
                        g_strdup (eccp_record_get_id (record)), g_free, g_free,
                        NULL, answered_cb, &answer);
  g_assert_null (answer.result);  /* never answered before the main loop runs */
  wait_for (&answer);

  g_assert_no_error (answer.error);
  name = answer.result;
  g_assert_cmpstr (name, ==, "Łódź Textile Cluster");
  answer_clear (&answer);

  /* A failing job's error comes back as it was */
  answer = (Answer) { .main_thread = g_thread_self () };
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_READ, read_name_job,
                        g_strdup ("no-such-cluster"), g_free, g_free,
                        NULL, answered_cb, &answer);
  wait_for (&answer);
  g_assert_error (answer.error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_assert_null (answer.result);
  answer_clear (&answer);
}

/* The answer and a write's ::changed come on the caller's thread, also
 * when the caller is not iterating its main context as the job ends (the
 * worker must not take the context and run them itself). */
static void
test_worker_answer_thread (Fixture       *fixture,
                           gconstpointer  data)
{
  guint changed = 0;
  Answer answer = { .main_thread = g_thread_self (), .changed = &changed };
  gulong handler;

  main_thread = g_thread_self ();
  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (count_changed_cb), &changed);
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_WRITE, create_job,
                        g_strdup ("Written while nobody iterates"), g_free, g_free,
                        NULL, answered_cb, &answer);
  /* The job ends meanwhile; nobody owns the main context */
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_null (answer.result);
  wait_for (&answer);
  g_assert_no_error (answer.error);
  g_assert_cmpuint (changed, ==, 1);
  g_free (answer.result);
  g_signal_handler_disconnect (fixture->store, handler);
  answer_clear (&answer);
}

static void
test_worker_write (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint changed = 0;
  Answer answer = { .main_thread = g_thread_self (), .changed = &changed };
  gulong handler;

  main_thread = g_thread_self ();
  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (count_changed_cb), &changed);

  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_WRITE, create_job,
                        g_strdup ("Silesia Automotive"), g_free, g_free,
                        NULL, answered_cb, &answer);
  wait_for (&answer);
  g_assert_no_error (answer.error);
  id = answer.result;

  /* ::changed on the caller's store, before the caller hears back */
  g_assert_cmpuint (answer.changed_before, ==, 1);

  /* The record and its outbox row, written by the writer's connection,
   * are in the file the caller reads */
  record = eccp_store_get (fixture->store, "cluster", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eccp_record_get_string (record, "name"), ==, "Silesia Automotive");
  change = eccp_store_get_change (fixture->store, "cluster", id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);

  g_signal_handler_disconnect (fixture->store, handler);
  answer_clear (&answer);
}

static void
test_worker_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Answer answers[20] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      answers[i].main_thread = g_thread_self ();
      eccp_store_run_async (fixture->store, ECCP_STORE_JOB_WRITE, order_job, seen, NULL, g_free,
                            NULL, answered_cb, &answers[i]);
    }

  /* The last one's answer comes last */
  wait_for (&answers[G_N_ELEMENTS (answers) - 1]);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (seen->len, ==, G_N_ELEMENTS (answers));
  for (guint i = 0; i < seen->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%u", i);

      g_assert_cmpstr (g_ptr_array_index (seen, i), ==, expected);
      g_assert_no_error (answers[i].error);
      g_free (answers[i].result);
      answer_clear (&answers[i]);
    }
}

static gboolean
cancel_later_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_worker_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *half = NULL;
  g_autofree char *name = NULL;
  Answer answer = { .main_thread = g_thread_self () };
  Answer after = { .main_thread = g_thread_self () };

  /* A write job inside its statement, cancelled from the main loop */
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_WRITE, endless_job, GINT_TO_POINTER (TRUE),
                        NULL, g_free, cancellable, answered_cb, &answer);
  g_timeout_add (50, cancel_later_cb, cancellable);
  wait_for (&answer);

  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (answer.result);
  answer_clear (&answer);

  /* Its transaction was rolled back: nothing of it is in the file */
  half = eccp_store_get_setting (fixture->store, "half-written");
  g_assert_null (half);

  /* The thread goes on with the next job */
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_WRITE, create_job,
                        g_strdup ("After the cancel"), g_free, g_free,
                        NULL, answered_cb, &after);
  wait_for (&after);
  g_assert_no_error (after.error);
  name = after.result;
  g_assert_nonnull (name);
  answer_clear (&after);

  /* A write that committed before the cancel says so: it is in the file */
  {
    g_autoptr(GCancellable) late = g_cancellable_new ();
    g_autofree char *committed = NULL;

    answer = (Answer) { .main_thread = g_thread_self () };
    eccp_store_run_async (fixture->store, ECCP_STORE_JOB_WRITE, commit_then_wait_job, NULL, NULL,
                          g_free, late, answered_cb, &answer);
    wait_for (&answer);
    g_assert_true (g_cancellable_is_cancelled (late));
    g_assert_no_error (answer.error);
    g_assert_cmpstr (answer.result, ==, "committed");
    g_free (answer.result);
    answer_clear (&answer);
    committed = eccp_store_get_setting (fixture->store, "committed");
    g_assert_cmpstr (committed, ==, "yes");
  }

  /* A read job cancelled before it starts never runs */
  answer = (Answer) { .main_thread = g_thread_self () };
  {
    g_autoptr(GCancellable) early = g_cancellable_new ();

    g_cancellable_cancel (early);
    eccp_store_run_async (fixture->store, ECCP_STORE_JOB_READ, endless_job, GINT_TO_POINTER (FALSE),
                          NULL, g_free, early, answered_cb, &answer);
    wait_for (&answer);
    g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    answer_clear (&answer);
  }
}

static void
test_worker_close (Fixture       *fixture,
                   gconstpointer  data)
{
  Answer running = { .main_thread = g_thread_self () };
  Answer queued = { .main_thread = g_thread_self () };
  Answer reading = { .main_thread = g_thread_self () };
  Answer late = { .main_thread = g_thread_self () };
  g_autofree char *half = NULL;

  /* One job inside an endless statement, one behind it */
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_WRITE, endless_job, GINT_TO_POINTER (TRUE),
                        NULL, g_free, NULL, answered_cb, &running);
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_WRITE, create_job, g_strdup ("Queued"),
                        g_free, g_free, NULL, answered_cb, &queued);
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_READ, endless_job, GINT_TO_POINTER (FALSE),
                        NULL, g_free, NULL, answered_cb, &reading);
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);

  /* Returns once both threads have ended: it interrupts the statements */
  eccp_store_close_workers (fixture->store);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Said as closed, not as cancelled by a newer request */
  g_assert_error (running.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_error (queued.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_error (reading.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  answer_clear (&running);
  answer_clear (&reading);
  answer_clear (&queued);

  half = eccp_store_get_setting (fixture->store, "half-written");
  g_assert_null (half);

  /* Nothing is taken once closed; the caller still hears back */
  eccp_store_run_async (fixture->store, ECCP_STORE_JOB_READ, read_name_job, g_strdup ("x"), g_free,
                        g_free, NULL, answered_cb, &late);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_error (late.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  answer_clear (&late);

  /* The caller's own connection works as before */
  g_assert_true (eccp_store_set_setting (fixture->store, "after-close", "yes", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-worker/read", Fixture, NULL,
              eccp_test_store_set_up, test_worker_read, eccp_test_store_tear_down);
  g_test_add ("/store-worker/answer-thread", Fixture, NULL,
              eccp_test_store_set_up, test_worker_answer_thread, eccp_test_store_tear_down);
  g_test_add ("/store-worker/write", Fixture, NULL,
              eccp_test_store_set_up, test_worker_write, eccp_test_store_tear_down);
  g_test_add ("/store-worker/order", Fixture, NULL,
              eccp_test_store_set_up, test_worker_order, eccp_test_store_tear_down);
  g_test_add ("/store-worker/cancel", Fixture, NULL,
              eccp_test_store_set_up, test_worker_cancel, eccp_test_store_tear_down);
  g_test_add ("/store-worker/close", Fixture, NULL,
              eccp_test_store_set_up, test_worker_close, eccp_test_store_tear_down);

  return g_test_run ();
}
