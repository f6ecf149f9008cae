/* eccp-record-list.c: a GListModel of records that pages from the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list never holds a whole table: get_n_items() is one COUNT, and
 * a row is read with the page of PAGE_SIZE rows around it.  A list view
 * asks only for the rows it shows, so opening 100,000 clusters costs what
 * opening 10 does.  At most MAX_PAGES pages are kept; further pages push
 * out the least recently used.
 *
 * The list views take rows with eccp_record_list_peek(): a page not in
 * hand is read on the store's reader thread, and ::page-read says when it
 * is (the row shows "Loading…" until then).  A page deep in the list is a
 * deep OFFSET, 70 ms at row 50,000 of 100,000 clusters: too long for a
 * frame.  Requests for a page are made once; at most MAX_PAGE_READS are
 * on their way, a newer one cancelling the oldest (a scroll bar dragged
 * across the list asks for a page a frame), and a new query or a refresh
 * cancels them all (a refresh asks again for those, once it answered).
 * g_list_model_get_item() stays synchronous on the caller's connection,
 * for the callers that need the record now (activation, the tests).
 *
 * A new query (a letter typed in the search) and a refresh are read on
 * the store's reader thread (eccp_store_run_async()): the count and the
 * first page, or the count and every kept page, with a connection of that
 * thread's own.  Until the answer comes the list goes on showing what it
 * showed, read with the query it was read with; a newer read cancels an
 * older one, inside SQLite if need be.  ::will-update and ::updated frame
 * the moment the answer replaces the rows, for the owner of a selection.
 *
 * When the store changes (an edit, a page of the feed), refresh() reads the
 * kept pages again and reports only the rows that differ, so that rows the
 * user looks at do not flicker and the selection stays.
 *
 * A query that depends on now (a call's status, "Soonest first") is read
 * at one now the list pins, unless the caller gave one: pages read
 * minutes apart would otherwise disagree (a call closing in between
 * listed twice, or never).  refresh() moves it to the new now.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-list.h"

#include "eccp-record-list-jobs.h"

#define PAGE_SIZE ECCP_RECORD_LIST_PAGE_SIZE
#define MAX_PAGES 16
/* A row this close to its page's edge has the neighbouring page read too,
 * so that a wheel's pace (a few rows a frame) never meets a row not read */
#define PREFETCH_ROWS 30
#define MAX_PAGE_READS 4

struct _EccpRecordList
{
  GObject     parent_instance;

  EccpStore  *store;
  /* What was asked for last, and what the rows are read with: the two
   * differ while a read is on the reader thread. */
  EccpQuery  *query;
  EccpQuery  *shown_query;
  gboolean    own_now;  /* the query's now is the list's, not the caller's */
  guint       n_items;
  /* The read on the reader thread, if any */
  GCancellable *reading;
  gboolean    reading_fresh;  /* that read is a refresh of the rows shown */
  gboolean    loading;
  /* page number → GPtrArray of EccpRecord */
  GHashTable *pages;
  /* page numbers, most recently used last */
  GQueue      page_order;
  /* Pages asked for by peek(), on the reader thread: page number →
   * GCancellable, and the page numbers, oldest first */
  GHashTable *page_reads;
  GQueue      page_read_order;
  /* Pages asked for while a new query or a refresh is read: asked for
   * again when a refresh answers (a new query's rows are asked for anew) */
  GHashTable *pages_wanted;
  /* Counts the answers that replaced rows: a page read for rows that
   * were replaced since is not kept */
  guint       generation;
  GError     *error;
};

static void list_model_iface_init (GListModelInterface *iface);
static void start_new_read        (EccpRecordList      *self);
static void cancel_page_reads     (EccpRecordList      *self,
                                   gboolean             want_again);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpRecordList, eccp_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WILL_UPDATE,
  UPDATED,
  PAGE_READ,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_error (EccpRecordList *self,
           GError         *error)
{
  if (error != NULL)
    g_warning ("Could not read the list: %s", error->message);
  g_clear_error (&self->error);
  self->error = error;
}

/* Takes a copy of @query, its now pinned when it has none */
static void
take_query (EccpRecordList *self,
            EccpQuery      *query)
{
  GDateTime *now = eccp_query_get_now (query);
  /* The list's own query given back (get_query) keeps its now the list's */
  gboolean own_now = now == NULL || (self->own_now && self->query != NULL &&
                                     now == eccp_query_get_now (self->query));

  g_clear_pointer (&self->query, eccp_query_free);
  self->query = eccp_query_copy (query);
  eccp_query_set_range (self->query, 0, 0);
  self->own_now = own_now;
}

