/* eccp-diff-view.c: a record's working copy against its published revision, for reviewers
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per field from the core's eccp_diff_attributes(): the field
 * specs say what the fields are and how each kind is compared
 * (eccp_field_spec_get_diff_style()), so nothing here knows a record
 * type.  Every change is said in words ("Added", "Removed", "Changed"),
 * not only in colour, and each row's accessible description reads the
 * change out: a word diff is struck through and underlined on screen,
 * "Removed: … Added: …" for a screen reader.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-diff-view.h"

#include "eccp-widget-util.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eccp-diff.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"

/* A word diff's accessible description quotes at most this many
 * characters of each change, and of all changes of one kind: enough
 * to follow, not a whole essay rewritten. */
#define QUOTE_MAX 200
#define QUOTES_MAX 1000

struct _EccpDiffView
{
  GtkWidget   parent_instance;

  EccpStore  *store;
  EccpRecord *record;
  gboolean    show_all;
  guint       n_changes;

  GtkLabel   *status_label;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (EccpDiffView, eccp_diff_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  PROP_SHOW_ALL,
  PROP_N_CHANGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* {{{ Pieces of a row */

static const char *
change_word (EccpDiffChange change)
{
  switch (change)
    {
    case ECCP_DIFF_ADDED:
      /* Translators: a field set since it was published */
      return _("Added");
    case ECCP_DIFF_REMOVED:
      /* Translators: a field cleared since it was published */
      return _("Removed");
    case ECCP_DIFF_CHANGED:
      return _("Changed");
    case ECCP_DIFF_SAME:
    default:
      return NULL;
    }
}

static const char *
change_class (EccpDiffChange change)
{
  switch (change)
    {
    case ECCP_DIFF_ADDED:
      return "added";
    case ECCP_DIFF_REMOVED:
      return "removed";
    case ECCP_DIFF_CHANGED:
      return "changed";
    case ECCP_DIFF_SAME:
    default:
      return NULL;
    }
}

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A value as a person reads it (a choice's label, a country's name), or
 * "Not set" in italics. */
static GtkWidget *
value_label (const EccpFieldSpec *field,
             JsonNode            *value)
{
  g_autofree char *text = value != NULL ? eccp_field_spec_display_value (field, value) : NULL;
  GtkWidget *label = text_label (text != NULL ? text : _("Not set"), "diff-value");

  if (text == NULL)
    gtk_widget_add_css_class (label, "unset");

  return label;
}

/* "Published" over the published value, "New" over the new one */
static GtkWidget *
value_column (const char *caption,
              GtkWidget  *value)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *heading = text_label (caption, "caption-heading");

  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_hexpand (column, TRUE);
  gtk_box_append (GTK_BOX (column), heading);
  gtk_box_append (GTK_BOX (column), value);

  return column;
}

/* Published and new side by side, each column as wide as the other: a
 * narrow window wraps the values rather than hiding them. */
static GtkWidget *
values_content (const EccpFieldDiff *diff,
                GString             *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  g_autofree char *published = diff->published != NULL ? eccp_field_spec_display_value (diff->field, diff->published) : NULL;
  g_autofree char *current = diff->current != NULL ? eccp_field_spec_display_value (diff->field, diff->current) : NULL;

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);

  if (diff->change == ECCP_DIFF_SAME)
    {
      gtk_box_append (GTK_BOX (box), value_label (diff->field, diff->current));
      g_string_append (description, current != NULL ? current : _("Not set"));
      return box;
    }

  if (diff->published != NULL || diff->change == ECCP_DIFF_CHANGED)
    {
      GtkWidget *label = value_label (diff->field, diff->published);

      if (diff->change == ECCP_DIFF_REMOVED)
        gtk_widget_add_css_class (label, "removed");
      gtk_box_append (GTK_BOX (box), value_column (_("Published"), label));
      g_string_append_printf (description, _("Published: %s."), published != NULL ? published : _("Not set"));
    }
  if (diff->current != NULL || diff->change == ECCP_DIFF_CHANGED)
    {
      if (description->len > 0)
        g_string_append_c (description, ' ');
      gtk_box_append (GTK_BOX (box), value_column (_("New"), value_label (diff->field, diff->current)));
      g_string_append_printf (description, _("New: %s."), current != NULL ? current : _("Not set"));
    }

  return box;
}

/* The changed words quoted for a screen reader: “…” */
static void
append_quote (GString    *out,
              const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  glong length = g_utf8_strlen (stripped, -1);

  if (*stripped == '\0' || g_str_has_suffix (out->str, "…"))
    return;

  if (out->len > QUOTES_MAX)
    {
      g_string_append (out, ", …");
      return;
    }
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append (out, "“");
  if (length > QUOTE_MAX)
    {
      g_string_append_len (out, stripped, g_utf8_offset_to_pointer (stripped, QUOTE_MAX) - stripped);
      g_string_append (out, "…");
    }
  else
    g_string_append (out, stripped);
  g_string_append (out, "”");
}

/* @text escaped, inside the span @open, but the spaces around it
 * outside: a struck-through or underlined space reads as a stray mark. */
static void
append_marked (GString    *markup,
               const char *text,
               const char *open)
{
  const char *start = text;
  const char *end = text + strlen (text);
  g_autofree char *core = NULL;

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  g_string_append_len (markup, text, start - text);
  if (end > start)
    {
      core = g_markup_escape_text (start, end - start);
      g_string_append_printf (markup, "%s%s</span>", open, core);
    }
  g_string_append (markup, end);
}

/* A long text changed: the new text with the words taken out struck
 * through and the words put in underlined (each tinted too), escaped,
 * since it is the portal's text and this is markup. */
static GtkWidget *
words_content (const EccpFieldDiff *diff,
               GString             *description)
{
  g_autoptr(GPtrArray) segments = eccp_diff_words (json_node_get_string (diff->published),
                                                   json_node_get_string (diff->current));
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) removed = g_string_new (NULL);
  g_autoptr(GString) added = g_string_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = text_label (NULL, "diff-words");
  GtkWidget *legend;

  for (guint i = 0; i < segments->len; i++)
    {
      EccpDiffSegment *segment = g_ptr_array_index (segments, i);

      switch (segment->op)
        {
        case ECCP_DIFF_DELETE:
          append_marked (markup, segment->text,
                         "<span strikethrough=\"true\" bgcolor=\"#e01b24\" bgalpha=\"22%\">");
          append_quote (removed, segment->text);
          /* A word replaced by another: apart, not glued together */
          if (i + 1 < segments->len && ((EccpDiffSegment *) g_ptr_array_index (segments, i + 1))->op == ECCP_DIFF_INSERT
              && markup->len > 0 && !g_ascii_isspace (markup->str[markup->len - 1]))
            g_string_append_c (markup, ' ');
          break;
        case ECCP_DIFF_INSERT:
          append_marked (markup, segment->text,
                         "<span underline=\"single\" bgcolor=\"#2ec27e\" bgalpha=\"26%\">");
          append_quote (added, segment->text);
          break;
        case ECCP_DIFF_KEEP:
        default:
          {
            g_autofree char *text = g_markup_escape_text (segment->text, -1);

            g_string_append (markup, text);
          }
          break;
        }
    }

  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  gtk_box_append (GTK_BOX (box), label);

  legend = text_label (_("Struck through: removed. Underlined: added."), "caption");
  gtk_widget_add_css_class (legend, "dim-label");
  gtk_box_append (GTK_BOX (box), legend);

  if (removed->len > 0)
    g_string_append_printf (description, _("Removed: %s."), removed->str);
  if (added->len > 0)
    {
      if (description->len > 0)
        g_string_append_c (description, ' ');
      g_string_append_printf (description, _("Added: %s."), added->str);
    }

  /* The label says the same as the row, in words */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);

  return box;
}

/* "+ Added: Digital", "− Removed: Health": one line per item */
static void
add_item_lines (GtkWidget           *box,
                const EccpFieldSpec *field,
                GPtrArray           *items,
                gboolean             added,
                GString             *description)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *name = NULL;
      g_autofree char *line = NULL;

