"""The roll-up overview (DESIGN §8): every team's objectives under the company objectives.

A read-only window beside the facilitator window of an open roll-up file. It draws from the
session's snapshot like every view (§10), so edits made in the steps show here a moment later. What needs attention (unaligned objectives, teams with too many) is listed on top in
words; the tree below groups team objectives by the company objective they support.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from workshop.rollup import Rollup, TeamObjective, counted, rollup_findings, rollup_from_snapshot


REFRESH_DELAY_MS = 300


class RollupView(QDialog):
    """The tree of company objectives → team objectives → key results, and the findings."""

    def __init__(self, parent: QWidget, model):
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(self.tr("Company roll-up"))
        self.setAccessibleName(self.tr("Roll-up overview"))
        self.summary = QLabel(objectName="pageTitle")
        self.findings = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.findings.setAccessibleName(self.tr("What to look at"))
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Team objectives by company objective"))
        self.tree.setHeaderLabels([self.tr("Objective"), self.tr("Team"), self.tr("Key results")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.findings)
        layout.addWidget(self.tree, 1)
        self.resize(1200, 760)
        # A 50-team roll-up takes tens of milliseconds to redraw: once per burst of typing, not per key.
        self._refresh_soon = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_soon.timeout.connect(self.refresh)
        model.changed.connect(self._changed)

    def _changed(self, *_args) -> None:
        if self.isVisible():
            self._refresh_soon.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.refresh()  # edits made while it was hidden
        super().showEvent(event)

    def refresh(self) -> None:
        rollup = rollup_from_snapshot(self.model.service.snapshot())
        key_results = sum(team.key_results for team in rollup.teams)
        self.summary.setText(" · ".join((counted(len(rollup.teams), "team"),
                                         counted(len(rollup.objectives), "objective"),
                                         counted(key_results, "key result"))))
        findings = rollup_findings(rollup)
        self.findings.setText("\n".join(f"⚠ {finding}" for finding in findings) if findings else
                              self.tr("Every team objective supports a company objective, and no team "
                                      "has more than five."))
        self._fill_tree(rollup)

    def _fill_tree(self, rollup: Rollup) -> None:
        self.tree.clear()
        for index, company in enumerate(rollup.company_objectives):
            supporting = rollup.objectives_under(index)
            group = _item(self.tr("Company objective %1: %2").replace("%1", str(index + 1))
                          .replace("%2", company.text), counted(len(supporting), "team objective"), "")
            for team_objective in supporting:
                group.addChild(self._team_item(team_objective, company.key_results))
            self.tree.addTopLevelItem(group)
        unaligned = rollup.unaligned
        group = _item(self.tr("Not aligned to a company objective"),
                      counted(len(unaligned), "team objective"), "")
        for team_objective in unaligned:
            group.addChild(self._team_item(team_objective, ()))
        self.tree.addTopLevelItem(group)
        for item in (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())):
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setExpanded(True)

    def _team_item(self, team_objective: TeamObjective, company_key_results: tuple[str, ...]) -> QTreeWidgetItem:
        text = team_objective.objective.text or self.tr("(no text yet)")
        if team_objective.company_key_result is not None:
            through = company_key_results[team_objective.company_key_result]
            text += "\n" + self.tr("through the company key result: %1").replace("%1", through)
        item = _item(text, team_objective.team, str(len(team_objective.key_results)))
        for key_result in team_objective.key_results:
            item.addChild(_item(key_result.text, "", ""))
        return item


def _item(text: str, team: str, count: str) -> QTreeWidgetItem:
    """A tree row; long texts are cut to the column's width, so the whole text is its tooltip."""
    item = QTreeWidgetItem([text, team, count])
    item.setToolTip(0, text)
    return item
