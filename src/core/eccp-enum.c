/* eccp-enum.c: enum values by their nicknames (the printed and stored spellings)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-enum.h"

/* The classes of the generated enum types are static: once referenced they
 * stay, so the nicknames they hand out stay valid. */

const char *
eccp_enum_get_nick (GType enum_type,
                    int   value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);
  g_type_class_unref (klass);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

int
eccp_enum_from_nick (GType       enum_type,
                     const char *nick,
                     int         fallback)
{
  GEnumClass *klass;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), fallback);

  if (nick == NULL)
    return fallback;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  g_type_class_unref (klass);

  return enum_value != NULL ? enum_value->value : fallback;
}
