/* eccp-store-edit.c: local edits: create, update and delete, folded into the outbox
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store.h"

#include <glib/gi18n-lib.h>

#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-store-meetings.h"
#include "eccp-store-private.h"
#include "eccp-validation.h"

/* Checks that every member names a field of @type of the right side
 * (attribute or relationship); an attribute change may also name one
 * member of an object field, "members.sme". */
static gboolean
check_field_names (const EccpTypeSpec  *type,
                   JsonObject          *members,
                   gboolean             relationships,
                   GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (members == NULL)
    return TRUE;

  json_object_iter_init (&iter, members);
  while (json_object_iter_next (&iter, &name, &value))
    {
      const EccpFieldSpec *field = eccp_type_spec_get_field_path (type, name);

      if (field == NULL || eccp_field_spec_is_relation (field) != relationships)
        {
          g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                       _("A %s has no field “%s”"), type->name, name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_may_change (const EccpTypeSpec  *type,
                  GError             **error)
{
  if (type->append_only)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   _("A %s is never changed or deleted; record a new one instead"), type->name);
      return FALSE;
    }

  return TRUE;
}

/* The type an edit is made to, or %NULL with @error: the type is unknown,
 * @attributes or @relationships (either may be %NULL) name a field it does
 * not have, or @changing (not creating) a record of a type never changed. */
static const EccpTypeSpec *
lookup_edited_type (const char  *type_name,
                    gboolean     changing,
                    JsonObject  *attributes,
                    JsonObject  *relationships,
                    GError     **error)
{
  const EccpTypeSpec *type = _eccp_store_lookup_type (type_name, error);

  if (type == NULL
      || (changing && !check_may_change (type, error))
      || !check_field_names (type, attributes, FALSE, error)
      || !check_field_names (type, relationships, TRUE, error))
    return NULL;

  return type;
}

static gboolean
validate (const EccpTypeSpec  *type,
          JsonObject          *attributes,
          JsonObject          *relationships,
          const char * const  *only_fields,
          GError             **error)
{
  g_autoptr(GPtrArray) errors = eccp_validate_record (type, attributes, relationships, only_fields);

  if (errors->len > 0)
    {
      eccp_validation_set_error (error, errors);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_record (EccpStore   *self,
              EccpRecord  *record,
              gboolean     insert,
              GError     **error)
{
  return _eccp_store_write_row (self,
                                eccp_record_get_type_name (record),
                                eccp_record_get_id (record),
                                eccp_record_get_attributes (record),
                                eccp_record_get_relationships (record),
                                eccp_record_get_meta (record),
                                insert, error);
}

/* Applies @changes to @target (a null member clears the field) and returns
 * the names whose value really changed.  "members.sme" changes one member
 * of an object and keeps the others: merged here, inside the transaction,
 * so that an edit of another member made meanwhile is not lost. */
static GStrv
apply_changes (JsonObject *target,
               JsonObject *changes)
{
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree const char **names = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (changes != NULL)
    {
      json_object_iter_init (&iter, changes);
      while (json_object_iter_next (&iter, &name, &value))
        {
          const char *dot = strchr (name, '.');

          if (dot != NULL)
            {
              g_autofree char *parent = g_strndup (name, dot - name);
              JsonObject *object = eccp_json_get_object (target, parent);

              if (object == NULL)
                {
                  object = json_object_new ();
                  json_object_set_object_member (target, parent, object);
                }
              if (eccp_json_node_equal (json_object_get_member (object, dot + 1), value))
                continue;

              json_object_set_member (object, dot + 1, eccp_json_node_deep_copy (value));
              g_hash_table_add (changed, g_steal_pointer (&parent));
              continue;
            }

          if (eccp_json_node_equal (json_object_get_member (target, name), value))
            continue;

          json_object_set_member (target, name, eccp_json_node_deep_copy (value));
          g_hash_table_add (changed, g_strdup (name));
        }
    }

  /* Sorted, as the outbox keeps names. */
  names = (const char **) g_hash_table_get_keys_as_array (changed, NULL);

  return _eccp_store_strv_union (names, NULL);
}


/* Fails when a row has this id, even one deleted locally and not yet sent. */
static gboolean
check_id_free (EccpStore   *self,
               const char  *type_name,
               const char  *id,
               GError     **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement_for (self, "SELECT 1 FROM records WHERE type = ?1 AND id = ?2",
                                                  type_name, id, error);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;

  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (exists)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_EXISTS,
                   _("A %s with the id “%s” exists already"), type_name, id);
      return FALSE;
    }

  return TRUE;
}

EccpRecord *
eccp_store_create (EccpStore   *self,
                   const char  *type_name,
                   const char  *id,
                   JsonObject  *attributes,
                   JsonObject  *relationships,
                   GError     **error)
{
  const EccpTypeSpec *type;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autofree char *new_id = NULL;
  EccpChange change = { 0 };
  g_auto(GStrv) changed_attributes = NULL;
  g_auto(GStrv) changed_relationships = NULL;
  g_autofree char *key = NULL;
  gboolean success;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);

  type = lookup_edited_type (type_name, FALSE, attributes, relationships, error);
  if (type == NULL)
    return NULL;

  if (id == NULL)
    id = new_id = g_uuid_string_random ();
  else if (!g_uuid_string_is_valid (id))
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                   _("“%s” is not a UUID"), id);
      return NULL;
    }

  if (type->moderated)
    json_object_set_string_member (meta, "moderation_state", "draft");

  record = eccp_record_new (type_name, id);
  eccp_record_take_trees (record, NULL, NULL, g_steal_pointer (&meta));
  eccp_record_set_sync_state (record, ECCP_SYNC_STATE_PENDING);

  /* Onto empty trees, so "members.sme" builds its object. */
  changed_attributes = apply_changes (eccp_record_get_attributes (record), attributes);
  changed_relationships = apply_changes (eccp_record_get_relationships (record), relationships);
  if (!validate (type, eccp_record_get_attributes (record), eccp_record_get_relationships (record),
                 NULL, error))
    return NULL;

  key = g_uuid_string_random ();

  change.type = (char *) type_name;
  change.record_id = (char *) id;
  change.op = ECCP_CHANGE_CREATE;
  change.changed_attributes = changed_attributes;
  change.changed_relationships = changed_relationships;
  change.idempotency_key = key;

  if (!_eccp_store_begin (self, error))
    return NULL;

  success = check_id_free (self, type_name, id, error);
  /* Before anything is queued: the portal would answer 409 slot_taken. */
  success = success && eccp_store_check_meeting_slot (self, record, error);
  success = success && write_record (self, record, TRUE, error);
  success = success && _eccp_store_insert_change (self, &change, error);

  if (!_eccp_store_end (self, success, error))
    return NULL;

  return g_steal_pointer (&record);
}

