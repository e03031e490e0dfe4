"""Step 2, the cascade model: how the team's OKRs connect to the company's (ARCHITECTURE.md, The workshop).

Both models are explained side by side with their worked example (assets/cascade.json); the team's
choice is saved as `Workshop.cascade_model`. Below, the company OKRs stay editable, the chosen model
offers its way of linking (duality: adopt a company key result as an objective; flexible: pick the
company objective each team objective supports), and an alignment tree re-renders on every change.
`ParentCombo`, the undoable link from a team objective to a company objective, lives here too
(step 3 uses it).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QGroupBox, QHBoxLayout, QPushButton, QRadioButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from assets import load_json
from workshop import models
from workshop.alignment import objectives_under
from workshop.models import DUALITY, FLEXIBLE
from workshop.service import Change

from ui.pages.base import StepPage
from ui.pages.preparation import company_objectives_editor
from ui.widgets.basics import ElidingCombo, shorten, swap_widget, wrapped_label

TREE_MIN_HEIGHT, TREE_MAX_HEIGHT = 120, 720  # the tree grows with its rows, then scrolls


class ParentCombo(ElidingCombo):
    """The company objective a team objective supports (`Objective.parent_objective_id`), undoable.

    Choosing a different company objective also drops a company key result that belongs to another
    one, so the two links never disagree.
    """

    def __init__(self, model, objective_id: int, accessible_name: str):
        super().__init__()
        self.model, self.objective_id = model, objective_id
        self.setAccessibleName(accessible_name)
        self.setObjectName(f"parent-of-objective-{objective_id}")
        self.setEnabled(not model.read_only)
        self.refresh()
        self.activated.connect(self._chosen)
        model.watch_row(models.Objective, objective_id, self._on_change, self)  # only its own row's edits
        model.watch_row(models.CompanyObjective, None, self._on_change, self)

    def _on_change(self, change: Change) -> None:
        if change.table is models.Objective:
            if change.row_id is None or (change.row_id == self.objective_id
                                         and change.field in (None, "parent_objective_id")):
                self.refresh()
        elif change.table is models.CompanyObjective:
            self.refresh()

    def refresh(self) -> None:
        service = self.model.service
        try:
            current = service.row(models.Objective, self.objective_id).parent_objective_id
        except KeyError:
            return  # the objective was removed; the page rebuilds without this combo
        with QSignalBlocker(self):
            self.clear()
            self.addItem(self.tr("Not linked yet"), 0)
            for number, company in enumerate(service.rows(models.CompanyObjective), start=1):
                self.addItem(f"{number}. {shorten(company.text) or self.tr('(empty company objective)')}", company.id)
                self.setItemData(self.count() - 1, company.text, Qt.ItemDataRole.ToolTipRole)
            self.setCurrentIndex(max(0, self.findData(current or 0)))
        self.setToolTip(self.itemData(self.currentIndex(), Qt.ItemDataRole.ToolTipRole) or "")

    def _chosen(self, _index: int) -> None:
        parent_id = self.currentData() or None
        service = self.model.service
        objective = service.row(models.Objective, self.objective_id)
        values = {"parent_objective_id": parent_id}
        if objective.parent_key_result_id is not None:
            company_kr = service.row(models.CompanyKeyResult, objective.parent_key_result_id)
            if company_kr.company_objective_id != parent_id:
                values["parent_key_result_id"] = None
        if objective.parent_objective_id != parent_id:
            self.model.set_fields(models.Objective, self.objective_id, values, self.tr("Link objective"))


class CascadePage(StepPage):
    """Step 2: the two models, the team's choice, company OKRs, linking and the alignment tree."""

    def __init__(self, model):
        super().__init__(model, 2)
        self.cascade = load_json("cascade.json")
        self.body.addWidget(wrapped_label(self.cascade["intro"], self.tr("Introduction")))
        self.choice = QButtonGroup(self)
        self.choice.idClicked.connect(self._choose)
        self.model_boxes: dict[str, QGroupBox] = {}
        cards = QHBoxLayout()
        for index, entry in enumerate(self.cascade["models"]):
            cards.addWidget(self._model_card(index, entry), 1)
        self.body.addLayout(cards)

        self.link_box = QGroupBox(self.tr("Link our objectives"))
        self.link_layout = QVBoxLayout(self.link_box)
        self.link_widget = QWidget()
        self.link_layout.addWidget(self.link_widget)
        self.body.addWidget(self.link_box)

        tree_box = QGroupBox(self.tr("Alignment"))
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.addWidget(wrapped_label(self.cascade["tree_caption"], self.tr("Alignment caption")))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Alignment tree"))
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        tree_layout.addWidget(self.tree)
        self.body.addWidget(tree_box)

        company = QGroupBox(self.tr("Company objectives and their key results (from the preparation)"))
        QVBoxLayout(company).addWidget(company_objectives_editor(model))
        self.body.addWidget(company)
        self.body.addStretch(1)

        self._link_signature = None
        self._stale = False
        model.changed.connect(self._on_change)
        self._render()

    # -- building ----------------------------------------------------------------------------------

    def _model_card(self, index: int, entry: dict) -> QGroupBox:
        box = QGroupBox(entry["name"])
        box.setAccessibleName(entry["name"])
        layout = QVBoxLayout(box)
        example = entry["example"]
        lines = [f"<p>{escape(entry['summary'])}</p>",
                 f"<p><b>{escape(self.tr('When to use it:'))}</b> {escape(entry['when_to_use'])}</p>",
                 f"<p><b>{escape(self.tr('Worked example'))}</b></p>",
                 f"<p>{escape(self.tr('Company objective:'))} {escape(example['company_objective'])}</p>"]
        if example["company_key_result"]:
            lines.append(f"<p>{escape(self.tr('Company key result:'))} {escape(example['company_key_result'])}</p>")
        lines.append(f"<p>{escape(self.tr('Team objective:'))} <b>{escape(example['team_objective'])}</b></p>")
        lines.append(f"<p>{escape(self.tr('Team key results:'))}</p><ul>"
                     + "".join(f"<li>{escape(kr)}</li>" for kr in example["team_key_results"]) + "</ul>")
        layout.addWidget(wrapped_label("".join(lines), self.tr("%1 explained").replace("%1", entry["name"]),
                                       rich=True), 1)
        radio = QRadioButton(self.tr("We choose %1").replace("%1", entry["name"]))
        radio.setAccessibleName(self.tr("Choose %1").replace("%1", entry["name"]))
        radio.setEnabled(not self.model.read_only)
        font = radio.font()
        font.setBold(True)
        radio.setFont(font)
        self.choice.addButton(radio, index)
        layout.addWidget(radio)
        self.model_boxes[entry["key"]] = box
        return box

    def _choose(self, index: int) -> None:
        key = self.cascade["models"][index]["key"]
        self.model.set_field(models.Workshop, 1, "cascade_model", key, self.tr("Choose cascade model"))

    # -- rendering ---------------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.table in (models.Workshop, models.CompanyObjective, models.CompanyKeyResult,
                            models.Objective, models.KeyResult):
            if self.isVisible():
                self._render()
            else:
                self._stale = True  # typing on another step's page: catch up when shown again

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._render()

    def _render(self) -> None:
        self._stale = False
        chosen = self.model.details.cascade_model
        self.choice.setExclusive(False)  # lets an undone choice show no model at all
        for index, entry in enumerate(self.cascade["models"]):
            button = self.choice.button(index)
            with QSignalBlocker(button):
                button.setChecked(entry["key"] == chosen)
            title = entry["name"] + ("  ✓ " + self.tr("our choice") if entry["key"] == chosen else "")
            self.model_boxes[entry["key"]].setTitle(title)
        self.choice.setExclusive(True)
        self._render_links(chosen)
        self._render_tree()

    def _render_links(self, chosen: str) -> None:
        service = self.model.service
        signature = (chosen,
                     tuple((c.id, c.text) for c in service.rows(models.CompanyObjective)),
                     tuple((k.id, k.company_objective_id, k.text) for k in service.rows(models.CompanyKeyResult)),
                     tuple((o.id, o.text, o.parent_key_result_id) for o in service.rows(models.Objective)))
        if signature == self._link_signature:
            return
        self._link_signature = signature
        fresh = QWidget()
        layout = QVBoxLayout(fresh)
        layout.setContentsMargins(0, 0, 0, 0)
        if chosen == DUALITY:
            self.link_box.setTitle(self.tr("Duality: adopt a company key result as our objective"))
            self._fill_duality(layout)
        elif chosen == FLEXIBLE:
            self.link_box.setTitle(self.tr("Flexible: which company objective does each of ours support?"))
            self._fill_flexible(layout)
        else:
            self.link_box.setTitle(self.tr("Link our objectives"))
            layout.addWidget(wrapped_label(self.tr("Choose a model above; the way to link our objectives "
                                                   "to the company's appears here."), self.tr("Linking hint")))
        self.link_widget = swap_widget(self.link_layout, self.link_widget, fresh)

    def _fill_duality(self, layout: QVBoxLayout) -> None:
        service = self.model.service
        adopted = {o.parent_key_result_id for o in service.rows(models.Objective)}
        number = 0
        for company in service.rows(models.CompanyObjective):
            layout.addWidget(wrapped_label(f"<b>{escape(company.text or self.tr('(empty company objective)'))}</b>",
                                           self.tr("Company objective"), rich=True))
            grid = QGridLayout()
            grid.setContentsMargins(24, 0, 0, 6)
            grid.setColumnStretch(0, 1)
            for line, kr in enumerate(service.children(models.CompanyKeyResult, "company_objective_id", company.id)):
                number += 1
                label = wrapped_label(kr.text, self.tr("Company key result %1").replace("%1", str(number)))
                label.setContentsMargins(0, 5, 0, 0)  # first line level with the button's text
                grid.addWidget(label, line, 0)
                button = QPushButton(self.tr("Already our objective") if kr.id in adopted
                                     else self.tr("Make it our objective"))
                button.setAccessibleName(self.tr("Make company key result %1 our objective").replace("%1", str(number)))
                button.setEnabled(kr.id not in adopted and bool(kr.text.strip()) and not self.model.read_only)
                button.clicked.connect(lambda _=False, kr_id=kr.id: self.adopt_key_result(kr_id))
                grid.addWidget(button, line, 1, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(grid)
        if not number:
            layout.addWidget(wrapped_label(self.tr("Add the company's key results above first."),
                                           self.tr("Linking hint")))

    def _fill_flexible(self, layout: QVBoxLayout) -> None:
        objectives = self.model.service.rows(models.Objective)
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        for line, objective in enumerate(objectives):
            text = objective.text or self.tr("(empty objective)")
            grid.addWidget(wrapped_label(f"{line + 1}. {text}", self.tr("Objective %1").replace("%1", str(line + 1))),
                           line, 0)
            grid.addWidget(ParentCombo(self.model, objective.id,
                                       self.tr("Company objective for objective %1").replace("%1", str(line + 1))),
                           line, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(grid)
        if not objectives:
            layout.addWidget(wrapped_label(self.tr("Team objectives appear here once they are written (step 3)."),
                                           self.tr("Linking hint")))

    def adopt_key_result(self, company_kr_id: int) -> int | None:
        """Duality: a new team objective worded as the company key result and linked to it (one undo step)."""
        company_kr = self.model.service.row(models.CompanyKeyResult, company_kr_id)
        values = {"text": company_kr.text, "parent_key_result_id": company_kr.id,
                  "parent_objective_id": company_kr.company_objective_id}
        return self.model.add_row(models.Objective, values, self.tr("Make company key result our objective"))

    def _render_tree(self) -> None:
        service = self.model.service
        scrolled = self.tree.verticalScrollBar().value()
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        company_krs = {kr.id: kr for kr in service.rows(models.CompanyKeyResult)}
        placed: set[int] = set()

        def add_objective(parent: QTreeWidgetItem, objective) -> None:
            placed.add(objective.id)
            item = QTreeWidgetItem(parent, [objective.text or self.tr("(empty objective)")])
            item.setToolTip(0, objective.text)
            if objective.parent_key_result_id in company_krs:
                source = company_krs[objective.parent_key_result_id].text
                QTreeWidgetItem(item, [self.tr("adopted company key result: %1").replace("%1", source)])
            for kr in service.children(models.KeyResult, "objective_id", objective.id):
                child = QTreeWidgetItem(item, ["• " + (kr.text or self.tr("(empty key result)"))])
                child.setToolTip(0, kr.text)

        for company in service.rows(models.CompanyObjective):
            top = QTreeWidgetItem(self.tree, [company.text or self.tr("(empty company objective)")])
            top.setFont(0, bold)
            top.setToolTip(0, company.text)
            for objective in objectives_under(company.id, service.rows(models.Objective), company_krs.values()):
                add_objective(top, objective)
        loose = [o for o in service.rows(models.Objective) if o.id not in placed]
        if loose:
            group = QTreeWidgetItem(self.tree, [self.tr("Not aligned")])
            group.setFont(0, bold)
            for objective in loose:
                add_objective(group, objective)
        self.tree.expandAll()
        shown = sum(1 for _ in self._walk(self.tree.invisibleRootItem()))
        row_height = max(self.tree.sizeHintForRow(0), self.tree.fontMetrics().lineSpacing() + 4)
        self.tree.setFixedHeight(min(TREE_MAX_HEIGHT, max(TREE_MIN_HEIGHT, shown * row_height + 8)))
        self.tree.verticalScrollBar().setValue(scrolled)

    def _walk(self, item: QTreeWidgetItem):
        for index in range(item.childCount()):
            yield item.child(index)
            yield from self._walk(item.child(index))
