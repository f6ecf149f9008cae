/* eccp-store-undo.c: taking back a local deletion
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A deletion is written at once (nothing a user did may wait for a toast
 * to go away); Undo puts back what was there: the record, and the outbox
 * row it had before, so an edit made before the deletion is not lost
 * with it.  Once the deletion has been sent, it is the portal's to undo.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store.h"

#include <glib/gi18n-lib.h>

#include "eccp-store-meetings.h"
#include "eccp-store-private.h"

/* Fails unless @current is still the deletion @previous led to: not sent
 * since (a sending counts an attempt). */
static gboolean
check_not_sent (EccpChange  *current,
                EccpChange  *previous,
                GError     **error)
{
  if (current == NULL || current->op != ECCP_CHANGE_DELETE
      || current->attempts != (previous != NULL ? previous->attempts : 0))
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   _("The deletion has been sent to the portal already"));
      return FALSE;
    }

  return TRUE;
}

/* Puts back the outbox row @previous over the deletion @current, or
 * removes @current when there was none. */
static gboolean
restore_change (EccpStore   *self,
                EccpChange  *current,
                EccpChange  *previous,
                GError     **error)
{
  g_autoptr(EccpChange) restored = NULL;

  if (previous == NULL)
    return _eccp_store_delete_change (self, current->num, error);

  restored = eccp_change_copy (previous);
  restored->num = current->num;

  return _eccp_store_save_change (self, restored, error);
}

gboolean
eccp_store_restore (EccpStore   *self,
                    EccpRecord  *record,
                    EccpChange  *previous,
                    GError     **error)
{
  const char *type;
  const char *id;
  g_autoptr(EccpChange) current = NULL;
  gboolean success;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (ECCP_IS_RECORD (record), FALSE);

  type = eccp_record_get_type_name (record);
  id = eccp_record_get_id (record);

  /* Made here and never sent: the deletion left no trace, so the record
   * is made again, as it was. */
  if (previous != NULL && previous->op == ECCP_CHANGE_CREATE && previous->attempts == 0)
    {
      g_autoptr(EccpRecord) again = eccp_store_create (self, type, id,
                                                       eccp_record_get_attributes (record),
                                                       eccp_record_get_relationships (record),
                                                       error);
      return again != NULL;
    }

  if (!_eccp_store_begin (self, error))
    return FALSE;

  success = _eccp_store_find_change (self, type, id, &current, error);
  success = success && check_not_sent (current, previous, error);
  success = success && restore_change (self, current, previous, error);
  /* A meeting's slot may have been given to another meanwhile. */
  success = success && eccp_store_check_meeting_slot (self, record, error);
  success = success && _eccp_store_run (self, "UPDATE records SET deleted = 0 WHERE type = ?1 AND id = ?2",
                                        type, id, error);

  return _eccp_store_end (self, success, error);
}
