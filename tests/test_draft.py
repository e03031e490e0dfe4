"""The plain-text OKR draft of ARCHITECTURE.md, Command line: parsing, comments, malformed input, and the
check report.
"""

from __future__ import annotations

import json

import pytest

from workshop.draft import (
    MAX_DRAFT_BYTES, Draft, DraftError, DraftKeyResult, DraftObjective, check_report, format_report_text,
    parse_draft, report_needs_work,
)

DESIGN_EXAMPLE = """\
Make our release process predictable so that customers can plan upgrades
  - Reduce failed deployments from 12% to 3%
  - Cut lead time for changes from 9 days to 2 days
"""

CLEAN_DRAFT = """\
# Team Payments, 2027-Q1
Make our release process predictable so that customers can plan upgrades
  - Reduce failed deployments from 12% to 3%
  - Cut lead time for changes from 9 days to 2 days
  - Bring mean time to restore from 4 hours to 1 hour

Tame the alert storm so that on-call engineers can sleep through the night
  - Cut pages outside working hours from 40 a week to 10
  - Reduce alerts nobody acts on from 70% to 20%
  - Raise the share of alerts with a runbook from 30% to 90%

Turn support into a source of product insight so that the roadmap reflects real pain
  - Tag 95% of tickets with a product area, from 40%
  - Raise roadmap items backed by ticket data from 10% to 50%
  - Cut repeat tickets about the same bug from 120 a month to 30
"""


# --- parsing -------------------------------------------------------------------------------------

def test_the_design_example_parses():
    draft = parse_draft(DESIGN_EXAMPLE)
    assert draft == Draft([DraftObjective(
        "Make our release process predictable so that customers can plan upgrades", 1,
        [DraftKeyResult("Reduce failed deployments from 12% to 3%", 2),
         DraftKeyResult("Cut lead time for changes from 9 days to 2 days", 3)])])


def test_bytes_and_text_parse_the_same():
    assert parse_draft(DESIGN_EXAMPLE.encode("utf-8")) == parse_draft(DESIGN_EXAMPLE)


def test_comments_and_blank_lines_are_ignored_and_line_numbers_kept():
    draft = parse_draft("# a whole-line comment\n\nGrow the community so that members help each other  # why\n"
                        "    # an indented comment\n\n  - Raise weekly posts from 40 to 90 # trailing\n")
    [objective] = draft.objectives
    assert (objective.text, objective.line) == ("Grow the community so that members help each other", 3)
    assert objective.key_results == [DraftKeyResult("Raise weekly posts from 40 to 90", 6)]


def test_a_hash_inside_a_word_or_a_number_is_text():
    [objective] = parse_draft("Become the #1 choice for C# developers so that they recommend us\n").objectives
    assert objective.text == "Become the #1 choice for C# developers so that they recommend us"


def test_tabs_spaces_and_any_depth_of_indent_are_fine():
    draft = parse_draft("Objective one\n\t- tab\n  \t - mixed\n        -deep and tight\n")
    texts = [key_result.text for key_result in draft.objectives[0].key_results]
    assert texts == ["tab", "mixed", "deep and tight"]


def test_windows_and_old_mac_line_endings_and_a_byte_order_mark():
    text = "Objective one\r\n  - first\r\n\r\nObjective two\r  - second\r"
    for data in (text, "\ufeff" + text, b"\xef\xbb\xbf" + text.encode()):
        draft = parse_draft(data)
        assert [(objective.text, objective.line) for objective in draft.objectives] == [
            ("Objective one", 1), ("Objective two", 4)]
        assert draft.objectives[1].key_results == [DraftKeyResult("second", 5)]


def test_an_objective_without_key_results_is_accepted():
    assert parse_draft("Only an objective\n").objectives[0].key_results == []


def test_any_unicode_text_is_kept():
    draft = parse_draft("Сделать релизы предсказуемыми 🚀\n  - Сократить сбои с 12% до 3%\n".encode())
    assert draft.objectives[0].text == "Сделать релизы предсказуемыми 🚀"


