/* bench-venue-data.c: an event at a venue's scale, for the benchmarks
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-venue-data.h"

#include "eccp-json.h"

static const char * const venue_first[] = {
  "Željko", "Anna", "Łukasz", "Søren", "Zoë", "Miguel", "Ioana", "Jürgen", "Agnieszka", "Bob",
  "Éloïse", "Dragoș", "Ásgeir", "Chloé", "Tomáš", "Marta", "Kęstutis", "Nuño", "Aino", "Paweł",
};
static const char * const venue_last[] = {
  "Erkapić", "Müller", "Kowalska", "Østergaard", "Dragomir", "Lefèvre", "Nowak", "Šimunović",
  "García", "Smith", "Ó Briain", "Wiśniewski", "Jørgensen", "Popescu", "Håkansson", "Dvořák",
  "Papadopoulou", "Kovač", "Straße", "Björk", "Virtanen", "Rossi", "De Vries", "Horváth",
  "Novák", "Ionescu", "Kamińska", "Łęcki", "Fernández", "Schäfer",
};
static const char * const venue_organisations[] = {
  "Politechnika Łódzka", "Fraunhofer IPA", "Klaster Kraków", "Digital Hub Göteborg",
  "Chamber of Commerce München", "Universitatea Politehnica București", "Tech Park Zagreb",
  "Agri-food Cluster Córdoba", "Health Valley Århus", "Mobility Cluster Île-de-France",
};

static void
add_venue_record (JsonArray  *data,
                  const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = eccp_json_node_from_string (json, &error);

  if (node == NULL)
    g_error ("%s", error->message);
  json_array_add_element (data, node);
}

/* Imports @data (taken) as a sync would have brought it. */
static void
import_records (EccpStore *store,
                JsonArray *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) document = json_node_new (JSON_NODE_OBJECT);

  json_object_set_array_member (root, "data", data);
  json_node_set_object (document, root);
  if (!eccp_store_import_document (store, document, NULL, &error))
    g_error ("venue import: %s", error->message);
}

/* The event, @n attendees, and check-ins for three in four of them (one in
 * ten of those undone), as a sync would have brought them. */
void
bench_fill_venue (EccpStore  *store,
                  const char *event_id,
                  guint       n)
{
  JsonArray *data = json_array_new ();
  g_autofree char *event = NULL;

  event = g_strdup_printf ("{\"type\": \"event\", \"id\": \"%s\","
                           " \"attributes\": {\"title\": \"Matchmaking Kraków\", \"kind\": \"matchmaking\","
                           "  \"timezone\": \"Europe/Warsaw\", \"starts_at\": \"2026-06-04T09:00:00+02:00\","
                           "  \"ends_at\": \"2026-06-04T17:00:00+02:00\"}, \"meta\": {\"rev\": 1}}",
                           event_id);
  add_venue_record (data, event);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *attendee = NULL;

      attendee = g_strdup_printf ("{\"type\": \"attendee\", \"id\": \"a%07u-0000-4000-8000-000000000000\","
                                  " \"attributes\": {\"name\": \"%s %s\", \"organisation\": \"%s\","
                                  "  \"country\": \"PL\", \"role\": \"participant\"},"
                                  " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}}},"
                                  " \"meta\": {\"rev\": 1}}",
                                  i, venue_first[i % G_N_ELEMENTS (venue_first)],
                                  venue_last[(i / G_N_ELEMENTS (venue_first)) % G_N_ELEMENTS (venue_last)],
                                  venue_organisations[i % G_N_ELEMENTS (venue_organisations)], event_id);
      add_venue_record (data, attendee);

      if (i % 4 == 3)
        continue;

      for (guint k = 0; k < (i % 10 == 0 ? 2u : 1u); k++)
        {
          g_autofree char *checkin = NULL;

          checkin = g_strdup_printf ("{\"type\": \"checkin\", \"id\": \"c%07u-000%u-4000-8000-000000000000\","
                                     " \"attributes\": {\"at\": \"2026-06-04T08:%02u:%02u.000+02:00\","
                                     "  \"device\": \"Entrance %c\", \"undo\": %s},"
                                     " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}},"
                                     "  \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"a%07u-0000-4000-8000-000000000000\"}}},"
                                     " \"meta\": {\"rev\": 1}}",
                                     i, k, (i / 60) % 60, i % 60 + k, 'A' + i % 2, k == 1 ? "true" : "false", event_id, i);
          add_venue_record (data, checkin);
        }
    }

  import_records (store, data);
}

void
bench_fill_meetings (EccpStore  *store,
                     const char *event_id,
                     guint       n_attendees,
                     guint       n_tables,
                     guint       n_slots)
{
  JsonArray *data = json_array_new ();
  static const char * const statuses[] = { "accepted", "accepted", "accepted", "requested", "declined", "cancelled" };

  for (guint s = 0; s < n_slots; s++)
    for (guint t = 0; t < n_tables; t++)
      {
        guint m = s * n_tables + t;
        guint minutes = 8 * 60 + s * 20;
        g_autofree char *meeting = NULL;

        /* Two of the event's attendees (bench_fill_venue's ids); the grid
         * draws what the store holds, double bookings or not. */
        meeting = g_strdup_printf ("{\"type\": \"meeting\", \"id\": \"d%07u-0000-4000-8000-000000000000\","
                                   " \"attributes\": {\"starts_at\": \"2026-06-04T%02u:%02u:00+02:00\","
                                   "  \"ends_at\": \"2026-06-04T%02u:%02u:00+02:00\", \"table\": \"%u\","
                                   "  \"status\": \"%s\"},"
                                   " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"%s\"}},"
                                   "  \"requester\": {\"data\": {\"type\": \"attendee\", \"id\": \"a%07u-0000-4000-8000-000000000000\"}},"
                                   "  \"invitee\": {\"data\": {\"type\": \"attendee\", \"id\": \"a%07u-0000-4000-8000-000000000000\"}}},"
                                   " \"meta\": {\"rev\": 1}}",
                                   m, minutes / 60, minutes % 60, (minutes + 20) / 60, (minutes + 20) % 60,
                                   t + 1, statuses[m % G_N_ELEMENTS (statuses)], event_id,
                                   (2 * m) % n_attendees, (2 * m + 1) % n_attendees);
        add_venue_record (data, meeting);
      }

  import_records (store, data);
}
