/* eccp-test-server.c: a SoupServer on the loopback, for the unit tests
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-server.h"

struct _EccpTestServer
{
  EccpTestServerSetup  setup;
  gpointer             user_data;
  GThread             *thread;
  GMainContext        *context;
  GMainLoop           *loop;
  SoupServer          *server;
  char                *base_url;
  GMutex               mutex;
  GCond                cond;
};

static gpointer
server_thread (gpointer data)
{
  EccpTestServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  gboolean https;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new (NULL, NULL);
  self->setup (self->server, self->user_data);
  /* A setup that gave the server a certificate makes it HTTPS. */
  https = soup_server_get_tls_certificate (self->server) != NULL;
  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (https ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_mutex_lock (&self->mutex);
  self->base_url = g_strdup_printf ("%s://127.0.0.1:%d/jsonapi", https ? "https" : "http",
                                    g_uri_get_port (uris->data));
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

EccpTestServer *
eccp_test_server_start (EccpTestServerSetup setup,
                        gpointer            user_data)
{
  EccpTestServer *self = g_new0 (EccpTestServer, 1);

  self->setup = setup;
  self->user_data = user_data;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_mutex_lock (&self->mutex);
  self->thread = g_thread_new ("test-server", server_thread, self);
  while (self->base_url == NULL)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  return self;
}

const char *
eccp_test_server_get_base_url (EccpTestServer *self)
{
  return self->base_url;
}

GMainContext *
eccp_test_server_get_context (EccpTestServer *self)
{
  return self->context;
}

static gboolean
quit_cb (gpointer data)
{
  EccpTestServer *self = data;

  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

void
eccp_test_server_stop (EccpTestServer *self)
{
  g_main_context_invoke (self->context, quit_cb, self);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->base_url);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}
