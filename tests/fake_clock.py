"""A clock that only moves when told to: tests move time by hand instead of sleeping."""

from __future__ import annotations


class FakeClock:
    """Injected wherever the app takes a clock (`workshop.timer.StepTimer`, `SessionModel`)."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
