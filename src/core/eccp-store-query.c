/* eccp-store-query.c: lists and counts, the SQL of an EccpQuery
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An EccpQuery (eccp-query.c) says what a list shows; this file turns it
 * into one SELECT: the type, filters, periods, order, a search in the
 * type's full-text index, a page.  The SQL spells field expressions and
 * type names exactly as the schema's indexes do (eccp-store-schema.c), and
 * binds every value, so each shape of query is prepared once.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-store.h"

#include <glib/gi18n-lib.h>

#include "eccp-date.h"
#include "eccp-field-kind-private.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-store-private.h"
#include "eccp-store-when-private.h"

#include "eccp-validation.h"
/* Binds a JSON scalar as the SQL value json_extract() would give for it. */
static void
bind_json_value (sqlite3_stmt *stmt,
                 int           index,
                 JsonNode     *node)
{
  GType value_type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  value_type = json_node_get_value_type (node);
  if (value_type == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else if (value_type == G_TYPE_DOUBLE)
    sqlite3_bind_double (stmt, index, json_node_get_double (node));
  else if (value_type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
  else
    eccp_sqlite_bind_text (stmt, index, json_node_get_string (node));
}

typedef struct
{
  GString   *sql;
  GPtrArray *values; /* JsonNode scalars, bound in order from ?1 */
  char      *now;    /* "?n", bound to the query's now once used */
} QueryBuilder;

static void
query_builder_clear (QueryBuilder *builder)
{
  if (builder->sql != NULL)
    g_string_free (builder->sql, TRUE);
  g_clear_pointer (&builder->values, g_ptr_array_unref);
  g_clear_pointer (&builder->now, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QueryBuilder, query_builder_clear)

static void
add_string_value (QueryBuilder *builder,
                  const char   *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  g_ptr_array_add (builder->values, node);
}

/* The placeholder of the query's now (Unix seconds), bound the first time
 * a filter or the order needs it. */
static const char *
builder_now (QueryBuilder *builder,
             EccpQuery    *query)
{
  if (builder->now == NULL)
    {
      g_autoptr(GDateTime) current = g_date_time_new_now_utc ();
      GDateTime *now = eccp_query_get_now (query) != NULL ? eccp_query_get_now (query) : current;
      JsonNode *seconds = json_node_new (JSON_NODE_VALUE);

      json_node_set_int (seconds, g_date_time_to_unix (now));
      g_ptr_array_add (builder->values, seconds);
      builder->now = g_strdup_printf ("?%u", builder->values->len);
    }

  return builder->now;
}

/* Resolves "name" or "members.sme" to its spec. */
static const EccpFieldSpec *
resolve_field (const EccpTypeSpec  *type,
               const char          *name,
               GError             **error)
{
  const EccpFieldSpec *field = eccp_type_spec_get_field_path (type, name);

  if (field == NULL)
    g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                 _("A %s has no field “%s”"), type->name, name);

  return field;
}

/* The SQL expression of an attribute: "json_extract (r.attributes, '$.name')".
 * @path is a field path the specs know ("name", "members.sme"), never raw
 * input, so it can be spelled into the SQL, which lets SQLite match the
 * expression indexes. */
static char *
attribute_expression (const char *path)
{
  return g_strdup_printf ("json_extract (r.attributes, '$.%s')", path);
}

static gboolean
add_filter (QueryBuilder        *builder,
            EccpQuery           *query,
            const EccpTypeSpec  *type,
            const char          *name,
            const char          *text,
            GError             **error)
{
  const EccpFieldSpec *field;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *expression = NULL;

  if (eccp_query_filter_is_computed (type->name, name))
    return _eccp_store_call_status_sql (text, builder_now (builder, query), builder->sql, error);

  field = resolve_field (type, name, error);
  if (field == NULL)
    return FALSE;

  if (field->kind == ECCP_FIELD_OBJECT)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("Filter by one member of “%s”, such as “%s.%s”"),
                   field->name, field->name, field->n_children > 0 ? field->children[0].name : "");
      return FALSE;
    }

  value = eccp_field_spec_parse_text (field, text, error);
  if (value == NULL)
    return FALSE;

  switch (field->kind)
    {
    case ECCP_FIELD_LIST:
      {
        JsonArray *items = json_node_get_array (value);
        guint n_items = json_array_get_length (items);

        if (n_items == 0)
          g_string_append_printf (builder->sql,
                                  " AND coalesce (json_array_length (r.attributes, '$.%s'), 0) = 0",
                                  field->name);

        for (guint i = 0; i < n_items; i++)
          {
            g_string_append_printf (builder->sql,
                                    " AND EXISTS (SELECT 1 FROM json_each (r.attributes, '$.%s')"
                                    " WHERE value = ?%u)",
                                    field->name, builder->values->len + 1);
            g_ptr_array_add (builder->values, json_node_copy (json_array_get_element (items, i)));
          }
        return TRUE;
      }

    case ECCP_FIELD_RELATION_ONE:
      {
        const char *id = eccp_json_get_string (eccp_json_get_object (json_node_get_object (value), "data"), "id");

        if (id == NULL)
          {
            g_string_append_printf (builder->sql,
                                    " AND json_extract (r.relationships, '$.%s.data.id') IS NULL",
                                    field->name);
          }
        else
          {
            g_string_append_printf (builder->sql,
                                    " AND json_extract (r.relationships, '$.%s.data.id') = ?%u",
                                    field->name, builder->values->len + 1);
            add_string_value (builder, id);
          }
        return TRUE;
      }

    case ECCP_FIELD_RELATION_MANY:
      {
        JsonArray *data = eccp_json_get_array (json_node_get_object (value), "data");
        guint n_items = data != NULL ? json_array_get_length (data) : 0;

        if (n_items == 0)
          g_string_append_printf (builder->sql,
                                  " AND coalesce (json_array_length (r.relationships, '$.%s.data'), 0) = 0",
                                  field->name);

        for (guint i = 0; i < n_items; i++)
          {
            JsonObject *identifier = json_array_get_object_element (data, i);

            g_string_append_printf (builder->sql,
                                    " AND EXISTS (SELECT 1 FROM json_each (r.relationships, '$.%s.data')"
                                    " WHERE json_extract (value, '$.id') = ?%u)",
                                    field->name, builder->values->len + 1);
            add_string_value (builder, eccp_json_get_string (identifier, "id"));
          }
        return TRUE;
      }

    default:
      break;
    }

  expression = attribute_expression (name);

  if (JSON_NODE_HOLDS_NULL (value))
    {
      g_string_append_printf (builder->sql, " AND %s IS NULL", expression);
    }
  else
    {
      g_string_append_printf (builder->sql, " AND %s = ?%u", expression, builder->values->len + 1);
      g_ptr_array_add (builder->values, g_steal_pointer (&value));
    }

  return TRUE;
}

