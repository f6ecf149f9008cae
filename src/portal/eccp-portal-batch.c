/* eccp-portal-batch.c: POST /batch, many writes in one request
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-batch.h"

#include <string.h>

#include "eccp-json.h"
#include "eccp-portal-write.h"

static EccpPortalAnswer *
run_operation (EccpPortalDb   *db,
               EccpPortalUser *user,
               JsonNode       *node,
               guint           index)
{
  g_autofree char *if_match = NULL;
  EccpPortalWrite write = { 0 };
  JsonObject *operation;
  JsonNode *if_match_node;
  const char *op;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return eccp_portal_answer_new_error (400, "invalid_document", "Malformed operation", NULL,
                                         "Operation %u is not an object", index + 1);

  operation = json_node_get_object (node);
  op = eccp_json_get_string (operation, "op");
  if (g_strcmp0 (op, "add") == 0)
    write.op = ECCP_PORTAL_OP_ADD;
  else if (g_strcmp0 (op, "update") == 0)
    write.op = ECCP_PORTAL_OP_UPDATE;
  else if (g_strcmp0 (op, "remove") == 0)
    write.op = ECCP_PORTAL_OP_REMOVE;
  else
    return eccp_portal_answer_new_error (400, "invalid_document", "Malformed operation", NULL,
                                         "Operation %u: “op” must be add, update or remove",
                                         index + 1);

  write.data = eccp_json_get_object (operation, "data");
  if (write.data == NULL)
    return eccp_portal_answer_new_error (400, "invalid_document", "Malformed operation", NULL,
                                         "Operation %u has no resource object in “data”",
                                         index + 1);

  write.type = eccp_json_get_string (write.data, "type");
  write.id = eccp_json_get_string (write.data, "id");
  write.idempotency_key = eccp_json_get_string (operation, "idempotency_key");

  if_match_node = json_object_get_member (operation, "if_match");
  if (if_match_node != NULL && JSON_NODE_HOLDS_VALUE (if_match_node))
    {
      if (json_node_get_value_type (if_match_node) == G_TYPE_STRING)
        if_match = g_strdup (json_node_get_string (if_match_node));
      else if (json_node_get_value_type (if_match_node) == G_TYPE_INT64)
        if_match = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (if_match_node));
      else
        if_match = g_strdup ("");
    }
  write.if_match = if_match;

  if (write.type == NULL)
    return eccp_portal_answer_new_error (400, "invalid_document", "Malformed operation",
                                         NULL, "Operation %u: the resource object has no type",
                                         index + 1);

  return eccp_portal_write_apply (db, user, &write);
}

/* {"status": 201, "meta"?: {...}, "data"?: ..., "errors"?: [...]} */
static void
append_result (GString          *out,
               EccpPortalAnswer *answer)
{
  g_string_append_printf (out, "{\"status\":%u", answer->status);
  if (answer->replayed)
    g_string_append (out, ",\"meta\":{\"idempotent_replayed\":true}");

  /* The members of the single answer's document, without its braces. */
  if (answer->body != NULL)
    {
      gsize len = strlen (answer->body);

      if (len > 2 && answer->body[0] == '{' && answer->body[len - 1] == '}')
        {
          g_string_append_c (out, ',');
          g_string_append_len (out, answer->body + 1, len - 2);
        }
    }

  g_string_append_c (out, '}');
}

EccpPortalAnswer *
eccp_portal_batch_run (EccpPortalDb   *db,
                       EccpPortalUser *user,
                       JsonNode       *document)
{
  g_autoptr(GString) out = NULL;
  JsonArray *operations = NULL;
  guint n;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);

  if (document != NULL && JSON_NODE_HOLDS_OBJECT (document))
    operations = eccp_json_get_array (json_node_get_object (document), "operations");

  if (operations == NULL)
    return eccp_portal_answer_new_error (400, "invalid_document", "Malformed document",
                                         "/operations", "A batch is {\"operations\": [...]}");

  n = json_array_get_length (operations);
  if (n > ECCP_PORTAL_BATCH_MAX_OPERATIONS)
    return eccp_portal_answer_new_error (400, "too_many_operations", "Too many operations",
                                         "/operations", "A batch holds at most %u operations, "
                                         "not %u", ECCP_PORTAL_BATCH_MAX_OPERATIONS, n);

  out = g_string_new ("{\"results\":[");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EccpPortalAnswer) answer =
        run_operation (db, user, json_array_get_element (operations, i), i);

      if (i > 0)
        g_string_append_c (out, ',');
      append_result (out, answer);
    }
  g_string_append (out, "]}");

  return eccp_portal_answer_new (200, g_string_free (g_steal_pointer (&out), FALSE));
}
