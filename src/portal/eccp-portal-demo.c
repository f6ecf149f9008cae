/* eccp-portal-demo.c: the demo data set as the portal's records
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-demo.h"

#include "eccp-demo.h"
#include "eccp-json.h"
#include "eccp-portal-record.h"

typedef struct
{
  EccpPortalDb *db;
  GCancellable *cancellable;
  guint         n_records;
} Load;

static gboolean
add_resource (EccpPortalDb  *db,
              JsonObject    *resource,
              GError       **error)
{
  EccpPortalRow row = { 0 };
  const EccpTypeSpec *spec;
  JsonObject *meta;
  g_autofree char *body = NULL;

  row.type = (char *) eccp_json_get_string (resource, "type");
  row.id = (char *) eccp_json_get_string (resource, "id");
  spec = row.type != NULL ? eccp_type_spec_lookup (row.type) : NULL;
  meta = eccp_json_get_object (resource, "meta");
  if (spec == NULL || row.id == NULL || meta == NULL)
    {
      g_set_error_literal (error, ECCP_PORTAL_DB_ERROR, ECCP_PORTAL_DB_ERROR_FAILED,
                           "The demo generator made a record without type, id or meta");
      return FALSE;
    }

  row.seq = eccp_portal_db_next_seq (db);
  row.rev = eccp_json_get_int (meta, "rev", 1);
  json_object_set_int_member (meta, "seq", row.seq);
  row.event_id = (char *) eccp_portal_relationship_id (eccp_json_get_object (resource,
                                                                              "relationships"),
                                                       "event");

  if (spec->moderated)
    {
      row.state = (char *) eccp_json_get_string (meta, "moderation_state");
      if (row.state == NULL)
        row.state = (char *) "draft";
      row.visibility = g_str_equal (row.state, "published") ? ECCP_PORTAL_VISIBLE_BODY
                                                            : ECCP_PORTAL_VISIBLE_NONE;
    }

  body = eccp_json_object_to_string (resource);
  row.body = body;

  return eccp_portal_db_put_row (db, &row, error);
}

static gboolean
load_page (JsonNode  *document,
           gpointer   user_data,
           GError   **error)
{
  Load *load = user_data;
  JsonArray *data = eccp_json_get_array (json_node_get_object (document), "data");

  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (g_cancellable_set_error_if_cancelled (load->cancellable, error))
    return FALSE;

  if (!eccp_portal_db_begin (load->db, error))
    return FALSE;

  for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !add_resource (load->db, json_node_get_object (node), error))
        {
          eccp_portal_db_rollback (load->db);
          return FALSE;
        }
      load->n_records++;
    }

  return eccp_portal_db_commit (load->db, error);
}

gboolean
eccp_portal_demo_load (EccpPortalDb  *db,
                       guint          n_clusters,
                       guint         *n_records,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Load load = { db, cancellable, 0 };
  gboolean ok;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (db), FALSE);

  eccp_portal_db_set_bulk (db, TRUE);
  ok = eccp_demo_generate (n_clusters, load_page, &load, error);
  eccp_portal_db_set_bulk (db, FALSE);

  if (n_records != NULL)
    *n_records = load.n_records;

  return ok;
}
