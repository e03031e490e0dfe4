"""How big and how odd a session file may be before the check refuses it (ARCHITECTURE.md, Session files).

Every file the check accepts must open in well under a second and export (PDF, calendar, email) in
under ten, so the limits follow what real workshops hold, with room to spare, not what SQLite can
store. A workshop has tens of rows; a roll-up of 200 teams (5 objectives of 5 key results each) a few
thousand. The bytes on disk are bounded separately (`safe_read`).

Values that feed arithmetic or dates are checked by meaning, not only by type, so an export never
meets a meeting of 2^53 minutes or a start in the year 9999 (OverflowError in every date library).
"""

from __future__ import annotations

import re
from datetime import date

# Rows per table, for a workshop and for a company roll-up (which gathers every team's objectives and
# their latest values). A table not listed (added by a later schema) gets DEFAULT_ROW_LIMIT.
WORKSHOP_ROW_LIMITS: dict[str, int] = {
    "workshop": 1,
    "agendastep": 7,  # the seven steps, never more
    "participant": 100,  # a room holds tens
    "companyobjective": 50,  # a company has a handful
    "companykeyresult": 250,
    "objective": 100,  # a team has three to five
    "keyresult": 500,
    "initiative": 500,
    "candidate": 500,  # a brainstorm wall
    "reviewevent": 500,  # a year of weekly, monthly and retrospective meetings is under 70
    "openquestion": 500,
    "actionitem": 500,
    "checkin": 200,  # a year of weekly, monthly and end-of-period check-ins is under 70
    "checkinvalue": 3_000,  # those check-ins times the key results each reports
    "retroanswer": 100,
}
ROLLUP_ROW_LIMITS: dict[str, int] = {
    **WORKSHOP_ROW_LIMITS,
    "participant": 250,  # one row per team
    "companyobjective": 250,  # what teams copied, merged
    "companykeyresult": 1_000,
    "objective": 800,  # 200 teams x 4; the roll-up PDF gives each about a page
    "keyresult": 2_400,  # 200 teams x 4 x 3
    "initiative": 1_600,
    "checkin": 250,  # the roll-up keeps one check-in of latest values per team
    "checkinvalue": 2_400,  # one value per key result
}
DEFAULT_ROW_LIMIT = 500  # a table added by a later schema, until its own limit is declared here
# All tables together. Opening turns every row into a model object and the PDF prints most of them:
# this, the per-table limits and the text total below, not the size in bytes, are what keep opening
# under a second and the PDF pack under ten (measured on the largest file, tests/largest_file.py).
MAX_TOTAL_ROWS = 7_000  # a 200-team roll-up with every team's latest values is about 6,400

# Text: one field may hold a long note; all free text together (dates, times and choices aside)
# stays within what the PDF lays out in ten seconds. ReportLab measures every character, and a long
# run without spaces (Japanese, or an attacker's "xxxx…") in a narrow table cell costs most: about
# 25,000 characters a second on the reference machine, measured on tests/largest_file.py and on
# notes of 10,000 unbroken characters.
MAX_TEXT_CHARS = 10_000  # the app's own largest field (a note) stops there; a sentence field at 2,000
MAX_TOTAL_TEXT_CHARS = 200_000  # a 200-team roll-up of 4,000 objectives and key results of 50 characters

# Integers that become durations, times or counts, with the range a real workshop stays within.
MINUTES = (0, 24 * 60)  # a meeting or a step lasts at most a day
INTEGER_RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("reviewevent", "minutes"): MINUTES,
    ("workshop", "weekly_minutes"): MINUTES,
    ("workshop", "monthly_minutes"): MINUTES,
    ("workshop", "retro_minutes"): MINUTES,
    ("agendastep", "planned_minutes"): MINUTES,
    ("agendastep", "used_seconds"): (0, 100_000_000),  # three years of a forgotten running timer
    ("checkin", "used_seconds"): (0, 100_000_000),
    ("workshop", "warning_seconds"): (0, 24 * 3600),
    ("workshop", "weekly_weekday"): (0, 6),
    ("workshop", "monthly_weekday"): (0, 6),
    ("workshop", "current_step"): (0, 6),
    ("workshop", "current_slide"): (0, 10_000),
    ("candidate", "votes"): (0, 1_000_000),
}
MAX_ANY_INTEGER = 2**53  # ids and positions: exact in a JSON number and in a float

