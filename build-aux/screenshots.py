# build-aux/screenshots.py: run by build-aux/screenshots inside
# tests/ui/run-under-x (Xvfb, a session bus, the accessibility bus).
#
# Copyright 2026 The ECCP Desk developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

from dogtail.config import config

config.checkForA11y = False  # GSettings are in memory here: no dconf to ask

from dogtail import rawinput  # noqa: E402 (after the configuration)
from dogtail.tree import root  # noqa: E402

config.searchCutoffCount = 5
config.defaultDelay = 0.2
config.actionDelay = 0.2
config.typingDelay = 0.03
config.logDebugToFile = False
config.logDebugToStdOut = False

SOURCE = os.environ["ECCP_SOURCE_DIR"]
BUILD = os.environ["ECCP_BUILD_DIR"]
OUT = sys.argv[1]
TOKEN = "staff-demo-token"
MANAGER = "manager-demo-token"  # of KLASTER POL-JOMEHANIZACIJE (data/portal-users.json)
EVENT_TEAM = "event-demo-token"  # of the European Cluster Matchmaking Event 2018
WIDTH, HEIGHT = 1100, 720

tmp = tempfile.mkdtemp(prefix="eccp-shots-")
os.makedirs(OUT, exist_ok=True)


def wait_for(what, predicate, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = predicate()
            if value:
                return value
        except Exception:
            pass
        time.sleep(0.2)
    raise SystemExit("screenshots: timed out waiting for " + what)


def shot(name, width=WIDTH, height=HEIGHT):
    time.sleep(1.0)  # let animations (leaflet, toasts) finish
    path = os.path.join(OUT, name)
    subprocess.run(["import", "-window", "root", "-crop", "%dx%d+0+0" % (width, height),
                    "+repage", path], check=True)
    print("screenshots: " + path)


def start_portal():
    proc = subprocess.Popen([os.path.join(BUILD, "src/portal/eccp-portal"), "--port", "0", "--demo",
                             "--db", os.path.join(tmp, "portal.db"),
                             "--users", os.path.join(SOURCE, "data/portal-users.json")],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    url = re.search(r"Listening on (\S+)", line).group(1)
    return proc, url


def start_app(args, profile, width=WIDTH, height=HEIGHT, token=TOKEN, extra_env=None):
    env = dict(os.environ)
    env.update({
        "ECCP_DB": os.path.join(profile, "store.db"),
        "ECCP_TOKEN": token,
        "XDG_DATA_HOME": os.path.join(profile, "data"),
        "XDG_CONFIG_HOME": os.path.join(profile, "config"),
        "GSETTINGS_SCHEMA_DIR": os.path.join(BUILD, "data"),
        "GSETTINGS_BACKEND": "keyfile",
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
    })
    env.update(extra_env or {})
    # GNOME's own window buttons (a close button), as a GNOME session sets
    # them; Xvfb has no settings daemon.
    os.makedirs(os.path.join(profile, "config", "gtk-4.0"), exist_ok=True)
    with open(os.path.join(profile, "config", "gtk-4.0", "settings.ini"), "w") as ini:
        ini.write("[Settings]\ngtk-decoration-layout=:close\n")
    for key, value in (("window-width", width), ("window-height", height)):
        subprocess.run(["gsettings", "set", "eu.clustercollaboration.Desk", key, str(value)],
                       env=env, check=True)
    proc = subprocess.Popen([os.path.join(BUILD, "src/app/eccp-desk")] + args, env=env)
    app = wait_for("eccp-desk on the accessibility bus", lambda: root.application("eccp-desk"))
    return proc, app


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


# GTK 4.8 names roles loosely: a menu button is a toggle button, a search
# entry an entry or a text.
ROLES = {"push button": ("push button", "toggle button"), "text": ("text", "entry")}


def find(app, role, name, timeout=20):
    roles = ROLES.get(role, (role,))
    return wait_for("%s “%s”" % (role, name),
                    lambda: app.findChild(lambda n: n.roleName in roles and n.name == name,
                                          retry=False, requireResult=False),
                    timeout)


def find_prefix(app, role, prefix, timeout=60):
    roles = ROLES.get(role, (role,))
    return wait_for("%s starting “%s”" % (role, prefix),
                    lambda: app.findChild(lambda n: n.roleName in roles and n.name.startswith(prefix),
                                          retry=False, requireResult=False),
                    timeout)


def press(node):
    """Clicks @node, or the first thing inside it that clicks (a menu
    button's own button)."""
    for candidate in [node] + node.findChildren(lambda n: True, recursive=True):
        if "click" in candidate.actions:
            candidate.doActionNamed("click")
            return
    raise SystemExit("screenshots: nothing to click in " + node.name)


def print_grid(app, documents, name):
    press(find(app, "push button", "Print"))
    wait_for("the Whole Grid item",
             lambda: app.findChild(lambda n: n.name == "Whole Grid" and n.roleName != "label",
                                   retry=False, requireResult=False)).doActionNamed("click")
    dialog = wait_for("the print dialog", lambda: [w for w in app.children if w.name == "Print"][0])
    # Without CUPS the file printer is the only one: choose it, print.
    printer = wait_for("the Print to File printer",
                       lambda: dialog.findChild(lambda n: n.roleName == "label" and n.name == "Print to File",
                                                retry=False, requireResult=False))
    try:
        printer.parent.parent.select()  # its row, in the list's selection
    except Exception:
        pass
    time.sleep(1)
    # GTK 4.8 names it with its mnemonic label's words too: "_Print Print"
    find_prefix(dialog, "push button", "_Print", timeout=10).doActionNamed("click")
    pdf = wait_for("the PDF", lambda: [os.path.join(documents, f) for f in os.listdir(documents)
                                       if f.endswith(".pdf") and os.path.getsize(os.path.join(documents, f)) > 0][0],
                   timeout=60)
    time.sleep(2)  # written to the end
    out = os.path.join(OUT, name)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", "1", "-l", "1", pdf, out[:-4]],
                   check=True)
    print("screenshots: " + out)


def portal(url, method="GET", path="", body=None, headers=None, token=TOKEN):
    request = urllib.request.Request(url + path, method=method,
                                     data=json.dumps(body).encode() if body else None)
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Content-Type", "application/vnd.api+json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def calls_shots():
    """12. Calls by their next cut-off with their badges, and a call with
    four cut-offs: the demo data read on a fixed morning (the app's clock,
    ECCP_DESK_NOW) by someone in Lisbon, an hour behind the calls'
    Brussels time."""
    app_proc, app = start_app(["--demo"], os.path.join(tmp, "calls"), WIDTH, HEIGHT,
                              extra_env={"ECCP_DESK_NOW": "2026-12-10T09:30:00+01:00",
                                         "TZ": "Europe/Lisbon",
                                         # amounts grouped as a real locale groups them
                                         "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"})
    try:
        find(app, "text", "Search Clusters", timeout=120)
        rawinput.keyCombo("<Alt>4")
        search = find(app, "text", "Search Calls")
        find_prefix(app, "label", "Closes today at")
        search.click()
        rawinput.pressKey("Return")
        time.sleep(1)
        shot("calls.png")
        rawinput.keyCombo("<Control>f")
        search.click()
        rawinput.typeText("wood building demonstration")
        time.sleep(1.5)
        rawinput.pressKey("Return")
        find_prefix(app, "label", "Next cut-off in")
        time.sleep(1)
        shot("call.png")
    finally:
        stop(app_proc)


# ECCP_SHOTS=calls: only the steps named (the others need the portal's sync)
ONLY = [step for step in os.environ.get("ECCP_SHOTS", "").split(",") if step]
if ONLY:
    try:
        if "calls" in ONLY:
            calls_shots()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0)

