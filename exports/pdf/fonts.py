"""The PDF's one font family: DejaVu Sans, shipped in assets/fonts, registered once per process.

ReportLab's built-in Helvetica only covers Latin-1, so names in Greek or Cyrillic would print as
boxes; DejaVu Sans covers Latin, Greek and Cyrillic (TOOLCHAIN "ReportLab fonts"). The character
map of each face is kept so `glyphs` can tell, before building, what no face can print.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from assets import asset_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FAMILY = REGULAR
FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)


@dataclass(frozen=True)
class FontFamily:
    """The registered family and, per face, the set of characters it has a glyph for."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    characters: dict  # face name -> frozenset of the characters the face can draw


_lock = threading.Lock()
_family: FontFamily | None = None


def register_fonts() -> FontFamily:
    """Register DejaVu Sans regular/bold/italic/bold-italic as one family (idempotent, thread-safe).

    Exports run in an executor thread, so two first exports may race; the lock keeps registration
    (and the character maps it reads, ≈20 ms per face) to once per process.
    """
    global _family
    with _lock:
        if _family is None:
            characters = {}
            for face in FACES:
                font = TTFont(face, str(asset_path("fonts", f"{face}.ttf")))
                pdfmetrics.registerFont(font)
                characters[face] = frozenset(map(chr, font.face.charToGlyph))
            # One family, so <b> and <i> inside a Paragraph find the right face.
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _family = FontFamily(REGULAR, BOLD, ITALIC, BOLD_ITALIC, characters)
        return _family
