"""The one path by which the workshop changes: one user action, one transaction, one notification.

Views never change rows themselves. They ask the service (the UI does it through undo commands,
which is why every mutation returns what is needed to reverse it). Every value is checked against
the rules the file check uses (`value_rules`) before anything is written, so the service never
writes a file the app would later refuse. Each call saves one transaction, updates the in-memory
rows and tells every listener with a `ChangeSet`; calls made inside `with service.batch():` share
one transaction and one `ChangeSet`, and leave nothing behind (on disk or in memory) if one fails.
Listeners re-render from `service.rows(...)` or `service.snapshot()`.

Typing is the one exception to "saved when the call returns": `set_field(..., defer=True)` changes
the workshop at once but leaves the write pending, so a burst of keystrokes costs one commit (one
fsync) rather than one each. Pending writes go to disk with the next transaction of any kind, or
when `flush()` is called, or off the caller's thread: `take_pending()` then `write_taken()` in another
thread (the Qt model does that when typing pauses, so the fsync never stalls the window). One lock
orders every transaction, so a write made meanwhile waits and lands after the values taken.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable, Iterator

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from workshop import models
from workshop.errors import Bug, RefusedWrite
from workshop.snapshot import WorkshopSnapshot, build_snapshot
from workshop.store import SessionStore
from workshop.value_rules import (
    CHOICES, MAX_TEXT_CHARS, MISSING, NO_SUCH_FIELD, NOT_A_CHOICE, NOT_A_DATE, OUT_OF_RANGE, RANGES, TOO_LONG,
    references, required_columns, value_problem,
)

# Children removed with their parent (the file's foreign keys cascade too; this keeps memory in step).
_CHILDREN: dict[type, tuple[tuple[type, str], ...]] = {
    models.CompanyObjective: ((models.CompanyKeyResult, "company_objective_id"),),
    models.Objective: ((models.KeyResult, "objective_id"), (models.Initiative, "objective_id")),
    models.KeyResult: ((models.CheckinValue, "key_result_id"),),
    models.Checkin: ((models.CheckinValue, "checkin_id"),),
}
# References cleared when their target goes (ON DELETE SET NULL).
_REFERENCES: dict[type, tuple[tuple[type, str], ...]] = {
    models.CompanyObjective: ((models.Objective, "parent_objective_id"),),
    models.CompanyKeyResult: ((models.Objective, "parent_key_result_id"),),
    models.ReviewEvent: ((models.Checkin, "review_event_id"),),
}


@dataclass(frozen=True)
class Change:
    """What changed: a table, the row (None for many rows) and the field (None for add/remove)."""

    table: type
    row_id: int | None = None
    field: str | None = None


@dataclass(frozen=True)
class ChangeSet:
    """Everything one action changed, announced once.

    `changes` lists each change in the order made; `origin` is whatever the caller named as the
    action's source (a widget may skip redrawing what it already shows)."""

    changes: tuple[Change, ...]
    origin: object = None

    @property
    def tables(self) -> frozenset[type]:
        return frozenset(change.table for change in self.changes)

    def touches(self, table: type, row_id: int | None = None, field: str | None = None) -> bool:
        """Whether this set may have changed `table` (that row, that field, when given)."""
        return any(change.table is table
                   and (row_id is None or change.row_id in (row_id, None))
                   and (field is None or change.field in (field, None))
                   for change in self.changes)

    def per_table(self) -> tuple[Change, ...]:
        """One `Change` per table touched, parents first, as precise as the set allows: the row and
        field when only one was changed, None (meaning "any") otherwise."""
        if len(self.changes) == 1:
            return self.changes
        summary = []
        for table in models.TABLES:
            mine = [change for change in self.changes if change.table is table]
            if not mine:
                continue
            rows = {change.row_id for change in mine}
            fields = {change.field for change in mine}
            row_id = rows.pop() if len(rows) == 1 else None
            field = fields.pop() if len(fields) == 1 and row_id is not None else None
            summary.append(Change(table, row_id, field))
        return tuple(summary)


