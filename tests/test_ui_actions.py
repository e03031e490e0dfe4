"""One user action in the window: one transaction, one notification, one undo entry, or nothing at all.

Paste OKRs and Insert example used to be undo macros of N separately saved changes (N notifications,
and a failure halfway left half a paste). A refused write and a bug are reported as sentences, never
raised into Qt; a bug names the log.
"""

from __future__ import annotations

import pytest

from ui.example_library import insert_okr
from ui.paste_okrs import add_draft
from workshop import models
from workshop.draft import parse_draft
from workshop.service import WorkshopService

DRAFT = "\n".join(f"Objective {o} with Ünïcode 🚀\n" + "\n".join(f"  - KR {o}.{k} from 1 to 2" for k in range(5))
                  for o in range(5))


@pytest.fixture
def commits(monkeypatch):
    """Counts transactions the store opens."""
    from workshop.store import SessionStore

    opened = []
    real = SessionStore.transaction

    def counting(self):
        opened.append(1)
        return real(self)

    monkeypatch.setattr(SessionStore, "transaction", counting)
    return opened


def test_paste_is_one_transaction_one_notification_one_undo_entry(session_model, commits):
    model = session_model
    objectives, key_results = len(model.service.rows(models.Objective)), len(model.service.rows(models.KeyResult))
    sets, per_table = [], []
    model.changes.connect(sets.append)
    model.changed.connect(per_table.append)
    added = add_draft(model, parse_draft(DRAFT))
    assert len(added) == 5
    assert len(commits) == 1 and len(sets) == 1 and model.undo_stack.count() == 1
    assert [c.table for c in per_table] == [models.Objective, models.KeyResult]
    assert len(model.service.rows(models.KeyResult)) == key_results + 25
    model.undo_stack.undo()
    assert len(model.service.rows(models.Objective)) == objectives
    assert len(model.service.rows(models.KeyResult)) == key_results
    assert len(commits) == 2 and len(sets) == 2
    model.undo_stack.redo()
    assert [model.service.row(models.Objective, i).text for i in added][0].startswith("Objective 0")
    assert len(model.service.rows(models.KeyResult)) == key_results + 25 and len(commits) == 3


def test_insert_example_is_one_transaction_and_one_undo_entry(session_model, commits):
    okr = {"objective": "Delight new customers", "commitment": "committed", "key_results": ["A", "B", "C"]}
    objective_id = insert_okr(session_model, okr)
    assert len(commits) == 1 and session_model.undo_stack.count() == 1
    assert [kr.text for kr in session_model.service.children(models.KeyResult, "objective_id", objective_id)] \
        == ["A", "B", "C"]


def test_a_paste_failing_halfway_leaves_nothing_and_says_so(session_model, demo_file, monkeypatch):
    model = session_model
    before = demo_file.read_bytes()
    objectives = len(model.service.rows(models.Objective))
    real_add = WorkshopService.add
    calls = []

    def failing_add(self, table, **values):
        calls.append(table)
        if len(calls) == 9:
            raise OSError(28, "No space left on device")  # as a full disk would, mid-paste
        return real_add(self, table, **values)

    monkeypatch.setattr(WorkshopService, "add", failing_add)
    said = []
    model.error.connect(said.append)
    assert add_draft(model, parse_draft(DRAFT)) == []
    assert demo_file.read_bytes() == before
    assert len(model.service.rows(models.Objective)) == objectives
    assert model.undo_stack.count() == 0
    assert len(said) == 1 and said[0].startswith("The disk is full")


def test_a_refused_value_is_one_sentence_not_an_exception(session_model, demo_file):
    said = []
    session_model.error.connect(said.append)
    objective = session_model.service.rows(models.Objective)[0]
    assert not session_model.set_field(models.Objective, objective.id, "commitment", "bogus", "Commitment")
    assert said and "must be one of" in said[0] and "bug" not in said[0]
    assert session_model.undo_stack.count() == 0


def test_a_bug_says_so_and_names_the_log(session_model, monkeypatch, tmp_path):
    monkeypatch.setenv("OKR_WORKSHOP_LOG_DIR", str(tmp_path / "logs"))
    from workshop import logbook

    def broken(*_args, **_kwargs):
        raise KeyError("a programming mistake")

    monkeypatch.setattr(WorkshopService, "set_field", broken)
    said = []
    session_model.error.connect(said.append)
    assert not session_model.set_field(models.Workshop, 1, "team", "Blue", "Team")
    assert said == [logbook.bug_sentence()]
    assert "this is a bug; details are in" in said[0] and str(tmp_path / "logs") in said[0]
