/* eccp-application.c: the application: command line, actions, windows
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is open (the store, its sync controller, the profile) is the
 * EccpSession's; the application owns the one session, turns the command
 * line and its actions into the session's calls, and makes the window.
 *
 * Command line, for scripts and tests:
 *   --portal URL   connect to URL, with $ECCP_TOKEN or the keyring's token
 *   --demo         explore the demo data
 *
 * Actions: app.connect ("(ss)": the portal's URL and a token it accepted),
 * app.explore-demo, app.sign-out, app.cancel-loading, app.sync,
 * app.cancel-sync, app.work-offline (GSettings), app.preferences,
 * app.about, app.quit.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-application.h"

#include <glib/gi18n.h>

#include "eccp-preferences-window.h"
#include "eccp-toast.h"
#include "eccp-window.h"

struct _EccpApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  EccpSession        *session;

  /* From the command line */
  char               *option_portal;
  gboolean            option_demo;
};

G_DEFINE_FINAL_TYPE (EccpApplication, eccp_application, ADW_TYPE_APPLICATION)

static GtkWindow *
get_window (EccpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

      window = windows != NULL ? windows->data : NULL;
    }

  return ECCP_IS_WINDOW (window) ? window : NULL;
}

/* What the session or an action has to say, in the window's overlay;
 * without a window, nobody is there to read it. */
static void
show_message (EccpApplication *self,
              const char      *text)
{
  GtkWindow *window = get_window (self);

  if (window != NULL)
    eccp_toast_show (GTK_WIDGET (window), eccp_toast_new ("%s", text));
}

EccpSession *
eccp_application_get_session (EccpApplication *self)
{
  g_return_val_if_fail (ECCP_IS_APPLICATION (self), NULL);

  return self->session;
}

/* Actions */

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  EccpApplication *self = user_data;
  GList *windows = NULL;

  /* A copy: closing a window takes it out of the application's list. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));

  /* Through close-request, so the window size is kept. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
sync_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  EccpApplication *self = user_data;
  EccpSyncController *controller = eccp_session_get_controller (self->session);

  if (controller == NULL)
    return;

  if (g_settings_get_boolean (self->settings, "work-offline"))
    {
      show_message (self, _("Working offline: switch it off to sync"));
      return;
    }

  if (!eccp_sync_controller_get_connected (controller))
    {
      show_message (self, _("Not connected to a portal"));
      return;
    }

  eccp_sync_controller_sync (controller);
}

static void
cancel_sync_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EccpApplication *self = user_data;
  EccpSyncController *controller = eccp_session_get_controller (self->session);

  if (controller != NULL)
    eccp_sync_controller_cancel (controller);
}

static void
cancel_loading_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  EccpApplication *self = user_data;

  eccp_session_cancel_loading (self->session);
}

static void
connect_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  EccpApplication *self = user_data;
  const char *portal_url;
  const char *token;

  g_variant_get (parameter, "(&s&s)", &portal_url, &token);
  eccp_session_open_portal (self->session, portal_url, *token != '\0' ? token : NULL);
}

static void
explore_demo_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  EccpApplication *self = user_data;

  eccp_session_open_demo (self->session);
}

static void
sign_out_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EccpApplication *self = user_data;

  eccp_session_sign_out (self->session);
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EccpApplication *self = user_data;
  GtkWidget *preferences = eccp_preferences_window_new (self->session);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), get_window (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  EccpApplication *self = user_data;
  static const char *developers[] = { "The ECCP Desk developers", NULL };

  adw_show_about_window (get_window (self),
                         "application-name", _("ECCP Desk"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The ECCP Desk developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://clustercollaboration.eu/",
                         "comments", _("The European Cluster Collaboration Platform on your desk: "
                                       "clusters, partnerships, events and calls, offline."),
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The ECCP Desk developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

/* Object life */

static void
eccp_application_startup (GApplication *application)
{
  EccpApplication *self = ECCP_APPLICATION (application);
  g_autoptr(GAction) offline = NULL;
  static const GActionEntry entries[] = {
    { "quit", quit_cb },
    { "sync", sync_cb },
    { "cancel-sync", cancel_sync_cb },
    { "cancel-loading", cancel_loading_cb },
    { "connect", connect_cb, "(ss)" },
    { "explore-demo", explore_demo_cb },
    { "sign-out", sign_out_cb },
    { "preferences", preferences_cb },
    { "about", about_cb },
  };
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.sync", { "<Control>r", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (eccp_application_parent_class)->startup (application);

  self->settings = g_settings_new (APPLICATION_ID);
  self->session = eccp_session_new (self->settings);
  g_signal_connect_object (self->session, "message", G_CALLBACK (show_message), self,
                           G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  offline = g_settings_create_action (self->settings, "work-offline");
  g_action_map_add_action (G_ACTION_MAP (self), offline);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

static void
eccp_application_activate (GApplication *application)
{
  EccpApplication *self = ECCP_APPLICATION (application);
  GtkWindow *window = get_window (self);

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (eccp_window_new (GTK_APPLICATION (self), self->session));
  gtk_window_present (window);

  if (self->option_demo)
    eccp_session_open_demo (self->session);
  else if (self->option_portal != NULL)
    eccp_session_open_portal (self->session, self->option_portal, NULL);
  else
    eccp_session_restore (self->session);
}

static int
eccp_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  EccpApplication *self = ECCP_APPLICATION (application);

  g_variant_dict_lookup (options, "portal", "s", &self->option_portal);
  g_variant_dict_lookup (options, "demo", "b", &self->option_demo);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("eccp-desk %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
eccp_application_shutdown (GApplication *application)
{
  EccpApplication *self = ECCP_APPLICATION (application);

  if (self->session != NULL)
    eccp_session_close (self->session);

  G_APPLICATION_CLASS (eccp_application_parent_class)->shutdown (application);
}

static void
eccp_application_finalize (GObject *object)
{
  EccpApplication *self = (EccpApplication *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->option_portal, g_free);

  G_OBJECT_CLASS (eccp_application_parent_class)->finalize (object);
}

static void
eccp_application_class_init (EccpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = eccp_application_finalize;
  app_class->startup = eccp_application_startup;
  app_class->activate = eccp_application_activate;
  app_class->shutdown = eccp_application_shutdown;
  app_class->handle_local_options = eccp_application_handle_local_options;
}

static void
eccp_application_init (EccpApplication *self)
{
  static const GOptionEntry options[] = {
    { "portal", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Connect to the portal at URL (its token from $ECCP_TOKEN or the keyring)"), N_("URL") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Explore the demo data"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

EccpApplication *
eccp_application_new (void)
{
  /* NON_UNIQUE: a second instance with another profile (a test, the demo
   * command) must not hand its command line to a running one. */
  return g_object_new (ECCP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/eu/clustercollaboration/Desk",
                       NULL);
}
