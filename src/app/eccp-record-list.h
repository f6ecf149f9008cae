/* eccp-record-list.h: a GListModel of records that pages from the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_RECORD_LIST (eccp_record_list_get_type ())

G_DECLARE_FINAL_TYPE (EccpRecordList, eccp_record_list, ECCP, RECORD_LIST, GObject)

/* Empty until the first read, on the store's reader thread, answers
 * (EccpRecordList::updated). */
EccpRecordList *eccp_record_list_new       (EccpStore      *store,
                                            EccpQuery      *query);
EccpStore      *eccp_record_list_get_store (EccpRecordList *self);
const EccpQuery *
                eccp_record_list_get_query (EccpRecordList *self);
/* Shows what @query selects from now on (the list is reset once it is
 * read; until then it shows what it showed). */
void            eccp_record_list_set_query (EccpRecordList *self,
                                            EccpQuery      *query);
/* Reads the store again: rows whose record changed are replaced, the
 * others stay (so a selection and the scroll position survive a sync). */
void            eccp_record_list_refresh   (EccpRecordList *self);
/* The position of the record @id among the rows read so far (or the
 * first page), or G_MAXUINT (GTK_INVALID_LIST_POSITION): finding a row anywhere in
 * 100,000 would read them all. */
guint           eccp_record_list_find      (EccpRecordList *self,
                                            const char     *id);
/* The record at @position if its page is in hand, else %NULL, and then
 * its page is read on the store's reader thread (EccpRecordList::page-read
 * says when); near a page's edge the next page is asked for too.  For the
 * list views, which must not wait: g_list_model_get_item() reads on the
 * caller's connection instead. */
EccpRecord     *eccp_record_list_peek      (EccpRecordList *self,
                                            guint           position);
/* The last error reading the store, or %NULL. */
const GError   *eccp_record_list_get_error (EccpRecordList *self);
/* A read is on its way (EccpRecordList:loading). */
gboolean        eccp_record_list_is_loading (EccpRecordList *self);

G_END_DECLS
