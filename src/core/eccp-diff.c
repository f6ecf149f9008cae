/* eccp-diff.c: a record's working copy against its published revision, field by field
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a reviewer reads before approving (#11), and `eccp diff`: built from
 * the field specs, never per type.  Long texts get a word diff (Myers'
 * O(ND) algorithm over words and the spaces between them, after the
 * common beginning and end are set aside), so a one-word edit in a
 * 20,000-character description is a handful of segments, found at once.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-diff.h"

#include <string.h>

#include "eccp-json.h"

/* Beyond this many edits the texts have little in common: one deletion
 * and one insertion say it as well, and the trace stays small. */
#define MAX_EDITS 2000

void
eccp_field_diff_free (EccpFieldDiff *diff)
{
  if (diff == NULL)
    return;

  g_free (diff->path);
  g_clear_pointer (&diff->published, json_node_unref);
  g_clear_pointer (&diff->current, json_node_unref);
  g_free (diff);
}

void
eccp_diff_segment_free (EccpDiffSegment *segment)
{
  if (segment == NULL)
    return;

  g_free (segment->text);
  g_free (segment);
}

/* Fields */

static gboolean
is_unset (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_size (json_node_get_object (node)) == 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) == '\0';

  return FALSE;
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return is_unset (node) ? NULL : node;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
add_field (GPtrArray           *diffs,
           const EccpFieldSpec *field,
           const char          *path,
           JsonNode            *published,
           JsonNode            *current,
           gboolean             all)
{
  EccpDiffChange change;
  EccpFieldDiff *diff;

  if (published == NULL && current == NULL)
    change = ECCP_DIFF_SAME;
  else if (published == NULL)
    change = ECCP_DIFF_ADDED;
  else if (current == NULL)
    change = ECCP_DIFF_REMOVED;
  else
    change = json_node_equal (published, current) ? ECCP_DIFF_SAME : ECCP_DIFF_CHANGED;

  if (change == ECCP_DIFF_SAME && !all)
    return;

  diff = g_new0 (EccpFieldDiff, 1);
  diff->field = field;
  diff->path = g_strdup (path);
  diff->change = change;
  diff->published = published != NULL ? json_node_copy (published) : NULL;
  diff->current = current != NULL ? json_node_copy (current) : NULL;
  g_ptr_array_add (diffs, diff);
}

GPtrArray *
eccp_diff_attributes (const EccpTypeSpec *type,
                      JsonObject         *published,
                      JsonObject         *current,
                      gboolean            all)
{
  GPtrArray *diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_field_diff_free);

  g_return_val_if_fail (type != NULL, diffs);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];

      if (eccp_field_spec_is_relation (field))
        continue;

      if (field->kind == ECCP_FIELD_OBJECT)
        {
          JsonObject *published_parts = object_member (published, field->name);
          JsonObject *current_parts = object_member (current, field->name);

          for (guint j = 0; j < field->n_children; j++)
            {
              const EccpFieldSpec *part = &field->children[j];
              g_autofree char *path = g_strdup_printf ("%s.%s", field->name, part->name);

              add_field (diffs, part, path, member (published_parts, part->name),
                         member (current_parts, part->name), all);
            }
          continue;
        }

      add_field (diffs, field, field->name, member (published, field->name),
                 member (current, field->name), all);
    }

  return diffs;
}

static gboolean
array_has (JsonArray *array,
           JsonNode  *item)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (json_node_equal (json_array_get_element (array, i), item))
      return TRUE;

  return FALSE;
}

/* The items of @from that @other lacks */
static GPtrArray *
items_missing (JsonNode *from,
               JsonNode *other)
{
  GPtrArray *missing = g_ptr_array_new ();
  JsonArray *items = from != NULL && JSON_NODE_HOLDS_ARRAY (from) ? json_node_get_array (from) : NULL;
  JsonArray *others = other != NULL && JSON_NODE_HOLDS_ARRAY (other) ? json_node_get_array (other) : NULL;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (!array_has (others, item))
        g_ptr_array_add (missing, item);
    }

  return missing;
}

void
eccp_diff_list_items (JsonNode   *published,
                      JsonNode   *current,
                      GPtrArray **added,
                      GPtrArray **removed)
{
  g_return_if_fail (added != NULL);
  g_return_if_fail (removed != NULL);

  *added = items_missing (current, published);
  *removed = items_missing (published, current);
}

/* Relations */

