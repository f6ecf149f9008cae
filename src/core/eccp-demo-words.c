/* eccp-demo-words.c: the demo generator's words, read once from data
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-demo-private.h"

#include "eccp-core-resources.h"
#include "eccp-field-spec.h"

#include <stdio.h>
#include <string.h>

/* data/demo-words.json, compiled into the core (src/core/meson.build).  It
 * is parsed on the first use into the plain arrays of EccpDemoWords, which
 * the generator indexes per record; the parsed tree is kept for good, since
 * the arrays point at its strings.  The file is part of the program, so a
 * mistake in it is a programming error: g_error() says where. */
#define WORDS_RESOURCE "/eu/clustercollaboration/Desk/core/demo-words.json"

static JsonNode *
member (JsonObject   *object,
        const char   *name,
        JsonNodeType  type,
        gboolean      optional)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && optional)
    return NULL;
  if (node == NULL || JSON_NODE_TYPE (node) != type)
    g_error ("demo-words.json: “%s” is missing or of the wrong type", name);

  return node;
}

static const char *
read_string (JsonObject *object,
             const char *name)
{
  JsonNode *node = member (object, name, JSON_NODE_VALUE, TRUE);

  return node != NULL ? json_node_get_string (node) : NULL;
}

static gint64
read_int (JsonObject *object,
          const char *name)
{
  JsonNode *node = member (object, name, JSON_NODE_VALUE, TRUE);

  return node != NULL ? json_node_get_int (node) : 0;
}

static JsonArray *
read_array (JsonObject *object,
            const char *name)
{
  return json_node_get_array (member (object, name, JSON_NODE_ARRAY, FALSE));
}

/* An absent list is an empty one. */
static void
read_list (JsonObject   *object,
           const char   *name,
           EccpDemoList *list)
{
  JsonNode *node = member (object, name, JSON_NODE_ARRAY, TRUE);
  JsonArray *array;

  list->items = NULL;
  list->n = 0;
  if (node == NULL)
    return;

  array = json_node_get_array (node);
  list->n = json_array_get_length (array);
  list->items = g_new (const char *, list->n + 1);
  for (guint i = 0; i < list->n; i++)
    {
      list->items[i] = json_array_get_string_element (array, i);
      if (list->items[i] == NULL)
        g_error ("demo-words.json: “%s” holds something other than strings", name);
    }
  list->items[list->n] = NULL;
}

static void
read_list_of (JsonObject   *object,
              const char   *name,
              guint         n_wanted,
              EccpDemoList *list)
{
  read_list (object, name, list);
  if (list->n != n_wanted)
    g_error ("demo-words.json: “%s” has %u words, not %u", name, list->n, n_wanted);
}

static guint
ecosystem_index (const char *name)
{
  const char * const *all = eccp_industrial_ecosystems ();

  for (guint i = 0; i < N_ECOSYSTEMS; i++)
    {
      if (g_strcmp0 (all[i], name) == 0)
        return i;
    }

  g_error ("demo-words.json: “%s” is not an industrial ecosystem", name);
}

/* "ecosystems": one or two names; *@second is N_ECOSYSTEMS when there is
 * one, *@first too when there is none. */
static void
read_ecosystems (JsonObject *object,
                 guint      *first,
                 guint      *second)
{
  EccpDemoList names;

  read_list (object, "ecosystems", &names);
  *first = names.n > 0 ? ecosystem_index (names.items[0]) : N_ECOSYSTEMS;
  *second = names.n > 1 ? ecosystem_index (names.items[1]) : N_ECOSYSTEMS;
  g_free (names.items);
}

static guint
index_of (JsonArray  *array,
          const char *key,
          const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, key, NULL), value) == 0)
        return i;
    }

  g_error ("demo-words.json: no %s “%s”", key, value);
}

