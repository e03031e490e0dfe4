"""The roll-up window's "Progress by team" table (issue 14 item 8): each team's latest progress and
score, the cells filled with their band's colour and always carrying the number and the band's word
(colour alone says nothing to a colour-blind reader or on a grey printout, ARCHITECTURE.md, Scoring)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from workshop.progress import progress_band
from workshop.rollup import Rollup
from workshop.scoring import ASPIRATIONAL, score_band

from ui.meetings.charts import progress_words

BAND_TEXT = "#ffffff"  # every band colour keeps 7:1 under white text (assets/scoring.json)


def score_words(score: float | None) -> str:
    """"0.62 · At risk", or the unscored band's words."""
    band = score_band(score, ASPIRATIONAL)
    return band.word if score is None else f"{score:.2f} · {band.word}"


class TeamProgressTable(QTableWidget):
    """One row per team: objectives, latest progress, score, date of the latest value."""

    def __init__(self):
        super().__init__(0, 5)
        self.setAccessibleName(self.tr("Progress by team"))
        self.setHorizontalHeaderLabels([self.tr("Team"), self.tr("Objectives"), self.tr("Progress"),
                                        self.tr("Score"), self.tr("Latest value")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_rollup(self, rollup: Rollup) -> None:
        self.setRowCount(len(rollup.teams))
        for row, team in enumerate(rollup.teams):
            progress_band_colour = progress_band(team.progress).colour
            cells = (
                (team.name, None), (str(team.objectives), None),
                (progress_words(team.progress), progress_band_colour),
                (score_words(team.score), score_band(team.score, ASPIRATIONAL).colour),
                (team.latest_checkin or "—", None),
            )
            for column, (text, colour) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if colour is not None:
                    item.setBackground(QBrush(QColor(colour)))
                    item.setForeground(QBrush(QColor(BAND_TEXT)))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)
        height = self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(min(height + 4, 320))
