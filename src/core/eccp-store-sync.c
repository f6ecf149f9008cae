/* eccp-store-sync.c: what the sync engine asks of the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eccp-store-sync.h"

#include "eccp-json.h"
#include "eccp-merge.h"
#include "eccp-store-private.h"
#include "eccp-validation.h"

/* {{{ Helpers */

typedef struct
{
  JsonObject *attributes;
  JsonObject *relationships;
  JsonObject *meta;
  gboolean    deleted;
} Row;

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->attributes, json_object_unref);
  g_clear_pointer (&row->relationships, json_object_unref);
  g_clear_pointer (&row->meta, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

/* The local row of a record, a locally deleted one included. */
static gboolean
load_row (EccpStore   *self,
          const char  *type,
          const char  *id,
          Row         *row,
          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _eccp_store_statement (self,
                                "SELECT attributes, relationships, meta, deleted FROM records"
                                " WHERE type = ?1 AND id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;

  _eccp_store_bind_text (stmt, 1, type);
  _eccp_store_bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->attributes = _eccp_store_column_object (stmt, 0);
      row->relationships = _eccp_store_column_object (stmt, 1);
      row->meta = _eccp_store_column_object (stmt, 2);
      row->deleted = sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with the id “%s”"), type, id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_deleted (EccpStore   *self,
             const char  *type,
             const char  *id,
             gboolean     deleted,
             GError     **error)
{
  return _eccp_store_run (self,
                          deleted
                          ? "UPDATE records SET deleted = 1 WHERE type = ?1 AND id = ?2"
                          : "UPDATE records SET deleted = 0 WHERE type = ?1 AND id = ?2",
                          type, id, error);
}

static JsonObject *
object_or_empty (JsonObject *resource,
                 const char *member)
{
  JsonObject *object = eccp_json_get_object (resource, member);

  return object != NULL ? eccp_json_object_deep_copy (object) : json_object_new ();
}

/* The portal's meta, without what is only a signal or ours. */
static JsonObject *
portal_meta (JsonObject *resource)
{
  JsonObject *meta = object_or_empty (resource, "meta");

  if (json_object_has_member (meta, "deleted"))
    json_object_remove_member (meta, "deleted");
  if (json_object_has_member (meta, "sync_state"))
    json_object_remove_member (meta, "sync_state");

  return meta;
}

static gboolean
strv_is_empty (GStrv strv)
{
  return strv == NULL || strv[0] == NULL;
}

static void
replace_strv (GStrv *target,
              GStrv  value)
{
  g_strfreev (*target);
  *target = value;
}

static void
replace_object (JsonObject **target,
                JsonObject  *value)
{
  if (*target != NULL)
    json_object_unref (*target);
  *target = value;
}

/* A change whose request will differ from what was sent gets a key never
 * sent: the portal answers a known key with its first answer. */
static void
new_key (EccpChange *change)
{
  g_free (change->idempotency_key);
  change->idempotency_key = g_uuid_string_random ();
  change->attempts = 0;
  g_clear_pointer (&change->sent, json_object_unref);
}

static gboolean
change_is_empty (EccpChange *change)
{
  return change->op == ECCP_CHANGE_UPDATE
         && strv_is_empty (change->changed_attributes)
         && strv_is_empty (change->changed_relationships)
         && strv_is_empty (change->changed_meta)
         && (change->conflicts == NULL || json_object_get_size (change->conflicts) == 0);
}

/* Adds the conflicts of @more to the change's, and marks it. */
static void
add_conflicts (EccpChange *change,
               JsonObject *more)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (more == NULL || json_object_get_size (more) == 0)
    return;

  if (change->conflicts == NULL)
    change->conflicts = json_object_new ();

  json_object_iter_init (&iter, more);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (change->conflicts, name, eccp_json_node_deep_copy (value));

  change->state = ECCP_SYNC_STATE_CONFLICT;
}

/* The record-level conflict: deleted on one side, edited on the other. */
static JsonObject *
record_conflict (gboolean deleted_by_them)
{
  JsonObject *conflicts = json_object_new ();
  JsonObject *conflict = json_object_new ();

  json_object_set_string_member (conflict, "theirs", deleted_by_them ? "deleted" : "edited");
  json_object_set_string_member (conflict, "mine", deleted_by_them ? "edited" : "deleted");
  json_object_set_object_member (conflicts, "", conflict);

  return conflicts;
}

/* }}} */

/* {{{ Rebase: the portal's version under a local change */

/* Rebases @change onto @theirs (a resource object, or a tombstone).  Part
 * of the caller's transaction. */
static gboolean
rebase_change (EccpStore      *self,
               EccpChange     *change,
               JsonObject     *theirs,
               EccpPullStats  *stats,
               GError        **error)
{
  g_auto(Row) mine = { 0 };
  g_autoptr(JsonObject) their_meta = portal_meta (theirs);
  g_autoptr(JsonObject) their_attributes = object_or_empty (theirs, "attributes");
  g_autoptr(JsonObject) their_relationships = object_or_empty (theirs, "relationships");
  g_autoptr(EccpMergeResult) attributes = NULL;
  g_autoptr(EccpMergeResult) relationships = NULL;
  g_autoptr(JsonObject) merged_meta = NULL;
  JsonObject *theirs_meta_raw = eccp_json_get_object (theirs, "meta");
  gboolean tombstone = theirs_meta_raw != NULL
    && json_object_get_boolean_member_with_default (theirs_meta_raw, "deleted", FALSE);
  gint64 their_rev = eccp_json_get_int (their_meta, "rev", 0);
  const char *type = change->type;
  const char *id = change->record_id;

  if (!load_row (self, type, id, &mine, error))
    return FALSE;

  /* An echo of the revision the change started from, or older. */
  if (!tombstone && change->op != ECCP_CHANGE_CREATE && their_rev > 0 && their_rev <= change->base_rev)
    {
      stats->unchanged++;
      return TRUE;
    }

  if (tombstone)
    {
      switch (change->op)
        {
        case ECCP_CHANGE_DELETE:
          /* Deleted on both sides: nothing is left to do. */
          stats->deleted++;
          return _eccp_store_delete_change (self, change->num, error)
                 && _eccp_store_remove_row (self, type, id, error);

        case ECCP_CHANGE_UPDATE:
          {
            g_autoptr(JsonObject) conflict = record_conflict (TRUE);

            add_conflicts (change, conflict);
            stats->conflicts++;
            return _eccp_store_save_change (self, change, error);
          }

        case ECCP_CHANGE_CREATE:
        default:
          /* The portal never had it, or had it and removed it: ours is
           * still to be created. */
          return TRUE;
        }
    }

  if (change->op == ECCP_CHANGE_DELETE)
    {
      g_autoptr(JsonObject) conflict = record_conflict (FALSE);

      /* Edited there, deleted here: the person decides.  The base is now
       * theirs, so that "delete anyway" deletes the revision they saw. */
      replace_object (&change->base_attributes, eccp_json_object_deep_copy (their_attributes));
      replace_object (&change->base_relationships, eccp_json_object_deep_copy (their_relationships));
      change->base_rev = their_rev;
      new_key (change);
      add_conflicts (change, conflict);
      stats->conflicts++;

      return _eccp_store_save_change (self, change, error)
             && _eccp_store_write_row (self, type, id, their_attributes, their_relationships,
                                       their_meta, FALSE, error);
    }

  /* A create the portal has: the answer to it was lost.  What it holds
   * is the base of anything edited since. */
  if (change->op == ECCP_CHANGE_CREATE)
    {
      replace_object (&change->base_attributes, eccp_json_object_deep_copy (their_attributes));
      replace_object (&change->base_relationships, eccp_json_object_deep_copy (their_relationships));
      change->op = ECCP_CHANGE_UPDATE;
    }

  /* What this change sent once without an answer may be on the portal:
   * theirs equal to it is our own earlier edit. */
  attributes = eccp_merge_three_way (change->base_attributes, their_attributes, mine.attributes,
                                     eccp_json_get_object (change->sent, "attributes"),
                                     (const char * const *) change->changed_attributes);
  relationships = eccp_merge_three_way (change->base_relationships, their_relationships,
                                        mine.relationships,
                                        eccp_json_get_object (change->sent, "relationships"),
                                        (const char * const *) change->changed_relationships);

  /* Theirs, with my transition on top. */
  merged_meta = eccp_json_object_deep_copy (their_meta);
  for (guint i = 0; change->changed_meta != NULL && change->changed_meta[i] != NULL; i++)
    {
      JsonNode *value = json_object_get_member (mine.meta, change->changed_meta[i]);

      if (value != NULL)
        json_object_set_member (merged_meta, change->changed_meta[i], eccp_json_node_deep_copy (value));
    }

  if (attributes->taken > 0 || relationships->taken > 0)
    stats->merged++;
  stats->conflicts += json_object_get_size (attributes->conflicts)
                      + json_object_get_size (relationships->conflicts);

  replace_object (&change->base_attributes, eccp_json_object_deep_copy (their_attributes));
  replace_object (&change->base_relationships, eccp_json_object_deep_copy (their_relationships));
  replace_object (&change->base_meta, _eccp_store_transition_meta (their_meta));
  change->base_rev = their_rev;
  replace_strv (&change->changed_attributes, g_strdupv (attributes->still_mine));
  replace_strv (&change->changed_relationships, g_strdupv (relationships->still_mine));
  add_conflicts (change, attributes->conflicts);
  add_conflicts (change, relationships->conflicts);
  new_key (change);

  if (!_eccp_store_write_row (self, type, id, attributes->merged, relationships->merged,
                              merged_meta, FALSE, error))
    return FALSE;

  if (change_is_empty (change))
    return _eccp_store_delete_change (self, change->num, error);

  return _eccp_store_save_change (self, change, error);
}

static gboolean
rebase_pulled (EccpStore   *self,
               EccpChange  *change,
               JsonObject  *theirs,
               gpointer     user_data,
               GError     **error)
{
  return rebase_change (self, change, theirs, user_data, error);
}

/* }}} */

/* {{{ Pull */

gboolean
eccp_store_apply_changes_page (EccpStore      *self,
                               JsonNode       *page,
                               EccpPullStats  *stats,
                               GError        **error)
{
  EccpImportStats import_stats = { 0 };
  EccpPullStats pull_stats = { 0 };

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);

  if (!_eccp_store_import (self, page, &import_stats, rebase_pulled, &pull_stats, error))
    return FALSE;

  if (stats != NULL)
    {
      stats->applied += import_stats.created + import_stats.updated;
      stats->deleted += import_stats.deleted + pull_stats.deleted;
      stats->unchanged += import_stats.unchanged + pull_stats.unchanged;
      stats->merged += pull_stats.merged;
      stats->conflicts += pull_stats.conflicts;
    }

  return TRUE;
}

