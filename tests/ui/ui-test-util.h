/* ui-test-util.h: what the UI test programs share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eccp-account.h"
#include "eccp-store.h"

G_BEGIN_DECLS

/* Clusters in the demo set the UI tests load: small enough to load in a
 * fraction of a second, big enough for several pages of a list (and it
 * has Medtech Cluster Žilina and KLASTER POL-JOMEHANIZACIJE d.o.o.). */
#define UI_TEST_DEMO_CLUSTERS 250

/* Demo ids (the generator derives them from names, at every scale). */
#define UI_TEST_ZILINA  "f3b07d6f-2655-5436-83a6-f682c6642dd2" /* Medtech Cluster Žilina, SK */
#define UI_TEST_KLASTER "e5839630-ffca-5c0a-b8a6-552ccfde4005" /* managed by Željko Erkapić */

typedef gboolean (*UiTestCondition) (gpointer user_data);

/* Runs the thread-default main context until @condition holds, at most
 * @timeout_ms; fails the test with @what when it does not.  Nothing is
 * asserted by waiting: the condition is. */
void        ui_test_wait_until   (UiTestCondition  condition,
                                  gpointer         user_data,
                                  guint            timeout_ms,
                                  const char      *what);

/* A store file in @dir ("store.db") with the demo set of @n_clusters
 * (0: empty). */
EccpStore  *ui_test_store_new    (const char      *dir,
                                  guint            n_clusters);

JsonObject *ui_test_object       (const char      *json);

/* The account of a GET /me user resource (@json); fails the test when
 * it is not one. */
EccpAccount *ui_test_account_new (const char *json);

/* The application's settings in a memory backend of their own (defaults,
 * so work-offline is FALSE); %NULL when the schema is not found
 * (GSETTINGS_SCHEMA_DIR=<build>/data). */
GSettings  *ui_test_settings_new (void);

/* A port of 127.0.0.1 that nothing listens on (bound, then closed). */
guint16     ui_test_closed_port  (void);

G_END_DECLS
