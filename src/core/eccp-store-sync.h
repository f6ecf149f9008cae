/* eccp-store-sync.h: what the sync engine asks of the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here is one transaction: a crash between two of them
 * leaves the store consistent and the outbox intact.
 */

#pragma once

#include "eccp-store.h"

G_BEGIN_DECLS

/* {{{ Pull */

typedef struct
{
  guint applied;     /* records written as the portal has them */
  guint deleted;     /* tombstones that removed a record */
  guint merged;      /* portal changes merged into a pending local change */
  guint conflicts;   /* fields (or a delete) both sides changed: the user decides */
  guint unchanged;
} EccpPullStats;

/* Applies one page of /changes (portal-api.md section 4) and stores its
 * meta.cursor, in one transaction.  A record with a pending local change is
 * never overwritten: the portal's version becomes the change's new base and
 * is merged field by field (eccp-merge.h); fields both sides changed to
 * different values become conflicts; a tombstone over a local edit, or a
 * portal edit over a local delete, is a conflict too.  Unknown fields are
 * kept. */
gboolean     eccp_store_apply_changes_page   (EccpStore        *self,
                                              JsonNode         *page,
                                              EccpPullStats    *stats,
                                              GError          **error);

/* The stored feed cursor, or %NULL for "from the beginning". */
char        *eccp_store_get_cursor           (EccpStore        *self);

/* Before a full re-sync (410 cursor_expired): forgets the cursor and marks
 * every synced record as unseen.  eccp_store_finish_resync() then removes
 * the records the full feed did not bring again, keeping every record with
 * a pending local change (and every local creation). */
gboolean     eccp_store_begin_resync         (EccpStore        *self,
                                              GError          **error);
gboolean     eccp_store_finish_resync        (EccpStore        *self,
                                              guint            *removed,
                                              GError          **error);

/* }}} */

/* {{{ Push */

/* Up to @limit changes that can be sent (state pending), oldest first.
 * Returns: (element-type EccpChange) (transfer container) */
GPtrArray   *eccp_store_changes_to_send      (EccpStore        *self,
                                              guint             limit,
                                              GError          **error);

/* The request a change makes, as portal-api.md section 5 writes it:
 * @method "POST", "PATCH" or "DELETE"; @path "/cluster" or "/cluster/ID";
 * @body the JSON:API document (NULL for DELETE), with only the changed
 * attributes and relationships for a PATCH, and meta.moderation_state /
 * meta.review_comment for a moderation transition; @if_match the base
 * revision (0: none).  The idempotency key is change->idempotency_key. */
gboolean     eccp_store_change_request       (EccpStore        *self,
                                              const EccpChange *change,
                                              char            **method,
                                              char            **path,
                                              JsonNode        **body,
                                              gint64           *if_match,
                                              GError          **error);

/* Counts a send before it happens, so a crash after it means "resend with
 * the same key", never "send as new"; and remembers the values it sends,
 * which the portal may hold even if no answer comes back. */
gboolean     eccp_store_change_sending       (EccpStore        *self,
                                              gint64            num,
                                              GError          **error);
/* The same for the @n_changes changes of a /batch, in one transaction. */
gboolean     eccp_store_changes_sending      (EccpStore        *self,
                                              const gint64     *nums,
                                              guint             n_changes,
                                              GError          **error);

/* The portal accepted the change sent under @key: 201/200 with @record
 * (the record at its new revision), or 204/404 for a delete (@record NULL).
 * The record becomes synced at that revision.  If the change was edited
 * again while it was on its way (its key is no longer @key), the accepted
 * version becomes the base of what is still pending. */
gboolean     eccp_store_change_accepted      (EccpStore        *self,
                                              gint64            num,
                                              const char       *key,
                                              JsonObject       *record,
                                              GError          **error);

/* 403 (ECCP_SYNC_STATE_REJECTED) or 422 (ECCP_SYNC_STATE_INVALID), with the
 * portal's error objects: the change stays, marked, with the reasons. */
gboolean     eccp_store_change_refused       (EccpStore        *self,
                                              gint64            num,
                                              const char       *key,
                                              EccpSyncState     state,
                                              JsonArray        *errors,
                                              GError          **error);

/* 412 stale_revision: @current is the record as the portal has it now
 * (errors[0].meta.current).  The change is rebased onto it, as a pulled
 * record would be; *@conflict tells whether fields now wait for the user.
 * Otherwise the change is pending again, against the new revision. */
gboolean     eccp_store_change_stale         (EccpStore        *self,
                                              gint64            num,
                                              const char       *key,
                                              JsonObject       *current,
                                              gboolean         *conflict,
                                              GError          **error);

/* }}} */

/* {{{ The user decides */

typedef enum
{
  ECCP_RESOLVE_MINE,
  ECCP_RESOLVE_THEIRS,
  ECCP_RESOLVE_VALUE,
} EccpResolveChoice;

/* One conflicting field of a change (eccp_change->conflicts): keep mine,
 * take the portal's, or a value typed anew (@value, for ECCP_RESOLVE_VALUE).
 * When no conflict is left the change is pending again.  For a delete
 * conflict, @field is "" and MINE deletes, THEIRS keeps the portal's. */
gboolean     eccp_store_resolve              (EccpStore        *self,
                                              const char       *type,
                                              const char       *id,
                                              const char       *field,
                                              EccpResolveChoice choice,
                                              JsonNode         *value,
                                              GError          **error);

/* Drops the local change and returns the record to the portal's version
 * (the change's base; a local creation disappears). */
gboolean     eccp_store_discard              (EccpStore        *self,
                                              const char       *type,
                                              const char       *id,
                                              GError          **error);

/* A moderation transition (portal-api.md section 5) as a local change:
 * @state "needs_review", "published", "changes_requested" or "archived",
 * with an optional @comment (meta.review_comment).  Folds into a pending
 * edit of the record, so edit + submit go in one request. */
EccpRecord  *eccp_store_transition           (EccpStore        *self,
                                              const char       *type,
                                              const char       *id,
                                              const char       *state,
                                              const char       *comment,
                                              GError          **error);

/* Changes that wait for the person, whatever the reason: a conflict to
 * decide (ECCP_SYNC_STATE_CONFLICT), or a change the portal refused
 * (REJECTED, INVALID).  One query; -1 with @error when the store cannot
 * be read. */
gint64       eccp_store_count_changes_needing_user
                                             (EccpStore        *self,
                                              GError          **error);

/* }}} */

G_END_DECLS
