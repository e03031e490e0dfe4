"""What a key result's progress chart shows, as plain numbers (ARCHITECTURE.md, Screens, issue 14 item 4).

A chart plots a key result's values over the period against the straight line from its baseline on
the first day to its target on the last, with the confidence given at each check-in. Milestones are
plotted as stages done, from 0 to their number of stages. The screens (`ui/meetings/charts.py`) draw
these series; nothing here draws, so a printout could draw them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workshop import models
from workshop.progress import KeyResultProgress, metric_numbers


@dataclass(frozen=True)
class ChartPoint:
    """One check-in's report: its day, the value (None when only a confidence was given), the
    confidence words ("" when not given) and the owner's note."""

    day: date
    value: float | None
    confidence: str
    note: str


@dataclass(frozen=True)
class KeyResultSeries:
    """A key result's chart: the period, the planned line and the reported points.

    Args:
        ref: "2.3", as the app and PDF number it.
        text: the key result's sentence.
        unit: the unit the values are in ("stages" for a milestone).
        start, end: the period's first and last day (the check-ins' when the period is not set).
        baseline, target: the line's two ends; None when unknown (then no line is drawn).
        points: every report, oldest first.
        progress: the latest progress 0..1, or None.
        confidence: the latest confidence ("" when none).
    """

    ref: str
    text: str
    unit: str
    start: date
    end: date
    baseline: float | None
    target: float | None
    points: tuple[ChartPoint, ...]
    progress: float | None
    confidence: str

    def value_range(self) -> tuple[float, float]:
        """The lowest and highest value the chart's axis must show (never an empty range)."""
        values = [v for v in (self.baseline, self.target) if v is not None]
        values += [p.value for p in self.points if p.value is not None]
        if not values:
            return 0.0, 1.0
        low, high = min(values), max(values)
        if low == high:
            pad = abs(low) * 0.1 or 1.0
            return low - pad, high + pad
        return low, high

    def planned_value(self, day: date) -> float | None:
        """Where the straight line from baseline to target stands on `day`."""
        if self.baseline is None or self.target is None or self.end <= self.start:
            return None
        share = min(1.0, max(0.0, (day - self.start).days / (self.end - self.start).days))
        return self.baseline + (self.target - self.baseline) * share


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def series_of(key_result: KeyResultProgress, period_start: str, period_end: str) -> KeyResultSeries:
    """The chart of one key result over the period (dates as stored in the workshop)."""
    record = key_result.key_result
    points = tuple(ChartPoint(day, point.current, point.confidence, point.note)
                   for point in key_result.history if (day := _day(point.held_on)) is not None)
    if record.kind == models.MILESTONE:
        baseline, target, unit = 0.0, float(key_result.stage_count) or None, "stages"
    else:
        (baseline, target), unit = metric_numbers(record), record.unit
    start, end = _day(period_start), _day(period_end)
    days = [p.day for p in points]
    if start is None or end is None or end <= start:
        start = min(days, default=date.today())
        end = max(days, default=start)
    if end <= start:
        end = date.fromordinal(start.toordinal() + 1)
    return KeyResultSeries(ref=key_result.ref, text=record.text, unit=unit, start=start, end=end,
                           baseline=baseline, target=target, points=points, progress=key_result.progress,
                           confidence=key_result.confidence)
