/* eccp-ical.c: calls' cut-offs and events as iCalendar (RFC 5545), for calendars
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with libical, which escapes, folds and ends lines as RFC 5545
 * says.  Time zones come from libical's "builtin" zones, which on Debian
 * are read from the system's tzdata (/usr/share/zoneinfo): the same data
 * GLib's GTimeZone reads, so an event's clock here is its clock in the
 * app.  libical names those zones "/freeassociation.sourceforge.net/…"
 * and an empty prefix does not turn that off in 3.0, so each VTIMEZONE is
 * a copy with its TZID set to the bare IANA name, which is what the
 * DTSTART and DTEND's TZID parameters say too (calendars that know the
 * name use their own data, the others the VTIMEZONE).
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-ical.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "eccp-call.h"
#include "eccp-country.h"
#include "eccp-date.h"
#include "eccp-json.h"

#define UID_DOMAIN "eccp-desk"

struct _EccpIcalWriter
{
  GDateTime     *now;
  GDateTime     *stamp;
  /* The VTIMEZONEs (with bare TZIDs) written first, one per zone, and the
   * VEVENTs, in the order they were added */
  GPtrArray     *zones;
  GPtrArray     *events;
  /* IANA name → the libical zone its times are converted in; a name that
   * libical does not know maps to %NULL (its times go out in UTC) */
  GHashTable    *zone_by_name;
};

gboolean
eccp_ical_supports_type (const char *type)
{
  return g_strcmp0 (type, "call") == 0 || g_strcmp0 (type, "event") == 0;
}

static gboolean
set_not_supported (GError     **error,
                   const char  *type)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               /* Translators: %s is a record type, "cluster" */
               _("A %s has no place in a calendar: only calls and events do"), type);
  return FALSE;
}

static void
component_free (gpointer component)
{
  icalcomponent_free (component);
}

EccpIcalWriter *
eccp_ical_writer_new (GDateTime *now,
                      GDateTime *stamp)
{
  EccpIcalWriter *self = g_new0 (EccpIcalWriter, 1);

  self->now = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  self->stamp = stamp != NULL ? g_date_time_ref (stamp) : g_date_time_ref (self->now);
  self->zones = g_ptr_array_new_with_free_func (component_free);
  self->events = g_ptr_array_new_with_free_func (component_free);
  self->zone_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
eccp_ical_writer_free (EccpIcalWriter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->stamp, g_date_time_unref);
  g_clear_pointer (&self->zones, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->zone_by_name, g_hash_table_unref);
  g_free (self);
}

guint
eccp_ical_writer_get_n_events (EccpIcalWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->events->len;
}

/* Times */

static struct icaltimetype
utc_time (GDateTime *time)
{
  return icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (time), 0,
                                        icaltimezone_get_utc_timezone ());
}

/* The zone libical converts @name's times in, adding its VTIMEZONE the
 * first time; %NULL when libical has no data for it. */
static icaltimezone *
lookup_zone (EccpIcalWriter *self,
             const char     *name)
{
  /* Kyiv's spelling since tzdata 2022b; data older than that has the
   * zone as Kiev only (the clocks are the same) */
  static const char * const aliases[][2] = { { "Europe/Kyiv", "Europe/Kiev" } };
  icaltimezone *zone;
  icalcomponent *vtimezone;
  icalproperty *tzid;

  if (g_hash_table_lookup_extended (self->zone_by_name, name, NULL, (gpointer *) &zone))
    return zone;

  zone = icaltimezone_get_builtin_timezone (name);
  for (guint i = 0; zone == NULL && i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (name, aliases[i][0]))
      zone = icaltimezone_get_builtin_timezone (aliases[i][1]);

  /* UTC has no VTIMEZONE: its times end in Z */
  if (zone != NULL && zone != icaltimezone_get_utc_timezone ()
      && (vtimezone = icaltimezone_get_component (zone)) != NULL)
    {
      vtimezone = icalcomponent_new_clone (vtimezone);
      tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
      if (tzid != NULL)
        icalproperty_set_tzid (tzid, name);
      else
        icalcomponent_add_property (vtimezone, icalproperty_new_tzid (name));
      g_ptr_array_add (self->zones, vtimezone);
    }
  else if (zone == NULL)
    {
      g_debug ("No time zone data for “%s”: its events are written in UTC", name);
    }

  g_hash_table_insert (self->zone_by_name, g_strdup (name), zone);
  return zone;
}

/* DTSTART or DTEND of @time: the clock in the zone @name with TZID=@name,
 * else UTC */
