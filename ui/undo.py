"""Undo commands: the only way widgets change the workshop (one QUndoCommand per user action).

Each command asks the `WorkshopService` to make the change and keeps what the service returned to
reverse it. Typing in one field merges into the command already on top of the stack, so a sentence
typed in one go is undone in one step. An `Action` is one user action made of several changes
(a paste, an inserted example): its steps are applied, undone and redone inside one service batch,
so each of those is one transaction and one notification.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

from workshop.service import WorkshopService

_MERGE_ID = 1001


class WorkshopCommand(QUndoCommand):
    """Base of every command: `apply`/`revert` do the work; a failed save is reported, not raised.

    `SessionModel.execute` applies a command before pushing it, so a failure never enters the
    stack; the stack's own first call to `redo` is then skipped.
    """

    def __init__(self, label: str):
        super().__init__(label)
        self.already_applied = False
        self.on_error: Callable[[Exception, str], None] = lambda failure, doing: None

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self.already_applied:
            self.already_applied = False
            return
        self._guarded(self.apply, "redoing")

    def undo(self) -> None:
        self._guarded(self.revert, "undoing")

    def _guarded(self, action: Callable[[], None], doing: str) -> None:
        try:
            action()
        except Exception as failure:  # noqa: BLE001 - Qt calls redo/undo: nothing may escape into it
            self.on_error(failure, f"{doing} {type(self).__name__}")


class SetField(WorkshopCommand):
    """Set one field of one row. Consecutive edits with the same `merge_key` merge (typing).

    `along` holds other fields of the same row that change with this one (a key result's numbers
    following its text): they are set, undone and redone with it, in one transaction.
    A typed edit (one with a `merge_key`) is first applied deferred (see `WorkshopService.set_field`):
    the model flushes it soon after; undo and redo always write at once."""

    def __init__(self, service: WorkshopService, table: type, row_id: int, field: str, value: Any,
                 label: str, merge_key: object = None, along: dict | None = None):
        super().__init__(label)
        self.service, self.table, self.row_id, self.field = service, table, row_id, field
        self.new_value = value
        row = service.row(table, row_id)
        self.old_value = getattr(row, field)
        self.along = dict(along or {})
        self.old_along = {name: getattr(row, name) for name in self.along}
        self.merge_key = merge_key
        self.defer = merge_key is not None

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetField) and other.merge_key == self.merge_key
                and (other.table, other.row_id, other.field) == (self.table, self.row_id, self.field)):
            return False
        self.new_value = other.new_value
        self.along.update(other.along)
        self.old_along = other.old_along | self.old_along  # the values from before the first keystroke win
        return True

    def apply(self) -> None:
        defer, self.defer = self.defer, False  # only the keystroke itself waits; a redo writes at once
        self._set(self.new_value, self.along, defer)

    def revert(self) -> None:
        self._set(self.old_value, self.old_along, defer=False)

    def _set(self, value: Any, along: dict, defer: bool) -> None:
        if not along:
            self.service.set_field(self.table, self.row_id, self.field, value, defer=defer)
            return
        with self.service.batch():  # the field and the fields along with it: one transaction, one notification
            self.service.set_field(self.table, self.row_id, self.field, value)
            self.service.set_fields(self.table, self.row_id, along)


class SetFields(WorkshopCommand):
    """Set several fields of one row at once (e.g. a formula builder composing a sentence)."""

    def __init__(self, service: WorkshopService, table: type, row_id: int, values: dict, label: str):
        super().__init__(label)
        self.service, self.table, self.row_id, self.values = service, table, row_id, dict(values)
        row = service.row(table, row_id)
        self.old_values = {field: getattr(row, field) for field in values}

    def apply(self) -> None:
        self.service.set_fields(self.table, self.row_id, self.values)

    def revert(self) -> None:
        self.service.set_fields(self.table, self.row_id, self.old_values)


class AddRow(WorkshopCommand):
    """Add a row; undo removes it, redo puts back the very same row (same id)."""

    def __init__(self, service: WorkshopService, table: type, values: dict, label: str):
        super().__init__(label)
        self.service, self.table, self.values = service, table, dict(values)
        self.row_id: int | None = None
        self._removed = None

    def apply(self) -> None:
        if self._removed is None:
            self.row_id = self.service.add(self.table, **self.values)
        else:
            self.service.restore(self._removed)

    def revert(self) -> None:
        self._removed = self.service.remove(self.table, self.row_id)


class RemoveRow(WorkshopCommand):
    """Remove a row and its children; undo restores all of it with the same ids."""

    def __init__(self, service: WorkshopService, table: type, row_id: int, label: str):
        super().__init__(label)
        self.service, self.table, self.row_id = service, table, row_id
        self._removed = None

    def apply(self) -> None:
        self._removed = self.service.remove(self.table, self.row_id)

    def revert(self) -> None:
        self.service.restore(self._removed)


class MoveRow(WorkshopCommand):
    """Move a row among its siblings."""

    def __init__(self, service: WorkshopService, table: type, row_id: int, new_index: int, label: str):
        super().__init__(label)
        self.service, self.table, self.row_id, self.new_index = service, table, row_id, new_index
        self.old_index = 0

    def apply(self) -> None:
        self.old_index = self.service.move(self.table, self.row_id, self.new_index)

    def revert(self) -> None:
        self.service.move(self.table, self.row_id, self.old_index)


class ReplaceRows(WorkshopCommand):
    """Replace every row of a table (a regenerated schedule, an imported draft)."""

    def __init__(self, service: WorkshopService, table: type, rows: list[dict], label: str):
        super().__init__(label)
        self.service, self.table, self.rows = service, table, rows
        self.old_rows: list[dict] = []

    def apply(self) -> None:
        self.old_rows = self.service.replace_all(self.table, self.rows)

    def revert(self) -> None:
        self.service.replace_all(self.table, self.old_rows)


class ResetTimer(WorkshopCommand):
    """Reset a step's timer; undo gives back the time it had used and the minutes added to it."""

    def __init__(self, model, step: int, label: str):
        super().__init__(label)
        self.model, self.step = model, step
        self.used_seconds = model.timer.used_seconds()
        self.extra_seconds = model.timer.extra_seconds

    def apply(self) -> None:
        self.model.set_timer_of(self.step, 0.0, 0)

    def revert(self) -> None:
        self.model.set_timer_of(self.step, self.used_seconds, self.extra_seconds)


