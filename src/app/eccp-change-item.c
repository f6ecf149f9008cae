/* eccp-change-item.c: one change of the outbox, as an item of a list model
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Changes page keeps one item per record with a change, in a
 * GListStore in outbox order, and updates the items in place when the
 * store says something changed: the rows bound to them follow "change"
 * and keep their place (and the keyboard focus) while a sync runs.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-change-item.h"


struct _EccpChangeItem
{
  GObject     parent_instance;

  EccpChange *change;
  EccpRecord *record;
  char       *title;
  /* What was shown last: the change, the title, the moderation state. */
  char       *fingerprint;
};

G_DEFINE_FINAL_TYPE (EccpChangeItem, eccp_change_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHANGE,
  PROP_RECORD,
  PROP_TITLE,
  PROP_NEEDS_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eccp_change_item_finalize (GObject *object)
{
  EccpChangeItem *self = (EccpChangeItem *)object;

  g_clear_pointer (&self->change, eccp_change_free);
  g_clear_object (&self->record);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->fingerprint, g_free);

  G_OBJECT_CLASS (eccp_change_item_parent_class)->finalize (object);
}

static void
eccp_change_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EccpChangeItem *self = ECCP_CHANGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHANGE:
      g_value_set_boxed (value, self->change);
      break;

    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_NEEDS_USER:
      g_value_set_boolean (value, eccp_change_item_get_needs_user (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_change_item_class_init (EccpChangeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eccp_change_item_finalize;
  object_class->get_property = eccp_change_item_get_property;

  properties[PROP_CHANGE] =
    g_param_spec_boxed ("change", NULL, NULL, ECCP_TYPE_CHANGE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ECCP_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_USER] =
    g_param_spec_boolean ("needs-user", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eccp_change_item_init (EccpChangeItem *self)
{
}

EccpChangeItem *
eccp_change_item_new (void)
{
  return g_object_new (ECCP_TYPE_CHANGE_ITEM, NULL);
}

static char *
make_fingerprint (const EccpChange *change,
                  EccpRecord       *record,
                  const char       *title)
{
  g_autoptr(JsonNode) json = eccp_change_to_json (change);
  g_autofree char *text = json_to_string (json, FALSE);
  JsonObject *meta = record != NULL ? eccp_record_get_meta (record) : NULL;
  const char *moderation = meta != NULL
    ? json_object_get_string_member_with_default (meta, "moderation_state", "") : "";

  return g_strdup_printf ("%s\n%s\n%s", text, title, moderation);
}

gboolean
eccp_change_item_update (EccpChangeItem   *self,
                         const EccpChange *change,
                         EccpRecord       *record,
                         const char       *title)
{
  g_autofree char *fingerprint = NULL;
  gboolean needed_user;

  g_return_val_if_fail (ECCP_IS_CHANGE_ITEM (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  fingerprint = make_fingerprint (change, record, title);
  if (g_strcmp0 (fingerprint, self->fingerprint) == 0)
    return FALSE;

  needed_user = eccp_change_item_get_needs_user (self);
  g_clear_pointer (&self->change, eccp_change_free);
  self->change = eccp_change_copy (change);
  g_set_object (&self->record, record);
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->fingerprint);
  self->fingerprint = g_steal_pointer (&fingerprint);

  /* "change" last: a row reads the others when it hears it. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (needed_user != eccp_change_item_get_needs_user (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_USER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE]);

  return TRUE;
}

const EccpChange *
eccp_change_item_get_change (EccpChangeItem *self)
{
  g_return_val_if_fail (ECCP_IS_CHANGE_ITEM (self), NULL);

  return self->change;
}

EccpRecord *
eccp_change_item_get_record (EccpChangeItem *self)
{
  g_return_val_if_fail (ECCP_IS_CHANGE_ITEM (self), NULL);

  return self->record;
}

const char *
eccp_change_item_get_title (EccpChangeItem *self)
{
  g_return_val_if_fail (ECCP_IS_CHANGE_ITEM (self), NULL);

  return self->title;
}

gboolean
eccp_change_item_get_needs_user (EccpChangeItem *self)
{
  g_return_val_if_fail (ECCP_IS_CHANGE_ITEM (self), FALSE);

  return self->change != NULL && eccp_change_needs_user (self->change);
}
