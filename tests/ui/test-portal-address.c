/* test-portal-address.c: the app's side of where the token may go
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first-run page in a real window under Xvfb: a plain http address to
 * another computer, or one with a password in it, is refused inline under
 * the address, with why; the Preferences switch "Allow unencrypted
 * connections" is the user's explicit word, kept in GSettings.
 */

#include "config.h"

#include <adwaita.h>

#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-preferences-window.h"
#include "eccp-session.h"
#include "eccp-welcome-page.h"

static gboolean
label_says_other_than (gpointer user_data)
{
  GtkLabel *label = user_data;
  const char *before = g_object_get_data (G_OBJECT (label), "before");

  return gtk_widget_get_visible (GTK_WIDGET (label))
         && g_strcmp0 (gtk_label_get_label (label), before) != 0
         && *gtk_label_get_label (label) != '\0';
}

/* Types @url into the address, a token, presses Connect; the error the
 * page shows (waiting for it to change from what it said). */
static const char *
connect_to (EccpWelcomePage *page,
            const char      *url)
{
  GtkWidget *url_row = ui_test_template_child (page, ECCP_TYPE_WELCOME_PAGE, "url_row");
  GtkWidget *token_row = ui_test_template_child (page, ECCP_TYPE_WELCOME_PAGE, "token_row");
  GtkWidget *connect = ui_test_template_child (page, ECCP_TYPE_WELCOME_PAGE, "connect_button");
  GtkLabel *label = GTK_LABEL (ui_test_template_child (page, ECCP_TYPE_WELCOME_PAGE, "error_label"));

  gtk_editable_set_text (GTK_EDITABLE (url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (token_row), "secret-token");
  g_object_set_data_full (G_OBJECT (label), "before", g_strdup (gtk_label_get_label (label)), g_free);
  gtk_widget_activate (connect);
  ui_test_wait_until (label_says_other_than, label, 10000, "the page shows an error");

  return gtk_label_get_label (label);
}

static void
test_first_run (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  EccpWelcomePage *page = g_object_new (ECCP_TYPE_WELCOME_PAGE, NULL);
  GtkWindow *window = ui_test_window_new (GTK_WIDGET (page), 800, 700);
  GtkWidget *url_row = ui_test_template_child (page, ECCP_TYPE_WELCOME_PAGE, "url_row");
  const char *said;

  g_settings_set_boolean (settings, "allow-insecure-portal", FALSE);

  said = connect_to (page, "http://portal.example.eu/jsonapi");
  g_assert_nonnull (strstr (said, "the sign-in token would travel unencrypted"));
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));

  said = connect_to (page, "https://anna:s3cret@portal.example.eu/jsonapi");
  g_assert_nonnull (strstr (said, "user name or password"));
  g_assert_nonnull (strstr (said, "https://portal.example.eu/jsonapi"));
  g_assert_null (strstr (said, "s3cret"));

  /* Allowed: the page goes on to ask the portal (nobody listens there). */
  g_settings_set_boolean (settings, "allow-insecure-portal", TRUE);
  said = connect_to (page, "http://0.0.0.0:9/jsonapi");
  g_assert_null (strstr (said, "unencrypted"));
  g_settings_reset (settings, "allow-insecure-portal");

  ui_test_window_destroy (window);
}

static gboolean
switch_is_on (gpointer user_data)
{
  return gtk_switch_get_active (user_data);
}

static void
test_preferences_switch (void)
{
  g_autoptr(GSettings) settings = ui_test_settings_new ();
  g_autoptr(EccpSession) session = NULL;
  GtkWindow *preferences;
  GtkWidget *row;
  GtkWidget *toggle;

  g_assert_nonnull (settings);
  session = eccp_session_new (settings);
  preferences = g_object_new (ECCP_TYPE_PREFERENCES_WINDOW, "session", session, NULL);
  gtk_window_present (preferences);
  ui_test_wait_until (ui_test_is_mapped, preferences, 10000, "Preferences are shown");

  row = ui_test_row_titled (GTK_WIDGET (preferences), "Allow unencrypted connections");
  toggle = ui_test_template_child (preferences, ECCP_TYPE_PREFERENCES_WINDOW, "insecure_switch");
  g_assert_true (gtk_widget_is_ancestor (toggle, row));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (g_settings_get_boolean (settings, "allow-insecure-portal"));

  /* Off by default; the user's word, and only theirs, turns it on. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  /* A switch turns at the end of its animation. */
  ui_test_wait_until (switch_is_on, toggle, 10000, "the switch turns on");
  g_assert_true (g_settings_get_boolean (settings, "allow-insecure-portal"));

  ui_test_window_destroy (preferences);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/portal-address/first-run", test_first_run);
  g_test_add_func ("/portal-address/preferences-switch", test_preferences_switch);

  return g_test_run ();
}
