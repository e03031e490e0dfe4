"""One open workshop as a whole: its store (with the file's lock), service, Qt model and file watcher.

A `WorkshopSession` is built whole from an opened service, or not at all; the app swaps the
session it shows only once the new one is built, so the workshop you had open stays open whatever
goes wrong while opening another file, reloading this one or saving it elsewhere. `close` lets go
of everything at once: the timer's used time is saved, the model stops listening, the watcher stops
and the file's lock is released. Reloading the same file (another program changed it) opens it
afresh with the lock this session already holds, so the lock is never let go in between.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from workshop.service import WorkshopService

from ui.file_watch import ExternalChangeWatcher
from ui.session_model import SessionModel


class WorkshopSession(QObject):
    """The open workshop's store, service, model and watcher, opened, swapped and closed together."""

    changed_elsewhere = Signal()

    def __init__(self, service: WorkshopService, clock=None):
        super().__init__()
        self.service = service
        try:
            self.model = SessionModel(service, clock=clock)
            self.watcher = ExternalChangeWatcher(service.store, self)
        except BaseException:
            service.store.close()  # nothing half-built keeps the file locked
            raise
        self.watcher.changed_elsewhere.connect(self.changed_elsewhere)
        self.closed = False

    @property
    def store(self):
        return self.service.store

    @property
    def path(self) -> Path:
        return self.service.store.path

    @property
    def read_only(self) -> bool:
        return self.service.store.read_only

    def reload_arguments(self) -> tuple[Path, bool, object]:
        """What `open_session` needs to open this file again in this session's place (from any thread)."""
        return self.path, self.read_only, self.store.lock

    def took_over_from(self, older: "WorkshopSession") -> None:
        """This session reopened `older`'s file with its lock: `older` must not release it on close."""
        if self.store.lock is not None and self.store.lock is older.store.lock:
            older.store.let_go_of_lock()

    def untouched(self) -> bool:
        """Nobody changed anything in this window (nothing to undo)."""
        return self.model.undo_stack.count() == 0

    def close(self) -> None:
        """Release everything: save the used time, stop listening and watching, unlock the file."""
        if self.closed:
            return
        self.closed = True
        self.watcher.stop()
        self.model.close()
        self.model.deleteLater()  # destroyed on the GUI thread, not by a collector elsewhere
        self.deleteLater()
