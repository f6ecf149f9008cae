/* eccp-portal-record.h: a record on the portal, its working copy and its
 * last published revision
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "eccp-field-spec.h"
#include "eccp-portal-db.h"

G_BEGIN_DECLS

typedef struct
{
  const EccpTypeSpec *spec;
  char               *id;
  gint64              rev;
  gint64              seq;
  char               *changed;
  JsonObject         *attributes;     /* the working copy */
  JsonObject         *relationships;

  /* Moderated types only. */
  char               *state;
  char               *review_comment;

  /* The last published revision, while the working copy is another one
   * (a manager's draft of a published record). */
  gboolean            has_published;
  JsonObject         *published_attributes;
  JsonObject         *published_relationships;
  gint64              published_rev;
  char               *published_changed;
} EccpPortalRecord;

EccpPortalRecord *eccp_portal_record_new          (const EccpTypeSpec  *spec,
                                                   const char          *id);
/* Reads a live row (not a tombstone). */
EccpPortalRecord *eccp_portal_record_new_from_row (const EccpPortalRow *row,
                                                   GError             **error);
void              eccp_portal_record_free         (EccpPortalRecord    *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpPortalRecord, eccp_portal_record_free)

/* Keeps the working copy, as it is now, as the published revision. */
void              eccp_portal_record_keep_published
                                                  (EccpPortalRecord    *record);
void              eccp_portal_record_drop_published
                                                  (EccpPortalRecord    *record);
/* The id of relationships.event, or %NULL. */
const char       *eccp_portal_record_get_event_id (EccpPortalRecord    *record);
/* Sets meta.changed to now. */
void              eccp_portal_record_touch        (EccpPortalRecord    *record);

/* The row to store: the full resource object as body and, when it
 * differs, what others see. */
EccpPortalRow    *eccp_portal_record_to_row       (EccpPortalRecord    *record);

/* The id of relationships.@name.data (a to-one relationship), or %NULL. */
const char       *eccp_portal_relationship_id     (JsonObject          *relationships,
                                                   const char          *name);
/* Deep copies that keep the order of object members (the texts we store
 * and send keep the client's order). */

/* RFC 3339 with the local offset. */
char             *eccp_portal_now                 (void);

G_END_DECLS
