"""The session file's schema per version, and the ordered steps that migrate older files (ARCHITECTURE.md,
Session files).

A file's `PRAGMA user_version` says which schema it has. Version 1 had no brainstorm table; version 2
added `candidate`; version 3 gave the workshop a `uid` that never changes (calendar event UIDs);
version 4 holds the quarter after the workshop: the file's kind (workshop or roll-up), an objective's
owning team in a roll-up, participants' email, key results' numbers (direction, baseline and target
values) and scores, and the tables `checkin`, `checkinvalue` and `retroanswer`.
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
from workshop.kr_numbers import read_numbers
from workshop.rollup_upgrade import mark_older_rollup

APPLICATION_ID = 0x4F4B5257  # "OKRW": tells our files apart from any other SQLite database
SCHEMA_VERSION = 4

QUARTER_TABLES = (models.Checkin, models.CheckinValue, models.RetroAnswer)
_TABLES_BEFORE_QUARTER = tuple(t for t in models.TABLES if t not in QUARTER_TABLES)

# Tables that exist in each version, in the order rows are written.
TABLES_BY_VERSION: dict[int, tuple[type[SQLModel], ...]] = {
    1: tuple(t for t in _TABLES_BEFORE_QUARTER if t is not models.Candidate),
    2: _TABLES_BEFORE_QUARTER,
    3: _TABLES_BEFORE_QUARTER,
    4: models.TABLES,
}

# Columns a version added to a table that already existed: older files do not have them.
COLUMNS_ADDED: dict[int, dict[type[SQLModel], tuple[str, ...]]] = {
    3: {models.Workshop: ("uid",)},
    4: {
        models.Workshop: ("kind",),
        models.Participant: ("email",),
        models.Objective: ("team", "score"),
        models.KeyResult: ("direction", "baseline_value", "target_value", "score"),
    },
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
# The tables version 4 widened, as versions 1 to 3 wrote them.
WORKSHOP_SQL_VERSION_3 = WORKSHOP_SQL_BEFORE_UID.replace(
    "\n\tPRIMARY KEY (id)\n)", "\n\tuid VARCHAR NOT NULL, \n\tPRIMARY KEY (id)\n)")
PARTICIPANT_SQL_BEFORE_EMAIL = (
    "CREATE TABLE participant (\n\tid INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, "
    "\n\tname VARCHAR NOT NULL, \n\trole VARCHAR NOT NULL, \n\tPRIMARY KEY (id)\n)"
)
OBJECTIVE_SQL_BEFORE_SCORES = (
    "CREATE TABLE objective (\n\tid INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, "
    "\n\ttext VARCHAR NOT NULL, \n\tcommitment VARCHAR NOT NULL, \n\tparent_objective_id INTEGER, "
    "\n\tparent_key_result_id INTEGER, \n\tnecessary BOOLEAN, \n\tnecessary_note VARCHAR NOT NULL, "
    "\n\tsufficient BOOLEAN, \n\tsufficient_note VARCHAR NOT NULL, \n\tPRIMARY KEY (id), "
    "\n\tFOREIGN KEY(parent_objective_id) REFERENCES companyobjective (id) ON DELETE SET NULL, "
    "\n\tFOREIGN KEY(parent_key_result_id) REFERENCES companykeyresult (id) ON DELETE SET NULL\n)"
)
KEYRESULT_SQL_BEFORE_NUMBERS = (
    "CREATE TABLE keyresult (\n\tid INTEGER NOT NULL, \n\tobjective_id INTEGER NOT NULL, "
    "\n\tposition INTEGER NOT NULL, \n\ttext VARCHAR NOT NULL, \n\tkind VARCHAR NOT NULL, "
    "\n\tbaseline VARCHAR NOT NULL, \n\ttarget VARCHAR NOT NULL, \n\tunit VARCHAR NOT NULL, "
    "\n\tstages VARCHAR NOT NULL, \n\towner VARCHAR NOT NULL, \n\tdue_date VARCHAR NOT NULL, "
    "\n\tPRIMARY KEY (id), \n\tFOREIGN KEY(objective_id) REFERENCES objective (id) ON DELETE CASCADE\n)"
)
_BEFORE_QUARTER_SQL = {"participant": PARTICIPANT_SQL_BEFORE_EMAIL, "objective": OBJECTIVE_SQL_BEFORE_SCORES,
                       "keyresult": KEYRESULT_SQL_BEFORE_NUMBERS}
_OLDER_SQL: dict[int, dict[str, str]] = {
    1: {**_BEFORE_QUARTER_SQL, "workshop": WORKSHOP_SQL_BEFORE_UID},
    2: {**_BEFORE_QUARTER_SQL, "workshop": WORKSHOP_SQL_BEFORE_UID},
    3: {**_BEFORE_QUARTER_SQL, "workshop": WORKSHOP_SQL_VERSION_3},
}


def columns_of(table: type[SQLModel], version: int) -> list[str]:
    """The columns `table` has in a file of `version`, in the model's order."""
    later = {column for added_in, tables in COLUMNS_ADDED.items() if added_in > version
             for column in tables.get(table, ())}
    return [name for name in table.model_fields if name not in later]


