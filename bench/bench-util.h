/* bench-util.h: what the benchmarks share to report their figures
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The @p quantile (0.5 the median, 0.95…) of @samples (double, sorted in
 * place), the nearest sample; 0 when there is none. */
double      bench_percentile   (GArray       *samples,
                                double        p);
const char *bench_aim          (gboolean      met);
char       *bench_start_portal (GSubprocess **portal,
                                const char   *db,
                                guint         n_clusters);
void        bench_remove_db    (const char   *path);

/* This process's CPU time (user and system) so far, and the calling
 * thread's, in microseconds: less sensitive to a busy machine than the
 * wall clock. */
gint64      bench_cpu_us        (void);
gint64      bench_thread_cpu_us (void);
/* A "VmRSS:" / "VmHWM:" line of /proc/self/status, in kB; -1 without it. */
long        bench_status_kb     (const char   *key);

G_END_DECLS
