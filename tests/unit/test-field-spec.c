/* test-field-spec.c: the field specs, parsing, formatting and validation
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "eccp-enum.h"
#include "eccp-field-spec.h"
#include "eccp-validation.h"

/* Helpers */

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonObject *
json_object (const char *text)
{
  g_autoptr(JsonNode) node = json (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static const EccpFieldSpec *
field_spec (const char *type_name,
            const char *path)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (type_name);
  const EccpFieldSpec *field;

  g_assert_nonnull (type);
  field = eccp_type_spec_get_field_path (type, path);
  if (field == NULL)
    g_error ("no field %s.%s", type_name, path);
  return field;
}

/* Validates @json_text (NULL: a missing value) as @type.@path.  @code NULL:
 * must be valid; else must fail with that code, a message that starts with
 * the field's label and, when @in_message is given, contains it. */
static void
check_full (const char *type_name,
            const char *path,
            const char *json_text,
            const char *code,
            const char *in_message)
{
  const EccpFieldSpec *field = field_spec (type_name, path);
  g_autoptr(JsonNode) value = json_text != NULL ? json (json_text) : NULL;
  g_autoptr(EccpFieldError) error = eccp_validate_value (field, value);

  if (code == NULL)
    {
      if (error != NULL)
        g_error ("%s.%s = %s: expected valid, got %s: %s",
                 type_name, path, json_text, error->code, error->message);
      return;
    }

  if (error == NULL)
    g_error ("%s.%s = %s: expected %s, got valid", type_name, path, json_text, code);

  g_assert_cmpstr (error->code, ==, code);
  g_assert_cmpstr (error->field, ==, field->name);
  g_assert_true (g_str_has_prefix (error->message, _(field->label)));
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, in_message);
}

static void
check (const char *type_name,
       const char *path,
       const char *json_text,
       const char *code)
{
  check_full (type_name, path, json_text, code, NULL);
}

static char *
quoted (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

/* The tables */

static void
test_specs_consistent (void)
{
  guint n_types = 0;
  const EccpTypeSpec * const *types = eccp_type_spec_all (&n_types);
  const char * const expected[] = {
    "cluster", "partnership", "event", "call", "attendee", "checkin", "meeting", NULL
  };

  g_assert_cmpuint (n_types, ==, 7);
  g_assert_null (types[n_types]);

  for (guint i = 0; i < n_types; i++)
    {
      const EccpTypeSpec *type = types[i];
      const EccpFieldSpec *title = eccp_type_spec_get_title_field (type);
      guint n_summary = 0;
      guint n_title = 0;

      g_assert_cmpstr (type->name, ==, expected[i]);
      g_assert_true (eccp_type_spec_lookup (type->name) == type);
      g_assert_nonnull (type->label);
      g_assert_nonnull (type->plural_label);
      g_assert_cmpuint (type->n_fields, >, 0);

      if (g_str_equal (type->name, "checkin") || g_str_equal (type->name, "meeting"))
        g_assert_null (title);
      else
        {
          g_assert_nonnull (title);
          g_assert_cmpint (title->kind, ==, ECCP_FIELD_TEXT);
          g_assert_true (title->flags & ECCP_FIELD_FLAG_REQUIRED);
        }

      g_assert_cmpint (type->moderated, ==,
                       g_str_equal (type->name, "cluster") ||
                       g_str_equal (type->name, "partnership") ||
                       g_str_equal (type->name, "event") ||
                       g_str_equal (type->name, "call"));
      g_assert_cmpint (type->append_only, ==, g_str_equal (type->name, "checkin"));

      for (guint j = 0; j < type->n_fields; j++)
        {
          const EccpFieldSpec *field = &type->fields[j];

          g_test_message ("%s.%s", type->name, field->name);
          g_assert_nonnull (field->label);
          g_assert_true (eccp_type_spec_get_field (type, field->name) == field);

          if (field->flags & ECCP_FIELD_FLAG_SUMMARY)
            n_summary++;
          if (field->flags & ECCP_FIELD_FLAG_TITLE)
            n_title++;

          if (field->kind == ECCP_FIELD_ENUM ||
              (field->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_ENUM))
            {
              g_assert_nonnull (field->choices);
              g_assert_nonnull (field->choices[0]);
            }
          else
            g_assert_null (field->choices);

          if (eccp_field_spec_is_relation (field))
            {
              g_assert_nonnull (field->target_type);
              g_assert_nonnull (eccp_type_spec_lookup (field->target_type));
            }
          else
            g_assert_null (field->target_type);

          if (field->kind == ECCP_FIELD_OBJECT)
            {
              g_assert_cmpuint (field->n_children, >, 0);
              for (guint k = 0; k < field->n_children; k++)
                {
                  g_assert_nonnull (field->children[k].label);
                  g_assert_true (eccp_field_spec_get_child (field, field->children[k].name) ==
                                 &field->children[k]);
                }
            }

          /* e-mail addresses and URLs stay out of the search index */
          if (field->kind == ECCP_FIELD_EMAIL || field->kind == ECCP_FIELD_URL)
            g_assert_false (field->flags & ECCP_FIELD_FLAG_SEARCHABLE);
        }

      g_assert_cmpuint (n_title, <=, 1);
      g_assert_cmpuint (n_summary, >=, 2);
      g_assert_cmpuint (n_summary, <=, 3);
    }

  g_assert_null (eccp_type_spec_lookup ("user"));
  g_assert_null (eccp_type_spec_get_field (eccp_type_spec_lookup ("cluster"), "nope"));
}

static void
test_specs_contract (void)
{
  const EccpTypeSpec *cluster = eccp_type_spec_lookup ("cluster");
  const EccpFieldSpec *field;
  const char * const *ecosystems = eccp_industrial_ecosystems ();

  /* Relationships from portal-api.md section 3 */
  field = field_spec ("cluster", "partnerships");
  g_assert_cmpint (field->kind, ==, ECCP_FIELD_RELATION_MANY);
  g_assert_cmpstr (field->target_type, ==, "partnership");
  field = field_spec ("partnership", "coordinator");
  g_assert_cmpint (field->kind, ==, ECCP_FIELD_RELATION_ONE);
  g_assert_cmpstr (field->target_type, ==, "cluster");
  field = field_spec ("partnership", "members");
  g_assert_cmpint (field->kind, ==, ECCP_FIELD_RELATION_MANY);
  g_assert_cmpstr (field->target_type, ==, "cluster");
  field = field_spec ("attendee", "event");
  g_assert_cmpint (field->kind, ==, ECCP_FIELD_RELATION_ONE);
  g_assert_true (field->flags & ECCP_FIELD_FLAG_REQUIRED);
  field = field_spec ("attendee", "cluster");
  g_assert_false (field->flags & ECCP_FIELD_FLAG_REQUIRED);
  field = field_spec ("meeting", "requester");
  g_assert_cmpstr (field->target_type, ==, "attendee");
  field = field_spec ("meeting", "invitee");
  g_assert_cmpstr (field->target_type, ==, "attendee");
  field = field_spec ("checkin", "attendee");
  g_assert_cmpstr (field->target_type, ==, "attendee");
  field = field_spec ("event", "partnership");
  g_assert_false (field->flags & ECCP_FIELD_FLAG_REQUIRED);

  /* Dotted paths name object members, only through get_field_path */
  field = field_spec ("cluster", "members.sme");
  g_assert_cmpstr (field->name, ==, "sme");
  g_assert_cmpint (field->kind, ==, ECCP_FIELD_INT);
  g_assert_null (eccp_type_spec_get_field (cluster, "members.sme"));
  g_assert_null (eccp_type_spec_get_field_path (cluster, "members.robots"));
  g_assert_null (eccp_type_spec_get_field_path (cluster, "name.sme"));
  g_assert_cmpint (field_spec ("cluster", "members")->kind, ==, ECCP_FIELD_OBJECT);

  g_assert_cmpstr (eccp_type_spec_get_title_field (cluster)->name, ==, "name");
  g_assert_cmpstr (eccp_type_spec_get_title_field (eccp_type_spec_lookup ("call"))->name, ==, "title");

  /* The 15 ecosystems, exactly as the portal spells them */
  g_assert_cmpuint (g_strv_length ((GStrv) ecosystems), ==, 15);
  g_assert_true (g_strv_contains (ecosystems, "Energy-Renewables"));
  g_assert_true (g_strv_contains (ecosystems, "Mobility-Transport-Automotive"));
  g_assert_true (g_strv_contains (ecosystems, "Cross-ecosystem"));
  g_assert_true (field_spec ("cluster", "ecosystems")->choices == ecosystems);
  g_assert_true (field_spec ("call", "ecosystems")->choices == ecosystems);

  g_assert_true (g_strv_contains (field_spec ("partnership", "programme")->choices, "ESCP-4i"));
  g_assert_true (g_strv_contains (field_spec ("cluster", "profile_type")->choices, "cluster_project"));
  g_assert_true (g_strv_contains (field_spec ("meeting", "status")->choices, "cancelled"));
  g_assert_true (g_strv_contains (field_spec ("attendee", "role")->choices, "speaker"));
  g_assert_true (g_strv_contains (field_spec ("event", "kind")->choices, "mission"));
  g_assert_true (g_strv_contains (field_spec ("cluster", "label")->choices, "gold"));

  g_assert_true (field_spec ("cluster", "name")->flags & ECCP_FIELD_FLAG_SEARCHABLE);
  g_assert_true (field_spec ("cluster", "country")->flags & ECCP_FIELD_FLAG_SUMMARY);
  g_assert_true (field_spec ("event", "starts_at")->flags & ECCP_FIELD_FLAG_SUMMARY);
}

/* What counts as a value left empty: white space of any script, not
 * text that only looks empty (or is not UTF-8). */
static void
test_blank_text (void)
{
  g_assert_true (eccp_field_spec_is_blank_text (""));
  g_assert_true (eccp_field_spec_is_blank_text (" \t\n"));
  g_assert_true (eccp_field_spec_is_blank_text ("\u3000\u00a0"));
  g_assert_false (eccp_field_spec_is_blank_text (" x "));
  g_assert_false (eccp_field_spec_is_blank_text ("\xff"));
}

static void
test_countries (void)
{
  const char * const *codes = eccp_country_codes ();
  guint n = g_strv_length ((GStrv) codes);

  g_assert_cmpuint (n, ==, 249);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (codes[i]), ==, 2);
      g_assert_true (g_ascii_isupper (codes[i][0]) && g_ascii_isupper (codes[i][1]));
      if (i > 0)
        g_assert_cmpint (strcmp (codes[i - 1], codes[i]), <, 0);
      g_assert_nonnull (eccp_country_name (codes[i]));
    }

  g_assert_true (eccp_country_codes () == codes);
  g_assert_cmpstr (eccp_country_name ("DE"), ==, "Germany");
  g_assert_cmpstr (eccp_country_name ("UA"), ==, "Ukraine");
  g_assert_cmpstr (eccp_country_name ("TW"), ==, "Taiwan");
  g_assert_cmpstr (eccp_country_name ("RS"), ==, "Serbia");
  g_assert_cmpstr (eccp_country_name ("AD"), ==, "Andorra");
  g_assert_cmpstr (eccp_country_name ("ZW"), ==, "Zimbabwe");
  g_assert_null (eccp_country_name ("XX"));
  g_assert_null (eccp_country_name ("de"));
  g_assert_null (eccp_country_name (""));
  g_assert_null (eccp_country_name ("DEU"));
}

