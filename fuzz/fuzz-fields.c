/* fuzz-fields.c: the command line's FIELD=VALUE words
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the words after `eccp create`, one a line: a type, then
 * FIELD=VALUE words ("members.sme=40", "ecosystems=Agri-food,Textile").
 * They go through the CLI's own parsers (eccp-cli-args.c,
 * eccp-cli-fields.c), and what they make is created in a store, as
 * `eccp create` does (eccp-cli-write.c).
 */

#define G_LOG_DOMAIN "eccp-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "eccp-cli.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  eccp_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const EccpCliOption options[] = { { "json", FALSE }, { NULL, } };
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) words = NULL;
  g_autoptr(EccpCliArgs) args = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(JsonObject) relationships = NULL;
  g_autoptr(EccpStore) store = NULL;
  g_autoptr(EccpRecord) record = NULL;
  const EccpTypeSpec *type;

  /* A command line's words are C strings: text up to a NUL. */
  words = g_strsplit (text, "\n", 64);
  args = eccp_cli_args_parse (g_strv_length (words), words, options, NULL);
  if (args == NULL || eccp_cli_args_n_positional (args) == 0)
    return 0;

  type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), NULL);
  if (type == NULL ||
      !eccp_cli_parse_edits (type, args, 1, &attributes, &relationships, NULL))
    return 0;

  store = eccp_fuzz_store_new ();
  record = eccp_store_create (store, type->name, NULL, attributes,
                              json_object_get_size (relationships) > 0 ? relationships : NULL, NULL);

  return 0;
}
