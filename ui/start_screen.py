"""The start screen: new workshop, open a file, recent files, the demo, and unsaved work to recover.

It imports nothing heavy, so it is the first window painted; the domain loads behind it (ARCHITECTURE.md, Layers).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)


class StartScreen(QWidget):
    """Asks what to do; emits a request the app controller carries out."""

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    import_requested = Signal()
    file_chosen = Signal(Path)
    recover_chosen = Signal(Path)
    discard_chosen = Signal(Path)
    quit_requested = Signal()

    def __init__(self, recent: list[Path] | None = None, recoverable: list[Path] | None = None):
        """Without lists the screen paints at once; `show_files` fills them in afterwards."""
        super().__init__()
        self.setWindowTitle(self.tr("OKR Workshop"))
        self.setAccessibleName(self.tr("Start screen"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        title = QLabel(self.tr("OKR Workshop"), objectName="pageTitle")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Run your team's two-hour OKR workshop: five timed steps, "
                                        "a coach while you write, a PDF pack at the end."),
                                wordWrap=True, objectName="hint"))
        buttons = QHBoxLayout()
        for label, signal in ((self.tr("New workshop"), self.new_requested),
                              (self.tr("Open file…"), self.open_requested),
                              (self.tr("Open the demo workshop"), self.demo_requested),
                              (self.tr("Import team files…"), self.import_requested)):
            button = QPushButton(label)
            button.setAccessibleName(label)
            button.setMinimumHeight(40)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        # The workshop window's File ▸ Quit key works here too (Cmd+Q on a Mac).
        QShortcut(QKeySequence("Ctrl+Q"), self, activated=self.quit_requested.emit)

        self.files_area = QVBoxLayout()
        layout.addLayout(self.files_area)
        layout.addStretch(1)
        self.resize(860, 600)
        if recent is not None or recoverable is not None:
            self.show_files(recent or [], recoverable or [])

    def show_files(self, recent: list[Path], recoverable: list[Path], titles: dict[str, str] | None = None) -> None:
        """Recent workshops, and unsaved work to recover when there is any.

        `titles` (resolved path -> workshop title) come from the app's settings, written when a
        file was opened, saved or closed: no file is opened to list it.
        """
        titles = titles or {}
        area = self.files_area
        if recoverable:
            area.addWidget(QLabel(self.tr("<b>Unsaved work you can recover</b>")))
            self.recover_list = FileList(recoverable, self.tr("Unsaved workshops"), titles, show_time=True)
            self.recover_list.itemActivated.connect(lambda item: self.recover_chosen.emit(self.recover_list.path_of(item)))
            area.addWidget(self.recover_list)
            row = QHBoxLayout()
            for label, signal in ((self.tr("Recover"), self.recover_chosen), (self.tr("Discard"), self.discard_chosen)):
                button = QPushButton(label)
                button.setAccessibleName(self.tr("%1 selected unsaved workshop").replace("%1", label))
                button.clicked.connect(lambda _=False, s=signal: self._emit_selected(self.recover_list, s))
                row.addWidget(button)
            row.addStretch(1)
            area.addLayout(row)

        area.addWidget(QLabel(self.tr("<b>Recent workshops</b>")))
        if recent:
            self.recent_list = FileList(recent, self.tr("Recent workshops"), titles)
            self.recent_list.itemActivated.connect(lambda item: self.file_chosen.emit(self.recent_list.path_of(item)))
            area.addWidget(self.recent_list)
        else:
            area.addWidget(QLabel(self.tr("Workshops you open or save will be listed here."), objectName="hint"))

    @staticmethod
    def _emit_selected(widget: "FileList", signal) -> None:
        item = widget.currentItem()
        if item is not None:
            signal.emit(widget.path_of(item))


class FileList(QListWidget):
    """Session files, one per row, with the path each row stands for.

    The paths are kept here rather than in item data: item roles need Qt's namespace, which takes
    about 40 ms to load, and this screen is painted before anything that slow.
    """

    def __init__(self, files: list[Path], name: str, titles: dict[str, str], show_time: bool = False):
        from datetime import datetime

        super().__init__()
        self.paths = list(files)
        self.setAccessibleName(name)
        for path in self.paths:
            title = titles.get(str(path.resolve()), "")
            where = path.name
            if show_time:
                try:
                    where = f"{path.name}, {datetime.fromtimestamp(path.stat().st_mtime):%d %b %Y %H:%M}"
                except OSError:
                    pass
            item = QListWidgetItem(f"{title}   —   {where}" if title else where)
            item.setToolTip(str(path))
            self.addItem(item)
        if self.paths:
            self.setCurrentRow(0)
        self.setMaximumHeight(200)

    def path_of(self, item: QListWidgetItem) -> Path:
        return self.paths[self.row(item)]
