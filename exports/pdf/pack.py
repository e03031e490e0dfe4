"""The PDF pack handed out after the workshop (ARCHITECTURE.md, Outputs): every section, in order, written atomically.

Built from an immutable `WorkshopSnapshot`, so it can run in an executor while the UI goes on;
nothing here touches Qt. Sections with nothing in them print one sentence instead of vanishing.
"""

from __future__ import annotations

from pathlib import Path

from exports.pdf.document import Story
from exports.pdf.fonts import register_fonts
from exports.pdf.glyphs import GlyphGuard
from exports.pdf.output import ExportResult, write_atomically
from exports.pdf.pack_followup import (
    write_meeting_templates, write_reference_card, write_schedule, write_wrap_up,
)
from exports.pdf.pack_objectives import write_objectives
from exports.pdf.pack_overview import DEFAULT_TITLE, write_agenda, write_alignment, write_cover
from exports.pdf.pages import render
from exports.pdf.rollup_pack import build_rollup_pack
from exports.pdf.wording import period
from exports.pdf.worksheets import add_worksheets, worksheet_header
from workshop.rollup import is_rollup, rollup_from_snapshot
from workshop.snapshot import WorkshopSnapshot

SECTIONS = (
    write_cover,
    write_agenda,
    write_alignment,
    write_objectives,
    write_schedule,
    write_wrap_up,
    write_reference_card,
    write_meeting_templates,
)
APPENDIX_TITLE = "Appendix: blank worksheets"


def build_pack(snapshot: WorkshopSnapshot, path: Path | str, paper: str = "a4") -> ExportResult:
    """Write the whole pack to `path` (A4 or Letter) and say what could not be printed, by place.

    Raises ValueError for an unknown paper size and `ExportError` (an OSError) when the file
    cannot be written; an existing file at `path` is replaced only by a complete pack.
    A company roll-up's session gets the roll-up's own PDF instead.
    """
    if is_rollup(snapshot.details):
        return build_rollup_pack(rollup_from_snapshot(snapshot), path, paper,
                                 made_on=snapshot.details.workshop_date)
    path = Path(path)
    guard = GlyphGuard(register_fonts())
    story = Story(guard, paper)
    details = snapshot.details
    header = worksheet_header(story, details.team, details.period_label)
    footer = " \u00b7 ".join(part for part in (story.plain(details.team), story.plain(period(details))) if part)
    for write_section in SECTIONS:
        write_section(story, snapshot)
    add_worksheets(story, outline_level=1, group_title=APPENDIX_TITLE)
    title = (details.title or "").strip() or DEFAULT_TITLE
    pages = write_atomically(path, lambda output: render(
        story, output, footer_left=footer or title, worksheet_header=header,
        title=f"{title} \u2014 {details.team}" if details.team else title,
        author=details.facilitator, subject=period(details)))
    return ExportResult(path, pages, guard.report())
