/* eccp-sync-push.c: a run's push, and what the portal's answers mean
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What waits in the outbox goes as one request, or as /batch when several
 * changes wait (one by one if the portal refuses /batch).  Each answer
 * (portal-api.md sections 2 and 5) goes to the store at once; an answer
 * without the record, or a 412 without it, queues a look-up
 * (GET /{type}/{id}) that is made before anything else is sent.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eccp-enum.h"
#include "eccp-json.h"
#include "eccp-store-sync.h"
#include "eccp-sync-engine-private.h"

#define MAX_STALE               3     /* 412s for one change in one run */

typedef enum
{
  VERDICT_DONE,       /* the answer is in the store (or a look-up is queued) */
  VERDICT_AUTH,       /* 401 */
  VERDICT_TRANSIENT,  /* 429, 503, 5xx: send again later */
  VERDICT_ERROR,      /* the store failed */
} Verdict;

/* {{{ Answers to writes */

void
_eccp_sync_lookup_free (EccpSyncLookup *lookup)
{
  eccp_change_free (lookup->change);
  g_clear_pointer (&lookup->errors, json_array_unref);
  g_free (lookup);
}

static EccpSyncLookup *
lookup_new (const EccpChange   *change,
            EccpSyncLookupKind  kind,
            JsonArray          *errors)
{
  EccpSyncLookup *lookup = g_new0 (EccpSyncLookup, 1);

  lookup->change = eccp_change_copy (change);
  lookup->kind = kind;
  lookup->errors = errors != NULL ? json_array_ref (errors) : NULL;

  return lookup;
}

static void
skip_change (EccpSyncRun *run,
             gint64       num)
{
  g_hash_table_add (run->skip, g_memdup2 (&num, sizeof num));
}

/* The pending changes to send next, without those set aside in this run. */
GPtrArray *
_eccp_sync_next_changes (EccpSyncEngine  *self,
                         EccpSyncRun     *run,
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

gboolean
_eccp_sync_refuse (EccpSyncEngine  *self,
                   EccpSyncRun     *run,
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
        EccpSyncRun     *run,
        EccpChange      *change,
        JsonObject      *record,
        GError         **error)
{
  if (!eccp_store_change_accepted (self->store, change->num, change->idempotency_key, record, error))
    return FALSE;

  run->report.pushed++;
  _eccp_sync_set_progress (self, run);

  return TRUE;
}

/* The portal has the record at another revision than the change's base:
 * merge the change onto it.  A change that keeps coming back stale is
 * left for the next run. */
static gboolean
rebase (EccpSyncEngine  *self,
        EccpSyncRun     *run,
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
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
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
        g_queue_push_tail (&run->lookups, lookup_new (change, ECCP_SYNC_LOOKUP_ACCEPT, NULL));
    }
  else if (status == 401)
    {
      return VERDICT_AUTH;
    }
  else if (status == 403 ||
           (status == 422 && (g_strcmp0 (code, "invalid_transition") == 0 ||
                              g_strcmp0 (code, "criteria_not_met") == 0)))
    {
      /* Refused whatever this change's fields hold: not the user's, a
       * moderation move the record, as it stands on the portal now, cannot
       * make, or a profile that does not meet the publication criteria
       * (the managers' to fix, not the reviewer's). */
      ok = _eccp_sync_refuse (self, run, change, ECCP_SYNC_STATE_REJECTED, status, errors, error);
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
          g_ptr_array_add (run->not_found, lookup_new (change, ECCP_SYNC_LOOKUP_REBASE, errors));
        }
    }
  else if (status == 409 && g_strcmp0 (code, "duplicate_id") == 0 &&
           change->op == ECCP_CHANGE_CREATE && change->attempts > 0)
    {
      /* A create sent before whose answer was lost, sent again under a new
       * key (it was edited since): it did land.  Fetch it and rebase what
       * is left onto it; the store turns the create into an update. */
      g_queue_push_tail (&run->lookups, lookup_new (change, ECCP_SYNC_LOOKUP_REBASE, errors));
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
        g_queue_push_tail (&run->lookups, lookup_new (change, ECCP_SYNC_LOOKUP_REBASE, errors));
    }
  else if (_eccp_sync_is_transient_status (status))
    {
      run->retry_after = MAX (run->retry_after, retry_after);
      return VERDICT_TRANSIENT;
    }
  else
    {
      /* 422 (field errors), 409 (duplicate_id, slot_taken), 400 (a bug
       * to show), and whatever else: kept, marked, with the reasons. */
      ok = _eccp_sync_refuse (self, run, change, ECCP_SYNC_STATE_INVALID, status, errors, error);
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
  EccpSyncRun *run = _eccp_sync_task_run (task);

  switch (verdict)
    {
    case VERDICT_ERROR:
      _eccp_sync_fail (task, error);
      return;

    case VERDICT_AUTH:
      _eccp_sync_fail_auth (task);
      return;

    case VERDICT_TRANSIENT:
      {
        gint64 retry_after = run->retry_after;

        run->retry_after = -1;
        _eccp_sync_retry_later (task, retry_after,
                                g_strdup_printf (_("the portal answered HTTP %u"), status),
                                _eccp_sync_push_step);
      }
      return;

    case VERDICT_DONE:
    default:
      run->failures = 0;
      _eccp_sync_push_step (task);
      return;
    }
}