static icalproperty *
time_property (EccpIcalWriter *self,
               icalproperty_kind kind,
               GDateTime      *time,
               const char     *name)
{
  icaltimezone *zone = name != NULL && *name != '\0' ? lookup_zone (self, name) : NULL;
  struct icaltimetype value;
  icalproperty *property;

  if (zone == NULL || zone == icaltimezone_get_utc_timezone ())
    value = utc_time (time);
  else
    {
      struct icaltimetype local = icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (time),
                                                                 0, zone);

      /* The wall clock alone, its zone named by the TZID parameter (the
       * bare name, not libical's prefixed one) */
      value = icaltime_null_time ();
      value.year = local.year;
      value.month = local.month;
      value.day = local.day;
      value.hour = local.hour;
      value.minute = local.minute;
      value.second = local.second;
      value.is_date = 0;
    }

  property = kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart (value)
                                           : icalproperty_new_dtend (value);
  if (zone != NULL && zone != icaltimezone_get_utc_timezone ())
    icalproperty_add_parameter (property, icalparameter_new_tzid (name));

  return property;
}

/* What every VEVENT has: UID, DTSTAMP, SEQUENCE, LAST-MODIFIED */
static icalcomponent *
new_vevent (EccpIcalWriter *self,
            EccpRecord     *record,
            const char     *uid)
{
  icalcomponent *vevent = icalcomponent_new_vevent ();
  gint64 rev = eccp_record_get_rev (record);
  const char *changed = eccp_json_get_string (eccp_record_get_meta (record), "changed");
  g_autoptr(GDateTime) modified = changed != NULL ? eccp_date_time_parse_iso8601 (changed) : NULL;

  icalcomponent_add_property (vevent, icalproperty_new_uid (uid));
  icalcomponent_add_property (vevent, icalproperty_new_dtstamp (utc_time (self->stamp)));
  /* The portal raises rev with every change: a calendar takes the entry
   * with the higher SEQUENCE as the newer */
  icalcomponent_add_property (vevent, icalproperty_new_sequence ((int) CLAMP (rev, 0, G_MAXINT)));
  if (modified != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_lastmodified (utc_time (modified)));

  return vevent;
}

static void
add_text (icalcomponent *vevent,
          icalproperty  *(*new_property) (const char *),
          const char    *text)
{
  if (text != NULL && *text != '\0')
    icalcomponent_add_property (vevent, new_property (text));
}

/* Calls */

static char *
call_description (EccpRecord *call)
{
  const char *programme = eccp_record_get_string (call, "programme");
  const char *description = eccp_record_get_string (call, "description");
  GString *text = g_string_new (NULL);

  if (programme != NULL && *programme != '\0')
    /* Translators: the first line of a deadline's description in a calendar */
    g_string_append_printf (text, _("Programme: %s"), programme);
  if (description != NULL && *description != '\0')
    {
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, description);
    }

  return g_string_free (text, FALSE);
}

static void
add_call (EccpIcalWriter *self,
          EccpRecord     *call)
{
  g_autoptr(GPtrArray) deadlines = eccp_call_get_deadlines (call);
  g_autofree char *description = call_description (call);
  const char *title = eccp_record_get_title (call);

  for (guint i = 0; i < deadlines->len; i++)
    {
      GDateTime *deadline = g_ptr_array_index (deadlines, i);
      g_autofree char *uid = g_strdup_printf ("%s-cutoff-%u@" UID_DOMAIN, eccp_record_get_id (call), i + 1);
      g_autofree char *summary = NULL;
      icalcomponent *vevent = new_vevent (self, call, uid);

      if (deadlines->len > 1)
        /* Translators: a calendar entry's title: the call's title, then
         * which of its cut-off dates this is, "(cut-off 2 of 3)" */
        summary = g_strdup_printf (_("Deadline: %s (cut-off %u of %u)"), title, i + 1, deadlines->len);
      else
        /* Translators: a calendar entry's title, with the call's title */
        summary = g_strdup_printf (_("Deadline: %s"), title);

      icalcomponent_add_property (vevent, icalproperty_new_summary (summary));
      /* An instant: a cut-off has an offset, not a zone of its own */
      icalcomponent_add_property (vevent, time_property (self, ICAL_DTSTART_PROPERTY, deadline, NULL));
      /* A moment to meet, not time taken: the calendar shows it free */
      icalcomponent_add_property (vevent, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
      add_text (vevent, icalproperty_new_url, eccp_record_get_string (call, "url"));
      add_text (vevent, icalproperty_new_description, description);

      if (g_date_time_compare (deadline, self->now) >= 0)
        {
          icalcomponent *alarm = icalcomponent_new_valarm ();
          g_autofree char *reminder = NULL;

          /* Translators: a calendar's reminder a week before a cut-off,
           * with the call's title */
          reminder = g_strdup_printf (_("Deadline in a week: %s"), title);
          icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
          icalcomponent_add_property (alarm, icalproperty_new_trigger (
                                        icaltriggertype_from_string ("-P7D")));
          icalcomponent_add_property (alarm, icalproperty_new_description (reminder));
          icalcomponent_add_component (vevent, alarm);
        }

      g_ptr_array_add (self->events, vevent);
    }
}

/* Events */

static char *
event_location (EccpRecord *event)
{
  const char *parts[3];
  const char *code = eccp_record_get_string (event, "country");
  const char *country = code != NULL ? eccp_country_name (code) : NULL;
  GString *text = g_string_new (NULL);

  parts[0] = eccp_record_get_string (event, "venue");
  parts[1] = eccp_record_get_string (event, "city");
  parts[2] = country != NULL ? country : code;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, parts[i]);
    }

  return g_string_free (text, FALSE);
}

