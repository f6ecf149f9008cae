/* eccp-field-row-parse.c: values as people type them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Countries are typed by name, in the user's language or without its
 * accents, or by ISO code.  (Dates and times are the core's: eccp-date.c.)
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-field-row-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eccp-field-spec.h"
#include "eccp-store.h"

/* Countries typed as names or codes */

/* A name as typed or as known, stripped and folded alike */
static char *
fold_name (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return eccp_store_fold_text (stripped);
}

static const char *
country_code_for (const char *text)
{
  static GHashTable *names;
  g_autofree char *folded = NULL;
  g_autofree char *upper = NULL;
  const char * const *codes = eccp_country_codes ();

  if (strlen (text) == 2)
    {
      upper = g_ascii_strup (text, -1);
      for (guint i = 0; codes[i] != NULL; i++)
        {
          if (g_str_equal (codes[i], upper))
            return codes[i];
        }
    }

  if (names == NULL)
    {
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; codes[i] != NULL; i++)
        g_hash_table_insert (names, fold_name (eccp_country_name (codes[i])), (gpointer) codes[i]);
    }

  folded = fold_name (text);
  return g_hash_table_lookup (names, folded);
}

/* Items are split on commas; since some names hold a comma ("Korea,
 * Republic of"), the longest run of pieces that names a country wins. */
JsonNode *
_eccp_field_row_parse_countries (const char  *text,
                    char       **message)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) pieces = g_ptr_array_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;
  guint i = 0;

  for (guint k = 0; parts[k] != NULL; k++)
    {
      g_strstrip (parts[k]);
      if (parts[k][0] != '\0')
        g_ptr_array_add (pieces, parts[k]);
    }

  while (i < pieces->len)
    {
      const char *code = NULL;
      guint j;

      for (j = pieces->len; j > i; j--)
        {
          g_autoptr(GString) candidate = g_string_new (NULL);

          for (guint k = i; k < j; k++)
            {
              if (k > i)
                g_string_append (candidate, ", ");
              g_string_append (candidate, g_ptr_array_index (pieces, k));
            }

          code = country_code_for (candidate->str);
          if (code != NULL)
            break;
        }

      if (code == NULL)
        {
          *message = g_strdup_printf (_("“%s” is not a country: give names or codes (such as DE), separated by commas"),
                                      (const char *) g_ptr_array_index (pieces, i));
          return NULL;
        }

      json_array_add_string_element (array, code);
      i = j;
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}
