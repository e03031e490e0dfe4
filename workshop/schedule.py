"""The review cadence of step 5: generate a period's meetings, check an edited schedule (ARCHITECTURE.md, The workshop).

Everything here is pure arithmetic on naive local dates and times: a weekly check-in "at 09:30"
stays at 09:30 on the wall clock across a daylight-saving change, and only the calendar export
decides which time zone that wall clock belongs to. Meeting names, purposes and agendas come from
`assets/meeting_templates.json`, so the text the team reads is kept apart from this logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Sequence

from assets import load_json
from workshop.models import MONTHLY, OTHER, RETROSPECTIVE, WEEKLY

TEMPLATES_FILE = "meeting_templates.json"
MAX_PERIOD_DAYS = 370  # a year plus slack for periods that start or end mid-week
STORED_FORMAT_EXAMPLE = "2027-01-04T09:30"

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_STARTS_AT_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_CLOCK_PATTERN = re.compile(r"\d{1,2}:\d{2}")
# Bigger meetings first, so equal start times sort the way a person would list them.
_KIND_ORDER = {RETROSPECTIVE: 0, MONTHLY: 1, WEEKLY: 2, OTHER: 3}


@dataclass(frozen=True)
class CadenceChoices:
    """What the team chose in step 5: weekday, time and length of each kind of meeting."""

    weekly_weekday: int
    weekly_time: time
    weekly_minutes: int
    monthly_weekday: int
    monthly_time: time
    monthly_minutes: int
    retro_minutes: int
    retro_time: time = time(14, 0)

    def __post_init__(self) -> None:
        for weekday in (self.weekly_weekday, self.monthly_weekday):
            if not 0 <= weekday <= 6:
                raise ValueError(f"{weekday} is not a weekday; use 0 for Monday up to 6 for Sunday.")
        for minutes in (self.weekly_minutes, self.monthly_minutes, self.retro_minutes):
            if minutes <= 0:
                raise ValueError(f"A meeting cannot last {minutes} minutes; give it at least one.")

    @classmethod
    def from_workshop(cls, details: Any) -> CadenceChoices:
        """The choices stored on a `Workshop` row or its snapshot record."""
        return cls(
            weekly_weekday=details.weekly_weekday,
            weekly_time=parse_clock_time(details.weekly_time),
            weekly_minutes=details.weekly_minutes,
            monthly_weekday=details.monthly_weekday,
            monthly_time=parse_clock_time(details.monthly_time),
            monthly_minutes=details.monthly_minutes,
            retro_minutes=details.retro_minutes,
        )


@dataclass(frozen=True)
class PlannedMeeting:
    """One generated meeting, before it becomes a `ReviewEvent` row; `starts_at` is naive local time."""

    kind: str
    title: str
    starts_at: datetime
    minutes: int

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class ScheduleWarning:
    """Something odd about one meeting of a schedule; `index` is its position in the list checked."""

    index: int
    message: str


# --- templates -------------------------------------------------------------------------------


def meeting_template(kind: str) -> dict:
    """The template (name, default_minutes, purpose, agenda) for a kind of meeting.

    Kinds without a template, such as "other", get a plain one with no agenda, so an ad-hoc
    meeting the team adds by hand still exports cleanly. The result is a copy the caller may change.
    """
    for template in load_json(TEMPLATES_FILE).get("templates", ()):
        if template.get("kind") == kind:
            return {**template, "agenda": list(template.get("agenda", ()))}
    return {"kind": kind, "name": "Review meeting", "default_minutes": 30, "purpose": "", "agenda": []}


def meeting_reminder() -> str:
    """The reminder that owners update their key results before each meeting."""
    return load_json(TEMPLATES_FILE).get("reminder", "")


# --- parsing and formatting the stored text ---------------------------------------------------


def parse_starts_at(text: str) -> datetime:
    """A stored "YYYY-MM-DDTHH:MM" (a space instead of the T is accepted) as a naive datetime."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValueError("The meeting has no start date and time.")
    if not _STARTS_AT_PATTERN.fullmatch(cleaned):
        raise ValueError(f"“{cleaned}” is not a date and time like {STORED_FORMAT_EXAMPLE}.")
    try:
        return datetime.strptime(cleaned.replace(" ", "T"), "%Y-%m-%dT%H:%M")
    except ValueError:
        raise ValueError(f"“{cleaned}” is not a real date and time.") from None


def format_starts_at(moment: datetime) -> str:
    """The stored text for a start: "YYYY-MM-DDTHH:MM" (seconds are dropped)."""
    return f"{moment.date().isoformat()}T{moment:%H:%M}"


def parse_clock_time(text: str) -> time:
    """A stored "HH:MM" as a time of day."""
    cleaned = (text or "").strip()
    if not _CLOCK_PATTERN.fullmatch(cleaned):
        raise ValueError(f"“{cleaned}” is not a time of day like 09:30.")
    hours, minutes = (int(part) for part in cleaned.split(":"))
    if hours > 23 or minutes > 59:
        raise ValueError(f"“{cleaned}” is not a real time of day.")
    return time(hours, minutes)


def period_of(details: Any) -> tuple[date, date]:
    """The workshop's OKR period as dates, with a sentence saying what to fix when it is not set."""
    dates = []
    for text, which in ((details.period_start, "start"), (details.period_end, "end")):
        try:
            dates.append(date.fromisoformat((text or "").strip()))
        except ValueError:
            raise ValueError(f"The OKR period has no valid {which} date; "
                             "set it in Preparation first.") from None
    return dates[0], dates[1]


def describe_day(day: date) -> str:
    """A day as people read it in a warning, independent of the system locale: "Sat 14 Feb 2027"."""
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


# --- generating ---------------------------------------------------------------------------------


