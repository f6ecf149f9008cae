/* eccp-sync-indicator.c: the header bar's word on sync
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the controller's status text at all times.  The spinner appears
 * only when a run has lasted SPINNER_DELAY_MS (gnome-calendar's sync
 * indicator): a quick sync does not flicker.
 *
 * Its menu is a GMenu: "Work Offline" is the app.work-offline action (the
 * GSettings key), a check item that Space and Return both toggle.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-sync-indicator.h"

#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#define SPINNER_DELAY_MS 500

struct _EccpSyncIndicator
{
  GtkWidget           parent_instance;

  EccpSyncController *controller;
  GSignalGroup       *controller_signals;
  guint               spinner_source;

  GtkMenuButton      *button;
  GtkStack           *icon_stack;
  GtkImage           *status_image;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
  GtkLabel           *detail_label;
  GtkProgressBar     *progress_bar;
};

G_DEFINE_FINAL_TYPE (EccpSyncIndicator, eccp_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
status_icon_name (EccpSyncStatus status)
{
  switch (status)
    {
    case ECCP_SYNC_STATUS_OFFLINE:
    case ECCP_SYNC_STATUS_NOT_CONNECTED:
      return "network-offline-symbolic";
    case ECCP_SYNC_STATUS_UP_TO_DATE:
      return "emblem-ok-symbolic";
    case ECCP_SYNC_STATUS_NEEDS_USER:
    case ECCP_SYNC_STATUS_SIGN_IN:
    case ECCP_SYNC_STATUS_FAILED:
      return "dialog-warning-symbolic";
    case ECCP_SYNC_STATUS_WAITING:
    case ECCP_SYNC_STATUS_SYNCING:
    default:
      return "emblem-synchronizing-symbolic";
    }
}

static gboolean
show_spinner_cb (gpointer user_data)
{
  EccpSyncIndicator *self = user_data;

  self->spinner_source = 0;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->icon_stack, "spinner");

  return G_SOURCE_REMOVE;
}

static void
update (EccpSyncIndicator *self)
{
  EccpSyncStatus status = eccp_sync_controller_get_status (self->controller);
  const char *text = eccp_sync_controller_get_status_text (self->controller);
  double fraction = eccp_sync_controller_get_fraction (self->controller);
  gboolean syncing = status == ECCP_SYNC_STATUS_SYNCING;

  gtk_label_set_label (self->status_label, text);
  gtk_label_set_label (self->detail_label, text);
  gtk_image_set_from_icon_name (self->status_image, status_icon_name (status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text);
  /* The button is named by what it says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), syncing && fraction >= 0);
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);

  /* One of "Sync Now" and "Stop" in the menu (hidden when disabled). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "indicator.sync", !syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "indicator.stop", syncing);

  if (syncing)
    {
      if (self->spinner_source == 0 && !gtk_spinner_get_spinning (self->spinner))
        self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->spinner_source, g_source_remove);
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->icon_stack, "icon");
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");
  if (status == ECCP_SYNC_STATUS_NEEDS_USER || status == ECCP_SYNC_STATUS_SIGN_IN
      || status == ECCP_SYNC_STATUS_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "warning");
}

/* The menu's "Sync Now" and "Stop": the application's actions. */
static void
forward_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_widget_activate_action (widget, g_str_equal (action_name, "indicator.sync") ? "app.sync"
                                                                                  : "app.cancel-sync",
                              NULL);
}

static void
eccp_sync_indicator_dispose (GObject *object)
{
  EccpSyncIndicator *self = (EccpSyncIndicator *)object;

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (self->controller_signals != NULL)
    g_signal_group_set_target (self->controller_signals, NULL);
  g_clear_object (&self->controller_signals);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_SYNC_INDICATOR);
  eccp_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (eccp_sync_indicator_parent_class)->dispose (object);
}

static void
eccp_sync_indicator_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EccpSyncIndicator *self = ECCP_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_sync_indicator_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EccpSyncIndicator *self = ECCP_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      eccp_sync_indicator_set_controller (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_sync_indicator_class_init (EccpSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_sync_indicator_dispose;
  object_class->get_property = eccp_sync_indicator_get_property;
  object_class->set_property = eccp_sync_indicator_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, ECCP_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, EccpSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpSyncIndicator, status_image);
  gtk_widget_class_bind_template_child (widget_class, EccpSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, EccpSyncIndicator, status_label);
  gtk_widget_class_bind_template_child (widget_class, EccpSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, EccpSyncIndicator, progress_bar);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "eccpsyncindicator");

  gtk_widget_class_install_action (widget_class, "indicator.sync", NULL, forward_action_cb);
  gtk_widget_class_install_action (widget_class, "indicator.stop", NULL, forward_action_cb);
}

static void
eccp_sync_indicator_init (EccpSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "indicator.stop", FALSE);

  self->controller_signals = g_signal_group_new (ECCP_TYPE_SYNC_CONTROLLER);
  g_signal_group_connect_object (self->controller_signals, "notify::status-text",
                                 G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->controller_signals, "notify::status",
                                 G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->controller_signals, "notify::fraction",
                                 G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

EccpSyncController *
eccp_sync_indicator_get_controller (EccpSyncIndicator *self)
{
  g_return_val_if_fail (ECCP_IS_SYNC_INDICATOR (self), NULL);

  return self->controller;
}

void
eccp_sync_indicator_set_controller (EccpSyncIndicator  *self,
                                    EccpSyncController *controller)
{
  g_return_if_fail (ECCP_IS_SYNC_INDICATOR (self));
  g_return_if_fail (controller == NULL || ECCP_IS_SYNC_CONTROLLER (controller));

  if (!g_set_object (&self->controller, controller))
    return;

  g_signal_group_set_target (self->controller_signals, controller);
  /* Without one, the window shows the welcome: what was said stays. */
  if (controller != NULL)
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

/* Narrow windows: the icon alone (the button keeps the words as its
 * tooltip and accessible name, and the popover says them in full). */
void
eccp_sync_indicator_set_compact (EccpSyncIndicator *self,
                                 gboolean           compact)
{
  g_return_if_fail (ECCP_IS_SYNC_INDICATOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), !compact);
}
