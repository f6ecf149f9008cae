/* eccp-merge.c: the three-way merge of a local change onto the portal's version
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-merge.h"

#include "eccp-json.h"

static JsonNode *
copy_or_null (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL ? eccp_json_node_deep_copy (node) : json_node_new (JSON_NODE_NULL);
}

/* Whether @value is one of the values of @field that were sent. */
static gboolean
was_sent (JsonObject *sent,
          const char *field,
          JsonNode   *value)
{
  JsonArray *values = eccp_json_get_array (sent, field);

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    if (eccp_json_node_equal (json_array_get_element (values, i), value))
      return TRUE;

  return FALSE;
}

EccpMergeResult *
eccp_merge_three_way (JsonObject         *base,
                      JsonObject         *theirs,
                      JsonObject         *mine,
                      JsonObject         *sent,
                      const char * const *changed)
{
  EccpMergeResult *result = g_new0 (EccpMergeResult, 1);
  g_autoptr(GStrvBuilder) still_mine = g_strv_builder_new ();
  g_autoptr(GHashTable) changed_set = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  for (guint i = 0; changed != NULL && changed[i] != NULL; i++)
    g_hash_table_add (changed_set, (gpointer) changed[i]);

  result->merged = theirs != NULL ? eccp_json_object_deep_copy (theirs) : json_object_new ();
  result->conflicts = json_object_new ();

  /* What they changed and I did not: counted, and already in merged. */
  if (theirs != NULL)
    {
      json_object_iter_init (&iter, theirs);
      while (json_object_iter_next (&iter, &name, &value))
        if (!g_hash_table_contains (changed_set, name)
            && !eccp_json_node_equal (value, base ? json_object_get_member (base, name) : NULL))
          result->taken++;
    }

  for (guint i = 0; changed != NULL && changed[i] != NULL; i++)
    {
      JsonNode *base_value = base ? json_object_get_member (base, changed[i]) : NULL;
      JsonNode *their_value = theirs ? json_object_get_member (theirs, changed[i]) : NULL;
      JsonNode *my_value = mine ? json_object_get_member (mine, changed[i]) : NULL;

      if (eccp_json_node_equal (my_value, their_value))
        continue; /* both made the same change, or mine is theirs already */

      /* Mine goes on top, whether they changed it or not. */
      if (my_value != NULL)
        json_object_set_member (result->merged, changed[i], eccp_json_node_deep_copy (my_value));
      else
        json_object_remove_member (result->merged, changed[i]);
      g_strv_builder_add (still_mine, changed[i]);

      if (!eccp_json_node_equal (their_value, base_value)
          && !was_sent (sent, changed[i], their_value))
        {
          JsonObject *conflict = json_object_new ();

          json_object_set_member (conflict, "base", copy_or_null (base, changed[i]));
          json_object_set_member (conflict, "theirs", copy_or_null (theirs, changed[i]));
          json_object_set_member (conflict, "mine", copy_or_null (mine, changed[i]));
          json_object_set_object_member (result->conflicts, changed[i], conflict);
        }
    }

  result->still_mine = g_strv_builder_end (still_mine);

  return result;
}

void
eccp_merge_result_free (EccpMergeResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->merged, json_object_unref);
  g_clear_pointer (&result->still_mine, g_strfreev);
  g_clear_pointer (&result->conflicts, json_object_unref);
  g_free (result);
}
