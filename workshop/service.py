"""The one path by which the workshop changes: each call saves one transaction, then tells listeners.

Views never change rows themselves. They ask the service (the UI does it through undo commands,
which is why every mutation returns what is needed to reverse it), the service writes the edit to
the session file, updates its in-memory rows and calls every listener with a `Change`. Listeners
re-render from `service.rows(...)` or `service.snapshot()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import delete, insert, select, update

from workshop import models
from workshop.snapshot import WorkshopSnapshot, build_snapshot
from workshop.store import SessionStore

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
class RemovedRows:
    """Everything a removal took away, in the order to put it back (parents first)."""

    rows: tuple[tuple[type, dict], ...]
    cleared_references: tuple[tuple[type, int, str, int], ...]


Listener = Callable[[Change], None]


def _as_dict(row) -> dict:
    return {name: getattr(row, name) for name in type(row).model_fields}


class WorkshopService:
    """The open workshop: its rows in memory, its store on disk, and the listeners to tell."""

    def __init__(self, store: SessionStore):
        self.store = store
        self._rows: dict[type, list] = {table: list(store.rows.get(table, [])) for table in models.TABLES}
        self._listeners: list[Listener] = []

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
        for listener in list(self._listeners):
            listener(change)

    # -- changing ----------------------------------------------------------------------------------

    def set_field(self, table: type, row_id: int, field: str, value: Any, persist: bool = True) -> Any:
        """Change one value; return the old one (for undo). Saving failures raise StorageError.

        `persist=False` changes only the open workshop (navigation in a read-only file)."""
        if field not in table.model_fields or field == "id":
            raise ValueError(f"{table.__name__} has no editable field {field!r}")
        target = self.row(table, row_id)
        old = getattr(target, field)
        if old == value:
            return old
        if persist:
            with self.store.transaction() as connection:
                connection.execute(update(table).where(table.id == row_id).values({field: value}))
        setattr(target, field, value)
        if field in ("position", "starts_at"):
            self._sort(table)
        self._announce(Change(table, row_id, field))
        return old

    def set_fields(self, table: type, row_id: int, values: dict) -> dict:
        """Change several values of one row in one transaction; return the old values."""
        target = self.row(table, row_id)
        old = {field: getattr(target, field) for field in values}
        with self.store.transaction() as connection:
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
        with self.store.transaction() as connection:
            row_id = connection.execute(insert(table).values(values)).inserted_primary_key[0]
        self._rows[table].append(table(id=row_id, **values))
        self._sort(table)
        self._announce(Change(table, row_id))
        return row_id

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
        with self.store.transaction() as connection:
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
        with self.store.transaction() as connection:
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
        old = [_as_dict(r) for r in self._rows[table]]
        with self.store.transaction() as connection:
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
        with self.store.transaction() as connection:
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
        with self.store.transaction() as connection:
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
