/* eccp-attendee-export.c: an event's attendees saved as CSV for a spreadsheet
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is written by the core (eccp_store_write_attendees_csv(), the
 * same as `eccp export attendee --format csv`) into memory on the main
 * thread, where the store lives: one query, a few milliseconds for 2,000
 * attendees; eccp-file-save.c writes it in the background, at once or
 * not at all.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-attendee-export.h"

#include <glib/gi18n.h>

#include "eccp-csv.h"
#include "eccp-file-save.h"
#include "eccp-toast.h"

typedef struct
{
  GtkWidget *widget;
  GFile     *file;
  gint64     n_attendees;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->widget);
  g_clear_object (&save->file);
  g_free (save);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *count = NULL;

  /* A failure is told by eccp_file_save_bytes_async() */
  if (!eccp_file_save_bytes_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  name = eccp_file_save_display_name (save->file);
  count = g_strdup_printf ("%'" G_GINT64_FORMAT, save->n_attendees);
  /* Translators: a toast, "Exported 130 attendees to “Matchmaking – attendees.csv”" */
  eccp_toast_show (save->widget, eccp_toast_new (ngettext ("Exported %s attendee to “%s”",
                                                           "Exported %s attendees to “%s”",
                                                           (gulong) save->n_attendees),
                                                 count, name));
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
  SaveData *save;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_attendee_export_save_async);
  save = g_new0 (SaveData, 1);
  save->widget = g_object_ref (widget);
  save->file = g_object_ref (file);
  g_task_set_task_data (task, save, save_data_free);

  out = g_memory_output_stream_new_resizable ();
  if ((event_id != NULL && !eccp_store_count_checked_in (store, event_id, &save->n_attendees, NULL, &error)) ||
      !eccp_store_write_attendees_csv (store, event_id, TRUE, out, cancellable, &error) ||
      !g_output_stream_close (out, cancellable, &error))
    {
      /* Translators: a toast; why the list could not be read */
      eccp_toast_show (widget, eccp_toast_new (_("Could not export the attendees: %s"), error->message));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  eccp_file_save_bytes_async (widget, file, bytes, cancellable, saved_cb, g_steal_pointer (&task));
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

static const EccpFileSaveKind csv_kind = {
  N_("Export Attendees as CSV"), N_("_Export"), N_("CSV (spreadsheets)"), "text/csv", "csv",
};

typedef struct
{
  EccpStore *store;
  char      *event_id;
} ChooseData;

static void
choose_data_free (gpointer data)
{
  ChooseData *choose = data;

  g_clear_object (&choose->store);
  g_free (choose->event_id);
  g_free (choose);
}

static void
chosen_cb (GtkWidget *widget,
           GFile     *file,
           gpointer   user_data)
{
  ChooseData *choose = user_data;

  eccp_attendee_export_save_async (widget, choose->store, choose->event_id, file, NULL, NULL, NULL);
}

void
eccp_attendee_export_choose (GtkWidget  *widget,
                             EccpStore  *store,
                             const char *event_id)
{
  g_autoptr(EccpRecord) event = NULL;
  g_autofree char *suggested = NULL;
  ChooseData *choose;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ECCP_IS_STORE (store));

  event = event_id != NULL ? eccp_store_get (store, "event", event_id, NULL) : NULL;
  /* Translators: the suggested file name, "<event title> – attendees.csv" */
  suggested = g_strdup_printf (_("%s – attendees.csv"), event != NULL ? eccp_record_get_title (event)
                                                                      : _("All events"));

  choose = g_new0 (ChooseData, 1);
  choose->store = g_object_ref (store);
  choose->event_id = g_strdup (event_id);
  eccp_file_save_choose (widget, &csv_kind, suggested, chosen_cb, choose, choose_data_free);
}
