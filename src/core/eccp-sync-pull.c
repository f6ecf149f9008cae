/* eccp-sync-pull.c: a run's pull of the portal's change feed
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /changes is read page by page from the stored cursor to its end, each
 * page applied in one transaction (portal-api.md section 4).  A cursor the
 * portal no longer knows (410) means the whole feed again: a re-sync,
 * after which what the feed did not bring is gone.
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "eccp-json.h"
#include "eccp-limits.h"
#include "eccp-store-sync.h"
#include "eccp-sync-engine-private.h"

#define DEFAULT_MAX_ROUNDS      3     /* push, pull, push again: at most three times */

/* {{{ Pull */

static void pull_request (GTask *task);

/* PATCHes the portal answered 404: if the pull did not make them a
 * conflict (the record deleted there), they are shown as they were. */
static gboolean
surface_not_found (EccpSyncEngine  *self,
                   EccpSyncRun     *run,
                   GError         **error)
{
  for (guint i = 0; i < run->not_found->len; i++)
    {
      EccpSyncLookup *lookup = g_ptr_array_index (run->not_found, i);
      g_autoptr(EccpChange) now = NULL;

      now = eccp_store_get_change (self->store, lookup->change->type, lookup->change->record_id,
                                   NULL);
      if (now == NULL || now->state != ECCP_SYNC_STATE_PENDING ||
          g_strcmp0 (now->idempotency_key, lookup->change->idempotency_key) != 0)
        continue;

      if (!_eccp_sync_refuse (self, run, lookup->change, ECCP_SYNC_STATE_INVALID, 404,
                              lookup->errors, error))
        return FALSE;
    }

  g_ptr_array_set_size (run->not_found, 0);

  return TRUE;
}

static void
pull_done (GTask *task)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  g_autoptr(GPtrArray) more = NULL;
  GError *error = NULL;

  /* A pull from no cursor saw the whole feed: what a re-sync left unseen
   * is gone from the portal (nothing was marked unless one began, perhaps
   * in an earlier run that did not finish). */
  if (run->from_scratch)
    {
      guint removed = 0;

      if (!eccp_store_finish_resync (self->store, &removed, &error))
        {
          _eccp_sync_fail (task, error);
          return;
        }
      run->report.removed += removed;
      run->from_scratch = FALSE;
    }

  _eccp_sync_set_remaining (self, 0);

  if (!surface_not_found (self, run, &error))
    {
      _eccp_sync_fail (task, error);
      return;
    }

  run->round++;
  if (run->round < DEFAULT_MAX_ROUNDS)
    {
      more = _eccp_sync_next_changes (self, run, 1, &error);
      if (more == NULL)
        {
          _eccp_sync_fail (task, error);
          return;
        }
      if (more->len > 0)
        {
          _eccp_sync_push_step (task);
          return;
        }
    }

  _eccp_sync_complete (task, ECCP_SYNC_OUTCOME_IN_STEP, NULL);
}

/* 410 cursor_expired: read the whole feed again, keeping local changes. */
static void
resync (GTask *task)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  GError *error = NULL;

  if (run->resync_begun)
    {
      _eccp_sync_fail (task, g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                                  _("The portal’s change feed expired again during a "
                                                    "full re-sync")));
      return;
    }

  g_debug ("Sync: the cursor expired; reading the whole feed again");
  if (!eccp_store_begin_resync (self->store, &error))
    {
      _eccp_sync_fail (task, error);
      return;
    }
  run->resync_begun = TRUE;
  /* The whole feed again: its cursors are new ones (portal-api.md). */
  g_hash_table_remove_all (run->seen_cursors);
  run->from_scratch = TRUE;
  run->report.resynced = TRUE;
  pull_request (task);
}

/* The longest text in @node, at most ECCP_LIMIT_DEPTH deep (the answer's
 * depth was checked before it was parsed). */
static gsize
longest_text (JsonNode *node)
{
  gsize longest = 0;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return strlen (json_node_get_string (node));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        longest = MAX (longest, longest_text (json_array_get_element (array, i)));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        longest = MAX (longest, longest_text (member));
    }

  return longest;
}

/* Checks a page's records before any is taken: each an object with a
 * type and an id that are text, attributes and meta objects, no record
 * twice (JSON:API forbids it, and which copy won would be chance), no
 * text over ECCP_LIMIT_TEXT_BYTES.  One bad record refuses the page
 * (docs/ARCHITECTURE.md, "One bad record in a page").  @short_texts: the
 * page's text showed no string that long, so its nodes need no walk. */
