"""How every export starts and finishes: where its file dialog opens, and the notice at the end.

PDF pack, worksheets, calendar and share all end with the same notice: one sentence (or a few),
and "Open" and "Show folder" buttons that hand the file or its folder to the system. The notice
does not block the window (the meeting goes on while it is up); a new one replaces the last.
File dialogs start beside the session file, unless it is still an untitled workshop in the app's
data folder, where nobody would look for an export.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from workshop import paths


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportResults", text)


def default_folder(model) -> Path:
    """Beside the session file, unless it is still an untitled workshop in the app's data folder."""
    session_path = Path(model.service.store.path)
    if not paths.is_untitled(session_path):
        return session_path.parent
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or Path.home())


def open_with_system(path: Path) -> bool:
    """Hand a file or folder to the desktop (its viewer, its file manager); False when nothing took it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_export_notice(parent: QWidget | None, title: str, text: str, path: Path | None,
                       warning: bool = False) -> QMessageBox:
    """The notice at the end of an export: `text`, and for a written `path`, Open and Show folder."""
    previous = parent.findChild(QMessageBox, "exportNotice") if parent is not None else None
    if previous is not None:
        previous.close()
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text,
                      parent=parent)
    box.setObjectName("exportNotice")
    box.setAccessibleName(title)
    box.setWindowModality(Qt.WindowModality.NonModal)  # the meeting goes on while it is up
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if path is not None:
        target = Path(path)
        open_button = box.addButton(_tr("Open"), QMessageBox.ButtonRole.ActionRole)
        folder_button = box.addButton(_tr("Show folder"), QMessageBox.ButtonRole.ActionRole)
        open_button.setAccessibleName(_tr("Open %1").replace("%1", target.name))
        folder_button.setAccessibleName(_tr("Show the folder of %1").replace("%1", target.name))

        def clicked(button) -> None:
            if button is open_button:
                open_with_system(target)
            elif button is folder_button:
                open_with_system(target.parent)

        box.buttonClicked.connect(clicked)
    box.addButton(QMessageBox.StandardButton.Close)
    box.show()
    return box
