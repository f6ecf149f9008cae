/* eccp-account.c: who is signed in, as the portal's GET /me says
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept by the session (and in the store, so that who you are is known
 * offline too); what a person may do follows from the roles and the
 * clusters and events they are given.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-account.h"

#include <glib/gi18n-lib.h>

#include "eccp-json.h"
#include "eccp-store.h"

struct _EccpAccount
{
  GObject     parent_instance;

  JsonObject *resource;
  char       *name;
  char       *email;
  GStrv       roles;
  GStrv       clusters;
  GStrv       events;
  /* The same as sets, for EccpRights */
  GHashTable *cluster_set;
  GHashTable *event_set;
};

G_DEFINE_FINAL_TYPE (EccpAccount, eccp_account, G_TYPE_OBJECT)

static void
eccp_account_finalize (GObject *object)
{
  EccpAccount *self = ECCP_ACCOUNT (object);

  g_clear_pointer (&self->resource, json_object_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->clusters, g_strfreev);
  g_clear_pointer (&self->events, g_strfreev);
  g_clear_pointer (&self->cluster_set, g_hash_table_unref);
  g_clear_pointer (&self->event_set, g_hash_table_unref);

  G_OBJECT_CLASS (eccp_account_parent_class)->finalize (object);
}

static void
eccp_account_class_init (EccpAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eccp_account_finalize;
}

static void
eccp_account_init (EccpAccount *self)
{
}

/* The strings of @strv as a set (borrowing them) */
static GHashTable *
set_of (GStrv strv)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; strv[i] != NULL; i++)
    g_hash_table_add (set, strv[i]);

  return set;
}

/* The strings of @member (an array), skipping anything else */
static GStrv
strings_of (JsonObject *attributes,
            const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = eccp_json_get_array (attributes, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (item));
    }

  return g_strv_builder_end (builder);
}

EccpAccount *
eccp_account_new_from_json (JsonObject  *resource,
                            GError     **error)
{
  g_autoptr(EccpAccount) self = NULL;
  JsonObject *attributes;
  const char *id;

  g_return_val_if_fail (resource != NULL, NULL);

  id = eccp_json_get_string (resource, "id");
  attributes = eccp_json_get_object (resource, "attributes");
  if (g_strcmp0 (eccp_json_get_string (resource, "type"), "user") != 0 || id == NULL || attributes == NULL)
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("The portal’s answer is not a user"));
      return NULL;
    }

  self = g_object_new (ECCP_TYPE_ACCOUNT, NULL);
  self->resource = json_object_ref (resource);
  self->name = g_strdup (eccp_json_get_string (attributes, "name"));
  self->email = g_strdup (eccp_json_get_string (attributes, "email"));
  self->roles = strings_of (attributes, "roles");
  self->clusters = strings_of (attributes, "clusters");
  self->events = strings_of (attributes, "events");
  self->cluster_set = set_of (self->clusters);
  self->event_set = set_of (self->events);

  return g_steal_pointer (&self);
}

const char *
eccp_account_get_name (EccpAccount *self)
{
  g_return_val_if_fail (ECCP_IS_ACCOUNT (self), NULL);

  return self->name;
}

gboolean
eccp_account_has_role (EccpAccount *self,
                       const char  *role)
{
  g_return_val_if_fail (ECCP_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->roles, role);
}

const char * const *
eccp_account_get_clusters (EccpAccount *self)
{
  g_return_val_if_fail (ECCP_IS_ACCOUNT (self), NULL);

  return (const char * const *) self->clusters;
}

void
eccp_account_get_rights (EccpAccount *self,
                         EccpRights  *rights)
{
  g_return_if_fail (ECCP_IS_ACCOUNT (self));
  g_return_if_fail (rights != NULL);

  rights->staff = eccp_account_has_role (self, "staff");
  rights->cluster_manager = eccp_account_has_role (self, "cluster_manager");
  rights->event_team = eccp_account_has_role (self, "event_team");
  rights->clusters = self->cluster_set;
  rights->events = self->event_set;
}

