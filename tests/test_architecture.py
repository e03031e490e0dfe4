"""The domain and the exports know no screen (ARCHITECTURE.md, Layers): importing them never imports Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_workshop_and_exports_never_import_pyside6():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for package in ("workshop", "exports")
        for path in (ROOT / package).rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt imported by the domain: {result.stdout}"
    assert len(modules) > 10


def printed_by(code: str) -> str:
    """What `code` prints in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def loaded_among(modules: tuple[str, ...], after: str) -> list[str]:
    """Which of `modules` a fresh interpreter has loaded after running the imports in `after`."""
    printed = printed_by(f"import sys\n{after}\nprint(','.join(m for m in {modules!r} if m in sys.modules))")
    return [name for name in printed.split(",") if name]


def test_first_window_imports_no_heavy_library():
    """The start screen paints before sqlmodel and reportlab load (ARCHITECTURE.md, Layers), and
    before the commands' parser or asyncio: the app's path from `main` loads none of them."""
    assert loaded_among(("sqlmodel", "sqlalchemy", "reportlab", "cli", "asyncio", "qasync"),
                        "import main, ui.display, ui.start_screen, ui.app") == []
    # Nor Qt's own namespace of enums (`Qt.…`): PySide6 builds it on first use, in about 40 ms.
    assert printed_by("import ui.start_screen, ui.app\nfrom PySide6 import QtCore\nprint('Qt' in vars(QtCore))") \
        == "False"


def test_a_workshop_window_loads_no_export_library():
    """ReportLab runs in the export process and icalendar loads on the first calendar export:
    neither belongs on the path from launch to an open workshop (ARCHITECTURE.md, Budgets)."""
    assert loaded_among(("reportlab", "icalendar"), "import ui.facilitator_window, ui.app") == []
