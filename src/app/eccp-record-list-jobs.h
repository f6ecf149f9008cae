/* eccp-record-list-jobs.h: EccpRecordList's reads, as jobs of the store's reader thread
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-store.h"

G_BEGIN_DECLS

/* Rows a page */
#define ECCP_RECORD_LIST_PAGE_SIZE 100

/* A new query's or a refresh's read: the count, and @pages */
typedef struct
{
  EccpQuery *query;
  GArray    *pages;     /* guint: the pages to read */
} EccpListReadRequest;

typedef struct
{
  EccpQuery *query;     /* what was read, for the rows read later */
  gint64     count;
  GArray    *pages;     /* guint, as asked */
  GPtrArray *records;   /* GPtrArray of EccpRecord, one per page */
} EccpListReadResult;

/* One page the view scrolled to */
typedef struct
{
  EccpQuery *query;
  guint      page;
} EccpListPageRequest;

/* @page of @query (its range ignored), on @store's connection */
GPtrArray *eccp_list_read_page           (EccpStore           *store,
                                          const EccpQuery     *query,
                                          guint                page,
                                          GError             **error);
void       eccp_list_read_request_free   (EccpListReadRequest *request);
void       eccp_list_read_result_free    (EccpListReadResult  *result);
void       eccp_list_page_request_free   (EccpListPageRequest *request);
/* EccpStoreJobFunc: an EccpListReadRequest → an EccpListReadResult */
gpointer   eccp_list_read_job            (EccpStore           *connection,
                                          gpointer             data,
                                          GCancellable        *cancellable,
                                          GError             **error);
/* EccpStoreJobFunc: an EccpListPageRequest → a GPtrArray of EccpRecord */
gpointer   eccp_list_page_job            (EccpStore           *connection,
                                          gpointer             data,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS
