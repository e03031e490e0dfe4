"""A small facade over ReportLab platypus: `h1/h2/p/table/bullets` and friends, on a `Story`.

Pack and worksheets describe their pages with a Story; `pages.render` lays it out. Every string
handed to a Story is made printable by the glyph guard and XML-escaped before it becomes a
Paragraph, so a name like "R&D <core>" prints as typed instead of breaking the markup.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, Iterator, Sequence, Union
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak, Flowable, HRFlowable, KeepTogether, ListFlowable, ListItem, NextPageTemplate, PageBreak,
    Paragraph, Spacer, Table, TableStyle,
)

from exports.pdf.bidi import BidiParagraph, drawn, has_right_to_left
from exports.pdf.fonts import BOLD, REGULAR
from exports.pdf.glyphs import GlyphGuard
from exports.pdf.theme import (
    ACCENT, BODY, CELL_FONT_SIZE, CELL_LEADING, CELL_PADDING, EMPTY_CELL, FOOTER_BASELINE, FOOTER_HEIGHT,
    HEADER_FILL, INK, MARGIN, MUTED, ROOM_BELOW_HEADING, RULE, page_size, styles,
)

OUTLINE_TITLE_LENGTH = 70  # bookmark panes are narrow; the page shows the whole text

# A table cell: one text, several lines of text, or ready flowables.
Cell = Union[str, Sequence[str], Flowable, Sequence[Flowable]]


def shortened(text: str) -> str:
    """`text` on one line, cut at a word to fit a bookmark pane."""
    text = " ".join((text or "").split())
    if len(text) <= OUTLINE_TITLE_LENGTH:
        return text
    return text[:OUTLINE_TITLE_LENGTH].rsplit(" ", 1)[0] + "\u2026"


class WritingLines(Flowable):
    """Ruled lines to write on, for worksheets and meeting notes."""

    def __init__(self, count: int, spacing: float = 9 * mm):
        super().__init__()
        self.count, self.spacing = count, spacing

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.count * self.spacing

    def draw(self):
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        for line in range(self.count):
            y = line * self.spacing
            self.canv.line(0, y, self.width, y)


class Story:
    """The flowables of one document, written through helpers that escape every string they get.

    `where` names the part being written (e.g. "Objective 2") so unprintable characters are
    reported with the place a facilitator can find them.
    """

    def __init__(self, guard: GlyphGuard, paper: str = "a4"):
        self.guard = guard
        self.page_width, self.page_height = page_size(paper)
        self.frame_width = self.page_width - 2 * MARGIN
        self.frame_height = self.page_height - MARGIN - FOOTER_BASELINE - FOOTER_HEIGHT
        self.flowables: list[Flowable] = []
        self.first_template = BODY
        self.where = ""
        self.style = styles()

    # --- text --------------------------------------------------------------------------------

    def markup(self, text: object, face: str = REGULAR) -> str:
        """`text` made printable in `face` and escaped, ready to sit inside Paragraph markup.

        Right-to-left text is put in drawing order line by line; within markup that is all that
        can be done (`paragraph` breaks a right-to-left text into lines itself)."""
        printable = self.guard.printable(str(text), self.where, face)
        return escape("\n".join(drawn(line) for line in printable.split("\n"))).replace("\n", "<br/>")

    def plain(self, text: object, face: str = REGULAR) -> str:
        """`text` made printable on one line, for what the canvas draws itself (footer, header)."""
        return drawn(" ".join(self.guard.printable(str(text), self.where, face).split()))

    def paragraph(self, text: object, style: str = "body") -> Paragraph:
        chosen = self.style[style]
        printable = self.guard.printable(str(text), self.where, chosen.fontName)
        if has_right_to_left(printable):
            return BidiParagraph(printable, chosen)
        return Paragraph(escape(printable).replace("\n", "<br/>"), chosen)

    # --- flowables -----------------------------------------------------------------------------

    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    def new_page(self, template: str = BODY, then: str | None = None) -> None:
        """Start a new page laid out by `template`; pages it overflows onto use `then` if given."""
        if self.flowables:
            self.add(NextPageTemplate(template), PageBreak())
        else:
            self.first_template = template
        if then:
            self.add(NextPageTemplate(then))

    def h1(self, text: str, *, outline: Sequence[tuple[str, int]] | None = None) -> None:
        """A section heading; `outline` lists its bookmarks as (title, level), by default (text, 0)."""
        heading = self.paragraph(text, "h1")
        heading.outline_entries = tuple(outline if outline is not None else [(text, 0)])
        self.add(heading)

    def numbered_section(self, label: str, number: int, text: str, group: str) -> None:
        """A new page headed "<label> <number>", bookmarked with its text shortened, under `group`."""
        self.new_page()
        self.where = f"{label} {number}"
        outline = [(f"{label} {number}: {shortened(text)}", 1)]
        if number == 1:
            outline.insert(0, (group, 0))
        self.h1(f"{label} {number}", outline=outline)

    def h2(self, text: str, style: str = "h2", room_below: float = ROOM_BELOW_HEADING) -> None:
        """A sub-heading that starts a new page unless `room_below` is left under it.

        Not ReportLab's keepWithNext: that moves a heading *and the whole table after it* to the
        next page when the table is long, leaving most of a page blank.
        """
        if room_below:
            self.add(CondPageBreak(room_below))
        self.add(self.paragraph(text, style))

    def p(self, text: str, style: str = "body") -> None:
        self.add(self.paragraph(text, style))

    def text_with_note(self, text: str, note: str, style: str = "cell") -> Paragraph:
        """One paragraph: `text`, then `note` on the next lines in smaller grey type.

        One Paragraph rather than two in a cell: a list of flowables in a table cell is laid
        out several times over, which a 1,250-key-result pack feels.
        """
        chosen = self.style[style]
        note_markup = (f'<font size="{chosen.fontSize - 0.5}" color="{MUTED.hexval()}">'
                       f"{self.markup(note, chosen.fontName)}</font>")
        return Paragraph(f"{self.markup(text or EMPTY_CELL, chosen.fontName)}<br/>{note_markup}", chosen)

    def field(self, label: str, value: str, style: str = "body") -> None:
        """"Label: value" with the label in bold; an empty value prints a dash, never nothing."""
        chosen = self.style[style]
        markup = f"<b>{self.markup(label, BOLD)}:</b> {self.markup(value or EMPTY_CELL)}"
        self.add(Paragraph(markup, chosen))

    def empty(self, sentence: str) -> None:
        """The one line that stands in for a section with nothing in it."""
        self.add(self.paragraph(sentence, "empty"))

    def bullets(self, items: Iterable[str], style: str = "body") -> None:
        entries = [ListItem(self.paragraph(item, style), leftIndent=14) for item in items]
        if entries:
            self.add(ListFlowable(entries, bulletType="bullet", start="\u2022", leftIndent=14,
                                  bulletFontName=REGULAR, bulletFontSize=9))

    def rule(self, thickness: float = 1.5) -> None:
        """A horizontal line across the text, in the heading colour."""
        self.add(HRFlowable(width="100%", thickness=thickness, color=ACCENT, spaceBefore=2, spaceAfter=10))

    def spacer(self, height: float) -> None:
        self.add(Spacer(1, height))

    def lines(self, count: int, spacing: float = 9 * mm) -> None:
        self.add(Spacer(1, spacing * 0.45), WritingLines(count, spacing))

    @contextmanager
    def kept_together(self) -> Iterator[None]:
        """Keep what is added inside the block on one page when it fits (a question and its lines)."""
        start = len(self.flowables)
        yield
        self.flowables[start:] = [KeepTogether(self.flowables[start:])]

    def cell(self, value: Cell, style: str = "cell", empty: str = EMPTY_CELL,
             width: float | None = None) -> Flowable | list | str:
        """A table cell; an empty value prints `empty` (a dash in data, nothing on a blank form).

        A one-line text that fits `width` stays a plain string, which the table draws itself:
        a Paragraph costs far more to lay out, and a 50-team pack has thousands of short cells.
        """
        if isinstance(value, Flowable):
            return value
        if value and not isinstance(value, str) and isinstance(value[0], Flowable):
            return list(value)
        text = value if isinstance(value, str) else "\n".join(value)
        if not text.strip():
            if not empty:
                return ""
            text = empty
        chosen = self.style[style]
        if width is not None and "\n" not in text:
            plain = self.plain(text, chosen.fontName)
            if stringWidth(plain, chosen.fontName, chosen.fontSize) <= width:
                return plain
        return self.paragraph(text, style)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float], *,
              right_aligned: Sequence[int] = (), row_height: float | None = None,
              empty: str = EMPTY_CELL, total: Sequence[Cell] | None = None,
              style: Sequence[tuple] = ()) -> None:
        """A ruled table with a bold header repeated on every page; `widths` are fractions of the line.

        `total` is a last row in bold under a heavier rule; its empty cells stay empty. `style` adds
        ReportLab TableStyle commands (cells filled by band, for instance).
        """
        right = set(right_aligned)
        column_widths = [fraction * self.frame_width for fraction in widths]
        text_widths = [width - 2 * CELL_PADDING for width in column_widths]
        data = [[self.cell(text, "cell_bold", width=text_widths[i]) for i, text in enumerate(header)]]
        data += [[self.cell(value, "cell_right" if i in right else "cell", empty, text_widths[i])
                  for i, value in enumerate(row)] for row in rows]
        commands = [("ALIGN", (i, 0), (i, -1), "RIGHT") for i in sorted(right)] + list(style)
        if total is not None:
            data.append([self.cell(value, "cell_bold_right" if i in right else "cell_bold", "", text_widths[i])
                         for i, value in enumerate(total)])
            commands += [("LINEABOVE", (0, -1), (-1, -1), 1.2, INK), ("FONT", (0, -1), (-1, -1), BOLD)]
        row_heights = [None] + [row_height] * (len(data) - 1) if row_height else None
        # splitInRow: a cell taller than a page (a long note) continues on the next one instead of failing.
        table = Table(data, colWidths=column_widths, rowHeights=row_heights, repeatRows=1, splitInRow=1)
        table.setStyle(TableStyle(commands, parent=_TABLE_STYLE) if commands else _TABLE_STYLE)
        self.add(table)


# Fonts here apply to plain-string cells; Paragraph cells carry their own style.
_TABLE_STYLE = TableStyle([
    ("FONT", (0, 0), (-1, -1), REGULAR, CELL_FONT_SIZE, CELL_LEADING),
    ("FONT", (0, 0), (-1, 0), BOLD, CELL_FONT_SIZE, CELL_LEADING),
    ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
])
