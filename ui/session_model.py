"""The open workshop as Qt sees it: the service's changes as signals, the undo stack and the step timer.

Every view (facilitator pages, projector, coach panel) listens to `changed` and re-renders from
`service`; widgets change the workshop only through the `set_field`/`add_row`/... methods here,
which push undo commands. The timer is arithmetic (`workshop.timer`); the QTimer here only asks
views to repaint, four times a second or more.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from workshop import models
from workshop.agenda import WRAP_UP, schedule_delta_seconds
from workshop.errors import StorageError
from workshop.service import Change, WorkshopService
from workshop.timer import OVERTIME, StepTimer

from ui import undo

TICK_MS = 200
SAVE_USED_TIME_EVERY_S = 5


class SessionModel(QObject):
    """One open workshop: emits `changed(Change)` after each saved edit and `tick()` while timing."""

    changed = Signal(object)
    tick = Signal()
    step_changed = Signal(int)
    slide_changed = Signal(int)
    crossed_zero = Signal()
    timer_running_changed = Signal(bool)
    error = Signal(str)
    focus_changed = Signal(object)  # ("objective" | "key_result", row id) being edited, or None

    def __init__(self, service: WorkshopService, clock=None, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.undo_stack = QUndoStack(self)
        self.clock = clock or time.monotonic  # one clock for the timer and anything that turns pages
        self._unsubscribe = service.subscribe(self.changed.emit)
        self.timer = self._timer_for(self.current_step)
        self._last_state = self._timer_state()
        self._last_saved_used = int(self.timer.used_seconds())
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_tick)
        self._closed = False
        self.focused_item: tuple[str, int] | None = None

    # -- reading -----------------------------------------------------------------------------------

    @property
    def details(self) -> models.Workshop:
        return self.service.details

    @property
    def current_step(self) -> int:
        return self.details.current_step

    @property
    def read_only(self) -> bool:
        return self.service.store.read_only

    def step_row(self, number: int) -> models.AgendaStep:
        return self.service.row(models.AgendaStep, number)

    def workshop_delta_seconds(self) -> int:
        """Positive when the meeting runs behind plan, negative when ahead."""
        return schedule_delta_seconds(self.service.rows(models.AgendaStep), self.current_step,
                                      int(self.timer.used_seconds()))

    # -- editing (each call is one undoable action) --------------------------------------------------

    def execute(self, command: undo.WorkshopCommand) -> bool:
        """Apply a command now and push it; a failed save is reported and never enters the stack."""
        command.on_error = self.error.emit
        try:
            command.apply()
        except StorageError as failure:
            self.error.emit(str(failure))
            return False
        command.already_applied = True
        self.undo_stack.push(command)
        return True

    def set_field(self, table, row_id, field, value, label: str, merge_key: object = None) -> bool:
        """Change one field; edits sharing a `merge_key` (one typing session) undo as one step."""
        if getattr(self.service.row(table, row_id), field) == value:
            return True
        return self.execute(undo.SetField(self.service, table, row_id, field, value, label, merge_key))

    def set_fields(self, table, row_id, values: dict, label: str) -> bool:
        return self.execute(undo.SetFields(self.service, table, row_id, values, label))

    def add_row(self, table, values: dict, label: str) -> int | None:
        command = undo.AddRow(self.service, table, values, label)
        return command.row_id if self.execute(command) else None

    def remove_row(self, table, row_id: int, label: str) -> bool:
        return self.execute(undo.RemoveRow(self.service, table, row_id, label))

    def move_row(self, table, row_id: int, new_index: int, label: str) -> bool:
        return self.execute(undo.MoveRow(self.service, table, row_id, new_index, label))

    def replace_rows(self, table, rows: list[dict], label: str) -> bool:
        return self.execute(undo.ReplaceRows(self.service, table, rows, label))

    def _save_quietly(self, table, row_id, field, value) -> None:
        """Navigation and timing state: saved, but not something a person wants to undo."""
        try:
            self.service.set_field(table, row_id, field, value, persist=not self.read_only)
        except StorageError as failure:
            self.error.emit(str(failure))

    # -- navigation --------------------------------------------------------------------------------

    def go_to_step(self, number: int) -> None:
        number = max(0, min(WRAP_UP, number))
        if number == self.current_step:
            return
        was_running = self.timer.running
        self.set_focused_item("", None)  # the new step's page says what it edits once it does
        self._store_used_time()
        previous = self.current_step
        if self.step_row(previous).status != models.STEP_DONE:
            # Done only once its timer ran (or the facilitator marked it): clicking through is not doing.
            ran = self.step_row(previous).used_seconds > 0
            self._save_quietly(models.AgendaStep, previous, "status",
                               models.STEP_DONE if ran and previous < number else models.STEP_PENDING)
        self._save_quietly(models.Workshop, 1, "current_step", number)
        if self.step_row(number).status != models.STEP_DONE:
            self._save_quietly(models.AgendaStep, number, "status", models.STEP_ACTIVE)
        self.timer = self._timer_for(number)
        if was_running and number != 0:
            self.timer.start()
        self._last_state = self._timer_state()
        self._update_ticker()
        self.step_changed.emit(number)
        self.tick.emit()

    def set_focused_item(self, kind: str, row_id: int | None) -> None:
        """The page says which objective or key result has the cursor; the projector shows it."""
        item = (kind, row_id) if row_id is not None else None
        if item != self.focused_item:
            self.focused_item = item
            self.focus_changed.emit(item)

    def set_slide(self, index: int) -> None:
        self._save_quietly(models.Workshop, 1, "current_slide", index)
        self.slide_changed.emit(index)

    # -- timer -------------------------------------------------------------------------------------

    def _timer_for(self, number: int) -> StepTimer:
        step = self.step_row(number)
        return StepTimer(planned_seconds=step.planned_minutes * 60, used_before_start=step.used_seconds,
                         clock=self.clock)

    def _timer_state(self) -> str:
        return self.timer.state(self.details.warning_seconds)

    def start_timer(self) -> None:
        if self.current_step == 0 or self.timer.running:
            return  # preparation happens before the meeting: it is not timed
        self.timer.start()
        self._update_ticker()

    def pause_timer(self) -> None:
        if self.timer.running:
            self.timer.pause()
            self._store_used_time()
            self._update_ticker()

    def toggle_timer(self) -> None:
        self.pause_timer() if self.timer.running else self.start_timer()

    def adjust_timer(self, seconds: int) -> None:
        self.timer.adjust(seconds)
        self._on_tick()

    def reset_timer(self) -> None:
        """Give the step its whole time back: one undoable action (used time feeds the PDF's actuals)."""
        if self.timer.used_seconds() == 0 and self.timer.extra_seconds == 0:
            return
        self.execute(undo.ResetTimer(self, self.current_step, self.tr("Reset timer")))

    def set_timer_of(self, step: int, used_seconds: float, extra_seconds: int) -> None:
        """Set a step's used time and extra minutes (the current step's timer stops); `ResetTimer` calls it."""
        if step == self.current_step:
            self.timer.reset()
            self.timer.used_before_start = used_seconds
            self.timer.extra_seconds = extra_seconds
            self._store_used_time()
            self._last_state = self._timer_state()
            self._update_ticker()
        else:
            self.service.set_field(models.AgendaStep, step, "used_seconds", int(used_seconds),
                                   persist=not self.read_only)

    def _update_ticker(self) -> None:
        if self.timer.running:
            self._ticker.start()
        else:
            self._ticker.stop()
        self.timer_running_changed.emit(self.timer.running)
        self.tick.emit()

    def _on_tick(self) -> None:
        state = self._timer_state()
        if state == OVERTIME and self._last_state != OVERTIME:
            self.crossed_zero.emit()
        self._last_state = state
        if abs(self.timer.used_seconds() - self._last_saved_used) >= SAVE_USED_TIME_EVERY_S:
            self._store_used_time()
        self.tick.emit()

    def _store_used_time(self) -> None:
        used = int(self.timer.used_seconds())
        self._last_saved_used = used
        self._save_quietly(models.AgendaStep, self.current_step, "used_seconds", used)

    def close(self) -> None:
        """Save the used time (a running timer reopens paused) and let go of the file."""
        if self._closed:
            return
        self._closed = True
        self.pause_timer()
        self._ticker.stop()
        self._unsubscribe()
        self.service.store.close()
