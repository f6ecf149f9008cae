/* eccp-portal-url.c: whether a portal address is safe to send the token to
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "eccp-portal-url.h"

G_DEFINE_QUARK (eccp-portal-url-error-quark, eccp_portal_url_error)

gboolean
eccp_portal_url_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  /* An address literal only: a name that resolves to 127.0.0.1 today may
   * not tomorrow. */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Trimmed, without trailing slashes: as eccp_token_portal_key() keys the
 * keyring, so a token kept under an address is found under it again. */
static char *
trim (const char *url)
{
  char *text = g_strstrip (g_strdup (url));
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == '/')
    text[--len] = '\0';

  return text;
}

gboolean
eccp_portal_url_check (const char  *url,
                       gboolean     allow_insecure,
                       char       **normalised,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  text = trim (url);
  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || host == NULL || *host == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_autofree char *shown = NULL;

      /* Never repeat a password back, even in an address that is wrong
       * anyway. */
      shown = uri != NULL ? g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO) : g_strdup (text);
      g_set_error (error, ECCP_PORTAL_URL_ERROR, ECCP_PORTAL_URL_ERROR_INVALID,
                   _("“%s” is not a portal address: give an http or https URL such as "
                     "https://portal.example.eu/jsonapi"),
                   uri != NULL && g_uri_get_userinfo (uri) != NULL ? shown : text);
      return FALSE;
    }

  /* Refused, not stripped: the person learns that a password went into
   * their shell history or a file, and nothing of it is kept. */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      g_set_error (error, ECCP_PORTAL_URL_ERROR, ECCP_PORTAL_URL_ERROR_CREDENTIALS,
                   _("The portal address has a user name or password in it: remove it and "
                     "give %s; ECCP Desk signs in with your access token, and keeps no password"),
                   shown);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !allow_insecure
      && !eccp_portal_url_host_is_loopback (host))
    {
      g_set_error (error, ECCP_PORTAL_URL_ERROR, ECCP_PORTAL_URL_ERROR_INSECURE,
                   _("Refusing the plain http address %s: the sign-in token would travel "
                     "unencrypted to “%s”; use https, or allow insecure connections "
                     "(--allow-insecure; in the app, in Preferences) if you trust every "
                     "network on the way"),
                   text, host);
      return FALSE;
    }

  if (normalised != NULL)
    *normalised = g_steal_pointer (&text);

  return TRUE;
}

char *
eccp_portal_url_strip_credentials (const char *url)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  text = trim (url);
  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_userinfo (uri) == NULL)
    return NULL;

  return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
}

char *
eccp_portal_url_get_kept (EccpStore  *store,
                          GError    **error)
{
  g_autofree char *kept = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);

  kept = eccp_store_get_setting (store, "portal_url");
  if (kept == NULL || (clean = eccp_portal_url_strip_credentials (kept)) == NULL)
    return g_steal_pointer (&kept);

  g_debug ("The kept portal address had a user name or password in it: removed");
  if (!eccp_store_set_setting (store, "portal_url", clean, error))
    return NULL;

  return g_steal_pointer (&clean);
}
