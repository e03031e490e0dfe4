"""Right-to-left text (Arabic, Hebrew, …) in the PDF.

ReportLab draws every line left to right, one character after another, and never joins Arabic
letters (its own right-to-left support needs `rlbidi`, which PyPI does not carry). So text with
right-to-left letters is prepared here: Arabic letters take their joined forms (arabic-reshaper)
and each line is put in drawing order (python-bidi). `BidiParagraph` breaks a text into lines in
reading order first, so a long Hebrew objective still reads from its top line down.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan… and the Hebrew and Arabic presentation forms.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def has_right_to_left(text: str) -> bool:
    return _RIGHT_TO_LEFT.search(text) is not None


def reads_right_to_left(text: str) -> bool:
    """Whether the text's first strong letter is right-to-left (the paragraph's direction)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def drawn(line: str) -> str:
    """One line in the order ReportLab must draw it: Arabic joined, right-to-left runs reversed."""
    if not has_right_to_left(line):
        return line
    return get_display(arabic_reshaper.reshape(line))


def _broken(text: str, width: float, font: str, size: float) -> list[str]:
    """`text` broken into lines that fit `width`, in reading order, at spaces."""
    lines: list[str] = []
    for paragraph_line in text.split("\n"):
        line = ""
        for word in paragraph_line.split():
            candidate = f"{line} {word}" if line else word
            if line and stringWidth(drawn(candidate), font, size) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


class BidiParagraph(Paragraph):
    """A paragraph holding right-to-left text, laid out line by line in drawing order and aligned
    to the right when the text reads right to left. `text` is plain text, not markup."""

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs):  # noqa: N803 - ReportLab's names
        if frags is not None:  # a part made by Paragraph.split: its lines are already in drawing order
            self._logical = None
            super().__init__(text, style, bulletText=bulletText, frags=frags, **kwargs)
            return
        if reads_right_to_left(text):
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        self._logical, self._laid_out_for = text, None
        super().__init__(escape(drawn(text)).replace("\n", "<br/>"), style, bulletText=bulletText, **kwargs)

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        if self._logical is not None and self._laid_out_for != availWidth:
            style = self.style
            room = availWidth - style.leftIndent - style.rightIndent
            lines = _broken(self._logical, room, style.fontName, style.fontSize)
            super().__init__("<br/>".join(escape(drawn(line)) for line in lines), style)
            self._laid_out_for = availWidth
        return super().wrap(availWidth, availHeight)
