"""Step 6, the wrap-up: open questions, next steps, the follow-up meeting and a closing summary.

The closing summary is read-only and rebuilt from the model whenever objectives, key results or
the schedule change, so it always says what the session file holds. The projector draws its own
summary from the same rows (`ui.projector_content.wrap_up`); nothing here is copied to it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from workshop import models
from workshop.schedule import meeting_reminder

from ui.widgets import fields
from ui.actions import ActionId
from ui.pages.base import StepPage
from ui.pages.cadence import time_edit
from ui.pages.cadence_table import breakable
from ui.room_words import moment_text
from ui.widgets.row_list import Column, RowListEditor

SUMMARY_MEETINGS = 4  # the first few meetings; the whole schedule is on the cadence page and in the pack
_SUMMARY_TABLES = (models.Objective, models.KeyResult, models.ReviewEvent, models.Workshop)


def _html(text: str) -> str:
    """User text made safe for a rich-text label: escaped, and wrappable even inside very long words."""
    return escape(breakable(text))


class WrapUpPage(StepPage):
    """Step 6: what is still open, who does what next, when we meet again, and what we agreed."""

    def __init__(self, model):
        super().__init__(model, 6)
        questions = QGroupBox(self.tr("Open questions"))
        QVBoxLayout(questions).addWidget(RowListEditor(
            model, models.OpenQuestion,
            [Column("text", self.tr("Question"), self.tr("A question we could not answer today"), 6),
             Column("answered", self.tr("Answered"), stretch=0, editor="check")],
            self.tr("open question"), self.tr("Add open question")))
        self.body.addWidget(questions)

        next_steps = QGroupBox(self.tr("Next steps"))
        QVBoxLayout(next_steps).addWidget(RowListEditor(
            model, models.ActionItem,
            [Column("what", self.tr("What"), self.tr("What needs doing"), 5),
             Column("who", self.tr("Who"), self.tr("Who does it"), 2),
             Column("due_date", self.tr("By when"), stretch=0, editor="date")],
            self.tr("next step"), self.tr("Add next step")))
        self.body.addWidget(next_steps)

        W = models.Workshop
        followup = QGroupBox(self.tr("Follow-up meeting"))
        form = QFormLayout(followup)
        when = QHBoxLayout()
        when.addWidget(fields.date_edit(model, W, 1, "followup_date", self.tr("Follow-up date")))
        when.addWidget(QLabel(self.tr("at")))
        when.addWidget(time_edit(model, W, 1, "followup_time", self.tr("Follow-up time"), optional=True))
        when.addStretch(1)
        form.addRow(self.tr("When"), when)
        form.addRow(self.tr("Note"), fields.text_edit(model, W, 1, "followup_note", self.tr("Follow-up note"),
                                                      self.tr("What the follow-up is for"), lines=2))
        self.body.addWidget(followup)

        self.reminder = QLabel(wordWrap=True, objectName="formula", textFormat=Qt.TextFormat.RichText)
        self.reminder.setAccessibleName(self.tr("Reminder before the first check-in"))
        self.body.addWidget(self.reminder)

        summary = QGroupBox(self.tr("Closing summary"))
        self.summary = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.summary.setAccessibleName(self.tr("Closing summary"))
        QVBoxLayout(summary).addWidget(self.summary)
        self.body.addWidget(summary)
        self.body.addStretch(1)
        model.changed.connect(self._on_change)
        self._render()

    def offer_actions(self, actions: dict) -> None:
        """Export and Share where the workshop ends: the same actions as the File menu."""
        send = QGroupBox(self.tr("Send the result"))
        row = QHBoxLayout(send)
        for action_id in (ActionId.EXPORT_PDF, ActionId.SHARE, ActionId.EXPORT_CALENDAR):
            button = QToolButton()
            button.setDefaultAction(actions[action_id])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumHeight(32)
            row.addWidget(button)
        row.addStretch(1)
        self.body.insertWidget(self.body.count() - 1, send)  # above the closing stretch

    def _on_change(self, change) -> None:
        if change.table in _SUMMARY_TABLES:
            self._render()

    # -- rendering (from the model, every time) --------------------------------------------------

    def _render(self) -> None:
        self.reminder.setText(self._reminder_html())
        self.summary.setText(self._okrs_html() + self._meetings_html())

    def first_check_in(self):
        """The first weekly check-in, or the first meeting of any kind when there is none."""
        events = self.model.service.rows(models.ReviewEvent)
        return next((e for e in events if e.kind == models.WEEKLY), events[0] if events else None)

    def _reminder_html(self) -> str:
        event = self.first_check_in()
        if event is None:
            lead = self.tr("Generate the review schedule in step 5 to know when the first check-in is.")
        else:
            lead = self.tr("First check-in: %1.").replace("%1", self._when(event))
        return f"<b>{_html(lead)}</b><br>{escape(meeting_reminder())}"

    def _okrs_html(self) -> str:
        objectives = self.model.service.rows(models.Objective)
        heading = f"<h3>{escape(self.tr('Our objectives and key results'))}</h3>"
        if not objectives:
            return heading + f"<p>{escape(self.tr('No objectives were written.'))}</p>"
        commitments = {models.COMMITTED: self.tr("committed"), models.ASPIRATIONAL: self.tr("aspirational")}
        parts = [heading]
        for number, objective in enumerate(objectives, start=1):
            text = _html(objective.text.strip()) or f"<i>{escape(self.tr('(empty objective)'))}</i>"
            kind = escape(commitments.get(objective.commitment, objective.commitment))
            parts.append(f"<p><b>{number}.</b> {text} <i>({kind})</i></p>")
            key_results = self.model.service.children(models.KeyResult, "objective_id", objective.id)
            items = [f"<li>{self._key_result_html(kr)}</li>" for kr in key_results if kr.text.strip()]
            parts.append(f"<ul>{''.join(items)}</ul>" if items else
                         f"<p>&nbsp;&nbsp;{escape(self.tr('No key results yet.'))}</p>")
        return "".join(parts)

    def _key_result_html(self, key_result) -> str:
        # The text already says "from X to Y" (the formula); the owner is what the room needs to hear.
        owner = key_result.owner.strip()
        tail = f" <i>({_html(self.tr('owner: %1').replace('%1', owner))})</i>" if owner else ""
        return _html(key_result.text.strip()) + tail

    def _meetings_html(self) -> str:
        events = self.model.service.rows(models.ReviewEvent)
        heading = f"<h3>{escape(self.tr('Review schedule'))}</h3>"
        if not events:
            return heading + f"<p>{escape(self.tr('No meetings planned yet.'))}</p>"
        items = [f"<li>{_html(self._when(e))} · {_html(e.title)} · "
                 f"{escape(self.tr('%1 min').replace('%1', str(e.minutes)))}</li>"
                 for e in events[:SUMMARY_MEETINGS]]
        more = len(events) - SUMMARY_MEETINGS
        tail = ""
        if more > 0:
            sentence = self.tr("… and %1 more, until %2.").replace("%1", str(more))
            tail = f"<p>{_html(sentence.replace('%2', self._when(events[-1])))}</p>"
        return heading + f"<ul>{''.join(items)}</ul>" + tail

    @staticmethod
    def _when(event) -> str:
        """ "Mon 4 Jan 2027 at 09:30", or the stored text when it cannot be read."""
        return moment_text(event.starts_at)
