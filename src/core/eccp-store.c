/* eccp-store.c: the local SQLite store, where every edit goes first
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "eccp-store.h"

#include "eccp-enum.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"
#include "eccp-store-private.h"
#include "eccp-validation.h"

struct _EccpStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  /* Prepared statements by SQL text: hot paths (import, get) and the few
   * shapes of list query are prepared once. */
  GHashTable *statements;
  /* Changes to the search index, written just before COMMIT (see
   * flush_search_index()). */
  GArray     *pending_index;
};

typedef struct
{
  gint64    num;
  char     *type;
  char     *text; /* NULL: only remove the record's entry */
  gboolean  replace;
} PendingIndex;

G_DEFINE_FINAL_TYPE (EccpStore, eccp_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (eccp-store-error-quark, eccp_store_error)

/* The columns every record query selects, in this order. */
#define RECORD_COLUMNS \
  "r.type, r.id, r.attributes, r.relationships, r.meta, coalesce (o.state, 'synced')"
#define OUTBOX_JOIN \
  " LEFT JOIN outbox o ON o.type = r.type AND o.record_id = r.id"
#define RECORD_JOIN "records r" OUTBOX_JOIN

/* {{{ SQLite helpers */

void
_eccp_store_set_sqlite_error (GError     **error,
                              sqlite3     *db,
                              const char  *what)
{
  int code = sqlite3_errcode (db);
  const char *reason;

  /* Name the causes a person can do something about. */
  switch (code)
    {
    case SQLITE_FULL:
      reason = _("the disk is full");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      reason = _("the file cannot be written or opened; check its permissions");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      reason = _("another program is writing to the store; try again");
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      reason = _("the file is damaged or is not an ECCP Desk store");
      break;
    default:
      reason = sqlite3_errmsg (db);
      break;
    }

  g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_FAILED, "%s: %s", what, reason);
}

gboolean
_eccp_store_exec (sqlite3     *db,
                  const char  *sql,
                  GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _eccp_store_set_sqlite_error (error, db, _("The store could not be changed"));
      return FALSE;
    }

  return TRUE;
}

sqlite3 *
_eccp_store_get_db (EccpStore *self)
{
  return self->db;
}

/* Returns a prepared statement for @sql, reset and with its bindings
 * cleared; owned by the store. */
