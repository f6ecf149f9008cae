#!/usr/bin/python3
# journeys.py: the real eccp-desk against the real eccp-portal, driven by
# keyboard through the accessibility tree, the way a person would.
#
#   tests/ui/run-under-x /usr/bin/python3 tests/ui/journeys.py JOURNEY
#
# JOURNEY is one of the names in JOURNEYS below, or "all".  Each journey
# starts eccp-portal (--port 0, its demo set, a temporary database) and
# eccp-desk (--portal URL, ECCP_TOKEN, ECCP_DB in a temporary folder),
# finds the program on the AT-SPI bus with dogtail, presses keys, reads
# accessible names and texts, and checks the portal over HTTP
# (portal-api.md) where the journey ends there.  A journey may first set
# records up on the portal over HTTP (SETUPS), and run the app as another
# user of data/portal-users.json (TOKENS; staff when not said).  Then both
# programs are stopped.  Nothing is slept on to pass: every wait is a poll
# of what the user would see, with a timeout and a message saying what did
# not come.
#
# Output is TAP; exit status 0 passed or skipped ("# SKIP" and why: what
# it needs is missing), 1 failed.
# On a failure, a screenshot and the accessible tree of the windows go to
# $G_TEST_BUILDDIR (the build's tests/ui) as journey-JOURNEY.png/.txt.
#
# Environment (set by tests/ui/meson.build): ECCP_PORTAL, ECCP_DESK,
# ECCP_PORTAL_USERS, GSETTINGS_SCHEMA_DIR; ECCP_UI_SCALE (clusters in the
# portal's demo set, default 100); ECCP_TEST_SLOW (longer timeouts).
#
# Copyright 2026 The ECCP Desk developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

TOKEN = 'staff-demo-token'              # portal staff (data/portal-users.json)
MANAGER_TOKEN = 'manager-demo-token'    # Željko Erkapić, who manages KLASTER
EVENT_TOKEN = 'event-demo-token'        # Bianca Dragomir, of the matchmaking event's team
ZILINA_ID = 'f3b07d6f-2655-5436-83a6-f682c6642dd2'   # Medtech Cluster Žilina (SK)
ZILINA = 'Medtech Cluster Žilina'
KLASTER_ID = 'e5839630-ffca-5c0a-b8a6-552ccfde4005'  # managed by Željko Erkapić
KLASTER = 'KLASTER POL-JOMEHANIZACIJE d.o.o.'

# What the sync indicator says (eccp-sync-controller.c), to know it when
# it is seen: it is a menu button named by its text.
STATUS_RE = re.compile(r'^(Up to date|Offline|Syncing|Not synced|Not connected|Sign in|Sync failed|'
                       r'Demo data|[0-9][0-9,. ]* change)')

SLOW = 3 if os.environ.get('ECCP_TEST_SLOW') else 1
# In the sanitized build (ECCP_TEST_SLOW), eccp-desk runs under
# AddressSanitizer in every journey, and LeakSanitizer checks it at exit in
# these: together they open every window the others do and save through
# the editor, the picker and the conflict dialog.  Telling GLib's quark
# block (lsan.supp) from a leak of ours needs the slow unwinder, which
# doubles a journey's time: the other journeys run without the leak check.
LEAK_CHECKED = {'offline-edit', 'conflict', 'partnership'}
# Known bugs of the program are worked around, and said, unless this is set.
STRICT = bool(os.environ.get('ECCP_UI_STRICT'))


class Skip(Exception):
    pass


class JourneyFailed(AssertionError):
    pass


def log(message):
    print('# ' + message, flush=True)


def known_issue(message):
    """A bug of the program, reported, that a journey can get around the
    way a person would.  ECCP_UI_STRICT=1 makes it a failure."""
    if STRICT:
        raise JourneyFailed(message)
    log('KNOWN ISSUE (worked around): ' + message)


def accessibility_bus_missing():
    """Why dogtail cannot work here, or None.  (Without an accessibility
    bus, libatspi aborts the process as dogtail is imported.)"""
    if not os.environ.get('DISPLAY'):
        return 'no display: run it under tests/ui/run-under-x'
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        return 'no D-Bus session: run it under tests/ui/run-under-x'
    try:
        answer = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                                 '--object-path', '/org/freedesktop/DBus',
                                 '--method', 'org.freedesktop.DBus.NameHasOwner', 'org.a11y.Bus'],
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f'cannot ask the session bus for the accessibility bus: {error}'
    if 'true' not in answer.stdout:
        return 'no accessibility bus (at-spi-bus-launcher): run it under tests/ui/run-under-x'
    return None


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} JOURNEY|all', file=sys.stderr)
        sys.exit(2)
    missing = accessibility_bus_missing()
    if missing:
        # TAP's way to skip a whole program (meson counts 77 an error in TAP).
        print(f'1..0 # SKIP {missing}')
        sys.exit(0)

try:
    from dogtail.config import config
    config.checkForA11y = False      # GSettings are in memory here: no dconf to ask
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    config.searchCutoffCount = 1     # our own polls wait, not dogtail's
    config.searchBackoffDuration = 0.1
    config.defaultDelay = 0.05
    config.actionDelay = 0.05
    config.typingDelay = 0.01
    config.childrenLimit = 500
    from dogtail import rawinput
    from dogtail.tree import root
    import pyatspi
except Exception as error:  # ImportError, or no accessibility bus
    # TAP's way to skip a whole program (meson counts 77 an error in TAP).
    print(f'1..0 # SKIP python3-dogtail is not usable: {error}')
    sys.exit(0)


# {{{ Waiting

def wait(condition, what, timeout=20):
    """Polls condition() until it gives something true; returns that.
    @what may be a function, to say what is seen when the time is up."""
    deadline = time.monotonic() + timeout * SLOW
    last_error = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except JourneyFailed:
            raise
        except Exception as error:
            # A node that went away while we looked at it (GLib.Error,
            # LookupError): look again.
            last_error = error
        if time.monotonic() > deadline:
            extra = f' (last error: {last_error})' if last_error else ''
            if callable(what):
                what = what()
            raise JourneyFailed(f'Timed out after {timeout * SLOW} s waiting for {what}{extra}')
        time.sleep(0.1)

# }}}

# {{{ The accessibility tree

def norm(name):
    """GTK 4.8 names a button "_Save Save" (its label, then its text) and a
    row "Name Name": the name a person hears is the first part."""
    return (name or '').replace('_', '')


def named(node, wanted):
    name = norm(node.name)
    return name == wanted or name.startswith(wanted + ' ')


def states(node):
    return node.getState()


def is_focused(node):
    return states(node).contains(pyatspi.STATE_FOCUSED)


def is_checked(node):
    return states(node).contains(pyatspi.STATE_CHECKED)


def is_sensitive(node):
    return states(node).contains(pyatspi.STATE_SENSITIVE)


def find_all(node, predicate):
    return node.findChildren(predicate)


def find(node, predicate):
    return node.findChild(predicate, retry=False, requireResult=False)


def text_of(node):
    try:
        text = node.queryText()
    except NotImplementedError:
        return None
    # GTK 4.8 answers "" to (0, -1): ask for the characters it counts.
    return text.getText(0, text.characterCount)


def dump(node, out, depth=0):
    try:
        children = node.children
    except Exception:
        children = []
    flags = [pyatspi.stateToString(s) for s in states(node).getStates()
             if pyatspi.stateToString(s) in ('focused', 'checked', 'selected', 'sensitive', 'editable')]
    text = None
    try:
        text = text_of(node)
    except Exception:
        pass
    line = f"{'  ' * depth}[{node.roleName}] {node.name!r} {' '.join(flags)}"
    if text:
        line += f' text={text[:80]!r}'
    out.write(line + '\n')
    for child in children:
        dump(child, out, depth + 1)

# }}}

# {{{ The portal


