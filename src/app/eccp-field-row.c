/* eccp-field-row.c: the rows of the editor that edit one field
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One EccpFieldRow per field of the form (per part of an object field):
 * it makes the widgets for the field's kind, shows the original value as a
 * person reads it, turns what is typed back into the JSON the store wants,
 * and shows the field's message.  The widgets are data-driven, so they are
 * made here rather than in a template: the field specs are the template.
 *
 * A value the user did not touch is handed back exactly as it came (the
 * text shown equals the text first shown), so that formatting a value for
 * display and reading it back can never turn into a change that was not
 * made: the outbox sends only the fields that really changed.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-field-row.h"
#include "eccp-field-row-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eccp-json.h"
#include "eccp-record-picker.h"
#include "eccp-record-row.h"
#include "eccp-validation.h"

/* The name of one item of a list field, for the rows of a list of times. */
typedef struct
{
  const char *field;
  const char *label; /* N_() */
} ItemLabel;

static const ItemLabel item_labels[] = {
  { "deadlines", N_("Deadline") },
};

/* One line of text: the entry kinds, and each time of a list of times. */
typedef struct
{
  AdwEntryRow *entry;
  GtkLabel    *zone_label;    /* times: the zone they are read in */
  GtkWidget   *remove_button; /* items of a list of times */
  char        *initial_text;  /* what was shown first */
  JsonNode    *original;      /* the value shown first (an item of a list) */
  GTimeZone   *own_zone;      /* times: the original's offset, or local */
} EntryItem;

struct _EccpFieldRow
{
  GObject              parent_instance;

  EccpStore           *store;
  const EccpFieldSpec *field;
  char                *path;
  char                *label;     /* translated */
  JsonNode            *initial;   /* the original value, or the default */
  gboolean             creating;

  /* The row that stands for the field (or the text view of a long text):
   * what is marked as an error and focused. */
  GtkWidget           *main_widget;
  /* Where the field's accessible description goes. */
  GtkWidget           *a11y_widget;
  GtkWidget           *message_widget;
  GtkLabel            *message_label;
  AdwPreferencesGroup *group;

  /* Entry kinds; a list of times has one item per time. */
  GPtrArray           *items; /* of EntryItem */
  GtkWidget           *add_button;
  GTimeZone           *zone;  /* %NULL: each value's own offset */
  char                *initial_zone_id;
  gboolean             zone_given;
  gboolean             zone_changed;

  /* ENUM, COUNTRY: the value of each entry of the combo row, %NULL for
   * "Not set". */
  GPtrArray           *values;
  guint                initial_selected;

  /* LIST of ENUM */
  GPtrArray           *checks;   /* of GtkCheckButton, parallel to field->choices */
  JsonArray           *unknown;  /* items of the original not among the choices */

  /* LONG_TEXT */
  GtkTextBuffer       *buffer;
  char                *initial_text;

  /* BOOL */
  GtkSwitch           *toggle;
  gboolean             initial_active;

  /* Relations */
  GPtrArray           *ids;         /* of char *, in order */
  GPtrArray           *initial_ids;
  GHashTable          *link_rows;   /* id → row (RELATION_MANY) */
  AdwActionRow        *link_row;    /* RELATION_ONE */
  GtkWidget           *clear_button;
};

G_DEFINE_FINAL_TYPE (EccpFieldRow, eccp_field_row, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (EccpFieldRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
is_entry_kind (const EccpFieldSpec *field)
{
  switch (field->kind)
    {
    case ECCP_FIELD_TEXT:
    case ECCP_FIELD_URL:
    case ECCP_FIELD_EMAIL:
    case ECCP_FIELD_PHONE:
    case ECCP_FIELD_INT:
    case ECCP_FIELD_NUMBER:
    case ECCP_FIELD_YEAR:
    case ECCP_FIELD_DATE:
    case ECCP_FIELD_TIME:
    case ECCP_FIELD_TIMEZONE:
      return TRUE;

    case ECCP_FIELD_LIST:
      return field->item_kind != ECCP_FIELD_ENUM;

    case ECCP_FIELD_LONG_TEXT:
    case ECCP_FIELD_ENUM:
    case ECCP_FIELD_COUNTRY:
    case ECCP_FIELD_BOOL:
    case ECCP_FIELD_OBJECT:
    case ECCP_FIELD_RELATION_ONE:
    case ECCP_FIELD_RELATION_MANY:
    default:
      return FALSE;
    }
}

static gboolean
is_time_list (const EccpFieldSpec *field)
{
  return field->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_TIME;
}

static gboolean
holds_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);

  return node;
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  if (node == NULL)
    return json_node_new (JSON_NODE_NULL);

  return eccp_json_node_deep_copy (node);
}

/* "Name: a value is required" → "A value is required": the row already
 * says which field it is. */
static char *
strip_label (const char *label,
             const char *message)
{
  gsize length = strlen (label);
  g_autofree char *rest = NULL;

  if (g_str_has_prefix (message, label) && g_str_has_prefix (message + length, ": "))
    message += length + 2;

  rest = g_strdup (message);
  if (*rest != '\0')
    {
      gunichar first = g_utf8_get_char (rest);
      g_autofree char *tail = g_strdup (g_utf8_next_char (rest));
      char upper[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_toupper (first), upper);
      return g_strconcat (upper, tail, NULL);
    }

  return g_steal_pointer (&rest);
}

/* The accessible name is exactly @label: GTK 4.8 joins a label property
 * and the labels of a labelled-by relation ("Name Name"), and rows relate
 * their controls to their titles, so the relation goes. */
static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* An entry row is found by its name, and so is the text inside it. */
static void
label_entry_row (AdwEntryRow *entry,
                 const char  *label)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), label);
  set_accessible_label (GTK_WIDGET (entry), label);
  if (delegate != NULL)
    set_accessible_label (GTK_WIDGET (delegate), label);
}

/* A flat button with a "+" and @label, named @a11y_label.  Not an
 * AdwButtonContent, which relates the button to its label again and so
 * doubles the name. */
