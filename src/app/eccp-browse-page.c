/* eccp-browse-page.c: one record type to browse: search, filters, list, detail
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page turns what the user picks (filters, order) into an EccpQuery
 * and gives it to its EccpSearchList, which adds the search text and pages
 * the rows in from the store.  The search list's "selected-record" is
 * bound to the detail's "record" (eccp-browse-page.ui): the row
 * highlighted is the record shown.  The filters of each type are a table
 * below.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-browse-page.h"

#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-account.h"
#include "eccp-calendar-export.h"
#include "eccp-call.h"
#include "eccp-clock.h"
#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-format.h"
#include "eccp-ical.h"
#include "eccp-json.h"
#include "eccp-record-editor.h"
#include "eccp-own-clusters.h"
#include "eccp-record-view.h"
#include "eccp-search-list.h"
#include "eccp-toast.h"

typedef enum
{
  FILTER_FIELD,     /* the field's enum choices, or countries */
  FILTER_EVENT_WHEN,
  FILTER_CALL_STATUS,
} FilterKind;

typedef struct
{
  const char *type;
  FilterKind  kind;
  const char *field;
  const char *all_label;  /* N_(): the first entry, "no filter" */
  const char *a11y_label; /* N_(): the dropdown's accessible name */
} FilterSpec;

static const FilterSpec filter_specs[] = {
  { "cluster", FILTER_FIELD, "country", N_("All countries"), N_("Filter by country") },
  { "cluster", FILTER_FIELD, "ecosystems", N_("All ecosystems"), N_("Filter by industrial ecosystem") },
  { "cluster", FILTER_FIELD, "label", N_("Any label"), N_("Filter by cluster label") },
  { "partnership", FILTER_FIELD, "programme", N_("All programmes"), N_("Filter by programme") },
  { "event", FILTER_EVENT_WHEN, "ends_at", N_("Upcoming and past"), N_("Filter by date") },
  { "event", FILTER_FIELD, "kind", N_("All kinds"), N_("Filter by kind of event") },
  { "call", FILTER_CALL_STATUS, "deadlines", N_("Any status"), N_("Filter by status") },
};

typedef struct
{
  const char *type;
  const char *label;  /* N_() */
  const char *field;  /* NULL: best match when searching, else by name */
  gboolean    descending;
  gboolean    upcoming;   /* what is ahead first (eccp_query_set_sort_upcoming()) */
} SortSpec;

static const SortSpec sort_specs[] = {
  { "cluster", N_("By name"), NULL, FALSE },
  { "cluster", N_("Newest first"), "founded", TRUE },
  { "cluster", N_("By country"), "country", FALSE },
  { "partnership", N_("By name"), NULL, FALSE },
  { "partnership", N_("By programme"), "programme", FALSE },
  { "event", N_("Soonest first"), "starts_at", FALSE, TRUE },
  { "event", N_("Latest first"), "starts_at", TRUE },
  { "event", N_("By title"), NULL, FALSE },
  /* Upcoming cut-offs first, soonest first; then the closed calls */
  { "call", N_("Next deadline"), "deadlines", FALSE, TRUE },
  { "call", N_("Latest deadline first"), "deadlines", TRUE },
  { "call", N_("By title"), NULL, FALSE },
};

typedef struct
{
  const FilterSpec *spec;
  GtkDropDown      *dropdown;
  GPtrArray        *values; /* of char *, "" for all */
} Filter;

struct _EccpBrowsePage
{
  GtkWidget        parent_instance;

  char            *record_type;
  EccpStore       *store;
  /* Who is signed in: what they may not change is not offered. %NULL
   * (the demo data, or not known yet) offers everything. */
  EccpAccount     *account;
  /* record.new is on: the window's "+" follows it */
  gboolean         can_create;
  GArray          *filters; /* of Filter */
  GtkDropDown     *sort_dropdown;
  GArray          *sorts;   /* of const SortSpec * */
  /* The record just deleted, for Undo. */
  EccpRecord      *deleted;
  EccpChange      *deleted_change;

