/* eccp-test-util.h: what the test programs share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "eccp-portal-client.h"

G_BEGIN_DECLS

/* What a run of a program gave. */
typedef struct
{
  int   status; /* the exit status, or -1 when killed by a signal */
  char *out;
  char *err;
} EccpTestResult;

void            eccp_test_result_free (EccpTestResult     *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpTestResult, eccp_test_result_free)

/* Runs the eccp program ($ECCP_CLI) with @args and @input (may be %NULL)
 * on stdin, with ECCP_DB and ECCP_TOKEN unset, XDG_DATA_HOME in @home and
 * LC_ALL=C.UTF-8; then @env ("NAME=VALUE" sets, "NAME" alone unsets). */
EccpTestResult *eccp_test_run_cli     (const char         *home,
                                       const char * const *env,
                                       const char         *input,
                                       const char * const *args);

/* Starts $ECCP_PORTAL on a free port of 127.0.0.1 with the database @db,
 * the users file @users, --test-hooks when @test_hooks, then @more_args
 * (may be %NULL).  The
 * portal ends with the test, even one that aborts.  Returns the process;
 * *@url is the base URL it printed. */
GSubprocess    *eccp_test_portal_start (const char         *db,
                                        const char         *users,
                                        gboolean            test_hooks,
                                        const char * const *more_args,
                                        char              **url);
/* Stops it with SIGTERM and waits; %TRUE when it exited with status 0
 * (under AddressSanitizer, that also means it leaked nothing). */
gboolean        eccp_test_portal_stop  (GSubprocess        *portal);

/* One request straight to the portal through @client, as someone else
 * would make it: with an idempotency key unless it is a GET, If-Match
 * @if_match unless 0.  A failure to get an answer fails the test. */
EccpPortalResponse *eccp_test_portal_call  (EccpPortalClient   *client,
                                            const char         *method,
                                            const char         *path,
                                            const char         *body_json,
                                            gint64              if_match);
/* /_test/count?@query of a portal run with --test-hooks: how many records
 * its database holds. */
gint64          eccp_test_portal_count (EccpPortalClient   *client,
                                        const char         *query);

/* Starts gnome-keyring-daemon on @bus with a new, unlocked login keyring
 * (its files below @dir), ending with the test even one that aborts, and
 * waits until it holds org.freedesktop.secrets.  Returns the daemon and in
 * *@connection a connection of the test's own to @bus.  %NULL with @error
 * when it cannot: G_IO_ERROR_NOT_FOUND (not installed), G_IO_ERROR_TIMED_OUT
 * (no org.freedesktop.secrets within 10 s) or the error of the start; the
 * messages say so, as g_test_skip() wants them. */
GSubprocess    *eccp_test_keyring_start (const char       *dir,
                                         GTestDBus        *bus,
                                         GDBusConnection **connection,
                                         GError          **error);

/* The Secret Service's SearchItems over @connection, for the attributes
 * `eccp login` has always kept the token under: "(aoao)", the unlocked
 * items and the locked ones. */
GVariant       *eccp_test_keyring_search (GDBusConnection  *connection,
                                          const char       *portal);

/* @text, which must be one JSON value, parsed */
JsonNode       *eccp_test_parse_json     (const char       *text);

/* What says a file was not touched: its size, SHA-256 and modification
 * time to the nanosecond, and which of its SQLite companions (-wal, -shm,
 * -journal) exist.  "absent" when there is no file. */
char           *eccp_test_file_fingerprint (const char     *path);
/* Opens (making it when missing) the SQLite file @path, runs @sql, closes it. */
void            eccp_test_sqlite_exec    (const char       *path,
                                          const char       *sql);
/* The integer of @sql's first row on the SQLite file @path, read read-only. */
gint64          eccp_test_sqlite_int     (const char       *path,
                                          const char       *sql);
/* PRAGMA journal_mode of the SQLite file @path, read read-only. */
char           *eccp_test_journal_mode   (const char       *path);

/* Removes @path and everything below it. */
void            eccp_test_remove_tree (const char         *path);

G_END_DECLS
