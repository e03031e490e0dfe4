"""Reads a written key result back into the formula's parts, losing nothing.

"Raise trial-to-paid conversion from 4% to 7% by 31 March" becomes verb "Raise", what
"trial-to-paid conversion", baseline "4", target "7", unit "%", and a remainder "by 31 March".
Whatever the reader cannot place stays in `rest`, which "Compose" puts back at the end of the
sentence: composing never drops a word or a number the facilitator typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_NUMBER = r"[-+]?\d+(?:[.,]\d+)*"
_SYMBOL = r"[%€$£¥]"
_UNIT_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,2}")  # "seconds", "a month", "tickets per week"
_RANGE = re.compile(
    rf"\s+(?:from\s+(?P<b_pre>{_SYMBOL})?\s?(?P<b_num>{_NUMBER})(?P<b_mid>[^\d]*?)\s+)?"
    rf"to\s+(?P<t_pre>{_SYMBOL})?\s?(?P<t_num>{_NUMBER})(?=$|[\s%€$£¥,.;:!?)])",
    re.IGNORECASE)
_TRAILING_SYMBOL = re.compile(rf"^\s?({_SYMBOL})")
_COMPOSED_DUE = re.compile(r"(?:^|\s)by\s+\d{1,2}\s+[^\W\d_]+(?:\s+\d{4})?$", re.IGNORECASE)


@dataclass(frozen=True)
class FormulaParts:
    """A key result sentence split into the formula's fields; `rest` is what no field holds."""

    verb: str = ""
    what: str = ""
    baseline: str = ""
    target: str = ""
    unit: str = ""
    rest: str = ""


def read_key_result(text: str, has_due_date: bool = False) -> FormulaParts:
    """Split `text` into the formula's parts (see the module's docstring).

    A unit is taken when it is a symbol (%, €, $, £, ¥) or the same words on both sides
    ("from 320 a month to 120 a month"); words after the target alone stay in the sentence, and
    different units on the two sides leave the whole sentence to verb + what. A trailing
    "by 31 March" is dropped only when the key result has a due date, which Compose writes back.
    """
    text = " ".join(text.split())
    match = _RANGE.search(text)
    parts = _parts_around(text, match) if match else None
    if parts is None:
        verb, _, what = text.partition(" ")
        return FormulaParts(verb=verb, what=what)
    if has_due_date:  # "by 31 March" as Compose wrote it: the due date field holds it
        parts = replace(parts, rest=_COMPOSED_DUE.sub("", parts.rest).strip())
    return parts


def _parts_around(text: str, match: re.Match) -> FormulaParts | None:
    """The parts when "from X to Y" reads cleanly; None when a unit would be lost or changed."""
    verb, _, what = text[:match.start()].partition(" ")
    baseline, target = match.group("b_num") or "", match.group("t_num")
    tail = text[match.end():]
    symbol_after = _TRAILING_SYMBOL.match(tail)
    if symbol_after:
        tail = tail[symbol_after.end():]
    middle = (match.group("b_mid") or "").strip()
    b_symbol = match.group("b_pre") or (middle if re.fullmatch(_SYMBOL, middle) else "")
    t_symbol = match.group("t_pre") or (symbol_after.group(1) if symbol_after else "")
    if b_symbol and t_symbol and b_symbol != t_symbol:
        return None  # "from 4% to €7": two units, no one field can hold them
    unit = t_symbol or b_symbol
    if middle and not b_symbol:
        words = middle
        if not _UNIT_WORDS.fullmatch(words) or unit or not re.match(rf" {re.escape(words)}\b", tail):
            return None  # "from 4 teams to 7": the words would move or vanish
        unit, tail = words, tail[len(words) + 1:]  # "from 320 a month to 120 a month": the unit is "a month"
    return FormulaParts(verb=verb, what=what, baseline=baseline, target=target, unit=unit, rest=tail.strip())
