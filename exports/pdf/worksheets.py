"""Blank worksheets to print before the workshop (ARCHITECTURE.md, Outputs), each sheet on one side of paper.

The texts (titles, instructions, formulas, questions) come from assets/worksheets.json. The
pack's appendix adds the same sheets through `add_worksheets`, so there is one layout to keep.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from assets import load_json
from exports.pdf.document import Story
from exports.pdf.fonts import register_fonts
from exports.pdf.glyphs import GlyphGuard
from exports.pdf.output import ExportResult, write_atomically
from exports.pdf.pages import render
from exports.pdf.theme import RULE, WORKSHEET

SCHEDULE_ROWS = 16  # the paper schedule of ARCHITECTURE.md, The workshop step 5
OBJECTIVE_SLOTS = 5  # teams write 3-5 objectives
KEY_RESULT_SLOTS = 5  # and 3-5 key results per objective
TEST_BLOCKS_PER_PAGE = 2
TICK_BOX = "\u2610"
BLANK = "_" * 18
GAP = "\u00a0" * 5  # non-breaking spaces: Paragraph would collapse ordinary ones


def worksheet_header(story: Story, team: str, period: str) -> str:
    """The line at the top of every sheet: the team and period, or blanks to fill in by hand."""
    story.where = "Team and period"
    return f"Team: {story.plain(team) or BLANK}    Period: {story.plain(period) or BLANK}"


def add_worksheets(story: Story, *, outline_level: int = 0, group_title: str | None = None) -> None:
    """Append every blank sheet, each starting on its own page under the worksheet template.

    With `group_title`, the first sheet's bookmark is preceded by one for the whole group.
    """
    texts = load_json("worksheets.json")
    sheets = (
        (texts["brainstorm"]["title"], lambda: _brainstorm(story, texts["brainstorm"])),
        (texts["objectives"]["title"], lambda: _objectives(story, texts["objectives"])),
        (texts["key_results"]["title"], lambda: _key_results(story, texts["key_results"])),
        (texts["tests"]["title"], lambda: _tests(story, texts["tests"])),
        (texts["schedule"]["title"], lambda: _schedule(story, texts["schedule"])),
        (texts["retrospective"]["title"], lambda: _retrospective(story, texts["retrospective"])),
    )
    for number, (title, write_sheet) in enumerate(sheets):
        story.new_page(WORKSHEET)
        story.where = f"Worksheet: {title}"
        outline = [(title, outline_level)]
        if group_title and number == 0:
            outline.insert(0, (group_title, outline_level - 1))
        story.h1(title, outline=outline)
        write_sheet()


def _brainstorm(story: Story, texts: dict) -> None:
    for prompt in texts["prompts"]:
        with story.kept_together():
            story.h2(prompt, room_below=0)
            story.lines(5, 8 * mm)


def _objectives(story: Story, texts: dict) -> None:
    story.p(texts["instructions"], "muted")
    story.p(texts["formula"], "formula")
    for slot in range(1, OBJECTIVE_SLOTS + 1):
        with story.kept_together():
            story.h2(f"Objective {slot}", "h3", room_below=0)
            story.lines(2, 9.5 * mm)
            story.spacer(2.5 * mm)
            story.p(f"{TICK_BOX} Committed{GAP}{TICK_BOX} Aspirational{GAP}"
                    f"Supports company objective: {'_' * 30}", "muted")


def _key_results(story: Story, texts: dict) -> None:
    story.p(texts["instructions"], "muted")
    _blank_line(story, "Objective")
    story.spacer(2 * mm)
    story.p(texts["formula"], "formula")
    kind = f"{TICK_BOX} Metric\n{TICK_BOX} Milestone"
    rows = [[str(slot), "", kind, "", "", "", ""] for slot in range(1, KEY_RESULT_SLOTS + 1)]
    story.table(["#", "Key result", "Kind", "Baseline", "Target", "Unit", "Owner"], rows,
                widths=(0.04, 0.35, 0.14, 0.12, 0.11, 0.10, 0.14), row_height=24 * mm, empty="")
    story.spacer(2 * mm)
    story.p(texts["kinds_hint"], "muted")
    story.h2("Initiatives (what we will do)")
    story.lines(3, 8 * mm)


def _tests(story: Story, texts: dict) -> None:
    for block in range(TEST_BLOCKS_PER_PAGE):
        if block:
            story.spacer(8 * mm)
        _blank_line(story, "Objective")
        for question in (texts["necessary"], texts["sufficient"]):
            with story.kept_together():
                story.h2(question, room_below=0)
                story.p(f"{TICK_BOX} Yes{GAP}{TICK_BOX} No{GAP}Note:", "body")
                story.lines(3, 8 * mm)


def _schedule(story: Story, texts: dict) -> None:
    story.p(texts["instructions"], "muted")
    columns = texts["columns"]
    widths = _schedule_widths(len(columns))
    story.table(columns, [[""] * len(columns) for _ in range(SCHEDULE_ROWS)], widths,
                row_height=10.5 * mm, empty="")


def _schedule_widths(column_count: int) -> tuple[float, ...]:
    """Date, time, meeting and length are short; the last column (notes) takes what is left."""
    if column_count == 5:
        return (0.17, 0.11, 0.27, 0.11, 0.34)
    return tuple(1 / column_count for _ in range(column_count))


def _retrospective(story: Story, texts: dict) -> None:
    for question in texts["questions"]:
        with story.kept_together():
            story.h2(question, room_below=0)
            story.lines(3, 7.5 * mm)


def _blank_line(story: Story, label: str) -> None:
    """"Label: ________" across the whole line, to write on."""
    line = Table([[story.cell(f"{label}:", "cell_bold"), ""]],
                 colWidths=(28 * mm, story.frame_width - 28 * mm), rowHeights=(10 * mm,))
    line.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.6, RULE),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    story.add(line)


def build_worksheets(path: Path | str, paper: str = "a4", team: str = "", period: str = "") -> ExportResult:
    """Write the blank worksheets to `path` (atomically); team and period fill the header if given."""
    guard = GlyphGuard(register_fonts())
    story = Story(guard, paper)
    header = worksheet_header(story, team, period)
    add_worksheets(story)
    pages = write_atomically(Path(path), lambda output: render(
        story, output, footer_left="OKR Workshop worksheets", worksheet_header=header,
        title="OKR Workshop worksheets", subject=period))
    return ExportResult(Path(path), pages, guard.report())
