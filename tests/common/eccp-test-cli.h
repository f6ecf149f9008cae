/* eccp-test-cli.h: the command-line tests' fixture: a folder, a store path,
 * and eccp run on them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "eccp-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;  /* removed with everything below it */
  char *db;   /* dir/store.db, not made */
} EccpTestCli;

void            eccp_test_cli_set_up         (EccpTestCli        *f,
                                              gconstpointer       data);
void            eccp_test_cli_tear_down      (EccpTestCli        *f,
                                              gconstpointer       data);

/* eccp --db F->db ARGS…, with XDG_DATA_HOME in the folder (eccp_test_run_cli) */
EccpTestResult *eccp_test_cli_run            (EccpTestCli        *f,
                                              const char * const *args);
#define ECCP_TEST_CLI_RUN(f, ...) \
  eccp_test_cli_run ((f), (const char *[]) { __VA_ARGS__, NULL })

/* `eccp show TYPE ID --json`, which must succeed, parsed */
JsonNode       *eccp_test_cli_show_json      (EccpTestCli        *f,
                                              const char         *type,
                                              const char         *id);
/* Writes @contents to the folder's @name; *@path is where. */
void            eccp_test_cli_write_file     (EccpTestCli        *f,
                                              const char         *name,
                                              const char         *contents,
                                              char              **path);

/* Fails with the output when the exit status is not @status. */
void            eccp_test_assert_status_impl (EccpTestResult     *result,
                                              int                 status,
                                              const char         *file,
                                              int                 line);
#define eccp_test_assert_status(result, status) \
  eccp_test_assert_status_impl ((result), (status), __FILE__, __LINE__)

/* Fails, showing both, when @needle is not in @haystack. */
void            eccp_test_assert_contains    (const char         *haystack,
                                              const char         *needle);

/* A failure says what went wrong on one line: "eccp: …\n". */
void            eccp_test_assert_one_line_error (EccpTestResult  *result);

#ifdef ECCP_TEST_CLI_SHORT_NAMES
/* The names the command-line tests (tests/cli) use for the above. */
typedef EccpTestCli Fixture;
typedef EccpTestResult Result;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, eccp_test_result_free)

#define fixture_setup         eccp_test_cli_set_up
#define fixture_teardown      eccp_test_cli_tear_down
#define run                   ECCP_TEST_CLI_RUN
#define run_strv              eccp_test_cli_run
#define assert_status         eccp_test_assert_status
#define assert_status_impl    eccp_test_assert_status_impl
#define assert_one_line_error eccp_test_assert_one_line_error
#define assert_contains       eccp_test_assert_contains
#define parse_json            eccp_test_parse_json
#define show_json             eccp_test_cli_show_json
#define write_file            eccp_test_cli_write_file
#endif

G_END_DECLS
