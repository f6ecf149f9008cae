/* eccp-field-spec.c: the record types and their fields, described once as data
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-field-spec.h"
#include "eccp-field-kind-private.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "eccp-json.h"
#include "eccp-validation.h"

/* Limits.  Where portal-api.md gives one, it is used as written (cluster
 * name 1–200, acronym ≤ 30, description ≤ 20,000, device ≤ 100, counts and
 * amounts ≥ 0, founded 1800 .. this year).  Where it is silent we chose:
 *
 *   - names and titles: 1–200 characters, like the cluster name;
 *   - any other one-line text (and each text item of a list): ≤ 500;
 *   - any long text: ≤ 20,000, like the cluster description;
 *   - URLs ≤ 2048 characters, e-mail addresses ≤ 254 (RFC 5321);
 *   - phone numbers: 5–30 characters (checked by the validator);
 *   - list lengths: no limit, except that a required list needs one item.
 */
#define TITLE_MAX      200
#define TEXT_MAX      500
#define LONG_TEXT_MAX 20000
#define URL_MAX       2048
#define EMAIL_MAX     254

#define REQUIRED   ECCP_FIELD_FLAG_REQUIRED
#define SEARCHABLE ECCP_FIELD_FLAG_SEARCHABLE
#define SUMMARY    ECCP_FIELD_FLAG_SUMMARY
#define TITLE      ECCP_FIELD_FLAG_TITLE

/* Choices: the values the portal sends, then the labels a person reads,
 * in the same order. */

/* The portal's strings are English names, so they are their own labels,
 * marked for translation. */
static const char * const ecosystem_choices[] = {
  /* Translators: the industrial ecosystems of the EU's industrial strategy */
  N_("Aerospace and Defence"),
  N_("Agri-food"),
  N_("Construction"),
  N_("Creative and Cultural Industries"),
  N_("Digital"),
  N_("Electronics"),
  N_("Energy Intensive Industries"),
  N_("Energy-Renewables"),
  N_("Health"),
  N_("Mobility-Transport-Automotive"),
  N_("Proximity and Social Economy"),
  N_("Retail"),
  N_("Textiles"),
  N_("Tourism"),
  N_("Cross-ecosystem"),
  NULL
};

static const char * const profile_type_choices[] = {
  "cluster_organisation",
  "national_cluster_organisation",
  "cluster_project",
  NULL
};

static const char * const profile_type_labels[] = {
  N_("Cluster organisation"),
  N_("National cluster organisation"),
  N_("Cluster project"),
  NULL
};

static const char * const label_choices[] = {
  "none", "bronze", "silver", "gold", NULL
};

/* Translators: the labels of the European Cluster Excellence Initiative */
static const char * const label_labels[] = {
  N_("No label"), N_("Bronze"), N_("Silver"), N_("Gold"), NULL
};

/* Names of programmes: their own labels, not translated. */
static const char * const programme_choices[] = {
  "ESCP-4i", "ESCP-S3", "ESCP-4x", "Excellence", NULL
};

static const char * const event_kind_choices[] = {
  "matchmaking", "conference", "webinar", "mission", "other", NULL
};

/* Translators: kinds of event */
static const char * const event_kind_labels[] = {
  N_("Matchmaking"), N_("Conference"), N_("Webinar"), N_("Mission"), N_("Other"), NULL
};

static const char * const role_choices[] = {
  "participant", "speaker", "staff", NULL
};

/* Translators: an attendee's role at an event */
static const char * const role_labels[] = {
  N_("Participant"), N_("Speaker"), N_("Staff"), NULL
};

static const char * const meeting_status_choices[] = {
  "requested", "accepted", "declined", "cancelled", NULL
};

/* Translators: the state of a meeting request at a matchmaking event */
static const char * const meeting_status_labels[] = {
  N_("Requested"), N_("Accepted"), N_("Declined"), N_("Cancelled"), NULL
};

/* cluster */

