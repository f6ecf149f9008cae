/* test-demo.c: the demo data set: deterministic, valid, consistent, true
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "eccp-demo.h"
#include "eccp-field-spec.h"
#include "eccp-store.h"
#include "eccp-validation.h"

#define ECCP_MATCHMAKING_2018 "European Cluster Matchmaking Event 2018"

static const char * const type_order[] = {
  "cluster", "partnership", "event", "call", "attendee", "meeting", "checkin",
};

/* ------------------------------------------------------------------------
 * Generating: everything the generator hands out, checked page by page
 * ------------------------------------------------------------------------ */

typedef struct
{
  gint64 starts;
  gint64 ends;
} Interval;

typedef struct
{
  GPtrArray  *pages;           /* JSON text of each page, when wanted */
  GHashTable *counts;          /* type → count */
  GHashTable *seen;            /* id → type, of the records handed out so far */
  GHashTable *partnership_links;  /* "cluster partnership", from the partnerships */
  GHashTable *cluster_links;   /* "cluster partnership", from the clusters */
  GHashTable *busy;            /* attendee id or "event table" → GArray of Interval */
  GHashTable *attendees_per_event;  /* event id → count */
  GHashTable *meetings_per_event;   /* event id → count */
  GHashTable *countries;       /* "event country" of attendees */
  GHashTable *event_titles;    /* event id → title */
  GHashTable *ecosystems;      /* the clusters' industrial ecosystems */
  GString    *problems;        /* the first few things found wrong */
  guint       n_problems;
  guint       n_pages;
  guint       max_page;
  gint64      last_seq;
  gint64      last_changed;
  guint       last_rank;
  guint       n_criteria_failing;
  guint       n_unknown_attribute;
  guint       n_several_deadlines;
  guint       n_events_before_2026;
  guint       n_events_from_2026;
  guint       n_calls_open_from_2026;
  guint       n_undo;
} Collector;

static void
collector_init (Collector *collector,
                gboolean   keep_pages)
{
  memset (collector, 0, sizeof *collector);
  if (keep_pages)
    collector->pages = g_ptr_array_new_with_free_func (g_free);
  collector->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector->partnership_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector->cluster_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_array_unref);
  collector->attendees_per_event = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector->meetings_per_event = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector->countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector->event_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  collector->ecosystems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector->problems = g_string_new (NULL);
}

static void
collector_clear (Collector *collector)
{
  g_clear_pointer (&collector->pages, g_ptr_array_unref);
  g_clear_pointer (&collector->counts, g_hash_table_unref);
  g_clear_pointer (&collector->seen, g_hash_table_unref);
  g_clear_pointer (&collector->partnership_links, g_hash_table_unref);
  g_clear_pointer (&collector->cluster_links, g_hash_table_unref);
  g_clear_pointer (&collector->busy, g_hash_table_unref);
  g_clear_pointer (&collector->attendees_per_event, g_hash_table_unref);
  g_clear_pointer (&collector->meetings_per_event, g_hash_table_unref);
  g_clear_pointer (&collector->countries, g_hash_table_unref);
  g_clear_pointer (&collector->event_titles, g_hash_table_unref);
  g_clear_pointer (&collector->ecosystems, g_hash_table_unref);
  if (collector->problems != NULL)
    g_string_free (g_steal_pointer (&collector->problems), TRUE);
}

G_GNUC_PRINTF (2, 3)
static void
problem (Collector  *collector,
         const char *format,
         ...)
{
  va_list args;

  collector->n_problems++;
  if (collector->n_problems > 10)
    return;

  va_start (args, format);
  g_string_append_vprintf (collector->problems, format, args);
  va_end (args);
  g_string_append_c (collector->problems, '\n');
}

static guint
count_of (GHashTable *counts,
          const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
}

static void
count_up (GHashTable *counts,
          const char *key)
{
  g_hash_table_insert (counts, g_strdup (key), GUINT_TO_POINTER (count_of (counts, key) + 1));
}

static guint
type_rank (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_order); i++)
    {
      if (g_strcmp0 (type, type_order[i]) == 0)
        return i;
    }

  return G_MAXUINT;
}

static gboolean
is_uuid_v5 (const char *id)
{
  if (id == NULL || strlen (id) != 36 || !g_uuid_string_is_valid (id))
    return FALSE;

  return id[14] == '5' && strchr ("89ab", id[19]) != NULL;
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return G_MININT64;
  time = g_date_time_new_from_iso8601 (text, NULL);

  return time != NULL ? g_date_time_to_unix (time) : G_MININT64;
}

