/* eccp-json-scan.h: splits a JSON document's arrays into their elements as it streams
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ECCP_JSON_SCAN_ERROR (eccp_json_scan_error_quark ())

typedef enum
{
  ECCP_JSON_SCAN_ERROR_EMPTY,      /* nothing but white space */
  ECCP_JSON_SCAN_ERROR_NOT_OBJECT, /* the document is no JSON object */
  ECCP_JSON_SCAN_ERROR_DEPTH,      /* nested deeper than the limit */
  ECCP_JSON_SCAN_ERROR_NUL,        /* a raw 0 byte or "\u0000" */
  ECCP_JSON_SCAN_ERROR_SYNTAX,     /* not JSON where the scanner looks */
  ECCP_JSON_SCAN_ERROR_TRUNCATED,  /* the input ends inside the document */
} EccpJsonScanError;

typedef enum
{
  ECCP_JSON_SCAN_ELEMENT, /* one element of a split member's array */
  ECCP_JSON_SCAN_ARRAY,   /* a split member's array has ended (text is "[]") */
  ECCP_JSON_SCAN_VALUE,   /* a whole member's value, not split */
} EccpJsonScanKind;

/* @member is the top-level member's name, @text (@length bytes, not
 * NUL-terminated) the value's JSON text, @line the line it starts on.
 * Returning %FALSE with @error stops the scan with that error. */
typedef gboolean (*EccpJsonScanFunc) (EccpJsonScanKind   kind,
                                      const char        *member,
                                      const char        *text,
                                      gsize              length,
                                      guint              line,
                                      gpointer           user_data,
                                      GError           **error);

typedef struct _EccpJsonScan EccpJsonScan;

GQuark        eccp_json_scan_error_quark (void);

/* A scanner of one JSON document whose root must be an object.  The
 * values of the members named in @split (a %NULL-terminated list) are
 * handed to @func an element at a time when they are arrays; every other
 * member's value whole.  The scanner checks the document's frame (the
 * root object, its members, the split arrays), nesting against
 * @max_depth, NUL characters and what follows the document; the values it
 * hands out are balanced and their strings closed, but their inside is for
 * the caller's parser to check.  It never holds more than one value. */
EccpJsonScan *eccp_json_scan_new         (const char * const *split,
                                          guint               max_depth,
                                          EccpJsonScanFunc    func,
                                          gpointer            user_data);
void          eccp_json_scan_free        (EccpJsonScan       *scan);

/* Feeds the next @length bytes; %FALSE with @error (ECCP_JSON_SCAN_ERROR
 * or @func's) once the document is refused, and on every call after. */
gboolean      eccp_json_scan_feed        (EccpJsonScan       *scan,
                                          const char         *data,
                                          gsize               length,
                                          GError            **error);
/* The input has ended: %FALSE with @error unless a whole document was
 * read. */
gboolean      eccp_json_scan_finish      (EccpJsonScan       *scan,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EccpJsonScan, eccp_json_scan_free)

G_END_DECLS
