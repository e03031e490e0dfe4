"""How the PDFs look: paper sizes, margins, the grey-safe colours, and the paragraph styles.

Nothing here states anything by colour alone: printouts are often grey (ARCHITECTURE.md, Scoring), so colour
only decorates (headings, rules, header fills) and every state is also a word.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from exports.pdf.fonts import BOLD, ITALIC, REGULAR, register_fonts

PAPER_SIZES = {"a4": A4, "letter": LETTER}
MARGIN = 18 * mm
FOOTER_BASELINE = 10 * mm
FOOTER_HEIGHT = 16  # points between the footer's baseline and the bottom of the text frame
INK = colors.black
MUTED = colors.Color(0.30, 0.30, 0.30)  # still dark enough to read on a grey photocopy
RULE = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.90, 0.91, 0.93)
ACCENT = colors.Color(0.12, 0.23, 0.37)  # headings: a dark blue that prints as near-black
EMPTY_CELL = "\u2014"
CELL_PADDING = 4
ROOM_BELOW_HEADING = 35 * mm  # a heading plus a few table rows or lines
CELL_FONT_SIZE, CELL_LEADING = 9, 11.5

COVER, BODY, WORKSHEET = "cover", "body", "worksheet"


def page_size(paper: str) -> tuple[float, float]:
    """The page size in points for "a4" or "letter"."""
    try:
        return PAPER_SIZES[paper.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f'The paper size must be "a4" or "letter", not {paper!r}.') from None


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles, built once the fonts are registered."""
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13.5, textColor=INK,
                          spaceAfter=4)
    # Narrow columns: break "NPS-style" after its hyphen rather than between two letters.
    cell = ParagraphStyle("cell", parent=body, fontSize=CELL_FONT_SIZE, leading=CELL_LEADING, spaceAfter=0,
                          embeddedHyphenation=1)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=26, leading=31,
                                textColor=ACCENT, spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=15, leading=20, spaceAfter=14),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=17, leading=21,
                             textColor=ACCENT, spaceAfter=8, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=12.5, leading=16,
                             spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=11, leading=14,
                             spaceBefore=5, spaceAfter=2, keepWithNext=1),
        "statement": ParagraphStyle("statement", parent=body, fontSize=13, leading=17.5,
                                    spaceAfter=8),
        "body": body,
        "muted": ParagraphStyle("muted", parent=body, textColor=MUTED),
        "empty": ParagraphStyle("empty", parent=body, fontName=ITALIC, textColor=MUTED),
        # The border is drawn outside the text box, so indents keep it inside the margins.
        "formula": ParagraphStyle("formula", parent=body, fontName=BOLD, fontSize=11.5, leading=15,
                                  borderColor=RULE, borderWidth=0.8, borderPadding=(6, 8, 6, 8),
                                  leftIndent=9, rightIndent=9, spaceBefore=10, spaceAfter=14,
                                  alignment=TA_CENTER),
        "cell": cell,
        "card": ParagraphStyle("card", parent=body, leftIndent=9, firstLineIndent=-9, spaceAfter=2),
        "cell_bold": ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        "cell_right": ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        "cell_bold_right": ParagraphStyle("cell_bold_right", parent=cell, fontName=BOLD, alignment=TA_RIGHT),
    }
