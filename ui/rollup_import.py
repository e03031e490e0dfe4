"""Import team files…: which teams' files to roll up and where to save the roll-up (ARCHITECTURE.md, Outputs).

The dialogs and the sentences live here; `AppController.import_team_files` builds the roll-up off
the GUI thread and opens it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ui.app import FILE_FILTER
from ui.translation import translator

SUGGESTED_NAME = "Company roll-up.okrw"


_tr = translator("RollupImport")


def ask_for_team_files(parent: QWidget | None) -> tuple[list[Path], Path] | None:
    """The teams' files and the roll-up's file name, or None when the facilitator cancels."""
    chosen, _ = QFileDialog.getOpenFileNames(parent, _tr("Choose the teams' workshop files"), "", FILE_FILTER)
    if not chosen:
        return None
    target, _ = QFileDialog.getSaveFileName(parent, _tr("Save the roll-up as"),
                                            str(Path(chosen[0]).parent / SUGGESTED_NAME), FILE_FILTER)
    if not target:
        return None
    return [Path(path) for path in chosen], Path(target if target.endswith(".okrw") else target + ".okrw")


def refusals_message(imported: int, refused: list[tuple[Path, str]]) -> str:
    """What was left out and why, one line per refused file."""
    if imported:
        teams = _tr("1 team") if imported == 1 else _tr("%1 teams").replace("%1", str(imported))
        opening = _tr("The roll-up has %1. These files were left out:").replace("%1", teams)
    else:
        opening = _tr("No team file could be imported, so no roll-up was written:")
    return "\n".join([opening, *(f"• {sentence}" for _path, sentence in refused)])
