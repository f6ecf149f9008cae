/* eccp-cli-output.c: values as text for people, CSV and JSON for scripts
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"
/* fopencookie (glibc): the streams that make text visible */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "eccp-cli.h"
#include "eccp-call.h"
#include "eccp-date.h"
#include "eccp-format.h"
#include "eccp-json.h"

char *
eccp_cli_format_count (gint64 n)
{
  /* The ' flag groups thousands as the locale does: 1,400 or 1.400 */
  return eccp_format_integer (n);
}

static gboolean is_bidi_control (gunichar c);

/* json-glib escapes C0 only: DEL, C1 and bidi controls, which would steer
 * a terminal as well, become \u escapes too.  They can only be inside
 * strings, where a JSON reader turns them back into the same text. */
static gboolean
is_json_escaped (gunichar c)
{
  return c == 0x7f || (c >= 0x80 && c <= 0x9f) || is_bidi_control (c);
}

static char *
json_escape_controls (char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_json_escaped (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_free (text);

  return g_string_free (out, FALSE);
}

static char *
json_to_text (JsonNode *node,
              gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  return json_escape_controls (json_generator_to_data (generator, NULL));
}

void
eccp_cli_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_text (node, TRUE);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

struct _EccpCliJsonArrayPrinter
{
  guint n_items;
};

EccpCliJsonArrayPrinter *
eccp_cli_json_array_begin (void)
{
  fputc ('[', stdout);
  return g_new0 (EccpCliJsonArrayPrinter, 1);
}

void
eccp_cli_json_array_add (EccpCliJsonArrayPrinter *printer,
                         JsonNode                *node)
{
  g_autofree char *text = json_to_text (node, TRUE);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  fputs (printer->n_items > 0 ? ",\n" : "\n", stdout);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        fputc ('\n', stdout);
      fputs ("  ", stdout);
      fputs (lines[i], stdout);
    }
  printer->n_items++;
}

void
eccp_cli_json_array_end (EccpCliJsonArrayPrinter *printer)
{
  fputs (printer->n_items > 0 ? "\n]\n" : "]\n", stdout);
  g_free (printer);
}

JsonNode *
eccp_cli_record_field (EccpRecord          *record,
                       const EccpFieldSpec *field)
{
  JsonObject *object;

  if (eccp_field_spec_is_relation (field))
    object = eccp_record_get_relationships (record);
  else
    object = eccp_record_get_attributes (record);

  if (object == NULL || !json_object_has_member (object, field->name))
    return NULL;

  return json_object_get_member (object, field->name);
}

static char *
join_ids (const EccpFieldSpec *field,
          JsonNode            *value,
          const char          *separator)
{
  g_autoptr(GPtrArray) ids = eccp_relationship_get_ids (field, value, NULL);

  g_ptr_array_add (ids, NULL);
  return g_strjoinv (separator, (char **) ids->pdata);
}

/* One line on stderr for a record whose relationships are of the wrong
 * shape: they are shown as absent. */
void
eccp_cli_warn_malformed (EccpRecord *record)
{
  g_autofree char *names = eccp_record_list_malformed_relationships (record);

  if (names != NULL)
    g_printerr (_("eccp: warning: %s %s: malformed relationships shown as absent: %s\n"),
                eccp_record_get_type_name (record), eccp_record_get_id (record), names);
}

char *
eccp_cli_format_field (const EccpFieldSpec *field,
                       JsonNode            *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (eccp_field_spec_is_relation (field))
    return join_ids (field, value, ", ");

  if (field->kind == ECCP_FIELD_OBJECT && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < field->n_children; i++)
        {
          const EccpFieldSpec *child = &field->children[i];
          g_autofree char *part = NULL;

          if (!json_object_has_member (object, child->name))
            continue;

          part = eccp_cli_format_field (child, json_object_get_member (object, child->name));
          if (*part == '\0')
            continue;

          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append_printf (text, "%s %s", _(child->label), part);
        }

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return eccp_field_spec_format_value (field, value);
}

char *
eccp_cli_display_field (const EccpFieldSpec *field,
                        JsonNode            *value)
{
  char *text;

  /* Ids and objects' members as scripts write them; the rest through
   * the core's formatter: dates, times, grouped numbers, amounts. */
  if (eccp_field_spec_is_relation (field) || field->kind == ECCP_FIELD_OBJECT)
    return eccp_cli_format_field (field, value);

  text = eccp_field_spec_display_value (field, value);
  return text != NULL ? text : g_strdup ("");
}

