/* eccp-portal-record.c: a record on the portal, its working copy and its
 * last published revision
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-record.h"

#include "eccp-date.h"
#include "eccp-json.h"

char *
eccp_portal_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return eccp_date_time_format_rfc3339 (now);
}

const char *
eccp_portal_relationship_id (JsonObject *relationships,
                             const char *name)
{
  JsonObject *relationship = eccp_json_get_object (relationships, name);
  JsonObject *data = eccp_json_get_object (relationship, "data");

  return eccp_json_get_string (data, "id");
}

EccpPortalRecord *
eccp_portal_record_new (const EccpTypeSpec *spec,
                        const char         *id)
{
  EccpPortalRecord *record;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  record = g_new0 (EccpPortalRecord, 1);
  record->spec = spec;
  record->id = g_strdup (id);
  record->attributes = json_object_new ();
  record->relationships = json_object_new ();
  record->changed = eccp_portal_now ();
  if (spec->moderated)
    record->state = g_strdup ("draft");

  return record;
}

void
eccp_portal_record_free (EccpPortalRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->id);
  g_free (record->changed);
  g_clear_pointer (&record->attributes, json_object_unref);
  g_clear_pointer (&record->relationships, json_object_unref);
  g_free (record->state);
  g_free (record->review_comment);
  eccp_portal_record_drop_published (record);
  g_free (record);
}

/* @object was just parsed and is ours: no need to copy its members. */
static JsonObject *
ref_object_member (JsonObject *object,
                   const char *name)
{
  JsonObject *member = eccp_json_get_object (object, name);

  return member != NULL ? json_object_ref (member) : json_object_new ();
}

EccpPortalRecord *
eccp_portal_record_new_from_row (const EccpPortalRow  *row,
                                 GError              **error)
{
  g_autoptr(EccpPortalRecord) record = NULL;
  g_autoptr(JsonObject) resource = NULL;
  const EccpTypeSpec *spec;
  JsonObject *meta;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (!row->deleted && row->body != NULL, NULL);

  spec = eccp_type_spec_lookup (row->type);
  if (spec == NULL)
    {
      g_set_error (error, ECCP_PORTAL_DB_ERROR, ECCP_PORTAL_DB_ERROR_FAILED,
                   "Record %s has an unknown type “%s”", row->id, row->type);
      return NULL;
    }

  resource = eccp_json_object_from_string (row->body, error);
  if (resource == NULL)
    return NULL;

  meta = eccp_json_get_object (resource, "meta");

  record = g_new0 (EccpPortalRecord, 1);
  record->spec = spec;
  record->id = g_strdup (row->id);
  record->rev = row->rev;
  record->seq = row->seq;
  record->changed = g_strdup (eccp_json_get_string (meta, "changed"));
  record->attributes = ref_object_member (resource, "attributes");
  record->relationships = ref_object_member (resource, "relationships");

  if (spec->moderated)
    {
      record->state = g_strdup (row->state != NULL ? row->state : "draft");
      record->review_comment = g_strdup (eccp_json_get_string (meta, "review_comment"));
    }

  if (row->visibility == ECCP_PORTAL_VISIBLE_PUBLIC && row->public_body != NULL)
    {
      g_autoptr(JsonObject) published = eccp_json_object_from_string (row->public_body, error);

      if (published == NULL)
        return NULL;

      record->has_published = TRUE;
      record->published_attributes = ref_object_member (published, "attributes");
      record->published_relationships = ref_object_member (published, "relationships");
      record->published_rev = row->public_rev;
      record->published_changed =
        g_strdup (eccp_json_get_string (eccp_json_get_object (published, "meta"), "changed"));
    }

  return g_steal_pointer (&record);
}

void
eccp_portal_record_keep_published (EccpPortalRecord *record)
{
  g_return_if_fail (record != NULL);

  eccp_portal_record_drop_published (record);

  record->has_published = TRUE;
  record->published_attributes = eccp_json_object_deep_copy (record->attributes);
  record->published_relationships = eccp_json_object_deep_copy (record->relationships);
  record->published_rev = record->rev;
  record->published_changed = g_strdup (record->changed);
}

void
eccp_portal_record_drop_published (EccpPortalRecord *record)
{
  g_return_if_fail (record != NULL);

  record->has_published = FALSE;
  g_clear_pointer (&record->published_attributes, json_object_unref);
  g_clear_pointer (&record->published_relationships, json_object_unref);
  record->published_rev = 0;
  g_clear_pointer (&record->published_changed, g_free);
}

const char *
eccp_portal_record_get_event_id (EccpPortalRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  return eccp_portal_relationship_id (record->relationships, "event");
}

void
eccp_portal_record_touch (EccpPortalRecord *record)
{
  g_return_if_fail (record != NULL);

  g_free (record->changed);
  record->changed = eccp_portal_now ();
}

static void
set_nullable_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static char *
resource_to_string (EccpPortalRecord *record,
                    JsonObject       *attributes,
                    JsonObject       *relationships,
                    JsonObject       *meta)
{
  g_autoptr(JsonObject) resource = eccp_json_resource_new (record->spec->name, record->id);

  json_object_set_object_member (resource, "attributes", json_object_ref (attributes));
  json_object_set_object_member (resource, "relationships", json_object_ref (relationships));
  json_object_set_object_member (resource, "meta", json_object_ref (meta));

  return eccp_json_object_to_string (resource);
}

EccpPortalRow *
eccp_portal_record_to_row (EccpPortalRecord *record)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  EccpPortalRow *row;

  g_return_val_if_fail (record != NULL, NULL);

  row = g_new0 (EccpPortalRow, 1);
  row->id = g_strdup (record->id);
  row->type = g_strdup (record->spec->name);
  row->seq = record->seq;
  row->rev = record->rev;
  row->state = g_strdup (record->state);
  row->event_id = g_strdup (eccp_portal_record_get_event_id (record));

  json_object_set_int_member (meta, "rev", record->rev);
  json_object_set_int_member (meta, "seq", record->seq);
  set_nullable_string (meta, "changed", record->changed);

  if (!record->spec->moderated)
    {
      row->visibility = ECCP_PORTAL_VISIBLE_BODY;
    }
  else
    {
      json_object_set_string_member (meta, "moderation_state", record->state);
      if (record->has_published)
        json_object_set_object_member (meta, "published",
                                       json_object_ref (record->published_attributes));
      else
        json_object_set_null_member (meta, "published");
      set_nullable_string (meta, "review_comment", record->review_comment);

      if (g_strcmp0 (record->state, "published") == 0)
        row->visibility = ECCP_PORTAL_VISIBLE_BODY;
      else if (record->has_published)
        row->visibility = ECCP_PORTAL_VISIBLE_PUBLIC;
      else
        row->visibility = ECCP_PORTAL_VISIBLE_NONE;
    }

  row->body = resource_to_string (record, record->attributes, record->relationships, meta);

  if (row->visibility == ECCP_PORTAL_VISIBLE_PUBLIC)
    {
      g_autoptr(JsonObject) public_meta = json_object_new ();

      json_object_set_int_member (public_meta, "rev", record->published_rev);
      json_object_set_int_member (public_meta, "seq", record->seq);
      set_nullable_string (public_meta, "changed", record->published_changed);
      json_object_set_string_member (public_meta, "moderation_state", "published");
      json_object_set_null_member (public_meta, "published");

      row->public_rev = record->published_rev;
      row->public_body = resource_to_string (record, record->published_attributes,
                                             record->published_relationships, public_meta);
    }

  return row;
}
