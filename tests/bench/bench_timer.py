"""Timer budgets (DESIGN §11): repaint rate while the timer runs, and the worst event-loop stall.

Runs the real facilitator window on the demo with the real clock for a few seconds.
Run: `./dev.sh bench` (or `python tests/bench/bench_timer.py`).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("OKR_BENCH_TIMER_SECONDS", "4"))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["OKR_WORKSHOP_DATA_DIR"] = folder
        from PySide6.QtCore import QElapsedTimer, QTimer
        from PySide6.QtWidgets import QApplication

        from ui.facilitator_window import FacilitatorWindow
        from ui.session_model import SessionModel
        from workshop.demo import write_demo

        app = QApplication.instance() or QApplication(sys.argv)
        model = SessionModel(write_demo(Path(folder) / "demo.okrw"))
        window = FacilitatorWindow(model)
        window.show()
        window.present()
        model.go_to_step(3)
        ticks, gaps = [], []
        model.tick.connect(lambda: ticks.append(time.perf_counter()))
        probe = QTimer(interval=5)
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def on_probe():
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        probe.timeout.connect(on_probe)
        probe.start()
        model.start_timer()
        QTimer.singleShot(int(SECONDS * 1000), app.quit)
        app.exec()
        model.pause_timer()
        window.close()
    rate = (len(ticks) - 1) / (ticks[-1] - ticks[0]) if len(ticks) > 1 else 0
    print(f"{'timer while running':<44}{'value':>10}{'budget':>14}")
    print(f"{'display updates per second':<44}{rate:>10.1f}{'≥ 4':>14}")
    print(f"{'worst event-loop stall (ms, 5 ms probe)':<44}{max(gaps) - 5:>10.1f}{'≤ 50':>14}")
    print(f"{'drift':<44}{'0 (deadline arithmetic)':>24}")


if __name__ == "__main__":
    main()
