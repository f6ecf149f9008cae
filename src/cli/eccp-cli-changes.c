/* eccp-cli-changes.c: changes, resolve, discard, the moderation
 * transitions (submit, approve, request-changes, archive)
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "eccp-account.h"
#include "eccp-cli.h"
#include "eccp-rights.h"
#include "eccp-json.h"
#include "eccp-store-sync.h"
#include "eccp-validation.h"

/* `eccp resolve TYPE ID record …`: the conflict about the record itself
 * (deleted on one side, edited on the other), the member "" of
 * EccpChange.conflicts, which a shell cannot pass as a word. */
#define RECORD_WORD "record"

/* ---- changes ---- */

/* One side of a conflicting field, as a person reads it. */
static char *
conflict_side_text (const EccpFieldSpec *field,
                    JsonObject          *conflict,
                    const char          *side)
{
  JsonNode *value = json_object_has_member (conflict, side)
                    ? json_object_get_member (conflict, side) : NULL;
  g_autofree char *text = NULL;

  if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
    text = field != NULL ? eccp_cli_format_field (field, value) : eccp_cli_json_plain_text (value);

  if (text == NULL || *text == '\0')
    return g_strdup (_("(empty)"));

  return g_steal_pointer (&text);
}

static void
add_conflict (GPtrArray          *lines,
              const EccpTypeSpec *type,
              const char         *name,
              JsonObject         *conflict)
{
  const EccpFieldSpec *field;

  if (*name == '\0')
    {
      const char *theirs = json_object_get_string_member_with_default (conflict, "theirs", "");

      eccp_cli_lines_add (lines, 2, _("Conflict"),
                g_strdup (g_strcmp0 (theirs, "deleted") == 0
                          ? _("the record itself (“record”): deleted on the portal, changed here")
                          : _("the record itself (“record”): changed on the portal, deleted here")));
      return;
    }

  field = type != NULL ? eccp_type_spec_get_field (type, name) : NULL;
  eccp_cli_lines_add (lines, 2, _("Conflict"),
            field != NULL ? g_strdup_printf ("%s (%s)", name, _(field->label)) : g_strdup (name));
  eccp_cli_lines_add (lines, 4, _("Base"), conflict_side_text (field, conflict, "base"));
  eccp_cli_lines_add (lines, 4, _("Portal"), conflict_side_text (field, conflict, "theirs"));
  eccp_cli_lines_add (lines, 4, _("Local"), conflict_side_text (field, conflict, "mine"));
}

/* The record itself first, then the fields in the type's order. */
static void
add_conflict_lines (GPtrArray          *lines,
                    const EccpTypeSpec *type,
                    JsonObject         *conflicts)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GList) members = json_object_get_members (conflicts);

  if (json_object_has_member (conflicts, ""))
    g_ptr_array_add (names, (gpointer) "");

  for (guint i = 0; type != NULL && i < type->n_fields; i++)
    if (json_object_has_member (conflicts, type->fields[i].name))
      g_ptr_array_add (names, (gpointer) type->fields[i].name);

  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_ptr_array_find_with_equal_func (names, l->data, g_str_equal, NULL))
      g_ptr_array_add (names, l->data);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *node = json_object_get_member (conflicts, name);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_conflict (lines, type, name, json_node_get_object (node));
    }
}

/* "Invalid e-mail address — 'info@' is not an e-mail address (email)" */
static char *
portal_error_text (JsonObject *object)
{
  const char *title = json_object_get_string_member_with_default (object, "title", NULL);
  const char *detail = json_object_get_string_member_with_default (object, "detail", NULL);
  const char *code = json_object_get_string_member_with_default (object, "code", NULL);
  JsonObject *source = NULL;
  const char *pointer = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (json_object_has_member (object, "source") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "source")))
    source = json_object_get_object_member (object, "source");
  if (source != NULL)
    pointer = json_object_get_string_member_with_default (source, "pointer", NULL);

  if (title != NULL)
    g_string_append (text, title);
  if (detail != NULL && (title == NULL || strstr (detail, title) == NULL))
    g_string_append_printf (text, text->len > 0 ? " — %s" : "%s", detail);
  if (text->len == 0)
    g_string_append (text, code != NULL ? code : _("no reason given"));

  if (pointer != NULL && strrchr (pointer, '/') != NULL && strrchr (pointer, '/')[1] != '\0')
    g_string_append_printf (text, " (%s)", strrchr (pointer, '/') + 1);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
