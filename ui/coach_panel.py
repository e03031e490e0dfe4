"""The coach in the side panel: findings for the item being written, then findings for the whole set.

Pages announce what is being written through `StepPage.coach_subject`; the panel reviews it after a
short pause (a single-shot timer restarted by every keystroke, so typing never waits for the coach)
and reviews the whole set again whenever objectives, key results or alignment change. Severity is
always spelled out in words, never shown by colour alone (ARCHITECTURE.md, The coach, In the room).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from workshop import coach, models
from workshop.service import Change

from ui.session_model import SessionModel
from ui.translation import translator

DEBOUNCE_MS = 150
SUBJECT_PREVIEW_CHARS = 140
_SET_TABLES = (models.Objective, models.KeyResult, models.CompanyObjective, models.CompanyKeyResult)


_tr = translator("CoachPanel")


def severity_word(severity: str) -> str:
    """The word a facilitator reads for a severity (the screen never relies on colour)."""
    return {coach.ERROR: _tr("Needs fixing"), coach.WARNING: _tr("Worth a look"), coach.TIP: _tr("Tip")}[severity]


def findings_html(findings: list[coach.Finding]) -> str:
    """Findings as paragraphs: the severity word, the sentence, and the shape of a rewrite."""
    parts = []
    for found in findings:
        rewrite = f"<br><i>{escape(_tr('Try:'))}</i> {escape(found.rewrite)}" if found.rewrite else ""
        parts.append(f"<p><b>[{escape(severity_word(found.severity))}]</b> {escape(found.message)}{rewrite}</p>")
    return "".join(parts)


def set_of_objectives(service) -> list[coach.SetObjective]:
    """What the set rules need from the workshop: each objective's text, key-result count, alignment."""
    counts: dict[int, int] = {}
    for key_result in service.rows(models.KeyResult):
        counts[key_result.objective_id] = counts.get(key_result.objective_id, 0) + 1
    return [coach.SetObjective(o.text, counts.get(o.id, 0),
                               o.parent_objective_id is not None or o.parent_key_result_id is not None)
            for o in service.rows(models.Objective)]


def review_subject(subject) -> list[coach.Finding]:
    """Findings for a page's subject: (kind, text, stages[, details]).

    `details` is an optional mapping: a key-result page adds its `kind` (metric or milestone),
    `baseline` and `target`, so numbers typed in those fields count as if written in the sentence;
    an objective page adds `adopted` for an objective taken from a company key result.
    """
    kind, text, stages, *rest = subject
    details = rest[0] if rest else {}
    if kind == "objective":
        return coach.review_objective(text, adopted_key_result=bool(details.get("adopted")))
    kr_kind = details.get("kind") or (coach.MILESTONE if stages.strip() else coach.METRIC)
    return coach.review_key_result(text, kr_kind, stages, baseline=details.get("baseline", "") or "",
                                   target=details.get("target", "") or "")


class CoachPanel(QWidget):
    """Coach findings for the item being written and for the whole set; `updated` fires after each render."""

    updated = Signal()

    def __init__(self, model: SessionModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.setAccessibleName(self.tr("Coach"))
        self.subject = None
        self.item_findings: list[coach.Finding] = []
        self.set_findings: list[coach.Finding] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        content = QWidget()
        scroll.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 4, 8, 4)
        layout.addWidget(self._label(f"<b>{escape(self.tr('Coach'))}</b> {escape(self.tr('(on this laptop only)'))}",
                                     self.tr("Coach heading")))
        self.subject_label = self._label("", self.tr("Item being reviewed"), objectName="hint")
        self.findings_label = self._label("", self.tr("Coach findings for this item"))
        layout.addWidget(self.subject_label)
        layout.addWidget(self.findings_label)
        layout.addWidget(self._label(f"<b>{escape(self.tr('The whole set'))}</b>", self.tr("Set heading")))
        self.set_label = self._label("", self.tr("Coach findings for the whole set"))
        layout.addWidget(self.set_label)
        layout.addStretch(1)

        self._item_timer = self._debouncer(self._review_item)
        self._set_timer = self._debouncer(self._review_set)
        model.changed.connect(self._on_change)
        self._review_item()
        self._review_set()

    @staticmethod
    def _label(text: str, accessible_name: str, objectName: str = "") -> QLabel:
        label = QLabel(text, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(accessible_name)
        if objectName:
            label.setObjectName(objectName)
        return label

    def _debouncer(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(slot)
        return timer

    # -- listening ---------------------------------------------------------------------------------

    def show_subject(self, subject) -> None:
        """Review `subject` (see `review_subject`) after a short pause; None clears the item findings."""
        self.subject = subject
        self._item_timer.start()

    def _on_change(self, change: Change) -> None:
        if change.table in _SET_TABLES or (change.table is models.Workshop
                                           and change.field in (None, "cascade_model")):
            self._set_timer.start()

    # -- rendering ---------------------------------------------------------------------------------

    def _review_item(self) -> None:
        subject = self.subject
        if subject is None or not (subject[1] or "").strip():
            self.item_findings = []
            hint = (self.tr("Click into an objective or key result to see the coach's suggestions as you type.")
                    if subject is None else self.tr("Start writing: suggestions appear as you type."))
            self.subject_label.setText(escape(hint))
            self.findings_label.setText("")
        else:
            self.item_findings = review_subject(subject)
            what = self.tr("Objective") if subject[0] == "objective" else self.tr("Key result")
            text = " ".join(subject[1].split())
            if len(text) > SUBJECT_PREVIEW_CHARS:
                text = text[:SUBJECT_PREVIEW_CHARS] + "…"
            self.subject_label.setText(f"{escape(what)}: “{escape(text)}”")
            self.findings_label.setText(findings_html(self.item_findings) or escape(
                self.tr("No suggestions: this one reads well.")))
        self.updated.emit()

    def _review_set(self) -> None:
        objectives = set_of_objectives(self.model.service)
        self.set_findings = coach.review_set(objectives, self.model.details.cascade_model)
        if self.set_findings:
            self.set_label.setText(findings_html(self.set_findings))
        elif written := [o for o in objectives if o.text.strip()]:
            self.set_label.setText(escape(self.tr("%1 objectives, each with 3 to 5 key results: "
                                                  "a balanced set.").replace("%1", str(len(written)))))
        else:
            self.set_label.setText(escape(self.tr("No objectives yet.")))
        self.updated.emit()
