/* test-moderation.c: the rules of moderation, the client's against the real
 * eccp-portal on loopback
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client offers a transition by eccp_rights_check_transition() over
 * the rights of GET /me; the portal decides by its own reading of them.
 * Here every move of portal-api.md §5, and moves that are none, by every
 * role, is asked of both: the client's answer must be the portal's (so the
 * client never offers what the portal answers 403).  Then transitions are
 * queued in real stores and pushed by the real sync engine: accepted when
 * allowed, and when the portal refuses one (criteria_not_met,
 * invalid_transition, 403) it comes back as a change that waits for the
 * person, with the portal's reasons in words, and nothing is lost.
 */

#include "config.h"

#include "eccp-account.h"
#include "eccp-json.h"
#include "eccp-portal-client.h"
#include "eccp-store-sync.h"
#include "eccp-sync-engine.h"
#include "eccp-test-sync.h"
#include "eccp-test-util.h"

/* The people of data/portal-users.json, with tokens of the test's own and
 * the records the tables move (users_json()), and two that file has no
 * second of: another cluster's manager, another member of staff. */
#define STAFF          "staff-token"
#define STAFF2         "staff-second-token"
#define MANAGER        "manager-token"
#define OTHER_MANAGER  "other-manager-token"
#define TEAM           "team-token"

#define CLUSTER_MINE   "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e" /* the manager's */
#define CLUSTER_THEIRS "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b" /* the other manager's */
#define EVENT_A        "3c9f1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e4f" /* the team's */

typedef enum
{
  ROLE_STAFF,
  ROLE_MANAGER,       /* of the cluster */
  ROLE_OTHER_MANAGER, /* of another cluster */
  ROLE_TEAM,
  N_ROLES
} Role;

static const struct
{
  const char *token;
  const char *name;
} roles[N_ROLES] = {
  { STAFF, "staff" },
  { MANAGER, "the cluster's manager" },
  { OTHER_MANAGER, "another cluster's manager" },
  { TEAM, "the event team" },
};

/* Every move of §5, then moves that are none. */
static const struct
{
  const char *from;
  const char *to;
} moves[] = {
  { "draft", "needs_review" },
  { "changes_requested", "needs_review" },
  { "needs_review", "published" },
  { "needs_review", "changes_requested" },
  { "published", "archived" },
  { "draft", "published" },
  { "draft", "changes_requested" },
  { "archived", "needs_review" },
  { "published", "needs_review" },
  { "changes_requested", "published" },
  { "needs_review", "archived" },
};

/* What the table moves: clusters, which are their manager's, and events,
 * which are their team's. */
typedef struct
{
  const char *type;
  Role        owner;
  const char *attributes; /* which meet the publication criteria */
  const char *edit;       /* an edit by the owner, which starts a working copy */
  char        prefix;     /* of the ids */
} Kind;

static const Kind cluster_kind = {
  "cluster", ROLE_MANAGER,
  "{\"name\": \"Agricultural Equipment Cluster\", \"profile_type\": \"cluster_organisation\","
  " \"country\": \"RS\", \"city\": \"Novi Sad\", \"ecosystems\": [\"Agri-food\"],"
  " \"website\": \"https://aec.example.eu\", \"management_fte\": 1.5,"
  " \"members\": {\"sme\": 20, \"research\": 3, \"large\": 1}}",
  "\"attributes\": {\"acronym\": \"AEC\"}",
  'c',
};

static const Kind event_kind = {
  "event", ROLE_TEAM,
  "{\"title\": \"Matchmaking in Split\", \"kind\": \"matchmaking\","
  " \"starts_at\": \"2026-06-04T09:00:00+02:00\", \"ends_at\": \"2026-06-05T17:00:00+02:00\","
  " \"city\": \"Split\", \"country\": \"HR\"}",
  "\"attributes\": {\"venue\": \"Lora\"}",
  'e',
};

/* The record of @kind the table moves from @move by @role: one each, so
 * that no move depends on another.  All are the kind's owner's. */
static char *
table_record_id (const Kind *kind,
                 guint       move,
                 Role        role)
{
  return g_strdup_printf ("%c0ffee00-0000-4000-8000-%04x%08x", kind->prefix, move, (guint) role);
}

typedef EccpTestSync Fixture;

/* {{{ The portal */

