/* eccp-file-save.h: a file the app writes where the user chooses: the
 * dialog, the writing in the background, the toast
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What is saved, for the dialog: strings marked with N_(), translated
 * when shown */
typedef struct
{
  const char *title;         /* "Export Attendees as CSV" */
  const char *accept_label;  /* "_Export" */
  const char *filter_name;   /* "CSV (spreadsheets)" */
  const char *mime_type;     /* "text/csv" */
  const char *suffix;        /* "csv", without the dot */
} EccpFileSaveKind;

/* Called with the file the user chose (never when they cancel) */
typedef void (*EccpFileSaveFunc) (GtkWidget *widget,
                                  GFile     *file,
                                  gpointer   user_data);

/* Asks where to save with the desktop's file chooser (GtkFileChooserNative:
 * the portal's in a sandbox), modal to @widget's window, suggesting
 * @suggested_name (a "/" in it, which would name a folder, becomes "-").
 * @destroy frees @user_data once the dialog is answered. */
void     eccp_file_save_choose       (GtkWidget              *widget,
                                      const EccpFileSaveKind *kind,
                                      const char             *suggested_name,
                                      EccpFileSaveFunc        func,
                                      gpointer                user_data,
                                      GDestroyNotify          destroy);

/* Says that @file (@name, as people read it) was saved: a toast */
typedef AdwToast *(*EccpFileSavedFunc) (GtkWidget *widget,
                                        GFile     *file,
                                        const char *name,
                                        gint64     count,
                                        gpointer   user_data);

/* Replaces @file with @bytes in the background, at once or not at all
 * (g_file_replace_contents_bytes_async(): a temporary file renamed), then
 * shows on @widget's window the toast @saved makes, or, on failure,
 * "Could not save “x.csv”: …" (nothing when cancelled).  @count (how many
 * rows, entries) is handed to @saved and by the finish.  @saved_data is
 * freed with @saved_destroy at the end. */
void     eccp_file_save_bytes_async  (GtkWidget              *widget,
                                      GFile                  *file,
                                      GBytes                 *bytes,
                                      gint64                  count,
                                      EccpFileSavedFunc       saved,
                                      gpointer                saved_data,
                                      GDestroyNotify          saved_destroy,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
/* Instead, when the bytes could not be made: shows @toast ("Could not
 * export the attendees: …"), and @callback gets @error (taken) from
 * eccp_file_save_bytes_finish(). */
void     eccp_file_save_report_error (GtkWidget              *widget,
                                      AdwToast               *toast,
                                      GError                 *error,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
gboolean eccp_file_save_bytes_finish (GAsyncResult           *result,
                                      gint64                 *count,
                                      GError                **error);

/* The file's name as people read it ("Matchmaking – attendees.csv") */
char    *eccp_file_save_display_name (GFile                  *file);

/* Gives @toast an "Open" button that opens @file with the default
 * application for @mime_type; when there is none, a toast says so, and
 * that the file is saved. */
void     eccp_file_save_offer_open   (AdwToast               *toast,
                                      GtkWidget              *widget,
                                      GFile                  *file,
                                      const char             *mime_type);
/* What that button does */
void     eccp_file_save_open         (GtkWidget              *widget,
                                      GFile                  *file,
                                      const char             *mime_type);

G_END_DECLS
