/* eccp-demo-gen.c: the demo generator's tools: random choices, names,
 * ids, times and the JSON of the feed
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-demo-private.h"

#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"

#include <string.h>

/* --- random choices ------------------------------------------------------ */

GRand *
_eccp_demo_phase_rand (guint32 phase)
{
  guint32 seed[2] = { DEMO_SEED, phase };

  return g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
}

guint
_eccp_demo_pick (GRand *rand,
                 guint  n)
{
  return (guint) g_rand_int_range (rand, 0, (gint32) n);
}

gboolean
_eccp_demo_chance (GRand  *rand,
                   double  p)
{
  return g_rand_double (rand) < p;
}

guint
_eccp_demo_pick_weighted (GRand       *rand,
                          const guint *weights,
                          gsize        stride,
                          guint        n,
                          guint        total)
{
  guint r = _eccp_demo_pick (rand, total);

  for (guint i = 0; i < n; i++)
    {
      guint w = *(const guint *) ((const char *) weights + i * stride);

      if (r < w)
        return i;
      r -= w;
    }

  return n - 1;
}

guint
_eccp_demo_pick_country (EccpDemoGen *gen,
                         GRand       *rand)
{
  return _eccp_demo_pick_weighted (rand, &gen->words->countries[0].weight,
                                   sizeof (EccpDemoCountry), gen->words->n_countries,
                                   gen->country_weight_total);
}

guint
_eccp_demo_pick_ecosystem (EccpDemoGen *gen,
                           GRand       *rand)
{
  return _eccp_demo_pick_weighted (rand, gen->words->ecosystem_weights, sizeof (guint),
                                   N_ECOSYSTEMS, gen->ecosystem_weight_total);
}

const char *
_eccp_demo_pick_word (GRand              *rand,
                      const EccpDemoList *list)
{
  return list->items[_eccp_demo_pick (rand, list->n)];
}

const char *
_eccp_demo_pick_sector_word (EccpDemoGen *gen,
                             GRand       *rand,
                             guint        ecosystem)
{
  return _eccp_demo_pick_word (rand, &gen->words->sector_words[ecosystem]);
}

gboolean
_eccp_demo_contains (const guint *items,
                     guint        n_items,
                     guint        item)
{
  for (guint i = 0; i < n_items; i++)
    {
      if (items[i] == item)
        return TRUE;
    }

  return FALSE;
}

/* --- names and text ------------------------------------------------------ */

/* The strings are the field specs' (eccp_industrial_ecosystems ()), in the
 * order of portal-api.md section 3. */
const char *
_eccp_demo_ecosystem_name (guint index)
{
  const char * const *all = eccp_industrial_ecosystems ();

  g_assert (index < N_ECOSYSTEMS);

  return all[index];
}

guint
_eccp_demo_country_index (EccpDemoGen *gen,
                          const char  *code)
{
  for (guint i = 0; i < gen->words->n_countries; i++)
    {
      if (strcmp (gen->words->countries[i].code, code) == 0)
        return i;
    }

  g_assert_not_reached ();
  return 0;
}

GTimeZone *
_eccp_demo_get_zone (EccpDemoGen *gen,
                     const char  *identifier)
{
  GTimeZone *zone;

  if (g_strcmp0 (identifier, "Europe/Kyiv") == 0)
    identifier = gen->kyiv_zone;

  zone = g_hash_table_lookup (gen->zones, identifier);
  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier (identifier);
      if (zone == NULL)
        {
          g_warning ("Time zone %s is missing; using UTC", identifier);
          zone = g_time_zone_new_utc ();
        }
      g_hash_table_insert (gen->zones, (gpointer) identifier, zone);
    }

  return zone;
}

const char *
_eccp_demo_zone_name (EccpDemoGen *gen,
                      const char  *identifier)
{
  if (g_strcmp0 (identifier, "Europe/Kyiv") == 0)
    return gen->kyiv_zone;

  return identifier;
}

/* {X} in @template is replaced by values[X - 'A']; no printf formats, so no
 * format string comes from data. */
