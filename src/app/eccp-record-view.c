/* eccp-record-view.c: every field of one record, and its relations as links
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows come from the record type's field specs, so a field added to
 * the specs shows here without a change to this file.  A relation is a row
 * per related record that opens it (the action win.show-record); the
 * relations that point here from other records ("a cluster's
 * partnerships") are found with a query on the other type.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-record-view.h"
#include "eccp-record-view-private.h"

#include "eccp-widget-util.h"

#include <glib/gi18n.h>

#include "eccp-format.h"
#include "eccp-account.h"
#include "eccp-clock.h"
#include "eccp-criteria-list.h"
#include "eccp-diff.h"
#include "eccp-diff-view.h"
#include "eccp-event-attendees.h"
#include "eccp-field-spec.h"
#include "eccp-ical.h"
#include "eccp-json.h"
#include "eccp-record-row.h"
#include "eccp-rights.h"
#include "eccp-store-sync.h"
#include "eccp-toast.h"
#include "eccp-validation.h"
#include "eccp-when.h"

struct _EccpRecordView
{
  GtkWidget             parent_instance;

  EccpStore            *store;
  EccpRecord           *record;
  /* Who is signed in: Submit for review is offered to a record's
   * managers.  %NULL (the demo data) offers it on every moderated type. */
  EccpAccount          *account;
  char                 *type;
  char                 *id;
  /* The groups made for the current record, removed on the next. */
  GPtrArray            *groups;
  /* What the link groups show (related records' names and states, how
   * many point here): a change there rebuilds the view too. */
  char                 *links_key;
  /* The store's "settled", connected while there is a store. */
  GSignalGroup         *store_signals;

  GtkStack             *stack;
  AdwPreferencesPage   *page;
  GtkLabel             *type_label;
  GtkLabel             *title_label;
  GtkLabel             *badge_label;
  GtkWidget            *state_box;
  GtkImage             *state_image;
  GtkLabel             *state_label;
  GtkWidget            *changes_button;
  GtkWidget            *edit_button;
  GtkWidget            *delete_button;
  GtkWidget            *meetings_button;
  GtkWidget            *calendar_button;
  GtkLabel             *moderation_label;
  GtkLabel             *comment_label;
  GtkWidget            *version_box;
  GtkToggleButton      *published_toggle;
  GtkToggleButton      *draft_toggle;
  GtkWidget            *submit_box;
  GtkWidget            *submit_button;
  GtkWidget            *venue_button;
  GtkLabel             *submit_hint;
  EccpCriteriaList     *criteria_list;
  GtkWidget            *diff_group;
  EccpDiffView         *diff_view;
  /* An event's attendees: one for the view's life, moved into each
   * rebuild's group, so a rebuild keeps its search and scroll. */
  GtkWidget            *attendees;
};

G_DEFINE_FINAL_TYPE (EccpRecordView, eccp_record_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_groups (EccpRecordView *self)
{
  GtkWidget *group = gtk_widget_get_ancestor (self->attendees, ADW_TYPE_PREFERENCES_GROUP);

  if (group != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), self->attendees);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static AdwPreferencesGroup *
add_group (EccpRecordView *self,
           const char     *title)
{
  AdwPreferencesGroup *group = eccp_widget_add_group (self->page, title);

  g_ptr_array_add (self->groups, group);

  return group;
}

static GtkWidget *
value_row (const char *label,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  eccp_widget_set_row_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_add_css_class (row, "property");

  if (value != NULL && *value != '\0')
    {
      eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), value);
    }
  else
    {
      eccp_widget_set_row_subtitle (ADW_PREFERENCES_ROW (row), _("Not set"));
      gtk_widget_add_css_class (row, "unset");
    }

  return row;
}

