/* eccp-field-kind.c: what each kind of field is, described once
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per EccpFieldKind: the JSON its values are, how typed text
 * becomes one, its syntax, how a person reads it, its editor and its diff.
 * Field specs (parse, format, display), validation and the command line
 * read this table instead of each switching on the kind.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-field-kind-private.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "eccp-date.h"
#include "eccp-enum.h"
#include "eccp-format.h"
#include "eccp-validation.h"

#define PHONE_MIN 5
#define PHONE_MAX 30

/* Syntax checks of the string kinds */

static gboolean
is_choice (const EccpFieldSpec *field,
           const char          *text)
{
  return field->choices != NULL && g_strv_contains (field->choices, text);
}

static gboolean
is_country (const EccpFieldSpec *field,
            const char          *text)
{
  return g_strv_contains (eccp_country_codes (), text);
}

static gboolean
is_date (const EccpFieldSpec *field,
         const char          *text)
{
  return eccp_date_is_valid (text);
}

static gboolean
is_time (const EccpFieldSpec *field,
         const char          *text)
{
  g_autoptr(GDateTime) time = eccp_date_time_parse_rfc3339 (text);

  return time != NULL;
}

static gboolean
is_valid_timezone (const EccpFieldSpec *field,
                   const char          *text)
{
  /* Names without a '/' that hold digits are IANA's only in these four;
   * anything else like "ABC3" would be read by GLib as a POSIX TZ rule. */
  static const char * const posix_names[] = {
    "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT", NULL
  };
  g_autoptr(GTimeZone) zone = NULL;

  if (!g_ascii_isalpha (text[0]) || strstr (text, "..") != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("/_-+", *p) == NULL)
        return FALSE;
    }

  if (strchr (text, '/') == NULL &&
      strpbrk (text, "0123456789") != NULL &&
      !g_strv_contains (posix_names, text))
    return FALSE;

  zone = g_time_zone_new_identifier (text);

  return zone != NULL;
}

static gboolean
is_valid_url (const EccpFieldSpec *field,
              const char          *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (strpbrk (text, " \t\r\n") != NULL)
    return FALSE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 ||
          g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

static gboolean
is_valid_email (const EccpFieldSpec *field,
                const char          *text)
{
  const char *at = strchr (text, '@');
  g_auto(GStrv) labels = NULL;
  gsize local_length;
  guint n_labels;

  if (at == NULL || strchr (at + 1, '@') != NULL)
    return FALSE;

  local_length = at - text;
  if (local_length == 0 || local_length > 64)
    return FALSE;

  /* Local part: printable, no spaces, none of the characters that need
   * quoting; dots neither first, last nor doubled. */
  for (const char *p = text; p < at; p++)
    {
      if ((guchar) *p <= ' ' || *p == 0x7f || strchr ("()<>[]\\,;:\"", *p) != NULL)
        return FALSE;
    }
  if (text[0] == '.' || at[-1] == '.' || g_strstr_len (text, local_length, "..") != NULL)
    return FALSE;

  /* Domain: two or more labels of letters, digits and hyphens (or
   * non-ASCII, for internationalised names), the last one at least two
   * characters and not all digits. */
  labels = g_strsplit (at + 1, ".", -1);
  n_labels = g_strv_length (labels);
  if (n_labels < 2)
    return FALSE;

  for (guint i = 0; i < n_labels; i++)
    {
      const char *part = labels[i];
      gsize length = strlen (part);

      if (length == 0 || length > 63 || part[0] == '-' || part[length - 1] == '-')
        return FALSE;

      for (const char *p = part; *p != '\0'; p++)
        {
          if (!g_ascii_isalnum (*p) && *p != '-' && (guchar) *p < 0x80)
            return FALSE;
        }
    }

  if (strlen (labels[n_labels - 1]) < 2 ||
      strspn (labels[n_labels - 1], "0123456789") == strlen (labels[n_labels - 1]))
    return FALSE;

  return TRUE;
}

static gboolean
is_valid_phone (const EccpFieldSpec *field,
                const char          *text)
{
  gsize length = strlen (text);
  guint n_digits = 0;

  if (length < PHONE_MIN || length > PHONE_MAX)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (*p == '+' && p != text)
        return FALSE;
      else if (strchr ("+ ()-./", *p) == NULL)
        return FALSE;
    }

  return n_digits >= 3;
}