static char *
users_json (void)
{
  g_autoptr(GString) mine = g_string_new ("\"" CLUSTER_MINE "\"");
  g_autoptr(GString) ours = g_string_new ("\"" EVENT_A "\"");

  for (guint m = 0; m < G_N_ELEMENTS (moves); m++)
    for (Role r = 0; r < N_ROLES; r++)
      {
        g_autofree char *cluster = table_record_id (&cluster_kind, m, r);
        g_autofree char *event = table_record_id (&event_kind, m, r);

        g_string_append_printf (mine, ", \"%s\"", cluster);
        g_string_append_printf (ours, ", \"%s\"", event);
      }

  return g_strdup_printf (
    "{\"users\": ["
    " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000001\", \"name\": \"Anne-Marie Lefèvre\","
    "  \"email\": \"staff@portal.example.eu\", \"token\": \"" STAFF "\","
    "  \"roles\": [\"staff\"], \"clusters\": [], \"events\": []},"
    " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000004\", \"name\": \"Jonas Berg\","
    "  \"email\": \"jonas.berg@portal.example.eu\", \"token\": \"" STAFF2 "\","
    "  \"roles\": [\"staff\"], \"clusters\": [], \"events\": []},"
    " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000002\", \"name\": \"Željko Erkapić\","
    "  \"email\": \"zeljko@example.eu\", \"token\": \"" MANAGER "\","
    "  \"roles\": [\"cluster_manager\"], \"clusters\": [%s], \"events\": []},"
    " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000005\", \"name\": \"Agnieszka Wójcik\","
    "  \"email\": \"agnieszka@example.eu\", \"token\": \"" OTHER_MANAGER "\","
    "  \"roles\": [\"cluster_manager\"], \"clusters\": [\"" CLUSTER_THEIRS "\"], \"events\": []},"
    " {\"id\": \"9e1f2a3b-0000-4000-8000-000000000003\", \"name\": \"Bianca Dragomir\","
    "  \"email\": \"bianca@example.eu\", \"token\": \"" TEAM "\","
    "  \"roles\": [\"event_team\"], \"clusters\": [], \"events\": [%s]}"
    "]}", mine->str, ours->str);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *users = users_json ();

  eccp_test_sync_set_up (fixture, users, FALSE);
}

static void
assert_status (EccpPortalResponse *response,
               guint               status,
               const char         *what)
{
  if (response->status != status)
    {
      g_autofree char *text = response->body ? eccp_json_node_to_string (response->body, FALSE) : NULL;

      g_error ("%s: %u, not %u: %s", what, response->status, status, text);
    }
}

/* The record as @token's user sees it, or %NULL when they see none. */
static JsonObject *
portal_get_record (Fixture    *fixture,
                   const char *token,
                   const char *type,
                   const char *id)
{
  g_autofree char *path = g_strdup_printf ("/%s/%s", type, id);
  g_autoptr(EccpPortalResponse) response = eccp_test_sync_call (fixture, token, "GET", path, NULL, 0);

  if (response->status == 404)
    return NULL;

  assert_status (response, 200, path);

  return json_object_ref (eccp_json_get_object (eccp_portal_response_get_object (response), "data"));
}

static JsonObject *
portal_get (Fixture    *fixture,
            const char *token,
            const char *id)
{
  return portal_get_record (fixture, token, "cluster", id);
}

static gint64
rev_of (JsonObject *resource)
{
  return eccp_json_get_int (eccp_json_get_object (resource, "meta"), "rev", 0);
}

static const char *
state_of (JsonObject *resource)
{
  return eccp_json_get_string (eccp_json_get_object (resource, "meta"), "moderation_state");
}

/* The record's moderation state as staff see it on the portal. */
static char *
portal_state (Fixture    *fixture,
              const char *type,
              const char *id)
{
  g_autoptr(JsonObject) data = portal_get_record (fixture, STAFF, type, id);

  g_assert_nonnull (data);

  return g_strdup (state_of (data));
}

