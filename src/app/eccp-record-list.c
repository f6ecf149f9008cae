/* eccp-record-list.c: a GListModel of records that pages from the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list never holds a whole table: get_n_items() is one COUNT, and
 * get_item() reads the page of PAGE_SIZE rows around the position, one
 * indexed query of a millisecond or two.  A list view asks only for the
 * rows it shows, so opening 100,000 clusters costs what opening 10 does.
 * At most MAX_PAGES pages are kept; further pages push out the oldest.
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

#define PAGE_SIZE 100
#define MAX_PAGES 16

struct _EccpRecordList
{
  GObject     parent_instance;

  EccpStore  *store;
  EccpQuery  *query;
  gboolean    own_now;  /* the query's now is the list's, not the caller's */
  guint       n_items;
  /* page number → GPtrArray of EccpRecord */
  GHashTable *pages;
  /* page numbers, most recently read last */
  GQueue      page_order;
  GError     *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpRecordList, eccp_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static guint
count_items (EccpRecordList *self)
{
  GError *error = NULL;
  gint64 count = eccp_store_count (self->store, self->query, &error);

  if (count < 0)
    {
      set_error (self, error);
      return 0;
    }

  return (guint) MIN (count, G_MAXUINT);
}

static GPtrArray *
read_page (EccpRecordList *self,
           guint           page)
{
  g_autoptr(EccpQuery) query = eccp_query_copy (self->query);
  GError *error = NULL;
  GPtrArray *records;

  eccp_query_set_range (query, page * PAGE_SIZE, PAGE_SIZE);
  records = eccp_store_query (self->store, query, &error);
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

static GPtrArray *
get_page (EccpRecordList *self,
          guint           page)
{
  GPtrArray *records = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (records != NULL)
    return records;

  records = read_page (self, page);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), records);
  g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->page_order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));

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

  forget_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, eccp_query_free);
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eccp_record_list_init (EccpRecordList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
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
  self->n_items = count_items (self);

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

void
eccp_record_list_set_query (EccpRecordList *self,
                            EccpQuery      *query)
{
  guint old_n_items;

  g_return_if_fail (ECCP_IS_RECORD_LIST (self));
  g_return_if_fail (query != NULL);

  take_query (self, query);
  pin_now (self);

  set_error (self, NULL);
  forget_pages (self);
  old_n_items = self->n_items;
  replace_all (self, old_n_items, count_items (self));
}

void
eccp_record_list_refresh (EccpRecordList *self)
{
  g_autoptr(GList) kept = NULL;
  guint old_n_items;

  g_return_if_fail (ECCP_IS_RECORD_LIST (self));

  old_n_items = self->n_items;
  set_error (self, NULL);
  /* Every kept page is read again below, so all of them move to it */
  pin_now (self);
  self->n_items = count_items (self);

  if (self->n_items != old_n_items)
    {
      /* Rows came or went: where, the count alone cannot say. */
      guint new_n_items = self->n_items;

      forget_pages (self);
      replace_all (self, old_n_items, new_n_items);
      return;
    }

  /* The same number of rows: read the kept pages again and report the rows
   * that differ, one by one. */
  kept = g_hash_table_get_keys (self->pages);
  for (GList *l = kept; l != NULL; l = l->next)
    {
      guint page = GPOINTER_TO_UINT (l->data);
      GPtrArray *old_records = g_hash_table_lookup (self->pages, l->data);
      g_autoptr(GPtrArray) old_ref = NULL;
      GPtrArray *new_records;
      guint n;

      /* Reading a row below may have pushed this page out. */
      if (old_records == NULL)
        continue;

      old_ref = g_ptr_array_ref (old_records);
      new_records = read_page (self, page);
      n = MAX (old_ref->len, new_records->len);

      g_hash_table_insert (self->pages, l->data, new_records);

      for (guint i = 0; i < n; i++)
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
