"""What marks a session file as a company roll-up rather than one team's workshop.

Kept apart from `rollup` (which builds roll-ups and imports the whole store) because the file check
needs it too: a roll-up may hold every team's objectives, a workshop only one team's (`limits`).
"""

from __future__ import annotations

ROLLUP_TITLE = "Company roll-up"
ALL_TEAMS = "All teams"


def is_rollup(details) -> bool:
    """Whether a workshop's details (a snapshot's or a row's) are those of a roll-up file."""
    if getattr(details, "kind", "") == "rollup":  # schema 4 says so in a column of its own
        return True
    return details.title == ROLLUP_TITLE and details.team == ALL_TEAMS
