/* test-token.c: the access token in the keyring, shared by eccp and the app
 *
 * Each test has a D-Bus session bus of its own (GTestDBus), so the keyring
 * of whoever runs the tests is never touched.  With a keyring, that bus
 * gets a gnome-keyring-daemon of its own, as tests/cli/test-cli-changes.c
 * starts it for `eccp login`; without gnome-keyring-daemon, or when it does
 * not start, the test is skipped and says why.
 *
 * libsecret keeps a reference to the session bus connection after
 * secret_service_disconnect(), which GTestDBus would wait for in vain when
 * it takes the bus down; so the calls to a keyring run in a child process
 * (g_test_trap_subprocess), and the parent only runs the bus and the
 * daemon.
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-test"

#include "config.h"

#include "eccp-test-util.h"

#include <libsecret/secret.h>

#include "eccp-token.h"

#define TOKEN  "eccp-pat-5f2b9c0e71d84a3b"
#define PORTAL "https://portal.example.eu/jsonapi"

typedef struct
{
  char            *dir;
  GTestDBus       *bus;
  GSubprocess     *keyring;    /* gnome-keyring-daemon, or %NULL */
  GDBusConnection *connection; /* to the test's bus, not libsecret's */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("eccp-test-token-XXXXXX", &error);
  g_assert_no_error (error);
  g_unsetenv ("ECCP_TOKEN");

  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* libsecret lets go of the bus, then the bus can go down. */
  secret_service_disconnect ();
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (f->keyring != NULL)
    {
      g_subprocess_force_exit (f->keyring);
      g_subprocess_wait (f->keyring, NULL, NULL);
      g_clear_object (&f->keyring);
    }
  if (f->connection != NULL)
    {
      g_dbus_connection_close_sync (f->connection, NULL, NULL);
      g_clear_object (&f->connection);
    }

  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
  g_unsetenv ("ECCP_TOKEN");

  eccp_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* {{{ Helpers */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static char *
lookup (const char    *portal,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eccp_token_lookup_async (portal, cancellable, result_cb, &result);
  return eccp_token_lookup_finish (wait_for (&result), error);
}

static gboolean
store (const char  *portal,
       const char  *token,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eccp_token_store_async (portal, token, NULL, result_cb, &result);
  return eccp_token_store_finish (wait_for (&result), error);
}

static gboolean
clear (const char  *portal,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eccp_token_clear_async (portal, NULL, result_cb, &result);
  return eccp_token_clear_finish (wait_for (&result), error);
}

static void
assert_lookup (const char *portal,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpToken) token = lookup (portal, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, expected);
}

/* Starts gnome-keyring-daemon on the test's bus with a new, unlocked login
 * keyring.  FALSE (and the test skipped, with the reason) when it cannot. */
static gboolean
start_keyring (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->keyring = eccp_test_keyring_start (f->dir, f->bus, &f->connection, &error);
  if (f->keyring == NULL)
    {
      g_test_skip (error->message);
      return FALSE;
    }

  return TRUE;
}

/* How many items the Secret Service holds under the attributes `eccp
 * login` has always used, asked over D-Bus (not through libsecret). */
static guint
count_items (const char *portal)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) found = NULL;
  g_autoptr(GVariant) unlocked = NULL;
  g_autoptr(GVariant) locked = NULL;

  connection = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  found = eccp_test_keyring_search (connection, portal);
  unlocked = g_variant_get_child_value (found, 0);
  locked = g_variant_get_child_value (found, 1);
  g_dbus_connection_close_sync (connection, NULL, NULL);

  return g_variant_n_children (unlocked) + g_variant_n_children (locked);
}

/* }}} */

/* {{{ No keyring */

static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpToken) token = NULL;

  /* Nothing on the bus owns org.freedesktop.secrets, nothing can start it. */
  token = lookup (PORTAL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_NO_KEYRING);
  g_assert_null (strstr (error->message, "org.freedesktop"));
  g_clear_error (&error);

  g_assert_false (store (PORTAL, TOKEN, &error));
  g_assert_error (error, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_NO_KEYRING);
  g_assert_null (strstr (error->message, TOKEN));
  g_clear_error (&error);

  g_assert_false (clear (PORTAL, &error));
  g_assert_error (error, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_NO_KEYRING);
  g_clear_error (&error);

  /* $ECCP_TOKEN needs no keyring; empty, it is not a token. */
  g_setenv ("ECCP_TOKEN", "from-the-environment", TRUE);
  assert_lookup (PORTAL, "from-the-environment");
  g_setenv ("ECCP_TOKEN", "", TRUE);
  token = lookup (PORTAL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, ECCP_TOKEN_ERROR, ECCP_TOKEN_ERROR_NO_KEYRING);
}

