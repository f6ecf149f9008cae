/* test-cli-escapes.c: hostile text against eccp: control characters are
 * refused when typed, and shown visibly (never as raw bytes a terminal would
 * obey) when they come from a file or a portal
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

/* the fixture and its short names: tests/common/eccp-test-cli.h */
#define ECCP_TEST_CLI_SHORT_NAMES
#include "eccp-test-cli.h"
#include "eccp-test-server.h"
#include "eccp-test-util.h"

#include <string.h>

#include "eccp-store.h"

#define EVIL_ID  "c1111111-1111-4111-8111-111111111111"
#define EVENT_ID "e1111111-1111-4111-8111-111111111111"

/* ESC sequences that recolour and retitle, BEL, SOH, an 8-bit CSI (C1) and
 * a right-to-left override, in a title and a long text. */
#define EVIL_NAME "Evil \\u001b[31mred\\u0007 \\u009b2J \\u202eabc\\u0001 Ž"
#define EVIL_RECORD \
  "{\"type\": \"cluster\", \"id\": \"" EVIL_ID "\"," \
  " \"attributes\": {\"name\": \"" EVIL_NAME "\", \"country\": \"DE\"," \
  "                 \"description\": \"one\\n\\ttwo\\u001b]0;pwned\\u0007\"}," \
  " \"meta\": {\"rev\": 1, \"seq\": 1}}"

/* Nothing a terminal would obey: no C0 but newline and tab, no DEL, no C1,
 * no bidi control. */
static void
assert_no_raw_controls (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) ||
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        g_error ("U+%04X raw at byte %ld of “%s”", c, (long) (p - text), text);
    }
}

static void
import_evil (Fixture *f)
{
  g_autofree char *path = NULL;
  g_autoptr(Result) result = NULL;

  write_file (f, "evil.json", "{\"data\": [" EVIL_RECORD "]}", &path);
  result = run (f, "import", path);
  assert_status (result, 0);
}

static char *
create_cluster (Fixture *f)
{
  g_autoptr(Result) result = run (f, "create", "cluster", "name=Plain", "country=DE",
                                  "profile_type=cluster_organisation", "ecosystems=Digital");

  assert_status (result, 0);
  return g_strstrip (g_strdup (result->out));
}

/* Typed: refused with exit status 1, a message naming the field, nothing
 * written. */
static void
test_set_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = create_cluster (f);
  const char *values[] = {
    "name=\x1b[31mred", "name=bell\x07", "name=del\x7f", "name=soh\x01",
    "name=csi\xc2\x9b" "2J", "description=para\n\x1b[2J", "city=\x1b]0;title\x07",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(Result) result = run (f, "set", "cluster", id, values[i]);
      g_autoptr(JsonNode) shown = NULL;

      assert_status (result, 1);
      assert_one_line_error (result);
      assert_contains (result->err, "must not hold control characters");
      assert_no_raw_controls (result->err);
      g_assert_cmpstr (result->out, ==, "");

      shown = show_json (f, "cluster", id);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (shown), "attributes"), "name"),
                       ==, "Plain");
    }

  {
    g_autoptr(Result) named = run (f, "set", "cluster", id, "name=\x1b[31mred");
    g_autoptr(Result) described = run (f, "set", "cluster", id, "description=x\x1b");
    g_autoptr(Result) created = run (f, "create", "cluster", "name=\x1b[31mred", "country=DE",
                                     "profile_type=cluster_organisation", "ecosystems=Digital");
    g_autoptr(Result) long_text = run (f, "set", "cluster", id, "description=One.\n\tTwo.");

    assert_contains (named->err, "eccp: Name: must not hold control characters (U+001B)");
    assert_contains (described->err, "Description:");
    assert_status (created, 1);
    assert_contains (created->err, "Name:");
    /* newline and tab are long text's layout */
    assert_status (long_text, 0);
  }
}

