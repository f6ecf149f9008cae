/* eccp-cli-args.c: a small option parser for the commands of `eccp`
 *
 * GOptionContext would take "--sort -name" as well, but it prints its own
 * help and exits; this parser leaves help, usage and exit statuses to eccp.c.
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <glib/gi18n.h>

#include "eccp-cli.h"

struct _EccpCliArgs
{
  GHashTable *options;    /* name -> GPtrArray of values ("" for flags) */
  GPtrArray  *positional;
};

static const EccpCliOption common_options[] = {
  { "help", FALSE },
  { "db", TRUE },
  { NULL }
};

G_DEFINE_QUARK (eccp-cli-error-quark, eccp_cli_error)

static const EccpCliOption *
find_option (const EccpCliOption *options,
             const char          *name,
             gsize                len)
{
  for (const EccpCliOption *o = common_options; o->name != NULL; o++)
    if (strlen (o->name) == len && strncmp (o->name, name, len) == 0)
      return o;

  for (const EccpCliOption *o = options; o != NULL && o->name != NULL; o++)
    if (strlen (o->name) == len && strncmp (o->name, name, len) == 0)
      return o;

  return NULL;
}

static void
add_value (EccpCliArgs *self,
           const char  *name,
           const char  *value)
{
  GPtrArray *values = g_hash_table_lookup (self->options, name);

  if (values == NULL)
    {
      values = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->options, g_strdup (name), values);
    }

  g_ptr_array_add (values, g_strdup (value));
}

EccpCliArgs *
eccp_cli_args_parse (int                  argc,
                     char               **argv,
                     const EccpCliOption *options,
                     GError             **error)
{
  g_autoptr(EccpCliArgs) self = g_new0 (EccpCliArgs, 1);
  gboolean options_done = FALSE;

  self->options = g_hash_table_new_full (g_str_hash, g_str_equal,
                                         g_free, (GDestroyNotify) g_ptr_array_unref);
  self->positional = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < argc; i++)
    {
      const char *word = argv[i];
      const EccpCliOption *option;
      const char *name;
      const char *eq;
      gsize len;

      if (options_done || word[0] != '-' || word[1] == '\0')
        {
          g_ptr_array_add (self->positional, g_strdup (word));
          continue;
        }

      if (strcmp (word, "--") == 0)
        {
          options_done = TRUE;
          continue;
        }

      if (strcmp (word, "-h") == 0)
        {
          add_value (self, "help", "");
          continue;
        }

      if (word[1] != '-')
        {
          g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                       _("Unknown option “%s”"), word);
          return NULL;
        }

      name = word + 2;
      eq = strchr (name, '=');
      len = eq != NULL ? (gsize) (eq - name) : strlen (name);
      option = find_option (options, name, len);

      if (option == NULL)
        {
          g_autofree char *bare = g_strndup (word, len + 2);

          g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                       _("Unknown option “%s”"), bare);
          return NULL;
        }

      if (!option->takes_value)
        {
          if (eq != NULL)
            {
              g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                           _("Option “--%s” takes no value"), option->name);
              return NULL;
            }
          add_value (self, option->name, "");
        }
      else if (eq != NULL)
        {
          add_value (self, option->name, eq + 1);
        }
      else if (i + 1 < argc)
        {
          /* Taken as it is, even "-name". */
          add_value (self, option->name, argv[++i]);
        }
      else
        {
          g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                       _("Option “--%s” needs a value"), option->name);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

void
eccp_cli_args_free (EccpCliArgs *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->options, g_hash_table_unref);
  g_clear_pointer (&self->positional, g_ptr_array_unref);
  g_free (self);
}

gboolean
eccp_cli_args_has (EccpCliArgs *self,
                   const char  *name)
{
  return g_hash_table_contains (self->options, name);
}

const char *
eccp_cli_args_get (EccpCliArgs *self,
                   const char  *name)
{
  GPtrArray *values = g_hash_table_lookup (self->options, name);

  if (values == NULL || values->len == 0)
    return NULL;

  return g_ptr_array_index (values, values->len - 1);
}

GPtrArray *
eccp_cli_args_get_all (EccpCliArgs *self,
                       const char  *name)
{
  static GPtrArray *empty;
  GPtrArray *values = g_hash_table_lookup (self->options, name);

  if (values != NULL)
    return values;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());

  return empty;
}

guint
eccp_cli_args_n_positional (EccpCliArgs *self)
{
  return self->positional->len;
}

const char *
eccp_cli_args_positional (EccpCliArgs *self,
                          guint        index)
{
  g_return_val_if_fail (index < self->positional->len, NULL);

  return g_ptr_array_index (self->positional, index);
}