class Portal:
    def __init__(self, workdir, scale):
        program = os.environ.get('ECCP_PORTAL')
        users = os.environ.get('ECCP_PORTAL_USERS')
        if not program or not users:
            raise Skip('ECCP_PORTAL or ECCP_PORTAL_USERS is not set (run it from meson test)')
        self.log_path = os.path.join(workdir, 'portal.log')
        self.log_file = open(self.log_path, 'w')
        self.process = subprocess.Popen(
            [program, '--port=0', '--demo', f'--demo-scale={scale}',
             '--db=' + os.path.join(workdir, 'portal.db'), '--users=' + users],
            stdout=subprocess.PIPE, stderr=self.log_file, text=True)
        ready, _, _ = select.select([self.process.stdout], [], [], 60 * SLOW)
        line = self.process.stdout.readline() if ready else ''
        match = re.match(r'^Listening on (http://127\.0\.0\.1:\d+/jsonapi)$', line.strip())
        if not match:
            self.stop()
            with open(self.log_path, errors='replace') as f:
                said = f.read()[-2000:]
            raise JourneyFailed(f'eccp-portal did not say where it listens (it said {line!r}); '
                                f'on stderr: {said}')
        self.url = match.group(1)
        log(f'eccp-portal listens on {self.url}')

    def request(self, method, path, body=None, if_match=None, token=TOKEN):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header('Authorization', 'Bearer ' + token)
        request.add_header('Accept', 'application/vnd.api+json')
        if data is not None:
            request.add_header('Content-Type', 'application/vnd.api+json')
            request.add_header('Idempotency-Key', os.urandom(16).hex())
        if if_match is not None:
            request.add_header('If-Match', f'"{if_match}"')
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                raw = answer.read()
                return answer.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            return error.code, json.loads(raw) if raw else None

    def get(self, record_type, record_id):
        status, document = self.request('GET', f'/{record_type}/{record_id}')
        if status != 200:
            raise JourneyFailed(f'GET /{record_type}/{record_id} answered {status}: {document}')
        return document['data']

    def patch(self, record_type, record_id, attributes=None, meta=None, token=TOKEN):
        """Someone else's edit on the portal, at the record's current
        revision; @meta for a moderation transition (portal-api.md §5)."""
        current = self.get(record_type, record_id)
        data = {'type': record_type, 'id': record_id}
        if attributes is not None:
            data['attributes'] = attributes
        if meta is not None:
            data['meta'] = meta
        status, document = self.request('PATCH', f'/{record_type}/{record_id}', {'data': data},
                                        if_match=current['meta']['rev'], token=token)
        if status != 200:
            raise JourneyFailed(f'PATCH /{record_type}/{record_id} answered {status}: {document}')
        return document['data']

    def post(self, record_type, record_id, attributes, token=TOKEN):
        """A new record, made by the user of @token."""
        body = {'data': {'type': record_type, 'id': record_id, 'attributes': attributes}}
        status, document = self.request('POST', f'/{record_type}', body, token=token)
        if status != 201:
            raise JourneyFailed(f'POST /{record_type} answered {status}: {document}')
        return document['data']

    def changes(self, cursor=None):
        """Every record of the feed after @cursor; returns (records, last cursor)."""
        records = []
        while True:
            path = '/changes?limit=1000' + (f'&cursor={cursor}' if cursor else '')
            status, page = self.request('GET', path)
            if status != 200:
                raise JourneyFailed(f'GET {path} answered {status}: {page}')
            records.extend(page.get('data', []))
            cursor = page.get('meta', {}).get('cursor', cursor)
            if not page.get('links', {}).get('next'):
                return records, cursor

    def stop(self):
        """SIGTERM; returns its exit status, which is 0 when it stopped
        cleanly (and, in the sanitized build, leaked nothing)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10 * SLOW)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()
        return self.process.returncode

# }}}

# {{{ The application


class Desk:
    """eccp-desk, started for one journey, seen through AT-SPI."""

    def __init__(self, workdir, portal, leak_check=True, token=TOKEN):
        program = os.environ.get('ECCP_DESK')
        if not program:
            raise Skip('ECCP_DESK is not set (run it from meson test)')
        if not os.environ.get('DISPLAY'):
            raise Skip('no display: run it under tests/ui/run-under-x')
        env = dict(os.environ)
        env['ECCP_TOKEN'] = token
        env['ECCP_DB'] = os.path.join(workdir, 'store.db')
        if os.environ.get('ECCP_TEST_SLOW'):
            if leak_check:
                env['LSAN_OPTIONS'] = (env.get('LSAN_OPTIONS', '')
                                       + ':fast_unwind_on_malloc=0:malloc_context_size=8').lstrip(':')
            else:
                env['ASAN_OPTIONS'] = (env.get('ASAN_OPTIONS', '') + ':detect_leaks=0').lstrip(':')
                # Back to the fast unwinder, which tests/ui/meson.build's
                # LSAN_OPTIONS turn off for the widget tests: ASan reads
                # LSAN_OPTIONS after ASAN_OPTIONS, and its last word wins.
                # The slow one unwinds every malloc through libgcc (80% of
                # eccp-desk's time, perf), and walking the tree of
                # journey-names then took GTK past libatspi's reply timeout.
                env['LSAN_OPTIONS'] = (env.get('LSAN_OPTIONS', '') + ':fast_unwind_on_malloc=1').lstrip(':')
        self.log_path = os.path.join(workdir, 'eccp-desk.log')
        self.log_file = open(self.log_path, 'w')
        self.process = subprocess.Popen([program, '--portal', portal.url], env=env,
                                        stdout=self.log_file, stderr=subprocess.STDOUT)
        self.app = wait(self._find_app, 'eccp-desk to appear on the accessibility bus', timeout=30)
        self.window = wait(lambda: find(self.app, lambda n: n.roleName == 'frame' and n.name == 'ECCP Desk'),
                           'the main window')

    def _find_app(self):
        if self.process.poll() is not None:
            raise JourneyFailed(f'eccp-desk exited with {self.process.returncode} (its log is below)')
        for app in root.applications():
            try:
                if app.name == 'eccp-desk' and app.get_process_id() == self.process.pid:
                    return app
            except Exception:
                continue
        return None

    def focused(self):
        node = find(self.app, lambda n: is_focused(n))
        return f'[{node.roleName}] "{node.name}"' if node is not None else 'nothing'

    def check_alive(self):
        if self.process.poll() is not None:
            raise JourneyFailed(f'eccp-desk exited with {self.process.returncode} during the journey '
                                '(its log is below)')

    def windows(self):
        return [w for w in self.app.children]

    def window_named(self, title):
        for window in self.app.children:
            if window.name == title:
                return window
        return None

    # Keyboard

    def keys(self, combo):
        self.check_alive()
        rawinput.keyCombo(combo)

    def press(self, key):
        self.check_alive()
        rawinput.pressKey(key)

    def type(self, text):
        self.check_alive()
        rawinput.typeText(text)

    def tab_to(self, node, what, key='Tab', limit=80):
        """Moves the keyboard focus to @node with Tab (or @key, such as
        '<Shift>Tab'), as a person would, and fails when it does not get
        there within @limit presses."""
        for _ in range(limit):
            if is_focused(node):
                return node
            if key.startswith('<'):
                self.keys(key)
            else:
                self.press(key)
            deadline = time.monotonic() + 0.3 * SLOW
            while time.monotonic() < deadline and not is_focused(node):
                time.sleep(0.03)
        if is_focused(node):
            return node
        raise JourneyFailed(f'{what} was not reached with {key} in {limit} presses')

    # What the header bar says

    def sync_status(self):
        button = find(self.window, lambda n: n.roleName in ('push button', 'toggle button')
                      and STATUS_RE.match(n.name or ''))
        return button.name if button is not None else None

    def wait_status(self, predicate, what, timeout=30):
        return wait(lambda: (lambda s: s if s and predicate(s) else None)(self.sync_status()),
                    f'the sync indicator to say {what} (it says {self.sync_status()!r})', timeout)

    def set_work_offline(self, offline):
        """Main menu (F10) → Work Offline, by keyboard."""
        self.press('F10')
        item = wait(lambda: find(self.app, lambda n: n.roleName == 'check menu item'
                                 and norm(n.name) == 'Work Offline' and is_sensitive(n)),
                    'the main menu with "Work Offline"', timeout=10)
        wait(lambda: find(self.app, lambda n: n.roleName in ('menu item', 'check menu item') and is_focused(n)),
             'a focused item in the main menu', timeout=10)
        self.tab_to(item, 'The "Work Offline" menu item', key='Down', limit=12)
        if is_checked(item) != offline:
            self.press('Return')
        else:
            self.press('Escape')
        if offline:
            self.wait_status(lambda s: s.startswith('Offline'), '"Offline"')

    # Lists and details

    def search_entry(self, plural):
        return wait(lambda: find(self.window, lambda n: n.roleName == 'entry' and n.name == f'Search {plural}'),
                    f'the entry "Search {plural}"')

    def search(self, plural, text):
        """Ctrl+F, then the text, as typed."""
        entry = self.search_entry(plural)
        self.keys('<Control>f')
        try:
            wait(lambda: is_focused(entry), f'Ctrl+F to put the focus in "Search {plural}"', timeout=2)
        except JourneyFailed:
            focus = self.focused()
            known_issue(f'Ctrl+F does nothing while the focus is on {focus}; Tab, then Ctrl+F again')
            self.press('Tab')
            self.keys('<Control>f')
            wait(lambda: is_focused(entry), f'Ctrl+F to put the focus in "Search {plural}"', timeout=10)
        self.keys('<Control>a')
        self.type(text)
        return entry

    def list_rows(self, plural):
        view = find(self.window, lambda n: n.roleName == 'list' and n.name == plural)
        if view is None:
            return []
        return [n.name for n in find_all(view, lambda n: n.roleName == 'panel' and n.name
                                         and n.parent is not None and n.parent.roleName == 'list item')]

    def wait_row(self, plural, title):
        return wait(lambda: title in self.list_rows(plural) and self.list_rows(plural),
                    f'the row "{title}" in the list of {plural}')

    RECORD_LISTS = ('Clusters', 'Partnerships', 'Events', 'Calls')

    def detail_shows(self, *texts):
        """Every text of @texts is a label of the window outside the record
        lists (in the detail, that is)."""
        labels = set()
        for label in find_all(self.window, lambda n: n.roleName == 'label' and n.name in texts):
            parent = label
            inside_list = False
            for _ in range(12):
                parent = parent.parent
                if parent is None:
                    break
                if parent.roleName == 'list' and parent.name in self.RECORD_LISTS:
                    inside_list = True
                    break
            if not inside_list:
                labels.add(label.name)
        return all(t in labels for t in texts)

    # Editor windows

    def wait_window(self, title, timeout=20):
        return wait(lambda: self.window_named(title), f'the window "{title}"', timeout)

    def wait_window_gone(self, title, timeout=20):
        wait(lambda: self.window_named(title) is None, f'the window "{title}" to close', timeout)

    def field(self, window, label, roles=('text', 'combo box', 'entry')):
        return wait(lambda: find(window, lambda n: n.roleName in roles and named(n, label)),
                    f'the field "{label}" in "{window.name}"', timeout=10)

    def button(self, window, label):
        return wait(lambda: find(window, lambda n: n.roleName in ('push button', 'toggle button')
                                 and named(n, label)),
                    f'the button "{label}" in "{window.name}"', timeout=10)

    def replace_text(self, window, label, text):
        """Tab to the field, select all it holds, type the new text."""
        field = self.field(window, label)
        self.tab_to(field, f'The field "{label}"')
        self.keys('<Control>a')
        self.type(text)
        wait(lambda: text_of(field) is None or text_of(field) == text,
             f'the field "{label}" to hold what was typed (it holds {text_of(field)!r})', timeout=10)
        return field

    # The end

    def quit(self):
        """Ctrl+Q, as a person closes it.  It must end, by itself, with
        status 0: a crash, a sanitizer's report or a hang on the way out
        fails the journey."""
        forced = False
        if self.process.poll() is None:
            # Close what is open over the main window, then Ctrl+Q.  Asking
            # the accessibility bus which windows are open can time out
            # under the sanitizers (a busy bus, not a busy app): that must
            # not keep Ctrl+Q from being pressed, once more if need be.
            try:
                for _ in [w for w in self.windows() if w.name != 'ECCP Desk']:
                    rawinput.pressKey('Escape')
            except Exception as error:
                log(f'could not list the windows to close: {error}')
            for attempt in range(2):
                try:
                    rawinput.keyCombo('<Control>q')
                except Exception as error:
                    log(f'could not press Ctrl+Q: {error}')
                try:
                    self.process.wait(timeout=10 * SLOW)
                    break
                except subprocess.TimeoutExpired:
                    pass
            try:
                self.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                forced = True
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        self.log_file.close()
        status = self.process.returncode
        if forced:
            raise JourneyFailed(f'eccp-desk did not quit within {20 * SLOW} s of Ctrl+Q')
        if status < 0:
            raise JourneyFailed(f'eccp-desk died of signal {-status} ({signal.Signals(-status).name})')
        if status != 0:
            raise JourneyFailed(f'eccp-desk exited with status {status}')

# }}}

# {{{ The journeys


def journey_find_cluster(desk, portal):
    """Find a cluster by typing part of its name without accents, open it."""
    entry = desk.search_entry('Clusters')
    # The window opens with the focus in the search: type to search.
    wait(lambda: is_focused(entry), 'the focus in "Search Clusters" when the window opens', timeout=10)
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the first sync', timeout=60)

    desk.type('medtech zilina')
    desk.wait_row('Clusters', ZILINA)
    rows = desk.list_rows('Clusters')
    if len(rows) > 3:
        raise JourneyFailed(f'"medtech zilina" left {len(rows)} rows: {rows}')
    wait(lambda: find(desk.window, lambda n: n.roleName == 'label' and re.match(r'^\d+ cluster', n.name or '')
                      and int(n.name.split()[0]) == len(rows)),
         f'the count label to say {len(rows)} cluster(s)')

    desk.press('Return')
    wait(lambda: desk.detail_shows(ZILINA, 'Slovakia', 'Žilina'),
         f'the detail of "{ZILINA}" (its name, Slovakia, Žilina)')

    # The manager's name, typed without its accents.
    desk.search('Clusters', 'zeljko')
    desk.wait_row('Clusters', KLASTER)
    desk.press('Return')
    wait(lambda: desk.detail_shows(KLASTER, 'Željko Erkapić'),
         f'the detail of "{KLASTER}", with its manager Željko Erkapić')


def open_zilina(desk):
    desk.keys('<Alt>1')
    desk.search('Clusters', 'medtech zilina')
    desk.wait_row('Clusters', ZILINA)
    desk.press('Return')
    wait(lambda: desk.detail_shows(ZILINA, 'Slovakia'), f'the detail of "{ZILINA}"')


def edit_description(desk, text):
    """Ctrl+E on the open record, a new description, Ctrl+S."""
    desk.keys('<Control>e')
    editor = desk.wait_window('Edit Cluster')
    desk.replace_text(editor, 'Description', text)
    save = desk.button(editor, 'Save')
    wait(lambda: is_sensitive(save), '"Save" to become available after the edit', timeout=10)
    desk.keys('<Control>s')
    desk.wait_window_gone('Edit Cluster')


def journey_offline_edit(desk, portal):
    """Edit a description offline; it waits; online, the portal has it."""
    # Typed through XTest, which has keys for ASCII only.
    typed = 'Edited offline in ECCP Desk by the journey test.'

    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the first sync', timeout=60)
    desk.set_work_offline(True)

    open_zilina(desk)
    edit_description(desk, typed)
    desk.wait_status(lambda s: s == 'Offline — 1 change waiting', '"Offline — 1 change waiting"')
    wait(lambda: desk.detail_shows(typed), 'the detail to show the new description')
    if portal.get('cluster', ZILINA_ID)['attributes'].get('description') == typed:
        raise JourneyFailed('The portal has the edit while the app works offline')

    desk.set_work_offline(False)
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after going online', timeout=60)
    description = portal.get('cluster', ZILINA_ID)['attributes'].get('description')
    if description != typed:
        raise JourneyFailed(f'The portal has the description {description!r}, not the one typed')


def journey_conflict(desk, portal):
    """The same field changed here (offline) and on the portal: the user
    keeps theirs from the conflict dialog, and the portal gets it."""
    mine = 'The description as I wrote it on the train.'
    theirs = 'The description as the portal staff wrote it meanwhile.'

    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the first sync', timeout=60)
    desk.set_work_offline(True)
    open_zilina(desk)
    edit_description(desk, mine)
    desk.wait_status(lambda s: s == 'Offline — 1 change waiting', '"Offline — 1 change waiting"')

    portal.patch('cluster', ZILINA_ID, {'description': theirs})

    desk.set_work_offline(False)
    desk.wait_status(lambda s: 'need' in s, '"1 change needs you"', timeout=60)

    desk.keys('<Alt>5')
    resolve = wait(lambda: find(desk.window, lambda n: n.roleName in ('push button', 'toggle button')
                                and named(n, f'Resolve conflict in {ZILINA}')),
                   f'the button "Resolve conflict in {ZILINA}" in Changes')
    desk.tab_to(resolve, f'"Resolve conflict in {ZILINA}"')
    desk.press('Return')

    dialog = wait(lambda: next((w for w in desk.windows() if w.name and 'Conflict' in w.name), None),
                  'the conflict dialog')
    keep_yours = wait(lambda: find(dialog, lambda n: n.roleName in ('radio button', 'check box')
                                   and named(n, 'Keep yours')),
                      'the choice "Keep yours"')
    wait(lambda: find(dialog, lambda n: n.roleName in ('radio button', 'check box')
                      and named(n, "Keep the portal's")),
         "the choice \"Keep the portal's\"")
    desk.tab_to(keep_yours, '"Keep yours"')
    if not is_checked(keep_yours):
        desk.press('space')
    wait(lambda: is_checked(keep_yours), '"Keep yours" to be chosen', timeout=10)

    resolve_button = desk.button(dialog, 'Resolve')
    desk.tab_to(resolve_button, 'The button "Resolve"')
    desk.press('Return')
    wait(lambda: not any(w.name and 'Conflict' in w.name for w in desk.windows()),
         'the conflict dialog to close')

    # It goes at the next sync: Ctrl+R is the next sync.
    desk.keys('<Control>r')
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the resolution', timeout=60)
    description = portal.get('cluster', ZILINA_ID)['attributes'].get('description')
    if description != mine:
        raise JourneyFailed(f'The portal has {description!r}, not the description kept ({mine!r})')


def journey_partnership(desk, portal):
    """A new partnership with two member clusters, linked by the picker."""
    name = 'Adriatic Medtech Bridge'

    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the first sync', timeout=60)
    _, cursor = portal.changes()

    desk.keys('<Alt>2')
    desk.search_entry('Partnerships')
    desk.keys('<Control>n')
    editor = desk.wait_window('New Partnership')

    # The editor opens with the focus in its first field, the name.  (An
    # AdwEntryRow does not say over AT-SPI that it has the focus, in
    # libadwaita 1.2: what it holds after typing says where the keys went.)
    name_field = desk.field(editor, 'Name')
    desk.type(name)
    wait(lambda: text_of(name_field) == name,
         f'"Name" to hold the name typed as the editor opened (it holds {text_of(name_field)!r})', timeout=10)

    programme = desk.field(editor, 'Programme', roles=('combo box',))
    desk.tab_to(programme, 'The field "Programme"')
    choose_in_combo(desk, programme, 'ESCP-S3')

    # Found without their accents again: the manager's name for the second.
    for search_text, title in (('medtech zilina', ZILINA), ('zeljko', KLASTER)):
        add = desk.button(editor, 'Add Members')
        desk.tab_to(add, 'The button "Add Members"')
        desk.press('Return')
        picker = wait(lambda: next((w for w in desk.windows()
                                    if w.name not in ('ECCP Desk', 'New Partnership') and w.name), None),
                      'the picker of clusters')
        search = wait(lambda: find(picker, lambda n: n.roleName == 'entry' and n.name == 'Search'),
                      'the entry "Search" in the picker')
        wait(lambda: is_focused(search), 'the focus in the picker\'s search', timeout=10)
        desk.type(search_text)

        def first_match():
            rows = [n.name for n in find_all(picker, lambda n: n.roleName == 'panel' and n.name
                                             and n.parent is not None and n.parent.roleName == 'list item')]
            return rows and rows[0] == title

        # Enter picks the first match: it must be the one wanted.
        wait(first_match, f'"{title}" first among the matches of "{search_text}" in the picker')
        desk.press('Return')
        wait(lambda: desk.window_named(picker.name) is None if picker.name else True, 'the picker to close')
        wait(lambda: find(editor, lambda n: n.name == title or (n.name or '').startswith(title)),
             f'"{title}" among the members in the editor')

    save = desk.button(editor, 'Save')
    wait(lambda: is_sensitive(save), '"Save" to become available', timeout=10)
    desk.keys('<Control>s')
    desk.wait_window_gone('New Partnership')

    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after sending the partnership',
                     timeout=60)

    def find_on_portal():
        records, _ = portal.changes(cursor)
        for record in records:
            if record.get('type') == 'partnership' and record.get('attributes', {}).get('name') == name:
                return record
        return None

    record = wait(find_on_portal, f'the partnership "{name}" on the portal', timeout=30)
    members = {m['id'] for m in record.get('relationships', {}).get('members', {}).get('data', [])}
    if members != {ZILINA_ID, KLASTER_ID}:
        raise JourneyFailed(f'The partnership on the portal has the members {sorted(members)}, '
                            f'not {sorted([ZILINA_ID, KLASTER_ID])}')
    programme_value = record.get('attributes', {}).get('programme')
    if programme_value != 'ESCP-S3':
        raise JourneyFailed(f'The partnership on the portal has the programme {programme_value!r}')


def choose_in_combo(desk, combo, choice):
    """A combo row, by keyboard: Space opens its list, Down walks it, Enter
    takes the focused choice."""
    def shown():
        # The row's own labels come first: its title, then the value shown.
        labels = [n.name for n in find_all(combo, lambda n: n.roleName == 'label')]
        return labels[1] if len(labels) > 1 else None

    def focused_choice():
        item = find(combo, lambda n: n.roleName == 'list item' and is_focused(n))
        if item is None:
            return None
        label = find(item, lambda n: n.roleName == 'label')
        return label.name if label is not None else ''

    if shown() == choice:
        return
    desk.press('space')
    wait(lambda: focused_choice() is not None, f'the list of "{norm(combo.name)}" to open', timeout=10)
    for _ in range(30):
        if focused_choice() == choice:
            break
        desk.press('Down')
        wait(lambda: focused_choice() is not None, 'a focused choice', timeout=5)
    if focused_choice() != choice:
        raise JourneyFailed(f'"{choice}" is not among the choices of "{norm(combo.name)}"')
    desk.press('Return')
    wait(lambda: focused_choice() is None and shown() == choice,
         f'"{norm(combo.name)}" to show "{choice}" (it shows {shown()!r})', timeout=10)


# Roles a person operates: each needs a name a screen reader can say.
CONTROL_ROLES = {'push button', 'toggle button', 'check box', 'radio button', 'entry', 'text',
                 'password text', 'combo box', 'page tab', 'menu item', 'check menu item',
                 'radio menu item', 'spin button', 'slider', 'switch', 'link', 'toggle'}
# What GTK 4.8 says when nothing names a control: its class.
CLASS_NAME_RE = re.compile(r'^(Gtk|Adw|Eccp)[A-Z][A-Za-z]+$')


def unnamed_controls(window):
    """The controls of @window without a name of their own, as
    "[role] 'name' in ancestors"; apart, those that are parts of a named
    control made by GTK or libadwaita (the button of a GtkDropDown, the
    peek button of an AdwPasswordEntryRow), which the app does not make."""
    missing, in_dropdown = [], []
    for node in find_all(window, lambda n: n.roleName in CONTROL_ROLES):
        if node.roleName == 'text' and not states(node).contains(pyatspi.STATE_EDITABLE):
            continue
        name = norm(node.name).strip()
        if name and not CLASS_NAME_RE.match(name):
            continue
        path = []
        parent = node.parent
        while parent is not None and len(path) < 6:
            if parent.name and not CLASS_NAME_RE.match(parent.name):
                path.append(f"[{parent.roleName}] '{parent.name}'")
            parent = parent.parent
        line = f"[{node.roleName}] {node.name!r} in {' < '.join(path[:3]) or 'the window'}"
        owner = node.parent
        while owner is not None and owner.roleName in ('panel', 'filler') and not owner.name:
            owner = owner.parent
        if owner is not None and owner.roleName in ('combo box', 'text') and owner.name \
                and not CLASS_NAME_RE.match(owner.name):
            in_dropdown.append(line)
        else:
            missing.append(line)
    return missing, in_dropdown


def fail_unnamed(problems, dropdowns):
    """Says the parts of GTK's own named controls that have no name (a
    known issue), and fails on the app's controls that have none."""
    for line in dropdowns:
        known_issue('a part of a named control, made by GTK 4.8 / libadwaita 1.2, has no name of its own '
                    '(AT-SPI says its class): ' + line)
    if problems:
        raise JourneyFailed('Controls without an accessible name:\n  ' + '\n  '.join(problems))


