/* test-store-sync.c: the store's side of sync, on a real SQLite file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-store.h"
#include "eccp-test-util.h"

#include <glib/gstdio.h>

#include "eccp-json.h"
#include "eccp-store-private.h"
#include "eccp-store-sync.h"
#include "eccp-validation.h"

#define CLUSTER_A "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e"
#define CLUSTER_B "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"

/* A new store in a folder of its own (tests/common/eccp-test-store.c) */
typedef EccpTestStore Fixture;

#define fixture_set_up    eccp_test_store_set_up
#define fixture_tear_down eccp_test_store_tear_down
#define object_from       eccp_test_object_from
#define assert_strv       eccp_test_assert_strv

/* A cluster as the portal has it at @rev, with @description and @city. */
static char *
cluster_json (const char *id,
              int         rev,
              const char *description,
              const char *city)
{
  return g_strdup_printf ("{\"type\": \"cluster\", \"id\": \"%s\","
                          " \"attributes\": {\"name\": \"Agricultural Equipment Cluster\","
                          "  \"profile_type\": \"cluster_organisation\", \"country\": \"RS\","
                          "  \"city\": \"%s\", \"description\": \"%s\", \"ecosystems\": [\"Agri-food\"],"
                          "  \"website\": \"https://aec.example.eu\", \"management_fte\": 1,"
                          "  \"members\": {\"sme\": 20, \"research\": 2}, \"x_future\": true},"
                          " \"relationships\": {},"
                          " \"meta\": {\"rev\": %d, \"seq\": %d, \"moderation_state\": \"published\"}}",
                          id, city, description, rev, rev * 10);
}

static void
apply_page (EccpStore     *store,
            const char    *records,
            const char    *cursor,
            EccpPullStats *stats)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"data\": [%s], \"meta\": {\"cursor\": \"%s\"}}", records, cursor);
  g_autoptr(JsonNode) page = eccp_json_node_from_string (json, &error);

  g_assert_no_error (error);
  eccp_store_apply_changes_page (store, page, stats, &error);
  g_assert_no_error (error);
}

static void
publish_cluster (EccpStore  *store,
                 const char *id,
                 int         rev,
                 const char *description,
                 const char *city)
{
  g_autofree char *record = cluster_json (id, rev, description, city);

  apply_page (store, record, "1", NULL);
}

static void
edit (EccpStore  *store,
      const char *id,
      const char *changes_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = object_from (changes_json);
  g_autoptr(EccpRecord) record = eccp_store_update (store, "cluster", id, changes, NULL, &error);

  g_assert_no_error (error);
}

static EccpChange *
change_of (EccpStore  *store,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpChange *change = eccp_store_get_change (store, "cluster", id, &error);

  g_assert_no_error (error);

  return change;
}

static gboolean
has_change (EccpStore  *store,
            const char *id)
{
  g_autoptr(EccpChange) change = eccp_store_get_change (store, "cluster", id, NULL);

  return change != NULL;
}

static const char *
attribute (EccpRecord *record,
           const char *name)
{
  return eccp_record_get_string (record, name);
}

static EccpRecord *
get (EccpStore  *store,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *record = eccp_store_get (store, "cluster", id, &error);

  g_assert_no_error (error);

  return record;
}

/* {{{ Pull */

static void
test_pull_merges_other_fields (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *theirs = cluster_json (CLUSTER_A, 4, "Old", "Subotica");
  g_autoptr(EccpChange) before = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) record = NULL;
  EccpPullStats stats = { 0 };

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  before = change_of (fixture->store, CLUSTER_A);

  apply_page (fixture->store, theirs, "40", &stats);
  g_assert_cmpuint (stats.merged, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 0);

  record = get (fixture->store, CLUSTER_A);
  g_assert_cmpstr (attribute (record, "description"), ==, "Mine");
  g_assert_cmpstr (attribute (record, "city"), ==, "Subotica");
  g_assert_cmpint (eccp_record_get_rev (record), ==, 4);
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_PENDING);

  change = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (change->base_rev, ==, 4);
  assert_strv (change->changed_attributes, "description");
  g_assert_cmpstr (eccp_json_get_string (change->base_attributes, "city"), ==, "Subotica");
  {
    g_autofree char *cursor = eccp_store_get_cursor (fixture->store);

    g_assert_cmpstr (cursor, ==, "40");
  }
}

