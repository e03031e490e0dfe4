"""Where a running meeting is: its agenda item and the key result in focus, shared by both screens.

The laptop's runner moves it (clicker keys, clicks); the projector's view reads it and re-renders.
Neither screen reads the other's widgets. What was recorded lives in the session (service), not here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from workshop import models
from workshop.progress import ObjectiveProgress, quarter_progress

from ui.meetings.commands import MeetingRecord
from ui.session_model import SessionModel

KEY_RESULTS_ITEM = 0  # every template's first item is the key results: their state, or their scores


class MeetingState(QObject):
    """The meeting's position; `moved` after every change of item or key result."""

    moved = Signal()

    def __init__(self, model: SessionModel, record: MeetingRecord, parent: QObject | None = None):
        super().__init__(parent)
        self.model, self.record = model, record
        self.item_index = KEY_RESULTS_ITEM
        self.key_result_index = 0
        self._progress: tuple[ObjectiveProgress, ...] | None = None
        model.changed.connect(self.forget_progress)

    @property
    def plan(self):
        return self.record.plan

    def key_result_ids(self) -> list[int]:
        """Every key result, objective by objective, in the order the app numbers them."""
        service = self.model.service
        return [kr.id for objective in service.rows(models.Objective)
                for kr in service.children(models.KeyResult, "objective_id", objective.id)]

    @property
    def key_result_id(self) -> int | None:
        ids = self.key_result_ids()
        return ids[min(self.key_result_index, len(ids) - 1)] if ids else None

    def progress(self) -> tuple[ObjectiveProgress, ...]:
        """Every objective's progress as of the meeting's date (a meeting held again later does not
        show values recorded after it), computed once per change of the session or of the date (both
        screens and every repaint of the projector read it)."""
        if self._progress is None:
            self._progress = quarter_progress(self.model.service.snapshot(), as_of=self.record.held_on)
        return self._progress

    def forget_progress(self, _change=None) -> None:
        """The session or the meeting's date changed: compute the progress again when next asked."""
        self._progress = None

    @property
    def on_key_results(self) -> bool:
        return self.item_index == KEY_RESULTS_ITEM

    @property
    def item_title(self) -> str:
        return self.plan.agenda[self.item_index]

    def go_to_item(self, index: int) -> None:
        index = max(0, min(len(self.plan.agenda) - 1, index))
        if index != self.item_index:
            self.item_index = index
            self.moved.emit()

    def go_to_key_result(self, index: int) -> None:
        index = max(0, min(len(self.key_result_ids()) - 1, index))
        if index != self.key_result_index or not self.on_key_results:
            self.key_result_index, self.item_index = index, KEY_RESULTS_ITEM
            self.moved.emit()

    def advance(self) -> None:
        """The clicker's next: the next key result while walking them, then the next agenda item."""
        if self.on_key_results and self.key_result_index < len(self.key_result_ids()) - 1:
            self.go_to_key_result(self.key_result_index + 1)
        else:
            self.go_to_item(self.item_index + 1)

    def go_back(self) -> None:
        if self.on_key_results and self.key_result_index > 0:
            self.go_to_key_result(self.key_result_index - 1)
        elif self.item_index == KEY_RESULTS_ITEM + 1:
            self.go_to_key_result(len(self.key_result_ids()) - 1)
        else:
            self.go_to_item(self.item_index - 1)
