/* eccp-cli-review.c: what a reviewer reads: review, diff
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `eccp review` is the queue: what waits for staff, oldest submission
 * first.  `eccp diff TYPE ID` is the record's working copy against its published
 * revision (meta.published), field by field, from the core's diff: labels
 * and names as `show` prints them, long texts word by word with wdiff's
 * [-deleted-] and {+inserted+} marks, which read without colour.
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eccp-cli.h"
#include "eccp-date.h"
#include "eccp-diff.h"
#include "eccp-enum.h"
#include "eccp-json.h"

static const char *
field_label (const EccpTypeSpec  *type,
             const EccpFieldDiff *diff)
{
  const char *dot = strchr (diff->path, '.');

  /* A member is labelled as the object's: "Members (SME)" */
  if (dot != NULL)
    return _(diff->field->label);

  return _(eccp_type_spec_get_field (type, diff->path)->label);
}

static char *
display (const EccpFieldDiff *diff,
         JsonNode            *value)
{
  return value != NULL ? eccp_cli_display_field (diff->field, value) : g_strdup ("");
}

static char *
display_items (const EccpFieldDiff *diff,
               GPtrArray           *items)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, json_node_copy (g_ptr_array_index (items, i)));
  json_node_set_array (node, array);

  return display (diff, node);
}

static char *
describe_words (const char *before,
                const char *after)
{
  g_autoptr(GPtrArray) segments = eccp_diff_words (before, after);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      EccpDiffSegment *segment = g_ptr_array_index (segments, i);

      if (segment->op == ECCP_DIFF_DELETE)
        g_string_append_printf (text, "[-%s-]", segment->text);
      else if (segment->op == ECCP_DIFF_INSERT)
        g_string_append_printf (text, "{+%s+}", segment->text);
      else
        g_string_append (text, segment->text);
    }

  return g_string_free (text, FALSE);
}

/* One field's change in words */
static char *
describe (const EccpFieldDiff *diff)
{
  g_autofree char *published = display (diff, diff->published);
  g_autofree char *current = display (diff, diff->current);

  switch (diff->change)
    {
    case ECCP_DIFF_ADDED:
      /* Translators: a field set in the working copy, not in the published one */
      return g_strdup_printf (_("added: %s"), current);

    case ECCP_DIFF_REMOVED:
      /* Translators: a field set in the published copy, cleared since */
      return g_strdup_printf (_("removed (was: %s)"), published);

    case ECCP_DIFF_SAME:
      return g_steal_pointer (&current);

    case ECCP_DIFF_CHANGED:
    default:
      break;
    }

  switch (eccp_field_spec_get_diff_style (diff->field))
    {
    case ECCP_FIELD_DIFF_LONG_TEXT:
      return describe_words (json_node_get_string (diff->published), json_node_get_string (diff->current));

    case ECCP_FIELD_DIFF_SET:
      {
        g_autoptr(GPtrArray) added = NULL;
        g_autoptr(GPtrArray) removed = NULL;
        g_autofree char *gained = NULL;
        g_autofree char *lost = NULL;

        eccp_diff_list_items (diff->published, diff->current, &added, &removed);
        gained = display_items (diff, added);
        lost = display_items (diff, removed);
        if (added->len > 0 && removed->len > 0)
          /* Translators: the items a list gained, then those it lost */
          return g_strdup_printf (_("+ %s; − %s"), gained, lost);
        if (added->len > 0)
          return g_strdup_printf ("+ %s", gained);
        return g_strdup_printf ("− %s", lost);
      }

    default:
      /* Translators: a field's published value → its value now */
      return g_strdup_printf (_("%s → %s"), published, current);
    }
}

static void
print_json (GPtrArray          *diffs,
            const EccpTypeSpec *type)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < diffs->len; i++)
    {
      EccpFieldDiff *diff = g_ptr_array_index (diffs, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "field", diff->path);
      json_object_set_string_member (object, "label", field_label (type, diff));
      json_object_set_string_member (object, "change", eccp_enum_get_nick (ECCP_TYPE_DIFF_CHANGE, diff->change));
      json_object_set_member (object, "published",
                              diff->published != NULL ? json_node_copy (diff->published)
                                                      : json_node_new (JSON_NODE_NULL));
      json_object_set_member (object, "current",
                              diff->current != NULL ? json_node_copy (diff->current)
                                                    : json_node_new (JSON_NODE_NULL));
      json_array_add_object_element (array, object);
    }

  json_node_set_array (node, array);
  eccp_cli_print_json (node);
}

