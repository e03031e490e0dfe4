"""The roll-up PDF's "Progress by team" section (issue 14 item 8): each team's latest progress and
scores, then every objective's, in tables whose progress and score cells are filled with their band's
colour and always carry the number and the band's word (printouts are often grey: ARCHITECTURE.md,
Scoring)."""

from __future__ import annotations

from reportlab.lib import colors

from exports.pdf import wording
from exports.pdf.document import Story
from exports.pdf.fonts import BOLD
from exports.pdf.report_charts import progress_words
from exports.pdf.report_sections import score_words
from exports.pdf.theme import EMPTY_CELL
from workshop import models
from workshop.progress import progress_band
from workshop.rollup import Rollup
from workshop.scoring import ASPIRATIONAL, score_band


def _score_band_colour(score: float | None, commitment: str) -> str:
    try:
        return score_band(score, commitment).colour
    except ValueError:  # a score its commitment does not allow: printed as stored, on grey
        return score_band(None, commitment).colour


def _band_fills(fills: list[dict[int, str]]) -> list[tuple]:
    """TableStyle commands filling cells (row of the data → column → colour) under white bold text."""
    commands = []
    for row_number, row_fills in enumerate(fills, start=1):  # row 0 is the header
        for column, colour in row_fills.items():
            cell = (column, row_number)
            commands += [("BACKGROUND", cell, cell, colors.HexColor(colour)),
                         ("TEXTCOLOR", cell, cell, colors.white), ("FONT", cell, cell, BOLD)]
    return commands


def write_team_progress(story: Story, rollup: Rollup) -> None:
    """"Progress by team": one row per team, then one per objective, coloured by band, in words."""
    story.new_page()
    story.where = "Progress by team"
    story.h1("Progress by team")
    if not any(objective.progress and objective.progress.progress is not None for objective in rollup.objectives):
        story.empty("No team has recorded a check-in value yet, so there is no progress to show.")
        return
    story.p("The latest values each team recorded. Progress is the share of the way from baseline to "
            "target; bands: off track below 40%, at risk from 40%, on track from 70%.", "muted")
    rows, fills = [], []
    for team in rollup.teams:
        rows.append([team.name, str(team.objectives), progress_words(team.progress),
                     score_words(team.score, ASPIRATIONAL),
                     wording.day(team.latest_checkin, with_weekday=False) if team.latest_checkin else EMPTY_CELL])
        fills.append({2: progress_band(team.progress).colour, 3: score_band(team.score, ASPIRATIONAL).colour})
    story.table(["Team", "Objectives", "Progress", "Score", "Latest value"], rows,
                widths=(0.32, 0.14, 0.2, 0.18, 0.16), right_aligned=(1,), style=_band_fills(fills))
    story.h2("Every objective")
    rows, fills = [], []
    for objective in rollup.objectives:
        progress = objective.progress.progress if objective.progress else None
        record = objective.objective
        commitment = record.commitment if record.commitment in models.COMMITMENTS else ASPIRATIONAL
        rows.append([objective.team, record.text, progress_words(progress), score_words(record.score, commitment)])
        fills.append({2: progress_band(progress).colour, 3: _score_band_colour(record.score, commitment)})
    story.table(["Team", "Objective", "Progress", "Score"], rows, widths=(0.2, 0.44, 0.19, 0.17),
                style=_band_fills(fills))
