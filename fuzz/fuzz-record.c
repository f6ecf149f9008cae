/* fuzz-record.c: one record, as the portal or a file could hold it
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a JSON:API resource object: made a record, written back,
 * validated against its type's spec (and the publication criteria for a
 * cluster), and each field shown as the app and the CLI show it.
 */

#define G_LOG_DOMAIN "eccp-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-limits.h"
#include "eccp-record.h"
#include "eccp-validation.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  eccp_fuzz_init ();
  return 0;
}

static void
show_field (const EccpFieldSpec *field,
            JsonNode            *value)
{
  g_autofree char *text G_GNUC_UNUSED = eccp_field_spec_format_value (field, value);
  g_autofree char *shown G_GNUC_UNUSED = eccp_field_spec_display_value (field, value);
  g_autoptr(EccpFieldError) error G_GNUC_UNUSED = eccp_validate_value (field, value);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  const EccpTypeSpec *type;
  JsonNode *root;
  JsonObject *attributes;
  JsonObject *relationships;

  /* As every reader does: the depth first (json-glib recurses). */
  if (!eccp_json_depth_within ((const char *) data, size, ECCP_LIMIT_DEPTH) ||
      !eccp_json_parser_load (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  record = eccp_record_new_from_json (json_node_get_object (root), &error);
  if (record == NULL)
    return 0;

  json = eccp_record_to_json (record);
  (void) eccp_record_get_title (record);
  (void) eccp_record_get_rev (record);
  (void) eccp_record_get_seq (record);
  (void) eccp_record_get_sync_state (record);

  type = eccp_type_spec_lookup (eccp_record_get_type_name (record));
  if (type == NULL)
    return 0;

  attributes = eccp_record_get_attributes (record);
  relationships = eccp_record_get_relationships (record);
  errors = eccp_validate_record (type, attributes, relationships, NULL);
  if (errors->len > 0)
    {
      g_autoptr(GError) invalid = NULL;

      eccp_validation_set_error (&invalid, errors);
    }

  if (g_str_equal (eccp_record_get_type_name (record), "cluster"))
    {
      g_autoptr(GPtrArray) criteria = eccp_publication_criteria_evaluate (attributes);
      g_autoptr(GPtrArray) unmet G_GNUC_UNUSED = eccp_check_publication_criteria (attributes);

      (void) eccp_publication_criteria_all_met (criteria);
    }

  for (guint i = 0; i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      JsonNode *value = NULL;

      if (eccp_field_spec_is_relation (field))
        value = relationships != NULL ? json_object_get_member (relationships, field->name) : NULL;
      else
        value = attributes != NULL ? json_object_get_member (attributes, field->name) : NULL;

      show_field (field, value);
      if (eccp_field_spec_is_relation (field))
        {
          g_autoptr(GPtrArray) ids G_GNUC_UNUSED = eccp_relationship_get_ids (field, value, NULL);
        }
    }

  return 0;
}
