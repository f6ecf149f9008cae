/* eccp-field-row-base.h: what the editors of one field share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-row.h"

G_BEGIN_DECLS

#define ECCP_TYPE_FIELD_ROW_BASE (eccp_field_row_base_get_type ())

G_DECLARE_DERIVABLE_TYPE (EccpFieldRowBase, eccp_field_row_base, ECCP, FIELD_ROW_BASE, GObject)

struct _EccpFieldRowBaseClass
{
  GObjectClass parent_class;

  /* Whether the field wants a group of its own (eccp_field_row_wants_group()). */
  gboolean     wants_group;

  /* Makes the widgets, showing @original (%NULL: a new record's default),
   * and gives them to _eccp_field_row_base_set_widgets(). */
  void       (*build)            (EccpFieldRowBase    *self,
                                  JsonNode            *original);
  /* Adds the widgets to @group: "Details", or the field's own group when
   * it wants one.  The default adds the row given as @widget. */
  void       (*fill_group)       (EccpFieldRowBase    *self,
                                  AdwPreferencesGroup *group);
  /* Marks the widgets that hold the value as wrong, or not.  The default
   * marks @widget. */
  void       (*mark_error)       (EccpFieldRowBase    *self,
                                  gboolean             error);
  /* Where the focus goes and the message is told; the default is
   * @a11y_widget. */
  GtkWidget *(*get_focus_widget) (EccpFieldRowBase    *self);
};

/* A row of @type (an EccpFieldRowBase class) for @field: see
 * eccp_field_row_new(). */
EccpFieldRow        *_eccp_field_row_base_new         (GType                type,
                                                       EccpStore           *store,
                                                       const EccpFieldSpec *field,
                                                       const char          *path,
                                                       JsonNode            *original,
                                                       gboolean             creating);

/* For the row classes only. */
EccpStore           *_eccp_field_row_base_get_store   (EccpFieldRowBase    *self);
const EccpFieldSpec *_eccp_field_row_base_get_field   (EccpFieldRowBase    *self);
/* The field's label, translated. */
const char          *_eccp_field_row_base_get_label   (EccpFieldRowBase    *self);
/* The original value, or the default a new record starts with; %NULL
 * for none. */
JsonNode            *_eccp_field_row_base_get_initial (EccpFieldRowBase    *self);
void                 _eccp_field_row_base_set_initial (EccpFieldRowBase    *self,
                                                       JsonNode            *initial);
gboolean             _eccp_field_row_base_is_creating (EccpFieldRowBase    *self);
/* The group the widgets went into, %NULL before they are attached. */
AdwPreferencesGroup *_eccp_field_row_base_get_group   (EccpFieldRowBase    *self);
/* @widget: the row that stands for the field (marked as an error; %NULL
 * when no one row does); @a11y_widget: the control that is focused and
 * carries the message for a screen reader. */
void                 _eccp_field_row_base_set_widgets (EccpFieldRowBase    *self,
                                                       GtkWidget           *widget,
                                                       GtkWidget           *a11y_widget);
void                 _eccp_field_row_base_changed     (EccpFieldRowBase    *self);

/* The initial value (a copy), or a null node. */
JsonNode            *_eccp_field_row_base_initial_copy (EccpFieldRowBase   *self);

G_END_DECLS
