"""Progress and suggested scores during the period (ARCHITECTURE.md, Scoring), from a session's check-ins.

- A metric's progress is (current − baseline) / (target − baseline), clamped to 0…1, so it works for
  key results that go down as well as up. A milestone's is stages done / stages.
- A key result's current value is its value at the most recent check-in (by date, then by the order
  check-ins were recorded) that reported one; nothing is overwritten, so the history is every value.
- A key result with no value, or without the numbers progress needs (baseline and target values, or
  named stages), has no progress (None) and counts as 0 in its objective, whose progress is the mean
  of its key results. An objective none of whose key results has a value yet has no progress either.
- The suggested score at the retrospective: a committed goal scores 1 when fully done and 0 otherwise;
  an aspirational one scores its progress (two decimals), which the team may change.

Everything here reads a `WorkshopSnapshot` and returns frozen values; nothing imports Qt or writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from workshop import models
from workshop.kr_numbers import read_numbers, read_value
from workshop.scoring import ASPIRATIONAL, COMMITTED, Band, score_band
from workshop.snapshot import WorkshopSnapshot


@dataclass(frozen=True)
class ValuePoint:
    """One check-in's report on one key result.

    Args:
        held_on: the check-in's ISO date.
        checkin_id: the check-in it was reported at.
        current: the value (metric) or stages done (milestone); None when only a confidence or note was given.
        progress: the progress that value means, or None.
        confidence: one of models.CONFIDENCES ("" when not given).
        note: the owner's note or blocker.
    """

    held_on: str
    checkin_id: int
    current: float | None
    progress: float | None
    confidence: str
    note: str


@dataclass(frozen=True)
class KeyResultProgress:
    """Where a key result stands.

    Args:
        key_result: the key result's snapshot record.
        ref: the number the app and PDF show, "2.3" = objective 2, key result 3.
        current: the latest value (metric) or stages done (milestone), or None.
        progress: 0.0..1.0, or None when there is no value or progress cannot be computed.
        confidence: the latest confidence given ("" when none yet).
        history: every report, oldest first.
    """

    key_result: Any
    ref: str
    current: float | None
    progress: float | None
    confidence: str
    history: tuple[ValuePoint, ...]

    @property
    def stage_count(self) -> int:
        return len(stages_of(self.key_result))


@dataclass(frozen=True)
class ObjectiveProgress:
    """Where an objective stands: the mean of its key results' progress, and its scores.

    Args:
        objective: the objective's snapshot record.
        ref: "2" for the second objective.
        progress: the mean of its key results (one without a value counts 0), or None when none has one.
        key_results: its key results' progress, in order.
    """

    objective: Any
    ref: str
    progress: float | None
    key_results: tuple[KeyResultProgress, ...]

    @property
    def score(self) -> float | None:
        """The score given at the retrospective, or None."""
        return self.objective.score

    @property
    def suggested_score(self) -> float | None:
        """The mean of the key results' scores once all are scored, else the score its progress suggests."""
        scores = [kr.key_result.score for kr in self.key_results]
        if scores and None not in scores:
            mean = sum(scores) / len(scores)
            return round(mean, 2) if self.objective.commitment == ASPIRATIONAL else float(mean == 1.0)
        return suggested_score(self.objective.commitment, self.progress)


def stages_of(key_result: Any) -> list[str]:
    """A milestone's named stages (one per line in `stages`; blank lines ignored)."""
    return [line.strip() for line in key_result.stages.splitlines() if line.strip()]


def progress_of(key_result: Any, current: float | None) -> float | None:
    """The progress a value means for a key result, clamped to 0..1; None when it cannot be said.

    Args:
        key_result: a KeyResult row or its snapshot record.
        current: a metric's value, or a milestone's number of stages done.
    """
    if current is None:
        return None
    if key_result.kind == models.MILESTONE:
        stages = len(stages_of(key_result))
        return None if stages == 0 else _clamped(current / stages)
    baseline, target = metric_numbers(key_result)
    if baseline is None or target is None or baseline == target:
        return None
    return _clamped((current - baseline) / (target - baseline))


