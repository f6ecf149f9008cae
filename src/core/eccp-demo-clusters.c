/* eccp-demo-clusters.c: the demo set's plans, clusters and partnerships
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-demo-private.h"

#include "eccp-json.h"


/* ------------------------------------------------------------------------
 * Plans
 * ------------------------------------------------------------------------ */

static void
index_by (guint          n_items,
          const guint8  *keys,
          guint          n_keys,
          guint        **start_out,
          guint        **items_out)
{
  guint *start = g_new0 (guint, n_keys + 1);
  guint *items = g_new (guint, MAX (n_items, 1));
  g_autofree guint *fill = g_new0 (guint, n_keys);

  for (guint i = 0; i < n_items; i++)
    start[keys[i] + 1]++;
  for (guint k = 0; k < n_keys; k++)
    start[k + 1] += start[k];
  for (guint i = 0; i < n_items; i++)
    items[start[keys[i]] + fill[keys[i]]++] = i;

  *start_out = start;
  *items_out = items;
}

static char *
make_cluster_name (EccpDemoGen *gen,
                   GRand       *rand,
                   const char  *city,
                   guint        country,
                   guint        ecosystem)
{
  const EccpDemoWords *words = gen->words;
  const EccpDemoLanguage *language = &words->languages[words->countries[country].language];
  const char *values[26] = { NULL };

  values['P' - 'A'] = city;
  values['S' - 'A'] = _eccp_demo_pick_sector_word (gen, rand, ecosystem);

  /* in the country's own language, where the words have one */
  if (language->cluster_names.n > 0 && _eccp_demo_chance (rand, 0.6))
    {
      values['L' - 'A'] = language->sectors[ecosystem];
      return _eccp_demo_expand (_eccp_demo_pick_word (rand, &language->cluster_names), values);
    }

  return _eccp_demo_expand (_eccp_demo_pick_word (rand, &words->cluster_names), values);
}

void
_eccp_demo_plan_clusters (EccpDemoGen *gen)
{
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_IDENTITY);
  g_autoptr(GHashTable) names = NULL;
  guint n = gen->n_clusters;

  gen->cluster_country = g_new (guint8, n);
  gen->cluster_ecosystem = g_new (guint8, n);
  gen->cluster_city = g_new (const char *, n);
  gen->cluster_name = g_new (const char *, n);
  gen->strings = g_string_chunk_new (64 * 1024);
  names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      if (i < gen->words->n_named_clusters)
        {
          const EccpDemoNamedCluster *named = &gen->words->named_clusters[i];

          gen->cluster_country[i] = _eccp_demo_country_index (gen, named->country);
          gen->cluster_ecosystem[i] = named->ecosystem;
          gen->cluster_city[i] = named->city;
          gen->cluster_name[i] = named->name;
        }
      else
        {
          guint country = _eccp_demo_pick_country (gen, rand);
          guint ecosystem = _eccp_demo_pick_ecosystem (gen, rand);
          const char *city = NULL;
          g_autofree char *name = NULL;

          /* names are unique while the vocabulary allows */
          for (guint attempt = 0; attempt < 8; attempt++)
            {
              g_free (name);
              city = _eccp_demo_pick_word (rand, &gen->words->countries[country].cities);
              name = make_cluster_name (gen, rand, city, country, ecosystem);
              if (!g_hash_table_contains (names, name))
                break;
            }

          gen->cluster_country[i] = country;
          gen->cluster_ecosystem[i] = ecosystem;
          gen->cluster_city[i] = city;
          gen->cluster_name[i] = g_string_chunk_insert (gen->strings, name);
        }
      g_hash_table_add (names, (gpointer) gen->cluster_name[i]);
    }

  index_by (n, gen->cluster_country, gen->words->n_countries,
            &gen->country_start, &gen->country_clusters);
  index_by (n, gen->cluster_ecosystem, N_ECOSYSTEMS,
            &gen->ecosystem_start, &gen->ecosystem_clusters);
}
/* Picks @n_wanted distinct clusters into @out, of @ecosystem where there are
 * enough, else of any ecosystem. */
