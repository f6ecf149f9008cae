/* eccp-cli-purge.c: `eccp purge`, the attendee data of past events
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "eccp-cli.h"
#include "eccp-date.h"
#include "eccp-store-purge.h"

/* --before DATE: a day ("2026-11-06", "6 Nov 2026") from its start in
 * local time, or a date and time. */
static GDateTime *
parse_before (const char  *text,
              GError     **error)
{
  g_autofree char *day = eccp_date_parse (text);
  GDateTime *time = NULL;

  if (day != NULL)
    {
      g_autofree char *midnight = g_strconcat (day, " 00:00", NULL);

      time = eccp_date_time_parse (midnight, NULL);
    }
  else
    time = eccp_date_time_parse (text, NULL);

  if (time == NULL)
    g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                 _("--before: “%s” is not a date (write it as 2026-11-06)"), text);

  return time;
}

gboolean
eccp_cli_cmd_purge (EccpCli      *cli,
                    EccpCliArgs  *args,
                    GError      **error)
{
  const char *before_text = eccp_cli_args_get (args, "before");
  gboolean dry_run = eccp_cli_args_has (args, "dry-run");
  g_autoptr(GDateTime) before = NULL;
  g_autofree char *text = NULL;
  EccpPurgeStats stats;
  EccpStore *store;

  before = before_text != NULL ? parse_before (before_text, error) : eccp_store_purge_default_before ();
  if (before == NULL || (store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  if (!eccp_store_purge_personal_data (store, before, dry_run, &stats, error))
    return FALSE;

  text = eccp_purge_stats_describe (&stats, before, dry_run);
  printf ("%s\n", text);

  return TRUE;
}