static void
pin_now (EccpRecordList *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (!self->own_now)
    return;

  now = g_date_time_new_now_utc ();
  eccp_query_set_now (self->query, now);
}

/* A page the list view asks for that is not kept: on the caller's
 * connection, a millisecond or two through the indexes. */
static GPtrArray *
read_page (EccpRecordList *self,
           guint           page)
{
  GError *error = NULL;
  GPtrArray *records = eccp_list_read_page (self->store, self->shown_query, page, &error);

  if (records == NULL)
    {
      set_error (self, error);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return records;
}

static void
forget_pages (EccpRecordList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

/* Keeps @records as @page, the most recently read. */
static void
keep_page (EccpRecordList *self,
           guint           page,
           GPtrArray      *records)
{
  if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (page)))
    g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), records);
  g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->page_order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));
}

/* Makes @page the most recently used, so the pages shown stay. */
static void
touch_page (EccpRecordList *self,
            guint           page)
{
  if (GPOINTER_TO_UINT (g_queue_peek_tail (&self->page_order)) == page)
    return;

  g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
  g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
}

static GPtrArray *
get_page (EccpRecordList *self,
          guint           page)
{
  GPtrArray *records = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (records != NULL)
    return records;

  records = read_page (self, page);
  keep_page (self, page, records);

  return records;
}

/* GListModel */

static GType
eccp_record_list_get_item_type (GListModel *model)
{
  return ECCP_TYPE_RECORD;
}

static guint
eccp_record_list_get_n_items (GListModel *model)
{
  return ECCP_RECORD_LIST (model)->n_items;
}

static gpointer
eccp_record_list_get_item (GListModel *model,
                           guint       position)
{
  EccpRecordList *self = ECCP_RECORD_LIST (model);
  GPtrArray *records;
  guint index;

  if (position >= self->n_items)
    return NULL;

  records = get_page (self, position / PAGE_SIZE);
  index = position % PAGE_SIZE;

  /* The store changed under us and has not told yet: fewer rows. */
  if (index >= records->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (records, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = eccp_record_list_get_item_type;
  iface->get_n_items = eccp_record_list_get_n_items;
  iface->get_item = eccp_record_list_get_item;
}

/* Object life */

static void
eccp_record_list_finalize (GObject *object)
{
  EccpRecordList *self = (EccpRecordList *)object;

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  cancel_page_reads (self, FALSE);
  g_clear_pointer (&self->page_reads, g_hash_table_unref);
  g_clear_pointer (&self->pages_wanted, g_hash_table_unref);
  forget_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, eccp_query_free);
  g_clear_pointer (&self->shown_query, eccp_query_free);
  g_clear_object (&self->store);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (eccp_record_list_parent_class)->finalize (object);
}

static void
eccp_record_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EccpRecordList *self = ECCP_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_record_list_class_init (EccpRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eccp_record_list_finalize;
  object_class->get_property = eccp_record_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * EccpRecordList:loading:
   *
   * A read is on the store's reader thread: a new query's rows, or the
   * kept rows read again.  The rows shown are the previous ones.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EccpRecordList::will-update:
   *
   * A read's answer is about to replace rows (items-changed follows).
   */
  signals[WILL_UPDATE] = g_signal_new ("will-update",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);

  /**
   * EccpRecordList::updated:
   *
   * A read's answer replaced the rows that differ (or all of them, for a
   * new query), and #EccpRecordList:loading is %FALSE unless a newer read
   * is on its way.
   */
  signals[UPDATED] = g_signal_new ("updated",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  /**
   * EccpRecordList::page-read:
   * @position: the first row read
   * @n_rows: how many
   *
   * A page asked for by eccp_record_list_peek() was read: peek() has the
   * records of these rows now.  The rows are the ones there were: no
   * items-changed.
   */
  signals[PAGE_READ] = g_signal_new ("page-read",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
eccp_record_list_init (EccpRecordList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
  self->page_reads = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_queue_init (&self->page_read_order);
  self->pages_wanted = g_hash_table_new (NULL, NULL);
}

EccpRecordList *
eccp_record_list_new (EccpStore *store,
                      EccpQuery *query)
{
  EccpRecordList *self;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (ECCP_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  take_query (self, query);
  pin_now (self);
  self->shown_query = eccp_query_copy (self->query);
  start_new_read (self);

  return self;
}

EccpStore *
eccp_record_list_get_store (EccpRecordList *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_LIST (self), NULL);

  return self->store;
}

const EccpQuery *
eccp_record_list_get_query (EccpRecordList *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_LIST (self), NULL);

  return self->query;
}

static guint
find_in_page (EccpRecordList *self,
              guint           page,
              GPtrArray      *records,
              const char     *id)
{
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (eccp_record_get_id (g_ptr_array_index (records, i)), id) == 0
        && page * PAGE_SIZE + i < self->n_items)
      return page * PAGE_SIZE + i;

  return G_MAXUINT;
}

guint
eccp_record_list_find (EccpRecordList *self,
                       const char     *id)
{
  GHashTableIter iter;
  gpointer page;
  gpointer records;

  g_return_val_if_fail (ECCP_IS_RECORD_LIST (self), G_MAXUINT);

  if (id == NULL || self->n_items == 0)
    return G_MAXUINT;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &page, &records))
    {
      guint position = find_in_page (self, GPOINTER_TO_UINT (page), records, id);

      if (position != G_MAXUINT)
        return position;
    }

  if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (0)))
    return G_MAXUINT;

  return find_in_page (self, 0, get_page (self, 0), id);
}