static const char *
related_id (JsonObject *relationships,
            const char *name)
{
  JsonObject *relationship;
  JsonNode *data;

  if (relationships == NULL || !json_object_has_member (relationships, name))
    return NULL;
  relationship = json_object_get_object_member (relationships, name);
  data = json_object_get_member (relationship, "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return NULL;

  return json_object_get_string_member (json_node_get_object (data), "id");
}

static void
check_reference (Collector  *collector,
                 const char *from_type,
                 const char *from_id,
                 const char *name,
                 JsonObject *identifier)
{
  const char *type = json_object_get_string_member (identifier, "type");
  const char *id = json_object_get_string_member (identifier, "id");
  const char *seen_type = g_hash_table_lookup (collector->seen, id);

  if (g_strcmp0 (from_type, "cluster") == 0 && g_strcmp0 (name, "partnerships") == 0)
    {
      /* the one link that points forward: checked against the partnerships */
      g_hash_table_add (collector->cluster_links, g_strdup_printf ("%s %s", from_id, id));
      return;
    }

  if (g_strcmp0 (from_type, "partnership") == 0 &&
      (g_strcmp0 (name, "coordinator") == 0 || g_strcmp0 (name, "members") == 0))
    {
      g_autofree char *link = g_strdup_printf ("%s %s", id, from_id);

      if (g_hash_table_contains (collector->partnership_links, link))
        problem (collector, "partnership %s names cluster %s twice", from_id, id);
      g_hash_table_add (collector->partnership_links, g_steal_pointer (&link));
    }

  if (seen_type == NULL || g_strcmp0 (seen_type, type) != 0)
    problem (collector, "%s %s: %s points to %s %s, which does not come before it",
             from_type, from_id, name, type, id);
}

static void
check_relationships (Collector  *collector,
                     const char *type,
                     const char *id,
                     JsonObject *relationships)
{
  g_autoptr(GList) names = json_object_get_members (relationships);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *relationship = json_object_get_object_member (relationships, l->data);
      JsonNode *data = json_object_get_member (relationship, "data");

      if (JSON_NODE_HOLDS_OBJECT (data))
        {
          check_reference (collector, type, id, l->data, json_node_get_object (data));
        }
      else if (JSON_NODE_HOLDS_ARRAY (data))
        {
          JsonArray *array = json_node_get_array (data);

          for (guint i = 0; i < json_array_get_length (array); i++)
            check_reference (collector, type, id, l->data,
                             json_array_get_object_element (array, i));
        }
    }
}

static void
add_busy (Collector *collector,
          char      *key,
          gint64     starts,
          gint64     ends)
{
  GArray *intervals = g_hash_table_lookup (collector->busy, key);
  Interval interval = { starts, ends };

  if (intervals == NULL)
    {
      intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
      g_hash_table_insert (collector->busy, key, intervals);
    }
  else
    {
      g_free (key);
    }
  g_array_append_val (intervals, interval);
}

