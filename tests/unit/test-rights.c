/* test-rights.c: who may change what, for every role and type (eccp-rights.c)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The users of data/portal-users.json, as GET /me gives them, through
 * EccpAccount: the same rules the reference portal refuses by.
 */

#include "config.h"

#include "eccp-account.h"
#include "eccp-json.h"

#define MY_CLUSTER    "e5839630-ffca-5c0a-b8a6-552ccfde4005"
#define OTHER_CLUSTER "f3b07d6f-2655-5436-83a6-f682c6642dd2"
#define MY_EVENT      "23910e94-ead5-5e9b-8529-821730d4d6ca"
#define OTHER_EVENT   "00000000-0000-4000-8000-000000000001"
#define SOME_ID       "00000000-0000-4000-8000-000000000002"

static EccpAccount *
account_new (const char *roles,
             const char *clusters,
             const char *events)
{
  g_autofree char *json = g_strdup_printf ("{\"type\": \"user\", \"id\": \"u\", \"attributes\": "
                                           "{\"name\": \"N\", \"roles\": [%s], \"clusters\": [%s], "
                                           "\"events\": [%s]}}", roles, clusters, events);
  g_autoptr(JsonObject) resource = eccp_json_object_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  EccpAccount *account;

  g_assert_nonnull (resource);
  account = eccp_account_new_from_json (resource, &error);
  g_assert_no_error (error);

  return account;
}

static gboolean
may_edit (EccpAccount *account,
          const char  *type,
          const char  *id,
          const char  *event_id)
{
  EccpRights rights;

  eccp_account_get_rights (account, &rights);
  return eccp_rights_may_edit (&rights, eccp_type_spec_lookup (type), id, event_id);
}

static gboolean
may_create (EccpAccount *account,
            const char  *type,
            const char  *event_id)
{
  EccpRights rights;

  eccp_account_get_rights (account, &rights);
  return eccp_rights_may_create (&rights, eccp_type_spec_lookup (type), event_id);
}

/* Staff change everything but check-ins, which nobody changes. */
static void
test_staff (void)
{
  g_autoptr(EccpAccount) staff = account_new ("\"staff\"", "", "");
  static const char * const types[] = { "cluster", "partnership", "event", "call", "attendee", "meeting", NULL };

  for (guint i = 0; types[i] != NULL; i++)
    {
      g_assert_true (may_edit (staff, types[i], SOME_ID, OTHER_EVENT));
      g_assert_true (may_create (staff, types[i], OTHER_EVENT));
    }
  g_assert_false (may_edit (staff, "checkin", SOME_ID, OTHER_EVENT));
  g_assert_true (may_create (staff, "checkin", OTHER_EVENT));
}

/* A manager: their own clusters, new clusters, nothing else. */
static void
test_cluster_manager (void)
{
  g_autoptr(EccpAccount) manager = account_new ("\"cluster_manager\"", "\"" MY_CLUSTER "\"", "");
  EccpRights rights;

  g_assert_true (may_edit (manager, "cluster", MY_CLUSTER, NULL));
  g_assert_false (may_edit (manager, "cluster", OTHER_CLUSTER, NULL));
  g_assert_true (may_create (manager, "cluster", NULL));

  g_assert_false (may_edit (manager, "partnership", SOME_ID, NULL));
  g_assert_false (may_edit (manager, "event", SOME_ID, NULL));
  g_assert_false (may_edit (manager, "call", SOME_ID, NULL));
  g_assert_false (may_edit (manager, "attendee", SOME_ID, MY_EVENT));
  g_assert_false (may_create (manager, "partnership", NULL));
  g_assert_false (may_create (manager, "call", NULL));
  g_assert_false (may_create (manager, "attendee", MY_EVENT));

  eccp_account_get_rights (manager, &rights);
  g_assert_true (eccp_rights_sees_working_copy (&rights, "cluster", MY_CLUSTER));
  g_assert_false (eccp_rights_sees_working_copy (&rights, "cluster", OTHER_CLUSTER));
}

/* An event team: their events, and those events' attendees, meetings and
 * check-ins (made, never changed). */
