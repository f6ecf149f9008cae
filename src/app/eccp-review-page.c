/* eccp-review-page.c: the staff's Review view: what waits for review, a diff, a decision
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue is eccp_store_list_for_review() (oldest submission first),
 * read again whenever the store has settled and updated in place, so the
 * row a reviewer is on stays selected while a sync runs.  The detail is
 * the record's diff against its published version (EccpDiffView), a
 * cluster's publication criteria (EccpCriteriaList) and the two
 * decisions, which are local changes like any edit
 * (eccp_store_transition()): queued offline, sent on the next sync.
 * After a decision the record leaves the queue and the one after it is
 * shown, so a reviewer goes through the queue without the mouse.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-review-page.h"

#include "eccp-widget-util.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eccp-criteria-list.h"
#include "eccp-diff-view.h"
#include "eccp-json.h"
#include "eccp-record-row.h"
#include "eccp-review-dialog.h"
#include "eccp-review-row.h"
#include "eccp-rights.h"
#include "eccp-store-sync.h"
#include "eccp-toast.h"

struct _EccpReviewPage
{
  GtkWidget           parent_instance;

  EccpStore          *store;
  EccpAccount        *account;
  GSignalGroup       *store_signals;

  GListStore         *records;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  /* What the search folds to, %NULL when there is none */
  char               *search;
  /* Where the selection was: the record taking its place is shown when
   * it leaves the queue. */
  guint               last_position;
  gboolean            refreshing;
  EccpRecord         *record;

  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkRevealer        *back_revealer;
  GtkStack           *detail_stack;
  GtkScrolledWindow  *detail_scroll;
  GtkLabel           *type_label;
  GtkLabel           *title_label;
  GtkLabel           *summary_label;
  GtkLabel           *state_label;
  EccpCriteriaList   *criteria_list;
  EccpDiffView       *diff_view;
};

G_DEFINE_FINAL_TYPE (EccpReviewPage, eccp_review_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* {{{ A record in the queue */

static char *
record_key (EccpRecord *record)
{
  return g_strconcat (eccp_record_get_type_name (record), "\n", eccp_record_get_id (record), NULL);
}

/* Case and accents aside, and the letters the store's search folds */
static char *
fold (const char *text)
{
  g_autofree char *letters = eccp_store_fold_letters (text);
  g_autofree char *decomposed = g_utf8_normalize (letters, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, -1);
}

static gboolean
record_matches (gpointer item,
                gpointer user_data)
{
  EccpReviewPage *self = user_data;
  EccpRecord *record = item;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (self->search == NULL)
    return TRUE;

  summary = eccp_record_describe (record);
  text = g_strjoin ("\n", eccp_record_get_title (record), eccp_review_type_label (record), summary, NULL);
  folded = fold (text);
  words = g_strsplit_set (self->search, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* }}} */

static void selection_changed_cb (EccpReviewPage *self);

/* {{{ The queue */

static void
update_list_stack (EccpReviewPage *self)
{
  const char *name = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->records)) == 0)
    name = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    name = "no-match";

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

/* Another record than the one that left: the one now in its place, or
 * the last. */
static void
ensure_selection (EccpReviewPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (self->refreshing || n == 0
      || gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, MIN (self->last_position, n - 1));
}

static gboolean
same_record (EccpRecord *a,
             EccpRecord *b)
{
  g_autoptr(JsonNode) json_a = eccp_record_to_json (a);
  g_autoptr(JsonNode) json_b = eccp_record_to_json (b);

  return json_node_equal (json_a, json_b);
}

static guint
find_key (GListModel *model,
          const char *key,
          guint       from)
{
  for (guint i = from; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EccpRecord) record = g_list_model_get_item (model, i);
      g_autofree char *other = record_key (record);

      if (g_str_equal (key, other))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Makes the queue @records: the items that left are removed, new ones
 * inserted, changed ones replaced, the others left alone (their rows,
 * the selection and the focus with them). */
static void
update_records (EccpReviewPage *self,
                GPtrArray      *records)
{
  GListModel *model = G_LIST_MODEL (self->records);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < records->len; i++)
    g_hash_table_add (keys, record_key (g_ptr_array_index (records, i)));

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(EccpRecord) record = g_list_model_get_item (model, i - 1);
      g_autofree char *key = record_key (record);

      if (!g_hash_table_contains (keys, key))
        g_list_store_remove (self->records, i - 1);
    }

  for (guint i = 0; i < records->len; i++)
    {
      EccpRecord *record = g_ptr_array_index (records, i);
      g_autofree char *key = record_key (record);
      guint found = find_key (model, key, i);

      if (found == i)
        {
          g_autoptr(EccpRecord) old = g_list_model_get_item (model, i);

          if (!same_record (old, record))
            g_list_store_splice (self->records, i, 1, (gpointer *) &record, 1);
          continue;
        }

      if (found != GTK_INVALID_LIST_POSITION)
        g_list_store_remove (self->records, found);
      g_list_store_insert (self->records, i, record);
    }
}

