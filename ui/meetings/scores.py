"""Scores at the retrospective (ARCHITECTURE.md, Scoring): the key result in focus and its objective.

Committed goals score 0 or 1; aspirational ones 0.0 to 1.0, suggested from progress and editable.
Each score shows its band as a word beside the colour. Setting a score is one undoable action.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QGridLayout, QGroupBox, QLabel, QPushButton, QStackedWidget,
)

from workshop import models
from workshop.checkins import CheckinError, check_score
from workshop.progress import KeyResultProgress, suggested_score
from workshop.scoring import describe_commitment, score_band

from ui.meetings.state import MeetingState

NOT_SCORED = -0.05  # the spin box's lowest step reads "not scored"


class ScoreRow:
    """One score's editor (a choice for committed goals, a number for aspirational ones), its band
    in words, and a button that takes the suggested score."""

    def __init__(self, editor: "ScoreEditor", grid: QGridLayout, row: int, what: str):
        self.editor, self.model = editor, editor.model
        self.table, self.row_id, self.commitment, self.suggested = None, None, models.ASPIRATIONAL, None
        self.name = QLabel(what)
        self.choice = QComboBox()
        self.choice.setAccessibleName(editor.tr("%1 score").replace("%1", what))
        for text, value in ((editor.tr("not scored"), None), (editor.tr("0 — not done"), 0.0),
                            (editor.tr("1 — done"), 1.0)):
            self.choice.addItem(text, value)
        self.choice.activated.connect(lambda index: self.set_score(self.choice.itemData(index)))
        self.number = QDoubleSpinBox(minimum=NOT_SCORED, maximum=1.0, singleStep=0.05, decimals=2)
        self.number.setSpecialValueText(editor.tr("not scored"))
        self.number.setAccessibleName(editor.tr("%1 score").replace("%1", what))
        self.number.setKeyboardTracking(False)
        self.number.valueChanged.connect(lambda v: self.set_score(None if v <= NOT_SCORED + 1e-9 else round(v, 2)))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.choice)
        self.stack.addWidget(self.number)
        self.stack.setFixedHeight(self.number.sizeHint().height() + 2)
        self.band = QLabel()
        self.band.setAccessibleName(editor.tr("%1 band").replace("%1", what))
        self.take = QPushButton()
        self.take.clicked.connect(lambda: self.set_score(self.suggested))
        for column, widget in enumerate((self.name, self.stack, self.band, self.take)):
            grid.addWidget(widget, row, column)

    def show(self, table: type, row_id: int, commitment: str, score: float | None, suggested: float | None) -> None:
        self.table, self.row_id, self.commitment, self.suggested = table, row_id, commitment, suggested
        committed = commitment == models.COMMITTED
        self.stack.setCurrentWidget(self.choice if committed else self.number)
        self.choice.setCurrentIndex(self.choice.findData(score))
        self.number.blockSignals(True)
        self.number.setValue(NOT_SCORED if score is None else score)
        self.number.blockSignals(False)
        band = score_band(score, commitment)
        shown = "—" if score is None else f"{score:.2f}"
        self.band.setText(f"<span style='color:{band.colour}'>■</span> {shown} · {band.word}")
        self.take.setText(self.editor.tr("Use suggested: %1").replace("%1", f"{suggested:.2f}")
                          if suggested is not None else self.editor.tr("No suggestion yet"))
        self.take.setEnabled(suggested is not None and suggested != score)
        self.stack.setToolTip(describe_commitment(commitment))

    def set_score(self, score: float | None) -> None:
        if self.row_id is None:
            return
        try:
            score = check_score(score, self.commitment)
        except CheckinError as error:
            self.editor.problem.setText("⚠ " + str(error))
            return
        self.editor.problem.clear()
        if self.model.service.row(self.table, self.row_id).score != score:
            self.model.set_field(self.table, self.row_id, "score", score, self.editor.tr("Score"))


class ScoreEditor(QGroupBox):
    """The scores of the key result in focus and of its objective."""

    def __init__(self, state: MeetingState):
        super().__init__(state.model.tr("Scores"))
        self.state, self.model = state, state.model
        grid = QGridLayout(self)
        self.key_result_row = ScoreRow(self, grid, 0, self.tr("Key result"))
        self.objective_row = ScoreRow(self, grid, 1, self.tr("Objective"))
        self.take_all = QPushButton(self.tr("Use every suggestion not yet scored"))
        self.take_all.setToolTip(self.tr("Scores every key result and objective that has no score yet with "
                                         "the score its progress suggests; one step to undo"))
        self.take_all.clicked.connect(self.use_every_suggestion)
        grid.addWidget(self.take_all, 2, 3)
        self.problem = QLabel(wordWrap=True)
        grid.addWidget(self.problem, 3, 0, 1, 4)
        grid.setColumnStretch(2, 1)

    def unscored_suggestions(self) -> list[tuple[type, int, float]]:
        """(table, id, suggested score) of every key result, then objective, not scored yet."""
        suggestions = []
        for objective in self.state.progress():
            commitment = objective.objective.commitment
            for kr in objective.key_results:
                suggested = suggested_score(commitment, kr.progress)
                if kr.key_result.score is None and suggested is not None:
                    suggestions.append((models.KeyResult, kr.key_result.id, suggested))
        for objective in self.state.progress():
            suggested = objective.suggested_score
            if objective.score is None and suggested is not None:
                if objective.objective.commitment == models.ASPIRATIONAL:
                    suggested = round(suggested, 2)
                suggestions.append((models.Objective, objective.objective.id, suggested))
        return suggestions

    def use_every_suggestion(self) -> None:
        """Take every suggested score at once: one transaction, one undo entry."""
        suggestions = self.unscored_suggestions()
        if not suggestions:
            self.problem.setText(self.tr("Everything with a suggestion is scored already."))
            return
        self.problem.clear()
        with self.model.action(self.tr("Use suggested scores")) as action:
            for table, row_id, score in suggestions:
                action.set_field(table, row_id, "score", score)

    def show_for(self, focus: KeyResultProgress) -> None:
        objective = next(o for o in self.state.progress()
                         if any(kr.key_result.id == focus.key_result.id for kr in o.key_results))
        commitment = objective.objective.commitment
        self.key_result_row.show(models.KeyResult, focus.key_result.id, commitment, focus.key_result.score,
                                 suggested_score(commitment, focus.progress))
        self.objective_row.show(models.Objective, objective.objective.id, commitment, objective.score,
                                None if objective.suggested_score is None else round(objective.suggested_score, 2))
