"""What every step page shares: a heading with the step's purpose and formula, a scrolling body,
and the hooks the facilitator window uses (clicker navigation inside the page, notes to show)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from workshop.agenda import step_info

from ui.session_model import SessionModel


class StepPage(QWidget):
    """Base of the step pages. Subclasses fill `self.body` (a vertical layout)."""

    notes_changed = Signal()
    coach_subject = Signal(object)  # (kind, text, stages) of the item being written, or None

    def __init__(self, model: SessionModel, step: int):
        super().__init__()
        self.model = model
        self.step = step
        self.info = step_info(step)
        self.setAccessibleName(self.info.title)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        content = QWidget()
        scroll.setWidget(content)
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(24, 16, 24, 24)
        self.body.setSpacing(10)
        title = QLabel(self.info.title, objectName="pageTitle")
        self.body.addWidget(title)
        purpose = QLabel(self.info.purpose, wordWrap=True, objectName="hint")
        self.body.addWidget(purpose)
        if self.info.formula:
            formula = QLabel(self.info.formula, wordWrap=True, objectName="formula")
            formula.setAccessibleName(self.tr("Formula"))
            self.body.addWidget(formula)

    def advance(self) -> bool:
        """Handle the clicker's 'next' inside the page (a slide); False moves to the next step."""
        return False

    def go_back(self) -> bool:
        return False

    def facilitator_notes(self) -> str:
        return self.info.facilitator_notes

    def offer_actions(self, actions: dict) -> None:
        """The window's actions by `ActionId`; a page that ends with commands (the wrap-up's Export
        and Share) shows buttons for them. Most pages offer none."""

