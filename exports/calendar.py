"""The review schedule as an `.ics` file any calendar program imports (ARCHITECTURE.md, Outputs, `export --ics`).

Meetings are stored as naive local wall-clock times. When the system names its time zone (an IANA
name such as Europe/Berlin) they are written with that TZID and a VTIMEZONE, so a check-in at 09:30
stays at 09:30 across a daylight-saving change in every calendar. Otherwise each time is converted
to UTC with the system's own rules, which is still correct, just less readable in the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone

from workshop.atomic_file import write_atomically
from workshop.control_chars import one_line, without_controls
from workshop.errors import ReadableError
from workshop.schedule import meeting_reminder, meeting_template, parse_starts_at

PRODID = "-//OKR Workshop//EN"
UID_DOMAIN = "okr-workshop"
# Fixed forever: a new namespace would give every meeting a new UID, so re-importing the file
# would duplicate the whole schedule in the team's calendars instead of updating it.
_UID_NAMESPACE = uuid.UUID("736d4211-e091-4679-997c-8256ecda4f6c")
_UTC_ZONE_NAMES = frozenset({"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal",
                             "Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0",
                             "Etc/GMT-0", "Etc/Greenwich", "Greenwich"})


def build_calendar(snapshot: Any, tz: tzinfo | None = None, *, now: datetime | None = None) -> bytes:
    """The `.ics` bytes for the snapshot's review events, one VEVENT each.

    `tz` is the zone the stored wall-clock times belong to; by default the system's zone.
    `now` stamps the events (DTSTAMP) and exists so tests can pin it.
    """
    zone = tz if tz is not None else local_timezone()
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    details = snapshot.details
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")  # Outlook treats a calendar without METHOD as a meeting request
    reminder = meeting_reminder()
    event_days = []
    for row_number, review in enumerate(snapshot.review_events, start=1):
        starts_at = _start_of(review, row_number)
        event_days.append(starts_at.date())
        try:
            calendar.add_component(_event(details, review, row_number, starts_at, zone, stamp, reminder))
        except OverflowError:  # the check refuses such files; an unchecked snapshot still gets a sentence
            raise ValueError(f"Meeting {row_number} of the review schedule cannot be exported: "
                             "it ends beyond any calendar's dates.") from None
    if _writes_tzid(zone) and event_days:
        # Transitions of the years the meetings span only: a VTIMEZONE from 1970 would be
        # hundreds of lines that no calendar needs.
        first, last = date(min(event_days).year, 1, 1), date(min(max(event_days).year + 2, 9999), 1, 1)
        calendar.subcomponents.insert(0, Timezone.from_tzinfo(zone, zone.key, first, last))
    return calendar.to_ical()


def write_calendar(snapshot: Any, path: Path | str, tz: tzinfo | None = None,
                   *, now: datetime | None = None) -> None:
    """Write the `.ics` file atomically: a reader sees the old file or the whole new one, never half."""
    _write_atomically(Path(path), build_calendar(snapshot, tz, now=now))


def local_timezone() -> ZoneInfo | None:
    """The system's named time zone, or None when the system does not say which one it is.

    Looked up in the TZ variable, then the /etc/localtime link, then /etc/timezone (Debian).
    """
    for name in _zone_name_candidates():
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def event_uid(details: Any, event_key: object) -> str:
    """A UID that stays the same across exports of the same workshop, so re-imports update events,
    even after the workshop, its team or its period is renamed: it rests on the workshop's uid."""
    identity = "\x1f".join((details.uid, str(event_key)))
    return f"{uuid.uuid5(_UID_NAMESPACE, identity)}@{UID_DOMAIN}"


def event_description(kind: str, reminder: str) -> str:
    """What the meeting is for, its agenda, and the reminder to update key results beforehand."""
    template = meeting_template(kind)
    parts = [template.get("purpose", "").strip()]
    agenda = [line.strip() for line in template.get("agenda", ()) if line.strip()]
    if agenda:
        parts.append("Agenda:\n" + "\n".join(f"- {line}" for line in agenda))
    parts.append(reminder.strip())
    return "\n\n".join(part for part in parts if part)


