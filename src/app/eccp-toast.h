/* eccp-toast.h: the one way the app says something in a toast
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* @format and its arguments are plain text: escaped inside. */
AdwToast *eccp_toast_new  (const char *format,
                           ...) G_GNUC_PRINTF (1, 2);
void      eccp_toast_show (GtkWidget  *widget,
                           AdwToast   *toast);

G_END_DECLS
