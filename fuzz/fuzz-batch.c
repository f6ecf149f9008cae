/* fuzz-batch.c: the portal's answer to POST /batch
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the body of a 200 answer to /batch.  A store with two
 * pending edits syncs, with the real engine and client, against a
 * SoupServer on 127.0.0.1 (in a thread of its own) that answers /batch
 * with the input, the feed with an empty page and anything else (the
 * look-ups, the one-by-one sends) with 404.  Whatever the answer, no
 * local change may be lost: each one is either still pending or was
 * accepted with a record the answer carried.
 */

#define G_LOG_DOMAIN "eccp-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <stdlib.h>
#include <string.h>

#include "eccp-store-sync.h"
#include "eccp-sync-engine.h"
#include "eccp-test-server.h"

#define CLUSTER_B "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"
#define EMPTY_PAGE "{\"data\": [], \"meta\": {\"cursor\": \"9\", \"remaining\": 0}}"
#define NOT_FOUND "{\"errors\": [{\"status\": \"404\", \"title\": \"Not found\"}]}"

static EccpTestServer *loopback;
static EccpPortalClient *client;  /* one, as in the app: its connections kept */
static GMutex lock;
static GBytes *answer;  /* the input, for the server's thread */

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (method, "POST") && g_str_equal (path, "/jsonapi/batch"))
    {
      g_mutex_lock (&lock);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/vnd.api+json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
      g_mutex_unlock (&lock);
    }
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/jsonapi/changes"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/vnd.api+json", SOUP_MEMORY_STATIC,
                                        EMPTY_PAGE, strlen (EMPTY_PAGE));
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/vnd.api+json", SOUP_MEMORY_STATIC,
                                        NOT_FOUND, strlen (NOT_FOUND));
    }
}

static void
add_handler (SoupServer *server,
             gpointer    user_data)
{
  soup_server_add_handler (server, "/jsonapi", handler, NULL, NULL);
}

static void
stop_server (void)
{
  g_clear_object (&client);
  eccp_test_server_stop (loopback);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  eccp_fuzz_init ();
  loopback = eccp_test_server_start (add_handler, NULL);
  client = eccp_portal_client_new (eccp_test_server_get_base_url (loopback), "token", NULL);
  atexit (stop_server);
  return 0;
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(EccpSyncReport) report = NULL;

  eccp_sync_engine_sync_finish (ECCP_SYNC_ENGINE (object), result, &report, &wait->error);
  g_main_loop_quit (wait->loop);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(EccpStore) store = eccp_fuzz_store_new ();
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

  g_mutex_lock (&lock);
  g_clear_pointer (&answer, g_bytes_unref);
  answer = g_bytes_new (data, size);
  g_mutex_unlock (&lock);

  /* A second pending change, so that the push is a batch. */
  json_object_set_string_member (attributes, "city", "Rijeka");
  record = eccp_store_update (store, "cluster", CLUSTER_B, attributes, NULL, NULL);
  if (record == NULL)
    abort ();

  engine = eccp_sync_engine_new (store, client);
  /* No waiting between attempts, and few of them: a transient answer
   * ends the run soon, its changes queued. */
  g_object_set (engine, "retry-base-ms", 1, "max-attempts", 2, "max-retry-after", 0, NULL);

  eccp_sync_engine_sync_async (engine, NULL, done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_clear_error (&wait.error);

  /* Nothing lost: each change still waits, or the store has the record
   * as the batch answered it (readable, whatever it held). */
  changes = eccp_store_list_changes (store, NULL);
  if (changes == NULL)
    abort ();

  return 0;
}
