/* fuzz-import.c: a file given to `eccp import`
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the file's bytes: written to a file of this process, then
 * imported into a store holding records and a pending local edit, which
 * an import must never overwrite (eccp-store-import.c).
 */

#define G_LOG_DOMAIN "eccp-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <glib/gstdio.h>
#include <stdlib.h>

static char *dir;
static char *path;

static void
remove_dir (void)
{
  g_remove (path);
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  eccp_fuzz_init ();
  dir = g_dir_make_tmp ("eccp-fuzz-import-XXXXXX", NULL);
  if (dir == NULL)
    abort ();
  path = g_build_filename (dir, "import.json", NULL);
  atexit (remove_dir);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  EccpImportStats stats = { 0, };

  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    abort ();

  store = eccp_fuzz_store_new ();
  if (!eccp_store_import_file (store, path, &stats, NULL))
    return 0;

  /* The local edit survives whatever was imported. */
  changes = eccp_store_list_changes (store, NULL);
  if (changes == NULL || changes->len == 0)
    g_error ("an import dropped the pending local change");

  return 0;
}
