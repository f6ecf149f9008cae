/* eccp-record-view-links.c: the links of the record view, found in the store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A relation is a row per related record that opens it (the action
 * win.show-record); the relations that point here from other records
 * ("a cluster's partnerships") are found with a query on the other type.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-view-private.h"

#include <glib/gi18n.h>

#include "eccp-field-spec.h"
#include "eccp-record-row.h"
#include "eccp-widget-util.h"

/* A relation that points at a type from another one. */
typedef struct
{
  const char *target_type; /* the type shown */
  const char *from_type;   /* the type whose field points here */
  const char *field;       /* that field */
  const char *title;       /* N_() */
} ReverseRelation;

static const ReverseRelation reverse_relations[] = {
  { "cluster", "partnership", "members", N_("Partnerships") },
  { "cluster", "partnership", "coordinator", N_("Coordinates") },
  { "partnership", "event", "partnership", N_("Events") },
  /* An event's attendees are EccpEventAttendees, all of them, searchable */
};

static void
link_free (gpointer data)
{
  Link *link = data;

  g_free (link->type);
  g_free (link->id);
  g_clear_object (&link->record);
  g_free (link);
}

static void
link_group_free (gpointer data)
{
  LinkGroup *group = data;

  g_free (group->title);
  g_ptr_array_unref (group->links);
  g_free (group);
}

static LinkGroup *
link_group_new (const char *title,
                gint64      total)
{
  LinkGroup *group = g_new0 (LinkGroup, 1);

  group->title = g_strdup (title);
  group->links = g_ptr_array_new_with_free_func (link_free);
  group->total = total;

  return group;
}

static void
add_link (EccpStore      *store,
          LinkGroup      *group,
          const char     *type,
          const char     *id,
          EccpRecord     *record)
{
  Link *link = g_new0 (Link, 1);

  link->type = g_strdup (type);
  link->id = g_strdup (id);
  link->record = record != NULL ? g_object_ref (record) : eccp_store_get (store, type, id, NULL);
  g_ptr_array_add (group->links, link);
}

/* A relation's links, from the record's relationships */
static LinkGroup *
collect_relation (EccpStore           *store,
                  const EccpFieldSpec *field,
                  JsonObject          *relationships)
{
  /* The portal's wrong types count as no link (eccp_relationship_get_ids) */
  g_autoptr(GPtrArray) ids = eccp_relationship_get_ids (field,
                                                        relationships != NULL
                                                        ? json_object_get_member (relationships, field->name)
                                                        : NULL,
                                                        NULL);
  LinkGroup *group = link_group_new (_(field->label), -1);

  for (guint i = 0; i < ids->len; i++)
    add_link (store, group, field->target_type, g_ptr_array_index (ids, i), NULL);

  return group;
}

/* The records of another type that point here, or %NULL when none do */
static LinkGroup *
collect_reverse (EccpStore             *store,
                 const char            *id,
                 const ReverseRelation *reverse)
{
  g_autoptr(EccpQuery) query = eccp_query_new (reverse->from_type);
  g_autoptr(GPtrArray) records = NULL;
  LinkGroup *group;
  gint64 count;

  eccp_query_add_filter (query, reverse->field, id);
  count = eccp_store_count (store, query, NULL);
  if (count <= 0)
    return NULL;

  eccp_query_set_range (query, 0, REVERSE_MAX);
  records = eccp_store_query (store, query, NULL);
  if (records == NULL)
    return NULL;

  group = link_group_new (_(reverse->title), count);
  for (guint i = 0; i < records->len; i++)
    {
      EccpRecord *record = g_ptr_array_index (records, i);

      add_link (store, group, eccp_record_get_type_name (record), eccp_record_get_id (record), record);
    }

  return group;
}

/* Every link group of the record shown, in the order they are shown */
GPtrArray *
_eccp_record_view_collect_links (EccpStore  *store,
                                 EccpRecord *record)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (link_group_free);
  const EccpTypeSpec *spec = eccp_type_spec_lookup (eccp_record_get_type_name (record));

  if (spec == NULL)
    return groups;

  for (guint i = 0; i < spec->n_fields; i++)
    if (eccp_field_spec_is_relation (&spec->fields[i]))
      g_ptr_array_add (groups, collect_relation (store, &spec->fields[i],
                                                 eccp_record_get_relationships (record)));

  for (guint i = 0; i < G_N_ELEMENTS (reverse_relations); i++)
    if (g_strcmp0 (reverse_relations[i].target_type, spec->name) == 0)
      {
        LinkGroup *group = collect_reverse (store, eccp_record_get_id (record), &reverse_relations[i]);

        if (group != NULL)
          g_ptr_array_add (groups, group);
      }

  return groups;
}

/* What the groups show, as one string to compare */
char *
_eccp_record_view_links_key (GPtrArray *groups)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      LinkGroup *group = g_ptr_array_index (groups, i);

      g_string_append_printf (key, "%s\x1f%" G_GINT64_FORMAT "\x1e", group->title, group->total);
      for (guint j = 0; j < group->links->len; j++)
        {
          Link *link = g_ptr_array_index (group->links, j);
          g_autofree char *summary = link->record != NULL ? eccp_record_describe (link->record) : NULL;

          g_string_append_printf (key, "%s\x1f%s\x1f%s\x1f%s\x1f%d\x1e", link->type, link->id,
                                  link->record != NULL ? eccp_record_get_title (link->record) : "",
                                  summary != NULL ? summary : "",
                                  link->record != NULL ? (int) eccp_record_get_sync_state (link->record) : -1);
        }
    }

  return g_string_free (key, FALSE);
}

GtkWidget *
_eccp_record_view_link_row (Link *link)
{
  const EccpTypeSpec *spec = eccp_type_spec_lookup (link->type);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *summary = NULL;

  if (link->record != NULL)
    {
      summary = eccp_record_describe (link->record);
      eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), eccp_record_get_title (link->record));
      eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), *summary != '\0' ? summary
                                    : spec != NULL ? _(spec->label) : link->type);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-record");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", link->type, link->id);
    }
  else
    {
      /* Not in the store (yet): a record the feed has not brought. */
      eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), link->id);
      eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), _("Not in the local copy yet"));
    }

  return row;
}
