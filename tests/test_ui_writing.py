"""Writing OKRs in the room: the cascade, objectives and key-results pages, the coach panel, the paste
dialog and the example library (ARCHITECTURE.md, The workshop steps 2-4, Screens, The coach, In the room).
Each page is built alone on a copy
of the demo workshop; controls are found by their accessible names, as a screen reader finds them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget,
)

from assets import load_json
from tests.conftest import save_artifact
from ui.coach_panel import CoachPanel
from ui.example_library import open_example_library
from ui.pages.cascade import CascadePage
from ui.pages.key_results import KeyResultsPage
from ui.pages.objectives import ObjectivesPage
from ui.paste_okrs import open_paste_dialog
from ui.projector_content import body_blocks
from ui.session_model import SessionModel
from workshop import models
from workshop.session import open_session

pytestmark = pytest.mark.gui

WEAK_OBJECTIVE = "Улучшить продажи на 20% 🚀"
GOOD_OBJECTIVE = "Make checkout feel effortless for Zoë and Дмитрий so that customers finish the orders they start 🎉"


# -- helpers ---------------------------------------------------------------------------------------

def named(root: QWidget, cls, name: str):
    """The visible-or-not child of `root` of type `cls` whose accessible name is `name`."""
    found = [w for w in root.findChildren(cls) if w.accessibleName() == name]
    assert found, f"no {cls.__name__} named {name!r}"
    return found[-1]  # a rebuilt list may still hold its old widgets until deleteLater runs


def type_text(widget: QWidget, text: str) -> None:
    """Type any Unicode text, one key event per character (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for character in text:
        key = Qt.Key.Key_Return if character == "\n" else Qt.Key.Key_unknown
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier,
                                                 character))


def choose(combo: QComboBox, index: int) -> None:
    """Pick an entry as a person does (bound combos listen to `activated`)."""
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def rows(model, table) -> list:
    return list(model.service.rows(table))


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def model(session_model) -> SessionModel:
    return session_model


@pytest.fixture
def coach_panel(qtbot, model) -> CoachPanel:
    panel = CoachPanel(model)
    qtbot.addWidget(panel)
    return panel


# -- objectives ------------------------------------------------------------------------------------

def test_typed_unicode_objective_is_coached_projected_and_undone_in_one_step(qtbot, model, coach_panel):
    page = show(qtbot, ObjectivesPage(model))
    page.coach_subject.connect(coach_panel.show_subject)
    named(page, QAbstractButton, "Add objective").click()
    number = len(rows(model, models.Objective))
    new_id = rows(model, models.Objective)[-1].id
    editor = named(page, QPlainTextEdit, f"Objective {number}")
    steps_before = model.undo_stack.count()

    type_text(editor, WEAK_OBJECTIVE)
    assert model.service.row(models.Objective, new_id).text == WEAK_OBJECTIVE
    qtbot.waitUntil(lambda: "OBJ-NUMBER" in [f.code for f in coach_panel.item_findings])
    assert "Worth a look" in coach_panel.findings_label.text() and "Try:" in coach_panel.findings_label.text()
    assert "⚑" in "".join(body_blocks(model.service, 3, 0))

    editor.selectAll()
    type_text(editor, GOOD_OBJECTIVE)
    qtbot.waitUntil(lambda: coach_panel.subject and coach_panel.subject[1] == GOOD_OBJECTIVE
                    and not coach_panel.item_findings)
    qtbot.waitUntil(lambda: "reads well" in coach_panel.findings_label.text())
    projected = "".join(body_blocks(model.service, 3, 0))
    assert GOOD_OBJECTIVE in projected

    assert model.undo_stack.count() == steps_before + 1  # every keystroke merged into one step
    model.undo_stack.undo()
    assert model.service.row(models.Objective, new_id).text == ""
    assert editor.toPlainText() == ""


