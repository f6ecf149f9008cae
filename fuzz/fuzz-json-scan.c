/* fuzz-json-scan.c: the scanner `eccp import` streams a file through
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a file's bytes, scanned whole and again in reads of a size
 * taken from its first byte.  Whatever comes: the same values or the same
 * refusal either way, every value handed out is balanced JSON for a parser
 * of its own, and a document the scanner takes whose values all parse is
 * one json-glib takes whole (eccp-json-scan.c).
 */

#define G_LOG_DOMAIN "eccp-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "eccp-json-scan.h"
#include "eccp-limits.h"

typedef struct
{
  GString  *events;
  gboolean  all_parse;
} Scanned;

static gboolean
collect (EccpJsonScanKind   kind,
         const char        *member,
         const char        *text,
         gsize              length,
         guint              line,
         gpointer           user_data,
         GError           **error)
{
  Scanned *scanned = user_data;

  g_string_append_printf (scanned->events, "%d %s %u ", kind, member, line);
  g_string_append_len (scanned->events, text, length);
  g_string_append_c (scanned->events, '\n');

  if (kind != ECCP_JSON_SCAN_ARRAY)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (!eccp_json_depth_within (text, length, ECCP_LIMIT_DEPTH))
        g_error ("a value deeper than the limit was handed out");
      if (!json_parser_load_from_data (parser, text, length, NULL))
        scanned->all_parse = FALSE;
    }

  return TRUE;
}

static gboolean
scan (const uint8_t  *data,
      size_t          size,
      size_t          step,
      Scanned        *scanned,
      GError        **error)
{
  static const char * const split[] = { "data", "included", NULL };
  g_autoptr(EccpJsonScan) scan = eccp_json_scan_new (split, ECCP_LIMIT_DEPTH, collect, scanned);

  for (size_t at = 0; at < size; at += step)
    if (!eccp_json_scan_feed (scan, (const char *) data + at, MIN (step, size - at), error))
      return FALSE;

  return eccp_json_scan_finish (scan, error);
}

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
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error_steps = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GString) events_steps = g_string_new (NULL);
  Scanned whole = { events, TRUE };
  Scanned steps = { events_steps, TRUE };
  size_t step = size > 0 ? 1 + data[0] % 16 : 1;
  gboolean ok = scan (data, size, size > 0 ? size : 1, &whole, &error);
  gboolean ok_steps = scan (data, size, step, &steps, &error_steps);

  if (ok != ok_steps
      || (!ok && (error->code != error_steps->code || strcmp (error->message, error_steps->message) != 0))
      || strcmp (events->str, events_steps->str) != 0)
    g_error ("scanned in reads of %zu bytes, not as whole", step);

  /* The scanner's frame is JSON's: json-glib takes the document whole. */
  if (ok && whole.all_parse)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
        g_error ("the scanner took a document that is not JSON");
    }

  return 0;
}
