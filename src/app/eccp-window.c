/* eccp-window.c: the main window
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view switcher over the four kinds of record, the Changes view and,
 * for staff, the Review view; the sync indicator on the left of the
 * header bar.  Before the first run is done the window shows the
 * welcome instead; while the demo data is made, its progress.
 *
 * It follows its EccpSession through a binding group and signal groups
 * (gnome-text-editor's window and its page): nothing is copied from the
 * application.  Its shortcuts are the window's, so they act wherever the
 * focus is; the record ones go to the browse page on show.
 *
 * The pages are made in eccp-window-pages.c the first time they are
 * shown or asked for: the welcome only if it is still on show once the
 * caller is done; Review as soon as the account is staff's, since its
 * count is the view switcher's badge.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-window-private.h"

#include <glib/gi18n.h>

#include "eccp-format.h"
#include "eccp-attendee-export.h"
#include "eccp-calendar-export.h"
#include "eccp-ical.h"
#include "eccp-toast.h"
#include "eccp-venue-print.h"

G_DEFINE_FINAL_TYPE (EccpWindow, eccp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static EccpStore *
get_store (EccpWindow *self)
{
  return self->session != NULL ? eccp_session_get_store (self->session) : NULL;
}

static EccpSyncController *
get_controller (EccpWindow *self)
{
  return self->session != NULL ? eccp_session_get_controller (self->session) : NULL;
}

/* The view stack's page on show, made if it is not yet */
static GtkWidget *
ensure_visible_page (EccpWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  return name != NULL ? eccp_window_get_page (self, name) : NULL;
}

static EccpBrowsePage *
visible_browse_page (EccpWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);

  if (ADW_IS_BIN (child))
    child = adw_bin_get_child (ADW_BIN (child));
  return ECCP_IS_BROWSE_PAGE (child) ? ECCP_BROWSE_PAGE (child) : NULL;
}

void
eccp_window_show_view (EccpWindow *self,
                       const char *name)
{
  GtkWidget *child;

  g_return_if_fail (ECCP_IS_WINDOW (self));

  /* A page the user is not shown (Review, for all but staff) is not there. */
  child = adw_view_stack_get_child_by_name (self->view_stack, name);
  if (child != NULL && adw_view_stack_page_get_visible (adw_view_stack_get_page (self->view_stack, child)))
    adw_view_stack_set_visible_child (self->view_stack, child);
}

/* Toasts for what a sync did: only what the user would want to know. */
static void
sync_finished_cb (EccpWindow     *self,
                  EccpSyncReport *report,
                  const GError   *error)
{
  AdwToast *toast = NULL;

  if (report == NULL)
    {
      if (error != NULL)
        toast = eccp_toast_new (_("Sync failed: %s"), error->message);
    }
  else
    {
      switch (report->outcome)
        {
        case ECCP_SYNC_OUTCOME_IN_STEP:
          if (report->pushed > 0)
            toast = eccp_toast_new (ngettext ("%u change sent to the portal",
                                                    "%u changes sent to the portal",
                                                    report->pushed), report->pushed);
          break;

        case ECCP_SYNC_OUTCOME_NEEDS_USER:
          toast = eccp_toast_new ("%s", ngettext ("A change needs you: see Changes",
                                                  "Changes need you: see Changes",
                                                  (gulong) report->waiting_for_user));
          adw_toast_set_button_label (toast, _("_Show"));
          adw_toast_set_action_name (toast, "win.show-changes");
          break;

        case ECCP_SYNC_OUTCOME_UNREACHABLE:
          /* Being offline is normal: the indicator says it, no toast. */
          break;

        case ECCP_SYNC_OUTCOME_AUTH_FAILED:
          toast = eccp_toast_new ("%s", _("The portal refused the access token: sign in again"));
          adw_toast_set_button_label (toast, _("_Preferences"));
          adw_toast_set_action_name (toast, "app.preferences");
          break;

        case ECCP_SYNC_OUTCOME_FAILED:
          toast = eccp_toast_new (_("Sync failed: %s"),
                                  error != NULL ? error->message : _("unknown error"));
          break;

        case ECCP_SYNC_OUTCOME_CANCELLED:
        default:
          break;
        }
    }

  if (toast != NULL)
    eccp_toast_show (GTK_WIDGET (self), toast);
}