def test_enter_never_breaks_an_objective_into_lines(qtbot, model):
    page = show(qtbot, ObjectivesPage(model))
    editor = named(page, QPlainTextEdit, "Objective 1")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "\n" not in model.service.rows(models.Objective)[0].text


def test_objective_formula_composes_one_undo_step(qtbot, model):
    page = show(qtbot, ObjectivesPage(model))
    first = rows(model, models.Objective)[0]
    old_text = first.text
    assert named(page, QLineEdit, "Formula verb, objective 1").text() == "Make"  # read from the sentence
    named(page, QLineEdit, "Formula verb, objective 1").setText("make")
    named(page, QLineEdit, "What we want to change, objective 1").setText("paying for groceries calm ☕ for Zoë")
    choose(named(page, QComboBox, "Connector, objective 1"), 1)
    named(page, QLineEdit, "Why it matters, objective 1").setText("families can order in one go.")
    steps = model.undo_stack.count()
    named(page, QAbstractButton, "Compose objective 1").click()
    composed = "Make paying for groceries calm ☕ for Zoë in order to families can order in one go"
    assert model.service.row(models.Objective, first.id).text == composed
    assert named(page, QPlainTextEdit, "Objective 1").toPlainText() == composed
    assert model.undo_stack.count() == steps + 1
    model.undo_stack.undo()
    assert model.service.row(models.Objective, first.id).text == old_text


def test_guidance_warns_above_five_objectives(qtbot, model, coach_panel):
    page = show(qtbot, ObjectivesPage(model))
    guidance = named(page, QLabel, "Objective count guidance")
    assert "4 objectives" in guidance.text()
    for text in ("Make refunds painless so that support can breathe", "Help Ольга ship faster so that we learn"):
        model.add_row(models.Objective, {"text": text}, "add")
    assert "Worth a look" in guidance.text() and "6" in guidance.text()
    qtbot.waitUntil(lambda: "SET-OBJ-COUNT" in [f.code for f in coach_panel.set_findings])
    assert "Worth a look" in coach_panel.set_label.text()
    model.undo_stack.undo()
    assert "5 objectives" in guidance.text()


def test_votes_sort_ideas_and_an_idea_becomes_an_objective(qtbot, model):
    page = show(qtbot, ObjectivesPage(model))
    type_text(named(page, QLineEdit, "New idea"), "Снизить число звонков в поддержку 📞")
    named(page, QAbstractButton, "Add idea").click()
    idea = rows(model, models.Candidate)[-1]
    assert idea.text == "Снизить число звонков в поддержку 📞" and idea.votes == 0
    top_votes = max(c.votes for c in rows(model, models.Candidate))
    for _ in range(top_votes + 1):
        position = [c.id for c in page.candidates.candidates()].index(idea.id) + 1
        named(page, QAbstractButton, f"Add a vote to idea {position}").click()
    assert page.candidates.candidates()[0].id == idea.id
    assert named(page, QLineEdit, "Idea 1").text() == idea.text  # shown first on the page too
    assert "votes" in named(page, QLabel, "Votes for idea 1").text()

    objectives_before = len(rows(model, models.Objective))
    named(page, QAbstractButton, "Promote idea 1 to objective").click()
    assert len(rows(model, models.Objective)) == objectives_before + 1
    assert rows(model, models.Objective)[-1].text == idea.text
    assert not named(page, QAbstractButton, "Promote idea 1 to objective").isEnabled()
    model.undo_stack.undo()
    assert len(rows(model, models.Objective)) == objectives_before


