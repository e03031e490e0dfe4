"""Benchmark of the PDF exports against ARCHITECTURE.md, Budgets: demo pack ≤ 0.5 s, 50-team roll-up pack ≤ 10 s.

The 50-team size is measured twice: as one big workshop's pack (200 objectives, 1,250 key results)
and as the roll-up's own PDF of 50 demo-style teams.

Run from the repository root: `python tests/bench/bench_pdf.py [--runs N]`. Prints the first
(cold: font registration included) and the median time of each export. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from exports.pdf import build_pack, build_rollup_pack, build_worksheets  # noqa: E402
from tests.pdf_fixtures import demo_snapshot, roll_up_snapshot  # noqa: E402
from tests.rollup_fixtures import team_rows  # noqa: E402
from workshop.rollup import build_rollup  # noqa: E402
from workshop.snapshot import build_snapshot  # noqa: E402

BUDGETS = {"demo pack": 0.5, "50-team pack": 10.0, "50-team roll-up": 10.0, "worksheets": 0.5}


def fifty_teams():
    """The roll-up of 50 demo-style teams (200 objectives, 700 key results)."""
    rows = {table: [table(**row) for row in table_rows] for table, table_rows in team_rows("Team").items()}
    return build_rollup([build_snapshot(rows)] * 50)  # same-named teams are numbered apart


def timed(export, runs: int) -> tuple[float, float, int]:
    """(first run, median of the runs after it, pages) in seconds."""
    times, pages = [], 0
    for _ in range(runs + 1):
        started = time.perf_counter()
        pages = export().pages
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:]), pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per export after the first")
    runs = parser.parse_args().runs
    from tests.bench.budget import Figure, report

    demo, roll_up, teams = demo_snapshot(), roll_up_snapshot(), fifty_teams()
    figures, cold = [], []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cases = {
            "worksheets": (lambda: build_worksheets(out / "worksheets.pdf"), runs),
            "demo pack": (lambda: build_pack(demo, out / "demo.pdf"), runs),
            "50-team pack": (lambda: build_pack(roll_up, out / "roll-up.pdf"), max(1, runs // 3)),
            "50-team roll-up": (lambda: build_rollup_pack(teams, out / "teams.pdf"), max(1, runs // 3)),
        }
        for name, (export, case_runs) in cases.items():
            first, median, pages = timed(export, case_runs)
            figures.append(Figure(f"{name}, {pages} pages, median of {case_runs}", median, BUDGETS[name], unit="s"))
            cold.append(f"{name} {first:.2f} s")
    return report("PDF exports (seconds)", figures, note=f"first runs (fonts registered then, as the app's "
                  f"warm-up does): {', '.join(cold)}; shared 2-core machine: figures are noisy")


if __name__ == "__main__":
    sys.exit(main())
