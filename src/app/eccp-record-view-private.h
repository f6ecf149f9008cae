/* eccp-record-view-private.h: the links of the record view, found in the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-call.h"
#include "eccp-field-spec.h"
#include "eccp-store.h"

G_BEGIN_DECLS

/* Links shown per reverse relation before "and N more". */
#define REVERSE_MAX 50

/* One related record: %NULL @record when the feed has not brought it. */
typedef struct
{
  char       *type;
  char       *id;
  EccpRecord *record;
} Link;

/* A group of links: a relation of the record, or the records of another
 * type that point here (@total of them, the first REVERSE_MAX shown). */
typedef struct
{
  char      *title;
  GPtrArray *links;
  gint64     total;  /* -1: a relation of the record's own */
} LinkGroup;

/* Every link group of @record, in the order they are shown: its own
 * relations, then the records of other types that point to it.
 * Returns: (transfer full) (element-type LinkGroup) */
GPtrArray *_eccp_record_view_collect_links (EccpStore  *store,
                                            EccpRecord *record);
/* What the groups show, as one string to compare */
char      *_eccp_record_view_links_key     (GPtrArray  *groups);
/* A row that opens the linked record (win.show-record) */
GtkWidget *_eccp_record_view_link_row      (Link       *link);

/* eccp-record-view-times.c */

/* A list of times (a call's cut-offs): shown in a group of its own */
gboolean   _eccp_record_view_is_cut_offs   (const EccpFieldSpec *field);
/* @node of @field as the view shows it: times in their zone */
char      *_eccp_record_view_display_value (EccpRecord          *record,
                                            const EccpFieldSpec *field,
                                            JsonNode            *node);
/* Every cut-off of @call into @group at @now, earliest first */
void       _eccp_record_view_add_deadlines (AdwPreferencesGroup *group,
                                            EccpRecord          *call,
                                            GDateTime           *now);

G_END_DECLS
