/* eccp-search-list.h: a search entry over a paged list of records
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "eccp-record-list.h"

G_BEGIN_DECLS

#define ECCP_TYPE_SEARCH_LIST (eccp_search_list_get_type ())

G_DECLARE_FINAL_TYPE (EccpSearchList, eccp_search_list, ECCP, SEARCH_LIST, GtkWidget)

void            eccp_search_list_set_store           (EccpSearchList *self,
                                                      EccpStore      *store);
EccpStore      *eccp_search_list_get_store           (EccpSearchList *self);
/* What the list shows before the search text: a type, filters, an order. */
void            eccp_search_list_set_query           (EccpSearchList *self,
                                                      EccpQuery      *query);
const EccpQuery *
                eccp_search_list_get_query           (EccpSearchList *self);
/* Selects @record's row when the list has it in hand, else no row, and
 * makes it the "selected-record". */
void            eccp_search_list_set_selected_record (EccpSearchList *self,
                                                      EccpRecord     *record);
EccpRecord     *eccp_search_list_get_selected_record (EccpSearchList *self);
/* The rows, or %NULL without a store. */
EccpRecordList *eccp_search_list_get_model           (EccpSearchList *self);
guint           eccp_search_list_get_n_items         (EccpSearchList *self);
const char     *eccp_search_list_get_search_text     (EccpSearchList *self);
void            eccp_search_list_set_search_text     (EccpSearchList *self,
                                                      const char     *text);
/* Typing anywhere in @widget goes to the search. */
void            eccp_search_list_capture_keys        (EccpSearchList *self,
                                                      GtkWidget      *widget);
void            eccp_search_list_focus_search        (EccpSearchList *self);
void            eccp_search_list_focus_list          (EccpSearchList *self);

G_END_DECLS
