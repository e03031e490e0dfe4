"""Three demo-style team files for roll-up tests (domain, PDF and app).

One team as the demo; one that typed the company objectives in capitals with extra spaces and
left an objective unaligned; one with six objectives (oversized), a company objective of its own
and an objective aligned through a company key result.
"""

from __future__ import annotations

import copy
import shutil
import sqlite3
from pathlib import Path

from workshop import models
from workshop.demo import demo_rows
from workshop.session import create_session

HIRING = "Hire the people we need to open three new cities"


def team_rows(team: str, tweak=None) -> dict[type, list[dict]]:
    rows = copy.deepcopy(demo_rows())
    rows[models.Workshop][0]["team"] = team
    if tweak:
        tweak(rows)
    return rows


def shouting_with_one_unaligned(rows) -> None:
    """Company objectives typed in capitals with doubled spaces; the second objective unaligned."""
    for company in rows[models.CompanyObjective]:
        company["text"] = "  ".join(company["text"].upper().split())
    for kr in rows[models.CompanyKeyResult]:
        kr["text"] = f" {kr['text'].upper()} "
    for objective in rows[models.Objective]:
        objective["text"] = f"{objective['text']} (warehouses)"
    rows[models.Objective][1]["parent_objective_id"] = None


def six_objectives_and_a_company_objective_of_its_own(rows) -> None:
    rows[models.CompanyObjective].append({"id": 3, "position": 2, "text": HIRING})
    objectives = rows[models.Objective]
    for number in (5, 6):
        objectives.append({**objectives[0], "id": number, "position": number - 1,
                           "text": f"Growth objective number {number}", "parent_objective_id": None})
    objectives[4]["parent_key_result_id"] = 2  # through the company's second key result
    objectives[5]["parent_objective_id"] = 3
    rows[models.KeyResult].append({"id": 100, "objective_id": 5, "position": 0, "text": "Open 3 cities",
                                   "kind": models.MILESTONE, "stages": "Lease\nHire\nLaunch"})


def write_team_files(folder: Path) -> dict[str, Path]:
    """The three teams' session files in `folder`, by team name."""
    paths = {
        "Checkout & Payments": folder / "checkout.okrw",
        "Warehouses": folder / "warehouses.okrw",
        "Growth": folder / "growth.okrw",
    }
    create_session(paths["Checkout & Payments"], team_rows("Checkout & Payments")).store.close()
    create_session(paths["Warehouses"], team_rows("Warehouses", shouting_with_one_unaligned)).store.close()
    create_session(paths["Growth"], team_rows("Growth", six_objectives_and_a_company_objective_of_its_own)
                   ).store.close()
    return paths


def write_tampered_copy(team_file: Path, folder: Path) -> Path:
    """A copy of a team's file with a trigger added, as a file altered outside the app: refused."""
    path = folder / "tampered.okrw"
    shutil.copyfile(team_file, path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TRIGGER wipe AFTER UPDATE ON objective BEGIN DELETE FROM keyresult; END")
    connection.close()
    return path