      json_array_add_element (array, json_node_copy (g_ptr_array_index (items, i)));
      json_node_set_array (node, array);
      name = eccp_field_spec_display_value (field, node);
      if (name == NULL)
        continue;

      /* Translators: an item a list gained or lost, "+ Added: Digital" */
      line = added ? g_strdup_printf (_("+ Added: %s"), name) : g_strdup_printf (_("− Removed: %s"), name);
      gtk_box_append (GTK_BOX (box), text_label (line, added ? "added" : "removed"));
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name);
    }

  if (names->len == 0)
    return;
  if (description->len > 0)
    g_string_append_c (description, ' ');
  g_string_append_printf (description, added ? _("Added: %s.") : _("Removed: %s."), names->str);
}

static GtkWidget *
set_content (const EccpFieldDiff *diff,
             GString             *description)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  eccp_diff_list_items (diff->published, diff->current, &added, &removed);
  add_item_lines (box, diff->field, added, TRUE, description);
  add_item_lines (box, diff->field, removed, FALSE, description);

  return box;
}

/* A row: the field's label and the change in words, then @content.  Its
 * accessible name starts with the label. */
static GtkWidget *
field_row (const char     *label,
           EccpDiffChange  change,
           GtkWidget      *content,
           const char     *description)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = text_label (label, "heading");
  const char *word = change_word (change);
  g_autofree char *name = word != NULL ? g_strdup_printf ("%s, %s", label, word) : g_strdup (label);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "diff-field");
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  if (word != NULL)
    {
      GtkWidget *marker = gtk_label_new (word);

      gtk_widget_set_valign (marker, GTK_ALIGN_START);
      gtk_widget_add_css_class (marker, "diff-marker");
      gtk_widget_add_css_class (marker, change_class (change));
      gtk_widget_add_css_class (row, change_class (change));
      gtk_box_append (GTK_BOX (header), marker);
    }
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), content);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  return row;
}

