/* eccp-rights.c: who may change what (portal-api.md §7), for the portal and the client alike
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * staff            every record, every transition
 * cluster_manager  the clusters of their list (the portal adds those they
 *                  create); may create clusters
 * event_team       the events of their list, and the attendees, meetings and
 *                  check-ins of those events (which they may also create)
 * everyone         reads what is published; nobody changes a check-in
 *
 * and who moves a record between the moderation states (§5).
 *
 * The reference portal refuses by these rules; the client offers nothing
 * they would refuse.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-rights.h"

#include <glib/gi18n-lib.h>

static gboolean
in_set (GHashTable *set,
        const char *id)
{
  return set != NULL && id != NULL && g_hash_table_contains (set, id);
}

static gboolean
is_event_part (const char *type)
{
  return g_str_equal (type, "attendee") ||
         g_str_equal (type, "meeting") ||
         g_str_equal (type, "checkin");
}

gboolean
eccp_rights_sees_working_copy (const EccpRights *rights,
                               const char       *type,
                               const char       *id)
{
  g_return_val_if_fail (rights != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (rights->staff)
    return TRUE;

  if (g_str_equal (type, "cluster"))
    return rights->cluster_manager && in_set (rights->clusters, id);

  if (g_str_equal (type, "event"))
    return rights->event_team && in_set (rights->events, id);

  return FALSE;
}

gboolean
eccp_rights_may_edit (const EccpRights   *rights,
                      const EccpTypeSpec *type,
                      const char         *id,
                      const char         *event_id)
{
  g_return_val_if_fail (rights != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (type->append_only)
    return FALSE;

  if (rights->staff)
    return TRUE;

  if (g_str_equal (type->name, "cluster") || g_str_equal (type->name, "event"))
    return eccp_rights_sees_working_copy (rights, type->name, id);

  if (is_event_part (type->name))
    return rights->event_team && in_set (rights->events, event_id);

  return FALSE;
}

gboolean
eccp_rights_may_create (const EccpRights   *rights,
                        const EccpTypeSpec *type,
                        const char         *event_id)
{
  g_return_val_if_fail (rights != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (rights->staff)
    return TRUE;

  if (g_str_equal (type->name, "cluster"))
    return rights->cluster_manager;

  if (is_event_part (type->name))
    return rights->event_team && in_set (rights->events, event_id);

  return FALSE;
}

/* Moderation */

static const char * const states[] = {
  "draft", "needs_review", "changes_requested", "published", "archived",
};

/* portal-api.md §5, plus archived → draft so that staff can bring an
 * archived record back. */
static const struct
{
  const char *from;
  const char *to;
  gboolean    managers; /* the record's managers may, not only staff */
} transitions[] = {
  { "draft", "needs_review", TRUE },
  { "changes_requested", "needs_review", TRUE },
  { "needs_review", "published", FALSE },
  { "needs_review", "changes_requested", FALSE },
  { "published", "archived", FALSE },
  { "archived", "draft", FALSE },
};

gboolean
eccp_moderation_is_state (const char *state)
{
  for (guint i = 0; state != NULL && i < G_N_ELEMENTS (states); i++)
    {
      if (g_str_equal (state, states[i]))
        return TRUE;
    }

  return FALSE;
}

const char *
eccp_moderation_state_label (const char *state)
{
  if (g_strcmp0 (state, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (state, "needs_review") == 0)
    return _("Needs review");
  if (g_strcmp0 (state, "changes_requested") == 0)
    return _("Changes requested");
  if (g_strcmp0 (state, "published") == 0)
    return _("Published");
  if (g_strcmp0 (state, "archived") == 0)
    return _("Archived");

  return state;
}

EccpTransition
eccp_rights_check_transition (const EccpRights *rights,
                              const char       *type,
                              const char       *id,
                              const char       *from,
                              const char       *to)
{
  g_return_val_if_fail (rights != NULL, ECCP_TRANSITION_INVALID);

  return eccp_rights_check_move (rights->staff, eccp_rights_sees_working_copy (rights, type, id), from, to);
}

EccpTransition
eccp_rights_check_move (gboolean    staff,
                        gboolean    manager,
                        const char *from,
                        const char *to)
{
  g_return_val_if_fail (from != NULL, ECCP_TRANSITION_INVALID);
  g_return_val_if_fail (to != NULL, ECCP_TRANSITION_INVALID);

  /* Who may not change the record at all is refused before the move is
   * looked at, as the portal refuses them (403, whatever the move; also
   * since what they see of it is only its published version). */
  if (!staff && !manager)
    return ECCP_TRANSITION_FORBIDDEN;

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      if (!g_str_equal (from, transitions[i].from) || !g_str_equal (to, transitions[i].to))
        continue;

      if (staff || transitions[i].managers)
        return ECCP_TRANSITION_ALLOWED;

      return ECCP_TRANSITION_FORBIDDEN;
    }

  return ECCP_TRANSITION_INVALID;
}