/* Showing string values to people */

static void
display_choice (GString             *out,
                const EccpFieldSpec *field,
                const char          *text)
{
  g_string_append (out, eccp_field_spec_choice_label (field, text));
}

static void
display_country (GString             *out,
                 const EccpFieldSpec *field,
                 const char          *text)
{
  const char *name = eccp_country_name (text);

  g_string_append (out, name != NULL ? name : text);
}

static void
display_date (GString             *out,
              const EccpFieldSpec *field,
              const char          *text)
{
  g_autofree char *formatted = eccp_date_format (text);

  g_string_append (out, formatted);
}

/* At the value's own offset: the time where the event happens. */
static void
display_time (GString             *out,
              const EccpFieldSpec *field,
              const char          *text)
{
  g_autoptr(GDateTime) time = eccp_date_time_parse_iso8601 (text);
  g_autofree char *formatted = NULL;

  if (time != NULL)
    formatted = eccp_date_time_format_short (time);
  g_string_append (out, formatted != NULL ? formatted : text);
}

static char *
upper_case (const char *text)
{
  return g_ascii_strup (text, -1);
}

/* The table.  Lists, objects and relations have no list_editor: no list
 * holds them. */

#define STRING_SHAPE \
  .shape = ECCP_FIELD_SHAPE_STRING, \
  .shape_code = "not_text", \
  .shape_message = N_("%s: must be text, not %s")

#define ENTRY ECCP_FIELD_EDITOR_ENTRY
#define INLINE ECCP_FIELD_DIFF_INLINE

