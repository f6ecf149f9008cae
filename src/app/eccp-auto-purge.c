/* eccp-auto-purge.c: the attendee data of past events, removed on a timer
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-app"

#include "config.h"

#include "eccp-auto-purge.h"

#include "eccp-store-purge.h"

#define PURGE_EVERY_SECONDS (24 * 60 * 60)
#define AUTO_PURGE_KEY "eccp-auto-purge"

/* Kept on the store (object data): its timers and its handler go with
 * it, so none of them outlives the store or holds it. */
typedef struct
{
  EccpStore *store;      /* not owned: the store owns this */
  GSettings *settings;
  gulong     changed_id;
  guint      soon_id;    /* the pass at start-up, or once turned on */
  guint      daily_id;
} AutoPurge;

static void
auto_purge_free (gpointer data)
{
  AutoPurge *purge = data;

  g_clear_signal_handler (&purge->changed_id, purge->settings);
  g_clear_handle_id (&purge->soon_id, g_source_remove);
  g_clear_handle_id (&purge->daily_id, g_source_remove);
  g_clear_object (&purge->settings);
  g_free (purge);
}

static void
run (AutoPurge *purge)
{
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GError) error = NULL;
  EccpPurgeStats stats;

  /* Read each time: the preference may change while the app runs. */
  if (!g_settings_get_boolean (purge->settings, "purge-past-attendees"))
    return;

  before = eccp_store_purge_default_before ();
  if (!eccp_store_purge_personal_data (purge->store, before, FALSE, &stats, &error))
    g_warning ("Could not remove the attendee data of past events: %s", error->message);
  else if (stats.n_events > 0)
    g_debug ("Removed the attendee data of %u past events", stats.n_events);
}

static gboolean
daily_cb (gpointer user_data)
{
  run (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
soon_cb (gpointer user_data)
{
  AutoPurge *purge = user_data;

  purge->soon_id = 0;
  run (purge);

  return G_SOURCE_REMOVE;
}

/* Turned on: the user means now, not at the next start or a day later
 * (a start-up pass still to come is this one).  Outside the settings'
 * signal, once the switch has settled. */
static void
changed_cb (GSettings  *settings,
            const char *key,
            gpointer    user_data)
{
  AutoPurge *purge = user_data;

  if (!g_settings_get_boolean (settings, "purge-past-attendees"))
    return;

  g_clear_handle_id (&purge->soon_id, g_source_remove);
  purge->soon_id = g_idle_add_full (G_PRIORITY_LOW, soon_cb, purge, NULL);
}

void
eccp_auto_purge_attach (EccpStore *store,
                        GSettings *settings)
{
  AutoPurge *purge;

  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (g_object_get_data (G_OBJECT (store), AUTO_PURGE_KEY) != NULL)
    return;

  purge = g_new0 (AutoPurge, 1);
  purge->store = store;
  purge->settings = g_object_ref (settings);

  /* Soon after start-up, once the first window is up, then daily. */
  purge->soon_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, 5, soon_cb, purge, NULL);
  purge->daily_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, PURGE_EVERY_SECONDS, daily_cb, purge, NULL);
  purge->changed_id = g_signal_connect (settings, "changed::purge-past-attendees", G_CALLBACK (changed_cb), purge);
  g_object_set_data_full (G_OBJECT (store), AUTO_PURGE_KEY, purge, auto_purge_free);
}

void
eccp_auto_purge_run (EccpStore *store)
{
  AutoPurge *purge;

  g_return_if_fail (ECCP_IS_STORE (store));

  purge = g_object_get_data (G_OBJECT (store), AUTO_PURGE_KEY);
  g_return_if_fail (purge != NULL);

  run (purge);
}
