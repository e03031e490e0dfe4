"""Paints a `RoomLayout` page: the one painter for the projector window, its thumbnails and slides.

Each block is drawn inside its own rectangle (clipped to it), so what the layout promises about
rectangles holds for ink too. The timer's words and colour come as a `TimerFace`, which changes
every second without moving anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFontMetricsF, QPainter, QPalette, QPen

from ui.projector_layout import Block, RoomLayout
from ui.theme import ROOM

FOCUS_MARK = "▶"
FOCUS_BACKGROUND = "#1f2a3a"  # keeps every room colour above 7:1 (tests check it)


@dataclass(frozen=True)
class TimerFace:
    """What the timer shows now: the clock, its state in words, and the colour of that state."""

    text: str
    words: str
    colour: str = "text"  # a key of ROOM
    flashing: bool = False


def paint_room(painter: QPainter, layout: RoomLayout, page: int, timer: TimerFace | None,
               focus: tuple[str, int] | None = None, clip: bool = True) -> None:
    """Draw page `page` of `layout` (its background included) with `painter`.

    Each block is clipped to its rectangle; tests paint with `clip=False` to prove that what is
    drawn fits its rectangle anyway (nothing the room should read is cut off).
    """
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, layout.width, layout.height), QColor(ROOM["background"]))
    for block in layout.blocks(page):
        painter.save()
        if clip:
            painter.setClipRect(block.rect)
        if block.kind in ("item", "reminder"):
            _paint_item(painter, block, focused=focus is not None and block.focus == focus)
        elif block.kind == "timer":
            _paint_timer(painter, block, timer)
        elif block.kind == "timer_state":
            if timer is not None:
                _paint_lines(painter, block, (timer.words,), timer.colour)
        elif block.kind == "formula":
            line = max(1.0, layout.height / 500)
            painter.setPen(QPen(QColor(ROOM["accent"]), line))
            inside = line / 2 + 1  # the whole stroke, antialiased edge included, within the block
            painter.drawRect(block.rect.adjusted(inside, inside, -inside, -inside))
            _paint_lines(painter, block, block.lines, block.colour)
        else:
            _paint_lines(painter, block, block.lines, block.colour)
        painter.restore()


def _paint_lines(painter: QPainter, block: Block, lines, colour: str) -> None:
    metrics = QFontMetricsF(block.font)
    painter.setFont(block.font)
    painter.setPen(QColor(ROOM.get(colour, colour)))
    width = block.rect.width() - 2 * block.inset
    y = block.rect.top() + block.baseline_offset + metrics.ascent()
    for line in lines:
        text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
        x = block.rect.left() + block.inset
        if block.align_right:
            x = block.rect.right() - block.inset - metrics.horizontalAdvance(text)
        painter.drawText(QPointF(x, y), text)
        y += metrics.lineSpacing()


def _paint_timer(painter: QPainter, block: Block, timer: TimerFace | None) -> None:
    if timer is None:
        return
    colour = ROOM.get(timer.colour, ROOM["text"])
    if timer.flashing:
        painter.fillRect(block.rect, QColor(ROOM["flash_background"]))
        colour = ROOM["flash_text"]
    metrics = QFontMetricsF(block.font)
    painter.setFont(block.font)
    painter.setPen(QColor(colour))
    x = block.rect.right() - metrics.horizontalAdvance(timer.text)
    painter.drawText(QPointF(x, block.rect.top() + block.baseline_offset), timer.text)


def _paint_item(painter: QPainter, block: Block, focused: bool) -> None:
    if focused:
        painter.fillRect(block.rect, QColor(FOCUS_BACKGROUND))
        font = block.document.defaultFont()
        painter.setFont(font)
        painter.setPen(QColor(ROOM["accent"]))
        painter.drawText(QPointF(block.rect.left() + block.inset - QFontMetricsF(font).horizontalAdvance(FOCUS_MARK)
                                 - font.pixelSize() * 0.25,
                                 block.rect.top() + QFontMetricsF(font).ascent()), FOCUS_MARK)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, QColor(ROOM["text"]))
    painter.translate(block.rect.left() + block.inset, block.rect.top() + block.baseline_offset)
    context.clip = QRectF(0, 0, block.rect.width() - block.inset, block.rect.height())
    block.document.documentLayout().draw(painter, context)
