/* eccp-portal-write.c: creating, changing and deleting records, once per
 * idempotency key
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-write.h"

#include <string.h>

#include "eccp-json.h"
#include "eccp-portal-access.h"
#include "eccp-portal-meetings.h"
#include "eccp-portal-record.h"
#include "eccp-rights.h"
#include "eccp-validation.h"

/* The attributes whose change may put a meeting in two places at once. */
static const char * const meeting_slot_fields[] = {
  "status", "starts_at", "ends_at", "table", "requester", "invitee", "event",
};

gboolean
eccp_portal_parse_rev (const char *text,
                       gint64     *rev)
{
  g_autofree char *copy = NULL;
  char *value;
  gsize len;
  guint64 number;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  value = copy;
  if (g_str_has_prefix (value, "W/"))
    value += 2;

  len = strlen (value);
  if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
    {
      value[len - 1] = '\0';
      value++;
    }

  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &number, NULL))
    return FALSE;

  *rev = (gint64) number;

  return TRUE;
}

static EccpPortalAnswer *
forbidden (const char *detail)
{
  return eccp_portal_answer_new_error (403, "forbidden", "Not allowed", NULL, "%s", detail);
}

static EccpPortalAnswer *
not_found (const char *type,
           const char *id)
{
  return eccp_portal_answer_new_error (404, "not_found", "No such record", NULL,
                                       "There is no %s with id %s", type, id);
}

static EccpPortalAnswer *
bad_document (const char *pointer,
              const char *detail)
{
  return eccp_portal_answer_new_error (400, "invalid_document", "Malformed document",
                                       pointer, "%s", detail);
}

/* @member of @data as an object: %TRUE with %NULL when it is absent, %FALSE
 * when it is something else. */
static gboolean
get_optional_object (JsonObject  *data,
                     const char  *member,
                     JsonObject **object)
{
  JsonNode *node = json_object_get_member (data, member);

  *object = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  *object = json_node_get_object (node);

  return TRUE;
}

/* The checks every resource object passes: its type, its members' kinds. */
static EccpPortalAnswer *
check_resource (const EccpTypeSpec  *spec,
                JsonObject          *data,
                JsonObject         **attributes,
                JsonObject         **relationships,
                JsonObject         **meta)
{
  const char *type = eccp_json_get_string (data, "type");

  if (type == NULL)
    return bad_document ("/data/type", "The resource object has no type");
  if (!g_str_equal (type, spec->name))
    return eccp_portal_answer_new_error (400, "type_mismatch", "Wrong type", "/data/type",
                                         "A %s cannot be written as a %s", type, spec->name);

  if (!get_optional_object (data, "attributes", attributes))
    return bad_document ("/data/attributes", "“attributes” must be an object");
  if (!get_optional_object (data, "relationships", relationships))
    return bad_document ("/data/relationships", "“relationships” must be an object");
  if (!get_optional_object (data, "meta", meta))
    return bad_document ("/data/meta", "“meta” must be an object");

  return NULL;
}

static void
merge_members (JsonObject *into,
               JsonObject *from)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (from == NULL)
    return;

  json_object_iter_init_ordered (&iter, from);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (into, name, eccp_json_node_deep_copy (value));
}

static void
add_member_names (GPtrArray  *names,
                  JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;

  if (object == NULL)
    return;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, NULL))
    g_ptr_array_add (names, (gpointer) name);
}

static EccpPortalAnswer *
check_criteria (EccpPortalRecord *record)
{
  g_autoptr(GPtrArray) errors = NULL;

  if (!g_str_equal (record->spec->name, "cluster"))
    return NULL;

  errors = eccp_check_publication_criteria (record->attributes);
  if (errors->len > 0)
    return eccp_portal_answer_new_field_errors (422, record->spec, errors);

  return NULL;
}

