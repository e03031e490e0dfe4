"""Notices when another program changes the open session file (a sync tool, a colleague's copy).

Our own writes are told apart by the store's stamp of the file after each transaction; anything
else that changes the file raises `changed_elsewhere` once, after the writes settle.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 400  # a copy or sync writes in bursts: wait until it is done before asking


class ExternalChangeWatcher(QObject):
    """Watches one store's file; `changed_elsewhere` once per change another program made."""

    changed_elsewhere = Signal()

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._watcher = QFileSystemWatcher([str(store.path)], self)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._watcher.fileChanged.connect(lambda _path: self._settle.start())
        self._settle.timeout.connect(self._check)

    def stop(self) -> None:
        """Stop watching (the session is closing)."""
        self._settle.stop()
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)

    def _check(self) -> None:
        if str(self.store.path) not in self._watcher.files() and self.store.path.exists():
            self._watcher.addPath(str(self.store.path))  # replaced by a rename: watch the new file
        if self.store.changed_elsewhere():
            self.store.known_stamp = self.store.disk_stamp()  # ask once per change
            self.changed_elsewhere.emit()
