/* eccp-portal-users.c: who may use the reference portal, and as what
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-users.h"

#include <json-glib/json-glib.h>

#include "eccp-json.h"

struct _EccpPortalUser
{
  char            *id;
  char            *name;
  char            *email;
  EccpPortalRoles  roles;
  GPtrArray       *clusters;    /* in order, for /me */
  GHashTable      *cluster_set;
  GPtrArray       *events;
  GHashTable      *event_set;
};

struct _EccpPortalUsers
{
  GObject     parent_instance;

  GPtrArray  *users;   /* EccpPortalUser */
  GHashTable *tokens;  /* token → EccpPortalUser */
  GHashTable *ids;     /* id → EccpPortalUser */
};

G_DEFINE_TYPE (EccpPortalUsers, eccp_portal_users, G_TYPE_OBJECT)

static const struct
{
  const char      *name;
  EccpPortalRoles  role;
} role_names[] = {
  { "cluster_manager", ECCP_PORTAL_ROLE_CLUSTER_MANAGER },
  { "staff", ECCP_PORTAL_ROLE_STAFF },
  { "event_team", ECCP_PORTAL_ROLE_EVENT_TEAM },
};

static void
user_free (EccpPortalUser *user)
{
  g_free (user->id);
  g_free (user->name);
  g_free (user->email);
  g_ptr_array_unref (user->clusters);
  g_hash_table_unref (user->cluster_set);
  g_ptr_array_unref (user->events);
  g_hash_table_unref (user->event_set);
  g_free (user);
}

const char *
eccp_portal_user_get_id (EccpPortalUser *user)
{
  g_return_val_if_fail (user != NULL, NULL);

  return user->id;
}

EccpPortalRoles
eccp_portal_user_get_roles (EccpPortalUser *user)
{
  g_return_val_if_fail (user != NULL, ECCP_PORTAL_ROLE_NONE);

  return user->roles;
}

gboolean
eccp_portal_user_has_role (EccpPortalUser  *user,
                           EccpPortalRoles  role)
{
  g_return_val_if_fail (user != NULL, FALSE);

  return (user->roles & role) != 0;
}

void
eccp_portal_user_get_rights (EccpPortalUser *user,
                             EccpRights     *rights)
{
  g_return_if_fail (user != NULL);
  g_return_if_fail (rights != NULL);

  rights->staff = (user->roles & ECCP_PORTAL_ROLE_STAFF) != 0;
  rights->cluster_manager = (user->roles & ECCP_PORTAL_ROLE_CLUSTER_MANAGER) != 0;
  rights->event_team = (user->roles & ECCP_PORTAL_ROLE_EVENT_TEAM) != 0;
  rights->clusters = user->cluster_set;
  rights->events = user->event_set;
}

static void
add_to (GPtrArray  *list,
        GHashTable *set,
        const char *id)
{
  char *copy;

  if (g_hash_table_contains (set, id))
    return;

  copy = g_strdup (id);
  g_ptr_array_add (list, copy);
  g_hash_table_add (set, copy);
}

void
eccp_portal_user_add_cluster (EccpPortalUser *user,
                              const char     *cluster_id)
{
  g_return_if_fail (user != NULL);
  g_return_if_fail (cluster_id != NULL);

  add_to (user->clusters, user->cluster_set, cluster_id);
}

static void
add_string_list (JsonBuilder *builder,
                 const char  *name,
                 GPtrArray   *list)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (list, i));
  json_builder_end_array (builder);
}

char *
eccp_portal_user_to_document (EccpPortalUser *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (user != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, user->id);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, user->name);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, user->email);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      if (user->roles & role_names[i].role)
        json_builder_add_string_value (builder, role_names[i].name);
    }
  json_builder_end_array (builder);
  add_string_list (builder, "clusters", user->clusters);
  add_string_list (builder, "events", user->events);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return eccp_json_node_to_string (root, FALSE);
}

static void
eccp_portal_users_finalize (GObject *object)
{
  EccpPortalUsers *self = ECCP_PORTAL_USERS (object);

  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);

  G_OBJECT_CLASS (eccp_portal_users_parent_class)->finalize (object);
}

static void
eccp_portal_users_class_init (EccpPortalUsersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eccp_portal_users_finalize;
}

static void
eccp_portal_users_init (EccpPortalUsers *self)
{
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify) user_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
invalid (GError     **error,
         guint        index,
         const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "User %u of the users file: %s", index + 1, what);
  return FALSE;
}

/* Copies the strings of @object's member @name into @list and @set. */
static gboolean
read_id_list (JsonObject  *object,
              const char  *name,
              GPtrArray   *list,
              GHashTable  *set)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return FALSE;
      add_to (list, set, json_node_get_string (item));
    }

  return TRUE;
}

