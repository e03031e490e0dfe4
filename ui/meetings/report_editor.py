"""The owner's report on one key result at a meeting: value (or stages done), confidence, note.

Each field is saved when it is left (Enter, Tab, a click elsewhere, a choice in the list) as one
undoable action; a value that is not a number gets one sentence beside it and the text typed stays.
Below, the key result's chart; at the retrospective, its score and its objective's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QStackedWidget, QVBoxLayout, QWidget,
)

from workshop import models
from workshop.chart_series import series_of
from workshop.checkins import CheckinError
from workshop.kr_numbers import read_value
from workshop.meeting_plan import value_of
from workshop.progress import KeyResultProgress, stages_of

from ui.meetings import charts
from ui.meetings.chart_widgets import KeyResultChart
from ui.meetings.commands import RecordReport
from ui.meetings.scores import ScoreEditor
from ui.meetings.state import MeetingState

CONFIDENCE_CHOICES = (models.ON_TRACK, models.AT_RISK, models.OFF_TRACK)


class ReportEditor(QWidget):
    """Edits the key result in focus (`state.key_result_id`) at this meeting."""

    def __init__(self, state: MeetingState):
        super().__init__()
        self.state, self.model = state, state.model
        self.title = QLabel(wordWrap=True, objectName="pageTitle")
        self.facts = QLabel(wordWrap=True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName(self.tr("Current value"))
        self.value_edit.setMaxLength(60)
        self.value_edit.editingFinished.connect(self._commit_value)
        self.stages_spin = QSpinBox()
        self.stages_spin.setAccessibleName(self.tr("Stages done"))
        self.stages_spin.setKeyboardTracking(False)
        self.stages_spin.valueChanged.connect(self._commit_stages)
        self.value_stack = QStackedWidget()
        self.value_stack.addWidget(self.value_edit)
        self.value_stack.addWidget(self.stages_spin)
        self.value_stack.setFixedHeight(self.value_edit.sizeHint().height() + 4)
        self.confidence = QComboBox()
        self.confidence.setAccessibleName(self.tr("Confidence"))
        self.confidence.addItem(self.tr("— not given"), "")
        for word in CONFIDENCE_CHOICES:
            self.confidence.addItem(word, word)
        self.confidence.activated.connect(self._commit_confidence)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note or blocker"))
        self.note.setPlaceholderText(self.tr("A short note, or what blocks us"))
        self.note.editingFinished.connect(self._commit_note)
        self.problem = QLabel(wordWrap=True, objectName="fieldProblem")
        self.problem.setAccessibleName(self.tr("Problem with the value"))
        self.value_label = QLabel(self.tr("Current value"))
        form = QFormLayout()
        form.addRow(self.value_label, self.value_stack)
        form.addRow(self.tr("Confidence"), self.confidence)
        form.addRow(self.tr("Note or blocker"), self.note)
        self.chart = KeyResultChart()
        self.scores = ScoreEditor(state) if state.plan.is_retrospective else None
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        if self.scores is not None:
            layout.addWidget(self.scores)
        layout.addWidget(self.chart, 1)
        self.setEnabled(not self.model.read_only)
        self.chart.setEnabled(True)
        state.moved.connect(self.refresh)
        self.model.changed.connect(self._on_change)
        self.refresh()

    # -- showing -----------------------------------------------------------------------------------

    def _on_change(self, change) -> None:
        if change.table in (models.Checkin, models.CheckinValue, models.KeyResult, models.Objective,
                            models.Workshop):
            self.refresh()

    def _focus(self) -> KeyResultProgress | None:
        wanted = self.state.key_result_id
        return next((kr for objective in self.state.progress() for kr in objective.key_results
                     if kr.key_result.id == wanted), None)

    def refresh(self) -> None:
        focus = self._focus()
        if focus is None:
            self.title.setText(self.tr("This workshop has no key results yet."))
            self.facts.clear()
            self.chart.show_series(None)
            return
        record = focus.key_result
        self.title.setText(f"{focus.ref}  {record.text or self.tr('(no text yet)')}")
        details = self.model.details
        series = series_of(focus, details.period_start, details.period_end)
        self.facts.setText(self._facts_text(focus, series))
        milestone = record.kind == models.MILESTONE
        self.value_stack.setCurrentWidget(self.stages_spin if milestone else self.value_edit)
        self.value_label.setText(self.tr("Stages done") if milestone else self.tr("Current value"))
        mine = value_of(self.model.service, self.state.record.checkin_id, record.id) \
            if self.state.record.exists(self.model.service) else None
        if milestone:
            stages = stages_of(record)
            self.stages_spin.blockSignals(True)
            self.stages_spin.setRange(0, len(stages))
            self.stages_spin.setSuffix(self.tr(" of %1").replace("%1", str(len(stages))))
            self.stages_spin.setValue(mine.stages_done if mine is not None and mine.stages_done is not None
                                      else int(focus.current or 0))
            self.stages_spin.blockSignals(False)
        elif not (self.value_edit.hasFocus() and self.value_edit.isModified()):
            self.value_edit.setText(charts.format_value(mine.value, "") if mine is not None and mine.value
                                    is not None else "")
            self.value_edit.setPlaceholderText(self.tr("e.g. %1").replace(
                "%1", charts.format_value(focus.current if focus.current is not None else series.baseline,
                                          series.unit) if (focus.current or series.baseline) is not None else "48%"))
        self.confidence.setCurrentIndex(self.confidence.findData(mine.confidence if mine is not None else ""))
        if not (self.note.hasFocus() and self.note.isModified()):
            self.note.setText(mine.note if mine is not None else "")
        self.chart.show_series(series)
        if self.scores is not None:
            self.scores.show_for(focus)

    def _facts_text(self, focus: KeyResultProgress, series) -> str:
        record = focus.key_result
        if record.kind == models.MILESTONE:
            stages = stages_of(record)
            line = self.tr("Milestone in %1 stages: %2").replace("%1", str(len(stages))).replace("%2", ", ".join(stages))
        else:
            line = self.tr("From %1 to %2").replace("%1", charts.format_value(series.baseline, series.unit)) \
                .replace("%2", charts.format_value(series.target, series.unit))
        if record.owner:
            line += " · " + self.tr("owner: %1").replace("%1", record.owner)
        last = next((p for p in reversed(focus.history) if p.current is not None), None)
        if last is None:
            return line + "\n" + self.tr("No value recorded yet.")
        latest = self.tr("Latest: %1 on %2 · %3 · confidence: %4") \
            .replace("%1", charts.format_value(last.current, series.unit)).replace("%2", last.held_on) \
            .replace("%3", charts.progress_words(focus.progress)).replace("%4", focus.confidence or self.tr("not given"))
        return line + "\n" + latest

    # -- recording ---------------------------------------------------------------------------------

    def _record(self, changes: dict, label: str) -> None:
        key_result_id = self.state.key_result_id
        if key_result_id is None:
            return
        try:
            command = RecordReport(self.model.service, self.state.record, key_result_id, changes, label)
        except CheckinError as error:
            self.problem.setText("⚠ " + str(error))
            return
        self.problem.clear()
        self.model.execute(command)

    def _stored(self):
        if not self.state.record.exists(self.model.service):
            return None
        return value_of(self.model.service, self.state.record.checkin_id, self.state.key_result_id)

    def _commit_value(self) -> None:
        if not self.value_edit.isModified():
            return
        self.value_edit.setModified(False)
        text = self.value_edit.text().strip()
        read = read_value(text) if text else None
        if text and read is None:
            self.problem.setText("⚠ " + self.tr("“%1” is not a number; type the value as you would say it, "
                                                "e.g. 48%, 3,6 or €4.10.").replace("%1", text))
            return
        number = read.number if read is not None else None
        stored = self._stored()
        if (stored.value if stored is not None else None) == number:
            self.problem.clear()
            return
        self._record({"value": number}, self.tr("Record value"))

    def _commit_stages(self, stages_done: int) -> None:
        stored = self._stored()
        if stored is not None and stored.stages_done == stages_done:
            return
        self._record({"stages_done": stages_done}, self.tr("Record stages done"))

    def _commit_confidence(self, index: int) -> None:
        word = self.confidence.itemData(index)
        stored = self._stored()
        if (stored.confidence if stored is not None else "") != word:
            self._record({"confidence": word}, self.tr("Record confidence"))

    def _commit_note(self) -> None:
        if not self.note.isModified():
            return
        self.note.setModified(False)
        stored = self._stored()
        if (stored.note if stored is not None else "") != self.note.text():
            self._record({"note": self.note.text()}, self.tr("Record note"))
