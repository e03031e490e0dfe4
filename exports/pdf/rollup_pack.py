"""The company roll-up's PDF (ARCHITECTURE.md, Outputs): every team's objectives under the company objectives.

Cover with the teams at a glance, the roll-up's findings (unaligned objectives, oversized teams),
one section per company objective listing the team objectives under it with their key results,
then the objectives no company objective covers. Built from a `Rollup`, never from Qt.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

from assets import load_json
from exports.pdf import wording
from exports.pdf.document import Story
from exports.pdf.fonts import register_fonts
from exports.pdf.glyphs import GlyphGuard
from exports.pdf.output import ExportResult, write_atomically
from exports.pdf.pack_objectives import write_key_results
from exports.pdf.pages import render
from exports.pdf.rollup_progress import write_team_progress
from exports.pdf.theme import BODY, COVER, EMPTY_CELL
from workshop.rollup import ROLLUP_TITLE, Rollup, TeamObjective, counted, rollup_findings

TEXT = load_json("report_texts.json")["rollup"]


def build_rollup_pack(rollup: Rollup, path: Path | str, paper: str = "a4", made_on: str = "") -> ExportResult:
    """Write the roll-up PDF to `path` (A4 or Letter); errors as `build_pack`'s."""
    path = Path(path)
    guard = GlyphGuard(register_fonts())
    story = Story(guard, paper)
    _cover(story, rollup, made_on)
    _findings(story, rollup)
    write_team_progress(story, rollup)
    for index, company_objective in enumerate(rollup.company_objectives):
        _company_objective(story, rollup, index, company_objective)
    _unaligned(story, rollup)
    footer = " \u00b7 ".join(story.plain(part) for part in (ROLLUP_TITLE, rollup.period) if part)
    pages = write_atomically(path, lambda output: render(
        story, output, footer_left=footer, title=f"{ROLLUP_TITLE} {rollup.period}".strip(),
        subject=", ".join(team.name for team in rollup.teams)))
    return ExportResult(path, pages, guard.report())


def _cover(story: Story, rollup: Rollup, made_on: str) -> None:
    story.new_page(COVER, then=BODY)  # a long team list continues on pages with a footer
    story.where = TEXT["cover"]
    heading = story.paragraph(ROLLUP_TITLE, "title")
    heading.outline_entries = ((TEXT["cover"], 0),)
    story.add(heading)
    if rollup.periods:
        story.p(", ".join(rollup.periods), "subtitle")
    story.rule()
    if made_on:
        story.field(TEXT["rolled_up_on"], wording.day(made_on))
    key_results = sum(team.key_results for team in rollup.teams)
    story.p(" \u00b7 ".join((counted(len(rollup.teams), "team"), counted(len(rollup.objectives), "objective"),
                             counted(key_results, "key result"),
                             counted(len(rollup.company_objectives), "company objective"))), "muted")
    story.spacer(8 * mm)
    story.where = TEXT["teams"]
    story.h2(TEXT["teams"])
    rows = [[team.name, str(team.objectives), str(team.key_results), str(team.unaligned), team.period]
            for team in rollup.teams]
    total = [TEXT["total"], str(len(rollup.objectives)), str(key_results), str(len(rollup.unaligned)), ""]
    story.table([TEXT["column_team"], TEXT["column_objectives"], TEXT["column_key_results"],
                 TEXT["column_not_aligned"], TEXT["column_period"]], rows,
                widths=(0.36, 0.14, 0.15, 0.15, 0.20), right_aligned=(1, 2, 3), total=total)


def _findings(story: Story, rollup: Rollup) -> None:
    story.new_page()
    story.where = TEXT["what_to_look_at"]
    story.h1(TEXT["what_to_look_at"])
    findings = rollup_findings(rollup)
    if findings:
        story.bullets(findings)
    else:
        story.empty(TEXT["nothing_to_look_at"])


def _company_objective(story: Story, rollup: Rollup, index: int, company_objective) -> None:
    number = index + 1
    story.numbered_section(TEXT["company_objective"], number, company_objective.text,
                           group=TEXT["company_objectives"])
    story.p(company_objective.text or EMPTY_CELL, "statement")
    if company_objective.key_results:
        story.h2(TEXT["company_key_results"], "h3")
        story.bullets(company_objective.key_results)
    supporting = rollup.objectives_under(index)
    story.h2(TEXT["supporting"].format(count=len(supporting)))
    if not supporting:
        story.empty(TEXT["none_supporting"])
    for team_objective in supporting:
        through = team_objective.company_key_result
        _team_objective(story, team_objective, None if through is None
                        else company_objective.key_results[through])


def _unaligned(story: Story, rollup: Rollup) -> None:
    story.new_page()
    story.where = TEXT["not_aligned"]
    story.h1(TEXT["not_aligned_title"])
    if not rollup.unaligned:
        story.empty(TEXT["all_supporting"])
    for team_objective in rollup.unaligned:
        _team_objective(story, team_objective, None)


def _team_objective(story: Story, team_objective: TeamObjective, through_key_result: str | None) -> None:
    """The team and its objective as a heading, then what it supports and its key results."""
    with story.kept_together():  # a block is short: move it whole rather than orphan its heading
        story.h2(TEXT["team_objective"].format(team=team_objective.team, text=team_objective.objective.text or EMPTY_CELL),
                 "h3", room_below=0)
        if through_key_result:
            story.field(TEXT["through"], through_key_result, "muted")
        write_key_results(story, list(team_objective.key_results), with_heading=False)
