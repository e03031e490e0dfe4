"""Page layout: templates for cover, body and worksheets, the footer, bookmarks, and `render`.

The footer says "Page n of N" in a single layout pass: the canvas holds every page back until
the end, when N is known. Each heading that carries `outline_entries` becomes a PDF bookmark.
"""

from __future__ import annotations

from functools import partial
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from exports.pdf.document import Story
from exports.pdf.fonts import REGULAR
from exports.pdf.theme import BODY, COVER, FOOTER_BASELINE, FOOTER_HEIGHT, MARGIN, MUTED, RULE, WORKSHEET

FOOTER_FONT_SIZE = 8
COVER_DROP = 50 * mm  # the cover's title sits lower than a body page's heading


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each footer can say "Page n of N" in a single pass.

    Bookmarks are held back with their page: ReportLab binds a bookmark to the page being
    written to the file, which would be the first page while the others wait here.
    """

    def __init__(self, *args, footer_left: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._footer_left = footer_left
        self._held_pages: list[dict] = []
        self.page_count = 0
        self.footer_on_page = False
        self.held_bookmarks: list[tuple[str, dict]] = []

    def bookmarkPage(self, key, **options):  # noqa: N802 - ReportLab's name
        self.held_bookmarks.append((key, options))

    def showPage(self):  # noqa: N802 - ReportLab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()
        self.footer_on_page = False
        self.held_bookmarks = []

    def save(self):
        held_pages = self._held_pages
        for page_state in held_pages:
            self.__dict__.update(page_state)
            for key, options in self.held_bookmarks:
                super().bookmarkPage(key, **options)
            if self.footer_on_page:
                self._draw_footer(len(held_pages))
            super().showPage()
        self.page_count = len(held_pages)
        super().save()

    def _draw_footer(self, page_count: int):
        width, _ = self._pagesize
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, FOOTER_BASELINE + 11, width - MARGIN, FOOTER_BASELINE + 11)
        self.setFont(REGULAR, FOOTER_FONT_SIZE)
        self.setFillColor(MUTED)
        page_number = f"Page {self.getPageNumber()} of {page_count}"
        room = width - 2 * MARGIN - stringWidth(page_number, REGULAR, FOOTER_FONT_SIZE) - 12
        self.drawString(MARGIN, FOOTER_BASELINE, _fitted(self._footer_left, room, REGULAR, FOOTER_FONT_SIZE))
        self.drawRightString(width - MARGIN, FOOTER_BASELINE, page_number)
        self.restoreState()


def _fitted(text: str, width: float, font: str, size: float) -> str:
    """`text`, shortened with an ellipsis when it would run into the page number."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


class _BookmarkedDocument(BaseDocTemplate):
    """Adds a PDF bookmark for every heading that carries `outline_entries`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._outline_keys: list[str] = []

    def afterFlowable(self, flowable):  # noqa: N802 - ReportLab's name
        for title, level in getattr(flowable, "outline_entries", ()):
            key = f"bookmark-{len(self._outline_keys)}"
            self._outline_keys.append(key)
            # The frame's cursor is below the heading now; the bookmark should show its top.
            top = self.frame._y + flowable.height + flowable.getSpaceBefore()
            self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top, zoom=0)
            self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
            self.canv.showOutline()  # open the viewer's bookmark pane: the pack is long


def _page_templates(page: tuple[float, float], worksheet_header: str) -> list[PageTemplate]:
    width, height = page
    body_frame = dict(x1=MARGIN, y1=FOOTER_BASELINE + FOOTER_HEIGHT, width=width - 2 * MARGIN,
                      height=height - MARGIN - FOOTER_BASELINE - FOOTER_HEIGHT, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
    cover_frame = {**body_frame, "height": height - 2 * MARGIN - COVER_DROP}

    def with_footer(canvas, _document):
        canvas.footer_on_page = True

    def worksheet_page(canvas, _document):
        canvas.footer_on_page = True
        canvas.saveState()
        canvas.setFont(REGULAR, FOOTER_FONT_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN, height - MARGIN + 12, worksheet_header)
        canvas.restoreState()

    return [
        PageTemplate(COVER, [Frame(id="cover", **cover_frame)]),
        PageTemplate(BODY, [Frame(id="body", **body_frame)], onPage=with_footer),
        PageTemplate(WORKSHEET, [Frame(id="worksheet", **body_frame)], onPage=worksheet_page),
    ]


def render(story: Story, output: BinaryIO, *, footer_left: str, worksheet_header: str = "",
           title: str = "", author: str = "", subject: str = "") -> int:
    """Lay the story out into `output` and return the number of pages.

    The first page uses the first template the story asked for (cover, body or worksheet).
    """
    page = (story.page_width, story.page_height)
    document = _BookmarkedDocument(
        output, pagesize=page, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=title, author=author, subject=subject, creator="OKR Workshop",
    )
    templates = _page_templates(page, worksheet_header)
    templates.sort(key=lambda template: template.id != story.first_template)  # page 1 uses the first
    document.addPageTemplates(templates)
    canvasmaker = partial(_NumberedCanvas, footer_left=footer_left)
    document.build(list(story.flowables), canvasmaker=canvasmaker)
    return document.canv.page_count
