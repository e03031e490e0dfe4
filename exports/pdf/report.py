"""The quarter report (`okr-workshop report`; ARCHITECTURE.md, Scoring and Command line): how the
period went, from the check-ins.

Cover with every objective's progress and score; the team's view of every key result's progress;
one section per objective with, for each key result, its chart (values against the planned path),
and its check-ins in a table (value, progress, confidence in words, note); the meeting notes; the
retrospective's scores, questions and answers; the key results that never got a value.

Built from an immutable `WorkshopSnapshot` like the pack, so it can run off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from exports.pdf import wording
from exports.pdf.document import Story
from exports.pdf.fonts import register_fonts
from exports.pdf.glyphs import GlyphGuard
from exports.pdf.output import ExportResult, write_atomically
from exports.pdf.pages import render
from exports.pdf.report_charts import key_result_chart, progress_words, team_charts
from exports.pdf.report_sections import (
    score_words, write_meeting_notes, write_never_measured, write_retrospective,
)
from exports.pdf.theme import BODY, COVER, EMPTY_CELL
from workshop import models
from workshop.kr_numbers import format_value
from workshop.progress import KeyResultProgress, ObjectiveProgress, metric_numbers, quarter_progress, unit_of
from workshop.snapshot import WorkshopSnapshot

REPORT_TITLE = "Quarter report"
CONFIDENCE_WORDS = {models.ON_TRACK: "On track", models.AT_RISK: "At risk", models.OFF_TRACK: "Off track"}


def build_report(snapshot: WorkshopSnapshot, path: Path | str, paper: str = "a4") -> ExportResult:
    """Write the quarter report to `path` (A4 or Letter) and say what could not be printed, by place.

    Args:
        snapshot: the session, frozen.
        path: the PDF to write; it appears only when complete (an existing file is replaced).
        paper: "a4" or "letter".

    Raises:
        ValueError: an unknown paper size.
        ExportError: the file could not be written (one sentence).
    """
    path = Path(path)
    guard = GlyphGuard(register_fonts())
    story = Story(guard, paper)
    objectives = quarter_progress(snapshot)
    details = snapshot.details
    _cover(story, snapshot, objectives)
    if details.kind != models.KIND_ROLLUP:  # a roll-up's key results are listed under each objective
        _team_view(story, objectives)
    for objective in objectives:
        _objective(story, snapshot, objective)
    write_meeting_notes(story, snapshot)
    write_retrospective(story, snapshot, objectives)
    write_never_measured(story, objectives)
    footer = " \u00b7 ".join(part for part in (story.plain(details.team), story.plain(wording.period(details)),
                                               REPORT_TITLE) if part)
    pages = write_atomically(path, lambda output: render(
        story, output, footer_left=footer, title=f"{REPORT_TITLE} \u2014 {details.team}".rstrip(" \u2014"),
        author=details.facilitator, subject=wording.period(details)))
    return ExportResult(path, pages, guard.report())


def _cover(story: Story, snapshot: WorkshopSnapshot, objectives: tuple[ObjectiveProgress, ...]) -> None:
    details = snapshot.details
    story.new_page(COVER, then=BODY)
    story.where = "Cover"
    heading = story.paragraph(REPORT_TITLE, "title")
    heading.outline_entries = (("Cover", 0),)
    story.add(heading)
    story.p(details.team or "Our team", "subtitle")
    story.rule()
    story.field("Period", wording.period(details))
    dates = [checkin.held_on for checkin in snapshot.checkins]
    story.field("Check-ins", f"{len(dates)}, the latest on {wording.day(max(dates))}" if dates else "none yet")
    story.field("Facilitator", details.facilitator)
    story.spacer(6 * mm)
    story.h2("Objectives")
    if not objectives:
        story.empty("No team objectives were written yet.")
        return
    rows = [[objective.ref, _with_team(objective), progress_words(objective.progress),
             score_words(objective.score, objective.objective.commitment)] for objective in objectives]
    story.table(["#", "Objective", "Progress", "Score"], rows, widths=(0.06, 0.54, 0.2, 0.2))
    story.spacer(3 * mm)
    story.p("Progress is the share of the way from baseline to target (a milestone: of its stages), "
            "an objective's the mean of its key results, where one without a value counts as 0. "
            "Bands: off track below 40%, at risk from 40%, on track from 70%.", "muted")


def _with_team(objective: ObjectiveProgress) -> str:
    """The objective's words, after its team's name in a roll-up (several teams may share words)."""
    record = objective.objective
    return f"{record.team}: {record.text}" if record.team else record.text


def _team_view(story: Story, objectives: tuple[ObjectiveProgress, ...]) -> None:
    story.new_page()
    story.where = "Team view"
    story.h1("Every key result at a glance")
    if not any(objective.key_results for objective in objectives):
        story.empty("No key results were written yet.")
        return
    story.p("The latest progress of each key result, by its number. The dashed lines at 40% and 70% "
            "are where the bands change: off track below 40%, at risk from 40%, on track from 70%.", "muted")
    for chart in team_charts(objectives, story.frame_width):  # a chart taller than a page cannot be drawn
        story.add(chart)
    story.spacer(4 * mm)
    rows = [[kr.ref, kr.key_result.text, kr.key_result.owner, kr.confidence or EMPTY_CELL]
            for objective in objectives for kr in objective.key_results]
    story.table(["#", "Key result", "Owner", "Confidence"], rows, widths=(0.07, 0.6, 0.19, 0.14))


def _numbers_line(kr: KeyResultProgress) -> str:
    record = kr.key_result
    if record.kind == models.MILESTONE:
        plan = f"{kr.stage_count} stages" if kr.stage_count else "stages not named yet"
        now = f"{int(kr.current)} of {kr.stage_count} stages done" if kr.current is not None else "no value yet"
    else:
        baseline, target = metric_numbers(record)
        unit = unit_of(record)
        plan = (f"from {format_value(baseline, unit)} to {format_value(target, unit)}"
                if baseline is not None and target is not None else "baseline or target not set")
        now = f"now {format_value(kr.current, unit)}" if kr.current is not None else "no value yet"
    confidence = f"owner's confidence: {kr.confidence}" if kr.confidence else "no confidence given yet"
    return f"{plan} \u00b7 {now} \u00b7 progress {progress_words(kr.progress)} \u00b7 {confidence}"


def _value_column(kr: KeyResultProgress) -> tuple[str, str]:
    """The value column's heading and the unit its cells carry: a long unit goes in the heading."""
    unit = unit_of(kr.key_result).strip()
    if kr.key_result.kind == models.MILESTONE or len(unit) <= 3:
        return "Value", unit
    return f"Value ({unit})", ""