static void
add_link_group (EccpRecordView *self,
                LinkGroup      *links)
{
  AdwPreferencesGroup *group = add_group (self, links->title);

  if (links->total > REVERSE_MAX)
    {
      g_autofree char *total = eccp_format_integer (links->total);
      /* Translators: "The first 50 of 1,204" related records */
      g_autofree char *more = g_strdup_printf (ngettext ("The first %d of %s", "The first %d of %s",
                                                         (gulong) links->total),
                                               REVERSE_MAX, total);
      eccp_widget_set_group_description (group, more);
    }
  else if (links->links->len == 0)
    eccp_widget_set_group_description (group, _("None"));

  for (guint i = 0; i < links->links->len; i++)
    adw_preferences_group_add (group, _eccp_record_view_link_row (g_ptr_array_index (links->links, i)));
}

static void
add_field_rows (EccpRecordView       *self,
                AdwPreferencesGroup  *group,
                const EccpFieldSpec  *fields,
                guint                 n_fields,
                JsonObject           *values,
                const char           *prefix)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const EccpFieldSpec *field = &fields[i];
      JsonNode *node = values != NULL ? json_object_get_member (values, field->name) : NULL;
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      if (eccp_field_spec_is_relation (field) || field->kind == ECCP_FIELD_OBJECT)
        continue;
      if (field->flags & ECCP_FIELD_FLAG_TITLE || _eccp_record_view_is_cut_offs (field))
        continue;

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        text = _eccp_record_view_display_value (self->record, field, node);

      label = prefix != NULL ? g_strdup_printf ("%s", _(field->label)) : g_strdup (_(field->label));
      adw_preferences_group_add (group, value_row (label, text));
    }
}

/* Where a moderated record stands, and staff's comment when they sent it
 * back: shown, not only in the JSON (#11). */
static void
update_moderation (EccpRecordView *self)
{
  const EccpTypeSpec *spec = eccp_type_spec_lookup (eccp_record_get_type_name (self->record));
  JsonObject *meta = eccp_record_get_meta (self->record);
  const char *state = eccp_json_get_string (meta, "moderation_state");
  const char *comment = eccp_json_get_string (meta, "review_comment");
  gboolean sent_back = g_strcmp0 (state, "changes_requested") == 0;
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->moderation_label),
                          spec != NULL && spec->moderated && state != NULL);
  if (state != NULL)
    {
      /* Translators: a record's moderation state, "Review: Changes requested";
       * what staff call "Needs review" is, on the record, "In review" */
      text = g_strdup_printf (_("Review: %s"), g_strcmp0 (state, "needs_review") == 0
                              ? C_("moderation state", "In review")
                              : eccp_moderation_state_label (state));
      gtk_label_set_label (self->moderation_label, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->comment_label), sent_back && comment != NULL && *comment != '\0');
  if (sent_back && comment != NULL)
    {
      /* Translators: staff's comment, quoted */
      quoted = g_strdup_printf (_("Staff asked: “%s”"), comment);
      gtk_label_set_label (self->comment_label, quoted);
    }
}

static void
update_state (EccpRecordView *self)
{
  EccpSyncState state = eccp_record_get_sync_state (self->record);
  const char *icon_name = eccp_sync_state_icon_name (state);

  gtk_widget_set_visible (self->state_box, icon_name != NULL);
  if (icon_name == NULL)
    return;

  gtk_image_set_from_icon_name (self->state_image, icon_name);
  gtk_label_set_label (self->state_label, eccp_sync_state_describe (state));
  gtk_widget_remove_css_class (self->state_box, "warning");
  if (state != ECCP_SYNC_STATE_PENDING)
    gtk_widget_add_css_class (self->state_box, "warning");
}

/* Publishing (#11) */

/* The attributes of the last published revision, when the user sees a
 * working copy that differs from it (portal-api.md section 3), or %NULL */
