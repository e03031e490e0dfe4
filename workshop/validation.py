"""Checks an untrusted session file before anything else reads it (ARCHITECTURE.md, Session files).

Files arrive by email, so every one is treated as hostile. The file's bytes are read once and
inspected in an in-memory copy, which leaves the file on disk byte-identical whatever happens:
header (magic, application_id, user_version), `quick_check`, the exact schema of its version
(no extra table, view, trigger or virtual table), then every value read through explicit columns
and checked for type, range and size (`value_rules`, `limits`). Each refusal is a typed error with
one sentence.

Companion files are judged before that, in Python, from their bytes (`companions`): a `-wal` or
`-shm` is refused, a hot `-journal` is played back here on the bytes read, and SQLite only ever sees
an in-memory copy. Every file is read with bounds (`safe_read`): no FIFO, device or endless link.
"""

from __future__ import annotations

import re
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import configure_mappers
from sqlalchemy.orm.instrumentation import manager_of_class

from workshop import limits, models
from workshop.companions import play_back, read_hot_journal, refuse_write_ahead_logs
from workshop.errors import DamagedFile, NewerVersionFile, NotASessionFile
from workshop.safe_read import MAX_SESSION_BYTES, NOT_REGULAR, TOO_LARGE, UnreadableFile, read_bounded
from workshop.schema import APPLICATION_ID, SCHEMA_VERSION, TABLES_BY_VERSION, columns_of, expected_schema
from workshop.value_rules import MISSING, NOT_A_CHOICE, NOT_A_DATE, TOO_LONG, column_type, value_problem

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
ROLLBACK_JOURNAL_FORMAT = b"\x01\x01"  # header bytes 18-19 (write and read version) of every file we write


@dataclass(frozen=True)
class ValidatedSession:
    """What a file turned out to hold: its schema version and every row, already type-checked."""

    version: int
    rows: dict[type, list]
    played_back: bytes | None = None  # the file's bytes after a crash's journal, to write back on open


