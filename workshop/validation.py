"""Checks an untrusted session file before anything else reads it (ARCHITECTURE.md, Session files).

Files arrive by email, so every one is treated as hostile. The file's bytes are read once and
inspected in an in-memory copy, which leaves the file on disk byte-identical whatever happens:
header (magic, application_id, user_version), `quick_check`, the exact schema of its version
(no extra table, view, trigger or virtual table), then every value read through explicit columns
and checked for type, range and size. Each refusal is a typed error with one sentence.
"""

from __future__ import annotations

import re
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workshop import models
from workshop.errors import DamagedFile, NewerVersionFile, NotASessionFile, SessionError
from workshop.schema import APPLICATION_ID, SCHEMA_VERSION, TABLES_BY_VERSION, columns_of, expected_schema
from workshop.value_rules import MISSING, NOT_A_CHOICE, NOT_A_DATE, TOO_LONG, column_type, value_problem

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
ROLLBACK_JOURNAL_FORMAT = b"\x01\x01"  # header bytes 18-19 (write and read version) of every file we write
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_ROWS_PER_TABLE = 100_000


@dataclass(frozen=True)
class ValidatedSession:
    """What a file turned out to hold: its schema version and every row, already type-checked."""

    version: int
    rows: dict[type, list]


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
    """Validate the file at `path` without writing to it."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DamagedFile(f"{name} is far larger than any workshop; it was not opened.")
        data = path.read_bytes()
        journal = _hot_journal(path)
    except SessionError:
        raise
    except FileNotFoundError:
        raise NotASessionFile(f"{name} does not exist (it may have been moved or deleted).") from None
    except IsADirectoryError:
        raise NotASessionFile(f"{name} is a folder, not a session file.") from None
    except OSError as error:
        raise NotASessionFile(f"{name} could not be read ({error.strerror or error}).") from None
    if journal is not None:
        data = _rolled_back(data, journal, name)
    return validate_bytes(data, name)


def _hot_journal(path: Path) -> bytes | None:
    """The rollback journal beside the file, if any.

    SQLite plays a journal left by a writer that died mid-commit back into the file when it next
    opens it, so the file's bytes alone are not what the store will see: a crash leaves a file
    that is half new, and a journal sent alongside a clean file could bring back anything.
    """
    try:
        journal = path.with_name(f"{path.name}-journal").read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DamagedFile(f"{path.name} has a folder named {path.name}-journal beside it; "
                          "move that folder away and open the file again.") from None
    if len(journal) > MAX_FILE_BYTES:
        raise DamagedFile(f"{path.name} has a leftover journal far larger than any workshop; "
                          "it was not opened.")
    return journal or None


def _rolled_back(data: bytes, journal: bytes, name: str) -> bytes:
    """The file as SQLite will see it once the journal is played back (done on copies, elsewhere)."""
    read_header(data, name)  # never hand SQLite a file that is not even ours
    with tempfile.TemporaryDirectory(prefix="okrw-check-") as folder:
        copy = Path(folder) / "session.okrw"
        copy.write_bytes(data)
        copy.with_name("session.okrw-journal").write_bytes(journal)
        connection = sqlite3.connect(copy, isolation_level=None)
        try:
            connection.execute("PRAGMA trusted_schema = OFF")
            connection.execute("PRAGMA user_version").fetchone()  # the first read plays the journal back
            return connection.serialize()
        except sqlite3.Error:
            raise DamagedFile(f"{name} is damaged or was altered outside OKR Workshop; "
                              "ask the sender to send it again.") from None
        finally:
            connection.close()


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
    rows: dict[type, list] = {}
    for table in TABLES_BY_VERSION[version]:
        table_name = table.__tablename__
        columns = columns_of(table, version)  # a column added later gets its default below
        count = connection.execute(f'SELECT count(*) FROM "{table_name}"').fetchone()[0]
        if count > MAX_ROWS_PER_TABLE:
            raise DamagedFile(f"{name} holds far more rows than any workshop; it was not opened.")
        order = "id" if "position" not in columns else "position, id"
        select = f'SELECT {", ".join(columns)} FROM "{table_name}" ORDER BY {order}'
        loaded = []
        for values in connection.execute(select):
            record = dict(zip(columns, values))
            for column, value in record.items():
                record[column] = _checked_value(table, column, value, name)
            loaded.append(table(**record))
        rows[table] = loaded
    if len(rows[models.Workshop]) != 1:
        raise DamagedFile(f"{name} has no workshop details in it; ask the sender to send it again.")
    return rows


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
