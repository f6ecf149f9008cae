/* eccp-change.c: one row of the outbox, a local change waiting for the portal
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-change.h"

#include "eccp-enum.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"

G_DEFINE_BOXED_TYPE (EccpChange, eccp_change, eccp_change_copy, eccp_change_free)

EccpChange *
eccp_change_copy (const EccpChange *self)
{
  EccpChange *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (EccpChange, 1);
  copy->num = self->num;
  copy->type = g_strdup (self->type);
  copy->record_id = g_strdup (self->record_id);
  copy->op = self->op;
  copy->changed_attributes = g_strdupv (self->changed_attributes);
  copy->changed_relationships = g_strdupv (self->changed_relationships);
  copy->changed_meta = g_strdupv (self->changed_meta);
  copy->base_rev = self->base_rev;
  copy->base_attributes = self->base_attributes
    ? eccp_json_object_deep_copy (self->base_attributes) : NULL;
  copy->base_relationships = self->base_relationships
    ? eccp_json_object_deep_copy (self->base_relationships) : NULL;
  copy->idempotency_key = g_strdup (self->idempotency_key);
  copy->state = self->state;
  copy->attempts = self->attempts;
  copy->errors = self->errors ? json_array_ref (self->errors) : NULL;
  copy->conflicts = self->conflicts ? eccp_json_object_deep_copy (self->conflicts) : NULL;
  copy->sent = self->sent ? eccp_json_object_deep_copy (self->sent) : NULL;
  copy->base_meta = self->base_meta ? eccp_json_object_deep_copy (self->base_meta) : NULL;
  copy->created_at = self->created_at ? g_date_time_ref (self->created_at) : NULL;
  copy->updated_at = self->updated_at ? g_date_time_ref (self->updated_at) : NULL;

  return copy;
}

const char *
eccp_change_get_title (const EccpChange *self,
                       EccpRecord       *record)
{
  const EccpTypeSpec *type;
  const EccpFieldSpec *title_field;
  const char *title = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (record == NULL || ECCP_IS_RECORD (record), NULL);

  if (record != NULL)
    return eccp_record_get_title (record);

  type = eccp_type_spec_lookup (self->type);
  title_field = type != NULL ? eccp_type_spec_get_title_field (type) : NULL;
  if (title_field != NULL && self->base_attributes != NULL)
    title = json_object_get_string_member_with_default (self->base_attributes, title_field->name, NULL);

  return title != NULL && *title != '\0' ? title : self->record_id;
}

GStrv
eccp_change_dup_changed_fields (const EccpChange *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  if (self->changed_attributes != NULL)
    g_strv_builder_addv (builder, (const char **) self->changed_attributes);
  if (self->changed_relationships != NULL)
    g_strv_builder_addv (builder, (const char **) self->changed_relationships);

  return g_strv_builder_end (builder);
}

void
eccp_change_free (EccpChange *self)
{
  if (self == NULL)
    return;

  g_free (self->type);
  g_free (self->record_id);
  g_strfreev (self->changed_attributes);
  g_strfreev (self->changed_relationships);
  g_strfreev (self->changed_meta);
  g_clear_pointer (&self->conflicts, json_object_unref);
  g_clear_pointer (&self->sent, json_object_unref);
  g_clear_pointer (&self->base_meta, json_object_unref);
  g_clear_pointer (&self->base_attributes, json_object_unref);
  g_clear_pointer (&self->base_relationships, json_object_unref);
  g_free (self->idempotency_key);
  g_clear_pointer (&self->errors, json_array_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_free (self);
}

static JsonNode *
strv_to_node (GStrv strv)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_take_array (node, array);

  return node;
}

JsonNode *
eccp_change_to_json (const EccpChange *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, self->type);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->record_id);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, eccp_enum_get_nick (ECCP_TYPE_CHANGE_OP, self->op));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, self->state));
  json_builder_set_member_name (builder, "changed_attributes");
  json_builder_add_value (builder, strv_to_node (self->changed_attributes));
  json_builder_set_member_name (builder, "changed_relationships");
  json_builder_add_value (builder, strv_to_node (self->changed_relationships));
  json_builder_set_member_name (builder, "changed_meta");
  json_builder_add_value (builder, strv_to_node (self->changed_meta));
  json_builder_set_member_name (builder, "base_rev");
  json_builder_add_int_value (builder, self->base_rev);
  json_builder_set_member_name (builder, "idempotency_key");
  json_builder_add_string_value (builder, self->idempotency_key);
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, self->attempts);
  if (self->errors != NULL)
    {
      json_builder_set_member_name (builder, "errors");
      json_builder_add_value (builder, json_node_init_array (json_node_alloc (), self->errors));
    }
  if (self->conflicts != NULL)
    {
      JsonNode *conflicts = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (conflicts, eccp_json_object_deep_copy (self->conflicts));
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_value (builder, conflicts);
    }
  if (self->created_at != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (self->created_at);

      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, text);
    }
  if (self->updated_at != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (self->updated_at);

      json_builder_set_member_name (builder, "updated_at");
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
eccp_change_needs_user (const EccpChange *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->state == ECCP_SYNC_STATE_CONFLICT
         || self->state == ECCP_SYNC_STATE_REJECTED
         || self->state == ECCP_SYNC_STATE_INVALID;
}