print_change (EccpStore        *store,
              const EccpChange *change)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (change->type);
  g_autoptr(GPtrArray) lines = eccp_cli_lines_new ();
  /* NULL for a record deleted here: hidden from reads. */
  g_autoptr(EccpRecord) record = eccp_store_get (store, change->type, change->record_id, NULL);
  const char *title = eccp_change_get_title (change, record);
  g_auto(GStrv) field_names = eccp_change_dup_changed_fields (change);
  g_autofree char *fields = g_strjoinv (", ", field_names);
  const char *state = eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, change->state);

  eccp_cli_lines_add (lines, 2, _("Type"), g_strdup (change->type));
  eccp_cli_lines_add (lines, 2, _("ID"), g_strdup (change->record_id));
  eccp_cli_lines_add (lines, 2, _("Operation"), g_strdup (eccp_enum_get_nick (ECCP_TYPE_CHANGE_OP, change->op)));
  eccp_cli_lines_add (lines, 2, _("State"), g_strdup (state));

  if (*fields != '\0' && change->op != ECCP_CHANGE_DELETE)
    eccp_cli_lines_add (lines, 2, _("Changed"), g_steal_pointer (&fields));

  if (change->changed_meta != NULL &&
      g_strv_contains ((const char * const *) change->changed_meta, "moderation_state"))
    {
      JsonObject *meta = record != NULL ? eccp_record_get_meta (record) : NULL;
      const char *moderation = meta != NULL
        ? json_object_get_string_member_with_default (meta, "moderation_state", NULL) : NULL;

      if (moderation != NULL)
        eccp_cli_lines_add (lines, 2, _("Moderation"),
                  g_strdup_printf (_("to %s"), eccp_moderation_state_label (moderation)));
    }

  if (change->conflicts != NULL)
    add_conflict_lines (lines, type, change->conflicts);

  for (guint i = 0; change->errors != NULL && i < json_array_get_length (change->errors); i++)
    {
      JsonNode *node = json_array_get_element (change->errors, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        eccp_cli_lines_add (lines, 2, _("Portal says"), portal_error_text (json_node_get_object (node)));
    }

  switch (change->state)
    {
    case ECCP_SYNC_STATE_CONFLICT:
      if (change->conflicts != NULL && json_object_has_member (change->conflicts, "") &&
          json_object_get_size (change->conflicts) == 1)
        eccp_cli_lines_add (lines, 2, _("To decide"),
                  g_strdup_printf ("eccp resolve %s %s " RECORD_WORD " --mine | --theirs",
                                   change->type, change->record_id));
      else
        eccp_cli_lines_add (lines, 2, _("To decide"),
                  g_strdup_printf ("eccp resolve %s %s FIELD --mine | --theirs | --value VALUE",
                                   change->type, change->record_id));
      break;
    case ECCP_SYNC_STATE_INVALID:
      eccp_cli_lines_add (lines, 2, _("To fix"),
                g_strdup_printf (_("eccp set %s %s FIELD=VALUE…, or eccp discard %s %s"),
                                 change->type, change->record_id, change->type, change->record_id));
      break;
    case ECCP_SYNC_STATE_REJECTED:
      eccp_cli_lines_add (lines, 2, _("To drop it"),
                g_strdup_printf ("eccp discard %s %s", change->type, change->record_id));
      break;
    case ECCP_SYNC_STATE_SYNCED:
    case ECCP_SYNC_STATE_PENDING:
    default:
      break;
    }

  puts (title);
  eccp_cli_lines_print (lines);
}