gboolean
eccp_account_manages_record (EccpAccount *self,
                             EccpRecord  *record)
{
  EccpRights managed = { 0, };
  const EccpTypeSpec *spec;

  g_return_val_if_fail (ECCP_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (ECCP_IS_RECORD (record), FALSE);

  /* The account's rights without staff's: staff may change every
   * record, but manage only those they are given or made. */
  managed.cluster_manager = eccp_account_has_role (self, "cluster_manager");
  managed.event_team = eccp_account_has_role (self, "event_team");
  managed.clusters = self->cluster_set;
  managed.events = self->event_set;

  spec = eccp_type_spec_lookup (eccp_record_get_type_name (record));
  if (spec == NULL)
    return FALSE;

  if (eccp_rights_sees_working_copy (&managed, spec->name, eccp_record_get_id (record)))
    return TRUE;

  /* Made here and not yet sent: its maker's, who the portal lists among
   * its managers once it takes it. */
  return eccp_record_get_rev (record) == 0
         && eccp_rights_may_create (&managed, spec, eccp_record_get_related_id (record, "event"));
}

static const char *
moderation_state_of (EccpRecord *record)
{
  const char *state = eccp_json_get_string (eccp_record_get_meta (record), "moderation_state");

  return state != NULL ? state : "draft";
}

EccpTransition
eccp_account_check_record_transition (EccpAccount *self,
                                      EccpRecord  *record,
                                      const char  *to)
{
  const char *from;

  g_return_val_if_fail (self == NULL || ECCP_IS_ACCOUNT (self), ECCP_TRANSITION_INVALID);
  g_return_val_if_fail (ECCP_IS_RECORD (record), ECCP_TRANSITION_INVALID);
  g_return_val_if_fail (to != NULL, ECCP_TRANSITION_INVALID);

  from = moderation_state_of (record);

  /* Nobody known: judged as staff, who make every move there is */
  if (self == NULL)
    return eccp_rights_check_move (TRUE, TRUE, from, to);

  return eccp_rights_check_move (eccp_account_has_role (self, "staff"),
                                 eccp_account_manages_record (self, record), from, to);
}

gboolean
eccp_account_transition_error (EccpAccount     *self,
                               EccpRecord      *record,
                               const char      *to,
                               EccpTransition   verdict,
                               GError         **error)
{
  const char *type;
  const char *from;

  g_return_val_if_fail (self == NULL || ECCP_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (ECCP_IS_RECORD (record), FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  type = eccp_record_get_type_name (record);
  from = moderation_state_of (record);

  switch (verdict)
    {
    case ECCP_TRANSITION_FORBIDDEN:
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   /* Translators: "… may not move this cluster from Draft to
                    * Published"; the second %s is the type as `eccp` names it */
                   _("%s may not move this %s from %s to %s: the portal would refuse it"),
                   self != NULL && eccp_account_get_name (self) != NULL ? eccp_account_get_name (self) : _("You"),
                   type, eccp_moderation_state_label (from), eccp_moderation_state_label (to));
      return FALSE;

    case ECCP_TRANSITION_INVALID:
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   _("A %s cannot go from %s to %s"),
                   type, eccp_moderation_state_label (from), eccp_moderation_state_label (to));
      return FALSE;

    case ECCP_TRANSITION_ALLOWED:
    default:
      return TRUE;
    }
}

char *
eccp_account_describe (EccpAccount *self)
{
  gboolean has_name;
  gboolean has_email;

  g_return_val_if_fail (ECCP_IS_ACCOUNT (self), NULL);

  has_name = self->name != NULL && *self->name != '\0';
  has_email = self->email != NULL && *self->email != '\0';

  /* Translators: "Anna Novak (anna.novak@example.eu)" */
  if (has_name && has_email)
    return g_strdup_printf (_("%s (%s)"), self->name, self->email);
  if (has_name)
    return g_strdup (self->name);
  if (has_email)
    return g_strdup (self->email);

  return g_strdup (_("Unknown user"));
}

/* The store keeps the last answer of GET /me (setting "account"): who is
 * signed in is known offline, to the app and to `eccp` alike. */
EccpAccount *
eccp_account_load (EccpStore *store)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) resource = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);

  text = eccp_store_get_setting (store, "account");
  resource = text != NULL ? eccp_json_object_from_string (text, NULL) : NULL;

  return resource != NULL ? eccp_account_new_from_json (resource, NULL) : NULL;
}

gboolean
eccp_account_keep (EccpAccount  *self,
                   EccpStore    *store,
                   GError      **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ECCP_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (ECCP_IS_STORE (store), FALSE);

  text = eccp_json_object_to_string (self->resource);

  return eccp_store_set_setting (store, "account", text, error);
}

gboolean
eccp_account_forget (EccpStore  *store,
                     GError    **error)
{
  g_return_val_if_fail (ECCP_IS_STORE (store), FALSE);

  return eccp_store_set_setting (store, "account", NULL, error);
}