static const EccpFieldSpec members_children[] = {
  { .name = "sme", .label = N_("Members (SME)"),
    .kind = ECCP_FIELD_INT, .min = 0, .max = ECCP_FIELD_UNBOUNDED },
  { .name = "large", .label = N_("Members (large companies)"),
    .kind = ECCP_FIELD_INT, .min = 0, .max = ECCP_FIELD_UNBOUNDED },
  { .name = "research", .label = N_("Members (research)"),
    .kind = ECCP_FIELD_INT, .min = 0, .max = ECCP_FIELD_UNBOUNDED },
  { .name = "other", .label = N_("Members (other)"),
    .kind = ECCP_FIELD_INT, .min = 0, .max = ECCP_FIELD_UNBOUNDED },
};

static const EccpFieldSpec cluster_fields[] = {
  { .name = "name", .label = N_("Name"), .kind = ECCP_FIELD_TEXT,
    .flags = REQUIRED | TITLE | SEARCHABLE, .min = 1, .max = TITLE_MAX },
  { .name = "acronym", .label = N_("Acronym"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE, .max = 30 },
  { .name = "profile_type", .label = N_("Profile type"), .kind = ECCP_FIELD_ENUM,
    .flags = REQUIRED, .choices = profile_type_choices,
    .choice_labels = profile_type_labels },
  { .name = "country", .label = N_("Country"), .kind = ECCP_FIELD_COUNTRY,
    .flags = REQUIRED | SUMMARY },
  { .name = "city", .label = N_("City"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE | SUMMARY, .max = TEXT_MAX },
  { .name = "website", .label = N_("Website"), .kind = ECCP_FIELD_URL,
    .max = URL_MAX },
  { .name = "email", .label = N_("E-mail"), .kind = ECCP_FIELD_EMAIL,
    .max = EMAIL_MAX },
  { .name = "phone", .label = N_("Phone"), .kind = ECCP_FIELD_PHONE },
  { .name = "description", .label = N_("Description"), .kind = ECCP_FIELD_LONG_TEXT,
    .flags = SEARCHABLE, .max = LONG_TEXT_MAX },
  { .name = "ecosystems", .label = N_("Industrial ecosystems"), .kind = ECCP_FIELD_LIST,
    .item_kind = ECCP_FIELD_ENUM, .flags = REQUIRED | SEARCHABLE, .min = 1,
    .max = ECCP_FIELD_UNBOUNDED, .choices = ecosystem_choices,
    .choice_labels = ecosystem_choices },
  { .name = "emerging_industries", .label = N_("Emerging industries"),
    .kind = ECCP_FIELD_LIST, .item_kind = ECCP_FIELD_TEXT, .flags = SEARCHABLE },
  { .name = "members", .label = N_("Members"), .kind = ECCP_FIELD_OBJECT,
    .children = members_children, .n_children = G_N_ELEMENTS (members_children) },
  { .name = "management_fte", .label = N_("Management team (FTE)"),
    .kind = ECCP_FIELD_NUMBER, .min = 0, .max = ECCP_FIELD_UNBOUNDED },
  { .name = "founded", .label = N_("Founded"), .kind = ECCP_FIELD_YEAR,
    .min = 1800 },
  { .name = "label", .label = N_("Cluster label"), .kind = ECCP_FIELD_ENUM,
    .choices = label_choices, .choice_labels = label_labels },
  { .name = "label_valid_until", .label = N_("Label valid until"),
    .kind = ECCP_FIELD_DATE },
  { .name = "manager_name", .label = N_("Cluster manager"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE, .max = TEXT_MAX },
  { .name = "partnerships", .label = N_("Partnerships"),
    .kind = ECCP_FIELD_RELATION_MANY, .target_type = "partnership" },
};

/* partnership */

static const EccpFieldSpec partnership_fields[] = {
  { .name = "name", .label = N_("Name"), .kind = ECCP_FIELD_TEXT,
    .flags = REQUIRED | TITLE | SEARCHABLE, .min = 1, .max = TITLE_MAX },
  { .name = "acronym", .label = N_("Acronym"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE | SUMMARY, .max = 30 },
  { .name = "programme", .label = N_("Programme"), .kind = ECCP_FIELD_ENUM,
    .flags = REQUIRED | SUMMARY, .choices = programme_choices },
  { .name = "period_start", .label = N_("Period start"), .kind = ECCP_FIELD_DATE },
  { .name = "period_end", .label = N_("Period end"), .kind = ECCP_FIELD_DATE },
  { .name = "description", .label = N_("Description"), .kind = ECCP_FIELD_LONG_TEXT,
    .flags = SEARCHABLE, .max = LONG_TEXT_MAX },
  { .name = "target_countries", .label = N_("Target countries"),
    .kind = ECCP_FIELD_LIST, .item_kind = ECCP_FIELD_COUNTRY },
  { .name = "ecosystems", .label = N_("Industrial ecosystems"), .kind = ECCP_FIELD_LIST,
    .item_kind = ECCP_FIELD_ENUM, .flags = SEARCHABLE, .choices = ecosystem_choices,
    .choice_labels = ecosystem_choices },
  { .name = "website", .label = N_("Website"), .kind = ECCP_FIELD_URL,
    .max = URL_MAX },
  { .name = "coordinator", .label = N_("Coordinator"),
    .kind = ECCP_FIELD_RELATION_ONE, .target_type = "cluster" },
  { .name = "members", .label = N_("Members"),
    .kind = ECCP_FIELD_RELATION_MANY, .target_type = "cluster" },
};

/* event */

static const EccpFieldSpec event_fields[] = {
  { .name = "title", .label = N_("Title"), .kind = ECCP_FIELD_TEXT,
    .flags = REQUIRED | TITLE | SEARCHABLE, .min = 1, .max = TITLE_MAX },
  { .name = "kind", .label = N_("Kind"), .kind = ECCP_FIELD_ENUM,
    .flags = REQUIRED, .choices = event_kind_choices,
    .choice_labels = event_kind_labels },
  { .name = "starts_at", .label = N_("Starts"), .kind = ECCP_FIELD_TIME,
    .flags = REQUIRED | SUMMARY },
  { .name = "ends_at", .label = N_("Ends"), .kind = ECCP_FIELD_TIME,
    .flags = REQUIRED },
  { .name = "timezone", .label = N_("Time zone"), .kind = ECCP_FIELD_TIMEZONE },
  { .name = "venue", .label = N_("Venue"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE, .max = TEXT_MAX },
  { .name = "city", .label = N_("City"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE | SUMMARY, .max = TEXT_MAX },
  { .name = "country", .label = N_("Country"), .kind = ECCP_FIELD_COUNTRY,
    .flags = SUMMARY },
  { .name = "organiser", .label = N_("Organiser"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE, .max = TEXT_MAX },
  { .name = "description", .label = N_("Description"), .kind = ECCP_FIELD_LONG_TEXT,
    .flags = SEARCHABLE, .max = LONG_TEXT_MAX },
  { .name = "registration_url", .label = N_("Registration"), .kind = ECCP_FIELD_URL,
    .max = URL_MAX },
  { .name = "capacity", .label = N_("Capacity"), .kind = ECCP_FIELD_INT,
    .min = 0, .max = ECCP_FIELD_UNBOUNDED },
  { .name = "partnership", .label = N_("Partnership"),
    .kind = ECCP_FIELD_RELATION_ONE, .target_type = "partnership" },
};

/* call */

static const EccpFieldSpec call_fields[] = {
  { .name = "title", .label = N_("Title"), .kind = ECCP_FIELD_TEXT,
    .flags = REQUIRED | TITLE | SEARCHABLE, .min = 1, .max = TITLE_MAX },
  /* Free text: calls come from many programmes, the contract lists none. */
  { .name = "programme", .label = N_("Programme"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE | SUMMARY, .max = TEXT_MAX },
  { .name = "url", .label = N_("Web page"), .kind = ECCP_FIELD_URL,
    .max = URL_MAX },
  { .name = "description", .label = N_("Description"), .kind = ECCP_FIELD_LONG_TEXT,
    .flags = SEARCHABLE, .max = LONG_TEXT_MAX },
  { .name = "opens_at", .label = N_("Opens"), .kind = ECCP_FIELD_TIME },
  { .name = "deadlines", .label = N_("Deadlines"), .kind = ECCP_FIELD_LIST,
    .item_kind = ECCP_FIELD_TIME, .flags = REQUIRED | SUMMARY, .min = 1,
    .max = ECCP_FIELD_UNBOUNDED },
  { .name = "budget_eur", .label = N_("Budget (EUR)"), .kind = ECCP_FIELD_NUMBER,
    .min = 0, .max = ECCP_FIELD_UNBOUNDED, .currency = "EUR" },
  { .name = "eligible_countries", .label = N_("Eligible countries"),
    .kind = ECCP_FIELD_LIST, .item_kind = ECCP_FIELD_COUNTRY },
  { .name = "ecosystems", .label = N_("Industrial ecosystems"), .kind = ECCP_FIELD_LIST,
    .item_kind = ECCP_FIELD_ENUM, .flags = SEARCHABLE, .choices = ecosystem_choices,
    .choice_labels = ecosystem_choices },
};

/* attendee */

static const EccpFieldSpec attendee_fields[] = {
  { .name = "name", .label = N_("Name"), .kind = ECCP_FIELD_TEXT,
    .flags = REQUIRED | TITLE | SEARCHABLE, .min = 1, .max = TITLE_MAX },
  { .name = "organisation", .label = N_("Organisation"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE | SUMMARY, .max = TEXT_MAX },
  { .name = "email", .label = N_("E-mail"), .kind = ECCP_FIELD_EMAIL,
    .max = EMAIL_MAX },
  { .name = "country", .label = N_("Country"), .kind = ECCP_FIELD_COUNTRY,
    .flags = SUMMARY },
  { .name = "role", .label = N_("Role"), .kind = ECCP_FIELD_ENUM,
    .flags = SUMMARY, .choices = role_choices, .choice_labels = role_labels },
  { .name = "event", .label = N_("Event"), .kind = ECCP_FIELD_RELATION_ONE,
    .flags = REQUIRED, .target_type = "event" },
  { .name = "cluster", .label = N_("Cluster"), .kind = ECCP_FIELD_RELATION_ONE,
    .target_type = "cluster" },
};

/* checkin: no title field, lists fall back to the time */

static const EccpFieldSpec checkin_fields[] = {
  { .name = "at", .label = N_("Time"), .kind = ECCP_FIELD_TIME,
    .flags = REQUIRED | SUMMARY },
  { .name = "device", .label = N_("Device"), .kind = ECCP_FIELD_TEXT,
    .flags = SUMMARY, .max = 100 },
  { .name = "undo", .label = N_("Undo"), .kind = ECCP_FIELD_BOOL,
    .flags = SUMMARY },
  { .name = "event", .label = N_("Event"), .kind = ECCP_FIELD_RELATION_ONE,
    .flags = REQUIRED, .target_type = "event" },
  { .name = "attendee", .label = N_("Attendee"), .kind = ECCP_FIELD_RELATION_ONE,
    .flags = REQUIRED, .target_type = "attendee" },
};

/* meeting: no title field either */

static const EccpFieldSpec meeting_fields[] = {
  { .name = "starts_at", .label = N_("Starts"), .kind = ECCP_FIELD_TIME,
    .flags = REQUIRED | SUMMARY },
  { .name = "ends_at", .label = N_("Ends"), .kind = ECCP_FIELD_TIME,
    .flags = REQUIRED },
  { .name = "table", .label = N_("Table"), .kind = ECCP_FIELD_TEXT,
    .flags = SEARCHABLE | SUMMARY, .max = TEXT_MAX },
  { .name = "status", .label = N_("Status"), .kind = ECCP_FIELD_ENUM,
    .flags = REQUIRED | SUMMARY, .choices = meeting_status_choices,
    .choice_labels = meeting_status_labels },
  { .name = "event", .label = N_("Event"), .kind = ECCP_FIELD_RELATION_ONE,
    .flags = REQUIRED, .target_type = "event" },
  { .name = "requester", .label = N_("Requester"), .kind = ECCP_FIELD_RELATION_ONE,
    .flags = REQUIRED, .target_type = "attendee" },
  { .name = "invitee", .label = N_("Invitee"), .kind = ECCP_FIELD_RELATION_ONE,
    .flags = REQUIRED, .target_type = "attendee" },
};

/* The types */

#define TYPE_SPEC(type_name, type_label, type_plural, is_moderated, is_append_only, table) \
  { .name = type_name, .label = type_label, .plural_label = type_plural, \
    .moderated = is_moderated, .append_only = is_append_only, \
    .fields = table, .n_fields = G_N_ELEMENTS (table) }

static const EccpTypeSpec cluster_type =
  TYPE_SPEC ("cluster", N_("Cluster"), N_("Clusters"), TRUE, FALSE, cluster_fields);
static const EccpTypeSpec partnership_type =
  TYPE_SPEC ("partnership", N_("Partnership"), N_("Partnerships"), TRUE, FALSE, partnership_fields);
static const EccpTypeSpec event_type =
  TYPE_SPEC ("event", N_("Event"), N_("Events"), TRUE, FALSE, event_fields);
static const EccpTypeSpec call_type =
  TYPE_SPEC ("call", N_("Call"), N_("Calls"), TRUE, FALSE, call_fields);
static const EccpTypeSpec attendee_type =
  TYPE_SPEC ("attendee", N_("Attendee"), N_("Attendees"), FALSE, FALSE, attendee_fields);
static const EccpTypeSpec checkin_type =
  TYPE_SPEC ("checkin", N_("Check-in"), N_("Check-ins"), FALSE, TRUE, checkin_fields);
static const EccpTypeSpec meeting_type =
  TYPE_SPEC ("meeting", N_("Meeting"), N_("Meetings"), FALSE, FALSE, meeting_fields);

static const EccpTypeSpec * const all_types[] = {
  &cluster_type,
  &partnership_type,
  &event_type,
  &call_type,
  &attendee_type,
  &checkin_type,
  &meeting_type,
  NULL
};

/* Lookups */

const EccpTypeSpec *
eccp_type_spec_lookup (const char *type_name)
{
  g_return_val_if_fail (type_name != NULL, NULL);

  for (guint i = 0; all_types[i] != NULL; i++)
    {
      if (g_str_equal (all_types[i]->name, type_name))
        return all_types[i];
    }

  return NULL;
}

const EccpTypeSpec * const *
eccp_type_spec_all (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (all_types) - 1;

  return all_types;
}

const EccpFieldSpec *
eccp_type_spec_get_field (const EccpTypeSpec *type,
                          const char         *field_name)
{
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (field_name != NULL, NULL);

  for (guint i = 0; i < type->n_fields; i++)
    {
      if (g_str_equal (type->fields[i].name, field_name))
        return &type->fields[i];
    }

  return NULL;
}

const EccpFieldSpec *
eccp_field_spec_get_child (const EccpFieldSpec *field,
                           const char          *child_name)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (child_name != NULL, NULL);

  for (guint i = 0; i < field->n_children; i++)
    {
      if (g_str_equal (field->children[i].name, child_name))
        return &field->children[i];
    }

  return NULL;
}

const EccpFieldSpec *
eccp_type_spec_get_field_path (const EccpTypeSpec *type,
                               const char         *path)
{
  const EccpFieldSpec *field;
  const char *dot;

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  dot = strchr (path, '.');
  if (dot == NULL)
    return eccp_type_spec_get_field (type, path);

  {
    g_autofree char *parent_name = g_strndup (path, dot - path);

    field = eccp_type_spec_get_field (type, parent_name);
  }

  if (field == NULL || field->kind != ECCP_FIELD_OBJECT)
    return NULL;

  return eccp_field_spec_get_child (field, dot + 1);
}

const EccpFieldSpec *
eccp_type_spec_get_title_field (const EccpTypeSpec *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < type->n_fields; i++)
    {
      if (type->fields[i].flags & ECCP_FIELD_FLAG_TITLE)
        return &type->fields[i];
    }

  return NULL;
}

gboolean
eccp_field_spec_is_relation (const EccpFieldSpec *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  return field->kind == ECCP_FIELD_RELATION_ONE ||
         field->kind == ECCP_FIELD_RELATION_MANY;
}

gboolean
eccp_field_spec_is_blank_text (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char_validated (p, -1)))
        return FALSE;
    }

  return TRUE;
}

const char * const *
eccp_industrial_ecosystems (void)
{
  return ecosystem_choices;
}

/* Parsing what people type */

static JsonNode *
relationship_node (JsonNode *data)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (object, "data", data);
  json_node_take_object (node, object);

  return node;
}

/* Splits on commas, strips each item and drops the empty ones. */
static GStrv
split_items (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

JsonNode *
eccp_field_spec_parse_text (const EccpFieldSpec  *field,
                            const char           *text,
                            GError              **error)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A command line's words are bytes: what follows walks characters, and
   * a cut one would make it step over the end (found by fuzz/fuzz-fields). */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                   _("%s: “%s” is not valid UTF-8 text"), _(field->label), shown);
      return NULL;
    }

  switch (field->kind)
    {
    case ECCP_FIELD_LIST:
      {
        g_auto(GStrv) items = split_items (text);
        g_autoptr(JsonArray) array = json_array_new ();
        JsonNode *node;

        for (guint i = 0; items[i] != NULL; i++)
          {
            JsonNode *item = _eccp_field_kind_parse (field, field->item_kind, items[i], error);

            if (item == NULL)
              return NULL;
            json_array_add_element (array, item);
          }

        node = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (node, array);
        return node;
      }

    case ECCP_FIELD_OBJECT:
      g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                   _("%s: give each part on its own, such as “%s.%s=40”"),
                   _(field->label), field->name,
                   field->n_children > 0 ? field->children[0].name : "part");
      return NULL;

    case ECCP_FIELD_RELATION_ONE:
      {
        g_autofree char *id = g_strstrip (g_strdup (text));

        if (id[0] == '\0')
          return relationship_node (json_node_new (JSON_NODE_NULL));

        return relationship_node (eccp_json_identifier_new (field->target_type, id));
      }

    case ECCP_FIELD_RELATION_MANY:
      {
        g_auto(GStrv) ids = split_items (text);
        JsonArray *array = json_array_new ();
        JsonNode *data = json_node_new (JSON_NODE_ARRAY);

        for (guint i = 0; ids[i] != NULL; i++)
          json_array_add_element (array, eccp_json_identifier_new (field->target_type, ids[i]));
        json_node_take_array (data, array);

        return relationship_node (data);
      }

    default:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        if (stripped[0] == '\0')
          return json_node_new (JSON_NODE_NULL);

        return _eccp_field_kind_parse (field, field->kind,
                                       _eccp_field_kind_info (field->kind)->keeps_spaces ? text : stripped,
                                       error);
      }
    }
}