static void
test_pull_same_change_settles (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *theirs = cluster_json (CLUSTER_A, 4, "Same", "Novi Sad");
  g_autoptr(EccpRecord) record = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Same\"}");
  apply_page (fixture->store, theirs, "40", NULL);

  g_assert_false (has_change (fixture->store, CLUSTER_A));
  record = get (fixture->store, CLUSTER_A);
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_SYNCED);
}

static void
test_pull_echo_is_ignored (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *same = cluster_json (CLUSTER_A, 3, "Old", "Novi Sad");
  g_autoptr(EccpChange) change = NULL;
  EccpPullStats stats = { 0 };

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  apply_page (fixture->store, same, "40", &stats);
  g_assert_cmpuint (stats.unchanged, ==, 1);
  change = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (change->base_rev, ==, 3);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);

  return node;
}

/* The same field changed on both sides waits for the person; each choice
 * of the conflict dialog then does what it says. */
static void
conflict_then (Fixture           *fixture,
               EccpResolveChoice  choice,
               const char        *typed,
               const char        *expected,
               gboolean           still_pending)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = cluster_json (CLUSTER_A, 4, "Theirs", "Subotica");
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonNode) value = typed != NULL ? string_node (typed) : NULL;
  EccpPullStats stats = { 0 };
  JsonObject *conflict;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  apply_page (fixture->store, theirs, "40", &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);

  change = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
  conflict = eccp_json_get_object (change->conflicts, "description");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (eccp_json_get_string (conflict, "base"), ==, "Old");
  g_assert_cmpstr (eccp_json_get_string (conflict, "theirs"), ==, "Theirs");
  g_assert_cmpstr (eccp_json_get_string (conflict, "mine"), ==, "Mine");
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_CONFLICT, NULL), ==, 1);

  /* Nothing in conflict is sent. */
  {
    g_autoptr(GPtrArray) to_send = eccp_store_changes_to_send (fixture->store, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (to_send->len, ==, 0);
  }

  record = get (fixture->store, CLUSTER_A);
  g_assert_cmpstr (attribute (record, "description"), ==, "Mine");
  g_assert_cmpstr (attribute (record, "city"), ==, "Subotica");
  g_clear_object (&record);

  eccp_store_resolve (fixture->store, "cluster", CLUSTER_A, "description", choice, value, &error);
  g_assert_no_error (error);

  record = get (fixture->store, CLUSTER_A);
  g_assert_cmpstr (attribute (record, "description"), ==, expected);
  g_assert_cmpint (has_change (fixture->store, CLUSTER_A), ==, still_pending);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_CONFLICT, NULL), ==, 0);
}

static void
test_conflict_keep_mine (Fixture *fixture, gconstpointer data)
{
  conflict_then (fixture, ECCP_RESOLVE_MINE, NULL, "Mine", TRUE);
}

static void
test_conflict_take_theirs (Fixture *fixture, gconstpointer data)
{
  conflict_then (fixture, ECCP_RESOLVE_THEIRS, NULL, "Theirs", FALSE);
}

static void
test_conflict_type_another (Fixture *fixture, gconstpointer data)
{
  conflict_then (fixture, ECCP_RESOLVE_VALUE, "Both, rewritten", "Both, rewritten", TRUE);
}

