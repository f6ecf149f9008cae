/* eccp-criteria-list.c: a cluster's publication criteria, as a checklist
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same check the portal makes when staff publish (portal-api.md
 * section 3, eccp_publication_criteria_evaluate()), one row per
 * criterion: what it asks, what the cluster has now and how to fix it.
 * Met or not is said by an icon and in words, for people who do not tell
 * the colours apart and for screen readers (the row's description is
 * "Met" or "Not met: <how to fix>").  A manager sees it before
 * submitting, staff while reviewing.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-criteria-list.h"

#include <glib/gi18n.h>

#include "eccp-validation.h"
#include "eccp-widget-util.h"

typedef struct
{
  GtkWidget *row;
  GtkImage  *icon;
  GtkLabel  *status;
} Row;

struct _EccpCriteriaList
{
  AdwPreferencesGroup parent_instance;

  EccpRecord         *record;
  gboolean            met;
  GArray             *rows; /* of Row, one per criterion */
};

G_DEFINE_FINAL_TYPE (EccpCriteriaList, eccp_criteria_list, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_RECORD,
  PROP_MET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Row *
get_row (EccpCriteriaList *self,
         guint             index)
{
  while (self->rows->len <= index)
    {
      Row row;
      GtkWidget *box;

      row.row = adw_action_row_new ();
      gtk_widget_add_css_class (row.row, "criterion");

      /* The icon is the state at a glance; the word after it says it. */
      row.icon = g_object_new (GTK_TYPE_IMAGE,
                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                               NULL);
      gtk_widget_set_valign (GTK_WIDGET (row.icon), GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row.row), GTK_WIDGET (row.icon));

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      row.status = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_set_valign (GTK_WIDGET (row.status), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (row.status), "caption-heading");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (row.status));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row.row), box);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row.row);
      g_array_append_val (self->rows, row);
    }

  return &g_array_index (self->rows, Row, index);
}

static void
show_criterion (Row                 *row,
                const EccpCriterion *criterion)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;

  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row->row), criterion->title);
  eccp_widget_set_accessible_label (row->row, criterion->title);

  if (criterion->met)
    {
      subtitle = g_strdup (criterion->now);
      description = g_strdup (_("Met"));
    }
  else
    {
      /* Translators: a criterion not met, what the cluster has and how
       * to fix it: "No website. Add a website" */
      subtitle = g_strdup_printf (_("%s. %s"), criterion->now, criterion->fix);
      /* Translators: a criterion's accessible description, "Not met: Add a website" */
      description = g_strdup_printf (_("Not met: %s"), criterion->fix);
    }

  /* Plain text: the website is the user's. */
  eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row->row), subtitle);

  gtk_image_set_from_icon_name (row->icon, criterion->met ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_label_set_label (row->status, criterion->met ? _("Met") : _("Not met"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *widget = i == 0 ? GTK_WIDGET (row->icon) : GTK_WIDGET (row->status);

      gtk_widget_remove_css_class (widget, criterion->met ? "error" : "success");
      gtk_widget_add_css_class (widget, criterion->met ? "success" : "error");
    }
  gtk_widget_remove_css_class (row->row, criterion->met ? "unmet" : "met");
  gtk_widget_add_css_class (row->row, criterion->met ? "met" : "unmet");

  /* The description is these words only, not the subtitle again. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
update (EccpCriteriaList *self)
{
  gboolean cluster = self->record != NULL &&
                     g_strcmp0 (eccp_record_get_type_name (self->record), "cluster") == 0;
  g_autoptr(GPtrArray) criteria = NULL;
  /* Only a cluster has criteria: nothing else fails one */
  gboolean met = TRUE;

  gtk_widget_set_visible (GTK_WIDGET (self), cluster);

  if (cluster)
    {
      guint n_met = 0;
      g_autofree char *description = NULL;

      criteria = eccp_publication_criteria_evaluate (eccp_record_get_attributes (self->record));
      for (guint i = 0; i < criteria->len; i++)
        {
          const EccpCriterion *criterion = g_ptr_array_index (criteria, i);

          show_criterion (get_row (self, i), criterion);
          n_met += criterion->met ? 1 : 0;
        }
      while (self->rows->len > criteria->len)
        {
          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                        g_array_index (self->rows, Row, self->rows->len - 1).row);
          g_array_set_size (self->rows, self->rows->len - 1);
        }

      met = n_met == criteria->len;
      if (met)
        description = g_strdup (_("The cluster meets every criterion for publication."));
      else
        /* Translators: "1 of 4 criteria met" */
        description = g_strdup_printf (ngettext ("%u of %u criterion met. Staff publish a cluster only when all are.",
                                                 "%u of %u criteria met. Staff publish a cluster only when all are.",
                                                 criteria->len),
                                       n_met, criteria->len);
      eccp_widget_set_group_description (ADW_PREFERENCES_GROUP (self), description);
    }

  if (met != self->met)
    {
      self->met = met;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MET]);
    }
}

static void
eccp_criteria_list_dispose (GObject *object)
{
  EccpCriteriaList *self = (EccpCriteriaList *)object;

  g_clear_object (&self->record);

  G_OBJECT_CLASS (eccp_criteria_list_parent_class)->dispose (object);
}

static void
eccp_criteria_list_finalize (GObject *object)
{
  EccpCriteriaList *self = (EccpCriteriaList *)object;

  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (eccp_criteria_list_parent_class)->finalize (object);
}

static void
eccp_criteria_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EccpCriteriaList *self = ECCP_CRITERIA_LIST (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    case PROP_MET:
      g_value_set_boolean (value, self->met);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_criteria_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EccpCriteriaList *self = ECCP_CRITERIA_LIST (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      eccp_criteria_list_set_record (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_criteria_list_class_init (EccpCriteriaListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eccp_criteria_list_dispose;
  object_class->finalize = eccp_criteria_list_finalize;
  object_class->get_property = eccp_criteria_list_get_property;
  object_class->set_property = eccp_criteria_list_set_property;

  /* The record judged; records are values, so a changed record is a new
   * one set here (the views read it again from the store). */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ECCP_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* No criterion fails: what Submit for review and Approve wait for.
   * %TRUE without a record and for a record of a type that has no
   * criteria (all but a cluster), as the portal and the store check
   * only a cluster's. */
  properties[PROP_MET] =
    g_param_spec_boolean ("met", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eccp_criteria_list_init (EccpCriteriaList *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  self->met = TRUE;
  eccp_widget_set_group_title (ADW_PREFERENCES_GROUP (self), _("Publication criteria"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "criteria-list");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
eccp_criteria_list_new (void)
{
  return g_object_new (ECCP_TYPE_CRITERIA_LIST, NULL);
}

void
eccp_criteria_list_set_record (EccpCriteriaList *self,
                               EccpRecord       *record)
{
  g_return_if_fail (ECCP_IS_CRITERIA_LIST (self));
  g_return_if_fail (record == NULL || ECCP_IS_RECORD (record));

  if (!g_set_object (&self->record, record))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

EccpRecord *
eccp_criteria_list_get_record (EccpCriteriaList *self)
{
  g_return_val_if_fail (ECCP_IS_CRITERIA_LIST (self), NULL);

  return self->record;
}

gboolean
eccp_criteria_list_get_met (EccpCriteriaList *self)
{
  g_return_val_if_fail (ECCP_IS_CRITERIA_LIST (self), FALSE);

  return self->met;
}
