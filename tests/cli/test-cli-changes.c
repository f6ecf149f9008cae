/* test-cli-changes.c: eccp changes, resolve, discard, the moderation
 * transitions, checkin and login, run for real against a fresh store
 *
 * A conflict is made without a portal: a record imported as the portal's,
 * edited with `eccp set`, then a newer page of /changes applied as the
 * sync engine applies it (the core API, on the same file, while no eccp
 * runs).
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

/* the fixture and its short names: tests/common/eccp-test-cli.h */
#define ECCP_TEST_CLI_SHORT_NAMES
#include "eccp-test-cli.h"
#include "eccp-test-server.h"
#include "eccp-test-util.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eccp-account.h"
#include "eccp-json.h"
#include "eccp-store.h"
#include "eccp-store-sync.h"

#define ALPHA_ID    "11111111-1111-4111-8111-111111111111"
#define BETA_ID     "22222222-2222-4222-8222-222222222222"
#define GAMMA_ID    "33333333-3333-4333-8333-333333333333"
#define DELTA_ID    "44444444-4444-4444-8444-444444444444"
#define EPSILON_ID  "55555555-5555-4555-8555-555555555555"
#define EVENT1_ID   "e1111111-1111-4111-8111-111111111111"
#define EVENT2_ID   "e2222222-2222-4222-8222-222222222222"
#define ATTENDEE1_ID "a1111111-1111-4111-8111-111111111111"
#define ATTENDEE2_ID "a2222222-2222-4222-8222-222222222222"

#define CLUSTER_BASICS "\"profile_type\": \"cluster_organisation\", \"ecosystems\": [\"Digital\"]"

/* The portal's state: five clusters, two events, an attendee of each. */
static const char page_one[] =
  "{\"data\": ["
  " {\"type\": \"cluster\", \"id\": \"" ALPHA_ID "\","
  "  \"attributes\": {\"name\": \"Alpha\", \"acronym\": \"AL\", \"city\": \"Base City\","
  "                  \"country\": \"RS\", " CLUSTER_BASICS "},"
  "  \"meta\": {\"rev\": 1, \"seq\": 1, \"moderation_state\": \"draft\"}},"
  " {\"type\": \"cluster\", \"id\": \"" BETA_ID "\","
  "  \"attributes\": {\"name\": \"Beta Cluster\", \"country\": \"DE\", " CLUSTER_BASICS ","
  "                  \"website\": \"https://beta.example.eu\", \"management_fte\": 1.5,"
  "                  \"members\": {\"sme\": 10, \"large\": 3, \"research\": 2, \"other\": 0}},"
  "  \"meta\": {\"rev\": 3, \"seq\": 2, \"moderation_state\": \"draft\"}},"
  " {\"type\": \"cluster\", \"id\": \"" GAMMA_ID "\","
  "  \"attributes\": {\"name\": \"Gamma Cluster\", \"country\": \"FR\", " CLUSTER_BASICS ","
  "                  \"management_fte\": 2, \"members\": {\"sme\": 20}},"
  "  \"meta\": {\"rev\": 1, \"seq\": 3, \"moderation_state\": \"draft\"}},"
  " {\"type\": \"cluster\", \"id\": \"" DELTA_ID "\","
  "  \"attributes\": {\"name\": \"Delta Cluster\", \"country\": \"UA\", " CLUSTER_BASICS "},"
  "  \"meta\": {\"rev\": 1, \"seq\": 4, \"moderation_state\": \"published\"}},"
  " {\"type\": \"cluster\", \"id\": \"" EPSILON_ID "\","
  "  \"attributes\": {\"name\": \"Epsilon Cluster\", \"country\": \"TW\", " CLUSTER_BASICS "},"
  "  \"meta\": {\"rev\": 1, \"seq\": 5, \"moderation_state\": \"published\"}},"
  " {\"type\": \"event\", \"id\": \"" EVENT1_ID "\","
  "  \"attributes\": {\"title\": \"Matchmaking Kraków\", \"kind\": \"matchmaking\","
  "                  \"starts_at\": \"2026-06-04T09:00:00+02:00\","
  "                  \"ends_at\": \"2026-06-04T17:00:00+02:00\"},"
  "  \"meta\": {\"rev\": 1, \"seq\": 6, \"moderation_state\": \"published\"}},"
  " {\"type\": \"event\", \"id\": \"" EVENT2_ID "\","
  "  \"attributes\": {\"title\": \"Webinar Two\", \"kind\": \"webinar\","
  "                  \"starts_at\": \"2026-07-01T10:00:00+02:00\","
  "                  \"ends_at\": \"2026-07-01T11:00:00+02:00\"},"
  "  \"meta\": {\"rev\": 1, \"seq\": 7, \"moderation_state\": \"published\"}},"
  " {\"type\": \"attendee\", \"id\": \"" ATTENDEE1_ID "\","
  "  \"attributes\": {\"name\": \"Željko Erkapić\", \"role\": \"participant\"},"
  "  \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT1_ID "\"}}},"
  "  \"meta\": {\"rev\": 1, \"seq\": 8}},"
  " {\"type\": \"attendee\", \"id\": \"" ATTENDEE2_ID "\","
  "  \"attributes\": {\"name\": \"Bianca Dragomir\", \"role\": \"speaker\"},"
  "  \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT2_ID "\"}}},"
  "  \"meta\": {\"rev\": 1, \"seq\": 9}}"
  "], \"meta\": {\"cursor\": \"9\", \"remaining\": 0}}";

/* Later on the portal: Alpha changed in the same three fields as here (and
 * one more), Delta deleted. */
static const char page_two[] =
  "{\"data\": ["
  " {\"type\": \"cluster\", \"id\": \"" ALPHA_ID "\","
  "  \"attributes\": {\"name\": \"Alpha Portal\", \"acronym\": \"AP\", \"city\": \"Portal City\","
  "                  \"description\": \"From the portal\","
  "                  \"country\": \"RS\", " CLUSTER_BASICS "},"
  "  \"meta\": {\"rev\": 2, \"seq\": 10, \"moderation_state\": \"draft\"}},"
  " {\"type\": \"cluster\", \"id\": \"" DELTA_ID "\", \"meta\": {\"seq\": 11, \"deleted\": true}}"
  "], \"meta\": {\"cursor\": \"11\", \"remaining\": 0}}";

/* Runs eccp with @args and @input on stdin; @env holds "NAME=VALUE" pairs
 * to set ("NAME" alone unsets), after ECCP_DB and ECCP_TOKEN have been
 * unset and XDG_DATA_HOME pointed into the fixture's folder. */
static Result *
run_full (Fixture            *f,
          const char * const *env,
          const char         *input,
          const char * const *args)
{
  return eccp_test_run_cli (f->dir, env, input, args);
}