def journey_names(desk, portal):
    """Every control of the main window, the editors, the picker and the
    main menu has an accessible name (not GTK's class name)."""
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the first sync', timeout=60)
    problems, dropdowns = [], []

    def audit(window, where):
        missing, in_dropdown = unnamed_controls(window)
        problems.extend(f'{where}: {line}' for line in missing)
        dropdowns.extend(f'{where}: {line}' for line in in_dropdown)

    for key, view in (('<Alt>1', 'Clusters'), ('<Alt>2', 'Partnerships'), ('<Alt>3', 'Events'),
                      ('<Alt>4', 'Calls')):
        desk.keys(key)
        desk.search_entry(view)
    open_zilina(desk)
    audit(desk.window, 'main window')

    desk.keys('<Control>e')
    editor = desk.wait_window('Edit Cluster')
    audit(editor, 'Edit Cluster')
    desk.press('Escape')
    desk.wait_window_gone('Edit Cluster')

    desk.keys('<Alt>2')
    desk.search_entry('Partnerships')
    desk.keys('<Control>n')
    editor = desk.wait_window('New Partnership')
    audit(editor, 'New Partnership')
    add = desk.button(editor, 'Add Members')
    desk.tab_to(add, 'The button "Add Members"')
    desk.press('Return')
    picker = wait(lambda: next((w for w in desk.windows()
                                if w.name not in ('ECCP Desk', 'New Partnership') and w.name), None),
                  'the picker of clusters')
    wait(lambda: find(picker, lambda n: n.roleName == 'entry' and n.name == 'Search'), 'the picker\'s search')
    audit(picker, f'picker "{picker.name}"')
    desk.press('Escape')

    fail_unnamed(problems, dropdowns)


