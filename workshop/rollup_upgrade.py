"""Turns a roll-up written before schema version 4 into data: its kind, and each objective's team.

Before version 4 a roll-up was recognised by a convention (title "Company roll-up", team "All
teams") and recorded which team owned which objective by order: one participant per team, its role
"<n> objectives", the teams' objectives in that order. This reads that convention once, while the
file is migrated (`schema`), and writes it as `workshop.kind` and `objective.team`; nothing reads
the convention afterwards. Plain sqlite3, inside the migration's transaction.
"""

from __future__ import annotations

import re
import sqlite3

OLD_ROLLUP_TITLE = "Company roll-up"
OLD_ALL_TEAMS = "All teams"
_OBJECTIVE_COUNT = re.compile(r"^(\d+) objectives?$")


def mark_older_rollup(connection: sqlite3.Connection) -> None:
    """If the file is a roll-up by the old convention, record it as data (see the module docstring).

    When its team rows no longer add up (someone edited it as a workshop), it is still a roll-up but
    no objective is given a team rather than the wrong one."""
    title, team = connection.execute("SELECT title, team FROM workshop").fetchone()
    if (title, team) != (OLD_ROLLUP_TITLE, OLD_ALL_TEAMS):
        return
    connection.execute("UPDATE workshop SET kind = 'rollup'")
    participants = connection.execute("SELECT id, name, role FROM participant ORDER BY position, id").fetchall()
    counts = [_OBJECTIVE_COUNT.match(role) for _id, _name, role in participants]
    objectives = [row[0] for row in connection.execute("SELECT id FROM objective ORDER BY position, id")]
    if not all(counts) or sum(int(match.group(1)) for match in counts) != len(objectives):
        return
    owners = [name for (_id, name, _role), match in zip(participants, counts) for _ in range(int(match.group(1)))]
    connection.executemany("UPDATE objective SET team = ? WHERE id = ?", list(zip(owners, objectives)))
    connection.execute("UPDATE participant SET role = ''")  # a team is a team, not a count to parse
