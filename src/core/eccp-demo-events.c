/* eccp-demo-events.c: the demo set's events and calls
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-demo-private.h"


/* ------------------------------------------------------------------------
 * Events
 * ------------------------------------------------------------------------ */

static const char *
upcoming_state (EccpDemoGen *gen,
                GRand       *rand,
                guint32      julian)
{
  if (julian >= gen->reference_julian)
    {
      guint r = _eccp_demo_pick (rand, 100);

      if (r < 4)
        return "needs_review";
      if (r < 6)
        return "draft";
    }

  return "published";
}

static gboolean
emit_named_event (EccpDemoGen  *gen,
                  guint         e,
                  GError      **error)
{
  const EccpDemoNamedEvent *named = &gen->words->named_events[e];
  EccpDemoEventPlan *plan = &gen->events[e];
  JsonObject *attributes, *relationships, *resource;
  char id[37];

  plan->julian = _eccp_demo_julian_of (named->year, named->month, named->day);
  plan->n_days = named->n_days;
  plan->zone = _eccp_demo_get_zone (gen, named->zone);
  plan->n_attendees = named->n_attendees;
  plan->n_meetings = named->n_meetings;
  plan->mode = named->mode;
  plan->matchmaking = g_str_equal (named->kind, "matchmaking");
  plan->named = named;

  _eccp_demo_make_id (gen, id, "event", e);
  resource = _eccp_demo_resource_new ("event", id, &attributes, &relationships);

  _eccp_demo_set_string (attributes, "title", named->title);
  _eccp_demo_set_string (attributes, "kind", named->kind);
  _eccp_demo_take_string (attributes, "starts_at",
                          _eccp_demo_format_local (plan->zone, plan->julian,
                                                   named->start_hour, named->start_minute));
  _eccp_demo_take_string (attributes, "ends_at",
                          _eccp_demo_format_local (plan->zone, plan->julian + named->n_days - 1,
                                                   named->end_hour, named->end_minute));
  _eccp_demo_set_string (attributes, "timezone", _eccp_demo_zone_name (gen, named->zone));
  _eccp_demo_set_string (attributes, "venue", named->venue);
  _eccp_demo_set_string (attributes, "city", named->city);
  _eccp_demo_set_string (attributes, "country", named->country);
  _eccp_demo_set_string (attributes, "organiser", named->organiser);
  _eccp_demo_set_string (attributes, "description", named->description);
  if (named->capacity > 0)
    json_object_set_int_member (attributes, "capacity", named->capacity);

  if (named->partnership >= 0 && (guint) named->partnership < gen->n_partnerships)
    {
      _eccp_demo_make_id (gen, id, "partnership", named->partnership);
      _eccp_demo_relate_one (relationships, "partnership", "partnership", id);
    }

  return _eccp_demo_emit (gen, resource, "published", NULL, error);
}

