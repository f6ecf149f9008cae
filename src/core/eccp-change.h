/* eccp-change.h: one row of the outbox, a local change waiting for the portal
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "eccp-record.h"

G_BEGIN_DECLS

typedef enum
{
  /* The nicknames are what the outbox keeps and the command line prints */
  ECCP_CHANGE_CREATE, /*< nick=create >*/
  ECCP_CHANGE_UPDATE, /*< nick=update >*/
  ECCP_CHANGE_DELETE, /*< nick=delete >*/
} EccpChangeOp;

/* Spelled by eccp_enum_get_nick (ECCP_TYPE_CHANGE_OP, op). */

/* Repeated edits of one record fold into one change: create + update is a
 * create, update + update an update with the union of changed fields,
 * update + delete a delete, and create + delete (never sent) nothing at all. */
typedef struct
{
  gint64         num;                   /* outbox order: oldest first */
  char          *type;
  char          *record_id;
  EccpChangeOp   op;
  GStrv          changed_attributes;    /* names of changed attributes */
  GStrv          changed_relationships; /* names of changed relationships */
  GStrv          changed_meta;          /* "moderation_state", "review_comment" */
  gint64         base_rev;              /* 0 for a create */
  JsonObject    *base_attributes;       /* snapshot at base_rev, or NULL */
  JsonObject    *base_relationships;
  JsonObject    *base_meta;             /* moderation_state, review_comment at base */
  char          *idempotency_key;       /* a UUID, one per change */
  EccpSyncState  state;
  gint64         attempts;              /* times it was sent */
  JsonArray     *errors;                /* the portal's error objects, or NULL */
  /* Fields both sides changed, for the user to decide: {"description":
   * {"base": …, "theirs": …, "mine": …}}; the member "" stands for the
   * record itself (deleted on one side, edited on the other).  NULL when
   * there is no conflict. */
  JsonObject    *conflicts;
  /* The values of its changed fields the change was sent with since its
   * base, without an answer: {"attributes": {"description": ["…", …]},
   * "relationships": {…}}; NULL when none. */
  JsonObject    *sent;
  GDateTime     *created_at;
  GDateTime     *updated_at;
} EccpChange;

#define ECCP_TYPE_CHANGE (eccp_change_get_type ())

GType       eccp_change_get_type (void) G_GNUC_CONST;
EccpChange *eccp_change_copy     (const EccpChange *self);
void        eccp_change_free     (EccpChange       *self);
/* In conflict, refused or invalid: waits for the person, not the network
 * (eccp_store_count_changes_needing_user() counts these). */
gboolean    eccp_change_needs_user (const EccpChange *self);
/* The name of the record @self changes, as a person reads it: @record's
 * title when the store still shows it (@record, else %NULL); for a record
 * deleted here, the title of the portal's version it was made against;
 * else its id.  Owned by @self or @record. */
const char *eccp_change_get_title (const EccpChange *self,
                                   EccpRecord       *record);
/* The names of the fields it changes: its attributes, then its
 * relationships; empty, never %NULL.  Free with g_strfreev(). */
GStrv       eccp_change_dup_changed_fields (const EccpChange *self);
/* A JSON object for `eccp changes --json`. */
JsonNode   *eccp_change_to_json  (const EccpChange *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpChange, eccp_change_free)

G_END_DECLS