portal_proc, url = start_portal()
try:
    # 1. The list and a record: the app syncs the demo portal first.
    profile = os.path.join(tmp, "main")
    app_proc, app = start_app(["--portal", url], profile)
    find_prefix(app, "push button", "Up to date", timeout=120)
    search = find(app, "text", "Search Clusters")
    search.click()
    rawinput.typeText("zeljko")
    time.sleep(1.5)
    rawinput.pressKey("Return")
    find(app, "label", "KLASTER POL-JOMEHANIZACIJE d.o.o.")
    shot("clusters.png")

    # 2. A partnership with its member clusters, as links.
    rawinput.keyCombo("<Alt>2")
    time.sleep(1)
    search = find(app, "text", "Search Partnerships")
    search.click()
    rawinput.typeText("EACP")
    time.sleep(1.5)
    rawinput.pressKey("Return")
    time.sleep(1)
    shot("detail.png")

    # 3. The editor, on the cluster, offline.
    rawinput.keyCombo("<Alt>1")
    time.sleep(1)
    rawinput.keyCombo("<Control>e")
    editor = wait_for("the editor", lambda: [w for w in app.children if w.name == "Edit Cluster"][0])
    description = find(editor, "text", "Description")
    # Through AT-SPI's editable text: GTK 4.8 under Xvfb reports no screen
    # positions, so a click would land elsewhere.
    description.text = "Agricultural machinery makers of Vojvodina, edited on a train."
    shot("editor.png")

    # 4. A conflict: offline, the edit is saved; the portal changes the same
    # field; back online, the Changes view asks.
    subprocess.run(["gsettings", "set", "eu.clustercollaboration.Desk", "work-offline", "true"],
                   env=dict(os.environ, XDG_CONFIG_HOME=os.path.join(profile, "config"),
                            GSETTINGS_SCHEMA_DIR=os.path.join(BUILD, "data"),
                            GSETTINGS_BACKEND="keyfile"), check=True)
    rawinput.keyCombo("<Control>s")
    find_prefix(app, "push button", "Offline — 1 change waiting")
    cluster_id = subprocess.run([os.path.join(BUILD, "src/cli/eccp"), "list", "cluster", "--search",
                                 "zeljko erkapic", "--json"],
                                env=dict(os.environ, ECCP_DB=os.path.join(profile, "store.db")),
                                capture_output=True, text=True, check=True)
    cluster_id = re.search(r'"id"\s*:\s*"([0-9a-f-]{36})"', cluster_id.stdout).group(1)
    current = portal(url, path="/cluster/" + cluster_id)
    portal(url, "PATCH", "/cluster/" + cluster_id,
           {"data": {"type": "cluster", "id": cluster_id,
                     "attributes": {"description": "Changed on the portal by the staff, meanwhile."}}},
           {"If-Match": '"%d"' % current["data"]["meta"]["rev"]})
    subprocess.run(["gsettings", "set", "eu.clustercollaboration.Desk", "work-offline", "false"],
                   env=dict(os.environ, XDG_CONFIG_HOME=os.path.join(profile, "config"),
                            GSETTINGS_SCHEMA_DIR=os.path.join(BUILD, "data"),
                            GSETTINGS_BACKEND="keyfile"), check=True)
    find_prefix(app, "push button", "1 change needs you", timeout=60)
    rawinput.keyCombo("<Alt>5")
    shot("changes.png")
    resolve = find_prefix(app, "push button", "Resolve conflict in")
    resolve.doActionNamed("click")
    time.sleep(1)
    shot("conflict.png")
    dialog = wait_for("the conflict dialog", lambda: [w for w in app.children if w.name == "Resolve Conflict"][0])
    find(dialog, "push button", "Resolve").doActionNamed("click")
    find_prefix(app, "push button", "Up to date", timeout=60)
    stop(app_proc)

    # 5. The first run.
    app_proc, app = start_app([], os.path.join(tmp, "fresh"))
    find(app, "push button", "Explore Demo Data")
    shot("welcome.png")
    stop(app_proc)

    # 6. Narrow: 360 px, the leaflet folded, the view switcher at the bottom.
    app_proc, app = start_app(["--portal", url], profile, 360, 720)
    find_prefix(app, "push button", "", timeout=60)
    time.sleep(3)
    shot("narrow.png", 360, 720)
    stop(app_proc)

    # 7. Review: the cluster's manager rewrites part of the profile, drops
    # the website and submits it; staff see it in their queue, with the
    # checklist and the diff against the published profile.
    def patch(body, token):
        current = portal(url, path="/cluster/" + cluster_id, token=token)
        body["data"].update({"type": "cluster", "id": cluster_id})
        return portal(url, "PATCH", "/cluster/" + cluster_id, body,
                      {"If-Match": '"%d"' % current["data"]["meta"]["rev"]}, token=token)

    patch({"data": {"attributes": {
        "website": None, "city": "Novi Sad (Futog)", "members": {"sme": 41, "large": 6, "research": 5},
        "ecosystems": ["Agri-food", "Digital", "Mobility-Transport-Automotive"],
        "description": "Makers of agricultural machinery in Vojvodina, from family workshops to "
                       "exporters, with the faculties of Novi Sad: precision farming, "
                       "repair and common purchasing."}}}, MANAGER)
    patch({"data": {"meta": {"moderation_state": "needs_review"}}}, MANAGER)
    app_proc, app = start_app(["--portal", url], profile, WIDTH, 800)
    find_prefix(app, "push button", "Up to date", timeout=120)
    rawinput.keyCombo("<Alt>6")
    search = find(app, "text", "Search the review queue")
    search.click()
    rawinput.typeText("klaster")
    time.sleep(1.5)
    rawinput.pressKey("Return")
    find(app, "push button", "Request changes")
    shot("review.png", WIDTH, 800)
    # The word diff of the description: Tab to its row, which scrolls the
    # detail to it.
    row = find_prefix(app, "list item", "Description")
    for _ in range(60):
        if row.focused:
            break
        rawinput.pressKey("Tab")
        time.sleep(0.1)
    shot("diff.png", WIDTH, 800)
    stop(app_proc)

    # 8. The manager's side: staff asked for the website.
    patch({"data": {"meta": {"moderation_state": "changes_requested",
                             "review_comment": "The website is missing: the portal links every "
                                               "published profile to one. Please add it and submit again."}}},
          TOKEN)
    app_proc, app = start_app(["--portal", url], os.path.join(tmp, "manager"), WIDTH, 800, MANAGER)
    find_prefix(app, "push button", "Up to date", timeout=120)
    find(app, "label", "Your clusters")
    search = find(app, "text", "Search Clusters")
    search.click()
    rawinput.typeText("zeljko")
    time.sleep(1.5)
    rawinput.pressKey("Return")
    find(app, "push button", "Submit for review")
    shot("manager.png", WIDTH, 800)
    stop(app_proc)

    # 9. The event team at the door: venue mode, a few people in.
    venue_profile = os.path.join(tmp, "venue")
    documents = os.path.join(venue_profile, "documents")
    # Where "Print to File" saves (the user's Documents folder), step 11
    os.makedirs(os.path.join(venue_profile, "config"), exist_ok=True)
    os.makedirs(documents, exist_ok=True)
    with open(os.path.join(venue_profile, "config", "user-dirs.dirs"), "w") as dirs:
        dirs.write('XDG_DOCUMENTS_DIR="%s"\n' % documents)
    app_proc, app = start_app(["--portal", url], venue_profile, 1280, 800, EVENT_TEAM)
    find_prefix(app, "push button", "Up to date", timeout=120)
    rawinput.keyCombo("<Alt>3")
    search = find(app, "text", "Search Events")
    search.click()
    rawinput.typeText("matchmaking 2018 brussels")
    time.sleep(1.5)
    rawinput.pressKey("Return")
    find_prefix(app, "push button", "Venue").doActionNamed("click")
    find(app, "text", "Search attendees")
    for name in ("lukasz", "kathe koh", "soren", "jerome"):
        rawinput.typeText(name)
        time.sleep(1.0)
        rawinput.pressKey("Return")
        time.sleep(0.8)
    rawinput.keyCombo("<Control>a")
    rawinput.pressKey("BackSpace")
    time.sleep(1.5)
    shot("venue.png", 1280, 800)
    rawinput.pressKey("Escape")
    time.sleep(1)

    # 10. The same event's bilateral meetings, tables across, slots down.
    find_prefix(app, "push button", "Meetings").doActionNamed("click")
    find_prefix(app, "label", "Times in", timeout=60)
    time.sleep(6)  # the last check-in's toast goes
    shot("meetings.png", 1280, 800)

    # 11. The whole grid printed through GTK's print dialog, its "Print to
    # File" printer saving a PDF; its first page as an image.
    print_grid(app, documents, "print.png")
    stop(app_proc)

    calls_shots()
finally:
    stop(portal_proc)
    shutil.rmtree(tmp, ignore_errors=True)
