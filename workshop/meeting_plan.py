"""A review meeting as it is run (ARCHITECTURE.md, Review meetings): its agenda, time and date.

A meeting of the review schedule (weekly check-in, monthly review, retrospective) or one the team
calls unscheduled runs from its template in `assets/meeting_templates.json`: the agenda items are
walked in order, and the meeting's minutes are shared equally among them, so the runner can say
whether the meeting is ahead of or behind plan. Nothing here writes; recording goes through
`workshop.checkins` and the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from workshop import models
from workshop.checkins import KeyResultReport, checked_report
from workshop.schedule import meeting_template
from workshop.service import WorkshopService

# The template a kind of check-in runs from; an unscheduled meeting is run as a weekly check-in.
_TEMPLATE_OF = {models.WEEKLY: models.WEEKLY, models.MONTHLY: models.MONTHLY,
                models.RETROSPECTIVE: models.RETROSPECTIVE, models.UNSCHEDULED: models.WEEKLY}


@dataclass(frozen=True)
class MeetingPlan:
    """What a meeting is before it starts.

    Args:
        kind: one of models.CHECKIN_KINDS (what the check-in row will say).
        name: the template's name ("Weekly check-in").
        purpose: the template's one-sentence purpose.
        agenda: the agenda items, in order.
        minutes: how long the meeting is planned to take.
        held_on: the ISO date its values are as of (the scheduled day, or today when unscheduled).
        review_event_id: the meeting of the review schedule it is, or None.
    """

    kind: str
    name: str
    purpose: str
    agenda: tuple[str, ...]
    minutes: int
    held_on: str
    review_event_id: int | None = None

    @property
    def is_retrospective(self) -> bool:
        return self.kind == models.RETROSPECTIVE


def plan_for_event(event: Any) -> MeetingPlan:
    """The plan of a meeting of the review schedule (a ReviewEvent row or record)."""
    kind = event.kind if event.kind in models.CHECKIN_KINDS else models.UNSCHEDULED
    template = meeting_template(_TEMPLATE_OF[kind])
    return MeetingPlan(kind=kind, name=event.title or template["name"], purpose=template["purpose"],
                       agenda=tuple(template["agenda"]) or (template["name"],),
                       minutes=max(1, int(event.minutes or template["default_minutes"])),
                       held_on=event.starts_at[:10], review_event_id=event.id)


def unscheduled_plan(today: date) -> MeetingPlan:
    """The plan of a check-in the team calls outside the schedule, run as a weekly check-in."""
    template = meeting_template(models.WEEKLY)
    return MeetingPlan(kind=models.UNSCHEDULED, name=template["name"], purpose=template["purpose"],
                       agenda=tuple(template["agenda"]), minutes=int(template["default_minutes"]),
                       held_on=today.isoformat())


def meeting_delta_seconds(plan: MeetingPlan, item_index: int, used_seconds: float) -> int:
    """Positive when the meeting runs behind plan, negative when ahead, 0 while on plan.

    Each agenda item gets an equal share of the meeting's minutes: the meeting is behind when the
    time used passes the end of the current item's share, ahead when it is short of its start."""
    share = plan.minutes * 60 / max(1, len(plan.agenda))
    starts, ends = share * item_index, share * (item_index + 1)
    if used_seconds > ends:
        return int(used_seconds - ends)
    if used_seconds < starts:
        return -int(starts - used_seconds)
    return 0


def checked_report_values(service: WorkshopService, report: KeyResultReport) -> dict:
    """One key result's report as the values of its `CheckinValue` row, checked exactly as
    `checkins.record_checkin` checks every report (CheckinError with one sentence otherwise)."""
    return checked_report(service, report)


def value_of(service: WorkshopService, checkin_id: int | None, key_result_id: int) -> Any | None:
    """The `CheckinValue` row of a key result at a check-in, or None."""
    if checkin_id is None:
        return None
    return next((value for value in service.rows(models.CheckinValue)
                 if value.checkin_id == checkin_id and value.key_result_id == key_result_id), None)
