"""An immutable copy of a whole session, for work that runs off the GUI thread (PDF, calendar, roll-up).

Each record type is a frozen dataclass generated from its table in `models`, so the two can never
disagree on a field name: `snapshot.objectives[0].text` reads exactly like `Objective.text`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable

from workshop import alignment, models


def _record_type(table: type) -> type:
    """A frozen dataclass with the same fields, in the same order, as `table`."""
    fields = [(name, Any) for name in table.model_fields]
    record_type = dataclasses.make_dataclass(f"{table.__name__}Record", fields, frozen=True)
    record_type.__module__ = __name__  # so a snapshot pickles (exports run in another process)
    return record_type


WorkshopRecord = _record_type(models.Workshop)
ParticipantRecord = _record_type(models.Participant)
AgendaStepRecord = _record_type(models.AgendaStep)
CompanyObjectiveRecord = _record_type(models.CompanyObjective)
CompanyKeyResultRecord = _record_type(models.CompanyKeyResult)
ObjectiveRecord = _record_type(models.Objective)
KeyResultRecord = _record_type(models.KeyResult)
InitiativeRecord = _record_type(models.Initiative)
CandidateRecord = _record_type(models.Candidate)
ReviewEventRecord = _record_type(models.ReviewEvent)
OpenQuestionRecord = _record_type(models.OpenQuestion)
ActionItemRecord = _record_type(models.ActionItem)
CheckinRecord = _record_type(models.Checkin)
CheckinValueRecord = _record_type(models.CheckinValue)
RetroAnswerRecord = _record_type(models.RetroAnswer)

_RECORD_OF = {
    models.Workshop: WorkshopRecord,
    models.Participant: ParticipantRecord,
    models.AgendaStep: AgendaStepRecord,
    models.CompanyObjective: CompanyObjectiveRecord,
    models.CompanyKeyResult: CompanyKeyResultRecord,
    models.Objective: ObjectiveRecord,
    models.KeyResult: KeyResultRecord,
    models.Initiative: InitiativeRecord,
    models.Candidate: CandidateRecord,
    models.ReviewEvent: ReviewEventRecord,
    models.OpenQuestion: OpenQuestionRecord,
    models.ActionItem: ActionItemRecord,
    models.Checkin: CheckinRecord,
    models.CheckinValue: CheckinValueRecord,
    models.RetroAnswer: RetroAnswerRecord,
}


def record(row: Any) -> Any:
    """The frozen copy of one table row."""
    record_type = _RECORD_OF[type(row)]
    return record_type(**{name: getattr(row, name) for name in type(row).model_fields})


def _records(rows: Iterable[Any]) -> tuple:
    return tuple(record(row) for row in rows)


@dataclasses.dataclass(frozen=True)
class WorkshopSnapshot:
    """Every row of one session, ordered by position (events by start time, check-ins by date)."""

    details: Any
    participants: tuple = ()
    steps: tuple = ()
    company_objectives: tuple = ()
    company_key_results: tuple = ()
    objectives: tuple = ()
    key_results: tuple = ()
    initiatives: tuple = ()
    candidates: tuple = ()
    review_events: tuple = ()
    open_questions: tuple = ()
    action_items: tuple = ()
    checkins: tuple = ()
    checkin_values: tuple = ()
    retro_answers: tuple = ()

    def key_results_of(self, objective_id: int) -> tuple:
        return tuple(kr for kr in self.key_results if kr.objective_id == objective_id)

    def initiatives_of(self, objective_id: int) -> tuple:
        return tuple(i for i in self.initiatives if i.objective_id == objective_id)

    def company_key_results_of(self, company_objective_id: int) -> tuple:
        return tuple(
            kr for kr in self.company_key_results if kr.company_objective_id == company_objective_id
        )

    def objectives_under(self, company_objective_id: int) -> tuple:
        """Team objectives aligned to a company objective, directly or through one of its key results."""
        return tuple(alignment.objectives_under(company_objective_id, self.objectives, self.company_key_results))

    def values_of(self, key_result_id: int) -> tuple:
        """Every check-in value recorded for a key result, in the order they were recorded."""
        return tuple(v for v in self.checkin_values if v.key_result_id == key_result_id)

    def step(self, number: int) -> Any:
        return next(s for s in self.steps if s.id == number)


def build_snapshot(rows_by_table: dict[type, list]) -> WorkshopSnapshot:
    """Freeze rows already loaded and sorted, keyed by table class."""
    get = lambda table: _records(rows_by_table.get(table, ()))  # noqa: E731
    details = rows_by_table.get(models.Workshop) or [models.Workshop(id=1)]
    return WorkshopSnapshot(
        details=record(details[0]),
        participants=get(models.Participant),
        steps=get(models.AgendaStep),
        company_objectives=get(models.CompanyObjective),
        company_key_results=get(models.CompanyKeyResult),
        objectives=get(models.Objective),
        key_results=get(models.KeyResult),
        initiatives=get(models.Initiative),
        candidates=get(models.Candidate),
        review_events=get(models.ReviewEvent),
        open_questions=get(models.OpenQuestion),
        action_items=get(models.ActionItem),
        checkins=tuple(sorted(get(models.Checkin), key=lambda c: (c.held_on, c.id or 0))),
        checkin_values=get(models.CheckinValue),
        retro_answers=get(models.RetroAnswer),
    )
