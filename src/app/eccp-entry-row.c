/* eccp-entry-row.c: the editor of one line of text
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One AdwEntryRow for the kinds typed as text: plain text, numbers,
 * addresses, dates and times (in the locale's format), time zones, and
 * lists typed comma-separated (countries by name).  Each time of a list
 * of times is one too (EccpTimeListRow makes them).
 *
 * A value the user did not touch is handed back exactly as it came (the
 * text shown equals the text first shown), so that formatting a value for
 * display and reading it back can never turn into a change that was not
 * made: the outbox sends only the fields that really changed.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-entry-row.h"
#include "eccp-field-row-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eccp-date.h"

struct _EccpEntryRow
{
  EccpFieldRowBase  parent_instance;

  EccpFieldKind     kind;         /* ECCP_FIELD_TIME for a time of a list */
  AdwEntryRow      *entry;
  GtkLabel         *zone_label;   /* times: the zone they are read in */
  char             *initial_text; /* what was shown first */

  /* Times */
  GTimeZone        *own_zone;     /* the original's offset, or local */
  gboolean          own_zone_read; /* from the original */
  GTimeZone        *zone;         /* %NULL: the own zone */
  char             *initial_zone_id;
  gboolean          zone_given;
  gboolean          zone_changed;
};

static void field_row_iface_init (EccpFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EccpEntryRow, eccp_entry_row, ECCP_TYPE_FIELD_ROW_BASE,
                               G_IMPLEMENT_INTERFACE (ECCP_TYPE_FIELD_ROW, field_row_iface_init))

static const EccpFieldSpec *
get_field (EccpEntryRow *self)
{
  return _eccp_field_row_base_get_field (ECCP_FIELD_ROW_BASE (self));
}

static GTimeZone *
current_zone (EccpEntryRow *self)
{
  return self->zone != NULL ? self->zone : self->own_zone;
}

static char *
format_countries (JsonArray *array)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *code = _eccp_field_row_holds_string (element) ? json_node_get_string (element) : NULL;
      const char *name = code != NULL ? eccp_country_name (code) : NULL;

      if (code == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, name != NULL ? name : code);
    }

  return g_string_free (text, FALSE);
}

static char *
format_value (EccpEntryRow *self,
              JsonNode     *value)
{
  const EccpFieldSpec *field = get_field (self);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (self->kind == ECCP_FIELD_DATE && _eccp_field_row_holds_string (value))
    return eccp_date_format (json_node_get_string (value));

  if (self->kind == ECCP_FIELD_TIME && _eccp_field_row_holds_string (value))
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_node_get_string (value), NULL);
      g_autoptr(GDateTime) there = NULL;

      if (time == NULL)
        return g_strdup (json_node_get_string (value));

      there = g_date_time_to_timezone (time, current_zone (self));
      return eccp_date_time_format (there);
    }

  if (self->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_COUNTRY &&
      JSON_NODE_HOLDS_ARRAY (value))
    return format_countries (json_node_get_array (value));

  return eccp_field_spec_format_value (field, value);
}

static JsonNode *
parse_date (const char  *text,
            char       **message)
{
  g_autofree char *iso = eccp_date_parse (text);
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *example = NULL;

  if (iso != NULL)
    return _eccp_field_row_string_node (iso);

  today = g_date_time_new_now_local ();
  example = eccp_date_time_format_date (today);
  *message = g_strdup_printf (_("Not a date: type it as %s or as %s"), example, "YYYY-MM-DD");
  return NULL;
}

static JsonNode *
parse_time (const char  *text,
            GTimeZone   *zone,
            char       **message)
{
  g_autoptr(GDateTime) time = eccp_date_time_parse (text, zone);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *example = NULL;

  if (time != NULL)
    {
      g_autoptr(GDateTime) there = g_date_time_to_timezone (time, zone);
      g_autofree char *rfc3339 = eccp_date_time_format_rfc3339 (there);

      return _eccp_field_row_string_node (rfc3339);
    }

  now = g_date_time_new_now (zone);
  example = eccp_date_time_format_short (now);
  *message = g_strdup_printf (_("Not a date and time: type it as %s"), example);
  return NULL;
}

