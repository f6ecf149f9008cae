/* eccp-portal-faults.h: failures on demand, for the client's tests
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "eccp-portal-answer.h"

G_BEGIN_DECLS

typedef struct _EccpPortalFaults EccpPortalFaults;

EccpPortalFaults *eccp_portal_faults_new          (void);
void              eccp_portal_faults_free         (EccpPortalFaults *faults);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpPortalFaults, eccp_portal_faults_free)

/* Takes the settings of POST /_test/faults (docs/PORTAL.md):
 * {"fail_next": N, "status": S, "retry_after": R}, {"status_429_next": N},
 * {"drop_next": N}, {"drop_after_commit_next": N},
 * {"delay_next": N, "delay_ms": M}, {"forget_history": true},
 * {"reset": true}.  Hostile answers to GET /changes (ISSUE14):
 * {"gzip_bomb_next": N}, {"deep_next": N, "deep_depth": D},
 * {"deep_record_next": N} (a cluster whose ecosystems are D deep),
 * {"cursors": ["C1", ...], "cursor_cycle": 0|1} (meta.cursor of the next
 * pages, with a links.next), {"trickle_next": N, "trickle_ms": M},
 * {"hostile_next": N, "hostile": KIND, "hostile_url": URL,
 * "hostile_bytes": B} (the malformed-feed suite's kinds, docs/PORTAL.md).
 * Sets @forget_history when asked to. */
gboolean          eccp_portal_faults_configure    (EccpPortalFaults *faults,
                                                   JsonObject       *settings,
                                                   gboolean         *forget_history,
                                                   GError          **error);
/* The faults still to come, as a JSON object. */
char             *eccp_portal_faults_to_string    (EccpPortalFaults *faults);

/* Asked for each request, in this order: close the connection without an
 * answer? */
gboolean          eccp_portal_faults_take_drop    (EccpPortalFaults *faults);
/* ...answer a failure instead? (%NULL: no) */
EccpPortalAnswer *eccp_portal_faults_take_failure (EccpPortalFaults *faults);
/* ...answer late by this many milliseconds? (0: no) */
guint             eccp_portal_faults_take_delay   (EccpPortalFaults *faults);
/* After a write has been applied: drop the answer? */
gboolean          eccp_portal_faults_take_drop_after_commit
                                                  (EccpPortalFaults *faults);

/* GET /changes: a gzip bomb to send as it is instead of the answer?
 * (%NULL: no) */
GBytes           *eccp_portal_faults_take_gzip_bomb (EccpPortalFaults *faults);
/* Makes @answer, a page of /changes, as hostile as asked. */
void              eccp_portal_faults_rewrite_changes (EccpPortalFaults *faults,
                                                      EccpPortalAnswer *answer);
/* Send the answer a byte every this many milliseconds? (0: no) */
guint             eccp_portal_faults_take_trickle (EccpPortalFaults *faults);

/* GET /changes: a hostile answer of the kind asked for?  Rewrites @answer
 * (a 200 page) and returns the kind, which the server must also send in
 * its own way for "html", "truncated", "redirect", "huge_length" and
 * "big_raw"; %NULL: no. */
const char       *eccp_portal_faults_take_hostile (EccpPortalFaults *faults,
                                                   EccpPortalAnswer *answer);
/* The other origin of "next_host" and "redirect" */
const char       *eccp_portal_faults_get_hostile_url (EccpPortalFaults *faults);

G_END_DECLS
