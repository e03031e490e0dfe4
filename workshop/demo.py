"""The demo workshop: a complete, realistic session (every step filled) from assets/demo.json,
with the first six weeks of its quarter checked in (and the retrospective, once the period is over)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assets import load_json
from workshop import models
from workshop.agenda import DEFAULT_MINUTES, STEP_NUMBERS
from workshop.checkins import retrospective_questions
from workshop.kr_numbers import parse_number
from workshop.progress import progress_of, suggested_score
from workshop.schedule import CadenceChoices, format_starts_at, generate_schedule
from workshop.service import WorkshopService
from workshop.session import create_session


def demo_rows() -> dict[type, list[dict]]:
    """Every row of the demo workshop, as dicts keyed by table, with ids assigned."""
    data = load_json("demo.json")
    details = {"id": 1, **data["workshop"]}
    rows: dict[type, list[dict]] = {models.Workshop: [details]}
    rows[models.Participant] = [
        {"id": i + 1, "position": i, "name": name, "role": role}
        for i, (name, role) in enumerate(data["participants"])
    ]
    rows[models.AgendaStep] = [
        {"id": n, "planned_minutes": DEFAULT_MINUTES[n], "used_seconds": data["used_minutes"][n] * 60,
         "status": models.STEP_DONE if n < details["current_step"] else models.STEP_ACTIVE}
        for n in STEP_NUMBERS
    ]
    company_objectives, company_krs = [], []
    for position, entry in enumerate(data["company_objectives"]):
        company_objectives.append({"id": position + 1, "position": position, "text": entry["text"]})
        for kr_position, text in enumerate(entry["key_results"]):
            company_krs.append({"id": len(company_krs) + 1, "company_objective_id": position + 1,
                                "position": kr_position, "text": text})
    rows[models.CompanyObjective], rows[models.CompanyKeyResult] = company_objectives, company_krs

    objectives, key_results, initiatives = [], [], []
    for position, entry in enumerate(data["objectives"]):
        objective_id = position + 1
        necessary, necessary_note = entry["necessary"]
        sufficient, sufficient_note = entry["sufficient"]
        objectives.append({
            "id": objective_id, "position": position, "text": entry["text"],
            "commitment": entry["commitment"], "parent_objective_id": entry["parent"] + 1,
            "necessary": necessary, "necessary_note": necessary_note,
            "sufficient": sufficient, "sufficient_note": sufficient_note,
        })
        for kr_position, kr in enumerate(entry["key_results"]):
            key_results.append({"id": len(key_results) + 1, "objective_id": objective_id,
                                "position": kr_position, "kind": models.METRIC, **kr, **_numbers(kr)})
        for i_position, (text, owner) in enumerate(entry["initiatives"]):
            initiatives.append({"id": len(initiatives) + 1, "objective_id": objective_id,
                                "position": i_position, "text": text, "owner": owner})
    rows[models.Objective], rows[models.KeyResult], rows[models.Initiative] = objectives, key_results, initiatives

    rows[models.Candidate] = [
        {"id": i + 1, "position": i, "text": text, "votes": votes}
        for i, (text, votes) in enumerate(data["candidates"])
    ]
    rows[models.OpenQuestion] = [
        {"id": i + 1, "position": i, "text": text, "answered": answered}
        for i, (text, answered) in enumerate(data["open_questions"])
    ]
    rows[models.ActionItem] = [
        {"id": i + 1, "position": i, "what": what, "who": who, "due_date": due}
        for i, (what, who, due) in enumerate(data["action_items"])
    ]
    meetings = generate_schedule(
        date.fromisoformat(details["period_start"]),
        date.fromisoformat(details["period_end"]),
        CadenceChoices.from_workshop(models.Workshop(**details)),
    )
    rows[models.ReviewEvent] = [
        {"id": i + 1, "kind": m.kind, "title": m.title, "starts_at": format_starts_at(m.starts_at),
         "minutes": m.minutes}
        for i, m in enumerate(meetings)
    ]
    return rows


def _numbers(key_result: dict) -> dict:
    """The number fields of a demo metric, from the baseline and target it writes."""
    baseline, target = parse_number(key_result.get("baseline", "")), parse_number(key_result.get("target", ""))
    if key_result.get("kind") == models.MILESTONE or baseline is None or target is None:
        return {}
    return {"baseline_value": baseline, "target_value": target,
            "direction": models.INCREASE if target > baseline else models.DECREASE}


def quarter_rows(rows: dict[type, list[dict]], today: date) -> dict[type, list[dict]]:
    """The demo quarter's check-ins and their values; the retrospective with its scores and answers
    when `today` is after the period (the demo's dates are fixed, the day it is written is not)."""
    quarter = load_json("demo.json")["quarter"]
    refs = {}
    for number, objective in enumerate(rows[models.Objective], start=1):
        mine = [kr for kr in rows[models.KeyResult] if kr["objective_id"] == objective["id"]]
        refs.update({f"{number}.{kr_number}": kr for kr_number, kr in enumerate(mine, start=1)})
    meeting_on = {event["starts_at"][:10]: event for event in rows[models.ReviewEvent]}
    checkins, values = [], []

    def add_checkin(held_on: str, kind: str, minutes: int, note: str) -> int:
        meeting = meeting_on.get(held_on)
        checkins.append({"id": len(checkins) + 1, "kind": kind, "held_on": held_on, "used_seconds": minutes * 60,
                         "note": note, "review_event_id": meeting["id"] if meeting else None})
        return len(checkins)

    def add_value(checkin_id: int, key_result: dict, value, confidence: str = "", note: str = "") -> None:
        milestone = key_result.get("kind") == models.MILESTONE
        values.append({"id": len(values) + 1, "checkin_id": checkin_id, "key_result_id": key_result["id"],
                       "value": None if milestone or value is None else float(value),
                       "stages_done": int(value) if milestone and value is not None else None,
                       "confidence": confidence, "note": note})

    confidences = {"o": models.ON_TRACK, "r": models.AT_RISK, "x": models.OFF_TRACK, "-": ""}
    for index, meeting in enumerate(quarter["checkins"]):
        checkin_id = add_checkin(meeting["date"], models.WEEKLY, meeting["minutes"], meeting["note"])
        for ref, history in quarter["key_results"].items():
            value, confidence = history["values"][index], confidences[history["confidence"][index]]
            note = history.get("notes", {}).get(meeting["date"], "")
            if value is not None or confidence or note:
                add_value(checkin_id, refs[ref], value, confidence, note)
    rows[models.Checkin], rows[models.CheckinValue], rows[models.RetroAnswer] = checkins, values, []
    period_end = rows[models.Workshop][0]["period_end"]
    if today.isoformat() > period_end:
        _add_retrospective(rows, quarter["retrospective"], refs, add_checkin, add_value)
    return rows


def _add_retrospective(rows, retrospective: dict, refs: dict, add_checkin, add_value) -> None:
    held_on = max((e["starts_at"][:10] for e in rows[models.ReviewEvent] if e["kind"] == models.RETROSPECTIVE),
                  default=rows[models.Workshop][0]["period_end"])
    checkin_id = add_checkin(held_on, models.RETROSPECTIVE, retrospective["minutes"], "")
    commitment_of = {o["id"]: o["commitment"] for o in rows[models.Objective]}
    for ref, value in retrospective["final_values"].items():
        key_result = refs[ref]
        add_value(checkin_id, key_result, value)
        progress = progress_of(models.KeyResult(**key_result), float(value))
        key_result["score"] = suggested_score(commitment_of[key_result["objective_id"]], progress)
    for objective, score in zip(rows[models.Objective], retrospective["objective_scores"]):
        objective["score"] = score
    rows[models.RetroAnswer] = [
        {"id": i + 1, "position": i, "question": question, "answer": answer}
        for i, (question, answer) in enumerate(zip(retrospective_questions(), retrospective["answers"]))
    ]


def write_demo(path: Path, today: date | None = None) -> WorkshopService:
    """Write the demo workshop to `path` (replacing any file there) and return it open.

    Args:
        path: where to write it.
        today: the day it is written (default: today); the retrospective is in the demo only after
            the demo's period has ended.
    """
    return create_session(Path(path), quarter_rows(demo_rows(), today or date.today()))
