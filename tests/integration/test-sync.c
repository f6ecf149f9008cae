/* test-sync.c: the sync engine against the real eccp-portal on loopback
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts eccp-portal (--port 0, a temporary database and users
 * file, --test-hooks for faults), seeds it through its API as staff, and
 * drives real client stores (EccpStore on temporary files) with the real
 * engine, its async run in a nested main loop.  Nothing is faked.
 */

#include "config.h"

#include "eccp-account.h"
#include "eccp-test-sync.h"
#include "eccp-test-util.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "eccp-json.h"
#include "eccp-portal-client.h"
#include "eccp-store-sync.h"
#include "eccp-sync-engine.h"

#define STAFF    "staff-token"
#define STAFF2   "staff-second-token"  /* revoked by the 401 test */
#define MANAGER  "manager-token"
#define TEAM     "team-token"

#define CLUSTER_A  "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e" /* the manager's */
#define CLUSTER_B  "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"
#define CLUSTER_C  "2c3d4e5f-6071-4829-9bac-1d2e3f4a5b6c"
#define EVENT_A    "3c9f1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e4f" /* the team's */
#define ATTENDEE_A "4d0a2f3e-5c6b-4d7e-9f80-a1b2c3d4e5f6"

static const char *users_json =
  "{\"users\": ["
  " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000001\", \"name\": \"Anne-Marie Lefèvre\","
  "  \"email\": \"staff@portal.example.eu\", \"tokens\": [\"" STAFF "\", \"" STAFF2 "\"],"
  "  \"roles\": [\"staff\"], \"clusters\": [], \"events\": []},"
  " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000002\", \"name\": \"Željko Erkapić\","
  "  \"email\": \"zeljko@example.eu\", \"token\": \"" MANAGER "\","
  "  \"roles\": [\"cluster_manager\"], \"clusters\": [\"" CLUSTER_A "\"], \"events\": []},"
  " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000003\", \"name\": \"Bianca Dragomir\","
  "  \"email\": \"bianca@example.eu\", \"token\": \"" TEAM "\","
  "  \"roles\": [\"event_team\"], \"clusters\": [], \"events\": [\"" EVENT_A "\"]}"
  "]}";

typedef EccpTestSync Fixture;

/* {{{ The portal */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  eccp_test_sync_set_up (fixture, users_json, TRUE);
}

static JsonNode *
parse (const char *json)
{
  return eccp_test_parse_json (json);
}

static void
portal_expect (Fixture    *fixture,
               const char *method,
               const char *path,
               const char *body_json,
               gint64      if_match,
               guint       status)
{
  g_autoptr(EccpPortalResponse) response = eccp_test_sync_call (fixture, STAFF, method, path,
                                                                body_json, if_match);

  if (response->status != status)
    {
      g_autofree char *text = response->body ? eccp_json_node_to_string (response->body, FALSE) : NULL;

      g_error ("%s %s: %u, not %u: %s", method, path, response->status, status, text);
    }
}

/* The record as staff sees it on the portal, or %NULL when it has none. */
static JsonObject *
portal_get (Fixture    *fixture,
            const char *type,
            const char *id)
{
  g_autofree char *path = g_strdup_printf ("/%s/%s", type, id);
  g_autoptr(EccpPortalResponse) response = eccp_test_sync_call (fixture, STAFF, "GET", path, NULL, 0);
  JsonObject *data;

  if (response->status == 404)
    return NULL;

  g_assert_cmpuint (response->status, ==, 200);
  data = eccp_json_get_object (eccp_portal_response_get_object (response), "data");
  g_assert_nonnull (data);

  return json_object_ref (data);
}

static char *
portal_get_string (Fixture    *fixture,
                   const char *type,
                   const char *id,
                   const char *field)
{
  g_autoptr(JsonObject) data = portal_get (fixture, type, id);

  g_assert_nonnull (data);

  return g_strdup (eccp_json_get_string (eccp_json_get_object (data, "attributes"), field));
}

static gint64
portal_rev (Fixture    *fixture,
            const char *type,
            const char *id)
{
  g_autoptr(JsonObject) data = portal_get (fixture, type, id);

  return eccp_json_get_int (eccp_json_get_object (data, "meta"), "rev", 0);
}

/* /_test/count?QUERY: records in the portal's database. */
static gint64
portal_count (Fixture    *fixture,
              const char *query)
{
  g_autoptr(EccpPortalClient) client = eccp_test_sync_client (fixture, STAFF);

  return eccp_test_portal_count (client, query);
}

static void
portal_faults (Fixture    *fixture,
               const char *settings)
{
  portal_expect (fixture, "POST", "/_test/faults", settings, 0, 200);
}

static const char *
cluster_attributes (const char *name,
                    const char *city)
{
  static char text[1024];

  g_snprintf (text, sizeof text,
              "{\"name\": \"%s\", \"profile_type\": \"cluster_organisation\", \"country\": \"RS\","
              " \"city\": \"%s\", \"description\": \"Machines for farms.\","
              " \"ecosystems\": [\"Agri-food\"], \"website\": \"https://aec.example.eu\","
              " \"management_fte\": 1.5, \"members\": {\"sme\": 20, \"research\": 3, \"large\": 1},"
              " \"x_future_field\": {\"kept\": true}}",
              name, city);

  return text;
}

/* The same, for a record made on a desk: only the fields it knows. */
static JsonNode *
local_cluster (const char *name,
               const char *city)
{
  JsonNode *node = parse (cluster_attributes (name, city));

  json_object_remove_member (json_node_get_object (node), "x_future_field");

  return node;
}

static void
seed_cluster (Fixture    *fixture,
              const char *id,
              const char *name,
              const char *state)
{
  g_autofree char *body = g_strdup_printf ("{\"data\": {\"type\": \"cluster\", \"id\": \"%s\","
                                           " \"attributes\": %s,"
                                           " \"meta\": {\"moderation_state\": \"%s\"}}}",
                                           id, cluster_attributes (name, "Novi Sad"), state);

  portal_expect (fixture, "POST", "/cluster", body, 0, 201);
}

