/* eccp-json-scan.c: splits a JSON document's arrays into their elements as it streams
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `eccp import` reads documents of hundreds of megabytes: a tree of the
 * whole document costs some fifteen times the file (docs/ARCHITECTURE.md,
 * "The store").  This scanner reads the document's frame a byte at a time,
 * as it comes, and hands out one record's text at a time for a parser of
 * its own; it never recurses and holds one value at most.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-json-scan.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

G_DEFINE_QUARK (eccp-json-scan-error-quark, eccp_json_scan_error)

typedef enum
{
  ROOT_BEFORE,     /* white space, then '{' */
  KEY_BEFORE,      /* '"' (or '}' before the first member) */
  KEY,             /* inside a member's name */
  COLON,
  VALUE_BEFORE,    /* the first byte of a member's value */
  SPLIT_BEFORE,    /* an element (or ']' before the first) */
  SPLIT_AFTER,     /* ',' or ']' after an element */
  VALUE,           /* inside a value being captured */
  ROOT_AFTER,      /* ',' or '}' after a member's value */
  DONE,            /* white space only */
  FAILED,
} State;

struct _EccpJsonScan
{
  char            **split;
  guint             max_depth;
  EccpJsonScanFunc  func;
  gpointer          user_data;

  State             state;
  guint             line;
  gboolean          first;        /* no member / element yet */
  gboolean          splitting;    /* the value is an element of a split array */

  /* The value (or name) being captured: the bytes of earlier chunks in
   * @buffer, those of this chunk from @start on. */
  GString          *buffer;
  GString          *member;
  gsize             start;
  guint             value_line;

  /* Inside a value: its open brackets, and where a string's escape is. */
  GByteArray       *stack;
  gboolean          in_string;
  gboolean          scalar;
  guint             escape;       /* 0; 1 after '\'; 2–5 in "\uXXXX" */
  gboolean          escape_zero;  /* the "\u" digits so far are all 0 */

  GError           *error;
};

EccpJsonScan *
eccp_json_scan_new (const char * const *split,
                    guint               max_depth,
                    EccpJsonScanFunc    func,
                    gpointer            user_data)
{
  EccpJsonScan *scan = g_new0 (EccpJsonScan, 1);

  scan->split = g_strdupv ((char **) split);
  scan->max_depth = max_depth;
  scan->func = func;
  scan->user_data = user_data;
  scan->state = ROOT_BEFORE;
  scan->line = 1;
  scan->buffer = g_string_new (NULL);
  scan->member = g_string_new (NULL);
  scan->stack = g_byte_array_new ();

  return scan;
}

