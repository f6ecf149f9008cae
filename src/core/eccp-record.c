/* eccp-record.c: one JSON:API resource object, as the local store holds it
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-record.h"

#include <glib/gi18n-lib.h>

#include "eccp-enum.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-store.h"

struct _EccpRecord
{
  GObject        parent_instance;

  char          *type;
  char          *id;
  JsonObject    *attributes;
  JsonObject    *relationships;
  JsonObject    *meta;
  EccpSyncState  sync_state;
};

G_DEFINE_FINAL_TYPE (EccpRecord, eccp_record, G_TYPE_OBJECT)

static void
eccp_record_finalize (GObject *object)
{
  EccpRecord *self = (EccpRecord *)object;

  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->attributes, json_object_unref);
  g_clear_pointer (&self->relationships, json_object_unref);
  g_clear_pointer (&self->meta, json_object_unref);

  G_OBJECT_CLASS (eccp_record_parent_class)->finalize (object);
}

static void
eccp_record_class_init (EccpRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eccp_record_finalize;
}

static void
eccp_record_init (EccpRecord *self)
{
  self->attributes = json_object_new ();
  self->relationships = json_object_new ();
  self->meta = json_object_new ();
}

EccpRecord *
eccp_record_new (const char *type,
                 const char *id)
{
  EccpRecord *self;

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (ECCP_TYPE_RECORD, NULL);
  self->type = g_strdup (type);
  self->id = g_strdup (id);

  return self;
}

static JsonObject *
dup_object_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();

  /* A deep copy: the record owns its trees, the caller's document may be
   * changed or freed. */
  return eccp_json_object_deep_copy (json_node_get_object (node));
}

gboolean
eccp_record_parse_identifier (JsonObject  *resource,
                              const char **type,
                              const char **id,
                              GError     **error)
{
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (type != NULL && id != NULL, FALSE);

  *type = eccp_json_get_string (resource, "type");
  *id = eccp_json_get_string (resource, "id");

  if (*type == NULL || **type == '\0' || *id == NULL || **id == '\0')
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("A record in the document has no type or no id"));
      return FALSE;
    }

  return TRUE;
}

EccpRecord *
eccp_record_new_from_json (JsonObject  *resource,
                           GError     **error)
{
  const char *type;
  const char *id;
  EccpRecord *self;

  g_return_val_if_fail (resource != NULL, NULL);

  if (!eccp_record_parse_identifier (resource, &type, &id, error))
    return NULL;

  self = eccp_record_new (type, id);
  eccp_record_take_trees (self,
                          dup_object_member (resource, "attributes"),
                          dup_object_member (resource, "relationships"),
                          dup_object_member (resource, "meta"));

  /* The sync state is ours, not the portal's. */
  if (json_object_has_member (self->meta, "sync_state"))
    json_object_remove_member (self->meta, "sync_state");

  return self;
}

void
eccp_record_take_trees (EccpRecord *self,
                        JsonObject *attributes,
                        JsonObject *relationships,
                        JsonObject *meta)
{
  g_return_if_fail (ECCP_IS_RECORD (self));

  if (attributes != NULL)
    {
      g_clear_pointer (&self->attributes, json_object_unref);
      self->attributes = attributes;
    }
  if (relationships != NULL)
    {
      g_clear_pointer (&self->relationships, json_object_unref);
      self->relationships = relationships;
    }
  if (meta != NULL)
    {
      g_clear_pointer (&self->meta, json_object_unref);
      self->meta = meta;
    }
}

JsonNode *
eccp_record_to_json (EccpRecord *self)
{
  g_autoptr(JsonObject) resource = NULL;
  JsonObject *meta;
  JsonNode *node;

  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  resource = eccp_json_resource_new (self->type, self->id);
  json_object_set_object_member (resource, "attributes",
                                 eccp_json_object_deep_copy (self->attributes));
  json_object_set_object_member (resource, "relationships",
                                 eccp_json_object_deep_copy (self->relationships));

  meta = eccp_json_object_deep_copy (self->meta);
  json_object_set_string_member (meta, "sync_state",
                                 eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, self->sync_state));
  json_object_set_object_member (resource, "meta", meta);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, resource);

  return node;
}