# {{{ Moderation (issue #11): the Review view, the checklist, Submit


def is_showing(node):
    """On screen, as far as AT-SPI tells.  GTK 4.8 says SHOWING of windows
    only, and VISIBLE of the widgets of the stack pages out of sight too:
    those never shown have no size, but those shown before keep theirs (so
    a view is told by its page: view_page)."""
    if not states(node).contains(pyatspi.STATE_VISIBLE):
        return False
    try:
        extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        return True
    return extents.width > 0 and extents.height > 0


def shown(node):
    """The nodes under @node that are on screen, depth first (the order a
    screen reader reads them); what is not showing is not walked."""
    if not is_showing(node):
        return
    yield node
    for child in node.children:
        yield from shown(child)


def find_shown(node, predicate):
    return next((n for n in shown(node) if predicate(n)), None)


def label_shown(node, text):
    """A label on screen under @node whose text holds @text."""
    return find_shown(node, lambda n: n.roleName == 'label' and text in (n.name or ''))


def in_row(node):
    parent = node.parent
    while parent is not None:
        if parent.roleName == 'list item':
            return True
        parent = parent.parent
    return False


def detail_says(desk, text):
    """A label on screen outside the rows of the lists holds @text."""
    return find_shown(desk.window, lambda n: n.roleName == 'label' and text in (n.name or '') and not in_row(n))


