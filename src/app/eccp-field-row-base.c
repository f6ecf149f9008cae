/* eccp-field-row-base.c: what the editors of one field share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field, where its value goes, the value it started from, and the
 * message shown under it: the same for every kind of editor, so kept
 * here once.  A row class makes its widgets in build() and implements
 * EccpFieldRow again for get_value() (and set_time_zone() where times
 * are shown): GObject fills its copy of the interface with the base's
 * functions first, so it overrides only those.  The other defaults are
 * the class's: wants_group, fill_group, mark_error, get_focus_widget.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-field-row-base.h"
#include "eccp-field-row-private.h"

#include <glib/gi18n.h>

#include "eccp-json.h"
#include "eccp-widget-util.h"

typedef struct
{
  EccpStore           *store;
  const EccpFieldSpec *field;
  char                *path;
  char                *label;     /* translated */
  JsonNode            *initial;   /* the original value, or the default */
  gboolean             creating;

  GtkWidget           *widget;
  GtkWidget           *a11y_widget;
  GtkWidget           *message_widget;
  GtkLabel            *message_label;
  AdwPreferencesGroup *group;
} EccpFieldRowBasePrivate;

static void field_row_iface_init (EccpFieldRowInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (EccpFieldRowBase, eccp_field_row_base, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (EccpFieldRowBase)
                                  G_IMPLEMENT_INTERFACE (ECCP_TYPE_FIELD_ROW, field_row_iface_init))

/* The few styles libadwaita lacks for the rows, kept with them. */
static const char row_css[] =
  ".editor-text-frame {"
  "  border: none;"
  "}"
  ".editor-text-frame > textview {"
  "  background: none;"
  "}"
  ".editor-text-frame:focus-within {"
  "  box-shadow: 0 0 0 2px alpha(@accent_color, 0.5);"
  "}"
  ".editor-text-frame.error {"
  "  box-shadow: 0 0 0 2px alpha(@error_color, 0.8);"
  "}"
  "row.field-message {"
  "  min-height: 0;"
  "}"
  "row.field-message:hover {"
  "  background: none;"
  "}";

#define PRIV(self) ((EccpFieldRowBasePrivate *) eccp_field_row_base_get_instance_private (ECCP_FIELD_ROW_BASE (self)))

/* {{{ The interface's defaults */

static const EccpFieldSpec *
base_get_field (EccpFieldRow *row)
{
  return PRIV (row)->field;
}

static const char *
base_get_path (EccpFieldRow *row)
{
  return PRIV (row)->path;
}

static gboolean
base_wants_group (EccpFieldRow *row)
{
  return ECCP_FIELD_ROW_BASE_GET_CLASS (row)->wants_group;
}

static void
base_attach (EccpFieldRow        *row,
             AdwPreferencesGroup *group)
{
  EccpFieldRowBasePrivate *priv = PRIV (row);
  GtkWidget *label;

  g_return_if_fail (priv->group == NULL);

  priv->group = group;

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  priv->message_label = GTK_LABEL (label);

  if (eccp_field_row_wants_group (row))
    {
      /* The group is the field's own: its label is the group's title, the
       * message goes below the rows. */
      eccp_widget_set_group_title (group, priv->label);
      ECCP_FIELD_ROW_BASE_GET_CLASS (row)->fill_group (ECCP_FIELD_ROW_BASE (row), group);

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      priv->message_widget = label;
    }
  else
    {
      /* A row of its own right below the field's, shown when there is
       * something to say. */
      GtkWidget *message_row;

      ECCP_FIELD_ROW_BASE_GET_CLASS (row)->fill_group (ECCP_FIELD_ROW_BASE (row), group);

      message_row = eccp_widget_add_static_row (group, label, 6, 12);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (message_row), FALSE);
      gtk_widget_add_css_class (message_row, "field-message");
      priv->message_widget = message_row;
    }

  gtk_widget_set_visible (priv->message_widget, FALSE);
}

static gboolean
base_is_changed (EccpFieldRow *row)
{
  g_autoptr(JsonNode) value = eccp_field_row_get_value (row, NULL);

  if (value == NULL)
    return TRUE;

  return !eccp_json_node_equal (value, PRIV (row)->initial);
}

/* The description and the invalid state, on @target and on the text
 * inside it (an entry row's), where a screen reader is. */
static void
tell_message (GtkWidget  *target,
              const char *message,
              gboolean    error)
{
  GtkEditable *delegate = GTK_IS_EDITABLE (target) ? gtk_editable_get_delegate (GTK_EDITABLE (target)) : NULL;

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

  if (delegate != NULL)
    tell_message (GTK_WIDGET (delegate), message, error);
}

