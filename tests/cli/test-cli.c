/* test-cli.c: the `eccp` program, run for real against a fresh store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

/* the fixture and its short names: tests/common/eccp-test-cli.h */
#define ECCP_TEST_CLI_SHORT_NAMES
#include "eccp-test-cli.h"
#include "eccp-test-util.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-store.h"

#define ALPHA_ID "11111111-1111-4111-8111-111111111111"
#define BETA_ID  "22222222-2222-4222-8222-222222222222"
#define GAMMA_ID "33333333-3333-4333-8333-333333333333"

/* Runs eccp with @args; @env holds "NAME=VALUE" pairs to set ("NAME" alone
 * unsets), after ECCP_DB has been unset and XDG_DATA_HOME pointed into the
 * fixture's folder. */
static Result *
run_full (Fixture            *f,
          const char * const *env,
          const char * const *args)
{
  return eccp_test_run_cli (f->dir, env, NULL, args);
}

static void
assert_contains_nocase (const char *haystack,
                        const char *needle)
{
  g_autofree char *h = g_utf8_strdown (haystack, -1);
  g_autofree char *n = g_utf8_strdown (needle, -1);

  if (strstr (h, n) == NULL)
    {
      g_test_message ("“%s” not in “%s”", needle, haystack);
      g_assert_nonnull (strstr (h, n));
    }
}

/* The value on the "Label: value" line of a plain `show`, or %NULL. */
static char *
plain_value (const char *text,
             const char *label)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *prefix = g_strconcat (label, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));

  return NULL;
}

/* The created id: one UUID line on stdout. */
static char *
create_ok (Fixture            *f,
           const char * const *args)
{
  g_autoptr(Result) result = run_strv (f, args);
  char *id;

  assert_status (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (g_str_has_suffix (result->out, "\n"));
  id = g_strndup (result->out, strlen (result->out) - 1);
  g_assert_true (g_uuid_string_is_valid (id));

  return id;
}

#define create(f, ...) create_ok ((f), (const char *[]) { "create", __VA_ARGS__, NULL })

static JsonObject *
member_object (JsonNode   *node,
               const char *name)
{
  JsonObject *object = json_node_get_object (node);

  g_assert_true (json_object_has_member (object, name));
  return json_object_get_object_member (object, name);
}

static const char *
sync_state (JsonNode *resource)
{
  return json_object_get_string_member (member_object (resource, "meta"), "sync_state");
}

/* The ids of a `list --json` array, in order, joined with spaces. */
static char *
list_ids (Fixture            *f,
          const char * const *args)
{
  g_autoptr(Result) result = run_strv (f, args);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  JsonArray *array;

  assert_status (result, 0);
  root = parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *resource = json_array_get_object_element (array, i);

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, json_object_get_string_member (resource, "id"));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

#define list(f, ...) list_ids ((f), (const char *[]) { "list", __VA_ARGS__, "--json", NULL })

static gint64
status_count (Fixture    *f,
              const char *group,
              const char *name)
{
  g_autoptr(Result) result = run (f, "status", "--json");
  g_autoptr(JsonNode) root = NULL;

  assert_status (result, 0);
  root = parse_json (result->out);
  return json_object_get_int_member (member_object (root, group), name);
}

static char *
create_cluster (Fixture    *f,
                const char *name,
                const char *country,
                const char *ecosystems)
{
  g_autofree char *name_arg = g_strconcat ("name=", name, NULL);
  g_autofree char *country_arg = g_strconcat ("country=", country, NULL);
  g_autofree char *ecosystems_arg = g_strconcat ("ecosystems=", ecosystems, NULL);

  return create (f, "cluster", name_arg, country_arg, ecosystems_arg,
                 "profile_type=cluster_organisation");
}

/* ---- the tests ---- */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  const char * const *cases[] = {
    (const char *[]) { NULL },
    (const char *[]) { "bogus", NULL },
    (const char *[]) { "--bogus", "status", NULL },
    (const char *[]) { "list", NULL },
    (const char *[]) { "list", "bogus", NULL },
    (const char *[]) { "list", "cluster", "--bogus", NULL },
    (const char *[]) { "list", "cluster", "--limit", NULL },
    (const char *[]) { "list", "cluster", "--limit", "many", NULL },
    (const char *[]) { "list", "cluster", "--json=yes", NULL },
    (const char *[]) { "list", "cluster", "--where", "country", NULL },
    (const char *[]) { "list", "cluster", "--where", "nosuchfield=1", NULL },
    (const char *[]) { "list", "cluster", "--sort", "-nosuchfield", NULL },
    (const char *[]) { "list", "cluster", "extra", NULL },
    (const char *[]) { "show", "cluster", NULL },
    (const char *[]) { "show", "cluster", ALPHA_ID, "extra", NULL },
    (const char *[]) { "create", NULL },
    (const char *[]) { "create", "cluster", "name", NULL },
    (const char *[]) { "create", "cluster", "=x", NULL },
    (const char *[]) { "create", "bogus", "name=x", NULL },
    (const char *[]) { "set", "cluster", ALPHA_ID, NULL },
    (const char *[]) { "set", "cluster", ALPHA_ID, "members.nosuch=1", NULL },
    (const char *[]) { "delete", "cluster", NULL },
    (const char *[]) { "export", "cluster", "--format", "xml", NULL },
    (const char *[]) { "export", NULL },
    (const char *[]) { "import", NULL },
    (const char *[]) { "demo", "--scale", "0", NULL },
    (const char *[]) { "demo", "--scale", "lots", NULL },
    (const char *[]) { "status", "extra", NULL },
  };
  g_autoptr(Result) unknown_field = NULL;
  g_autoptr(Result) unknown_type = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) result = run_strv (f, cases[i]);
      g_autofree char *joined = g_strjoinv (" ", (char **) cases[i]);

      g_test_message ("eccp %s", joined);
      assert_status (result, 2);
      g_assert_true (g_str_has_prefix (result->err, "eccp: "));
      g_assert_nonnull (strstr (result->err, "Usage: eccp"));
      g_assert_cmpstr (result->out, ==, "");
    }

  /* The message names what is wrong, and what would be right. */
  unknown_field = run (f, "create", "cluster", "name=x", "nosuchfield=1");
  assert_status (unknown_field, 2);
  g_assert_nonnull (strstr (unknown_field->err, "nosuchfield"));
  g_assert_nonnull (strstr (unknown_field->err, "members.sme"));

  /* A usage mistake is found before the record is looked for. */
  g_clear_pointer (&unknown_field, eccp_test_result_free);
  unknown_field = run (f, "set", "cluster", "not-a-record", "nosuchfield=1");
  assert_status (unknown_field, 2);

  unknown_type = run (f, "list", "clusters");
  assert_status (unknown_type, 2);
  g_assert_nonnull (strstr (unknown_type->err, "clusters"));
  g_assert_nonnull (strstr (unknown_type->err, "checkin"));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) main_help = run (f, "--help");
  g_autoptr(Result) list_help = run (f, "list", "--help");
  g_autoptr(Result) create_help = run (f, "create", "cluster", "--help");
  g_autoptr(Result) export_help = run (f, "help", "export");
  g_autoptr(Result) version = run (f, "--version");

  assert_status (main_help, 0);
  g_assert_true (g_str_has_prefix (main_help->out, "Usage: eccp"));
  g_assert_nonnull (strstr (main_help->out, "Exit status"));
  for (const char *c = "demo list show create set delete status export import"; *c != '\0';)
    {
      gsize len = strcspn (c, " ");
      g_autofree char *line = g_strdup_printf ("\n  %.*s ", (int) len, c);

      g_assert_nonnull (strstr (main_help->out, line));
      c += len + (c[len] == ' ');
    }

  assert_status (list_help, 0);
  g_assert_nonnull (strstr (list_help->out, "--sort [-]FIELD"));
  g_assert_nonnull (strstr (list_help->out, "--where FIELD=VALUE"));

  assert_status (create_help, 0);
  g_assert_nonnull (strstr (create_help->out, "members.sme"));
  g_assert_nonnull (strstr (create_help->out, "exit status 2"));

  assert_status (export_help, 0);
  g_assert_nonnull (strstr (export_help->out, "CRLF"));

  assert_status (version, 0);
  g_assert_cmpstr (version->out, ==, "eccp " PACKAGE_VERSION "\n");
}

