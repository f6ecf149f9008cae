/* eccp-record-slots.c: a list of records as a list view shows it, one slot a position
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list view keeps a row widget only while its item stays the
 * same object: a new search, which replaces every record, made it destroy
 * every row it showed and build as many again (most of a keystroke's
 * stall at 100,000 records, measured with bench-app).  Here each position
 * has one EccpRecordSlot for as long as something holds it; when the
 * records change, the slots alive take their position's new record (the
 * rows follow "record") and only a change of length is reported, at the
 * end.  The view so reuses its rows, and never looks for its rows among
 * all the new items (which reads every page).
 *
 * Only slots somebody holds (the rows shown, the selection) exist.
 *
 * A slot is made with the record if the list has it in hand, else with
 * none (the row shows "Loading…"): the list reads that page on the
 * store's reader thread, and the slots of the page take their records
 * when it comes (EccpRecordList::page-read), again without items-changed.
 * Scrolling to row 50,000 of 100,000 so never waits for the store.
 *
 * GTK 4.8's list view keeps some 200 rows, most of them off screen, and
 * measures every one whose text changed in the next frame: a new search
 * giving all of them their record at once cost ~40 ms of layout and
 * ~15 ms of binding at 100,000 clusters (bench-app).  The slots of the
 * rows shown (set_shown()) take their record at once; the others a few
 * at a time in idles after the frame, and at once if asked for.  Rows
 * coming back after a narrow search (a few rows to 100,000) are made by
 * the view, ~200 of them, as the length grows: the length grows by the
 * rows shown first, then SLOTS_A_TURN an idle until the view has all the
 * rows it keeps (GROWN_AT), then to the whole length.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-slots.h"

#include "eccp-record-slot.h"

/* Slots given their record in one idle: a frame's layout of that many
 * rows stays within a few milliseconds */
#define SLOTS_A_TURN 16
/* Past the ~200 rows GTK 4.8's list view keeps, more length makes none */
#define GROWN_AT 256

struct _EccpRecordSlots
{
  GObject     parent_instance;

  EccpRecordList *records;
  /* The length said (items-changed), and the list's, which it grows to */
  guint       n_items;
  guint       target_n_items;
  /* position → EccpRecordSlot, not held: a slot leaves when dropped */
  GHashTable *slots;
  /* The positions shown, and the positions of slots whose record is of
   * before, given theirs in an idle */
  guint       shown_first;
  guint       shown_last;
  GHashTable *stale;
  guint       idle;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpRecordSlots, eccp_record_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
slot_dropped_cb (gpointer  data,
                 GObject  *where_the_object_was)
{
  EccpRecordSlots *self = data;
  /* Still whole while its weak references are told */
  guint position = eccp_record_slot_get_position ((EccpRecordSlot *) where_the_object_was);

  if (g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position)) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->slots, GUINT_TO_POINTER (position));
}

static void
forget_slot (EccpRecordSlots *self,
             EccpRecordSlot  *slot)
{
  g_object_weak_unref (G_OBJECT (slot), slot_dropped_cb, self);
  g_hash_table_remove (self->slots, GUINT_TO_POINTER (eccp_record_slot_get_position (slot)));
}

/* GListModel */

static GType
eccp_record_slots_get_item_type (GListModel *model)
{
  return ECCP_TYPE_RECORD_SLOT;
}

static guint
eccp_record_slots_get_n_items (GListModel *model)
{
  return ECCP_RECORD_SLOTS (model)->n_items;
}

static gpointer
eccp_record_slots_get_item (GListModel *model,
                            guint       position)
{
  EccpRecordSlots *self = ECCP_RECORD_SLOTS (model);
  EccpRecordSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    {
      /* Scrolled to before its idle: its record now */
      if (g_hash_table_remove (self->stale, GUINT_TO_POINTER (position)))
        eccp_record_slot_set_record (slot, eccp_record_list_peek (self->records, position));
      return g_object_ref (slot);
    }

  slot = eccp_record_slot_new (position);
  eccp_record_slot_set_record (slot, eccp_record_list_peek (self->records, position));
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  g_object_weak_ref (G_OBJECT (slot), slot_dropped_cb, self);

  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = eccp_record_slots_get_item_type;
  iface->get_n_items = eccp_record_slots_get_n_items;
  iface->get_item = eccp_record_slots_get_item;
}

/* Says the length up to @n_items. */
static void
grow (EccpRecordSlots *self,
      guint            n_items)
{
  guint old_n_items = self->n_items;

  if (n_items <= old_n_items)
    return;

  self->n_items = n_items;
  g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, n_items - old_n_items);
}

static gboolean
idle_cb (gpointer data)
{
  EccpRecordSlots *self = data;
  GHashTableIter iter;
  gpointer position;
  guint n = 0;

  if (self->n_items < self->target_n_items)
    {
      guint next = self->n_items + SLOTS_A_TURN;

      grow (self, next < GROWN_AT && next < self->target_n_items ? next : self->target_n_items);
      return G_SOURCE_CONTINUE;
    }

  g_hash_table_iter_init (&iter, self->stale);
  while (n < SLOTS_A_TURN && g_hash_table_iter_next (&iter, &position, NULL))
    {
      EccpRecordSlot *slot = g_hash_table_lookup (self->slots, position);

      g_hash_table_iter_remove (&iter);
      if (slot == NULL)
        continue;
      eccp_record_slot_set_record (slot, eccp_record_list_peek (self->records, GPOINTER_TO_UINT (position)));
      n++;
    }

  if (g_hash_table_size (self->stale) > 0)
    return G_SOURCE_CONTINUE;

  self->idle = 0;
  return G_SOURCE_REMOVE;
}

