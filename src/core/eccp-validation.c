/* eccp-validation.c: checking records against their field specs
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-validation.h"

#include "eccp-date.h"
#include "eccp-field-kind-private.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

/* Each text item of a list: the same limit as any one-line text field
 * without a limit of its own (see eccp-field-spec.c). */
#define LIST_ITEM_TEXT_MAX 500

/* Bad values are quoted in messages up to this many characters. */
#define QUOTE_MAX 40

G_DEFINE_QUARK (eccp-validation-error-quark, eccp_validation_error)

G_DEFINE_BOXED_TYPE (EccpFieldError, eccp_field_error,
                     eccp_field_error_copy, eccp_field_error_free)

EccpFieldError *
eccp_field_error_new (const char *field,
                      const char *code,
                      const char *message)
{
  EccpFieldError *self;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (EccpFieldError, 1);
  self->field = g_strdup (field);
  self->code = g_strdup (code);
  self->message = g_strdup (message);

  return self;
}

EccpFieldError *
eccp_field_error_copy (const EccpFieldError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  return eccp_field_error_new (error->field, error->code, error->message);
}

void
eccp_field_error_free (EccpFieldError *error)
{
  if (error == NULL)
    return;

  g_free (error->field);
  g_free (error->code);
  g_free (error->message);
  g_free (error);
}

