"""The window of an open company roll-up (ARCHITECTURE.md, Outputs): every team's objectives under the company's.

A roll-up is read, not run: it has no steps, timer or projector, and nothing in it is edited here
(teams change their own files, and the roll-up is imported again). What needs attention (objectives
aligned to nothing, teams with too many) is listed on top in words; the tree below groups the team
objectives by the company objective they support. The File menu exports its PDF and shares it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView, QLabel, QMainWindow, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from workshop.rollup import Rollup, TeamObjective, counted, rollup_findings, rollup_from_snapshot

from ui.actions import FILE_REQUESTS, ActionId, create_actions
from ui.export_actions import PdfExporter
from ui.meetings.rollup_progress import TeamProgressTable
from ui.share import Sharer

class RollupWindow(QMainWindow):
    """The roll-up's findings and tree; `file_requested` asks the app for New/Open/Close as the
    facilitator window does."""

    file_requested = Signal(str)  # one of actions.FILE_REQUESTS

    def __init__(self, model):
        super().__init__()
        self.model = model
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
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.summary)
        layout.addWidget(self.findings)
        self.team_progress = TeamProgressTable()  # each team's latest progress and score, by band
        layout.addWidget(self.team_progress)
        layout.addWidget(self.tree, 1)
        self.setCentralWidget(centre)

        self.exporter = PdfExporter(self, model)
        self.sharer = Sharer(self, model)
        self.actions = create_actions(self)
        self._build_menu()
        name = model.service.store.path.name
        suffix = self.tr(" (read-only)") if model.read_only else ""
        self.setWindowTitle(f"{self.tr('Company roll-up')} · {name}{suffix} — OKR Workshop")
        self.refresh()
        self.resize(1280, 860)

    def _build_menu(self) -> None:
        a = self.actions
        a[ActionId.EXPORT_PDF].setText(self.tr("Export roll-up PDF…"))
        a[ActionId.CLOSE].setText(self.tr("Close roll-up"))
        a[ActionId.EXPORT_PDF].triggered.connect(lambda: self.exporter.ask_and_export_pack(
            f"{self.tr('Company roll-up')} {self.model.details.period_label}".strip() + ".pdf"))
        a[ActionId.SHARE].triggered.connect(self.sharer.share)
        for name in FILE_REQUESTS:
            a[ActionId[name.upper()]].triggered.connect(lambda _=False, n=name: self.file_requested.emit(n))
        menu = self.menuBar().addMenu(self.tr("&File"))
        for action_id in (ActionId.NEW, ActionId.OPEN, ActionId.SAVE_AS, None, ActionId.EXPORT_PDF,
                          ActionId.SHARE, None, ActionId.IMPORT_TEAMS, None, ActionId.CLOSE, ActionId.QUIT):
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(a[action_id])
                self.addAction(a[action_id])

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
        self.team_progress.show_rollup(rollup)
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

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.model.close()
        super().closeEvent(event)


def _item(text: str, team: str, count: str) -> QTreeWidgetItem:
    """A tree row; long texts are cut to the column's width, so the whole text is its tooltip."""
    item = QTreeWidgetItem([text, team, count])
    item.setToolTip(0, text)
    return item
