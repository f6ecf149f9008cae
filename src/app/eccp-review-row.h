/* eccp-review-row.h: a record in the review queue: the browse lists' row, its type, when it was submitted
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "eccp-record.h"

G_BEGIN_DECLS

/* "Cluster", translated */
const char         *eccp_review_type_label         (EccpRecord *record);
/* "Submitted 2 days ago" (meta.changed), or %NULL when it is not known */
char               *eccp_review_describe_submitted (EccpRecord *record);
/* The rows of the queue: EccpRecordRow, then the type and when it was
 * submitted; the list item is named by the record's title. */
GtkListItemFactory *eccp_review_row_factory_new    (void);

G_END_DECLS
