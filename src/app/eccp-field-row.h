/* eccp-field-row.h: what every editor of one field does
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-field-spec.h"
#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_FIELD_ROW (eccp_field_row_get_type ())

G_DECLARE_INTERFACE (EccpFieldRow, eccp_field_row, ECCP, FIELD_ROW, GObject)

/* How a field's message is shown. */
typedef enum
{
  ECCP_FIELD_MESSAGE_NONE,
  ECCP_FIELD_MESSAGE_HINT,  /* dim: "Required" before the field was touched */
  ECCP_FIELD_MESSAGE_ERROR, /* red, and the row is marked as an error */
} EccpFieldMessageKind;

/* One class per editor kind (EccpEntryRow, EccpLongTextRow, EccpChoiceRow,
 * EccpMultiChoiceRow, EccpSwitchRow, EccpTimeListRow, EccpRelationRow)
 * implements it; EccpFieldRowBase holds what they share. */
struct _EccpFieldRowInterface
{
  GTypeInterface parent_iface;

  const EccpFieldSpec *(*get_field)     (EccpFieldRow         *self);
  const char          *(*get_path)      (EccpFieldRow         *self);
  gboolean             (*wants_group)   (EccpFieldRow         *self);
  void                 (*attach)        (EccpFieldRow         *self,
                                         AdwPreferencesGroup  *group);
  JsonNode            *(*get_value)     (EccpFieldRow         *self,
                                         char                **message);
  gboolean             (*is_changed)    (EccpFieldRow         *self);
  void                 (*set_message)   (EccpFieldRow         *self,
                                         EccpFieldMessageKind  kind,
                                         const char           *message);
  void                 (*set_time_zone) (EccpFieldRow         *self,
                                         GTimeZone            *zone);
  void                 (*focus)         (EccpFieldRow         *self);
};

/* The editor for @field (whose value lives at @path: its name, or
 * "members.sme" for a part of an object field), showing @original (%NULL
 * for a new record: the field's default): the class that
 * eccp_field_spec_get_editor() names.  Not for objects (their parts have
 * editors).  The widgets are added to a group by eccp_field_row_attach().
 * "changed" is emitted on every edit. */
EccpFieldRow        *eccp_field_row_new            (EccpStore            *store,
                                                    const EccpFieldSpec  *field,
                                                    const char           *path,
                                                    JsonNode             *original,
                                                    gboolean              creating);
const EccpFieldSpec *eccp_field_row_get_field      (EccpFieldRow         *self);
const char          *eccp_field_row_get_path       (EccpFieldRow         *self);
/* Fields with rows of their own (long text, relations, lists of times)
 * want a group titled with their label; the others go into "Details". */
gboolean             eccp_field_row_wants_group    (EccpFieldRow         *self);
void                 eccp_field_row_attach         (EccpFieldRow         *self,
                                                    AdwPreferencesGroup  *group);

/* The value the form holds now, as the store wants it (a relation as
 * {"data": …}); a null node when there is none.  %NULL when the text typed
 * is not a value of the field's kind: @message (transfer full) says why. */
JsonNode            *eccp_field_row_get_value      (EccpFieldRow         *self,
                                                    char                **message);
/* Whether the value differs from the original (or the default). */
gboolean             eccp_field_row_is_changed     (EccpFieldRow         *self);

void                 eccp_field_row_set_message    (EccpFieldRow         *self,
                                                    EccpFieldMessageKind  kind,
                                                    const char           *message);
/* The time zone times are shown and read in (ECCP_FIELD_TIME and lists of
 * them): an event's own; %NULL for each value's own offset.  Other
 * editors ignore it. */
void                 eccp_field_row_set_time_zone  (EccpFieldRow         *self,
                                                    GTimeZone            *zone);
/* Focuses the field's first control. */
void                 eccp_field_row_focus          (EccpFieldRow         *self);

G_END_DECLS