  AdwLeaflet      *leaflet;
  EccpSearchList  *search_list;
  GtkWidget       *own_clusters;
  GtkFlowBox      *filter_box;
  GtkLabel        *count_label;
  GtkWidget       *calendar_button;
  GtkRevealer     *back_revealer;
  EccpRecordView  *record_view;
};

G_DEFINE_FINAL_TYPE (EccpBrowsePage, eccp_browse_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD_TYPE,
  PROP_STORE,
  PROP_ACCOUNT,
  PROP_CAN_CREATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const EccpTypeSpec *
get_type_spec (EccpBrowsePage *self)
{
  return eccp_type_spec_lookup (self->record_type);
}

static void
add_filter_to_query (EccpQuery    *query,
                     const Filter *filter,
                     GDateTime    *now)
{
  guint selected = gtk_drop_down_get_selected (filter->dropdown);
  const char *value;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= filter->values->len)
    return;

  value = g_ptr_array_index (filter->values, selected);
  if (*value == '\0')
    return;

  switch (filter->spec->kind)
    {
    case FILTER_FIELD:
      eccp_query_add_filter (query, filter->spec->field, value);
      break;

    case FILTER_EVENT_WHEN:
      {
        g_autofree char *iso = eccp_date_time_format_rfc3339 (now);

        if (g_str_equal (value, "upcoming"))
          eccp_query_add_range (query, "ends_at", iso, NULL, FALSE);
        else
          eccp_query_add_range (query, "ends_at", NULL, iso, FALSE);
      }
      break;

    case FILTER_CALL_STATUS:
      /* Open, closing, forthcoming or closed, as the core counts them */
      eccp_query_add_filter (query, ECCP_QUERY_CALL_STATUS, value);
      break;

    default:
      g_assert_not_reached ();
    }
}

static EccpQuery *
build_query (EccpBrowsePage *self)
{
  EccpQuery *query = eccp_query_new (self->record_type);
  g_autoptr(GDateTime) now = eccp_clock_get_now (eccp_clock_get_default ());
  guint sort;

  /* Open, closing, upcoming: as the application's clock has it, which
   * a test or a screenshot fixes */
  eccp_query_set_now (query, now);
  for (guint i = 0; i < self->filters->len; i++)
    add_filter_to_query (query, &g_array_index (self->filters, Filter, i), now);

  sort = gtk_drop_down_get_selected (self->sort_dropdown);
  if (sort < self->sorts->len)
    {
      const SortSpec *spec = g_array_index (self->sorts, const SortSpec *, sort);

      if (spec->field != NULL && spec->upcoming)
        eccp_query_set_sort_upcoming (query, spec->field);
      else if (spec->field != NULL)
        eccp_query_set_sort (query, spec->field, spec->descending);
    }

  return query;
}

/* "1,400 clusters": @count is @n formatted the locale's way. */
static char *
describe_count (const char *type,
                guint       n,
                const char *count)
{
  if (g_str_equal (type, "cluster"))
    return g_strdup_printf (ngettext ("%s cluster", "%s clusters", n), count);
  if (g_str_equal (type, "partnership"))
    return g_strdup_printf (ngettext ("%s partnership", "%s partnerships", n), count);
  if (g_str_equal (type, "event"))
    return g_strdup_printf (ngettext ("%s event", "%s events", n), count);
  if (g_str_equal (type, "call"))
    return g_strdup_printf (ngettext ("%s call", "%s calls", n), count);

  return g_strdup_printf (ngettext ("%s record", "%s records", n), count);
}

static void
update_count (EccpBrowsePage *self)
{
  guint n = eccp_search_list_get_n_items (self->search_list);
  g_autofree char *count = eccp_format_integer (n);
  g_autofree char *label = describe_count (self->record_type, n, count);

  gtk_label_set_label (self->count_label, label);
}

static void
requery (EccpBrowsePage *self)
{
  g_autoptr(EccpQuery) query = build_query (self);

  eccp_search_list_set_query (self->search_list, query);
}

static void
filter_changed_cb (EccpBrowsePage *self)
{
  requery (self);
}

/* A call closed, a day began: what is open, closing or upcoming, and the
 * order of calls and events, move with time. */
