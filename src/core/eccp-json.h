/* eccp-json.h: small helpers over json-glib that the core shares
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json_node_copy() shares arrays and objects; this copies all the way down. */
JsonNode   *eccp_json_node_deep_copy   (JsonNode    *node);
JsonObject *eccp_json_object_deep_copy (JsonObject  *object);

/* Compact JSON text, as the store keeps it. */
char       *eccp_json_object_to_string (JsonObject  *object);
char       *eccp_json_node_to_string   (JsonNode    *node,
                                        gboolean     pretty);

/* json_parser_load_from_data() (@length -1: up to the first NUL byte), but a
 * NUL character in the text, "\u0000" or a raw 0 byte, is refused
 * (JSON_PARSER_ERROR_INVALID_DATA, naming the line): json-glib hands
 * strings out as C strings, which would cut an id or a name short without
 * a word.  Every JSON from outside (the portal, files, typed values) is
 * read through this. */
gboolean    eccp_json_parser_load      (JsonParser  *parser,
                                        const char  *data,
                                        gssize       length,
                                        GError     **error);

/* Parses @text, which must hold a JSON object; %NULL with @error otherwise. */
JsonObject *eccp_json_object_from_string (const char *text,
                                          GError    **error);
JsonNode   *eccp_json_node_from_string   (const char *text,
                                          GError    **error);

/* Equal JSON values, whatever the order of object members. %NULL and a
 * null node are equal. */
gboolean    eccp_json_node_equal       (JsonNode    *a,
                                        JsonNode    *b);

/* Type-safe member access: %NULL / @default_value when the member is
 * missing, null or of another JSON type (json-glib's own getters warn). */
const char *eccp_json_get_string       (JsonObject  *object,
                                        const char  *member);
JsonObject *eccp_json_get_object       (JsonObject  *object,
                                        const char  *member);
JsonArray  *eccp_json_get_array        (JsonObject  *object,
                                        const char  *member);
gint64      eccp_json_get_int          (JsonObject  *object,
                                        const char  *member,
                                        gint64       default_value);

/* A JSON:API resource identifier, {"type": @type, "id": @id}. */
JsonNode   *eccp_json_identifier_new   (const char  *type,
                                        const char  *id);
/* A JSON:API resource begun as its identifier, for the caller to add
 * attributes, relationships and meta to. */
JsonObject *eccp_json_resource_new     (const char  *type,
                                        const char  *id);

G_END_DECLS