static EccpPortalAnswer *
check_slot (EccpPortalDb     *db,
            EccpPortalRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clash = NULL;

  if (!g_str_equal (record->spec->name, "meeting"))
    return NULL;

  clash = eccp_portal_meetings_find_clash (db, record, &error);
  if (error != NULL)
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);
  if (clash != NULL)
    return eccp_portal_answer_new_error (409, "slot_taken", "Slot taken", NULL,
                                         "An attendee or the table already has accepted "
                                         "meeting %s at that time", clash);

  return NULL;
}

/* Writes @record at its next rev and seq; answers what @user sees. */
static EccpPortalAnswer *
save (EccpPortalDb     *db,
      EccpPortalUser   *user,
      EccpPortalRecord *record,
      guint             status)
{
  g_autoptr(EccpPortalRow) row = NULL;
  g_autoptr(GError) error = NULL;
  const char *view;
  gint64 rev = 0;

  record->rev++;
  record->seq = eccp_portal_db_next_seq (db);
  eccp_portal_record_touch (record);

  row = eccp_portal_record_to_row (record);
  if (!eccp_portal_db_put_row (db, row, &error))
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);

  view = eccp_portal_access_view (user, row, &rev);
  if (view == NULL)
    {
      /* The user made it, but may not see it: only its id and state. */
      view = row->public_body != NULL ? row->public_body : row->body;
      rev = row->rev;
    }

  return eccp_portal_answer_new_record (status, view, rev);
}

static EccpPortalAnswer *
add (EccpPortalDb          *db,
     EccpPortalUser        *user,
     const EccpTypeSpec    *spec,
     const EccpPortalWrite *write)
{
  g_autoptr(EccpPortalRecord) record = NULL;
  g_autoptr(EccpPortalRow) existing = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *attributes, *relationships, *meta;
  EccpPortalAnswer *answer;
  const char *id, *event_id;
  gboolean is_staff = eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_STAFF);

  answer = check_resource (spec, write->data, &attributes, &relationships, &meta);
  if (answer != NULL)
    return answer;

  id = eccp_json_get_string (write->data, "id");
  if (id == NULL || !g_uuid_string_is_valid (id))
    return eccp_portal_answer_new_error (400, "invalid_id", "Invalid id", "/data/id",
                                         "A new record needs the UUID its client made for it");

  /* Without an event, the record is invalid: say so (422), not 403. */
  event_id = eccp_portal_relationship_id (relationships, "event");
  if (!eccp_portal_access_may_create (user, spec, event_id) &&
      !(event_id == NULL && eccp_type_spec_get_field (spec, "event") != NULL &&
        eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_EVENT_TEAM)))
    return forbidden (eccp_type_spec_get_field (spec, "event") != NULL &&
                      eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_EVENT_TEAM)
                      ? "You may create these records only for the events of your team"
                      : "You may not create records of this type");

  existing = eccp_portal_db_get_row (db, id, &error);
  if (error != NULL)
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);
  if (existing != NULL && !existing->deleted)
    return eccp_portal_answer_new_error (409, "duplicate_id", "Duplicate id", "/data/id",
                                         "A record with id %s exists already", id);

  errors = eccp_validate_record (spec, attributes, relationships, NULL);
  if (errors->len > 0)
    return eccp_portal_answer_new_field_errors (422, spec, errors);

  record = eccp_portal_record_new (spec, id);
  merge_members (record->attributes, attributes);
  merge_members (record->relationships, relationships);

  if (spec->moderated && is_staff && meta != NULL)
    {
      JsonNode *state = json_object_get_member (meta, "moderation_state");
      JsonNode *comment = json_object_get_member (meta, "review_comment");

      if (state != NULL && !JSON_NODE_HOLDS_NULL (state))
        {
          const char *name = eccp_json_get_string (meta, "moderation_state");

          if (!eccp_moderation_is_state (name))
            return eccp_portal_answer_new_error (422, "not_a_choice",
                                                 "Not one of the allowed values",
                                                 "/data/meta/moderation_state",
                                                 "Not a moderation state");
          g_free (record->state);
          record->state = g_strdup (name);

          if (g_str_equal (name, "published") && (answer = check_criteria (record)) != NULL)
            return answer;
        }

      if (comment != NULL)
        record->review_comment = g_strdup (eccp_json_get_string (meta, "review_comment"));
    }

  if ((answer = check_slot (db, record)) != NULL)
    return answer;

  if (g_str_equal (spec->name, "cluster") &&
      eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_CLUSTER_MANAGER))
    {
      if (!eccp_portal_db_add_owner (db, eccp_portal_user_get_id (user), id, &error))
        return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                             "%s", error->message);
      eccp_portal_user_add_cluster (user, id);
    }

  return save (db, user, record, 201);
}