/* `show` and `list` print what a person reads, as the app shows it:
 * choices by their labels, countries by their names, the columns still
 * aligned; --json keeps the portal's values. */
static void
test_show_labels (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *serbian = create (f, "cluster", "name=Serbian Cluster", "country=RS",
                                     "ecosystems=Digital", "profile_type=cluster_organisation",
                                     "label=bronze");
  g_autofree char *ivorian = create (f, "cluster", "name=Ivorian Cluster", "country=CI",
                                     "ecosystems=Digital", "profile_type=cluster_project");
  g_autoptr(JsonNode) resource = show_json (f, "cluster", serbian);
  JsonObject *attributes = member_object (resource, "attributes");
  g_autoptr(Result) plain = run (f, "show", "cluster", serbian);
  g_autoptr(Result) listed = run (f, "list", "cluster", "--sort", "name");
  g_autoptr(Result) listed_json = run (f, "list", "cluster", "--json", "--sort", "name");
  g_auto(GStrv) lines = NULL;
  g_autofree char *value = NULL;
  const char *serbia;
  const char *ivory;

  g_assert_cmpstr (json_object_get_string_member (attributes, "country"), ==, "RS");
  g_assert_cmpstr (json_object_get_string_member (attributes, "profile_type"), ==, "cluster_organisation");
  g_assert_cmpstr (json_object_get_string_member (attributes, "label"), ==, "bronze");

  assert_status (plain, 0);
  value = plain_value (plain->out, "Country");
  g_assert_cmpstr (value, ==, "Serbia");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Profile type");
  g_assert_cmpstr (value, ==, "Cluster organisation");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Cluster label");
  g_assert_cmpstr (value, ==, "Bronze");

  /* The list: one line per cluster, Ivorian first, the country's name in
   * the same column of both lines although "Côte d'Ivoire" holds a
   * character of two bytes. */
  assert_status (listed, 0);
  lines = g_strsplit (listed->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  g_assert_true (g_str_has_prefix (lines[0], ivorian));
  g_assert_true (g_str_has_prefix (lines[1], serbian));
  ivory = strstr (lines[0], "Côte d");
  serbia = g_strrstr (lines[1], "Serbia"); /* not the "Serbian" of the name */
  g_assert_nonnull (ivory);
  g_assert_nonnull (serbia);
  g_assert_null (strstr (listed->out, " RS"));
  g_assert_cmpint (g_utf8_pointer_to_offset (lines[0], ivory), ==,
                   g_utf8_pointer_to_offset (lines[1], serbia));

  assert_status (listed_json, 0);
  g_assert_nonnull (strstr (listed_json->out, "\"country\" : \"RS\""));
  g_assert_null (strstr (listed_json->out, "\"Serbia\""));
}

static void
test_create_show (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cluster = create (f, "cluster", "name=Agricultural Equipment Cluster",
                                     "country=RS", "ecosystems=Digital,Health",
                                     "profile_type=cluster_organisation", "founded=2009");
  g_autofree char *other = create_cluster (f, "Other", "DE", "Digital");
  g_autofree char *partnership = NULL;
  g_autofree char *members_arg = g_strdup_printf ("members=%s,%s", cluster, other);
  g_autofree char *coordinator_arg = g_strconcat ("coordinator=", cluster, NULL);
  g_autoptr(JsonNode) resource = show_json (f, "cluster", cluster);
  g_autoptr(JsonNode) p = NULL;
  g_autoptr(Result) plain = NULL;
  g_autoptr(Result) listed = NULL;
  g_autoptr(JsonNode) array = NULL;
  JsonObject *object = json_node_get_object (resource);
  JsonObject *attributes = member_object (resource, "attributes");
  g_autofree char *value = NULL;
  JsonObject *relationships;
  JsonObject *coordinator;
  JsonArray *ecosystems;
  JsonArray *members;

  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "cluster");
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, cluster);
  g_assert_cmpstr (json_object_get_string_member (attributes, "name"), ==,
                   "Agricultural Equipment Cluster");
  g_assert_cmpstr (json_object_get_string_member (attributes, "country"), ==, "RS");
  g_assert_cmpint (json_object_get_int_member (attributes, "founded"), ==, 2009);
  ecosystems = json_object_get_array_member (attributes, "ecosystems");
  g_assert_cmpint (json_array_get_length (ecosystems), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ecosystems, 0), ==, "Digital");
  g_assert_cmpstr (json_array_get_string_element (ecosystems, 1), ==, "Health");
  g_assert_cmpstr (sync_state (resource), ==, "pending");

  /* Relationships by id. */
  partnership = create (f, "partnership", "name=Green Deal Partnership", "programme=ESCP-4i",
                        coordinator_arg, members_arg);
  p = show_json (f, "partnership", partnership);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (p), "type"), ==, "partnership");
  relationships = member_object (p, "relationships");
  coordinator = json_object_get_object_member (json_object_get_object_member (relationships, "coordinator"),
                                               "data");
  g_assert_nonnull (coordinator);
  g_assert_cmpstr (json_object_get_string_member (coordinator, "type"), ==, "cluster");
  g_assert_cmpstr (json_object_get_string_member (coordinator, "id"), ==, cluster);
  members = json_object_get_array_member (json_object_get_object_member (relationships, "members"), "data");
  g_assert_cmpint (json_array_get_length (members), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0), "id"), ==, cluster);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0), "type"), ==, "cluster");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 1), "id"), ==, other);
  g_assert_cmpstr (sync_state (p), ==, "pending");

  /* The plain form, for a person. */
  plain = run (f, "show", "cluster", cluster);
  assert_status (plain, 0);
  value = plain_value (plain->out, "Name");
  g_assert_cmpstr (value, ==, "Agricultural Equipment Cluster");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Industrial ecosystems");
  g_assert_cmpstr (value, ==, "Digital, Health");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Website");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "ID");
  g_assert_cmpstr (value, ==, cluster);
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Sync state");
  g_assert_true (g_str_has_prefix (value, "Pending"));
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Publication criteria");
  g_assert_true (g_str_has_prefix (value, "not met: "));
  g_clear_pointer (&value, g_free);

  /* A list is an array of resource objects. */
  listed = run (f, "list", "cluster", "--json", "--sort", "name");
  assert_status (listed, 0);
  array = parse_json (listed->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  g_assert_cmpint (json_array_get_length (json_node_get_array (array)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *item = json_array_get_object_element (json_node_get_array (array), i);

      g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "cluster");
      g_assert_true (json_object_has_member (item, "id"));
      g_assert_true (json_object_has_member (item, "attributes"));
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "meta"), "sync_state"),
                       ==, "pending");
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (array), 0), "id"),
                   ==, cluster);
}