/* A bound of a range: an RFC 3339 date-time with an offset; for a DATE
 * field also a bare date.  Appends nothing and returns FALSE with @error
 * when @text is neither. */
static gboolean
add_range_bound (QueryBuilder         *builder,
                 const EccpFieldSpec  *field,
                 const char           *text,
                 GError              **error)
{
  g_autoptr(GDateTime) time = eccp_date_time_parse_iso8601 (text);

  if (time == NULL && field->kind == ECCP_FIELD_DATE)
    time = eccp_date_to_time (text);

  if (time == NULL)
    {
      g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                   _("%s: “%s” is not a date and time with an offset, such as "
                     "2026-06-04T09:00:00+02:00"),
                   _(field->label), text);
      return FALSE;
    }

  if (field->kind == ECCP_FIELD_DATE)
    {
      /* The day at the bound's own offset; dates compare as text. */
      g_autofree char *date = eccp_date_from_time (time);

      add_string_value (builder, date);
    }
  else
    {
      JsonNode *seconds = json_node_new (JSON_NODE_VALUE);

      json_node_set_int (seconds, g_date_time_to_unix (time));
      g_ptr_array_add (builder->values, seconds);
    }

  return TRUE;
}

/* " AND ..." for a record whose @name is in [@from, @to) (see
 * eccp_query_add_range()).  The bounds are bound, never spelled. */
