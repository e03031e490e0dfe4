"""Export PDF pack… and Export blank worksheets…: built in another process from an immutable snapshot.

ReportLab is pure Python: in a thread it would hold the GIL long enough to freeze the window, so
the work goes to a one-worker process pool (started on first need, warmed shortly after a workshop
opens). The GUI thread only asks for a file name, shows a busy bar in the status bar, and reports
the result (pages, text no font could print, or the one-sentence reason it failed) with an offer
to open the file.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QWidget

from exports import jobs
from workshop.errors import ReadableError
from workshop.filenames import inside, is_same_file, safe_file_name
from workshop.paths import export_folder

from ui.messages import tell
from ui.calendar_export import default_documents_folder

PAPER_FILTERS = {"A4 paper (*.pdf)": "a4", "US Letter paper (*.pdf)": "letter"}
WARM_UP_AFTER_MS = 3000
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
        suggested = suggested or safe_file_name(f"{details.team or 'workshop'} {details.period_label} OKRs", ".pdf")
        target = self._ask(self.tr("Export the PDF pack"), suggested)
        if target:
            self.export_pack(*target)

    def ask_and_export_worksheets(self) -> None:
        target = self._ask(self.tr("Export blank worksheets"), "OKR worksheets.pdf")
        if target:
            self.export_worksheets(*target)

    def _ask(self, title: str, suggested: str) -> tuple[Path, str] | None:
        folder = export_folder(self.model.service.store.path, default_documents_folder())
        path, chosen_filter = QFileDialog.getSaveFileName(
            self.window, title, str(inside(folder, safe_file_name(Path(suggested).stem, ".pdf"))),
            ";;".join(PAPER_FILTERS))
        if not path:
            return None
        path = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        if is_same_file(path, self.model.service.store.path):  # never a PDF over the workshop itself
            tell(self.window, QMessageBox.Icon.Warning,
                 self.tr("That is the workshop's own file; choose another name for the PDF."))
            return None
        return path, PAPER_FILTERS.get(chosen_filter, "a4")

    def export_pack(self, path: Path, paper: str = "a4") -> None:
        snapshot = self.model.service.snapshot()  # immutable and picklable: sent to the worker
        self._start(self.tr("the PDF pack"), path, jobs.pdf_pack, snapshot, path, paper)

    def export_worksheets(self, path: Path, paper: str = "a4") -> None:
        details = self.model.details
        self._start(self.tr("the worksheets"), path, jobs.pdf_worksheets, path, paper, details.team,
                    details.period_label)

    def _start(self, what: str, path: Path, function, *args) -> None:
        if self.busy:
            return
        self.busy = True
        status = self.window.statusBar()
        status.addPermanentWidget(self._bar)
        self._bar.show()
        status.showMessage(self.tr("Writing %1…").replace("%1", what))
        self._task = asyncio.ensure_future(self._run(what, path, function, *args))

    async def _run(self, what: str, path: Path, function, *args) -> None:
        try:
            result = await run_export(function, *args)
        except (ReadableError, ValueError) as error:
            self._done()
            self._tell(QMessageBox.Icon.Warning, str(error), None)
            self.finished.emit(None)
            return
        self._done()
        lines = [self.tr("Wrote %1 (%2 pages) to %3.").replace("%1", what).replace("%2", str(result.pages))
                 .replace("%3", path.name)]
        if result.missing:
            lines.append(self.tr("Some characters have no printable form and show as a box:"))
            lines += [f"• {missing}" for missing in result.missing[:12]]
        self._tell(QMessageBox.Icon.Information if not result.missing else QMessageBox.Icon.Warning,
                   "\n".join(lines), path)
        self.finished.emit(path)

    def _done(self) -> None:
        self.busy = False
        self.window.statusBar().removeWidget(self._bar)
        self.window.statusBar().clearMessage()

    def _tell(self, icon, text: str, path: Path | None) -> None:
        tell(self.window, self.tr("Export"), text, icon, self.tr("Open"), path)