static void
check_record (Collector  *collector,
              JsonObject *resource)
{
  const char *type = json_object_get_string_member (resource, "type");
  const char *id = json_object_get_string_member (resource, "id");
  const EccpTypeSpec *spec = eccp_type_spec_lookup (type);
  JsonObject *attributes = json_object_get_object_member (resource, "attributes");
  JsonObject *relationships = json_object_get_object_member (resource, "relationships");
  JsonObject *meta = json_object_get_object_member (resource, "meta");
  g_autoptr(GPtrArray) errors = NULL;
  const char *state;
  guint rank = type_rank (type);
  gint64 changed;

  if (spec == NULL || rank == G_MAXUINT)
    {
      problem (collector, "unknown type %s", type);
      return;
    }

  /* one id each, a name-based UUID */
  if (!is_uuid_v5 (id))
    problem (collector, "%s id %s is not a version 5 UUID", type, id);
  if (g_hash_table_contains (collector->seen, id))
    problem (collector, "id %s handed out twice", id);

  /* the feed's order: a type after the types it points to */
  if (rank < collector->last_rank)
    problem (collector, "%s %s comes after a %s", type, id, type_order[collector->last_rank]);
  collector->last_rank = rank;

  /* meta */
  if (json_object_get_int_member (meta, "rev") != 1)
    problem (collector, "%s %s: rev is not 1", type, id);
  if (json_object_get_int_member (meta, "seq") != collector->last_seq + 1)
    problem (collector, "%s %s: seq %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT,
             type, id, json_object_get_int_member (meta, "seq"), collector->last_seq);
  collector->last_seq = json_object_get_int_member (meta, "seq");
  changed = parse_time (json_object_get_string_member (meta, "changed"));
  if (changed == G_MININT64 || changed < collector->last_changed)
    problem (collector, "%s %s: meta.changed is not an RFC 3339 time after the last one",
             type, id);
  collector->last_changed = changed;

  state = json_object_has_member (meta, "moderation_state") ?
          json_object_get_string_member (meta, "moderation_state") : NULL;
  if (spec->moderated != (state != NULL))
    problem (collector, "%s %s: moderation_state %s", type, id, state ? state : "missing");

  /* valid against the field specs */
  errors = eccp_validate_record (spec, attributes, relationships, NULL);
  for (guint i = 0; i < errors->len; i++)
    {
      EccpFieldError *error = g_ptr_array_index (errors, i);

      problem (collector, "%s %s: %s: %s (%s)", type, id, error->field, error->message,
               error->code);
    }

  check_relationships (collector, type, id, relationships);

  if (g_str_equal (type, "cluster"))
    {
      g_autoptr(GPtrArray) criteria = eccp_check_publication_criteria (attributes);
      const char *comment = json_object_has_member (meta, "review_comment") ?
                            json_object_get_string_member (meta, "review_comment") : NULL;

      if (criteria->len > 0)
        {
          collector->n_criteria_failing++;
          if (g_strcmp0 (state, "draft") != 0 && g_strcmp0 (state, "changes_requested") != 0)
            problem (collector, "cluster %s fails the criteria but is %s", id, state);
          if (comment == NULL || *comment == '\0')
            problem (collector, "cluster %s fails the criteria without a review comment", id);
        }
      else if (g_strcmp0 (state, "published") != 0)
        {
          problem (collector, "cluster %s meets the criteria but is %s", id, state);
        }

      if (json_object_has_member (attributes, "eccp_legacy_id"))
        collector->n_unknown_attribute++;

      {
        JsonArray *ecosystems = json_object_get_array_member (attributes, "ecosystems");

        for (guint i = 0; i < json_array_get_length (ecosystems); i++)
          g_hash_table_add (collector->ecosystems,
                            g_strdup (json_array_get_string_element (ecosystems, i)));
      }
    }
  else if (g_str_equal (type, "event"))
    {
      const char *starts_at = json_object_get_string_member (attributes, "starts_at");

      if (parse_time (json_object_get_string_member (attributes, "ends_at")) <=
          parse_time (starts_at))
        problem (collector, "event %s ends before it starts", id);
      if (strncmp (starts_at, "2026", 4) < 0)
        collector->n_events_before_2026++;
      else
        collector->n_events_from_2026++;
      g_hash_table_insert (collector->event_titles, g_strdup (id),
                           g_strdup (json_object_get_string_member (attributes, "title")));
    }
  else if (g_str_equal (type, "call"))
    {
      JsonArray *deadlines = json_object_get_array_member (attributes, "deadlines");
      guint n = json_array_get_length (deadlines);

      if (n > 1)
        collector->n_several_deadlines++;
      if (n > 0 && strncmp (json_array_get_string_element (deadlines, n - 1), "2026", 4) >= 0)
        collector->n_calls_open_from_2026++;
    }
  else if (g_str_equal (type, "attendee"))
    {
      const char *event = related_id (relationships, "event");
      const char *country = json_object_get_string_member_with_default (attributes, "country",
                                                                         "");

      count_up (collector->attendees_per_event, event);
      g_hash_table_add (collector->countries, g_strdup_printf ("%s %s", event, country));
    }
  else if (g_str_equal (type, "meeting"))
    {
      const char *event = related_id (relationships, "event");
      gint64 starts = parse_time (json_object_get_string_member (attributes, "starts_at"));
      gint64 ends = parse_time (json_object_get_string_member (attributes, "ends_at"));

      count_up (collector->meetings_per_event, event);
      if (ends <= starts)
        problem (collector, "meeting %s ends before it starts", id);
      if (g_str_equal (json_object_get_string_member (attributes, "status"), "accepted"))
        {
          add_busy (collector, g_strdup (related_id (relationships, "requester")), starts, ends);
          add_busy (collector, g_strdup (related_id (relationships, "invitee")), starts, ends);
          add_busy (collector,
                    g_strdup_printf ("%s %s", event,
                                     json_object_get_string_member (attributes, "table")),
                    starts, ends);
        }
    }
  else if (g_str_equal (type, "checkin"))
    {
      if (json_object_get_boolean_member (attributes, "undo"))
        collector->n_undo++;
    }

  g_hash_table_insert (collector->seen, g_strdup (id), (gpointer) type_order[rank]);
  count_up (collector->counts, type_order[rank]);
}

static gboolean
collect_page (JsonNode  *document,
              gpointer   user_data,
              GError   **error)
{
  Collector *collector = user_data;
  JsonArray *data;
  guint n;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (document));
  data = json_object_get_array_member (json_node_get_object (document), "data");
  g_assert_nonnull (data);
  n = json_array_get_length (data);

  collector->n_pages++;
  collector->max_page = MAX (collector->max_page, n);
  if (collector->pages != NULL)
    g_ptr_array_add (collector->pages, json_to_string (document, FALSE));

  for (guint i = 0; i < n; i++)
    check_record (collector, json_array_get_object_element (data, i));

  return TRUE;
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const Interval *x = a, *y = b;

  return (x->starts > y->starts) - (x->starts < y->starts);
}

