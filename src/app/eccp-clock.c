/* eccp-clock.c: what time it is for the views, and when what they show changes
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A badge ("Closes today at 17:00") or a list's order changes at a few
 * instants: a cut-off, an opening, midnight.  One timer, to the earliest
 * of them, instead of each row polling; at it the clock emits "changed"
 * and the views show themselves again and ask for their next instant.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-clock.h"

#include "eccp-date.h"

/* A timer runs at most this long before the wall clock is read again:
 * a suspended computer wakes up later than a timer thinks. */
#define MAX_WAIT_SECONDS 3600

struct _EccpClock
{
  GObject    parent_instance;

  GDateTime *fixed_now;  /* %NULL: the real time */
  GDateTime *wake;       /* the earliest instant asked for, or %NULL */
  GDateTime *target;     /* what the timer runs to */
  guint      timeout_id;
};

G_DEFINE_FINAL_TYPE (EccpClock, eccp_clock, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void arm (EccpClock *self);

static GDateTime *
next_midnight (GDateTime *now)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) here = g_date_time_to_timezone (now, local);
  g_autoptr(GDateTime) midnight = g_date_time_new (local,
                                                   g_date_time_get_year (here),
                                                   g_date_time_get_month (here),
                                                   g_date_time_get_day_of_month (here),
                                                   0, 0, 0);

  return g_date_time_add_days (midnight, 1);
}

static gboolean
timeout_cb (gpointer data)
{
  EccpClock *self = data;
  g_autoptr(GDateTime) now = eccp_clock_get_now (self);

  self->timeout_id = 0;
  if (self->target != NULL && g_date_time_compare (now, self->target) >= 0)
    {
      g_clear_pointer (&self->wake, g_date_time_unref);
      g_clear_pointer (&self->target, g_date_time_unref);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  arm (self);

  return G_SOURCE_REMOVE;
}

static void
arm (EccpClock *self)
{
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->target, g_date_time_unref);

  /* A fixed time moves only when it is told to. */
  if (self->fixed_now != NULL)
    return;

  now = eccp_clock_get_now (self);
  self->target = next_midnight (now);
  if (self->wake != NULL && g_date_time_compare (self->wake, self->target) < 0)
    {
      g_date_time_unref (self->target);
      self->target = g_date_time_ref (self->wake);
    }

  wait = g_date_time_difference (self->target, now) / G_TIME_SPAN_SECOND + 1;
  self->timeout_id = g_timeout_add_seconds ((guint) CLAMP (wait, 1, MAX_WAIT_SECONDS), timeout_cb, self);
}

static void
eccp_clock_finalize (GObject *object)
{
  EccpClock *self = (EccpClock *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_clear_pointer (&self->wake, g_date_time_unref);
  g_clear_pointer (&self->target, g_date_time_unref);

  G_OBJECT_CLASS (eccp_clock_parent_class)->finalize (object);
}

static void
eccp_clock_class_init (EccpClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eccp_clock_finalize;

  /**
   * EccpClock::changed:
   *
   * Time has passed an instant asked for, or midnight, or it was set:
   * what depends on now is to be shown again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eccp_clock_init (EccpClock *self)
{
  const char *fixed = g_getenv ("ECCP_DESK_NOW");

  if (fixed != NULL && *fixed != '\0')
    {
      self->fixed_now = eccp_date_time_parse_rfc3339 (fixed);
      if (self->fixed_now == NULL)
        g_warning ("ECCP_DESK_NOW=%s is not an RFC 3339 time: using the real time", fixed);
    }
  arm (self);
}

EccpClock *
eccp_clock_get_default (void)
{
  static EccpClock *clock;

  if (g_once_init_enter (&clock))
    g_once_init_leave (&clock, g_object_new (ECCP_TYPE_CLOCK, NULL));

  return clock;
}

GDateTime *
eccp_clock_get_now (EccpClock *self)
{
  g_return_val_if_fail (ECCP_IS_CLOCK (self), NULL);

  if (self->fixed_now != NULL)
    return g_date_time_to_utc (self->fixed_now);

  return g_date_time_new_now_utc ();
}

void
eccp_clock_set_now (EccpClock *self,
                    GDateTime *now)
{
  g_return_if_fail (ECCP_IS_CLOCK (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_clear_pointer (&self->wake, g_date_time_unref);
  if (now != NULL)
    self->fixed_now = g_date_time_ref (now);
  arm (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
eccp_clock_wake_at (EccpClock *self,
                    GDateTime *when)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (ECCP_IS_CLOCK (self));
  g_return_if_fail (when != NULL);

  if (self->fixed_now != NULL)
    return;

  now = eccp_clock_get_now (self);
  if (g_date_time_compare (when, now) <= 0)
    return;
  if (self->wake != NULL && g_date_time_compare (self->wake, when) <= 0)
    return;

  g_clear_pointer (&self->wake, g_date_time_unref);
  self->wake = g_date_time_ref (when);
  arm (self);
}
