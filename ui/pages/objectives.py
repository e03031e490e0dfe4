"""Step 3, objectives: brainstorm prompts, candidate ideas with dot votes, and the objectives themselves.

Each objective can be written freely or composed with the formula (verb + what we want to change +
so that / in order to / to + why it matters); "Compose" writes the sentence as one undo step. The
page tells the side panel's coach which objective is being written (`coach_subject`). Helpers shared
with the key-results page live here too: `SentenceEdit` and `sentence_edit`.
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import (
    QComboBox, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from assets import load_json
from workshop import coach, models
from workshop.service import Change

from ui.widgets import fields
from ui.coach_panel import set_of_objectives, severity_word
from ui.pages.base import StepPage
from ui.pages.cascade import ParentCombo
from ui.widgets.basics import small_button, swap_widget, wrapped_label

_CONNECTOR = re.compile(r"\s+(so that|in order to)\s+", re.IGNORECASE)


class SentenceEdit(QPlainTextEdit):
    """A wrapping one-sentence editor that grows with its text (2 to 5 lines) and never scrolls sideways.

    Enter moves on instead of breaking the line, and pasted line breaks become spaces.
    """

    focused = Signal()
    left = Signal()

    def __init__(self, min_lines: int = 2, max_lines: int = 5):
        super().__init__()
        self.min_lines, self.max_lines = min_lines, max_lines
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long words and URLs too
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def _fit_height(self, *_args) -> None:
        lines = int(self.document().documentLayout().documentSize().height())
        lines = max(self.min_lines, min(self.max_lines, lines))
        height = (lines * self.fontMetrics().lineSpacing() + 2 * int(self.document().documentMargin())
                  + 2 * self.frameWidth() + 2)
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        if source.hasText():
            self.insertPlainText(" ".join(source.text().split()))
        else:
            super().insertFromMimeData(source)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()


def sentence_edit(model, table, row_id: int, field: str, label: str, placeholder: str = "") -> SentenceEdit:
    """A bound `SentenceEdit`: typing merges into one undo step until the editor loses focus."""
    edit = SentenceEdit()
    edit.setPlaceholderText(placeholder)
    edit.setObjectName(f"{table.__name__}-{row_id}-{field}")
    binding = fields.FieldBinding(model, edit, table, row_id, field, label, edit.toPlainText,
                                  lambda value: edit.setPlainText(value or ""))

    def on_text_changed() -> None:
        if len(edit.toPlainText()) > fields.MAX_FIELD_CHARS:
            binding.show_model_value()
            return
        binding.commit(typing=True)

    edit.textChanged.connect(on_text_changed)
    edit.left.connect(binding.end_typing)
    return edit


def compose_objective(verb: str, change: str, connector: str, why: str) -> str:
    """The formula's sentence: "Verb what-we-change connector why-it-matters", tidied."""
    parts = [" ".join(p.split()).rstrip(".") for p in (verb, change)]
    head = " ".join(p for p in parts if p)
    why = " ".join(why.split()).rstrip(".")
    sentence = f"{head} {connector} {why}" if head and why else head or why
    return sentence[:1].upper() + sentence[1:]