/* Staff make the record @id of @kind, in @state; returns its revision. */
static gint64
seed_record (Fixture    *fixture,
             const Kind *kind,
             const char *id,
             const char *state)
{
  g_autofree char *body = g_strdup_printf ("{\"data\": {\"type\": \"%s\", \"id\": \"%s\","
                                           " \"attributes\": %s,"
                                           " \"meta\": {\"moderation_state\": \"%s\"}}}",
                                           kind->type, id, kind->attributes, state);
  g_autofree char *path = g_strdup_printf ("/%s", kind->type);
  g_autoptr(EccpPortalResponse) response = eccp_test_sync_call (fixture, STAFF, "POST", path, body, 0);

  assert_status (response, 201, path);

  return rev_of (eccp_json_get_object (eccp_portal_response_get_object (response), "data"));
}

static gint64
seed_cluster (Fixture    *fixture,
              const char *id,
              const char *state)
{
  return seed_record (fixture, &cluster_kind, id, state);
}

/* PATCH /@type/@id by @token's user with @fields ("\"attributes\": {…}"
 * or "\"meta\": {…}"); the answer. */
static EccpPortalResponse *
patch_record (Fixture    *fixture,
              const char *token,
              const char *type,
              const char *id,
              const char *fields,
              gint64      rev)
{
  g_autofree char *path = g_strdup_printf ("/%s/%s", type, id);
  g_autofree char *body = g_strdup_printf ("{\"data\": {\"type\": \"%s\", \"id\": \"%s\", %s}}",
                                           type, id, fields);

  return eccp_test_sync_call (fixture, token, "PATCH", path, body, rev);
}

/* The same, which must be accepted; returns the new revision. */
static gint64
patch_record_ok (Fixture    *fixture,
                 const char *token,
                 const char *type,
                 const char *id,
                 const char *fields,
                 gint64      rev)
{
  g_autoptr(EccpPortalResponse) response = patch_record (fixture, token, type, id, fields, rev);

  assert_status (response, 200, fields);

  return rev_of (eccp_json_get_object (eccp_portal_response_get_object (response), "data"));
}

static gint64
patch_cluster_ok (Fixture    *fixture,
                  const char *token,
                  const char *id,
                  const char *fields,
                  gint64      rev)
{
  return patch_record_ok (fixture, token, "cluster", id, fields, rev);
}

/* A record of @kind, its owner's, in @state, made the way a record gets
 * there: published by staff, then (for draft, needs_review,
 * changes_requested) edited by its owner, which starts a working copy
 * while everyone else keeps seeing the published one, submitted, sent
 * back by staff. */
static void
record_in_state (Fixture    *fixture,
                 const Kind *kind,
                 const char *id,
                 const char *state)
{
  const char *owner = roles[kind->owner].token;
  gint64 rev = seed_record (fixture, kind, id, "published");
  g_autofree char *now = NULL;

  if (g_str_equal (state, "archived"))
    rev = patch_record_ok (fixture, STAFF, kind->type, id, "\"meta\": {\"moderation_state\": \"archived\"}", rev);

  if (g_str_equal (state, "draft") || g_str_equal (state, "needs_review") ||
      g_str_equal (state, "changes_requested"))
    rev = patch_record_ok (fixture, owner, kind->type, id, kind->edit, rev);

  if (g_str_equal (state, "needs_review") || g_str_equal (state, "changes_requested"))
    rev = patch_record_ok (fixture, owner, kind->type, id,
                           "\"meta\": {\"moderation_state\": \"needs_review\"}", rev);

  if (g_str_equal (state, "changes_requested"))
    rev = patch_record_ok (fixture, STAFF, kind->type, id,
                           "\"meta\": {\"moderation_state\": \"changes_requested\","
                           " \"review_comment\": \"Say more.\"}", rev);

  now = portal_state (fixture, kind->type, id);
  g_assert_cmpstr (now, ==, state);
}

/* Who @token's user is, as the client learns it: GET /me through the
 * real client, read as an EccpAccount. */
static EccpAccount *
account_of (Fixture    *fixture,
            const char *token)
{
  g_autoptr(EccpPortalClient) client = eccp_test_sync_client (fixture, token);
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(GError) error = NULL;
  EccpAccount *account;

  me = eccp_portal_client_get_me (client, NULL, &error);
  g_assert_no_error (error);
  account = eccp_account_new_from_json (me, &error);
  g_assert_no_error (error);

  return account;
}

/* }}} */

/* {{{ Clients */

/* Queues the move of cluster @id to @state in @store, as the app and
 * eccp do. */