char *
_eccp_demo_expand (const char         *template,
                   const char * const *values)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] >= 'A' && p[1] <= 'Z' && p[2] == '}')
        {
          const char *value = values[p[1] - 'A'];

          if (value != NULL)
            g_string_append (out, value);
          p += 2;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/* ASCII, lower case, words joined by @separator: "Kraków Łódź" →
 * "krakow-lodz". */
char *
_eccp_demo_make_slug (const char *text,
                      char        separator,
                      gsize       max_len)
{
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  gboolean pending = FALSE;
  GString *prepared = g_string_new (NULL);

  /* letters that g_str_to_ascii() does not know */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x00DE)
        g_string_append (prepared, "Th");
      else if (c == 0x00FE)
        g_string_append (prepared, "th");
      else if (c == 0x00D0 || c == 0x00F0)
        g_string_append_c (prepared, 'd');
      else
        g_string_append_unichar (prepared, c);
    }

  ascii = g_str_to_ascii (prepared->str, "C");
  g_string_free (prepared, TRUE);

  for (const char *p = ascii; *p != '\0' && slug->len < max_len; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (pending && slug->len > 0)
            g_string_append_c (slug, separator);
          pending = FALSE;
          g_string_append_c (slug, g_ascii_tolower (*p));
        }
      else if (*p != '\'')
        {
          pending = TRUE;
        }
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == separator)
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_append (slug, "demo");

  return g_string_free (slug, FALSE);
}

char *
_eccp_demo_make_acronym (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *acronym = g_string_new (NULL);
  gboolean at_word = TRUE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalpha (*p))
        {
          if (at_word && g_ascii_isupper (*p) && acronym->len < 10)
            g_string_append_c (acronym, *p);
          at_word = FALSE;
        }
      else if (*p == ' ' || *p == '-')
        {
          at_word = TRUE;
        }
    }

  if (acronym->len < 2)
    {
      g_string_free (acronym, TRUE);
      return NULL;
    }

  return g_string_free (acronym, FALSE);
}

char *
_eccp_demo_make_person (EccpDemoGen *gen,
                        GRand       *rand,
                        guint        language)
{
  const EccpDemoLanguage *names = &gen->words->languages[language];
  guint first = _eccp_demo_pick (rand, 8);
  guint last = _eccp_demo_pick (rand, 8);
  gboolean female = (names->female >> first) & 1;
  const char *surname = names->surnames.items[last];

  if (female && names->women_surnames.n > 0)
    surname = names->women_surnames.items[last];

  return g_strconcat (names->first_names.items[first], " ", surname, NULL);
}

static void
make_uuid (EccpDemoGen *gen,
           const char  *key,
           char         out[37])
{
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_reset (gen->checksum);
  g_checksum_update (gen->checksum, (const guchar *) key, -1);
  g_checksum_get_digest (gen->checksum, digest, &len);

  digest[6] = (digest[6] & 0x0f) | 0x50;  /* version 5: name-based, SHA-1 */
  digest[8] = (digest[8] & 0x3f) | 0x80;  /* RFC 4122 variant */

  for (guint i = 0, j = 0; i < 16; i++)
    {
      static const char hex[] = "0123456789abcdef";

      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[digest[i] >> 4];
      out[j++] = hex[digest[i] & 0xf];
    }
  out[36] = '\0';
}

void
_eccp_demo_make_id (EccpDemoGen *gen,
                    char         out[37],
                    const char  *type,
                    guint        index)
{
  char key[64];

  g_snprintf (key, sizeof key, "%s:%u", type, index);
  make_uuid (gen, key, out);
}

void
_eccp_demo_make_sub_id (EccpDemoGen *gen,
                        char         out[37],
                        const char  *type,
                        guint        event,
                        guint        index)
{
  char key[64];

  g_snprintf (key, sizeof key, "%s:%u:%u", type, event, index);
  make_uuid (gen, key, out);
}

/* --- time --------------------------------------------------------------- */

guint32
_eccp_demo_julian_of (int year,
                      int month,
                      int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return g_date_get_julian (&date);
}

GDateTime *
_eccp_demo_local_time (GTimeZone *zone,
                       guint32    julian,
                       int        hour,
                       int        minute)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), hour, minute, 0);
}

char *
_eccp_demo_format_local (GTimeZone *zone,
                         guint32    julian,
                         int        hour,
                         int        minute)
{
  g_autoptr(GDateTime) time = _eccp_demo_local_time (zone, julian, hour, minute);

  return eccp_date_time_format_rfc3339 (time);
}

