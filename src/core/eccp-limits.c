/* eccp-limits.c: checks that go with the limits of eccp-limits.h
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-limits.h"

guint64
eccp_limit_get (const char *name,
                guint64     limit)
{
  g_autofree char *variable = g_strconcat ("ECCP_TEST_", name, NULL);
  const char *value = g_getenv (variable);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT64, &number, NULL))
    return limit;

  return number;
}

gboolean
eccp_json_measure (const char *data,
                   gsize       length,
                   guint       max_depth,
                   gsize      *longest)
{
  guint depth = 0;

  *longest = 0;
  for (gsize i = 0; i < length; i++)
    {
      gsize start;

      switch (data[i])
        {
        case '"':
          /* To the closing quote; a backslash escapes the next byte. */
          for (start = ++i; i < length && data[i] != '"'; i++)
            {
              if (data[i] == '\\')
                i++;
            }
          *longest = MAX (*longest, MIN (i, length) - start);
          break;

        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;

        case ']':
        case '}':
          /* Unbalanced input is the parser's to refuse. */
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

gboolean
eccp_json_depth_within (const char *data,
                        gsize       length,
                        guint       max_depth)
{
  gsize longest;

  return eccp_json_measure (data, length, max_depth, &longest);
}