static gboolean
add_range (QueryBuilder        *builder,
           const EccpTypeSpec  *type,
           const char          *name,
           const char          *from,
           const char          *to,
           gboolean             missing_matches,
           GError             **error)
{
  const EccpFieldSpec *field;
  g_autofree char *value = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GString) condition = g_string_new (NULL);

  field = resolve_field (type, name, error);
  if (field == NULL)
    return FALSE;

  switch (field->kind)
    {
    case ECCP_FIELD_TIME:
      {
        g_autofree char *expression = attribute_expression (name);

        /* Spelled as the index on an event's start is, so a range of
         * starts walks it. */
        value = g_strdup_printf ("unixepoch (%s)", expression);
        missing = g_strdup_printf ("%s IS NULL", expression);
        break;
      }

    case ECCP_FIELD_DATE:
      value = attribute_expression (name);
      missing = g_strdup_printf ("%s IS NULL", value);
      break;

    case ECCP_FIELD_LIST:
      if (field->item_kind == ECCP_FIELD_TIME)
        {
          /* The last of several times, as the sort has it: a call is open
           * until its last cut-off. */
          value = _eccp_store_time_list_last_sql (field->name);
          missing = g_strdup_printf ("coalesce (json_array_length (r.attributes, '$.%s'), 0) = 0",
                                     field->name);
          break;
        }
      G_GNUC_FALLTHROUGH;

    default:
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("“%s” is not a date or a time: records cannot be chosen by a period of it"),
                   name);
      return FALSE;
    }

  if (from != NULL)
    {
      g_string_append_printf (condition, "%s >= ?%u", value, builder->values->len + 1);
      if (!add_range_bound (builder, field, from, error))
        return FALSE;
    }

  if (to != NULL)
    {
      g_string_append_printf (condition, "%s%s < ?%u", condition->len > 0 ? " AND " : "",
                              value, builder->values->len + 1);
      if (!add_range_bound (builder, field, to, error))
        return FALSE;
    }

  /* No bound: any value, but a value. */
  if (condition->len == 0)
    g_string_append_printf (condition, "%s IS NOT NULL", value);

  if (missing_matches)
    g_string_append_printf (builder->sql, " AND (%s OR (%s))", missing, condition->str);
  else
    g_string_append_printf (builder->sql, " AND %s", condition->str);

  return TRUE;
}

/* The ORDER BY expression for a field, or NULL with @error. */
static char *
sort_expression (QueryBuilder        *builder,
                 EccpQuery           *query,
                 const EccpTypeSpec  *type,
                 const char          *name,
                 GError             **error)
{
  const EccpFieldSpec *field;
  g_autofree char *expression = NULL;

  field = resolve_field (type, name, error);
  if (field == NULL)
    return NULL;

  expression = attribute_expression (name);

  switch (_eccp_field_kind_info (field->kind)->order)
    {
    case ECCP_FIELD_ORDER_TEXT:
      return g_strdup_printf ("%s COLLATE NOCASE", expression);

    case ECCP_FIELD_ORDER_VALUE:
      return g_steal_pointer (&expression);

    case ECCP_FIELD_ORDER_INSTANT:
      /* Times carry offsets: compare instants, not strings. */
      return g_strdup_printf ("unixepoch (%s)", expression);

    case ECCP_FIELD_ORDER_ITEMS:
      /* Several times (a call's cut-offs): by the next one, or the last
       * when all are past; other lists by their first item. */
      if (field->item_kind == ECCP_FIELD_TIME)
        return _eccp_store_time_list_key_sql (field->name, builder_now (builder, query));
      return g_strdup_printf ("json_extract (r.attributes, '$.%s[0]') COLLATE NOCASE", field->name);

    case ECCP_FIELD_ORDER_NONE:
    default:
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("Records cannot be sorted by “%s”"), name);
      return NULL;
    }
}