static void
test_conflict_bad_value_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = cluster_json (CLUSTER_A, 4, "Old", "Subotica");
  g_autoptr(EccpChange) change = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"city\": \"Sombor\"}");
  apply_page (fixture->store, theirs, "40", NULL);

  /* A city of 600 letters is not one. */
  {
    g_autofree char *long_text = g_strnfill (600, 'x');
    g_autoptr(JsonNode) too_long = string_node (long_text);

    g_assert_false (eccp_store_resolve (fixture->store, "cluster", CLUSTER_A, "city",
                                        ECCP_RESOLVE_VALUE, too_long, &error));
    g_assert_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
  }

  change = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
}

static void
test_tombstone_over_edit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) change = NULL;
  EccpPullStats stats = { 0 };

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  apply_page (fixture->store,
              "{\"type\": \"cluster\", \"id\": \"" CLUSTER_A "\", \"meta\": {\"seq\": 50, \"deleted\": true}}",
              "50", &stats);

  g_assert_cmpuint (stats.conflicts, ==, 1);
  change = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
  g_assert_nonnull (eccp_json_get_object (change->conflicts, ""));
  g_clear_pointer (&change, eccp_change_free);

  /* Keep mine: it becomes a new record with the same id. */
  eccp_store_resolve (fixture->store, "cluster", CLUSTER_A, "", ECCP_RESOLVE_MINE, NULL, &error);
  g_assert_no_error (error);
  change = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_CREATE);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_PENDING);
}

static void
test_edit_over_delete (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = cluster_json (CLUSTER_A, 4, "Theirs", "Subotica");
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) record = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_A, NULL));
  apply_page (fixture->store, theirs, "40", NULL);

  change = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_DELETE);
  g_assert_cmpint (change->base_rev, ==, 4);

  /* Keep theirs: the record is back, as they have it. */
  eccp_store_resolve (fixture->store, "cluster", CLUSTER_A, "", ECCP_RESOLVE_THEIRS, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (has_change (fixture->store, CLUSTER_A));
  record = get (fixture->store, CLUSTER_A);
  g_assert_cmpstr (attribute (record, "description"), ==, "Theirs");
}

static void
test_resync_removes_what_is_gone (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = cluster_json (CLUSTER_A, 3, "A", "Novi Sad");
  g_autofree char *b = cluster_json (CLUSTER_B, 3, "B", "Kraków");
  g_autofree char *both = g_strconcat (a, ",", b, NULL);
  g_autofree char *created_id = NULL;
  g_autoptr(JsonObject) attributes = object_from ("{\"name\": \"Mine only\", \"profile_type\": \"cluster_project\","
                                                  " \"country\": \"DE\", \"ecosystems\": [\"Digital\"]}");
  g_autoptr(EccpRecord) created = NULL;
  guint removed = 0;

  apply_page (fixture->store, both, "30", NULL);
  created = eccp_store_create (fixture->store, "cluster", NULL, attributes, NULL, &error);
  g_assert_no_error (error);
  edit (fixture->store, CLUSTER_B, "{\"description\": \"Edited\"}");

  g_assert_true (eccp_store_begin_resync (fixture->store, &error));
  g_assert_null (eccp_store_get_cursor (fixture->store));
  /* The full feed no longer has B (edited here) nor ... has A. */
  apply_page (fixture->store, a, "31", NULL);
  g_assert_true (eccp_store_finish_resync (fixture->store, &removed, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 3);

  /* Again, with A gone from the feed and nothing pending on it. */
  g_assert_true (eccp_store_begin_resync (fixture->store, &error));
  apply_page (fixture->store, b, "32", NULL);
  g_assert_true (eccp_store_finish_resync (fixture->store, &removed, &error));
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 2);
  g_assert_true (has_change (fixture->store, CLUSTER_B));
  g_assert_true (has_change (fixture->store, eccp_record_get_id (created)));
}

/* }}} */

/* {{{ Push */

static char *
body_text (JsonNode *body)
{
  return body != NULL ? eccp_json_node_to_string (body, FALSE) : g_strdup ("");
}

