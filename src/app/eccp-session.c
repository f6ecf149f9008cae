/* eccp-session.c: what is open: the store, its sync controller, the profile
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
 * GIO only, no GTK: the application owns one (as gnome-calendar's owns its
 * GcalContext), and the windows bind to its properties.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-session.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "eccp-auto-purge.h"
#include "eccp-demo.h"
#include "eccp-json.h"
#include "eccp-portal-client.h"
#include "eccp-portal-url.h"
#include "eccp-token.h"

/* Seconds to wait for GET /me; the account kept from last time stays meanwhile. */
#define ACCOUNT_TIMEOUT 30

/* The demo set has about 6.5 records per cluster (portal-api.md §3). */
#define DEMO_RECORDS_PER_CLUSTER 6.45

struct _EccpSession
{
  GObject             parent_instance;

  GSettings          *settings;
  EccpStore          *store;
  EccpSyncController *controller;
  char               *profile;
  char               *portal_url;
  /* Who is signed in: kept in the store (setting "account"), so it is
   * known offline; asked of the portal again on connecting. */
  EccpAccount        *account;
  /* GET /me, again after a sync that the portal took changes from (a
   * cluster a manager made becomes one of theirs) */
  EccpPortalClient   *me_client;
  /* The token's look-up, or the making of the demo data, and GET /me */
  GCancellable       *cancellable;

  gboolean            loading;
  double              loading_fraction;
  guint               loaded_records;
};

