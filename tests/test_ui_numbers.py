"""Typing a key result fills the numbers it states (issue 14, item 1): baseline, target, unit,
direction, or a milestone's stages, in the same undo step as the typing; a value the facilitator
entered by hand is never overwritten."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

from tests.conftest import save_artifact
from tests.test_ui_writing import named, show, type_text
from ui.pages.key_results import KeyResultsPage
from workshop import models

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, session_model) -> KeyResultsPage:
    return show(qtbot, KeyResultsPage(session_model))


def new_key_result(page) -> tuple[int, str]:
    """Add a key result on the page; its row id and the number the page shows it with."""
    named(page, QAbstractButton, "Add key result").click()
    key_results = page.model.service.children(models.KeyResult, "objective_id", page.objective_id)
    return key_results[-1].id, str(len(key_results))


def numbers(model, kr_id: int) -> tuple:
    row = model.service.row(models.KeyResult, kr_id)
    return row.baseline, row.target, row.unit, row.baseline_value, row.target_value, row.direction


def test_typing_a_key_result_fills_its_numbers_and_the_page_shows_them(qtbot, page):
    kr_id, n = new_key_result(page)
    steps = page.model.undo_stack.count()
    type_text(named(page, QPlainTextEdit, f"Key result {n}"), "Cut response time from 48 hours to 6 hours")
    assert numbers(page.model, kr_id) == ("48", "6", "hours", 48.0, 6.0, models.DECREASE)
    assert page.model.undo_stack.count() == steps + 1  # the whole sentence and its numbers: one step
    shown = [named(page, QLineEdit, f"{field}, key result {n}").text() for field in ("From", "To", "Unit")]
    assert shown == ["48", "6", "hours"]
    assert page.model.flush()
    path = save_artifact(page, "step4_typed_numbers")
    assert path.exists()


def test_one_undo_takes_back_the_text_and_the_numbers_it_filled(qtbot, page):
    kr_id, n = new_key_result(page)
    type_text(named(page, QPlainTextEdit, f"Key result {n}"), "Raise NPS from 31 to 45 among 🇫🇷 customers")
    assert numbers(page.model, kr_id) == ("31", "45", "", 31.0, 45.0, models.INCREASE)
    page.model.undo_stack.undo()
    row = page.model.service.row(models.KeyResult, kr_id)
    assert row.text == ""
    assert numbers(page.model, kr_id) == ("", "", "", None, None, "")
    page.model.undo_stack.redo()
    assert page.model.service.row(models.KeyResult, kr_id).text == "Raise NPS from 31 to 45 among 🇫🇷 customers"
    assert numbers(page.model, kr_id) == ("31", "45", "", 31.0, 45.0, models.INCREASE)


def test_a_target_entered_by_hand_is_kept_while_the_text_changes(qtbot, page):
    kr_id, n = new_key_result(page)
    editor = named(page, QPlainTextEdit, f"Key result {n}")
    type_text(editor, "Cut response time from 48 hours to 1")
    assert numbers(page.model, kr_id) == ("48", "1", "hours", 48.0, 1.0, models.DECREASE)
    page.model.set_fields(models.KeyResult, kr_id, {"target": "5", "target_value": 5.0}, "Edit target")
    type_text(editor, "2 hours per ticket")
    row = page.model.service.row(models.KeyResult, kr_id)
    assert row.text == "Cut response time from 48 hours to 12 hours per ticket"
    assert numbers(page.model, kr_id) == ("48", "5", "hours per ticket", 48.0, 5.0, models.DECREASE)


def test_a_text_that_says_nothing_clear_empties_only_what_the_text_had_filled(qtbot, page):
    kr_id, n = new_key_result(page)
    editor = named(page, QPlainTextEdit, f"Key result {n}")
    type_text(editor, "Cut lead time from 2 days to 1 day")
    page.model.set_fields(models.KeyResult, kr_id, {"unit": "working days"}, "Edit unit")
    type_text(editor, " and from 9 to 3")  # two "from … to …": the coach asks, the fields stay empty
    assert numbers(page.model, kr_id) == ("", "", "working days", None, None, "")


def test_typing_a_milestone_fills_its_kind_and_stages(qtbot, page):
    kr_id, n = new_key_result(page)
    type_text(named(page, QPlainTextEdit, f"Key result {n}"), "Open the Köln office in 3 stages: lease, hire, launch")
    row = page.model.service.row(models.KeyResult, kr_id)
    assert (row.kind, row.stages) == (models.MILESTONE, "lease\nhire\nlaunch")
    assert named(page, QComboBox, f"Kind of key result {n}").currentData() == models.MILESTONE
    stages = named(page, QPlainTextEdit, f"Stages of key result {n}")
    assert stages.isVisible() and stages.toPlainText() == "lease\nhire\nlaunch"


def test_a_kind_and_stages_chosen_by_hand_are_kept(qtbot, page):
    kr_id, n = new_key_result(page)
    page.model.set_fields(models.KeyResult, kr_id, {"kind": models.MILESTONE, "stages": "Plan\nDo"}, "Edit")
    type_text(named(page, QPlainTextEdit, f"Key result {n}"), "Ship it in 3 stages: a, b, c")
    row = page.model.service.row(models.KeyResult, kr_id)
    assert (row.kind, row.stages) == (models.MILESTONE, "Plan\nDo")

