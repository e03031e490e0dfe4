"""Start the next period from this workshop (issue 14 item 8): a new session file that carries over
what a team keeps from one quarter to the next, leaving the old file untouched.

Carried over: the team, facilitator and review cadence; the participants; the company objectives and
their key results; and every aspirational objective not finished (progress below 100%), with the key
results still open. A carried metric starts from where it got to (its baseline becomes its last
value, the target stays); a carried milestone keeps only the stages not done. The words of each key
result stay as the team wrote them (the coach will point at a baseline that changed). Committed and
finished objectives, scores, check-ins, answers and brainstorms stay in the old period's file.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from workshop import models
from workshop.errors import ReadableError
from workshop.kr_numbers import format_number
from workshop.progress import quarter_progress, stages_of
from workshop.schedule import CadenceChoices, format_starts_at, generate_schedule
from workshop.service import WorkshopService
from workshop.session import create_session, default_rows
from workshop.snapshot import WorkshopSnapshot

_CARRIED_DETAILS = ("team", "facilitator", "cascade_model", "warning_seconds", "chime_muted", "weekly_weekday",
                    "weekly_time", "weekly_minutes", "monthly_weekday", "monthly_time", "monthly_minutes",
                    "retro_minutes")
_QUARTER_LABEL = re.compile(r"(?P<year>\d{4})-Q(?P<quarter>[1-4])\Z")


class NextPeriodError(ReadableError):
    """The next period's file could not be started; `str(error)` is one sentence."""


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def next_period(label: str, start: str, end: str) -> tuple[str, str, str]:
    """The period after (label, start, end): as long, starting the day after; "2027-Q1" becomes
    "2027-Q2" and whole months stay whole months. Empty strings where the old period was not set."""
    match = _QUARTER_LABEL.match(label.strip())
    new_label = ""
    if match:
        year, quarter = int(match["year"]), int(match["quarter"])
        new_label = f"{year + quarter // 4}-Q{quarter % 4 + 1}"
    try:
        old_start, old_end = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        return new_label, "", ""
    length = (old_end - old_start).days
    if length < 0 or old_end.toordinal() + length + 62 > date.max.toordinal():
        return new_label, "", ""  # backwards, or no room left in the calendar for a next period
    new_start = old_end + timedelta(days=1)
    if old_start.day == 1 and new_start.day == 1:  # whole months: the same number of months again
        months = (new_start.year - old_start.year) * 12 + new_start.month - old_start.month
        new_end = _add_months(new_start, months) - timedelta(days=1)
    else:
        new_end = new_start + (old_end - old_start)
    return new_label, new_start.isoformat(), new_end.isoformat()


def next_period_rows(snapshot: WorkshopSnapshot) -> dict[type, list[dict]]:
    """The rows of the next period's workshop, built from this one's snapshot (see the module's docstring)."""
    details = snapshot.details
    label, start, end = next_period(details.period_label, details.period_start, details.period_end)
    rows = default_rows()
    carried = {name: getattr(details, name) for name in _CARRIED_DETAILS}
    title = f"{label} OKR workshop" if label else (f"{details.team} OKRs".strip() if details.team else "")
    rows[models.Workshop][0].update(carried, title=title, period_label=label, period_start=start, period_end=end)
    rows[models.Participant] = [{"id": p.id, "position": p.position, "name": p.name, "role": p.role,
                                 "email": p.email} for p in snapshot.participants]
    rows[models.CompanyObjective] = [{"id": c.id, "position": c.position, "text": c.text}
                                     for c in snapshot.company_objectives]
    rows[models.CompanyKeyResult] = [{"id": k.id, "company_objective_id": k.company_objective_id,
                                      "position": k.position, "text": k.text} for k in snapshot.company_key_results]
    objectives, key_results = [], []
    for objective in quarter_progress(snapshot):
        record = objective.objective
        if record.commitment != models.ASPIRATIONAL or (objective.progress or 0.0) >= 1.0:
            continue
        objectives.append({"id": record.id, "position": len(objectives), "text": record.text,
                           "commitment": models.ASPIRATIONAL, "parent_objective_id": record.parent_objective_id,
                           "parent_key_result_id": record.parent_key_result_id})
        open_krs = [kr for kr in objective.key_results if (kr.progress or 0.0) < 1.0]
        for position, kr in enumerate(open_krs):
            key_results.append({**_carried_key_result(kr.key_result, kr.current), "position": position})
    rows[models.Objective], rows[models.KeyResult] = objectives, key_results
    if start and end:
        meetings = generate_schedule(date.fromisoformat(start), date.fromisoformat(end),
                                     CadenceChoices.from_workshop(models.Workshop(**rows[models.Workshop][0])))
        rows[models.ReviewEvent] = [{"id": i + 1, "kind": m.kind, "title": m.title,
                                     "starts_at": format_starts_at(m.starts_at), "minutes": m.minutes}
                                    for i, m in enumerate(meetings)]
    return rows


def _carried_key_result(record, current: float | None) -> dict:
    carried = {"id": record.id, "objective_id": record.objective_id, "text": record.text, "kind": record.kind,
               "baseline": record.baseline, "target": record.target, "unit": record.unit, "stages": record.stages,
               "owner": record.owner, "direction": record.direction, "baseline_value": record.baseline_value,
               "target_value": record.target_value}
    if current is None:
        return carried
    if record.kind == models.MILESTONE:
        carried["stages"] = "\n".join(stages_of(record)[int(current):])
    else:
        carried.update(baseline=format_number(current).replace("\u2212", "-"), baseline_value=current)
    return carried


def start_next_period(snapshot: WorkshopSnapshot, source: Path, target: Path) -> WorkshopService:
    """Write the next period's workshop to `target` and return it open; `source` is never touched.

    Args:
        snapshot: the finished period's session, frozen.
        source: the finished period's file (refused as the target).
        target: the new file; refused when it exists already.

    Raises:
        NextPeriodError: one sentence, when `target` is the source or exists already.
        StorageError: the new file could not be written.
    """
    source, target = Path(source), Path(target)
    if target.resolve() == source.resolve():
        raise NextPeriodError(f"{target.name} is this period's own file; choose a new name for the next period.")
    if target.exists():
        raise NextPeriodError(f"{target.name} already exists; choose another name for the next period.")
    return create_session(target, next_period_rows(snapshot))