G_DEFINE_FINAL_TYPE (EccpSession, eccp_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_CONTROLLER,
  PROP_PROFILE,
  PROP_PORTAL_URL,
  PROP_ACCOUNT,
  PROP_LOADING,
  PROP_LOADING_FRACTION,
  PROP_LOADED_RECORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
say (EccpSession *self,
     const char  *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
say (EccpSession *self,
     const char  *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static char *
demo_store_path (void)
{
  if (g_getenv ("ECCP_DB") != NULL)
    return g_strdup (g_getenv ("ECCP_DB"));

  return g_build_filename (g_get_user_data_dir (), "eccp-desk", "demo.db", NULL);
}

static void
set_profile (EccpSession *self,
             const char  *profile)
{
  if (g_strcmp0 (self->profile, profile) != 0)
    {
      g_free (self->profile);
      self->profile = g_strdup (profile);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
    }

  g_settings_set_string (self->settings, "profile", profile);
}

static void
set_loading (EccpSession *self,
             gboolean     loading,
             guint        loaded_records,
             double       fraction)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  if (self->loaded_records != loaded_records)
    {
      self->loaded_records = loaded_records;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED_RECORDS]);
    }

  fraction = CLAMP (fraction, 0, 1);
  if (self->loading_fraction != fraction)
    {
      self->loading_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_FRACTION]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_account (EccpSession *self,
             EccpAccount *account)
{
  if (g_set_object (&self->account, account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/* Closes what is open; the profile stays as it is. */
static void
drop (EccpSession *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->controller != NULL)
    eccp_sync_controller_cancel (self->controller);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->controller != NULL)
    {
      g_clear_object (&self->controller);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
    }
  if (self->store != NULL)
    {
      /* The sync was cancelled above: a page being written on the
       * store's writer thread rolls back, and the threads end before the
       * store is let go (docs/ARCHITECTURE.md, "Threads"). */
      eccp_store_close_workers (self->store);
      g_clear_object (&self->store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  if (self->portal_url != NULL)
    {
      g_clear_pointer (&self->portal_url, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL_URL]);
    }
  set_account (self, NULL);
  g_clear_object (&self->me_client);
  g_object_thaw_notify (G_OBJECT (self));
}

static EccpStore *
open_file (EccpSession *self,
           const char  *path)
{
  g_autoptr(GError) error = NULL;
  EccpStore *store = eccp_store_new (path, &error);

  if (store == NULL)
    {
      g_warning ("Could not open the store: %s", error->message);
      say (self, _("Could not open the local copy: %s"), error->message);
      return NULL;
    }

  /* 16 MiB: the pages of the lists on screen and their indexes; RSS with
   * 100,000 clusters stayed above 180 MB with the 64 MiB a sync uses
   * (bench-app), and a sync here writes a page of the feed at a time. */
  eccp_store_set_cache_size (store, 16 * 1024);
  /* `eccp` in a terminal writes to the same file: show its writes. */
  eccp_store_watch_other_writers (store, 1500);

  return store;
}

/* The portal */

static void
got_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EccpSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = eccp_portal_client_get_me_finish (ECCP_PORTAL_CLIENT (object), result, &error);
  g_autoptr(EccpAccount) account = NULL;

  /* Offline is the normal case: the account kept from last time stays. */
  if (me == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("GET /me: %s", error->message);
      return;
    }

  account = eccp_account_new_from_json (me, &error);
  if (account == NULL || self->store == NULL)
    {
      if (account == NULL)
        g_warning ("GET /me: %s", error->message);
      return;
    }

  if (!eccp_account_keep (account, self->store, &error))
    g_warning ("Could not keep who is signed in: %s", error->message);
  set_account (self, account);
}

static void
ask_account (EccpSession *self)
{
  if (self->me_client == NULL)
    return;
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  eccp_portal_client_get_me_async (self->me_client, self->cancellable, got_account_cb, g_object_ref (self));
}

static void
sync_finished_cb (EccpSession        *self,
                  EccpSyncReport     *report,
                  const GError       *error,
                  EccpSyncController *controller)
{
  if (report != NULL && report->pushed > 0)
    ask_account (self);
}

static gboolean
allow_insecure (EccpSession *self)
{
  return g_settings_get_boolean (self->settings, "allow-insecure-portal");
}

/* The controller syncs with @token from now on; who it belongs to is
 * asked of the portal meanwhile. */
static void
connect_portal (EccpSession *self,
                const char  *token)
{
  g_autoptr(GError) error = NULL;

  eccp_sync_controller_set_portal (self->controller, self->portal_url, token);

  g_clear_object (&self->me_client);
  self->me_client = eccp_portal_client_new_full (self->portal_url, token, allow_insecure (self), &error);
  if (self->me_client == NULL)
    {
      g_warning ("GET /me: %s", error->message);
      return;
    }
  eccp_portal_client_set_timeout (self->me_client, ACCOUNT_TIMEOUT);
  ask_account (self);
}

static void
token_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EccpSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpToken) token = eccp_token_lookup_finish (result, &error);

  /* Signed out, or another store opened, meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->controller == NULL)
    return;

  if (token == NULL)
    {
      /* No token (signed out elsewhere, or no keyring): the data stays
       * readable and editable; the indicator says "Not connected". */
      if (error != NULL)
        say (self, _("The access token could not be read: %s"), error->message);
      else
        say (self, "%s", _("Not signed in: sign in from Preferences to sync"));
      return;
    }

  connect_portal (self, token);
}

void
eccp_session_open_portal (EccpSession *self,
                          const char  *portal_url,
                          const char  *token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = eccp_store_default_path ();
  g_autoptr(EccpStore) store = NULL;

  g_return_if_fail (ECCP_IS_SESSION (self));

  /* Never kept when refused: a password in it must not reach the disk. */
  if (portal_url != NULL && !eccp_portal_url_check (portal_url, allow_insecure (self), NULL, &error))
    {
      say (self, "%s", error->message);
      return;
    }

  store = open_file (self, store_path);
  if (store == NULL)
    return;

  if (portal_url != NULL && !eccp_store_set_setting (store, "portal_url", portal_url, &error))
    {
      g_warning ("Could not open the store: %s", error->message);
      say (self, _("Could not open the local copy: %s"), error->message);
      return;
    }

  eccp_session_open_store (self, store, "portal");

  if (self->portal_url == NULL)
    return;

  if (token != NULL)
    {
      connect_portal (self, token);
      return;
    }

  self->cancellable = g_cancellable_new ();
  eccp_token_lookup_async (self->portal_url, self->cancellable, token_found_cb, g_object_ref (self));
}

static void
token_cleared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EccpSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!eccp_token_clear_finish (result, &error))
    say (self, _("The access token could not be removed: %s"), error->message);
}

