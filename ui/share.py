"""Share by email…: a compact copy of the session and the PDF pack, attached to a ready message.

First a preview says what will be sent and to whom (the participants), with the subject, the two
attachments and the text; nothing is written before the facilitator agrees. Then the copy is made
with VACUUM INTO (store.save_copy) and the pack in the export worker; the message comes from
`exports.email_message`. Where `xdg-email` exists it opens the user's mail program with both files
attached; otherwise the message is saved as an .eml draft and the notice says so plainly, naming
the draft and its folder (Open, Show folder).
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)

from exports import email_message, jobs
from workshop import paths

from ui import preferences
from ui.export_actions import run_export
from ui.export_results import open_with_system, show_export_notice
from ui.jobs import JobSlot

MAX_NAMES_SHOWN = 12


def share_folder(now: datetime | None = None) -> Path:
    """A fresh folder for one share's files, in the app's data folder."""
    folder = paths.data_dir() / "outbox" / (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class SharePreview(QDialog):
    """What will be sent and to whom, before anything is written; "Prepare the email" goes on."""

    def __init__(self, parent: QWidget, snapshot):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Share by email"))
        self.setAccessibleName(self.tr("What will be sent"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        recipients = email_message.recipients(snapshot)
        addressed = [str(address) for address in recipients]
        known = {address.addr_spec for address in recipients}
        without = [p.name.strip() for p in snapshot.participants if p.name.strip() and p.email.strip() not in known]
        lines = [", ".join(addressed[:MAX_NAMES_SHOWN]) + self._more(addressed)] if addressed else []
        if without:
            lines.append(self.tr("No email address (add it in step 0, or in your mail program): %1")
                         .replace("%1", ", ".join(without[:MAX_NAMES_SHOWN]) + self._more(without)))
        to = "\n".join(lines) or self.tr("nobody yet: no participants are listed in step 0; "
                                          "add addresses in your mail program")
        self.to_label = QLabel(to, wordWrap=True)
        self.to_label.setTextFormat(Qt.TextFormat.PlainText)
        self.to_label.setAccessibleName(self.tr("To"))
        form.addRow(self.tr("To:"), self.to_label)
        subject = QLabel(email_message.subject_for(snapshot), wordWrap=True)
        subject.setTextFormat(Qt.TextFormat.PlainText)  # a team's name is text, never markup
        form.addRow(self.tr("Subject:"), subject)
        names = [email_message.real_file_name(snapshot, suffix, "workshop") for suffix in (".okrw", ".pdf")]
        paper = preferences.paper_name(preferences.paper())
        attachments = QLabel(self.tr("%1 (the workshop file)\n%2 (the PDF pack, %3)").replace("%1", names[0])
                             .replace("%2", names[1]).replace("%3", paper), wordWrap=True)
        attachments.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Attached:"), attachments)
        layout.addLayout(form)
        body = QPlainTextEdit(email_message.body_for(snapshot, names, True), readOnly=True)
        body.setAccessibleName(self.tr("Message text"))
        layout.addWidget(body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.prepare_button = buttons.addButton(self.tr("Prepare the email"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(560, 460)

    def _more(self, names: list[str]) -> str:
        extra = len(names) - MAX_NAMES_SHOWN
        return " " + self.tr("and %1 more").replace("%1", str(extra)) if extra > 0 else ""


class Sharer(QObject):
    """Prepares one message at a time; `finished(message path or None)` says how it ended."""

    finished = Signal(object)

    def __init__(self, window: QWidget, model, open_mail_program: bool = True):
        super().__init__(window)
        self.window, self.model = window, model
        self.open_mail_program = open_mail_program
        self.slot = JobSlot()  # keeps the running task, and says whether one is running
        self.preview: SharePreview | None = None

    @property
    def busy(self) -> bool:
        return self.slot.busy

    def share(self) -> None:
        """Show what will be sent; the files are written only once the facilitator agrees."""
        if self.busy or self.preview is not None:
            return
        self.preview = SharePreview(self.window, self.model.service.snapshot())
        self.preview.finished.connect(self._previewed)
        self.preview.open()

    def _previewed(self, result: int) -> None:
        self.preview = None
        if result != QDialog.DialogCode.Accepted:
            return
        self.window.statusBar().showMessage(self.tr("Preparing the email…"))
        self.slot.run(self._prepare, doing="preparing a message to share", parent=self.window,
                      progress=self.tr("Preparing the email…"), on_success=self._prepared,
                      on_failure=self._failed)

    def _failed(self, sentence: str, _error: BaseException) -> None:
        self._finish(None)
        show_export_notice(self.window, self.tr("Share by email"), sentence, None, warning=True)

    def _prepared(self, prepared: tuple[Path, list[Path], bool]) -> None:
        message_path, attachments, too_large = prepared
        lines = []
        to = [address.addr_spec for address in email_message.recipients(self.model.service.snapshot())]
        command = email_message.compose_command(message_path, attachments, *self._subject_and_body(message_path), to)
        if self.open_mail_program and command is not None:
            subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            lines.append(self.tr("Your mail program opens with the message and both files attached."))
        else:
            if command is None:
                lines.append(self.tr("No mail program was found to open the message directly."))
            lines.append(self.tr("The draft is %1, in %2, with both files attached: open it with your mail "
                                 "program, or attach the two files from that folder to a new message.")
                         .replace("%1", message_path.name).replace("%2", str(message_path.parent)))
            if self.open_mail_program:
                open_with_system(message_path)  # whatever opens .eml files here may be a mail program
        if too_large:
            lines.append(self.tr("Together the attachments are larger than most mail servers accept "
                                 "(about 18 MB); consider sending the PDF separately."))
        self._finish(message_path)
        show_export_notice(self.window, self.tr("Share by email"), "\n".join(lines), message_path,
                           warning=too_large or command is None)

    async def _prepare(self) -> tuple[Path, list[Path], bool]:
        snapshot = self.model.service.snapshot()
        folder = share_folder()
        session_copy = folder / email_message.real_file_name(snapshot, ".okrw", "workshop")
        pdf = folder / email_message.real_file_name(snapshot, ".pdf", "workshop")
        self.model.service.flush()  # the copy is made from the file: pending typing goes in first
        self.model.service.store.save_copy(session_copy)
        await run_export(jobs.pdf_pack, snapshot, pdf, preferences.paper())
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
