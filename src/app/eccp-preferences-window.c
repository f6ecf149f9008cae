/* eccp-preferences-window.c: portal, account, sync interval, work offline
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who is signed in is asked of the portal (GET /me) when the window opens,
 * never blocking it: "Checking…", then the name, or "Offline".  Working
 * offline, it is not asked at all.  Signing out asks first, then
 * activates app.sign-out; for the demo data the same action is "Leave Demo".
 * What it shows follows the session (signal groups on it and on its
 * controller).
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-preferences-window.h"

#include <glib/gi18n.h>

#include "eccp-format.h"
#include "eccp-portal-client.h"
#include "eccp-store-purge.h"
#include "eccp-toast.h"
#include "eccp-token.h"
#include "eccp-widget-util.h"

/* Seconds to wait for GET /me before saying "Offline" */
#define ACCOUNT_TIMEOUT 10

/* The choices of "Sync automatically", in minutes (GSettings sync-interval) */
static const guint sync_intervals[] = { 0, 5, 15, 30, 60 };

struct _EccpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  EccpSession          *session;
  GSettings            *settings;
  GSignalGroup         *session_signals;
  GSignalGroup         *controller_signals;
  GCancellable         *cancellable;

  /* Template */
  AdwActionRow         *portal_row;
  AdwActionRow         *account_row;
  GtkWidget            *leave_demo_button;
  GtkWidget            *sign_out_button;
  AdwPreferencesGroup  *sync_group;
  AdwComboRow          *interval_row;
  GtkSwitch            *offline_switch;
  GtkSwitch            *insecure_switch;
  GtkSwitch            *purge_switch;
  GtkWidget            *local_group;
  GtkLabel             *cluster_count_label;
  GtkLabel             *partnership_count_label;
  GtkLabel             *event_count_label;
  GtkLabel             *call_count_label;
  AdwActionRow         *path_row;
  GtkWidget            *device_group;
  AdwEntryRow          *device_row;
};

G_DEFINE_FINAL_TYPE (EccpPreferencesWindow, eccp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static EccpStore *
get_store (EccpPreferencesWindow *self)
{
  return self->session != NULL ? eccp_session_get_store (self->session) : NULL;
}

/* The address the session syncs with (the one the store keeps). */
static const char *
get_portal_url (EccpPreferencesWindow *self)
{
  return self->session != NULL ? eccp_session_get_portal_url (self->session) : NULL;
}

static gboolean
is_demo (EccpPreferencesWindow *self)
{
  return self->session != NULL && g_strcmp0 (eccp_session_get_profile (self->session), "demo") == 0;
}

static gboolean
is_portal (EccpPreferencesWindow *self)
{
  return get_store (self) != NULL && g_strcmp0 (eccp_session_get_profile (self->session), "portal") == 0;
}

/* "portal.example.eu", for a sentence; the whole address when it has no host. */
static char *
portal_host (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri != NULL && g_uri_get_host (uri) != NULL)
    return g_strdup (g_uri_get_host (uri));

  return g_strdup (url != NULL ? url : _("the portal"));
}

/* {{{ Signed in as */

/* One look-up of who is signed in is an EccpWidgetRequest: a newer one,
 * or the window closing, cancels it and its late answers do nothing. */

static void
set_account (EccpPreferencesWindow *self,
             const char            *text,
             gboolean               warning)
{
  eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (self->account_row), text);

  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->account_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->account_row), "warning");
}

static void
got_me_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EccpWidgetRequest) check = user_data;
  EccpPreferencesWindow *self = check->owner;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = eccp_portal_client_get_me_finish (ECCP_PORTAL_CLIENT (object), result, &error);
  g_autoptr(EccpAccount) account = NULL;
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (check->cancellable))
    return;

  if (me != NULL)
    account = eccp_account_new_from_json (me, &error);

  if (account == NULL)
    {
      EccpAccount *known = eccp_session_get_account (self->session);

      /* Offline: who the portal said last time, kept by the session. */
      if (eccp_portal_error_is_transient (error) && known != NULL)
        {
          text = eccp_account_describe (known);
          set_account (self, text, FALSE);
        }
      else if (eccp_portal_error_is_transient (error))
        set_account (self, _("Offline"), FALSE);
      else if (g_error_matches (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_AUTH))
        set_account (self, _("The portal no longer accepts the access token: sign out, then connect again"), TRUE);
      else
        set_account (self, error->message, TRUE);
      return;
    }

  text = eccp_account_describe (account);
  set_account (self, text, FALSE);
}

