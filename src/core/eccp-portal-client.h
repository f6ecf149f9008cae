/* eccp-portal-client.h: HTTP requests to the portal's JSON:API feed
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Failures to get an answer at all.  An answer with an HTTP error status
 * (4xx, 5xx) is not a GError: it is an EccpPortalResponse whose status the
 * caller reads.  Cancelling gives G_IO_ERROR_CANCELLED. */
#define ECCP_PORTAL_ERROR (eccp_portal_error_quark ())

typedef enum
{
  ECCP_PORTAL_ERROR_FAILED,       /* not transient: a bad URL, a TLS certificate refused */
  ECCP_PORTAL_ERROR_UNREACHABLE,  /* connection refused or dropped, no such host: transient */
  ECCP_PORTAL_ERROR_TIMEOUT,      /* no answer in time: transient */
  ECCP_PORTAL_ERROR_BAD_RESPONSE, /* an answer that is not JSON:API, or a redirect */
  ECCP_PORTAL_ERROR_HTTP,         /* helpers only (get_me): an HTTP error status */
  ECCP_PORTAL_ERROR_AUTH,         /* helpers only (get_me): 401, the token was refused */
} EccpPortalError;

GQuark eccp_portal_error_quark (void);

/* Whether @error is worth retrying later (UNREACHABLE, TIMEOUT). */
gboolean eccp_portal_error_is_transient (const GError *error);

/* {{{ EccpPortalResponse */

typedef struct
{
  guint     status;
  JsonNode *body;        /* the parsed JSON answer, or %NULL when it was empty
                          * (or, for an error status, not JSON) */
  char     *etag;        /* the ETag header, quotes and all, or %NULL */
  gint64    retry_after; /* seconds to wait (Retry-After in seconds or as an
                          * HTTP date), or -1 when there was none */
  gboolean  replayed;    /* Idempotent-Replayed: true */
  gboolean  short_texts; /* every string of the body is known to be at most
                          * ECCP_LIMIT_TEXT_BYTES long (%FALSE: not known) */
} EccpPortalResponse;

#define ECCP_TYPE_PORTAL_RESPONSE (eccp_portal_response_get_type ())

GType               eccp_portal_response_get_type   (void) G_GNUC_CONST;
EccpPortalResponse *eccp_portal_response_copy       (const EccpPortalResponse *self);
void                eccp_portal_response_free       (EccpPortalResponse       *self);
/* The body's top-level object, or %NULL. */
JsonObject         *eccp_portal_response_get_object (const EccpPortalResponse *self);
/* The JSON:API error objects ("errors"), or %NULL. */
JsonArray          *eccp_portal_response_get_errors (const EccpPortalResponse *self);
/* errors[0].code, or %NULL. */
const char         *eccp_portal_response_get_error_code
                                                    (const EccpPortalResponse *self);
/* A line for a person: errors[0].detail or .title, else "HTTP 502". */
char               *eccp_portal_response_describe   (const EccpPortalResponse *self);

/* Parses a Retry-After value: delta-seconds or an HTTP date (seconds from
 * @now, which may be %NULL for the current time); -1 when it is neither. */
gint64              eccp_portal_parse_retry_after   (const char               *value,
                                                     GDateTime                *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpPortalResponse, eccp_portal_response_free)

/* }}} */

#define ECCP_TYPE_PORTAL_CLIENT (eccp_portal_client_get_type ())

G_DECLARE_FINAL_TYPE (EccpPortalClient, eccp_portal_client, ECCP, PORTAL_CLIENT, GObject)

/* @base_url: the feed's root, "https://portal.example.eu/jsonapi" (http or
 * https); @token: the personal access token, sent as a bearer token and
 * never written to a message or a log.  %NULL with @error when the URL is
 * not an http(s) URL. */
EccpPortalClient   *eccp_portal_client_new          (const char          *base_url,
                                                     const char          *token,
                                                     GError             **error);
/* The same; @allow_insecure: plain http to a host other than this
 * computer too (eccp_portal_url_check() says what is refused). */
EccpPortalClient   *eccp_portal_client_new_full     (const char          *base_url,
                                                     const char          *token,
                                                     gboolean             allow_insecure,
                                                     GError             **error);
const char         *eccp_portal_client_get_base_url (EccpPortalClient    *self);
/* Seconds without progress before a request fails with TIMEOUT (default 30). */
guint               eccp_portal_client_get_timeout  (EccpPortalClient    *self);
void                eccp_portal_client_set_timeout  (EccpPortalClient    *self,
                                                     guint                seconds);

/* One request.  @method "GET", "POST", "PATCH", "DELETE"; @path relative to
 * the base URL, starting with "/" ("/cluster/ID", "/changes?cursor=9"), its
 * query already escaped; @body the JSON document to send, or %NULL;
 * @if_match a revision for If-Match ("4" in quotes), or 0 for none;
 * @idempotency_key for Idempotency-Key, or %NULL.
 *
 * Every request carries the bearer token and the JSON:API media type, and
 * accepts gzip (libsoup's content decoder, on by default, decodes it).
 * Redirects are not followed: the token stays with the configured host. */
void                eccp_portal_client_request_async (EccpPortalClient    *self,
                                                      const char          *method,
                                                      const char          *path,
                                                      JsonNode            *body,
                                                      gint64               if_match,
                                                      const char          *idempotency_key,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
EccpPortalResponse *eccp_portal_client_request_finish (EccpPortalClient    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* The same, blocking: for command-line tools, never for the main loop. */
EccpPortalResponse *eccp_portal_client_request       (EccpPortalClient    *self,
                                                      const char          *method,
                                                      const char          *path,
                                                      JsonNode            *body,
                                                      gint64               if_match,
                                                      const char          *idempotency_key,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

/* GET /me: the user's resource object ({"type": "user", "id", "attributes":
 * {"name", "email", "roles", "clusters", "events"}}).  Here an HTTP error
 * is a GError: ECCP_PORTAL_ERROR_AUTH for 401, ECCP_PORTAL_ERROR_HTTP for
 * the others. */
void                eccp_portal_client_get_me_async  (EccpPortalClient    *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
JsonObject         *eccp_portal_client_get_me_finish (EccpPortalClient    *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
JsonObject         *eccp_portal_client_get_me        (EccpPortalClient    *self,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

G_END_DECLS