/* management_fte=0x10 is not 16: numbers are decimal */
static void
test_hex_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = create_cluster (f);
  g_autoptr(Result) hex = run (f, "set", "cluster", id, "management_fte=0x10");
  g_autoptr(Result) hex_int = run (f, "set", "cluster", id, "members.sme=0x10");
  g_autoptr(Result) inf = run (f, "set", "cluster", id, "management_fte=infinity");
  g_autoptr(Result) decimal = run (f, "set", "cluster", id, "management_fte=1.5");
  g_autoptr(JsonNode) shown = NULL;

  assert_status (hex, 1);
  assert_contains (hex->err, "Management team (FTE): “0x10” is not a number");
  assert_status (hex_int, 1);
  assert_status (inf, 1);
  assert_status (decimal, 0);

  shown = show_json (f, "cluster", id);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_node_get_object (shown), "attributes"),
                                                    "management_fte"), ==, 1.5);
}

/* Received: kept as it came, shown with its controls visible */
static void
assert_evil_visible (Fixture *f)
{
  g_autoptr(Result) list = run (f, "list", "cluster");
  g_autoptr(Result) show = run (f, "show", "cluster", EVIL_ID);
  g_autoptr(Result) json = run (f, "show", "cluster", EVIL_ID, "--json");
  g_autoptr(JsonNode) parsed = NULL;

  assert_status (list, 0);
  assert_no_raw_controls (list->out);
  assert_contains (list->out, "Evil \\x1b[31mred\\x07 \\u009b2J \\u202eabc\\x01 Ž");

  assert_status (show, 0);
  assert_no_raw_controls (show->out);
  assert_contains (show->out, "Evil \\x1b[31mred\\x07");
  assert_contains (show->out, "two\\x1b]0;pwned\\x07");

  /* JSON escapes them, and reads back as the same text */
  assert_status (json, 0);
  assert_no_raw_controls (json->out);
  assert_contains (json->out, "\\u001b[31m");
  assert_contains (json->out, "\\u009b2J \\u202eabc");
  parsed = parse_json (json->out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (parsed), "attributes"), "name"),
                   ==, "Evil \x1b[31mred\x07 \xc2\x9b" "2J \xe2\x80\xae" "abc\x01 Ž");
}

static void
test_import_shown_visibly (Fixture       *f,
                           gconstpointer  data)
{
  import_evil (f);
  assert_evil_visible (f);
}

/* A hostile portal: /changes serves the evil record, an error whose detail
 * would retitle the terminal, or a page with NUL in an id and a name. */
enum { EVIL_PAGE, ERROR_PAGE, NUL_PAGE };

static void
changes_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  const char *text;
  guint status;

  if (GPOINTER_TO_INT (user_data) == NUL_PAGE)
    {
      status = 200;
      text = "{\"data\": [{\"type\": \"cluster\", \"id\": \"" EVIL_ID "\\u0000x\","
             " \"attributes\": {\"name\": \"Cut\\u0000short\", \"country\": \"DE\"},"
             " \"meta\": {\"rev\": 2, \"seq\": 2}}], \"meta\": {\"cursor\": \"2\", \"remaining\": 0}}";
    }
  else if (GPOINTER_TO_INT (user_data) == ERROR_PAGE)
    {
      status = 400;
      text = "{\"errors\": [{\"status\": \"400\", \"code\": \"boom\","
             " \"title\": \"Broken \\u001b[2J\","
             " \"detail\": \"\\u001b]0;pwned\\u0007\\u001b[31mall is lost\\u202e\"}]}";
    }
  else
    {
      status = 200;
      text = "{\"data\": [" EVIL_RECORD "], \"meta\": {\"cursor\": \"1\", \"remaining\": 0}}";
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/vnd.api+json", SOUP_MEMORY_STATIC,
                                    text, strlen (text));
}

static void
add_changes_handler (SoupServer *server,
                     gpointer    user_data)
{
  soup_server_add_handler (server, "/jsonapi/changes", changes_handler, user_data, NULL);
}

