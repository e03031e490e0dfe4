"""Session-file budgets (DESIGN §11): one edit committed to disk, and opening a file with validation.

Each figure is set against a raw floor measured in the same run on the same disk: a bare `sqlite3`
commit with the same pragmas (journal DELETE, synchronous FULL) for edits, and a bare `sqlite3` read
of every row for opening. The 50-team file is roll-up sized: 200 objectives, 1,250 key results.
Run: `python tests/bench/bench_store.py` (set OKR_BENCH_DIR to measure another disk).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITS = 300
DEMO_OPENS = 20
ROLLUP_OPENS = 5
TEAMS, OBJECTIVES_PER_TEAM, KEY_RESULTS = 50, 4, 1_250


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(action, repeat: int) -> list[float]:
    """Milliseconds each call of `action` took."""
    samples = []
    for number in range(repeat):
        started = time.perf_counter()
        action(number)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def service_edits(path: Path) -> list[float]:
    from workshop import models
    from workshop.session import open_session

    service = open_session(path)
    try:
        return timed(lambda n: service.set_field(models.Workshop, 1, "followup_note", f"note {n}"), EDITS)
    finally:
        service.store.close()


def raw_edits(path: Path) -> list[float]:
    from workshop.store import apply_pragmas

    connection = sqlite3.connect(path, isolation_level=None)
    apply_pragmas(connection)  # journal DELETE, synchronous FULL, as the store

    def edit(number: int) -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE workshop SET followup_note = ? WHERE id = 1", (f"raw {number}",))
        connection.execute("COMMIT")

    try:
        return timed(edit, EDITS)
    finally:
        connection.close()


def app_open(path: Path, repeat: int) -> list[float]:
    from workshop.session import open_session

    return timed(lambda _n: open_session(path).store.close(), repeat)


def raw_open(path: Path, repeat: int) -> list[float]:
    """The floor: connect and read every row of every table, nothing checked."""
    from workshop import models

    def read(_number: int) -> None:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for table in models.TABLES:
                connection.execute(f'SELECT * FROM "{table.__tablename__}"').fetchall()
        finally:
            connection.close()

    return timed(read, repeat)


def rollup_sized_rows() -> dict[type, list[dict]]:
    """50 teams' worth: 200 objectives with 1,250 key results and 400 initiatives."""
    from workshop import models
    from workshop.session import default_rows

    rows = default_rows()
    rows[models.Workshop][0].update(title="Company roll-up", team="All teams", period_label="2027-Q1")
    rows[models.Participant] = [{"id": t + 1, "position": t, "name": f"Team {t + 1:02}",
                                 "role": f"{OBJECTIVES_PER_TEAM} objectives"} for t in range(TEAMS)]
    rows[models.CompanyObjective] = [{"id": c + 1, "position": c, "text": f"Company objective {c + 1} "
                                      "so that customers stay with us all year"} for c in range(3)]
    objective_count = TEAMS * OBJECTIVES_PER_TEAM
    rows[models.Objective] = [
        {"id": o + 1, "position": o, "text": f"Team objective {o + 1}: make the checkout effortless so that "
         "customers finish their order", "commitment": "aspirational", "parent_objective_id": o % 3 + 1,
         "necessary": True, "necessary_note": "Without it the company objective fails in our area."}
        for o in range(objective_count)
    ]
    rows[models.KeyResult] = [
        {"id": k + 1, "objective_id": k % objective_count + 1, "position": k // objective_count,
         "text": f"Raise conversion from {k % 40}% to {k % 40 + 9}%", "baseline": f"{k % 40}",
         "target": f"{k % 40 + 9}", "unit": "%", "owner": "Jonas Weißmann"}
        for k in range(KEY_RESULTS)
    ]
    rows[models.Initiative] = [
        {"id": i + 1, "objective_id": i % objective_count + 1, "position": i // objective_count,
         "text": "Run five customer interviews", "owner": "Ольга"} for i in range(2 * objective_count)
    ]
    return rows


def row(label: str, samples: list[float], floor: list[float] | None, budget: str) -> str:
    median = statistics.median(samples)
    ratio = f"{median / statistics.median(floor):.1f}×" if floor else ""
    floor_text = f"{statistics.median(floor):.2f}" if floor else ""
    return (f"{label:<40}{median:>9.2f}{percentile(samples, 0.95):>9.2f}{floor_text:>11}{ratio:>8}"
            f"{budget:>16}")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    base = os.environ.get("OKR_BENCH_DIR")
    with tempfile.TemporaryDirectory(dir=base) as folder:
        folder = Path(folder)
        os.environ["OKR_WORKSHOP_DATA_DIR"] = str(folder / "appdata")
        from workshop.demo import write_demo
        from workshop.session import create_session

        demo = folder / "demo.okrw"
        write_demo(demo).store.close()
        raw_copy = folder / "raw.okrw"
        shutil.copyfile(demo, raw_copy)
        rollup = folder / "rollup.okrw"
        create_session(rollup, rollup_sized_rows()).store.close()

        app_open(demo, 2)  # warm the caches (expected schema, statement compilation) once
        service_samples, raw_samples = service_edits(demo), raw_edits(raw_copy)
        demo_open, demo_floor = app_open(demo, DEMO_OPENS), raw_open(demo, DEMO_OPENS)
        rollup_open, rollup_floor = app_open(rollup, ROLLUP_OPENS), raw_open(rollup, ROLLUP_OPENS)
        sizes = (demo.stat().st_size, rollup.stat().st_size)

    print(f"session files on {base or tempfile.gettempdir()} (ms; floor = bare sqlite3, same pragmas)")
    print(f"{'':<40}{'median':>9}{'p95':>9}{'floor':>11}{'ratio':>8}{'budget':>16}")
    print(row(f"one edit committed ({EDITS} edits)", service_samples, raw_samples, "p95 ≤ 5"))
    print(row("raw sqlite3 commit (the floor)", raw_samples, None, ""))
    print(row(f"open demo, validated ({sizes[0] // 1024} KB)", demo_open, demo_floor, "≤ 100"))
    print(row(f"open 50-team file ({sizes[1] // 1024} KB)", rollup_open, rollup_floor, "≤ 1000"))


if __name__ == "__main__":
    main()