gboolean
eccp_cli_cmd_changes (EccpCli      *cli,
                      EccpCliArgs  *args,
                      GError      **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  EccpStore *store;

  if ((store = eccp_cli_get_store (cli, error)) == NULL ||
      (changes = eccp_store_list_changes (store, error)) == NULL)
    return FALSE;

  if (eccp_cli_args_has (args, "json"))
    {
      EccpCliJsonArrayPrinter *printer = eccp_cli_json_array_begin ();

      for (guint i = 0; i < changes->len; i++)
        {
          const EccpChange *change = g_ptr_array_index (changes, i);
          g_autoptr(JsonNode) node = eccp_change_to_json (change);
          g_autoptr(EccpRecord) record = eccp_store_get (store, change->type, change->record_id, NULL);

          json_object_set_string_member (json_node_get_object (node), "title",
                                         eccp_change_get_title (change, record));
          eccp_cli_json_array_add (printer, node);
        }

      eccp_cli_json_array_end (printer);
      return TRUE;
    }

  if (changes->len == 0)
    {
      puts (_("No local changes: everything is as the portal last sent it."));
      return TRUE;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      if (i > 0)
        putchar ('\n');
      print_change (store, g_ptr_array_index (changes, i));
    }

  return TRUE;
}

/* ---- resolve ---- */

