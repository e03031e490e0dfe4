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

# The real entry point (ui.app.run_app), watched for the first paint of the window that counts.
APP = """
import sys
from PySide6.QtCore import QObject, QEvent
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
WANTED = sys.argv[1]
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and type(obj).__name__ == WANTED:
            print("painted", flush=True); app.quit()
        return False
watch = Watch(); app.installEventFilter(watch)
from ui.app import run_app
run_app(sys.argv[2] if len(sys.argv) > 2 else None)
"""

# What the stack costs before any of our code runs: Python, Qt, a painted window, and SQLModel.
STACK_FLOOR = """
from PySide6.QtWidgets import QApplication, QMainWindow
import sys
app = QApplication(sys.argv)
class W(QMainWindow):
    def paintEvent(self, e):
        super().paintEvent(e)
        import sqlmodel
        print("painted", flush=True); app.quit()
w = W(); w.resize(860, 600); w.show(); app.exec()
"""


def launch_to_paint(code: str, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=env, cwd=ROOT)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.kill()  # measured: no need to wait for a clean exit
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
        stack = median_of(STACK_FLOOR)
        first = median_of(APP, "StartScreen")
        demo_open = median_of(APP, "FacilitatorWindow", str(demo))
    print(f"{'start-up (median of ' + str(RUNS) + ')':<44}{'ms':>8}{'ratio':>8}{'budget':>12}")
    print(f"{'bare PySide6 window (floor)':<44}{bare * 1000:>8.0f}{1.0:>8.2f}")
    print(f"{'launch to first painted window':<44}{first * 1000:>8.0f}{first / bare:>8.2f}{'≤ 1.3×':>12}")
    print(f"{'bare window + import sqlmodel (stack floor)':<44}{stack * 1000:>8.0f}{stack / bare:>8.2f}")
    print(f"{'launch to demo open and interactive':<44}{demo_open * 1000:>8.0f}{demo_open / bare:>8.2f}{'≤ 800 ms':>12}")


if __name__ == "__main__":
    main()
