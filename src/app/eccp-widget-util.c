/* eccp-widget-util.c: small things every widget of the app does alike
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-widget-util.h"

#include "eccp-country.h"

EccpWidgetRequest *
eccp_widget_request_new (gpointer      owner,
                         GCancellable *cancellable)
{
  EccpWidgetRequest *request = g_new0 (EccpWidgetRequest, 1);

  request->owner = g_object_ref (owner);
  request->cancellable = g_object_ref (cancellable);

  return request;
}

void
eccp_widget_request_free (EccpWidgetRequest *request)
{
  g_object_unref (request->owner);
  g_object_unref (request->cancellable);
  g_free (request);
}

/* GTK 4.8 joins a label property and the labels of a labelled-by relation
 * ("Name Name"), and rows relate their controls to their titles, so the
 * relation goes. */
void
eccp_widget_set_accessible_label (GtkWidget  *widget,
                                  const char *label)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
eccp_widget_set_new_tooltip (GtkWidget  *widget,
                             const char *text)
{
  gboolean visible = gtk_widget_get_visible (widget);

  /* Hidden, no tooltip can be showing: nothing to ask the display */
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, visible);
}

/* "_Keep Editing" → "Keep Editing"; "__" stands for an underline. */
static char *
strip_mnemonic (const char *label)
{
  char *text = g_strdup (label);
  char *out = text;

  for (const char *in = label; *in != '\0'; in++)
    {
      if (*in == '_' && in[1] != '_')
        continue;
      if (*in == '_')
        in++;
      *out++ = *in;
    }
  *out = '\0';

  return text;
}

/* GTK 4.8 names a button with a mnemonic twice ("_Discard Discard": its
 * label property, then the label it is labelled by); a dialog's buttons
 * are named by their words alone, as a person reads them. */
void
eccp_widget_name_mnemonic_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        {
          const char *label = gtk_button_get_label (GTK_BUTTON (child));
          g_autofree char *name = gtk_button_get_use_underline (GTK_BUTTON (child))
                                  ? strip_mnemonic (label)
                                  : g_strdup (label);

          eccp_widget_set_accessible_label (child, name);
        }

      eccp_widget_name_mnemonic_buttons (child);
    }
}

/* The question before something that cannot be undone: cancelling is
 * the default, and what Escape does; the buttons are named by their
 * words. */
GtkWidget *
eccp_widget_destructive_dialog_new (GtkWindow  *parent,
                                    const char *heading,
                                    const char *body,
                                    const char *cancel_label,
                                    const char *response,
                                    const char *response_label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", cancel_label,
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  eccp_widget_name_mnemonic_buttons (dialog);

  return dialog;
}

void
eccp_widget_add_choice (GtkStringList *labels,
                        GPtrArray     *values,
                        const char    *label,
                        const char    *value)
{
  gtk_string_list_append (labels, label);
  g_ptr_array_add (values, g_strdup (value));
}

void
eccp_widget_add_field_choices (GtkStringList       *labels,
                               GPtrArray           *values,
                               const EccpFieldSpec *field)
{
  if (field->kind == ECCP_FIELD_COUNTRY)
    {
      g_autoptr(GPtrArray) codes = eccp_country_codes_by_name ();

      for (guint i = 0; i < codes->len; i++)
        {
          const char *code = g_ptr_array_index (codes, i);

          eccp_widget_add_choice (labels, values, eccp_country_name (code), code);
        }
    }
  else
    {
      for (guint i = 0; field->choices != NULL && field->choices[i] != NULL; i++)
        eccp_widget_add_choice (labels, values, eccp_field_spec_choice_label (field, field->choices[i]),
                                field->choices[i]);
    }
}

GtkWidget *
eccp_widget_add_static_row (AdwPreferencesGroup *group,
                            GtkWidget           *child,
                            int                  margin_y,
                            int                  margin_x)
{
  GtkWidget *row = adw_preferences_row_new ();

  gtk_widget_set_margin_top (child, margin_y);
  gtk_widget_set_margin_bottom (child, margin_y);
  gtk_widget_set_margin_start (child, margin_x);
  gtk_widget_set_margin_end (child, margin_x);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_group_add (group, row);

  return row;
}

void
eccp_widget_add_css_once (gsize      *loaded,
                          const char *css)
{
  if (g_once_init_enter (loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (loaded, 1);
    }
}

typedef struct
{
  GWeakRef       leader;
  GWeakRef       follower;
  GtkOrientation orientation;
  guint          tick;          /* a new room waits for the next frame */
} Follow;

static void
follow_clear (gpointer data)
{
  Follow *follow = data;

  g_weak_ref_clear (&follow->leader);
  g_weak_ref_clear (&follow->follower);
}

static void
follow_release (gpointer data)
{
  g_rc_box_release_full (data, follow_clear);
}

static void
follow_release_closure (gpointer  data,
                        GClosure *closure)
{
  follow_release (data);
}

/* What the follower should leave empty at its end: as much as @leader's
 * scrollbar across takes from its viewport; -1 when not laid out */
static int
follow_room (Follow    *follow,
             GtkWidget *leader)
{
  GtkWidget *viewport = leader != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (leader)) : NULL;

  if (viewport == NULL)
    return -1;
  if (follow->orientation == GTK_ORIENTATION_VERTICAL)
    return MAX (gtk_widget_get_height (leader) - gtk_widget_get_height (viewport), 0);

  return MAX (gtk_widget_get_width (leader) - gtk_widget_get_width (viewport), 0);
}