/* Clusters A, B and C, published; event A with attendee A. */
static void
seed (Fixture *fixture)
{
  seed_cluster (fixture, CLUSTER_A, "Agricultural Equipment Cluster", "published");
  seed_cluster (fixture, CLUSTER_B, "Klaster Kraków", "published");
  seed_cluster (fixture, CLUSTER_C, "Cluster Łódź", "published");
  portal_expect (fixture, "POST", "/event",
                 "{\"data\": {\"type\": \"event\", \"id\": \"" EVENT_A "\","
                 " \"attributes\": {\"title\": \"Matchmaking in Split\", \"kind\": \"matchmaking\","
                 "  \"starts_at\": \"2026-06-04T09:00:00+02:00\", \"ends_at\": \"2026-06-05T17:00:00+02:00\","
                 "  \"city\": \"Split\", \"country\": \"HR\"},"
                 " \"meta\": {\"moderation_state\": \"published\"}}}", 0, 201);
  portal_expect (fixture, "POST", "/attendee",
                 "{\"data\": {\"type\": \"attendee\", \"id\": \"" ATTENDEE_A "\","
                 " \"attributes\": {\"name\": \"Željko Erkapić\", \"role\": \"participant\"},"
                 " \"relationships\": {\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT_A "\"}}}}}",
                 0, 201);
}

/* }}} */

/* {{{ Clients */

static void
edit (EccpStore  *store,
      const char *type,
      const char *id,
      const char *attributes_json)
{
  g_autoptr(JsonNode) attributes = parse (attributes_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = NULL;

  record = eccp_store_update (store, type, id, json_node_get_object (attributes), NULL, &error);
  g_assert_no_error (error);
}

static char *
local_string (EccpStore  *store,
              const char *type,
              const char *id,
              const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = eccp_store_get (store, type, id, &error);

  g_assert_no_error (error);

  return g_strdup (eccp_record_get_string (record, field));
}

static gint64
count_changes (EccpStore     *store,
               EccpSyncState  state)
{
  g_autoptr(GError) error = NULL;
  gint64 n = eccp_store_count_changes (store, state, &error);

  g_assert_no_error (error);

  return n;
}

static gint64
count_records (EccpStore  *store,
               const char *type)
{
  g_autoptr(GError) error = NULL;
  gint64 n = eccp_store_count_records (store, type, &error);

  g_assert_no_error (error);

  return n;
}

static EccpChange *
change_of (EccpStore  *store,
           const char *type,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpChange *change = eccp_store_get_change (store, type, id, &error);

  g_assert_no_error (error);

  return change;
}

static void
add_checkin (EccpStore  *store,
             const char *at,
             const char *device)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"at\": \"%s\", \"device\": \"%s\"}", at, device);
  g_autoptr(JsonNode) attributes = parse (json);
  g_autoptr(JsonNode) relationships =
    parse ("{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" EVENT_A "\"}},"
           " \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"" ATTENDEE_A "\"}}}");
  g_autoptr(EccpRecord) record = NULL;

  record = eccp_store_create (store, "checkin", NULL, json_node_get_object (attributes),
                              json_node_get_object (relationships), &error);
  g_assert_no_error (error);
}

/* }}} */

/* {{{ Tests */

static void
test_first_sync (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpStore) manager = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncEngine) manager_engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  /* A draft only staff and its manager see. */
  seed_cluster (fixture, "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", "Draft Cluster", "draft");

  store = eccp_test_sync_new_store (fixture, NULL);
  engine = eccp_test_sync_new_engine (fixture, store, STAFF);
  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->pulled, ==, 6);
  g_assert_cmpuint (report->pushed, ==, 0);
  g_assert_cmpuint (report->push_requests, ==, 0);
  g_assert_cmpint (count_records (store, "cluster"), ==, 4);
  g_assert_cmpint (count_records (store, "event"), ==, 1);
  g_assert_cmpint (count_records (store, "attendee"), ==, 1);
  cursor = eccp_store_get_cursor (store);
  g_assert_nonnull (cursor);

  /* Unknown attributes come along and stay. */
  record = eccp_store_get (store, "cluster", CLUSTER_B, &error);
  g_assert_no_error (error);
  g_assert_nonnull (eccp_json_get_object (eccp_record_get_attributes (record), "x_future_field"));
  g_assert_cmpstr (eccp_record_get_string (record, "name"), ==, "Klaster Kraków");
  g_assert_cmpint (eccp_record_get_rev (record), ==, portal_rev (fixture, "cluster", CLUSTER_B));

  /* The manager sees what is published, and not the draft. */
  manager = eccp_test_sync_new_store (fixture, NULL);
  manager_engine = eccp_test_sync_new_engine (fixture, manager, MANAGER);
  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run_in_step (manager_engine);
  g_assert_cmpint (count_records (manager, "cluster"), ==, 3);
}

static void
test_no_change (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, STAFF, &engine, NULL);

  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->requests, ==, 1);
  g_assert_cmpuint (report->pulled, ==, 0);
  g_assert_cmpuint (report->pushed, ==, 0);
  g_assert_false (eccp_sync_engine_get_running (engine));
  g_assert_nonnull (eccp_sync_engine_get_last_report (engine));
}

