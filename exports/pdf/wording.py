"""How the pack words stored values: dates, lengths, answers, kinds, minutes ahead or behind.

Dates are spelled out here rather than with `strftime`, whose month names follow the process
locale (Qt sets it), so a pack never mixes languages. Stored values that do not parse are
printed as stored: a pack shows what the file holds rather than failing on it.
"""

from __future__ import annotations

from datetime import date

from workshop import models
from workshop.schedule import describe_day, parse_starts_at

NOT_SET = "not set"

_COMMITMENT_WORDS = {
    models.COMMITTED: "Committed (scored 0 or 1)",
    models.ASPIRATIONAL: "Aspirational (about 0.7 is a good result)",
}
_KIND_WORDS = {models.METRIC: "Metric", models.MILESTONE: "Milestone"}
_MEETING_WORDS = {
    models.WEEKLY: "Weekly check-in",
    models.MONTHLY: "Monthly review",
    models.RETROSPECTIVE: "Retrospective",
    models.OTHER: "Other",
}


def day(iso_date: str, with_weekday: bool = True) -> str:
    """"Wed 31 Mar 2027" (or "31 Mar 2027") for a stored ISO date; the stored text when it is not one."""
    text = (iso_date or "").strip()
    try:
        described = describe_day(date.fromisoformat(text))
    except ValueError:
        return text
    return described if with_weekday else described.split(" ", 1)[1]


def period(details) -> str:
    """"2027-Q1 (Fri 1 Jan 2027 – Wed 31 Mar 2027)", or as much of it as was filled in."""
    dates = " \u2013 ".join(part for part in (day(details.period_start), day(details.period_end)) if part)
    label = (details.period_label or "").strip()
    if label and dates:
        return f"{label} ({dates})"
    return label or dates


def meeting_start(starts_at: str) -> tuple[str, str]:
    """(date with weekday, "HH:MM") of a stored start; the stored text and "" if it does not parse."""
    try:
        moment = parse_starts_at(starts_at)
    except ValueError:
        return (starts_at or "").strip(), ""
    return describe_day(moment.date()), f"{moment:%H:%M}"


def length(minutes: int) -> str:
    """"30 min", "1 h", "1 h 30 min"."""
    hours, rest = divmod(max(0, int(minutes or 0)), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def answer(value: bool | None) -> str:
    """The necessary/sufficient answer in words, so a grey printout needs no colour."""
    if value is None:
        return "Not answered"
    return "Yes" if value else "No"


def commitment(value: str) -> str:
    return _COMMITMENT_WORDS.get(value, value or NOT_SET)


def kind(value: str) -> str:
    return _KIND_WORDS.get(value, value or NOT_SET)


def meeting_kind(value: str) -> str:
    return _MEETING_WORDS.get(value, value or _MEETING_WORDS[models.OTHER])


def used_minutes(used_seconds: int) -> int:
    """Minutes as the pack shows them: rounded to the nearest minute."""
    return round(max(0, used_seconds or 0) / 60)


def difference(actual_minutes: int, planned_minutes: int) -> str:
    """"+3 min" over plan, "−2 min" under, "on plan": signed words, not red and green."""
    delta = actual_minutes - planned_minutes
    if delta == 0:
        return "on plan"
    return f"+{delta} min" if delta > 0 else f"\u2212{-delta} min"


def ahead_or_behind(actual_minutes: int, planned_minutes: int) -> str:
    """"4 minutes behind plan", "1 minute ahead of plan" or "exactly on plan"."""
    delta = actual_minutes - planned_minutes
    if delta == 0:
        return "exactly on plan"
    unit = "minute" if abs(delta) == 1 else "minutes"
    return f"{abs(delta)} {unit} behind plan" if delta > 0 else f"{abs(delta)} {unit} ahead of plan"