@dataclass(frozen=True)
class RemovedRows:
    """Everything a removal took away, in the order to put it back (parents first)."""

    rows: tuple[tuple[type, dict], ...]
    cleared_references: tuple[tuple[type, int, str, int], ...]


Listener = Callable[[ChangeSet], None]
WRITE_LOCK_TIMEOUT_S = 30  # far longer than any commit; a lock held longer is a bug, not a slow disk


class _Batch:
    """The open transaction of `WorkshopService.batch`, the changes made so far, and the rows as
    they were when it began (put back if the transaction is rolled back)."""

    def __init__(self, connection: Connection, rows: dict[type, list], origin: object):
        self.connection = connection
        self.origin = origin
        self.changes: list[Change] = []
        self._lists = {table: list(table_rows) for table, table_rows in rows.items()}
        self._values = [(row, _as_dict(row)) for table_rows in rows.values() for row in table_rows]

    def put_rows_back(self, rows: dict[type, list]) -> None:
        rows.update(self._lists)
        for row, values in self._values:
            for name, value in values.items():
                setattr(row, name, value)


def _as_dict(row) -> dict:
    return {name: getattr(row, name) for name in type(row).model_fields}


class WorkshopService:
    """The open workshop: its rows in memory, its store on disk, and the listeners to tell."""

    def __init__(self, store: SessionStore):
        self.store = store
        self._rows: dict[type, list] = {table: list(store.rows.get(table, [])) for table in models.TABLES}
        self._listeners: list[Listener] = []
        self._batch: _Batch | None = None
        self._pending: dict[tuple[type, int, str], Any] = {}  # deferred typing, written with the next transaction
        self._write_lock = threading.Lock()  # held by every transaction, and by a background write

    # -- reading -----------------------------------------------------------------------------------

    @property
    def details(self) -> models.Workshop:
        return self._rows[models.Workshop][0]

    def rows(self, table: type) -> list:
        """Rows of a table in display order (position, then id). Treat them as read-only."""
        return self._rows[table]

    def row(self, table: type, row_id: int):
        for candidate in self._rows[table]:
            if candidate.id == row_id:
                return candidate
        raise KeyError(f"{table.__name__} {row_id}")

    def children(self, table: type, field: str, parent_id: int) -> list:
        return [r for r in self._rows[table] if getattr(r, field) == parent_id]

    def snapshot(self) -> WorkshopSnapshot:
        return build_snapshot(self._rows)

    # -- listening ---------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _announce(self, change: Change) -> None:
        if self._batch is not None:
            self._batch.changes.append(change)
            return
        self._tell(ChangeSet((change,)))

    def _tell(self, change_set: ChangeSet) -> None:
        for listener in list(self._listeners):
            listener(change_set)

    # -- one action --------------------------------------------------------------------------------

    @contextmanager
    def batch(self, origin: object = None) -> Iterator[None]:
        """Make every change inside the block in one transaction, announced as one `ChangeSet`.

        If anything inside raises, the transaction is rolled back, the rows in memory are put back
        as they were, nobody is told anything and the exception goes on. A batch inside a batch
        joins the outer one.

        Args:
            origin: named in the `ChangeSet` as the action's source.
        """
        if self._batch is not None:
            yield
            return
        try:
            with self._exclusive(), self.store.transaction() as connection:
                self._write_pending(connection)
                self._batch = _Batch(connection, self._rows, origin)
                yield
            self._pending.clear()
        except BaseException:
            if self._batch is not None:  # rolled back (also when the commit itself failed)
                self._batch.put_rows_back(self._rows)
            raise
        finally:
            batch, self._batch = self._batch, None
        if batch.changes:
            self._tell(ChangeSet(tuple(batch.changes), batch.origin))

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """The connection to write with: the open batch's, or a transaction of its own. Every
        transaction first writes the pending (deferred) values, so the file keeps their order."""
        if self._batch is not None:
            yield self._batch.connection
            return
        with self._exclusive(), self.store.transaction() as connection:
            self._write_pending(connection)
            yield connection
        self._pending.clear()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Hold the write lock: a background write in flight finishes first."""
        self._lock_for_writing()
        try:
            yield
        finally:
            self._write_lock.release()

    def _lock_for_writing(self) -> None:
        if not self._write_lock.acquire(timeout=WRITE_LOCK_TIMEOUT_S):
            raise Bug("a background write to the session file never finished")

    def _write_pending(self, connection: Connection) -> None:
        for (table, row_id, field), value in self._pending.items():
            _update_one(connection, table, row_id, field, value)

    @property
    def has_pending_writes(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        """Write the pending (deferred) values now; StorageError if the disk refuses (they stay pending)."""
        if self._pending:
            with self._writing():
                pass

    def take_pending(self) -> dict | None:
        """Hand the pending values to a background write (None when there are none).

        Takes the write lock, which `write_taken` releases from whatever thread it runs in: until then
        every other write waits, so nothing written meanwhile can be overwritten by older values."""
        if not self._pending or self._batch is not None:
            return None
        self._lock_for_writing()
        taken, self._pending = self._pending, {}
        return taken

    def write_taken(self, taken: dict) -> None:
        """Write values from `take_pending` in one transaction (any thread), then release the lock.
        On failure the caller gives them back with `put_back`."""
        try:
            with self.store.transaction() as connection:
                for (table, row_id, field), value in taken.items():
                    _update_one(connection, table, row_id, field, value)
        finally:
            self._write_lock.release()

    def put_back(self, taken: dict) -> None:
        """Values a background write could not save are pending again (unless typed anew since)."""
        for key, value in taken.items():
            self._pending.setdefault(key, value)

    # -- checking ----------------------------------------------------------------------------------

    def _check(self, table: type, values: dict, new_row: bool = False) -> None:
        """Refuse (RefusedWrite, one sentence) what the file check would refuse once written."""
        for field, value in values.items():
            if field == "id":
                raise RefusedWrite(f"{table.__name__}.id is given by the file; it cannot be set.")
            problem = value_problem(table, field, value)
            if problem is not None:
                raise RefusedWrite(_refusal(table, field, value, problem))
            target = references(table).get(field)
            if target is not None and value is not None and not any(r.id == value for r in self._rows[target]):
                raise RefusedWrite(f"{table.__name__}.{field} points at {target.__name__} {value}, "
                                   "which is not in this workshop.")
        if new_row:
            missing = [field for field in required_columns(table) if field not in values]
            if missing:
                raise RefusedWrite(f"A new {table.__name__} needs {', '.join(missing)}.")

    # -- changing ----------------------------------------------------------------------------------

    def set_field(self, table: type, row_id: int, field: str, value: Any, persist: bool = True,
                  defer: bool = False) -> Any:
        """Change one value; return the old one (for undo). A value the file check would refuse
        raises RefusedWrite; a failure of the disk raises StorageError; the file is then untouched.

        `persist=False` changes only the open workshop (navigation in a read-only file);
        `defer=True` (typing) leaves the write pending until the next transaction or `flush()`."""
        self._check(table, {field: value})
        target = self.row(table, row_id)
        old = getattr(target, field)
        if old == value:
            return old
        if persist and defer and self._batch is None and not self.store.read_only:
            self._pending[(table, row_id, field)] = value
        elif persist:
            with self._writing() as connection:
                _update_one(connection, table, row_id, field, value)
        setattr(target, field, value)
        if field in ("position", "starts_at"):
            self._sort(table)
        self._announce(Change(table, row_id, field))
        return old

    def set_fields(self, table: type, row_id: int, values: dict) -> dict:
        """Change several values of one row in one transaction; return the old values."""
        self._check(table, values)
        target = self.row(table, row_id)
        old = {field: getattr(target, field) for field in values}
        with self._writing() as connection:
            connection.execute(update(table).where(table.id == row_id).values(values))
        for field, value in values.items():
            setattr(target, field, value)
        self._sort(table)
        self._announce(Change(table, row_id))
        return old

    def add(self, table: type, **values) -> int:
        """Add a row at the end (or at `position` when given); return its id."""
        if "position" in table.model_fields and "position" not in values:
            values["position"] = max((r.position for r in self._rows[table]), default=-1) + 1
        self._check(table, values, new_row=True)
        values = {**_defaults(table), **values}
        with self._writing() as connection:
            columns = ", ".join(f'"{name}"' for name in values)
            row_id = connection.exec_driver_sql(
                f'INSERT INTO "{table.__tablename__}" ({columns}) VALUES ({", ".join("?" * len(values))})',
                tuple(values.values())).lastrowid
        rows = self._rows[table]
        rows.append(table(id=row_id, **values))
        if len(rows) > 1 and "position" in values and rows[-2].position > values["position"]:
            self._sort(table)  # added in the middle; at the end (the usual case) the order already holds
        self._announce(Change(table, row_id))
        return row_id

    def add_with_children(self, table: type, values: dict,
                          children: list[tuple[type, str, dict]]) -> tuple[int, list[int]]:
        """Add a row and rows that hang off it in one transaction: all saved, or none.

        Args:
            table: the new row's table (placed at the end when it has a position and none is given).
            values: the new row's values.
            children: (child table, the child's field that refers to the new row, the child's values),
                inserted in this order with the values as given.

        Returns:
            The new row's id and the children's ids, in order. `remove(table, id)` takes them all back.
        """
        with self.batch():
            row_id = self.add(table, **values)
            child_ids = [self.add(child_table, **{**child_values, field: row_id})
                         for child_table, field, child_values in children]
        return row_id, child_ids

    def remove(self, table: type, row_id: int) -> RemovedRows:
        """Remove a row with its children; return everything needed to put it back."""
        removed: list[tuple[type, dict]] = [(table, _as_dict(self.row(table, row_id)))]
        for parent_table, parent in removed:  # the list grows while walked: grandchildren follow children
            for child_table, field in _CHILDREN.get(parent_table, ()):
                removed += [(child_table, _as_dict(r)) for r in self.children(child_table, field, parent["id"])]
        cleared = [
            (ref_table, referrer.id, field, values["id"])
            for removed_table, values in removed
            for ref_table, field in _REFERENCES.get(removed_table, ())
            for referrer in self.children(ref_table, field, values["id"])
        ]
        with self._writing() as connection:
            connection.execute(delete(table).where(table.id == row_id))
        removed_ids = {(t, values["id"]) for t, values in removed}
        for each_table in {t for t, _ in removed}:
            self._rows[each_table] = [r for r in self._rows[each_table]
                                      if (each_table, r.id) not in removed_ids]
        for ref_table, ref_id, field, _old in cleared:
            setattr(self.row(ref_table, ref_id), field, None)
        self._announce(Change(table, None))
        return RemovedRows(tuple(removed), tuple(cleared))

    def restore(self, removed: RemovedRows) -> None:
        """Put back what `remove` took away, with the same ids."""
        with self._writing() as connection:
            for table, values in removed.rows:
                connection.execute(insert(table).values(values))
            for ref_table, ref_id, field, old in removed.cleared_references:
                connection.execute(update(ref_table).where(ref_table.id == ref_id).values({field: old}))
        for table, values in removed.rows:
            self._rows[table].append(table(**values))
            self._sort(table)
        for ref_table, ref_id, field, old in removed.cleared_references:
            setattr(self.row(ref_table, ref_id), field, old)
        self._announce(Change(removed.rows[0][0], None))

    def replace_all(self, table: type, rows: list[dict]) -> list[dict]:
        """Replace every row of a table (e.g. a regenerated schedule); return the old rows."""
        for values in rows:
            self._check(table, {k: v for k, v in values.items() if k != "id"}, new_row=True)
        old = [_as_dict(r) for r in self._rows[table]]
        with self._writing() as connection:
            connection.execute(delete(table))
            if rows:
                connection.execute(insert(table), rows)
            fresh = connection.execute(select(table)).mappings().all()
        self._rows[table] = [table(**dict(values)) for values in fresh]
        for ref_table, field in _REFERENCES.get(table, ()):  # the file cleared them (ON DELETE SET NULL)
            for referrer in self._rows[ref_table]:
                setattr(referrer, field, None)
        self._sort(table)
        self._announce(Change(table, None))
        return old

    def overwrite_file(self) -> None:
        """Write everything this window holds over the file, in one transaction ("keep ours" after
        someone else changed the file)."""
        with self._writing() as connection:
            for table in reversed(models.TABLES):
                connection.execute(delete(table))
            for table in models.TABLES:
                rows = [_as_dict(r) for r in self._rows[table]]
                if rows:
                    connection.execute(insert(table), rows)
        self._announce(Change(models.Workshop, None))

    def move(self, table: type, row_id: int, new_index: int) -> int:
        """Move a row to `new_index` among its siblings (same parent); return its old index."""
        moving = self.row(table, row_id)
        parent_field = next((f for f in ("objective_id", "company_objective_id") if f in table.model_fields), None)
        siblings = [r for r in self._rows[table]
                    if parent_field is None or getattr(r, parent_field) == getattr(moving, parent_field)]
        old_index = siblings.index(moving)
        siblings.insert(max(0, min(new_index, len(siblings) - 1)), siblings.pop(old_index))
        with self._writing() as connection:
            for position, sibling in enumerate(siblings):
                if sibling.position != position:
                    connection.execute(update(table).where(table.id == sibling.id).values(position=position))
        for position, sibling in enumerate(siblings):
            sibling.position = position
        self._sort(table)
        self._announce(Change(table, row_id, "position"))
        return old_index

    def _sort(self, table: type) -> None:
        if table is models.ReviewEvent:
            self._rows[table].sort(key=lambda r: (r.starts_at, r.id))
        elif "position" in table.model_fields:
            self._rows[table].sort(key=lambda r: (r.position, r.id or 0))


@cache
def _static_defaults(table: type) -> dict:
    return {name: field.default for name, field in table.model_fields.items()
            if name != "id" and field.default_factory is None and not field.is_required()}


def _defaults(table: type) -> dict:
    """Every column's default for a new row (a fresh value where a factory makes one: the uid)."""
    fresh = {name: field.default_factory() for name, field in table.model_fields.items()
             if field.default_factory is not None}
    return {**_static_defaults(table), **fresh}


