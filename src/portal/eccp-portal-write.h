/* eccp-portal-write.h: creating, changing and deleting records, once per
 * idempotency key
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "eccp-portal-answer.h"
#include "eccp-portal-db.h"
#include "eccp-portal-users.h"

G_BEGIN_DECLS

typedef enum
{
  ECCP_PORTAL_OP_ADD,    /* POST /{type} */
  ECCP_PORTAL_OP_UPDATE, /* PATCH /{type}/{id} */
  ECCP_PORTAL_OP_REMOVE, /* DELETE /{type}/{id} */
} EccpPortalOp;

/* One write, from a request or from an operation of a batch. */
typedef struct
{
  EccpPortalOp  op;
  const char   *type;
  const char   *id;              /* update, remove: the record */
  const char   *if_match;        /* the If-Match value, %NULL when absent */
  JsonObject   *data;            /* add, update: the resource object */
  const char   *idempotency_key; /* %NULL when absent */
} EccpPortalWrite;

/* Applies @write for @user in one transaction, or answers the stored answer
 * of its idempotency key again (answer->replayed).  Successful answers are
 * kept under the key; a refused write changed nothing and is judged afresh
 * when it comes again. */
EccpPortalAnswer *eccp_portal_write_apply (EccpPortalDb          *db,
                                           EccpPortalUser        *user,
                                           const EccpPortalWrite *write);

/* "4", "\"4\"", "W/\"4\"" → 4; %FALSE for anything else. */
gboolean          eccp_portal_parse_rev   (const char            *text,
                                           gint64                *rev);

G_END_DECLS
