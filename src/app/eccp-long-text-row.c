/* eccp-long-text-row.c: the editor of paragraphs of plain text
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A text view in a card, in a group titled with the field's label.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-long-text-row.h"
#include "eccp-field-row-private.h"
#include "eccp-widget-util.h"

struct _EccpLongTextRow
{
  EccpFieldRowBase  parent_instance;

  GtkTextBuffer    *buffer;
  char             *initial_text;
};

static void field_row_iface_init (EccpFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpLongTextRow, eccp_long_text_row, ECCP_TYPE_FIELD_ROW_BASE,
                               G_IMPLEMENT_INTERFACE (ECCP_TYPE_FIELD_ROW, field_row_iface_init))

static JsonNode *
long_text_row_get_value (EccpFieldRow  *row,
                         char         **message)
{
  EccpLongTextRow *self = ECCP_LONG_TEXT_ROW (row);
  EccpFieldRowBase *base = ECCP_FIELD_ROW_BASE (row);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);

  if (g_str_equal (text, self->initial_text))
    return _eccp_field_row_base_initial_copy (base);

  node = eccp_field_spec_parse_text (_eccp_field_row_base_get_field (base), text, &error);
  if (node == NULL)
    *message = _eccp_field_row_strip_label (_eccp_field_row_base_get_label (base), error->message);

  return node;
}

static void
field_row_iface_init (EccpFieldRowInterface *iface)
{
  iface->get_value = long_text_row_get_value;
}

static void
eccp_long_text_row_build (EccpFieldRowBase *base,
                          JsonNode         *original)
{
  EccpLongTextRow *self = ECCP_LONG_TEXT_ROW (base);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  self->initial_text = eccp_field_spec_format_value (_eccp_field_row_base_get_field (base), original);
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (self->buffer, self->initial_text, -1);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_widget_add_css_class (view, "editor-text");
  eccp_widget_set_accessible_label (view, _eccp_field_row_base_get_label (base));

  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "editor-text-frame");
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (_eccp_field_row_emit_changed), self,
                           G_CONNECT_SWAPPED);

  _eccp_field_row_base_set_widgets (base, frame, view);
}

static void
eccp_long_text_row_finalize (GObject *object)
{
  EccpLongTextRow *self = (EccpLongTextRow *)object;

  g_clear_pointer (&self->initial_text, g_free);

  G_OBJECT_CLASS (eccp_long_text_row_parent_class)->finalize (object);
}

static void
eccp_long_text_row_class_init (EccpLongTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eccp_long_text_row_finalize;
  ECCP_FIELD_ROW_BASE_CLASS (klass)->build = eccp_long_text_row_build;
  ECCP_FIELD_ROW_BASE_CLASS (klass)->wants_group = TRUE;
}

static void
eccp_long_text_row_init (EccpLongTextRow *self)
{
}