static void
test_requests (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonObject) attributes = object_from ("{\"name\": \"New\", \"profile_type\": \"cluster_project\","
                                                  " \"country\": \"DE\", \"ecosystems\": [\"Digital\"]}");
  g_autoptr(EccpRecord) created = NULL;
  g_autoptr(EccpRecord) submitted = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  publish_cluster (fixture->store, CLUSTER_B, 7, "B", "Kraków");
  created = eccp_store_create (fixture->store, "cluster", NULL, attributes, NULL, &error);
  g_assert_no_error (error);
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\", \"members.sme\": 21}");
  submitted = eccp_store_transition (fixture->store, "cluster", CLUSTER_A, "needs_review", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_B, &error));

  changes = eccp_store_changes_to_send (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);

  for (guint i = 0; i < changes->len; i++)
    {
      EccpChange *change = g_ptr_array_index (changes, i);
      g_autofree char *method = NULL;
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) body = NULL;
      g_autofree char *text = NULL;
      gint64 if_match = -1;

      g_assert_true (eccp_store_change_request (fixture->store, change, &method, &path, &body, &if_match, &error));
      g_assert_no_error (error);
      text = body_text (body);

      if (i == 0)
        {
          g_autofree char *expected_path = g_strdup_printf ("/cluster");

          g_assert_cmpstr (method, ==, "POST");
          g_assert_cmpstr (path, ==, expected_path);
          g_assert_cmpint (if_match, ==, 0);
          g_assert_nonnull (strstr (text, "\"name\":\"New\""));
          g_assert_nonnull (strstr (text, eccp_record_get_id (created)));
        }
      else if (i == 1)
        {
          g_assert_cmpstr (method, ==, "PATCH");
          g_assert_cmpstr (path, ==, "/cluster/" CLUSTER_A);
          g_assert_cmpint (if_match, ==, 3);
          /* Only what changed, the whole members object, and the transition. */
          g_assert_cmpstr (text, ==,
                           "{\"data\":{\"type\":\"cluster\",\"id\":\"" CLUSTER_A "\","
                           "\"attributes\":{\"description\":\"Mine\",\"members\":{\"sme\":21,\"research\":2}},"
                           "\"relationships\":{},\"meta\":{\"moderation_state\":\"needs_review\"}}}");
        }
      else
        {
          g_assert_cmpstr (method, ==, "DELETE");
          g_assert_cmpstr (path, ==, "/cluster/" CLUSTER_B);
          g_assert_cmpint (if_match, ==, 7);
          g_assert_null (body);
        }
    }
}

static void
test_sending_counts_before (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpChange) again = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  change = change_of (fixture->store, CLUSTER_A);
  g_assert_true (eccp_store_change_sending (fixture->store, change->num, &error));
  g_assert_no_error (error);

  /* As a crash would leave it: a fresh connection sees the attempt. */
  g_clear_object (&fixture->store);
  fixture->store = eccp_store_new (fixture->path, &error);
  g_assert_no_error (error);
  again = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (again->attempts, ==, 1);
  g_assert_cmpstr (again->idempotency_key, ==, change->idempotency_key);
}

static JsonObject *
answer_record (const char *id,
               int         rev,
               const char *description,
               const char *city)
{
  g_autofree char *json = cluster_json (id, rev, description, city);

  return object_from (json);
}

static void
test_accepted (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(JsonObject) answer = answer_record (CLUSTER_A, 4, "Mine", "Novi Sad");
  g_autoptr(EccpRecord) record = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  change = change_of (fixture->store, CLUSTER_A);

  g_assert_true (eccp_store_change_accepted (fixture->store, change->num, change->idempotency_key,
                                             answer, &error));
  g_assert_no_error (error);
  g_assert_false (has_change (fixture->store, CLUSTER_A));
  record = get (fixture->store, CLUSTER_A);
  g_assert_cmpint (eccp_record_get_rev (record), ==, 4);
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_SYNCED);

  /* The same answer again (a replay) changes nothing. */
  g_assert_true (eccp_store_change_accepted (fixture->store, change->num, change->idempotency_key,
                                             answer, &error));
  g_assert_no_error (error);
}

