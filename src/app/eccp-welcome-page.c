/* eccp-welcome-page.c: the first run: connect to a portal, or explore demo data
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connecting checks the address and the token with GET /me before anything
 * is kept; then the token goes to the keyring and app.connect is activated.
 * Without a keyring the session still starts, and a toast says the token
 * will not be remembered.  A failure is said under the form, and what was
 * typed stays.  The token lives in the entry only until it is handed on.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-welcome-page.h"

#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-portal-client.h"
#include "eccp-portal-url.h"
#include "eccp-toast.h"
#include "eccp-token.h"

/* Seconds to wait for GET /me before saying the portal cannot be reached */
#define CONNECT_TIMEOUT 20

struct _EccpWelcomePage
{
  GtkWidget         parent_instance;

  /* While connecting */
  GCancellable     *cancellable;
  EccpPortalClient *client;
  char             *url;
  char             *token;

  /* Template */
  GtkWidget        *connect_group;
  AdwEntryRow      *url_row;
  AdwEntryRow      *token_row;
  GtkWidget        *error_box;
  GtkLabel         *error_label;
  GtkLabel         *error_detail_label;
  GtkWidget        *cancel_button;
  GtkWidget        *connect_button;
  GtkSpinner       *connect_spinner;
  GtkLabel         *connect_label;
};

G_DEFINE_FINAL_TYPE (EccpWelcomePage, eccp_welcome_page, GTK_TYPE_WIDGET)

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The GtkText inside an entry row: what a screen reader lands on. */
static GtkAccessible *
row_text_accessible (AdwEntryRow *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  return GTK_ACCESSIBLE (delegate != NULL ? GTK_WIDGET (delegate) : GTK_WIDGET (row));
}

