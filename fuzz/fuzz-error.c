/* fuzz-error.c: an error answer, as the portal (or a proxy) could send it
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a tiny HTTP answer: its first line the status (any status:
 * redirects, 4xx, 5xx, and a success too), then header lines ("Name:
 * value", among them Retry-After, ETag, Idempotent-Replayed), an empty
 * line, then the body.  The client parses it; then what a person reads of
 * it is made: the description, the error code, each error object.
 */

#define G_LOG_DOMAIN "eccp-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <string.h>

#include "eccp-portal-client-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  eccp_fuzz_init ();
  return 0;
}

/* The next line of @data (up to "\n", which is skipped), or %NULL at the
 * end of the head (an empty line, or no newline left). */
static char *
next_line (const char **data,
           const char  *end)
{
  const char *newline = memchr (*data, '\n', end - *data);
  char *line;

  if (newline == NULL)
    return NULL;
  line = g_strndup (*data, newline - *data);
  *data = newline + 1;
  if (*line == '\0')
    {
      g_free (line);
      return NULL;
    }

  return line;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(EccpPortalResponse) response = NULL;
  g_autoptr(EccpPortalResponse) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *description = NULL;
  const char *p = (const char *) data;
  const char *end = p + size;
  JsonArray *errors;
  char *line;
  guint status;

  status_line = next_line (&p, end);
  if (status_line == NULL)
    return 0;
  status = (guint) g_ascii_strtoull (status_line, NULL, 10);
  if (status < 100 || status > 599)
    return 0;

  while ((line = next_line (&p, end)) != NULL)
    {
      char *colon = strchr (line, ':');

      /* libsoup takes only what HTTP allows in a header (its parser
       * refuses the rest before the client sees it). */
      if (colon != NULL && g_utf8_validate (line, -1, NULL))
        {
          const char *name;
          const char *value;

          *colon = '\0';
          name = g_strstrip (line);
          value = g_strstrip (colon + 1);
          if (*name != '\0' && strpbrk (name, " \t\r") == NULL && strchr (value, '\r') == NULL)
            soup_message_headers_append (headers, name, value);
        }
      g_free (line);
    }

  response = _eccp_portal_response_parse ("http://127.0.0.1/jsonapi", status, headers,
                                          p, end - p, &error);
  if (response == NULL)
    return 0;

  copy = eccp_portal_response_copy (response);
  description = eccp_portal_response_describe (copy);
  (void) eccp_portal_response_get_error_code (copy);
  (void) eccp_portal_response_get_object (copy);
  errors = eccp_portal_response_get_errors (copy);
  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    (void) json_array_get_element (errors, i);

  return 0;
}
