"""Recording the quarter after the workshop (ARCHITECTURE.md, Scoring): check-ins, retrospective
scores and answers.

A check-in is saved as one transaction with one row per key result reported (`CheckinValue`);
nothing earlier is overwritten, so the history of every key result stays. Undoing a check-in is
`service.remove(models.Checkin, checkin_id)`, which takes its values with it.

Scores and retrospective answers are single fields of single rows: the UI changes them with the
service's `set_field` through undo commands, after `check_score` has accepted the number.

The quarter's domain API, for the meeting runner and the charts (none of it imports Qt):
- record a meeting: `record_checkin(service, "2027-01-18", [KeyResultReport(kr_id, value=…,
  stages_done=…, confidence=models.ON_TRACK, note=…)], kind=…, review_event_id=…)`; undo it with
  `service.remove(models.Checkin, checkin_id)`, redo with `service.restore(removed)`;
- read where things stand: `progress.quarter_progress(snapshot)` → objectives with `progress`,
  `score`, `suggested_score` and key results with `current`, `progress`, `confidence`, `history`;
  `progress.progress_band(p)` gives the colour and the word; `progress.expected_progress` the planned
  share of the period on a day;
- numbers in a key result's words: `kr_numbers.read_numbers(text)`; values as typed:
  `kr_numbers.read_value("€3.65")`; printing them: `kr_numbers.format_value(3.65, "€")`;
- the retrospective: `retrospective_questions()`, rows of `models.RetroAnswer`, `check_score`;
- values from a spreadsheet: `checkin_csv.record_values_file(service, path)`;
- the next period: `next_period.start_next_period(snapshot, source, target)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from assets import load_json
from workshop import models
from workshop.errors import ReadableError
from workshop.progress import stages_of
from workshop.scoring import score_band
from workshop.service import WorkshopService

MAX_NOTE_CHARS = 20_000  # the file check refuses longer texts (validation.MAX_TEXT_CHARS)


class CheckinError(ReadableError):
    """A check-in that cannot be recorded; `str(error)` is one sentence, and nothing was saved."""


@dataclass(frozen=True)
class KeyResultReport:
    """What an owner reports on one key result at a check-in.

    Args:
        key_result_id: the key result's id.
        value: a metric's current value (None when not reported).
        stages_done: a milestone's stages done (None when not reported).
        confidence: one of models.CONFIDENCES ("" when not given).
        note: a short note or blocker.
    """

    key_result_id: int
    value: float | None = None
    stages_done: int | None = None
    confidence: str = ""
    note: str = ""


def check_date(held_on: str) -> str:
    """`held_on` if it is an ISO date (YYYY-MM-DD); CheckinError otherwise."""
    try:
        date.fromisoformat(held_on)
    except (TypeError, ValueError):
        raise CheckinError(f"{held_on!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-18.") from None
    if len(held_on) != 10:
        raise CheckinError(f"{held_on!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-18.")
    return held_on


def checked_report(service: WorkshopService, report: KeyResultReport) -> dict:
    """The check-in value row `report` becomes, once checked against the workshop (its key result,
    confidence, note, value and stages); a `CheckinError` names what is wrong."""
    try:
        key_result = service.row(models.KeyResult, report.key_result_id)
    except KeyError:
        raise CheckinError(f"There is no key result {report.key_result_id} in this workshop.") from None
    if report.confidence not in models.CONFIDENCES:
        raise CheckinError(f"{report.confidence!r} is not a confidence; use on track, at risk or off track.")
    if len(report.note) > MAX_NOTE_CHARS:
        raise CheckinError(f"A note is longer than {MAX_NOTE_CHARS:,} characters; shorten it.")
    value, stages_done = report.value, report.stages_done
    if value is not None and (isinstance(value, bool) or not math.isfinite(value) or abs(value) > 1e15):
        raise CheckinError(f"{value!r} is not a value a key result can have.")
    if stages_done is not None:
        stages = len(stages_of(key_result))
        if isinstance(stages_done, bool) or stages_done != int(stages_done) or not 0 <= stages_done <= max(stages, 0):
            raise CheckinError(f"{stages_done!r} is not a number of stages done; "
                               f"this milestone has {stages} stages.")
        stages_done = int(stages_done)
    return {"key_result_id": key_result.id, "value": value, "stages_done": stages_done,
            "confidence": report.confidence, "note": report.note}


def record_checkin(service: WorkshopService, held_on: str, reports: Sequence[KeyResultReport], *,
                   kind: str = models.UNSCHEDULED, review_event_id: int | None = None, note: str = "",
                   used_seconds: int = 0) -> int:
    """Save one check-in and its reports in one transaction; return the check-in's id.

    Args:
        service: the open workshop.
        held_on: the ISO date the values are as of.
        reports: one per key result reported (each key result at most once).
        kind: one of models.CHECKIN_KINDS.
        review_event_id: the scheduled meeting it was, if any.
        note: a note on the whole meeting.
        used_seconds: how long the meeting took.

    Raises:
        CheckinError: with one sentence, before anything is saved (a StorageError from saving
        leaves nothing saved either).
    """
    check_date(held_on)
    if kind not in models.CHECKIN_KINDS:
        raise CheckinError(f"{kind!r} is not a kind of check-in.")
    if review_event_id is not None:
        try:
            service.row(models.ReviewEvent, review_event_id)
        except KeyError:
            raise CheckinError("That meeting is no longer in the review schedule.") from None
    if len(note) > MAX_NOTE_CHARS:
        raise CheckinError(f"The meeting note is longer than {MAX_NOTE_CHARS:,} characters; shorten it.")
    reported = [r.key_result_id for r in reports]
    if len(set(reported)) != len(reported):
        raise CheckinError("A key result is reported twice in one check-in; keep one of the two.")
    values = [checked_report(service, report) for report in reports]
    checkin_id, _value_ids = service.add_with_children(
        models.Checkin,
        {"kind": kind, "review_event_id": review_event_id, "held_on": held_on,
         "used_seconds": max(0, int(used_seconds)), "note": note},
        [(models.CheckinValue, "checkin_id", value) for value in values],
    )
    return checkin_id


def check_score(score: float | None, commitment: str) -> float | None:
    """`score` as a float if it is a valid score for the commitment (committed 0 or 1, aspirational
    0.0..1.0, None for "not scored"); CheckinError with one sentence otherwise."""
    try:
        score_band(score, commitment)
    except ValueError as error:
        raise CheckinError(str(error)) from None
    return None if score is None else float(score)


def retrospective_questions() -> list[str]:
    """The retrospective's questions, from its meeting template (the agenda items asked as questions)."""
    template = next(t for t in load_json("meeting_templates.json")["templates"]
                    if t["kind"] == models.RETROSPECTIVE)
    return [item for item in template["agenda"] if item.endswith("?")]
