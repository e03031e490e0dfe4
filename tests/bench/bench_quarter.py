"""Benchmark of the quarter after the workshop against ARCHITECTURE.md, Budgets.

- A check-in of 25 key results from CSV (read, checked, one transaction on disk) ≤ 200 ms; its floor
  is a bare sqlite3 transaction writing the same 26 rows with the app's pragmas, on the same disk.
- Recording one key result's value commits like any edit: p95 ≤ 5 ms; floor: a bare one-row commit.
- The quarter report of the demo ≤ 1 s, and of 25 key results × 13 check-ins ≤ 3 s; their floor is
  the report of a workshop with nothing in it (fonts, cover, layout).

Run from the repository root: `python tests/bench/bench_quarter.py [--runs N]` (set OKR_BENCH_DIR to
measure another disk). Prints measured (median; p95 for the single value), floor, ratio and budget
(tests/bench/budget.py); exits 1 when anything is over budget. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from exports.pdf.report import build_report  # noqa: E402
from tests.bench.budget import Figure, median, p95, report  # noqa: E402
from tests.quarter_fixtures import quarter_snapshot  # noqa: E402
from workshop import models  # noqa: E402
from workshop.checkin_csv import record_values_file  # noqa: E402
from workshop.checkins import KeyResultReport, record_checkin  # noqa: E402
from workshop.demo import write_demo  # noqa: E402
from workshop.draft import parse_draft  # noqa: E402
from workshop.drafting import session_rows_from_draft  # noqa: E402
from workshop.session import create_session  # noqa: E402
from workshop.snapshot import build_snapshot  # noqa: E402
from workshop.store import apply_pragmas  # noqa: E402

KEY_RESULTS, OBJECTIVES = 25, 5
BUDGETS_MS = {"csv": 200, "value": 5, "demo report": 1000, "25 x 13 report": 3000}


def timed(action, runs: int) -> list[float]:
    samples = []
    for number in range(runs):
        started = time.perf_counter()
        action(number)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def team_of_25(path: Path):
    lines = []
    for objective in range(OBJECTIVES):
        lines.append(f"Make releases calmer for team {objective} so that customers can plan upgrades")
        lines += [f"  - Raise on-time releases {objective}.{kr} from 40% to 90%" for kr in range(KEY_RESULTS // OBJECTIVES)]
    return create_session(path, session_rows_from_draft(parse_draft("\n".join(lines).encode())))


def csv_checkins(folder: Path, runs: int) -> list[float]:
    service = team_of_25(folder / "team.okrw")
    paths = []
    for number in range(runs):
        rows = [f"{o + 1}.{k + 1},\"{40 + number % 50},5%\",2027-01-{number % 28 + 1:02},on track,week {number}"
                for o in range(OBJECTIVES) for k in range(KEY_RESULTS // OBJECTIVES)]
        path = folder / f"values-{number}.csv"
        path.write_text("key_result,value,date,confidence,note\n" + "\n".join(rows) + "\n", encoding="utf-8")
        paths.append(path)
    try:
        return timed(lambda number: record_values_file(service, paths[number]), runs)
    finally:
        service.store.close()


def single_values(folder: Path, runs: int) -> list[float]:
    service = team_of_25(folder / "single.okrw")
    try:
        return timed(lambda number: record_checkin(service, "2027-01-18", [KeyResultReport(1, value=50.0 + number)]),
                     runs)
    finally:
        service.store.close()


def raw_commits(folder: Path, runs: int, rows: int) -> list[float]:
    """The floor: a bare sqlite3 transaction inserting `rows` rows into a copy of the schema."""
    service = team_of_25(folder / "raw.okrw")
    service.store.close()
    connection = sqlite3.connect(folder / "raw.okrw", isolation_level=None)
    apply_pragmas(connection)

    def commit(number: int) -> None:
        connection.execute("BEGIN IMMEDIATE")
        checkin = connection.execute("INSERT INTO checkin (kind, review_event_id, held_on, used_seconds, note) "
                                     "VALUES ('weekly', NULL, '2027-01-18', 0, '')").lastrowid
        connection.executemany(
            "INSERT INTO checkinvalue (checkin_id, key_result_id, value, stages_done, confidence, note) "
            "VALUES (?, ?, ?, NULL, 'on track', '')", [(checkin, kr % KEY_RESULTS + 1, 40.5) for kr in range(rows - 1)])
        connection.execute("COMMIT")

    try:
        return timed(commit, runs)
    finally:
        connection.close()


def reports(folder: Path, runs: int) -> dict[str, list[float]]:
    service = write_demo(folder / "demo.okrw", today=date(2027, 2, 10))
    demo = service.snapshot()
    service.store.close()
    big = quarter_snapshot(KEY_RESULTS, 13)
    empty = build_snapshot({models.Workshop: [models.Workshop(id=1, team="Empty")]})
    build_report(empty, folder / "warm.pdf")  # fonts registered once, as in the app
    return {
        "floor": timed(lambda _n: build_report(empty, folder / "empty.pdf"), runs),
        "demo report": timed(lambda _n: build_report(demo, folder / "demo.pdf"), runs),
        "25 x 13 report": timed(lambda _n: build_report(big, folder / "big.pdf"), max(3, runs // 2)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(dir=os.environ.get("OKR_BENCH_DIR")) as folder:
        base = Path(folder)
        os.environ["OKR_WORKSHOP_DATA_DIR"] = str(base / "appdata")  # locks go here, not in the user's folder
        csv, csv_floor = csv_checkins(base, runs), raw_commits(base, runs, KEY_RESULTS + 1)
        single, single_floor = single_values(base, max(runs, 40)), raw_commits(base, max(runs, 40), 2)
        report_times = reports(base, runs)
    floor = median(report_times["floor"])
    return report("the quarter (ms; floors: a bare sqlite3 commit of the same rows, the report of an empty "
                  "workshop)", [
        Figure("check-in of 25 key results from CSV, median", median(csv), BUDGETS_MS["csv"],
               floor=median(csv_floor)),
        Figure("one key result's value recorded, p95", p95(single), BUDGETS_MS["value"], floor=p95(single_floor)),
        Figure("quarter report of the demo, median", median(report_times["demo report"]),
               BUDGETS_MS["demo report"], floor=floor),
        Figure("quarter report, 25 KRs x 13 check-ins, median", median(report_times["25 x 13 report"]),
               BUDGETS_MS["25 x 13 report"], floor=floor),
    ], note="(shared 2-core machine: disk and CPU are busy with other work, figures are noisy)")


if __name__ == "__main__":
    sys.exit(main())
