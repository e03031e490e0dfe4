"""Glyph coverage: what the shipped font cannot print is replaced by a visible box and reported.

ReportLab never falls back to another font: a character the face lacks prints as an empty box and
vanishes from the text layer (TOOLCHAIN "ReportLab fonts"). So every user string passes through a
`GlyphGuard` before it becomes a Paragraph: characters no face can draw (emoji, CJK, …) become
PLACEHOLDER, and the guard remembers where they were so the export can tell the facilitator.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from exports.pdf.fonts import FontFamily

PLACEHOLDER = "\u25a1"  # WHITE SQUARE: visibly "something was here", unlike a silent gap
FALLBACK_PLACEHOLDER = "?"

_ZERO_WIDTH_JOINER = "\u200d"
_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)  # skin tones: part of the emoji before them
_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)  # two of them make one flag


@dataclass(frozen=True)
class MissingGlyphs:
    """Characters of one part of the document (e.g. "Objective 2") that no font face can print."""

    where: str
    characters: tuple[str, ...]

    def __str__(self) -> str:
        names = ", ".join(_describe(c) for c in self.characters)
        return f"{self.where}: {names}"


def _describe(character: str) -> str:
    name = unicodedata.name(character, "unnamed character")
    return f"{character} (U+{ord(character):04X} {name})"


def _is_invisible(character: str) -> bool:
    """Format characters and variation selectors draw nothing, so dropping them loses nothing."""
    category = unicodedata.category(character)
    if category == "Cf":  # ZWJ, bidi marks, soft hyphen, tags, BOM
        return True
    code = ord(character)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _continues_cluster(character: str, previous_missing: str, after_joiner: bool) -> bool:
    """Whether a missing character belongs to the unprintable cluster just before it (one box, not many)."""
    code = ord(character)
    if after_joiner or code in _EMOJI_MODIFIERS:
        return True
    if unicodedata.category(character) in ("Mn", "Me"):
        return True
    return code in _REGIONAL_INDICATORS and ord(previous_missing) in _REGIONAL_INDICATORS


class GlyphGuard:
    """Makes texts printable in a given face and collects what it had to replace, by place."""

    def __init__(self, family: FontFamily):
        self._family = family
        self._missing: dict[str, list[str]] = {}  # where -> characters, in order of appearance

    def printable(self, text: str, where: str, face: str) -> str:
        """`text` with unprintable characters replaced by a placeholder; newlines are kept."""
        text = unicodedata.normalize("NFC", text)  # "e" + combining accent -> "é", which fonts have
        characters = self._family.characters[face]
        if characters.issuperset(text.replace("\n", "")):
            return text
        return self._replace(text, where, characters)

    def _replace(self, text: str, where: str, characters: frozenset) -> str:
        placeholder = PLACEHOLDER if PLACEHOLDER in characters else FALLBACK_PLACEHOLDER
        out: list[str] = []
        last_missing = ""  # base of the cluster the last placeholder stands for, "" if none
        after_joiner = False
        for character in text:
            if _is_invisible(character):
                # Dropped even when the font has it: it draws nothing, and a joiner between two
                # unprintable emoji must not split their single placeholder in two.
                after_joiner = after_joiner or (character == _ZERO_WIDTH_JOINER and bool(last_missing))
            elif character in characters or character == "\n":
                out.append(character)
                last_missing, after_joiner = "", False
            elif character == "\t":
                out.append(" ")
                last_missing, after_joiner = "", False
            elif unicodedata.category(character) == "Cc":
                continue  # other control characters cannot appear in a PDF text at all
            else:
                self._record(where, character)
                if not (last_missing and _continues_cluster(character, last_missing, after_joiner)):
                    out.append(placeholder)
                last_missing, after_joiner = character, False
        return "".join(out)

    def _record(self, where: str, character: str) -> None:
        seen = self._missing.setdefault(where, [])
        if character not in seen:
            seen.append(character)

    def report(self) -> tuple[MissingGlyphs, ...]:
        """Every place that had unprintable characters, in document order."""
        return tuple(MissingGlyphs(where, tuple(chars)) for where, chars in self._missing.items())
