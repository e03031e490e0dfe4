"""Step 0, preparation: the workshop's details, people, period, company OKRs, checklist and agenda."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from workshop import models
from workshop.agenda import planned_total_minutes, step_info

from ui.widgets import fields
from ui.pages.base import StepPage
from ui.widgets.row_list import Column, RowListEditor
from ui.translation import translator


class PreparationPage(StepPage):
    def __init__(self, model):
        super().__init__(model, 0)
        W = models.Workshop
        details = QGroupBox(self.tr("Workshop"))
        form = QFormLayout(details)
        form.addRow(self.tr("Title"), fields.line_edit(model, W, 1, "title", self.tr("Workshop title"),
                                                        self.tr("e.g. Q1 OKR workshop")))
        form.addRow(self.tr("Team"), fields.line_edit(model, W, 1, "team", self.tr("Team")))
        form.addRow(self.tr("Facilitator"), fields.line_edit(model, W, 1, "facilitator", self.tr("Facilitator")))
        form.addRow(self.tr("Date"), fields.date_edit(model, W, 1, "workshop_date", self.tr("Workshop date")))
        period = QHBoxLayout()
        period.addWidget(fields.line_edit(model, W, 1, "period_label", self.tr("Period"), "2027-Q1"))
        period.addWidget(QLabel(self.tr("from")))
        period.addWidget(fields.date_edit(model, W, 1, "period_start", self.tr("Period start")))
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(fields.date_edit(model, W, 1, "period_end", self.tr("Period end")))
        form.addRow(self.tr("OKR period"), period)
        self.body.addWidget(details)

        people = QGroupBox(self.tr("Participants"))
        QVBoxLayout(people).addWidget(RowListEditor(
            model, models.Participant,
            [Column("name", self.tr("Name"), self.tr("Name"), 2), Column("role", self.tr("Role"), self.tr("Role"), 2),
             Column("email", self.tr("Email"), self.tr("Email (for Share by email…)"), 2)],
            self.tr("participant"), self.tr("Add participant")))
        self.body.addWidget(people)

        company = QGroupBox(self.tr("Company objectives the team aligns to"))
        QVBoxLayout(company).addWidget(company_objectives_editor(model))
        self.body.addWidget(company)

        checklist = QGroupBox(self.tr("Before the meeting"))
        checks = QVBoxLayout(checklist)
        checks.addWidget(fields.check_box(model, W, 1, "prework_company_okrs_shared",
                                          self.tr("Company OKRs shared with the team")))
        checks.addWidget(fields.check_box(model, W, 1, "prework_team_brings_ideas",
                                          self.tr("Team asked to bring ideas")))
        checks.addWidget(fields.check_box(model, W, 1, "prework_champion_named",
                                          self.tr("OKR champion named")))
        self.body.addWidget(checklist)

        plan = QGroupBox(self.tr("Agenda"))
        plan_form = QFormLayout(plan)
        for number in range(1, 7):
            title = step_info(number).title
            plan_form.addRow(title, fields.spin_box(model, models.AgendaStep, number, "planned_minutes",
                                                    self.tr("Minutes for %1").replace("%1", title), 0, 240, " min"))
        self.total_label = QLabel()
        self.total_label.setAccessibleName(self.tr("Planned total"))
        plan_form.addRow(self.tr("Total"), self.total_label)
        plan_form.addRow(self.tr("Warn when this much time is left"),
                         fields.spin_box(model, W, 1, "warning_seconds", self.tr("Warning threshold"), 0, 900, " s"))
        self.body.addWidget(plan)
        self.body.addStretch(1)
        model.changed.connect(self._show_total)
        self._show_total()

    def _show_total(self, *_args) -> None:
        total = planned_total_minutes(self.model.service.rows(models.AgendaStep))
        self.total_label.setText(self.tr("%1 min").replace("%1", str(total)))


_tr = translator("PreparationPage")


def company_objectives_editor(model) -> QWidget:
    """Company objectives, each with its own list of key results (used in steps 0 and 2)."""
    def key_results_of(objective):
        editor = RowListEditor(
            model, models.CompanyKeyResult,
            [Column("text", _tr("Company key result"), _tr("A key result of this company objective"))],
            _tr("company key result"), _tr("Add company key result"),
            parent_field="company_objective_id", parent_id=objective.id)
        editor.setContentsMargins(32, 0, 0, 8)
        return editor

    return RowListEditor(
        model, models.CompanyObjective, [Column("text", _tr("Company objective"), _tr("Company objective"))],
        _tr("company objective"), _tr("Add company objective"), row_extra=key_results_of)