static void
read_ecosystem_words (EccpDemoWords *words,
                      JsonObject    *root)
{
  JsonArray *array = read_array (root, "ecosystems");

  if (json_array_get_length (array) != N_ECOSYSTEMS ||
      ecosystem_index ("Cross-ecosystem") != ECO_CROSS)
    g_error ("demo-words.json: the ecosystems are not those of the field specs");

  for (guint i = 0; i < N_ECOSYSTEMS; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (ecosystem_index (read_string (object, "name")) != i)
        g_error ("demo-words.json: the ecosystems are not in the field specs' order");
      words->ecosystem_weights[i] = read_int (object, "weight");
      read_list (object, "sector_words", &words->sector_words[i]);
    }
}

static void
read_languages (EccpDemoWords *words,
                JsonArray     *array)
{
  words->n_languages = json_array_get_length (array);
  words->languages = g_new0 (EccpDemoLanguage, words->n_languages);

  for (guint i = 0; i < words->n_languages; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      EccpDemoLanguage *language = &words->languages[i];
      const char *sexes = read_string (object, "sexes");

      read_list_of (object, "first_names", 8, &language->first_names);
      read_list_of (object, "surnames", 8, &language->surnames);
      read_list (object, "women_surnames", &language->women_surnames);
      if (language->women_surnames.n != 0 && language->women_surnames.n != 8)
        g_error ("demo-words.json: “women_surnames” has not 8 words");
      if (sexes == NULL || strlen (sexes) != 8)
        g_error ("demo-words.json: “sexes” is not 8 letters");
      for (guint k = 0; k < 8; k++)
        {
          if (sexes[k] == 'f')
            language->female |= 1 << k;
        }

      read_list (object, "cluster_names", &language->cluster_names);
      if (language->cluster_names.n > 0)
        {
          EccpDemoList sectors;

          read_list_of (object, "sectors", N_ECOSYSTEMS, &sectors);
          language->sectors = sectors.items;
        }
    }
}

static void
read_places (EccpDemoWords *words,
             JsonObject    *root)
{
  JsonArray *languages = read_array (root, "languages");
  JsonArray *array = read_array (root, "countries");

  words->n_countries = json_array_get_length (array);
  /* the plans keep a country in a guint8 */
  if (words->n_countries == 0 || words->n_countries > G_MAXUINT8)
    g_error ("demo-words.json: 1 to 255 countries");
  words->countries = g_new0 (EccpDemoCountry, words->n_countries);
  for (guint i = 0; i < words->n_countries; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      EccpDemoCountry *country = &words->countries[i];

      country->code = read_string (object, "code");
      country->name = read_string (object, "name");
      country->zone = read_string (object, "zone");
      country->phone = read_string (object, "phone");
      country->language = index_of (languages, "code", read_string (object, "language"));
      country->weight = read_int (object, "weight");
      read_list (object, "cities", &country->cities);
    }

  array = read_array (root, "destinations");
  words->n_destinations = json_array_get_length (array);
  words->destinations = g_new0 (EccpDemoDestination, words->n_destinations);
  for (guint i = 0; i < words->n_destinations; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      EccpDemoDestination *destination = &words->destinations[i];

      destination->code = read_string (object, "code");
      destination->name = read_string (object, "name");
      destination->zone = read_string (object, "zone");
      destination->city = read_string (object, "city");
    }

  array = read_array (root, "target_regions");
  words->n_regions = json_array_get_length (array);
  words->regions = g_new0 (EccpDemoRegion, words->n_regions);
  for (guint i = 0; i < words->n_regions; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      words->regions[i].name = read_string (object, "name");
      read_list (object, "countries", &words->regions[i].countries);
    }
}