static void
test_accepted_after_another_edit (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) sent = NULL;
  g_autoptr(EccpChange) after = NULL;
  g_autoptr(JsonObject) answer = answer_record (CLUSTER_A, 4, "Mine", "Novi Sad");
  g_autoptr(EccpRecord) record = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  sent = change_of (fixture->store, CLUSTER_A);
  g_assert_true (eccp_store_change_sending (fixture->store, sent->num, NULL));

  /* While the request is on its way, the person edits the city. */
  edit (fixture->store, CLUSTER_A, "{\"city\": \"Sombor\"}");

  g_assert_true (eccp_store_change_accepted (fixture->store, sent->num, sent->idempotency_key,
                                             answer, &error));
  g_assert_no_error (error);

  after = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (after->state, ==, ECCP_SYNC_STATE_PENDING);
  g_assert_cmpint (after->base_rev, ==, 4);
  assert_strv (after->changed_attributes, "city");
  g_assert_cmpstr (after->idempotency_key, !=, sent->idempotency_key);
  record = get (fixture->store, CLUSTER_A);
  g_assert_cmpstr (attribute (record, "city"), ==, "Sombor");
  g_assert_cmpstr (attribute (record, "description"), ==, "Mine");
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpChange) marked = NULL;
  g_autoptr(JsonNode) errors = eccp_json_node_from_string (
      "[{\"status\": \"403\", \"code\": \"forbidden\", \"title\": \"Not yours\"}]", NULL);

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  change = change_of (fixture->store, CLUSTER_A);

  /* An answer to another key (an older request) is not this change's. */
  g_assert_true (eccp_store_change_refused (fixture->store, change->num, "not-the-key",
                                            ECCP_SYNC_STATE_REJECTED, json_node_get_array (errors), &error));
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_REJECTED, NULL), ==, 0);

  g_assert_true (eccp_store_change_refused (fixture->store, change->num, change->idempotency_key,
                                            ECCP_SYNC_STATE_REJECTED, json_node_get_array (errors), &error));
  g_assert_no_error (error);
  marked = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (marked->state, ==, ECCP_SYNC_STATE_REJECTED);
  g_assert_cmpstr (eccp_json_get_string (json_array_get_object_element (marked->errors, 0), "title"), ==,
                   "Not yours");
}

/* One change in each state, and a record with none: three need the user. */
static void
test_count_needing_user (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const ids[] = {
    "0a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f", /* pending */
    "1a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f", /* conflict */
    "2a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f", /* rejected */
    "3a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f", /* invalid */
    "4a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f", /* synced */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) rejected = NULL;
  g_autoptr(EccpChange) invalid = NULL;
  g_autoptr(JsonNode) errors = eccp_json_node_from_string (
      "[{\"status\": \"422\", \"code\": \"invalid\", \"title\": \"No\"}]", NULL);
  g_autofree char *theirs = cluster_json (ids[1], 4, "Theirs", "Subotica");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    publish_cluster (fixture->store, ids[i], 3, "Old", "Novi Sad");
  for (guint i = 0; i < 4; i++)
    edit (fixture->store, ids[i], "{\"description\": \"Mine\"}");

  apply_page (fixture->store, theirs, "40", NULL);

  rejected = change_of (fixture->store, ids[2]);
  g_assert_true (eccp_store_change_refused (fixture->store, rejected->num, rejected->idempotency_key,
                                            ECCP_SYNC_STATE_REJECTED, json_node_get_array (errors), &error));
  g_assert_no_error (error);
  invalid = change_of (fixture->store, ids[3]);
  g_assert_true (eccp_store_change_refused (fixture->store, invalid->num, invalid->idempotency_key,
                                            ECCP_SYNC_STATE_INVALID, json_node_get_array (errors), &error));
  g_assert_no_error (error);

  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 1);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_CONFLICT, NULL), ==, 1);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_REJECTED, NULL), ==, 1);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_INVALID, NULL), ==, 1);
  g_assert_cmpint (eccp_store_count_changes_needing_user (fixture->store, &error), ==, 3);
  g_assert_no_error (error);
}