class ObjectiveFormula(QWidget):
    """verb / what we want to change / connector / why it matters, and "Compose" (one undo step)."""

    def __init__(self, model, objective_id: int, number: int):
        super().__init__()
        self.model, self.objective_id = model, objective_id
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Formula:")))
        self.verb = self._field(self.tr("verb"), self.tr("Formula verb, objective %1"), number)
        self.change = self._field(self.tr("what we want to change"), self.tr("What we want to change, objective %1"), number)
        self.connector = QComboBox()
        self.connector.addItems([self.tr("so that"), self.tr("in order to"), self.tr("to")])
        self.connector.setAccessibleName(self.tr("Connector, objective %1").replace("%1", str(number)))
        self.why = self._field(self.tr("why it matters"), self.tr("Why it matters, objective %1"), number)
        compose = small_button(self.tr("Compose"), self.tr("Compose objective %1").replace("%1", str(number)),
                               self.compose, enabled=not model.read_only)
        for widget, stretch in ((self.verb, 1), (self.change, 3), (self.connector, 0), (self.why, 3), (compose, 0)):
            row.addWidget(widget, stretch)
        self.sync_from_sentence()
        model.watch_row(models.Objective, objective_id, self._on_change, self)  # only its own row's edits

    def _field(self, placeholder: str, accessible: str, number: int) -> QLineEdit:
        edit = QLineEdit(placeholderText=placeholder)
        edit.setMaxLength(fields.MAX_FIELD_CHARS)
        edit.setAccessibleName(accessible.replace("%1", str(number)))
        edit.setMinimumWidth(60)
        return edit

    def _on_change(self, change: Change) -> None:
        if change.table is models.Objective and change.row_id == self.objective_id:
            self.sync_from_sentence()

    def sync_from_sentence(self) -> None:
        """Show the sentence split into the formula's parts (unless someone is typing in them)."""
        if any(w.hasFocus() for w in (self.verb, self.change, self.connector, self.why)):
            return
        try:
            text = " ".join(self.model.service.row(models.Objective, self.objective_id).text.split())
        except KeyError:
            return
        head, connector, why = text, "", ""
        match = _CONNECTOR.search(text)
        if match:
            head, connector, why = text[:match.start()], match.group(1).lower(), text[match.end():]
        verb, _, change = head.partition(" ")
        for edit, value in ((self.verb, verb), (self.change, change), (self.why, why)):
            edit.setText(value)
            edit.setCursorPosition(0)  # show the start of a long part, not its tail
        if connector:
            with QSignalBlocker(self.connector):
                self.connector.setCurrentIndex(0 if connector == "so that" else 1)

    def compose(self) -> None:
        sentence = compose_objective(self.verb.text(), self.change.text(), self.connector.currentText(),
                                     self.why.text())
        if sentence:
            self.model.set_field(models.Objective, self.objective_id, "text", sentence, self.tr("Compose objective"))


