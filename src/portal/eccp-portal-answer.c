/* eccp-portal-answer.c: what the reference portal answers, and its errors
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-answer.h"

#include <json-glib/json-glib.h>

#include "eccp-json.h"
#include "eccp-validation.h"

static const struct
{
  const char *code;
  const char *title;
} code_titles[] = {
  { "required", "Required field missing" },
  { "too_long", "Too long" },
  { "too_short", "Too short" },
  { "invalid_email", "Invalid e-mail address" },
  { "invalid_url", "Invalid web address" },
  { "invalid_country", "Unknown country code" },
  { "invalid_date", "Invalid date" },
  { "invalid_time", "Invalid time" },
  { "invalid_timezone", "Unknown time zone" },
  { "invalid_phone", "Invalid phone number" },
  { "invalid_relationship", "Invalid relationship" },
  { "not_a_choice", "Not one of the allowed values" },
  { "out_of_range", "Out of range" },
  { "not_an_integer", "Not a whole number" },
  { "not_a_number", "Not a number" },
  { "not_a_boolean", "Not true or false" },
  { "not_a_list", "Not a list" },
  { "not_an_object", "Not an object" },
  { "not_text", "Not text" },
  { "multi_line", "More than one line" },
  { "ends_before_start", "Ends before it starts" },
  { "criteria_not_met", "Publication criteria not met" },
};

const char *
eccp_portal_code_title (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (code_titles); i++)
    {
      if (g_str_equal (code, code_titles[i].code))
        return code_titles[i].title;
    }

  return "Invalid value";
}

void
eccp_portal_answer_free (EccpPortalAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->body);
  g_free (answer->retry_after);
  g_free (answer->allow);
  g_free (answer);
}

EccpPortalAnswer *
eccp_portal_answer_new (guint  status,
                        char  *body)
{
  EccpPortalAnswer *answer = g_new0 (EccpPortalAnswer, 1);

  answer->status = status;
  answer->body = body;

  return answer;
}

EccpPortalAnswer *
eccp_portal_answer_new_record (guint       status,
                               const char *resource,
                               gint64      rev)
{
  EccpPortalAnswer *answer;

  g_return_val_if_fail (resource != NULL, NULL);

  answer = eccp_portal_answer_new (status, g_strconcat ("{\"data\":", resource, "}", NULL));
  answer->etag = rev;

  return answer;
}

static void
add_error_object (JsonBuilder *builder,
                  guint        status,
                  const char  *code,
                  const char  *title,
                  const char  *detail,
                  const char  *pointer)
{
  g_autofree char *status_text = g_strdup_printf ("%u", status);

  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_text);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  if (detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, detail);
    }
  if (pointer != NULL)
    {
      json_builder_set_member_name (builder, "source");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pointer");
      json_builder_add_string_value (builder, pointer);
      json_builder_end_object (builder);
    }
}

/* {"errors": [ — the error objects follow, then end_errors(). */
static void
begin_errors (JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
}

/* ]}: the document begin_errors() began, as an answer with @status. */
static EccpPortalAnswer *
end_errors (JsonBuilder *builder,
            guint        status)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return eccp_portal_answer_new (status, eccp_json_node_to_string (root, FALSE));
}

EccpPortalAnswer *
eccp_portal_answer_new_error (guint       status,
                              const char *code,
                              const char *title,
                              const char *pointer,
                              const char *detail_format,
                              ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, detail_format);
  detail = g_strdup_vprintf (detail_format, args);
  va_end (args);

  begin_errors (builder);
  json_builder_begin_object (builder);
  add_error_object (builder, status, code, title, detail, pointer);
  json_builder_end_object (builder);

  return end_errors (builder, status);
}

char *
eccp_portal_field_pointer (const EccpTypeSpec *type,
                           const char         *field)
{
  g_auto(GStrv) parts = g_strsplit (field, ".", -1);
  g_autofree char *path = g_strjoinv ("/", parts);
  const EccpFieldSpec *spec = eccp_type_spec_get_field (type, parts[0]);
  gboolean relation = spec != NULL && eccp_field_spec_is_relation (spec);

  return g_strconcat (relation ? "/data/relationships/" : "/data/attributes/", path, NULL);
}

EccpPortalAnswer *
eccp_portal_answer_new_field_errors (guint               status,
                                     const EccpTypeSpec *type,
                                     GPtrArray          *errors)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (errors != NULL && errors->len > 0, NULL);

  begin_errors (builder);
  for (guint i = 0; i < errors->len; i++)
    {
      EccpFieldError *error = g_ptr_array_index (errors, i);
      g_autofree char *pointer = eccp_portal_field_pointer (type, error->field);

      json_builder_begin_object (builder);
      add_error_object (builder, status, error->code, eccp_portal_code_title (error->code),
                        error->message, pointer);
      json_builder_end_object (builder);
    }

  return end_errors (builder, status);
}

EccpPortalAnswer *
eccp_portal_answer_new_stale (const char *current,
                              gint64      current_rev,
                              gint64      if_match)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) current_node = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (current != NULL, NULL);

  current_node = eccp_json_node_from_string (current, NULL);
  g_return_val_if_fail (current_node != NULL, NULL);

  detail = g_strdup_printf ("The record is at revision %" G_GINT64_FORMAT
                            ", not %" G_GINT64_FORMAT, current_rev, if_match);

  begin_errors (builder);
  json_builder_begin_object (builder);
  add_error_object (builder, 412, "stale_revision", "The record has changed", detail, NULL);
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "current");
  json_builder_add_value (builder, g_steal_pointer (&current_node));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return end_errors (builder, 412);
}