char *
eccp_store_get_cursor (EccpStore *self)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  return eccp_store_get_setting (self, "cursor");
}

gboolean
eccp_store_begin_resync (EccpStore  *self,
                         GError    **error)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  if (!_eccp_store_begin (self, error))
    return FALSE;

  if (!eccp_store_set_setting (self, "cursor", NULL, error)
      || !eccp_store_set_setting (self, "resync", "1", error)
      || !_eccp_store_run (self,
                           "UPDATE records SET unseen = 1 WHERE NOT EXISTS"
                           " (SELECT 1 FROM outbox o WHERE o.type = records.type AND o.record_id = records.id)",
                           NULL, NULL, error)
      || !_eccp_store_commit (self, error))
    {
      _eccp_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

gboolean
eccp_store_finish_resync (EccpStore  *self,
                          guint      *removed,
                          GError    **error)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  if (!_eccp_store_begin (self, error))
    return FALSE;

  /* A record that gained a local change meanwhile is kept. */
  stmt = _eccp_store_statement (self,
                                "SELECT type, id FROM records r WHERE unseen = 1 AND NOT EXISTS"
                                " (SELECT 1 FROM outbox o WHERE o.type = r.type AND o.record_id = r.id)",
                                error);
  if (stmt == NULL)
    goto failed;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (types, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    if (!_eccp_store_remove_row (self, g_ptr_array_index (types, i), g_ptr_array_index (ids, i), error))
      goto failed;

  if (!_eccp_store_run (self, "UPDATE records SET unseen = 0 WHERE unseen = 1", NULL, NULL, error)
      || !eccp_store_set_setting (self, "resync", NULL, error)
      || !_eccp_store_commit (self, error))
    goto failed;

  if (removed != NULL)
    *removed = ids->len;

  return TRUE;

failed:
  _eccp_store_rollback (self);
  return FALSE;
}

/* }}} */

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
  g_auto(Row) row = { 0 };
  g_autoptr(JsonObject) document = NULL;
  JsonObject *data;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (!load_row (self, change->type, change->record_id, &row, error))
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
  data = json_object_new ();
  json_object_set_string_member (data, "type", change->type);
  json_object_set_string_member (data, "id", change->record_id);

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
      if (!strv_is_empty (change->changed_meta))
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

gint64
eccp_store_count_changes_needing_user (EccpStore  *self,
                                       GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (ECCP_IS_STORE (self), -1);

  /* The states as the outbox spells them (its CHECK in eccp-store-schema.c). */
  stmt = _eccp_store_statement (self,
                                "SELECT count (*) FROM outbox"
                                " WHERE state IN ('conflict', 'rejected', 'invalid')",
                                error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _eccp_store_set_sqlite_error (error, _eccp_store_get_db (self), _("The store could not be read"));
  sqlite3_reset (stmt);

  return count;
}

/* Counts one send of the change numbered @num, and keeps what it sends. */
static gboolean
count_attempt (EccpStore  *self,
               gint64      num,
               GError    **error)
{
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(Row) row = { 0 };

  change = _eccp_store_load_change_by_num (self, num, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (change == NULL)
    return TRUE; /* answered and gone meanwhile */

  change->attempts++;

  if (change->op == ECCP_CHANGE_UPDATE)
    {
      if (!load_row (self, change->type, change->record_id, &row, error))
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
  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  /* On disk when this returns: a crash after the send means "resend with
   * the same key", never "send as new". */
  if (!_eccp_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_changes; i++)
    if (!count_attempt (self, nums[i], error))
      goto failed;

  if (!_eccp_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _eccp_store_rollback (self);
  return FALSE;
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
  g_autoptr(GError) local_error = NULL;

  if (!_eccp_store_begin (self, error))
    return FALSE;

  change = _eccp_store_load_change_by_num (self, num, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  if (change != NULL && !func (self, change, data, error))
    goto failed;

  if (!_eccp_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _eccp_store_rollback (self);
  return FALSE;
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
      new_key (change);
      return _eccp_store_save_change (self, change, error);
    }

  attributes = object_or_empty (answer->record, "attributes");
  relationships = object_or_empty (answer->record, "relationships");
  meta = portal_meta (answer->record);

  if (g_strcmp0 (change->idempotency_key, answer->key) == 0
      && (change->op != ECCP_CHANGE_CREATE || strv_is_empty (change->changed_meta)))
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
    replace_object (&change->base_attributes, eccp_json_object_deep_copy (attributes));
    replace_object (&change->base_relationships, eccp_json_object_deep_copy (relationships));
    if (change->op == ECCP_CHANGE_CREATE)
      change->op = ECCP_CHANGE_UPDATE;
    change->base_rev = 0; /* the answer is newer than any base */

    return rebase_change (self, change, theirs, &ignored, error);
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

  if (!rebase_change (self, change, answer->record, &stats, error))
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

/* {{{ The user decides */

static EccpChange *
load_existing_change (EccpStore   *self,
                      const char  *type,
                      const char  *id,
                      GError     **error)
{
  EccpChange *change = NULL;

  if (_eccp_store_find_change (self, type, id, &change, error) && change == NULL)
    g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                 _("The %s “%s” has no local change"), type, id);

  return change;
}

static void
remove_name (GStrv      *names,
             const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; *names != NULL && (*names)[i] != NULL; i++)
    if (g_strcmp0 ((*names)[i], name) != 0)
      g_strv_builder_add (builder, (*names)[i]);

  replace_strv (names, g_strv_builder_end (builder));
}

static gboolean
resolve_record (EccpStore          *self,
                EccpChange         *change,
                EccpResolveChoice   choice,
                GError            **error)
{
  const char *type = change->type;
  const char *id = change->record_id;

  json_object_remove_member (change->conflicts, "");

  if (change->op == ECCP_CHANGE_DELETE)
    {
      if (choice == ECCP_RESOLVE_MINE)
        {
          /* Delete the revision they edited. */
          change->state = ECCP_SYNC_STATE_PENDING;
          return _eccp_store_save_change (self, change, error);
        }

      /* Keep theirs: the row already holds their version. */
      return _eccp_store_delete_change (self, change->num, error)
             && set_deleted (self, type, id, FALSE, error);
    }

  if (choice == ECCP_RESOLVE_MINE)
    {
      /* They deleted it; mine lives on as a new record with the same id. */
      change->op = ECCP_CHANGE_CREATE;
      change->base_rev = 0;
      g_clear_pointer (&change->base_attributes, json_object_unref);
      g_clear_pointer (&change->base_relationships, json_object_unref);
      change->state = ECCP_SYNC_STATE_PENDING;
      new_key (change);
      return _eccp_store_save_change (self, change, error);
    }

  return _eccp_store_delete_change (self, change->num, error)
         && _eccp_store_remove_row (self, type, id, error);
}

gboolean
eccp_store_resolve (EccpStore          *self,
                    const char         *type,
                    const char         *id,
                    const char         *field_name,
                    EccpResolveChoice   choice,
                    JsonNode           *value,
                    GError            **error)
{
  g_autoptr(EccpChange) change = NULL;
  g_auto(Row) row = { 0 };
  const EccpTypeSpec *spec;
  const EccpFieldSpec *field;
  JsonObject *conflict;
  JsonObject *tree;
  GStrv *changed;
  JsonNode *chosen;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (field_name != NULL, FALSE);

  spec = eccp_type_spec_lookup (type);
  if (spec == NULL)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_TYPE,
                   _("“%s” is not a record type"), type);
      return FALSE;
    }

  if (!_eccp_store_begin (self, error))
    return FALSE;

  change = load_existing_change (self, type, id, error);
  if (change == NULL)
    goto failed;

  conflict = change->conflicts != NULL ? eccp_json_get_object (change->conflicts, field_name) : NULL;
  if (conflict == NULL)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                   *field_name == '\0'
                   ? _("The %s “%s” has no conflict about the record itself")
                   : _("The %s “%s” has no conflict in that field"),
                   type, id);
      goto failed;
    }

  if (*field_name == '\0')
    {
      if (choice == ECCP_RESOLVE_VALUE)
        {
          g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                               _("A deleted record is kept or deleted: there is no value to type"));
          goto failed;
        }
      if (!resolve_record (self, change, choice, error))
        goto failed;
      goto done;
    }

  field = eccp_type_spec_get_field (spec, field_name);
  if (field == NULL)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("A %s has no field “%s”"), type, field_name);
      goto failed;
    }

  if (!load_row (self, type, id, &row, error))
    goto failed;

  if (eccp_field_spec_is_relation (field))
    {
      tree = row.relationships;
      changed = &change->changed_relationships;
    }
  else
    {
      tree = row.attributes;
      changed = &change->changed_attributes;
    }

  switch (choice)
    {
    case ECCP_RESOLVE_THEIRS:
      chosen = json_object_get_member (conflict, "theirs");
      json_object_set_member (tree, field_name, eccp_json_node_deep_copy (chosen));
      /* The base is theirs already: nothing of mine is left to send. */
      remove_name (changed, field_name);
      break;

    case ECCP_RESOLVE_VALUE:
      {
        g_autoptr(EccpFieldError) invalid = eccp_validate_value (field, value);

        if (invalid != NULL)
          {
            g_set_error_literal (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                                 invalid->message);
            goto failed;
          }
        json_object_set_member (tree, field_name, eccp_json_node_deep_copy (value));
      }
      break;

    case ECCP_RESOLVE_MINE:
    default:
      break; /* the record holds mine */
    }

  json_object_remove_member (change->conflicts, field_name);

  if (!_eccp_store_write_row (self, type, id, row.attributes, row.relationships, row.meta, FALSE, error))
    goto failed;

  if (json_object_get_size (change->conflicts) == 0)
    change->state = ECCP_SYNC_STATE_PENDING;

  if (change_is_empty (change))
    {
      if (!_eccp_store_delete_change (self, change->num, error))
        goto failed;
    }
  else if (!_eccp_store_save_change (self, change, error))
    goto failed;

