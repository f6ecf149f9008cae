/* test-criteria.c: the publication criteria of a cluster, as a checklist
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a manager reads before submitting (the app's checklist) and what
 * the portal, the store and `eccp submit` refuse with are one table:
 * these tests hold the checklist to the portal's rules (portal-api.md
 * section 3) and the errors to the checklist.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "eccp-validation.h"

#define PASSING "{\"management_fte\": 0.5, \"website\": \"https://x.eu\", " \
                "\"members\": {\"sme\": 10, \"research\": 5}}"

static GPtrArray *
evaluate (const char *attributes_json)
{
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(GError) error = NULL;

  if (attributes_json != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (attributes_json, &error);

      g_assert_no_error (error);
      attributes = json_object_ref (json_node_get_object (node));
    }

  return eccp_publication_criteria_evaluate (attributes);
}

static const EccpCriterion *
criterion (GPtrArray *criteria,
           guint      index)
{
  g_assert_cmpuint (criteria->len, ==, 4);
  return g_ptr_array_index (criteria, index);
}

/* "title:met" for each, in order: a compact picture of the checklist */
static char *
describe (GPtrArray *criteria)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < criteria->len; i++)
    {
      const EccpCriterion *c = g_ptr_array_index (criteria, i);

      g_test_message ("%s (%s): %s; now %s; fix: %s; %s", c->title, c->field,
                      c->met ? "met" : "not met", c->now, c->fix,
                      c->message != NULL ? c->message : "");
      g_string_append_printf (text, "%s%s:%s", i > 0 ? " " : "", c->field, c->met ? "met" : "unmet");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_checklist (const char *attributes_json,
                  const char *expected)
{
  g_autoptr(GPtrArray) criteria = evaluate (attributes_json);
  g_autofree char *described = describe (criteria);

  g_assert_cmpstr (described, ==, expected);
}

/* Every criterion is listed, met or not, with its title, field and fix. */
static void
test_all_listed (void)
{
  g_autoptr(GPtrArray) criteria = evaluate (PASSING);
  static const char * const titles[] = {
    "A management team of at least 0.5 FTE",
    "A website",
    "At least 15 members in all",
    "Members of at least two kinds",
  };
  static const char * const fields[] = { "management_fte", "website", "members", "members" };

  g_assert_cmpuint (criteria->len, ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < criteria->len; i++)
    {
      const EccpCriterion *c = criterion (criteria, i);

      g_assert_cmpstr (c->title, ==, titles[i]);
      g_assert_cmpstr (c->field, ==, fields[i]);
      g_assert_true (c->met);
      g_assert_nonnull (c->now);
      g_assert_nonnull (c->fix);
      g_assert_null (c->message);
    }
  g_assert_true (eccp_publication_criteria_all_met (criteria));

  /* What the record has now, in words */
  g_assert_cmpstr (criterion (criteria, 0)->now, ==, "0.5 FTE");
  g_assert_cmpstr (criterion (criteria, 1)->now, ==, "https://x.eu");
  g_assert_cmpstr (criterion (criteria, 2)->now, ==, "15 members");
  g_assert_cmpstr (criterion (criteria, 3)->now, ==, "SMEs, research");
}

/* Each rule on its own, at and around its limit */
static void
test_each_rule (void)
{
  assert_checklist (PASSING, "management_fte:met website:met members:met members:met");
  assert_checklist ("{\"management_fte\": 1, \"website\": \"https://x.eu\", "
                    "\"members\": {\"sme\": 12, \"large\": 1, \"other\": 2}}",
                    "management_fte:met website:met members:met members:met");
  assert_checklist ("{\"management_fte\": 0.49, \"website\": \"https://x.eu\", "
                    "\"members\": {\"sme\": 10, \"research\": 5}}",
                    "management_fte:unmet website:met members:met members:met");
  assert_checklist ("{\"website\": \"https://x.eu\", \"members\": {\"sme\": 10, \"research\": 5}}",
                    "management_fte:unmet website:met members:met members:met");
  assert_checklist ("{\"management_fte\": 0.5, \"members\": {\"sme\": 10, \"research\": 5}}",
                    "management_fte:met website:unmet members:met members:met");
  assert_checklist ("{\"management_fte\": 0.5, \"website\": \"  \", "
                    "\"members\": {\"sme\": 10, \"research\": 5}}",
                    "management_fte:met website:unmet members:met members:met");
  assert_checklist ("{\"management_fte\": 0.5, \"website\": null, "
                    "\"members\": {\"sme\": 10, \"research\": 5}}",
                    "management_fte:met website:unmet members:met members:met");
  assert_checklist ("{\"management_fte\": 0.5, \"website\": \"https://x.eu\", "
                    "\"members\": {\"sme\": 10, \"research\": 4}}",
                    "management_fte:met website:met members:unmet members:met");
  /* Many members of one kind: enough in all, not a triple helix */
  assert_checklist ("{\"management_fte\": 0.5, \"website\": \"https://x.eu\", "
                    "\"members\": {\"sme\": 40, \"large\": 0}}",
                    "management_fte:met website:met members:met members:unmet");
  /* Counts that are not integers count none, as on the portal */
  assert_checklist ("{\"management_fte\": 0.5, \"website\": \"https://x.eu\", "
                    "\"members\": {\"sme\": \"40\", \"research\": 1.5}}",
                    "management_fte:met website:met members:unmet members:unmet");
  assert_checklist ("{}", "management_fte:unmet website:unmet members:unmet members:unmet");
  assert_checklist (NULL, "management_fte:unmet website:unmet members:unmet members:unmet");
}

/* An unmet criterion says what the record has and how to fix it. */
static void
test_unmet_words (void)
{
  g_autoptr(GPtrArray) criteria = evaluate ("{\"management_fte\": 0.3, "
                                            "\"members\": {\"sme\": 14}}");

  g_assert_false (eccp_publication_criteria_all_met (criteria));

  g_assert_false (criterion (criteria, 0)->met);
  g_assert_cmpstr (criterion (criteria, 0)->now, ==, "0.3 FTE");
  g_assert_cmpstr (criterion (criteria, 0)->fix, ==, "Set the management team to at least 0.5 FTE");
  g_assert_cmpstr (criterion (criteria, 0)->message, ==,
                   "The management team must be at least 0.5 FTE (now 0.3)");

  g_assert_false (criterion (criteria, 1)->met);
  g_assert_cmpstr (criterion (criteria, 1)->now, ==, "No website");
  g_assert_cmpstr (criterion (criteria, 1)->fix, ==, "Add a website");

  g_assert_false (criterion (criteria, 2)->met);
  g_assert_cmpstr (criterion (criteria, 2)->now, ==, "14 members");
  g_assert_nonnull (strstr (criterion (criteria, 2)->message, "(now 14)"));

  g_assert_false (criterion (criteria, 3)->met);
  g_assert_cmpstr (criterion (criteria, 3)->now, ==, "Only SMEs");
  g_assert_nonnull (strstr (criterion (criteria, 3)->fix, "second kind"));
}

/* eccp_check_publication_criteria() (the portal's 422, `eccp submit`, the
 * store) is the checklist's unmet criteria, field and message alike. */
static void
test_errors_from_checklist (void)
{
  static const char * const records[] = {
    PASSING,
    "{}",
    "{\"management_fte\": 0.3, \"members\": {\"sme\": 14}}",
    "{\"management_fte\": 2, \"website\": \"https://x.eu\", \"members\": {\"other\": 100}}",
  };

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      g_autoptr(JsonNode) node = json_from_string (records[r], NULL);
      JsonObject *attributes = json_node_get_object (node);
      g_autoptr(GPtrArray) criteria = eccp_publication_criteria_evaluate (attributes);
      g_autoptr(GPtrArray) errors = eccp_check_publication_criteria (attributes);
      guint e = 0;

      for (guint i = 0; i < criteria->len; i++)
        {
          const EccpCriterion *c = g_ptr_array_index (criteria, i);
          const EccpFieldError *error;

          if (c->met)
            continue;

          g_assert_cmpuint (e, <, errors->len);
          error = g_ptr_array_index (errors, e++);
          g_assert_cmpstr (error->field, ==, c->field);
          g_assert_cmpstr (error->code, ==, "criteria_not_met");
          g_assert_cmpstr (error->message, ==, c->message);
        }
      g_assert_cmpuint (e, ==, errors->len);
      g_assert_true ((errors->len == 0) == eccp_publication_criteria_all_met (criteria));
    }
}

static void
test_copy (void)
{
  g_autoptr(GPtrArray) criteria = evaluate ("{}");
  g_autoptr(EccpCriterion) copy = eccp_criterion_copy (criterion (criteria, 1));

  g_assert_cmpstr (copy->title, ==, "A website");
  g_assert_cmpstr (copy->field, ==, "website");
  g_assert_false (copy->met);
  g_assert_cmpstr (copy->fix, ==, "Add a website");
  g_assert_cmpstr (copy->message, ==, criterion (criteria, 1)->message);
  g_assert_true (G_TYPE_IS_BOXED (ECCP_TYPE_CRITERION));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/criteria/all-listed", test_all_listed);
  g_test_add_func ("/criteria/each-rule", test_each_rule);
  g_test_add_func ("/criteria/unmet-words", test_unmet_words);
  g_test_add_func ("/criteria/errors-from-checklist", test_errors_from_checklist);
  g_test_add_func ("/criteria/copy", test_copy);

  return g_test_run ();
}
