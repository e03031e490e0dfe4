"""Running the meeting: keys and clicker, the timer on a fake clock, the projector, undo (ARCHITECTURE.md,
Screens, The timer, In the room).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import QLineEdit

from assets import load_json
from tests.conftest import save_artifact
from ui.facilitator_window import FacilitatorWindow
from ui.projector_content import body_blocks
from ui.session_model import SessionModel
from ui.theme import ROOM, contrast_ratio
from workshop import models
from workshop.session import open_session

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, session_model):
    session_model.go_to_step(1)
    session_model.set_slide(0)
    session_model.reset_timer()  # the demo's overview already used its time
    win = FacilitatorWindow(session_model)
    qtbot.addWidget(win)
    win.resize(1920, 1040)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.setFocus()
    yield win
    win.close()  # closes its projector and the model with it


def press(qtbot, win, key):
    qtbot.keyClick(win, key)


def test_clicker_moves_through_slides_then_to_the_next_step(qtbot, window):
    slides = load_json("overview_slides.json")
    for _ in range(len(slides) - 1):
        press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.model.details.current_slide == len(slides) - 1
    assert window.model.current_step == 1
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.model.current_step == 2
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.model.current_step == 1
    press(qtbot, window, Qt.Key.Key_Left)
    assert window.model.details.current_slide == len(slides) - 2


def test_step_buttons_and_rail(qtbot, window):
    window.actions_by_name("Next step").trigger()
    assert window.model.current_step == 2
    window.rail.setCurrentRow(5)
    assert window.model.current_step == 5
    assert "Review cadence" in window.rail.item(5).text() and "now" in window.rail.item(5).text()


def test_timer_goes_amber_red_and_counts_up(qtbot, window, fake_clock):
    model = window.model
    zero_crossings = []
    model.crossed_zero.connect(lambda: zero_crossings.append(1))
    press(qtbot, window, Qt.Key.Key_Space)
    assert model.timer.running
    display = window.findChild(object, "timerDisplay")
    fake_clock.advance(29 * 60)  # 30-minute overview, warning from 2 minutes left
    model._on_tick()
    assert display.property("state") == "warning" and display.accessibleName() == "01:00"
    assert window.projector.timer_text() == "01:00"
    fake_clock.advance(72)
    model._on_tick()
    assert display.property("state") == "overtime" and display.text() == "+00:12"
    assert zero_crossings == [1]
    model._on_tick()
    assert zero_crossings == [1]  # the flash and chime happen once, at the crossing
    press(qtbot, window, Qt.Key.Key_Space)
    assert not model.timer.running
    save_artifact(window, "facilitator_overtime_1920x1080")


def test_minute_keys_adjust_the_countdown(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Plus)
    assert window.projector.timer_text() == "31:00"
    press(qtbot, window, Qt.Key.Key_Minus)
    press(qtbot, window, Qt.Key.Key_Minus)
    assert window.projector.timer_text() == "29:00"


def test_a_key_held_down_does_not_repeat(qtbot, window):
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    repeat = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier, "", True)
    QApplication.sendEvent(window, repeat)
    assert window.model.details.current_slide == 0


def test_typing_in_a_field_is_not_taken_for_a_shortcut(qtbot, window):
    window.model.go_to_step(0)
    team = next(e for e in window.findChildren(QLineEdit) if e.accessibleName() == "Team")
    team.setFocus()
    team.setText("")
    qtbot.keyClicks(team, "B team ")
    assert team.text() == "B team "
    assert not window.projector.blank
    assert window.model.details.team == "B team "


def test_used_time_survives_a_restart_paused(qtbot, demo_file, fake_clock, qapp):
    model = SessionModel(open_session(demo_file), clock=fake_clock)
    model.go_to_step(3)
    before = model.step_row(3).used_seconds
    model.start_timer()
    fake_clock.advance(125)
    model.close()
    reopened = SessionModel(open_session(demo_file), clock=fake_clock)
    assert reopened.current_step == 3
    assert reopened.step_row(3).used_seconds == before + 125
    assert not reopened.timer.running
    fake_clock.advance(60)
    assert reopened.timer.used_seconds() == before + 125
    reopened.close()


def test_projector_shows_typed_words_and_never_notes(qtbot, window):
    model = window.model
    model.go_to_step(3)
    objective = model.service.rows(models.Objective)[0]
    model.set_field(models.Objective, objective.id, "text", "Rendre le paiement fiable — Ольга 🚀 so that we sleep",
                    "Edit objective")
    html = "".join(body_blocks(model.service, 3, 0))
    assert "Ольга 🚀" in html
    for step in range(7):
        model.go_to_step(step)
        room = "".join(body_blocks(model.service, step, model.details.current_slide))
        notes = window.current_page().facilitator_notes()
        assert notes[:40] not in room
    for slide in load_json("overview_slides.json"):
        assert slide["notes"][:40] not in "".join(body_blocks(model.service, 1, 0))


def test_projector_lands_full_screen_on_the_second_screen(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F5)
    projector = window.projector
    qtbot.waitUntil(projector.isVisible)
    assert [s.name() for s in QGuiApplication.screens()] == ["Main", "Projector"]
    assert projector.screen().name() == "Projector"
    assert projector.isFullScreen()
    projector.resize(1280, 720)
    save_artifact(projector, "projector_overview_1280x720")
    window.actions_by_name("Stop presenting").trigger()
    assert not projector.isVisible()


def test_blank_toggle_blacks_out_the_projector(qtbot, window):
    projector = window.projector
    projector.resize(640, 360)
    press(qtbot, window, Qt.Key.Key_B)
    assert projector.blank
    image = projector.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 640, 40) for y in range(0, 360, 40)}
    assert colours == {"#000000"}
    press(qtbot, window, Qt.Key.Key_B)
    assert not projector.blank


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)])
def test_projector_text_is_sized_from_its_height(qtbot, window, size):
    projector = window.projector
    projector.resize(*size)
    height = size[1]
    image = projector.grab()  # paints what the room sees at this size
    assert not image.isNull()
    layout = projector.room_layout()
    for page in layout.pages:
        for block in page:
            assert block.document.defaultFont().pixelSize() >= height / 30
    timer = next(block for block in layout.header if block.kind == "timer")
    assert QFontMetricsF(timer.font).tightBoundingRect("0").height() >= height / 6


def test_projector_colours_keep_seven_to_one():
    for name in ("text", "muted", "accent", "warning", "overtime"):
        assert contrast_ratio(ROOM[name], ROOM["background"]) >= 7, name
    assert contrast_ratio(ROOM["flash_text"], ROOM["flash_background"]) >= 7


def test_undo_and_redo_of_preparation_edits(qtbot, window):
    model = window.model
    model.go_to_step(0)
    team = next(e for e in window.findChildren(QLineEdit) if e.accessibleName() == "Team")
    team.setFocus()
    team.selectAll()
    qtbot.keyClicks(team, "Platform")
    assert model.details.team == "Platform"
    window.actions_by_name("Undo").trigger()
    assert model.details.team == "Checkout & Payments" and team.text() == "Checkout & Payments"
    window.actions_by_name("Redo").trigger()
    assert model.details.team == "Platform"


def test_screenshots_of_both_windows(qtbot, window):
    window.model.go_to_step(1)
    save_artifact(window, "facilitator_overview_1920x1080")
    projector = window.projector
    projector.resize(1280, 720)
    for step in range(7):
        window.model.go_to_step(step)
        path = save_artifact(projector, f"projector_step{step}_1280x720")
        assert path.stat().st_size > 5000