/* Whether the queue is read at all: a scan of every moderated record,
 * not made after each sync for whom it is not shown (the window shows
 * the page to staff).  Nobody known (the demo): read while shown. */
static gboolean
reviews (EccpReviewPage *self)
{
  if (self->account == NULL)
    return gtk_widget_get_mapped (GTK_WIDGET (self));

  return eccp_account_has_role (self->account, "staff");
}

static void
refresh (EccpReviewPage *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_key = self->record != NULL ? record_key (self->record) : NULL;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  guint position;

  if (self->store != NULL && reviews (self))
    records = eccp_store_list_for_review (self->store, &error);
  if (records == NULL)
    {
      if (error != NULL)
        g_warning ("The review queue could not be read: %s", error->message);
      records = g_ptr_array_new_with_free_func (g_object_unref);
    }

  self->refreshing = TRUE;
  update_records (self, records);
  self->refreshing = FALSE;

  /* The record shown stays; gone, the one in its place is shown. */
  position = selected_key != NULL ? find_key (G_LIST_MODEL (self->selection), selected_key, 0)
                                  : GTK_INVALID_LIST_POSITION;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  else
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      ensure_selection (self);
    }

  selection_changed_cb (self);
  update_list_stack (self);
  if (n_before != records->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
}

static void
search_changed_cb (EccpReviewPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search, g_free);
  if (!eccp_field_spec_is_blank_text (text))
    self->search = fold (text);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  ensure_selection (self);
  update_list_stack (self);
}

static void
stop_search_cb (EccpReviewPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* }}} */

/* {{{ The detail */

static gboolean
may_move_to (EccpReviewPage *self,
             const char     *state)
{
  EccpRights rights;

  if (self->record == NULL || self->store == NULL)
    return FALSE;
  if (self->account == NULL)
    return TRUE;

  eccp_account_get_rights (self->account, &rights);

  return eccp_rights_check_transition (&rights, eccp_record_get_type_name (self->record),
                                       eccp_record_get_id (self->record),
                                       eccp_json_get_string (eccp_record_get_meta (self->record), "moderation_state"),
                                       state) == ECCP_TRANSITION_ALLOWED;
}

/* The decisions, and their shortcuts, only while the page is shown; a
 * cluster is approved only when it meets the publication criteria,
 * which the portal checks too (422 criteria_not_met). */
static void
update_actions (EccpReviewPage *self)
{
  gboolean shown = gtk_widget_get_mapped (GTK_WIDGET (self));
  gboolean publishable = self->record == NULL
                         || g_strcmp0 (eccp_record_get_type_name (self->record), "cluster") != 0
                         || eccp_criteria_list_get_met (self->criteria_list);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve",
                                 shown && publishable && may_move_to (self, "published"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.request-changes",
                                 shown && may_move_to (self, "changes_requested"));
}

static void
show_record (EccpReviewPage *self)
{
  EccpRecord *record = self->record;
  g_autofree char *submitted = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *state = NULL;
  const char *moderation;

  eccp_diff_view_set_record (self->diff_view, record);
  eccp_criteria_list_set_record (self->criteria_list, record);
  update_actions (self);

  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  submitted = eccp_review_describe_submitted (record);
  summary = eccp_record_describe (record);
  moderation = eccp_json_get_string (eccp_record_get_meta (record), "moderation_state");
  /* Translators: where a record stands in review, "Needs review · Submitted 2 days ago" */
  state = submitted != NULL ? g_strdup_printf (_("%s · %s"), eccp_moderation_state_label (moderation), submitted)
                            : g_strdup (eccp_moderation_state_label (moderation));

  gtk_label_set_label (self->type_label, eccp_review_type_label (record));
  gtk_label_set_label (self->title_label, eccp_record_get_title (record));
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), *summary != '\0');
  gtk_label_set_label (self->state_label, state);
  gtk_stack_set_visible_child_name (self->detail_stack, "record");
}

