/* test-store.c: the local store, on a real SQLite file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-store.h"
#include "eccp-test-util.h"

#include <signal.h>
#include <glib/gstdio.h>

#include "eccp-json.h"
#include "eccp-store.h"
#include "eccp-store-private.h"
#include "eccp-validation.h"

#define CLUSTER_A "7d0c8a4e-3f7b-4f6e-9a51-0c1a2b3c4d5e"
#define CLUSTER_B "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"

/* A new store in a folder of its own (tests/common/eccp-test-store.c) */
typedef EccpTestStore Fixture;

#define fixture_set_up    eccp_test_store_set_up
#define fixture_tear_down eccp_test_store_tear_down
#define object_from       eccp_test_object_from
#define assert_strv       eccp_test_assert_strv

static void
import_json (EccpStore       *store,
             const char      *json,
             EccpImportStats *stats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = eccp_json_node_from_string (json, &error);

  g_assert_no_error (error);
  eccp_store_import_document (store, document, stats, &error);
  g_assert_no_error (error);
}

/* A published cluster at revision 3, as the portal sends it, with fields
 * and meta this client does not know. */
static const char published_cluster[] =
  "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_A "\","
  " \"attributes\": {\"name\": \"KLASTER POL-JOMEHANIZACIJE d.o.o.\", \"acronym\": \"AEC\","
  "   \"profile_type\": \"cluster_organisation\", \"country\": \"RS\", \"city\": \"Novi Sad\","
  "   \"website\": \"https://www.klaster.example.eu\", \"ecosystems\": [\"Agri-food\", \"Digital\"],"
  "   \"description\": \"Agricultural machinery makers of Vojvodina.\","
  "   \"manager_name\": \"Željko Erkapić\","
  "   \"members\": {\"sme\": 30, \"large\": 2, \"research\": 3, \"other\": 1},"
  "   \"management_fte\": 2.5, \"future_field\": {\"nested\": [1, \"two\", null]}},"
  " \"relationships\": {\"partnerships\": {\"data\": []}, \"future_link\": {\"data\": {\"type\": \"x\", \"id\": \"y\"}}},"
  " \"meta\": {\"rev\": 3, \"seq\": 120, \"moderation_state\": \"published\", \"future_meta\": 7}}],"
  " \"meta\": {\"cursor\": \"120\"}}";

static EccpRecord *
get_record (EccpStore  *store,
            const char *type,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *record = eccp_store_get (store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);

  return record;
}

static GPtrArray *
search (EccpStore  *store,
        const char *type,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpQuery) query = eccp_query_new (type);
  GPtrArray *records;

  eccp_query_set_search (query, text);
  records = eccp_store_query (store, query, &error);
  g_assert_no_error (error);

  return records;
}

static EccpRecord *
create_cluster (EccpStore  *store,
                const char *id,
                const char *name,
                const char *city)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  g_autofree char *json = NULL;
  EccpRecord *record;

  json = g_strdup_printf ("{\"name\": \"%s\", \"profile_type\": \"cluster_organisation\","
                          " \"country\": \"PL\", \"city\": \"%s\", \"ecosystems\": [\"Digital\"]}",
                          name, city);
  attributes = object_from (json);
  record = eccp_store_create (store, "cluster", id, attributes, NULL, &error);
  g_assert_no_error (error);

  return record;
}

static gint64
count_rows (EccpStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (_eccp_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/* {{{ Migrations */

static void
test_migrate_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  sqlite3 *db = _eccp_store_get_db (fixture->store);

  g_assert_cmpint (_eccp_store_schema_get_version (db), ==, ECCP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'fts^_%' ESCAPE '^' AND sql LIKE '%fts5%'"), ==, 7);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_cmpint (count_rows (fixture->store, "SELECT foreign_keys FROM pragma_foreign_keys"), ==, 1);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM sqlite_master WHERE name = 'records_for_review'"), ==, 1);

  /* Opening again is a no-op. */
  g_clear_object (&fixture->store);
  fixture->store = eccp_store_new (fixture->path, NULL);
  g_assert_nonnull (fixture->store);
  g_assert_cmpint (_eccp_store_schema_get_version (_eccp_store_get_db (fixture->store)), ==,
                   ECCP_STORE_SCHEMA_VERSION);
}

/* A store left at each earlier version, with data in it, opens at the
 * current version with its data intact and searchable. */
static void
test_migrate_from_every_version (void)
{
  for (int version = 0; version < ECCP_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("eccp-test-migrate-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "store.db", NULL);
      g_autoptr(EccpStore) store = NULL;
      g_autoptr(EccpRecord) record = NULL;
      g_autoptr(GPtrArray) found = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      _eccp_store_schema_migrate (db, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (_eccp_store_schema_get_version (db), ==, version);
      if (version >= 1)
        g_assert_cmpint (sqlite3_exec (db,
                                       "INSERT INTO records (type, id, attributes, meta) VALUES"
                                       " ('cluster', '" CLUSTER_A "',"
                                       " '{\"name\": \"Klaster Kraków\", \"country\": \"PL\", \"x_old\": 1}',"
                                       " '{\"rev\": 2, \"moderation_state\": \"needs_review\"}')",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      /* From version 2 on, the store writes the search index with the row. */
      if (version >= 2)
        g_assert_cmpint (sqlite3_exec (db,
                                       "INSERT INTO fts_cluster (rowid, search_text)"
                                       " VALUES (last_insert_rowid (), 'Klaster Krakow')",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = eccp_store_new (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (_eccp_store_schema_get_version (_eccp_store_get_db (store)), ==,
                       ECCP_STORE_SCHEMA_VERSION);
      /* A store from before the stamp is stamped on its first open. */
      g_assert_cmpint (count_rows (store, "SELECT application_id FROM pragma_application_id"), ==,
                       ECCP_STORE_APPLICATION_ID);

      found = search (store, "cluster", "krakow");
      if (version >= 1)
        {
          g_assert_cmpuint (found->len, ==, 1);
          record = get_record (store, "cluster", CLUSTER_A);
          g_assert_cmpint (eccp_record_get_rev (record), ==, 2);
          g_assert_cmpint (eccp_json_get_int (eccp_record_get_attributes (record), "x_old", 0), ==, 1);

          /* It waits for staff, in the review queue read from its index
           * since schema 7. */
          {
            g_autoptr(GPtrArray) queue = eccp_store_list_for_review (store, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (queue->len, ==, 1);
            g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (queue, 0)), ==, CLUSTER_A);
          }
        }
      else
        {
          g_assert_cmpuint (found->len, ==, 0);
        }

      g_clear_object (&store);
      eccp_test_remove_tree (dir);
    }
}

static void
test_migrate_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eccp-test-migrate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(EccpStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99; PRAGMA application_id = 1162036048",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = eccp_store_new (path, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer ECCP Desk"));

  /* Left as it was. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (_eccp_store_schema_get_version (db), ==, 99);
  sqlite3_close (db);
  eccp_test_remove_tree (dir);
}

static void
test_open_not_a_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eccp-test-migrate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(EccpStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a database, it is a text file with enough "
                                      "bytes to fill a header of one hundred bytes, which SQLite reads "
                                      "first.\n", -1, NULL));
  store = eccp_store_new (path, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_FOREIGN);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, path));
  eccp_test_remove_tree (dir);
}

/* }}} */

/* {{{ Search */

static void
test_search_diacritics (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EccpRecord) a = NULL;
  g_autoptr(EccpRecord) b = NULL;
  g_autoptr(GPtrArray) found = NULL;

  import_json (fixture->store, published_cluster, NULL);
  b = create_cluster (fixture->store, CLUSTER_B, "Małopolska ICT Cluster", "Kraków");

  found = search (fixture->store, "cluster", "zeljko erkapic");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (found, 0)), ==, CLUSTER_A);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Accents in the query, capitals, prefixes of words. */
  found = search (fixture->store, "cluster", "ŽELJKO Erkapić");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (fixture->store, "cluster", "zel erk");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (fixture->store, "cluster", "krakow");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (eccp_record_get_id (g_ptr_array_index (found, 0)), ==, CLUSTER_B);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Letters Unicode does not decompose: Ł, Ø, ß, Đ. */
  found = search (fixture->store, "cluster", "malopolska");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  a = create_cluster (fixture->store, NULL, "Ørsted Straße Đakovo", "Łódź");
  found = search (fixture->store, "cluster", "orsted strasse dakovo lodz");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (fixture->store, "cluster", "Łódź");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Every word must match. */
  found = search (fixture->store, "cluster", "zeljko krakow");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Other types are not searched. */
  found = search (fixture->store, "event", "zeljko");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* FTS5 syntax typed by a person is just text. */
  found = search (fixture->store, "cluster", "\"zeljko*\" ( ^ -:");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (fixture->store, "cluster", "\"*()");
  g_assert_cmpuint (found->len, ==, 0); /* no word: nothing can match */
}

/* A broad search (more matches than are worth ranking) lists the newest
 * records first, and still only what matches. */
static void
test_search_broad (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"data\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpQuery) query = eccp_query_new ("cluster");
  g_autoptr(GPtrArray) page = NULL;

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (json,
                            "%s{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-%012u\","
                            " \"attributes\": {\"name\": \"%s %04u\"}}",
                            i ? "," : "", i, i % 3 ? "Digital Hub" : "Textile Hub", 1500 - i);
  /* The last imported, i = 1499 and 1498, are Digital Hub 0001 and 0002. */
  g_string_append (json, "]}");
  import_json (fixture->store, json->str, NULL);

  eccp_query_set_search (query, "hub");
  eccp_query_set_range (query, 0, 3);
  page = eccp_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (eccp_record_get_title (g_ptr_array_index (page, 0)), ==, "Digital Hub 0001");
  g_assert_cmpstr (eccp_record_get_title (g_ptr_array_index (page, 1)), ==, "Digital Hub 0002");
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==, 1500);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* 500 match: ranked; all of them Textile. */
  eccp_query_set_search (query, "textile");
  eccp_query_set_range (query, 0, 0);
  page = eccp_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 500);
  for (guint i = 0; i < page->len; i++)
    g_assert_true (g_str_has_prefix (eccp_record_get_title (g_ptr_array_index (page, i)), "Textile"));
  g_clear_pointer (&page, g_ptr_array_unref);

  /* 1000 Digital, at the limit: ranked, and paging deep stays in the set. */
  eccp_query_set_search (query, "digi");
  eccp_query_set_range (query, 990, 20);
  page = eccp_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 10);
  for (guint i = 0; i < page->len; i++)
    g_assert_true (g_str_has_prefix (eccp_record_get_title (g_ptr_array_index (page, i)), "Digital"));
}

