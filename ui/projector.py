"""The projector window: what the room sees, painted from the model at sizes taken from its height.

It listens to the same `SessionModel` as the facilitator window and never reads a widget. Text is
sized from the window's height (ARCHITECTURE.md, In the room): the timer's digits at least 1/6 of it, body text at
least 1/30, with the body shrinking (never below that floor) or flowing into columns to fit.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPalette, QTextDocument,
)
from PySide6.QtWidgets import QWidget

from workshop.agenda import step_info
from workshop.timer import OVERTIME, WARNING, format_clock

from ui import projector_content
from ui.session_model import SessionModel
from ui.theme import ROOM

TIMER_DIGIT_SHARE = 1 / 6  # digits at least this share of the window's height
BODY_MIN_SHARE = 1 / 30
BODY_MAX_SHARE = 1 / 16
FLASH_MS = 1200
PAGE_SECONDS = 12  # when the body needs several pages, each stays this long
PAGED_COLUMNS = 2
REFRESH_MS = 60  # typing coalesces into one rebuild; the room still sees words appear at once


class ProjectorWindow(QWidget):
    """A separate top-level window; full screen on the second screen when `present()` is called."""

    def __init__(self, model: SessionModel):
        super().__init__(None, Qt.WindowType.Window)
        self.model = model
        self.setWindowTitle(self.tr("OKR Workshop — projector"))
        self.setAccessibleName(self.tr("Projector view"))
        self.setMinimumSize(480, 270)
        self.resize(1280, 720)
        self.blank = False
        self.flashing = False
        self._blocks: list[str] = []
        self._generation = 0
        self._timer_width = 0.0
        self._layout_key = None
        self._pages: list[QTextDocument] = []
        self._page_turner = QTimer(self, interval=1000)
        self._page_turner.timeout.connect(self._turn_page)
        self._page_turner.start()
        self._stale = True
        self._refresh_soon = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_soon.timeout.connect(self.update)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        model.changed.connect(self.refresh)
        model.step_changed.connect(self.refresh)
        model.slide_changed.connect(self.refresh)
        model.tick.connect(self.update)
        model.crossed_zero.connect(self.flash)

    # -- state -------------------------------------------------------------------------------------

    def refresh(self, *_args) -> None:
        """Mark the body stale after an edit or navigation; a burst of keystrokes is rebuilt once,
        at the next paint (ticks only repaint the timer)."""
        self._stale = True
        self._refresh_soon.start()

    def _rebuild(self) -> None:
        details = self.model.details
        self._blocks = projector_content.body_blocks(self.model.service, details.current_step,
                                                     details.current_slide)
        self._generation += 1  # layouts of the previous body are stale
        self._stale = False

    def _turn_page(self) -> None:
        if len(self._pages) > 1 and self.isVisible():
            self.update()

    def set_blank(self, blank: bool) -> None:
        self.blank = blank
        self.update()

    def flash(self) -> None:
        self.flashing = True
        self._flash_timer.start()
        self.update()

    def _end_flash(self) -> None:
        self.flashing = False
        self.update()

    def present(self, facilitator_screen=None) -> None:
        """Full screen on a screen other than the facilitator's when there is one; otherwise a
        normal window the facilitator can drag to wherever the room can see it."""
        facilitator_screen = facilitator_screen or QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not facilitator_screen]
        if others:
            target = others[0]
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()

    def stop_presenting(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        self.hide()

    def timer_text(self) -> str:
        return format_clock(self.model.timer.remaining_seconds())

    # -- painting ----------------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor("#000000" if self.blank else ROOM["background"]))
        if self._stale:
            self._rebuild()
        if not self.blank:
            self._paint(painter, self.width(), self.height())
        painter.end()

    def _paint(self, painter: QPainter, width: float, height: float) -> None:
        """Timer top right; title, step and formula top left; the body below the taller of the two."""
        margin = height / 28
        step = self.model.current_step
        info = step_info(step)
        timer_bottom = self._paint_timer(painter, width, height, margin) if step else margin
        left_width = width - 2 * margin - (self._timer_width + margin if step else 0)
        top = self._paint_text(painter, info.room_heading, QRectF(margin, margin, left_width, height / 5),
                               height / 14, ROOM["text"], bold=True)
        if step:
            label = self.tr("Step %1 of 6 · %2").replace("%1", str(step)).replace("%2", info.title)
            top = self._paint_text(painter, label, QRectF(margin, top, left_width, height / 12),
                                   height / 30, ROOM["muted"])
        if info.formula:
            top = self._paint_formula(painter, info.formula, QRectF(margin, top + margin / 3, left_width, height / 5),
                                      height, margin)
        top = max(top, timer_bottom) + margin / 2
        self._paint_body(painter, QRectF(margin, top, width - 2 * margin, height - top - margin), height)

    @staticmethod
    def _paint_text(painter, text, rect: QRectF, pixel_size: float, colour: str, bold=False) -> float:
        """Draw wrapped text in `rect`; return the bottom of what was drawn."""
        font = QFont(painter.font())
        font.setPixelSize(max(10, int(pixel_size)))
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(QColor(colour))
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        used = painter.boundingRect(rect, flags, text)
        painter.drawText(rect, flags, text)
        return min(rect.bottom(), used.bottom())

    def _paint_timer(self, painter: QPainter, width: float, height: float, margin: float) -> float:
        state = self.model.timer.state(self.model.details.warning_seconds)
        text = self.timer_text()
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(int(height / 4))
        digit_height = QFontMetricsF(font).tightBoundingRect("0").height()
        font.setPixelSize(int(height / 4 * (height * TIMER_DIGIT_SHARE) / max(1.0, digit_height)) + 1)
        metrics = QFontMetricsF(font)
        self._timer_width = metrics.horizontalAdvance("+00:00") + margin
        box = QRectF(width - margin - self._timer_width, margin, self._timer_width, metrics.height())
        colour = {WARNING: ROOM["warning"], OVERTIME: ROOM["overtime"]}.get(state, ROOM["text"])
        if self.flashing:
            painter.fillRect(box, QColor(ROOM["flash_background"]))
            colour = ROOM["flash_text"]
        painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        # The state in words too, so it never depends on colour alone (ARCHITECTURE.md, In the room).
        word = {WARNING: self.tr("Time is nearly up"), OVERTIME: self.tr("Over time")}.get(state)
        if not self.model.timer.running:
            word = self.tr("Paused") if self.model.timer.used_seconds() else self.tr("Ready")
        label_font = QFont(self.font())
        label_font.setPixelSize(max(10, int(height / 26)))
        painter.setFont(label_font)
        painter.setPen(QColor(colour))
        label_box = QRectF(box.left(), box.bottom(), box.width(), height / 18)
        if word:
            painter.drawText(label_box, Qt.AlignmentFlag.AlignRight, word)
        return label_box.bottom()

    def _paint_formula(self, painter, formula: str, rect: QRectF, height, margin) -> float:
        font = QFont(self.font())
        font.setPixelSize(max(12, int(height / 26)))
        painter.setFont(font)
        inner = rect.adjusted(margin / 2, margin / 4, -margin / 2, 0)
        bounds = painter.boundingRect(inner, Qt.TextFlag.TextWordWrap, formula)
        box = QRectF(rect.left(), rect.top(), rect.width(), bounds.height() + margin / 2)
        painter.setPen(QColor(ROOM["accent"]))
        painter.drawRect(box)
        painter.drawText(inner, Qt.TextFlag.TextWordWrap, formula)
        return box.bottom()

    def _paint_body(self, painter: QPainter, area: QRectF, height: float) -> None:
        pages = self.layout_pages(area.width(), area.height(), height)
        index = int(self.model.clock() // PAGE_SECONDS) % len(pages) if len(pages) > 1 else 0
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, QColor(ROOM["text"]))
        context.clip = QRectF(0, 0, area.width(), area.height())
        painter.save()
        painter.translate(area.topLeft())
        painter.setClipRect(context.clip)
        pages[index].documentLayout().draw(painter, context)
        painter.restore()
        if len(pages) > 1:  # the room sees that more follows; pages turn by themselves
            self._paint_text(painter, f"{index + 1} / {len(pages)}",
                             QRectF(area.right() - height / 6, area.bottom() + 2, height / 6, height / 28),
                             height / 34, ROOM["muted"])

    def layout_pages(self, width: float, available: float, height: float) -> list[QTextDocument]:
        """The body as one page at the largest size that fits (1/16 down to 1/30 of the height, in
        1-3 columns); when even the smallest size cannot hold it, as several pages of whole blocks."""
        key = (round(width), round(available), round(height), self._generation)
        if key == self._layout_key:
            return self._pages
        sizes = [int(height * share) for share in (BODY_MAX_SHARE, 1 / 20, 1 / 24, BODY_MIN_SHARE)]
        pages = None
        for columns in range(1, min(3, len(self._blocks)) + 1):
            for size in sizes:
                document = self._document(self._blocks, width, size, columns)
                if document.size().height() <= available:
                    pages = [document]
                    break
            if pages:
                break
        if pages is None:
            pages = self._paginate(width, available, sizes[-1])
        self._layout_key, self._pages = key, pages
        return pages

    def _paginate(self, width: float, available: float, size: int) -> list[QTextDocument]:
        pages, current = [], []
        for block in self._blocks:
            trial = self._document(current + [block], width, size, PAGED_COLUMNS)
            if current and trial.size().height() > available:
                pages.append(self._document(current, width, size, PAGED_COLUMNS))
                current = [block]
            else:
                current.append(block)
        pages.append(self._document(current, width, size, PAGED_COLUMNS))
        return pages

    def _document(self, blocks: list[str], width: float, pixel_size: int, columns: int) -> QTextDocument:
        document = QTextDocument()
        font = QFont(self.font())
        font.setPixelSize(max(8, pixel_size))
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setDefaultStyleSheet(
            f"body {{ color: {ROOM['text']}; }} .muted {{ color: {ROOM['muted']}; }}"
            f" .marker {{ color: {ROOM['warning']}; }} h2 {{ color: {ROOM['accent']}; }}"
            f" h3 {{ color: {ROOM['muted']}; }} td {{ padding-right: {pixel_size}px; }}"
            f" p {{ margin-bottom: {pixel_size // 3}px; }}"
        )
        document.setTextWidth(width)
        document.setHtml(self._columns_html(blocks, min(columns, len(blocks)) or 1, pixel_size))
        return document

    @staticmethod
    def _columns_html(blocks: list[str], columns: int, gap: int) -> str:
        if columns == 1:
            return "".join(blocks)
        # Split blocks into contiguous columns of about equal length.
        total = sum(len(b) for b in blocks)
        cells, current, filled = [], [], 0
        for block in blocks:
            current.append(block)
            filled += len(block)
            if filled >= total * (len(cells) + 1) / columns and len(cells) < columns - 1:
                cells.append(current)
                current = []
        cells.append(current)
        share = 100 // columns
        tds = "".join(f'<td width="{share}%" valign="top" style="padding-right:{gap}px">{"".join(c)}</td>'
                      for c in cells)
        return f'<table width="100%" cellspacing="0"><tr>{tds}</tr></table>'
