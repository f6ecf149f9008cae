/* eccp-cli-read.c: list, show, status and export
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>

#include <glib/gi18n.h>

#include "eccp-cli.h"
#include "eccp-call.h"
#include "eccp-csv.h"
#include "eccp-ical.h"
#include "eccp-rights.h"
#include "eccp-json.h"
#include "eccp-validation.h"

/* The plain listing's default --limit; --json has none. */
#define DEFAULT_PLAIN_LIMIT 50

/* The widest a text column of the plain listing grows. */
#define MAX_COLUMN_WIDTH 40

typedef struct
{
  EccpRecordFunc  func;
  gpointer        user_data;
  guint           n_seen;
} ForeachData;

static gboolean
count_and_call (EccpRecord  *record,
                gpointer     user_data,
                GError     **error)
{
  ForeachData *data = user_data;

  data->n_seen++;

  return data->func (record, data->user_data, error);
}

/* Calls @func for at most @limit records (0: all) of @query, from one
 * statement of the store: one snapshot, never the whole list in memory. */
static gboolean
foreach_record (EccpStore       *store,
                EccpQuery       *query,
                guint            limit,
                EccpRecordFunc   func,
                gpointer         user_data,
                guint           *n_seen,
                GError         **error)
{
  ForeachData data = { func, user_data, 0 };
  gboolean ok;

  eccp_query_set_range (query, 0, limit);
  ok = eccp_store_foreach (store, query, count_and_call, &data, error);

  if (n_seen != NULL)
    *n_seen = data.n_seen;

  return ok;
}

static gboolean
parse_limit (const char  *text,
             guint       *limit,
             GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                   _("--limit takes a whole number (0 for no limit), not “%s”"), text);
      return FALSE;
    }

  *limit = (guint) value;
  return TRUE;
}

static EccpQuery *
build_query (const EccpTypeSpec  *type,
             EccpCliArgs         *args,
             GError             **error)
{
  g_autoptr(EccpQuery) query = eccp_query_new (type->name);
  GPtrArray *wheres = eccp_cli_args_get_all (args, "where");
  const char *sort = eccp_cli_args_get (args, "sort");

  eccp_query_set_search (query, eccp_cli_args_get (args, "search"));

  for (guint i = 0; i < wheres->len; i++)
    {
      const char *word = g_ptr_array_index (wheres, i);
      const char *eq = strchr (word, '=');
      g_autofree char *field = NULL;

      if (eq == NULL || eq == word)
        {
          g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                       _("--where takes FIELD=VALUE, not “%s”"), word);
          return NULL;
        }

      field = g_strndup (word, eq - word);
      if (!eccp_query_filter_is_computed (type->name, field) &&
          eccp_cli_lookup_field (type, field, NULL, error) == NULL)
        return NULL;

      eccp_query_add_filter (query, field, eq + 1);
    }

  if (sort != NULL)
    {
      gboolean descending = sort[0] == '-';
      const char *field = descending ? sort + 1 : sort;

      if (*field == '\0')
        {
          g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                       _("--sort takes a FIELD, or -FIELD for the reverse order"));
          return NULL;
        }

      if (eccp_cli_lookup_field (type, field, NULL, error) == NULL)
        return NULL;

      eccp_query_set_sort (query, field, descending);
    }
  else if (eccp_type_spec_get_title_field (type) == NULL && eccp_cli_args_get (args, "search") == NULL)
    {
      /* No title to sort by (meetings, check-ins): in time order. */
      for (guint i = 0; i < type->n_fields; i++)
        if (type->fields[i].kind == ECCP_FIELD_TIME)
          {
            eccp_query_set_sort (query, type->fields[i].name, FALSE);
            break;
          }
    }

  return g_steal_pointer (&query);
}

/* ---- list ---- */

typedef struct
{
  EccpStore          *store;
  const EccpTypeSpec *type;
  GPtrArray          *summary; /* EccpFieldSpec*: the columns after the title */
  GPtrArray          *rows;    /* GStrv: id, mark, title, summary values */
  GDateTime          *now;     /* what a call's badge counts from */
} ListRows;

