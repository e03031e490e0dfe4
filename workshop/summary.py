"""A short, JSON-ready summary of a session: what `okr-workshop info` prints."""

from __future__ import annotations

from workshop.agenda import planned_total_minutes
from workshop.snapshot import WorkshopSnapshot


def summarise(snapshot: WorkshopSnapshot) -> dict:
    details = snapshot.details
    used_seconds = sum(step.used_seconds for step in snapshot.steps)
    return {
        "title": details.title,
        "team": details.team,
        "facilitator": details.facilitator,
        "workshop_date": details.workshop_date,
        "period": details.period_label,
        "period_dates": f"{details.period_start} – {details.period_end}".strip(" –"),
        "participants": [p.name for p in snapshot.participants],
        "cascade_model": details.cascade_model or "not chosen",
        "company_objectives": len(snapshot.company_objectives),
        "objectives": len(snapshot.objectives),
        "key_results": len(snapshot.key_results),
        "initiatives": len(snapshot.initiatives),
        "review_meetings": len(snapshot.review_events),
        "open_questions": len(snapshot.open_questions),
        "action_items": len(snapshot.action_items),
        "planned_minutes": planned_total_minutes(snapshot.steps),
        "used_minutes": round(used_seconds / 60),
    }
