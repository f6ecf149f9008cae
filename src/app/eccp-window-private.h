/* eccp-window-private.h: what the window's files share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is one class in two files: eccp-window.c (actions, the
 * session, the window's life) and eccp-window-pages.c (the pages, made
 * the first time they are shown or asked for).
 */

#pragma once

#include "eccp-window.h"

#include "eccp-browse-page.h"
#include "eccp-changes-page.h"
#include "eccp-meetings-view.h"
#include "eccp-review-page.h"
#include "eccp-sync-indicator.h"
#include "eccp-venue-mode.h"
#include "eccp-welcome-page.h"

G_BEGIN_DECLS

struct _EccpWindow
{
  AdwApplicationWindow  parent_instance;

  EccpSession          *session;
  GSettings            *settings;
  GBindingGroup        *session_bindings;
  GSignalGroup         *session_signals;
  GSignalGroup         *controller_signals;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkProgressBar       *loading_progress;
  AdwViewStack         *view_stack;
  EccpSyncIndicator    *sync_indicator;
  EccpBrowsePage       *cluster_page;
  AdwViewStackPage     *changes_stack_page;
  AdwViewStackPage     *review_stack_page;
  AdwViewSwitcherTitle *switcher_title;
  EccpSyncIndicator    *meetings_sync_indicator;

  /* Where the pages made on first show go */
  AdwBin               *welcome_bin;
  AdwBin               *partnership_bin;
  AdwBin               *event_bin;
  AdwBin               *call_bin;
  AdwBin               *changes_bin;
  AdwBin               *review_bin;
  AdwBin               *venue_bin;
  AdwBin               *meetings_bin;

  /* NULL until made: use the ensure_ functions */
  EccpWelcomePage      *welcome_page;
  EccpBrowsePage       *partnership_page;
  EccpBrowsePage       *event_page;
  EccpBrowsePage       *call_page;
  EccpChangesPage      *changes_page;
  EccpReviewPage       *review_page;
  EccpVenueMode        *venue_mode;
  EccpMeetingsView     *meetings_view;
  guint                 welcome_idle;
};

/* eccp-window-pages.c: each made on first call, then the same one */
void              _eccp_window_bind_browse_page     (EccpWindow     *self,
                                                     EccpBrowsePage *page);
EccpBrowsePage   *_eccp_window_browse_page_for      (EccpWindow     *self,
                                                     const char     *type);
EccpChangesPage  *_eccp_window_ensure_changes_page  (EccpWindow     *self);
EccpReviewPage   *_eccp_window_ensure_review_page   (EccpWindow     *self);
EccpVenueMode    *_eccp_window_ensure_venue_mode    (EccpWindow     *self);
EccpMeetingsView *_eccp_window_ensure_meetings_view (EccpWindow     *self);
EccpWelcomePage  *_eccp_window_ensure_welcome_page  (EccpWindow     *self);

/* eccp-window.c: what the pages call back */
void              _eccp_window_visible_page_changed (EccpWindow     *self);
void              _eccp_window_venue_exit           (EccpWindow     *self);

G_END_DECLS
