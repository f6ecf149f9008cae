/* eccp-test-server.h: a SoupServer on the loopback, for the unit tests
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _EccpTestServer EccpTestServer;

/* Adds the handlers to @server; called in the server's thread. */
typedef void (*EccpTestServerSetup) (SoupServer *server,
                                     gpointer    user_data);

/* Starts a SoupServer on a free port of 127.0.0.1, in a thread of its own
 * with its own main context, so that a test can block on a request to it.
 * Returns once it listens. */
EccpTestServer *eccp_test_server_start        (EccpTestServerSetup  setup,
                                               gpointer             user_data);
/* "http://127.0.0.1:PORT/jsonapi"; https when the setup gave the server
 * a certificate (soup_server_set_tls_certificate()). */
const char     *eccp_test_server_get_base_url (EccpTestServer      *server);
/* The server thread's context, for sources its handlers add. */
GMainContext   *eccp_test_server_get_context  (EccpTestServer      *server);
/* Stops the server and joins its thread. */
void            eccp_test_server_stop         (EccpTestServer      *server);

G_END_DECLS
