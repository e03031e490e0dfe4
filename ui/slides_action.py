"""File ▸ Export slides…: the projector's pages as one PDF, a handout for people who join remotely.

The screens are read from the model on the GUI thread (plain data, quickly); painting and writing
the PDF run in a worker thread, so the window keeps answering while the file is written.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui import slides_export
from ui.messages import tell


class SlidesExporter(QObject):
    """One slides export at a time for a window; `finished(path or None)` says how it ended."""

    finished = Signal(object)

    def __init__(self, window: QWidget, model):
        super().__init__(window)
        self.window, self.model = window, model
        self.busy = False
        self._task: asyncio.Task | None = None

    def ask_and_export(self) -> None:
        details = self.model.details
        store_path = self.model.service.store.path
        suggested = f"{details.team or details.title or 'workshop'} slides.pdf"
        path, _filter = QFileDialog.getSaveFileName(self.window, self.tr("Export slides"),
                                                    str(store_path.parent / suggested), self.tr("PDF (*.pdf)"))
        if path:
            self.export(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def export(self, path: Path, size: tuple[int, int] = slides_export.DEFAULT_SIZE) -> None:
        if self.busy:
            return
        self.busy = True
        deck = slides_export.build_deck(self.model.service)
        self.window.statusBar().showMessage(self.tr("Writing the slides…"))
        self._task = asyncio.ensure_future(self._run(deck, path, size))

    async def _run(self, deck, path: Path, size) -> None:
        try:
            pages = await asyncio.get_running_loop().run_in_executor(None, slides_export.write_pdf, deck, path, size)
        except OSError as error:
            self._end()
            tell(self.window, self.tr("Export slides"),
                 self.tr("The slides could not be written: %1").replace("%1", error.strerror or str(error)))
            self.finished.emit(None)
            return
        self._end()
        tell(self.window, self.tr("Export slides"),
             self.tr("Wrote %1 slides to %2.").replace("%1", str(pages)).replace("%2", path.name),
             QMessageBox.Icon.Information, self.tr("Open"), path)
        self.finished.emit(path)

    def _end(self) -> None:
        self.busy = False
        self.window.statusBar().clearMessage()
