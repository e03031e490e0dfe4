"""Where everything on the projector goes: a list of block rectangles that fit by construction.

The layout is pure geometry computed from the window's size (ARCHITECTURE.md, Screens and In the room): a header band of a
fixed share of the height (title, "Step n of 6", the timer and its state in words), the step's
formula under it, and the body flowed into pages (and into columns when its items are short and
the screen is wide). Sizes come from the height: timer digits at least 1/6 of it, body text at
least 1/30. A title that cannot fit two lines is shrunk, down to the body size; only then is it
elided with "…". An item taller than a whole page is shortened the same way. Nothing is placed
outside the window or over another block; tests check the rectangles, and the painter
(ui.projector_paint) draws only inside them.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QTextDocument, QTextLayout, QTextOption

from assets import asset_path
from ui.projector_content import RoomItem, RoomScreen
from ui.theme import ROOM

TIMER_DIGIT_SHARE = 1 / 6  # digits at least this share of the height
BODY_MIN_SHARE = 1 / 30
BODY_SHARES = (1 / 18, 1 / 21, 1 / 24, 1 / 27, BODY_MIN_SHARE)  # largest first: the body fills what it can
TITLE_MAX_SHARE = 1 / 11
TIMER_MAX_WIDTH_SHARE = 0.7  # of the header's width: the title keeps the rest
HEADER_SHARE = 0.27  # the header band, whatever the step and the title
MARGIN_SHARE = 1 / 40
SIDE_PAD_SHARE = 1 / 200  # text stays this far inside its block's sides: some glyphs overhang
MARKER_SHARE = 1 / 20  # "page 2 of 3": large enough to read from the back of the room
COLUMNS_MIN_ITEMS = 6  # fewer short items read better as one list
ELLIPSIS = "…"
# About 34 KB each; a screen of the demo lays out 12–38 at the sizes it tries, so 512 hold every
# step at the projector's and the thumbnails' sizes within about 17 MB.
DOCUMENTS_KEPT = 512
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")


def tr(text: str) -> str:
    return QCoreApplication.translate("Projector", text)


@lru_cache(maxsize=1)
def room_family() -> str:
    """The projector's typeface, shipped with the app so every machine draws the same pages
    (DejaVu Sans covers Latin, Greek and Cyrillic)."""
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(asset_path("fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    return family or QFont().family()


def room_font(pixels: float, bold: bool = False) -> QFont:
    font = QFont(room_family())
    font.setPixelSize(max(1, math.ceil(pixels - 1e-6)))  # never below the share asked for
    font.setBold(bold)
    return font


@dataclass
class Block:
    """One rectangle of the projector and what is drawn in it (only ever inside `rect`)."""

    kind: str  # title | step | timer | timer_state | formula | item | reminder | page_marker
    rect: QRectF
    lines: tuple[str, ...] = ()
    font: QFont | None = None
    colour: str = "text"
    align_right: bool = False
    document: QTextDocument | None = None  # rich text of an item, drawn at `rect.x() + inset`
    inset: float = 0.0  # text starts this far inside the rectangle's sides
    focus: tuple[str, int] | None = None
    baseline_offset: float = 0.0  # the timer: from the rect's top to the digits' baseline; lines: top padding


@dataclass
class RoomLayout:
    """The blocks of one screen at one size: the header's, then the body's, page by page."""

    width: float
    height: float
    header: list[Block]
    pages: list[list[Block]]
    marker: Block | None = None  # where "page n of m" goes when there are several pages
    body: QRectF = field(default_factory=QRectF)
    body_pixels: float = 0.0

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page_of(self, focus: tuple[str, int] | None) -> int | None:
        for index, page in enumerate(self.pages):
            if any(block.focus == focus for block in page) and focus is not None:
                return index
        return None

    def marker_for(self, page: int) -> Block | None:
        if self.marker is None:
            return None
        text = tr("page %1 of %2").replace("%1", str(page + 1)).replace("%2", str(self.page_count))
        return Block("page_marker", self.marker.rect, (text,), self.marker.font, "text", align_right=True,
                     inset=self.marker.inset)

    def blocks(self, page: int) -> list[Block]:
        """Every block drawn on `page`, header first."""
        page = max(0, min(page, self.page_count - 1))
        marker = self.marker_for(page)
        return self.header + self.pages[page] + ([marker] if marker else [])


def timer_template(timer_text: str) -> str:
    """Text of the same shape as the timer's ("00:00", "+00:00"): the layout moves only when the
    shape does (at zero, or past 99 minutes), not as the seconds change."""
    return re.sub(r"\d", "0", timer_text)


# -- text fitting -----------------------------------------------------------------------------------


def wrap_lines(text: str, font: QFont, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` (at word boundaries, inside a word if need be)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return [line for line in lines if line] or [""]


def elide_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """At most `max_lines` lines; the last one ends with "…" when the text did not fit."""
    lines = wrap_lines(text, font, width)
    if len(lines) <= max_lines:
        return lines
    metrics = QFontMetricsF(font)
    last = " ".join(lines[max_lines - 1:])
    return lines[:max_lines - 1] + [metrics.elidedText(last, Qt.TextElideMode.ElideRight, width)]


def fit_lines(text: str, width: float, max_height: float, largest: float, smallest: float, max_lines: int,
              bold: bool = False) -> tuple[QFont, list[str]]:
    """The largest font from `largest` down to `smallest` at which `text` takes at most `max_lines`
    lines within `max_height`; at `smallest`, the lines that fit, the last one elided."""
    pixels = largest
    while pixels > smallest:
        font = room_font(pixels, bold)
        lines = wrap_lines(text, font, width)
        if len(lines) <= max_lines and len(lines) * QFontMetricsF(font).lineSpacing() <= max_height:
            return font, lines
        pixels = max(smallest, pixels * 0.94)
    font = room_font(smallest, bold)
    room_for = int(max_height // QFontMetricsF(font).lineSpacing())
    return font, elide_lines(text, font, width, max(1, min(max_lines, room_for)))


def text_height(font: QFont, lines) -> float:
    return len(lines) * QFontMetricsF(font).lineSpacing()


# -- the header -------------------------------------------------------------------------------------


def timer_font(height: float, text: str = "", max_width: float = math.inf) -> QFont:
    """A font whose digits stand at least 1/6 of the window's height. Regular weight: bold digits
    are a tenth wider, which a 4:3 projector's title cannot spare. Only when `text` would be wider
    than `max_width` (more than 99 minutes over time on 4:3, or a portrait screen) is it smaller."""
    target = height * TIMER_DIGIT_SHARE
    pixels = target / 0.72
    for _ in range(4):
        digit = QFontMetricsF(room_font(pixels)).tightBoundingRect("0").height()
        if digit >= target:
            break
        pixels = math.ceil(pixels * target / max(1.0, digit)) + 1
    wide = QFontMetricsF(room_font(pixels)).horizontalAdvance(text) if text else 0.0
    if wide > max_width:
        pixels = math.floor(pixels * max_width / wide)
    return room_font(pixels)


def _header(screen: RoomScreen, width: float, height: float, timer_shape: str | None) -> tuple[list[Block], float]:
    margin = height * MARGIN_SHARE
    band_bottom = height * HEADER_SHARE
    small = height * BODY_MIN_SHARE * 1.1
    blocks = []
    left_width = width - 2 * margin
    side = height * SIDE_PAD_SHARE
    if timer_shape:
        font = timer_font(height, timer_shape, TIMER_MAX_WIDTH_SHARE * (width - 3 * margin))
        metrics = QFontMetricsF(font)
        ink = metrics.tightBoundingRect(timer_shape)
        pad = height / 100
        timer_width = metrics.horizontalAdvance(timer_shape) + pad
        timer = QRectF(width - margin - timer_width, margin, timer_width, ink.height() + 2 * pad)
        blocks.append(Block("timer", timer, (), font, baseline_offset=pad - ink.top()))
        state_font = room_font(small)
        state = QRectF(timer.left(), timer.bottom() + pad,
                       timer.width(), QFontMetricsF(state_font).lineSpacing())
        blocks.append(Block("timer_state", state, (), state_font, align_right=True, inset=side))
        left_width = timer.left() - 2 * margin
    step_font = room_font(small)
    step_lines: list[str] = []
    if screen.step_label:
        long_fits = QFontMetricsF(step_font).horizontalAdvance(screen.step_label) <= left_width - 2 * side
        label = screen.step_label if long_fits else screen.short_step_label
        step_lines = elide_lines(label, step_font, left_width - 2 * side, 1)
    step_height = text_height(step_font, step_lines) if step_lines else 0.0
    gap = height / 80
    title_room = band_bottom - margin - step_height - gap
    title_font, title_lines = fit_lines(screen.title, left_width - 2 * side, title_room, height * TITLE_MAX_SHARE,
                                        height * BODY_MIN_SHARE, 2, bold=True)
    title = QRectF(margin, margin, left_width, text_height(title_font, title_lines))
    blocks.append(Block("title", title, tuple(title_lines), title_font, inset=side))
    if step_lines:
        blocks.append(Block("step", QRectF(margin, title.bottom() + gap, left_width, step_height),
                            tuple(step_lines), step_font, "muted", inset=side))
    bottom = band_bottom
    if screen.formula:
        pad = height / 90
        font, lines = fit_lines(screen.formula, width - 2 * margin - 2 * pad, height / 7,
                                small * 1.15, height * BODY_MIN_SHARE, 3)
        box = QRectF(margin, band_bottom + gap, width - 2 * margin, text_height(font, lines) + 2 * pad)
        blocks.append(Block("formula", box, tuple(lines), font, "accent", inset=pad, baseline_offset=pad))
        bottom = box.bottom()
    return blocks, bottom + gap * 2


# -- the body ---------------------------------------------------------------------------------------

_STYLE_SCALE = {"heading": 1.2, "section": 1.05, "body": 1.0, "muted": 1.0}


def _stylesheet() -> str:
    return (f".body {{ color: {ROOM['text']}; }} .muted {{ color: {ROOM['muted']}; }}"
            f" .marker {{ color: {ROOM['warning']}; }} .heading {{ color: {ROOM['accent']}; font-weight: bold; }}"
            f" .section {{ color: {ROOM['accent']}; font-weight: bold; }}")


def item_document(item: RoomItem, text: str, pixels: float, width: float) -> QTextDocument:
    """The item's text laid out at `pixels` in `width`. Documents are kept and shared (never changed
    after they are made): a keystroke changes one item, and the layout that follows lays out only that
    one again. Each thread has its own (the slides export paints in a worker thread)."""
    return _document(item.style, item.html(text), pixels, width, threading.get_ident())


@lru_cache(maxsize=DOCUMENTS_KEPT)
def _document(style: str, html: str, pixels: float, width: float, _thread: int) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(room_font(pixels * _STYLE_SCALE.get(style, 1.0)))
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(_stylesheet())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setTextWidth(max(1.0, width))
    document.setHtml(f"<div class='{style}'>{html}</div>")
    return document


def fitted_document(item: RoomItem, pixels: float, width: float, max_height: float) -> QTextDocument:
    """The item's rich text; when taller than a page, its words shortened with "…" until it fits."""
    document = item_document(item, item.text, pixels, width)
    if document.size().height() <= max_height:
        return document
    words = item.text.split()
    low, high = 0, len(words)
    while low < high:  # the most words that still fit
        middle = (low + high + 1) // 2
        trial = item_document(item, " ".join(words[:middle]) + ELLIPSIS, pixels, width)
        if trial.size().height() <= max_height:
            low = middle
        else:
            high = middle - 1
    shortened = " ".join(words[:low]) + ELLIPSIS
    document = item_document(item, shortened, pixels, width)
    if document.size().height() > max_height:  # one unbreakable word: cut by characters
        text = item.text
        while len(text) > 1 and document.size().height() > max_height:
            text = text[:len(text) * 3 // 4]
            document = item_document(item, text + ELLIPSIS, pixels, width)
    return document


def _paginate(items, area: QRectF, pixels: float, columns: int, gutter: float) -> list[list[Block]]:
    gap = pixels * 0.4
    column_gap = pixels * 1.5
    column_width = (area.width() - column_gap * (columns - 1)) / columns
    indent = pixels * 1.5
    side = pixels * 0.15  # room for glyphs that reach past their advance ("J", italics)
    above = pixels * 0.1  # and for marks above the line ("Å")
    # A page that opens inside a group (key results whose objective is on the page before) starts
    # with a one-line reminder of the group's head; every item leaves room for it.
    reminder_height = QFontMetricsF(room_font(pixels)).lineSpacing() * 1.2 + 2 * above
    heads = {item.group: index for index, item in reversed(list(enumerate(items))) if item.group}
    documents, heights = [], []
    for item in items:
        inset = side + gutter + item.level * indent
        document = fitted_document(item, pixels, column_width - inset - side,
                                   area.height() - 2 * above - reminder_height - gap)
        documents.append((inset, document))
        heights.append(document.size().height() + 2 * above)
    group_heights: dict[str, float] = {}
    for item, height in zip(items, heights):
        if item.group:
            group_heights[item.group] = group_heights.get(item.group, -gap) + gap + height

    def together(index: int) -> float:
        """The height that must fit for item `index` to start here: its whole group when the group
        starts with it and fits a page at all, else the item alone."""
        item = items[index]
        starts_group = item.group and (index == 0 or items[index - 1].group != item.group)
        if starts_group and group_heights[item.group] <= area.height():
            return group_heights[item.group]
        return heights[index]

    def span(index: int) -> float:
        """What should stay together from item `index` on: headings with what follows them."""
        chain = heights[index]
        if items[index].keep_with_next and index + 1 < len(items):
            chain += gap + span(index + 1)
        return max(chain, together(index))

    pages: list[list[Block]] = [[]]
    column, y = 0, area.top()
    column_has_body = False
    for index, (item, (inset, document)) in enumerate(zip(items, documents)):
        own = heights[index]
        with_next = own + gap + heights[index + 1] if item.keep_with_next and index + 1 < len(items) else own
        # Under headings alone a big group flows on rather than leave the headings stranded.
        needed = span(index) if column_has_body else with_next
        if needed > area.height():
            needed = with_next
        column_empty = y == area.top()
        if item.new_page and pages[-1]:
            pages.append([])
            column, y = 0, area.top()
        elif not column_empty and y + needed > area.bottom():
            column += 1
            y = area.top()
            if column == columns:
                pages.append([])
                column = 0
        x = area.left() + column * (column_width + column_gap)
        if y == area.top() and item.group and heads[item.group] != index:
            head = items[heads[item.group]]
            reminder = RoomItem(head.text, prefix=f"<i>{tr('continued')}</i> · {head.prefix}", style="muted")
            head_inset = side + gutter + head.level * indent
            document_of_head = fitted_document(reminder, pixels, column_width - head_inset - side,
                                               reminder_height - 2 * above)
            rect = QRectF(x, y, column_width, document_of_head.size().height() + 2 * above)
            pages[-1].append(Block("reminder", rect, document=document_of_head, inset=head_inset,
                                   baseline_offset=above))
            y = rect.bottom() + gap
        rect = QRectF(x, y, column_width, min(own, area.bottom() - y))
        if y == area.top():
            column_has_body = False
        pages[-1].append(Block("item", rect, document=document, inset=inset, focus=item.focus,
                               baseline_offset=above))
        column_has_body = column_has_body or not item.keep_with_next
        y = rect.bottom() + gap
    return pages


def _columns_for(screen: RoomScreen, width: float, pixels: float) -> int:
    """Columns for short items (meetings, the agenda) when most of them fit a column on one line."""
    if not screen.compact or len(screen.items) < COLUMNS_MIN_ITEMS:
        return 1
    widths = sorted(item_document(item, item.text, pixels, 1e6).idealWidth() for item in screen.items)
    typical = widths[len(widths) * 3 // 4]  # a long sentence or two may wrap; the list should not
    column_gap = pixels * 1.5
    return max(1, min(3, int((width + column_gap) // (typical + pixels * 0.3 + column_gap))))


def lay_out(screen: RoomScreen, width: float, height: float, timer_text: str = "") -> RoomLayout:
    """Every block of `screen` in a `width` × `height` window; `timer_text` "" for an untimed step."""
    header, body_top = _header(screen, width, height, timer_template(timer_text) if screen.step else None)
    margin = height * MARGIN_SHARE
    full = QRectF(margin, body_top, width - 2 * margin, height - margin - body_top)
    gutter_share = 1.2 if any(item.focus for item in screen.items) else 0.0

    def attempt(pixels: float, area: QRectF) -> list[list[Block]]:
        columns = _columns_for(screen, area.width(), pixels)
        return _paginate(screen.items, area, pixels, columns, pixels * gutter_share)

    # One page at the largest size that holds everything. The smallest size is tried first: when
    # even it needs several pages (long bodies, the slow ones), larger sizes need not be tried.
    pixels = height * BODY_MIN_SHARE
    pages = attempt(pixels, full)
    if len(pages) == 1:
        for share in BODY_SHARES[:-1]:
            trial = attempt(height * share, full)
            if len(trial) == 1:
                pages, pixels = trial, height * share
                break
        return RoomLayout(width, height, header, pages, None, full, pixels)
    marker_font = room_font(height * MARKER_SHARE * 0.8, True)
    marker_height = QFontMetricsF(marker_font).lineSpacing()
    marker = QRectF(margin, height - margin - marker_height, width - 2 * margin, marker_height)
    body = QRectF(full.left(), full.top(), full.width(), marker.top() - pixels * 0.5 - full.top())
    pages = attempt(pixels, body)
    marker_block = Block("page_marker", marker, (), marker_font, inset=height * SIDE_PAD_SHARE)
    return RoomLayout(width, height, header, pages, marker_block, body, pixels)


