"""Session-file budgets (ARCHITECTURE.md, Budgets): one edit committed to disk, a paste of 5 objectives × 5 key
results as one transaction, and opening a file with validation.

Each figure is set against a raw floor measured in the same run on the same disk: a bare `sqlite3`
commit with the same pragmas (journal DELETE, synchronous FULL) for edits, the same 30 rows inserted
in one bare transaction for the paste, and a bare `sqlite3` read of every row for opening. The
50-team file is roll-up sized: 200 objectives, 1,250 key results. The budgets are absolute; the
floor shows how much of a figure the disk itself takes (on a disk other programs are busy with,
the floor alone can pass 5 ms). Exits 1 when a figure is over budget.
Run: `python tests/bench/bench_store.py` (set OKR_BENCH_DIR to measure another disk).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITS = 300
PASTES = 20
DEMO_OPENS = 20
ROLLUP_OPENS = 5
TEAMS, OBJECTIVES_PER_TEAM, KEY_RESULTS = 50, 4, 1_250


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


PASTE = "\n".join(f"Objective {o}: make onboarding calm so that new people stay\n"
                  + "\n".join(f"  - Raise week-one activation {k} from 20% to 40%" for k in range(5))
                  for o in range(5))


def paste_samples(path: Path) -> list[float]:
    """Paste OKRs as the window does it (one action through the Qt model), each undone afterwards."""
    from PySide6.QtCore import QCoreApplication

    from ui.paste_okrs import add_draft
    from ui.session_model import SessionModel
    from workshop.draft import parse_draft
    from workshop.session import open_session

    QCoreApplication.instance() or QCoreApplication([])
    draft = parse_draft(PASTE)
    model = SessionModel(open_session(path))
    samples = []
    try:
        for _number in range(PASTES):
            started = time.perf_counter()
            add_draft(model, draft)
            samples.append((time.perf_counter() - started) * 1000)
            model.undo_stack.undo()
    finally:
        model.close()
    return samples


def raw_paste_samples(path: Path) -> list[float]:
    """The floor: the same 30 rows inserted in one bare transaction, then deleted."""
    from workshop.store import apply_pragmas

    connection = sqlite3.connect(path, isolation_level=None)
    apply_pragmas(connection)

    def paste(_number: int) -> None:
        connection.execute("BEGIN IMMEDIATE")
        for o in range(5):
            objective = connection.execute(
                "INSERT INTO objective (position, text, commitment, necessary_note, sufficient_note, team, score) "
                "VALUES (100, ?, 'aspirational', '', '', '', NULL)", (f"Objective {o}",)).lastrowid
            for k in range(5):
                connection.execute(
                    "INSERT INTO keyresult (objective_id, position, text, kind, baseline, target, unit, stages, "
                    "owner, due_date, direction, baseline_value, target_value, score) "
                    "VALUES (?, ?, ?, 'metric', '', '', '', '', '', '', 'increase', NULL, NULL, NULL)",
                    (objective, k, f"KR {k}"))
        connection.execute("COMMIT")
        connection.execute("DELETE FROM objective WHERE position = 100")

    try:
        return timed(paste, PASTES)
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
    rows[models.Workshop][0].update(kind=models.KIND_ROLLUP, title="Company roll-up", team="All teams",
                                    period_label="2027-Q1")
    rows[models.Participant] = [{"id": t + 1, "position": t, "name": f"Team {t + 1:02}"} for t in range(TEAMS)]
    rows[models.CompanyObjective] = [{"id": c + 1, "position": c, "text": f"Company objective {c + 1} "
                                      "so that customers stay with us all year"} for c in range(3)]
    objective_count = TEAMS * OBJECTIVES_PER_TEAM
    rows[models.Objective] = [
        {"id": o + 1, "position": o, "text": f"Team objective {o + 1}: make the checkout effortless so that "
         "customers finish their order", "commitment": "aspirational", "parent_objective_id": o % 3 + 1,
         "team": f"Team {o // OBJECTIVES_PER_TEAM + 1:02}",
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


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.bench.budget import Figure, median, p95, report

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
        paste, raw_paste = paste_samples(demo), raw_paste_samples(raw_copy)
        demo_open, demo_floor = app_open(demo, DEMO_OPENS), raw_open(demo, DEMO_OPENS)
        rollup_open, rollup_floor = app_open(rollup, ROLLUP_OPENS), raw_open(rollup, ROLLUP_OPENS)
        sizes = (demo.stat().st_size, rollup.stat().st_size)

    return report(f"session files on {base or tempfile.gettempdir()} (ms; floor = bare sqlite3, same pragmas)", [
        Figure(f"one edit committed, p95 of {EDITS}", p95(service_samples), 5, floor=p95(raw_samples)),
        Figure(f"one edit committed, median of {EDITS}", median(service_samples), 5, floor=median(raw_samples)),
        Figure(f"paste 5 × 5 OKRs, one transaction, p95 of {PASTES}", p95(paste), 30, floor=p95(raw_paste)),
        Figure(f"open demo, validated ({sizes[0] // 1024} KB), median", median(demo_open), 100,
               floor=median(demo_floor)),
        Figure(f"open 50-team file ({sizes[1] // 1024} KB), median", median(rollup_open), 1000,
               floor=median(rollup_floor)),
    ], note="(shared 2-core machine: disk and CPU are busy with other work, figures are noisy)")


if __name__ == "__main__":
    sys.exit(main())
