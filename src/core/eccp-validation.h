/* eccp-validation.h: checking records against their field specs
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "eccp-field-spec.h"

G_BEGIN_DECLS

#define ECCP_VALIDATION_ERROR (eccp_validation_error_quark ())

typedef enum
{
  ECCP_VALIDATION_ERROR_INVALID, /* one or more fields are not valid */
} EccpValidationError;

GQuark eccp_validation_error_quark (void);

/* One problem with one field.  @code is the machine-readable reason, the same
 * vocabulary as the portal's JSON:API error objects ("required", "too_long",
 * "invalid_email", "criteria_not_met", ...); @message is a translated
 * sentence a person can act on ("Website: 'ftp://x' is not an http or https
 * address"). */
typedef struct
{
  char *field;   /* the field name, "members.sme" for an object member */
  char *code;
  char *message;
} EccpFieldError;

#define ECCP_TYPE_FIELD_ERROR (eccp_field_error_get_type ())

GType           eccp_field_error_get_type (void) G_GNUC_CONST;
EccpFieldError *eccp_field_error_new      (const char           *field,
                                           const char           *code,
                                           const char           *message);
EccpFieldError *eccp_field_error_copy     (const EccpFieldError *error);
void            eccp_field_error_free     (EccpFieldError       *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpFieldError, eccp_field_error_free)

/* Checks a whole record of @type (its attributes and relationships, either
 * may be %NULL).  When @only_fields is not %NULL, errors are reported for
 * those field names only (and for the rules that involve one of them, such as
 * an event ending before it starts): an edit is judged by what it changed, so
 * an old record the portal sent with a gap can still be edited elsewhere.
 * Attributes the specs do not know are kept and never judged.
 *
 * Returns: (transfer full) (element-type EccpFieldError): the errors, in the
 * order of the spec; an empty array when the record is valid. */
GPtrArray *eccp_validate_record          (const EccpTypeSpec  *type,
                                          JsonObject          *attributes,
                                          JsonObject          *relationships,
                                          const char * const  *only_fields);

/* Checks one value against its spec (no cross-field rules).  Returns a
 * (transfer full) error or %NULL when @value is valid.  A missing or null
 * @value is judged against ECCP_FIELD_FLAG_REQUIRED; so are blank text, an
 * empty list and a relationship whose data is null, missing or empty.  For an
 * object the first member error is returned ("members.sme"). */
EccpFieldError *eccp_validate_value      (const EccpFieldSpec *field,
                                          JsonNode            *value);

/* One of the portal's publication criteria for a cluster (portal-api.md
 * section 3), judged on one record's attributes.  Every string is
 * translated. */
typedef struct
{
  char     *title;   /* the criterion: "A website" */
  char     *field;   /* the attribute it reads: "management_fte", "website", "members" */
  gboolean  met;
  char     *now;     /* what the record has now: "0.3 FTE", "No website" */
  char     *fix;     /* how to meet it: "Add a website" */
  char     *message; /* a sentence saying what fails and by how much, for
                      * eccp submit and the portal's 422 */
} EccpCriterion;

#define ECCP_TYPE_CRITERION (eccp_criterion_get_type ())

GType          eccp_criterion_get_type (void) G_GNUC_CONST;
EccpCriterion *eccp_criterion_copy     (const EccpCriterion *criterion);
void           eccp_criterion_free     (EccpCriterion       *criterion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpCriterion, eccp_criterion_free)

/* Every publication criterion of a cluster, met or not, in the portal's
 * order: a management team of at least 0.5 FTE, a website, at least 15
 * members in all, members of at least two kinds.  @attributes may be
 * %NULL (nothing is met).
 *
 * Returns: (transfer full) (element-type EccpCriterion): all of them */
GPtrArray *eccp_publication_criteria_evaluate (JsonObject        *attributes);
/* Whether every criterion in @criteria (from the above) is met */
gboolean   eccp_publication_criteria_all_met  (GPtrArray         *criteria);

/* The same criteria as errors: one per unmet criterion, code
 * "criteria_not_met", field and message those of the criterion. */
GPtrArray *eccp_check_publication_criteria (JsonObject        *cluster_attributes);

/* Joins the messages of @errors into one GError (ECCP_VALIDATION_ERROR_INVALID),
 * one line per error. */
void       eccp_validation_set_error      (GError             **error,
                                           GPtrArray           *errors);

G_END_DECLS