static void
token_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EccpWidgetRequest) check = user_data;
  EccpPreferencesWindow *self = check->owner;
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpToken) token = eccp_token_lookup_finish (result, &error);
  g_autoptr(EccpPortalClient) client = NULL;
  GCancellable *cancellable;

  if (g_cancellable_is_cancelled (check->cancellable))
    return;

  if (token == NULL)
    {
      EccpSyncController *controller = eccp_session_get_controller (self->session);
      gboolean connected = controller != NULL && eccp_sync_controller_get_connected (controller);

      /* Connected with a token the keyring could not keep: it is this
       * session's only. */
      if (connected)
        set_account (self, _("Connected until ECCP Desk closes: the keyring does not have the token"), FALSE);
      else if (error != NULL)
        set_account (self, error->message, TRUE);
      else
        set_account (self, _("Not signed in"), TRUE);
      return;
    }

  client = eccp_portal_client_new_full (get_portal_url (self), token,
                                        g_settings_get_boolean (self->settings, "allow-insecure-portal"),
                                        &error);
  if (client == NULL)
    {
      set_account (self, error->message, TRUE);
      return;
    }

  cancellable = check->cancellable;
  eccp_portal_client_set_timeout (client, ACCOUNT_TIMEOUT);
  eccp_portal_client_get_me_async (client, cancellable, got_me_cb, g_steal_pointer (&check));
}

static void
update_account (EccpPreferencesWindow *self)
{
  if (!is_portal (self))
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (get_portal_url (self) == NULL)
    {
      set_account (self, _("Not signed in"), TRUE);
      return;
    }

  /* Working offline means not a single request. */
  if (g_settings_get_boolean (self->settings, "work-offline"))
    {
      set_account (self, _("Not checked while working offline"), FALSE);
      return;
    }

  set_account (self, _("Checking…"), FALSE);
  self->cancellable = g_cancellable_new ();
  eccp_token_lookup_async (get_portal_url (self), self->cancellable, token_found_cb,
                           eccp_widget_request_new (self, self->cancellable));
}

/* }}} */

/* {{{ Local copy */

static void
set_count (EccpPreferencesWindow *self,
           GtkLabel              *label,
           const char            *type)
{
  g_autoptr(GError) error = NULL;
  gint64 n = eccp_store_count_records (get_store (self), type, &error);
  g_autofree char *text = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (label), ADW_TYPE_ACTION_ROW);

  if (n < 0)
    {
      g_warning ("Could not count the %s records: %s", type, error != NULL ? error->message : "?");
      text = g_strdup ("—");
    }
  else
    text = eccp_format_integer (n);

  gtk_label_set_label (label, text);
  /* The row is read as "Clusters, 1,400". */
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
update_counts (EccpPreferencesWindow *self)
{
  if (get_store (self) == NULL)
    return;

  set_count (self, self->cluster_count_label, "cluster");
  set_count (self, self->partnership_count_label, "partnership");
  set_count (self, self->event_count_label, "event");
  set_count (self, self->call_count_label, "call");
}

/* }}} */

/* {{{ Sync interval: the combo row's position ↔ minutes */

static gboolean
interval_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint minutes = g_variant_get_uint32 (variant);
  guint best = 0;

  /* A value set elsewhere (gsettings, an older version) shows as the
   * nearest choice; "Never" only for 0. */
  for (guint i = 1; i < G_N_ELEMENTS (sync_intervals); i++)
    {
      if (minutes == 0)
        break;
      if (best == 0 || ABS ((int) sync_intervals[i] - (int) minutes) < ABS ((int) sync_intervals[best] - (int) minutes))
        best = i;
    }

  g_value_set_uint (value, best);

  return TRUE;
}

