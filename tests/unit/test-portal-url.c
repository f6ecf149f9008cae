/* test-portal-url.c: which portal addresses the token may go to
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

#include "eccp-portal-client.h"
#include "eccp-portal-url.h"
#include "eccp-store.h"
#include "eccp-test-util.h"

static void
test_check (void)
{
  static const struct {
    const char *url;
    gboolean    allow_insecure;
    int         code;        /* -1: accepted */
    const char *normalised;
  } cases[] = {
    { "https://portal.example.eu/jsonapi", FALSE, -1, "https://portal.example.eu/jsonapi" },
    { "  https://portal.example.eu/jsonapi//  ", FALSE, -1, "https://portal.example.eu/jsonapi" },
    { "HTTPS://Portal.Example.EU/jsonapi", FALSE, -1, "HTTPS://Portal.Example.EU/jsonapi" },
    { "http://127.0.0.1:8080/jsonapi", FALSE, -1, "http://127.0.0.1:8080/jsonapi" },
    { "http://127.255.0.9/jsonapi", FALSE, -1, "http://127.255.0.9/jsonapi" },
    { "http://[::1]:8080/jsonapi", FALSE, -1, "http://[::1]:8080/jsonapi" },
    { "http://localhost/jsonapi", FALSE, -1, "http://localhost/jsonapi" },
    { "http://LOCALHOST./jsonapi", FALSE, -1, "http://LOCALHOST./jsonapi" },
    { "http://portal.example.eu/jsonapi", TRUE, -1, "http://portal.example.eu/jsonapi" },
    { "http://portal.example.eu/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_INSECURE, NULL },
    { "http://10.1.2.3/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_INSECURE, NULL },
    { "http://0.0.0.0:8080/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_INSECURE, NULL },
    { "http://[::ffff:127.0.0.1]/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_INSECURE, NULL },
    { "http://127.0.0.1.example.eu/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_INSECURE, NULL },
    { "http://localhost.example.eu/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_INSECURE, NULL },
    { "https://anna:pw@portal.example.eu/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_CREDENTIALS, NULL },
    { "https://anna:pw@portal.example.eu/jsonapi", TRUE, ECCP_PORTAL_URL_ERROR_CREDENTIALS, NULL },
    { "http://anna@127.0.0.1/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_CREDENTIALS, NULL },
    { "https://:pw@portal.example.eu/jsonapi", FALSE, ECCP_PORTAL_URL_ERROR_CREDENTIALS, NULL },
    { "ftp://portal.example.eu/jsonapi", TRUE, ECCP_PORTAL_URL_ERROR_INVALID, NULL },
    { "portal.example.eu/jsonapi", TRUE, ECCP_PORTAL_URL_ERROR_INVALID, NULL },
    { "https:///jsonapi", TRUE, ECCP_PORTAL_URL_ERROR_INVALID, NULL },
    { "https://portal.example.eu/jsonapi?x=1", TRUE, ECCP_PORTAL_URL_ERROR_INVALID, NULL },
    { "https://portal.example.eu/jsonapi#top", TRUE, ECCP_PORTAL_URL_ERROR_INVALID, NULL },
    { "", TRUE, ECCP_PORTAL_URL_ERROR_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalised = NULL;
      gboolean ok;

      g_test_message ("%s", cases[i].url);
      ok = eccp_portal_url_check (cases[i].url, cases[i].allow_insecure, &normalised, &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (normalised, ==, cases[i].normalised);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, ECCP_PORTAL_URL_ERROR, cases[i].code);
          g_assert_null (normalised);
          /* A password is never repeated back. */
          g_assert_null (strstr (error->message, "pw@"));
          if (cases[i].code == ECCP_PORTAL_URL_ERROR_INSECURE)
            g_assert_nonnull (strstr (error->message, "the sign-in token would travel unencrypted"));
        }
    }
}

/* The client refuses what the check refuses, whoever makes it. */
static void
test_client_refuses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpPortalClient) client = NULL;

  client = eccp_portal_client_new ("http://portal.example.eu/jsonapi", "token", &error);
  g_assert_null (client);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "unencrypted"));
  g_clear_error (&error);

  client = eccp_portal_client_new_full ("https://anna:pw@portal.example.eu/jsonapi", "token", TRUE, &error);
  g_assert_null (client);
  g_assert_error (error, ECCP_PORTAL_ERROR, ECCP_PORTAL_ERROR_FAILED);
  g_assert_null (strstr (error->message, "pw"));
  g_clear_error (&error);

  client = eccp_portal_client_new_full ("http://portal.example.eu/jsonapi/", "token", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eccp_portal_client_get_base_url (client), ==, "http://portal.example.eu/jsonapi");
}

/* An address kept with a password by an older version comes back without
 * it, and the store keeps it so. */
static void
test_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eccp-test-url-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(EccpStore) store = eccp_store_new (path, &error);
  g_autofree char *none = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  none = eccp_portal_url_get_kept (store, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_true (eccp_store_set_setting (store, "portal_url", "https://anna:pw@portal.example.eu/jsonapi", &error));
  kept = eccp_portal_url_get_kept (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "https://portal.example.eu/jsonapi");
  again = eccp_store_get_setting (store, "portal_url");
  g_assert_cmpstr (again, ==, "https://portal.example.eu/jsonapi");

  g_clear_object (&store);
  eccp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal-url/check", test_check);
  g_test_add_func ("/portal-url/client-refuses", test_client_refuses);
  g_test_add_func ("/portal-url/kept", test_kept);

  return g_test_run ();
}
