/* eccp-demo.c: the demo data set, deterministic and true to the 2018 portal
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-demo.h"

#include "eccp-demo-private.h"

#include <string.h>

/* How the set is made: eccp-demo-private.h.  This file runs the phases in
 * the order of the feed; the words are data/demo-words.json. */

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

static void
demo_gen_clear (EccpDemoGen *gen)
{
  g_clear_pointer (&gen->cluster_country, g_free);
  g_clear_pointer (&gen->cluster_ecosystem, g_free);
  g_clear_pointer (&gen->cluster_city, g_free);
  g_clear_pointer (&gen->cluster_name, g_free);
  g_clear_pointer (&gen->strings, g_string_chunk_free);
  g_clear_pointer (&gen->country_start, g_free);
  g_clear_pointer (&gen->country_clusters, g_free);
  g_clear_pointer (&gen->ecosystem_start, g_free);
  g_clear_pointer (&gen->ecosystem_clusters, g_free);
  g_clear_pointer (&gen->partnership_start, g_free);
  g_clear_pointer (&gen->partnership_clusters, g_free);
  g_clear_pointer (&gen->partnership_ecosystem, g_free);
  g_clear_pointer (&gen->cluster_partnership_start, g_free);
  g_clear_pointer (&gen->cluster_partnerships, g_free);
  g_clear_pointer (&gen->events, g_free);
  g_clear_pointer (&gen->zones, g_hash_table_unref);
  g_clear_pointer (&gen->page, json_array_unref);
  g_clear_pointer (&gen->checksum, g_checksum_free);
}

static guint
scaled (guint n_clusters,
        guint per_1400,
        guint minimum)
{
  guint64 n = ((guint64) n_clusters * per_1400 + ECCP_DEMO_DEFAULT_CLUSTERS / 2) /
              ECCP_DEMO_DEFAULT_CLUSTERS;

  return (guint) CLAMP (n, minimum, G_MAXUINT32 / 2);
}

gboolean
eccp_demo_generate (guint              n_clusters,
                    EccpDemoPageFunc   page_func,
                    gpointer           user_data,
                    GError           **error)
{
  const EccpDemoWords *words = _eccp_demo_words ();
  EccpDemoGen gen = { 0 };
  g_autoptr(GTimeZone) kyiv = NULL;
  g_autoptr(GDateTime) first_change = NULL;
  gboolean ok;

  g_return_val_if_fail (page_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gen.words = words;
  gen.n_clusters = MAX (n_clusters, words->n_named_clusters);
  gen.n_partnerships = scaled (gen.n_clusters, 60, words->n_named_partnerships);
  gen.n_events = scaled (gen.n_clusters, 150, words->n_named_events);
  gen.n_calls = scaled (gen.n_clusters, 200, words->n_named_calls);
  gen.page_func = page_func;
  gen.user_data = user_data;
  gen.page = json_array_sized_new (DEMO_PAGE_SIZE);
  gen.checksum = g_checksum_new (G_CHECKSUM_SHA1);
  gen.zones = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_time_zone_unref);
  gen.events = g_new0 (EccpDemoEventPlan, gen.n_events);
  gen.reference_julian = _eccp_demo_julian_of (REFERENCE_YEAR, 1, 1);

  /* Debian 12's tzdata knows Europe/Kyiv; older ones only Europe/Kiev. */
  kyiv = g_time_zone_new_identifier ("Europe/Kyiv");
  gen.kyiv_zone = kyiv != NULL ? "Europe/Kyiv" : "Europe/Kiev";

  for (guint i = 0; i < words->n_countries; i++)
    gen.country_weight_total += words->countries[i].weight;
  for (guint i = 0; i < N_ECOSYSTEMS; i++)
    gen.ecosystem_weight_total += words->ecosystem_weights[i];

  /* meta.changed runs from March 2018 to the end of 2025 over the feed */
  gen.portal_zone = _eccp_demo_get_zone (&gen, PORTAL_ZONE);
  first_change = g_date_time_new_utc (2018, 3, 1, 8, 0, 0);
  gen.changed_base = g_date_time_to_unix (first_change);
  gen.changed_step = MAX (1, (gint64) (7.75 * 365 * 86400) /
                             ((gint64) gen.n_clusters * 33 / 5 + 1000));

  _eccp_demo_plan_clusters (&gen);
  _eccp_demo_plan_partnerships (&gen);

  ok = _eccp_demo_emit_clusters (&gen, error) &&
       _eccp_demo_emit_partnerships (&gen, error) &&
       _eccp_demo_emit_events (&gen, error) &&
       _eccp_demo_emit_calls (&gen, error) &&
       _eccp_demo_emit_attendees (&gen, error) &&
       _eccp_demo_emit_meetings (&gen, error) &&
       _eccp_demo_emit_checkins (&gen, error) &&
       _eccp_demo_flush_page (&gen, error);

  demo_gen_clear (&gen);

  return ok;
}

typedef struct
{
  EccpStore       *store;
  EccpImportStats *stats;
} LoadData;

static gboolean
load_page (JsonNode  *document,
           gpointer   user_data,
           GError   **error)
{
  LoadData *data = user_data;
  EccpImportStats page = { 0 };

  if (!eccp_store_import_document (data->store, document, &page, error))
    return FALSE;

  data->stats->created += page.created;
  data->stats->updated += page.updated;
  data->stats->deleted += page.deleted;
  data->stats->kept_local += page.kept_local;

  return TRUE;
}

gboolean
eccp_demo_load (EccpStore        *store,
                guint             n_clusters,
                EccpImportStats  *stats,
                GError          **error)
{
  EccpImportStats ignored = { 0 };
  LoadData data = { store, stats != NULL ? stats : &ignored };

  g_return_val_if_fail (ECCP_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);

  return eccp_demo_generate (n_clusters, load_page, &data, error);
}