def shown_button(node, label):
    return find_shown(node, lambda n: n.roleName in ('push button', 'toggle button') and named(n, label))


def audit_names(window, where):
    """Fails naming every control of @window without an accessible name."""
    missing, in_dropdown = unnamed_controls(window)
    fail_unnamed([f'{where}: {line}' for line in missing], [f'{where}: {line}' for line in in_dropdown])


def view_tabs(desk, view):
    """The view switchers' buttons of @view (the header's and the bottom
    bar's), looked for until found, then kept: the tree is slow to walk."""
    tabs = desk.__dict__.setdefault('view_tabs', {})
    if not tabs.get(view):
        tabs[view] = find_all(desk.window, lambda n: n.roleName == 'page tab' and norm(n.name) == view)
    return tabs[view]


def badge(desk, view):
    """The number on the view switcher's buttons of @view; 0 when they
    show none.  (Of the switchers in the header and at the bottom, only one
    is in sight, but both show the number: one that is not hidden is read.)"""
    tabs = view_tabs(desk, view)
    if not tabs:
        raise JourneyFailed(f'The view switcher has no button "{view}"')

    def unhidden(node, tab):
        while node is not None and node != tab:
            if not states(node).contains(pyatspi.STATE_VISIBLE):
                return False
            node = node.parent
        return True

    numbers = [int(n.name) for tab in tabs
               for n in find_all(tab, lambda n: n.roleName == 'label' and re.fullmatch(r'[0-9]+', n.name or ''))
               if unhidden(n, tab)]
    return max(numbers, default=0)


def open_view(desk, view, missing):
    """Shift+Tab to the view switcher's button of @view, Space.  @missing
    says what it means when there is no such button."""
    wait(lambda: view_tabs(desk, view), f'the view "{view}" in the view switcher (not there without {missing})')
    for _ in range(40):
        if any(is_focused(t) or states(t).contains(pyatspi.STATE_SELECTED) for t in view_tabs(desk, view)):
            break
        desk.keys('<Shift>Tab')
        deadline = time.monotonic() + 0.3 * SLOW
        while time.monotonic() < deadline and not any(is_focused(t) for t in view_tabs(desk, view)):
            time.sleep(0.03)
    else:
        raise JourneyFailed(f'The view switcher\'s "{view}" was not reached with Shift+Tab in 40 presses')
    if not any(states(t).contains(pyatspi.STATE_SELECTED) for t in view_tabs(desk, view)):
        desk.press('space')
    wait(lambda: any(states(t).contains(pyatspi.STATE_SELECTED) for t in view_tabs(desk, view)),
         f'the view "{view}" to be shown', timeout=10)


# Set up on the portal before the app starts.  KLASTER's manager edits its
# published profile (the portal keeps the published revision: a diff) and
# submits it; he also makes a new cluster and submits it (never published:
# every field new).  Both meet the publication criteria.
STAFF_DESCRIPTION = ('Makers of agricultural machinery and equipment, now with a shared test field '
                     'for new harvesters.')
DANUBE_ID = '0b5e3c1a-7d2f-4c61-9e8a-3f4b5c6d7e80'
DANUBE = 'Danube Robotics Cluster'
REQUEST_COMMENT = 'Please name the research members and add a phone number.'
REVIEW_SEARCH = 'Search the review queue'
REVIEW_MISSING = 'the Review view for staff, branch wt-review'


def diff_marks(node):
    """What marks the words of the texts under @node other than colour, as
    a screen reader can ask (AT-SPI text attributes): "removed" for struck
    through, "added" for underlined."""
    marks = set()
    for label in find_all(node, lambda n: n.roleName == 'label'):
        text = label.queryText()
        offset = 0
        while offset < text.characterCount:
            attributes, start, end = text.getAttributeRun(offset, False)
            if 'strikethrough:true' in attributes:
                marks.add('removed')
            if any(a.startswith('underline:') and a != 'underline:none' for a in attributes):
                marks.add('added')
            if end <= offset:
                break
            offset = end
    return marks