static void
transition (EccpStore  *store,
            const char *id,
            const char *state,
            const char *comment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = eccp_store_transition (store, "cluster", id, state, comment, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
}

static EccpRecord *
local_record (EccpStore  *store,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *record = eccp_store_get (store, "cluster", id, &error);

  g_assert_no_error (error);

  return record;
}

static const char *
local_meta_string (EccpRecord *record,
                   const char *name)
{
  return eccp_json_get_string (eccp_record_get_meta (record), name);
}

/* A queued transition, pushed and accepted: nothing is left to send and
 * the store holds the record as the portal now has it. */
static void
push_accepted (Fixture        *fixture,
               EccpStore      *store,
               EccpSyncEngine *engine,
               const char     *id,
               const char     *state)
{
  g_autoptr(EccpSyncReport) report = eccp_test_sync_run_in_step (engine);
  g_autoptr(EccpRecord) record = local_record (store, id);
  g_autoptr(JsonObject) remote = portal_get (fixture, STAFF, id);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpuint (report->rejected + report->invalid, ==, 0);
  g_assert_cmpint (eccp_store_count_changes (store, ECCP_SYNC_STATE_PENDING, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (remote), ==, state);
  g_assert_cmpstr (local_meta_string (record, "moderation_state"), ==, state);
  g_assert_cmpint (eccp_record_get_rev (record), ==, rev_of (remote));
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_SYNCED);
}

/* A queued transition of CLUSTER_MINE, pushed and refused: the run ends
 * waiting for the person, the portal took nothing, and the change stays,
 * marked @state (REJECTED for 403, INVALID for 422), with the portal's
 * reasons.  Returns it. */
static EccpChange *
push_refused (EccpStore      *store,
              EccpSyncEngine *engine,
              EccpSyncState   state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpSyncReport) report = eccp_test_sync_run (engine, NULL, &error);
  EccpChange *change;

  g_assert_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER);
  g_clear_error (&error);
  g_assert_cmpint (report->outcome, ==, ECCP_SYNC_OUTCOME_NEEDS_USER);
  g_assert_cmpuint (report->pushed, ==, 0);
  g_assert_cmpuint (state == ECCP_SYNC_STATE_REJECTED ? report->rejected : report->invalid, ==, 1);
  g_assert_cmpint (report->waiting_for_user, ==, 1);

  change = eccp_store_get_change (store, "cluster", CLUSTER_MINE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_true (eccp_change_needs_user (change));
  g_assert_cmpint (change->state, ==, state);
  g_assert_nonnull (change->errors);
  g_assert_cmpuint (json_array_get_length (change->errors), >, 0);

  return change;
}

/* `eccp --db @db changes`: what a person reads of the changes waiting. */
static char *
cli_changes (Fixture    *fixture,
             const char *db)
{
  const char *args[] = { "--db", db, "changes", NULL };
  g_autoptr(EccpTestResult) result = eccp_test_run_cli (fixture->dir, NULL, NULL, args);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  return g_steal_pointer (&result->out);
}

/* @out, the output of `eccp changes`, has a line "  LABEL:   VALUE". */
static gboolean
has_line (const char *out,
          const char *label,
          const char *value)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (label, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, prefix) && g_str_equal (g_strchug (line + strlen (prefix)), value))
        return TRUE;
    }

  return FALSE;
}

static void
assert_line (const char *out,
             const char *label,
             const char *value)
{
  if (!has_line (out, label, value))
    g_error ("No line “%s: %s” in:\n%s", label, value, out);
}

/* The portal's words for one refusal, as `eccp changes` prints them:
 * "Portal says: TITLE — DETAIL (FIELD)". */
static void
assert_says (const char *out,
             JsonObject *portal_error,
             const char *field)
{
  const char *title = eccp_json_get_string (portal_error, "title");
  const char *detail = eccp_json_get_string (portal_error, "detail");
  g_autofree char *value = g_strdup_printf ("%s — %s (%s)", title, detail, field);

  g_assert_nonnull (title);
  g_assert_nonnull (detail);
  assert_line (out, "Portal says", value);
}

/* }}} */

/* {{{ The client's rule is the portal's */

static const char *
transition_name (EccpTransition transition)
{
  switch (transition)
    {
    case ECCP_TRANSITION_ALLOWED:
      return "allowed";
    case ECCP_TRANSITION_FORBIDDEN:
      return "forbidden (403)";
    case ECCP_TRANSITION_INVALID:
    default:
      return "invalid (422 invalid_transition)";
    }
}

