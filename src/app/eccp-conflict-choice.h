/* eccp-conflict-choice.h: one decision of the conflict dialog
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-field-row.h"
#include "eccp-store-sync.h"

G_BEGIN_DECLS

/* For EccpConflictDialog, which reads the fields and leaves them be. */
typedef struct _EccpConflictChoice EccpConflictChoice;

struct _EccpConflictChoice
{
  char                *name;        /* the field, "" for the record itself */
  const EccpFieldSpec *field;       /* NULL for "" or a field the specs do not know */
  AdwPreferencesGroup *group;
  GtkCheckButton      *mine_check;
  GtkCheckButton      *theirs_check;
  GtkCheckButton      *value_check; /* NULL when no value can be typed */
  /* The editors to type another value in, starting from mine: one
   * EccpFieldRow, or one per part of an object field; in editor_box,
   * which is sensitive while value_check is active. */
  GPtrArray           *rows;
  GtkWidget           *editor_box;
  JsonNode            *conflict;    /* {"base", "theirs", "mine"} as last shown */
};

/* A field in conflict (@field %NULL for one the specs do not know: mine or
 * theirs only). */
EccpConflictChoice *_eccp_conflict_choice_new_field    (EccpStore           *store,
                                                        const char          *name,
                                                        const EccpFieldSpec *field,
                                                        JsonNode            *conflict);
/* The record deleted on one side and edited on the other. */
EccpConflictChoice *_eccp_conflict_choice_new_record   (const EccpChange    *change,
                                                        JsonNode            *conflict);
void                _eccp_conflict_choice_free         (gpointer             choice);
/* The signals that point at @choice, before it goes. */
void                _eccp_conflict_choice_disconnect   (EccpConflictChoice  *choice);
/* What the person chose and typed in @old (the same field, shown before
 * the portal's version changed), carried into @choice. */
void                _eccp_conflict_choice_carry_over   (EccpConflictChoice  *choice,
                                                        EccpConflictChoice  *old);
/* Checks the typed value, when that is the choice, and says what is
 * wrong under its row.  Returns that row, %NULL when it can be resolved
 * so. */
EccpFieldRow       *_eccp_conflict_choice_check        (EccpConflictChoice  *choice);
EccpResolveChoice   _eccp_conflict_choice_get_decision (EccpConflictChoice  *choice);
/* The typed value, checked like any edit; %NULL with @error. */
JsonNode           *_eccp_conflict_choice_get_value    (EccpConflictChoice  *choice,
                                                        GError             **error);

G_END_DECLS