static void
set_row_invalid (AdwEntryRow *row,
                 gboolean     invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");

  gtk_accessible_update_state (row_text_accessible (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static gboolean
is_busy (EccpWelcomePage *self)
{
  return self->cancellable != NULL;
}

static void
update_actions (EccpWelcomePage *self)
{
  gboolean busy = is_busy (self);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.connect",
                                 !busy && *url != '\0' && *token != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.explore-demo", !busy);
}

static void
clear_error (EccpWelcomePage *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
  set_row_invalid (self->url_row, FALSE);
  set_row_invalid (self->token_row, FALSE);
}

/* @row: the row to blame, or %NULL; @detail: a second, smaller line, or %NULL */
static void
show_error (EccpWelcomePage *self,
            AdwEntryRow     *row,
            const char      *message,
            const char      *detail)
{
  clear_error (self);

  gtk_label_set_label (self->error_label, message);
  gtk_label_set_label (self->error_detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_detail_label), detail != NULL && *detail != '\0');
  gtk_widget_set_visible (self->error_box, TRUE);

  /* The rows say what is wrong with them to a screen reader, too. */
  gtk_accessible_update_relation (row_text_accessible (self->url_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL, -1);
  gtk_accessible_update_relation (row_text_accessible (self->token_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL, -1);

  if (row != NULL)
    {
      set_row_invalid (row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
set_busy (EccpWelcomePage *self,
          gboolean         busy)
{
  gboolean had_focus = gtk_widget_has_focus (self->connect_button)
    || gtk_widget_has_focus (self->cancel_button);

  /* Keep the keyboard where it can act: Cancel while busy (moved there
   * before the fields it may be in go insensitive under it, which GTK 4.8
   * answers with a "did not receive a focus-out event" warning) */
  gtk_widget_set_visible (self->cancel_button, busy);
  if (busy)
    gtk_widget_grab_focus (self->cancel_button);

  gtk_widget_set_sensitive (self->connect_group, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), busy);
  gtk_spinner_set_spinning (self->connect_spinner, busy);
  gtk_label_set_label (self->connect_label, busy ? _("Connecting…") : _("_Connect"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->connect_button),
                               GTK_ACCESSIBLE_STATE_BUSY, busy, -1);

  if (!busy)
    {
      g_clear_object (&self->cancellable);
      g_clear_object (&self->client);
      g_clear_pointer (&self->url, g_free);
      g_clear_pointer (&self->token, eccp_token_free);
    }

  update_actions (self);

  /* … and Connect after */
  if (!busy && had_focus)
    gtk_widget_grab_focus (self->connect_button);
}

/* The preference (Preferences, GSettings allow-insecure-portal) for
 * plain http to another computer: the application's settings, read where
 * the session reads them. */
static gboolean
allow_insecure (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return g_settings_get_boolean (settings, "allow-insecure-portal");
}

/* "https://portal.example.eu/jsonapi/" → itself without the trailing "/",
 * or %NULL with a message for the person when it is not an http(s) URL,
 * or one the token must not go to (eccp_portal_url_check()). */
static char *
normalize_url (const char  *text,
               char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = g_strdup (text);
  gsize len = strlen (url);
  const char *scheme;

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  if (strstr (url, "://") == NULL)
    {
      *message = g_strdup (_("Enter the whole address, starting with https:// (or http://)"));
      return NULL;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      *message = g_strdup (_("This is not a web address: it must start with https:// (or http://)"));
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      *message = g_strdup (_("The address has no host name"));
      return NULL;
    }

  if (!eccp_portal_url_check (url, allow_insecure (), NULL, &error))
    {
      *message = g_strdup (error->message);
      return NULL;
    }

  return g_steal_pointer (&url);
}

/* One try at connecting is an EccpWidgetRequest.  Cancelling it (Cancel,
 * or the page going away) makes its late answers do nothing. */

static void
finish_connect (EccpWelcomePage *self,
                AdwToast        *toast)
{
  g_autofree char *url = g_steal_pointer (&self->url);
  g_autoptr(EccpToken) token = g_steal_pointer (&self->token);

  set_busy (self, FALSE);

  /* The token is the keyring's now (or this session's): not the entry's. */
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  clear_error (self);

  gtk_widget_activate_action (GTK_WIDGET (self), "app.connect", "(ss)", url, token);

  /* The window's overlay, for what is said after the page has gone. */
  if (toast != NULL)
    eccp_toast_show (GTK_WIDGET (self), toast);
}

static void
token_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EccpWidgetRequest) attempt = user_data;
  EccpWelcomePage *self = attempt->owner;
  g_autoptr(GError) error = NULL;
  AdwToast *toast = NULL;
  gboolean stored = eccp_token_store_finish (result, &error);

  /* Cancelled: cancel_action() has already put the form back. */
  if (g_cancellable_is_cancelled (attempt->cancellable))
    return;

  if (!stored)
    {
      g_warning ("The access token could not be kept: %s", error->message);

      if (g_error_matches (error, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_NO_KEYRING))
        toast = eccp_toast_new ("%s", _("No keyring is running: the access token will not be remembered "
                                        "after ECCP Desk closes"));
      else
        toast = eccp_toast_new (_("The keyring did not keep the access token (%s): it will not "
                                  "be remembered after ECCP Desk closes"), error->message);
      adw_toast_set_timeout (toast, 10);
    }

  finish_connect (self, toast);
}

static void
got_me_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EccpWidgetRequest) attempt = user_data;
  EccpWelcomePage *self = attempt->owner;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = eccp_portal_client_get_me_finish (ECCP_PORTAL_CLIENT (object), result, &error);

  if (g_cancellable_is_cancelled (attempt->cancellable))
    return;

  if (me == NULL)
    {
      set_busy (self, FALSE);

      if (g_error_matches (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_AUTH))
        show_error (self, self->token_row,
                    _("The portal did not accept this token. Check it, or make a new one on the "
                      "portal’s web site."), NULL);
      else if (g_error_matches (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_UNREACHABLE))
        show_error (self, self->url_row,
                    _("The portal could not be reached at this address. Check the address and "
                      "your connection."), error->message);
      else if (g_error_matches (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_TIMEOUT))
        show_error (self, self->url_row,
                    _("The portal did not answer in time. Try again later."), error->message);
      else if (g_error_matches (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_BAD_RESPONSE))
        show_error (self, self->url_row,
                    _("No portal feed answered at this address. Check that it ends with the "
                      "feed’s path, such as /jsonapi."), error->message);
      else
        show_error (self, NULL, error->message, NULL);
      return;
    }

  /* The keyring may ask for a password now (to create or unlock it). */
  g_debug ("The portal at %s accepted the token", self->url);
  gtk_label_set_label (self->connect_label, _("Saving the Token…"));
  eccp_token_store_async (self->url, self->token, self->cancellable,
                          token_stored_cb, g_steal_pointer (&attempt));
}

/* Actions */

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EccpWelcomePage *self = ECCP_WELCOME_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *message = NULL;
  g_autoptr(EccpToken) token = NULL;

  if (is_busy (self))
    return;

  clear_error (self);

  text = row_text (self->url_row);
  if (*text == '\0')
    {
      show_error (self, self->url_row, _("Enter the portal’s address"), NULL);
      return;
    }

  url = normalize_url (text, &message);
  if (url == NULL)
    {
      show_error (self, self->url_row, message, NULL);
      return;
    }

  token = row_text (self->token_row);
  if (*token == '\0')
    {
      show_error (self, self->token_row, _("Enter your personal access token"), NULL);
      return;
    }

  self->client = eccp_portal_client_new_full (url, token, allow_insecure (), &error);
  if (self->client == NULL)
    {
      show_error (self, self->url_row, error->message, NULL);
      return;
    }
  eccp_portal_client_set_timeout (self->client, CONNECT_TIMEOUT);

  self->url = g_steal_pointer (&url);
  self->token = g_steal_pointer (&token);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  eccp_portal_client_get_me_async (self->client, self->cancellable, got_me_cb,
                                   eccp_widget_request_new (self, self->cancellable));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EccpWelcomePage *self = ECCP_WELCOME_PAGE (widget);

  if (!is_busy (self))
    return;

  g_cancellable_cancel (self->cancellable);
  set_busy (self, FALSE);
}

static void
explore_demo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EccpWelcomePage *self = ECCP_WELCOME_PAGE (widget);

  if (is_busy (self))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "app.explore-demo", NULL);
}

