/* eccp-record-row.c: one record in a list: its name, a summary, its sync state
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-row.h"

#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-call.h"
#include "eccp-clock.h"
#include "eccp-field-spec.h"
#include "eccp-when.h"

struct _EccpRecordRow
{
  GtkWidget   parent_instance;

  EccpRecord *record;

  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkLabel   *badge_label;
  GtkImage   *state_image;
};

G_DEFINE_FINAL_TYPE (EccpRecordRow, eccp_record_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
eccp_sync_state_icon_name (EccpSyncState state)
{
  switch (state)
    {
    case ECCP_SYNC_STATE_PENDING:
      return "document-save-symbolic";
    case ECCP_SYNC_STATE_CONFLICT:
      return "dialog-warning-symbolic";
    case ECCP_SYNC_STATE_REJECTED:
    case ECCP_SYNC_STATE_INVALID:
      return "action-unavailable-symbolic";
    case ECCP_SYNC_STATE_SYNCED:
    default:
      return NULL;
    }
}

const char *
eccp_sync_state_describe (EccpSyncState state)
{
  switch (state)
    {
    case ECCP_SYNC_STATE_PENDING:
      return _("Waiting to be sent");
    case ECCP_SYNC_STATE_CONFLICT:
      return _("Conflict: changed on the portal too");
    case ECCP_SYNC_STATE_REJECTED:
      return _("Refused by the portal");
    case ECCP_SYNC_STATE_INVALID:
      return _("Not accepted: fields to correct");
    case ECCP_SYNC_STATE_SYNCED:
    default:
      return NULL;
    }
}

/* A call's cut-offs read as its badge ("Closes in 5 days"), which a list
 * row shows apart (@with_badge %FALSE); an event's times in its zone. */
static char *
describe (EccpRecord *record,
          gboolean    with_badge)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (eccp_record_get_type_name (record));
  JsonObject *attributes = eccp_record_get_attributes (record);
  g_autoptr(GString) text = g_string_new (NULL);

  if (type == NULL || attributes == NULL)
    return g_strdup ("");

  for (guint i = 0; i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      g_autofree char *value = NULL;
      JsonNode *node;

      if (!(field->flags & ECCP_FIELD_FLAG_SUMMARY) || eccp_field_spec_is_relation (field))
        continue;

      node = json_object_get_member (attributes, field->name);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;

      if (field->kind == ECCP_FIELD_LIST && field->item_kind == ECCP_FIELD_TIME)
        {
          g_autoptr(GDateTime) now = NULL;

          if (!with_badge)
            continue;
          now = eccp_clock_get_now (eccp_clock_get_default ());
          value = eccp_call_format_badge (record, now, NULL);
        }
      else if (field->kind == ECCP_FIELD_TIME && JSON_NODE_HOLDS_VALUE (node))
        value = eccp_when_format_time (record, json_node_get_string (node));
      else
        value = eccp_field_spec_display_value (field, node);
      if (value == NULL || *value == '\0')
        continue;

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
eccp_record_describe (EccpRecord *record)
{
  return describe (record, TRUE);
}

/* What changes with time: the badge, and the words a screen reader says */
static void
clock_changed_cb (EccpRecordRow *self)
{
  g_autoptr(EccpRecord) record = NULL;

  if (self->record == NULL || !g_str_equal (eccp_record_get_type_name (self->record), "call"))
    return;

  record = g_steal_pointer (&self->record);
  eccp_record_row_set_record (self, record);
}

/* What a screen reader says for the row, and for the list item around
 * it, which a screen reader lands on. */
static void
label_row (EccpRecordRow *self,
           const char    *label,
           const char    *description)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  if (parent != NULL && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
}

/* No record yet (its page is being read): no text, the height of a row
 * with its summary so the list does not jump when it comes, and said as
 * loading, not as a record. */
static void
show_loading (EccpRecordRow *self)
{
  gtk_label_set_label (self->title_label, "");
  gtk_label_set_label (self->subtitle_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->state_image), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
  label_row (self, _("Loading…"), "");
}

static void
eccp_record_row_dispose (GObject *object)
{
  EccpRecordRow *self = (EccpRecordRow *)object;

  eccp_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->record);

  G_OBJECT_CLASS (eccp_record_row_parent_class)->dispose (object);
}

static void
eccp_record_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EccpRecordRow *self = ECCP_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_record_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EccpRecordRow *self = ECCP_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      eccp_record_row_set_record (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_record_row_class_init (EccpRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_record_row_dispose;
  object_class->get_property = eccp_record_row_get_property;
  object_class->set_property = eccp_record_row_set_property;

  /* The record shown; a list item binds its item here (the row factory
   * of eccp-search-list.c). */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ECCP_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "eccprecordrow");
}

static GtkWidget *
new_label (const char *css_class,
           ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  va_start (args, css_class);
  for (const char *name = css_class; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);

  return label;
}