static void
test_bad_value_writes_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = create (f, "cluster", "name=Wood Cluster", "country=HR",
                                "ecosystems=Construction", "profile_type=cluster_organisation",
                                "website=https://wood.example.hr", "founded=2001",
                                "members.sme=12");
  g_autoptr(Result) show_before = run (f, "show", "cluster", id, "--json");
  g_autoptr(Result) status_before = run (f, "status", "--json");
  g_autoptr(Result) export_before = run (f, "export", "cluster", "--format", "csv");
  g_autoptr(Result) show_after = NULL;
  g_autoptr(Result) status_after = NULL;
  g_autoptr(Result) export_after = NULL;
  g_autoptr(Result) both = NULL;
  static const struct { const char *word; const char *names; } bad[] = {
    { "website=ftp://x", "website" },
    { "members.sme=-3", "sme" },
    { "founded=1700", "founded" },
    { "founded=nineteen", "founded" },
    { "country=Croatia", "country" },
    { "ecosystems=Knitting", "ecosystem" },
    { "name=", "name" },
  };

  assert_status (show_before, 0);
  assert_status (status_before, 0);
  assert_status (export_before, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(Result) result = run (f, "set", "cluster", id, "city=Zagreb", bad[i].word);

      g_test_message ("set %s", bad[i].word);
      assert_status (result, 1);
      assert_one_line_error (result);
      assert_contains_nocase (result->err, bad[i].names);
      g_assert_cmpstr (result->out, ==, "");
    }

  /* Several bad fields: still one line, the messages joined with "; ". */
  both = run (f, "set", "cluster", id, "website=ftp://x", "founded=1700");
  assert_status (both, 1);
  assert_one_line_error (both);
  assert_contains_nocase (both->err, "website");
  assert_contains_nocase (both->err, "founded");
  g_assert_nonnull (strstr (both->err, "; "));

  /* A rejected creation makes no record either. */
  {
    g_autoptr(Result) result = run (f, "create", "cluster", "name=Bad", "country=HR",
                                    "ecosystems=Digital", "profile_type=cluster_organisation",
                                    "website=ftp://x");

    assert_status (result, 1);
    assert_one_line_error (result);
    assert_contains_nocase (result->err, "website");
    g_assert_cmpstr (result->out, ==, "");
  }

  show_after = run (f, "show", "cluster", id, "--json");
  status_after = run (f, "status", "--json");
  export_after = run (f, "export", "cluster", "--format", "csv");
  g_assert_cmpstr (show_after->out, ==, show_before->out);
  g_assert_cmpstr (status_after->out, ==, status_before->out);
  g_assert_cmpstr (export_after->out, ==, export_before->out);
}