/* How a search is joined to the records.  Both start from the type's FTS
 * table.  A narrow search (few matches) is ranked, best first; a broad one
 * ("b", "cluster") would rank tens of thousands of rows to show a page of
 * fifty, so it lists the newest records first, which the index gives in
 * order and stops after a page. */
typedef enum
{
  SEARCH_NONE,
  SEARCH_RANKED,
  SEARCH_NEWEST_FIRST,
} SearchMode;

/* Above this many matches, a search lists the newest records first. */
#define RANKED_MATCHES_MAX 1000

/* Builds "FROM ... WHERE ..." for @query into @builder. */
static gboolean
build_from_where (QueryBuilder        *builder,
                  const EccpTypeSpec  *type,
                  EccpQuery           *query,
                  const char          *fts_query,
                  SearchMode           mode,
                  gboolean             with_outbox,
                  GError             **error)
{
  /* A count needs no sync state: without the outbox, it can be read from
   * the type's partial index alone. */
  const char *outbox_join = with_outbox ? OUTBOX_JOIN : "";

  g_assert (fts_query != NULL || mode == SEARCH_NONE);

  /* The type is spelled into the SQL (it comes from the specs, never from
   * input) so that SQLite can use the type's partial indexes. */
  switch (mode)
    {
    case SEARCH_RANKED:
    case SEARCH_NEWEST_FIRST:
      g_string_append_printf (builder->sql,
                              " FROM fts_%s f JOIN records r ON r.num = f.rowid%s"
                              " WHERE fts_%s MATCH ?1 AND r.type = '%s' AND r.deleted = 0",
                              type->name, outbox_join, type->name, type->name);
      add_string_value (builder, fts_query);
      break;

    case SEARCH_NONE:
    default:
      g_string_append_printf (builder->sql,
                              " FROM records r%s WHERE r.type = '%s' AND r.deleted = 0",
                              outbox_join, type->name);
      break;
    }

  for (guint i = 0; i < eccp_query_get_n_filters (query); i++)
    {
      const char *field;
      const char *value;

      eccp_query_get_filter (query, i, &field, &value);
      if (!add_filter (builder, query, type, field, value, error))
        return FALSE;
    }

  for (guint i = 0; i < eccp_query_get_n_ranges (query); i++)
    {
      const char *field;
      const char *from;
      const char *to;
      gboolean missing_matches;

      eccp_query_get_range (query, i, &field, &from, &to, &missing_matches);
      if (!add_range (builder, type, field, from, to, missing_matches, error))
        return FALSE;
    }

  return TRUE;
}

/* How many records the FTS query matches, from the index alone, counting
 * no further than RANKED_MATCHES_MAX + 1: all that the choice of order
 * needs, and "cluster" matches every cluster. */
static gint64
count_matches (EccpStore   *self,
               const char  *type,
               const char  *fts_query,
               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM (SELECT 1 FROM fts_%s"
                                          " WHERE fts_%s MATCH ?1 LIMIT %d)",
                                          type, type, RANKED_MATCHES_MAX + 1);
  sqlite3_stmt *stmt;

  stmt = _eccp_store_statement (self, sql, error);
  if (stmt == NULL)
    return -1;

  eccp_sqlite_bind_text (stmt, 1, fts_query);

  return _eccp_store_step_int64 (self, stmt, _("The store could not be searched"), error);
}

/* count_matches(), first asked of the same words as whole words: a
 * record that has the word "cluster" matches "cluster*", so when the
 * whole words match more than RANKED_MATCHES_MAX records, so does the
 * search, and the order is chosen.  FTS5 reads a whole word lazily, but a
 * prefix longer than its prefix indexes (3) by merging the lists of every
 * word it starts (for "cluster*", 100,000 entries: 4-5 ms at 100,000
 * clusters), which the list's own query does again. */
