"""The "Paste OKRs…" dialog: bring OKRs written elsewhere (an email, a document) into the workshop.

The text uses the plain-text draft format of ARCHITECTURE.md, Command line (one objective per line, its key results
indented below with "-", "#" for comments). The dialog reads it as it is typed (after a short pause),
shows what it found or the one sentence saying what is wrong, and "Add to workshop" adds every
objective and key result as one action: one transaction, one notification, one undo step.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from workshop import models
from workshop.draft import Draft, DraftError, parse_draft
from workshop.kr_numbers import fields_for_new_key_result

from ui.session_model import SessionModel
from ui.translation import translator

PARSE_DELAY_MS = 150
PREVIEW_OBJECTIVES = 12


_tr = translator("PasteOkrs")


def objectives_phrase(count: int) -> str:
    return _tr("1 objective") if count == 1 else _tr("%1 objectives").replace("%1", str(count))


def key_results_phrase(count: int) -> str:
    return _tr("1 key result") if count == 1 else _tr("%1 key results").replace("%1", str(count))


def add_draft(model: SessionModel, draft: Draft) -> list[int]:
    """Add the draft's objectives and key results after the existing ones: one transaction, one
    notification, one undo step. Return the new objectives' ids (none when the save failed, which
    was reported and left the workshop as it was)."""
    added: list[int] = []
    with model.action(_tr("Paste OKRs")) as action:
        for objective in draft.objectives:
            objective_id = action.add_row(models.Objective, {"text": objective.text})
            added.append(objective_id)
            for key_result in objective.key_results:
                action.add_row(models.KeyResult, {"objective_id": objective_id,
                                                   **fields_for_new_key_result(key_result.text)})
    return added if action.done else []


class PasteOkrsDialog(QDialog):
    """A text box for a plain-text draft, its live reading, and "Add to workshop"."""

    def __init__(self, model: SessionModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.draft: Draft | None = None
        self.setWindowTitle(self.tr("Paste OKRs"))
        self.setAccessibleName(self.tr("Paste OKRs"))
        self.resize(760, 560)

        explanation = QLabel(self.tr("One objective per line. Its key results go below it, indented, each "
                                     "starting with “-”. A “#” starts a comment."), wordWrap=True)
        explanation.setAccessibleName(self.tr("Format"))
        self.text_box = QPlainTextEdit()
        self.text_box.setAccessibleName(self.tr("OKRs to paste"))
        self.text_box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text_box.setPlaceholderText(self.tr(
            "Make our release process predictable so that customers can plan upgrades\n"
            "  - Reduce failed deployments from 12% to 3%\n"
            "  - Cut lead time for changes from 9 days to 2 days"))
        self.result = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.result.setAccessibleName(self.tr("What was found"))
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        result_scroll = QScrollArea()
        result_scroll.setWidgetResizable(True)
        result_scroll.setWidget(self.result)
        result_scroll.setMinimumHeight(120)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_button = QPushButton(self.tr("Add to workshop"))
        self.add_button.setAccessibleName(self.tr("Add to workshop"))
        self.add_button.setDefault(True)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_to_workshop)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.text_box, 3)
        layout.addWidget(result_scroll, 2)
        layout.addWidget(buttons)

        self._parse_timer = QTimer(self)
        self._parse_timer.setSingleShot(True)
        self._parse_timer.setInterval(PARSE_DELAY_MS)
        self._parse_timer.timeout.connect(self.read_draft)
        self.text_box.textChanged.connect(self._parse_timer.start)
        self.read_draft()

    def set_text(self, text: str) -> None:
        """Fill the box (as a paste would) and read it at once."""
        self.text_box.setPlainText(text)
        self.read_draft()

    def read_draft(self) -> None:
        self._parse_timer.stop()
        text = self.text_box.toPlainText()
        self.draft = None
        if not text.strip():
            self.result.setText(escape(self.tr("Paste or type OKRs above; what is found appears here.")))
        else:
            try:
                draft = parse_draft(text)
            except DraftError as error:
                self.result.setText(f"<b>{escape(self.tr('Cannot read this yet:'))}</b> {escape(str(error))}")
            else:
                self.draft = draft if draft.objectives else None
                self.result.setText(self._describe(draft))
        self.add_button.setEnabled(self.draft is not None and not self.model.read_only)

    def _describe(self, draft: Draft) -> str:
        if not draft.objectives:
            return escape(self.tr("No objectives found: only comments or blank lines."))
        key_results = sum(len(o.key_results) for o in draft.objectives)
        summary = (self.tr("Ready to add %1 and %2:").replace("%1", objectives_phrase(len(draft.objectives)))
                   .replace("%2", key_results_phrase(key_results)))
        items = "".join(f"<li>{escape(o.text)} <i>({escape(key_results_phrase(len(o.key_results)))})</i></li>"
                        for o in draft.objectives[:PREVIEW_OBJECTIVES])
        more = len(draft.objectives) - PREVIEW_OBJECTIVES
        tail = f"<p>{escape(self.tr('… and %1 more').replace('%1', str(more)))}</p>" if more > 0 else ""
        return f"<p><b>{escape(summary)}</b></p><ol>{items}</ol>{tail}"

    def add_to_workshop(self) -> list[int]:
        self.read_draft()
        if self.draft is None or self.model.read_only:
            return []
        added = add_draft(self.model, self.draft)
        if added:
            self.accept()
        return added


def open_paste_dialog(parent: QWidget | None, model: SessionModel) -> PasteOkrsDialog:
    """Show the dialog window-modal with open() (never exec(): it would block the qasync loop)."""
    dialog = PasteOkrsDialog(model, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