static void
read_named_clusters (EccpDemoWords *words,
                     JsonArray     *array)
{
  words->n_named_clusters = json_array_get_length (array);
  words->named_clusters = g_new0 (EccpDemoNamedCluster, words->n_named_clusters);

  for (guint i = 0; i < words->n_named_clusters; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      JsonObject *members = json_node_get_object (member (object, "members",
                                                          JSON_NODE_OBJECT, FALSE));
      EccpDemoNamedCluster *named = &words->named_clusters[i];

      named->name = read_string (object, "name");
      named->acronym = read_string (object, "acronym");
      named->country = read_string (object, "country");
      named->city = read_string (object, "city");
      read_ecosystems (object, &named->ecosystem, &named->ecosystem2);
      named->manager_name = read_string (object, "manager_name");
      named->slug = read_string (object, "slug");
      named->founded = read_int (object, "founded");
      named->fte = json_node_get_double (member (object, "management_fte",
                                                 JSON_NODE_VALUE, FALSE));
      named->sme = read_int (members, "sme");
      named->large = read_int (members, "large");
      named->research = read_int (members, "research");
      named->other = read_int (members, "other");
      named->label = read_string (object, "label");
      named->label_valid_until = read_string (object, "label_valid_until");
      named->description = read_string (object, "description");
      named->legacy_id = read_int (object, "eccp_legacy_id");
    }
}

static void
read_named_partnerships (EccpDemoWords *words,
                         JsonArray     *array)
{
  words->n_named_partnerships = json_array_get_length (array);
  words->named_partnerships = g_new0 (EccpDemoNamedPartnership, words->n_named_partnerships);

  for (guint i = 0; i < words->n_named_partnerships; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      EccpDemoNamedPartnership *named = &words->named_partnerships[i];

      named->name = read_string (object, "name");
      named->acronym = read_string (object, "acronym");
      read_ecosystems (object, &named->ecosystem, &named->ecosystem2);
      read_list (object, "target_countries", &named->targets);
      named->description = read_string (object, "description");
    }
}

static void
read_time (JsonObject *object,
           const char *name,
           int        *hour,
           int        *minute)
{
  const char *text = read_string (object, name);

  if (text == NULL || sscanf (text, "%d:%d", hour, minute) != 2)
    g_error ("demo-words.json: “%s” is not HH:MM", name);
}

static void
read_named_events (EccpDemoWords *words,
                   JsonObject    *root)
{
  JsonArray *clusters = read_array (root, "named_clusters");
  JsonArray *partnerships = read_array (root, "named_partnerships");
  JsonArray *array = read_array (root, "named_events");

  words->n_named_events = json_array_get_length (array);
  words->named_events = g_new0 (EccpDemoNamedEvent, words->n_named_events);

  for (guint i = 0; i < words->n_named_events; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      JsonNode *first = member (object, "first_attendee", JSON_NODE_OBJECT, TRUE);
      EccpDemoNamedEvent *named = &words->named_events[i];
      const char *date = read_string (object, "date");
      const char *partnership = read_string (object, "partnership");
      const char *from = read_string (object, "attendees_from");

      named->title = read_string (object, "title");
      named->kind = read_string (object, "kind");
      named->country = read_string (object, "country");
      named->city = read_string (object, "city");
      named->zone = read_string (object, "zone");
      if (date == NULL ||
          sscanf (date, "%d-%d-%d", &named->year, &named->month, &named->day) != 3)
        g_error ("demo-words.json: “date” is not YYYY-MM-DD");
      named->n_days = read_int (object, "days");
      read_time (object, "starts", &named->start_hour, &named->start_minute);
      read_time (object, "ends", &named->end_hour, &named->end_minute);
      named->venue = read_string (object, "venue");
      named->organiser = read_string (object, "organiser");
      named->description = read_string (object, "description");
      named->n_attendees = read_int (object, "attendees");
      named->n_meetings = read_int (object, "meetings");
      named->capacity = read_int (object, "capacity");
      named->partnership = partnership != NULL ? (int) index_of (partnerships, "acronym",
                                                                 partnership) : -1;

      if (g_strcmp0 (from, "clusters") == 0)
        named->mode = ATTENDEES_CLUSTERS;
      else if (g_strcmp0 (from, "clusters-of-22-countries") == 0)
        named->mode = ATTENDEES_22_COUNTRIES;
      else if (g_strcmp0 (from, "ministries") == 0)
        named->mode = ATTENDEES_MINISTRIES;
      else
        g_error ("demo-words.json: “attendees_from” is “%s”", from);

      if (first != NULL)
        {
          JsonObject *person = json_node_get_object (first);

          named->first_name = read_string (person, "name");
          named->first_cluster = index_of (clusters, "name", read_string (person, "cluster"));
          named->first_role = read_string (person, "role");
        }
    }
}