static gboolean
add_row (EccpRecord  *record,
         gpointer     user_data,
         GError     **error)
{
  ListRows *rows = user_data;
  GStrv row = g_new0 (char *, rows->summary->len + 4);
  char mark[2] = { eccp_cli_sync_mark (eccp_record_get_sync_state (record)), '\0' };

  row[0] = g_strdup (eccp_record_get_id (record));
  row[1] = g_strdup (mark);
  if (g_str_equal (rows->type->name, "meeting"))
    {
      /* Who meets, by name, where the id would stand again. */
      g_autofree char *people = eccp_cli_meeting_title (rows->store, record);

      row[2] = eccp_cli_ellipsize (people, 2 * MAX_COLUMN_WIDTH);
    }
  else
    {
      row[2] = eccp_cli_ellipsize (eccp_record_get_title (record), MAX_COLUMN_WIDTH);
    }

  for (guint i = 0; i < rows->summary->len; i++)
    {
      const EccpFieldSpec *field = g_ptr_array_index (rows->summary, i);
      g_autofree char *text = NULL;

      /* A call's cut-offs as its badge: "Closes in 5 days" */
      if (g_str_equal (rows->type->name, "call") && g_str_equal (field->name, "deadlines"))
        text = eccp_call_format_badge (record, rows->now, NULL);
      else
        text = eccp_cli_display_field (field, eccp_cli_record_field (record, field));

      row[3 + i] = eccp_cli_ellipsize (text, MAX_COLUMN_WIDTH);
    }

  g_ptr_array_add (rows->rows, row);
  return TRUE;
}

static gboolean
print_json_record (EccpRecord  *record,
                   gpointer     user_data,
                   GError     **error)
{
  g_autoptr(JsonNode) node = eccp_record_to_json (record);

  eccp_cli_json_array_add (user_data, node);
  return TRUE;
}

static void
print_rows (ListRows *rows,
            gboolean  header)
{
  guint n_columns = rows->summary->len + 3;
  g_autofree guint *widths = g_new0 (guint, n_columns);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  if (header)
    {
      const EccpFieldSpec *title = eccp_type_spec_get_title_field (rows->type);
      GStrv names = g_new0 (char *, n_columns + 1);

      names[0] = g_strdup (_("ID"));
      names[1] = g_strdup (" ");
      names[2] = g_strdup (title != NULL ? _(title->label)
                           : g_str_equal (rows->type->name, "meeting") ? _("Attendees")
                           : _(rows->type->label));
      for (guint i = 0; i < rows->summary->len; i++)
        names[3 + i] = g_strdup (_(((const EccpFieldSpec *) g_ptr_array_index (rows->summary, i))->label));
      g_ptr_array_insert (rows->rows, 0, names);
    }

  for (guint r = 0; r < rows->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows->rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], eccp_cli_text_width (row[c]));
    }

  for (guint r = 0; r < rows->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *cell = eccp_cli_pad (row[c], widths[c]);

          if (c > 0)
            g_string_append (line, c == 1 ? " " : "  ");
          g_string_append (line, cell);
        }

      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);

      puts (line->str);
    }
}