/* A time the call's status ignores, shown so that it can be fixed */
static char *
unreadable_time (const char *text)
{
  /* Translators: a call's cut-off that is no RFC 3339 time, so counts
   * for nothing; %s is the text as stored */
  return g_strdup_printf (_("unreadable: %s"), text);
}

/* One time of @record: where it happens (an event's zone, else the
 * time's own offset) and the reader's own time when that differs; a
 * deadline the reader's first. */
static char *
display_time (EccpRecord *record,
              const char *text,
              GTimeZone  *source)
{
  gboolean deadline = g_str_equal (eccp_record_get_type_name (record), "call");
  /* A call's times as strictly as its status reads them (eccp-call.c) */
  g_autoptr(GDateTime) time = deadline ? eccp_date_time_parse_rfc3339 (text)
                                       : eccp_date_time_parse_iso8601 (text);

  if (time == NULL)
    return deadline ? unreadable_time (text) : g_strdup (text);

  return eccp_date_time_format_with_zone (time, source, NULL,
                                          deadline ? ECCP_DATE_ZONE_USER_FIRST : ECCP_DATE_ZONE_DEFAULT);
}

char *
eccp_cli_display_time_field (EccpRecord          *record,
                             const EccpFieldSpec *field,
                             JsonNode            *value,
                             GDateTime           *now)
{
  const char *zone_id = eccp_json_get_string (eccp_record_get_attributes (record), "timezone");
  g_autoptr(GTimeZone) source = zone_id != NULL ? g_time_zone_new_identifier (zone_id) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (field->kind == ECCP_FIELD_TIME && JSON_NODE_HOLDS_VALUE (value))
    return display_time (record, json_node_get_string (value), source);

  if (field->kind != ECCP_FIELD_LIST || field->item_kind != ECCP_FIELD_TIME || !JSON_NODE_HOLDS_ARRAY (value))
    return eccp_cli_display_field (field, value);

  /* A call's cut-offs, earliest first, those past said so */
  {
    g_autoptr(GPtrArray) times = eccp_call_get_deadlines (record);

    for (guint i = 0; i < times->len; i++)
      {
        GDateTime *time = g_ptr_array_index (times, i);
        g_autofree char *shown = eccp_date_time_format_with_zone (time, NULL, NULL, ECCP_DATE_ZONE_USER_FIRST);

        if (i > 0)
          g_string_append (text, "; ");
        /* Not at @now itself: the badge still says it closes today */
        if (eccp_call_deadline_is_past (time, now))
          /* Translators: a call's cut-off that has passed */
          g_string_append_printf (text, _("%s (passed)"), shown);
        else
          g_string_append (text, shown);
      }

    /* Those eccp_call_get_deadlines() could not read, after */
    for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
      {
        JsonNode *item = json_array_get_element (json_node_get_array (value), i);
        g_autoptr(GDateTime) time = NULL;
        g_autofree char *raw = NULL;
        g_autofree char *shown = NULL;

        if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
          time = eccp_date_time_parse_rfc3339 (json_node_get_string (item));
        if (time != NULL)
          continue;

        raw = eccp_cli_json_plain_text (item);
        if (text->len > 0)
          g_string_append (text, "; ");
        shown = unreadable_time (raw);
        g_string_append (text, shown);
      }
  }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
eccp_cli_json_plain_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (JSON_NODE_HOLDS_VALUE (value))
    {
      GType type = json_node_get_value_type (value);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (value));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (value) ? "true" : "false");
      if (type == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (value)));
        }
    }

  return json_to_text (value, FALSE);
}

char *
eccp_cli_csv_text (const EccpFieldSpec *field,
                   JsonNode            *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (eccp_field_spec_is_relation (field))
    return join_ids (field, value, "; ");

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = eccp_cli_json_plain_text (json_array_get_element (array, i));

          if (i > 0)
            g_string_append (text, "; ");
          g_string_append (text, item);
        }

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return eccp_cli_json_plain_text (value);
}

