"""Where the app keeps its own files: untitled workshops, locks, recent files, settings."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "okr-workshop"
SESSION_SUFFIX = ".okrw"


def data_dir() -> Path:
    """The app's data folder; OKR_WORKSHOP_DATA_DIR overrides it (tests use a temporary folder)."""
    folder = Path(os.environ.get("OKR_WORKSHOP_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def unsaved_dir() -> Path:
    """Untitled workshops live here until Save As; whatever is left here is offered for recovery."""
    folder = data_dir() / "unsaved"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def locks_dir() -> Path:
    folder = data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_untitled_path(now: datetime | None = None) -> Path:
    """A fresh, unused path for an untitled workshop."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = unsaved_dir()
    candidate = folder / f"untitled-{stamp}{SESSION_SUFFIX}"
    counter = 2
    while candidate.exists():
        candidate = folder / f"untitled-{stamp}-{counter}{SESSION_SUFFIX}"
        counter += 1
    return candidate


def is_untitled(path: Path) -> bool:
    return Path(path).resolve().parent == unsaved_dir().resolve()