static void
test_offline_edit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpRecord) created = NULL;
  g_autoptr(JsonNode) attributes = NULL;
  g_autoptr(JsonObject) on_portal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  gint64 rev_before;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, STAFF, &engine, NULL);
  rev_before = portal_rev (fixture, "cluster", CLUSTER_A);

  /* Offline: an edit and a new record, nothing sent yet. */
  edit (store, "cluster", CLUSTER_A, "{\"city\": \"Kraków\", \"members.sme\": 40}");
  attributes = local_cluster ("Made offline", "Łódź");
  created = eccp_store_create (store, "cluster", NULL, json_node_get_object (attributes), NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_null (portal_get (fixture, "cluster", eccp_record_get_id (created)));

  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->pushed, ==, 2);
  g_assert_cmpuint (report->push_requests, ==, 1); /* one batch */

  city = portal_get_string (fixture, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (city, ==, "Kraków");
  g_assert_cmpint (portal_rev (fixture, "cluster", CLUSTER_A), ==, rev_before + 1);
  on_portal = portal_get (fixture, "cluster", CLUSTER_A);
  /* The other members of the object are kept. */
  g_assert_cmpint (eccp_json_get_int (eccp_json_get_object (eccp_json_get_object (on_portal, "attributes"),
                                                            "members"), "research", -1), ==, 3);
  g_assert_cmpint (eccp_json_get_int (eccp_json_get_object (eccp_json_get_object (on_portal, "attributes"),
                                                            "members"), "sme", -1), ==, 40);
  g_clear_pointer (&on_portal, json_object_unref);

  on_portal = portal_get (fixture, "cluster", eccp_record_get_id (created));
  g_assert_nonnull (on_portal);
  g_assert_cmpint (eccp_json_get_int (eccp_json_get_object (on_portal, "meta"), "rev", 0), ==, 1);
  g_assert_cmpint (count_changes (store, ECCP_SYNC_STATE_PENDING), ==, 0);

  /* The local record is at the portal's revision. */
  {
    g_autoptr(EccpRecord) local = eccp_store_get (store, "cluster", CLUSTER_A, &error);

    g_assert_no_error (error);
    g_assert_cmpint (eccp_record_get_rev (local), ==, rev_before + 1);
    g_assert_cmpint (eccp_record_get_sync_state (local), ==, ECCP_SYNC_STATE_SYNCED);
  }
}

static void
test_different_fields (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EccpStore) one = NULL;
  g_autoptr(EccpStore) two = NULL;
  g_autoptr(EccpSyncEngine) engine_one = NULL;
  g_autoptr(EccpSyncEngine) engine_two = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autofree char *city = NULL;
  g_autofree char *description = NULL;
  g_autofree char *local = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  one = eccp_test_sync_new_client (fixture, STAFF, &engine_one, NULL);
  two = eccp_test_sync_new_client (fixture, STAFF, &engine_two, NULL);

  edit (one, "cluster", CLUSTER_A, "{\"city\": \"Zagreb\"}");
  edit (two, "cluster", CLUSTER_A, "{\"description\": \"Tractors and harvesters.\"}");

  report = eccp_test_sync_run_in_step (engine_one);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);

  /* 412, merged on its own, sent again against the new revision. */
  report = eccp_test_sync_run_in_step (engine_two);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpuint (report->merged, >=, 1);
  g_assert_cmpuint (report->conflicts, ==, 0);

  city = portal_get_string (fixture, "cluster", CLUSTER_A, "city");
  description = portal_get_string (fixture, "cluster", CLUSTER_A, "description");
  g_assert_cmpstr (city, ==, "Zagreb");
  g_assert_cmpstr (description, ==, "Tractors and harvesters.");

  local = local_string (two, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (local, ==, "Zagreb");
  g_clear_pointer (&report, eccp_sync_report_free);

  report = eccp_test_sync_run_in_step (engine_one);
  g_clear_pointer (&local, g_free);
  local = local_string (one, "cluster", CLUSTER_A, "description");
  g_assert_cmpstr (local, ==, "Tractors and harvesters.");
}

