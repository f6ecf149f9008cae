/* eccp-store-import.c: the portal's state: a JSON:API document into the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eccp-json.h"
#include "eccp-json-scan.h"
#include "eccp-limits.h"
#include "eccp-store-private.h"

/* The portal's meta without what is ours or only a signal (sync_state,
 * deleted); shares the member nodes. */
static JsonObject *
portal_meta (JsonObject *meta)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (meta == NULL)
    return copy;

  json_object_iter_init (&iter, meta);
  while (json_object_iter_next (&iter, &name, &value))
    if (g_strcmp0 (name, "sync_state") != 0 && g_strcmp0 (name, "deleted") != 0)
      json_object_set_member (copy, name, json_node_ref (value));

  return copy;
}

typedef struct
{
  EccpImportStats *stats;
  EccpRebaseFunc   rebase;
  gpointer         rebase_data;
  gboolean         resyncing;
} ImportContext;

static gboolean
import_resource (EccpStore        *self,
                 JsonNode         *node,
                 ImportContext    *context,
                 GError          **error)
{
  EccpImportStats *stats = context->stats;
  g_autoptr(JsonObject) meta = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  JsonObject *resource;
  JsonObject *attributes;
  JsonObject *relationships;
  sqlite3_stmt *stmt;
  const char *type;
  const char *id;
  gboolean exists;
  gboolean has_change;
  gint64 old_rev;
  gint64 old_seq;
  gint64 rev;
  gint64 seq;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("The document holds something that is not a record"));
      return FALSE;
    }

  resource = json_node_get_object (node);
  if (!eccp_record_parse_identifier (resource, &type, &id, error))
    return FALSE;

  meta = portal_meta (eccp_json_get_object (resource, "meta"));
  rev = eccp_json_get_int (meta, "rev", 0);
  seq = eccp_json_get_int (meta, "seq", 0);

  /* One look-up of the row, not one a column; an aggregate, so that a
   * row comes when there is none (a LEFT JOIN of a subquery made SQLite
   * prepare the statement again at every call). */
  stmt = _eccp_store_statement_for (self,
                                    "SELECT max (json_extract (meta, '$.rev')), max (json_extract (meta, '$.seq')),"
                                    " count (*), EXISTS (SELECT 1 FROM outbox WHERE type = ?1 AND record_id = ?2)"
                                    " FROM records WHERE type = ?1 AND id = ?2",
                                    type, id, error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  old_rev = sqlite3_column_int64 (stmt, 0);
  old_seq = sqlite3_column_int64 (stmt, 1);
  exists = sqlite3_column_int (stmt, 2);
  has_change = sqlite3_column_int (stmt, 3);
  sqlite3_reset (stmt);

  /* During a full re-sync: this record is in the feed still. */
  if (context->resyncing && exists
      && !_eccp_store_run (self, "UPDATE records SET unseen = 0 WHERE type = ?1 AND id = ?2 AND unseen = 1",
                           type, id, error))
    return FALSE;

  if (has_change)
    {
      g_autoptr(EccpChange) change = NULL;

      /* Never overwrite what the person did: the sync engine merges the
       * portal's version into the pending change; a plain import leaves
       * it for the sync engine. */
      if (context->rebase == NULL)
        {
          stats->kept_local++;
          return TRUE;
        }

      change = _eccp_store_load_change (self, type, id, error);
      if (change == NULL)
        return FALSE;

      return context->rebase (self, change, resource, context->rebase_data, error);
    }

  if (eccp_json_get_object (resource, "meta") != NULL
      && json_object_get_boolean_member_with_default (eccp_json_get_object (resource, "meta"), "deleted", FALSE))
    {
      if (!exists)
        return TRUE;

      if (!_eccp_store_remove_row (self, type, id, error))
        return FALSE;
      stats->deleted++;
      return TRUE;
    }

  /* The same revision again, or an older one than we hold (a record
   * without a revision is taken as it comes). */
  if (exists && rev > 0 && (old_rev > rev || (old_rev == rev && old_seq >= seq)))
    {
      stats->unchanged++;
      return TRUE;
    }

  attributes = eccp_json_get_object (resource, "attributes");
  relationships = eccp_json_get_object (resource, "relationships");

  if (!_eccp_store_write_row (self, type, id,
                              attributes != NULL ? attributes : empty,
                              relationships != NULL ? relationships : empty,
                              meta, !exists, error))
    return FALSE;

  if (exists)
    stats->updated++;
  else
    stats->created++;

  return TRUE;
}

