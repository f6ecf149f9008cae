/* test-record-list.c: EccpRecordList, the paged list model, on a real store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No display needed: the model is what the list views show, read from a
 * real SQLite file holding the demo set.
 */

#include "config.h"

#include "eccp-test-util.h"
#include "ui-test-util.h"

#include "eccp-record-list.h"
#include "eccp-record-slot.h"
#include "eccp-record-slots.h"

typedef struct
{
  char      *dir;
  EccpStore *store;
} Fixture;

/* One items-changed emission. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("eccp-test-record-list-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, UI_TEST_DEMO_CLUSTERS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static EccpQuery *
cluster_query (const char *search)
{
  EccpQuery *query = eccp_query_new ("cluster");

  if (search != NULL)
    eccp_query_set_search (query, search);

  return query;
}

static gint64
store_count (Fixture    *fixture,
             EccpQuery  *query)
{
  g_autoptr(GError) error = NULL;
  gint64 count = eccp_store_count (fixture->store, query, &error);

  g_assert_no_error (error);

  return count;
}

/* The ids of the query's records from @offset, read straight from the store. */
static GPtrArray *
store_page (Fixture    *fixture,
            EccpQuery  *query,
            guint       offset,
            guint       limit)
{
  g_autoptr(EccpQuery) page = eccp_query_copy (query);
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  eccp_query_set_range (page, offset, limit);
  records = eccp_store_query (fixture->store, page, &error);
  g_assert_no_error (error);

  return records;
}

/* Until the list's read on the store's reader thread has answered */
static void
wait_read (EccpRecordList *list)
{
  while (eccp_record_list_is_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static EccpRecordList *
loaded_list (EccpStore *store,
             EccpQuery *query)
{
  EccpRecordList *list = eccp_record_list_new (store, query);

  /* Empty until the first answer */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  wait_read (list);

  return list;
}

static EccpRecord *
get_record (GListModel *model,
            guint       position)
{
  gpointer item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_assert_true (ECCP_IS_RECORD (item));

  return item;
}

static guint
find_position (GListModel *model,
               const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EccpRecord) record = get_record (model, i);

      if (g_strcmp0 (eccp_record_get_id (record), id) == 0)
        return i;
    }

  return G_MAXUINT;
}

/* Every page of a list is read at one now (a call's status, "Soonest
 * first" depend on it): the list pins it when the query has none, keeps
 * a caller's, and moves its own on refresh */
static void
test_pinned_now (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EccpQuery) query = cluster_query (NULL);
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, query);
  g_autoptr(GDateTime) pinned = NULL;
  g_autoptr(GDateTime) given = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  GDateTime *now;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_assert_cmpuint (n, >, 2 * 100);
  pinned = g_date_time_ref (eccp_query_get_now (eccp_record_list_get_query (list)));
  g_assert_nonnull (pinned);

  /* Reading the first and the last page: the same now */
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), n - 1));
  g_assert_true (eccp_query_get_now (eccp_record_list_get_query (list)) == pinned);

  /* A reload reads at a new now, for every page */
  eccp_record_list_refresh (list);
  wait_read (list);
  now = eccp_query_get_now (eccp_record_list_get_query (list));
  g_assert_true (now != pinned);
  g_assert_cmpint (g_date_time_compare (now, pinned), >=, 0);

  /* The list's own query given back stays the list's to move */
  {
    g_autoptr(EccpQuery) again = eccp_query_copy (eccp_record_list_get_query (list));
    g_autoptr(GDateTime) before = g_date_time_ref (now);

    eccp_record_list_set_query (list, again);

    wait_read (list);
    eccp_record_list_refresh (list);
    wait_read (list);
    g_assert_true (eccp_query_get_now (eccp_record_list_get_query (list)) != before);
  }

  /* A caller's now is the caller's: kept through a refresh */
  eccp_query_set_now (query, given);
  eccp_record_list_set_query (list, query);
  wait_read (list);
  eccp_record_list_refresh (list);
  wait_read (list);
  g_assert_true (g_date_time_equal (eccp_query_get_now (eccp_record_list_get_query (list)), given));
}

