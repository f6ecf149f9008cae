/* eccp-limits.h: what an answer, a file or a sync run may cost, at most
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every limit on input from the portal or from a file is here, so they can
 * be read and changed together; docs/ARCHITECTURE.md "Hardening" gives the
 * reasons.  Anything over a limit is refused with a message saying which.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An answer's body, decompressed and as it came over the wire.  A page is
 * about 1,000 records of at most ~40 KB of JSON each (the field specs bound
 * every text field): 64 MB is some 50 such pages' worth of room. */
#define ECCP_LIMIT_ANSWER_BYTES      (64 * 1024 * 1024)
#define ECCP_LIMIT_ANSWER_MB         64

/* How deep arrays and objects may nest in a document.  A JSON:API page is
 * 5 deep at its deepest field (data, record, attributes, members, a value);
 * json-glib parses recursively and a deep enough document overflows the
 * stack, so deeper documents are refused before they are parsed. */
#define ECCP_LIMIT_DEPTH             64

/* Records in one page of /changes.  The client asks for at most 1,000
 * (portal-api.md allows the server to send fewer, never more). */
#define ECCP_LIMIT_PAGE_RECORDS      10000

/* One text value in a record from the portal.  The field specs' longest
 * text is 20,000 characters (at most ~80 KB of UTF-8); a value a dozen
 * times that is no field of ours, and would cost every view that shows
 * it. */
#define ECCP_LIMIT_TEXT_BYTES        (1024 * 1024)
#define ECCP_LIMIT_TEXT_MB           1

/* Pages of /changes in one run: 10,000 pages of 1,000 records is a hundred
 * times the portal's whole data; a run that reaches it stops, keeping what
 * it took, and the next run goes on from there. */
#define ECCP_LIMIT_RUN_PAGES         10000

/* A whole sync run, in seconds.  libsoup's timeout ends a read idle for
 * 30 s; this ends a server that sends a byte now and then for ever. */
#define ECCP_LIMIT_RUN_SECONDS       (30 * 60)

/* A file for `eccp import`: the same bound as an answer's, times four (a
 * whole store exported at once, not one page). */
#define ECCP_LIMIT_IMPORT_BYTES      (256 * 1024 * 1024)

/* Test-only: ECCP_TEST_<NAME> in the environment replaces @limit (tests
 * make a run's deadline seconds long, not minutes).  Never set it in use. */
guint64  eccp_limit_get                (const char  *name,
                                        guint64      limit);

/* Scans @data for nesting deeper than @max_depth without parsing it or
 * recursing: strings (with their escapes) are skipped, [ and { counted.
 * %TRUE when it is not deeper. */
gboolean eccp_json_depth_within        (const char  *data,
                                        gsize        length,
                                        guint        max_depth);

/* The same scan, which also gives in @longest the bytes of the longest
 * string as sent (its escapes counted as sent, member names included):
 * no string of @data is longer once decoded. */
gboolean eccp_json_measure             (const char  *data,
                                        gsize        length,
                                        guint        max_depth,
                                        gsize       *longest);

G_END_DECLS
