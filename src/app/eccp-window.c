/* eccp-window.c: the main window
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view switcher over the four kinds of record and the Changes view; the
 * sync indicator on the left of the header bar.  Before the first run is
 * done the window shows the welcome instead; while the demo data is made,
 * its progress.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-window.h"

#include <glib/gi18n.h>

#include "eccp-browse-page.h"
#include "eccp-changes-page.h"
#include "eccp-sync-indicator.h"
#include "eccp-welcome-page.h"

struct _EccpWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  EccpStore            *store;
  EccpSyncController   *controller;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  EccpWelcomePage      *welcome_page;
  GtkProgressBar       *loading_progress;
  AdwViewStack         *view_stack;
  EccpSyncIndicator    *sync_indicator;
  EccpBrowsePage       *cluster_page;
  EccpBrowsePage       *partnership_page;
  EccpBrowsePage       *event_page;
  EccpBrowsePage       *call_page;
  EccpChangesPage      *changes_page;
  AdwViewStackPage     *changes_stack_page;
  AdwViewSwitcherTitle *switcher_title;
};

G_DEFINE_FINAL_TYPE (EccpWindow, eccp_window, ADW_TYPE_APPLICATION_WINDOW)

static EccpBrowsePage *
browse_page_for (EccpWindow *self,
                 const char *type)
{
  EccpBrowsePage *pages[] = { self->cluster_page, self->partnership_page,
                              self->event_page, self->call_page };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (eccp_browse_page_get_record_type (pages[i]), type) == 0)
      return pages[i];

  return NULL;
}

static EccpBrowsePage *
visible_browse_page (EccpWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);

  return ECCP_IS_BROWSE_PAGE (child) ? ECCP_BROWSE_PAGE (child) : NULL;
}

void
eccp_window_show_view (EccpWindow *self,
                       const char *name)
{
  g_return_if_fail (ECCP_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
eccp_window_add_toast (EccpWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (ECCP_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Toasts for what a sync did: only what the user would want to know. */
static void
sync_finished_cb (EccpWindow     *self,
                  EccpSyncReport *report,
                  const GError   *error)
{
  AdwToast *toast = NULL;

  if (report == NULL)
    {
      if (error != NULL)
        toast = adw_toast_new_format (_("Sync failed: %s"), error->message);
    }
  else
    {
      switch (report->outcome)
        {
        case ECCP_SYNC_OUTCOME_IN_STEP:
          if (report->pushed > 0)
            toast = adw_toast_new_format (ngettext ("%u change sent to the portal",
                                                    "%u changes sent to the portal",
                                                    report->pushed), report->pushed);
          break;

        case ECCP_SYNC_OUTCOME_NEEDS_USER:
          toast = adw_toast_new (ngettext ("A change needs you: see Changes",
                                           "Changes need you: see Changes",
                                           (gulong) report->waiting_for_user));
          adw_toast_set_button_label (toast, _("_Show"));
          adw_toast_set_action_name (toast, "win.show-changes");
          break;

        case ECCP_SYNC_OUTCOME_UNREACHABLE:
          /* Being offline is normal: the indicator says it, no toast. */
          break;

        case ECCP_SYNC_OUTCOME_AUTH_FAILED:
          toast = adw_toast_new (_("The portal refused the access token: sign in again"));
          adw_toast_set_button_label (toast, _("_Preferences"));
          adw_toast_set_action_name (toast, "app.preferences");
          break;

        case ECCP_SYNC_OUTCOME_FAILED:
          toast = adw_toast_new_format (_("Sync failed: %s"),
                                        error != NULL ? error->message : _("unknown error"));
          break;

        case ECCP_SYNC_OUTCOME_CANCELLED:
        default:
          break;
        }
    }

  if (toast != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_changes_badge (EccpWindow *self)
{
  gint64 n_needs_user = self->controller != NULL
    ? eccp_sync_controller_get_n_needs_user (self->controller) : 0;
  gint64 n_waiting = self->controller != NULL
    ? eccp_sync_controller_get_n_waiting (self->controller) : 0;

  adw_view_stack_page_set_badge_number (self->changes_stack_page, (guint) MIN (n_needs_user + n_waiting, G_MAXUINT));
  adw_view_stack_page_set_needs_attention (self->changes_stack_page, n_needs_user > 0);
}

/* Actions */

static void
show_record_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);
  const char *type;
  const char *id;
  EccpBrowsePage *page;

  g_variant_get (parameter, "(&s&s)", &type, &id);
  page = browse_page_for (self, type);
  if (page == NULL)
    return;

  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (page));
  eccp_browse_page_show_record (page, id);
}

static void
show_changes_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  eccp_window_show_view (ECCP_WINDOW (widget), "changes");
}

