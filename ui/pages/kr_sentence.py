"""A key result's sentence and the formula's parts: written from them, read back into them, losing nothing.

"Raise trial-to-paid conversion from 4% to 7% by 31 March" becomes verb "Raise", what
"trial-to-paid conversion", baseline "4", target "7", unit "%", and a remainder "by 31 March".
The numbers are read by `workshop.kr_numbers` (the one reader of numbers in words); this module
only splits the sentence around them. Whatever the reader cannot place stays in `rest`, which
"Compose" puts back at the end of the sentence: composing never drops a word or a number the
facilitator typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QDate

from workshop import models
from workshop.kr_numbers import read_numbers, with_unit

from ui.translation import translator

_COMPOSED_DUE = re.compile(r"(?:^|\s)by\s+\d{1,2}\s+[^\W\d_]+(?:\s+\d{4})?$", re.IGNORECASE)

_tr = translator("KeyResultSentence")


def compose_key_result(verb: str, what: str, baseline: str, target: str, unit: str, due: QDate | None,
                       period_year: int | None = None, rest: str = "") -> str:
    """The formula's sentence, e.g. "Raise checkout completion from 71% to 82% by 31 March".

    `rest` is what the formula's fields could not hold ("per order"); it goes before the date.
    """
    sentence = " ".join(" ".join(p.split()) for p in (verb, what) if p.strip())
    if baseline.strip():
        sentence += " " + _tr("from %1").replace("%1", with_unit(baseline, unit))
    if target.strip():
        sentence += " " + _tr("to %1").replace("%1", with_unit(target, unit))
    if rest.strip():
        sentence += " " + " ".join(rest.split())
    if due is not None and due.isValid():
        day = due.toString("d MMMM" if due.year() == period_year else "d MMMM yyyy")
        sentence += " " + _tr("by %1").replace("%1", day)
    sentence = sentence.strip()
    return sentence[:1].upper() + sentence[1:]


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

    The parts hold the numbers only when Compose would write the very same sentence back from
    them; otherwise the whole sentence goes to verb + what, so that two units ("from 4 days to 36
    hours"), a "from … to …" in another language or a wording Compose would change are never lost.
    A trailing "by 31 March" is dropped only when the key result has a due date, which Compose
    writes back.
    """
    text = " ".join(text.split())
    verb, _, what = text.partition(" ")
    whole = FormulaParts(verb=verb, what=what)
    numbers = read_numbers(text)
    if numbers is None or numbers.kind != models.METRIC or numbers.phrase is None:
        return whole
    start, end = numbers.phrase
    verb, _, what = text[:start].strip().partition(" ")
    parts = FormulaParts(verb=verb, what=what, baseline=numbers.baseline_text, target=numbers.target_text,
                         unit=numbers.unit, rest=text[end:].strip())
    if compose_key_result(parts.verb, parts.what, parts.baseline, parts.target, parts.unit, None,
                          rest=parts.rest) != text[:1].upper() + text[1:]:
        return whole
    if has_due_date:  # "by 31 March" as Compose wrote it: the due date field holds it
        parts = replace(parts, rest=_COMPOSED_DUE.sub("", parts.rest).strip())
    return parts
