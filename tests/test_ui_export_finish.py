"""Exports finish the same way everywhere (issue 13, item 7): one notice with Open and Show folder,
dialogs beside the session file, the paper size in sight, a preview before sharing, plain words
when no mail program exists, Export and Share on the wrap-up page, titles on the start screen."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox, QToolButton

from tests.conftest import save_artifact
from ui import export_results, preferences
from ui.actions import ActionId
from ui.facilitator_window import FacilitatorWindow
from ui.start_screen import StartScreen
from workshop import agenda, models

pytestmark = pytest.mark.gui


def notice(win) -> QMessageBox:
    return win.findChild(QMessageBox, "exportNotice")


def button_texts(box: QMessageBox) -> list[str]:
    return [b.text() for b in box.buttons()]


def test_the_pdf_pack_ends_with_open_and_show_folder_and_uses_the_chosen_paper(
        qtbot, window, tmp_path, monkeypatch):
    asked = {}

    def dialog(_parent, title, suggested, _filter):
        asked.update(title=title, suggested=suggested)
        return str(tmp_path / "pack"), ""

    monkeypatch.setattr("ui.export_actions.QFileDialog.getSaveFileName", dialog)
    file_menu = window.menuBar().actions()[0].menu()
    paper_menu = next(a.menu() for a in file_menu.actions() if a.text() == "Paper size")
    next(a for a in paper_menu.actions() if a.text() == "US Letter").trigger()
    assert preferences.paper() == "letter"
    with qtbot.waitSignal(window.exporter.finished, timeout=30000):
        window.actions[ActionId.EXPORT_PDF].trigger()
    assert Path(asked["suggested"]).parent == window.model.service.store.path.parent  # beside the session file
    assert "US Letter" in asked["title"]
    with pdfplumber.open(tmp_path / "pack.pdf") as pdf:
        assert round(pdf.pages[0].width) == 612
    box = notice(window)
    assert {"Open", "Show folder"} <= set(button_texts(box)) and "US Letter" in box.text()
    assert not box.isModal()  # the meeting goes on while it is up
    opened = []
    monkeypatch.setattr(export_results, "open_with_system", lambda path: opened.append(path) or True)
    next(b for b in box.buttons() if b.text() == "Show folder").click()
    assert opened == [tmp_path]


def test_the_calendar_ends_with_the_same_notice(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.calendar_export.QFileDialog.getSaveFileName",
                        lambda *_args: (str(tmp_path / "reviews"), ""))
    window.actions[ActionId.EXPORT_CALENDAR].trigger()
    box = notice(window)
    assert {"Open", "Show folder"} <= set(button_texts(box)) and "reviews.ics" in box.text()


def test_share_shows_what_and_to_whom_then_says_plainly_there_is_no_mail_program(qtbot, window, monkeypatch):
    import email
    from email import policy

    handed, commands = [], []
    monkeypatch.setattr("ui.share.email_message.compose_command", lambda *args: commands.append(args) and None)
    monkeypatch.setattr("ui.share.open_with_system", lambda path: handed.append(path) or False)
    model = window.model
    ines, jonas = model.service.rows(models.Participant)[:2]
    model.set_field(models.Participant, ines.id, "email", "ines.moreau@example.com", "Email")
    model.set_field(models.Participant, jonas.id, "email", "not an address", "Email")
    window.actions[ActionId.SHARE].trigger()
    preview = window.sharer.preview
    assert "Inès Moreau <ines.moreau@example.com>" in preview.to_label.text()
    assert "No email address" in preview.to_label.text() and "Jonas Weißmann" in preview.to_label.text()
    save_artifact(preview, "share_preview")
    with qtbot.waitSignal(window.sharer.finished, timeout=30000) as finished:
        preview.prepare_button.click()
    draft = finished.args[0]
    box = notice(window)
    assert "No mail program was found" in box.text()
    assert draft.name in box.text() and str(draft.parent) in box.text()
    assert {"Open", "Show folder"} <= set(button_texts(box))
    assert handed == [draft]
    assert commands[0][-1] == ["ines.moreau@example.com"]  # the mail program would be given the address
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in message["To"].addresses] == ["ines.moreau@example.com"]


def test_the_participants_list_has_an_email_column(qtbot, window):
    window.model.go_to_step(agenda.PREPARATION)
    names = {w.accessibleName() for w in window.current_page().findChildren(QLineEdit)}
    assert any(name.startswith("Email") for name in names)


def test_cancelling_the_preview_writes_nothing(qtbot, window):
    finished = []
    window.sharer.finished.connect(finished.append)
    window.actions[ActionId.SHARE].trigger()
    window.sharer.preview.reject()
    assert window.sharer.preview is None and not window.sharer.busy and finished == []


def test_the_wrap_up_page_offers_export_and_share(qtbot, window):
    window.model.go_to_step(agenda.WRAP_UP)
    offered = {b.defaultAction() for b in window.current_page().findChildren(QToolButton) if b.defaultAction()}
    assert {window.actions[ActionId.EXPORT_PDF], window.actions[ActionId.SHARE]} <= offered


def test_recent_files_show_workshop_titles_without_opening_them(qtbot, controller, demo_file):
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    controller.close_workshop()
    assert isinstance(controller.window, StartScreen)
    demo_file.unlink()  # a title still shows only for files that exist; this one is gone
    controller.show_start()
    assert not hasattr(controller.window, "recent_list")
    assert preferences.recent_titles()[str(demo_file.resolve())] == "Q1 2027 OKR workshop"


def test_the_start_screen_lists_titles(qtbot, tmp_path):
    path = tmp_path / "a.okrw"
    path.write_bytes(b"")
    screen = StartScreen()
    qtbot.addWidget(screen)
    screen.show_files([path], [], {str(path.resolve()): "Équipe Süd — Q1 OKRs"})
    assert screen.recent_list.item(0).text().startswith("Équipe Süd — Q1 OKRs")


def test_a_refused_file_keeps_the_recent_list(qtbot, controller, demo_file, tmp_path):
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    controller.close_workshop()
    bad = tmp_path / "bad.okrw"
    bad.write_text("not a workshop")
    controller.open_file(bad)
    refusals = lambda: [w for w in controller.window.findChildren(QMessageBox) if w.isVisible()]  # noqa: E731
    qtbot.waitUntil(lambda: bool(refusals()), timeout=10000)
    assert controller.window.recent_list.count() == 1
    refusals()[0].close()
