/* eccp-cli.h: what the pieces of the `eccp` command line share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eccp-enum.h"
#include "eccp-field-spec.h"
#include "eccp-store.h"

G_BEGIN_DECLS

/* Exit statuses, documented in `eccp --help`. */
#define ECCP_CLI_EXIT_OK      0
#define ECCP_CLI_EXIT_FAILURE 1
#define ECCP_CLI_EXIT_USAGE   2
#define ECCP_CLI_EXIT_WAITING 3 /* sync: changes wait for the user */
#define ECCP_CLI_EXIT_OFFLINE 4 /* sync: the portal could not be reached */

/* A mistake in the command itself: exit status 2 and the command's usage. */
#define ECCP_CLI_ERROR (eccp_cli_error_quark ())

typedef enum
{
  ECCP_CLI_ERROR_USAGE,
  ECCP_CLI_ERROR_FAILED,     /* exit status 1: a token that cannot be read, ... */
  ECCP_CLI_ERROR_NO_KEYRING, /* no Secret Service is running: use $ECCP_TOKEN */
} EccpCliError;

GQuark eccp_cli_error_quark (void);

/* ---- the option parser (eccp-cli-args.c) ---- */

typedef struct
{
  const char *name;        /* long name without the dashes: "sort" */
  gboolean    takes_value; /* --name VALUE or --name=VALUE */
} EccpCliOption;

typedef struct _EccpCliArgs EccpCliArgs;

/* Parses @argv (the words after the command name).  Every command also knows
 * --help (-h) and --db FILE.  An option's value is the next word even when it
 * starts with '-' ("--sort -name"); "--" ends the options. */
EccpCliArgs  *eccp_cli_args_parse      (int                  argc,
                                        char               **argv,
                                        const EccpCliOption *options,
                                        GError             **error);
void          eccp_cli_args_free       (EccpCliArgs         *args);
gboolean      eccp_cli_args_has        (EccpCliArgs         *args,
                                        const char          *name);
/* The last value given for @name, or %NULL. */
const char   *eccp_cli_args_get        (EccpCliArgs         *args,
                                        const char          *name);
/* Every value given for @name, in order; never %NULL. */
GPtrArray    *eccp_cli_args_get_all    (EccpCliArgs         *args,
                                        const char          *name);
guint         eccp_cli_args_n_positional
                                       (EccpCliArgs         *args);
const char   *eccp_cli_args_positional (EccpCliArgs         *args,
                                        guint                index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpCliArgs, eccp_cli_args_free)

/* ---- the running program (eccp.c) ---- */

typedef struct
{
  char      *db_path; /* --db, or %NULL for eccp_store_default_path() */
  EccpStore *store;   /* opened on first use */
} EccpCli;

EccpStore *eccp_cli_get_store (EccpCli    *cli,
                               GError    **error);
/* The record of a TYPE ID command line, and its @type */
EccpRecord *eccp_cli_get_record (EccpCli             *cli,
                                 EccpCliArgs         *args,
                                 const EccpTypeSpec **type,
                                 GError             **error);

/* ---- types and FIELD=VALUE (eccp-cli-fields.c) ---- */

/* The record types' names joined by @separator (only the moderated ones). */
char                *eccp_cli_type_names    (const char          *separator,
                                             gboolean             moderated_only);
/* The type named on the command line, or a usage error listing the types. */
const EccpTypeSpec  *eccp_cli_lookup_type   (const char          *name,
                                             GError             **error);
/* Calls @func with each field of @type as the command line names it, in
 * order: a field by its name, an object field by each of its members
 * ("members.sme", with the member's spec). */
typedef void       (*EccpCliFieldFunc)      (const char          *name,
                                             const EccpFieldSpec *field,
                                             gpointer             user_data);
void                 eccp_cli_foreach_field (const EccpTypeSpec  *type,
                                             EccpCliFieldFunc     func,
                                             gpointer             user_data);
/* The spec of FIELD ("members.sme" gives the member's spec, @parent set to
 * "members"), or a usage error naming the type's fields. */
const EccpFieldSpec *eccp_cli_lookup_field  (const EccpTypeSpec  *type,
                                             const char          *name,
                                             const EccpFieldSpec **parent,
                                             GError             **error);
/* Turns FIELD=VALUE words into the attributes and relationships of an edit.
 * An object member (members.sme=40) stays a dotted name, which the store
 * merges into the record's object, keeping the other members. */
gboolean             eccp_cli_parse_edits   (const EccpTypeSpec  *type,
                                             EccpCliArgs         *args,
                                             guint                first,
                                             JsonObject         **attributes,
                                             JsonObject         **relationships,
                                             GError             **error);

/* ---- output (eccp-cli-output.c) ---- */

char       *eccp_cli_format_count        (gint64               n);
void        eccp_cli_print_json          (JsonNode            *node);
/* A JSON array printed element by element, so a long list is never one
 * string in memory. */
typedef struct _EccpCliJsonArrayPrinter EccpCliJsonArrayPrinter;
EccpCliJsonArrayPrinter *
            eccp_cli_json_array_begin    (void);
void        eccp_cli_json_array_add      (EccpCliJsonArrayPrinter *printer,
                                          JsonNode            *node);
void        eccp_cli_json_array_end      (EccpCliJsonArrayPrinter *printer);

/* The value of a field of @record: an attribute or a relationship. */
JsonNode   *eccp_cli_record_field        (EccpRecord          *record,
                                          const EccpFieldSpec *field);
/* Warns on stderr, once, when @record has malformed relationships
 * (eccp_relationship_get_ids), which are shown as absent. */