static void
test_same_field (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EccpStore) one = NULL;
  g_autoptr(EccpStore) two = NULL;
  g_autoptr(EccpSyncEngine) engine_one = NULL;
  g_autoptr(EccpSyncEngine) engine_two = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  one = eccp_test_sync_new_client (fixture, STAFF, &engine_one, NULL);
  two = eccp_test_sync_new_client (fixture, STAFF, &engine_two, NULL);

  /* Mine wins. */
  edit (one, "cluster", CLUSTER_A, "{\"description\": \"From the first desk.\"}");
  edit (two, "cluster", CLUSTER_A, "{\"description\": \"From the second desk.\"}");
  report = eccp_test_sync_run_in_step (engine_one);
  g_clear_pointer (&report, eccp_sync_report_free);

  report = eccp_test_sync_run (engine_two, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_NEEDS_USER);
  g_assert_cmpuint (report->conflicts, >=, 1);
  g_assert_cmpint (report->waiting_for_user, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);

  change = change_of (two, "cluster", CLUSTER_A);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
  g_assert_nonnull (eccp_json_get_object (change->conflicts, "description"));
  /* Nothing was overwritten: the portal has the first, I still have mine. */
  value = portal_get_string (fixture, "cluster", CLUSTER_A, "description");
  g_assert_cmpstr (value, ==, "From the first desk.");
  g_clear_pointer (&value, g_free);
  value = local_string (two, "cluster", CLUSTER_A, "description");
  g_assert_cmpstr (value, ==, "From the second desk.");
  g_clear_pointer (&value, g_free);

  eccp_store_resolve (two, "cluster", CLUSTER_A, "description", ECCP_RESOLVE_MINE, NULL, &error);
  g_assert_no_error (error);
  report = eccp_test_sync_run_in_step (engine_two);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);
  value = portal_get_string (fixture, "cluster", CLUSTER_A, "description");
  g_assert_cmpstr (value, ==, "From the second desk.");
  g_clear_pointer (&value, g_free);

  /* Theirs wins. */
  report = eccp_test_sync_run_in_step (engine_one);
  g_clear_pointer (&report, eccp_sync_report_free);
  edit (one, "cluster", CLUSTER_A, "{\"city\": \"Beograd\"}");
  edit (two, "cluster", CLUSTER_A, "{\"city\": \"Niš\"}");
  report = eccp_test_sync_run_in_step (engine_one);
  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run (engine_two, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_clear_pointer (&report, eccp_sync_report_free);

  eccp_store_resolve (two, "cluster", CLUSTER_A, "city", ECCP_RESOLVE_THEIRS, NULL, &error);
  g_assert_no_error (error);
  report = eccp_test_sync_run_in_step (engine_two);
  g_clear_pointer (&report, eccp_sync_report_free);
  value = portal_get_string (fixture, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (value, ==, "Beograd");
  g_clear_pointer (&value, g_free);
  value = local_string (two, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (value, ==, "Beograd");
  g_assert_cmpint (count_changes (two, ECCP_SYNC_STATE_PENDING) +
                   count_changes (two, ECCP_SYNC_STATE_CONFLICT), ==, 0);
}

static void
test_edit_delete (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EccpStore) one = NULL;
  g_autoptr(EccpStore) two = NULL;
  g_autoptr(EccpSyncEngine) engine_one = NULL;
  g_autoptr(EccpSyncEngine) engine_two = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autoptr(GError) error = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  one = eccp_test_sync_new_client (fixture, STAFF, &engine_one, NULL);
  two = eccp_test_sync_new_client (fixture, STAFF, &engine_two, NULL);

  /* Deleted there, edited here. */
  eccp_store_delete (one, "cluster", CLUSTER_B, &error);
  g_assert_no_error (error);
  edit (two, "cluster", CLUSTER_B, "{\"city\": \"Gdańsk\"}");
  report = eccp_test_sync_run_in_step (engine_one);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);
  gone = portal_get (fixture, "cluster", CLUSTER_B);
  g_assert_null (gone);

  report = eccp_test_sync_run (engine_two, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_clear_pointer (&report, eccp_sync_report_free);
  change = change_of (two, "cluster", CLUSTER_B);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
  g_assert_nonnull (eccp_json_get_object (change->conflicts, ""));
  g_clear_pointer (&change, eccp_change_free);

  /* The user takes the deletion. */
  eccp_store_resolve (two, "cluster", CLUSTER_B, "", ECCP_RESOLVE_THEIRS, NULL, &error);
  g_assert_no_error (error);
  report = eccp_test_sync_run_in_step (engine_two);
  g_clear_pointer (&report, eccp_sync_report_free);
  g_assert_null (eccp_store_get (two, "cluster", CLUSTER_B, &error));
  g_clear_error (&error);

  /* Edited there, deleted here. */
  edit (one, "cluster", CLUSTER_C, "{\"city\": \"Poznań\"}");
  eccp_store_delete (two, "cluster", CLUSTER_C, &error);
  g_assert_no_error (error);
  report = eccp_test_sync_run_in_step (engine_one);
  g_clear_pointer (&report, eccp_sync_report_free);

  report = eccp_test_sync_run (engine_two, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_clear_pointer (&report, eccp_sync_report_free);
  change = change_of (two, "cluster", CLUSTER_C);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
  g_assert_nonnull (eccp_json_get_object (change->conflicts, ""));
  g_assert_nonnull (portal_get (fixture, "cluster", CLUSTER_C));

  /* The user deletes anyway: the revision they have now seen. */
  eccp_store_resolve (two, "cluster", CLUSTER_C, "", ECCP_RESOLVE_MINE, NULL, &error);
  g_assert_no_error (error);
  report = eccp_test_sync_run_in_step (engine_two);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_clear_pointer (&gone, json_object_unref);
  gone = portal_get (fixture, "cluster", CLUSTER_C);
  g_assert_null (gone);
}

static void
test_dropped_answer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpRecord) created = NULL;
  g_autoptr(JsonNode) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, STAFF, &engine, NULL);

  /* One change: the single request's answer is lost after the commit. */
  attributes = local_cluster ("Answer Lost Cluster", "Rijeka");
  created = eccp_store_create (store, "cluster", NULL, json_node_get_object (attributes), NULL,
                               &error);
  g_assert_no_error (error);
  portal_faults (fixture, "{\"drop_after_commit_next\": 1}");

  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpuint (report->retries, ==, 1);
  query = g_strdup_printf ("type=cluster&id=%s", eccp_record_get_id (created));
  g_assert_cmpint (portal_count (fixture, query), ==, 1);
  g_assert_cmpint (portal_count (fixture, "type=cluster&name=Answer%20Lost%20Cluster"), ==, 1);
  g_assert_cmpint (portal_rev (fixture, "cluster", eccp_record_get_id (created)), ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);

  /* Several: the batch's answer is lost, and the batch sent again. */
  add_checkin (store, "2026-06-04T09:01:00+02:00", "door 1");
  add_checkin (store, "2026-06-04T09:02:00+02:00", "door 2");
  edit (store, "cluster", CLUSTER_A, "{\"city\": \"Osijek\"}");
  portal_faults (fixture, "{\"drop_after_commit_next\": 1}");

  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->pushed, ==, 3);
  g_assert_cmpuint (report->retries, ==, 1);
  g_assert_cmpint (portal_count (fixture, "type=checkin"), ==, 2);
  g_assert_cmpint (portal_rev (fixture, "cluster", CLUSTER_A), ==, 2);
  g_clear_pointer (&report, eccp_sync_report_free);

  /* The answer lost, and the record edited before it was sent again: the
   * create is found on the portal and what was added since follows. */
  {
    g_autoptr(EccpRecord) second = NULL;
    g_autoptr(JsonNode) more = local_cluster ("Edited While Lost", "Pula");
    g_autofree char *city = NULL;
    g_autofree char *name = NULL;

    second = eccp_store_create (store, "cluster", NULL, json_node_get_object (more), NULL, &error);
    g_assert_no_error (error);
    /* Every attempt fails: the run gives up, the create stays queued, and
     * may or may not have reached the portal. */
    g_object_set (engine, "max-attempts", 1, NULL);
    portal_faults (fixture, "{\"drop_after_commit_next\": 1}");
    report = eccp_test_sync_run (engine, NULL, &error);
    g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_UNREACHABLE);
    g_clear_error (&error);
    g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_UNREACHABLE);
    g_assert_cmpint (report->pending, ==, 1);
    g_clear_pointer (&report, eccp_sync_report_free);

    edit (store, "cluster", eccp_record_get_id (second), "{\"city\": \"Zadar\"}");
    g_object_set (engine, "max-attempts", 5, NULL);
    report = eccp_test_sync_run_in_step (engine);
    g_assert_cmpuint (report->invalid, ==, 0);

    g_clear_pointer (&query, g_free);
    query = g_strdup_printf ("type=cluster&id=%s", eccp_record_get_id (second));
    g_assert_cmpint (portal_count (fixture, query), ==, 1);
    city = portal_get_string (fixture, "cluster", eccp_record_get_id (second), "city");
    g_assert_cmpstr (city, ==, "Zadar");
    name = portal_get_string (fixture, "cluster", eccp_record_get_id (second), "name");
    g_assert_cmpstr (name, ==, "Edited While Lost");
  }
}

