/* eccp-field-row-factory.c: the one place that picks a field's editor class
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which class edits a field is the core's word (eccp_field_spec_get_editor());
 * eccp_field_row_new() follows it.  Apart from the interface, so that the
 * row classes depend on the interface and this file on them, not round.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-field-row.h"

#include "eccp-choice-row.h"
#include "eccp-entry-row.h"
#include "eccp-field-row-base.h"
#include "eccp-long-text-row.h"
#include "eccp-multi-choice-row.h"
#include "eccp-relation-row.h"
#include "eccp-switch-row.h"
#include "eccp-time-list-row.h"

EccpFieldRow *
eccp_field_row_new (EccpStore           *store,
                    const EccpFieldSpec *field,
                    const char          *path,
                    JsonNode            *original,
                    gboolean             creating)
{
  GType type = G_TYPE_INVALID;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  switch (eccp_field_spec_get_editor (field))
    {
    case ECCP_FIELD_EDITOR_ENTRY:
      type = ECCP_TYPE_ENTRY_ROW;
      break;
    case ECCP_FIELD_EDITOR_LONG_TEXT:
      type = ECCP_TYPE_LONG_TEXT_ROW;
      break;
    case ECCP_FIELD_EDITOR_CHOICE:
      type = ECCP_TYPE_CHOICE_ROW;
      break;
    case ECCP_FIELD_EDITOR_MULTI_CHOICE:
      type = ECCP_TYPE_MULTI_CHOICE_ROW;
      break;
    case ECCP_FIELD_EDITOR_SWITCH:
      type = ECCP_TYPE_SWITCH_ROW;
      break;
    case ECCP_FIELD_EDITOR_TIME_LIST:
      type = ECCP_TYPE_TIME_LIST_ROW;
      break;
    case ECCP_FIELD_EDITOR_RELATION:
      type = ECCP_TYPE_RELATION_ROW;
      break;
    case ECCP_FIELD_EDITOR_NONE:
    default:
      g_return_val_if_reached (NULL);
    }

  return _eccp_field_row_base_new (type, store, field, path, original, creating);
}