static gboolean
import_array (EccpStore        *self,
              JsonArray        *array,
              ImportContext    *context,
              GError          **error)
{
  gboolean success = TRUE;

  for (guint i = 0; success && array != NULL && i < json_array_get_length (array); i++)
    success = import_resource (self, json_array_get_element (array, i), context, error);

  return success;
}

/* Stores the cursor a page ends with, if it has one. */
static gboolean
save_cursor (EccpStore  *self,
             JsonNode   *cursor,
             GError    **error)
{
  g_autofree char *text = NULL;

  if (cursor == NULL || !JSON_NODE_HOLDS_VALUE (cursor))
    return TRUE;

  if (json_node_get_value_type (cursor) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (cursor));
  else if (json_node_get_value_type (cursor) == G_TYPE_INT64)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (cursor));

  return text == NULL || eccp_store_set_setting (self, "cursor", text, error);
}

/* A document that is the portal's error (its "errors" member): refused,
 * with the first error's title. */
static gboolean
refuse_portal_error (JsonArray  *errors,
                     GError    **error)
{
  JsonObject *first = errors != NULL && json_array_get_length (errors) > 0
    ? json_array_get_object_element (errors, 0) : NULL;
  const char *title = eccp_json_get_string (first, "title");

  g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
               _("The document is an error from the portal: %s"),
               title != NULL ? title : _("no reason given"));
  return FALSE;
}

/* What an import did, added to the caller's @stats (may be %NULL). */
static void
add_stats (EccpImportStats       *stats,
           const EccpImportStats *done)
{
  if (stats == NULL)
    return;

  stats->created += done->created;
  stats->updated += done->updated;
  stats->deleted += done->deleted;
  stats->unchanged += done->unchanged;
  stats->kept_local += done->kept_local;
}

gboolean
eccp_store_import_document (EccpStore        *self,
                            JsonNode         *document,
                            EccpImportStats  *stats,
                            GError          **error)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  return _eccp_store_import (self, document, stats, NULL, NULL, error);
}

gboolean
_eccp_store_import (EccpStore        *self,
                    JsonNode         *document,
                    EccpImportStats  *stats,
                    EccpRebaseFunc    rebase,
                    gpointer          rebase_data,
                    GError          **error)
{
  EccpImportStats local_stats = { 0 };
  ImportContext context = { &local_stats, rebase, rebase_data, FALSE };
  g_autofree char *resync = NULL;
  JsonObject *root;
  JsonNode *data;
  JsonObject *meta;
  JsonNode *cursor;
  gboolean success;

  if (!JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("The document is not a JSON:API document: it is not a JSON object"));
      return FALSE;
    }

  root = json_node_get_object (document);

  if (json_object_has_member (root, "errors"))
    return refuse_portal_error (eccp_json_get_array (root, "errors"), error);

  data = json_object_get_member (root, "data");
  if (data == NULL || (!JSON_NODE_HOLDS_OBJECT (data) && !JSON_NODE_HOLDS_ARRAY (data)))
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("The document is not a JSON:API document: it has no “data”"));
      return FALSE;
    }

  meta = eccp_json_get_object (root, "meta");
  cursor = meta != NULL ? json_object_get_member (meta, "cursor") : NULL;

  if (!_eccp_store_begin (self, error))
    return FALSE;

  resync = eccp_store_get_setting (self, "resync");
  context.resyncing = resync != NULL;

  if (JSON_NODE_HOLDS_OBJECT (data))
    success = import_resource (self, data, &context, error);
  else
    success = import_array (self, json_node_get_array (data), &context, error);
  success = success && import_array (self, eccp_json_get_array (root, "included"), &context, error);
  /* The cursor goes in with the page it ends, or not at all. */
  success = success && save_cursor (self, cursor, error);

  if (!_eccp_store_end (self, success, error))
    return FALSE;

  add_stats (stats, &local_stats);

  return TRUE;
}

/* {{{ A document streamed: one record parsed at a time */

/* Records between two flushes of the search index's queue, so that the
 * queue of a long import stays small (the rows are in the transaction
 * already; FTS5 keeps its own pending terms bounded). */
