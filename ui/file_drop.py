"""Opening a session file by dropping it on a window (ARCHITECTURE.md, Session files: however a file arrives, it is
opened through the same checks).

Any window of the app accepts a dragged `.okrw` file; other drags (text, images, web links) are
left to whatever widget is under the pointer. A text field takes a dropped file as text itself,
so the drop is meant for the window around it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtWidgets import QWidget

SESSION_SUFFIX = ".okrw"
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def dropped_session_file(mime: QMimeData) -> Path | None:
    """The first local session file among the dragged items, if any."""
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(SESSION_SUFFIX):
            return Path(url.toLocalFile())
    return None


class SessionFileDrops(QObject):
    """Lets `window` accept dropped session files; `dropped(path)` says which one was dropped."""

    dropped = Signal(Path)

    def __init__(self, window: QWidget):
        super().__init__(window)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in _DRAG_EVENTS:
            return False
        path = dropped_session_file(event.mimeData())
        if path is None:
            return False
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.dropped.emit(path)
        return True