static void
test_stale (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpChange) after = NULL;
  g_autoptr(JsonObject) current = answer_record (CLUSTER_A, 5, "Old", "Subotica");
  gboolean conflict = TRUE;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\"}");
  change = change_of (fixture->store, CLUSTER_A);
  g_assert_true (eccp_store_change_sending (fixture->store, change->num, NULL));

  g_assert_true (eccp_store_change_stale (fixture->store, change->num, change->idempotency_key,
                                          current, &conflict, &error));
  g_assert_no_error (error);
  g_assert_false (conflict);

  after = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (after->base_rev, ==, 5);
  g_assert_cmpint (after->state, ==, ECCP_SYNC_STATE_PENDING);
  /* The 412 is stored under the old key: a resend needs a new one. */
  g_assert_cmpstr (after->idempotency_key, !=, change->idempotency_key);
}

/* Sent, answer lost, edited again: the portal's copy of the first send is
 * our own edit, not somebody else's (found by the crash test). */
static void
lost_answer_then (Fixture    *fixture,
                  const char *portal_has,
                  gboolean    expect_conflict)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) first = NULL;
  g_autoptr(EccpChange) second = NULL;
  g_autoptr(EccpChange) after = NULL;
  g_autoptr(JsonObject) current = answer_record (CLUSTER_A, 4, portal_has, "Novi Sad");
  gboolean conflict = !expect_conflict;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"First\"}");
  first = change_of (fixture->store, CLUSTER_A);
  g_assert_true (eccp_store_change_sending (fixture->store, first->num, NULL));
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Second\"}");
  second = change_of (fixture->store, CLUSTER_A);
  g_assert_true (eccp_store_change_sending (fixture->store, second->num, NULL));
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Third\"}");

  g_assert_true (eccp_store_change_stale (fixture->store, first->num, "whatever", current, &conflict, &error));
  g_assert_no_error (error);
  g_assert_cmpint (conflict, ==, expect_conflict);

  after = change_of (fixture->store, CLUSTER_A);
  g_assert_cmpint (after->base_rev, ==, 4);
  assert_strv (after->changed_attributes, "description");
  g_assert_null (after->sent);
}

static void
test_lost_answer_first_send (Fixture *fixture, gconstpointer data)
{
  lost_answer_then (fixture, "First", FALSE);
}

static void
test_lost_answer_second_send (Fixture *fixture, gconstpointer data)
{
  lost_answer_then (fixture, "Second", FALSE);
}

static void
test_lost_answer_somebody_else (Fixture *fixture, gconstpointer data)
{
  lost_answer_then (fixture, "Somebody else's", TRUE);
}

/* }}} */

/* {{{ Discard and transitions */

