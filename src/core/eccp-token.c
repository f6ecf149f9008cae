/* eccp-token.c: the portal's access token, kept in the keyring
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-token.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

/* What `eccp login` has always used: changing it loses every kept token. */
static const SecretSchema token_schema = {
  "eu.clustercollaboration.Desk.Token", SECRET_SCHEMA_NONE,
  {
    { "portal", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

G_DEFINE_QUARK (eccp-token-error-quark, eccp_token_error)

void
eccp_token_free (char *token)
{
  if (token == NULL)
    return;

  secret_password_wipe (token);
  g_free (token);
}

char *
eccp_token_portal_key (const char *url)
{
  char *key;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  key = g_strstrip (g_strdup (url));
  len = strlen (key);

  while (len > 0 && key[len - 1] == '/')
    key[--len] = '\0';

  return key;
}

/* Failing to reach the Secret Service at all: no session bus, or nothing
 * on it that owns (or can be started as) org.freedesktop.secrets. */
static gboolean
is_no_keyring (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED;

  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;
        default:
          return FALSE;
        }
    }

  return FALSE;
}

/* The keyring's answer as our error.  libsecret's messages never hold the
 * secret; the D-Bus details of a missing keyring go to the debug log only.
 * @cause %NULL: the call failed without saying why, which is how libsecret
 * tells that its unlock prompt was dismissed. */
static void
return_keyring_error (GTask        *task,
                      GError       *cause,
                      const char   *doing)
{
  if (cause != NULL && g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_error_copy (cause));
    }
  else if (cause != NULL && is_no_keyring (cause))
    {
      g_debug ("No Secret Service: %s", cause->message);
      g_task_return_new_error (task, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_NO_KEYRING,
                               _("No keyring is running"));
    }
  else if (cause != NULL)
    {
      g_task_return_new_error (task, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_FAILED,
                               "%s: %s", doing, cause->message);
    }
  else
    {
      g_task_return_new_error (task, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_FAILED,
                               _("%s: the keyring stayed locked"), doing);
    }
}

/* Looking up */

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;
  char *token;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      return_keyring_error (task, error, _("The keyring could not give the token"));
      return;
    }

  if (secret == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  token = g_strdup (secret);
  secret_password_free (secret);
  g_task_return_pointer (task, token, (GDestroyNotify) eccp_token_free);
}

void
eccp_token_lookup_async (const char          *portal_url,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  const char *variable;

  g_return_if_fail (portal_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_token_lookup_async);

  variable = g_getenv ("ECCP_TOKEN");
  if (variable != NULL && *variable != '\0')
    {
      g_task_return_pointer (task, g_strdup (variable), (GDestroyNotify) eccp_token_free);
      return;
    }

  key = eccp_token_portal_key (portal_url);
  secret_password_lookup (&token_schema, cancellable, lookup_cb, g_steal_pointer (&task),
                          "portal", key,
                          NULL);
}

char *
eccp_token_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eccp_token_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Keeping */

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      return_keyring_error (task, error, _("The keyring could not keep the token"));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
eccp_token_store_async (const char          *portal_url,
                        const char          *token,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (portal_url != NULL);
  g_return_if_fail (token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_token_store_async);

  key = eccp_token_portal_key (portal_url);
  /* The name the keyring's own windows (Seahorse) show. */
  label = g_strdup_printf (_("ECCP Desk token for %s"), key);
  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "portal", key,
                         NULL);
}

gboolean
eccp_token_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eccp_token_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Forgetting */

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to forget. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      return_keyring_error (task, error, _("The keyring could not forget the token"));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
eccp_token_clear_async (const char          *portal_url,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (portal_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_token_clear_async);

  key = eccp_token_portal_key (portal_url);
  secret_password_clear (&token_schema, cancellable, clear_cb, g_steal_pointer (&task),
                         "portal", key,
                         NULL);
}

gboolean
eccp_token_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eccp_token_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