static void
add_event (EccpIcalWriter *self,
           EccpRecord     *event)
{
  const char *starts = eccp_record_get_string (event, "starts_at");
  const char *ends = eccp_record_get_string (event, "ends_at");
  const char *zone = eccp_record_get_string (event, "timezone");
  g_autoptr(GDateTime) start = starts != NULL ? eccp_date_time_parse_iso8601 (starts) : NULL;
  g_autoptr(GDateTime) end = ends != NULL ? eccp_date_time_parse_iso8601 (ends) : NULL;
  g_autofree char *uid = NULL;
  g_autofree char *location = NULL;
  icalcomponent *vevent;

  if (start == NULL)
    return;

  uid = g_strdup_printf ("%s@" UID_DOMAIN, eccp_record_get_id (event));
  vevent = new_vevent (self, event, uid);
  icalcomponent_add_property (vevent, icalproperty_new_summary (eccp_record_get_title (event)));
  icalcomponent_add_property (vevent, time_property (self, ICAL_DTSTART_PROPERTY, start, zone));
  /* An end before the start is no period (the portal refuses it): the
   * event is then an instant, as without DTEND */
  if (end != NULL && g_date_time_compare (end, start) >= 0)
    icalcomponent_add_property (vevent, time_property (self, ICAL_DTEND_PROPERTY, end, zone));

  location = event_location (event);
  add_text (vevent, icalproperty_new_location, location);
  add_text (vevent, icalproperty_new_url, eccp_record_get_string (event, "registration_url"));
  add_text (vevent, icalproperty_new_description, eccp_record_get_string (event, "description"));

  g_ptr_array_add (self->events, vevent);
}

gboolean
eccp_ical_writer_add (EccpIcalWriter  *self,
                      EccpRecord      *record,
                      GError         **error)
{
  const char *type;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ECCP_IS_RECORD (record), FALSE);

  type = eccp_record_get_type_name (record);
  if (g_str_equal (type, "call"))
    add_call (self, record);
  else if (g_str_equal (type, "event"))
    add_event (self, record);
  else
    return set_not_supported (error, type);

  return TRUE;
}

char *
eccp_ical_writer_to_string (EccpIcalWriter *self)
{
  icalcomponent *calendar;
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//ECCP Desk//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  /* A published list, not an invitation: nobody is asked to answer */
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  /* Zones first: some calendars read a TZID only once they have its
   * VTIMEZONE */
  for (guint i = 0; i < self->zones->len; i++)
    icalcomponent_add_component (calendar, icalcomponent_new_clone (g_ptr_array_index (self->zones, i)));
  for (guint i = 0; i < self->events->len; i++)
    icalcomponent_add_component (calendar, icalcomponent_new_clone (g_ptr_array_index (self->events, i)));

  /* libical's own allocation, handed over as GLib's */
  {
    char *ical = icalcomponent_as_ical_string_r (calendar);

    text = g_strdup (ical);
    icalmemory_free_buffer (ical);
  }
  icalcomponent_free (calendar);

  return text;
}

char *
eccp_ical_from_records (GPtrArray  *records,
                        GError    **error)
{
  g_autoptr(EccpIcalWriter) writer = eccp_ical_writer_new (NULL, NULL);

  g_return_val_if_fail (records != NULL, NULL);

  for (guint i = 0; i < records->len; i++)
    if (!eccp_ical_writer_add (writer, g_ptr_array_index (records, i), error))
      return NULL;

  return eccp_ical_writer_to_string (writer);
}

typedef struct
{
  EccpIcalWriter *writer;
  GCancellable   *cancellable;
} QueryData;

static gboolean
add_record_cb (EccpRecord  *record,
               gpointer     user_data,
               GError     **error)
{
  QueryData *data = user_data;

  return !g_cancellable_set_error_if_cancelled (data->cancellable, error)
         && eccp_ical_writer_add (data->writer, record, error);
}

gboolean
eccp_ical_write_query (EccpStore      *store,
                       EccpQuery      *query,
                       GOutputStream  *out,
                       guint          *n_events,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(EccpIcalWriter) writer = NULL;
  g_autofree char *text = NULL;
  QueryData data;

  g_return_val_if_fail (ECCP_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!eccp_ical_supports_type (eccp_query_get_record_type (query)))
    return set_not_supported (error, eccp_query_get_record_type (query));

  /* "Ahead" is the query's now, when the list fixed one */
  writer = eccp_ical_writer_new (eccp_query_get_now (query), NULL);
  data.writer = writer;
  data.cancellable = cancellable;
  if (!eccp_store_foreach (store, query, add_record_cb, &data, error))
    return FALSE;

  if (n_events != NULL)
    *n_events = eccp_ical_writer_get_n_events (writer);

  text = eccp_ical_writer_to_string (writer);
  return g_output_stream_write_all (out, text, strlen (text), NULL, cancellable, error);
}