sqlite3_stmt *
_eccp_store_statement (EccpStore   *self,
                       const char  *sql,
                       GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

void
_eccp_store_bind_text (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Binds a JSON scalar as the SQL value json_extract() would give for it. */
static void
bind_json_value (sqlite3_stmt *stmt,
                 int           index,
                 JsonNode     *node)
{
  GType value_type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  value_type = json_node_get_value_type (node);
  if (value_type == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else if (value_type == G_TYPE_DOUBLE)
    sqlite3_bind_double (stmt, index, json_node_get_double (node));
  else if (value_type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
  else
    _eccp_store_bind_text (stmt, index, json_node_get_string (node));
}

gboolean
_eccp_store_begin (EccpStore  *self,
                   GError    **error)
{
  /* IMMEDIATE: take the write lock now, so that a second program writing
   * at the same time waits (busy_timeout) instead of failing half-way. */
  return _eccp_store_exec (self->db, "BEGIN IMMEDIATE", error);
}

static gboolean flush_search_index (EccpStore  *self,
                                    GError    **error);

gboolean
_eccp_store_commit (EccpStore  *self,
                    GError    **error)
{
  if (!flush_search_index (self, error)
      || !_eccp_store_exec (self->db, "COMMIT", error))
    {
      _eccp_store_exec (self->db, "ROLLBACK", NULL);
      g_array_set_size (self->pending_index, 0);
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

void
_eccp_store_rollback (EccpStore *self)
{
  g_array_set_size (self->pending_index, 0);
  if (!sqlite3_get_autocommit (self->db))
    _eccp_store_exec (self->db, "ROLLBACK", NULL);
}

/* The end of a transaction in evolution-data-server's ECache style:
 *
 *   if (!_eccp_store_begin (self, error))
 *     return FALSE;
 *   success = success && step_one (self, …, error);
 *   success = success && step_two (self, …, error);
 *   return _eccp_store_end (self, success, error);
 *
 * Commits when every step succeeded (and says whether the commit did),
 * rolls back otherwise, keeping the first step's error. */
gboolean
_eccp_store_end (EccpStore  *self,
                 gboolean    success,
                 GError    **error)
{
  if (success)
    return _eccp_store_commit (self, error);

  _eccp_store_rollback (self);
  return FALSE;
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* }}} */

/* {{{ Object life */

static void
eccp_store_finalize (GObject *object)
{
  EccpStore *self = (EccpStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending_index, g_array_unref);
  if (self->db != NULL)
    {
      /* Fold the WAL back into the main file on a clean close. */
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (eccp_store_parent_class)->finalize (object);
}

static void
eccp_store_class_init (EccpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eccp_store_finalize;

  /**
   * EccpStore::changed:
   *
   * Emitted after every committed write: a local edit, an import, a page
   * of the feed, an answer of the portal.  Views re-read what they show;
   * handlers should coalesce, a sync commits many times a second.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
clear_pending_index (gpointer data)
{
  PendingIndex *pending = data;

  g_clear_pointer (&pending->type, g_free);
  g_clear_pointer (&pending->text, g_free);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
eccp_store_init (EccpStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->pending_index = g_array_new (FALSE, FALSE, sizeof (PendingIndex));
  g_array_set_clear_func (self->pending_index, clear_pending_index);
}

char *
eccp_store_default_path (void)
{
  const char *env = g_getenv ("ECCP_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "eccp-desk", "store.db", NULL);
}

EccpStore *
eccp_store_new (const char  *path,
                GError     **error)
{
  g_autoptr(EccpStore) self = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (ECCP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not open the store “%s”"), path);

      _eccp_store_set_sqlite_error (error, self->db, what);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, FALSE);
  sqlite3_busy_timeout (self->db, 5000);

  /* WAL: readers never wait for the writer.  synchronous=FULL: a commit is
   * on the disk when it returns, so an edit survives a power cut, not only
   * a crash.  Foreign keys keep the outbox tied to its records. */
  if (!_eccp_store_exec (self->db, "PRAGMA journal_mode = WAL", error)
      || !_eccp_store_exec (self->db, "PRAGMA synchronous = FULL", error)
      || !_eccp_store_exec (self->db, "PRAGMA foreign_keys = ON", error)
      /* A page cache that holds a page of the feed's working set, so a
       * commit does not spill half-written pages to the WAL.  It bounds
       * the memory too: no mmap, whose pages would count as resident and
       * grow with the file (a sync of 600,000 records peaked at 263 MB
       * with a 256 MB map, 91 MB without, at the same speed). */
      || !_eccp_store_exec (self->db, "PRAGMA cache_size = -65536", error)
      || !_eccp_store_schema_migrate (self->db, ECCP_STORE_SCHEMA_VERSION, error))
    {
      g_prefix_error (error, _("Could not open the store “%s”: "), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
eccp_store_get_path (EccpStore *self)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  return self->path;
}

/* }}} */

/* {{{ Reading records */

static const EccpTypeSpec *
lookup_type (const char  *type,
             GError     **error)
{
  const EccpTypeSpec *spec = eccp_type_spec_lookup (type);

  if (spec == NULL)
    g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_TYPE,
                 _("“%s” is not a record type"), type);

  return spec;
}

JsonObject *
_eccp_store_column_object (sqlite3_stmt *stmt,
                           int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);
  JsonObject *object = NULL;

  if (text != NULL)
    object = eccp_json_object_from_string (text, NULL);

  /* The store only ever writes objects; an unreadable one (edited by hand)
   * reads as empty rather than failing the whole list. */
  return object != NULL ? object : json_object_new ();
}

/* Makes a record from the RECORD_COLUMNS of the current row. */
static EccpRecord *
record_from_row (sqlite3_stmt *stmt)
{
  EccpRecord *record;
  EccpSyncState state = ECCP_SYNC_STATE_SYNCED;

  record = eccp_record_new ((const char *)sqlite3_column_text (stmt, 0),
                            (const char *)sqlite3_column_text (stmt, 1));
  eccp_record_take_trees (record,
                          _eccp_store_column_object (stmt, 2),
                          _eccp_store_column_object (stmt, 3),
                          _eccp_store_column_object (stmt, 4));
  state = eccp_enum_from_nick (ECCP_TYPE_SYNC_STATE, (const char *)sqlite3_column_text (stmt, 5), state);
  eccp_record_set_sync_state (record, state);

  return record;
}

EccpRecord *
eccp_store_get (EccpStore   *self,
                const char  *type,
                const char  *id,
                GError     **error)
{
  sqlite3_stmt *stmt;
  EccpRecord *record = NULL;
  int rc;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (lookup_type (type, error) == NULL)
    return NULL;

  stmt = _eccp_store_statement (self,
                        "SELECT " RECORD_COLUMNS " FROM " RECORD_JOIN
                        " WHERE r.type = ?1 AND r.id = ?2 AND r.deleted = 0",
                        error);
  if (stmt == NULL)
    return NULL;

  _eccp_store_bind_text (stmt, 1, type);
  _eccp_store_bind_text (stmt, 2, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = record_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                 _("There is no %s with the id “%s”"), type, id);
  else
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));

  sqlite3_reset (stmt);

  return record;
}

/* }}} */

/* {{{ Queries */

typedef struct
{
  GString   *sql;
  GPtrArray *values; /* JsonNode scalars, bound in order from ?1 */
} QueryBuilder;

static void
query_builder_clear (QueryBuilder *builder)
{
  if (builder->sql != NULL)
    g_string_free (builder->sql, TRUE);
  g_clear_pointer (&builder->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QueryBuilder, query_builder_clear)

static void
add_string_value (QueryBuilder *builder,
                  const char   *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  g_ptr_array_add (builder->values, node);
}

/* Folds the letters that SQLite's remove_diacritics leaves alone because
 * Unicode gives them no decomposition: "Łódź" must be found by "lodz",
 * "Ørsted" by "orsted", "Straße" by "strasse".  Applied to the indexed
 * text and to what a person types alike. */
static void
append_folded (GString    *out,
               const char *text)
{
  static const struct { gunichar c; const char *ascii; } folds[] = {
    { 0x0141, "L" }, { 0x0142, "l" },   /* Ł ł */
    { 0x00D8, "O" }, { 0x00F8, "o" },   /* Ø ø */
    { 0x0110, "D" }, { 0x0111, "d" },   /* Đ đ */
    { 0x00D0, "D" }, { 0x00F0, "d" },   /* Ð ð */
    { 0x00DF, "ss" }, { 0x1E9E, "SS" }, /* ß ẞ */
    { 0x00C6, "AE" }, { 0x00E6, "ae" }, /* Æ æ */
    { 0x0152, "OE" }, { 0x0153, "oe" }, /* Œ œ */
    { 0x00DE, "TH" }, { 0x00FE, "th" }, /* Þ þ */
    { 0x0131, "i" },                    /* ı */
    { 0x0126, "H" }, { 0x0127, "h" },   /* Ħ ħ */
    { 0x0166, "T" }, { 0x0167, "t" },   /* Ŧ ŧ */
  };

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *ascii = NULL;

      if (c >= 0x80)
        for (guint i = 0; i < G_N_ELEMENTS (folds); i++)
          if (folds[i].c == c)
            ascii = folds[i].ascii;

      if (ascii != NULL)
        g_string_append (out, ascii);
      else
        g_string_append_unichar (out, c);
    }
}

/* The FTS5 query for what a person typed: each word a quoted prefix, all of
 * them required.  Anything but letters and digits separates words, so no
 * input can be an FTS5 syntax error. */
static char *
fts_query_for (const char *text)
{
  GString *query = g_string_new (NULL);
  GString *word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char_validated (p, -1) : 0;

      if (c != 0 && c != (gunichar)-1 && c != (gunichar)-2 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
        }
      else if (word->len > 0)
        {
          g_string_append (query, query->len > 0 ? " \"" : "\"");
          append_folded (query, word->str);
          g_string_append (query, "\"*");
          g_string_truncate (word, 0);
        }

      if (c == 0 || c == (gunichar)-1 || c == (gunichar)-2)
        break;
    }

  g_string_free (word, TRUE);

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

/* Resolves "name" or "members.sme" to its spec. */
static const EccpFieldSpec *
resolve_field (const EccpTypeSpec  *type,
               const char          *name,
               GError             **error)
{
  const EccpFieldSpec *field = eccp_type_spec_get_field_path (type, name);

  if (field == NULL)
    g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                 _("A %s has no field “%s”"), type->name, name);

  return field;
}

/* The SQL expression of an attribute: "json_extract (r.attributes, '$.name')".
 * @path is a field path the specs know ("name", "members.sme"), never raw
 * input, so it can be spelled into the SQL, which lets SQLite match the
 * expression indexes. */
static char *
attribute_expression (const char *path)
{
  return g_strdup_printf ("json_extract (r.attributes, '$.%s')", path);
}

static gboolean
is_text_kind (EccpFieldKind kind)
{
  switch (kind)
    {
    case ECCP_FIELD_TEXT:
    case ECCP_FIELD_LONG_TEXT:
    case ECCP_FIELD_ENUM:
    case ECCP_FIELD_COUNTRY:
    case ECCP_FIELD_URL:
    case ECCP_FIELD_EMAIL:
    case ECCP_FIELD_PHONE:
    case ECCP_FIELD_TIMEZONE:
    case ECCP_FIELD_DATE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
add_filter (QueryBuilder        *builder,
            const EccpTypeSpec  *type,
            const char          *name,
            const char          *text,
            GError             **error)
{
  const EccpFieldSpec *field;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *expression = NULL;

  field = resolve_field (type, name, error);
  if (field == NULL)
    return FALSE;

  if (field->kind == ECCP_FIELD_OBJECT)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("Filter by one member of “%s”, such as “%s.%s”"),
                   field->name, field->name, field->n_children > 0 ? field->children[0].name : "");
      return FALSE;
    }

  value = eccp_field_spec_parse_text (field, text, error);
  if (value == NULL)
    return FALSE;

  switch (field->kind)
    {
    case ECCP_FIELD_LIST:
      {
        JsonArray *items = json_node_get_array (value);
        guint n_items = json_array_get_length (items);

        if (n_items == 0)
          g_string_append_printf (builder->sql,
                                  " AND coalesce (json_array_length (r.attributes, '$.%s'), 0) = 0",
                                  field->name);

        for (guint i = 0; i < n_items; i++)
          {
            g_string_append_printf (builder->sql,
                                    " AND EXISTS (SELECT 1 FROM json_each (r.attributes, '$.%s')"
                                    " WHERE value = ?%u)",
                                    field->name, builder->values->len + 1);
            g_ptr_array_add (builder->values, json_node_copy (json_array_get_element (items, i)));
          }
        return TRUE;
      }

    case ECCP_FIELD_RELATION_ONE:
      {
        const char *id = eccp_json_get_string (eccp_json_get_object (json_node_get_object (value), "data"), "id");

        if (id == NULL)
          {
            g_string_append_printf (builder->sql,
                                    " AND json_extract (r.relationships, '$.%s.data.id') IS NULL",
                                    field->name);
          }
        else
          {
            g_string_append_printf (builder->sql,
                                    " AND json_extract (r.relationships, '$.%s.data.id') = ?%u",
                                    field->name, builder->values->len + 1);
            add_string_value (builder, id);
          }
        return TRUE;
      }

    case ECCP_FIELD_RELATION_MANY:
      {
        JsonArray *data = eccp_json_get_array (json_node_get_object (value), "data");
        guint n_items = data != NULL ? json_array_get_length (data) : 0;

        if (n_items == 0)
          g_string_append_printf (builder->sql,
                                  " AND coalesce (json_array_length (r.relationships, '$.%s.data'), 0) = 0",
                                  field->name);

        for (guint i = 0; i < n_items; i++)
          {
            JsonObject *identifier = json_array_get_object_element (data, i);

            g_string_append_printf (builder->sql,
                                    " AND EXISTS (SELECT 1 FROM json_each (r.relationships, '$.%s.data')"
                                    " WHERE json_extract (value, '$.id') = ?%u)",
                                    field->name, builder->values->len + 1);
            add_string_value (builder, eccp_json_get_string (identifier, "id"));
          }
        return TRUE;
      }

    default:
      break;
    }

  expression = attribute_expression (name);

  if (JSON_NODE_HOLDS_NULL (value))
    {
      g_string_append_printf (builder->sql, " AND %s IS NULL", expression);
    }
  else
    {
      g_string_append_printf (builder->sql, " AND %s = ?%u", expression, builder->values->len + 1);
      g_ptr_array_add (builder->values, g_steal_pointer (&value));
    }

  return TRUE;
}

/* A bound of a range: an RFC 3339 date-time with an offset; for a DATE
 * field also a bare date.  Appends nothing and returns FALSE with @error
 * when @text is neither. */
static gboolean
add_range_bound (QueryBuilder         *builder,
                 const EccpFieldSpec  *field,
                 const char           *text,
                 GError              **error)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  if (time == NULL && field->kind == ECCP_FIELD_DATE && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      time = g_date_time_new_from_iso8601 (midnight, NULL);
    }

  if (time == NULL)
    {
      g_set_error (error, ECCP_VALIDATION_ERROR, ECCP_VALIDATION_ERROR_INVALID,
                   _("%s: “%s” is not a date and time with an offset, such as "
                     "2026-06-04T09:00:00+02:00"),
                   _(field->label), text);
      return FALSE;
    }

  if (field->kind == ECCP_FIELD_DATE)
    {
      /* The day at the bound's own offset; dates compare as text. */
      g_autofree char *date = g_date_time_format (time, "%Y-%m-%d");

      add_string_value (builder, date);
    }
  else
    {
      JsonNode *seconds = json_node_new (JSON_NODE_VALUE);

      json_node_set_int (seconds, g_date_time_to_unix (time));
      g_ptr_array_add (builder->values, seconds);
    }

  return TRUE;
}

/* " AND ..." for a record whose @name is in [@from, @to) (see
 * eccp_query_add_range()).  The bounds are bound, never spelled. */
static gboolean
add_range (QueryBuilder        *builder,
           const EccpTypeSpec  *type,
           const char          *name,
           const char          *from,
           const char          *to,
           gboolean             missing_matches,
           GError             **error)
{
  const EccpFieldSpec *field;
  g_autofree char *value = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GString) condition = g_string_new (NULL);

  field = resolve_field (type, name, error);
  if (field == NULL)
    return FALSE;

  switch (field->kind)
    {
    case ECCP_FIELD_TIME:
      {
        g_autofree char *expression = attribute_expression (name);

        /* Spelled as the index on an event's start is, so a range of
         * starts walks it. */
        value = g_strdup_printf ("unixepoch (%s)", expression);
        missing = g_strdup_printf ("%s IS NULL", expression);
        break;
      }

    case ECCP_FIELD_DATE:
      value = attribute_expression (name);
      missing = g_strdup_printf ("%s IS NULL", value);
      break;

    case ECCP_FIELD_LIST:
      if (field->item_kind == ECCP_FIELD_TIME)
        {
          /* The last of several times, as the sort has it: a call is open
           * until its last cut-off. */
          value = g_strdup_printf ("(SELECT max (unixepoch (value)) FROM json_each (r.attributes, '$.%s'))",
                                   field->name);
          missing = g_strdup_printf ("coalesce (json_array_length (r.attributes, '$.%s'), 0) = 0",
                                     field->name);
          break;
        }
      G_GNUC_FALLTHROUGH;

    default:
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("“%s” is not a date or a time: records cannot be chosen by a period of it"),
                   name);
      return FALSE;
    }

  if (from != NULL)
    {
      g_string_append_printf (condition, "%s >= ?%u", value, builder->values->len + 1);
      if (!add_range_bound (builder, field, from, error))
        return FALSE;
    }

  if (to != NULL)
    {
      g_string_append_printf (condition, "%s%s < ?%u", condition->len > 0 ? " AND " : "",
                              value, builder->values->len + 1);
      if (!add_range_bound (builder, field, to, error))
        return FALSE;
    }

  /* No bound: any value, but a value. */
  if (condition->len == 0)
    g_string_append_printf (condition, "%s IS NOT NULL", value);

  if (missing_matches)
    g_string_append_printf (builder->sql, " AND (%s OR (%s))", missing, condition->str);
  else
    g_string_append_printf (builder->sql, " AND %s", condition->str);

  return TRUE;
}