static guint
pick_clusters (EccpDemoGen *gen,
               GRand       *rand,
               guint        ecosystem,
               guint        n_wanted,
               guint       *out)
{
  const guint *pool = gen->ecosystem_clusters + gen->ecosystem_start[ecosystem];
  guint n_pool = gen->ecosystem_start[ecosystem + 1] - gen->ecosystem_start[ecosystem];
  guint n = 0;

  n_wanted = MIN (n_wanted, gen->n_clusters);
  if (ecosystem == ECO_CROSS || n_pool < n_wanted * 3)
    {
      pool = NULL;
      n_pool = gen->n_clusters;
    }

  for (guint attempt = 0; n < n_wanted && attempt < n_wanted * 20; attempt++)
    {
      guint i = _eccp_demo_pick (rand, n_pool);
      guint cluster = pool != NULL ? pool[i] : i;

      if (!_eccp_demo_contains (out, n, cluster))
        out[n++] = cluster;
    }

  /* a tiny set: take the first free ones */
  for (guint cluster = 0; n < n_wanted && cluster < gen->n_clusters; cluster++)
    {
      if (!_eccp_demo_contains (out, n, cluster))
        out[n++] = cluster;
    }

  return n;
}

void
_eccp_demo_plan_partnerships (EccpDemoGen *gen)
{
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_PARTNERSHIP_PLAN);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = gen->n_partnerships;

  gen->partnership_start = g_new0 (guint, n + 1);
  gen->partnership_ecosystem = g_new (guint8, n);

  for (guint p = 0; p < n; p++)
    {
      guint picked[9];
      guint ecosystem;
      guint n_picked;

      if (p < gen->words->n_named_partnerships)
        ecosystem = gen->words->named_partnerships[p].ecosystem;
      else
        ecosystem = _eccp_demo_pick_ecosystem (gen, rand);

      /* a coordinator and 3–8 members */
      n_picked = pick_clusters (gen, rand, ecosystem, 4 + _eccp_demo_pick (rand, 6), picked);
      g_array_append_vals (members, picked, n_picked);

      gen->partnership_ecosystem[p] = ecosystem;
      gen->partnership_start[p + 1] = members->len;
    }

  gen->partnership_clusters = (guint *) g_array_free (g_steal_pointer (&members), FALSE);

  /* and back: each cluster's partnerships */
  gen->cluster_partnership_start = g_new0 (guint, gen->n_clusters + 1);
  for (guint i = 0; i < gen->partnership_start[n]; i++)
    gen->cluster_partnership_start[gen->partnership_clusters[i] + 1]++;
  for (guint c = 0; c < gen->n_clusters; c++)
    gen->cluster_partnership_start[c + 1] += gen->cluster_partnership_start[c];

  gen->cluster_partnerships = g_new (guint, MAX (gen->partnership_start[n], 1));
  {
    g_autofree guint *fill = g_new0 (guint, gen->n_clusters);

    for (guint p = 0; p < n; p++)
      {
        for (guint i = gen->partnership_start[p]; i < gen->partnership_start[p + 1]; i++)
          {
            guint c = gen->partnership_clusters[i];

            gen->cluster_partnerships[gen->cluster_partnership_start[c] + fill[c]++] = p;
          }
      }
  }
}

/* ------------------------------------------------------------------------
 * Clusters
 * ------------------------------------------------------------------------ */

typedef enum
{
  CRITERION_FTE = 1 << 0,
  CRITERION_WEBSITE = 1 << 1,
  CRITERION_MEMBERS = 1 << 2,
  CRITERION_KINDS = 1 << 3,
} Criterion;

static JsonObject *
members_object (int sme,
                int large,
                int research,
                int other)
{
  JsonObject *members = json_object_new ();

  json_object_set_int_member (members, "sme", sme);
  json_object_set_int_member (members, "large", large);
  json_object_set_int_member (members, "research", research);
  json_object_set_int_member (members, "other", other);

  return members;
}