def metric_numbers(key_result: Any) -> tuple[float | None, float | None]:
    """A metric's baseline and target values: the number fields; else the written baseline and target
    when each is one plain number ("71", "71%", "€4.10"), as in files from before the fields; else,
    when both are still empty, what the key result's words say clearly ("from 31% to 55%"), so a key
    result typed before its numbers were read still shows its progress."""
    def number(value: float | None, written: str) -> float | None:
        if value is not None:
            return value
        read = read_value(written) if written.strip() else None
        return None if read is None else read.number

    baseline, target = number(key_result.baseline_value, key_result.baseline), \
        number(key_result.target_value, key_result.target)
    if baseline is None and target is None and not key_result.baseline.strip() and not key_result.target.strip():
        from_words = read_numbers(key_result.text)
        if from_words is not None and from_words.kind == models.METRIC:
            return from_words.baseline, from_words.target
    return baseline, target


def unit_of(key_result: Any) -> str:
    """The unit as recorded, or as the key result's words say it when none is recorded."""
    if key_result.unit.strip() or key_result.kind != models.METRIC:
        return key_result.unit
    from_words = read_numbers(key_result.text)
    return from_words.unit if from_words is not None and from_words.kind == models.METRIC else ""


def direction_of(key_result: Any) -> str:
    """models.INCREASE or models.DECREASE as recorded, or as the baseline and target show; "" if unknown."""
    if key_result.direction:
        return key_result.direction
    baseline, target = metric_numbers(key_result)
    if baseline is None or target is None or baseline == target:
        return ""
    return models.INCREASE if target > baseline else models.DECREASE


def _clamped(fraction: float) -> float:
    return min(1.0, max(0.0, fraction))


def suggested_score(commitment: str, progress: float | None) -> float | None:
    """The score progress suggests at the retrospective: committed 1.0 when done, else 0.0;
    aspirational the progress to two decimals. None when there is no progress to go by."""
    if progress is None:
        return None
    if commitment == COMMITTED:
        return 1.0 if progress >= 1.0 else 0.0
    return round(progress, 2)


def progress_band(progress: float | None) -> Band:
    """The colour band and word for a progress (the aspirational bands of ARCHITECTURE.md, Scoring; grey when None)."""
    return score_band(progress, ASPIRATIONAL)


def expected_progress(period_start: str, period_end: str, on: date) -> float | None:
    """How far along the straight line from baseline to target a key result would be on `on`, the
    share of the period gone by (0..1); None when the period's dates are missing or make no sense."""
    try:
        start, end = date.fromisoformat(period_start), date.fromisoformat(period_end)
    except ValueError:
        return None
    if end <= start:
        return None
    return _clamped((on - start).days / (end - start).days)


def _current_of(key_result: Any, value: Any) -> float | None:
    if key_result.kind == models.MILESTONE:
        return None if value.stages_done is None else float(value.stages_done)
    return value.value


def key_result_progress(snapshot: WorkshopSnapshot, key_result: Any, ref: str) -> KeyResultProgress:
    """One key result's history, latest value, progress and confidence.

    Args:
        snapshot: the session, frozen.
        key_result: the key result's record.
        ref: the number shown for it ("2.3").
    """
    return _key_result_progress(key_result, ref, _group(snapshot))


def _key_result_progress(key_result: Any, ref: str, grouped: tuple[dict, dict]) -> KeyResultProgress:
    dates, values_by_kr = grouped
    reports = sorted(values_by_kr.get(key_result.id, ()), key=lambda v: dates[v.checkin_id][1])
    history = tuple(
        ValuePoint(held_on=dates[v.checkin_id][0], checkin_id=v.checkin_id, current=_current_of(key_result, v),
                   progress=progress_of(key_result, _current_of(key_result, v)), confidence=v.confidence, note=v.note)
        for v in reports
    )
    with_value = [point for point in history if point.current is not None]
    with_confidence = [point for point in history if point.confidence]
    current = with_value[-1].current if with_value else None
    return KeyResultProgress(
        key_result=key_result, ref=ref, current=current, progress=progress_of(key_result, current),
        confidence=with_confidence[-1].confidence if with_confidence else "", history=history,
    )


