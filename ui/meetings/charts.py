"""Progress charts painted with QPainter, for the laptop and the projector (issue 14 item 4).

Two charts: a key result's values over the period against the straight line from its baseline to
its target, with its confidence history in words beside it; and the team's view, one bar per key
result (and per objective) with its progress and band in numbers and words.

Why QPainter rather than a chart library: QtCharts lives in PySide6-Addons, which the app does not
install (PySide6-Essentials only; Addons is a large download for two charts), and pyqtgraph is a new
dependency that pulls NumPy; neither lets the projector size every label from the window's height
(§12: at least 1/30) without fighting its theme. These two charts are lines, dots, bars and text: a hundred lines of painting, no import
cost, and every size and colour in our hands. The same `ChartStyle` decides sizes and colours on
both screens; every text drawn is kept in `Canvas.drawn`, so tests can check sizes and bounds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText

from workshop.chart_series import KeyResultSeries
from workshop.kr_numbers import format_value as written_value
from workshop.progress import ObjectiveProgress, progress_band
from workshop.scoring import GREEN, ORANGE, RED, UNSCORED, all_bands

from ui.theme import LAPTOP, ROOM

ROOM_LABEL_SHARE = 1 / 30  # §12: projector text at least this share of the window's height
LAPTOP_LABEL_PX = 14  # the stylesheet's 10.5 pt at 96 dpi: the window's glyphs serve the charts too
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Bars on the dark projector: lighter shades of the bands, each at least 7:1 against its background.
_ROOM_BANDS = {RED: "#ff9b9b", ORANGE: "#ffc53d", GREEN: "#8fe08f", UNSCORED: "#c9d1dc"}


def tr(text: str) -> str:
    return QCoreApplication.translate("Charts", text)


@dataclass(frozen=True)
class ChartStyle:
    """Sizes and colours of one screen's charts."""

    label_px: int
    background: str
    text: str
    muted: str
    line: str
    value: str
    highlight: str  # behind the row in focus; every text colour keeps 7:1 on it too
    bands: dict = field(default_factory=dict)

    @property
    def row_height(self) -> float:
        return self.label_px * 1.7

    def font(self, bold: bool = False) -> QFont:
        font = QFont()
        font.setPixelSize(self.label_px)
        font.setBold(bold)
        return font


def laptop_style() -> ChartStyle:
    bands = {band.name: band.colour for band in all_bands()}
    bands[UNSCORED] = LAPTOP["muted"]
    return ChartStyle(label_px=LAPTOP_LABEL_PX, background="#ffffff", text=LAPTOP["text"], muted="#464e5e",
                      line=LAPTOP["line"], value=LAPTOP["accent"], highlight="#e8eefa", bands=bands)


def room_style(window_height: float) -> ChartStyle:
    """The projector's style: labels sized from the window's height, never below 1/30 of it."""
    return ChartStyle(label_px=math.ceil(window_height * ROOM_LABEL_SHARE), background=ROOM["background"],
                      text=ROOM["text"], muted=ROOM["muted"], line="#5b6472", value=ROOM["accent"],
                      highlight="#283140", bands=dict(_ROOM_BANDS))


def short_day(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def format_value(value: float | None, unit: str) -> str:
    """"31%", "€4.10", "12 hours" as the report prints them; "—" when there is none."""
    return "—" if value is None else written_value(value, unit)


def axis_value(value: float, unit: str) -> str:
    """A value beside the axis: with a short unit ("31%", "€4.10"), a long one is said once in the legend."""
    return format_value(value, unit if len(unit) <= 2 else "")


def legend_of(series: KeyResultSeries) -> str:
    if len(series.unit) > 2:  # the axis shows bare numbers: the unit leads the legend
        return tr("%1: — our values   ┄ the plan").replace("%1", series.unit)
    return tr("— our values   ┄ the plan, baseline to target")


def progress_words(progress: float | None) -> str:
    """"62% · At risk", or "no value yet": the band is always said in words (§6)."""
    if progress is None:
        return tr("no value yet")
    return f"{round(progress * 100)}% · {progress_band(progress).word}"


_LAID_OUT: dict[tuple, tuple[QStaticText, float] | None] = {}
UNBOUNDED_WIDTH = 1 << 20
_LAID_OUT_LIMIT = 4000  # labels of a few meetings at a few sizes; cleared whole when full


def _laid_out(words: str, font: QFont, metrics: QFontMetricsF, width: int) -> tuple[QStaticText, float] | None:
    """A label elided to `width`, laid out once and kept: the projector redraws the same labels at
    every change, and laying text out is most of a redraw's cost."""
    key = (words, font.pixelSize(), font.bold(), width)
    if key not in _LAID_OUT:
        if len(_LAID_OUT) >= _LAID_OUT_LIMIT:
            _LAID_OUT.clear()
        shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, width)
        if shown:
            static = QStaticText(shown)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=font)
            _LAID_OUT[key] = (static, metrics.horizontalAdvance(shown))
        else:
            _LAID_OUT[key] = None
    return _LAID_OUT[key]


