/* eccp-demo-people.c: the demo set's attendees, meetings and check-ins
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-demo-private.h"

#include "eccp-date.h"

/* ------------------------------------------------------------------------
 * Attendees, meetings, check-ins
 * ------------------------------------------------------------------------ */

static gboolean
emit_attendee (EccpDemoGen  *gen,
               guint         event,
               guint         index,
               const char   *name,
               const char   *organisation,
               const char   *country,
               const char   *role,
               gint          cluster,
               GError      **error)
{
  JsonObject *attributes, *relationships, *resource;
  g_autofree char *local = _eccp_demo_make_slug (name, '.', 40);
  g_autofree char *domain = _eccp_demo_make_slug (organisation, '-', 40);
  char id[37];

  _eccp_demo_make_sub_id (gen, id, "attendee", event, index);
  resource = _eccp_demo_resource_new ("attendee", id, &attributes, &relationships);

  _eccp_demo_set_string (attributes, "name", name);
  _eccp_demo_set_string (attributes, "organisation", organisation);
  _eccp_demo_take_string (attributes, "email", g_strdup_printf ("%s@%s.example.eu", local, domain));
  _eccp_demo_set_string (attributes, "country", country);
  _eccp_demo_set_string (attributes, "role", role);

  _eccp_demo_make_id (gen, id, "event", event);
  _eccp_demo_relate_one (relationships, "event", "event", id);
  if (cluster >= 0)
    {
      _eccp_demo_make_id (gen, id, "cluster", cluster);
      _eccp_demo_relate_one (relationships, "cluster", "cluster", id);
    }

  return _eccp_demo_emit (gen, resource, NULL, NULL, error);
}

/* The 22 countries of the 2018 matchmaking: the ones with most clusters,
 * Spain (GAIA) first. */
static void
choose_eccp_countries (EccpDemoGen *gen,
                       guint        chosen[22])
{
  guint n_countries = gen->words->n_countries;
  g_autofree gboolean *taken = g_new0 (gboolean, n_countries);
  guint es = _eccp_demo_country_index (gen, "ES");

  chosen[0] = es;
  taken[es] = TRUE;

  for (guint n = 1; n < 22; n++)
    {
      guint best = n_countries;

      for (guint c = 0; c < n_countries; c++)
        {
          guint size = gen->country_start[c + 1] - gen->country_start[c];

          if (taken[c])
            continue;
          if (best == n_countries ||
              size > gen->country_start[best + 1] - gen->country_start[best])
            best = c;
        }

      chosen[n] = best;
      taken[best] = TRUE;
    }
}

static gint
pick_unused_cluster_of (EccpDemoGen *gen,
                        GRand       *rand,
                        guint        country,
                        GHashTable  *used)
{
  guint first = gen->country_start[country];
  guint n = gen->country_start[country + 1] - first;
  guint offset;

  if (n == 0)
    return -1;

  offset = _eccp_demo_pick (rand, n);
  for (guint i = 0; i < n; i++)
    {
      guint cluster = gen->country_clusters[first + (offset + i) % n];

      if (!g_hash_table_contains (used, GUINT_TO_POINTER (cluster + 1)))
        return cluster;
    }

  return -1;
}

