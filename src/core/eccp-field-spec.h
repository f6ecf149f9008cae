/* eccp-field-spec.h: the record types and their fields, described once as data
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "eccp-country.h"
#include "eccp-field-kind.h"

G_BEGIN_DECLS

/* The kinds of field (EccpFieldKind), their editors and diff styles are in
 * eccp-field-kind.h: the one table of what each kind is. */

typedef enum
{
  ECCP_FIELD_FLAG_NONE       = 0,
  ECCP_FIELD_FLAG_REQUIRED   = 1 << 0,
  ECCP_FIELD_FLAG_SEARCHABLE = 1 << 1, /* goes into the full-text index */
  ECCP_FIELD_FLAG_SUMMARY    = 1 << 2, /* shown in a one-line list row */
  ECCP_FIELD_FLAG_TITLE      = 1 << 3, /* the record's name in lists */
} EccpFieldFlags;

/* spec->max for "no upper limit" when min must still be checked
 * (min 0, max 0 would mean no limit at all): capacity ≥ 0 is
 * { .min = 0, .max = ECCP_FIELD_UNBOUNDED }. */
#define ECCP_FIELD_UNBOUNDED G_MAXDOUBLE

struct _EccpFieldSpec
{
  const char            *name;        /* the attribute or relationship name */
  const char            *label;       /* N_() marked, translate with _() */
  EccpFieldKind          kind;
  EccpFieldKind          item_kind;   /* ECCP_FIELD_LIST only */
  EccpFieldFlags         flags;
  double                 min;         /* length for text kinds, value for numbers; */
  double                 max;         /* list: item count; 0,0 = no limit */
  const char * const    *choices;     /* ECCP_FIELD_ENUM, or a LIST of ENUM */
  const char * const    *choice_labels; /* parallel to choices, N_() marked; %NULL:
                                         * the values are their own labels (names) */
  const char            *target_type; /* relations */
  const EccpFieldSpec   *children;    /* ECCP_FIELD_OBJECT */
  guint                  n_children;
  const char            *currency;    /* an amount (ECCP_FIELD_NUMBER): ISO 4217 */
};

typedef struct
{
  const char          *name;         /* "cluster" */
  const char          *label;        /* N_("Cluster") */
  const char          *plural_label; /* N_("Clusters") */
  gboolean             moderated;
  gboolean             append_only;  /* checkin: never changed or deleted */
  const EccpFieldSpec *fields;
  guint                n_fields;
} EccpTypeSpec;

const EccpTypeSpec  *eccp_type_spec_lookup        (const char          *type_name);
const EccpTypeSpec * const *
                     eccp_type_spec_all           (guint               *n_types);
const EccpFieldSpec *eccp_type_spec_get_field     (const EccpTypeSpec  *type,
                                                   const char          *field_name);
/* "members.sme": the child spec of an ECCP_FIELD_OBJECT field; a name
 * without a dot is the same as eccp_type_spec_get_field(). */
const EccpFieldSpec *eccp_type_spec_get_field_path
                                                  (const EccpTypeSpec  *type,
                                                   const char          *path);
const EccpFieldSpec *eccp_field_spec_get_child    (const EccpFieldSpec *field,
                                                   const char          *child_name);
/* %NULL for types without one (checkin, meeting): callers fall back. */
const EccpFieldSpec *eccp_type_spec_get_title_field
                                                  (const EccpTypeSpec  *type);
gboolean             eccp_field_spec_is_relation  (const EccpFieldSpec *field);
/* The ids a relationship links to, read safely: @relationship must be
 * {"data": null}, {"data": identifier} or (to-many) {"data": [identifier…]},
 * each identifier an object with a string "id".  Anything else (data a
 * string, a number or missing, an array where @field is to-one, an
 * identifier without a string id) is treated as absent: no ids, and
 * *@malformed (when given) set to %TRUE.  @field %NULL (a relationship the
 * specs do not know) takes either shape.  Every reader of relationships
 * goes through this, so the portal's wrong types never reach json-glib's
 * typed getters (which warn). */
GPtrArray           *eccp_relationship_get_ids    (const EccpFieldSpec *field,
                                                   JsonNode            *relationship,
                                                   gboolean            *malformed);
/* Whether typed @text holds nothing but white space: a value left empty. */
gboolean             eccp_field_spec_is_blank_text
                                                  (const char          *text);

/* The 15 industrial ecosystems (the portal's strings), %NULL-terminated. */
const char * const  *eccp_industrial_ecosystems   (void);

/* Converts the text a person or a script typed (the VALUE of FIELD=VALUE) into
 * the JSON the portal expects for @field: lists are comma separated, numbers
 * are parsed in the C locale, relations take record ids.  An empty string
 * means "no value" (JSON null, or an empty list).  Returns %NULL and sets
 * @error (ECCP_VALIDATION_ERROR) when the text cannot be that kind of value. */
JsonNode            *eccp_field_spec_parse_text   (const EccpFieldSpec *field,
                                                   const char          *text,
                                                   GError             **error);

/* The value as one line of text, the inverse of parse_text for scalar
 * kinds: lists are joined with ", ", relations give their ids.  Returns an
 * empty string for null or missing values. */
char                *eccp_field_spec_format_value (const EccpFieldSpec *field,
                                                   JsonNode            *value);

/* The label a person reads for the choice @value of an ECCP_FIELD_ENUM
 * field (or a LIST of ENUM): "cluster_organisation" → "Cluster
 * organisation", translated (GETTEXT_PACKAGE).  @value itself when the
 * field has no such choice, or no labels (the portal's names, such as a
 * partnership's programme, are their own labels). */
const char          *eccp_field_spec_choice_label (const EccpFieldSpec *field,
                                                   const char          *value);

/* The value as a person reads it, on one line: a choice's label, a
 * country's name, "Yes" or "No", a date or a time in the locale's
 * format ("12 Mar 2026"; a time at its own offset, the local time where
 * it happens), numbers grouped the locale's way ("1,200"; years not),
 * amounts with their currency ("€14,280,000", eccp_format_amount()),
 * list items each shown so and joined with ", ", an object's members as
 * "Label: value" pairs, relations as their ids.
 * Not for reading back: eccp_field_spec_format_value() is the inverse of
 * parse_text.  Returns %NULL when there is nothing to show (null or
 * missing, an empty string, list or object). */
char                *eccp_field_spec_display_value
                                                  (const EccpFieldSpec *field,
                                                   JsonNode            *value);

G_END_DECLS