static void
clock_changed_cb (EccpBrowsePage *self)
{
  if (self->record_type != NULL && self->sort_dropdown != NULL &&
      (g_str_equal (self->record_type, "call") || g_str_equal (self->record_type, "event")))
    requery (self);
}

static void update_actions (EccpBrowsePage *self);

/* Enter on a row or in the search, a double click, a click when the
 * window is narrow: the record, and the detail's actions when the
 * keyboard was in the list (so that Edit is one key away). */
static void
list_activated_cb (EccpBrowsePage *self,
                   EccpRecord     *record)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean in_list = focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) != NULL;

  eccp_search_list_set_selected_record (self->search_list, record);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (in_list || adw_leaflet_get_folded (self->leaflet))
    eccp_record_view_focus_actions (self->record_view);
}

static void
own_cluster_activated_cb (EccpBrowsePage *self,
                          const char     *id)
{
  eccp_browse_page_show_record (self, id);
  eccp_record_view_focus_actions (self->record_view);
}

static void
back_clicked_cb (EccpBrowsePage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  eccp_search_list_focus_list (self->search_list);
}

static void
folded_changed_cb (EccpBrowsePage *self)
{
  gtk_revealer_set_reveal_child (self->back_revealer, adw_leaflet_get_folded (self->leaflet));
}

/* Filters and sorting, from the tables */

static void
clear_filter (gpointer data)
{
  Filter *filter = data;

  g_clear_pointer (&filter->values, g_ptr_array_unref);
}

static GtkDropDown *
add_dropdown (EccpBrowsePage *self,
              GtkStringList  *labels,
              const char     *a11y_label)
{
  /* gtk_drop_down_new() takes the model: the caller keeps its own reference. */
  GtkWidget *dropdown = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (labels)), NULL);

  gtk_widget_set_tooltip_text (dropdown, a11y_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_label, -1);
  /* What takes the focus is the button inside: it needs the name too. */
  if (gtk_widget_get_first_child (dropdown) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (dropdown)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_label, -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_flow_box_append (self->filter_box, dropdown);

  return GTK_DROP_DOWN (dropdown);
}

static void
build_filters (EccpBrowsePage *self)
{
  const EccpTypeSpec *type = get_type_spec (self);
  g_autoptr(GtkStringList) sort_labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (filter_specs); i++)
    {
      const FilterSpec *spec = &filter_specs[i];
      g_autoptr(GtkStringList) labels = NULL;
      Filter filter = { spec, NULL, NULL };

      if (!g_str_equal (spec->type, self->record_type))
        continue;

      labels = gtk_string_list_new (NULL);
      filter.values = g_ptr_array_new_with_free_func (g_free);
      eccp_widget_add_choice (labels, filter.values, _(spec->all_label), "");

      switch (spec->kind)
        {
        case FILTER_FIELD:
          {
            const EccpFieldSpec *field = eccp_type_spec_get_field (type, spec->field);

            eccp_widget_add_field_choices (labels, filter.values, field);
          }
          break;

        case FILTER_EVENT_WHEN:
          eccp_widget_add_choice (labels, filter.values, _("Upcoming"), "upcoming");
          eccp_widget_add_choice (labels, filter.values, _("Past"), "past");
          break;

        case FILTER_CALL_STATUS:
          eccp_widget_add_choice (labels, filter.values, C_("call status", "Open"), "open");
          {
            g_autofree char *closing = g_strdup_printf (ngettext ("Closing within %d day", "Closing within %d days",
                                                                  ECCP_CALL_CLOSING_DAYS),
                                                        ECCP_CALL_CLOSING_DAYS);

            eccp_widget_add_choice (labels, filter.values, closing, "closing");
          }
          eccp_widget_add_choice (labels, filter.values, C_("call status", "Forthcoming"), "forthcoming");
          eccp_widget_add_choice (labels, filter.values, C_("call status", "Closed"), "closed");
          break;

        default:
          g_assert_not_reached ();
        }

      filter.dropdown = add_dropdown (self, labels, _(spec->a11y_label));
      g_array_append_val (self->filters, filter);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sort_specs); i++)
    {
      const SortSpec *spec = &sort_specs[i];

      if (!g_str_equal (spec->type, self->record_type))
        continue;

      gtk_string_list_append (sort_labels, _(spec->label));
      g_array_append_val (self->sorts, spec);
    }

  self->sort_dropdown = add_dropdown (self, sort_labels, _("Sort order"));
}