/* The ORDER BY expression for a field, or NULL with @error. */
static char *
sort_expression (const EccpTypeSpec  *type,
                 const char          *name,
                 GError             **error)
{
  const EccpFieldSpec *field;
  g_autofree char *expression = NULL;

  field = resolve_field (type, name, error);
  if (field == NULL)
    return NULL;

  switch (field->kind)
    {
    case ECCP_FIELD_OBJECT:
    case ECCP_FIELD_RELATION_ONE:
    case ECCP_FIELD_RELATION_MANY:
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                   _("Records cannot be sorted by “%s”"), name);
      return NULL;

    case ECCP_FIELD_LIST:
      /* Several times (a call's cut-offs): by the last one, when the call
       * closes; other lists by their first item. */
      if (field->item_kind == ECCP_FIELD_TIME)
        return g_strdup_printf ("(SELECT max (unixepoch (value)) FROM json_each (r.attributes, '$.%s'))",
                                field->name);
      return g_strdup_printf ("json_extract (r.attributes, '$.%s[0]') COLLATE NOCASE", field->name);

    case ECCP_FIELD_TIME:
      /* Times carry offsets: compare instants, not strings. */
      expression = attribute_expression (name);
      return g_strdup_printf ("unixepoch (%s)", expression);

    default:
      expression = attribute_expression (name);
      if (is_text_kind (field->kind))
        return g_strdup_printf ("%s COLLATE NOCASE", expression);
      return g_steal_pointer (&expression);
    }
}

/* How a search is joined to the records.  Both start from the type's FTS
 * table.  A narrow search (few matches) is ranked, best first; a broad one
 * ("b", "cluster") would rank tens of thousands of rows to show a page of
 * fifty, so it lists the newest records first, which the index gives in
 * order and stops after a page. */
typedef enum
{
  SEARCH_NONE,
  SEARCH_RANKED,
  SEARCH_NEWEST_FIRST,
} SearchMode;

/* Above this many matches, a search lists the newest records first. */
#define RANKED_MATCHES_MAX 1000

/* Builds "FROM ... WHERE ..." for @query into @builder. */
static gboolean
build_from_where (QueryBuilder        *builder,
                  const EccpTypeSpec  *type,
                  EccpQuery           *query,
                  const char          *fts_query,
                  SearchMode           mode,
                  gboolean             with_outbox,
                  GError             **error)
{
  /* A count needs no sync state: without the outbox, it can be read from
   * the type's partial index alone. */
  const char *outbox_join = with_outbox ? OUTBOX_JOIN : "";

  g_assert (fts_query != NULL || mode == SEARCH_NONE);

  /* The type is spelled into the SQL (it comes from the specs, never from
   * input) so that SQLite can use the type's partial indexes. */
  switch (mode)
    {
    case SEARCH_RANKED:
    case SEARCH_NEWEST_FIRST:
      g_string_append_printf (builder->sql,
                              " FROM fts_%s f JOIN records r ON r.num = f.rowid%s"
                              " WHERE fts_%s MATCH ?1 AND r.type = '%s' AND r.deleted = 0",
                              type->name, outbox_join, type->name, type->name);
      add_string_value (builder, fts_query);
      break;

    case SEARCH_NONE:
    default:
      g_string_append_printf (builder->sql,
                              " FROM records r%s WHERE r.type = '%s' AND r.deleted = 0",
                              outbox_join, type->name);
      break;
    }

  for (guint i = 0; i < eccp_query_get_n_filters (query); i++)
    {
      const char *field;
      const char *value;

      eccp_query_get_filter (query, i, &field, &value);
      if (!add_filter (builder, type, field, value, error))
        return FALSE;
    }

  for (guint i = 0; i < eccp_query_get_n_ranges (query); i++)
    {
      const char *field;
      const char *from;
      const char *to;
      gboolean missing_matches;

      eccp_query_get_range (query, i, &field, &from, &to, &missing_matches);
      if (!add_range (builder, type, field, from, to, missing_matches, error))
        return FALSE;
    }

  return TRUE;
}

/* How many records the FTS query matches, from the index alone, counting
 * no further than RANKED_MATCHES_MAX + 1: all that the choice of order
 * needs, and "cluster" matches every cluster. */
static gint64
count_matches (EccpStore   *self,
               const char  *type,
               const char  *fts_query,
               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM (SELECT 1 FROM fts_%s"
                                          " WHERE fts_%s MATCH ?1 LIMIT %d)",
                                          type, type, RANKED_MATCHES_MAX + 1);
  sqlite3_stmt *stmt;
  gint64 count = -1;

  stmt = _eccp_store_statement (self, sql, error);
  if (stmt == NULL)
    return -1;

  _eccp_store_bind_text (stmt, 1, fts_query);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be searched"));
  sqlite3_reset (stmt);

  return count;
}

static sqlite3_stmt *
prepare_query (EccpStore     *self,
               QueryBuilder  *builder,
               GError       **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, builder->sql->str, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < builder->values->len; i++)
    bind_json_value (stmt, i + 1, g_ptr_array_index (builder->values, i));

  return stmt;
}

/* " LIMIT ?n OFFSET ?m", bound, not spelled: one prepared statement
 * serves every page. */
static void
append_range (QueryBuilder *builder,
              EccpQuery    *query)
{
  JsonNode *limit = json_node_new (JSON_NODE_VALUE);
  JsonNode *offset = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (limit, eccp_query_get_limit (query) > 0 ? (gint64) eccp_query_get_limit (query) : -1);
  json_node_set_int (offset, eccp_query_get_offset (query));
  g_string_append_printf (builder->sql, " LIMIT ?%u OFFSET ?%u",
                          builder->values->len + 1, builder->values->len + 2);
  g_ptr_array_add (builder->values, limit);
  g_ptr_array_add (builder->values, offset);
}

/* Builds the SELECT for @query into @builder.  Returns FALSE with @error,
 * or with *@nothing set and no error when the query cannot match anything
 * (a search with no letters or digits in it). */