/* The text read as the field's kind, or %NULL with @message. */
static JsonNode *
parse_text (EccpEntryRow  *self,
            const char    *text,
            char         **message)
{
  const EccpFieldSpec *field = get_field (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  JsonNode *node;

  if (self->kind == ECCP_FIELD_DATE)
    return parse_date (text, message);
  if (self->kind == ECCP_FIELD_TIME)
    return parse_time (text, current_zone (self), message);
  if (self->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_COUNTRY)
    return _eccp_field_row_parse_countries (text, message);

  /* The locale's decimal comma, when there is no point. */
  copy = g_strdup (text);
  if (self->kind == ECCP_FIELD_NUMBER && strchr (copy, '.') == NULL)
    g_strdelimit (copy, ",", '.');

  node = eccp_field_spec_parse_text (field, copy, &error);
  if (node == NULL)
    *message = _eccp_field_row_strip_label (_(field->label), error != NULL ? error->message : "");

  return node;
}

static JsonNode *
entry_row_get_value (EccpFieldRow  *row,
                     char         **message)
{
  EccpEntryRow *self = ECCP_ENTRY_ROW (row);
  EccpFieldRowBase *base = ECCP_FIELD_ROW_BASE (row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  JsonNode *node;

  /* Untouched: exactly what came (the zone of times included). */
  if (self->initial_text != NULL && g_str_equal (text, self->initial_text) && !self->zone_changed)
    return _eccp_field_row_base_initial_copy (base);

  if (eccp_field_spec_is_blank_text (text))
    {
      /* An empty list where there was none is no change. */
      if (self->kind == ECCP_FIELD_LIST && _eccp_field_row_base_get_initial (base) != NULL)
        {
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, json_array_new ());
          return node;
        }
      return json_node_new (JSON_NODE_NULL);
    }

  node = parse_text (self, text, message);
  if (node != NULL && _eccp_field_row_base_get_initial (base) == NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      json_node_unref (node);
      node = json_node_new (JSON_NODE_NULL);
    }

  return node;
}

static void
update_zone_label (EccpEntryRow *self)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *abbreviation = NULL;
  GTimeZone *zone = current_zone (self);

  if (self->zone_label == NULL)
    return;

  time = eccp_date_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), zone);
  if (time == NULL)
    time = g_date_time_new_now (zone);
  else
    {
      GDateTime *there = g_date_time_to_timezone (time, zone);

      g_date_time_unref (time);
      time = there;
    }

  abbreviation = g_date_time_format (time, "%Z");
  /* A zone that is only an offset has no name: "UTC+02:00". */
  if (abbreviation == NULL || abbreviation[0] == '+' || abbreviation[0] == '-')
    {
      g_free (abbreviation);
      abbreviation = g_date_time_format (time, "UTC%:z");
    }
  gtk_label_set_label (self->zone_label, abbreviation);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->zone_label), g_time_zone_get_identifier (zone));
}

static void
entry_changed_cb (EccpEntryRow *self)
{
  update_zone_label (self);
  _eccp_field_row_base_changed (ECCP_FIELD_ROW_BASE (self));
}

static void
show_initial_text (EccpEntryRow *self)
{
  g_free (self->initial_text);
  self->initial_text = format_value (self, _eccp_field_row_base_get_initial (ECCP_FIELD_ROW_BASE (self)));
  g_signal_handlers_block_by_func (self->entry, entry_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->initial_text);
  g_signal_handlers_unblock_by_func (self->entry, entry_changed_cb, self);
  update_zone_label (self);
}

static void
entry_row_set_time_zone (EccpFieldRow *row,
                         GTimeZone    *zone)
{
  EccpEntryRow *self = ECCP_ENTRY_ROW (row);
  const char *identifier = zone != NULL ? g_time_zone_get_identifier (zone) : NULL;

  if (self->kind != ECCP_FIELD_TIME)
    return;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone != NULL ? g_time_zone_ref (zone) : NULL;

  /* The first zone given is the one the time was first shown in. */
  if (!self->zone_given)
    {
      self->zone_given = TRUE;
      self->initial_zone_id = g_strdup (identifier);
      show_initial_text (self);
      return;
    }

  self->zone_changed = g_strcmp0 (identifier, self->initial_zone_id) != 0;
  update_zone_label (self);
}

static void
field_row_iface_init (EccpFieldRowInterface *iface)
{
  iface->get_value = entry_row_get_value;
  iface->set_time_zone = entry_row_set_time_zone;
}

