"""The step countdown as deadline arithmetic on a monotonic clock (ARCHITECTURE.md, The timer).

`remaining = deadline - now`: nothing accumulates per tick, so a late or early repaint can never
make the timer drift. The clock is injected, so tests move time by hand instead of sleeping
(`tests/fake_clock.py`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

Clock = Callable[[], float]

NORMAL, WARNING, OVERTIME = "normal", "warning", "overtime"


@dataclass
class StepTimer:
    """The countdown of one step: its budget, the time used before the last start, and whether it runs."""

    planned_seconds: int
    used_before_start: float = 0.0
    extra_seconds: int = 0  # the facilitator's -1/+1/+5 minute adjustments; the plan itself is unchanged
    clock: Clock = field(default=time.monotonic, repr=False)
    _started_at: float | None = None

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def used_seconds(self) -> float:
        if self._started_at is None:
            return self.used_before_start
        return self.used_before_start + (self.clock() - self._started_at)

    def remaining_seconds(self) -> float:
        """Seconds left before zero; negative once in overtime."""
        return self.planned_seconds + self.extra_seconds - self.used_seconds()

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self.clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self.used_before_start = self.used_seconds()
            self._started_at = None

    def adjust(self, seconds: int) -> None:
        """Give the step more (or less) time; never less than what is already used."""
        floor = -self.planned_seconds
        self.extra_seconds = max(floor, self.extra_seconds + seconds)

    def reset(self) -> None:
        self._started_at = None
        self.used_before_start = 0.0
        self.extra_seconds = 0

    def state(self, warning_seconds: int) -> str:
        remaining = self.remaining_seconds()
        if remaining < 0 or (remaining == 0 and self.used_seconds() > 0):
            return OVERTIME
        if remaining <= warning_seconds:
            return WARNING
        return NORMAL


def format_clock(remaining_seconds: float) -> str:
    """"MM:SS" while time is left, "+MM:SS" in overtime (minutes may pass 59: "95:00")."""
    if remaining_seconds >= 0:
        whole = int(-(-remaining_seconds // 1))  # ceiling: 00:01 is shown until zero is reached
        return f"{whole // 60:02d}:{whole % 60:02d}"
    whole = int(-remaining_seconds)
    return f"+{whole // 60:02d}:{whole % 60:02d}"

