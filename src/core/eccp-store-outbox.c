/* eccp-store-outbox.c: the outbox: a local change as a row, read and written
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store.h"

#include <glib/gi18n-lib.h>

#include "eccp-enum.h"
#include "eccp-json.h"
#include "eccp-store-private.h"

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_set_array (node, array);

  return eccp_json_node_to_string (node, FALSE);
}

static GStrv
strv_from_json (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonNode) node = text != NULL ? eccp_json_node_from_string (text, NULL) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
        }
    }

  return g_strv_builder_end (builder);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The sorted union of two name lists, without repeats. */
GStrv
_eccp_store_strv_union (const char * const *a,
                        const char * const *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *lists[] = { a, b };
  GStrv result;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      if (g_hash_table_add (seen, (gpointer) lists[l][i]))
        g_strv_builder_add (builder, lists[l][i]);

  result = g_strv_builder_end (builder);
  qsort (result, g_strv_length (result), sizeof (char *), compare_strings);

  return result;
}

static char *
object_or_null_to_string (JsonObject *object)
{
  return object != NULL ? eccp_json_object_to_string (object) : NULL;
}

/* Binds the columns an outbox row is made of, ?2 to ?18. */
static void
bind_change (sqlite3_stmt     *stmt,
             const EccpChange *change,
             const char       *now)
{
  g_autofree char *changed_attributes = strv_to_json ((const char * const *) change->changed_attributes);
  g_autofree char *changed_relationships = strv_to_json ((const char * const *) change->changed_relationships);
  g_autofree char *changed_meta = strv_to_json ((const char * const *) change->changed_meta);
  g_autofree char *base_attributes = object_or_null_to_string (change->base_attributes);
  g_autofree char *base_relationships = object_or_null_to_string (change->base_relationships);
  g_autofree char *base_meta = object_or_null_to_string (change->base_meta);
  g_autofree char *conflicts = change->conflicts != NULL && json_object_get_size (change->conflicts) > 0
    ? eccp_json_object_to_string (change->conflicts) : NULL;
  g_autofree char *sent = object_or_null_to_string (change->sent);
  g_autofree char *errors = NULL;

  if (change->errors != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, change->errors);
      errors = eccp_json_node_to_string (node, FALSE);
    }

  eccp_sqlite_bind_text (stmt, 2, change->type);
  eccp_sqlite_bind_text (stmt, 3, change->record_id);
  eccp_sqlite_bind_text (stmt, 4, eccp_enum_get_nick (ECCP_TYPE_CHANGE_OP, change->op));
  eccp_sqlite_bind_text (stmt, 5, changed_attributes);
  eccp_sqlite_bind_text (stmt, 6, changed_relationships);
  eccp_sqlite_bind_text (stmt, 7, changed_meta);
  sqlite3_bind_int64 (stmt, 8, change->base_rev);
  eccp_sqlite_bind_text (stmt, 9, base_attributes);
  eccp_sqlite_bind_text (stmt, 10, base_relationships);
  eccp_sqlite_bind_text (stmt, 11, base_meta);
  eccp_sqlite_bind_text (stmt, 12, change->idempotency_key);
  eccp_sqlite_bind_text (stmt, 13, eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE,
                                                       change->state == ECCP_SYNC_STATE_SYNCED
                                                       ? ECCP_SYNC_STATE_PENDING : change->state));
  eccp_sqlite_bind_text (stmt, 14, errors);
  eccp_sqlite_bind_text (stmt, 15, conflicts);
  eccp_sqlite_bind_text (stmt, 16, now);
  sqlite3_bind_int64 (stmt, 17, change->attempts);
  eccp_sqlite_bind_text (stmt, 18, sent);
}

/* Writes @change with @sql, ?1 bound to its num (the INSERT has no ?1 and
 * leaves it unused), ?2 to ?18 to its columns. */
static gboolean
write_change (EccpStore         *self,
              const char        *sql,
              const EccpChange  *change,
              GError           **error)
{
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt = _eccp_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, change->num);
  bind_change (stmt, change, now);

  return _eccp_store_step_done (self, stmt, _("The change could not be saved"), error);
}