static void
test_members_merge (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = create (f, "cluster", "name=Members Cluster", "country=AT",
                                "ecosystems=Health", "profile_type=cluster_organisation",
                                "members.sme=40", "members.large=3");
  g_autoptr(Result) set = run (f, "set", "cluster", id, "members.research=2", "city=Graz");
  g_autoptr(JsonNode) resource = NULL;
  JsonObject *members;

  assert_status (set, 0);
  g_assert_cmpstr (set->out, ==, "");

  resource = show_json (f, "cluster", id);
  members = json_object_get_object_member (member_object (resource, "attributes"), "members");
  g_assert_nonnull (members);
  g_assert_cmpint (json_object_get_int_member (members, "sme"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (members, "large"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (members, "research"), ==, 2);
  g_assert_false (json_object_has_member (members, "other"));
  g_assert_cmpstr (json_object_get_string_member (member_object (resource, "attributes"), "city"),
                   ==, "Graz");
}

static void
test_where_sort_search (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *alpha = create (f, "cluster", "name=Alpha", "country=DE",
                                   "ecosystems=Digital,Health", "profile_type=cluster_organisation",
                                   "members.sme=40");
  g_autofree char *beta = create (f, "cluster", "name=Beta", "country=FR", "ecosystems=Digital",
                                  "profile_type=cluster_organisation",
                                  "manager_name=Željko Erkapić");
  g_autofree char *gamma = create (f, "cluster", "name=Gamma", "country=DE", "ecosystems=Health",
                                   "profile_type=cluster_project", "members.sme=7");
  g_autofree char *coordinator_alpha = g_strconcat ("coordinator=", alpha, NULL);
  g_autofree char *coordinator_beta = g_strconcat ("coordinator=", beta, NULL);
  g_autofree char *members_arg = g_strdup_printf ("members=%s,%s", beta, gamma);
  g_autofree char *p1 = create (f, "partnership", "name=P1", "programme=ESCP-4i",
                                coordinator_alpha, members_arg);
  g_autofree char *p2 = create (f, "partnership", "name=P2", "programme=Excellence",
                                coordinator_beta);
  g_autofree char *abg = g_strjoin (" ", alpha, beta, gamma, NULL);
  g_autofree char *gba = g_strjoin (" ", gamma, beta, alpha, NULL);
  g_autofree char *ag = g_strjoin (" ", alpha, gamma, NULL);
  g_autofree char *ab = g_strjoin (" ", alpha, beta, NULL);
  g_autofree char *where_coordinator = g_strconcat ("coordinator=", alpha, NULL);
  g_autofree char *where_member = g_strconcat ("members=", gamma, NULL);
  g_autofree char *ids = NULL;
  g_autoptr(Result) plain = NULL;
  g_auto(GStrv) lines = NULL;

#define CHECK_IDS(expected, ...) \
  G_STMT_START { \
    g_free (ids); \
    ids = list (f, __VA_ARGS__); \
    g_assert_cmpstr (ids, ==, (expected)); \
  } G_STMT_END

  /* Sorting, both spellings of a reversed order. */
  CHECK_IDS (abg, "cluster", "--sort", "name");
  CHECK_IDS (gba, "cluster", "--sort", "-name");
  CHECK_IDS (gba, "cluster", "--sort=-name");

  /* --where on a scalar, a list, an object member, a relation; repeated. */
  CHECK_IDS (ag, "cluster", "--where", "country=DE", "--sort", "name");
  CHECK_IDS (ab, "cluster", "--where", "ecosystems=Digital", "--sort", "name");
  CHECK_IDS (alpha, "cluster", "--where", "ecosystems=Digital,Health");
  CHECK_IDS (alpha, "cluster", "--where", "country=DE", "--where", "ecosystems=Digital");
  CHECK_IDS (alpha, "cluster", "--where=members.sme=40");
  CHECK_IDS ("", "cluster", "--where", "country=DE", "--where", "ecosystems=Digital",
             "--where", "profile_type=cluster_project");
  CHECK_IDS (p1, "partnership", "--where", where_coordinator);
  CHECK_IDS (p1, "partnership", "--where", where_member);
  CHECK_IDS (p2, "partnership", "--where", "programme=Excellence");

  /* Search ignores case and diacritics. */
  CHECK_IDS (beta, "cluster", "--search", "zeljko erkapic");
  CHECK_IDS (beta, "cluster", "--search", "ŽELJKO");
  CHECK_IDS ("", "cluster", "--search", "zeljko nobody");

  /* --limit */
  CHECK_IDS (ab, "cluster", "--sort", "name", "--limit", "2");
  CHECK_IDS (abg, "cluster", "--sort", "name", "--limit", "0");

#undef CHECK_IDS

  /* The plain list: one line per record, the id, a mark, the name. */
  plain = run (f, "list", "cluster", "--sort", "-name");
  assert_status (plain, 0);
  g_assert_cmpstr (plain->err, ==, "");
  lines = g_strsplit (plain->out, "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], gamma));
  g_assert_true (g_str_has_prefix (lines[0] + strlen (gamma), " *  Gamma"));
  g_assert_true (g_str_has_prefix (lines[1], beta));
  g_assert_true (g_str_has_prefix (lines[1] + strlen (beta), " *  Beta"));
  g_assert_true (g_str_has_prefix (lines[2], alpha));
  g_assert_true (g_str_has_prefix (lines[2] + strlen (alpha), " *  Alpha"));

  /* Fewer than there are: stdout keeps one line per record, stderr says so. */
  g_clear_pointer (&plain, eccp_test_result_free);
  g_clear_pointer (&lines, g_strfreev);
  plain = run (f, "list", "cluster", "--sort", "name", "--limit", "1");
  assert_status (plain, 0);
  g_assert_cmpstr (plain->err, ==, "… and 2 more (use --limit)\n");
  lines = g_strsplit (plain->out, "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], alpha));
}

/* Calls by their next cut-off, by status, with their badges; --json
 * keeps the raw values.  The command line's now is the real one, so the
 * times are set from it. */
static char *
days_from_now (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autoptr(GDateTime) whole = g_date_time_new_utc (g_date_time_get_year (then), g_date_time_get_month (then),
                                                    g_date_time_get_day_of_month (then),
                                                    g_date_time_get_hour (then), g_date_time_get_minute (then), 0);

  return eccp_date_time_format_rfc3339 (whole);
}

/* A cut-off the status cannot read is shown for what it is, so that it
 * can be fixed, not hidden (portal data written by hand) */
static void
test_call_unreadable_deadline (Fixture       *f,
                               gconstpointer  data)
{
  static const char document_text[] =
    "{\"data\": [{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-0000000000e1\","
    " \"attributes\": {\"title\": \"Hand-written\","
    "  \"deadlines\": [\"2099-03-12T17:00:00+01:00\", \"2099-03-12T17:00:00+0100\", \"12 March\"]}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(Result) plain = NULL;
  g_autofree char *deadlines = NULL;

  {
    g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);
    g_autoptr(JsonNode) document = eccp_json_node_from_string (document_text, &error);

    g_assert_no_error (error);
    eccp_store_import_document (store, document, NULL, &error);
    g_assert_no_error (error);
  }

  plain = run (f, "show", "call", "00000000-0000-4000-8000-0000000000e1");
  assert_status (plain, 0);
  deadlines = plain_value (plain->out, "Deadlines");
  g_assert_nonnull (deadlines);
  g_assert_nonnull (strstr (deadlines, "2099"));
  g_assert_nonnull (strstr (deadlines, "; unreadable: 2099-03-12T17:00:00+0100; unreadable: 12 March"));
}

static void
test_calls_by_deadline (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *past = days_from_now (-10);
  g_autofree char *soon = days_from_now (3);
  g_autofree char *later = days_from_now (60);
  g_autofree char *opening = days_from_now (30);
  g_autofree char *closing_arg = g_strdup_printf ("deadlines=%s,%s", past, soon);
  g_autofree char *closed_arg = g_strconcat ("deadlines=", past, NULL);
  g_autofree char *later_arg = g_strconcat ("deadlines=", later, NULL);
  g_autofree char *opens_arg = g_strconcat ("opens_at=", opening, NULL);
  g_autofree char *closed = create (f, "call", "title=Closed", closed_arg);
  g_autofree char *forthcoming = create (f, "call", "title=Forthcoming", later_arg, opens_arg);
  g_autofree char *closing = create (f, "call", "title=Closing", closing_arg, "budget_eur=14280000");
  g_autofree char *order = g_strjoin (" ", closing, forthcoming, closed, NULL);
  g_autofree char *ids = NULL;
  g_autofree char *status = NULL;
  g_autofree char *budget = NULL;
  g_autoptr(Result) plain = NULL;
  g_autoptr(Result) bad = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *attributes;

#define CHECK_IDS(expected, ...) \
  G_STMT_START { \
    g_free (ids); \
    ids = list (f, __VA_ARGS__); \
    g_assert_cmpstr (ids, ==, (expected)); \
  } G_STMT_END

  /* What closes next first, the closed last; by status */
  CHECK_IDS (order, "call");
  CHECK_IDS (closing, "call", "--where", "status=open");
  CHECK_IDS (closing, "call", "--where", "status=closing");
  CHECK_IDS (forthcoming, "call", "--where", "status=forthcoming");
  CHECK_IDS (closed, "call", "--where", "status=closed");
  CHECK_IDS ("", "call", "--where", "status=closing", "--where", "title=Closed");

#undef CHECK_IDS

  bad = run (f, "list", "call", "--where", "status=soon");
  g_assert_cmpint (bad->status, !=, 0);
  eccp_test_assert_one_line_error (bad);

  /* The plain list shows badges */
  plain = run (f, "list", "call");
  assert_status (plain, 0);
  g_assert_nonnull (strstr (plain->out, "Closes in 3 days\n"));
  g_assert_nonnull (strstr (plain->out, "Opens "));
  g_assert_nonnull (strstr (plain->out, "Closed\n"));

  /* show: the status, every cut-off, the passed one said so, the budget
   * as an amount */
  g_clear_pointer (&plain, eccp_test_result_free);
  plain = run (f, "show", "call", closing);
  assert_status (plain, 0);
  status = plain_value (plain->out, "Status");
  budget = plain_value (plain->out, "Budget (EUR)");
  g_assert_cmpstr (status, ==, "Closes in 3 days");
  g_assert_cmpstr (budget, ==, "€14280000");
  g_assert_nonnull (strstr (plain->out, "(passed)"));

  /* --json: the values as they are */
  json = eccp_test_cli_show_json (f, "call", closing);
  attributes = member_object (json, "attributes");
  g_assert_cmpint (json_object_get_int_member (attributes, "budget_eur"), ==, 14280000);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (attributes, "deadlines"), 1),
                   ==, soon);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = create_cluster (f, "Short-lived", "BE", "Retail");
  g_autofree char *keep = create_cluster (f, "Staying", "BE", "Retail");
  g_autoptr(Result) deleted = run (f, "delete", "cluster", id);
  g_autoptr(Result) shown = NULL;
  g_autoptr(Result) again = NULL;
  g_autofree char *ids = NULL;

  assert_status (deleted, 0);
  g_assert_cmpstr (deleted->out, ==, "");

  shown = run (f, "show", "cluster", id);
  assert_status (shown, 1);
  assert_one_line_error (shown);
  g_assert_nonnull (strstr (shown->err, id));

  again = run (f, "delete", "cluster", id);
  assert_status (again, 1);
  assert_one_line_error (again);

  ids = list (f, "cluster");
  g_assert_cmpstr (ids, ==, keep);
}

static void
test_checkin_append_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *event = create (f, "event", "title=Cluster Matchmaking Days", "kind=matchmaking",
                                   "starts_at=2018-06-04T09:00:00+02:00",
                                   "ends_at=2018-06-05T17:00:00+02:00");
  g_autofree char *event_arg = g_strconcat ("event=", event, NULL);
  g_autofree char *attendee = create (f, "attendee", "name=Bianca Dragomir", event_arg);
  g_autofree char *attendee_arg = g_strconcat ("attendee=", attendee, NULL);
  g_autofree char *checkin = create (f, "checkin", "at=2018-06-04T09:12:00+02:00",
                                     event_arg, attendee_arg, "device=door-1");
  g_autoptr(Result) set = run (f, "set", "checkin", checkin, "device=door-2");
  g_autoptr(Result) deleted = run (f, "delete", "checkin", checkin);
  g_autoptr(JsonNode) resource = NULL;

  assert_status (set, 1);
  assert_one_line_error (set);
  assert_status (deleted, 1);
  assert_one_line_error (deleted);

  resource = show_json (f, "checkin", checkin);
  g_assert_cmpstr (json_object_get_string_member (member_object (resource, "attributes"), "device"),
                   ==, "door-1");
}

