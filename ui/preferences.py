"""The facilitator window's settings on this machine, declared once with their defaults (STYLE §9).

They live in the app's settings file (`ui.app.settings`, in the data folder that tests point
elsewhere): which screen is the projector, which side-panel sections are open, the paper size
last chosen, and the titles of recent workshops (so the start screen never opens files to
show them).
"""

from __future__ import annotations

from pathlib import Path

PROJECTOR_SCREEN = "projector/screen"  # a screen's name; "" lets the app choose another screen
SIDE_PANEL_VISIBLE = "window/side_panel_visible"
SECTION_OPEN = "window/section_open/"  # + section key
PAPER = "export/paper"
RECENT_TITLES = "recent_titles"  # resolved path -> workshop title
MAX_TITLE_CHARS = 200
MAX_REMEMBERED_TITLES = 32
PAPER_SIZES = ("a4", "letter")


def _settings():
    from ui.app import settings  # the one settings file, its location decided by the app

    return settings()


def _flag(value, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.lower() == "true"
    return default


def projector_screen_name() -> str:
    return str(_settings().value(PROJECTOR_SCREEN, "") or "")


def set_projector_screen_name(name: str) -> None:
    _settings().setValue(PROJECTOR_SCREEN, name)


def side_panel_visible() -> bool:
    return _flag(_settings().value(SIDE_PANEL_VISIBLE, True), True)


def set_side_panel_visible(visible: bool) -> None:
    _settings().setValue(SIDE_PANEL_VISIBLE, visible)


def section_open(key: str, default: bool = True) -> bool:
    return _flag(_settings().value(SECTION_OPEN + key, default), default)


def set_section_open(key: str, is_open: bool) -> None:
    _settings().setValue(SECTION_OPEN + key, is_open)


def paper() -> str:
    value = str(_settings().value(PAPER, "a4") or "a4")
    return value if value in PAPER_SIZES else "a4"


def paper_name(paper: str) -> str:
    """"A4" or "US Letter", as the menu and the notices say it."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("PdfExporter", "US Letter" if paper == "letter" else "A4")


def set_paper(value: str) -> None:
    _settings().setValue(PAPER, value if value in PAPER_SIZES else "a4")


def recent_titles() -> dict[str, str]:
    """Titles of recently opened or saved workshops by path: written by the app, never read from files."""
    stored = _settings().value(RECENT_TITLES, {}) or {}
    if not isinstance(stored, dict):
        return {}
    return {str(path): str(title)[:MAX_TITLE_CHARS] for path, title in stored.items() if isinstance(title, str)}


def title_of(details) -> str:
    """What the start screen calls a workshop: its title, else its team and period."""
    title = details.title.strip() or " ".join(p.strip() for p in (details.team, details.period_label) if p.strip())
    return " ".join(title.split())[:MAX_TITLE_CHARS]


def remember_title(path: Path, details) -> None:
    """Keep the workshop's title for the start screen (called when a file is opened, saved or closed)."""
    titles = recent_titles()
    key = str(Path(path).resolve())
    titles.pop(key, None)
    titles[key] = title_of(details)
    keep = list(titles.items())[-MAX_REMEMBERED_TITLES:]  # the newest last: old entries fall off
    _settings().setValue(RECENT_TITLES, dict(keep))