/* Validation of each kind */

static void
test_validate_text (void)
{
  g_autofree char *name_200 = repeat ("Ž", 200);
  g_autofree char *name_201 = repeat ("Ž", 201);
  g_autofree char *ascii_201 = repeat ("a", 201);
  g_autofree char *zeljko = repeat ("Željko ", 28); /* 196 characters, 224 bytes */
  g_autofree char *q200 = quoted (name_200);
  g_autofree char *q201 = quoted (name_201);
  g_autofree char *qa201 = quoted (ascii_201);
  g_autofree char *qzeljko = quoted (zeljko);
  g_autofree char *acronym_31 = repeat ("A", 31);
  g_autofree char *qacronym_31 = quoted (acronym_31);
  g_autofree char *long_ok = repeat ("é", 20000);
  g_autofree char *long_bad = repeat ("é", 20001);
  g_autofree char *qlong_ok = quoted (long_ok);
  g_autofree char *qlong_bad = quoted (long_bad);
  g_autofree char *device_100 = repeat ("d", 100);
  g_autofree char *device_101 = repeat ("d", 101);
  g_autofree char *qdevice_100 = quoted (device_100);
  g_autofree char *qdevice_101 = quoted (device_101);
  g_autoptr(JsonNode) bad_utf8 = json_node_new (JSON_NODE_VALUE);
  g_autoptr(EccpFieldError) error = NULL;

  g_assert_cmpuint (strlen (name_200), ==, 400);
  check ("cluster", "name", q200, NULL);
  check_full ("cluster", "name", q201, "too_long", "201");
  check ("cluster", "name", qa201, "too_long");
  check ("cluster", "name", qzeljko, NULL);
  check ("cluster", "name", "\"Ž\"", NULL);
  check ("cluster", "name", "\"\"", "required");
  check ("cluster", "name", "\"   \"", "required");
  check ("cluster", "name", "null", "required");
  check ("cluster", "name", NULL, "required");
  check ("cluster", "name", "\"Two\\nlines\"", "multi_line");
  check ("cluster", "name", "42", "not_text");
  check ("cluster", "name", "[\"x\"]", "not_text");

  check ("cluster", "acronym", "\"AEC\"", NULL);
  check ("cluster", "acronym", NULL, NULL);
  check ("cluster", "acronym", "\"\"", NULL);
  check ("cluster", "acronym", qacronym_31, "too_long");

  check ("cluster", "description", "\"One.\\n\\nTwo paragraphs.\"", NULL);
  check ("cluster", "description", qlong_ok, NULL);
  check ("cluster", "description", qlong_bad, "too_long");

  check ("checkin", "device", qdevice_100, NULL);
  check ("checkin", "device", qdevice_101, "too_long");

  /* Text must be UTF-8 even when it did not come through a JSON parser */
  json_node_set_string (bad_utf8, "Kra\xc3\x28ow");
  error = eccp_validate_value (field_spec ("cluster", "name"), bad_utf8);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->code, ==, "not_text");
}

static void
test_validate_enum (void)
{
  check ("cluster", "profile_type", "\"cluster_project\"", NULL);
  check_full ("cluster", "profile_type", "\"cluster\"", "not_a_choice", "“cluster”");
  check_full ("cluster", "profile_type", "\"Cluster_Project\"", "not_a_choice",
              "cluster_organisation, national_cluster_organisation, cluster_project");
  check ("cluster", "profile_type", NULL, "required");
  check ("cluster", "label", NULL, NULL);
  check ("cluster", "label", "\"platinum\"", "not_a_choice");
  check ("partnership", "programme", "\"ESCP-S3\"", NULL);
  check ("partnership", "programme", "\"escp-s3\"", "not_a_choice");
  check ("event", "kind", "\"webinar\"", NULL);
  check ("attendee", "role", "\"speaker\"", NULL);
  check ("attendee", "role", "\"boss\"", "not_a_choice");
  check ("meeting", "status", "\"declined\"", NULL);
  check ("meeting", "status", "\"maybe\"", "not_a_choice");
  check ("meeting", "status", "1", "not_text");
}

static void
test_validate_country (void)
{
  check ("cluster", "country", "\"DE\"", NULL);
  check ("cluster", "country", "\"UA\"", NULL);
  check_full ("cluster", "country", "\"de\"", "invalid_country", "“de”");
  check ("cluster", "country", "\"XX\"", "invalid_country");
  check ("cluster", "country", "\"DEU\"", "invalid_country");
  check ("cluster", "country", NULL, "required");
  check ("event", "country", NULL, NULL);
}

static void
test_validate_url (void)
{
  g_autofree char *long_path = repeat ("a", 2100);
  g_autofree char *long_url = g_strdup_printf ("\"https://example.eu/%s\"", long_path);

  check ("cluster", "website", "\"https://aec.example.rs\"", NULL);
  check ("cluster", "website", "\"http://example.com/path?q=1#top\"", NULL);
  check ("cluster", "website", "\"HTTPS://EXAMPLE.EU/\"", NULL);
  check ("cluster", "website", "\"http://localhost:8080/x\"", NULL);
  check_full ("cluster", "website", "\"ftp://x\"", "invalid_url", "“ftp://x”");
  check ("cluster", "website", "\"http://\"", "invalid_url");
  check ("cluster", "website", "\"example.com\"", "invalid_url");
  check ("cluster", "website", "\"http://exa mple.com\"", "invalid_url");
  check ("cluster", "website", "\"mailto:info@example.eu\"", "invalid_url");
  check ("cluster", "website", "\"javascript:alert(1)\"", "invalid_url");
  check ("cluster", "website", long_url, "too_long");
  check ("event", "registration_url", "\"https://example.eu/r\"", NULL);
  check ("call", "url", "\"file:///etc/passwd\"", "invalid_url");
}

static void
test_validate_email (void)
{
  check ("cluster", "email", "\"info@example.eu\"", NULL);
  check ("cluster", "email", "\"first.last+tag@mail.example.co.uk\"", NULL);
  check ("attendee", "email", "\"željko@primjer.hr\"", NULL);
  check_full ("cluster", "email", "\"info@\"", "invalid_email", "“info@” is not an e-mail address");
  check ("cluster", "email", "\"@example.eu\"", "invalid_email");
  check ("cluster", "email", "\"info@example\"", "invalid_email");
  check ("cluster", "email", "\"info@example.e\"", "invalid_email");
  check ("cluster", "email", "\"info@@example.eu\"", "invalid_email");
  check ("cluster", "email", "\"a b@example.eu\"", "invalid_email");
  check ("cluster", "email", "\"info@exa_mple.eu\"", "invalid_email");
  check ("cluster", "email", "\"info@-example.eu\"", "invalid_email");
  check ("cluster", "email", "\"info@example..eu\"", "invalid_email");
  check ("cluster", "email", "\".info@example.eu\"", "invalid_email");
  check ("cluster", "email", "\"info@127.0.0.1\"", "invalid_email");
  check ("cluster", "email", "\"Info <info@example.eu>\"", "invalid_email");
}

static void
test_validate_phone (void)
{
  check ("cluster", "phone", "\"+49 30 1234567\"", NULL);
  check ("cluster", "phone", "\"(0)30-123.45/67\"", NULL);
  check ("cluster", "phone", "\"12345\"", NULL);
  check ("cluster", "phone", "\"1234\"", "invalid_phone");
  check ("cluster", "phone", "\"123456789012345678901234567890\"", NULL);
  check ("cluster", "phone", "\"1234567890123456789012345678901\"", "invalid_phone");
  check ("cluster", "phone", "\"call me maybe\"", "invalid_phone");
  check ("cluster", "phone", "\"12+345678\"", "invalid_phone");
  check ("cluster", "phone", "\"+-----\"", "invalid_phone");
}

static void
test_validate_numbers (void)
{
  check ("event", "capacity", "0", NULL);
  check ("event", "capacity", "300", NULL);
  check_full ("event", "capacity", "-1", "out_of_range", "at least 0");
  check_full ("event", "capacity", "0.5", "not_an_integer", "“0.5”");
  check ("event", "capacity", "\"40\"", "not_an_integer");
  check ("event", "capacity", "true", "not_an_integer");
  check ("event", "capacity", NULL, NULL);

  check ("cluster", "members.sme", "40", NULL);
  check ("cluster", "members.sme", "-3", "out_of_range");

  check ("cluster", "management_fte", "0.5", NULL);
  check ("cluster", "management_fte", "0", NULL);
  check ("cluster", "management_fte", "2", NULL);
  check ("cluster", "management_fte", "1e3", NULL);
  check ("cluster", "management_fte", "-0.1", "out_of_range");
  check ("cluster", "management_fte", "\"x\"", "not_a_number");
  check ("cluster", "management_fte", "\"0.5\"", "not_a_number");
  check ("call", "budget_eur", "1500000.5", NULL);
  check ("call", "budget_eur", "-1", "out_of_range");
}

static void
test_validate_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_year = g_strdup_printf ("%d", g_date_time_get_year (now));
  g_autofree char *next_year = g_strdup_printf ("%d", g_date_time_get_year (now) + 1);

  check_full ("cluster", "founded", "1799", "out_of_range", this_year);
  check ("cluster", "founded", "1800", NULL);
  check ("cluster", "founded", "1990", NULL);
  check ("cluster", "founded", this_year, NULL);
  check ("cluster", "founded", next_year, "out_of_range");
  check ("cluster", "founded", "1990.5", "not_an_integer");
  check ("cluster", "founded", "\"1990\"", "not_an_integer");
  check ("cluster", "founded", NULL, NULL);
}

static void
test_validate_bool (void)
{
  check ("checkin", "undo", "true", NULL);
  check ("checkin", "undo", "false", NULL);
  check ("checkin", "undo", NULL, NULL);
  check ("checkin", "undo", "\"true\"", "not_a_boolean");
  check ("checkin", "undo", "1", "not_a_boolean");
}