def read_header(data: bytes, name: str) -> int:
    """Check magic and application_id; return user_version, refusing one newer than ours."""
    if len(data) < HEADER_SIZE or not data.startswith(SQLITE_MAGIC):
        raise NotASessionFile(f"{name} is not an OKR Workshop session file; "
                              "ask the sender for the .okrw file the app saved.")
    page_size = struct.unpack(">H", data[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    user_version, application_id = struct.unpack(">iI", data[60:64] + data[68:72])
    if application_id != APPLICATION_ID:
        raise NotASessionFile(f"{name} is a database from another program, not an OKR Workshop "
                              "session; ask the sender for the .okrw file the app saved.")
    if user_version > SCHEMA_VERSION:
        raise NewerVersionFile(f"{name} was made by a newer version of OKR Workshop; "
                               "update the app to open it.")
    if user_version < 1 or page_size < 512 or page_size & (page_size - 1) or len(data) % page_size:
        raise DamagedFile(f"{name} is damaged (incomplete or cut short); "
                          "ask the sender to send it again.")
    if data[18:20] != ROLLBACK_JOURNAL_FORMAT:  # WAL, or a format SQLite would open read-only
        raise DamagedFile(f"{name} is damaged or was altered outside OKR Workshop; "
                          "ask the sender to send it again.")
    return user_version


def validate_file(path: Path) -> ValidatedSession:
    """Validate the file at `path` (and the journal a crash may have left beside it) without
    writing to either, and without SQLite ever opening them."""
    path = Path(path)
    name = path.name
    try:
        data = read_bounded(path, MAX_SESSION_BYTES, "session file")
    except UnreadableFile as error:
        if error.reason == TOO_LARGE:
            raise DamagedFile(f"{name} is far larger than any workshop; it was not opened.") from None
        if error.reason == NOT_REGULAR:
            raise NotASessionFile(f"{name} is not an ordinary file (a pipe or a device); "
                                  "it was not opened.") from None
        raise NotASessionFile(str(error)) from None
    refuse_write_ahead_logs(path)
    journal = read_hot_journal(path)
    if journal is None:
        return validate_bytes(data, name)
    played_back = play_back(data, journal, name)
    validated = validate_bytes(played_back, name)
    return ValidatedSession(validated.version, validated.rows, played_back)


def validate_bytes(data: bytes, name: str) -> ValidatedSession:
    """Validate a session file's bytes in an in-memory database."""
    version = read_header(data, name)
    damaged = DamagedFile(f"{name} is damaged or was altered outside OKR Workshop; "
                          "ask the sender to send it again.")
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        try:
            connection.deserialize(data)
            connection.execute("PRAGMA trusted_schema = OFF")
            connection.execute("PRAGMA query_only = ON")
            if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise damaged
            _check_schema(connection, version, damaged)
            if connection.execute("PRAGMA foreign_key_check").fetchall():
                raise damaged
            rows = _read_rows(connection, version, name)
        # quick_check's report on a damaged page can quote bytes that are not UTF-8.
        except (sqlite3.Error, UnicodeDecodeError):
            raise damaged from None
    finally:
        connection.close()
    return ValidatedSession(version=version, rows=rows)


def _normalise(sql: str | None) -> str | None:
    return None if sql is None else re.sub(r"\s+", " ", sql).strip()


def _check_schema(connection: sqlite3.Connection, version: int, damaged: DamagedFile) -> None:
    """Refuse anything in sqlite_schema that a file of this version would not have."""
    found = {
        (kind, name, _normalise(sql))
        for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_schema")
    }
    expected = {(kind, name, _normalise(sql)) for kind, name, sql in expected_schema(version)}
    if found != expected:
        raise damaged


def _read_rows(connection: sqlite3.Connection, version: int, name: str) -> dict[type, list]:
    configure_mappers()  # what the first `table(**values)` would do; `_row` skips that path
    rows: dict[type, list] = {}
    text_chars = total_rows = 0
    too_big = DamagedFile(f"{name} holds far more than any workshop or roll-up; it was not opened.")
    for table in TABLES_BY_VERSION[version]:
        table_name = table.__tablename__
        columns = columns_of(table, version)  # a column added later gets its default below
        count = connection.execute(f'SELECT count(*) FROM "{table_name}"').fetchone()[0]
        total_rows += count
        # The workshop row comes first; a file older than `kind` reads as a workshop.
        rollup = bool(rows.get(models.Workshop)) and rows[models.Workshop][0].kind == models.KIND_ROLLUP
        if count > limits.row_limit(table_name, rollup) or total_rows > limits.MAX_TOTAL_ROWS:
            raise too_big
        free_text = [column for column in columns if limits.is_free_text(table_name, column)]
        order = "id" if "position" not in columns else "position, id"
        select = f'SELECT {", ".join(columns)} FROM "{table_name}" ORDER BY {order}'
        loaded = []
        for values in connection.execute(select):
            record = {column: _checked_value(table, column, value, name) for column, value in zip(columns, values)}
            text_chars += sum(len(record[column]) for column in free_text if type(record[column]) is str)
            if text_chars > limits.MAX_TOTAL_TEXT_CHARS:
                raise too_big
            loaded.append(_row(table, record))
        rows[table] = loaded
    if len(rows[models.Workshop]) != 1:
        raise DamagedFile(f"{name} has no workshop details in it; ask the sender to send it again.")
    return rows


def _row(table: type, values: dict):
    """The model object for checked values, built as `table(**values)` would build it but without
    re-running SQLAlchemy's per-attribute events (a third of the time a roll-up takes to open):
    pydantic fills the fields and defaults, then the class's mapper attaches its instance state."""
    row = table.model_construct(**values)
    manager_of_class(table).setup_instance(row)
    return row


def _checked_value(table: type, column: str, value, name: str):
    """The value as the model holds it, or DamagedFile: the rules are `value_rules`, shared with every write."""
    expected_type, _nullable = column_type(table, column)
    if expected_type is bool and type(value) is int and value in (0, 1):
        value = bool(value)  # SQLite stores a yes/no as 0 or 1
    problem = value_problem(table, column, value)
    if problem is None:
        return float(value) if expected_type is float and value is not None else value
    where = f"{name} has an invalid value in {table.__name__}.{column}"
    if problem == MISSING:
        raise DamagedFile(f"{where} (missing); ask the sender to send it again.")
    if problem == TOO_LONG:
        raise DamagedFile(f"{name} holds a text far longer than any workshop field "
                          f"({table.__name__}.{column}); it was not opened.")
    if type(value) is str and problem in (NOT_A_CHOICE, NOT_A_DATE):
        raise DamagedFile(f"{where} ({value[:40]!r}); ask the sender to send it again.")
    raise DamagedFile(f"{where}; ask the sender to send it again.")
