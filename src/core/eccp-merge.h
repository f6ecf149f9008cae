/* eccp-merge.h: the three-way merge of a local change onto the portal's version
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  JsonObject *merged;        /* theirs, with my changes on top */
  GStrv       still_mine;    /* fields where merged still differs from theirs */
  JsonObject *conflicts;     /* {field: {"base", "theirs", "mine"}}, maybe empty */
  guint       taken;         /* fields only they changed, taken from theirs */
} EccpMergeResult;

/* Merges one tree (attributes or relationships) field by field
 * (portal-api.md section 6): @base is the tree my change started from,
 * @theirs the portal's now, @mine the local one, @changed the fields I
 * changed.  A field only they changed is theirs; a field only I changed is
 * mine; a field both changed to the same value is settled; to different
 * values it is a conflict, and merged keeps mine until the user decides.
 * Fields I did not change follow theirs, unknown ones included.
 *
 * @sent (may be %NULL) holds, per field, the values of mine that were sent
 * without an answer ({"description": ["first", "second"]}): the portal may
 * hold any of them, and theirs equal to one is my own earlier edit, not a
 * change of theirs. */
EccpMergeResult *eccp_merge_three_way   (JsonObject         *base,
                                         JsonObject         *theirs,
                                         JsonObject         *mine,
                                         JsonObject         *sent,
                                         const char * const *changed);
void             eccp_merge_result_free (EccpMergeResult    *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpMergeResult, eccp_merge_result_free)

G_END_DECLS