static void
test_validate_date (void)
{
  check ("cluster", "label_valid_until", "\"2018-02-28\"", NULL);
  check ("cluster", "label_valid_until", "\"2020-02-29\"", NULL);
  check_full ("cluster", "label_valid_until", "\"2018-02-30\"", "invalid_date", "YYYY-MM-DD");
  check ("cluster", "label_valid_until", "\"2019-02-29\"", "invalid_date");
  check ("cluster", "label_valid_until", "\"2018-13-01\"", "invalid_date");
  check ("cluster", "label_valid_until", "\"2018-00-10\"", "invalid_date");
  check ("cluster", "label_valid_until", "\"2018-2-3\"", "invalid_date");
  check ("cluster", "label_valid_until", "\"03/02/2018\"", "invalid_date");
  check ("cluster", "label_valid_until", "\"2018-02-28T00:00:00Z\"", "invalid_date");
  check ("cluster", "label_valid_until", "\"0000-01-01\"", "invalid_date");
}

static void
test_validate_time (void)
{
  check ("event", "starts_at", "\"2018-06-04T09:00:00+08:00\"", NULL);
  check ("event", "starts_at", "\"2018-06-04T09:00:00Z\"", NULL);
  check ("event", "starts_at", "\"2018-06-04T09:00:00.250-05:00\"", NULL);
  check_full ("event", "starts_at", "\"2018-06-04T09:00:00\"", "invalid_time", "offset");
  check ("event", "starts_at", "\"2018-06-04 09:00:00+08:00\"", "invalid_time");
  check ("event", "starts_at", "\"2018-06-04T09:00+08:00\"", "invalid_time");
  check ("event", "starts_at", "\"2018-06-04T09:00:00+0800\"", "invalid_time");
  check ("event", "starts_at", "\"2018-02-30T09:00:00Z\"", "invalid_time");
  check ("event", "starts_at", "\"2018-06-04T25:00:00Z\"", "invalid_time");
  check ("event", "starts_at", "\"2018-06-04\"", "invalid_time");
  check ("event", "starts_at", "\"2018-W23-1T09:00:00Z\"", "invalid_time");
  check ("event", "starts_at", "\"tomorrow\"", "invalid_time");
  check ("event", "starts_at", NULL, "required");
  check ("call", "opens_at", NULL, NULL);
}

static void
test_validate_timezone (void)
{
  check ("event", "timezone", "\"Europe/Brussels\"", NULL);
  check ("event", "timezone", "\"America/Argentina/Buenos_Aires\"", NULL);
  check ("event", "timezone", "\"UTC\"", NULL);
  check ("event", "timezone", "\"Etc/GMT+2\"", NULL);
  check_full ("event", "timezone", "\"Europe/Nowhere\"", "invalid_timezone", "Europe/Brussels");
  check ("event", "timezone", "\"ABC3\"", "invalid_timezone");
  check ("event", "timezone", "\"+02:00\"", "invalid_timezone");
  check ("event", "timezone", "\"../../etc/passwd\"", "invalid_timezone");
  check ("event", "timezone", "\"/usr/share/zoneinfo/UTC\"", "invalid_timezone");
}

static void
test_validate_list (void)
{
  const EccpFieldSpec *ecosystems = field_spec ("cluster", "ecosystems");
  g_autoptr(JsonNode) two_bad = json ("[\"Space\", \"Digital\", \"Mining\"]");
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(JsonObject) attributes = json_object ("{\"ecosystems\": [\"Space\", \"Digital\", \"Mining\"]}");
  const char * const only[] = { "ecosystems", NULL };
  g_autoptr(EccpFieldError) first = eccp_validate_value (ecosystems, two_bad);

  check ("cluster", "ecosystems", "[\"Digital\"]", NULL);
  check ("cluster", "ecosystems", "[\"Digital\", \"Agri-food\", \"Cross-ecosystem\"]", NULL);
  check ("cluster", "ecosystems", "[]", "required");
  check ("cluster", "ecosystems", NULL, "required");
  check ("cluster", "ecosystems", "\"Digital\"", "not_a_list");
  check_full ("cluster", "ecosystems", "[\"Digital\", \"Space\"]", "not_a_choice", "“Space”");
  check ("cluster", "ecosystems", "[\"digital\"]", "not_a_choice");
  check ("cluster", "ecosystems", "[\"Digital\", null]", "not_a_list");
  check ("cluster", "ecosystems", "[42]", "not_text");
  check ("partnership", "ecosystems", "[]", NULL);

  /* every bad item is named, each in its own error */
  g_assert_nonnull (first);
  g_assert_true (strstr (first->message, "Space") != NULL);
  errors = eccp_validate_record (eccp_type_spec_lookup ("cluster"), attributes, NULL, only);
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_true (strstr (((EccpFieldError *) errors->pdata[0])->message, "“Space”") != NULL);
  g_assert_true (strstr (((EccpFieldError *) errors->pdata[1])->message, "“Mining”") != NULL);
  g_assert_cmpstr (((EccpFieldError *) errors->pdata[1])->field, ==, "ecosystems");

  check ("call", "deadlines", "[\"2018-06-01T17:00:00+02:00\", \"2018-09-01T17:00:00Z\"]", NULL);
  check ("call", "deadlines", "[]", "required");
  check_full ("call", "deadlines", "[\"2018-06-01T17:00:00+02:00\", \"2018-09-01\"]",
              "invalid_time", "“2018-09-01”");
  check ("partnership", "target_countries", "[\"UA\", \"TW\"]", NULL);
  check ("partnership", "target_countries", "[\"UA\", \"xx\"]", "invalid_country");
  check ("call", "eligible_countries", "[]", NULL);
  check ("cluster", "emerging_industries", "[\"Smart farming\", \"Blue economy\"]", NULL);
  check ("cluster", "emerging_industries", "[\"two\\nlines\"]", "multi_line");
}

static void
test_validate_object (void)
{
  const EccpFieldSpec *members = field_spec ("cluster", "members");
  g_autoptr(JsonNode) bad = json ("{\"sme\": 40, \"large\": -2}");
  g_autoptr(EccpFieldError) error = eccp_validate_value (members, bad);

  check ("cluster", "members", "{\"sme\": 40, \"large\": 3, \"research\": 2, \"other\": 0}", NULL);
  check ("cluster", "members", "{\"sme\": 40}", NULL);
  check ("cluster", "members", "{}", NULL);
  check ("cluster", "members", NULL, NULL);
  check ("cluster", "members", "{\"robots\": \"many\"}", NULL);
  check ("cluster", "members", "5", "not_an_object");

  g_assert_nonnull (error);
  g_assert_cmpstr (error->field, ==, "members.large");
  g_assert_cmpstr (error->code, ==, "out_of_range");
  g_assert_true (g_str_has_prefix (error->message, "Members (large companies)"));
}

static void
test_validate_relations (void)
{
  check ("attendee", "event", "{\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}}", NULL);
  check ("attendee", "event", "{\"data\": null}", "required");
  check ("attendee", "event", "{}", "required");
  check ("attendee", "event", NULL, "required");
  check_full ("attendee", "event", "{\"data\": {\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-0000000000c1\"}}",
              "invalid_relationship", "“event”");
  check ("attendee", "event", "{\"data\": {\"type\": \"event\", \"id\": \"\"}}", "invalid_relationship");
  check ("attendee", "event", "{\"data\": {\"type\": \"event\", \"id\": 7}}", "invalid_relationship");
  check ("attendee", "event", "{\"data\": {\"type\": \"event\"}}", "invalid_relationship");
  check ("attendee", "event", "{\"data\": [{\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}]}", "invalid_relationship");
  check ("attendee", "event", "\"e1\"", "invalid_relationship");
  /* Ids are UUIDs; a to-many relation names each record once. */
  check ("attendee", "event", "{\"data\": {\"type\": \"event\", \"id\": \"abc\"}}", "invalid_relationship");
  check ("partnership", "members",
         "{\"data\": [{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-0000000000c1\"},"
         " {\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-0000000000c1\"}]}",
         "invalid_relationship");
  check ("attendee", "cluster", "{\"data\": null}", NULL);
  check ("attendee", "cluster", NULL, NULL);

  check ("cluster", "partnerships",
         "{\"data\": [{\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f1\"}, {\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f2\"}]}",
         NULL);
  check ("cluster", "partnerships", "{\"data\": []}", NULL);
  check ("cluster", "partnerships",
         "{\"data\": [{\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f1\"}, {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}]}",
         "invalid_relationship");
  check ("cluster", "partnerships", "{\"data\": {\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f1\"}}",
         "invalid_relationship");
  check ("meeting", "requester", "{\"data\": {\"type\": \"attendee\", \"id\": \"00000000-0000-4000-8000-0000000000a1\"}}", NULL);
  check ("meeting", "invitee", "{\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000a1\"}}", "invalid_relationship");
}

/* Parsing and formatting */

