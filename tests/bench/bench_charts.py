"""Progress charts (issue 14 budgets): a chart redraw on the projector ≤ 16 ms, and what the charts
add to the first paint of a window that shows them ≤ 50 ms.

- Redraw: the meeting's projector window repainted at 1280×720 on the demo quarter after a change
  (the body painted afresh: a key result's chart with its history, or the team's progress bars), and
  a timer tick's frame (the body copied from its cache), against the floor of the same window size
  painting only its background.
- First paint: importing the chart modules after the facilitator window's modules (they are never on
  the start-up path; median of fresh processes), plus the first paint of the laptop's two chart
  widgets. The floor is the first paint of plain QWidgets of the same sizes.
The redraw budget is judged on the median frame (p95 printed below it: on a shared machine the tail
is other people's work). Run: `python tests/bench/bench_charts.py`. Prints measured, floor,
ratio and budget; exits 1 over budget.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.budget import Figure, median, p95, report  # noqa: E402

REDRAW_BUDGET_MS = 16.0
FIRST_PAINT_BUDGET_MS = 50.0
FRAMES = 120
IMPORT_RUNS = 5
LABEL_SAMPLE = "1.2 Cut median checkout time from 94 seconds to 45 seconds · 73% · On track"
IMPORT_PROBE = (
    "import time, importlib, ui.facilitator_window\n"
    "begun = time.perf_counter()\n"
    "for name in ('workshop.chart_series', 'ui.meetings.charts', 'ui.meetings.chart_widgets'):\n"
    "    importlib.import_module(name)\n"
    "print((time.perf_counter() - begun) * 1000)\n"
)


def chart_import_ms() -> float:
    """The chart modules' import in a fresh process where a workshop window's modules are loaded,
    from compiled bytecode as an installed app has it (the first run writes it and is not counted)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    runs = []
    for _ in range(IMPORT_RUNS + 1):
        result = subprocess.run([sys.executable, "-c", IMPORT_PROBE], cwd=ROOT, capture_output=True, text=True,
                                check=True, env=env)
        runs.append(float(result.stdout.strip().splitlines()[-1]))
    return median(runs[1:])


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.bench.budget import offscreen_app

    with offscreen_app() as (app, folder):
        from PySide6.QtWidgets import QLabel, QWidget

        import ui.facilitator_window  # noqa: F401 - what is loaded when a workshop is open
        from ui.session_model import SessionModel
        from workshop import models
        from workshop.demo import write_demo
        from workshop.meeting_plan import plan_for_event
        from workshop.session import open_session

        import_ms = chart_import_ms()
        from ui.meetings.chart_widgets import KeyResultChart, TeamProgressChart
        from ui.meetings import charts
        from ui.meetings.runner import MeetingWindow
        from workshop.chart_series import series_of

        path = folder / "demo.okrw"
        write_demo(path, today=date(2027, 4, 2)).store.close()
        model = SessionModel(open_session(path))
        event = next(e for e in model.service.rows(models.ReviewEvent) if e.kind == models.WEEKLY)
        meeting = MeetingWindow(model, plan_for_event(event))
        room = meeting.room
        room.resize(1280, 720)
        room.show()
        app.processEvents()

        def frames(paint) -> list[float]:
            timings = []
            for _ in range(FRAMES):
                begun = time.perf_counter()
                paint()
                timings.append((time.perf_counter() - begun) * 1000)
            return timings

        floor_widget = QWidget()
        floor_widget.resize(1280, 720)
        floor_widget.setStyleSheet("background: #0f1216")
        floor_widget.show()
        app.processEvents()
        floor = frames(floor_widget.repaint)
        def after_a_change() -> None:
            room.forget_body()
            room.repaint()

        meeting.state.go_to_key_result(1)
        chart_frames = frames(after_a_change)
        tick_frames = frames(room.repaint)
        meeting.state.go_to_item(1)
        team_frames = frames(after_a_change)

        objectives = meeting.state.progress()
        details = model.details
        series = series_of(objectives[0].key_results[1], details.period_start, details.period_end)
        plain, plain_too = QLabel(LABEL_SAMPLE), QLabel(LABEL_SAMPLE)  # the window's own widgets: the floor
        plain.resize(640, 300)
        plain_too.resize(640, 480)
        begun = time.perf_counter()
        plain.grab()
        plain_too.grab()
        plain_ms = (time.perf_counter() - begun) * 1000
        key_result_chart, team_chart = KeyResultChart(), TeamProgressChart()
        key_result_chart.resize(640, 300)
        team_chart.resize(640, 480)
        begun = time.perf_counter()
        key_result_chart.show_series(series)
        team_chart.show_rows(charts.team_rows(objectives), 0.5)
        key_result_chart.grab()
        team_chart.grab()
        widgets_ms = (time.perf_counter() - begun) * 1000
        meeting.close()
        model.close()

    floor_median = median(floor)
    return report("progress charts, demo quarter, projector 1280×720 (ms)", [
        Figure("redraw after a change: key result chart, median", median(chart_frames), REDRAW_BUDGET_MS,
               floor=floor_median),
        Figure("redraw after a change: team progress, median", median(team_frames), REDRAW_BUDGET_MS,
               floor=floor_median),
        Figure("frame of a timer tick (body from cache), median", median(tick_frames), REDRAW_BUDGET_MS,
               floor=floor_median),
        Figure("charts added to a window's first paint", import_ms + widgets_ms, FIRST_PAINT_BUDGET_MS,
               floor=plain_ms),
    ], note=f"p95: chart {p95(chart_frames):.1f}, team {p95(team_frames):.1f}, tick {p95(tick_frames):.1f} ms; "
            f"chart modules import {import_ms:.1f} ms (median of {IMPORT_RUNS} processes), first paint of both "
            f"chart widgets {widgets_ms:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
