/* eccp.c: the command line of ECCP Desk
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "eccp-cli.h"
#include "eccp-demo.h"
#include "eccp-sync-engine.h"

typedef gboolean (*CommandFunc) (EccpCli      *cli,
                                 EccpCliArgs  *args,
                                 GError      **error);

typedef struct
{
  const char          *name;
  CommandFunc          func;
  const EccpCliOption *options;
  guint                min_args;
  gint                 max_args;  /* -1: any number */
  gboolean             type_first; /* TYPE is the first argument */
  const char          *usage;      /* after "eccp NAME " */
  const char          *summary;    /* N_() */
} Command;

static const EccpCliOption list_options[] = {
  { "search", TRUE },
  { "where", TRUE },
  { "sort", TRUE },
  { "limit", TRUE },
  { "json", FALSE },
  { NULL }
};

static const EccpCliOption json_options[] = {
  { "json", FALSE },
  { NULL }
};

static const EccpCliOption diff_options[] = {
  { "all", FALSE },
  { "json", FALSE },
  { NULL }
};

static const EccpCliOption export_options[] = {
  { "format", TRUE },
  { "where", TRUE },
  { NULL }
};

static const EccpCliOption demo_options[] = {
  { "scale", TRUE },
  { NULL }
};

static const EccpCliOption sync_options[] = {
  { "portal", TRUE },
  { "allow-insecure", FALSE },
  { NULL }
};

static const EccpCliOption login_options[] = {
  { "portal", TRUE },
  { "token-file", TRUE },
  { "allow-insecure", FALSE },
  { NULL }
};

static const EccpCliOption resolve_options[] = {
  { "mine", FALSE },
  { "theirs", FALSE },
  { "value", TRUE },
  { NULL }
};

static const EccpCliOption comment_options[] = {
  { "comment", TRUE },
  { NULL }
};

static const EccpCliOption checkin_options[] = {
  { "undo", FALSE },
  { "device", TRUE },
  { "again", FALSE },
  { NULL }
};

static const EccpCliOption attendees_options[] = {
  { "search", TRUE },
  { "json", FALSE },
  { NULL }
};

static const EccpCliOption meetings_options[] = {
  { "attendee", TRUE },
  { "json", FALSE },
  { NULL }
};

static const EccpCliOption purge_options[] = {
  { "before", TRUE },
  { "dry-run", FALSE },
  { NULL }
};