static GtkInputPurpose
input_purpose (EccpFieldKind kind)
{
  switch (kind)
    {
    case ECCP_FIELD_URL:
      return GTK_INPUT_PURPOSE_URL;
    case ECCP_FIELD_EMAIL:
      return GTK_INPUT_PURPOSE_EMAIL;
    case ECCP_FIELD_PHONE:
      return GTK_INPUT_PURPOSE_PHONE;
    case ECCP_FIELD_INT:
    case ECCP_FIELD_YEAR:
      return GTK_INPUT_PURPOSE_DIGITS;
    case ECCP_FIELD_NUMBER:
      return GTK_INPUT_PURPOSE_NUMBER;
    default:
      return GTK_INPUT_PURPOSE_FREE_FORM;
    }
}

static void
eccp_entry_row_build (EccpFieldRowBase *base,
                      JsonNode         *original)
{
  EccpEntryRow *self = ECCP_ENTRY_ROW (base);
  const EccpFieldSpec *field = get_field (self);
  gboolean item = eccp_field_spec_get_editor (field) == ECCP_FIELD_EDITOR_TIME_LIST;

  self->kind = item ? ECCP_FIELD_TIME : field->kind;
  self->entry = ADW_ENTRY_ROW (adw_entry_row_new ());

  if (self->kind == ECCP_FIELD_TIME)
    {
      g_autoptr(GDateTime) time = NULL;

      if (_eccp_field_row_holds_string (original))
        time = g_date_time_new_from_iso8601 (json_node_get_string (original), NULL);
      self->own_zone_read = time != NULL;
      if (time != NULL)
        self->own_zone = g_time_zone_new_offset (g_date_time_get_utc_offset (time) / G_USEC_PER_SEC);
      else
        self->own_zone = g_time_zone_new_local ();

      self->zone_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->zone_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->zone_label), "caption");
      gtk_widget_set_valign (GTK_WIDGET (self->zone_label), GTK_ALIGN_CENTER);
      adw_entry_row_add_suffix (self->entry, GTK_WIDGET (self->zone_label));
    }

  adw_entry_row_set_input_purpose (self->entry, input_purpose (self->kind));
  if (!item)
    _eccp_field_row_label_entry_row (GTK_WIDGET (self->entry), _eccp_field_row_base_get_label (base));

  g_signal_connect_object (self->entry, "changed", G_CALLBACK (entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  show_initial_text (self);
  _eccp_field_row_base_set_widgets (base, GTK_WIDGET (self->entry), GTK_WIDGET (self->entry));
}

static void
eccp_entry_row_finalize (GObject *object)
{
  EccpEntryRow *self = (EccpEntryRow *)object;

  g_clear_pointer (&self->initial_text, g_free);
  g_clear_pointer (&self->own_zone, g_time_zone_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->initial_zone_id, g_free);

  G_OBJECT_CLASS (eccp_entry_row_parent_class)->finalize (object);
}

static void
eccp_entry_row_class_init (EccpEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  EccpFieldRowBaseClass *base_class = ECCP_FIELD_ROW_BASE_CLASS (klass);

  object_class->finalize = eccp_entry_row_finalize;
  base_class->build = eccp_entry_row_build;
}

static void
eccp_entry_row_init (EccpEntryRow *self)
{
}

EccpEntryRow *
_eccp_entry_row_new_item (EccpStore           *store,
                          const EccpFieldSpec *field,
                          JsonNode            *original,
                          EccpEntryRow        *first)
{
  EccpEntryRow *self = ECCP_ENTRY_ROW (_eccp_field_row_base_new (ECCP_TYPE_ENTRY_ROW, store, field,
                                                                 NULL, original, FALSE));

  /* A new time of a list: where the list's first one is. */
  if (!self->own_zone_read && first != NULL)
    {
      g_clear_pointer (&self->own_zone, g_time_zone_unref);
      self->own_zone = g_time_zone_ref (first->own_zone);
      update_zone_label (self);
    }

  return self;
}

GtkWidget *
_eccp_entry_row_get_entry (EccpEntryRow *self)
{
  g_return_val_if_fail (ECCP_IS_ENTRY_ROW (self), NULL);

  return GTK_WIDGET (self->entry);
}