static JsonNode *
parse_ok (const char *type_name,
          const char *path,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = eccp_field_spec_parse_text (field_spec (type_name, path), text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
check_parse (const char *type_name,
             const char *path,
             const char *text,
             const char *expected_json)
{
  g_autoptr(JsonNode) node = parse_ok (type_name, path, text);
  g_autoptr(JsonNode) expected = json (expected_json);

  if (!json_node_equal (node, expected))
    {
      g_autofree char *got = json_to_string (node, FALSE);

      g_error ("parse %s.%s “%s”: expected %s, got %s", type_name, path, text, expected_json, got);
    }
}

static void
check_parse_error (const char *type_name,
                   const char *path,
                   const char *text,
                   const char *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = eccp_field_spec_parse_text (field_spec (type_name, path), text, &error);

  g_assert_null (node);
  g_assert_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
  if (expected_message != NULL)
    g_assert_cmpstr (error->message, ==, expected_message);
}

static void
test_parse_text (void)
{
  g_autoptr(JsonNode) half = parse_ok ("cluster", "management_fte", "0.5");
  g_autoptr(JsonNode) forty = parse_ok ("cluster", "members.sme", "40");
  g_autoptr(JsonNode) null_text = parse_ok ("cluster", "city", "");

  g_assert_cmpint (json_node_get_value_type (half), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (half), ==, 0.5);
  g_assert_cmpint (json_node_get_value_type (forty), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (forty), ==, 40);
  g_assert_true (JSON_NODE_HOLDS_NULL (null_text));

  /* Strings */
  check_parse ("cluster", "name", "Kraków Cluster", "\"Kraków Cluster\"");
  check_parse ("cluster", "description", "One.\n\nTwo.", "\"One.\\n\\nTwo.\"");
  check_parse ("cluster", "website", " https://example.eu ", "\"https://example.eu\"");
  check_parse ("cluster", "email", "info@example.eu", "\"info@example.eu\"");
  check_parse ("cluster", "phone", "+49 30 1234", "\"+49 30 1234\"");
  check_parse ("cluster", "profile_type", "cluster_project", "\"cluster_project\"");
  check_parse ("cluster", "country", "de", "\"DE\"");
  check_parse ("cluster", "label_valid_until", "2018-02-28", "\"2018-02-28\"");
  check_parse ("event", "starts_at", "2018-06-04T09:00:00+08:00", "\"2018-06-04T09:00:00+08:00\"");
  check_parse ("event", "timezone", "Europe/Brussels", "\"Europe/Brussels\"");
  check_parse ("cluster", "name", "", "null");
  check_parse ("cluster", "country", "  ", "null");

  /* Numbers, years and booleans parse in the C locale, or fail */
  check_parse ("cluster", "members.sme", " 40 ", "40");
  check_parse ("cluster", "members.sme", "-3", "-3");
  check_parse ("cluster", "members.sme", "", "null");
  check_parse ("cluster", "management_fte", "2", "2.0");
  check_parse ("cluster", "management_fte", "1e3", "1000.0");
  check_parse ("cluster", "founded", "1990", "1990");
  check_parse ("checkin", "undo", "true", "true");
  check_parse ("checkin", "undo", "YES", "true");
  check_parse ("checkin", "undo", "1", "true");
  check_parse ("checkin", "undo", "no", "false");
  check_parse ("checkin", "undo", "False", "false");
  check_parse ("checkin", "undo", "0", "false");
  check_parse_error ("cluster", "members.sme", "forty",
                     "Members (SME): “forty” is not a whole number");
  check_parse_error ("cluster", "members.sme", "4.5", NULL);
  check_parse_error ("event", "capacity", "12abc", "Capacity: “12abc” is not a whole number");
  check_parse_error ("cluster", "management_fte", "0,5", "Management team (FTE): “0,5” is not a number");
  check_parse_error ("cluster", "management_fte", "nan", NULL);
  check_parse_error ("cluster", "management_fte", "inf", NULL);
  check_parse_error ("cluster", "management_fte", "half", NULL);
  check_parse_error ("cluster", "founded", "nineteen", "Founded: “nineteen” is not a year");
  check_parse_error ("checkin", "undo", "maybe", NULL);

  /* Lists */
  check_parse ("cluster", "ecosystems", "Digital, Health,, ", "[\"Digital\", \"Health\"]");
  check_parse ("cluster", "ecosystems", "", "[]");
  check_parse ("cluster", "ecosystems", " , ", "[]");
  check_parse ("partnership", "target_countries", "ua, TW", "[\"UA\", \"TW\"]");
  check_parse ("call", "deadlines", "2018-06-01T17:00:00+02:00, 2018-09-01T17:00:00Z",
               "[\"2018-06-01T17:00:00+02:00\", \"2018-09-01T17:00:00Z\"]");
  check_parse ("cluster", "emerging_industries", "Smart farming,Blue economy",
               "[\"Smart farming\", \"Blue economy\"]");

  /* Objects are set member by member */
  check_parse_error ("cluster", "members", "40", "Members: give each part on its own, such as “members.sme=40”");

  /* Relations take ids */
  check_parse ("attendee", "event", "00000000-0000-4000-8000-0000000000e1", "{\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}}");
  check_parse ("attendee", "event", " 00000000-0000-4000-8000-0000000000e1 ", "{\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}}");
  check_parse ("attendee", "event", "", "{\"data\": null}");
  check_parse ("cluster", "partnerships", "00000000-0000-4000-8000-0000000000f1, 00000000-0000-4000-8000-0000000000f2",
               "{\"data\": [{\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f1\"}, {\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f2\"}]}");
  check_parse ("cluster", "partnerships", "", "{\"data\": []}");
}

/* ESC, BEL, DEL, C1 and the like would steer a terminal: refused in every
 * text field, typed or received, except a newline or tab in long text. */
static void
test_control_characters (void)
{
  check_full ("cluster", "name", "\"\\u001b[31mred\"", "control_character", "U+001B");
  check ("cluster", "name", "\"bell\\u0007\"", "control_character");
  check ("cluster", "name", "\"del\\u007f\"", "control_character");
  check ("cluster", "name", "\"soh\\u0001\"", "control_character");
  check ("cluster", "name", "\"csi\\u009b2J\"", "control_character");
  check ("cluster", "name", "\"tab\\there\"", "control_character");
  check ("cluster", "website", "\"https://example.eu/\\u001b\"", "control_character");
  check ("cluster", "emerging_industries", "[\"ok\", \"\\u001b]0;x\\u0007\"]", "control_character");
  check ("cluster", "description", "\"One.\\n\\tTwo.\"", NULL);
  check ("cluster", "description", "\"One.\\r\\nTwo.\"", "control_character");
  check ("cluster", "description", "\"x\\u001b[2J\"", "control_character");
  /* Bidi controls are text (Arabic, Hebrew): kept, shown visibly by eccp */
  check ("cluster", "name", "\"abc\\u202edef\"", NULL);
  check ("cluster", "name", "\"Ž — \\u00a0ok\"", NULL);

  g_assert_true (eccp_unichar_is_control (0x1b));
  g_assert_true (eccp_unichar_is_control (0x7f));
  g_assert_true (eccp_unichar_is_control (0x85));
  g_assert_false (eccp_unichar_is_control (0xa0));
  g_assert_false (eccp_unichar_is_control (' '));
  g_assert_cmpuint (eccp_field_kind_find_control (ECCP_FIELD_LONG_TEXT, "a\n\tb"), ==, 0);
  g_assert_cmpuint (eccp_field_kind_find_control (ECCP_FIELD_TEXT, "a\tb"), ==, '\t');

  /* Typed: the same rule, the message names the field */
  check_parse_error ("cluster", "name", "\x1b[31mred",
                     "Name: must not hold control characters (U+001B)");
  check_parse_error ("cluster", "emerging_industries", "Digital, \x07" "bell", NULL);
  check_parse ("cluster", "description", "One.\n\tTwo.", "\"One.\\n\\tTwo.\"");
}

/* The one reader of relationships: wrong shapes are absent and malformed */
static void
check_ids (const char *type_name,
           const char *path,
           const char *json_text,
           const char *expected_ids,
           gboolean    expected_malformed)
{
  const EccpFieldSpec *field = path != NULL ? field_spec (type_name, path) : NULL;
  g_autoptr(JsonNode) value = json_text != NULL ? json (json_text) : NULL;
  gboolean malformed = !expected_malformed;
  g_autoptr(GPtrArray) ids = eccp_relationship_get_ids (field, value, &malformed);
  g_autofree char *joined = NULL;

  g_ptr_array_add (ids, NULL);
  joined = g_strjoinv (",", (char **) ids->pdata);
  g_assert_cmpstr (joined, ==, expected_ids);
  g_assert_cmpint (malformed, ==, expected_malformed);
}

static void
test_relationship_ids (void)
{
  check_ids ("attendee", "event", "{\"data\": {\"type\": \"event\", \"id\": \"e1\"}}", "e1", FALSE);
  check_ids ("attendee", "event", "{\"data\": null}", "", FALSE);
  check_ids ("attendee", "event", "{\"links\": {\"related\": \"/x\"}}", "", FALSE);
  check_ids ("attendee", "event", NULL, "", FALSE);
  check_ids ("attendee", "event", "null", "", FALSE);
  check_ids ("attendee", "event", "{\"data\": \"e1\"}", "", TRUE);
  check_ids ("attendee", "event", "{\"data\": 42}", "", TRUE);
  check_ids ("attendee", "event", "{\"data\": [{\"type\": \"event\", \"id\": \"e1\"}]}", "", TRUE);
  check_ids ("attendee", "event", "{\"data\": {\"type\": 7, \"id\": [1]}}", "", TRUE);
  check_ids ("attendee", "event", "{\"type\": \"event\", \"id\": \"e1\"}", "", TRUE);
  check_ids ("attendee", "event", "\"e1\"", "", TRUE);
  check_ids ("cluster", "partnerships", "{\"data\": [{\"type\": \"partnership\", \"id\": \"p1\"},"
             " {\"type\": \"partnership\", \"id\": \"p2\"}]}", "p1,p2", FALSE);
  check_ids ("cluster", "partnerships", "{\"data\": []}", "", FALSE);
  check_ids ("cluster", "partnerships", "{\"data\": {\"type\": \"partnership\", \"id\": \"p1\"}}", "", TRUE);
  /* all or nothing: half a list would read as the whole of it */
  check_ids ("cluster", "partnerships", "{\"data\": [{\"id\": \"p1\"}, 5]}", "", TRUE);
  /* a relationship the specs do not know takes either shape */
  check_ids ("cluster", NULL, "{\"data\": [{\"id\": \"x1\"}]}", "x1", FALSE);
  check_ids ("cluster", NULL, "{\"data\": {\"id\": \"x1\"}}", "x1", FALSE);
  check_ids ("cluster", NULL, "{\"data\": true}", "", TRUE);
}

/* Numbers are decimal: strtod's hex, "infinity" and spaces inside are not */
static void
test_parse_decimal (void)
{
  check_parse_error ("cluster", "management_fte", "0x10",
                     "Management team (FTE): “0x10” is not a number");
  check_parse_error ("cluster", "management_fte", "0X1p4", NULL);
  check_parse_error ("cluster", "management_fte", "infinity", NULL);
  check_parse_error ("cluster", "management_fte", "1e", NULL);
  check_parse_error ("cluster", "management_fte", "- 1", NULL);
  check_parse_error ("cluster", "members.sme", "0x10", NULL);
  check_parse_error ("cluster", "founded", "0x7c6", NULL);
  check_parse ("cluster", "management_fte", ".5", "0.5");
  check_parse ("cluster", "management_fte", "-1.5E-1", "-0.15");
  check_parse ("cluster", "management_fte", "+2.", "2.0");

  g_assert_true (eccp_text_is_decimal_number ("10"));
  g_assert_false (eccp_text_is_decimal_number ("0x10"));
  g_assert_false (eccp_text_is_decimal_number (""));
  g_assert_false (eccp_text_is_decimal_number ("."));
  g_assert_false (eccp_text_is_decimal_number (" 1"));
}

static void
test_parse_then_validate (void)
{
  struct { const char *type, *path, *text, *code; } cases[] = {
    { "cluster", "members.sme", "40", NULL },
    { "cluster", "members.sme", "-1", "out_of_range" },
    { "cluster", "country", "rs", NULL },
    { "cluster", "country", "xx", "invalid_country" },
    { "cluster", "ecosystems", "Digital, Agri-food", NULL },
    { "cluster", "ecosystems", "Digital, Space", "not_a_choice" },
    { "cluster", "ecosystems", "", "required" },
    { "cluster", "name", "", "required" },
    { "cluster", "acronym", "", NULL },
    { "attendee", "event", "00000000-0000-4000-8000-0000000000e1", NULL },
    { "attendee", "event", "", "required" },
    { "cluster", "partnerships", "00000000-0000-4000-8000-0000000000f1,00000000-0000-4000-8000-0000000000f2", NULL },
    { "checkin", "undo", "yes", NULL },
    { "cluster", "founded", "1799", "out_of_range" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const EccpFieldSpec *field = field_spec (cases[i].type, cases[i].path);
      g_autoptr(JsonNode) node = parse_ok (cases[i].type, cases[i].path, cases[i].text);
      g_autoptr(EccpFieldError) error = eccp_validate_value (field, node);

      g_test_message ("%s.%s = “%s”", cases[i].type, cases[i].path, cases[i].text);
      if (cases[i].code == NULL)
        g_assert_null (error);
      else
        {
          g_assert_nonnull (error);
          g_assert_cmpstr (error->code, ==, cases[i].code);
        }
    }
}

static void
check_format (const char *type_name,
              const char *path,
              const char *json_text,
              const char *expected)
{
  g_autoptr(JsonNode) node = json_text != NULL ? json (json_text) : NULL;
  g_autofree char *text = eccp_field_spec_format_value (field_spec (type_name, path), node);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_value (void)
{
  check_format ("cluster", "name", "\"Željko's cluster\"", "Željko's cluster");
  check_format ("cluster", "name", "null", "");
  check_format ("cluster", "name", NULL, "");
  check_format ("cluster", "members.sme", "40", "40");
  check_format ("cluster", "members.sme", "-9007199254740993", "-9007199254740993");
  check_format ("cluster", "management_fte", "0.5", "0.5");
  check_format ("cluster", "management_fte", "2.0", "2");
  check_format ("cluster", "management_fte", "0.1", "0.1");
  check_format ("cluster", "management_fte", "2", "2");
  check_format ("call", "budget_eur", "1500000.25", "1500000.25");
  check_format ("checkin", "undo", "true", "true");
  check_format ("checkin", "undo", "false", "false");
  check_format ("cluster", "ecosystems", "[\"Digital\", \"Health\"]", "Digital, Health");
  check_format ("cluster", "ecosystems", "[]", "");
  check_format ("attendee", "event", "{\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}}", "00000000-0000-4000-8000-0000000000e1");
  check_format ("attendee", "event", "{\"data\": null}", "");
  check_format ("cluster", "partnerships",
                "{\"data\": [{\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f1\"}, {\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f2\"}]}",
                "00000000-0000-4000-8000-0000000000f1, 00000000-0000-4000-8000-0000000000f2");
  check_format ("cluster", "members", "{\"large\": 3, \"robots\": 7, \"sme\": 40, \"other\": null}",
                "sme=40, large=3, robots=7");
}

static void
test_format_round_trip (void)
{
  /* text → JSON → text gives the same text ... */
  struct { const char *type, *path, *text; } texts[] = {
    { "cluster", "name", "Agricultural Equipment Cluster" },
    { "cluster", "country", "RS" },
    { "cluster", "website", "https://example.eu/a?b=c" },
    { "cluster", "members.sme", "40" },
    { "cluster", "management_fte", "0.5" },
    { "cluster", "management_fte", "2" },
    { "cluster", "management_fte", "0.3" },
    { "cluster", "founded", "2012" },
    { "checkin", "undo", "true" },
    { "checkin", "undo", "false" },
    { "cluster", "label_valid_until", "2020-12-31" },
    { "event", "starts_at", "2018-06-04T09:00:00+08:00" },
    { "event", "timezone", "Europe/Brussels" },
    { "cluster", "ecosystems", "Digital, Health" },
    { "call", "deadlines", "2018-06-01T17:00:00+02:00, 2018-09-01T17:00:00Z" },
    { "attendee", "event", "00000000-0000-4000-8000-0000000000e1" },
    { "cluster", "partnerships", "00000000-0000-4000-8000-0000000000f1, 00000000-0000-4000-8000-0000000000f2" },
    { "cluster", "name", "" },
    { "cluster", "ecosystems", "" },
    { "attendee", "cluster", "" },
  };
  /* ... and JSON → text → JSON gives the same JSON */
  struct { const char *type, *path, *json; } values[] = {
    { "cluster", "management_fte", "0.1" },
    { "cluster", "management_fte", "1234.5678" },
    { "cluster", "management_fte", "1e-7" },
    { "call", "budget_eur", "12345678901.25" },
    { "cluster", "members.sme", "9007199254740993" },
    { "cluster", "ecosystems", "[\"Agri-food\", \"Energy-Renewables\"]" },
    { "partnership", "members", "{\"data\": [{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-0000000000c1\"}]}" },
    { "partnership", "coordinator", "{\"data\": null}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = parse_ok (texts[i].type, texts[i].path, texts[i].text);
      g_autofree char *text = eccp_field_spec_format_value (field_spec (texts[i].type, texts[i].path), node);

      g_assert_cmpstr (text, ==, texts[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const EccpFieldSpec *field = field_spec (values[i].type, values[i].path);
      g_autoptr(JsonNode) node = json (values[i].json);
      g_autofree char *text = eccp_field_spec_format_value (field, node);
      g_autoptr(JsonNode) again = parse_ok (values[i].type, values[i].path, text);

      g_test_message ("%s → “%s”", values[i].json, text);
      g_assert_true (json_node_equal (node, again));
    }
}

/* Whole records */

typedef struct
{
  const char *type;
  const char *attributes;
  const char *relationships;
} Sample;

static const Sample samples[] = {
  { "cluster",
    "{\"name\": \"Agricultural Equipment Cluster\", \"acronym\": \"AEC\","
    " \"profile_type\": \"cluster_organisation\", \"country\": \"RS\", \"city\": \"Novi Sad\","
    " \"website\": \"https://aec.example.rs\", \"email\": \"info@aec.example.rs\","
    " \"phone\": \"+381 21 123 4567\", \"description\": \"Tractors.\\n\\nAnd more.\","
    " \"ecosystems\": [\"Agri-food\", \"Digital\"], \"emerging_industries\": [\"Smart farming\"],"
    " \"members\": {\"sme\": 40, \"large\": 3, \"research\": 2, \"other\": 1},"
    " \"management_fte\": 2.5, \"founded\": 2012, \"label\": \"bronze\","
    " \"label_valid_until\": \"2020-12-31\", \"manager_name\": \"Željko Erkapić\"}",
    "{\"partnerships\": {\"data\": [{\"type\": \"partnership\", \"id\": \"00000000-0000-4000-8000-0000000000f1\"}]}}" },
  { "partnership",
    "{\"name\": \"Blue Bio Alliance\", \"acronym\": \"BBA\", \"programme\": \"ESCP-4i\","
    " \"period_start\": \"2018-01-01\", \"period_end\": \"2019-12-31\", \"description\": \"Fish.\","
    " \"target_countries\": [\"UA\", \"TW\"], \"ecosystems\": [\"Health\"],"
    " \"website\": \"http://bba.example.eu\"}",
    "{\"coordinator\": {\"data\": {\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-0000000000c1\"}},"
    " \"members\": {\"data\": [{\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-0000000000c1\"}, {\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-0000000000c2\"}]}}" },
  { "event",
    "{\"title\": \"Matchmaking in Kraków\", \"kind\": \"matchmaking\","
    " \"starts_at\": \"2018-06-04T09:00:00+02:00\", \"ends_at\": \"2018-06-04T17:30:00+02:00\","
    " \"timezone\": \"Europe/Warsaw\", \"venue\": \"ICE Kraków\", \"city\": \"Kraków\", \"country\": \"PL\","
    " \"organiser\": \"ECCP\", \"description\": \"Meet.\", \"registration_url\": \"https://example.eu/r\","
    " \"capacity\": 300}",
    "{\"partnership\": {\"data\": null}}" },
  { "call",
    "{\"title\": \"Call for cluster partnerships\", \"programme\": \"COSME\","
    " \"url\": \"https://ec.europa.eu/call\", \"description\": \"Apply.\","
    " \"opens_at\": \"2018-03-01T00:00:00Z\","
    " \"deadlines\": [\"2018-06-01T17:00:00+02:00\", \"2018-09-01T17:00:00+02:00\"],"
    " \"budget_eur\": 1500000.5, \"eligible_countries\": [\"DE\", \"FR\"], \"ecosystems\": [\"Tourism\"]}",
    NULL },
  { "attendee",
    "{\"name\": \"Bianca Dragomir\", \"organisation\": \"Cluster RO\", \"email\": \"bianca@example.ro\","
    " \"country\": \"RO\", \"role\": \"speaker\"}",
    "{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}},"
    " \"cluster\": {\"data\": {\"type\": \"cluster\", \"id\": \"00000000-0000-4000-8000-0000000000c1\"}}}" },
  { "checkin",
    "{\"at\": \"2018-06-04T08:55:00+02:00\", \"device\": \"tablet-1\", \"undo\": false}",
    "{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}},"
    " \"attendee\": {\"data\": {\"type\": \"attendee\", \"id\": \"00000000-0000-4000-8000-0000000000a1\"}}}" },
  { "meeting",
    "{\"starts_at\": \"2018-06-04T10:00:00+02:00\", \"ends_at\": \"2018-06-04T10:30:00+02:00\","
    " \"table\": \"12\", \"status\": \"accepted\"}",
    "{\"event\": {\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}},"
    " \"requester\": {\"data\": {\"type\": \"attendee\", \"id\": \"00000000-0000-4000-8000-0000000000a1\"}},"
    " \"invitee\": {\"data\": {\"type\": \"attendee\", \"id\": \"00000000-0000-4000-8000-0000000000a2\"}}}" },
};

static const Sample *
sample (const char *type_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      if (g_str_equal (samples[i].type, type_name))
        return &samples[i];
    }
  g_assert_not_reached ();
}

static JsonObject *
sample_attributes (const char *type_name)
{
  return json_object (sample (type_name)->attributes);
}

static JsonObject *
sample_relationships (const char *type_name)
{
  const char *text = sample (type_name)->relationships;

  return json_object (text != NULL ? text : "{}");
}

static GPtrArray *
validate (const char         *type_name,
          JsonObject         *attributes,
          JsonObject         *relationships,
          const char * const *only_fields)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (type_name);
  GPtrArray *errors = eccp_validate_record (type, attributes, relationships, only_fields);

  g_assert_nonnull (errors);
  for (guint i = 0; i < errors->len; i++)
    {
      const EccpFieldError *error = errors->pdata[i];
      g_autofree char *top = g_strdup (error->field);
      char *dot = strchr (top, '.');
      const EccpFieldSpec *field;

      g_test_message ("%s: %s (%s)", error->field, error->code, error->message);
      if (dot != NULL)
        *dot = '\0';
      field = eccp_type_spec_get_field (type, top);
      g_assert_nonnull (field);
      g_assert_nonnull (error->message);
    }
  return errors;
}

static void
assert_errors (GPtrArray  *errors,
               const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      const EccpFieldError *error = errors->pdata[i];

      g_string_append_printf (got, "%s%s:%s", i > 0 ? " " : "", error->field, error->code);
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_record_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(JsonObject) attributes = sample_attributes (samples[i].type);
      g_autoptr(JsonObject) relationships = sample_relationships (samples[i].type);
      g_autoptr(GPtrArray) errors = validate (samples[i].type, attributes, relationships, NULL);

      g_test_message ("%s", samples[i].type);
      assert_errors (errors, "");
    }
}

static void
test_record_required (void)
{
  static const struct { const char *type, *expected; } cases[] = {
    { "cluster", "name:required profile_type:required country:required ecosystems:required" },
    { "partnership", "name:required programme:required" },
    { "event", "title:required kind:required starts_at:required ends_at:required" },
    { "call", "title:required deadlines:required" },
    { "attendee", "name:required event:required" },
    { "checkin", "at:required event:required attendee:required" },
    { "meeting", "starts_at:required ends_at:required status:required event:required"
                 " requester:required invitee:required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const EccpTypeSpec *type = eccp_type_spec_lookup (cases[i].type);
      g_autoptr(JsonObject) empty = json_object_new ();
      g_autoptr(GPtrArray) errors = validate (cases[i].type, empty, NULL, NULL);
      g_autoptr(GPtrArray) errors_null = validate (cases[i].type, NULL, empty, NULL);

      g_test_message ("%s", cases[i].type);
      assert_errors (errors, cases[i].expected);
      assert_errors (errors_null, cases[i].expected);

      /* Each required field, missing alone from a valid record: one error */
      for (guint j = 0; j < type->n_fields; j++)
        {
          const EccpFieldSpec *field = &type->fields[j];
          g_autoptr(JsonObject) attributes = NULL;
          g_autoptr(JsonObject) relationships = NULL;
          g_autoptr(GPtrArray) one = NULL;
          g_autofree char *expected = NULL;

          if (!(field->flags & ECCP_FIELD_FLAG_REQUIRED))
            continue;

          attributes = sample_attributes (cases[i].type);
          relationships = sample_relationships (cases[i].type);
          json_object_remove_member (eccp_field_spec_is_relation (field) ? relationships : attributes,
                                     field->name);
          one = validate (cases[i].type, attributes, relationships, NULL);
          expected = g_strdup_printf ("%s:required", field->name);
          assert_errors (one, expected);
          g_assert_true (g_str_has_prefix (((EccpFieldError *) one->pdata[0])->message,
                                           _(field->label)));
        }
    }
}

static void
test_record_only_fields (void)
{
  g_autoptr(JsonObject) attributes = json_object (
    "{\"email\": \"info@\", \"website\": \"ftp://x\", \"members\": {\"sme\": -1, \"large\": \"x\"}}");
  const char * const only_email[] = { "email", NULL };
  const char * const only_city[] = { "city", NULL };
  const char * const only_members[] = { "members", NULL };
  const char * const only_sme[] = { "members.sme", NULL };
  const char * const only_other[] = { "members.other", NULL };
  const char * const only_two[] = { "website", "name", NULL };
  const char * const nothing[] = { NULL };
  g_autoptr(GPtrArray) all = validate ("cluster", attributes, NULL, NULL);
  g_autoptr(GPtrArray) email = validate ("cluster", attributes, NULL, only_email);
  g_autoptr(GPtrArray) city = validate ("cluster", attributes, NULL, only_city);
  g_autoptr(GPtrArray) members = validate ("cluster", attributes, NULL, only_members);
  g_autoptr(GPtrArray) sme = validate ("cluster", attributes, NULL, only_sme);
  g_autoptr(GPtrArray) other = validate ("cluster", attributes, NULL, only_other);
  g_autoptr(GPtrArray) two = validate ("cluster", attributes, NULL, only_two);
  g_autoptr(GPtrArray) none = validate ("cluster", attributes, NULL, nothing);

  assert_errors (all, "name:required profile_type:required country:required"
                      " website:invalid_url email:invalid_email ecosystems:required"
                      " members.sme:out_of_range members.large:not_an_integer");
  assert_errors (email, "email:invalid_email");
  assert_errors (city, "");
  assert_errors (members, "members.sme:out_of_range members.large:not_an_integer");
  assert_errors (sme, "members.sme:out_of_range");
  assert_errors (other, "");
  assert_errors (two, "name:required website:invalid_url");
  assert_errors (none, "");
}

static void
test_record_ends_before_start (void)
{
  const char * const only_start[] = { "starts_at", NULL };
  const char * const only_end[] = { "ends_at", NULL };
  const char * const only_title[] = { "title", NULL };
  g_autoptr(JsonObject) event = sample_attributes ("event");
  g_autoptr(JsonObject) meeting = sample_attributes ("meeting");
  g_autoptr(JsonObject) partnership = sample_attributes ("partnership");
  g_autoptr(JsonObject) meeting_relationships = sample_relationships ("meeting");

  /* ends before it starts */
  json_object_set_string_member (event, "ends_at", "2018-06-04T08:00:00+02:00");
  {
    g_autoptr(GPtrArray) errors = validate ("event", event, NULL, NULL);
    g_autoptr(GPtrArray) start = validate ("event", event, NULL, only_start);
    g_autoptr(GPtrArray) end = validate ("event", event, NULL, only_end);
    g_autoptr(GPtrArray) title = validate ("event", event, NULL, only_title);

    assert_errors (errors, "ends_at:ends_before_start");
    g_assert_true (g_str_has_prefix (((EccpFieldError *) errors->pdata[0])->message, "Ends:"));
    assert_errors (start, "ends_at:ends_before_start");
    assert_errors (end, "ends_at:ends_before_start");
    assert_errors (title, "");
  }

  /* ends when it starts: not after */
  json_object_set_string_member (event, "ends_at", "2018-06-04T09:00:00+02:00");
  {
    g_autoptr(GPtrArray) errors = validate ("event", event, NULL, NULL);

    assert_errors (errors, "ends_at:ends_before_start");
  }

  /* offsets count: 08:30 UTC is 10:30 in +02:00 */
  json_object_set_string_member (event, "ends_at", "2018-06-04T08:30:00Z");
  {
    g_autoptr(GPtrArray) errors = validate ("event", event, NULL, NULL);

    assert_errors (errors, "");
  }
  json_object_set_string_member (event, "ends_at", "2018-06-04T06:30:00Z");
  {
    g_autoptr(GPtrArray) errors = validate ("event", event, NULL, NULL);

    assert_errors (errors, "ends_at:ends_before_start");
  }

  /* an invalid end is reported once, as invalid */
  json_object_set_string_member (event, "ends_at", "yesterday");
  {
    g_autoptr(GPtrArray) errors = validate ("event", event, NULL, NULL);

    assert_errors (errors, "ends_at:invalid_time");
  }

  json_object_set_string_member (meeting, "ends_at", "2018-06-04T09:30:00+02:00");
  {
    g_autoptr(GPtrArray) errors = validate ("meeting", meeting, meeting_relationships, NULL);

    assert_errors (errors, "ends_at:ends_before_start");
  }

  json_object_set_string_member (partnership, "period_end", "2017-12-31");
  {
    g_autoptr(GPtrArray) errors = validate ("partnership", partnership, NULL, NULL);

    assert_errors (errors, "period_end:ends_before_start");
  }
  json_object_set_string_member (partnership, "period_end", "2018-01-01");
  {
    g_autoptr(GPtrArray) errors = validate ("partnership", partnership, NULL, NULL);

    assert_errors (errors, "");
  }
  json_object_remove_member (partnership, "period_start");
  json_object_set_string_member (partnership, "period_end", "2017-12-31");
  {
    g_autoptr(GPtrArray) errors = validate ("partnership", partnership, NULL, NULL);

    assert_errors (errors, "");
  }
}

static void
test_record_unknown_kept (void)
{
  g_autoptr(JsonObject) attributes = sample_attributes ("cluster");
  g_autoptr(JsonObject) relationships = sample_relationships ("cluster");
  g_autoptr(GPtrArray) errors = NULL;

  json_object_set_int_member (attributes, "flavour", 42);
  json_object_set_null_member (attributes, "newfangled");
  json_object_set_string_member (attributes, "email_2", "not an e-mail");
  json_object_set_string_member (relationships, "sponsor", "whatever");

  errors = validate ("cluster", attributes, relationships, NULL);
  assert_errors (errors, "");
  g_assert_true (json_object_has_member (attributes, "flavour"));
  g_assert_true (json_object_has_member (relationships, "sponsor"));
}

/* Publication criteria */

static GPtrArray *
criteria (const char *attributes_json)
{
  g_autoptr(JsonObject) attributes = attributes_json != NULL ? json_object (attributes_json) : NULL;
  GPtrArray *errors = eccp_check_publication_criteria (attributes);

  for (guint i = 0; i < errors->len; i++)
    {
      const EccpFieldError *error = errors->pdata[i];

      g_test_message ("%s: %s", error->field, error->message);
      g_assert_cmpstr (error->code, ==, "criteria_not_met");
    }
  return errors;
}

static void
test_publication_criteria (void)
{
  g_autoptr(GPtrArray) pass = criteria (
    "{\"management_fte\": 0.5, \"website\": \"https://x.eu\", \"members\": {\"sme\": 10, \"research\": 5}}");
  g_autoptr(GPtrArray) pass_int = criteria (
    "{\"management_fte\": 1, \"website\": \"https://x.eu\", \"members\": {\"sme\": 12, \"large\": 1, \"other\": 2}}");
  g_autoptr(GPtrArray) low_fte = criteria (
    "{\"management_fte\": 0.3, \"website\": \"https://x.eu\", \"members\": {\"sme\": 10, \"research\": 5}}");
  g_autoptr(GPtrArray) no_fte = criteria (
    "{\"website\": \"https://x.eu\", \"members\": {\"sme\": 10, \"research\": 5}}");
  g_autoptr(GPtrArray) no_website = criteria (
    "{\"management_fte\": 0.5, \"members\": {\"sme\": 10, \"research\": 5}}");
  g_autoptr(GPtrArray) blank_website = criteria (
    "{\"management_fte\": 0.5, \"website\": \" \", \"members\": {\"sme\": 10, \"research\": 5}}");
  g_autoptr(GPtrArray) few = criteria (
    "{\"management_fte\": 0.5, \"website\": \"https://x.eu\", \"members\": {\"sme\": 10, \"research\": 4}}");
  g_autoptr(GPtrArray) one_kind = criteria (
    "{\"management_fte\": 0.5, \"website\": \"https://x.eu\", \"members\": {\"sme\": 40, \"large\": 0}}");
  g_autoptr(GPtrArray) nothing = criteria ("{}");
  g_autoptr(GPtrArray) null_attributes = criteria (NULL);

  assert_errors (pass, "");
  assert_errors (pass_int, "");

  assert_errors (low_fte, "management_fte:criteria_not_met");
  g_assert_cmpstr (((EccpFieldError *) low_fte->pdata[0])->message, ==,
                   "The management team must be at least 0.5 FTE (now 0.3)");
  assert_errors (no_fte, "management_fte:criteria_not_met");
  assert_errors (no_website, "website:criteria_not_met");
  assert_errors (blank_website, "website:criteria_not_met");
  assert_errors (few, "members:criteria_not_met");
  g_assert_nonnull (strstr (((EccpFieldError *) few->pdata[0])->message, "14"));
  assert_errors (one_kind, "members:criteria_not_met");
  g_assert_nonnull (strstr (((EccpFieldError *) one_kind->pdata[0])->message, "at least 2 kinds"));
  assert_errors (nothing, "management_fte:criteria_not_met website:criteria_not_met"
                          " members:criteria_not_met members:criteria_not_met");
  assert_errors (null_attributes, "management_fte:criteria_not_met website:criteria_not_met"
                                  " members:criteria_not_met members:criteria_not_met");
}

/* The error types */

static void
test_errors (void)
{
  g_autoptr(EccpFieldError) error = eccp_field_error_new ("email", "invalid_email", "E-mail: no");
  g_autoptr(EccpFieldError) copy = g_boxed_copy (ECCP_TYPE_FIELD_ERROR, error);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_field_error_free);
  g_autoptr(GError) gerror = NULL;
  g_autoptr(GError) empty_error = NULL;

  g_assert_true (copy != error);
  g_assert_cmpstr (copy->field, ==, "email");
  g_assert_cmpstr (copy->code, ==, "invalid_email");
  g_assert_cmpstr (copy->message, ==, "E-mail: no");
  g_assert_true (G_TYPE_IS_BOXED (ECCP_TYPE_FIELD_ERROR));

  g_ptr_array_add (errors, eccp_field_error_new ("name", "required", "Name: a value is required"));
  g_ptr_array_add (errors, eccp_field_error_copy (error));
  eccp_validation_set_error (&gerror, errors);
  g_assert_error (gerror, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (gerror->message, ==, "Name: a value is required\nE-mail: no");

  eccp_validation_set_error (NULL, errors);
  g_ptr_array_set_size (errors, 0);
  eccp_validation_set_error (&empty_error, errors);
  g_assert_error (empty_error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
}

static void
test_messages_quote_shortened (void)
{
  g_autofree char *long_email = repeat ("x", 300);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(EccpFieldError) error = NULL;

  json_node_set_string (node, long_email);
  error = eccp_validate_value (field_spec ("attendee", "email"), node);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->code, ==, "too_long");

  json_node_set_string (node, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx@");
  g_clear_pointer (&error, eccp_field_error_free);
  error = eccp_validate_value (field_spec ("attendee", "email"), node);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->code, ==, "invalid_email");
  g_assert_nonnull (strstr (error->message, "…"));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 100);
}

/* Labels and values for people */

static void
test_choice_labels (void)
{
  guint n_types;
  const EccpTypeSpec * const *types = eccp_type_spec_all (&n_types);
  const EccpFieldSpec *field;

  /* Every choice of every enum has a label, except the programmes' names. */
  for (guint i = 0; i < n_types; i++)
    for (guint j = 0; j < types[i]->n_fields; j++)
      {
        field = &types[i]->fields[j];
        g_test_message ("%s.%s", types[i]->name, field->name);

        if (field->choices == NULL)
          {
            g_assert_null (field->choice_labels);
            continue;
          }

        if (g_str_equal (types[i]->name, "partnership") && g_str_equal (field->name, "programme"))
          {
            g_assert_null (field->choice_labels);
            continue;
          }

        g_assert_nonnull (field->choice_labels);
        g_assert_cmpuint (g_strv_length ((GStrv) field->choice_labels), ==,
                          g_strv_length ((GStrv) field->choices));
        for (guint k = 0; field->choices[k] != NULL; k++)
          {
            g_assert_cmpstr (field->choice_labels[k], !=, "");
            g_assert_cmpstr (eccp_field_spec_choice_label (field, field->choices[k]), ==,
                             field->choice_labels[k]);
          }
      }

  field = field_spec ("cluster", "profile_type");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "cluster_organisation"), ==, "Cluster organisation");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "national_cluster_organisation"), ==,
                   "National cluster organisation");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "cluster_project"), ==, "Cluster project");

  field = field_spec ("cluster", "label");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "none"), ==, "No label");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "bronze"), ==, "Bronze");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "silver"), ==, "Silver");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "gold"), ==, "Gold");

  field = field_spec ("event", "kind");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "matchmaking"), ==, "Matchmaking");
  g_assert_cmpstr (eccp_field_spec_choice_label (field, "other"), ==, "Other");
  g_assert_cmpstr (eccp_field_spec_choice_label (field_spec ("attendee", "role"), "speaker"), ==, "Speaker");
  g_assert_cmpstr (eccp_field_spec_choice_label (field_spec ("meeting", "status"), "cancelled"), ==,
                   "Cancelled");
  g_assert_cmpstr (eccp_field_spec_choice_label (field_spec ("partnership", "programme"), "ESCP-4i"), ==,
                   "ESCP-4i");
  g_assert_cmpstr (eccp_field_spec_choice_label (field_spec ("call", "ecosystems"), "Energy-Renewables"), ==,
                   "Energy-Renewables");

  /* Not a choice, or not an enum: the value itself, the same string. */
  {
    const char *unknown = "platinum";
    const char *name = "Alpha";

    g_assert_true (eccp_field_spec_choice_label (field_spec ("cluster", "label"), unknown) == unknown);
    g_assert_true (eccp_field_spec_choice_label (field_spec ("cluster", "name"), name) == name);
  }
}