static char *
review_comment_for (Criterion failed,
                    int       n_members)
{
  GString *comment = g_string_new (NULL);

  if (failed & CRITERION_FTE)
    g_string_append (comment, "Please state a management team of at least 0.5 FTE: "
                              "the profile gives 0.25.\n");
  if (failed & CRITERION_WEBSITE)
    g_string_append (comment, "Please add the cluster's website.\n");
  if (failed & CRITERION_MEMBERS)
    g_string_append_printf (comment, "Please complete the member numbers: a published profile "
                                     "needs at least 15 members, this one lists %d.\n",
                            n_members);
  if (failed & CRITERION_KINDS)
    g_string_append (comment, "Please list members of at least two kinds (SMEs, large "
                              "companies, research, other): the profile lists SMEs only.\n");

  if (comment->len > 0)
    g_string_truncate (comment, comment->len - 1);

  return g_string_free (comment, FALSE);
}

static JsonObject *
build_named_cluster (EccpDemoGen *gen,
                     guint        index)
{
  const EccpDemoNamedCluster *named = &gen->words->named_clusters[index];
  const EccpDemoCountry *country = &gen->words->countries[gen->cluster_country[index]];
  JsonObject *attributes, *relationships, *resource;
  JsonArray *list;
  char id[37];
  g_autofree char *website = g_strdup_printf ("https://www.%s.example.eu", named->slug);

  _eccp_demo_make_id (gen, id, "cluster", index);
  resource = _eccp_demo_resource_new ("cluster", id, &attributes, &relationships);

  _eccp_demo_set_string (attributes, "name", named->name);
  _eccp_demo_set_string (attributes, "acronym", named->acronym);
  _eccp_demo_set_string (attributes, "profile_type", "cluster_organisation");
  _eccp_demo_set_string (attributes, "country", named->country);
  _eccp_demo_set_string (attributes, "city", named->city);
  _eccp_demo_set_string (attributes, "website", website);
  _eccp_demo_take_string (attributes, "email", g_strdup_printf ("info@%s.example.eu", named->slug));
  _eccp_demo_take_string (attributes, "phone", g_strdup_printf ("%s 21 %03u %04u", country->phone,
                                                                100 + index * 37, 1000 + index * 1111));
  _eccp_demo_set_string (attributes, "description", named->description);
  list = json_array_new ();
  json_array_add_string_element (list, _eccp_demo_ecosystem_name (named->ecosystem));
  if (named->ecosystem2 < N_ECOSYSTEMS)
    json_array_add_string_element (list, _eccp_demo_ecosystem_name (named->ecosystem2));
  json_object_set_array_member (attributes, "ecosystems", list);
  json_object_set_array_member (attributes, "emerging_industries", json_array_new ());
  json_object_set_object_member (attributes, "members",
                                 members_object (named->sme, named->large,
                                                 named->research, named->other));
  json_object_set_double_member (attributes, "management_fte", named->fte);
  json_object_set_int_member (attributes, "founded", named->founded);
  _eccp_demo_set_string (attributes, "label", named->label);
  _eccp_demo_set_string (attributes, "label_valid_until", named->label_valid_until);
  _eccp_demo_set_string (attributes, "manager_name", named->manager_name);
  if (named->legacy_id != 0)
    json_object_set_int_member (attributes, "eccp_legacy_id", named->legacy_id);

  return resource;
}

static const char *
profile_phrase (const char *profile_type)
{
  if (g_str_equal (profile_type, "national_cluster_organisation"))
    return "national cluster organisation";
  if (g_str_equal (profile_type, "cluster_project"))
    return "cluster project";
  return "cluster organisation";
}

static void
relate_cluster_partnerships (EccpDemoGen *gen,
                             JsonObject  *relationships,
                             guint        index)
{
  guint first = gen->cluster_partnership_start[index];
  guint last = gen->cluster_partnership_start[index + 1];
  JsonArray *data;

  if (first == last)
    return;

  data = json_array_new ();
  for (guint i = first; i < last; i++)
    {
      char id[37];

      _eccp_demo_make_id (gen, id, "partnership", gen->cluster_partnerships[i]);
      json_array_add_element (data, eccp_json_identifier_new ("partnership", id));
    }
  _eccp_demo_relate_many (relationships, "partnerships", data);
}