static void add_error (GPtrArray  *errors,
                       const char *path,
                       const char *code,
                       const char *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void
add_error (GPtrArray  *errors,
           const char *path,
           const char *code,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (errors, eccp_field_error_new (path, code, message));
}

/* Helpers */

static gboolean
holds_string (JsonNode *value)
{
  return JSON_NODE_HOLDS_VALUE (value) &&
         json_node_get_value_type (value) == G_TYPE_STRING;
}

static gboolean
holds_number (JsonNode *value)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;

  type = json_node_get_value_type (value);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

/* The value as a person would type it, on one line and shortened. */
static char *
quote_value (const EccpFieldSpec *field,
             JsonNode            *value)
{
  g_autofree char *text = NULL;
  g_autofree char *valid = NULL;

  if (holds_string (value))
    text = g_strdup (json_node_get_string (value));
  else if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    text = eccp_field_spec_format_value (field, value);
  else if (value != NULL)
    text = json_to_string (value, FALSE);
  else
    text = g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  g_strdelimit (valid, "\r\n\t", ' ');

  if (g_utf8_strlen (valid, -1) > QUOTE_MAX)
    {
      g_autofree char *start = g_utf8_substring (valid, 0, QUOTE_MAX - 1);

      return g_strconcat (start, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

static const char *
label (const EccpFieldSpec *field)
{
  return _(field->label);
}

/* A missing value, JSON null, blank text, an empty list and a relationship
 * without data all mean "no value". */
static gboolean
is_missing (const EccpFieldSpec *field,
            JsonNode            *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;

  if (holds_string (value))
    return eccp_field_spec_is_blank_text (json_node_get_string (value));

  if (field->kind == ECCP_FIELD_LIST && JSON_NODE_HOLDS_ARRAY (value))
    return json_array_get_length (json_node_get_array (value)) == 0;

  if (eccp_field_spec_is_relation (field) && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonNode *data = json_object_get_member (json_node_get_object (value), "data");

      if (data == NULL || JSON_NODE_HOLDS_NULL (data))
        return TRUE;
      if (field->kind == ECCP_FIELD_RELATION_MANY && JSON_NODE_HOLDS_ARRAY (data))
        return json_array_get_length (json_node_get_array (data)) == 0;
    }

  return FALSE;
}

static gboolean
has_range (const EccpFieldSpec *field)
{
  return field->min != 0 || field->max != 0;
}

static void
check_range (const EccpFieldSpec *field,
             const char          *path,
             JsonNode            *value,
             double               number,
             double               min,
             double               max,
             GPtrArray           *errors)
{
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *quoted = NULL;

  if (number >= min && number <= max)
    return;

  min_text = format_number (min);
  quoted = quote_value (field, value);

  if (max >= ECCP_FIELD_UNBOUNDED)
    {
      add_error (errors, path, "out_of_range",
                 _("%s: must be at least %s, not %s"),
                 label (field), min_text, quoted);
      return;
    }

  max_text = format_number (max);
  add_error (errors, path, "out_of_range",
             _("%s: must be between %s and %s, not %s"),
             label (field), min_text, max_text, quoted);
}

/* A message of the kind table (eccp-field-kind.c) */
static void
add_kind_error (GPtrArray           *errors,
                const char          *path,
                const char          *code,
                const char          *format,
                const EccpFieldSpec *field,
                const char          *quoted)
{
  g_autofree char *message = _eccp_field_kind_message (format, field, quoted);

  add_error (errors, path, code, "%s", message);
}

/* @value is not the JSON @field's kind holds */
static void
add_shape_error (GPtrArray           *errors,
                 const char          *path,
                 const EccpFieldSpec *field,
                 JsonNode            *value)
{
  const EccpFieldKindInfo *info = _eccp_field_kind_info (field->kind);
  g_autofree char *quoted = quote_value (field, value);

  add_kind_error (errors, path, info->shape_code, info->shape_message, field, quoted);
}

/* Checking one value */

static void validate_field (const EccpFieldSpec *field,
                            const char          *path,
                            JsonNode            *value,
                            const char * const  *only_fields,
                            GPtrArray           *errors);

static void
validate_text_kind (const EccpFieldSpec *field,
                    const char          *path,
                    JsonNode            *value,
                    GPtrArray           *errors)
{
  const EccpFieldKindInfo *info = _eccp_field_kind_info (field->kind);
  g_autofree char *quoted = quote_value (field, value);
  const char *text;
  gunichar control;
  glong length;

  if (!holds_string (value))
    {
      add_shape_error (errors, path, field, value);
      return;
    }

  text = json_node_get_string (value);
  if (!g_utf8_validate (text, -1, NULL))
    {
      add_error (errors, path, "not_text", _("%s: “%s” is not valid UTF-8 text"),
                 label (field), quoted);
      return;
    }

  if (info->single_line && strpbrk (text, "\r\n") != NULL)
    {
      add_error (errors, path, "multi_line", _("%s: must be a single line"),
                 label (field));
      return;
    }

  control = eccp_field_kind_find_control (field->kind, text);
  if (control != 0)
    {
      add_error (errors, path, "control_character",
                 _("%s: must not hold control characters (U+%04X)"),
                 label (field), control);
      return;
    }

  length = g_utf8_strlen (text, -1);
  if (field->max > 0 && length > field->max)
    {
      add_error (errors, path, "too_long",
                 _("%s: %ld characters is too long, the limit is %ld"),
                 label (field), length, (glong) field->max);
      return;
    }
  if (field->min > 0 && length < field->min)
    {
      add_error (errors, path, "too_short",
                 _("%s: %ld characters is too short, the minimum is %ld"),
                 label (field), length, (glong) field->min);
      return;
    }

  if (info->is_valid != NULL && !info->is_valid (field, text))
    add_kind_error (errors, path, info->invalid_code, info->invalid_message, field, quoted);
}

/* An integer, a number or a boolean: its shape, then its range */
static void
validate_scalar (const EccpFieldSpec     *field,
                 const EccpFieldKindInfo *info,
                 const char              *path,
                 JsonNode                *value,
                 GPtrArray               *errors)
{
  gboolean shaped;

  if (info->shape == ECCP_FIELD_SHAPE_NUMBER)
    shaped = holds_number (value) && isfinite (json_node_get_double (value));
  else
    shaped = JSON_NODE_HOLDS_VALUE (value) &&
             json_node_get_value_type (value) == (info->shape == ECCP_FIELD_SHAPE_BOOLEAN
                                                  ? G_TYPE_BOOLEAN : G_TYPE_INT64);

  if (!shaped)
    add_shape_error (errors, path, field, value);
  else if (info->to_this_year)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      check_range (field, path, value, json_node_get_int (value),
                   field->min > 0 ? field->min : 1800,
                   g_date_time_get_year (now), errors);
    }
  else if (info->shape != ECCP_FIELD_SHAPE_BOOLEAN && has_range (field))
    check_range (field, path, value, json_node_get_double (value),
                 field->min, field->max, errors);
}

static void
validate_list (const EccpFieldSpec *field,
               const char          *path,
               JsonNode            *value,
               GPtrArray           *errors)
{
  EccpFieldSpec item_spec = {
    .name = field->name,
    .label = field->label,
    .kind = field->item_kind,
    .flags = ECCP_FIELD_FLAG_REQUIRED,
    .choices = field->choices,
  };
  JsonArray *array;
  guint length;

  if (field->item_kind == ECCP_FIELD_TEXT)
    item_spec.max = LIST_ITEM_TEXT_MAX;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      add_shape_error (errors, path, field, value);
      return;
    }

  array = json_node_get_array (value);
  length = json_array_get_length (array);

  if (field->min > 0 && length < field->min)
    add_error (errors, path, "too_short", _("%s: needs at least %u items, not %u"),
               label (field), (guint) field->min, length);
  if (field->max > 0 && field->max < ECCP_FIELD_UNBOUNDED && length > field->max)
    add_error (errors, path, "too_long", _("%s: holds at most %u items, not %u"),
               label (field), (guint) field->max, length);

  for (guint i = 0; i < length; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (is_missing (&item_spec, item))
        add_error (errors, path, "not_a_list", _("%s: item %u of the list is empty"),
                   label (field), i + 1);
      else
        validate_field (&item_spec, path, item, NULL, errors);
    }
}

static gboolean
check_identifier (const EccpFieldSpec *field,
                  JsonNode            *identifier)
{
  JsonObject *object;
  JsonNode *type;
  JsonNode *id;

  if (identifier == NULL || !JSON_NODE_HOLDS_OBJECT (identifier))
    return FALSE;

  object = json_node_get_object (identifier);
  type = json_object_get_member (object, "type");
  id = json_object_get_member (object, "id");

  /* Ids are UUIDs (portal-api.md section 3): anything else would only be
   * refused by the portal later, after it sat in the outbox. */
  return type != NULL && holds_string (type) &&
         g_strcmp0 (json_node_get_string (type), field->target_type) == 0 &&
         id != NULL && holds_string (id) &&
         g_uuid_string_is_valid (json_node_get_string (id));
}

static void
validate_relation (const EccpFieldSpec *field,
                   const char          *path,
                   JsonNode            *value,
                   GPtrArray           *errors)
{
  JsonNode *data = NULL;
  gboolean valid = FALSE;

  if (JSON_NODE_HOLDS_OBJECT (value))
    data = json_object_get_member (json_node_get_object (value), "data");

  if (data == NULL)
    valid = FALSE;
  else if (field->kind == ECCP_FIELD_RELATION_ONE)
    valid = check_identifier (field, data);
  else if (JSON_NODE_HOLDS_ARRAY (data))
    {
      JsonArray *array = json_node_get_array (data);

      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      valid = TRUE;
      for (guint i = 0; valid && i < json_array_get_length (array); i++)
        {
          JsonNode *identifier = json_array_get_element (array, i);

          /* The same record twice is a mistake, not a second link. */
          valid = check_identifier (field, identifier)
                  && g_hash_table_add (seen, (gpointer) json_object_get_string_member (json_node_get_object (identifier), "id"));
        }
    }

  if (!valid)
    add_error (errors, path, "invalid_relationship",
               _("%s: must link to records of type “%s” by their ids, each once"),
               label (field), field->target_type);
}

static gboolean
path_included (const char * const *only_fields,
               const char         *path)
{
  const char *dot;
  gsize path_length;

  if (only_fields == NULL)
    return TRUE;

  dot = strchr (path, '.');
  path_length = strlen (path);

  for (guint i = 0; only_fields[i] != NULL; i++)
    {
      const char *name = only_fields[i];

      if (g_str_equal (name, path))
        return TRUE;
      /* "members" covers "members.sme" */
      if (dot != NULL && strlen (name) == (gsize) (dot - path) &&
          strncmp (name, path, dot - path) == 0)
        return TRUE;
      /* "members.sme" covers errors about "members" as a whole */
      if (strncmp (name, path, path_length) == 0 && name[path_length] == '.')
        return TRUE;
    }

  return FALSE;
}

static void
validate_object (const EccpFieldSpec *field,
                 const char          *path,
                 JsonNode            *value,
                 const char * const  *only_fields,
                 GPtrArray           *errors)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (value))
    {
      if (path_included (only_fields, path))
        add_shape_error (errors, path, field, value);
      return;
    }

  object = json_node_get_object (value);
  for (guint i = 0; i < field->n_children; i++)
    {
      const EccpFieldSpec *child = &field->children[i];
      g_autofree char *child_path = g_strconcat (path, ".", child->name, NULL);

      if (path_included (only_fields, child_path))
        validate_field (child, child_path,
                        json_object_get_member (object, child->name),
                        NULL, errors);
    }
}