def _group(snapshot: WorkshopSnapshot, as_of: str | None = None) -> tuple[dict, dict]:
    """Each check-in's (date, order by date), and each key result's values: once per snapshot, not
    per key result (a 50-team roll-up has 1,250 key results). With `as_of` (an ISO date), only the
    check-ins held on or before it count."""
    held = sorted((c for c in snapshot.checkins if as_of is None or c.held_on <= as_of),
                  key=lambda checkin: (checkin.held_on, checkin.id))  # ISO dates sort as text
    dates = {checkin.id: (checkin.held_on, order) for order, checkin in enumerate(held)}
    values_by_kr: dict[int, list] = {}
    for value in snapshot.checkin_values:
        if value.checkin_id in dates:
            values_by_kr.setdefault(value.key_result_id, []).append(value)
    return dates, values_by_kr


def quarter_progress(snapshot: WorkshopSnapshot, as_of: str | None = None) -> tuple[ObjectiveProgress, ...]:
    """Every objective's progress with its key results', numbered as the app and PDF show them; with
    `as_of` (an ISO date), as it stood that day: later check-ins do not count."""
    grouped = _group(snapshot, as_of)
    key_results_of: dict[int, list] = {}
    for key_result in snapshot.key_results:
        key_results_of.setdefault(key_result.objective_id, []).append(key_result)
    objectives = []
    for number, objective in enumerate(snapshot.objectives, start=1):
        key_results = tuple(_key_result_progress(kr, f"{number}.{kr_number}", grouped)
                            for kr_number, kr in enumerate(key_results_of.get(objective.id, ()), start=1))
        values = [kr.progress for kr in key_results]
        progress = None if all(v is None for v in values) else sum(v or 0.0 for v in values) / len(values)
        objectives.append(ObjectiveProgress(objective=objective, ref=str(number), progress=progress,
                                            key_results=key_results))
    return tuple(objectives)


def key_result_by_ref(snapshot: WorkshopSnapshot) -> dict[str, Any]:
    """Every key result keyed by the number shown for it ("2.3")."""
    return {
        f"{number}.{kr_number}": kr
        for number, objective in enumerate(snapshot.objectives, start=1)
        for kr_number, kr in enumerate(snapshot.key_results_of(objective.id), start=1)
    }


def _rounded(number: float | None) -> float | None:
    return None if number is None else round(number, 4)


def okrs_summary(snapshot: WorkshopSnapshot) -> list[dict]:
    """The `okrs` list of `okr-workshop info --json` (ARCHITECTURE.md, Command line): numbers as numbers, None where
    there is nothing yet, progress rounded to 4 places. A milestone with named stages reads as a
    metric of stages: baseline 0, target its number of stages, current the stages done."""
    okrs = []
    for objective in quarter_progress(snapshot):
        key_results = []
        for kr in objective.key_results:
            record = kr.key_result
            staged = record.kind == models.MILESTONE and kr.stage_count > 0
            baseline, target = metric_numbers(record) if record.kind == models.METRIC else (None, None)
            key_results.append({
                "ref": kr.ref, "text": record.text, "kind": record.kind,
                "baseline": 0.0 if staged else baseline,
                "target": float(kr.stage_count) if staged else target,
                "unit": "stages" if staged and not record.unit else (unit_of(record) or None),
                "direction": models.INCREASE if staged else (direction_of(record) or None),
                "current": kr.current, "progress": _rounded(kr.progress), "confidence": kr.confidence or None,
            })
        okrs.append({"ref": objective.ref, "text": objective.objective.text,
                     "progress": _rounded(objective.progress), "score": objective.score,
                     "key_results": key_results})
    return okrs
