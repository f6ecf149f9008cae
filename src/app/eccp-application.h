/* eccp-application.h: the application: command line, actions, windows
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-session.h"

G_BEGIN_DECLS

#define ECCP_TYPE_APPLICATION (eccp_application_get_type ())

G_DECLARE_FINAL_TYPE (EccpApplication, eccp_application, ECCP, APPLICATION, AdwApplication)

EccpApplication *eccp_application_new         (void);
/* The one session (store, controller, profile, settings); %NULL before
 * the application has started up. */
EccpSession     *eccp_application_get_session (EccpApplication *self);

G_END_DECLS
