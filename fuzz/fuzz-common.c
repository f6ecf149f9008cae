/* fuzz-common.c: what the libFuzzer targets share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <stdlib.h>

#include "eccp-json.h"
#include "eccp-store-sync.h"

#define CLUSTER_A "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e"

/* The records a fed page or document meets (ids the seeds reuse). */
static const char seed_page[] =
  "{\"data\": ["
  "{\"type\": \"cluster\", \"id\": \"" CLUSTER_A "\", \"attributes\": {\"name\": \"Cluster A\","
  " \"profile_type\": \"cluster_organisation\", \"country\": \"RS\", \"city\": \"Novi Sad\","
  " \"ecosystems\": [\"Agri-food\"], \"members\": {\"sme\": 10, \"large\": 2}},"
  " \"relationships\": {}, \"meta\": {\"rev\": 1, \"seq\": 1, \"moderation_state\": \"published\"}},"
  "{\"type\": \"cluster\", \"id\": \"1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b\", \"attributes\":"
  " {\"name\": \"Cluster B\", \"profile_type\": \"cluster_organisation\", \"country\": \"HR\","
  " \"city\": \"Split\"}, \"relationships\": {}, \"meta\": {\"rev\": 1, \"seq\": 2}},"
  "{\"type\": \"event\", \"id\": \"23910e94-ead5-5e9b-8529-821730d4d6ca\", \"attributes\":"
  " {\"title\": \"Matchmaking\", \"starts_at\": \"2026-06-04T09:00:00+02:00\","
  " \"ends_at\": \"2026-06-04T17:00:00+02:00\", \"timezone\": \"Europe/Brussels\"},"
  " \"relationships\": {}, \"meta\": {\"rev\": 1, \"seq\": 3}},"
  "{\"type\": \"attendee\", \"id\": \"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\", \"attributes\":"
  " {\"name\": \"Ana\", \"email\": \"ana@example.eu\"}, \"relationships\": {\"event\": {\"data\":"
  " {\"type\": \"event\", \"id\": \"23910e94-ead5-5e9b-8529-821730d4d6ca\"}}},"
  " \"meta\": {\"rev\": 1, \"seq\": 4}}"
  "], \"meta\": {\"cursor\": \"4\"}}";

static GLogWriterOutput
drop_writer (GLogLevelFlags   log_level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, NULL);
      abort ();
    }

  /* ECCP_FUZZ_DEBUG=1 fuzz/fuzz-X FILE: everything, to see why. */
  if (user_data != NULL)
    return g_log_writer_default (log_level, fields, n_fields, NULL);

  return G_LOG_WRITER_HANDLED;
}

void
eccp_fuzz_init (void)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_log_set_writer_func (drop_writer, g_getenv ("ECCP_FUZZ_DEBUG") ? GINT_TO_POINTER (1) : NULL, NULL);
}

EccpStore *
eccp_fuzz_store_new (void)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  store = eccp_store_new (":memory:", &error);
  if (store == NULL)
    g_error ("store: %s", error->message);

  page = eccp_json_node_from_string (seed_page, &error);
  if (page == NULL || !eccp_store_apply_changes_page (store, page, NULL, &error))
    g_error ("seed page: %s", error->message);

  json_object_set_string_member (attributes, "city", "Zagreb");
  record = eccp_store_update (store, "cluster", CLUSTER_A, attributes, NULL, &error);
  if (record == NULL)
    g_error ("local edit: %s", error->message);

  return g_steal_pointer (&store);
}