static void
test_server_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, STAFF, &engine, NULL);

  /* Two 500s, then the answer. */
  edit (store, "cluster", CLUSTER_A, "{\"city\": \"Sarajevo\"}");
  portal_faults (fixture, "{\"fail_next\": 2, \"status\": 500}");
  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->retries, ==, 2);
  g_assert_cmpuint (report->pushed, ==, 1);
  city = portal_get_string (fixture, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (city, ==, "Sarajevo");
  g_clear_pointer (&report, eccp_sync_report_free);

  /* The connection dropped before anything was done, then answers. */
  edit (store, "cluster", CLUSTER_A, "{\"city\": \"Tuzla\"}");
  portal_faults (fixture, "{\"drop_next\": 1}");
  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->retries, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);

  /* Failing for longer than the engine tries: unreachable, nothing lost. */
  edit (store, "cluster", CLUSTER_A, "{\"city\": \"Mostar\"}");
  g_object_set (engine, "max-attempts", 3, NULL);
  portal_faults (fixture, "{\"fail_next\": 3, \"status\": 502}");
  report = eccp_test_sync_run (engine, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_UNREACHABLE);
  g_assert_cmpuint (report->requests, ==, 3);
  g_assert_cmpint (count_changes (store, ECCP_SYNC_STATE_PENDING), ==, 1);
  g_clear_pointer (&city, g_free);
  city = local_string (store, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (city, ==, "Mostar");
  g_clear_pointer (&report, eccp_sync_report_free);

  report = eccp_test_sync_run_in_step (engine);
  g_clear_pointer (&city, g_free);
  city = portal_get_string (fixture, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (city, ==, "Mostar");
  g_clear_pointer (&report, eccp_sync_report_free);

  /* An answer too late: the request times out and is sent again. */
  {
    EccpPortalClient *client = eccp_sync_engine_get_client (engine);

    edit (store, "cluster", CLUSTER_A, "{\"city\": \"Bihać\"}");
    eccp_portal_client_set_timeout (client, 1);
    portal_faults (fixture, "{\"delay_next\": 1, \"delay_ms\": 1500}");
    report = eccp_test_sync_run_in_step (engine);
    g_assert_cmpuint (report->retries, ==, 1);
    g_clear_pointer (&city, g_free);
    city = portal_get_string (fixture, "cluster", CLUSTER_A, "city");
    g_assert_cmpstr (city, ==, "Bihać");
  }
}

static void
check_retry_after (Fixture    *fixture,
                   const char *faults,
                   const char *city)
{
  g_autofree char *edit_json = g_strdup_printf ("{\"city\": \"%s\"}", city);
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  gint64 started;

  store = eccp_test_sync_new_client (fixture, STAFF, &engine, NULL);
  edit (store, "cluster", CLUSTER_A, edit_json);
  portal_faults (fixture, faults);

  started = g_get_monotonic_time ();
  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 1 * G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (report->retries, ==, 1);
  g_assert_cmpuint (report->pushed, ==, 1);
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  check_retry_after (fixture, "{\"status_429_next\": 1, \"retry_after\": 1}", "Vukovar");
  check_retry_after (fixture, "{\"fail_next\": 1, \"status\": 503, \"retry_after\": 1}", "Vinkovci");
}

static void
test_retry_after_date (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 3);
  g_autofree char *date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");
  g_autofree char *faults = g_strdup_printf ("{\"status_429_next\": 1, \"retry_after\": \"%s\"}", date);

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  /* An HTTP date 3 s ahead, to the second: at least 1 s of waiting. */
  check_retry_after (fixture, faults, "Dubrovnik");
}

static void
test_auth_failed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncEngine) signed_in = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpRecord) created = NULL;
  g_autoptr(JsonNode) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, STAFF2, &engine, NULL);
  edit (store, "cluster", CLUSTER_A, "{\"city\": \"Ljubljana\"}");
  attributes = local_cluster ("Waiting For Sign In", "Maribor");
  created = eccp_store_create (store, "cluster", NULL, json_node_get_object (attributes), NULL,
                               &error);
  g_assert_no_error (error);

  portal_expect (fixture, "POST", "/_test/revoke", "{\"token\": \"" STAFF2 "\"}", 0, 200);

  report = eccp_test_sync_run (engine, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_AUTH_FAILED);
  g_assert_null (strstr (error->message, STAFF2));
  g_clear_error (&error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_AUTH_FAILED);
  g_assert_cmpuint (report->requests, ==, 1);
  g_assert_cmpint (report->pending, ==, 2);
  g_assert_cmpint (count_changes (store, ECCP_SYNC_STATE_PENDING), ==, 2);
  city = local_string (store, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (city, ==, "Ljubljana");
  g_clear_pointer (&report, eccp_sync_report_free);

  /* Signed in again: everything goes. */
  signed_in = eccp_test_sync_new_engine (fixture, store, STAFF);
  report = eccp_test_sync_run_in_step (signed_in);
  g_assert_cmpuint (report->pushed, ==, 2);
  g_clear_pointer (&city, g_free);
  city = portal_get_string (fixture, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (city, ==, "Ljubljana");
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EccpStore) manager = NULL;
  g_autoptr(EccpStore) staff = NULL;
  g_autoptr(EccpSyncEngine) manager_engine = NULL;
  g_autoptr(EccpSyncEngine) staff_engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  const char *draft = "6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0";
  JsonObject *first;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  seed_cluster (fixture, draft, "Draft Cluster", "draft");

  /* 403: a manager edits a cluster that is not theirs; their own goes. */
  manager = eccp_test_sync_new_client (fixture, MANAGER, &manager_engine, NULL);
  edit (manager, "cluster", CLUSTER_B, "{\"city\": \"Opole\"}");
  edit (manager, "cluster", CLUSTER_A, "{\"acronym\": \"AEC\"}");
  report = eccp_test_sync_run (manager_engine, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_NEEDS_USER);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);

  change = change_of (manager, "cluster", CLUSTER_B);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_REJECTED);
  g_assert_nonnull (change->errors);
  first = json_array_get_object_element (change->errors, 0);
  g_assert_cmpstr (eccp_json_get_string (first, "code"), ==, "forbidden");
  g_assert_nonnull (eccp_json_get_string (first, "detail"));
  city = local_string (manager, "cluster", CLUSTER_B, "city");
  g_assert_cmpstr (city, ==, "Opole");
  g_clear_pointer (&change, eccp_change_free);

  /* A rejected change is not sent again on its own. */
  report = eccp_test_sync_run (manager_engine, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_assert_cmpuint (report->requests, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);

  /* 422: staff archive a draft, which the portal does not allow. */
  staff = eccp_test_sync_new_client (fixture, STAFF, &staff_engine, NULL);
  moved = eccp_store_transition (staff, "cluster", draft, "archived", NULL, &error);
  g_assert_no_error (error);
  report = eccp_test_sync_run (staff_engine, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_assert_cmpuint (report->rejected, ==, 1);
  change = change_of (staff, "cluster", draft);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_REJECTED);
  first = json_array_get_object_element (change->errors, 0);
  g_assert_cmpstr (eccp_json_get_string (first, "code"), ==, "invalid_transition");
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (first, "source"), "pointer"), ==,
                   "/data/meta/moderation_state");
}