/* A usage mistake: status 2, the message and the command's usage. */
static void
assert_usage_error_impl (Result     *result,
                         const char *file,
                         int         line)
{
  assert_status_impl (result, 2, file, line);
  g_assert_true (g_str_has_prefix (result->err, "eccp: "));
  g_assert_nonnull (strstr (result->err, "\nUsage: eccp "));
  g_assert_cmpstr (result->out, ==, "");
}

#define assert_usage_error(result) assert_usage_error_impl ((result), __FILE__, __LINE__)

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    {
      g_test_message ("“%s” in “%s”", needle, haystack);
      g_assert_null (strstr (haystack, needle));
    }
}

static JsonObject *
member_object (JsonNode   *node,
               const char *name)
{
  JsonObject *object = json_node_get_object (node);

  g_assert_true (json_object_has_member (object, name));
  return json_object_get_object_member (object, name);
}

static const char *
attribute (JsonNode   *resource,
           const char *name)
{
  return json_object_get_string_member_with_default (member_object (resource, "attributes"),
                                                      name, NULL);
}

static const char *
meta_string (JsonNode   *resource,
             const char *name)
{
  return json_object_get_string_member_with_default (member_object (resource, "meta"),
                                                      name, NULL);
}

/* The id a to-one relationship points to. */
static const char *
related_id (JsonNode   *resource,
            const char *name)
{
  JsonObject *relationships = member_object (resource, "relationships");
  JsonObject *relationship = json_object_get_object_member (relationships, name);

  return json_object_get_string_member (json_object_get_object_member (relationship, "data"), "id");
}

/* `eccp changes --json`: the array. */
static JsonNode *
changes_json (Fixture *f)
{
  g_autoptr(Result) result = run (f, "changes", "--json");
  JsonNode *root;

  assert_status (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  root = parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return root;
}

/* The change of record @id in a `changes --json` array, or %NULL. */
static JsonObject *
find_change (JsonNode   *changes,
             const char *id)
{
  JsonArray *array = json_node_get_array (changes);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (change, "id"), id) == 0)
        return change;
    }

  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A JSON array of strings, sorted and joined with ",". */
static char *
sorted_strings (JsonObject *object,
                const char *name)
{
  JsonArray *array = json_object_get_array_member (object, name);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (items, (gpointer) json_array_get_string_element (array, i));
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);

  return g_strjoinv (",", (char **) items->pdata);
}

static void
import_page_one (Fixture *f)
{
  g_autofree char *path = NULL;
  g_autoptr(Result) result = NULL;

  write_file (f, "page-one.json", page_one, &path);
  result = run (f, "import", path);
  assert_status (result, 0);
}

/* What the sync engine does with a page of /changes, on the same file. */
static void
apply_page (Fixture    *f,
            const char *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);
  g_autoptr(JsonNode) root = parse_json (page);
  EccpPullStats stats = { 0, };

  g_assert_no_error (error);
  g_assert_true (eccp_store_apply_changes_page (store, root, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, >, 0);
}

/* The portal answered the change of @id with @state and @errors (JSON). */
static void
refuse_change (Fixture       *f,
               const char    *type,
               const char    *id,
               EccpSyncState  state,
               const char    *errors)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(JsonNode) root = parse_json (errors);

  g_assert_no_error (error);
  change = eccp_store_get_change (store, type, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_true (eccp_store_change_refused (store, change->num, change->idempotency_key, state,
                                            json_node_get_array (root), &error));
  g_assert_no_error (error);
}

/* Alpha in conflict about name, acronym and city; Delta edited here and
 * deleted on the portal. */
static void
make_conflicts (Fixture *f)
{
  g_autoptr(Result) set_alpha = NULL;
  g_autoptr(Result) set_delta = NULL;

  import_page_one (f);

  set_alpha = run (f, "set", "cluster", ALPHA_ID,
                   "name=Alpha Local", "acronym=ALO", "city=Local City");
  assert_status (set_alpha, 0);
  set_delta = run (f, "set", "cluster", DELTA_ID, "city=Kyiv");
  assert_status (set_delta, 0);

  apply_page (f, page_two);
}

/* ---- the tests ---- */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  const char * const *cases[] = {
    (const char *[]) { "changes", "extra", NULL },
    (const char *[]) { "changes", "--bogus", NULL },
    (const char *[]) { "resolve", "cluster", ALPHA_ID, NULL },
    (const char *[]) { "resolve", "cluster", ALPHA_ID, "name", NULL },
    (const char *[]) { "resolve", "cluster", ALPHA_ID, "name", "--mine", "--theirs", NULL },
    (const char *[]) { "resolve", "cluster", ALPHA_ID, "name", "--mine", "--value", "x", NULL },
    (const char *[]) { "resolve", "cluster", ALPHA_ID, "name", "--value", NULL },
    (const char *[]) { "resolve", "cluster", ALPHA_ID, "nosuchfield", "--mine", NULL },
    (const char *[]) { "resolve", "cluster", ALPHA_ID, "members.sme", "--mine", NULL },
    (const char *[]) { "resolve", "cluster", ALPHA_ID, "record", "--value", "x", NULL },
    (const char *[]) { "resolve", "clusters", ALPHA_ID, "name", "--mine", NULL },
    (const char *[]) { "discard", "cluster", NULL },
    (const char *[]) { "discard", "bogus", ALPHA_ID, NULL },
    (const char *[]) { "submit", "cluster", NULL },
    (const char *[]) { "submit", "attendee", ATTENDEE1_ID, NULL },
    (const char *[]) { "approve", "cluster", ALPHA_ID, "extra", NULL },
    (const char *[]) { "request-changes", "cluster", ALPHA_ID, NULL },
    (const char *[]) { "request-changes", "cluster", ALPHA_ID, "--comment", "  ", NULL },
    (const char *[]) { "request-changes", "cluster", ALPHA_ID, "--comment", NULL },
    (const char *[]) { "archive", "cluster", NULL },
    (const char *[]) { "checkin", EVENT1_ID, NULL },
    (const char *[]) { "checkin", EVENT1_ID, ATTENDEE1_ID, "--undo=yes", NULL },
    (const char *[]) { "checkin", EVENT1_ID, ATTENDEE1_ID, "--device", NULL },
    (const char *[]) { "login", NULL },
    (const char *[]) { "login", "--portal", "ftp://portal.example.eu", NULL },
    (const char *[]) { "login", "--portal", "portal.example.eu", NULL },
    (const char *[]) { "login", "--portal", "https://portal.example.eu", "extra", NULL },
  };
  g_autoptr(Result) missing_comment = NULL;
  g_autoptr(Result) member = NULL;
  g_autoptr(JsonNode) changes = NULL;

  import_page_one (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) result = run_strv (f, cases[i]);
      g_autofree char *joined = g_strjoinv (" ", (char **) cases[i]);

      g_test_message ("eccp %s", joined);
      assert_usage_error (result);
    }

  /* The messages say what is missing. */
  missing_comment = run (f, "request-changes", "cluster", BETA_ID);
  assert_usage_error (missing_comment);
  assert_contains (missing_comment->err, "eccp: Missing --comment TEXT");
  assert_contains (missing_comment->err, "Usage: eccp request-changes TYPE ID --comment TEXT\n");

  member = run (f, "resolve", "cluster", ALPHA_ID, "members.sme", "--mine");
  assert_contains (member->err, "resolve “members”, not “members.sme”");

  /* Nothing was written. */
  changes = changes_json (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 0);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) main_help = run (f, "--help");
  g_autoptr(Result) resolve_help = run (f, "resolve", "--help");
  g_autoptr(Result) checkin_help = run (f, "help", "checkin");

  assert_status (main_help, 0);
  for (const char *c = "login changes resolve discard submit approve archive checkin"; *c != '\0';)
    {
      gsize len = strcspn (c, " ");
      g_autofree char *line = g_strdup_printf ("\n  %.*s ", (int) len, c);

      assert_contains (main_help->out, line);
      c += len + (c[len] == ' ');
    }
  /* Too long for the column: the summary goes on the next line. */
  assert_contains (main_help->out, "\n  request-changes\n           Send a record");

  assert_status (resolve_help, 0);
  assert_contains (resolve_help->out,
                   "Usage: eccp resolve TYPE ID FIELD (--mine | --theirs | --value VALUE)\n");
  assert_contains (resolve_help->out, "“record”");

  assert_status (checkin_help, 0);
  assert_contains (checkin_help->out, "--undo");
  assert_contains (checkin_help->out, "--device NAME");
}