static const Command commands[] = {
  { "demo", eccp_cli_cmd_demo, demo_options, 0, 0, FALSE,
    "[--scale N]", N_("Load the demo data set") },
  { "list", eccp_cli_cmd_list, list_options, 1, 1, TRUE,
    "TYPE [--search TEXT] [--where FIELD=VALUE]… [--sort [-]FIELD] [--limit N] [--json]",
    N_("List records") },
  { "show", eccp_cli_cmd_show, json_options, 2, 2, TRUE,
    "TYPE ID [--json]", N_("Show one record") },
  { "create", eccp_cli_cmd_create, NULL, 1, -1, TRUE,
    "TYPE FIELD=VALUE…", N_("Create a record and print its id") },
  { "set", eccp_cli_cmd_set, NULL, 3, -1, TRUE,
    "TYPE ID FIELD=VALUE…", N_("Change fields of a record") },
  { "delete", eccp_cli_cmd_delete, NULL, 2, 2, TRUE,
    "TYPE ID", N_("Delete a record") },
  { "status", eccp_cli_cmd_status, json_options, 0, 0, FALSE,
    "[--json]", N_("Count records per type and local changes per state") },
  { "export", eccp_cli_cmd_export, export_options, 1, 1, TRUE,
    "TYPE [--where FIELD=VALUE]… [--format json|csv|ics]", N_("Write every record of a type") },
  { "import", eccp_cli_cmd_import, NULL, 1, 1, FALSE,
    "FILE", N_("Take a JSON:API document or a /changes page as the portal’s state") },
  { "sync", eccp_cli_cmd_sync, sync_options, 0, 0, FALSE,
    "[--portal URL] [--allow-insecure]", N_("Send local changes to the portal and bring in its changes") },
  { "login", eccp_cli_cmd_login, login_options, 0, 0, FALSE,
    "--portal URL [--token-file FILE] [--allow-insecure]", N_("Keep the portal’s address, and your access token in the keyring") },
  { "changes", eccp_cli_cmd_changes, json_options, 0, 0, FALSE,
    "[--json]", N_("List local changes: waiting, in conflict, refused or not valid") },
  { "resolve", eccp_cli_cmd_resolve, resolve_options, 3, 3, TRUE,
    "TYPE ID FIELD (--mine | --theirs | --value VALUE)", N_("Decide a conflict about one field") },
  { "discard", eccp_cli_cmd_discard, NULL, 2, 2, TRUE,
    "TYPE ID", N_("Drop the local change of a record and return to the portal’s version") },
  { "submit", eccp_cli_cmd_submit, NULL, 2, 2, FALSE,
    "TYPE ID", N_("Submit a record for review") },
  { "review", eccp_cli_cmd_review, json_options, 0, 0, FALSE,
    "[--json]", N_("List what waits for staff's review, oldest first") },
  { "diff", eccp_cli_cmd_diff, diff_options, 2, 2, TRUE,
    "TYPE ID [--all] [--json]", N_("Compare a record with its published revision") },
  { "approve", eccp_cli_cmd_approve, NULL, 2, 2, FALSE,
    "TYPE ID", N_("Publish a record that needs review") },
  { "request-changes", eccp_cli_cmd_request_changes, comment_options, 2, 2, FALSE,
    "TYPE ID --comment TEXT", N_("Send a record that needs review back to its managers") },
  { "archive", eccp_cli_cmd_archive, NULL, 2, 2, FALSE,
    "TYPE ID", N_("Archive a published record") },
  { "checkin", eccp_cli_cmd_checkin, checkin_options, 2, 2, FALSE,
    "EVENT_ID ATTENDEE_ID [--undo] [--device NAME] [--again]", N_("Check an attendee in at an event") },
  { "attendees", eccp_cli_cmd_attendees, attendees_options, 1, 1, FALSE,
    "EVENT_ID [--search TEXT] [--json]", N_("List an event’s attendees, checked in or not") },
  { "meetings", eccp_cli_cmd_meetings, meetings_options, 1, 1, FALSE,
    "EVENT_ID [--attendee ID] [--json]", N_("Show an event’s meetings in time order, or one attendee’s") },
  { "purge", eccp_cli_cmd_purge, purge_options, 0, 0, FALSE,
    "[--before DATE] [--dry-run]", N_("Remove the attendee data of past events from this computer") },
};

EccpStore *
eccp_cli_get_store (EccpCli  *cli,
                    GError  **error)
{
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  path = cli->db_path != NULL ? g_strdup (cli->db_path) : eccp_store_default_path ();
  cli->store = eccp_store_new (path, error);
  if (cli->store == NULL && error != NULL && *error != NULL &&
      strstr ((*error)->message, path) == NULL)
    g_prefix_error (error, _("Cannot open the store %s: "), path);

  return cli->store;
}

