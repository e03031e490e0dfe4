"""Starting, opening and copying workshops: the entry points the app and the command line share."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert

from workshop import limits, models, paths
from workshop.errors import SessionError
from workshop.agenda import DEFAULT_MINUTES, STEP_NUMBERS
from workshop.service import WorkshopService
from workshop.store import SessionStore


def default_rows() -> dict[type, list[dict]]:
    """The rows of an empty workshop: its details and the seven steps with their default times."""
    return {
        models.Workshop: [{"id": 1}],
        models.AgendaStep: [
            {"id": n, "planned_minutes": DEFAULT_MINUTES[n], "used_seconds": 0, "status": models.STEP_PENDING}
            for n in STEP_NUMBERS
        ],
    }


def write_rows(connection, rows_by_table: dict[type, list[dict]]) -> None:
    """Insert rows given as dicts, parents first; a key a row leaves out gets the column's default."""
    for table in models.TABLES:
        rows = rows_by_table.get(table)
        if rows:
            connection.execute(insert(table), [{**_defaults(table), **row} for row in rows])


def _defaults(table: type) -> dict:
    """Each column's default, a fresh one where a factory makes it (the workshop's uid)."""
    return {name: field.get_default(call_default_factory=True) for name, field in table.model_fields.items()}


def create_session(path: Path, rows_by_table: dict[type, list[dict]] | None = None) -> WorkshopService:
    """A new session file at `path`, filled with `rows_by_table` or an empty workshop."""
    rows = rows_by_table or default_rows()
    details = (rows.get(models.Workshop) or [{}])[0]
    rollup = details.get("kind") == models.KIND_ROLLUP
    if not limits.rows_fit(rows, rollup):
        raise SessionError(f"{Path(path).name} would hold more than one workshop or roll-up may "
                           "(too many objectives, key results or too much text); it was not written.")
    store = SessionStore.create(Path(path), fill=lambda connection: write_rows(connection, rows))
    return WorkshopService(store)


def new_untitled_session() -> WorkshopService:
    """An empty workshop kept in the data folder until the facilitator saves it somewhere."""
    return create_session(paths.new_untitled_path())


def open_session(path: Path, read_only: bool = False, held_lock=None) -> WorkshopService:
    """Open a session file (see `SessionStore.open`; `held_lock` when reloading a file open here)."""
    return WorkshopService(SessionStore.open(Path(path), read_only=read_only, held_lock=held_lock))


def save_copy(service: WorkshopService, target: Path) -> None:
    """Save As: a compact copy of the file, or, when the file was deleted while open, a new file
    written from what the open workshop holds in memory, so the work is never lost."""
    if service.store.path.exists():
        service.flush()  # the copy is made from the file: typing still pending goes in first
        service.store.save_copy(Path(target))
        return
    rows = {table: [{name: getattr(row, name) for name in table.model_fields} for row in service.rows(table)]
            for table in models.TABLES}
    create_session(Path(target), rows).store.close()


def recoverable_sessions() -> list[Path]:
    """Untitled workshops left in the data folder (by a crash or a closed window), newest first."""
    found = [p for p in paths.unsaved_dir().glob(f"*{paths.SESSION_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
