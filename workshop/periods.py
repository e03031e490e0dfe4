"""OKR periods written as people write them: "2027-Q1", "2027-H1", "2027", or two dates.

One parser for every place that reads a period from text (the command line's `--period`,
`--period-start` and `--period-end`), so that each form means the same dates everywhere: a quarter,
a half-year or a calendar year from its first day to its last, or the two dates given. Anything else
is refused with one sentence that shows the forms it accepts.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from workshop.errors import ReadableError

FORMS = "a quarter (2027-Q1), a half-year (2027-H1), a year (2027) or two dates (2027-01-01..2027-03-31)"
_NAMED = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[QqHh])(?P<number>\d))?$")
_RANGE = re.compile(r"^(?P<start>\S+?)\s*(?:\.\.|/)\s*(?P<end>\S+)$")
_MONTHS_PER = {"Q": 3, "H": 6}


class PeriodError(ReadableError):
    """A period that could not be read; its text is one sentence saying which forms are accepted."""


@dataclass(frozen=True)
class Period:
    """A period's label (as the preparation page shows it; empty for dates no name fits) and its dates."""

    label: str
    start: date
    end: date


def _span(year: int, first_month: int, months: int) -> tuple[date, date]:
    last_month = first_month + months - 1
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def parse_period(text: str) -> Period:
    """The period `text` names, in any of the accepted FORMS; PeriodError otherwise."""
    cleaned = " ".join(text.split())
    named = _NAMED.match(cleaned)
    if named:
        year = int(named["year"])
        if named["kind"] is None:
            return Period(str(year), *_span(year, 1, 12))
        kind, number = named["kind"].upper(), int(named["number"])
        months = _MONTHS_PER[kind]
        if 1 <= number <= 12 // months:
            return Period(f"{year}-{kind}{number}", *_span(year, (number - 1) * months + 1, months))
        raise PeriodError(f"“{cleaned}” is not a period: a year has {12 // months} "
                          f"{'quarters' if kind == 'Q' else 'halves'}; write {FORMS}.")
    dates = _RANGE.match(cleaned)
    if dates:
        return period_between(dates["start"], dates["end"])
    raise PeriodError(f"“{cleaned}” is not a period: write {FORMS}.")


def period_between(start_text: str, end_text: str) -> Period:
    """The period from one ISO date to another, named when the dates are exactly a quarter, half or year."""
    start, end = _day(start_text), _day(end_text)
    if end < start:
        raise PeriodError(f"The period ends on {end.isoformat()}, before it starts on {start.isoformat()}; "
                          "give the start date first.")
    return Period(_name_of(start, end), start, end)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(f"“{text.strip()}” is not a date: write it as year-month-day, e.g. 2027-01-01.") from None


def _name_of(start: date, end: date) -> str:
    for kind, months in (("Q", 3), ("H", 6)):
        for number in range(1, 12 // months + 1):
            if (start, end) == _span(start.year, (number - 1) * months + 1, months):
                return f"{start.year}-{kind}{number}"
    return str(start.year) if (start, end) == _span(start.year, 1, 12) else ""


def most_common(labels: Sequence[str]) -> str:
    """The period most of `labels` name (blanks ignored); a tie goes to the one that starts first,
    then to the one met first when a label is not one of the FORMS."""
    counts = Counter(label for label in labels if label)

    def order(label: str) -> tuple:
        try:
            start = parse_period(label).start
        except PeriodError:
            start = date.max
        return -counts[label], start, labels.index(label)

    return min(counts, key=order, default="")