/* Broad by its prefix alone: "textile" is the whole word of 600 records,
 * the start of a word of 1,200 ("textiles" too), so the search is broad
 * and lists the newest first. */
static void
test_search_broad_prefix (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"data\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpQuery) query = eccp_query_new ("cluster");
  g_autoptr(GPtrArray) page = NULL;

  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (json,
                            "%s{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-%012u\","
                            " \"attributes\": {\"name\": \"%s %04u\"}}",
                            i ? "," : "", i, i % 2 ? "Textile Hub" : "Textiles Hub", i);
  g_string_append (json, "]}");
  import_json (fixture->store, json->str, NULL);

  eccp_query_set_search (query, "textile");
  eccp_query_set_range (query, 0, 2);
  page = eccp_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (eccp_record_get_title (g_ptr_array_index (page, 0)), ==, "Textile Hub 1199");
  g_assert_cmpstr (eccp_record_get_title (g_ptr_array_index (page, 1)), ==, "Textiles Hub 1198");
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==, 1200);
}

static void
test_search_follows_edits (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"city\": \"Łódź\"}");
  g_autoptr(GPtrArray) found = NULL;

  record = create_cluster (fixture->store, CLUSTER_B, "Textile Cluster", "Kraków");
  updated = eccp_store_update (fixture->store, "cluster", CLUSTER_B, changes, NULL, &error);
  g_assert_no_error (error);

  found = search (fixture->store, "cluster", "krakow");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (fixture->store, "cluster", "lodz");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  eccp_store_delete (fixture->store, "cluster", CLUSTER_B, &error);
  g_assert_no_error (error);
  found = search (fixture->store, "cluster", "lodz");
  g_assert_cmpuint (found->len, ==, 0);

  g_assert_cmpint (count_rows (fixture->store,
                               "SELECT count(*) FROM fts_cluster WHERE fts_cluster MATCH 'lodz'"), ==, 0);
}

/* }}} */

/* {{{ Unknown fields */

static void
test_unknown_fields_round_trip (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"description\": \"Now with robots.\"}");
  g_autoptr(JsonObject) expected = object_from ("{\"nested\": [1, \"two\", null]}");
  g_autoptr(JsonNode) expected_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *resource;

  import_json (fixture->store, published_cluster, NULL);
  g_clear_object (&record);
  record = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&record);

  /* Read back from a fresh connection: what is on disk. */
  g_clear_object (&fixture->store);
  fixture->store = eccp_store_new (fixture->path, &error);
  g_assert_no_error (error);
  record = get_record (fixture->store, "cluster", CLUSTER_A);

  json_node_set_object (expected_node, expected);
  g_assert_true (eccp_json_node_equal (json_object_get_member (eccp_record_get_attributes (record), "future_field"),
                                       expected_node));
  g_assert_cmpstr (eccp_record_get_string (record, "description"), ==, "Now with robots.");
  g_assert_cmpstr (eccp_record_get_related_id (record, "future_link"), ==, "y");
  g_assert_cmpint (eccp_json_get_int (eccp_record_get_meta (record), "future_meta", 0), ==, 7);

  json = eccp_record_to_json (record);
  resource = json_node_get_object (json);
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (resource, "meta"), "sync_state"), ==, "pending");
  g_assert_cmpstr (eccp_json_get_string (eccp_json_get_object (resource, "meta"), "moderation_state"), ==, "published");
  g_assert_nonnull (eccp_json_get_object (eccp_json_get_object (resource, "attributes"), "future_field"));
}

/* }}} */

/* {{{ The outbox: the evolution-data-server matrix */

static EccpChange *
only_change (EccpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = eccp_store_list_changes (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);

  return eccp_change_copy (g_ptr_array_index (changes, 0));
}

static void
assert_no_changes (EccpStore *store)
{
  g_autoptr(GPtrArray) changes = eccp_store_list_changes (store, NULL);

  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_outbox_add (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EccpRecord) record = create_cluster (fixture->store, CLUSTER_B, "Cluster", "Kraków");
  g_autoptr(EccpChange) change = only_change (fixture->store);

  g_assert_cmpint (change->op, ==, ECCP_CHANGE_CREATE);
  g_assert_cmpint (change->state, ==, ECCP_SYNC_STATE_PENDING);
  g_assert_cmpint (change->base_rev, ==, 0);
  g_assert_null (change->base_attributes);
  g_assert_true (g_uuid_string_is_valid (change->idempotency_key));
  assert_strv (change->changed_attributes, "city,country,ecosystems,name,profile_type");
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_PENDING);
  g_assert_cmpstr (eccp_json_get_string (eccp_record_get_meta (record), "moderation_state"), ==, "draft");
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 1);
}

static void
test_outbox_add_edit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = create_cluster (fixture->store, CLUSTER_B, "Cluster", "Kraków");
  g_autoptr(EccpChange) before = only_change (fixture->store);
  g_autoptr(EccpChange) after = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"acronym\": \"MIC\", \"city\": \"Kraków\"}");
  g_autoptr(EccpRecord) updated = NULL;

  updated = eccp_store_update (fixture->store, "cluster", CLUSTER_B, changes, NULL, &error);
  g_assert_no_error (error);
  after = only_change (fixture->store);

  g_assert_cmpint (after->op, ==, ECCP_CHANGE_CREATE);
  g_assert_cmpint (after->num, ==, before->num);
  g_assert_cmpstr (after->idempotency_key, ==, before->idempotency_key);
  /* city did not really change */
  assert_strv (after->changed_attributes, "acronym,city,country,ecosystems,name,profile_type");
  g_assert_cmpstr (eccp_record_get_string (updated, "acronym"), ==, "MIC");
}

static void
test_outbox_add_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = create_cluster (fixture->store, CLUSTER_B, "Cluster", "Kraków");
  g_autoptr(EccpRecord) gone = NULL;

  eccp_store_delete (fixture->store, "cluster", CLUSTER_B, &error);
  g_assert_no_error (error);
  assert_no_changes (fixture->store);
  gone = eccp_store_get (fixture->store, "cluster", CLUSTER_B, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM records"), ==, 0);
}

static void
test_outbox_add_delete_add (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EccpRecord) first = create_cluster (fixture->store, CLUSTER_B, "Cluster", "Kraków");
  g_autoptr(EccpRecord) second = NULL;
  g_autoptr(EccpChange) change = NULL;

  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_B, NULL));
  second = create_cluster (fixture->store, CLUSTER_B, "Cluster again", "Łódź");
  change = only_change (fixture->store);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_CREATE);
  g_assert_cmpstr (eccp_record_get_title (second), ==, "Cluster again");
}

static void
test_outbox_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"description\": \"New text\", \"acronym\": \"AEC\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(EccpChange) change = NULL;

  import_json (fixture->store, published_cluster, NULL);
  updated = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
  g_assert_no_error (error);
  change = only_change (fixture->store);

  g_assert_cmpint (change->op, ==, ECCP_CHANGE_UPDATE);
  g_assert_cmpint (change->base_rev, ==, 3);
  assert_strv (change->changed_attributes, "description"); /* acronym was already AEC */
  g_assert_cmpstr (eccp_json_get_string (change->base_attributes, "description"), ==,
                   "Agricultural machinery makers of Vojvodina.");
  g_assert_cmpint (eccp_record_get_sync_state (updated), ==, ECCP_SYNC_STATE_PENDING);
  g_assert_cmpint (eccp_record_get_rev (updated), ==, 3);
}

static void
test_outbox_edit_nothing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"acronym\": \"AEC\", \"country\": \"RS\"}");
  g_autoptr(EccpRecord) updated = NULL;

  import_json (fixture->store, published_cluster, NULL);
  updated = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
  g_assert_no_error (error);
  assert_no_changes (fixture->store);
  g_assert_cmpint (eccp_record_get_sync_state (updated), ==, ECCP_SYNC_STATE_SYNCED);
}

