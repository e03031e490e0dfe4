"""The session file's schema per version, and the ordered steps that migrate older files (DESIGN §7).

A file's `PRAGMA user_version` says which schema it has. Version 1 had no brainstorm table; version 2
added `candidate`; version 3 gave the workshop a `uid` that never changes (calendar event UIDs).
Each migration step brings a file from version N-1 to N and runs inside the one transaction that
upgrades the file, after a backup copy was made (see `store`).

Validation compares a file's schema with the exact SQL of its version, so the SQL of a table as an
older version wrote it is kept here word for word.
"""

from __future__ import annotations

import sqlite3
import uuid
from functools import cache
from typing import Callable

from sqlalchemy import create_engine
from sqlmodel import SQLModel

from workshop import models

APPLICATION_ID = 0x4F4B5257  # "OKRW": tells our files apart from any other SQLite database
SCHEMA_VERSION = 3

# Tables that exist in each version, in the order rows are written.
TABLES_BY_VERSION: dict[int, tuple[type[SQLModel], ...]] = {
    1: tuple(t for t in models.TABLES if t is not models.Candidate),
    2: models.TABLES,
    3: models.TABLES,
}

# Columns a version added to a table that already existed: older files do not have them.
COLUMNS_ADDED: dict[int, dict[type[SQLModel], tuple[str, ...]]] = {
    3: {models.Workshop: ("uid",)},
}

# The workshop table as versions 1 and 2 wrote it (before `uid`), exactly as it is in their files.
WORKSHOP_SQL_BEFORE_UID = (
    "CREATE TABLE workshop (\n\tid INTEGER NOT NULL, \n\ttitle VARCHAR NOT NULL, \n\tteam VARCHAR NOT NULL, "
    "\n\tfacilitator VARCHAR NOT NULL, \n\tworkshop_date VARCHAR NOT NULL, \n\tperiod_label VARCHAR NOT NULL, "
    "\n\tperiod_start VARCHAR NOT NULL, \n\tperiod_end VARCHAR NOT NULL, "
    "\n\tprework_company_okrs_shared BOOLEAN NOT NULL, \n\tprework_team_brings_ideas BOOLEAN NOT NULL, "
    "\n\tprework_champion_named BOOLEAN NOT NULL, \n\tcascade_model VARCHAR NOT NULL, "
    "\n\tcurrent_step INTEGER NOT NULL, \n\tcurrent_slide INTEGER NOT NULL, \n\twarning_seconds INTEGER NOT NULL, "
    "\n\tchime_muted BOOLEAN NOT NULL, \n\tweekly_weekday INTEGER NOT NULL, \n\tweekly_time VARCHAR NOT NULL, "
    "\n\tweekly_minutes INTEGER NOT NULL, \n\tmonthly_weekday INTEGER NOT NULL, "
    "\n\tmonthly_time VARCHAR NOT NULL, \n\tmonthly_minutes INTEGER NOT NULL, \n\tretro_minutes INTEGER NOT NULL, "
    "\n\tfollowup_date VARCHAR NOT NULL, \n\tfollowup_time VARCHAR NOT NULL, \n\tfollowup_note VARCHAR NOT NULL, "
    "\n\tPRIMARY KEY (id)\n)"
)
_OLDER_SQL: dict[int, dict[str, str]] = {1: {"workshop": WORKSHOP_SQL_BEFORE_UID}, 2: {"workshop": WORKSHOP_SQL_BEFORE_UID}}


def columns_of(table: type[SQLModel], version: int) -> list[str]:
    """The columns `table` has in a file of `version`, in the model's order."""
    later = {column for added_in, tables in COLUMNS_ADDED.items() if added_in > version
             for column in tables.get(table, ())}
    return [name for name in table.model_fields if name not in later]


def _create_candidate_table(connection: sqlite3.Connection) -> None:
    connection.execute(_ddl_of(models.Candidate))


def _give_the_workshop_a_uid(connection: sqlite3.Connection) -> None:
    """Rebuild `workshop` with the `uid` column, so its SQL is exactly that of a new file
    (ALTER TABLE ADD COLUMN would leave different SQL behind, which validation would refuse)."""
    columns = ", ".join(columns_of(models.Workshop, 2))
    connection.execute("CREATE TEMP TABLE workshop_before_uid AS SELECT * FROM workshop")
    connection.execute("DROP TABLE workshop")
    connection.execute(_ddl_of(models.Workshop))
    connection.execute(f"INSERT INTO workshop ({columns}, uid) SELECT {columns}, ? FROM temp.workshop_before_uid",
                       (uuid.uuid4().hex,))
    connection.execute("DROP TABLE temp.workshop_before_uid")


# MIGRATIONS[n] brings a file from version n-1 to version n.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _create_candidate_table,
    3: _give_the_workshop_a_uid,
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
    older = _OLDER_SQL.get(version, {})
    return tuple((kind, name, older.get(name, sql)) for kind, name, sql in rows)


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
