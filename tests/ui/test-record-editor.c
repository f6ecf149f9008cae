/* test-record-editor.c: the record editor, in a real window, over a real store
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under run-under-x.  Each test opens an EccpRecordEditor over a
 * store holding the demo set, types into its rows as a person would
 * (gtk_editable_set_text on the entry rows, the picker's list activated),
 * and checks what the form says and what lands in the store: a new
 * partnership linking two clusters, an edit that sends only the field it
 * changed, messages as you type, times in the event's own time zone.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "eccp-test-util.h"
#include "ui-test-util.h"
#include "ui-widget-util.h"

#include "eccp-conflict-dialog.h"
#include "eccp-date.h"
#include "eccp-field-row-private.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-record-editor.h"
#include "eccp-record-picker.h"
#include "eccp-record-slot.h"
#include "eccp-search-list.h"
#include "eccp-store-sync.h"

typedef struct
{
  char             *dir;
  EccpStore        *store;
  EccpRecordEditor *editor;
  char             *saved_id;
  guint             n_saved;
} Fixture;

/* {{{ Finding widgets */

static GtkWidget *
row (Fixture    *fixture,
     const char *title)
{
  GtkWidget *found = ui_test_find_descendant (GTK_WIDGET (fixture->editor), ui_test_is_row_titled, (gpointer) title);

  if (found == NULL)
    g_error ("The editor has no row titled “%s”", title);

  return found;
}

static gboolean
is_button_named (GtkWidget *widget,
                 gpointer   name)
{
  return GTK_IS_BUTTON (widget)
         && gtk_widget_get_visible (widget)
         && (g_strcmp0 (gtk_widget_get_tooltip_text (widget), name) == 0
             || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), name) == 0);
}

static GtkWidget *
button (GtkWidget  *widget,
        const char *name)
{
  GtkWidget *found = ui_test_find_descendant (widget, is_button_named, (gpointer) name);

  if (found == NULL)
    g_error ("No button “%s”", name);

  return found;
}

static GtkWidget *
save_button (Fixture *fixture)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->editor),
                                                     ECCP_TYPE_RECORD_EDITOR, "save_button"));
}

static void
type_into (Fixture    *fixture,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, title)), text);
}

/* The message shown below a row of the Details group (the row after it),
 * or %NULL when none is shown. */
static const char *
message_below (Fixture    *fixture,
               const char *title)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row (fixture, title));
  GtkWidget *label;

  g_assert_nonnull (next);
  g_assert_true (gtk_widget_has_css_class (next, "field-message"));
  if (!gtk_widget_get_visible (next))
    return NULL;

  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next));
  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
row_is_error (Fixture    *fixture,
              const char *title)
{
  return gtk_widget_has_css_class (row (fixture, title), "error");
}

/* }}} */

/* {{{ Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("eccp-test-editor-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = ui_test_store_new (fixture->dir, UI_TEST_DEMO_CLUSTERS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  g_clear_object (&fixture->editor);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  eccp_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->saved_id, g_free);
}

static void
saved_cb (EccpRecordEditor *editor,
          const char       *id,
          Fixture          *fixture)
{
  g_free (fixture->saved_id);
  fixture->saved_id = g_strdup (id);
  fixture->n_saved++;
}

static void
open_editor (Fixture    *fixture,
             const char *type,
             EccpRecord *record)
{
  GtkWidget *editor = eccp_record_editor_new (fixture->store, type, record);

  fixture->editor = g_object_ref (ECCP_RECORD_EDITOR (editor));
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (editor));
  ui_test_wait_until (ui_test_is_mapped, editor, 10000, "the editor to be mapped");
}

static gboolean
editor_closed (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !gtk_widget_get_visible (GTK_WIDGET (fixture->editor));
}

static void
save (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL);
}

static EccpRecord *
get_record (Fixture    *fixture,
            const char *type,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  EccpRecord *record = eccp_store_get (fixture->store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);

  return record;
}

static EccpRecord *
first_record (Fixture    *fixture,
              const char *type,
              const char *search)
{
  g_autoptr(EccpQuery) query = eccp_query_new (type);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  if (search != NULL)
    eccp_query_set_search (query, search);
  eccp_query_set_range (query, 0, 1);
  records = eccp_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);

  return g_object_ref (g_ptr_array_index (records, 0));
}

/* }}} */

/* {{{ The picker */