static gint64
count_broad_matches (EccpStore   *self,
                     const char  *type,
                     const char  *fts_query,
                     GError     **error)
{
  g_autoptr(GString) words = g_string_new (fts_query);
  gint64 matches;

  /* _eccp_store_fts_query() quotes each word and adds "*" after it; a
   * word holds only letters and digits. */
  g_string_replace (words, "\"*", "\"", 0);
  matches = count_matches (self, type, words->str, error);
  if (matches < 0 || matches > RANKED_MATCHES_MAX)
    return matches;

  return count_matches (self, type, fts_query, error);
}

static sqlite3_stmt *
prepare_query (EccpStore     *self,
               QueryBuilder  *builder,
               GError       **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, builder->sql->str, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < builder->values->len; i++)
    bind_json_value (stmt, i + 1, g_ptr_array_index (builder->values, i));

  return stmt;
}

/* " LIMIT ?n OFFSET ?m", bound, not spelled: one prepared statement
 * serves every page. */
static void
append_range (QueryBuilder *builder,
              EccpQuery    *query)
{
  JsonNode *limit = json_node_new (JSON_NODE_VALUE);
  JsonNode *offset = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (limit, eccp_query_get_limit (query) > 0 ? (gint64) eccp_query_get_limit (query) : -1);
  json_node_set_int (offset, eccp_query_get_offset (query));
  g_string_append_printf (builder->sql, " LIMIT ?%u OFFSET ?%u",
                          builder->values->len + 1, builder->values->len + 2);
  g_ptr_array_add (builder->values, limit);
  g_ptr_array_add (builder->values, offset);
}

/* " ORDER BY …" for @query into @order.  Called once the WHERE clause is
 * built, as the order may bind the query's now after the WHERE's values
 * (a search's is ?1). */
static gboolean
build_order (QueryBuilder        *builder,
             EccpQuery           *query,
             const EccpTypeSpec  *type,
             SearchMode           mode,
             GString             *order,
             GError             **error)
{
  const char *sort_field = eccp_query_get_sort_field (query);
  const char *direction = eccp_query_get_sort_descending (query) ? "DESC" : "ASC";
  gboolean upcoming = eccp_query_get_sort_upcoming (query);

  /* A call list's own order: what closes next first */
  if (sort_field == NULL && mode == SEARCH_NONE && g_str_equal (type->name, "call"))
    {
      sort_field = "deadlines";
      upcoming = TRUE;
    }

  if (upcoming && sort_field != NULL)
    {
      const EccpFieldSpec *field = resolve_field (type, sort_field, error);
      g_autofree char *terms = NULL;

      if (field == NULL)
        return FALSE;
      terms = _eccp_store_upcoming_order_sql (type, field, builder_now (builder, query), error);
      if (terms == NULL)
        return FALSE;
      g_string_append_printf (order, " ORDER BY %s, r.num", terms);
      return TRUE;
    }

  if (sort_field == NULL && mode == SEARCH_RANKED)
    {
      /* Best matches first. */
      g_string_append (order, " ORDER BY f.rank, r.num");
    }
  else if (sort_field == NULL && mode == SEARCH_NEWEST_FIRST)
    {
      g_string_append (order, " ORDER BY f.rowid DESC");
    }
  else
    {
      g_autofree char *expression = NULL;

      if (sort_field == NULL)
        {
          const EccpFieldSpec *title = eccp_type_spec_get_title_field (type);

          sort_field = title != NULL ? title->name : NULL;
        }

      if (sort_field != NULL)
        {
          expression = sort_expression (builder, query, type, sort_field, error);
          if (expression == NULL)
            return FALSE;
          g_string_append_printf (order, " ORDER BY %s %s, r.num %s",
                                  expression, direction, direction);
        }
      else
        {
          g_string_append_printf (order, " ORDER BY r.num %s", direction);
        }
    }

  return TRUE;
}