def set_up_staff_review(portal):
    portal.patch('cluster', KLASTER_ID, {'description': STAFF_DESCRIPTION}, token=MANAGER_TOKEN)
    portal.patch('cluster', KLASTER_ID, meta={'moderation_state': 'needs_review'}, token=MANAGER_TOKEN)
    portal.post('cluster', DANUBE_ID, {
        'name': DANUBE, 'profile_type': 'cluster_organisation', 'country': 'AT', 'city': 'Linz',
        'website': 'https://www.danube-robotics.example.eu', 'ecosystems': ['Digital'],
        'members': {'sme': 20, 'large': 2, 'research': 3, 'other': 0}, 'management_fte': 1.5,
    }, token=MANAGER_TOKEN)
    portal.patch('cluster', DANUBE_ID, meta={'moderation_state': 'needs_review'}, token=MANAGER_TOKEN)
    for record_id in (KLASTER_ID, DANUBE_ID):
        state = portal.get('cluster', record_id)['meta'].get('moderation_state')
        if state != 'needs_review':
            raise JourneyFailed(f'Setting up: cluster {record_id} is {state!r} on the portal, not needs_review')


def ancestors(node):
    """@node and its ancestors, from the window down.  (GTK 4.8's
    indexInParent counts children it does not show: not used.)"""
    chain = []
    while node is not None and node.roleName != 'application':
        chain.append(node)
        node = node.parent
    return chain[::-1]


def view_page(desk, search_name):
    """The page of the window's view stack that holds the entry
    @search_name: what it does not share with the page of Clusters.  (The
    pages out of sight stay in the accessible tree, and keep the size they
    had when last seen.)"""
    def entry(name):
        return find(desk.window, lambda n: n.roleName == 'entry' and norm(n.name) == name)

    mine, clusters = entry(search_name), entry('Search Clusters')
    if mine is None or clusters is None:
        return None
    path, other = ancestors(mine), ancestors(clusters)
    shared = 0
    while shared < min(len(path), len(other)) and path[shared] == other[shared]:
        shared += 1
    return path[shared] if shared < len(path) else None


def review_page(desk):
    """The Review view's page (looked for once: the tree is slow to walk)."""
    if getattr(desk, 'review_page', None) is None:
        desk.review_page = wait(lambda: view_page(desk, REVIEW_SEARCH),
                                f'the Review view with its entry "{REVIEW_SEARCH}" '
                                f'(not there without {REVIEW_MISSING})')
    return desk.review_page


def review_queue(desk):
    """The list of the Review view: the one nearest its search entry."""
    if getattr(desk, 'review_queue', None) is not None:
        return desk.review_queue
    node = find(review_page(desk), lambda n: n.roleName == 'entry' and norm(n.name) == REVIEW_SEARCH)
    for _ in range(10):
        if node is None:
            return None
        node = node.parent
        queue = find_shown(node, lambda n: n.roleName == 'list')
        if queue is not None:
            desk.review_queue = queue
            return queue
    return None


def review_rows(desk):
    queue = review_queue(desk)
    if queue is None:
        return []
    # A row is named by the record's title, as in the record lists.
    return [norm(n.name) for n in queue.children if n.roleName == 'list item' and n.name]


def has_row(rows, title):
    return any(row == title or row.startswith(title + ' ') for row in rows)


def review_detail_shows(desk, title):
    """The record @title is open: its title is a label of the Review view
    outside the rows of any list."""
    return find_shown(review_page(desk), lambda n: n.roleName == 'label' and n.name == title
                      and not in_row(n)) is not None


def search_review_queue(desk, text):
    entry = wait(lambda: find(review_page(desk),
                              lambda n: n.roleName == 'entry' and norm(n.name) == REVIEW_SEARCH),
                 f'the entry "{REVIEW_SEARCH}" in the Review view')
    desk.tab_to(entry, f'The entry "{REVIEW_SEARCH}"')
    desk.keys('<Control>a')
    if text:
        desk.type(text)
    else:
        desk.press('BackSpace')
    wait(lambda: (text_of(entry) or '') == text,
         lambda: f'"{REVIEW_SEARCH}" to hold {text!r} (it holds {text_of(entry)!r})', timeout=10)
    return entry


def open_in_review(desk, search_text, title):
    """Searches the queue, Enter opens the first match, as in the record lists."""
    search_review_queue(desk, search_text)
    wait(lambda: (lambda rows: rows and has_row(rows[:1], title))(review_rows(desk)),
         lambda: f'"{title}" first in the review queue for "{search_text}" (it shows {review_rows(desk)})')
    desk.press('Return')
    wait(lambda: review_detail_shows(desk, title), f'the review of "{title}" to open')


def journey_staff_review(desk, portal):
    """Staff, offline: approve one submission with the keyboard, request
    changes on another with a comment; online, the portal has both."""
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the first sync', timeout=60)
    desk.set_work_offline(True)

    open_view(desk, 'Review', REVIEW_MISSING)
    wait(lambda: has_row(review_rows(desk), KLASTER) and has_row(review_rows(desk), DANUBE),
         lambda: f'"{KLASTER}" and "{DANUBE}" in the review queue (it shows {review_rows(desk)})')
    waiting = len(review_rows(desk))
    wait(lambda: badge(desk, 'Review') == waiting,
         lambda: f'the badge of "Review" to say {waiting}, as many as the queue shows '
                 f'(it says {badge(desk, "Review")})',
         timeout=10)

    # The manager changed the description of a published profile: the
    # diff shows that field, by its label.
    open_in_review(desk, 'jomehanizacije', KLASTER)
    page = review_page(desk)
    description = wait(lambda: find_shown(page, lambda n: norm(n.name).startswith('Description')
                                          and n.roleName != 'label'),
                       'the field "Description" in the diff of the changes to review')
    wait(lambda: diff_marks(description) == {'removed', 'added'},
         lambda: f'the word diff of "Description" to mark the words removed (struck through) and added '
                 f'(underlined), not only by colour (it marks {sorted(diff_marks(description))})', timeout=10)
    wait(lambda: find_shown(page, lambda n: named(n, 'Show all fields')
                            and n.roleName in ('switch', 'toggle button', 'check box')),
         'the switch "Show all fields"')
    wait(lambda: all_met(criteria(page)),
         lambda: f'the checklist "Publication criteria" in the review, every criterion "Met" '
                 f'(it says {criteria(page)})')
    audit_names(desk.window, 'the Review view')

    approve = wait(lambda: shown_button(page, 'Approve'), 'the button "Approve" in the Review view')
    wait(lambda: is_sensitive(approve), '"Approve" to be available', timeout=10)
    desk.tab_to(approve, 'The button "Approve"')
    desk.press('space')
    wait(lambda: not has_row(review_rows(desk), KLASTER),
         f'"{KLASTER}" to leave the review queue once approved')

    open_in_review(desk, 'danube robotics', DANUBE)
    request = wait(lambda: shown_button(page, 'Request changes'),
                   'the button "Request changes" in the Review view')
    desk.tab_to(request, 'The button "Request changes"')
    desk.press('space')

    def request_dialog():
        for window in desk.windows():
            if window.name != 'ECCP Desk' and find(window, lambda n: n.roleName == 'text'
                                                   and norm(n.name) == 'Comment'):
                return window
        return None

    dialog = wait(request_dialog, 'the dialog "Request Changes" with its text view "Comment"')
    wait(lambda: find(dialog, lambda n: n.roleName == 'label' and n.name == 'Request Changes'),
         'the heading "Request Changes" of the dialog')
    comment = find(dialog, lambda n: n.roleName == 'text' and norm(n.name) == 'Comment')
    desk.button(dialog, 'Cancel')
    send = desk.button(dialog, 'Request Changes')
    audit_names(dialog, 'the dialog "Request Changes"')
    if is_sensitive(send):
        raise JourneyFailed('"Request Changes" is available while the comment is empty')
    desk.tab_to(comment, 'The text view "Comment"')
    desk.type('   ')
    wait(lambda: text_of(comment) == '   ', 'the comment to hold the spaces typed', timeout=10)
    if is_sensitive(send):
        raise JourneyFailed('"Request Changes" is available while the comment is blank (spaces only)')
    desk.keys('<Control>a')
    desk.type(REQUEST_COMMENT)
    wait(lambda: text_of(comment) == REQUEST_COMMENT,
         lambda: f'the comment to hold what was typed (it holds {text_of(comment)!r})', timeout=10)
    wait(lambda: is_sensitive(send), '"Request Changes" to become available once there is a comment',
         timeout=10)
    # Ctrl+Tab leaves a text view (Tab may type a tab in it).
    desk.tab_to(send, 'The response "Request Changes"', key='<Control>Tab')
    desk.press('space')
    wait(lambda: request_dialog() is None, 'the dialog "Request Changes" to close')

    search_review_queue(desk, '')
    wait(lambda: not has_row(review_rows(desk), KLASTER) and not has_row(review_rows(desk), DANUBE),
         lambda: f'"{KLASTER}" and "{DANUBE}" to have left the review queue (it shows {review_rows(desk)})')
    wait(lambda: badge(desk, 'Review') == waiting - 2,
         lambda: f'the badge of "Review" to drop from {waiting} to {waiting - 2} '
                 f'(it says {badge(desk, "Review")})')
    if waiting == 2:
        wait(lambda: label_shown(page, 'Nothing waits for review'),
             'the empty state "Nothing waits for review"')
    desk.wait_status(lambda s: s == 'Offline — 2 changes waiting', '"Offline — 2 changes waiting"')
    for record_id in (KLASTER_ID, DANUBE_ID):
        state = portal.get('cluster', record_id)['meta'].get('moderation_state')
        if state != 'needs_review':
            raise JourneyFailed(f'The portal has cluster {record_id} {state!r} while the app works offline')

    desk.set_work_offline(False)
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after going online', timeout=60)
    klaster = portal.get('cluster', KLASTER_ID)
    if klaster['meta'].get('moderation_state') != 'published' \
            or klaster['attributes'].get('description') != STAFF_DESCRIPTION:
        raise JourneyFailed(f'The portal has "{KLASTER}" {klaster["meta"].get("moderation_state")!r} with '
                            f'the description {klaster["attributes"].get("description")!r}, not the approved '
                            'draft published')
    danube = portal.get('cluster', DANUBE_ID)
    if danube['meta'].get('moderation_state') != 'changes_requested' \
            or danube['meta'].get('review_comment') != REQUEST_COMMENT:
        raise JourneyFailed(f'The portal has "{DANUBE}" {danube["meta"].get("moderation_state")!r} with the '
                            f'comment {danube["meta"].get("review_comment")!r}, not changes_requested with '
                            f'{REQUEST_COMMENT!r}')


