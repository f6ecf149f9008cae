/* eccp-criteria-list.h: a cluster's publication criteria, as a checklist
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-record.h"

G_BEGIN_DECLS

#define ECCP_TYPE_CRITERIA_LIST (eccp_criteria_list_get_type ())

G_DECLARE_FINAL_TYPE (EccpCriteriaList, eccp_criteria_list, ECCP, CRITERIA_LIST, AdwPreferencesGroup)

GtkWidget  *eccp_criteria_list_new        (void);
/* The record judged: the list shows only for a cluster (hidden
 * otherwise), and follows each record set. */
void        eccp_criteria_list_set_record (EccpCriteriaList *self,
                                           EccpRecord       *record);
EccpRecord *eccp_criteria_list_get_record (EccpCriteriaList *self);
/* Every criterion is met (%FALSE without a cluster) */
gboolean    eccp_criteria_list_get_met    (EccpCriteriaList *self);

G_END_DECLS