/* eccp sync against the hostile portal serving @page */
static Result *
sync_with (Fixture *f,
           int      page)
{
  EccpTestServer *server = eccp_test_server_start (add_changes_handler, GINT_TO_POINTER (page));
  const char *env[] = { "ECCP_TOKEN=eccp-pat-escapes", NULL };
  const char *args[] = { "--db", f->db, "sync", "--portal", eccp_test_server_get_base_url (server), NULL };
  Result *result = eccp_test_run_cli (f->dir, env, NULL, args);

  eccp_test_server_stop (server);
  return result;
}

static void
test_sync_shown_visibly (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Result) sync = sync_with (f, EVIL_PAGE);

  assert_status (sync, 0);
  assert_evil_visible (f);
}

static void
test_sync_error_visible (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Result) sync = sync_with (f, ERROR_PAGE);

  g_assert_cmpint (sync->status, !=, 0);
  assert_no_raw_controls (sync->err);
  assert_no_raw_controls (sync->out);
  assert_contains (sync->err, "\\x1b]0;pwned\\x07\\x1b[31mall is lost\\u202e");
}

static gint64
count_clusters (Fixture *f)
{
  g_autoptr(Result) status = run (f, "status", "--json");
  g_autoptr(JsonNode) parsed = NULL;

  assert_status (status, 0);
  parsed = parse_json (status->out);
  return json_object_get_int_member_with_default (json_object_get_object_member (json_node_get_object (parsed), "records"),
                                                  "cluster", 0);
}

/* "\u0000" would cut an id or a name short: the document is refused,
 * nothing of it is stored. */
static void
test_import_nul_refused (Fixture       *f,
                         gconstpointer  data)
{
  static const char *documents[] = {
    "{\"data\": [{\"type\": \"cluster\", \"id\": \"" EVIL_ID "\\u0000evil\","
    " \"attributes\": {\"name\": \"Good\", \"country\": \"DE\"}, \"meta\": {\"rev\": 1}}]}",
    "{\"data\": [\n{\"type\": \"cluster\", \"id\": \"" EVIL_ID "\",\n"
    " \"attributes\": {\"name\": \"Good\\u0000hidden\", \"country\": \"DE\"}, \"meta\": {\"rev\": 1}}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(Result) result = NULL;

      write_file (f, "nul.json", documents[i], &path);
      result = run (f, "import", path);
      assert_status (result, 1);
      assert_one_line_error (result);
      assert_contains (result->err, "a NUL character (\\u0000) cannot be part of an id or a text");
      assert_contains (result->err, i == 0 ? "line 1:" : "line 3:");
      g_assert_cmpint (count_clusters (f), ==, 0);
    }

  /* A backslash before u0000 is text, not a NUL */
  {
    g_autofree char *path = NULL;
    g_autoptr(Result) result = NULL;
    g_autoptr(JsonNode) shown = NULL;

    write_file (f, "text.json",
                "{\"data\": [{\"type\": \"cluster\", \"id\": \"" EVIL_ID "\","
                " \"attributes\": {\"name\": \"C:\\\\u0000\", \"country\": \"DE\"}, \"meta\": {\"rev\": 1}}]}",
                &path);
    result = run (f, "import", path);
    assert_status (result, 0);
    shown = show_json (f, "cluster", EVIL_ID);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (shown), "attributes"), "name"),
                     ==, "C:\\u0000");
  }
}

static char *
stored_cursor (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpStore) store = eccp_store_new (f->db, &error);

  g_assert_no_error (error);
  return eccp_store_get_setting (store, "cursor");
}

/* After a good page, a page with NUL is refused: the cursor and every
 * record stay as they were. */
static void
test_sync_nul_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Result) good = sync_with (f, EVIL_PAGE);
  g_autoptr(Result) sync = NULL;
  g_autofree char *cursor = NULL;

  assert_status (good, 0);
  sync = sync_with (f, NUL_PAGE);
  g_assert_cmpint (sync->status, !=, 0);
  assert_contains (sync->err, "a NUL character (\\u0000) cannot be part of an id or a text");
  cursor = stored_cursor (f);
  g_assert_cmpstr (cursor, ==, "1");
  g_assert_cmpint (count_clusters (f), ==, 1);
  assert_evil_visible (f);
}

