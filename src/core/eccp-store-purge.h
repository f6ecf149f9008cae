/* eccp-store-purge.h: removing the attendee data of past events
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-store.h"

G_BEGIN_DECLS

/* How many days after its end an event's attendee data may go. */
#define ECCP_STORE_PURGE_AFTER_DAYS 30

typedef struct
{
  /* Events whose attendee data was (or would be) removed. */
  guint n_events;
  guint n_attendees;
  guint n_checkins;
  guint n_meetings;
  /* Events whose data stays because changes not sent yet depend on it,
   * and how many such changes there are. */
  guint n_kept_events;
  guint n_kept_changes;
} EccpPurgeStats;

gboolean   eccp_store_purge_personal_data (EccpStore       *self,
                                           GDateTime       *before,
                                           gboolean         dry_run,
                                           EccpPurgeStats  *stats,
                                           GError         **error);
/* "Removed 130 attendees, 87 check-ins and 525 meetings of 2 events that
 * ended before 6 Nov 2026; kept 3 with changes not sent yet" */
char      *eccp_purge_stats_describe      (const EccpPurgeStats *stats,
                                           GDateTime            *before,
                                           gboolean              dry_run);
/* Now, less ECCP_STORE_PURGE_AFTER_DAYS. */
GDateTime *eccp_store_purge_default_before (void);

G_END_DECLS
