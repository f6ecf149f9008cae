/* eccp-store-sync-push.c: what is sent, and the portal's answers
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eccp-store-sync.h"

#include "eccp-json.h"
#include "eccp-store-sync-private.h"

/* {{{ Push */

GPtrArray *
eccp_store_changes_to_send (EccpStore  *self,
                            guint       limit,
                            GError    **error)
{
  GPtrArray *pending;
  sqlite3_stmt *stmt;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  stmt = _eccp_store_statement (self,
                                "SELECT num FROM outbox WHERE state = 'pending' ORDER BY num LIMIT ?1",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 num = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (found, num);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, _eccp_store_get_db (self), _("The store could not be read"));
      return NULL;
    }

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_change_free);
  for (guint i = 0; i < found->len; i++)
    {
      EccpChange *change = _eccp_store_load_change_by_num (self, g_array_index (found, gint64, i), error);

      if (change == NULL)
        {
          g_ptr_array_unref (pending);
          return NULL;
        }
      g_ptr_array_add (pending, change);
    }

  return pending;
}

static JsonObject *
pick_members (JsonObject *from,
              GStrv       names)
{
  JsonObject *picked = json_object_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      JsonNode *value = json_object_get_member (from, names[i]);

      /* A field cleared locally is sent as null. */
      json_object_set_member (picked, names[i],
                              value != NULL ? eccp_json_node_deep_copy (value) : json_node_new (JSON_NODE_NULL));
    }

  return picked;
}

gboolean
eccp_store_change_request (EccpStore         *self,
                           const EccpChange  *change,
                           char             **method,
                           char             **path,
                           JsonNode         **body,
                           gint64            *if_match,
                           GError           **error)
{
  g_auto(EccpSyncRow) row = { 0 };
  g_autoptr(JsonObject) document = NULL;
  JsonObject *data;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (!_eccp_store_sync_load_row (self, change->type, change->record_id, &row, error))
    return FALSE;

  *body = NULL;
  *if_match = 0;

  if (change->op == ECCP_CHANGE_DELETE)
    {
      *method = g_strdup ("DELETE");
      *path = g_strdup_printf ("/%s/%s", change->type, change->record_id);
      *if_match = change->base_rev;
      return TRUE;
    }

  document = json_object_new ();
  data = eccp_json_resource_new (change->type, change->record_id);

  if (change->op == ECCP_CHANGE_CREATE)
    {
      *method = g_strdup ("POST");
      *path = g_strdup_printf ("/%s", change->type);
      json_object_set_object_member (data, "attributes", eccp_json_object_deep_copy (row.attributes));
      json_object_set_object_member (data, "relationships", eccp_json_object_deep_copy (row.relationships));
    }
  else
    {
      *method = g_strdup ("PATCH");
      *path = g_strdup_printf ("/%s/%s", change->type, change->record_id);
      *if_match = change->base_rev;
      json_object_set_object_member (data, "attributes",
                                     pick_members (row.attributes, change->changed_attributes));
      json_object_set_object_member (data, "relationships",
                                     pick_members (row.relationships, change->changed_relationships));
      if (!_eccp_store_sync_strv_is_empty (change->changed_meta))
        json_object_set_object_member (data, "meta", pick_members (row.meta, change->changed_meta));
    }

  json_object_set_object_member (document, "data", data);
  *body = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (*body, document);

  return TRUE;
}

/* At most this many values of one field are remembered as sent. */
#define SENT_VALUES_MAX 8

/* Adds the values of @names in @tree to @sent[@tree_name], each field's
 * list growing by the value when it is not its last one already. */