/* @data: the Kind of record moved */
static void
test_rules_match_portal (Fixture       *fixture,
                         gconstpointer  data)
{
  const Kind *kind = data;
  EccpAccount *accounts[N_ROLES] = { NULL, };
  guint n_allowed = 0, n_forbidden = 0, n_invalid = 0, n_unseen = 0;

  if (!eccp_test_sync_have_portal ())
    return;

  for (Role r = 0; r < N_ROLES; r++)
    accounts[r] = account_of (fixture, roles[r].token);

  for (guint m = 0; m < G_N_ELEMENTS (moves); m++)
    for (Role r = 0; r < N_ROLES; r++)
      {
        g_autofree char *id = table_record_id (kind, m, r);
        g_autofree char *body = g_strdup_printf ("\"meta\": {\"moderation_state\": \"%s\","
                                                 " \"review_comment\": \"Checked.\"}", moves[m].to);
        g_autoptr(JsonObject) seen = NULL;
        g_autoptr(EccpPortalResponse) response = NULL;
        EccpTransition rule;
        EccpRights rights;
        const char *from;
        guint expected;

        g_test_message ("%s %s -> %s by %s", kind->type, moves[m].from, moves[m].to, roles[r].name);
        record_in_state (fixture, kind, id, moves[m].from);

        /* What the user's client holds of the record: its state there is
         * the one the client judges the move from. */
        seen = portal_get_record (fixture, roles[r].token, kind->type, id);
        if (seen == NULL)
          {
            /* An archived record is gone from everyone else's feed: their
             * client has nothing to offer a move on, and the portal does
             * not let them make one. */
            g_autoptr(EccpPortalResponse) refused = patch_record (fixture, roles[r].token, kind->type,
                                                                  id, body, 1);

            g_assert_cmpstr (moves[m].from, ==, "archived");
            g_assert_true (r != ROLE_STAFF && r != kind->owner);
            assert_status (refused, 404, "a move on a record the user cannot see");
            n_unseen++;
            continue;
          }
        from = state_of (seen);

        eccp_account_get_rights (accounts[r], &rights);
        rule = eccp_rights_check_transition (&rights, kind->type, id, from, moves[m].to);

        response = patch_record (fixture, roles[r].token, kind->type, id, body, rev_of (seen));
        expected = rule == ECCP_TRANSITION_ALLOWED ? 200 : rule == ECCP_TRANSITION_FORBIDDEN ? 403 : 422;
        if (response->status != expected)
          {
            g_autofree char *text = response->body ? eccp_json_node_to_string (response->body, FALSE) : NULL;

            g_error ("%s %s -> %s (seen as %s) by %s: the client says %s, the portal answers %u: %s",
                     kind->type, moves[m].from, moves[m].to, from, roles[r].name, transition_name (rule),
                     response->status, text);
          }

        switch (rule)
          {
          case ECCP_TRANSITION_ALLOWED:
            {
              g_autofree char *now = portal_state (fixture, kind->type, id);

              g_assert_cmpstr (now, ==, moves[m].to);
              n_allowed++;
            }
            break;

          case ECCP_TRANSITION_FORBIDDEN:
            g_assert_cmpstr (eccp_portal_response_get_error_code (response), ==, "forbidden");
            n_forbidden++;
            break;

          case ECCP_TRANSITION_INVALID:
          default:
            g_assert_cmpstr (eccp_portal_response_get_error_code (response), ==, "invalid_transition");
            n_invalid++;
            break;
          }
      }

  /* Each answer came up: staff make the five moves, the owner submits
   * twice; the rest are refused. */
  g_assert_cmpuint (n_allowed, ==, 5 + 2);
  g_assert_cmpuint (n_unseen, ==, 2);
  g_assert_cmpuint (n_forbidden, >, 0);
  g_assert_cmpuint (n_invalid, >, 0);
  g_assert_cmpuint (n_allowed + n_forbidden + n_invalid + n_unseen, ==, G_N_ELEMENTS (moves) * N_ROLES);

  for (Role r = 0; r < N_ROLES; r++)
    g_object_unref (accounts[r]);
}

/* }}} */

/* {{{ Transitions through the sync engine */

