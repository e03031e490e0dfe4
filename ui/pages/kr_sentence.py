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
_SYMBOL_UNITS = r"[%€$£¥]"
_VALUE = (rf"(?P<{{0}}pre>{_SYMBOL_UNITS})?\s?(?P<{{0}}num>{_NUMBER})"
          rf"(?:\s?(?P<{{0}}sym>{_SYMBOL_UNITS})|\s(?!by\b)(?P<{{0}}word>[^\W\d_]+))?")
_RANGE = re.compile(
    rf"\s+(?:from\s+{_VALUE.format('b_')}\s+)?to\s+{_VALUE.format('t_')}(?=$|[\s,.;:!?)])",
    re.IGNORECASE)
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


def _unit_of(match: re.Match, side: str) -> tuple[str, str]:
    """(symbol unit, word after the number) of one side of "from X to Y"."""
    symbol = match.group(f"{side}pre") or match.group(f"{side}sym") or ""
    return symbol, match.group(f"{side}word") or ""


def read_key_result(text: str, has_due_date: bool = False) -> FormulaParts:
    """Split `text` into the formula's parts (see the module's docstring).

    A unit is taken when it is a symbol (%, €, $, £, ¥) or the same word on both sides
    ("from 94 seconds to 60 seconds"); a word on one side only stays in the sentence. A trailing
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
    (b_symbol, b_word), (t_symbol, t_word) = _unit_of(match, "b_"), _unit_of(match, "t_")
    rest = text[match.end():].strip()
    if b_symbol and t_symbol and b_symbol != t_symbol:
        return None  # "from 4% to €7": two units, no one field can hold them
    unit = t_symbol or b_symbol
    if b_word and (unit or b_word != t_word):
        return None  # "from 4 teams to 7": the word would move or vanish
    if t_word and t_word == b_word:
        unit = t_word
    elif t_word:
        rest = f"{t_word} {rest}".strip()  # "to 7 weekly active teams": the words stay in the sentence
    return FormulaParts(verb=verb, what=what, baseline=baseline, target=target, unit=unit, rest=rest)
