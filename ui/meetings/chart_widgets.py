"""The progress charts as laptop widgets: one key result's chart, and the team's progress bars.

Each widget is handed what to draw (`show_series`, `show_rows`) by its page and paints it with
`ui.meetings.charts` in the laptop's style; the projector paints the same functions in its own.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop.chart_series import KeyResultSeries

from ui.meetings import charts


class _ChartWidget(QWidget):
    def __init__(self, accessible_name: str):
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.style_ = charts.laptop_style()
        self.drawn: list[tuple[QRectF, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(self.style_.background))
        canvas = charts.Canvas(painter, self.style_)
        pad = self.style_.label_px / 2
        self.paint_chart(canvas, QRectF(self.rect()).adjusted(pad, pad, -pad, -pad))
        self.drawn = canvas.drawn
        painter.end()

    def paint_chart(self, canvas: charts.Canvas, rect: QRectF) -> None:
        raise NotImplementedError


class KeyResultChart(_ChartWidget):
    """A key result's values over the period against its planned line, with its confidences."""

    def __init__(self):
        super().__init__(self.tr("Progress chart of the key result"))
        self.series: KeyResultSeries | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, 240)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, 160)

    def show_series(self, series: KeyResultSeries | None) -> None:
        self.series = series
        if series is not None:
            confidence = series.confidence or self.tr("not given")
            self.setAccessibleDescription(f"{series.ref}: {charts.progress_words(series.progress)}, "
                                          f"{self.tr('confidence')} {confidence}")
        self.update()

    def paint_chart(self, canvas: charts.Canvas, rect: QRectF) -> None:
        if self.series is not None:
            charts.paint_key_result_chart(canvas, rect, self.series)


class TeamProgressChart(_ChartWidget):
    """Every objective and key result as a bar of its progress, with numbers and band words."""

    def __init__(self):
        super().__init__(self.tr("Progress of every key result"))
        self.rows: list[charts.ProgressRow] = []
        self.expected: float | None = None
        self.highlight = ""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, int(self.style_.row_height * (len(self.rows) + 1) + self.style_.label_px))

    def show_rows(self, rows: list[charts.ProgressRow], expected: float | None, highlight: str = "") -> None:
        self.rows, self.expected, self.highlight = rows, expected, highlight
        self.setMinimumHeight(self.sizeHint().height())
        self.setAccessibleDescription("; ".join(f"{r.ref} {charts.progress_words(r.progress)}" for r in rows))
        self.update()

    def paint_chart(self, canvas: charts.Canvas, rect: QRectF) -> None:
        charts.paint_team_progress(canvas, rect, self.rows, self.expected, self.highlight)