static GtkWidget *
make_add_button (const char *label,
                 const char *a11y_label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name ("list-add-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  set_accessible_label (button, a11y_label);
  if (g_strcmp0 (label, a11y_label) != 0)
    gtk_widget_set_tooltip_text (button, a11y_label);

  return button;
}

/* Entry rows */

static GTimeZone *
item_zone (EccpFieldRow *self,
           EntryItem    *item)
{
  return self->zone != NULL ? self->zone : item->own_zone;
}

static char *
format_item (EccpFieldRow        *self,
             const EccpFieldSpec *field,
             EccpFieldKind        kind,
             EntryItem           *item,
             JsonNode            *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (kind == ECCP_FIELD_DATE && holds_string (value))
    return _eccp_field_row_format_date (json_node_get_string (value));

  if (kind == ECCP_FIELD_TIME && holds_string (value))
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_node_get_string (value), NULL);
      g_autoptr(GDateTime) there = NULL;

      if (time == NULL)
        return g_strdup (json_node_get_string (value));

      there = g_date_time_to_timezone (time, item_zone (self, item));
      return _eccp_field_row_format_time (there);
    }

  if (field->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_COUNTRY &&
      JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *code = holds_string (element) ? json_node_get_string (element) : NULL;
          const char *name = code != NULL ? eccp_country_name (code) : NULL;

          if (code == NULL)
            continue;
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, name != NULL ? name : code);
        }

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return eccp_field_spec_format_value (field, value);
}

/* The value of one entry, or %NULL with @message. */
static JsonNode *
item_value (EccpFieldRow  *self,
            EccpFieldKind  kind,
            EntryItem     *item,
            char         **message)
{
  const EccpFieldSpec *field = self->field;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (item->entry));
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  /* Untouched: exactly what came (the zone of times included). */
  if (item->initial_text != NULL && g_str_equal (text, item->initial_text) &&
      (kind != ECCP_FIELD_TIME || !self->zone_changed))
    return copy_or_null (item->original);

  if (_eccp_field_row_is_blank (text))
    {
      if (field->kind == ECCP_FIELD_LIST && !is_time_list (field))
        {
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, json_array_new ());
          return node;
        }
      return json_node_new (JSON_NODE_NULL);
    }

  switch (kind)
    {
    case ECCP_FIELD_DATE:
      {
        g_autofree char *iso = _eccp_field_row_parse_date (text);
        g_autoptr(GDateTime) today = NULL;
        g_autofree char *example = NULL;

        if (iso != NULL)
          return string_node (iso);

        today = g_date_time_new_now_local ();
        example = g_date_time_format (today, "%x");
        *message = g_strdup_printf (_("Not a date: type it as %s or as %s"),
                                    example, "YYYY-MM-DD");
        return NULL;
      }

    case ECCP_FIELD_TIME:
      {
        GTimeZone *zone = item_zone (self, item);
        g_autoptr(GDateTime) time = _eccp_field_row_parse_time (text, zone);
        g_autoptr(GDateTime) there = NULL;
        g_autoptr(GDateTime) now = NULL;
        g_autofree char *example = NULL;
        g_autofree char *rfc3339 = NULL;

        if (time != NULL)
          {
            there = g_date_time_to_timezone (time, zone);
            rfc3339 = _eccp_field_row_format_rfc3339 (there);
            return string_node (rfc3339);
          }

        now = g_date_time_new_now (zone);
        example = g_date_time_format (now, "%x %H:%M");
        *message = g_strdup_printf (_("Not a date and time: type it as %s"), example);
        return NULL;
      }

    case ECCP_FIELD_NUMBER:
      {
        g_autofree char *copy = g_strdup (text);

        /* The locale's decimal comma, when there is no point. */
        if (strchr (copy, '.') == NULL)
          g_strdelimit (copy, ",", '.');
        node = eccp_field_spec_parse_text (field, copy, &error);
        break;
      }

    case ECCP_FIELD_LIST:
      if (field->item_kind == ECCP_FIELD_COUNTRY)
        return _eccp_field_row_parse_countries (text, message);
      node = eccp_field_spec_parse_text (field, text, &error);
      break;

    case ECCP_FIELD_TEXT:
    case ECCP_FIELD_LONG_TEXT:
    case ECCP_FIELD_ENUM:
    case ECCP_FIELD_COUNTRY:
    case ECCP_FIELD_URL:
    case ECCP_FIELD_EMAIL:
    case ECCP_FIELD_PHONE:
    case ECCP_FIELD_INT:
    case ECCP_FIELD_YEAR:
    case ECCP_FIELD_BOOL:
    case ECCP_FIELD_TIMEZONE:
    case ECCP_FIELD_OBJECT:
    case ECCP_FIELD_RELATION_ONE:
    case ECCP_FIELD_RELATION_MANY:
    default:
      node = eccp_field_spec_parse_text (field, text, &error);
      break;
    }

  if (node == NULL)
    *message = strip_label (_(field->label), error != NULL ? error->message : "");

  return node;
}

static void
update_zone_label (EccpFieldRow *self,
                   EntryItem    *item)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *abbreviation = NULL;
  GTimeZone *zone;
  const char *identifier;

  if (item->zone_label == NULL)
    return;

  zone = item_zone (self, item);
  time = _eccp_field_row_parse_time (gtk_editable_get_text (GTK_EDITABLE (item->entry)), zone);
  if (time == NULL)
    time = g_date_time_new_now (zone);
  else
    {
      GDateTime *there = g_date_time_to_timezone (time, zone);

      g_date_time_unref (time);
      time = there;
    }

  abbreviation = g_date_time_format (time, "%Z");
  identifier = g_time_zone_get_identifier (zone);
  /* A zone that is only an offset has no name: "UTC+02:00". */
  if (abbreviation == NULL || abbreviation[0] == '+' || abbreviation[0] == '-')
    {
      g_free (abbreviation);
      abbreviation = g_date_time_format (time, "UTC%:z");
    }
  gtk_label_set_label (item->zone_label, abbreviation);
  gtk_widget_set_tooltip_text (GTK_WIDGET (item->zone_label), identifier);
}

static void
entry_changed_cb (EccpFieldRow *self,
                  GtkEditable  *editable)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      EntryItem *item = g_ptr_array_index (self->items, i);

      if ((gpointer) item->entry == (gpointer) editable)
        update_zone_label (self, item);
    }

  emit_changed (self);
}