def generate_schedule(period_start: date, period_end: date, choices: CadenceChoices) -> list[PlannedMeeting]:
    """Every meeting of the period, sorted by start.

    Weekly check-ins fall on the chosen weekday of every week; a monthly review on the first
    chosen weekday of each month; one retrospective on the period's last working day. A check-in
    on the same day as a bigger meeting is left out, because that meeting covers it; so is a
    monthly review on the retrospective's day.
    """
    check_period(period_start, period_end)
    retro_day = last_working_day(period_start, period_end)
    bigger_days = {retro_day} if retro_day else set()
    meetings = []
    if retro_day:
        meetings.append(_planned(RETROSPECTIVE, retro_day, choices.retro_time, choices.retro_minutes))
    for day in _first_weekdays_of_months(period_start, period_end, choices.monthly_weekday):
        if day not in bigger_days:
            meetings.append(_planned(MONTHLY, day, choices.monthly_time, choices.monthly_minutes))
            bigger_days.add(day)
    for day in _weekdays_between(period_start, period_end, choices.weekly_weekday):
        if day not in bigger_days:
            meetings.append(_planned(WEEKLY, day, choices.weekly_time, choices.weekly_minutes))
    return sorted(meetings, key=lambda m: (m.starts_at, _KIND_ORDER.get(m.kind, len(_KIND_ORDER))))


def check_period(period_start: date, period_end: date) -> None:
    """Refuse a period a schedule cannot sensibly be generated for."""
    if period_end < period_start:
        raise ValueError(f"The period ends on {describe_day(period_end)}, before it starts on "
                         f"{describe_day(period_start)}; check the start and end dates.")
    length_days = (period_end - period_start).days + 1
    if length_days > MAX_PERIOD_DAYS:
        raise ValueError(f"The period is {length_days} days long; a review schedule covers at most "
                         f"{MAX_PERIOD_DAYS} days, so split it into shorter periods.")


def last_working_day(period_start: date, period_end: date) -> date | None:
    """The last Monday-to-Friday day of the period, or None if the period is only a weekend."""
    day = period_end
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day if day >= period_start else None


def _planned(kind: str, day: date, at: time, minutes: int) -> PlannedMeeting:
    return PlannedMeeting(kind, meeting_template(kind)["name"], datetime.combine(day, at), minutes)


def _weekdays_between(period_start: date, period_end: date, weekday: int) -> list[date]:
    first = period_start + timedelta(days=(weekday - period_start.weekday()) % 7)
    return [first + timedelta(weeks=n) for n in range((period_end - first).days // 7 + 1)]


def _first_weekdays_of_months(period_start: date, period_end: date, weekday: int) -> list[date]:
    days = []
    month_start = period_start.replace(day=1)
    while month_start <= period_end:
        first = month_start + timedelta(days=(weekday - month_start.weekday()) % 7)
        if period_start <= first <= period_end:
            days.append(first)
        month_start = (month_start + timedelta(days=32)).replace(day=1)
    return days


# --- checking an edited schedule ---------------------------------------------------------------


def schedule_warnings(meetings: Sequence[Any], period_start: date, period_end: date) -> list[ScheduleWarning]:
    """What looks wrong in a schedule the facilitator edited, one sentence per finding.

    `meetings` may be `PlannedMeeting`s or `ReviewEvent` rows/records, whose `starts_at` is the
    stored text; a start that cannot be read is reported rather than raised, because the table
    being edited may hold a half-typed value.
    """
    warnings: list[ScheduleWarning] = []
    timed: list[tuple[int, datetime, datetime, str]] = []  # index, start, end, title
    for index, meeting in enumerate(meetings):
        try:
            starts_at = _start_of(meeting)
        except ValueError as error:
            warnings.append(ScheduleWarning(index, str(error)))
            continue
        day = starts_at.date()
        if day < period_start:
            warnings.append(ScheduleWarning(index, f"{describe_day(day)} is before the period starts "
                                                   f"({describe_day(period_start)})."))
        elif day > period_end:
            warnings.append(ScheduleWarning(index, f"{describe_day(day)} is after the period ends "
                                                   f"({describe_day(period_end)})."))
        if day.weekday() >= 5:
            warnings.append(ScheduleWarning(index, f"{describe_day(day)} falls on a weekend."))
        ends_at = starts_at + timedelta(minutes=max(meeting.minutes, 0))
        timed.append((index, starts_at, ends_at, _title_of(meeting)))
    warnings.extend(_overlaps(timed))
    return sorted(warnings, key=lambda warning: warning.index)


def _overlaps(timed: list[tuple[int, datetime, datetime, str]]) -> list[ScheduleWarning]:
    """One warning per overlapping pair, on the meeting that starts later, naming the earlier one."""
    found = []
    ordered = sorted(timed, key=lambda item: (item[1], item[0]))
    for position, (index, start, end, title) in enumerate(ordered):
        for _, earlier_start, earlier_end, earlier_title in ordered[:position]:
            # Touching meetings (one ends as the next begins) do not overlap; two starting
            # together always do, even if one was given no length.
            if (start < earlier_end and earlier_start < end) or start == earlier_start:
                other_when = (f"at {earlier_start:%H:%M}" if earlier_start.date() == start.date()
                              else f"on {describe_day(earlier_start.date())} at {earlier_start:%H:%M}")
                found.append(ScheduleWarning(
                    index, f"{title} on {describe_day(start.date())} at {start:%H:%M} overlaps "
                           f"{earlier_title} {other_when}."))
    return found


def _start_of(meeting: Any) -> datetime:
    starts_at = meeting.starts_at
    return starts_at if isinstance(starts_at, datetime) else parse_starts_at(starts_at)


def _title_of(meeting: Any) -> str:
    return (meeting.title or "").strip() or meeting_template(meeting.kind)["name"]
