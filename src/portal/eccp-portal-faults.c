/* eccp-portal-faults.c: failures on demand, for the client's tests
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-faults.h"

#include <string.h>

#include "eccp-json.h"

struct _EccpPortalFaults
{
  guint  fail_next;
  guint  fail_status;
  char  *retry_after;     /* %NULL: no Retry-After header */
  guint  drop_next;
  guint  drop_after_commit_next;
  guint  delay_next;
  guint  delay_ms;
};

EccpPortalFaults *
eccp_portal_faults_new (void)
{
  EccpPortalFaults *faults = g_new0 (EccpPortalFaults, 1);

  faults->fail_status = 503;

  return faults;
}

void
eccp_portal_faults_free (EccpPortalFaults *faults)
{
  if (faults == NULL)
    return;

  g_free (faults->retry_after);
  g_free (faults);
}

static gboolean
get_count (JsonObject  *settings,
           const char  *name,
           guint       *count,
           GError     **error)
{
  JsonNode *node = json_object_get_member (settings, name);
  gint64 value;

  if (node == NULL)
    return TRUE;

  value = eccp_json_get_int (settings, name, -1);
  if (value < 0 || value > G_MAXINT32)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” must be a number, 0 or more", name);
      return FALSE;
    }

  *count = (guint) value;

  return TRUE;
}

/* "retry_after": a number of seconds, or a string sent as it is (an HTTP
 * date), or null for no header. */
static gboolean
get_retry_after (JsonObject  *settings,
                 char       **retry_after,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (settings, "retry_after");

  if (node == NULL)
    return TRUE;

  g_clear_pointer (retry_after, g_free);
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (eccp_json_get_string (settings, "retry_after") != NULL)
    *retry_after = g_strdup (eccp_json_get_string (settings, "retry_after"));
  else if (eccp_json_get_int (settings, "retry_after", -1) >= 0)
    *retry_after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                    eccp_json_get_int (settings, "retry_after", 0));
  else
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "“retry_after” must be seconds or an HTTP date");
      return FALSE;
    }

  return TRUE;
}

gboolean
eccp_portal_faults_configure (EccpPortalFaults  *faults,
                              JsonObject        *settings,
                              gboolean          *forget_history,
                              GError           **error)
{
  EccpPortalFaults next;
  guint status_429_next = 0;
  JsonNode *forget;
  JsonNode *reset;

  g_return_val_if_fail (faults != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  reset = json_object_get_member (settings, "reset");
  if (reset != NULL && JSON_NODE_HOLDS_VALUE (reset) && json_node_get_boolean (reset))
    {
      g_clear_pointer (&faults->retry_after, g_free);
      memset (faults, 0, sizeof *faults);
      faults->fail_status = 503;
    }

  next = *faults;
  next.retry_after = g_strdup (faults->retry_after);

  if (!get_count (settings, "fail_next", &next.fail_next, error) ||
      !get_count (settings, "status", &next.fail_status, error) ||
      !get_count (settings, "status_429_next", &status_429_next, error) ||
      !get_count (settings, "drop_next", &next.drop_next, error) ||
      !get_count (settings, "drop_after_commit_next", &next.drop_after_commit_next, error) ||
      !get_count (settings, "delay_next", &next.delay_next, error) ||
      !get_count (settings, "delay_ms", &next.delay_ms, error) ||
      !get_retry_after (settings, &next.retry_after, error))
    {
      g_free (next.retry_after);
      return FALSE;
    }

  if (next.fail_status < 400 || next.fail_status > 599)
    {
      g_free (next.retry_after);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "“status” must be an HTTP error status (4xx or 5xx)");
      return FALSE;
    }

  if (json_object_has_member (settings, "status_429_next"))
    {
      next.fail_next = status_429_next;
      next.fail_status = 429;
    }

  forget = json_object_get_member (settings, "forget_history");
  *forget_history = forget != NULL && JSON_NODE_HOLDS_VALUE (forget) &&
                    json_node_get_boolean (forget);

  g_free (faults->retry_after);
  *faults = next;

  return TRUE;
}

char *
eccp_portal_faults_to_string (EccpPortalFaults *faults)
{
  g_autoptr(JsonObject) object = json_object_new ();

  g_return_val_if_fail (faults != NULL, NULL);

  json_object_set_int_member (object, "fail_next", faults->fail_next);
  json_object_set_int_member (object, "status", faults->fail_status);
  if (faults->retry_after != NULL)
    json_object_set_string_member (object, "retry_after", faults->retry_after);
  else
    json_object_set_null_member (object, "retry_after");
  json_object_set_int_member (object, "drop_next", faults->drop_next);
  json_object_set_int_member (object, "drop_after_commit_next", faults->drop_after_commit_next);
  json_object_set_int_member (object, "delay_next", faults->delay_next);
  json_object_set_int_member (object, "delay_ms", faults->delay_ms);

  return eccp_json_object_to_string (object);
}

gboolean
eccp_portal_faults_take_drop (EccpPortalFaults *faults)
{
  g_return_val_if_fail (faults != NULL, FALSE);

  if (faults->drop_next == 0)
    return FALSE;

  faults->drop_next--;

  return TRUE;
}

EccpPortalAnswer *
eccp_portal_faults_take_failure (EccpPortalFaults *faults)
{
  EccpPortalAnswer *answer;

  g_return_val_if_fail (faults != NULL, NULL);

  if (faults->fail_next == 0)
    return NULL;

  faults->fail_next--;

  if (faults->fail_status == 429)
    answer = eccp_portal_answer_new_error (429, "too_many_requests", "Too many requests", NULL,
                                           "Slow down and try again later");
  else if (faults->fail_status == 503)
    answer = eccp_portal_answer_new_error (503, "unavailable", "Service unavailable", NULL,
                                           "The portal is in maintenance; try again later");
  else
    answer = eccp_portal_answer_new_error (faults->fail_status, "injected_failure",
                                           "Injected failure", NULL,
                                           "A failure asked for with /_test/faults");

  answer->retry_after = g_strdup (faults->retry_after);

  return answer;
}

guint
eccp_portal_faults_take_delay (EccpPortalFaults *faults)
{
  g_return_val_if_fail (faults != NULL, 0);

  if (faults->delay_next == 0)
    return 0;

  faults->delay_next--;

  return faults->delay_ms;
}

gboolean
eccp_portal_faults_take_drop_after_commit (EccpPortalFaults *faults)
{
  g_return_val_if_fail (faults != NULL, FALSE);

  if (faults->drop_after_commit_next == 0)
    return FALSE;

  faults->drop_after_commit_next--;

  return TRUE;
}
