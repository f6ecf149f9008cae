/* eccp-attendee-export.c: an event's attendees saved as CSV for a spreadsheet
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is written by the core (eccp_store_write_attendees_csv(), the
 * same as `eccp export attendee --format csv`) into memory on the main
 * thread, where the store lives: one query, a few milliseconds for 2,000
 * attendees.  Only the file's writing, the slow part on a network folder
 * or a USB stick, runs in the background; g_file_replace_contents_async()
 * writes a temporary file and renames it, so a failure leaves the old
 * file, or none, never half a list.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-attendee-export.h"

#include <glib/gi18n.h>

#include "eccp-csv.h"
#include "eccp-format.h"
#include "eccp-toast.h"
#include "eccp-widget-util.h"

typedef struct
{
  GtkWidget *widget;
  char      *name;
  gint64     n_attendees;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->widget);
  g_free (save->name);
  g_free (save);
}

/* The file's name for the toast, taken before the writing starts: asking
 * the file (g_file_query_info) when it is done would block the main
 * thread on the network folder or USB stick the writing was moved off it
 * for.  The name the chooser returned is the one the person typed. */
static char *
file_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

static void
replace_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *name = save->name;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: a toast; the file's name, then why (“Permission denied”) */
        eccp_toast_show (save->widget, eccp_toast_new (_("Could not save “%s”: %s"), name, error->message));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *count = eccp_format_integer (save->n_attendees);

    /* Translators: a toast, "Exported 130 attendees to “Matchmaking – attendees.csv”" */
    eccp_toast_show (save->widget, eccp_toast_new (ngettext ("Exported %s attendee to “%s”",
                                                             "Exported %s attendees to “%s”",
                                                             (gulong) save->n_attendees),
                                                   count, name));
  }
  g_task_return_boolean (task, TRUE);
}

void
eccp_attendee_export_save_async (GtkWidget           *widget,
                                 EccpStore           *store,
                                 const char          *event_id,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;
  SaveData *save;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_attendee_export_save_async);
  save = g_new0 (SaveData, 1);
  save->widget = g_object_ref (widget);
  save->name = file_name (file);
  g_task_set_task_data (task, save, save_data_free);

  out = g_memory_output_stream_new_resizable ();
  /* The rows the file has, for every event too (not a count beside it) */
  if (!eccp_store_write_attendees_csv (store, event_id, TRUE, out, &n_rows, cancellable, &error) ||
      !g_output_stream_close (out, cancellable, &error))
    {
      /* Translators: a toast; why the list could not be read */
      eccp_toast_show (widget, eccp_toast_new (_("Could not export the attendees: %s"), error->message));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save->n_attendees = n_rows;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, replace_done_cb, g_steal_pointer (&task));
}

gboolean
eccp_attendee_export_save_finish (GAsyncResult  *result,
                                  gint64        *n_attendees,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eccp_attendee_export_save_async, FALSE);

  if (n_attendees != NULL)
    *n_attendees = ((SaveData *) g_task_get_task_data (G_TASK (result)))->n_attendees;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The dialog */

typedef struct
{
  GtkWidget *widget;
  EccpStore *store;
  char      *event_id;
} ChooseData;

static void
choose_data_free (ChooseData *choose)
{
  g_clear_object (&choose->widget);
  g_clear_object (&choose->store);
  g_free (choose->event_id);
  g_free (choose);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ChooseData *choose = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        eccp_attendee_export_save_async (choose->widget, choose->store, choose->event_id, file,
                                         NULL, NULL, NULL);
    }

  choose_data_free (choose);
  g_object_unref (chooser);
}

void
eccp_attendee_export_choose (GtkWidget  *widget,
                             EccpStore  *store,
                             const char *event_id)
{
  g_autoptr(EccpRecord) event = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  ChooseData *choose;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ECCP_IS_STORE (store));

  event = event_id != NULL ? eccp_store_get (store, "event", event_id, NULL) : NULL;
  /* Translators: the suggested file name, "<event title> – attendees.csv" */
  name = g_strdup_printf (_("%s – attendees.csv"), event != NULL ? eccp_record_get_title (event)
                                                                 : _("All events"));
  suggested = eccp_widget_suggest_file_name (name);

  chooser = gtk_file_chooser_native_new (_("Export Attendees as CSV"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_file_filter_set_name (filter, _("CSV (spreadsheets)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  choose = g_new0 (ChooseData, 1);
  choose->widget = g_object_ref (widget);
  choose->store = g_object_ref (store);
  choose->event_id = g_strdup (event_id);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choose);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