static gboolean
read_user (EccpPortalUsers  *self,
           JsonNode         *node,
           guint             index,
           GError          **error)
{
  EccpPortalUser *user;
  JsonObject *object;
  JsonArray *roles;
  JsonArray *tokens;
  const char *id;
  const char *token;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, index, "not an object");

  object = json_node_get_object (node);
  id = eccp_json_get_string (object, "id");
  if (id == NULL || *id == '\0')
    return invalid (error, index, "no “id”");
  if (g_hash_table_contains (self->ids, id))
    return invalid (error, index, "the same “id” as an earlier user");

  user = g_new0 (EccpPortalUser, 1);
  user->id = g_strdup (id);
  user->name = g_strdup (eccp_json_get_string (object, "name"));
  user->email = g_strdup (eccp_json_get_string (object, "email"));
  if (user->name == NULL)
    user->name = g_strdup (id);
  if (user->email == NULL)
    user->email = g_strdup ("");
  user->clusters = g_ptr_array_new_with_free_func (g_free);
  user->cluster_set = g_hash_table_new (g_str_hash, g_str_equal);
  user->events = g_ptr_array_new_with_free_func (g_free);
  user->event_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (self->users, user);
  g_hash_table_insert (self->ids, user->id, user);

  roles = eccp_json_get_array (object, "roles");
  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      JsonNode *item = json_array_get_element (roles, i);
      const char *name = NULL;
      gboolean known = FALSE;

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        name = json_node_get_string (item);

      for (guint j = 0; name != NULL && j < G_N_ELEMENTS (role_names); j++)
        {
          if (g_str_equal (name, role_names[j].name))
            {
              user->roles |= role_names[j].role;
              known = TRUE;
            }
        }

      if (!known)
        return invalid (error, index,
                        "an unknown role (the roles are cluster_manager, staff and event_team)");
    }

  if (!read_id_list (object, "clusters", user->clusters, user->cluster_set) ||
      !read_id_list (object, "events", user->events, user->event_set))
    return invalid (error, index, "“clusters” and “events” must be lists of record ids");

  token = eccp_json_get_string (object, "token");
  if (token != NULL)
    {
      if (g_hash_table_contains (self->tokens, token))
        return invalid (error, index, "a token that an earlier user has");
      g_hash_table_insert (self->tokens, g_strdup (token), user);
    }

  tokens = eccp_json_get_array (object, "tokens");
  for (guint i = 0; tokens != NULL && i < json_array_get_length (tokens); i++)
    {
      JsonNode *item = json_array_get_element (tokens, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (error, index, "“tokens” must be a list of strings");
      if (g_hash_table_contains (self->tokens, json_node_get_string (item)))
        return invalid (error, index, "a token that an earlier user has");
      g_hash_table_insert (self->tokens, g_strdup (json_node_get_string (item)), user);
    }

  return TRUE;
}

EccpPortalUsers *
eccp_portal_users_new_from_data (const char  *data,
                                 GError     **error)
{
  g_autoptr(EccpPortalUsers) self = g_object_new (ECCP_TYPE_PORTAL_USERS, NULL);
  g_autoptr(JsonObject) root = NULL;
  JsonArray *users;

  g_return_val_if_fail (data != NULL, NULL);

  root = eccp_json_object_from_string (data, error);
  if (root == NULL)
    return NULL;

  users = eccp_json_get_array (root, "users");
  if (users == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The users file has no “users” list");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      if (!read_user (self, json_array_get_element (users, i), i, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

EccpPortalUsers *
eccp_portal_users_new_from_file (const char  *path,
                                 GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  EccpPortalUsers *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, NULL, error))
    return NULL;

  self = eccp_portal_users_new_from_data (data, &local_error);
  if (self == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  return self;
}

EccpPortalUser *
eccp_portal_users_lookup_token (EccpPortalUsers *self,
                                const char      *token)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_USERS (self), NULL);

  if (token == NULL)
    return NULL;

  return g_hash_table_lookup (self->tokens, token);
}

EccpPortalUser *
eccp_portal_users_lookup_id (EccpPortalUsers *self,
                             const char      *user_id)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_USERS (self), NULL);

  if (user_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->ids, user_id);
}

gboolean
eccp_portal_users_revoke (EccpPortalUsers *self,
                          const char      *token)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_USERS (self), FALSE);

  return token != NULL && g_hash_table_remove (self->tokens, token);
}

guint
eccp_portal_users_get_n_users (EccpPortalUsers *self)
{
  g_return_val_if_fail (ECCP_IS_PORTAL_USERS (self), 0);

  return self->users->len;
}
