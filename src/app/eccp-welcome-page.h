/* eccp-welcome-page.h: the first run: connect to a portal, or explore demo data
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ECCP_TYPE_WELCOME_PAGE (eccp_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (EccpWelcomePage, eccp_welcome_page, ECCP, WELCOME_PAGE, GtkWidget)

/* The page activates, on its window:
 *   app.connect ("(ss)": portal_url, token): the portal accepted the token
 *       (checked with GET /me) and it is kept in the keyring; when no
 *       keyring could keep it, for this session only (a toast says so).
 *   app.explore-demo: the user chose the demo data. */

G_END_DECLS