gboolean
_eccp_store_insert_change (EccpStore         *self,
                           const EccpChange  *change,
                           GError           **error)
{
  return write_change (self,
                       "INSERT INTO outbox (type, record_id, op, changed_attributes,"
                       " changed_relationships, changed_meta, base_rev, base_attributes,"
                       " base_relationships, base_meta, idempotency_key, state, errors,"
                       " conflicts, created_at, updated_at, attempts, sent)"
                       " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                       " ?15, ?16, ?16, ?17, ?18)",
                       change, error);
}

gboolean
_eccp_store_save_change (EccpStore         *self,
                         const EccpChange  *change,
                         GError           **error)
{
  return write_change (self,
                       "UPDATE outbox SET type = ?2, record_id = ?3, op = ?4,"
                       " changed_attributes = ?5, changed_relationships = ?6,"
                       " changed_meta = ?7, base_rev = ?8, base_attributes = ?9,"
                       " base_relationships = ?10, base_meta = ?11, idempotency_key = ?12,"
                       " state = ?13, errors = ?14, conflicts = ?15, updated_at = ?16,"
                       " attempts = ?17, sent = ?18 WHERE num = ?1",
                       change, error);
}

gboolean
_eccp_store_delete_change (EccpStore  *self,
                           gint64      num,
                           GError    **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, "DELETE FROM outbox WHERE num = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, num);

  return _eccp_store_step_done (self, stmt, _("The change could not be saved"), error);
}

/* A change that may have reached the portal (it was sent, the answer is not
 * known yet) must not be replayed under its old idempotency key with new
 * content: the portal would answer the old request again.  So folding an
 * edit into it gives it a fresh key. */
void
_eccp_store_refresh_key_if_sent (EccpChange *change)
{
  if (change->attempts > 0)
    {
      g_free (change->idempotency_key);
      change->idempotency_key = g_uuid_string_random ();
    }
}

#define CHANGE_COLUMNS \
  "num, type, record_id, op, changed_attributes, changed_relationships, base_rev," \
  " base_attributes, base_relationships, idempotency_key, state, attempts, errors," \
  " created_at, updated_at, changed_meta, base_meta, conflicts, sent"

static EccpChange *
change_from_row (sqlite3_stmt *stmt)
{
  EccpChange *change = g_new0 (EccpChange, 1);
  const char *text;

  change->num = sqlite3_column_int64 (stmt, 0);
  change->type = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  change->record_id = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  change->op = eccp_enum_from_nick (ECCP_TYPE_CHANGE_OP, (const char *)sqlite3_column_text (stmt, 3), change->op);
  change->changed_attributes = strv_from_json ((const char *)sqlite3_column_text (stmt, 4));
  change->changed_relationships = strv_from_json ((const char *)sqlite3_column_text (stmt, 5));
  change->base_rev = sqlite3_column_int64 (stmt, 6);
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    change->base_attributes = _eccp_store_column_object (stmt, 7);
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    change->base_relationships = _eccp_store_column_object (stmt, 8);
  change->idempotency_key = g_strdup ((const char *)sqlite3_column_text (stmt, 9));
  change->state = ECCP_SYNC_STATE_PENDING;
  change->state = eccp_enum_from_nick (ECCP_TYPE_SYNC_STATE, (const char *)sqlite3_column_text (stmt, 10), change->state);
  change->attempts = sqlite3_column_int64 (stmt, 11);

  text = (const char *)sqlite3_column_text (stmt, 12);
  if (text != NULL)
    {
      g_autoptr(JsonNode) errors = eccp_json_node_from_string (text, NULL);

      if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors))
        change->errors = json_node_dup_array (errors);
    }

  text = (const char *)sqlite3_column_text (stmt, 13);
  change->created_at = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  text = (const char *)sqlite3_column_text (stmt, 14);
  change->updated_at = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  change->changed_meta = strv_from_json ((const char *)sqlite3_column_text (stmt, 15));
  if (sqlite3_column_type (stmt, 16) != SQLITE_NULL)
    change->base_meta = _eccp_store_column_object (stmt, 16);
  if (sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    {
      change->conflicts = _eccp_store_column_object (stmt, 17);
      if (json_object_get_size (change->conflicts) == 0)
        g_clear_pointer (&change->conflicts, json_object_unref);
    }
  if (sqlite3_column_type (stmt, 18) != SQLITE_NULL)
    change->sent = _eccp_store_column_object (stmt, 18);

  return change;
}