/* }}} */

/* {{{ Push */

static void
single_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpSyncRun *run = _eccp_sync_task_run (task);
  g_autoptr(EccpPortalResponse) response = NULL;
  GError *error = NULL;
  EccpChange *change;
  Verdict verdict;

  /* Each status is the change's own verdict here: not taken as the run's. */
  response = _eccp_sync_take_answer (task, object, result, _eccp_sync_push_step);
  if (response == NULL)
    return;

  change = g_ptr_array_index (run->sending, 0);
  verdict = process_answer (task, change, response->status,
                            eccp_portal_response_get_object (response),
                            response->retry_after, &error);
  answered (task, verdict, response->status, error);
}

static void
send_single (GTask     *task,
             GPtrArray *changes)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
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
      _eccp_sync_fail (task, error);
      return;
    }

  _eccp_sync_request (task, method, path, body, if_match, change->idempotency_key, single_cb);
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
  EccpSyncRun *run = _eccp_sync_task_run (task);
  g_autoptr(EccpPortalResponse) response = NULL;
  GError *error = NULL;
  JsonArray *results;
  gboolean auth = FALSE;
  gboolean transient = FALSE;
  guint transient_status = 0;
  guint n;

  response = _eccp_sync_take_response (task, object, result, _eccp_sync_push_step);
  if (response == NULL)
    return;

  if (response->status != 200)
    {
      g_autofree char *reason = eccp_portal_response_describe (response);

      /* A portal that does not take /batch: one request per change. */
      g_info ("The portal refused a batch (HTTP %u: %s); sending changes one by one",
              response->status, reason);
      run->no_batch = TRUE;
      _eccp_sync_push_step (task);
      return;
    }

  results = eccp_json_get_array (eccp_portal_response_get_object (response), "results");
  if (results == NULL)
    {
      _eccp_sync_fail (task, g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
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
          _eccp_sync_fail (task, error);
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
send_batch (GTask     *task,
            GPtrArray *changes)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
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
          _eccp_sync_fail (task, error);
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
        _eccp_sync_fail (task, error);
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

  _eccp_sync_request (task, "POST", "/batch", root, 0, key, batch_cb);
}

/* {{{ Look-ups: GET /{type}/{id} */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  g_autoptr(EccpPortalResponse) response = NULL;
  EccpSyncLookup *lookup;
  GError *error = NULL;
  JsonObject *data;
  gboolean ok = TRUE;

  response = _eccp_sync_take_response (task, object, result, _eccp_sync_push_step);
  if (response == NULL)
    return;

  lookup = g_queue_pop_head (&run->lookups);
  data = eccp_json_get_object (eccp_portal_response_get_object (response), "data");

  if (response->status == 200 && data != NULL && eccp_json_get_string (data, "id") != NULL)
    {
      if (lookup->kind == ECCP_SYNC_LOOKUP_ACCEPT)
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
      ok = _eccp_sync_refuse (self, run, lookup->change, ECCP_SYNC_STATE_INVALID,
                              lookup->errors != NULL ? 409 : response->status,
                              lookup->errors != NULL ? lookup->errors : eccp_portal_response_get_errors (response),
                              &error);
    }

  g_clear_pointer (&lookup, _eccp_sync_lookup_free);
  answered (task, ok ? VERDICT_DONE : VERDICT_ERROR, response->status, error);
}

static void
lookup_step (GTask *task)
{
  EccpSyncRun *run = _eccp_sync_task_run (task);
  EccpSyncLookup *lookup = g_queue_peek_head (&run->lookups);
  g_autofree char *id = g_uri_escape_string (lookup->change->record_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/%s/%s", lookup->change->type, id);

  _eccp_sync_request (task, "GET", path, NULL, 0, NULL, lookup_cb);
}

/* }}} */

void
_eccp_sync_push_step (GTask *task)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  g_autoptr(GPtrArray) changes = NULL;
  GError *error = NULL;

  if (_eccp_sync_check_cancelled (task))
    return;

  if (!g_queue_is_empty (&run->lookups))
    {
      lookup_step (task);
      return;
    }

  changes = _eccp_sync_next_changes (self, run, run->no_batch ? 1 : self->batch_size, &error);
  if (changes == NULL)
    _eccp_sync_fail (task, error);
  else if (changes->len == 0)
    _eccp_sync_pull_start (task);
  else if (changes->len == 1)
    send_single (task, g_steal_pointer (&changes));
  else
    send_batch (task, g_steal_pointer (&changes));
}

/* }}} */
