"""The company roll-up (ARCHITECTURE.md, Outputs): teams' files merged under the company objectives, refusals listed.

Three demo-style teams (tests/rollup_fixtures.py) and a hostile file among them, refused with its
sentence while the others import. Also: 50 teams, timed.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date

import pytest

from exports.pdf import build_pack
from tests.pdf_fixtures import A4_POINTS, LETTER_POINTS, ReadBack
from tests.rollup_fixtures import HIRING, team_rows, write_tampered_copy, write_team_files
from workshop import models
from workshop.demo import demo_rows
from workshop.errors import ReadableError
from workshop.rollup import (
    ALL_TEAMS,
    MAX_FOCUSED_OBJECTIVES,
    ROLLUP_TITLE,
    build_rollup,
    build_rollup_file,
    is_rollup,
    normalised,
    rollup_findings,
    rollup_from_snapshot,
)
from workshop.session import create_session, open_session
from workshop.snapshot import build_snapshot
from workshop.validation import validate_file

@pytest.fixture
def team_files(tmp_path):
    return write_team_files(tmp_path)


@pytest.fixture
def hostile_file(tmp_path, team_files):
    return write_tampered_copy(team_files["Checkout & Payments"], tmp_path)


def test_three_teams_roll_up_and_a_hostile_file_is_refused(tmp_path, team_files, hostile_file):
    out = tmp_path / "company.okrw"
    order = [team_files["Checkout & Payments"], hostile_file, team_files["Warehouses"], team_files["Growth"]]
    report = build_rollup_file(out, order, today=date(2027, 1, 6))

    assert [t.name for t in report.imported] == ["Checkout & Payments", "Warehouses", "Growth"]
    assert [t.path for t in report.imported] == [order[0], order[2], order[3]]
    assert len(report.refused) == 1
    refused_path, sentence = report.refused[0]
    assert refused_path == hostile_file
    assert "tampered.okrw" in sentence and sentence.endswith(".") and "\n" not in sentence
    assert report.path == out

    rollup = report.rollup
    demo = demo_rows()
    # Company objectives merged despite capitals and spacing; the first spelling is kept.
    assert [c.text for c in rollup.company_objectives] == [
        *(c["text"] for c in demo[models.CompanyObjective]), HIRING]
    assert [len(c.key_results) for c in rollup.company_objectives] == [3, 2, 0]
    # Every team objective is there, texts untouched, in team order.
    assert [o.team for o in rollup.objectives] == \
        ["Checkout & Payments"] * 4 + ["Warehouses"] * 4 + ["Growth"] * 6
    assert [o.objective.text for o in rollup.objectives_of("Checkout & Payments")] == \
        [o["text"] for o in demo[models.Objective]]
    growth = rollup.objectives_of("Growth")
    assert (growth[4].company_objective, growth[4].company_key_result) == (0, 1)
    assert growth[5].company_objective == 2
    assert [kr.text for kr in growth[4].key_results][-1] == "Open 3 cities"
    # Flags: one unaligned objective (Warehouses), one oversized team (Growth).
    assert [(o.team, o.objective.text) for o in rollup.unaligned] == \
        [("Warehouses", f"{demo[models.Objective][1]['text']} (warehouses)")]
    assert [t.name for t in rollup.oversized_teams] == ["Growth"]
    assert [t.unaligned for t in rollup.teams] == [0, 1, 0]

    findings = rollup_findings(rollup)
    assert len(findings) == 2
    assert findings[0].startswith(f"Growth has 6 objectives; {MAX_FOCUSED_OBJECTIVES} or fewer")
    assert findings[1].startswith("Warehouses has 1 objective not aligned to any company objective: “")
    assert all(f.endswith(".") and "\n" not in f for f in findings)


def test_the_rollup_file_validates_opens_and_reads_back_as_the_same_rollup(tmp_path, team_files):
    out = tmp_path / "company.okrw"
    report = build_rollup_file(out, list(team_files.values()), today=date(2027, 1, 6))
    snapshot = build_snapshot(validate_file(out).rows)
    details = snapshot.details
    assert (details.title, details.team, details.period_label, details.workshop_date) == \
        (ROLLUP_TITLE, ALL_TEAMS, "2027-Q1", "2027-01-06")
    assert is_rollup(snapshot.details)
    assert details.kind == models.KIND_ROLLUP
    assert [p.name for p in snapshot.participants] == ["Checkout & Payments", "Warehouses", "Growth"]
    assert [o.team for o in snapshot.objectives] == ["Checkout & Payments"] * 4 + ["Warehouses"] * 4 + ["Growth"] * 6
    assert len(snapshot.objectives) == 14
    assert len(snapshot.key_results) == sum(t.key_results for t in report.imported)

    service = open_session(out)
    service.store.close()

    again = rollup_from_snapshot(snapshot)
    original = report.rollup

    def shape(rollup):
        return ([(t.name, t.objectives, t.key_results, t.unaligned) for t in rollup.teams],
                rollup.company_objectives,
                [(o.team, o.objective.text, o.company_objective, o.company_key_result,
                  [kr.text for kr in o.key_results], [i.text for i in o.initiatives])
                 for o in rollup.objectives])

    assert shape(again) == shape(original)
    assert rollup_findings(again) == rollup_findings(original)


@pytest.mark.parametrize("paper, size", [("a4", A4_POINTS), ("letter", LETTER_POINTS)])
def test_the_rollup_pdf_shows_every_team_objective_under_its_company_objective(tmp_path, team_files, paper, size):
    out = tmp_path / "company.okrw"
    rollup = build_rollup_file(out, list(team_files.values()), today=date(2027, 1, 6)).rollup
    snapshot = build_snapshot(validate_file(out).rows)
    result = build_pack(snapshot, tmp_path / "company.pdf", paper)  # a roll-up file gets the roll-up PDF
    pdf = ReadBack(result.path)

    assert result.missing == () and set(pdf.sizes) == {size} and result.pages == len(pdf.pages)
    assert pdf.pages[0].startswith("Company roll-up 2027-Q1")
    assert pdf.contains_words("Checkout & Payments 4 14 0") and pdf.contains_words("Growth 6 15 0")
    assert pdf.contains_words("Total 14 43 1")
    findings = pdf.pages[pdf.page_of("What to look at")]
    assert "Growth has 6 objectives" in findings and "Warehouses has 1 objective not aligned" in findings
    for index, company in enumerate(rollup.company_objectives):
        first = pdf.page_of(f"Company objective {index + 1}:")
        following = (pdf.page_of(f"Company objective {index + 2}:") if index + 1 < len(rollup.company_objectives)
                     else pdf.page_of("Not aligned"))
        section = " ".join(pdf.pages[first:following])
        assert section.startswith(f"Company objective {index + 1}")
        for team_objective in rollup.objectives_under(index):
            heading = " ".join(f"{team_objective.team}: {team_objective.objective.text}".split())
            assert heading in section
    unaligned = " ".join(pdf.pages[pdf.page_of("Not aligned"):])
    assert [o.team for o in rollup.unaligned] == ["Warehouses"]
    assert " ".join(f"Warehouses: {rollup.unaligned[0].objective.text}".split()) in unaligned
    every_heading = [f"{o.team}: {o.objective.text}" for o in rollup.objectives]
    assert sum(" ".join(h.split()) in pdf.text for h in every_heading) == 14
    assert all(pdf.contains_words(kr.text) for o in rollup.objectives for kr in o.key_results)


def test_teams_of_different_periods_are_flagged(tmp_path, team_files):
    later = tmp_path / "later.okrw"
    rows = team_rows("Later team")
    rows[models.Workshop][0]["period_label"] = "2027-Q2"
    create_session(later, rows).store.close()
    snapshots = [build_snapshot(validate_file(p).rows) for p in (team_files["Checkout & Payments"], later)]
    rollup = build_rollup(snapshots)
    assert rollup.period == "2027-Q1"  # one team each: the earlier period
    assert rollup_findings(rollup)[0] == ("The teams plan for different periods (2027-Q1, 2027-Q2); the roll-up "
                                          "uses 2027-Q1, the earliest of the most common; check that they "
                                          "belong in one roll-up.")


def test_teams_with_the_same_name_stay_apart(team_files):
    snapshot = build_snapshot(validate_file(team_files["Growth"]).rows)
    rollup = build_rollup([snapshot, snapshot])
    assert [t.name for t in rollup.teams] == ["Growth", "Growth (2)"]
    assert len(rollup.objectives_of("Growth (2)")) == 6


def test_normalised_ignores_case_and_spacing_only():
    assert normalised("  Grow  REVENUE\tfast ") == normalised("grow revenue fast")
    assert normalised("Grow revenue") != normalised("Grow revenues")


def test_nothing_is_written_when_every_file_is_refused(tmp_path):
    junk = tmp_path / "junk.okrw"
    junk.write_bytes(b"not a session")
    out = tmp_path / "company.okrw"
    report = build_rollup_file(out, [junk, tmp_path / "missing.okrw"])
    assert report.imported == [] and report.path is None and len(report.refused) == 2
    assert not out.exists()


def test_the_rollup_never_overwrites_a_team_file(team_files):
    target = team_files["Growth"]
    before = target.read_bytes()
    with pytest.raises(ReadableError):
        build_rollup_file(target, list(team_files.values()))
    assert target.read_bytes() == before


def test_the_command_line_lists_refusals_and_still_rolls_up(tmp_path, team_files, hostile_file, capsys):
    import main

    out = tmp_path / "company.okrw"
    assert main.main(["rollup", str(out), str(team_files["Growth"]), str(hostile_file)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"Rolled up 1 team into {out}."
    assert captured.err.splitlines() == [f"Refused tampered.okrw: {validate_error(hostile_file)}"]


def test_the_command_line_exits_2_when_no_team_imports(tmp_path, capsys):
    import main

    junk = tmp_path / "junk.okrw"
    junk.write_bytes(b"%PDF-1.7 not a session")
    out = tmp_path / "company.okrw"
    assert main.main(["rollup", str(out), str(junk)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors[0].startswith("Refused junk.okrw: ") and "no roll-up was written" in errors[-1]
    assert not out.exists()


def validate_error(path) -> str:
    from workshop.errors import SessionError

    try:
        validate_file(path)
    except SessionError as error:
        return str(error)
    raise AssertionError(f"{path} was accepted")


def test_fifty_teams_roll_up_whole(tmp_path):
    """Fifty team files all import, and the roll-up file passes the same check (timing: bench_store)."""
    template = tmp_path / "template.okrw"
    create_session(template, team_rows("Template")).store.close()
    paths = []
    for number in range(50):
        path = tmp_path / f"team-{number:02}.okrw"
        shutil.copyfile(template, path)
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA synchronous = OFF")  # test set-up only; the app always syncs
        connection.execute("UPDATE workshop SET team = ?", (f"Team {number:02} – Ωmega",))
        connection.close()
        paths.append(path)

    report = build_rollup_file(tmp_path / "company.okrw", paths)
    rolled_up = validate_file(report.path)
    assert len(report.imported) == 50 and not report.refused
    assert len(rolled_up.rows[models.Participant]) == 50
    assert len(rolled_up.rows[models.Objective]) == 200