#define CLUSTER_JSON(id, name, rev, seq) \
  "{\"type\": \"cluster\", \"id\": \"" id "\", " \
  "\"attributes\": {\"name\": \"" name "\", \"profile_type\": \"cluster_organisation\", " \
  "\"country\": \"SI\", \"ecosystems\": [\"Tourism\"]}, " \
  "\"relationships\": {\"partnerships\": {\"data\": []}}, " \
  "\"meta\": {\"rev\": " #rev ", \"seq\": " #seq ", \"moderation_state\": \"published\", \"published\": null}}"

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  static const char first[] =
    "{\"data\": [" CLUSTER_JSON (ALPHA_ID, "Alpha Tourism", 1, 1) ", "
                   CLUSTER_JSON (BETA_ID, "Beta Tourism", 1, 2) ", "
                   CLUSTER_JSON (GAMMA_ID, "Gamma Tourism", 1, 3) "]}";
  static const char page[] =
    "{\"data\": ["
    "{\"type\": \"cluster\", \"id\": \"" ALPHA_ID "\", \"meta\": {\"seq\": 4, \"deleted\": true}}, "
    "{\"type\": \"cluster\", \"id\": \"" BETA_ID "\", "
    " \"attributes\": {\"name\": \"Beta Tourism Cluster\", \"profile_type\": \"cluster_organisation\", "
    "  \"country\": \"SI\", \"ecosystems\": [\"Tourism\"], \"green_label\": {\"since\": 2024}}, "
    " \"relationships\": {}, \"meta\": {\"rev\": 2, \"seq\": 5, \"moderation_state\": \"published\"}}, "
    CLUSTER_JSON (GAMMA_ID, "Gamma Tourism (portal)", 2, 6)
    "], \"meta\": {\"cursor\": \"6\", \"remaining\": 0}}";
  g_autofree char *first_path = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *bad_path = NULL;
  g_autoptr(Result) imported = NULL;
  g_autoptr(Result) paged = NULL;
  g_autoptr(Result) local = NULL;
  g_autoptr(Result) gone = NULL;
  g_autoptr(Result) missing = NULL;
  g_autoptr(Result) bad = NULL;
  g_autoptr(JsonNode) beta = NULL;
  g_autoptr(JsonNode) gamma = NULL;
  JsonObject *green;

  write_file (f, "first.json", first, &first_path);
  write_file (f, "page.json", page, &page_path);
  write_file (f, "bad.json", "{\"data\": [{\"type\": \"cluster\"", &bad_path);

  imported = run (f, "import", first_path);
  assert_status (imported, 0);
  g_assert_cmpstr (imported->out, ==, "Imported: 3 new, 0 updated, 0 deleted, 0 kept (local changes)\n");
  g_assert_cmpint (status_count (f, "records", "cluster"), ==, 3);
  g_assert_cmpint (status_count (f, "changes", "pending"), ==, 0);

  /* A local change the portal's page must not overwrite. */
  local = run (f, "set", "cluster", GAMMA_ID, "city=Bled");
  assert_status (local, 0);

  paged = run (f, "import", page_path);
  assert_status (paged, 0);
  g_assert_cmpstr (paged->out, ==, "Imported: 0 new, 1 updated, 1 deleted, 1 kept (local changes)\n");

  gone = run (f, "show", "cluster", ALPHA_ID);
  assert_status (gone, 1);

  beta = show_json (f, "cluster", BETA_ID);
  g_assert_cmpstr (sync_state (beta), ==, "synced");
  g_assert_cmpint (json_object_get_int_member (member_object (beta, "meta"), "rev"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (member_object (beta, "attributes"), "name"),
                   ==, "Beta Tourism Cluster");
  green = json_object_get_object_member (member_object (beta, "attributes"), "green_label");
  g_assert_nonnull (green);
  g_assert_cmpint (json_object_get_int_member (green, "since"), ==, 2024);

  gamma = show_json (f, "cluster", GAMMA_ID);
  g_assert_cmpstr (sync_state (gamma), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (member_object (gamma, "attributes"), "city"),
                   ==, "Bled");

  g_assert_cmpint (status_count (f, "records", "cluster"), ==, 2);
  g_assert_cmpint (status_count (f, "changes", "pending"), ==, 1);

  /* What cannot be imported is a failure, and changes nothing. */
  missing = run (f, "import", "/nonexistent/changes.json");
  assert_status (missing, 1);
  assert_one_line_error (missing);
  bad = run (f, "import", bad_path);
  assert_status (bad, 1);
  assert_one_line_error (bad);
  g_assert_cmpint (status_count (f, "records", "cluster"), ==, 2);
}