static void
test_outbox_edit_edit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = object_from ("{\"description\": \"One\"}");
  g_autoptr(JsonObject) second = object_from ("{\"description\": \"Two\", \"city\": \"Subotica\"}");
  g_autoptr(JsonObject) relation = object_from ("{\"partnerships\": {\"data\": [{\"type\": \"partnership\", \"id\": \"" CLUSTER_B "\"}]}}");
  g_autoptr(EccpRecord) a = NULL;
  g_autoptr(EccpRecord) b = NULL;
  g_autoptr(EccpRecord) c = NULL;
  g_autoptr(EccpChange) before = NULL;
  g_autoptr(EccpChange) after = NULL;

  import_json (fixture->store, published_cluster, NULL);
  a = eccp_store_update (fixture->store, "cluster", CLUSTER_A, first, NULL, &error);
  g_assert_no_error (error);
  before = only_change (fixture->store);
  b = eccp_store_update (fixture->store, "cluster", CLUSTER_A, second, NULL, &error);
  g_assert_no_error (error);
  c = eccp_store_update (fixture->store, "cluster", CLUSTER_A, NULL, relation, &error);
  g_assert_no_error (error);
  after = only_change (fixture->store);

  g_assert_cmpint (after->op, ==, ECCP_CHANGE_UPDATE);
  g_assert_cmpint (after->base_rev, ==, 3);
  g_assert_cmpstr (after->idempotency_key, ==, before->idempotency_key);
  assert_strv (after->changed_attributes, "city,description");
  assert_strv (after->changed_relationships, "partnerships");
  {
    g_auto(GStrv) fields = eccp_change_dup_changed_fields (after);

    assert_strv (fields, "city,description,partnerships");
  }
  /* The base is still the portal's revision 3, not the first edit. */
  g_assert_cmpstr (eccp_json_get_string (after->base_attributes, "description"), ==,
                   "Agricultural machinery makers of Vojvodina.");
  g_assert_cmpstr (eccp_record_get_string (c, "description"), ==, "Two");
}

/* "members.sme" changes that member and keeps the others, merged inside the
 * store's transaction: an edit of another member made meanwhile stays. */
static void
test_edit_object_member (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) theirs = object_from ("{\"members.large\": 9}");
  g_autoptr(JsonObject) mine = object_from ("{\"members.sme\": 41}");
  g_autoptr(JsonObject) bad = object_from ("{\"members.sme\": -1}");
  g_autoptr(JsonObject) unknown = object_from ("{\"members.robots\": 1}");
  g_autoptr(EccpRecord) a = NULL;
  g_autoptr(EccpRecord) b = NULL;
  g_autoptr(EccpRecord) c = NULL;
  g_autoptr(EccpChange) change = NULL;
  JsonObject *members;

  import_json (fixture->store, published_cluster, NULL);
  a = eccp_store_update (fixture->store, "cluster", CLUSTER_A, theirs, NULL, &error);
  g_assert_no_error (error);
  b = eccp_store_update (fixture->store, "cluster", CLUSTER_A, mine, NULL, &error);
  g_assert_no_error (error);

  members = eccp_json_get_object (eccp_record_get_attributes (b), "members");
  g_assert_cmpint (eccp_json_get_int (members, "sme", 0), ==, 41);
  g_assert_cmpint (eccp_json_get_int (members, "large", 0), ==, 9);
  g_assert_cmpint (eccp_json_get_int (members, "research", 0), ==, 3);
  change = only_change (fixture->store);
  assert_strv (change->changed_attributes, "members");

  c = eccp_store_update (fixture->store, "cluster", CLUSTER_A, bad, NULL, &error);
  g_assert_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "SME"));
  g_clear_error (&error);
  c = eccp_store_update (fixture->store, "cluster", CLUSTER_A, unknown, NULL, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD);
}

static void
test_outbox_edit_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"description\": \"One\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(EccpRecord) gone = NULL;
  g_autoptr(EccpChange) change = NULL;

  import_json (fixture->store, published_cluster, NULL);
  updated = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_A, &error));
  change = only_change (fixture->store);

  g_assert_cmpint (change->op, ==, ECCP_CHANGE_DELETE);
  g_assert_cmpint (change->base_rev, ==, 3);
  g_assert_cmpstr (eccp_json_get_string (change->base_attributes, "description"), ==,
                   "Agricultural machinery makers of Vojvodina.");
  /* Deleted here: named as the portal's version was, else as the record. */
  g_assert_cmpstr (eccp_change_get_title (change, NULL), ==, "KLASTER POL-JOMEHANIZACIJE d.o.o.");
  g_assert_cmpstr (eccp_change_get_title (change, updated), ==, eccp_record_get_title (updated));
  gone = eccp_store_get (fixture->store, "cluster", CLUSTER_A, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 0);
  /* The row stays, hidden, until the portal confirms the delete. */
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM records WHERE deleted = 1"), ==, 1);
}

static void
test_outbox_delete (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) again = NULL;
  g_autoptr(JsonObject) attributes = object_from ("{\"name\": \"X\", \"profile_type\": \"cluster_project\","
                                                  " \"country\": \"RS\", \"ecosystems\": [\"Digital\"]}");

  import_json (fixture->store, published_cluster, NULL);
  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_A, &error));
  change = only_change (fixture->store);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_DELETE);
  g_assert_cmpint (change->base_rev, ==, 3);

  /* Deleting twice: there is nothing left to delete. */
  g_assert_false (eccp_store_delete (fixture->store, "cluster", CLUSTER_A, &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The id is taken until the portal confirms the delete. */
  again = eccp_store_create (fixture->store, "cluster", CLUSTER_A, attributes, NULL, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_EXISTS);
  g_assert_null (again);
}

static void
test_outbox_sent_then_edited (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = object_from ("{\"description\": \"One\"}");
  g_autoptr(JsonObject) second = object_from ("{\"description\": \"Two\"}");
  g_autoptr(EccpRecord) a = NULL;
  g_autoptr(EccpRecord) b = NULL;
  g_autoptr(EccpChange) before = NULL;
  g_autoptr(EccpChange) after = NULL;

  import_json (fixture->store, published_cluster, NULL);
  a = eccp_store_update (fixture->store, "cluster", CLUSTER_A, first, NULL, &error);
  g_assert_no_error (error);
  before = only_change (fixture->store);

  /* As the sync engine will: sent once, answer unknown, and the portal
   * found it not valid. */
  g_assert_cmpint (sqlite3_exec (_eccp_store_get_db (fixture->store),
                                 "UPDATE outbox SET attempts = 1, state = 'invalid'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_INVALID, NULL), ==, 1);

  b = eccp_store_update (fixture->store, "cluster", CLUSTER_A, second, NULL, &error);
  g_assert_no_error (error);
  after = only_change (fixture->store);

  /* New content under the old key would be answered with the old answer. */
  g_assert_cmpstr (after->idempotency_key, !=, before->idempotency_key);
  g_assert_true (g_uuid_string_is_valid (after->idempotency_key));
  g_assert_cmpint (after->state, ==, ECCP_SYNC_STATE_PENDING);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_INVALID, NULL), ==, 0);
}

static void
test_outbox_sent_create_deleted (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(EccpRecord) record = create_cluster (fixture->store, CLUSTER_B, "Cluster", "Kraków");
  g_autoptr(EccpChange) change = NULL;

  g_assert_cmpint (sqlite3_exec (_eccp_store_get_db (fixture->store),
                                 "UPDATE outbox SET attempts = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_B, NULL));

  /* It may have reached the portal: the portal must be told. */
  change = only_change (fixture->store);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_DELETE);
  g_assert_cmpint (change->base_rev, ==, 1);
}

static void
test_outbox_pull_keeps_local (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"description\": \"Mine\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(EccpRecord) record = NULL;
  EccpImportStats stats = { 0 };

  import_json (fixture->store, published_cluster, NULL);
  updated = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
  g_assert_no_error (error);

  import_json (fixture->store,
               "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_A "\","
               " \"attributes\": {\"name\": \"Theirs\", \"description\": \"Theirs\"},"
               " \"meta\": {\"rev\": 4, \"seq\": 130}},"
               " {\"type\": \"cluster\", \"id\": \"" CLUSTER_A "\", \"meta\": {\"seq\": 131, \"deleted\": true}}]}",
               &stats);
  g_assert_cmpuint (stats.kept_local, ==, 2);
  g_assert_cmpuint (stats.updated + stats.deleted + stats.created, ==, 0);

  record = get_record (fixture->store, "cluster", CLUSTER_A);
  g_assert_cmpstr (eccp_record_get_string (record, "description"), ==, "Mine");
  g_assert_cmpstr (eccp_record_get_title (record), ==, "KLASTER POL-JOMEHANIZACIJE d.o.o.");
}

/* }}} */

/* {{{ Import */

static void
test_import_stats_and_cursor (Fixture       *fixture,
                              gconstpointer  data)
{
  EccpImportStats stats = { 0 };
  g_autofree char *cursor = NULL;
  g_autoptr(EccpRecord) record = NULL;

  import_json (fixture->store, published_cluster, &stats);
  g_assert_cmpuint (stats.created, ==, 1);
  cursor = eccp_store_get_setting (fixture->store, "cursor");
  g_assert_cmpstr (cursor, ==, "120");

  memset (&stats, 0, sizeof stats);
  import_json (fixture->store, published_cluster, &stats);
  g_assert_cmpuint (stats.created, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 1);

  memset (&stats, 0, sizeof stats);
  import_json (fixture->store,
               "{\"data\": {\"type\": \"cluster\", \"id\": \"" CLUSTER_A "\","
               " \"attributes\": {\"name\": \"Renamed\"}, \"meta\": {\"rev\": 4, \"seq\": 200}}}",
               &stats);
  g_assert_cmpuint (stats.updated, ==, 1);
  record = get_record (fixture->store, "cluster", CLUSTER_A);
  g_assert_cmpstr (eccp_record_get_title (record), ==, "Renamed");
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_SYNCED);

  memset (&stats, 0, sizeof stats);
  import_json (fixture->store,
               "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_A "\", \"meta\": {\"seq\": 201, \"deleted\": true}}],"
               " \"meta\": {\"cursor\": 201}}",
               &stats);
  g_assert_cmpuint (stats.deleted, ==, 1);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 0);
  g_clear_pointer (&cursor, g_free);
  cursor = eccp_store_get_setting (fixture->store, "cursor");
  g_assert_cmpstr (cursor, ==, "201");
}

