/* eccp-diff.h: a record's working copy against its published revision, field by field
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "eccp-field-spec.h"

G_BEGIN_DECLS

typedef enum
{
  ECCP_DIFF_SAME,     /*< nick=same >*/
  ECCP_DIFF_ADDED,    /*< nick=added >*/    /* unset when published, set now */
  ECCP_DIFF_REMOVED,  /*< nick=removed >*/  /* set when published, unset now */
  ECCP_DIFF_CHANGED,  /*< nick=changed >*/
} EccpDiffChange;

/* One field (or one member of an object field, path "members.sme") */
typedef struct
{
  const EccpFieldSpec *field;
  char                *path;
  EccpDiffChange       change;
  JsonNode            *published;  /* %NULL: unset */
  JsonNode            *current;    /* %NULL: unset */
} EccpFieldDiff;

void       eccp_field_diff_free   (EccpFieldDiff       *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpFieldDiff, eccp_field_diff_free)

/* The attributes of @type's record now (@current) against those of its
 * published revision (@published, meta.published; %NULL when it was never
 * published: every field set is added), in the order of the field specs.
 * Only the fields that differ, or every field with @all.  An unset field
 * is absent, null, "" or [].  Relationships are not in meta.published,
 * so they are not compared.  Returns: (element-type EccpFieldDiff) */
GPtrArray *eccp_diff_attributes   (const EccpTypeSpec  *type,
                                   JsonObject          *published,
                                   JsonObject          *current,
                                   gboolean             all);

/* A list field's items added and removed (by value), in their order:
 * (element-type JsonNode) (transfer container), borrowed from the lists */
void       eccp_diff_list_items   (JsonNode            *published,
                                   JsonNode            *current,
                                   GPtrArray          **added,
                                   GPtrArray          **removed);

/* A relationship's linked records added and removed between two resource
 * linkages (a relationship's "data": null, one {"type", "id"} or an array
 * of them), compared by type and id alone, in their order; an identifier
 * without both is skipped.  Relationships are not in meta.published, so
 * the caller says what @before is (a local change's base).
 * (element-type JsonObject) (transfer container), borrowed from the nodes */
void       eccp_diff_relation_items (JsonNode          *before,
                                     JsonNode          *after,
                                     GPtrArray        **added,
                                     GPtrArray        **removed);

typedef enum
{
  ECCP_DIFF_KEEP,
  ECCP_DIFF_INSERT,
  ECCP_DIFF_DELETE,
} EccpDiffOp;

typedef struct
{
  EccpDiffOp  op;
  char       *text;
} EccpDiffSegment;

void       eccp_diff_segment_free (EccpDiffSegment     *segment);

/* A word-level diff of two texts (a long description): the segments,
 * in order, whose KEEP and DELETE texts make @before and KEEP and INSERT
 * texts make @after; words and the spaces between them are the units,
 * neighbouring segments of one kind are joined.
 * Returns: (element-type EccpDiffSegment) */
GPtrArray *eccp_diff_words        (const char          *before,
                                   const char          *after);

G_END_DECLS