/* RFC 4180, enough for the test: cells of one record. */
static GPtrArray *
csv_split (const char  *text,
           const char **end)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = text;

  for (;;)
    {
      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  g_string_append_c (cell, *p);
                }
            }
        }
      else
        {
          for (; *p != '\0' && *p != ',' && *p != '\r' && *p != '\n'; p++)
            g_string_append_c (cell, *p);
        }

      g_ptr_array_add (cells, g_strdup (cell->str));
      g_string_truncate (cell, 0);

      if (*p == ',')
        {
          p++;
          continue;
        }

      g_assert_true (g_str_has_prefix (p, "\r\n"));
      *end = p + 2;
      break;
    }

  g_string_free (cell, TRUE);
  return cells;
}

static const char *
csv_cell (GPtrArray  *header,
          GPtrArray  *row,
          const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (header, i), name) == 0)
      return g_ptr_array_index (row, i);

  g_assert_not_reached ();
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = create (f, "cluster", "name=Smith, \"Jones\" & Co", "country=IE",
                                "ecosystems=Digital,Health", "profile_type=cluster_organisation",
                                "members.sme=3", "description=Line one\nLine two");
  const EccpTypeSpec *type = eccp_type_spec_lookup ("cluster");
  g_autoptr(Result) csv = run (f, "export", "cluster", "--format", "csv");
  g_autoptr(Result) json = run (f, "export", "cluster");
  g_autoptr(GString) expected = g_string_new ("id");
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) row = NULL;
  g_autoptr(JsonNode) array = NULL;
  const char *p;

  g_assert_nonnull (type);
  assert_status (csv, 0);

  /* The header: id, the fields in spec order with objects expanded, meta. */
  for (guint i = 0; i < type->n_fields; i++)
    {
      if (type->fields[i].kind == ECCP_FIELD_OBJECT)
        for (guint j = 0; j < type->fields[i].n_children; j++)
          g_string_append_printf (expected, ",%s.%s", type->fields[i].name,
                                  type->fields[i].children[j].name);
      else
        g_string_append_printf (expected, ",%s", type->fields[i].name);
    }
  g_string_append (expected, ",rev,moderation_state,sync_state\r\n");
  g_assert_true (g_str_has_prefix (csv->out, expected->str));
  g_assert_true (g_str_has_prefix (csv->out, "id,name,"));
  g_assert_nonnull (strstr (csv->out, ",members.sme,members.large,members.research,members.other,"));

  /* Quoting: commas and quotes inside a cell. */
  g_assert_nonnull (strstr (csv->out, ",\"Smith, \"\"Jones\"\" & Co\","));
  g_assert_nonnull (strstr (csv->out, ",\"Line one\nLine two\","));

  header = csv_split (csv->out, &p);
  row = csv_split (p, &p);
  g_assert_cmpstr (p, ==, "");
  g_assert_cmpint (row->len, ==, header->len);
  g_assert_cmpstr (csv_cell (header, row, "id"), ==, id);
  g_assert_cmpstr (csv_cell (header, row, "name"), ==, "Smith, \"Jones\" & Co");
  g_assert_cmpstr (csv_cell (header, row, "ecosystems"), ==, "Digital; Health");
  g_assert_cmpstr (csv_cell (header, row, "members.sme"), ==, "3");
  g_assert_cmpstr (csv_cell (header, row, "members.large"), ==, "");
  g_assert_cmpstr (csv_cell (header, row, "description"), ==, "Line one\nLine two");
  g_assert_cmpstr (csv_cell (header, row, "country"), ==, "IE");
  g_assert_cmpstr (csv_cell (header, row, "sync_state"), ==, "pending");

  assert_status (json, 0);
  array = parse_json (json->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  g_assert_cmpint (json_array_get_length (json_node_get_array (array)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (array), 0), "id"),
                   ==, id);
}