static JsonObject *
get_published (EccpRecordView *self)
{
  const EccpTypeSpec *spec = eccp_type_spec_lookup (eccp_record_get_type_name (self->record));
  JsonObject *published = eccp_json_get_object (eccp_record_get_meta (self->record), "published");
  g_autoptr(GPtrArray) changes = NULL;

  if (spec == NULL || published == NULL)
    return NULL;

  if (self->account != NULL)
    {
      EccpRights rights;

      eccp_account_get_rights (self->account, &rights);
      if (!eccp_rights_sees_working_copy (&rights, spec->name, eccp_record_get_id (self->record)))
        return NULL;
    }

  changes = eccp_diff_attributes (spec, published, eccp_record_get_attributes (self->record), FALSE);

  return changes->len > 0 ? published : NULL;
}

static gboolean
showing_published (EccpRecordView *self)
{
  return gtk_widget_get_visible (self->version_box)
         && gtk_toggle_button_get_active (self->published_toggle);
}

/* A draft or a record sent back, to its managers: staff approve or send
 * back, submitting is not their move (portal-api.md section 5) unless
 * they manage the record too.  Nobody known (the demo): to anyone. */
static gboolean
may_submit (EccpRecordView     *self,
            const EccpTypeSpec *spec)
{
  if (spec == NULL || !spec->moderated)
    return FALSE;
  if (self->account != NULL && !eccp_account_manages_record (self->account, self->record))
    return FALSE;

  return eccp_account_check_record_transition (self->account, self->record, "needs_review")
         == ECCP_TRANSITION_ALLOWED;
}

/* Why Submit for review is off: the fixes of the criteria that fail, or
 * %NULL when they are all met.  Only a cluster has criteria (the store
 * checks only a cluster's, as the portal does): the checklist is met for
 * any other type. */
static char *
describe_unmet (EccpRecordView *self)
{
  EccpRecord *judged = eccp_criteria_list_get_record (self->criteria_list);
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(GString) fixes = NULL;

  if (judged == NULL || eccp_criteria_list_get_met (self->criteria_list))
    return NULL;

  fixes = g_string_new (NULL);
  criteria = eccp_publication_criteria_evaluate (eccp_record_get_attributes (judged));
  for (guint i = 0; i < criteria->len; i++)
    {
      const EccpCriterion *criterion = g_ptr_array_index (criteria, i);

      if (criterion->met)
        continue;
      if (fixes->len > 0)
        /* Translators: between the fixes of two criteria */
        g_string_append (fixes, _("; "));
      g_string_append (fixes, criterion->fix);
    }

  /* Translators: why Submit for review is off: "… first: Add a website" */
  return g_strdup_printf (_("Meet every publication criterion first: %s"), fixes->str);
}

/* Submit for review waits for the publication criteria, and says why. */
static void
update_submit (EccpRecordView *self)
{
  g_autofree char *why = describe_unmet (self);

  gtk_widget_set_sensitive (self->submit_button, why == NULL);
  gtk_widget_set_tooltip_text (self->submit_button, why != NULL ? why
                               : _("Send the record to the portal’s staff, who publish it or ask for changes"));
  gtk_label_set_label (self->submit_hint, why != NULL ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->submit_hint), why != NULL);

  /* One suggested action: Submit once it can be, else Edit (to fix it) */
  if (gtk_widget_get_visible (self->submit_box) && why == NULL)
    gtk_widget_remove_css_class (self->edit_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->edit_button, "suggested-action");
}

/* The button, and the checklist with it for a cluster */
static void
offer_submit (EccpRecordView     *self,
              const EccpTypeSpec *spec)
{
  /* The checklist judges the draft: not beside the published version */
  gboolean offered = self->record != NULL && !showing_published (self) && may_submit (self, spec);

  gtk_widget_set_visible (self->submit_box, offered);
  eccp_criteria_list_set_record (self->criteria_list, offered ? self->record : NULL);
  update_submit (self);
}