static void
entry_item_free (gpointer data)
{
  EntryItem *item = data;

  g_clear_pointer (&item->initial_text, g_free);
  g_clear_pointer (&item->original, json_node_unref);
  g_clear_pointer (&item->own_zone, g_time_zone_unref);
  g_free (item);
}

static const char *
item_label (const EccpFieldSpec *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_labels); i++)
    {
      if (g_str_equal (item_labels[i].field, field->name))
        return _(item_labels[i].label);
    }

  return _(field->label);
}

static void
relabel_items (EccpFieldRow *self)
{
  if (!is_time_list (self->field))
    return;

  for (guint i = 0; i < self->items->len; i++)
    {
      EntryItem *item = g_ptr_array_index (self->items, i);
      /* Translators: one row of a list, "Deadline 2" */
      g_autofree char *title = g_strdup_printf (_("%s %u"), item_label (self->field), i + 1);
      /* Translators: the button that removes one row of a list, "Remove Deadline 2" */
      g_autofree char *remove = g_strdup_printf (_("Remove %s"), title);

      label_entry_row (item->entry, title);
      if (item->remove_button != NULL)
        set_accessible_label (item->remove_button, remove);
    }
}

static void remove_item_cb (EccpFieldRow *self,
                            GtkButton    *button);

static EntryItem *
add_entry_item (EccpFieldRow *self,
                EccpFieldKind kind,
                JsonNode     *original)
{
  EntryItem *item = g_new0 (EntryItem, 1);

  item->entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  item->original = original != NULL ? eccp_json_node_deep_copy (original) : NULL;

  if (kind == ECCP_FIELD_TIME)
    {
      g_autoptr(GDateTime) time = NULL;

      if (holds_string (original))
        time = g_date_time_new_from_iso8601 (json_node_get_string (original), NULL);
      if (time != NULL)
        item->own_zone = g_time_zone_new_offset (g_date_time_get_utc_offset (time) / G_USEC_PER_SEC);
      else if (self->items->len > 0)
        /* A new time of a list: where the list's first one is. */
        item->own_zone = g_time_zone_ref (((EntryItem *) g_ptr_array_index (self->items, 0))->own_zone);
      else
        item->own_zone = g_time_zone_new_local ();

      item->zone_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (item->zone_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (item->zone_label), "caption");
      gtk_widget_set_valign (GTK_WIDGET (item->zone_label), GTK_ALIGN_CENTER);
      adw_entry_row_add_suffix (item->entry, GTK_WIDGET (item->zone_label));
    }

  item->initial_text = format_item (self, self->field, kind, item, original);
  gtk_editable_set_text (GTK_EDITABLE (item->entry), item->initial_text);
  update_zone_label (self, item);

  switch (kind)
    {
    case ECCP_FIELD_URL:
      adw_entry_row_set_input_purpose (item->entry, GTK_INPUT_PURPOSE_URL);
      break;
    case ECCP_FIELD_EMAIL:
      adw_entry_row_set_input_purpose (item->entry, GTK_INPUT_PURPOSE_EMAIL);
      break;
    case ECCP_FIELD_PHONE:
      adw_entry_row_set_input_purpose (item->entry, GTK_INPUT_PURPOSE_PHONE);
      break;
    case ECCP_FIELD_INT:
    case ECCP_FIELD_YEAR:
      adw_entry_row_set_input_purpose (item->entry, GTK_INPUT_PURPOSE_DIGITS);
      break;
    case ECCP_FIELD_NUMBER:
      adw_entry_row_set_input_purpose (item->entry, GTK_INPUT_PURPOSE_NUMBER);
      break;
    case ECCP_FIELD_TEXT:
    case ECCP_FIELD_LONG_TEXT:
    case ECCP_FIELD_ENUM:
    case ECCP_FIELD_COUNTRY:
    case ECCP_FIELD_BOOL:
    case ECCP_FIELD_DATE:
    case ECCP_FIELD_TIME:
    case ECCP_FIELD_TIMEZONE:
    case ECCP_FIELD_LIST:
    case ECCP_FIELD_OBJECT:
    case ECCP_FIELD_RELATION_ONE:
    case ECCP_FIELD_RELATION_MANY:
    default:
      break;
    }

  if (is_time_list (self->field))
    {
      item->remove_button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (item->remove_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (item->remove_button, "flat");
      gtk_widget_set_tooltip_text (item->remove_button, _("Remove"));
      g_signal_connect_object (item->remove_button, "clicked", G_CALLBACK (remove_item_cb), self,
                               G_CONNECT_SWAPPED);
      adw_entry_row_add_suffix (item->entry, item->remove_button);
    }
  else
    {
      label_entry_row (item->entry, self->label);
    }

  g_signal_connect_object (item->entry, "changed", G_CALLBACK (entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->items, item);

  if (self->group != NULL && is_time_list (self->field))
    adw_preferences_group_add (self->group, GTK_WIDGET (item->entry));
  relabel_items (self);

  return item;
}

static void
remove_item_cb (EccpFieldRow *self,
                GtkButton    *button)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      EntryItem *item = g_ptr_array_index (self->items, i);
      EntryItem *next;

      if (item->remove_button != GTK_WIDGET (button))
        continue;

      /* Focus moves to the next time, or the one before, or "Add". */
      next = i + 1 < self->items->len ? g_ptr_array_index (self->items, i + 1)
           : i > 0 ? g_ptr_array_index (self->items, i - 1) : NULL;
      if (next != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (next->entry));
      else if (self->add_button != NULL)
        gtk_widget_grab_focus (self->add_button);

      if (self->group != NULL)
        adw_preferences_group_remove (self->group, GTK_WIDGET (item->entry));
      g_ptr_array_remove_index (self->items, i);
      break;
    }

  relabel_items (self);
  emit_changed (self);
}

static void
add_item_cb (EccpFieldRow *self)
{
  EntryItem *item = add_entry_item (self, ECCP_FIELD_TIME, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (item->entry));
  emit_changed (self);
}

/* Combo rows: enums and countries */

static void
combo_selected_cb (EccpFieldRow *self)
{
  emit_changed (self);
}

