"""How every benchmark reports: measured, floor, ratio and budget per figure, and a verdict.

A figure is over budget when its measured value exceeds an absolute budget, or when its ratio to
the floor (the same work done the cheapest way, measured in the same run) exceeds a ratio budget.
`report` prints the table and returns the exit code: 1 when any figure is over budget, so
`./dev.sh bench` fails then. The machine may be busy with other work: figures are noisy, and a
benchmark is judged on one run, so it measures enough samples to make its percentile stable.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@contextmanager
def offscreen_app(themed: bool = True):
    """What every benchmark that drives widgets starts with: Qt on the offscreen platform (unless a
    platform is chosen), the app's data folder in a temporary one, and the QApplication, with the
    app's stylesheet when `themed`. Yields (app, that folder)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["OKR_WORKSHOP_DATA_DIR"] = folder
        from PySide6.QtWidgets import QApplication

        from ui.theme import apply_theme

        app = QApplication.instance() or QApplication(sys.argv)
        if themed:
            apply_theme(app)
        yield app, Path(folder)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def p95(samples: list[float]) -> float:
    return percentile(samples, 0.95)


def median(samples: list[float]) -> float:
    return statistics.median(samples)


@dataclass(frozen=True)
class Figure:
    """One judged number. `budget` is an upper bound in the unit of `measured` (a lower bound when
    `at_least`), or, when `ratio_budget`, an upper bound on measured / floor."""

    label: str
    measured: float
    budget: float
    floor: float | None = None
    ratio_budget: bool = False
    unit: str = "ms"
    at_least: bool = False

    @property
    def ratio(self) -> float | None:
        return None if not self.floor else self.measured / self.floor

    @property
    def over(self) -> bool:
        if self.ratio_budget:
            return self.ratio is None or self.ratio > self.budget
        return self.measured < self.budget if self.at_least else self.measured > self.budget

    def budget_text(self) -> str:
        if self.ratio_budget:
            return f"≤ {self.budget:g}× floor"
        return f"{'≥' if self.at_least else '≤'} {self.budget:g} {self.unit}"


def report(title: str, figures: list[Figure], note: str = "") -> int:
    """Print the table; return 1 when any figure is over budget, else 0."""
    print(title)
    print(f"{'':<48}{'measured':>10}{'floor':>10}{'ratio':>8}{'budget':>18}  verdict")
    for figure in figures:
        floor = f"{figure.floor:.2f}" if figure.floor is not None else "-"
        ratio = f"{figure.ratio:.2f}×" if figure.ratio is not None else "-"
        verdict = "OVER BUDGET" if figure.over else "ok"
        print(f"{figure.label:<48}{figure.measured:>10.2f}{floor:>10}{ratio:>8}{figure.budget_text():>18}  {verdict}")
    if note:
        print(note)
    return 1 if any(figure.over for figure in figures) else 0
