/* eccp-demo-private.h: what the parts of the demo generator share
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "eccp-demo.h"

G_BEGIN_DECLS

/* How the set is made
 *
 * The named records come first in each type and carry the facts of the
 * portal's 2018 home page; the rest is generated around them.  Nothing reads
 * the clock: every random choice comes from a GRand seeded with DEMO_SEED and
 * the number of the phase, and every id is a name-based UUID of a key such as
 * "cluster:17", so the same @n_clusters gives the same records, byte for
 * byte, on every machine.
 *
 * The words (countries, cities, people's names, name templates, the named
 * records) are data/demo-words.json, compiled in as a resource and read once
 * into the arrays of EccpDemoWords (eccp-demo-words.c); the generator only
 * indexes them.
 *
 * Only small plans are kept for the whole run (each cluster's country,
 * ecosystem and name, the partnerships' members, each event's dates and
 * head-count); records are built and handed out one page at a time, so
 * 100,000 clusters never hold the ~600,000 records in memory at once.
 *
 * Order of the feed: clusters, partnerships, events, calls, attendees,
 * meetings, check-ins: each record after the records it points to. */

#define DEMO_SEED          20180221u
#define DEMO_PAGE_SIZE     2000
#define PORTAL_ZONE        "Europe/Brussels"

/* The demo is meant to be opened around 2026: events before this day have
 * happened (check-ins, settled meetings), later ones are upcoming. */
#define REFERENCE_YEAR     2026

/* Generated events and calls fall between these years, inclusive. */
#define FIRST_YEAR         2016
#define LAST_YEAR          2028

/* Meeting slots: 7 in the morning from 09:00, 7 in the afternoon from 14:00,
 * 30 minutes each. */
#define SLOTS_PER_DAY      14
#define SLOT_MINUTES       30

/* The Policy Forum takes its ministries from the first 25 countries (the
 * EU's come first in the data). */
#define N_EU_POLICY_FORUM  25

/* ESCP-4i partnerships launched on 21 February 2018 for 2018–2019. */
#define N_ESCP_4I_2018     23

/* Ecosystems are indexes into eccp_industrial_ecosystems (), which follows
 * portal-api.md section 3; N_ECOSYSTEMS stands for "none". */
#define N_ECOSYSTEMS       15
#define ECO_CROSS          14

enum
{
  PHASE_IDENTITY = 1,
  PHASE_PARTNERSHIP_PLAN,
  PHASE_CLUSTERS,
  PHASE_PARTNERSHIPS,
  PHASE_EVENTS,
  PHASE_CALLS,
  PHASE_ATTENDEES,
  PHASE_MEETINGS,
  PHASE_CHECKINS,
};

/* ------------------------------------------------------------------------
 * The words (eccp-demo-words.c)
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char **items;
  guint        n;
} EccpDemoList;

typedef struct
{
  EccpDemoList  first_names;    /* 8 */
  guint8        female;         /* bit i set: first_names[i] is a woman's */
  EccpDemoList  surnames;       /* 8 */
  EccpDemoList  women_surnames; /* 8, or none where the language has none */
  EccpDemoList  cluster_names;  /* {L} sector, {P} city; none: English ones */
  const char  **sectors;        /* N_ECOSYSTEMS, with cluster_names */
} EccpDemoLanguage;

typedef struct
{
  const char   *code;
  const char   *name;
  const char   *zone;
  const char   *phone;  /* country calling code */
  guint         language;
  guint         weight; /* share of the clusters */
  EccpDemoList  cities;
} EccpDemoCountry;

/* Destinations of missions abroad. */
typedef struct
{
  const char *code;
  const char *name;
  const char *zone;
  const char *city;
} EccpDemoDestination;

/* Regions partnerships target. */
typedef struct
{
  const char   *name;
  EccpDemoList  countries;
} EccpDemoRegion;

typedef struct
{
  const char *name;
  const char *acronym;
  const char *country;
  const char *city;
  guint       ecosystem;
  guint       ecosystem2;
  const char *manager_name;
  const char *slug;
  int         founded;
  double      fte;
  int         sme, large, research, other;
  const char *label;
  const char *label_valid_until;
  const char *description;
  gint64      legacy_id; /* 0: none */
} EccpDemoNamedCluster;

typedef struct
{
  const char   *name;
  const char   *acronym;
  guint         ecosystem;
  guint         ecosystem2;
  EccpDemoList  targets;
  const char   *description;
} EccpDemoNamedPartnership;

typedef enum
{
  ATTENDEES_CLUSTERS,      /* people from clusters, some from other bodies */
  ATTENDEES_22_COUNTRIES,  /* one cluster each, from the 22 largest countries */
  ATTENDEES_MINISTRIES,    /* the ministries of 25 EU countries */
} AttendeeMode;

