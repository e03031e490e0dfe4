"""Step 4, key results: per objective, 3-5 key results, initiatives kept apart, and the two tests.

One objective is worked on at a time (the selector at the top), as the room does it. Each key result
can be written freely or composed with the formula (verb + what we measure + from X to Y + unit +
by when); "Compose" writes the sentence and its baseline, target, unit and date as one undo step.
Typing the sentence fills the numbers it states (`SessionModel.set_field`), in the same undo step.
A milestone key result names its stages instead, one per line. The page tells the side panel's
coach which key result is being written (`coach_subject`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from workshop import coach, models
from workshop.kr_numbers import direction_between, read_value
from workshop.service import Change

from ui.widgets import fields
from ui.pages.base import StepPage
from ui.widgets.basics import ElidingCombo, shorten, small_button, swap_widget, wrapped_label
from ui.pages.kr_sentence import compose_key_result, read_key_result
from ui.pages.objectives import sentence_edit
from ui.widgets.row_list import Column, RowListEditor


class KeyResultFormula(QWidget):
    """verb / what we measure / from / to / unit / by when, and "Compose" (one undo step for all of it)."""

    def __init__(self, model, key_result_id: int, number: int):
        super().__init__()
        self.model, self.key_result_id = model, key_result_id
        self.rest = ""  # words of the sentence no field holds; Compose keeps them
        n = str(number)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Formula:")))
        self.verb = self._field(self.tr("verb"), self.tr("Verb, key result %1").replace("%1", n), 48)
        self.what = self._field(self.tr("what we measure"), self.tr("What we measure, key result %1").replace("%1", n), 90)
        self.baseline = self._field(self.tr("X"), self.tr("From, key result %1").replace("%1", n), 40)
        self.target = self._field(self.tr("Y"), self.tr("To, key result %1").replace("%1", n), 40)
        self.unit = self._field(self.tr("unit"), self.tr("Unit, key result %1").replace("%1", n), 44)
        self.due = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.due.setSpecialValueText(self.tr("no date"))
        self.due.setMinimumDate(QDate(2000, 1, 1))
        self.due.setAccessibleName(self.tr("By when, key result %1").replace("%1", n))
        compose = small_button(self.tr("Compose"), self.tr("Compose key result %1").replace("%1", n), self.compose,
                               enabled=not model.read_only)
        parts = ((self.verb, 1), (self.what, 4), (QLabel(self.tr("from")), 0), (self.baseline, 1),
                 (QLabel(self.tr("to")), 0), (self.target, 1), (self.unit, 2), (QLabel(self.tr("by")), 0),
                 (self.due, 0), (compose, 0))
        for widget, stretch in parts:
            row.addWidget(widget, stretch)
        self.sync_from_row()
        model.watch_row(models.KeyResult, self.key_result_id, self._on_change, self)  # only its own row's edits

    def _field(self, placeholder: str, accessible: str, minimum: int) -> QLineEdit:
        edit = QLineEdit(placeholderText=placeholder)
        edit.setMaxLength(fields.MAX_FIELD_CHARS)
        edit.setAccessibleName(accessible)
        edit.setMinimumWidth(minimum)
        return edit

    def _on_change(self, change: Change) -> None:
        if change.table is models.KeyResult and change.row_id == self.key_result_id:
            self.sync_from_row()

    def sync_from_row(self) -> None:
        """Show the key result's stored values, and its sentence's opening as verb + what we measure."""
        if any(w.hasFocus() for w in (self.verb, self.what, self.baseline, self.target, self.unit, self.due)):
            return
        try:
            row = self.model.service.row(models.KeyResult, self.key_result_id)
        except KeyError:
            return
        parts = read_key_result(row.text, has_due_date=bool(row.due_date))
        self.rest = parts.rest
        read_numbers = bool(parts.target)  # the sentence's own "from X to Y" is newer than the fields
        for edit, value in ((self.verb, parts.verb), (self.what, parts.what),
                            (self.baseline, parts.baseline if read_numbers else row.baseline),
                            (self.target, parts.target if read_numbers else row.target),
                            (self.unit, parts.unit if read_numbers else row.unit)):
            edit.setText(value)
            edit.setCursorPosition(0)  # show the start of a long value, not its tail
        date = QDate.fromString(row.due_date or "", Qt.DateFormat.ISODate)
        with QSignalBlocker(self.due):
            self.due.setDate(date if date.isValid() else self.due.minimumDate())

    def compose(self) -> None:
        due = None if self.due.date() == self.due.minimumDate() else self.due.date()
        period_end = QDate.fromString(self.model.details.period_end or "", Qt.DateFormat.ISODate)
        sentence = compose_key_result(self.verb.text(), self.what.text(), self.baseline.text(), self.target.text(),
                                      self.unit.text(), due, period_end.year() if period_end.isValid() else None,
                                      self.rest)
        values = {"text": sentence, "baseline": self.baseline.text().strip(), "target": self.target.text().strip(),
                  "unit": self.unit.text().strip(), **numbers_of(self.baseline.text(), self.target.text())}
        if due is not None:
            values["due_date"] = due.toString(Qt.DateFormat.ISODate)
        if sentence:
            self.model.set_fields(models.KeyResult, self.key_result_id, values, self.tr("Compose key result"))


def numbers_of(baseline: str, target: str) -> dict:
    """The values progress is computed from, as the formula's X and Y say them (None where one is not a
    number), and the direction between them."""
    written = [read_value(text) for text in (baseline, target)]
    baseline_value, target_value = (value.number if value is not None else None for value in written)
    return {"baseline_value": baseline_value, "target_value": target_value,
            "direction": direction_between(baseline_value, target_value)}


class KeyResultCard(QFrame):
    """One key result: sentence, kind, owner, order, and either the metric formula or milestone stages."""

    coach_requested = Signal(int)

    def __init__(self, model, key_result, number: int, count: int):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model, self.key_result_id = model, key_result.id
        K, kid, n, writable = models.KeyResult, key_result.id, str(number), not model.read_only
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{escape(self.tr('Key result %1').replace('%1', n))}</b>"))
        top.addWidget(fields.combo_box(model, K, kid, "kind", self.tr("Kind of key result %1").replace("%1", n),
                                       [(self.tr("Metric"), models.METRIC), (self.tr("Milestone"), models.MILESTONE)]))
        top.addWidget(QLabel(self.tr("Owner")))
        owner = fields.line_edit(model, K, kid, "owner", self.tr("Owner of key result %1").replace("%1", n),
                                 self.tr("Who updates it"))
        owner.setMaximumWidth(420)
        top.addWidget(owner, 1)
        top.addStretch(0)
        top.addWidget(small_button("↑", self.tr("Move key result %1 up").replace("%1", n),
                                   lambda: model.move_row(K, kid, number - 2, self.tr("Move key result")),
                                   f"kr-{kid}-up", writable and number > 1))
        top.addWidget(small_button("↓", self.tr("Move key result %1 down").replace("%1", n),
                                   lambda: model.move_row(K, kid, number, self.tr("Move key result")),
                                   f"kr-{kid}-down", writable and number < count))
        top.addWidget(small_button(self.tr("Remove"), self.tr("Remove key result %1").replace("%1", n),
                                   lambda: model.remove_row(K, kid, self.tr("Remove key result")),
                                   f"kr-{kid}-remove", writable))
        layout.addLayout(top)
        self.editor = sentence_edit(model, K, kid, "text", self.tr("Key result %1").replace("%1", n),
                                    self.tr("Verb + what we measure + from X to Y (+ unit, by when)"))
        self.editor.focused.connect(lambda: self.coach_requested.emit(kid))
        self.editor.textChanged.connect(lambda: self.coach_requested.emit(kid))
        layout.addWidget(self.editor)
        self.formula = KeyResultFormula(model, kid, number)
        layout.addWidget(self.formula)
        self.milestone = QWidget()
        stages_row = QHBoxLayout(self.milestone)
        stages_row.setContentsMargins(0, 0, 0, 0)
        stages_row.addWidget(QLabel(self.tr("Stages\n(one per line)")))
        stages = fields.text_edit(model, K, kid, "stages", self.tr("Stages of key result %1").replace("%1", n),
                                  self.tr("First stage\nSecond stage\nDone"), lines=5)
        stages_row.addWidget(stages, 3)
        stages_row.addWidget(QLabel(self.tr("done by")))
        stages_row.addWidget(fields.date_edit(model, K, kid, "due_date", self.tr("Done by, key result %1").replace("%1", n)))
        layout.addWidget(self.milestone)
        self._show_kind()
        model.watch_row(models.KeyResult, self.key_result_id, self._on_change, self)  # only its own row's edits

    def _on_change(self, change: Change) -> None:
        if change.table is models.KeyResult and change.row_id == self.key_result_id and change.field in ("kind", None):
            self._show_kind()

    def _show_kind(self) -> None:
        try:
            milestone = self.model.service.row(models.KeyResult, self.key_result_id).kind == models.MILESTONE
        except KeyError:
            return
        self.formula.setVisible(not milestone)
        self.milestone.setVisible(milestone)


def answer_combo(model, objective_id: int, field: str, label: str) -> QComboBox:
    """A necessary/sufficient answer: not answered (None), yes (True) or no (False)."""
    box = QComboBox()
    answers = ((box.tr("Not answered"), None), (box.tr("Yes"), True), (box.tr("No"), False))
    for text, _value in answers:
        box.addItem(text)
    binding = fields.FieldBinding(model, box, models.Objective, objective_id, field, label,
                                  lambda: answers[box.currentIndex()][1],
                                  lambda value: box.setCurrentIndex(0 if value is None else (1 if value else 2)))
    box.activated.connect(lambda _index: binding.commit())
    return box


class KeyResultsPage(StepPage):
    """Step 4: choose an objective, then its key results, initiatives and the two tests."""

    def __init__(self, model):
        super().__init__(model, 4)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(f"<b>{escape(self.tr('Objective'))}</b>"))
        self.selector = ElidingCombo()
        self.selector.setAccessibleName(self.tr("Objective to work on"))
        self.selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.selector.setMinimumContentsLength(30)
        self.selector.currentIndexChanged.connect(lambda _i: self._select(self.selector.currentData()))
        chooser.addWidget(self.selector, 1)
        self.body.addLayout(chooser)
        self.objective_text = wrapped_label("", self.tr("Objective being measured"))
        self.objective_text.setObjectName("formula")
        self.body.addWidget(self.objective_text)
        self.detail = QWidget()
        self.body.addWidget(self.detail)
        self.body.addStretch(1)

        self.objective_id: int | None = None
        self._shown_krs: list[int] | None = None
        self._coached: int | None = None
        model.changed.connect(self._on_change)
        self._refresh_selector()

    # -- choosing the objective --------------------------------------------------------------------

    def _refresh_selector(self) -> None:
        objectives = self.model.service.rows(models.Objective)
        with QSignalBlocker(self.selector):
            self.selector.clear()
            for number, objective in enumerate(objectives, start=1):
                self.selector.addItem(f"{number}. {shorten(objective.text) or self.tr('(empty objective)')}", objective.id)
            index = self.selector.findData(self.objective_id) if self.objective_id is not None else -1
            self.selector.setCurrentIndex(index if index >= 0 else (0 if objectives else -1))
        self._select(self.selector.currentData())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.model.set_focused_item("objective", self.objective_id)  # the room shows the objective chosen here

    def select_objective(self, objective_id: int) -> None:
        self.selector.setCurrentIndex(max(0, self.selector.findData(objective_id)))

    def _select(self, objective_id: int | None) -> None:
        if objective_id == self.objective_id and self._shown_krs is not None:
            self._show_objective_text()
            return
        self.objective_id = objective_id
        self._shown_krs = None
        self.model.set_focused_item("objective", objective_id)
        fresh = QWidget()
        layout = QVBoxLayout(fresh)
        layout.setContentsMargins(0, 0, 0, 0)
        if objective_id is None:
            layout.addWidget(wrapped_label(self.tr("Write objectives first (step 3)."), self.tr("No objectives")))
        else:
            layout.addWidget(self._key_results_box())
            layout.addWidget(self._initiatives_box(objective_id))
            layout.addWidget(self._tests_box(objective_id))
        self.detail = swap_widget(self.body, self.detail, fresh)
        self._show_objective_text()
        self._rebuild_key_results()

    def _show_objective_text(self) -> None:
        text = self.model.service.row(models.Objective, self.objective_id).text if self.objective_id else ""
        self.objective_text.setVisible(bool(self.objective_id))
        self.objective_text.setText(text or self.tr("(empty objective)"))

    # -- building ----------------------------------------------------------------------------------

    def _key_results_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Key results"))
        self.kr_layout = QVBoxLayout(box)
        self.kr_guidance = wrapped_label("", self.tr("Key result count guidance"))
        self.kr_guidance.setObjectName("hint")
        self.kr_layout.addWidget(self.kr_guidance)
        self.kr_cards = QWidget()
        self.kr_layout.addWidget(self.kr_cards)
        buttons = QHBoxLayout()
        buttons.addWidget(small_button(self.tr("Add key result"), self.tr("Add key result"), self.add_key_result,
                                       enabled=not self.model.read_only))
        buttons.addStretch(1)
        self.kr_layout.addLayout(buttons)
        return box

    def _initiatives_box(self, objective_id: int) -> QGroupBox:
        box = QGroupBox(self.tr("Initiatives: what we will do (not key results)"))
        QVBoxLayout(box).addWidget(RowListEditor(
            self.model, models.Initiative,
            [Column("text", self.tr("Initiative"), self.tr("Something we will do to move a key result"), 4),
             Column("owner", self.tr("Initiative owner"), self.tr("Owner"), 1)],
            self.tr("initiative"), self.tr("Add initiative"), parent_field="objective_id", parent_id=objective_id))
        return box

    def _tests_box(self, objective_id: int) -> QGroupBox:
        box = QGroupBox(self.tr("Check the set"))
        layout = QVBoxLayout(box)
        for field, question, name in (
                ("necessary", self.tr("Necessary test: is every key result needed?"), self.tr("Necessary test")),
                ("sufficient", self.tr("Sufficient test: if all of them are met, is the objective achieved?"),
                 self.tr("Sufficient test"))):
            layout.addWidget(wrapped_label(f"<b>{escape(question)}</b>", question, rich=True))
            row = QHBoxLayout()
            row.addWidget(answer_combo(self.model, objective_id, field, self.tr("%1 answer").replace("%1", name)))
            row.addWidget(fields.line_edit(self.model, models.Objective, objective_id, f"{field}_note",
                                           self.tr("%1 note").replace("%1", name), self.tr("Why? What is missing?")), 1)
            layout.addLayout(row)
        return box

    def add_key_result(self) -> None:
        if self.objective_id is None:
            return
        row_id = self.model.add_row(models.KeyResult, {"objective_id": self.objective_id}, self.tr("Add key result"))
        editor = self.findChild(QWidget, f"KeyResult-{row_id}-text") if row_id is not None else None
        if editor is not None:
            editor.setFocus()

    def _rebuild_key_results(self) -> None:
        if self.objective_id is None:
            return
        rows = self.model.service.children(models.KeyResult, "objective_id", self.objective_id)
        ids = [r.id for r in rows]
        if ids != self._shown_krs:
            self._shown_krs = ids
            fresh = QWidget()
            layout = QVBoxLayout(fresh)
            layout.setContentsMargins(0, 0, 0, 0)
            for number, row in enumerate(rows, start=1):
                card = KeyResultCard(self.model, row, number, len(rows))
                card.coach_requested.connect(self._coach)
                layout.addWidget(card)
            self.kr_cards = swap_widget(self.kr_layout, self.kr_cards, fresh)
        count = len(ids)
        if coach.FEWEST_KEY_RESULTS <= count <= coach.MOST_KEY_RESULTS:
            self.kr_guidance.setText(self.tr("%1 key results: within the 3 to 5 that measure an objective well.")
                                     .replace("%1", str(count)))
        else:
            so_far = self.tr("1 key result") if count == 1 else self.tr("%1 key results").replace("%1", str(count))
            self.kr_guidance.setText(self.tr("Worth a look: %1; aim for 3 to 5, each needed and together enough.")
                                     .replace("%1", so_far))

    # -- listening ---------------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.table is models.Objective:
            if change.field in (None, "position") or change.row_id is None:
                self._refresh_selector()
            elif change.field == "text" and change.row_id is not None:
                index = self.selector.findData(change.row_id)
                text = self.model.service.row(models.Objective, change.row_id).text
                self.selector.setItemText(index, f"{index + 1}. {shorten(text) or self.tr('(empty objective)')}")
                if change.row_id == self.objective_id:
                    self._show_objective_text()
        elif change.table is models.KeyResult:
            self._rebuild_key_results()
            if self._coached is not None and change.row_id in (self._coached, None):
                self._coach(self._coached)  # its new wording, or None once it is gone

    def _coach(self, key_result_id: int) -> None:
        self._coached = key_result_id
        self.model.set_focused_item("key_result", key_result_id)  # the room's page follows the cursor
        try:
            row = self.model.service.row(models.KeyResult, key_result_id)
        except KeyError:
            self._coached = None
            self.coach_subject.emit(None)
            return
        self.coach_subject.emit(("key_result", row.text, row.stages,
                                 {"kind": row.kind, "baseline": row.baseline, "target": row.target}))