/* A profile's whole round, each move queued offline in the store of the
 * one who may make it and pushed by the engine: the manager submits, staff
 * request changes with a comment, the manager reads it and submits again,
 * staff publish and later archive. */
static void
test_sync_accepted (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EccpStore) manager = NULL;
  g_autoptr(EccpStore) staff = NULL;
  g_autoptr(EccpSyncEngine) manager_engine = NULL;
  g_autoptr(EccpSyncEngine) staff_engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) remote = NULL;

  if (!eccp_test_sync_have_portal ())
    return;

  seed_cluster (fixture, CLUSTER_MINE, "draft");
  manager = eccp_test_sync_new_client (fixture, MANAGER, &manager_engine, NULL);
  staff = eccp_test_sync_new_client (fixture, STAFF, &staff_engine, NULL);

  transition (manager, CLUSTER_MINE, "needs_review", NULL);
  push_accepted (fixture, manager, manager_engine, CLUSTER_MINE, "needs_review");

  report = eccp_test_sync_run_in_step (staff_engine);
  g_clear_pointer (&report, eccp_sync_report_free);
  transition (staff, CLUSTER_MINE, "changes_requested", "Say which farms you serve.");
  push_accepted (fixture, staff, staff_engine, CLUSTER_MINE, "changes_requested");
  remote = portal_get (fixture, STAFF, CLUSTER_MINE);
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (remote, "meta"), "review_comment"), ==,
                   "Say which farms you serve.");

  /* The manager's client brings staff's words home. */
  report = eccp_test_sync_run_in_step (manager_engine);
  g_clear_pointer (&report, eccp_sync_report_free);
  record = local_record (manager, CLUSTER_MINE);
  g_assert_cmpstr (local_meta_string (record, "moderation_state"), ==, "changes_requested");
  g_assert_cmpstr (local_meta_string (record, "review_comment"), ==, "Say which farms you serve.");

  transition (manager, CLUSTER_MINE, "needs_review", NULL);
  push_accepted (fixture, manager, manager_engine, CLUSTER_MINE, "needs_review");

  report = eccp_test_sync_run_in_step (staff_engine);
  g_clear_pointer (&report, eccp_sync_report_free);
  transition (staff, CLUSTER_MINE, "published", NULL);
  push_accepted (fixture, staff, staff_engine, CLUSTER_MINE, "published");
  transition (staff, CLUSTER_MINE, "archived", NULL);
  push_accepted (fixture, staff, staff_engine, CLUSTER_MINE, "archived");
}

/* Staff approve a submission the manager emptied on the portal meanwhile:
 * the store's own check passed on what staff had, the portal checks again
 * when it publishes, and refuses with one reason per unmet criterion. */