static void
test_event_team (void)
{
  g_autoptr(EccpAccount) team = account_new ("\"event_team\"", "", "\"" MY_EVENT "\"");

  g_assert_true (may_edit (team, "event", MY_EVENT, NULL));
  g_assert_false (may_edit (team, "event", OTHER_EVENT, NULL));
  g_assert_false (may_create (team, "event", NULL));

  g_assert_true (may_edit (team, "attendee", SOME_ID, MY_EVENT));
  g_assert_true (may_edit (team, "meeting", SOME_ID, MY_EVENT));
  g_assert_false (may_edit (team, "attendee", SOME_ID, OTHER_EVENT));
  g_assert_false (may_edit (team, "attendee", SOME_ID, NULL));
  g_assert_true (may_create (team, "attendee", MY_EVENT));
  g_assert_true (may_create (team, "checkin", MY_EVENT));
  g_assert_false (may_create (team, "checkin", OTHER_EVENT));
  g_assert_false (may_edit (team, "checkin", SOME_ID, MY_EVENT));

  /* An event team member may not delete a call (found as a new user). */
  g_assert_false (may_edit (team, "call", SOME_ID, NULL));
  g_assert_false (may_edit (team, "cluster", SOME_ID, NULL));
}

/* Nobody's rights: no roles. */
static void
test_no_role (void)
{
  g_autoptr(EccpAccount) reader = account_new ("", "\"" MY_CLUSTER "\"", "\"" MY_EVENT "\"");

  g_assert_false (may_edit (reader, "cluster", MY_CLUSTER, NULL));
  g_assert_false (may_edit (reader, "event", MY_EVENT, NULL));
  g_assert_false (may_create (reader, "cluster", NULL));
  g_assert_false (may_create (reader, "attendee", MY_EVENT));
}

/* Who moves a record between the moderation states (§5) */
static EccpTransition
check (EccpAccount *account,
       const char  *id,
       const char  *from,
       const char  *to)
{
  EccpRights rights;

  eccp_account_get_rights (account, &rights);
  return eccp_rights_check_transition (&rights, "cluster", id, from, to);
}