static void
show_view_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  eccp_window_show_view (ECCP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
new_record_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);
  EccpBrowsePage *page = visible_browse_page (self);

  if (page == NULL)
    {
      page = self->cluster_page;
      adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (page));
    }

  gtk_widget_activate_action (GTK_WIDGET (page), "record.new", NULL);
}

static void
search_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);
  EccpBrowsePage *page = visible_browse_page (self);

  if (page == NULL)
    {
      page = self->cluster_page;
      adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (page));
    }

  eccp_browse_page_focus_search (page);
}

static void
cancel_loading_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  if (app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "cancel-loading", NULL);
}

static void
visible_page_changed_cb (EccpWindow *self)
{
  EccpBrowsePage *page = visible_browse_page (self);

  /* A page reads the store when it is first shown, not at launch: the
   * window's first frame waits for one list, not four. */
  if (page != NULL)
    eccp_browse_page_set_store (page, self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-record", page != NULL);
}

static void
welcome_connected_cb (EccpWindow *self,
                      const char *portal_url,
                      const char *token)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  eccp_application_connect (ECCP_APPLICATION (app), portal_url, token);
}

static void
welcome_demo_cb (EccpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  eccp_application_explore_demo (ECCP_APPLICATION (app));
}

/* Window size, kept in GSettings */

static gboolean
eccp_window_close_request (GtkWindow *window)
{
  EccpWindow *self = ECCP_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (eccp_window_parent_class)->close_request (window);
}

/* Object life */

static void
eccp_window_dispose (GObject *object)
{
  EccpWindow *self = (EccpWindow *)object;

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eccp_window_parent_class)->dispose (object);
}

static void
eccp_window_class_init (EccpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char * const views[] = { "cluster", "partnership", "event", "call", "changes" };

  object_class->dispose = eccp_window_dispose;
  window_class->close_request = eccp_window_close_request;

  g_type_ensure (ECCP_TYPE_BROWSE_PAGE);
  g_type_ensure (ECCP_TYPE_CHANGES_PAGE);
  g_type_ensure (ECCP_TYPE_SYNC_INDICATOR);
  g_type_ensure (ECCP_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, cluster_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, partnership_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, event_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, call_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, changes_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, changes_stack_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, switcher_title);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_connected_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_demo_cb);

  gtk_widget_class_install_action (widget_class, "win.show-record", "(ss)", show_record_cb);
  gtk_widget_class_install_action (widget_class, "win.show-changes", NULL, show_changes_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_cb);
  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, new_record_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_cb);
  gtk_widget_class_install_action (widget_class, "win.cancel-loading", NULL, cancel_loading_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i]);
}

/* When the view switcher has gone to the bottom, the header bar is narrow:
 * the sync indicator shows its icon only. */
static void
title_visible_cb (EccpWindow *self)
{
  eccp_sync_indicator_set_compact (self->sync_indicator,
                                   adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
eccp_window_init (EccpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (title_visible_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

EccpWindow *
eccp_window_new (EccpApplication *application)
{
  EccpWindow *self = g_object_new (ECCP_TYPE_WINDOW, "application", application, NULL);

  self->settings = g_object_ref (eccp_application_get_settings (application));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  return self;
}

void
eccp_window_set_session (EccpWindow         *self,
                         EccpStore          *store,
                         EccpSyncController *controller)
{
  EccpBrowsePage *pages[] = { self->cluster_page, self->partnership_page,
                              self->event_page, self->call_page };

  g_return_if_fail (ECCP_IS_WINDOW (self));

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    {
      g_signal_connect_object (controller, "finished", G_CALLBACK (sync_finished_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "notify::n-waiting", G_CALLBACK (update_changes_badge), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "notify::n-needs-user", G_CALLBACK (update_changes_badge), self,
                               G_CONNECT_SWAPPED);
    }

  g_set_object (&self->store, store);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (store == NULL || GTK_WIDGET (pages[i]) == adw_view_stack_get_visible_child (self->view_stack))
      eccp_browse_page_set_store (pages[i], store);
    else
      eccp_browse_page_set_store (pages[i], NULL);
  eccp_changes_page_set_store (self->changes_page, store);
  eccp_sync_indicator_set_controller (self->sync_indicator, controller);
  update_changes_badge (self);

  gtk_stack_set_visible_child_name (self->main_stack, store != NULL ? "main" : "welcome");
  if (store != NULL)
    eccp_browse_page_focus_search (self->cluster_page);
}

void
eccp_window_show_progress (EccpWindow *self,
                           double      fraction,
                           const char *text)
{
  g_return_if_fail (ECCP_IS_WINDOW (self));

  gtk_progress_bar_set_fraction (self->loading_progress, CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (self->loading_progress, text);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}