void
eccp_json_scan_free (EccpJsonScan *scan)
{
  if (scan == NULL)
    return;

  g_strfreev (scan->split);
  g_string_free (scan->buffer, TRUE);
  g_string_free (scan->member, TRUE);
  g_byte_array_unref (scan->stack);
  g_clear_error (&scan->error);
  g_free (scan);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
fail (EccpJsonScan       *scan,
      EccpJsonScanError   code,
      char               *message)
{
  scan->state = FAILED;
  scan->error = g_error_new_literal (ECCP_JSON_SCAN_ERROR, code, message);
  g_free (message);
  return FALSE;
}

static gboolean
unexpected (EccpJsonScan *scan,
            char          c)
{
  char bytes[2] = { c, '\0' };
  g_autofree char *shown = g_strescape (bytes, NULL);

  return fail (scan, ECCP_JSON_SCAN_ERROR_SYNTAX,
               g_strdup_printf (_("line %u: unexpected character “%s”"), scan->line, shown));
}

static gboolean
nul (EccpJsonScan *scan)
{
  return fail (scan, ECCP_JSON_SCAN_ERROR_NUL,
               g_strdup_printf (_("line %u: a NUL character (\\u0000) cannot be part of an id or a text"),
                                scan->line));
}

static gboolean
too_deep (EccpJsonScan *scan)
{
  return fail (scan, ECCP_JSON_SCAN_ERROR_DEPTH,
               g_strdup_printf (_("line %u: nested deeper than %u levels"), scan->line, scan->max_depth));
}

/* One byte of a string after its opening quote; %TRUE at its closing
 * quote.  Sets FAILED at a "\u0000". */
static gboolean
string_byte (EccpJsonScan *scan,
             char          c)
{
  if (scan->escape == 0)
    {
      if (c == '\\')
        scan->escape = 1;
      return c == '"';
    }

  if (scan->escape == 1)
    {
      scan->escape = c == 'u' ? 2 : 0;
      scan->escape_zero = TRUE;
      return FALSE;
    }

  /* In the four digits of "\uXXXX". */
  scan->escape_zero = scan->escape_zero && c == '0';
  if (++scan->escape == 6)
    {
      scan->escape = 0;
      if (scan->escape_zero)
        nul (scan);
    }
  return FALSE;
}

/* Takes what this chunk holds of the value being captured into @buffer. */
static void
keep (EccpJsonScan *scan,
      GString      *into,
      const char   *data,
      gsize         end)
{
  if (end > scan->start)
    g_string_append_len (into, data + scan->start, end - scan->start);
  scan->start = end;
}

static gboolean
is_split (EccpJsonScan *scan)
{
  return scan->split != NULL && g_strv_contains ((const char * const *) scan->split, scan->member->str);
}

static gboolean
emit (EccpJsonScan      *scan,
      EccpJsonScanKind   kind,
      const char        *text,
      gsize              length,
      guint              line)
{
  GError *error = NULL;

  if (scan->func (kind, scan->member->str, text, length, line, scan->user_data, &error))
    return TRUE;

  scan->state = FAILED;
  scan->error = error != NULL
    ? error : g_error_new_literal (ECCP_JSON_SCAN_ERROR, ECCP_JSON_SCAN_ERROR_SYNTAX, "refused");
  return FALSE;
}

/* The value captured ends before byte @end of this chunk. */
static gboolean
value_done (EccpJsonScan *scan,
            const char   *data,
            gsize         end)
{
  gboolean ok;

  if (scan->buffer->len == 0)
    ok = emit (scan, scan->splitting ? ECCP_JSON_SCAN_ELEMENT : ECCP_JSON_SCAN_VALUE,
               data + scan->start, end - scan->start, scan->value_line);
  else
    {
      keep (scan, scan->buffer, data, end);
      ok = emit (scan, scan->splitting ? ECCP_JSON_SCAN_ELEMENT : ECCP_JSON_SCAN_VALUE,
                 scan->buffer->str, scan->buffer->len, scan->value_line);
      /* A large value's room is given back, not kept for the next. */
      if (scan->buffer->allocated_len > 1024 * 1024)
        {
          g_string_free (scan->buffer, TRUE);
          scan->buffer = g_string_new (NULL);
        }
      else
        g_string_truncate (scan->buffer, 0);
    }

  if (ok)
    scan->state = scan->splitting ? SPLIT_AFTER : ROOT_AFTER;
  return ok;
}

/* The root object and the split arrays count as levels too. */
static guint
depth (EccpJsonScan *scan)
{
  return 1 + (scan->splitting ? 1 : 0) + scan->stack->len;
}

static gboolean
begin_value (EccpJsonScan *scan,
             char          c,
             gsize         at)
{
  scan->state = VALUE;
  scan->start = at;
  scan->value_line = scan->line;
  scan->in_string = c == '"';
  scan->scalar = c != '"' && c != '{' && c != '[';
  scan->escape = 0;
  g_byte_array_set_size (scan->stack, 0);

  if (c == ',' || c == ']' || c == '}' || c == ':')
    return unexpected (scan, c);

  if (c == '{' || c == '[')
    {
      guint8 open = c;

      g_byte_array_append (scan->stack, &open, 1);
      if (depth (scan) > scan->max_depth)
        return too_deep (scan);
    }

  return TRUE;
}

static gboolean scan_byte (EccpJsonScan *scan,
                           const char   *data,
                           gsize         i);

/* One byte inside a value; may end it. */
static gboolean
value_byte (EccpJsonScan *scan,
            const char   *data,
            gsize         i)
{
  char c = data[i];

  if (scan->in_string)
    {
      if (!string_byte (scan, c))
        return scan->state != FAILED;
      scan->in_string = FALSE;
      /* A string alone is a whole value. */
      return scan->stack->len > 0 || value_done (scan, data, i + 1);
    }

  if (scan->scalar)
    {
      /* Numbers, true, false, null: to the next delimiter, which is the
       * frame's to read. */
      if (is_space (c) || c == ',' || c == ']' || c == '}')
        {
          if (!value_done (scan, data, i))
            return FALSE;
          return scan_byte (scan, data, i);
        }
      if (c == '"' || c == '{' || c == '[' || c == ':')
        return unexpected (scan, c);
      return TRUE;
    }

  switch (c)
    {
    case '"':
      scan->in_string = TRUE;
      scan->escape = 0;
      return TRUE;

    case '{':
    case '[':
      {
        guint8 open = c;

        g_byte_array_append (scan->stack, &open, 1);
        if (depth (scan) > scan->max_depth)
          return too_deep (scan);
        return TRUE;
      }

    case '}':
    case ']':
      if (scan->stack->data[scan->stack->len - 1] != (c == '}' ? '{' : '['))
        return unexpected (scan, c);
      g_byte_array_set_size (scan->stack, scan->stack->len - 1);
      return scan->stack->len > 0 || value_done (scan, data, i + 1);

    default:
      return TRUE;
    }
}

/* A member's name has been read (quotes and all, in @member): as JSON
 * reads it, escapes and all; a name that is no JSON string is refused. */
static gboolean
member_named (EccpJsonScan *scan)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, scan->member->str, scan->member->len, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || json_node_get_value_type (root) != G_TYPE_STRING)
    return fail (scan, ECCP_JSON_SCAN_ERROR_SYNTAX,
                 g_strdup_printf (_("line %u: a member’s name is not a JSON string"), scan->line));

  g_string_assign (scan->member, json_node_get_string (root));
  return TRUE;
}