static void
test_discard (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpRecord) submitted = NULL;
  g_autoptr(EccpRecord) gone = NULL;
  g_autoptr(JsonObject) attributes = object_from ("{\"name\": \"New\", \"profile_type\": \"cluster_project\","
                                                  " \"country\": \"DE\", \"ecosystems\": [\"Digital\"]}");
  g_autoptr(EccpRecord) created = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  edit (fixture->store, CLUSTER_A, "{\"description\": \"Mine\", \"members.sme\": 30}");
  submitted = eccp_store_transition (fixture->store, "cluster", CLUSTER_A, "needs_review", NULL, &error);
  g_assert_no_error (error);

  g_assert_true (eccp_store_discard (fixture->store, "cluster", CLUSTER_A, &error));
  g_assert_no_error (error);
  record = get (fixture->store, CLUSTER_A);
  g_assert_cmpstr (attribute (record, "description"), ==, "Old");
  g_assert_cmpint (eccp_json_get_int (eccp_json_get_object (eccp_record_get_attributes (record), "members"),
                                      "sme", 0), ==, 20);
  g_assert_cmpstr (eccp_json_get_string (eccp_record_get_meta (record), "moderation_state"), ==, "published");
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_SYNCED);

  created = eccp_store_create (fixture->store, "cluster", NULL, attributes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eccp_store_discard (fixture->store, "cluster", eccp_record_get_id (created), &error));
  gone = eccp_store_get (fixture->store, "cluster", eccp_record_get_id (created), &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (eccp_store_discard (fixture->store, "cluster", CLUSTER_A, &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
}

static void
test_transition_checks_criteria (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) refused = NULL;
  g_autoptr(EccpRecord) submitted = NULL;
  g_autoptr(EccpRecord) bad_state = NULL;

  publish_cluster (fixture->store, CLUSTER_A, 3, "Old", "Novi Sad");
  /* 20 SMEs and 2 research: 22 members of two kinds, 1 FTE, a website:
   * the criteria are met; with 0.3 FTE they are not. */
  edit (fixture->store, CLUSTER_A, "{\"management_fte\": 0.3}");
  refused = eccp_store_transition (fixture->store, "cluster", CLUSTER_A, "needs_review", NULL, &error);
  g_assert_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0.5"));
  g_clear_error (&error);

  edit (fixture->store, CLUSTER_A, "{\"management_fte\": 0.5}");
  submitted = eccp_store_transition (fixture->store, "cluster", CLUSTER_A, "needs_review",
                                     "Please review", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eccp_json_get_string (eccp_record_get_meta (submitted), "moderation_state"), ==,
                   "needs_review");

  {
    g_autoptr(EccpChange) change = change_of (fixture->store, CLUSTER_A);

    assert_strv (change->changed_meta, "moderation_state,review_comment");
    assert_strv (change->changed_attributes, "management_fte");
  }

  bad_state = eccp_store_transition (fixture->store, "cluster", CLUSTER_A, "deleted", NULL, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-sync/pull/merges-other-fields", test_pull_merges_other_fields);
  ADD ("/store-sync/pull/same-change-settles", test_pull_same_change_settles);
  ADD ("/store-sync/pull/echo-is-ignored", test_pull_echo_is_ignored);
  ADD ("/store-sync/conflict/keep-mine", test_conflict_keep_mine);
  ADD ("/store-sync/conflict/take-theirs", test_conflict_take_theirs);
  ADD ("/store-sync/conflict/type-another", test_conflict_type_another);
  ADD ("/store-sync/conflict/bad-value-refused", test_conflict_bad_value_refused);
  ADD ("/store-sync/conflict/tombstone-over-edit", test_tombstone_over_edit);
  ADD ("/store-sync/conflict/edit-over-delete", test_edit_over_delete);
  ADD ("/store-sync/pull/resync", test_resync_removes_what_is_gone);
  ADD ("/store-sync/push/requests", test_requests);
  ADD ("/store-sync/push/sending-counts-before", test_sending_counts_before);
  ADD ("/store-sync/push/accepted", test_accepted);
  ADD ("/store-sync/push/accepted-after-another-edit", test_accepted_after_another_edit);
  ADD ("/store-sync/push/refused", test_refused);
  ADD ("/store-sync/push/count-needing-user", test_count_needing_user);
  ADD ("/store-sync/push/stale", test_stale);
  ADD ("/store-sync/push/lost-answer-first-send", test_lost_answer_first_send);
  ADD ("/store-sync/push/lost-answer-second-send", test_lost_answer_second_send);
  ADD ("/store-sync/push/lost-answer-somebody-else", test_lost_answer_somebody_else);
  ADD ("/store-sync/discard", test_discard);
  ADD ("/store-sync/transition/criteria", test_transition_checks_criteria);
#undef ADD

  return g_test_run ();
}
