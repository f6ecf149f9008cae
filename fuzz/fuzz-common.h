/* fuzz-common.h: what the libFuzzer targets share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include "eccp-store.h"

G_BEGIN_DECLS

/* libFuzzer's entry points, which each target defines. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Once per process: a critical (a precondition broken: a bug) aborts, so
 * that libFuzzer records it as a crash; other messages are dropped, as the
 * rate of runs would drown the log in expected refusals. */
void       eccp_fuzz_init      (void);

/* A store in memory holding two clusters and an event with its attendee
 * (from a /changes page), with a pending local edit of the first cluster
 * (its city), so that what is fed is merged against local work. */
EccpStore *eccp_fuzz_store_new (void);

G_END_DECLS