static const EccpFieldKindInfo kinds[] = {
  [ECCP_FIELD_TEXT] = {
    N_("text"), STRING_SHAPE, .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .keeps_spaces = TRUE,
    .single_line = TRUE,
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_LONG_TEXT] = {
    N_("long text"), STRING_SHAPE,
    .editor = ECCP_FIELD_EDITOR_LONG_TEXT, .list_editor = ENTRY,
    .diff_style = ECCP_FIELD_DIFF_LONG_TEXT,
    .keeps_spaces = TRUE,
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_ENUM] = {
    N_("one of"), STRING_SHAPE,
    .editor = ECCP_FIELD_EDITOR_CHOICE, .list_editor = ECCP_FIELD_EDITOR_MULTI_CHOICE,
    .diff_style = INLINE,
    .has_names = TRUE,
    .is_valid = is_choice,
    .invalid_code = "not_a_choice",
    .invalid_message = N_("%s: “%s” is not one of: %s"),
    .display = display_choice,
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_COUNTRY] = {
    N_("country code"), STRING_SHAPE,
    .editor = ECCP_FIELD_EDITOR_CHOICE, .list_editor = ENTRY, .diff_style = INLINE,
    .has_names = TRUE,
    .normalize = upper_case,
    .is_valid = is_country,
    .invalid_code = "invalid_country",
    .invalid_message = N_("%s: “%s” is not a country code (ISO 3166-1, such as DE)"),
    .display = display_country,
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_URL] = {
    N_("http or https URL"), STRING_SHAPE, .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .is_valid = is_valid_url,
    .invalid_code = "invalid_url",
    .invalid_message = N_("%s: “%s” is not an http or https address"),
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_EMAIL] = {
    N_("e-mail address"), STRING_SHAPE, .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .is_valid = is_valid_email,
    .invalid_code = "invalid_email",
    .invalid_message = N_("%s: “%s” is not an e-mail address"),
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_PHONE] = {
    N_("phone number"), STRING_SHAPE, .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .is_valid = is_valid_phone,
    .invalid_code = "invalid_phone",
    .invalid_message = N_("%s: “%s” is not a phone number (5 to 30 digits, spaces and + ( ) - . /)"),
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_INT] = {
    N_("whole number"), .shape = ECCP_FIELD_SHAPE_INTEGER,
    .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .shape_code = "not_an_integer",
    .shape_message = N_("%s: “%s” is not a whole number"),
    .order = ECCP_FIELD_ORDER_VALUE,
  },
  [ECCP_FIELD_NUMBER] = {
    N_("number"), .shape = ECCP_FIELD_SHAPE_NUMBER,
    .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .shape_code = "not_a_number",
    .shape_message = N_("%s: “%s” is not a number"),
    .order = ECCP_FIELD_ORDER_VALUE,
  },
  [ECCP_FIELD_YEAR] = {
    N_("year"), .shape = ECCP_FIELD_SHAPE_INTEGER,
    .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .to_this_year = TRUE,
    .shape_code = "not_an_integer",
    .shape_message = N_("%s: “%s” is not a year"),
    .order = ECCP_FIELD_ORDER_VALUE,
  },
  [ECCP_FIELD_BOOL] = {
    N_("true or false"), .shape = ECCP_FIELD_SHAPE_BOOLEAN,
    .editor = ECCP_FIELD_EDITOR_SWITCH, .list_editor = ENTRY, .diff_style = INLINE,
    .shape_code = "not_a_boolean",
    .shape_message = N_("%s: “%s” is neither true nor false"),
    .parse_message = N_("%s: “%s” is neither true nor false (use true, false, yes, no, 1 or 0)"),
    .order = ECCP_FIELD_ORDER_VALUE,
  },
  [ECCP_FIELD_DATE] = {
    N_("date YYYY-MM-DD"), STRING_SHAPE, .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .is_valid = is_date,
    .invalid_code = "invalid_date",
    .invalid_message = N_("%s: “%s” is not a date (YYYY-MM-DD)"),
    .display = display_date,
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_TIME] = {
    N_("time YYYY-MM-DDTHH:MM:SS+HH:MM"), STRING_SHAPE,
    .editor = ENTRY, .list_editor = ECCP_FIELD_EDITOR_TIME_LIST, .diff_style = INLINE,
    .is_valid = is_time,
    .invalid_code = "invalid_time",
    .invalid_message = N_("%s: “%s” is not a date and time with an offset, such as 2018-06-04T09:00:00+02:00"),
    .display = display_time,
    .order = ECCP_FIELD_ORDER_INSTANT,
  },
  [ECCP_FIELD_TIMEZONE] = {
    N_("time zone"), STRING_SHAPE, .editor = ENTRY, .list_editor = ENTRY, .diff_style = INLINE,
    .is_valid = is_valid_timezone,
    .invalid_code = "invalid_timezone",
    .invalid_message = N_("%s: “%s” is not a time zone name, such as Europe/Brussels"),
    .order = ECCP_FIELD_ORDER_TEXT,
  },
  [ECCP_FIELD_LIST] = {
    N_("comma-separated list"), .shape = ECCP_FIELD_SHAPE_LIST,
    .editor = ENTRY, /* but its items' list_editor: eccp_field_spec_get_editor() */
    .diff_style = ECCP_FIELD_DIFF_SET,
    .shape_code = "not_a_list",
    .shape_message = N_("%s: must be a list, not %s"),
    .order = ECCP_FIELD_ORDER_ITEMS,
  },
  [ECCP_FIELD_OBJECT] = {
    N_("object"), .shape = ECCP_FIELD_SHAPE_OBJECT,
    .editor = ECCP_FIELD_EDITOR_NONE, /* its children have editors */
    .diff_style = ECCP_FIELD_DIFF_PARTS,
    .shape_code = "not_an_object",
    .shape_message = N_("%s: must be a set of named values, not %s"),
    .order = ECCP_FIELD_ORDER_NONE,
  },
  [ECCP_FIELD_RELATION_ONE] = {
    N_("id of a"), .shape = ECCP_FIELD_SHAPE_RELATION,
    .editor = ECCP_FIELD_EDITOR_RELATION, .diff_style = ECCP_FIELD_DIFF_RELATION,
    .order = ECCP_FIELD_ORDER_NONE,
  },
  [ECCP_FIELD_RELATION_MANY] = {
    N_("comma-separated ids of"), .shape = ECCP_FIELD_SHAPE_RELATION,
    .editor = ECCP_FIELD_EDITOR_RELATION, .diff_style = ECCP_FIELD_DIFF_RELATION,
    .order = ECCP_FIELD_ORDER_NONE,
  },
};

