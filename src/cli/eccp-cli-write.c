/* eccp-cli-write.c: create, set, delete, import and demo
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "eccp-cli.h"
#include "eccp-demo.h"

/* The most clusters `demo --scale` makes: about seventy times the portal. */
#define MAX_DEMO_CLUSTERS 100000

static JsonObject *
nonempty (JsonObject *object)
{
  return object != NULL && json_object_get_size (object) > 0 ? object : NULL;
}

static gboolean
check_changeable (const EccpTypeSpec  *type,
                  GError             **error)
{
  if (!type->append_only)
    return TRUE;

  g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
               _("%s are never changed or deleted; record a new one instead"),
               _(type->plural_label));
  return FALSE;
}

gboolean
eccp_cli_cmd_create (EccpCli      *cli,
                     EccpCliArgs  *args,
                     GError      **error)
{
  const EccpTypeSpec *type;
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(JsonObject) relationships = NULL;
  g_autoptr(EccpRecord) record = NULL;
  EccpStore *store;

  if ((type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL ||
      !eccp_cli_parse_edits (type, args, 1, &attributes, &relationships, error) ||
      (store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  record = eccp_store_create (store, type->name, NULL, attributes, nonempty (relationships), error);
  if (record == NULL)
    return FALSE;

  /* Only the id on stdout: ID=$(eccp create ...) */
  printf ("%s\n", eccp_record_get_id (record));
  return TRUE;
}

gboolean
eccp_cli_cmd_set (EccpCli      *cli,
                  EccpCliArgs  *args,
                  GError      **error)
{
  const char *id = eccp_cli_args_positional (args, 1);
  const EccpTypeSpec *type;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(JsonObject) relationships = NULL;
  EccpStore *store;

  /* The words are checked before the store is opened, so that a mistake in
   * the command is a usage error whatever the record. */
  if ((type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL ||
      !eccp_cli_parse_edits (type, args, 2, &attributes, &relationships, error) ||
      !check_changeable (type, error) ||
      (store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  record = eccp_store_update (store, type->name, id,
                              nonempty (attributes), nonempty (relationships), error);
  return record != NULL;
}

gboolean
eccp_cli_cmd_delete (EccpCli      *cli,
                     EccpCliArgs  *args,
                     GError      **error)
{
  const EccpTypeSpec *type;
  EccpStore *store;

  if ((type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL ||
      !check_changeable (type, error) ||
      (store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  return eccp_store_delete (store, type->name, eccp_cli_args_positional (args, 1), error);
}

gboolean
eccp_cli_cmd_import (EccpCli      *cli,
                     EccpCliArgs  *args,
                     GError      **error)
{
  const char *path = eccp_cli_args_positional (args, 0);
  EccpImportStats stats = { 0, };
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *kept = NULL;
  EccpStore *store;

  if ((store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  if (!eccp_store_import_file (store, path, &stats, error))
    {
      if (error != NULL && *error != NULL && strstr ((*error)->message, path) == NULL)
        g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  created = eccp_cli_format_count (stats.created);
  updated = eccp_cli_format_count (stats.updated);
  deleted = eccp_cli_format_count (stats.deleted);
  kept = eccp_cli_format_count (stats.kept_local);
  printf (_("Imported: %s new, %s updated, %s deleted, %s kept (local changes)\n"),
          created, updated, deleted, kept);
  return TRUE;
}

/* "1,400 clusters": one string per type for the translators' plural forms. */
static char *
count_phrase (const char *type,
              gint64      n)
{
  g_autofree char *count = eccp_cli_format_count (n);
  gulong k = (gulong) MIN (n, G_MAXLONG);

  if (strcmp (type, "cluster") == 0)
    return g_strdup_printf (ngettext ("%s cluster", "%s clusters", k), count);
  if (strcmp (type, "partnership") == 0)
    return g_strdup_printf (ngettext ("%s partnership", "%s partnerships", k), count);
  if (strcmp (type, "event") == 0)
    return g_strdup_printf (ngettext ("%s event", "%s events", k), count);
  if (strcmp (type, "call") == 0)
    return g_strdup_printf (ngettext ("%s call", "%s calls", k), count);
  if (strcmp (type, "attendee") == 0)
    return g_strdup_printf (ngettext ("%s attendee", "%s attendees", k), count);
  if (strcmp (type, "meeting") == 0)
    return g_strdup_printf (ngettext ("%s meeting", "%s meetings", k), count);
  if (strcmp (type, "checkin") == 0)
    return g_strdup_printf (ngettext ("%s check-in", "%s check-ins", k), count);

  return g_strdup_printf ("%s %s", count, type);
}

gboolean
eccp_cli_cmd_demo (EccpCli      *cli,
                   EccpCliArgs  *args,
                   GError      **error)
{
  const char *scale = eccp_cli_args_get (args, "scale");
  guint64 n_clusters = ECCP_DEMO_DEFAULT_CLUSTERS;
  EccpImportStats stats = { 0, };
  const EccpTypeSpec * const *types;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  guint n_types = 0;
  EccpStore *store;

  if (scale != NULL &&
      !g_ascii_string_to_unsigned (scale, 10, 1, MAX_DEMO_CLUSTERS, &n_clusters, NULL))
    {
      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                   _("--scale takes a number of clusters from 1 to %d, not “%s”"),
                   MAX_DEMO_CLUSTERS, scale);
      return FALSE;
    }

  if ((store = eccp_cli_get_store (cli, error)) == NULL ||
      !eccp_demo_load (store, (guint) n_clusters, &stats, error))
    return FALSE;

  types = eccp_type_spec_all (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      gint64 n = eccp_store_count_records (store, types[i]->name, error);
      g_autofree char *phrase = NULL;

      if (n < 0)
        return FALSE;

      phrase = count_phrase (types[i]->name, n);
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, phrase);
    }

  created = eccp_cli_format_count (stats.created);
  updated = eccp_cli_format_count (stats.updated);
  printf (_("Loaded the demo data: %s (%s new records, %s updated)\n"),
          text->str, created, updated);
  return TRUE;
}
