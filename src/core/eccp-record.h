/* eccp-record.h: one JSON:API resource object, as the local store holds it
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where a record stands with the portal.  Derived from the outbox: a record
 * without a local change is synced. */
typedef enum
{
  /* The nicknames are the states the store's outbox keeps and the command
   * line prints: never change them. */
  ECCP_SYNC_STATE_SYNCED,    /*< nick=synced >*/
  ECCP_SYNC_STATE_PENDING,   /*< nick=pending >*/  /* a local change waits to be sent (or is being sent) */
  ECCP_SYNC_STATE_CONFLICT,  /*< nick=conflict >*/ /* the portal changed the same field: the user decides */
  ECCP_SYNC_STATE_REJECTED,  /*< nick=rejected >*/ /* the portal refused the change (403) */
  ECCP_SYNC_STATE_INVALID,   /*< nick=invalid >*/  /* the portal found fields not valid (422) */
} EccpSyncState;

/* Spelled by eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, state). */

#define ECCP_TYPE_RECORD (eccp_record_get_type ())

G_DECLARE_FINAL_TYPE (EccpRecord, eccp_record, ECCP, RECORD, GObject)

EccpRecord    *eccp_record_new              (const char   *type,
                                             const char   *id);
/* The type and id of a JSON:API resource object, owned by it; %FALSE
 * with ECCP_STORE_ERROR_BAD_DOCUMENT when either is missing or empty. */
gboolean       eccp_record_parse_identifier (JsonObject   *resource,
                                             const char  **type,
                                             const char  **id,
                                             GError      **error);
/* Builds a record from a JSON:API resource object; %NULL with @error when
 * the object has no type or id.  Nothing in it is dropped: unknown
 * attributes, relationships and meta keys are all kept. */
EccpRecord    *eccp_record_new_from_json    (JsonObject   *resource,
                                             GError      **error);
/* Replaces the record's trees with the given ones (each may be %NULL to keep
 * the current one); takes ownership. */
void           eccp_record_take_trees       (EccpRecord   *self,
                                             JsonObject   *attributes,
                                             JsonObject   *relationships,
                                             JsonObject   *meta);
/* The JSON:API resource object, with meta.sync_state added. */
JsonNode      *eccp_record_to_json          (EccpRecord   *self);

const char    *eccp_record_get_type_name    (EccpRecord   *self);
const char    *eccp_record_get_id           (EccpRecord   *self);
gint64         eccp_record_get_rev          (EccpRecord   *self);
gint64         eccp_record_get_seq          (EccpRecord   *self);
/* The human name: the type's title field ("name" or "title"), or the id. */
const char    *eccp_record_get_title        (EccpRecord   *self);
JsonObject    *eccp_record_get_attributes   (EccpRecord   *self);
JsonObject    *eccp_record_get_relationships(EccpRecord   *self);
JsonObject    *eccp_record_get_meta         (EccpRecord   *self);
EccpSyncState  eccp_record_get_sync_state   (EccpRecord   *self);
void           eccp_record_set_sync_state   (EccpRecord   *self,
                                             EccpSyncState state);

/* @a and @b are the same version of the same record, as the store holds
 * it: the same type, id, sync state, rev and place in the feed (seq),
 * and, with a local change, the same trees.  For the views that re-read
 * the store after every sync and keep what did not change. */
gboolean       eccp_record_is_same          (EccpRecord   *a,
                                             EccpRecord   *b);

/* Convenience accessors over the attributes; %NULL / the default when the
 * field is missing, null or not of that JSON type. */
const char    *eccp_record_get_string       (EccpRecord   *self,
                                             const char   *field);
/* The names of the record's relationships that eccp_relationship_get_ids()
 * finds malformed, joined with ", "; %NULL when there are none. */
char          *eccp_record_list_malformed_relationships
                                            (EccpRecord   *self);
/* The id of a to-one relationship, or %NULL. */
const char    *eccp_record_get_related_id   (EccpRecord   *self,
                                             const char   *relationship);

G_END_DECLS