gboolean
eccp_cli_cmd_list (EccpCli      *cli,
                   EccpCliArgs  *args,
                   GError      **error)
{
  const EccpTypeSpec *type;
  g_autoptr(EccpQuery) query = NULL;
  gboolean json = eccp_cli_args_has (args, "json");
  const char *limit_text = eccp_cli_args_get (args, "limit");
  guint limit = json ? 0 : DEFAULT_PLAIN_LIMIT;
  guint n_seen = 0;
  EccpStore *store;

  if ((type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL ||
      (query = build_query (type, args, error)) == NULL ||
      (limit_text != NULL && !parse_limit (limit_text, &limit, error)) ||
      (store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  if (json)
    {
      EccpCliJsonArrayPrinter *printer = eccp_cli_json_array_begin ();
      gboolean ok = foreach_record (store, query, limit, print_json_record, printer, NULL, error);

      eccp_cli_json_array_end (printer);
      return ok;
    }
  else
    {
      g_autoptr(GPtrArray) summary = g_ptr_array_new ();
      g_autoptr(GPtrArray) row_list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      ListRows rows = { store, type, summary, row_list, now };

      for (guint i = 0; i < type->n_fields; i++)
        if ((type->fields[i].flags & ECCP_FIELD_FLAG_SUMMARY) != 0 &&
            (type->fields[i].flags & ECCP_FIELD_FLAG_TITLE) == 0)
          g_ptr_array_add (summary, (gpointer) &type->fields[i]);

      if (!foreach_record (store, query, limit, add_row, &rows, &n_seen, error))
        return FALSE;

      print_rows (&rows, n_seen > 0 && isatty (STDOUT_FILENO));

      if (limit > 0 && n_seen == limit)
        {
          gint64 total;

          eccp_query_set_range (query, 0, 0);
          total = eccp_store_count (store, query, error);
          if (total < 0)
            return FALSE;

          if (total > n_seen)
            {
              g_autofree char *more = eccp_cli_format_count (total - n_seen);

              /* On stderr: stdout stays one line per record for scripts. */
              fflush (stdout);
              g_printerr (_("… and %s more (use --limit)\n"), more);
            }
        }
    }

  return TRUE;
}

/* ---- show ---- */

/* "Title (id)" for each related record, or the bare id when it is not here. */
static char *
related_text (EccpStore           *store,
              const EccpFieldSpec *field,
              JsonNode            *value)
{
  g_autoptr(GPtrArray) ids = eccp_relationship_get_ids (field, value, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(EccpRecord) related = NULL;

      if (field->target_type != NULL)
        related = eccp_store_get (store, field->target_type, id, NULL);

      if (i > 0)
        g_string_append (text, ", ");

      if (related != NULL && g_strcmp0 (eccp_record_get_title (related), id) != 0)
        g_string_append_printf (text, "%s (%s)", eccp_record_get_title (related), id);
      else
        g_string_append (text, id);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
join_field_errors (GPtrArray *errors)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      EccpFieldError *field_error = g_ptr_array_index (errors, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, field_error->message);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
portal_errors_text (JsonArray *errors)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      JsonObject *object;
      const char *detail;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      detail = json_object_get_string_member_with_default (object, "detail", NULL);
      if (detail == NULL)
        detail = json_object_get_string_member_with_default (object, "title", NULL);
      if (detail == NULL)
        continue;

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, detail);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_change_lines (GPtrArray  *lines,
                  EccpStore  *store,
                  EccpRecord *record)
{
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *portal = NULL;

  change = eccp_store_get_change (store, eccp_record_get_type_name (record),
                                  eccp_record_get_id (record), NULL);
  if (change == NULL)
    return;

  text = g_string_new (eccp_enum_get_nick (ECCP_TYPE_CHANGE_OP, change->op));
  if (change->op == ECCP_CHANGE_UPDATE)
    {
      g_auto(GStrv) names = eccp_change_dup_changed_fields (change);
      g_autofree char *joined = g_strjoinv (", ", names);

      if (*joined != '\0')
        g_string_append_printf (text, " (%s)", joined);
    }
  eccp_cli_lines_add (lines, 0, _("Local change"), g_string_free (g_steal_pointer (&text), FALSE));

  portal = portal_errors_text (change->errors);
  if (*portal != '\0')
    eccp_cli_lines_add (lines, 0, _("Portal says"), g_steal_pointer (&portal));
}

gboolean
eccp_cli_cmd_show (EccpCli      *cli,
                   EccpCliArgs  *args,
                   GError      **error)
{
  const EccpTypeSpec *type;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  JsonObject *attributes;
  JsonObject *relationships;
  JsonObject *meta;
  const char *moderation = NULL;
  const char *review_comment;
  EccpSyncState sync_state;
  EccpStore *store;
  g_autoptr(GDateTime) now = NULL;

  if ((record = eccp_cli_get_record (cli, args, &type, error)) == NULL)
    return FALSE;
  store = eccp_cli_get_store (cli, NULL); /* opened by now */

  if (eccp_cli_args_has (args, "json"))
    {
      g_autoptr(JsonNode) node = eccp_record_to_json (record);

      eccp_cli_print_json (node);
      return TRUE;
    }

  eccp_cli_warn_malformed (record);
  lines = eccp_cli_lines_new ();
  now = g_date_time_new_now_local ();
  attributes = eccp_record_get_attributes (record);
  relationships = eccp_record_get_relationships (record);
  meta = eccp_record_get_meta (record);
  sync_state = eccp_record_get_sync_state (record);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      JsonNode *value = eccp_cli_record_field (record, field);

      if (eccp_field_spec_is_relation (field))
        {
          eccp_cli_lines_add (lines, 0, _(field->label), related_text (store, field, value));
        }
      else if (field->kind == ECCP_FIELD_OBJECT)
        {
          /* One line per member: "Members (SME): 40" */
          JsonObject *object = value != NULL && JSON_NODE_HOLDS_OBJECT (value)
                               ? json_node_get_object (value) : NULL;

          for (guint j = 0; j < field->n_children; j++)
            {
              const EccpFieldSpec *child = &field->children[j];
              JsonNode *member = object != NULL ? json_object_get_member (object, child->name) : NULL;

              eccp_cli_lines_add (lines, 0, _(child->label), eccp_cli_format_field (child, member));
            }

          if (object != NULL)
            {
              g_autoptr(GList) names = json_object_get_members (object);

              for (const GList *l = names; l != NULL; l = l->next)
                {
                  g_autofree char *label = NULL;
                  gboolean known = FALSE;

                  for (guint j = 0; j < field->n_children && !known; j++)
                    known = g_strcmp0 (field->children[j].name, l->data) == 0;
                  if (known)
                    continue;

                  label = g_strdup_printf ("%s.%s", field->name, (const char *) l->data);
                  eccp_cli_lines_add (lines, 0, label,
                            eccp_cli_json_plain_text (json_object_get_member (object, l->data)));
                }
            }
        }
      else if (field->kind == ECCP_FIELD_TIME ||
               (field->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_TIME))
        eccp_cli_lines_add (lines, 0, _(field->label), eccp_cli_display_time_field (record, field, value, now));
      else
        eccp_cli_lines_add (lines, 0, _(field->label), eccp_cli_display_field (field, value));
    }

  if (g_str_equal (type->name, "call"))
    eccp_cli_lines_add (lines, 0, _("Status"), eccp_call_format_badge (record, now, NULL));

  /* What the portal sent that this version does not know: kept, shown. */
  if (attributes != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (attributes);

      for (const GList *l = names; l != NULL; l = l->next)
        if (eccp_type_spec_get_field (type, l->data) == NULL)
          eccp_cli_lines_add (lines, 0, l->data,
                    eccp_cli_json_plain_text (json_object_get_member (attributes, l->data)));
    }

  if (relationships != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (relationships);

      for (const GList *l = names; l != NULL; l = l->next)
        if (eccp_type_spec_get_field (type, l->data) == NULL)
          {
            g_autoptr(GPtrArray) ids = eccp_relationship_get_ids (NULL, json_object_get_member (relationships, l->data), NULL);

            g_ptr_array_add (ids, NULL);
            eccp_cli_lines_add (lines, 0, l->data, g_strjoinv (", ", (char **) ids->pdata));
          }
    }

  if (g_strcmp0 (type->name, "attendee") == 0)
    eccp_cli_lines_add (lines, 0, _("Checked in"),
                        eccp_cli_checkin_summary (store, eccp_record_get_id (record)));

  eccp_cli_lines_add (lines, 0, _("ID"), g_strdup (eccp_record_get_id (record)));

  if (eccp_record_get_rev (record) > 0)
    eccp_cli_lines_add (lines, 0, _("Revision"), g_strdup_printf ("%" G_GINT64_FORMAT, eccp_record_get_rev (record)));
  else
    eccp_cli_lines_add (lines, 0, _("Revision"), g_strdup (_("none yet (never accepted by the portal)")));

  if (meta != NULL)
    moderation = json_object_get_string_member_with_default (meta, "moderation_state", NULL);
  if (moderation != NULL || type->moderated)
    eccp_cli_lines_add (lines, 0, _("Moderation state"),
              g_strdup (moderation != NULL ? eccp_moderation_state_label (moderation) : _("none yet")));

  /* What staff asked for, which a manager needs to read first (#11) */
  review_comment = meta != NULL ? eccp_json_get_string (meta, "review_comment") : NULL;
  if (review_comment != NULL && *review_comment != '\0')
    eccp_cli_lines_add (lines, 0, _("Review comment"), g_strdup (review_comment));

  eccp_cli_lines_add (lines, 0, _("Sync state"), g_strdup (eccp_cli_sync_state_label (sync_state)));
  if (sync_state != ECCP_SYNC_STATE_SYNCED)
    add_change_lines (lines, store, record);

  /* What a manager wants to know before submitting a cluster. */
  if (g_strcmp0 (type->name, "cluster") == 0 &&
      (sync_state != ECCP_SYNC_STATE_SYNCED ||
       moderation == NULL ||
       g_strcmp0 (moderation, "draft") == 0 ||
       g_strcmp0 (moderation, "changes_requested") == 0))
    {
      g_autoptr(JsonObject) empty = json_object_new ();
      g_autoptr(GPtrArray) unmet = eccp_check_publication_criteria (attributes != NULL ? attributes : empty);

      if (unmet == NULL || unmet->len == 0)
        eccp_cli_lines_add (lines, 0, _("Publication criteria"), g_strdup (_("met")));
      else
        {
          g_autofree char *joined = join_field_errors (unmet);

          eccp_cli_lines_add (lines, 0, _("Publication criteria"), g_strdup_printf (_("not met: %s"), joined));
        }
    }

  eccp_cli_lines_print (lines);
  return TRUE;
}

/* ---- status ---- */

static const EccpSyncState change_states[] = {
  ECCP_SYNC_STATE_PENDING,
  ECCP_SYNC_STATE_CONFLICT,
  ECCP_SYNC_STATE_REJECTED,
  ECCP_SYNC_STATE_INVALID,
};

static const char *
change_state_label (EccpSyncState state)
{
  switch (state)
    {
    case ECCP_SYNC_STATE_PENDING:
      return _("Pending");
    case ECCP_SYNC_STATE_CONFLICT:
      return _("Conflicts");
    case ECCP_SYNC_STATE_REJECTED:
      return _("Rejected");
    case ECCP_SYNC_STATE_INVALID:
      return _("Invalid");
    case ECCP_SYNC_STATE_SYNCED:
    default:
      return eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, state);
    }
}

gboolean
eccp_cli_cmd_status (EccpCli      *cli,
                     EccpCliArgs  *args,
                     GError      **error)
{
  const EccpTypeSpec * const *types;
  guint n_types = 0;
  gint64 records[16] = { 0, };
  gint64 changes[G_N_ELEMENTS (change_states)] = { 0, };
  EccpStore *store;

  if ((store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  types = eccp_type_spec_all (&n_types);
  g_assert (n_types <= G_N_ELEMENTS (records));

  for (guint i = 0; i < n_types; i++)
    if ((records[i] = eccp_store_count_records (store, types[i]->name, error)) < 0)
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (change_states); i++)
    if ((changes[i] = eccp_store_count_changes (store, change_states[i], error)) < 0)
      return FALSE;

  if (eccp_cli_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "records");
      json_builder_begin_object (builder);
      for (guint i = 0; i < n_types; i++)
        {
          json_builder_set_member_name (builder, types[i]->name);
          json_builder_add_int_value (builder, records[i]);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (change_states); i++)
        {
          json_builder_set_member_name (builder, eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, change_states[i]));
          json_builder_add_int_value (builder, changes[i]);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, eccp_store_get_path (store));
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      eccp_cli_print_json (root);
    }
  else
    {
      guint width = 0;

      printf (_("Store: %s\n"), eccp_store_get_path (store));

      for (guint i = 0; i < n_types; i++)
        width = MAX (width, eccp_cli_text_width (_(types[i]->plural_label)));
      for (guint i = 0; i < G_N_ELEMENTS (change_states); i++)
        width = MAX (width, eccp_cli_text_width (change_state_label (change_states[i])));

      printf ("%s\n", _("Records:"));
      for (guint i = 0; i < n_types; i++)
        {
          g_autofree char *label = eccp_cli_pad (_(types[i]->plural_label), width);
          g_autofree char *count = eccp_cli_format_count (records[i]);

          printf ("  %s  %10s\n", label, count);
        }

      printf ("%s\n", _("Local changes:"));
      for (guint i = 0; i < G_N_ELEMENTS (change_states); i++)
        {
          g_autofree char *label = eccp_cli_pad (change_state_label (change_states[i]), width);
          g_autofree char *count = eccp_cli_format_count (changes[i]);

          printf ("  %s  %10s\n", label, count);
        }
    }

  return TRUE;
}

/* ---- export ---- */

typedef struct
{
  const EccpTypeSpec *type;
  GString            *line;
} CsvWriter;

/* RFC 4180: records end with CRLF (line breaks inside a quoted cell stay as
 * they are in the data). */
static void
csv_end_line (GString *line)
{
  g_string_append (line, "\r\n");
  fwrite (line->str, 1, line->len, stdout);
  g_string_truncate (line, 0);
}

static void
csv_header_cell (const char          *name,
                 const EccpFieldSpec *field,
                 gpointer             user_data)
{
  GString *line = user_data;

  g_string_append_c (line, ',');
  eccp_csv_append_cell (line, name);
}

static void
csv_header (CsvWriter *writer)
{
  g_string_append (writer->line, "id");
  eccp_cli_foreach_field (writer->type, csv_header_cell, writer->line);
  g_string_append (writer->line, ",rev,moderation_state,sync_state");
  csv_end_line (writer->line);
}

static void
csv_cell (CsvWriter           *writer,
          const EccpFieldSpec *field,
          JsonNode            *value)
{
  g_autofree char *text = eccp_cli_csv_text (field, value);

  g_string_append_c (writer->line, ',');
  eccp_csv_append_cell (writer->line, text);
}

static gboolean
csv_row (EccpRecord  *record,
         gpointer     user_data,
         GError     **error)
{
  CsvWriter *writer = user_data;
  const EccpTypeSpec *type = writer->type;
  JsonObject *meta = eccp_record_get_meta (record);
  const char *moderation = NULL;

  eccp_cli_warn_malformed (record);
  eccp_csv_append_cell (writer->line, eccp_record_get_id (record));

  for (guint i = 0; i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      JsonNode *value = eccp_cli_record_field (record, field);

      if (field->kind == ECCP_FIELD_OBJECT)
        {
          JsonObject *object = NULL;

          if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
            object = json_node_get_object (value);

          for (guint j = 0; j < field->n_children; j++)
            {
              const EccpFieldSpec *child = &field->children[j];

              csv_cell (writer, child,
                        object != NULL && json_object_has_member (object, child->name)
                        ? json_object_get_member (object, child->name) : NULL);
            }
          continue;
        }

      csv_cell (writer, field, value);
    }

  if (meta != NULL)
    moderation = json_object_get_string_member_with_default (meta, "moderation_state", NULL);

  g_string_append_printf (writer->line, ",%" G_GINT64_FORMAT ",", eccp_record_get_rev (record));
  eccp_csv_append_cell (writer->line, moderation != NULL ? moderation : "");
  g_string_append_c (writer->line, ',');
  eccp_csv_append_cell (writer->line,
                            eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, eccp_record_get_sync_state (record)));
  csv_end_line (writer->line);
  return TRUE;
}

