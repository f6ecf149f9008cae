/* eccp-portal-answer.h: what the reference portal answers, and its errors
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "eccp-field-spec.h"

G_BEGIN_DECLS

/* One answer, before it becomes HTTP (or one result of a batch). */
typedef struct
{
  guint     status;
  char     *body;        /* a JSON document, or %NULL for none */
  gint64    etag;        /* the record's rev for the ETag header; 0 for none */
  gboolean  replayed;    /* the stored answer of an idempotency key */
  char     *retry_after; /* the Retry-After header, or %NULL */
  char     *allow;       /* the Allow header of a 405, or %NULL */
} EccpPortalAnswer;

void              eccp_portal_answer_free        (EccpPortalAnswer   *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpPortalAnswer, eccp_portal_answer_free)

/* Takes @body. */
EccpPortalAnswer *eccp_portal_answer_new         (guint               status,
                                                  char               *body);
/* {"data": @resource} with ETag @rev. */
EccpPortalAnswer *eccp_portal_answer_new_record  (guint               status,
                                                  const char         *resource,
                                                  gint64              rev);
/* One JSON:API error object; @pointer may be %NULL. */
EccpPortalAnswer *eccp_portal_answer_new_error   (guint               status,
                                                  const char         *code,
                                                  const char         *title,
                                                  const char         *pointer,
                                                  const char         *detail_format,
                                                  ...) G_GNUC_PRINTF (5, 6);
/* One error object per EccpFieldError, with its source pointer. */
EccpPortalAnswer *eccp_portal_answer_new_field_errors
                                                 (guint               status,
                                                  const EccpTypeSpec *type,
                                                  GPtrArray          *errors);
/* 412 stale_revision, errors[0].meta.current = @current (a resource). */
EccpPortalAnswer *eccp_portal_answer_new_stale   (const char         *current,
                                                  gint64              current_rev,
                                                  gint64              if_match);

/* "/data/attributes/members/sme" for "members.sme" of @type. */
char             *eccp_portal_field_pointer      (const EccpTypeSpec *type,
                                                  const char         *field);

/* The reason phrase we use as a title for @code ("Required field missing"). */
const char       *eccp_portal_code_title         (const char         *code);

G_END_DECLS
