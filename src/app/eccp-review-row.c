/* eccp-review-row.c: a record in the review queue: the browse lists' row, its type, when it was submitted
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-review-row.h"

#include <glib/gi18n.h>

#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-record-row.h"

const char *
eccp_review_type_label (EccpRecord *record)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (eccp_record_get_type_name (record));

  return type != NULL ? _(type->label) : eccp_record_get_type_name (record);
}

/* "Submitted 2 days ago": the record's last change, which the submission is */
char *
eccp_review_describe_submitted (EccpRecord *record)
{
  const char *changed = eccp_json_get_string (eccp_record_get_meta (record), "changed");
  g_autoptr(GDateTime) when = changed != NULL ? eccp_date_time_parse_iso8601 (changed) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *age = NULL;

  if (when == NULL)
    return NULL;

  age = eccp_date_time_format_age (when, now, FALSE);
  /* Translators: when a record was submitted for review: "Submitted 2 days ago" */
  return g_strdup_printf (_("Submitted %s"), age);
}

/* A row: the record's row of the browse lists, then its type and when
 * it was submitted. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = eccp_record_row_new ();
  GtkWidget *caption = gtk_label_new (NULL);

  gtk_widget_set_margin_bottom (row, 3);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (caption, 12);
  gtk_widget_set_margin_end (caption, 12);
  gtk_widget_set_margin_bottom (caption, 9);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  EccpRecord *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_widget_get_first_child (box);
  GtkWidget *caption = gtk_widget_get_next_sibling (row);
  GtkWidget *list_item = gtk_widget_get_parent (box);
  g_autofree char *submitted = eccp_review_describe_submitted (record);
  g_autofree char *summary = eccp_record_describe (record);
  g_autofree char *text = submitted != NULL ? g_strdup_printf ("%s · %s", eccp_review_type_label (record), submitted)
                                            : g_strdup (eccp_review_type_label (record));
  g_autofree char *description = *summary != '\0' ? g_strdup_printf ("%s · %s", summary, text) : g_strdup (text);

  eccp_record_row_set_record (ECCP_RECORD_ROW (row), record);
  gtk_label_set_label (GTK_LABEL (caption), text);

  /* The list item a screen reader lands on: named like the browse
   * lists' rows, the type and the submission said too. */
  if (list_item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_item),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, eccp_record_get_title (record),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  eccp_record_row_set_record (ECCP_RECORD_ROW (gtk_widget_get_first_child (box)), NULL);
}

GtkListItemFactory *
eccp_review_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);

  return factory;
}