static void
test_sync_criteria_not_met (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EccpStore) staff = NULL;
  g_autoptr(EccpSyncEngine) staff_engine = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *out = NULL;
  gboolean said[2] = { FALSE, FALSE };
  gint64 rev;

  if (!eccp_test_sync_have_portal ())
    return;

  rev = seed_cluster (fixture, CLUSTER_MINE, "draft");
  rev = patch_cluster_ok (fixture, MANAGER, CLUSTER_MINE, "\"meta\": {\"moderation_state\": \"needs_review\"}", rev);
  staff = eccp_test_sync_new_client (fixture, STAFF, &staff_engine, &db);

  /* The manager takes the website and most members out of the profile in
   * review, after staff's last sync. */
  patch_cluster_ok (fixture, MANAGER, CLUSTER_MINE,
                    "\"attributes\": {\"website\": null, \"members\": {\"sme\": 3}}", rev);

  transition (staff, CLUSTER_MINE, "published", NULL);
  /* The change waits for the person, with the portal's reasons: one per
   * unmet criterion, each naming its field. */
  change = push_refused (staff, staff_engine, ECCP_SYNC_STATE_REJECTED);
  g_assert_true (g_strv_contains ((const char * const *) change->changed_meta, "moderation_state"));
  g_assert_nonnull (change->errors);
  g_assert_cmpuint (json_array_get_length (change->errors), ==, 3);

  record = local_record (staff, CLUSTER_MINE);
  g_assert_cmpstr (eccp_change_get_title (change, record), ==, "Agricultural Equipment Cluster");
  /* Staff's decision is still there, as staff made it. */
  g_assert_cmpstr (local_meta_string (record, "moderation_state"), ==, "published");
  g_clear_object (&record);

  out = cli_changes (fixture, db);
  g_assert_nonnull (strstr (out, "Agricultural Equipment Cluster\n"));
  assert_line (out, "State", "rejected");
  assert_line (out, "Moderation", "to Published");
  /* The profile is the managers' to fix; the reviewer's way out is to
   * drop the decision (or ask for changes instead). */
  fix = g_strdup_printf ("eccp discard cluster %s", CLUSTER_MINE);
  assert_line (out, "To drop it", fix);
  g_assert_false (has_line (out, "To fix", fix));
  for (guint i = 0; i < json_array_get_length (change->errors); i++)
    {
      JsonObject *reason = json_array_get_object_element (change->errors, i);
      const char *pointer = eccp_json_get_string (eccp_json_get_object (reason, "source"), "pointer");

      g_assert_cmpstr (eccp_json_get_string (reason, "code"), ==, "criteria_not_met");
      if (g_strcmp0 (pointer, "/data/attributes/website") == 0)
        {
          assert_says (out, reason, "website");
          said[0] = TRUE;
        }
      else
        {
          g_assert_cmpstr (pointer, ==, "/data/attributes/members");
          assert_says (out, reason, "members");
          said[1] = TRUE;
        }
    }
  g_assert_true (said[0] && said[1]);

  /* Nothing was sent twice, nothing published: the portal still has it
   * in review, as the manager left it. */
  remote = portal_get (fixture, STAFF, CLUSTER_MINE);
  g_assert_cmpstr (state_of (remote), ==, "needs_review");

  /* Dropping the decision brings back the portal's version. */
  g_assert_true (eccp_store_discard (staff, "cluster", CLUSTER_MINE, &error));
  g_assert_no_error (error);
  record = local_record (staff, CLUSTER_MINE);
  g_assert_cmpstr (local_meta_string (record, "moderation_state"), ==, "needs_review");
  g_assert_cmpint (eccp_record_get_rev (record), ==, rev_of (remote));
  g_assert_null (eccp_record_get_string (record, "website"));
  g_assert_cmpint (eccp_store_count_changes_needing_user (staff, &error), ==, 0);
  g_assert_no_error (error);
}

/* Two members of staff: one approves a submission while the other, offline,
 * requests changes on it.  The second decision reaches a record that has
 * moved on, and the portal refuses the move as no longer one there is. */
static void
test_sync_moved_meanwhile (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EccpStore) first = NULL;
  g_autoptr(EccpStore) second = NULL;
  g_autoptr(EccpSyncEngine) first_engine = NULL;
  g_autoptr(EccpSyncEngine) second_engine = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *discard = NULL;
  g_autofree char *out = NULL;
  JsonObject *reason;
  gint64 rev;

  if (!eccp_test_sync_have_portal ())
    return;

  rev = seed_cluster (fixture, CLUSTER_MINE, "draft");
  patch_cluster_ok (fixture, MANAGER, CLUSTER_MINE, "\"meta\": {\"moderation_state\": \"needs_review\"}", rev);
  first = eccp_test_sync_new_client (fixture, STAFF, &first_engine, NULL);
  second = eccp_test_sync_new_client (fixture, STAFF2, &second_engine, &db);

  transition (second, CLUSTER_MINE, "changes_requested", "The website does not open.");
  transition (first, CLUSTER_MINE, "published", NULL);
  push_accepted (fixture, first, first_engine, CLUSTER_MINE, "published");

  change = push_refused (second, second_engine, ECCP_SYNC_STATE_REJECTED);
  g_assert_cmpuint (json_array_get_length (change->errors), ==, 1);
  reason = json_array_get_object_element (change->errors, 0);
  g_assert_cmpstr (eccp_json_get_string (reason, "code"), ==, "invalid_transition");
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (reason, "source"), "pointer"), ==,
                   "/data/meta/moderation_state");

  /* The second decision and its comment are kept, as made. */
  record = local_record (second, CLUSTER_MINE);
  g_assert_cmpstr (local_meta_string (record, "moderation_state"), ==, "changes_requested");
  g_assert_cmpstr (local_meta_string (record, "review_comment"), ==, "The website does not open.");
  g_clear_object (&record);

  out = cli_changes (fixture, db);
  g_assert_nonnull (strstr (out, "Agricultural Equipment Cluster\n"));
  assert_line (out, "State", "rejected");
  assert_line (out, "Moderation", "to Changes requested");
  assert_says (out, reason, "moderation_state");
  /* No value makes the move possible again: the way out is to drop it. */
  discard = g_strdup_printf ("eccp discard cluster %s", CLUSTER_MINE);
  assert_line (out, "To drop it", discard);
  g_assert_false (has_line (out, "To fix", discard));

  /* The portal kept the first decision; dropping the second brings it. */
  remote = portal_get (fixture, STAFF, CLUSTER_MINE);
  g_assert_cmpstr (state_of (remote), ==, "published");
  g_assert_true (eccp_store_discard (second, "cluster", CLUSTER_MINE, &error));
  g_assert_no_error (error);
  report = eccp_test_sync_run_in_step (second_engine);
  record = local_record (second, CLUSTER_MINE);
  g_assert_cmpstr (local_meta_string (record, "moderation_state"), ==, "published");
  g_assert_cmpint (eccp_record_get_rev (record), ==, rev_of (remote));
}

