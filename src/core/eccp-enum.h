/* eccp-enum.h: enum values by their nicknames (the printed and stored spellings)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "eccp-enums.h"

G_BEGIN_DECLS

/* The nickname of @value of @enum_type (ECCP_TYPE_SYNC_STATE, …): "pending",
 * "create", "long-text".  These are the strings the store keeps and the
 * command line prints.  %NULL when @value is not one of the type's. */
const char *eccp_enum_get_nick  (GType       enum_type,
                                 int         value);
/* The value whose nickname is @nick, or @fallback when there is none. */
int         eccp_enum_from_nick (GType       enum_type,
                                 const char *nick,
                                 int         fallback);

G_END_DECLS