static void
test_import_bad_document (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *documents[] = {
    "[1, 2]",
    "{\"links\": {}}",
    "{\"errors\": [{\"status\": \"500\", \"title\": \"Boom\"}]}",
    /* the second record has no id: the first is not kept either */
    "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_B "\", \"attributes\": {\"name\": \"A\"}},"
    " {\"type\": \"cluster\", \"attributes\": {}}], \"meta\": {\"cursor\": \"9\"}}",
    "{\"data\": [\"not a record\"]}",
  };

  import_json (fixture->store, published_cluster, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) document = eccp_json_node_from_string (documents[i], NULL);
      g_autofree char *cursor = NULL;

      g_assert_false (eccp_store_import_document (fixture->store, document, NULL, &error));
      g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT);
      g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 1);
      cursor = eccp_store_get_setting (fixture->store, "cursor");
      g_assert_cmpstr (cursor, ==, "120");
    }
}

static void
test_import_malformed_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "page.json", NULL);

  g_assert_true (g_file_set_contents (path, "{\"data\": [{\"type\": \"cluster\", ", -1, NULL));
  g_assert_false (eccp_store_import_file (fixture->store, path, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 0);
}

/* The bad documents again, streamed from a file and from a text: refused
 * with the same words, nothing written, the cursor kept. */
static void
test_import_bad_document_streamed (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const struct { const char *text; const char *message; } documents[] = {
    { "[1, 2]", "it is not a JSON object" },
    { "{\"links\": {}}", "it has no “data”" },
    { "{\"data\": null}", "it has no “data”" },
    { "{\"errors\": [{\"status\": \"500\", \"title\": \"Boom\"}]}", "an error from the portal: Boom" },
    /* the error after the records: they are not kept */
    { "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_B "\", \"attributes\": {\"name\": \"A\"}}],"
      " \"errors\": [{\"title\": \"Late\"}]}", "an error from the portal: Late" },
    { "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_B "\", \"attributes\": {\"name\": \"A\"}},"
      " {\"type\": \"cluster\", \"attributes\": {}}], \"meta\": {\"cursor\": \"9\"}}", NULL },
    { "{\"data\": [\"not a record\"]}", "not a record" },
    { "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_B "\", \"attributes\": {\"name\": \"A\"}}]} {}",
      "more follows the end of the document" },
    { "{\"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_B "\", \"attributes\": {\"name\": \"A\",}}]}", NULL },
    { "{\"meta\": {\"cursor\": \"9\"}, \"data\": [{\"type\": \"cluster\", \"id\": \"" CLUSTER_B "\"}",
      "ends before it is complete" },
    { "", "the file is empty" },
  };
  g_autofree char *path = g_build_filename (fixture->dir, "bad.json", NULL);

  import_json (fixture->store, published_cluster, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    for (guint from_file = 0; from_file < 2; from_file++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *cursor = NULL;
        const char *text = documents[i].text;

        g_test_message ("%s (%s)", text, from_file ? "file" : "text");
        g_assert_true (g_file_set_contents (path, text, -1, NULL));
        if (from_file)
          g_assert_false (eccp_store_import_file (fixture->store, path, NULL, &error));
        else
          g_assert_false (_eccp_store_import_text (fixture->store, text, strlen (text), NULL, NULL, NULL, &error));
        g_assert_nonnull (error);
        if (documents[i].message != NULL)
          g_assert_nonnull (strstr (error->message, documents[i].message));
        g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 1);
        cursor = eccp_store_get_setting (fixture->store, "cursor");
        g_assert_cmpstr (cursor, ==, "120");
      }
}

/* A file of several megabytes, read a megabyte at a time and indexed a
 * thousand records at a time: every record found; one bad record at its
 * very end and none of it is written. */
static void
test_import_file_streams (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "big.json", NULL);
  g_autoptr(GString) text = g_string_new ("{\"jsonapi\": {\"version\": \"1.1\"}, \"data\": [\n");
  g_autoptr(GString) filler = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *cursor = NULL;
  EccpImportStats stats = { 0 };
  const guint n = 2500;

  /* Strings with brackets, quotes and escapes, so that chunks end inside them. */
  for (guint i = 0; i < 40; i++)
    g_string_append (filler, "Brackets ]}[{, \\\"quotes\\\" and \\\\ escapes \\u00e9t\\u00e9. ");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "%s{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-%012u\","
                            " \"attributes\": {\"name\": \"Streamed %u\", \"city\": \"Zgorzelec%u\","
                            " \"description\": \"%s\", \"colour\": {\"unknown\": [1, 2.50, \"kept\"]}},"
                            " \"meta\": {\"rev\": 1}}\n",
                            i > 0 ? "," : "", i, i, i, filler->str);
  g_string_append (text, "], \"included\": [{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-999999999999\","
                         " \"attributes\": {\"name\": \"Included\"}}], \"meta\": {\"cursor\": \"777\"}}\n");
  g_assert_cmpuint (text->len, >, 3 * 1024 * 1024);

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_assert_true (eccp_store_import_file (fixture->store, path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.created, ==, n + 1);
  cursor = eccp_store_get_setting (fixture->store, "cursor");
  g_assert_cmpstr (cursor, ==, "777");
  found = search (fixture->store, "cluster", "zgorzelec2499");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (fixture->store, "cluster", "zgorzelec1234");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (count_rows (fixture->store,
                               "SELECT count(*) FROM records WHERE json_extract (attributes, '$.colour.unknown[2]')"
                               " = 'kept'"), ==, n);

  /* Again into an empty store, the last record without an id. */
  g_clear_object (&fixture->store);
  {
    g_autofree char *db = g_build_filename (fixture->dir, "second.db", NULL);
    g_autofree char *bad = g_build_filename (fixture->dir, "bad-end.json", NULL);
    gsize end = text->len;

    fixture->store = eccp_store_new (db, &error);
    g_assert_no_error (error);
    while (text->str[end - 1] != ']')
      end--;
    g_string_truncate (text, end - 1);
    g_string_append (text, ", {\"type\": \"cluster\"}]}");
    g_assert_true (g_file_set_contents (bad, text->str, text->len, NULL));
    g_assert_false (eccp_store_import_file (fixture->store, bad, NULL, &error));
    g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT);
    g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM records"), ==, 0);
    g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM fts_cluster"), ==, 0);
  }
}

/* }}} */

/* {{{ Edits that are refused write nothing */

static void
test_invalid_edit_writes_nothing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"website\": \"ftp://x\", \"description\": \"Fine\"}");
  g_autoptr(JsonObject) unknown = object_from ("{\"colour\": \"blue\"}");
  g_autoptr(JsonObject) bad_create = object_from ("{\"name\": \"\", \"profile_type\": \"nope\"}");
  g_autoptr(EccpRecord) updated = NULL;
  g_autoptr(EccpRecord) created = NULL;
  g_autoptr(EccpRecord) record = NULL;

  import_json (fixture->store, published_cluster, NULL);

  updated = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
  g_assert_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
  g_assert_null (updated);
  g_clear_error (&error);

  updated = eccp_store_update (fixture->store, "cluster", CLUSTER_A, unknown, NULL, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  created = eccp_store_create (fixture->store, "cluster", NULL, bad_create, NULL, &error);
  g_assert_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  assert_no_changes (fixture->store);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM records"), ==, 1);
  record = get_record (fixture->store, "cluster", CLUSTER_A);
  g_assert_cmpstr (eccp_record_get_string (record, "website"), ==, "https://www.klaster.example.eu");
  g_assert_cmpstr (eccp_record_get_string (record, "description"), ==, "Agricultural machinery makers of Vojvodina.");
}

