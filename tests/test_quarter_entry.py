"""Key results entering the workshop through the app (Paste OKRs, the example library) get their
numbers read from their words in the same undo step; the words themselves are never rewritten."""

from __future__ import annotations

from workshop import models
from workshop.draft import parse_draft
from workshop.kr_numbers import read_numbers

from ui.example_library import insert_okr
from ui.paste_okrs import add_draft


def test_pasted_key_results_get_their_numbers_and_undo_takes_them_back(session_model):
    draft = parse_draft("Rendre la livraison fiable pour que les clients aient confiance 🚚\n"
                        "  - Raise on-time deliveries from 88% to 97%\n"
                        "  - Снизить отказы на шаге оплаты с 18% до 9%\n"
                        "  - Open the new depot in 3 stages: lease, fit-out, opening\n"
                        "  - Make deliveries feel better\n".encode())
    objective_id = add_draft(session_model, draft)[0]
    added = session_model.service.children(models.KeyResult, "objective_id", objective_id)
    assert [kr.text for kr in added] == [kr.text for kr in draft.objectives[0].key_results]
    assert [(kr.baseline_value, kr.target_value, kr.unit, kr.direction) for kr in added[:2]] == \
           [(88.0, 97.0, "%", models.INCREASE), (18.0, 9.0, "%", models.DECREASE)]
    assert (added[2].kind, added[2].stages) == (models.MILESTONE, "lease\nfit-out\nopening")
    assert (added[3].kind, added[3].baseline, added[3].baseline_value) == (models.METRIC, "", None)
    session_model.undo_stack.undo()
    assert session_model.service.children(models.KeyResult, "objective_id", objective_id) == []


def test_an_example_okr_arrives_with_its_numbers(session_model):
    okr = {"objective": "Put our finances on a steady footing so that we can fund growth with our own cash",
           "commitment": "committed",
           "key_results": ["Raise operating margin from 6% to 11%", "Reduce monthly net cash burn from $420k to $150k"]}
    objective_id = insert_okr(session_model, okr)
    added = session_model.service.children(models.KeyResult, "objective_id", objective_id)
    for key_result in added:
        numbers = read_numbers(key_result.text)
        assert (key_result.baseline_value, key_result.target_value, key_result.unit, key_result.direction) == \
               (numbers.baseline, numbers.target, numbers.unit, numbers.direction)
    assert added[1].unit == "$k" and added[1].direction == models.DECREASE
