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
  /* Hostile answers to GET /changes (ISSUE14): */
  guint  gzip_bomb_next;   /* 1 MB of gzip that unpacks to 1 GiB */
  guint  deep_next;        /* a page nested deep_depth deep */
  guint  deep_record_next; /* one record with an attribute deep_depth deep */
  guint  deep_depth;
  char **cursors;          /* meta.cursor of the next pages, in turn */
  guint  cursor_index;
  guint  cursor_cycle;     /* then again from the first, for ever */
  guint  trickle_next;     /* sent a byte every trickle_ms */
  guint  trickle_ms;
  /* One of the malformed-feed suite's hostile answers (ISSUE14): */
  guint  hostile_next;
  char  *hostile;          /* its kind, see eccp_portal_faults_take_hostile() */
  char  *hostile_url;      /* another origin, for "next_host" and "redirect" */
  guint  hostile_bytes;    /* the size of "big_string" and "big_raw" */
};

#define DEEP_RECORD_ID "0dee9000-0000-4000-8000-00000000dee9"

EccpPortalFaults *
eccp_portal_faults_new (void)
{
  EccpPortalFaults *faults = g_new0 (EccpPortalFaults, 1);

  faults->fail_status = 503;
  faults->deep_depth = 100000;
  faults->trickle_ms = 2000;

  return faults;
}

void
eccp_portal_faults_free (EccpPortalFaults *faults)
{
  if (faults == NULL)
    return;

  g_free (faults->retry_after);
  g_strfreev (faults->cursors);
  g_free (faults->hostile);
  g_free (faults->hostile_url);
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

/* "cursors": the strings to send as meta.cursor, or null for none. */
static gboolean
get_cursors (JsonObject   *settings,
             char       ***cursors,
             GError      **error)
{
  JsonArray *array = eccp_json_get_array (settings, "cursors");
  g_autoptr(GStrvBuilder) builder = NULL;

  if (!json_object_has_member (settings, "cursors"))
    return TRUE;

  g_clear_pointer (cursors, g_strfreev);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (settings, "cursors")))
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *cursor = json_array_get_string_element (array, i);

      if (cursor == NULL)
        break;
      g_strv_builder_add (builder, cursor);
    }
  if (array == NULL || json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "“cursors” must be strings");
      return FALSE;
    }
  *cursors = g_strv_builder_end (builder);

  return TRUE;
}

static const char * const hostile_kinds[] = {
  "truncated", "html", "not_jsonapi", "wrong_types", "unknown_type", "big_string",
  "duplicate_ids", "next_host", "redirect", "escapes", "huge_length", "many_records",
  "nul", "no_cursor", "big_raw", NULL
};