#define FLUSH_INDEX_EVERY 1000

/* How much of a file is read at once. */
#define CHUNK_BYTES (1024 * 1024)

typedef struct
{
  EccpStore        *self;
  const char       *path;        /* for messages; %NULL for a text */
  ImportContext     context;
  EccpImportStats   stats;
  JsonParser       *parser;
  EccpJsonScan     *scan;
  JsonNode         *cursor;
  gboolean          have_data;
  gboolean          began;
} Stream;

/* "Could not read “path”: " before @error, when there is a path. */
static gboolean
refuse (Stream  *stream,
        GError **error)
{
  if (stream->path != NULL && error != NULL && *error != NULL)
    g_prefix_error (error, _("Could not read “%s”: "), stream->path);
  return FALSE;
}

/* One value's text, parsed on its own; the scanner has checked its depth
 * and NUL characters already. */
static JsonNode *
stream_parse (Stream      *stream,
              const char  *text,
              gsize        length,
              guint        line,
              GError     **error)
{
  if (!json_parser_load_from_data (stream->parser, text, length, error))
    {
      g_prefix_error (error, _("the value from line %u: "), line);
      refuse (stream, error);
      return NULL;
    }

  return json_parser_get_root (stream->parser);
}

static gboolean
stream_record (Stream      *stream,
               JsonNode    *node,
               GError     **error)
{
  if (!import_resource (stream->self, node, &stream->context, error))
    return FALSE;

  if (stream->self->pending_index->len >= FLUSH_INDEX_EVERY)
    return _eccp_store_flush_search_index (stream->self, error);

  return TRUE;
}

static gboolean
stream_value (EccpJsonScanKind   kind,
              const char        *member,
              const char        *text,
              gsize              length,
              guint              line,
              gpointer           user_data,
              GError           **error)
{
  Stream *stream = user_data;
  gboolean is_data = strcmp (member, "data") == 0;
  JsonNode *node;

  if (kind == ECCP_JSON_SCAN_ARRAY)
    {
      stream->have_data = stream->have_data || is_data;
      return TRUE;
    }

  /* Every value is parsed, used or not: a malformed document is refused
   * whole. */
  node = stream_parse (stream, text, length, line, error);
  if (node == NULL)
    return FALSE;

  if (kind == ECCP_JSON_SCAN_ELEMENT)
    return stream_record (stream, node, error);

  if (strcmp (member, "errors") == 0)
    return refuse_portal_error (JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL, error);

  if (is_data)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                               _("The document is not a JSON:API document: it has no “data”"));
          return FALSE;
        }
      stream->have_data = TRUE;
      return stream_record (stream, node, error);
    }

  if (strcmp (member, "meta") == 0 && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *cursor = json_object_get_member (json_node_get_object (node), "cursor");

      g_clear_pointer (&stream->cursor, json_node_unref);
      stream->cursor = cursor != NULL ? json_node_copy (cursor) : NULL;
    }

  return TRUE;
}

/* The scanner's refusals in the words `eccp import` has always used. */
static gboolean
refuse_scanned (Stream  *stream,
                GError  *scan_error,
                GError **error)
{
  if (scan_error->domain != ECCP_JSON_SCAN_ERROR)
    {
      g_propagate_error (error, scan_error);
      return FALSE;
    }

  switch (scan_error->code)
    {
    case ECCP_JSON_SCAN_ERROR_EMPTY:
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                   _("Could not read “%s”: the file is empty"), stream->path != NULL ? stream->path : "-");
      break;

    case ECCP_JSON_SCAN_ERROR_NOT_OBJECT:
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("The document is not a JSON:API document: it is not a JSON object"));
      break;

    case ECCP_JSON_SCAN_ERROR_DEPTH:
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                   _("Could not read “%s”: it is nested deeper than %u levels"),
                   stream->path != NULL ? stream->path : "-", ECCP_LIMIT_DEPTH);
      break;

    default:
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, scan_error->message);
      refuse (stream, error);
      break;
    }

  g_error_free (scan_error);
  return FALSE;
}

