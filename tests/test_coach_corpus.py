"""The coach measured against a labelled corpus: no false alarms on good texts, no misses on weak ones.

ARCHITECTURE.md, The coach: a good objective that gets a warning teaches the room to ignore the coach, so false alarms
count as failures just as much as misses do.
"""

from __future__ import annotations

from collections import Counter

import pytest

from assets import asset_path, load_json
from tests.coach_corpus import KEY_RESULTS, OBJECTIVES, Sample
from workshop.coach import RULES, needs_work, review_key_result, review_objective


def _review(sample: Sample, is_objective: bool):
    if is_objective:
        return review_objective(sample.text)
    return review_key_result(sample.text, sample.kind, sample.stages)


def _score(samples: tuple[Sample, ...], is_objective: bool) -> tuple[list[str], list[str]]:
    """The false alarms and the misses, each described well enough to fix from the test output."""
    false_alarms, misses = [], []
    for sample in samples:
        findings = _review(sample, is_objective)
        codes = [found.code for found in findings]
        if sample.good and needs_work(findings):
            false_alarms.append(f"{sample.text!r} got {codes}")
        elif not sample.good and (not needs_work(findings) or sample.expected not in codes):
            misses.append(f"{sample.text!r} expected {sample.expected}, got {codes}")
    return false_alarms, misses


def test_the_corpus_is_large_and_varied():
    for samples in (OBJECTIVES, KEY_RESULTS):
        assert len(samples) >= 60
        assert sum(sample.good for sample in samples) >= 30
        assert sum(not sample.good for sample in samples) >= 25
        assert len({sample.team for sample in samples}) >= 10
    assert all(sample.expected in RULES for sample in OBJECTIVES + KEY_RESULTS if not sample.good)
    assert {sample.expected for sample in OBJECTIVES if not sample.good} >= {
        "OBJ-VERB", "OBJ-WHY", "OBJ-NUMBER", "OBJ-TOPIC", "OBJ-TASK", "OBJ-LENGTH"}
    assert {sample.expected for sample in KEY_RESULTS if not sample.good} >= {
        "KR-NUMBER", "KR-ACTIVITY", "KR-VAGUE", "KR-STAGES"}


def test_the_coach_has_no_false_alarms_and_no_misses(capsys):
    objective_alarms, objective_misses = _score(OBJECTIVES, is_objective=True)
    key_result_alarms, key_result_misses = _score(KEY_RESULTS, is_objective=False)
    with capsys.disabled():
        print(f"\ncoach corpus: {len(OBJECTIVES)} objectives ({sum(s.good for s in OBJECTIVES)} good), "
              f"{len(KEY_RESULTS)} key results ({sum(s.good for s in KEY_RESULTS)} good); "
              f"false alarms {len(objective_alarms) + len(key_result_alarms)}, "
              f"misses {len(objective_misses) + len(key_result_misses)}")
    problems = objective_alarms + objective_misses + key_result_alarms + key_result_misses
    assert not problems, "\n".join(problems)


def test_weak_items_are_told_what_is_wrong_first():
    """The expected finding is among the first two, so the facilitator reads the real problem first."""
    for samples, is_objective in ((OBJECTIVES, True), (KEY_RESULTS, False)):
        for sample in samples:
            if not sample.good:
                codes = [found.code for found in _review(sample, is_objective)]
                assert sample.expected in codes[:2], (sample.text, codes)


def test_good_key_results_rarely_need_tips():
    """Tips are polish: most good key results name a baseline and open with a verb, and get none at all."""
    tips = Counter(found.code for sample in KEY_RESULTS if sample.good for found in _review(sample, False))
    good_count = sum(sample.good for sample in KEY_RESULTS)
    assert set(tips) <= {"KR-FROM-TO", "KR-VERB"}
    assert tips["KR-FROM-TO"] <= good_count // 3
    assert tips["KR-VERB"] <= good_count // 8


def _example_okrs() -> list[dict]:
    """The example library's OKRs, whether areas are a list of {"okrs": [...]} or a mapping to lists."""
    library = load_json("examples.json")
    areas = library.get("areas", library) if isinstance(library, dict) else library
    if isinstance(areas, dict):
        return [okr for okrs in areas.values() for okr in okrs]
    return [okr for area in areas for okr in area.get("okrs", [])]


@pytest.mark.skipif(not asset_path("examples.json").exists(), reason="the example library is not written yet")
def test_the_example_library_passes_the_coach():
    """Examples are shown to the room as models, so the coach must have nothing to say against them."""
    okrs = _example_okrs()
    assert okrs
    flagged = []
    for okr in okrs:
        findings = review_objective(okr["objective"])
        if needs_work(findings):
            flagged.append(f"{okr['objective']!r}: {[found.code for found in findings]}")
        for key_result in okr["key_results"]:
            if isinstance(key_result, str):
                key_result = {"text": key_result}
            findings = review_key_result(key_result["text"], key_result.get("kind", "metric"),
                                         key_result.get("stages", ""))
            if needs_work(findings):
                flagged.append(f"{key_result['text']!r}: {[found.code for found in findings]}")
    assert not flagged, "\n".join(flagged)
