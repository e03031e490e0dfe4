"""One way to tell the facilitator something: a window-modal message that never blocks the loop
(`open()`, not `exec()`), optionally with a button that opens a file or folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def tell(parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Warning,
         open_label: str = "", open_path: Path | None = None) -> QMessageBox:
    """Show `text`; with `open_path`, a button labelled `open_label` opens it with the system."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if open_path is not None:
        open_button = box.addButton(open_label, QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.finished.connect(lambda _result: box.clickedButton() is open_button and
                             QDesktopServices.openUrl(QUrl.fromLocalFile(str(open_path))))
    box.open()
    return box
