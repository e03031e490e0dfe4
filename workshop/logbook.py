"""The app's log: a rotating file in the platform's log folder, kept so a problem can be reported.

What goes in: every refused file with the reason, every storage failure, every bug with its
traceback. What stays out: the workshop's own texts (objectives, names, notes) — a log is something
people attach to a bug report, so it records file names and reasons, never content.
OKR_WORKSHOP_LOG_DIR overrides the folder (tests use a temporary one).
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir

from workshop.paths import APP_NAME

LOG_NAME = "okr-workshop.log"
MAX_LOG_BYTES = 1_000_000
KEPT_LOGS = 3

log = logging.getLogger("okr_workshop")


def log_folder() -> Path:
    return Path(os.environ.get("OKR_WORKSHOP_LOG_DIR") or user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return log_folder() / LOG_NAME


def start_logging() -> Path | None:
    """Send the app's log to its file (once per process); return the file, or None when the folder
    cannot be written (the app works on without a log rather than refuse to start)."""
    path = log_file()
    for handler in log.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=KEPT_LOGS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def bug_sentence() -> str:
    """What a person is told when the program failed: that it is a bug, and where the details are."""
    return f"Something went wrong inside OKR Workshop: this is a bug; details are in {log_file()}."


def report_bug(error: BaseException, doing: str) -> str:
    """Log a bug with its traceback; return the sentence to show. `doing` names the action, never
    the workshop's content (e.g. "saving an edit to Objective.text")."""
    log.error("bug while %s", doing, exc_info=(type(error), error, error.__traceback__))
    return bug_sentence()


def note_refused_file(name: str, reason: str) -> None:
    """A file the check refused: its name and the reason (the sentence the person saw)."""
    log.warning("refused %s: %s", name, reason)


def note_storage_failure(reason: str) -> None:
    log.warning("storage failure: %s", reason)