/* Formatting values for display */

/* The string id of one identifier, or %NULL */
static const char *
identifier_id (JsonNode *identifier)
{
  JsonNode *id;

  if (identifier == NULL || !JSON_NODE_HOLDS_OBJECT (identifier))
    return NULL;

  id = json_object_get_member (json_node_get_object (identifier), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (id);
}

GPtrArray *
eccp_relationship_get_ids (const EccpFieldSpec *field,
                           JsonNode            *relationship,
                           gboolean            *malformed)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  gboolean to_one = field != NULL && field->kind == ECCP_FIELD_RELATION_ONE;
  gboolean to_many = field != NULL && field->kind == ECCP_FIELD_RELATION_MANY;
  gboolean bad = FALSE;
  JsonObject *object;
  JsonNode *data;

  if (relationship == NULL || JSON_NODE_HOLDS_NULL (relationship))
    goto out;

  if (!JSON_NODE_HOLDS_OBJECT (relationship))
    {
      bad = TRUE;
      goto out;
    }

  /* No "data" (only links or meta, as JSON:API allows) or null: no link */
  object = json_node_get_object (relationship);
  data = json_object_get_member (object, "data");
  if (data == NULL)
    bad = !json_object_has_member (object, "links") && !json_object_has_member (object, "meta");
  else if (JSON_NODE_HOLDS_NULL (data))
    ;
  else if (JSON_NODE_HOLDS_ARRAY (data) && !to_one)
    {
      JsonArray *array = json_node_get_array (data);

      for (guint i = 0; !bad && i < json_array_get_length (array); i++)
        {
          const char *id = identifier_id (json_array_get_element (array, i));

          bad = id == NULL;
          if (!bad)
            g_ptr_array_add (ids, g_strdup (id));
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (data) && !to_many)
    {
      const char *id = identifier_id (data);

      bad = id == NULL;
      if (!bad)
        g_ptr_array_add (ids, g_strdup (id));
    }
  else
    bad = TRUE;

  /* All or nothing: half a list of links would read as the whole of it */
  if (bad)
    g_ptr_array_set_size (ids, 0);

out:
  if (malformed != NULL)
    *malformed = bad;

  return ids;
}

char *
eccp_field_spec_format_value (const EccpFieldSpec *field,
                              JsonNode            *value)
{
  GString *out;

  g_return_val_if_fail (field != NULL, NULL);

  out = g_string_new (NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_string_free (out, FALSE);

  if (eccp_field_spec_is_relation (field))
    {
      g_autoptr(GPtrArray) ids = eccp_relationship_get_ids (field, value, NULL);

      for (guint i = 0; i < ids->len; i++)
        {
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, g_ptr_array_index (ids, i));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          _eccp_field_kind_append_scalar (out, json_array_get_element (array, i));
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      g_autoptr(GList) members = json_object_get_members (object);
      gboolean first = TRUE;

      /* The spec's parts first, in its order, then any the spec does not know */
      for (guint i = 0; i < field->n_children; i++)
        {
          JsonNode *member = json_object_get_member (object, field->children[i].name);

          if (member == NULL || JSON_NODE_HOLDS_NULL (member))
            continue;
          g_string_append_printf (out, "%s%s=", first ? "" : ", ", field->children[i].name);
          _eccp_field_kind_append_scalar (out, member);
          first = FALSE;
        }

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (eccp_field_spec_get_child (field, l->data) != NULL ||
              JSON_NODE_HOLDS_NULL (member))
            continue;
          g_string_append_printf (out, "%s%s=", first ? "" : ", ", (const char *) l->data);
          _eccp_field_kind_append_scalar (out, member);
          first = FALSE;
        }
    }
  else
    _eccp_field_kind_append_scalar (out, value);

  return g_string_free (out, FALSE);
}

/* Showing values to people */

const char *
eccp_field_spec_choice_label (const EccpFieldSpec *field,
                              const char          *value)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (field->choices == NULL || field->choice_labels == NULL)
    return value;

  for (guint i = 0; field->choices[i] != NULL; i++)
    {
      if (g_str_equal (field->choices[i], value))
        return _(field->choice_labels[i]);
    }

  return value;
}