static gboolean
build_select (EccpStore     *self,
              EccpQuery     *query,
              QueryBuilder  *builder,
              gboolean      *nothing,
              GError       **error)
{
  const EccpTypeSpec *type;
  g_autofree char *fts_query = NULL;
  const char *sort_field;
  const char *direction;
  SearchMode mode = SEARCH_NONE;
  g_autoptr(GString) order = g_string_new (NULL);
  gboolean paged = eccp_query_get_limit (query) > 0 || eccp_query_get_offset (query) > 0;

  *nothing = FALSE;

  type = lookup_type (eccp_query_get_record_type (query), error);
  if (type == NULL)
    return FALSE;

  if (eccp_query_get_search (query) != NULL)
    {
      gint64 matches;

      fts_query = fts_query_for (eccp_query_get_search (query));
      /* "!!!" searches for nothing that can be found. */
      if (fts_query == NULL)
        {
          *nothing = TRUE;
          return FALSE;
        }

      matches = count_matches (self, type->name, fts_query, error);
      if (matches < 0)
        return FALSE;
      mode = matches <= RANKED_MATCHES_MAX ? SEARCH_RANKED : SEARCH_NEWEST_FIRST;
    }

  sort_field = eccp_query_get_sort_field (query);
  direction = eccp_query_get_sort_descending (query) ? "DESC" : "ASC";

  if (sort_field == NULL && mode == SEARCH_RANKED)
    {
      /* Best matches first. */
      g_string_append (order, " ORDER BY f.rank, r.num");
    }
  else if (sort_field == NULL && mode == SEARCH_NEWEST_FIRST)
    {
      g_string_append (order, " ORDER BY f.rowid DESC");
    }
  else
    {
      g_autofree char *expression = NULL;

      if (sort_field == NULL)
        {
          const EccpFieldSpec *title = eccp_type_spec_get_title_field (type);

          sort_field = title != NULL ? title->name : NULL;
        }

      if (sort_field != NULL)
        {
          expression = sort_expression (type, sort_field, error);
          if (expression == NULL)
            return FALSE;
          g_string_append_printf (order, " ORDER BY %s %s, r.num %s",
                                  expression, direction, direction);
        }
      else
        {
          g_string_append_printf (order, " ORDER BY r.num %s", direction);
        }
    }

  /* A page of a list (no search): its rows are chosen first from the
   * type's index alone, then read.  Read row by row, the page at row
   * 50,000 of 100,000 clusters took 400 ms: every row skipped was read
   * and looked up in the outbox. */
  if (paged && mode == SEARCH_NONE)
    {
      g_string_append (builder->sql, "SELECT " RECORD_COLUMNS " FROM " RECORD_JOIN
                                     " WHERE r.num IN (SELECT r.num");
      if (!build_from_where (builder, type, query, fts_query, mode, FALSE, error))
        return FALSE;
      g_string_append (builder->sql, order->str);
      append_range (builder, query);
      g_string_append_c (builder->sql, ')');
      g_string_append (builder->sql, order->str);
      return TRUE;
    }

  g_string_append (builder->sql, "SELECT " RECORD_COLUMNS);
  if (!build_from_where (builder, type, query, fts_query, mode, TRUE, error))
    return FALSE;
  g_string_append (builder->sql, order->str);
  if (paged)
    append_range (builder, query);

  return TRUE;
}

GPtrArray *
eccp_store_query (EccpStore  *self,
                  EccpQuery  *query,
                  GError    **error)
{
  g_auto(QueryBuilder) builder = { g_string_new (NULL),
                                   g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref) };
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean nothing;
  int rc;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!build_select (self, query, &builder, &nothing, error))
    return nothing ? g_steal_pointer (&records) : NULL;

  stmt = prepare_query (self, &builder, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);

  return g_steal_pointer (&records);
}

gboolean
eccp_store_foreach (EccpStore       *self,
                    EccpQuery       *query,
                    EccpRecordFunc   func,
                    gpointer         user_data,
                    GError         **error)
{
  g_auto(QueryBuilder) builder = { g_string_new (NULL),
                                   g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref) };
  sqlite3_stmt *stmt = NULL;
  gboolean nothing;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!build_select (self, query, &builder, &nothing, error))
    return nothing;

  /* A statement of its own, not a cached one: @func may read the store
   * while this one is stepping.  One statement is one snapshot: a list
   * written out while another program writes has no row twice or missing. */
  if (sqlite3_prepare_v2 (self->db, builder.sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
      return FALSE;
    }

  for (guint i = 0; i < builder.values->len; i++)
    bind_json_value (stmt, i + 1, g_ptr_array_index (builder.values, i));

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EccpRecord) record = record_from_row (stmt);

      ok = func (record, user_data, error);
    }

  if (ok && rc != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
      ok = FALSE;
    }

  sqlite3_finalize (stmt);

  return ok;
}

gint64
eccp_store_count (EccpStore  *self,
                  EccpQuery  *query,
                  GError    **error)
{
  g_auto(QueryBuilder) builder = { g_string_new ("SELECT count (*)"),
                                   g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref) };
  g_autofree char *fts_query = NULL;
  const EccpTypeSpec *type;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (ECCP_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  type = lookup_type (eccp_query_get_record_type (query), error);
  if (type == NULL)
    return -1;

  if (eccp_query_get_search (query) != NULL)
    {
      fts_query = fts_query_for (eccp_query_get_search (query));
      if (fts_query == NULL)
        return 0;
    }

  /* A search alone (the type-ahead case): the matches are counted in the
   * type's full-text index, then the few local deletions among them taken
   * off, without reading a record ("clust" matches 100,000 clusters). */
  if (fts_query != NULL && eccp_query_get_n_filters (query) == 0
      && eccp_query_get_n_ranges (query) == 0)
    {
      g_string_printf (builder.sql,
                       "SELECT (SELECT count (*) FROM fts_%s WHERE fts_%s MATCH ?1)"
                       " - (SELECT count (*) FROM records r WHERE r.type = '%s' AND r.deleted = 1"
                       "    AND EXISTS (SELECT 1 FROM fts_%s WHERE fts_%s MATCH ?1 AND rowid = r.num))",
                       type->name, type->name, type->name, type->name, type->name);
      add_string_value (&builder, fts_query);
    }
  else if (!build_from_where (&builder, type, query, fts_query,
                              fts_query != NULL ? SEARCH_RANKED : SEARCH_NONE, FALSE, error))
    return -1;

  stmt = prepare_query (self, &builder, error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));

  sqlite3_reset (stmt);

  return count;
}

/* }}} */

/* {{{ Writing records */

char *
_eccp_store_search_text (const char *type_name,
                         JsonObject *attributes)
{
  const EccpTypeSpec *type = eccp_type_spec_lookup (type_name);
  GString *text = g_string_new (NULL);

  for (guint i = 0; type != NULL && i < type->n_fields; i++)
    {
      const EccpFieldSpec *field = &type->fields[i];
      JsonNode *node;

      if (!(field->flags & ECCP_FIELD_FLAG_SEARCHABLE))
        continue;

      node = json_object_get_member (attributes, field->name);
      if (node == NULL)
        continue;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          append_folded (text, json_node_get_string (node));
          g_string_append_c (text, '\n');
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *items = json_node_get_array (node);

          for (guint j = 0; j < json_array_get_length (items); j++)
            {
              JsonNode *item = json_array_get_element (items, j);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                {
                  append_folded (text, json_node_get_string (item));
                  g_string_append_c (text, '\n');
                }
            }
        }
    }

  return g_string_free (text, FALSE);
}

/* Checks that every member names a field of @type of the right side
 * (attribute or relationship); an attribute change may also name one
 * member of an object field, "members.sme". */