/* The identifiers of a resource linkage, in order: (element-type JsonObject) */
static GPtrArray *
linkage_items (JsonNode *data)
{
  GPtrArray *items = g_ptr_array_new ();
  JsonArray *array = data != NULL && JSON_NODE_HOLDS_ARRAY (data) ? json_node_get_array (data) : NULL;

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    g_ptr_array_add (items, json_node_get_object (data));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (item))
        g_ptr_array_add (items, json_node_get_object (item));
    }

  /* Only what names a record: a type and an id */
  for (guint i = items->len; i > 0; i--)
    {
      JsonObject *item = g_ptr_array_index (items, i - 1);

      if (eccp_json_get_string (item, "type") == NULL || eccp_json_get_string (item, "id") == NULL)
        g_ptr_array_remove_index (items, i - 1);
    }

  return items;
}

static gboolean
same_identifier (JsonObject *a,
                 JsonObject *b)
{
  return g_str_equal (eccp_json_get_string (a, "type"), eccp_json_get_string (b, "type")) &&
         g_str_equal (eccp_json_get_string (a, "id"), eccp_json_get_string (b, "id"));
}

/* The identifiers of @from that @other lacks */
static GPtrArray *
identifiers_missing (GPtrArray *from,
                     GPtrArray *other)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint i = 0; i < from->len; i++)
    {
      JsonObject *item = g_ptr_array_index (from, i);
      gboolean found = FALSE;

      for (guint j = 0; j < other->len && !found; j++)
        found = same_identifier (item, g_ptr_array_index (other, j));
      if (!found)
        g_ptr_array_add (missing, item);
    }

  return missing;
}

void
eccp_diff_relation_items (JsonNode   *before,
                          JsonNode   *after,
                          GPtrArray **added,
                          GPtrArray **removed)
{
  g_autoptr(GPtrArray) before_items = NULL;
  g_autoptr(GPtrArray) after_items = NULL;

  g_return_if_fail (added != NULL);
  g_return_if_fail (removed != NULL);

  before_items = linkage_items (before);
  after_items = linkage_items (after);
  *added = identifiers_missing (after_items, before_items);
  *removed = identifiers_missing (before_items, after_items);
}

/* Words */

typedef struct
{
  const char *start;
  gsize       length;
  guint       id;     /* the same text, the same id */
} Token;

/* Runs of spaces and runs of the rest, so that joining them gives the
 * text back */
static GArray *
tokenize (const char *text,
          GHashTable *ids)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;

  while (*p != '\0')
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));
      const char *end = p;
      Token token;
      g_autofree char *key = NULL;
      gpointer id;

      while (*end != '\0' && g_unichar_isspace (g_utf8_get_char (end)) == space)
        end = g_utf8_next_char (end);

      token.start = p;
      token.length = end - p;
      key = g_strndup (p, token.length);
      if (!g_hash_table_lookup_extended (ids, key, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids));
          g_hash_table_insert (ids, g_steal_pointer (&key), id);
        }
      token.id = GPOINTER_TO_UINT (id);
      g_array_append_val (tokens, token);
      p = end;
    }

  return tokens;
}

/* The segments as they are made: a run of one kind grows while its
 * pieces follow each other in their text, and is written out once. */
typedef struct
{
  GPtrArray  *segments;
  EccpDiffOp  op;
  const char *start;
  gsize       length;
} Builder;

static void
flush (Builder *builder)
{
  EccpDiffSegment *last;

  if (builder->length == 0)
    return;

  last = builder->segments->len > 0
         ? g_ptr_array_index (builder->segments, builder->segments->len - 1) : NULL;
  if (last != NULL && last->op == builder->op)
    {
      char *joined = g_strdup_printf ("%s%.*s", last->text, (int) builder->length, builder->start);

      g_free (last->text);
      last->text = joined;
    }
  else
    {
      last = g_new0 (EccpDiffSegment, 1);
      last->op = builder->op;
      last->text = g_strndup (builder->start, builder->length);
      g_ptr_array_add (builder->segments, last);
    }

  builder->length = 0;
}

static void
add_text (Builder    *builder,
          EccpDiffOp  op,
          const char *start,
          gsize       length)
{
  if (length == 0)
    return;

  if (builder->length > 0 && (builder->op != op || builder->start + builder->length != start))
    flush (builder);

  if (builder->length == 0)
    {
      builder->op = op;
      builder->start = start;
    }
  builder->length += length;
}

static void
add_tokens (Builder    *builder,
            EccpDiffOp  op,
            Token      *tokens,
            guint       from,
            guint       to)
{
  if (from >= to)
    return;

  add_text (builder, op, tokens[from].start,
            (tokens[to - 1].start + tokens[to - 1].length) - tokens[from].start);
}

