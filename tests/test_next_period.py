"""Starting the next period from a finished one (issue 14 item 8): what is carried over, what
stays behind, and the old file left byte for byte as it was."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from workshop import models
from workshop.demo import write_demo
from workshop.next_period import NextPeriodError, next_period, start_next_period
from workshop.validation import validate_file


@pytest.mark.parametrize("old, new", [
    (("2027-Q1", "2027-01-01", "2027-03-31"), ("2027-Q2", "2027-04-01", "2027-06-30")),
    (("2027-Q4", "2027-10-01", "2027-12-31"), ("2028-Q1", "2028-01-01", "2028-03-31")),
    (("Autumn sprint", "2027-09-06", "2027-10-15"), ("", "2027-10-16", "2027-11-24")),
    (("H1", "2027-01-01", "2027-06-30"), ("", "2027-07-01", "2027-12-31")),
    (("", "", ""), ("", "", "")),
    (("2027-Q1", "not a date", "2027-03-31"), ("2027-Q2", "", "")),
])
def test_the_next_period_is_as_long_and_starts_the_day_after(old, new):
    assert next_period(*old) == new


def test_unfinished_aspirational_objectives_carry_over_from_where_they_got_to(tmp_path):
    source = tmp_path / "q1.okrw"
    service = write_demo(source, today=date(2027, 4, 12))
    snapshot = service.snapshot()
    service.store.close()
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    target = tmp_path / "q2.okrw"
    start_next_period(snapshot, source, target).store.close()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    rows = validate_file(target).rows
    details = rows[models.Workshop][0]
    assert (details.team, details.period_label, details.period_start, details.period_end) == \
           ("Checkout & Payments", "2027-Q2", "2027-04-01", "2027-06-30")
    assert details.uid != snapshot.details.uid and details.title == "2027-Q2 OKR workshop"
    assert [p.name for p in rows[models.Participant]] == [p.name for p in snapshot.participants]
    assert len(rows[models.CompanyKeyResult]) == len(snapshot.company_key_results) > 0
    objectives = rows[models.Objective]
    assert [o.text[:20] for o in objectives] == ["Make checkout feel e", "Lower what each paym", "Turn checkout data i"]
    assert {o.commitment for o in objectives} == {models.ASPIRATIONAL} and {o.score for o in objectives} == {None}
    carried = {kr.text[:24]: kr for kr in rows[models.KeyResult]}
    completion = carried["Raise mobile checkout co"]
    assert (completion.baseline, completion.baseline_value, completion.target_value) == ("80.1", 80.1, 82.0)
    assert completion.text == "Raise mobile checkout completion from 71% to 82%"  # the words stay as written
    assert carried["Cut chargebacks from 0.6"].baseline_value == 0.6  # never measured: as it was
    assert "Release one-tap reorder " not in carried and "Increase the share of ch" not in carried  # done
    assert rows[models.Checkin] == [] and rows[models.RetroAnswer] == [] and rows[models.Candidate] == []
    assert rows[models.ReviewEvent] and min(e.starts_at for e in rows[models.ReviewEvent]) >= "2027-04-01"


def test_a_half_done_milestone_keeps_the_stages_still_to_do(tmp_path):
    service = write_demo(tmp_path / "running.okrw", today=date(2027, 2, 10))
    snapshot = service.snapshot()
    service.store.close()
    start_next_period(snapshot, tmp_path / "running.okrw", tmp_path / "next.okrw").store.close()
    reorder = next(kr for kr in validate_file(tmp_path / "next.okrw").rows[models.KeyResult]
                   if kr.text.startswith("Release one-tap reorder"))
    assert reorder.stages == "Available to everyone"


def test_the_next_period_never_replaces_a_file(demo_file, tmp_path):
    service = write_demo(tmp_path / "q1.okrw")
    snapshot = service.snapshot()
    service.store.close()
    with pytest.raises(NextPeriodError, match="own file"):
        start_next_period(snapshot, tmp_path / "q1.okrw", tmp_path / "q1.okrw")
    before = demo_file.read_bytes()
    with pytest.raises(NextPeriodError, match="already exists"):
        start_next_period(snapshot, tmp_path / "q1.okrw", demo_file)
    assert demo_file.read_bytes() == before


def test_no_next_period_after_the_end_of_the_calendar():
    assert next_period("2027-Q4", "9999-10-01", "9999-12-31") == ("2028-Q1", "", "")
