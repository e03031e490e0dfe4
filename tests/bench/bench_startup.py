"""Start-up budgets (ARCHITECTURE.md, Budgets), measured from outside the process: launch to the first painted
window (≤ 1.3 × a bare PySide6 window) and launch to the demo workshop visible and interactive
(≤ 1.2 × a bare PySide6 window that first imports sqlmodel), floors measured in the same run; and the
memory of the app with the demo open, once its export worker is warm (≤ 200 MB RSS).

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
RUNS = int(os.environ.get("OKR_BENCH_RUNS", "9"))

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


def _kilobytes(pid: int, file: str, field: str) -> int:
    for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/{pid}/{file}")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def settled_memory(demo: Path) -> tuple[float, float]:
    """The app on the demo, once its export worker is up and warm: the app process's peak RSS, and
    the proportional share (PSS) of the app with its helper processes together, in MB."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(demo)], env=env, cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, last = time.monotonic() + 30, None
        while time.monotonic() < deadline:  # settled: the worker exists and nothing grew for a second
            time.sleep(1)
            processes = [app.pid, *_children(app.pid)]
            now = [_kilobytes(pid, "status", "VmHWM") for pid in processes]
            if len(processes) >= 3 and now == last:
                break
            last = now
        else:
            raise RuntimeError("the app's memory never settled")
        total = sum(_kilobytes(pid, "smaps_rollup", "Pss") for pid in processes)
        return _kilobytes(app.pid, "status", "VmHWM") / 1024, total / 1024
    finally:
        app.kill()
        app.wait(timeout=30)


def medians(launches: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """The median launch-to-paint of each child, launched in turns (one of each per round), so that
    a machine busier for a while slows floors and app alike and their ratios stay fair."""
    for arguments in launches.values():
        launch_to_paint(*arguments)  # warm the disk cache
    times = {name: [] for name in launches}
    for _ in range(RUNS):
        for name, arguments in launches.items():
            times[name].append(launch_to_paint(*arguments))
    return {name: statistics.median(measured) for name, measured in times.items()}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.bench.budget import Figure, report

    with tempfile.TemporaryDirectory() as folder:
        os.environ["OKR_WORKSHOP_DATA_DIR"] = folder
        from workshop.demo import write_demo

        # As after `./dev.sh` set the app up: its bytecode written, so no launch compiles it.
        subprocess.run([sys.executable, "-m", "compileall", "-q", "main.py", "cli.py", "assets", "exports", "ui",
                        "workshop"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        demo = Path(folder) / "demo.okrw"
        write_demo(demo).store.close()
        median = medians({"bare": (BARE,), "stack": (STACK_FLOOR,), "first": (APP, "StartScreen"),
                          "demo": (APP, "FacilitatorWindow", str(demo))})
        bare, stack, first, demo_open = median["bare"], median["stack"], median["first"], median["demo"]
        app_peak, with_helpers = settled_memory(demo)
    return report(f"start-up, launch to painted and interactive (ms, median of {RUNS} launches)", [
        Figure("first painted window (floor: bare PySide6 window)", first * 1000, 1.3, floor=bare * 1000,
               ratio_budget=True),
        Figure("demo open (floor: bare window + import sqlmodel)", demo_open * 1000, 1.2, floor=stack * 1000,
               ratio_budget=True),
        Figure("memory, demo open: the app's peak RSS", app_peak, 200, unit="MB"),
    ], note=f"(with its export worker and multiprocessing's tracker, the app's PSS is {with_helpers:.0f} MB; "
            "shared 2-core machine: figures are noisy)")


if __name__ == "__main__":
    sys.exit(main())