static void
build_combo (EccpFieldRow *self,
             JsonNode     *original)
{
  const EccpFieldSpec *field = self->field;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  AdwComboRow *combo = ADW_COMBO_ROW (adw_combo_row_new ());
  const char *current = holds_string (original) ? json_node_get_string (original) : NULL;
  gboolean required = (field->flags & ECCP_FIELD_FLAG_REQUIRED) != 0;
  guint selected = 0;
  gboolean found = FALSE;

  self->values = g_ptr_array_new_with_free_func (g_free);

  /* "Not set" unless the field needs a value; a new record's enum then
   * starts at its first choice, but a country is never guessed. */
  if (!required || (current == NULL && (!self->creating || field->kind == ECCP_FIELD_COUNTRY)))
    {
      gtk_string_list_append (labels, _("Not set"));
      g_ptr_array_add (self->values, NULL);
    }

  if (field->kind == ECCP_FIELD_COUNTRY)
    {
      g_autoptr(GPtrArray) codes = eccp_country_codes_by_name ();

      for (guint i = 0; i < codes->len; i++)
        {
          const char *code = g_ptr_array_index (codes, i);

          gtk_string_list_append (labels, eccp_country_name (code));
          g_ptr_array_add (self->values, g_strdup (code));
        }
    }
  else
    {
      for (guint i = 0; field->choices != NULL && field->choices[i] != NULL; i++)
        {
          gtk_string_list_append (labels, eccp_field_spec_choice_label (field, field->choices[i]));
          g_ptr_array_add (self->values, g_strdup (field->choices[i]));
        }
    }

  if (current != NULL)
    {
      for (guint i = 0; i < self->values->len; i++)
        {
          const char *value = g_ptr_array_index (self->values, i);

          if (g_strcmp0 (value, current) == 0)
            {
              selected = i;
              found = TRUE;
              break;
            }
        }

      /* A value the specs do not know (a newer portal's): kept as it is. */
      if (!found)
        {
          gtk_string_list_append (labels, current);
          g_ptr_array_add (self->values, g_strdup (current));
          selected = self->values->len - 1;
        }
    }

  adw_combo_row_set_model (combo, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (combo, selected);
  self->initial_selected = selected;

  /* The default a new record starts with is its initial value. */
  if (original == NULL && g_ptr_array_index (self->values, selected) != NULL)
    self->initial = string_node (g_ptr_array_index (self->values, selected));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), self->label);
  set_accessible_label (GTK_WIDGET (combo), self->label);
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (combo_selected_cb), self,
                           G_CONNECT_SWAPPED);

  self->main_widget = GTK_WIDGET (combo);
  self->a11y_widget = GTK_WIDGET (combo);
}

static JsonNode *
combo_value (EccpFieldRow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->main_widget));
  const char *value;

  if (selected == self->initial_selected)
    return copy_or_null (self->initial);

  if (selected >= self->values->len)
    return json_node_new (JSON_NODE_NULL);

  value = g_ptr_array_index (self->values, selected);
  return value != NULL ? string_node (value) : json_node_new (JSON_NODE_NULL);
}

/* A list of choices: check boxes in an expander row */

static void
update_checks_subtitle (EccpFieldRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      if (!gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, eccp_field_spec_choice_label (self->field, self->field->choices[i]));
    }

  for (guint i = 0; self->unknown != NULL && i < json_array_get_length (self->unknown); i++)
    {
      JsonNode *element = json_array_get_element (self->unknown, i);

      if (!holds_string (element))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, json_node_get_string (element));
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->main_widget),
                                 text->len > 0 ? text->str : _("None"));
}

static void
check_toggled_cb (EccpFieldRow *self)
{
  update_checks_subtitle (self);
  emit_changed (self);
}

static void
build_checks (EccpFieldRow *self,
              JsonNode     *original)
{
  const EccpFieldSpec *field = self->field;
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  JsonArray *array = original != NULL && JSON_NODE_HOLDS_ARRAY (original)
                     ? json_node_get_array (original) : NULL;

  self->checks = g_ptr_array_new ();
  self->unknown = json_array_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), self->label);
  set_accessible_label (GTK_WIDGET (expander), self->label);

  for (guint i = 0; field->choices != NULL && field->choices[i] != NULL; i++)
    {
      const char *label = eccp_field_spec_choice_label (field, field->choices[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = FALSE;

      for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
        {
          JsonNode *element = json_array_get_element (array, j);

          if (holds_string (element) && g_str_equal (json_node_get_string (element), field->choices[i]))
            active = TRUE;
        }

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      set_accessible_label (check, label);
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_expander_row_add_row (expander, row);
      g_ptr_array_add (self->checks, check);
    }

  for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
    {
      JsonNode *element = json_array_get_element (array, j);

      if (!holds_string (element) ||
          !g_strv_contains ((const char * const *) field->choices, json_node_get_string (element)))
        json_array_add_element (self->unknown, eccp_json_node_deep_copy (element));
    }

  self->main_widget = GTK_WIDGET (expander);
  self->a11y_widget = GTK_WIDGET (expander);
  update_checks_subtitle (self);
}

static JsonNode *
checks_value (EccpFieldRow *self)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < self->checks->len; i++)
    {
      if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        json_array_add_string_element (array, self->field->choices[i]);
    }

  for (guint i = 0; i < json_array_get_length (self->unknown); i++)
    json_array_add_element (array, eccp_json_node_deep_copy (json_array_get_element (self->unknown, i)));

  /* The same choices as the original, whatever their order there: no change. */
  if (self->initial != NULL && JSON_NODE_HOLDS_ARRAY (self->initial))
    {
      JsonArray *initial = json_node_get_array (self->initial);
      gboolean same = json_array_get_length (initial) == json_array_get_length (array);

      for (guint i = 0; same && i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gboolean found = FALSE;

          for (guint j = 0; !found && j < json_array_get_length (initial); j++)
            found = eccp_json_node_equal (element, json_array_get_element (initial, j));
          same = found;
        }

      if (same)
        return eccp_json_node_deep_copy (self->initial);
    }
  else if (json_array_get_length (array) == 0)
    {
      return copy_or_null (self->initial);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

/* Long text */

static void
buffer_changed_cb (EccpFieldRow *self)
{
  emit_changed (self);
}

static void
build_text_view (EccpFieldRow *self,
                 JsonNode     *original)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  self->initial_text = eccp_field_spec_format_value (self->field, original);
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (self->buffer, self->initial_text, -1);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_widget_add_css_class (view, "editor-text");
  set_accessible_label (view, self->label);

  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "editor-text-frame");
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->main_widget = frame;
  self->a11y_widget = view;
}

