"""The facilitator decides what the room sees (issue 13): pages never turn by themselves, the page
follows the item being edited, the clicker turns pages before it moves on, and the presenter view
shows now / next and the projector's state in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from tests.projector_fixtures import write_stress_workshop
from ui.facilitator_window import FacilitatorWindow
from ui.projector_content import body_items
from ui.projector_paint import FOCUS_BACKGROUND
from ui.session_model import SessionModel
from ui.theme import ROOM, contrast_ratio
from workshop import models
from workshop.session import open_session

pytestmark = pytest.mark.gui


@pytest.fixture
def stress_window(qtbot, qapp, tmp_path, fake_clock):
    from ui.theme import apply_theme

    apply_theme(qapp)
    model = SessionModel(open_session(write_stress_workshop(tmp_path / "stress.okrw")), clock=fake_clock)
    model.go_to_step(4)
    win = FacilitatorWindow(model)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    win.projector.resize(1280, 720)
    win.activateWindow()
    yield win
    win.close()


def settle(qtbot, win):
    qtbot.wait(80)  # the projector coalesces a burst of changes into one rebuild
    win.projector.room_layout()


def test_pages_never_turn_by_themselves(qtbot, stress_window, fake_clock):
    projector = stress_window.projector
    assert projector.page_count > 1
    stress_window.model.start_timer()
    shown = projector.page
    for _ in range(20):
        fake_clock.advance(15)
        stress_window.model.tick.emit()
        projector.repaint()
    assert projector.page == shown


def test_the_page_follows_the_item_being_edited_and_marks_it(qtbot, stress_window):
    model, projector = stress_window.model, stress_window.projector
    last = model.service.rows(models.KeyResult)[-1]
    model.set_focused_item("key_result", last.id)
    layout = projector.room_layout()
    assert projector.page == layout.page_of(("key_result", last.id)) == layout.page_count - 1
    block = next(b for b in layout.pages[projector.page] if b.focus == ("key_result", last.id))
    image = projector.grab().toImage()
    corner = image.pixelColor(int(block.rect.right()) - 2, int(block.rect.top()) + 2)
    assert corner == QColor(FOCUS_BACKGROUND)
    for colour in ("text", "muted", "accent", "warning"):
        assert contrast_ratio(ROOM[colour], FOCUS_BACKGROUND) >= 7
    # The facilitator turns back a page; typing in the focused item brings it back into view.
    assert projector.previous_page()
    model.set_field(models.KeyResult, last.id, "text", last.text + " more", "Edit key result")
    settle(qtbot, stress_window)
    assert projector.page == projector.room_layout().page_count - 1


def test_typing_in_a_key_result_tells_the_projector(qtbot, stress_window):
    stress_window.current_page().select_objective(3)
    krs = stress_window.model.service.children(models.KeyResult, "objective_id", 3)
    editor = stress_window.findChild(QWidget, f"KeyResult-{krs[2].id}-text")
    editor.setFocus()
    qtbot.waitUntil(lambda: stress_window.model.focused_item == ("key_result", krs[2].id))
    assert stress_window.projector.focus == ("key_result", krs[2].id)


def test_clicker_turns_the_rooms_pages_then_moves_on(qtbot, stress_window):
    model, projector = stress_window.model, stress_window.projector
    model.set_focused_item("objective", None)
    projector.previous_page() and projector.previous_page()
    while projector.previous_page():
        pass
    pages = projector.page_count
    for expected in range(1, pages):
        qtbot.keyClick(stress_window, Qt.Key.Key_PageDown)
        assert (model.current_step, projector.page) == (4, expected)
    qtbot.keyClick(stress_window, Qt.Key.Key_PageDown)
    assert model.current_step == 5 and projector.page == 0
    qtbot.keyClick(stress_window, Qt.Key.Key_PageUp)
    assert (model.current_step, projector.page) == (4, pages - 1)  # back where the step was left


def test_presenter_view_shows_the_state_in_words_and_the_next_page(qtbot, stress_window):
    view = stress_window.presenter_view
    assert view.state_words() == "NOT PRESENTING"
    qtbot.keyClick(stress_window, Qt.Key.Key_F5)
    qtbot.waitUntil(stress_window.projector.isVisible)
    assert "PRESENTING" in view.state.text() and "NOT" not in view.state.text()
    stress_window.actions_by_name("Blank projector").trigger()
    assert "BLANKED" in view.state.text()
    image = view.now.grab().toImage()
    assert {image.pixelColor(x, 5).name() for x in range(0, image.width(), 7)} == {"#000000"}
    stress_window.actions_by_name("Blank projector").trigger()
    projector = stress_window.projector
    while projector.previous_page():
        pass
    qtbot.waitUntil(lambda: view.next_target() == (4, 0, 1))
    assert view.next.page is not None and view.next.page[1] == 1
    stress_window.actions_by_name("Stop presenting").trigger()
    assert "NOT PRESENTING" in view.state.text()


def test_agenda_slide_comes_first_and_follows_the_plan(session_model):
    session_model.set_field(models.AgendaStep, 2, "planned_minutes", 12, "Cascade minutes")
    words = [item.text for item in body_items(session_model.service, 1, 0)]
    assert words[0] == "Today's agenda"
    assert "Cascade model — 12 min" in words
    total = sum(s.planned_minutes for s in session_model.service.rows(models.AgendaStep) if s.id)
    assert f"{total} minutes in total" in words


def test_wrap_up_shows_questions_next_steps_follow_up_then_the_summary(session_model):
    items = body_items(session_model.service, 6)
    sections = [item.text for item in items if item.style in ("section", "heading")]
    assert sections == ["Open questions", "Next steps", "Follow-up meeting", "What we agreed"]
    summary = next(item for item in items if item.text == "What we agreed")
    assert summary.new_page
    action = session_model.service.rows(models.ActionItem)[0]
    line = next(item for item in items if item.text == action.what)
    assert action.who in line.suffix


def test_export_slides_from_the_file_menu(qtbot, stress_window, event_loop_for_qt, tmp_path):
    action = stress_window.actions_by_name("Export slides…")
    assert action is not None
    target = tmp_path / "handout.pdf"
    with qtbot.waitSignal(stress_window.slides_exporter.finished, timeout=60000) as finished:
        stress_window.slides_exporter.export(target, (1024, 768))
    assert finished.args == [target]
    assert target.read_bytes().startswith(b"%PDF")
