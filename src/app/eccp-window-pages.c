/* eccp-window-pages.c: the window's pages, made on first show
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clusters' browse page is in the template.  The other pages stand
 * in it as empty AdwBins and are made the first time they are shown or
 * asked for (eccp_window_get_page), and bound to the session then.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-window-private.h"

/* What every browse page follows, the clusters' (in the template) too */
void
_eccp_window_bind_browse_page (EccpWindow     *self,
                  EccpBrowsePage *page)
{
  /* A browse page reads the store once it is shown. */
  g_binding_group_bind (self->session_bindings, "store", page, "store", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->session_bindings, "account", page, "account", G_BINDING_SYNC_CREATE);
  /* What the user may change is offered, nothing else: "+" too. */
  g_signal_connect_object (page, "notify::can-create",
                           G_CALLBACK (_eccp_window_visible_page_changed), self, G_CONNECT_SWAPPED);
}

static EccpBrowsePage **
browse_page_slot (EccpWindow  *self,
                  const char  *type,
                  AdwBin     **bin)
{
  *bin = NULL;
  if (g_strcmp0 (type, "cluster") == 0)
    return &self->cluster_page;
  if (g_strcmp0 (type, "partnership") == 0)
    return (*bin = self->partnership_bin, &self->partnership_page);
  if (g_strcmp0 (type, "event") == 0)
    return (*bin = self->event_bin, &self->event_page);
  if (g_strcmp0 (type, "call") == 0)
    return (*bin = self->call_bin, &self->call_page);

  return NULL;
}

/* The browse page of a record type, made if it is not yet; NULL for a
 * type without one. */
EccpBrowsePage *
_eccp_window_browse_page_for (EccpWindow *self,
                 const char *type)
{
  AdwBin *bin;
  EccpBrowsePage **page = browse_page_slot (self, type, &bin);

  if (page == NULL)
    return NULL;

  if (*page == NULL)
    {
      *page = g_object_new (ECCP_TYPE_BROWSE_PAGE, "record-type", type, NULL);
      adw_bin_set_child (bin, GTK_WIDGET (*page));
      _eccp_window_bind_browse_page (self, *page);
    }

  return *page;
}

EccpChangesPage *
_eccp_window_ensure_changes_page (EccpWindow *self)
{
  if (self->changes_page == NULL)
    {
      self->changes_page = g_object_new (ECCP_TYPE_CHANGES_PAGE, NULL);
      adw_bin_set_child (self->changes_bin, GTK_WIDGET (self->changes_page));
      g_binding_group_bind (self->session_bindings, "store", self->changes_page, "store",
                            G_BINDING_SYNC_CREATE);
    }

  return self->changes_page;
}

EccpReviewPage *
_eccp_window_ensure_review_page (EccpWindow *self)
{
  if (self->review_page == NULL)
    {
      self->review_page = g_object_new (ECCP_TYPE_REVIEW_PAGE, NULL);
      adw_bin_set_child (self->review_bin, GTK_WIDGET (self->review_page));
      g_binding_group_bind (self->session_bindings, "store", self->review_page, "store",
                            G_BINDING_SYNC_CREATE);
      g_binding_group_bind (self->session_bindings, "account", self->review_page, "account",
                            G_BINDING_SYNC_CREATE);
      g_object_bind_property (self->review_page, "n-waiting", self->review_stack_page, "badge-number",
                              G_BINDING_SYNC_CREATE);
    }

  return self->review_page;
}

EccpVenueMode *
_eccp_window_ensure_venue_mode (EccpWindow *self)
{
  if (self->venue_mode == NULL)
    {
      self->venue_mode = g_object_new (ECCP_TYPE_VENUE_MODE, NULL);
      adw_bin_set_child (self->venue_bin, GTK_WIDGET (self->venue_mode));
      g_signal_connect_object (self->venue_mode, "exit", G_CALLBACK (_eccp_window_venue_exit), self,
                               G_CONNECT_SWAPPED);
      g_binding_group_bind (self->session_bindings, "store", self->venue_mode, "store",
                            G_BINDING_SYNC_CREATE);
      g_binding_group_bind (self->session_bindings, "account", self->venue_mode, "account",
                            G_BINDING_SYNC_CREATE);
      g_binding_group_bind (self->session_bindings, "controller", self->venue_mode, "controller",
                            G_BINDING_SYNC_CREATE);
    }

  return self->venue_mode;
}

EccpMeetingsView *
_eccp_window_ensure_meetings_view (EccpWindow *self)
{
  if (self->meetings_view == NULL)
    {
      self->meetings_view = g_object_new (ECCP_TYPE_MEETINGS_VIEW, NULL);
      adw_bin_set_child (self->meetings_bin, GTK_WIDGET (self->meetings_view));
      g_binding_group_bind (self->session_bindings, "store", self->meetings_view, "store",
                            G_BINDING_SYNC_CREATE);
      g_binding_group_bind (self->session_bindings, "account", self->meetings_view, "account",
                            G_BINDING_SYNC_CREATE);
    }

  return self->meetings_view;
}

EccpWelcomePage *
_eccp_window_ensure_welcome_page (EccpWindow *self)
{
  if (self->welcome_page == NULL)
    {
      self->welcome_page = g_object_new (ECCP_TYPE_WELCOME_PAGE, NULL);
      adw_bin_set_child (self->welcome_bin, GTK_WIDGET (self->welcome_page));
    }

  return self->welcome_page;
}

/**
 * eccp_window_get_page:
 * @self: a window
 * @name: a view's name ("cluster", "partnership", "event", "call",
 *   "changes", "review"), or "venue", "meetings", "welcome"
 *
 * The page of that name, made now if it has not been shown yet.
 *
 * Returns: (transfer none) (nullable): the page, or %NULL for an unknown name
 */
GtkWidget *
eccp_window_get_page (EccpWindow *self,
                      const char *name)
{
  g_return_val_if_fail (ECCP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "changes"))
    return GTK_WIDGET (_eccp_window_ensure_changes_page (self));
  if (g_str_equal (name, "review"))
    return GTK_WIDGET (_eccp_window_ensure_review_page (self));
  if (g_str_equal (name, "venue"))
    return GTK_WIDGET (_eccp_window_ensure_venue_mode (self));
  if (g_str_equal (name, "meetings"))
    return GTK_WIDGET (_eccp_window_ensure_meetings_view (self));
  if (g_str_equal (name, "welcome"))
    return GTK_WIDGET (_eccp_window_ensure_welcome_page (self));

  return (GtkWidget *) _eccp_window_browse_page_for (self, name);
}
