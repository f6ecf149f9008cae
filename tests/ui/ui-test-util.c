/* ui-test-util.c: what the UI test programs share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "ui-test-util.h"

#include "eccp-demo.h"
#include "eccp-json.h"

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

void
ui_test_wait_until (UiTestCondition  condition,
                    gpointer         user_data,
                    guint            timeout_ms,
                    const char      *what)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean timed_out = FALSE;
  guint timeout;

  /* Under AddressSanitizer everything is slower: give it room. */
  if (g_getenv ("ECCP_TEST_SLOW") != NULL)
    timeout_ms *= 3;

  timeout = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);
  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (context, TRUE);

  if (!timed_out)
    g_source_remove (timeout);

  if (!condition (user_data))
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
}

EccpStore *
ui_test_store_new (const char *dir,
                   guint       n_clusters)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  EccpStore *store = eccp_store_new (path, &error);
  EccpImportStats stats = { 0 };

  g_assert_no_error (error);
  if (n_clusters > 0)
    {
      eccp_demo_load (store, n_clusters, &stats, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stats.created, >, n_clusters);
    }

  return store;
}

JsonObject *
ui_test_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = eccp_json_object_from_string (json, &error);

  g_assert_no_error (error);

  return object;
}

EccpAccount *
ui_test_account_new (const char *json)
{
  g_autoptr(JsonObject) resource = ui_test_object (json);
  g_autoptr(GError) error = NULL;
  EccpAccount *account = eccp_account_new_from_json (resource, &error);

  g_assert_no_error (error);

  return account;
}

guint16
ui_test_closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

GSettings *
ui_test_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, backend, NULL);
}