typedef struct
{
  const char   *title;
  const char   *kind;
  const char   *country;   /* NULL: online or not known */
  const char   *city;
  const char   *zone;
  int           year, month, day, start_hour, start_minute;
  guint         n_days;
  int           end_hour, end_minute;
  const char   *venue;
  const char   *organiser;
  const char   *description;
  guint         n_attendees;
  guint         n_meetings;
  guint         capacity;
  int           partnership;  /* -1: none */
  AttendeeMode  mode;
  /* a named person first, from a named cluster */
  const char   *first_name;   /* NULL: none */
  guint         first_cluster;
  const char   *first_role;
} EccpDemoNamedEvent;

typedef struct
{
  const char *title;
  const char *programme;
  const char *zone;
  int         year, month, day, hour, minute;
  const char *description;
  guint       ecosystem;  /* N_ECOSYSTEMS: none */
} EccpDemoNamedCall;

typedef struct
{
  guint                     ecosystem_weights[N_ECOSYSTEMS];
  EccpDemoList              sector_words[N_ECOSYSTEMS];  /* English */
  EccpDemoList              emerging_industries;
  EccpDemoList              cluster_names;    /* English: {P} city, {S} sector */
  EccpDemoLanguage         *languages;
  guint                     n_languages;
  EccpDemoCountry          *countries;
  guint                     n_countries;
  EccpDemoDestination      *destinations;
  guint                     n_destinations;
  EccpDemoRegion           *regions;
  guint                     n_regions;
  EccpDemoList              cluster_activities;
  EccpDemoList              mailboxes;
  EccpDemoList              partnerships_4i;  /* {S} sector, {R} region */
  EccpDemoList              partnerships_s3;
  EccpDemoList              partnerships_4x;
  EccpDemoList              partnerships_excellence;
  EccpDemoList              matchmaking_titles;  /* {S}, {P}, {Y} year */
  EccpDemoList              conference_titles;
  const char               *mission_title;       /* {S}, {C} country, {Y} */
  EccpDemoList              other_titles;
  EccpDemoList              event_organisers;
  EccpDemoList              venues;              /* {P} */
  EccpDemoList              webinar_topics;
  EccpDemoList              organisations_without_cluster;
  EccpDemoList              programmes_before_2021;
  EccpDemoList              programmes_from_2021;
  EccpDemoList              call_titles;         /* {G} programme, {S}, {Y} */
  EccpDemoList              checkin_devices;
  EccpDemoNamedCluster     *named_clusters;
  guint                     n_named_clusters;
  EccpDemoNamedPartnership *named_partnerships;
  guint                     n_named_partnerships;
  EccpDemoNamedEvent       *named_events;
  guint                     n_named_events;
  EccpDemoNamedCall        *named_calls;
  guint                     n_named_calls;
  /* Owns every string above, for the life of the process.  Kept here, not
   * in a static nothing reads (which the optimiser drops: memcheck then
   * sees the words as lost). */
  JsonParser   *parser;
} EccpDemoWords;

/* Read from the resource on the first call, from any thread; never freed. */
const EccpDemoWords *_eccp_demo_words (void);

/* ------------------------------------------------------------------------
 * A run of the generator
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint32      julian;        /* first day */
  guint        n_days;
  GTimeZone   *zone;          /* owned by EccpDemoGen.zones */
  guint        n_attendees;
  guint        n_meetings;    /* wanted */
  AttendeeMode mode;
  gboolean     matchmaking;
  const EccpDemoNamedEvent *named;  /* NULL: generated */
} EccpDemoEventPlan;

typedef struct
{
  const EccpDemoWords *words;

  guint             n_clusters;
  guint             n_partnerships;
  guint             n_events;
  guint             n_calls;

  /* clusters: who and where, for names, partnerships and attendees */
  guint8           *cluster_country;
  guint8           *cluster_ecosystem;
  const char      **cluster_city;
  const char      **cluster_name;
  GStringChunk     *strings;
  guint            *country_start;     /* n_countries + 1 */
  guint            *country_clusters;
  guint            *ecosystem_start;   /* N_ECOSYSTEMS + 1 */
  guint            *ecosystem_clusters;

  /* partnerships: [start[p], start[p + 1]) of members, coordinator first */
  guint            *partnership_start;
  guint            *partnership_clusters;
  guint8           *partnership_ecosystem;
  guint            *cluster_partnership_start;
  guint            *cluster_partnerships;

  EccpDemoEventPlan *events;

  GHashTable       *zones;             /* identifier → GTimeZone */
  const char       *kyiv_zone;
  guint             country_weight_total;
  guint             ecosystem_weight_total;

  /* output */
  EccpDemoPageFunc  page_func;
  gpointer          user_data;
  JsonArray        *page;
  gint64            seq;
  gint64            changed_base;
  gint64            changed_step;
  GTimeZone        *portal_zone;
  GChecksum        *checksum;
  guint32           reference_julian;
} EccpDemoGen;

/* Random choices (eccp-demo-gen.c) */
GRand       *_eccp_demo_phase_rand      (guint32             phase);
guint        _eccp_demo_pick            (GRand              *rand,
                                         guint               n);
