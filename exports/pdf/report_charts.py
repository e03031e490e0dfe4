"""The quarter report's charts, drawn with ReportLab's own vector charts (`reportlab.graphics`).

- A key result's chart: its recorded values over the period against the planned path, the straight
  line from baseline on the first day to target on the last (for a milestone: from no stages done
  to all of them). Dates run along the bottom, values up the side.
- The team's chart: every key result's progress as a bar from 0 to 100%, in its band's colour and
  with the band's word and the percentage printed beside it (printouts are often grey: ARCHITECTURE.md,
  Scoring).

Charts carry only numbers, dates and key-result numbers ("2.3"); the words people wrote (which may
need any script) are printed around the charts as paragraphs, where the glyph guard sees them.
"""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm

from exports.pdf.fonts import BOLD, REGULAR
from exports.pdf.theme import ACCENT, INK, MUTED, RULE
from workshop import models
from workshop.kr_numbers import format_number
from workshop.progress import KeyResultProgress, ObjectiveProgress, metric_numbers, progress_band

LABEL_SIZE = 7.5
PLAN_COLOUR = colors.Color(0.45, 0.45, 0.45)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day_label(day: date, with_year: bool = False) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}" if with_year else f"{day.day} {_MONTHS[day.month - 1]}"


def chart_period(period_start: str, period_end: str, dates: list[str]) -> tuple[date, date]:
    """The first and last day the chart spans: the period, stretched to every check-in's date
    (a period not filled in, or a check-in held after it, still shows every value)."""
    days = [date.fromisoformat(d) for d in dates]
    try:
        start, end = date.fromisoformat(period_start), date.fromisoformat(period_end)
    except ValueError:
        start, end = (min(days), max(days)) if days else (date.today(), date.today())
    start, end = min([start, *days]), max([end, *days])
    if end > start:
        return start, end
    return (start, start + timedelta(days=1)) if start < date.max else (start - timedelta(days=1), start)


def _ticks(start: date, end: date) -> list[date]:
    """Where the date axis is labelled: the first of each month (a quarter has four labels); over a
    span longer than a year (only a file with strange dates has one), six evenly spaced days."""
    span = (end - start).days
    if span > 400:
        return [start + timedelta(days=round(span * step / 5)) for step in range(6)]
    ticks, day = [start], date(start.year, start.month, 1)
    while True:
        if day.year == date.max.year and day.month == 12:
            break
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        if day > end:
            break
        if (day - ticks[-1]).days > 12:  # labels closer than this would overlap
            ticks.append(day)
    return ticks + ([end] if (end - ticks[-1]).days > 12 else [])


def _planned_path(key_result: KeyResultProgress) -> tuple[float, float] | None:
    record = key_result.key_result
    if record.kind == models.MILESTONE:
        return (0.0, float(key_result.stage_count)) if key_result.stage_count else None
    baseline, target = metric_numbers(record)
    return None if baseline is None or target is None else (baseline, target)


def key_result_chart(key_result: KeyResultProgress, period_start: str, period_end: str, width: float,
                     height: float = 50 * mm) -> Drawing:
    """Recorded values against the planned path across the period, with a legend in words."""
    points = [(point.held_on, point.current) for point in key_result.history if point.current is not None]
    start, end = chart_period(period_start, period_end, [held_on for held_on, _ in points])
    span = (end - start).days
    planned = _planned_path(key_result)
    values = [value for _, value in points] + list(planned or ())
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high == low:
        low, high = low - 1, high + 1
    margin = (high - low) * 0.08
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 42, 30, width - 52, height - 42
    series = []
    if planned is not None:
        series.append([(0, planned[0]), (span, planned[1])])
    series.append([((date.fromisoformat(held_on) - start).days, value) for held_on, value in points] or [(0, low)])
    plot.data = series
    plan_line = plot.lines[0]
    plan_line.strokeColor, plan_line.strokeWidth, plan_line.strokeDashArray = PLAN_COLOUR, 1, (4, 3)
    actual_line = plot.lines[len(series) - 1]
    actual_line.strokeColor, actual_line.strokeWidth = ACCENT, 1.8
    actual_line.symbol = makeMarker("FilledCircle", size=4, fillColor=ACCENT, strokeColor=ACCENT)
    if not points:
        actual_line.strokeColor, actual_line.symbol = None, None
    x_axis, y_axis = plot.xValueAxis, plot.yValueAxis
    x_axis.valueMin, x_axis.valueMax = 0, span
    x_axis.valueSteps = [(day - start).days for day in _ticks(start, end)]
    with_year = span > 400
    x_axis.labelTextFormat = lambda offset: _day_label(start + timedelta(days=int(round(offset))), with_year)
    y_axis.valueMin, y_axis.valueMax = low - margin, high + margin
    y_axis.labelTextFormat = format_number
    y_axis.visibleGrid, y_axis.gridStrokeColor, y_axis.gridStrokeWidth = True, RULE, 0.3
    for axis in (x_axis, y_axis):
        axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = REGULAR, LABEL_SIZE, INK
        axis.strokeColor = MUTED
    drawing.add(plot)
    _legend(drawing, height, planned is not None, bool(points))
    return drawing