static void
test_resync (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) gone = NULL;
  g_autoptr(EccpRecord) event = NULL;
  g_autoptr(JsonNode) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *body = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, MANAGER, &engine, NULL);

  /* Changes that stay in the outbox through the run: a conflict on the
   * manager's cluster, an edit they may not make (403), and an event they
   * may not create (403). */
  edit (store, "cluster", CLUSTER_A, "{\"city\": \"Subotica\"}");
  edit (store, "cluster", CLUSTER_B, "{\"city\": \"Kragujevac\"}");
  attributes = parse ("{\"title\": \"Cluster Days\", \"kind\": \"conference\","
                      " \"starts_at\": \"2026-09-01T09:00:00+02:00\","
                      " \"ends_at\": \"2026-09-02T17:00:00+02:00\"}");
  event = eccp_store_create (store, "event", NULL, json_node_get_object (attributes), NULL, &error);
  g_assert_no_error (error);

  /* Meanwhile on the portal: cluster A edited, cluster C deleted, and the
   * portal forgets its history, so the manager's cursor has expired. */
  body = g_strdup_printf ("{\"data\": {\"type\": \"cluster\", \"id\": \"" CLUSTER_A "\","
                          " \"attributes\": {\"city\": \"Pančevo\"}}}");
  portal_expect (fixture, "PATCH", "/cluster/" CLUSTER_A, body,
                 portal_rev (fixture, "cluster", CLUSTER_A), 200);
  portal_expect (fixture, "DELETE", "/cluster/" CLUSTER_C, NULL,
                 portal_rev (fixture, "cluster", CLUSTER_C), 204);
  portal_faults (fixture, "{\"forget_history\": true}");

  report = eccp_test_sync_run (engine, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_assert_true (report->resynced);
  g_assert_cmpuint (report->removed, ==, 1);
  g_assert_cmpint (report->waiting_for_user, ==, 3);

  /* C is gone; everything of mine is still here. */
  gone = eccp_store_get (store, "cluster", CLUSTER_C, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  change = change_of (store, "cluster", CLUSTER_A);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_CONFLICT);
  value = local_string (store, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (value, ==, "Subotica");
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&change, eccp_change_free);

  change = change_of (store, "cluster", CLUSTER_B);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_REJECTED);
  value = local_string (store, "cluster", CLUSTER_B, "city");
  g_assert_cmpstr (value, ==, "Kragujevac");
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&change, eccp_change_free);

  change = change_of (store, "event", eccp_record_get_id (event));
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_CREATE);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_REJECTED);
  g_assert_cmpint (count_records (store, "event"), ==, 2);
  g_assert_cmpint (count_records (store, "cluster"), ==, 2);
  g_clear_pointer (&report, eccp_sync_report_free);

  /* The next run goes on from the new cursor. */
  report = eccp_test_sync_run (engine, NULL, &error);
  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_assert_false (report->resynced);
  g_assert_cmpuint (report->requests, ==, 1);
}