/* The count is one COUNT, and items are the store's rows in the store's
 * order, page after page. */
static void
test_items (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EccpQuery) query = cluster_query (NULL);
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, query);
  GListModel *model = G_LIST_MODEL (list);
  guint n = g_list_model_get_n_items (model);
  guint positions[] = { 0, 1, 99, 100, 101, 150, 0 };
  guint n_property = 0;

  g_assert_cmpint (g_list_model_get_item_type (model), ==, ECCP_TYPE_RECORD);
  g_assert_cmpint (n, ==, store_count (fixture, query));
  g_assert_cmpint (n, ==, UI_TEST_DEMO_CLUSTERS);
  g_object_get (list, "n-items", &n_property, NULL);
  g_assert_cmpuint (n_property, ==, n);
  g_assert_null (eccp_record_list_get_error (list));

  positions[G_N_ELEMENTS (positions) - 1] = n - 1;
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(EccpRecord) record = get_record (model, positions[i]);
      g_autoptr(GPtrArray) expected = store_page (fixture, query, positions[i], 1);

      g_assert_cmpuint (expected->len, ==, 1);
      g_assert_cmpstr (eccp_record_get_type_name (record), ==, "cluster");
      g_assert_cmpstr (eccp_record_get_id (record), ==,
                       eccp_record_get_id (g_ptr_array_index (expected, 0)));
    }

  /* Past the end: nothing, as GListModel says. */
  g_assert_null (g_list_model_get_item (model, n));
  g_assert_null (g_list_model_get_item (model, G_MAXUINT));

  /* Walking the whole list (more pages than are kept) gives every record
   * once. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(EccpRecord) record = get_record (model, i);

        g_assert_true (g_hash_table_add (seen, g_strdup (eccp_record_get_id (record))));
      }
    g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  }
}

/* A row is found among the pages read (or the first), not by reading
 * every page. */
static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(EccpQuery) query = cluster_query (NULL);
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, query);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(EccpRecord) fifth = get_record (model, 4);
  g_autoptr(EccpRecord) far = NULL;
  g_autofree char *far_id = NULL;

  g_assert_cmpuint (eccp_record_list_find (list, eccp_record_get_id (fifth)), ==, 4);
  g_assert_cmpuint (eccp_record_list_find (list, "no-such-record"), ==, G_MAXUINT);
  g_assert_cmpuint (eccp_record_list_find (list, NULL), ==, G_MAXUINT);

  /* On a page not read yet: not found; once read, found. */
  {
    g_autoptr(GPtrArray) page = store_page (fixture, query, 210, 1);

    far_id = g_strdup (eccp_record_get_id (g_ptr_array_index (page, 0)));
  }
  g_assert_cmpuint (eccp_record_list_find (list, far_id), ==, G_MAXUINT);
  far = get_record (model, 210);
  g_assert_cmpuint (eccp_record_list_find (list, far_id), ==, 210);
}

/* What a person types has no accents; the names have them. */
static void
test_search_without_accents (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(EccpQuery) all = cluster_query (NULL);
  g_autoptr(EccpQuery) zeljko = cluster_query ("zeljko");
  g_autoptr(EccpQuery) zilina = cluster_query ("zilina");
  g_autoptr(EccpQuery) nothing = cluster_query ("qqzzxq");
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, all);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *model = G_LIST_MODEL (list);
  guint n_all = g_list_model_get_n_items (model);
  guint notified = 0;
  guint position;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect_swapped (list, "notify::n-items", G_CALLBACK (count_cb), &notified);

  /* "zeljko": the cluster managed by Željko Erkapić. */
  eccp_record_list_set_query (list, zeljko);
  wait_read (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, store_count (fixture, zeljko));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  position = find_position (model, UI_TEST_KLASTER);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  {
    g_autoptr(EccpRecord) record = get_record (model, position);

    g_assert_cmpstr (eccp_record_get_string (record, "manager_name"), ==, "Željko Erkapić");
  }
  /* The whole list was replaced, said as one change (a list view shows
   * it through EccpRecordSlots, which keeps its rows), and the count
   * announced once. */
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, n_all);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, g_list_model_get_n_items (model));
  g_assert_cmpuint (notified, ==, 1);

  /* "zilina": a name with a caron, "Medtech Cluster Žilina". */
  eccp_record_list_set_query (list, zilina);
  wait_read (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, store_count (fixture, zilina));
  position = find_position (model, UI_TEST_ZILINA);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  {
    g_autoptr(EccpRecord) record = get_record (model, position);

    g_assert_cmpstr (eccp_record_get_title (record), ==, "Medtech Cluster Žilina");
  }
  g_assert_cmpstr (eccp_query_get_search (eccp_record_list_get_query (list)), ==, "zilina");

  /* Nothing matches: an empty list, not an error. */
  eccp_record_list_set_query (list, nothing);
  wait_read (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));
  g_assert_null (eccp_record_list_get_error (list));

  /* And back to everything. */
  eccp_record_list_set_query (list, all);
  wait_read (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
}