static GtkWidget *
attribute_row (const EccpFieldDiff *diff)
{
  g_autoptr(GString) description = g_string_new (NULL);
  GtkWidget *content;

  if (diff->change == ECCP_DIFF_SAME)
    content = values_content (diff, description);
  else
    switch (eccp_field_spec_get_diff_style (diff->field))
      {
      case ECCP_FIELD_DIFF_LONG_TEXT:
        content = diff->change == ECCP_DIFF_CHANGED ? words_content (diff, description)
                                                    : values_content (diff, description);
        break;
      case ECCP_FIELD_DIFF_SET:
        content = set_content (diff, description);
        break;
      case ECCP_FIELD_DIFF_INLINE:
      case ECCP_FIELD_DIFF_PARTS:    /* the core gives an object's members one by one */
      case ECCP_FIELD_DIFF_RELATION: /* relationships are not in meta.published */
      default:
        content = values_content (diff, description);
        break;
      }

  return field_row (_(diff->field->label), diff->change, content, description->str);
}

/* A relation as it is now, by the titles of the records it links (the
 * id of one the feed has not brought) */
static GtkWidget *
relation_row (EccpDiffView        *self,
              const EccpFieldSpec *field,
              gboolean             added)
{
  JsonObject *relation = eccp_json_get_object (eccp_record_get_relationships (self->record), field->name);
  JsonNode *data = relation != NULL ? json_object_get_member (relation, "data") : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GString) description = g_string_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    g_ptr_array_add (ids, (gpointer) eccp_json_get_string (json_node_get_object (data), "id"));
  else if (data != NULL && JSON_NODE_HOLDS_ARRAY (data))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (data)); i++)
      {
        JsonNode *item = json_array_get_element (json_node_get_array (data), i);

        if (JSON_NODE_HOLDS_OBJECT (item))
          g_ptr_array_add (ids, (gpointer) eccp_json_get_string (json_node_get_object (item), "id"));
      }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(EccpRecord) related = NULL;
      const char *title;

      if (id == NULL)
        continue;
      related = self->store != NULL ? eccp_store_get (self->store, field->target_type, id, NULL) : NULL;
      title = related != NULL ? eccp_record_get_title (related) : id;
      gtk_box_append (GTK_BOX (box), text_label (title, "diff-value"));
      g_string_append_printf (description, "%s%s", description->len > 0 ? ", " : "", title);
    }

  if (description->len == 0 && added)
    return NULL;
  if (description->len == 0)
    {
      gtk_box_append (GTK_BOX (box), value_label (field, NULL));
      g_string_append (description, _("Not set"));
    }
  if (!added)
    {
      GtkWidget *note = text_label (_("Links are not compared with the published version: as they are now."), "caption");

      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
    }

  return field_row (_(field->label), added ? ECCP_DIFF_ADDED : ECCP_DIFF_SAME, box, description->str);
}

/* }}} */

static void
clear_rows (EccpDiffView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
set_n_changes (EccpDiffView *self,
               guint         n_changes)
{
  if (self->n_changes == n_changes)
    return;

  self->n_changes = n_changes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHANGES]);
}

