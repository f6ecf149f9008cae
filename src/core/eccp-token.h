/* eccp-token.h: the portal's access token, kept in the keyring
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ECCP_TOKEN_ERROR (eccp_token_error_quark ())

typedef enum
{
  ECCP_TOKEN_ERROR_NO_KEYRING, /* no Secret Service on the session bus: use $ECCP_TOKEN */
  ECCP_TOKEN_ERROR_FAILED,     /* the keyring refused, or stayed locked */
} EccpTokenError;

GQuark   eccp_token_error_quark   (void);

/* One token per portal, in the Secret Service (GNOME Keyring, KWallet...)
 * through libsecret, under the schema "eu.clustercollaboration.Desk.Token"
 * with the attribute "portal" = @portal_url without trailing "/": the
 * command line (`eccp login`) and the application find each other's
 * token.  Never in the store, a log or a message.
 *
 * Every call is asynchronous (a keyring may show an unlock prompt) and
 * answers on the thread-default main context of the caller.  Errors:
 * ECCP_TOKEN_ERROR_NO_KEYRING when no Secret Service runs,
 * ECCP_TOKEN_ERROR_FAILED when it refused, G_IO_ERROR_CANCELLED. */

/* The token to use for @portal_url: $ECCP_TOKEN when it is set and not
 * empty (for scripts and tests; the keyring is not asked), else the one
 * kept in the keyring.  %NULL without an error when none is kept for
 * @portal_url. */
void     eccp_token_lookup_async  (const char          *portal_url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Returns: (transfer full) (nullable): free with eccp_token_free(). */
char    *eccp_token_lookup_finish (GAsyncResult        *result,
                                   GError             **error);

/* Keeps @token for @portal_url, replacing the one kept before. */
void     eccp_token_store_async   (const char          *portal_url,
                                   const char          *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean eccp_token_store_finish  (GAsyncResult        *result,
                                   GError             **error);

/* Forgets the token kept for @portal_url; %TRUE also when none was kept.
 * $ECCP_TOKEN is not the keyring's: it stays. */
void     eccp_token_clear_async   (const char          *portal_url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean eccp_token_clear_finish  (GAsyncResult        *result,
                                   GError             **error);

/* The name a portal's token is kept under: @url trimmed, without
 * trailing "/" ("https://portal.example.eu/jsonapi/" and "...jsonapi"
 * are one portal). */
char    *eccp_token_portal_key    (const char          *url);

/* Overwrites the token's bytes, then frees it. */
void     eccp_token_free          (char                *token);

/* g_autoptr(EccpToken) token = eccp_token_lookup_finish (...); */
typedef char EccpToken;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpToken, eccp_token_free)

G_END_DECLS
