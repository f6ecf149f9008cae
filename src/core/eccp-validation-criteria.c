/* eccp-validation-criteria.c: the publication criteria of a cluster
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * portal-api.md section 3: the portal checks them when staff publish a
 * cluster, and a client shows the same check before a manager submits.
 * The rules are the table below, once: the portal's 422, `eccp submit`,
 * the store's transition and the app's checklist all read it.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-validation.h"

#include "eccp-json.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#define MIN_MANAGEMENT_FTE 0.5
#define MIN_MEMBERS        15
#define MIN_MEMBER_KINDS   2

G_DEFINE_BOXED_TYPE (EccpCriterion, eccp_criterion,
                     eccp_criterion_copy, eccp_criterion_free)

EccpCriterion *
eccp_criterion_copy (const EccpCriterion *criterion)
{
  EccpCriterion *copy;

  g_return_val_if_fail (criterion != NULL, NULL);

  copy = g_new0 (EccpCriterion, 1);
  copy->title = g_strdup (criterion->title);
  copy->field = g_strdup (criterion->field);
  copy->met = criterion->met;
  copy->now = g_strdup (criterion->now);
  copy->fix = g_strdup (criterion->fix);
  copy->message = g_strdup (criterion->message);

  return copy;
}

void
eccp_criterion_free (EccpCriterion *criterion)
{
  if (criterion == NULL)
    return;

  g_free (criterion->title);
  g_free (criterion->field);
  g_free (criterion->now);
  g_free (criterion->fix);
  g_free (criterion->message);
  g_free (criterion);
}

/* What the rules read, gathered once per record. */
typedef struct
{
  gboolean    has_fte;
  double      fte;
  const char *website;     /* %NULL: none, or blank */
  gint64      members;     /* in all */
  GPtrArray  *kinds;       /* translated names of the kinds with members */
} Facts;

/* The member kinds (the cluster's "members" object), as a person names them */
static const struct
{
  const char *name;
  const char *label; /* N_() */
} member_kinds[] = {
  { "sme", N_("SMEs") },
  { "large", N_("large companies") },
  { "research", N_("research") },
  { "other", N_("other") },
};

static void
gather_facts (JsonObject *attributes,
              Facts      *facts)
{
  JsonNode *fte = attributes != NULL ? json_object_get_member (attributes, "management_fte") : NULL;
  JsonObject *members = eccp_json_get_object (attributes, "members");
  const char *website = eccp_json_get_string (attributes, "website");

  facts->has_fte = fte != NULL && JSON_NODE_HOLDS_VALUE (fte)
                   && (json_node_get_value_type (fte) == G_TYPE_INT64
                       || json_node_get_value_type (fte) == G_TYPE_DOUBLE)
                   && isfinite (json_node_get_double (fte));
  facts->fte = facts->has_fte ? json_node_get_double (fte) : 0;
  facts->website = website != NULL && !eccp_field_spec_is_blank_text (website) ? website : NULL;

  for (guint i = 0; members != NULL && i < G_N_ELEMENTS (member_kinds); i++)
    {
      JsonNode *node = json_object_get_member (members, member_kinds[i].name);

      /* Counts are integers (the field spec): anything else counts none. */
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) <= 0)
        continue;

      facts->members += json_node_get_int (node);
      g_ptr_array_add (facts->kinds, (gpointer) _(member_kinds[i].label));
    }
}

static char *
format_fte (double fte)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", fte));
}

/* Each rule judges @facts: whether it is met, what the record has now, and
 * (when not met) the sentence that says by how much. */

static gboolean
judge_management (const Facts  *facts,
                  char        **now,
                  char        **message)
{
  g_autofree char *fte = NULL;

  if (!facts->has_fte)
    {
      *now = g_strdup (_("No management team given"));
      *message = g_strdup (_("The management team must be at least 0.5 FTE; none is given"));
      return FALSE;
    }

  fte = format_fte (facts->fte);
  /* Translators: full-time equivalents of a cluster's management team */
  *now = g_strdup_printf (_("%s FTE"), fte);
  if (facts->fte >= MIN_MANAGEMENT_FTE)
    return TRUE;

  *message = g_strdup_printf (_("The management team must be at least 0.5 FTE (now %s)"), fte);
  return FALSE;
}