# Text columns that hold a date, a time of day or a date and time, "" when not set yet.
FIRST_YEAR, LAST_YEAR = 1900, 2199
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"\d{2}:\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
DATE_COLUMNS = {("workshop", "workshop_date"), ("workshop", "period_start"), ("workshop", "period_end"),
                ("workshop", "followup_date"), ("keyresult", "due_date"), ("actionitem", "due_date"),
                ("checkin", "held_on")}
CLOCK_COLUMNS = {("workshop", "weekly_time"), ("workshop", "monthly_time"), ("workshop", "followup_time")}
DATE_TIME_COLUMNS = {("reviewevent", "starts_at")}
_UID = re.compile(r"[0-9a-f]{32}")
# Validated against their lists (value_rules.CHOICES), so never long.
FIXED_CHOICE_COLUMNS = {"kind", "status", "commitment", "cascade_model", "direction", "confidence"}


def row_limit(table_name: str, rollup: bool = False) -> int:
    """How many rows `table_name` may hold in a workshop file, or in a roll-up file."""
    return (ROLLUP_ROW_LIMITS if rollup else WORKSHOP_ROW_LIMITS).get(table_name, DEFAULT_ROW_LIMIT)


def is_free_text(table_name: str, column: str) -> bool:
    """Whether a text column holds what people write (counted against MAX_TOTAL_TEXT_CHARS), rather
    than a date, a time, an identity or a choice from a list."""
    return not has_format(table_name, column) and column not in FIXED_CHOICE_COLUMNS


def rows_fit(rows_by_table: dict, rollup: bool) -> bool:
    """Whether rows about to be written (lists of dicts keyed by model class) stay within the limits,
    so a file the app writes is always one it opens again."""
    counts = {table.__tablename__: len(rows) for table, rows in rows_by_table.items()}
    text = sum(len(value) for table, rows in rows_by_table.items() for row in rows
               for column, value in row.items()
               if isinstance(value, str) and is_free_text(table.__tablename__, column))
    return (all(count <= row_limit(name, rollup) for name, count in counts.items())
            and sum(counts.values()) <= MAX_TOTAL_ROWS and text <= MAX_TOTAL_TEXT_CHARS)


def integer_range(table_name: str, column: str) -> tuple[int, int]:
    """The lowest and highest value an integer column may hold."""
    return INTEGER_RANGES.get((table_name, column), (-MAX_ANY_INTEGER, MAX_ANY_INTEGER))


def has_format(table_name: str, column: str) -> bool:
    """Whether a text column holds a date, a time or an identity (see `text_fits_format`)."""
    key = (table_name, column)
    return key == ("workshop", "uid") or key in DATE_COLUMNS or key in CLOCK_COLUMNS or key in DATE_TIME_COLUMNS


def text_fits_format(table_name: str, column: str, value: str) -> bool:
    """Whether a date, time or identity column holds what the app writes there ("" = not set)."""
    key = (table_name, column)
    if key == ("workshop", "uid"):
        return bool(_UID.fullmatch(value))
    if value == "":
        return True
    if key in DATE_COLUMNS:
        return bool(_DATE.fullmatch(value)) and _real_date(value)
    if key in CLOCK_COLUMNS:
        return bool(_CLOCK.fullmatch(value)) and _real_clock(value)
    if key in DATE_TIME_COLUMNS:
        return bool(_DATE_TIME.fullmatch(value)) and _real_date(value[:10]) and _real_clock(value[11:])
    return True


def _real_date(text: str) -> bool:
    """A "YYYY-MM-DD" that names a day of the calendar within FIRST_YEAR..LAST_YEAR."""
    try:
        return FIRST_YEAR <= date.fromisoformat(text).year <= LAST_YEAR
    except ValueError:
        return False


def _real_clock(text: str) -> bool:
    """An "HH:MM" that names a time of day."""
    return int(text[:2]) <= 23 and int(text[3:]) <= 59