static void
test_no_changes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Result) plain = NULL;
  g_autoptr(Result) json = NULL;

  import_page_one (f);

  plain = run (f, "changes");
  assert_status (plain, 0);
  g_assert_cmpstr (plain->out, ==, "No local changes: everything is as the portal last sent it.\n");
  g_assert_cmpstr (plain->err, ==, "");

  json = run (f, "changes", "--json");
  assert_status (json, 0);
  g_assert_cmpstr (json->out, ==, "[]\n");
}

static void
test_changes_shows_conflict (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(Result) plain = NULL;
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(JsonNode) alpha = NULL;
  JsonObject *change;
  JsonObject *conflicts;
  JsonObject *name;
  g_autofree char *changed = NULL;

  make_conflicts (f);

  /* The portal's description (a field only they changed) is merged in;
   * the three fields both sides changed keep the local values. */
  alpha = show_json (f, "cluster", ALPHA_ID);
  g_assert_cmpstr (attribute (alpha, "name"), ==, "Alpha Local");
  g_assert_cmpstr (attribute (alpha, "description"), ==, "From the portal");
  g_assert_cmpstr (meta_string (alpha, "sync_state"), ==, "conflict");

  plain = run (f, "changes");
  assert_status (plain, 0);
  g_assert_cmpstr (plain->err, ==, "");
  assert_contains (plain->out,
                   "Alpha Local\n"
                   "  Type:      cluster\n"
                   "  ID:        " ALPHA_ID "\n"
                   "  Operation: update\n"
                   "  State:     conflict\n");
  /* The fields in the order of the type: name, acronym, ..., city. */
  assert_contains (plain->out,
                   "  Changed:   acronym, city, name\n"
                   "  Conflict:  name (Name)\n"
                   "    Base:   Alpha\n"
                   "    Portal: Alpha Portal\n"
                   "    Local:  Alpha Local\n"
                   "  Conflict:  acronym (Acronym)\n"
                   "    Base:   AL\n"
                   "    Portal: AP\n"
                   "    Local:  ALO\n"
                   "  Conflict:  city (City)\n"
                   "    Base:   Base City\n"
                   "    Portal: Portal City\n"
                   "    Local:  Local City\n");
  assert_contains (plain->out, "  To decide: eccp resolve cluster " ALPHA_ID
                   " FIELD --mine | --theirs | --value VALUE\n");
  /* Delta: edited here, deleted on the portal; its title from before. */
  assert_contains (plain->out, "Delta Cluster\n");
  assert_contains (plain->out,
                   "  Conflict:  the record itself (“record”): deleted on the portal, changed here\n"
                   "  To decide: eccp resolve cluster " DELTA_ID " record --mine | --theirs\n");

  changes = changes_json (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 2);
  change = find_change (changes, ALPHA_ID);
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (change, "type"), ==, "cluster");
  g_assert_cmpstr (json_object_get_string_member (change, "title"), ==, "Alpha Local");
  g_assert_cmpstr (json_object_get_string_member (change, "op"), ==, "update");
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "conflict");
  g_assert_cmpint (json_object_get_int_member (change, "base_rev"), ==, 2);
  changed = sorted_strings (change, "changed_attributes");
  g_assert_cmpstr (changed, ==, "acronym,city,name");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (change, "idempotency_key")));
  conflicts = json_object_get_object_member (change, "conflicts");
  g_assert_cmpuint (json_object_get_size (conflicts), ==, 3);
  name = json_object_get_object_member (conflicts, "name");
  g_assert_cmpstr (json_object_get_string_member (name, "base"), ==, "Alpha");
  g_assert_cmpstr (json_object_get_string_member (name, "theirs"), ==, "Alpha Portal");
  g_assert_cmpstr (json_object_get_string_member (name, "mine"), ==, "Alpha Local");

  change = find_change (changes, DELTA_ID);
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (change, "title"), ==, "Delta Cluster");
  conflicts = json_object_get_object_member (change, "conflicts");
  g_assert_true (json_object_has_member (conflicts, ""));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflicts, ""),
                                                  "theirs"), ==, "deleted");
}

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(JsonNode) alpha = NULL;
  g_autoptr(Result) result = NULL;
  g_autofree char *changed = NULL;
  JsonObject *change;
  JsonObject *conflicts;

  make_conflicts (f);

  /* --theirs: the portal's name, and name is no longer a local change. */
  result = run (f, "resolve", "cluster", ALPHA_ID, "name", "--theirs");
  assert_status (result, 0);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==, "");
  alpha = show_json (f, "cluster", ALPHA_ID);
  g_assert_cmpstr (attribute (alpha, "name"), ==, "Alpha Portal");
  g_assert_cmpstr (meta_string (alpha, "sync_state"), ==, "conflict");
  changes = changes_json (f);
  change = find_change (changes, ALPHA_ID);
  conflicts = json_object_get_object_member (change, "conflicts");
  g_assert_false (json_object_has_member (conflicts, "name"));
  g_assert_true (json_object_has_member (conflicts, "city"));
  g_assert_true (json_object_has_member (conflicts, "acronym"));
  changed = sorted_strings (change, "changed_attributes");
  g_assert_cmpstr (changed, ==, "acronym,city");

  /* No conflict left in that field: a failure, not a usage mistake. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "resolve", "cluster", ALPHA_ID, "name", "--mine");
  assert_status (result, 1);
  assert_one_line_error (result);
  assert_contains (result->err, "no conflict in that field");

  /* --mine: the local city stays. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "resolve", "cluster", ALPHA_ID, "city", "--mine");
  assert_status (result, 0);
  g_clear_pointer (&alpha, json_node_unref);
  alpha = show_json (f, "cluster", ALPHA_ID);
  g_assert_cmpstr (attribute (alpha, "city"), ==, "Local City");
  g_assert_cmpstr (meta_string (alpha, "sync_state"), ==, "conflict");

  /* --value that is not valid: refused, nothing changes. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "resolve", "cluster", ALPHA_ID, "acronym",
                "--value", "A NAME FAR TOO LONG FOR AN ACRONYM OF A CLUSTER");
  assert_status (result, 1);
  assert_one_line_error (result);
  assert_contains (result->err, "Acronym");
  g_clear_pointer (&changes, json_node_unref);
  changes = changes_json (f);
  change = find_change (changes, ALPHA_ID);
  g_assert_true (json_object_has_member (json_object_get_object_member (change, "conflicts"),
                                         "acronym"));

  /* --value: a third value; the last conflict gone, the change waits. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "resolve", "cluster", ALPHA_ID, "acronym", "--value", "ALP");
  assert_status (result, 0);
  g_clear_pointer (&alpha, json_node_unref);
  alpha = show_json (f, "cluster", ALPHA_ID);
  g_assert_cmpstr (attribute (alpha, "acronym"), ==, "ALP");
  g_assert_cmpstr (attribute (alpha, "city"), ==, "Local City");
  g_assert_cmpstr (attribute (alpha, "name"), ==, "Alpha Portal");
  g_assert_cmpstr (attribute (alpha, "description"), ==, "From the portal");
  g_assert_cmpstr (meta_string (alpha, "sync_state"), ==, "pending");

  g_clear_pointer (&changes, json_node_unref);
  changes = changes_json (f);
  change = find_change (changes, ALPHA_ID);
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "pending");
  g_assert_true (!json_object_has_member (change, "conflicts") ||
                 json_object_get_size (json_object_get_object_member (change, "conflicts")) == 0);
  g_clear_pointer (&changed, g_free);
  changed = sorted_strings (change, "changed_attributes");
  g_assert_cmpstr (changed, ==, "acronym,city");

  /* The record itself: --theirs takes the portal's deletion. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "resolve", "cluster", DELTA_ID, "record", "--theirs");
  assert_status (result, 0);
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "show", "cluster", DELTA_ID);
  assert_status (result, 1);
  g_clear_pointer (&changes, json_node_unref);
  changes = changes_json (f);
  g_assert_null (find_change (changes, DELTA_ID));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 1);
}

static void
test_resolve_record_mine (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Result) result = NULL;
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(JsonNode) delta = NULL;
  JsonObject *change;

  make_conflicts (f);

  /* --mine keeps the local edit: the record is to be created again. */
  result = run (f, "resolve", "cluster", DELTA_ID, "record", "--mine");
  assert_status (result, 0);
  delta = show_json (f, "cluster", DELTA_ID);
  g_assert_cmpstr (attribute (delta, "city"), ==, "Kyiv");
  g_assert_cmpstr (meta_string (delta, "sync_state"), ==, "pending");
  changes = changes_json (f);
  change = find_change (changes, DELTA_ID);
  g_assert_cmpstr (json_object_get_string_member (change, "op"), ==, "create");
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "pending");
}

