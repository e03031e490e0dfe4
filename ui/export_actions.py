"""Export PDF pack… and Export blank worksheets…: built in another process from an immutable snapshot.

ReportLab is pure Python: in a thread it would hold the GIL long enough to freeze the window, so
the work goes to a one-worker process pool (started on first need, warmed shortly after a workshop
opens; the worker ends with the app however the app ends, see `exports.jobs.worker_started`). The
GUI thread only asks for a file name (beside the session file, on the paper size chosen in
File > Paper size), shows a busy bar in the status bar, runs the job through `ui.jobs` (so it always
ends: success, failure or a worker that died) and reports the result (pages, text no font could
print, or the one-sentence reason it failed) in the notice every export ends with.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QProgressBar, QWidget

from exports import jobs
from workshop.errors import ReadableError
from workshop.filenames import inside, is_same_file, safe_file_name

from ui import preferences
from ui.export_results import default_folder, show_export_notice
from ui.jobs import JobSlot

WARM_UP_AFTER_MS = 3000


_pool: ProcessPoolExecutor | None = None


class ExportWorkerStopped(ReadableError):
    """The export process ended before it finished (killed, out of memory); the next export starts a new one."""


def export_pool() -> ProcessPoolExecutor:
    """The process that builds PDFs ("spawn": a forked Qt process is not safe to use)."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                    initializer=jobs.worker_started, initargs=(os.getpid(),))
    return _pool


def stop_export_pool() -> None:
    """End the export process now (the app is quitting): queued work is dropped, the worker killed."""
    global _pool
    pool, _pool = _pool, None
    if pool is None:
        return
    for process in list(getattr(pool, "_processes", {}).values()):  # shutdown() alone waits for a busy worker
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


async def run_export(job, *args):
    """Run an `exports.jobs` function in the worker process; its result or error comes back here."""
    global _pool
    try:
        return await asyncio.get_running_loop().run_in_executor(export_pool(), job, *args)
    except BrokenProcessPool:
        _pool = None  # a broken pool takes no more work: the next export starts a fresh process
        raise ExportWorkerStopped("The process writing the PDF stopped before it finished; "
                                  "try the export again.") from None


class PdfExporter(QObject):
    """Runs one export at a time for a window; `finished(path or None)` says how it ended."""

    finished = Signal(object)

    def __init__(self, window: QWidget, model):
        super().__init__(window)
        self.window, self.model = window, model
        self.slot = JobSlot()
        self._bar = QProgressBar()
        self._bar.setRange(0, 0)  # busy: ReportLab gives no progress to report
        self._bar.setMaximumWidth(200)
        self._bar.setAccessibleName(self.tr("Export in progress"))
        # In the status bar from the start, keeping its room while hidden: showing it then repaints
        # that corner only, where adding it would lay the whole window out again (a visible stall).
        policy = self._bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self._bar.setSizePolicy(policy)
        window.statusBar().addPermanentWidget(self._bar)
        self._bar.hide()
        QTimer.singleShot(WARM_UP_AFTER_MS, self, lambda: export_pool().submit(jobs.warm_up))

    @property
    def busy(self) -> bool:
        return self.slot.busy

    def ask_and_export_pack(self, suggested: str = "") -> None:
        details = self.model.details
        suggested = suggested or safe_file_name(f"{details.team or 'workshop'} {details.period_label} OKRs", ".pdf")
        target = self.ask_for_pdf(self.tr("Export the PDF pack"), suggested)
        if target:
            self.export_pack(*target)

    def ask_and_export_worksheets(self) -> None:
        target = self.ask_for_pdf(self.tr("Export blank worksheets"), "OKR worksheets.pdf")
        if target:
            self.export_worksheets(*target)

    def ask_for_pdf(self, title: str, suggested: str) -> tuple[Path, str] | None:
        """Where to write a PDF (beside the workshop, on the paper size chosen), or None if cancelled."""
        paper = preferences.paper()
        title = f"{title} ({preferences.paper_name(paper)})"  # the paper size in sight; File > Paper size changes it
        suggested_path = inside(default_folder(self.model), safe_file_name(Path(suggested).stem, ".pdf"))
        path, _filter = QFileDialog.getSaveFileName(
            self.window, title, str(suggested_path), self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        path = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        if is_same_file(path, self.model.service.store.path):  # never a PDF over the workshop itself
            show_export_notice(self.window, title, self.tr("That is the workshop's own file; choose another "
                                                           "name for the PDF."), None, warning=True)
            return None
        return path, paper

    def export_pack(self, path: Path, paper: str = "a4") -> None:
        snapshot = self.model.service.snapshot()  # immutable and picklable: sent to the worker
        self.start(self.tr("the PDF pack"), path, paper, jobs.pdf_pack, snapshot, path, paper)

    def export_worksheets(self, path: Path, paper: str = "a4") -> None:
        details = self.model.details
        self.start(self.tr("the worksheets"), path, paper, jobs.pdf_worksheets, path, paper, details.team,
                    details.period_label)

    def start(self, what: str, path: Path, paper: str, function, *args) -> None:
        """Write `path` with `function(*args)` in the export worker, then tell how it went (`what` is
        "the PDF pack"…); does nothing while another export runs."""
        if self.busy:
            return
        status = self.window.statusBar()
        self._bar.show()
        status.showMessage(self.tr("Writing %1…").replace("%1", what))
        self.slot.run(functools.partial(run_export, function, *args), doing=f"exporting ({function.__name__})",
                      parent=self.window, on_success=lambda result: self._written(what, path, paper, result),
                      on_failure=self._failed, on_finally=self._done)

    def _written(self, what: str, path: Path, paper: str, result) -> None:
        lines = [self.tr("Wrote %1 (%2 pages, %3 paper) to %4.").replace("%1", what)
                 .replace("%2", str(result.pages)).replace("%3", preferences.paper_name(paper))
                 .replace("%4", path.name)]
        if result.missing:
            lines.append(self.tr("Some characters have no printable form and show as a box:"))
            lines += [f"• {missing}" for missing in result.missing[:12]]
        show_export_notice(self.window, self.tr("Export"), "\n".join(lines), path, warning=bool(result.missing))
        self.finished.emit(path)

    def _failed(self, sentence: str, _error: BaseException) -> None:
        show_export_notice(self.window, self.tr("Export"), sentence, None, warning=True)
        self.finished.emit(None)

    def _done(self) -> None:
        self._bar.hide()
        self.window.statusBar().clearMessage()