static gboolean
get_hostile (const char  *kind,
             GError     **error)
{
  if (kind == NULL || g_strv_contains (hostile_kinds, kind))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "“hostile” must be one of the kinds in docs/PORTAL.md, not “%s”", kind);

  return FALSE;
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
      g_clear_pointer (&faults->cursors, g_strfreev);
      g_clear_pointer (&faults->hostile, g_free);
      g_clear_pointer (&faults->hostile_url, g_free);
      memset (faults, 0, sizeof *faults);
      faults->fail_status = 503;
      faults->deep_depth = 100000;
      faults->trickle_ms = 2000;
    }

  next = *faults;
  next.retry_after = g_strdup (faults->retry_after);
  next.cursors = g_strdupv (faults->cursors);
  next.hostile = g_strdup (json_object_has_member (settings, "hostile") ?
                           eccp_json_get_string (settings, "hostile") : faults->hostile);
  next.hostile_url = g_strdup (json_object_has_member (settings, "hostile_url") ?
                               eccp_json_get_string (settings, "hostile_url") :
                               faults->hostile_url);
  if (json_object_has_member (settings, "cursors"))
    next.cursor_index = 0;

  if (!get_count (settings, "fail_next", &next.fail_next, error) ||
      !get_count (settings, "status", &next.fail_status, error) ||
      !get_count (settings, "status_429_next", &status_429_next, error) ||
      !get_count (settings, "drop_next", &next.drop_next, error) ||
      !get_count (settings, "drop_after_commit_next", &next.drop_after_commit_next, error) ||
      !get_count (settings, "delay_next", &next.delay_next, error) ||
      !get_count (settings, "delay_ms", &next.delay_ms, error) ||
      !get_count (settings, "gzip_bomb_next", &next.gzip_bomb_next, error) ||
      !get_count (settings, "deep_next", &next.deep_next, error) ||
      !get_count (settings, "deep_record_next", &next.deep_record_next, error) ||
      !get_count (settings, "deep_depth", &next.deep_depth, error) ||
      !get_count (settings, "cursor_cycle", &next.cursor_cycle, error) ||
      !get_count (settings, "trickle_next", &next.trickle_next, error) ||
      !get_count (settings, "trickle_ms", &next.trickle_ms, error) ||
      !get_count (settings, "hostile_next", &next.hostile_next, error) ||
      !get_count (settings, "hostile_bytes", &next.hostile_bytes, error) ||
      !get_hostile (next.hostile, error) ||
      !get_cursors (settings, &next.cursors, error) ||
      !get_retry_after (settings, &next.retry_after, error))
    {
      g_free (next.retry_after);
      g_strfreev (next.cursors);
      g_free (next.hostile);
      g_free (next.hostile_url);
      return FALSE;
    }

  if (next.fail_status < 400 || next.fail_status > 599)
    {
      g_free (next.retry_after);
      g_strfreev (next.cursors);
      g_free (next.hostile);
      g_free (next.hostile_url);
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
  g_strfreev (faults->cursors);
  g_free (faults->hostile);
  g_free (faults->hostile_url);
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
  json_object_set_int_member (object, "gzip_bomb_next", faults->gzip_bomb_next);
  json_object_set_int_member (object, "deep_next", faults->deep_next);
  json_object_set_int_member (object, "deep_record_next", faults->deep_record_next);
  json_object_set_int_member (object, "trickle_next", faults->trickle_next);
  json_object_set_int_member (object, "hostile_next", faults->hostile_next);

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

/* {{{ Hostile answers to GET /changes */

/* {"data":[ and then 1 GiB of spaces, gzipped once (about 1 MB) and kept. */
static GBytes *
gzip_bomb (void)
{
  static GBytes *bomb;

  if (bomb == NULL)
    {
      g_autoptr(GZlibCompressor) compressor =
        g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
      g_autoptr(GByteArray) out = g_byte_array_new ();
      g_autofree char *spaces = g_malloc (1024 * 1024);
      guint8 buffer[64 * 1024];
      const char *head = "{\"data\":[";

      memset (spaces, ' ', 1024 * 1024);
      for (guint i = 0; i <= 1024; i++)
        {
          const char *in = i == 0 ? head : spaces;
          gsize in_left = i == 0 ? strlen (head) : 1024 * 1024;
          GConverterFlags flags = i == 1024 ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
          GConverterResult result;

          do
            {
              gsize bytes_read = 0;
              gsize bytes_written = 0;

              result = g_converter_convert (G_CONVERTER (compressor), in, in_left, buffer,
                                            sizeof buffer, flags, &bytes_read, &bytes_written,
                                            NULL);
              g_assert (result != G_CONVERTER_ERROR);
              in += bytes_read;
              in_left -= bytes_read;
              g_byte_array_append (out, buffer, bytes_written);
            }
          while (in_left > 0 || (flags == G_CONVERTER_INPUT_AT_END &&
                                 result != G_CONVERTER_FINISHED));
        }

      bomb = g_byte_array_free_to_bytes (g_steal_pointer (&out));
    }

  return g_bytes_ref (bomb);
}

GBytes *
eccp_portal_faults_take_gzip_bomb (EccpPortalFaults *faults)
{
  g_return_val_if_fail (faults != NULL, NULL);

  if (faults->gzip_bomb_next == 0)
    return NULL;

  faults->gzip_bomb_next--;

  return gzip_bomb ();
}

static void
append_deep (GString *out,
             guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append_c (out, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (out, ']');
}

void
eccp_portal_faults_rewrite_changes (EccpPortalFaults *faults,
                                    EccpPortalAnswer *answer)
{
  g_return_if_fail (faults != NULL);
  g_return_if_fail (answer != NULL);

  if (answer->status != 200 || answer->body == NULL)
    return;

  if (faults->deep_next > 0)
    {
      GString *out = g_string_new ("{\"data\":[");

      faults->deep_next--;
      append_deep (out, faults->deep_depth);
      g_string_append (out, "],\"meta\":{\"cursor\":\"999999\"}}");
      g_free (answer->body);
      answer->body = g_string_free (out, FALSE);
      return;
    }

  if (faults->deep_record_next > 0 && strstr (answer->body, "\"data\":[") != NULL)
    {
      const char *data = strstr (answer->body, "\"data\":[") + strlen ("\"data\":[");
      GString *out = g_string_new_len (answer->body, data - answer->body);

      faults->deep_record_next--;
      g_string_append (out, "{\"type\":\"cluster\",\"id\":\"" DEEP_RECORD_ID "\","
                            "\"attributes\":{\"name\":\"Deep\",\"ecosystems\":");
      append_deep (out, faults->deep_depth);
      g_string_append (out, "},\"meta\":{\"rev\":1,\"seq\":1}}");
      if (*data != ']')
        g_string_append_c (out, ',');
      g_string_append (out, data);
      g_free (answer->body);
      answer->body = g_string_free (out, FALSE);
    }

  if (faults->cursors != NULL && faults->cursors[faults->cursor_index] != NULL)
    {
      g_autoptr(JsonNode) page = json_from_string (answer->body, NULL);
      JsonObject *object = page != NULL && JSON_NODE_HOLDS_OBJECT (page) ?
                           json_node_get_object (page) : NULL;
      const char *cursor = faults->cursors[faults->cursor_index];
      g_autofree char *next = NULL;
      JsonObject *meta;
      JsonObject *links;

      if (object == NULL)
        return;

      if (faults->cursors[++faults->cursor_index] == NULL && faults->cursor_cycle)
        faults->cursor_index = 0;

      meta = eccp_json_get_object (object, "meta");
      if (meta == NULL)
        {
          meta = json_object_new ();
          json_object_set_object_member (object, "meta", meta);
        }
      json_object_set_string_member (meta, "cursor", cursor);
      json_object_set_int_member (meta, "remaining", 1);

      links = eccp_json_get_object (object, "links");
      if (links == NULL)
        {
          links = json_object_new ();
          json_object_set_object_member (object, "links", links);
        }
      next = g_strdup_printf ("/changes?cursor=%s", cursor);
      json_object_set_string_member (links, "next", next);

      g_free (answer->body);
      answer->body = json_to_string (page, FALSE);
    }
}

guint
eccp_portal_faults_take_trickle (EccpPortalFaults *faults)
{
  g_return_val_if_fail (faults != NULL, 0);

  if (faults->trickle_next == 0)
    return 0;

  faults->trickle_next--;

  return MAX (faults->trickle_ms, 1);
}

/* The page's first record, or %NULL. */
static JsonObject *
first_record (JsonObject *page)
{
  JsonArray *data = eccp_json_get_array (page, "data");

  if (data == NULL || json_array_get_length (data) == 0)
    return NULL;

  return json_array_get_object_element (data, 0);
}

/* A record of the feed, made of @attributes (JSON text). */
static void
add_record (JsonArray  *data,
            const char *type,
            const char *id,
            const char *attributes)
{
  g_autofree char *text =
    g_strdup_printf ("{\"type\":\"%s\",\"id\":\"%s\",\"attributes\":%s,"
                     "\"meta\":{\"rev\":1,\"seq\":1,\"moderation_state\":\"published\"}}",
                     type, id, attributes);
  JsonNode *node = json_from_string (text, NULL);

  g_assert (node != NULL);
  json_array_add_element (data, node);
}

/* The kinds that are a page of JSON made hostile. */
static void
rewrite_hostile_page (EccpPortalFaults *faults,
                      const char       *kind,
                      EccpPortalAnswer *answer)
{
  g_autoptr(JsonNode) root = json_from_string (answer->body, NULL);
  JsonObject *page = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ?
                     json_node_get_object (root) : NULL;
  JsonArray *data = eccp_json_get_array (page, "data");
  JsonObject *record = first_record (page);

  if (data == NULL)
    return;

  if (g_str_equal (kind, "wrong_types"))
    {
      /* id a number, attributes an array */
      g_autoptr(JsonNode) bad =
        json_from_string ("{\"type\":\"cluster\",\"id\":12345,\"attributes\":[\"name\"],"
                          "\"meta\":{\"rev\":\"one\",\"seq\":1}}", NULL);

      json_array_add_element (data, g_steal_pointer (&bad));
    }
  else if (g_str_equal (kind, "unknown_type"))
    add_record (data, "spaceship", "5fa0e000-0000-4000-8000-00000000005a",
                "{\"name\":\"Not a kind of record the contract knows\"}");
  else if (g_str_equal (kind, "big_string"))
    {
      g_autofree char *big = g_malloc (faults->hostile_bytes + 1);
      g_autofree char *attributes = NULL;

      memset (big, 'x', faults->hostile_bytes);
      big[faults->hostile_bytes] = '\0';
      attributes = g_strdup_printf ("{\"name\":\"Big\",\"description\":\"%s\"}", big);
      add_record (data, "cluster", "b19b1900-0000-4000-8000-0000000b19b1", attributes);
    }
  else if (g_str_equal (kind, "duplicate_ids") && record != NULL)
    {
      /* The same record twice, the copy saying something else */
      JsonNode *copy = json_node_copy (json_array_get_element (data, 0));
      JsonObject *attributes = eccp_json_get_object (json_node_get_object (copy), "attributes");

      if (attributes != NULL)
        json_object_set_string_member (attributes, "city", "Duplicate City");
      json_array_add_element (data, copy);
    }
  else if (g_str_equal (kind, "next_host"))
    {
      JsonObject *links = json_object_new ();
      g_autofree char *next = g_strdup_printf ("%s/changes?cursor=%s", faults->hostile_url,
                                               eccp_json_get_string (eccp_json_get_object (page, "meta"),
                                                                     "cursor"));

      json_object_set_string_member (links, "next", next);
      json_object_set_object_member (page, "links", links);
    }
  else if (g_str_equal (kind, "many_records"))
    {
      for (guint i = 0; i <= 10000; i++)
        json_array_add_object_element (data, json_object_new ());
    }
  else if (g_str_equal (kind, "nul"))
    add_record (data, "cluster", "00110000-0000-4000-8000-000000000011",
                "{\"name\":\"Innocent@NUL@; DROP\"}");
  else if (g_str_equal (kind, "no_cursor"))
    {
      JsonObject *links = json_object_new ();
      JsonObject *meta = eccp_json_get_object (page, "meta");

      if (meta != NULL)
        json_object_remove_member (meta, "cursor");
      json_object_set_string_member (links, "next", "/changes?cursor=");
      json_object_set_object_member (page, "links", links);
    }

  g_free (answer->body);
  answer->body = json_to_string (root, FALSE);
  if (g_str_equal (kind, "nul"))
    {
      /* json-glib would have cut the string at a real NUL: written after */
      GString *body = g_string_new (answer->body);

      g_free (answer->body);
      g_string_replace (body, "@NUL@", "\\u0000", 0);
      answer->body = g_string_free (body, FALSE);
    }
}

const char *
eccp_portal_faults_take_hostile (EccpPortalFaults *faults,
                                 EccpPortalAnswer *answer)
{
  const char *kind;

  g_return_val_if_fail (faults != NULL, NULL);
  g_return_val_if_fail (answer != NULL, NULL);

  if (faults->hostile_next == 0 || faults->hostile == NULL || answer->status != 200 ||
      answer->body == NULL)
    return NULL;

  faults->hostile_next--;
  kind = faults->hostile;

  if (g_str_equal (kind, "html"))
    {
      g_free (answer->body);
      answer->body = g_strdup ("<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
                               "<body><h1>Welcome to the hotel Wi-Fi</h1></body></html>\n");
    }
  else if (g_str_equal (kind, "not_jsonapi"))
    {
      g_free (answer->body);
      answer->body = g_strdup ("{\"status\":\"ok\",\"items\":[1,2,3],\"next\":null}");
    }
  else if (g_str_equal (kind, "escapes"))
    {
      g_free (answer->body);
      answer->status = 400;
      answer->body = g_strdup ("{\"errors\":[{\"status\":\"400\",\"code\":\"bad\","
                               "\"title\":\"Bad\\u001b[2J request\",\"detail\":"
                               "\"Evil \\u001b[31mred\\u0007 \\u001b]0;pwned\\u0007\"}]}");
    }
  else if (g_str_equal (kind, "big_raw"))
    {
      g_autofree char *spaces = g_malloc (faults->hostile_bytes + 1);

      memset (spaces, ' ', faults->hostile_bytes);
      spaces[faults->hostile_bytes] = '\0';
      g_free (answer->body);
      answer->body = g_strconcat ("{\"data\":[", spaces, "]}", NULL);
    }
  else if (!g_str_equal (kind, "truncated") && !g_str_equal (kind, "redirect") &&
           !g_str_equal (kind, "huge_length"))
    rewrite_hostile_page (faults, kind, answer);

  return kind;
}

const char *
eccp_portal_faults_get_hostile_url (EccpPortalFaults *faults)
{
  g_return_val_if_fail (faults != NULL, NULL);

  return faults->hostile_url;
}

/* }}} */
