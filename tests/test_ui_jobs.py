"""Background work always ends: every failure reaches a handler and the busy state resets.

Before, export and share caught only ReadableError/ValueError: any other failure (the worker
process dying, say) left `busy` set and every later export silently did nothing.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QMessageBox

from ui import export_actions
from ui.jobs import JobSlot, run_job
from workshop.errors import ReadableError

pytestmark = pytest.mark.gui


def _texts(window) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox)]


def test_a_worker_that_dies_ends_the_export_and_the_next_one_works(qtbot, window, tmp_path, monkeypatch):
    real_run_export = export_actions.run_export

    async def dying_worker(_job, *_args):
        return await real_run_export(os._exit, 1)  # the worker process ends mid-job

    monkeypatch.setattr(export_actions, "run_export", dying_worker)
    with qtbot.waitSignal(window.exporter.finished, timeout=60000) as finished:
        window.exporter.export_pack(tmp_path / "first.pdf")
    assert finished.args == [None] and not window.exporter.busy
    assert any("stopped before it finished" in text for text in _texts(window))
    monkeypatch.setattr(export_actions, "run_export", real_run_export)
    with qtbot.waitSignal(window.exporter.finished, timeout=60000) as finished:
        window.exporter.export_pack(tmp_path / "second.pdf")
    assert finished.args == [tmp_path / "second.pdf"] and (tmp_path / "second.pdf").stat().st_size > 0


def test_an_unexpected_failure_of_a_share_is_a_bug_and_ends_it(qtbot, window, monkeypatch):
    async def broken(*_args):
        raise RuntimeError("not a readable error")

    monkeypatch.setattr("ui.share.run_export", broken)
    window.sharer.open_mail_program = False
    with qtbot.waitSignal(window.sharer.finished, timeout=30000) as finished:
        window.sharer.share()
        window.sharer.preview.accept()  # what will be sent is shown first
        assert window.sharer.busy
    assert finished.args == [None] and not window.sharer.busy
    assert any("this is a bug; details are in" in text for text in _texts(window))


def test_success_failure_and_always_run_on_the_gui_thread(qtbot, event_loop_for_qt):
    import threading

    heard = []
    gui = threading.current_thread()

    def failing():
        raise ReadableError("The file is gone.")

    done = []
    run_job(lambda: 41 + 1, doing="adding", on_success=lambda r: heard.append(("ok", r, threading.current_thread() is gui)),
            on_finally=lambda: done.append(1))
    run_job(failing, doing="failing", on_failure=lambda sentence, _e: heard.append(("failed", sentence)),
            on_finally=lambda: done.append(2))
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10000)
    assert ("ok", 42, True) in heard and ("failed", "The file is gone.") in heard


def test_a_failing_success_handler_still_runs_the_always_handler(qtbot, event_loop_for_qt, monkeypatch):
    told = []
    monkeypatch.setattr("ui.jobs.tell", lambda _parent, _title, text: told.append(text))
    slot, done = JobSlot(), []

    def broken_handler(_result):
        raise KeyError("handler bug")

    slot.run(lambda: None, doing="nothing much", on_success=broken_handler, on_finally=lambda: done.append(1))
    assert slot.busy and slot.run(lambda: None, doing="second") is None  # one at a time
    qtbot.waitUntil(lambda: not slot.busy, timeout=10000)
    assert done == [1] and "this is a bug" in told[0]