static GVariant *
interval_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (sync_intervals))
    return NULL;

  return g_variant_new_uint32 (sync_intervals[position]);
}

/* }}} */

/* {{{ Sign out */

static void
sign_out (EccpPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GtkWidget) main_window = parent != NULL ? g_object_ref (GTK_WIDGET (parent)) : NULL;

  /* Closed first, so that the main window is the one that is active; the
   * action is the main window's application's. */
  gtk_window_destroy (GTK_WINDOW (self));
  if (main_window != NULL)
    gtk_widget_activate_action (main_window, "app.sign-out", NULL);
}

static gboolean
sign_out_idle_cb (gpointer user_data)
{
  sign_out (user_data);

  return G_SOURCE_REMOVE;
}

static void
sign_out_response_cb (EccpPreferencesWindow *self,
                      const char            *response)
{
  /* Once the dialog has closed: it must not outlive the window it is
   * transient for. */
  if (g_strcmp0 (response, "sign-out") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, sign_out_idle_cb, g_object_ref (self), g_object_unref);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EccpPreferencesWindow *self = ECCP_PREFERENCES_WINDOW (widget);
  g_autofree char *host = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Leaving the demo loses nothing: the demo data is there next time. */
  if (!is_portal (self))
    {
      sign_out (self);
      return;
    }

  host = portal_host (get_portal_url (self));
  /* Translators: "Sign out of clustercollaboration.eu?" */
  heading = g_strdup_printf (_("Sign out of %s?"), host);
  dialog = eccp_widget_destructive_dialog_new (GTK_WINDOW (self), heading,
                                               _("The access token is removed from this computer. "
                                                 "Changes not yet sent stay here and are sent after "
                                                 "you sign in again."),
                                               _("_Cancel"), "sign-out", _("_Sign Out"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */

/* {{{ Device name: what check-ins made here are signed with */

static void
update_device (EccpPreferencesWindow *self)
{
  EccpStore *store = get_store (self);
  g_autofree char *name = store != NULL ? eccp_store_get_device_name (store) : NULL;

  gtk_widget_set_visible (self->device_group, store != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->device_row), name != NULL ? name : "");
}

static void
device_apply_cb (EccpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  EccpStore *store = get_store (self);

  if (store == NULL)
    return;

  if (!eccp_store_set_device_name (store, gtk_editable_get_text (GTK_EDITABLE (self->device_row)), &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), eccp_toast_new ("%s", error->message));

  /* Blank goes back to the computer's name: show which */
  update_device (self);
}

/* }}} */

/* What the session has open: the rows that say so. */
static void
update_session (EccpPreferencesWindow *self)
{
  EccpStore *store = get_store (self);
  const char *url = get_portal_url (self);

  /* Portal */
  if (is_portal (self))
    {
      eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (self->portal_row), url != NULL ? url : _("No portal address"));
      gtk_widget_set_visible (GTK_WIDGET (self->account_row), TRUE);
      gtk_widget_set_visible (self->leave_demo_button, FALSE);
    }
  else
    {
      eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (self->portal_row),
                                    is_demo (self) ? _("Demo data — not connected") : _("Not connected"));
      gtk_widget_set_visible (GTK_WIDGET (self->account_row), FALSE);
      gtk_widget_set_visible (self->leave_demo_button, is_demo (self));
    }

  /* Sync */
  eccp_widget_set_group_description (self->sync_group,
                                     is_demo (self) ? _("The demo data is never sent anywhere: these apply "
                                                        "once you connect to a portal")
                                                    : NULL);

  update_device (self);

  /* Local copy */
  gtk_widget_set_visible (self->local_group, store != NULL);
  if (store != NULL)
    {
      eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (self->path_row), eccp_store_get_path (store));
      update_counts (self);
    }

  g_signal_group_set_target (self->controller_signals,
                             self->session != NULL ? eccp_session_get_controller (self->session) : NULL);
  update_account (self);
}