static JsonNode *
text_view_value (EccpFieldRow  *self,
                 char         **message)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);

  if (g_str_equal (text, self->initial_text))
    return copy_or_null (self->initial);

  node = eccp_field_spec_parse_text (self->field, text, &error);
  if (node == NULL)
    *message = strip_label (self->label, error->message);

  return node;
}

/* Yes or no */

static void
switch_active_cb (EccpFieldRow *self)
{
  emit_changed (self);
}

static void
build_switch (EccpFieldRow *self,
              JsonNode     *original)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  self->initial_active = original != NULL && JSON_NODE_HOLDS_VALUE (original) &&
                         json_node_get_value_type (original) == G_TYPE_BOOLEAN &&
                         json_node_get_boolean (original);

  gtk_switch_set_active (GTK_SWITCH (toggle), self->initial_active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  set_accessible_label (toggle, self->label);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_active_cb), self,
                           G_CONNECT_SWAPPED);

  self->toggle = GTK_SWITCH (toggle);
  self->main_widget = row;
  self->a11y_widget = toggle;
}

static JsonNode *
switch_value (EccpFieldRow *self)
{
  gboolean active = gtk_switch_get_active (self->toggle);
  JsonNode *node;

  if (active == self->initial_active)
    return copy_or_null (self->initial);

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_boolean (node, active);
  return node;
}

/* Relations */

static void
read_ids (JsonNode  *relationship,
          GPtrArray *ids)
{
  JsonNode *data = NULL;

  if (relationship != NULL && JSON_NODE_HOLDS_OBJECT (relationship))
    data = json_object_get_member (json_node_get_object (relationship), "data");

  if (data == NULL)
    return;

  if (JSON_NODE_HOLDS_OBJECT (data))
    {
      const char *id = eccp_json_get_string (json_node_get_object (data), "id");

      if (id != NULL)
        g_ptr_array_add (ids, g_strdup (id));
    }
  else if (JSON_NODE_HOLDS_ARRAY (data))
    {
      JsonArray *array = json_node_get_array (data);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *id = JSON_NODE_HOLDS_OBJECT (element)
                           ? eccp_json_get_string (json_node_get_object (element), "id") : NULL;

          if (id != NULL)
            g_ptr_array_add (ids, g_strdup (id));
        }
    }
}

static gboolean
same_ids (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

static JsonNode *
relation_value (EccpFieldRow *self)
{
  JsonObject *object;
  JsonNode *node;

  if (same_ids (self->ids, self->initial_ids))
    return copy_or_null (self->initial);

  object = json_object_new ();
  if (self->field->kind == ECCP_FIELD_RELATION_ONE)
    {
      if (self->ids->len > 0)
        json_object_set_member (object, "data",
                                eccp_json_identifier_new (self->field->target_type, g_ptr_array_index (self->ids, 0)));
      else
        json_object_set_null_member (object, "data");
    }
  else
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < self->ids->len; i++)
        json_array_add_element (array, eccp_json_identifier_new (self->field->target_type,
                                                        g_ptr_array_index (self->ids, i)));
      json_object_set_array_member (object, "data", array);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* The linked record's title and summary, as the store has it. */
static void
describe_link (EccpFieldRow  *self,
               const char    *id,
               char         **title,
               char         **subtitle)
{
  g_autoptr(EccpRecord) record = eccp_store_get (self->store, self->field->target_type, id, NULL);

  if (record == NULL)
    {
      *title = g_strdup (id);
      *subtitle = g_strdup (_("Not in the local copy yet"));
      return;
    }

  *title = g_strdup (eccp_record_get_title (record));
  *subtitle = eccp_record_describe (record);
}

static void
update_relation_one (EccpFieldRow *self)
{
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (self->link_row);

  if (self->ids->len > 0)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      describe_link (self, g_ptr_array_index (self->ids, 0), &title, &subtitle);
      adw_preferences_row_set_title (row, title);
      adw_action_row_set_subtitle (self->link_row, subtitle);
      gtk_widget_remove_css_class (GTK_WIDGET (row), "dim-label");
      gtk_widget_set_visible (self->clear_button, TRUE);
    }
  else
    {
      adw_preferences_row_set_title (row, _("None"));
      adw_action_row_set_subtitle (self->link_row, NULL);
      gtk_widget_set_visible (self->clear_button, FALSE);
    }
}

static void remove_link_cb (EccpFieldRow *self,
                            GtkButton    *button);

static void
update_relation_many_description (EccpFieldRow *self)
{
  if (self->group != NULL)
    adw_preferences_group_set_description (self->group, self->ids->len == 0 ? _("None") : NULL);
}

static GtkWidget *
make_link_row (EccpFieldRow *self,
               const char   *id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;

  describe_link (self, id, &title, &subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  set_accessible_label (row, title);

  /* Translators: the button that unlinks a record, "Remove Cluster Name" */
  remove_label = g_strdup_printf (_("Remove %s"), title);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  set_accessible_label (remove, remove_label);
  g_object_set_data_full (G_OBJECT (remove), "link-id", g_strdup (id), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_link_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
add_link_row (EccpFieldRow *self,
              const char   *id)
{
  GtkWidget *row = make_link_row (self, id);

  g_hash_table_insert (self->link_rows, g_strdup (id), row);
  if (self->group != NULL)
    adw_preferences_group_add (self->group, row);
}

static void
remove_link_cb (EccpFieldRow *self,
                GtkButton    *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "link-id");
  GtkWidget *row;

  for (guint i = 0; i < self->ids->len; i++)
    {
      if (!g_str_equal (g_ptr_array_index (self->ids, i), id))
        continue;

      row = g_hash_table_lookup (self->link_rows, id);

      /* Focus moves to the next link, the one before, or "Add". */
      {
        const char *next_id = i + 1 < self->ids->len ? g_ptr_array_index (self->ids, i + 1)
                            : i > 0 ? g_ptr_array_index (self->ids, i - 1) : NULL;
        GtkWidget *next = next_id != NULL ? g_hash_table_lookup (self->link_rows, next_id) : NULL;

        if (next != NULL)
          gtk_widget_child_focus (next, GTK_DIR_TAB_FORWARD);
        else if (self->add_button != NULL)
          gtk_widget_grab_focus (self->add_button);
      }

      if (row != NULL && self->group != NULL)
        adw_preferences_group_remove (self->group, row);
      g_hash_table_remove (self->link_rows, id);
      g_ptr_array_remove_index (self->ids, i);
      break;
    }

  update_relation_many_description (self);
  emit_changed (self);
}

static void
picked_cb (EccpFieldRow *self,
           EccpRecord   *record)
{
  const char *id = eccp_record_get_id (record);

  if (self->field->kind == ECCP_FIELD_RELATION_ONE)
    {
      g_ptr_array_set_size (self->ids, 0);
      g_ptr_array_add (self->ids, g_strdup (id));
      update_relation_one (self);
      gtk_widget_grab_focus (self->add_button);
      emit_changed (self);
      return;
    }

  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->ids, i), id))
        {
          /* Linked already: show where. */
          GtkWidget *row = g_hash_table_lookup (self->link_rows, id);

          if (row != NULL)
            gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
          return;
        }
    }

  g_ptr_array_add (self->ids, g_strdup (id));
  add_link_row (self, id);
  update_relation_many_description (self);
  gtk_widget_grab_focus (self->add_button);
  emit_changed (self);
}

