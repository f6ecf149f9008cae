/* eccp-portal-gzip.h: Content-Encoding: gzip, both ways
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Fast compression (level 1): pages of the feed are large and the portal
 * answers many of them. */
GBytes *eccp_portal_gzip_compress   (const void  *data,
                                     gsize        length);
/* At most @max_length bytes of output, else G_IO_ERROR_MESSAGE_TOO_LARGE. */
GBytes *eccp_portal_gzip_decompress (GBytes      *data,
                                     gsize        max_length,
                                     GError     **error);
/* The Accept-Encoding value accepts gzip. */
gboolean eccp_portal_gzip_accepted  (const char  *accept_encoding);

G_END_DECLS
