"""Ending the app cleanly however it is asked to end: Quit, the window closed, SIGTERM or Ctrl+C.

A Python signal handler only runs when the interpreter gets control, which a Qt event loop waiting
for events does not give it; so the signal's number is written to a socket (`signal.set_wakeup_fd`)
that a `QSocketNotifier` watches, and the quit happens on the GUI thread like any other: the open
workshop saves its used time and lets go of its file, and the export worker is stopped. (SIGKILL
cannot be caught: the worker ends itself then, see `exports.jobs.worker_started`.)
"""

from __future__ import annotations

import signal
import socket
from typing import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

from workshop.logbook import log

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class QuitOnSignals(QObject):
    """Calls `quit()` on the GUI thread when the process gets SIGTERM or SIGINT (POSIX only)."""

    def __init__(self, app: QApplication, quit: Callable[[], None]):
        super().__init__(app)
        self._quit = quit
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for number in QUIT_SIGNALS:
            signal.signal(number, lambda *_args: None)  # the wakeup byte does the work
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)
        app.aboutToQuit.connect(self.uninstall)

    def _on_signal(self) -> None:
        try:
            received = self._reader.recv(64)
        except BlockingIOError:
            return
        if any(number in QUIT_SIGNALS for number in received):
            log.info("quitting on signal %s", ", ".join(str(n) for n in received))
            self._quit()

    def uninstall(self) -> None:
        """Give the signals back to Python's defaults (the app is going)."""
        self._notifier.setEnabled(False)
        for number in QUIT_SIGNALS:
            signal.signal(number, signal.SIG_DFL if number == signal.SIGTERM else signal.default_int_handler)
        signal.set_wakeup_fd(self._previous_fd)


def install(app: QApplication, quit: Callable[[], None]) -> QuitOnSignals | None:
    """Quit through `quit` on SIGTERM/SIGINT and stop the export worker when the app quits."""
    from ui.export_actions import stop_export_pool

    app.aboutToQuit.connect(stop_export_pool)
    if not hasattr(socket, "socketpair") or not hasattr(signal, "SIGTERM"):
        return None
    return QuitOnSignals(app, quit)
