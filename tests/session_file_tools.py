"""Helpers for tests that build, alter and check session files as someone outside the app would."""

from __future__ import annotations

import hashlib
import sqlite3
import struct
from pathlib import Path


def assert_one_sentence(text: str, file_name: str) -> None:
    """What a person reads: one line, one sentence, ending with a full stop, naming the file."""
    assert "\n" not in text and "\r" not in text, text
    assert text.endswith("."), text
    assert file_name in text, text
    assert "Traceback" not in text, text


def folder_fingerprint(folder: Path) -> dict[str, str]:
    """Every path under `folder` with the sha256 of its bytes: any write or new sidecar changes it."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.rglob("*"))
    }


def run_sql(path: Path, *statements: str, parameters: tuple = ()) -> None:
    """Alter a file with plain sqlite3, as someone editing it outside the app would."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement, parameters if "?" in statement else ())
    finally:
        connection.close()


def forge_hot_journal(target: Path, restore_from: bytes) -> None:
    """Write `<target>-journal` as SQLite would have left it mid-commit, holding `restore_from`'s pages.

    Format: sqlite.org/fileformat.html §4.1 (header with magic, record count, checksum nonce, page
    count, sector and page size, padded to a sector; then page number, page, checksum per record).
    """
    page_size = struct.unpack(">H", restore_from[16:18])[0]
    pages = len(restore_from) // page_size
    sector, nonce = 512, 0x2F6B_0A11
    header = bytes.fromhex("d9d505f920a163d7") + struct.pack(">IIIII", pages, nonce, pages, sector, page_size)
    journal = bytearray(header.ljust(sector, b"\0"))
    for number in range(1, pages + 1):
        page = restore_from[(number - 1) * page_size:number * page_size]
        checksum = nonce + sum(page[i] for i in range(page_size - 200, 0, -200))
        journal += struct.pack(">I", number) + page + struct.pack(">I", checksum & 0xFFFF_FFFF)
    target.with_name(f"{target.name}-journal").write_bytes(bytes(journal))


def make_older(path: Path, version: int) -> None:
    """Turn a current session file into one as `version` wrote it, to test migrations: every table
    that version had is rebuilt with that version's exact SQL and columns; later tables go."""
    from workshop.schema import SCHEMA_VERSION, TABLES_BY_VERSION, columns_of, expected_schema

    older_sql = {name: sql for _kind, name, sql in expected_schema(version)}
    current_sql = {name: sql for _kind, name, sql in expected_schema(SCHEMA_VERSION)}
    statements = [f"DROP TABLE {table.__tablename__}" for table in reversed(TABLES_BY_VERSION[SCHEMA_VERSION])
                  if table not in TABLES_BY_VERSION[version]]
    for table in TABLES_BY_VERSION[version]:  # plain sqlite3: foreign keys are off, nothing cascades
        name = table.__tablename__
        if older_sql[name] != current_sql[name]:
            columns = ", ".join(columns_of(table, version))
            statements += [f"CREATE TEMP TABLE current_{name} AS SELECT * FROM {name}", f"DROP TABLE {name}",
                           older_sql[name], f"INSERT INTO {name} SELECT {columns} FROM temp.current_{name}"]
    run_sql(path, *statements, f"PRAGMA user_version = {version}")