gboolean     _eccp_demo_chance          (GRand              *rand,
                                         double              p);
guint        _eccp_demo_pick_weighted   (GRand              *rand,
                                         const guint        *weights,
                                         gsize               stride,
                                         guint               n,
                                         guint               total);
guint        _eccp_demo_pick_country    (EccpDemoGen        *gen,
                                         GRand              *rand);
guint        _eccp_demo_pick_ecosystem  (EccpDemoGen        *gen,
                                         GRand              *rand);
const char  *_eccp_demo_pick_word       (GRand              *rand,
                                         const EccpDemoList *list);
const char  *_eccp_demo_pick_sector_word (EccpDemoGen       *gen,
                                          GRand             *rand,
                                          guint              ecosystem);
gboolean     _eccp_demo_contains        (const guint        *items,
                                         guint               n_items,
                                         guint               item);

/* Names and text */
const char  *_eccp_demo_ecosystem_name  (guint               index);
guint        _eccp_demo_country_index   (EccpDemoGen        *gen,
                                         const char         *code);
char        *_eccp_demo_expand          (const char         *template,
                                         const char * const *values);
char        *_eccp_demo_make_slug       (const char         *text,
                                         char                separator,
                                         gsize               max_len);
char        *_eccp_demo_make_acronym    (const char         *name);
char        *_eccp_demo_make_person     (EccpDemoGen        *gen,
                                         GRand              *rand,
                                         guint               language);
void         _eccp_demo_make_id         (EccpDemoGen        *gen,
                                         char                out[37],
                                         const char         *type,
                                         guint               index);
void         _eccp_demo_make_sub_id     (EccpDemoGen        *gen,
                                         char                out[37],
                                         const char         *type,
                                         guint               event,
                                         guint               index);

/* Time */
GTimeZone   *_eccp_demo_get_zone        (EccpDemoGen        *gen,
                                         const char         *identifier);
const char  *_eccp_demo_zone_name       (EccpDemoGen        *gen,
                                         const char         *identifier);
guint32      _eccp_demo_julian_of       (int                 year,
                                         int                 month,
                                         int                 day);
GDateTime   *_eccp_demo_local_time      (GTimeZone          *zone,
                                         guint32             julian,
                                         int                 hour,
                                         int                 minute);
char        *_eccp_demo_format_local    (GTimeZone          *zone,
                                         guint32             julian,
                                         int                 hour,
                                         int                 minute);
char        *_eccp_demo_format_date     (guint32             julian);
int          _eccp_demo_year_of         (guint32             julian);
guint32      _eccp_demo_pick_working_day (GRand             *rand);

/* JSON of the feed */
void         _eccp_demo_set_string      (JsonObject         *object,
                                         const char         *member,
                                         const char         *value);
void         _eccp_demo_take_string     (JsonObject         *object,
                                         const char         *member,
                                         char               *value);
void         _eccp_demo_add_string_take (JsonArray          *array,
                                         char               *value);
JsonArray   *_eccp_demo_string_array    (const EccpDemoList *values);
void         _eccp_demo_relate_one      (JsonObject         *relationships,
                                         const char         *name,
                                         const char         *type,
                                         const char         *id);
void         _eccp_demo_relate_many     (JsonObject         *relationships,
                                         const char         *name,
                                         JsonArray          *data);
JsonObject  *_eccp_demo_resource_new    (const char         *type,
                                         const char         *id,
                                         JsonObject        **attributes,
                                         JsonObject        **relationships);
gboolean     _eccp_demo_flush_page      (EccpDemoGen        *gen,
                                         GError            **error);
gboolean     _eccp_demo_emit            (EccpDemoGen        *gen,
                                         JsonObject         *resource,
                                         const char         *moderation_state,
                                         const char         *review_comment,
                                         GError            **error);

/* The phases: plans and clusters, partnerships (eccp-demo-clusters.c);
 * events and calls (eccp-demo-events.c); attendees, meetings and
 * check-ins (eccp-demo-people.c) */
void         _eccp_demo_plan_clusters      (EccpDemoGen  *gen);
void         _eccp_demo_plan_partnerships  (EccpDemoGen  *gen);
gboolean     _eccp_demo_emit_clusters      (EccpDemoGen  *gen,
                                            GError      **error);
gboolean     _eccp_demo_emit_partnerships  (EccpDemoGen  *gen,
                                            GError      **error);
gboolean     _eccp_demo_emit_events        (EccpDemoGen  *gen,
                                            GError      **error);
gboolean     _eccp_demo_emit_calls         (EccpDemoGen  *gen,
                                            GError      **error);
gboolean     _eccp_demo_emit_attendees     (EccpDemoGen  *gen,
                                            GError      **error);
gboolean     _eccp_demo_emit_meetings      (EccpDemoGen  *gen,
                                            GError      **error);
gboolean     _eccp_demo_emit_checkins      (EccpDemoGen  *gen,
                                            GError      **error);

G_END_DECLS
