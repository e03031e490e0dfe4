"""The open workshop as Qt sees it: the service's changes as signals, the undo stack and the step timer.

Every view (facilitator pages, projector, coach panel) listens to `changed` (or to `changes`, the
whole `ChangeSet` of one action) and re-renders from `service`; widgets change the workshop only
through the `set_field`/`add_row`/... methods here, which push undo commands, and an action of
several changes goes in `with model.action(label) as action:` — one transaction, one notification,
one undo entry. A refused or failed change is reported on `error` as one sentence, never raised
into Qt. The timer is arithmetic (`workshop.timer`); the QTimer here only asks views to repaint,
four times a second or more.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from shiboken6 import isValid

from workshop import models
from workshop.agenda import WRAP_UP, schedule_delta_seconds
from workshop.errors import ReadableError, StorageError
from workshop.kr_numbers import numbers_following_text
from workshop.logbook import note_storage_failure, report_bug
from workshop.service import Change, ChangeSet, WorkshopService
from workshop.timer import OVERTIME, StepTimer

from ui import undo

TICK_MS = 200
SAVE_USED_TIME_EVERY_S = 5
# Typed text is written when the typing pauses, and at the latest a second after the first keystroke
# still pending (the budget: on disk within a second), so a burst costs one commit, made in a pause.
FLUSH_TYPING_PAUSE_MS = 300
FLUSH_TYPING_LATEST_MS = 900


BACKGROUND_SAVE_POLL_MS = 50


class _BackgroundSave:
    """One background write of pending values. The thread touches only the service and this record
    (never a Qt object: one released there would be destroyed in the wrong thread)."""

    def __init__(self, service: WorkshopService, taken: dict):
        self.service, self.taken = service, taken
        self.failure: Exception | None = None
        self.done = threading.Event()
        threading.Thread(target=self._run, name="okrw-save", daemon=True).start()

    def _run(self) -> None:
        try:
            self.service.write_taken(self.taken)
        except Exception as error:  # noqa: BLE001 - reported on the GUI thread
            self.failure = error
        finally:
            self.done.set()


class SessionModel(QObject):
    """One open workshop: after each saved action emits `changes(ChangeSet)` once, then
    `changed(Change)` once per table the action touched; `tick()` while timing."""

    changes = Signal(object)
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
        self._unsubscribe = service.subscribe(self._announce)
        self._watchers: dict[type, dict[int | None, list[tuple[QObject, Callable]]]] = {}
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_TYPING_PAUSE_MS)
        self._flush_timer.timeout.connect(self._flush_in_background)
        self._background_saves: list[_BackgroundSave] = []
        self._save_watch = QTimer(self, interval=BACKGROUND_SAVE_POLL_MS)
        self._save_watch.timeout.connect(self._check_background_saves)
        self._pending_since: float | None = None  # when the oldest typed text still pending was typed
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

    def _announce(self, change_set: ChangeSet) -> None:
        self.changes.emit(change_set)
        for change in change_set.per_table():
            self.changed.emit(change)
            self._tell_watchers(change)

    def watch_row(self, table: type, row_id: int | None, slot: Callable[[Change], None], owner: QObject) -> None:
        """Call `slot(change)` for every change that may touch row `row_id` of `table` (every change
        of the table when `row_id` is None) until `owner` is destroyed.

        Unlike a connection to `changed`, which every edit reaches, an edit reaches only the
        watchers of its own row: the cost of a keystroke does not grow with the rows on screen."""
        entry = (owner, slot)
        self._watchers.setdefault(table, {}).setdefault(row_id, []).append(entry)
        owner.destroyed.connect(lambda *_args: self._forget(table, row_id, entry))

    def _forget(self, table: type, row_id: int | None, entry) -> None:
        watchers = self._watchers.get(table, {}).get(row_id, [])
        if entry in watchers:
            watchers.remove(entry)

    def _tell_watchers(self, change: Change) -> None:
        by_row = self._watchers.get(change.table)
        if not by_row:
            return
        if change.row_id is None:
            entries = [entry for watchers in by_row.values() for entry in watchers]
        else:
            entries = by_row.get(change.row_id, []) + by_row.get(None, [])
        for owner, slot in entries:
            if isValid(owner):
                slot(change)

    def flush(self) -> bool:
        """Write typing still pending to disk now; a failure is reported (the text stays pending)."""
        self._flush_timer.stop()
        self._pending_since = None
        try:
            self.service.flush()
        except Exception as failure:  # noqa: BLE001 - reported; the next write tries again
            self.report_failure(failure, "saving typed text")
            return False
        return True

    def _flush_in_background(self) -> None:
        """Write pending typing and timing in another thread, so the commit's fsync never stalls the window."""
        self._pending_since = None
        try:
            taken = self.service.take_pending()
        except Exception as failure:  # noqa: BLE001 - reported; the next write tries again
            self.report_failure(failure, "saving typed text")
            return
        if taken is not None:
            self._background_saves.append(_BackgroundSave(self.service, taken))
            self._save_watch.start()

    def _check_background_saves(self) -> None:
        """On the GUI thread: report the saves that failed (their values are pending again)."""
        for save in [s for s in self._background_saves if s.done.is_set()]:
            self._background_saves.remove(save)
            if save.failure is not None:
                self.service.put_back(save.taken)
                self.report_failure(save.failure, "saving typed text")
        if not self._background_saves:
            self._save_watch.stop()

    # -- editing (each call is one undoable action) --------------------------------------------------

    def report_failure(self, failure: Exception, doing: str) -> None:
        """Tell the person about a change that did not happen: its sentence when it is readable
        (refused value, disk, lock), otherwise "this is a bug" (the details go to the log)."""
        if isinstance(failure, StorageError):
            note_storage_failure(str(failure))
        self.error.emit(str(failure) if isinstance(failure, ReadableError) else report_bug(failure, doing))

    def execute(self, command: undo.WorkshopCommand) -> bool:
        """Apply a command now and push it; a failure is reported and never enters the stack."""
        command.on_error = self.report_failure
        try:
            command.apply()
        except Exception as failure:  # noqa: BLE001 - every failure is reported, none reaches Qt
            self.report_failure(failure, f"applying {type(command).__name__}")
            return False
        command.already_applied = True
        self.undo_stack.push(command)
        self._flush_later()
        return True

    def _flush_later(self) -> None:
        """Restart the pause timer for pending typing, never past FLUSH_TYPING_LATEST_MS."""
        if not self.service.has_pending_writes:
            self._pending_since = None
            return
        now = time.monotonic()
        if self._pending_since is None:
            self._pending_since = now
        waited_ms = (now - self._pending_since) * 1000
        self._flush_timer.start(max(0, min(FLUSH_TYPING_PAUSE_MS, int(FLUSH_TYPING_LATEST_MS - waited_ms))))

    @contextmanager
    def action(self, label: str, origin: object = None) -> Iterator[undo.Action]:
        """One user action made of several changes: one transaction, one notification, one undo entry.

        Use the yielded `undo.Action`'s `add_row`/`set_field`/... inside the block. If one of them
        fails, nothing of the action stays (file and memory as before), the failure is reported on
        `error`, the rest of the block is skipped and `action.done` stays False.
        """
        command = undo.Action(self.service, label, origin)
        command.on_error = self.report_failure
        try:
            with self.service.batch(origin):
                yield command
        except Exception as failure:  # noqa: BLE001 - reported, as for a single command
            self.report_failure(failure, f"applying the action {type(command).__name__}")
            return
        if not command.steps:
            return
        command.done = True
        command.already_applied = True
        self.undo_stack.push(command)

    def set_field(self, table, row_id, field, value, label: str, merge_key: object = None) -> bool:
        """Change one field; edits sharing a `merge_key` (one typing session) undo as one step.

        A key result's numbers follow its text (`kr_numbers.numbers_following_text`) in the same
        undo step and transaction; reading one sentence costs the same however big the workshop is."""
        row = self.service.row(table, row_id)
        old = getattr(row, field)
        if old == value:
            return True
        along = numbers_following_text(row, old, value) if (table, field) == (models.KeyResult, "text") else None
        return self.execute(undo.SetField(self.service, table, row_id, field, value, label, merge_key, along))

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

    def _save_quietly(self, table, row_id, field, value, later: bool = False) -> None:
        """Navigation and timing state: saved, but not something a person wants to undo.
        `later`: with the next write or in the background, as typing is (the running timer's time)."""
        try:
            self.service.set_field(table, row_id, field, value, persist=not self.read_only, defer=later)
        except Exception as failure:  # noqa: BLE001 - reported; navigation goes on
            self.report_failure(failure, f"saving {table.__name__}.{field}")
        if later:
            self._flush_later()

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
            self._store_used_time(later=True)  # while the clock runs, saved without stalling it
        self.tick.emit()

    def _store_used_time(self, later: bool = False) -> None:
        used = int(self.timer.used_seconds())
        self._last_saved_used = used
        self._save_quietly(models.AgendaStep, self.current_step, "used_seconds", used, later=later)

    @property
    def closed(self) -> bool:
        """Whether `close` ran: the file is let go of, nothing is left to save or to ask about."""
        return self._closed

    def close(self) -> None:
        """Save the used time (a running timer reopens paused) and let go of the file."""
        if self._closed:
            return
        self._closed = True
        self.flush()  # waits for a background save in flight (the write lock), then writes the rest
        self._check_background_saves()
        self.pause_timer()
        self._ticker.stop()
        self._unsubscribe()
        self.service.store.close()