/* After the last page: what can only be checked on the whole set. */
static void
collector_finish (Collector *collector)
{
  GHashTableIter iter;
  gpointer key, value;

  /* each cluster's partnerships are the partnerships that list it */
  g_hash_table_iter_init (&iter, collector->cluster_links);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (collector->partnership_links, key))
        problem (collector, "cluster and partnership disagree: %s", (const char *) key);
    }
  g_hash_table_iter_init (&iter, collector->partnership_links);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (collector->cluster_links, key))
        problem (collector, "partnership lists a cluster that does not list it: %s",
                 (const char *) key);
    }

  /* slot_taken: no attendee, no table in two accepted meetings at once */
  g_hash_table_iter_init (&iter, collector->busy);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *intervals = value;

      g_array_sort (intervals, compare_intervals);
      for (guint i = 1; i < intervals->len; i++)
        {
          if (g_array_index (intervals, Interval, i).starts <
              g_array_index (intervals, Interval, i - 1).ends)
            problem (collector, "%s is in two accepted meetings at once", (const char *) key);
        }
    }
}

static void
generate (Collector *collector,
          guint      n_clusters,
          gboolean   keep_pages)
{
  g_autoptr(GError) error = NULL;

  collector_init (collector, keep_pages);
  g_assert_true (eccp_demo_generate (n_clusters, collect_page, collector, &error));
  g_assert_no_error (error);
  collector_finish (collector);

  if (collector->n_problems > 0)
    g_error ("%u problems in the demo set of %u clusters, the first:\n%s",
             collector->n_problems, n_clusters, collector->problems->str);
}

static const char *
find_event (Collector  *collector,
            const char *title)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, collector->event_titles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (value, title))
        return key;
    }

  return NULL;
}

static guint
countries_at (Collector  *collector,
              const char *event)
{
  g_autofree char *prefix = g_strconcat (event, " ", NULL);
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, collector->countries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_str_has_prefix (key, prefix))
        n++;
    }

  return n;
}

static guint
scaled (guint n_clusters,
        guint per_1400,
        guint minimum)
{
  guint64 n = ((guint64) n_clusters * per_1400 + 700) / 1400;

  return MAX ((guint) n, minimum);
}

static void
test_deterministic (void)
{
  Collector first, second;

  generate (&first, ECCP_DEMO_DEFAULT_CLUSTERS, TRUE);
  generate (&second, ECCP_DEMO_DEFAULT_CLUSTERS, TRUE);

  g_assert_cmpuint (first.pages->len, >, 1);
  g_assert_cmpuint (first.pages->len, ==, second.pages->len);
  for (guint i = 0; i < first.pages->len; i++)
    g_assert_cmpstr (g_ptr_array_index (first.pages, i), ==,
                     g_ptr_array_index (second.pages, i));

  /* and another scale is another set */
  {
    Collector other;

    generate (&other, 700, TRUE);
    g_assert_cmpstr (g_ptr_array_index (first.pages, 0), !=,
                     g_ptr_array_index (other.pages, 0));
    collector_clear (&other);
  }

  collector_clear (&first);
  collector_clear (&second);
}

static void
check_counts (Collector *collector,
              guint      n_clusters)
{
  guint n = MAX (n_clusters, 4);
  guint attendees = count_of (collector->counts, "attendee");
  guint events_with_attendees = g_hash_table_size (collector->attendees_per_event);

  g_assert_cmpuint (collector->max_page, <=, 2000);
  g_assert_cmpuint (count_of (collector->counts, "cluster"), ==, n);
  g_assert_cmpuint (count_of (collector->counts, "partnership"), ==, scaled (n, 60, 3));
  g_assert_cmpuint (count_of (collector->counts, "event"), ==, scaled (n, 150, 16));
  g_assert_cmpuint (count_of (collector->counts, "call"), ==, scaled (n, 200, 3));

  /* 20–130 people at each matchmaking or conference, about 40 on average */
  g_assert_cmpuint (events_with_attendees, >, 0);
  g_assert_cmpuint (attendees, >=, 20 * events_with_attendees);
  g_assert_cmpuint (attendees, <=, 130 * events_with_attendees);
  g_assert_cmpuint (count_of (collector->counts, "meeting"), >=, 525);
  g_assert_cmpuint (count_of (collector->counts, "checkin"), >, 0);

  /* the 2018 matchmaking, whatever the scale */
  {
    const char *event = find_event (collector, ECCP_MATCHMAKING_2018);

    g_assert_nonnull (event);
    g_assert_cmpuint (count_of (collector->attendees_per_event, event), ==, 130);
    g_assert_cmpuint (count_of (collector->meetings_per_event, event), ==, 525);
    g_assert_cmpuint (countries_at (collector, event), ==, 22);
  }
}

