/* test-diff.c: a working copy against its published revision (eccp-diff.c)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-diff.h"
#include "eccp-json.h"
#include "eccp-test-util.h"

static JsonObject *
object_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = eccp_json_object_from_string (json, &error);

  g_assert_no_error (error);
  return object;
}

static EccpFieldDiff *
find_diff (GPtrArray  *diffs,
           const char *path)
{
  for (guint i = 0; i < diffs->len; i++)
    {
      EccpFieldDiff *diff = g_ptr_array_index (diffs, i);

      if (g_str_equal (diff->path, path))
        return diff;
    }

  return NULL;
}

static EccpFieldDiff *
must_find (GPtrArray  *diffs,
           const char *path)
{
  EccpFieldDiff *diff = find_diff (diffs, path);

  if (diff == NULL)
    g_error ("No difference in “%s”", path);

  return diff;
}

/* Every kind of field a cluster has: text, choice, country, URL, number,
 * list, a member of an object; unset is absent, null, "" or []. */
static void
test_attributes (void)
{
  const EccpTypeSpec *cluster = eccp_type_spec_lookup ("cluster");
  g_autoptr(JsonObject) published = object_from (
    "{\"name\": \"Agro Cluster\", \"profile_type\": \"cluster_project\", \"country\": \"RS\", "
    "\"city\": \"Novi Sad\", \"acronym\": \"\", \"ecosystems\": [\"Agri-food\", \"Digital\"], "
    "\"members\": {\"sme\": 40, \"large\": 3}, \"management_fte\": 1.5}");
  g_autoptr(JsonObject) current = object_from (
    "{\"name\": \"Agro Cluster\", \"profile_type\": \"cluster_organisation\", \"country\": \"RS\", "
    "\"city\": null, \"acronym\": null, \"website\": \"https://agro.example.eu\", "
    "\"ecosystems\": [\"Digital\", \"Health\"], \"members\": {\"sme\": 41, \"large\": 3}, "
    "\"management_fte\": 1.5}");
  g_autoptr(GPtrArray) changed = eccp_diff_attributes (cluster, published, current, FALSE);
  g_autoptr(GPtrArray) every = eccp_diff_attributes (cluster, published, current, TRUE);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  EccpFieldDiff *diff;

  /* profile_type, city, website, ecosystems, members.sme: in spec order */
  g_assert_cmpuint (changed->len, ==, 5);
  g_assert_cmpstr (((EccpFieldDiff *) g_ptr_array_index (changed, 0))->path, ==, "profile_type");

  diff = must_find (changed, "profile_type");
  g_assert_cmpint (diff->change, ==, ECCP_DIFF_CHANGED);
  g_assert_cmpstr (json_node_get_string (diff->published), ==, "cluster_project");
  g_assert_cmpstr (json_node_get_string (diff->current), ==, "cluster_organisation");

  diff = must_find (changed, "city");
  g_assert_cmpint (diff->change, ==, ECCP_DIFF_REMOVED);
  g_assert_null (diff->current);

  diff = must_find (changed, "website");
  g_assert_cmpint (diff->change, ==, ECCP_DIFF_ADDED);
  g_assert_null (diff->published);

  diff = must_find (changed, "members.sme");
  g_assert_cmpint (diff->change, ==, ECCP_DIFF_CHANGED);
  g_assert_cmpint (json_node_get_int (diff->current), ==, 41);
  g_assert_null (find_diff (changed, "members.large"));

  /* "" then null: both unset, no change */
  g_assert_null (find_diff (changed, "acronym"));
  g_assert_null (find_diff (changed, "name"));

  diff = must_find (changed, "ecosystems");
  g_assert_cmpint (diff->change, ==, ECCP_DIFF_CHANGED);
  eccp_diff_list_items (diff->published, diff->current, &added, &removed);
  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpstr (json_node_get_string (g_ptr_array_index (added, 0)), ==, "Health");
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_cmpstr (json_node_get_string (g_ptr_array_index (removed, 0)), ==, "Agri-food");

  /* With @all, every field and member, the same ones marked SAME */
  diff = must_find (every, "name");
  g_assert_cmpint (diff->change, ==, ECCP_DIFF_SAME);
  g_assert_nonnull (find_diff (every, "members.research"));
  g_assert_null (find_diff (every, "partnerships")); /* relations are not in meta.published */
}

