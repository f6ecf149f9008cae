/* eccp-field-kind.h: what each kind of field is, described once
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a field holds.  Each kind's traits (how it parses, formats, shows
 * and validates, its editor and its diff) are one row of the table in
 * eccp-field-kind.c.  The nicknames ("long-text", "relation-one") are the
 * kinds' spellings for scripts: eccp_field_kind_get_nick(). */
typedef enum
{
  ECCP_FIELD_TEXT,          /* one line of plain text */
  ECCP_FIELD_LONG_TEXT,     /* paragraphs of plain text */
  ECCP_FIELD_ENUM,          /* one of spec->choices */
  ECCP_FIELD_COUNTRY,       /* ISO 3166-1 alpha-2, upper case */
  ECCP_FIELD_URL,           /* http or https URL */
  ECCP_FIELD_EMAIL,
  ECCP_FIELD_PHONE,
  ECCP_FIELD_INT,           /* integer within [min, max] */
  ECCP_FIELD_NUMBER,        /* real number within [min, max] */
  ECCP_FIELD_YEAR,          /* integer year, min .. the current year */
  ECCP_FIELD_BOOL,
  ECCP_FIELD_DATE,          /* YYYY-MM-DD */
  ECCP_FIELD_TIME,          /* RFC 3339 date-time with an offset */
  ECCP_FIELD_TIMEZONE,      /* IANA time zone name */
  ECCP_FIELD_LIST,          /* JSON array of spec->item_kind */
  ECCP_FIELD_OBJECT,        /* JSON object of spec->children */
  ECCP_FIELD_RELATION_ONE,  /* relationships: to-one spec->target_type */
  ECCP_FIELD_RELATION_MANY, /* relationships: to-many spec->target_type */
} EccpFieldKind;

/* Which editor a field gets in the app's forms (the app maps each to a row
 * class; the core only says which). */
typedef enum
{
  ECCP_FIELD_EDITOR_NONE,         /* an object: its children have editors */
  ECCP_FIELD_EDITOR_ENTRY,        /* one line: text, numbers, URL, date, time, zone,
                                   * a list typed comma-separated */
  ECCP_FIELD_EDITOR_LONG_TEXT,
  ECCP_FIELD_EDITOR_CHOICE,       /* one of a list: enum, country */
  ECCP_FIELD_EDITOR_MULTI_CHOICE, /* a list of enum values */
  ECCP_FIELD_EDITOR_SWITCH,
  ECCP_FIELD_EDITOR_TIME_LIST,    /* a list of times, one entry each */
  ECCP_FIELD_EDITOR_RELATION,     /* to-one or to-many */
} EccpFieldEditor;

/* How the reviewers' diff shows a change of a field. */
typedef enum
{
  ECCP_FIELD_DIFF_INLINE,    /* "before → after" on one line: text, numbers,
                              * choices, dates, times */
  ECCP_FIELD_DIFF_LONG_TEXT, /* paragraphs: compared line by line */
  ECCP_FIELD_DIFF_SET,       /* a list: the items added and removed */
  ECCP_FIELD_DIFF_PARTS,     /* an object: each part on its own, by its own style */
  ECCP_FIELD_DIFF_RELATION,  /* links: the records added and removed, by title */
} EccpFieldDiffStyle;

typedef struct _EccpFieldSpec EccpFieldSpec;

/* The kind's spelling for scripts ("text", "long-text", "relation-one"):
 * its ECCP_TYPE_FIELD_KIND nickname.  %NULL for a value that is no kind. */
const char         *eccp_field_kind_get_nick        (EccpFieldKind        kind);
/* What a value of the kind looks like, for a person, translated: "http or
 * https URL", "date YYYY-MM-DD" (the command line's help on fields). */
const char         *eccp_field_kind_get_description (EccpFieldKind        kind);

/* Which editor @field gets in the app's forms. */
EccpFieldEditor     eccp_field_spec_get_editor      (const EccpFieldSpec *field);
/* How the reviewers' diff shows a change of @field. */
EccpFieldDiffStyle  eccp_field_spec_get_diff_style  (const EccpFieldSpec *field);
/* Whether @field's values are codes a person reads by a name (a choice's
 * label, a country's name), itself or as a list's items: what lists and
 * the command line show with eccp_field_spec_display_value(). */
gboolean            eccp_field_spec_has_names       (const EccpFieldSpec *field);

/* A control character: C0 (U+0000–U+001F), DEL (U+007F) or C1 (U+0080–U+009F).
 * No text field may hold one, except a newline or a tab in long text: they
 * would steer a terminal (ESC, BEL) rather than be read. */
gboolean            eccp_unichar_is_control         (gunichar             c);
/* The first control character in @text that @kind may not hold, or 0.
 * @text must be valid UTF-8. */
gunichar            eccp_field_kind_find_control    (EccpFieldKind        kind,
                                                     const char          *text);
/* Whether @text is a number written in decimal as JSON writes one (an
 * optional sign, digits, an optional fraction and exponent): never hex
 * ("0x10"), "inf", "nan" or leading spaces, which g_ascii_strtod accepts. */
gboolean            eccp_text_is_decimal_number     (const char          *text);

G_END_DECLS
