"""The longest UI freeze while the app exports a PDF (ARCHITECTURE.md, Budgets: ≤ 50 ms).

Runs the real facilitator window with the qasync loop, starts an export of the demo pack and of a
50-team-sized session through the app's exporter (executor, immutable snapshot), and measures the
largest gap between ticks of a 5 ms probe timer on the GUI thread. Garbage is collected as the app
collects it (on the GUI thread, with the loaded libraries frozen).
Run: `./dev.sh bench` (or `python tests/bench/bench_export_stall.py`).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    sys.path.insert(0, str(ROOT))
    folder = tempfile.mkdtemp()
    os.environ["OKR_WORKSHOP_DATA_DIR"] = folder
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tests.pdf_fixtures import roll_up_snapshot
    from ui.facilitator_window import FacilitatorWindow
    from ui.gc_guard import GuiThreadGarbageCollector, freeze_loaded_libraries
    from ui.session_model import SessionModel
    from workshop.demo import write_demo

    app = QApplication(sys.argv)
    collector = GuiThreadGarbageCollector(app)  # noqa: F841 (garbage is collected as in the app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    service = write_demo(Path(folder) / "demo.okrw")
    freeze_loaded_libraries()
    model = SessionModel(service)
    window = FacilitatorWindow(model)
    window.show()
    results = {}

    async def measure(name, start_export):
        gaps, last = [], [time.perf_counter()]

        def probe():
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer(interval=5)
        timer.timeout.connect(probe)
        timer.start()
        done = asyncio.Event()
        window.exporter.finished.connect(lambda _p: done.set())
        started = time.perf_counter()
        start_export()
        await done.wait()
        results[name] = (time.perf_counter() - started, max(gaps) * 1000 - 5)
        timer.stop()
        window.exporter.finished.disconnect()

    async def run():
        from exports import jobs
        from ui.export_actions import export_pool

        await loop.run_in_executor(export_pool(), jobs.warm_up)  # as the app does after opening
        await measure("demo pack", lambda: window.exporter.export_pack(Path(folder) / "demo.pdf"))
        big = roll_up_snapshot()
        window.model.service.snapshot = lambda: big  # the exporter snapshots the model: hand it the big one
        await measure("50-team-sized pack", lambda: window.exporter.export_pack(Path(folder) / "big.pdf"))

    window.exporter._tell = lambda *args: None  # no dialog in a benchmark
    with loop:
        loop.run_until_complete(run())
    from tests.bench.budget import Figure, report

    return report("export from the app: worst UI stall while it runs (ms, 5 ms probe)", [
        Figure(f"{name} (took {total:.1f} s)", stall, 50) for name, (total, stall) in results.items()
    ], note="(shared 2-core machine: figures are noisy)")


if __name__ == "__main__":
    sys.exit(main())