done:
  if (!_eccp_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _eccp_store_rollback (self);
  return FALSE;
}

gboolean
eccp_store_discard (EccpStore   *self,
                    const char  *type,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(EccpChange) change = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  if (!_eccp_store_begin (self, error))
    return FALSE;

  change = load_existing_change (self, type, id, error);
  if (change == NULL)
    goto failed;

  if (change->op == ECCP_CHANGE_CREATE)
    {
      /* Never on the portal: nothing to go back to. */
      if (!_eccp_store_delete_change (self, change->num, error)
          || !_eccp_store_remove_row (self, type, id, error))
        goto failed;
    }
  else
    {
      g_auto(Row) row = { 0 };
      g_autoptr(JsonObject) meta = NULL;

      if (!load_row (self, type, id, &row, error))
        goto failed;

      /* The portal's version is the base; the meta as it was, but for the
       * transition this change made. */
      meta = eccp_json_object_deep_copy (row.meta);
      for (guint i = 0; change->changed_meta != NULL && change->changed_meta[i] != NULL; i++)
        {
          JsonNode *before = change->base_meta != NULL
            ? json_object_get_member (change->base_meta, change->changed_meta[i]) : NULL;

          if (before != NULL)
            json_object_set_member (meta, change->changed_meta[i], eccp_json_node_deep_copy (before));
          else if (json_object_has_member (meta, change->changed_meta[i]))
            json_object_remove_member (meta, change->changed_meta[i]);
        }

      if (!_eccp_store_delete_change (self, change->num, error)
          || !_eccp_store_write_row (self, type, id,
                                     change->base_attributes ? change->base_attributes : row.attributes,
                                     change->base_relationships ? change->base_relationships : row.relationships,
                                     meta, FALSE, error)
          || !set_deleted (self, type, id, FALSE, error))
        goto failed;
    }

  if (!_eccp_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _eccp_store_rollback (self);
  return FALSE;
}

static gboolean
is_transition (const char *state)
{
  static const char * const states[] = { "needs_review", "published", "changes_requested", "archived", NULL };

  return state != NULL && g_strv_contains (states, state);
}

EccpRecord *
eccp_store_transition (EccpStore   *self,
                       const char  *type,
                       const char  *id,
                       const char  *state,
                       const char  *comment,
                       GError     **error)
{
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpChange) fresh = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) changed_meta = NULL;
  const EccpTypeSpec *spec;
  JsonObject *meta;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  spec = eccp_type_spec_lookup (type);
  if (spec == NULL || !spec->moderated)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   _("A %s is not reviewed: it has no moderation state"), type);
      return NULL;
    }

  if (!is_transition (state))
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   _("“%s” is not a moderation state a record can be moved to"), state);
      return NULL;
    }

  if (!_eccp_store_begin (self, error))
    return NULL;

  record = eccp_store_get (self, type, id, error);
  if (record == NULL)
    goto failed;

  /* The portal checks the publication criteria when staff publish; a
   * manager sees the same check before submitting. */
  if (g_strcmp0 (type, "cluster") == 0
      && (g_strcmp0 (state, "needs_review") == 0 || g_strcmp0 (state, "published") == 0))
    {
      g_autoptr(GPtrArray) unmet = eccp_check_publication_criteria (eccp_record_get_attributes (record));

      if (unmet->len > 0)
        {
          eccp_validation_set_error (error, unmet);
          goto failed;
        }
    }

  /* The record before the transition: the base, if it is its first change. */
  fresh = _eccp_store_change_new (record, ECCP_CHANGE_UPDATE);

  meta = eccp_record_get_meta (record);
  json_object_set_string_member (meta, "moderation_state", state);
  g_strv_builder_add (names, "moderation_state");
  if (comment != NULL)
    {
      json_object_set_string_member (meta, "review_comment", comment);
      g_strv_builder_add (names, "review_comment");
    }
  changed_meta = g_strv_builder_end (names);

  if (!_eccp_store_find_change (self, type, id, &change, error))
    goto failed;

  if (change == NULL)
    {
      fresh->changed_meta = g_strdupv (changed_meta);
      if (!_eccp_store_insert_change (self, fresh, error))
        goto failed;
    }
  else
    {
      replace_strv (&change->changed_meta,
                    _eccp_store_strv_union ((const char * const *) change->changed_meta,
                                            (const char * const *) changed_meta));
      if (change->base_meta == NULL)
        change->base_meta = g_steal_pointer (&fresh->base_meta);
      _eccp_store_refresh_key_if_sent (change);
      if (!_eccp_store_save_change (self, change, error))
        goto failed;
    }

  if (!_eccp_store_write_row (self, type, id, eccp_record_get_attributes (record),
                              eccp_record_get_relationships (record), meta, FALSE, error)
      || !_eccp_store_commit (self, error))
    goto failed;

  eccp_record_set_sync_state (record, change != NULL ? change->state : ECCP_SYNC_STATE_PENDING);

  return g_steal_pointer (&record);

failed:
  _eccp_store_rollback (self);
  return NULL;
}

/* }}} */
