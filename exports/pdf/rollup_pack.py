"""The company roll-up's PDF (ARCHITECTURE.md, Outputs): every team's objectives under the company objectives.

Cover with the teams at a glance, the roll-up's findings (unaligned objectives, oversized teams),
one section per company objective listing the team objectives under it with their key results,
then the objectives no company objective covers. Built from a `Rollup`, never from Qt.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

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
    story.where = "Cover"
    heading = story.paragraph(ROLLUP_TITLE, "title")
    heading.outline_entries = (("Cover", 0),)
    story.add(heading)
    if rollup.periods:
        story.p(", ".join(rollup.periods), "subtitle")
    story.rule()
    if made_on:
        story.field("Rolled up on", wording.day(made_on))
    key_results = sum(team.key_results for team in rollup.teams)
    story.p(" \u00b7 ".join((counted(len(rollup.teams), "team"), counted(len(rollup.objectives), "objective"),
                             counted(key_results, "key result"),
                             counted(len(rollup.company_objectives), "company objective"))), "muted")
    story.spacer(8 * mm)
    story.where = "Teams"
    story.h2("Teams")
    rows = [[team.name, str(team.objectives), str(team.key_results), str(team.unaligned), team.period]
            for team in rollup.teams]
    total = ["Total", str(len(rollup.objectives)), str(key_results), str(len(rollup.unaligned)), ""]
    story.table(["Team", "Objectives", "Key results", "Not aligned", "Period"], rows,
                widths=(0.36, 0.14, 0.15, 0.15, 0.20), right_aligned=(1, 2, 3), total=total)


def _findings(story: Story, rollup: Rollup) -> None:
    story.new_page()
    story.where = "What to look at"
    story.h1("What to look at")
    findings = rollup_findings(rollup)
    if findings:
        story.bullets(findings)
    else:
        story.empty("Every team objective supports a company objective, and no team has more than five.")


def _company_objective(story: Story, rollup: Rollup, index: int, company_objective) -> None:
    number = index + 1
    story.numbered_section("Company objective", number, company_objective.text, group="Company objectives")
    story.p(company_objective.text or EMPTY_CELL, "statement")
    if company_objective.key_results:
        story.h2("Company key results", "h3")
        story.bullets(company_objective.key_results)
    supporting = rollup.objectives_under(index)
    story.h2(f"Team objectives supporting it ({len(supporting)})")
    if not supporting:
        story.empty("No team objective supports this company objective yet.")
    for team_objective in supporting:
        through = team_objective.company_key_result
        _team_objective(story, team_objective, None if through is None
                        else company_objective.key_results[through])


def _unaligned(story: Story, rollup: Rollup) -> None:
    story.new_page()
    story.where = "Not aligned"
    story.h1("Not aligned to a company objective")
    if not rollup.unaligned:
        story.empty("Every team objective supports a company objective.")
    for team_objective in rollup.unaligned:
        _team_objective(story, team_objective, None)


def _team_objective(story: Story, team_objective: TeamObjective, through_key_result: str | None) -> None:
    """The team and its objective as a heading, then what it supports and its key results."""
    with story.kept_together():  # a block is short: move it whole rather than orphan its heading
        story.h2(f"{team_objective.team}: {team_objective.objective.text or EMPTY_CELL}", "h3", room_below=0)
        if through_key_result:
            story.field("Through the company key result", through_key_result, "muted")
        write_key_results(story, list(team_objective.key_results), with_heading=False)