static gboolean
scan_byte (EccpJsonScan *scan,
           const char   *data,
           gsize         i)
{
  char c = data[i];

  switch (scan->state)
    {
    case ROOT_BEFORE:
      if (is_space (c))
        return TRUE;
      if (c != '{')
        return fail (scan, ECCP_JSON_SCAN_ERROR_NOT_OBJECT, g_strdup (_("it is not a JSON object")));
      if (scan->max_depth < 1)
        return too_deep (scan);
      scan->state = KEY_BEFORE;
      scan->first = TRUE;
      return TRUE;

    case KEY_BEFORE:
      if (is_space (c))
        return TRUE;
      if (c == '}' && scan->first)
        {
          scan->state = DONE;
          return TRUE;
        }
      if (c != '"')
        return unexpected (scan, c);
      g_string_truncate (scan->member, 0);
      scan->start = i;
      scan->escape = 0;
      scan->state = KEY;
      return TRUE;

    case KEY:
      if (!string_byte (scan, c))
        return scan->state != FAILED;
      keep (scan, scan->member, data, i + 1);
      scan->state = COLON;
      return member_named (scan);

    case COLON:
      if (is_space (c))
        return TRUE;
      if (c != ':')
        return unexpected (scan, c);
      scan->state = VALUE_BEFORE;
      return TRUE;

    case VALUE_BEFORE:
      if (is_space (c))
        return TRUE;
      scan->splitting = FALSE;
      if (c == '[' && is_split (scan))
        {
          scan->splitting = TRUE;
          scan->first = TRUE;
          scan->state = SPLIT_BEFORE;
          if (depth (scan) > scan->max_depth)
            return too_deep (scan);
          return TRUE;
        }
      if (!begin_value (scan, c, i))
        return FALSE;
      /* A string's opening quote, or a container's bracket, is read. */
      return scan->scalar ? value_byte (scan, data, i) : TRUE;

    case SPLIT_BEFORE:
      if (is_space (c))
        return TRUE;
      if (c == ']' && scan->first)
        goto split_end;
      if (!begin_value (scan, c, i))
        return FALSE;
      return scan->scalar ? value_byte (scan, data, i) : TRUE;

    case SPLIT_AFTER:
      if (is_space (c))
        return TRUE;
      if (c == ',')
        {
          scan->state = SPLIT_BEFORE;
          scan->first = FALSE;
          return TRUE;
        }
      if (c != ']')
        return unexpected (scan, c);
    split_end:
      scan->splitting = FALSE;
      scan->state = ROOT_AFTER;
      return emit (scan, ECCP_JSON_SCAN_ARRAY, "[]", 2, scan->line);

    case VALUE:
      return value_byte (scan, data, i);

    case ROOT_AFTER:
      if (is_space (c))
        return TRUE;
      if (c == ',')
        {
          scan->state = KEY_BEFORE;
          scan->first = FALSE;
          return TRUE;
        }
      if (c != '}')
        return unexpected (scan, c);
      scan->state = DONE;
      return TRUE;

    case DONE:
      if (is_space (c))
        return TRUE;
      return fail (scan, ECCP_JSON_SCAN_ERROR_SYNTAX,
                   g_strdup_printf (_("line %u: more follows the end of the document"), scan->line));

    case FAILED:
    default:
      return FALSE;
    }
}