class Action(WorkshopCommand):
    """Several changes made as one user action (see `SessionModel.action`).

    Each method applies its change at once (inside the batch the model opened) and keeps the step;
    undo reverts the steps in reverse order and redo applies them again, each in one batch.
    `done` turns True once the whole action was saved.
    """

    def __init__(self, service: WorkshopService, label: str, origin: object = None):
        super().__init__(label)
        self.service, self.origin = service, origin
        self.steps: list[WorkshopCommand] = []
        self.done = False

    def _step(self, command: WorkshopCommand) -> WorkshopCommand:
        command.apply()
        self.steps.append(command)
        return command

    def add_row(self, table: type, values: dict) -> int:
        return self._step(AddRow(self.service, table, values, self.text())).row_id

    def set_field(self, table: type, row_id: int, field: str, value: Any) -> None:
        self._step(SetField(self.service, table, row_id, field, value, self.text()))

    def set_fields(self, table: type, row_id: int, values: dict) -> None:
        self._step(SetFields(self.service, table, row_id, values, self.text()))

    def remove_row(self, table: type, row_id: int) -> None:
        self._step(RemoveRow(self.service, table, row_id, self.text()))

    def move_row(self, table: type, row_id: int, new_index: int) -> None:
        self._step(MoveRow(self.service, table, row_id, new_index, self.text()))

    def replace_rows(self, table: type, rows: list[dict]) -> None:
        self._step(ReplaceRows(self.service, table, rows, self.text()))

    def apply(self) -> None:
        with self.service.batch(self.origin):
            for step in self.steps:
                step.apply()

    def revert(self) -> None:
        with self.service.batch(self.origin):
            for step in reversed(self.steps):
                step.revert()