static void
read_named_calls (EccpDemoWords *words,
                  JsonArray     *array)
{
  words->n_named_calls = json_array_get_length (array);
  words->named_calls = g_new0 (EccpDemoNamedCall, words->n_named_calls);

  for (guint i = 0; i < words->n_named_calls; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      EccpDemoNamedCall *named = &words->named_calls[i];
      const char *deadline = read_string (object, "deadline");
      guint ignored;

      named->title = read_string (object, "title");
      named->programme = read_string (object, "programme");
      named->zone = read_string (object, "zone");
      if (deadline == NULL ||
          sscanf (deadline, "%d-%d-%dT%d:%d", &named->year, &named->month, &named->day,
                  &named->hour, &named->minute) != 5)
        g_error ("demo-words.json: “deadline” is not YYYY-MM-DDTHH:MM");
      named->description = read_string (object, "description");
      read_ecosystems (object, &named->ecosystem, &ignored);
    }
}

static EccpDemoWords *
words_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonParser *parser = json_parser_new ();
  EccpDemoWords *words = g_new0 (EccpDemoWords, 1);
  JsonObject *root, *object;

  bytes = g_resource_lookup_data (eccp_core_get_resource (), WORDS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("demo-words.json: %s", error->message);
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    g_error ("demo-words.json: not an object");
  root = json_node_get_object (json_parser_get_root (parser));

  read_ecosystem_words (words, root);
  read_list (root, "emerging_industries", &words->emerging_industries);
  read_list (root, "cluster_names", &words->cluster_names);
  read_languages (words, read_array (root, "languages"));
  read_places (words, root);
  read_list (root, "cluster_activities", &words->cluster_activities);
  read_list (root, "mailboxes", &words->mailboxes);

  object = json_node_get_object (member (root, "partnership_names", JSON_NODE_OBJECT, FALSE));
  read_list (object, "ESCP-4i", &words->partnerships_4i);
  read_list (object, "ESCP-S3", &words->partnerships_s3);
  read_list (object, "ESCP-4x", &words->partnerships_4x);
  read_list (object, "Excellence", &words->partnerships_excellence);

  object = json_node_get_object (member (root, "event_titles", JSON_NODE_OBJECT, FALSE));
  read_list (object, "matchmaking", &words->matchmaking_titles);
  read_list (object, "conference", &words->conference_titles);
  words->mission_title = read_string (object, "mission");
  read_list (object, "other", &words->other_titles);

  read_list (root, "event_organisers", &words->event_organisers);
  read_list (root, "venues", &words->venues);
  read_list (root, "webinar_topics", &words->webinar_topics);
  read_list (root, "organisations_without_cluster", &words->organisations_without_cluster);
  read_list (root, "programmes_before_2021", &words->programmes_before_2021);
  read_list (root, "programmes_from_2021", &words->programmes_from_2021);
  read_list (root, "call_titles", &words->call_titles);
  read_list (root, "checkin_devices", &words->checkin_devices);

  read_named_clusters (words, read_array (root, "named_clusters"));
  read_named_partnerships (words, read_array (root, "named_partnerships"));
  read_named_events (words, root);
  read_named_calls (words, read_array (root, "named_calls"));

  /* the strings above are the parser's: it stays */
  words->parser = parser;

  return words;
}

const EccpDemoWords *
_eccp_demo_words (void)
{
  static const EccpDemoWords *words = NULL;

  if (g_once_init_enter (&words))
    g_once_init_leave (&words, words_load ());

  return words;
}