/* Built in code, not from a template: a list makes a row for every line
 * it shows, again for each new search, and parsing XML for each was most
 * of a row's cost (measured with bench-app).  As few widgets as it takes:
 * the row lays out its two children itself, a GtkBoxLayout. */
static void
eccp_record_row_init (EccpRecordRow *self)
{
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *line_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_top (GTK_WIDGET (self), 9);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 9);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_parent (text_box, GTK_WIDGET (self));

  self->title_label = GTK_LABEL (new_label ("heading", NULL));
  gtk_box_append (GTK_BOX (text_box), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (text_box), line_box);

  /* A call's badge: its state in words, the pill's colour only helps */
  self->badge_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->badge_label), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line_box), GTK_WIDGET (self->badge_label));

  self->subtitle_label = GTK_LABEL (new_label ("dim-label", "caption", NULL));
  gtk_box_append (GTK_BOX (line_box), GTK_WIDGET (self->subtitle_label));

  self->state_image = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->state_image), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->state_image), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->state_image), GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  g_signal_connect_object (eccp_clock_get_default (), "changed", G_CALLBACK (clock_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
eccp_record_row_new (void)
{
  return g_object_new (ECCP_TYPE_RECORD_ROW, NULL);
}

EccpRecord *
eccp_record_row_get_record (EccpRecordRow *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_ROW (self), NULL);

  return self->record;
}

void
eccp_record_row_set_record (EccpRecordRow *self,
                            EccpRecord    *record)
{
  g_autofree char *summary = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *icon_name = NULL;
  const char *state_text = NULL;

  g_return_if_fail (ECCP_IS_RECORD_ROW (self));
  g_return_if_fail (record == NULL || ECCP_IS_RECORD (record));

  if (!g_set_object (&self->record, record))
    {
      /* Bound to a slot not read yet: its list item says so too */
      if (record == NULL)
        show_loading (self);
      return;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);

  if (record == NULL)
    {
      show_loading (self);
      return;
    }

  summary = describe (record, FALSE);
  now = eccp_clock_get_now (eccp_clock_get_default ());
  eccp_when_show_call_badge (self->badge_label, record, now);
  icon_name = eccp_sync_state_icon_name (eccp_record_get_sync_state (record));
  state_text = eccp_sync_state_describe (eccp_record_get_sync_state (record));

  gtk_label_set_label (self->title_label, eccp_record_get_title (record));
  gtk_label_set_label (self->subtitle_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *summary != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->state_image), icon_name != NULL);
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (self->state_image, icon_name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_image), state_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, state_text, -1);
    }

  /* What a screen reader says for the row: the name, the summary, and the
   * state when there is one. */
  {
    g_autofree char *label = g_strdup (eccp_record_get_title (record));

    /* The badge is said in words, as it reads */
    if (gtk_widget_get_visible (GTK_WIDGET (self->badge_label)))
      {
        g_autofree char *named = g_steal_pointer (&label);

        label = g_strdup_printf ("%s, %s", named, gtk_label_get_label (self->badge_label));
      }
    if (state_text != NULL)
      {
        g_autofree char *named = g_steal_pointer (&label);

        label = g_strdup_printf ("%s, %s", named, state_text);
      }

    gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
    label_row (self, label, summary);
  }
}

/* Rows made in code and given their record directly: no XML read and no
 * expression watched per row, which a list pays for every line it shows,
 * again after each search (the row factory of eccp-search-list.c). */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *row = eccp_record_row_new ();

  gtk_list_item_set_child (item, row);
  /* Not held: the item holds the row */
  g_object_set_data (G_OBJECT (row), "eccp-list-item", item);
}

/* The item is the slot of the row's position: the row follows its record,
 * which a new search changes without a new slot. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GBinding *binding = g_object_bind_property (gtk_list_item_get_item (item), "record",
                                              gtk_list_item_get_child (item), "record",
                                              G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (item), "eccp-binding", binding);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), "eccp-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

GtkListItemFactory *
eccp_record_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);

  return factory;
}

EccpRecordRow *
eccp_record_row_pick (GtkWidget *list_view,
                      double     x,
                      double     y)
{
  GtkWidget *picked = gtk_widget_pick (list_view, x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked == NULL ? NULL
                   : ECCP_IS_RECORD_ROW (picked) ? picked
                   : gtk_widget_get_ancestor (picked, ECCP_TYPE_RECORD_ROW);

  if (row == NULL)
    {
      /* The list item around the row (its padding). */
      GtkWidget *child = picked != NULL ? gtk_widget_get_first_child (picked) : NULL;

      row = child != NULL && ECCP_IS_RECORD_ROW (child) ? child : NULL;
    }

  return (EccpRecordRow *) row;
}

guint
eccp_record_row_get_position (EccpRecordRow *self)
{
  GtkListItem *item;

  g_return_val_if_fail (ECCP_IS_RECORD_ROW (self), GTK_INVALID_LIST_POSITION);

  item = g_object_get_data (G_OBJECT (self), "eccp-list-item");

  return item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
}