class Canvas:
    """A painter that keeps the rectangle of every text it draws (tests check sizes and bounds)."""

    def __init__(self, painter: QPainter, style: ChartStyle):
        self.painter, self.style = painter, style
        self.drawn: list[tuple[QRectF, int]] = []  # (text's bounds, font pixel size)
        self._fonts: dict[tuple[int, bool], tuple[QFont, QFontMetricsF]] = {}

    def font(self, pixel_size: int, bold: bool = False) -> tuple[QFont, QFontMetricsF]:
        """A font and its metrics, made once per paint (a redraw measures dozens of labels)."""
        key = (pixel_size, bold)
        if key not in self._fonts:
            font = self.style.font(bold)
            font.setPixelSize(pixel_size)
            self._fonts[key] = (font, QFontMetricsF(font))
        return self._fonts[key]

    def width_of(self, words: str, bold: bool = False) -> float:
        """The width of a label at the style's size (kept with its layout, so measuring is free
        the next time the label is drawn or measured)."""
        font, metrics = self.font(self.style.label_px, bold)
        laid_out = _laid_out(words, font, metrics, UNBOUNDED_WIDTH)
        return 0.0 if laid_out is None else laid_out[1]

    def text(self, rect: QRectF, words: str, colour: str, align=Qt.AlignmentFlag.AlignLeft, bold=False) -> float:
        """One line, elided to `rect`'s width and vertically centred in it; returns its width."""
        font, metrics = self.font(self.style.label_px, bold)
        laid_out = _laid_out(words, font, metrics, int(max(0.0, rect.width())))
        if laid_out is None:
            return 0.0
        static, width = laid_out
        height = metrics.height()
        left = rect.left() if align & Qt.AlignmentFlag.AlignLeft else (
            rect.right() - width if align & Qt.AlignmentFlag.AlignRight else rect.center().x() - width / 2)
        top = rect.center().y() - height / 2
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        self.painter.drawStaticText(QPointF(left, top), static)
        self.drawn.append((QRectF(left, top, width, height), font.pixelSize()))
        return width

    def wrapped(self, rect: QRectF, words: str, colour: str, pixel_size: int, bold: bool = False,
                max_lines: int = 2) -> float:
        """Words broken into lines that fit `rect`'s width, at most `max_lines` (the last one elided)
        and no more than fit its height; returns the bottom of the last line."""
        font, metrics = self.font(pixel_size, bold)
        line_height = metrics.height() * 1.1
        max_lines = max(1, min(max_lines, int(rect.height() // line_height)))
        lines: list[str] = []
        rest = words.split()
        while rest and len(lines) < max_lines:
            line = rest.pop(0)
            while rest and metrics.horizontalAdvance(f"{line} {rest[0]}") <= rect.width():
                line = f"{line} {rest.pop(0)}"
            lines.append(line)
        if rest:
            lines[-1] = metrics.elidedText(f"{lines[-1]} {' '.join(rest)}", Qt.TextElideMode.ElideRight,
                                           rect.width() - metrics.horizontalAdvance("…"))
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        top = rect.top()
        for line in lines:
            shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width())
            box = QRectF(rect.left(), top, rect.width(), line_height)
            self.painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            self.drawn.append((QRectF(rect.left(), box.center().y() - metrics.height() / 2,
                                      metrics.horizontalAdvance(shown), metrics.height()), pixel_size))
            top += line_height
        return top


# -- one key result ----------------------------------------------------------------------------------


def paint_key_result_chart(canvas: Canvas, rect: QRectF, series: KeyResultSeries) -> None:
    """Values over the period against the planned line, and the confidence history in words."""
    style, painter = canvas.style, canvas.painter
    row = style.row_height
    history_width = min(rect.width() * 0.34, canvas.width_of("30 Sep · off track") + style.label_px)
    plot_box = QRectF(rect.left(), rect.top(), rect.width() - history_width - style.label_px, rect.height())
    _paint_confidence_history(canvas, QRectF(plot_box.right() + style.label_px, rect.top(), history_width,
                                             rect.height()), series)
    canvas.text(QRectF(plot_box.left(), plot_box.top(), plot_box.width(), row),
                legend_of(series), style.muted)
    low, high = series.value_range()
    labels = [axis_value(v, series.unit) for v in (low, high, series.baseline, series.target) if v is not None]
    axis_width = max(canvas.width_of(text) for text in labels) + style.label_px / 2
    plot = QRectF(plot_box.left() + axis_width, plot_box.top() + row * 1.5,
                  plot_box.width() - axis_width - style.label_px, plot_box.height() - row * 2.6)
    if plot.width() < 20 or plot.height() < 20:
        return
    span_days = max(1, (series.end - series.start).days)

    def x_of(day: date) -> float:
        share = min(1.0, max(0.0, (day - series.start).days / span_days))
        return plot.left() + share * plot.width()

    def y_of(value: float) -> float:
        return plot.bottom() - (value - low) / (high - low) * plot.height()

    painter.setPen(QPen(QColor(style.line), max(1.0, style.label_px / 12)))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    for day, align in ((series.start, Qt.AlignmentFlag.AlignLeft), (series.end, Qt.AlignmentFlag.AlignRight)):
        canvas.text(QRectF(plot.left() - axis_width / 2 if align == Qt.AlignmentFlag.AlignLeft else plot.left(),
                           plot.bottom() + row * 0.1, plot.width() + axis_width / 2, row),
                    short_day(day), style.muted, align)
    _paint_value_axis(canvas, plot, axis_width, series, y_of)
    if series.baseline is not None and series.target is not None:
        pen = QPen(QColor(style.muted), max(1.5, style.label_px / 8), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x_of(series.start), y_of(series.baseline)),
                         QPointF(x_of(series.end), y_of(series.target)))
    valued = [p for p in series.points if p.value is not None]
    if not valued:
        canvas.text(plot, tr("No value recorded yet"), style.text, Qt.AlignmentFlag.AlignHCenter)
        return
    painter.setPen(QPen(QColor(style.value), max(2.0, style.label_px / 6)))
    points = [QPointF(x_of(p.day), y_of(p.value)) for p in valued]
    for start, end in zip(points, points[1:]):
        painter.drawLine(start, end)
    painter.setBrush(QColor(style.value))
    radius = max(3.0, style.label_px / 4)
    for point in points:
        painter.drawEllipse(point, radius, radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _paint_value_axis(canvas: Canvas, plot: QRectF, axis_width: float, series: KeyResultSeries, y_of) -> None:
    """Baseline and target (or the range's ends) beside the axis, never two labels on one line."""
    style = canvas.style
    row = style.row_height
    marks = [v for v in (series.baseline, series.target) if v is not None] or list(series.value_range())
    taken: list[float] = []
    for value in marks:
        y = y_of(value)
        if any(abs(y - other) < row for other in taken):
            continue
        taken.append(y)
        top = min(max(plot.top() - row / 2, y - row / 2), plot.bottom() - row / 2)
        canvas.text(QRectF(plot.left() - axis_width, top, axis_width - style.label_px / 3, row),
                    axis_value(value, series.unit), style.muted, Qt.AlignmentFlag.AlignRight)


def _paint_confidence_history(canvas: Canvas, rect: QRectF, series: KeyResultSeries) -> None:
    """The confidences given, newest first, as many as fit: "18 Jan · at risk"."""
    style = canvas.style
    row = style.row_height
    canvas.text(QRectF(rect.left(), rect.top(), rect.width(), row), tr("Confidence"), style.text, bold=True)
    given = [p for p in reversed(series.points) if p.confidence]
    if not given:
        canvas.text(QRectF(rect.left(), rect.top() + row, rect.width(), row), tr("not given yet"), style.muted)
        return
    fits = max(0, int((rect.height() - row) // row))
    for index, point in enumerate(given[:fits]):
        canvas.text(QRectF(rect.left(), rect.top() + row * (index + 1), rect.width(), row),
                    f"{short_day(point.day)} · {point.confidence}", style.text if index == 0 else style.muted)


# -- the team ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressRow:
    """One bar of the team view: an objective (bold) or one of its key results."""

    ref: str
    text: str
    progress: float | None
    is_objective: bool


def team_rows(objectives: tuple[ObjectiveProgress, ...]) -> list[ProgressRow]:
    rows = []
    for objective in objectives:
        rows.append(ProgressRow(objective.ref, objective.objective.text, objective.progress, True))
        rows += [ProgressRow(kr.ref, kr.key_result.text, kr.progress, False) for kr in objective.key_results]
    return rows


def rows_that_fit(height: float, style: ChartStyle) -> int:
    """How many rows of the team view fit in `height` (below its one-line legend)."""
    return max(1, int(height // style.row_height) - 1)


def paint_team_progress(canvas: Canvas, rect: QRectF, rows: list[ProgressRow], expected: float | None,
                        highlight: str = "", page_note: str = "") -> None:
    """One row per objective and key result: number, text, a bar of its progress, then its
    progress and band in words. `expected` (0..1) marks where the straight line stands today."""
    style, painter = canvas.style, canvas.painter
    row_height = style.row_height
    ref_width = max((canvas.width_of(row.ref, bold=True) for row in rows), default=0.0) + style.label_px
    words_width = max((canvas.width_of(progress_words(row.progress), bold=True) for row in rows), default=0.0) + 2
    bar_width = max(style.label_px * 4.0, rect.width() * 0.22)
    text_width = rect.width() - ref_width - bar_width - words_width - style.label_px * 2
    legend = tr("bar: progress from baseline to target")
    if expected is not None:
        legend += tr("   | the plan for today")
    if page_note:
        legend = f"{page_note}   {legend}"
    canvas.text(QRectF(rect.left(), rect.top(), rect.width(), row_height), legend, style.muted)
    for index, row in enumerate(rows[:rows_that_fit(rect.height(), style)]):
        top = rect.top() + row_height * (index + 1)
        line = QRectF(rect.left(), top, rect.width(), row_height)
        if row.ref == highlight:
            painter.fillRect(line, QColor(style.highlight))
        colour = style.text if row.is_objective or row.ref == highlight else style.muted
        x = rect.left()
        canvas.text(QRectF(x, top, ref_width, row_height), row.ref, colour, bold=row.is_objective)
        x += ref_width
        if text_width > style.label_px * 3:
            canvas.text(QRectF(x, top, text_width, row_height), row.text or tr("(no text yet)"), colour,
                        bold=row.is_objective)
            x += text_width + style.label_px
        bar = QRectF(x, top + row_height * 0.25, bar_width, row_height * 0.5)
        painter.setPen(QPen(QColor(style.line), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        band = progress_band(row.progress).name if row.progress is not None else UNSCORED
        if row.progress:
            painter.fillRect(QRectF(bar.left(), bar.top(), bar.width() * row.progress, bar.height()),
                             QColor(style.bands[band]))
        if expected is not None:
            painter.setPen(QPen(QColor(style.text), max(2.0, style.label_px / 8)))
            mark = bar.left() + bar.width() * expected
            painter.drawLine(QPointF(mark, bar.top() - row_height * 0.15), QPointF(mark, bar.bottom() + row_height * 0.15))
        canvas.text(QRectF(bar.right() + style.label_px, top, words_width, row_height),
                    progress_words(row.progress), colour, bold=row.is_objective)
