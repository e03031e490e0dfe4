"""Turns a plain-text draft (ARCHITECTURE.md, Command line) into rows: for `okr-workshop new` and the app's
Paste OKRs.
"""

from __future__ import annotations

from workshop import models
from workshop.draft import Draft
from workshop.kr_numbers import fields_for_new_key_result
from workshop.session import default_rows


def draft_rows(draft: Draft, first_objective_id: int = 1, first_key_result_id: int = 1,
               first_position: int = 0) -> dict[type, list[dict]]:
    """Objective and key-result rows for a draft, with ids and positions assigned; each key result's
    numbers (baseline, target, unit, direction or stages) are read from its text where they are clear."""
    objectives, key_results = [], []
    for offset, objective in enumerate(draft.objectives):
        objective_id = first_objective_id + offset
        objectives.append({"id": objective_id, "position": first_position + offset, "text": objective.text})
        for position, key_result in enumerate(objective.key_results):
            key_results.append({"id": first_key_result_id + len(key_results), "objective_id": objective_id,
                                "position": position, **fields_for_new_key_result(key_result.text)})
    return {models.Objective: objectives, models.KeyResult: key_results}


def session_rows_from_draft(draft: Draft, team: str = "", period_label: str = "") -> dict[type, list[dict]]:
    """A new workshop holding the draft's OKRs, ready to open at the objectives step."""
    rows = default_rows()
    rows[models.Workshop][0].update(team=team, period_label=period_label, title=f"{team} OKRs".strip())
    rows.update(draft_rows(draft))
    return rows
