/* fuzz-changes.c: a /changes page, as the portal could send it
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the body of a 200 answer: read by the client's parser, then
 * applied to a store with records and a pending local edit, as the pull
 * does (eccp-sync-pull.c).  Then the store is read back.
 */

#define G_LOG_DOMAIN "eccp-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "eccp-portal-client-private.h"
#include "eccp-json.h"
#include "eccp-limits.h"
#include "eccp-query.h"
#include "eccp-store-sync.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  eccp_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *cursor = NULL;
  EccpPullStats stats = { 0, };
  JsonArray *data_array;

  soup_message_headers_set_content_type (headers, "application/vnd.api+json", NULL);
  response = _eccp_portal_response_parse ("http://127.0.0.1/jsonapi", 200, headers,
                                          (const char *) data, size, NULL);
  if (response == NULL)
    return 0;

  /* What the pull checks before it applies a page (eccp-sync-pull.c). */
  data_array = eccp_json_get_array (eccp_portal_response_get_object (response), "data");
  if (data_array == NULL || json_array_get_length (data_array) > ECCP_LIMIT_PAGE_RECORDS)
    return 0;

  store = eccp_fuzz_store_new ();
  if (!eccp_store_apply_changes_page (store, response->body, &stats, NULL))
    return 0;

  /* What was applied must read back: every record, the local changes, and
   * the cursor. */
  cursor = eccp_store_get_cursor (store);
  records = eccp_store_list_changes (store, NULL);
  g_clear_pointer (&records, g_ptr_array_unref);
  for (guint t = 0; t < 3; t++)
    {
      static const char *types[] = { "cluster", "event", "attendee" };

      g_autoptr(EccpQuery) query = eccp_query_new (types[t]);

      records = eccp_store_query (store, query, NULL);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          g_autoptr(JsonNode) json = eccp_record_to_json (g_ptr_array_index (records, i));
          g_autofree char *text G_GNUC_UNUSED = json_to_string (json, FALSE);
        }
      g_clear_pointer (&records, g_ptr_array_unref);
    }

  return 0;
}
