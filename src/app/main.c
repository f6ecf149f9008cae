/* main.c: eccp-desk
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "eccp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EccpApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = eccp_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
