"""The start screen for someone who just installed the app (issue 15): a file refused at launch
leaves the recent list in place, and Ctrl+Q quits from there as it does from a workshop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.start_screen import StartScreen

pytestmark = pytest.mark.gui


def message_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_file_refused_at_launch_keeps_the_recent_list(qtbot, event_loop_for_qt, demo_file, tmp_path):
    from ui.app import AppController

    controller = AppController()
    controller._remember(demo_file)
    controller.show_start_light()
    bad = tmp_path / "attachment.okrw"
    bad.write_bytes(b"PK\x03\x04 a zip, not a session" * 10)
    try:
        controller.start_with(bad)  # what the app does once the first window is painted
        qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
        assert "attachment.okrw is not an OKR Workshop session file" in message_boxes()[0].text()
        message_boxes()[0].close()
        assert isinstance(controller.window, StartScreen)
        assert controller.window.recent_list.paths == [demo_file.resolve()]
    finally:
        controller.window.close()


def test_ctrl_q_quits_from_the_start_screen(qtbot, monkeypatch):
    from ui.app import AppController

    quits = []
    monkeypatch.setattr(AppController, "quit", lambda self: quits.append(self))
    controller = AppController()
    screen = controller.show_start_light()
    try:
        qtbot.waitExposed(screen)
        screen.activateWindow()
        screen.setFocus()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
        qtbot.keyClick(screen, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert quits == [controller]
    finally:
        screen.close()


def test_a_small_file_named_at_launch_is_the_first_window(qtbot, event_loop_for_qt, demo_file, monkeypatch):
    """Launched on a file (a double-click), the workshop is the first window painted: no start screen
    is built first, and nothing is left to do once it is painted."""
    from ui import app
    from ui.facilitator_window import FacilitatorWindow

    start_screens = []
    monkeypatch.setattr(app.AppController, "show_start_light", lambda self: start_screens.append(self))
    controller = app.AppController()
    then = controller.show_first_window(demo_file)
    try:
        assert isinstance(controller.window, FacilitatorWindow) and start_screens == []
        assert controller.model.details.team == "Checkout & Payments"
        then()
        assert message_boxes() == []
    finally:
        controller._close_model()
        controller.window.close()


def test_a_file_refused_at_launch_is_told_on_the_start_screen(qtbot, event_loop_for_qt, tmp_path):
    from ui.app import AppController

    bad = tmp_path / "forged.okrw"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    controller = AppController()
    then = controller.show_first_window(bad)
    try:
        assert isinstance(controller.window, StartScreen) and message_boxes() == []  # told once painted
        then()
        qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
        assert message_boxes()[0].text().startswith("forged.okrw")
        assert isinstance(controller.window, StartScreen) and controller.session is None
    finally:
        controller.window.close()


def test_a_large_file_named_at_launch_opens_behind_the_start_screen(qtbot, event_loop_for_qt, demo_file,
                                                                      monkeypatch):
    from ui import app
    from ui.facilitator_window import FacilitatorWindow

    monkeypatch.setattr(app, "OPEN_AT_ONCE_BYTES", demo_file.stat().st_size - 1)
    controller = app.AppController()
    then = controller.show_first_window(demo_file)
    try:
        assert isinstance(controller.window, StartScreen)
        then()
        qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    finally:
        controller._close_model()
        controller.window.close()


def test_a_file_open_elsewhere_at_launch_offers_read_only_on_the_start_screen(qtbot, event_loop_for_qt, demo_file):
    from ui.app import AppController
    from ui.facilitator_window import FacilitatorWindow
    from workshop.session import open_session

    elsewhere = open_session(demo_file)  # another window of the app has it
    controller = AppController()
    try:
        then = controller.show_first_window(demo_file)
        assert isinstance(controller.window, StartScreen)
        then()
        qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
        box = message_boxes()[0]
        assert "read-only or as a copy" in box.text()
        next(b for b in box.buttons() if b.text() == "Open read-only").click()
        qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
        assert controller.model.read_only
    finally:
        controller._close_model()
        controller.window.close()
        elsewhere.store.close()