static void
test_transitions (void)
{
  g_autoptr(EccpAccount) staff = account_new ("\"staff\"", "", "");
  g_autoptr(EccpAccount) manager = account_new ("\"cluster_manager\"", "\"" MY_CLUSTER "\"", "");

  /* A manager submits their own cluster, and nothing else. */
  g_assert_cmpint (check (manager, MY_CLUSTER, "draft", "needs_review"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check (manager, MY_CLUSTER, "changes_requested", "needs_review"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check (manager, OTHER_CLUSTER, "draft", "needs_review"), ==, ECCP_TRANSITION_FORBIDDEN);
  g_assert_cmpint (check (manager, MY_CLUSTER, "needs_review", "published"), ==, ECCP_TRANSITION_FORBIDDEN);
  g_assert_cmpint (check (manager, MY_CLUSTER, "needs_review", "changes_requested"), ==, ECCP_TRANSITION_FORBIDDEN);
  /* On a record they may not change, any move is refused as the portal
   * refuses it (403), not as a move there is not (422). */
  g_assert_cmpint (check (manager, OTHER_CLUSTER, "draft", "published"), ==, ECCP_TRANSITION_FORBIDDEN);
  g_assert_cmpint (check (manager, MY_CLUSTER, "draft", "published"), ==, ECCP_TRANSITION_INVALID);

  /* Staff make every move there is, and no other. */
  g_assert_cmpint (check (staff, OTHER_CLUSTER, "needs_review", "published"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check (staff, OTHER_CLUSTER, "needs_review", "changes_requested"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check (staff, OTHER_CLUSTER, "published", "archived"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check (staff, OTHER_CLUSTER, "archived", "draft"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check (staff, OTHER_CLUSTER, "draft", "published"), ==, ECCP_TRANSITION_INVALID);
  g_assert_cmpint (check (staff, OTHER_CLUSTER, "published", "needs_review"), ==, ECCP_TRANSITION_INVALID);

  g_assert_true (eccp_moderation_is_state ("changes_requested"));
  g_assert_false (eccp_moderation_is_state ("approved"));
  g_assert_false (eccp_moderation_is_state (NULL));
}

/* A record as the store holds it: @rev 0 is one made here, not yet on
 * the portal; @state %NULL: none */
static EccpRecord *
record_new (const char *type,
            const char *id,
            gint64      rev,
            const char *state)
{
  g_autoptr(EccpRecord) record = eccp_record_new (type, id);
  g_autoptr(JsonObject) meta = json_object_new ();

  json_object_set_int_member (meta, "rev", rev);
  if (state != NULL)
    json_object_set_string_member (meta, "moderation_state", state);
  eccp_record_take_trees (record, NULL, NULL, g_steal_pointer (&meta));

  return g_steal_pointer (&record);
}

static EccpTransition
check_record (EccpAccount *account,
              EccpRecord  *record,
              const char  *to)
{
  return eccp_account_check_record_transition (account, record, to);
}

/* The one rule the record view, the Review page and `eccp` ask: the
 * record's own state, the records an account manages (those made here
 * among them), and nobody known */
static void
test_record_transitions (void)
{
  g_autoptr(EccpAccount) staff = account_new ("\"staff\"", "", "");
  g_autoptr(EccpAccount) manager = account_new ("\"cluster_manager\"", "\"" MY_CLUSTER "\"", "");
  g_autoptr(EccpAccount) team = account_new ("\"event_team\"", "", "\"" MY_EVENT "\"");
  g_autoptr(EccpRecord) mine = record_new ("cluster", MY_CLUSTER, 3, "draft");
  g_autoptr(EccpRecord) other = record_new ("cluster", OTHER_CLUSTER, 3, "draft");
  g_autoptr(EccpRecord) stateless = record_new ("cluster", MY_CLUSTER, 3, NULL);
  g_autoptr(EccpRecord) made_here = record_new ("cluster", SOME_ID, 0, "draft");
  g_autoptr(EccpRecord) sent_back = record_new ("cluster", OTHER_CLUSTER, 4, "changes_requested");
  g_autoptr(EccpRecord) event = record_new ("event", MY_EVENT, 2, "draft");
  g_autoptr(EccpRecord) new_event = record_new ("event", SOME_ID, 0, "draft");
  g_autoptr(EccpRecord) partnership = record_new ("partnership", SOME_ID, 0, "draft");
  g_autoptr(GError) error = NULL;

  g_assert_true (eccp_account_manages_record (manager, mine));
  g_assert_false (eccp_account_manages_record (manager, other));
  g_assert_cmpint (check_record (manager, mine, "needs_review"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check_record (manager, stateless, "needs_review"), ==, ECCP_TRANSITION_ALLOWED); /* a draft */
  g_assert_cmpint (check_record (manager, other, "needs_review"), ==, ECCP_TRANSITION_FORBIDDEN);

  /* Made here: the maker's, for who may make clusters; staff make
   * every move, but do not manage what they made */
  g_assert_true (eccp_account_manages_record (manager, made_here));
  g_assert_cmpint (check_record (manager, made_here, "needs_review"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check_record (manager, made_here, "published"), ==, ECCP_TRANSITION_INVALID);
  g_assert_false (eccp_account_manages_record (staff, made_here));
  g_assert_cmpint (check_record (staff, made_here, "needs_review"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_false (eccp_account_manages_record (team, made_here));
  g_assert_cmpint (check_record (team, made_here, "needs_review"), ==, ECCP_TRANSITION_FORBIDDEN);

  /* The event team submits its events, makes none */
  g_assert_true (eccp_account_manages_record (team, event));
  g_assert_cmpint (check_record (team, event, "needs_review"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_false (eccp_account_manages_record (team, new_event));
  g_assert_cmpint (check_record (team, new_event, "needs_review"), ==, ECCP_TRANSITION_FORBIDDEN);
  g_assert_false (eccp_account_manages_record (manager, partnership));

  /* Nobody known: every move there is, and no other */
  g_assert_cmpint (check_record (NULL, partnership, "needs_review"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check_record (NULL, sent_back, "needs_review"), ==, ECCP_TRANSITION_ALLOWED);
  g_assert_cmpint (check_record (NULL, sent_back, "published"), ==, ECCP_TRANSITION_INVALID);

  /* In words, as `eccp` says them */
  g_assert_true (eccp_account_transition_error (manager, mine, "needs_review", ECCP_TRANSITION_ALLOWED, &error));
  g_assert_no_error (error);
  g_assert_false (eccp_account_transition_error (manager, other, "needs_review",
                                                 check_record (manager, other, "needs_review"), &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "N may not move this cluster from Draft to Needs review: the portal would refuse it");
  g_clear_error (&error);
  g_assert_false (eccp_account_transition_error (NULL, sent_back, "published",
                                                 check_record (NULL, sent_back, "published"), &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "A cluster cannot go from Changes requested to Published");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rights/staff", test_staff);
  g_test_add_func ("/rights/cluster-manager", test_cluster_manager);
  g_test_add_func ("/rights/event-team", test_event_team);
  g_test_add_func ("/rights/no-role", test_no_role);
  g_test_add_func ("/rights/transitions", test_transitions);
  g_test_add_func ("/rights/record-transitions", test_record_transitions);

  return g_test_run ();
}