EccpRecord *
eccp_cli_get_record (EccpCli             *cli,
                     EccpCliArgs         *args,
                     const EccpTypeSpec **type,
                     GError             **error)
{
  EccpStore *store;

  if ((*type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL ||
      (store = eccp_cli_get_store (cli, error)) == NULL)
    return NULL;

  return eccp_store_get (store, (*type)->name, eccp_cli_args_positional (args, 1), error);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static void
print_field (const char          *name,
             const EccpFieldSpec *field,
             gpointer             user_data)
{
  GString *out = user_data;
  g_autofree char *padded = eccp_cli_pad (name, 24);

  g_string_append_printf (out, "  %s %s — %s", padded, _(field->label), eccp_field_kind_get_description (field->kind));

  if (eccp_field_spec_is_relation (field))
    g_string_append_printf (out, " %s", field->target_type);

  if (field->choices != NULL)
    {
      g_autofree char *choices = g_strjoinv (", ", (char **) field->choices);

      if (field->kind == ECCP_FIELD_LIST)
        g_string_append_printf (out, _(" of: %s"), choices);
      else
        g_string_append_printf (out, ": %s", choices);
    }

  if ((field->flags & ECCP_FIELD_FLAG_REQUIRED) != 0)
    g_string_append_printf (out, " (%s)", _("required"));

  g_string_append_c (out, '\n');
}

/* `eccp create cluster --help` lists what a cluster has. */
static void
print_type_fields (GString            *out,
                   const EccpTypeSpec *type)
{
  g_string_append_printf (out, _("\nFields of a %s:\n"), type->name);

  eccp_cli_foreach_field (type, print_field, out);

  if (type->append_only)
    g_string_append_printf (out, _("%s are never changed or deleted.\n"), _(type->plural_label));
}

static const char *
command_help (const Command *command)
{
  if (command->func == eccp_cli_cmd_list)
    return _("Options:\n"
             "  --search TEXT        Records whose words start with the words of TEXT,\n"
             "                       ignoring case and accents (“zeljko” finds “Željko”)\n"
             "  --where FIELD=VALUE  Records whose FIELD is VALUE; repeat it to narrow down.\n"
             "                       A list holds every item given (ecosystems=Digital,Health),\n"
             "                       a relation names an id (partnership=ID), an object\n"
             "                       member is dotted (members.sme=40). Calls also by\n"
             "                       status=open, closing (within 14 days), forthcoming\n"
             "                       or closed\n"
             "  --sort [-]FIELD      Order by FIELD; a leading “-” reverses the order\n"
             "                       (--sort -name or --sort=-name). Default: by name,\n"
             "                       calls by their next cut-off (the closed last), or\n"
             "                       by relevance with --search\n"
             "  --limit N            At most N records; 0 for all. Default: 50 for the plain\n"
             "                       listing, which then says on stderr how many more there\n"
             "                       are; no limit with --json\n"
             "  --json               A JSON array of JSON:API resource objects, with\n"
             "                       meta.sync_state\n"
             "\n"
             "A plain line shows the id, a mark — “*” a local change waits to be sent,\n"
             "“!” a conflict, or a change the portal refused or found not valid — the\n"
             "record’s name and its summary fields.\n");

  if (command->func == eccp_cli_cmd_show)
    return _("Options:\n"
             "  --json    The JSON:API resource object, with meta.sync_state\n"
             "\n"
             "Without --json: one “Label: value” line per field, the fields this version\n"
             "does not know, then the id, revision, moderation and sync state. For a\n"
             "cluster with a local change or not yet published: whether it meets the\n"
             "portal’s publication criteria.\n");

  if (command->func == eccp_cli_cmd_review)
    return _("Options:\n"
             "  --json    An array of {\"type\", \"id\", \"title\", \"submitted\"}\n"
             "\n"
             "The records of every moderated type whose state is “Needs review”, as\n"
             "last synced, oldest submission first.\n");

  if (command->func == eccp_cli_cmd_diff)
    return _("Options:\n"
             "  --all     Every field, not only those that changed\n"
             "  --json    An array of {\"field\", \"label\", \"change\": \"added\" | \"removed\" |\n"
             "            \"changed\" (or \"same\" with --all), \"published\", \"current\"},\n"
             "            with the fields' raw JSON values\n"
             "\n"
             "The working copy against meta.published, the revision everyone sees.\n"
             "Long texts are compared word by word: [-deleted-] and {+inserted+}.\n");

  if (command->func == eccp_cli_cmd_create)
    return _("Prints the new record’s id, and nothing else, on stdout.\n"
             "The record waits in the local store to be sent to the portal.\n");

  if (command->func == eccp_cli_cmd_set)
    return _("Changes the fields named and no others. Prints nothing.\n"
             "An object member (members.sme=40) keeps the object’s other members.\n"
             "FIELD= (empty) clears the field.\n");

  if (command->func == eccp_cli_cmd_delete)
    return _("Deletes the record locally; the deletion waits to be sent to the portal.\n");

  if (command->func == eccp_cli_cmd_status)
    return _("Options:\n"
             "  --json    {\"records\": {TYPE: N, …}, \"changes\": {\"pending\": N,\n"
             "            \"conflict\": N, \"rejected\": N, \"invalid\": N}, \"path\": FILE}\n");

  if (command->func == eccp_cli_cmd_export)
    return _("Options:\n"
             "  --format json   A JSON array of JSON:API resource objects (the default)\n"
             "  --format csv    RFC 4180 CSV: lines end with CRLF; a cell with a comma,\n"
             "                  quote or line break is quoted, its quotes doubled.\n"
             "                  Columns: id, the fields in order (an object's members as\n"
             "                  members.sme, …), rev, moderation_state, sync_state.\n"
             "                  Lists and several ids are joined with “; ”.\n"
             "  --format ics    iCalendar (RFC 5545), for calls and events only: a call's\n"
             "                  cut-offs one entry each (UTC, a reminder a week before\n"
             "                  those ahead), an event in its own time zone (TZID and\n"
             "                  VTIMEZONE).  UIDs come from the ids: importing a newer\n"
             "                  file updates a calendar's entries.\n"
             "  --where FIELD=VALUE  Only the records whose FIELD is VALUE, as in list\n"
             "\n"
             "eccp export attendee --format csv [--where event=ID] writes the attendee\n"
             "list instead: event (its title), name, organisation, country (English\n"
             "name), checked_in (yes/no), last_checkin (ISO 8601 in the event's time\n"
             "zone), device, id; every event's attendees without --where.  UTF-8\n"
             "without a byte order mark (the app's export has one, for spreadsheets).\n");

  if (command->func == eccp_cli_cmd_import)
    return _("FILE is a JSON:API document (\"data\" an object or an array) or a page of the\n"
             "portal's /changes feed, tombstones included. Its records are stored as the\n"
             "portal's state; a record with a local change is kept as it is, for sync to\n"
             "merge.\n");

  if (command->func == eccp_cli_cmd_sync)
    return _("Options:\n"
             "  --portal URL   The portal’s JSON:API address, e.g.\n"
             "                 https://portal.example.eu/jsonapi (default: the one this\n"
             "                 store synced with before, kept from the first --portal)\n"
             "  --allow-insecure Allow a plain http:// portal on another computer: the\n"
             "                 token then travels unencrypted (http to this computer,\n"
             "                 such as http://127.0.0.1, is always allowed)\n"
             "\n"
             "An address with a user name or password in it is refused. A certificate\n"
             "this computer does not trust is refused, and nothing is sent.\n"
             "\n"
             "The access token is $ECCP_TOKEN, else the one “eccp login” kept.\n"
             "Prints one line: pulled, pushed, merged, conflicts, rejected.\n"
             "\n"
             "Exit status:\n"
             "  0  Everything is in step\n"
             "  3  Finished, but changes wait for you: a conflict, or a change the portal\n"
             "     refused or found not valid (“eccp status”)\n"
             "  4  The portal could not be reached; nothing is lost, changes stay queued\n"
             "  1  Anything else, such as a token the portal refused\n");

  if (command->func == eccp_cli_cmd_login)
    return _("Options:\n"
             "  --portal URL        The portal’s JSON:API address, such as\n"
             "                      https://portal.example.eu/jsonapi, kept in the store\n"
             "  --token-file FILE   Read the personal access token from the first line of\n"
             "                      FILE; without it, from the first line of standard input\n"
             "  --allow-insecure    Allow a plain http:// portal on another computer: the\n"
             "                      token then travels unencrypted\n"
             "\n"
             "The token goes to the keyring (the Secret Service), never into the store.\n"
             "With no keyring running, login fails (exit status 1) but keeps the portal’s\n"
             "address: set ECCP_TOKEN for “eccp sync” instead.\n"
             "\n"
             "The portal is asked whose token it is; that account is kept in the store, so\n"
             "that submit, approve and request-changes refuse at once what the portal\n"
             "would. A token the portal refuses is no login (exit status 1).\n");

  if (command->func == eccp_cli_cmd_changes)
    return _("Options:\n"
             "  --json    A JSON array, one object per change: type, id, title, op, state,\n"
             "            changed_attributes, changed_relationships, changed_meta,\n"
             "            base_rev, idempotency_key, attempts, errors (the portal’s error\n"
             "            objects), conflicts ({FIELD: {\"base\", \"theirs\", \"mine\"}}, the\n"
             "            member \"\" for the record itself), created_at, updated_at\n"
             "\n"
             "One block per change, oldest first: the record, the operation, the state —\n"
             "pending (waits to be sent), conflict (the portal changed the same field),\n"
             "rejected (the portal refused it) or invalid (the portal found fields not\n"
             "valid) — the fields changed, and the reasons: each field in conflict with\n"
             "its base, portal and local values, or what the portal said.\n");

  if (command->func == eccp_cli_cmd_resolve)
    return _("Options (exactly one):\n"
             "  --mine          Keep the local value\n"
             "  --theirs        Take the portal’s value\n"
             "  --value VALUE   Use VALUE, written as in FIELD=VALUE\n"
             "\n"
             "FIELD is a field in conflict (“eccp changes” lists them), or “record” when\n"
             "the record was deleted on one side and changed on the other: --mine keeps\n"
             "what was done here, --theirs what the portal did. When no conflict is left,\n"
             "the change waits to be sent again. Prints nothing.\n");

  if (command->func == eccp_cli_cmd_discard)
    return _("The record returns to the portal’s version; a record created here and never\n"
             "sent disappears. Prints nothing.\n");

  if (command->func == eccp_cli_cmd_submit)
    return _("Moves the record to “needs review”: a local change, sent with the next sync\n"
             "(together with a pending edit of the record). A cluster must meet the\n"
             "portal’s publication criteria; when it does not, exit status 1 and the\n"
             "criteria not met. Prints nothing.\n"
             "\n"
             "TYPE is one of the reviewed types: cluster, partnership, event, call\n");

  if (command->func == eccp_cli_cmd_approve)
    return _("Publishes a record that needs review (staff only; the portal refuses\n"
             "anyone else). A cluster must meet the publication criteria. Prints nothing.\n"
             "\n"
             "TYPE is one of the reviewed types: cluster, partnership, event, call\n");

  if (command->func == eccp_cli_cmd_request_changes)
    return _("Options:\n"
             "  --comment TEXT   What the managers should change (required)\n"
             "\n"
             "Staff only; the portal refuses anyone else. Prints nothing.\n"
             "\n"
             "TYPE is one of the reviewed types: cluster, partnership, event, call\n");

  if (command->func == eccp_cli_cmd_archive)
    return _("Staff only; the portal refuses anyone else. Prints nothing.\n"
             "\n"
             "TYPE is one of the reviewed types: cluster, partnership, event, call\n");

  if (command->func == eccp_cli_cmd_purge)
    return _("Options:\n"
             "  --before DATE   Events that ended before DATE (default: 30 days ago)\n"
             "  --dry-run       Only say what would be removed\n"
             "\n"
             "Removes the attendees, check-ins and meetings of those events from the\n"
             "local store, and from its search. The events stay. An event whose data\n"
             "changes not sent yet need keeps all of it. The portal sends removed\n"
             "records again only when they change, or on a full re-sync.\n");

  if (command->func == eccp_cli_cmd_checkin)
    return _("Options:\n"
             "  --undo          Withdraw the attendee’s earlier check-ins\n"
             "  --device NAME   The device checking in (default: the device name the app\n"
             "                  keeps in the store, else this computer’s name)\n"
             "  --again         Check in (or undo) even when the attendee is already in\n"
             "                  (or out)\n"
             "\n"
             "Records a check-in, now, of an attendee of the event and prints its id,\n"
             "and nothing else. Both must be in the local store, and the attendee must be\n"
             "registered for that event. Check-ins are never changed or deleted: an\n"
             "attendee is checked in when their latest check-in is not an undo.\n"
             "\n"
             "When the attendee is already checked in (or, with --undo, not checked in),\n"
             "nothing is added: the reason goes to stderr, stdout stays empty, and the\n"
             "exit status is 0, as when any other command has nothing to do.\n");

  if (command->func == eccp_cli_cmd_attendees)
    return _("Options:\n"
             "  --search TEXT   Only those whose name or organisation has words starting\n"
             "                  so, ignoring case and accents (“lodz” finds Łódź)\n"
             "  --json          {\"event\", \"registered\", \"checked_in\", \"attendees\": [{\"id\",\n"
             "                  \"name\", \"organisation\", \"country\", \"checked_in\",\n"
             "                  \"last_checkin\"}]}; last_checkin is the time of the check-in\n"
             "                  that has them in, or null\n"
             "\n"
             "By name, with the time (in the event’s time zone) and the device of each\n"
             "check-in. The counts are the whole event’s, whatever --search shows.\n");

  if (command->func == eccp_cli_cmd_demo)
    return _("Options:\n"
             "  --scale N    N clusters, and the other records scaled with them\n"
             "               (default: the portal's size, 1,400 clusters)\n"
             "\n"
             "The same records with the same ids every time.\n");

  return "";
}

static void
print_command_help (const Command *command,
                    const char    *type_name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *types = eccp_cli_type_names (" ", FALSE);

  g_string_append_printf (out, _("Usage: eccp %s %s\n\n"), command->name, command->usage);
  g_string_append_printf (out, "%s.\n\n", _(command->summary));
  g_string_append (out, command_help (command));

  if (command->type_first)
    g_string_append_printf (out, _("\nTYPE is one of: %s\n"), types);

  if (command->func == eccp_cli_cmd_create || command->func == eccp_cli_cmd_set)
    {
      const EccpTypeSpec *type = type_name != NULL ? eccp_type_spec_lookup (type_name) : NULL;

      g_string_append (out,
                       _("\nFIELD=VALUE: text, numbers and dates as they are; lists comma-separated\n"
                         "(ecosystems=Digital,Health); an object member dotted (members.sme=40);\n"
                         "a relationship by id (partnership=ID, members=ID,ID); FIELD= clears it.\n"
                         "A FIELD the type does not have is a mistake in the command: exit status 2.\n"
                         "A value that is not valid: exit status 1, and nothing is written.\n"));

      if (type != NULL)
        print_type_fields (out, type);
      else
        g_string_append_printf (out, _("“eccp %s TYPE --help” lists the fields of TYPE.\n"),
                                command->name);
    }

  g_string_append (out, _("\nGlobal option:\n"
                          "  --db FILE    The store file (default: $ECCP_DB, else\n"
                          "               $XDG_DATA_HOME/eccp-desk/store.db)\n"));

  fputs (out->str, stdout);
}

static void
print_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *types = eccp_cli_type_names (" ", FALSE);
  g_autofree char *path = eccp_store_default_path ();

  g_string_append (out, _("Usage: eccp [--db FILE] COMMAND [ARGUMENT…]\n\n"
                          "Reads and edits the local store of ECCP Desk, the desktop client of the\n"
                          "European Cluster Collaboration Platform.\n\n"
                          "Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *padded = eccp_cli_pad (commands[i].name, 8);

      /* A name too long for the column has its summary on the next line. */
      if (strlen (commands[i].name) > 8)
        g_string_append_printf (out, "  %s\n  %8s %s\n", commands[i].name, "", _(commands[i].summary));
      else
        g_string_append_printf (out, "  %s %s\n", padded, _(commands[i].summary));
    }
  g_string_append (out, _("  help     Help on a command: “eccp help create cluster” lists the fields\n"
                          "           of a cluster\n"));

  g_string_append_printf (out, _("\nTYPE is one of: %s\n"), types);
  g_string_append (out,
                   _("\nFIELD=VALUE: text, numbers and dates as they are; lists comma-separated\n"
                     "(ecosystems=Digital,Health); an object member dotted (members.sme=40);\n"
                     "a relationship by id (partnership=ID, members=ID,ID); FIELD= clears it.\n"));
  g_string_append_printf (out,
                          _("\nOptions:\n"
                            "  --db FILE    The store file (default: $ECCP_DB, else\n"
                            "               $XDG_DATA_HOME/eccp-desk/store.db; now %s)\n"
                            "  -h, --help   This help; “eccp COMMAND --help” for a command\n"
                            "  --version    The version\n"),
                          path);
  g_string_append (out,
                   _("\nExit status:\n"
                     "  0  Success\n"
                     "  1  Failure, with a one-line message on stderr: no such record, a value\n"
                     "     that is not valid (nothing is written), a file that cannot be read\n"
                     "  2  A mistake in the command: an unknown command, option, TYPE or FIELD,\n"
                     "     a missing argument, FIELD=VALUE without “=”\n"
                     "  3  sync: finished, but changes wait for you (conflicts, refusals)\n"
                     "  4  sync: the portal could not be reached; nothing is lost\n"));

  fputs (out->str, stdout);
}

static int
exit_status_for (const GError *error)
{
  if (g_error_matches (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE) ||
      g_error_matches (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_TYPE) ||
      g_error_matches (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD))
    return ECCP_CLI_EXIT_USAGE;

  if (g_error_matches (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_NEEDS_USER))
    return ECCP_CLI_EXIT_WAITING;

  if (g_error_matches (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_UNREACHABLE))
    return ECCP_CLI_EXIT_OFFLINE;

  return ECCP_CLI_EXIT_FAILURE;
}

/* One line on stderr, whatever the error holds: several field errors are
 * joined with "; ".  Lines the message indents itself (a list, such as
 * the criteria a cluster does not meet) stay lines of their own, after it. */
static void
print_error (const GError  *error,
             const Command *command)
{
  g_auto(GStrv) parts = g_strsplit_set (error->message, "\r\n", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean indented = i > 0 && g_ascii_isspace (parts[i][0]);

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (indented)
        g_string_append_printf (list, "  %s\n", parts[i]);
      else
        {
          if (line->len > 0)
            g_string_append (line, "; ");
          g_string_append (line, parts[i]);
        }
    }

  g_printerr ("eccp: %s\n%s", line->str, list->str);

  if (exit_status_for (error) == ECCP_CLI_EXIT_USAGE)
    {
      if (command != NULL)
        g_printerr (_("Usage: eccp %s %s\n"), command->name, command->usage);
      else
        g_printerr (_("Usage: eccp [--db FILE] COMMAND [ARGUMENT…]; “eccp --help” lists the commands\n"));
    }
}

static int
finish_output (void)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved_errno = errno;

      g_printerr (_("eccp: cannot write the output: %s\n"), g_strerror (saved_errno));
      return ECCP_CLI_EXIT_FAILURE;
    }

  return ECCP_CLI_EXIT_OK;
}