static gboolean
check_field_names (const EccpTypeSpec  *type,
                   JsonObject          *members,
                   gboolean             relationships,
                   GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (members == NULL)
    return TRUE;

  json_object_iter_init (&iter, members);
  while (json_object_iter_next (&iter, &name, &value))
    {
      const EccpFieldSpec *field = eccp_type_spec_get_field_path (type, name);

      if (field == NULL || eccp_field_spec_is_relation (field) != relationships)
        {
          g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_UNKNOWN_FIELD,
                       _("A %s has no field “%s”"), type->name, name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate (const EccpTypeSpec  *type,
          JsonObject          *attributes,
          JsonObject          *relationships,
          const char * const  *only_fields,
          GError             **error)
{
  g_autoptr(GPtrArray) errors = eccp_validate_record (type, attributes, relationships, only_fields);

  if (errors->len > 0)
    {
      eccp_validation_set_error (error, errors);
      return FALSE;
    }

  return TRUE;
}

/* Queues @search_text for the full-text index under the record's @num
 * (@replace: the record had an entry).  The queue is written by commit(),
 * after every other statement of the transaction: FTS5 flushes its pending
 * terms whenever a statement of the transaction opens a savepoint (any
 * INSERT into records does, for its unique index), which made every record
 * a segment of its own and an import of 100,000 clusters ten times slower. */
static void
index_record (EccpStore   *self,
              gint64       num,
              gboolean     replace,
              const char  *type,
              const char  *search_text)
{
  PendingIndex pending = { num, g_strdup (type), g_strdup (search_text), replace };

  g_array_append_val (self->pending_index, pending);
}

static gboolean
flush_search_index (EccpStore  *self,
                    GError    **error)
{
  for (guint i = 0; i < self->pending_index->len; i++)
    {
      PendingIndex *pending = &g_array_index (self->pending_index, PendingIndex, i);
      g_autofree char *remove_sql = NULL;
      g_autofree char *insert_sql = NULL;
      sqlite3_stmt *stmt;

      /* Types the specs do not know are kept, but not searched. */
      if (eccp_type_spec_lookup (pending->type) == NULL)
        continue;

      if (pending->replace || pending->text == NULL)
        {
          remove_sql = g_strdup_printf ("DELETE FROM fts_%s WHERE rowid = ?1", pending->type);
          stmt = _eccp_store_statement (self, remove_sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, pending->num);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            goto failed;
          sqlite3_reset (stmt);
        }

      if (pending->text != NULL)
        {
          insert_sql = g_strdup_printf ("INSERT INTO fts_%s (rowid, search_text) VALUES (?1, ?2)",
                                        pending->type);
          stmt = _eccp_store_statement (self, insert_sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, pending->num);
          sqlite3_bind_text (stmt, 2, pending->text, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            goto failed;
          sqlite3_reset (stmt);
        }
      continue;

    failed:
      _eccp_store_set_sqlite_error (error, self->db, _("The records could not be indexed for search"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  g_array_set_size (self->pending_index, 0);

  return TRUE;
}

/* Writes a record's row and its search text: the one place records are
 * written, so the index can never miss a change.  @insert: a new row
 * (else the row exists); @synced: the portal's version (clears a local
 * delete mark). */
gboolean
_eccp_store_write_row (EccpStore   *self,
                       const char  *type,
                       const char  *id,
                       JsonObject  *attributes,
                       JsonObject  *relationships,
                       JsonObject  *meta,
                       gboolean     insert,
                       GError     **error)
{
  g_autofree char *attributes_text = eccp_json_object_to_string (attributes);
  g_autofree char *relationships_text = eccp_json_object_to_string (relationships);
  g_autofree char *meta_text = eccp_json_object_to_string (meta);
  g_autofree char *search_text = _eccp_store_search_text (type, attributes);
  sqlite3_stmt *stmt;
  gint64 num;

  stmt = _eccp_store_statement (self,
                        insert
                        ? "INSERT INTO records (type, id, attributes, relationships, meta)"
                          " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING num"
                        : "UPDATE records SET attributes = ?3, relationships = ?4, meta = ?5"
                          " WHERE type = ?1 AND id = ?2 RETURNING num",
                        error);
  if (stmt == NULL)
    return FALSE;

  _eccp_store_bind_text (stmt, 1, type);
  _eccp_store_bind_text (stmt, 2, id);
  _eccp_store_bind_text (stmt, 3, attributes_text);
  _eccp_store_bind_text (stmt, 4, relationships_text);
  _eccp_store_bind_text (stmt, 5, meta_text);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The record could not be saved"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  num = sqlite3_column_int64 (stmt, 0);
  /* Run RETURNING to completion so the write is done. */
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  index_record (self, num, !insert, type, search_text);

  return TRUE;
}

/* Removes a record's row and its search text. */
gboolean
_eccp_store_remove_row (EccpStore   *self,
                        const char  *type,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 num = 0;
  int rc;

  stmt = _eccp_store_statement (self, "DELETE FROM records WHERE type = ?1 AND id = ?2 RETURNING num", error);
  if (stmt == NULL)
    return FALSE;

  _eccp_store_bind_text (stmt, 1, type);
  _eccp_store_bind_text (stmt, 2, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    num = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The record could not be removed"));
      return FALSE;
    }

  if (num != 0)
    index_record (self, num, TRUE, type, NULL);

  return TRUE;
}

static gboolean
write_record (EccpStore   *self,
              EccpRecord  *record,
              gboolean     insert,
              GError     **error)
{
  return _eccp_store_write_row (self,
                           eccp_record_get_type_name (record),
                           eccp_record_get_id (record),
                           eccp_record_get_attributes (record),
                           eccp_record_get_relationships (record),
                           eccp_record_get_meta (record),
                           insert, error);
}

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_set_array (node, array);

  return eccp_json_node_to_string (node, FALSE);
}

static GStrv
strv_from_json (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonNode) node = text != NULL ? eccp_json_node_from_string (text, NULL) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
        }
    }

  return g_strv_builder_end (builder);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The sorted union of two name lists, without repeats. */
GStrv
_eccp_store_strv_union (const char * const *a,
                        const char * const *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *lists[] = { a, b };
  GStrv result;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      if (g_hash_table_add (seen, (gpointer) lists[l][i]))
        g_strv_builder_add (builder, lists[l][i]);

  result = g_strv_builder_end (builder);
  qsort (result, g_strv_length (result), sizeof (char *), compare_strings);

  return result;
}

/* Applies @changes to @target (a null member clears the field) and returns
 * the names whose value really changed.  "members.sme" changes one member
 * of an object and keeps the others: merged here, inside the transaction,
 * so that an edit of another member made meanwhile is not lost. */
static GStrv
apply_changes (JsonObject *target,
               JsonObject *changes)
{
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter changed_iter;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gpointer key;
  GStrv names;
  guint n = 0;

  if (changes != NULL)
    {
      json_object_iter_init (&iter, changes);
      while (json_object_iter_next (&iter, &name, &value))
        {
          const char *dot = strchr (name, '.');

          if (dot != NULL)
            {
              g_autofree char *parent = g_strndup (name, dot - name);
              JsonObject *object = eccp_json_get_object (target, parent);

              if (object == NULL)
                {
                  object = json_object_new ();
                  json_object_set_object_member (target, parent, object);
                }
              if (eccp_json_node_equal (json_object_get_member (object, dot + 1), value))
                continue;

              json_object_set_member (object, dot + 1, eccp_json_node_deep_copy (value));
              g_hash_table_add (changed, g_steal_pointer (&parent));
              continue;
            }

          if (eccp_json_node_equal (json_object_get_member (target, name), value))
            continue;

          json_object_set_member (target, name, eccp_json_node_deep_copy (value));
          g_hash_table_add (changed, g_strdup (name));
        }
    }

  names = g_new0 (char *, g_hash_table_size (changed) + 1);
  g_hash_table_iter_init (&changed_iter, changed);
  while (g_hash_table_iter_next (&changed_iter, &key, NULL))
    names[n++] = g_strdup (key);
  qsort (names, n, sizeof (char *), compare_strings);

  return names;
}


static char *
object_or_null_to_string (JsonObject *object)
{
  return object != NULL ? eccp_json_object_to_string (object) : NULL;
}

/* Binds the columns an outbox row is made of, ?2 to ?18. */
static void
bind_change (sqlite3_stmt     *stmt,
             const EccpChange *change,
             const char       *now)
{
  g_autofree char *changed_attributes = strv_to_json ((const char * const *) change->changed_attributes);
  g_autofree char *changed_relationships = strv_to_json ((const char * const *) change->changed_relationships);
  g_autofree char *changed_meta = strv_to_json ((const char * const *) change->changed_meta);
  g_autofree char *base_attributes = object_or_null_to_string (change->base_attributes);
  g_autofree char *base_relationships = object_or_null_to_string (change->base_relationships);
  g_autofree char *base_meta = object_or_null_to_string (change->base_meta);
  g_autofree char *conflicts = change->conflicts != NULL && json_object_get_size (change->conflicts) > 0
    ? eccp_json_object_to_string (change->conflicts) : NULL;
  g_autofree char *sent = object_or_null_to_string (change->sent);
  g_autofree char *errors = NULL;

  if (change->errors != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, change->errors);
      errors = eccp_json_node_to_string (node, FALSE);
    }

  _eccp_store_bind_text (stmt, 2, change->type);
  _eccp_store_bind_text (stmt, 3, change->record_id);
  _eccp_store_bind_text (stmt, 4, eccp_enum_get_nick (ECCP_TYPE_CHANGE_OP, change->op));
  _eccp_store_bind_text (stmt, 5, changed_attributes);
  _eccp_store_bind_text (stmt, 6, changed_relationships);
  _eccp_store_bind_text (stmt, 7, changed_meta);
  sqlite3_bind_int64 (stmt, 8, change->base_rev);
  _eccp_store_bind_text (stmt, 9, base_attributes);
  _eccp_store_bind_text (stmt, 10, base_relationships);
  _eccp_store_bind_text (stmt, 11, base_meta);
  _eccp_store_bind_text (stmt, 12, change->idempotency_key);
  _eccp_store_bind_text (stmt, 13, eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE,
                                                       change->state == ECCP_SYNC_STATE_SYNCED
                                                       ? ECCP_SYNC_STATE_PENDING : change->state));
  _eccp_store_bind_text (stmt, 14, errors);
  _eccp_store_bind_text (stmt, 15, conflicts);
  _eccp_store_bind_text (stmt, 16, now);
  sqlite3_bind_int64 (stmt, 17, change->attempts);
  _eccp_store_bind_text (stmt, 18, sent);
}

static gboolean
step_change (EccpStore     *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The change could not be saved"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);

  return TRUE;
}

gboolean
_eccp_store_insert_change (EccpStore         *self,
                           const EccpChange  *change,
                           GError           **error)
{
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = _eccp_store_statement (self,
                                "INSERT INTO outbox (type, record_id, op, changed_attributes,"
                                " changed_relationships, changed_meta, base_rev, base_attributes,"
                                " base_relationships, base_meta, idempotency_key, state, errors,"
                                " conflicts, created_at, updated_at, attempts, sent)"
                                " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                                " ?15, ?16, ?16, ?17, ?18)",
                                error);
  if (stmt == NULL)
    return FALSE;

  bind_change (stmt, change, now);

  return step_change (self, stmt, error);
}

gboolean
_eccp_store_save_change (EccpStore         *self,
                         const EccpChange  *change,
                         GError           **error)
{
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = _eccp_store_statement (self,
                                "UPDATE outbox SET type = ?2, record_id = ?3, op = ?4,"
                                " changed_attributes = ?5, changed_relationships = ?6,"
                                " changed_meta = ?7, base_rev = ?8, base_attributes = ?9,"
                                " base_relationships = ?10, base_meta = ?11, idempotency_key = ?12,"
                                " state = ?13, errors = ?14, conflicts = ?15, updated_at = ?16,"
                                " attempts = ?17, sent = ?18 WHERE num = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, change->num);
  bind_change (stmt, change, now);

  return step_change (self, stmt, error);
}

gboolean
_eccp_store_delete_change (EccpStore  *self,
                           gint64      num,
                           GError    **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, "DELETE FROM outbox WHERE num = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, num);

  return step_change (self, stmt, error);
}

/* A change that may have reached the portal (it was sent, the answer is not
 * known yet) must not be replayed under its old idempotency key with new
 * content: the portal would answer the old request again.  So folding an
 * edit into it gives it a fresh key. */
void
_eccp_store_refresh_key_if_sent (EccpChange *change)
{
  if (change->attempts > 0)
    {
      g_free (change->idempotency_key);
      change->idempotency_key = g_uuid_string_random ();
    }
}

gboolean
_eccp_store_run (EccpStore   *self,
                 const char  *sql,
                 const char  *text1,
                 const char  *text2,
                 GError     **error)
{
  sqlite3_stmt *stmt = _eccp_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  _eccp_store_bind_text (stmt, 1, text1);
  _eccp_store_bind_text (stmt, 2, text2);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be changed"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);

  return TRUE;
}

EccpRecord *
eccp_store_create (EccpStore   *self,
                   const char  *type_name,
                   const char  *id,
                   JsonObject  *attributes,
                   JsonObject  *relationships,
                   GError     **error)
{
  const EccpTypeSpec *type;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autofree char *new_id = NULL;
  EccpChange change = { 0 };
  g_auto(GStrv) changed_attributes = NULL;
  g_auto(GStrv) changed_relationships = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);

  type = lookup_type (type_name, error);
  if (type == NULL
      || !check_field_names (type, attributes, FALSE, error)
      || !check_field_names (type, relationships, TRUE, error))
    return NULL;

  if (id == NULL)
    id = new_id = g_uuid_string_random ();
  else if (!g_uuid_string_is_valid (id))
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                   _("“%s” is not a UUID"), id);
      return NULL;
    }

  if (type->moderated)
    json_object_set_string_member (meta, "moderation_state", "draft");

  record = eccp_record_new (type_name, id);
  eccp_record_take_trees (record, NULL, NULL, g_steal_pointer (&meta));
  eccp_record_set_sync_state (record, ECCP_SYNC_STATE_PENDING);

  /* Onto empty trees, so "members.sme" builds its object. */
  changed_attributes = apply_changes (eccp_record_get_attributes (record), attributes);
  changed_relationships = apply_changes (eccp_record_get_relationships (record), relationships);
  if (!validate (type, eccp_record_get_attributes (record), eccp_record_get_relationships (record),
                 NULL, error))
    return NULL;

  key = g_uuid_string_random ();

  change.type = (char *) type_name;
  change.record_id = (char *) id;
  change.op = ECCP_CHANGE_CREATE;
  change.changed_attributes = changed_attributes;
  change.changed_relationships = changed_relationships;
  change.idempotency_key = key;

  if (!_eccp_store_begin (self, error))
    return NULL;

  /* Any row with this id, even one deleted locally and not yet sent. */
  {
    sqlite3_stmt *stmt = _eccp_store_statement (self, "SELECT 1 FROM records WHERE type = ?1 AND id = ?2", error);
    gboolean exists;

    if (stmt == NULL)
      goto failed;
    _eccp_store_bind_text (stmt, 1, type_name);
    _eccp_store_bind_text (stmt, 2, id);
    exists = sqlite3_step (stmt) == SQLITE_ROW;
    sqlite3_reset (stmt);

    if (exists)
      {
        g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_EXISTS,
                     _("A %s with the id “%s” exists already"), type_name, id);
        goto failed;
      }
  }

  if (!write_record (self, record, TRUE, error)
      || !_eccp_store_insert_change (self, &change, error)
      || !_eccp_store_commit (self, error))
    goto failed;

  return g_steal_pointer (&record);