/* The If-Match of @write against what @user sees of @row. */
static EccpPortalAnswer *
check_if_match (const EccpPortalWrite *write,
                const char            *view,
                gint64                 rev)
{
  gint64 if_match;

  if (write->if_match == NULL)
    return eccp_portal_answer_new_error (428, "precondition_required", "If-Match required", NULL,
                                         "Send the revision the change is based on in If-Match");

  if (!eccp_portal_parse_rev (write->if_match, &if_match))
    return eccp_portal_answer_new_error (400, "invalid_if_match", "Malformed If-Match", NULL,
                                         "If-Match must be a revision such as \"4\"");

  if (if_match != rev)
    return eccp_portal_answer_new_stale (view, rev, if_match);

  return NULL;
}

/* Finds the record of an update or remove: 404 when the user cannot see it,
 * 403 when they may not change it, 428 and 412 for If-Match. */
static EccpPortalAnswer *
find_for_change (EccpPortalDb           *db,
                 EccpPortalUser         *user,
                 const EccpTypeSpec     *spec,
                 const EccpPortalWrite  *write,
                 const char             *new_event_id,
                 EccpPortalRow         **row_out)
{
  g_autoptr(EccpPortalRow) row = NULL;
  g_autoptr(GError) error = NULL;
  EccpPortalAnswer *answer;
  const char *view;
  gint64 rev = 0;

  row = eccp_portal_db_get_row (db, write->id, &error);
  if (error != NULL)
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);

  if (row == NULL || row->deleted || !g_str_equal (row->type, spec->name) ||
      (view = eccp_portal_access_view (user, row, &rev)) == NULL)
    return not_found (spec->name, write->id);

  if (spec->append_only)
    return forbidden ("Check-ins are never changed or deleted: record a new check-in "
                      "(with undo: true to withdraw one)");

  if (!eccp_portal_access_may_edit (user, spec, row->id, row->event_id) ||
      (new_event_id != NULL && !eccp_portal_access_may_edit (user, spec, row->id, new_event_id)))
    return forbidden ("You may not change this record");

  if ((answer = check_if_match (write, view, rev)) != NULL)
    return answer;

  *row_out = g_steal_pointer (&row);

  return NULL;
}

static gboolean
changes_slot (GPtrArray *changed)
{
  for (guint i = 0; i < changed->len; i++)
    {
      if (g_strv_contains (meeting_slot_fields, g_ptr_array_index (changed, i)))
        return TRUE;
    }

  return FALSE;
}

