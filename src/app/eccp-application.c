/* eccp-application.c: the application: one store, one sync controller
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile (GSettings "profile") says which store is open: "portal"
 * opens the store of the signed-in portal ($ECCP_DB, else
 * $XDG_DATA_HOME/eccp-desk/store.db), "demo" a separate store of demo data
 * that never syncs (demo.db beside it), "" nothing yet: the window shows
 * the welcome.  The portal's address lives in the store (setting
 * "portal_url", as `eccp login` keeps it); the token only in the keyring.
 *
 * Command line, for scripts and tests:
 *   --portal URL   connect to URL, with $ECCP_TOKEN or the keyring's token
 *   --demo         explore the demo data
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-application.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "eccp-demo.h"
#include "eccp-preferences-window.h"
#include "eccp-token.h"
#include "eccp-window.h"

/* The demo set has about 6.5 records per cluster (portal-api.md §3). */
#define DEMO_RECORDS_PER_CLUSTER 6.45

struct _EccpApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  EccpStore          *store;
  EccpSyncController *controller;
  char               *profile;
  GCancellable       *cancellable;

  /* From the command line */
  char               *option_portal;
  gboolean            option_demo;
};

G_DEFINE_FINAL_TYPE (EccpApplication, eccp_application, ADW_TYPE_APPLICATION)

static EccpWindow *
get_window (EccpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

      window = windows != NULL ? windows->data : NULL;
    }

  return ECCP_IS_WINDOW (window) ? ECCP_WINDOW (window) : NULL;
}

static void
toast (EccpApplication *self,
       AdwToast        *new_toast)
{
  EccpWindow *window = get_window (self);

  if (window != NULL)
    eccp_window_add_toast (window, new_toast);
  else
    g_object_unref (g_object_ref_sink (new_toast));
}

static char *
demo_store_path (void)
{
  if (g_getenv ("ECCP_DB") != NULL)
    return g_strdup (g_getenv ("ECCP_DB"));

  return g_build_filename (g_get_user_data_dir (), "eccp-desk", "demo.db", NULL);
}

static void
set_profile (EccpApplication *self,
             const char      *profile)
{
  g_free (self->profile);
  self->profile = g_strdup (profile);
  g_settings_set_string (self->settings, "profile", profile);
}

static void
close_session (EccpApplication *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->controller != NULL)
    eccp_sync_controller_cancel (self->controller);
  g_clear_object (&self->controller);
  g_clear_object (&self->store);
}

static void
show_session (EccpApplication *self)
{
  EccpWindow *window = get_window (self);

  if (window != NULL)
    eccp_window_set_session (window, self->store, self->controller);
}

static gboolean
open_store (EccpApplication  *self,
            const char       *path,
            GError          **error)
{
  g_autoptr(EccpStore) store = eccp_store_new (path, error);

  if (store == NULL)
    return FALSE;

  close_session (self);
  /* 16 MiB: the pages of the lists on screen and their indexes; RSS with
   * 100,000 clusters stayed above 180 MB with the 64 MiB a sync uses
   * (bench-app), and a sync here writes a page of the feed at a time. */
  eccp_store_set_cache_size (store, 16 * 1024);
  self->store = g_steal_pointer (&store);
  self->controller = eccp_sync_controller_new (self->store, self->settings);

  return TRUE;
}

static void
report_open_error (EccpApplication *self,
                   const GError    *error)
{
  g_warning ("Could not open the store: %s", error->message);
  toast (self, adw_toast_new_format (_("Could not open the local copy: %s"), error->message));
}

/* The portal */

static void
token_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EccpApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = eccp_token_lookup_finish (result, &error);
  g_autofree char *url = NULL;

  if (self->store == NULL)
    return;

  url = eccp_store_get_setting (self->store, "portal_url");
  if (token == NULL)
    {
      /* No token (signed out elsewhere, or no keyring): the data stays
       * readable and editable; the indicator says "Not connected". */
      if (error != NULL)
        toast (self, adw_toast_new_format (_("The access token could not be read: %s"), error->message));
      else
        toast (self, adw_toast_new (_("Not signed in: sign in from Preferences to sync")));
      return;
    }

  eccp_sync_controller_set_portal (self->controller, url, token);
}

