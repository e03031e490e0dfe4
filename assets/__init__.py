"""The app's data files: slides, notes, coach texts, examples, templates, fonts (no logic here)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

ASSETS_DIR = Path(__file__).resolve().parent


def asset_path(*parts: str) -> Path:
    """The path of a file shipped in assets/, e.g. asset_path("fonts", "DejaVuSans.ttf")."""
    return ASSETS_DIR.joinpath(*parts)


@cache
def load_json(*parts: str) -> Any:
    """A JSON file from assets/, parsed once per process (callers must not mutate it)."""
    import json  # not needed to paint the first window

    return json.loads(asset_path(*parts).read_text(encoding="utf-8"))
