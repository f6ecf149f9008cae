/* eccp-store-sync.c: what the sync engine asks of the store: the pull
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pull, and the rebase of a local change onto the portal's version
 * that a pull (or a 412) brings.  What is sent and the portal's answers
 * are in eccp-store-sync-push.c, what the person decides in
 * eccp-store-sync-decide.c.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eccp-store-sync.h"

#include "eccp-json.h"
#include "eccp-merge.h"
#include "eccp-store-sync-private.h"

/* {{{ Helpers */

void
_eccp_sync_row_clear (EccpSyncRow *row)
{
  g_clear_pointer (&row->attributes, json_object_unref);
  g_clear_pointer (&row->relationships, json_object_unref);
  g_clear_pointer (&row->meta, json_object_unref);
}

gboolean
_eccp_store_sync_load_row (EccpStore    *self,
                           const char   *type,
                           const char   *id,
                           EccpSyncRow  *row,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _eccp_store_statement_for (self,
                                    "SELECT attributes, relationships, meta, deleted FROM records"
                                    " WHERE type = ?1 AND id = ?2",
                                    type, id, error);
  if (stmt == NULL)
    return FALSE;

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

JsonObject *
_eccp_store_sync_object_or_empty (JsonObject *resource,
                                  const char *member)
{
  JsonObject *object = eccp_json_get_object (resource, member);

  return object != NULL ? eccp_json_object_deep_copy (object) : json_object_new ();
}

JsonObject *
_eccp_store_sync_portal_meta (JsonObject *resource)
{
  JsonObject *meta = _eccp_store_sync_object_or_empty (resource, "meta");

  if (json_object_has_member (meta, "deleted"))
    json_object_remove_member (meta, "deleted");
  if (json_object_has_member (meta, "sync_state"))
    json_object_remove_member (meta, "sync_state");

  return meta;
}

void
_eccp_store_sync_new_key (EccpChange *change)
{
  g_free (change->idempotency_key);
  change->idempotency_key = g_uuid_string_random ();
  change->attempts = 0;
  g_clear_pointer (&change->sent, json_object_unref);
}

static void
replace_object (JsonObject **target,
                JsonObject  *value)
{
  if (*target != NULL)
    json_object_unref (*target);
  *target = value;
}

void
_eccp_store_sync_set_base (EccpChange *change,
                           JsonObject *attributes,
                           JsonObject *relationships)
{
  replace_object (&change->base_attributes, eccp_json_object_deep_copy (attributes));
  replace_object (&change->base_relationships, eccp_json_object_deep_copy (relationships));
}

gboolean
_eccp_store_sync_save_change (EccpStore   *self,
                              EccpChange  *change,
                              GError     **error)
{
  gboolean empty = change->op == ECCP_CHANGE_UPDATE
                   && _eccp_store_sync_strv_is_empty (change->changed_attributes)
                   && _eccp_store_sync_strv_is_empty (change->changed_relationships)
                   && _eccp_store_sync_strv_is_empty (change->changed_meta)
                   && (change->conflicts == NULL || json_object_get_size (change->conflicts) == 0);

  if (empty)
    return _eccp_store_delete_change (self, change->num, error);

  return _eccp_store_save_change (self, change, error);
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
gboolean
_eccp_store_sync_rebase_change (EccpStore      *self,
                                EccpChange     *change,
                                JsonObject     *theirs,
                                EccpPullStats  *stats,
                                GError        **error)
{
  g_auto(EccpSyncRow) mine = { 0 };
  g_autoptr(JsonObject) their_meta = _eccp_store_sync_portal_meta (theirs);
  g_autoptr(JsonObject) their_attributes = _eccp_store_sync_object_or_empty (theirs, "attributes");
  g_autoptr(JsonObject) their_relationships = _eccp_store_sync_object_or_empty (theirs, "relationships");
  g_autoptr(EccpMergeResult) attributes = NULL;
  g_autoptr(EccpMergeResult) relationships = NULL;
  g_autoptr(JsonObject) merged_meta = NULL;
  JsonObject *theirs_meta_raw = eccp_json_get_object (theirs, "meta");
  gboolean tombstone = theirs_meta_raw != NULL
    && json_object_get_boolean_member_with_default (theirs_meta_raw, "deleted", FALSE);
  gint64 their_rev = eccp_json_get_int (their_meta, "rev", 0);
  const char *type = change->type;
  const char *id = change->record_id;

  if (!_eccp_store_sync_load_row (self, type, id, &mine, error))
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
      _eccp_store_sync_set_base (change, their_attributes, their_relationships);
      change->base_rev = their_rev;
      _eccp_store_sync_new_key (change);
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
      _eccp_store_sync_set_base (change, their_attributes, their_relationships);
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

  _eccp_store_sync_set_base (change, their_attributes, their_relationships);
  replace_object (&change->base_meta, _eccp_store_transition_meta (their_meta));
  change->base_rev = their_rev;
  _eccp_store_sync_replace_strv (&change->changed_attributes, g_strdupv (attributes->still_mine));
  _eccp_store_sync_replace_strv (&change->changed_relationships, g_strdupv (relationships->still_mine));
  add_conflicts (change, attributes->conflicts);
  add_conflicts (change, relationships->conflicts);
  _eccp_store_sync_new_key (change);

  if (!_eccp_store_write_row (self, type, id, attributes->merged, relationships->merged,
                              merged_meta, FALSE, error))
    return FALSE;

  return _eccp_store_sync_save_change (self, change, error);
}

static gboolean
rebase_pulled (EccpStore   *self,
               EccpChange  *change,
               JsonObject  *theirs,
               gpointer     user_data,
               GError     **error)
{
  return _eccp_store_sync_rebase_change (self, change, theirs, user_data, error);
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
  gboolean success;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  if (!_eccp_store_begin (self, error))
    return FALSE;

  success = eccp_store_set_setting (self, "cursor", NULL, error)
            && eccp_store_set_setting (self, "resync", "1", error)
            && _eccp_store_run (self,
                                "UPDATE records SET unseen = 1 WHERE NOT EXISTS"
                                " (SELECT 1 FROM outbox o WHERE o.type = records.type"
                                " AND o.record_id = records.id)",
                                NULL, NULL, error);

  return _eccp_store_end (self, success, error);
}

/* The synced records a re-sync did not see again.  A record that gained a
 * local change meanwhile is kept. */
static gboolean
find_unseen (EccpStore  *self,
             GPtrArray  *types,
             GPtrArray  *ids,
             GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = _eccp_store_statement (self,
                                "SELECT type, id FROM records r WHERE unseen = 1 AND NOT EXISTS"
                                " (SELECT 1 FROM outbox o WHERE o.type = r.type AND o.record_id = r.id)",
                                error);
  if (stmt == NULL)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (types, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  return TRUE;
}

gboolean
eccp_store_finish_resync (EccpStore  *self,
                          guint      *removed,
                          GError    **error)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gboolean success;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  if (!_eccp_store_begin (self, error))
    return FALSE;

  success = find_unseen (self, types, ids, error);
  for (guint i = 0; success && i < ids->len; i++)
    success = _eccp_store_remove_row (self, g_ptr_array_index (types, i), g_ptr_array_index (ids, i),
                                      error);
  success = success
            && _eccp_store_run (self, "UPDATE records SET unseen = 0 WHERE unseen = 1", NULL, NULL, error)
            && eccp_store_set_setting (self, "resync", NULL, error);

  if (!_eccp_store_end (self, success, error))
    return FALSE;

  if (removed != NULL)
    *removed = ids->len;

  return TRUE;
}

/* }}} */