static void
test_discard (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Result) result = NULL;
  g_autoptr(JsonNode) alpha = NULL;
  g_autoptr(JsonNode) changes = NULL;

  make_conflicts (f);

  result = run (f, "discard", "cluster", ALPHA_ID);
  assert_status (result, 0);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==, "");

  /* The portal's version, revision 2, as page two brought it. */
  alpha = show_json (f, "cluster", ALPHA_ID);
  g_assert_cmpstr (attribute (alpha, "name"), ==, "Alpha Portal");
  g_assert_cmpstr (attribute (alpha, "acronym"), ==, "AP");
  g_assert_cmpstr (attribute (alpha, "city"), ==, "Portal City");
  g_assert_cmpstr (attribute (alpha, "description"), ==, "From the portal");
  g_assert_cmpint (json_object_get_int_member (member_object (alpha, "meta"), "rev"), ==, 2);
  g_assert_cmpstr (meta_string (alpha, "sync_state"), ==, "synced");

  changes = changes_json (f);
  g_assert_null (find_change (changes, ALPHA_ID));
  g_assert_nonnull (find_change (changes, DELTA_ID));

  /* Nothing left to discard. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "discard", "cluster", ALPHA_ID);
  assert_status (result, 1);
  assert_one_line_error (result);
  assert_contains (result->err, "has no local change");

  /* A record created here and never sent disappears. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "create", "cluster", "name=Zeta", "country=DE", "ecosystems=Digital",
                "profile_type=cluster_organisation");
  assert_status (result, 0);
  g_strchomp (result->out);
  {
    g_autofree char *id = g_strdup (result->out);
    g_autoptr(Result) discard = run (f, "discard", "cluster", id);
    g_autoptr(Result) show = run (f, "show", "cluster", id);

    assert_status (discard, 0);
    assert_status (show, 1);
  }
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Result) set_epsilon = NULL;
  g_autoptr(Result) set_event = NULL;
  g_autoptr(Result) plain = NULL;
  g_autoptr(JsonNode) changes = NULL;
  JsonObject *change;
  JsonObject *portal_error;

  import_page_one (f);

  set_epsilon = run (f, "set", "cluster", EPSILON_ID, "email=info@epsilon.example.eu");
  assert_status (set_epsilon, 0);
  set_event = run (f, "set", "event", EVENT2_ID, "venue=Hall B");
  assert_status (set_event, 0);

  refuse_change (f, "cluster", EPSILON_ID, ECCP_SYNC_STATE_INVALID,
                 "[{\"status\": \"422\", \"code\": \"invalid_email\","
                 "  \"title\": \"Invalid e-mail address\","
                 "  \"detail\": \"'info@epsilon.example.eu' does not accept mail\","
                 "  \"source\": {\"pointer\": \"/data/attributes/email\"}}]");
  refuse_change (f, "event", EVENT2_ID, ECCP_SYNC_STATE_REJECTED,
                 "[{\"status\": \"403\", \"code\": \"forbidden\", \"title\": \"Forbidden\","
                 "  \"detail\": \"You may not edit this event\"}]");

  plain = run (f, "changes");
  assert_status (plain, 0);
  assert_contains (plain->out,
                   "Epsilon Cluster\n"
                   "  Type:        cluster\n"
                   "  ID:          " EPSILON_ID "\n"
                   "  Operation:   update\n"
                   "  State:       invalid\n"
                   "  Changed:     email\n"
                   "  Portal says: Invalid e-mail address — 'info@epsilon.example.eu' does not accept mail (email)\n"
                   "  To fix:      eccp set cluster " EPSILON_ID " FIELD=VALUE…, or eccp discard cluster "
                   EPSILON_ID "\n");
  assert_contains (plain->out,
                   "Webinar Two\n"
                   "  Type:        event\n"
                   "  ID:          " EVENT2_ID "\n"
                   "  Operation:   update\n"
                   "  State:       rejected\n"
                   "  Changed:     venue\n"
                   "  Portal says: Forbidden — You may not edit this event\n"
                   "  To drop it:  eccp discard event " EVENT2_ID "\n");
  /* Blocks are apart by one empty line. */
  assert_contains (plain->out, EPSILON_ID "\n\nWebinar Two\n");

  changes = changes_json (f);
  change = find_change (changes, EPSILON_ID);
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "invalid");
  portal_error = json_array_get_object_element (json_object_get_array_member (change, "errors"), 0);
  g_assert_cmpstr (json_object_get_string_member (portal_error, "code"), ==, "invalid_email");
  change = find_change (changes, EVENT2_ID);
  g_assert_cmpstr (json_object_get_string_member (change, "state"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (change, "title"), ==, "Webinar Two");
}