/* An edit of a row someone looks at: exactly that row is reported, so the
 * others (and the selection, and the scroll position) stay. */
static void
test_refresh_after_update (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EccpQuery) query = cluster_query (NULL);
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, query);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(JsonObject) attributes = ui_test_object ("{\"description\": \"Edited by the list test.\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (list);
  guint n = g_list_model_get_n_items (model);
  /* On the second page, so a page other than the first is read again. */
  guint position = 123;
  g_autofree char *id = NULL;

  /* Rows the view has shown: the first page and the one edited. */
  for (guint i = 0; i < 10; i++)
    g_object_unref (get_record (model, i));
  {
    g_autoptr(EccpRecord) record = get_record (model, position);

    id = g_strdup (eccp_record_get_id (record));
    g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_SYNCED);
  }

  updated = eccp_store_update (fixture->store, "cluster", id, attributes, NULL, &error);
  g_assert_no_error (error);

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  eccp_record_list_refresh (list);
  wait_read (list);

  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, position);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  {
    g_autoptr(EccpRecord) record = get_record (model, position);

    g_assert_cmpstr (eccp_record_get_id (record), ==, id);
    g_assert_cmpstr (eccp_record_get_string (record, "description"), ==, "Edited by the list test.");
    g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_PENDING);
  }

  /* Nothing changed since: a refresh reports nothing. */
  g_array_set_size (changes, 0);
  eccp_record_list_refresh (list);
  wait_read (list);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* A record created here shows up in the list. */
