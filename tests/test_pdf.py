"""The PDF pack and worksheets, read back with pdfplumber: content, paper, bookmarks, glyphs, writing."""

from __future__ import annotations

from datetime import date

import pdfplumber
import pytest

from exports.pdf import ExportError, ExportResult, build_pack, build_worksheets
from exports.pdf.fonts import REGULAR, register_fonts
from exports.pdf.glyphs import PLACEHOLDER, GlyphGuard
from tests import pdf_fixtures
from tests.pdf_fixtures import (
    A4_POINTS, LETTER_POINTS, UNICODE_TEXTS, ReadBack, demo_snapshot, empty_snapshot, roll_up_snapshot,
    unicode_snapshot,
)

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")



@pytest.fixture(scope="module")
def demo_pack(tmp_path_factory) -> tuple[ExportResult, ReadBack]:
    path = tmp_path_factory.mktemp("pack") / "demo.pdf"
    result = build_pack(demo_snapshot(), path)
    return result, ReadBack(path)


@pytest.fixture(scope="module")
def letter_pack(tmp_path_factory) -> tuple[ExportResult, ReadBack]:
    path = tmp_path_factory.mktemp("pack") / "demo-letter.pdf"
    result = build_pack(demo_snapshot(), path, paper="letter")
    return result, ReadBack(path)


def spelled_day(iso: str) -> str:
    """"Mon 4 Jan 2027": spelled out here, independently of the code under test."""
    day = date.fromisoformat(iso[:10])
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


# --- content -----------------------------------------------------------------------------------


def test_pack_prints_every_objective_key_result_and_initiative(demo_pack):
    result, pack = demo_pack
    snapshot = demo_snapshot()
    assert result.pages == len(pack.pages)
    assert result.missing == ()
    for objective in snapshot.objectives:
        assert pack.contains_words(objective.text), objective.text
    for key_result in snapshot.key_results:
        assert pack.contains_words(key_result.text), key_result.text
        assert pack.contains_words(key_result.owner)
    for initiative in snapshot.initiatives:
        assert pack.contains_words(initiative.text)
    assert pack.contains_words("Stages: 1. Canary for the API gateway")
    assert "12 → 3" in pack.text


def test_cover_names_team_period_facilitator_and_participants_with_roles(demo_pack):
    _result, pack = demo_pack
    cover = pack.pages[0]
    for expected in ("Q1 2027 OKR workshop", "Équipe Plateforme", "2027-Q1 (Fri 1 Jan 2027 – Wed 31 Mar 2027)",
                     "Mon 14 Dec 2026", "Amélie Durand"):
        assert expected in cover
    for name, role in pdf_fixtures.PARTICIPANTS:
        assert f"{name} {role}" in cover, name
    assert "Ольга Смирнова" in cover and "Νίκος Παπαδόπουλος" in cover


def test_agenda_compares_planned_and_actual_minutes(demo_pack):
    _result, pack = demo_pack
    agenda = pack.pages[pack.page_of("Agenda: planned and actual time")]
    assert "1 Overview 30 min 33 min +3 min" in agenda
    assert "2 Cascade model 10 min 9 min −1 min" in agenda
    assert "Total 120 min 128 min +8 min" in agenda
    assert "8 minutes behind plan" in agenda


def test_alignment_lists_company_objectives_and_unaligned_team_objectives(demo_pack):
    _result, pack = demo_pack
    alignment = pack.pages[pack.page_of("Alignment with company objectives")]
    assert "Cascade model: Flexible" in alignment
    assert "Company objective 1: Make our platform" in alignment
    assert "Raise gross renewal rate from 86% to 92%" in alignment
    unaligned = alignment.split("Team objectives not aligned to a company objective", 1)[1]
    assert "Objective 4: Know what our cloud spend buys" in unaligned


def test_objective_section_shows_commitment_parent_tests_and_words_not_colours(demo_pack):
    _result, pack = demo_pack
    first = pack.pages[pack.page_of("Objective 1:")]
    assert "Type: Committed" in first
    assert "Supports: company objective 1" in first
    assert "Necessary" in first and "Sufficient" in first
    third = pack.pages[pack.page_of("Objective 3:")]
    assert third.count("Not answered") == 2
    assert "No initiatives were recorded for this objective." in third


def test_review_schedule_prints_every_meeting_with_weekday_time_and_length(demo_pack):
    _result, pack = demo_pack
    schedule = pack.pages[pack.page_of("Review schedule")]
    lengths = {30: "30 min", 60: "1 h", 90: "1 h 30 min"}
    for number, event in enumerate(demo_snapshot().review_events, start=1):
        row = f"{number} {spelled_day(event.starts_at)} {event.starts_at[11:]} {lengths[event.minutes]}"
        assert row in schedule, row
        assert event.title in schedule
    assert "Owners update their key results" in schedule


def test_wrap_up_has_questions_with_status_next_steps_and_follow_up(demo_pack):
    _result, pack = demo_pack
    wrap_up = pack.pages[pack.page_of("Wrap-up")]
    assert "Who approves a rollback of a database migration? Open" in wrap_up
    assert "Do we count weekend pages separately? Answered" in wrap_up
    for what, who, due in pdf_fixtures.ACTION_ITEMS:
        assert pack.contains_words(f"{what} {who} {spelled_day(due)}")
    assert "When: Mon 11 Jan 2027 at 10:00" in wrap_up


def test_reference_card_meeting_templates_and_worksheets_close_the_pack(demo_pack):
    _result, pack = demo_pack
    titles = [title for _level, title, _page in pack.bookmarks]
    closing = ["OKR reference card", "Meeting templates", "Weekly check-in", "Monthly cross-team review",
               "End-of-period retrospective", "Appendix: blank worksheets", "Brainstorm"]
    positions = [titles.index(title) for title in closing]
    assert positions == sorted(positions)
    assert "Committed: scored 0 or 1" in pack.pages[pack.page_of("OKR reference card")]
    assert "Notes" in pack.pages[pack.page_of("Weekly check-in")]


def test_footer_names_team_and_period_and_counts_pages(demo_pack):
    result, pack = demo_pack
    assert "Page" not in pack.pages[0]  # the cover carries no footer
    for number, page in enumerate(pack.pages[1:], start=2):
        assert f"Page {number} of {result.pages}" in page
    assert "Équipe Plateforme · 2027-Q1" in pack.pages[1]


def test_bookmarks_point_at_the_page_each_section_starts_on(demo_pack):
    _result, pack = demo_pack
    levels = {}
    for level, title, _page in pack.bookmarks:
        levels.setdefault(title, level)  # "Review schedule" is also a worksheet in the appendix
    assert levels["Cover"] == levels["Objectives"] == levels["Review schedule"] == 1
    assert levels["Objective 2: Give on-call engineers calm nights in order to keep our best people"] == 2
    for level, title, page in pack.bookmarks:
        assert page is not None, title
        if level == 2 and title.startswith("Objective "):
            assert pack.pages[page].startswith(title.split(":")[0]), title
    assert pack.pages[pack.page_of("Wrap-up")].startswith("Wrap-up")


# --- paper ---------------------------------------------------------------------------------------


def test_a4_and_letter_page_sizes(demo_pack, letter_pack):
    assert set(demo_pack[1].sizes) == {A4_POINTS}
    assert set(letter_pack[1].sizes) == {LETTER_POINTS}


def test_unknown_paper_is_refused_before_writing(tmp_path):
    with pytest.raises(ValueError, match="a4.*letter"):
        build_pack(demo_snapshot(), tmp_path / "pack.pdf", paper="a3")
    assert list(tmp_path.iterdir()) == []


# --- empty sections --------------------------------------------------------------------------------


