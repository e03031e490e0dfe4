"""Start-up budgets (ARCHITECTURE.md, Budgets), measured from outside the process: launch to the first painted
window (≤ 1.3 × a bare PySide6 window) and launch to the demo workshop visible and interactive
(≤ 1.2 × a bare PySide6 window that first imports sqlmodel), floors measured in the same run.

"Interactive" is the moment the event loop runs again after the first paint of the window that
counts: each child prints once a zero-delay timer started from that paint has fired.
Run: `python tests/bench/bench_startup.py`.
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

# Each child prints "painted" once the event loop runs again after the first paint of the window that counts.
BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import sys
app = QApplication(sys.argv)
class W(QMainWindow):
    def paintEvent(self, e):
        super().paintEvent(e); QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
w = W(); w.resize(860, 600); w.show(); app.exec()
"""

# The real entry point (main.main, as the okr-workshop command runs it), watched for the first paint
# of the window that counts. The watch is installed once ui.app is loaded, so the child imports
# PySide6 exactly when the app does (main loads the domain before Qt when it opens a file).
APP = """
import importlib.util, sys

WANTED = sys.argv[1]

def install_watch():
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and type(obj).__name__ == WANTED:
                app.removeEventFilter(self)
                QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
            return False
    app.watch = Watch()
    app.installEventFilter(app.watch)

class AfterUiApp:
    def find_spec(self, name, path, target=None):
        if name != "ui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module
        spec.loader.exec_module = lambda module: (load(module), install_watch())
        return spec

sys.meta_path.insert(0, AfterUiApp())
from main import main
main(sys.argv[2:])
"""

# What the stack costs before any of our code runs: Python, Qt, a painted window, and SQLModel.
STACK_FLOOR = """
import sqlmodel
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import sys
app = QApplication(sys.argv)
class W(QMainWindow):
    def paintEvent(self, e):
        super().paintEvent(e); QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
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


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.bench.budget import Figure, report

    with tempfile.TemporaryDirectory() as folder:
        os.environ["OKR_WORKSHOP_DATA_DIR"] = folder
        from workshop.demo import write_demo

        # As after `./dev.sh` set the app up: its bytecode written, so no launch compiles it.
        subprocess.run([sys.executable, "-m", "compileall", "-q", "main.py", "cli.py", "assets", "exports", "ui", "workshop"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        demo = Path(folder) / "demo.okrw"
        write_demo(demo).store.close()
        bare = median_of(BARE)
        stack = median_of(STACK_FLOOR)
        first = median_of(APP, "StartScreen")
        demo_open = median_of(APP, "FacilitatorWindow", str(demo))
    return report(f"start-up, launch to painted and interactive (ms, median of {RUNS} launches)", [
        Figure("first painted window (floor: bare PySide6 window)", first * 1000, 1.3, floor=bare * 1000,
               ratio_budget=True),
        Figure("demo open (floor: bare window + import sqlmodel)", demo_open * 1000, 1.2, floor=stack * 1000,
               ratio_budget=True),
    ], note="(shared 2-core machine: figures are noisy)")


if __name__ == "__main__":
    sys.exit(main())
