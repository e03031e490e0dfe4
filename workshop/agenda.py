"""The workshop's seven steps and the arithmetic of its plan: totals, ahead or behind (ARCHITECTURE.md, The
workshop, The timer).
"""

from __future__ import annotations

from dataclasses import dataclass

from assets import load_json

PREPARATION, OVERVIEW, CASCADE, OBJECTIVES, KEY_RESULTS, CADENCE, WRAP_UP = range(7)
STEP_NUMBERS = tuple(range(7))
DEFAULT_MINUTES = (0, 30, 10, 25, 25, 15, 15)  # 120 minutes of meeting, preparation untimed


@dataclass(frozen=True)
class StepInfo:
    """What the app says about a step: its title, purpose, formula and prompts (assets/steps.json)."""

    number: int
    title: str
    purpose: str
    room_heading: str
    formula: str
    room_prompts: tuple[str, ...]
    facilitator_notes: str


def step_info(number: int) -> StepInfo:
    entry = load_json("steps.json")[number]
    return StepInfo(
        number=number,
        title=entry["title"],
        purpose=entry["purpose"],
        room_heading=entry["room_heading"],
        formula=entry["formula"],
        room_prompts=tuple(entry["room_prompts"]),
        facilitator_notes=entry["facilitator_notes"],
    )


def planned_total_minutes(steps) -> int:
    """Minutes planned for the meeting (steps 1-6; preparation happens before it)."""
    return sum(s.planned_minutes for s in steps if s.id != PREPARATION)


def schedule_delta_seconds(steps, current_step: int, current_used_seconds: int) -> int:
    """How far behind plan the meeting is (positive) or ahead (negative), in seconds.

    Earlier steps that ran count their actual time against their plan (a step merely clicked
    through has no time used and counts nothing: skipping it is not a gain); the current step counts
    only when it has overrun (time left in it is not yet a gain); steps still to come count nothing.
    """
    delta = 0
    for step in steps:
        if step.id == PREPARATION or step.id > current_step:
            continue
        if step.id < current_step:
            if step.used_seconds <= 0:
                continue
            delta += step.used_seconds - step.planned_minutes * 60
        else:
            delta += max(0, current_used_seconds - step.planned_minutes * 60)
    return delta