static void
submit_clicked_cb (EccpRecordView *self)
{
  g_autoptr(EccpRecord) submitted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->record == NULL || self->store == NULL)
    return;

  title = g_strdup (eccp_record_get_title (self->record));
  /* Queued as a local change, sent with the next sync (offline too) */
  submitted = eccp_store_transition (self->store, eccp_record_get_type_name (self->record),
                                     eccp_record_get_id (self->record), "needs_review", NULL, &error);
  if (submitted == NULL)
    {
      /* Translators: a toast; the record's name, then why */
      eccp_toast_show (GTK_WIDGET (self), eccp_toast_new (_("Could not submit “%s”: %s"),
                                                          title, error->message));
      gtk_label_set_label (self->submit_hint, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->submit_hint), TRUE);
      return;
    }

  /* Translators: a toast; %s is the record's name */
  eccp_toast_show (GTK_WIDGET (self), eccp_toast_new (_("“%s” submitted for review"), title));
}

/* An event's meetings (#12): offered to who may change them */
static void
offer_meetings (EccpRecordView *self)
{
  const char *id = eccp_record_get_id (self->record);
  gboolean offered = g_strcmp0 (eccp_record_get_type_name (self->record), "event") == 0;

  if (offered && self->account != NULL)
    {
      EccpRights rights;

      eccp_account_get_rights (self->account, &rights);
      offered = eccp_rights_may_edit (&rights, eccp_type_spec_lookup ("meeting"), NULL, id);
    }

  /* The name with its target: win.show-meetings takes the event's id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->meetings_button), "s", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->meetings_button), "win.show-meetings");
  gtk_widget_set_visible (self->meetings_button, offered);
}

/* A call's cut-offs or an event, for a calendar: anyone may */
static void
offer_calendar (EccpRecordView *self)
{
  const char *type = eccp_record_get_type_name (self->record);
  gboolean offered = eccp_ical_supports_type (type);

  gtk_widget_set_visible (self->calendar_button, offered);
  if (offered)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->calendar_button), "(ss)",
                                      type, eccp_record_get_id (self->record));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->calendar_button),
                                  offered ? "win.add-to-calendar" : NULL);
}

static void rebuild (EccpRecordView *self,
                     GPtrArray      *links);

static void
version_toggled_cb (EccpRecordView *self)
{
  if (self->record != NULL)
    rebuild (self, NULL);
}

/* A new record is shown as its draft first. */
static void
show_draft (EccpRecordView *self)
{
  g_signal_handlers_block_by_func (self->published_toggle, version_toggled_cb, self);
  gtk_toggle_button_set_active (self->draft_toggle, TRUE);
  g_signal_handlers_unblock_by_func (self->published_toggle, version_toggled_cb, self);
}

/* The record's title in @attributes (its type's title field) */
static const char *
title_in (const EccpTypeSpec *spec,
          JsonObject         *attributes)
{
  for (guint i = 0; i < spec->n_fields; i++)
    if (spec->fields[i].flags & ECCP_FIELD_FLAG_TITLE)
      return eccp_json_get_string (attributes, spec->fields[i].name);

  return NULL;
}

/* Venue mode, for an event the user may edit (its team); for anyone in
 * the demo, where nobody is signed in. */
static void
offer_venue (EccpRecordView     *self,
             const EccpTypeSpec *spec)
{
  gboolean offered = spec != NULL && g_str_equal (spec->name, "event");
  const char *id = self->record != NULL ? eccp_record_get_id (self->record) : NULL;

  if (offered && self->account != NULL)
    {
      EccpRights rights;

      eccp_account_get_rights (self->account, &rights);
      offered = eccp_rights_may_edit (&rights, spec, id, id);
    }

  gtk_widget_set_visible (self->venue_button, offered);
  /* The action with its event: win.venue-mode takes the id */
  if (offered)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->venue_button), "s", id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->venue_button), "win.venue-mode");
    }
}

/* A call's cut-offs, each in a row of its own, and its badge under the
 * title: of the version shown (@attributes) at the clock's now */