/* A submission refused for the publication criteria: "eccp: Cluster
 * “ID” does not meet the publication criteria:" (the type as the user's
 * language names it), then one line per unmet
 * criterion, "  FIELD: how to fix it", in the order of @fields
 * (space-separated). */
static void
assert_unmet_criteria (Result     *result,
                       const char *id,
                       const char *fields)
{
  g_auto(GStrv) lines = g_strsplit (result->err, "\n", -1);
  g_auto(GStrv) names = g_strsplit (fields, " ", -1);
  g_autofree char *heading = g_strdup_printf ("eccp: Cluster “%s” does not meet the publication criteria:",
                                              id);
  guint n_names = g_strv_length (names);

  g_assert_true (g_str_has_suffix (result->err, "\n"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + n_names + 1);
  g_assert_cmpstr (lines[0], ==, heading);
  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("  %s: ", names[i]);

      g_assert_true (g_str_has_prefix (lines[1 + i], prefix));
      g_assert_cmpuint (strlen (lines[1 + i]), >, strlen (prefix));
    }
}

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Result) result = NULL;
  g_autoptr(JsonNode) beta = NULL;
  g_autoptr(JsonNode) gamma = NULL;
  g_autoptr(JsonNode) changes = NULL;
  g_autofree char *changed_meta = NULL;
  JsonObject *change;

  import_page_one (f);

  /* Gamma has no website and one kind of member: not submitted.  One line
   * per unmet criterion, naming its field. */
  result = run (f, "submit", "cluster", GAMMA_ID);
  assert_status (result, 1);
  g_assert_cmpstr (result->out, ==, "");
  assert_unmet_criteria (result, GAMMA_ID, "website members");
  assert_contains (result->err, "  website: A published profile needs a website\n");
  assert_contains (result->err, "  members: Members must be of at least 2 kinds");
  assert_not_contains (result->err, "FTE");
  gamma = show_json (f, "cluster", GAMMA_ID);
  g_assert_cmpstr (meta_string (gamma, "moderation_state"), ==, "draft");
  g_assert_cmpstr (meta_string (gamma, "sync_state"), ==, "synced");

  /* Alpha meets none of them: no team, no website, no members. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "submit", "cluster", ALPHA_ID);
  assert_status (result, 1);
  g_assert_cmpstr (result->out, ==, "");
  assert_unmet_criteria (result, ALPHA_ID, "management_fte website members members");

  /* Neither was written: no change waits. */
  changes = changes_json (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 0);
  g_clear_pointer (&changes, json_node_unref);

  /* Beta meets them. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "submit", "cluster", BETA_ID);
  assert_status (result, 0);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==, "");
  beta = show_json (f, "cluster", BETA_ID);
  g_assert_cmpstr (meta_string (beta, "moderation_state"), ==, "needs_review");
  g_assert_cmpstr (meta_string (beta, "sync_state"), ==, "pending");
  changes = changes_json (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 1);
  change = find_change (changes, BETA_ID);
  g_assert_cmpstr (json_object_get_string_member (change, "op"), ==, "update");
  g_assert_cmpint (json_object_get_int_member (change, "base_rev"), ==, 3);
  changed_meta = sorted_strings (change, "changed_meta");
  g_assert_cmpstr (changed_meta, ==, "moderation_state");

  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "changes");
  assert_contains (result->out, "  Moderation: to Needs review\n");

  /* Staff send it back, with what to change. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "request-changes", "cluster", BETA_ID, "--comment", "Add the SME list");
  assert_status (result, 0);
  g_clear_pointer (&beta, json_node_unref);
  beta = show_json (f, "cluster", BETA_ID);
  g_assert_cmpstr (meta_string (beta, "moderation_state"), ==, "changes_requested");
  g_assert_cmpstr (meta_string (beta, "review_comment"), ==, "Add the SME list");
  /* A manager reads it in plain `show` too, not only in --json. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "show", "cluster", BETA_ID);
  assert_status (result, 0);
  assert_contains (result->out, "Moderation state:");
  assert_contains (result->out, "Changes requested\n");
  assert_contains (result->out, "Review comment:");
  assert_contains (result->out, "Add the SME list\n");

  /* Sent back, it is not approved before it is submitted again: no
   * such move, whoever is signed in (the portal answers 422). */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "approve", "cluster", BETA_ID);
  assert_status (result, 1);
  assert_one_line_error (result);
  assert_contains (result->err, "A cluster cannot go from Changes requested to Published");
  g_clear_pointer (&beta, json_node_unref);
  beta = show_json (f, "cluster", BETA_ID);
  g_assert_cmpstr (meta_string (beta, "moderation_state"), ==, "changes_requested");

  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "submit", "cluster", BETA_ID);
  assert_status (result, 0);
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "approve", "cluster", BETA_ID);
  assert_status (result, 0);
  g_clear_pointer (&beta, json_node_unref);
  beta = show_json (f, "cluster", BETA_ID);
  g_assert_cmpstr (meta_string (beta, "moderation_state"), ==, "published");

  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "archive", "event", EVENT1_ID);
  assert_status (result, 0);
  g_clear_pointer (&beta, json_node_unref);
  beta = show_json (f, "event", EVENT1_ID);
  g_assert_cmpstr (meta_string (beta, "moderation_state"), ==, "archived");
  g_assert_cmpstr (meta_string (beta, "sync_state"), ==, "pending");

  /* One change per record: Beta's transitions folded into one. */
  g_clear_pointer (&changes, json_node_unref);
  changes = changes_json (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 2);

  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "submit", "cluster", "99999999-9999-4999-8999-999999999999");
  assert_status (result, 1);
  assert_one_line_error (result);
}