void        eccp_cli_warn_malformed      (EccpRecord          *record);
/* The value as one line of text for a person. */
char       *eccp_cli_format_field        (const EccpFieldSpec *field,
                                          JsonNode            *value);
/* The same, but choices by their labels and countries by their names, in
 * the user's language, as the app shows them: what `show` and `list`
 * print (--json keeps the values). */
char       *eccp_cli_display_field       (const EccpFieldSpec *field,
                                          JsonNode            *value);
/* A time field of @record for people: "12 Mar 2026 17:00 Kyiv time
 * (16:00 your time)" in an event's zone; a call's cut-offs in the
 * reader's time first, each, the passed ones (at @now) said so. */
char       *eccp_cli_display_time_field  (EccpRecord          *record,
                                          const EccpFieldSpec *field,
                                          JsonNode            *value,
                                          GDateTime           *now);
/* A JSON value as text that does not depend on the locale: strings as they
 * are, numbers in the C locale, arrays and objects as compact JSON. */
char       *eccp_cli_json_plain_text     (JsonNode            *value);
/* One CSV cell: lists and relations joined with "; ", numbers in the C
 * locale; not yet quoted. */
char       *eccp_cli_csv_text            (const EccpFieldSpec *field,
                                          JsonNode            *value);
/* ' ' synced, '*' pending, '!' conflict, rejected or invalid */
char        eccp_cli_sync_mark           (EccpSyncState        state);
const char *eccp_cli_sync_state_label    (EccpSyncState        state);
/* "Label: value" lines (`show`, `changes show`): the values of one indent
 * level in one column, the further lines of a long text under the first.
 * eccp_cli_lines_add() takes @value. */
GPtrArray  *eccp_cli_lines_new           (void);
void        eccp_cli_lines_add           (GPtrArray           *lines,
                                          guint                indent,
                                          const char          *label,
                                          char                *value);
void        eccp_cli_lines_print         (GPtrArray           *lines);
/* @text with its control characters (C0, DEL, C1) and bidi controls shown
 * as escapes ("\x1b", "\u202e"), newlines and tabs kept: see
 * eccp-cli-output.c. */
char       *eccp_cli_visible_text        (const char          *text);
/* Replaces *@stream (stdout or stderr) with one that makes everything
 * written through it visible as eccp_cli_visible_text() does: every printf,
 * g_print, g_printerr and log line, so no message can forget to.  Not for
 * JSON, CSV or iCalendar on stdout, whose own escaping a script undoes. */
void        eccp_cli_make_visible        (FILE               **stream);
/* How many columns of a terminal @text takes: wide characters two,
 * combining marks none. */
guint       eccp_cli_text_width          (const char          *text);
/* @text padded with spaces to @width columns. */
char       *eccp_cli_pad                 (const char          *text,
                                          guint                width);
/* @text on one line, cut with "…" when longer than @max (0: never cut). */
char       *eccp_cli_ellipsize           (const char          *text,
                                          guint                max);

/* ---- the commands (eccp-cli-read.c, eccp-cli-write.c) ---- */

gboolean eccp_cli_cmd_list   (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_show   (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_status (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_export (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_create (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_set    (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_delete (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_import (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_demo   (EccpCli *cli, EccpCliArgs *args, GError **error);

/* eccp-cli-sync.c */
gboolean eccp_cli_cmd_sync   (EccpCli *cli, EccpCliArgs *args, GError **error);

/* eccp-cli-login.c */
gboolean eccp_cli_cmd_login  (EccpCli *cli, EccpCliArgs *args, GError **error);

/* $ECCP_TOKEN when set, else the token `eccp login` kept in the keyring
 * for @portal_url (a trailing "/" does not matter), through eccp-token.h.
 * %NULL without an error when none is kept for that portal; %NULL with
 * ECCP_CLI_ERROR_NO_KEYRING when no Secret Service is running, or
 * ECCP_CLI_ERROR_FAILED when the keyring refused.  Free the token with
 * eccp_token_free(). */
char    *eccp_cli_lookup_token (const char  *portal_url,
                                GError     **error);

/* eccp-cli-changes.c */
gboolean eccp_cli_cmd_changes (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_resolve (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_discard (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_submit  (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_approve (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_request_changes
                              (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_archive (EccpCli *cli, EccpCliArgs *args, GError **error);

/* eccp-cli-venue.c */
gboolean eccp_cli_cmd_checkin   (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_attendees (EccpCli *cli, EccpCliArgs *args, GError **error);
/* Whether @attendee_id is checked in, for `show`: "yes, at 08:15 by
 * Entrance A", "no", "no (undone at …)", with " (not sent yet)". */
char    *eccp_cli_checkin_summary (EccpStore  *store,
                                   const char *attendee_id);

/* eccp-cli-meetings.c */
gboolean eccp_cli_cmd_meetings (EccpCli *cli, EccpCliArgs *args, GError **error);
/* A meeting's two attendees by name: "Željko Erkapić – Anna Nowak". */
char    *eccp_cli_meeting_title (EccpStore *store, EccpRecord *meeting);

/* eccp-cli-purge.c */
gboolean eccp_cli_cmd_purge    (EccpCli *cli, EccpCliArgs *args, GError **error);

/* eccp-cli-review.c */
gboolean eccp_cli_cmd_diff    (EccpCli *cli, EccpCliArgs *args, GError **error);
gboolean eccp_cli_cmd_review  (EccpCli *cli, EccpCliArgs *args, GError **error);

G_END_DECLS