gboolean
eccp_json_scan_feed (EccpJsonScan  *scan,
                     const char    *data,
                     gsize          length,
                     GError       **error)
{
  g_return_val_if_fail (scan != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  scan->start = 0;
  for (gsize i = 0; i < length && scan->state != FAILED; i++)
    {
      if (data[i] == '\0')
        {
          nul (scan);
          break;
        }

      /* The bulk of a document is inside strings: to their end at once. */
      if (scan->state == VALUE && scan->in_string && scan->escape == 0)
        {
          gsize j = i;

          while (j < length && data[j] != '"' && data[j] != '\\' && data[j] != '\n' && data[j] != '\0')
            j++;
          if (j == length)
            break;
          i = j;
          if (data[i] == '\0')
            {
              nul (scan);
              break;
            }
        }

      if (!scan_byte (scan, data, i))
        break;
      if (data[i] == '\n')
        scan->line++;
    }

  if (scan->state == FAILED)
    {
      if (error != NULL)
        *error = g_error_copy (scan->error);
      return FALSE;
    }

  /* What this chunk holds of a value still open. */
  if (scan->state == VALUE)
    keep (scan, scan->buffer, data, length);
  else if (scan->state == KEY)
    keep (scan, scan->member, data, length);

  return TRUE;
}

gboolean
eccp_json_scan_finish (EccpJsonScan  *scan,
                       GError       **error)
{
  g_return_val_if_fail (scan != NULL, FALSE);

  if (scan->state == ROOT_BEFORE)
    fail (scan, ECCP_JSON_SCAN_ERROR_EMPTY, g_strdup (_("the file is empty")));
  else if (scan->state != DONE && scan->state != FAILED)
    fail (scan, ECCP_JSON_SCAN_ERROR_TRUNCATED,
          g_strdup_printf (_("line %u: the document ends before it is complete"), scan->line));

  if (scan->state == FAILED)
    {
      if (error != NULL)
        *error = g_error_copy (scan->error);
      return FALSE;
    }

  return TRUE;
}