/* The change of the row @stmt selects, or %NULL when there is none (no
 * error) or it could not be read (@error); resets @stmt. */
static EccpChange *
step_change_row (EccpStore     *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  EccpChange *change = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    change = change_from_row (stmt);
  else if (rc != SQLITE_DONE)
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
  sqlite3_reset (stmt);

  return change;
}

EccpChange *
_eccp_store_load_change (EccpStore   *self,
                         const char  *type,
                         const char  *id,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _eccp_store_statement_for (self,
                                    "SELECT " CHANGE_COLUMNS " FROM outbox WHERE type = ?1 AND record_id = ?2",
                                    type, id, error);
  if (stmt == NULL)
    return NULL;

  return step_change_row (self, stmt, error);
}

/* A look-up that went through: a change, or none (%NULL, no error). */
static gboolean
found_change (EccpChange  *loaded,
              GError      *local_error,
              EccpChange **change,
              GError     **error)
{
  *change = loaded;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_eccp_store_find_change (EccpStore    *self,
                         const char   *type,
                         const char   *id,
                         EccpChange  **change,
                         GError      **error)
{
  GError *local_error = NULL;
  EccpChange *loaded = _eccp_store_load_change (self, type, id, &local_error);

  return found_change (loaded, local_error, change, error);
}

gboolean
_eccp_store_find_change_by_num (EccpStore    *self,
                                gint64        num,
                                EccpChange  **change,
                                GError      **error)
{
  GError *local_error = NULL;
  EccpChange *loaded = _eccp_store_load_change_by_num (self, num, &local_error);

  return found_change (loaded, local_error, change, error);
}

JsonObject *
_eccp_store_transition_meta (JsonObject *meta)
{
  static const char * const names[] = { "moderation_state", "review_comment" };
  JsonObject *subset = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *value = meta != NULL ? json_object_get_member (meta, names[i]) : NULL;

      if (value != NULL)
        json_object_set_member (subset, names[i], eccp_json_node_deep_copy (value));
    }

  return subset;
}

EccpChange *
_eccp_store_change_new (EccpRecord   *record,
                        EccpChangeOp  op)
{
  EccpChange *change = g_new0 (EccpChange, 1);

  change->type = g_strdup (eccp_record_get_type_name (record));
  change->record_id = g_strdup (eccp_record_get_id (record));
  change->op = op;
  change->base_rev = eccp_record_get_rev (record);
  change->base_attributes = eccp_json_object_deep_copy (eccp_record_get_attributes (record));
  change->base_relationships = eccp_json_object_deep_copy (eccp_record_get_relationships (record));
  change->base_meta = _eccp_store_transition_meta (eccp_record_get_meta (record));
  change->idempotency_key = g_uuid_string_random ();
  change->state = ECCP_SYNC_STATE_PENDING;

  return change;
}

EccpChange *
_eccp_store_load_change_by_num (EccpStore  *self,
                                gint64      num,
                                GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = _eccp_store_statement (self, "SELECT " CHANGE_COLUMNS " FROM outbox WHERE num = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, num);

  return step_change_row (self, stmt, error);
}

EccpChange *
eccp_store_get_change (EccpStore   *self,
                       const char  *type,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  EccpChange *change;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  change = _eccp_store_load_change (self, type, id, &local_error);
  if (change == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                     _("The %s “%s” has no local change"), type, id);
    }

  return change;
}

GPtrArray *
eccp_store_list_changes (EccpStore  *self,
                         GError    **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  stmt = _eccp_store_statement (self, "SELECT " CHANGE_COLUMNS " FROM outbox ORDER BY num", error);
  if (stmt == NULL)
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_change_free);
  if (!_eccp_store_step_rows (self, stmt, (EccpRowFunc) change_from_row, changes, error))
    return NULL;

  return g_steal_pointer (&changes);
}

gint64
eccp_store_count_changes (EccpStore      *self,
                          EccpSyncState   state,
                          GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), -1);

  stmt = _eccp_store_statement (self, "SELECT count (*) FROM outbox WHERE state = ?1", error);
  if (stmt == NULL)
    return -1;

  eccp_sqlite_bind_text (stmt, 1, eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, state));

  return _eccp_store_step_int64 (self, stmt, _("The store could not be read"), error);
}
