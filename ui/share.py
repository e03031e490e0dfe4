"""Share by email…: a compact copy of the session and the PDF pack, attached to a ready message.

The copy is made with VACUUM INTO (store.save_copy) and the pack in the export worker; the message
comes from `exports.email_message`. Where `xdg-email` exists it opens the user's mail program with
both files attached; otherwise the message is saved as an .eml draft (opened with the system's
handler) beside the files, and the folder is offered with a mailto: link.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from exports import email_message, jobs
from workshop import paths

from ui.export_actions import run_export
from ui.jobs import JobSlot
from ui.messages import tell


def share_folder(now: datetime | None = None) -> Path:
    """A fresh folder for one share's files, in the app's data folder."""
    folder = paths.data_dir() / "outbox" / (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Sharer(QObject):
    """Prepares one message at a time; `finished(message path or None)` says how it ended."""

    finished = Signal(object)

    def __init__(self, window: QWidget, model, open_mail_program: bool = True):
        super().__init__(window)
        self.window, self.model = window, model
        self.open_mail_program = open_mail_program
        self.slot = JobSlot()  # keeps the running task, and says whether one is running

    @property
    def busy(self) -> bool:
        return self.slot.busy

    def share(self) -> None:
        if self.busy:
            return
        self.window.statusBar().showMessage(self.tr("Preparing the email…"))
        self.slot.run(self._prepare, doing="preparing a message to share", parent=self.window,
                      progress=self.tr("Preparing the email…"), on_success=self._prepared,
                      on_failure=self._failed)

    def _failed(self, sentence: str, _error: BaseException) -> None:
        self._finish(None)
        self._tell(QMessageBox.Icon.Warning, sentence, None)

    def _prepared(self, prepared: tuple[Path, list[Path], bool]) -> None:
        message_path, attachments, too_large = prepared
        lines = []
        command = email_message.compose_command(message_path, attachments, *self._subject_and_body(message_path))
        if self.open_mail_program and command is not None:
            subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            lines.append(self.tr("Your mail program opens with the message and both files attached."))
        elif self.open_mail_program:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(message_path)))
            lines.append(self.tr("The message was saved as a draft (%1); it opens in your mail program.")
                         .replace("%1", message_path.name))
        lines.append(self.tr("The files are in %1.").replace("%1", str(message_path.parent)))
        if too_large:
            lines.append(self.tr("Together the attachments are larger than most mail servers accept "
                                 "(about 18 MB); consider sending the PDF separately."))
        self._finish(message_path)
        self._tell(QMessageBox.Icon.Warning if too_large else QMessageBox.Icon.Information,
                   "\n".join(lines), message_path)

    async def _prepare(self) -> tuple[Path, list[Path], bool]:
        snapshot = self.model.service.snapshot()
        folder = share_folder()
        session_copy = folder / email_message.real_file_name(snapshot, ".okrw", "workshop")
        pdf = folder / email_message.real_file_name(snapshot, ".pdf", "workshop")
        self.model.service.flush()  # the copy is made from the file: pending typing goes in first
        self.model.service.store.save_copy(session_copy)
        await run_export(jobs.pdf_pack, snapshot, pdf, "a4")
        message = email_message.build_message(snapshot, session_copy, pdf)
        message_path = email_message.write_eml(message, folder / f"{session_copy.stem}.eml")
        attachments = [session_copy, pdf]
        return message_path, attachments, email_message.attachments_too_large(attachments)

    def _subject_and_body(self, message_path: Path) -> tuple[str, str]:
        import email
        from email import policy

        parsed = email.message_from_bytes(message_path.read_bytes(), policy=policy.default)
        return str(parsed["Subject"]), parsed.get_body(("plain",)).get_content()

    def _finish(self, message_path: Path | None) -> None:
        self.window.statusBar().clearMessage()
        self.finished.emit(message_path)

    def _tell(self, icon, text: str, message_path: Path | None) -> None:
        folder = message_path.parent if message_path is not None else None
        tell(self.window, self.tr("Share by email"), text, icon, self.tr("Show folder"), folder)
