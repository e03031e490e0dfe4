"""Numbers read from a key result's words (ARCHITECTURE.md, Scoring; issue 14 item 1): clear
phrases give kind, baseline, target, unit and direction; anything that could be read two ways gives
nothing."""

from __future__ import annotations

import time

import pytest

from workshop import models
from workshop.drafting import session_rows_from_draft
from workshop.draft import parse_draft
from workshop.kr_numbers import fields_for_new_key_result, parse_number, read_numbers, read_value


@pytest.mark.parametrize("text, baseline, target, unit, direction", [
    ("Raise activation from 31% to 55%", 31, 55, "%", models.INCREASE),
    ("Cut lead time from 48 hours to 6 hours", 48, 6, "hours", models.DECREASE),
    ("Reduce escalations from 14 per month to 3 per month", 14, 3, "per month", models.DECREASE),
    ("Lower the cost of an order from €4.10 to €3.20", 4.10, 3.20, "€", models.DECREASE),
    ("Raise satisfaction from 3.4 to 4.5", 3.4, 4.5, "", models.INCREASE),
    ("Raise satisfaction from 3,4 to 4,5.", 3.4, 4.5, "", models.INCREASE),
    ("Reduce the average payment fee from 2.9% to 2.3% of order value", 2.9, 2.3, "% of order value", models.DECREASE),
    ("Cut the time to answer from 3 days to 1 day", 3, 1, "days", models.DECREASE),
    ("Raise the survey score from 6.8 to 7.8 out of 10", 6.8, 7.8, "out of 10", models.INCREASE),
    ("Grow active users from 1,250,000 to 2,000,000 by June", 1_250_000, 2_000_000, "", models.INCREASE),
    ("Lift NPS from -5 to 20 among new customers", -5, 20, "", models.INCREASE),
    ("Cut escalations from 14 a quarter to 4", 14, 4, "a quarter", models.DECREASE),
    ("Réduire les délais from 9 jours to 2 jours 🚀", 9, 2, "jours 🚀", models.DECREASE),
    ("Увеличить долю с 31% до 55%", 31, 55, "%", models.INCREASE),
    ("Réduire le délai de 9 jours à 2 jours", 9, 2, "jours", models.DECREASE),
    ("Die Kosten je Bestellung von 4,10 € auf 3,20 € senken", 4.10, 3.20, "€", models.DECREASE),
    ("Reducir las devoluciones de 12% a 3%", 12, 3, "%", models.DECREASE),
])
def test_a_clear_metric_is_read(text, baseline, target, unit, direction):
    numbers = read_numbers(text)
    assert numbers is not None and numbers.kind == models.METRIC
    assert (numbers.baseline, numbers.target, numbers.unit, numbers.direction) == \
           (pytest.approx(baseline), pytest.approx(target), unit, direction)


def test_a_milestone_with_named_stages_is_read():
    numbers = read_numbers("Agree the new supplier in 4 stages: scope, visits, findings, agreement")
    assert (numbers.kind, numbers.stages) == (models.MILESTONE, ("scope", "visits", "findings", "agreement"))
    assert numbers.as_fields()["stages"] == "scope\nvisits\nfindings\nagreement"
    assert read_numbers("Ship it in three stages").kind == models.MILESTONE  # stages still to be named


@pytest.mark.parametrize("text", [
    "Cut lead time from 2 days to 36 hours",  # two units
    "Grow users from 1,200 to 3,000",  # a thousand and two hundred, or one point two?
    "Keep churn from 4% to 4%",  # no direction
    "Raise A from 1 to 2 and B from 3 to 4",  # two phrases
    "Launch in 3 stages: design, build",  # three announced, two named
    "Move from 10% to 20% in 2 stages: a, b",  # a metric and a milestone at once
    "Delight our customers",
    "Grow from €3 to $5",
    "Увеличить долю в 2 раза",
    "",
])
def test_an_ambiguous_or_numberless_text_gives_nothing(text):
    assert read_numbers(text) is None
    assert fields_for_new_key_result(text) == {"text": text}


@pytest.mark.parametrize("written, number", [
    ("3.4", 3.4), ("3,6", 3.6), ("-2", -2), ("1,250,000", 1_250_000), ("1.250.000,5", 1_250_000.5),
    ("1,234.5", 1234.5), ("1,200", None), ("1.2.3", None), ("abc", None), ("", None), ("1e5", None),
])
def test_numbers_are_read_as_people_write_them(written, number):
    assert parse_number(written) == (None if number is None else pytest.approx(number))


@pytest.mark.parametrize("written, number, unit", [
    ("67%", 67, "%"), ("€3.65", 3.65, "€"), ("3,65 €", 3.65, "€"), ("3,6", 3.6, ""), ("12 hours", 12, "hours"),
    (" 98.1 % ", 98.1, "%"),
])
def test_typed_values_keep_their_unit_apart(written, number, unit):
    value = read_value(written)
    assert (value.number, value.unit) == (pytest.approx(number), unit)


def test_a_pasted_draft_gets_its_numbers_and_keeps_its_words():
    draft = parse_draft("Make releases predictable\n  - Reduce failed deployments from 12% to 3%\n"
                        "  - Ship the pipeline in 3 stages: build, test, release\n  - Make people happier\n".encode())
    key_results = session_rows_from_draft(draft)[models.KeyResult]
    assert [kr["text"] for kr in key_results] == ["Reduce failed deployments from 12% to 3%",
                                                  "Ship the pipeline in 3 stages: build, test, release",
                                                  "Make people happier"]
    assert (key_results[0]["baseline_value"], key_results[0]["target_value"], key_results[0]["direction"],
            key_results[0]["baseline"], key_results[0]["unit"]) == (12.0, 3.0, models.DECREASE, "12", "%")
    assert (key_results[1]["kind"], key_results[1]["stages"]) == (models.MILESTONE, "build\ntest\nrelease")
    assert "baseline_value" not in key_results[2]


def test_long_hostile_text_is_read_quickly():
    texts = ["from 1 " + "to x " * 4000, "from " * 5000 + "1 to 2", "from 1 to " + "9" * 19000, "1," * 9000,
             "from 1 " * 2800]
    started = time.perf_counter()
    for text in texts:
        read_numbers(text)
        read_value(text)
    assert time.perf_counter() - started < 1.0