static EccpRecordPicker *
find_picker (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  EccpRecordPicker *picker = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ECCP_IS_RECORD_PICKER (l->data) && gtk_widget_get_visible (l->data))
        picker = l->data;
    }
  g_list_free (toplevels);

  return picker;
}

static gboolean
picker_shown (gpointer user_data)
{
  EccpRecordPicker *picker = find_picker ();

  return picker != NULL && gtk_widget_get_mapped (GTK_WIDGET (picker));
}

static gboolean
picker_gone (gpointer user_data)
{
  return find_picker () == NULL;
}

typedef struct
{
  GListModel *model;
  const char *title;
} FirstWanted;

static gboolean
first_is (gpointer user_data)
{
  FirstWanted *wanted = user_data;
  g_autoptr(EccpRecordSlot) slot = NULL;
  EccpRecord *record;

  if (g_list_model_get_n_items (wanted->model) == 0)
    return FALSE;

  /* The list view shows slots, each its position's record */
  slot = g_list_model_get_item (wanted->model, 0);
  record = eccp_record_slot_get_record (slot);
  return record != NULL && g_strcmp0 (eccp_record_get_title (record), wanted->title) == 0;
}

/* Clicks @name ("Add Members"), searches the picker for @title and
 * activates the first match, as Enter in the search does. */
static void
pick (Fixture    *fixture,
      const char *name,
      const char *title)
{
  EccpRecordPicker *picker;
  GtkWidget *search_list;
  GtkWidget *search;
  GtkWidget *list_view;
  FirstWanted wanted;

  gtk_widget_activate (button (GTK_WIDGET (fixture->editor), name));
  ui_test_wait_until (picker_shown, NULL, 10000, "the picker to open");
  picker = find_picker ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (picker)), ==, name);

  search_list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (picker), ECCP_TYPE_RECORD_PICKER, "search_list"));
  search = GTK_WIDGET (gtk_widget_get_template_child (search_list, ECCP_TYPE_SEARCH_LIST, "search_entry"));
  list_view = GTK_WIDGET (gtk_widget_get_template_child (search_list, ECCP_TYPE_SEARCH_LIST, "list_view"));
  /* Typing goes to the search. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (search))))
                 || gtk_widget_has_focus (search));

  gtk_editable_set_text (GTK_EDITABLE (search), title);
  wanted.model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  wanted.title = title;
  ui_test_wait_until (first_is, &wanted, 5000, "the picker to find the record");

  g_signal_emit_by_name (search, "activate");
  ui_test_wait_until (picker_gone, NULL, 5000, "the picker to close");
}

/* }}} */

/* {{{ Tests */

/* The journey: a new partnership, linking two clusters, saved to the store
 * at once. */
static void
test_create_partnership (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EccpRecord) solar = first_record (fixture, "cluster", NULL);
  g_autoptr(EccpRecord) other = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *members;
  const char *other_title;

  {
    g_autoptr(EccpQuery) query = eccp_query_new ("cluster");
    g_autoptr(GPtrArray) records = NULL;

    eccp_query_set_range (query, 7, 1);
    records = eccp_store_query (fixture->store, query, &error);
    g_assert_no_error (error);
    other = g_object_ref (g_ptr_array_index (records, 0));
  }
  other_title = eccp_record_get_title (other);

  open_editor (fixture, "partnership", NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->editor)), ==, "New Partnership");

  /* Nothing typed: nothing to save, and the name says it is needed. */
  g_assert_false (gtk_widget_get_sensitive (save_button (fixture)));
  g_assert_cmpstr (message_below (fixture, "Name"), ==, "Required");
  g_assert_false (row_is_error (fixture, "Name"));
  /* A required choice starts at its first one; a country is never guessed. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (fixture, "Programme"))), ==, 0);

  type_into (fixture, "Name", "Baltic Bridges");
  g_assert_null (message_below (fixture, "Name"));
  g_assert_true (gtk_widget_get_sensitive (save_button (fixture)));

  pick (fixture, "Add Members", eccp_record_get_title (solar));
  pick (fixture, "Add Members", other_title);
  /* The same cluster again is not a second link. */
  pick (fixture, "Add Members", other_title);
  g_assert_nonnull (row (fixture, eccp_record_get_title (solar)));
  g_assert_nonnull (row (fixture, other_title));

  save (fixture);
  ui_test_wait_until (editor_closed, fixture, 5000, "the editor to close after saving");
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  g_assert_true (g_uuid_string_is_valid (fixture->saved_id));

  record = get_record (fixture, "partnership", fixture->saved_id);
  g_assert_cmpstr (eccp_record_get_string (record, "name"), ==, "Baltic Bridges");
  g_assert_cmpstr (eccp_record_get_string (record, "programme"), ==, "ESCP-4i");
  members = json_object_get_array_member (json_object_get_object_member (eccp_record_get_relationships (record),
                                                                          "members"), "data");
  g_assert_cmpuint (json_array_get_length (members), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0), "id"),
                   ==, eccp_record_get_id (solar));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 1), "id"),
                   ==, eccp_record_get_id (other));
  g_assert_cmpint (eccp_record_get_sync_state (record), ==, ECCP_SYNC_STATE_PENDING);

  change = eccp_store_get_change (fixture->store, "partnership", fixture->saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_CREATE);
}