static EccpPortalAnswer *
update (EccpPortalDb          *db,
        EccpPortalUser        *user,
        const EccpTypeSpec    *spec,
        const EccpPortalWrite *write)
{
  g_autoptr(EccpPortalRow) row = NULL;
  g_autoptr(EccpPortalRecord) record = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *original_state = NULL;
  JsonObject *attributes, *relationships, *meta;
  EccpPortalAnswer *answer;
  const char *data_id;
  const char *requested_state = NULL;
  gboolean is_staff = eccp_portal_user_has_role (user, ECCP_PORTAL_ROLE_STAFF);

  answer = check_resource (spec, write->data, &attributes, &relationships, &meta);
  if (answer != NULL)
    return answer;

  data_id = eccp_json_get_string (write->data, "id");
  if (data_id != NULL && !g_str_equal (data_id, write->id))
    return eccp_portal_answer_new_error (400, "id_mismatch", "Wrong id", "/data/id",
                                         "The document is about %s, not %s", data_id, write->id);

  answer = find_for_change (db, user, spec, write,
                            eccp_portal_relationship_id (relationships, "event"), &row);
  if (answer != NULL)
    return answer;

  record = eccp_portal_record_new_from_row (row, &error);
  if (record == NULL)
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);

  original_state = g_strdup (record->state);

  add_member_names (changed, attributes);
  add_member_names (changed, relationships);

  if (spec->moderated && meta != NULL &&
      json_object_has_member (meta, "moderation_state"))
    {
      requested_state = eccp_json_get_string (meta, "moderation_state");
      if (!eccp_moderation_is_state (requested_state))
        return eccp_portal_answer_new_error (422, "not_a_choice", "Not one of the allowed values",
                                             "/data/meta/moderation_state",
                                             "Not a moderation state");
      if (g_str_equal (requested_state, original_state))
        requested_state = NULL;
    }

  /* A manager's edit of what everyone sees starts a working copy. */
  if (spec->moderated && changed->len > 0 && !is_staff)
    {
      if (g_str_equal (record->state, "published"))
        eccp_portal_record_keep_published (record);
      if (g_str_equal (record->state, "published") || g_str_equal (record->state, "archived"))
        {
          g_free (record->state);
          record->state = g_strdup ("draft");
        }
    }

  merge_members (record->attributes, attributes);
  merge_members (record->relationships, relationships);

  if (changed->len > 0)
    {
      g_autoptr(GPtrArray) errors = NULL;

      g_ptr_array_add (changed, NULL);
      errors = eccp_validate_record (spec, record->attributes, record->relationships,
                                     (const char * const *) changed->pdata);
      g_ptr_array_remove_index (changed, changed->len - 1);
      if (errors->len > 0)
        return eccp_portal_answer_new_field_errors (422, spec, errors);
    }

  if (requested_state != NULL)
    {
      EccpRights rights;

      eccp_portal_user_get_rights (user, &rights);
      switch (eccp_rights_check_transition (&rights, spec->name, record->id, record->state, requested_state))
        {
        case ECCP_TRANSITION_FORBIDDEN:
          return forbidden ("Only staff may make this transition");

        case ECCP_TRANSITION_INVALID:
          return eccp_portal_answer_new_error (422, "invalid_transition", "Invalid transition",
                                               "/data/meta/moderation_state",
                                               "A record cannot go from %s to %s",
                                               record->state, requested_state);

        case ECCP_TRANSITION_ALLOWED:
        default:
          break;
        }

      if (g_str_equal (requested_state, "published") && (answer = check_criteria (record)) != NULL)
        return answer;

      if (g_str_equal (requested_state, "published") || g_str_equal (requested_state, "archived"))
        eccp_portal_record_drop_published (record);

      g_free (record->state);
      record->state = g_strdup (requested_state);
    }

  if (spec->moderated && is_staff && meta != NULL &&
      json_object_has_member (meta, "review_comment"))
    {
      g_free (record->review_comment);
      record->review_comment = g_strdup (eccp_json_get_string (meta, "review_comment"));
    }

  if (changes_slot (changed) && (answer = check_slot (db, record)) != NULL)
    return answer;

  return save (db, user, record, 200);
}