def test_empty_sections_say_so_in_one_line(tmp_path):
    path = tmp_path / "empty.pdf"
    build_pack(empty_snapshot(), path)
    text = ReadBack(path).text
    for sentence in ("No participants were recorded.", "No agenda was recorded.",
                     "No company objectives were recorded.", "No team objectives were written yet.",
                     "No review meetings were scheduled.", "No open questions were recorded.",
                     "No next steps were agreed.", "No follow-up meeting was set.", "Cascade model: not chosen"):
        assert sentence in text, sentence


# --- glyphs and Unicode ----------------------------------------------------------------------------


def test_unicode_session_exports_and_reports_what_cannot_print(tmp_path):
    path = tmp_path / "unicode.pdf"
    result = build_pack(unicode_snapshot(), path)
    pack = ReadBack(path)
    missing = {entry.where: set(entry.characters) for entry in result.missing}
    assert "🚀" in missing["Cover"]
    assert set(UNICODE_TEXTS["cjk"]) <= missing["Objective 3"]
    assert {"🎯", "👍"} <= missing["Objective 1"]
    reported = set().union(*missing.values())
    for printable in ("Ν", "ί", "О", "É", "Ø", "\u05d0", "\u0627"):  # Greek, Cyrillic, Latin, Hebrew, Arabic
        assert printable not in reported
    assert "\ufe0f" not in reported and "\u200d" not in reported  # invisible: dropped, not reported
    assert "Atelier OKR □ 2027" in pack.text  # a visible placeholder, never a silent gap
    assert UNICODE_TEXTS["greek"] in pack.text and UNICODE_TEXTS["cyrillic"] in pack.text
    assert "Équipe Plateforme & Données <β>" in pack.text  # markup characters escaped, printed as typed
    assert pack.contains_words(unicode_snapshot().objectives[0].text)
    assert str(result.missing[0]) == "Cover: 🚀 (U+1F680 ROCKET)"  # one line a facilitator can act on


def test_right_to_left_text_prints_joined_and_in_reading_order(tmp_path):
    from arabic_reshaper import reshape
    from bidi import get_display

    from workshop import models
    from workshop.snapshot import build_snapshot

    hebrew = ("להפוך את חוויית הקנייה בנייד לפשוטה ומהירה כדי שלקוחות יסיימו כל הזמנה שהם מתחילים "
              "ויחזרו אלינו בכל שבוע מחדש")  # long enough to take several lines
    arabic = "رفع رضا العملاء من 60% إلى 80%"
    snapshot = build_snapshot({
        models.Workshop: [models.Workshop(id=1, title="OKR", team="צוות התשלומים")],
        models.Objective: [models.Objective(id=1, position=0, text=hebrew)],
        models.KeyResult: [models.KeyResult(id=1, objective_id=1, position=0, text=arabic, owner="דוד כהן")],
    })
    result = build_pack(snapshot, tmp_path / "rtl.pdf")
    pack = ReadBack(result.path)
    assert result.missing == ()
    page = pack.pages[pack.page_of("Objective 1")]
    # Drawn right to left: Hebrew letters reversed per line, Arabic in its joined forms.
    assert get_display(reshape(arabic)) in page
    assert get_display("דוד כהן") in page
    # Broken into lines in reading order: the statement's first line holds its first words.
    words = hebrew.split()
    statement = [line for line in _page_lines(result.path, pack.page_of("Objective 1")) if any(
        get_display(word) in line for word in words)]
    assert len(statement) >= 2
    assert get_display(" ".join(words[:3])) in statement[0]
    assert get_display(" ".join(words[-2:])) in statement[-1]


def _page_lines(path, page_number: int) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return (pdf.pages[page_number].extract_text() or "").splitlines()


