"""Import team files… as a facilitator uses it: choose the files, get the roll-up open with its overview."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from tests.rollup_fixtures import write_tampered_copy, write_team_files
from ui.actions import ActionId
from ui.facilitator_window import FacilitatorWindow
from ui.rollup_window import RollupWindow
from ui.start_screen import StartScreen

pytestmark = pytest.mark.gui


@pytest.fixture
def team_files(tmp_path):
    return list(write_team_files(tmp_path).values())


@pytest.fixture
def tampered(tmp_path, team_files):
    return write_tampered_copy(team_files[0], tmp_path)


def choose(monkeypatch, team_paths, target) -> None:
    monkeypatch.setattr("ui.rollup_import.QFileDialog.getOpenFileNames",
                        lambda *a, **k: ([str(p) for p in team_paths], ""))
    monkeypatch.setattr("ui.rollup_import.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))


def message_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def import_from_start_screen(controller) -> None:
    button = next(b for b in controller.window.findChildren(QPushButton) if b.accessibleName() == "Import team files…")
    button.click()


def tree_shape(view) -> list[tuple[str, int]]:
    tree = view.tree
    return [(tree.topLevelItem(i).text(0).split(":")[0], tree.topLevelItem(i).childCount())
            for i in range(tree.topLevelItemCount())]


def test_three_teams_roll_up_into_one_view_and_the_refused_file_is_listed(
        qtbot, controller, monkeypatch, tmp_path, team_files, tampered):
    choose(monkeypatch, [team_files[0], tampered, *team_files[1:]], tmp_path / "company")
    import_from_start_screen(controller)
    qtbot.waitUntil(lambda: isinstance(controller.window, RollupWindow) and bool(message_boxes()),
                    timeout=10000)

    assert controller.model.service.store.path == tmp_path / "company.okrw"  # the suffix is added
    assert QApplication.overrideCursor() is None  # the busy cursor went with the work
    refusal = message_boxes()[0].text().splitlines()
    assert refusal[0] == "The roll-up has 3 teams. These files were left out:"
    assert len(refusal) == 2 and refusal[1].startswith("• ") and "tampered.okrw" in refusal[1]

    view = controller.window
    assert view.summary.text() == "3 teams · 14 objectives · 43 key results"
    assert tree_shape(view) == [("Company objective 1", 9), ("Company objective 2", 3),
                                ("Company objective 3", 1), ("Not aligned to a company objective", 1)]
    unaligned = view.tree.topLevelItem(3).child(0)
    assert (unaligned.text(1), unaligned.childCount()) == ("Warehouses", 3)
    through = [view.tree.topLevelItem(0).child(i).text(0) for i in range(9)]
    assert sum("through the company key result: " in text for text in through) == 1
    findings = view.findings.text().splitlines()
    assert findings[0].startswith("⚠ Growth has 6 objectives")
    assert findings[1].startswith("⚠ Warehouses has 1 objective not aligned")
    message_boxes()[0].close()


def test_a_roll_up_opens_in_its_own_window_and_a_workshop_in_the_facilitator_window(
        qtbot, controller, monkeypatch, tmp_path, team_files, demo_file):
    choose(monkeypatch, team_files, tmp_path / "company.okrw")
    controller.import_team_files()
    qtbot.waitUntil(lambda: isinstance(controller.window, RollupWindow), timeout=10000)
    menu = [a.text() for a in controller.window.menuBar().actions()[0].menu().actions() if a.text()]
    assert menu == ["New workshop", "Open…", "Save As…", "Export roll-up PDF…", "Share by email…",
                    "Import team files…", "Close roll-up", "Quit"]
    assert "Company roll-up · company.okrw" in controller.window.windowTitle()

    pdf = tmp_path / "company.pdf"
    offered = []
    monkeypatch.setattr("ui.export_actions.QFileDialog.getSaveFileName",
                        lambda _parent, _title, suggested, _filters: offered.append(suggested) or (str(pdf), ""))
    with qtbot.waitSignal(controller.window.exporter.finished, timeout=30000):
        next(a for a in controller.window.menuBar().actions()[0].menu().actions()
             if a.text() == "Export roll-up PDF…").trigger()
    assert Path(offered[0]).name == "Company roll-up 2027-Q1.pdf"
    with pdfplumber.open(pdf) as document:
        first_page, second_page = (page.extract_text() for page in document.pages[:2])
    assert first_page.startswith("Company roll-up") and second_page.startswith("What to look at")
    next(box for box in controller.window.findChildren(QMessageBox)).close()

    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    controller.open_file(tmp_path / "company.okrw")  # from File > Open too
    qtbot.waitUntil(lambda: isinstance(controller.window, RollupWindow), timeout=10000)
    assert tree_shape(controller.window)[-1] == ("Not aligned to a company objective", 1)


def test_nothing_importable_says_so_and_writes_nothing(qtbot, controller, monkeypatch, tmp_path):
    junk = tmp_path / "holiday photos.okrw"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    choose(monkeypatch, [junk], tmp_path / "company.okrw")
    import_from_start_screen(controller)
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
    lines = message_boxes()[0].text().splitlines()
    assert lines[0] == "No team file could be imported, so no roll-up was written:"
    assert "holiday photos.okrw" in lines[1]
    assert isinstance(controller.window, StartScreen) and not (tmp_path / "company.okrw").exists()
    message_boxes()[0].close()


def test_the_roll_up_is_never_written_over_the_open_file(qtbot, controller, monkeypatch, demo_file, team_files):
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    before = demo_file.read_bytes()
    choose(monkeypatch, team_files, demo_file)
    controller.window.actions[ActionId.IMPORT_TEAMS].trigger()
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10000)
    assert message_boxes()[0].text() == "demo.okrw is open in this window; save the roll-up under another name."
    assert demo_file.read_bytes() == before and controller.model.service.store.path == demo_file
    message_boxes()[0].close()
