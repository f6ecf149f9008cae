/* eccp-store-sync-decide.c: what the person decides about a change
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A conflict resolved, a change discarded, a moderation transition made:
 * each one transaction, as every call of eccp-store-sync.h.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "eccp-store-sync.h"

#include "eccp-json.h"
#include "eccp-store-sync-private.h"
#include "eccp-validation.h"

/* {{{ The user decides */

/* The row back to not deleted (the delete is undone, or was theirs). */
static gboolean
undelete (EccpStore   *self,
          const char  *type,
          const char  *id,
          GError     **error)
{
  return _eccp_store_run (self, "UPDATE records SET deleted = 0 WHERE type = ?1 AND id = ?2",
                          type, id, error);
}

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

  _eccp_store_sync_replace_strv (names, g_strv_builder_end (builder));
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
             && undelete (self, type, id, error);
    }

  if (choice == ECCP_RESOLVE_MINE)
    {
      /* They deleted it; mine lives on as a new record with the same id. */
      change->op = ECCP_CHANGE_CREATE;
      change->base_rev = 0;
      g_clear_pointer (&change->base_attributes, json_object_unref);
      g_clear_pointer (&change->base_relationships, json_object_unref);
      change->state = ECCP_SYNC_STATE_PENDING;
      _eccp_store_sync_new_key (change);
      return _eccp_store_save_change (self, change, error);
    }

  return _eccp_store_delete_change (self, change->num, error)
         && _eccp_store_remove_row (self, type, id, error);
}

/* One field's conflict, decided: the row gets the chosen value, and the
 * change forgets the field if nothing of mine is left to send. */
static gboolean
resolve_field (EccpStore            *self,
               EccpChange           *change,
               const EccpFieldSpec  *field,
               const char           *field_name,
               JsonObject           *conflict,
               EccpResolveChoice     choice,
               JsonNode             *value,
               GError              **error)
{
  g_auto(EccpSyncRow) row = { 0 };
  JsonObject *tree;
  GStrv *changed;

  if (!_eccp_store_sync_load_row (self, change->type, change->record_id, &row, error))
    return FALSE;

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
      json_object_set_member (tree, field_name,
                              eccp_json_node_deep_copy (json_object_get_member (conflict, "theirs")));
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
            return FALSE;
          }
        json_object_set_member (tree, field_name, eccp_json_node_deep_copy (value));
      }
      break;

    case ECCP_RESOLVE_MINE:
    default:
      break; /* the record holds mine */
    }

  json_object_remove_member (change->conflicts, field_name);

  if (!_eccp_store_write_row (self, change->type, change->record_id,
                              row.attributes, row.relationships, row.meta, FALSE, error))
    return FALSE;

  if (json_object_get_size (change->conflicts) == 0)
    change->state = ECCP_SYNC_STATE_PENDING;

  return _eccp_store_sync_save_change (self, change, error);
}

/* The conflict named @field_name ("" for the record's own) of the change
 * of a record of type @spec, decided.  Part of the caller's transaction. */
static gboolean
resolve_change (EccpStore           *self,
                const EccpTypeSpec  *spec,
                const char          *type,
                const char          *id,
                const char          *field_name,
                EccpResolveChoice    choice,
                JsonNode            *value,
                GError             **error)
{
  g_autoptr(EccpChange) change = NULL;
  const EccpFieldSpec *field;
  JsonObject *conflict;

  change = load_existing_change (self, type, id, error);
  if (change == NULL)
    return FALSE;

  conflict = change->conflicts != NULL ? eccp_json_get_object (change->conflicts, field_name) : NULL;
  if (conflict == NULL)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                   *field_name == '\0'
                   ? _("The %s “%s” has no conflict about the record itself")
                   : _("The %s “%s” has no conflict in that field"),
                   type, id);
      return FALSE;
    }

  if (*field_name == '\0')
    {
      if (choice == ECCP_RESOLVE_VALUE)
        {
          g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                               _("A deleted record is kept or deleted: there is no value to type"));
          return FALSE;
        }
      return resolve_record (self, change, choice, error);
    }

  field = eccp_type_spec_get_field (spec, field_name);
  if (field == NULL)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("A %s has no field “%s”"), type, field_name);
      return FALSE;
    }

  return resolve_field (self, change, field, field_name, conflict, choice, value, error);
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
  const EccpTypeSpec *spec;
  gboolean success;

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

  success = resolve_change (self, spec, type, id, field_name, choice, value, error);

  return _eccp_store_end (self, success, error);
}