static gboolean
judge_website (const Facts  *facts,
               char        **now,
               char        **message)
{
  if (facts->website != NULL)
    {
      *now = g_strdup (facts->website);
      return TRUE;
    }

  *now = g_strdup (_("No website"));
  *message = g_strdup (_("A published profile needs a website"));
  return FALSE;
}

static gboolean
judge_members (const Facts  *facts,
               char        **now,
               char        **message)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, facts->members);

  *now = g_strdup_printf (ngettext ("%s member", "%s members", (gulong) facts->members), count);
  if (facts->members >= MIN_MEMBERS)
    return TRUE;

  *message = g_strdup_printf (_("The cluster needs at least %u members in all (now %s)"),
                              MIN_MEMBERS, count);
  return FALSE;
}

static gboolean
judge_member_kinds (const Facts  *facts,
                    char        **now,
                    char        **message)
{
  g_autoptr(GString) kinds = g_string_new (NULL);

  for (guint i = 0; i < facts->kinds->len; i++)
    {
      if (i > 0)
        g_string_append (kinds, ", ");
      g_string_append (kinds, g_ptr_array_index (facts->kinds, i));
    }

  if (facts->kinds->len == 0)
    *now = g_strdup (_("No members of any kind"));
  else if (facts->kinds->len == 1)
    /* Translators: the one kind of members a cluster has, "Only SMEs" */
    *now = g_strdup_printf (_("Only %s"), kinds->str);
  else
    *now = g_strdup (kinds->str);

  if (facts->kinds->len >= MIN_MEMBER_KINDS)
    return TRUE;

  *message = g_strdup_printf (_("Members must be of at least %u kinds among SMEs, large companies, research and other (now %u)"),
                              MIN_MEMBER_KINDS, facts->kinds->len);
  return FALSE;
}

static const struct
{
  const char *field;
  const char *title; /* N_() */
  const char *fix;   /* N_() */
  gboolean  (*judge) (const Facts *facts, char **now, char **message);
} rules[] = {
  { "management_fte", N_("A management team of at least 0.5 FTE"),
    N_("Set the management team to at least 0.5 FTE"), judge_management },
  { "website", N_("A website"), N_("Add a website"), judge_website },
  { "members", N_("At least 15 members in all"),
    N_("Count at least 15 members in all"), judge_members },
  { "members", N_("Members of at least two kinds"),
    N_("Count members of a second kind: SMEs, large companies, research or other"),
    judge_member_kinds },
};

GPtrArray *
eccp_publication_criteria_evaluate (JsonObject *attributes)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  Facts facts = { .kinds = kinds };
  GPtrArray *criteria;

  criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_criterion_free);
  gather_facts (attributes, &facts);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      EccpCriterion *criterion = g_new0 (EccpCriterion, 1);

      criterion->title = g_strdup (_(rules[i].title));
      criterion->field = g_strdup (rules[i].field);
      criterion->fix = g_strdup (_(rules[i].fix));
      criterion->met = rules[i].judge (&facts, &criterion->now, &criterion->message);
      g_ptr_array_add (criteria, criterion);
    }

  return criteria;
}

gboolean
eccp_publication_criteria_all_met (GPtrArray *criteria)
{
  g_return_val_if_fail (criteria != NULL, FALSE);

  for (guint i = 0; i < criteria->len; i++)
    if (!((EccpCriterion *) g_ptr_array_index (criteria, i))->met)
      return FALSE;

  return TRUE;
}

GPtrArray *
eccp_check_publication_criteria (JsonObject *cluster_attributes)
{
  g_autoptr(GPtrArray) criteria = eccp_publication_criteria_evaluate (cluster_attributes);
  GPtrArray *errors;

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_field_error_free);

  for (guint i = 0; i < criteria->len; i++)
    {
      const EccpCriterion *criterion = g_ptr_array_index (criteria, i);

      if (!criterion->met)
        g_ptr_array_add (errors, eccp_field_error_new (criterion->field, "criteria_not_met",
                                                       criterion->message));
    }

  return errors;
}
