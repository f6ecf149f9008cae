/* eccp-record-slot.c: one position of a list view, and the record it shows now
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The items of EccpRecordSlots: a slot stays the same object for its
 * position while the record there changes (a new search), so that a list
 * view keeps its row widgets and only rebinds them (see eccp-record-slots.c).
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-slot.h"

struct _EccpRecordSlot
{
  GObject     parent_instance;

  guint       position;
  EccpRecord *record;
};

G_DEFINE_FINAL_TYPE (EccpRecordSlot, eccp_record_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eccp_record_slot_finalize (GObject *object)
{
  EccpRecordSlot *self = (EccpRecordSlot *)object;

  g_clear_object (&self->record);

  G_OBJECT_CLASS (eccp_record_slot_parent_class)->finalize (object);
}

static void
eccp_record_slot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EccpRecordSlot *self = ECCP_RECORD_SLOT (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_record_slot_class_init (EccpRecordSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eccp_record_slot_finalize;
  object_class->get_property = eccp_record_slot_get_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ECCP_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eccp_record_slot_init (EccpRecordSlot *self)
{
}

EccpRecordSlot *
eccp_record_slot_new (guint position)
{
  EccpRecordSlot *self = g_object_new (ECCP_TYPE_RECORD_SLOT, NULL);

  self->position = position;

  return self;
}

guint
eccp_record_slot_get_position (EccpRecordSlot *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_SLOT (self), 0);

  return self->position;
}

EccpRecord *
eccp_record_slot_get_record (EccpRecordSlot *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_SLOT (self), NULL);

  return self->record;
}

void
eccp_record_slot_set_record (EccpRecordSlot *self,
                             EccpRecord     *record)
{
  g_return_if_fail (ECCP_IS_RECORD_SLOT (self));
  g_return_if_fail (record == NULL || ECCP_IS_RECORD (record));

  if (g_set_object (&self->record, record))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
