/* eccp-test-store.c: the store tests' fixture
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-store.h"

#include "eccp-json.h"
#include "eccp-store-private.h"
#include "eccp-test-util.h"

void
eccp_test_store_set_up (EccpTestStore *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("eccp-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = eccp_store_new (fixture->path, &error);
  g_assert_no_error (error);
}

void
eccp_test_store_tear_down (EccpTestStore *fixture,
                           gconstpointer  data)
{
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

JsonObject *
eccp_test_object_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = eccp_json_object_from_string (json, &error);

  g_assert_no_error (error);

  return object;
}

void
eccp_test_assert_strv (GStrv       strv,
                       const char *joined)
{
  g_autofree char *text = g_strjoinv (",", strv);

  g_assert_cmpstr (text, ==, joined);
}

char *
eccp_test_store_plan (EccpStore  *store,
                      const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_eccp_store_get_db (store), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  g_test_message ("%s", plan->str);
  return g_string_free (plan, FALSE);
}