static JsonObject *
build_cluster (EccpDemoGen  *gen,
               GRand        *rand,
               guint         index,
               const char  **state,
               char        **review_comment)
{
  static const char * const profile_types[] = {
    "cluster_organisation", "national_cluster_organisation", "cluster_project",
  };
  static const guint profile_weights[] = { 85, 7, 8 };
  static const char * const labels[] = { "none", "bronze", "silver", "gold" };
  static const guint label_weights[] = { 60, 25, 10, 5 };
  const EccpDemoWords *words = gen->words;
  const EccpDemoCountry *country = &words->countries[gen->cluster_country[index]];
  guint ecosystem = gen->cluster_ecosystem[index];
  const char *name = gen->cluster_name[index];
  const char *profile_type;
  const char *label;
  JsonObject *attributes, *relationships, *resource;
  JsonArray *list;
  g_autofree char *slug = _eccp_demo_make_slug (name, '-', 40);
  g_autofree char *acronym = NULL;
  g_autofree char *ecosystem_text = NULL;
  const char *first_activity, *second_activity;
  guint extra[2] = { N_ECOSYSTEMS, N_ECOSYSTEMS };
  guint n_extra;
  int sme, large, research, other;
  double fte;
  Criterion failed = 0;
  char id[37];

  _eccp_demo_make_id (gen, id, "cluster", index);
  resource = _eccp_demo_resource_new ("cluster", id, &attributes, &relationships);

  /* About one profile in ten does not meet the publication criteria. */
  if (_eccp_demo_chance (rand, 0.10))
    {
      static const Criterion criteria[] = {
        CRITERION_FTE, CRITERION_WEBSITE, CRITERION_MEMBERS, CRITERION_KINDS,
      };

      failed = criteria[_eccp_demo_pick (rand, G_N_ELEMENTS (criteria))];
      if (_eccp_demo_chance (rand, 0.2))
        failed |= criteria[_eccp_demo_pick (rand, G_N_ELEMENTS (criteria))];
      if ((failed & CRITERION_MEMBERS) && (failed & CRITERION_KINDS))
        failed &= ~CRITERION_KINDS;
    }

  profile_type = profile_types[_eccp_demo_pick_weighted (rand, profile_weights, sizeof (guint),
                                                         G_N_ELEMENTS (profile_weights), 100)];
  label = labels[_eccp_demo_pick_weighted (rand, label_weights, sizeof (guint),
                                           G_N_ELEMENTS (label_weights), 100)];

  n_extra = _eccp_demo_chance (rand, 0.45) ? (_eccp_demo_chance (rand, 0.3) ? 2 : 1) : 0;
  for (guint i = 0; i < n_extra; i++)
    {
      guint e = _eccp_demo_pick_ecosystem (gen, rand);

      if (e != ecosystem && (i == 0 || e != extra[0]))
        extra[i] = e;
    }

  if (failed & CRITERION_MEMBERS)
    {
      sme = 9;
      large = 2;
      research = 1;
      other = 0;
    }
  else if (failed & CRITERION_KINDS)
    {
      sme = 20 + _eccp_demo_pick (rand, 60);
      large = research = other = 0;
    }
  else
    {
      double u = g_rand_double (rand);

      /* 15 members at least, of two kinds at least (SMEs and research) */
      sme = 14 + (int) (u * u * 380);
      large = _eccp_demo_pick (rand, 4) == 0 ? 0 : 1 + _eccp_demo_pick (rand, 30);
      research = 1 + _eccp_demo_pick (rand, 25);
      other = _eccp_demo_pick (rand, 3) == 0 ? 0 : _eccp_demo_pick (rand, 20);
    }

  fte = (failed & CRITERION_FTE) ? 0.25 : 0.5 + 0.5 * _eccp_demo_pick (rand, 12);

  _eccp_demo_set_string (attributes, "name", name);
  if (_eccp_demo_chance (rand, 0.5))
    acronym = _eccp_demo_make_acronym (name);
  _eccp_demo_set_string (attributes, "acronym", acronym);
  _eccp_demo_set_string (attributes, "profile_type", profile_type);
  _eccp_demo_set_string (attributes, "country", country->code);
  _eccp_demo_set_string (attributes, "city", gen->cluster_city[index]);
  if (!(failed & CRITERION_WEBSITE))
    _eccp_demo_take_string (attributes, "website",
                            g_strdup_printf ("https://www.%s.example.eu", slug));
  _eccp_demo_take_string (attributes, "email",
                          g_strdup_printf ("%s@%s.example.eu",
                                           _eccp_demo_pick_word (rand, &words->mailboxes), slug));
  if (_eccp_demo_chance (rand, 0.85))
    {
      guint line = _eccp_demo_pick (rand, 10000);
      guint exchange = _eccp_demo_pick (rand, 1000);
      guint area = 2 + _eccp_demo_pick (rand, 98);

      _eccp_demo_take_string (attributes, "phone",
                              g_strdup_printf ("%s %u %03u %04u", country->phone,
                                               area, exchange, line));
    }

  /* Draws that were once arguments of one call are made in the order GCC
   * gave them (the last argument first), so the set stays the same. */
  second_activity = _eccp_demo_pick_word (rand, &words->cluster_activities);
  first_activity = _eccp_demo_pick_word (rand, &words->cluster_activities);
  ecosystem_text = g_ascii_strdown (_eccp_demo_ecosystem_name (ecosystem), -1);
  _eccp_demo_take_string (attributes, "description",
                          g_strdup_printf ("%s is a %s based in %s, %s. Its %d members work in %s: "
                                           "SMEs %d, large companies %d, research organisations %d, "
                                           "others %d.\n\nThe cluster helps its members to %s and to %s.",
                                           name, profile_phrase (profile_type), gen->cluster_city[index],
                                           country->name, sme + large + research + other, ecosystem_text,
                                           sme, large, research, other,
                                           first_activity, second_activity));

  list = json_array_new ();
  json_array_add_string_element (list, _eccp_demo_ecosystem_name (ecosystem));
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      if (extra[i] < N_ECOSYSTEMS)
        json_array_add_string_element (list, _eccp_demo_ecosystem_name (extra[i]));
    }
  json_object_set_array_member (attributes, "ecosystems", list);

  list = json_array_new ();
  if (_eccp_demo_chance (rand, 0.6))
    {
      const EccpDemoList *industries = &words->emerging_industries;
      guint first = _eccp_demo_pick (rand, industries->n);

      json_array_add_string_element (list, industries->items[first]);
      if (_eccp_demo_chance (rand, 0.4))
        {
          guint second = (first + 1 + _eccp_demo_pick (rand, industries->n - 1)) % industries->n;

          json_array_add_string_element (list, industries->items[second]);
        }
    }
  json_object_set_array_member (attributes, "emerging_industries", list);

  json_object_set_object_member (attributes, "members",
                                 members_object (sme, large, research, other));
  json_object_set_double_member (attributes, "management_fte", fte);
  json_object_set_int_member (attributes, "founded", 1990 + _eccp_demo_pick (rand, 29));
  _eccp_demo_set_string (attributes, "label", label);
  if (!g_str_equal (label, "none"))
    {
      int month = 1 + _eccp_demo_pick (rand, 12);
      int year = 2019 + _eccp_demo_pick (rand, 10);

      /* the last day of the month before */
      _eccp_demo_take_string (attributes, "label_valid_until",
                              _eccp_demo_format_date (_eccp_demo_julian_of (year, month, 1) - 1));
    }
  if (_eccp_demo_chance (rand, 0.9))
    _eccp_demo_take_string (attributes, "manager_name",
                            _eccp_demo_make_person (gen, rand, country->language));

  /* an attribute this client does not know, which must survive a round trip */
  if (index % 25 == 7)
    json_object_set_int_member (attributes, "eccp_legacy_id", 10000 + index);

  if (failed != 0)
    {
      *state = _eccp_demo_chance (rand, 0.5) ? "draft" : "changes_requested";
      *review_comment = review_comment_for (failed, sme + large + research + other);
    }
  else
    {
      *state = "published";
      *review_comment = NULL;
    }

  return resource;
}

