"""Colours and the stylesheet: the palette first, then one assembled stylesheet.

The projector does not use the stylesheet: it paints with its own high-contrast colours (`ROOM`),
chosen for at least 7:1 contrast against its background because projectors wash colour out.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from assets import asset_path

LAPTOP = {
    "text": "#1d2330", "muted": "#5a6375", "rail": "#f1f3f7", "bar": "#ffffff", "line": "#d9dde6",
    "accent": "#2450a6", "accent_text": "#ffffff", "formula_bg": "#eef3fc",
    "warning": "#8a5a00", "overtime": "#b3261e",
}

# Projector colours; each text colour keeps >= 7:1 against `background` (tests check the ratios).
ROOM = {
    "background": "#0f1216", "text": "#ffffff", "muted": "#c9d1dc", "accent": "#9cc3ff",
    "warning": "#ffc53d", "overtime": "#ff8a8a", "flash_background": "#ffffff", "flash_text": "#0f1216",
}


def relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast_ratio(foreground: str, background: str) -> float:
    light, dark = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def stylesheet() -> str:
    template = asset_path("styles", "app.qss").read_text(encoding="utf-8")
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: LAPTOP[m.group(1)], template)


def apply_theme(app: QApplication) -> None:
    sheet = stylesheet()
    if app.styleSheet() == sheet:
        return  # already applied: setting it again re-polishes every widget
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(LAPTOP["text"]))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor(LAPTOP["text"]))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(LAPTOP["accent"]))
    app.setPalette(palette)
    app.setStyleSheet(sheet)
