"""Shared fixtures: a private data folder per test, demo files, a session model on a fake clock.

Offscreen Qt gets two screens (laptop 1920×1080, projector 1280×720) so projector placement can
be tested; the environment is set before any QApplication exists.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ARTIFACTS = TESTS / "artifacts"

if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={TESTS / 'data' / 'screens.json'}"
os.environ.setdefault("QT_API", "pyside6")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own app data folder (untitled workshops, locks, settings) and log folder."""
    folder = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("OKR_WORKSHOP_DATA_DIR", str(folder))
    monkeypatch.setenv("OKR_WORKSHOP_LOG_DIR", str(folder / "logs"))
    return folder


@pytest.fixture
def demo_file(tmp_path) -> Path:
    from workshop.demo import write_demo

    path = tmp_path / "demo.okrw"
    write_demo(path).store.close()
    return path


@pytest.fixture
def controller(qtbot, event_loop_for_qt, fake_clock):
    """The app as started: an AppController showing the start screen, closed after the test."""
    from ui.app import AppController

    app_controller = AppController(clock=fake_clock)
    app_controller.show_start()
    yield app_controller
    app_controller._close_model()
    if app_controller.window is not None:
        app_controller.window.close()


@pytest.fixture
def fake_clock():
    from tests.fake_clock import FakeClock

    return FakeClock()


@pytest.fixture
def session_model(qapp, demo_file, fake_clock):
    """The demo workshop open in a SessionModel whose timer runs on a fake clock."""
    from ui.session_model import SessionModel
    from ui.theme import apply_theme
    from workshop.session import open_session

    apply_theme(qapp)  # as the app does: screenshots show what a person sees
    model = SessionModel(open_session(demo_file), clock=fake_clock)
    yield model
    model.close()


@pytest.fixture
def window(qtbot, session_model, event_loop_for_qt):
    """The facilitator window on the demo, as the app opens it (tests that need it sized or shown
    define their own)."""
    from ui.facilitator_window import FacilitatorWindow

    win = FacilitatorWindow(session_model)
    qtbot.addWidget(win)
    yield win
    win.close()  # closes its projector and the model with it


@pytest.fixture(scope="session", autouse=True)
def gui_thread_garbage_collection():
    """As in the app: cycles holding Qt objects are collected on the GUI thread only."""
    import gc

    from PySide6.QtWidgets import QApplication

    from ui.gc_guard import GuiThreadGarbageCollector

    app = QApplication.instance() or QApplication([])
    collector = GuiThreadGarbageCollector(app)
    yield collector
    gc.enable()


@pytest.fixture(autouse=True)
def no_message_box_outlives_its_test():
    """A notice a test left open (exports end in one) must not be read by the next test."""
    yield
    from PySide6.QtWidgets import QApplication, QMessageBox

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.close()


@pytest.fixture(scope="session")
def event_loop_for_qt(qapp):
    """One qasync loop for the whole run (a per-test loop that stops would quit the app)."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    executor = qasync.QThreadExecutor(2)
    loop.set_default_executor(executor)
    yield loop
    executor.shutdown(wait=True)  # its threads must end before Qt tears down


def save_artifact(widget, name: str) -> Path:
    """Save a screenshot to look at, after asserting it shows something: the widget's own size and,
    on a grid of sampled pixels, text or shapes (several colours, not one background)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    image = widget.grab().toImage()
    assert (image.width(), image.height()) == (widget.width(), widget.height()), name
    samples = [image.pixel(x * (image.width() - 1) // 59, y * (image.height() - 1) // 59)
               for x in range(60) for y in range(60)]
    background = max(set(samples), key=samples.count)
    drawn = sum(1 for pixel in samples if pixel != background) / len(samples)
    assert len(set(samples)) >= 3 and drawn >= 0.01, f"{name}: nothing visible ({drawn:.1%} drawn)"
    image.save(str(path))
    return path
