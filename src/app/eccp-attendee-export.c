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
#include "eccp-format.h"
#include "eccp-toast.h"

/* "Exported 130 attendees to “Matchmaking – attendees.csv”" */
static AdwToast *
new_saved_toast (GtkWidget  *widget,
                 GFile      *file,
                 const char *name,
                 gint64      n_attendees,
                 gpointer    user_data)
{
  g_autofree char *count = eccp_format_integer (n_attendees);

  /* Translators: a toast, "Exported 130 attendees to “Matchmaking – attendees.csv”" */
  return eccp_toast_new (ngettext ("Exported %s attendee to “%s”", "Exported %s attendees to “%s”",
                                   (gulong) n_attendees),
                         count, name);
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
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  guint n_rows = 0;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  out = g_memory_output_stream_new_resizable ();
  /* The rows the file has, for every event too (not a count beside it) */
  if (!eccp_store_write_attendees_csv (store, event_id, TRUE, out, &n_rows, cancellable, &error) ||
      !g_output_stream_close (out, cancellable, &error))
    {
      /* Translators: a toast; why the list could not be read */
      eccp_file_save_report_error (widget, eccp_toast_new (_("Could not export the attendees: %s"), error->message),
                                   error, callback, user_data);
      return;
    }

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  eccp_file_save_bytes_async (widget, file, bytes, n_rows, new_saved_toast, NULL, NULL,
                              cancellable, callback, user_data);
}

gboolean
eccp_attendee_export_save_finish (GAsyncResult  *result,
                                  gint64        *n_attendees,
                                  GError       **error)
{
  return eccp_file_save_bytes_finish (result, n_attendees, error);
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
