"""The session file's schema per version, and the ordered steps that migrate older files (DESIGN §7).

A file's `PRAGMA user_version` says which schema it has. Version 1 had no brainstorm table; version 2
added `candidate`. Each migration step brings a file from version N-1 to N and runs inside the one
transaction that upgrades the file, after a backup copy was made (see `store`).
"""

from __future__ import annotations

import sqlite3
from functools import cache
from typing import Callable

from sqlalchemy import create_engine
from sqlmodel import SQLModel

from workshop import models

APPLICATION_ID = 0x4F4B5257  # "OKRW": tells our files apart from any other SQLite database
SCHEMA_VERSION = 2

# Tables that exist in each version, in the order rows are written.
TABLES_BY_VERSION: dict[int, tuple[type[SQLModel], ...]] = {
    1: tuple(t for t in models.TABLES if t is not models.Candidate),
    2: models.TABLES,
}


def _create_candidate_table(connection: sqlite3.Connection) -> None:
    connection.execute(_ddl_of(models.Candidate))


# MIGRATIONS[n] brings a file from version n-1 to version n.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _create_candidate_table,
}


def _ddl_of(table: type[SQLModel]) -> str:
    return next(sql for kind, name, sql in _schema_rows(SCHEMA_VERSION) if name == table.__tablename__)


@cache
def _schema_rows(version: int) -> tuple[tuple[str, str, str], ...]:
    """(type, name, sql) of every schema object a fresh file of `version` has, made by our own DDL."""
    engine = create_engine("sqlite://")
    tables = [t.__table__ for t in TABLES_BY_VERSION[version]]
    SQLModel.metadata.create_all(engine, tables=tables)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_schema ORDER BY name"
        ).all()
    engine.dispose()
    return tuple((kind, name, sql) for kind, name, sql in rows)


def expected_schema(version: int) -> frozenset[tuple[str, str, str]]:
    """The exact set of (type, name, sql) rows `sqlite_schema` must hold for a file of `version`."""
    return frozenset(_schema_rows(version))


def create_schema(connection: sqlite3.Connection) -> None:
    """Create the current schema and stamp the file as ours."""
    for _kind, _name, sql in _schema_rows(SCHEMA_VERSION):
        if sql:
            connection.execute(sql)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
