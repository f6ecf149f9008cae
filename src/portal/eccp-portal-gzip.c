/* eccp-portal-gzip.c: Content-Encoding: gzip, both ways
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-portal"

#include "config.h"

#include "eccp-portal-gzip.h"

#include <libsoup/soup.h>

/* Runs all of @input through @converter. */
static GBytes *
convert (GConverter  *converter,
         const void  *input,
         gsize        length,
         gsize        max_length,
         GError     **error)
{
  g_autoptr(GByteArray) output = g_byte_array_sized_new (MAX (length / 4, 256));
  const guint8 *in = input;
  gsize in_left = length;

  for (;;)
    {
      guint8 buffer[64 * 1024];
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (converter, in, in_left, buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END, &bytes_read, &bytes_written,
                                    error);
      if (result == G_CONVERTER_ERROR)
        return NULL;

      in += bytes_read;
      in_left -= bytes_read;
      g_byte_array_append (output, buffer, bytes_written);

      if (output->len > max_length)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "The body is too large once decompressed");
          return NULL;
        }

      if (result == G_CONVERTER_FINISHED)
        break;

      if (bytes_read == 0 && bytes_written == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                               "The compressed body ends too early");
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&output));
}

GBytes *
eccp_portal_gzip_compress (const void *data,
                           gsize       length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);

  return convert (G_CONVERTER (compressor), data, length, G_MAXSIZE, NULL);
}

GBytes *
eccp_portal_gzip_decompress (GBytes  *data,
                             gsize    max_length,
                             GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor =
    g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  gsize length;
  const void *input = g_bytes_get_data (data, &length);

  return convert (G_CONVERTER (decompressor), input, length, max_length, error);
}

gboolean
eccp_portal_gzip_accepted (const char *accept_encoding)
{
  GSList *unacceptable = NULL;
  GSList *acceptable;
  gboolean found = FALSE;

  if (accept_encoding == NULL)
    return FALSE;

  acceptable = soup_header_parse_quality_list (accept_encoding, &unacceptable);
  for (GSList *l = acceptable; l != NULL; l = l->next)
    {
      if (g_ascii_strcasecmp (l->data, "gzip") == 0 || g_ascii_strcasecmp (l->data, "x-gzip") == 0)
        found = TRUE;
    }

  soup_header_free_list (acceptable);
  soup_header_free_list (unacceptable);

  return found;
}