static void
test_refresh_after_create (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EccpQuery) query = cluster_query (NULL);
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, query);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(JsonObject) attributes = ui_test_object (
    "{\"name\": \"Ąžuolas Timber Cluster\", \"profile_type\": \"cluster_organisation\","
    " \"country\": \"LT\", \"ecosystems\": [\"Construction\"]}");
  g_autoptr(EccpRecord) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpQuery) search = cluster_query ("azuolas");
  GListModel *model = G_LIST_MODEL (list);
  guint n = g_list_model_get_n_items (model);
  guint notified = 0;
  guint position;

  for (guint i = 0; i < 5; i++)
    g_object_unref (get_record (model, i));

  created = eccp_store_create (fixture->store, "cluster", NULL, attributes, NULL, &error);
  g_assert_no_error (error);

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect_swapped (list, "notify::n-items", G_CALLBACK (count_cb), &notified);
  eccp_record_list_refresh (list);
  wait_read (list);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (changes->len, >=, 1);
  {
    /* Whatever the emissions, together they must turn n rows into n + 1. */
    gint64 length = n;

    for (guint i = 0; i < changes->len; i++)
      length += (gint64) g_array_index (changes, Change, i).added - g_array_index (changes, Change, i).removed;
    g_assert_cmpint (length, ==, n + 1);
  }

  position = find_position (model, eccp_record_get_id (created));
  g_assert_cmpuint (position, !=, G_MAXUINT);
  {
    g_autoptr(EccpRecord) record = get_record (model, position);

    g_assert_cmpstr (eccp_record_get_title (record), ==, "Ąžuolas Timber Cluster");
    g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_PENDING);
  }

  /* Found without its ogonek and caron, too. */
  eccp_record_list_set_query (list, search);
  wait_read (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* A local delete takes it out again. */
  eccp_record_list_set_query (list, query);
  wait_read (list);
  eccp_store_delete (fixture->store, "cluster", eccp_record_get_id (created), &error);
  g_assert_no_error (error);
  eccp_record_list_refresh (list);
  wait_read (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (find_position (model, eccp_record_get_id (created)), ==, G_MAXUINT);
}

static void wait_slot_record (EccpRecordSlot *slot);

static void
count_updates_cb (EccpRecordList *list,
                  guint          *count)
{
  (*count)++;
}

/* A letter typed while the last one's rows are being read: the older
 * read is cancelled, the rows shown stay until the newer one answers,
 * and only its answer replaces them. */
static void
test_newer_read_wins (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EccpQuery) query = cluster_query (NULL);
  g_autoptr(EccpQuery) first = cluster_query ("cluster");
  g_autoptr(EccpQuery) second = cluster_query ("zeljko");
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, query);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(EccpRecord) top = get_record (model, 0);
  guint updates = 0;
  guint n = g_list_model_get_n_items (model);

  g_signal_connect (list, "updated", G_CALLBACK (count_updates_cb), &updates);

  eccp_record_list_set_query (list, first);
  eccp_record_list_set_query (list, second);
  g_assert_true (eccp_record_list_is_loading (list));

  /* Until the answer: the rows of before, read as before */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  {
    g_autoptr(EccpRecord) still = get_record (model, 0);
    g_autoptr(EccpRecord) far = get_record (model, n - 1);

    g_assert_cmpstr (eccp_record_get_id (still), ==, eccp_record_get_id (top));
    g_assert_nonnull (far);
  }

  wait_read (list);
  g_assert_cmpuint (updates, ==, 1);
  g_assert_cmpint (g_list_model_get_n_items (model), ==, store_count (fixture, second));
  g_assert_cmpint (g_list_model_get_n_items (model), <, n);
  g_assert_null (eccp_record_list_get_error (list));
}

/* A list let go while its read is on the reader thread: the answer finds
 * nobody, and nothing else happens. */
static void
test_freed_while_reading (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EccpQuery) query = cluster_query ("cluster");
  EccpRecordList *list = eccp_record_list_new (fixture->store, query);
  GWeakRef gone;

  g_weak_ref_init (&gone, list);
  g_assert_true (eccp_record_list_is_loading (list));
  g_object_unref (list);
  g_assert_null (g_weak_ref_get (&gone));
  g_weak_ref_clear (&gone);

  /* The store's threads end with the read cancelled or answered */
  eccp_store_close_workers (fixture->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A list still there after its store's workers were closed (the app
 * quitting): a refresh is answered "closed", which is nothing the user
 * needs to read.  No warning (fatal here), the rows shown stay. */
static void
test_store_closed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EccpQuery) query = cluster_query (NULL);
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, query);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_assert_cmpuint (n_items, >, 0);
  eccp_store_close_workers (fixture->store);
  eccp_record_list_refresh (list);
  wait_read (list);

  g_assert_null (eccp_record_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_items);
}

/* What the list views show: a new search keeps the slot of each position
 * held (so a view keeps its row widgets), gives it the record now there,
 * and reports only the change of length, at the end. */
