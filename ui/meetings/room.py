"""What the room sees during a review meeting: the meeting, its timer, and the key result in focus
with its chart, or the team's progress, or the retrospective's question and answer.

Painted from the session and the meeting's state (never from the runner's widgets), with sizes
taken from the window's height (§12): the timer's digits at least 1/6 of it, every label at least
1/30, text in the projector's high-contrast colours, states in words.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from workshop import models
from workshop.chart_series import series_of
from workshop.progress import expected_progress
from workshop.timer import OVERTIME, WARNING, format_clock

from ui.meetings import charts
from ui.meetings.state import MeetingState
from ui.meetings.timing import MeetingClock
from ui.theme import ROOM

TIMER_DIGIT_SHARE = 1 / 6


class MeetingRoomWindow(QWidget):
    """The projector window of a running meeting; full screen on the second screen on `present()`.
    `shown_or_hidden` whenever it appears or goes (F5, Esc, its own close button)."""

    shown_or_hidden = Signal()

    def __init__(self, state: MeetingState, clock: MeetingClock):
        super().__init__(None, Qt.WindowType.Window)
        self.state, self.clock = state, clock
        self.setWindowTitle(self.tr("OKR Workshop — meeting on the projector"))
        self.setAccessibleName(self.tr("Meeting on the projector"))
        self.setMinimumSize(480, 270)
        self.resize(1280, 720)
        self.blank = False
        self.drawn: list[tuple[QRectF, int]] = []  # every text of the last paint, with its pixel size
        self._state_word_left = 0.0
        self._body: tuple | None = None  # (size, pixmap, its texts) of the body last painted
        state.moved.connect(self.forget_body)
        state.model.changed.connect(self.forget_body)
        clock.tick.connect(self.update)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.shown_or_hidden.emit()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.shown_or_hidden.emit()

    def present(self, facilitator_screen=None) -> None:
        facilitator_screen = facilitator_screen or QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not facilitator_screen]
        if others:
            self.setScreen(others[0])
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()

    def stop_presenting(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        self.hide()

    def set_blank(self, blank: bool) -> None:
        self.blank = blank
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.blank:
            painter.fillRect(self.rect(), QColor("#000000"))
        else:
            self.paint_meeting(painter, self.width(), self.height())
        painter.end()

    def paint_meeting(self, painter: QPainter, width: float, height: float) -> None:
        """Timer top right; the meeting's name beside it (shrunk to fit, never below the label size);
        the agenda item on the line under both; the body below."""
        painter.fillRect(QRectF(0, 0, width, height), QColor(ROOM["background"]))
        canvas = charts.Canvas(painter, charts.room_style(height))
        style = canvas.style
        margin = height / 28
        timer_left, timer_bottom = self._paint_timer(canvas, width, height, margin)
        title_width = timer_left - 2 * margin
        heading_px = int(height / 16)
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPixelSize(heading_px)
        needed = QFontMetricsF(bold).horizontalAdvance(self.state.plan.name)
        if needed > title_width:
            heading_px = int(heading_px * title_width / needed)
        item = self.tr("Item %1 of %2: %3").replace("%1", str(self.state.item_index + 1)) \
            .replace("%2", str(len(self.state.plan.agenda))).replace("%3", self.state.item_title)
        if heading_px >= style.label_px * 1.2:
            self._text(canvas, QRectF(margin, margin, title_width, heading_px * 1.4), self.state.plan.name,
                       heading_px, ROOM["text"], bold=True)
        else:  # a narrow screen where the timer takes the top: the name leads the item's line instead
            item = f"{self.state.plan.name} · {item}"
        canvas.text(QRectF(margin, timer_bottom, self._state_word_left - margin * 2, style.row_height), item,
                    ROOM["muted"])
        top = timer_bottom + style.row_height + margin / 2
        body = QRectF(margin, top, width - 2 * margin, height - top - margin)
        self._paint_body_cached(painter, canvas, body)
        self.drawn = canvas.drawn

    def _paint_body_cached(self, painter: QPainter, canvas: charts.Canvas, body: QRectF) -> None:
        """The body (chart, team view or question) is painted once per change into a pixmap; the
        timer's ticks, several a second, only copy it."""
        ratio = painter.device().devicePixelRatioF()
        key = (round(body.left()), round(body.top()), round(body.width()), round(body.height()), ratio)
        if self._body is None or self._body[0] != key:
            pixmap = QPixmap(max(1, round(body.width() * ratio)), max(1, round(body.height() * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor(ROOM["background"]))
            body_painter = QPainter(pixmap)
            body_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            body_painter.translate(-body.left(), -body.top())
            body_canvas = charts.Canvas(body_painter, canvas.style)
            question = self._question()
            if self.state.on_key_results and self.state.key_result_id is not None:
                self._paint_key_result(body_canvas, body)
            elif question is not None:
                self._paint_question(body_canvas, body, *question)
            else:
                self._paint_team(body_canvas, body)
            body_painter.end()
            self._body = (key, pixmap, body_canvas.drawn)
        _key, pixmap, drawn = self._body
        painter.drawPixmap(body.topLeft(), pixmap)
        canvas.drawn.extend(drawn)

    def forget_body(self, *_args) -> None:
        """The session or the meeting's position changed: the body is painted afresh."""
        self._body = None
        self.update()

    def _text(self, canvas: charts.Canvas, rect: QRectF, words: str, pixel_size: int, colour: str,
              bold: bool = False) -> None:
        """A larger line than the chart labels (headings), kept in `drawn` like them."""
        font = QFont(self.font())
        font.setPixelSize(pixel_size)
        font.setBold(bold)
        metrics = QFontMetricsF(font)
        shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, rect.width())
        canvas.painter.setFont(font)
        canvas.painter.setPen(QColor(colour))
        canvas.painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        canvas.drawn.append((QRectF(rect.left(), rect.center().y() - metrics.height() / 2,
                                    metrics.horizontalAdvance(shown), metrics.height()), pixel_size))

    def _paint_timer(self, canvas: charts.Canvas, width: float, height: float, margin: float) -> tuple[float, float]:
        """The countdown top right, its state in words below it; returns the countdown's left edge
        and its bottom (where the state word's line begins)."""
        timer = self.clock.timer
        state = timer.state(self.clock.details.warning_seconds)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(int(height / 4))
        digit = QFontMetricsF(font).tightBoundingRect("0").height()
        font.setPixelSize(math.ceil(height / 4 * height * TIMER_DIGIT_SHARE / max(1.0, digit)) + 1)
        metrics = QFontMetricsF(font)
        box_width = metrics.horizontalAdvance("+00:00") + margin
        box = QRectF(width - margin - box_width, margin, box_width, metrics.ascent())
        colour = {WARNING: ROOM["warning"], OVERTIME: ROOM["overtime"]}.get(state, ROOM["text"])
        canvas.painter.setFont(font)
        canvas.painter.setPen(QColor(colour))
        canvas.painter.drawText(QRectF(box.left(), box.top() - metrics.ascent() * 0.1, box.width(), metrics.height()),
                                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, format_clock(timer.remaining_seconds()))
        word = {WARNING: self.tr("Time is nearly up"), OVERTIME: self.tr("Over time")}.get(state, self.tr("Running"))
        if not timer.running:
            word = self.tr("Paused") if timer.used_seconds() else self.tr("Ready")
        line = QRectF(box.left() - margin, box.bottom(), box.width() + margin, canvas.style.row_height)
        word_width = canvas.text(line, word, colour, Qt.AlignmentFlag.AlignRight)
        self._state_word_left = line.right() - word_width
        return box.left(), box.bottom()

    def _paint_key_result(self, canvas: charts.Canvas, body: QRectF) -> None:
        style = canvas.style
        row = style.row_height
        key_result = next(kr for objective in self.state.progress() for kr in objective.key_results
                          if kr.key_result.id == self.state.key_result_id)
        details = self.state.model.details
        series = series_of(key_result, details.period_start, details.period_end)
        title_bottom = canvas.wrapped(QRectF(body.left(), body.top(), body.width(), row * 2.6),
                                      f"{key_result.ref}  {key_result.key_result.text}",
                                      ROOM["text"], math.ceil(style.label_px * 1.25), bold=True)
        now = self.tr("%1 · confidence: %2 · now %3 · target %4") \
            .replace("%1", charts.progress_words(key_result.progress)) \
            .replace("%2", key_result.confidence or self.tr("not given")) \
            .replace("%3", charts.format_value(key_result.current, series.unit)) \
            .replace("%4", charts.format_value(series.target, series.unit))
        now_bottom = canvas.wrapped(QRectF(body.left(), title_bottom, body.width(), row * 2.2), now, ROOM["text"],
                                    style.label_px)
        latest_note = next((p.note for p in reversed(series.points) if p.note), "")
        chart_top = now_bottom + row * 0.3
        chart_bottom = body.bottom() - (row if latest_note else 0)
        charts.paint_key_result_chart(canvas, QRectF(body.left(), chart_top, body.width(), chart_bottom - chart_top),
                                      series)
        if latest_note:
            canvas.text(QRectF(body.left(), chart_bottom, body.width(), row),
                        self.tr("Note: %1").replace("%1", latest_note), ROOM["muted"])

    def _paint_team(self, canvas: charts.Canvas, body: QRectF) -> None:
        rows = charts.team_rows(self.state.progress())
        fits = charts.rows_that_fit(body.height(), canvas.style)
        focus = next((i for i, r in enumerate(rows) if r.ref == self._focus_ref()), 0)
        first = (focus // fits) * fits  # the page that holds the key result in focus; never turns by itself
        details = self.state.model.details
        try:
            expected = expected_progress(details.period_start, details.period_end,
                                         date.fromisoformat(self.state.record.held_on))
        except ValueError:
            expected = None
        shown = rows[first:first + fits]
        page_note = self.tr("%1–%2 of %3").replace("%1", str(first + 1)).replace("%2", str(first + len(shown))) \
            .replace("%3", str(len(rows))) if len(rows) > fits else ""
        charts.paint_team_progress(canvas, body, shown, expected, self._focus_ref(), page_note)

    def _focus_ref(self) -> str:
        for objective in self.state.progress():
            for kr in objective.key_results:
                if kr.key_result.id == self.state.key_result_id:
                    return kr.ref
        return ""

    def _question(self) -> tuple[str, str] | None:
        """The retrospective's question at this item, with the answer recorded so far."""
        title = self.state.item_title
        if not (self.state.plan.is_retrospective and title.endswith("?")):
            return None
        answer = next((a.answer for a in self.state.model.service.rows(models.RetroAnswer) if a.question == title), "")
        return title, answer

    def _paint_question(self, canvas: charts.Canvas, body: QRectF, question: str, answer: str) -> None:
        style = canvas.style
        size = max(style.label_px, int(body.height() / 14))
        bottom = canvas.wrapped(body, question, ROOM["accent"], size, bold=True, max_lines=3)
        rest = QRectF(body.left(), bottom + size / 2, body.width(), max(0.0, body.bottom() - bottom - size / 2))
        canvas.wrapped(rest, answer or self.tr("(no answer yet)"), ROOM["text"], style.label_px + 4, max_lines=40)