/* An edit sends the fields it changed and nothing else: values shown in
 * the locale and read back must not turn into changes. */
static void
test_edit_sends_changes_only (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(EccpRecord) zilina = get_record (fixture, "cluster", UI_TEST_ZILINA);
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;

  open_editor (fixture, "cluster", zilina);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->editor)), ==, "Edit Cluster");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "Name"))), ==, "Medtech Cluster Žilina");
  g_assert_cmpstr (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row (fixture, "Country"))) != NULL
                   ? gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row (fixture, "Country"))))
                   : NULL, ==, "Slovakia");

  /* Nothing changed yet. */
  g_assert_false (gtk_widget_get_sensitive (save_button (fixture)));

  /* A change and its undoing is no change. */
  type_into (fixture, "City", "Trenčín");
  g_assert_true (gtk_widget_get_sensitive (save_button (fixture)));
  type_into (fixture, "City", "Žilina");
  g_assert_false (gtk_widget_get_sensitive (save_button (fixture)));

  type_into (fixture, "Website", "https://medtech.example.sk");
  g_assert_true (gtk_widget_get_sensitive (save_button (fixture)));
  type_into (fixture, "Members (SME)", "41");

  save (fixture);
  ui_test_wait_until (editor_closed, fixture, 5000, "the editor to close after saving");
  g_assert_cmpstr (fixture->saved_id, ==, UI_TEST_ZILINA);

  record = get_record (fixture, "cluster", UI_TEST_ZILINA);
  g_assert_cmpstr (eccp_record_get_string (record, "website"), ==, "https://medtech.example.sk");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (eccp_record_get_attributes (record), "members"), "sme"),
                   ==, 41);
  change = eccp_store_get_change (fixture->store, "cluster", UI_TEST_ZILINA, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_cmpint (change->op, ==, ECCP_CHANGE_UPDATE);
  g_assert_cmpuint (g_strv_length (change->changed_attributes), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) change->changed_attributes, "members"));
  g_assert_true (g_strv_contains ((const char * const *) change->changed_attributes, "website"));
  g_assert_true (change->changed_relationships == NULL || change->changed_relationships[0] == NULL);
}

/* Messages as you type, from the core's validation; Save waits for them. */
static void
test_inline_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EccpRecord) zilina = get_record (fixture, "cluster", UI_TEST_ZILINA);
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *banner;

  open_editor (fixture, "cluster", zilina);

  type_into (fixture, "Website", "ftp://medtech");
  g_assert_true (row_is_error (fixture, "Website"));
  g_assert_cmpstr (message_below (fixture, "Website"), ==, "“ftp://medtech” is not an http or https address");
  g_assert_false (gtk_widget_get_sensitive (save_button (fixture)));

  type_into (fixture, "Founded", "nineteen");
  g_assert_nonnull (message_below (fixture, "Founded"));
  type_into (fixture, "Founded", "1750");
  g_assert_nonnull (strstr (message_below (fixture, "Founded"), "1800"));
  type_into (fixture, "Founded", "2004");
  g_assert_null (message_below (fixture, "Founded"));

  type_into (fixture, "Name", "  ");
  g_assert_cmpstr (message_below (fixture, "Name"), ==, "Required");
  g_assert_true (row_is_error (fixture, "Name"));

  /* Ctrl+S refuses, says why, and keeps everything typed. */
  save (fixture);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->editor)));
  banner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->editor), ECCP_TYPE_RECORD_EDITOR, "error_revealer"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "Website"))), ==, "ftp://medtech");
  g_assert_cmpuint (fixture->n_saved, ==, 0);

  type_into (fixture, "Name", "Medtech Cluster Žilina");
  type_into (fixture, "Website", "https://medtech.example.sk");
  g_assert_false (row_is_error (fixture, "Website"));
  g_assert_true (gtk_widget_get_sensitive (save_button (fixture)));

  /* Countries by name or code, in a list. */
  type_into (fixture, "Emerging industries", "Robotics, 3D printing");
  g_assert_null (message_below (fixture, "Emerging industries"));

  save (fixture);
  ui_test_wait_until (editor_closed, fixture, 5000, "the editor to close after saving");
  change = eccp_store_get_change (fixture->store, "cluster", UI_TEST_ZILINA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (change->changed_attributes), ==, 3);
}