static void
remember_sent (JsonObject *sent,
               const char *tree_name,
               JsonObject *tree,
               GStrv       names)
{
  JsonObject *fields = eccp_json_get_object (sent, tree_name);

  if (fields == NULL)
    {
      fields = json_object_new ();
      json_object_set_object_member (sent, tree_name, fields);
    }

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      JsonNode *value = json_object_get_member (tree, names[i]);
      JsonArray *values = eccp_json_get_array (fields, names[i]);
      guint n;

      if (values == NULL)
        {
          values = json_array_new ();
          json_object_set_array_member (fields, names[i], values);
        }

      n = json_array_get_length (values);
      if (n > 0 && eccp_json_node_equal (json_array_get_element (values, n - 1), value))
        continue;
      if (n >= SENT_VALUES_MAX)
        json_array_remove_element (values, 0);
      json_array_add_element (values, value != NULL ? eccp_json_node_deep_copy (value)
                                                    : json_node_new (JSON_NODE_NULL));
    }
}

/* Counts one send of the change numbered @num, and keeps what it sends. */
static gboolean
count_attempt (EccpStore  *self,
               gint64      num,
               GError    **error)
{
  g_autoptr(EccpChange) change = NULL;
  g_auto(EccpSyncRow) row = { 0 };

  if (!_eccp_store_find_change_by_num (self, num, &change, error))
    return FALSE;
  if (change == NULL)
    return TRUE; /* answered and gone meanwhile */

  change->attempts++;

  if (change->op == ECCP_CHANGE_UPDATE)
    {
      if (!_eccp_store_sync_load_row (self, change->type, change->record_id, &row, error))
        return FALSE;
      if (change->sent == NULL)
        change->sent = json_object_new ();
      remember_sent (change->sent, "attributes", row.attributes, change->changed_attributes);
      remember_sent (change->sent, "relationships", row.relationships, change->changed_relationships);
    }

  return _eccp_store_save_change (self, change, error);
}

gboolean
eccp_store_change_sending (EccpStore  *self,
                           gint64      num,
                           GError    **error)
{
  return eccp_store_changes_sending (self, &num, 1, error);
}

gboolean
eccp_store_changes_sending (EccpStore     *self,
                            const gint64  *nums,
                            guint          n_changes,
                            GError       **error)
{
  gboolean success = TRUE;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  /* On disk when this returns: a crash after the send means "resend with
   * the same key", never "send as new". */
  if (!_eccp_store_begin (self, error))
    return FALSE;

  for (guint i = 0; success && i < n_changes; i++)
    success = count_attempt (self, nums[i], error);

  return _eccp_store_end (self, success, error);
}

/* Runs @func inside a transaction on the change numbered @num, which may be
 * gone already (answered twice): then nothing happens. */
typedef gboolean (*ChangeFunc) (EccpStore   *self,
                                EccpChange  *change,
                                gpointer     data,
                                GError     **error);

static gboolean
with_change (EccpStore   *self,
             gint64       num,
             ChangeFunc   func,
             gpointer     data,
             GError     **error)
{
  g_autoptr(EccpChange) change = NULL;
  gboolean success;

  if (!_eccp_store_begin (self, error))
    return FALSE;

  success = _eccp_store_find_change_by_num (self, num, &change, error)
            && (change == NULL || func (self, change, data, error));

  return _eccp_store_end (self, success, error);
}

typedef struct
{
  const char    *key;
  JsonObject    *record;
  EccpSyncState  state;
  JsonArray     *errors;
  gboolean       conflict;
} Answer;