static void
test_checkins_two_clients (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EccpStore) one = NULL;
  g_autoptr(EccpStore) two = NULL;
  g_autoptr(EccpSyncEngine) engine_one = NULL;
  g_autoptr(EccpSyncEngine) engine_two = NULL;
  g_autoptr(EccpSyncReport) report = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  one = eccp_test_sync_new_client (fixture, TEAM, &engine_one, NULL);
  two = eccp_test_sync_new_client (fixture, TEAM, &engine_two, NULL);

  /* Two doors of the venue, both offline. */
  add_checkin (one, "2026-06-04T09:05:00+02:00", "north door");
  add_checkin (two, "2026-06-04T09:06:00+02:00", "south door");

  report = eccp_test_sync_run_in_step (engine_one);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run_in_step (engine_two);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpuint (report->conflicts, ==, 0);
  g_assert_cmpuint (report->pulled, ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run_in_step (engine_one);
  g_assert_cmpuint (report->pulled, ==, 1);

  g_assert_cmpint (portal_count (fixture, "type=checkin"), ==, 2);
  g_assert_cmpint (count_records (one, "checkin"), ==, 2);
  g_assert_cmpint (count_records (two, "checkin"), ==, 2);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_many_checkins (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2026-06-04T08:00:00+02:00", NULL);
  guint notified = 0;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, TEAM, &engine, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_seconds (start, i * 7);
      g_autofree char *text = g_date_time_format (at, "%Y-%m-%dT%H:%M:%S%:z");

      add_checkin (store, text, "scanner");
    }

  g_signal_connect (engine, "notify::pushed", G_CALLBACK (count_notify_cb), &notified);

  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->pushed, ==, 1000);
  g_assert_cmpuint (report->push_requests, <=, 10);
  g_assert_cmpuint (notified, >=, 10);
  g_assert_cmpuint (eccp_sync_engine_get_pushed (engine), ==, 1000);
  g_assert_cmpint (portal_count (fixture, "type=checkin"), ==, 1000);
  g_assert_cmpint (count_changes (store, ECCP_SYNC_STATE_PENDING), ==, 0);
  g_test_message ("1,000 check-ins: %u requests (%u writes) in %" G_GINT64_FORMAT " ms",
                  report->requests, report->push_requests, report->duration_ms);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed (fixture);
  store = eccp_test_sync_new_client (fixture, STAFF, &engine, NULL);

  /* Cancelled while the request is out (the portal answers late). */
  edit (store, "cluster", CLUSTER_A, "{\"city\": \"Varaždin\"}");
  portal_faults (fixture, "{\"delay_next\": 1, \"delay_ms\": 800}");
  g_timeout_add (100, cancel_cb, cancellable);
  report = eccp_test_sync_run (engine, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_CANCELLED);
  g_assert_cmpint (count_changes (store, ECCP_SYNC_STATE_PENDING), ==, 1);
  g_clear_pointer (&report, eccp_sync_report_free);

  /* Cancelled while waiting to try again. */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  g_usleep (1000 * 1000); /* the late answer has been and gone */
  portal_faults (fixture, "{\"status_429_next\": 1, \"retry_after\": 30}");
  g_timeout_add (300, cancel_cb, cancellable);
  report = eccp_test_sync_run (engine, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (report->duration_ms, <, 5000);
  g_clear_pointer (&report, eccp_sync_report_free);

  /* A run already going: a second one is refused. */
  {
    EccpTestSyncWait wait = { g_main_loop_new (NULL, FALSE), };
    EccpTestSyncWait busy = { g_main_loop_new (NULL, FALSE), };

    eccp_sync_engine_sync_async (engine, NULL, eccp_test_sync_done_cb, &wait);
    g_assert_true (eccp_sync_engine_get_running (engine));
    eccp_sync_engine_sync_async (engine, NULL, eccp_test_sync_done_cb, &busy);
    g_main_loop_run (busy.loop);
    g_assert_error (busy.error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_BUSY);
    g_assert_null (busy.report);
    g_clear_error (&busy.error);
    g_main_loop_run (wait.loop);
    g_assert_no_error (wait.error);
    g_assert_cmpuint (wait.report->pushed, ==, 1);
    eccp_sync_report_free (wait.report);
    g_main_loop_unref (wait.loop);
    g_main_loop_unref (busy.loop);
  }

  city = portal_get_string (fixture, "cluster", CLUSTER_A, "city");
  g_assert_cmpstr (city, ==, "Varaždin");
  g_assert_cmpint (portal_rev (fixture, "cluster", CLUSTER_A), ==, 2);
}

/* {{{ Cancelled, or the store closed, while a page is being written */

#define MANY 10  /* clusters besides the three of seed() */

/* Holds the store's writer thread until released: the pages of the feed
 * queue behind it, so a cancel lands while a page waits to be written. */
static gpointer
hold_writer_job (EccpStore     *connection,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  int *release = data;

  while (!g_atomic_int_get (release))
    g_usleep (2000);

  return g_strdup ("held");
}

static void
held_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree char *held = eccp_store_run_finish (ECCP_STORE (object), result, NULL);
}

typedef struct
{
  GCancellable *cancellable;
  EccpStore    *store;
  guint         pages;
  guint         after;     /* 0: cancel on a timer, the writer held */
  gboolean      close;     /* close the store's threads too, as the app does on quit */
  int           release;
} CancelAt;

/* A desk edit made while the pull runs, then the run cancelled. */
static void
edit_and_cancel (CancelAt *at)
{
  g_autoptr(JsonNode) created = local_cluster ("Klaster Varaždin", "Varaždin");
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = eccp_store_create (at->store, "cluster", NULL, json_node_get_object (created), NULL,
                              &error);
  g_assert_no_error (error);
  g_cancellable_cancel (at->cancellable);
  /* Closing waits for the job running: the held one is let go first. */
  g_atomic_int_set (&at->release, 1);
  if (at->close)
    eccp_store_close_workers (at->store);
}

static gboolean
cancel_on_timer_cb (gpointer data)
{
  edit_and_cancel (data);
  return G_SOURCE_REMOVE;
}

/* On the store's ::changed, sent for each page written: after @after
 * pages, with the next one asked for or being written. */
static void
cancel_after_cb (EccpStore *store,
                 CancelAt  *at)
{
  if (++at->pages == at->after)
    edit_and_cancel (at);
}

/* A first sync of seven pages or more of two records, cancelled (@after 0: while
 * the first page waits behind the writer; else once @after pages are in,
 * while the next is in flight or written), the store's threads closed too
 * when @close.  Nothing is lost: the cursor is that of a page written
 * whole, the desk's edit waits, and the next run takes the rest. */
static void
check_cancelled_mid_pull (Fixture  *fixture,
                          guint     after,
                          gboolean  close)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *cursor = NULL;
  CancelAt at = { cancellable, NULL, 0, after, close, 0 };
  gint64 on_portal = portal_count (fixture, "type=cluster");
  gint64 kept;

  store = eccp_test_sync_new_store (fixture, &db);
  at.store = store;
  engine = eccp_test_sync_new_engine (fixture, store, STAFF);
  g_object_set (engine, "page-limit", 2, NULL);

  if (after == 0)
    {
      eccp_store_run_async (store, ECCP_STORE_JOB_WRITE, hold_writer_job, &at.release, NULL,
                            g_free, NULL, held_cb, NULL);
      g_timeout_add (300, cancel_on_timer_cb, &at);
    }
  else
    {
      g_signal_connect (store, "changed", G_CALLBACK (cancel_after_cb), &at);
    }

  report = eccp_test_sync_run (engine, cancellable, &error);
  g_signal_handlers_disconnect_by_data (store, &at);
  g_assert_nonnull (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_CANCELLED);
  g_clear_error (&error);

  /* Pages are written whole, each with its cursor, or not at all. */
  cursor = eccp_store_get_cursor (store);
  kept = count_records (store, "cluster") - 1;  /* without the desk's */
  if (after == 0)
    {
      g_assert_null (cursor);
      g_assert_cmpint (kept, ==, 0);
    }
  else
    {
      g_assert_nonnull (cursor);
      g_assert_cmpint (kept, >=, 2 * (after - 1));
      g_assert_cmpint (kept, <, on_portal);
    }
  g_assert_cmpint (count_changes (store, ECCP_SYNC_STATE_PENDING), ==, 1);
  g_clear_object (&engine);
  if (!close)
    eccp_store_close_workers (store);
  g_clear_object (&store);

  /* The store again, as after a restart: the rest, and the edit sent. */
  store = eccp_store_new (db, &error);
  g_assert_no_error (error);
  engine = eccp_test_sync_new_engine (fixture, store, STAFF);
  g_object_set (engine, "page-limit", 2, NULL);
  g_clear_pointer (&report, eccp_sync_report_free);
  report = eccp_test_sync_run_in_step (engine);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpint (count_records (store, "cluster"), ==, on_portal + 1);
  g_assert_cmpint (portal_count (fixture, "type=cluster"), ==, on_portal + 1);
  g_assert_cmpint (count_changes (store, ECCP_SYNC_STATE_PENDING), ==, 0);
}