static void
test_slots_kept_across_searches (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(EccpQuery) all = cluster_query (NULL);
  g_autoptr(EccpQuery) zeljko = cluster_query ("zeljko");
  g_autoptr(EccpQuery) nothing = cluster_query ("qqzzxq");
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, all);
  g_autoptr(EccpRecordSlots) slots = eccp_record_slots_new (list);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *model = G_LIST_MODEL (slots);
  guint n_all = g_list_model_get_n_items (model);
  g_autoptr(EccpRecordSlot) first = g_list_model_get_item (model, 0);
  g_autoptr(EccpRecordSlot) last = g_list_model_get_item (model, n_all - 1);
  g_autoptr(EccpRecordSlot) again = NULL;
  g_autoptr(EccpRecordSlot) after = NULL;
  g_autoptr(EccpRecord) expected = NULL;
  guint n_zeljko;

  g_assert_cmpuint (n_all, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_assert_cmpuint (n_all, >, 1);
  g_assert_true (g_list_model_get_item_type (model) == ECCP_TYPE_RECORD_SLOT);
  g_signal_connect (slots, "items-changed", G_CALLBACK (items_changed_cb), changes);

  eccp_record_list_set_query (list, zeljko);
  wait_read (list);
  n_zeljko = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_zeljko, >=, 1);
  g_assert_cmpuint (n_zeljko, <, n_all);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_zeljko);

  /* Only the end went */
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, n_zeljko);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, n_all - n_zeljko);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 0);

  /* The first position: the same slot, the record the search found */
  again = g_list_model_get_item (model, 0);
  g_assert_true (again == first);
  expected = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (eccp_record_get_id (eccp_record_slot_get_record (first)), ==, eccp_record_get_id (expected));
  g_assert_cmpstr (eccp_record_get_string (eccp_record_slot_get_record (first), "manager_name"), ==, "Željko Erkapić");
  /* A position past the end shows nothing more */
  g_assert_null (eccp_record_slot_get_record (last));

  /* Nothing matches, then everything again: the end comes back */
  eccp_record_list_set_query (list, nothing);
  wait_read (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  eccp_record_list_set_query (list, all);
  wait_read (list);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (changes, Change, 2).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 2).added, ==, n_all);
  after = g_list_model_get_item (model, n_all - 1);
  g_assert_true (after != last);
  /* Its page is read on the reader thread: the slot is there at once */
  wait_slot_record (after);
  g_assert_null (g_list_model_get_item (model, n_all));
}

static gboolean
slot_has_record (gpointer slot)
{
  return eccp_record_slot_get_record (slot) != NULL;
}

static void
wait_slot_record (EccpRecordSlot *slot)
{
  ui_test_wait_until (slot_has_record, slot, 5000, "the slot's page to be read");
}

static void
page_read_cb (EccpRecordList *list,
              guint           position,
              guint           n_rows,
              GArray         *reads)
{
  Change read = { position, 0, n_rows };

  g_array_append_val (reads, read);
}

/* A row far down, as a list view scrolled there asks for it: its slot is
 * made at once without its record, and takes it when its page is read
 * on the reader thread, the same slot (the row is rebound, not rebuilt)
 * and no items-changed. */
static void
test_slot_filled_when_read (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EccpQuery) all = cluster_query (NULL);
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, all);
  g_autoptr(EccpRecordSlots) slots = eccp_record_slots_new (list);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *model = G_LIST_MODEL (slots);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(EccpRecordSlot) far = NULL;
  g_autoptr(EccpRecordSlot) again = NULL;
  g_autoptr(GPtrArray) expected = store_page (fixture, all, 150, 1);
  guint notified = 0;

  g_assert_cmpuint (n, >, 200);
  g_signal_connect (slots, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (list, "page-read", G_CALLBACK (page_read_cb), reads);

  /* The first page came with the count */
  {
    g_autoptr(EccpRecordSlot) first = g_list_model_get_item (model, 0);

    g_assert_nonnull (eccp_record_slot_get_record (first));
  }

  far = g_list_model_get_item (model, 150);
  g_assert_nonnull (far);
  g_assert_null (eccp_record_slot_get_record (far));
  g_assert_null (eccp_record_list_peek (list, 150));
  g_signal_connect_swapped (far, "notify::record", G_CALLBACK (count_cb), &notified);
  /* Asked for again before it came: read once */
  g_assert_null (eccp_record_list_peek (list, 151));

  wait_slot_record (far);
  g_assert_cmpstr (eccp_record_get_id (eccp_record_slot_get_record (far)), ==,
                   eccp_record_get_id (g_ptr_array_index (expected, 0)));
  g_assert_true (eccp_record_list_peek (list, 150) == eccp_record_slot_get_record (far));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (reads->len, ==, 1);
  g_assert_cmpuint (g_array_index (reads, Change, 0).position, ==, 100);
  g_assert_cmpuint (g_array_index (reads, Change, 0).added, ==, 100);
  g_assert_cmpuint (changes->len, ==, 0);
  again = g_list_model_get_item (model, 150);
  g_assert_true (again == far);

  /* Near the end of a page, the next is read before it is needed */
  g_assert_nonnull (eccp_record_list_peek (list, 190));
  {
    g_autoptr(EccpRecordSlot) next = g_list_model_get_item (model, 200);

    wait_slot_record (next);
  }
  g_assert_cmpuint (reads->len, ==, 2);
  g_assert_cmpuint (g_array_index (reads, Change, 1).position, ==, 200);
  g_assert_cmpuint (g_array_index (reads, Change, 1).added, ==, n - 200);
}

