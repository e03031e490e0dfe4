"""A roll-up is data (`workshop.kind`, `objective.team`), not a title and a count parsed from roles.

Before schema 4, any workshop titled "Company roll-up" with team "All teams" opened as a roll-up,
and which team owned which objective was parsed back from participant roles ("4 objectives") and
matched by row order. Older roll-ups are converted once, when their file is upgraded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.session_file_tools import run_sql
from workshop import models
from workshop.rollup import is_rollup, rollup_from_snapshot
from workshop.session import create_session, open_session

VERSION_3_DEMO = Path(__file__).parent / "data" / "demo-v3.okrw"


def test_a_workshop_titled_like_a_rollup_is_still_a_workshop(tmp_path):
    path = tmp_path / "named.okrw"
    service = create_session(path)
    service.set_field(models.Workshop, 1, "title", "Company roll-up")
    service.set_field(models.Workshop, 1, "team", "All teams")
    assert not is_rollup(service.details)
    service.store.close()


def test_an_older_rollup_is_converted_to_kind_and_teams_when_upgraded(tmp_path):
    path = tmp_path / "company-v3.okrw"
    shutil.copyfile(VERSION_3_DEMO, path)
    run_sql(path, "UPDATE workshop SET title = 'Company roll-up', team = 'All teams'",
            "DELETE FROM participant",
            "INSERT INTO participant (id, position, name, role) VALUES (1, 0, 'Alpha', '1 objective')",
            "INSERT INTO participant (id, position, name, role) VALUES (2, 1, 'Beta', '3 objectives')")
    service = open_session(path)
    try:
        assert service.details.kind == models.KIND_ROLLUP
        assert [o.team for o in service.rows(models.Objective)] == ["Alpha", "Beta", "Beta", "Beta"]
        assert [p.role for p in service.rows(models.Participant)] == ["", ""]
        rollup = rollup_from_snapshot(service.snapshot())
        assert [(t.name, t.objectives) for t in rollup.teams] == [("Alpha", 1), ("Beta", 3)]
    finally:
        service.store.close()


def test_an_older_workshop_is_left_a_workshop_when_upgraded(tmp_path):
    path = tmp_path / "team-v3.okrw"
    shutil.copyfile(VERSION_3_DEMO, path)
    service = open_session(path)
    assert service.details.kind == models.KIND_WORKSHOP
    assert {o.team for o in service.rows(models.Objective)} == {""}
    service.store.close()


def test_teams_come_from_the_objectives_not_from_the_order_of_rows(tmp_path):
    path = tmp_path / "hand-made.okrw"
    service = create_session(path)
    service.set_field(models.Workshop, 1, "kind", models.KIND_ROLLUP)
    for team in ("Ops", "Web", "Ops"):  # interleaved: a count-by-order reading would get this wrong
        service.add(models.Objective, text=f"An objective of {team}", team=team)
    rollup = rollup_from_snapshot(service.snapshot())
    assert [(t.name, t.objectives) for t in rollup.teams] == [("Ops", 2), ("Web", 1)]
    service.store.close()