# Set up on the portal before the app starts: the manager took KLASTER's
# website out of a new draft and submitted it; staff sent it back.
MANAGER_COMMENT = "Please add the cluster's website."
NEW_WEBSITE = 'https://www.klaster-pol-jomehanizacije.example.eu/en'
MANAGER_MISSING = 'the manager\'s view, branch wt-manager'


def set_up_manager_resubmit(portal):
    portal.patch('cluster', KLASTER_ID, {'website': None}, token=MANAGER_TOKEN)
    portal.patch('cluster', KLASTER_ID, meta={'moderation_state': 'needs_review'}, token=MANAGER_TOKEN)
    portal.patch('cluster', KLASTER_ID, meta={'moderation_state': 'changes_requested',
                                              'review_comment': MANAGER_COMMENT})
    meta = portal.get('cluster', KLASTER_ID)['meta']
    if meta.get('moderation_state') != 'changes_requested' or meta.get('review_comment') != MANAGER_COMMENT:
        raise JourneyFailed(f'Setting up: "{KLASTER}" is {meta} on the portal')


def criteria(where):
    """The rows of the checklist "Publication criteria" on screen under
    @where, as {name: description}; None while there is no such group."""
    if label_shown(where, 'Publication criteria') is None:
        return None
    return {norm(n.name): n.description for n in shown(where)
            if n.name and re.match(r'^(Met$|Not met: )', n.description or '')}


def all_met(checklist):
    """The four criteria of portal-api.md §3, all met."""
    return checklist is not None and len(checklist) == 4 and all(d == 'Met' for d in checklist.values())


def criterion(checklist, title):
    return next((d for name, d in (checklist or {}).items() if name == title or name.startswith(title + ' ')),
                None)


def first_row_after(desk, label_text, above):
    """The first row on screen after the label @label_text, depth first,
    when that label comes before the list @above."""
    seen_label = False
    for node in shown(desk.window):
        if node.roleName == 'list' and node.name == above and not seen_label:
            return None
        if node.roleName == 'label' and node.name == label_text:
            seen_label = True
        elif seen_label and node.name and (node.roleName == 'list item' or (
                node.roleName == 'panel' and node.parent is not None and node.parent.roleName == 'list item')):
            return node
    return None


def journey_manager_resubmit(desk, portal):
    """A manager sees staff's comment, adds the website, sees the checklist
    turn green, and resubmits."""
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the first sync', timeout=60)
    desk.keys('<Alt>1')
    desk.search_entry('Clusters')

    # "Your clusters" at the top of the list, KLASTER under it.
    wait(lambda: label_shown(desk.window, 'Your clusters'),
         f'the section "Your clusters" in the Clusters view (not there without {MANAGER_MISSING})')
    first = wait(lambda: (lambda row: row if row is not None and named(row, KLASTER) else None)(
        first_row_after(desk, 'Your clusters', above='Clusters')),
        f'"{KLASTER}" first under "Your clusters", above the list of all clusters')
    target = first
    while target is not None and not states(target).contains(pyatspi.STATE_FOCUSABLE):
        target = target.parent
    if target is None:
        raise JourneyFailed(f'The row "{KLASTER}" under "Your clusters" cannot take the keyboard focus')
    desk.tab_to(target, f'The row "{KLASTER}" under "Your clusters"')
    desk.press('Return')
    wait(lambda: desk.detail_shows(KLASTER), f'the detail of "{KLASTER}"')

    wait(lambda: detail_says(desk, 'Changes requested'), 'the state "Changes requested" in the detail')
    wait(lambda: detail_says(desk, MANAGER_COMMENT), f'staff\'s comment {MANAGER_COMMENT!r} in the detail')

    # KLASTER has a published version and this draft: both are reachable.
    for toggle in ('Published version', 'Your draft'):
        wait(lambda: shown_button(desk.window, toggle), f'the button "{toggle}" in the detail')

    wait(lambda: criteria(desk.window),
         f'the checklist "Publication criteria" with its rows (not there without {MANAGER_MISSING})')
    wait(lambda: (criterion(criteria(desk.window), 'A website') or '').startswith('Not met: '),
         lambda: f'"A website" to be "Not met: …" (the checklist says {criteria(desk.window)})')
    others = {name: d for name, d in criteria(desk.window).items() if criterion({name: d}, 'A website') is None}
    if len(others) != 3 or any(d != 'Met' for d in others.values()):
        raise JourneyFailed(f'Besides "A website", the checklist should have the three other criteria met: '
                            f'it says {criteria(desk.window)}')
    submit = wait(lambda: shown_button(desk.window, 'Submit for review'),
                  f'the button "Submit for review" (not there without {MANAGER_MISSING})')
    if is_sensitive(submit):
        raise JourneyFailed('"Submit for review" is available while "A website" is not met')
    audit_names(desk.window, 'the detail of the manager\'s cluster')

    desk.keys('<Control>e')
    editor = desk.wait_window('Edit Cluster')
    # An AdwEntryRow does not say over AT-SPI that it has the focus
    # (libadwaita 1.2): from "Country", which does, Tab twice (past "City").
    country = desk.field(editor, 'Country', roles=('combo box',))
    desk.tab_to(country, 'The field "Country"')
    desk.press('Tab')
    desk.press('Tab')
    website = desk.field(editor, 'Website')
    desk.keys('<Control>a')
    desk.type(NEW_WEBSITE)
    wait(lambda: text_of(website) == NEW_WEBSITE,
         lambda: f'"Website", two Tabs after "Country", to hold what was typed '
                 f'(it holds {text_of(website)!r})',
         timeout=10)
    save = desk.button(editor, 'Save')
    wait(lambda: is_sensitive(save), '"Save" to become available after the edit', timeout=10)
    desk.keys('<Control>s')
    desk.wait_window_gone('Edit Cluster')

    wait(lambda: all_met(criteria(desk.window)),
         lambda: f'every criterion "Met" once the website is set (the checklist says {criteria(desk.window)})')
    wait(lambda: is_sensitive(submit), '"Submit for review" to become available', timeout=10)
    desk.tab_to(submit, 'The button "Submit for review"')
    desk.press('space')

    desk.keys('<Control>r')
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after submitting', timeout=60)

    def submitted():
        record = portal.get('cluster', KLASTER_ID)
        return (record['meta'].get('moderation_state') == 'needs_review'
                and record['attributes'].get('website') == NEW_WEBSITE)

    def has():
        record = portal.get('cluster', KLASTER_ID)
        return f'{record["meta"].get("moderation_state")!r}, {record["attributes"].get("website")!r}'

    wait(submitted, lambda: f'the portal to have "{KLASTER}" in needs_review with the website '
                            f'{NEW_WEBSITE!r} (it has {has()})', timeout=30)