/* }}} */

/* {{{ With a keyring */

/* Runs the child test @path in a process of its own, on the test's bus. */
static void
run_child (const char *path)
{
  g_test_trap_subprocess (path, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  /* A failure still takes the bus down (teardown): GTestDBus's dbus-daemon
   * would outlive an abort and keep the test's output open. */
  g_test_set_nonfatal_assertions ();
  g_test_trap_assert_passed ();
}

static void
child_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(EccpToken) token = NULL;

  if (!g_test_subprocess ())
    return;

  /* None kept yet: NULL, and no error. */
  assert_lookup (PORTAL, NULL);

  /* Stored under the address without its trailing "/", found with or
   * without it, and only for that portal. */
  g_assert_true (store (PORTAL "/", TOKEN, &error));
  g_assert_no_error (error);
  assert_lookup (PORTAL, TOKEN);
  assert_lookup (PORTAL "/", TOKEN);
  assert_lookup ("http://127.0.0.1:8080", NULL);
  g_assert_cmpuint (count_items (PORTAL), ==, 1);

  /* Storing again replaces it. */
  g_assert_true (store (PORTAL, "second-" TOKEN, &error));
  g_assert_no_error (error);
  assert_lookup (PORTAL, "second-" TOKEN);
  g_assert_cmpuint (count_items (PORTAL), ==, 1);

  /* $ECCP_TOKEN comes first, for scripts and tests; empty, it does not count. */
  g_setenv ("ECCP_TOKEN", "from-the-environment", TRUE);
  assert_lookup (PORTAL, "from-the-environment");
  assert_lookup ("http://127.0.0.1:8080", "from-the-environment");
  g_setenv ("ECCP_TOKEN", "", TRUE);
  assert_lookup (PORTAL, "second-" TOKEN);
  g_unsetenv ("ECCP_TOKEN");

  /* Cancelled before it starts. */
  cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  token = lookup (PORTAL, cancellable, &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Forgotten: gone from the keyring, and forgetting again is no error. */
  g_assert_true (clear (PORTAL "/", &error));
  g_assert_no_error (error);
  assert_lookup (PORTAL, NULL);
  g_assert_cmpuint (count_items (PORTAL), ==, 0);
  g_assert_true (clear (PORTAL, &error));
  g_assert_no_error (error);

  /* $ECCP_TOKEN is not the keyring's: clearing leaves it. */
  g_setenv ("ECCP_TOKEN", "from-the-environment", TRUE);
  g_assert_true (clear (PORTAL, &error));
  g_assert_no_error (error);
  assert_lookup (PORTAL, "from-the-environment");
}

static void
test_keyring (Fixture       *f,
              gconstpointer  data)
{
  if (start_keyring (f))
    run_child ("/token/child/keyring");
}

static void
child_from_login (void)
{
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    return;

  assert_lookup ("http://127.0.0.1:8080", "login-" TOKEN);
  g_assert_cmpuint (count_items ("http://127.0.0.1:8080"), ==, 1);

  g_assert_true (clear ("http://127.0.0.1:8080", &error));
  g_assert_no_error (error);
  assert_lookup ("http://127.0.0.1:8080", NULL);
}

/* What `eccp login` keeps, the application finds. */
static void
test_keyring_from_login (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpTestResult) result = NULL;
  g_autofree char *db = g_build_filename (f->dir, "store.db", NULL);
  g_autofree char *token_file = g_build_filename (f->dir, "token", NULL);
  const char *args[] = { "--db", db, "login", "--portal", "http://127.0.0.1:8080/",
                         "--token-file", token_file, NULL };

  if (!start_keyring (f))
    return;

  g_file_set_contents (token_file, "login-" TOKEN "\n", -1, &error);
  g_assert_no_error (error);

  /* The program inherits the test's bus (DBUS_SESSION_BUS_ADDRESS). */
  result = eccp_test_run_cli (f->dir, NULL, NULL, args);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  run_child ("/token/child/from-login");
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/token/no-keyring", test_no_keyring);
  ADD ("/token/keyring", test_keyring);
  ADD ("/token/from-login", test_keyring_from_login);
#undef ADD
  /* Run by the two above, in processes of their own */
  g_test_add_func ("/token/child/keyring", child_keyring);
  g_test_add_func ("/token/child/from-login", child_from_login);

  return g_test_run ();
}