static void
choose_cb (EccpFieldRow *self,
           GtkButton    *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  /* Translators: the title of the window that picks a linked record:
   * "Add Members", "Choose Coordinator" */
  g_autofree char *title = g_strdup_printf (self->field->kind == ECCP_FIELD_RELATION_ONE
                                            ? _("Choose %s") : _("Add %s"),
                                            self->label);
  GtkWidget *picker = eccp_record_picker_new (self->store, self->field->target_type, title);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (picker), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (picker), TRUE);
  g_signal_connect_object (picker, "picked", G_CALLBACK (picked_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
clear_cb (EccpFieldRow *self)
{
  g_ptr_array_set_size (self->ids, 0);
  update_relation_one (self);
  gtk_widget_grab_focus (self->add_button);
  emit_changed (self);
}

static void
build_relation (EccpFieldRow *self,
                JsonNode     *original)
{
  const EccpTypeSpec *target = eccp_type_spec_lookup (self->field->target_type);
  const char *target_label = target != NULL ? _(target->label) : self->field->target_type;
  g_autofree char *button_label = NULL;
  g_autofree char *a11y_label = NULL;

  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->initial_ids = g_ptr_array_new_with_free_func (g_free);
  read_ids (original, self->initial_ids);
  for (guint i = 0; i < self->initial_ids->len; i++)
    g_ptr_array_add (self->ids, g_strdup (g_ptr_array_index (self->initial_ids, i)));

  if (self->field->kind == ECCP_FIELD_RELATION_ONE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *clear_label = NULL;

      self->link_row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->link_row), FALSE);

      self->add_button = gtk_button_new_with_label (_("Choose…"));
      /* Translators: "Choose Coordinator" */
      a11y_label = g_strdup_printf (_("Choose %s"), self->label);
      set_accessible_label (self->add_button, a11y_label);
      gtk_widget_set_tooltip_text (self->add_button, a11y_label);
      g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (choose_cb), self,
                               G_CONNECT_SWAPPED);

      self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
      gtk_widget_add_css_class (self->clear_button, "flat");
      /* Translators: "Clear Coordinator": removes the link */
      clear_label = g_strdup_printf (_("Clear %s"), self->label);
      set_accessible_label (self->clear_button, clear_label);
      gtk_widget_set_tooltip_text (self->clear_button, clear_label);
      g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (clear_cb), self,
                               G_CONNECT_SWAPPED);

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), self->clear_button);
      gtk_box_append (GTK_BOX (box), self->add_button);
      adw_action_row_add_suffix (self->link_row, box);

      self->main_widget = GTK_WIDGET (self->link_row);
      self->a11y_widget = self->add_button;
      update_relation_one (self);
      return;
    }

  self->link_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Translators: the button that links one more record: "Add Cluster…" */
  button_label = g_strdup_printf (_("Add %s…"), target_label);
  /* Translators: its accessible name, with the field's label: "Add Members" */
  a11y_label = g_strdup_printf (_("Add %s"), self->label);
  self->add_button = make_add_button (button_label, a11y_label);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (choose_cb), self,
                           G_CONNECT_SWAPPED);

  self->main_widget = self->add_button;
  self->a11y_widget = self->add_button;
}

/* The object */

static void
eccp_field_row_dispose (GObject *object)
{
  EccpFieldRow *self = (EccpFieldRow *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (eccp_field_row_parent_class)->dispose (object);
}

static void
eccp_field_row_finalize (GObject *object)
{
  EccpFieldRow *self = (EccpFieldRow *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->initial, json_node_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->initial_zone_id, g_free);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->unknown, json_array_unref);
  g_clear_pointer (&self->initial_text, g_free);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->initial_ids, g_ptr_array_unref);
  g_clear_pointer (&self->link_rows, g_hash_table_unref);

  G_OBJECT_CLASS (eccp_field_row_parent_class)->finalize (object);
}

