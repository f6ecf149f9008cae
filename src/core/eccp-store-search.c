/* eccp-store-search.c: the full-text index: the text a record is found by
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store.h"

#include <glib/gi18n-lib.h>

#include "eccp-field-spec.h"
#include "eccp-store-private.h"

/* An entry of the index waiting for COMMIT. */
typedef struct
{
  gint64    num;
  char     *type;
  char     *text; /* NULL: only remove the record's entry */
  gboolean  replace;
} PendingIndex;

static void
clear_pending_index (gpointer data)
{
  PendingIndex *pending = data;

  g_clear_pointer (&pending->type, g_free);
  g_clear_pointer (&pending->text, g_free);
}

/* The queue of _eccp_store_index_record(), owned by the store. */
GArray *
_eccp_store_search_queue_new (void)
{
  GArray *queue = g_array_new (FALSE, FALSE, sizeof (PendingIndex));

  g_array_set_clear_func (queue, clear_pending_index);

  return queue;
}

/* Folds the letters that SQLite's remove_diacritics leaves alone because
 * Unicode gives them no decomposition: "Łódź" must be found by "lodz",
 * "Ørsted" by "orsted", "Straße" by "strasse".  Applied to the indexed
 * text and to what a person types alike. */
static void
append_folded (GString    *out,
               const char *text)
{
  static const struct { gunichar c; const char *ascii; } folds[] = {
    { 0x0141, "L" }, { 0x0142, "l" },   /* Ł ł */
    { 0x00D8, "O" }, { 0x00F8, "o" },   /* Ø ø */
    { 0x0110, "D" }, { 0x0111, "d" },   /* Đ đ */
    { 0x00D0, "D" }, { 0x00F0, "d" },   /* Ð ð */
    { 0x00DF, "ss" }, { 0x1E9E, "SS" }, /* ß ẞ */
    { 0x00C6, "AE" }, { 0x00E6, "ae" }, /* Æ æ */
    { 0x0152, "OE" }, { 0x0153, "oe" }, /* Œ œ */
    { 0x00DE, "TH" }, { 0x00FE, "th" }, /* Þ þ */
    { 0x0131, "i" },                    /* ı */
    { 0x0126, "H" }, { 0x0127, "h" },   /* Ħ ħ */
    { 0x0166, "T" }, { 0x0167, "t" },   /* Ŧ ŧ */
  };

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *ascii = NULL;

      if (c >= 0x80)
        for (guint i = 0; i < G_N_ELEMENTS (folds); i++)
          if (folds[i].c == c)
            ascii = folds[i].ascii;

      if (ascii != NULL)
        g_string_append (out, ascii);
      else
        g_string_append_unichar (out, c);
    }
}

char *
eccp_store_fold_letters (const char *text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, g_string_free (out, FALSE));

  append_folded (out, text);

  return g_string_free (out, FALSE);
}

char *
eccp_store_fold_text (const char *text)
{
  g_autofree char *letters = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  letters = eccp_store_fold_letters (text);
  decomposed = g_utf8_normalize (letters, -1, G_NORMALIZE_NFKD);
  /* Not valid UTF-8: only the case folded */
  if (decomposed == NULL)
    return g_utf8_casefold (letters, -1);

  bare = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, -1);
}

/* The FTS5 query for what a person typed: each word a quoted prefix, all of
 * them required.  Anything but letters and digits separates words, so no
 * input can be an FTS5 syntax error. */
char *
_eccp_store_fts_query (const char *text)
{
  GString *query = g_string_new (NULL);
  GString *word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char_validated (p, -1) : 0;

      if (c != 0 && c != (gunichar)-1 && c != (gunichar)-2 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
        }
      else if (word->len > 0)
        {
          g_string_append (query, query->len > 0 ? " \"" : "\"");
          append_folded (query, word->str);
          g_string_append (query, "\"*");
          g_string_truncate (word, 0);
        }

      if (c == 0 || c == (gunichar)-1 || c == (gunichar)-2)
        break;
    }

  g_string_free (word, TRUE);

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

char *
_eccp_store_search_text (const char *type_name,
                         JsonObject *attributes)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (type_name);
  GString *text = g_string_new (NULL);

  for (guint i = 0; type != NULL && i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      JsonNode *node;

      if (!(field->flags & ECCP_FIELD_FLAG_SEARCHABLE))
        continue;

      node = json_object_get_member (attributes, field->name);
      if (node == NULL)
        continue;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          append_folded (text, json_node_get_string (node));
          g_string_append_c (text, '\n');
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *items = json_node_get_array (node);

          for (guint j = 0; j < json_array_get_length (items); j++)
            {
              JsonNode *item = json_array_get_element (items, j);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                {
                  append_folded (text, json_node_get_string (item));
                  g_string_append_c (text, '\n');
                }
            }
        }
    }

  return g_string_free (text, FALSE);
}

/* Queues @search_text for the full-text index under the record's @num
 * (@replace: the record had an entry).  The queue is written by
 * _eccp_store_commit(), after every other statement of the transaction:
 * FTS5 flushes its pending terms whenever a statement of the transaction
 * opens a savepoint (any INSERT into records does, for its unique index),
 * which made every record a segment of its own and an import of 100,000
 * clusters ten times slower.  An import writes it every 1,000 records too
 * (eccp-store-import.c), so that the queue does not grow with the file. */
void
_eccp_store_index_record (EccpStore   *self,
                          gint64       num,
                          gboolean     replace,
                          const char  *type,
                          const char  *search_text)
{
  PendingIndex pending = { num, g_strdup (type), g_strdup (search_text), replace };

  g_array_append_val (self->pending_index, pending);
}

/* Runs one statement of the index, ?1 bound to @num and ?2 to @text. */
static gboolean
run_index_statement (EccpStore   *self,
                     const char  *sql,
                     gint64       num,
                     const char  *text,
                     GError     **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, num);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);

  return _eccp_store_step_done (self, stmt, _("The records could not be indexed for search"), error);
}

gboolean
_eccp_store_flush_search_index (EccpStore  *self,
                                GError    **error)
{
  gboolean success = TRUE;

  for (guint i = 0; success && i < self->pending_index->len; i++)
    {
      PendingIndex *pending = &g_array_index (self->pending_index, PendingIndex, i);

      /* Types the specs do not know are kept, but not searched. */
      if (eccp_type_spec_lookup (pending->type) == NULL)
        continue;

      if (pending->replace || pending->text == NULL)
        {
          g_autofree char *remove_sql = g_strdup_printf ("DELETE FROM fts_%s WHERE rowid = ?1",
                                                         pending->type);

          success = run_index_statement (self, remove_sql, pending->num, NULL, error);
        }

      if (success && pending->text != NULL)
        {
          g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO fts_%s (rowid, search_text)"
                                                         " VALUES (?1, ?2)",
                                                         pending->type);

          success = run_index_statement (self, insert_sql, pending->num, pending->text, error);
        }
    }

  if (success)
    g_array_set_size (self->pending_index, 0);

  return success;
}