static void
test_checkin (Fixture       *f,
              gconstpointer  data)
{
  const char * const brussels[] = { "TZ=Europe/Brussels", NULL };
  const char * const args[] = { "--db", f->db, "checkin", EVENT1_ID, ATTENDEE1_ID,
                                "--device", "Door 1", NULL };
  g_autoptr(Result) first = NULL;
  g_autoptr(Result) undo = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(JsonNode) checkin = NULL;
  g_autoptr(JsonNode) undo_checkin = NULL;
  g_autoptr(JsonNode) status = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *id = NULL;
  const char *at_text;

  import_page_one (f);

  first = run_full (f, brussels, NULL, args);
  assert_status (first, 0);
  g_assert_cmpstr (first->err, ==, "");
  g_assert_true (g_str_has_suffix (first->out, "\n"));
  id = g_strndup (first->out, strlen (first->out) - 1);
  g_assert_true (g_uuid_string_is_valid (id));

  checkin = show_json (f, "checkin", id);
  g_assert_cmpstr (attribute (checkin, "device"), ==, "Door 1");
  g_assert_false (json_object_get_boolean_member (member_object (checkin, "attributes"), "undo"));
  g_assert_cmpstr (related_id (checkin, "event"), ==, EVENT1_ID);
  g_assert_cmpstr (related_id (checkin, "attendee"), ==, ATTENDEE1_ID);
  g_assert_cmpstr (meta_string (checkin, "sync_state"), ==, "pending");

  /* Now, RFC 3339 with Brussels' offset: 2026-06-04T09:00:00.123+02:00 */
  at_text = attribute (checkin, "at");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0[12]:00$",
                                       at_text, 0, 0));
  at = g_date_time_new_from_iso8601 (at_text, NULL);
  g_assert_nonnull (at);
  now = g_date_time_new_now_utc ();
  g_assert_cmpint (ABS (g_date_time_difference (now, at)), <, 60 * G_TIME_SPAN_SECOND);

  /* --undo; the device is this computer's name by default. */
  undo = run (f, "checkin", EVENT1_ID, ATTENDEE1_ID, "--undo");
  assert_status (undo, 0);
  g_strchomp (undo->out);
  g_assert_cmpstr (undo->out, !=, id);
  undo_checkin = show_json (f, "checkin", undo->out);
  g_assert_true (json_object_get_boolean_member (member_object (undo_checkin, "attributes"), "undo"));
  g_assert_cmpstr (attribute (undo_checkin, "device"), ==, g_get_host_name ());
  g_assert_true (g_regex_match_simple ("T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d$",
                                       attribute (undo_checkin, "at"), 0, 0));

  /* An attendee of another event is not checked in here. */
  result = run (f, "checkin", EVENT1_ID, ATTENDEE2_ID);
  assert_status (result, 1);
  assert_one_line_error (result);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err,
                   ==,
                   "eccp: Bianca Dragomir (" ATTENDEE2_ID ") is an attendee of “Webinar Two”, "
                   "not of “Matchmaking Kraków”: nobody is checked in\n");

  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "checkin", "99999999-9999-4999-8999-999999999999", ATTENDEE1_ID);
  assert_status (result, 1);
  assert_one_line_error (result);
  assert_contains (result->err, "There is no event “99999999-9999-4999-8999-999999999999”");

  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "checkin", EVENT1_ID, "99999999-9999-4999-8999-999999999999");
  assert_status (result, 1);
  assert_one_line_error (result);
  assert_contains (result->err, "There is no attendee “99999999-9999-4999-8999-999999999999”");

  /* Two check-ins, no more. */
  g_clear_pointer (&result, eccp_test_result_free);
  result = run (f, "status", "--json");
  assert_status (result, 0);
  status = parse_json (result->out);
  g_assert_cmpint (json_object_get_int_member (member_object (status, "records"), "checkin"), ==, 2);
}

/* ---- login ---- */

#define TOKEN "eccp-pat-5f2b9c0e71d84a3b"

static char *
stored_setting (Fixture    *f,
                const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);

  g_assert_no_error (error);
  return eccp_store_get_setting (store, key);
}

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* The token's bytes are nowhere in the store's files. */
static void
assert_token_not_in_store (Fixture *f)
{
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      g_assert_false (contains_bytes (contents, length, TOKEN));
    }
}

/* Without a Secret Service on the session bus: exit 1, one clear line,
 * the portal's address kept, the token nowhere. */
static void
test_login_no_keyring (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autofree char *token_file = NULL;
  g_autofree char *url = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) piped = NULL;
  g_autoptr(Result) empty = NULL;
  g_autoptr(Result) no_file = NULL;
  const char *args[] = { "--db", f->db, "login", "--portal", "https://portal.example.eu/jsonapi/",
                         "--token-file", NULL, NULL };
  const char *stdin_args[] = { "--db", f->db, "login", "--portal", "https://portal.example.eu/jsonapi",
                               NULL };

  g_test_dbus_up (bus);

  write_file (f, "token", "  " TOKEN "  \nsecond line\n", &token_file);
  args[6] = token_file;
  result = run_full (f, NULL, NULL, args);
  assert_status (result, 1);
  assert_one_line_error (result);
  g_assert_cmpstr (result->err, ==,
                   "eccp: No keyring is running; set ECCP_TOKEN instead "
                   "(the portal’s address is saved for “eccp sync”)\n");
  g_assert_cmpstr (result->out, ==, "");

  /* The address without its trailing "/". */
  url = stored_setting (f, "portal_url");
  g_assert_cmpstr (url, ==, "https://portal.example.eu/jsonapi");
  assert_token_not_in_store (f);

  piped = run_full (f, NULL, TOKEN "\n", stdin_args);
  assert_status (piped, 1);
  assert_not_contains (piped->err, TOKEN);
  assert_contains (piped->err, "No keyring is running; set ECCP_TOKEN instead");

  /* No token: nothing to keep. */
  empty = run_full (f, NULL, "\n", stdin_args);
  assert_status (empty, 1);
  g_assert_cmpstr (empty->err, ==, "eccp: The first line of standard input holds no token\n");

  args[6] = "/nonexistent/token";
  no_file = run_full (f, NULL, NULL, args);
  assert_status (no_file, 1);
  assert_one_line_error (no_file);
  assert_contains (no_file->err, "/nonexistent/token");

  assert_token_not_in_store (f);
  g_test_dbus_down (bus);
}

