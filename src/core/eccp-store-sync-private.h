/* eccp-store-sync-private.h: what the store's sync files share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's side of sync is three files: eccp-store-sync.c (the pull,
 * and the rebase of a local change onto the portal's version),
 * eccp-store-sync-push.c (what is sent, and the portal's answers) and
 * eccp-store-sync-decide.c (what the person decides).  None of the
 * functions here begins a transaction: each is a step of its caller's.
 */

#pragma once

#include "eccp-store-private.h"
#include "eccp-store-sync.h"

G_BEGIN_DECLS

/* A record's row as the store holds it, a locally deleted one included. */
typedef struct
{
  JsonObject *attributes;
  JsonObject *relationships;
  JsonObject *meta;
  gboolean    deleted;
} EccpSyncRow;

void        _eccp_sync_row_clear            (EccpSyncRow     *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EccpSyncRow, _eccp_sync_row_clear)

/* ECCP_STORE_ERROR_NOT_FOUND when the store has no such row. */
gboolean    _eccp_store_sync_load_row       (EccpStore       *self,
                                             const char      *type,
                                             const char      *id,
                                             EccpSyncRow     *row,
                                             GError         **error);

/* A copy of @resource[@member], or a new empty object. */
JsonObject *_eccp_store_sync_object_or_empty
                                            (JsonObject      *resource,
                                             const char      *member);
/* The portal's meta, without what is only a signal or ours. */
JsonObject *_eccp_store_sync_portal_meta    (JsonObject      *resource);

/* A change whose request will differ from what was sent gets a key never
 * sent: the portal answers a known key with its first answer. */
void        _eccp_store_sync_new_key        (EccpChange      *change);
/* Makes copies of @attributes and @relationships the base of @change. */
void        _eccp_store_sync_set_base       (EccpChange      *change,
                                             JsonObject      *attributes,
                                             JsonObject      *relationships);
/* Saves @change, or drops it when it is an update that names no field
 * and has no conflict left: nothing of mine is left to send. */
gboolean    _eccp_store_sync_save_change    (EccpStore       *self,
                                             EccpChange      *change,
                                             GError         **error);

/* Rebases @change onto @theirs (a resource object, or a tombstone), as a
 * pull or a 412 brings it, counting what happened in @stats. */
gboolean    _eccp_store_sync_rebase_change  (EccpStore       *self,
                                             EccpChange      *change,
                                             JsonObject      *theirs,
                                             EccpPullStats   *stats,
                                             GError         **error);

static inline gboolean
_eccp_store_sync_strv_is_empty (GStrv strv)
{
  return strv == NULL || strv[0] == NULL;
}

static inline void
_eccp_store_sync_replace_strv (GStrv *target,
                               GStrv  value)
{
  g_strfreev (*target);
  *target = value;
}

G_END_DECLS