/* Never published: what is set is all new. */
static void
test_never_published (void)
{
  g_autoptr(JsonObject) current = object_from ("{\"title\": \"Call for cluster projects\", "
                                               "\"deadlines\": [\"2026-12-20T17:00:00+01:00\"]}");
  g_autoptr(GPtrArray) diffs = eccp_diff_attributes (eccp_type_spec_lookup ("call"), NULL, current, FALSE);

  g_assert_cmpuint (diffs->len, ==, 2);
  for (guint i = 0; i < diffs->len; i++)
    g_assert_cmpint (((EccpFieldDiff *) g_ptr_array_index (diffs, i))->change, ==, ECCP_DIFF_ADDED);
}

static char *
join (GPtrArray  *segments,
      EccpDiffOp  skipped)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      EccpDiffSegment *segment = g_ptr_array_index (segments, i);

      if (segment->op != skipped)
        g_string_append (text, segment->text);
    }

  return g_string_free (text, FALSE);
}

static void
assert_rebuilds (const char *before,
                 const char *after)
{
  g_autoptr(GPtrArray) segments = eccp_diff_words (before, after);
  g_autofree char *old = join (segments, ECCP_DIFF_INSERT);
  g_autofree char *new = join (segments, ECCP_DIFF_DELETE);

  g_assert_cmpstr (old, ==, before);
  g_assert_cmpstr (new, ==, after);

  /* Neighbours are never of one kind. */
  for (guint i = 1; i < segments->len; i++)
    g_assert_cmpint (((EccpDiffSegment *) g_ptr_array_index (segments, i - 1))->op, !=,
                     ((EccpDiffSegment *) g_ptr_array_index (segments, i))->op);
}

static void
test_words (void)
{
  g_autoptr(GPtrArray) segments = eccp_diff_words ("Makers of farm machinery in Vojvodina.",
                                                   "Makers of agricultural machinery in Vojvodina.");
  EccpDiffSegment *segment;

  g_assert_cmpuint (segments->len, ==, 4);
  segment = g_ptr_array_index (segments, 0);
  g_assert_cmpint (segment->op, ==, ECCP_DIFF_KEEP);
  g_assert_cmpstr (segment->text, ==, "Makers of ");
  segment = g_ptr_array_index (segments, 1);
  g_assert_cmpint (segment->op, ==, ECCP_DIFF_DELETE);
  g_assert_cmpstr (segment->text, ==, "farm");
  segment = g_ptr_array_index (segments, 2);
  g_assert_cmpint (segment->op, ==, ECCP_DIFF_INSERT);
  g_assert_cmpstr (segment->text, ==, "agricultural");
  segment = g_ptr_array_index (segments, 3);
  g_assert_cmpint (segment->op, ==, ECCP_DIFF_KEEP);
  g_assert_cmpstr (segment->text, ==, " machinery in Vojvodina.");

  assert_rebuilds ("", "");
  assert_rebuilds ("", "Nouveau texte, avec des accents: Željko.");
  assert_rebuilds ("Tout disparaît.", "");
  assert_rebuilds ("a b c d e f", "f e d c b a");
  assert_rebuilds ("Line one.\n\nLine  two.", "Line one.\n\nLine two, longer.\n");
  assert_rebuilds ("same", "same");
}

/* Random edits of random texts: the segments always give both back. */
static void
test_words_random (void)
{
  static const char * const words[] = { "cluster", "SME", "Kraków", "partner", "ship", "   ", "\n\n", "EU", " " };
  GRand *rand = g_rand_new_with_seed (20261205);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) before = g_string_new (NULL);
      g_autoptr(GString) after = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        {
          const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

          g_string_append (before, word);
          g_string_append (before, " ");
          if (g_rand_int_range (rand, 0, 4) != 0)
            g_string_append_printf (after, "%s ", word);
          if (g_rand_int_range (rand, 0, 6) == 0)
            g_string_append_printf (after, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      assert_rebuilds (before->str, after->str);
    }

  g_rand_free (rand);
}

/* A 20,000-character description with edits at its start, middle and end
 * (the bench times it). */