static void
open_portal (EccpApplication *self,
             const char      *portal_url,
             const char      *token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = eccp_store_default_path ();
  g_autofree char *url = NULL;

  if (!open_store (self, store_path, &error))
    {
      report_open_error (self, error);
      return;
    }

  if (portal_url != NULL)
    {
      if (!eccp_store_set_setting (self->store, "portal_url", portal_url, &error))
        {
          report_open_error (self, error);
          return;
        }
    }

  set_profile (self, "portal");
  show_session (self);

  url = eccp_store_get_setting (self->store, "portal_url");
  if (url == NULL)
    return;

  if (token != NULL)
    {
      eccp_sync_controller_set_portal (self->controller, url, token);
      return;
    }

  self->cancellable = g_cancellable_new ();
  eccp_token_lookup_async (url, self->cancellable, token_found_cb, g_object_ref (self));
}

/* The demo data, made by a worker thread with its own connection */

typedef struct
{
  GMainContext *context;
  EccpApplication *self;
  guint         n_clusters;
  guint         n_records;
  GCancellable *cancellable;
} DemoJob;

typedef struct
{
  EccpStore    *store;
  DemoJob      *job;
} DemoPage;

static gboolean
demo_progress_cb (gpointer user_data)
{
  DemoJob *job = user_data;
  EccpWindow *window = get_window (job->self);
  double total = job->n_clusters * DEMO_RECORDS_PER_CLUSTER;
  g_autofree char *done = g_strdup_printf ("%'u", g_atomic_int_get (&job->n_records));
  /* Translators: "4,000 records" while the demo data is made */
  guint n = g_atomic_int_get (&job->n_records);
  g_autofree char *text = g_strdup_printf (ngettext ("%s record", "%s records", n), done);

  if (window != NULL)
    eccp_window_show_progress (window, g_atomic_int_get (&job->n_records) / total, text);

  return G_SOURCE_REMOVE;
}

