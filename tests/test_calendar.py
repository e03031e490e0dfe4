"""The `.ics` export: every meeting once, stable UIDs, exact wall-clock times, atomic writes (ARCHITECTURE.md,
Outputs).
"""

from __future__ import annotations

import os
import time as time_module
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from exports import calendar as calendar_export
from exports.calendar import build_calendar, event_uid, local_timezone, write_calendar
from workshop import models
from workshop.models import MONTHLY, OTHER, RETROSPECTIVE, WEEKLY
from workshop.schedule import meeting_reminder, meeting_template, parse_starts_at
from workshop.snapshot import build_snapshot

BERLIN = ZoneInfo("Europe/Berlin")
PINNED_NOW = datetime(2026, 12, 10, 8, 0, tzinfo=timezone.utc)


WORKSHOP_UID = "5f0c3c2e9d7b4a51a0f3b1e2c4d6e8fa"


def make_snapshot(team: str = "Plattform-Team Süd", events: list[models.ReviewEvent] | None = None,
                  uid: str = WORKSHOP_UID, title: str = "OKR-Workshop Q1"):
    details = models.Workshop(id=1, title=title, team=team, period_label="2027-Q1",
                              period_start="2027-01-01", period_end="2027-03-31", uid=uid)
    return build_snapshot({models.Workshop: [details], models.ReviewEvent: events or review_events()})


def review_events() -> list[models.ReviewEvent]:
    rows = [
        (WEEKLY, "Wöchentlicher Check-in", "2027-01-04T09:30", 30),
        (MONTHLY, "Monatsreview — Größen ✓", "2027-02-02T14:00", 60),
        (OTHER, "Ελληνικά, Кириллица; 日本語", "2027-03-15T16:00", 45),
        # After Europe/Berlin switches to summer time on 28 March 2027.
        (WEEKLY, "Wöchentlicher Check-in", "2027-03-29T09:30", 30),
        (RETROSPECTIVE, "", "2027-03-31T14:00", 90),
    ]
    return [models.ReviewEvent(id=number, kind=kind, title=title, starts_at=starts_at, minutes=minutes)
            for number, (kind, title, starts_at, minutes) in enumerate(rows, start=1)]


def parsed_events(ics: bytes) -> list:
    return Calendar.from_ical(ics).walk("VEVENT")


def test_calendar_header():
    calendar = Calendar.from_ical(build_calendar(make_snapshot(), BERLIN, now=PINNED_NOW))
    assert str(calendar["prodid"]) == "-//OKR Workshop//EN"
    assert str(calendar["version"]) == "2.0"