static void
test_env_db (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *env_db = g_build_filename (f->dir, "env.db", NULL);
  g_autofree char *env_assign = g_strconcat ("ECCP_DB=", env_db, NULL);
  g_autofree char *xdg_db = g_build_filename (f->dir, "xdg", "eccp-desk", "store.db", NULL);
  g_autoptr(Result) created = run_full (f, (const char *[]) { env_assign, NULL },
                                        (const char *[]) { "create", "cluster", "name=From Env",
                                                           "country=PL", "ecosystems=Digital",
                                                           "profile_type=cluster_organisation",
                                                           NULL });
  g_autoptr(Result) env_status = run_full (f, (const char *[]) { env_assign, NULL },
                                           (const char *[]) { "status", "--json", NULL });
  g_autoptr(Result) db_wins = run_full (f, (const char *[]) { env_assign, NULL },
                                        (const char *[]) { "--db", f->db, "status", "--json", NULL });
  g_autoptr(Result) xdg_status = run_full (f, NULL, (const char *[]) { "status", "--json", NULL });
  g_autoptr(Result) db_after = run_full (f, NULL, (const char *[]) { "status", "--json", "--db", env_db, NULL });
  g_autoptr(JsonNode) root = NULL;

  assert_status (created, 0);
  g_assert_true (g_file_test (env_db, G_FILE_TEST_EXISTS));

  assert_status (env_status, 0);
  root = parse_json (env_status->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "path"), ==, env_db);
  g_assert_cmpint (json_object_get_int_member (member_object (root, "records"), "cluster"), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  assert_status (db_wins, 0);
  root = parse_json (db_wins->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "path"), ==, f->db);
  g_assert_cmpint (json_object_get_int_member (member_object (root, "records"), "cluster"), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* Without either: $XDG_DATA_HOME/eccp-desk/store.db, folder made. */
  assert_status (xdg_status, 0);
  root = parse_json (xdg_status->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "path"), ==, xdg_db);
  g_assert_true (g_file_test (xdg_db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&root, json_node_unref);

  /* --db after the command works as well. */
  assert_status (db_after, 0);
  root = parse_json (db_after->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "path"), ==, env_db);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = create_cluster (f, "Status A", "ES", "Tourism");
  g_autofree char *b = create_cluster (f, "Status B", "PT", "Tourism");
  g_autofree char *coordinator = g_strconcat ("coordinator=", a, NULL);
  g_autofree char *p = create (f, "partnership", "name=Status P", "programme=ESCP-S3", coordinator);
  g_autoptr(Result) status = run (f, "status", "--json");
  g_autoptr(Result) deleted = run (f, "delete", "cluster", b);
  g_autoptr(Result) after = run (f, "status", "--json");
  g_autoptr(Result) plain = run (f, "status");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root_after = NULL;
  g_autofree char *partnerships = list (f, "partnership");
  JsonObject *records;
  JsonObject *changes;

  assert_status (status, 0);
  root = parse_json (status->out);
  records = member_object (root, "records");
  changes = member_object (root, "changes");
  g_assert_cmpint (json_object_get_size (records), ==, 7);
  g_assert_cmpint (json_object_get_int_member (records, "cluster"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (records, "partnership"), ==, 1);
  for (const char * const *t = (const char *[]) { "event", "call", "attendee", "meeting", "checkin", NULL };
       *t != NULL; t++)
    g_assert_cmpint (json_object_get_int_member (records, *t), ==, 0);
  g_assert_cmpint (json_object_get_size (changes), ==, 4);
  g_assert_cmpint (json_object_get_int_member (changes, "pending"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (changes, "conflict"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (changes, "rejected"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (changes, "invalid"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "path"), ==, f->db);

  /* Created and deleted before it was ever sent: no change left at all. */
  assert_status (deleted, 0);
  root_after = parse_json (after->out);
  g_assert_cmpint (json_object_get_int_member (member_object (root_after, "records"), "cluster"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (member_object (root_after, "changes"), "pending"), ==, 2);

  assert_status (plain, 0);
  g_assert_nonnull (strstr (plain->out, f->db));
  g_assert_nonnull (strstr (plain->out, "Clusters"));
  g_assert_nonnull (strstr (plain->out, "Pending"));
  g_assert_cmpstr (partnerships, ==, p);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) demo = run (f, "demo", "--scale", "50");
  g_autoptr(Result) status = NULL;
  g_autoptr(Result) again = NULL;
  g_autoptr(Result) status_again = NULL;
  g_autoptr(Result) found = NULL;
  g_autoptr(Result) plain = NULL;
  g_autoptr(Result) limited = NULL;
  g_autoptr(JsonNode) array = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean seen = FALSE;

  assert_status (demo, 0);
  g_assert_true (g_str_has_prefix (demo->out, "Loaded the demo data: 50 clusters, "));
  g_assert_cmpint (status_count (f, "records", "cluster"), ==, 50);
  g_assert_cmpint (status_count (f, "changes", "pending"), ==, 0);

  /* The same records, with the same ids, every time. */
  status = run (f, "status", "--json");
  again = run (f, "demo", "--scale", "50");
  assert_status (again, 0);
  status_again = run (f, "status", "--json");
  g_assert_cmpstr (status_again->out, ==, status->out);

  found = run (f, "list", "cluster", "--search", "zeljko", "--json");
  assert_status (found, 0);
  array = parse_json (found->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (array)); i++)
    {
      JsonObject *cluster = json_array_get_object_element (json_node_get_array (array), i);
      JsonObject *attributes = json_object_get_object_member (cluster, "attributes");

      if (g_strcmp0 (json_object_get_string_member_with_default (attributes, "manager_name", NULL),
                     "Željko Erkapić") == 0)
        seen = TRUE;
    }
  g_assert_true (seen);

  /* The plain listing: 50 by default; with fewer, it says how many more. */
  plain = run (f, "list", "cluster");
  assert_status (plain, 0);
  g_assert_cmpstr (plain->err, ==, "");
  lines = g_strsplit (plain->out, "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 51);

  limited = run (f, "list", "cluster", "--limit", "10");
  assert_status (limited, 0);
  g_assert_cmpstr (limited->err, ==, "… and 40 more (use --limit)\n");
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (limited->out, "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 11);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpint (strlen (lines[i]), >, 36);
      {
        g_autofree char *id = g_strndup (lines[i], 36);

        g_assert_true (g_uuid_string_is_valid (id));
        g_assert_cmpint (lines[i][36], ==, ' ');
        g_assert_cmpint (lines[i][37], ==, ' '); /* synced: no mark */
      }
    }
}

/* `eccp diff`: the working copy against meta.published, as a reviewer
 * reads it: labels and names, a member of an object, a list's items gained
 * and lost, a long text word by word; --json with the raw values. */
static void
test_diff (Fixture       *f,
           gconstpointer  data)
{
  static const char document[] =
    "{\"data\": [{\"type\": \"cluster\", \"id\": \"7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e\","
    " \"attributes\": {\"name\": \"Agro Cluster\", \"profile_type\": \"cluster_organisation\","
    "   \"country\": \"RS\", \"website\": \"https://agro.example.eu\", \"ecosystems\": [\"Digital\", \"Health\"],"
    "   \"description\": \"Makers of agricultural machinery in Vojvodina.\", \"members\": {\"sme\": 41, \"large\": 3}},"
    " \"relationships\": {},"
    " \"meta\": {\"rev\": 3, \"seq\": 7, \"moderation_state\": \"needs_review\","
    "   \"published\": {\"name\": \"Agro Cluster\", \"profile_type\": \"cluster_project\", \"country\": \"RS\","
    "     \"city\": \"Novi Sad\", \"ecosystems\": [\"Agri-food\", \"Digital\"],"
    "     \"description\": \"Makers of farm machinery in Vojvodina.\", \"members\": {\"sme\": 40, \"large\": 3}}}}]}";
  g_autofree char *path = NULL;
  g_autoptr(Result) imported = NULL;
  g_autoptr(Result) plain = NULL;
  g_autoptr(Result) json = NULL;
  g_autoptr(Result) every = NULL;
  g_autoptr(Result) fresh = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *made = NULL;
  g_autofree char *value = NULL;
  JsonArray *array;
  JsonObject *first;

  write_file (f, "review.json", document, &path);
  imported = run (f, "import", path);
  assert_status (imported, 0);

  plain = run (f, "diff", "cluster", "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e");
  assert_status (plain, 0);
  value = plain_value (plain->out, "Profile type");
  g_assert_cmpstr (value, ==, "Cluster project → Cluster organisation");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "City");
  g_assert_cmpstr (value, ==, "removed (was: Novi Sad)");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Website");
  g_assert_cmpstr (value, ==, "added: https://agro.example.eu");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Description");
  g_assert_cmpstr (value, ==, "Makers of [-farm-]{+agricultural+} machinery in Vojvodina.");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Industrial ecosystems");
  g_assert_cmpstr (value, ==, "+ Health; − Agri-food");
  g_clear_pointer (&value, g_free);
  value = plain_value (plain->out, "Members (SME)");
  g_assert_cmpstr (value, ==, "40 → 41");
  g_assert_null (strstr (plain->out, "Name:"));
  g_assert_null (strstr (plain->out, "Members (large companies):"));

  json = run (f, "diff", "cluster", "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e", "--json");
  assert_status (json, 0);
  node = parse_json (json->out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "field"), ==, "profile_type");
  g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "Profile type");
  g_assert_cmpstr (json_object_get_string_member (first, "change"), ==, "changed");
  g_assert_cmpstr (json_object_get_string_member (first, "published"), ==, "cluster_project");
  g_assert_cmpstr (json_object_get_string_member (first, "current"), ==, "cluster_organisation");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 1), "current"));

  every = run (f, "diff", "cluster", "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e", "--all");
  assert_status (every, 0);
  g_clear_pointer (&value, g_free);
  value = plain_value (every->out, "Name");
  g_assert_cmpstr (value, ==, "Agro Cluster");

  /* Never published: every field set is new. */
  made = create (f, "cluster", "name=Made Here", "country=SK", "ecosystems=Health",
                 "profile_type=cluster_project");
  fresh = run (f, "diff", "cluster", made);
  assert_status (fresh, 0);
  g_assert_true (g_str_has_prefix (fresh->out, "Never published: every field is new\n"));
  g_clear_pointer (&value, g_free);
  value = plain_value (fresh->out, "Country");
  g_assert_cmpstr (value, ==, "added: Slovakia");
}

