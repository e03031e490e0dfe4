"""The words the laptop and the projector share: the timer's state and the way dates are written.

Both screens call these functions, so the facilitator never reads "Paused" where the room reads
"Ready", nor "04 Jan" beside "Mon 4 Jan 2027". Dates are spelled from the schedule's own names
(`workshop.schedule.describe_day`), not from the process locale, as the PDF pack does.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from workshop.schedule import describe_day, parse_starts_at
from workshop.timer import OVERTIME, WARNING, StepTimer


def _tr(text: str) -> str:
    return QCoreApplication.translate("RoomWords", text)


def timer_state_words(timer: StepTimer, warning_seconds: int) -> str:
    """"Over time", "Time is nearly up", "Running", "Paused" (time used) or "Ready" (none yet)."""
    state = timer.state(warning_seconds)
    if state == OVERTIME:
        return _tr("Over time")
    if state == WARNING and timer.running:
        return _tr("Time is nearly up")
    if timer.running:
        return _tr("Running")
    if timer.used_seconds():
        return _tr("Paused")
    return _tr("Ready")


def all_timer_state_words() -> tuple[str, ...]:
    """Every text `timer_state_words` can return (a label sized for the longest never resizes)."""
    return tuple(_tr(text) for text in ("Over time", "Time is nearly up", "Running", "Paused", "Ready"))


def day_text(day: date | str) -> str:
    """"Mon 4 Jan 2027" for a date or a stored ISO date; stored text that is not a date as it is."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day.strip())
        except ValueError:
            return day
    return describe_day(day)


def moment_text(moment: datetime | str) -> str:
    """"Mon 4 Jan 2027 at 09:30" for a start time or a stored "YYYY-MM-DDTHH:MM"; unreadable text as it is."""
    if isinstance(moment, str):
        try:
            moment = parse_starts_at(moment)
        except ValueError:
            return moment
    return _tr("%1 at %2").replace("%1", describe_day(moment.date())).replace("%2", f"{moment:%H:%M}")