static void
selection_changed_cb (EccpReviewPage *self)
{
  EccpRecord *record = gtk_single_selection_get_selected_item (self->selection);
  guint position = gtk_single_selection_get_selected (self->selection);
  gboolean other = record == NULL || self->record == NULL
                   || g_strcmp0 (eccp_record_get_id (record), eccp_record_get_id (self->record)) != 0;

  if (self->refreshing || record == self->record)
    return;

  if (position != GTK_INVALID_LIST_POSITION)
    self->last_position = position;
  g_set_object (&self->record, record);
  show_record (self);

  /* Another record is read from its top */
  if (other)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroll), 0);
}

static void
list_activate_cb (EccpReviewPage *self,
                  guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (EccpReviewPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Hidden too, not only folded away: a revealer without transition kept
 * its height above the detail. */
static void
folded_changed_cb (EccpReviewPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->back_revealer), folded);
  gtk_revealer_set_reveal_child (self->back_revealer, folded);
}

/* The focus to the row shown, for Up and Down to go on through the
 * queue (not when the folded page shows the detail alone) */
static gboolean
focus_selected_row (EccpReviewPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION
      || (adw_leaflet_get_folded (self->leaflet)
          && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") != 0))
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Down in the search goes to the queue, as in the browse lists */
static gboolean
search_key_pressed_cb (EccpReviewPage  *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
      && (state & gtk_accelerator_get_default_mod_mask ()) == 0)
    return focus_selected_row (self);

  return GDK_EVENT_PROPAGATE;
}

/* Enter in the search opens the record shown (the narrow page goes to it) */
static void
search_activate_cb (EccpReviewPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    list_activate_cb (self, position);
}

/* Queues the transition of @type @id to @state: a local change, sent on
 * the next sync.  The record leaves the queue at once. */
static void
decide (EccpReviewPage *self,
        const char     *type,
        const char     *id,
        const char     *title,
        const char     *state,
        const char     *comment)
{
  g_autoptr(EccpRecord) moved = NULL;
  g_autoptr(GError) error = NULL;
  gboolean approve = g_str_equal (state, "published");

  if (self->store == NULL)
    return;

  moved = eccp_store_transition (self->store, type, id, state, comment, &error);
  if (moved == NULL)
    {
      eccp_toast_show (GTK_WIDGET (self),
                       approve ? eccp_toast_new (_("“%s” could not be approved: %s"), title, error->message)
                               : eccp_toast_new (_("Changes could not be requested for “%s”: %s"), title, error->message));
      return;
    }

  eccp_toast_show (GTK_WIDGET (self),
                   approve ? eccp_toast_new (_("“%s” approved: published on the next sync"), title)
                           : eccp_toast_new (_("Changes requested for “%s”: sent on the next sync"), title));
  refresh (self);
  focus_selected_row (self);
}

static void
approve_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EccpReviewPage *self = ECCP_REVIEW_PAGE (widget);
  g_autoptr(EccpRecord) record = self->record != NULL ? g_object_ref (self->record) : NULL;

  if (record == NULL || !may_move_to (self, "published"))
    return;

  decide (self, eccp_record_get_type_name (record), eccp_record_get_id (record),
          eccp_record_get_title (record), "published", NULL);
}

/* Which record the request-changes dialog is about */
typedef struct
{
  EccpReviewPage *page;
  char           *type;
  char           *id;
  char           *title;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_object_unref (request->page);
  g_free (request->type);
  g_free (request->id);
  g_free (request->title);
  g_free (request);
}

static void
comment_cb (const char *comment,
            gpointer    user_data)
{
  Request *request = user_data;

  decide (request->page, request->type, request->id, request->title, "changes_requested", comment);
}

static void
request_changes_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EccpReviewPage *self = ECCP_REVIEW_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  Request *request;

  if (self->record == NULL || !may_move_to (self, "changes_requested"))
    return;

  request = g_new0 (Request, 1);
  request->page = g_object_ref (self);
  request->type = g_strdup (eccp_record_get_type_name (self->record));
  request->id = g_strdup (eccp_record_get_id (self->record));
  request->title = g_strdup (eccp_record_get_title (self->record));
  eccp_review_comment_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      request->title, comment_cb, request, request_free);
}

/* }}} */

/* {{{ GObject */

static void
eccp_review_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (eccp_review_page_parent_class)->map (widget);
  if (ECCP_REVIEW_PAGE (widget)->account == NULL)
    refresh (ECCP_REVIEW_PAGE (widget));
  update_actions (ECCP_REVIEW_PAGE (widget));
}

