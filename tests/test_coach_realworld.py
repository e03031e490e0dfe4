"""The coach measured on real-world OKRs: public team OKR files and published guides (ARCHITECTURE.md, The coach, issue 16).

tests/data/coach_realworld.json holds each objective and key result as published, its source and its
label by §5: good (the coach must give no error or warning) or weak (it must give one; `rules` names the
codes that describe the problem). The corpus is split by source into half A, used to tune the rules, and
half B, used to check that the tuning generalises; items marked `after_tuning` (in half B) were collected
and labelled after the rules were written and measured once before any further change. The test prints
agreement, misses and false alarms overall, per half and per rule, and fails if false alarms rise above,
or agreement falls below, the figures recorded here.

Before issue 16 the coach agreed on 201 of the first 297 items (67.7%): 61 false alarms (OBJ-WHY 25,
KR-VERB 25, OBJ-TASK 8) and 35 misses (KR-ACTIVITY 29). The 65 items added after tuning agreed on 62
(95.4%) at their first measurement, with no false alarm.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from workshop.coach import ERROR, RULES, WARNING, Finding, review_key_result, review_objective

CORPUS = Path(__file__).parent / "data" / "coach_realworld.json"
RECORDED_FALSE_ALARMS = 3
RECORDED_AGREEMENT = 348
HALVES = ("A", "B")


@dataclass
class Score:
    """Agreement with the labels, and what went wrong, for one slice of the corpus."""

    items: int = 0
    agreed: int = 0
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_alarms_by_rule: Counter = field(default_factory=Counter)
    misses_by_rule: Counter = field(default_factory=Counter)
    other_rule_by_rule: Counter = field(default_factory=Counter)

    def line(self, name: str) -> str:
        return (f"{name}: {self.items} items, agreement {self.agreed}/{self.items} "
                f"({self.agreed / max(self.items, 1):.1%}), false alarms {len(self.false_alarms)} "
                f"{dict(self.false_alarms_by_rule)}, misses {len(self.misses)} {dict(self.misses_by_rule)}, "
                f"flagged under another rule {dict(self.other_rule_by_rule)}")


def _items() -> list[dict]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))["items"]


def _review(item: dict) -> list[Finding]:
    if item["kind"] == "objective":
        return review_objective(item["text"])
    return review_key_result(item["text"])


def _score(items: list[dict]) -> Score:
    score = Score()
    for item in items:
        score.items += 1
        serious = [found.code for found in _review(item) if found.severity in (ERROR, WARNING)]
        if item["good"] and serious:
            score.false_alarms.append(f"{item['text']!r} got {serious}")
            score.false_alarms_by_rule.update(serious)
        elif not item["good"] and not serious:
            score.misses.append(f"{item['text']!r} expected {item['rules']}")
            score.misses_by_rule[item["rules"][0]] += 1
        else:
            score.agreed += 1
            if not item["good"] and not set(serious) & set(item["rules"]):
                score.other_rule_by_rule[item["rules"][0]] += 1
    return score


def test_the_corpus_is_large_sourced_and_labelled_by_known_rules():
    items = _items()
    assert len(items) >= 250
    assert len({item["text"] for item in items}) == len(items), "each text once"
    for item in items:
        assert item["kind"] in ("objective", "key_result")
        assert item["source"].startswith("https://") or ":" in item["source"], item
        assert item["half"] in HALVES
        assert item["good"] == (not item["rules"]), item
        assert set(item["rules"]) <= set(RULES), item
    for kind in ("objective", "key_result"):
        assert sum(item["kind"] == kind and item["good"] for item in items) >= 50
        assert sum(item["kind"] == kind and not item["good"] for item in items) >= 40
    assert len({item["source"] for item in items}) >= 10
    for half in HALVES:
        assert sum(item["half"] == half for item in items) >= 100


def test_the_coach_agrees_with_the_real_world_labels(capsys):
    items = _items()
    overall = _score(items)
    with capsys.disabled():
        print()
        print(overall.line("real-world corpus"))
        for half in HALVES:
            print(_score([item for item in items if item["half"] == half]).line(f"  half {half}"))
        print(_score([item for item in items if item.get("after_tuning")]).line("  added after tuning"))
    report = "\n".join(["false alarms:", *overall.false_alarms, "misses:", *overall.misses])
    assert len(overall.false_alarms) <= RECORDED_FALSE_ALARMS, report
    assert overall.agreed >= RECORDED_AGREEMENT, report


@pytest.mark.parametrize("half", HALVES)
def test_both_halves_agree_at_least_nine_times_in_ten(half):
    """Half B was not used for tuning: it must agree as well as half A does."""
    score = _score([item for item in _items() if item["half"] == half])
    assert score.agreed >= 0.9 * score.items, score.line(half)
    assert len(score.false_alarms) <= 3, score.false_alarms
