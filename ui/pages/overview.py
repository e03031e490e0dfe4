"""Step 1, the overview: the slide deck (assets/overview_slides.json) with notes for the laptop only.

The clicker's next/previous move through the slides; past the last slide, 'next' leaves the step.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from assets import load_json

from ui.pages.base import StepPage
from ui.projector_content import overview_slides


class OverviewPage(StepPage):
    def __init__(self, model):
        super().__init__(model, 1)
        self.slides = load_json("overview_slides.json")
        self.slide_title = QLabel(objectName="slideTitle", wordWrap=True)
        self.slide_title.setAccessibleName(self.tr("Slide title"))
        self.slide_bullets = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.counter = QLabel(objectName="hint")
        self.counter.setAccessibleName(self.tr("Slide number"))
        self.body.addWidget(self.slide_title)
        self.body.addWidget(self.slide_bullets)
        buttons = QHBoxLayout()
        previous = QPushButton(self.tr("Previous slide"))
        following = QPushButton(self.tr("Next slide"))
        for button in (previous, following):
            button.setAccessibleName(button.text())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        previous.clicked.connect(self.go_back)
        following.clicked.connect(self.advance)
        buttons.addWidget(previous)
        buttons.addWidget(following)
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addStretch(1)
        model.slide_changed.connect(self._show)
        self._show()

    @property
    def index(self) -> int:
        return max(0, min(self.model.details.current_slide, len(self.slides) - 1))

    def advance(self) -> bool:
        if self.index + 1 >= len(self.slides):
            return False
        self.model.set_slide(self.index + 1)
        return True

    def go_back(self) -> bool:
        if self.index == 0:
            return False
        self.model.set_slide(self.index - 1)
        return True

    def _show(self, *_args) -> None:
        title, bullets = overview_slides(self.model.service)[self.index]  # the agenda slide follows the plan
        self.slide_title.setText(title)
        self.slide_bullets.setText("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in bullets) + "</ul>")
        self.counter.setText(self.tr("Slide %1 of %2").replace("%1", str(self.index + 1))
                             .replace("%2", str(len(self.slides))))
        self.notes_changed.emit()

    def facilitator_notes(self) -> str:
        return self.slides[self.index]["notes"]