/* The records from @position on changed: the slots there take their new
 * record (only those in the range when the length stays; the rows off
 * screen in idles), then the length changes at the end. */
static void
records_changed_cb (EccpRecordSlots *self,
                    guint            position,
                    guint            removed,
                    guint            added)
{
  guint old_n_items = self->n_items;
  guint new_n_items = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  guint end = removed == added ? position + added : G_MAXUINT;
  g_autoptr(GList) slots = g_hash_table_get_values (self->slots);

  self->target_n_items = new_n_items;

  for (GList *l = slots; l != NULL; l = l->next)
    {
      EccpRecordSlot *slot = l->data;
      guint at = eccp_record_slot_get_position (slot);

      if (at < position || at >= end)
        continue;

      /* Off screen, still there: later, when a search replaced them all */
      if (at < new_n_items && end - position > SLOTS_A_TURN
          && (at < self->shown_first || at > self->shown_last))
        {
          g_hash_table_add (self->stale, GUINT_TO_POINTER (at));
          continue;
        }
      g_hash_table_remove (self->stale, GUINT_TO_POINTER (at));

      /* Not in hand: the page is asked for, and the slot waits for it */
      eccp_record_slot_set_record (slot, eccp_record_list_peek (self->records, at));
      /* Past the end: a later item there is a new slot. */
      if (at >= new_n_items)
        forget_slot (self, slot);
    }

  if (new_n_items < old_n_items)
    {
      self->n_items = new_n_items;
      g_list_model_items_changed (G_LIST_MODEL (self), new_n_items, old_n_items - new_n_items, 0);
    }
  else if (old_n_items >= GROWN_AT || self->shown_last == G_MAXUINT)
    grow (self, new_n_items);
  else
    /* The rows shown now, the rest of the rows the view makes later */
    grow (self, MIN (new_n_items, MAX (old_n_items + SLOTS_A_TURN, self->shown_last + 1)));

  if ((self->n_items < self->target_n_items || g_hash_table_size (self->stale) > 0) && self->idle == 0)
    self->idle = g_idle_add (idle_cb, self);
}

/* A page came: its slots that waited take their record. */
static void
page_read_cb (EccpRecordSlots *self,
              guint            position,
              guint            n_rows)
{
  for (guint at = position; at < position + n_rows && at < self->n_items; at++)
    {
      EccpRecordSlot *slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (at));

      if (slot != NULL && eccp_record_slot_get_record (slot) == NULL
          && !g_hash_table_contains (self->stale, GUINT_TO_POINTER (at)))
        eccp_record_slot_set_record (slot, eccp_record_list_peek (self->records, at));
    }
}

/* Object life */

static void
eccp_record_slots_dispose (GObject *object)
{
  EccpRecordSlots *self = (EccpRecordSlots *)object;

  if (self->slots != NULL)
    {
      g_autoptr(GList) slots = g_hash_table_get_values (self->slots);

      for (GList *l = slots; l != NULL; l = l->next)
        forget_slot (self, l->data);
    }
  g_clear_handle_id (&self->idle, g_source_remove);
  if (self->records != NULL)
    g_signal_handlers_disconnect_by_data (self->records, self);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (eccp_record_slots_parent_class)->dispose (object);
}

static void
eccp_record_slots_finalize (GObject *object)
{
  EccpRecordSlots *self = (EccpRecordSlots *)object;

  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);

  G_OBJECT_CLASS (eccp_record_slots_parent_class)->finalize (object);
}

static void
eccp_record_slots_class_init (EccpRecordSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eccp_record_slots_dispose;
  object_class->finalize = eccp_record_slots_finalize;
}

static void
eccp_record_slots_init (EccpRecordSlots *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
  self->stale = g_hash_table_new (NULL, NULL);
  /* No view said: every slot is shown */
  self->shown_last = G_MAXUINT;
}

EccpRecordSlots *
eccp_record_slots_new (EccpRecordList *records)
{
  EccpRecordSlots *self;

  g_return_val_if_fail (ECCP_IS_RECORD_LIST (records), NULL);

  self = g_object_new (ECCP_TYPE_RECORD_SLOTS, NULL);
  self->records = g_object_ref (records);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (records));
  self->target_n_items = self->n_items;
  g_signal_connect_swapped (records, "items-changed", G_CALLBACK (records_changed_cb), self);
  g_signal_connect_swapped (records, "page-read", G_CALLBACK (page_read_cb), self);

  return self;
}

EccpRecordList *
eccp_record_slots_get_model (EccpRecordSlots *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_SLOTS (self), NULL);

  return self->records;
}

void
eccp_record_slots_set_shown (EccpRecordSlots *self,
                             guint            first,
                             guint            last)
{
  g_return_if_fail (ECCP_IS_RECORD_SLOTS (self));

  self->shown_first = first;
  self->shown_last = last;
}

/* Says the length up to @position (included) now, if it is not yet. */
void
eccp_record_slots_reach (EccpRecordSlots *self,
                         guint            position)
{
  g_return_if_fail (ECCP_IS_RECORD_SLOTS (self));

  if (position < self->target_n_items)
    grow (self, position + 1);
}