/* --value for a whole object field: members={"sme": 10, "large": 2}. */
static JsonNode *
parse_object_value (const EccpFieldSpec  *field,
                    const char           *text,
                    GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (eccp_json_parser_load (parser, text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    return json_node_copy (root);

  g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
               _("%s: give the whole object as JSON, such as {\"%s\": 40}"),
               _(field->label), field->n_children > 0 ? field->children[0].name : "name");
  return NULL;
}

gboolean
eccp_cli_cmd_resolve (EccpCli      *cli,
                      EccpCliArgs  *args,
                      GError      **error)
{
  const char *id = eccp_cli_args_positional (args, 1);
  const char *name = eccp_cli_args_positional (args, 2);
  const char *value_text = eccp_cli_args_get (args, "value");
  gboolean mine = eccp_cli_args_has (args, "mine");
  gboolean theirs = eccp_cli_args_has (args, "theirs");
  const EccpFieldSpec *field = NULL;
  const char *field_name = name;
  g_autoptr(JsonNode) value = NULL;
  EccpResolveChoice choice;
  const EccpTypeSpec *type;
  EccpStore *store;

  if ((mine ? 1 : 0) + (theirs ? 1 : 0) + (value_text != NULL ? 1 : 0) != 1 ||
      eccp_cli_args_get_all (args, "value")->len > 1)
    {
      g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                           _("Give exactly one of --mine, --theirs or --value VALUE"));
      return FALSE;
    }

  choice = mine ? ECCP_RESOLVE_MINE : theirs ? ECCP_RESOLVE_THEIRS : ECCP_RESOLVE_VALUE;

  if ((type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL)
    return FALSE;

  if (strcmp (name, RECORD_WORD) == 0)
    {
      field_name = "";
      if (choice == ECCP_RESOLVE_VALUE)
        {
          g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                               _("A record deleted on one side and changed on the other is kept "
                                 "or deleted: give --mine or --theirs, not --value"));
          return FALSE;
        }
    }
  else if ((field = eccp_type_spec_get_field (type, name)) == NULL)
    {
      const EccpFieldSpec *parent = NULL;

      /* An unknown name is a usage error naming the fields; a member of
       * an object is one too: a conflict is about the whole field. */
      if (eccp_cli_lookup_field (type, name, &parent, error) == NULL)
        return FALSE;

      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                   _("A conflict is about a whole field: resolve “%s”, not “%s”"),
                   parent != NULL ? parent->name : name, name);
      return FALSE;
    }

  if (choice == ECCP_RESOLVE_VALUE)
    {
      if (field->kind == ECCP_FIELD_OBJECT)
        value = parse_object_value (field, value_text, error);
      else
        value = eccp_field_spec_parse_text (field, value_text, error);

      if (value == NULL)
        {
          if (error != NULL && *error != NULL && strstr ((*error)->message, _(field->label)) == NULL)
            g_prefix_error (error, "%s: ", _(field->label));
          return FALSE;
        }
    }

  if ((store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  return eccp_store_resolve (store, type->name, id, field_name, choice, value, error);
}

/* ---- discard ---- */

gboolean
eccp_cli_cmd_discard (EccpCli      *cli,
                      EccpCliArgs  *args,
                      GError      **error)
{
  const EccpTypeSpec *type;
  EccpStore *store;

  if ((type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL ||
      (store = eccp_cli_get_store (cli, error)) == NULL)
    return FALSE;

  return eccp_store_discard (store, type->name, eccp_cli_args_positional (args, 1), error);
}

/* ---- submit, approve, request-changes, archive ---- */

/* What the portal would refuse is refused here, before anything is
 * queued: by the rules of portal-api.md §5 and who the store says is
 * signed in (the last GET /me, which the app keeps).  Nobody known: the
 * portal decides who, the move must be one there is. */
static gboolean
may_transition (EccpStore           *store,
                const EccpTypeSpec  *type,
                const char          *id,
                const char          *state,
                GError             **error)
{
  g_autoptr(EccpAccount) account = eccp_account_load (store);
  g_autoptr(EccpRecord) record = eccp_store_get (store, type->name, id, error);

  if (record == NULL)
    return FALSE;

  return eccp_account_transition_error (account, record, state,
                                        eccp_account_check_record_transition (account, record, state),
                                        error);
}

/* The store refused the move for the publication criteria: which ones,
 * one indented line each naming its field ("  website: …"), which
 * print_error() keeps as lines of their own. */
static void
unmet_criteria_error (EccpStore           *store,
                      const EccpTypeSpec  *type,
                      const char          *id,
                      GError             **error)
{
  g_autoptr(EccpRecord) record = eccp_store_get (store, type->name, id, error);
  g_autoptr(GPtrArray) unmet = NULL;
  g_autoptr(GString) text = NULL;

  if (record == NULL)
    return;

  text = g_string_new (NULL);
  /* Translators: "Cluster “<id>” does not meet …", the type's label first */
  g_string_printf (text, _("%s “%s” does not meet the publication criteria:"), _(type->label), id);
  unmet = eccp_check_publication_criteria (eccp_record_get_attributes (record));
  for (guint i = 0; i < unmet->len; i++)
    {
      const EccpFieldError *criterion = g_ptr_array_index (unmet, i);

      g_string_append_printf (text, "\n  %s: %s", criterion->field, criterion->message);
    }

  g_set_error_literal (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID, text->str);
}

static gboolean
transition (EccpCli      *cli,
            EccpCliArgs  *args,
            const char   *state,
            const char   *comment,
            GError      **error)
{
  const char *id = eccp_cli_args_positional (args, 1);
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  const EccpTypeSpec *type;
  EccpStore *store;

  if ((type = eccp_cli_lookup_type (eccp_cli_args_positional (args, 0), error)) == NULL)
    return FALSE;

  if (!type->moderated)
    {
      g_autofree char *names = eccp_cli_type_names (", ", TRUE);

      g_set_error (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                   _("%s are not reviewed; the reviewed types are: %s"),
                   _(type->plural_label), names);
      return FALSE;
    }

  if ((store = eccp_cli_get_store (cli, error)) == NULL ||
      !may_transition (store, type, id, state, error))
    return FALSE;

  record = eccp_store_transition (store, type->name, id, state, comment, &local_error);
  if (record == NULL)
    {
      if (g_error_matches (local_error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID))
        unmet_criteria_error (store, type, id, error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
eccp_cli_cmd_submit (EccpCli      *cli,
                     EccpCliArgs  *args,
                     GError      **error)
{
  return transition (cli, args, "needs_review", NULL, error);
}

gboolean
eccp_cli_cmd_approve (EccpCli      *cli,
                      EccpCliArgs  *args,
                      GError      **error)
{
  return transition (cli, args, "published", NULL, error);
}

gboolean
eccp_cli_cmd_request_changes (EccpCli      *cli,
                              EccpCliArgs  *args,
                              GError      **error)
{
  const char *comment = eccp_cli_args_get (args, "comment");
  g_autofree char *stripped = g_strstrip (g_strdup (comment != NULL ? comment : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, ECCP_CLI_ERROR, ECCP_CLI_ERROR_USAGE,
                           _("Missing --comment TEXT: tell the managers what to change"));
      return FALSE;
    }

  return transition (cli, args, "changes_requested", comment, error);
}

gboolean
eccp_cli_cmd_archive (EccpCli      *cli,
                      EccpCliArgs  *args,
                      GError      **error)
{
  return transition (cli, args, "archived", NULL, error);
}
