/* eccp-portal-client-private.h: an answer's parsing, without a connection
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the client does with an answer once it has read it, apart from
 * the HTTP exchange, so that the fuzz targets (fuzz/) feed it the bytes a
 * hostile portal could send.
 */

#pragma once

#include <libsoup/soup.h>

#include "eccp-portal-client.h"

G_BEGIN_DECLS

/* An answer with @status, response @headers (ETag, Retry-After,
 * Idempotent-Replayed, Content-Type, Location) and the body @data, @size
 * bytes (not NUL-terminated); @display_url names the portal in messages.
 * %NULL with ECCP_PORTAL_ERROR_BAD_RESPONSE for a redirect, or a success
 * whose body is not a JSON object. */
EccpPortalResponse *_eccp_portal_response_parse (const char          *display_url,
                                                 guint                status,
                                                 SoupMessageHeaders  *headers,
                                                 const char          *data,
                                                 gsize                size,
                                                 GError             **error);

G_END_DECLS
