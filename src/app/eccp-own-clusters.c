/* eccp-own-clusters.c: "Your clusters", a cluster manager's own profiles
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clusters GET /me gives a manager (eccp_account_get_clusters()),
 * each with its name and where it stands in review, at the top of the
 * Clusters view (#11).  A row activated emits ::activated with the
 * cluster's id; the browse page shows it.  Shown only to an account with
 * the role cluster_manager that has clusters in the store; it follows
 * the store (a rename, a submission, a sync).
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-own-clusters.h"

#include <glib/gi18n.h>

#include "eccp-json.h"
#include "eccp-rights.h"
#include "eccp-widget-util.h"

struct _EccpOwnClusters
{
  AdwPreferencesGroup parent_instance;

  EccpStore          *store;
  EccpAccount        *account;
  GSignalGroup       *store_signals;
  GPtrArray          *rows;
  /* What the rows show, to rebuild them only when it changed (and so
   * keep the keyboard focus on them) */
  char               *key;
};

G_DEFINE_FINAL_TYPE (EccpOwnClusters, eccp_own_clusters, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
moderation_state (EccpRecord *record)
{
  return eccp_json_get_string (eccp_record_get_meta (record), "moderation_state");
}

static void
row_activated_cb (EccpOwnClusters *self,
                  AdwActionRow    *row)
{
  g_signal_emit (self, signals[ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "eccp-record-id"));
}

static GtkWidget *
row_new (EccpOwnClusters *self,
         EccpRecord      *record)
{
  GtkWidget *row = adw_action_row_new ();
  const char *state = moderation_state (record);

  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), eccp_record_get_title (record));
  eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), state != NULL ? eccp_moderation_state_label (state) : "");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "eccp-record-id", g_strdup (eccp_record_get_id (record)), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);

  return row;
}

static void
update (EccpOwnClusters *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) key = g_string_new (NULL);
  const char * const *ids = NULL;

  if (self->account != NULL && self->store != NULL
      && eccp_account_has_role (self->account, "cluster_manager"))
    ids = eccp_account_get_clusters (self->account);

  /* One not synced yet is not listed: the next sync brings it. */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      EccpRecord *record = eccp_store_get (self->store, "cluster", ids[i], NULL);
      const char *state;

      if (record == NULL)
        continue;

      state = moderation_state (record);
      g_ptr_array_add (records, record);
      g_string_append_printf (key, "%s\x1f%s\x1f%s\x1e", ids[i], eccp_record_get_title (record),
                              state != NULL ? state : "");
    }

  if (g_strcmp0 (key->str, self->key) == 0)
    return;
  g_free (self->key);
  self->key = g_strdup (key->str);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < records->len; i++)
    {
      GtkWidget *row = row_new (self, g_ptr_array_index (records, i));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), records->len > 0);
}

static void
eccp_own_clusters_dispose (GObject *object)
{
  EccpOwnClusters *self = (EccpOwnClusters *)object;

  g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (eccp_own_clusters_parent_class)->dispose (object);
}

static void
eccp_own_clusters_finalize (GObject *object)
{
  EccpOwnClusters *self = (EccpOwnClusters *)object;

  g_clear_object (&self->store_signals);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (eccp_own_clusters_parent_class)->finalize (object);
}

static void
eccp_own_clusters_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EccpOwnClusters *self = ECCP_OWN_CLUSTERS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_own_clusters_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EccpOwnClusters *self = ECCP_OWN_CLUSTERS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          g_signal_group_set_target (self->store_signals, self->store);
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_ACCOUNT:
      if (g_set_object (&self->account, g_value_get_object (value)))
        {
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_own_clusters_class_init (EccpOwnClustersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eccp_own_clusters_dispose;
  object_class->finalize = eccp_own_clusters_finalize;
  object_class->get_property = eccp_own_clusters_get_property;
  object_class->set_property = eccp_own_clusters_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Who is signed in: their clusters, if they manage any */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, ECCP_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A cluster's row was activated: show the cluster with this id. */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
eccp_own_clusters_init (EccpOwnClusters *self)
{
  self->rows = g_ptr_array_new ();
  self->store_signals = g_signal_group_new (ECCP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "settled", G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
  eccp_widget_set_group_title (ADW_PREFERENCES_GROUP (self), _("Your clusters"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
eccp_own_clusters_new (void)
{
  return g_object_new (ECCP_TYPE_OWN_CLUSTERS, NULL);
}