static EccpPortalAnswer *
remove_record (EccpPortalDb          *db,
               EccpPortalUser        *user,
               const EccpTypeSpec    *spec,
               const EccpPortalWrite *write)
{
  g_autoptr(EccpPortalRow) row = NULL;
  g_autoptr(GError) error = NULL;
  EccpPortalAnswer *answer;

  answer = find_for_change (db, user, spec, write, NULL, &row);
  if (answer != NULL)
    return answer;

  g_clear_pointer (&row->body, g_free);
  g_clear_pointer (&row->public_body, g_free);
  g_clear_pointer (&row->state, g_free);
  row->deleted = TRUE;
  row->visibility = ECCP_PORTAL_VISIBLE_NONE;
  row->rev++;
  row->seq = eccp_portal_db_next_seq (db);

  if (!eccp_portal_db_put_row (db, row, &error))
    return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                         "%s", error->message);

  return eccp_portal_answer_new (204, NULL);
}

static EccpPortalAnswer *
apply (EccpPortalDb          *db,
       EccpPortalUser        *user,
       const EccpPortalWrite *write)
{
  const EccpTypeSpec *spec = write->type != NULL ? eccp_type_spec_lookup (write->type) : NULL;

  if (spec == NULL)
    return eccp_portal_answer_new_error (404, "not_found", "No such type", NULL,
                                         "There are no records of type “%s”",
                                         write->type != NULL ? write->type : "");

  if (write->op != ECCP_PORTAL_OP_REMOVE && write->data == NULL)
    return bad_document ("/data", "The document has no resource object in “data”");

  if (write->op != ECCP_PORTAL_OP_ADD && write->id == NULL)
    return bad_document ("/data/id", "Which record? The id is missing");

  switch (write->op)
    {
    case ECCP_PORTAL_OP_ADD:
      return add (db, user, spec, write);

    case ECCP_PORTAL_OP_UPDATE:
      return update (db, user, spec, write);

    case ECCP_PORTAL_OP_REMOVE:
    default:
      return remove_record (db, user, spec, write);
    }
}

EccpPortalAnswer *
eccp_portal_write_apply (EccpPortalDb          *db,
                         EccpPortalUser        *user,
                         const EccpPortalWrite *write)
{
  g_autoptr(EccpPortalAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *user_id;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (write != NULL, NULL);

  user_id = eccp_portal_user_get_id (user);

  if (write->idempotency_key != NULL)
    {
      guint status = 0;
      gint64 etag = 0;
      char *body = NULL;

      if (eccp_portal_db_lookup_answer (db, user_id, write->idempotency_key,
                                        &status, &etag, &body, &error))
        {
          answer = eccp_portal_answer_new (status, body);
          answer->etag = etag;
          answer->replayed = TRUE;
          return g_steal_pointer (&answer);
        }
      if (error != NULL)
        return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                             "%s", error->message);
    }

  if (!eccp_portal_db_begin (db, &error))
    return eccp_portal_answer_new_error (503, "unavailable", "Busy", NULL, "%s", error->message);

  answer = apply (db, user, write);

  if (answer->status >= 300)
    {
      eccp_portal_db_rollback (db);

      /* A refusal is an answer too (portal-api.md section 5: "a repeated
       * request with the same key gets the first answer again"): a client
       * that resends the same key after a 412 or a 422 is told the same
       * thing, and must send its merged or mended change under a new key.
       * What may change on retry is not stored: 429 and 5xx. */
      if (write->idempotency_key != NULL && answer->status >= 400 && answer->status < 500
          && answer->status != 429 && answer->status != 401
          && eccp_portal_db_begin (db, NULL))
        {
          if (eccp_portal_db_store_answer (db, user_id, write->idempotency_key, answer->status,
                                           answer->etag, answer->body, NULL))
            eccp_portal_db_commit (db, NULL);
          else
            eccp_portal_db_rollback (db);
        }

      return g_steal_pointer (&answer);
    }

  if ((write->idempotency_key != NULL &&
       !eccp_portal_db_store_answer (db, user_id, write->idempotency_key, answer->status,
                                     answer->etag, answer->body, &error)) ||
      !eccp_portal_db_commit (db, &error))
    {
      eccp_portal_db_rollback (db);
      return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                           "%s", error->message);
    }

  return g_steal_pointer (&answer);
}