static gboolean
demo_page_cb (JsonNode  *document,
              gpointer   user_data,
              GError   **error)
{
  DemoPage *page = user_data;
  EccpImportStats stats = { 0 };

  if (g_cancellable_set_error_if_cancelled (page->job->cancellable, error))
    return FALSE;

  if (!eccp_store_import_document (page->store, document, &stats, error))
    return FALSE;

  g_atomic_int_add (&page->job->n_records, stats.created + stats.updated);
  g_main_context_invoke_full (page->job->context, G_PRIORITY_DEFAULT, demo_progress_cb, page->job, NULL);

  return TRUE;
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = demo_store_path ();
  g_autoptr(EccpStore) store = eccp_store_new (path, &error);
  DemoPage page = { store, job };

  if (store == NULL || !eccp_demo_generate (job->n_clusters, demo_page_cb, &page, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
demo_job_free (gpointer data)
{
  DemoJob *job = data;

  g_main_context_unref (job->context);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void open_demo (EccpApplication *self);

/* A half-made demo store is not kept: the next try starts afresh. */
static void
remove_demo_store (void)
{
  g_autofree char *path = demo_store_path ();
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
demo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  EccpApplication *self = ECCP_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      EccpWindow *window = get_window (self);

      /* Cancelled or failed: back to the welcome, with nothing half-made
       * kept as if it were the demo. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, adw_toast_new_format (_("The demo data could not be made: %s"), error->message));
      set_profile (self, "");
      close_session (self);
      remove_demo_store ();
      if (window != NULL)
        eccp_window_set_session (window, NULL, NULL);
      return;
    }

  open_demo (self);
}

static void
open_demo (EccpApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = demo_store_path ();
  g_autoptr(GTask) task = NULL;
  DemoJob *job;

  if (!open_store (self, path, &error))
    {
      report_open_error (self, error);
      return;
    }

  set_profile (self, "demo");
  eccp_sync_controller_set_demo (self->controller, TRUE);

  if (eccp_store_count_records (self->store, "cluster", NULL) > 0)
    {
      show_session (self);
      return;
    }

  /* An empty demo store: make the data first (about a second). */
  close_session (self);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (DemoJob, 1);
  job->context = g_main_context_ref_thread_default ();
  job->self = self;
  job->n_clusters = ECCP_DEMO_DEFAULT_CLUSTERS;
  job->cancellable = g_object_ref (self->cancellable);

  demo_progress_cb (job);

  task = g_task_new (self, self->cancellable, demo_done_cb, NULL);
  g_task_set_source_tag (task, open_demo);
  g_task_set_task_data (task, job, demo_job_free);
  g_task_run_in_thread (task, demo_thread);
}

/* Public */

void
eccp_application_connect (EccpApplication *self,
                          const char      *portal_url,
                          const char      *token)
{
  g_return_if_fail (ECCP_IS_APPLICATION (self));
  g_return_if_fail (portal_url != NULL);

  open_portal (self, portal_url, token);
}

void
eccp_application_explore_demo (EccpApplication *self)
{
  g_return_if_fail (ECCP_IS_APPLICATION (self));

  open_demo (self);
}

static void
token_cleared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EccpApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!eccp_token_clear_finish (result, &error))
    toast (self, adw_toast_new_format (_("The access token could not be removed: %s"), error->message));
}

void
eccp_application_sign_out (EccpApplication *self)
{
  g_autofree char *url = NULL;

  g_return_if_fail (ECCP_IS_APPLICATION (self));

  if (self->store != NULL && g_strcmp0 (self->profile, "portal") == 0)
    url = eccp_store_get_setting (self->store, "portal_url");

  if (url != NULL)
    eccp_token_clear_async (url, NULL, token_cleared_cb, g_object_ref (self));

  close_session (self);
  set_profile (self, "");
  show_session (self);
}

GSettings *
eccp_application_get_settings (EccpApplication *self)
{
  g_return_val_if_fail (ECCP_IS_APPLICATION (self), NULL);

  return self->settings;
}

EccpStore *
eccp_application_get_store (EccpApplication *self)
{
  g_return_val_if_fail (ECCP_IS_APPLICATION (self), NULL);

  return self->store;
}

EccpSyncController *
eccp_application_get_controller (EccpApplication *self)
{
  g_return_val_if_fail (ECCP_IS_APPLICATION (self), NULL);

  return self->controller;
}

const char *
eccp_application_get_profile (EccpApplication *self)
{
  g_return_val_if_fail (ECCP_IS_APPLICATION (self), NULL);

  return self->profile;
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

  if (self->controller == NULL)
    return;

  if (g_settings_get_boolean (self->settings, "work-offline"))
    {
      toast (self, adw_toast_new (_("Working offline: switch it off to sync")));
      return;
    }

  if (!eccp_sync_controller_get_connected (self->controller))
    {
      toast (self, adw_toast_new (_("Not connected to a portal")));
      return;
    }

  eccp_sync_controller_sync (self->controller);
}

static void
cancel_sync_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EccpApplication *self = user_data;

  if (self->controller != NULL)
    eccp_sync_controller_cancel (self->controller);
}

static void
cancel_loading_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  EccpApplication *self = user_data;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
sign_out_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  eccp_application_sign_out (user_data);
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EccpApplication *self = user_data;
  GtkWidget *preferences = eccp_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (get_window (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  EccpApplication *self = user_data;
  static const char *developers[] = { "The ECCP Desk developers", NULL };

  adw_show_about_window (GTK_WINDOW (get_window (self)),
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
  EccpWindow *window = get_window (self);
  g_autofree char *profile = NULL;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = eccp_window_new (self);
  gtk_window_present (GTK_WINDOW (window));

  profile = g_settings_get_string (self->settings, "profile");

  if (self->option_demo)
    open_demo (self);
  else if (self->option_portal != NULL)
    open_portal (self, self->option_portal, NULL);
  else if (g_strcmp0 (profile, "demo") == 0)
    open_demo (self);
  else if (g_strcmp0 (profile, "portal") == 0)
    open_portal (self, NULL, NULL);
  else
    show_session (self);
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

  close_session (self);

  G_APPLICATION_CLASS (eccp_application_parent_class)->shutdown (application);
}

static void
eccp_application_finalize (GObject *object)
{
  EccpApplication *self = (EccpApplication *)object;

  close_session (self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->profile, g_free);
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
