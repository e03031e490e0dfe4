"""Check-ins and progress (ARCHITECTURE.md, Scoring and Command line; issue 14 items 3, 6, 7): a
values CSV recorded in one transaction, refused whole with one sentence naming the line, and
`info --json` reporting exactly (current − baseline) / (target − baseline), clamped, for increases,
decreases and milestones."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

import cli as command_line
from workshop import models
from workshop.checkins import CheckinError, KeyResultReport, check_score, record_checkin
from workshop.demo import write_demo
from workshop.errors import RefusedWrite
from workshop.progress import progress_of, quarter_progress, suggested_score
from workshop.session import open_session
from workshop.validation import validate_file

DRAFT = """Make our release process predictable so that customers can plan upgrades
  - Raise on-time releases from 40% to 90%
  - Cut lead time for changes from 48 hours to 6 hours
  - Move to the new pipeline in 4 stages: scope, visits, findings, agreement
Lower what each order costs us so that we can keep prices steady
  - Reduce the cost of an order from €4.10 to €3.20
  - Raise supplier ratings from 3,4 to 4,5
"""


def cli(capsys, *args) -> tuple[int, str, str]:
    code = command_line.run_command([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def workshop(tmp_path, capsys) -> Path:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    path = tmp_path / "team.okrw"
    assert cli(capsys, "new", path, "--okrs", draft, "--team", "Équipe Ünïcode")[0] == 0
    return path


def values_file(tmp_path: Path, text: str, name: str = "values.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def okrs(capsys, path: Path) -> list[dict]:
    code, out, _err = cli(capsys, "info", path, "--json")
    assert code == 0
    return json.loads(out)["okrs"]


def test_values_from_a_csv_give_exact_progress(workshop, tmp_path, capsys):
    assert [(o["progress"], o["key_results"][0]["current"]) for o in okrs(capsys, workshop)] == [(None, None)] * 2
    values = values_file(tmp_path, "key_result,value,date,confidence,note\n"
                                   "1.1,67%,2027-01-18,on track,Two late releases\n"
                                   "1.2,\"33,5\",2027-01-18,At Risk,\n"
                                   "1.3,3,2027-01-18,,Findings written up\n"
                                   "2.1,€3.65,2027-01-18,off-track,Contract still open\n")
    code, out, err = cli(capsys, "checkin", workshop, "--values", values)
    assert (code, err) == (0, "")
    assert "4 key results" in out
    objectives = okrs(capsys, workshop)
    first, second = objectives
    assert [kr["ref"] for kr in first["key_results"]] == ["1.1", "1.2", "1.3"]
    on_time, lead_time, pipeline = first["key_results"]
    assert on_time == {"ref": "1.1", "text": "Raise on-time releases from 40% to 90%", "kind": "metric",
                       "baseline": 40.0, "target": 90.0, "unit": "%", "direction": "increase", "current": 67.0,
                       "progress": round((67 - 40) / (90 - 40), 4), "confidence": "on track"}
    assert (lead_time["direction"], lead_time["current"], lead_time["progress"], lead_time["confidence"]) == \
           ("decrease", 33.5, round((33.5 - 48) / (6 - 48), 4), "at risk")
    assert (pipeline["kind"], pipeline["baseline"], pipeline["target"], pipeline["current"], pipeline["progress"]) == \
           ("milestone", 0.0, 4.0, 3.0, 0.75)
    assert first["progress"] == round(((67 - 40) / 50 + (33.5 - 48) / -42 + 0.75) / 3, 4)
    cost, ratings = second["key_results"]
    assert (cost["unit"], cost["current"], cost["progress"], cost["confidence"]) == \
           ("€", 3.65, round((3.65 - 4.10) / (3.20 - 4.10), 4), "off track")
    assert (ratings["current"], ratings["progress"], ratings["confidence"]) == (None, None, None)
    assert second["progress"] == round(((3.65 - 4.10) / (3.20 - 4.10) + 0) / 2, 4)  # no value counts 0
    assert first["score"] is None and isinstance(first["progress"], float)


def test_the_latest_check_in_by_date_wins_and_history_stays(workshop, tmp_path, capsys):
    later = tmp_path / "later.csv"  # as a spreadsheet on Windows saves it: a byte-order mark, CRLF
    later.write_bytes("key_result,value,date\r\n1.1,80,2027-02-01\r\n\r\n".encode("utf-8-sig"))
    earlier = values_file(tmp_path, "KEY_RESULT;Value;Date\n1.1;55,5;2027-01-11\n1.2;50;2027-01-11\n", "earlier.csv")
    assert cli(capsys, "checkin", workshop, "--values", later)[0] == 0
    assert cli(capsys, "checkin", workshop, "--values", earlier)[0] == 0  # recorded after, dated before
    on_time, lead_time, _ = okrs(capsys, workshop)[0]["key_results"]
    assert (on_time["current"], on_time["progress"]) == (80.0, 0.8)
    assert (lead_time["current"], lead_time["progress"]) == (50.0, 0.0)  # worse than baseline: clamped to 0
    rows = validate_file(workshop).rows
    assert sorted(v.value for v in rows[models.CheckinValue]) == [50.0, 55.5, 80.0]
    assert sorted(c.held_on for c in rows[models.Checkin]) == ["2027-01-11", "2027-02-01"]


@pytest.mark.parametrize("content, line, words", [
    ("key_result,value,date\n1.1,67,2027-01-18\n9.9,5,2027-01-18\n", 3, "no key result '9.9'"),
    ("key_result,value,date\n1.1,sixty,2027-01-18\n", 2, "not a number"),
    ("key_result,value,date\n1.1,1,200,2027-01-18\n", 2, "more cells"),
    ("key_result,value,date\n1.1,\"1,200\",2027-01-18\n", 2, "without the comma (1200)"),
    ("key_result,value,date\n1.1,67,18/01/2027\n", 2, "not a date"),
    ("key_result,value,date\n1.1,67,2027-02-30\n", 2, "not a date"),
    ("key_result,value,date,confidence\n1.1,67,2027-01-18,fine\n", 2, "not a confidence"),
    ("key_result,value,date\n1.1,67,2027-01-18\n1.2,30,2027-01-19\n", 3, "one file is one check-in"),
    ("key_result,value,date\n1.1,67,2027-01-18\n1.1,68,2027-01-18\n", 3, "already on line 2"),
    ("key_result,value,date\n1.3,5,2027-01-18\n", 2, "stages done"),
    ("key_result,value,date\n1.3,1.5,2027-01-18\n", 2, "stages done"),
    ("key_result,value\n1.1,67\n", 1, "missing: date"),
    ("key_result,value,date,confidance\n1.1,67,2027-01-18,on track\n", 1, "'confidance' is not a column"),
    ("key_result,value,date\n", None, "no values"),
])
def test_a_bad_row_refuses_the_whole_file_naming_its_line(workshop, tmp_path, capsys, content, line, words):
    values = values_file(tmp_path, content)
    before = hashlib.sha256(workshop.read_bytes()).hexdigest()
    code, out, err = cli(capsys, "checkin", workshop, "--values", values)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.strip().endswith(".") and "Traceback" not in err
    assert words in err
    if line is not None:
        assert f"values.csv line {line}:" in err
    assert hashlib.sha256(workshop.read_bytes()).hexdigest() == before
    assert validate_file(workshop).rows[models.Checkin] == []


@pytest.mark.parametrize("make", [
    lambda folder: folder,  # a folder
    lambda folder: values_file(folder, "", "empty.csv"),
    lambda folder: (folder / "latin1.csv").write_bytes(b"key_result,value,date\n1.1,67,2027-01-18,caf\xe9\n")
    or folder / "latin1.csv",
    lambda folder: (folder / "big.csv").write_bytes(b"key_result,value,date\n" + b"1.1,67,2027-01-18\n" * 70_000)
    or folder / "big.csv",
    lambda folder: folder / "missing.csv",
])
def test_unreadable_values_files_are_refused_in_one_sentence(workshop, tmp_path, capsys, make):
    folder = tmp_path / "inputs"
    folder.mkdir()
    code, out, err = cli(capsys, "checkin", workshop, "--values", make(folder))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert validate_file(workshop).rows[models.Checkin] == []


def test_the_command_line_refuses_a_session_that_is_not_one(tmp_path, capsys):
    fake = values_file(tmp_path, "key_result,value,date\n", "fake.okrw")
    values = values_file(tmp_path, "key_result,value,date\n1.1,1,2027-01-01\n")
    code, _out, err = cli(capsys, "checkin", fake, "--values", values)
    assert code == 2 and "fake.okrw" in err


def test_a_failed_save_leaves_neither_the_file_nor_the_open_workshop_changed(workshop):
    service = open_session(workshop)
    try:
        with pytest.raises(RefusedWrite, match="not in this workshop"):
            service.add_with_children(models.Checkin, {"kind": models.WEEKLY, "held_on": "2027-01-18"},
                                      [(models.CheckinValue, "checkin_id", {"key_result_id": 1, "value": 50.0}),
                                       (models.CheckinValue, "checkin_id", {"key_result_id": 999, "value": 1.0})])
        assert service.rows(models.Checkin) == [] and service.rows(models.CheckinValue) == []
    finally:
        service.store.close()
    assert validate_file(workshop).rows[models.CheckinValue] == []


def test_record_checkin_checks_before_it_saves(workshop):
    service = open_session(workshop)
    try:
        for reports, words in [
            ([KeyResultReport(1, value=1.0), KeyResultReport(1, value=2.0)], "twice"),
            ([KeyResultReport(77, value=1.0)], "no key result"),
            ([KeyResultReport(1, value=float("nan"))], "not a value"),
            ([KeyResultReport(1, confidence="great")], "not a confidence"),
        ]:
            with pytest.raises(CheckinError, match=words):
                record_checkin(service, "2027-01-18", reports)
        with pytest.raises(CheckinError, match="not a date"):
            record_checkin(service, "tomorrow", [])
        checkin_id = record_checkin(service, "2027-01-18", [KeyResultReport(1, value=65.0, note="שלום 🚀")],
                                    kind=models.WEEKLY, used_seconds=1800)
        assert [v.note for v in service.children(models.CheckinValue, "checkin_id", checkin_id)] == ["שלום 🚀"]
        service.remove(models.Checkin, checkin_id)  # undo of a check-in takes its values too
        assert service.rows(models.CheckinValue) == []
    finally:
        service.store.close()


def test_progress_and_suggested_scores_follow_the_rules():
    metric = models.KeyResult(objective_id=1, kind=models.METRIC, baseline_value=48.0, target_value=6.0)
    assert progress_of(metric, 27.0) == pytest.approx(0.5)
    assert progress_of(metric, 2.0) == 1.0 and progress_of(metric, 60.0) == 0.0 and progress_of(metric, None) is None
    written = models.KeyResult(objective_id=1, baseline="71%", target="82%")  # a file from before the number fields
    assert progress_of(written, 76.5) == pytest.approx(0.5)
    milestone = models.KeyResult(objective_id=1, kind=models.MILESTONE, stages="a\nb\n\nc\nd")
    assert progress_of(milestone, 1) == 0.25
    assert progress_of(models.KeyResult(objective_id=1, kind=models.MILESTONE), 1) is None
    assert suggested_score(models.COMMITTED, 0.99) == 0.0 and suggested_score(models.COMMITTED, 1.0) == 1.0
    assert suggested_score(models.ASPIRATIONAL, 0.6666) == 0.67 and suggested_score(models.ASPIRATIONAL, None) is None
    assert check_score(0.7, models.ASPIRATIONAL) == 0.7 and check_score(None, models.COMMITTED) is None
    with pytest.raises(CheckinError, match="0 or 1"):
        check_score(0.5, models.COMMITTED)


def test_the_demo_quarter_has_progress_and_one_key_result_never_measured(tmp_path):
    service = write_demo(tmp_path / "demo.okrw", today=date(2027, 2, 10))  # six weeks in, no retrospective
    try:
        objectives = quarter_progress(service.snapshot())
    finally:
        service.store.close()
    by_ref = {kr.ref: kr for objective in objectives for kr in objective.key_results}
    assert by_ref["3.3"].progress is None and [p.current for p in by_ref["3.3"].history] == [None]
    assert by_ref["1.4"].current == 2 and by_ref["1.4"].progress == pytest.approx(2 / 3)
    assert [point.confidence for point in by_ref["3.1"].history][-1] == models.OFF_TRACK
    assert all(objective.progress is not None for objective in objectives)


def test_progress_as_of_a_day_leaves_out_the_check_ins_after_it(tmp_path):
    service = write_demo(tmp_path / "demo.okrw", today=date(2027, 2, 10))
    try:
        snapshot = service.snapshot()
    finally:
        service.store.close()
    latest = {kr.ref: kr for o in quarter_progress(snapshot) for kr in o.key_results}
    then = {kr.ref: kr for o in quarter_progress(snapshot, as_of="2027-01-18") for kr in o.key_results}
    assert [point.held_on for point in then["1.1"].history] == ["2027-01-04", "2027-01-11", "2027-01-18"]
    assert then["1.1"].current == then["1.1"].history[-1].current != latest["1.1"].current
    assert latest["1.1"].history[-1].held_on == "2027-02-08"
    assert all(kr.history == () for o in quarter_progress(snapshot, as_of="2026-12-31") for kr in o.key_results)


def test_a_key_result_known_only_by_its_words_still_shows_progress():
    typed = models.KeyResult(objective_id=1, text="Cut lead time from 48 hours to 6 hours")  # no fields filled
    assert progress_of(typed, 27.0) == pytest.approx(0.5)
    cleared = models.KeyResult(objective_id=1, text="Cut lead time from 48 hours to 6 hours", baseline="about 40")
    assert progress_of(cleared, 27.0) is None  # a baseline someone wrote wins over the words, even unreadable
