/* eccp-json.c: small helpers over json-glib that the core shares
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-json.h"

#include "eccp-limits.h"

#include <string.h>

#include <glib/gi18n-lib.h>

JsonObject *
eccp_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  /* In order: a record written back keeps its members as they came. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, eccp_json_node_deep_copy (member));

  return copy;
}

JsonNode *
eccp_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, eccp_json_object_deep_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *array_copy = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array_copy,
                                  eccp_json_node_deep_copy (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

char *
eccp_json_node_to_string (JsonNode *node,
                          gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

char *
eccp_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);

  return eccp_json_node_to_string (node, FALSE);
}

/* The offset of the first NUL character in the JSON @data, or -1.  A
 * backslash can only stand in a string, where it escapes the next
 * character: skipping that keeps "\\u0000" (a backslash, then u0000) text. */
static gssize
find_nul (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\0')
        return i;
      if (data[i] != '\\')
        continue;
      if (i + 5 < length && data[i + 1] == 'u' && memcmp (data + i + 2, "0000", 4) == 0)
        return i;
      i++;
    }

  return -1;
}

gboolean
eccp_json_parser_load (JsonParser  *parser,
                       const char  *data,
                       gssize       length,
                       GError     **error)
{
  gsize size;
  gssize nul;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  if (data == NULL)
    data = "";
  size = length < 0 ? strlen (data) : (gsize) length;

  nul = find_nul (data, size);
  if (nul >= 0)
    {
      guint line = 1;

      for (gssize i = 0; i < nul; i++)
        line += data[i] == '\n';
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("line %u: a NUL character (\\u0000) cannot be part of an id or a text"),
                   line);
      return FALSE;
    }

  /* json-glib parses recursively: a deep enough document overflows the
   * stack, whoever sent it (the portal, a file, the portal's own clients) */
  if (!eccp_json_depth_within (data, size, ECCP_LIMIT_DEPTH))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("nested deeper than %u levels"), ECCP_LIMIT_DEPTH);
      return FALSE;
    }

  return json_parser_load_from_data (parser, data, size, error);
}

/* A copy of the JSON value in @text; %NULL with @error when @text is not
 * JSON, is empty, or (with @want_object) is not an object. */
static JsonNode *
parse (const char  *text,
       gboolean     want_object,
       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!eccp_json_parser_load (parser, text, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || (want_object && !JSON_NODE_HOLDS_OBJECT (root)))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           want_object ? "The text is not a JSON object"
                                       : "The text holds no JSON value");
      return NULL;
    }

  return json_node_copy (root);
}

JsonNode *
eccp_json_node_from_string (const char  *text,
                            GError     **error)
{
  return parse (text, FALSE, error);
}

JsonObject *
eccp_json_object_from_string (const char  *text,
                              GError     **error)
{
  g_autoptr(JsonNode) node = parse (text, TRUE, error);

  return node != NULL ? json_node_dup_object (node) : NULL;
}

gboolean
eccp_json_node_equal (JsonNode *a,
                      JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;

  /* json_node_equal() compares objects member by member whatever their
   * order, and integers with doubles by value. */
  return json_node_equal (a, b);
}

/* @object's @member when it is a node of @type, else %NULL (also for a
 * %NULL @object). */
static JsonNode *
get_member_of_type (JsonObject   *object,
                    const char   *member,
                    JsonNodeType  type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

const char *
eccp_json_get_string (JsonObject *object,
                      const char *member)
{
  JsonNode *node = get_member_of_type (object, member, JSON_NODE_VALUE);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
eccp_json_get_object (JsonObject *object,
                      const char *member)
{
  JsonNode *node = get_member_of_type (object, member, JSON_NODE_OBJECT);

  return node != NULL ? json_node_get_object (node) : NULL;
}

JsonArray *
eccp_json_get_array (JsonObject *object,
                     const char *member)
{
  JsonNode *node = get_member_of_type (object, member, JSON_NODE_ARRAY);

  return node != NULL ? json_node_get_array (node) : NULL;
}

gint64
eccp_json_get_int (JsonObject *object,
                   const char *member,
                   gint64      default_value)
{
  JsonNode *node = get_member_of_type (object, member, JSON_NODE_VALUE);
  GType value_type;

  if (node == NULL)
    return default_value;

  value_type = json_node_get_value_type (node);
  if (value_type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (value_type == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);

  return default_value;
}

JsonNode *
eccp_json_identifier_new (const char *type,
                          const char *id)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "id", id);
  json_node_take_object (node, object);

  return node;
}

JsonObject *
eccp_json_resource_new (const char *type,
                        const char *id)
{
  g_autoptr(JsonNode) identifier = eccp_json_identifier_new (type, id);

  return json_node_dup_object (identifier);
}