static void
check_display (const char *type_name,
               const char *path,
               const char *json_text,
               const char *expected)
{
  g_autoptr(JsonNode) node = json_text != NULL ? json (json_text) : NULL;
  g_autofree char *text = eccp_field_spec_display_value (field_spec (type_name, path), node);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_display_value (void)
{
  const char *day_text = "31 Dec 2020";
  const char *start_text = "4 Jun 2026 09:00";
  const char *late_text = "4 Jun 2026 23:30";
  const char *deadlines = "4 Jun 2026 09:00, 1 Sep 2018 17:00";

  /* Nothing to show */
  check_display ("cluster", "name", NULL, NULL);
  check_display ("cluster", "name", "null", NULL);
  check_display ("cluster", "name", "\"\"", NULL);
  check_display ("cluster", "ecosystems", "[]", NULL);
  check_display ("cluster", "members", "{}", NULL);
  check_display ("cluster", "members", "{\"sme\": null}", NULL);
  check_display ("attendee", "event", "{\"data\": null}", NULL);

  /* Text as it is */
  check_display ("cluster", "name", "\"Željko's cluster\"", "Željko's cluster");
  check_display ("event", "timezone", "\"Europe/Brussels\"", "Europe/Brussels");

  /* Choices by their labels, countries by their names */
  check_display ("cluster", "profile_type", "\"national_cluster_organisation\"", "National cluster organisation");
  check_display ("cluster", "label", "\"gold\"", "Gold");
  check_display ("cluster", "label", "\"platinum\"", "platinum");
  check_display ("event", "kind", "\"webinar\"", "Webinar");
  check_display ("partnership", "programme", "\"ESCP-S3\"", "ESCP-S3");
  check_display ("cluster", "country", "\"DE\"", "Germany");
  check_display ("cluster", "country", "\"XX\"", "XX");
  check_display ("cluster", "ecosystems", "[\"Digital\", \"Agri-food\"]", "Digital, Agri-food");
  check_display ("partnership", "target_countries", "[\"RS\", \"UA\", \"TW\"]", "Serbia, Ukraine, Taiwan");

  /* Yes or no; numbers grouped the locale's way (C groups nothing), years
   * never; amounts with their currency */
  check_display ("checkin", "undo", "true", "Yes");
  check_display ("checkin", "undo", "false", "No");
  check_display ("cluster", "founded", "2012", "2012");
  check_display ("event", "capacity", "0", "0");
  check_display ("cluster", "management_fte", "2.5", "2.5");
  check_display ("call", "budget_eur", "1500000.25", "€1500000.25");
  check_display ("call", "budget_eur", "14280000", "€14280000");

  /* Dates and times in the locale's format, a time at its own offset */
  check_display ("cluster", "label_valid_until", "\"2020-12-31\"", day_text);
  check_display ("cluster", "label_valid_until", "\"2020-02-30\"", "2020-02-30");
  check_display ("cluster", "label_valid_until", "\"soon\"", "soon");
  check_display ("event", "starts_at", "\"2026-06-04T09:00:00+02:00\"", start_text);
  g_assert_true (g_str_has_suffix (start_text, " 09:00"));
  check_display ("event", "ends_at", "\"2026-06-04T23:30:00-05:00\"", late_text);
  g_assert_true (g_str_has_suffix (late_text, " 23:30"));
  check_display ("event", "ends_at", "\"2026-06-04 late\"", "2026-06-04 late");
  check_display ("call", "deadlines", "[\"2026-06-04T09:00:00+02:00\", \"2018-09-01T17:00:00Z\"]", deadlines);

  /* Objects: each part with its label, the ones the spec does not know last */
  check_display ("cluster", "members", "{\"large\": 3, \"robots\": 7, \"sme\": 40, \"other\": null}",
                 "Members (SME): 40, Members (large companies): 3, robots: 7");

  /* Relations: their ids */
  check_display ("attendee", "event",
                 "{\"data\": {\"type\": \"event\", \"id\": \"00000000-0000-4000-8000-0000000000e1\"}}",
                 "00000000-0000-4000-8000-0000000000e1");
  check_display ("cluster", "partnerships",
                 "{\"data\": [{\"type\": \"partnership\", \"id\": \"p1\"}, {\"type\": \"partnership\", \"id\": \"p2\"}]}",
                 "p1, p2");

  /* Not what the spec says: shown as it is rather than hidden */
  check_display ("event", "kind", "3", "3");
  check_display ("cluster", "ecosystems", "\"Digital\"", "Digital");
  check_display ("checkin", "undo", "\"maybe\"", "maybe");
}

/* A translation of a few labels into "de", for the child below. */
static const char test_po[] =
  "msgid \"\"\n"
  "msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
  "\n"
  "msgid \"Cluster organisation\"\nmsgstr \"Clusterorganisation\"\n"
  "msgid \"Gold\"\nmsgstr \"Gold (de)\"\n"
  "msgid \"Digital\"\nmsgstr \"Digitales\"\n"
  "msgid \"Germany\"\nmsgstr \"Deutschland\"\n"
  "msgid \"Yes\"\nmsgstr \"Ja\"\n";

static void
test_display_translated_child (void)
{
  const char *dir = g_getenv ("ECCP_TEST_LOCALEDIR");

  if (!g_test_subprocess ())
    return;

  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* gettext translates nothing in the "C" locale. */
  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "Yes"), "Ja") != 0)
    {
      g_print ("no translation in this locale\n");
      exit (77);
    }

  g_assert_cmpstr (eccp_field_spec_choice_label (field_spec ("cluster", "profile_type"), "cluster_organisation"),
                   ==, "Clusterorganisation");
  g_assert_cmpstr (eccp_field_spec_choice_label (field_spec ("cluster", "label"), "gold"), ==, "Gold (de)");
  g_assert_cmpstr (eccp_field_spec_choice_label (field_spec ("cluster", "label"), "silver"), ==, "Silver");
  check_display ("cluster", "ecosystems", "[\"Digital\", \"Health\"]", "Digitales, Health");
  check_display ("cluster", "country", "\"DE\"", "Deutschland");
  check_display ("checkin", "undo", "true", "Ja");
  g_print ("translated\n");
}