def _event(details: Any, review: Any, row_number: int, starts_at: datetime, zone: tzinfo | None,
           stamp: datetime, reminder: str) -> Event:
    # One line each: a CR, LF or separator in a title must not reach the .ics (or the calendar's UI).
    title = one_line(review.title or "").strip() or meeting_template(review.kind)["name"]
    team = one_line(details.team or "").strip()
    start = _aware(starts_at, zone)
    event = Event()
    # Unsaved rows have no id yet; their position is the next most stable identity.
    event.add("uid", event_uid(details, review.id if review.id is not None else f"row-{row_number}"))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", _aware(starts_at + timedelta(minutes=max(review.minutes, 0)), zone))
    event.add("summary", f"{title} — {team}" if team else title)
    description = event_description(review.kind, reminder)
    if description:
        event.add("description", without_controls(description))
    event.add("categories", [review.kind])
    return event


def _start_of(review: Any, row_number: int) -> datetime:
    try:
        return parse_starts_at(review.starts_at)
    except ValueError as error:
        raise ValueError(f"Meeting {row_number} of the review schedule cannot be exported: {error}") from None


def _writes_tzid(zone: tzinfo | None) -> bool:
    """Whether times go out as TZID wall-clock times (a named zone) rather than as UTC."""
    return isinstance(zone, ZoneInfo) and bool(zone.key) and zone.key not in _UTC_ZONE_NAMES


def _aware(wall_clock: datetime, zone: tzinfo | None) -> datetime:
    if _writes_tzid(zone):
        return wall_clock.replace(tzinfo=zone)
    if zone is None:
        # A naive datetime's astimezone() applies the system's own rules, daylight saving
        # included, which a fixed offset taken from datetime.now() would get wrong after a change.
        return wall_clock.astimezone(timezone.utc)
    return wall_clock.replace(tzinfo=zone).astimezone(timezone.utc)


def _zone_name_candidates() -> list[str]:
    names = []
    tz_variable = os.environ.get("TZ", "").strip().removeprefix(":")
    if tz_variable:
        names.append(_zone_name_from_path(tz_variable) if tz_variable.startswith("/") else tz_variable)
    with contextlib.suppress(OSError):
        names.append(_zone_name_from_path(os.path.realpath("/etc/localtime")))
    with contextlib.suppress(OSError, UnicodeDecodeError):
        names.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    return [name for name in names if name]


def _zone_name_from_path(path: str) -> str:
    """The zone name in a tz database path: /usr/share/zoneinfo/Europe/Berlin -> Europe/Berlin."""
    marker = "/zoneinfo/"
    if marker not in path:
        return ""
    name = path.rsplit(marker, 1)[1]
    for prefix in ("posix/", "right/"):
        name = name.removeprefix(prefix)
    return name


def _write_atomically(path: Path, data: bytes) -> None:
    """The file whole or not at all (see `workshop.atomic_file`); a failure is one sentence naming
    the calendar file asked for, never the temporary one."""
    try:
        write_atomically(path, lambda handle: handle.write(data))
    except OSError as error:
        raise _unwritable(error, path) from None


class CalendarWriteError(ReadableError, OSError):
    """The .ics file could not be written; `str(error)` is one sentence naming it."""


def _unwritable(error: OSError, path: Path) -> CalendarWriteError:
    if error.errno == errno.ENOSPC:
        explained = CalendarWriteError(f"{path.name} could not be written because the disk is full; "
                                       "free some space and try again.")
    else:
        explained = CalendarWriteError(f"{path.name} could not be written ({error.strerror or error}); "
                                       "choose another folder.")
    explained.errno = error.errno  # a single-argument OSError keeps str() to the sentence alone
    return explained