static void
validate_field (const EccpFieldSpec *field,
                const char          *path,
                JsonNode            *value,
                const char * const  *only_fields,
                GPtrArray           *errors)
{
  const EccpFieldKindInfo *info;

  if (field->kind != ECCP_FIELD_OBJECT && !path_included (only_fields, path))
    return;

  if (is_missing (field, value))
    {
      if (field->flags & ECCP_FIELD_FLAG_REQUIRED)
        add_error (errors, path, "required", _("%s: a value is required"),
                   label (field));
      return;
    }

  info = _eccp_field_kind_info (field->kind);

  switch (info->shape)
    {
    case ECCP_FIELD_SHAPE_STRING:
      validate_text_kind (field, path, value, errors);
      break;

    case ECCP_FIELD_SHAPE_INTEGER:
    case ECCP_FIELD_SHAPE_NUMBER:
    case ECCP_FIELD_SHAPE_BOOLEAN:
      validate_scalar (field, info, path, value, errors);
      break;

    case ECCP_FIELD_SHAPE_LIST:
      validate_list (field, path, value, errors);
      break;

    case ECCP_FIELD_SHAPE_OBJECT:
      validate_object (field, path, value, only_fields, errors);
      break;

    case ECCP_FIELD_SHAPE_RELATION:
    default:
      validate_relation (field, path, value, errors);
      break;
    }
}

