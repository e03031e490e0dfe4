"""Writes that cannot damage the file: values checked by the file check's rules, one action one transaction.

Each refused write leaves the file byte-identical and still openable; a batch is all or nothing on
disk and in memory, and is announced once; a bug in a write is a `Bug`, never a disk sentence.
"""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from workshop import models
from workshop.errors import Bug, RefusedWrite, StorageError
from workshop.session import open_session
from workshop.value_rules import MAX_TEXT_CHARS


@pytest.fixture
def service(demo_file):
    opened = open_session(demo_file)
    yield opened
    opened.store.close()


def _refused(service, demo_file, write) -> RefusedWrite:
    before = demo_file.read_bytes()
    with pytest.raises(RefusedWrite) as refused:
        write()
    assert demo_file.read_bytes() == before
    assert isinstance(refused.value, ValueError)
    sentence = str(refused.value)
    assert sentence.endswith(".") and "\n" not in sentence
    return refused.value


def test_a_value_outside_its_list_is_refused_and_the_file_still_opens(service, demo_file):
    objective = service.rows(models.Objective)[0]
    refusal = _refused(service, demo_file,
                       lambda: service.set_field(models.Objective, objective.id, "commitment", "bogus"))
    assert "committed" in str(refusal)
    assert service.row(models.Objective, objective.id).commitment != "bogus"
    service.store.close()
    open_session(demo_file).store.close()  # not "damaged"


def test_set_fields_checks_field_names_and_types(service, demo_file):
    objective = service.rows(models.Objective)[0]
    _refused(service, demo_file, lambda: service.set_fields(models.Objective, objective.id, {"colour": "red"}))
    _refused(service, demo_file, lambda: service.set_fields(models.Objective, objective.id, {"text": 12}))
    _refused(service, demo_file, lambda: service.set_fields(models.Objective, objective.id, {"necessary": 1}))
    _refused(service, demo_file, lambda: service.set_field(models.Objective, objective.id, "id", 99))
    _refused(service, demo_file, lambda: service.set_field(models.Workshop, 1, "current_step", 2**60))


def test_text_longer_than_the_file_check_allows_is_refused_in_a_sentence(service, demo_file):
    refusal = _refused(service, demo_file,
                       lambda: service.set_field(models.Workshop, 1, "title", "é" * (MAX_TEXT_CHARS + 1)))
    assert "shorten" in str(refusal)
    service.set_field(models.Workshop, 1, "title", "é" * MAX_TEXT_CHARS)  # the limit itself is fine


def test_references_must_point_at_rows_of_the_workshop(service, demo_file):
    _refused(service, demo_file, lambda: service.add(models.KeyResult, objective_id=9999, text="x"))
    _refused(service, demo_file, lambda: service.add(models.KeyResult, text="no objective"))
    objective = service.rows(models.Objective)[0]
    _refused(service, demo_file,
             lambda: service.set_field(models.Objective, objective.id, "parent_objective_id", 777))
    service.set_field(models.Objective, objective.id, "parent_objective_id", None)


def test_a_constraint_sqlite_rejects_is_a_bug_not_a_disk_problem(service):
    with pytest.raises(Bug) as raised:
        with service.store.transaction() as connection:
            connection.execute(insert(models.KeyResult).values(objective_id=9999, text="orphan"))
    assert not isinstance(raised.value, StorageError)


def test_a_batch_is_one_transaction_and_one_notification(service, demo_file):
    heard = []
    service.subscribe(heard.append)
    with service.batch(origin="paste"):
        objective_id = service.add(models.Objective, text="Ship calmly")
        for n in range(5):
            service.add(models.KeyResult, objective_id=objective_id, text=f"KR {n}")
        service.set_field(models.Workshop, 1, "team", "Blue")
    assert len(heard) == 1
    change_set = heard[0]
    assert change_set.origin == "paste" and len(change_set.changes) == 7
    assert change_set.tables == {models.Objective, models.KeyResult, models.Workshop}
    assert change_set.touches(models.Workshop, 1, "team") and not change_set.touches(models.Candidate)
    assert [c.table for c in change_set.per_table()] == [models.Workshop, models.Objective, models.KeyResult]
    service.store.close()
    reopened = open_session(demo_file)
    assert len(reopened.children(models.KeyResult, "objective_id", objective_id)) == 5
    reopened.store.close()


def test_a_failing_batch_leaves_file_and_memory_as_they_were(service, demo_file):
    before = demo_file.read_bytes()
    objectives = [(o.id, o.text) for o in service.rows(models.Objective)]
    team = service.details.team
    heard = []
    service.subscribe(heard.append)
    with pytest.raises(RefusedWrite):
        with service.batch():
            objective_id = service.add(models.Objective, text="Half a paste")
            service.add(models.KeyResult, objective_id=objective_id, text="fine")
            service.set_field(models.Workshop, 1, "team", "Changed")
            service.set_field(models.Objective, objective_id, "commitment", "bogus")
    assert demo_file.read_bytes() == before
    assert [(o.id, o.text) for o in service.rows(models.Objective)] == objectives
    assert service.details.team == team
    assert heard == []
    service.set_field(models.Workshop, 1, "team", "After")  # the service still works
    assert len(heard) == 1


def test_a_batch_on_a_vanished_file_changes_nothing(service, demo_file):
    objectives = len(service.rows(models.Objective))
    demo_file.unlink()  # the file vanished under the open window
    with pytest.raises(StorageError):
        with service.batch():
            service.add(models.Objective, text="lost")
    assert len(service.rows(models.Objective)) == objectives


def test_a_batch_inside_a_batch_joins_it(service):
    heard = []
    service.subscribe(heard.append)
    with service.batch():
        service.set_field(models.Workshop, 1, "team", "A")
        with service.batch():
            service.set_field(models.Workshop, 1, "title", "B")
    assert len(heard) == 1 and len(heard[0].changes) == 2
