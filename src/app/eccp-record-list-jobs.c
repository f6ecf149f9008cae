/* eccp-record-list-jobs.c: EccpRecordList's reads, as jobs of the store's reader thread
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What runs on the reader thread (eccp_store_run_async()) for an
 * EccpRecordList, with that thread's connection: these functions touch
 * nothing but their request and the connection given.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-list-jobs.h"

#define PAGE_SIZE ECCP_RECORD_LIST_PAGE_SIZE

GPtrArray *
eccp_list_read_page (EccpStore        *store,
                     const EccpQuery  *shown,
                     guint             page,
                     GError          **error)
{
  g_autoptr(EccpQuery) query = eccp_query_copy (shown);

  eccp_query_set_range (query, page * PAGE_SIZE, PAGE_SIZE);

  return eccp_store_query (store, query, error);
}

void
eccp_list_read_request_free (EccpListReadRequest *request)
{
  g_clear_pointer (&request->query, eccp_query_free);
  g_clear_pointer (&request->pages, g_array_unref);
  g_free (request);
}

void
eccp_list_read_result_free (EccpListReadResult *result)
{
  g_clear_pointer (&result->query, eccp_query_free);
  g_clear_pointer (&result->pages, g_array_unref);
  g_clear_pointer (&result->records, g_ptr_array_unref);
  g_free (result);
}

void
eccp_list_page_request_free (EccpListPageRequest *request)
{
  g_clear_pointer (&request->query, eccp_query_free);
  g_free (request);
}

gpointer
eccp_list_read_job (EccpStore     *connection,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  EccpListReadRequest *request = data;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  EccpListReadResult *result;
  gint64 count;

  count = eccp_store_count (connection, request->query, error);
  if (count < 0)
    return NULL;

  for (guint i = 0; i < request->pages->len; i++)
    {
      guint page = g_array_index (request->pages, guint, i);
      GPtrArray *page_records;

      /* Rows beyond the count are not there to read */
      if ((gint64) page * PAGE_SIZE >= count && page > 0)
        {
          g_ptr_array_add (records, g_ptr_array_new_with_free_func (g_object_unref));
          continue;
        }

      page_records = eccp_list_read_page (connection, request->query, page, error);
      if (page_records == NULL)
        return NULL;
      g_ptr_array_add (records, page_records);
    }

  result = g_new0 (EccpListReadResult, 1);
  result->query = g_steal_pointer (&request->query);
  result->count = count;
  result->pages = g_array_ref (request->pages);
  result->records = g_steal_pointer (&records);

  return result;
}

gpointer
eccp_list_page_job (EccpStore     *connection,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  EccpListPageRequest *request = data;

  return eccp_list_read_page (connection, request->query, request->page, error);
}
