"""The largest session files the check accepts: a roll-up with rows up to the total row limit, or a
workshop with every table at its limit, and text up to the total in both.

Run as `python tests/largest_file.py OUT.okrw [--workshop]` to measure `okr-workshop info` and `export` on it
(`/usr/bin/time -v`); tests import `build_largest_file` to prove the check still accepts it, so the
figures in the limits' documentation stay about a file that really opens.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.session_file_tools import run_sql  # noqa: E402
from workshop.limits import MAX_TOTAL_ROWS, MAX_TOTAL_TEXT_CHARS, row_limit  # noqa: E402

# Text goes where the PDF prints it (objectives and key results), in a three-byte script so the file
# is as large in bytes as the text limit allows; the rest stays short.
CJK = "目標"


# Rows per table: the roll-up adds up (with the workshop row and the seven steps) to MAX_TOTAL_ROWS;
# the workshop has every table at its own limit.
ROLLUP_COUNTS = {"participant": 200, "companyobjective": 50, "companykeyresult": 150, "objective": 800,
                 "keyresult": 2_400, "initiative": 600, "candidate": 50, "reviewevent": 50, "openquestion": 50,
                 "actionitem": 42, "checkin": 200, "checkinvalue": 2_400, "retroanswer": 0}
WORKSHOP_COUNTS = {table: row_limit(table) for table in ROLLUP_COUNTS}
WORKSHOP_COUNTS["checkinvalue"] = WORKSHOP_COUNTS["checkin"] * 2  # each check-in reports a few values


def _rows(counts: dict[str, int], rollup: bool, table: str, columns: str, values: str) -> str:
    count = counts[table]
    assert count <= row_limit(table, rollup), table
    return (f"INSERT INTO {table} ({columns}) WITH RECURSIVE n(i) AS "
            f"(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) SELECT {values} FROM n")


def build_largest_file(demo: Path, out: Path, rollup: bool = True) -> Path:
    """Fill a copy of the demo file up to the limits of a roll-up (or a workshop); returns `out`."""
    counts = ROLLUP_COUNTS if rollup else WORKSHOP_COUNTS
    assert sum(counts.values()) + 1 + 7 <= MAX_TOTAL_ROWS
    shutil.copyfile(demo, out)
    objectives, key_results = counts["objective"], counts["keyresult"]
    short_texts = MAX_TOTAL_TEXT_CHARS * 35 // 100  # room left for every other table's short texts
    per_item = (MAX_TOTAL_TEXT_CHARS - short_texts) // (objectives + key_results)
    long_text = f"substr(replace(printf('%.{per_item}c', 'x'), 'x', '{CJK}'), 1, {per_item})"
    title, team, kind = ("Company roll-up", "All teams", "rollup") if rollup else ("Workshop", "Team", "workshop")

    def rows(table: str, columns: str, values: str) -> str:
        return _rows(counts, rollup, table, columns, values)

    tables = ("checkinvalue", "checkin", "retroanswer", "actionitem", "openquestion", "reviewevent", "candidate", "initiative", "keyresult", "objective",
              "companykeyresult", "companyobjective", "participant")
    per_team = objectives // counts["participant"]
    run_sql(out, *(f"DELETE FROM {table}" for table in tables),
            f"UPDATE workshop SET title = '{title}', team = '{team}', kind = '{kind}'",
            rows("participant", "id, position, name, role, email", "i, i, 'Team ' || i, '', ''"),
            rows("companyobjective", "id, position, text", "i, i, 'Company objective ' || i"),
            rows("companykeyresult", "id, company_objective_id, position, text",
                  f"i, 1 + i % {counts['companyobjective']}, i, 'Company key result ' || i"),
            rows("objective", "id, position, text, commitment, parent_objective_id, necessary_note, "
                  "sufficient_note, team", f"i, i, {long_text}, 'committed', 1 + i % {counts['companyobjective']}, "
                  f"'', '', 'Team ' || (1 + (i - 1) / {per_team})"),
            rows("keyresult", "id, objective_id, position, text, kind, baseline, target, unit, stages, owner, "
                  "due_date, direction, baseline_value, target_value",
                  f"i, 1 + (i - 1) % {objectives}, i, {long_text}, 'metric', '12', '3', '%', '', "
                  "'Owner ' || i, '2027-03-31', 'decrease', 12.0, 3.0"),
            rows("initiative", "id, objective_id, position, text, owner",
                  f"i, 1 + i % {objectives}, i, 'Initiative ' || i, 'Owner'"),
            rows("candidate", "id, position, text, votes", "i, i, 'Idea ' || i, i % 7"),
            rows("reviewevent", "id, kind, title, starts_at, minutes",
                  "i, 'weekly', 'Check-in ' || i, date('2027-01-04', '+' || i || ' days') || 'T09:30', 30"),
            rows("openquestion", "id, position, text, answered", "i, i, 'Question ' || i, 0"),
            rows("actionitem", "id, position, what, who, due_date", "i, i, 'Step ' || i, 'Someone', '2027-02-01'"),
            rows("checkin", "id, kind, held_on, used_seconds, note",
                 "i, 'unscheduled', '2027-02-01', 0, 'Latest values from Team ' || i"),
            # key result i belongs to objective 1 + (i - 1) % objectives, so to that objective's team
            rows("checkinvalue", "id, checkin_id, key_result_id, value, confidence, note",
                 f"i, 1 + ((i - 1) % {objectives}) / {per_team} % {counts['checkin']}, i, 7.0, 'at risk', ''"),
            "VACUUM")
    return out


if __name__ == "__main__":
    from workshop.demo import write_demo

    target = Path(sys.argv[1])
    demo = target.with_name(f"{target.stem}-demo.okrw")
    write_demo(demo).store.close()
    build_largest_file(demo, target, rollup="--workshop" not in sys.argv)
    demo.unlink()
    print(f"{target}: {target.stat().st_size:,} bytes")
