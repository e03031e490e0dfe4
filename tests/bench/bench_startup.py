"""Start-up budgets (DESIGN §11): launch to first painted window against a bare PySide6 window
measured in the same run, and launch to the demo workshop open and interactive.

Run: `./dev.sh bench` (or `python tests/bench/bench_startup.py`). Prints medians and ratios.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("OKR_BENCH_RUNS", "7"))

# Each child prints "painted" from the first paint event of the window that counts.
BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
import sys
app = QApplication(sys.argv)
class W(QMainWindow):
    def paintEvent(self, e):
        super().paintEvent(e); print("painted", flush=True); app.quit()
w = W(); w.resize(860, 600); w.show(); app.exec()
"""

APP_FIRST_PAINT = """
import sys
from PySide6.QtCore import QObject, QEvent
from PySide6.QtWidgets import QApplication
from ui.app import AppController
from ui.theme import apply_theme
app = QApplication(sys.argv)
apply_theme(app)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is controller.window:
            print("painted", flush=True); app.quit()
        return False
controller = AppController()
watch = Watch(); app.installEventFilter(watch)
controller.show_start_light()
app.exec()
"""

DEMO_INTERACTIVE = """
import sys, asyncio, os
os.environ["QT_API"] = "pyside6"
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication
import qasync
from ui.app import AppController
from ui.theme import apply_theme
app = QApplication(sys.argv)
apply_theme(app)
controller = AppController()
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and type(obj).__name__ == "FacilitatorWindow":
            print("painted", flush=True); app.quit()
        return False
watch = Watch(); app.installEventFilter(watch)
controller.show_start_light()
QTimer.singleShot(0, lambda: controller.open_file(sys.argv[1]))
loop = qasync.QEventLoop(app); asyncio.set_event_loop(loop)
with loop:
    loop.run_forever()
"""


def launch_to_paint(code: str, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=env, cwd=ROOT)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait(timeout=30)
    if line.strip() != "painted":
        raise RuntimeError(f"child did not paint: {line!r}")
    return elapsed


def median_of(code: str, *args: str) -> float:
    launch_to_paint(code, *args)  # warm the disk cache
    return statistics.median(launch_to_paint(code, *args) for _ in range(RUNS))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["OKR_WORKSHOP_DATA_DIR"] = folder
        sys.path.insert(0, str(ROOT))
        from workshop.demo import write_demo

        demo = Path(folder) / "demo.okrw"
        write_demo(demo).store.close()
        bare = median_of(BARE)
        first = median_of(APP_FIRST_PAINT)
        demo_open = median_of(DEMO_INTERACTIVE, str(demo))
    print(f"{'start-up (median of ' + str(RUNS) + ')':<44}{'ms':>8}{'ratio':>8}{'budget':>12}")
    print(f"{'bare PySide6 window (floor)':<44}{bare * 1000:>8.0f}{1.0:>8.2f}")
    print(f"{'launch to first painted window':<44}{first * 1000:>8.0f}{first / bare:>8.2f}{'≤ 1.3×':>12}")
    print(f"{'launch to demo open and interactive':<44}{demo_open * 1000:>8.0f}{demo_open / bare:>8.2f}{'≤ 800 ms':>12}")


if __name__ == "__main__":
    main()