static void
test_checkin_append_only (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) attributes = object_from ("{\"at\": \"2018-06-04T09:00:00+08:00\", \"device\": \"Desk 1\"}");
  g_autoptr(JsonObject) relationships = object_from (
      "{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"" CLUSTER_A "\"}},"
      " \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"" CLUSTER_B "\"}}}");
  g_autoptr(JsonObject) changes = object_from ("{\"device\": \"Desk 2\"}");
  g_autoptr(EccpRecord) checkin = NULL;
  g_autoptr(EccpRecord) updated = NULL;

  checkin = eccp_store_create (fixture->store, "checkin", NULL, attributes, relationships, &error);
  g_assert_no_error (error);

  updated = eccp_store_update (fixture->store, "checkin", eccp_record_get_id (checkin), changes, NULL, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (eccp_store_delete (fixture->store, "checkin", eccp_record_get_id (checkin), &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED);
}

/* }}} */

/* {{{ Queries */

static void
import_query_set (EccpStore *store)
{
  import_json (store,
               "{\"data\": ["
               "{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000001\","
               " \"attributes\": {\"name\": \"beta\", \"country\": \"DE\", \"ecosystems\": [\"Digital\", \"Health\"],"
               "  \"members\": {\"sme\": 40}, \"founded\": 2001}},"
               "{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000002\","
               " \"attributes\": {\"name\": \"Alpha\", \"country\": \"DE\", \"ecosystems\": [\"Digital\"],"
               "  \"members\": {\"sme\": 12}, \"founded\": 1999}},"
               "{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000003\","
               " \"attributes\": {\"name\": \"Gamma\", \"country\": \"FR\", \"ecosystems\": [\"Health\"],"
               "  \"members\": {\"sme\": 40}, \"founded\": 2010}},"
               "{\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-000000000010\","
               " \"attributes\": {\"name\": \"EACP ABROAD\", \"programme\": \"ESCP-4i\"},"
               " \"relationships\": {\"members\": {\"data\": [{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000001\"},"
               "   {\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000003\"}]},"
               "  \"coordinator\": {\"data\": {\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000003\"}}}},"
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000020\","
               " \"attributes\": {\"title\": \"Late in Taipei\", \"starts_at\": \"2018-06-04T09:00:00+08:00\"}},"
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000021\","
               " \"attributes\": {\"title\": \"Early in Kyiv\", \"starts_at\": \"2018-06-04T03:30:00+03:00\"}}"
               "]}",
               NULL);
}

static char *
query_titles (EccpStore  *store,
              EccpQuery  *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = eccp_store_query (store, query, &error);
  GString *titles = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (titles, "%s%s", i ? "," : "",
                            eccp_record_get_title (g_ptr_array_index (records, i)));

  return g_string_free (titles, FALSE);
}

#define ASSERT_QUERY(query, expected) \
  G_STMT_START { \
    g_autofree char *titles_ = query_titles (fixture->store, query); \
    g_assert_cmpstr (titles_, ==, expected); \
  } G_STMT_END

static void
test_query_filters_and_sort (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpQuery) query = NULL;
  g_autoptr(GPtrArray) records = NULL;

  import_query_set (fixture->store);

  /* By title, without regard to case. */
  query = eccp_query_new ("cluster");
  ASSERT_QUERY (query, "Alpha,beta,Gamma");
  eccp_query_set_sort (query, "name", TRUE);
  ASSERT_QUERY (query, "Gamma,beta,Alpha");
  eccp_query_set_sort (query, "founded", FALSE);
  ASSERT_QUERY (query, "Alpha,beta,Gamma");
  eccp_query_set_range (query, 1, 1);
  ASSERT_QUERY (query, "beta");
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==, 3);
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("cluster");
  eccp_query_add_filter (query, "country", "de");
  ASSERT_QUERY (query, "Alpha,beta");
  eccp_query_add_filter (query, "ecosystems", "Health");
  ASSERT_QUERY (query, "beta");
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("cluster");
  eccp_query_add_filter (query, "ecosystems", "Digital,Health");
  ASSERT_QUERY (query, "beta");
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("cluster");
  eccp_query_add_filter (query, "members.sme", "40");
  ASSERT_QUERY (query, "beta,Gamma");
  eccp_query_set_sort (query, "members.sme", FALSE);
  eccp_query_set_sort (query, "name", TRUE);
  ASSERT_QUERY (query, "Gamma,beta");
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("partnership");
  eccp_query_add_filter (query, "members", "00000000-0000-4000-8000-000000000003");
  ASSERT_QUERY (query, "EACP ABROAD");
  eccp_query_add_filter (query, "coordinator", "00000000-0000-4000-8000-000000000001");
  ASSERT_QUERY (query, "");
  g_clear_pointer (&query, eccp_query_free);

  /* Times sort as instants, whatever their offsets: 03:30+03:00 is 00:30
   * UTC, 09:00+08:00 is 01:00 UTC. */
  query = eccp_query_new ("event");
  eccp_query_set_sort (query, "starts_at", FALSE);
  ASSERT_QUERY (query, "Early in Kyiv,Late in Taipei");
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("cluster");
  eccp_query_add_filter (query, "colour", "blue");
  records = eccp_store_query (fixture->store, query, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD);
  g_assert_null (records);
  g_clear_error (&error);
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("cluster");
  eccp_query_add_filter (query, "founded", "nineteen");
  records = eccp_store_query (fixture->store, query, &error);
  g_assert_nonnull (error);
  g_assert_null (records);
  g_clear_error (&error);
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("planet");
  g_assert_cmpint (eccp_store_count (fixture->store, query, &error), ==, -1);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_TYPE);
}

/* "Now" for the ranges below, and the records around it. */
#define NOW         "2026-03-01T12:00:00Z"
#define IN_14_DAYS  "2026-03-15T12:00:00Z"

static void
import_range_set (EccpStore *store)
{
  import_json (store,
               "{\"data\": ["
               /* Events: over, running, ending at the very moment, to come */
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000030\","
               " \"attributes\": {\"title\": \"Past Forum\", \"starts_at\": \"2026-02-10T09:00:00+01:00\","
               "  \"ends_at\": \"2026-02-11T17:00:00+01:00\"}},"
               /* 20:59:59+09:00 is 11:59:59 UTC, a second before now, though the
                * text sorts after "2026-03-01T12" */
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000031\","
               " \"attributes\": {\"title\": \"Tokyo Just Before\", \"starts_at\": \"2026-03-01T18:00:00+09:00\","
               "  \"ends_at\": \"2026-03-01T20:59:59+09:00\"}},"
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000032\","
               " \"attributes\": {\"title\": \"Running Now\", \"starts_at\": \"2026-03-01T09:00:00+01:00\","
               "  \"ends_at\": \"2026-03-01T18:00:00+01:00\"}},"
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000033\","
               " \"attributes\": {\"title\": \"Ends At Now\", \"starts_at\": \"2026-03-01T08:00:00+02:00\","
               "  \"ends_at\": \"2026-03-01T14:00:00+02:00\"}},"
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000034\","
               " \"attributes\": {\"title\": \"Future Summit\", \"starts_at\": \"2026-05-04T09:00:00+02:00\","
               "  \"ends_at\": \"2026-05-05T17:00:00+02:00\"}},"
               /* Calls */
               "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-000000000040\","
               " \"attributes\": {\"title\": \"Closed Call\", \"opens_at\": \"2025-01-01T00:00:00Z\","
               "  \"deadlines\": [\"2025-06-01T17:00:00+02:00\"]}},"
               /* The first cut-off passed, the last has not: open */
               "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-000000000041\","
               " \"attributes\": {\"title\": \"Two Cut-offs\", \"opens_at\": \"2025-09-01T00:00:00+02:00\","
               "  \"deadlines\": [\"2026-01-15T17:00:00+01:00\", \"2026-04-15T17:00:00+02:00\"]}},"
               /* No opening time given: open */
               "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-000000000042\","
               " \"attributes\": {\"title\": \"Closing Soon\", \"deadlines\": [\"2026-03-10T17:00:00+01:00\"]}},"
               "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-000000000043\","
               " \"attributes\": {\"title\": \"Not Yet Open\", \"opens_at\": \"2026-04-01T00:00:00Z\","
               "  \"deadlines\": [\"2026-06-30T17:00:00Z\"]}},"
               /* Cut-offs out of order: the latest counts, not the last written */
               "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-000000000044\","
               " \"attributes\": {\"title\": \"Unordered Cut-offs\", \"opens_at\": null,"
               "  \"deadlines\": [\"2026-03-14T09:00:00Z\", \"2026-02-01T09:00:00Z\"]}},"
               /* Exactly 14 days ahead: not "closing soon" (the end is excluded) */
               "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-000000000045\","
               " \"attributes\": {\"title\": \"Edge Soon\", \"deadlines\": [\"2026-03-15T13:00:00+01:00\"]}},"
               /* Closing at this very moment: still open (the start is included) */
               "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-000000000046\","
               " \"attributes\": {\"title\": \"Deadline Now\", \"deadlines\": [\"2026-03-01T13:00:00+01:00\"]}},"
               "{\"type\": \"call\", \"id\": \"00000000-0000-4000-8000-000000000047\","
               " \"attributes\": {\"title\": \"No Dates\", \"deadlines\": []}},"
               /* Clusters with a label valid until a day */
               "{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000050\","
               " \"attributes\": {\"name\": \"Valid Today\", \"label_valid_until\": \"2026-03-01\"}},"
               "{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000051\","
               " \"attributes\": {\"name\": \"Expired Yesterday\", \"label_valid_until\": \"2026-02-28\"}},"
               "{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-000000000052\","
               " \"attributes\": {\"name\": \"Never Labelled\"}}"
               "]}",
               NULL);
}