/* Folds an update of @changed_attributes and @changed_relationships into
 * the record's outbox row, or makes one against @fresh's base, and says
 * on @record the state it is in then. */
static gboolean
queue_update (EccpStore           *self,
              EccpRecord          *record,
              EccpChange          *fresh,
              const char * const  *changed_attributes,
              const char * const  *changed_relationships,
              GError             **error)
{
  g_autoptr(EccpChange) change = NULL;
  GStrv folded;

  if (!_eccp_store_find_change (self, fresh->type, fresh->record_id, &change, error))
    return FALSE;

  if (change == NULL)
    {
      fresh->changed_attributes = g_strdupv ((GStrv) changed_attributes);
      fresh->changed_relationships = g_strdupv ((GStrv) changed_relationships);
      eccp_record_set_sync_state (record, ECCP_SYNC_STATE_PENDING);

      return _eccp_store_insert_change (self, fresh, error);
    }

  /* Create + update stays a create; update + update an update of the
   * union of fields, against the same base. */
  folded = _eccp_store_strv_union ((const char * const *) change->changed_attributes,
                                   changed_attributes);
  g_strfreev (change->changed_attributes);
  change->changed_attributes = folded;

  folded = _eccp_store_strv_union ((const char * const *) change->changed_relationships,
                                   changed_relationships);
  g_strfreev (change->changed_relationships);
  change->changed_relationships = folded;

  /* A person who edits a change the portal found not valid is fixing
   * it: send it again.  A conflict or a refusal stays for the person to
   * decide. */
  if (change->state == ECCP_SYNC_STATE_INVALID)
    change->state = ECCP_SYNC_STATE_PENDING;

  _eccp_store_refresh_key_if_sent (change);
  eccp_record_set_sync_state (record, change->state);

  return _eccp_store_save_change (self, change, error);
}