static void
update_changes_badge (EccpWindow *self)
{
  EccpSyncController *controller = get_controller (self);
  gint64 n_needs_user = controller != NULL ? eccp_sync_controller_get_n_needs_user (controller) : 0;
  gint64 n_waiting = controller != NULL ? eccp_sync_controller_get_n_waiting (controller) : 0;

  adw_view_stack_page_set_badge_number (self->changes_stack_page, (guint) MIN (n_needs_user + n_waiting, G_MAXUINT));
  adw_view_stack_page_set_needs_attention (self->changes_stack_page, n_needs_user > 0);
}

/* Actions */

static void
show_record_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);
  const char *type;
  const char *id;
  EccpBrowsePage *page;

  g_variant_get (parameter, "(&s&s)", &type, &id);
  page = _eccp_window_browse_page_for (self, type);
  if (page == NULL)
    {
      /* An attendee has no page: it opens on its event's (before, an
       * event's attendee rows did nothing when clicked) */
      if (!g_str_equal (type, "attendee") || (page = _eccp_window_browse_page_for (self, "event")) == NULL)
        return;
      adw_view_stack_set_visible_child_name (self->view_stack, "event");
      eccp_browse_page_show_related (page, type, id);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, type);
  eccp_browse_page_show_record (page, id);
}

static void
show_changes_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  eccp_window_show_view (ECCP_WINDOW (widget), "changes");
}

static void
show_view_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  eccp_window_show_view (ECCP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The browse page on show, or the clusters' when the Changes are. */
static EccpBrowsePage *
browse_page_to_use (EccpWindow *self)
{
  EccpBrowsePage *page = visible_browse_page (self);

  if (page == NULL)
    {
      page = self->cluster_page;
      adw_view_stack_set_visible_child_name (self->view_stack, "cluster");
    }

  return page;
}

static void
new_record_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (browse_page_to_use (self)), "record.new", NULL);
}

static void
search_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "review") == 0)
    eccp_review_page_focus_search (_eccp_window_ensure_review_page (self));
  else
    eccp_browse_page_focus_search (browse_page_to_use (self));
}

/* win.edit, win.delete: the browse page's record.edit, record.delete, for
 * the record it shows, wherever the focus is in the window. */
static void
record_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EccpBrowsePage *page = visible_browse_page (ECCP_WINDOW (widget));

  if (page == NULL)
    return;

  if (g_str_equal (action_name, "win.edit"))
    gtk_widget_activate_action (GTK_WIDGET (page), "record.edit", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (page), "record.delete", NULL);
}

/* The Delete key deletes the record shown, unless the focus is in a
 * popover (a filter's list, a menu) or in text: only the list and the
 * detail of a page, or the header bar, mean the record. */
static gboolean
delete_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  if (focus != NULL
      && (gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL || GTK_IS_EDITABLE (focus)))
    return FALSE;

  return gtk_widget_activate_action (widget, "win.delete", NULL);
}

/* The focus was in the page just hidden: GTK 4.8 then keeps a reference
 * on that page (GtkWindow's move_focus_widget) until the next frame moves
 * the focus, and a second widget hidden with the focus inside before that
 * frame overwrites it unreleased: the page, its list and its store then
 * outlive the window.  The focus goes now where that frame would put it,
 * into the page on show, which releases the reference at once. */
static void
focus_into_visible_page (EccpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  if (focus != NULL && visible != NULL
      && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view_stack))
      && !gtk_widget_is_ancestor (focus, visible)
      && !gtk_widget_child_focus (visible, GTK_DIR_TAB_FORWARD))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