static void
add_cut_offs (EccpRecordView     *self,
              const EccpTypeSpec *spec,
              JsonObject         *attributes)
{
  g_autoptr(GDateTime) now = eccp_clock_get_now (eccp_clock_get_default ());
  g_autoptr(EccpRecord) shown = eccp_record_new (eccp_record_get_type_name (self->record),
                                                 eccp_record_get_id (self->record));

  if (attributes != NULL)
    eccp_record_take_trees (shown, json_object_ref (attributes), NULL, NULL);
  eccp_when_show_call_badge (self->badge_label, shown, now);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      if (_eccp_record_view_is_cut_offs (&spec->fields[i]))
        _eccp_record_view_add_deadlines (add_group (self, _(spec->fields[i].label)), shown, now);
    }
}

/* Shows the record, and @links (collect_link_groups(), %NULL: read them
 * now) */
static void
rebuild (EccpRecordView *self,
         GPtrArray      *links)
{
  g_autoptr(GPtrArray) collected = NULL;
  const EccpTypeSpec *spec;
  AdwPreferencesGroup *group;
  JsonObject *attributes;
  JsonObject *published;

  clear_groups (self);
  g_clear_pointer (&self->links_key, g_free);

  if (self->record == NULL)
    {
      offer_submit (self, NULL);
      offer_venue (self, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->badge_label), FALSE);
      eccp_diff_view_set_record (self->diff_view, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (links == NULL)
    links = collected = _eccp_record_view_collect_links (self->store, self->record);
  self->links_key = _eccp_record_view_links_key (links);

  spec = eccp_type_spec_lookup (eccp_record_get_type_name (self->record));
  published = get_published (self);
  gtk_widget_set_visible (self->version_box, published != NULL);
  gtk_widget_set_visible (self->diff_group, published != NULL);
  eccp_diff_view_set_record (self->diff_view, published != NULL ? self->record : NULL);
  attributes = showing_published (self) ? published : eccp_record_get_attributes (self->record);

  gtk_label_set_label (self->type_label, spec != NULL ? _(spec->label) : self->type);
  gtk_label_set_label (self->title_label, showing_published (self) && title_in (spec, published) != NULL
                                          ? title_in (spec, published) : eccp_record_get_title (self->record));
  update_state (self);
  update_moderation (self);
  offer_submit (self, spec);
  offer_venue (self, spec);
  offer_meetings (self);
  offer_calendar (self);

  if (spec == NULL)
    return;

  /* A call's cut-offs first: what people open a call for */
  add_cut_offs (self, spec, attributes);
  group = add_group (self, _("Details"));
  if (showing_published (self))
    eccp_widget_set_group_description (group, _("As the portal shows it to everyone until staff publish your draft."));
  add_field_rows (self, group, spec->fields, spec->n_fields, attributes, NULL);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const EccpFieldSpec *field = &spec->fields[i];

      if (field->kind == ECCP_FIELD_OBJECT)
        {
          JsonObject *values = attributes != NULL && json_object_has_member (attributes, field->name)
                             && JSON_NODE_HOLDS_OBJECT (json_object_get_member (attributes, field->name))
                             ? json_object_get_object_member (attributes, field->name) : NULL;

          group = add_group (self, _(field->label));
          add_field_rows (self, group, field->children, field->n_children, values, field->name);
        }
    }

  for (guint i = 0; i < links->len; i++)
    add_link_group (self, g_ptr_array_index (links, i));

  if (g_str_equal (spec->name, "event"))
    {
      eccp_event_attendees_set_event_id (ECCP_EVENT_ATTENDEES (self->attendees), eccp_record_get_id (self->record));
      adw_preferences_group_add (add_group (self, NULL), self->attendees);
    }
  else
    eccp_event_attendees_set_event_id (ECCP_EVENT_ATTENDEES (self->attendees), NULL);

  gtk_stack_set_visible_child_name (self->stack, "record");
}

/* Shows @record (the view's own reference), unless it is the record
 * shown already, unchanged, and so are the records it links to and those
 * that point to it: then the rows stay (and the scroll position, and any
 * text the user selected). */
