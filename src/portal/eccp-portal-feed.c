/* eccp-portal-feed.c: GET /changes, the change feed with a cursor
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row of the records table has its own seq, and a change gives the row
 * the next one: the rows after a cursor are the records that changed since,
 * each once, at its latest revision.  Each row becomes one entry of the
 * page: the text the user may see, or a tombstone when the record was
 * deleted or the user may not see it (any more).  Pages are made by copying
 * the stored texts; nothing is parsed.
 *
 * The cursor is the seq of the page's last row ("91").  Forgetting the
 * history (the tombstones up to the horizon) expires the cursors before the
 * horizon: 410.  A full sync that starts after that walks through seqs below
 * the horizon again, so its cursors there carry the history's generation
 * ("91.1"), and stay valid until the history is forgotten again.
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-feed.h"

#include "eccp-json.h"
#include "eccp-portal-access.h"

typedef struct
{
  EccpPortalUser *user;
  GString        *out;
  guint           limit;
  guint           n;
  gint64          last_seq;
} Page;

static gboolean
add_row (const EccpPortalRow *row,
         gpointer             user_data)
{
  Page *page = user_data;
  const char *view;
  gint64 rev = 0;

  if (page->n > 0)
    g_string_append_c (page->out, ',');

  view = eccp_portal_access_view (page->user, row, &rev);
  if (view != NULL)
    g_string_append (page->out, view);
  else
    {
      /* A tombstone: the identifier and its meta */
      g_autoptr(JsonNode) tombstone = eccp_json_identifier_new (row->type, row->id);
      JsonObject *meta = json_object_new ();
      g_autofree char *text = NULL;

      json_object_set_int_member (meta, "seq", row->seq);
      json_object_set_boolean_member (meta, "deleted", TRUE);
      json_object_set_object_member (json_node_get_object (tombstone), "meta", meta);
      text = json_to_string (tombstone, FALSE);
      g_string_append (page->out, text);
    }

  page->last_seq = row->seq;

  return ++page->n < page->limit;
}

static void
append_json_string_content (GString    *out,
                            const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
}

static gboolean
parse_number (const char *text,
              guint64     max,
              guint64    *value)
{
  return g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL);
}

/* "SEQ" or "SEQ.GENERATION"; @generation is -1 without one. */
static gboolean
parse_cursor (const char *text,
              guint64    *seq,
              gint64     *generation)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", 3);
  guint64 value;

  *generation = -1;
  if (parts[0] == NULL || !parse_number (parts[0], G_MAXINT64, seq))
    return FALSE;

  if (parts[1] == NULL)
    return TRUE;

  if (parts[2] != NULL || !parse_number (parts[1], G_MAXINT64, &value))
    return FALSE;

  *generation = (gint64) value;

  return TRUE;
}

static char *
format_cursor (EccpPortalDb *db,
               gint64        seq)
{
  if (seq > 0 && seq < eccp_portal_db_get_horizon (db))
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                            seq, eccp_portal_db_get_generation (db));

  return g_strdup_printf ("%" G_GINT64_FORMAT, seq);
}

EccpPortalAnswer *
eccp_portal_feed_page (EccpPortalDb   *db,
                       EccpPortalUser *user,
                       const char     *cursor,
                       const char     *limit,
                       const char     *next_base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  Page page = { .user = user, .limit = ECCP_PORTAL_FEED_DEFAULT_LIMIT };
  guint64 after = 0;
  gint64 generation = -1;
  guint64 value;
  guint remaining;

  g_return_val_if_fail (ECCP_IS_PORTAL_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);

  if (cursor != NULL && *cursor != '\0' && !parse_cursor (cursor, &after, &generation))
    return eccp_portal_answer_new_error (400, "invalid_cursor", "Malformed cursor", NULL,
                                         "Send back the cursor of the last page as it was");

  if (limit != NULL && *limit != '\0')
    {
      if (!parse_number (limit, G_MAXUINT32, &value) || value == 0)
        return eccp_portal_answer_new_error (400, "invalid_limit", "Malformed limit", NULL,
                                             "The limit is a number of records, 1 or more");
      page.limit = MIN (value, ECCP_PORTAL_FEED_MAX_LIMIT);
    }

  if (after > 0 && (gint64) after < eccp_portal_db_get_horizon (db) &&
      generation != eccp_portal_db_get_generation (db))
    return eccp_portal_answer_new_error (410, "cursor_expired", "Cursor expired", NULL,
                                         "The portal no longer knows the changes after %s: "
                                         "start again without a cursor", cursor);

  page.last_seq = after;
  page.out = g_string_sized_new (page.limit * 1024);
  g_string_append (page.out, "{\"data\":[");

  if (!eccp_portal_db_feed (db, after, add_row, &page, &error))
    {
      g_string_free (page.out, TRUE);
      return eccp_portal_answer_new_error (500, "internal_error", "Internal error", NULL,
                                           "%s", error->message);
    }

  remaining = eccp_portal_db_count_after (db, page.last_seq);
  next_cursor = format_cursor (db, page.last_seq);

  g_string_append_printf (page.out, "],\"meta\":{\"cursor\":\"%s\",\"remaining\":%u}",
                          next_cursor, remaining);
  if (remaining > 0 && next_base != NULL)
    {
      g_string_append (page.out, ",\"links\":{\"next\":\"");
      append_json_string_content (page.out, next_base);
      g_string_append_printf (page.out, "?cursor=%s&limit=%u\"}", next_cursor, page.limit);
    }
  g_string_append_c (page.out, '}');

  return eccp_portal_answer_new (200, g_string_free (page.out, FALSE));
}
