/* eccp-field-kind-private.h: the table of field kinds, for the core's readers
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-field-kind.h"
#include "eccp-field-spec.h"

G_BEGIN_DECLS

/* The JSON a value of a kind is. */
typedef enum
{
  ECCP_FIELD_SHAPE_STRING,
  ECCP_FIELD_SHAPE_INTEGER,
  ECCP_FIELD_SHAPE_NUMBER,   /* an integer or a real */
  ECCP_FIELD_SHAPE_BOOLEAN,
  ECCP_FIELD_SHAPE_LIST,
  ECCP_FIELD_SHAPE_OBJECT,
  ECCP_FIELD_SHAPE_RELATION, /* {"data": identifier or [identifiers]} */
} EccpFieldShape;

/* One row of the table.  Messages are N_() formats of the field's label,
 * the value as typed or quoted and (only the choice's) the choices. */
/* How values of a kind compare in a list's order */
typedef enum
{
  ECCP_FIELD_ORDER_NONE,     /* not at all: objects, relations */
  ECCP_FIELD_ORDER_TEXT,     /* as text, ignoring case */
  ECCP_FIELD_ORDER_VALUE,    /* as stored: numbers, booleans */
  ECCP_FIELD_ORDER_INSTANT,  /* as instants: times carry offsets */
  ECCP_FIELD_ORDER_ITEMS,    /* a list: by its items (see eccp-store-query.c) */
} EccpFieldOrder;

typedef struct
{
  const char         *description;   /* N_(): "http or https URL" */
  EccpFieldShape      shape;
  EccpFieldEditor     editor;
  EccpFieldEditor     list_editor;   /* the editor of a LIST of this kind */
  EccpFieldDiffStyle  diff_style;
  EccpFieldOrder      order;
  gboolean            keeps_spaces;  /* typed text is kept as typed, not stripped */
  gboolean            single_line;
  gboolean            has_names;     /* codes a person reads by a name */
  gboolean            to_this_year;  /* a value from min (or 1800) to this year */

  /* Typed text to the portal's spelling (country codes in upper case) */
  char             *(*normalize)     (const char          *text);
  /* The value's shape is wrong (or typed text is not of that shape) */
  const char         *shape_code;
  const char         *shape_message;
  const char         *parse_message; /* %NULL: shape_message */
  /* The syntax of a string kind: %NULL when any text will do */
  gboolean          (*is_valid)      (const EccpFieldSpec *field,
                                      const char          *text);
  const char         *invalid_code;
  const char         *invalid_message;
  /* A string value as a person reads it: %NULL to show it as it is */
  void              (*display)       (GString             *out,
                                      const EccpFieldSpec *field,
                                      const char          *text);
} EccpFieldKindInfo;

const EccpFieldKindInfo *_eccp_field_kind_info    (EccpFieldKind        kind);

/* A message of the table for @field and @value, translated. */
char                    *_eccp_field_kind_message (const char          *format,
                                                   const EccpFieldSpec *field,
                                                   const char          *value);

/* One scalar value of @kind (@field's, or its list's item kind) from typed
 * text, already stripped where the kind wants it. */
JsonNode                *_eccp_field_kind_parse   (const EccpFieldSpec *field,
                                                   EccpFieldKind        kind,
                                                   const char          *text,
                                                   GError             **error);

/* Appends one scalar value of @kind as a person reads it. */
void                     _eccp_field_kind_append_display
                                                  (GString             *out,
                                                   const EccpFieldSpec *field,
                                                   EccpFieldKind        kind,
                                                   JsonNode            *node);

/* The value as JSON's plain text: strings as they are, numbers, true/false. */
void                     _eccp_field_kind_append_scalar
                                                  (GString             *out,
                                                   JsonNode            *node);

G_END_DECLS