failed:
  _eccp_store_rollback (self);
  return NULL;
}

#define CHANGE_COLUMNS \
  "num, type, record_id, op, changed_attributes, changed_relationships, base_rev," \
  " base_attributes, base_relationships, idempotency_key, state, attempts, errors," \
  " created_at, updated_at, changed_meta, base_meta, conflicts, sent"

static EccpChange *
change_from_row (sqlite3_stmt *stmt)
{
  EccpChange *change = g_new0 (EccpChange, 1);
  const char *text;

  change->num = sqlite3_column_int64 (stmt, 0);
  change->type = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  change->record_id = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  change->op = eccp_enum_from_nick (ECCP_TYPE_CHANGE_OP, (const char *)sqlite3_column_text (stmt, 3), change->op);
  change->changed_attributes = strv_from_json ((const char *)sqlite3_column_text (stmt, 4));
  change->changed_relationships = strv_from_json ((const char *)sqlite3_column_text (stmt, 5));
  change->base_rev = sqlite3_column_int64 (stmt, 6);
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    change->base_attributes = _eccp_store_column_object (stmt, 7);
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    change->base_relationships = _eccp_store_column_object (stmt, 8);
  change->idempotency_key = g_strdup ((const char *)sqlite3_column_text (stmt, 9));
  change->state = ECCP_SYNC_STATE_PENDING;
  change->state = eccp_enum_from_nick (ECCP_TYPE_SYNC_STATE, (const char *)sqlite3_column_text (stmt, 10), change->state);
  change->attempts = sqlite3_column_int64 (stmt, 11);

  text = (const char *)sqlite3_column_text (stmt, 12);
  if (text != NULL)
    {
      g_autoptr(JsonNode) errors = eccp_json_node_from_string (text, NULL);

      if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors))
        change->errors = json_node_dup_array (errors);
    }

  text = (const char *)sqlite3_column_text (stmt, 13);
  change->created_at = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  text = (const char *)sqlite3_column_text (stmt, 14);
  change->updated_at = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  change->changed_meta = strv_from_json ((const char *)sqlite3_column_text (stmt, 15));
  if (sqlite3_column_type (stmt, 16) != SQLITE_NULL)
    change->base_meta = _eccp_store_column_object (stmt, 16);
  if (sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    {
      change->conflicts = _eccp_store_column_object (stmt, 17);
      if (json_object_get_size (change->conflicts) == 0)
        g_clear_pointer (&change->conflicts, json_object_unref);
    }
  if (sqlite3_column_type (stmt, 18) != SQLITE_NULL)
    change->sent = _eccp_store_column_object (stmt, 18);

  return change;
}

EccpChange *
_eccp_store_load_change (EccpStore   *self,
                         const char  *type,
                         const char  *id,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  EccpChange *change = NULL;
  int rc;

  stmt = _eccp_store_statement (self,
                        "SELECT " CHANGE_COLUMNS " FROM outbox WHERE type = ?1 AND record_id = ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  _eccp_store_bind_text (stmt, 1, type);
  _eccp_store_bind_text (stmt, 2, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    change = change_from_row (stmt);
  else if (rc != SQLITE_DONE)
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));

  sqlite3_reset (stmt);

  return change;
}

