"""The demo workshop: a complete, realistic session (every step filled) from assets/demo.json."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assets import load_json
from workshop import models
from workshop.agenda import DEFAULT_MINUTES, STEP_NUMBERS
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
                                "position": kr_position, "kind": models.METRIC, **kr})
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


def write_demo(path: Path) -> WorkshopService:
    """Write the demo workshop to `path` (replacing any file there) and return it open."""
    return create_session(Path(path), demo_rows())