/* Builds the SELECT for @query into @builder.  Returns FALSE with @error,
 * or with *@nothing set and no error when the query cannot match anything
 * (a search with no letters or digits in it). */
static gboolean
build_select (EccpStore     *self,
              EccpQuery     *query,
              QueryBuilder  *builder,
              gboolean      *nothing,
              GError       **error)
{
  const EccpTypeSpec *type;
  g_autofree char *fts_query = NULL;
  SearchMode mode = SEARCH_NONE;
  g_autoptr(GString) order = g_string_new (NULL);
  gboolean paged = eccp_query_get_limit (query) > 0 || eccp_query_get_offset (query) > 0;

  *nothing = FALSE;

  type = _eccp_store_lookup_type (eccp_query_get_record_type (query), error);
  if (type == NULL)
    return FALSE;

  if (eccp_query_get_search (query) != NULL)
    {
      gint64 matches;

      fts_query = _eccp_store_fts_query (eccp_query_get_search (query));
      /* "!!!" searches for nothing that can be found. */
      if (fts_query == NULL)
        {
          *nothing = TRUE;
          return FALSE;
        }

      matches = count_broad_matches (self, type->name, fts_query, error);
      if (matches < 0)
        return FALSE;
      mode = matches <= RANKED_MATCHES_MAX ? SEARCH_RANKED : SEARCH_NEWEST_FIRST;
    }

  /* A page of a list (no search): its rows are chosen first from the
   * type's index alone, then read.  Read row by row, the page at row
   * 50,000 of 100,000 clusters took 400 ms: every row skipped was read
   * and looked up in the outbox. */
  if (paged && mode == SEARCH_NONE)
    {
      g_string_append (builder->sql, "SELECT " RECORD_COLUMNS " FROM " RECORD_JOIN
                                     " WHERE r.num IN (SELECT r.num");
      if (!build_from_where (builder, type, query, fts_query, mode, FALSE, error) ||
          !build_order (builder, query, type, mode, order, error))
        return FALSE;
      g_string_append (builder->sql, order->str);
      append_range (builder, query);
      g_string_append_c (builder->sql, ')');
      g_string_append (builder->sql, order->str);
      return TRUE;
    }

  g_string_append (builder->sql, "SELECT " RECORD_COLUMNS);
  if (!build_from_where (builder, type, query, fts_query, mode, TRUE, error) ||
      !build_order (builder, query, type, mode, order, error))
    return FALSE;
  g_string_append (builder->sql, order->str);
  if (paged)
    append_range (builder, query);

  return TRUE;
}

GPtrArray *
eccp_store_query (EccpStore  *self,
                  EccpQuery  *query,
                  GError    **error)
{
  g_auto(QueryBuilder) builder = { g_string_new (NULL),
                                   g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref) };
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean nothing;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!build_select (self, query, &builder, &nothing, error))
    return nothing ? g_steal_pointer (&records) : NULL;

  stmt = prepare_query (self, &builder, error);
  if (stmt == NULL)
    return NULL;

  if (!_eccp_store_step_rows (self, stmt, (EccpRowFunc) _eccp_store_record_from_row, records, error))
    return NULL;

  return g_steal_pointer (&records);
}

gboolean
eccp_store_foreach (EccpStore       *self,
                    EccpQuery       *query,
                    EccpRecordFunc   func,
                    gpointer         user_data,
                    GError         **error)
{
  g_auto(QueryBuilder) builder = { g_string_new (NULL),
                                   g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref) };
  sqlite3_stmt *stmt = NULL;
  gboolean nothing;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!build_select (self, query, &builder, &nothing, error))
    return nothing;

  /* A statement of its own, not a cached one: @func may read the store
   * while this one is stepping.  One statement is one snapshot: a list
   * written out while another program writes has no row twice or missing. */
  if (sqlite3_prepare_v2 (self->db, builder.sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
      return FALSE;
    }

  for (guint i = 0; i < builder.values->len; i++)
    bind_json_value (stmt, i + 1, g_ptr_array_index (builder.values, i));

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EccpRecord) record = _eccp_store_record_from_row (stmt);

      ok = func (record, user_data, error);
    }

  if (ok && rc != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
      ok = FALSE;
    }

  sqlite3_finalize (stmt);

  return ok;
}