static void
set_query_now (EccpQuery *query)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);

  eccp_query_set_now (query, now);
}

/* Calls at NOW, by title unless the test sorts them otherwise */
static EccpQuery *
new_call_query (void)
{
  EccpQuery *query = eccp_query_new ("call");

  set_query_now (query);
  eccp_query_set_sort (query, "title", FALSE);
  return query;
}

static void
test_query_ranges_events (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EccpQuery) query = NULL;
  g_autoptr(EccpQuery) copy = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autoptr(GDateTime) summit_ends = g_date_time_new_utc (2026, 5, 5, 15, 0, 0);
  const char *field, *from, *to;
  gboolean missing_matches;

  import_range_set (fixture->store);

  /* Upcoming: not over yet, soonest first */
  query = eccp_query_new ("event");
  eccp_query_add_range (query, "ends_at", NOW, NULL, FALSE);
  eccp_query_set_sort (query, "starts_at", FALSE);
  ASSERT_QUERY (query, "Ends At Now,Running Now,Future Summit");
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==, 3);

  /* The range is part of a copy */
  g_assert_cmpuint (eccp_query_get_n_ranges (query), ==, 1);
  copy = eccp_query_copy (query);
  g_assert_cmpuint (eccp_query_get_n_ranges (copy), ==, 1);
  eccp_query_get_range (copy, 0, &field, &from, &to, &missing_matches);
  g_assert_cmpstr (field, ==, "ends_at");
  g_assert_cmpstr (from, ==, NOW);
  g_assert_null (to);
  g_assert_false (missing_matches);
  ASSERT_QUERY (copy, "Ends At Now,Running Now,Future Summit");
  g_clear_pointer (&query, eccp_query_free);

  /* Past: over, latest first */
  query = eccp_query_new ("event");
  eccp_query_add_range (query, "ends_at", NULL, NOW, FALSE);
  eccp_query_set_sort (query, "starts_at", TRUE);
  ASSERT_QUERY (query, "Tokyo Just Before,Past Forum");
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==, 2);
  g_clear_pointer (&query, eccp_query_free);

  /* Starting in a week from 06:00 UTC, whatever the offsets (08:00+02:00
   * is 06:00 UTC: the start is included) */
  query = eccp_query_new ("event");
  eccp_query_add_range (query, "starts_at", "2026-03-01T07:00:00+01:00", "2026-03-08T06:00:00Z", FALSE);
  ASSERT_QUERY (query, "Ends At Now,Running Now,Tokyo Just Before");
  g_clear_pointer (&query, eccp_query_free);

  /* Ranges add up, and go with a search */
  query = eccp_query_new ("event");
  eccp_query_add_range (query, "ends_at", NOW, NULL, FALSE);
  eccp_query_add_range (query, "starts_at", NULL, NOW, FALSE);
  ASSERT_QUERY (query, "Ends At Now,Running Now");
  eccp_query_set_search (query, "running");
  ASSERT_QUERY (query, "Running Now");
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==, 1);
  g_clear_pointer (&query, eccp_query_free);

  /* Upcoming first at NOW: not yet ended (ending at now counts) by their
   * start; then the past, the latest first; a page of it too */
  query = eccp_query_new ("event");
  set_query_now (query);
  eccp_query_set_sort_upcoming (query, "starts_at");
  g_assert_true (eccp_query_get_sort_upcoming (query));
  ASSERT_QUERY (query, "Ends At Now,Running Now,Future Summit,Tokyo Just Before,Past Forum");
  eccp_query_set_range (query, 1, 3);
  ASSERT_QUERY (query, "Running Now,Future Summit,Tokyo Just Before");
  g_clear_pointer (&copy, eccp_query_free);
  copy = eccp_query_copy (query);
  ASSERT_QUERY (copy, "Running Now,Future Summit,Tokyo Just Before");
  g_clear_pointer (&copy, eccp_query_free);
  eccp_query_set_sort (query, "starts_at", FALSE);
  g_assert_false (eccp_query_get_sort_upcoming (query));
  g_clear_pointer (&query, eccp_query_free);

  /* The real now, as the application writes it (with microseconds) */
  query = eccp_query_new ("event");
  eccp_query_add_range (query, "ends_at", now_text, NULL, FALSE);
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==,
                   g_date_time_compare (now, summit_ends) < 0 ? 1 : 0);
  g_clear_pointer (&query, eccp_query_free);
}

/* "Soonest first" puts an event with no readable time after all the
 * dated ones, not before the next event to come */
static void
test_query_upcoming_undated (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(EccpQuery) query = eccp_query_new ("event");

  import_range_set (fixture->store);
  import_json (fixture->store,
               "{\"data\": ["
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000038\","
               " \"attributes\": {\"title\": \"Undated\"}},"
               "{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-000000000039\","
               " \"attributes\": {\"title\": \"Unreadable\", \"starts_at\": \"next spring\","
               "  \"ends_at\": \"later\"}}"
               "]}", NULL);

  set_query_now (query);
  eccp_query_set_sort_upcoming (query, "starts_at");
  ASSERT_QUERY (query, "Ends At Now,Running Now,Future Summit,Tokyo Just Before,Past Forum,Undated,Unreadable");
}

static void
test_query_ranges_calls (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EccpQuery) query = NULL;

  import_range_set (fixture->store);

  /* Open: the last cut-off still ahead, and opened already or no opening
   * time given; by the last cut-off */
  query = new_call_query ();
  eccp_query_add_range (query, "deadlines", NOW, NULL, FALSE);
  eccp_query_add_range (query, "opens_at", NULL, NOW, TRUE);
  eccp_query_set_sort (query, "deadlines", FALSE);
  ASSERT_QUERY (query, "Deadline Now,Closing Soon,Unordered Cut-offs,Edge Soon,Two Cut-offs");
  eccp_query_set_sort (query, "deadlines", TRUE);
  ASSERT_QUERY (query, "Two Cut-offs,Edge Soon,Unordered Cut-offs,Closing Soon,Deadline Now");
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==, 5);
  g_clear_pointer (&query, eccp_query_free);

  /* Without the opening time: the one not yet open too */
  query = new_call_query ();
  eccp_query_add_range (query, "deadlines", NOW, NULL, FALSE);
  ASSERT_QUERY (query, "Closing Soon,Deadline Now,Edge Soon,Not Yet Open,Two Cut-offs,Unordered Cut-offs");
  g_clear_pointer (&query, eccp_query_free);

  /* Opening later */
  query = new_call_query ();
  eccp_query_add_range (query, "opens_at", NOW, NULL, FALSE);
  ASSERT_QUERY (query, "Not Yet Open");
  g_clear_pointer (&query, eccp_query_free);

  /* Closing soon: the last cut-off within 14 days */
  query = new_call_query ();
  eccp_query_add_range (query, "deadlines", NOW, IN_14_DAYS, FALSE);
  eccp_query_set_sort (query, "deadlines", FALSE);
  ASSERT_QUERY (query, "Deadline Now,Closing Soon,Unordered Cut-offs");
  g_clear_pointer (&query, eccp_query_free);

  /* Closed: the last cut-off passed; with missing_matches, the call with
   * no cut-off at all too */
  query = new_call_query ();
  eccp_query_add_range (query, "deadlines", NULL, NOW, FALSE);
  ASSERT_QUERY (query, "Closed Call");
  g_clear_pointer (&query, eccp_query_free);
  query = new_call_query ();
  eccp_query_add_range (query, "deadlines", NULL, NOW, TRUE);
  ASSERT_QUERY (query, "Closed Call,No Dates");
  g_clear_pointer (&query, eccp_query_free);

  /* No bound: has a value */
  query = new_call_query ();
  eccp_query_add_range (query, "opens_at", NULL, NULL, FALSE);
  ASSERT_QUERY (query, "Closed Call,Not Yet Open,Two Cut-offs");
  g_clear_pointer (&query, eccp_query_free);
  query = new_call_query ();
  eccp_query_add_range (query, "deadlines", NULL, NULL, FALSE);
  g_assert_cmpint (eccp_store_count (fixture->store, query, NULL), ==, 7);
  g_clear_pointer (&query, eccp_query_free);

  /* A call list's own order: what closes next first (a cut-off at now
   * is still ahead), the one not yet open by its cut-off too; then the
   * closed, the most recently closed first */
  query = eccp_query_new ("call");
  set_query_now (query);
  ASSERT_QUERY (query, "Deadline Now,Closing Soon,Unordered Cut-offs,Edge Soon,Two Cut-offs,"
                       "Not Yet Open,Closed Call,No Dates");
  eccp_query_set_range (query, 2, 3);
  ASSERT_QUERY (query, "Unordered Cut-offs,Edge Soon,Two Cut-offs");
  g_clear_pointer (&query, eccp_query_free);

  /* The status filters, at the query's now */
  {
    const struct { const char *status; const char *titles; } cases[] = {
      { "open", "Deadline Now,Closing Soon,Unordered Cut-offs,Edge Soon,Two Cut-offs" },
      { "closing", "Deadline Now,Closing Soon,Unordered Cut-offs" },
      { "forthcoming", "Not Yet Open" },
      { "closed", "Closed Call,No Dates" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        query = eccp_query_new ("call");
        set_query_now (query);
        eccp_query_add_filter (query, ECCP_QUERY_CALL_STATUS, cases[i].status);
        ASSERT_QUERY (query, cases[i].titles);
        g_clear_pointer (&query, eccp_query_free);
      }

    query = eccp_query_new ("call");
    eccp_query_add_filter (query, ECCP_QUERY_CALL_STATUS, "soon");
    g_assert_null (eccp_store_query (fixture->store, query, NULL));
  }
}

