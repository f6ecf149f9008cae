/* eccp-portal-url.h: whether a portal address is safe to send the token to
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_PORTAL_URL_ERROR (eccp_portal_url_error_quark ())

typedef enum
{
  ECCP_PORTAL_URL_ERROR_INVALID,     /* not an http(s) URL with a host, or with a query or fragment */
  ECCP_PORTAL_URL_ERROR_CREDENTIALS, /* user:password@ in it */
  ECCP_PORTAL_URL_ERROR_INSECURE,    /* plain http to a host that is not this computer */
} EccpPortalUrlError;

GQuark    eccp_portal_url_error_quark          (void);

/* The one check of a portal address, made wherever one is given, kept or
 * used (eccp login/sync, the app's first run and session, the client):
 * an http or https URL with a host and no query or fragment; refused with
 * a user name or password in it (the token is the only credential, and a
 * password must never reach the disk); plain http only to this computer
 * (localhost, 127.0.0.0/8, ::1) unless @allow_insecure, because the
 * token would travel unencrypted.  *@normalised (may be %NULL): trimmed,
 * without trailing "/", as the keyring keys it. */
gboolean  eccp_portal_url_check                (const char  *url,
                                                gboolean     allow_insecure,
                                                char       **normalised,
                                                GError     **error);

/* Whether @host (as GUri gives it, IPv6 without brackets) is this
 * computer: "localhost", 127.0.0.0/8 or ::1. */
gboolean  eccp_portal_url_host_is_loopback     (const char  *host);

/* @url without its user name and password, for an address kept by a
 * version that did not refuse them; %NULL when @url has none (or does
 * not parse). */
char     *eccp_portal_url_strip_credentials    (const char  *url);

/* The portal address kept in @store (setting "portal_url"), or %NULL when
 * none is.  One kept with a user name or password (by a version that did
 * not refuse them) is rewritten without them first, so no password stays
 * on the disk.  %NULL with @error when the store cannot be written. */
char     *eccp_portal_url_get_kept             (EccpStore   *store,
                                                GError     **error);

G_END_DECLS