class CandidateList(QWidget):
    """Brainstormed ideas sorted by dot votes: add, edit, vote, promote to an objective, remove."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        add_row = QHBoxLayout()
        self.new_idea = QLineEdit(placeholderText=self.tr("Type an idea and press Enter"))
        self.new_idea.setAccessibleName(self.tr("New idea"))
        self.new_idea.setMaxLength(fields.MAX_FIELD_CHARS)
        self.new_idea.returnPressed.connect(self.add_idea)
        add_row.addWidget(self.new_idea, 1)
        add_row.addWidget(small_button(self.tr("Add idea"), self.tr("Add idea"), self.add_idea,
                                       enabled=not model.read_only))
        layout.addLayout(add_row)
        self.rows_widget = QWidget()
        layout.addWidget(self.rows_widget)
        self._signature = None
        model.changed.connect(self._on_change)
        self.rebuild()

    def candidates(self) -> list:
        return sorted(self.model.service.rows(models.Candidate), key=lambda c: (-c.votes, c.position, c.id))

    def add_idea(self) -> None:
        text = self.new_idea.text().strip()
        if text and self.model.add_row(models.Candidate, {"text": text}, self.tr("Add idea")) is not None:
            self.new_idea.clear()

    def vote(self, candidate_id: int, delta: int) -> None:
        votes = self.model.service.row(models.Candidate, candidate_id).votes
        label = self.tr("Add a vote") if delta > 0 else self.tr("Remove a vote")
        self.model.set_field(models.Candidate, candidate_id, "votes", max(0, votes + delta), label)

    def promote(self, candidate_id: int) -> int | None:
        text = self.model.service.row(models.Candidate, candidate_id).text.strip()
        return self.model.add_row(models.Objective, {"text": text}, self.tr("Promote idea to objective"))

    def _on_change(self, change: Change) -> None:
        if change.table in (models.Candidate, models.Objective):
            self.rebuild()

    def rebuild(self) -> None:
        candidates = self.candidates()
        objective_texts = {o.text.strip() for o in self.model.service.rows(models.Objective)}
        promoted = {c.id for c in candidates if c.text.strip() and c.text.strip() in objective_texts}
        signature = (tuple((c.id, c.votes) for c in candidates), frozenset(promoted))
        if signature == self._signature:
            return
        self._signature = signature
        fresh = QWidget()
        grid = QGridLayout(fresh)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 1)
        writable = not self.model.read_only
        for line, c in enumerate(candidates):
            n = str(line + 1)
            editor = fields.line_edit(self.model, models.Candidate, c.id, "text", self.tr("Idea %1").replace("%1", n))
            editor.setObjectName(f"candidate-{c.id}-text")
            grid.addWidget(editor, line, 0)
            count = self.tr("1 vote") if c.votes == 1 else self.tr("%1 votes").replace("%1", str(c.votes))
            votes = QLabel(("●" * min(c.votes, 10)) + " " + count)
            votes.setAccessibleName(self.tr("Votes for idea %1").replace("%1", n))
            grid.addWidget(votes, line, 1)
            grid.addWidget(small_button("−", self.tr("Remove a vote from idea %1").replace("%1", n),
                                        lambda _=False, i=c.id: self.vote(i, -1), f"candidate-{c.id}-minus",
                                        writable and c.votes > 0), line, 2)
            grid.addWidget(small_button("+", self.tr("Add a vote to idea %1").replace("%1", n),
                                        lambda _=False, i=c.id: self.vote(i, 1), f"candidate-{c.id}-plus",
                                        writable), line, 3)
            promote = small_button(self.tr("Promoted ✓") if c.id in promoted else self.tr("Promote to objective"),
                                   self.tr("Promote idea %1 to objective").replace("%1", n),
                                   lambda _=False, i=c.id: self.promote(i), f"candidate-{c.id}-promote",
                                   writable and bool(c.text.strip()) and c.id not in promoted)
            grid.addWidget(promote, line, 4)
            grid.addWidget(small_button(self.tr("Remove"), self.tr("Remove idea %1").replace("%1", n),
                                        lambda _=False, i=c.id: self.model.remove_row(models.Candidate, i,
                                                                                      self.tr("Remove idea")),
                                        f"candidate-{c.id}-remove", writable), line, 5)
        self.rows_widget = swap_widget(self.layout(), self.rows_widget, fresh)


class ObjectiveCard(QFrame):
    """One objective: its sentence, the formula, committed or aspirational, its parent, order, removal."""

    coach_requested = Signal(int)

    def __init__(self, model, objective, number: int, count: int):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        n, O, oid, writable = str(number), models.Objective, objective.id, not model.read_only
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{escape(self.tr('Objective %1').replace('%1', n))}</b>"))
        top.addWidget(fields.combo_box(model, O, oid, "commitment", self.tr("Commitment of objective %1").replace("%1", n),
                                       [(self.tr("Aspirational"), models.ASPIRATIONAL),
                                        (self.tr("Committed"), models.COMMITTED)]))
        top.addWidget(QLabel(self.tr("supports")))
        top.addWidget(ParentCombo(model, oid, self.tr("Parent of objective %1").replace("%1", n)), 1)
        label = self.tr("Move objective %1 up").replace("%1", n)
        top.addWidget(small_button("↑", label, lambda: model.move_row(O, oid, number - 2, self.tr("Move objective")),
                                   f"objective-{oid}-up", writable and number > 1))
        label = self.tr("Move objective %1 down").replace("%1", n)
        top.addWidget(small_button("↓", label, lambda: model.move_row(O, oid, number, self.tr("Move objective")),
                                   f"objective-{oid}-down", writable and number < count))
        top.addWidget(small_button(self.tr("Remove"), self.tr("Remove objective %1").replace("%1", n),
                                   lambda: model.remove_row(O, oid, self.tr("Remove objective")),
                                   f"objective-{oid}-remove", writable))
        layout.addLayout(top)
        self.editor = sentence_edit(model, O, oid, "text", self.tr("Objective %1").replace("%1", n),
                                    self.tr("Verb + what we want to change + so that + why it matters"))
        self.editor.focused.connect(lambda: self.coach_requested.emit(oid))
        self.editor.textChanged.connect(lambda: self.coach_requested.emit(oid))
        layout.addWidget(self.editor)
        self.formula = ObjectiveFormula(model, oid, number)
        layout.addWidget(self.formula)


class ObjectivesPage(StepPage):
    """Step 3: prompts, ideas with votes, and 3-5 objectives shaped with the formula."""

    def __init__(self, model):
        super().__init__(model, 3)
        brainstorm = load_json("brainstorm.json")
        prompts = QGroupBox(self.tr("Brainstorm"))
        prompt_layout = QVBoxLayout(prompts)
        items = "".join(f"<li>{escape(p)}</li>" for p in brainstorm["prompts"])
        prompt_layout.addWidget(wrapped_label(f"<ul>{items}</ul>", self.tr("Brainstorm prompts"), rich=True))
        prompt_layout.addWidget(wrapped_label(brainstorm["voting_hint"], self.tr("Voting hint")))
        self.body.addWidget(prompts)

        ideas = QGroupBox(self.tr("Ideas and dot votes"))
        self.candidates = CandidateList(model)
        QVBoxLayout(ideas).addWidget(self.candidates)
        self.body.addWidget(ideas)

        box = QGroupBox(self.tr("Our objectives"))
        self.objectives_layout = QVBoxLayout(box)
        self.guidance = wrapped_label("", self.tr("Objective count guidance"))
        self.guidance.setObjectName("hint")
        self.objectives_layout.addWidget(self.guidance)
        self.cards_widget = QWidget()
        self.objectives_layout.addWidget(self.cards_widget)
        buttons = QHBoxLayout()
        buttons.addWidget(small_button(self.tr("Add objective"), self.tr("Add objective"), self.add_objective,
                                       enabled=not model.read_only))
        buttons.addWidget(small_button(self.tr("Insert from the example library…"),
                                       self.tr("Insert from the example library"), self.open_library,
                                       enabled=not model.read_only))
        buttons.addStretch(1)
        self.objectives_layout.addLayout(buttons)
        self.body.addWidget(box)
        self.body.addStretch(1)

        self._shown_ids: list[int] | None = None
        self._coached: int | None = None
        model.changed.connect(self._on_change)
        self._rebuild()
        self._show_guidance()

    def add_objective(self) -> None:
        row_id = self.model.add_row(models.Objective, {}, self.tr("Add objective"))
        editor = self.findChild(SentenceEdit, f"Objective-{row_id}-text") if row_id is not None else None
        if editor is not None:
            editor.setFocus()

    def open_library(self) -> None:
        from ui.example_library import open_example_library

        open_example_library(self, self.model)

    def _on_change(self, change: Change) -> None:
        if change.table is models.Objective:
            self._rebuild()
            if change.row_id == self._coached and change.row_id is not None:
                self._coach(self._coached)
        if change.table in (models.Objective, models.KeyResult, models.Workshop):
            self._show_guidance()

    def _rebuild(self) -> None:
        objectives = self.model.service.rows(models.Objective)
        ids = [o.id for o in objectives]
        if ids == self._shown_ids:
            return
        self._shown_ids = ids
        if self._coached is not None and self._coached not in ids:
            self._coached = None
            self.coach_subject.emit(None)
        fresh = QWidget()
        layout = QVBoxLayout(fresh)
        layout.setContentsMargins(0, 0, 0, 0)
        for number, objective in enumerate(objectives, start=1):
            card = ObjectiveCard(self.model, objective, number, len(objectives))
            card.coach_requested.connect(self._coach)
            layout.addWidget(card)
        if not objectives:
            layout.addWidget(wrapped_label(self.tr("No objectives yet: promote an idea, add one, or insert an "
                                                   "example."), self.tr("No objectives")))
        self.cards_widget = swap_widget(self.objectives_layout, self.cards_widget, fresh)

    def _coach(self, objective_id: int) -> None:
        self._coached = objective_id
        self.model.set_focused_item("objective", objective_id)  # the room's page follows the cursor
        objective = self.model.service.row(models.Objective, objective_id)
        self.coach_subject.emit(("objective", objective.text, "",
                                 {"adopted": objective.parent_key_result_id is not None}))

    def _show_guidance(self) -> None:
        objectives = set_of_objectives(self.model.service)
        count = len([o for o in objectives if o.text.strip()])
        for found in coach.review_set(objectives, self.model.details.cascade_model):
            if found.code in ("SET-OBJ-COUNT", "SET-OBJ-FEW"):
                self.guidance.setText(f"{severity_word(found.severity)}: {found.message}")
                return
        self.guidance.setText(self.tr("%1 objectives: within the 3 to 5 that keep a team focused.")
                              .replace("%1", str(count)) if count else self.tr("Aim for 3 to 5 objectives."))
