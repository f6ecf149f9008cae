/* eccp-record-picker.c: a small window to choose one record of a type
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An EccpSearchList: a search over the core's full-text search and the
 * matches paged from the store, so picking a cluster among 100,000 costs
 * what picking one among ten does.  Typing anywhere goes to the search;
 * Down moves into the list; Enter or a click picks; Escape clears the
 * search, then closes.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-picker.h"

#include <glib/gi18n.h>

#include "eccp-field-spec.h"
#include "eccp-search-list.h"

struct _EccpRecordPicker
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  EccpSearchList  *search_list;
};

G_DEFINE_FINAL_TYPE (EccpRecordPicker, eccp_record_picker, ADW_TYPE_WINDOW)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
activated_cb (EccpRecordPicker *self,
              EccpRecord       *record)
{
  g_signal_emit (self, signals[PICKED], 0, record);
  gtk_window_close (GTK_WINDOW (self));
}

/* Escape in an empty search: the search list cleared it already when
 * it was not. */
static void
cancelled_cb (EccpRecordPicker *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
eccp_record_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ECCP_TYPE_RECORD_PICKER);

  G_OBJECT_CLASS (eccp_record_picker_parent_class)->dispose (object);
}

static void
eccp_record_picker_class_init (EccpRecordPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_record_picker_dispose;

  /**
   * EccpRecordPicker::picked:
   * @record: the EccpRecord chosen
   */
  signals[PICKED] = g_signal_new ("picked",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, ECCP_TYPE_RECORD);

  g_type_ensure (ECCP_TYPE_SEARCH_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-record-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpRecordPicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordPicker, search_list);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancelled_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eccp_record_picker_init (EccpRecordPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
eccp_record_picker_new (EccpStore  *store,
                        const char *type,
                        const char *title)
{
  EccpRecordPicker *self;
  const EccpTypeSpec *spec;
  g_autoptr(EccpQuery) query = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  self = g_object_new (ECCP_TYPE_RECORD_PICKER, NULL);

  spec = eccp_type_spec_lookup (type);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  if (spec != NULL)
    adw_window_title_set_subtitle (self->window_title, _(spec->plural_label));

  query = eccp_query_new (type);
  eccp_search_list_set_query (self->search_list, query);
  eccp_search_list_set_store (self->search_list, store);
  eccp_search_list_capture_keys (self->search_list, GTK_WIDGET (self));
  eccp_search_list_focus_search (self->search_list);

  return GTK_WIDGET (self);
}