gboolean
_eccp_demo_emit_clusters (EccpDemoGen  *gen,
                          GError      **error)
{
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_CLUSTERS);

  for (guint i = 0; i < gen->n_clusters; i++)
    {
      g_autofree char *review_comment = NULL;
      const char *state = "published";
      JsonObject *resource;

      if (i < gen->words->n_named_clusters)
        resource = build_named_cluster (gen, i);
      else
        resource = build_cluster (gen, rand, i, &state, &review_comment);

      relate_cluster_partnerships (gen, json_object_get_object_member (resource, "relationships"),
                                   i);

      if (!_eccp_demo_emit (gen, resource, state, review_comment, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Partnerships
 * ------------------------------------------------------------------------ */

static char *
make_partnership_acronym (const char *sector,
                          const char *programme)
{
  g_autofree char *ascii = g_str_to_ascii (sector, "C");
  GString *acronym = g_string_new (NULL);
  const char *suffix = "-GO";

  for (const char *p = ascii; *p != '\0' && acronym->len < 10; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (acronym, g_ascii_toupper (*p));
    }

  if (g_str_equal (programme, "ESCP-S3"))
    suffix = "-S3";
  else if (g_str_equal (programme, "ESCP-4x"))
    suffix = "-4X";
  else if (g_str_equal (programme, "Excellence"))
    suffix = "-EXCEL";
  g_string_append (acronym, suffix);

  return g_string_free (acronym, FALSE);
}

gboolean
_eccp_demo_emit_partnerships (EccpDemoGen  *gen,
                              GError      **error)
{
  static const int start_years_4i[] = { 2020, 2022, 2024, 2026 };
  static const int start_years_s3[] = { 2017, 2019, 2021, 2024 };
  static const int start_years_4x[] = { 2018, 2020, 2023, 2025 };
  static const int start_years_excellence[] = { 2016, 2018, 2021, 2023, 2025, 2027 };
  static const int start_months[] = { 1, 4, 7, 9 };
  const EccpDemoWords *words = gen->words;
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_PARTNERSHIPS);

  for (guint p = 0; p < gen->n_partnerships; p++)
    {
      const guint *members = gen->partnership_clusters + gen->partnership_start[p];
      guint n_members = gen->partnership_start[p + 1] - gen->partnership_start[p];
      guint ecosystem = gen->partnership_ecosystem[p];
      JsonObject *attributes, *relationships, *resource;
      JsonArray *list;
      g_autofree char *name = NULL;
      g_autofree char *acronym = NULL;
      g_autofree char *description = NULL;
      g_autofree char *slug = NULL;
      const char *programme;
      static const EccpDemoList no_targets = { NULL, 0 };
      const EccpDemoList *targets = &no_targets;
      guint ecosystem2 = N_ECOSYSTEMS;
      guint32 period_start, period_end;
      char id[37];

      _eccp_demo_make_id (gen, id, "partnership", p);
      resource = _eccp_demo_resource_new ("partnership", id, &attributes, &relationships);

      if (p < words->n_named_partnerships || p < N_ESCP_4I_2018)
        {
          programme = "ESCP-4i";
          period_start = _eccp_demo_julian_of (2018, 1, 1);
          period_end = _eccp_demo_julian_of (2019, 12, 31);
        }
      else
        {
          const int *years;
          guint n_years;
          guint r = _eccp_demo_pick (rand, 100);
          GDate date;

          if (r < 25)
            {
              static const int first_generation[] = { 2016 };

              programme = "ESCP-4i";
              years = first_generation;
              n_years = 1;
            }
          else if (r < 40)
            {
              programme = "ESCP-4i";
              years = start_years_4i;
              n_years = G_N_ELEMENTS (start_years_4i);
            }
          else if (r < 60)
            {
              programme = "ESCP-S3";
              years = start_years_s3;
              n_years = G_N_ELEMENTS (start_years_s3);
            }
          else if (r < 75)
            {
              programme = "ESCP-4x";
              years = start_years_4x;
              n_years = G_N_ELEMENTS (start_years_4x);
            }
          else
            {
              programme = "Excellence";
              years = start_years_excellence;
              n_years = G_N_ELEMENTS (start_years_excellence);
            }

          if (n_years == 1)
            {
              period_start = _eccp_demo_julian_of (2016, 1, 1);
              period_end = _eccp_demo_julian_of (2017, 12, 31);
            }
          else
            {
              int month, year;

              /* the month first: the order GCC gave the draws when they
               * were both arguments of one call */
              month = start_months[_eccp_demo_pick (rand, G_N_ELEMENTS (start_months))];
              year = years[_eccp_demo_pick (rand, n_years)];

              period_start = _eccp_demo_julian_of (year, month, 1);
              g_date_clear (&date, 1);
              g_date_set_julian (&date, period_start);
              g_date_add_years (&date, 2 + _eccp_demo_pick (rand, 2));
              period_end = g_date_get_julian (&date) - 1;
            }
        }

      if (p < words->n_named_partnerships)
        {
          const EccpDemoNamedPartnership *named = &words->named_partnerships[p];

          name = g_strdup (named->name);
          acronym = g_strdup (named->acronym);
          description = g_strdup (named->description);
          targets = &named->targets;
          ecosystem2 = named->ecosystem2;
        }
      else
        {
          const EccpDemoRegion *region = &words->regions[_eccp_demo_pick (rand, words->n_regions)];
          const char *values[26] = { NULL };
          const char *template;

          values['S' - 'A'] = _eccp_demo_pick_sector_word (gen, rand, ecosystem);
          values['R' - 'A'] = region->name;
          if (g_str_equal (programme, "ESCP-4i"))
            {
              template = _eccp_demo_pick_word (rand, &words->partnerships_4i);
              targets = &region->countries;
            }
          else if (g_str_equal (programme, "ESCP-S3"))
            template = _eccp_demo_pick_word (rand, &words->partnerships_s3);
          else if (g_str_equal (programme, "ESCP-4x"))
            template = _eccp_demo_pick_word (rand, &words->partnerships_4x);
          else
            template = _eccp_demo_pick_word (rand, &words->partnerships_excellence);

          name = _eccp_demo_expand (template, values);
          acronym = make_partnership_acronym (values['S' - 'A'], programme);
          description = g_strdup_printf ("%s brings together %u clusters from across Europe. "
                                         "Together they build a joint strategy for their SME "
                                         "members and help them to %s.",
                                         name, n_members,
                                         _eccp_demo_pick_word (rand, &words->cluster_activities));
          if (_eccp_demo_chance (rand, 0.3))
            ecosystem2 = _eccp_demo_pick_ecosystem (gen, rand);
        }

      slug = _eccp_demo_make_slug (acronym, '-', 40);

      _eccp_demo_set_string (attributes, "name", name);
      _eccp_demo_set_string (attributes, "acronym", acronym);
      _eccp_demo_set_string (attributes, "programme", programme);
      _eccp_demo_take_string (attributes, "period_start", _eccp_demo_format_date (period_start));
      _eccp_demo_take_string (attributes, "period_end", _eccp_demo_format_date (period_end));
      _eccp_demo_set_string (attributes, "description", description);
      json_object_set_array_member (attributes, "target_countries",
                                    _eccp_demo_string_array (targets));
      list = json_array_new ();
      json_array_add_string_element (list, _eccp_demo_ecosystem_name (ecosystem));
      if (ecosystem2 < N_ECOSYSTEMS && ecosystem2 != ecosystem)
        json_array_add_string_element (list, _eccp_demo_ecosystem_name (ecosystem2));
      json_object_set_array_member (attributes, "ecosystems", list);
      _eccp_demo_take_string (attributes, "website",
                              g_strdup_printf ("https://www.%s.example.eu", slug));

      if (n_members > 0)
        {
          _eccp_demo_make_id (gen, id, "cluster", members[0]);
          _eccp_demo_relate_one (relationships, "coordinator", "cluster", id);
        }
      list = json_array_new ();
      for (guint i = 1; i < n_members; i++)
        {
          _eccp_demo_make_id (gen, id, "cluster", members[i]);
          json_array_add_element (list, eccp_json_identifier_new ("cluster", id));
        }
      _eccp_demo_relate_many (relationships, "members", list);

      if (!_eccp_demo_emit (gen, resource, "published", NULL, error))
        return FALSE;
    }

  return TRUE;
}