static int
usage_error (const Command *command,
             const char    *format,
             ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const Command *command,
             const char    *format,
             ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new_literal (ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE, message);
  print_error (error, command);
  return ECCP_CLI_EXIT_USAGE;
}

static int
run_command (EccpCli       *cli,
             const Command *command,
             int            argc,
             char         **argv)
{
  g_autoptr(EccpCliArgs) args = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  args = eccp_cli_args_parse (argc, argv, command->options, &error);
  if (args == NULL)
    {
      print_error (error, command);
      return exit_status_for (error);
    }

  /* Titles, names and the portal's words are shown with their control
   * characters visible; JSON, CSV and iCalendar carry their own escaping. */
  if (!eccp_cli_args_has (args, "json") && strcmp (command->name, "export") != 0)
    eccp_cli_make_visible (&stdout);

  if (eccp_cli_args_has (args, "help"))
    {
      print_command_help (command,
                          eccp_cli_args_n_positional (args) > 0
                          ? eccp_cli_args_positional (args, 0) : NULL);
      return finish_output ();
    }

  if (eccp_cli_args_get (args, "db") != NULL)
    {
      g_free (cli->db_path);
      cli->db_path = g_strdup (eccp_cli_args_get (args, "db"));
    }

  n = eccp_cli_args_n_positional (args);
  if (n < command->min_args)
    {
      /* The usage names the arguments in order: "TYPE ID FIELD=VALUE…" */
      g_auto(GStrv) words = g_strsplit (command->usage, " ", -1);
      g_autofree char *missing = g_strdup (n < g_strv_length (words) ? words[n] : "ARGUMENT");

      if (g_str_has_suffix (missing, "…"))
        missing[strlen (missing) - strlen ("…")] = '\0';

      return usage_error (command, _("Missing %s"), missing);
    }

  if (command->max_args >= 0 && n > (guint) command->max_args)
    return usage_error (command, _("Unexpected argument “%s”"),
                        eccp_cli_args_positional (args, command->max_args));

  if (!command->func (cli, args, &error))
    {
      fflush (stdout);
      print_error (error, command);
      return exit_status_for (error);
    }

  return finish_output ();
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  EccpCli cli = { NULL, NULL };
  const Command *command;
  gboolean help = FALSE;
  int status;
  int i;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("eccp");
  eccp_cli_make_visible (&stderr);

  /* Options before the command: --db, --help, --version. */
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      const char *word = argv[i];

      if (strcmp (word, "--") == 0)
        {
          i++;
          break;
        }
      else if (strcmp (word, "-h") == 0 || strcmp (word, "--help") == 0)
        {
          help = TRUE;
        }
      else if (strcmp (word, "--version") == 0)
        {
          printf ("eccp %s\n", PACKAGE_VERSION);
          return finish_output ();
        }
      else if (g_str_has_prefix (word, "--db="))
        {
          g_free (db_path);
          db_path = g_strdup (word + strlen ("--db="));
        }
      else if (strcmp (word, "--db") == 0 && i + 1 < argc)
        {
          g_free (db_path);
          db_path = g_strdup (argv[++i]);
        }
      else if (strcmp (word, "--db") == 0)
        {
          return usage_error (NULL, _("Option “--db” needs a value"));
        }
      else
        {
          return usage_error (NULL, _("Unknown option “%s”"), word);
        }
    }

  /* eccp help [COMMAND [TYPE]] */
  if (i < argc && strcmp (argv[i], "help") == 0)
    {
      help = TRUE;
      if (i + 1 < argc && (command = find_command (argv[i + 1])) != NULL)
        {
          print_command_help (command, i + 2 < argc ? argv[i + 2] : NULL);
          return finish_output ();
        }
    }

  if (help)
    {
      print_help ();
      return finish_output ();
    }

  if (i >= argc)
    return usage_error (NULL, _("Missing COMMAND"));

  command = find_command (argv[i]);
  if (command == NULL)
    return usage_error (NULL, _("Unknown command “%s”"), argv[i]);

  cli.db_path = g_steal_pointer (&db_path);
  status = run_command (&cli, command, argc - i - 1, argv + i + 1);

  g_clear_object (&cli.store);
  g_free (cli.db_path);
  return status;
}