char
eccp_cli_sync_mark (EccpSyncState state)
{
  switch (state)
    {
    case ECCP_SYNC_STATE_SYNCED:
      return ' ';
    case ECCP_SYNC_STATE_PENDING:
      return '*';
    case ECCP_SYNC_STATE_CONFLICT:
    case ECCP_SYNC_STATE_REJECTED:
    case ECCP_SYNC_STATE_INVALID:
    default:
      return '!';
    }
}

const char *
eccp_cli_sync_state_label (EccpSyncState state)
{
  switch (state)
    {
    case ECCP_SYNC_STATE_SYNCED:
      return _("Synced");
    case ECCP_SYNC_STATE_PENDING:
      return _("Pending: a local change waits to be sent");
    case ECCP_SYNC_STATE_CONFLICT:
      return _("Conflict: the portal changed the same field");
    case ECCP_SYNC_STATE_REJECTED:
      return _("Rejected: the portal refused the change");
    case ECCP_SYNC_STATE_INVALID:
      return _("Invalid: the portal found fields not valid");
    default:
      return eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, state);
    }
}

/* "Label: value" lines */

typedef struct
{
  guint  indent;
  char  *label; /* with its colon */
  char  *value;
} Line;

static void
line_free (Line *line)
{
  g_free (line->label);
  g_free (line->value);
  g_free (line);
}

GPtrArray *
eccp_cli_lines_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
}

void
eccp_cli_lines_add (GPtrArray  *lines,
                    guint       indent,
                    const char *label,
                    char       *value)
{
  Line *line = g_new0 (Line, 1);

  line->indent = indent;
  line->label = g_strconcat (label, ":", NULL);
  line->value = value;
  g_ptr_array_add (lines, line);
}

void
eccp_cli_lines_print (GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      guint width = 0;
      g_autofree char *padded = NULL;
      g_auto(GStrv) parts = NULL;
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint j = 0; j < lines->len; j++)
        {
          Line *other = g_ptr_array_index (lines, j);

          if (other->indent == line->indent)
            width = MAX (width, eccp_cli_text_width (other->label));
        }

      padded = eccp_cli_pad (line->label, width);
      parts = g_strsplit (line->value, "\n", -1);
      g_string_append_printf (text, "%*s%s", (int) line->indent, "", padded);

      /* Paragraphs of long text go on under the first line, indented. */
      for (guint p = 0; parts[p] != NULL; p++)
        {
          if (p == 0)
            g_string_append_printf (text, " %s", parts[p]);
          else if (*parts[p] == '\0')
            g_string_append_c (text, '\n');
          else
            g_string_append_printf (text, "\n%*s %s", (int) (line->indent + width), "", parts[p]);
        }

      g_strchomp (text->str);
      puts (text->str);
    }
}

/* Text made visible: what eccp prints is a terminal's input, and text from
 * the portal, a file or another person may hold control characters (ESC
 * starts a sequence that can recolour, retitle or clear the terminal, or
 * fake a line) or bidi controls that reorder what follows ("Trojan
 * Source").  Each is shown as its escape: C0 and DEL as "\x1b", C1
 * (U+0080–U+009F) and the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) as "\u202e"; a byte that is not UTF-8 as
 * "\xff".  A newline and a tab are layout and stay. */

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* The escape of @c into @buffer (at least 7 bytes), or 0 when @c is shown
 * as it is. */
static gsize
visible_escape (gunichar  c,
                char     *buffer)
{
  if (c == '\n' || c == '\t')
    return 0;
  if (c < 0x20 || c == 0x7f)
    return g_snprintf (buffer, 7, "\\x%02x", c);
  if ((c >= 0x80 && c <= 0x9f) || is_bidi_control (c))
    return g_snprintf (buffer, 7, "\\u%04x", c);
  return 0;
}

/* Appends @length bytes of @text made visible to @out; returns how many
 * bytes it took: fewer when @text ends inside a UTF-8 sequence and @partial
 * says more may follow. */
static gsize
append_visible (GString    *out,
                const char *text,
                gsize       length,
                gboolean    partial)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      char buffer[8];
      gunichar c;
      gsize n;

      if ((guchar) *p < 0x80)
        c = (guchar) *p;
      else
        {
          c = g_utf8_get_char_validated (p, end - p);
          if (c == (gunichar) -2 && partial)
            break;
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              g_string_append_printf (out, "\\x%02x", (guchar) *p);
              p++;
              continue;
            }
        }

      n = visible_escape (c, buffer);
      if (n > 0)
        g_string_append_len (out, buffer, n);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return p - text;
}