static void
eccp_field_row_class_init (EccpFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eccp_field_row_dispose;
  object_class->finalize = eccp_field_row_finalize;

  /**
   * EccpFieldRow::changed:
   *
   * The user changed the value (typed, chose, linked).
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
eccp_field_row_init (EccpFieldRow *self)
{
}

EccpFieldRow *
eccp_field_row_new (EccpStore           *store,
                    const EccpFieldSpec *field,
                    const char          *path,
                    JsonNode            *original,
                    gboolean             creating)
{
  EccpFieldRow *self;

  g_return_val_if_fail (ECCP_IS_STORE (store), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (field->kind != ECCP_FIELD_OBJECT, NULL);

  self = g_object_new (ECCP_TYPE_FIELD_ROW, NULL);
  self->store = g_object_ref (store);
  self->field = field;
  self->path = g_strdup (path != NULL ? path : field->name);
  self->label = g_strdup (_(field->label));
  self->creating = creating;
  if (original != NULL && !JSON_NODE_HOLDS_NULL (original))
    self->initial = eccp_json_node_deep_copy (original);

  if (is_time_list (field))
    {
      JsonArray *array = original != NULL && JSON_NODE_HOLDS_ARRAY (original)
                         ? json_node_get_array (original) : NULL;
      g_autofree char *add_label = NULL;

      self->items = g_ptr_array_new_with_free_func (entry_item_free);
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        add_entry_item (self, ECCP_FIELD_TIME, json_array_get_element (array, i));
      /* A new list starts with one empty time to type into. */
      if (self->items->len == 0 && creating)
        add_entry_item (self, ECCP_FIELD_TIME, NULL);

      /* Translators: the button that adds a row to a list: "Add Deadline" */
      add_label = g_strdup_printf (_("Add %s"), item_label (field));
      self->add_button = make_add_button (add_label, add_label);
      g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_item_cb), self,
                               G_CONNECT_SWAPPED);
      self->main_widget = self->add_button;
      self->a11y_widget = self->add_button;
    }
  else if (is_entry_kind (field))
    {
      EntryItem *item;

      self->items = g_ptr_array_new_with_free_func (entry_item_free);
      item = add_entry_item (self, field->kind, original);
      self->main_widget = GTK_WIDGET (item->entry);
      self->a11y_widget = GTK_WIDGET (item->entry);
    }
  else
    {
      switch (field->kind)
        {
        case ECCP_FIELD_ENUM:
        case ECCP_FIELD_COUNTRY:
          build_combo (self, original);
          break;

        case ECCP_FIELD_LIST:
          build_checks (self, original);
          break;

        case ECCP_FIELD_LONG_TEXT:
          build_text_view (self, original);
          break;

        case ECCP_FIELD_BOOL:
          build_switch (self, original);
          break;

        case ECCP_FIELD_RELATION_ONE:
        case ECCP_FIELD_RELATION_MANY:
          build_relation (self, original);
          break;

        case ECCP_FIELD_TEXT:
        case ECCP_FIELD_URL:
        case ECCP_FIELD_EMAIL:
        case ECCP_FIELD_PHONE:
        case ECCP_FIELD_INT:
        case ECCP_FIELD_NUMBER:
        case ECCP_FIELD_YEAR:
        case ECCP_FIELD_DATE:
        case ECCP_FIELD_TIME:
        case ECCP_FIELD_TIMEZONE:
        case ECCP_FIELD_OBJECT:
        default:
          g_assert_not_reached ();
        }
    }

  return self;
}

const EccpFieldSpec *
eccp_field_row_get_field (EccpFieldRow *self)
{
  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), NULL);

  return self->field;
}

const char *
eccp_field_row_get_path (EccpFieldRow *self)
{
  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), NULL);

  return self->path;
}

gboolean
eccp_field_row_wants_group (EccpFieldRow *self)
{
  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), FALSE);

  return self->field->kind == ECCP_FIELD_LONG_TEXT ||
         eccp_field_spec_is_relation (self->field) ||
         is_time_list (self->field);
}

void
eccp_field_row_attach (EccpFieldRow        *self,
                       AdwPreferencesGroup *group)
{
  GtkWidget *label;

  g_return_if_fail (ECCP_IS_FIELD_ROW (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (self->group == NULL);

  self->group = group;

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  self->message_label = GTK_LABEL (label);

  if (eccp_field_row_wants_group (self))
    {
      /* The group is the field's own: its label is the group's title, the
       * message goes below the rows. */
      adw_preferences_group_set_title (group, self->label);

      if (self->field->kind == ECCP_FIELD_LONG_TEXT)
        adw_preferences_group_add (group, self->main_widget);
      else if (self->field->kind == ECCP_FIELD_RELATION_ONE)
        adw_preferences_group_add (group, GTK_WIDGET (self->link_row));
      else
        adw_preferences_group_set_header_suffix (group, self->add_button);

      for (guint i = 0; self->items != NULL && i < self->items->len; i++)
        adw_preferences_group_add (group, GTK_WIDGET (((EntryItem *) g_ptr_array_index (self->items, i))->entry));

      if (self->field->kind == ECCP_FIELD_RELATION_MANY)
        {
          for (guint i = 0; i < self->ids->len; i++)
            add_link_row (self, g_ptr_array_index (self->ids, i));
          update_relation_many_description (self);
        }

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      self->message_widget = label;
    }
  else
    {
      /* A row of its own right below the field's, shown when there is
       * something to say. */
      GtkWidget *row = adw_preferences_row_new ();

      adw_preferences_group_add (group, self->main_widget);

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_widget_add_css_class (row, "field-message");
      adw_preferences_group_add (group, row);
      self->message_widget = row;
    }

  gtk_widget_set_visible (self->message_widget, FALSE);
}

JsonNode *
eccp_field_row_get_value (EccpFieldRow  *self,
                          char         **message)
{
  g_autofree char *local_message = NULL;
  JsonNode *node = NULL;

  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), NULL);

  if (is_time_list (self->field))
    {
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < self->items->len; i++)
        {
          EntryItem *item = g_ptr_array_index (self->items, i);
          g_autofree char *item_message = NULL;
          JsonNode *value = item_value (self, ECCP_FIELD_TIME, item, &item_message);

          if (value == NULL)
            {
              const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item->entry));

              /* Translators: a message about one row of a list: "Deadline 2: Not a date…" */
              local_message = g_strdup_printf (_("%s: %s"), title, item_message);
              break;
            }

          if (JSON_NODE_HOLDS_NULL (value))
            json_node_unref (value);
          else
            json_array_add_element (array, value);
        }

      if (local_message == NULL)
        {
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_set_array (node, array);
          if (self->initial == NULL && json_array_get_length (array) == 0)
            {
              json_node_unref (node);
              node = json_node_new (JSON_NODE_NULL);
            }
        }
    }
  else if (self->items != NULL)
    {
      node = item_value (self, self->field->kind, g_ptr_array_index (self->items, 0), &local_message);
      /* An empty list where there was none is no change. */
      if (node != NULL && self->initial == NULL && JSON_NODE_HOLDS_ARRAY (node) &&
          json_array_get_length (json_node_get_array (node)) == 0)
        {
          json_node_unref (node);
          node = json_node_new (JSON_NODE_NULL);
        }
    }
  else
    {
      switch (self->field->kind)
        {
        case ECCP_FIELD_ENUM:
        case ECCP_FIELD_COUNTRY:
          node = combo_value (self);
          break;

        case ECCP_FIELD_LIST:
          node = checks_value (self);
          break;

        case ECCP_FIELD_LONG_TEXT:
          node = text_view_value (self, &local_message);
          break;

        case ECCP_FIELD_BOOL:
          node = switch_value (self);
          break;

        case ECCP_FIELD_RELATION_ONE:
        case ECCP_FIELD_RELATION_MANY:
          node = relation_value (self);
          break;

        case ECCP_FIELD_TEXT:
        case ECCP_FIELD_URL:
        case ECCP_FIELD_EMAIL:
        case ECCP_FIELD_PHONE:
        case ECCP_FIELD_INT:
        case ECCP_FIELD_NUMBER:
        case ECCP_FIELD_YEAR:
        case ECCP_FIELD_DATE:
        case ECCP_FIELD_TIME:
        case ECCP_FIELD_TIMEZONE:
        case ECCP_FIELD_OBJECT:
        default:
          g_assert_not_reached ();
        }
    }

  if (node == NULL && message != NULL)
    *message = g_steal_pointer (&local_message);

  return node;
}

