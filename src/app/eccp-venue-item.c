/* eccp-venue-item.c: one attendee and their check-in state, in a list model
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel holds objects: this wraps the core's EccpAttendeeState so
 * that venue mode's list views can show it.  Immutable: a new state is a
 * new item.  eccp_venue_items_update() is how venue mode and the event
 * page's attendee list follow the store.
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

static gboolean
same_state (const EccpAttendeeState *a,
            const EccpAttendeeState *b)
{
  return a->checked_in == b->checked_in
         && a->last_state == b->last_state
         && g_strcmp0 (a->last_checkin_id, b->last_checkin_id) == 0
         && g_strcmp0 (a->name, b->name) == 0
         && g_strcmp0 (a->organisation, b->organisation) == 0
         && g_strcmp0 (a->country, b->country) == 0;
}

gboolean
eccp_venue_items_update (GListStore *items,
                         GPtrArray  *states)
{
  GListModel *model = G_LIST_MODEL (items);
  guint n = g_list_model_get_n_items (model);
  gboolean same_people = n == states->len;
  g_autoptr(GPtrArray) fresh_items = NULL;

  g_return_val_if_fail (G_IS_LIST_STORE (items), FALSE);

  for (guint i = 0; same_people && i < n; i++)
    {
      g_autoptr(EccpVenueItem) item = g_list_model_get_item (model, i);
      const EccpAttendeeState *state = g_ptr_array_index (states, i);

      same_people = g_strcmp0 (eccp_venue_item_get_state (item)->id, state->id) == 0;
    }

  if (same_people)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EccpVenueItem) item = g_list_model_get_item (model, i);
          g_autoptr(EccpVenueItem) fresh = NULL;

          if (same_state (eccp_venue_item_get_state (item), g_ptr_array_index (states, i)))
            continue;
          fresh = eccp_venue_item_new (g_steal_pointer (&g_ptr_array_index (states, i)));
          g_list_store_splice (items, i, 1, (gpointer *) &fresh, 1);
        }
      return FALSE;
    }

  fresh_items = g_ptr_array_new_full (states->len, g_object_unref);
  for (guint i = 0; i < states->len; i++)
    g_ptr_array_add (fresh_items, eccp_venue_item_new (g_steal_pointer (&g_ptr_array_index (states, i))));
  g_list_store_splice (items, 0, n, fresh_items->pdata, fresh_items->len);

  return TRUE;
}