void
_eccp_window_visible_page_changed (EccpWindow *self)
{
  EccpBrowsePage *page;

  /* The window is being disposed (its stack lets go of its pages) */
  if (self->session_bindings == NULL)
    return;

  /* A page is made the first time it is shown */
  ensure_visible_page (self);
  focus_into_visible_page (self);
  page = visible_browse_page (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-record",
                                 page != NULL && eccp_browse_page_get_can_create (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit", page != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", page != NULL);
}

static void update_main_stack (EccpWindow *self);

/* An event's meetings (#12), over the whole window */
static void
show_meetings_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);

  if (get_store (self) == NULL)
    return;

  eccp_meetings_view_set_event_id (_eccp_window_ensure_meetings_view (self), g_variant_get_string (parameter, NULL));
  gtk_stack_set_visible_child_name (self->main_stack, "meetings");
}

static void
hide_meetings_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);

  /* Out of sight, the grid does not follow every sync */
  if (self->meetings_view != NULL)
    eccp_meetings_view_set_event_id (self->meetings_view, NULL);
  update_main_stack (self);
}

/* Printing (#12): the print dialog, whose "Print to File" saves a PDF */

static void
print_attendees_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);

  if (get_store (self) != NULL)
    eccp_venue_print_run (GTK_WINDOW (self), get_store (self), g_variant_get_string (parameter, NULL),
                          ECCP_VENUE_PRINT_ATTENDEES, NULL);
}

/* (event id, table): one table's schedule, or the whole grid for "" */
static void
print_meetings_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);
  const char *event_id;
  const char *table;

  g_variant_get (parameter, "(&s&s)", &event_id, &table);
  if (get_store (self) != NULL)
    eccp_venue_print_run (GTK_WINDOW (self), get_store (self), event_id,
                          *table != '\0' ? ECCP_VENUE_PRINT_TABLE : ECCP_VENUE_PRINT_GRID,
                          *table != '\0' ? table : NULL);
}

/* Following the session */

/* The welcome, if it is still what the window shows once the caller of
 * update_main_stack is done: at start, the store is often opened just
 * after the window is made, and its first frame does not need it. */
static gboolean
welcome_idle_cb (gpointer user_data)
{
  EccpWindow *self = user_data;

  self->welcome_idle = 0;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0)
    _eccp_window_ensure_welcome_page (self);

  return G_SOURCE_REMOVE;
}

static void
update_main_stack (EccpWindow *self)
{
  const char *name = "welcome";

  if (self->session != NULL && eccp_session_get_loading (self->session))
    name = "loading";
  else if (get_store (self) != NULL)
    name = "main";

  /* Before the frame (GDK_PRIORITY_REDRAW) that would show it */
  if (g_str_equal (name, "welcome") && self->welcome_page == NULL && self->welcome_idle == 0)
    self->welcome_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, welcome_idle_cb, self, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

static void
session_loaded_records_cb (EccpWindow *self)
{
  guint n = self->session != NULL ? eccp_session_get_loaded_records (self->session) : 0;
  g_autofree char *done = eccp_format_integer (n);
  /* Translators: "4,000 records" while the demo data is made */
  g_autofree char *text = g_strdup_printf (ngettext ("%s record", "%s records", n), done);

  gtk_progress_bar_set_text (self->loading_progress, text);
}

static void
session_store_cb (EccpWindow *self)
{
  EccpBrowsePage *page = visible_browse_page (self);

  update_main_stack (self);
  /* The search of the page in sight: typing goes where the eye is. */
  if (get_store (self) != NULL && page != NULL)
    eccp_browse_page_focus_search (page);
}

/* The Review page counts what waits for staff: the view switcher's badge. */
static void
session_account_cb (EccpWindow *self)
{
  EccpAccount *account = self->session != NULL ? eccp_session_get_account (self->session) : NULL;

  if (account != NULL && eccp_account_has_role (account, "staff"))
    _eccp_window_ensure_review_page (self);
}

static void
session_controller_cb (EccpWindow *self)
{
  g_signal_group_set_target (self->controller_signals, get_controller (self));
  update_changes_badge (self);
}

/* Venue mode: the whole window for one event's entrance */

static void
venue_mode_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);

  if (get_store (self) == NULL)
    return;

  eccp_venue_mode_set_event_id (_eccp_window_ensure_venue_mode (self), g_variant_get_string (parameter, NULL));
  gtk_stack_set_visible_child_name (self->main_stack, "venue");
  eccp_venue_mode_focus_search (self->venue_mode);
}