/* Actions */

static void
editor_saved_cb (EccpBrowsePage *self,
                 const char     *id)
{
  eccp_browse_page_show_record (self, id);
}

static void
open_editor (EccpBrowsePage *self,
             EccpRecord     *record)
{
  GtkWidget *editor;

  if (self->store == NULL)
    return;

  editor = eccp_record_editor_new (self->store, self->record_type, record);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
record_new_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (ECCP_BROWSE_PAGE (widget), NULL);
}

static void
record_edit_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EccpBrowsePage *self = ECCP_BROWSE_PAGE (widget);
  EccpRecord *record = eccp_record_view_get_record (self->record_view);

  if (record != NULL)
    open_editor (self, record);
}

static void
undo_delete_cb (EccpBrowsePage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->deleted == NULL || self->store == NULL)
    return;

  if (!eccp_store_restore (self->store, self->deleted, self->deleted_change, &error))
    {
      eccp_toast_show (GTK_WIDGET (self), eccp_toast_new (_("Could not undo: %s"), error->message));
      return;
    }

  eccp_browse_page_show_record (self, eccp_record_get_id (self->deleted));
  g_clear_object (&self->deleted);
  g_clear_pointer (&self->deleted_change, eccp_change_free);
}

static void
record_delete_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EccpBrowsePage *self = ECCP_BROWSE_PAGE (widget);
  EccpRecord *record = eccp_record_view_get_record (self->record_view);
  g_autoptr(EccpRecord) kept = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (record == NULL || self->store == NULL)
    return;

  kept = g_object_ref (record);
  change = eccp_store_get_change (self->store, self->record_type, eccp_record_get_id (kept), NULL);

  if (!eccp_store_delete (self->store, self->record_type, eccp_record_get_id (kept), &error))
    {
      eccp_toast_show (GTK_WIDGET (self), eccp_toast_new (_("Could not delete: %s"), error->message));
      return;
    }

  g_set_object (&self->deleted, kept);
  g_clear_pointer (&self->deleted_change, eccp_change_free);
  self->deleted_change = g_steal_pointer (&change);

  eccp_search_list_set_selected_record (self->search_list, NULL);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  /* Translators: a toast; %s is the record's name */
  toast = eccp_toast_new (_("“%s” deleted"), eccp_record_get_title (kept));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self,
                           G_CONNECT_SWAPPED);
  eccp_toast_show (GTK_WIDGET (self), toast);
  eccp_search_list_focus_list (self->search_list);
}

/* The list as the user filtered and searched it, every page of it */
static void
add_to_calendar_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EccpBrowsePage *self = ECCP_BROWSE_PAGE (widget);
  EccpRecordList *list = eccp_search_list_get_model (self->search_list);

  if (self->store != NULL && list != NULL)
    eccp_calendar_export_choose_query (widget, self->store, eccp_record_list_get_query (list));
}

static void
search_focus_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  eccp_browse_page_focus_search (ECCP_BROWSE_PAGE (widget));
}

/* Whether the user may change @record (%NULL: make a new one), by the
 * portal's rules and what GET /me said; the portal would refuse the rest. */
static gboolean
may_change (EccpBrowsePage     *self,
            const EccpTypeSpec *spec,
            EccpRecord         *record)
{
  EccpRights rights;
  JsonObject *event;
  const char *event_id;

  if (self->account == NULL)
    return TRUE;

  eccp_account_get_rights (self->account, &rights);
  if (record == NULL)
    return eccp_rights_may_create (&rights, spec, NULL);

  /* Made here and not yet taken by the portal: its maker's (the portal
   * lists it among theirs once it takes it). */
  if (eccp_record_get_rev (record) == 0)
    return TRUE;

  event = eccp_json_get_object (eccp_record_get_relationships (record), "event");
  event_id = eccp_json_get_string (eccp_json_get_object (event, "data"), "id");
  return eccp_rights_may_edit (&rights, spec, eccp_record_get_id (record), event_id);
}

