"""Undo commands of the review meetings: each is one user action, one transaction, one undo entry.

A meeting's check-in row is created with the first report recorded in it (a meeting where nothing
was recorded leaves no trace in the history), in the same transaction as that report; undoing that
report takes the check-in away again, and redo puts both back with the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workshop import models
from workshop.checkin_csv import record_values_file
from workshop.checkins import KeyResultReport, check_date
from workshop.meeting_plan import MeetingPlan, checked_report_values, value_of
from workshop.service import WorkshopService

from ui.undo import WorkshopCommand


@dataclass
class MeetingRecord:
    """The check-in a running meeting writes to: None until its first report is recorded."""

    plan: MeetingPlan
    held_on: str
    checkin_id: int | None = None

    @classmethod
    def for_plan(cls, service: WorkshopService, plan: MeetingPlan) -> "MeetingRecord":
        """The record `plan`'s meeting writes to: when the meeting was held already (opened again to
        correct or finish it), its own check-in, on that check-in's date; otherwise a check-in still to
        come, on the plan's date."""
        held = [c for c in service.rows(models.Checkin)
                if plan.review_event_id is not None and c.review_event_id == plan.review_event_id]
        if not held:
            return cls(plan, plan.held_on)
        checkin = max(held, key=lambda c: (c.held_on, c.id))
        return cls(plan, checkin.held_on, checkin.id)

    def exists(self, service: WorkshopService) -> bool:
        return self.checkin_id is not None and any(c.id == self.checkin_id for c in service.rows(models.Checkin))

    def used_seconds(self, service: WorkshopService) -> int:
        """How long the meeting has run so far (0 until its check-in exists)."""
        return service.row(models.Checkin, self.checkin_id).used_seconds if self.exists(service) else 0


class RecordReport(WorkshopCommand):
    """Record (or change) one key result's value, stages done, confidence or note at this meeting.

    `changes` holds only the fields being set; the others keep what this meeting already recorded.
    """

    def __init__(self, service: WorkshopService, record: MeetingRecord, key_result_id: int, changes: dict,
                 label: str):
        super().__init__(label)
        self.service, self.record, self.key_result_id = service, record, key_result_id
        existing = value_of(service, record.checkin_id, key_result_id) if record.exists(service) else None
        current = {name: getattr(existing, name) for name in ("value", "stages_done", "confidence", "note")} \
            if existing is not None else {}
        report = KeyResultReport(key_result_id=key_result_id, **{**current, **changes})
        self.values = checked_report_values(service, report)  # CheckinError before anything changes
        check_date(record.held_on)
        self._existing_id = existing.id if existing is not None else None
        self._old_values: dict | None = None
        self._created_checkin = False
        self._added_value_id: int | None = None
        self._removed = None

    def apply(self) -> None:
        if self._removed is not None:  # redo of an addition: the very same rows come back
            self.service.restore(self._removed)
            self._removed = None
            return
        fields = {name: self.values[name] for name in ("value", "stages_done", "confidence", "note")}
        if self._existing_id is not None:
            self._old_values = self.service.set_fields(models.CheckinValue, self._existing_id, fields)
        elif self.record.exists(self.service):
            self._added_value_id = self.service.add(models.CheckinValue, checkin_id=self.record.checkin_id,
                                                    key_result_id=self.key_result_id, **fields)
        else:
            plan = self.record.plan
            self.record.checkin_id, _ = self.service.add_with_children(
                models.Checkin,
                {"kind": plan.kind, "review_event_id": plan.review_event_id, "held_on": self.record.held_on,
                 "used_seconds": 0, "note": ""},
                [(models.CheckinValue, "checkin_id", {"key_result_id": self.key_result_id, **fields})])
            self._created_checkin = True

    def revert(self) -> None:
        if self._existing_id is not None:
            self.service.set_fields(models.CheckinValue, self._existing_id, self._old_values)
        elif self._created_checkin:
            self._removed = self.service.remove(models.Checkin, self.record.checkin_id)
        else:
            self._removed = self.service.remove(models.CheckinValue, self._added_value_id)


class ImportValues(WorkshopCommand):
    """Record the check-in a values CSV holds (all or nothing); undo removes it whole."""

    def __init__(self, service: WorkshopService, path: Path, label: str):
        super().__init__(label)
        self.service, self.path = service, Path(path)
        self.checkin_id: int | None = None
        self._removed = None

    def apply(self) -> None:
        if self._removed is None:
            self.checkin_id = record_values_file(self.service, self.path)
        else:
            self.service.restore(self._removed)

    def revert(self) -> None:
        self._removed = self.service.remove(models.Checkin, self.checkin_id)