EccpFieldError *
eccp_validate_value (const EccpFieldSpec *field,
                     JsonNode            *value)
{
  g_autoptr(GPtrArray) errors = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_field_error_free);
  validate_field (field, field->name, value, NULL, errors);

  if (errors->len == 0)
    return NULL;

  return g_ptr_array_steal_index (errors, 0);
}

/* Rules across fields: an end not before its start.  Checked only when both
 * values are there and valid on their own, reported on the end field. */

typedef struct
{
  const char *type;
  const char *start;
  const char *end;
  gboolean    dates;  /* DATE: the end may be the same day; TIME: strictly after */
} OrderRule;

static const OrderRule order_rules[] = {
  { "event", "starts_at", "ends_at", FALSE },
  { "meeting", "starts_at", "ends_at", FALSE },
  { "partnership", "period_start", "period_end", TRUE },
};

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !holds_string (node))
    return NULL;

  return json_node_get_string (node);
}

static void
check_order_rule (const EccpTypeSpec *type,
                  const OrderRule    *rule,
                  JsonObject         *attributes,
                  GPtrArray          *errors)
{
  const EccpFieldSpec *start_field = eccp_type_spec_get_field (type, rule->start);
  const EccpFieldSpec *end_field = eccp_type_spec_get_field (type, rule->end);
  const char *start = get_string_member (attributes, rule->start);
  const char *end = get_string_member (attributes, rule->end);

  g_assert (start_field != NULL && end_field != NULL);

  if (start == NULL || end == NULL)
    return;

  if (rule->dates)
    {
      if (eccp_date_is_valid (start) && eccp_date_is_valid (end) && strcmp (end, start) < 0)
        add_error (errors, rule->end, "ends_before_start",
                   _("%s: must not be before %s (%s)"),
                   label (end_field), label (start_field), start);
    }
  else
    {
      g_autoptr(GDateTime) start_time = eccp_date_time_parse_rfc3339 (start);
      g_autoptr(GDateTime) end_time = eccp_date_time_parse_rfc3339 (end);

      if (start_time != NULL && end_time != NULL &&
          g_date_time_compare (end_time, start_time) <= 0)
        add_error (errors, rule->end, "ends_before_start",
                   _("%s: must be after %s (%s)"),
                   label (end_field), label (start_field), start);
    }
}

GPtrArray *
eccp_validate_record (const EccpTypeSpec *type,
                      JsonObject         *attributes,
                      JsonObject         *relationships,
                      const char * const *only_fields)
{
  GPtrArray *errors;

  g_return_val_if_fail (type != NULL, NULL);

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_field_error_free);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      JsonObject *object = eccp_field_spec_is_relation (field) ? relationships : attributes;
      JsonNode *value = NULL;

      if (object != NULL)
        value = json_object_get_member (object, field->name);

      validate_field (field, field->name, value, only_fields, errors);

      for (guint j = 0; j < G_N_ELEMENTS (order_rules); j++)
        {
          const OrderRule *rule = &order_rules[j];

          if (g_str_equal (rule->type, type->name) &&
              g_str_equal (rule->end, field->name) &&
              (path_included (only_fields, rule->start) ||
               path_included (only_fields, rule->end)))
            check_order_rule (type, rule, attributes, errors);
        }
    }

  return errors;
}

void
eccp_validation_set_error (GError    **error,
                           GPtrArray  *errors)
{
  g_autoptr(GString) text = NULL;

  if (error == NULL)
    return;

  text = g_string_new (NULL);

  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      const EccpFieldError *field_error = g_ptr_array_index (errors, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, field_error->message);
    }

  if (text->len == 0)
    g_string_append (text, _("The record is not valid"));

  g_set_error_literal (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                       text->str);
}