static void
eccp_review_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (eccp_review_page_parent_class)->unmap (widget);
  update_actions (ECCP_REVIEW_PAGE (widget));
}

static void
eccp_review_page_dispose (GObject *object)
{
  EccpReviewPage *self = (EccpReviewPage *)object;

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_REVIEW_PAGE);
  eccp_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->records);
  g_clear_object (&self->record);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (eccp_review_page_parent_class)->dispose (object);
}

static void
eccp_review_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EccpReviewPage *self = ECCP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_N_WAITING:
      g_value_set_uint (value, eccp_review_page_get_n_waiting (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_review_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EccpReviewPage *self = ECCP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eccp_review_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT:
      eccp_review_page_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_review_page_class_init (EccpReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_review_page_dispose;
  object_class->get_property = eccp_review_page_get_property;
  object_class->set_property = eccp_review_page_set_property;
  widget_class->map = eccp_review_page_map;
  widget_class->unmap = eccp_review_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, ECCP_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ECCP_TYPE_CRITERIA_LIST);
  g_type_ensure (ECCP_TYPE_DIFF_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, back_revealer);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, detail_scroll);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, type_label);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, EccpReviewPage, diff_view);
  /* Not kept, but found by name (the tests) */
  gtk_widget_class_bind_template_child_full (widget_class, "empty_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "approve_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "request_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "show_all_switch", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "review.approve", NULL, approve_cb);
  gtk_widget_class_install_action (widget_class, "review.request-changes", NULL, request_changes_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eccp_review_page_init (EccpReviewPage *self)
{
  static const struct { const char *child; const char *name; } names[] = {
    { "approve_button", N_("Approve") },
    { "request_button", N_("Request changes") },
    { "show_all_switch", N_("Show all fields") },
  };
  g_autoptr(GtkListItemFactory) factory = eccp_review_row_factory_new ();
  GtkEventController *shortcuts;
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The names the journeys know them by, exactly (GTK 4.8 would add the
   * visible label: "Approve Approve") */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    eccp_widget_set_accessible_label (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), ECCP_TYPE_REVIEW_PAGE,
                                                                                 names[i].child)),
                                      _(names[i].name));

  self->records = g_list_store_new (ECCP_TYPE_RECORD);
  self->filter = gtk_custom_filter_new (record_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->records)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (ensure_selection), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->store_signals = g_signal_group_new (ECCP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "settled",
                                 G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);

  /* Window-wide, like the window's own shortcuts: the actions are
   * enabled only while the page is shown (update_actions()). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("review.approve")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("review.request-changes")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  /* Typing in the queue searches it */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  g_signal_connect_object (self->criteria_list, "notify::met", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self,
                           G_CONNECT_SWAPPED);
  folded_changed_cb (self);
  update_list_stack (self);
  show_record (self);
}

/* }}} */

EccpStore *
eccp_review_page_get_store (EccpReviewPage *self)
{
  g_return_val_if_fail (ECCP_IS_REVIEW_PAGE (self), NULL);

  return self->store;
}

void
eccp_review_page_set_store (EccpReviewPage *self,
                            EccpStore      *store)
{
  g_return_if_fail (ECCP_IS_REVIEW_PAGE (self));
  g_return_if_fail (store == NULL || ECCP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_group_set_target (self->store_signals, store);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EccpAccount *
eccp_review_page_get_account (EccpReviewPage *self)
{
  g_return_val_if_fail (ECCP_IS_REVIEW_PAGE (self), NULL);

  return self->account;
}

void
eccp_review_page_set_account (EccpReviewPage *self,
                              EccpAccount    *account)
{
  g_return_if_fail (ECCP_IS_REVIEW_PAGE (self));
  g_return_if_fail (account == NULL || ECCP_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  refresh (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

guint
eccp_review_page_get_n_waiting (EccpReviewPage *self)
{
  g_return_val_if_fail (ECCP_IS_REVIEW_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->records));
}

GListModel *
eccp_review_page_get_model (EccpReviewPage *self)
{
  g_return_val_if_fail (ECCP_IS_REVIEW_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

EccpRecord *
eccp_review_page_get_selected_record (EccpReviewPage *self)
{
  g_return_val_if_fail (ECCP_IS_REVIEW_PAGE (self), NULL);

  return self->record;
}

void
eccp_review_page_focus_search (EccpReviewPage *self)
{
  g_return_if_fail (ECCP_IS_REVIEW_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* vim: set foldmethod=marker: */