def test_example_library_inserts_an_okr_in_one_undo_step(qtbot, model):
    areas = load_json("examples.json")["areas"]
    dialog = open_example_library(None, model)
    qtbot.addWidget(dialog)
    dialog.area_list.setCurrentRow(1)
    dialog.okr_list.setCurrentRow(2)
    example = areas[1]["okrs"][2]
    objectives, key_results = len(rows(model, models.Objective)), len(rows(model, models.KeyResult))
    named(dialog, QAbstractButton, "Insert into workshop").click()
    added = rows(model, models.Objective)[-1]
    assert added.text == example["objective"] and added.commitment == example["commitment"]
    assert [kr.text for kr in model.service.children(models.KeyResult, "objective_id", added.id)] \
        == example["key_results"]
    model.undo_stack.undo()
    assert len(rows(model, models.Objective)) == objectives
    assert len(rows(model, models.KeyResult)) == key_results
    model.undo_stack.redo()
    assert rows(model, models.Objective)[-1].id == added.id
    dialog.close()


# -- cascade ---------------------------------------------------------------------------------------

def test_cascade_choice_is_undoable(qtbot, model):
    page = show(qtbot, CascadePage(model))
    named(page, QAbstractButton, "Choose Duality").click()
    assert model.details.cascade_model == models.DUALITY
    model.undo_stack.undo()
    assert model.details.cascade_model == models.FLEXIBLE
    assert named(page, QAbstractButton, "Choose Flexible").isChecked()
    assert not named(page, QAbstractButton, "Choose Duality").isChecked()


def test_duality_makes_a_company_key_result_our_objective(qtbot, model):
    page = show(qtbot, CascadePage(model))
    named(page, QAbstractButton, "Choose Duality").click()
    company_kr = rows(model, models.CompanyKeyResult)[0]
    before = len(rows(model, models.Objective))
    named(page, QAbstractButton, "Make company key result 1 our objective").click()
    adopted = rows(model, models.Objective)[-1]
    assert (adopted.text, adopted.parent_key_result_id, adopted.parent_objective_id) == \
        (company_kr.text, company_kr.id, company_kr.company_objective_id)
    assert not named(page, QAbstractButton, "Make company key result 1 our objective").isEnabled()
    first_company = page.tree.topLevelItem(0)
    assert company_kr.text in [first_company.child(i).text(0) for i in range(first_company.childCount())]
    model.undo_stack.undo()
    assert len(rows(model, models.Objective)) == before
    assert named(page, QAbstractButton, "Make company key result 1 our objective").isEnabled()


def test_flexible_links_an_objective_and_the_tree_follows(qtbot, model):
    page = show(qtbot, CascadePage(model))
    assert model.details.cascade_model == models.FLEXIBLE
    first = rows(model, models.Objective)[0]
    second_company = rows(model, models.CompanyObjective)[1]
    choose(named(page, QComboBox, "Company objective for objective 1"), 2)
    assert model.service.row(models.Objective, first.id).parent_objective_id == second_company.id
    branch = page.tree.topLevelItem(1)
    assert first.text in [branch.child(i).text(0) for i in range(branch.childCount())]
    choose(named(page, QComboBox, "Company objective for objective 1"), 0)
    not_aligned = page.tree.topLevelItem(page.tree.topLevelItemCount() - 1)
    assert not_aligned.text(0) == "Not aligned" and not_aligned.child(0).text(0) == first.text

    page.hide()  # another step is on screen: the tree catches up when the page shows again
    model.add_row(models.Objective, {"text": "Earn back Björn's trust so that he reorders"}, "add")
    page.show()
    not_aligned = page.tree.topLevelItem(page.tree.topLevelItemCount() - 1)
    assert not_aligned.child(1).text(0) == "Earn back Björn's trust so that he reorders"


# -- key results -----------------------------------------------------------------------------------