static gboolean
check_page_records (JsonArray  *data,
                    gboolean    short_texts,
                    GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      JsonObject *resource = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *attributes = resource ? json_object_get_member (resource, "attributes") : NULL;
      JsonNode *meta = resource ? json_object_get_member (resource, "meta") : NULL;
      const char *type = resource ? eccp_json_get_string (resource, "type") : NULL;
      const char *id = resource ? eccp_json_get_string (resource, "id") : NULL;
      char *key;

      if (type == NULL || id == NULL || (attributes != NULL && !JSON_NODE_HOLDS_OBJECT (attributes) &&
                                         !JSON_NODE_HOLDS_NULL (attributes)) ||
          (meta != NULL && !JSON_NODE_HOLDS_OBJECT (meta) && !JSON_NODE_HOLDS_NULL (meta)))
        {
          g_set_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                       _("The portal’s page of changes has a malformed record (number %u: its "
                         "type and id must be text, its attributes and meta objects): refused"),
                       i + 1);
          return FALSE;
        }

      /* The table owns the key, twice or not. */
      key = g_strconcat (type, "/", id, NULL);
      if (!g_hash_table_add (seen, key))
        {
          g_autofree char *shown = g_strescape (key, NULL);

          g_set_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                       _("The portal’s page of changes has the record %s twice: refused"), shown);
          return FALSE;
        }

      if (!short_texts && longest_text (node) > ECCP_LIMIT_TEXT_BYTES)
        {
          g_autofree char *shown = g_strescape (key, NULL);

          /* TRANSLATORS: the limit is in megabytes, "longer than 1 MB" */
          g_set_error (error, ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                       _("The portal’s page of changes has a text longer than %u MB in the "
                         "record %s: refused"), ECCP_LIMIT_TEXT_MB, shown);
          return FALSE;
        }
    }

  return TRUE;
}

/* {{{ A page written on the store's writer thread */

/* A page handed to the writer: its own until the job is over. */
typedef struct
{
  JsonNode *page;
  gboolean  short_texts;
} PageWrite;

static void
page_write_free (PageWrite *write)
{
  g_clear_pointer (&write->page, json_node_unref);
  g_free (write);
}

/* On the writer's thread, with its connection: the page's records are
 * checked (a walk of every node) and written in one transaction. */
static gpointer
write_page_job (EccpStore     *connection,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  PageWrite *write = data;
  JsonArray *records = eccp_json_get_array (json_node_get_object (write->page), "data");
  g_autofree EccpPullStats *stats = g_new0 (EccpPullStats, 1);

  gboolean written;

  written = check_page_records (records, write->short_texts, error) &&
            eccp_store_apply_changes_page (connection, write->page, stats, error);
  /* The page's tree is freed here, not on the main thread where the job
   * ends (its last reference is usually this one). */
  g_clear_pointer (&write->page, json_node_unref);

  return written ? g_steal_pointer (&stats) : NULL;
}

static void take_answer (GTask        *task,
                         GAsyncResult *result);

/* A page is in the store (its cursor with it), or was refused: the run
 * goes on with the next page's answer, which may have come meanwhile. */
static void
page_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  g_autofree EccpPullStats *stats = NULL;
  g_autoptr(GAsyncResult) waiting = g_steal_pointer (&run->waiting);
  GError *error = NULL;

  run->writing = FALSE;
  stats = eccp_store_run_finish (ECCP_STORE (object), result, &error);

  /* The run ended meanwhile (cancelled while this page was on its way to
   * the writer): it was reported once, not again. */
  if (run->ended)
    {
      g_clear_error (&error);
      return;
    }

  if (stats == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && _eccp_sync_check_cancelled (task))
    {
      /* Cancelled before it was written: the run ends as cancelled */
      g_clear_error (&error);
      return;
    }

  if (stats == NULL)
    {
      /* The page is not in the store: neither is any after it.  The
       * request in flight for the next one is cancelled (the run is over,
       * so its own cancellable may be). */
      _eccp_sync_fail (task, error);
      g_cancellable_cancel (run->cancellable);
      return;
    }

  run->failures = 0;
  run->report.pulled += stats->applied + stats->deleted;
  run->report.merged += stats->merged;
  run->report.conflicts += stats->conflicts;
  _eccp_sync_set_progress (self, run);
  _eccp_sync_set_remaining (self, run->written_remaining);

  /* The page is in (a write done is said even when cancelled meanwhile);
   * a cancelled run stops here, counting it. */
  if (_eccp_sync_check_cancelled (task))
    return;

  if (run->written_last)
    {
      pull_done (task);
      return;
    }

  if (run->pages >= eccp_limit_get ("RUN_PAGES", ECCP_LIMIT_RUN_PAGES))
    {
      _eccp_sync_fail (task, g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                          _("The sync stopped after %u pages of changes; what "
                                            "it took is kept, and the next sync goes on from "
                                            "there"),
                                          run->pages));
      return;
    }

  /* Else the next page's answer is taken when it comes. */
  if (waiting != NULL)
    take_answer (task, waiting);
}

/* }}} */

static void pull_request_from (GTask      *task,
                               const char *cursor);

/* One page of the feed: checked for what needs the run (its cursors) here,
 * then checked and written on the store's writer thread while the next
 * page is asked for.  At most one page waits to be written. */