static void
base_set_message (EccpFieldRow         *row,
                  EccpFieldMessageKind  kind,
                  const char           *message)
{
  EccpFieldRowBase *self = ECCP_FIELD_ROW_BASE (row);
  EccpFieldRowBasePrivate *priv = PRIV (self);
  gboolean error = kind == ECCP_FIELD_MESSAGE_ERROR && message != NULL;
  GtkWidget *targets[3];

  if (kind == ECCP_FIELD_MESSAGE_NONE)
    message = NULL;

  ECCP_FIELD_ROW_BASE_GET_CLASS (self)->mark_error (self, error);

  targets[0] = priv->widget;
  targets[1] = priv->a11y_widget;
  targets[2] = ECCP_FIELD_ROW_BASE_GET_CLASS (self)->get_focus_widget (self);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      if (targets[i] != NULL)
        tell_message (targets[i], message, error);
    }

  if (priv->message_label == NULL)
    return;

  gtk_label_set_label (priv->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (priv->message_widget, message != NULL);
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (priv->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (priv->message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (priv->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (priv->message_label), "dim-label");
    }
}

static void
base_focus (EccpFieldRow *row)
{
  EccpFieldRowBase *self = ECCP_FIELD_ROW_BASE (row);
  GtkWidget *target = ECCP_FIELD_ROW_BASE_GET_CLASS (self)->get_focus_widget (self);

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

  if (target != NULL)
    gtk_widget_grab_focus (target);
}

static void
field_row_iface_init (EccpFieldRowInterface *iface)
{
  iface->get_field = base_get_field;
  iface->get_path = base_get_path;
  iface->wants_group = base_wants_group;
  iface->attach = base_attach;
  iface->is_changed = base_is_changed;
  iface->set_message = base_set_message;
  iface->focus = base_focus;
}

/* }}} */

/* {{{ The class's defaults */

static void
eccp_field_row_base_real_fill_group (EccpFieldRowBase    *self,
                                     AdwPreferencesGroup *group)
{
  if (PRIV (self)->widget != NULL)
    adw_preferences_group_add (group, PRIV (self)->widget);
}

static void
eccp_field_row_base_real_mark_error (EccpFieldRowBase *self,
                                     gboolean          error)
{
  GtkWidget *widget = PRIV (self)->widget;

  if (widget == NULL)
    return;

  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static GtkWidget *
eccp_field_row_base_real_get_focus_widget (EccpFieldRowBase *self)
{
  return PRIV (self)->a11y_widget;
}

/* }}} */

/* {{{ For the row classes */

EccpStore *
_eccp_field_row_base_get_store (EccpFieldRowBase *self)
{
  return PRIV (self)->store;
}

const EccpFieldSpec *
_eccp_field_row_base_get_field (EccpFieldRowBase *self)
{
  return PRIV (self)->field;
}

const char *
_eccp_field_row_base_get_label (EccpFieldRowBase *self)
{
  return PRIV (self)->label;
}

JsonNode *
_eccp_field_row_base_get_initial (EccpFieldRowBase *self)
{
  return PRIV (self)->initial;
}

void
_eccp_field_row_base_set_initial (EccpFieldRowBase *self,
                                  JsonNode         *initial)
{
  EccpFieldRowBasePrivate *priv = PRIV (self);

  g_clear_pointer (&priv->initial, json_node_unref);
  priv->initial = initial != NULL ? eccp_json_node_deep_copy (initial) : NULL;
}

JsonNode *
_eccp_field_row_base_initial_copy (EccpFieldRowBase *self)
{
  JsonNode *initial = PRIV (self)->initial;

  if (initial == NULL)
    return json_node_new (JSON_NODE_NULL);

  return eccp_json_node_deep_copy (initial);
}

gboolean
_eccp_field_row_base_is_creating (EccpFieldRowBase *self)
{
  return PRIV (self)->creating;
}

AdwPreferencesGroup *
_eccp_field_row_base_get_group (EccpFieldRowBase *self)
{
  return PRIV (self)->group;
}

void
_eccp_field_row_base_set_widgets (EccpFieldRowBase *self,
                                  GtkWidget        *widget,
                                  GtkWidget        *a11y_widget)
{
  PRIV (self)->widget = widget;
  PRIV (self)->a11y_widget = a11y_widget;
}

void
_eccp_field_row_base_changed (EccpFieldRowBase *self)
{
  _eccp_field_row_emit_changed (self);
}

/* }}} */

static void
eccp_field_row_base_dispose (GObject *object)
{
  g_clear_object (&PRIV (object)->store);

  G_OBJECT_CLASS (eccp_field_row_base_parent_class)->dispose (object);
}

static void
eccp_field_row_base_finalize (GObject *object)
{
  EccpFieldRowBasePrivate *priv = PRIV (object);

  g_clear_pointer (&priv->path, g_free);
  g_clear_pointer (&priv->label, g_free);
  g_clear_pointer (&priv->initial, json_node_unref);

  G_OBJECT_CLASS (eccp_field_row_base_parent_class)->finalize (object);
}

static void
eccp_field_row_base_class_init (EccpFieldRowBaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eccp_field_row_base_dispose;
  object_class->finalize = eccp_field_row_base_finalize;

  klass->fill_group = eccp_field_row_base_real_fill_group;
  klass->mark_error = eccp_field_row_base_real_mark_error;
  klass->get_focus_widget = eccp_field_row_base_real_get_focus_widget;
}

static void
eccp_field_row_base_init (EccpFieldRowBase *self)
{
  static gsize css_loaded;

  eccp_widget_add_css_once (&css_loaded, row_css);
}

EccpFieldRow *
_eccp_field_row_base_new (GType                type,
                          EccpStore           *store,
                          const EccpFieldSpec *field,
                          const char          *path,
                          JsonNode            *original,
                          gboolean             creating)
{
  EccpFieldRowBase *self;
  EccpFieldRowBasePrivate *priv;

  g_return_val_if_fail (g_type_is_a (type, ECCP_TYPE_FIELD_ROW_BASE), NULL);

  self = g_object_new (type, NULL);
  priv = PRIV (self);
  priv->store = g_object_ref (store);
  priv->field = field;
  priv->path = g_strdup (path != NULL ? path : field->name);
  priv->label = g_strdup (_(field->label));
  priv->creating = creating;
  if (original != NULL && !JSON_NODE_HOLDS_NULL (original))
    priv->initial = eccp_json_node_deep_copy (original);

  ECCP_FIELD_ROW_BASE_GET_CLASS (self)->build (self, original);

  return ECCP_FIELD_ROW (self);
}
