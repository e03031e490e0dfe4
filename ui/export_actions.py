"""Export PDF pack… and Export blank worksheets…: built in another process from an immutable snapshot.

ReportLab is pure Python: in a thread it would hold the GIL long enough to freeze the window, so
the work goes to a one-worker process pool (started on first need, warmed shortly after a workshop
opens). The GUI thread only asks for a file name (beside the session file, on the paper size chosen
in File > Paper size), shows a busy bar in the status bar, and reports the result (pages, text no
font could print, or the one-sentence reason it failed) in the notice every export ends with.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QProgressBar, QWidget

from exports import jobs
from workshop.errors import ReadableError

from ui import preferences
from ui.export_results import default_folder, show_export_notice

WARM_UP_AFTER_MS = 3000


def paper_name(paper: str) -> str:
    """"A4" or "US Letter", as the menu and the notices say it."""
    return QCoreApplication.translate("PdfExporter", "US Letter" if paper == "letter" else "A4")
_pool: ProcessPoolExecutor | None = None


def export_pool() -> ProcessPoolExecutor:
    """The process that builds PDFs ("spawn": a forked Qt process is not safe to use)."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return _pool


async def run_export(job, *args):
    """Run an `exports.jobs` function in the worker process; its result or error comes back here."""
    return await asyncio.get_running_loop().run_in_executor(export_pool(), job, *args)


class PdfExporter(QObject):
    """Runs one export at a time for a window; `finished(path or None)` says how it ended."""

    finished = Signal(object)

    def __init__(self, window: QWidget, model):
        super().__init__(window)
        self.window, self.model = window, model
        self.busy = False
        self._task: asyncio.Task | None = None
        self._bar = QProgressBar()
        self._bar.setRange(0, 0)  # busy: ReportLab gives no progress to report
        self._bar.setMaximumWidth(200)
        self._bar.setAccessibleName(self.tr("Export in progress"))
        QTimer.singleShot(WARM_UP_AFTER_MS, self, lambda: export_pool().submit(jobs.warm_up))

    def ask_and_export_pack(self, suggested: str = "") -> None:
        details = self.model.details
        suggested = suggested or f"{details.team or 'workshop'} {details.period_label} OKRs.pdf".replace("  ", " ")
        target = self._ask(self.tr("Export the PDF pack"), suggested)
        if target:
            self.export_pack(*target)

    def ask_and_export_worksheets(self) -> None:
        target = self._ask(self.tr("Export blank worksheets"), "OKR worksheets.pdf")
        if target:
            self.export_worksheets(*target)

    def _ask(self, title: str, suggested: str) -> tuple[Path, str] | None:
        paper = preferences.paper()
        title = f"{title} ({paper_name(paper)})"  # the paper size in sight; File > Paper size changes it
        path, _filter = QFileDialog.getSaveFileName(
            self.window, title, str(default_folder(self.model) / suggested), self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        return Path(path if path.lower().endswith(".pdf") else path + ".pdf"), paper

    def export_pack(self, path: Path, paper: str = "a4") -> None:
        snapshot = self.model.service.snapshot()  # immutable and picklable: sent to the worker
        self._start(self.tr("the PDF pack"), path, paper, jobs.pdf_pack, snapshot, path, paper)

    def export_worksheets(self, path: Path, paper: str = "a4") -> None:
        details = self.model.details
        self._start(self.tr("the worksheets"), path, paper, jobs.pdf_worksheets, path, paper, details.team,
                    details.period_label)

    def _start(self, what: str, path: Path, paper: str, function, *args) -> None:
        if self.busy:
            return
        self.busy = True
        status = self.window.statusBar()
        status.addPermanentWidget(self._bar)
        self._bar.show()
        status.showMessage(self.tr("Writing %1…").replace("%1", what))
        self._task = asyncio.ensure_future(self._run(what, path, paper, function, *args))

    async def _run(self, what: str, path: Path, paper: str, function, *args) -> None:
        try:
            result = await run_export(function, *args)
        except (ReadableError, ValueError) as error:
            self._done()
            show_export_notice(self.window, self.tr("Export"), str(error), None, warning=True)
            self.finished.emit(None)
            return
        self._done()
        lines = [self.tr("Wrote %1 (%2 pages, %3 paper) to %4.").replace("%1", what)
                 .replace("%2", str(result.pages)).replace("%3", paper_name(paper)).replace("%4", path.name)]
        if result.missing:
            lines.append(self.tr("Some characters have no printable form and show as a box:"))
            lines += [f"• {missing}" for missing in result.missing[:12]]
        show_export_notice(self.window, self.tr("Export"), "\n".join(lines), path, warning=bool(result.missing))
        self.finished.emit(path)

    def _done(self) -> None:
        self.busy = False
        self.window.statusBar().removeWidget(self._bar)
        self.window.statusBar().clearMessage()