char *
_eccp_demo_format_date (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

int
_eccp_demo_year_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_date_get_year (&date);
}

/* A working day between FIRST_YEAR and LAST_YEAR. */
guint32
_eccp_demo_pick_working_day (GRand *rand)
{
  guint32 first = _eccp_demo_julian_of (FIRST_YEAR, 1, 1);
  guint32 last = _eccp_demo_julian_of (LAST_YEAR, 12, 31);
  guint32 julian = first + _eccp_demo_pick (rand, last - first + 1);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  if (g_date_get_weekday (&date) == G_DATE_SATURDAY)
    julian += 2;
  else if (g_date_get_weekday (&date) == G_DATE_SUNDAY)
    julian += 1;

  return MIN (julian, last);
}

/* --- JSON --------------------------------------------------------------- */

void
_eccp_demo_set_string (JsonObject *object,
                       const char *member,
                       const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

void
_eccp_demo_take_string (JsonObject *object,
                        const char *member,
                        char       *value)
{
  _eccp_demo_set_string (object, member, value);
  g_free (value);
}

void
_eccp_demo_add_string_take (JsonArray *array,
                            char      *value)
{
  json_array_add_string_element (array, value);
  g_free (value);
}

JsonArray *
_eccp_demo_string_array (const EccpDemoList *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < values->n; i++)
    json_array_add_string_element (array, values->items[i]);

  return array;
}

void
_eccp_demo_relate_one (JsonObject *relationships,
                       const char *name,
                       const char *type,
                       const char *id)
{
  JsonObject *relationship = json_object_new ();

  json_object_set_member (relationship, "data", eccp_json_identifier_new (type, id));
  json_object_set_object_member (relationships, name, relationship);
}

void
_eccp_demo_relate_many (JsonObject *relationships,
                        const char *name,
                        JsonArray  *data)
{
  JsonObject *relationship = json_object_new ();

  json_object_set_array_member (relationship, "data", data);
  json_object_set_object_member (relationships, name, relationship);
}

JsonObject *
_eccp_demo_resource_new (const char  *type,
                         const char  *id,
                         JsonObject **attributes,
                         JsonObject **relationships)
{
  JsonObject *resource = eccp_json_resource_new (type, id);

  *attributes = json_object_new ();
  json_object_set_object_member (resource, "attributes", *attributes);
  *relationships = json_object_new ();
  json_object_set_object_member (resource, "relationships", *relationships);

  return resource;
}

gboolean
_eccp_demo_flush_page (EccpDemoGen  *gen,
                       GError      **error)
{
  g_autoptr(JsonNode) document = NULL;
  JsonObject *root;

  if (json_array_get_length (gen->page) == 0)
    return TRUE;

  root = json_object_new ();
  json_object_set_array_member (root, "data", g_steal_pointer (&gen->page));
  document = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  gen->page = json_array_sized_new (DEMO_PAGE_SIZE);

  return gen->page_func (document, gen->user_data, error);
}

/* Adds meta and hands @resource (taken) to the page. */
gboolean
_eccp_demo_emit (EccpDemoGen  *gen,
                 JsonObject   *resource,
                 const char   *moderation_state,
                 const char   *review_comment,
                 GError      **error)
{
  JsonObject *meta = json_object_new ();
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) changed = NULL;

  gen->seq++;
  utc = g_date_time_new_from_unix_utc (gen->changed_base + gen->seq * gen->changed_step);
  changed = g_date_time_to_timezone (utc, gen->portal_zone);

  json_object_set_int_member (meta, "rev", 1);
  json_object_set_int_member (meta, "seq", gen->seq);
  _eccp_demo_take_string (meta, "changed", eccp_date_time_format_rfc3339 (changed));
  if (moderation_state != NULL)
    {
      json_object_set_string_member (meta, "moderation_state", moderation_state);
      json_object_set_null_member (meta, "published");
      _eccp_demo_set_string (meta, "review_comment", review_comment);
    }
  json_object_set_object_member (resource, "meta", meta);

  json_array_add_object_element (gen->page, resource);

  if (json_array_get_length (gen->page) >= DEMO_PAGE_SIZE)
    return _eccp_demo_flush_page (gen, error);

  return TRUE;
}
