/* eccp-test-store.h: the store tests' fixture: a new store in a folder of
 * its own
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-store.h"

G_BEGIN_DECLS

typedef struct
{
  char      *dir;
  char      *path;   /* dir/store.db */
  EccpStore *store;
} EccpTestStore;

void        eccp_test_store_set_up    (EccpTestStore *fixture,
                                       gconstpointer  data);
void        eccp_test_store_tear_down (EccpTestStore *fixture,
                                       gconstpointer  data);

/* SQLite's plan for @sql on @store, a line per step ("SEARCH a USING
 * INDEX …"): for the tests that the store's statements use its indexes. */
char       *eccp_test_store_plan      (EccpStore     *store,
                                       const char    *sql);

/* @json, which must be a JSON object, parsed */
JsonObject *eccp_test_object_from     (const char    *json);

/* @strv joined with "," is @joined */
void        eccp_test_assert_strv     (GStrv          strv,
                                       const char    *joined);

G_END_DECLS