def _check_in_rows(kr: KeyResultProgress, unit: str) -> list[list[str]]:
    record = kr.key_result
    rows = []
    for point in kr.history:
        if point.current is None:
            value = EMPTY_CELL
        elif record.kind == models.MILESTONE:
            value = f"{int(point.current)} of {kr.stage_count}" if kr.stage_count else str(int(point.current))
        else:
            value = format_value(point.current, unit)
        progress = EMPTY_CELL if point.progress is None else f"{round(point.progress * 100)}%"
        rows.append([wording.day(point.held_on, with_weekday=False), value, progress,
                     CONFIDENCE_WORDS.get(point.confidence, EMPTY_CELL), point.note])
    return rows


def _objective(story: Story, snapshot: WorkshopSnapshot, objective: ObjectiveProgress) -> None:
    number = int(objective.ref)
    story.numbered_section("Objective", number, objective.objective.text, group="Objectives")
    story.p(objective.objective.text or EMPTY_CELL, "statement")
    if objective.objective.team:
        story.field("Team", objective.objective.team)
    story.field("Type", wording.commitment(objective.objective.commitment))
    story.field("Progress", progress_words(objective.progress))
    story.field("Score", score_words(objective.score, objective.objective.commitment))
    if not objective.key_results:
        story.empty("This objective has no key results.")
    details = snapshot.details
    # A roll-up's teams keep their charts and check-in notes in their own reports: here each key
    # result is its numbers line, which keeps a company of hundreds of key results to seconds.
    whole_company = details.kind == models.KIND_ROLLUP
    for kr in objective.key_results:
        story.where = f"Key result {kr.ref}"
        heading = story.paragraph(f"{kr.ref}  {kr.key_result.text or EMPTY_CELL}", "h2")
        line = story.paragraph(_numbers_line(kr), "muted")
        if whole_company:
            story.add(KeepTogether([heading, line]))
            continue
        chart = key_result_chart(kr, details.period_start, details.period_end, story.frame_width)
        story.add(KeepTogether([heading, line, chart]))
        value_heading, unit = _value_column(kr)
        rows = _check_in_rows(kr, unit)
        if rows:
            story.table(["Check-in", value_heading, "Progress", "Confidence", "Note"], rows,
                        widths=(0.15, 0.17, 0.11, 0.15, 0.42), right_aligned=(1, 2))
        else:
            story.empty("No check-in has reported on this key result yet.")
        story.spacer(4 * mm)