/* An event's times are shown and read in its own time zone, and go back
 * as RFC 3339 with that zone's offset. */
static void
test_event_time_zone (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EccpRecord) event = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpRecord) fresh = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) madrid = g_time_zone_new_identifier ("Europe/Madrid");
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *shown = NULL;

  /* An event in Madrid whose start the store holds in UTC. */
  event = first_record (fixture, "event", NULL);
  attributes = ui_test_object ("{\"timezone\": \"Europe/Madrid\","
                               " \"starts_at\": \"2030-06-04T07:00:00Z\","
                               " \"ends_at\": \"2030-06-04T16:00:00+02:00\"}");
  fresh = eccp_store_update (fixture->store, "event", eccp_record_get_id (event), attributes, NULL, &error);
  g_assert_no_error (error);

  open_editor (fixture, "event", fresh);

  /* 07:00 UTC is 09:00 in Madrid, as the core's formatter writes it. */
  start = g_date_time_new (madrid, 2030, 6, 4, 9, 0, 0);
  shown = eccp_date_time_format (start);
  g_assert_cmpstr (shown, ==, "4 Jun 2030 09:00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "Starts"))), ==, shown);
  /* Shown differently, but not changed. */
  g_assert_false (gtk_widget_get_sensitive (save_button (fixture)));

  type_into (fixture, "Starts", "2030-06-04 10:30");
  type_into (fixture, "Ends", "2030-06-04 10:00");
  g_assert_true (row_is_error (fixture, "Ends"));
  g_assert_false (gtk_widget_get_sensitive (save_button (fixture)));
  type_into (fixture, "Ends", "2030-06-04 18:00");
  g_assert_false (row_is_error (fixture, "Ends"));

  save (fixture);
  ui_test_wait_until (editor_closed, fixture, 5000, "the editor to close after saving");
  record = get_record (fixture, "event", eccp_record_get_id (event));
  g_assert_cmpstr (eccp_record_get_string (record, "starts_at"), ==, "2030-06-04T10:30:00+02:00");
  g_assert_cmpstr (eccp_record_get_string (record, "ends_at"), ==, "2030-06-04T18:00:00+02:00");
}

/* A store that refuses keeps the window open with everything typed. */
static void
test_store_error (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EccpRecord) zilina = get_record (fixture, "cluster", UI_TEST_ZILINA);
  g_autoptr(GError) error = NULL;
  GtkWidget *banner;
  GtkWidget *label;

  open_editor (fixture, "cluster", zilina);
  type_into (fixture, "City", "Martin");

  /* Gone from the store while the editor was open. */
  g_assert_true (eccp_store_delete (fixture->store, "cluster", UI_TEST_ZILINA, &error));
  g_assert_no_error (error);

  g_test_expect_message ("eccp-desk", G_LOG_LEVEL_WARNING, "Could not save*");
  save (fixture);
  g_test_assert_expected_messages ();

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->editor)));
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  banner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->editor), ECCP_TYPE_RECORD_EDITOR, "error_revealer"));
  label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->editor), ECCP_TYPE_RECORD_EDITOR, "error_label"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)), "Could not save"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "City"))), ==, "Martin");
}

