/* eccp-session.h: what is open: the store, its sync controller, the profile
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-account.h"
#include "eccp-store.h"
#include "eccp-sync-controller.h"

G_BEGIN_DECLS

#define ECCP_TYPE_SESSION (eccp_session_get_type ())

G_DECLARE_FINAL_TYPE (EccpSession, eccp_session, ECCP, SESSION, GObject)

/* Properties (all with notify):
 *   "settings"        GSettings           the application's (construct-only)
 *   "store"           EccpStore           %NULL before the first run is done
 *   "controller"      EccpSyncController  the store's, %NULL with it
 *   "profile"         char*               "portal", "demo" or ""
 *   "portal-url"      char*               the portal's feed, %NULL for the demo
 *   "account"         EccpAccount         who is signed in (GET /me, kept in the
 *                                         store for offline use); %NULL unknown
 *   "loading"         gboolean            the demo data is being made
 *   "loading-fraction" double             0..1 while loading
 *   "loaded-records"  guint               records made so far while loading
 *
 * Signals:
 *   "message" (const char *text): something the user should read (a
 *       failure to open, a token the keyring could not give); the
 *       application shows it in a toast. */

EccpSession        *eccp_session_new              (GSettings          *settings);

GSettings          *eccp_session_get_settings     (EccpSession        *self);
EccpStore          *eccp_session_get_store        (EccpSession        *self);
EccpSyncController *eccp_session_get_controller   (EccpSession        *self);
const char         *eccp_session_get_profile      (EccpSession        *self);
const char         *eccp_session_get_portal_url   (EccpSession        *self);
EccpAccount        *eccp_session_get_account      (EccpSession        *self);
gboolean            eccp_session_get_loading      (EccpSession        *self);
double              eccp_session_get_loading_fraction (EccpSession    *self);
guint               eccp_session_get_loaded_records (EccpSession      *self);

/* Opens what GSettings "profile" says was open last time. */
void                eccp_session_restore          (EccpSession        *self);
/* Opens the portal's store.  @portal_url %NULL: the one the store keeps;
 * @token %NULL: the keyring's ($ECCP_TOKEN). */
void                eccp_session_open_portal      (EccpSession        *self,
                                                   const char         *portal_url,
                                                   const char         *token);
/* Opens the demo store, making the demo data first when it is empty. */
void                eccp_session_open_demo        (EccpSession        *self);
/* Makes @store (already open) the session's, with a new controller: for
 * the tests, and what the two above end with. */
void                eccp_session_open_store       (EccpSession        *self,
                                                   EccpStore          *store,
                                                   const char         *profile);
/* Forgets the token (the keyring's too) and closes the store: the window
 * goes back to the welcome.  Changes not yet sent wait for the next
 * sign-in. */
void                eccp_session_sign_out         (EccpSession        *self);
/* Stops making the demo data (back to the welcome). */
void                eccp_session_cancel_loading   (EccpSession        *self);
/* Closes the store, keeping the profile for the next run. */
void                eccp_session_close            (EccpSession        *self);

G_END_DECLS