# --- malformed drafts ----------------------------------------------------------------------------

@pytest.mark.parametrize("data, line, words", [
    ("  - Reduce failures from 12% to 3%\nAn objective\n", 1, "no objective above it"),
    ("An objective\n  - a key result\n  but this is not one\n", 3, 'does not start with "-"'),
    ("An objective\n- Reduce failures from 12% to 3%\n", 2, "not indented"),
    ("An objective\n\n  -   \n", 3, "no key result after it"),
    ("An objective\n\x00\x01\x02", 2, "binary"),
    (b"An objective\n  - fine\n  - caf\xe9\n", 3, "UTF-8"),
    ("An objective\n  - bad \udcff\n", 2, "UTF-8"),
])
def test_a_malformed_draft_is_refused_naming_its_line(data, line, words):
    with pytest.raises(DraftError) as caught:
        parse_draft(data)
    assert caught.value.line == line
    assert f"Line {line} " in str(caught.value) and words in str(caught.value)
    assert str(caught.value).endswith(".") and "\n" not in str(caught.value)


@pytest.mark.parametrize("data", ["", "   \n\n", "# only a comment\n  # and another\n", b""])
def test_a_draft_without_objectives_is_refused(data):
    with pytest.raises(DraftError, match="no objectives") as caught:
        parse_draft(data)
    assert caught.value.line is None


def test_an_over_long_draft_is_refused_before_reading_it():
    big = ("An objective\n" + "  - Reduce failures from 12% to 3%\n" * 40_000)
    assert len(big.encode()) > MAX_DRAFT_BYTES
    for data in (big, big.encode()):
        with pytest.raises(DraftError, match="larger than 1 MB"):
            parse_draft(data)
    just_under = big[:big.rindex("\n", 0, MAX_DRAFT_BYTES) + 1]
    assert len(parse_draft(just_under).objectives) == 1


# --- the check report ----------------------------------------------------------------------------

def test_the_report_has_exactly_the_check_json_shape():
    report = check_report(parse_draft(DESIGN_EXAMPLE))
    assert set(report) == {"items", "set"}
    assert [(item["kind"], item["line"]) for item in report["items"]] == [
        ("objective", 1), ("key_result", 2), ("key_result", 3)]
    for item in report["items"]:
        assert set(item) == {"kind", "line", "text", "findings"}
        for finding in item["findings"]:
            assert set(finding) == {"code", "severity", "message"}
    assert [finding["code"] for finding in report["set"]] == ["SET-OBJ-FEW", "SET-KR-COUNT"]
    assert set(report["set"][0]) == {"code", "severity", "message"}
    assert json.loads(json.dumps(report)) == report


def test_a_clean_draft_does_not_need_work():
    report = check_report(parse_draft(CLEAN_DRAFT))
    assert all(item["findings"] == [] for item in report["items"] if item["kind"] == "objective")
    assert not report_needs_work(report)
    assert report["set"] == []
    assert format_report_text(report).splitlines()[-1] == (
        "3 objectives, 9 key results: 0 errors, 0 warnings, 0 tips — looks good.")


def test_the_design_example_needs_work_because_it_has_two_key_results():
    report = check_report(parse_draft(DESIGN_EXAMPLE))
    assert all(item["findings"] == [] for item in report["items"])
    assert report_needs_work(report)


def test_items_are_coached_with_their_line_numbers():
    report = check_report(parse_draft("# header\nCustomer satisfaction\n  - Improve NPS\n"))
    text = format_report_text(report)
    assert report["items"][0]["findings"][0]["code"] == "OBJ-TOPIC"
    assert "line 2: warning OBJ-TOPIC: " in text
    assert "line 3: error KR-VAGUE: " in text
    assert "set: warning SET-KR-COUNT: " in text
    assert text.splitlines()[-1] == "1 objective, 1 key result: 1 error, 2 warnings, 1 tip — needs work."
    assert report_needs_work(report)