def test_key_result_formula_sets_every_field_in_one_undo_step(qtbot, model, coach_panel):
    page = show(qtbot, KeyResultsPage(model))
    page.coach_subject.connect(coach_panel.show_subject)
    named(page, QAbstractButton, "Add key result").click()
    number = len(model.service.children(models.KeyResult, "objective_id", page.objective_id))
    kr_id = model.service.children(models.KeyResult, "objective_id", page.objective_id)[-1].id
    n = str(number)
    named(page, QLineEdit, f"Verb, key result {n}").setText("Raise")
    named(page, QLineEdit, f"What we measure, key result {n}").setText("checkout completion")
    named(page, QLineEdit, f"From, key result {n}").setText("71")
    named(page, QLineEdit, f"To, key result {n}").setText("82")
    named(page, QLineEdit, f"Unit, key result {n}").setText("%")
    named(page, QDateEdit, f"By when, key result {n}").setDate(QDate(2027, 3, 31))
    steps = model.undo_stack.count()
    named(page, QAbstractButton, f"Compose key result {n}").click()
    row = model.service.row(models.KeyResult, kr_id)
    assert row.text == "Raise checkout completion from 71% to 82% by 31 March"
    assert (row.baseline, row.target, row.unit, row.due_date) == ("71", "82", "%", "2027-03-31")
    assert model.undo_stack.count() == steps + 1
    model.undo_stack.undo()
    row = model.service.row(models.KeyResult, kr_id)
    assert (row.text, row.baseline, row.target, row.unit, row.due_date) == ("", "", "", "", "")

    type_text(named(page, QPlainTextEdit, f"Key result {n}"), "Ship the new Zahlungsseite 💳")
    choose(named(page, QComboBox, f"Kind of key result {n}"), 1)
    assert model.service.row(models.KeyResult, kr_id).kind == models.MILESTONE
    assert named(page, QPlainTextEdit, f"Stages of key result {n}").isVisible()
    assert not named(page, QLineEdit, f"From, key result {n}").isVisible()
    qtbot.waitUntil(lambda: "KR-STAGES" in [f.code for f in coach_panel.item_findings])
    assert "Needs fixing" in coach_panel.findings_label.text()


def test_initiatives_stay_apart_from_key_results(qtbot, model):
    page = show(qtbot, KeyResultsPage(model))
    initiatives, key_results = len(rows(model, models.Initiative)), len(rows(model, models.KeyResult))
    named(page, QAbstractButton, "Add initiative").click()
    assert len(rows(model, models.Initiative)) == initiatives + 1
    assert len(rows(model, models.KeyResult)) == key_results
    assert rows(model, models.Initiative)[-1].objective_id == page.objective_id


def test_necessary_and_sufficient_answers_are_saved(qtbot, demo_file):
    model = SessionModel(open_session(demo_file))
    page = show(qtbot, KeyResultsPage(model))
    second = rows(model, models.Objective)[1]
    page.select_objective(second.id)
    assert page.objective_id == second.id
    choose(named(page, QComboBox, "Necessary test answer"), 2)
    choose(named(page, QComboBox, "Sufficient test answer"), 0)
    note = named(page, QLineEdit, "Necessary test note")
    note.clear()
    type_text(note, "Один лишний: оставим три ✂")
    page.close()
    model.close()

    reopened = open_session(demo_file)
    try:
        row = reopened.row(models.Objective, second.id)
        assert (row.necessary, row.sufficient, row.necessary_note) == (False, None, "Один лишний: оставим три ✂")
    finally:
        reopened.store.close()


# -- paste -----------------------------------------------------------------------------------------

def test_paste_dialog_adds_objectives_and_key_results_in_one_undo_step(qtbot, model):
    dialog = open_paste_dialog(None, model)
    qtbot.addWidget(dialog)
    dialog.set_text("Rendre la livraison fiable pour que les clients aient confiance 🚚\n"
                    "- Raise on-time deliveries from 88% to 97%\n")
    assert "Cannot read this yet" in dialog.result.text() and "Line 2" in dialog.result.text()
    assert not dialog.add_button.isEnabled()
    dialog.set_text("# from the planning email\n"
                    "Rendre la livraison fiable pour que les clients aient confiance 🚚\n"
                    "  - Raise on-time deliveries from 88% to 97%\n"
                    "\t- Cut missing items from 3 per 100 orders to 1\n"
                    "Сделать оплату понятной, чтобы клиенты не бросали корзину\n"
                    "  - Снизить отказы на шаге оплаты с 18% до 9%\n")
    assert "2 objectives and 3 key results" in dialog.result.text()
    objectives, key_results = len(rows(model, models.Objective)), len(rows(model, models.KeyResult))
    named(dialog, QAbstractButton, "Add to workshop").click()
    added = rows(model, models.Objective)[-2:]
    assert [o.text for o in added] == ["Rendre la livraison fiable pour que les clients aient confiance 🚚",
                                       "Сделать оплату понятной, чтобы клиенты не бросали корзину"]
    assert len(model.service.children(models.KeyResult, "objective_id", added[0].id)) == 2
    assert len(rows(model, models.KeyResult)) == key_results + 3
    model.undo_stack.undo()
    assert len(rows(model, models.Objective)) == objectives
    assert len(rows(model, models.KeyResult)) == key_results