static void
append_display_member (GString    *out,
                       const char *label,
                       GString    *value)
{
  if (value->len == 0)
    return;

  if (out->len > 0)
    g_string_append (out, ", ");
  /* Translators: one member of a value with parts, "Members (SME): 30" */
  g_string_append_printf (out, _("%s: %s"), label, value->str);
}

char *
eccp_field_spec_display_value (const EccpFieldSpec *field,
                               JsonNode            *value)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  out = g_string_new (NULL);

  if (eccp_field_spec_is_relation (field))
    {
      /* The ids: only the store knows the related records' titles. */
      g_autofree char *ids = eccp_field_spec_format_value (field, value);

      g_string_append (out, ids);
    }
  else if (field->kind == ECCP_FIELD_LIST && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_NULL (item))
            continue;
          if (out->len > 0)
            g_string_append (out, ", ");
          _eccp_field_kind_append_display (out, field, field->item_kind, item);
        }
    }
  else if (field->kind == ECCP_FIELD_OBJECT && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      g_autoptr(GList) members = json_object_get_members (object);
      g_autoptr(GString) part = g_string_new (NULL);

      /* The spec's parts first, in its order, then any the spec does not know */
      for (guint i = 0; i < field->n_children; i++)
        {
          const EccpFieldSpec *child = &field->children[i];
          g_autofree char *text = NULL;

          text = eccp_field_spec_display_value (child, json_object_get_member (object, child->name));
          if (text == NULL)
            continue;
          g_string_assign (part, text);
          append_display_member (out, _(child->label), part);
        }

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (eccp_field_spec_get_child (field, l->data) != NULL)
            continue;
          g_string_truncate (part, 0);
          _eccp_field_kind_append_scalar (part, member);
          append_display_member (out, l->data, part);
        }
    }
  else
    {
      _eccp_field_kind_append_display (out, field, field->kind, value);
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
