/* eccp-venue-item.c: one attendee and their check-in state, in a list model
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel holds objects: this wraps the core's EccpAttendeeState so
 * that venue mode's list views can show it.  Immutable: a new state is a
 * new item.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-venue-item.h"

struct _EccpVenueItem
{
  GObject            parent_instance;

  EccpAttendeeState *state;
};

G_DEFINE_FINAL_TYPE (EccpVenueItem, eccp_venue_item, G_TYPE_OBJECT)

static void
eccp_venue_item_finalize (GObject *object)
{
  EccpVenueItem *self = ECCP_VENUE_ITEM (object);

  g_clear_pointer (&self->state, eccp_attendee_state_free);

  G_OBJECT_CLASS (eccp_venue_item_parent_class)->finalize (object);
}

static void
eccp_venue_item_class_init (EccpVenueItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eccp_venue_item_finalize;
}

static void
eccp_venue_item_init (EccpVenueItem *self)
{
}

EccpVenueItem *
eccp_venue_item_new (EccpAttendeeState *state)
{
  EccpVenueItem *self;

  g_return_val_if_fail (state != NULL, NULL);

  self = g_object_new (ECCP_TYPE_VENUE_ITEM, NULL);
  self->state = state;

  return self;
}

const EccpAttendeeState *
eccp_venue_item_get_state (EccpVenueItem *self)
{
  g_return_val_if_fail (ECCP_IS_VENUE_ITEM (self), NULL);

  return self->state;
}
