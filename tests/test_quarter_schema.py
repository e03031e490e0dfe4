"""Schema version 4 (ARCHITECTURE.md, Scoring, Session files): a file written by the previous release (schema
3) is backed up
and migrated, keeping every row; the new columns and tables hold only values from their lists and
ranges; and removing a key result takes its check-in history with it, undo brings it back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop import models
from workshop.errors import DamagedFile
from workshop.schema import SCHEMA_VERSION, columns_of
from workshop.session import open_session
from workshop.store import SessionStore
from workshop.validation import validate_file

from tests.session_file_tools import assert_one_sentence, make_older, run_sql

VERSION_3_DEMO = Path(__file__).parent / "data" / "demo-v3.okrw"  # written by `okr-workshop demo` at schema 3


@pytest.fixture
def version_3_file(tmp_path) -> Path:
    path = tmp_path / "quarter.okrw"
    shutil.copyfile(VERSION_3_DEMO, path)
    return path


def test_a_version_3_file_from_the_previous_release_is_backed_up_then_migrated(version_3_file):
    before = validate_file(version_3_file)
    assert before.version == 3
    original = version_3_file.read_bytes()
    SessionStore.open(version_3_file).close()
    assert version_3_file.with_name("quarter.v3-backup.okrw").read_bytes() == original
    after = validate_file(version_3_file)
    assert after.version == SCHEMA_VERSION == 4
    for table, rows in before.rows.items():
        old_columns = columns_of(table, 3)
        assert [{c: getattr(r, c) for c in old_columns} for r in after.rows[table]] == \
               [{c: getattr(r, c) for c in old_columns} for r in rows], table.__name__
    assert after.rows[models.Workshop][0].kind == models.KIND_WORKSHOP
    assert {p.email for p in after.rows[models.Participant]} == {""}
    assert {(o.team, o.score) for o in after.rows[models.Objective]} == {("", None)}
    assert after.rows[models.Checkin] == after.rows[models.CheckinValue] == after.rows[models.RetroAnswer] == []


def test_plain_number_baselines_become_values_with_a_direction(version_3_file):
    SessionStore.open(version_3_file).close()
    key_results = validate_file(version_3_file).rows[models.KeyResult]
    numbers = {kr.text: (kr.baseline_value, kr.target_value, kr.direction) for kr in key_results}
    assert numbers["Raise mobile checkout completion from 71% to 82%"] == (71.0, 82.0, models.INCREASE)
    assert numbers["Cut the 95th percentile payment confirmation time from 2.8 seconds to 1.2 seconds"] == \
           (2.8, 1.2, models.DECREASE)
    assert numbers["Release one-tap reorder to every customer in three stages"] == (None, None, "")


def test_the_migrated_file_takes_check_ins(version_3_file):
    SessionStore.open(version_3_file).close()
    service = open_session(version_3_file)
    try:
        checkin = service.add(models.Checkin, kind=models.WEEKLY, held_on="2027-01-11", note="First week")
        service.add(models.CheckinValue, checkin_id=checkin, key_result_id=1, value=73.5,
                    confidence=models.ON_TRACK, note="Ça avance 🚀")
        service.set_field(models.KeyResult, 1, "score", 0.7)
    finally:
        service.store.close()
    rows = validate_file(version_3_file).rows
    assert [(v.value, v.confidence, v.note) for v in rows[models.CheckinValue]] == [(73.5, "on track", "Ça avance 🚀")]
    assert rows[models.Checkin][0].held_on == "2027-01-11"
    assert rows[models.KeyResult][0].score == 0.7


@pytest.mark.parametrize("version", [1, 2, 3])
def test_every_older_version_migrates_to_4(demo_file, version):
    make_older(demo_file, version)
    assert validate_file(demo_file).version == version
    SessionStore.open(demo_file).close()
    migrated = validate_file(demo_file)
    assert migrated.version == SCHEMA_VERSION
    assert len(migrated.rows[models.KeyResult]) == 14 and len(migrated.rows[models.Initiative]) > 0


def _with_checkin(path: Path) -> None:
    run_sql(path, "INSERT INTO checkin (id, kind, review_event_id, held_on, used_seconds, note) "
                  "VALUES (900, 'weekly', NULL, '2027-01-11', 0, '')",
            "INSERT INTO checkinvalue (id, checkin_id, key_result_id, value, stages_done, confidence, note) "
            "VALUES (900, 900, 1, 72.0, NULL, 'at risk', '')")


@pytest.mark.parametrize("statement", [
    "UPDATE workshop SET kind = 'spreadsheet'",
    "UPDATE keyresult SET direction = 'sideways' WHERE id = 1",
    "UPDATE keyresult SET score = 1.5 WHERE id = 1",
    "UPDATE objective SET score = -0.1 WHERE id = 1",
    "UPDATE keyresult SET baseline_value = 'seventy' WHERE id = 1",
    "UPDATE keyresult SET target_value = 1e300 WHERE id = 1",
    "UPDATE checkin SET kind = 'party'",
    "UPDATE checkin SET held_on = 'next Tuesday'",
    "UPDATE checkin SET held_on = '2027-02-30'",
    "UPDATE checkinvalue SET confidence = 'fine'",
    "UPDATE checkinvalue SET stages_done = -1",
    "UPDATE checkinvalue SET value = x'00'",
])
def test_values_outside_their_lists_and_ranges_are_refused(demo_file, statement):
    _with_checkin(demo_file)
    validate_file(demo_file)  # the untouched row is fine
    run_sql(demo_file, statement)
    with pytest.raises(DamagedFile) as refused:
        validate_file(demo_file)
    assert_one_sentence(str(refused.value), demo_file.name)


def test_removing_a_key_result_takes_its_history_and_undo_brings_it_back(demo_file):
    _with_checkin(demo_file)
    service = open_session(demo_file)
    try:
        before = [(v.id, v.key_result_id, v.value) for v in service.rows(models.CheckinValue)]
        first_objective_krs = {kr.id for kr in service.children(models.KeyResult, "objective_id", 1)}
        removed = service.remove(models.Objective, 1)  # its key results, and their values, go too
        left = [(v.id, v.key_result_id, v.value) for v in service.rows(models.CheckinValue)]
        assert left == [v for v in before if v[1] not in first_objective_krs] and len(left) < len(before)
        assert len(validate_file(demo_file).rows[models.CheckinValue]) == len(left)
        service.restore(removed)
        assert sorted((v.id, v.key_result_id, v.value) for v in service.rows(models.CheckinValue)) == sorted(before)
    finally:
        service.store.close()
    assert sorted((v.id, v.key_result_id, v.value) for v in validate_file(demo_file).rows[models.CheckinValue]) \
        == sorted(before)


def test_regenerating_the_schedule_unlinks_check_ins_from_the_old_meetings(demo_file):
    service = open_session(demo_file)
    try:
        event = service.rows(models.ReviewEvent)[0]
        checkin = service.add(models.Checkin, kind=event.kind, review_event_id=event.id, held_on="2027-01-11")
        service.replace_all(models.ReviewEvent, [])
        assert service.row(models.Checkin, checkin).review_event_id is None
    finally:
        service.store.close()
    assert {c.review_event_id for c in validate_file(demo_file).rows[models.Checkin]} == {None}


def test_key_results_written_only_in_words_get_their_numbers_when_migrated(demo_file):
    run_sql(demo_file, "UPDATE keyresult SET baseline = '', target = '', unit = '', baseline_value = NULL, "
                       "target_value = NULL, direction = ''",
            "UPDATE keyresult SET kind = 'metric', stages = '', text = 'Ship it in 3 stages: build, test, release' "
            "WHERE id = 4")
    make_older(demo_file, 3)  # as `new --okrs` wrote a workshop before numbers were read from words
    SessionStore.open(demo_file).close()
    numbers = {kr.text: (kr.baseline, kr.target, kr.unit, kr.baseline_value, kr.target_value, kr.direction)
               for kr in validate_file(demo_file).rows[models.KeyResult]}
    assert numbers["Cut median checkout time from 94 seconds to 45 seconds"] == \
           ("94", "45", "seconds", 94.0, 45.0, models.DECREASE)
    assert numbers["Move card routing to the new acquirer in three stages"] == ("", "", "", None, None, "")
    shipped = next(kr for kr in validate_file(demo_file).rows[models.KeyResult] if kr.id == 4)
    assert (shipped.kind, shipped.stages) == (models.MILESTONE, "build\ntest\nrelease")
