"""One way to run slow work (open, import, export, share, roll-up) so that it always ends.

Like Anki's `CollectionOp`: the work runs off the GUI thread (in the loop's thread pool, in a given
executor such as the export process, or as a coroutine that awaits such steps) and never touches a
widget; then, on the GUI thread, exactly one of `on_success(result)` or `on_failure(error)` runs,
and `on_finally()` runs whatever happened. Every exception reaches the failure handler: a readable
one (a refused file, a full disk) as its sentence, anything else is a bug, logged with its
traceback and told as "this is a bug; details are in LOGFILE". A job that takes more than a second
shows a progress dialog. `JobSlot` runs one job at a time for an owner and its `busy` always resets.
Every running task is kept here, so none is collected half-way.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from workshop.errors import ReadableError
from workshop.logbook import log, report_bug

from ui.messages import tell

SHOW_PROGRESS_AFTER_MS = 1000
_running: set[asyncio.Task] = set()


def failure_sentence(error: BaseException, doing: str) -> str:
    """The sentence for a failed job: its own when readable; otherwise log the bug and say so."""
    if isinstance(error, ReadableError):
        log.info("%s failed: %s", doing, error)
        return str(error)
    return report_bug(error, doing)


def run_job(work: Callable[[], Any], *, doing: str, parent: QWidget | None = None,
            on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[str, BaseException], None] | None = None,
            on_finally: Callable[[], None] | None = None,
            executor=None, progress: str | None = None) -> asyncio.Task:
    """Start `work` and return its task (kept alive here until it ends).

    Args:
        work: a function with no arguments run in `executor` (the loop's thread pool when None),
            or a coroutine function awaited on the GUI thread (for work made of several awaited steps).
        doing: what the job does, for the log ("exporting the PDF pack"); never the workshop's texts.
        parent: the window a default failure message and the progress dialog belong to.
        on_success: called with the result on the GUI thread.
        on_failure: called with the sentence to show and the error; by default the sentence is shown
            in a message on `parent`.
        on_finally: always called last, also after a failure or a failing success handler.
        progress: a short label; shown in a progress dialog if the job takes more than a second.
    """
    task = asyncio.ensure_future(_run(work, doing, parent, on_success, on_failure, on_finally, executor, progress))
    _running.add(task)
    task.add_done_callback(_running.discard)
    return task


async def _run(work, doing, parent, on_success, on_failure, on_finally, executor, progress) -> None:
    dialog = _ProgressLater(parent, progress) if progress else None
    try:
        try:
            if inspect.iscoroutinefunction(work):
                result = await work()
            else:
                result = await asyncio.get_running_loop().run_in_executor(executor, work)
        except Exception as error:  # noqa: BLE001 - every failure goes to the failure handler
            if dialog is not None:
                dialog.close()
            sentence = failure_sentence(error, doing)
            _call(on_failure or (lambda text, _error: tell(parent, doing.capitalize(), text)),
                  doing, sentence, error)
            return
        if dialog is not None:
            dialog.close()
        if on_success is not None:
            _call(on_success, doing, result)
    finally:
        if dialog is not None:
            dialog.close()
        if on_finally is not None:
            _call(on_finally, doing)


def _call(handler: Callable, doing: str, *args) -> None:
    """Run a handler; a handler's own failure is a bug, logged and told, never lost in the loop."""
    try:
        handler(*args)
    except Exception as error:  # noqa: BLE001
        tell(None, "OKR Workshop", report_bug(error, f"handling the end of {doing}"))


class _ProgressLater(QObject):
    """A busy progress dialog that appears only if the job is still running after a second."""

    def __init__(self, parent: QWidget | None, label: str):
        super().__init__(parent)
        self._parent, self._label = parent, label
        self._dialog: QProgressDialog | None = None
        self._timer = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
        self._timer.timeout.connect(self._show)
        self._timer.start()

    def _show(self) -> None:
        dialog = QProgressDialog(self._label, None, 0, 0, self._parent)  # busy: no steps to count
        dialog.setWindowTitle(self._label)
        dialog.setAccessibleName(self._label)
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable meanwhile
        dialog.setMinimumDuration(0)
        dialog.show()
        self._dialog = dialog

    def close(self) -> None:
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None


class JobSlot:
    """Runs one job at a time for its owner (an exporter, a sharer); `busy` resets however it ends."""

    def __init__(self):
        self.task: asyncio.Task | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done()

    def run(self, work: Callable[[], Any], **options) -> asyncio.Task | None:
        """Start a job (see `run_job`) unless one is running; return its task, or None when busy."""
        if self.busy:
            return None
        self.task = run_job(work, **options)
        return self.task