void
eccp_session_sign_out (EccpSession *self)
{
  g_return_if_fail (ECCP_IS_SESSION (self));

  if (self->portal_url != NULL && g_strcmp0 (self->profile, "portal") == 0)
    eccp_token_clear_async (self->portal_url, NULL, token_cleared_cb, g_object_ref (self));

  g_object_freeze_notify (G_OBJECT (self));
  drop (self);
  set_profile (self, "");
  g_object_thaw_notify (G_OBJECT (self));
}

/* The demo data, made by a worker thread with its own connection */

typedef struct
{
  GMainContext *context;
  EccpSession  *self;
  guint         n_clusters;
  guint         n_records;
  GCancellable *cancellable;
} DemoJob;

typedef struct
{
  EccpStore    *store;
  DemoJob      *job;
  GTask        *task;
} DemoPage;

/* @user_data: a reference to the task, so that the job outlives a late call */
static gboolean
demo_progress_cb (gpointer user_data)
{
  DemoJob *job = g_task_get_task_data (G_TASK (user_data));
  guint n = g_atomic_int_get (&job->n_records);

  /* Only while this job is the one the session waits for. */
  if (job->self->loading && job->self->cancellable == job->cancellable
      && !g_cancellable_is_cancelled (job->cancellable))
    set_loading (job->self, TRUE, n, n / (job->n_clusters * DEMO_RECORDS_PER_CLUSTER));

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
  g_main_context_invoke_full (page->job->context, G_PRIORITY_DEFAULT, demo_progress_cb,
                              g_object_ref (page->task), g_object_unref);

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
  DemoPage page = { store, job, task };

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
  EccpSession *self = ECCP_SESSION (object);
  DemoJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Another store was opened meanwhile: this job is none of its business. */
  if (job->cancellable != self->cancellable)
    {
      g_task_propagate_boolean (G_TASK (result), NULL);
      return;
    }

  /* One change for the window: from the progress to the data (or the
   * welcome), never through the welcome. */
  g_object_freeze_notify (G_OBJECT (self));
  set_loading (self, FALSE, 0, 0);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled or failed: back to the welcome, with nothing half-made
       * kept as if it were the demo. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, _("The demo data could not be made: %s"), error->message);
      set_profile (self, "");
      drop (self);
      remove_demo_store ();
    }
  else
    {
      eccp_session_open_demo (self);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
eccp_session_open_demo (EccpSession *self)
{
  g_autofree char *path = demo_store_path ();
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(GTask) task = NULL;
  DemoJob *job;

  g_return_if_fail (ECCP_IS_SESSION (self));

  store = open_file (self, path);
  if (store == NULL)
    return;

  if (eccp_store_count_records (store, "cluster", NULL) > 0)
    {
      eccp_session_open_store (self, store, "demo");
      return;
    }

  /* An empty demo store: make the data first (about a second). */
  g_clear_object (&store);
  g_object_freeze_notify (G_OBJECT (self));
  drop (self);
  set_profile (self, "demo");
  set_loading (self, TRUE, 0, 0);
  g_object_thaw_notify (G_OBJECT (self));

  self->cancellable = g_cancellable_new ();
  job = g_new0 (DemoJob, 1);
  job->context = g_main_context_ref_thread_default ();
  job->self = self;
  job->n_clusters = ECCP_DEMO_DEFAULT_CLUSTERS;
  job->cancellable = g_object_ref (self->cancellable);

  task = g_task_new (self, self->cancellable, demo_done_cb, NULL);
  g_task_set_source_tag (task, eccp_session_open_demo);
  g_task_set_task_data (task, job, demo_job_free);
  g_task_run_in_thread (task, demo_thread);
}

void
eccp_session_cancel_loading (EccpSession *self)
{
  g_return_if_fail (ECCP_IS_SESSION (self));

  if (self->loading && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Any store */

void
eccp_session_open_store (EccpSession *self,
                         EccpStore   *store,
                         const char  *profile)
{
  g_return_if_fail (ECCP_IS_SESSION (self));
  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (profile != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  drop (self);
  set_loading (self, FALSE, 0, 0);

  self->store = g_object_ref (store);
  self->controller = eccp_sync_controller_new (store, self->settings);
  /* Here, not where the file is opened: every store the window shows. */
  eccp_auto_purge_attach (store, self->settings);
  g_signal_connect_object (self->controller, "finished", G_CALLBACK (sync_finished_cb), self,
                           G_CONNECT_SWAPPED);
  if (g_str_equal (profile, "demo"))
    eccp_sync_controller_set_demo (self->controller, TRUE);
  else
    {
      g_autoptr(EccpAccount) account = eccp_account_load (store);

      g_autoptr(GError) error = NULL;

      /* Without the password an older version may have kept in it. */
      self->portal_url = eccp_portal_url_get_kept (store, &error);
      if (error != NULL)
        g_warning ("The portal address could not be cleaned: %s", error->message);
      set_account (self, account);
    }
  set_profile (self, profile);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
  if (self->portal_url != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL_URL]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
eccp_session_restore (EccpSession *self)
{
  g_autofree char *profile = NULL;

  g_return_if_fail (ECCP_IS_SESSION (self));

  profile = g_settings_get_string (self->settings, "profile");
  if (g_strcmp0 (profile, "demo") == 0)
    eccp_session_open_demo (self);
  else if (g_strcmp0 (profile, "portal") == 0)
    eccp_session_open_portal (self, NULL, NULL);
}

void
eccp_session_close (EccpSession *self)
{
  g_return_if_fail (ECCP_IS_SESSION (self));

  drop (self);
}

/* Getters */

GSettings *
eccp_session_get_settings (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), NULL);

  return self->settings;
}

EccpStore *
eccp_session_get_store (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), NULL);

  return self->store;
}

EccpSyncController *
eccp_session_get_controller (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), NULL);

  return self->controller;
}