EccpRecord *
eccp_store_update (EccpStore   *self,
                   const char  *type_name,
                   const char  *id,
                   JsonObject  *attributes,
                   JsonObject  *relationships,
                   GError     **error)
{
  const EccpTypeSpec *type;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) fresh = NULL;
  g_auto(GStrv) changed_attributes = NULL;
  g_auto(GStrv) changed_relationships = NULL;
  g_auto(GStrv) changed_all = NULL;
  gboolean success;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  type = lookup_edited_type (type_name, TRUE, attributes, relationships, error);
  if (type == NULL)
    return NULL;

  if (!_eccp_store_begin (self, error))
    return NULL;

  record = eccp_store_get (self, type_name, id, error);
  success = record != NULL;

  if (success)
    {
      /* The record before this edit: the base, if this is its first change. */
      fresh = _eccp_store_change_new (record, ECCP_CHANGE_UPDATE);

      changed_attributes = apply_changes (eccp_record_get_attributes (record), attributes);
      changed_relationships = apply_changes (eccp_record_get_relationships (record), relationships);

      if (changed_attributes[0] == NULL && changed_relationships[0] == NULL)
        {
          /* Nothing changed: no outbox row for a no-op. */
          _eccp_store_rollback (self);
          return g_steal_pointer (&record);
        }

      /* An edit is judged by what it changed. */
      changed_all = _eccp_store_strv_union ((const char * const *) changed_attributes,
                                            (const char * const *) changed_relationships);
    }

  success = success && validate (type, eccp_record_get_attributes (record),
                                 eccp_record_get_relationships (record),
                                 (const char * const *) changed_all, error);
  success = success && eccp_store_check_meeting_slot (self, record, error);
  success = success && queue_update (self, record, fresh,
                                     (const char * const *) changed_attributes,
                                     (const char * const *) changed_relationships,
                                     error);
  success = success && write_record (self, record, FALSE, error);

  if (!_eccp_store_end (self, success, error))
    return NULL;

  return g_steal_pointer (&record);
}

/* Folds a deletion into the record's outbox row @change, or makes one. */
static gboolean
queue_delete (EccpStore   *self,
              EccpRecord  *record,
              EccpChange  *change,
              GError     **error)
{
  if (change == NULL)
    {
      g_autoptr(EccpChange) fresh = _eccp_store_change_new (record, ECCP_CHANGE_DELETE);

      return _eccp_store_insert_change (self, fresh, error);
    }

  /* Update + delete is a delete against the same base.  A create that
   * was sent may have reached the portal, at revision 1: delete that,
   * which the portal answers with 404 when it never arrived. */
  if (change->op == ECCP_CHANGE_CREATE)
    change->base_rev = 1;
  change->op = ECCP_CHANGE_DELETE;
  change->state = ECCP_SYNC_STATE_PENDING;
  /* The delete settles any field in conflict. */
  g_clear_pointer (&change->conflicts, json_object_unref);
  _eccp_store_refresh_key_if_sent (change);

  return _eccp_store_save_change (self, change, error);
}

gboolean
eccp_store_delete (EccpStore   *self,
                   const char  *type_name,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) change = NULL;
  gboolean success;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (type_name != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (lookup_edited_type (type_name, TRUE, NULL, NULL, error) == NULL)
    return FALSE;

  if (!_eccp_store_begin (self, error))
    return FALSE;

  record = eccp_store_get (self, type_name, id, error);
  success = record != NULL;
  success = success && _eccp_store_find_change (self, type_name, id, &change, error);

  if (success && change != NULL && change->op == ECCP_CHANGE_CREATE && change->attempts == 0)
    {
      /* Made here and never sent: the portal never knew it.  Nothing is
       * left to tell it. */
      success = _eccp_store_run (self, "DELETE FROM outbox WHERE type = ?1 AND record_id = ?2",
                                 type_name, id, error);
      success = success && _eccp_store_remove_row (self, type_name, id, error);
    }
  else
    {
      success = success && queue_delete (self, record, change, error);
      success = success && _eccp_store_run (self, "UPDATE records SET deleted = 1 WHERE type = ?1 AND id = ?2",
                                            type_name, id, error);
    }

  return _eccp_store_end (self, success, error);
}
