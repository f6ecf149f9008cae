/* eccp-cli-sync.c: eccp sync, one run of the sync engine
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "eccp-account.h"
#include "eccp-cli.h"
#include "eccp-portal-client.h"
#include "eccp-portal-url.h"
#include "eccp-sync-engine.h"
#include "eccp-token.h"

typedef struct
{
  GMainLoop      *loop;
  EccpSyncReport *report;
  GError         *error;
  gboolean        done;
} SyncWait;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;

  eccp_sync_engine_sync_finish (ECCP_SYNC_ENGINE (object), result, &wait->report, &wait->error);
  wait->done = TRUE;
  g_main_loop_quit (wait->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static GSource *
watch_signal (int           signum,
              GMainContext *context,
              GCancellable *cancellable)
{
  GSource *source = g_unix_signal_source_new (signum);

  g_source_set_callback (source, interrupted_cb, cancellable, NULL);
  g_source_attach (source, context);

  return source;
}

/* The token: $ECCP_TOKEN, else the one `eccp login` kept in the keyring
 * for @url.  %NULL with @error when there is none. */
static char *
find_token (const char  *url,
            GError     **error)
{
  g_autoptr(GError) keyring_error = NULL;
  char *token;

  token = eccp_cli_lookup_token (url, &keyring_error);
  if (token != NULL)
    return token;

  if (keyring_error != NULL &&
      !g_error_matches (keyring_error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_NO_KEYRING))
    {
      g_propagate_error (error, g_steal_pointer (&keyring_error));
      return NULL;
    }

  g_set_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_AUTH_FAILED,
               _("Not signed in to %s: sign in with “eccp login”, or set ECCP_TOKEN to a "
                 "personal access token from the portal"),
               url);
  return NULL;
}

static void
print_summary (const EccpSyncReport *report)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, _("Pulled %u, pushed %u, merged %u, conflicts %u, rejected %u"),
                          report->pulled, report->pushed, report->merged, report->conflicts,
                          report->rejected);
  if (report->invalid > 0)
    g_string_append_printf (line, _(", not valid %u"), report->invalid);
  if (report->removed > 0)
    g_string_append_printf (line, _(", removed %u"), report->removed);
  if (report->pending > 0)
    g_string_append_printf (line, _(", still to send %u"), (guint) report->pending);

  printf ("%s\n", line->str);
}

static void
keep_account (EccpStore        *store,
              EccpPortalClient *client,
              EccpSyncReport   *report,
              GCancellable     *cancellable)
{
  g_autoptr(EccpAccount) known = eccp_account_load (store);
  g_autoptr(EccpAccount) account = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(GError) error = NULL;

  if (known != NULL && report->pushed == 0)
    return;

  me = eccp_portal_client_get_me (client, cancellable, &error);
  if (me != NULL)
    account = eccp_account_new_from_json (me, &error);
  if (account == NULL || !eccp_account_keep (account, store, &error))
    g_debug ("Who is signed in is not known: %s", error->message);
}

gboolean
eccp_cli_cmd_sync (EccpCli      *cli,
                   EccpCliArgs  *args,
                   GError      **error)
{
  g_autoptr(EccpPortalClient) client = NULL;
  g_autoptr(EccpSyncEngine) engine = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autofree char *stored_url = NULL;
  g_autoptr(EccpToken) token = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  gboolean allow_insecure = eccp_cli_args_has (args, "allow-insecure");
  const char *given;
  SyncWait wait = { NULL, };
  EccpStore *store;
  GSource *sigint;
  GSource *sigterm;

  if ((store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  stored_url = eccp_portal_url_get_kept (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  given = eccp_cli_args_get (args, "portal");
  if (given == NULL)
    given = stored_url;
  if (given == NULL || *given == '\0')
    {
      g_set_error_literal (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                           _("No portal to sync with: give --portal URL "
                             "(https://portal.example.eu/jsonapi), or sign in with “eccp login”"));
      return FALSE;
    }

  /* Before the token is looked up or the address kept: refused is
   * refused here, with nothing changed. */
  if (!eccp_portal_url_check (given, allow_insecure, &url, error))
    return FALSE;

  token = find_token (url, error);
  if (token == NULL)
    return FALSE;

  client = eccp_portal_client_new_full (url, token, allow_insecure, error);
  if (client == NULL)
    return FALSE;

  /* The first portal given is the one this store follows from then on. */
  if (stored_url == NULL && !eccp_store_set_setting (store, "portal_url", url, error))
    return FALSE;

  engine = eccp_sync_engine_new (store, client);

  /* Our own context: the run needs nothing else, and Ctrl-C cancels it
   * between two transactions, losing nothing. */
  g_main_context_push_thread_default (context);
  loop = g_main_loop_new (context, FALSE);
  wait.loop = loop;

  sigint = watch_signal (SIGINT, context, cancellable);
  sigterm = watch_signal (SIGTERM, context, cancellable);

  eccp_sync_engine_sync_async (engine, cancellable, sync_done_cb, &wait);
  while (!wait.done)
    g_main_loop_run (loop);

  g_source_destroy (sigint);
  g_source_unref (sigint);
  g_source_destroy (sigterm);
  g_source_unref (sigterm);
  g_main_context_pop_thread_default (context);
  /* The run waited for its last page's write: the writer thread is idle,
   * and ends here rather than at exit. */
  eccp_store_close_workers (store);

  report = g_steal_pointer (&wait.report);
  if (report != NULL && report->outcome != ECCP_SYNC_OUTCOME_CANCELLED)
    print_summary (report);

  /* Who is signed in, kept for the checks made before a transition is
   * queued: asked when not known yet, and after the portal took changes
   * (a cluster made becomes one of the manager's). */
  if (report != NULL &&
      (report->outcome == ECCP_SYNC_OUTCOME_IN_STEP || report->outcome == ECCP_SYNC_OUTCOME_NEEDS_USER))
    keep_account (store, client, report, cancellable);

  if (wait.error == NULL)
    return TRUE;

  if (g_error_matches (wait.error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_AUTH_FAILED))
    {
      g_clear_error (&wait.error);
      g_set_error_literal (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_AUTH_FAILED,
                           _("The portal refused the token; sign in again with “eccp login”. "
                             "Every local change is kept."));
      return FALSE;
    }

  if (g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&wait.error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Sync interrupted; nothing is lost, and what was not sent waits "
                             "for the next sync"));
      return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&wait.error));
  return FALSE;
}
