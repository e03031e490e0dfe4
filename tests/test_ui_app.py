"""The app as a person starts it: start screen, demo, opening refused or busy files, Save As."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ui.facilitator_window import FacilitatorWindow
from ui.file_drop import SessionFileDrops
from ui.start_screen import StartScreen
from workshop import models, paths
from workshop.session import open_session

pytestmark = pytest.mark.gui


def click(window, name: str) -> None:
    next(b for b in window.findChildren(QPushButton) if b.accessibleName() == name).click()


def message_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_demo_from_the_start_screen(qtbot, controller):
    assert isinstance(controller.window, StartScreen)
    click(controller.window, "Open the demo workshop")
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    assert controller.model.details.team == "Checkout & Payments"


def test_an_open_workshop_leaves_the_collector_only_its_own_objects(qtbot, controller, demo_file):
    """Loaded libraries are frozen out of collections, so a full one no longer stalls the timer.

    Checked on objects that live as long as the app (the libraries' classes), not by counting: the
    freeze happens once per process, and the tests before this one decide how much is loaded after it."""
    import gc

    from sqlalchemy.orm import Session
    from sqlmodel import SQLModel

    from workshop import models

    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    assert gc.get_freeze_count() > 0
    collected = {id(thing) for thing in gc.get_objects()}
    assert not {id(SQLModel), id(Session), id(models.Objective)} & collected


def drag(window, path, kind=QEvent.Type.DragEnter) -> bool:
    """Drag `path` over `window` (or drop it there); whether the window took it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    arguments = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    event = QDropEvent(QPointF(40, 40), *arguments) if kind == QEvent.Type.Drop else \
        QDragEnterEvent(QPoint(40, 40), *arguments)
    if kind == QEvent.Type.Drop:
        # Qt hands a drop only to the target of a drag its drag manager started, which a test
        # cannot start: the window's drop handler is given the event as Qt would give it.
        return window.findChild(SessionFileDrops).eventFilter(window, event)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def test_a_session_file_dropped_on_a_window_opens_and_a_damaged_one_is_refused(
        qtbot, controller, demo_file, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a workshop")
    assert not drag(controller.window, notes)  # left to the widgets: not ours
    assert drag(controller.window, demo_file)
    drag(controller.window, demo_file, QEvent.Type.Drop)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    opened = controller.window

    damaged = tmp_path / "from-email.okrw"
    damaged.write_bytes(demo_file.read_bytes()[:3000])
    drag(opened, damaged, QEvent.Type.Drop)
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
    assert "from-email.okrw" in message_boxes()[0].text()
    assert controller.window is opened and controller.model.service.store.path == demo_file
    message_boxes()[0].close()


def test_an_older_file_opens_upgraded_and_says_where_the_original_is(qtbot, controller, demo_file):
    from tests.session_file_tools import make_older

    make_older(demo_file, 2)
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    assert controller.window.statusBar().currentMessage() == (
        "demo.okrw was brought up to this version's format; the file as it was is kept as demo.v2-backup.okrw.")


def test_a_refused_file_is_one_sentence_and_keeps_what_was_open(qtbot, controller, demo_file, tmp_path):
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    opened = controller.window
    bad = tmp_path / "from-email.okrw"
    bad.write_bytes(b"PK\x03\x04 not a session at all" * 10)
    controller.open_file(bad)
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
    sentence = message_boxes()[0].text()
    assert "from-email.okrw is not an OKR Workshop session file" in sentence and "\n" not in sentence
    assert controller.window is opened and controller.model.service.store.path == demo_file
    message_boxes()[0].close()


def test_a_file_open_elsewhere_offers_read_only_or_a_copy(qtbot, controller, demo_file):
    elsewhere = open_session(demo_file)  # as if another window had it
    try:
        controller.open_file(demo_file)
        qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
        box = message_boxes()[0]
        assert "read-only or as a copy" in box.text()
        read_only = next(b for b in box.buttons() if b.text() == "Open read-only")
        read_only.click()
        qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
        assert controller.model.read_only
        assert "(read-only)" in controller.window.windowTitle()
    finally:
        elsewhere.store.close()


def test_a_new_workshop_is_kept_for_recovery_once_typed_in(qtbot, controller):
    click(controller.window, "New workshop")
    assert isinstance(controller.window, FacilitatorWindow)
    controller.model.set_field(models.Workshop, 1, "team", "Ωmega", "Team")
    untitled = controller.model.service.store.path
    assert paths.is_untitled(untitled)
    controller.close_workshop()
    box = message_boxes()[0]  # it has no file name yet: leaving it is a question
    assert "no file name" in box.text()
    next(b for b in box.buttons() if b.text() == "Leave").click()
    assert isinstance(controller.window, StartScreen)
    assert controller.window.recover_list.path_of(controller.window.recover_list.item(0)) == untitled


def test_an_untouched_new_workshop_leaves_nothing_behind(qtbot, controller):
    click(controller.window, "New workshop")
    untitled = controller.model.service.store.path
    controller.close_workshop()
    assert not untitled.exists()


def test_save_as_moves_an_untitled_workshop_to_its_file(qtbot, controller, tmp_path, monkeypatch):
    click(controller.window, "New workshop")
    controller.model.set_field(models.Workshop, 1, "team", "Équipe Süd", "Team")
    untitled = controller.model.service.store.path
    target = tmp_path / "Équipe Süd.okrw"
    monkeypatch.setattr("ui.app.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    controller.save_as()
    assert controller.model.service.store.path == target
    assert controller.model.details.team == "Équipe Süd"
    assert not untitled.exists()
    assert target in controller.recent_files()


def test_a_change_by_another_program_offers_reload_or_keep(qtbot, controller, demo_file):
    import sqlite3

    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    other = sqlite3.connect(demo_file)
    other.execute("UPDATE workshop SET team = 'Renamed by a colleague'")
    other.commit()
    other.close()
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
    box = message_boxes()[0]
    assert "changed by another program" in box.text()
    next(b for b in box.buttons() if b.text() == "Load the file's version").click()
    qtbot.waitUntil(lambda: controller.model is not None
                    and controller.model.details.team == "Renamed by a colleague", timeout=10000)
