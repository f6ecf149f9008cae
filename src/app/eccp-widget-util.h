/* eccp-widget-util.h: small things every widget of the app does alike
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-field-spec.h"

G_BEGIN_DECLS

/* One asynchronous request a widget makes: it keeps the widget and the
 * cancellable the request was started with, so that an answer that
 * comes after a cancel (a newer request, the widget going away) can
 * tell, and do nothing. */
typedef struct
{
  gpointer      owner;
  GCancellable *cancellable;
} EccpWidgetRequest;

EccpWidgetRequest *eccp_widget_request_new  (gpointer           owner,
                                             GCancellable      *cancellable);
void               eccp_widget_request_free (EccpWidgetRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpWidgetRequest, eccp_widget_request_free)

/* For a GtkWidget subclass whose template has a child: in GTK 4.8,
 * gtk_widget_dispose_template() clears only the bound children, so the
 * template's top child is unparented here, in dispose. */
static inline void
eccp_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* The accessible name is exactly @label (GTK 4.8 would add the labels
 * the widget is labelled by). */
void       eccp_widget_set_accessible_label   (GtkWidget  *widget,
                                               const char *label);
/* Every button below @widget that has a label is named by its words,
 * without the mnemonic's underline. */
void       eccp_widget_name_mnemonic_buttons  (GtkWidget  *widget);
/* The tooltip of a widget being built: GTK asks the display where the
 * pointer is (an X round trip) when a shown widget's tooltip changes,
 * which a list or grid of them pays once per row or cell. */
void       eccp_widget_set_new_tooltip        (GtkWidget  *widget,
                                               const char *text);
/* A choice of a drop-down: @label shown in @labels, @value at the same
 * position in @values (of char *; %NULL for none). */
void       eccp_widget_add_choice             (GtkStringList *labels,
                                               GPtrArray     *values,
                                               const char    *label,
                                               const char    *value);
/* The choices of an enum or country @field, the countries sorted by
 * name in the user's language rather than by code. */
void       eccp_widget_add_field_choices      (GtkStringList       *labels,
                                               GPtrArray           *values,
                                               const EccpFieldSpec *field);
/* A row added to @group that only shows @child, @margin_y above and
 * below it and @margin_x on either side: it neither activates nor takes
 * the focus. */
GtkWidget *eccp_widget_add_static_row         (AdwPreferencesGroup *group,
                                               GtkWidget           *child,
                                               int                  margin_y,
                                               int                  margin_x);
/* Adds @css to the default display's styles, the first time only
 * (@loaded remembers it): for styles a widget class keeps with itself. */
void       eccp_widget_add_css_once           (gsize               *loaded,
                                               const char          *css);
/* @follower (a pane of headings that stays in sight) scrolls with
 * @leader in @orientation, on @leader's adjustment.  Its viewport is kept
 * as long as @leader's: where @leader's scrollbar across takes room
 * (overlay scrolling off), the follower leaves as much empty at its end,
 * or the two viewports would set different page sizes on the adjustment
 * they share and the panes drift apart near the end. */
void       eccp_widget_follow_scrolling       (GtkScrolledWindow   *follower,
                                               GtkScrolledWindow   *leader,
                                               GtkOrientation       orientation);
/* A new group, titled @title unless it is %NULL, at the end of @page. */
AdwPreferencesGroup *
           eccp_widget_add_group              (AdwPreferencesPage  *page,
                                               const char          *title);
/* A message dialog asking before @response (shown as destructive), with
 * "cancel" as the default and the close response. */
GtkWidget *eccp_widget_destructive_dialog_new (GtkWindow  *parent,
                                               const char *heading,
                                               const char *body,
                                               const char *cancel_label,
                                               const char *response,
                                               const char *response_label);
/* Text shown as it is, never as Pango markup.  In libadwaita 1.2 the
 * titles and subtitles of rows, the titles and descriptions of groups and
 * a status page's description are markup: a "&" in a record's title
 * blanks them, a "<i>" in a person's name turns italic.  Rows get their
 * use-markup switched off; groups and status pages, which have none, get
 * the text escaped.  Every text from the portal or the user goes through
 * these (and labels built in code stay plain: gtk_label_set_text). */
void       eccp_widget_set_row_title          (AdwPreferencesRow   *row,
                                               const char          *title);
/* @row is an AdwActionRow or an AdwExpanderRow; %NULL: no subtitle. */
void       eccp_widget_set_row_subtitle       (AdwPreferencesRow   *row,
                                               const char          *subtitle);
void       eccp_widget_set_group_title        (AdwPreferencesGroup *group,
                                               const char          *title);
void       eccp_widget_set_group_description  (AdwPreferencesGroup *group,
                                               const char          *description);
void       eccp_widget_set_status_description (AdwStatusPage       *page,
                                               const char          *description);
/* @name (a title) made a file name any file system takes, for a file
 * chooser or "Print to File" to suggest: / \\ : * ? " < > | and control
 * characters become "-".  Newly allocated. */
char      *eccp_widget_suggest_file_name      (const char *name);

G_END_DECLS