/* Remove Now */

static void
purge_response_cb (EccpPreferencesWindow *self,
                   const char            *response)
{
  EccpStore *store = self->session != NULL ? eccp_session_get_store (self->session) : NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  EccpPurgeStats stats;

  if (g_strcmp0 (response, "remove") != 0 || store == NULL)
    return;

  before = eccp_store_purge_default_before ();
  if (eccp_store_purge_personal_data (store, before, FALSE, &stats, &error))
    text = eccp_purge_stats_describe (&stats, before, FALSE);
  else
    text = g_strdup (error->message);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), eccp_toast_new ("%s", text));
  update_counts (self);
}

static void
purge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EccpPreferencesWindow *self = ECCP_PREFERENCES_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Remove Attendee Data of Past Events?"),
                                                       _("The attendees, check-ins and meetings of events that ended "
                                                         "more than 30 days ago are removed from this computer. "
                                                         "Changes not sent yet are kept. The portal keeps its copy.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (purge_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Object life */

static void
eccp_preferences_window_constructed (GObject *object)
{
  EccpPreferencesWindow *self = (EccpPreferencesWindow *)object;

  G_OBJECT_CLASS (eccp_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (ECCP_IS_SESSION (self->session));

  self->settings = g_object_ref (eccp_session_get_settings (self->session));
  g_settings_bind_with_mapping (self->settings, "sync-interval",
                                self->interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                interval_get_mapping, interval_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "work-offline", self->offline_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "allow-insecure-portal", self->insecure_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "purge-past-attendees", self->purge_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::work-offline", G_CALLBACK (update_account), self,
                           G_CONNECT_SWAPPED);

  g_signal_group_set_target (self->session_signals, self->session);
  update_session (self);
}

static void
eccp_preferences_window_dispose (GObject *object)
{
  EccpPreferencesWindow *self = (EccpPreferencesWindow *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_settings_unbind (self->interval_row, "selected");
  g_clear_object (&self->settings);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->controller_signals != NULL)
    g_signal_group_set_target (self->controller_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->controller_signals);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (eccp_preferences_window_parent_class)->dispose (object);
}

static void
eccp_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  EccpPreferencesWindow *self = ECCP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  EccpPreferencesWindow *self = ECCP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_preferences_window_class_init (EccpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = eccp_preferences_window_constructed;
  object_class->dispose = eccp_preferences_window_dispose;
  object_class->get_property = eccp_preferences_window_get_property;
  object_class->set_property = eccp_preferences_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ECCP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/clustercollaboration/Desk/eccp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, portal_row);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, leave_demo_button);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, sync_group);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, offline_switch);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, purge_switch);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, local_group);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, cluster_count_label);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, partnership_count_label);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, event_count_label);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, call_count_label);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, path_row);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, device_group);
  gtk_widget_class_bind_template_child (widget_class, EccpPreferencesWindow, device_row);
  gtk_widget_class_bind_template_callback (widget_class, device_apply_cb);

  gtk_widget_class_install_action (widget_class, "preferences.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "preferences.purge", NULL, purge_action);
}

static void
eccp_preferences_window_init (EccpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (ECCP_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::store",
                                 G_CALLBACK (update_session), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::profile",
                                 G_CALLBACK (update_session), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::portal-url",
                                 G_CALLBACK (update_session), self, G_CONNECT_SWAPPED);

  self->controller_signals = g_signal_group_new (ECCP_TYPE_SYNC_CONTROLLER);
  g_signal_group_connect_object (self->controller_signals, "finished",
                                 G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
}

GtkWidget *
eccp_preferences_window_new (EccpSession *session)
{
  g_return_val_if_fail (ECCP_IS_SESSION (session), NULL);

  return g_object_new (ECCP_TYPE_PREFERENCES_WINDOW, "session", session, NULL);
}
