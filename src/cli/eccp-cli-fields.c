/* eccp-cli-fields.c: record types and FIELD=VALUE words on the command line
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <glib/gi18n.h>

#include "eccp-cli.h"
#include "eccp-json.h"
#include "eccp-record.h"
#include "eccp-validation.h"

char *
eccp_cli_type_names (const char *separator,
                     gboolean    moderated_only)
{
  const EccpTypeSpec * const *types;
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_types = 0;

  types = eccp_type_spec_all (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      if (moderated_only && !types[i]->moderated)
        continue;
      if (names->len > 0)
        g_string_append (names, separator);
      g_string_append (names, types[i]->name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

void
eccp_cli_foreach_field (const EccpTypeSpec *type,
                        EccpCliFieldFunc    func,
                        gpointer            user_data)
{
  for (guint i = 0; i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];

      if (field->kind != ECCP_FIELD_OBJECT)
        {
          func (field->name, field, user_data);
          continue;
        }

      for (guint j = 0; j < field->n_children; j++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", field->name, field->children[j].name);

          func (name, &field->children[j], user_data);
        }
    }
}

static void
add_field_name (const char          *name,
                const EccpFieldSpec *field,
                gpointer             user_data)
{
  GString *names = user_data;

  if (names->len > 0)
    g_string_append (names, ", ");
  g_string_append (names, name);
}

static char *
field_names (const EccpTypeSpec *type)
{
  g_autoptr(GString) names = g_string_new (NULL);

  eccp_cli_foreach_field (type, add_field_name, names);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

const EccpTypeSpec *
eccp_cli_lookup_type (const char  *name,
                      GError     **error)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (name);

  if (type == NULL)
    {
      g_autofree char *names = eccp_cli_type_names (", ", FALSE);

      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                   _("Unknown record type “%s”; the types are: %s"), name, names);
    }

  return type;
}

const EccpFieldSpec *
eccp_cli_lookup_field (const EccpTypeSpec   *type,
                       const char           *name,
                       const EccpFieldSpec **parent,
                       GError              **error)
{
  const EccpFieldSpec *field = eccp_type_spec_get_field_path (type, name);
  const char *dot = strchr (name, '.');

  if (parent != NULL)
    *parent = NULL;

  if (field != NULL && dot != NULL && parent != NULL)
    {
      g_autofree char *head = g_strndup (name, dot - name);

      *parent = eccp_type_spec_get_field (type, head);
    }

  if (field == NULL)
    {
      g_autofree char *names = field_names (type);

      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                   _("The type “%s” has no field “%s”; its fields are: %s"),
                   type->name, name, names);
    }

  return field;
}

/* The message of a value that cannot be parsed, naming the field. */
static void
prefix_field_label (GError              **error,
                    const EccpFieldSpec  *parent,
                    const EccpFieldSpec  *field)
{
  g_autofree char *label = NULL;

  if (error == NULL || *error == NULL)
    return;

  if (parent != NULL)
    label = g_strdup_printf ("%s — %s", _(parent->label), _(field->label));
  else
    label = g_strdup (_(field->label));

  if (strstr ((*error)->message, _(field->label)) == NULL)
    g_prefix_error (error, "%s: ", label);
}

/* JSON:API wants {"data": linkage}; accept parse_text() giving either. */
static JsonNode *
relationship_node (JsonNode *value)
{
  g_autoptr(JsonObject) object = NULL;

  if (JSON_NODE_HOLDS_OBJECT (value) &&
      json_object_has_member (json_node_get_object (value), "data"))
    return json_node_ref (value);

  object = json_object_new ();
  json_object_set_member (object, "data", json_node_ref (value));
  return json_node_init_object (json_node_alloc (), object);
}

/* members={"sme": 1, ...} as a whole; "" clears it. */
static JsonNode *
parse_whole_object (const EccpFieldSpec  *field,
                    const char           *text,
                    GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (*text == '\0')
    return json_node_new (JSON_NODE_NULL);

  if (eccp_json_parser_load (parser, text, -1, &local_error) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    return json_node_copy (root);

  g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
               _("%s: give one member at a time, as %s.%s=VALUE"),
               _(field->label), field->name,
               field->n_children > 0 ? field->children[0].name : "NAME");
  return NULL;
}

gboolean
eccp_cli_parse_edits (const EccpTypeSpec  *type,
                      EccpCliArgs         *args,
                      guint                first,
                      JsonObject         **attributes_out,
                      JsonObject         **relationships_out,
                      GError             **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonObject) relationships = json_object_new ();
  guint n = eccp_cli_args_n_positional (args);

  /* Every word's shape and field first: a usage mistake beats a bad value. */
  for (guint i = first; i < n; i++)
    {
      const char *word = eccp_cli_args_positional (args, i);
      const char *eq = strchr (word, '=');
      g_autofree char *name = NULL;

      if (eq == NULL || eq == word)
        {
          g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                       _("“%s” is not FIELD=VALUE"), word);
          return FALSE;
        }

      name = g_strndup (word, eq - word);
      if (eccp_cli_lookup_field (type, name, NULL, error) == NULL)
        return FALSE;
    }

  for (guint i = first; i < n; i++)
    {
      const char *word = eccp_cli_args_positional (args, i);
      const char *eq = strchr (word, '=');
      const char *text = eq + 1;
      g_autofree char *name = g_strndup (word, eq - word);
      const EccpFieldSpec *parent = NULL;
      const EccpFieldSpec *field;
      g_autoptr(JsonNode) node = NULL;

      field = eccp_cli_lookup_field (type, name, &parent, error);
      if (field == NULL)
        return FALSE;

      if (field->kind == ECCP_FIELD_OBJECT)
        {
          node = parse_whole_object (field, text, error);
          if (node == NULL)
            return FALSE;
          json_object_set_member (attributes, field->name, g_steal_pointer (&node));
          continue;
        }

      node = eccp_field_spec_parse_text (field, text, error);
      if (node == NULL)
        {
          prefix_field_label (error, parent, field);
          return FALSE;
        }

      /* "members.sme" stays dotted: the store changes that member and
       * keeps the others, inside its transaction. */
      if (parent != NULL)
        json_object_set_member (attributes, name, g_steal_pointer (&node));
      else if (eccp_field_spec_is_relation (field))
        json_object_set_member (relationships, field->name, relationship_node (node));
      else
        json_object_set_member (attributes, field->name, g_steal_pointer (&node));
    }

  *attributes_out = g_steal_pointer (&attributes);
  *relationships_out = g_steal_pointer (&relationships);
  return TRUE;
}
