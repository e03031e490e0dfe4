"""A step's page when the step has nothing to edit: its purpose, formula and the room's prompts."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ui.pages.base import StepPage, section_label


class StepIntroPage(StepPage):
    def __init__(self, model, step: int):
        super().__init__(model, step)
        self.body.addWidget(section_label(self.tr("Prompts for the room")))
        for prompt in self.info.room_prompts:
            self.body.addWidget(QLabel(f"• {prompt}", wordWrap=True))
        self.body.addStretch(1)
