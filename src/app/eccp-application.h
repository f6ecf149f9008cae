/* eccp-application.h: the application: one store, one sync controller
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-store.h"
#include "eccp-sync-controller.h"

G_BEGIN_DECLS

#define ECCP_TYPE_APPLICATION (eccp_application_get_type ())

G_DECLARE_FINAL_TYPE (EccpApplication, eccp_application, ECCP, APPLICATION, AdwApplication)

EccpApplication    *eccp_application_new            (void);
GSettings          *eccp_application_get_settings   (EccpApplication *self);
/* %NULL before the first run is done (the window shows the welcome). */
EccpStore          *eccp_application_get_store      (EccpApplication *self);
EccpSyncController *eccp_application_get_controller (EccpApplication *self);
/* "portal", "demo" or "" */
const char         *eccp_application_get_profile    (EccpApplication *self);

/* The first run's two ways in.  @token is kept in the keyring already. */
void                eccp_application_connect        (EccpApplication *self,
                                                     const char      *portal_url,
                                                     const char      *token);
void                eccp_application_explore_demo   (EccpApplication *self);
/* Forgets the token (the keyring's too) and goes back to the welcome.
 * The store stays: changes not yet sent wait for the next sign-in. */
void                eccp_application_sign_out       (EccpApplication *self);

G_END_DECLS