/* An event's attendees as CSV, where the user chooses */
static void
export_attendees_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);

  if (get_store (self) != NULL)
    eccp_attendee_export_choose (widget, get_store (self), g_variant_get_string (parameter, NULL));
}

/* Add to Calendar: a call's cut-offs or an event, where the user chooses */
static void
add_to_calendar_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EccpWindow *self = ECCP_WINDOW (widget);
  const char *type;
  const char *id;

  g_variant_get (parameter, "(&s&s)", &type, &id);
  if (get_store (self) != NULL && eccp_ical_supports_type (type))
    eccp_calendar_export_choose_record (widget, get_store (self), type, id);
}

/* Back where venue mode was opened from: the event's page */
void
_eccp_window_venue_exit (EccpWindow *self)
{
  EccpBrowsePage *page = visible_browse_page (self);

  /* Out of sight, the attendee list does not follow every sync */
  if (self->venue_mode != NULL)
    eccp_venue_mode_set_event_id (self->venue_mode, NULL);
  update_main_stack (self);
  if (page != NULL)
    eccp_browse_page_focus_search (page);
}

/* Window size, kept in GSettings */

static gboolean
eccp_window_close_request (GtkWindow *window)
{
  EccpWindow *self = ECCP_WINDOW (window);
  int width;
  int height;

  if (self->settings == NULL)
    return GTK_WINDOW_CLASS (eccp_window_parent_class)->close_request (window);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (eccp_window_parent_class)->close_request (window);
}

/* Object life */

static void
eccp_window_constructed (GObject *object)
{
  EccpWindow *self = (EccpWindow *)object;

  G_OBJECT_CLASS (eccp_window_parent_class)->constructed (object);

  /* The size the window had last time, from the session's settings. */
  if (self->session == NULL)
    return;

  self->settings = g_object_ref (eccp_session_get_settings (self->session));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
eccp_window_dispose (GObject *object)
{
  EccpWindow *self = (EccpWindow *)object;

  if (self->session_bindings != NULL)
    g_binding_group_set_source (self->session_bindings, NULL);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->controller_signals != NULL)
    g_signal_group_set_target (self->controller_signals, NULL);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->controller_signals);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->welcome_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eccp_window_parent_class)->dispose (object);
}

static void
eccp_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EccpWindow *self = ECCP_WINDOW (object);

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
eccp_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EccpWindow *self = ECCP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      eccp_window_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_window_class_init (EccpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char * const views[] = { "cluster", "partnership", "event", "call", "changes", "review" };

  object_class->constructed = eccp_window_constructed;
  object_class->dispose = eccp_window_dispose;
  object_class->get_property = eccp_window_get_property;
  object_class->set_property = eccp_window_set_property;
  window_class->close_request = eccp_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ECCP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ECCP_TYPE_BROWSE_PAGE);
  g_type_ensure (ECCP_TYPE_CHANGES_PAGE);
  g_type_ensure (ECCP_TYPE_REVIEW_PAGE);
  g_type_ensure (ECCP_TYPE_SYNC_INDICATOR);
  g_type_ensure (ECCP_TYPE_VENUE_MODE);
  g_type_ensure (ECCP_TYPE_WELCOME_PAGE);
  g_type_ensure (ECCP_TYPE_MEETINGS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, venue_bin);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, welcome_bin);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, cluster_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, partnership_bin);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, event_bin);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, call_bin);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, changes_bin);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, changes_stack_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, review_bin);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, review_stack_page);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, meetings_bin);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, meetings_sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, EccpWindow, switcher_title);
  gtk_widget_class_bind_template_callback_full (widget_class, "visible_page_changed_cb",
                                                G_CALLBACK (_eccp_window_visible_page_changed));

  gtk_widget_class_install_action (widget_class, "win.show-record", "(ss)", show_record_cb);
  gtk_widget_class_install_action (widget_class, "win.show-changes", NULL, show_changes_cb);
  gtk_widget_class_install_action (widget_class, "win.show-meetings", "s", show_meetings_cb);
  gtk_widget_class_install_action (widget_class, "win.hide-meetings", NULL, hide_meetings_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_cb);
  gtk_widget_class_install_action (widget_class, "win.venue-mode", "s", venue_mode_cb);
  gtk_widget_class_install_action (widget_class, "win.print-attendees", "s", print_attendees_cb);
  gtk_widget_class_install_action (widget_class, "win.print-meetings", "(ss)", print_meetings_cb);
  gtk_widget_class_install_action (widget_class, "win.export-attendees", "s", export_attendees_cb);
  gtk_widget_class_install_action (widget_class, "win.add-to-calendar", "(ss)", add_to_calendar_cb);
  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, new_record_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_cb);
  gtk_widget_class_install_action (widget_class, "win.edit", NULL, record_action_cb);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, record_action_cb);

  /* The window's, not a page's: they act wherever the focus is (the header
   * bar, a menu just closed).  An entry with the focus keeps Delete for
   * its text: the window sees the key only when no one inside took it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_key_cb, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i]);
}

static gboolean
account_is_staff (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  EccpAccount *account = g_value_get_object (from);

  g_value_set_boolean (to, account != NULL && eccp_account_has_role (account, "staff"));

  return TRUE;
}

/* When the view switcher has gone to the bottom, the header bar is narrow:
 * the sync indicator shows its icon only. */