gboolean
_eccp_store_find_change (EccpStore    *self,
                         const char   *type,
                         const char   *id,
                         EccpChange  **change,
                         GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  *change = _eccp_store_load_change (self, type, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

JsonObject *
_eccp_store_transition_meta (JsonObject *meta)
{
  static const char * const names[] = { "moderation_state", "review_comment" };
  JsonObject *subset = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *value = meta != NULL ? json_object_get_member (meta, names[i]) : NULL;

      if (value != NULL)
        json_object_set_member (subset, names[i], eccp_json_node_deep_copy (value));
    }

  return subset;
}

EccpChange *
_eccp_store_change_new (EccpRecord   *record,
                        EccpChangeOp  op)
{
  EccpChange *change = g_new0 (EccpChange, 1);

  change->type = g_strdup (eccp_record_get_type_name (record));
  change->record_id = g_strdup (eccp_record_get_id (record));
  change->op = op;
  change->base_rev = eccp_record_get_rev (record);
  change->base_attributes = eccp_json_object_deep_copy (eccp_record_get_attributes (record));
  change->base_relationships = eccp_json_object_deep_copy (eccp_record_get_relationships (record));
  change->base_meta = _eccp_store_transition_meta (eccp_record_get_meta (record));
  change->idempotency_key = g_uuid_string_random ();
  change->state = ECCP_SYNC_STATE_PENDING;

  return change;
}

EccpChange *
_eccp_store_load_change_by_num (EccpStore  *self,
                                gint64      num,
                                GError    **error)
{
  sqlite3_stmt *stmt;
  EccpChange *change = NULL;
  int rc;

  stmt = _eccp_store_statement (self, "SELECT " CHANGE_COLUMNS " FROM outbox WHERE num = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, num);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    change = change_from_row (stmt);
  else if (rc != SQLITE_DONE)
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
  sqlite3_reset (stmt);

  return change;
}

EccpChange *
eccp_store_get_change (EccpStore   *self,
                       const char  *type,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  EccpChange *change;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  change = _eccp_store_load_change (self, type, id, &local_error);
  if (change == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_FOUND,
                     _("The %s “%s” has no local change"), type, id);
    }

  return change;
}

GPtrArray *
eccp_store_list_changes (EccpStore  *self,
                         GError    **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);

  stmt = _eccp_store_statement (self, "SELECT " CHANGE_COLUMNS " FROM outbox ORDER BY num", error);
  if (stmt == NULL)
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eccp_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, change_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);

  return g_steal_pointer (&changes);
}

static gboolean
check_may_change (const EccpTypeSpec  *type,
                  GError             **error)
{
  if (type->append_only)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_NOT_ALLOWED,
                   _("A %s is never changed or deleted; record a new one instead"), type->name);
      return FALSE;
    }

  return TRUE;
}

EccpRecord *
eccp_store_update (EccpStore   *self,
                   const char  *type_name,
                   const char  *id,
                   JsonObject  *attributes,
                   JsonObject  *relationships,
                   GError     **error)
{
  const EccpTypeSpec *type;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) fresh = NULL;
  g_autoptr(EccpChange) change = NULL;
  g_auto(GStrv) changed_attributes = NULL;
  g_auto(GStrv) changed_relationships = NULL;
  g_auto(GStrv) changed_all = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  type = lookup_type (type_name, error);
  if (type == NULL
      || !check_may_change (type, error)
      || !check_field_names (type, attributes, FALSE, error)
      || !check_field_names (type, relationships, TRUE, error))
    return NULL;

  if (!_eccp_store_begin (self, error))
    return NULL;

  record = eccp_store_get (self, type_name, id, error);
  if (record == NULL)
    goto failed;

  /* The record before this edit: the base, if this is its first change. */
  fresh = _eccp_store_change_new (record, ECCP_CHANGE_UPDATE);

  changed_attributes = apply_changes (eccp_record_get_attributes (record), attributes);
  changed_relationships = apply_changes (eccp_record_get_relationships (record), relationships);

  if (changed_attributes[0] == NULL && changed_relationships[0] == NULL)
    {
      /* Nothing changed: no outbox row for a no-op. */
      _eccp_store_rollback (self);
      return g_steal_pointer (&record);
    }

  /* An edit is judged by what it changed. */
  changed_all = _eccp_store_strv_union ((const char * const *) changed_attributes,
                            (const char * const *) changed_relationships);
  if (!validate (type, eccp_record_get_attributes (record), eccp_record_get_relationships (record),
                 (const char * const *) changed_all, error))
    goto failed;

  if (!_eccp_store_find_change (self, type_name, id, &change, error))
    goto failed;

  if (change == NULL)
    {
      fresh->changed_attributes = g_strdupv (changed_attributes);
      fresh->changed_relationships = g_strdupv (changed_relationships);

      if (!_eccp_store_insert_change (self, fresh, error))
        goto failed;
    }
  else
    {
      GStrv folded;

      /* Create + update stays a create; update + update an update of the
       * union of fields, against the same base. */
      folded = _eccp_store_strv_union ((const char * const *) change->changed_attributes,
                           (const char * const *) changed_attributes);
      g_strfreev (change->changed_attributes);
      change->changed_attributes = folded;

      folded = _eccp_store_strv_union ((const char * const *) change->changed_relationships,
                           (const char * const *) changed_relationships);
      g_strfreev (change->changed_relationships);
      change->changed_relationships = folded;

      /* A person who edits a change the portal found not valid is fixing
       * it: send it again.  A conflict or a refusal stays for the person to
       * decide. */
      if (change->state == ECCP_SYNC_STATE_INVALID)
        change->state = ECCP_SYNC_STATE_PENDING;

      _eccp_store_refresh_key_if_sent (change);

      if (!_eccp_store_save_change (self, change, error))
        goto failed;
    }

  if (!write_record (self, record, FALSE, error) || !_eccp_store_commit (self, error))
    goto failed;

  if (change == NULL || change->state == ECCP_SYNC_STATE_PENDING)
    eccp_record_set_sync_state (record, ECCP_SYNC_STATE_PENDING);
  else
    eccp_record_set_sync_state (record, change->state);

  return g_steal_pointer (&record);

failed:
  _eccp_store_rollback (self);
  return NULL;
}

