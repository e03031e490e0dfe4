"""Projector re-render after a keystroke with 5 objectives × 5 key results (ARCHITECTURE.md, The coach, Budgets).

Measures, per keystroke: the edit saved and announced, the projector's body rebuilt from the model
(coach markers included) and the window painted at 1280×720.
Run: `./dev.sh bench` (or `python tests/bench/bench_projector.py`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.bench.budget import offscreen_app

    with offscreen_app(themed=False) as (app, folder):
        from ui.projector import ProjectorWindow
        from ui.session_model import SessionModel
        from workshop import models
        from workshop.session import create_session

        service = create_session(folder / "five.okrw")
        for o in range(5):
            objective = service.add(models.Objective, text=f"Make onboarding number {o} calm so that new people stay")
            for k in range(5):
                service.add(models.KeyResult, objective_id=objective,
                            text=f"Raise week-one activation of cohort {k} from {20 + k}% to {40 + k}%")
        model = SessionModel(service)
        model.go_to_step(4)
        projector = ProjectorWindow(model)
        projector.resize(1280, 720)
        projector.show()
        app.processEvents()
        target = service.rows(models.Objective)[2].id
        keystrokes, frames = [], []
        text = "Make onboarding calm so that new people stay"
        for i in range(60):
            started = time.perf_counter()
            model.set_field(models.Objective, target, "text", text + "x" * (i % 7), "Edit", merge_key=("bench", 0))
            keystrokes.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            projector.repaint()  # the next frame: rebuild from the model and paint
            frames.append((time.perf_counter() - started) * 1000)
        projector.close()
        model.close()
    from tests.bench.budget import Figure, p95, report

    return report("projector after a keystroke with 5 × 5 OKRs (ms)", [
        Figure("keystroke: saved, views told, p95", p95(keystrokes), 16),
        Figure("next projector frame: rebuilt and painted, p95", p95(frames), 16),
    ], note="(budget: a frame within one 60 Hz refresh; shared 2-core machine: figures are noisy)")


if __name__ == "__main__":
    sys.exit(main())
