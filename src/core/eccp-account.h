/* eccp-account.h: who is signed in, as the portal's GET /me says
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "eccp-record.h"
#include "eccp-rights.h"
#include "eccp-store.h"

G_BEGIN_DECLS

#define ECCP_TYPE_ACCOUNT (eccp_account_get_type ())

G_DECLARE_FINAL_TYPE (EccpAccount, eccp_account, ECCP, ACCOUNT, GObject)

/* From the user resource of GET /me ({"type": "user", "id", "attributes":
 * {"name", "email", "roles", "clusters", "events"}}); %NULL with @error
 * when it is not one. */
EccpAccount        *eccp_account_new_from_json (JsonObject  *resource,
                                                GError     **error);

const char         *eccp_account_get_name      (EccpAccount *self);
/* "cluster_manager", "staff", "event_team" (portal-api.md §7) */
gboolean            eccp_account_has_role      (EccpAccount *self,
                                                const char  *role);
/* The ids of the clusters a manager edits */
const char * const *eccp_account_get_clusters  (EccpAccount *self);
/* What the account may change, by the portal's rules (borrowed from @self) */
void                eccp_account_get_rights    (EccpAccount *self,
                                                EccpRights  *rights);
/* The account is one of @record's managers (portal-api.md §7): the
 * record is one of its clusters or its team's events, or the portal has
 * not taken it yet (rev 0, made here) and the account may make records
 * of its type, as the portal makes their maker a manager.  Staff's right
 * to every record does not make them its managers. */
gboolean            eccp_account_manages_record (EccpAccount *self,
                                                 EccpRecord  *record);
/* Whether @self may move @record from its moderation state
 * (meta.moderation_state, "draft" when it has none) to @to, as the
 * portal would judge it (eccp_rights_check_move()), counting the records
 * it manages by eccp_account_manages_record().  @self %NULL (nobody
 * known: the demo, `eccp` before a login): every move there is; the
 * portal decides who. */
EccpTransition      eccp_account_check_record_transition (EccpAccount *self,
                                                          EccpRecord  *record,
                                                          const char  *to);
/* %TRUE when @verdict (of the above, for the same @self, @record and @to)
 * is ECCP_TRANSITION_ALLOWED; otherwise %FALSE with
 * ECCP_STORE_ERROR_NOT_ALLOWED saying why in words ("Anna Novak may not
 * move this cluster from Draft to Published: …"). */
gboolean            eccp_account_transition_error (EccpAccount     *self,
                                                   EccpRecord      *record,
                                                   const char      *to,
                                                   EccpTransition   verdict,
                                                   GError         **error);
/* "Anna Novak (anna.novak@example.eu)", or what there is of it */
char               *eccp_account_describe      (EccpAccount *self);

/* The account kept in @store by eccp_account_keep(), or %NULL */
EccpAccount        *eccp_account_load          (EccpStore   *store);
gboolean            eccp_account_keep          (EccpAccount *self,
                                                EccpStore   *store,
                                                GError     **error);
/* Forgets the account kept in @store: nobody is known until the portal
 * says again (someone else may have signed in). */
gboolean            eccp_account_forget        (EccpStore   *store,
                                                GError     **error);

G_END_DECLS