static gboolean
emit_event (EccpDemoGen  *gen,
            GRand        *rand,
            guint         e,
            GError      **error)
{
  static const char * const kinds[] = { "matchmaking", "conference", "webinar", "mission", "other" };
  static const guint kind_weights[] = { 30, 30, 25, 8, 7 };
  const EccpDemoWords *words = gen->words;
  EccpDemoEventPlan *plan = &gen->events[e];
  const char *kind = kinds[_eccp_demo_pick_weighted (rand, kind_weights, sizeof (guint),
                                                     G_N_ELEMENTS (kind_weights), 100)];
  const char *values[26] = { NULL };
  const char *zone_id;
  const char *country_code = NULL;
  const char *city = NULL;
  const char *country_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *venue = NULL;
  g_autofree char *year = NULL;
  g_autofree char *slug = NULL;
  const char *sector;
  guint ecosystem = _eccp_demo_pick_ecosystem (gen, rand);
  int start_hour = 9, start_minute = 0, end_hour = 17, end_minute = 30;
  double partnership_chance = 0.1;
  guint capacity;
  JsonObject *attributes, *relationships, *resource;
  char id[37];

  plan->julian = _eccp_demo_pick_working_day (rand);
  plan->mode = ATTENDEES_CLUSTERS;
  plan->matchmaking = g_str_equal (kind, "matchmaking");
  sector = _eccp_demo_pick_sector_word (gen, rand, ecosystem);
  year = g_strdup_printf ("%d", _eccp_demo_year_of (plan->julian));

  if (g_str_equal (kind, "webinar"))
    {
      zone_id = PORTAL_ZONE;
      plan->n_days = 1;
      start_hour = 10 + _eccp_demo_pick (rand, 5);
      end_hour = start_hour + 1;
      end_minute = _eccp_demo_pick (rand, 2) * 30;
    }
  else if (g_str_equal (kind, "mission"))
    {
      const EccpDemoDestination *destination =
        &words->destinations[_eccp_demo_pick (rand, words->n_destinations)];

      zone_id = destination->zone;
      country_code = destination->code;
      city = destination->city;
      country_name = destination->name;
      plan->n_days = 3 + _eccp_demo_pick (rand, 4);
      end_hour = 18;
      end_minute = 0;
      partnership_chance = 0.6;
    }
  else
    {
      const EccpDemoCountry *country = &words->countries[_eccp_demo_pick_country (gen, rand)];

      zone_id = country->zone;
      country_code = country->code;
      city = _eccp_demo_pick_word (rand, &country->cities);
      country_name = country->name;
      if (plan->matchmaking)
        {
          plan->n_days = 1 + _eccp_demo_pick (rand, 3);
          partnership_chance = 0.2;
        }
      else if (g_str_equal (kind, "conference"))
        {
          plan->n_days = 1 + _eccp_demo_pick (rand, 2);
        }
      else
        {
          plan->n_days = 1;
          start_hour = 10;
          end_hour = 16;
          end_minute = 0;
        }
    }

  plan->zone = _eccp_demo_get_zone (gen, zone_id);

  values['S' - 'A'] = sector;
  values['P' - 'A'] = city;
  values['Y' - 'A'] = year;
  values['C' - 'A'] = country_name;
  if (g_str_equal (kind, "matchmaking"))
    title = _eccp_demo_expand (_eccp_demo_pick_word (rand, &words->matchmaking_titles), values);
  else if (g_str_equal (kind, "conference"))
    title = _eccp_demo_expand (_eccp_demo_pick_word (rand, &words->conference_titles), values);
  else if (g_str_equal (kind, "webinar"))
    title = g_strconcat ("ECCP Webinar: ", _eccp_demo_pick_word (rand, &words->webinar_topics), NULL);
  else if (g_str_equal (kind, "mission"))
    title = _eccp_demo_expand (words->mission_title, values);
  else
    title = _eccp_demo_expand (_eccp_demo_pick_word (rand, &words->other_titles), values);

  if (g_str_equal (kind, "matchmaking") || g_str_equal (kind, "conference"))
    {
      double u = g_rand_double (rand);

      /* 20–130, about 40 on average */
      plan->n_attendees = 20 + (guint) (110 * u * u * u * u);
      if (plan->matchmaking)
        plan->n_meetings = (guint) (plan->n_attendees * (0.8 + 1.2 * g_rand_double (rand)));
      capacity = (plan->n_attendees / 10 + 1 + _eccp_demo_pick (rand, 6)) * 10;
      venue = _eccp_demo_expand (_eccp_demo_pick_word (rand, &words->venues), values);
    }
  else if (g_str_equal (kind, "webinar"))
    capacity = 100 * (1 + _eccp_demo_pick (rand, 5));
  else if (g_str_equal (kind, "mission"))
    capacity = 10 + _eccp_demo_pick (rand, 21);
  else
    {
      capacity = 30 + 10 * _eccp_demo_pick (rand, 12);
      venue = _eccp_demo_expand (_eccp_demo_pick_word (rand, &words->venues), values);
    }

  _eccp_demo_make_id (gen, id, "event", e);
  resource = _eccp_demo_resource_new ("event", id, &attributes, &relationships);

  _eccp_demo_set_string (attributes, "title", title);
  _eccp_demo_set_string (attributes, "kind", kind);
  _eccp_demo_take_string (attributes, "starts_at",
                          _eccp_demo_format_local (plan->zone, plan->julian, start_hour, start_minute));
  _eccp_demo_take_string (attributes, "ends_at",
                          _eccp_demo_format_local (plan->zone, plan->julian + plan->n_days - 1,
                                                   end_hour, end_minute));
  _eccp_demo_set_string (attributes, "timezone", _eccp_demo_zone_name (gen, zone_id));
  _eccp_demo_set_string (attributes, "venue", venue);
  _eccp_demo_set_string (attributes, "city", city);
  _eccp_demo_set_string (attributes, "country", country_code);
  if (_eccp_demo_chance (rand, 0.4))
    _eccp_demo_set_string (attributes, "organiser",
                           gen->cluster_name[_eccp_demo_pick (rand, gen->n_clusters)]);
  else
    _eccp_demo_set_string (attributes, "organiser",
                           _eccp_demo_pick_word (rand, &words->event_organisers));
  _eccp_demo_take_string (attributes, "description",
                          g_strdup_printf ("%s: %s clusters and their SME members meet to %s.\n\n"
                                           "Registration is free of charge; places are limited to %u.",
                                           title, sector,
                                           _eccp_demo_pick_word (rand, &words->cluster_activities),
                                           capacity));
  slug = _eccp_demo_make_slug (title, '-', 60);
  _eccp_demo_take_string (attributes, "registration_url",
                          g_strdup_printf ("https://events.example.eu/%s", slug));
  json_object_set_int_member (attributes, "capacity", capacity);

  if (_eccp_demo_chance (rand, partnership_chance))
    {
      _eccp_demo_make_id (gen, id, "partnership", _eccp_demo_pick (rand, gen->n_partnerships));
      _eccp_demo_relate_one (relationships, "partnership", "partnership", id);
    }

  return _eccp_demo_emit (gen, resource, upcoming_state (gen, rand, plan->julian), NULL, error);
}

