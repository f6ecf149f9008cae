/* eccp-portal-moderation.c: the moderation states and who moves a record
 * between them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-moderation.h"

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
eccp_portal_moderation_is_state (const char *state)
{
  for (guint i = 0; state != NULL && i < G_N_ELEMENTS (states); i++)
    {
      if (g_str_equal (state, states[i]))
        return TRUE;
    }

  return FALSE;
}

EccpPortalTransition
eccp_portal_moderation_check (const char *from,
                              const char *to,
                              gboolean    is_staff,
                              gboolean    is_manager)
{
  g_return_val_if_fail (from != NULL, ECCP_PORTAL_TRANSITION_INVALID);
  g_return_val_if_fail (to != NULL, ECCP_PORTAL_TRANSITION_INVALID);

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      if (!g_str_equal (from, transitions[i].from) || !g_str_equal (to, transitions[i].to))
        continue;

      if (is_staff || (transitions[i].managers && is_manager))
        return ECCP_PORTAL_TRANSITION_ALLOWED;

      return ECCP_PORTAL_TRANSITION_FORBIDDEN;
    }

  return ECCP_PORTAL_TRANSITION_INVALID;
}
