"""Runs Python's cyclic garbage collector on the GUI thread only.

A QObject caught in a reference cycle (a window, a model with its timers) is destroyed when the
collector runs. Left to itself the collector runs in whatever thread allocates at that moment,
such as an executor thread validating a file, and Qt objects destroyed there stop their timers
from the wrong thread, which can crash the app. So automatic collection is turned off and this
timer collects on the GUI thread, using the collector's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    @staticmethod
    def collect_if_due() -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = max((g for g in range(3) if counts[g] > thresholds[g]), default=None)
        if generation is not None:
            gc.collect(generation)