/* Relationships of the wrong JSON type: absent, one warning line per
 * record, and no Json-CRITICAL (fatal here) */
static char *
event_with_partnership (const char *id,
                        const char *partnership)
{
  return g_strdup_printf ("{\"type\": \"event\", \"id\": \"%s\","
                          " \"attributes\": {\"title\": \"Webinar\", \"kind\": \"webinar\","
                          " \"starts_at\": \"2026-06-04T09:00:00+02:00\","
                          " \"ends_at\": \"2026-06-04T17:00:00+02:00\"},"
                          " \"relationships\": {\"partnership\": %s}, \"meta\": {\"rev\": 1}}",
                          id, partnership);
}

static void
test_malformed_relationships (Fixture       *f,
                              gconstpointer  data)
{
  static const char *shapes[] = {
    "{\"data\": \"p1111111-1111-4111-8111-111111111111\"}",
    "{\"data\": 42}",
    "{\"data\": [{\"type\": \"partnership\", \"id\": \"p1111111-1111-4111-8111-111111111111\"}]}",
    "{\"data\": {\"type\": 7, \"id\": [1]}}",
    "\"p1111111-1111-4111-8111-111111111111\"",
    "[1, 2]",
  };
  const char *env[] = { "G_DEBUG=fatal-criticals", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *malformed = event_with_partnership (EVENT_ID, shapes[i]);
      g_autofree char *sane = event_with_partnership ("e2222222-2222-4222-8222-222222222222",
                                                      "{\"data\": {\"type\": \"partnership\","
                                                      " \"id\": \"p2222222-2222-4222-8222-222222222222\"}}");
      g_autofree char *filled = NULL;
      g_autofree char *path = NULL;
      g_autoptr(Result) imported = NULL;
      g_autoptr(Result) show = NULL;
      g_autoptr(Result) csv = NULL;
      const char *show_args[] = { "--db", f->db, "show", "event", EVENT_ID, NULL };
      const char *csv_args[] = { "--db", f->db, "export", "event", "--format", "csv", NULL };
      const char *warning = "eccp: warning: event " EVENT_ID ": malformed relationships shown as absent: partnership\n";

      /* the first event's partnership is the malformed one */
      filled = g_strdup_printf ("{\"data\": [%s, %s]}", malformed, sane);
      write_file (f, "malformed.json", filled, &path);
      imported = run (f, "import", path);
      assert_status (imported, 0);

      show = eccp_test_run_cli (f->dir, env, NULL, show_args);
      assert_status (show, 0);
      g_assert_cmpstr (show->err, ==, warning);
      assert_contains (show->out, "Partnership:");
      g_assert_null (strstr (show->out, "p1111111"));
      g_assert_null (strstr (show->out, "[1, 2]"));

      csv = eccp_test_run_cli (f->dir, env, NULL, csv_args);
      assert_status (csv, 0);
      g_assert_cmpstr (csv->err, ==, warning);   /* once, for that record only */
      assert_contains (csv->out, "p2222222-2222-4222-8222-222222222222");
      g_assert_null (strstr (csv->out, "p1111111"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/escapes/set-refused", test_set_refused);
  ADD ("/cli/escapes/hex-refused", test_hex_refused);
  ADD ("/cli/escapes/import-shown-visibly", test_import_shown_visibly);
  ADD ("/cli/escapes/sync-shown-visibly", test_sync_shown_visibly);
  ADD ("/cli/escapes/sync-error-visible", test_sync_error_visible);
  ADD ("/cli/escapes/import-nul-refused", test_import_nul_refused);
  ADD ("/cli/escapes/sync-nul-refused", test_sync_nul_refused);
  ADD ("/cli/escapes/malformed-relationships", test_malformed_relationships);
#undef ADD

  return g_test_run ();
}
