/* eccp-calendar-export.c: Add to Calendar: calls' cut-offs and events as
 * an .ics file
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calendar is the core's (eccp-ical.c, the same as `eccp export
 * call|event --format ics`), made in memory on the main thread where the
 * store lives; eccp-file-save.c asks where, writes it in the background
 * and opens it.  Importing the file again updates a calendar's entries
 * (their UIDs come from the records' ids).
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-calendar-export.h"

#include <glib/gi18n.h>

#include "eccp-file-save.h"
#include "eccp-ical.h"
#include "eccp-toast.h"

static const EccpFileSaveKind ics_kind = {
  N_("Add to Calendar"), N_("_Save"), N_("iCalendar (calendars)"),
  ECCP_ICAL_MIME_TYPE, ECCP_ICAL_SUFFIX,
};

/* "Saved 3 deadlines to “Calls.ics”", with Open; @user_data is the type */
static AdwToast *
new_saved_toast (GtkWidget  *widget,
                 GFile      *file,
                 const char *name,
                 gint64      n_entries,
                 gpointer    user_data)
{
  g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, n_entries);
  AdwToast *toast;

  if (g_str_equal (user_data, "call"))
    /* Translators: a toast, "Saved 3 deadlines to “Calls.ics”"; a call's cut-offs */
    toast = eccp_toast_new (ngettext ("Saved %s deadline to “%s”", "Saved %s deadlines to “%s”",
                                      (gulong) n_entries), count, name);
  else
    /* Translators: a toast, "Saved 12 events to “Events.ics”" */
    toast = eccp_toast_new (ngettext ("Saved %s event to “%s”", "Saved %s events to “%s”",
                                      (gulong) n_entries), count, name);

  eccp_file_save_offer_open (toast, widget, file, ECCP_ICAL_MIME_TYPE);
  return toast;
}

/* The calendar of @type/@id alone */
static char *
record_calendar (EccpStore   *store,
                 const char  *type,
                 const char  *id,
                 guint       *n_entries,
                 GError     **error)
{
  g_autoptr(EccpRecord) record = eccp_store_get (store, type, id, error);
  g_autoptr(EccpIcalWriter) writer = NULL;

  if (record == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("It is not in the local store"));
      return NULL;
    }

  writer = eccp_ical_writer_new (NULL, NULL);
  if (!eccp_ical_writer_add (writer, record, error))
    return NULL;

  *n_entries = eccp_ical_writer_get_n_events (writer);
  return eccp_ical_writer_to_string (writer);
}

/* The calendar of every record @query selects, not only a page of them */
static GBytes *
query_calendar (EccpStore        *store,
                const EccpQuery  *query,
                guint            *n_entries,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(EccpQuery) all = eccp_query_copy (query);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  eccp_query_set_range (all, 0, 0);
  if (!eccp_ical_write_query (store, all, out, n_entries, cancellable, error) ||
      !g_output_stream_close (out, cancellable, error))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

void
eccp_calendar_export_save_async (GtkWidget           *widget,
                                 EccpStore           *store,
                                 const EccpQuery     *query,
                                 const char          *type,
                                 const char          *id,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  guint n_entries = 0;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (query != NULL || (type != NULL && id != NULL));
  g_return_if_fail (G_IS_FILE (file));

  if (query != NULL)
    bytes = query_calendar (store, query, &n_entries, cancellable, &error);
  else
    {
      char *text = record_calendar (store, type, id, &n_entries, &error);

      bytes = text != NULL ? g_bytes_new_take (text, strlen (text)) : NULL;
    }

  if (bytes == NULL)
    {
      /* Translators: a toast; why the calendar could not be made */
      eccp_file_save_report_error (widget, eccp_toast_new (_("Could not add to the calendar: %s"), error->message),
                                   error, callback, user_data);
      return;
    }

  /* The type names the entries in the toast: interned, it needs no freeing */
  eccp_file_save_bytes_async (widget, file, bytes, n_entries, new_saved_toast,
                              (gpointer) g_intern_string (query != NULL ? eccp_query_get_record_type (query) : type),
                              NULL, cancellable, callback, user_data);
}

gboolean
eccp_calendar_export_save_finish (GAsyncResult  *result,
                                  guint         *n_entries,
                                  GError       **error)
{
  gint64 count = 0;
  gboolean saved = eccp_file_save_bytes_finish (result, &count, error);

  if (n_entries != NULL)
    *n_entries = (guint) count;

  return saved;
}

/* The dialog */

typedef struct
{
  EccpStore *store;
  EccpQuery *query;
  char      *type;
  char      *id;
} ChooseData;

static void
choose_data_free (gpointer data)
{
  ChooseData *choose = data;

  g_clear_object (&choose->store);
  g_clear_pointer (&choose->query, eccp_query_free);
  g_free (choose->type);
  g_free (choose->id);
  g_free (choose);
}

static void
chosen_cb (GtkWidget *widget,
           GFile     *file,
           gpointer   user_data)
{
  ChooseData *choose = user_data;

  eccp_calendar_export_save_async (widget, choose->store, choose->query, choose->type, choose->id,
                                   file, NULL, NULL, NULL);
}

static void
choose (GtkWidget  *widget,
        ChooseData *data,
        const char *name)
{
  /* Translators: the suggested file name, "<title>.ics" */
  g_autofree char *suggested = g_strdup_printf (_("%s.ics"), name);

  eccp_file_save_choose (widget, &ics_kind, suggested, chosen_cb, data, choose_data_free);
}

void
eccp_calendar_export_choose_record (GtkWidget  *widget,
                                    EccpStore  *store,
                                    const char *type,
                                    const char *id)
{
  g_autoptr(EccpRecord) record = NULL;
  ChooseData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (eccp_ical_supports_type (type) && id != NULL);

  if ((record = eccp_store_get (store, type, id, NULL)) == NULL)
    return;

  data = g_new0 (ChooseData, 1);
  data->store = g_object_ref (store);
  data->type = g_strdup (type);
  data->id = g_strdup (id);
  choose (widget, data, eccp_record_get_title (record));
}

void
eccp_calendar_export_choose_query (GtkWidget       *widget,
                                   EccpStore       *store,
                                   const EccpQuery *query)
{
  const char *type;
  ChooseData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ECCP_IS_STORE (store));
  g_return_if_fail (query != NULL);

  type = eccp_query_get_record_type (query);
  g_return_if_fail (eccp_ical_supports_type (type));

  if (eccp_store_count (store, (EccpQuery *) query, NULL) == 0)
    {
      eccp_toast_show (widget, eccp_toast_new ("%s", g_str_equal (type, "call")
                                               ? _("No call in this list to add to a calendar")
                                               : _("No event in this list to add to a calendar")));
      return;
    }

  data = g_new0 (ChooseData, 1);
  data->store = g_object_ref (store);
  data->query = eccp_query_copy (query);
  /* Translators: the suggested file name of a list's calendar, "Calls.ics" */
  choose (widget, data, g_str_equal (type, "call") ? _("Calls") : _("Events"));
}