/* `eccp review`: what waits for staff, oldest submission first, every
 * moderated type; published records and attendees are not in it. */
static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  static const char document[] =
    "{\"data\": ["
    " {\"type\": \"call\", \"id\": \"c0000000-0000-4000-8000-000000000001\","
    "  \"attributes\": {\"title\": \"Second in the queue\", \"deadlines\": [\"2026-12-20T17:00:00+01:00\"]},"
    "  \"relationships\": {}, \"meta\": {\"rev\": 2, \"seq\": 1, \"moderation_state\": \"needs_review\","
    "  \"changed\": \"2026-12-02T10:00:00+01:00\"}},"
    " {\"type\": \"cluster\", \"id\": \"c0000000-0000-4000-8000-000000000002\","
    "  \"attributes\": {\"name\": \"First in the queue\", \"profile_type\": \"cluster_project\", \"country\": \"PL\","
    "   \"ecosystems\": [\"Digital\"]},"
    "  \"relationships\": {}, \"meta\": {\"rev\": 5, \"seq\": 2, \"moderation_state\": \"needs_review\","
    "  \"changed\": \"2026-12-01T09:30:00+01:00\"}},"
    " {\"type\": \"cluster\", \"id\": \"c0000000-0000-4000-8000-000000000003\","
    "  \"attributes\": {\"name\": \"Published already\", \"profile_type\": \"cluster_project\", \"country\": \"PL\","
    "   \"ecosystems\": [\"Digital\"]},"
    "  \"relationships\": {}, \"meta\": {\"rev\": 1, \"seq\": 3, \"moderation_state\": \"published\","
    "  \"changed\": \"2026-11-01T09:30:00+01:00\"}}]}";
  g_autofree char *path = NULL;
  g_autoptr(Result) empty = run (f, "review");
  g_autoptr(Result) imported = NULL;
  g_autoptr(Result) plain = NULL;
  g_autoptr(Result) json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *array;
  JsonObject *first;

  assert_status (empty, 0);
  g_assert_cmpstr (empty->out, ==, "Nothing waits for review\n");

  write_file (f, "queue.json", document, &path);
  imported = run (f, "import", path);
  assert_status (imported, 0);

  plain = run (f, "review");
  assert_status (plain, 0);
  lines = g_strsplit (plain->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3); /* two, and the end */
  g_assert_true (g_str_has_prefix (lines[0], "c0000000-0000-4000-8000-000000000002  Cluster  "));
  g_assert_true (g_str_has_suffix (lines[0], "  First in the queue"));
  g_assert_true (g_str_has_prefix (lines[1], "c0000000-0000-4000-8000-000000000001  Call     "));

  json = run (f, "review", "--json");
  assert_status (json, 0);
  node = parse_json (json->out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "cluster");
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "c0000000-0000-4000-8000-000000000002");
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "First in the queue");
  g_assert_cmpstr (json_object_get_string_member (first, "submitted"), ==, "2026-12-01T09:30:00+01:00");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

  ADD ("/cli/usage", test_usage);
  ADD ("/cli/help", test_help);
  ADD ("/cli/create-show", test_create_show);
  ADD ("/cli/show-labels", test_show_labels);
  ADD ("/cli/diff", test_diff);
  ADD ("/cli/review", test_review);
  ADD ("/cli/bad-value-writes-nothing", test_bad_value_writes_nothing);
  ADD ("/cli/members-merge", test_members_merge);
  ADD ("/cli/where-sort-search", test_where_sort_search);
  ADD ("/cli/calls-by-deadline", test_calls_by_deadline);
  ADD ("/cli/call-unreadable-deadline", test_call_unreadable_deadline);
  ADD ("/cli/delete", test_delete);
  ADD ("/cli/checkin-append-only", test_checkin_append_only);
  ADD ("/cli/import", test_import);
  ADD ("/cli/export-csv", test_export_csv);
  ADD ("/cli/env-db", test_env_db);
  ADD ("/cli/status", test_status);
  ADD ("/cli/demo", test_demo);

#undef ADD

  return g_test_run ();
}