static void
test_display_translated (void)
{
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *po = NULL;
  g_autofree char *mo = NULL;
  int status = -1;

  if (msgfmt == NULL)
    {
      g_test_skip ("msgfmt is not installed");
      return;
    }

  dir = g_dir_make_tmp ("eccp-test-locale-XXXXXX", &error);
  g_assert_no_error (error);
  messages = g_build_filename (dir, "de", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  po = g_build_filename (dir, "de.po", NULL);
  mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_file_set_contents (po, test_po, -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { msgfmt, "-o", mo, po, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }

  /* In a child: the translation must not reach the other tests' messages. */
  g_setenv ("ECCP_TEST_LOCALEDIR", dir, TRUE);
  g_test_trap_subprocess ("/field-spec/display/translated/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("ECCP_TEST_LOCALEDIR");

  g_remove (mo);
  g_remove (po);
  g_rmdir (messages);
  {
    g_autofree char *de = g_path_get_dirname (messages);

    g_rmdir (de);
  }
  g_rmdir (dir);

  if (!g_test_trap_has_passed ())
    {
      /* Only this reason is a skip; any other failure fails. */
      g_test_trap_assert_stdout ("*no translation in this locale*");
      g_test_skip ("gettext translates nothing in this locale (LC_ALL=C?)");
      return;
    }
  g_test_trap_assert_stdout ("*translated*");
}

/* Pickers list countries by name in the user's language. */
static void
test_country_codes_by_name (void)
{
  g_autoptr(GPtrArray) sorted = eccp_country_codes_by_name ();
  guint n = g_strv_length ((char **) eccp_country_codes ());

  g_assert_cmpuint (sorted->len, ==, n);
  for (guint i = 1; i < sorted->len; i++)
    g_assert_cmpint (g_utf8_collate (eccp_country_name (g_ptr_array_index (sorted, i - 1)),
                                     eccp_country_name (g_ptr_array_index (sorted, i))), <=, 0);
}

/* The kind table: every kind has a nickname (its spelling for scripts), a
 * description, and its fields an editor and a diff style. */
static void
test_kinds (void)
{
  GEnumClass *kinds = g_type_class_ref (ECCP_TYPE_FIELD_KIND);
  guint n_types;
  const EccpTypeSpec * const *types = eccp_type_spec_all (&n_types);

  for (guint i = 0; i < kinds->n_values; i++)
    {
      EccpFieldKind kind = kinds->values[i].value;

      g_assert_cmpstr (eccp_field_kind_get_nick (kind), ==, kinds->values[i].value_nick);
      g_assert_cmpstr (eccp_field_kind_get_description (kind), !=, "");
    }
  g_type_class_unref (kinds);

  g_assert_cmpstr (eccp_field_kind_get_nick (ECCP_FIELD_LONG_TEXT), ==, "long-text");
  g_assert_cmpstr (eccp_field_kind_get_nick (ECCP_FIELD_RELATION_MANY), ==, "relation-many");
  g_assert_cmpstr (eccp_field_kind_get_description (ECCP_FIELD_URL), ==, "http or https URL");

  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("cluster", "name")), ==, ECCP_FIELD_EDITOR_ENTRY);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("cluster", "description")), ==, ECCP_FIELD_EDITOR_LONG_TEXT);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("cluster", "profile_type")), ==, ECCP_FIELD_EDITOR_CHOICE);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("cluster", "country")), ==, ECCP_FIELD_EDITOR_CHOICE);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("cluster", "ecosystems")), ==, ECCP_FIELD_EDITOR_MULTI_CHOICE);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("partnership", "target_countries")), ==, ECCP_FIELD_EDITOR_ENTRY);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("call", "deadlines")), ==, ECCP_FIELD_EDITOR_TIME_LIST);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("checkin", "undo")), ==, ECCP_FIELD_EDITOR_SWITCH);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("cluster", "members")), ==, ECCP_FIELD_EDITOR_NONE);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("attendee", "event")), ==, ECCP_FIELD_EDITOR_RELATION);
  g_assert_cmpint (eccp_field_spec_get_editor (field_spec ("cluster", "partnerships")), ==, ECCP_FIELD_EDITOR_RELATION);

  g_assert_cmpint (eccp_field_spec_get_diff_style (field_spec ("cluster", "name")), ==, ECCP_FIELD_DIFF_INLINE);
  g_assert_cmpint (eccp_field_spec_get_diff_style (field_spec ("event", "starts_at")), ==, ECCP_FIELD_DIFF_INLINE);
  g_assert_cmpint (eccp_field_spec_get_diff_style (field_spec ("cluster", "description")), ==, ECCP_FIELD_DIFF_LONG_TEXT);
  g_assert_cmpint (eccp_field_spec_get_diff_style (field_spec ("cluster", "ecosystems")), ==, ECCP_FIELD_DIFF_SET);
  g_assert_cmpint (eccp_field_spec_get_diff_style (field_spec ("cluster", "members")), ==, ECCP_FIELD_DIFF_PARTS);
  g_assert_cmpint (eccp_field_spec_get_diff_style (field_spec ("attendee", "event")), ==, ECCP_FIELD_DIFF_RELATION);

  g_assert_true (eccp_field_spec_has_names (field_spec ("cluster", "profile_type")));
  g_assert_true (eccp_field_spec_has_names (field_spec ("cluster", "country")));
  g_assert_true (eccp_field_spec_has_names (field_spec ("cluster", "ecosystems")));
  g_assert_true (eccp_field_spec_has_names (field_spec ("partnership", "target_countries")));
  g_assert_false (eccp_field_spec_has_names (field_spec ("cluster", "name")));
  g_assert_false (eccp_field_spec_has_names (field_spec ("cluster", "label_valid_until")));
  g_assert_false (eccp_field_spec_has_names (field_spec ("attendee", "event")));

  /* Every field of every type has an editor, objects through their parts */
  for (guint i = 0; i < n_types; i++)
    for (guint j = 0; j < types[i]->n_fields; j++)
      {
        const EccpFieldSpec *field = &types[i]->fields[j];

        g_assert_true (eccp_field_spec_get_editor (field) != ECCP_FIELD_EDITOR_NONE ||
                       field->kind == ECCP_FIELD_OBJECT);
      }
}