/* The portal's seed and MANY published clusters more: a first sync of
 * several pages of two records. */
static void
seed_many (Fixture *fixture)
{
  seed (fixture);
  for (guint i = 0; i < MANY; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *name = g_strdup_printf ("Cluster %u", i);

      seed_cluster (fixture, id, name, "published");
    }
}

static void
test_cancel_writing (Fixture       *fixture,
                     gconstpointer  data)
{
  if (!eccp_test_sync_have_portal ())
    return;

  seed_many (fixture);

  check_cancelled_mid_pull (fixture, 0, FALSE);
  check_cancelled_mid_pull (fixture, 1, FALSE);
  check_cancelled_mid_pull (fixture, 3, FALSE);
}

/* The app quitting mid-sync: the session cancels the run and closes the
 * store's threads (eccp-session.c) while a page is on its way. */
static void
test_close_mid_sync (Fixture       *fixture,
                     gconstpointer  data)
{
  if (!eccp_test_sync_have_portal ())
    return;

  seed_many (fixture);

  check_cancelled_mid_pull (fixture, 0, TRUE);
  check_cancelled_mid_pull (fixture, 2, TRUE);
}

/* }}} */

/* `eccp sync`: its line and its exit statuses. */
static int
run_cli (Fixture     *fixture,
         const char  *db,
         const char  *token,
         const char  *portal,
         char       **out,
         char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "ECCP_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "ECCP_TOKEN");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* Never the keyring of whoever runs the tests. */
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");

  if (portal != NULL)
    process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ECCP_CLI"), "--db", db,
                                           "sync", "--portal", portal, NULL);
  else
    process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ECCP_CLI"), "--db", db,
                                           "sync", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(EccpStore) other = NULL;
  g_autoptr(EccpSyncEngine) other_engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *unreachable = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!eccp_test_sync_have_portal ())
    return;
  if (g_getenv ("ECCP_CLI") == NULL)
    {
      g_test_skip ("ECCP_CLI is not set");
      return;
    }

  seed (fixture);
  db = g_build_filename (fixture->dir, "cli.db", NULL);

  /* No token. */
  status = run_cli (fixture, db, NULL, fixture->url, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "ECCP_TOKEN"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* In step. */
  status = run_cli (fixture, db, STAFF, fixture->url, &out, &err);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Pulled 5, pushed 0, merged 0, conflicts 0, rejected 0\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The first sync also learnt who is signed in (GET /me), for the checks
   * eccp makes before it queues a transition. */
  {
    g_autoptr(EccpStore) mine = eccp_store_new (db, &error);
    g_autoptr(EccpAccount) account = NULL;

    g_assert_no_error (error);
    account = eccp_account_load (mine);
    g_assert_nonnull (account);
    g_assert_true (eccp_account_has_role (account, "staff"));
  }

  /* A conflict waits: 3.  The portal is remembered from the first --portal. */
  {
    g_autoptr(EccpStore) mine = eccp_store_new (db, &error);

    g_assert_no_error (error);
    edit (mine, "cluster", CLUSTER_A, "{\"city\": \"Skopje\"}");
  }
  other = eccp_test_sync_new_client (fixture, STAFF, &other_engine, NULL);
  edit (other, "cluster", CLUSTER_A, "{\"city\": \"Bitola\"}");
  report = eccp_test_sync_run_in_step (other_engine);
  status = run_cli (fixture, db, STAFF, NULL, &out, &err);
  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (out, "conflicts 1"));
  g_assert_nonnull (strstr (err, "wait"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A token the portal refuses: 1, and it says what to do. */
  status = run_cli (fixture, db, "not-a-token", NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "eccp login"));
  g_assert_null (strstr (err, "not-a-token"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No portal there: 4. */
  g_subprocess_send_signal (fixture->portal, SIGTERM);
  g_subprocess_wait (fixture->portal, NULL, NULL);
  status = run_cli (fixture, db, STAFF, NULL, &out, &err);
  g_assert_cmpint (status, ==, 4);
  g_assert_nonnull (strstr (err, "could not be reached"));
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync/" path, Fixture, NULL, fixture_set_up, func, eccp_test_sync_tear_down)

  ADD ("first-sync", test_first_sync);
  ADD ("no-change", test_no_change);
  ADD ("offline-edit", test_offline_edit);
  ADD ("different-fields", test_different_fields);
  ADD ("same-field", test_same_field);
  ADD ("edit-delete", test_edit_delete);
  ADD ("dropped-answer", test_dropped_answer);
  ADD ("server-errors", test_server_errors);
  ADD ("retry-after", test_retry_after);
  ADD ("retry-after-date", test_retry_after_date);
  ADD ("auth-failed", test_auth_failed);
  ADD ("refused", test_refused);
  ADD ("resync", test_resync);
  ADD ("checkins-two-clients", test_checkins_two_clients);
  ADD ("many-checkins", test_many_checkins);
  ADD ("cancel", test_cancel);
  ADD ("cancel-writing", test_cancel_writing);
  ADD ("close-mid-sync", test_close_mid_sync);
  ADD ("cli", test_cli);

#undef ADD

  return g_test_run ();
}