static gboolean
emit_event_attendees (EccpDemoGen  *gen,
                      GRand        *rand,
                      guint         e,
                      GError      **error)
{
  static const char * const roles[] = { "participant", "speaker", "staff" };
  static const guint role_weights[] = { 88, 7, 5 };
  const EccpDemoWords *words = gen->words;
  const EccpDemoEventPlan *plan = &gen->events[e];
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  guint eccp_countries[22];

  if (plan->mode == ATTENDEES_22_COUNTRIES)
    choose_eccp_countries (gen, eccp_countries);

  for (guint k = 0; k < plan->n_attendees; k++)
    {
      g_autofree char *name = NULL;
      g_autofree char *organisation = NULL;
      const char *role = roles[_eccp_demo_pick_weighted (rand, role_weights, sizeof (guint),
                                                         G_N_ELEMENTS (role_weights), 100)];
      guint country;
      gint cluster = -1;

      if (k == 0 && plan->named != NULL && plan->named->first_name != NULL)
        {
          const EccpDemoNamedEvent *named = plan->named;
          const EccpDemoNamedCluster *from = &words->named_clusters[named->first_cluster];

          g_hash_table_add (used, GUINT_TO_POINTER (named->first_cluster + 1));
          if (!emit_attendee (gen, e, k, named->first_name, from->name, from->country,
                              named->first_role, named->first_cluster, error))
            return FALSE;
          continue;
        }

      switch (plan->mode)
        {
        case ATTENDEES_22_COUNTRIES:
          /* every one of the 22 countries, each person from another cluster */
          country = eccp_countries[k % 22];
          cluster = pick_unused_cluster_of (gen, rand, country, used);
          role = "participant";
          break;

        case ATTENDEES_MINISTRIES:
          country = k % N_EU_POLICY_FORUM;
          organisation = g_strdup_printf ("Ministry of Economy (%s)",
                                          words->countries[country].name);
          break;

        case ATTENDEES_CLUSTERS:
        default:
          country = _eccp_demo_pick_country (gen, rand);
          if (_eccp_demo_chance (rand, 0.85))
            {
              for (guint attempt = 0; attempt < 5 && cluster < 0; attempt++)
                {
                  guint c = _eccp_demo_pick (rand, gen->n_clusters);

                  if (!g_hash_table_contains (used, GUINT_TO_POINTER (c + 1)))
                    cluster = c;
                }
            }
          break;
        }

      if (cluster >= 0)
        {
          country = gen->cluster_country[cluster];
          g_hash_table_add (used, GUINT_TO_POINTER (cluster + 1));
          organisation = g_strdup (gen->cluster_name[cluster]);
        }
      else if (organisation == NULL)
        {
          /* the city first: the order GCC gave the draws as arguments */
          const char *city = _eccp_demo_pick_word (rand, &words->countries[country].cities);
          const char *body = _eccp_demo_pick_word (rand, &words->organisations_without_cluster);

          organisation = g_strdup_printf ("%s %s", body, city);
        }

      name = _eccp_demo_make_person (gen, rand, words->countries[country].language);
      if (!emit_attendee (gen, e, k, name, organisation, words->countries[country].code, role,
                          cluster, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_eccp_demo_emit_attendees (EccpDemoGen  *gen,
                           GError      **error)
{
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_ATTENDEES);

  for (guint e = 0; e < gen->n_events; e++)
    {
      if (!emit_event_attendees (gen, rand, e, error))
        return FALSE;
    }

  return TRUE;
}

static void
slot_time (guint  slot,
           guint *day,
           int   *hour,
           int   *minute)
{
  guint i = slot % SLOTS_PER_DAY;
  guint minutes = (i < SLOTS_PER_DAY / 2 ? 9 * 60 + i * SLOT_MINUTES
                                         : 14 * 60 + (i - SLOTS_PER_DAY / 2) * SLOT_MINUTES);

  *day = slot / SLOTS_PER_DAY;
  *hour = minutes / 60;
  *minute = minutes % 60;
}

static const char *
meeting_status (EccpDemoGen             *gen,
                GRand                   *rand,
                const EccpDemoEventPlan *plan)
{
  guint r = _eccp_demo_pick (rand, 100);

  if (plan->julian < gen->reference_julian)
    return r < 82 ? "accepted" : r < 90 ? "declined" : r < 96 ? "cancelled" : "requested";

  return r < 55 ? "accepted" : r < 95 ? "requested" : "declined";
}

/* Bilateral meetings of a matchmaking event: no attendee and no table in
 * two meetings of the same slot, whatever their status. */
static gboolean
emit_event_meetings (EccpDemoGen  *gen,
                     GRand        *rand,
                     guint         e,
                     GError      **error)
{
  const EccpDemoEventPlan *plan = &gen->events[e];
  guint n_attendees = plan->n_attendees;
  guint n_slots = plan->n_days * SLOTS_PER_DAY;
  guint n_tables = MAX (5, n_attendees / 3 + 2);
  g_autofree guint8 *busy = NULL;
  g_autofree guint *tables = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  char event_id[37];
  guint made = 0;

  if (!plan->matchmaking || n_attendees < 2 || plan->n_meetings == 0)
    return TRUE;

  busy = g_new0 (guint8, (gsize) n_attendees * n_slots);
  tables = g_new0 (guint, n_slots);
  pairs = g_hash_table_new (NULL, NULL);
  _eccp_demo_make_id (gen, event_id, "event", e);

  for (guint attempt = 0; made < plan->n_meetings && attempt < plan->n_meetings * 50; attempt++)
    {
      guint a = _eccp_demo_pick (rand, n_attendees);
      guint b = _eccp_demo_pick (rand, n_attendees);
      guint first_slot, slot = G_MAXUINT;
      gpointer pair;

      if (a == b)
        continue;
      pair = GUINT_TO_POINTER (MIN (a, b) * 65536 + MAX (a, b) + 1);
      if (g_hash_table_contains (pairs, pair))
        continue;

      first_slot = _eccp_demo_pick (rand, n_slots);
      for (guint i = 0; i < n_slots; i++)
        {
          guint s = (first_slot + i) % n_slots;

          if (!busy[a * n_slots + s] && !busy[b * n_slots + s] && tables[s] < n_tables)
            {
              slot = s;
              break;
            }
        }
      if (slot == G_MAXUINT)
        continue;

      busy[a * n_slots + slot] = busy[b * n_slots + slot] = 1;
      tables[slot]++;
      g_hash_table_add (pairs, pair);

      {
        JsonObject *attributes, *relationships, *resource;
        g_autoptr(GDateTime) starts = NULL;
        g_autoptr(GDateTime) ends = NULL;
        guint day;
        int hour, minute;
        char id[37];

        slot_time (slot, &day, &hour, &minute);

        _eccp_demo_make_sub_id (gen, id, "meeting", e, made);
        resource = _eccp_demo_resource_new ("meeting", id, &attributes, &relationships);
        starts = _eccp_demo_local_time (plan->zone, plan->julian + day, hour, minute);
        ends = g_date_time_add_minutes (starts, SLOT_MINUTES);
        _eccp_demo_take_string (attributes, "starts_at", eccp_date_time_format_rfc3339 (starts));
        _eccp_demo_take_string (attributes, "ends_at", eccp_date_time_format_rfc3339 (ends));
        _eccp_demo_take_string (attributes, "table", g_strdup_printf ("Table %u", tables[slot]));
        _eccp_demo_set_string (attributes, "status", meeting_status (gen, rand, plan));

        _eccp_demo_relate_one (relationships, "event", "event", event_id);
        _eccp_demo_make_sub_id (gen, id, "attendee", e, a);
        _eccp_demo_relate_one (relationships, "requester", "attendee", id);
        _eccp_demo_make_sub_id (gen, id, "attendee", e, b);
        _eccp_demo_relate_one (relationships, "invitee", "attendee", id);

        if (!_eccp_demo_emit (gen, resource, NULL, NULL, error))
          return FALSE;
      }

      made++;
    }

  if (made < plan->n_meetings && plan->named != NULL)
    g_warning ("Only %u of %u meetings fit event %u", made, plan->n_meetings, e);

  return TRUE;
}

gboolean
_eccp_demo_emit_meetings (EccpDemoGen  *gen,
                          GError      **error)
{
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_MEETINGS);

  for (guint e = 0; e < gen->n_events; e++)
    {
      if (!emit_event_meetings (gen, rand, e, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
emit_checkin (EccpDemoGen  *gen,
              guint         event,
              guint         index,
              guint         attendee,
              GDateTime    *at,
              const char   *device,
              gboolean      undo,
              GError      **error)
{
  JsonObject *attributes, *relationships, *resource;
  char id[37];

  _eccp_demo_make_sub_id (gen, id, "checkin", event, index);
  resource = _eccp_demo_resource_new ("checkin", id, &attributes, &relationships);
  _eccp_demo_take_string (attributes, "at", eccp_date_time_format_rfc3339 (at));
  _eccp_demo_set_string (attributes, "device", device);
  json_object_set_boolean_member (attributes, "undo", undo);

  _eccp_demo_make_id (gen, id, "event", event);
  _eccp_demo_relate_one (relationships, "event", "event", id);
  _eccp_demo_make_sub_id (gen, id, "attendee", event, attendee);
  _eccp_demo_relate_one (relationships, "attendee", "attendee", id);

  return _eccp_demo_emit (gen, resource, NULL, NULL, error);
}

/* A few people checked in at the door of each event that has happened; now
 * and then a desk undid a check-in of the wrong person. */
gboolean
_eccp_demo_emit_checkins (EccpDemoGen  *gen,
                          GError      **error)
{
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_CHECKINS);

  for (guint e = 0; e < gen->n_events; e++)
    {
      const EccpDemoEventPlan *plan = &gen->events[e];
      g_autoptr(GDateTime) opening = NULL;
      guint picked[8];
      guint n_wanted, n = 0, index = 0;

      if (plan->n_attendees == 0 || plan->julian >= gen->reference_julian)
        continue;

      n_wanted = MIN (plan->n_attendees, 3 + _eccp_demo_pick (rand, 6));
      while (n < n_wanted)
        {
          guint a = _eccp_demo_pick (rand, plan->n_attendees);

          if (!_eccp_demo_contains (picked, n, a))
            picked[n++] = a;
        }

      opening = _eccp_demo_local_time (plan->zone, plan->julian, 8, 15);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GDateTime) at = g_date_time_add_seconds (opening,
                                                             i * 150 + _eccp_demo_pick (rand, 120));
          const char *device = _eccp_demo_pick_word (rand, &gen->words->checkin_devices);

          if (!emit_checkin (gen, e, index++, picked[i], at, device, FALSE, error))
            return FALSE;

          if (_eccp_demo_chance (rand, 0.1))
            {
              g_autoptr(GDateTime) undo_at =
                g_date_time_add_seconds (at, 40 + _eccp_demo_pick (rand, 60));

              if (!emit_checkin (gen, e, index++, picked[i], undo_at, device, TRUE, error))
                return FALSE;
            }
        }
    }

  return TRUE;
}
