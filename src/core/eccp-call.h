/* eccp-call.h: a call for funding's cut-off dates, its state and badge
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "eccp-record.h"

G_BEGIN_DECLS

/* Within this many days of its next cut-off, an open call is closing. */
#define ECCP_CALL_CLOSING_DAYS 14

typedef enum
{
  ECCP_CALL_STATE_FORTHCOMING, /* a cut-off to come, but it opens later */
  ECCP_CALL_STATE_OPEN,
  ECCP_CALL_STATE_CLOSING,     /* open, its next cut-off within ECCP_CALL_CLOSING_DAYS */
  ECCP_CALL_STATE_CLOSED,      /* no cut-off to come */
} EccpCallState;

/* The value of the filter ECCP_QUERY_CALL_STATUS that picks calls in
 * @state: "forthcoming", "open" (which also picks closing ones),
 * "closing", "closed". */
const char    *eccp_call_state_get_nick     (EccpCallState  state);
/* The reverse; %FALSE when @nick is none of them. */
gboolean       eccp_call_state_from_nick    (const char    *nick,
                                             EccpCallState *state);

/* The call's cut-offs (`deadlines`, or a single `deadline`), GDateTime
 * at their own offsets, earliest first; those that are no time are left
 * out.  Never %NULL. */
GPtrArray     *eccp_call_get_deadlines      (EccpRecord    *call);
/* Whether @deadline is past at @now: a cut-off at @now is still ahead,
 * as in the store's periods ([from, to)). */
gboolean       eccp_call_deadline_is_past   (GDateTime     *deadline,
                                             GDateTime     *now);
/* The first cut-off at or after @now; %NULL when all are past. */
GDateTime     *eccp_call_get_next_deadline  (EccpRecord    *call,
                                             GDateTime     *now);
/* How many cut-offs are at or after @now. */
guint          eccp_call_count_remaining    (EccpRecord    *call,
                                             GDateTime     *now);
/* `opens_at`; %NULL when the call gives none (open since it was published) */
GDateTime     *eccp_call_get_opening        (EccpRecord    *call);
EccpCallState  eccp_call_get_state          (EccpRecord    *call,
                                             GDateTime     *now);

/* The call's badge at @now, days counted on the calendar in @zone (the
 * user's; local when %NULL): "Closes today at 17:00", "Closes tomorrow
 * at 09:00", "Closes in 5 days" (within ECCP_CALL_CLOSING_DAYS), "Closes
 * 12 May"; while more than one cut-off remains "Next cut-off …" the same
 * ways ("Next cut-off 12 March"); "Opens 1 April"; "Closed". */
char          *eccp_call_format_badge       (EccpRecord    *call,
                                             GDateTime     *now,
                                             GTimeZone     *zone);

G_END_DECLS