static void
rebuild (EccpDiffView *self)
{
  const EccpTypeSpec *type = self->record != NULL ? eccp_type_spec_lookup (eccp_record_get_type_name (self->record)) : NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autofree char *status = NULL;
  JsonObject *published;
  guint n_changes = 0;
  guint n_rows = 0;

  clear_rows (self);

  if (type == NULL)
    {
      gtk_label_set_label (self->status_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
      set_n_changes (self, 0);
      return;
    }

  published = eccp_json_get_object (eccp_record_get_meta (self->record), "published");
  diffs = eccp_diff_attributes (type, published, eccp_record_get_attributes (self->record), self->show_all);

  for (guint i = 0; i < diffs->len; i++)
    {
      EccpFieldDiff *diff = g_ptr_array_index (diffs, i);

      if (diff->change != ECCP_DIFF_SAME)
        n_changes++;
      gtk_list_box_append (self->list, attribute_row (diff));
      n_rows++;
    }

  /* Relationships: never in meta.published, so a record never published
   * has its links as new, and "all fields" lists them as they are. */
  if (published == NULL || self->show_all)
    for (guint i = 0; i < type->n_fields; i++)
      if (eccp_field_spec_is_relation (&type->fields[i]))
        {
          GtkWidget *row = relation_row (self, &type->fields[i], published == NULL);

          if (row == NULL)
            continue;
          gtk_list_box_append (self->list, row);
          n_rows++;
        }

  if (published == NULL)
    status = g_strdup (_("Never published: every field is new"));
  else if (n_changes == 0)
    status = g_strdup (_("No field changed since it was published"));
  else
    /* Translators: the fields of a record that differ from its published version */
    status = g_strdup_printf (ngettext ("%u field changed since it was published",
                                        "%u fields changed since it was published",
                                        n_changes), n_changes);

  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->list), n_rows > 0);
  set_n_changes (self, n_changes);
}

/* {{{ GObject */

static void
eccp_diff_view_dispose (GObject *object)
{
  EccpDiffView *self = (EccpDiffView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_DIFF_VIEW);
  eccp_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (eccp_diff_view_parent_class)->dispose (object);
}

static void
eccp_diff_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EccpDiffView *self = ECCP_DIFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case PROP_SHOW_ALL:
      g_value_set_boolean (value, self->show_all);
      break;
    case PROP_N_CHANGES:
      g_value_set_uint (value, self->n_changes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_diff_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EccpDiffView *self = ECCP_DIFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eccp_diff_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_RECORD:
      eccp_diff_view_set_record (self, g_value_get_object (value));
      break;
    case PROP_SHOW_ALL:
      eccp_diff_view_set_show_all (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_diff_view_class_init (EccpDiffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_diff_view_dispose;
  object_class->get_property = eccp_diff_view_get_property;
  object_class->set_property = eccp_diff_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ECCP_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ALL] =
    g_param_spec_boolean ("show-all", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CHANGES] =
    g_param_spec_uint ("n-changes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-diff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpDiffView, status_label);
  gtk_widget_class_bind_template_child (widget_class, EccpDiffView, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "eccpdiffview");
}

static void
eccp_diff_view_init (EccpDiffView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rebuild (self);
}

/* }}} */

GtkWidget *
eccp_diff_view_new (void)
{
  return g_object_new (ECCP_TYPE_DIFF_VIEW, NULL);
}

EccpStore *
eccp_diff_view_get_store (EccpDiffView *self)
{
  g_return_val_if_fail (ECCP_IS_DIFF_VIEW (self), NULL);

  return self->store;
}

void
eccp_diff_view_set_store (EccpDiffView *self,
                          EccpStore    *store)
{
  g_return_if_fail (ECCP_IS_DIFF_VIEW (self));
  g_return_if_fail (store == NULL || ECCP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EccpRecord *
eccp_diff_view_get_record (EccpDiffView *self)
{
  g_return_val_if_fail (ECCP_IS_DIFF_VIEW (self), NULL);

  return self->record;
}

/* A record read again (after a sync) is a new object: always rebuilt. */
void
eccp_diff_view_set_record (EccpDiffView *self,
                           EccpRecord   *record)
{
  g_return_if_fail (ECCP_IS_DIFF_VIEW (self));
  g_return_if_fail (record == NULL || ECCP_IS_RECORD (record));

  if (!g_set_object (&self->record, record))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

gboolean
eccp_diff_view_get_show_all (EccpDiffView *self)
{
  g_return_val_if_fail (ECCP_IS_DIFF_VIEW (self), FALSE);

  return self->show_all;
}

void
eccp_diff_view_set_show_all (EccpDiffView *self,
                             gboolean      show_all)
{
  g_return_if_fail (ECCP_IS_DIFF_VIEW (self));

  show_all = !!show_all;
  if (self->show_all == show_all)
    return;

  self->show_all = show_all;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ALL]);
}

guint
eccp_diff_view_get_n_changes (EccpDiffView *self)
{
  g_return_val_if_fail (ECCP_IS_DIFF_VIEW (self), 0);

  return self->n_changes;
}

/* vim: set foldmethod=marker: */