/* Closing with changes asks; Keep Editing keeps them. */
static void
test_discard_asks (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EccpRecord) zilina = get_record (fixture, "cluster", UI_TEST_ZILINA);
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(GError) error = NULL;
  GList *toplevels;
  AdwMessageDialog *dialog = NULL;

  open_editor (fixture, "cluster", zilina);

  /* Unchanged: Cancel closes at once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.cancel", NULL);
  ui_test_wait_until (editor_closed, fixture, 5000, "the unchanged editor to close");
  g_clear_object (&fixture->editor);

  open_editor (fixture, "cluster", zilina);
  type_into (fixture, "City", "Martin");
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.cancel", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->editor)));

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard changes?");

  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "City"))), ==, "Martin");

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.cancel", NULL);
  dialog = NULL;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  ui_test_wait_until (editor_closed, fixture, 5000, "the editor to close after Discard");

  /* Nothing was written. */
  change = eccp_store_get_change (fixture->store, "cluster", UI_TEST_ZILINA, &error);
  g_assert_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND);
  g_assert_null (change);
}

/* Every type has a form, new and for each of its records' kinds of value,
 * with one control per field, named by its label. */
static gboolean
is_named (GtkWidget *widget,
          gpointer   label)
{
  return (ADW_IS_PREFERENCES_ROW (widget)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label) == 0)
         || (ADW_IS_PREFERENCES_GROUP (widget)
             && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), label) == 0);
}

static void
test_all_types (Fixture       *fixture,
                gconstpointer  data)
{
  guint n_types;
  const EccpTypeSpec * const *types = eccp_type_spec_all (&n_types);

  for (guint i = 0; i < n_types; i++)
    {
      const EccpTypeSpec *type = types[i];
      g_autoptr(EccpQuery) query = eccp_query_new (type->name);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;

      eccp_query_set_range (query, 0, 1);
      records = eccp_store_query (fixture->store, query, &error);
      g_assert_no_error (error);

      for (guint pass = 0; pass < 2; pass++)
        {
          EccpRecord *record = pass == 1 && records->len > 0 ? g_ptr_array_index (records, 0) : NULL;
          g_autofree char *title = g_strdup_printf (record != NULL ? "Edit %s" : "New %s", type->label);

          if (pass == 1 && record == NULL)
            continue;

          open_editor (fixture, type->name, record);
          g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->editor)), ==, title);
          g_assert_false (gtk_widget_get_sensitive (save_button (fixture)));

          for (guint f = 0; f < type->n_fields; f++)
            {
              const EccpFieldSpec *field = &type->fields[f];

              if (ui_test_find_descendant (GTK_WIDGET (fixture->editor), is_named, (gpointer) field->label) == NULL)
                g_error ("The %s form has nothing named “%s”", type->name, field->label);
            }

          gtk_window_destroy (GTK_WINDOW (fixture->editor));
          g_clear_object (&fixture->editor);
        }
    }
}

/* }}} */

/* {{{ The conflict dialog's "Type another" */

#define CONFLICTED "0b1e2c3d-4e5f-4061-8273-94a5b6c7d8e9"