static gboolean
accept_change (EccpStore   *self,
               EccpChange  *change,
               gpointer     data,
               GError     **error)
{
  Answer *answer = data;
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(JsonObject) relationships = NULL;
  g_autoptr(JsonObject) meta = NULL;

  if (answer->record == NULL)
    {
      if (change->op == ECCP_CHANGE_DELETE)
        return _eccp_store_delete_change (self, change->num, error)
               && _eccp_store_remove_row (self, change->type, change->record_id, error);

      /* A delete answered, but a change made since still waits: it starts
       * again from nothing on the portal. */
      change->op = ECCP_CHANGE_CREATE;
      change->base_rev = 0;
      _eccp_store_sync_new_key (change);
      return _eccp_store_save_change (self, change, error);
    }

  attributes = _eccp_store_sync_object_or_empty (answer->record, "attributes");
  relationships = _eccp_store_sync_object_or_empty (answer->record, "relationships");
  meta = _eccp_store_sync_portal_meta (answer->record);

  if (g_strcmp0 (change->idempotency_key, answer->key) == 0
      && (change->op != ECCP_CHANGE_CREATE || _eccp_store_sync_strv_is_empty (change->changed_meta)))
    {
      /* What was sent is what there is: synced. */
      return _eccp_store_delete_change (self, change->num, error)
             && _eccp_store_write_row (self, change->type, change->record_id,
                                       attributes, relationships, meta, FALSE, error);
    }

  /* Edited again while the request was on its way (or a create that still
   * has a transition to make): the portal's answer is the new base of what
   * is still to be sent. */
  {
    EccpPullStats ignored = { 0 };
    g_autoptr(JsonObject) theirs = json_object_new ();

    json_object_set_object_member (theirs, "attributes", json_object_ref (attributes));
    json_object_set_object_member (theirs, "relationships", json_object_ref (relationships));
    json_object_set_object_member (theirs, "meta", json_object_ref (meta));

    /* What the portal now holds includes what was sent: it is the base,
     * and only what differs from it is left to send (no conflict can
     * come of our own request). */
    _eccp_store_sync_set_base (change, attributes, relationships);
    if (change->op == ECCP_CHANGE_CREATE)
      change->op = ECCP_CHANGE_UPDATE;
    change->base_rev = 0; /* the answer is newer than any base */

    return _eccp_store_sync_rebase_change (self, change, theirs, &ignored, error);
  }
}

gboolean
eccp_store_change_accepted (EccpStore   *self,
                            gint64       num,
                            const char  *key,
                            JsonObject  *record,
                            GError     **error)
{
  Answer answer = { key, record };

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return with_change (self, num, accept_change, &answer, error);
}

static gboolean
refuse_change (EccpStore   *self,
               EccpChange  *change,
               gpointer     data,
               GError     **error)
{
  Answer *answer = data;

  /* The refusal is of what was sent; an edit made since is sent anew. */
  if (g_strcmp0 (change->idempotency_key, answer->key) != 0)
    return TRUE;

  change->state = answer->state;
  g_clear_pointer (&change->errors, json_array_unref);
  change->errors = answer->errors != NULL ? json_array_ref (answer->errors) : NULL;

  return _eccp_store_save_change (self, change, error);
}

gboolean
eccp_store_change_refused (EccpStore      *self,
                           gint64          num,
                           const char     *key,
                           EccpSyncState   state,
                           JsonArray      *errors,
                           GError        **error)
{
  Answer answer = { key, NULL, state, errors };

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (state == ECCP_SYNC_STATE_REJECTED || state == ECCP_SYNC_STATE_INVALID, FALSE);

  return with_change (self, num, refuse_change, &answer, error);
}

static gboolean
rebase_stale (EccpStore   *self,
              EccpChange  *change,
              gpointer     data,
              GError     **error)
{
  Answer *answer = data;
  EccpPullStats stats = { 0 };

  if (!_eccp_store_sync_rebase_change (self, change, answer->record, &stats, error))
    return FALSE;

  answer->conflict = change->state == ECCP_SYNC_STATE_CONFLICT;

  return TRUE;
}

gboolean
eccp_store_change_stale (EccpStore   *self,
                         gint64       num,
                         const char  *key,
                         JsonObject  *current,
                         gboolean    *conflict,
                         GError     **error)
{
  Answer answer = { key, current };

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (current != NULL, FALSE);

  if (!with_change (self, num, rebase_stale, &answer, error))
    return FALSE;

  if (conflict != NULL)
    *conflict = answer.conflict;

  return TRUE;
}

/* }}} */