/* Drops a change that is not a creation, and puts the portal's version
 * back in the row: the base, and the meta as it was but for the
 * transition the change made. */
static gboolean
back_to_base (EccpStore   *self,
              EccpChange  *change,
              GError     **error)
{
  g_auto(EccpSyncRow) row = { 0 };
  g_autoptr(JsonObject) meta = NULL;

  if (!_eccp_store_sync_load_row (self, change->type, change->record_id, &row, error))
    return FALSE;

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

  return _eccp_store_delete_change (self, change->num, error)
         && _eccp_store_write_row (self, change->type, change->record_id,
                                   change->base_attributes ? change->base_attributes : row.attributes,
                                   change->base_relationships ? change->base_relationships
                                                              : row.relationships,
                                   meta, FALSE, error)
         && undelete (self, change->type, change->record_id, error);
}

gboolean
eccp_store_discard (EccpStore   *self,
                    const char  *type,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(EccpChange) change = NULL;
  gboolean success;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);

  if (!_eccp_store_begin (self, error))
    return FALSE;

  change = load_existing_change (self, type, id, error);
  if (change == NULL)
    success = FALSE;
  else if (change->op == ECCP_CHANGE_CREATE)
    /* Never on the portal: nothing to go back to. */
    success = _eccp_store_delete_change (self, change->num, error)
              && _eccp_store_remove_row (self, type, id, error);
  else
    success = back_to_base (self, change, error);

  return _eccp_store_end (self, success, error);
}

static gboolean
is_transition (const char *state)
{
  static const char * const states[] = { "needs_review", "published", "changes_requested", "archived", NULL };

  return state != NULL && g_strv_contains (states, state);
}

/* Moves @record (as the store holds it) to @state, as a change of its own
 * or folded into the pending one; *@sync_state is then the record's.
 * Part of the caller's transaction. */
static gboolean
transition_record (EccpStore      *self,
                   EccpRecord     *record,
                   const char     *state,
                   const char     *comment,
                   EccpSyncState  *sync_state,
                   GError        **error)
{
  const char *type = eccp_record_get_type_name (record);
  const char *id = eccp_record_get_id (record);
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpChange) fresh = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) changed_meta = NULL;
  JsonObject *meta;

  /* The portal checks the publication criteria when staff publish; a
   * manager sees the same check before submitting. */
  if (g_strcmp0 (type, "cluster") == 0
      && (g_strcmp0 (state, "needs_review") == 0 || g_strcmp0 (state, "published") == 0))
    {
      g_autoptr(GPtrArray) unmet = eccp_check_publication_criteria (eccp_record_get_attributes (record));

      if (unmet->len > 0)
        {
          eccp_validation_set_error (error, unmet);
          return FALSE;
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
    return FALSE;

  if (change == NULL)
    {
      fresh->changed_meta = g_strdupv (changed_meta);
      if (!_eccp_store_insert_change (self, fresh, error))
        return FALSE;
    }
  else
    {
      _eccp_store_sync_replace_strv (&change->changed_meta,
                                     _eccp_store_strv_union ((const char * const *) change->changed_meta,
                                                             (const char * const *) changed_meta));
      if (change->base_meta == NULL)
        change->base_meta = g_steal_pointer (&fresh->base_meta);
      _eccp_store_refresh_key_if_sent (change);
      if (!_eccp_store_save_change (self, change, error))
        return FALSE;
    }

  *sync_state = change != NULL ? change->state : ECCP_SYNC_STATE_PENDING;

  return _eccp_store_write_row (self, type, id, eccp_record_get_attributes (record),
                                eccp_record_get_relationships (record), meta, FALSE, error);
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
  EccpSyncState sync_state = ECCP_SYNC_STATE_PENDING;
  const EccpTypeSpec *spec;
  gboolean success;

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
  success = record != NULL
            && transition_record (self, record, state, comment, &sync_state, error);

  if (!_eccp_store_end (self, success, error))
    return NULL;

  eccp_record_set_sync_state (record, sync_state);

  return g_steal_pointer (&record);
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

/* }}} */