def _legend(drawing: Drawing, height: float, with_plan: bool, with_values: bool) -> None:
    top = height - 6
    x = 42
    if with_plan:
        drawing.add(Line(x, top + 2.5, x + 16, top + 2.5, strokeColor=PLAN_COLOUR, strokeWidth=1,
                         strokeDashArray=(4, 3)))
        drawing.add(String(x + 20, top, "planned path, baseline to target", fontName=REGULAR,
                           fontSize=LABEL_SIZE, fillColor=INK))
        x += 160
    if with_values:
        drawing.add(Line(x, top + 2.5, x + 16, top + 2.5, strokeColor=ACCENT, strokeWidth=1.8))
        drawing.add(Circle(x + 8, top + 2.5, 2, fillColor=ACCENT, strokeColor=ACCENT))
        drawing.add(String(x + 20, top, "values recorded at check-ins", fontName=REGULAR,
                           fontSize=LABEL_SIZE, fillColor=INK))
    else:
        drawing.add(String(x, top, "no value recorded yet", fontName=REGULAR, fontSize=LABEL_SIZE,
                           fillColor=MUTED))


def progress_words(progress: float | None) -> str:
    """"55% · At risk", or "no value yet": the number and the band's word, never colour alone."""
    if progress is None:
        return "no value yet"
    return f"{round(progress * 100)}% \u00b7 {progress_band(progress).word}"


MAX_BARS_PER_CHART = 40  # 15 points a bar: a taller chart would not fit on one page, and cannot be split


def team_charts(objectives: tuple[ObjectiveProgress, ...], width: float) -> list[Drawing]:
    """Every key result's progress as a bar, first key result at the top, coloured by band, with
    its percentage and band word beside it; in charts of at most MAX_BARS_PER_CHART bars each."""
    key_results = [kr for objective in objectives for kr in objective.key_results]
    return [_bars_chart(key_results[start:start + MAX_BARS_PER_CHART], width)
            for start in range(0, max(1, len(key_results)), MAX_BARS_PER_CHART)]


def _bars_chart(key_results: list, width: float) -> Drawing:
    bar_room = 15
    height = 40 + bar_room * max(1, len(key_results))
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 24, width - 150, height - 34
    ordered = list(reversed(key_results))  # the chart draws its first category at the bottom
    chart.data = [[kr.progress or 0.0 for kr in ordered]] if ordered else [[0.0]]
    chart.categoryAxis.categoryNames = [kr.ref for kr in ordered] or [""]
    chart.barLabelArray = [[progress_words(kr.progress) for kr in ordered]] if ordered else [[""]]
    chart.barLabelFormat = "values"
    chart.barLabels.fontName, chart.barLabels.fontSize = REGULAR, LABEL_SIZE
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 4
    chart.barLabels.boxFillColor = colors.white  # a band line behind a label must not strike it through
    chart.bars.strokeColor, chart.barWidth = None, 9
    for index, kr in enumerate(ordered):
        band = progress_band(kr.progress)
        chart.bars[(0, index)].fillColor = colors.HexColor(band.colour)
    value_axis = chart.valueAxis
    value_axis.valueMin, value_axis.valueMax, value_axis.valueSteps = 0, 1, [0, 0.4, 0.7, 1]  # the band edges
    value_axis.labelTextFormat = lambda value: f"{round(value * 100)}%"
    value_axis.visibleGrid, value_axis.gridStrokeColor, value_axis.gridStrokeWidth = True, RULE, 0.6
    value_axis.gridStrokeDashArray = (3, 2)
    for axis in (value_axis, chart.categoryAxis):
        axis.labels.fontName, axis.labels.fontSize = REGULAR, LABEL_SIZE
        axis.strokeColor = MUTED
    chart.categoryAxis.labels.fontName = BOLD
    drawing.add(chart)
    return drawing