/* A new search or a refresh while pages are being read: the pages of
 * the rows of before are not taken (a refresh asks again for those its
 * rows still want). */
static void
test_page_reads_cancelled (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EccpQuery) all = cluster_query (NULL);
  g_autoptr(EccpQuery) zeljko = cluster_query ("zeljko");
  g_autoptr(EccpRecordList) list = loaded_list (fixture->store, all);
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) expected = store_page (fixture, all, 150, 1);

  g_signal_connect (list, "page-read", G_CALLBACK (page_read_cb), reads);

  /* A refresh: the page asked for is read again for the rows refreshed */
  g_assert_null (eccp_record_list_peek (list, 150));
  eccp_record_list_refresh (list);
  g_assert_true (eccp_record_list_is_loading (list));
  wait_read (list);
  while (reads->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (reads->len, ==, 1);
  g_assert_cmpuint (g_array_index (reads, Change, 0).position, ==, 100);
  g_assert_cmpstr (eccp_record_get_id (eccp_record_list_peek (list, 150)), ==,
                   eccp_record_get_id (g_ptr_array_index (expected, 0)));

  /* A new search: the page of the rows of before never comes */
  g_array_set_size (reads, 0);
  g_assert_null (eccp_record_list_peek (list, 210));
  eccp_record_list_set_query (list, zeljko);
  wait_read (list);
  /* Whatever the reader thread still had is answered or cancelled */
  eccp_store_close_workers (fixture->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (reads->len, ==, 0);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, store_count (fixture, zeljko));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/record-list/items", Fixture, NULL, fixture_set_up, test_items, fixture_tear_down);
  g_test_add ("/record-list/pinned-now", Fixture, NULL, fixture_set_up, test_pinned_now, fixture_tear_down);
  g_test_add ("/record-list/find", Fixture, NULL, fixture_set_up, test_find, fixture_tear_down);
  g_test_add ("/record-list/newer-read-wins", Fixture, NULL, fixture_set_up, test_newer_read_wins,
              fixture_tear_down);
  g_test_add ("/record-list/freed-while-reading", Fixture, NULL, fixture_set_up,
              test_freed_while_reading, fixture_tear_down);
  g_test_add ("/record-list/store-closed", Fixture, NULL, fixture_set_up, test_store_closed,
              fixture_tear_down);
  g_test_add ("/record-list/slots-kept-across-searches", Fixture, NULL,
              fixture_set_up, test_slots_kept_across_searches, fixture_tear_down);
  g_test_add ("/record-list/slot-filled-when-read", Fixture, NULL,
              fixture_set_up, test_slot_filled_when_read, fixture_tear_down);
  g_test_add ("/record-list/page-reads-cancelled", Fixture, NULL,
              fixture_set_up, test_page_reads_cancelled, fixture_tear_down);
  g_test_add ("/record-list/search-without-accents", Fixture, NULL,
              fixture_set_up, test_search_without_accents, fixture_tear_down);
  g_test_add ("/record-list/refresh-after-update", Fixture, NULL,
              fixture_set_up, test_refresh_after_update, fixture_tear_down);
  g_test_add ("/record-list/refresh-after-create", Fixture, NULL,
              fixture_set_up, test_refresh_after_create, fixture_tear_down);

  return g_test_run ();
}
