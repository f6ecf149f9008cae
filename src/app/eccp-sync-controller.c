/* eccp-sync-controller.c: when to sync, and where things stand, in words
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One controller per store.  It syncs when it is connected and not told to
 * work offline: at once when connected, every "sync-interval" minutes, when
 * the network comes back, a few seconds after a local edit, and when asked
 * (Ctrl+R).  It never syncs twice at once.  Whatever it does, the status
 * text says where things stand, in the words the header bar shows.
 *
 * An unreachable portal is not an error: it is being offline, and the
 * changes wait.  Only a refused token or a broken answer is a failure.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-sync-controller.h"

#include "eccp-date.h"

#include <glib/gi18n.h>

#include "eccp-format.h"
#include "eccp-portal-url.h"
#include "eccp-store-sync.h"

/* After a local edit, wait this long for more before sending. */
#define PUSH_DELAY_SECONDS 3
/* The "2 min ago" is kept true this often. */
#define CLOCK_SECONDS 30

struct _EccpSyncController
{
  GObject             parent_instance;

  EccpStore          *store;
  GSettings          *settings;
  GNetworkMonitor    *monitor;
  char               *portal_url;
  gboolean            demo;
  EccpSyncEngine     *engine;
  GCancellable       *cancellable;

  EccpSyncStatus      status;
  char               *status_text;
  double              fraction;
  gint64              n_waiting;
  gint64              n_needs_user;
  /* The outcome of the last run, for the status between runs. */
  EccpSyncOutcome     last_outcome;
  gboolean            has_run;
  GDateTime          *last_success;

  guint               interval_source;
  guint               push_source;
  guint               clock_source;
};

