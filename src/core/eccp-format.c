/* eccp-format.c: numbers and amounts as people read them
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates and times are eccp-date.c's; this is the rest of what a person
 * reads: counts and amounts, grouped under the user's LC_NUMERIC ("%'").
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-format.h"

#include <limits.h>
#include <locale.h>
#include <math.h>

#include <glib/gi18n-lib.h>

char *
eccp_format_integer (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

char *
eccp_format_attendee_counts (gint64 registered,
                             gint64 checked_in)
{
  g_autofree char *registered_number = eccp_format_integer (registered);
  g_autofree char *in_number = eccp_format_integer (checked_in);
  g_autofree char *registered_text = NULL;
  g_autofree char *in_text = NULL;

  /* Two ngettext calls: each number picks its own plural form */
  /* Translators: "130 registered", the attendees of an event */
  registered_text = g_strdup_printf (ngettext ("%s registered", "%s registered", (gulong) registered),
                                     registered_number);
  /* Translators: "112 checked in" */
  in_text = g_strdup_printf (ngettext ("%s checked in", "%s checked in", (gulong) checked_in), in_number);
  /* Translators: "130 registered · 112 checked in" */
  return g_strdup_printf (_("%s · %s"), registered_text, in_text);
}

/* "%'.Nf" with the fewest decimals (up to @max) that give @value back. */
static char *
format_grouped (double value,
                int    max_decimals)
{
  for (int decimals = 0; decimals < max_decimals; decimals++)
    {
      double scale = pow (10, decimals);

      if (fabs (round (value * scale) - value * scale) < 1e-9 * MAX (1.0, fabs (value * scale)))
        return g_strdup_printf ("%'.*f", decimals, value);
    }

  return g_strdup_printf ("%'.*f", max_decimals, value);
}

char *
eccp_format_number (double value)
{
  if (!isfinite (value))
    return g_strdup_printf ("%g", value);

  return format_grouped (value, 6);
}

static const char *
currency_symbol (const char *currency)
{
  if (g_strcmp0 (currency, "EUR") == 0)
    return "€";
  if (g_strcmp0 (currency, "GBP") == 0)
    return "£";
  if (g_strcmp0 (currency, "USD") == 0)
    return "US$";

  return currency;
}

char *
eccp_format_amount (double      value,
                    const char *currency)
{
  g_autofree char *number = NULL;
  const char *symbol = currency_symbol (currency);
  struct lconv *conventions;

  if (!isfinite (value))
    return g_strdup_printf ("%g", value);

  /* Whole amounts (budgets) read without ",00" */
  number = value == round (value) ? g_strdup_printf ("%'.0f", value) : g_strdup_printf ("%'.2f", value);
  if (symbol == NULL || *symbol == '\0')
    return g_steal_pointer (&number);

  /* Where the symbol goes is the locale's convention for any currency:
   * before and attached in en_US, after a space in fr_FR. */
  conventions = localeconv ();
  if (conventions->p_cs_precedes != CHAR_MAX)
    {
      /* A no-break space (U+00A0): "14 280 000 €" never wraps before the
       * "€".  p_sep_by_space 2 puts the space between the symbol and the
       * sign; the sign of an amount here is empty, so the space stays
       * between symbol and number only where the sign would sit between
       * them (p_sign_posn 4 before the number, 3 after it). */
      gboolean sign_between = conventions->p_cs_precedes ? conventions->p_sign_posn == 4
                                                          : conventions->p_sign_posn == 3;
      const char *space = conventions->p_sep_by_space == 1 ||
                          (conventions->p_sep_by_space == 2 && sign_between) ? "\u00a0" : "";

      if (conventions->p_cs_precedes)
        return g_strconcat (symbol, space, number, NULL);
      return g_strconcat (number, space, symbol, NULL);
    }

  /* Translators: an amount of money where the locale gives no order:
   * %1$s is the number ("14,280,000"), %2$s the currency's symbol ("€").
   * Write "%1$s %2$s" for "14 280 000 €". */
  return g_strdup_printf (_("%2$s%1$s"), number, symbol);
}