static gboolean
stream_open (Stream          *stream,
             EccpStore       *self,
             const char      *path,
             EccpRebaseFunc   rebase,
             gpointer         rebase_data,
             GError         **error)
{
  static const char * const split[] = { "data", "included", NULL };
  g_autofree char *resync = NULL;

  stream->self = self;
  stream->path = path;
  stream->context = (ImportContext) { &stream->stats, rebase, rebase_data, FALSE };
  /* Mutable: a rebase may change what it is handed. */
  stream->parser = json_parser_new ();
  stream->scan = eccp_json_scan_new (split, ECCP_LIMIT_DEPTH, stream_value, stream);

  /* One transaction for the whole document: a bad record at its end
   * leaves nothing of it.  SQLite spills a large one to the WAL. */
  if (!_eccp_store_begin (self, error))
    return FALSE;
  stream->began = TRUE;

  resync = eccp_store_get_setting (self, "resync");
  stream->context.resyncing = resync != NULL;

  return TRUE;
}

static gboolean
stream_feed (Stream      *stream,
             const char  *data,
             gsize        length,
             GError     **error)
{
  GError *scan_error = NULL;

  if (eccp_json_scan_feed (stream->scan, data, length, &scan_error))
    return TRUE;

  return refuse_scanned (stream, scan_error, error);
}

/* Ends the transaction: commits when @success and the document was whole. */
static gboolean
stream_close (Stream           *stream,
              gboolean          success,
              EccpImportStats  *stats,
              GError          **error)
{
  if (success && stream->began)
    {
      GError *scan_error = NULL;

      if (!eccp_json_scan_finish (stream->scan, &scan_error))
        success = refuse_scanned (stream, scan_error, error);
      else if (!stream->have_data)
        {
          g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                               _("The document is not a JSON:API document: it has no “data”"));
          success = FALSE;
        }
      /* The cursor goes in with the page it ends, or not at all. */
      success = success && save_cursor (stream->self, stream->cursor, error);
    }

  if (stream->began)
    success = _eccp_store_end (stream->self, success, error);

  g_clear_pointer (&stream->scan, eccp_json_scan_free);
  g_clear_object (&stream->parser);
  g_clear_pointer (&stream->cursor, json_node_unref);

  if (success)
    add_stats (stats, &stream->stats);

  return success;
}

gboolean
_eccp_store_import_text (EccpStore        *self,
                         const char       *text,
                         gsize             length,
                         EccpImportStats  *stats,
                         EccpRebaseFunc    rebase,
                         gpointer          rebase_data,
                         GError          **error)
{
  Stream stream = { 0 };
  gboolean success;

  success = stream_open (&stream, self, NULL, rebase, rebase_data, error);
  success = success && stream_feed (&stream, text, length, error);

  return stream_close (&stream, success, stats, error);
}

gboolean
eccp_store_import_file (EccpStore        *self,
                        const char       *path,
                        EccpImportStats  *stats,
                        GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *buffer = NULL;
  Stream stream = { 0 };
  guint64 total = 0;
  gboolean success;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Read a chunk at a time, not mapped: every page of a mapped file that
   * has been read counts as the process's memory. */
  file = g_file_new_for_path (path);
  input = g_file_read (file, NULL, error);
  if (input != NULL)
    info = g_file_input_stream_query_info (input, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, error);
  if (info == NULL)
    {
      g_prefix_error (error, _("Could not read “%s”: "), path);
      return FALSE;
    }

  if (g_file_info_get_size (info) > ECCP_LIMIT_IMPORT_BYTES)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                   _("Could not read “%s”: the file is larger than %u MB"), path,
                   ECCP_LIMIT_IMPORT_BYTES / (1024 * 1024));
      return FALSE;
    }

  buffer = g_malloc (CHUNK_BYTES);
  success = stream_open (&stream, self, path, NULL, NULL, error);
  while (success)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, CHUNK_BYTES, NULL, error);

      if (n < 0)
        {
          g_prefix_error (error, _("Could not read “%s”: "), path);
          success = FALSE;
        }
      else if (n == 0)
        break;
      /* A file that grows as it is read is held to the same bound. */
      else if ((total += n) > ECCP_LIMIT_IMPORT_BYTES)
        {
          g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                       _("Could not read “%s”: the file is larger than %u MB"), path,
                       ECCP_LIMIT_IMPORT_BYTES / (1024 * 1024));
          success = FALSE;
        }
      else
        success = stream_feed (&stream, buffer, n, error);
    }

  return stream_close (&stream, success, stats, error);
}

/* }}} */