const GError *
eccp_record_list_get_error (EccpRecordList *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_LIST (self), NULL);

  return self->error;
}

/* Every row is replaced: said as one change.  A GTK 4.8 list view fed
 * this directly would look for the rows it shows among all the new items,
 * reading every page of 100,000 clusters; the views show it through
 * EccpRecordSlots, which keeps their rows and reports only the change of
 * length. */
static void
replace_all (EccpRecordList *self,
             guint           old_n_items,
             guint           new_n_items)
{
  self->n_items = new_n_items;
  if (old_n_items > 0 || new_n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, new_n_items);

  if (old_n_items != new_n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* {{{ Reading on the store's reader thread */

static void
set_loading (EccpRecordList *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* A new query: every row is new. */
static void
take_new_rows (EccpRecordList     *self,
               EccpListReadResult *result)
{
  guint old_n_items = self->n_items;

  forget_pages (self);
  for (guint i = 0; i < result->pages->len; i++)
    keep_page (self, g_array_index (result->pages, guint, i),
               g_ptr_array_ref (g_ptr_array_index (result->records, i)));
  replace_all (self, old_n_items, (guint) MIN (result->count, G_MAXUINT));
}

/* The same query read again: when as many rows as before, only the rows
 * that differ are reported, one by one. */
static void
take_fresh_rows (EccpRecordList     *self,
                 EccpListReadResult *result)
{
  guint new_n_items = (guint) MIN (result->count, G_MAXUINT);

  if (new_n_items != self->n_items)
    {
      /* Rows came or went: where, the count alone cannot say. */
      take_new_rows (self, result);
      return;
    }

  for (guint p = 0; p < result->pages->len; p++)
    {
      guint page = g_array_index (result->pages, guint, p);
      GPtrArray *new_records = g_ptr_array_index (result->records, p);
      GPtrArray *old_records = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
      g_autoptr(GPtrArray) old_ref = old_records != NULL ? g_ptr_array_ref (old_records) : NULL;

      keep_page (self, page, g_ptr_array_ref (new_records));

      /* Pushed out since it was asked for: nobody shows its rows */
      if (old_ref == NULL)
        continue;

      for (guint i = 0; i < MAX (old_ref->len, new_records->len); i++)
        {
          guint position = page * PAGE_SIZE + i;

          if (position >= self->n_items)
            break;

          if (i >= old_ref->len || i >= new_records->len
              || !eccp_record_is_same (g_ptr_array_index (old_ref, i), g_ptr_array_index (new_records, i)))
            g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
    }
}

/* {{{ Pages the views scroll to, read on the reader thread */

typedef struct
{
  EccpRecordList *self;        /* weak */
  guint           page;
  guint           generation;  /* of the rows it is read for */
  GCancellable   *cancellable;
} PageCall;

static void
page_call_free (PageCall *call)
{
  g_clear_weak_pointer (&call->self);
  g_clear_object (&call->cancellable);
  g_free (call);
}

static void
forget_page_read (EccpRecordList *self,
                  guint           page)
{
  g_queue_remove (&self->page_read_order, GUINT_TO_POINTER (page));
  g_hash_table_remove (self->page_reads, GUINT_TO_POINTER (page));
}

static void
page_read_cb (GObject      *object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  PageCall *call = user_data;
  EccpRecordList *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = eccp_store_run_finish (ECCP_STORE (object), async_result, &error);

  if (self == NULL || g_cancellable_is_cancelled (call->cancellable)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      /* The store's workers were closed: nothing for the user to read */
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED)
      || call->generation != self->generation)
    {
      page_call_free (call);
      return;
    }

  if (g_hash_table_lookup (self->page_reads, GUINT_TO_POINTER (call->page)) == call->cancellable)
    forget_page_read (self, call->page);

  if (records == NULL)
    set_error (self, g_steal_pointer (&error));
  else
    {
      guint n_rows = records->len;

      keep_page (self, call->page, g_steal_pointer (&records));
      g_signal_emit (self, signals[PAGE_READ], 0, call->page * PAGE_SIZE, n_rows);
    }

  page_call_free (call);
}

/* Asks the reader thread for @page of the rows shown, once. */
static void
read_page_async (EccpRecordList *self,
                 guint           page)
{
  EccpListPageRequest *request;
  PageCall *call;

  if ((guint64) page * PAGE_SIZE >= self->n_items
      || g_hash_table_contains (self->pages, GUINT_TO_POINTER (page))
      || g_hash_table_contains (self->page_reads, GUINT_TO_POINTER (page)))
    return;

  /* The rows shown are about to be replaced: asked for when they are */
  if (self->reading != NULL)
    {
      g_hash_table_add (self->pages_wanted, GUINT_TO_POINTER (page));
      return;
    }

  /* The oldest request is the one scrolled away from */
  while (g_queue_get_length (&self->page_read_order) >= MAX_PAGE_READS)
    {
      guint oldest = GPOINTER_TO_UINT (g_queue_peek_head (&self->page_read_order));

      g_cancellable_cancel (g_hash_table_lookup (self->page_reads, GUINT_TO_POINTER (oldest)));
      forget_page_read (self, oldest);
    }

  request = g_new0 (EccpListPageRequest, 1);
  request->query = eccp_query_copy (self->shown_query);
  request->page = page;
  call = g_new0 (PageCall, 1);
  g_set_weak_pointer (&call->self, self);
  call->page = page;
  call->generation = self->generation;
  call->cancellable = g_cancellable_new ();
  g_hash_table_insert (self->page_reads, GUINT_TO_POINTER (page), g_object_ref (call->cancellable));
  g_queue_push_tail (&self->page_read_order, GUINT_TO_POINTER (page));

  eccp_store_run_async (self->store, ECCP_STORE_JOB_READ, eccp_list_page_job,
                        request, (GDestroyNotify) eccp_list_page_request_free,
                        (GDestroyNotify) g_ptr_array_unref,
                        call->cancellable, page_read_cb, call);
}

/* Cancels the page reads on their way; with @want_again, they are asked
 * for again once the read that replaces them answers. */
static void
cancel_page_reads (EccpRecordList *self,
                   gboolean        want_again)
{
  GHashTableIter iter;
  gpointer page;
  gpointer cancellable;

  g_hash_table_iter_init (&iter, self->page_reads);
  while (g_hash_table_iter_next (&iter, &page, &cancellable))
    {
      g_cancellable_cancel (cancellable);
      if (want_again)
        g_hash_table_add (self->pages_wanted, page);
    }
  g_hash_table_remove_all (self->page_reads);
  g_queue_clear (&self->page_read_order);
}

/* }}} */

typedef struct
{
  EccpRecordList *self;   /* weak: the list may go while the read is on */
  gboolean        fresh;  /* a refresh, not a new query */
} ReadCall;

static void
read_cb (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  ReadCall *call = user_data;
  EccpRecordList *self = call->self;
  g_autoptr(GError) error = NULL;
  EccpListReadResult *result;

  result = eccp_store_run_finish (ECCP_STORE (object), async_result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* A newer read took over, or the list is gone */
      g_clear_weak_pointer (&call->self);
      g_free (call);
      g_clear_pointer (&result, eccp_list_read_result_free);
      return;
    }

  g_clear_weak_pointer (&call->self);
  g_clear_object (&self->reading);
  /* Pages read for the rows of before are not theirs any more */
  self->generation++;

  /* The store's workers were closed (the app quits, the store changes):
   * nothing for the user to read; the rows shown stay as they are. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      set_loading (self, FALSE);
      g_free (call);
      return;
    }

  g_signal_emit (self, signals[WILL_UPDATE], 0);
  if (result == NULL)
    {
      guint old_n_items = self->n_items;

      /* Said, and shown as no rows rather than rows of another query */
      set_error (self, g_steal_pointer (&error));
      forget_pages (self);
      replace_all (self, old_n_items, 0);
    }
  else
    {
      set_error (self, NULL);
      g_clear_pointer (&self->shown_query, eccp_query_free);
      self->shown_query = eccp_query_copy (result->query);
      if (call->fresh)
        take_fresh_rows (self, result);
      else
        take_new_rows (self, result);
    }
  set_loading (self, FALSE);
  g_signal_emit (self, signals[UPDATED], 0);

  /* The rows of a refresh are the rows of before: the pages they were
   * waiting for are read now.  A new query's rows are asked for anew. */
  if (result != NULL && call->fresh)
    {
      g_autoptr(GList) wanted = g_hash_table_get_keys (self->pages_wanted);

      g_hash_table_remove_all (self->pages_wanted);
      for (GList *l = wanted; l != NULL; l = l->next)
        read_page_async (self, GPOINTER_TO_UINT (l->data));
    }
  else
    g_hash_table_remove_all (self->pages_wanted);

  g_clear_pointer (&result, eccp_list_read_result_free);
  g_free (call);
}

/* Reads the count and @pages of the query on the reader thread, instead
 * of any read still on its way. */
static void
start_read (EccpRecordList *self,
            GArray         *pages,
            gboolean        fresh)
{
  EccpListReadRequest *request = g_new0 (EccpListReadRequest, 1);
  ReadCall *call = g_new0 (ReadCall, 1);

  cancel_page_reads (self, TRUE);
  if (self->reading != NULL)
    {
      /* What the older read would have shown is out of date.  A refresh
       * that replaces a new query's read is that new query's read. */
      if (fresh && !self->reading_fresh)
        {
          fresh = FALSE;
          g_array_set_size (pages, 0);
          g_array_append_val (pages, (guint) { 0 });
        }
      g_cancellable_cancel (self->reading);
      g_clear_object (&self->reading);
    }

  request->query = eccp_query_copy (self->query);
  request->pages = pages;
  call->fresh = fresh;
  g_set_weak_pointer (&call->self, self);
  self->reading = g_cancellable_new ();
  self->reading_fresh = fresh;
  set_loading (self, TRUE);

  eccp_store_run_async (self->store, ECCP_STORE_JOB_READ, eccp_list_read_job,
                        request, (GDestroyNotify) eccp_list_read_request_free,
                        (GDestroyNotify) eccp_list_read_result_free,
                        self->reading, read_cb, call);
}

static void
start_new_read (EccpRecordList *self)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_val (pages, (guint) { 0 });
  start_read (self, pages, FALSE);
}

/* }}} */

void
eccp_record_list_set_query (EccpRecordList *self,
                            EccpQuery      *query)
{
  g_return_if_fail (ECCP_IS_RECORD_LIST (self));
  g_return_if_fail (query != NULL);

  take_query (self, query);
  pin_now (self);
  start_new_read (self);
}

void
eccp_record_list_refresh (EccpRecordList *self)
{
  g_autoptr(GList) kept = NULL;
  GArray *pages;

  g_return_if_fail (ECCP_IS_RECORD_LIST (self));

  /* Every kept page is read again, so all of them move to the new now */
  pin_now (self);

  pages = g_array_new (FALSE, FALSE, sizeof (guint));
  kept = g_queue_peek_head_link (&self->page_order) != NULL
    ? g_list_copy (g_queue_peek_head_link (&self->page_order)) : NULL;
  for (GList *l = kept; l != NULL; l = l->next)
    g_array_append_val (pages, (guint) { GPOINTER_TO_UINT (l->data) });
  if (pages->len == 0)
    g_array_append_val (pages, (guint) { 0 });

  start_read (self, pages, TRUE);
}

gboolean
eccp_record_list_is_loading (EccpRecordList *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_LIST (self), FALSE);

  return self->loading;
}

EccpRecord *
eccp_record_list_peek (EccpRecordList *self,
                       guint           position)
{
  GPtrArray *records;
  guint page;
  guint index;

  g_return_val_if_fail (ECCP_IS_RECORD_LIST (self), NULL);

  if (position >= self->n_items)
    return NULL;

  page = position / PAGE_SIZE;
  index = position % PAGE_SIZE;
  records = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (records != NULL)
    touch_page (self, page);
  else
    read_page_async (self, page);

  /* The page the view scrolls towards, before it gets there */
  if (index >= PAGE_SIZE - PREFETCH_ROWS)
    read_page_async (self, page + 1);
  else if (index < PREFETCH_ROWS && page > 0)
    read_page_async (self, page - 1);

  return records != NULL && index < records->len ? g_ptr_array_index (records, index) : NULL;
}