def test_glyph_guard_replaces_clusters_with_one_placeholder():
    guard = GlyphGuard(register_fonts())
    assert guard.printable("Café", "here", REGULAR) == "Café"
    assert guard.printable("Cafe\u0301", "here", REGULAR) == "Café"  # combining accent composed
    assert guard.printable("Go 👍🏽 now", "here", REGULAR) == f"Go {PLACEHOLDER} now"
    assert guard.printable("👨\u200d👩\u200d👧", "here", REGULAR) == PLACEHOLDER
    assert guard.printable("❤\ufe0f", "here", REGULAR).startswith("❤")  # the selector draws nothing
    assert guard.printable("a\tb\x00c\nd", "here", REGULAR) == "a bc\nd"
    assert guard.printable("中文", "there", REGULAR) == PLACEHOLDER * 2
    (here, there) = guard.report()
    assert here.where == "here" and here.characters == ("👍", "🏽", "👨", "👩", "👧")
    assert there.characters == ("中", "文")


# --- size --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_fifty_team_roll_up_exports(tmp_path):
    snapshot = roll_up_snapshot()
    assert (len(snapshot.objectives), len(snapshot.key_results)) == (200, 1250)
    path = tmp_path / "roll-up.pdf"
    result = build_pack(snapshot, path)
    assert result.missing == ()
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == result.pages > 200
        last_objective = snapshot.objectives[-1]
        outline = [title for _level, title, _dest, _a, _se in pdf.doc.get_outlines()]
        assert any(title.startswith("Objective 200: ") for title in outline)
        assert last_objective.text.split(":")[0] in " ".join(
            (page.extract_text() or "") for page in pdf.pages[200:215])


# --- worksheets --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [("a4", A4_POINTS), ("letter", LETTER_POINTS)])
def test_worksheets_one_page_per_sheet(tmp_path, paper, size):
    path = tmp_path / f"worksheets-{paper}.pdf"
    result = build_worksheets(path, paper=paper)
    sheets = ReadBack(path)
    assert result.pages == len(sheets.pages) == 6
    assert set(sheets.sizes) == {size}
    expected = ["Brainstorm", "Our objectives", "Key results", "Necessary and sufficient test", "Review schedule",
                "End-of-period retrospective"]
    assert [(title, page) for _level, title, page in sheets.bookmarks] == list(zip(expected, range(6)))
    for title, page in zip(expected, sheets.pages):
        assert title in page


def test_worksheet_schedule_has_sixteen_rows_and_key_result_kind_boxes(tmp_path):
    path = tmp_path / "worksheets.pdf"
    build_worksheets(path, team="Équipe Plateforme", period="2027-Q1")
    with pdfplumber.open(path) as pdf:
        tables = pdf.pages[4].find_tables()
        assert len(tables) == 1
        rows = tables[0].extract()
        assert rows[0] == ["Date", "Time", "Meeting", "Length", "Notes"]
        assert len(rows) == 1 + 16
        key_results = pdf.pages[2].extract_text()
    assert "☐ Metric" in key_results and "☐ Milestone" in key_results
    assert "Verb + what we measure + from X to Y" in key_results
    assert "Team: Équipe Plateforme" in ReadBack(path).pages[0]


# --- writing -----------------------------------------------------------------------------------------


def test_atomic_write_replaces_the_file_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "pack.pdf"
    path.write_bytes(b"old pack")
    result = build_pack(demo_snapshot(), path)
    assert result.path == path
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


def test_failed_build_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "pack.pdf"
    path.write_bytes(b"previous pack")

    def broken_render(*_args, **_kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr("exports.pdf.pack.render", broken_render)
    with pytest.raises(RuntimeError):
        build_pack(demo_snapshot(), path)
    assert path.read_bytes() == b"previous pack"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


@pytest.mark.parametrize("where", ["missing-folder/pack.pdf", "a-folder"])
def test_unwritable_target_raises_one_clear_sentence(tmp_path, where):
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(ExportError) as raised:
        build_pack(demo_snapshot(), tmp_path / where)
    message = str(raised.value)
    assert isinstance(raised.value, OSError)
    assert message.endswith(".") and "[Errno" not in message and message.count(". ") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]
    assert list((tmp_path / "a-folder").iterdir()) == []
