"""Typing stays fast however big the workshop: an edit reaches only its own row's widgets, and a burst
of keystrokes is one commit, on disk within a second.

Before, every bound widget listened to every change: with 25 objectives on the page each keystroke
reached 125 slots and cost a commit (an fsync) of its own, ~28 ms a keystroke on this machine.
"""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import SIGNAL

from ui.facilitator_window import FacilitatorWindow
from ui.session_model import FLUSH_TYPING_LATEST_MS, SessionModel
from workshop import models
from workshop.session import create_session

pytestmark = pytest.mark.gui


def _file_value(path, sql: str):
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return reader.execute(sql).fetchone()[0]
    finally:
        reader.close()


def _window_with(qtbot, tmp_path, objectives: int):
    service = create_session(tmp_path / f"w{objectives}.okrw")
    with service.batch():
        for number in range(objectives):
            objective = service.add(models.Objective, text=f"Objective {number}")
            service.add(models.KeyResult, objective_id=objective, text="A key result")
    model = SessionModel(service)
    window = FacilitatorWindow(model)
    qtbot.addWidget(window)
    model.go_to_step(3)
    return model, window


def test_the_cost_of_an_edit_does_not_grow_with_the_rows_on_screen(qtbot, tmp_path, monkeypatch):
    reached = []
    figures = {}
    for objectives in (5, 25):
        model, window = _window_with(qtbot, tmp_path, objectives)
        listeners = model.receivers(SIGNAL("changed(PyObject)"))
        reached.clear()
        monkeypatch.setattr("ui.session_model.isValid", lambda owner: reached.append(owner) or True)
        target = model.service.rows(models.Objective)[objectives // 2].id
        model.set_field(models.Objective, target, "text", "Typed", "Objective", merge_key=("typing", 1))
        figures[objectives] = (listeners, len(reached))
        monkeypatch.undo()
    assert figures[25] == figures[5], figures


def test_typed_text_is_one_commit_on_disk_within_a_second(qtbot, session_model, demo_file, monkeypatch):
    from workshop.store import SessionStore

    commits = []
    real = SessionStore.transaction
    monkeypatch.setattr(SessionStore, "transaction", lambda self: commits.append(1) or real(self))
    objective = session_model.service.rows(models.Objective)[0].id
    for text in ("T", "Ty", "Typ", "Typed"):
        session_model.set_field(models.Objective, objective, "text", text, "Objective", merge_key=("typing", 1))
    assert session_model.service.row(models.Objective, objective).text == "Typed"  # every view sees it at once
    qtbot.waitUntil(lambda: _file_value(demo_file, f"SELECT text FROM objective WHERE id = {objective}") == "Typed",
                    timeout=FLUSH_TYPING_LATEST_MS + 600)
    assert len(commits) == 1
    assert session_model.undo_stack.count() == 1


def test_pending_typing_goes_to_disk_with_the_next_write_and_before_a_copy(session_model, demo_file, tmp_path):
    from workshop.session import open_session, save_copy

    service = session_model.service
    objective = service.rows(models.Objective)[0].id
    session_model.set_field(models.Objective, objective, "text", "First", "Objective", merge_key=("typing", 1))
    session_model.set_field(models.Workshop, 1, "team", "Blue", "Team")  # any other write takes it along
    assert _file_value(demo_file, f"SELECT text FROM objective WHERE id = {objective}") == "First"
    session_model.set_field(models.Objective, objective, "text", "Second", "Objective", merge_key=("typing", 1))
    save_copy(service, tmp_path / "copy.okrw")
    copy = open_session(tmp_path / "copy.okrw")
    assert copy.row(models.Objective, objective).text == "Second"
    copy.store.close()


def test_undo_of_typing_writes_at_once(session_model, demo_file):
    objective = session_model.service.rows(models.Objective)[0]
    before = objective.text
    session_model.set_field(models.Objective, objective.id, "text", "Typed", "Objective", merge_key=("typing", 1))
    session_model.undo_stack.undo()
    assert not session_model.service.has_pending_writes
    assert _file_value(demo_file, f"SELECT text FROM objective WHERE id = {objective.id}") == before
    session_model.undo_stack.redo()
    assert _file_value(demo_file, f"SELECT text FROM objective WHERE id = {objective.id}") == "Typed"


def test_typing_and_the_running_clock_are_saved_off_the_gui_thread(qtbot, session_model, demo_file, monkeypatch):
    import threading

    from workshop.store import SessionStore

    threads = []
    real = SessionStore.transaction
    monkeypatch.setattr(SessionStore, "transaction", lambda self: threads.append(threading.current_thread()) or real(self))
    objective = session_model.service.rows(models.Objective)[0].id
    session_model.set_field(models.Objective, objective, "text", "Typed", "Objective", merge_key=("typing", 1))
    qtbot.waitUntil(lambda: _file_value(demo_file, f"SELECT text FROM objective WHERE id = {objective}") == "Typed",
                    timeout=FLUSH_TYPING_LATEST_MS + 600)
    assert threads and all(thread is not threading.main_thread() for thread in threads)


def test_a_write_made_during_a_background_save_lands_after_it(session_model, demo_file):
    import threading
    import time

    service = session_model.service
    objective = service.rows(models.Objective)[0].id
    service.set_field(models.Objective, objective, "text", "Older", defer=True)
    taken = service.take_pending()  # the background save has the values and the lock
    writer = threading.Thread(target=lambda: (time.sleep(0.2), service.write_taken(taken)))
    writer.start()
    service.set_field(models.Objective, objective, "text", "Newer")  # waits for the save above
    writer.join()
    assert _file_value(demo_file, f"SELECT text FROM objective WHERE id = {objective}") == "Newer"