def test_paste_dialog_reads_as_it_is_typed(qtbot, model):
    dialog = open_paste_dialog(None, model)
    qtbot.addWidget(dialog)
    type_text(dialog.text_box, "Grow calmly so that we keep our nerve\n  - Raise NPS from 30 to 45")
    qtbot.waitUntil(lambda: "1 objective and 1 key result" in dialog.result.text())
    assert dialog.add_button.isEnabled()


# -- long text and screenshots -----------------------------------------------------------------------

def test_long_mixed_script_text_keeps_the_layout(qtbot, model):
    """A very long objective in several scripts must wrap, not widen the page beyond its window."""
    long_text = ("Сделать " + "очень " * 40 + "понятным ✅ שלום עולם مرحبا بالعالم so that " + "Zoë " * 60).strip()
    first = rows(model, models.Objective)[0]
    model.set_field(models.Objective, first.id, "text", long_text, "long")
    for page_class in (ObjectivesPage, CascadePage, KeyResultsPage):
        page = show(qtbot, page_class(model))
        page.resize(1000, 900)  # about the centre of the facilitator window beside the side panel
        QApplication.processEvents()
        content = page.findChild(QWidget, "pageTitle").parentWidget()
        assert content.width() <= page.width(), page_class.__name__
        save_artifact(page, f"{page_class.__name__}_long_text")


@pytest.fixture
def themed(qapp):
    from ui.theme import apply_theme

    palette, sheet = qapp.palette(), qapp.styleSheet()
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


@pytest.mark.parametrize("name, page_class", [("step2_cascade", CascadePage), ("step2_cascade_duality", CascadePage),
                                              ("step3_objectives", ObjectivesPage),
                                              ("step4_key_results", KeyResultsPage)])
def test_screenshots_of_each_page(qtbot, model, themed, name, page_class):
    if name.endswith("duality"):
        model.set_field(models.Workshop, 1, "cascade_model", models.DUALITY, "duality")
    page = show(qtbot, page_class(model))
    assert save_artifact(page, name).stat().st_size > 0
    content = page.findChild(QWidget, "pageTitle").parentWidget()
    page.resize(1400, content.sizeHint().height() + 4)  # the whole page, to look at below the fold
    QApplication.processEvents()
    save_artifact(page, f"{name}_full")


def test_screenshots_of_the_coach_and_dialogs(qtbot, model, themed, coach_panel):
    coach_panel.resize(360, 700)
    coach_panel.show_subject(("objective", WEAK_OBJECTIVE, ""))
    qtbot.waitUntil(lambda: bool(coach_panel.item_findings))
    save_artifact(coach_panel, "coach_panel")
    paste = open_paste_dialog(None, model)
    qtbot.addWidget(paste)
    paste.set_text("Make our release process predictable so that customers can plan upgrades\n"
                   "  - Reduce failed deployments from 12% to 3%\n  - Cut lead time from 9 days to 2 days\n")
    save_artifact(paste, "paste_okrs")
    library = open_example_library(None, model)
    qtbot.addWidget(library)
    save_artifact(library, "example_library")