/* The secret kept under {"xdg:schema": the token schema, "portal": @url},
 * asked of the Secret Service over D-Bus on @connection (not through
 * libsecret, whose bus singleton would outlive the test's bus). */
static char *
lookup_secret (GDBusConnection *connection,
               const char      *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) opened = NULL;
  g_autoptr(GVariant) found = NULL;
  g_autoptr(GVariant) secrets = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) unlocked = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GVariant) secret = NULL;
  g_autoptr(GVariant) bytes = NULL;
  g_autofree char *session = NULL;
  gsize length = 0;
  const char *data;

  opened = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                        "org.freedesktop.Secret.Service", "OpenSession",
                                        g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                                        G_VARIANT_TYPE ("(vo)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (opened, "(vo)", &value, &session);

  found = eccp_test_keyring_search (connection, url);
  unlocked = g_variant_get_child_value (found, 0);
  if (g_variant_n_children (unlocked) == 0)
    return NULL;
  g_assert_cmpuint (g_variant_n_children (unlocked), ==, 1);

  secrets = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                         "org.freedesktop.Secret.Service", "GetSecrets",
                                         g_variant_new ("(@ao@o)", unlocked, g_variant_new_object_path (session)),
                                         G_VARIANT_TYPE ("(a{o(oayays)})"), G_DBUS_CALL_FLAGS_NONE, -1,
                                         NULL, &error);
  g_assert_no_error (error);

  dict = g_variant_get_child_value (secrets, 0);
  g_assert_cmpuint (g_variant_n_children (dict), ==, 1);
  entry = g_variant_get_child_value (dict, 0);
  secret = g_variant_get_child_value (entry, 1);
  bytes = g_variant_get_child_value (secret, 2);
  data = g_variant_get_fixed_array (bytes, &length, 1);

  return g_strndup (data, length);
}

/* With gnome-keyring-daemon on a bus of the test's own: the token is in
 * the keyring under the portal's address, and nowhere else. */
static void
test_login_keyring (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *url = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) again = NULL;
  const char *args[] = { "--db", f->db, "login", "--portal", "https://portal.example.eu/jsonapi/",
                         "--token-file", NULL, NULL };
  const char *stdin_args[] = { "--db", f->db, "login", "--portal", "http://127.0.0.1:8080", NULL };

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  keyring = eccp_test_keyring_start (f->dir, bus, &connection, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_test_skip (error->message);
      g_test_dbus_down (bus);
      return;
    }
  g_assert_no_error (error);

  write_file (f, "token", TOKEN "\n", &token_file);
  args[6] = token_file;
  result = run_full (f, NULL, NULL, args);
  assert_status (result, 0);
  g_assert_cmpstr (result->out, ==,
                   "Signed in to https://portal.example.eu/jsonapi: the token is in the keyring\n");
  g_assert_cmpstr (result->err, ==, "");

  url = stored_setting (f, "portal_url");
  g_assert_cmpstr (url, ==, "https://portal.example.eu/jsonapi");
  assert_token_not_in_store (f);

  secret = lookup_secret (connection, "https://portal.example.eu/jsonapi");
  g_assert_cmpstr (secret, ==, TOKEN);

  /* From stdin, for another portal. */
  again = run_full (f, NULL, "other-token\r\n", stdin_args);
  assert_status (again, 0);
  g_clear_pointer (&secret, g_free);
  secret = lookup_secret (connection, "http://127.0.0.1:8080");
  g_assert_cmpstr (secret, ==, "other-token");
  g_clear_pointer (&url, g_free);
  url = stored_setting (f, "portal_url");
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8080");

  g_subprocess_force_exit (keyring);
  g_subprocess_wait (keyring, NULL, NULL);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_test_dbus_down (bus);
}

/* GET /jsonapi/me of a portal that knows one token, a cluster manager's
 * (Beta's); 401 for any other. */
#define MANAGER_TOKEN "eccp-pat-manager-0b7e"

static void
me_handler (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  const char *text;
  guint status;

  if (g_strcmp0 (authorization, "Bearer " MANAGER_TOKEN) == 0)
    {
      status = SOUP_STATUS_OK;
      text = "{\"data\": {\"type\": \"user\", \"id\": \"9e1f2a3b-0000-4000-8000-000000000002\","
             " \"attributes\": {\"name\": \"Željko Erkapić\", \"email\": \"zeljko@example.eu\","
             " \"roles\": [\"cluster_manager\"], \"clusters\": [\"" BETA_ID "\"], \"events\": []}}}";
    }
  else
    {
      status = SOUP_STATUS_UNAUTHORIZED;
      text = "{\"errors\": [{\"status\": \"401\", \"code\": \"unauthorized\","
             " \"title\": \"Not signed in\"}]}";
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/vnd.api+json", SOUP_MEMORY_STATIC,
                                    text, strlen (text));
}

static void
add_me_handler (SoupServer *server,
                gpointer    user_data)
{
  soup_server_add_handler (server, "/jsonapi/me", me_handler, NULL, NULL);
}

static EccpAccount *
kept_account (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);

  g_assert_no_error (error);
  return eccp_account_load (store);
}

/* `eccp login` learns who the token is (GET /me) and keeps it, so the
 * checks made before a transition is queued judge by the right rights
 * straight away, before any sync; a token the portal refuses is no login;
 * without the portal's word, an account kept before (perhaps someone
 * else's) is forgotten. */