/* The attendee list an event team opens in a spreadsheet (eccp-csv.h):
 * the same file as the app's, without the BOM on stdout.  It is filtered
 * by event only. */
static gboolean
export_attendees_csv (EccpCli      *cli,
                      EccpCliArgs  *args,
                      GError      **error)
{
  GPtrArray *wheres = eccp_cli_args_get_all (args, "where");
  g_autoptr(GOutputStream) out = NULL;
  const char *event_id = NULL;
  EccpStore *store;

  for (guint i = 0; i < wheres->len; i++)
    {
      const char *word = g_ptr_array_index (wheres, i);

      if (!g_str_has_prefix (word, "event=") || word[strlen ("event=")] == '\0')
        {
          g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                       _("The attendee CSV is filtered by event only (--where event=ID), not “%s”"), word);
          return FALSE;
        }
      event_id = word + strlen ("event=");
    }

  if ((store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  fflush (stdout);
  return eccp_store_write_attendees_csv (store, event_id, FALSE, out, NULL, NULL, error);
}

gboolean
eccp_cli_cmd_export (EccpCli      *cli,
                     EccpCliArgs  *args,
                     GError      **error)
{
  const char *format = eccp_cli_args_get (args, "format");
  const EccpTypeSpec *type;
  g_autoptr(EccpQuery) query = NULL;
  EccpStore *store;

  if (format == NULL)
    format = "json";

  if (strcmp (format, "json") != 0 && strcmp (format, "csv") != 0 && strcmp (format, "ics") != 0)
    {
      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                   _("--format takes json, csv or ics, not “%s”"), format);
      return FALSE;
    }

  if ((type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL)
    return FALSE;

  if (strcmp (format, "csv") == 0 && g_str_equal (type->name, "attendee"))
    return export_attendees_csv (cli, args, error);

  if (strcmp (format, "ics") == 0 && !eccp_ical_supports_type (type->name))
    {
      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                   _("--format ics takes call or event, not “%s”"), type->name);
      return FALSE;
    }

  /* --where as `list` takes it; every record, in no particular order */
  if ((query = build_query (type, args, error)) == NULL ||
      (store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;
  eccp_query_set_sort (query, NULL, FALSE);

  if (strcmp (format, "ics") == 0)
    {
      /* The app's Add to Calendar writes the same (eccp-ical.h) */
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      return eccp_ical_write_query (store, query, out, NULL, NULL, error);
    }
  else if (strcmp (format, "csv") == 0)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      CsvWriter writer = { type, line };

      csv_header (&writer);
      return foreach_record (store, query, 0, csv_row, &writer, NULL, error);
    }
  else
    {
      EccpCliJsonArrayPrinter *printer = eccp_cli_json_array_begin ();
      gboolean ok = foreach_record (store, query, 0, print_json_record, printer, NULL, error);

      eccp_cli_json_array_end (printer);
      return ok;
    }
}