def _create_candidate_table(connection: sqlite3.Connection) -> None:
    connection.execute(_ddl_of(models.Candidate, 2))


def _give_the_workshop_a_uid(connection: sqlite3.Connection) -> None:
    """Rebuild `workshop` with the `uid` column, so its SQL is exactly that of a new file
    (ALTER TABLE ADD COLUMN would leave different SQL behind, which validation would refuse)."""
    columns = ", ".join(columns_of(models.Workshop, 2))
    connection.execute("CREATE TEMP TABLE workshop_before_uid AS SELECT * FROM workshop")
    connection.execute("DROP TABLE workshop")
    connection.execute(_ddl_of(models.Workshop, 3))
    connection.execute(f"INSERT INTO workshop ({columns}, uid) SELECT {columns}, ? FROM temp.workshop_before_uid",
                       (uuid.uuid4().hex,))
    connection.execute("DROP TABLE temp.workshop_before_uid")


def _add_the_quarter(connection: sqlite3.Connection) -> None:
    """Widen `workshop`, `participant`, `objective` and `keyresult` with version 4's columns (each
    rebuilt to the exact SQL of a new file), then create the check-in, value and retrospective tables.

    Foreign keys are on, and dropping a parent deletes its children's rows, so every table that
    hangs off a rebuilt one is copied aside and dropped first, then recreated and refilled parents
    first, keeping every id.
    """
    rebuilt = (models.Workshop, models.Participant, models.Objective, models.KeyResult, models.Initiative)
    for table in rebuilt:
        connection.execute(f"CREATE TEMP TABLE {table.__tablename__}_before_4 AS SELECT * FROM {table.__tablename__}")
    for table in reversed(rebuilt):
        connection.execute(f"DROP TABLE {table.__tablename__}")
    for table in rebuilt:
        name = table.__tablename__
        old_columns = columns_of(table, 3)
        added = [column for column in table.model_fields if column not in old_columns]
        defaults = tuple(table.model_fields[column].get_default(call_default_factory=True) for column in added)
        connection.execute(_ddl_of(table, 4))
        connection.execute(
            f"INSERT INTO {name} ({', '.join(old_columns + added)}) "
            f"SELECT {', '.join(old_columns + ['?'] * len(added))} FROM temp.{name}_before_4", defaults)
        connection.execute(f"DROP TABLE temp.{name}_before_4")
    for table in QUARTER_TABLES:
        connection.execute(_ddl_of(table, 4))
    _number_the_plain_baselines(connection)
    mark_older_rollup(connection)  # a roll-up by the old naming convention becomes kind + teams


def _plain_number(text: str) -> float | None:
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return number if abs(number) <= 1e15 else None  # also refuses nan and inf


def _number_the_plain_baselines(connection: sqlite3.Connection) -> None:
    """A metric whose baseline and target were written as plain numbers ("71", "2,8") gets them as
    values and a direction; one whose fields are empty gets what its words say clearly ("from 31% to
    55%"; "in 3 stages: build, test, release" makes it a milestone; see `kr_numbers`), so its
    progress shows without anyone retyping it."""
    rows = connection.execute("SELECT id, text, baseline, target, unit, stages FROM keyresult WHERE kind = ?",
                              (models.METRIC,))
    for key_result_id, text, baseline, target, unit, stages in rows.fetchall():
        baseline_value, target_value = _plain_number(baseline), _plain_number(target)
        if not baseline.strip() and not target.strip():
            numbers = read_numbers(text)
            if numbers is not None and numbers.kind == models.MILESTONE and numbers.stages and not stages.strip():
                connection.execute("UPDATE keyresult SET kind = ?, stages = ? WHERE id = ?",
                                   (models.MILESTONE, "\n".join(numbers.stages), key_result_id))
            if numbers is None or numbers.kind != models.METRIC:
                continue
            baseline, target, unit = numbers.baseline_text, numbers.target_text, unit or numbers.unit
            baseline_value, target_value = numbers.baseline, numbers.target
        if baseline_value is None or target_value is None or baseline_value == target_value:
            continue
        direction = models.INCREASE if target_value > baseline_value else models.DECREASE
        connection.execute("UPDATE keyresult SET baseline = ?, target = ?, unit = ?, baseline_value = ?, "
                           "target_value = ?, direction = ? WHERE id = ?",
                           (baseline, target, unit, baseline_value, target_value, direction, key_result_id))


# MIGRATIONS[n] brings a file from version n-1 to version n.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _create_candidate_table,
    3: _give_the_workshop_a_uid,
    4: _add_the_quarter,
}


def _ddl_of(table: type[SQLModel], version: int) -> str:
    """The exact CREATE TABLE of `table` in a file of `version` (a migration step builds that version)."""
    return next(sql for kind, name, sql in _schema_rows(version) if name == table.__tablename__)


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