# }}}


# {{{ Venue mode (#12)

MATCHMAKING = 'European Cluster Matchmaking Event 2018'
MATCHMAKING_ID = '23910e94-ead5-5e9b-8529-821730d4d6ca'
LUKASZ = 'Łukasz Lewandowski'
LUKASZ_ID = '54da0a29-60e2-5888-a989-884fca26b500'


def journey_venue(desk, portal):
    """The event team, offline at the door: finds a person typed without
    accents, checks them in, undoes it, checks them in again; online,
    the portal has the three check-ins and the person is in."""
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after the first sync', timeout=60)
    desk.set_work_offline(True)
    desk.keys('<Alt>3')
    # Its city too: "Soonest first" lists upcoming events first and past
    # ones the latest first, so other 2018 matchmaking events come before it.
    desk.search('Events', 'matchmaking 2018 brussels')
    desk.wait_row('Events', MATCHMAKING)
    desk.press('Return')
    wait(lambda: desk.detail_shows(MATCHMAKING), f'the detail of "{MATCHMAKING}"')

    venue = wait(lambda: shown_button(desk.window, 'Venue mode'),
                 'the button "Venue mode" on the event its team may edit')
    desk.tab_to(venue, 'The button "Venue mode"')
    desk.press('space')
    search = wait(lambda: find_shown(desk.window, lambda n: n.roleName in ('entry', 'text')
                                     and norm(n.name) == 'Search attendees'),
                  'venue mode and its entry "Search attendees"')
    wait(lambda: is_focused(search), 'the focus in "Search attendees" when venue mode opens', timeout=10)
    audit_names(desk.window, 'venue mode')

    check_in = f'Check in {LUKASZ}'
    undo = f'Undo check-in of {LUKASZ}'
    desk.type('lukasz lewandowski')
    wait(lambda: shown_button(desk.window, check_in),
         f'"{LUKASZ}", typed without accents, with the button "{check_in}"')
    desk.press('Return')
    wait(lambda: shown_button(desk.window, undo), f'"{LUKASZ}" checked in by Enter (the button "{undo}")')
    wait(lambda: label_shown(desk.window, 'not sent yet') or label_shown(desk.window, 'Not sent yet'),
         'the check-in marked as not sent yet, offline')

    desk.tab_to(shown_button(desk.window, undo), f'The button "{undo}"')
    desk.press('space')
    wait(lambda: shown_button(desk.window, check_in), f'"{LUKASZ}" no longer in after Undo')

    desk.tab_to(search, 'The entry "Search attendees"')
    desk.press('Return')
    wait(lambda: shown_button(desk.window, undo), f'"{LUKASZ}" checked in again by Enter')

    desk.press('Escape')
    desk.press('Escape')
    wait(lambda: desk.detail_shows(MATCHMAKING), 'Escape to leave venue mode for the event')
    desk.set_work_offline(False)
    desk.wait_status(lambda s: s.startswith('Up to date'), '"Up to date" after going online', timeout=60)

    def checkins():
        records, _ = portal.changes()
        return sorted((r for r in records if r['type'] == 'checkin'
                       and r.get('relationships', {}).get('attendee', {}).get('data', {}).get('id') == LUKASZ_ID),
                      key=lambda r: r['attributes']['at'])

    wait(lambda: [c['attributes'].get('undo', False) for c in checkins()] == [False, True, False],
         lambda: f'the portal to hold three check-ins of "{LUKASZ}": in, undone, in '
                 f'(it holds {[c["attributes"] for c in checkins()]})', timeout=30)

# }}}


JOURNEYS = {
    'find-cluster': journey_find_cluster,
    'offline-edit': journey_offline_edit,
    'conflict': journey_conflict,
    'partnership': journey_partnership,
    'names': journey_names,
    'staff-review': journey_staff_review,
    'manager-resubmit': journey_manager_resubmit,
    'venue': journey_venue,
}
# What a journey sets up on the portal before the app starts, and whose
# token the app then has (staff's when not said).
SETUPS = {
    'staff-review': set_up_staff_review,
    'manager-resubmit': set_up_manager_resubmit,
}
TOKENS = {
    'manager-resubmit': MANAGER_TOKEN,
    'venue': EVENT_TOKEN,
}

# }}}


def save_evidence(name, desk):
    directory = os.environ.get('G_TEST_BUILDDIR') or tempfile.gettempdir()
    base = os.path.join(directory, f'journey-{name}')
    if shutil.which('import'):
        subprocess.run(['import', '-window', 'root', base + '.png'],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        log(f'screenshot: {base}.png')
    if desk is not None:
        try:
            with open(base + '.txt', 'w') as out:
                for window in desk.windows():
                    dump(window, out)
            log(f'accessible tree: {base}.txt')
        except Exception as error:
            log(f'no accessible tree: {error}')


def log_tail(path, size=4000):
    if path and os.path.exists(path):
        with open(path, errors='replace') as f:
            tail = f.read()[-size:]
        if tail.strip():
            log(f'--- {os.path.basename(path)} (end) ---')
            for line in tail.splitlines():
                log(line)


def run(name):
    """One journey; True when it passed.  (dogtail replaces sys.excepthook,
    so every failure is caught and said here.)"""
    scale = int(os.environ.get('ECCP_UI_SCALE', '100'))
    workdir = tempfile.mkdtemp(prefix=f'eccp-journey-{name}-')
    portal = desk = None
    started = time.monotonic()
    ok = False
    skipped = None
    try:
        portal = Portal(workdir, scale)
        if name in SETUPS:
            SETUPS[name](portal)
        desk = Desk(workdir, portal, leak_check=name in LEAK_CHECKED, token=TOKENS.get(name, TOKEN))
        JOURNEYS[name](desk, portal)
        ok = True
    except Skip as reason:
        skipped = reason
    except Exception as error:
        log(f'{name}: FAILED: {error}')
        for line in traceback.format_exc().splitlines():
            log(line)
        save_evidence(name, desk)
    try:
        if desk is not None:
            desk.quit()
    except Exception as error:
        log(f'{name}: FAILED on the way out: {error}')
        ok = False
    if portal is not None:
        status = portal.stop()
        if status != 0 and not skipped:
            log(f'{name}: FAILED on the way out: eccp-portal exited with status {status}')
            ok = False
    if not ok and not skipped:
        log_tail(desk.log_path if desk else None)
        log_tail(portal.log_path if portal else None)
    shutil.rmtree(workdir, ignore_errors=True)
    if skipped:
        raise skipped
    if ok:
        log(f'{name}: passed in {time.monotonic() - started:.1f} s')
    return ok


def main(argv):
    if len(argv) != 2 or (argv[1] not in JOURNEYS and argv[1] != 'all'):
        print(f'usage: {argv[0]} {{{"|".join(JOURNEYS)}|all}}', file=sys.stderr)
        return 2
    names = list(JOURNEYS) if argv[1] == 'all' else [argv[1]]
    print(f'1..{len(names)}', flush=True)
    failed = 0
    for number, name in enumerate(names, 1):
        try:
            ok = run(name)
        except Skip as reason:
            print(f'ok {number} {name} # SKIP {reason}', flush=True)
            continue
        print(f'{"ok" if ok else "not ok"} {number} {name}', flush=True)
        failed += not ok
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

# vim: set foldmethod=marker:
