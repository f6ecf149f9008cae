/* eccp-file-save.c: a file the app writes where the user chooses: the
 * dialog, the writing in the background, the toast
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the exports share (the attendees' CSV, Add to Calendar): each
 * makes its bytes on the main thread, where the store lives, and only the
 * writing, the slow part on a network folder or a USB stick, runs in the
 * background.  g_file_replace_contents_bytes_async() writes a temporary
 * file and renames it, so a failure leaves the old file, or none, never
 * half of one.
 */

#define G_LOG_DOMAIN "eccp-desk"

#include "config.h"

#include "eccp-file-save.h"

#include <glib/gi18n.h>

#include "eccp-toast.h"
#include "eccp-widget-util.h"

/* The dialog */

typedef struct
{
  GtkWidget        *widget;
  EccpFileSaveFunc  func;
  gpointer          user_data;
  GDestroyNotify    destroy;
} ChooseData;

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
        choose->func (choose->widget, file, choose->user_data);
    }

  if (choose->destroy != NULL)
    choose->destroy (choose->user_data);
  g_object_unref (choose->widget);
  g_free (choose);
  g_object_unref (chooser);
}

void
eccp_file_save_choose (GtkWidget              *widget,
                       const EccpFileSaveKind *kind,
                       const char             *suggested_name,
                       EccpFileSaveFunc        func,
                       gpointer                user_data,
                       GDestroyNotify          destroy)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  ChooseData *choose;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (kind != NULL && func != NULL);

  /* A title with a "/" would name a folder, a ":" fails on a USB stick */
  suggested = eccp_widget_suggest_file_name (suggested_name);

  chooser = gtk_file_chooser_native_new (_(kind->title),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _(kind->accept_label), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_file_filter_set_name (filter, _(kind->filter_name));
  gtk_file_filter_add_mime_type (filter, kind->mime_type);
  gtk_file_filter_add_suffix (filter, kind->suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  choose = g_new0 (ChooseData, 1);
  choose->widget = g_object_ref (widget);
  choose->func = func;
  choose->user_data = user_data;
  choose->destroy = destroy;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choose);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The writing */

/* The file's name for a toast, from its path: asking the file
 * (g_file_query_info) would block the main thread on the network folder
 * or USB stick the writing was moved off it for. */
char *
eccp_file_save_display_name (GFile *file)
{
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

typedef struct
{
  GtkWidget         *widget;
  GFile             *file;
  gint64             count;
  EccpFileSavedFunc  saved;
  gpointer           saved_data;
  GDestroyNotify     saved_destroy;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  if (save->saved_destroy != NULL)
    save->saved_destroy (save->saved_data);
  g_clear_object (&save->widget);
  g_clear_object (&save->file);
  g_free (save);
}

static void
replace_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = eccp_file_save_display_name (save->file);

  if (!g_file_replace_contents_finish (save->file, result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: a toast; the file's name, then why (“Permission denied”) */
        eccp_toast_show (save->widget, eccp_toast_new (_("Could not save “%s”: %s"), name, error->message));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (save->saved != NULL)
    eccp_toast_show (save->widget, save->saved (save->widget, save->file, name, save->count, save->saved_data));
  g_task_return_boolean (task, TRUE);
}

void
eccp_file_save_bytes_async (GtkWidget           *widget,
                            GFile               *file,
                            GBytes              *bytes,
                            gint64               count,
                            EccpFileSavedFunc    saved,
                            gpointer             saved_data,
                            GDestroyNotify       saved_destroy,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  SaveData *save;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, eccp_file_save_bytes_async);
  save = g_new0 (SaveData, 1);
  save->widget = g_object_ref (widget);
  save->file = g_object_ref (file);
  save->count = count;
  save->saved = saved;
  save->saved_data = saved_data;
  save->saved_destroy = saved_destroy;
  g_task_set_task_data (task, save, save_data_free);
  /* G_FILE_CREATE_NONE: a symbolic link's target is replaced (not the
   * link), keeping its permissions */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, replace_done_cb, task);
}

void
eccp_file_save_report_error (GtkWidget           *widget,
                             AdwToast            *toast,
                             GError              *error,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  eccp_toast_show (widget, toast);
  g_task_report_error (widget, callback, user_data, eccp_file_save_bytes_async, error);
}

gboolean
eccp_file_save_bytes_finish (GAsyncResult  *result,
                             gint64        *count,
                             GError       **error)
{
  SaveData *save;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eccp_file_save_bytes_async, FALSE);

  save = g_task_get_task_data (G_TASK (result));
  if (count != NULL)
    *count = save != NULL ? save->count : 0;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Opening what was saved */

static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    /* Translators: a toast; why the saved file did not open */
    eccp_toast_show (widget, eccp_toast_new (_("Could not open the file: %s"), error->message));
}

void
eccp_file_save_open (GtkWidget  *widget,
                     GFile      *file,
                     const char *mime_type)
{
  g_autoptr(GAppInfo) app = NULL;
  g_autofree char *uri = NULL;
  GdkAppLaunchContext *context;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (mime_type != NULL);

  /* In a sandbox the desktop's applications are out of sight: the
   * portal asks which one instead */
  app = g_app_info_get_default_for_type (mime_type, FALSE);
  if (app == NULL && !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = eccp_file_save_display_name (file);
      g_autofree char *content_type = g_content_type_from_mime_type (mime_type);
      g_autofree char *kind = g_content_type_get_description (content_type != NULL ? content_type : mime_type);

      /* Translators: a toast; the file's name, then what kind of file it
       * is ("VCS/ICS calendar") */
      eccp_toast_show (widget, eccp_toast_new (_("No application here opens “%s” (%s). "
                                                 "It is saved: import it in your calendar."),
                                               name, kind));
      return;
    }

  uri = g_file_get_uri (file);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launch_done_cb, g_object_ref (widget));
  g_object_unref (context);
}

/* The toast lives in the window's overlay: a strong reference to the
 * window from its button would keep a closed window alive as long as
 * the toast */
typedef struct
{
  GWeakRef   widget;
  GFile     *file;
  char      *mime_type;
} OpenData;

static void
open_data_free (gpointer  data,
                GClosure *closure)
{
  OpenData *open = data;

  g_weak_ref_clear (&open->widget);
  g_clear_object (&open->file);
  g_free (open->mime_type);
  g_free (open);
}

static void
open_clicked_cb (AdwToast *toast,
                 OpenData *open)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&open->widget);

  if (widget != NULL)
    eccp_file_save_open (widget, open->file, open->mime_type);
}

void
eccp_file_save_offer_open (AdwToast   *toast,
                           GtkWidget  *widget,
                           GFile      *file,
                           const char *mime_type)
{
  OpenData *open;

  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_FILE (file));

  open = g_new0 (OpenData, 1);
  g_weak_ref_init (&open->widget, widget);
  open->file = g_object_ref (file);
  open->mime_type = g_strdup (mime_type);
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_clicked_cb), open,
                         open_data_free, 0);
}