const char *
eccp_session_get_profile (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), NULL);

  return self->profile;
}

const char *
eccp_session_get_portal_url (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), NULL);

  return self->portal_url;
}

EccpAccount *
eccp_session_get_account (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), NULL);

  return self->account;
}

gboolean
eccp_session_get_loading (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), FALSE);

  return self->loading;
}

double
eccp_session_get_loading_fraction (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), 0);

  return self->loading_fraction;
}

guint
eccp_session_get_loaded_records (EccpSession *self)
{
  g_return_val_if_fail (ECCP_IS_SESSION (self), 0);

  return self->loaded_records;
}

/* Object life */

static void
eccp_session_constructed (GObject *object)
{
  EccpSession *self = (EccpSession *)object;

  G_OBJECT_CLASS (eccp_session_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  /* What is open now, not what the settings say was open last time:
   * nothing until restore() or open_*(). */
  self->profile = g_strdup ("");
}

static void
eccp_session_dispose (GObject *object)
{
  EccpSession *self = (EccpSession *)object;

  drop (self);

  G_OBJECT_CLASS (eccp_session_parent_class)->dispose (object);
}

static void
eccp_session_finalize (GObject *object)
{
  EccpSession *self = (EccpSession *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->profile, g_free);

  G_OBJECT_CLASS (eccp_session_parent_class)->finalize (object);
}

static void
eccp_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EccpSession *self = ECCP_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_PORTAL_URL:
      g_value_set_string (value, self->portal_url);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LOADING_FRACTION:
      g_value_set_double (value, self->loading_fraction);
      break;
    case PROP_LOADED_RECORDS:
      g_value_set_uint (value, self->loaded_records);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_session_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EccpSession *self = ECCP_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_session_class_init (EccpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = eccp_session_constructed;
  object_class->dispose = eccp_session_dispose;
  object_class->finalize = eccp_session_finalize;
  object_class->get_property = eccp_session_get_property;
  object_class->set_property = eccp_session_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, ECCP_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORTAL_URL] =
    g_param_spec_string ("portal-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, ECCP_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING_FRACTION] =
    g_param_spec_double ("loading-fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED_RECORDS] =
    g_param_spec_uint ("loaded-records", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EccpSession::message:
   * @text: a translated sentence for the user
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
eccp_session_init (EccpSession *self)
{
}

EccpSession *
eccp_session_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ECCP_TYPE_SESSION, "settings", settings, NULL);
}
