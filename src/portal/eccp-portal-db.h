/* eccp-portal-db.h: the reference portal's own SQLite file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ECCP_PORTAL_DB_ERROR (eccp_portal_db_error_quark ())

typedef enum
{
  ECCP_PORTAL_DB_ERROR_FAILED,
} EccpPortalDbError;

GQuark eccp_portal_db_error_quark (void);

/* What a user who may not see the working copy sees of a record. */
typedef enum
{
  ECCP_PORTAL_VISIBLE_BODY   = 0, /* the body: types not moderated, published records */
  ECCP_PORTAL_VISIBLE_PUBLIC = 1, /* public_body: the last published revision */
  ECCP_PORTAL_VISIBLE_NONE   = 2, /* nothing: never published, or archived */
} EccpPortalVisibility;

/* One row of the records table.  body and public_body are the resource
 * objects as JSON text, ready to be copied into an answer. */
typedef struct
{
  char                 *id;
  char                 *type;
  gint64                seq;
  gint64                rev;
  gint64                public_rev;  /* ECCP_PORTAL_VISIBLE_PUBLIC only */
  char                 *state;       /* moderation state, %NULL if not moderated */
  char                 *event_id;    /* attendee, meeting, checkin: their event */
  gboolean              deleted;     /* a tombstone */
  EccpPortalVisibility  visibility;
  char                 *body;
  char                 *public_body;
} EccpPortalRow;

void eccp_portal_row_free (EccpPortalRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpPortalRow, eccp_portal_row_free)

/* Called by eccp_portal_db_feed() with each row in seq order; the row's
 * strings are borrowed for the call only.  Return %FALSE to stop. */
typedef gboolean (*EccpPortalFeedFunc) (const EccpPortalRow *row,
                                        gpointer             user_data);

#define ECCP_TYPE_PORTAL_DB (eccp_portal_db_get_type ())

G_DECLARE_FINAL_TYPE (EccpPortalDb, eccp_portal_db, ECCP, PORTAL_DB, GObject)

EccpPortalDb  *eccp_portal_db_new            (const char          *path,
                                              GError             **error);

/* Bulk loading: no fsync until set back to %FALSE. */
void           eccp_portal_db_set_bulk       (EccpPortalDb        *self,
                                              gboolean             bulk);

gboolean       eccp_portal_db_begin          (EccpPortalDb        *self,
                                              GError             **error);
gboolean       eccp_portal_db_commit         (EccpPortalDb        *self,
                                              GError             **error);
void           eccp_portal_db_rollback       (EccpPortalDb        *self);

/* The next global seq; inside a transaction. */
gint64         eccp_portal_db_next_seq       (EccpPortalDb        *self);
gint64         eccp_portal_db_get_last_seq   (EccpPortalDb        *self);
/* Cursors older than this were forgotten (410). */
gint64         eccp_portal_db_get_horizon    (EccpPortalDb        *self);
/* How many times the history was forgotten. */
gint64         eccp_portal_db_get_generation (EccpPortalDb        *self);
/* Forgets every tombstone, moves the horizon to the last seq and starts a
 * new generation. */
gboolean       eccp_portal_db_forget_history (EccpPortalDb        *self,
                                              GError             **error);
/* Rows (records and tombstones) with a seq after @seq. */
guint          eccp_portal_db_count_after    (EccpPortalDb        *self,
                                              gint64               seq);

/* The row of @id, tombstone or not; %NULL without @error when none. */
EccpPortalRow *eccp_portal_db_get_row        (EccpPortalDb        *self,
                                              const char          *id,
                                              GError             **error);
/* Writes @row (a new seq) in place of the row with its id; inside a
 * transaction. */
gboolean       eccp_portal_db_put_row        (EccpPortalDb        *self,
                                              const EccpPortalRow *row,
                                              GError             **error);
gboolean       eccp_portal_db_feed           (EccpPortalDb        *self,
                                              gint64               after_seq,
                                              EccpPortalFeedFunc   func,
                                              gpointer             user_data,
                                              GError             **error);
/* (element-type utf8): the bodies of the live records of @type that belong
 * to @event_id. */
GPtrArray     *eccp_portal_db_list_event_bodies
                                             (EccpPortalDb        *self,
                                              const char          *type,
                                              const char          *event_id,
                                              GError             **error);
/* Live records of @type (and @id when not %NULL) whose top-level string
 * attributes equal the values of @attributes (name → value). */
gint64         eccp_portal_db_count_records  (EccpPortalDb        *self,
                                              const char          *type,
                                              const char          *id,
                                              GHashTable          *attributes,
                                              GError             **error);
gboolean       eccp_portal_db_is_empty       (EccpPortalDb        *self);

/* Idempotency keys: the first answer to a write, by user and key. */
gboolean       eccp_portal_db_lookup_answer  (EccpPortalDb        *self,
                                              const char          *user_id,
                                              const char          *key,
                                              guint               *status,
                                              gint64              *etag,
                                              char               **body,
                                              GError             **error);
gboolean       eccp_portal_db_store_answer   (EccpPortalDb        *self,
                                              const char          *user_id,
                                              const char          *key,
                                              guint                status,
                                              gint64               etag,
                                              const char          *body,
                                              GError             **error);
/* Forgets answers stored before @before (seconds since the epoch). */
gboolean       eccp_portal_db_purge_answers  (EccpPortalDb        *self,
                                              gint64               before,
                                              GError             **error);

/* Records that became a user's by creating them (a manager's new cluster). */
gboolean       eccp_portal_db_add_owner      (EccpPortalDb        *self,
                                              const char          *user_id,
                                              const char          *record_id,
                                              GError             **error);
/* (element-type utf8): user id, record id, user id, record id... */
GPtrArray     *eccp_portal_db_list_owners    (EccpPortalDb        *self,
                                              GError             **error);

G_END_DECLS
