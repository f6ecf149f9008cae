/* eccp-store-when.c: the SQL of times relative to now
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A call's status and the "upcoming first" order change as time passes,
 * so no index holds them: they are computed per row against a bound now.
 * Calls are a few hundred and events a few thousand, so a scan is cheap;
 * the rules are eccp-call.c's, said again in SQL.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store-when-private.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "eccp-call.h"
#include "eccp-date.h"
#include "eccp-store.h"
#include "eccp-validation.h"

/* ECCP_STORE_TIME_SQL (text): the Unix seconds of an RFC 3339 time, or
 * NULL.  unixepoch() reads more than the badge does (no offset as UTC, a
 * bare date as midnight, a number as a Julian day, 30 February) and less
 * ("+0100"), so a call would be filtered by one reading and badged by
 * another: the SQL asks eccp_date_time_parse_rfc3339() itself. */
static void
time_sql_function (sqlite3_context  *context,
                   int               n_values,
                   sqlite3_value   **values)
{
  g_autoptr(GDateTime) time = NULL;

  if (sqlite3_value_type (values[0]) == SQLITE_TEXT)
    time = eccp_date_time_parse_rfc3339 ((const char *) sqlite3_value_text (values[0]));

  if (time != NULL)
    sqlite3_result_int64 (context, g_date_time_to_unix (time));
  else
    sqlite3_result_null (context);
}

gboolean
_eccp_store_register_time_sql (sqlite3 *db)
{
  return sqlite3_create_function (db, ECCP_STORE_TIME_SQL, 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, time_sql_function, NULL, NULL) == SQLITE_OK;
}

/* The next item at or after @now, as in eccp-call.c */
static char *
next_time_sql (const char *list_field,
               const char *now)
{
  return g_strdup_printf ("(SELECT min (" ECCP_STORE_TIME_SQL " (value)) FROM json_each (r.attributes, '$.%s')"
                          " WHERE " ECCP_STORE_TIME_SQL " (value) >= %s)", list_field, now);
}

char *
_eccp_store_time_list_last_sql (const char *list_field)
{
  return g_strdup_printf ("(SELECT max (" ECCP_STORE_TIME_SQL " (value)) FROM json_each (r.attributes, '$.%s'))",
                          list_field);
}

char *
_eccp_store_time_list_key_sql (const char *list_field,
                               const char *now)
{
  g_autofree char *next = next_time_sql (list_field, now);
  g_autofree char *last = _eccp_store_time_list_last_sql (list_field);

  return g_strdup_printf ("coalesce (%s, %s)", next, last);
}

gboolean
_eccp_store_call_status_sql (const char  *status,
                             const char  *now,
                             GString     *sql,
                             GError     **error)
{
  g_autofree char *next = next_time_sql ("deadlines", now);
  g_autofree char *opened = g_strdup_printf ("coalesce (" ECCP_STORE_TIME_SQL " (json_extract (r.attributes, '$.opens_at')) <= %s, 1)",
                                             now);
  EccpCallState state;

  if (!eccp_call_state_from_nick (status, &state))
    {
      /* A bad value, as a bad value of a field is */
      g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                   _("A call’s status is open, closing, forthcoming or closed, not “%s”"), status);
      return FALSE;
    }

  switch (state)
    {
    case ECCP_CALL_STATE_OPEN:
      /* Closing calls are open too */
      g_string_append_printf (sql, " AND %s IS NOT NULL AND %s", next, opened);
      break;

    case ECCP_CALL_STATE_CLOSING:
      g_string_append_printf (sql, " AND %s < %s + %d AND %s",
                              next, now, ECCP_CALL_CLOSING_DAYS * 24 * 60 * 60, opened);
      break;

    case ECCP_CALL_STATE_FORTHCOMING:
      g_string_append_printf (sql, " AND %s IS NOT NULL AND NOT %s", next, opened);
      break;

    case ECCP_CALL_STATE_CLOSED:
    default:
      g_string_append_printf (sql, " AND %s IS NULL", next);
      break;
    }

  return TRUE;
}

char *
_eccp_store_upcoming_order_sql (const EccpTypeSpec  *type,
                                const EccpFieldSpec *field,
                                const char          *now,
                                GError             **error)
{
  const EccpFieldSpec *ends;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (field->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_TIME)
    {
      g_autofree char *next = next_time_sql (field->name, now);
      g_autofree char *last = _eccp_store_time_list_last_sql (field->name);

      /* Those with a cut-off to come by it; then the closed, the most
       * recently closed first */
      return g_strdup_printf ("%s IS NULL, %s, %s DESC", next, next, last);
    }

  if (field->kind != ECCP_FIELD_TIME)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("“%s” is not a time: records cannot be listed upcoming first by it"), field->name);
      return NULL;
    }

  /* What has started but not ended (an event today) is still ahead */
  start = g_strdup_printf ("unixepoch (json_extract (r.attributes, '$.%s'))", field->name);
  ends = g_str_equal (field->name, "starts_at") ? eccp_type_spec_get_field (type, "ends_at") : NULL;
  if (ends != NULL && ends->kind == ECCP_FIELD_TIME)
    end = g_strdup_printf ("coalesce (unixepoch (json_extract (r.attributes, '$.ends_at')), %s)", start);
  else
    end = g_strdup (start);

  /* Ending at now still counts, as the periods' [from, to) have it.  No
   * readable time (NULL) goes with the past, and last there, not before
   * everything to come as a bare NULL would sort */
  return g_strdup_printf ("coalesce (%s < %s, 1), CASE WHEN %s >= %s THEN %s END, %s DESC",
                          end, now, end, now, start, start);
}