/* Template callbacks */

static void
form_changed_cb (EccpWelcomePage *self)
{
  if (gtk_widget_get_visible (self->error_box))
    clear_error (self);

  update_actions (self);
}

/* Enter in one field goes on to the @other while it is empty, or
 * connects when both are filled in. */
static void
go_on_to (EccpWelcomePage *self,
          AdwEntryRow     *other)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (other)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (other));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "welcome.connect", NULL);
}

static void
url_activated_cb (EccpWelcomePage *self)
{
  go_on_to (self, self->token_row);
}

static void
token_activated_cb (EccpWelcomePage *self)
{
  go_on_to (self, self->url_row);
}

/* Object life */

static void
eccp_welcome_page_map (GtkWidget *widget)
{
  EccpWelcomePage *self = ECCP_WELCOME_PAGE (widget);

  GTK_WIDGET_CLASS (eccp_welcome_page_parent_class)->map (widget);

  /* Start where there is something to type. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->url_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
}

static void
eccp_welcome_page_dispose (GObject *object)
{
  EccpWelcomePage *self = (EccpWelcomePage *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->token, eccp_token_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_WELCOME_PAGE);
  eccp_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (eccp_welcome_page_parent_class)->dispose (object);
}

static void
eccp_welcome_page_class_init (EccpWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_welcome_page_dispose;
  widget_class->map = eccp_welcome_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, connect_group);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, url_row);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, token_row);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, error_box);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, error_detail_label);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, EccpWelcomePage, connect_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_activated_cb);

  gtk_widget_class_install_action (widget_class, "welcome.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "welcome.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "welcome.explore-demo", NULL, explore_demo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "welcome.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "eccpwelcomepage");
}

/* libadwaita 1.2's password row leaves its show/hide button unnamed (a
 * screen reader says "GtkImage"): the button whose image is
 * view-reveal-symbolic or view-conceal-symbolic. */
static GtkWidget *
find_toggle_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      GtkWidget *image = gtk_widget_get_first_child (child);

      if (GTK_IS_BUTTON (child) && GTK_IS_IMAGE (image)
          && g_str_has_prefix (gtk_image_get_icon_name (GTK_IMAGE (image)) ?: "", "view-"))
        return child;
      if ((found = find_toggle_button (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
eccp_welcome_page_init (EccpWelcomePage *self)
{
  const char *url = g_getenv ("ECCP_PORTAL_URL");

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The entries inside the rows carry the rows' names, so that a screen
   * reader (and the end-to-end tests) find them by what they ask for. */
  gtk_accessible_update_property (row_text_accessible (self->url_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Portal address"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Such as https://clustercollaboration.eu/jsonapi"),
                                  -1);
  gtk_accessible_update_property (row_text_accessible (self->token_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Personal access token"),
                                  -1);
  {
    GtkWidget *reveal = find_toggle_button (GTK_WIDGET (self->token_row));

    if (reveal != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (reveal),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show the token"), -1);
  }

  if (url != NULL && *url != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);

  update_actions (self);
}