#undef STRING_SHAPE
#undef ENTRY
#undef INLINE

const EccpFieldKindInfo *
_eccp_field_kind_info (EccpFieldKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), &kinds[ECCP_FIELD_TEXT]);

  return &kinds[kind];
}

const char *
eccp_field_kind_get_nick (EccpFieldKind kind)
{
  return eccp_enum_get_nick (ECCP_TYPE_FIELD_KIND, kind);
}

const char *
eccp_field_kind_get_description (EccpFieldKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kinds))
    return "";

  return _(kinds[kind].description);
}

EccpFieldEditor
eccp_field_spec_get_editor (const EccpFieldSpec *field)
{
  g_return_val_if_fail (field != NULL, ECCP_FIELD_EDITOR_NONE);

  if (field->kind == ECCP_FIELD_LIST)
    return _eccp_field_kind_info (field->item_kind)->list_editor;

  return _eccp_field_kind_info (field->kind)->editor;
}

EccpFieldDiffStyle
eccp_field_spec_get_diff_style (const EccpFieldSpec *field)
{
  g_return_val_if_fail (field != NULL, ECCP_FIELD_DIFF_INLINE);

  return _eccp_field_kind_info (field->kind)->diff_style;
}

gboolean
eccp_field_spec_has_names (const EccpFieldSpec *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  return _eccp_field_kind_info (field->kind == ECCP_FIELD_LIST ? field->item_kind
                                                               : field->kind)->has_names;
}

/* The messages are the table's: all of them take the label and the value,
 * the choice's also the choices (an argument the others leave unread). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
char *
_eccp_field_kind_message (const char          *format,
                          const EccpFieldSpec *field,
                          const char          *value)
{
  g_autofree char *choices = NULL;

  choices = field->choices != NULL ? g_strjoinv (", ", (GStrv) field->choices)
                                   : g_strdup ("");

  return g_strdup_printf (_(format), _(field->label), value, choices);
}
#pragma GCC diagnostic pop

/* Control characters and numbers */

gboolean
eccp_unichar_is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

gunichar
eccp_field_kind_find_control (EccpFieldKind  kind,
                              const char    *text)
{
  /* Paragraphs keep their layout; every other kind is one line. */
  gboolean layout = _eccp_field_kind_info (kind)->editor == ECCP_FIELD_EDITOR_LONG_TEXT;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (layout && (c == '\n' || c == '\t'))
        continue;
      if (eccp_unichar_is_control (c))
        return c;
    }

  return 0;
}

gboolean
eccp_text_is_decimal_number (const char *text)
{
  const char *p = text;

  g_return_val_if_fail (text != NULL, FALSE);

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p) && !(*p == '.' && g_ascii_isdigit (p[1])))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

/* Parsing what people type */

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);

  return node;
}