/* A client that does not know who is signed in (no GET /me kept yet)
 * offers every move and lets the portal decide: the event team's submit
 * of a cluster comes back refused (403), as a rejected change with the
 * portal's words, until the person drops it. */
static void
test_sync_forbidden (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EccpStore) team = NULL;
  g_autoptr(EccpSyncEngine) team_engine = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *discard = NULL;
  JsonObject *reason;
  gint64 rev;

  if (!eccp_test_sync_have_portal ())
    return;

  /* In draft with a published version, which is what the team sees. */
  rev = seed_cluster (fixture, CLUSTER_MINE, "published");
  patch_cluster_ok (fixture, MANAGER, CLUSTER_MINE, "\"attributes\": {\"acronym\": \"AEC\"}", rev);
  team = eccp_test_sync_new_client (fixture, TEAM, &team_engine, &db);
  g_assert_null (eccp_account_load (team));

  transition (team, CLUSTER_MINE, "needs_review", NULL);
  change = push_refused (team, team_engine, ECCP_SYNC_STATE_REJECTED);
  reason = json_array_get_object_element (change->errors, 0);
  g_assert_cmpstr (eccp_json_get_string (reason, "code"), ==, "forbidden");

  out = cli_changes (fixture, db);
  assert_line (out, "State", "rejected");
  assert_line (out, "Moderation", "to Needs review");
  {
    g_autofree char *says = g_strdup_printf ("%s — %s", eccp_json_get_string (reason, "title"),
                                             eccp_json_get_string (reason, "detail"));

    assert_line (out, "Portal says", says);
  }
  discard = g_strdup_printf ("eccp discard cluster %s", CLUSTER_MINE);
  assert_line (out, "To drop it", discard);

  /* The portal's record did not move; dropping the change brings back
   * what the team sees of it. */
  remote = portal_get (fixture, STAFF, CLUSTER_MINE);
  g_assert_cmpstr (state_of (remote), ==, "draft");
  g_assert_true (eccp_store_discard (team, "cluster", CLUSTER_MINE, &error));
  g_assert_no_error (error);
  record = local_record (team, CLUSTER_MINE);
  g_assert_cmpstr (local_meta_string (record, "moderation_state"), ==, "published");
  g_assert_cmpint (eccp_store_count_changes_needing_user (team, &error), ==, 0);
  g_assert_no_error (error);
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/moderation/" path, Fixture, NULL, fixture_set_up, func, eccp_test_sync_tear_down)

  g_test_add ("/moderation/rules-match-portal/cluster", Fixture, &cluster_kind,
              fixture_set_up, test_rules_match_portal, eccp_test_sync_tear_down);
  g_test_add ("/moderation/rules-match-portal/event", Fixture, &event_kind,
              fixture_set_up, test_rules_match_portal, eccp_test_sync_tear_down);
  ADD ("sync-accepted", test_sync_accepted);
  ADD ("sync-criteria-not-met", test_sync_criteria_not_met);
  ADD ("sync-moved-meanwhile", test_sync_moved_meanwhile);
  ADD ("sync-forbidden", test_sync_forbidden);

#undef ADD

  return g_test_run ();
}