/* Typed text that is not UTF-8 (a command line's word is bytes): refused
 * with the field's name.  A lead byte just before the end once made the
 * control-character scan step over the terminating NUL (fuzz/fuzz-fields,
 * fuzz/corpus/fields/crash-invalid-utf8). */
static void
test_parse_invalid_utf8 (void)
{
  static const struct { const char *type, *field, *text; } cases[] = {
    { "event", "ends_at", "2026-06-04T17:\xb8\xe1\x16" },
    { "event", "title", "Matchmaking \xe1" },
    { "cluster", "ecosystems", "Agri-food,\xf0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const EccpFieldSpec *field = eccp_type_spec_get_field (eccp_type_spec_lookup (cases[i].type),
                                                             cases[i].field);
      /* On the heap, exactly as long as it is: ASan sees any read past it. */
      g_autofree char *text = g_strdup (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_assert_nonnull (field);
      node = eccp_field_spec_parse_text (field, text, &error);
      g_assert_null (node);
      g_assert_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID);
      g_assert_true (strstr (error->message, "is not valid UTF-8 text") != NULL);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field-spec/specs/consistent", test_specs_consistent);
  g_test_add_func ("/field-spec/specs/contract", test_specs_contract);
  g_test_add_func ("/field-spec/specs/countries", test_countries);
  g_test_add_func ("/field-spec/kinds", test_kinds);
  g_test_add_func ("/field-spec/blank-text", test_blank_text);
  g_test_add_func ("/field-spec/validate/text", test_validate_text);
  g_test_add_func ("/field-spec/validate/enum", test_validate_enum);
  g_test_add_func ("/field-spec/validate/country", test_validate_country);
  g_test_add_func ("/field-spec/validate/url", test_validate_url);
  g_test_add_func ("/field-spec/validate/email", test_validate_email);
  g_test_add_func ("/field-spec/validate/phone", test_validate_phone);
  g_test_add_func ("/field-spec/validate/numbers", test_validate_numbers);
  g_test_add_func ("/field-spec/validate/year", test_validate_year);
  g_test_add_func ("/field-spec/validate/bool", test_validate_bool);
  g_test_add_func ("/field-spec/validate/date", test_validate_date);
  g_test_add_func ("/field-spec/validate/time", test_validate_time);
  g_test_add_func ("/field-spec/validate/timezone", test_validate_timezone);
  g_test_add_func ("/field-spec/validate/list", test_validate_list);
  g_test_add_func ("/field-spec/validate/object", test_validate_object);
  g_test_add_func ("/field-spec/validate/relations", test_validate_relations);
  g_test_add_func ("/field-spec/parse/text", test_parse_text);
  g_test_add_func ("/field-spec/parse/decimal", test_parse_decimal);
  g_test_add_func ("/field-spec/control-characters", test_control_characters);
  g_test_add_func ("/field-spec/relationship-ids", test_relationship_ids);
  g_test_add_func ("/field-spec/parse/then-validate", test_parse_then_validate);
  g_test_add_func ("/field-spec/format/value", test_format_value);
  g_test_add_func ("/field-spec/format/round-trip", test_format_round_trip);
  g_test_add_func ("/field-spec/display/choice-labels", test_choice_labels);
  g_test_add_func ("/field-spec/display/value", test_display_value);
  g_test_add_func ("/field-spec/display/translated", test_display_translated);
  g_test_add_func ("/field-spec/display/translated/child", test_display_translated_child);
  g_test_add_func ("/field-spec/record/valid", test_record_valid);
  g_test_add_func ("/field-spec/record/required", test_record_required);
  g_test_add_func ("/field-spec/record/only-fields", test_record_only_fields);
  g_test_add_func ("/field-spec/record/ends-before-start", test_record_ends_before_start);
  g_test_add_func ("/field-spec/record/unknown-kept", test_record_unknown_kept);
  g_test_add_func ("/field-spec/publication-criteria", test_publication_criteria);
  g_test_add_func ("/field-spec/errors", test_errors);
  g_test_add_func ("/field-spec/parse/invalid-utf8", test_parse_invalid_utf8);
  g_test_add_func ("/field-spec/country-codes-by-name", test_country_codes_by_name);
  g_test_add_func ("/field-spec/errors/quote-shortened", test_messages_quote_shortened);

  return g_test_run ();
}
