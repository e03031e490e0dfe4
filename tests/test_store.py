"""Session files: every entity round-trips, pragmas and header are set, edits are single transactions."""

from __future__ import annotations

import sqlite3

import pytest

from workshop import models
from workshop.demo import demo_rows
from workshop.errors import FileInUse, NewerVersionFile, StorageError
from workshop.schema import APPLICATION_ID, SCHEMA_VERSION
from workshop.service import Change
from workshop.session import create_session, open_session, recoverable_sessions, new_untitled_session
from workshop.store import SessionStore

UNICODE = "Équipe Ω — Ольга 🚀 שלום " + "long " * 300


def test_every_entity_round_trips(tmp_path):
    rows = demo_rows()
    path = tmp_path / "round.okrw"
    create_session(path, rows).store.close()
    service = open_session(path)
    try:
        for table, expected in rows.items():
            loaded = service.rows(table)
            assert len(loaded) == len(expected), table.__name__
            by_id = {row.id: row for row in loaded}
            for values in expected:
                row = by_id[values["id"]]
                for field, value in values.items():
                    assert getattr(row, field) == value, (table.__name__, field)
    finally:
        service.store.close()


def test_unicode_and_long_text_survive_a_reopen(tmp_path):
    service = create_session(tmp_path / "u.okrw")
    objective = service.add(models.Objective, text=UNICODE)
    service.set_field(models.Workshop, 1, "team", UNICODE)
    service.store.close()
    reopened = open_session(tmp_path / "u.okrw")
    assert reopened.row(models.Objective, objective).text == UNICODE
    assert reopened.details.team == UNICODE
    reopened.store.close()


def test_header_and_pragmas(demo_file):
    connection = sqlite3.connect(demo_file)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()


def test_an_edit_is_on_disk_when_the_call_returns(demo_file):
    service = open_session(demo_file)
    service.set_field(models.Workshop, 1, "title", "Saved at once")
    # A second, independent reader sees it while the app still has the file open.
    reader = sqlite3.connect(f"file:{demo_file}?mode=ro", uri=True)
    assert reader.execute("SELECT title FROM workshop").fetchone()[0] == "Saved at once"
    reader.close()
    assert not demo_file.with_name(demo_file.name + "-journal").exists()
    service.store.close()


def test_remove_and_restore_bring_back_children_and_references(demo_file):
    service = open_session(demo_file)
    company = service.rows(models.CompanyObjective)[0]
    aligned = [o.id for o in service.rows(models.Objective) if o.parent_objective_id == company.id]
    removed = service.remove(models.CompanyObjective, company.id)
    assert all(service.row(models.Objective, i).parent_objective_id is None for i in aligned)
    assert not service.children(models.CompanyKeyResult, "company_objective_id", company.id)
    service.restore(removed)
    assert all(service.row(models.Objective, i).parent_objective_id == company.id for i in aligned)
    service.store.close()
    reopened = open_session(demo_file)
    assert len(reopened.children(models.CompanyKeyResult, "company_objective_id", company.id)) == 3
    reopened.store.close()


def test_move_reorders_siblings_only(demo_file):
    service = open_session(demo_file)
    objective = service.rows(models.Objective)[0]
    krs = service.children(models.KeyResult, "objective_id", objective.id)
    service.move(models.KeyResult, krs[0].id, 2)
    assert [kr.id for kr in service.children(models.KeyResult, "objective_id", objective.id)] == \
        [krs[1].id, krs[2].id, krs[0].id, krs[3].id]
    service.store.close()


def test_listeners_hear_each_change(demo_file):
    service = open_session(demo_file)
    heard = []
    service.subscribe(heard.append)
    service.set_field(models.Workshop, 1, "team", "Blue")
    assert heard[-1].changes == (Change(models.Workshop, 1, "team"),)
    service.store.close()


def test_second_open_is_refused_with_a_choice(demo_file):
    first = open_session(demo_file)
    with pytest.raises(FileInUse, match="read-only or as a copy"):
        open_session(demo_file)
    read_only = open_session(demo_file, read_only=True)
    with pytest.raises(StorageError, match="read-only"):
        read_only.set_field(models.Workshop, 1, "title", "x")
    read_only.store.close()
    first.store.close()
    open_session(demo_file).store.close()  # the lock went with the first window


def test_save_copy_is_compact_complete_and_leaves_no_temporary(demo_file, tmp_path):
    service = open_session(demo_file)
    target = tmp_path / "copy" / "Équipe 🚀.okrw"
    target.parent.mkdir()
    service.store.save_copy(target)
    service.store.close()
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    copy = open_session(target)
    assert len(copy.rows(models.KeyResult)) == 14
    copy.store.close()


def test_untitled_workshops_are_offered_for_recovery():
    service = new_untitled_session()
    service.set_field(models.Workshop, 1, "team", "Recovered team")
    service.store.close()
    found = recoverable_sessions()
    assert found == [service.store.path]
    recovered = open_session(found[0])
    assert recovered.details.team == "Recovered team"
    recovered.store.close()


def test_newer_file_is_refused(demo_file):
    connection = sqlite3.connect(demo_file)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(NewerVersionFile, match="newer version"):
        SessionStore.open(demo_file)


def test_a_change_by_another_program_is_noticed_and_ours_can_be_kept(demo_file):
    service = open_session(demo_file)
    service.set_field(models.Workshop, 1, "title", "Ours")
    assert not service.store.changed_elsewhere()
    other = sqlite3.connect(demo_file)
    other.execute("UPDATE workshop SET title = 'Theirs, written a little longer'")
    other.commit()
    other.close()
    assert service.store.changed_elsewhere()
    service.overwrite_file()
    assert not service.store.changed_elsewhere()
    service.store.close()
    reopened = open_session(demo_file)
    assert reopened.details.title == "Ours" and len(reopened.rows(models.KeyResult)) == 14
    reopened.store.close()


def test_save_as_after_the_file_was_deleted_writes_what_is_open(demo_file, tmp_path):
    from workshop.session import save_copy

    service = open_session(demo_file)
    service.set_field(models.Workshop, 1, "title", "Kept in memory")
    demo_file.unlink()
    with pytest.raises(StorageError, match="moved or deleted"):
        service.set_field(models.Workshop, 1, "team", "lost?")
    target = tmp_path / "rescued.okrw"
    save_copy(service, target)
    service.store.close()
    rescued = open_session(target)
    assert rescued.details.title == "Kept in memory" and len(rescued.rows(models.KeyResult)) == 14
    rescued.store.close()