def test_one_event_per_review_event_with_unique_uids():
    events = parsed_events(build_calendar(make_snapshot(), BERLIN, now=PINNED_NOW))
    assert len(events) == len(review_events())
    uids = [str(event["uid"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@okr-workshop") for uid in uids)


def test_uids_are_stable_across_builds_and_renames_and_belong_to_one_workshop():
    first = [str(e["uid"]) for e in parsed_events(build_calendar(make_snapshot(), BERLIN, now=PINNED_NOW))]
    later = PINNED_NOW + timedelta(days=3)
    second = [str(e["uid"]) for e in parsed_events(build_calendar(make_snapshot(), BERLIN, now=later))]
    assert first == second
    renamed = make_snapshot("Team Nord", title="Quarterly OKRs")  # the same workshop, renamed
    assert [str(e["uid"]) for e in parsed_events(build_calendar(renamed, BERLIN, now=later))] == first
    other_workshop = parsed_events(build_calendar(make_snapshot(uid="0" * 32), BERLIN))
    assert not set(first) & {str(e["uid"]) for e in other_workshop}


def test_wall_clock_times_and_durations_round_trip():
    events = parsed_events(build_calendar(make_snapshot(), BERLIN, now=PINNED_NOW))
    for stored, event in zip(review_events(), events, strict=True):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert event["dtstart"].params["TZID"] == "Europe/Berlin"
        assert start.replace(tzinfo=None) == parse_starts_at(stored.starts_at)
        assert end - start == timedelta(minutes=stored.minutes)
    after_switch = events[3].decoded("dtstart")
    assert after_switch.utcoffset() == timedelta(hours=2)
    assert after_switch.astimezone(timezone.utc) == datetime(2027, 3, 29, 7, 30, tzinfo=timezone.utc)
    assert events[0].decoded("dtstart").astimezone(timezone.utc).hour == 8  # winter time, +01:00


def test_the_zone_is_described_in_a_vtimezone():
    calendar = Calendar.from_ical(build_calendar(make_snapshot(), BERLIN, now=PINNED_NOW))
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert calendar.get_missing_tzids() == set()


def test_summary_description_categories_and_stamp():
    events = parsed_events(build_calendar(make_snapshot(), BERLIN, now=PINNED_NOW))
    assert str(events[1]["summary"]) == "Monatsreview — Größen ✓ — Plattform-Team Süd"
    assert str(events[4]["summary"]) == f"{meeting_template(RETROSPECTIVE)['name']} — Plattform-Team Süd"
    for stored, event in zip(review_events(), events, strict=True):
        description = str(event["description"])
        assert meeting_reminder() in description
        for line in meeting_template(stored.kind)["agenda"]:
            assert line in description
        assert [str(category) for category in event.categories] == [stored.kind]
        assert event.decoded("dtstamp") == PINNED_NOW
    assert meeting_template(WEEKLY)["purpose"] in str(events[0]["description"])


def test_summary_without_a_team_is_the_title_alone():
    events = parsed_events(build_calendar(make_snapshot(team=""), BERLIN, now=PINNED_NOW))
    assert str(events[0]["summary"]) == "Wöchentlicher Check-in"


def test_utc_zone_writes_utc_times_without_a_vtimezone():
    calendar = Calendar.from_ical(build_calendar(make_snapshot(), ZoneInfo("Etc/UTC"), now=PINNED_NOW))
    assert calendar.walk("VTIMEZONE") == []
    assert calendar.walk("VEVENT")[0].decoded("dtstart") == datetime(2027, 1, 4, 9, 30, tzinfo=timezone.utc)


def test_a_fixed_offset_zone_is_written_as_utc():
    plus_one = timezone(timedelta(hours=1))
    event = parsed_events(build_calendar(make_snapshot(), plus_one, now=PINNED_NOW))[0]
    assert event.decoded("dtstart") == datetime(2027, 1, 4, 8, 30, tzinfo=timezone.utc)


@pytest.mark.skipif(not hasattr(time_module, "tzset"), reason="needs time.tzset to change the system zone")
def test_an_unnamed_system_zone_still_follows_its_daylight_saving_rules(monkeypatch):
    monkeypatch.setattr(calendar_export, "local_timezone", lambda: None)
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")  # Berlin's rules, without a zone name
    time_module.tzset()
    try:
        events = parsed_events(build_calendar(make_snapshot(), now=PINNED_NOW))
    finally:
        monkeypatch.undo()
        time_module.tzset()
    assert events[0].decoded("dtstart") == datetime(2027, 1, 4, 8, 30, tzinfo=timezone.utc)
    assert events[3].decoded("dtstart") == datetime(2027, 3, 29, 7, 30, tzinfo=timezone.utc)


def test_the_system_zone_is_found_by_name(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert local_timezone() == BERLIN
    monkeypatch.setenv("TZ", ":/usr/share/zoneinfo/posix/America/New_York")
    assert local_timezone() == ZoneInfo("America/New_York")


def test_uid_is_derived_from_workshop_identity_and_event_id():
    details = make_snapshot().details
    assert event_uid(details, 7) == event_uid(details, 7)
    assert event_uid(details, 7) != event_uid(details, 8)


def test_an_unreadable_start_is_refused_with_a_sentence():
    events = review_events()
    events[1].starts_at = "2027-02-30T14:00"
    refusal = r"^Meeting 2 of the review schedule cannot be exported: .*not a real date"
    with pytest.raises(ValueError, match=refusal):
        build_calendar(make_snapshot(events=events), BERLIN)


def test_written_file_parses_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "reviews.ics"
    target.write_bytes(b"an older export")
    write_calendar(make_snapshot(), target, BERLIN, now=PINNED_NOW)
    assert os.listdir(tmp_path) == ["reviews.ics"]
    assert len(parsed_events(target.read_bytes())) == len(review_events())
    assert target.read_bytes() == build_calendar(make_snapshot(), BERLIN, now=PINNED_NOW)


def test_a_failed_write_keeps_the_old_file_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "reviews.ics"
    target.write_bytes(b"an older export")

    def refuse(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(calendar_export.os, "replace", refuse)
    with pytest.raises(OSError):
        write_calendar(make_snapshot(), target, BERLIN)
    assert os.listdir(tmp_path) == ["reviews.ics"]
    assert target.read_bytes() == b"an older export"
