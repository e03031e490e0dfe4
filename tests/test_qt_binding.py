"""The Qt binding must not leak references to None or bools: PySide6 6.12.0 did, and on Python 3.11
that aborts the process ("none_dealloc") after a few thousand edits, mid-workshop."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)


def test_calls_and_signals_keep_none_and_bools_alive(qapp):
    emitter = _Emitter()
    received = []
    emitter.flag.connect(received.append)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(2000):
        qapp.processEvents()
        emitter.flag.emit(True)
        emitter.flag.emit(False)
    received.clear()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(abs(a - b) < 50 for a, b in zip(after, before)), (before, after)