static void
test_words_long (void)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GPtrArray) segments = NULL;
  guint deleted = 0;
  guint inserted = 0;
  guint n;

  for (guint i = 0; before->len < 20000; i++)
    {
      char *sentence = g_strdup_printf ("Cluster %u works with partner %u on skills. ", i, i * 7 % 13);

      g_string_append (before, sentence);
      g_ptr_array_add (sentences, sentence);
    }

  /* One word changed in the first sentence, one in the middle, one in the last */
  n = sentences->len;
  for (guint i = 0; i < n; i++)
    {
      const char *sentence = g_ptr_array_index (sentences, i);

      if (i == 0 || i == n / 2 || i == n - 1)
        {
          g_auto(GStrv) words = g_strsplit (sentence, "skills", 2);

          g_string_append_printf (after, "%sresearch%s", words[0], words[1]);
        }
      else
        g_string_append (after, sentence);
    }

  segments = eccp_diff_words (before->str, after->str);
  for (guint i = 0; i < segments->len; i++)
    {
      EccpDiffSegment *segment = g_ptr_array_index (segments, i);

      deleted += segment->op == ECCP_DIFF_DELETE;
      inserted += segment->op == ECCP_DIFF_INSERT;
      if (segment->op != ECCP_DIFF_KEEP)
        g_assert_true (g_str_equal (segment->text, "skills.") || g_str_equal (segment->text, "research."));
    }
  g_assert_cmpuint (deleted, ==, 3);
  g_assert_cmpuint (inserted, ==, 3);
  assert_rebuilds (before->str, after->str);
}

/* The ids of @items (JsonObject identifiers), joined by spaces */
static char *
identifier_ids (GPtrArray *items)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "",
                            eccp_json_get_string (g_ptr_array_index (items, i), "id"));

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
assert_relation_items (const char *before,
                       const char *after,
                       const char *added_ids,
                       const char *removed_ids)
{
  g_autoptr(JsonNode) before_node = before != NULL ? eccp_test_parse_json (before) : NULL;
  g_autoptr(JsonNode) after_node = after != NULL ? eccp_test_parse_json (after) : NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autofree char *added_text = NULL;
  g_autofree char *removed_text = NULL;

  eccp_diff_relation_items (before_node, after_node, &added, &removed);
  added_text = identifier_ids (added);
  removed_text = identifier_ids (removed);
  g_assert_cmpstr (added_text, ==, added_ids);
  g_assert_cmpstr (removed_text, ==, removed_ids);
}

/* A relationship's records gained and lost: by type and id (not by
 * the rest of the identifier, nor its place), to-one and to-many, from
 * nothing and to nothing. */
static void
test_relation_items (void)
{
  /* To-many: one kept (moved, with meta), one gone, one new */
  assert_relation_items ("[{\"type\": \"cluster\", \"id\": \"a\"}, {\"type\": \"cluster\", \"id\": \"b\"}]",
                         "[{\"type\": \"cluster\", \"id\": \"c\"},"
                         " {\"type\": \"cluster\", \"id\": \"a\", \"meta\": {\"role\": \"lead\"}}]",
                         "c", "b");
  /* The same id of another type is another record */
  assert_relation_items ("[{\"type\": \"cluster\", \"id\": \"a\"}]",
                         "[{\"type\": \"partnership\", \"id\": \"a\"}]",
                         "a", "a");
  /* To-one: replaced, set, cleared, the same */
  assert_relation_items ("{\"type\": \"cluster\", \"id\": \"a\"}", "{\"type\": \"cluster\", \"id\": \"b\"}", "b", "a");
  assert_relation_items ("null", "{\"type\": \"cluster\", \"id\": \"b\"}", "b", "");
  assert_relation_items ("{\"type\": \"cluster\", \"id\": \"a\"}", NULL, "", "a");
  assert_relation_items ("{\"type\": \"cluster\", \"id\": \"a\"}", "{\"type\": \"cluster\", \"id\": \"a\"}", "", "");
  /* Nothing before: everything is added, in order; an identifier
   * without an id names no record */
  assert_relation_items (NULL, "[{\"type\": \"cluster\", \"id\": \"b\"}, {\"type\": \"cluster\"},"
                         " {\"type\": \"cluster\", \"id\": \"a\"}]", "b a", "");
  assert_relation_items ("[]", "[]", "", "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/attributes", test_attributes);
  g_test_add_func ("/diff/never-published", test_never_published);
  g_test_add_func ("/diff/relation-items", test_relation_items);
  g_test_add_func ("/diff/words", test_words);
  g_test_add_func ("/diff/words/random", test_words_random);
  g_test_add_func ("/diff/words/long", test_words_long);

  return g_test_run ();
}
