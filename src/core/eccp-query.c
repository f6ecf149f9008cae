/* eccp-query.c: what a list shows: a type, a search, filters, an order, a page
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-query.h"

typedef struct
{
  char     *field;
  char     *from;
  char     *to;
  gboolean  missing_matches;
} Range;

struct _EccpQuery
{
  char      *type;
  char      *search;
  GPtrArray *filter_fields;
  GPtrArray *filter_values;
  GArray    *ranges;        /* of Range */
  char      *sort_field;
  gboolean   sort_descending;
  gboolean   sort_upcoming;
  GDateTime *now;           /* %NULL: when the query runs */
  guint      offset;
  guint      limit;
};

G_DEFINE_BOXED_TYPE (EccpQuery, eccp_query, eccp_query_copy, eccp_query_free)

static void
range_clear (gpointer data)
{
  Range *range = data;

  g_free (range->field);
  g_free (range->from);
  g_free (range->to);
}

EccpQuery *
eccp_query_new (const char *type)
{
  EccpQuery *self;

  g_return_val_if_fail (type != NULL, NULL);

  self = g_new0 (EccpQuery, 1);
  self->type = g_strdup (type);
  self->filter_fields = g_ptr_array_new_with_free_func (g_free);
  self->filter_values = g_ptr_array_new_with_free_func (g_free);
  self->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  g_array_set_clear_func (self->ranges, range_clear);

  return self;
}

EccpQuery *
eccp_query_copy (const EccpQuery *self)
{
  EccpQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = eccp_query_new (self->type);
  copy->search = g_strdup (self->search);
  for (guint i = 0; i < self->filter_fields->len; i++)
    eccp_query_add_filter (copy,
                           g_ptr_array_index (self->filter_fields, i),
                           g_ptr_array_index (self->filter_values, i));
  for (guint i = 0; i < self->ranges->len; i++)
    {
      const Range *range = &g_array_index (self->ranges, Range, i);

      eccp_query_add_range (copy, range->field, range->from, range->to, range->missing_matches);
    }
  copy->sort_field = g_strdup (self->sort_field);
  copy->sort_descending = self->sort_descending;
  copy->sort_upcoming = self->sort_upcoming;
  copy->now = self->now != NULL ? g_date_time_ref (self->now) : NULL;
  copy->offset = self->offset;
  copy->limit = self->limit;

  return copy;
}

void
eccp_query_free (EccpQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->type);
  g_free (self->search);
  g_ptr_array_unref (self->filter_fields);
  g_ptr_array_unref (self->filter_values);
  g_array_unref (self->ranges);
  g_free (self->sort_field);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self);
}

const char *
eccp_query_get_record_type (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->type;
}

void
eccp_query_set_search (EccpQuery  *self,
                       const char *text)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->search, g_free);
  if (text != NULL)
    {
      self->search = g_strstrip (g_strdup (text));
      if (*self->search == '\0')
        g_clear_pointer (&self->search, g_free);
    }
}

const char *
eccp_query_get_search (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->search;
}

void
eccp_query_add_filter (EccpQuery  *self,
                       const char *field,
                       const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);

  g_ptr_array_add (self->filter_fields, g_strdup (field));
  g_ptr_array_add (self->filter_values, g_strdup (value != NULL ? value : ""));
}

guint
eccp_query_get_n_filters (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->filter_fields->len;
}

void
eccp_query_get_filter (const EccpQuery  *self,
                       guint             index,
                       const char      **field,
                       const char      **value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->filter_fields->len);

  if (field != NULL)
    *field = g_ptr_array_index (self->filter_fields, index);
  if (value != NULL)
    *value = g_ptr_array_index (self->filter_values, index);
}

void
eccp_query_add_range (EccpQuery  *self,
                      const char *field,
                      const char *from,
                      const char *to,
                      gboolean    missing_matches)
{
  Range range;

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);

  range.field = g_strdup (field);
  range.from = g_strdup (from);
  range.to = g_strdup (to);
  range.missing_matches = !!missing_matches;
  g_array_append_val (self->ranges, range);
}

guint
eccp_query_get_n_ranges (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ranges->len;
}

void
eccp_query_get_range (const EccpQuery  *self,
                      guint             index,
                      const char      **field,
                      const char      **from,
                      const char      **to,
                      gboolean         *missing_matches)
{
  const Range *range;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->ranges->len);

  range = &g_array_index (self->ranges, Range, index);
  if (field != NULL)
    *field = range->field;
  if (from != NULL)
    *from = range->from;
  if (to != NULL)
    *to = range->to;
  if (missing_matches != NULL)
    *missing_matches = range->missing_matches;
}

void
eccp_query_set_sort (EccpQuery  *self,
                     const char *field,
                     gboolean    descending)
{
  g_return_if_fail (self != NULL);

  g_free (self->sort_field);
  self->sort_field = g_strdup (field);
  self->sort_descending = !!descending;
  self->sort_upcoming = FALSE;
}

void
eccp_query_set_sort_upcoming (EccpQuery  *self,
                              const char *field)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);

  eccp_query_set_sort (self, field, FALSE);
  self->sort_upcoming = TRUE;
}

gboolean
eccp_query_get_sort_upcoming (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->sort_upcoming;
}

void
eccp_query_set_now (EccpQuery *self,
                    GDateTime *now)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

GDateTime *
eccp_query_get_now (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->now;
}

gboolean
eccp_query_filter_is_computed (const char *type,
                               const char *field)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return g_str_equal (type, "call") && g_str_equal (field, ECCP_QUERY_CALL_STATUS);
}

const char *
eccp_query_get_sort_field (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sort_field;
}

gboolean
eccp_query_get_sort_descending (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->sort_descending;
}

void
eccp_query_set_range (EccpQuery *self,
                      guint      offset,
                      guint      limit)
{
  g_return_if_fail (self != NULL);

  self->offset = offset;
  self->limit = limit;
}

guint
eccp_query_get_offset (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->offset;
}

guint
eccp_query_get_limit (const EccpQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->limit;
}