static void
test_valid_default (void)
{
  Collector collector;
  guint n_clusters = ECCP_DEMO_DEFAULT_CLUSTERS;
  guint attendees;

  /* generate() fails on any record that does not validate, any relationship
   * to a record not handed out before it, any slot clash */
  generate (&collector, n_clusters, FALSE);
  check_counts (&collector, n_clusters);

  attendees = count_of (collector.counts, "attendee");
  g_test_message ("default scale: %u clusters, %u partnerships, %u events, %u calls, "
                  "%u attendees, %u meetings, %u check-ins",
                  count_of (collector.counts, "cluster"),
                  count_of (collector.counts, "partnership"),
                  count_of (collector.counts, "event"),
                  count_of (collector.counts, "call"), attendees,
                  count_of (collector.counts, "meeting"),
                  count_of (collector.counts, "checkin"));

  g_assert_cmpuint (count_of (collector.counts, "cluster"), ==, 1400);
  g_assert_cmpuint (count_of (collector.counts, "partnership"), ==, 60);
  g_assert_cmpuint (count_of (collector.counts, "event"), ==, 150);
  g_assert_cmpuint (count_of (collector.counts, "call"), ==, 200);
  g_assert_cmpuint (attendees / g_hash_table_size (collector.attendees_per_event), >=, 30);
  g_assert_cmpuint (attendees / g_hash_table_size (collector.attendees_per_event), <=, 55);

  /* about one profile in ten fails the publication criteria */
  g_assert_cmpuint (collector.n_criteria_failing, >=, 70);
  g_assert_cmpuint (collector.n_criteria_failing, <=, 210);
  g_assert_cmpuint (collector.n_unknown_attribute, >, 1);

  /* every industrial ecosystem has clusters */
  g_assert_cmpuint (g_hash_table_size (collector.ecosystems), ==,
                    g_strv_length ((char **) eccp_industrial_ecosystems ()));

  /* the demo, opened in 2026, has a past and a future */
  g_assert_cmpuint (collector.n_events_before_2026, >, 10);
  g_assert_cmpuint (collector.n_events_from_2026, >, 10);
  g_assert_cmpuint (collector.n_calls_open_from_2026, >, 10);
  g_assert_cmpuint (collector.n_several_deadlines, >, 5);
  g_assert_cmpuint (collector.n_undo, >, 0);

  collector_clear (&collector);
}

static void
test_scale (gconstpointer data)
{
  guint n_clusters = GPOINTER_TO_UINT (data);
  Collector collector;

  generate (&collector, n_clusters, FALSE);
  check_counts (&collector, n_clusters);
  collector_clear (&collector);
}

/* ------------------------------------------------------------------------
 * Loaded into a store: the named facts, as a user finds them
 * ------------------------------------------------------------------------ */

