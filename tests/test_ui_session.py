"""The open workshop as a whole: a reload, Save As or open that fails leaves the open one working.

Before the session object, "Load the file's version" closed the open model first: when the new
content was refused, the window stayed on a closed model (edits raised "Signal source has been
deleted") and the file's lock was gone.
"""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.facilitator_window import FacilitatorWindow
from workshop import models
from workshop.store import InstanceLock
from workshop.session import open_session

pytestmark = pytest.mark.gui


def message_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _open(qtbot, controller, path):
    controller.open_file(path)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)


def _changed_elsewhere(qtbot, path, statement: str) -> None:
    other = sqlite3.connect(path)
    other.execute(statement)
    other.commit()
    other.close()
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
    box = message_boxes()[0]
    next(b for b in box.buttons() if b.text() == "Load the file's version").click()


def test_reloading_a_refused_file_keeps_the_window_working_and_the_lock(qtbot, controller, demo_file):
    _open(qtbot, controller, demo_file)
    window, session = controller.window, controller.session
    _changed_elsewhere(qtbot, demo_file, "UPDATE objective SET commitment = 'bogus'")
    qtbot.waitUntil(lambda: any("keeps its own version" in b.text() for b in message_boxes()), timeout=10000)
    sentence = next(b.text() for b in message_boxes() if "keeps its own version" in b.text())
    assert "demo.okrw has an invalid value" in sentence
    assert controller.window is window and controller.session is session and not session.closed
    assert controller.model.set_field(models.Workshop, 1, "team", "Still here", "Team")
    assert controller.model.details.team == "Still here"
    assert not InstanceLock(demo_file).acquire()  # the lock is still this window's
    for box in message_boxes():
        box.close()


def test_reloading_an_accepted_file_keeps_the_lock_throughout(qtbot, controller, demo_file):
    _open(qtbot, controller, demo_file)
    first = controller.session
    _changed_elsewhere(qtbot, demo_file, "UPDATE workshop SET team = 'Renamed by a colleague'")
    qtbot.waitUntil(lambda: controller.session is not first, timeout=10000)
    assert first.closed and controller.model.details.team == "Renamed by a colleague"
    assert not InstanceLock(demo_file).acquire()
    controller.close_workshop()
    open_session(demo_file).store.close()  # closing released it


def test_save_as_to_a_place_that_cannot_be_written_keeps_the_open_file(qtbot, controller, demo_file, tmp_path,
                                                                        monkeypatch):
    _open(qtbot, controller, demo_file)
    session = controller.session
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("a file where a folder should be")
    monkeypatch.setattr("ui.app.QFileDialog.getSaveFileName", lambda *a, **k: (str(not_a_folder / "x.okrw"), ""))
    controller.save_as()
    assert message_boxes()
    assert controller.session is session and not session.closed
    assert controller.model.set_field(models.Workshop, 1, "team", "Kept", "Team")
    for box in message_boxes():
        box.close()


def test_closing_releases_everything(qtbot, controller, demo_file):
    _open(qtbot, controller, demo_file)
    session = controller.session
    controller.close_workshop()
    assert session.closed and controller.session is None
    assert session.watcher._watcher.files() == []
    open_session(demo_file).store.close()