static void
test_query_ranges_dates (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EccpQuery) query = NULL;

  import_range_set (fixture->store);

  /* Dates compare as days: valid until today is valid today */
  query = eccp_query_new ("cluster");
  eccp_query_add_range (query, "label_valid_until", NOW, NULL, FALSE);
  ASSERT_QUERY (query, "Valid Today");
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("cluster");
  eccp_query_add_range (query, "label_valid_until", NULL, NOW, FALSE);
  ASSERT_QUERY (query, "Expired Yesterday");
  g_clear_pointer (&query, eccp_query_free);

  query = eccp_query_new ("cluster");
  eccp_query_add_range (query, "label_valid_until", NULL, NOW, TRUE);
  ASSERT_QUERY (query, "Expired Yesterday,Never Labelled");
  g_clear_pointer (&query, eccp_query_free);

  /* A bound's day is the day at its own offset (23:30 UTC the day before) */
  query = eccp_query_new ("cluster");
  eccp_query_add_range (query, "label_valid_until", "2026-03-01T00:30:00+01:00", NULL, FALSE);
  ASSERT_QUERY (query, "Valid Today");
  g_clear_pointer (&query, eccp_query_free);

  /* and a bare date */
  query = eccp_query_new ("cluster");
  eccp_query_add_range (query, "label_valid_until", "2026-02-28", "2026-03-01", FALSE);
  ASSERT_QUERY (query, "Expired Yesterday");
}

static void
test_query_ranges_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  struct { const char *type, *field, *from, *to; GQuark domain; int code; } cases[] = {
    { "event", "title", NOW, NULL, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD },
    { "event", "capacity", NOW, NULL, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD },
    { "cluster", "members.sme", NULL, NULL, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD },
    { "cluster", "ecosystems", NOW, NULL, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD },
    { "event", "nope", NOW, NULL, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD },
    { "event", "ends_at", "tomorrow", NULL, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID },
    /* no offset: which instant would it be? */
    { "event", "ends_at", NULL, "2026-03-01T12:00:00", ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID },
    { "call", "deadlines", "2026-03-01", NULL, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID },
    { "cluster", "label_valid_until", "2026-02-30", NULL, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID },
    /* Not spliced into the SQL */
    { "event", "ends_at", "'; DROP TABLE records; --", NULL, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID },
  };

  import_range_set (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EccpQuery) query = eccp_query_new (cases[i].type);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;

      g_test_message ("%s.%s", cases[i].type, cases[i].field);
      eccp_query_add_range (query, cases[i].field, cases[i].from, cases[i].to, FALSE);
      records = eccp_store_query (fixture->store, query, &error);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_null (records);
      g_clear_error (&error);
      g_assert_cmpint (eccp_store_count (fixture->store, query, &error), ==, -1);
      g_assert_error (error, cases[i].domain, cases[i].code);
    }

  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM records"), ==, 16);
}

static gboolean
plan_uses_index (EccpStore  *store,
                 const char *sql,
                 const char *index)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autofree char *wanted = g_strconcat ("USING INDEX ", index, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean uses = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (_eccp_store_get_db (store), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (strstr ((const char *)sqlite3_column_text (stmt, 3), wanted) != NULL)
      uses = TRUE;
  sqlite3_finalize (stmt);

  return uses;
}

static void
test_query_uses_indexes (Fixture       *fixture,
                         gconstpointer  data)
{
  /* The lists every view opens with must not scan the table: the SQL the
   * store writes for them (eccp-store-query.c) matches the expression indexes. */
  g_assert_true (plan_uses_index (fixture->store,
                                  "SELECT 1 FROM records r"
                                  " LEFT JOIN outbox o ON o.type = r.type AND o.record_id = r.id"
                                  " WHERE r.type = 'cluster' AND r.deleted = 0"
                                  " ORDER BY json_extract (r.attributes, '$.name') COLLATE NOCASE ASC, r.num ASC"
                                  " LIMIT 50",
                                  "clusters_by_name"));
  g_assert_true (plan_uses_index (fixture->store,
                                  "SELECT 1 FROM records r"
                                  " WHERE r.type = 'cluster' AND r.deleted = 0"
                                  " AND json_extract (r.attributes, '$.country') = 'DE'"
                                  " ORDER BY json_extract (r.attributes, '$.name') COLLATE NOCASE ASC, r.num ASC"
                                  " LIMIT 50",
                                  "clusters_by_country"));
  g_assert_true (plan_uses_index (fixture->store,
                                  "SELECT 1 FROM records r"
                                  " WHERE r.type = 'event' AND r.deleted = 0"
                                  " ORDER BY unixepoch (json_extract (r.attributes, '$.starts_at')) DESC, r.num DESC"
                                  " LIMIT 50",
                                  "events_by_starts_at"));
  g_assert_true (plan_uses_index (fixture->store,
                                  "SELECT 1 FROM records r"
                                  " WHERE r.type = 'cluster' AND r.deleted = 0"
                                  " AND EXISTS (SELECT 1 FROM json_each (r.attributes, '$.ecosystems') WHERE value = 'Digital')"
                                  " ORDER BY json_extract (r.attributes, '$.founded') DESC, r.num DESC"
                                  " LIMIT 50",
                                  "clusters_by_founded"));

  /* A list's count reads one of the type's indexes, never the rows
   * (schema 6: the indexes leave out local deletions, as lists do). */
  {
    g_autofree char *plan = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (_eccp_store_get_db (fixture->store),
                                         "EXPLAIN QUERY PLAN SELECT count (*) FROM records r"
                                         " WHERE r.type = 'cluster' AND r.deleted = 0",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    plan = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    sqlite3_finalize (stmt);
    g_assert_nonnull (strstr (plan, "USING INDEX clusters_by_"));
  }

  /* The review queue reads the records waiting for staff from their
   * index, in the queue's order: neither every record nor a sort
   * (schema 7). */
  {
    g_autofree char *sql = _eccp_store_review_queue_sql ();
    g_autofree char *plan = eccp_test_store_plan (fixture->store, sql);

    g_assert_nonnull (strstr (plan, "SCAN r USING INDEX records_for_review"));
    g_assert_null (strstr (plan, "TEMP B-TREE"));
  }

  /* A period of starts walks the index on an event's start, as the store
   * spells it (add_range in eccp-store-query.c). */
  g_assert_true (plan_uses_index (fixture->store,
                                  "SELECT 1 FROM records r"
                                  " WHERE r.type = 'event' AND r.deleted = 0"
                                  " AND unixepoch (json_extract (r.attributes, '$.starts_at')) >= ?1"
                                  " AND unixepoch (json_extract (r.attributes, '$.starts_at')) < ?2"
                                  " ORDER BY unixepoch (json_extract (r.attributes, '$.starts_at')) ASC, r.num ASC"
                                  " LIMIT 50",
                                  "events_by_starts_at"));
  /* Open calls have no index of their own, but read only calls: the
   * partial index of their titles, not every record. */
  g_assert_true (plan_uses_index (fixture->store,
                                  "SELECT 1 FROM records r"
                                  " WHERE r.type = 'call' AND r.deleted = 0"
                                  " AND (SELECT max (unixepoch (value)) FROM json_each (r.attributes, '$.deadlines')) >= ?1"
                                  " AND (json_extract (r.attributes, '$.opens_at') IS NULL"
                                  " OR (unixepoch (json_extract (r.attributes, '$.opens_at')) < ?2))"
                                  " ORDER BY json_extract (r.attributes, '$.title') COLLATE NOCASE ASC, r.num ASC"
                                  " LIMIT 50",
                                  "calls_by_title"));
}

/* }}} */

/* {{{ A crash after the edit */

static void
test_crash_keeps_edit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("eccp-test-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) change = NULL;

  g_setenv ("ECCP_CRASH_STORE", path, TRUE);
  g_test_trap_subprocess ("/store/crash/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  store = eccp_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);
  record = get_record (store, "cluster", CLUSTER_B);
  g_assert_cmpstr (eccp_record_get_string (record, "city"), ==, "Łódź");
  change = only_change (store);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_CREATE);
  assert_strv (change->changed_attributes, "city,country,ecosystems,name,profile_type");

  g_clear_object (&store);
  eccp_test_remove_tree (dir);
}

static void
test_crash_child (void)
{
  EccpStore *store;
  EccpRecord *record;
  JsonObject *changes;

  if (!g_test_subprocess ())
    return;

  store = eccp_store_new (g_getenv ("ECCP_CRASH_STORE"), NULL);
  record = create_cluster (store, CLUSTER_B, "Textile Cluster", "Kraków");
  changes = object_from ("{\"city\": \"Łódź\"}");
  g_object_unref (eccp_store_update (store, "cluster", CLUSTER_B, changes, NULL, NULL));

  /* Killed with the connection open and the WAL not checkpointed. */
  (void) record;
  raise (SIGKILL);
}

/* }}} */

/* Undo of a deletion (the app's toast): the record and its previous
 * outbox row come back, whatever that row was. */
static void
test_restore_synced (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpRecord) back = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(EccpQuery) erkapic = eccp_query_new ("cluster");

  eccp_query_set_search (erkapic, "erkapic");
  import_json (fixture->store, published_cluster, NULL);
  g_assert_cmpint (eccp_store_count (fixture->store, erkapic, &error), ==, 1);
  record = get_record (fixture->store, "cluster", CLUSTER_A);
  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_A, &error));
  /* A search's count leaves out the local deletion (counted from the
   * full-text index, minus the deletions). */
  g_assert_cmpint (eccp_store_count (fixture->store, erkapic, &error), ==, 0);
  g_assert_true (eccp_store_restore (fixture->store, record, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (eccp_store_count (fixture->store, erkapic, &error), ==, 1);

  assert_no_changes (fixture->store);
  back = get_record (fixture->store, "cluster", CLUSTER_A);
  g_assert_cmpint (eccp_record_get_sync_state (back), ==, ECCP_SYNC_STATE_SYNCED);
  g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 1);
  found = search (fixture->store, "cluster", "erkapic");
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_restore_keeps_edit (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"description\": \"Edited before the delete\"}");
  g_autoptr(EccpRecord) edited = NULL;
  g_autoptr(EccpChange) before = NULL;
  g_autoptr(EccpChange) after = NULL;
  g_autoptr(EccpRecord) back = NULL;

  import_json (fixture->store, published_cluster, NULL);
  edited = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
  g_assert_no_error (error);
  before = only_change (fixture->store);
  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_A, &error));
  g_assert_true (eccp_store_restore (fixture->store, edited, before, &error));
  g_assert_no_error (error);

  after = only_change (fixture->store);
  g_assert_cmpint (after->op, ==, ECCP_CHANGE_UPDATE);
  g_assert_cmpstr (after->idempotency_key, ==, before->idempotency_key);
  assert_strv (after->changed_attributes, "description");
  back = get_record (fixture->store, "cluster", CLUSTER_A);
  g_assert_cmpstr (eccp_record_get_string (back, "description"), ==, "Edited before the delete");
  g_assert_cmpint (eccp_record_get_sync_state (back), ==, ECCP_SYNC_STATE_PENDING);
}