static void
apply_cluster (EccpStore  *store,
               int         rev,
               const char *description,
               int         sme)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"data\": [{\"type\": \"cluster\", \"id\": \"%s\","
                                           " \"attributes\": {\"name\": \"Conflicted Cluster\","
                                           "  \"profile_type\": \"cluster_organisation\", \"country\": \"RS\","
                                           "  \"description\": \"%s\", \"ecosystems\": [\"Agri-food\"],"
                                           "  \"members\": {\"sme\": %d, \"research\": 2}},"
                                           " \"relationships\": {},"
                                           " \"meta\": {\"rev\": %d, \"seq\": %d, \"moderation_state\": \"published\"}}],"
                                           " \"meta\": {\"cursor\": \"%d\"}}",
                                           CONFLICTED, description, sme, rev, 1000 + rev, 1000 + rev);
  g_autoptr(JsonNode) page = eccp_json_node_from_string (json, &error);

  g_assert_no_error (error);
  eccp_store_apply_changes_page (store, page, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
is_check_labelled (GtkWidget *widget,
                   gpointer   label)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

static gboolean
is_text_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static void
resolved_cb (EccpConflictDialog *dialog,
             gboolean           *resolved)
{
  *resolved = TRUE;
}

/* Another value is typed in the field's own editor, as in the record
 * editor: a text view for a description, a row per part of an object. */
static void
test_conflict_type_another (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) changes = ui_test_object ("{\"description\": \"Mine\", \"members\": {\"sme\": 25, \"research\": 2}}");
  EccpConflictDialog *dialog;
  GObject *resolve_button;
  GtkWidget *sme;
  GtkWidget *view;
  JsonObject *members;
  gboolean resolved = FALSE;

  apply_cluster (fixture->store, 3, "Old", 20);
  record = eccp_store_update (fixture->store, "cluster", CONFLICTED, changes, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&record);
  apply_cluster (fixture->store, 4, "Theirs", 30);
  change = eccp_store_get_change (fixture->store, "cluster", CONFLICTED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (eccp_json_get_object (change->conflicts, "description"));
  g_assert_nonnull (eccp_json_get_object (change->conflicts, "members"));

  dialog = eccp_conflict_dialog_new (NULL, fixture->store, "cluster", CONFLICTED);
  g_signal_connect (dialog, "resolved", G_CALLBACK (resolved_cb), &resolved);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_wait_until (ui_test_is_mapped, dialog, 10000, "the conflict dialog to be mapped");
  resolve_button = gtk_widget_get_template_child (GTK_WIDGET (dialog), ECCP_TYPE_CONFLICT_DIALOG, "resolve_button");

  /* Mine, to start from; nothing to type in until "Type another". */
  view = ui_test_find_descendant (GTK_WIDGET (dialog), is_text_view, NULL);
  g_assert_nonnull (view);
  g_assert_false (gtk_widget_is_sensitive (view));
  sme = ui_test_find_descendant (GTK_WIDGET (dialog), ui_test_is_row_titled, (gpointer) "Members (SME)");
  g_assert_nonnull (sme);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sme)), ==, "25");

  for (GtkWidget *check = ui_test_find_descendant (GTK_WIDGET (dialog), is_check_labelled, (gpointer) "Type another");
       check != NULL;
       check = ui_test_find_descendant (GTK_WIDGET (dialog), is_check_labelled, (gpointer) "Type another"))
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_check_button_set_label (GTK_CHECK_BUTTON (check), "Typing another");
    }
  g_assert_true (gtk_widget_is_sensitive (view));

  /* What is not a number is said under its row, and nothing is written. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Both, rewritten", -1);
  gtk_editable_set_text (GTK_EDITABLE (sme), "many");
  g_assert_true (gtk_widget_has_css_class (sme, "error"));
  g_signal_emit_by_name (resolve_button, "clicked");
  g_assert_false (resolved);
  g_clear_pointer (&change, eccp_change_free);
  change = eccp_store_get_change (fixture->store, "cluster", CONFLICTED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (eccp_json_get_object (change->conflicts, "members"));

  gtk_editable_set_text (GTK_EDITABLE (sme), "31");
  g_assert_false (gtk_widget_has_css_class (sme, "error"));
  g_signal_emit_by_name (resolve_button, "clicked");
  g_assert_true (resolved);

  record = get_record (fixture, "cluster", CONFLICTED);
  g_assert_cmpstr (eccp_json_get_string (eccp_record_get_attributes (record), "description"), ==, "Both, rewritten");
  members = eccp_json_get_object (eccp_record_get_attributes (record), "members");
  g_assert_cmpint (json_object_get_int_member (members, "sme"), ==, 31);
  g_assert_cmpint (json_object_get_int_member (members, "research"), ==, 2);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("No display: run this under tests/ui/run-under-x");
      return 77;
    }
  adw_init ();

  g_test_add ("/record-editor/create-partnership", Fixture, NULL,
              fixture_set_up, test_create_partnership, fixture_tear_down);
  g_test_add ("/record-editor/edit-sends-changes-only", Fixture, NULL,
              fixture_set_up, test_edit_sends_changes_only, fixture_tear_down);
  g_test_add ("/record-editor/inline-validation", Fixture, NULL,
              fixture_set_up, test_inline_validation, fixture_tear_down);
  g_test_add ("/record-editor/event-time-zone", Fixture, NULL,
              fixture_set_up, test_event_time_zone, fixture_tear_down);
  g_test_add ("/record-editor/all-types", Fixture, NULL,
              fixture_set_up, test_all_types, fixture_tear_down);
  g_test_add ("/record-editor/store-error", Fixture, NULL,
              fixture_set_up, test_store_error, fixture_tear_down);
  g_test_add ("/record-editor/discard-asks", Fixture, NULL,
              fixture_set_up, test_discard_asks, fixture_tear_down);
  g_test_add ("/record-editor/conflict-type-another", Fixture, NULL,
              fixture_set_up, test_conflict_type_another, fixture_tear_down);

  return g_test_run ();
}

/* vim: set foldmethod=marker: */