static gboolean
parse_boolean (const char *text,
               gboolean   *value)
{
  static const char * const yes[] = { "true", "yes", "1", NULL };
  static const char * const no[] = { "false", "no", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        {
          *value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        {
          *value = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static JsonNode *
parse_failed (const EccpFieldSpec  *field,
              const char           *format,
              const char           *text,
              GError              **error)
{
  g_autofree char *message = _eccp_field_kind_message (format, field, text);

  g_set_error_literal (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID, message);
  return NULL;
}

JsonNode *
_eccp_field_kind_parse (const EccpFieldSpec  *field,
                        EccpFieldKind         kind,
                        const char           *text,
                        GError              **error)
{
  const EccpFieldKindInfo *info = _eccp_field_kind_info (kind);
  const char *message = info->parse_message != NULL ? info->parse_message : info->shape_message;
  JsonNode *node;

  switch (info->shape)
    {
    case ECCP_FIELD_SHAPE_STRING:
      {
        gunichar control = eccp_field_kind_find_control (kind, text);

        if (control != 0)
          {
            g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                         _("%s: must not hold control characters (U+%04X)"),
                         _(field->label), control);
            return NULL;
          }
      }
      if (info->normalize != NULL)
        {
          g_autofree char *normal = info->normalize (text);

          return string_node (normal);
        }
      return string_node (text);

    case ECCP_FIELD_SHAPE_INTEGER:
      {
        gint64 value;

        if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
          return parse_failed (field, message, text, error);

        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_int (node, value);
        return node;
      }

    case ECCP_FIELD_SHAPE_NUMBER:
      {
        char *end = NULL;
        double value;

        /* g_ascii_strtod alone would take "0x10" as 16 */
        if (!eccp_text_is_decimal_number (text))
          return parse_failed (field, message, text, error);

        value = g_ascii_strtod (text, &end);
        if (end == text || *end != '\0' || !isfinite (value))
          return parse_failed (field, message, text, error);

        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_double (node, value);
        return node;
      }

    case ECCP_FIELD_SHAPE_BOOLEAN:
      {
        gboolean value;

        if (!parse_boolean (text, &value))
          return parse_failed (field, message, text, error);

        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_boolean (node, value);
        return node;
      }

    case ECCP_FIELD_SHAPE_LIST:
    case ECCP_FIELD_SHAPE_OBJECT:
    case ECCP_FIELD_SHAPE_RELATION:
    default:
      break;
    }

  return parse_failed (field, N_("%s: a list cannot hold this kind of value"), text, error);
}

/* Formatting values */

static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* 15 significant digits print 0.1 as "0.1"; fall back to the exact form
   * only when that would not read back as the same number. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_dtostr (buffer, sizeof buffer, value);

  return g_strdup (buffer);
}

void
_eccp_field_kind_append_scalar (GString  *out,
                                JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        g_string_append (out, json_node_get_string (node));
      else if (type == G_TYPE_INT64)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (type == G_TYPE_DOUBLE)
        {
          g_autofree char *text = format_double (json_node_get_double (node));

          g_string_append (out, text);
        }
      else if (type == G_TYPE_BOOLEAN)
        g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      return;
    }

  /* Not what the spec says it is: show it as JSON rather than hide it. */
  {
    g_autofree char *json = json_to_string (node, FALSE);

    g_string_append (out, json);
  }
}

/* Grouped the locale's way, amounts with their currency (not years:
 * "2,010" would be no year). */
static void
append_number (GString             *out,
               const EccpFieldSpec *field,
               JsonNode            *node)
{
  g_autofree char *text = NULL;
  double value = json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                                 : json_node_get_double (node);

  if (field != NULL && field->currency != NULL)
    text = eccp_format_amount (value, field->currency);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    text = eccp_format_integer (json_node_get_int (node));
  else
    text = eccp_format_number (value);

  g_string_append (out, text);
}

void
_eccp_field_kind_append_display (GString             *out,
                                 const EccpFieldSpec *field,
                                 EccpFieldKind        kind,
                                 JsonNode            *node)
{
  const EccpFieldKindInfo *info = _eccp_field_kind_info (kind);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      _eccp_field_kind_append_scalar (out, node);
      return;
    }

  type = json_node_get_value_type (node);

  if (info->shape == ECCP_FIELD_SHAPE_BOOLEAN && type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? _("Yes") : _("No"));
  else if ((kind == ECCP_FIELD_INT || kind == ECCP_FIELD_NUMBER) &&
           (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE))
    append_number (out, field, node);
  else if (type != G_TYPE_STRING)
    _eccp_field_kind_append_scalar (out, node);
  else if (info->display != NULL)
    info->display (out, field, json_node_get_string (node));
  else
    g_string_append (out, json_node_get_string (node));
}
