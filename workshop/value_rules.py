"""What a value in a session file may be, declared once for the file check and for every write.

The file check (`validation`) refuses a file holding a value these rules reject, so the service
(`service`) checks every value it is asked to write against the same rules first: a write the
file check would later refuse never reaches the file. The rules follow the models' own type
annotations (text, whole number, yes/no, nullable or not), the fixed lists below, one length limit
for every text, and the models' foreign keys.
"""

from __future__ import annotations

import re
import typing
from datetime import date
from functools import cache

from workshop import limits, models

MAX_TEXT_CHARS = limits.MAX_TEXT_CHARS  # longer than any note a team writes; a bigger value is not ours
MAX_WHOLE_NUMBER = 2**53  # beyond this a number is not one the app wrote
MAX_NUMBER = 1e15  # beyond any baseline, target or value a team measures

# Columns whose values must come from a fixed list, keyed by (table name, column).
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("objective", "commitment"): models.COMMITMENTS,
    ("keyresult", "kind"): models.KR_KINDS,
    ("workshop", "cascade_model"): models.CASCADE_MODELS,
    ("agendastep", "status"): models.STEP_STATUSES,
    ("reviewevent", "kind"): models.MEETING_KINDS,
    ("workshop", "kind"): models.WORKSHOP_KINDS,
    ("keyresult", "direction"): models.DIRECTIONS,
    ("checkin", "kind"): models.CHECKIN_KINDS,
    ("checkinvalue", "confidence"): models.CONFIDENCES,
}
# Numbers whose values must lie in a range (inclusive); any other number must be finite and sane.
RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("objective", "score"): (0.0, 1.0),
    ("keyresult", "score"): (0.0, 1.0),
    ("checkinvalue", "stages_done"): (0, 1000),
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
DATES: frozenset[tuple[str, str]] = frozenset({("checkin", "held_on")})  # an ISO date, never empty

# Why a value is refused; each caller words its own sentence around one of these.
NO_SUCH_FIELD = "no such field"
MISSING = "missing"
WRONG_TYPE = "wrong type"
TOO_LONG = "too long"
NOT_A_CHOICE = "not a choice"
OUT_OF_RANGE = "out of range"
NOT_A_DATE = "not a date"


@cache
def column_type(table: type, column: str) -> tuple[type, bool]:
    """The Python type `table.column` holds (str, int, float or bool) and whether it may be empty (NULL)."""
    annotation = table.model_fields[column].annotation
    args = typing.get_args(annotation)
    if type(None) in args:
        return next(a for a in args if a is not type(None)), True
    return annotation, False


def value_problem(table: type, column: str, value: object) -> str | None:
    """Why `value` may not be stored in `table.column` (one of the constants above), or None.

    Values are Python values as the models hold them: a yes/no is a bool, not SQLite's 0 or 1.
    """
    rules = _rules(table, column)
    if rules is None:
        return NO_SUCH_FIELD
    expected, nullable, choices, iso_date, formatted, (low, high), table_name = rules
    if value is None:
        return None if nullable or column == "id" else MISSING
    if expected is bool:
        return None if type(value) is bool else WRONG_TYPE
    if expected is int:
        if type(value) is not int or abs(value) > MAX_WHOLE_NUMBER:
            return WRONG_TYPE
        return None if low <= value <= high else OUT_OF_RANGE
    if expected is float:
        if type(value) not in (int, float) or not abs(value) <= MAX_NUMBER:  # NaN fails too
            return WRONG_TYPE
        return None if low <= value <= high else OUT_OF_RANGE
    if type(value) is not str:
        return WRONG_TYPE
    if len(value) > MAX_TEXT_CHARS:
        return TOO_LONG
    if choices is not None and value not in choices:
        return NOT_A_CHOICE
    if iso_date and not _is_date(value):
        return NOT_A_DATE
    if formatted and not limits.text_fits_format(table_name, column, value):  # dates, times, the uid
        return NOT_A_DATE
    return None


@cache
def _rules(table: type, column: str) -> tuple | None:
    """Everything about a column that does not depend on the value, looked up once: a roll-up
    file is checked value by value, tens of thousands of them (`__tablename__` alone is slow)."""
    if column not in table.model_fields:
        return None
    key = (table.__tablename__, column)
    value_range = RANGES.get(key) or limits.INTEGER_RANGES.get(key) or (-MAX_WHOLE_NUMBER, MAX_WHOLE_NUMBER)
    return (*column_type(table, column), CHOICES.get(key), key in DATES, limits.has_format(*key),
            value_range, key[0])


def _is_date(value: str) -> bool:
    """Whether `value` is a real day written YYYY-MM-DD (not 2027-02-30: the report draws each date)."""
    if not ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def references(table: type) -> dict[str, type]:
    """The columns of `table` that point at a row of another table, with that table."""
    by_name = {t.__tablename__: t for t in models.TABLES}
    return {key.parent.name: by_name[key.column.table.name] for key in table.__table__.foreign_keys}


def required_columns(table: type) -> tuple[str, ...]:
    """Columns a new row must be given: those with no default that may not be empty."""
    return tuple(name for name, field in table.model_fields.items()
                 if name != "id" and field.is_required())
