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

typedef struct
{
  GWeakRef   store;
  GSettings *settings;
} AutoPurge;

static void
auto_purge_clear (gpointer data)
{
  AutoPurge *purge = data;

  g_weak_ref_clear (&purge->store);
  g_clear_object (&purge->settings);
}

static void
auto_purge_release (gpointer data)
{
  g_rc_box_release_full (data, auto_purge_clear);
}

static gboolean
purge_cb (gpointer user_data)
{
  AutoPurge *purge = user_data;
  g_autoptr(EccpStore) store = g_weak_ref_get (&purge->store);
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GError) error = NULL;
  EccpPurgeStats stats;

  if (store == NULL)
    return G_SOURCE_REMOVE;

  /* Read each time: the preference may change while the app runs. */
  if (!g_settings_get_boolean (purge->settings, "purge-past-attendees"))
    return G_SOURCE_CONTINUE;

  before = eccp_store_purge_default_before ();
  if (!eccp_store_purge_personal_data (store, before, FALSE, &stats, &error))
    g_warning ("Could not remove the attendee data of past events: %s", error->message);
  else if (stats.n_events > 0)
    g_debug ("Removed the attendee data of %u past events", stats.n_events);

  return G_SOURCE_CONTINUE;
}

static gboolean
start_cb (gpointer user_data)
{
  purge_cb (user_data);

  return G_SOURCE_REMOVE;
}

void
eccp_auto_purge_attach (EccpStore *store,
                        GSettings *settings)
{
  AutoPurge *purge;

  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (G_IS_SETTINGS (settings));

  purge = g_rc_box_new0 (AutoPurge);
  g_weak_ref_init (&purge->store, store);
  purge->settings = g_object_ref (settings);

  /* Soon after start-up, once the first window is up, then daily.  The
   * store is held weakly: a timer whose store is gone ends itself. */
  g_timeout_add_seconds_full (G_PRIORITY_LOW, 5, start_cb, g_rc_box_acquire (purge), auto_purge_release);
  g_timeout_add_seconds_full (G_PRIORITY_LOW, PURGE_EVERY_SECONDS, purge_cb, purge, auto_purge_release);
}