static void
test_login_learns_account (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  EccpTestServer *server = eccp_test_server_start (add_me_handler, NULL);
  g_autofree char *url = g_strdup (eccp_test_server_get_base_url (server)); /* outlives it */
  g_autofree char *token_file = NULL;
  g_autofree char *wrong_file = NULL;
  g_autofree char *signed_in = NULL;
  g_autoptr(EccpAccount) account = NULL;
  g_autoptr(EccpAccount) gone = NULL;
  g_autoptr(Result) login = NULL;
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) offline = NULL;
  g_autoptr(Result) submit_other = NULL;
  g_autoptr(Result) submit_own = NULL;
  g_autoptr(Result) approve = NULL;
  g_autoptr(Result) request_changes = NULL;
  g_autoptr(JsonNode) changes = NULL;
  const char *args[] = { "--db", f->db, "login", "--portal", url, "--token-file", NULL, NULL };
  gboolean have_keyring;

  import_page_one (f);
  g_test_dbus_up (bus);

  /* With a keyring the login succeeds; without one it fails for that
   * reason alone: who the token is, is kept either way. */
  keyring = eccp_test_keyring_start (f->dir, bus, &connection, &error);
  have_keyring = keyring != NULL;
  if (!have_keyring)
    g_test_message ("No keyring: %s", error->message);
  g_clear_error (&error);

  write_file (f, "token", MANAGER_TOKEN "\n", &token_file);
  args[6] = token_file;
  login = run_full (f, NULL, NULL, args);
  if (have_keyring)
    {
      signed_in = g_strdup_printf ("Signed in to %s as Željko Erkapić (zeljko@example.eu): "
                                   "the token is in the keyring\n", url);
      assert_status (login, 0);
      g_assert_cmpstr (login->out, ==, signed_in);
      g_assert_cmpstr (login->err, ==, "");
    }
  else
    {
      assert_status (login, 1);
      assert_contains (login->err, "No keyring is running; set ECCP_TOKEN instead");
    }
  assert_not_contains (login->out, MANAGER_TOKEN);
  assert_not_contains (login->err, MANAGER_TOKEN);

  account = kept_account (f);
  g_assert_nonnull (account);
  g_assert_cmpstr (eccp_account_get_name (account), ==, "Željko Erkapić");
  g_assert_true (eccp_account_has_role (account, "cluster_manager"));
  g_assert_false (eccp_account_has_role (account, "staff"));

  /* Straight after login, by the manager's rights: their own cluster is
   * submitted, anything else refused before it is queued. */
  submit_other = run (f, "submit", "cluster", GAMMA_ID);
  assert_status (submit_other, 1);
  assert_one_line_error (submit_other);
  assert_contains (submit_other->err, "Željko Erkapić may not move this cluster from Draft to Needs review");
  submit_own = run (f, "submit", "cluster", BETA_ID);
  assert_status (submit_own, 0);
  approve = run (f, "approve", "cluster", BETA_ID);
  assert_status (approve, 1);
  assert_contains (approve->err, "may not move this cluster from Needs review to Published");
  request_changes = run (f, "request-changes", "cluster", BETA_ID, "--comment", "Add the SME list");
  assert_status (request_changes, 1);
  assert_contains (request_changes->err, "may not move this cluster from Needs review to Changes requested");
  changes = changes_json (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 1);
  g_assert_nonnull (find_change (changes, BETA_ID));

  /* A token the portal refuses: exit 1, it says so, nothing changes. */
  write_file (f, "wrong-token", "not-a-token\n", &wrong_file);
  args[6] = wrong_file;
  refused = run_full (f, NULL, NULL, args);
  assert_status (refused, 1);
  assert_one_line_error (refused);
  assert_contains (refused->err, "refused this token");
  assert_not_contains (refused->err, "not-a-token");
  g_clear_object (&account);
  account = kept_account (f);
  g_assert_nonnull (account);

  /* The portal gone: the login goes on, and the account kept before is
   * no longer taken for the signed-in user's. */
  eccp_test_server_stop (server);
  args[6] = token_file;
  offline = run_full (f, NULL, NULL, args);
  assert_status (offline, have_keyring ? 0 : 1);
  gone = kept_account (f);
  g_assert_null (gone);

  if (keyring != NULL)
    {
      g_subprocess_force_exit (keyring);
      g_subprocess_wait (keyring, NULL, NULL);
      g_dbus_connection_close_sync (connection, NULL, NULL);
    }
  g_test_dbus_down (bus);
}

/* With who is signed in kept in the store (the app keeps GET /me there),
 * a move the portal would refuse is refused before anything is queued:
 * a manager neither approves nor submits a cluster not theirs. */
static void
test_transitions_by_rights (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Result) approve = NULL;
  g_autoptr(Result) submit_other = NULL;
  g_autoptr(Result) submit_own = NULL;
  g_autoptr(JsonNode) beta = NULL;
  g_autoptr(JsonNode) changes = NULL;

  import_page_one (f);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);
    g_autoptr(JsonObject) me = eccp_json_object_from_string (
      "{\"type\": \"user\", \"id\": \"u\", \"attributes\": {\"name\": \"Željko Erkapić\","
      " \"roles\": [\"cluster_manager\"], \"clusters\": [\"" BETA_ID "\"], \"events\": []}}", NULL);
    g_autoptr(EccpAccount) account = eccp_account_new_from_json (me, &error);

    g_assert_no_error (error);
    g_assert_true (eccp_account_keep (account, store, &error));
    g_assert_no_error (error);
  }

  submit_other = run (f, "submit", "cluster", GAMMA_ID);
  assert_status (submit_other, 1);
  assert_one_line_error (submit_other);
  assert_contains (submit_other->err, "Željko Erkapić may not move this cluster from Draft to Needs review");

  submit_own = run (f, "submit", "cluster", BETA_ID);
  assert_status (submit_own, 0);

  approve = run (f, "approve", "cluster", BETA_ID);
  assert_status (approve, 1);
  assert_one_line_error (approve);
  assert_contains (approve->err, "may not move this cluster from Needs review to Published");

  /* Only the submission waits. */
  beta = show_json (f, "cluster", BETA_ID);
  g_assert_cmpstr (meta_string (beta, "moderation_state"), ==, "needs_review");
  changes = changes_json (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

  ADD ("/cli-changes/usage", test_usage);
  ADD ("/cli-changes/help", test_help);
  ADD ("/cli-changes/no-changes", test_no_changes);
  ADD ("/cli-changes/changes-shows-conflict", test_changes_shows_conflict);
  ADD ("/cli-changes/resolve", test_resolve);
  ADD ("/cli-changes/resolve-record-mine", test_resolve_record_mine);
  ADD ("/cli-changes/discard", test_discard);
  ADD ("/cli-changes/refused", test_refused);
  ADD ("/cli-changes/transitions", test_transitions);
  ADD ("/cli-changes/transitions-by-rights", test_transitions_by_rights);
  ADD ("/cli-changes/checkin", test_checkin);
  ADD ("/cli-changes/login-no-keyring", test_login_no_keyring);
  ADD ("/cli-changes/login-keyring", test_login_keyring);
  ADD ("/cli-changes/login-learns-account", test_login_learns_account);

#undef ADD

  return g_test_run ();
}