gboolean
eccp_cli_cmd_diff (EccpCli      *cli,
                   EccpCliArgs  *args,
                   GError      **error)
{
  const EccpTypeSpec *type;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  JsonObject *published;

  if ((record = eccp_cli_get_record (cli, args, &type, error)) == NULL)
    return FALSE;

  if (!type->moderated)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   _("A %s has no published revision to compare with"), type->name);
      return FALSE;
    }

  published = eccp_json_get_object (eccp_record_get_meta (record), "published");
  diffs = eccp_diff_attributes (type, published, eccp_record_get_attributes (record),
                                eccp_cli_args_has (args, "all"));

  if (eccp_cli_args_has (args, "json"))
    {
      print_json (diffs, type);
      return TRUE;
    }

  if (diffs->len == 0)
    {
      g_print ("%s\n", _("No change from the published revision"));
      return TRUE;
    }

  if (published == NULL)
    g_print ("%s\n", _("Never published: every field is new"));

  lines = eccp_cli_lines_new ();
  for (guint i = 0; i < diffs->len; i++)
    {
      EccpFieldDiff *diff = g_ptr_array_index (diffs, i);

      eccp_cli_lines_add (lines, 0, field_label (type, diff), describe (diff));
    }
  eccp_cli_lines_print (lines);

  return TRUE;
}

/* When it was submitted: the record's last change, which the submission is */
static const char *
submitted (EccpRecord *record)
{
  return eccp_json_get_string (eccp_record_get_meta (record), "changed");
}

gboolean
eccp_cli_cmd_review (EccpCli      *cli,
                     EccpCliArgs  *args,
                     GError      **error)
{
  g_autoptr(GPtrArray) records = NULL;
  EccpStore *store;

  if ((store = eccp_cli_get_store (cli, error)) == NULL ||
      (records = eccp_store_list_for_review (store, error)) == NULL)
    return FALSE;

  if (eccp_cli_args_has (args, "json"))
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < records->len; i++)
        {
          EccpRecord *record = g_ptr_array_index (records, i);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "type", eccp_record_get_type_name (record));
          json_object_set_string_member (object, "id", eccp_record_get_id (record));
          json_object_set_string_member (object, "title", eccp_record_get_title (record));
          if (submitted (record) != NULL)
            json_object_set_string_member (object, "submitted", submitted (record));
          else
            json_object_set_null_member (object, "submitted");
          json_array_add_object_element (array, object);
        }
      json_node_set_array (node, array);
      eccp_cli_print_json (node);
      return TRUE;
    }

  if (records->len == 0)
    {
      g_print ("%s\n", _("Nothing waits for review"));
      return TRUE;
    }

  /* id, type, when, title: one line each, oldest first, in columns */
  {
    g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
    g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
    guint type_width = 0;
    guint date_width = 0;

    for (guint i = 0; i < records->len; i++)
      {
        EccpRecord *record = g_ptr_array_index (records, i);
        const EccpTypeSpec *type = eccp_type_spec_lookup (eccp_record_get_type_name (record));
        g_autoptr(GDateTime) when = submitted (record) != NULL
                                    ? eccp_date_time_parse_iso8601 (submitted (record)) : NULL;
        char *date = when != NULL ? eccp_date_time_format_short (when) : g_strdup ("");
        const char *kind = type != NULL ? _(type->label) : eccp_record_get_type_name (record);

        g_ptr_array_add (kinds, (gpointer) kind);
        g_ptr_array_add (dates, date);
        type_width = MAX (type_width, eccp_cli_text_width (kind));
        date_width = MAX (date_width, eccp_cli_text_width (date));
      }

    for (guint i = 0; i < records->len; i++)
      {
        EccpRecord *record = g_ptr_array_index (records, i);
        g_autofree char *kind = eccp_cli_pad (g_ptr_array_index (kinds, i), type_width);
        g_autofree char *date = eccp_cli_pad (g_ptr_array_index (dates, i), date_width);

        g_print ("%s  %s  %s  %s\n", eccp_record_get_id (record), kind, date, eccp_record_get_title (record));
      }
  }

  return TRUE;
}
