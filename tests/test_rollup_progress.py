"""The roll-up carries each team's latest progress and scores (issue 14 item 8): in the roll-up it
builds, in the roll-up file once reopened, and in the roll-up PDF as a table coloured by band with
the numbers and the band words."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from exports.pdf import build_pack
from exports.pdf.report import build_report
from workshop import models
from workshop.demo import write_demo
from workshop.progress import quarter_progress
from workshop.rollup import build_rollup_file, rollup_from_snapshot
from workshop.snapshot import build_snapshot
from workshop.validation import validate_file

from tests.pdf_fixtures import ReadBack


@pytest.fixture
def two_teams(tmp_path):
    finished, running = tmp_path / "finished.okrw", tmp_path / "running.okrw"
    write_demo(finished, today=date(2027, 4, 12)).store.close()
    write_demo(running, today=date(2027, 2, 10)).store.close()
    connection = sqlite3.connect(running)
    connection.execute("UPDATE workshop SET team = 'Données & Платежи'")
    connection.commit()
    connection.close()
    return finished, running


def _expected(path) -> tuple[float, float | None]:
    objectives = quarter_progress(build_snapshot(validate_file(path).rows))
    scores = [o.score for o in objectives if o.score is not None]
    return (sum(o.progress for o in objectives) / len(objectives), sum(scores) / len(scores) if scores else None)


def test_each_team_s_latest_progress_and_score_survive_the_roll_up_file(two_teams, tmp_path):
    finished, running = two_teams
    report = build_rollup_file(tmp_path / "company.okrw", [finished, running], today=date(2027, 4, 20))
    first, second = report.imported
    assert (first.progress, first.score) == pytest.approx(_expected(finished))
    assert (second.progress, second.score) == (pytest.approx(_expected(running)[0]), None)
    assert (first.latest_checkin, second.latest_checkin) == ("2027-03-31", "2027-02-08")
    rows = validate_file(report.path).rows
    assert rows[models.Workshop][0].kind == models.KIND_ROLLUP
    assert [o.team for o in rows[models.Objective]] == ["Checkout & Payments"] * 4 + ["Données & Платежи"] * 4
    reopened = rollup_from_snapshot(build_snapshot(rows))
    assert [(t.name, t.progress, t.score, t.latest_checkin) for t in reopened.teams] == \
           [(t.name, pytest.approx(t.progress), t.score, t.latest_checkin) for t in report.imported]


def test_the_roll_up_pdf_colours_progress_by_band_and_says_it_in_words(two_teams, tmp_path):
    finished, running = two_teams
    report = build_rollup_file(tmp_path / "company.okrw", [finished, running], today=date(2027, 4, 20))
    pdf = build_pack(build_snapshot(validate_file(report.path).rows), tmp_path / "company.pdf")
    read = ReadBack(pdf.path)
    page = read.pages[read.page_of("Progress by team")]
    first = report.imported[0]
    assert f"Checkout & Payments 4 {round(first.progress * 100)}% · On track 0.5 · At risk 31 Mar 2027" in page
    assert "Données & Платежи 4" in page and "not scored yet 8 Feb 2027" in page
    assert read.contains_words("Keep payments dependable during the Friday 94% · On track 0 · Off track")


def test_a_roll_up_of_teams_without_check_ins_says_so(tmp_path):
    bare = tmp_path / "bare.okrw"
    write_demo(bare).store.close()
    connection = sqlite3.connect(bare)
    connection.execute("DELETE FROM checkinvalue")
    connection.execute("DELETE FROM checkin")
    connection.commit()
    connection.close()
    report = build_rollup_file(tmp_path / "company.okrw", [bare])
    assert report.imported[0].progress is None and report.imported[0].latest_checkin == ""
    read = ReadBack(build_pack(build_snapshot(validate_file(report.path).rows), tmp_path / "c.pdf").path)
    assert "No team has recorded a check-in value yet, so there is no progress to show." in read.text


def test_the_quarter_report_of_a_roll_up_names_each_objective_s_team(two_teams, tmp_path):
    report = build_rollup_file(tmp_path / "company.okrw", list(two_teams), today=date(2027, 4, 20))
    read = ReadBack(build_report(build_snapshot(validate_file(report.path).rows), tmp_path / "quarter.pdf").path)
    assert read.contains_words("5 Données & Платежи: Make checkout feel effortless")
    assert read.contains_words("1 Checkout & Payments: Make checkout feel effortless")
