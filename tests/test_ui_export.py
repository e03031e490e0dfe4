"""Exports from the app run off the GUI thread and report back on it (ARCHITECTURE.md, Outputs, Layers)."""

from __future__ import annotations

import pdfplumber
import pytest
from PySide6.QtWidgets import QMessageBox

from workshop import paths

pytestmark = pytest.mark.gui


def test_pdf_pack_is_built_in_the_background_and_reported(qtbot, window, tmp_path):
    target = tmp_path / "pack.pdf"
    with qtbot.waitSignal(window.exporter.finished, timeout=30000) as finished:
        window.exporter.export_pack(target, "letter")
        assert window.exporter.busy  # returned at once: the work is in the executor
    assert finished.args == [target]
    with pdfplumber.open(target) as pdf:
        assert round(pdf.pages[0].width) == 612
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "Checkout & Payments" in text
    report = next(box for box in window.findChildren(QMessageBox))
    assert "pages" in report.text()


def test_a_failed_export_is_one_sentence(qtbot, window, tmp_path):
    target = tmp_path / "missing-folder" / "pack.pdf"
    with qtbot.waitSignal(window.exporter.finished, timeout=30000) as finished:
        window.exporter.export_pack(target)
    assert finished.args == [None]
    report = next(box for box in window.findChildren(QMessageBox))
    assert "\n" not in report.text() and report.text().endswith(".")


def test_worksheets_from_the_app(qtbot, window, tmp_path):
    target = tmp_path / "sheets.pdf"
    with qtbot.waitSignal(window.exporter.finished, timeout=30000):
        window.exporter.export_worksheets(target)
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == 6


def test_share_by_email_prepares_a_message_with_both_files(qtbot, window):
    import email
    from email import policy

    window.sharer.open_mail_program = False  # no mail program in a test
    window.actions_by_name("Share by email…").trigger()
    preview = window.sharer.preview  # what will be sent and to whom comes first; nothing is written yet
    assert "Inès Moreau" in preview.to_label.text()
    assert not list((paths.data_dir() / "outbox").glob("*/*"))
    with qtbot.waitSignal(window.sharer.finished, timeout=30000) as finished:
        preview.prepare_button.click()
    message_path = finished.args[0]
    message = email.message_from_bytes(message_path.read_bytes(), policy=policy.default)
    assert "Checkout & Payments" in message["Subject"]
    attached = sorted(part.get_content() for part in message.iter_attachments())
    on_disk = sorted(p.read_bytes() for p in message_path.parent.iterdir() if p.suffix in (".okrw", ".pdf"))
    assert len(attached) == 2 and attached == on_disk  # byte for byte what was written
    session_copy = next(message_path.parent.glob("*.okrw"))
    from workshop.validation import validate_file

    assert len(validate_file(session_copy).rows[__import__("workshop.models").models.KeyResult]) == 14