gint64
eccp_store_count (EccpStore  *self,
                  EccpQuery  *query,
                  GError    **error)
{
  g_auto(QueryBuilder) builder = { g_string_new ("SELECT count (*)"),
                                   g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref) };
  g_autofree char *fts_query = NULL;
  const EccpTypeSpec *type;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  type = _eccp_store_lookup_type (eccp_query_get_record_type (query), error);
  if (type == NULL)
    return -1;

  if (eccp_query_get_search (query) != NULL)
    {
      fts_query = _eccp_store_fts_query (eccp_query_get_search (query));
      if (fts_query == NULL)
        return 0;
    }

  /* A search alone (the type-ahead case): the matches are counted in the
   * type's full-text index, then the few local deletions among them taken
   * off, without reading a record ("clust" matches 100,000 clusters). */
  if (fts_query != NULL && eccp_query_get_n_filters (query) == 0
      && eccp_query_get_n_ranges (query) == 0)
    {
      g_string_printf (builder.sql,
                       "SELECT (SELECT count (*) FROM fts_%s WHERE fts_%s MATCH ?1)"
                       " - (SELECT count (*) FROM records r WHERE r.type = '%s' AND r.deleted = 1"
                       "    AND EXISTS (SELECT 1 FROM fts_%s WHERE fts_%s MATCH ?1 AND rowid = r.num))",
                       type->name, type->name, type->name, type->name, type->name);
      add_string_value (&builder, fts_query);
    }
  else if (!build_from_where (&builder, type, query, fts_query,
                              fts_query != NULL ? SEARCH_RANKED : SEARCH_NONE, FALSE, error))
    return -1;

  stmt = prepare_query (self, &builder, error);
  if (stmt == NULL)
    return -1;

  return _eccp_store_step_int64 (self, stmt, _("The store could not be read"), error);
}

gint64
eccp_store_count_records (EccpStore   *self,
                          const char  *type,
                          GError     **error)
{
  g_autoptr(EccpQuery) query = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), -1);

  query = eccp_query_new (type);

  return eccp_store_count (self, query, error);
}

char *
_eccp_store_review_queue_sql (void)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " RECORD_COLUMNS " FROM " RECORD_JOIN
                                         " WHERE r.deleted = 0 AND r.type IN (");
  const EccpTypeSpec * const *types;
  guint n_types;
  gboolean first = TRUE;

  /* Every moderated type (the field specs say which); the oldest
   * submission first, then by id so the order is the same every time.
   * The state, the deletion and the order are spelled as the index
   * records_for_review (schema 7) has them, so the queue is read from it
   * in order, not from every record. */
  types = eccp_type_spec_all (&n_types);
  for (guint i = 0; i < n_types; i++)
    if (types[i]->moderated)
      {
        g_string_append_printf (sql, "%s'%s'", first ? "" : ", ", types[i]->name);
        first = FALSE;
      }
  g_string_append (sql, ") AND json_extract (r.meta, '$.moderation_state') = 'needs_review'"
                        " ORDER BY json_extract (r.meta, '$.changed'), r.id");

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

GPtrArray *
eccp_store_list_for_review (EccpStore  *self,
                            GError    **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  sql = _eccp_store_review_queue_sql ();
  stmt = _eccp_store_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (!_eccp_store_step_rows (self, stmt, (EccpRowFunc) _eccp_store_record_from_row, records, error))
    return NULL;

  return g_steal_pointer (&records);
}