static char      *store_dir;
static EccpStore *store;

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static EccpStore *
get_store (void)
{
  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      EccpImportStats stats = { 0 };

      store_dir = g_dir_make_tmp ("eccp-test-demo-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (store_dir, "store.db", NULL);
      store = eccp_store_new (path, &error);
      g_assert_no_error (error);

      g_assert_true (eccp_demo_load (store, ECCP_DEMO_DEFAULT_CLUSTERS, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.created, >, 9000);
      g_assert_cmpuint (stats.updated, ==, 0);
      g_assert_cmpuint (stats.kept_local, ==, 0);
    }

  return store;
}

static GPtrArray *
search (const char *type,
        const char *text)
{
  g_autoptr(EccpQuery) query = eccp_query_new (type);
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  eccp_query_set_search (query, text);
  records = eccp_store_query (get_store (), query, &error);
  g_assert_no_error (error);

  return records;
}

/* The one record of @type found by @text whose title is @title. */
static EccpRecord *
find (const char *type,
      const char *text,
      const char *title)
{
  g_autoptr(GPtrArray) records = search (type, text);

  for (guint i = 0; i < records->len; i++)
    {
      EccpRecord *record = g_ptr_array_index (records, i);

      if (title == NULL || g_strcmp0 (eccp_record_get_title (record), title) == 0)
        return g_object_ref (record);
    }

  g_error ("no %s “%s” found by “%s”", type, title ? title : "", text);
  return NULL;
}

static GPtrArray *
related (const char *type,
         const char *relationship,
         const char *id)
{
  g_autoptr(EccpQuery) query = eccp_query_new (type);
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  eccp_query_add_filter (query, relationship, id);
  records = eccp_store_query (get_store (), query, &error);
  g_assert_no_error (error);

  return records;
}

static void
test_store_counts (void)
{
  g_autoptr(GError) error = NULL;
  Collector collector;

  generate (&collector, ECCP_DEMO_DEFAULT_CLUSTERS, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (type_order); i++)
    {
      gint64 n = eccp_store_count_records (get_store (), type_order[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, ==, count_of (collector.counts, type_order[i]));
    }
  collector_clear (&collector);
}

static void
test_store_clusters (void)
{
  g_autoptr(EccpRecord) klaster = find ("cluster", "zeljko erkapic",
                                        "KLASTER POL-JOMEHANIZACIJE d.o.o.");
  g_autoptr(EccpRecord) avaessen = find ("cluster", "avaessen", "AVAESSEN");
  g_autoptr(EccpRecord) gaia = find ("cluster", "gaia", "GAIA");
  g_autoptr(GPtrArray) krakow = search ("cluster", "krakow");
  JsonObject *attributes = eccp_record_get_attributes (klaster);
  gboolean found_krakow = FALSE;

  g_assert_cmpstr (eccp_record_get_title (klaster), ==, "KLASTER POL-JOMEHANIZACIJE d.o.o.");
  g_assert_cmpstr (eccp_record_get_string (klaster, "manager_name"), ==, "Željko Erkapić");
  g_assert_cmpstr (eccp_record_get_string (klaster, "country"), ==, "RS");
  g_assert_true (strstr (eccp_record_get_string (klaster, "description"),
                         "Agricultural Equipment Cluster") != NULL);
  /* an attribute the client does not know survives the store */
  g_assert_true (json_object_has_member (attributes, "eccp_legacy_id"));
  g_assert_cmpint (json_object_get_int_member (attributes, "eccp_legacy_id"), ==, 1234);

  g_assert_cmpstr (eccp_record_get_string (avaessen, "manager_name"), ==, "Bianca Dragomir");
  g_assert_cmpstr (eccp_record_get_string (gaia, "manager_name"), ==, "Jon Mitxelena");
  g_assert_cmpstr (eccp_record_get_string (gaia, "country"), ==, "ES");

  for (guint i = 0; i < krakow->len; i++)
    {
      if (g_strcmp0 (eccp_record_get_string (g_ptr_array_index (krakow, i), "city"),
                     "Kraków") == 0)
        found_krakow = TRUE;
    }
  g_assert_true (found_krakow);
}

static void
test_store_partnerships (void)
{
  g_autoptr(EccpRecord) eacp = find ("partnership", "eacp abroad", "EACP ABROAD");
  g_autoptr(EccpRecord) ec2i = find ("partnership", "ec2i",
                                        "The European Cleantech Internationalisation Initiative");
  g_autoptr(EccpRecord) laser = find ("partnership", "laser go", "LASER-GO Global");
  g_autoptr(EccpQuery) query = eccp_query_new ("partnership");
  g_autoptr(GError) error = NULL;
  JsonArray *targets;

  g_assert_cmpstr (eccp_record_get_string (eacp, "programme"), ==, "ESCP-4i");
  g_assert_true (strstr (eccp_record_get_string (eacp, "description"), "Dubai South") != NULL);
  g_assert_cmpstr (eccp_record_get_title (ec2i), ==,
                   "The European Cleantech Internationalisation Initiative");
  targets = json_object_get_array_member (eccp_record_get_attributes (laser),
                                          "target_countries");
  g_assert_cmpstr (json_array_get_string_element (targets, 0), ==, "NZ");
  g_assert_cmpstr (json_array_get_string_element (targets, 1), ==, "AU");

  /* the 23 ESCP-4i of 2018–2019 */
  eccp_query_add_filter (query, "programme", "ESCP-4i");
  eccp_query_add_filter (query, "period_start", "2018-01-01");
  g_assert_cmpint (eccp_store_count (get_store (), query, &error), ==, 23);
  g_assert_no_error (error);

  /* a partnership's coordinator lists the partnership */
  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(EccpRecord) coordinator =
      eccp_store_get (get_store (), "cluster", eccp_record_get_related_id (eacp, "coordinator"),
                      &local_error);
    JsonObject *relationships;
    JsonArray *data;
    gboolean listed = FALSE;

    g_assert_no_error (local_error);
    relationships = eccp_record_get_relationships (coordinator);
    data = json_object_get_array_member (json_object_get_object_member (relationships,
                                                                        "partnerships"),
                                         "data");
    for (guint i = 0; i < json_array_get_length (data); i++)
      {
        JsonObject *identifier = json_array_get_object_element (data, i);

        if (g_str_equal (json_object_get_string_member (identifier, "id"),
                         eccp_record_get_id (eacp)))
          listed = TRUE;
      }
    g_assert_true (listed);
  }
}

static void
test_store_events (void)
{
  g_autoptr(EccpRecord) taipei = find ("event", "taipei", "EU-Taiwan Cluster Matchmaking Event");
  g_autoptr(EccpRecord) kyiv = find ("event", "ukraine matchmaking",
                                     "EU-Ukraine Cluster Policy Learning and Matchmaking Event");
  g_autoptr(EccpRecord) new_york = find ("event", "smart cities new york",
                                         "Smart Cities New York 2018: EC2i US Matchmaking Events");
  g_autoptr(EccpRecord) ec2i = find ("partnership", "ec2i",
                                     "The European Cleantech Internationalisation Initiative");
  const char *zone;

  g_assert_cmpstr (eccp_record_get_string (taipei, "starts_at"), ==,
                   "2018-06-04T09:00:00+08:00");
  g_assert_true (g_str_has_prefix (eccp_record_get_string (taipei, "ends_at"), "2018-06-06T"));
  g_assert_true (g_str_has_suffix (eccp_record_get_string (taipei, "ends_at"), "+08:00"));
  g_assert_cmpstr (eccp_record_get_string (taipei, "timezone"), ==, "Asia/Taipei");
  g_assert_cmpstr (eccp_record_get_string (taipei, "country"), ==, "TW");

  /* Kyiv keeps summer time from the last Sunday of March */
  g_assert_cmpstr (eccp_record_get_string (kyiv, "starts_at"), ==,
                   "2018-03-27T09:00:00+03:00");
  g_assert_true (g_str_has_prefix (eccp_record_get_string (kyiv, "ends_at"), "2018-03-28T"));
  zone = eccp_record_get_string (kyiv, "timezone");
  g_assert_true (g_strcmp0 (zone, "Europe/Kyiv") == 0 || g_strcmp0 (zone, "Europe/Kiev") == 0);
  g_assert_cmpstr (eccp_record_get_string (kyiv, "country"), ==, "UA");

  g_assert_true (g_str_has_prefix (eccp_record_get_string (new_york, "starts_at"),
                                   "2018-05-07T"));
  g_assert_cmpstr (eccp_record_get_related_id (new_york, "partnership"), ==,
                   eccp_record_get_id (ec2i));

  {
    g_autoptr(EccpRecord) go_international = find ("event", "clusters go international",
                                                 "“Clusters Go International” Partnering Event 2018");
    g_autoptr(EccpRecord) forum = find ("event", "cluster policy forum",
                                        "First European Cluster Policy Forum");
    g_autoptr(EccpRecord) valencia = find ("event", "grow your region", "GROW your REGION conference");
    g_autoptr(EccpRecord) asia = find ("event", "asia gateway", "EU - Asia Gateway 2018");
    g_autoptr(EccpRecord) dresden = find ("event", "estc dresden", "ESTC Conference in Dresden");
    g_autoptr(EccpRecord) health = find ("event", "healthcare medical technologies",
                                         "Opportunity for leading European Healthcare & Medical "
                                         "Technologies");
    g_autoptr(EccpRecord) rovaniemi = find ("event", "rovaniemi s3",
                                            "S3 Thematic Platform for Industrialisation and "
                                            "Interreg Europe projects meet in Rovaniemi");

    g_assert_true (g_str_has_prefix (eccp_record_get_string (go_international, "starts_at"),
                                     "2018-02-21T"));
    g_assert_true (g_str_has_prefix (eccp_record_get_string (forum, "starts_at"),
                                     "2018-02-22T"));
    g_assert_cmpstr (eccp_record_get_string (valencia, "city"), ==, "Valencia");
    g_assert_true (g_str_has_prefix (eccp_record_get_string (asia, "starts_at"), "2018-05-16T"));
    g_assert_true (g_str_has_prefix (eccp_record_get_string (dresden, "starts_at"),
                                     "2018-09-18T"));
    g_assert_true (g_str_has_prefix (eccp_record_get_string (health, "starts_at"),
                                     "2018-08-28T"));
    g_assert_true (g_str_has_prefix (eccp_record_get_string (rovaniemi, "starts_at"),
                                     "2018-04-11T"));
  }
}

static void
test_store_calls (void)
{
  static const struct
  {
    const char *search;
    const char *title;
    const char *deadline;
  } calls[] = {
    { "kics proposals", "EIT's 2018 Call for Knowledge and Innovation Communities (KICs) Proposals",
      "2018-07-12T" },
    { "renewable energy 2018", "Targeted call on renewable energy in 2018", "2018-07-31T" },
    { "panelists tci", "The Institute for Competitiveness & Prosperity is looking for panelists "
      "for TCI 2018", "2018-04-13T" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(EccpRecord) call = find ("call", calls[i].search, calls[i].title);
      JsonArray *deadlines = json_object_get_array_member (eccp_record_get_attributes (call),
                                                           "deadlines");

      g_assert_cmpuint (json_array_get_length (deadlines), ==, 1);
      g_assert_true (g_str_has_prefix (json_array_get_string_element (deadlines, 0),
                                       calls[i].deadline));
    }
}

static void
test_store_matchmaking (void)
{
  g_autoptr(EccpRecord) event = find ("event", "european cluster matchmaking event 2018",
                                      ECCP_MATCHMAKING_2018);
  g_autoptr(GPtrArray) attendees = related ("attendee", "event", eccp_record_get_id (event));
  g_autoptr(GPtrArray) meetings = related ("meeting", "event", eccp_record_get_id (event));
  g_autoptr(GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) clusters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean jon = FALSE;

  /* 130 participating cluster organisations from 22 countries */
  g_assert_cmpuint (attendees->len, ==, 130);
  for (guint i = 0; i < attendees->len; i++)
    {
      EccpRecord *attendee = g_ptr_array_index (attendees, i);
      const char *cluster = eccp_record_get_related_id (attendee, "cluster");

      g_hash_table_add (countries, (gpointer) eccp_record_get_string (attendee, "country"));
      g_assert_nonnull (cluster);
      g_hash_table_add (clusters, (gpointer) cluster);
      if (g_strcmp0 (eccp_record_get_title (attendee), "Jon Mitxelena") == 0)
        jon = TRUE;
    }
  g_assert_cmpuint (g_hash_table_size (countries), ==, 22);
  g_assert_cmpuint (g_hash_table_size (clusters), ==, 130);
  g_assert_true (jon);

  /* 525 bilateral meetings, none in a taken slot */
  g_assert_cmpuint (meetings->len, ==, 525);
  for (guint i = 0; i < meetings->len; i++)
    {
      EccpRecord *meeting = g_ptr_array_index (meetings, i);
      const char *starts_at = eccp_record_get_string (meeting, "starts_at");
      const char *keys[] = {
        eccp_record_get_related_id (meeting, "requester"),
        eccp_record_get_related_id (meeting, "invitee"),
        eccp_record_get_string (meeting, "table"),
      };

      if (g_strcmp0 (eccp_record_get_string (meeting, "status"), "accepted") != 0)
        continue;

      /* all slots are 30 minutes from the same grid: a clash is an equal start */
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          char *key = g_strconcat (keys[k], " ", starts_at, NULL);

          g_assert_false (g_hash_table_contains (busy, key));
          g_hash_table_add (busy, key);
        }
    }
}

static void
test_store_criteria (void)
{
  g_autoptr(EccpQuery) query = eccp_query_new ("cluster");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = eccp_store_query (get_store (), query, &error);
  guint failing = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, ECCP_DEMO_DEFAULT_CLUSTERS);

  for (guint i = 0; i < clusters->len; i++)
    {
      EccpRecord *cluster = g_ptr_array_index (clusters, i);
      g_autoptr(GPtrArray) errors =
        eccp_check_publication_criteria (eccp_record_get_attributes (cluster));
      JsonObject *meta = eccp_record_get_meta (cluster);
      const char *state = json_object_get_string_member (meta, "moderation_state");

      if (errors->len == 0)
        continue;

      failing++;
      g_assert_true (g_str_equal (state, "draft") || g_str_equal (state, "changes_requested"));
      g_assert_true (json_object_has_member (meta, "review_comment"));
    }

  g_assert_cmpuint (failing, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/generate/deterministic", test_deterministic);
  g_test_add_func ("/demo/generate/valid", test_valid_default);
  g_test_add_data_func ("/demo/generate/scale/0", GUINT_TO_POINTER (0), test_scale);
  g_test_add_data_func ("/demo/generate/scale/100", GUINT_TO_POINTER (100), test_scale);
  g_test_add_data_func ("/demo/generate/scale/5000", GUINT_TO_POINTER (5000), test_scale);
  g_test_add_func ("/demo/store/counts", test_store_counts);
  g_test_add_func ("/demo/store/clusters", test_store_clusters);
  g_test_add_func ("/demo/store/partnerships", test_store_partnerships);
  g_test_add_func ("/demo/store/events", test_store_events);
  g_test_add_func ("/demo/store/calls", test_store_calls);
  g_test_add_func ("/demo/store/matchmaking", test_store_matchmaking);
  g_test_add_func ("/demo/store/criteria", test_store_criteria);

  status = g_test_run ();

  g_clear_object (&store);
  if (store_dir != NULL)
    remove_tree (store_dir);
  g_free (store_dir);

  return status;
}