const char *
eccp_record_get_type_name (EccpRecord *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  return self->type;
}

const char *
eccp_record_get_id (EccpRecord *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  return self->id;
}

gint64
eccp_record_get_rev (EccpRecord *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), 0);

  return eccp_json_get_int (self->meta, "rev", 0);
}

gint64
eccp_record_get_seq (EccpRecord *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), 0);

  return eccp_json_get_int (self->meta, "seq", 0);
}

gboolean
eccp_record_is_same (EccpRecord *a,
                     EccpRecord *b)
{
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;

  g_return_val_if_fail (ECCP_IS_RECORD (a), FALSE);
  g_return_val_if_fail (ECCP_IS_RECORD (b), FALSE);

  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->type, b->type) != 0
      || eccp_record_get_sync_state (a) != eccp_record_get_sync_state (b)
      || eccp_record_get_rev (a) != eccp_record_get_rev (b)
      || eccp_record_get_seq (a) != eccp_record_get_seq (b))
    return FALSE;

  /* The portal's version, unchanged (the same place in the feed) and no
   * local change: the same record, without comparing the trees.  That is
   * most rows at every refresh during a sync. */
  if (eccp_record_get_sync_state (a) == ECCP_SYNC_STATE_SYNCED)
    return TRUE;

  node_a = eccp_record_to_json (a);
  node_b = eccp_record_to_json (b);

  return json_node_equal (node_a, node_b);
}

const char *
eccp_record_get_title (EccpRecord *self)
{
  const EccpTypeSpec *type;
  const EccpFieldSpec *title_field;
  const char *title = NULL;

  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  type = eccp_type_spec_lookup (self->type);
  title_field = type != NULL ? eccp_type_spec_get_title_field (type) : NULL;
  if (title_field != NULL)
    title = eccp_record_get_string (self, title_field->name);

  return title != NULL && *title != '\0' ? title : self->id;
}

JsonObject *
eccp_record_get_attributes (EccpRecord *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  return self->attributes;
}

JsonObject *
eccp_record_get_relationships (EccpRecord *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  return self->relationships;
}

JsonObject *
eccp_record_get_meta (EccpRecord *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  return self->meta;
}

EccpSyncState
eccp_record_get_sync_state (EccpRecord *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), ECCP_SYNC_STATE_SYNCED);

  return self->sync_state;
}

void
eccp_record_set_sync_state (EccpRecord    *self,
                            EccpSyncState  state)
{
  g_return_if_fail (ECCP_IS_RECORD (self));

  self->sync_state = state;
}

const char *
eccp_record_get_string (EccpRecord *self,
                        const char *field)
{
  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  return eccp_json_get_string (self->attributes, field);
}

const char *
eccp_record_get_related_id (EccpRecord *self,
                            const char *relationship)
{
  JsonObject *relation;

  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  relation = eccp_json_get_object (self->relationships, relationship);

  return eccp_json_get_string (eccp_json_get_object (relation, "data"), "id");
}

char *
eccp_record_list_malformed_relationships (EccpRecord *self)
{
  const EccpTypeSpec *type;
  g_autoptr(GString) names = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (ECCP_IS_RECORD (self), NULL);

  if (self->relationships == NULL)
    return NULL;

  type = eccp_type_spec_lookup (self->type);
  names = g_string_new (NULL);

  json_object_iter_init_ordered (&iter, self->relationships);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const EccpFieldSpec *field = type != NULL ? eccp_type_spec_get_field (type, name) : NULL;
      g_autoptr(GPtrArray) ids = NULL;
      gboolean malformed;

      if (field != NULL && !eccp_field_spec_is_relation (field))
        field = NULL;
      ids = eccp_relationship_get_ids (field, value, &malformed);
      if (malformed)
        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name);
    }

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}