static void
update_actions (EccpBrowsePage *self)
{
  const EccpTypeSpec *spec = get_type_spec (self);
  EccpRecord *record = eccp_record_view_get_record (self->record_view);
  gboolean editable = self->store != NULL && spec != NULL && !spec->append_only;

  gboolean can_create = editable && may_change (self, spec, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.new", can_create);
  if (can_create != self->can_create)
    {
      self->can_create = can_create;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CREATE]);
    }
  /* A record of another type shown here (an event's attendee) is read
   * only: this page's editor and rights are its own type's. */
  editable = editable && record != NULL && may_change (self, spec, record)
             && g_str_equal (eccp_record_get_type_name (record), self->record_type);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.edit", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.delete", editable);
}

/* Object life */

static void
eccp_browse_page_constructed (GObject *object)
{
  EccpBrowsePage *self = (EccpBrowsePage *)object;
  const EccpTypeSpec *spec = get_type_spec (self);
  g_autofree char *placeholder = NULL;

  G_OBJECT_CLASS (eccp_browse_page_parent_class)->constructed (object);

  g_return_if_fail (spec != NULL);

  /* Translators: the search entry's placeholder, "Search clusters" */
  placeholder = g_strdup_printf (_("Search %s"), _(spec->plural_label));
  g_object_set (self->search_list, "placeholder-text", placeholder, NULL);
  build_filters (self);
  gtk_widget_set_visible (self->calendar_button, eccp_ical_supports_type (self->record_type));
  requery (self);
  update_count (self);
  update_actions (self);
}

static void
eccp_browse_page_dispose (GObject *object)
{
  EccpBrowsePage *self = (EccpBrowsePage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_BROWSE_PAGE);
  eccp_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_object (&self->deleted);
  g_clear_pointer (&self->deleted_change, eccp_change_free);

  G_OBJECT_CLASS (eccp_browse_page_parent_class)->dispose (object);
}

static void
eccp_browse_page_finalize (GObject *object)
{
  EccpBrowsePage *self = (EccpBrowsePage *)object;

  g_clear_pointer (&self->filters, g_array_unref);
  g_clear_pointer (&self->sorts, g_array_unref);
  g_clear_pointer (&self->record_type, g_free);

  G_OBJECT_CLASS (eccp_browse_page_parent_class)->finalize (object);
}