def _update_one(connection: Connection, table: type, row_id: int, field: str, value: Any) -> None:
    """One value of one row: the most frequent write (every edit), so plain SQL rather than a
    statement SQLAlchemy builds and compiles each time. `field` is a checked column name."""
    connection.exec_driver_sql(f'UPDATE "{table.__tablename__}" SET "{field}" = ? WHERE id = ?', (value, row_id))


def _refusal(table: type, field: str, value: object, problem: str) -> str:
    """One sentence saying why a value cannot be written."""
    where = f"{table.__name__}.{field}"
    if problem == NO_SUCH_FIELD:
        return f"{table.__name__} has no field {field!r}."
    if problem == MISSING:
        return f"{where} cannot be left empty."
    if problem == TOO_LONG:
        return f"The text is longer than {MAX_TEXT_CHARS:,} characters, the most a field holds; shorten it."
    if problem == NOT_A_CHOICE:
        allowed = ", ".join(repr(choice) for choice in CHOICES[(table.__tablename__, field)])
        return f"{where} must be one of {allowed}, not {str(value)[:40]!r}."
    if problem == OUT_OF_RANGE:
        low, high = RANGES[(table.__tablename__, field)]
        return f"{where} must lie between {low:g} and {high:g}, not {value:g}."
    if problem == NOT_A_DATE:
        return f"{where} must be a date written as YYYY-MM-DD, not {str(value)[:40]!r}."
    return f"{where} cannot hold {type(value).__name__} {str(value)[:40]!r}."
