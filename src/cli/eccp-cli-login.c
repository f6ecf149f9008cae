/* eccp-cli-login.c: login, and the token it keeps in the keyring
 *
 * The portal's address goes into the store (setting "portal_url"); the
 * access token goes into the Secret Service (GNOME Keyring, KWallet...)
 * through libsecret, never into the store, a log or a message.  Who the
 * token belongs to (GET /me) goes into the store too, so that what eccp
 * refuses before queueing (submit, approve…) is judged by the right rights
 * from the start, not only after the first sync.
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "eccp-account.h"
#include "eccp-cli.h"
#include "eccp-portal-client.h"
#include "eccp-portal-url.h"
#include "eccp-token.h"

/* The core's keyring error as the command line's: no keyring is not a
 * failure of the keyring (exit status 1 either way, but `eccp sync` falls
 * back on its message), and says what to do instead. */
static void
set_keyring_error (GError       **error,
                   GError        *cause,
                   const char    *no_keyring)
{
  if (g_error_matches (cause, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_NO_KEYRING))
    g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_NO_KEYRING, no_keyring);
  else if (cause->domain == ECCP_TOKEN_ERROR)
    g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_FAILED, cause->message);
  else
    g_propagate_error (error, g_error_copy (cause));
}

/* The core's asynchronous calls (libsecret's), waited for on a main
 * context of ours, iterated once more after the Secret Service is let go:
 * libsecret's _sync() functions run their calls on a context of their own
 * that nobody iterates afterwards, and the D-Bus proxies made there leave
 * the destroy notifications of their signal subscriptions queued on it for
 * ever (LeakSanitizer sees them). */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} KeyringCall;

static void
keyring_call_begin (KeyringCall *call)
{
  call->context = g_main_context_new ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

static void
keyring_call_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KeyringCall *call = user_data;

  call->result = g_object_ref (result);
}

static GAsyncResult *
keyring_call_wait (KeyringCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);

  return call->result;
}

static void
keyring_call_end (KeyringCall *call)
{
  g_clear_object (&call->result);
  secret_service_disconnect ();
  while (g_main_context_iteration (call->context, FALSE))
    ;
  g_main_context_pop_thread_default (call->context);
  g_clear_pointer (&call->context, g_main_context_unref);
}

/* The first line of @text, trimmed, in memory that is wiped when freed. */
static char *
first_line (const char *text)
{
  gsize len = strcspn (text, "\r\n");
  const char *start = text;
  char *line;

  while (len > 0 && g_ascii_isspace (*start))
    start++, len--;
  while (len > 0 && g_ascii_isspace (start[len - 1]))
    len--;

  line = g_malloc (len + 1);
  memcpy (line, start, len);
  line[len] = '\0';
  return line;
}

static char *
read_token_file (const char  *path,
                 GError     **error)
{
  char *contents = NULL;
  gsize length = 0;
  char *token;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  token = first_line (contents);
  explicit_bzero (contents, length);
  g_free (contents);

  if (*token == '\0')
    {
      eccp_token_free (token);
      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_FAILED,
                   _("The first line of %s holds no token"), path);
      return NULL;
    }

  return token;
}

static char *
read_token_stdin (GError **error)
{
  char *buffer = NULL;
  size_t size = 0;
  ssize_t n;
  char *token;

  if (isatty (STDIN_FILENO))
    {
      /* For a person; scripts pipe the token in or give --token-file. */
      g_printerr (_("Paste your personal access token from the portal, then press Enter: "));
    }

  n = getline (&buffer, &size, stdin);
  if (n < 0)
    {
      free (buffer);
      g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_FAILED,
                           _("No token on standard input; give it there or with --token-file FILE"));
      return NULL;
    }

  token = first_line (buffer);
  explicit_bzero (buffer, size);
  free (buffer);

  if (*token == '\0')
    {
      eccp_token_free (token);
      g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_FAILED,
                           _("The first line of standard input holds no token"));
      return NULL;
    }

  return token;
}

/* Who @token belongs to, asked of the portal at @url: the account, or
 * %NULL when the portal could not say (unreachable, an odd answer), which
 * a sync finds out later.  %NULL with @error when the portal refuses the
 * token: a login that cannot work. */