static void
eccp_browse_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EccpBrowsePage *self = ECCP_BROWSE_PAGE (object);

  switch (prop_id)
    {
    case PROP_RECORD_TYPE:
      g_value_set_string (value, self->record_type);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_CAN_CREATE:
      g_value_set_boolean (value, self->can_create);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_browse_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EccpBrowsePage *self = ECCP_BROWSE_PAGE (object);

  switch (prop_id)
    {
    case PROP_RECORD_TYPE:
      g_free (self->record_type);
      self->record_type = g_value_dup_string (value);
      break;

    case PROP_STORE:
      eccp_browse_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_ACCOUNT:
      if (g_set_object (&self->account, g_value_get_object (value)))
        {
          /* "Your clusters" belongs to the Clusters view only */
          if (g_str_equal (self->record_type, "cluster"))
            g_object_set (self->own_clusters, "account", self->account, NULL);
          update_actions (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_browse_page_class_init (EccpBrowsePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = eccp_browse_page_constructed;
  object_class->dispose = eccp_browse_page_dispose;
  object_class->finalize = eccp_browse_page_finalize;
  object_class->get_property = eccp_browse_page_get_property;
  object_class->set_property = eccp_browse_page_set_property;

  properties[PROP_RECORD_TYPE] =
    g_param_spec_string ("record-type", NULL, NULL, "cluster",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The search list and the detail follow it (bound in the .ui). */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Who is signed in (the session's): Edit, Delete and New are offered
   * only for what they may change. */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, ECCP_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The user may make a record of the page's type here (record.new). */
  properties[PROP_CAN_CREATE] =
    g_param_spec_boolean ("can-create", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ECCP_TYPE_OWN_CLUSTERS);
  g_type_ensure (ECCP_TYPE_RECORD_VIEW);
  g_type_ensure (ECCP_TYPE_SEARCH_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-browse-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpBrowsePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EccpBrowsePage, search_list);
  gtk_widget_class_bind_template_child (widget_class, EccpBrowsePage, own_clusters);
  gtk_widget_class_bind_template_child (widget_class, EccpBrowsePage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, EccpBrowsePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, EccpBrowsePage, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, EccpBrowsePage, back_revealer);
  gtk_widget_class_bind_template_child (widget_class, EccpBrowsePage, record_view);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_count);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, own_cluster_activated_cb);

  gtk_widget_class_install_action (widget_class, "record.new", NULL, record_new_cb);
  gtk_widget_class_install_action (widget_class, "record.edit", NULL, record_edit_cb);
  gtk_widget_class_install_action (widget_class, "record.delete", NULL, record_delete_cb);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_focus_cb);
  gtk_widget_class_install_action (widget_class, "page.add-to-calendar", NULL, add_to_calendar_cb);

  /* Their shortcuts are the window's (win.new-record, win.edit, …), so
   * they work wherever the focus is. */

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eccp_browse_page_init (EccpBrowsePage *self)
{
  self->filters = g_array_new (FALSE, TRUE, sizeof (Filter));
  g_array_set_clear_func (self->filters, clear_filter);
  self->sorts = g_array_new (FALSE, FALSE, sizeof (const SortSpec *));

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (eccp_clock_get_default (), "changed", G_CALLBACK (clock_changed_cb), self,
                           G_CONNECT_SWAPPED);
  folded_changed_cb (self);
}

const char *
eccp_browse_page_get_record_type (EccpBrowsePage *self)
{
  g_return_val_if_fail (ECCP_IS_BROWSE_PAGE (self), NULL);

  return self->record_type;
}

void
eccp_browse_page_set_store (EccpBrowsePage *self,
                            EccpStore      *store)
{
  g_return_if_fail (ECCP_IS_BROWSE_PAGE (self));
  g_return_if_fail (store == NULL || ECCP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->deleted);
  g_clear_pointer (&self->deleted_change, eccp_change_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  update_count (self);
  update_actions (self);
}

gboolean
eccp_browse_page_get_can_create (EccpBrowsePage *self)
{
  g_return_val_if_fail (ECCP_IS_BROWSE_PAGE (self), FALSE);

  return self->can_create;
}

EccpStore *
eccp_browse_page_get_store (EccpBrowsePage *self)
{
  g_return_val_if_fail (ECCP_IS_BROWSE_PAGE (self), NULL);

  return self->store;
}

void
eccp_browse_page_show_record (EccpBrowsePage *self,
                              const char     *id)
{
  g_autoptr(EccpRecord) record = NULL;

  g_return_if_fail (ECCP_IS_BROWSE_PAGE (self));

  if (self->store != NULL && id != NULL)
    record = eccp_store_get (self->store, self->record_type, id, NULL);

  /* Its row is selected when the list has it in hand, else none. */
  eccp_search_list_set_selected_record (self->search_list, record);
  if (record == NULL && id != NULL)
    eccp_record_view_show (self->record_view, self->record_type, id);
  update_actions (self);
  if (id != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
eccp_browse_page_show_related (EccpBrowsePage *self,
                               const char     *type,
                               const char     *id)
{
  g_return_if_fail (ECCP_IS_BROWSE_PAGE (self));
  g_return_if_fail (type != NULL && id != NULL);

  /* Not one of this page's records: no row of the list is it */
  eccp_search_list_set_selected_record (self->search_list, NULL);
  eccp_record_view_show (self->record_view, type, id);
  update_actions (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
eccp_browse_page_focus_search (EccpBrowsePage *self)
{
  g_return_if_fail (ECCP_IS_BROWSE_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  eccp_search_list_focus_search (self->search_list);
}

GListModel *
eccp_browse_page_get_model (EccpBrowsePage *self)
{
  g_return_val_if_fail (ECCP_IS_BROWSE_PAGE (self), NULL);

  return G_LIST_MODEL (eccp_search_list_get_model (self->search_list));
}