static void
take_record (EccpRecordView *self,
             EccpRecord     *record)
{
  g_autoptr(EccpRecord) owned = record;

  if (record != NULL && self->record != NULL)
    {
      g_autoptr(JsonNode) old_json = eccp_record_to_json (self->record);
      g_autoptr(JsonNode) new_json = eccp_record_to_json (record);

      if (json_node_equal (old_json, new_json))
        {
          g_autoptr(GPtrArray) links = NULL;
          g_autofree char *key = NULL;

          /* The same record, read again by someone else (the list, whose
           * rows come from the reader thread): shown as it is, held as the
           * latest one read, so the selection and the view agree. */
          g_set_object (&self->record, record);
          links = _eccp_record_view_collect_links (self->store, self->record);
          key = _eccp_record_view_links_key (links);

          /* A partnership made with this cluster, a member renamed */
          if (g_strcmp0 (key, self->links_key) != 0)
            rebuild (self, links);
          return;
        }
    }

  if (record == NULL && self->record == NULL)
    {
      rebuild (self, NULL);
      return;
    }

  if (record == NULL || self->record == NULL
      || g_strcmp0 (eccp_record_get_id (record), eccp_record_get_id (self->record)) != 0)
    show_draft (self);
  g_set_object (&self->record, record);
  rebuild (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

static void
reload (EccpRecordView *self)
{
  EccpRecord *record = NULL;

  if (self->store != NULL && self->id != NULL)
    record = eccp_store_get (self->store, self->type, self->id, NULL);

  take_record (self, record);
}

/* An edit or a sync shows at once, a deletion empties the view.  The
 * store says so once a burst of commits is over (EccpStore::settled). */
static void
store_settled_cb (EccpRecordView *self)
{
  if (self->id != NULL)
    reload (self);
}

/* A cut-off passed, a day began: a call's badge and its "Passed" and
 * "Next" move. */
static void
clock_changed_cb (EccpRecordView *self)
{
  if (self->record != NULL && g_str_equal (eccp_record_get_type_name (self->record), "call"))
    rebuild (self, NULL);
}

static void
eccp_record_view_dispose (GObject *object)
{
  EccpRecordView *self = (EccpRecordView *)object;

  g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECCP_TYPE_RECORD_VIEW);
  eccp_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->account);
  g_clear_object (&self->attendees);

  G_OBJECT_CLASS (eccp_record_view_parent_class)->dispose (object);
}

static void
eccp_record_view_finalize (GObject *object)
{
  EccpRecordView *self = (EccpRecordView *)object;

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->store_signals);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->links_key, g_free);

  G_OBJECT_CLASS (eccp_record_view_parent_class)->finalize (object);
}