static EccpAccount *
ask_account (const char  *url,
             const char  *token,
             gboolean     allow_insecure,
             GError     **error)
{
  g_autoptr(EccpPortalClient) client = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(GError) local_error = NULL;
  EccpAccount *account = NULL;

  client = eccp_portal_client_new_full (url, token, allow_insecure, &local_error);
  if (client != NULL)
    me = eccp_portal_client_get_me (client, NULL, &local_error);
  if (me != NULL)
    account = eccp_account_new_from_json (me, &local_error);

  if (g_error_matches (local_error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_AUTH))
    {
      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_FAILED,
                   _("The portal at %s refused this token: it is wrong, expired or revoked; "
                     "make a new one on the portal’s web site"), url);
      return NULL;
    }

  if (account == NULL)
    g_debug ("Who is signed in is not known yet: %s", local_error->message);

  return account;
}

gboolean
eccp_cli_cmd_login (EccpCli      *cli,
                    EccpCliArgs  *args,
                    GError      **error)
{
  const char *portal = eccp_cli_args_get (args, "portal");
  const char *token_file = eccp_cli_args_get (args, "token-file");
  gboolean allow_insecure = eccp_cli_args_has (args, "allow-insecure");
  g_autoptr(EccpToken) token = NULL;
  g_autoptr(EccpAccount) account = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *who = NULL;
  KeyringCall call;
  EccpStore *store;
  gboolean stored;

  if (portal == NULL)
    {
      g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                           _("Missing --portal URL"));
      return FALSE;
    }

  if (!eccp_portal_url_check (portal, allow_insecure, &url, &local_error))
    {
      /* Not an address at all is a usage error, as it always was. */
      if (g_error_matches (local_error, ECCP_PORTAL_URL_ERROR, ECCP_PORTAL_URL_ERROR_INVALID))
        {
          /* Never repeating a password back. */
          g_autofree char *shown = eccp_portal_url_strip_credentials (portal);

          g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                       _("--portal takes the portal’s http or https address, such as "
                         "https://portal.example.eu/jsonapi, not “%s”"),
                       shown != NULL ? shown : portal);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (token_file != NULL)
    token = read_token_file (token_file, error);
  else
    token = read_token_stdin (error);

  if (token == NULL)
    return FALSE;

  if (!g_utf8_validate (token, -1, NULL))
    {
      g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_FAILED,
                           _("The token is not text; copy it again from the portal"));
      return FALSE;
    }

  account = ask_account (url, token, allow_insecure, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The address and the account first: with no keyring, ECCP_TOKEN and
   * what is kept are enough for `eccp sync` and the checks before a
   * transition.  An account kept before may be someone else's: without
   * the portal's word, nobody is known until the next sync. */
  if ((store = eccp_cli_get_store (cli, error)) == NULL ||
      !eccp_store_set_setting (store, "portal_url", url, error) ||
      !(account != NULL ? eccp_account_keep (account, store, error)
                        : eccp_account_forget (store, error)))
    return FALSE;

  keyring_call_begin (&call);
  eccp_token_store_async (url, token, NULL, keyring_call_done, &call);
  stored = eccp_token_store_finish (keyring_call_wait (&call), &local_error);
  keyring_call_end (&call);

  if (!stored)
    {
      set_keyring_error (error, local_error,
                         _("No keyring is running; set ECCP_TOKEN instead "
                           "(the portal’s address is saved for “eccp sync”)"));
      return FALSE;
    }

  if (account != NULL && (who = eccp_account_describe (account)) != NULL && *who != '\0')
    /* TRANSLATORS: "Signed in to https://portal.example.eu/jsonapi as
     * Anna Novak (anna.novak@example.eu): …" */
    printf (_("Signed in to %s as %s: the token is in the keyring\n"), url, who);
  else
    printf (_("Signed in to %s: the token is in the keyring\n"), url);
  return TRUE;
}

char *
eccp_cli_lookup_token (const char  *portal_url,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  KeyringCall call;
  char *token;

  g_return_val_if_fail (portal_url != NULL, NULL);

  keyring_call_begin (&call);
  eccp_token_lookup_async (portal_url, NULL, keyring_call_done, &call);
  token = eccp_token_lookup_finish (keyring_call_wait (&call), &local_error);
  keyring_call_end (&call);

  if (local_error != NULL)
    {
      set_keyring_error (error, local_error,
                         _("No keyring is running; set ECCP_TOKEN instead"));
      return NULL;
    }

  return token;
}