gboolean
eccp_store_delete (EccpStore   *self,
                   const char  *type_name,
                   const char  *id,
                   GError     **error)
{
  const EccpTypeSpec *type;
  g_autoptr(EccpRecord) record = NULL;
  g_autoptr(EccpChange) change = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (type_name != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  type = lookup_type (type_name, error);
  if (type == NULL || !check_may_change (type, error))
    return FALSE;

  if (!_eccp_store_begin (self, error))
    return FALSE;

  record = eccp_store_get (self, type_name, id, error);
  if (record == NULL)
    goto failed;

  if (!_eccp_store_find_change (self, type_name, id, &change, error))
    goto failed;

  if (change == NULL)
    {
      g_autoptr(EccpChange) fresh = _eccp_store_change_new (record, ECCP_CHANGE_DELETE);

      if (!_eccp_store_insert_change (self, fresh, error))
        goto failed;
    }
  else if (change->op == ECCP_CHANGE_CREATE && change->attempts == 0)
    {
      /* Made here and never sent: the portal never knew it.  Nothing is
       * left to tell it. */
      if (!_eccp_store_run (self, "DELETE FROM outbox WHERE type = ?1 AND record_id = ?2",
                       type_name, id, error)
          || !_eccp_store_remove_row (self, type_name, id, error)
          || !_eccp_store_commit (self, error))
        goto failed;

      return TRUE;
    }
  else
    {
      /* Update + delete is a delete against the same base.  A create that
       * was sent may have reached the portal, at revision 1: delete that,
       * which the portal answers with 404 when it never arrived. */
      if (change->op == ECCP_CHANGE_CREATE)
        change->base_rev = 1;
      change->op = ECCP_CHANGE_DELETE;
      change->state = ECCP_SYNC_STATE_PENDING;
      /* The delete settles any field in conflict. */
      g_clear_pointer (&change->conflicts, json_object_unref);
      _eccp_store_refresh_key_if_sent (change);

      if (!_eccp_store_save_change (self, change, error))
        goto failed;
    }

  if (!_eccp_store_run (self, "UPDATE records SET deleted = 1 WHERE type = ?1 AND id = ?2",
                   type_name, id, error)
      || !_eccp_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _eccp_store_rollback (self);
  return FALSE;
}

/* {{{ The portal's state */

/* The portal's meta without what is ours or only a signal (sync_state,
 * deleted); shares the member nodes. */
static JsonObject *
portal_meta (JsonObject *meta)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (meta == NULL)
    return copy;

  json_object_iter_init (&iter, meta);
  while (json_object_iter_next (&iter, &name, &value))
    if (g_strcmp0 (name, "sync_state") != 0 && g_strcmp0 (name, "deleted") != 0)
      json_object_set_member (copy, name, json_node_ref (value));

  return copy;
}

typedef struct
{
  EccpImportStats *stats;
  EccpRebaseFunc   rebase;
  gpointer         rebase_data;
  gboolean         resyncing;
} ImportContext;

static gboolean
import_resource (EccpStore        *self,
                 JsonNode         *node,
                 ImportContext    *context,
                 GError          **error)
{
  EccpImportStats *stats = context->stats;
  g_autoptr(JsonObject) meta = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  JsonObject *resource;
  JsonObject *attributes;
  JsonObject *relationships;
  sqlite3_stmt *stmt;
  const char *type;
  const char *id;
  gboolean exists;
  gboolean has_change;
  gint64 old_rev;
  gint64 old_seq;
  gint64 rev;
  gint64 seq;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("The document holds something that is not a record"));
      return FALSE;
    }

  resource = json_node_get_object (node);
  type = eccp_json_get_string (resource, "type");
  id = eccp_json_get_string (resource, "id");
  if (type == NULL || *type == '\0' || id == NULL || *id == '\0')
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("A record in the document has no type or no id"));
      return FALSE;
    }

  meta = portal_meta (eccp_json_get_object (resource, "meta"));
  rev = eccp_json_get_int (meta, "rev", 0);
  seq = eccp_json_get_int (meta, "seq", 0);

  stmt = _eccp_store_statement (self,
                        "SELECT (SELECT json_extract (meta, '$.rev') FROM records WHERE type = ?1 AND id = ?2),"
                        " (SELECT json_extract (meta, '$.seq') FROM records WHERE type = ?1 AND id = ?2),"
                        " EXISTS (SELECT 1 FROM records WHERE type = ?1 AND id = ?2),"
                        " EXISTS (SELECT 1 FROM outbox WHERE type = ?1 AND record_id = ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;

  _eccp_store_bind_text (stmt, 1, type);
  _eccp_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  old_rev = sqlite3_column_int64 (stmt, 0);
  old_seq = sqlite3_column_int64 (stmt, 1);
  exists = sqlite3_column_int (stmt, 2);
  has_change = sqlite3_column_int (stmt, 3);
  sqlite3_reset (stmt);

  /* During a full re-sync: this record is in the feed still. */
  if (context->resyncing && exists
      && !_eccp_store_run (self, "UPDATE records SET unseen = 0 WHERE type = ?1 AND id = ?2 AND unseen = 1",
                           type, id, error))
    return FALSE;

  if (has_change)
    {
      g_autoptr(EccpChange) change = NULL;

      /* Never overwrite what the person did: the sync engine merges the
       * portal's version into the pending change; a plain import leaves
       * it for the sync engine. */
      if (context->rebase == NULL)
        {
          stats->kept_local++;
          return TRUE;
        }

      change = _eccp_store_load_change (self, type, id, error);
      if (change == NULL)
        return FALSE;

      return context->rebase (self, change, resource, context->rebase_data, error);
    }

  if (eccp_json_get_object (resource, "meta") != NULL
      && json_object_get_boolean_member_with_default (eccp_json_get_object (resource, "meta"), "deleted", FALSE))
    {
      if (!exists)
        return TRUE;

      if (!_eccp_store_remove_row (self, type, id, error))
        return FALSE;
      stats->deleted++;
      return TRUE;
    }

  /* The same revision again, or an older one than we hold (a record
   * without a revision is taken as it comes). */
  if (exists && rev > 0 && (old_rev > rev || (old_rev == rev && old_seq >= seq)))
    {
      stats->unchanged++;
      return TRUE;
    }

  attributes = eccp_json_get_object (resource, "attributes");
  relationships = eccp_json_get_object (resource, "relationships");

  if (!_eccp_store_write_row (self, type, id,
                         attributes != NULL ? attributes : empty,
                         relationships != NULL ? relationships : empty,
                         meta, !exists, error))
    return FALSE;

  if (exists)
    stats->updated++;
  else
    stats->created++;

  return TRUE;
}

static gboolean
import_array (EccpStore        *self,
              JsonArray        *array,
              ImportContext    *context,
              GError          **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (!import_resource (self, json_array_get_element (array, i), context, error))
      return FALSE;

  return TRUE;
}

gboolean
eccp_store_import_document (EccpStore        *self,
                            JsonNode         *document,
                            EccpImportStats  *stats,
                            GError          **error)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  return _eccp_store_import (self, document, stats, NULL, NULL, error);
}

gboolean
_eccp_store_import (EccpStore        *self,
                    JsonNode         *document,
                    EccpImportStats  *stats,
                    EccpRebaseFunc    rebase,
                    gpointer          rebase_data,
                    GError          **error)
{
  EccpImportStats local_stats = { 0 };
  ImportContext context = { &local_stats, rebase, rebase_data, FALSE };
  g_autofree char *resync = NULL;
  JsonObject *root;
  JsonNode *data;
  JsonObject *meta;
  JsonNode *cursor;

  if (!JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("The document is not a JSON:API document: it is not a JSON object"));
      return FALSE;
    }

  root = json_node_get_object (document);

  if (json_object_has_member (root, "errors"))
    {
      JsonArray *errors = eccp_json_get_array (root, "errors");
      JsonObject *first = errors != NULL && json_array_get_length (errors) > 0
        ? json_array_get_object_element (errors, 0) : NULL;
      const char *title = eccp_json_get_string (first, "title");

      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                   _("The document is an error from the portal: %s"),
                   title != NULL ? title : _("no reason given"));
      return FALSE;
    }

  data = json_object_get_member (root, "data");
  if (data == NULL || (!JSON_NODE_HOLDS_OBJECT (data) && !JSON_NODE_HOLDS_ARRAY (data)))
    {
      g_set_error_literal (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                           _("The document is not a JSON:API document: it has no “data”"));
      return FALSE;
    }

  meta = eccp_json_get_object (root, "meta");
  cursor = meta != NULL ? json_object_get_member (meta, "cursor") : NULL;

  if (!_eccp_store_begin (self, error))
    return FALSE;

  resync = eccp_store_get_setting (self, "resync");
  context.resyncing = resync != NULL;

  if (JSON_NODE_HOLDS_OBJECT (data))
    {
      if (!import_resource (self, data, &context, error))
        goto failed;
    }
  else if (!import_array (self, json_node_get_array (data), &context, error))
    goto failed;

  if (!import_array (self, eccp_json_get_array (root, "included"), &context, error))
    goto failed;

  /* The cursor goes in with the page it ends, or not at all. */
  if (cursor != NULL && JSON_NODE_HOLDS_VALUE (cursor))
    {
      g_autofree char *text = NULL;

      if (json_node_get_value_type (cursor) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (cursor));
      else if (json_node_get_value_type (cursor) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (cursor));

      if (text != NULL && !eccp_store_set_setting (self, "cursor", text, error))
        goto failed;
    }

  if (!_eccp_store_commit (self, error))
    goto failed;

  if (stats != NULL)
    {
      stats->created += local_stats.created;
      stats->updated += local_stats.updated;
      stats->deleted += local_stats.deleted;
      stats->unchanged += local_stats.unchanged;
      stats->kept_local += local_stats.kept_local;
    }

  return TRUE;

failed:
  _eccp_store_rollback (self);
  return FALSE;
}

gboolean
eccp_store_import_file (EccpStore        *self,
                        const char       *path,
                        EccpImportStats  *stats,
                        GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!json_parser_load_from_mapped_file (parser, path, error))
    {
      g_prefix_error (error, _("Could not read “%s”: "), path);
      return FALSE;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ECCP_STORE_ERROR, ECCP_STORE_ERROR_BAD_DOCUMENT,
                   _("Could not read “%s”: the file is empty"), path);
      return FALSE;
    }

  return eccp_store_import_document (self, json_parser_get_root (parser), stats, error);
}

/* }}} */

/* {{{ Figures and settings */

void
eccp_store_set_cache_size (EccpStore *self,
                           guint      kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (ECCP_IS_STORE (self));

  sql = g_strdup_printf ("PRAGMA cache_size = -%u", MAX (kib, 1024));
  _eccp_store_exec (self->db, sql, NULL);
}

gint64
eccp_store_count_records (EccpStore   *self,
                          const char  *type,
                          GError     **error)
{
  g_autoptr(EccpQuery) query = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), -1);

  query = eccp_query_new (type);

  return eccp_store_count (self, query, error);
}

gint64
eccp_store_count_changes (EccpStore      *self,
                          EccpSyncState   state,
                          GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (ECCP_IS_STORE (self), -1);

  stmt = _eccp_store_statement (self, "SELECT count (*) FROM outbox WHERE state = ?1", error);
  if (stmt == NULL)
    return -1;

  _eccp_store_bind_text (stmt, 1, eccp_enum_get_nick (ECCP_TYPE_SYNC_STATE, state));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _eccp_store_set_sqlite_error (error, self->db, _("The store could not be read"));
  sqlite3_reset (stmt);

  return count;
}

char *
eccp_store_get_setting (EccpStore  *self,
                        const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (ECCP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _eccp_store_statement (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  _eccp_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
eccp_store_set_setting (EccpStore   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  g_return_val_if_fail (ECCP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    return _eccp_store_run (self, "DELETE FROM settings WHERE key = ?1", key, NULL, error);

  return _eccp_store_run (self,
                     "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     key, value, error);
}

/* }}} */