G_DEFINE_FINAL_TYPE (EccpSyncController, eccp_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_STATUS_TEXT,
  PROP_SYNCING,
  PROP_FRACTION,
  PROP_CONNECTED,
  PROP_N_WAITING,
  PROP_N_NEEDS_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
working_offline (EccpSyncController *self)
{
  return g_settings_get_boolean (self->settings, "work-offline");
}

static char *
format_count (gint64 value)
{
  /* Digits grouped the locale's way: 1,240 / 1 240 / 1.240 */
  return eccp_format_integer (value);
}

static char *
describe_waiting (gint64 n)
{
  g_autofree char *count = format_count (n);

  return g_strdup_printf (ngettext ("%s change waiting", "%s changes waiting", (gulong) n), count);
}

static void
update_status (EccpSyncController *self)
{
  EccpSyncStatus status;
  g_autofree char *text = NULL;
  double fraction = -1;

  if (self->engine != NULL && eccp_sync_engine_get_running (self->engine))
    {
      guint pulled = eccp_sync_engine_get_pulled (self->engine);
      gint64 remaining = eccp_sync_engine_get_remaining (self->engine);

      status = ECCP_SYNC_STATUS_SYNCING;
      if (remaining > 0 && pulled > 0)
        {
          g_autofree char *done = format_count (pulled);
          g_autofree char *total = format_count (pulled + remaining);

          /* Translators: "Syncing 1,240 of 5,300…" records */
          text = g_strdup_printf (_("Syncing %s of %s…"), done, total);
          fraction = (double) pulled / (double) (pulled + remaining);
        }
      else
        {
          text = g_strdup (_("Syncing…"));
        }
    }
  else if (self->engine == NULL)
    {
      status = ECCP_SYNC_STATUS_NOT_CONNECTED;
      if (self->demo)
        text = g_strdup (_("Demo data"));
      else if (self->n_waiting > 0)
        {
          g_autofree char *waiting = describe_waiting (self->n_waiting);

          /* Translators: "Not connected — 3 changes waiting" */
          text = g_strdup_printf (_("Not connected — %s"), waiting);
        }
      else
        {
          text = g_strdup (_("Not connected"));
        }
    }
  else if (working_offline (self)
           || (self->has_run && self->last_outcome == ECCP_SYNC_OUTCOME_UNREACHABLE))
    {
      status = ECCP_SYNC_STATUS_OFFLINE;
      if (self->n_waiting > 0)
        {
          g_autofree char *waiting = describe_waiting (self->n_waiting);

          /* Translators: "Offline — 3 changes waiting" */
          text = g_strdup_printf (_("Offline — %s"), waiting);
        }
      else
        {
          text = g_strdup (_("Offline"));
        }
    }
  else if (self->has_run && self->last_outcome == ECCP_SYNC_OUTCOME_AUTH_FAILED)
    {
      status = ECCP_SYNC_STATUS_SIGN_IN;
      text = g_strdup (_("Sign in again to sync"));
    }
  else if (self->n_needs_user > 0)
    {
      g_autofree char *count = format_count (self->n_needs_user);

      status = ECCP_SYNC_STATUS_NEEDS_USER;
      text = g_strdup_printf (ngettext ("%s change needs you", "%s changes need you",
                                        (gulong) self->n_needs_user), count);
    }
  else if (self->n_waiting > 0)
    {
      status = ECCP_SYNC_STATUS_WAITING;
      text = describe_waiting (self->n_waiting);
    }
  else if (self->has_run && self->last_outcome == ECCP_SYNC_OUTCOME_FAILED)
    {
      status = ECCP_SYNC_STATUS_FAILED;
      text = g_strdup (_("Sync failed"));
    }
  else if (self->last_success != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *age = eccp_date_time_format_age (self->last_success, now, TRUE);

      status = ECCP_SYNC_STATUS_UP_TO_DATE;
      /* Translators: "Up to date · 2 min ago" */
      text = g_strdup_printf (_("Up to date · %s"), age);
    }
  else
    {
      status = ECCP_SYNC_STATUS_WAITING;
      text = g_strdup (_("Not synced yet"));
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (status != self->status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
    }

  if (g_strcmp0 (text, self->status_text) != 0)
    {
      g_free (self->status_text);
      self->status_text = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
    }

  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
update_counts (EccpSyncController *self)
{
  gint64 waiting = eccp_store_count_changes (self->store, ECCP_SYNC_STATE_PENDING, NULL);
  gint64 needs_user = eccp_store_count_changes_needing_user (self->store, NULL);

  if (waiting != self->n_waiting)
    {
      self->n_waiting = waiting;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
    }

  if (needs_user != self->n_needs_user)
    {
      self->n_needs_user = needs_user;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEEDS_USER]);
    }

  update_status (self);
}

static gboolean
push_timeout_cb (gpointer user_data)
{
  EccpSyncController *self = user_data;

  self->push_source = 0;
  eccp_sync_controller_sync (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (EccpSyncController *self,
                  EccpStore          *store)
{
  /* A local edit (or a resolution, a discard) made while connected: send
   * it once the user has stopped for a moment.  During a run, the run's
   * own writes come here too; the end of the run looks at what is left. */
  if (self->engine != NULL && !eccp_sync_engine_get_running (self->engine)
      && !working_offline (self))
    {
      g_clear_handle_id (&self->push_source, g_source_remove);
      self->push_source = g_timeout_add_seconds (PUSH_DELAY_SECONDS, push_timeout_cb, self);
    }
}

static gboolean
clock_cb (gpointer user_data)
{
  update_status (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
interval_cb (gpointer user_data)
{
  eccp_sync_controller_sync (user_data);

  return G_SOURCE_CONTINUE;
}

static void
schedule_interval (EccpSyncController *self)
{
  guint minutes = g_settings_get_uint (self->settings, "sync-interval");

  g_clear_handle_id (&self->interval_source, g_source_remove);
  if (minutes > 0)
    self->interval_source = g_timeout_add_seconds (minutes * 60, interval_cb, self);
}

static void
settings_changed_cb (EccpSyncController *self,
                     const char         *key,
                     GSettings          *settings)
{
  if (g_strcmp0 (key, "sync-interval") == 0)
    {
      schedule_interval (self);
    }
  else if (g_strcmp0 (key, "work-offline") == 0)
    {
      if (working_offline (self))
        eccp_sync_controller_cancel (self);
      else
        {
          /* Back online: whatever was unreachable may be reachable now. */
          self->has_run = FALSE;
          eccp_sync_controller_sync (self);
        }
      update_status (self);
    }
  else if (g_strcmp0 (key, "allow-insecure-portal") == 0 && self->portal_url != NULL
           && !eccp_portal_url_check (self->portal_url, g_settings_get_boolean (settings, key), NULL, NULL))
    {
      /* Unencrypted no longer allowed: not one more request with the
       * token over plain http.  Signing in again says why. */
      g_message ("Disconnected from %s: unencrypted connections are no longer allowed", self->portal_url);
      eccp_sync_controller_set_portal (self, NULL, NULL);
      update_status (self);
    }
}

static void
network_changed_cb (EccpSyncController *self,
                    gboolean            available,
                    GNetworkMonitor    *monitor)
{
  if (available && self->has_run && self->last_outcome == ECCP_SYNC_OUTCOME_UNREACHABLE)
    eccp_sync_controller_sync (self);
}

static void
engine_progress_cb (EccpSyncController *self,
                    GParamSpec         *pspec,
                    EccpSyncEngine     *engine)
{
  update_status (self);
}

static void
load_last_success (EccpSyncController *self)
{
  g_autofree char *text = eccp_store_get_setting (self->store, "last_synced_at");

  g_clear_pointer (&self->last_success, g_date_time_unref);
  if (text != NULL)
    self->last_success = g_date_time_new_from_iso8601 (text, NULL);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EccpSyncController) self = user_data;
  g_autoptr(EccpSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!eccp_sync_engine_sync_finish (ECCP_SYNC_ENGINE (object), result, &report, &error)
      && report == NULL)
    {
      /* No report: the run did not start (busy) or was cancelled early. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->last_outcome = ECCP_SYNC_OUTCOME_CANCELLED;
      else
        self->last_outcome = ECCP_SYNC_OUTCOME_FAILED;
    }
  else
    {
      self->last_outcome = report->outcome;
    }

  self->has_run = TRUE;
  g_clear_object (&self->cancellable);

  if (self->last_outcome == ECCP_SYNC_OUTCOME_IN_STEP
      || self->last_outcome == ECCP_SYNC_OUTCOME_NEEDS_USER)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *text = g_date_time_format_iso8601 (now);

      eccp_store_set_setting (self->store, "last_synced_at", text, NULL);
      g_clear_pointer (&self->last_success, g_date_time_unref);
      self->last_success = g_date_time_ref (now);
    }

  update_counts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);

  if (self->last_outcome != ECCP_SYNC_OUTCOME_CANCELLED)
    g_signal_emit (self, signals[FINISHED], 0, report, error);

  /* Edits made during the run wait for the next one: start it soon. */
  if (self->last_outcome == ECCP_SYNC_OUTCOME_IN_STEP && self->n_waiting > 0
      && self->push_source == 0)
    self->push_source = g_timeout_add_seconds (PUSH_DELAY_SECONDS, push_timeout_cb, self);
}

/* Object life */

static void
eccp_sync_controller_dispose (GObject *object)
{
  EccpSyncController *self = (EccpSyncController *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_clear_handle_id (&self->interval_source, g_source_remove);
  g_clear_handle_id (&self->push_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);

  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  self->monitor = NULL;

  G_OBJECT_CLASS (eccp_sync_controller_parent_class)->dispose (object);
}

static void
eccp_sync_controller_finalize (GObject *object)
{
  EccpSyncController *self = (EccpSyncController *)object;

  g_clear_pointer (&self->portal_url, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->last_success, g_date_time_unref);

  G_OBJECT_CLASS (eccp_sync_controller_parent_class)->finalize (object);
}

static void
eccp_sync_controller_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EccpSyncController *self = ECCP_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, eccp_sync_controller_get_syncing (self));
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_CONNECTED:
      g_value_set_boolean (value, self->engine != NULL);
      break;

    case PROP_N_WAITING:
      g_value_set_int64 (value, self->n_waiting);
      break;

    case PROP_N_NEEDS_USER:
      g_value_set_int64 (value, self->n_needs_user);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_sync_controller_class_init (EccpSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eccp_sync_controller_dispose;
  object_class->finalize = eccp_sync_controller_finalize;
  object_class->get_property = eccp_sync_controller_get_property;

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, ECCP_SYNC_STATUS_FAILED, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WAITING] =
    g_param_spec_int64 ("n-waiting", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_NEEDS_USER] =
    g_param_spec_int64 ("n-needs-user", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EccpSyncController::finished:
   * @report: (nullable): the run's report
   * @error: (nullable): why it did not end in step
   *
   * A run ended (not when cancelled): for a toast.
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2,
                                    ECCP_TYPE_SYNC_REPORT | G_SIGNAL_TYPE_STATIC_SCOPE,
                                    G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
eccp_sync_controller_init (EccpSyncController *self)
{
  self->fraction = -1;
  self->status = ECCP_SYNC_STATUS_NOT_CONNECTED;
}

EccpSyncController *
eccp_sync_controller_new (EccpStore *store,
                          GSettings *settings)
{
  EccpSyncController *self;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ECCP_TYPE_SYNC_CONTROLLER, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->monitor = g_network_monitor_get_default ();

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The counts, coalesced: a sync commits many times a second. */
  g_signal_connect_object (store, "settled", G_CALLBACK (update_counts), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->clock_source = g_timeout_add_seconds (CLOCK_SECONDS, clock_cb, self);
  load_last_success (self);
  update_counts (self);

  return self;
}

EccpStore *
eccp_sync_controller_get_store (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), NULL);

  return self->store;
}

void
eccp_sync_controller_set_portal (EccpSyncController *self,
                                 const char         *portal_url,
                                 const char         *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpPortalClient) client = NULL;

  g_return_if_fail (ECCP_IS_SYNC_CONTROLLER (self));

  eccp_sync_controller_cancel (self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->portal_url, g_free);
  self->has_run = FALSE;

  if (portal_url != NULL && token != NULL)
    {
      client = eccp_portal_client_new_full (portal_url, token,
                                            g_settings_get_boolean (self->settings, "allow-insecure-portal"),
                                            &error);
      if (client == NULL)
        g_warning ("Not connecting to %s: %s", portal_url, error->message);
    }

  if (client != NULL)
    {
      self->portal_url = g_strdup (portal_url);
      self->engine = eccp_sync_engine_new (self->store, client);
      g_signal_connect_object (self->engine, "notify::pulled", G_CALLBACK (engine_progress_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "notify::remaining", G_CALLBACK (engine_progress_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "notify::running", G_CALLBACK (engine_progress_cb),
                               self, G_CONNECT_SWAPPED);
      schedule_interval (self);
    }
  else
    {
      g_clear_handle_id (&self->interval_source, g_source_remove);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  update_status (self);

  if (self->engine != NULL)
    eccp_sync_controller_sync (self);
}

const char *
eccp_sync_controller_get_portal_url (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), NULL);

  return self->portal_url;
}

gboolean
eccp_sync_controller_get_connected (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), FALSE);

  return self->engine != NULL;
}

gboolean
eccp_sync_controller_sync (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), FALSE);

  if (self->engine == NULL || working_offline (self)
      || eccp_sync_engine_get_running (self->engine))
    return FALSE;

  g_clear_handle_id (&self->push_source, g_source_remove);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  eccp_sync_engine_sync_async (self->engine, self->cancellable, sync_done_cb, g_object_ref (self));
  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);

  return TRUE;
}

void
eccp_sync_controller_cancel (EccpSyncController *self)
{
  g_return_if_fail (ECCP_IS_SYNC_CONTROLLER (self));

  g_clear_handle_id (&self->push_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
eccp_sync_controller_get_syncing (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), FALSE);

  return self->engine != NULL && eccp_sync_engine_get_running (self->engine);
}

EccpSyncStatus
eccp_sync_controller_get_status (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), ECCP_SYNC_STATUS_NOT_CONNECTED);

  return self->status;
}

const char *
eccp_sync_controller_get_status_text (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), NULL);

  return self->status_text;
}

double
eccp_sync_controller_get_fraction (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), -1);

  return self->fraction;
}

gint64
eccp_sync_controller_get_n_waiting (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), 0);

  return self->n_waiting;
}

gint64
eccp_sync_controller_get_n_needs_user (EccpSyncController *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_CONTROLLER (self), 0);

  return self->n_needs_user;
}

/* The demo data never syncs: the status says so instead of "Not connected". */
void
eccp_sync_controller_set_demo (EccpSyncController *self,
                               gboolean            demo)
{
  g_return_if_fail (ECCP_IS_SYNC_CONTROLLER (self));

  self->demo = !!demo;
  update_status (self);
}