/* One step of the edit script, found backwards */
typedef struct
{
  EccpDiffOp op;
  guint      index;  /* of a's token (KEEP, DELETE) or b's (INSERT) */
} Step;

/* Myers' shortest edit script between a[0..n) and b[0..m); %FALSE when it
 * needs more than MAX_EDITS edits. */
static gboolean
myers (Token  *a,
       guint   n,
       Token  *b,
       guint   m,
       GArray *steps)
{
  int max = MIN ((int) (n + m), MAX_EDITS);
  g_autofree int *v = g_new0 (int, 2 * max + 3);
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  int offset = max + 1;
  int x = n;
  int y = m;
  int found = -1;

  for (int d = 0; d <= max && found < 0; d++)
    {
      int *saved;

      for (int k = -d; k <= d; k += 2)
        {
          int kx;
          int ky;

          if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
            kx = v[offset + k + 1];
          else
            kx = v[offset + k - 1] + 1;
          ky = kx - k;

          while (kx < (int) n && ky < (int) m && a[kx].id == b[ky].id)
            {
              kx++;
              ky++;
            }
          v[offset + k] = kx;

          if (kx >= (int) n && ky >= (int) m)
            found = d;
        }

      /* V after round d, for k in -d..d */
      saved = g_new (int, 2 * d + 1);
      memcpy (saved, v + offset - d, (2 * d + 1) * sizeof (int));
      g_ptr_array_add (trace, saved);
    }

  if (found < 0)
    return FALSE;

  for (int d = found; d > 0; d--)
    {
      int *previous = g_ptr_array_index (trace, d - 1); /* k in -(d-1)..d-1 */
      int k = x - y;
      int previous_k;
      int previous_x;
      int previous_y;

      if (k == -d || (k != d && previous[k - 1 + d - 1] < previous[k + 1 + d - 1]))
        previous_k = k + 1;
      else
        previous_k = k - 1;
      previous_x = previous[previous_k + d - 1];
      previous_y = previous_x - previous_k;

      while (x > previous_x && y > previous_y)
        {
          Step step = { ECCP_DIFF_KEEP, --x };

          y--;
          g_array_append_val (steps, step);
        }

      if (x == previous_x)
        {
          Step step = { ECCP_DIFF_INSERT, previous_y };

          g_array_append_val (steps, step);
        }
      else
        {
          Step step = { ECCP_DIFF_DELETE, previous_x };

          g_array_append_val (steps, step);
        }

      x = previous_x;
      y = previous_y;
    }

  while (x > 0 && y > 0)
    {
      Step step = { ECCP_DIFF_KEEP, --x };

      y--;
      g_array_append_val (steps, step);
    }

  return TRUE;
}

GPtrArray *
eccp_diff_words (const char *before,
                 const char *after)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_diff_segment_free);
  Builder builder = { segments, ECCP_DIFF_KEEP, NULL, 0 };
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  Token *at;
  Token *bt;
  guint prefix = 0;
  guint suffix = 0;
  guint n;
  guint m;

  g_return_val_if_fail (before != NULL, segments);
  g_return_val_if_fail (after != NULL, segments);

  a = tokenize (before, ids);
  b = tokenize (after, ids);
  at = (Token *) (gpointer) a->data;
  bt = (Token *) (gpointer) b->data;

  while (prefix < a->len && prefix < b->len && at[prefix].id == bt[prefix].id)
    prefix++;
  while (suffix < a->len - prefix && suffix < b->len - prefix &&
         at[a->len - 1 - suffix].id == bt[b->len - 1 - suffix].id)
    suffix++;
  n = a->len - prefix - suffix;
  m = b->len - prefix - suffix;

  add_tokens (&builder, ECCP_DIFF_KEEP, at, 0, prefix);

  if (myers (at + prefix, n, bt + prefix, m, steps))
    {
      /* The steps were found backwards */
      for (guint i = steps->len; i > 0; i--)
        {
          Step *step = &g_array_index (steps, Step, i - 1);
          Token *token = step->op == ECCP_DIFF_INSERT ? &bt[prefix + step->index] : &at[prefix + step->index];

          add_text (&builder, step->op, token->start, token->length);
        }
    }
  else
    {
      add_tokens (&builder, ECCP_DIFF_DELETE, at, prefix, prefix + n);
      add_tokens (&builder, ECCP_DIFF_INSERT, bt, prefix, prefix + m);
    }

  add_tokens (&builder, ECCP_DIFF_KEEP, at, a->len - suffix, a->len);
  flush (&builder);

  return segments;
}
