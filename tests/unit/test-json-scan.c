/* test-json-scan.c: the streaming scanner `eccp import` reads documents with
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each document is scanned whole and again a byte at a time: what comes
 * out must not depend on where the reads end.
 */

#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "eccp-json-scan.h"

static const char * const split[] = { "data", "included", NULL };

/* "kind member text@line" a line each. */
static gboolean
collect (EccpJsonScanKind   kind,
         const char        *member,
         const char        *text,
         gsize              length,
         guint              line,
         gpointer           user_data,
         GError           **error)
{
  GString *out = user_data;
  const char *kinds[] = { "element", "array", "value" };

  g_string_append_printf (out, "%s %s %.*s@%u\n", kinds[kind], member, (int) length, text, line);
  return TRUE;
}

/* The events of scanning @text in reads of @step bytes; %NULL with @error
 * when refused. */
static char *
scan_in_steps (const char  *text,
               gsize        length,
               gsize        step,
               guint        max_depth,
               GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(EccpJsonScan) scan = eccp_json_scan_new (split, max_depth, collect, out);

  for (gsize at = 0; at < length; at += step)
    if (!eccp_json_scan_feed (scan, text + at, MIN (step, length - at), error))
      return NULL;
  if (!eccp_json_scan_finish (scan, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Scans @text whole and a byte at a time: the same events, or the same
 * refusal (@code, -1 for none), and returns them. */
static char *
scan (const char *text,
      int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error_bytes = NULL;
  g_autofree char *whole = scan_in_steps (text, strlen (text), G_MAXSIZE / 2, 64, &error);
  g_autofree char *bytes = scan_in_steps (text, strlen (text), 1, 64, &error_bytes);

  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_no_error (error_bytes);
      g_assert_cmpstr (whole, ==, bytes);
      return g_steal_pointer (&whole);
    }

  g_assert_error (error, ECCP_JSON_SCAN_ERROR, code);
  g_assert_error (error_bytes, ECCP_JSON_SCAN_ERROR, code);
  g_assert_cmpstr (error->message, ==, error_bytes->message);
  return g_strdup (error->message);
}

static void
test_split (void)
{
  g_autofree char *events = scan ("{\"jsonapi\": {\"version\": \"1.1\"},\n"
                                  " \"data\": [{\"type\": \"cluster\", \"id\": \"a\"},\n"
                                  "  {\"type\": \"event\", \"attributes\": {\"tags\": [1, 2, {\"x\": []}]}}, 17, \"s\", null],\n"
                                  " \"included\": [],\n"
                                  " \"meta\": {\"cursor\": 120}, \"n\": -1.5e3, \"t\": true}\n",
                                  -1);

  g_assert_cmpstr (events, ==,
                   "value jsonapi {\"version\": \"1.1\"}@1\n"
                   "element data {\"type\": \"cluster\", \"id\": \"a\"}@2\n"
                   "element data {\"type\": \"event\", \"attributes\": {\"tags\": [1, 2, {\"x\": []}]}}@3\n"
                   "element data 17@3\n"
                   "element data \"s\"@3\n"
                   "element data null@3\n"
                   "array data []@3\n"
                   "array included []@4\n"
                   "value meta {\"cursor\": 120}@5\n"
                   "value n -1.5e3@5\n"
                   "value t true@5\n");
}

/* Brackets, quotes and escapes inside strings are text. */
static void
test_strings (void)
{
  g_autofree char *events = scan ("{\"data\": [{\"name\": \"]}[{,\\\"\\\\\", \"x\": \"\\u00e9\\\\u0000\"}],"
                                  " \"d\\u0061ta2\": \"\\\"}\"}", -1);

  g_assert_cmpstr (events, ==,
                   "element data {\"name\": \"]}[{,\\\"\\\\\", \"x\": \"\\u00e9\\\\u0000\"}@1\n"
                   "array data []@1\n"
                   "value data2 \"\\\"}\"@1\n");
}

/* A member's name is read as JSON reads it: "d\u0061ta" is "data". */
static void
test_escaped_name (void)
{
  g_autofree char *events = scan ("{\"d\\u0061ta\": [1]}", -1);

  g_assert_cmpstr (events, ==, "element data 1@1\narray data []@1\n");
}

/* "data" that is no array is handed out whole. */
static void
test_data_object (void)
{
  g_autofree char *events = scan ("{\"data\": {\"type\": \"cluster\"}, \"included\": null}", -1);

  g_assert_cmpstr (events, ==, "value data {\"type\": \"cluster\"}@1\nvalue included null@1\n");
}

static void
test_refused (void)
{
  static const struct { const char *text; int code; const char *message; } cases[] = {
    { "", ECCP_JSON_SCAN_ERROR_EMPTY, NULL },
    { " \n\t", ECCP_JSON_SCAN_ERROR_EMPTY, NULL },
    { "[1, 2]", ECCP_JSON_SCAN_ERROR_NOT_OBJECT, NULL },
    { "\"data\"", ECCP_JSON_SCAN_ERROR_NOT_OBJECT, NULL },
    /* truncated, anywhere */
    { "{", ECCP_JSON_SCAN_ERROR_TRUNCATED, NULL },
    { "{\"da", ECCP_JSON_SCAN_ERROR_TRUNCATED, NULL },
    { "{\"data\"", ECCP_JSON_SCAN_ERROR_TRUNCATED, NULL },
    { "{\"data\": [{\"type\": \"cluster\", ", ECCP_JSON_SCAN_ERROR_TRUNCATED, NULL },
    { "{\"data\": [{\"name\": \"]}\\\"", ECCP_JSON_SCAN_ERROR_TRUNCATED, NULL },
    { "{\"data\": []", ECCP_JSON_SCAN_ERROR_TRUNCATED, NULL },
    { "{\"n\": 12", ECCP_JSON_SCAN_ERROR_TRUNCATED, "line 1: the document ends before it is complete" },
    /* garbage after the document */
    { "{\"data\": []} x", ECCP_JSON_SCAN_ERROR_SYNTAX, "line 1: more follows the end of the document" },
    { "{}\n{}", ECCP_JSON_SCAN_ERROR_SYNTAX, "line 2: more follows the end of the document" },
    /* the frame */
    { "{\"data\" [1]}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    { "{data: [1]}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    { "{\"data\": [1,]}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    { "{\"data\": [,1]}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    { "{\"data\": [1 2]}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    { "{\"a\": 1,}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    { "{\"a\": 1 \"b\": 2}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    { "{\"data\": [{\"a\": 1]]}", ECCP_JSON_SCAN_ERROR_SYNTAX, "line 1: unexpected character “]”" },
    { "{\"data\": [1}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    { "{\"\xff\": 1}", ECCP_JSON_SCAN_ERROR_SYNTAX, NULL },
    /* NUL, as a byte is tested below; as an escape, in a name too */
    { "{\"data\": [{\"id\": \"a\\u0000b\"}]}", ECCP_JSON_SCAN_ERROR_NUL,
      "line 1: a NUL character (\\u0000) cannot be part of an id or a text" },
    { "{\n\"a\\u0000\": 1}", ECCP_JSON_SCAN_ERROR_NUL,
      "line 2: a NUL character (\\u0000) cannot be part of an id or a text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;

      g_test_message ("%s", cases[i].text);
      message = scan (cases[i].text, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (message, ==, cases[i].message);
    }
}

static void
test_nul_byte (void)
{
  static const char text[] = "{\"data\": [{\"id\": \"a\0b\"}]}";
  g_autoptr(GError) error = NULL;
  g_autofree char *events = scan_in_steps (text, sizeof text - 1, 3, 64, &error);

  g_assert_null (events);
  g_assert_error (error, ECCP_JSON_SCAN_ERROR, ECCP_JSON_SCAN_ERROR_NUL);
}

/* Depth counts the root and the split array; refused before the value is
 * whole, so that a hostile value is never held. */
static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"data\": ");
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  events = scan_in_steps (deep->str, deep->len, 7, 64, &error);
  g_assert_null (events);
  g_assert_error (error, ECCP_JSON_SCAN_ERROR, ECCP_JSON_SCAN_ERROR_DEPTH);
  g_clear_error (&error);

  /* 3 levels: the root, data's array and a record; 4 is one too many. */
  events = scan_in_steps ("{\"data\": [{\"a\": 1}]}", 20, 1, 3, &error);
  g_assert_no_error (error);
  g_clear_pointer (&events, g_free);
  events = scan_in_steps ("{\"data\": [{\"a\": []}]}", 21, 1, 3, &error);
  g_assert_error (error, ECCP_JSON_SCAN_ERROR, ECCP_JSON_SCAN_ERROR_DEPTH);
  g_clear_error (&error);
  /* a member not split: the root and the value */
  events = scan_in_steps ("{\"meta\": {\"a\": {}}}", 19, 1, 2, &error);
  g_assert_error (error, ECCP_JSON_SCAN_ERROR, ECCP_JSON_SCAN_ERROR_DEPTH);
}

static gboolean
refuse_second (EccpJsonScanKind   kind,
               const char        *member,
               const char        *text,
               gsize              length,
               guint              line,
               gpointer           user_data,
               GError           **error)
{
  guint *n = user_data;

  if (++*n == 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no second");
      return FALSE;
    }
  return TRUE;
}

/* The callback's refusal stops the scan, and stays. */
static void
test_callback_refuses (void)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;
  g_autoptr(EccpJsonScan) scan = eccp_json_scan_new (split, 64, refuse_second, &n);

  g_assert_false (eccp_json_scan_feed (scan, "{\"data\": [1, 2, 3]}", 19, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (eccp_json_scan_feed (scan, " ", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (eccp_json_scan_finish (scan, &error));
  g_assert_cmpuint (n, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-scan/split", test_split);
  g_test_add_func ("/json-scan/strings", test_strings);
  g_test_add_func ("/json-scan/escaped-name", test_escaped_name);
  g_test_add_func ("/json-scan/data-object", test_data_object);
  g_test_add_func ("/json-scan/refused", test_refused);
  g_test_add_func ("/json-scan/nul-byte", test_nul_byte);
  g_test_add_func ("/json-scan/depth", test_depth);
  g_test_add_func ("/json-scan/callback-refuses", test_callback_refuses);

  return g_test_run ();
}
