#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The ECCP Desk developers
"""`eccp export call|event --format ics`, read by a second parser.

The calendar is written with libical (src/core/eccp-ical.c); here Python's
`icalendar` (Debian's python3-icalendar) reads it, on the demo store, and
checks it against the same records exported as JSON:

- every call has a VEVENT per cut-off, UID "<id>-cutoff-<n>@eccp-desk"
  (earliest first), DTSTART the cut-off's instant;
- every event a VEVENT, UID "<id>@eccp-desk", DTSTART and DTEND its
  instants, TZID its `timezone`, and a VTIMEZONE for each TZID used;
- the VTIMEZONE itself gives the same instants, read here by hand with
  dateutil (what a calendar without its own zone data does);
- UIDs are unique, and the same in two exports;
- another type with --format ics is a usage error (exit 2).

Exit 77 (skipped) only when the icalendar module is missing.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import icalendar
    import dateutil.rrule
except ImportError as e:
    print(f"SKIP: no {e.name} module (Debian's python3-icalendar)")
    sys.exit(77)

eccp = os.environ.get("ECCP_CLI") or sys.argv[1]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def run(*args):
    result = subprocess.run([eccp, "--db", db, *args], capture_output=True, env=env)
    if result.returncode != 0:
        sys.exit(f"eccp {' '.join(args)}: exit {result.returncode}: "
                 f"{result.stderr.decode(errors='replace')}")
    return result.stdout


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def transitions(vtimezone):
    """(local onset, offset after) of every observance up to 2040, sorted.

    RFC 5545 puts an observance's RRULE UNTIL in UTC while its DTSTART is
    local; dateutil takes both one way, so UNTIL is moved to the local
    time before the change (UTC + TZOFFSETFROM)."""
    found = []
    for observance in vtimezone.subcomponents:
        start = observance["DTSTART"].dt
        before = observance["TZOFFSETFROM"].td
        after = observance["TZOFFSETTO"].td
        if "RRULE" in observance:
            rule = dict(observance["RRULE"])
            until = rule.pop("UNTIL", [None])[0]
            text = icalendar.vRecur(rule).to_ical().decode()
            recurrence = dateutil.rrule.rrulestr(text, dtstart=start)
            last = (until.replace(tzinfo=None) + before if until is not None
                    else datetime.datetime(2040, 1, 1))
            found += [(onset, after) for onset in recurrence.between(start, last, inc=True)]
        else:
            found.append((start, after))
        rdates = observance.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            found += [(leaf.dt, after) for leaf in rdate.dts]
    return sorted(found)


def by_vtimezone(prop, zones):
    """The instant of a DTSTART/DTEND with TZID, read with its VTIMEZONE"""
    local = prop.dt.replace(tzinfo=None)
    offset = None
    for onset, after in zones[str(prop.params["TZID"])]:
        if onset <= local:
            offset = after
    if offset is None:
        return None
    return (local - offset).replace(tzinfo=datetime.timezone.utc)


def check(kind, records, texts):
    calendars = [icalendar.Calendar.from_ical(text) for text in texts]
    uid_lists = [[str(e["UID"]) for e in c.walk("VEVENT")] for c in calendars]

    if uid_lists[0] != uid_lists[1]:
        fail(f"{kind}: the UIDs differ between two exports")
    if len(set(uid_lists[0])) != len(uid_lists[0]):
        fail(f"{kind}: {len(uid_lists[0]) - len(set(uid_lists[0]))} UIDs used twice")

    calendar = calendars[0]
    for prop, value in (("PRODID", "-//ECCP Desk//EN"), ("VERSION", "2.0"), ("METHOD", "PUBLISH")):
        if str(calendar.get(prop)) != value:
            fail(f"{kind}: {prop} is {calendar.get(prop)!r}, not {value!r}")

    zones = {str(z["TZID"]): transitions(z) for z in calendar.walk("VTIMEZONE")}
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    expected = {}
    for record in records:
        attributes = record["attributes"]
        if kind == "call":
            deadlines = sorted(instant(d) for d in attributes.get("deadlines") or [])
            for n, deadline in enumerate(deadlines, 1):
                expected[f"{record['id']}-cutoff-{n}@eccp-desk"] = (record, deadline, None)
        elif attributes.get("starts_at"):
            expected[f"{record['id']}@eccp-desk"] = (record, instant(attributes["starts_at"]),
                                                     instant(attributes["ends_at"]))

    if set(expected) != set(events):
        fail(f"{kind}: {len(set(expected) - set(events))} entries missing, "
             f"{len(set(events) - set(expected))} not from a record")

    used_zones = set()
    for uid, (record, start, end) in expected.items():
        event = events.get(uid)
        if event is None:
            continue
        title = record["attributes"]["title"]
        if event["DTSTART"].dt != start:
            fail(f"{uid}: DTSTART {event['DTSTART'].dt} is not {start}")
        if event.get("SEQUENCE") != record.get("meta", {}).get("rev", 0):
            fail(f"{uid}: SEQUENCE {event.get('SEQUENCE')} is not the rev")
        if kind == "call":
            if not str(event["SUMMARY"]).startswith("Deadline: " + title):
                fail(f"{uid}: SUMMARY {event['SUMMARY']!r}")
            if "DTEND" in event:
                fail(f"{uid}: a cut-off is an instant, with no DTEND")
            if event["DTSTART"].dt.utcoffset() != datetime.timedelta(0):
                fail(f"{uid}: a cut-off is written in UTC")
            if record["attributes"].get("url") and str(event.get("URL")) != record["attributes"]["url"]:
                fail(f"{uid}: URL {event.get('URL')!r}")
            continue

        if str(event["SUMMARY"]) != title:
            fail(f"{uid}: SUMMARY {event['SUMMARY']!r}")
        if event["DTEND"].dt != end:
            fail(f"{uid}: DTEND {event['DTEND'].dt} is not {end}")
        zone = record["attributes"].get("timezone")
        tzid = event["DTSTART"].params.get("TZID")
        if zone and tzid != zone:
            fail(f"{uid}: TZID {tzid!r} is not the event's {zone!r}")
        if event["DTEND"].params.get("TZID") != tzid:
            fail(f"{uid}: DTSTART and DTEND in two zones")
        if tzid is None:
            continue
        used_zones.add(tzid)
        if tzid not in zones:
            fail(f"{uid}: no VTIMEZONE for {tzid}")
            continue
        for prop, when in (("DTSTART", start), ("DTEND", end)):
            if by_vtimezone(event[prop], zones) != when:
                fail(f"{uid}: the VTIMEZONE of {tzid} reads {prop} as "
                     f"{by_vtimezone(event[prop], zones)}, not {when}")
        url = record["attributes"].get("registration_url")
        if url and str(event.get("URL")) != url:
            fail(f"{uid}: URL {event.get('URL')!r}")
        city = record["attributes"].get("city")
        if city and city not in str(event.get("LOCATION")):
            fail(f"{uid}: LOCATION {event.get('LOCATION')!r} without {city}")

    if kind == "event" and set(zones) != used_zones:
        fail(f"event: VTIMEZONEs {sorted(set(zones) - used_zones)} that no event uses")
    print(f"{kind}: {len(records)} records, {len(events)} VEVENTs, {len(zones)} VTIMEZONEs")
    return len(events)


folder = tempfile.mkdtemp(prefix="eccp-check-ics-")
try:
    db = os.path.join(folder, "store.db")
    env = dict(os.environ, XDG_DATA_HOME=folder, XDG_CONFIG_HOME=folder, LC_ALL="C.UTF-8")
    run("demo")
    n = 0
    for kind in ("call", "event"):
        records = json.loads(run("export", kind))
        texts = [run("export", kind, "--format", "ics") for _ in range(2)]
        if not records:
            fail(f"{kind}: the demo store has none")
        n += check(kind, records, texts)
    if n == 0:
        fail("nothing exported")
    # Other types have no calendar: a usage error, exit 2, stdout empty
    for kind in ("cluster", "attendee"):
        result = subprocess.run([eccp, "--db", db, "export", kind, "--format", "ics"],
                                capture_output=True, env=env)
        if result.returncode != 2 or result.stdout or b"call or event" not in result.stderr:
            fail(f"export {kind} --format ics: exit {result.returncode}, {result.stderr!r}")
finally:
    shutil.rmtree(folder, ignore_errors=True)

sys.exit(1 if failures else 0)