static void
test_restore_local_create (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = create_cluster (fixture->store, CLUSTER_B, "Cluster", "Kraków");
  g_autoptr(EccpChange) before = only_change (fixture->store);
  g_autoptr(EccpChange) after = NULL;
  g_autoptr(EccpRecord) back = NULL;

  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_B, &error));
  assert_no_changes (fixture->store);
  g_assert_true (eccp_store_restore (fixture->store, record, before, &error));
  g_assert_no_error (error);

  after = only_change (fixture->store);
  g_assert_cmpint (after->op, ==, ECCP_CHANGE_CREATE);
  back = get_record (fixture->store, "cluster", CLUSTER_B);
  g_assert_cmpstr (eccp_record_get_title (back), ==, "Cluster");
}

static void
test_restore_after_sent (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpRecord) record = NULL;

  import_json (fixture->store, published_cluster, NULL);
  record = get_record (fixture->store, "cluster", CLUSTER_A);
  g_assert_true (eccp_store_delete (fixture->store, "cluster", CLUSTER_A, &error));
  /* As the sync engine does when it sends the deletion. */
  g_assert_cmpint (sqlite3_exec (_eccp_store_get_db (fixture->store),
                                 "UPDATE outbox SET attempts = 1", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (eccp_store_restore (fixture->store, record, NULL, &error));
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED);
  /* Nothing half-done: the deletion still waits for its answer. */
  g_assert_cmpint (eccp_store_count_records (fixture->store, "cluster", NULL), ==, 0);
  g_assert_cmpint (eccp_store_count_changes (fixture->store, ECCP_SYNC_STATE_PENDING, NULL), ==, 1);
}

static void
test_store_changed_signal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = object_from ("{\"description\": \"x\"}");
  g_autoptr(JsonObject) bad = object_from ("{\"website\": \"ftp://no\"}");
  g_autoptr(EccpRecord) edited = NULL;
  guint count = 0;

  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (g_atomic_int_inc), &count);
  import_json (fixture->store, published_cluster, NULL);
  g_assert_cmpuint (count, ==, 1);
  edited = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);
  /* A refused edit writes nothing, and says nothing changed. */
  g_assert_null (eccp_store_update (fixture->store, "cluster", CLUSTER_A, bad, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count, ==, 2);
}

static void
quit_loop_cb (gpointer loop)
{
  g_main_loop_quit (loop);
}

static gboolean
quit_loop_timeout_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* A burst of commits is one "settled", on the store's main context, and
 * none without a commit. */
static void
test_store_settled_signal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint settled = 0;
  guint timeout;

  g_signal_connect_swapped (fixture->store, "settled", G_CALLBACK (g_atomic_int_inc), &settled);
  g_signal_connect_swapped (fixture->store, "settled", G_CALLBACK (quit_loop_cb), loop);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"description\": \"burst %u\"}", i);
      g_autoptr(JsonObject) changes = object_from (json);
      g_autoptr(EccpRecord) edited = NULL;

      if (i == 0)
        import_json (fixture->store, published_cluster, NULL);
      edited = eccp_store_update (fixture->store, "cluster", CLUSTER_A, changes, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (settled, ==, 0); /* not before the main loop runs */

  timeout = g_timeout_add_seconds (10, quit_loop_timeout_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (timeout);
  g_assert_cmpuint (settled, ==, 1);

  /* Quiet: nothing more comes. */
  timeout = g_timeout_add (3 * ECCP_STORE_SETTLED_MS, quit_loop_timeout_cb, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (settled, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/migrate/empty", test_migrate_empty);
  g_test_add_func ("/store/migrate/from-every-version", test_migrate_from_every_version);
  g_test_add_func ("/store/migrate/too-new", test_migrate_too_new);
  g_test_add_func ("/store/migrate/not-a-store", test_open_not_a_store);
  ADD ("/store/search/diacritics", test_search_diacritics);
  ADD ("/store/search/follows-edits", test_search_follows_edits);
  ADD ("/store/search/broad", test_search_broad);
  ADD ("/store/search/broad-prefix", test_search_broad_prefix);
  ADD ("/store/unknown-fields/round-trip", test_unknown_fields_round_trip);
  ADD ("/store/outbox/add", test_outbox_add);
  ADD ("/store/outbox/add-edit", test_outbox_add_edit);
  ADD ("/store/outbox/add-delete", test_outbox_add_delete);
  ADD ("/store/outbox/add-delete-add", test_outbox_add_delete_add);
  ADD ("/store/outbox/edit", test_outbox_edit);
  ADD ("/store/outbox/edit-nothing", test_outbox_edit_nothing);
  ADD ("/store/outbox/edit-edit", test_outbox_edit_edit);
  ADD ("/store/outbox/edit-delete", test_outbox_edit_delete);
  ADD ("/store/edit/object-member", test_edit_object_member);
  ADD ("/store/outbox/delete", test_outbox_delete);
  ADD ("/store/outbox/sent-then-edited", test_outbox_sent_then_edited);
  ADD ("/store/outbox/sent-create-deleted", test_outbox_sent_create_deleted);
  ADD ("/store/outbox/pull-keeps-local", test_outbox_pull_keeps_local);
  ADD ("/store/restore/synced", test_restore_synced);
  ADD ("/store/restore/keeps-edit", test_restore_keeps_edit);
  ADD ("/store/restore/local-create", test_restore_local_create);
  ADD ("/store/restore/after-sent", test_restore_after_sent);
  ADD ("/store/changed-signal", test_store_changed_signal);
  ADD ("/store/settled-signal", test_store_settled_signal);
  ADD ("/store/import/stats-and-cursor", test_import_stats_and_cursor);
  ADD ("/store/import/bad-document", test_import_bad_document);
  ADD ("/store/import/malformed-file", test_import_malformed_file);
  ADD ("/store/import/bad-document-streamed", test_import_bad_document_streamed);
  ADD ("/store/import/file-streams", test_import_file_streams);
  ADD ("/store/edit/invalid-writes-nothing", test_invalid_edit_writes_nothing);
  ADD ("/store/edit/checkin-append-only", test_checkin_append_only);
  ADD ("/store/query/filters-and-sort", test_query_filters_and_sort);
  ADD ("/store/query/uses-indexes", test_query_uses_indexes);
  ADD ("/store/query/ranges/events", test_query_ranges_events);
  ADD ("/store/query/upcoming-undated", test_query_upcoming_undated);
  ADD ("/store/query/ranges/calls", test_query_ranges_calls);
  ADD ("/store/query/ranges/dates", test_query_ranges_dates);
  ADD ("/store/query/ranges/errors", test_query_ranges_errors);
  g_test_add_func ("/store/crash/keeps-edit", test_crash_keeps_edit);
  g_test_add_func ("/store/crash/child", test_crash_child);
#undef ADD

  return g_test_run ();
}
