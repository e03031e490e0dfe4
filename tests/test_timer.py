"""The countdown is deadline arithmetic on an injected clock (ARCHITECTURE.md, The timer): no sleeps, no drift."""

from __future__ import annotations

from workshop.agenda import schedule_delta_seconds
from tests.fake_clock import FakeClock
from workshop.timer import NORMAL, OVERTIME, WARNING, StepTimer, format_clock


def timer(minutes=25):
    clock = FakeClock()
    return StepTimer(planned_seconds=minutes * 60, clock=clock), clock


def test_counts_down_only_while_running():
    t, clock = timer()
    clock.advance(100)
    assert t.remaining_seconds() == 1500
    t.start()
    clock.advance(90)
    assert t.remaining_seconds() == 1410
    t.pause()
    clock.advance(500)
    assert t.remaining_seconds() == 1410 and t.used_seconds() == 90


def test_no_drift_over_two_hours_of_irregular_ticks():
    t, clock = timer(120)
    t.start()
    for step in [0.19, 0.31, 0.2, 0.27] * 9000:  # repaint ticks arriving early and late
        clock.advance(step)
        t.remaining_seconds()
    elapsed = sum([0.19, 0.31, 0.2, 0.27]) * 9000
    assert abs(t.used_seconds() - elapsed) < 1e-6


def test_warning_then_zero_then_overtime():
    t, clock = timer(3)
    t.start()
    assert t.state(120) == NORMAL
    clock.advance(61)
    assert t.state(120) == WARNING
    clock.advance(119)
    assert t.state(120) == OVERTIME and format_clock(t.remaining_seconds()) == "00:00"
    clock.advance(12)
    assert format_clock(t.remaining_seconds()) == "+00:12"


def test_adjustments_and_reset():
    t, clock = timer(10)
    t.start()
    clock.advance(60)
    t.adjust(300)
    assert format_clock(t.remaining_seconds()) == "14:00"
    t.adjust(-60 * 60)  # cannot take away more than the whole plan
    assert t.remaining_seconds() == -60
    t.reset()
    assert t.remaining_seconds() == 600 and not t.running


def test_clock_text():
    assert format_clock(1500) == "25:00"
    assert format_clock(0.2) == "00:01"
    assert format_clock(-754) == "+12:34"
    assert format_clock(95 * 60) == "95:00"


class Step:
    def __init__(self, id, planned_minutes, used_seconds):
        self.id, self.planned_minutes, self.used_seconds = id, planned_minutes, used_seconds


def test_workshop_ahead_or_behind():
    steps = [Step(0, 0, 0), Step(1, 30, 33 * 60), Step(2, 10, 8 * 60), Step(3, 25, 0)]
    assert schedule_delta_seconds(steps, 3, 10 * 60) == 60  # 3 min over, 2 min under, step 3 on time
    assert schedule_delta_seconds(steps, 3, 27 * 60) == 180  # step 3 now 2 min over as well