static int
follow_margin (Follow    *follow,
               GtkWidget *follower)
{
  return follow->orientation == GTK_ORIENTATION_VERTICAL
    ? gtk_widget_get_margin_bottom (follower) : gtk_widget_get_margin_end (follower);
}

static gboolean
follow_tick_cb (GtkWidget     *follower,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Follow *follow = user_data;
  g_autoptr(GtkWidget) leader = g_weak_ref_get (&follow->leader);
  int room = follow_room (follow, leader);

  follow->tick = 0;
  if (room >= 0 && follow->orientation == GTK_ORIENTATION_VERTICAL)
    gtk_widget_set_margin_bottom (follower, room);
  else if (room >= 0)
    gtk_widget_set_margin_end (follower, room);

  return G_SOURCE_REMOVE;
}

/* The leader's viewport has just been laid out (its adjustments are
 * configured from its size): the follower's viewport is to be made as
 * long, so that both give the shared adjustment the same page size.  In
 * the next frame: a margin changed while GTK allocates is not laid out
 * before it draws. */
static void
follow_changed_cb (GtkAdjustment *adjustment,
                   Follow        *follow)
{
  g_autoptr(GtkWidget) leader = g_weak_ref_get (&follow->leader);
  g_autoptr(GtkWidget) follower = g_weak_ref_get (&follow->follower);
  int room = follow_room (follow, leader);

  if (follower == NULL || room < 0 || room == follow_margin (follow, follower) || follow->tick != 0)
    return;

  follow->tick = gtk_widget_add_tick_callback (follower, follow_tick_cb,
                                               g_rc_box_acquire (follow), follow_release);
}

void
eccp_widget_follow_scrolling (GtkScrolledWindow *follower,
                              GtkScrolledWindow *leader,
                              GtkOrientation     orientation)
{
  GtkAdjustment *across = gtk_scrolled_window_get_hadjustment (leader);
  GtkAdjustment *down = gtk_scrolled_window_get_vadjustment (leader);
  Follow *follow;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (follower));
  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (leader));

  if (orientation == GTK_ORIENTATION_VERTICAL)
    gtk_scrolled_window_set_vadjustment (follower, down);
  else
    gtk_scrolled_window_set_hadjustment (follower, across);

  /* Either adjustment: the scrollbar across appears or goes as the
   * content's width changes, which may leave the page size down as it was */
  follow = g_rc_box_new0 (Follow);
  g_weak_ref_init (&follow->leader, leader);
  g_weak_ref_init (&follow->follower, follower);
  follow->orientation = orientation;
  g_signal_connect_data (across, "changed", G_CALLBACK (follow_changed_cb),
                         g_rc_box_acquire (follow), follow_release_closure, 0);
  g_signal_connect_data (down, "changed", G_CALLBACK (follow_changed_cb),
                         follow, follow_release_closure, 0);
}

AdwPreferencesGroup *
eccp_widget_add_group (AdwPreferencesPage *page,
                       const char         *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (title != NULL)
    eccp_widget_set_group_title (group, title);
  adw_preferences_page_add (page, group);

  return group;
}

/* {{{ Plain text in widgets whose text is markup */

void
eccp_widget_set_row_title (AdwPreferencesRow *row,
                           const char        *title)
{
  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  adw_preferences_row_set_use_markup (row, FALSE);
  adw_preferences_row_set_title (row, title);
}

void
eccp_widget_set_row_subtitle (AdwPreferencesRow *row,
                              const char        *subtitle)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row) || ADW_IS_EXPANDER_ROW (row));

  /* The row's use-markup is its subtitle's too (an expander row passes
   * it on to its header). */
  adw_preferences_row_set_use_markup (row, FALSE);
  if (ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

/* @text escaped; %NULL stays %NULL */
static char *
escape_or_null (const char *text)
{
  return text != NULL ? g_markup_escape_text (text, -1) : NULL;
}

void
eccp_widget_set_group_title (AdwPreferencesGroup *group,
                             const char          *title)
{
  g_autofree char *markup = escape_or_null (title);

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  adw_preferences_group_set_title (group, markup);
}

void
eccp_widget_set_group_description (AdwPreferencesGroup *group,
                                   const char          *description)
{
  g_autofree char *markup = escape_or_null (description);

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  adw_preferences_group_set_description (group, markup);
}

void
eccp_widget_set_status_description (AdwStatusPage *page,
                                    const char    *description)
{
  g_autofree char *markup = escape_or_null (description);

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  adw_status_page_set_description (page, markup);
}

/* }}} */

char *
eccp_widget_suggest_file_name (const char *name)
{
  char *file_name;

  g_return_val_if_fail (name != NULL, NULL);

  /* "/" would name a folder; the rest are refused on FAT, NTFS and SMB
   * shares (USB sticks, Windows folders) */
  file_name = g_strdelimit (g_strdup (name), "/\\:*?\"<>|", '-');
  for (char *p = file_name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = '-';

  return file_name;
}