static void
take_page (GTask              *task,
           EccpPortalResponse *response)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  PageWrite *write;
  JsonObject *page;
  JsonObject *meta;
  JsonObject *links;
  JsonArray *data;
  const char *next_cursor;
  gboolean has_next;

  page = eccp_portal_response_get_object (response);
  data = eccp_json_get_array (page, "data");
  if (data == NULL)
    {
      _eccp_sync_fail (task, g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                                  _("The portal’s answer is not a page of its change "
                                                    "feed")));
      return;
    }

  if (json_array_get_length (data) > ECCP_LIMIT_PAGE_RECORDS)
    {
      _eccp_sync_fail (task, g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                          _("The portal’s page of changes has %u records, more "
                                            "than %u: refused"),
                                          json_array_get_length (data), ECCP_LIMIT_PAGE_RECORDS));
      return;
    }

  /* Cursors are opaque (portal-api.md section 4): progress is a cursor not
   * seen before in this run.  One seen again would loop for ever; it is
   * refused before the page is taken, so the store keeps the last good
   * cursor. */
  meta = eccp_json_get_object (page, "meta");
  links = eccp_json_get_object (page, "links");
  next_cursor = eccp_json_get_string (meta, "cursor");
  has_next = eccp_json_get_string (links, "next") != NULL;
  if (has_next && next_cursor == NULL)
    {
      _eccp_sync_fail (task, g_error_new_literal (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                                  _("The portal’s change feed promised a next page "
                                                    "without a cursor: sync stopped, keeping the "
                                                    "last good cursor")));
      return;
    }
  if (has_next && g_hash_table_contains (run->seen_cursors, next_cursor))
    {
      g_autofree char *shown = g_strescape (next_cursor, NULL);

      _eccp_sync_fail (task, g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                          _("The portal’s change feed went back to a place it "
                                            "had already sent (cursor “%s”): sync stopped, "
                                            "keeping the last good cursor"),
                                          shown));
      return;
    }

  run->written_last = !has_next;
  run->written_remaining = eccp_json_get_int (meta, "remaining", -1);
  if (has_next)
    run->pages++;

  write = g_new0 (PageWrite, 1);
  write->page = json_node_ref (response->body);
  write->short_texts = response->short_texts;
  run->writing = TRUE;
  eccp_store_run_async (self->store, ECCP_STORE_JOB_WRITE, write_page_job,
                        write, (GDestroyNotify) page_write_free, g_free,
                        run->cancellable, page_written_cb, g_object_ref (task));

  /* The next page starts at meta.cursor, which the store saves with this
   * page; the host in links.next is not trusted with the token.  Past the
   * page count, it is not asked for: the run stops once this page is in. */
  if (has_next && run->pages < eccp_limit_get ("RUN_PAGES", ECCP_LIMIT_RUN_PAGES))
    pull_request_from (task, next_cursor);
}

/* An answer from /changes, once no page is being written. */
static void
take_answer (GTask        *task,
             GAsyncResult *result)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  g_autoptr(EccpPortalResponse) response = NULL;

  response = _eccp_sync_take_response (task, G_OBJECT (self->client), result, pull_request);
  if (response == NULL)
    return;

  if (response->status == 410)
    {
      resync (task);
    }
  else if (response->status != 200)
    {
      g_autofree char *reason = eccp_portal_response_describe (response);

      _eccp_sync_fail (task, g_error_new (ECCP_SYNC_ERROR, ECCP_SYNC_ERROR_FAILED,
                                          _("The portal did not send its changes (HTTP %u: %s)"),
                                          response->status, reason));
    }
  else
    {
      take_page (task, response);
    }
}

static void
pull_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EccpSyncRun *run = _eccp_sync_task_run (task);

  /* The run ended while this was in flight (a page failed to be written). */
  if (run->ended)
    return;

  /* Whatever it is (a page, an error, a 410), it is taken after the page
   * being written, as if the requests had been one after the other. */
  if (run->writing)
    {
      g_assert (run->waiting == NULL);
      run->waiting = g_object_ref (result);
      return;
    }

  take_answer (task, result);
}

static void
pull_request_from (GTask      *task,
                   const char *cursor)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  g_autofree char *path = NULL;

  if (_eccp_sync_check_cancelled (task))
    return;

  g_free (run->page_cursor);
  run->page_cursor = g_strdup (cursor);
  if (run->page_cursor != NULL)
    g_hash_table_add (run->seen_cursors, g_strdup (run->page_cursor));

  if (run->page_cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (run->page_cursor, NULL, FALSE);

      path = g_strdup_printf ("/changes?cursor=%s&limit=%u", escaped, self->page_limit);
    }
  else
    {
      path = g_strdup_printf ("/changes?limit=%u", self->page_limit);
    }

  _eccp_sync_request (task, "GET", path, NULL, 0, NULL, pull_cb);
}

/* A request from the stored cursor: the first, a retry, a re-sync.  No
 * page is being written then. */
static void
pull_request (GTask *task)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  g_autofree char *cursor = eccp_store_get_cursor (self->store);

  pull_request_from (task, cursor);
}

void
_eccp_sync_pull_start (GTask *task)
{
  EccpSyncEngine *self = _eccp_sync_task_engine (task);
  EccpSyncRun *run = _eccp_sync_task_run (task);
  g_autofree char *cursor = eccp_store_get_cursor (self->store);

  run->from_scratch = cursor == NULL;
  pull_request (task);
}

/* }}} */