static void
title_visible_cb (EccpWindow *self)
{
  eccp_sync_indicator_set_compact (self->sync_indicator,
                                   adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
eccp_window_init (EccpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (title_visible_cb), self, G_CONNECT_SWAPPED);

  self->session_bindings = g_binding_group_new ();
  _eccp_window_bind_browse_page (self, self->cluster_page);
  /* The Review view: staff only */
  g_binding_group_bind_full (self->session_bindings, "account", self->review_stack_page, "visible",
                             G_BINDING_SYNC_CREATE, account_is_staff, NULL, NULL, NULL);
  g_binding_group_bind (self->session_bindings, "controller", self->sync_indicator, "controller",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->session_bindings, "controller", self->meetings_sync_indicator, "controller",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->session_bindings, "loading-fraction", self->loading_progress, "fraction",
                        G_BINDING_SYNC_CREATE);

  self->session_signals = g_signal_group_new (ECCP_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::store",
                                 G_CALLBACK (session_store_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::account",
                                 G_CALLBACK (session_account_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::controller",
                                 G_CALLBACK (session_controller_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::loading",
                                 G_CALLBACK (update_main_stack), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::loaded-records",
                                 G_CALLBACK (session_loaded_records_cb), self, G_CONNECT_SWAPPED);

  self->controller_signals = g_signal_group_new (ECCP_TYPE_SYNC_CONTROLLER);
  g_signal_group_connect_object (self->controller_signals, "finished",
                                 G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->controller_signals, "notify::n-waiting",
                                 G_CALLBACK (update_changes_badge), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->controller_signals, "notify::n-needs-user",
                                 G_CALLBACK (update_changes_badge), self, G_CONNECT_SWAPPED);

  update_main_stack (self);
}

EccpWindow *
eccp_window_new (GtkApplication *application,
                 EccpSession    *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (session == NULL || ECCP_IS_SESSION (session), NULL);

  return g_object_new (ECCP_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

EccpSession *
eccp_window_get_session (EccpWindow *self)
{
  g_return_val_if_fail (ECCP_IS_WINDOW (self), NULL);

  return self->session;
}

void
eccp_window_set_session (EccpWindow  *self,
                         EccpSession *session)
{
  g_return_if_fail (ECCP_IS_WINDOW (self));
  g_return_if_fail (session == NULL || ECCP_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_binding_group_set_source (self->session_bindings, session);
  g_signal_group_set_target (self->session_signals, session);
  /* What the session has now, as if it had just changed. */
  session_controller_cb (self);
  session_account_cb (self);
  session_loaded_records_cb (self);
  session_store_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