gboolean
_eccp_demo_emit_events (EccpDemoGen  *gen,
                        GError      **error)
{
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_EVENTS);

  for (guint e = 0; e < gen->n_events; e++)
    {
      gboolean ok;

      if (e < gen->words->n_named_events)
        ok = emit_named_event (gen, e, error);
      else
        ok = emit_event (gen, rand, e, error);

      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Calls
 * ------------------------------------------------------------------------ */

static const char *
pick_programme (EccpDemoGen *gen,
                GRand       *rand,
                int          year)
{
  if (year < 2021)
    return _eccp_demo_pick_word (rand, &gen->words->programmes_before_2021);

  return _eccp_demo_pick_word (rand, &gen->words->programmes_from_2021);
}

gboolean
_eccp_demo_emit_calls (EccpDemoGen  *gen,
                       GError      **error)
{
  const EccpDemoWords *words = gen->words;
  g_autoptr(GRand) rand = _eccp_demo_phase_rand (PHASE_CALLS);
  GTimeZone *portal_zone = _eccp_demo_get_zone (gen, PORTAL_ZONE);

  for (guint c = 0; c < gen->n_calls; c++)
    {
      JsonObject *attributes, *relationships, *resource;
      JsonArray *deadlines = json_array_new ();
      JsonArray *list;
      g_autofree char *title = NULL;
      g_autofree char *slug = NULL;
      const char *programme;
      const char *description = NULL;
      guint ecosystem = N_ECOSYSTEMS;
      guint32 opens = 0;
      int year;
      char id[37];

      _eccp_demo_make_id (gen, id, "call", c);
      resource = _eccp_demo_resource_new ("call", id, &attributes, &relationships);

      if (c < words->n_named_calls)
        {
          const EccpDemoNamedCall *named = &words->named_calls[c];

          title = g_strdup (named->title);
          programme = named->programme;
          description = named->description;
          ecosystem = named->ecosystem;
          year = named->year;
          _eccp_demo_add_string_take (deadlines,
                                      _eccp_demo_format_local (_eccp_demo_get_zone (gen, named->zone),
                                                               _eccp_demo_julian_of (named->year,
                                                                                     named->month,
                                                                                     named->day),
                                                               named->hour, named->minute));
        }
      else
        {
          const char *values[26] = { NULL };
          g_autofree char *year_text = NULL;
          guint n_deadlines = _eccp_demo_chance (rand, 0.2) ? 2 + _eccp_demo_pick (rand, 3) : 1;
          guint32 deadline;

          opens = _eccp_demo_pick_working_day (rand);
          year = _eccp_demo_year_of (opens);
          year_text = g_strdup_printf ("%d", year);
          programme = pick_programme (gen, rand, year);
          ecosystem = _eccp_demo_pick_ecosystem (gen, rand);
          values['G' - 'A'] = programme;
          values['S' - 'A'] = _eccp_demo_pick_sector_word (gen, rand, ecosystem);
          values['Y' - 'A'] = year_text;
          title = _eccp_demo_expand (_eccp_demo_pick_word (rand, &words->call_titles), values);

          /* several cut-off dates for some calls */
          deadline = opens + 30 + _eccp_demo_pick (rand, 90);
          for (guint i = 0; i < n_deadlines; i++)
            {
              _eccp_demo_add_string_take (deadlines,
                                          _eccp_demo_format_local (portal_zone, deadline, 17, 0));
              deadline += 45 + _eccp_demo_pick (rand, 60);
            }
        }

      slug = _eccp_demo_make_slug (title, '-', 60);

      _eccp_demo_set_string (attributes, "title", title);
      _eccp_demo_set_string (attributes, "programme", programme);
      _eccp_demo_take_string (attributes, "url",
                              g_strdup_printf ("https://calls.example.eu/%d/%s", year, slug));
      if (description != NULL)
        _eccp_demo_set_string (attributes, "description", description);
      else
        _eccp_demo_take_string (attributes, "description",
                                g_strdup_printf ("%s. Applicants are clusters and consortia of SMEs that "
                                                 "want to %s.\n\nRead the guide for applicants before "
                                                 "you submit.", title,
                                                 _eccp_demo_pick_word (rand, &words->cluster_activities)));
      if (opens != 0)
        _eccp_demo_take_string (attributes, "opens_at",
                                _eccp_demo_format_local (portal_zone, opens, 9, 0));
      json_object_set_array_member (attributes, "deadlines", deadlines);
      if (c >= words->n_named_calls)
        json_object_set_int_member (attributes, "budget_eur",
                                    (gint64) (5 + _eccp_demo_pick (rand, 2000)) * 10000);

      if (c >= words->n_named_calls && _eccp_demo_chance (rand, 0.4))
        {
          guint n = 3 + _eccp_demo_pick (rand, 6);
          guint first = _eccp_demo_pick (rand, words->n_countries);

          list = json_array_new ();
          for (guint i = 0; i < n; i++)
            json_array_add_string_element (list,
                                           words->countries[(first + i) % words->n_countries].code);
          json_object_set_array_member (attributes, "eligible_countries", list);
        }

      list = json_array_new ();
      if (ecosystem < N_ECOSYSTEMS)
        json_array_add_string_element (list, _eccp_demo_ecosystem_name (ecosystem));
      json_object_set_array_member (attributes, "ecosystems", list);

      if (!_eccp_demo_emit (gen, resource,
                            opens != 0 ? upcoming_state (gen, rand, opens) : "published", NULL, error))
        return FALSE;
    }

  return TRUE;
}