gboolean
eccp_field_row_is_changed (EccpFieldRow *self)
{
  g_autoptr(JsonNode) value = NULL;

  g_return_val_if_fail (ECCP_IS_FIELD_ROW (self), FALSE);

  value = eccp_field_row_get_value (self, NULL);
  if (value == NULL)
    return TRUE;

  return !eccp_json_node_equal (value, self->initial);
}

void
eccp_field_row_set_message (EccpFieldRow         *self,
                            EccpFieldMessageKind  kind,
                            const char           *message)
{
  gboolean error = kind == ECCP_FIELD_MESSAGE_ERROR && message != NULL;
  GtkWidget *targets[3] = { self->main_widget, self->a11y_widget, NULL };

  g_return_if_fail (ECCP_IS_FIELD_ROW (self));

  if (kind == ECCP_FIELD_MESSAGE_NONE)
    message = NULL;

  /* The entries of a list of times are the ones to mark. */
  if (self->items != NULL && self->items->len > 0 && is_time_list (self->field))
    targets[2] = GTK_WIDGET (((EntryItem *) g_ptr_array_index (self->items, 0))->entry);

  /* The rows that hold the value are marked (not an "Add" button). */
  if (self->items != NULL)
    {
      for (guint i = 0; i < self->items->len; i++)
        {
          GtkWidget *entry = GTK_WIDGET (((EntryItem *) g_ptr_array_index (self->items, i))->entry);

          if (error)
            gtk_widget_add_css_class (entry, "error");
          else
            gtk_widget_remove_css_class (entry, "error");
        }
    }
  else if (self->main_widget != self->add_button)
    {
      if (error)
        gtk_widget_add_css_class (self->main_widget, "error");
      else
        gtk_widget_remove_css_class (self->main_widget, "error");
    }

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      GtkWidget *target = targets[i];
      GtkEditable *delegate;

      if (target == NULL)
        continue;

      if (message != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (target),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_update_state (GTK_ACCESSIBLE (target),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);

      /* And the text inside an entry row, where a screen reader is. */
      delegate = GTK_IS_EDITABLE (target) ? gtk_editable_get_delegate (GTK_EDITABLE (target)) : NULL;
      if (delegate != NULL)
        {
          if (message != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                            GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                            -1);
          else
            gtk_accessible_reset_property (GTK_ACCESSIBLE (delegate),
                                           GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          gtk_accessible_update_state (GTK_ACCESSIBLE (delegate),
                                       GTK_ACCESSIBLE_STATE_INVALID,
                                       error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                       -1);
        }
    }

  if (self->message_label == NULL)
    return;

  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->message_widget, message != NULL);
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
}

void
eccp_field_row_set_time_zone (EccpFieldRow *self,
                              GTimeZone    *zone)
{
  const char *identifier;

  g_return_if_fail (ECCP_IS_FIELD_ROW (self));

  if (self->field->kind != ECCP_FIELD_TIME && !is_time_list (self->field))
    return;

  identifier = zone != NULL ? g_time_zone_get_identifier (zone) : NULL;

  /* The first zone given is the one the times were first shown in. */
  if (!self->zone_given)
    {
      self->zone_given = TRUE;
      self->initial_zone_id = g_strdup (identifier);
      self->zone = zone != NULL ? g_time_zone_ref (zone) : NULL;

      /* Show the original times in that zone. */
      for (guint i = 0; i < self->items->len; i++)
        {
          EntryItem *item = g_ptr_array_index (self->items, i);

          g_free (item->initial_text);
          item->initial_text = format_item (self, self->field, ECCP_FIELD_TIME, item, item->original);
          g_signal_handlers_block_by_func (item->entry, entry_changed_cb, self);
          gtk_editable_set_text (GTK_EDITABLE (item->entry), item->initial_text);
          g_signal_handlers_unblock_by_func (item->entry, entry_changed_cb, self);
          update_zone_label (self, item);
        }
      return;
    }

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone != NULL ? g_time_zone_ref (zone) : NULL;
  self->zone_changed = g_strcmp0 (identifier, self->initial_zone_id) != 0;

  for (guint i = 0; i < self->items->len; i++)
    update_zone_label (self, g_ptr_array_index (self->items, i));
}

void
eccp_field_row_focus (EccpFieldRow *self)
{
  GtkWidget *target;

  g_return_if_fail (ECCP_IS_FIELD_ROW (self));

  if (is_time_list (self->field) && self->items->len > 0)
    target = GTK_WIDGET (((EntryItem *) g_ptr_array_index (self->items, 0))->entry);
  else
    target = self->a11y_widget;

  /* Into the text, without selecting it all: a stray key would replace it. */
  if (ADW_IS_ENTRY_ROW (target))
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (target));

      if (GTK_IS_TEXT (delegate))
        {
          gtk_text_grab_focus_without_selecting (GTK_TEXT (delegate));
          return;
        }
    }

  gtk_widget_grab_focus (target);
}
