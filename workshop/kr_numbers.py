"""Numbers in a key result's words (ARCHITECTURE.md, Scoring): "from 31% to 55%" becomes a
baseline, a target, a unit and a direction; "in 4 stages: scope, visits, findings, agreement" becomes a milestone.

"From … to …" is also read as teams write it in Russian (с … до …), French (de … à …), German
(von … auf/bis …) and Spanish (de/desde … a/hasta …). Where text enters the workshop (Paste OKRs,
`new --okrs`, the example library, typing) the domain asks `read_numbers(text)` and fills the key
result's empty number fields from it; the text itself is never rewritten. Where the words could
mean two things the answer is None and the fields stay empty for the coach to ask about: two
"from … to …" phrases, units that differ ("from 2 days to 36 hours"), a baseline equal to its target,
"1,200" (a thousand and two hundred, or one point two?), or a stage count that does not match the
stages named.

The same number reading serves values people type or keep in spreadsheets (`read_value`): "67%",
"€3.65", "3,6", "1,250,000".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from workshop import models

_CURRENCIES = "€$£¥₽₹"
_NUMBER = r"[-−]?\d+(?:[.,]\d+)*"
# A unit longer than this is a clause, not a unit; the bound keeps reading a long text linear while typing.
_LONGEST_UNIT = 60


def _quantity(side: str) -> str:
    """A currency sign, a number, and its unit: a currency sign after it, or words (lazily, up to what follows)."""
    return (rf"(?P<{side}_currency>[{_CURRENCIES}])?\s?(?P<{side}_number>{_NUMBER})"
            rf"(?P<{side}_unit>(?:\s?[{_CURRENCIES}]|[^\d{_CURRENCIES}][^{_CURRENCIES}]{{0,{_LONGEST_UNIT}}}?)??)")


# The target's unit runs to the end of the phrase: words like "by" or "for" start what follows it.
_AFTER_TARGET = (r"(?:(?=\s+(?:by|before|until|in|within|for|across|among|at|on|with|without|over|through"
                 rf"|while|and|so|after)\b|[,;.(—–]\s|[,;.]?$|\s*\()|(?<=[{_CURRENCIES}])(?=\s|$))")
# "from … to …", and the same phrase in the other languages teams write in most often.
_FROM = r"(?:from|с|со|от|de|von|desde)"
_TO = r"(?:to|до|à|a|auf|bis|hasta)"
_FROM_TO = re.compile(
    rf"(?<!\w){_FROM}\s+" + _quantity("baseline") + rf"\s+{_TO}\s+" + _quantity("target")
    + _AFTER_TARGET,
    re.IGNORECASE,
)
_WRITTEN_VALUE = re.compile(
    rf"\s*(?P<currency>[{_CURRENCIES}])?\s?(?P<number>{_NUMBER})\s*(?P<unit>[{_CURRENCIES}]|[^\d{_CURRENCIES}]*?)\s*")
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_STAGES = re.compile(
    r"\bin\s+(?P<count>\d+|" + "|".join(_COUNT_WORDS) + r")\s+(?:stages|steps|phases|milestones)\b"
    r"(?:\s*:\s*(?P<names>.+))?",
    re.IGNORECASE,
)
_STAGE_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|\bthen\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class KeyResultNumbers:
    """What a key result's text says about its numbers.

    Args:
        kind: models.METRIC or models.MILESTONE.
        baseline: where a metric starts, or None (always None for a milestone).
        target: where a metric should end, or None.
        unit: the unit as written ("%", "hours", "€", "per month", "% of order value"), or "".
        direction: models.INCREASE or models.DECREASE for a metric; "" for a milestone.
        stages: a milestone's stage names, in order (empty when the text names none).
        baseline_text, target_text: the numbers exactly as written ("4.10", "3,6"), for the text fields.
        phrase: where a metric's "from … to …" stands in the text (start, end), for readers that split the
            sentence around it; None for a milestone.
    """

    kind: str
    baseline: float | None = None
    target: float | None = None
    unit: str = ""
    direction: str = ""
    stages: tuple[str, ...] = ()
    baseline_text: str = ""
    target_text: str = ""
    phrase: tuple[int, int] | None = field(default=None, compare=False)

    def as_fields(self) -> dict:
        """The KeyResult column values these numbers stand for (kind, baseline, target, unit,
        baseline_value, target_value, direction, stages), ready for `service.add`/`set_fields`."""
        return {
            "kind": self.kind, "baseline": self.baseline_text, "target": self.target_text, "unit": self.unit,
            "baseline_value": self.baseline, "target_value": self.target, "direction": self.direction,
            "stages": "\n".join(self.stages),
        }


def _grouped(digits: str, mark: str) -> bool:
    """Whether `digits` is a whole number grouped in threes by `mark` ("1,250,000")."""
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", digits) is not None


def parse_number(written: str) -> float | None:
    """A number as people write it: "3.4", "3,6", "-2", "1,250,000", "1.250.000,5"; None when it is
    not one number or could be read two ways ("1,200")."""
    written = written.strip().replace("−", "-")
    if not re.fullmatch(_NUMBER, written):
        return None
    digits = written.lstrip("-")
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:  # both marks: the last one is the decimal mark, the other groups thousands
        decimal, group = (",", ".") if digits.rfind(",") > digits.rfind(".") else (".", ",")
        whole, _, fraction = digits.rpartition(decimal)
        if not _grouped(whole, group):
            return None
        digits = f"{whole.replace(group, '')}.{fraction}"
    elif commas > 1 or dots > 1:
        if not _grouped(digits, "," if commas else "."):
            return None
        digits = digits.replace(",", "").replace(".", "")
    elif commas:
        whole, fraction = digits.split(",")
        if len(fraction) == 3:
            return None  # "1,200": thousands in English, a decimal in much of Europe
        digits = f"{whole}.{fraction}"
    number = float(digits)
    number = -number if written.startswith("-") else number
    return number if abs(number) <= 1e15 else None


@dataclass(frozen=True)
class WrittenValue:
    """A value as typed: its number and whatever unit or currency sign came with it."""

    number: float
    unit: str


def read_value(text: str) -> WrittenValue | None:
    """Read a typed value such as "67%", "€3.65", "3,6", "12 hours" or "$420k"; None if it is not one
    number (with an optional currency sign before it and a unit after it)."""
    match = _WRITTEN_VALUE.fullmatch(text)
    if match is None:
        return None
    number = parse_number(match["number"])
    if number is None:
        return None
    return WrittenValue(number, _join_unit(match["currency"] or "", match["unit"] or ""))


def _join_unit(currency: str, unit: str) -> str:
    unit = unit.strip()
    if currency and unit and not unit[0].isalpha():
        return f"{currency}{unit}"
    return f"{currency}{unit}" if len(unit) <= 2 else f"{currency} {unit}".strip()


def _same_unit(first: str, second: str) -> str | None:
    """The unit both sides share ("hours"/"hours", "day"/"days", "%"/"% of order value"), or None."""
    if not first or not second:
        return first or second
    if first == second:
        return first
    if first.rstrip("s") == second.rstrip("s"):
        return second if len(second) > len(first) else first
    if second.startswith(first):
        return second  # "% of order value" adds to "%" what both numbers are a share of
    return None


def _read_milestone(text: str) -> KeyResultNumbers | None:
    match = _STAGES.search(text)
    if match is None:
        return None
    count = int(match["count"]) if match["count"].isdigit() else _COUNT_WORDS[match["count"].lower()]
    if not match["names"]:
        return KeyResultNumbers(kind=models.MILESTONE)  # a milestone whose stages are still to be named
    names = tuple(name.strip(" .") for name in _STAGE_SEPARATORS.split(match["names"].strip()) if name.strip(" ."))
    if len(names) != count:
        return None
    return KeyResultNumbers(kind=models.MILESTONE, stages=names)


def direction_between(baseline: float | None, target: float | None) -> str:
    """models.INCREASE or DECREASE on the way from `baseline` to `target`; "" while one is unknown or
    they are the same."""
    if baseline is None or target is None or baseline == target:
        return ""
    return models.INCREASE if target > baseline else models.DECREASE


def _read_metric(text: str) -> KeyResultNumbers | None:
    matches = list(_FROM_TO.finditer(text))
    if len(matches) != 1:
        return None
    match = matches[0]
    baseline, target = parse_number(match["baseline_number"]), parse_number(match["target_number"])
    if baseline is None or target is None or baseline == target:
        return None
    currencies = {match["baseline_currency"], match["target_currency"]} - {None}
    if len(currencies) > 1:
        return None
    currency = currencies.pop() if currencies else ""
    unit = _same_unit(match["baseline_unit"].strip(), match["target_unit"].strip())
    if unit is None:
        return None
    return KeyResultNumbers(
        kind=models.METRIC, baseline=baseline, target=target, unit=_join_unit(currency, unit),
        direction=direction_between(baseline, target),
        baseline_text=match["baseline_number"], target_text=match["target_number"],
        phrase=(match.start(), match.end("target_unit")),
    )


@lru_cache(maxsize=64)  # typing asks about the text before and after each keystroke
def read_numbers(text: str) -> KeyResultNumbers | None:
    """Read a key result's text into its numbers.

    Args:
        text: the key result as written, e.g. "Cut lead time from 48 hours to 6 hours".

    Returns:
        The numbers, or None when the text names none or could be read two ways (the coach asks).
    """
    milestone = _read_milestone(text)
    if milestone is not None or _STAGES.search(text):
        return milestone if not _FROM_TO.search(text) else None
    return _read_metric(text)


def fields_for_new_key_result(text: str) -> dict:
    """Column values for a key result that enters the workshop with `text`: the text, plus whatever
    `read_numbers` could read from it (nothing more when it could read nothing)."""
    numbers = read_numbers(text)
    return {"text": text, **(numbers.as_fields() if numbers is not None else {})}


# What a key result's fields hold when its text says nothing about its numbers.
_UNSAID = KeyResultNumbers(kind=models.METRIC).as_fields()
# Fields that change together: a group follows the text only while each of its fields is empty or
# still holds what the text said before, so whatever the facilitator entered by hand stays.
_FOLLOWING_GROUPS = (("baseline", "baseline_value"), ("target", "target_value"), ("unit",), ("kind", "stages"))


def _said(text: str) -> dict:
    numbers = read_numbers(text)
    return _UNSAID | (numbers.as_fields() if numbers is not None else {})


def numbers_following_text(key_result, old_text: str, new_text: str) -> dict:
    """The number fields of `key_result` to change when its text goes from `old_text` to `new_text`.

    A group of fields (baseline, target, unit, kind with stages) takes what the new text says when
    it is empty or holds what the old text said; one the facilitator set otherwise is kept. The
    direction, unless set by hand, follows the baseline and target the key result ends up with.
    Where the new text says nothing clear, fields that followed the old text are emptied.
    """
    before, after = _said(old_text), _said(new_text)
    result = {name: getattr(key_result, name) for name in _UNSAID}
    for group in _FOLLOWING_GROUPS:
        if all(result[name] in (_UNSAID[name], before[name]) for name in group):
            result.update({name: after[name] for name in group})
    if key_result.direction in (_UNSAID["direction"], before["direction"]):
        result["direction"] = direction_between(result["baseline_value"], result["target_value"])
    return {name: value for name, value in result.items() if value != getattr(key_result, name)}


def format_number(number: float) -> str:
    """A number as a report prints it: "77", "2.66", "1,250,000", "−5" (at most two decimals)."""
    text = f"{abs(number):,.2f}".rstrip("0").rstrip(".")
    return f"\u2212{text}" if number < 0 and text != "0" else text


def format_value(number: float | None, unit: str) -> str:
    """A value with its unit as people write it: "77%", "2.3% of order value", "€3.65", "$420k",
    "71 seconds"; "" for None."""
    return "" if number is None else with_unit(format_number(number), unit)


def with_unit(written: str, unit: str) -> str:
    """A number as written ("6.40", "−5") with its unit where people put it: "€6.40", "71%", "$420k",
    "94 seconds" (the reverse of how `read_numbers` and `read_value` take a unit apart)."""
    written, unit = written.strip(), unit.strip()
    if not written or not unit:
        return written
    if unit[0] in _CURRENCIES:
        rest = unit[1:]
        if len(rest) <= 2 and not rest.startswith(" "):
            return f"{unit[0]}{written}{rest}"
        return f"{unit[0]}{written} {rest.strip()}"
    return f"{written}{unit}" if unit[0] in "%‰" else f"{written} {unit}"
