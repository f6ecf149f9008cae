/* eccp-test-cli.c: the command-line tests' fixture
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "eccp-test-cli.h"

void
eccp_test_cli_set_up (EccpTestCli   *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("eccp-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "store.db", NULL);
}

void
eccp_test_cli_tear_down (EccpTestCli   *f,
                         gconstpointer  data)
{
  eccp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

EccpTestResult *
eccp_test_cli_run (EccpTestCli        *f,
                   const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return eccp_test_run_cli (f->dir, NULL, NULL, (const char * const *) argv->pdata);
}

JsonNode *
eccp_test_cli_show_json (EccpTestCli *f,
                         const char  *type,
                         const char  *id)
{
  g_autoptr(EccpTestResult) result = ECCP_TEST_CLI_RUN (f, "show", type, id, "--json");

  eccp_test_assert_status (result, 0);
  return eccp_test_parse_json (result->out);
}

void
eccp_test_cli_write_file (EccpTestCli  *f,
                          const char   *name,
                          const char   *contents,
                          char        **path)
{
  g_autoptr(GError) error = NULL;

  *path = g_build_filename (f->dir, name, NULL);
  g_file_set_contents (*path, contents, -1, &error);
  g_assert_no_error (error);
}

void
eccp_test_assert_status_impl (EccpTestResult *result,
                              int             status,
                              const char     *file,
                              int             line)
{
  if (result->status != status)
    {
      g_test_message ("%s:%d: exit status %d, expected %d\nstdout: %s\nstderr: %s",
                      file, line, result->status, status, result->out, result->err);
      g_assert_cmpint (result->status, ==, status);
    }
}

void
eccp_test_assert_one_line_error (EccpTestResult *result)
{
  guint n_lines = 0;

  for (const char *p = result->err; *p != '\0'; p++)
    n_lines += *p == '\n';

  g_assert_true (g_str_has_prefix (result->err, "eccp: "));
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  g_assert_cmpuint (n_lines, ==, 1);
}

void
eccp_test_assert_contains (const char *haystack,
                           const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    {
      g_test_message ("“%s” not in “%s”", needle, haystack);
      g_assert_nonnull (strstr (haystack, needle));
    }
}
