"""Nothing changes without the facilitator meaning it (issue 13, item 6), and the window fits a laptop.

Each test here failed on the code before the fix: the wheel over an unfocused spin box changed a
step's minutes, "Compose" dropped the numbers of "from 4% to 7%", "Reset timer" could not be
undone, Ctrl+N replaced a running workshop without asking, and steps merely clicked through were
marked done and counted as time gained.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QSpinBox

from tests.conftest import save_artifact
from ui import preferences
from ui.actions import ActionId
from ui.facilitator_window import FacilitatorWindow
from ui.pages.key_results import KeyResultFormula, compose_key_result
from ui.pages.kr_sentence import read_key_result
from ui.session_model import SessionModel
from workshop import models
from workshop.session import new_untitled_session

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, session_model):
    win = FacilitatorWindow(session_model)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def fresh_model(qapp, fake_clock):
    """A new workshop: no step has used any time yet."""
    model = SessionModel(new_untitled_session(), clock=fake_clock)
    yield model
    model.close()


def wheel_down(widget) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def minutes_box(win, title: str) -> QSpinBox:
    return next(b for b in win.findChildren(QSpinBox) if b.accessibleName() == f"Minutes for {title}")


def test_the_wheel_over_an_unfocused_spin_box_scrolls_the_page(qtbot, window):
    window.model.go_to_step(0)
    box = minutes_box(window, "Cascade model")
    scroll = window.current_page().findChild(QScrollArea).verticalScrollBar()
    before_minutes, before_scroll = box.value(), scroll.value()
    assert not box.hasFocus()
    wheel_down(box)
    assert box.value() == before_minutes
    assert window.model.step_row(2).planned_minutes == before_minutes
    assert scroll.value() > before_scroll  # the page moved instead
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel turn does not give it focus either


def test_the_wheel_changes_a_spin_box_that_has_focus(qtbot, window):
    window.model.go_to_step(0)
    window.activateWindow()
    box = minutes_box(window, "Cascade model")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    before = box.value()
    wheel_down(box)
    assert box.value() == before - 1


def test_compose_keeps_every_number_and_fills_baseline_target_and_unit(qtbot, session_model):
    key_result = session_model.service.rows(models.KeyResult)[0]
    session_model.set_fields(models.KeyResult, key_result.id,
                             {"text": "Raise trial-to-paid conversion from 4% to 7%", "baseline": "", "target": "",
                              "unit": "", "due_date": ""}, "Edit key result")
    formula = KeyResultFormula(session_model, key_result.id, 1)
    qtbot.addWidget(formula)
    formula.compose()
    row = session_model.service.row(models.KeyResult, key_result.id)
    assert row.text == "Raise trial-to-paid conversion from 4% to 7%"
    assert (row.baseline, row.target, row.unit) == ("4", "7", "%")


def test_compose_puts_back_what_it_cannot_place(qtbot, session_model):
    key_result = session_model.service.rows(models.KeyResult)[0]
    text = "Cut the cost per order from €6.40 to €5 for Ωmega customers in Кострома"
    session_model.set_fields(models.KeyResult, key_result.id,
                             {"text": text, "baseline": "", "target": "", "unit": "", "due_date": ""}, "Edit")
    formula = KeyResultFormula(session_model, key_result.id, 1)
    qtbot.addWidget(formula)
    formula.compose()
    row = session_model.service.row(models.KeyResult, key_result.id)
    assert row.text == text
    assert (row.baseline, row.target, row.unit) == ("6.40", "5", "€")
    assert (row.baseline_value, row.target_value, row.direction) == (6.4, 5.0, models.DECREASE)  # for progress


@pytest.mark.parametrize("text", [
    "Grow weekly active teams to 40 teams by the end of the quarter",
    "Lower refund time from 4 days to 36 hours",
    "Ship 3 pilots with 2 partner banks",
    "Raise NPS from 31 to 45 among 🇫🇷 customers",
    "Reduce checkout support tickets from 320 a month to 120 a month",
    "Снизить отток с 4% до 2% from 4% to 2%",
])
def test_reading_a_sentence_back_loses_no_word(text):
    parts = read_key_result(text)
    if "a month" in text:
        assert (parts.baseline, parts.target, parts.unit) == ("320", "120", "a month")
    assert compose_key_result(parts.verb, parts.what, parts.baseline, parts.target, parts.unit, None,
                              rest=parts.rest) == text


def test_reset_timer_is_undoable_and_gives_back_the_used_time(qtbot, fresh_model, fake_clock):
    model = fresh_model
    model.go_to_step(3)
    model.start_timer()
    fake_clock.advance(420)
    model.adjust_timer(300)
    model.pause_timer()
    model.reset_timer()
    assert model.timer.used_seconds() == 0 and model.step_row(3).used_seconds == 0
    assert model.undo_stack.undoText() == "Reset timer"
    model.undo_stack.undo()
    assert model.timer.used_seconds() == 420 and model.timer.extra_seconds == 300
    assert model.step_row(3).used_seconds == 420  # what the PDF's "actual" column reads
    model.undo_stack.redo()
    assert model.step_row(3).used_seconds == 0


def questions(window):
    return [w for w in window.findChildren(QMessageBox) if w.isVisible()]


def test_new_during_a_running_workshop_asks_first(qtbot, controller, demo_file):
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    model = controller.model
    model.go_to_step(2)
    model.start_timer()
    controller.window.actions[ActionId.NEW].trigger()  # Ctrl+N
    boxes = questions(controller.window)
    assert len(boxes) == 1 and "is running" in boxes[0].text()
    assert controller.model is model  # nothing replaced yet
    next(b for b in boxes[0].buttons() if b.text() == "Stay").click()
    assert controller.model is model and model.timer.running
    controller.window.actions[ActionId.NEW].trigger()
    next(b for b in questions(controller.window)[0].buttons() if b.text() == "Leave").click()
    assert controller.model is not model


def test_quit_asks_too_but_not_for_a_paused_named_workshop(qtbot, controller, demo_file, tmp_path, monkeypatch):
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda *args: quits.append(1))
    controller.model.start_timer()
    controller.quit()
    assert not quits and len(questions(controller.window)) == 1
    next(b for b in questions(controller.window)[0].buttons() if b.text() == "Stay").click()
    controller.model.pause_timer()
    other = tmp_path / "other.okrw"
    other.write_bytes(demo_file.read_bytes())
    first = controller.model
    controller.open_file(other)  # paused and saved under a name: nothing to ask
    assert not questions(controller.window)
    qtbot.waitUntil(lambda: controller.model is not first, timeout=10000)


def test_steps_clicked_through_are_not_done_and_not_counted(qtbot, fresh_model, fake_clock):
    model = fresh_model
    for step in range(1, 6):
        model.go_to_step(step)
    assert [model.step_row(n).status for n in range(1, 5)] == [models.STEP_PENDING] * 4
    assert model.workshop_delta_seconds() == 0  # skipping is not "90 min ahead"
    model.start_timer()
    fake_clock.advance(20 * 60)  # the 15-minute cadence step ran 5 minutes over
    model.go_to_step(6)
    assert model.step_row(5).status == models.STEP_DONE
    assert model.workshop_delta_seconds() == 5 * 60


def test_mark_done_is_the_facilitators_choice_and_undoable(qtbot, fresh_model):
    win = FacilitatorWindow(fresh_model)
    qtbot.addWidget(win)
    fresh_model.go_to_step(2)
    mark = win.actions[ActionId.MARK_DONE]
    mark.trigger()
    assert fresh_model.step_row(2).status == models.STEP_DONE and mark.isChecked()
    fresh_model.go_to_step(3)
    assert fresh_model.step_row(2).status == models.STEP_DONE  # leaving keeps the mark
    assert "done" in win.rail.item(2).text()
    assert "done" not in win.rail.item(1).text()
    fresh_model.undo_stack.undo()
    assert fresh_model.step_row(2).status != models.STEP_DONE


def inside_window(win, widget) -> bool:
    top_left = widget.mapTo(win, QPoint(0, 0))
    return widget.isVisible() and win.rect().contains(top_left) and win.rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1))


def test_the_window_fits_a_1366_by_768_laptop(qtbot, window):
    assert window.minimumSizeHint().width() <= 1280
    assert window.minimumSizeHint().height() <= 720
    assert window.size().width() == 1280 and window.size().height() == 720
    bar = window.timer_bar
    for step in range(7):
        window.model.go_to_step(step)
        qtbot.wait(1)
        for action_id in (ActionId.START_PAUSE, ActionId.REMOVE_MINUTE, ActionId.ADD_MINUTE,
                          ActionId.ADD_FIVE_MINUTES, ActionId.RESET_TIMER, ActionId.BLANK, ActionId.PRESENT):
            assert inside_window(window, bar.buttons[action_id]), (step, action_id)
        assert inside_window(window, window.notes), step
        assert inside_window(window, bar.display), step
        scroll_area = window.current_page().findChild(QScrollArea)
        assert scroll_area.horizontalScrollBar().maximum() == 0, step  # the page fits its width too
    save_artifact(window, "facilitator_1280x720")


def test_changing_words_never_resize_the_window(qtbot, window, fake_clock):
    window.model.go_to_step(3)
    hint = window.minimumSizeHint()
    widths = {b: b.width() for b in window.timer_bar.buttons.values()}
    window.model.start_timer()
    fake_clock.advance(6000)  # 100 minutes: "+75:00", "Over time", "103 min behind plan"
    window.model._on_tick()
    window.actions[ActionId.PRESENT].trigger()
    qtbot.waitUntil(window.projector.isVisible)
    assert window.actions[ActionId.PRESENT].text() == "Stop presenting"
    assert window.timer_bar.room_label.text() == "PRESENTING"
    window.actions[ActionId.BLANK].trigger()
    assert window.timer_bar.room_label.text() == "BLANKED"
    assert window.minimumSizeHint() == hint
    assert {b: b.width() for b in window.timer_bar.buttons.values()} == widths
    window.actions[ActionId.PRESENT].trigger()
    assert not window.projector.isVisible()
    assert window.actions[ActionId.PRESENT].text() == "Present"


def test_the_projector_screen_is_chosen_swapped_and_remembered(qtbot, window):
    window.actions[ActionId.PRESENT].trigger()
    qtbot.waitUntil(window.projector.isVisible)
    assert window.projector.screen().name() == "Projector"
    window.swap_screens()  # this window to the projector's screen, the room's view to the laptop's
    assert preferences.projector_screen_name() == "Main"
    assert window.projector.screen().name() == "Main"
    window.choose_projector_screen("")  # automatic: any screen but this window's
    assert preferences.projector_screen_name() == ""
    window.screen_menu.aboutToShow.emit()
    labels = [a.text() for a in window.screen_menu.actions()]
    assert labels[1:] == ["Main (1920×1080)", "Projector (1280×720)"] and labels[0].startswith("Automatic")
    window.actions[ActionId.PRESENT].trigger()
    assert not window.projector.isVisible()


def test_closing_the_window_during_a_running_workshop_asks_first(qtbot, controller, demo_file):
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    window, model = controller.window, controller.model
    model.start_timer()
    window.close()  # the window's close button, Alt+F4
    assert window.isVisible() and model.timer.running
    next(b for b in questions(window)[0].buttons() if b.text() == "Stay").click()
    model.pause_timer()
    window.close()  # paused and named: it closes at once
    assert not window.isVisible()


def test_a_long_value_shows_its_beginning(qtbot, session_model):
    from PySide6.QtWidgets import QLineEdit

    from ui.widgets import fields

    edit = fields.line_edit(session_model, models.Workshop, 1, "title", "Workshop title")
    qtbot.addWidget(edit)
    edit.resize(120, 30)
    session_model.set_field(models.Workshop, 1, "title", "Ωmega quarterly planning " * 6, "Title")
    assert isinstance(edit, QLineEdit) and edit.cursorPosition() == 0