static void
eccp_record_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EccpRecordView *self = ECCP_RECORD_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_record_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EccpRecordView *self = ECCP_RECORD_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eccp_record_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_RECORD:
      eccp_record_view_set_record (self, g_value_get_object (value));
      break;

    case PROP_ACCOUNT:
      if (g_set_object (&self->account, g_value_get_object (value)))
        {
          if (self->record != NULL)
            rebuild (self, NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eccp_record_view_class_init (EccpRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eccp_record_view_dispose;
  object_class->finalize = eccp_record_view_finalize;
  object_class->get_property = eccp_record_view_get_property;
  object_class->set_property = eccp_record_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ECCP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The record shown: setting it shows that record (read again from the
   * store when it changes there); %NULL shows nothing. */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ECCP_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Who is signed in (the browse page's): Submit for review and the
   * published version are offered to those the portal lets use them. */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, ECCP_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ECCP_TYPE_CRITERIA_LIST);
  g_type_ensure (ECCP_TYPE_DIFF_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/eu/clustercollaboration/Desk/eccp-record-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, stack);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, page);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, type_label);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, title_label);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, badge_label);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, state_box);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, state_image);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, state_label);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, changes_button);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, meetings_button);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, moderation_label);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, comment_label);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, version_box);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, published_toggle);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, draft_toggle);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, submit_box);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, submit_button);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, venue_button);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, submit_hint);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, diff_group);
  gtk_widget_class_bind_template_child (widget_class, EccpRecordView, diff_view);
  gtk_widget_class_bind_template_callback (widget_class, update_submit);
  gtk_widget_class_bind_template_callback (widget_class, submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_toggled_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eccp_record_view_init (EccpRecordView *self)
{
  self->groups = g_ptr_array_new ();
  self->store_signals = g_signal_group_new (ECCP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "settled", G_CALLBACK (store_settled_cb), self,
                                 G_CONNECT_SWAPPED);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (eccp_clock_get_default (), "changed", G_CALLBACK (clock_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->attendees = g_object_ref_sink (eccp_event_attendees_new ());
  g_object_bind_property (self, "store", self->attendees, "store", G_BINDING_SYNC_CREATE);

  /* Named by their words alone: GTK 4.8 would add the mnemonic label's
   * ("Edit Edit"), and the journeys find them by these names. */
  eccp_widget_set_accessible_label (self->changes_button, _("Review this change"));
  eccp_widget_set_accessible_label (self->edit_button, _("Edit"));
  eccp_widget_set_accessible_label (self->delete_button, _("Delete"));
  eccp_widget_set_accessible_label (self->meetings_button, _("Meetings"));
  eccp_widget_set_accessible_label (self->submit_button, _("Submit for review"));
  eccp_widget_set_accessible_label (GTK_WIDGET (self->published_toggle), _("Published version"));
  eccp_widget_set_accessible_label (GTK_WIDGET (self->draft_toggle), _("Your draft"));
}

GtkWidget *
eccp_record_view_new (void)
{
  return g_object_new (ECCP_TYPE_RECORD_VIEW, NULL);
}

void
eccp_record_view_set_store (EccpRecordView *self,
                            EccpStore      *store)
{
  g_return_if_fail (ECCP_IS_RECORD_VIEW (self));
  g_return_if_fail (store == NULL || ECCP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_group_set_target (self->store_signals, store);
  eccp_record_view_show (self, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EccpStore *
eccp_record_view_get_store (EccpRecordView *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_VIEW (self), NULL);

  return self->store;
}

void
eccp_record_view_show (EccpRecordView *self,
                       const char     *type,
                       const char     *id)
{
  g_return_if_fail (ECCP_IS_RECORD_VIEW (self));

  g_free (self->type);
  g_free (self->id);
  self->type = g_strdup (type);
  self->id = g_strdup (id);
  reload (self);
}

void
eccp_record_view_set_record (EccpRecordView *self,
                             EccpRecord     *record)
{
  g_return_if_fail (ECCP_IS_RECORD_VIEW (self));
  g_return_if_fail (record == NULL || ECCP_IS_RECORD (record));

  g_free (self->type);
  g_free (self->id);
  self->type = record != NULL ? g_strdup (eccp_record_get_type_name (record)) : NULL;
  self->id = record != NULL ? g_strdup (eccp_record_get_id (record)) : NULL;
  take_record (self, record != NULL ? g_object_ref (record) : NULL);
}

EccpRecord *
eccp_record_view_get_record (EccpRecordView *self)
{
  g_return_val_if_fail (ECCP_IS_RECORD_VIEW (self), NULL);

  return self->record;
}

/* The keyboard to the record's first action (Review, else Edit), or the
 * first thing of the view that takes the focus. */
void
eccp_record_view_focus_actions (EccpRecordView *self)
{
  GtkWidget *buttons[2];

  g_return_if_fail (ECCP_IS_RECORD_VIEW (self));

  buttons[0] = self->changes_button;
  buttons[1] = self->edit_button;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (gtk_widget_is_visible (buttons[i]) && gtk_widget_is_sensitive (buttons[i])
        && gtk_widget_grab_focus (buttons[i]))
      return;

  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}
