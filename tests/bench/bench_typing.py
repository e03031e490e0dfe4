"""Typing in an objective with 25 objectives on the page (budget: ≤ 16 ms per keystroke, p95).

The facilitator window shows step 3 (objectives) of a workshop with 25 objectives. Keystrokes come
at a fast typist's pace (one every KEY_INTERVAL_MS) as real key events to the 13th objective's
editor; each is timed from the moment it was due until the window has handled it and everything it
caused (every view told, the window repainted), so work the app does between keystrokes (saving the
typed text, the coach) counts whenever a keystroke has to wait for it. The floor is the same
keystrokes in an editor bound to nothing, in the same window. The same is measured with 5
objectives: per-keystroke cost must not grow with the size of the workshop (median ≤ 1.5× from 5 to 25).
Run: `python tests/bench/bench_typing.py`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYSTROKES = 150
WARM_UP = 30
KEY_INTERVAL_MS = 70


def typing_samples(folder: Path, objectives: int) -> tuple[list[float], list[float]]:
    """Milliseconds per keystroke in the bound editor, and in an unbound one (the floor)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.facilitator_window import FacilitatorWindow
    from ui.pages.objectives import SentenceEdit
    from ui.session_model import SessionModel
    from workshop import models
    from workshop.session import create_session

    app = QApplication.instance()
    service = create_session(folder / f"typing-{objectives}.okrw")
    with service.batch():
        for number in range(objectives):
            objective = service.add(models.Objective, text=f"Make onboarding number {number} calm so that people stay")
            for k in range(3):
                service.add(models.KeyResult, objective_id=objective, text=f"Raise activation {k} from 20% to 40%")
    model = SessionModel(service)
    window = FacilitatorWindow(model)
    window.resize(1600, 1000)
    window.show()
    model.go_to_step(3)
    app.processEvents()
    target = service.rows(models.Objective)[objectives // 2].id
    editor = window.findChild(SentenceEdit, f"Objective-{target}-text")
    floor_editor = SentenceEdit()
    editor.parentWidget().layout().addWidget(floor_editor)  # the same place in the same window
    app.processEvents()

    def keystrokes(widget) -> list[float]:
        widget.setFocus()
        app.processEvents()
        samples = []
        due = time.perf_counter()
        for number in range(KEYSTROKES + WARM_UP):
            due += KEY_INTERVAL_MS / 1000
            while time.perf_counter() < due:  # the app runs its timers meanwhile, as between real keys
                app.processEvents()
                time.sleep(0.001)
            key = Qt.Key.Key_Backspace if number % 5 == 4 else Qt.Key.Key_A
            QTest.keyClick(widget, key)
            app.processEvents()  # the repaint and anything queued
            samples.append((time.perf_counter() - due) * 1000)
        return samples[WARM_UP:]

    bound, floor = keystrokes(editor), keystrokes(floor_editor)
    window.close()
    model.close()
    return bound, floor


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.bench.budget import Figure, median, offscreen_app, p95, report

    with offscreen_app() as (_app, folder):
        small, small_floor = typing_samples(folder, 5)
        large, large_floor = typing_samples(folder, 25)
    return report("typing in an objective (ms per keystroke; floor = an unbound editor, same window)", [
        Figure("25 objectives: keystroke p95", p95(large), 16, floor=p95(large_floor)),
        Figure("25 objectives: keystroke median", median(large), 16, floor=median(large_floor)),
        Figure("growth 5 → 25 objectives (median)", median(large), 1.5, floor=median(small), ratio_budget=True),
    ], note="(shared 2-core machine: figures are noisy)")


if __name__ == "__main__":
    sys.exit(main())