char *
eccp_cli_visible_text (const char *text)
{
  GString *out = g_string_new (NULL);

  append_visible (out, text, strlen (text), FALSE);
  return g_string_free (out, FALSE);
}

/* A stream that makes everything written through it visible on @fd */
typedef struct
{
  int     fd;
  GString *pending; /* the start of a UTF-8 sequence cut by a write */
} VisibleStream;

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      data += written;
      length -= written;
    }

  return TRUE;
}

static ssize_t
visible_stream_write (void       *cookie,
                      const char *data,
                      size_t      size)
{
  VisibleStream *stream = cookie;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize taken;

  g_string_append_len (stream->pending, data, size);
  taken = append_visible (out, stream->pending->str, stream->pending->len, TRUE);
  g_string_erase (stream->pending, 0, taken);

  if (!write_all (stream->fd, out->str, out->len))
    return -1;

  return size;
}

static int
visible_stream_close (void *cookie)
{
  VisibleStream *stream = cookie;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok;

  append_visible (out, stream->pending->str, stream->pending->len, FALSE);
  ok = write_all (stream->fd, out->str, out->len);
  g_string_free (stream->pending, TRUE);
  g_free (stream);

  return ok ? 0 : EOF;
}

static FILE *
visible_stream_new (int fd)
{
  cookie_io_functions_t functions = {
    .write = visible_stream_write,
    .close = visible_stream_close,
  };
  VisibleStream *stream = g_new0 (VisibleStream, 1);
  FILE *file;

  stream->fd = fd;
  stream->pending = g_string_new (NULL);
  file = fopencookie (stream, "w", functions);
  if (file == NULL)
    {
      g_string_free (stream->pending, TRUE);
      g_free (stream);
    }

  return file;
}

/* The streams replaced, to be put back and their filters closed at exit
 * (stdout and stderr: two at most) */
static struct
{
  FILE **slot;
  FILE  *original;
  FILE  *visible;
} replaced[2];
static guint n_replaced;

static void
close_visible_streams (void)
{
  /* Put the real streams back first: whatever writes after this (another
   * exit handler, a last warning) must not reach a closed filter */
  while (n_replaced > 0)
    {
      n_replaced--;
      fflush (replaced[n_replaced].visible);
      *replaced[n_replaced].slot = replaced[n_replaced].original;
      fclose (replaced[n_replaced].visible);
    }
}

void
eccp_cli_make_visible (FILE **stream)
{
  gboolean is_stderr = *stream == stderr;
  FILE *file;

  if (n_replaced == G_N_ELEMENTS (replaced))
    return;

  fflush (*stream);
  file = visible_stream_new (fileno (*stream));
  if (file == NULL)
    return;

  /* an error line must show before the output that follows it */
  if (is_stderr)
    setvbuf (file, NULL, _IONBF, 0);

  if (n_replaced == 0)
    atexit (close_visible_streams);
  replaced[n_replaced].slot = stream;
  replaced[n_replaced].original = *stream;
  replaced[n_replaced].visible = file;
  n_replaced++;
  *stream = file;
}

guint
eccp_cli_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buffer[8];

      /* as the terminal will show it */
      gsize escape = visible_escape (c, buffer);

      if (escape > 0)
        width += escape;
      else if (g_unichar_iswide (c))
        width += 2;
      else if (!g_unichar_iszerowidth (c))
        width += 1;
    }

  return width;
}

char *
eccp_cli_pad (const char *text,
              guint       width)
{
  GString *padded = g_string_new (text);

  for (guint i = eccp_cli_text_width (text); i < width; i++)
    g_string_append_c (padded, ' ');

  return g_string_free (padded, FALSE);
}

char *
eccp_cli_ellipsize (const char *text,
                    guint       max)
{
  g_autofree char *flat = g_strdup (text);
  const char *end;

  /* One line per record: no line breaks or tabs inside a cell. */
  g_strdelimit (flat, "\r\n\t", ' ');

  if (max == 0 || g_utf8_strlen (flat, -1) <= (glong) max)
    return g_steal_pointer (&flat);

  end = g_utf8_offset_to_pointer (flat, max - 1);
  return g_strdup_printf ("%.*s…", (int) (end - flat), flat);
}
